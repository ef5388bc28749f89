//! The tuned greedy scheduler (`schedule::greedy`) is held to the plain reference
//! (`reference::greedy`): the same allocation, cell for cell, with its second thread on and
//! off, on random problems on both sides of every size threshold (`IMPROVE_CELLS`: the
//! improvement phase; `PARALLEL_CELLS`: the two threads) and on the planner's own problems
//! for the example profiles and synthetic ones.

mod common;

use common::{checked, examples, planner};
use parcours_batch::synth;
use parcours_exact::random::{Scores, Size, instance};
use parcours_planner::options::PlanOptions;
use parcours_planner::problem::Problem;
use parcours_planner::schedule::{IMPROVE_CELLS, PARALLEL_CELLS, Parallelism, greedy, greedy_with};
use parcours_planner::{lone, reference};
use proptest::prelude::*;
use std::sync::OnceLock;

/// Which side of the thresholds a problem is on.
fn cells(p: &Problem) -> usize {
    p.items.len() * p.years
}

/// A pool of two threads of the test's own.
fn pool() -> std::sync::Arc<rayon::ThreadPool> {
    static POOL: OnceLock<std::sync::Arc<rayon::ThreadPool>> = OnceLock::new();
    POOL.get_or_init(|| {
        std::sync::Arc::new(
            rayon::ThreadPoolBuilder::new()
                .num_threads(2)
                .build()
                .unwrap(),
        )
    })
    .clone()
}

/// The tuned runs (a second thread on rayon's pool, on none, on a pool of the caller's) all
/// equal the reference.
fn agree(p: &Problem) -> Result<(), TestCaseError> {
    let plain = reference::greedy(p);
    prop_assert_eq!(p.check(&plain), Ok(()));
    for parallelism in [Parallelism::On, Parallelism::Off, Parallelism::Pool(pool())] {
        let tuned = greedy_with(p, &parallelism);
        prop_assert!(
            tuned == plain,
            "{parallelism:?}, {} cells: tuned {:?}\nreference {:?}",
            cells(p),
            tuned.to_rows(),
            plain.to_rows()
        );
    }
    Ok(())
}

