//! The plan: what the planner returns for a profile — the schedule year by year, the path of
//! each métier, what is left unfunded, the indicators, and reconversion paths. Every line says
//! which recommendations and which categories justify it.

use crate::buckets::bucket_sort;
use crate::check::CheckedProfile;
use crate::needs::{Concern, Demand, ItemInfo, Need, Tables, demand};
use crate::options::Detail;
use crate::parallel::Parallelism;
use crate::population::{CategoryMask, Histogram, Population, PopulationKind, populations};
use crate::problem::{Allocation, Item, Problem};
use crate::profile::Profile;
use crate::reconversion::{MetierGraph, Reconversion, reconversions};
use crate::schedule::{Schedules, greedy_with};
use crate::score::ScoreBreakdown;
use parcours_graph::diagnostic::Diagnostic;
use parcours_graph::ids::{ModuleId, RecNumber};
use parcours_graph::model::{Module, Prerequisite};
use parcours_graph::vocab::{Category, Level};
use parcours_graph::{Graph, ReferenceData};
use schemars::JsonSchema;
use serde::{Serialize, Serializer};
use smallvec::SmallVec;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};

/// Version of the plan's JSON layout.
pub const SCHEMA_VERSION: u32 = 1;

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

/// The cost in euros of `days` at `cost_per_day` euros a day (rounded to the euro), when the
/// profile gives one.
/// The cost of `days` trainee-days at `cost_per_day` euros a day, rounded to the euro (`None`
/// without a price).
pub fn cost(cost_per_day: Option<u32>, days: Days) -> Option<u64> {
    cost_per_day.map(|c| days.0.saturating_mul(u64::from(c)).saturating_add(5) / 10)
}

/// Agents of the profile's métiers (tracks of managers and elected officials excluded).
fn staff_agents(pops: &[Population]) -> u64 {
    pops.iter()
        .filter(|p| p.kind != PopulationKind::Track)
        .map(|p| p.headcount)
        .sum()
}

/// Agents of item `it` left unscheduled by its row of the allocation.
fn unscheduled(it: &ItemInfo, row: &[u64]) -> u64 {
    it.agents - row.iter().sum::<u64>()
}

/// Tenths of days for `hours`, rounded half up.
fn tenths(hours: u64, hours_per_day: u64) -> u64 {
    (hours * 10 + hours_per_day / 2) / hours_per_day
}

/// The profile as the plan echoes it.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct ProfileSummary {
    /// Name.
    pub name: String,
    /// Kind (French label).
    pub kind: &'static str,
    /// Population.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub population: Option<u32>,
    /// Department code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// Calendar year of year 1.
    pub first_year: u16,
    /// Maturity stage (French label).
    pub maturity: &'static str,
    /// Agents in the staff lines.
    pub agents: u64,
    /// Staff lines.
    pub metiers: usize,
    /// Managers in the managerial track.
    pub managers: u32,
    /// Elected officials in their track.
    pub elected_officials: u32,
    /// Trainee-days per year.
    pub budget_days_per_year: u32,
    /// Most days per agent and year.
    pub max_days_per_agent: u32,
    /// Euros per trainee-day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost_per_day: Option<u32>,
    /// Horizon in years.
    pub horizon: u16,
    /// Hours in a training day.
    pub hours_per_day: u32,
}

/// One line of a year's schedule: sessions of one module.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct SessionLine<'d> {
    /// The module.
    pub module: &'d ModuleId,
    /// Its title.
    pub title: &'d str,
    /// The competency it develops.
    pub competency: &'d str,
    /// The level it brings.
    pub level: Level,
    /// Modality (French label).
    pub modality: &'static str,
    /// The métiers (or tracks) whose agents attend.
    pub metiers: SmallVec<[Cow<'d, str>; 4]>,
    /// Agents per métier, in the order of `metiers`.
    pub agents_by_metier: SmallVec<[u64; 4]>,
    /// Agents in all.
    pub agents: u64,
    /// Sessions to run (from the module's maximum participants).
    pub sessions: u64,
    /// Hours per agent.
    pub hours: u64,
    /// Trainee-days.
    pub days: Days,
    /// Cost in euros, when the profile gives a cost per day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<u64>,
    /// Recommendations that justify it.
    pub recommendations: SmallVec<[u16; 8]>,
    /// Categories of the métiers that justify it.
    pub categories: SmallVec<[&'static str; 3]>,
    /// Highest priority score among its items.
    pub score: u64,
    /// Score components of the highest-scoring item.
    pub score_components: ScoreBreakdown,
    /// Fewer agents than the module's minimum: a candidate for pooling with neighbours.
    pub pooling_candidate: bool,
    /// Due at 5 years.
    pub short_term: bool,
}

/// One year of the schedule.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct YearPlan<'d> {
    /// Calendar year.
    pub year: u16,
    /// Index in the plan, 1-based.
    pub index: u16,
    /// `"short"` (years 1–5) or `"long"`.
    pub horizon: &'static str,
    /// Trainee-days available.
    pub budget_days: Days,
    /// Trainee-days used.
    pub days_used: Days,
    /// Cost in euros, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<u64>,
    /// Agents trained (sum over lines; one agent may attend several modules).
    pub agents_trained: u64,
    /// The sessions, prerequisites first, then by priority.
    pub sessions: Vec<SessionLine<'d>>,
}

