//! The plan: what the planner returns for a profile — the schedule year by year, the path of
//! each métier, what is left unfunded, the indicators, and reconversion paths. Every line says
//! which recommendations and which categories justify it.

use crate::funding::{ChannelTotal, FundingSummary};
use crate::needs::Need;
use crate::population::PopulationKind;
use crate::profile::CollectivityKind;
use crate::reconversion::Reconversion;
use crate::score::ScoreBreakdown;
use crate::statutory::Reserve;
use parcours_graph::ReferenceData;
use parcours_graph::ids::{ModuleId, RecNumber};
use parcours_graph::vocab::{Category, Channel, Horizon, Level, Maturity, Modality};
use schemars::JsonSchema;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use smallvec::SmallVec;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Version of the plan's JSON layout.
pub const SCHEMA_VERSION: u32 = 2;

/// Days in tenths, serialised as a decimal number (`12.5`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Days(pub u64);

impl Days {
    /// From whole days.
    pub fn whole(d: u64) -> Self {
        Days(d * 10)
    }
    /// Tenths of a day.
    pub fn tenths(self) -> u64 {
        self.0
    }
    /// As a float (for display and JSON).
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 10.0
    }
    /// The whole days at least as many as these (12.1 → 13).
    pub fn ceil_whole(self) -> u64 {
        self.0.div_ceil(10)
    }
}

impl std::fmt::Display for Days {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.is_multiple_of(10) {
            write!(f, "{}", self.0 / 10)
        } else {
            write!(f, "{},{}", self.0 / 10, self.0 % 10)
        }
    }
}

/// Days written for a French reader: thousands grouped by a no-break space, a decimal comma
/// (`27 331,5`); see [`Days::french`].
#[derive(Clone, Copy, Debug)]
pub struct FrenchDays {
    days: Days,
    separator: char,
}

impl Days {
    /// These days for a French reader: `27 331,5`, thousands grouped by a no-break space
    /// (U+00A0). The plain `Display` (`27331,5`) stays for CSV cells and the like.
    ///
    /// ```
    /// use parcours_planner::plan::Days;
    /// assert_eq!(Days(273_315).french().to_string(), "27\u{a0}331,5");
    /// assert_eq!(Days(120).french().to_string(), "12");
    /// ```
    pub fn french(self) -> FrenchDays {
        self.french_with('\u{a0}')
    }

    /// As [`Days::french`], thousands grouped by `separator` (HTML uses the narrow U+202F).
    pub fn french_with(self, separator: char) -> FrenchDays {
        FrenchDays {
            days: self,
            separator,
        }
    }
}

impl std::fmt::Display for FrenchDays {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let d = self.days.0;
        f.write_str(&parcours_graph::diagnostic::grouped_digits(
            d / 10,
            self.separator,
        ))?;
        if !d.is_multiple_of(10) {
            write!(f, ",{}", d % 10)?;
        }
        Ok(())
    }
}

impl JsonSchema for Days {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Days".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "number",
            "minimum": 0,
            "description": "A number of days (or a percentage) with one decimal."
        })
    }
}

impl Serialize for Days {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.as_f64())
    }
}

impl<'de> Deserialize<'de> for Days {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let x = f64::deserialize(d)?;
        if !(x.is_finite() && x >= 0.0 && x * 10.0 <= u64::MAX as f64) {
            return Err(D::Error::custom(format!(
                "{x} n'est pas un nombre de jours (positif, une décimale)"
            )));
        }
        Ok(Days((x * 10.0).round() as u64))
    }
}

/// The cost in euros of `days` at `cost_per_day` euros a day (rounded to the euro), when the
/// profile gives one.
/// The cost of `days` trainee-days at `cost_per_day` euros a day, rounded to the euro (`None`
/// without a price).
pub fn cost(cost_per_day: Option<u32>, days: Days) -> Option<u64> {
    cost_per_day.map(|c| days.0.saturating_mul(u64::from(c)).saturating_add(5) / 10)
}

