//! The budget curve on real profiles: its options give its points, it never falls, each point
//! is the plan at its budget unless it says whose plan it keeps, the default end is where the
//! objective stops rising, and the threads change nothing.

mod common;

use common::{examples, planner};
use parcours_planner::check::CheckedProfile;
use parcours_planner::curve::{
    BudgetCurve, CurveError, CurveOptions, DEFAULT_STEPS, EndReason, budget_curve, saturation,
};
use parcours_planner::options::{Detail, PlanOptions};
use parcours_planner::problem::Objective;

fn rural() -> CheckedProfile {
    examples().into_iter().next().expect("commune-rurale").1
}

/// The objective of the plan at `days` trainee-days a year (and its ceiling).
fn objective_at(profile: &CheckedProfile, days: u32) -> (Objective, Objective) {
    let options = PlanOptions {
        budget_days: Some(days),
        ..PlanOptions::default()
    };
    let p = profile
        .clone()
        .with_options(&options)
        .expect("valid budget");
    let i = planner().plan_with(&p, Detail::Schedule).indicators;
    (i.objective, i.objective_ceiling)
}

#[test]
fn the_curve_follows_its_options_and_never_falls() {
    let profile = rural();
    let options = CurveOptions {
        steps: 7,
        max_days: Some(35),
    };
    let curve = budget_curve(planner(), &profile, &options).expect("valid options");
    let budgets: Vec<u32> = curve.points.iter().map(|p| p.budget_days).collect();
    assert_eq!(budgets, [0, 5, 10, 15, 20, 25, 30, 35]);
    assert_eq!(curve.end.reason, EndReason::Asked);
    assert!(
        curve
            .points
            .windows(2)
            .all(|w| w[0].objective <= w[1].objective)
    );
    assert_eq!(curve.points[0].objective, Objective::default());
    for p in &curve.points {
        let (own, _) = objective_at(&profile, p.budget_days);
        match p.kept_from {
            None => assert_eq!(p.objective, own),
            Some(b) => {
                assert!(b < p.budget_days);
                assert!(own < p.objective);
                assert_eq!(p.objective, objective_at(&profile, b).0);
            }
        }
    }
    assert!(curve.points.last().unwrap().gain.is_none());
    assert!(curve.points[..7].iter().all(|p| p.gain.is_some()));
    assert_eq!(curve.current.budget_days, profile.budget.days_per_year);
    assert_eq!(
        curve.profile.budget_days_per_year,
        profile.budget.days_per_year
    );
    let bad = CurveOptions {
        steps: 0,
        ..options
    };
    assert!(matches!(
        budget_curve(planner(), &profile, &bad),
        Err(CurveError::Steps(0))
    ));
}

/// By default the curve ends at the smallest budget found whose objective is the final one:
/// one day less falls short, doubling it gains nothing.
#[test]
fn the_default_end_is_where_the_objective_stops_rising() {
    for socle_first in [false, true] {
        let mut profile = rural().into_profile();
        profile.socle_first = socle_first;
        let profile = common::checked(&profile, &PlanOptions::default());
        let end = saturation(planner(), &profile);
        assert!(end.days > 0 && end.reason != EndReason::Limit, "{end:?}");
        let (at, ceiling) = objective_at(&profile, end.days);
        assert!(objective_at(&profile, end.days - 1).0 < at);
        assert_eq!(objective_at(&profile, end.days * 2).0, at);
        assert_eq!(end.reason == EndReason::Ceiling, at == ceiling);
        let curve = budget_curve(planner(), &profile, &CurveOptions::default()).unwrap();
        assert_eq!(curve.end, end);
        let n = (DEFAULT_STEPS as usize + 1).min(end.days as usize + 1);
        assert_eq!(curve.points.len(), n);
        let last = curve.points.last().unwrap();
        assert_eq!(last.objective, at);
        assert_eq!(curve.socle_first, socle_first);
        assert_eq!(last.levels.socle.is_some(), socle_first);
        assert_eq!(curve.ceiling, ceiling);
    }
}

/// The same curve whatever the number of threads; its JSON reads back.
#[test]
fn the_curve_does_not_depend_on_the_threads() {
    let profile = rural();
    let options = CurveOptions {
        steps: 10,
        max_days: None,
    };
    let json = |c: &BudgetCurve| serde_json::to_string(c).expect("JSON");
    let many = json(&budget_curve(planner(), &profile, &options).unwrap());
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let single = one.install(|| json(&budget_curve(planner(), &profile, &options).unwrap()));
    assert_eq!(many, single);
    let back: BudgetCurve = serde_json::from_str(&many).expect("read back");
    assert_eq!(json(&back), many);
}
