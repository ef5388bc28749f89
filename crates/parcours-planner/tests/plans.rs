//! Property tests of whole plans on random profiles built from the shipped reference data:
//! every constraint holds exactly, every line is justified, results are deterministic, and a
//! zero budget funds nothing. How often more budget makes the plan worse (the greedy scheduler
//! is not monotone in every case) is measured on seeded random profiles and bounded.

mod common;

use common::{checked, data, examples, planner, profile};

use parcours_planner::check::check;
use parcours_planner::options::PlanOptions;
use parcours_planner::profile::Profile;
use proptest::prelude::*;
use std::collections::BTreeMap;

prop_compose! {
    fn profiles()(
        lines in prop::collection::btree_map(0usize..152, 0u32..40, 1..7),
        maturity in 0usize..4,
        days in 0u32..120,
        cap in 0u32..8,
        horizon in 1u16..12,
        managers in 0u32..4,
        elected in 0u32..6,
    ) -> Profile {
        profile(lines, maturity, days, cap, horizon, managers, elected)
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn constraints_hold_and_every_line_is_justified(p in profiles()) {
        prop_assert!(check(&p, data(), "p.ron", "").is_empty());
        let s = planner().solve(&checked(&p, &PlanOptions::default()));
        prop_assert_eq!(s.problem.check(&s.alloc), Ok(()));
        let plan = planner().plan(&checked(&p, &PlanOptions::default()));
        for y in &plan.years {
            prop_assert!(y.days_used <= y.budget_days, "year {} uses {} of {}", y.year, y.days_used, y.budget_days);
            for line in &y.sessions {
                prop_assert!(!line.recommendations.is_empty(), "{} cites no recommendation", line.module);
                prop_assert_eq!(line.agents, line.by_metier.iter().map(|m| m.agents).sum::<u64>());
            }
        }
        // Per population and year, the hours of the modules it takes stay under the cap.
        let cap = u64::from(p.budget.max_days_per_agent) * u64::from(data().planning().hours_per_day);
        for y in &plan.years {
            let mut load: BTreeMap<&str, u64> = BTreeMap::new();
            for line in &y.sessions {
                for m in line.by_metier.iter().map(|m| &m.metier) {
                    *load.entry(&**m).or_default() += line.hours;
                }
            }
            for (m, h) in load {
                prop_assert!(h <= cap, "{} takes {} h in {} (cap {})", m, h, y.year, cap);
            }
        }
    }

    #[test]
    fn prerequisites_come_first(p in profiles()) {
        let s = planner().solve(&checked(&p, &PlanOptions::default()));
        let plan = planner().plan(&checked(&p, &PlanOptions::default()));
        for (y, year) in plan.years.iter().enumerate() {
            let pos: BTreeMap<&str, usize> =
                year.sessions.iter().enumerate().map(|(k, l)| (l.module.as_str(), k)).collect();
            for (i, it) in s.items.iter().enumerate() {
                if s.alloc.row(i)[y] == 0 {
                    continue;
                }
                for d in &s.problem.items[i].deps {
                    let dep = &s.items[d.item];
                    // Enough agents of the prerequisite by this year (earlier or same year)…
                    let cum_i: u64 = s.alloc.row(i)[..=y].iter().sum();
                    let cum_d: u64 = s.alloc.row(d.item)[..=y].iter().sum();
                    prop_assert!(cum_i <= cum_d + d.free);
                    // … and when it is the same year, its line comes first.
                    if s.alloc.row(d.item)[y] > 0 {
                        let (dm, im) = (&dep.module(data()).id, &it.module(data()).id);
                        prop_assert!(pos[dm.as_str()] < pos[im.as_str()],
                            "{} before its prerequisite {}", im, dm);
                    }
                }
            }
        }
    }

    /// What batch runs add up (`Planner::totals`, which skips the rationale) is what the plan
    /// says, with the budget and horizon of the profile or of the options.
    #[test]
    fn totals_are_the_plans(p in profiles(), budget in proptest::option::of(0u32..120), horizon in proptest::option::of(1u16..12)) {
        let options = PlanOptions { budget_days: budget, horizon };
        let plan = planner().plan(&checked(&p, &options));
        prop_assert_eq!(planner().totals(&checked(&p, &options)), plan.totals());
    }

    #[test]
    fn deterministic(p in profiles()) {
        let a = planner().plan(&checked(&p, &PlanOptions::default()));
        let b = planner().plan(&checked(&p, &PlanOptions::default()));
        prop_assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap());
    }

    #[test]
    fn zero_budget_funds_nothing(p in profiles()) {
        let s = planner().solve(&checked(&p, &PlanOptions { budget_days: Some(0), horizon: None }));
        let plan = planner().plan(&checked(&p, &PlanOptions { budget_days: Some(0), horizon: None }));
        prop_assert!(plan.years.iter().all(|y| y.sessions.is_empty()));
        let needed: u64 = s.items.iter().map(|i| i.agents).sum();
        let unfunded: u64 = plan.unfunded.iter().filter(|u| u.module.is_some()).map(|u| u.agents).sum();
        prop_assert_eq!(needed, unfunded);
    }
}