/// The profile as the plan echoes it.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct ProfileSummary {
    /// Name.
    pub name: String,
    /// Kind (French label).
    #[serde(with = "crate::words::one")]
    #[schemars(with = "String")]
    pub kind: CollectivityKind,
    /// Population.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub population: Option<u32>,
    /// Department code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// Calendar year of year 1.
    pub first_year: u16,
    /// Maturity stage (French label).
    #[serde(with = "crate::words::one")]
    #[schemars(with = "String")]
    pub maturity: Maturity,
    /// Agents in the staff lines.
    pub agents: u64,
    /// Staff lines.
    pub metiers: usize,
    /// Managers in the managerial track.
    pub managers: u32,
    /// Elected officials in their track.
    pub elected_officials: u32,
    /// Trainee-days per year: the whole training budget (statutory training included).
    pub budget_days_per_year: u32,
    /// Most days per agent and year.
    pub max_days_per_agent: u32,
    /// Euros per trainee-day at a paying body, as the profile gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost_per_day: Option<u32>,
    /// The prices the plan is costed at, the euro budget, the payroll and its CNFPT levy.
    pub funding: FundingSummary,
    /// Horizon in years.
    pub horizon: u16,
    /// Hours in a training day.
    pub hours_per_day: u32,
    /// Where the current levels come from: measured (by Pix) or estimated.
    #[serde(default)]
    pub current_levels: LevelsOrigin,
}

/// Where a plan's current levels come from: the agents whose levels were measured (a Pix
/// campaign), the others estimated from the maturity stage (or the levels the profile gives).
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct LevelsOrigin {
    /// What measured them (`pix`), when the profile says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measured_by: Option<crate::profile::MeasuredBy>,
    /// Agents of the staff lines whose current levels were measured.
    pub measured_agents: u64,
    /// Agents of the staff lines whose current levels are estimated.
    pub estimated_agents: u64,
    /// True when the profile gives some levels by hand (levels, shares, counts or Pix scores
    /// for a whole métier): the estimate is not the maturity's alone.
    pub given: bool,
    /// Per métier with measured agents: its id, agents measured, headcount.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by_metier: Vec<MeasuredMetier>,
}

/// The agents of one métier whose current levels were measured.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct MeasuredMetier {
    /// Métier id.
    pub metier: String,
    /// Its name.
    pub name: String,
    /// Agents measured.
    pub measured: u64,
    /// Its headcount.
    pub headcount: u64,
}

/// One line of a year's schedule: sessions of one module.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct SessionLine<'d> {
    /// The module.
    pub module: Cow<'d, ModuleId>,
    /// Its title.
    pub title: Cow<'d, str>,
    /// The competency it develops.
    pub competency: Cow<'d, str>,
    /// The level it brings.
    pub level: Level,
    /// Modality (French label).
    #[serde(with = "crate::words::one")]
    #[schemars(with = "String")]
    pub modality: Modality,
    /// The métiers (or tracks) whose agents attend, with their agents (adding up to `agents`).
    pub by_metier: SmallVec<[MetierAgents<'d>; 4]>,
    /// Agents in all.
    pub agents: u64,
    /// Sessions to run: those of `composition` (none for self-training).
    pub sessions: u64,
    /// Who sits together: the agents of each session group (or of groups merged below the
    /// module's minimum) and the sizes of their sessions, balanced (see
    /// [`crate::sessions`]); empty for self-training.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub composition: Vec<SessionUnit>,
    /// Hours per agent.
    pub hours: u64,
    /// Trainee-days.
    pub days: Days,
    /// How it is funded (French label): see `docs/planning.md`, "Funding channels".
    #[serde(with = "crate::words::one")]
    #[schemars(with = "String")]
    pub channel: Channel,
    /// Cost in euros through its channel.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<u64>,
    /// Recommendations that justify it.
    pub recommendations: SmallVec<[u16; 8]>,
    /// Categories of the métiers that justify it.
    #[serde(with = "crate::words::many")]
    #[schemars(with = "Vec<String>")]
    pub categories: SmallVec<[Category; 3]>,
    /// Highest priority score among its items.
    pub score: u64,
    /// Score components of the highest-scoring item.
    pub score_components: ScoreBreakdown,
    /// Fewer agents than the module's minimum: a candidate for pooling with neighbours.
    pub pooling_candidate: bool,
    /// Due at 5 years.
    pub short_term: bool,
}

/// Agents of a line who sit together, and their sessions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct SessionUnit {
    /// The session groups gathered, by name (empty when the profile gives none): one, or
    /// several merged below the module's minimum.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<String>,
    /// Agents of each session, largest first: they differ by at most one.
    pub sizes: Vec<u64>,
}

