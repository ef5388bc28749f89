//! The statutory reserve on whole plans: it comes out of the training budget first, the digital
//! plan gets exactly what is left (or its share), a reserve given in days plans as the same
//! budget without it, and a run's budget below the reserve is refused.

mod common;

use common::{checked, data, examples, planner};
use parcours_graph::ids::MetierId;
use parcours_planner::check::CheckedProfile;
use parcours_planner::options::{OptionError, PlanOptions};
use parcours_planner::plan::Days;
use parcours_planner::profile::{
    Budget, CollectivityKind, PerGrade, Profile, StaffLine, Statutory,
};
use parcours_planner::statutory::{Obligation, ReserveBasis};
use proptest::prelude::*;

/// A commune of `staff` agents spread over the first métiers of the reference data.
fn commune(staff: &[u32], days: u32, share: Option<u32>, statutory: Option<Statutory>) -> Profile {
    let mut b = Budget::new(days, 5);
    b.digital_share_percent = share;
    let mut p = Profile::new("Test", CollectivityKind::Commune, 2027, b);
    p.staff = staff
        .iter()
        .enumerate()
        .map(|(i, n)| StaffLine::new(MetierId::new(data().metiers()[i * 7].id.as_str()), *n))
        .collect();
    p.horizon = 6;
    p.statutory = statutory;
    p
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// Each year: the whole budget, the reserve, the digital days min(share × budget,
    /// budget − reserve) and the days used within them; the scheduler's budget is the digital
    /// days in whole hours.
    #[test]
    fn the_reserve_comes_first(
        staff in prop::collection::vec(1u32..30, 1..5),
        recruits in (0u32..3, 0u32..3, 0u32..4),
        posts in 0u32..3,
        career in 0u32..30,
        extra in 0u32..80,
        share in proptest::option::of(1u32..=100),
    ) {
        let total: u32 = staff.iter().sum();
        // Recruitments within the staff, as the checks require.
        let (a, b, c) = recruits;
        let c = c.min(total);
        let b = b.min(total - c);
        let a = a.min(total - c - b);
        let s = Statutory::counts(
            PerGrade::new(a, b, c),
            posts.min(total),
            career.min(total),
        );
        // A budget that covers the reserve: its whole days, and some more.
        let probe = commune(&staff, 0, share, Some(s.clone()));
        let reserve = parcours_planner::statutory::Reserve::of(&data().planning().statutory, &probe)
            .reserve_days_per_year;
        let days = u32::try_from(reserve.ceil_whole()).unwrap() + extra;
        let p = commune(&staff, days, share, Some(s));
        let c = checked(&p, &PlanOptions::default());
        let plan = planner().plan(&c);
        let r = &plan.statutory;
        prop_assert_eq!(r.basis, ReserveBasis::Counts);
        prop_assert_eq!(r.reserve_days_per_year, reserve);
        let budget = Days::whole(u64::from(days));
        let by_share = Days(budget.0 * u64::from(share.unwrap_or(100)) / 100);
        let digital = by_share.min(Days(budget.0 - reserve.0));
        prop_assert_eq!(r.digital_days_per_year, digital);
        for y in &plan.years {
            prop_assert_eq!(y.training_budget_days, budget);
            prop_assert_eq!(y.statutory_days, reserve);
            prop_assert_eq!(y.budget_days, digital);
            prop_assert!(y.days_used <= y.budget_days);
        }
        let hpd = u64::from(data().planning().hours_per_day);
        let s = planner().solve(&c);
        prop_assert!(s.problem.budget_hours.iter().all(|h| *h == digital.0 * hpd / 10));
        prop_assert_eq!(plan.indicators.days_available, Days(digital.0 * u64::from(p.horizon)));
        prop_assert_eq!(planner().totals(&c), plan.totals());
    }

    /// A reserve of R days out of B plans the digital training as a budget of B − R days
    /// without a reserve: the same sessions, year by year.
    #[test]
    fn a_reserve_in_days_plans_as_the_budget_it_leaves(
        staff in prop::collection::vec(1u32..30, 1..5),
        reserve in 0u32..40,
        left in 0u32..60,
    ) {
        let with = commune(&staff, reserve + left, None, Some(Statutory::days(reserve)));
        let without = commune(&staff, left, None, None);
        let a = planner().plan(&checked(&with, &PlanOptions::default()));
        let b = planner().plan(&checked(&without, &PlanOptions::default()));
        prop_assert_eq!(
            serde_json::to_string(&a.years.iter().map(|y| &y.sessions).collect::<Vec<_>>()).unwrap(),
            serde_json::to_string(&b.years.iter().map(|y| &y.sessions).collect::<Vec<_>>()).unwrap()
        );
        prop_assert_eq!(a.indicators.days_used, b.indicators.days_used);
        prop_assert_eq!(a.statutory.reserve_days_per_year, Days::whole(u64::from(reserve)));
        prop_assert_eq!(a.years[0].training_budget_days, Days::whole(u64::from(reserve + left)));
    }
}