/// One step of a métier's path.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct PathStep<'d> {
    /// The module.
    pub module: &'d ModuleId,
    /// Its title.
    pub title: &'d str,
    /// Competency and level reached.
    pub competency: &'d str,
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
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct MetierPath<'d> {
    /// Métier or track id.
    pub metier: Cow<'d, str>,
    /// French name.
    pub name: Cow<'d, str>,
    /// What it is.
    pub kind: PopulationKind,
    /// Agents.
    pub headcount: u64,
    /// Categories.
    pub categories: Vec<&'static str>,
    /// The steps, prerequisites first, then by priority.
    pub steps: Vec<PathStep<'d>>,
}

/// What did not fit.
#[derive(Clone, Debug, Serialize, JsonSchema)]
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
    /// Why: `budget` (every year's budget was spent), `per_agent_cap` (the agents' yearly
    /// training time was full whenever budget was left), `module_longer_than_cap` (the module
    /// alone exceeds the yearly cap per agent), `prerequisites` (its prerequisites came too late
    /// for the horizon) or `no_module` (every provider excluded).
    pub reason: &'static str,
    /// Recommendations that justify it.
    pub recommendations: Vec<u16>,
    /// Score.
    pub score: u64,
}

/// Coverage of a set of needs: agent-steps needed, and trained by year 5 and by the horizon.
#[derive(Clone, Debug, Default, Serialize, JsonSchema)]
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
    fn add(&mut self, needed: u64, y5: u64, all: u64) {
        self.needed += needed;
        self.trained_by_year5 += y5;
        self.trained_by_horizon += all;
    }
    fn finish(&mut self) {
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
#[derive(Clone, Debug, Default, Serialize, JsonSchema)]
pub struct Indicators {
    /// Per recommendation number (training ones that some need cites).
    pub recommendations: BTreeMap<u16, Coverage>,
    /// Per effect number.
    pub effects: BTreeMap<u16, Coverage>,
    /// Per category key.
    pub categories: BTreeMap<&'static str, Coverage>,
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
    /// Trainee-days used in all.
    pub days_used: Days,
    /// Trainee-days available in all.
    pub days_available: Days,
    /// Trainee-days that would fund everything left.
    pub days_unfunded: Days,
    /// Total cost in euros, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<u64>,
    /// Lines flagged for pooling.
    pub pooling_candidates: usize,
    /// Value of the schedule (`Problem::value`) and its ceiling, for comparisons.
    pub value: u128,
    /// Value if everything were funded on time.
    pub value_ceiling: u128,
}

/// What batch runs add up from a plan: each year's modules with their agents, sessions and
/// days, and the plan's totals. The schedule without its rationale (métiers, recommendations,
/// scores), the needs, the paths and the indicators' coverage: [`Planner::totals`] computes
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
    /// Cost of the days used, when the profile gives a cost per day ([`Indicators::cost`]).
    pub cost: Option<u64>,
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
}

impl<'d> Plan<'d> {
    /// The plan's [`Totals`].
    pub fn totals(&self) -> Totals<'d> {
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
                            module: s.module,
                            agents: s.agents,
                            sessions: s.sessions,
                            days: s.days,
                            pooling_candidate: s.pooling_candidate,
                        })
                        .collect(),
                })
                .collect(),
            days_used: self.indicators.days_used,
            days_available: self.indicators.days_available,
            days_unfunded: self.indicators.days_unfunded,
            cost: self.indicators.cost,
        }
    }
}

/// A complete plan.
// It borrows module ids, titles and competency ids from the reference data (`'d`) rather than
// copying them into every line, step and need: a department's plan has thousands.
#[derive(Clone, Debug, Serialize, JsonSchema)]
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
}

/// Depth of every module in the prerequisite order, by module index (position in
/// [`ReferenceData::modules`]): a module comes after every module that can provide one of its
/// prerequisites (the level below, explicit levels, explicit modules).
pub fn module_depths(data: &ReferenceData) -> Vec<u32> {
    fn visit(
        data: &ReferenceData,
        m: &Module,
        memo: &mut BTreeMap<ModuleId, u32>,
        on: &mut BTreeSet<ModuleId>,
    ) -> u32 {
        if let Some(d) = memo.get(&m.id) {
            return *d;
        }
        if !on.insert(m.id.clone()) {
            return 0; // a cycle (rejected by validation): stop here
        }
        let mut before: Vec<&Module> = Vec::new();
        let min = data
            .competency(&m.competency)
            .map_or(Level::Socle, |c| c.min);
        if let Some(b) = m.level.below()
            && b >= min
        {
            before.extend(data.providers(&m.competency, b));
        }
        for p in &m.prerequisites {
            match p {
                Prerequisite::Competency { competency, level } => {
                    before.extend(data.providers(competency, *level))
                }
                Prerequisite::Module(id) => before.extend(data.module(id)),
            }
        }
        let d = before
            .into_iter()
            .map(|b| visit(data, b, memo, on) + 1)
            .max()
            .unwrap_or(0);
        on.remove(&m.id);
        memo.insert(m.id.clone(), d);
        d
    }
    let mut memo = BTreeMap::new();
    let mut on = BTreeSet::new();
    data.modules
        .iter()
        .map(|m| visit(data, m, &mut memo, &mut on))
        .collect()
}

/// The order of lines in a year and of steps in a path, per module index: prerequisites first
/// (depth), the id's rank among all ids breaking ties.
#[derive(Clone, Debug)]
struct ModuleOrder {
    depth: Vec<u32>,
    id_rank: Vec<u32>,
}

impl ModuleOrder {
    fn new(data: &ReferenceData) -> Self {
        let mut by_id: Vec<usize> = (0..data.modules.len()).collect();
        by_id.sort_by(|&a, &b| data.modules[a].id.cmp(&data.modules[b].id));
        let mut id_rank = vec![0; by_id.len()];
        for (r, &i) in by_id.iter().enumerate() {
            id_rank[i] = r as u32;
        }
        ModuleOrder {
            depth: module_depths(data),
            id_rank,
        }
    }

