//! The euro budget: after scheduling, the allocation is repaired so that no year's cost (the
//! sum of its lines' costs, [`crate::funding`]) exceeds the profile's euros per year. The
//! scheduler plans in trainee-hours only; this step takes agents off paid lines, the least
//! valuable first, until each year fits, and never breaks a prerequisite: when an item loses
//! agents, the items that depend on it lose as many as they must (by any year, an item's agents
//! scheduled so far may not exceed its prerequisite's plus the agents who already hold it). The
//! agents taken off are reported as unfunded for the euro budget.
//!
//! Taking agents off never raises a cost: a line's channel and cost depend on its agents (per session group) only,
//! and fewer agents cost as much or less on every channel (a group that falls below a
//! module's minimum goes from an intra session to inter-collectivity places). So the years
//! already repaired stay within budget while later ones are, and every other constraint of the
//! problem (trainee-hours, the per-agent cap) holds still, having only fewer agents.

use crate::funding::Prices;
use crate::needs::ItemInfo;
use crate::problem::{Allocation, Problem};
use crate::sessions::{Grouping, count, units_of};
use parcours_graph::ReferenceData;

/// Agents each item lost to the euro budget (all zero when the profile sets none).
pub type Removed = Vec<u64>;

/// The yearly cost of `alloc`'s lines, year by year: per year, the modules' agents summed over
/// items per session group, each module priced as one line.
pub fn yearly_costs(
    data: &ReferenceData,
    prices: &Prices,
    grouping: &Grouping,
    items: &[ItemInfo],
    alloc: &Allocation,
) -> Vec<u64> {
    let mut lines = Lines::new(data, prices, grouping);
    (0..alloc.years())
        .map(|y| {
            lines.count(items, alloc, y);
            lines.cost()
        })
        .collect()
}

/// The agents of each module and session group in one year, and what their lines cost.
struct Lines<'a> {
    data: &'a ReferenceData,
    prices: &'a Prices,
    grouping: &'a Grouping,
    /// Agents of module `m` in group `g` at `m × groups + g`.
    agents: Vec<u64>,
}

impl<'a> Lines<'a> {
    fn new(data: &'a ReferenceData, prices: &'a Prices, grouping: &'a Grouping) -> Lines<'a> {
        Lines {
            data,
            prices,
            grouping,
            agents: vec![0; data.modules().len() * grouping.len()],
        }
    }

    /// Counts the agents of year `y`.
    fn count(&mut self, items: &[ItemInfo], alloc: &Allocation, y: usize) {
        let groups = self.grouping.len();
        self.agents.iter_mut().for_each(|a| *a = 0);
        for (i, it) in items.iter().enumerate() {
            let g = self.grouping.of_population[it.population];
            self.agents[it.module * groups + g] += alloc.row(i)[y];
        }
    }

    /// The cost of module `m`'s line.
    fn line_cost(&self, m: usize) -> u64 {
        let groups = self.grouping.len();
        let per_group = &self.agents[m * groups..(m + 1) * groups];
        let agents: u64 = per_group.iter().sum();
        if agents == 0 {
            return 0;
        }
        let module = &self.data.modules()[m];
        let sessions = count(&units_of(module, per_group));
        self.prices
            .line_in_sessions(self.data, module, agents, sessions)
            .1
    }

    /// The cost of every line.
    fn cost(&self) -> u64 {
        (0..self.data.modules().len())
            .map(|m| self.line_cost(m))
            .sum()
    }
}

/// Repairs `alloc` so that each year's cost is at most `euros` (see the module's doc); returns
/// the agents each item lost.
pub fn fit(
    data: &ReferenceData,
    prices: &Prices,
    grouping: &Grouping,
    items: &[ItemInfo],
    problem: &Problem,
    alloc: &mut Allocation,
    euros: u64,
) -> Removed {
    let mut r = Repair {
        items,
        alloc,
        removed: vec![0; items.len()],
        dependents: dependents(problem),
        lines: Lines::new(data, prices, grouping),
    };
    for y in 0..r.alloc.years() {
        r.year(y, euros);
    }
    r.removed
}

/// For each item, the items that depend on it, with their agents who do not need it.
fn dependents(problem: &Problem) -> Vec<Vec<(usize, u64)>> {
    let mut out = vec![Vec::new(); problem.items.len()];
    for (d, it) in problem.items.iter().enumerate() {
        for dep in &it.deps {
            if let Some(v) = out.get_mut(dep.item) {
                v.push((d, dep.free));
            }
        }
    }
    out
}

struct Repair<'a> {
    items: &'a [ItemInfo],
    alloc: &'a mut Allocation,
    removed: Removed,
    dependents: Vec<Vec<(usize, u64)>>,
    /// The agents of each module and group in the year being repaired.
    lines: Lines<'a>,
}

impl Repair<'_> {
    /// Brings year `y`'s cost within `euros`.
    fn year(&mut self, y: usize, euros: u64) {
        self.lines.count(self.items, self.alloc, y);
        let mut cost = self.lines.cost();
        if cost <= euros {
            return;
        }
        // The year's items on paid lines, least valuable first: the lowest priority score,
        // a long-term need before a short-term one, the last item first.
        let mut candidates: Vec<usize> = (0..self.items.len())
            .filter(|&i| self.alloc.row(i)[y] > 0)
            .filter(|&i| self.lines.line_cost(self.items[i].module) > 0)
            .collect();
        candidates.sort_by(|&a, &b| {
            let (x, z) = (&self.items[a], &self.items[b]);
            x.score
                .total
                .cmp(&z.score.total)
                .then(x.short_term.cmp(&z.short_term))
                .then(b.cmp(&a))
        });
        for i in candidates {
            let m = self.items[i].module;
            while cost > euros && self.alloc.row(i)[y] > 0 {
                let before = self.lines.line_cost(m);
                if before == 0 {
                    break;
                }
                self.take(i, y, 1);
                // Dependents may have lost agents this year too, on other lines.
                self.lines.count(self.items, self.alloc, y);
                cost = self.lines.cost();
            }
            if cost <= euros {
                return;
            }
        }
    }

    /// Takes `n` agents of item `i` off year `y`, then as many of its dependents' agents as
    /// their prerequisite on `i` requires.
    fn take(&mut self, i: usize, y: usize, n: u64) {
        let n = n.min(self.alloc.row(i)[y]);
        self.alloc.row_mut(i)[y] -= n;
        self.removed[i] += n;
        let years = self.alloc.years();
        for k in 0..self.dependents[i].len() {
            let (d, free) = self.dependents[i][k];
            // Year by year from `y`, the dependent's agents so far above the prerequisite's
            // plus `free` are taken off, from that year back.
            for t in y..years {
                let cum_p: u64 = self.alloc.row(i)[..=t].iter().sum();
                let cum_d: u64 = self.alloc.row(d)[..=t].iter().sum();
                let mut excess = cum_d.saturating_sub(cum_p + free);
                let mut s = t + 1;
                while excess > 0 && s > 0 {
                    s -= 1;
                    let here = self.alloc.row(d)[s].min(excess);
                    if here > 0 {
                        self.take(d, s, here);
                        excess -= here;
                    }
                }
            }
        }
    }
}
