//! Seeded random scheduling problems for tests and benchmarks: small but realistic instances
//! (populations, chains of modules such as *socle* → *approfondissement*, a tight yearly budget
//! and a per-agent cap), the same for the same seed on every machine.
//!
//! The generator is a self-contained splitmix64, so that it needs no dependency and its output
//! never changes with a crate's version.

use parcours_planner::problem::{Dep, Item, Problem, Sessions, SharedCap};
use parcours_planner::rng::SplitMix;

/// Hours of training a module may take per agent.
pub const HOURS: [u64; 5] = [3, 6, 12, 18, 24];

/// Per-agent yearly caps drawn, the last one "large" (never binding on these instances).
pub const CAPS: [u64; 5] = [6, 12, 18, 24, LARGE_CAP];

/// The "large" cap: more than the hours of all the items of any instance together.
pub const LARGE_CAP: u64 = 10_000;

/// The shape of the instances to draw: each bound is inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    /// Most populations (at least 1).
    pub max_groups: usize,
    /// Fewest items.
    pub min_items: usize,
    /// Most items.
    pub max_items: usize,
    /// Fewest years (at least 1).
    pub min_years: usize,
    /// Most years.
    pub max_years: usize,
    /// How scores are drawn.
    pub scores: Scores,
}

/// How item scores are drawn (always within 1–1000).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scores {
    /// As the planner scores (`score.rs` with the weights of `data/planning.ron`, and
    /// `plan.rs`): a priority per training hour, times the item's hours, divided by 20 to stay
    /// within 1–1000. The priority per hour is base 100, plus 60 for a ➔ recommendation, 40
    /// for a short-term need, 50, 20 and 30 for a sensitive, high-headcount and shrinking
    /// population, 2 √agents and 15 per missing level, all times an effect weight (100 %
    /// three times in four, else 50–200 %).
    Planner,
    /// Uniform in 1–1000 whatever the item's hours and horizon: a stress test, far from what
    /// the planner produces (a 3-hour long-term module may be worth 300 times a 24-hour
    /// short-term one).
    Uniform,
}

impl Size {
    /// Tiny instances: 1–3 populations, 3–6 items, 2–3 years (what the exact solver proves
    /// optimal in milliseconds, even unoptimised: the optimality test's size).
    pub const TINY: Size = Size {
        max_groups: 3,
        min_items: 3,
        max_items: 6,
        min_years: 2,
        max_years: 3,
        scores: Scores::Planner,
    };

    /// Small instances: 1–3 populations, 3–8 items, 2–4 years.
    pub const SMALL: Size = Size {
        max_groups: 3,
        min_items: 3,
        max_items: 8,
        min_years: 2,
        max_years: 4,
        scores: Scores::Planner,
    };

    /// Medium instances: 1–4 populations, 3–12 items, 2–6 years.
    pub const MEDIUM: Size = Size {
        max_groups: 4,
        min_items: 3,
        max_items: 12,
        min_years: 2,
        max_years: 6,
        scores: Scores::Planner,
    };

    /// Large instances: 1–4 populations, 8–20 items, 3–6 years.
    pub const LARGE: Size = Size {
        max_groups: 4,
        min_items: 8,
        max_items: 20,
        min_years: 3,
        max_years: 6,
        scores: Scores::Planner,
    };
}

/// The crate's splitmix64 generator ([`SplitMix`]), with the helpers instances need.
#[derive(Clone, Debug)]
struct Rng(SplitMix);

impl Rng {
    /// A number in `lo..=hi` (`lo` if the range is empty).
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        self.0.range(lo, hi)
    }

    /// A `usize` in `lo..=hi`.
    fn urange(&mut self, lo: usize, hi: usize) -> usize {
        // Sizes are small: the conversions cannot truncate.
        self.range(lo as u64, hi as u64) as usize
    }

    /// True with probability `num / den`.
    fn chance(&mut self, num: u64, den: u64) -> bool {
        self.0.chance(num, den)
    }

    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.urange(0, xs.len() - 1)]
    }
}