    /// The place of module `m` (an index) with priority `score` in a year or a path:
    /// prerequisites first (depth), then the highest score, then the id. Unique for a module.
    fn place(&self, m: usize, score: u64) -> u128 {
        u128::from(self.depth[m]) << 96
            | u128::from(u64::MAX - score) << 32
            | u128::from(self.id_rank[m])
    }
}

/// A planner for one reference graph: holds what every plan reuses (module depths, the tables
/// the needs read, and the métier graph of reconversions, built on first use). Cheap to share
/// across threads. Its plans borrow from the reference data (`'d`), not from the planner or
/// the graph (`'g`).
#[derive(Debug)]
pub struct Planner<'g, 'd> {
    graph: &'g Graph<'d>,
    order: ModuleOrder,
    metiers: OnceLock<MetierGraph>,
    concern: Concern,
    schedules: Option<Arc<dyn Schedules>>,
    tables: Tables,
    parallelism: Parallelism,
}

impl<'g, 'd> Planner<'g, 'd> {
    /// Prepares a planner.
    pub fn new(graph: &'g Graph<'d>) -> Self {
        Planner {
            graph,
            order: ModuleOrder::new(graph.data()),
            metiers: OnceLock::new(),
            concern: Concern::new(graph.data()),
            schedules: None,
            tables: Tables::new(graph.data()),
            parallelism: Parallelism::default(),
        }
    }

    /// The same planner, using a second thread as `parallelism` says (by default, rayon's
    /// global pool on large plans). The plans are the same.
    ///
    /// ```
    /// use parcours_graph::{Graph, ReferenceData};
    /// use parcours_import::formats::{self, Format};
    /// use parcours_planner::{parallel::Parallelism, plan::Planner};
    /// let data = ReferenceData::embedded().unwrap();
    /// let graph = Graph::new(&data);
    /// let p = formats::load(&data, "t.ron", formats::TEMPLATE, Format::Ron).unwrap();
    /// let one = Planner::new(&graph).with_parallelism(Parallelism::Off);
    /// assert_eq!(
    ///     one.totals(&p),
    ///     Planner::new(&graph).totals(&p)
    /// );
    /// ```
    pub fn with_parallelism(mut self, parallelism: Parallelism) -> Self {
        self.parallelism = parallelism;
        self
    }

    /// The same planner, taking its schedules from `schedules` (a store of schedules already
    /// computed, such as `parcours-batch`'s memo) instead of running the greedy for every
    /// problem. `schedules` must return what [`greedy_with`] returns: the plans are the same.
    pub fn with_schedules(mut self, schedules: Arc<dyn Schedules>) -> Self {
        self.schedules = Some(schedules);
        self
    }

    /// Checks `profile` against this planner's reference data (see [`CheckedProfile::new`]):
    /// the profile ready to plan, or every problem found.
    pub fn check(&self, profile: Profile) -> Result<CheckedProfile, Vec<Diagnostic>> {
        CheckedProfile::new(profile, self.graph.data())
    }

