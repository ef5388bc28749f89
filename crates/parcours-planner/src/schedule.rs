//! The greedy scheduler: year by year, it funds the most valuable available item per hour of
//! budget, whole agents at a time, until the year's budget or the candidates run out.
//!
//! - An item is *available* when its prerequisites have enough agents scheduled (earlier, or
//!   earlier in the same year) — see [`crate::problem::Dep`].
//! - Priority is value density (score per hour), *inherited*: a prerequisite is as urgent as
//!   the most valuable item it unlocks, so cheap foundations are not starved.
//! - In years 1–5 short-term items go first; long-term ones use what budget is left. From year 6
//!   on, everything competes.
//! - The per-agent yearly cap is enforced per population: the hours of every module a
//!   population takes in a year add up as if one agent took them all (a safe upper bound).
//!
//! Cost: O(years × (items + edges) × log items).

use crate::problem::{Allocation, Problem};
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// A priority: `num / den` (value per hour), ties broken by the lower item index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Key {
    num: u128,
    den: u128,
    idx: usize,
}

impl Ord for Key {
    fn cmp(&self, o: &Self) -> Ordering {
        (self.num * o.den)
            .cmp(&(o.num * self.den))
            .then_with(|| o.idx.cmp(&self.idx))
    }
}

impl PartialOrd for Key {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

/// Each item's priority: the best density among itself and everything that depends on it,
/// directly or not.
fn inherited(p: &Problem) -> Vec<(u128, u128)> {
    let n = p.items.len();
    let mut prio: Vec<(u128, u128)> = p
        .items
        .iter()
        .map(|i| (u128::from(i.score), u128::from(i.hours.max(1))))
        .collect();
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, item) in p.items.iter().enumerate() {
        for d in &item.deps {
            if d.item < n && d.item != i {
                dependents[d.item].push(i);
            }
        }
    }
    // Process dependents before their prerequisites: Kahn on the reversed edges.
    let mut out_deg: Vec<usize> = dependents.iter().map(Vec::len).collect();
    let mut stack: Vec<usize> = (0..n).filter(|&i| out_deg[i] == 0).collect();
    let mut done = vec![false; n];
    while let Some(i) = stack.pop() {
        done[i] = true;
        for d in &p.items[i].deps {
            let j = d.item;
            if j >= n || j == i {
                continue;
            }
            let (a, b) = (prio[i], prio[j]);
            if a.0 * b.1 > b.0 * a.1 {
                prio[j] = a;
            }
            out_deg[j] -= 1;
            if out_deg[j] == 0 && !done[j] {
                stack.push(j);
            }
        }
    }
    prio
}