/// Instances below and above IMPROVE_CELLS (with scores as the planner's or uniform).
fn small_or_medium() -> impl Strategy<Value = Problem> {
    let sizes = prop_oneof![
        Just(Size::TINY),
        Just(Size::SMALL),
        Just(Size::MEDIUM),
        Just(Size::LARGE),
        // 130–1,600 cells: past the improvement phase, below the second thread.
        Just(Size {
            max_groups: 12,
            min_items: 44,
            max_items: 200,
            min_years: 3,
            max_years: 8,
            scores: Scores::Planner,
        }),
    ];
    (any::<u64>(), sizes, any::<bool>()).prop_map(|(seed, size, uniform)| {
        let scores = if uniform {
            Scores::Uniform
        } else {
            Scores::Planner
        };
        instance(seed, Size { scores, ..size })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(384))]

    #[test]
    fn tuned_equals_reference_on_small_and_medium_problems(p in small_or_medium()) {
        agree(&p)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// 4,200–15,000 cells: the passes on two threads.
    #[test]
    fn tuned_equals_reference_on_large_problems(seed in any::<u64>(), uniform in any::<bool>()) {
        let p = instance(seed, Size {
            max_groups: 40,
            min_items: 700,
            max_items: 1500,
            min_years: 6,
            max_years: 10,
            scores: if uniform { Scores::Uniform } else { Scores::Planner },
        });
        prop_assert!(cells(&p) >= PARALLEL_CELLS);
        agree(&p)?;
    }
}

/// The planner's problems: the five examples and 60 synthetic profiles at their budget, a fifth
/// and twice it, and over one year; the sample covers every side of both thresholds.
#[test]
fn tuned_equals_reference_on_the_planners_problems() {
    // Without their statutory reserve, which only lowers the scheduler's budget: a fifth of an
    // example's budget may not cover it (and a run's budget below it is refused).
    let mut profiles: Vec<_> = examples()
        .into_iter()
        .map(|(_, p)| {
            let mut p = p.into_profile();
            p.statutory = None;
            p
        })
        .collect();
    for i in 0..60 {
        profiles.push(synth::profile(7, 36_000, i * 599, 2027).profile);
    }
    // Small communes whose lone secretary's cap binds: the packed pass's problems
    // (BENCHMARKS.md, "Plan quality").
    for i in [5400, 6660, 11700, 16380] {
        profiles.push(synth::profile(2027, 36_000, i, 2027).profile);
    }
    let mut sides = [0usize; 3];
    let mut packed = 0;
    for p in &profiles {
        let budget = p.budget.days_per_year;
        let runs = [
            (budget, None),
            (budget / 5, None),
            (budget.saturating_mul(2), None),
            (budget, Some(1)),
        ];
        for (days, horizon) in runs {
            let opts = PlanOptions {
                budget_days: Some(days),
                horizon,
            };
            let problem = planner().solve(&checked(p, &opts)).problem;
            let c = cells(&problem);
            if c < PARALLEL_CELLS && lone::packing(&problem).years.iter().any(|y| !y.is_empty()) {
                packed += 1;
            }
            sides[usize::from(c > IMPROVE_CELLS) + usize::from(c >= PARALLEL_CELLS)] += 1;
            agree(&problem).unwrap_or_else(|e| panic!("{} at {days} days: {e}", p.name));
        }
    }
    assert!(
        sides.iter().all(|&n| n > 0),
        "problems at most {IMPROVE_CELLS} cells, between, at least {PARALLEL_CELLS}: {sides:?}"
    );
    assert!(
        packed >= 4,
        "problems with a lone agent's steps packed: {packed}"
    );
}

/// A problem built by hand that is not well formed (a budget missing, a prerequisite naming no
/// item, a population or a goal numbered too high, an item its own prerequisite, a cycle, values too large for
/// their integers) never makes a scheduler panic: both give it the empty allocation, and
/// `Problem::check` refuses any allocation of it.
#[test]
fn malformed_problems_get_the_empty_allocation() {
    use parcours_planner::problem::{Dep, Item, Violation};
    let item = |group: usize, deps: Vec<usize>| Item {
        group,
        hours: 6,
        agents: 3,
        score: 10,
        short_term: true,
        deps: deps.into_iter().map(|item| Dep { item, free: 0 }).collect(),
        goals: vec![0],
        socle: true,
        cap_hours: None,
        sessions: None,
    };
    let good = Problem {
        years: 2,
        short_years: 1,
        budget_hours: vec![100, 100],
        cap_hours: 30,
        items: vec![item(0, vec![]), item(0, vec![0])],
        socle_first: true,
        shared_caps: Vec::new(),
        capacity: None,
    };
    assert!(good.is_well_formed());
    assert_ne!(greedy(&good), good.empty());
    let mut bad = Vec::new();
    let mut p = good.clone();
    p.budget_hours.pop();
    bad.push(p);
    let mut p = good.clone();
    p.short_years = 3;
    bad.push(p);
    let mut p = good.clone();
    p.items[1].deps[0].item = 7;
    bad.push(p);
    let mut p = good.clone();
    p.items[1].group = parcours_planner::problem::MAX_GROUPS;
    bad.push(p);
    let mut p = good.clone();
    p.items[1].deps[0].item = 1;
    bad.push(p);
    let mut p = good.clone();
    p.items[0].deps.push(Dep { item: 1, free: 0 });
    bad.push(p);
    let mut p = good.clone();
    p.items[0].hours = u64::MAX;
    bad.push(p);
    let mut p = good.clone();
    p.items[1].goals = vec![parcours_planner::problem::MAX_GOALS as u8];
    bad.push(p);
    let mut p = good.clone();
    p.items[0].score = u64::MAX;
    p.items[0].agents = u64::MAX;
    p.items[1].score = u64::MAX;
    p.items[1].agents = u64::MAX;
    p.items[1].hours = 1;
    p.items[0].hours = 1;
    bad.push(p);
    for (k, p) in bad.iter().enumerate() {
        assert!(!p.is_well_formed(), "case {k}");
        assert_eq!(greedy(p), p.empty(), "case {k}");
        assert_eq!(reference::greedy(p), p.empty(), "case {k}");
        assert_eq!(p.check(&p.empty()), Err(Violation::Malformed), "case {k}");
    }
}
