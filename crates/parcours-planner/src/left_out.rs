//! What a plan does not do: the populations (métiers, the managers' and the elected officials'
//! tracks) that receive no training by year 5, no agent brought to the core *socle* by year 5
//! when some lack it (under the study's order), and the priority (➔) recommendations covered
//! under half at five years — each with, when [`thresholds`] has been run, the smallest budget
//! of the budget curve at which that changes (and, for the socle, what « priorité au socle
//! pour tous » would do at the plan's own budget).
//!
//! [`left_out`] reads them off a plan (the planner fills [`Plan::warnings`] with them, without
//! thresholds: they cost a plan per budget of the curve, so only the `plan` command computes
//! them, for its reports).

use crate::check::CheckedProfile;
use crate::curve::{DEFAULT_STEPS, budgets, plan_at, saturation, start_days};
use crate::options::Detail;
use crate::plan::{Coverage, Days, Plan};
use crate::planner::Planner;
use crate::population::PopulationKind;
use crate::warnings::Warning;
use parcours_graph::ReferenceData;
use parcours_graph::diagnostic::grouped_digits;
use parcours_graph::ids::RecNumber;
use rayon::prelude::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The year by the end of which every population should have had a training step, and the
/// priority recommendations half their short-term needs (1-based).
pub const CHECK_YEAR: u16 = 5;

/// What a warning of the plan is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum WarningKind {
    /// A population (métier or track) with needs that receives no training step by year 5.
    UntrainedPopulation,
    /// A priority (➔) recommendation whose short-term needs are covered under 50 % by year 5.
    PriorityBelowHalf,
    /// Agents lack the core *socle* of their métier and none more reaches it by year 5 (the
    /// study's order, without `socle_first`).
    SocleStalled,
}

/// One thing the plan does not do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct PlanWarning {
    /// What it is about.
    pub kind: WarningKind,
    /// The population's id (métier or track), for [`WarningKind::UntrainedPopulation`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<String>,
    /// The recommendation's number, for [`WarningKind::PriorityBelowHalf`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recommendation: Option<u16>,
    /// The population's agents (persons for a track), the recommendation's agent-steps
    /// needed at short term, or the agents below the core socle at the start.
    pub agents: u64,
    /// The recommendation's short-term coverage by year 5, in percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_year5: Option<Days>,
    /// The smallest budget of the budget curve, above the plan's, at which this changes
    /// (trainee-days per year), when [`thresholds`] found one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_days: Option<u32>,
    /// The last budget of the curve that [`thresholds`] tried (none when it was not run).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub curve_end_days: Option<u32>,
    /// The warning in French, as the reports and the terminal give it.
    pub message: String,
}

/// `n` with its digits grouped by a no-break space, so that a report never wraps a number.
fn number(n: u64) -> String {
    grouped_digits(n, '\u{a0}')
}

/// `n` and the noun in the right number, digits grouped (French: 0 and 1 take the singular).
fn count(n: u64, one: &str, many: &str) -> String {
    let word = if n <= 1 { one } else { many };
    format!("{} {word}", number(n))
}

/// The calendar year of year [`CHECK_YEAR`] (or of the horizon's last year, if sooner).
fn check_year(plan: &Plan) -> u16 {
    let years = CHECK_YEAR.min(plan.profile.horizon.max(1));
    plan.profile.first_year + years - 1
}

/// The populations with at least one agent on a session line by the end of year 5.
fn reached<'p>(plan: &'p Plan<'_>) -> BTreeSet<&'p str> {
    plan.years
        .iter()
        .filter(|y| y.index <= CHECK_YEAR)
        .flat_map(|y| y.sessions.iter())
        .flat_map(|s| s.by_metier.iter())
        .filter(|m| m.agents > 0)
        .map(|m| m.metier.as_ref())
        .collect()
}

/// Whether a coverage is under half at five years (needs something).
fn below_half(c: &Coverage) -> bool {
    c.needed > 0 && c.trained_by_year5 * 2 < c.needed
}