    /// Plans a checked profile, in full.
    ///
    /// ```
    /// use parcours_graph::{Graph, ReferenceData};
    /// use parcours_import::formats::{self, Format};
    /// use parcours_planner::plan::Planner;
    /// let data = ReferenceData::embedded().unwrap();
    /// let graph = Graph::new(&data);
    /// let p = formats::load(&data, "t.ron", formats::TEMPLATE, Format::Ron).unwrap();
    /// let result = Planner::new(&graph).plan(&p);
    /// assert_eq!(result.years.len(), 10);
    /// assert!(result.years.iter().all(|y| y.days_used <= y.budget_days));
    /// ```
    pub fn plan(&self, profile: &CheckedProfile) -> Plan<'d> {
        self.plan_with(profile, Detail::Full)
    }

    /// Plans a profile, building as much of the plan as `detail` says.
    pub fn plan_with(&self, profile: &CheckedProfile, detail: Detail) -> Plan<'d> {
        let pops = self.populations(profile);
        // The reconversions do not depend on the schedule: on a large profile they are found
        // on another thread while the needs are computed and scheduled (the same result).
        let reconversions = || match detail {
            Detail::Full => self.reconversions(profile, &pops),
            Detail::Schedule => Vec::new(),
        };
        // The problem's cells, estimated before it exists from the targets (their items are
        // the levels the agents lack, and the prerequisites these need).
        let cells =
            pops.iter().map(|p| p.targets.len()).sum::<usize>() * usize::from(profile.horizon);
        let two = detail == Detail::Full && self.parallelism.two_threads(cells);
        let (scheduled, reconversions) =
            self.parallelism
                .fork(two, || self.schedule(profile, &pops), reconversions);
        let solution = Solution::new(profile.profile().clone(), pops, scheduled);
        self.assemble(solution, detail, reconversions)
    }

    /// The [`Totals`] of the plan of `profile` (the same as
    /// `self.plan(profile, options).totals()`), without building the plan's rationale, needs,
    /// paths and indicators: what batch runs add up. `options.detail` is not used.
    ///
    /// ```
    /// use parcours_graph::{Graph, ReferenceData};
    /// use parcours_planner::plan::Planner;
    /// use parcours_import::formats::{self, Format};
    /// let data = ReferenceData::embedded().unwrap();
    /// let graph = Graph::new(&data);
    /// let planner = Planner::new(&graph);
    /// let p = formats::load(&data, "t.ron", formats::TEMPLATE, Format::Ron).unwrap();
    /// let totals = planner.totals(&p);
    /// assert_eq!(totals, planner.plan(&p).totals());
    /// assert!(totals.days_used <= totals.days_available);
    /// ```
    pub fn totals(&self, profile: &CheckedProfile) -> Totals<'d> {
        let Solution {
            profile,
            populations: pops,
            items,
            alloc,
            ..
        } = self.solve(profile);
        let data = self.graph.data();
        let hpd = u64::from(data.planning.hours_per_day.max(1));
        let years = usize::from(profile.horizon);
        let mut out = Vec::with_capacity(years);
        each_year(
            data,
            &items,
            &alloc,
            &self.order,
            hpd,
            years,
            |y, groups| {
                out.push(YearTotals {
                    year: profile.first_year + y as u16,
                    sessions: groups
                        .iter()
                        .map(|g| {
                            let m = &data.modules[g.module];
                            SessionTotals {
                                module: &m.id,
                                agents: g.agents,
                                sessions: g.sessions(m),
                                days: g.days,
                                pooling_candidate: g.underfilled(m),
                            }
                        })
                        .collect(),
                });
            },
        );
        let days_used = Days(out.iter().flat_map(|y| &y.sessions).map(|s| s.days.0).sum());
        // As in `unfunded`: each item's unscheduled agents, its days rounded once.
        let days_unfunded = Days(
            items
                .iter()
                .zip(alloc.rows())
                .map(|(it, row)| tenths(it.hours * unscheduled(it, row), hpd))
                .sum(),
        );
        Totals {
            agents: staff_agents(&pops),
            years: out,
            days_used,
            days_available: Days(
                years as u64 * Days::whole(u64::from(profile.budget.days_per_year)).0,
            ),
            days_unfunded,
            cost: cost(profile.budget.cost_per_day, days_used),
        }
    }

    /// The intermediate result of planning: the populations, needs and items, the scheduling
    /// problem and its allocation. [`Planner::plan`] turns it into a [`Plan`]; tests use it to
    /// check every constraint exactly.
    pub fn solve(&self, profile: &CheckedProfile) -> Solution<'d> {
        let pops = self.populations(profile);
        let scheduled = self.schedule(profile, &pops);
        Solution::new(profile.profile().clone(), pops, scheduled)
    }

    /// The populations of a profile.
    fn populations(&self, profile: &CheckedProfile) -> Vec<Population<'d>> {
        populations(self.graph.data(), profile)
    }

    /// The reconversion paths of the profile's shrinking métiers (none without any).
    fn reconversions(&self, profile: &Profile, pops: &[Population<'d>]) -> Vec<Reconversion> {
        let shrinking_present = pops.iter().any(|p| {
            p.kind == PopulationKind::Metier
                && p.headcount > 0
                && p.categories.contains(&Category::Shrinking)
        });
        if !shrinking_present {
            return Vec::new();
        }
        let data = self.graph.data();
        let mg = self.metiers.get_or_init(|| MetierGraph::new(data));
        reconversions(self.graph, profile, pops, mg)
    }

    /// The needs and items of `profile`'s populations, the scheduling problem they make and
    /// its allocation.
    fn schedule(&self, profile: &Profile, pops: &[Population<'d>]) -> Scheduled<'d> {
        let data = self.graph.data();
        let hpd = u64::from(data.planning.hours_per_day.max(1));
        let years = usize::from(profile.horizon);
        let short_years = years.min(5);
        let Demand { needs, items, deps } =
            demand(data, profile, pops, &self.concern, &self.tables);
        let problem = Problem {
            years,
            short_years,
            budget_hours: vec![u64::from(profile.budget.days_per_year) * hpd; years],
            cap_hours: u64::from(profile.budget.max_days_per_agent) * hpd,
            items: items
                .iter()
                .zip(deps)
                .map(|(it, deps)| Item {
                    group: it.population,
                    hours: it.hours,
                    agents: it.agents,
                    // The priority score is per training hour: an item's value is its score
                    // times the trainee-hours it delivers, so the budget goes to the highest
                    // priorities first whatever the length of their modules.
                    score: it.score.total * it.hours,
                    short_term: it.short_term,
                    deps,
                })
                .collect(),
        };
        let alloc = match &self.schedules {
            Some(s) => s.schedule(&problem, &self.parallelism),
            None => greedy_with(&problem, &self.parallelism),
        };
        Scheduled {
            needs,
            items,
            problem,
            alloc,
        }
    }

    fn assemble(
        &self,
        solution: Solution<'d>,
        detail: Detail,
        reconversions: Vec<Reconversion>,
    ) -> Plan<'d> {
        let Solution {
            profile,
            populations: pops,
            needs,
            items,
            problem,
            alloc,
        } = solution;
        let graph = self.graph;
        let order = &self.order;
        let data = graph.data();
        let hpd = u64::from(data.planning.hours_per_day.max(1));
        let short_years = problem.short_years;
        let cost_per_day = profile.budget.cost_per_day;
        let cost_of = |d: Days| cost(cost_per_day, d);
        let categories = category_masks(&pops);
        // The year plans and the unfunded needs on one side; the indicators (but for the sums
        // of the other side) and the paths (full detail only) on the other.
        let schedule_views = || {
            let years = year_plans(
                data,
                &profile,
                &pops,
                &categories,
                &items,
                &alloc,
                order,
                hpd,
                short_years,
                &cost_of,
            );
            let unfunded = unfunded(data, &pops, &items, &needs, &alloc, &problem, hpd, &cost_of);
            (years, unfunded)
        };
        let full = detail == Detail::Full;
        let other_views = || {
            let indicators = indicators(
                data,
                &self.tables,
                &profile,
                &pops,
                &categories,
                &items,
                &needs,
                &alloc,
                &problem,
            );
            let paths = if full {
                paths(data, &profile, &pops, &items, &alloc, order)
            } else {
                Vec::new()
            };
            (indicators, paths)
        };
        // Both sides take about as long (on the department's plan, about 0.4 ms each); on
        // large plans they run on two threads, like the greedy's passes (the result is the
        // same).
        let two = self
            .parallelism
            .two_threads(problem.items.len() * problem.years);
        let ((years_out, unfunded), (mut indicators, paths)) =
            self.parallelism.fork(two, schedule_views, other_views);
        add_totals(&mut indicators, &years_out, &unfunded, &cost_of);
        let total_agents = staff_agents(&pops);
        Plan {
            schema_version: SCHEMA_VERSION,
            profile: ProfileSummary {
                name: profile.name.clone(),
                kind: profile.kind.label(),
                population: profile.population,
                department: profile.department.clone(),
                first_year: profile.first_year,
                maturity: profile.maturity.label(),
                agents: total_agents,
                metiers: profile.staff.len(),
                managers: profile.managers,
                elected_officials: profile.elected_officials,
                budget_days_per_year: profile.budget.days_per_year,
                max_days_per_agent: profile.budget.max_days_per_agent,
                cost_per_day: profile.budget.cost_per_day,
                horizon: profile.horizon,
                hours_per_day: data.planning.hours_per_day,
            },
            years: years_out,
            needs,
            paths,
            unfunded,
            indicators,
            reconversions,
        }
    }
}

/// What [`Planner::solve`] returns.
#[derive(Clone, Debug)]
pub struct Solution<'d> {
    /// The profile, with the run's options applied.
    pub profile: Profile,
    /// The populations planned.
    pub populations: Vec<Population<'d>>,
    /// Gaps per population and competency.
    pub needs: Vec<Need<'d>>,
    /// The items (one per population and module).
    pub items: Vec<ItemInfo>,
    /// The scheduling problem built from the items.
    pub problem: Problem,
    /// Agents of each item placed in each year.
    pub alloc: Allocation,
}