/// The agents of one métier (or track) on a session line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct MetierAgents<'d> {
    /// The métier's (or track's) id.
    pub metier: Cow<'d, str>,
    /// Its agents on the line.
    pub agents: u64,
}

/// One year of the schedule.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct YearPlan<'d> {
    /// Calendar year.
    pub year: u16,
    /// Index in the plan, 1-based.
    pub index: u16,
    /// `"short"` (years 1–5) or `"long"`.
    #[serde(with = "crate::words::one")]
    #[schemars(with = "String")]
    pub horizon: Horizon,
    /// The collectivity's whole training budget for the year, trainee-days.
    pub training_budget_days: Days,
    /// Trainee-days reserved for statutory training (décret n° 2008-512) out of it.
    pub statutory_days: Days,
    /// Trainee-days available to the digital plan: min(digital share × training budget,
    /// training budget − statutory reserve).
    pub budget_days: Days,
    /// Trainee-days the digital plan uses.
    pub days_used: Days,
    /// Cost in euros (the sum of its lines').
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<u64>,
    /// Lines, agents, trainee-days and cost per funding channel (every channel, in a fixed
    /// order).
    pub by_channel: Vec<ChannelTotal>,
    /// Agents trained (sum over lines; one agent may attend several modules).
    pub agents_trained: u64,
    /// Trainer-days of its sessions: each session with a trainer (not self-training) counts
    /// its module's days — what the training service's capacity (`budget.sessions_per_year`
    /// or `budget.trainer_days_per_year`) limits.
    pub trainer_days: Days,
    /// The sessions, prerequisites first, then by priority.
    pub sessions: Vec<SessionLine<'d>>,
}

/// One step of a métier's path.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct PathStep<'d> {
    /// The module.
    pub module: Cow<'d, ModuleId>,
    /// Its title.
    pub title: Cow<'d, str>,
    /// Competency and level reached.
    pub competency: Cow<'d, str>,
    /// Level.
    pub level: Level,
    /// Agents who need it.
    pub agents: u64,
    /// Hours per agent.
    pub hours: u64,
    /// Due at 5 years.
    pub short_term: bool,
    /// Only there as a prerequisite of another step.
    pub prerequisite_only: bool,
    /// Score.
    pub score: u64,
    /// Agents scheduled, per calendar year.
    // Inline up to two years (most steps take one), as the recommendations up to four: a
    // department's plan has thousands of steps.
    pub scheduled: SmallVec<[(u16, u64); 2]>,
    /// Agents not funded within the horizon.
    pub unfunded: u64,
    /// Recommendations that justify it.
    pub recommendations: SmallVec<[u16; 4]>,
}

/// The training path of one métier (or track).
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct MetierPath<'d> {
    /// Métier or track id.
    pub metier: Cow<'d, str>,
    /// French name.
    pub name: Cow<'d, str>,
    /// What it is.
    pub kind: PopulationKind,
    /// Agents.
    pub headcount: u64,
    /// What the reports roll it up under: its session group when the profile gives some,
    /// else its field of action (a track: its own name; a declared métier without a field:
    /// « métiers déclarés »).
    #[serde(default)]
    pub family: String,
    /// Categories.
    #[serde(with = "crate::words::many")]
    #[schemars(with = "Vec<String>")]
    pub categories: Vec<Category>,
    /// The steps, prerequisites first, then by priority.
    pub steps: Vec<PathStep<'d>>,
}

/// What did not fit.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Unfunded {
    /// Métier or track.
    pub metier: String,
    /// Module, when one exists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub module: Option<ModuleId>,
    /// Competency.
    pub competency: String,
    /// Level.
    pub level: Level,
    /// Agents not trained.
    pub agents: u64,
    /// Trainee-days that would fund it.
    pub days: Days,
    /// Cost in euros, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<u64>,
    /// Due at 5 years.
    pub short_term: bool,
    /// Why: `budget` (no year had budget left for them when their turn came),
    /// `per_agent_cap` (the agents' yearly training time was full in every year that had
    /// budget left), `module_longer_than_cap` (the module alone is longer than the yearly cap
    /// per agent), `euro_budget` (taken off the plan to keep a year's cost within the euro
    /// budget), `no_module` (every provider excluded) or `no_module_for_audience` (every
    /// module providing it is made for other audiences).
    #[schemars(with = "String")]
    pub reason: UnfundedReason,
    /// Recommendations that justify it.
    pub recommendations: Vec<u16>,
    /// Score.
    pub score: u64,
}

