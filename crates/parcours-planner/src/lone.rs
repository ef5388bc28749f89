//! The years 1–5 of an agent alone in a population whose cap binds: packed as a whole.
//!
//! A small commune's secretary is often the only agent of her métier, with some 117 hours of
//! short-term modules for 5 × 18 hours of cap. The greedy fills each year in the objective's
//! order — every ➔ step it can first, then the short term — and a year's cap ends up
//! fragmented: three 3-hour ➔ steps and nothing of 12 hours fits the 6 hours left, while the
//! best plan takes a 6-hour ➔ step with a 12-hour one and the 3-hour steps the next year
//! (BENCHMARKS.md, "Plan quality"). Which of her steps go in which year is a small
//! multiple-knapsack with prerequisites, solved here exactly by a search over the steps done
//! so far, year by year (one state per set of steps done and year, memoised); the greedy's
//! *packed* passes place these steps first in their years ([`crate::schedule`]).
//!
//! The search runs only where it matters and stays cheap: a population of one agent
//! (`Item::agents` at most 1 on every item of it), no cap shared with another population,
//! no session capacity, at most [`MAX_STEPS`] steps of the first three tiers whose hours
//! exceed three quarters of what the cap lets through in the short-term years (below, any
//! order fits them), and at most [`MAX_STATES`]
//! states (beyond, no packing: the passes run as they would without it).

use crate::problem::{Problem, TIER_SHORT, Tier};
use crate::schedule::{LEVELS, level_values};
use std::collections::HashMap;

/// Most steps of one population the search considers.
pub const MAX_STEPS: usize = 20;

/// Most states the search expands for one population.
pub const MAX_STATES: usize = 1_000;

/// Levels of the objective the packing compares (socle, ➔ goals, short term).
const PACKED_LEVELS: usize = 3;

/// A value at the first three levels of the objective, compared level by level.
type Value = [u128; PACKED_LEVELS];

fn add(a: Value, b: Value) -> Value {
    [a[0] + b[0], a[1] + b[1], a[2] + b[2]]
}

/// What the packed pass of the greedy needs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Packing {
    /// Whether a lone agent's steps take more than three quarters of what her cap lets
    /// through by year 5: the packed pass runs (it spreads the ➔ phases even where there is
    /// nothing to pack).
    pub tight: bool,
    /// Per short-term year, the steps it places first: those of the lone agents whose steps
    /// exceed what their cap lets through, packed, prerequisites first.
    pub years: Vec<Vec<usize>>,
}

/// [`packed_years`] of `p`, with its tiers and cap partners computed here.
pub fn packing(p: &Problem) -> Packing {
    packed_years(p, &p.tiers(), &p.cap_partners())
}

/// What the packed pass needs for `p` ([`Packing`]), given its items' tiers
/// ([`Problem::tiers`]) and its populations' cap partners ([`Problem::cap_partners`]), which
/// the schedulers have already computed. The items' values are computed only if a lone agent
/// needs packing (a few problems of a batch's thousands).
pub fn packed_years(p: &Problem, tiers: &[Tier], partners: &[Vec<(usize, u64)>]) -> Packing {
    let years = p.short_years.min(p.years);
    let mut out = Packing {
        tight: false,
        years: vec![Vec::new(); years],
    };
    if years == 0 || p.capacity.is_some() {
        return out;
    }
    let groups = p.items.iter().map(|i| i.group + 1).max().unwrap_or(0);
    let mut values = None;
    let mut members = vec![Vec::new(); groups];
    for (i, item) in p.items.iter().enumerate() {
        members[item.group].push(i);
    }
    for (g, members) in members.iter().enumerate() {
        if !partners[g].is_empty() {
            continue;
        }
        match pack_group(p, members, tiers, &mut values, years) {
            Lone::Loose => {}
            Lone::Tight => out.tight = true,
            Lone::Packed(plan) => {
                out.tight = true;
                for (y, items) in plan.into_iter().enumerate() {
                    out.years[y].extend(items);
                }
            }
        }
    }
    out
}

/// A population for the packed pass.
enum Lone {
    /// Not a lone agent, or her steps take at most three quarters of what her cap lets
    /// through by year 5 (or too many steps, or too many states, to search).
    Loose,
    /// A lone agent whose steps take more than three quarters of it, all of them: any
    /// order fits them, the spread ➔ phases leave her the budget.
    Tight,
    /// A lone agent whose steps exceed it: her steps, year by year.
    Packed(Vec<Vec<usize>>),
}