/// What [`Planner::schedule`] computes for a profile and its populations.
struct Scheduled<'d> {
    needs: Vec<Need<'d>>,
    items: Vec<ItemInfo>,
    problem: Problem,
    alloc: Allocation,
}

impl<'d> Solution<'d> {
    fn new(profile: Profile, populations: Vec<Population<'d>>, s: Scheduled<'d>) -> Self {
        Solution {
            profile,
            populations,
            needs: s.needs,
            items: s.items,
            problem: s.problem,
            alloc: s.alloc,
        }
    }
}

/// Plans a profile with a fresh [`Planner`] (use a `Planner` to plan many profiles).
pub fn plan<'d>(graph: &Graph<'d>, profile: &CheckedProfile) -> Plan<'d> {
    Planner::new(graph).plan(profile)
}

/// The categories of each population, as masks: what the year plans' lines and the
/// indicators read for every item.
fn category_masks(pops: &[Population]) -> Vec<CategoryMask> {
    pops.iter()
        .map(|p| CategoryMask::of(&p.categories))
        .collect()
}

fn category_keys(c: &BTreeSet<Category>) -> Vec<&'static str> {
    c.iter().map(|c| c.key()).collect()
}

/// Calls `f` with each year (0-based, of `years`) and its modules as [`Group`]s: the items
/// scheduled that year grouped by module, with their agents and days (the year's total rounded
/// once, split over modules by largest remainder, so that they add up to the total and the
/// total never exceeds the budget), prerequisites first, then by priority, then by module id.
fn each_year(
    data: &ReferenceData,
    items: &[ItemInfo],
    alloc: &Allocation,
    order: &ModuleOrder,
    hpd: u64,
    years: usize,
    mut f: impl FnMut(usize, &[Group]),
) {
    // Every scheduled cell by year, as (module id rank, item), sorted: each year's items
    // grouped by module, in module id order.
    let by_year = bucket_sort(
        years,
        items.iter().enumerate().flat_map(|(i, it)| {
            let rank = order.id_rank[it.module];
            alloc
                .row(i)
                .iter()
                .enumerate()
                .filter(|&(y, &n)| n > 0 && y < years)
                .map(move |(y, _)| (y, (rank, i as u32)))
        }),
    );
    let mut groups: Vec<Group> = Vec::new();
    let mut rema: Vec<(u64, usize)> = Vec::new();
    for y in 0..years {
        groups.clear();
        for g in by_year.bucket(y).chunk_by(|a, b| a.0 == b.0) {
            let idx = g.iter().map(|c| c.1 as usize);
            let mi = items[g[0].1 as usize].module;
            let agents: u64 = idx.clone().map(|i| alloc.row(i)[y]).sum();
            let best = idx
                .max_by(|&a, &b| {
                    items[a]
                        .score
                        .total
                        .cmp(&items[b].score.total)
                        .then(b.cmp(&a))
                })
                .unwrap_or(g[0].1 as usize);
            let key = order.place(mi, items[best].score.total);
            groups.push(Group {
                cells: g,
                module: mi,
                agents,
                hours: u64::from(data.modules[mi].hours),
                best,
                days: Days(0),
                key,
            });
        }
        let total_hours: u64 = groups.iter().map(|g| g.hours * g.agents).sum();
        let total_tenths = tenths(total_hours, hpd);
        let mut assigned = 0;
        rema.clear();
        for (k, g) in groups.iter_mut().enumerate() {
            let exact = g.hours * g.agents * 10;
            g.days = Days(exact / hpd);
            assigned += exact / hpd;
            rema.push((exact % hpd, k));
        }
        rema.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for &(_, k) in rema
            .iter()
            .take(total_tenths.saturating_sub(assigned) as usize)
        {
            groups[k].days.0 += 1;
        }
        groups.sort_unstable_by_key(|g| g.key);
        f(y, &groups);
    }
}

