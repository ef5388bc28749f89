//! The greedy scheduler on random instances ([`parcours_exact::random`]): properties that
//! must hold on every instance (proptest), and its plan quality against the exact optimum.

use parcours_exact::random::{Scores, Size, instance};
use parcours_planner::problem::{Objective, Problem};
use parcours_planner::schedule::greedy;
use proptest::prelude::*;

/// Every size, with both kinds of scores.
fn size() -> impl Strategy<Value = Size> {
    let base = prop_oneof![
        Just(Size::TINY),
        Just(Size::SMALL),
        Just(Size::MEDIUM),
        Just(Size::LARGE)
    ];
    (base, any::<bool>()).prop_map(|(size, uniform)| Size {
        scores: if uniform {
            Scores::Uniform
        } else {
            Scores::Planner
        },
        ..size
    })
}

/// A random instance, sometimes with its budgets and cap redrawn by proptest (so that
/// shrinking can simplify them too).
fn problem() -> impl Strategy<Value = Problem> {
    (
        any::<u64>(),
        size(),
        prop::option::of((prop::collection::vec(0u64..2000, 6), 0u64..60)),
    )
        .prop_map(|(seed, size, redraw)| {
            let mut p = instance(seed, size);
            if let Some((budgets, cap)) = redraw {
                p.budget_hours = budgets[..p.years].to_vec();
                p.cap_hours = cap;
            }
            p
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn greedy_never_breaks_a_constraint(p in problem()) {
        let a = greedy(&p);
        prop_assert_eq!(p.check(&a), Ok(()));
    }

    #[test]
    fn greedy_never_schedules_more_than_the_agents(p in problem()) {
        let a = greedy(&p);
        for (item, xs) in p.items.iter().zip(a.rows()) {
            prop_assert!(xs.iter().sum::<u64>() <= item.agents);
        }
    }

    #[test]
    fn greedy_is_deterministic(p in problem()) {
        prop_assert_eq!(greedy(&p), greedy(&p.clone()));
    }

    // More budget never lowering the best plan is checked with the exact solver below; the
    // greedy is not monotone in every corner case (BENCHMARKS.md measures how often).

    #[test]
    fn zero_budget_schedules_nothing(p in problem()) {
        let mut broke = p;
        broke.budget_hours.iter_mut().for_each(|b| *b = 0);
        let a = greedy(&broke);
        prop_assert_eq!(&a, &broke.empty());
        prop_assert_eq!(broke.value(&a), Objective::default());
    }
}

/// The greedy against the optimum on 200 tiny instances (the exact solver is exponential;
/// these take milliseconds). The objective is lexicographic: the greedy's quality on an
/// instance is its ratio to the optimum at the first level where it is lower
/// (`Objective::shortfall`), 1 where it is not.
#[test]
fn greedy_is_close_to_the_optimum() {
    use parcours_exact::exact::{ExactError, optimum_within};
    use std::time::Duration;
    let mut ratios: Vec<(f64, u64, usize)> = Vec::new();
    let mut unproven = Vec::new();
    for seed in 0..200 {
        let p = instance(seed, Size::TINY);
        let g = greedy(&p);
        let vo = match optimum_within(&p, Duration::from_secs(3)) {
            Ok(o) => {
                assert_eq!(
                    p.check(&o),
                    Ok(()),
                    "seed {seed}: the optimum breaks a constraint"
                );
                p.value(&o)
            }
            // Not proven in time: the greedy is measured against a proven upper bound of the
            // optimum, which can only make its ratio lower.
            Err(ExactError::TimeLimit { best, bound }) => {
                assert_eq!(p.check(&best), Ok(()), "seed {seed}: the best plan");
                unproven.push(seed);
                bound
            }
            Err(e) => panic!("seed {seed}: {e}"),
        };
        let vg = p.value(&g);
        assert!(
            vg <= vo,
            "seed {seed}: greedy {vg:?} above the optimum {vo:?}"
        );
        let (level, r) = vg.shortfall(&vo).unwrap_or((4, 1.0));
        ratios.push((r, seed, level));
    }
    ratios.sort_by(|a, b| a.0.total_cmp(&b.0));
    let at = |q: f64| ratios[((q * ratios.len() as f64) as usize).min(ratios.len() - 1)].0;
    let (worst, p5, median) = (ratios[0], at(0.05), at(0.5));
    let below: Vec<_> = ratios.iter().filter(|r| r.0 < 0.9).collect();
    eprintln!(
        "greedy / optimum at the first level it loses: median {median:.4}, p5 {p5:.4}, worst \
         {:.4} (seed {}, level {}); below 0.9: {below:?}; not proven: {unproven:?}",
        worst.0, worst.1, worst.2
    );
    assert!(unproven.len() <= 4, "not proven in 3 s: {unproven:?}");
    assert!(median >= 0.99, "median {median}");
    assert!(p5 >= 0.9, "p5 {p5}; below 0.9: {below:?}");
}

/// Under the lexicographic objective more budget never makes the best plan worse: whatever
/// a budget allows, a larger one allows too. Checked with the exact solver on 60 tiny
/// instances, each with its budgets raised by half, and on the case that broke this under the
/// former short-term-first rule (seed 833 of the tiny instances, reduced: a plan allowed on
/// budgets of 94 and 77 hours was forbidden on 98 and 80, and the best plan fell from 2501 to
/// 2469).
#[test]
fn the_optimum_never_falls_when_the_budget_grows() {
    use parcours_exact::exact::optimum_within;
    use parcours_planner::problem::Item;
    use std::time::Duration;
    let problem = |budget_hours: Vec<u64>| Problem {
        years: 2,
        short_years: 2,
        budget_hours,
        cap_hours: 6,
        items: vec![
            Item::new(0, 6, 17, 57, true, vec![]),
            Item::new(1, 3, 3, 32, false, vec![]),
            Item::new(1, 6, 9, 59, false, vec![]),
        ],
        socle_first: false,
        shared_caps: Vec::new(),
        capacity: None,
    };
    let mut pairs = vec![(problem(vec![94, 77]), problem(vec![98, 80]))];
    for seed in 0..60 {
        let small = instance(seed, Size::TINY);
        let mut large = small.clone();
        large.budget_hours.iter_mut().for_each(|b| *b += *b / 2);
        pairs.push((small, large));
    }
    let limit = Duration::from_secs(5);
    let mut unproven = Vec::new();
    for (k, (small, large)) in pairs.iter().enumerate() {
        let (a, b) = (optimum_within(small, limit), optimum_within(large, limit));
        let (Ok(a), Ok(b)) = (a, b) else {
            unproven.push(k);
            continue;
        };
        let (va, vb) = (small.value(&a), large.value(&b));
        assert!(
            va <= vb,
            "case {k}: {va:?} on the smaller budget, {vb:?} on the larger"
        );
        // The smaller budget's best plan fits the larger budget.
        assert_eq!(large.check(&a), Ok(()), "case {k}");
    }
    // The exact solver proves nearly all of them within the limit (the first always).
    assert!(
        unproven.len() <= 3 && !unproven.contains(&0),
        "not proven: {unproven:?}"
    );
}