/// Why a need is not funded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum UnfundedReason {
    /// No year had budget left for these agents when their turn came (or the budget was left
    /// where their prerequisites were not yet done).
    Budget,
    /// The agents' yearly training time was full in every year that had budget left for them.
    PerAgentCap,
    /// The module alone is longer than the yearly training time allowed per agent
    /// (`budget.max_days_per_agent`): no year can take it.
    ModuleLongerThanCap,
    /// Every module that provides the level was excluded by the profile.
    NoModule,
    /// Every module that provides the level is made for other audiences than the
    /// population's: none is given to it rather than a course meant for others.
    NoModuleForAudience,
    /// Scheduled, then taken off the plan so that a year's cost stays within the profile's
    /// euro budget.
    EuroBudget,
}

/// Coverage of a set of needs: agent-steps needed, and trained by year 5 and by the horizon.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Coverage {
    /// Agent-steps needed (an agent who needs two levels counts twice).
    pub needed: u64,
    /// Trained by the end of year 5.
    pub trained_by_year5: u64,
    /// Trained by the end of the horizon.
    pub trained_by_horizon: u64,
    /// Share trained by year 5, in percent (one decimal).
    pub share_year5: Days,
    /// Share trained by the horizon, in percent (one decimal).
    pub share_horizon: Days,
}

impl Coverage {
    pub(crate) fn add(&mut self, needed: u64, y5: u64, all: u64) {
        self.needed += needed;
        self.trained_by_year5 += y5;
        self.trained_by_horizon += all;
    }
    pub(crate) fn finish(&mut self) {
        let pct = |n: u64| {
            Days(
                (n * 1000 + self.needed / 2)
                    .checked_div(self.needed)
                    .unwrap_or(0),
            )
        };
        self.share_year5 = pct(self.trained_by_year5);
        self.share_horizon = pct(self.trained_by_horizon);
    }
}

/// Indicators of the plan.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Indicators {
    /// Per recommendation number (training ones that some need cites).
    pub recommendations: BTreeMap<u16, Coverage>,
    /// Per effect number.
    pub effects: BTreeMap<u16, Coverage>,
    /// Per category key.
    pub categories: BTreeMap<String, Coverage>,
    /// Every need.
    pub overall: Coverage,
    /// Needs due at 5 years.
    pub short_term: Coverage,
    /// Agents of the staff lines.
    pub agents: u64,
    /// Agents at *socle* in every core (Pix) competency they target (the common core and their
    /// family's) at the start.
    pub agents_at_socle_start: u64,
    /// … by the end of year 5.
    pub agents_at_socle_year5: u64,
    /// … by the end of the horizon.
    pub agents_at_socle_horizon: u64,
    /// … by the end of each year of the plan, year 1 first.
    #[serde(default)]
    pub agents_at_socle_by_year: Vec<u64>,
    /// Trainee-days used in all (by the digital plan).
    pub days_used: Days,
    /// Trainee-days available to the digital plan in all (the statutory reserve aside).
    pub days_available: Days,
    /// Trainee-days that would fund everything left.
    pub days_unfunded: Days,
    /// Total cost in euros.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<u64>,
    /// Lines, agents, trainee-days and cost per funding channel over the horizon.
    pub by_channel: Vec<ChannelTotal>,
    /// Lines flagged for pooling.
    pub pooling_candidates: usize,
    /// Value of every step placed within the horizon (score × agents: level 3 of the
    /// objective) and its ceiling, for comparisons.
    pub value: u128,
    /// Value if everything were funded.
    pub value_ceiling: u128,
    /// Whether the plan puts the core socle for every agent first (the profile's
    /// `socle_first`, « priorité au socle pour tous »).
    #[serde(default)]
    pub socle_first: bool,
    /// The plan's objective, level by level ([`crate::problem::Objective`]): what the
    /// scheduler maximises, in that order; compare two plans with it.
    #[serde(default)]
    pub objective: crate::problem::Objective,
    /// Each level of the objective if everything were funded on time.
    #[serde(default)]
    pub objective_ceiling: crate::problem::Objective,
}