/// The priority recommendations under half at five years, with their coverage.
fn priority_below_half<'p>(plan: &'p Plan, data: &ReferenceData) -> Vec<(u16, &'p Coverage)> {
    plan.indicators
        .recommendations
        .iter()
        .filter(|(r, c)| {
            below_half(c)
                && data
                    .recommendation(RecNumber(**r))
                    .is_some_and(|r| r.priority)
        })
        .map(|(r, c)| (*r, c))
        .collect()
}

/// What `plan` does not do, populations first (most agents first), then the priority
/// recommendations by number; without thresholds. Needs the plan's paths (a full plan).
pub fn left_out(plan: &Plan, data: &ReferenceData) -> Vec<PlanWarning> {
    let reached = reached(plan);
    let year = check_year(plan);
    let mut pops: Vec<_> = plan
        .paths
        .iter()
        .filter(|p| !p.steps.is_empty() && !reached.contains(p.metier.as_ref()))
        .collect();
    pops.sort_by(|a, b| {
        b.headcount
            .cmp(&a.headcount)
            .then_with(|| a.metier.cmp(&b.metier))
    });
    let mut out: Vec<PlanWarning> = pops
        .into_iter()
        .map(|p| {
            let who = match (p.kind, p.metier.as_ref()) {
                (PopulationKind::Track, "encadrants") => format!(
                    "le parcours de l'encadrement ({})",
                    count(p.headcount, "encadrant", "encadrants")
                ),
                (PopulationKind::Track, "elus") => format!(
                    "le parcours des élus ({})",
                    count(p.headcount, "élu", "élus")
                ),
                (PopulationKind::Track, _) => format!(
                    "le parcours « {} » ({})",
                    p.name,
                    count(p.headcount, "personne", "personnes")
                ),
                _ => format!(
                    "le métier « {} » ({})",
                    p.name,
                    count(p.headcount, "agent", "agents")
                ),
            };
            PlanWarning {
                kind: WarningKind::UntrainedPopulation,
                population: Some(p.metier.to_string()),
                recommendation: None,
                agents: p.headcount,
                share_year5: None,
                budget_days: None,
                curve_end_days: None,
                message: format!("{who} ne reçoit aucune formation d'ici {year}"),
            }
        })
        .collect();
    out.extend(socle_stalled(plan, year));
    out.extend(
        priority_below_half(plan, data)
            .into_iter()
            .map(|(r, c)| PlanWarning {
                kind: WarningKind::PriorityBelowHalf,
                population: None,
                recommendation: Some(r),
                agents: c.needed,
                share_year5: Some(c.share_year5),
                budget_days: None,
                curve_end_days: None,
                message: format!(
                    "la préconisation prioritaire P{r} ➔ n'est couverte qu'à {} % d'ici {year} (moins de la moitié de ses besoins à cinq ans)",
                    c.share_year5.french()
                ),
            }),
    );
    out
}

/// The warning that no more agents reach the core socle by year 5, when some lack it and the
/// plan follows the study's order (with « priorité au socle pour tous » the socle is the
/// plan's first aim: a plan that still gets none there is told by its coverage).
fn socle_stalled(plan: &Plan, year: u16) -> Option<PlanWarning> {
    let ind = &plan.indicators;
    let below = ind.agents.saturating_sub(ind.agents_at_socle_start);
    let stalled =
        !ind.socle_first && below > 0 && ind.agents_at_socle_year5 <= ind.agents_at_socle_start;
    stalled.then(|| PlanWarning {
        kind: WarningKind::SocleStalled,
        population: None,
        recommendation: None,
        agents: below,
        share_year5: None,
        budget_days: None,
        curve_end_days: None,
        message: format!(
            "aucun agent de plus n'atteint le socle numérique de son métier d'ici {year} : {} sur {} l'ont au départ, autant à cinq ans",
            count(ind.agents_at_socle_start, "agent", "agents"),
            number(ind.agents)
        ),
    })
}

/// What a plan at another budget resolves: the populations reached by year 5, the
/// recommendations at half or more, and whether more agents reach the socle by year 5.
struct Resolved {
    budget_days: u32,
    reached: BTreeSet<String>,
    below_half: BTreeMap<u16, bool>,
    socle_rises: bool,
}

