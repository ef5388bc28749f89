//! The greedy scheduler: year by year, it funds the most valuable available item per hour of
//! budget, whole agents at a time, until the year's budget or the candidates run out.
//!
//! - An item is *available* when its prerequisites have enough agents scheduled (earlier, or
//!   earlier in the same year) — see [`crate::problem::Dep`].
//! - Priority is value density: the value of an agent (its score, twice that for a short-term
//!   item in years 1–5, as in [`Problem::value`]) per hour. It is *inherited* along chains: a
//!   prerequisite is as urgent as the best chain it opens (its value plus the chain's, over
//!   its hours plus the chain's), so cheap foundations are not starved, but only for as many
//!   agents as the chain still needs; past that it has its own priority.
//! - In years 1–5 short-term items go first; long-term ones use what budget is left. From year 6
//!   on, everything competes.
//! - The per-agent yearly cap is enforced per population: the hours of every module a
//!   population takes in a year add up as if one agent took them all (a safe upper bound).
//! - Four passes run with these rules and the most valuable plan is kept: candidates ordered
//!   by density, or by *reach* (density times the agents the item can take this year, i.e.
//!   value per hour of the population's cap, which keeps a population's few yearly hours for
//!   the modules that can take many agents); each with inherited priorities and without (a
//!   chain the cap will not let through in one year misleads the inheritance).
//!
//! Cost: O(years × (items + edges) × log items) per pass.

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

/// An item's priority in one period: its own density, and the best chain through one of its
/// dependents (`via`) when that chain is denser.
#[derive(Clone, Copy, Debug)]
struct Prio {
    own: (u128, u128),
    chain: (u128, u128),
    via: Option<usize>,
}

/// Whether density `a` beats density `b`.
fn denser(a: (u128, u128), b: (u128, u128)) -> bool {
    a.0 * b.1 > b.0 * a.1
}

/// Each item's priority when short-term items count `short_weight` times their score: its own
/// density, and the densest chain of dependents it opens. Dependents are processed before
/// their prerequisites (Kahn on the reversed edges); an item in a cycle keeps its own density.
fn priorities(p: &Problem, dependents: &[Vec<usize>], short_weight: u128) -> Vec<Prio> {
    let n = p.items.len();
    let own = |i: usize| {
        let item = &p.items[i];
        let w = if item.short_term { short_weight } else { 1 };
        (w * u128::from(item.score), u128::from(item.hours.max(1)))
    };
    let mut prio: Vec<Prio> = (0..n)
        .map(|i| Prio {
            own: own(i),
            chain: own(i),
            via: None,
        })
        .collect();
    let mut out_deg: Vec<usize> = dependents.iter().map(Vec::len).collect();
    let mut stack: Vec<usize> = (0..n).rev().filter(|&i| out_deg[i] == 0).collect();
    while let Some(k) = stack.pop() {
        // k's chain is final: offer it to its prerequisites.
        let item = &p.items[k];
        for d in &item.deps {
            let j = d.item;
            if j >= n || j == k {
                continue;
            }
            // A chain only runs through a prerequisite that some agents of `k` need, and that
            // `k` can ever be scheduled after (it fits the cap).
            if d.free < item.agents && item.hours <= p.cap_hours {
                let (o, c) = (prio[j].own, prio[k].chain);
                let through = (o.0 + c.0, o.1 + c.1);
                if denser(through, prio[j].chain) {
                    prio[j].chain = through;
                    prio[j].via = Some(k);
                }
            }
            out_deg[j] -= 1;
            if out_deg[j] == 0 {
                stack.push(j);
            }
        }
    }
    prio
}

/// How a pass of the greedy orders its candidates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Order {
    /// Value per hour of budget.
    Density,
    /// Value it can take this year per hour of its population's cap: the density times the
    /// agents it can have now (available, affordable, needed).
    Reach,
}