/// What batch runs add up from a plan: each year's modules with their agents, sessions and
/// days, and the plan's totals. The schedule without its rationale (métiers, recommendations,
/// scores), the needs, the paths and the indicators' coverage: [`crate::planner::Planner::totals`] computes
/// it without building them, [`Plan::totals`] reads it off a plan; both agree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Totals<'d> {
    /// Agents of the profile's métiers ([`ProfileSummary::agents`]).
    pub agents: u64,
    /// Year by year, in the plan's order.
    pub years: Vec<YearTotals<'d>>,
    /// Trainee-days used ([`Indicators::days_used`]).
    pub days_used: Days,
    /// Trainee-days available ([`Indicators::days_available`]).
    pub days_available: Days,
    /// Trainee-days of what did not fit ([`Indicators::days_unfunded`]).
    pub days_unfunded: Days,
    /// Cost of the plan ([`Indicators::cost`]).
    pub cost: Option<u64>,
    /// Cost per funding channel, in [`Channel::ALL`]'s order ([`Indicators::by_channel`]).
    pub cost_by_channel: [u64; 4],
}

/// One year of [`Totals`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearTotals<'d> {
    /// Calendar year.
    pub year: u16,
    /// The year's modules, in the order of [`YearPlan::sessions`].
    pub sessions: Vec<SessionTotals<'d>>,
}

/// One module of a year in [`Totals`]: the figures of its [`SessionLine`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionTotals<'d> {
    /// The module.
    pub module: &'d ModuleId,
    /// Agents in all.
    pub agents: u64,
    /// Sessions to run.
    pub sessions: u64,
    /// Trainee-days.
    pub days: Days,
    /// Fewer agents than the module's minimum.
    pub pooling_candidate: bool,
    /// How it is funded.
    pub channel: Channel,
    /// Its cost in euros.
    pub cost: u64,
}

impl<'d> Plan<'d> {
    /// The plan's [`Totals`].
    pub fn totals(&self) -> Totals<'_> {
        Totals {
            agents: self.profile.agents,
            years: self
                .years
                .iter()
                .map(|y| YearTotals {
                    year: y.year,
                    sessions: y
                        .sessions
                        .iter()
                        .map(|s| SessionTotals {
                            module: &s.module,
                            agents: s.agents,
                            sessions: s.sessions,
                            days: s.days,
                            pooling_candidate: s.pooling_candidate,
                            channel: s.channel,
                            cost: s.cost.unwrap_or(0),
                        })
                        .collect(),
                })
                .collect(),
            days_used: self.indicators.days_used,
            days_available: self.indicators.days_available,
            days_unfunded: self.indicators.days_unfunded,
            cost: self.indicators.cost,
            cost_by_channel: channel_costs(&self.indicators.by_channel),
        }
    }
}

/// The costs of `totals` (one per channel, [`Channel::ALL`]'s order) as an array.
pub fn channel_costs(totals: &[ChannelTotal]) -> [u64; 4] {
    let mut out = [0; 4];
    for t in totals {
        if let Some(k) = Channel::ALL.iter().position(|&c| c == t.channel) {
            out[k] = t.cost;
        }
    }
    out
}

/// A complete plan.
// It borrows module ids, titles and competency ids from the reference data (`'d`) rather than
// copying them into every line, step and need: a department's plan has thousands.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Plan<'d> {
    /// Version of this layout.
    pub schema_version: u32,
    /// The profile, summarised.
    pub profile: ProfileSummary,
    /// Year by year.
    pub years: Vec<YearPlan<'d>>,
    /// Gaps per métier and competency.
    pub needs: Vec<Need<'d>>,
    /// Paths per métier.
    pub paths: Vec<MetierPath<'d>>,
    /// What did not fit.
    pub unfunded: Vec<Unfunded>,
    /// Indicators.
    pub indicators: Indicators,
    /// Reconversion paths for the shrinking métiers present.
    pub reconversions: Vec<Reconversion>,
    /// The statutory reserve taken out of the training budget each year, how it follows from
    /// the profile, and the digital days it leaves.
    pub statutory: Reserve,
    /// What the plan does not do: populations without training by year 5, priority
    /// recommendations under half at five years ([`crate::left_out`]), with the budget that
    /// would change each when the `plan` command computed it.
    #[serde(default)]
    pub warnings: Vec<crate::left_out::PlanWarning>,
}

/// The effects of the recommendations, for renderers.
pub fn effect_of(data: &ReferenceData, r: u16) -> Option<u16> {
    data.recommendation(RecNumber(r)).map(|r| r.effect.0)
}
