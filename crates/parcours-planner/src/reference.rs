//! The greedy scheduler written plainly: the definition the tuned one in [`crate::schedule`]
//! is held to (same allocation, bit for bit, on every problem: `tests/reference.rs`).
//!
//! No packing, no flat buffers, no threads, no shortcuts: one binary heap of candidates per
//! phase, rows per item, every rule written once, in the order the algorithm applies it.
//! It shares with the tuned scheduler only the items' priorities
//! (`schedule::fixed_priorities`: densities in fixed point, inherited along chains),
//! which are part of the definition, not of the tuning.
//!
//! The algorithm (see [`crate::schedule`] for why each rule is there):
//!
//! 1. Passes: by density, by reach, then (on problems of fewer than [`PARALLEL_CELLS`] cells,
//!    items × years) by value and by value packed, with inherited priorities; on problems of at most
//!    [`IMPROVE_CELLS`] cells that have a chain, also the same without. The most valuable plan
//!    wins, the first on a tie.
//! 2. A pass goes year by year. In years 1 to `short_years` it has one phase per tier some
//!    item has ([`Problem::tiers`]), in order — the socle (when it comes first), the ➔ goals,
//!    the short term, every item — a phase open to the items of its tier and the tiers
//!    before, with the priorities of its level of the objective; after that, one phase for
//!    all at the last level. In a packed pass, the lone agents' steps packed into the year
//!    ([`crate::lone::packed_years`]) are placed first, one agent each where they still fit,
//!    and the phases before the short term take at most `packed_share` of the budget. A phase takes candidates from a max-heap keyed by (priority, lower index first) and funds
//!    each with as many agents as its prerequisites let in, the year's budget affords, its
//!    chain still needs (while it inherits a chain's priority) and the limits of the
//!    improvement phase allow. A population's modules of the year add up under the per-agent
//!    cap. A key that has changed since it was pushed is pushed again; an item that cannot fit
//!    is dropped until the next phase. Plans compare by [`Objective`], level by level.
//! 3. On problems of at most [`IMPROVE_CELLS`] cells, an improvement phase from each pass's
//!    plan: moves that limit one item in one year (to none or half) or in every year (to none),
//!    kept when the pass under all the limits so far gives a more valuable plan; the first
//!    improving move, or the best of each round; at most [`IMPROVE_WORK`] cell visits each.

use crate::problem::{
    Allocation, Objective, Problem, TIER_ALL, TIER_SOCLE, Tier, capacity_room, capacity_taken,
    fits_cap,
};
use crate::schedule::{
    Fixed, IMPROVE_CELLS, IMPROVE_WORK, LEVELS, NO_VIA, PARALLEL_CELLS, dependents,
    fixed_priorities, packed_share,
};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// How a pass orders its candidates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Order {
    /// Value per hour of budget.
    Density,
    /// Value it can take this year: density times the agents it can have now.
    Reach,
    /// Value of one agent's step: density times the module's hours.
    Value,
}

/// A candidate's key: its priority, then the lower item index first.
type Key = (u64, Reverse<usize>);

/// A plan: agents per item (row) and year, with its value and the pass that found it.
#[derive(Clone)]
struct Plan {
    rows: Vec<Vec<u64>>,
    value: Objective,
    pass: Pass,
}

/// A pass: its order, whether priorities are inherited along chains, whether it is packed
/// (see [`crate::schedule`]: the first phases of years 1–`short_years` take their share of
/// the budget, [`packed_share`], and the lone agents' steps packed by
/// [`crate::lone::packed_years`] go first in their years).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Pass {
    order: Order,
    chains: bool,
    packed: bool,
}