/// Fills each warning's [`PlanWarning::budget_days`]: the smallest budget of the budget curve
/// of `profile` (the plan's profile, a run's options applied) above its own at which the
/// population gets a training step by year 5, or the recommendation half its short-term needs
/// — and [`PlanWarning::curve_end_days`], the curve's last budget (where it stops rising:
/// [`saturation`]). The curve's [`DEFAULT_STEPS`] budgets above the profile's are planned, in
/// parallel (the result does not depend on the number of threads). The messages say it.
pub fn thresholds(planner: &Planner, profile: &CheckedProfile, warnings: &mut [PlanWarning]) {
    if warnings.is_empty() {
        return;
    }
    let own = profile.budget.days_per_year;
    let end = saturation(planner, profile).days.max(own);
    let start = start_days(planner, profile);
    let wanted: Vec<u32> = budgets(start, end, DEFAULT_STEPS)
        .into_iter()
        .filter(|&b| b > own)
        .collect();
    let resolved: Vec<Resolved> = wanted
        .par_iter()
        .map(|&days| {
            let plan = plan_at(planner, profile, days);
            Resolved {
                budget_days: days,
                reached: reached(&plan).into_iter().map(str::to_owned).collect(),
                below_half: plan
                    .indicators
                    .recommendations
                    .iter()
                    .map(|(r, c)| (*r, below_half(c)))
                    .collect(),
                socle_rises: plan.indicators.agents_at_socle_year5
                    > plan.indicators.agents_at_socle_start,
            }
        })
        .collect();
    for w in warnings.iter_mut() {
        let found = resolved.iter().find(|r| match w.kind {
            WarningKind::UntrainedPopulation => {
                w.population.as_ref().is_some_and(|p| r.reached.contains(p))
            }
            WarningKind::PriorityBelowHalf => w
                .recommendation
                .is_some_and(|n| r.below_half.get(&n) == Some(&false)),
            WarningKind::SocleStalled => r.socle_rises,
        });
        w.budget_days = found.map(|r| r.budget_days);
        w.curve_end_days = Some(end);
        w.message = with_threshold(&w.message, w.budget_days, end);
        if w.kind == WarningKind::SocleStalled {
            w.message = with_socle_first(planner, profile, &w.message);
        }
    }
}

/// A socle warning's message with what « priorité au socle pour tous » would do at the plan's
/// own budget.
fn with_socle_first(planner: &Planner, profile: &CheckedProfile, message: &str) -> String {
    let plan = planner.plan_with(&profile.clone().with_socle_first(), Detail::Schedule);
    let ind = &plan.indicators;
    let year = check_year(&plan);
    if ind.agents_at_socle_year5 > ind.agents_at_socle_start {
        format!(
            "{message} ; avec la priorité au socle pour tous (option « socle_first: true » du profil), {} l'auraient d'ici {year} au même budget, les préconisations prioritaires ➔ passant après",
            count(ind.agents_at_socle_year5, "agent", "agents")
        )
    } else {
        format!(
            "{message} ; même la priorité au socle pour tous (option « socle_first: true » du profil) n'en amène aucun de plus au même budget"
        )
    }
}

/// A warning's message with what its threshold says.
fn with_threshold(message: &str, budget: Option<u32>, end: u32) -> String {
    let n = |d: u32| number(u64::from(d));
    match budget {
        Some(b) => format!(
            "{message} ; il faudrait un budget de formation d'au moins {} jours-stagiaires par an",
            n(b)
        ),
        None => format!(
            "{message} ; aucun budget jusqu'à {} jours-stagiaires par an n'y change rien : le plafond de jours par agent, les prérequis ou l'horizon le retiennent",
            n(end)
        ),
    }
}

/// The warnings as the terminal gives them (`attention : …`), the last with where to see the
/// whole budget curve.
pub fn terminal(warnings: &[PlanWarning]) -> Vec<Warning> {
    let n = warnings.len();
    warnings
        .iter()
        .enumerate()
        .map(|(k, w)| Warning {
            message: w.message.clone(),
            help: (k + 1 == n).then(|| {
                "la courbe budgétaire complète : `parcours budget-curve PROFIL` ; le rapport ouvre sur ces manques (section « Ce que le plan ne fait pas »)".into()
            }),
        })
        .collect()
}