#[allow(clippy::too_many_arguments)]
fn year_plans<'d>(
    data: &'d ReferenceData,
    profile: &Profile,
    pops: &[Population<'d>],
    categories: &[CategoryMask],
    items: &[ItemInfo],
    alloc: &Allocation,
    order: &ModuleOrder,
    hpd: u64,
    short_years: usize,
    cost_of: &dyn Fn(Days) -> Option<u64>,
) -> Vec<YearPlan<'d>> {
    let years = usize::from(profile.horizon);
    let mut out = Vec::with_capacity(years);
    let lines = Lines {
        data,
        pops,
        items,
        alloc,
        cost_of,
        categories,
    };
    each_year(data, items, alloc, order, hpd, years, |y, groups| {
        let sessions: Vec<SessionLine> = groups.iter().map(|g| lines.line(y, g)).collect();
        let used = Days(sessions.iter().map(|s| s.days.0).sum());
        out.push(YearPlan {
            year: profile.first_year + y as u16,
            index: y as u16 + 1,
            horizon: if y < short_years { "short" } else { "long" },
            budget_days: Days::whole(u64::from(profile.budget.days_per_year)),
            days_used: used,
            cost: cost_of(used),
            agents_trained: sessions.iter().map(|s| s.agents).sum(),
            sessions,
        });
    });
    out
}

/// One module of a year's schedule, before its session line is built: its scheduled cells
/// (module id rank, item), agents, hours per agent, best-scoring item and days.
struct Group<'c> {
    cells: &'c [(u32, u32)],
    module: usize,
    agents: u64,
    hours: u64,
    best: usize,
    days: Days,
    /// Its place in the year ([`ModuleOrder::place`]).
    key: u128,
}

impl Group<'_> {
    /// Sessions of module `m` (its own) for the group's agents.
    fn sessions(&self, m: &Module) -> u64 {
        self.agents.div_ceil(u64::from(m.max_participants.max(1)))
    }

    /// Fewer agents than module `m` (its own) needs: a candidate for pooling.
    fn underfilled(&self, m: &Module) -> bool {
        self.agents < u64::from(m.min_participants)
    }
}

/// What the session lines of a plan are built from.
struct Lines<'a, 'd> {
    data: &'d ReferenceData,
    pops: &'a [Population<'d>],
    items: &'a [ItemInfo],
    alloc: &'a Allocation,
    cost_of: &'a dyn Fn(Days) -> Option<u64>,
    /// The categories of each population ([`category_masks`]).
    categories: &'a [CategoryMask],
}

impl<'d> Lines<'_, 'd> {
    /// The session line of module group `g` in year `y`.
    fn line(&self, y: usize, g: &Group) -> SessionLine<'d> {
        let (data, pops, items) = (self.data, self.pops, self.items);
        let idx = || g.cells.iter().map(|c| c.1 as usize);
        let m = &data.modules[g.module];
        let recs = union_sorted(idx().flat_map(|i| items[i].recommendations.iter().map(|r| r.0)));
        // The categories of the métiers, in `Category::ALL` order (as a sorted set's).
        let categories = idx()
            .fold(CategoryMask::default(), |m, i| {
                m.union(self.categories[items[i].population])
            })
            .iter()
            .map(|c| c.key())
            .collect();
        SessionLine {
            module: &m.id,
            title: &m.title,
            competency: &m.competency.0,
            level: m.level,
            modality: m.modality.label(),
            metiers: idx()
                .map(|i| pops[items[i].population].id.clone())
                .collect(),
            agents_by_metier: idx().map(|i| self.alloc.row(i)[y]).collect(),
            agents: g.agents,
            sessions: g.sessions(m),
            hours: g.hours,
            days: g.days,
            cost: (self.cost_of)(g.days),
            recommendations: recs,
            categories,
            score: items[g.best].score.total,
            score_components: items[g.best].score,
            pooling_candidate: g.underfilled(m),
            short_term: idx().any(|i| items[i].short_term),
        }
    }
}

/// The numbers of `numbers` in increasing order, each once: a bit set when they are below
/// 128 (recommendation numbers are), else a sort.
fn union_sorted(numbers: impl Iterator<Item = u16> + Clone) -> SmallVec<[u16; 8]> {
    let mut bits = 0u128;
    for n in numbers.clone() {
        if n >= 128 {
            let mut all: SmallVec<[u16; 8]> = numbers.collect();
            all.sort_unstable();
            all.dedup();
            return all;
        }
        bits |= 1 << n;
    }
    let mut out = SmallVec::new();
    while bits != 0 {
        out.push(bits.trailing_zeros() as u16);
        bits &= bits - 1;
    }
    out
}

