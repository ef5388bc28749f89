//! Funding channels and the euro budget on whole plans: every line's channel follows the
//! decision table, costs add up by channel, and a plan with a euro budget never costs more in
//! a year, keeps every prerequisite, and reports what it took off as unfunded for the euro
//! budget — on the examples and on random profiles.

mod common;

use common::{checked, data, examples, planner, profile};

use parcours_graph::vocab::Channel;
use parcours_planner::check::CheckedProfile;
use parcours_planner::funding::Prices;
use parcours_planner::options::PlanOptions;
use parcours_planner::plan::{Plan, UnfundedReason};
use parcours_planner::planner::Solution;
use parcours_planner::profile::Profile;
use proptest::prelude::*;

/// Every prerequisite holds: by any year, an item's agents so far are at most its
/// prerequisite's plus the agents who already hold it (as `Problem::check` checks it).
fn prerequisites_hold(s: &Solution) -> bool {
    s.problem.items.iter().enumerate().all(|(i, it)| {
        it.deps.iter().all(|d| {
            let (mut cum, mut cum_dep) = (0, 0);
            (0..s.problem.years).all(|y| {
                cum += s.alloc.row(i)[y];
                cum_dep += s.alloc.row(d.item)[y];
                cum <= cum_dep + d.free
            })
        })
    })
}

/// The budget in trainee-hours and the per-agent cap hold.
fn hours_hold(s: &Solution) -> bool {
    let p = &s.problem;
    (0..p.years).all(|y| {
        let used: u64 = p
            .items
            .iter()
            .enumerate()
            .map(|(i, it)| it.hours * s.alloc.row(i)[y])
            .sum();
        used <= p.budget_hours[y]
    })
}

/// The plan's lines, costs and channel totals agree; every line's channel is the decision
/// table's for its module and agents.
fn costs_agree(plan: &Plan, profile: &Profile) {
    let d = data();
    let prices = Prices::new(d, profile);
    let mut total = 0;
    for y in &plan.years {
        let mut year = 0;
        for l in &y.sessions {
            let m = d.module(&l.module).unwrap();
            assert_eq!(prices.line(d, m, l.agents), (l.channel, l.cost.unwrap()));
            year += l.cost.unwrap();
        }
        assert_eq!(y.cost, Some(year));
        assert_eq!(y.by_channel.iter().map(|c| c.cost).sum::<u64>(), year);
        assert_eq!(
            y.by_channel.iter().map(|c| c.lines).sum::<u64>(),
            y.sessions.len() as u64
        );
        total += year;
    }
    assert_eq!(plan.indicators.cost, Some(total));
    assert_eq!(
        plan.indicators
            .by_channel
            .iter()
            .map(|c| c.cost)
            .sum::<u64>(),
        total
    );
    assert_eq!(plan.totals().cost, Some(total));
}

/// `p` with a euro budget of `euros` a year (none: no limit).
fn with_euros(p: &CheckedProfile, euros: Option<u32>) -> CheckedProfile {
    let mut raw = p.profile().clone();
    raw.budget.euros_per_year = euros;
    checked(&raw, &PlanOptions::default())
}

#[test]
fn every_example_costs_by_channel() {
    let mut capped = 0;
    for (name, p) in examples() {
        let plan = planner().plan(&p);
        costs_agree(&plan, &p);
        if let Some(e) = p.budget.euros_per_year {
            capped += 1;
            assert!(
                plan.years.iter().all(|y| y.cost.unwrap() <= u64::from(e)),
                "{name}"
            );
        }
        for l in plan.years.iter().flat_map(|y| &y.sessions) {
            let m = data().module(&l.module).unwrap();
            // The table's rows, as plan lines show them.
            match l.channel {
                Channel::SelfTraining => assert_eq!(l.sessions, 0, "{name} {}", l.module),
                Channel::Inter => assert!(
                    l.agents < u64::from(m.min_participants)
                        || !data().channels(m).contains(&Channel::Intra),
                    "{name} {}",
                    l.module
                ),
                Channel::Intra => assert!(
                    l.agents >= u64::from(m.min_participants)
                        || !data().channels(m).contains(&Channel::Inter)
                ),
                Channel::PayingBody => assert_eq!(data().channels(m), &[Channel::PayingBody]),
            }
            // Small groups are inter-collectivity places: no marginal cost.
            if l.pooling_candidate && data().channels(m).contains(&Channel::Inter) {
                assert_eq!((l.channel, l.cost), (Channel::Inter, Some(0)));
            }
        }
    }
    // One example shows a euro budget at work.
    assert!(capped >= 1);
}