/// Schedules `p`: the reference greedy.
pub fn greedy(p: &Problem) -> Allocation {
    let n = p.items.len();
    if n == 0 || p.years == 0 || !p.is_well_formed() {
        return p.empty();
    }
    let r = Reference::new(p);
    let has_chains = r.prio.iter().flatten().any(|f| f.via != NO_VIA);
    let small = n * p.years <= IMPROVE_CELLS;
    let pass = |order, chains, packed| Pass {
        order,
        chains,
        packed,
    };
    let mut passes = vec![
        pass(Order::Density, true, false),
        pass(Order::Reach, true, false),
    ];
    // Large problems keep two passes; the others add the passes by value, plain and packed.
    if n * p.years < PARALLEL_CELLS {
        passes.push(pass(Order::Value, true, false));
        // The packed pass, where a lone agent's steps are packed.
        if r.packed.tight {
            passes.push(pass(Order::Value, true, true));
        }
    }
    if has_chains && small {
        passes.extend([
            pass(Order::Density, false, false),
            pass(Order::Reach, false, false),
            pass(Order::Value, false, false),
        ]);
    }
    let plans: Vec<Plan> = passes
        .iter()
        .map(|&pass| {
            let rows = r.pass(pass, None);
            Plan {
                value: p.value(&to_allocation(p, &rows)),
                rows,
                pass,
            }
        })
        .collect();
    let mut best = first_best(plans.iter().cloned());
    if small {
        for start in plans {
            for search in [Search::First, Search::Best] {
                let found = r.improve(start.clone(), search);
                if found.value > best.value {
                    best = found;
                }
            }
        }
    }
    to_allocation(p, &best.rows)
}

/// The most valuable plan, the first on a tie.
fn first_best(plans: impl Iterator<Item = Plan>) -> Plan {
    let mut best: Option<Plan> = None;
    for plan in plans {
        if best.as_ref().is_none_or(|b| plan.value > b.value) {
            best = Some(plan);
        }
    }
    best.expect("at least one pass")
}

fn to_allocation(p: &Problem, rows: &[Vec<u64>]) -> Allocation {
    Allocation::from_rows(rows.to_vec()).unwrap_or_else(|| p.empty())
}

/// How the improvement phase picks a move.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Search {
    /// The first move that improves (moves in item order).
    First,
    /// The move giving the most valuable plan of the round.
    Best,
}

/// What the passes share.
struct Reference<'a> {
    p: &'a Problem,
    /// Priorities at each level of the objective.
    prio: [Vec<Fixed>; LEVELS],
    /// Each item's tier.
    tiers: Vec<Tier>,
    /// The items that need each item.
    dependents: Vec<Vec<usize>>,
    /// Per population, the caps it shares ([`Problem::cap_partners`]).
    partners: Vec<Vec<(usize, u64)>>,
    /// Per item, the most hours its population may take in a year ([`Problem::most_hours`]).
    most: Vec<u64>,
    /// Per short-term year, the lone agents' steps a packed pass places first.
    packed: crate::lone::Packing,
}

/// A pass's state within a year.
struct State {
    rows: Vec<Vec<u64>>,
    /// Agents scheduled so far, per item.
    cum: Vec<u64>,
    /// Agents still to schedule, per item.
    remaining: Vec<u64>,
}