fn paths<'d>(
    data: &'d ReferenceData,
    profile: &Profile,
    pops: &[Population<'d>],
    items: &[ItemInfo],
    alloc: &Allocation,
    order: &ModuleOrder,
) -> Vec<MetierPath<'d>> {
    // Every item by population, then in its path's order ([`ModuleOrder::place`]; unique
    // within a population, which has one item per module).
    let by_pop = bucket_sort(
        pops.len(),
        items
            .iter()
            .enumerate()
            .map(|(i, it)| (it.population, (order.place(it.module, it.score.total), i))),
    );
    pops.iter()
        .enumerate()
        .map(|(pi, p)| {
            let steps = by_pop
                .bucket(pi)
                .iter()
                .map(|k| {
                    let (i, it) = (k.1, &items[k.1]);
                    let m = it.module(data);
                    let scheduled: SmallVec<[(u16, u64); 2]> = alloc
                        .row(i)
                        .iter()
                        .enumerate()
                        .filter(|(_, n)| **n > 0)
                        .map(|(y, n)| (profile.first_year + y as u16, *n))
                        .collect();
                    PathStep {
                        module: &m.id,
                        title: &m.title,
                        competency: &m.competency.0,
                        level: it.level,
                        agents: it.agents,
                        hours: it.hours,
                        short_term: it.short_term,
                        prerequisite_only: it.derived,
                        score: it.score.total,
                        scheduled,
                        unfunded: unscheduled(it, alloc.row(i)),
                        recommendations: it.recommendations.iter().map(|r| r.0).collect(),
                    }
                })
                .collect();
            MetierPath {
                metier: p.id.clone(),
                name: p.name.clone(),
                kind: p.kind,
                headcount: p.headcount,
                categories: category_keys(&p.categories),
                steps,
            }
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn unfunded(
    data: &ReferenceData,
    pops: &[Population],
    items: &[ItemInfo],
    needs: &[Need],
    alloc: &Allocation,
    problem: &Problem,
    hpd: u64,
    cost_of: &dyn Fn(Days) -> Option<u64>,
) -> Vec<Unfunded> {
    let mut out = Vec::new();
    for (i, it) in items.iter().enumerate() {
        let left = unscheduled(it, alloc.row(i));
        if left == 0 {
            continue;
        }
        let days = Days(tenths(it.hours * left, hpd));
        let reason = if it.hours > problem.cap_hours {
            "per_agent_cap"
        } else {
            "budget"
        };
        let m = it.module(data);
        out.push(Unfunded {
            metier: pops[it.population].id.to_string(),
            module: Some(m.id.clone()),
            competency: m.competency.0.clone(),
            level: it.level,
            agents: left,
            days,
            cost: cost_of(days),
            short_term: it.short_term,
            reason,
            recommendations: it.recommendations.iter().map(|r| r.0).collect(),
            score: it.score.total,
        });
    }
    for n in needs {
        for l in &n.unprovided {
            let agents = crate::population::below(&n.current, l.rank());
            let recs: Vec<u16> = data
                .recommendations
                .iter()
                .filter(|r| {
                    r.reading
                        .develops
                        .iter()
                        .any(|d| d.competency == *n.competency)
                })
                .map(|r| r.number.0)
                .collect();
            out.push(Unfunded {
                metier: n.metier.to_string(),
                module: None,
                competency: n.competency.0.clone(),
                level: *l,
                agents,
                days: Days(0),
                cost: None,
                short_term: n.year5.is_some_and(|y5| *l <= y5),
                reason: "no_module",
                recommendations: recs,
                score: 0,
            });
        }
    }
    out.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(a.metier.cmp(&b.metier))
            .then(a.competency.cmp(&b.competency))
            .then(a.level.cmp(&b.level))
    });
    out
}