#[test]
fn a_run_budget_below_the_reserve_is_refused_and_one_above_keeps_it() {
    let p = commune(&[10, 5], 30, None, Some(Statutory::days(12)));
    let c = CheckedProfile::new(p, data()).expect("valid");
    let low = PlanOptions {
        budget_days: Some(11),
        horizon: None,
    };
    assert_eq!(
        c.clone().with_options(&low),
        Err(OptionError::BelowStatutoryReserve {
            budget_days: 11,
            reserve: Days::whole(12),
        })
    );
    // The option is the whole training budget: the reserve still comes out of it.
    let higher = PlanOptions {
        budget_days: Some(50),
        horizon: None,
    };
    let plan = planner().plan(&c.with_options(&higher).expect("covers the reserve"));
    assert_eq!(plan.profile.budget_days_per_year, 50);
    assert_eq!(plan.statutory.digital_days_per_year, Days::whole(38));
    assert!(plan.years.iter().all(|y| y.budget_days == Days::whole(38)));
}

#[test]
fn a_profile_whose_budget_does_not_cover_the_reserve_is_refused_naming_the_field() {
    let s = Statutory::counts(PerGrade::new(0, 0, 3), 0, 6);
    let p = commune(&[10], 20, None, Some(s));
    let problems = CheckedProfile::new(p, data()).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path.as_deref(), Some("budget.days_per_year"));
    // 3 × (5 + 3) + 6 × 2 ÷ 5 = 26.4 days.
    assert!(
        problems[0].message.contains("26,4 jours"),
        "{}",
        problems[0].message
    );
}

#[test]
fn the_example_with_counts_reserves_546_days_of_its_1980() {
    let (_, p) = examples()
        .into_iter()
        .find(|(name, _)| *name == "intercommunalite.ron")
        .expect("the example");
    let plan = planner().plan(&p);
    let r = &plan.statutory;
    assert_eq!(r.basis, ReserveBasis::Counts);
    assert_eq!(r.budget_days_per_year, Days::whole(1980));
    assert_eq!(r.reserve_days_per_year, Days::whole(546));
    assert_eq!(r.digital_days_per_year, Days::whole(1434));
    let per: Vec<(Obligation, u64)> = r
        .lines
        .iter()
        .map(|l| (l.obligation, l.days_per_year.0))
        .fold(Vec::new(), |mut acc, (o, d)| {
            match acc.last_mut() {
                Some((last, sum)) if *last == o => *sum += d,
                _ => acc.push((o, d)),
            }
            acc
        });
    assert_eq!(
        per,
        vec![
            (Obligation::Integration, 1650),
            (Obligation::FirstJob, 910),
            (Obligation::Career, 2720),
            (Obligation::Responsibility, 180),
        ]
    );
    // The other examples give no statutory section: their whole budget is digital.
    for (name, p) in examples() {
        if name != "intercommunalite.ron" {
            let plan = planner().plan(&p);
            assert_eq!(plan.statutory.basis, ReserveBasis::None, "{name}");
            assert_eq!(
                plan.statutory.digital_days_per_year,
                Days::whole(u64::from(p.budget.days_per_year)),
                "{name}"
            );
        }
    }
}