/// More budget should not make a plan worse. Under the lexicographic objective the best plan
/// never gets worse (the exact solver checks it, `parcours-exact/tests/scheduling.rs`); the
/// greedy does not guarantee it (a module that more budget makes affordable can take a
/// population's yearly hours, or an early year's budget, from another): on 2,000 seeded
/// random profiles, each with 1 to 59 more days, the plan must not be worse (in the
/// objective's order) in more than 1 % of the cases, nor fall by more than 12 % at the first
/// level where it is worse. The figures are printed; BENCHMARKS.md records them. (The bound
/// was 10 % until the managers' track shared its cap with the management lines, issue #25:
/// two populations competing for one yearly time give the greedy one more way to spend it
/// early; 7 cases of 2,000, the worst at 89.0 % at level 3, seed 478, where it was 3 and
/// 95.3 % without the sharing.)
#[test]
fn more_budget_rarely_makes_the_plan_worse() {
    use parcours_planner::rng::SplitMix;
    let (mut worse, mut worst, runs) = (0u32, 1f64, 2000u64);
    let mut levels = [0u32; 4];
    for seed in 0..runs {
        let mut r = SplitMix::new(seed, 7);
        let lines: BTreeMap<usize, u32> = (0..r.range(1, 6))
            .map(|_| (r.range(0, 151) as usize, r.range(0, 39) as u32))
            .collect();
        // Drawn in the order the figures of BENCHMARKS.md were measured with.
        let maturity = r.range(0, 3) as usize;
        let managers = r.range(0, 3) as u32;
        let elected = r.range(0, 5) as u32;
        let days = r.range(0, 119) as u32;
        let cap = r.range(0, 7) as u32;
        let horizon = r.range(1, 11) as u16;
        let p = profile(lines, maturity, days, cap, horizon, managers, elected);
        let extra = r.range(1, 59) as u32;
        let a = planner()
            .plan(&checked(&p, &PlanOptions::default()))
            .indicators
            .objective;
        let more = PlanOptions {
            budget_days: Some(p.budget.days_per_year + extra),
            horizon: None,
        };
        let b = planner().plan(&checked(&p, &more)).indicators.objective;
        if let Some((level, ratio)) = b.shortfall(&a) {
            worse += 1;
            levels[level] += 1;
            worst = worst.min(ratio);
        }
    }
    eprintln!(
        "more budget made the plan worse in {worse} of {runs} random profiles (by level: \
         {levels:?}), to {:.3} % of the smaller budget's at worst",
        worst * 100.0
    );
    assert!(f64::from(worse) <= 0.01 * runs as f64, "{worse} of {runs}");
    assert!(worst >= 0.88, "worst ratio {worst}");
}

/// A vendor can store a plan and read it back: the JSON of every example profile's plan reads
/// back into an owned `Plan<'static>` that writes the same JSON, byte for byte.
#[test]
fn a_plan_reads_back_from_its_json() {
    use parcours_planner::plan::Plan;
    for (name, p) in examples() {
        let json = serde_json::to_string(&planner().plan(&p)).expect("json");
        let back: Plan<'static> = serde_json::from_str(&json).expect("the plan reads back");
        assert_eq!(serde_json::to_string(&back).expect("json"), json, "{name}");
    }
}

