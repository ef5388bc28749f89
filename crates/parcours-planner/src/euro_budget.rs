//! The euro budget: after scheduling, the allocation is repaired so that no year's cost (the
//! sum of its lines' costs, [`crate::funding`]) exceeds the profile's euros per year. The
//! scheduler plans in trainee-hours only; this step takes agents off paid lines, the least
//! valuable first, until each year fits, and never breaks a prerequisite: when an item loses
//! agents, the items that depend on it lose as many as they must (by any year, an item's agents
//! scheduled so far may not exceed its prerequisite's plus the agents who already hold it). The
//! agents taken off are reported as unfunded for the euro budget.
//!
//! Taking agents off never raises a cost: a line's channel and cost depend on its agents only,
//! and fewer agents cost as much or less on every channel (a group that falls below a
//! module's minimum goes from an intra session to inter-collectivity places). So the years
//! already repaired stay within budget while later ones are, and every other constraint of the
//! problem (trainee-hours, the per-agent cap) holds still, having only fewer agents.

use crate::funding::Prices;
use crate::needs::ItemInfo;
use crate::problem::{Allocation, Problem};
use parcours_graph::ReferenceData;

/// Agents each item lost to the euro budget (all zero when the profile sets none).
pub type Removed = Vec<u64>;

/// The yearly cost of `alloc`'s lines, year by year: per year, the modules' agents summed over
/// items, each module priced as one line.
pub fn yearly_costs(
    data: &ReferenceData,
    prices: &Prices,
    items: &[ItemInfo],
    alloc: &Allocation,
) -> Vec<u64> {
    let years = alloc.years();
    let mut agents = vec![0u64; data.modules().len()];
    (0..years)
        .map(|y| {
            agents.iter_mut().for_each(|a| *a = 0);
            for (i, it) in items.iter().enumerate() {
                agents[it.module] += alloc.row(i)[y];
            }
            agents
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(m, &n)| prices.line(data, &data.modules()[m], n).1)
                .sum()
        })
        .collect()
}

/// Repairs `alloc` so that each year's cost is at most `euros` (see the module's doc); returns
/// the agents each item lost.
pub fn fit(
    data: &ReferenceData,
    prices: &Prices,
    items: &[ItemInfo],
    problem: &Problem,
    alloc: &mut Allocation,
    euros: u64,
) -> Removed {
    let mut r = Repair {
        data,
        prices,
        items,
        alloc,
        removed: vec![0; items.len()],
        dependents: dependents(problem),
        line_agents: vec![0; data.modules().len()],
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
    data: &'a ReferenceData,
    prices: &'a Prices,
    items: &'a [ItemInfo],
    alloc: &'a mut Allocation,
    removed: Removed,
    dependents: Vec<Vec<(usize, u64)>>,
    /// The agents of each module (by index) in the year being repaired.
    line_agents: Vec<u64>,
}

impl Repair<'_> {
    fn line_cost(&self, module: usize, agents: u64) -> u64 {
        if agents == 0 {
            return 0;
        }
        self.prices
            .line(self.data, &self.data.modules()[module], agents)
            .1
    }

    /// Brings year `y`'s cost within `euros`.
    fn year(&mut self, y: usize, euros: u64) {
        self.count_lines(y);
        let mut cost: u64 = (0..self.line_agents.len())
            .map(|m| self.line_cost(m, self.line_agents[m]))
            .sum();
        if cost <= euros {
            return;
        }
        // The year's items on paid lines, least valuable first: the lowest priority score,
        // a long-term need before a short-term one, the last item first.
        let mut candidates: Vec<usize> = (0..self.items.len())
            .filter(|&i| self.alloc.row(i)[y] > 0)
            .filter(|&i| {
                let m = self.items[i].module;
                self.line_cost(m, self.line_agents[m]) > 0
            })
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
                let before = self.line_cost(m, self.line_agents[m]);
                if before == 0 {
                    break;
                }
                self.take(i, y, 1);
                // Dependents may have lost agents this year too, on other lines.
                self.count_lines(y);
                cost = (0..self.line_agents.len())
                    .map(|k| self.line_cost(k, self.line_agents[k]))
                    .sum();
            }
            if cost <= euros {
                return;
            }
        }
    }

    /// The agents of each module in year `y`.
    fn count_lines(&mut self, y: usize) {
        self.line_agents.iter_mut().for_each(|a| *a = 0);
        for (i, it) in self.items.iter().enumerate() {
            self.line_agents[it.module] += self.alloc.row(i)[y];
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