/// The indicators but for the sums of the schedule's views ([`add_totals`]): coverage by
/// recommendation, effect and category, agents at *socle*, the plan's value. It does not need
/// the year plans, so that both can be built at the same time.
#[allow(clippy::too_many_arguments)]
fn indicators(
    data: &ReferenceData,
    tables: &Tables,
    profile: &Profile,
    pops: &[Population],
    categories: &[CategoryMask],
    items: &[ItemInfo],
    needs: &[Need],
    alloc: &Allocation,
    problem: &Problem,
) -> Indicators {
    let mut ind = Indicators::default();
    // Coverage by recommendation and by effect number, by category position; turned into the
    // indicators' maps at the end.
    let slots = |n: Option<usize>| vec![None::<Coverage>; n.map_or(0, |n| n + 1)];
    let mut by_rec = slots(
        data.recommendations
            .iter()
            .map(|r| usize::from(r.number.0))
            .max(),
    );
    let mut by_effect = slots(data.effects.iter().map(|e| usize::from(e.number.0)).max());
    let mut by_cat = [None::<Coverage>, None, None];
    // The effect (its slot in `by_effect`) of each recommendation number.
    let mut effect_of: Vec<Option<usize>> = vec![None; by_rec.len()];
    for r in &data.recommendations {
        if let Some(e) = effect_of.get_mut(usize::from(r.number.0)) {
            *e = Some(usize::from(r.effect.0));
        }
    }
    let mut effects: Vec<usize> = Vec::new();
    // The plan's value ([`Problem::value`]) in the same walk: its short term is the first five
    // years, as "by year 5" here.
    debug_assert_eq!(problem.short_years, problem.years.min(5));
    let mut value: u128 = 0;
    for (i, it) in items.iter().enumerate() {
        let y5: u64 = alloc.row(i).iter().take(5).sum();
        let all: u64 = alloc.row(i).iter().sum();
        value += problem.items[i].value(all, y5);
        ind.overall.add(it.agents, y5, all);
        if it.short_term {
            ind.short_term.add(it.agents, y5, all);
        }
        effects.clear();
        for r in &it.recommendations {
            let r = usize::from(r.0);
            if let Some(c) = by_rec.get_mut(r) {
                c.get_or_insert_default().add(it.agents, y5, all);
            }
            if let Some(&Some(e)) = effect_of.get(r)
                && !effects.contains(&e)
            {
                effects.push(e);
            }
        }
        for &e in &effects {
            if let Some(c) = by_effect.get_mut(e) {
                c.get_or_insert_default().add(it.agents, y5, all);
            }
        }
        for (c, cov) in Category::ALL.into_iter().zip(by_cat.iter_mut()) {
            if categories[it.population].contains(c) {
                cov.get_or_insert_default().add(it.agents, y5, all);
            }
        }
    }
    let present = |v: Vec<Option<Coverage>>| {
        v.into_iter()
            .enumerate()
            .filter_map(|(n, c)| c.map(|c| (n as u16, c)))
            .collect::<BTreeMap<u16, Coverage>>()
    };
    ind.recommendations = present(by_rec);
    ind.effects = present(by_effect);
    ind.categories = Category::ALL
        .iter()
        .zip(by_cat)
        .filter_map(|(c, cov)| cov.map(|cov| (c.key(), cov)))
        .collect();
    for c in ind
        .recommendations
        .values_mut()
        .chain(ind.effects.values_mut())
        .chain(ind.categories.values_mut())
    {
        c.finish();
    }
    ind.overall.finish();
    ind.short_term.finish();
    // Agents at socle in every core competency they target (the common core and their
    // family's): per population, the fewest agents at socle or above over those competencies,
    // counting the socle steps scheduled.
    let comps = &data.competencies.competencies;
    // The core competencies, and the slot of each competency (by index) among them.
    let mut core: Vec<&parcours_graph::ids::CompetencyId> = Vec::new();
    let mut slot: Vec<Option<usize>> = vec![None; comps.len()];
    for (ci, c) in comps.iter().enumerate() {
        if tables.is_core(ci) {
            slot[ci] = Some(core.len());
            core.push(&c.id);
        }
    }
    let nc = core.len();
    // Agents scheduled for each core socle step, by year 5 and in all: `[pop * nc + slot]`.
    let mut socle_steps: Vec<(u64, u64)> = vec![(0, 0); pops.len() * nc];
    for (i, it) in items.iter().enumerate() {
        if it.level != Level::Socle {
            continue;
        }
        if let Some(k) = tables.module_competency(it.module).and_then(|ci| slot[ci]) {
            let e = &mut socle_steps[it.population * nc + k];
            e.0 += alloc.row(i).iter().take(5).sum::<u64>();
            e.1 += alloc.row(i).iter().sum::<u64>();
        }
    }
    // Current levels, as the needs computed them, else from the profile.
    let mut current: Vec<Option<Histogram>> = vec![None; pops.len() * nc];
    for n in needs {
        if let Some(k) = slot[n.competency_index] {
            current[n.population * nc + k] = Some(n.current);
        }
    }
    for (pi, p) in pops.iter().enumerate() {
        if p.kind == PopulationKind::Track {
            continue;
        }
        ind.agents += p.headcount;
        let mut start = p.headcount;
        let mut by5 = p.headcount;
        let mut byh = p.headcount;
        for (k, c) in core.iter().enumerate() {
            if !p.targets.iter().any(|t| &t.competency == *c) {
                continue;
            }
            let h = current[pi * nc + k].unwrap_or_else(|| p.histogram(data, profile, c));
            let at = p.headcount - h[0];
            let (s5, sh) = socle_steps[pi * nc + k];
            start = start.min(at);
            by5 = by5.min(at + s5);
            byh = byh.min(at + sh);
        }
        ind.agents_at_socle_start += start;
        ind.agents_at_socle_year5 += by5;
        ind.agents_at_socle_horizon += byh;
    }
    ind.value = value;
    ind.value_ceiling = problem.ceiling();
    ind
}

/// Completes [`indicators`] with the sums of the year plans and the unfunded needs: days used,
/// available and unfunded, cost, lines flagged for pooling.
fn add_totals(
    ind: &mut Indicators,
    years: &[YearPlan],
    unfunded: &[Unfunded],
    cost_of: &dyn Fn(Days) -> Option<u64>,
) {
    ind.days_used = Days(years.iter().map(|y| y.days_used.0).sum());
    ind.days_available = Days(years.iter().map(|y| y.budget_days.0).sum());
    ind.days_unfunded = Days(unfunded.iter().map(|u| u.days.0).sum());
    ind.cost = cost_of(ind.days_used);
    ind.pooling_candidates = years
        .iter()
        .flat_map(|y| &y.sessions)
        .filter(|s| s.pooling_candidate)
        .count();
}

/// The effects of the recommendations, for renderers.
pub fn effect_of(data: &ReferenceData, r: u16) -> Option<u16> {
    data.recommendation(RecNumber(r)).map(|r| r.effect.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The union of recommendation numbers is a sorted, deduplicated list, through the
        /// bit set (numbers below 128) or the sort (any number above).
        #[test]
        fn union_sorted_sorts_and_dedups(numbers in prop::collection::vec(0u16..200, 0..40)) {
            let mut expected = numbers.clone();
            expected.sort_unstable();
            expected.dedup();
            prop_assert_eq!(union_sorted(numbers.iter().copied()).to_vec(), expected);
        }
    }

    #[test]
    fn union_sorted_of_overlapping_lists() {
        let lists: [&[u16]; 3] = [&[3, 23, 41], &[1, 23], &[41, 127]];
        let union = union_sorted(lists.iter().flat_map(|l| l.iter().copied()));
        assert_eq!(union.as_slice(), &[1, 3, 23, 41, 127]);
        assert_eq!(
            union_sorted([130, 2, 130].into_iter()).as_slice(),
            &[2, 130]
        );
    }
}