impl<'a> Reference<'a> {
    fn new(p: &'a Problem) -> Reference<'a> {
        let deps = dependents(p);
        Reference {
            p,
            prio: fixed_priorities(p, &deps),
            tiers: p.tiers(),
            dependents: (0..p.items.len())
                .map(|i| deps.bucket(i).to_vec())
                .collect(),
            partners: p.cap_partners(),
            most: p.most_hours(),
            // Only the problems the packed pass runs on.
            packed: if p.items.len() * p.years < PARALLEL_CELLS {
                crate::lone::packing(p)
            } else {
                crate::lone::Packing::default()
            },
        }
    }

    /// Agents of `i` its prerequisites let in now (at most its remaining agents).
    fn open(&self, s: &State, i: usize) -> u64 {
        self.p.items[i]
            .deps
            .iter()
            .map(|d| (s.cum[d.item] + d.free).saturating_sub(s.cum[i]))
            .min()
            .unwrap_or(u64::MAX)
            .min(s.remaining[i])
    }

    /// Agents of `k` still waiting for its prerequisite `j`.
    fn blocked(&self, s: &State, j: usize, k: usize) -> u64 {
        let open = self.p.items[k]
            .deps
            .iter()
            .filter(|d| d.item == j)
            .map(|d| (s.cum[j] + d.free).saturating_sub(s.cum[k]))
            .min()
            .unwrap_or(u64::MAX);
        s.remaining[k] - open.min(s.remaining[k])
    }

    /// Whether item `i`'s module fits its population's year so far (`load`, hours per agent
    /// per population): its cap and the caps it shares.
    fn fits(&self, load: &[u64], i: usize) -> bool {
        let item = &self.p.items[i];
        let partners = &self.partners[item.group];
        fits_cap(load, item.group, item.hours, self.p.cap_of(i), partners)
    }

    /// Room the improvement phase's limits leave item `i` in year `y`.
    fn room(s: &State, lim: Option<&[Vec<u64>]>, i: usize, y: usize) -> u64 {
        lim.map_or(u64::MAX, |l| l[i][y].saturating_sub(s.rows[i][y]))
    }

    /// One greedy pass; returns the plan's rows.
    fn pass(&self, pass: Pass, lim: Option<&[Vec<u64>]>) -> Vec<Vec<u64>> {
        let Pass {
            order,
            chains,
            packed,
        } = pass;
        let p = self.p;
        let n = p.items.len();
        let mut s = State {
            rows: vec![vec![0; p.years]; n],
            cum: vec![0; n],
            remaining: p.items.iter().map(|i| i.agents).collect(),
        };
        let groups = p.items.iter().map(|i| i.group + 1).max().unwrap_or(0);
        for y in 0..p.years {
            let early = y < p.short_years;
            // The year's phases: in years 1–`short_years` the tiers some item has, in order.
            let phases: Vec<Tier> = if early {
                (TIER_SOCLE..=TIER_ALL)
                    .filter(|&t| t == TIER_ALL || self.tiers.contains(&t))
                    .collect()
            } else {
                vec![TIER_ALL]
            };
            let mut budget = p.budget_hours.get(y).copied().unwrap_or(0);
            let mut load = vec![0u64; groups];
            let mut active = vec![false; n];
            // The year's agents per kind of sessions, and the capacity they use.
            let mut kind_agents = vec![0u64; p.session_kinds()];
            let mut used = 0u64;
            // A packed pass first places the lone agents' steps packed into the year.
            let lone = if packed {
                self.packed.years.get(y)
            } else {
                None
            };
            for &i in lone.map_or(&[][..], |v| &v[..]) {
                let item = &p.items[i];
                if s.remaining[i] > 0
                    && self.open(&s, i) > 0
                    && item.hours <= budget
                    && self.fits(&load, i)
                    && Self::room(&s, lim, i, y) > 0
                {
                    s.rows[i][y] += 1;
                    s.cum[i] += 1;
                    s.remaining[i] -= 1;
                    budget -= item.hours;
                    active[i] = true;
                    load[item.group] += item.hours;
                }
            }
            for tier in phases {
                let prio = &self.prio[usize::from(tier)];
                // A packed pass's first phases take their share of the budget; the rest
                // waits for the phases after.
                let whole = budget;
                if packed {
                    let need: u64 = (0..n)
                        .filter(|&i| self.tiers[i] <= tier && p.items[i].hours <= self.most[i])
                        .map(|i| s.remaining[i] * p.items[i].hours)
                        .sum();
                    budget = packed_share(tier, y, p.short_years, need, budget);
                }
                let held = whole - budget;
                // The key of `i` now, and how many agents its priority holds for.
                let key = |s: &State, i: usize, budget: u64| -> (Key, u64) {
                    let item = &p.items[i];
                    let via = (chains && prio[i].via != NO_VIA).then_some(prio[i].via as usize);
                    let (density, need) = match via.map(|k| self.blocked(s, i, k)) {
                        Some(need) if need > 0 => (prio[i].chain, need),
                        _ => (prio[i].own, u64::MAX),
                    };
                    let value = match order {
                        Order::Density => density,
                        Order::Value => density.saturating_mul(item.hours),
                        Order::Reach => {
                            let affordable = budget.checked_div(item.hours).unwrap_or(u64::MAX);
                            let reach = self
                                .open(s, i)
                                .min(affordable)
                                .min(need)
                                .min(Self::room(s, lim, i, y));
                            density.saturating_mul(reach)
                        }
                    };
                    ((value, Reverse(i)), need)
                };
                let in_phase = |i: usize| self.tiers[i] <= tier;
                let mut heap: BinaryHeap<Key> = BinaryHeap::new();
                for (i, item) in p.items.iter().enumerate() {
                    let fits = active[i] || self.fits(&load, i);
                    if s.remaining[i] > 0
                        && item.hours <= self.most[i]
                        && in_phase(i)
                        && fits
                        && self.open(&s, i) > 0
                    {
                        heap.push(key(&s, i, budget).0);
                    }
                }
                let mut dropped = vec![false; n];
                while let Some(popped) = heap.pop() {
                    let i = popped.1.0;
                    let item = &p.items[i];
                    if dropped[i] || s.remaining[i] == 0 {
                        continue;
                    }
                    if !active[i] && !self.fits(&load, i) {
                        dropped[i] = true;
                        continue;
                    }
                    let (current, need) = key(&s, i, budget);
                    if current != popped {
                        heap.push(current);
                        continue;
                    }
                    let avail = self.open(&s, i);
                    if avail == 0 {
                        continue;
                    }
                    let affordable = budget.checked_div(item.hours).unwrap_or(u64::MAX);
                    let wanted = avail.min(affordable).min(need);
                    let seats = item.sessions.map_or(u64::MAX, |k| {
                        capacity_room(k, kind_agents[k.kind], used, p.capacity)
                    });
                    let alloc = wanted.min(Self::room(&s, lim, i, y)).min(seats);
                    if alloc == 0 {
                        dropped[i] = true;
                        continue;
                    }
                    s.rows[i][y] += alloc;
                    s.cum[i] += alloc;
                    s.remaining[i] -= alloc;
                    budget -= alloc * item.hours;
                    if let Some(k) = item.sessions {
                        used += capacity_taken(k, kind_agents[k.kind], alloc);
                        kind_agents[k.kind] += alloc;
                    }
                    if !active[i] {
                        active[i] = true;
                        load[item.group] += item.hours;
                    }
                    if s.remaining[i] > 0 {
                        heap.push(key(&s, i, budget).0);
                    }
                    for &d in &self.dependents[i] {
                        if s.remaining[d] > 0 && !dropped[d] && in_phase(d) {
                            heap.push(key(&s, d, budget).0);
                        }
                    }
                }
                budget += held;
            }
        }
        s.rows
    }

    /// The improvement phase from `start`.
    fn improve(&self, start: Plan, search: Search) -> Plan {
        let p = self.p;
        let cells = p.items.len() * p.years;
        let mut best = start;
        let mut work = IMPROVE_WORK;
        let mut lim = vec![vec![u64::MAX; p.years]; p.items.len()];
        loop {
            // The moves of this round: (item, years it limits, limit).
            let mut moves: Vec<(usize, std::ops::Range<usize>, u64)> = Vec::new();
            for (i, row) in best.rows.iter().enumerate() {
                if row.iter().any(|&x| x > 0) {
                    moves.push((i, 0..p.years, 0));
                }
                for (y, &x) in row.iter().enumerate() {
                    if x > 0 {
                        moves.push((i, y..y + 1, 0));
                    }
                    if x > 1 {
                        moves.push((i, y..y + 1, x / 2));
                    }
                }
            }
            let mut top: Option<(Objective, usize, Vec<Vec<u64>>)> = None;
            for (k, (i, years, cap)) in moves.iter().enumerate() {
                if work < cells {
                    break;
                }
                work -= cells;
                let mut trial = lim.clone();
                for y in years.clone() {
                    trial[*i][y] = trial[*i][y].min(*cap);
                }
                let rows = self.pass(best.pass, Some(&trial));
                let value = p.value(&to_allocation(p, &rows));
                if value > top.as_ref().map_or(best.value, |t| t.0) {
                    top = Some((value, k, rows));
                    if search == Search::First {
                        break;
                    }
                }
            }
            let Some((value, k, rows)) = top else {
                return best;
            };
            let (i, years, cap) = &moves[k];
            for y in years.clone() {
                lim[*i][y] = lim[*i][y].min(*cap);
            }
            best.rows = rows;
            best.value = value;
        }
    }
}