/// Schedules `p` greedily. Deterministic; never breaks a constraint of [`Problem::check`].
pub fn greedy(p: &Problem) -> Allocation {
    let n = p.items.len();
    let mut a = p.empty();
    if n == 0 || p.years == 0 {
        return a;
    }
    let prio = inherited(p);
    let groups = p.items.iter().map(|i| i.group + 1).max().unwrap_or(0);
    let mut remaining: Vec<u64> = p.items.iter().map(|i| i.agents).collect();
    let mut cum = vec![0u64; n];
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, item) in p.items.iter().enumerate() {
        for d in &item.deps {
            if d.item < n {
                dependents[d.item].push(i);
            }
        }
    }
    let key = |i: usize| Key {
        num: prio[i].0,
        den: prio[i].1,
        idx: i,
    };
    for y in 0..p.years {
        let mut budget = p.budget_hours.get(y).copied().unwrap_or(0);
        let mut load = vec![0u64; groups];
        let mut active = vec![false; n];
        let phases: &[fn(bool) -> bool] = if y < p.short_years {
            &[|short| short, |_| true]
        } else {
            &[|_| true]
        };
        for in_phase in phases {
            let mut heap: BinaryHeap<Key> = (0..n)
                .filter(|&i| remaining[i] > 0 && in_phase(p.items[i].short_term))
                .map(key)
                .collect();
            // Items that cannot fit the budget or the cap this year are dropped until next year.
            let mut dropped = vec![false; n];
            while let Some(Key { idx: i, .. }) = heap.pop() {
                if dropped[i] || remaining[i] == 0 {
                    continue;
                }
                let item = &p.items[i];
                let hours = item.hours;
                let avail = item
                    .deps
                    .iter()
                    .map(|d| (cum[d.item] + d.free).saturating_sub(cum[i]))
                    .min()
                    .unwrap_or(u64::MAX)
                    .min(remaining[i]);
                if avail == 0 {
                    continue; // re-pushed when a prerequisite progresses
                }
                if !active[i] && load[item.group] + hours > p.cap_hours {
                    dropped[i] = true;
                    continue;
                }
                let affordable = if hours == 0 { u64::MAX } else { budget / hours };
                let alloc = avail.min(affordable);
                if alloc == 0 {
                    dropped[i] = true;
                    continue;
                }
                a.x[i][y] += alloc;
                cum[i] += alloc;
                remaining[i] -= alloc;
                budget -= alloc * hours;
                if !active[i] {
                    active[i] = true;
                    load[item.group] += hours;
                }
                for &d in &dependents[i] {
                    if remaining[d] > 0 && !dropped[d] && in_phase(p.items[d].short_term) {
                        heap.push(key(d));
                    }
                }
            }
        }
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::{Dep, Item};

    fn item(
        group: usize,
        hours: u64,
        agents: u64,
        score: u64,
        short: bool,
        deps: Vec<Dep>,
    ) -> Item {
        Item {
            group,
            hours,
            agents,
            score,
            short_term: short,
            deps,
        }
    }

    #[test]
    fn funds_by_density_and_respects_budget() {
        let p = Problem {
            years: 1,
            short_years: 1,
            budget_hours: vec![30],
            cap_hours: 100,
            items: vec![
                item(0, 10, 3, 10, true, vec![]),
                item(1, 5, 4, 10, true, vec![]),
            ],
        };
        let a = greedy(&p);
        assert_eq!(p.check(&a), Ok(()));
        // item 1 is denser (2/h): 4 agents × 5 h = 20 h; then 1 agent of item 0.
        assert_eq!(a.x, vec![vec![1], vec![4]]);
    }

    #[test]
    fn prerequisites_come_first_and_inherit_priority() {
        // Item 1 (valuable) needs item 0 (worthless on its own).
        let p = Problem {
            years: 2,
            short_years: 2,
            budget_hours: vec![40, 40],
            cap_hours: 100,
            items: vec![
                item(0, 10, 2, 1, true, vec![]),
                item(0, 10, 2, 100, true, vec![Dep { item: 0, free: 0 }]),
                item(1, 10, 4, 50, true, vec![]),
            ],
        };
        let a = greedy(&p);
        assert_eq!(p.check(&a), Ok(()));
        assert_eq!(a.x[0][0], 2, "the prerequisite is funded first: {:?}", a.x);
        assert_eq!(a.x[1][0], 2, "then what it unlocks, the same year");
    }

    #[test]
    fn per_agent_cap_spreads_a_population_over_years() {
        let p = Problem {
            years: 2,
            short_years: 2,
            budget_hours: vec![1000, 1000],
            cap_hours: 12,
            items: vec![
                item(0, 10, 5, 10, true, vec![]),
                item(0, 10, 5, 9, true, vec![]),
            ],
        };
        let a = greedy(&p);
        assert_eq!(p.check(&a), Ok(()));
        assert_eq!(a.x, vec![vec![5, 0], vec![0, 5]]);
    }

    #[test]
    fn zero_budget_schedules_nothing() {
        let p = Problem {
            years: 3,
            short_years: 3,
            budget_hours: vec![0, 0, 0],
            cap_hours: 100,
            items: vec![item(0, 10, 5, 10, true, vec![])],
        };
        assert_eq!(p.value(&greedy(&p)), 0);
    }
}