#[test]
fn preferring_inter_sessions_costs_nothing_for_modules_offered_inter() {
    for (_, p) in examples() {
        let mut raw = p.profile().clone();
        raw.funding.prefer_inter = true;
        let p = checked(&raw, &PlanOptions::default());
        let plan = planner().plan(&p);
        costs_agree(&plan, &p);
        assert!(
            plan.years
                .iter()
                .flat_map(|y| &y.sessions)
                .all(|l| l.channel != Channel::Intra)
        );
    }
}

#[test]
fn the_euro_budget_holds_on_every_example() {
    for (name, p) in examples() {
        let free = planner().plan(&with_euros(&p, None));
        let most = free.years.iter().filter_map(|y| y.cost).max().unwrap_or(0);
        // Half the costliest year's spending: some years must give agents up.
        let euros = u32::try_from(most / 2).unwrap().max(1);
        let p = with_euros(&p, Some(euros));
        let plan = planner().plan(&p);
        costs_agree(&plan, &p);
        for y in &plan.years {
            assert!(
                y.cost.unwrap() <= u64::from(euros),
                "{name} {}: {:?} > {euros}",
                y.year,
                y.cost
            );
        }
        let s = planner().solve(&p);
        assert!(prerequisites_hold(&s), "{name}");
        assert!(hours_hold(&s), "{name}");
        let taken: u64 = s.euro_removed.iter().sum();
        if most > 0 {
            assert!(taken > 0, "{name}: nothing taken off");
        }
        let reported: u64 = plan
            .unfunded
            .iter()
            .filter(|u| u.reason == UnfundedReason::EuroBudget)
            .map(|u| u.agents)
            .sum();
        assert_eq!(reported, taken, "{name}");
        // The euro budget only ever takes agents off the plan without it.
        let unlimited = planner().solve(&with_euros(&p, None));
        for (i, row) in s.alloc.rows().enumerate() {
            for (y, &n) in row.iter().enumerate() {
                assert!(n <= unlimited.alloc.row(i)[y]);
            }
            assert_eq!(
                row.iter().sum::<u64>() + s.euro_removed[i],
                unlimited.alloc.row(i).iter().sum::<u64>()
            );
        }
    }
}

#[test]
fn a_large_euro_budget_changes_nothing() {
    for (name, p) in examples() {
        let free = planner().plan(&with_euros(&p, None));
        let p2 = with_euros(&p, Some(u32::MAX));
        let plan = planner().plan(&p2);
        assert_eq!(
            serde_json::to_value(&free.years).unwrap(),
            serde_json::to_value(&plan.years).unwrap(),
            "{name}"
        );
        assert!(
            plan.unfunded
                .iter()
                .all(|u| u.reason != UnfundedReason::EuroBudget)
        );
    }
}

prop_compose! {
    fn profiles()(
        lines in prop::collection::btree_map(0usize..152, 0u32..60, 1..7),
        maturity in 0usize..4,
        days in 0u32..200,
        cap in 1u32..8,
        horizon in 1u16..8,
        managers in 0u32..20,
        euros in 1u32..20_000,
        prefer_inter in any::<bool>(),
        cost_per_day in prop::option::of(50u32..400),
    ) -> Profile {
        let mut p = profile(lines, maturity, days, cap, horizon, managers, 0);
        p.budget.euros_per_year = Some(euros);
        p.budget.cost_per_day = cost_per_day;
        p.funding.prefer_inter = prefer_inter;
        p
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn the_euro_budget_holds_on_random_profiles(p in profiles()) {
        let p = checked(&p, &PlanOptions::default());
        let euros = u64::from(p.budget.euros_per_year.unwrap());
        let plan = planner().plan(&p);
        for y in &plan.years {
            prop_assert!(y.cost.unwrap() <= euros, "{}: {:?} > {euros}", y.year, y.cost);
        }
        costs_agree(&plan, &p);
        let s = planner().solve(&p);
        prop_assert!(prerequisites_hold(&s));
        prop_assert!(hours_hold(&s));
        prop_assert_eq!(planner().totals(&p), plan.totals());
    }
}