/// The agents of each métier brought to *expertise* in one competency: (population, competency)
/// → agents, from the solution's items (tracks excluded: they are trained whole).
fn expertise_agents(
    s: &parcours_planner::planner::Solution,
) -> BTreeMap<(usize, String), (u64, u64)> {
    use parcours_graph::vocab::Level;
    use parcours_planner::population::PopulationKind;
    let mut out: BTreeMap<(usize, String), (u64, u64)> = BTreeMap::new();
    for it in s.items.iter().filter(|it| it.level == Level::Expertise) {
        let pop = &s.populations[it.population];
        if pop.kind == PopulationKind::Track {
            continue;
        }
        let competency = it.module(data()).competency.to_string();
        let e = out.entry((it.population, competency)).or_default();
        e.0 += it.agents;
        e.1 = pop.headcount;
    }
    out
}

/// Expertise is for referents: in every example and in random profiles, at most
/// max(1, ⌈share × headcount⌉) agents of a métier are brought to expertise in a competency
/// (the reference data's share, 10 %, or the profile's own).
#[test]
fn expertise_is_for_referents_in_every_example() {
    let default_share = u64::from(data().planning().expertise_share_percent);
    for (name, p) in examples() {
        for share in [None, Some(25)] {
            let mut q = p.profile().clone();
            q.expertise_share_percent = share;
            let s = planner().solve(&checked(&q, &PlanOptions::default()));
            let share = share.map_or(default_share, u64::from);
            let found = expertise_agents(&s);
            for ((pop, competency), (agents, headcount)) in &found {
                let referents = (headcount * share).div_ceil(100).max(1);
                assert!(
                    *agents <= referents,
                    "{name}: {} agents of {} ({headcount}) to expertise in {competency}, at most {referents}",
                    agents,
                    s.populations[*pop].id
                );
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// The same on random communes.
    #[test]
    fn expertise_is_for_referents(p in profiles()) {
        let s = planner().solve(&checked(&p, &PlanOptions::default()));
        let share = u64::from(data().planning().expertise_share_percent);
        for ((_, competency), (agents, headcount)) in expertise_agents(&s) {
            let referents = (headcount * share).div_ceil(100).max(1);
            prop_assert!(agents <= referents, "{} agents to expertise in {}, at most {}", agents, competency, referents);
        }
    }
}

/// A reconversion target is never shrinking and always related to its source: the same field
/// of action or a shared job-specific competency (listed), on every example.
#[test]
fn reconversion_targets_are_related_and_not_shrinking() {
    use parcours_graph::ids::MetierId;
    use parcours_graph::vocab::Category;
    let mut seen = 0;
    for (name, p) in examples() {
        for r in planner().plan(&p).reconversions {
            let source = data().metier(&MetierId::new(&r.metier)).expect("a métier");
            for t in &r.targets {
                let target = data().metier(&MetierId::new(&t.metier)).expect("a métier");
                assert!(
                    !data().in_category(&target.id, Category::Shrinking),
                    "{name}: {}",
                    t.metier
                );
                assert_eq!(
                    t.same_field,
                    source.field == target.field,
                    "{name}: {}",
                    t.metier
                );
                assert!(
                    t.same_field || !t.shared_competencies.is_empty(),
                    "{name}: {} → {} shares nothing",
                    r.metier,
                    t.metier
                );
                seen += 1;
            }
        }
    }
    assert!(seen > 50, "{seen} targets");
}

/// A self-training module (Pix, e-learning) is not a session: no session count and never a
/// pooling candidate; every other line has enough sessions for its agents.
#[test]
fn self_training_lines_are_not_sessions() {
    use parcours_graph::vocab::Modality;
    let mut self_training = 0;
    for (_, p) in examples() {
        for line in planner().plan(&p).years.iter().flat_map(|y| &y.sessions) {
            let m = data().module(&line.module).expect("a module");
            if line.modality == Modality::SelfTraining {
                self_training += 1;
                assert_eq!(
                    (line.sessions, line.pooling_candidate),
                    (0, false),
                    "{}",
                    line.module
                );
            } else {
                assert!(
                    line.sessions * u64::from(m.max_participants) >= line.agents,
                    "{}",
                    line.module
                );
            }
        }
    }
    assert!(self_training > 0, "the examples have self-training lines");
}
