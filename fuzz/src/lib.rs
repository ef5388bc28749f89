//! Shared state and checks of the parcours fuzz targets: the embedded reference data, its graph
//! and a planner, built once per process, and the invariants every plan must satisfy.

use parcours_graph::{Graph, ReferenceData};
use parcours_planner::check::CheckedProfile;
use parcours_planner::options::{Detail, OptionError, PlanOptions};
use parcours_planner::planner::Planner;
use parcours_planner::profile::Profile;
use std::sync::OnceLock;

/// Largest total headcount the text targets plan (bigger profiles are only parsed and checked).
pub const MAX_PLANNED_AGENTS: u64 = 5_000;
/// Longest horizon the text targets plan.
pub const MAX_PLANNED_HORIZON: u16 = 15;

/// The embedded reference data (it must validate).
pub fn data() -> &'static ReferenceData {
    static DATA: OnceLock<ReferenceData> = OnceLock::new();
    DATA.get_or_init(|| ReferenceData::embedded().expect("the embedded data validates"))
}

/// The graph of the embedded data.
pub fn graph() -> &'static Graph<'static> {
    static GRAPH: OnceLock<Graph<'static>> = OnceLock::new();
    GRAPH.get_or_init(|| Graph::new(data()))
}

/// A planner over the embedded graph.
pub fn planner() -> &'static Planner<'static, 'static> {
    static PLANNER: OnceLock<Planner<'static, 'static>> = OnceLock::new();
    PLANNER.get_or_init(|| Planner::new(graph()))
}

/// Total agents on the staff lines plus managers and elected officials.
pub fn total_people(p: &Profile) -> u64 {
    p.staff.iter().map(|s| u64::from(s.headcount)).sum::<u64>()
        + u64::from(p.managers)
        + u64::from(p.elected_officials)
}

/// Whether a checked profile is small enough to plan in a fuzz iteration.
pub fn small_enough(p: &Profile) -> bool {
    total_people(p) <= MAX_PLANNED_AGENTS && p.horizon <= MAX_PLANNED_HORIZON
}

/// Plans a checked profile, with a run's options (options out of their limits are refused by
/// `CheckedProfile::with_options`, and then nothing is planned), and asserts the planner's
/// invariants: the allocation satisfies every constraint of its problem, no year spends more
/// than its budget, every session line cites at least one recommendation and its agents add
/// up, and `Planner::totals` (what batch runs add up) agrees with the plan's totals.
pub fn plan_and_check(p: &CheckedProfile, options: &PlanOptions, detail: Detail) {
    let planner = planner();
    let p = match p.clone().with_options(options) {
        Ok(p) => p,
        // A run's budget below the profile's statutory reserve is refused.
        Err(OptionError::BelowStatutoryReserve { .. }) => {
            assert!(options.check().is_ok() && options.budget_days.is_some());
            return;
        }
        Err(_) => {
            assert!(options.check().is_err(), "valid options refused");
            return;
        }
    };
    let solution = planner.solve(&p);
    if let Err(v) = solution.problem.check(&solution.alloc) {
        panic!("the allocation breaks a constraint: {v:?}");
    }
    let plan = planner.plan_with(&p, detail);
    let horizon = options.horizon.unwrap_or(p.horizon);
    assert_eq!(
        plan.years.len(),
        usize::from(horizon),
        "one year plan per year of the horizon"
    );
    for y in &plan.years {
        assert!(
            y.days_used <= y.budget_days,
            "year {} uses {} trainee-days of {}",
            y.year,
            y.days_used,
            y.budget_days
        );
        for line in &y.sessions {
            assert!(
                !line.recommendations.is_empty(),
                "year {}: session line {} cites no recommendation",
                y.year,
                line.module
            );
            assert_eq!(
                line.agents,
                line.by_metier.iter().map(|m| m.agents).sum::<u64>(),
                "year {}: agents of {} do not add up",
                y.year,
                line.module
            );
        }
    }
    assert_eq!(
        planner.totals(&p),
        plan.totals(),
        "Planner::totals disagrees with the plan's totals"
    );
}