/// The packing over the short-term years of the steps of a population (its items,
/// `members`), if it is a lone agent's whose cap binds.
fn pack_group(
    p: &Problem,
    members: &[usize],
    tiers: &[Tier],
    values: &mut Option<[Vec<u128>; LEVELS]>,
    years: usize,
) -> Lone {
    if members.iter().any(|&i| p.items[i].agents > 1) {
        return Lone::Loose;
    }
    let Some(cap) = members.iter().map(|&i| p.cap_of(i)).min() else {
        return Lone::Loose;
    };
    // The steps: items of the first three tiers with an agent to train, whose prerequisites
    // with no free agent are steps too (the others are left to the passes).
    let mut steps: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| tiers[i] <= TIER_SHORT && p.items[i].agents == 1 && p.items[i].hours <= cap)
        .collect();
    loop {
        let before = steps.len();
        let kept = steps.clone();
        steps.retain(|&i| {
            p.items[i]
                .deps
                .iter()
                .all(|d| d.free >= 1 || kept.contains(&d.item))
        });
        if steps.len() == before {
            break;
        }
    }
    let hours: u64 = steps.iter().map(|&i| p.items[i].hours).sum();
    let through = cap * years as u64;
    if steps.is_empty() || steps.len() > MAX_STEPS || hours * 4 <= through * 3 {
        return Lone::Loose;
    }
    if hours <= through {
        return Lone::Tight;
    }
    let steps = prerequisites_first(p, steps);
    let index = |i: usize| steps.iter().position(|&s| s == i);
    let need: Vec<u32> = steps
        .iter()
        .map(|&i| {
            p.items[i]
                .deps
                .iter()
                .filter(|d| d.free == 0)
                .filter_map(|d| index(d.item))
                .fold(0u32, |m, k| m | 1 << k)
        })
        .collect();
    let values = values.get_or_insert_with(|| level_values(p));
    let search = Search {
        hours: steps.iter().map(|&i| p.items[i].hours).collect(),
        value: steps
            .iter()
            .map(|&i| [values[0][i], values[1][i], values[2][i]])
            .collect(),
        need,
        room: (0..years)
            .map(|y| cap.min(p.budget_hours.get(y).copied().unwrap_or(0)))
            .collect(),
        memo: HashMap::new(),
    };
    let mut search = search;
    let mut left = MAX_STATES;
    if search.best(0, 0, &mut left).is_none() {
        return Lone::Loose;
    }
    // Follow the best choices from the start.
    let mut plan = Vec::with_capacity(years);
    let mut done = 0u32;
    for y in 0..years {
        let (_, chosen) = search.memo[&(y, done)];
        plan.push(search.ordered(chosen).map(|k| steps[k]).collect());
        done |= chosen;
    }
    Lone::Packed(plan)
}

/// The search's data: per step its hours, value and the steps it needs first (a bit set);
/// per year the hours the cap and the budget let through.
struct Search {
    hours: Vec<u64>,
    value: Vec<Value>,
    need: Vec<u32>,
    room: Vec<u64>,
    /// The best value from a year on, given the steps done, and that year's choice.
    memo: HashMap<(usize, u32), (Value, u32)>,
}

impl Search {
    /// The best value reachable from year `y` with the steps `done`; `None` when the search
    /// ran out of states.
    fn best(&mut self, y: usize, done: u32, left: &mut usize) -> Option<Value> {
        if y == self.room.len() {
            return Some([0; PACKED_LEVELS]);
        }
        if let Some(&(v, _)) = self.memo.get(&(y, done)) {
            return Some(v);
        }
        *left = left.checked_sub(1)?;
        let mut choices = Vec::new();
        self.choices(done, 0, 0, self.room[y], &mut choices);
        let mut top: Option<(Value, u32)> = None;
        for chosen in choices {
            let here = (0..self.hours.len())
                .filter(|k| chosen & 1 << k != 0)
                .fold([0; PACKED_LEVELS], |v, k| add(v, self.value[k]));
            let v = add(here, self.best(y + 1, done | chosen, left)?);
            if top.is_none_or(|(t, _)| v > t) {
                top = Some((v, chosen));
            }
        }
        let top = top.unwrap_or(([0; PACKED_LEVELS], 0));
        self.memo.insert((y, done), top);
        Some(top.0)
    }

    /// Every set of steps one year can take after `done` within `room` hours that no other
    /// step could join (taking a step earlier never costs a later year anything): from step
    /// `from` on, with `chosen` taken so far. Steps are in an order that puts prerequisites
    /// first, so a step taken the same year as its prerequisite comes after it here.
    fn choices(&self, done: u32, from: usize, chosen: u32, room: u64, out: &mut Vec<u32>) {
        if !self.can_join(done, chosen, room) {
            out.push(chosen);
            return;
        }
        for k in from..self.hours.len() {
            if self.joins(done, chosen, room, k) {
                self.choices(done, k + 1, chosen | 1 << k, room - self.hours[k], out);
            }
        }
    }

    /// Whether step `k` can join `chosen` in `room` hours.
    fn joins(&self, done: u32, chosen: u32, room: u64, k: usize) -> bool {
        let taken = done | chosen;
        taken & 1 << k == 0 && self.hours[k] <= room && self.need[k] & !taken == 0
    }