/// A random problem of the given size, the same for the same `(seed, size)`.
///
/// - 1 to `max_groups` populations, each item in one of them; hours in [`HOURS`], 1–25 agents,
///   a score of 1–1000 (see [`Scores`]), short-term or long-term about half the time each; as in the planner, a
///   prerequisite of a short-term item is short-term too.
/// - Prerequisites point only to lower-index items of the same population (so there is no
///   cycle), like *socle* → *approfondissement* chains: an item needs the previous item of its
///   population most of the time, sometimes another earlier one too. The agents of the item who
///   are not in the prerequisite's population (`agents_i - agents_j` when positive) are `free`,
///   or none are.
/// - `short_years` is `min(5, years)`, or sometimes fewer.
/// - A short-term item counts for one or two of three goals a third of the time, an item
///   without prerequisite is a socle step a third of the time, and a quarter of the problems
///   put the socle first.
/// - Each year's budget is 10 %–120 % of the total demand (hours × agents) spread over the
///   years, and sometimes 0, so that the budget binds; the cap is one of [`CAPS`], and a
///   quarter of the populations have their own, one of [`CAPS`] too.
pub fn instance(seed: u64, size: Size) -> Problem {
    let mut rng = Rng(SplitMix(seed));
    let groups = rng.urange(1, size.max_groups.max(1));
    let n = rng.urange(size.min_items, size.max_items.max(size.min_items));
    let years = rng.urange(
        size.min_years.max(1),
        size.max_years.max(size.min_years.max(1)),
    );
    let short_years = if rng.chance(3, 4) {
        years.min(5)
    } else {
        rng.urange(1, years.min(5))
    };
    let cap_hours = rng.pick(&CAPS);

    let mut items: Vec<Item> = Vec::with_capacity(n);
    // The items of each population so far, in index order.
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); groups];
    for i in 0..n {
        let group = rng.urange(0, groups - 1);
        let hours = rng.pick(&HOURS);
        let agents = rng.range(1, 25);
        let short_term = rng.chance(1, 2);
        let mut deps = Vec::new();
        let earlier = &members[group];
        if let Some(&last) = earlier.last()
            && rng.chance(2, 3)
        {
            deps.push(last);
            if earlier.len() > 1 && rng.chance(1, 4) {
                let other = earlier[rng.urange(0, earlier.len() - 2)];
                deps.push(other);
            }
        }
        let deps = deps
            .into_iter()
            .map(|j| {
                let free = if rng.chance(1, 2) {
                    agents.saturating_sub(items[j].agents)
                } else {
                    0
                };
                Dep { item: j, free }
            })
            .collect();
        items.push(Item {
            group,
            hours,
            agents,
            score: 0,
            short_term,
            deps,
            goals: Vec::new(),
            socle: false,
            cap_hours: None,
            sessions: None,
        });
        members[group].push(i);
    }

    // As in the planner, the prerequisite steps of a short-term need are short-term too.
    for i in (0..n).rev() {
        if items[i].short_term {
            for k in 0..items[i].deps.len() {
                let j = items[i].deps[k].item;
                items[j].short_term = true;
            }
        }
    }

    // Scores, once the horizons are known.
    let sensitive: Vec<bool> = (0..groups).map(|_| rng.chance(1, 4)).collect();
    let high_headcount: Vec<bool> = (0..groups).map(|_| rng.chance(1, 4)).collect();
    let shrinking: Vec<bool> = (0..groups).map(|_| rng.chance(1, 5)).collect();
    for item in &mut items {
        item.score = match size.scores {
            Scores::Uniform => rng.range(1, 1000),
            Scores::Planner => {
                let g = item.group;
                let per_hour = 100
                    + if rng.chance(1, 2) { 60 } else { 0 }
                    + if item.short_term { 40 } else { 0 }
                    + if sensitive[g] { 50 } else { 0 }
                    + if high_headcount[g] { 20 } else { 0 }
                    + if shrinking[g] { 30 } else { 0 }
                    + 2 * parcours_planner::score::isqrt(item.agents)
                    + 15 * rng.range(1, 3);
                // Profiles rarely weight an effect (one example profile of five does).
                let effect = if rng.chance(3, 4) {
                    100
                } else {
                    rng.pick(&[50, 75, 125, 150, 200])
                };
                (per_hour * effect / 100 * item.hours / 20).clamp(1, 1000)
            }
        };
    }

    // The objective's first levels: a short-term item counts for one of three goals a third
    // of the time (for two, sometimes); an item without prerequisite is a socle step a third
    // of the time; a problem puts the socle first a quarter of the time.
    for item in &mut items {
        if item.short_term && rng.chance(1, 3) {
            let mut goals = vec![rng.range(0, 2) as u8];
            if rng.chance(1, 4) {
                goals.push(rng.range(0, 2) as u8);
            }
            goals.sort_unstable();
            goals.dedup();
            item.goals = goals;
        }
        item.socle = item.deps.is_empty() && rng.chance(1, 3);
    }
    let socle_first = rng.chance(1, 4);

    let demand: u64 = items.iter().map(|i| i.hours * i.agents).sum();
    let per_year = demand / years as u64;
    let budget_hours = (0..years)
        .map(|_| {
            if rng.chance(1, 12) {
                0
            } else {
                per_year * rng.range(10, 120) / 100
            }
        })
        .collect();

    // A population has its own cap (specialists, a track) a quarter of the time; drawn last,
    // so that the rest of an instance is the same as without.
    let own: Vec<Option<u64>> = (0..groups)
        .map(|_| rng.chance(1, 4).then(|| rng.pick(&CAPS)))
        .collect();
    for item in &mut items {
        item.cap_hours = own[item.group];
    }
    // A third of the instances with two populations or more have a managers' track (the last
    // population) sharing its cap with some others (management lines); drawn after the rest.
    let mut shared_caps = Vec::new();
    if groups > 1 && rng.chance(1, 3) {
        let track = groups - 1;
        for group in 0..track {
            if rng.chance(1, 3) {
                shared_caps.push(SharedCap { group, track });
            }
        }
    }

    // A third of the instances have a training service's capacity: up to three kinds of
    // sessions (modules with a trainer), each with its size and weight; drawn last.
    let mut capacity = None;
    if rng.chance(1, 3) {
        let kinds: Vec<Sessions> = (0..rng.urange(1, 3))
            .map(|kind| Sessions {
                kind,
                size: rng.range(2, 12),
                weight: rng.pick(&[1, 6, 12]),
            })
            .collect();
        for item in &mut items {
            if rng.chance(3, 4) {
                item.sessions = Some(kinds[rng.urange(0, kinds.len() - 1)]);
            }
        }
        capacity = Some(rng.range(0, 40));
    }

    Problem {
        years,
        short_years,
        budget_hours,
        cap_hours,
        items,
        socle_first,
        shared_caps,
        capacity,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_instance() {
        for seed in 0..50 {
            assert_eq!(instance(seed, Size::MEDIUM), instance(seed, Size::MEDIUM));
        }
        assert_ne!(instance(1, Size::MEDIUM), instance(2, Size::MEDIUM));
    }

    #[test]
    fn instances_respect_their_size_and_rules() {
        for size in [Size::TINY, Size::SMALL, Size::MEDIUM, Size::LARGE] {
            for seed in 0..300 {
                let p = instance(seed, size);
                assert!((size.min_items..=size.max_items).contains(&p.items.len()));
                assert!((size.min_years..=size.max_years).contains(&p.years));
                assert!(p.short_years >= 1 && p.short_years <= p.years.min(5));
                assert_eq!(p.budget_hours.len(), p.years);
                assert!(CAPS.contains(&p.cap_hours));
                for (i, item) in p.items.iter().enumerate() {
                    assert!(item.group < size.max_groups);
                    assert!(HOURS.contains(&item.hours));
                    assert!((1..=25).contains(&item.agents));
                    assert!((1..=1000).contains(&item.score));
                    for d in &item.deps {
                        assert!(d.item < i);
                        assert!(!item.short_term || p.items[d.item].short_term);
                        assert_eq!(p.items[d.item].group, item.group);
                        assert!(d.free <= item.agents);
                    }
                }
                assert!(p.items.iter().map(|i| i.hours).sum::<u64>() < LARGE_CAP);
            }
        }
    }
}