/// Schedules `p` greedily. Deterministic; never breaks a constraint of [`Problem::check`].
///
/// Four passes run (each [`Order`], with inherited priorities and without) and the most
/// valuable plan wins, the first on a tie: density is right when the budget binds, reach when
/// the per-agent cap does.
pub fn greedy(p: &Problem) -> Allocation {
    let mut best: Option<(Allocation, u128)> = None;
    for chains in [true, false] {
        for order in [Order::Density, Order::Reach] {
            let a = pass(p, order, chains);
            let v = p.value(&a);
            if best.as_ref().is_none_or(|b| v > b.1) {
                best = Some((a, v));
            }
        }
    }
    best.map_or_else(|| p.empty(), |b| b.0)
}

/// One greedy pass in the given order, with priorities inherited along chains or not.
fn pass(p: &Problem, order: Order, chains: bool) -> Allocation {
    let n = p.items.len();
    let mut a = p.empty();
    if n == 0 || p.years == 0 {
        return a;
    }
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, item) in p.items.iter().enumerate() {
        for d in &item.deps {
            if d.item < n && d.item != i {
                dependents[d.item].push(i);
            }
        }
    }
    // Priorities in years 1–5 (short-term values doubled) and after.
    let mut early = priorities(p, &dependents, 2);
    let mut late = priorities(p, &dependents, 1);
    if !chains {
        for pr in early.iter_mut().chain(late.iter_mut()) {
            pr.via = None;
        }
    }
    let groups = p.items.iter().map(|i| i.group + 1).max().unwrap_or(0);
    let mut remaining: Vec<u64> = p.items.iter().map(|i| i.agents).collect();
    let mut cum = vec![0u64; n];
    for y in 0..p.years {
        let prio = if y < p.short_years { &early } else { &late };
        // Agents of `k` still waiting for its prerequisite `j`.
        let blocked = |j: usize, k: usize, cum: &[u64], remaining: &[u64]| -> u64 {
            let open = p.items[k]
                .deps
                .iter()
                .filter(|d| d.item == j)
                .map(|d| (cum[j] + d.free).saturating_sub(cum[k]))
                .min()
                .unwrap_or(u64::MAX);
            remaining[k] - open.min(remaining[k])
        };
        // Agents of `i` its prerequisites let in now.
        let open = |i: usize, cum: &[u64], remaining: &[u64]| -> u64 {
            p.items[i]
                .deps
                .iter()
                .map(|d| (cum[d.item] + d.free).saturating_sub(cum[i]))
                .min()
                .unwrap_or(u64::MAX)
                .min(remaining[i])
        };
        // The current key of `i`, and how many agents it holds for (its chain's need).
        let key = |i: usize, cum: &[u64], remaining: &[u64], budget: u64| -> (Key, u64) {
            let pr = &prio[i];
            let (density, need) = match pr.via.map(|k| blocked(i, k, cum, remaining)) {
                Some(need) if need > 0 => (pr.chain, need),
                _ => (pr.own, u64::MAX),
            };
            let num = match order {
                Order::Density => density.0,
                Order::Reach => {
                    let hours = p.items[i].hours;
                    let affordable = budget.checked_div(hours).unwrap_or(u64::MAX);
                    let reach = open(i, cum, remaining).min(affordable).min(need);
                    density.0 * u128::from(reach)
                }
            };
            let key = Key {
                num,
                den: density.1,
                idx: i,
            };
            (key, need)
        };
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
                .map(|i| key(i, &cum, &remaining, budget).0)
                .collect();
            // Items that cannot fit the budget or the cap this year are dropped until next year.
            let mut dropped = vec![false; n];
            while let Some(popped) = heap.pop() {
                let i = popped.idx;
                if dropped[i] || remaining[i] == 0 {
                    continue;
                }
                let (current, need) = key(i, &cum, &remaining, budget);
                if current != popped {
                    // A stale entry: keys fall as the budget and a chain's need shrink, and
                    // an item whose key rises (a prerequisite progressed) is pushed again.
                    heap.push(current);
                    continue;
                }
                let item = &p.items[i];
                let hours = item.hours;
                let avail = open(i, &cum, &remaining);
                if avail == 0 {
                    continue; // re-pushed when a prerequisite progresses
                }
                if !active[i] && load[item.group] + hours > p.cap_hours {
                    dropped[i] = true;
                    continue;
                }
                let affordable = budget.checked_div(hours).unwrap_or(u64::MAX);
                let alloc = avail.min(affordable).min(need);
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
                if remaining[i] > 0 {
                    // Its chain's need met, it goes on at its own priority.
                    heap.push(key(i, &cum, &remaining, budget).0);
                }
                for &d in &dependents[i] {
                    if remaining[d] > 0 && !dropped[d] && in_phase(p.items[d].short_term) {
                        heap.push(key(d, &cum, &remaining, budget).0);
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

    #[test]
    fn funds_by_density_and_respects_budget() {
        let p = Problem {
            years: 1,
            short_years: 1,
            budget_hours: vec![30],
            cap_hours: 100,
            items: vec![
                Item::new(0, 10, 3, 10, true, vec![]),
                Item::new(1, 5, 4, 10, true, vec![]),
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
                Item::new(0, 10, 2, 1, true, vec![]),
                Item::new(0, 10, 2, 100, true, vec![Dep { item: 0, free: 0 }]),
                Item::new(1, 10, 4, 50, true, vec![]),
            ],
        };
        let a = greedy(&p);
        assert_eq!(p.check(&a), Ok(()));
        assert_eq!(a.x[0][0], 2, "the prerequisite is funded first: {:?}", a.x);
        assert_eq!(a.x[1][0], 2, "then what it unlocks, the same year");
    }

    #[test]
    fn inherited_priority_holds_only_for_the_agents_the_chain_needs() {
        // Item 1 (dense, 2 agents) needs item 0 (nearly worthless, 10 agents); item 2 is worth
        // more per hour than item 0 alone. Only 2 agents of item 0 go first.
        let p = Problem {
            years: 1,
            short_years: 1,
            budget_hours: vec![60],
            cap_hours: 100,
            items: vec![
                Item::new(0, 5, 10, 1, true, vec![]),
                Item::new(0, 5, 2, 500, true, vec![Dep { item: 0, free: 0 }]),
                Item::new(1, 10, 4, 50, true, vec![]),
            ],
        };
        let a = greedy(&p);
        assert_eq!(p.check(&a), Ok(()));
        assert_eq!(a.x, vec![vec![2], vec![2], vec![4]]);
    }

    #[test]
    fn the_cap_goes_to_modules_that_reach_many_agents() {
        // Cap 12: one 12-hour module a year. Item 0 is denser but has one agent; item 1 has
        // ten: by density the year goes to one agent, by reach to ten.
        let p = Problem {
            years: 1,
            short_years: 1,
            budget_hours: vec![1000],
            cap_hours: 12,
            items: vec![
                Item::new(0, 12, 1, 100, true, vec![]),
                Item::new(0, 12, 10, 50, true, vec![]),
            ],
        };
        let a = greedy(&p);
        assert_eq!(p.check(&a), Ok(()));
        assert_eq!(a.x, vec![vec![0], vec![10]]);
    }

    #[test]
    fn per_agent_cap_spreads_a_population_over_years() {
        let p = Problem {
            years: 2,
            short_years: 2,
            budget_hours: vec![1000, 1000],
            cap_hours: 12,
            items: vec![
                Item::new(0, 10, 5, 10, true, vec![]),
                Item::new(0, 10, 5, 9, true, vec![]),
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
            items: vec![Item::new(0, 10, 5, 10, true, vec![])],
        };
        assert_eq!(p.value(&greedy(&p)), 0);
    }
}