    /// Whether some step could still join `chosen` in `room` hours.
    fn can_join(&self, done: u32, chosen: u32, room: u64) -> bool {
        (0..self.hours.len()).any(|k| self.joins(done, chosen, room, k))
    }

    /// The steps of `chosen`, in step order (prerequisites first).
    fn ordered(&self, chosen: u32) -> impl Iterator<Item = usize> {
        (0..self.hours.len()).filter(move |k| chosen & 1 << k != 0)
    }
}

/// `steps` reordered so that every prerequisite comes before its dependents (lower item
/// first among those ready; a cycle, which a valid problem has not, keeps item order).
fn prerequisites_first(p: &Problem, mut steps: Vec<usize>) -> Vec<usize> {
    let mut ordered = Vec::with_capacity(steps.len());
    while !steps.is_empty() {
        let ready = steps
            .iter()
            .position(|&i| {
                p.items[i]
                    .deps
                    .iter()
                    .all(|d| d.free >= 1 || !steps.contains(&d.item))
            })
            .unwrap_or(0);
        ordered.push(steps.remove(ready));
    }
    ordered
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::Item;
    use crate::schedule::greedy;

    /// A secretary alone in her métier, 12 hours a year, two short-term years: two 3-hour ➔
    /// steps and two 9-hour short-term steps, 24 hours for 24 hours of cap.
    fn secretary(agents: u64, cap: u64) -> Problem {
        Problem {
            years: 2,
            short_years: 2,
            budget_hours: vec![100, 100],
            cap_hours: cap,
            items: vec![
                Item::new(0, 3, agents, 300, true, vec![]).with_goals(vec![0]),
                Item::new(0, 3, agents, 300, true, vec![]).with_goals(vec![1]),
                Item::new(0, 9, agents, 900, true, vec![]),
                Item::new(0, 9, agents, 900, true, vec![]),
            ],
            socle_first: false,
            shared_caps: Vec::new(),
            capacity: None,
        }
    }

    #[test]
    fn a_lone_agents_years_are_packed_and_the_greedy_follows() {
        // Year by year, the ➔ steps go first (6 hours) and no 9-hour step fits what is left:
        // 15 hours by year 2. Packed, each year takes a ➔ step and a 9-hour one: all 24.
        let p = secretary(1, 12);
        // The cap lets 24 hours through for 24 of steps: nothing to choose, but tight.
        assert!(packing(&p).years.iter().all(Vec::is_empty));
        assert!(packing(&p).tight);
        assert!(!packing(&secretary(1, 18)).tight);
        let mut p = secretary(1, 12);
        p.items.push(Item::new(0, 3, 1, 300, true, vec![]));
        let packed = packing(&p).years;
        assert_eq!(packed.iter().map(Vec::len).sum::<usize>(), 4, "{packed:?}");
        assert!(packed.iter().all(|year| {
            year.iter().map(|&i| p.items[i].hours).sum::<u64>() == 12
                && year
                    .iter()
                    .filter(|&&i| !p.items[i].goals.is_empty())
                    .count()
                    == 1
        }));
        let a = greedy(&p);
        assert_eq!(p.check(&a), Ok(()));
        let done: Vec<u64> = a.to_rows().iter().map(|r| r.iter().sum()).collect();
        assert_eq!(done, vec![1, 1, 1, 1, 0]);
        assert_eq!(a, crate::reference::greedy(&p));
    }

    #[test]
    fn populations_of_several_agents_or_a_shared_cap_are_not_packed() {
        let mut p = secretary(2, 12);
        p.items.push(Item::new(0, 3, 2, 300, true, vec![]));
        assert!(packing(&p).years.iter().all(Vec::is_empty));
        let mut p = secretary(1, 12);
        p.items.push(Item::new(0, 3, 1, 300, true, vec![]));
        p.capacity = Some(100);
        assert!(packing(&p).years.iter().all(Vec::is_empty));
    }

    #[test]
    fn a_prerequisite_is_packed_no_later_than_its_dependent() {
        // The 9-hour steps need the 3-hour ones: the same year or earlier, never later.
        let mut p = secretary(1, 12);
        p.items.push(Item::new(0, 3, 1, 300, true, vec![]));
        p.items[2].deps = vec![crate::problem::Dep { item: 0, free: 0 }];
        p.items[3].deps = vec![crate::problem::Dep { item: 1, free: 0 }];
        let packed = packing(&p).years;
        let year_of = |i: usize| packed.iter().position(|y| y.contains(&i));
        for (dependent, prerequisite) in [(2, 0), (3, 1)] {
            if let Some(y) = year_of(dependent) {
                let before = year_of(prerequisite).expect("prerequisite packed");
                assert!(before <= y);
                if before == y {
                    let year = &packed[y];
                    let at = |i| year.iter().position(|&k| k == i);
                    assert!(at(prerequisite) < at(dependent));
                }
            }
        }
        let a = greedy(&p);
        assert_eq!(p.check(&a), Ok(()));
        assert_eq!(a, crate::reference::greedy(&p));
    }
}
