//! The scheduling problem in the abstract: items (a population of agents to take one module),
//! with hours, agents, a priority score and prerequisites, to place in years under a yearly
//! budget of trainee-hours and a per-agent yearly cap. The planner builds one from a profile;
//! the greedy scheduler and the exact solver both solve it; tests generate random ones.

use serde::Serialize;

/// One thing to schedule: `agents` agents of one population taking one module.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Item {
    /// The population (a métier of the profile, or a track): the per-agent cap applies to it.
    pub group: usize,
    /// Hours of training per agent.
    pub hours: u64,
    /// Agents who need it.
    pub agents: u64,
    /// Priority score per agent (see `score.rs`).
    pub score: u64,
    /// A short-term need: expected by the end of year `short_years`.
    pub short_term: bool,
    /// Prerequisites: items that must be done first.
    pub deps: Vec<Dep>,
}

impl Item {
    /// An item of `agents` agents of population `group` taking a module of `hours` hours.
    pub fn new(
        group: usize,
        hours: u64,
        agents: u64,
        score: u64,
        short_term: bool,
        deps: Vec<Dep>,
    ) -> Item {
        Item {
            group,
            hours,
            agents,
            score,
            short_term,
            deps,
        }
    }
}

/// A prerequisite of an item: by any year, the agents of the item scheduled so far may not
/// exceed the agents of `item` scheduled so far plus `free` (agents who already meet it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Dep {
    /// Index of the prerequisite item.
    pub item: usize,
    /// Agents of the dependent item who do not need the prerequisite.
    pub free: u64,
}

/// A scheduling problem.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Number of years (the horizon).
    pub years: usize,
    /// Short-term needs are due by the end of this year (5, or the horizon if shorter).
    pub short_years: usize,
    /// Trainee-hours available each year (length `years`).
    pub budget_hours: Vec<u64>,
    /// Most hours one agent may spend in training in a year.
    pub cap_hours: u64,
    /// Items to schedule.
    pub items: Vec<Item>,
}

/// Agents of each item placed in each year: `x[item][year]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Allocation {
    /// `x[item][year]`.
    pub x: Vec<Vec<u64>>,
}

/// A broken constraint, as found by [`Problem::check`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Violation {
    /// Allocation shape does not match the problem.
    Shape,
    /// More agents than the item has.
    TooManyAgents(usize),
    /// A year's budget exceeded.
    Budget(usize),
    /// A population's per-agent cap exceeded in a year.
    Cap(usize, usize),
    /// An item scheduled ahead of its prerequisite (item, year).
    Prerequisite(usize, usize),
}

impl Problem {
    /// An empty allocation of the right shape.
    pub fn empty(&self) -> Allocation {
        Allocation {
            x: vec![vec![0; self.years]; self.items.len()],
        }
    }

    /// The value of an allocation: every scheduled agent counts its item's score, and a
    /// short-term item's agents scheduled by year `short_years` count it once more (the
    /// deadline met). Maximised by both solvers.
    pub fn value(&self, a: &Allocation) -> u128 {
        let mut v: u128 = 0;
        for (item, xs) in self.items.iter().zip(&a.x) {
            let total: u64 = xs.iter().sum();
            v += u128::from(item.score) * u128::from(total);
            if item.short_term {
                let early: u64 = xs.iter().take(self.short_years).sum();
                v += u128::from(item.score) * u128::from(early);
            }
        }
        v
    }

    /// The value if every item were fully scheduled on time (an upper bound).
    pub fn ceiling(&self) -> u128 {
        self.items
            .iter()
            .map(|i| u128::from(i.score) * u128::from(i.agents) * if i.short_term { 2 } else { 1 })
            .sum()
    }

    /// Checks every constraint; returns the first violation.
    pub fn check(&self, a: &Allocation) -> Result<(), Violation> {
        if a.x.len() != self.items.len() || a.x.iter().any(|xs| xs.len() != self.years) {
            return Err(Violation::Shape);
        }
        for (i, xs) in a.x.iter().enumerate() {
            if xs.iter().sum::<u64>() > self.items[i].agents {
                return Err(Violation::TooManyAgents(i));
            }
        }
        let groups = self.items.iter().map(|i| i.group + 1).max().unwrap_or(0);
        for y in 0..self.years {
            let used: u64 = self
                .items
                .iter()
                .zip(&a.x)
                .map(|(i, xs)| i.hours * xs[y])
                .sum();
            if used > self.budget_hours[y] {
                return Err(Violation::Budget(y));
            }
            let mut load = vec![0u64; groups];
            for (i, xs) in self.items.iter().zip(&a.x) {
                if xs[y] > 0 {
                    load[i.group] += i.hours;
                }
            }
            if let Some(g) = load.iter().position(|l| *l > self.cap_hours) {
                return Err(Violation::Cap(g, y));
            }
        }
        for (i, item) in self.items.iter().enumerate() {
            let mut cum = 0;
            let mut cum_dep = vec![0u64; item.deps.len()];
            for y in 0..self.years {
                cum += a.x[i][y];
                for (k, d) in item.deps.iter().enumerate() {
                    cum_dep[k] += a.x[d.item][y];
                    if cum > cum_dep[k] + d.free {
                        return Err(Violation::Prerequisite(i, y));
                    }
                }
            }
        }
        Ok(())
    }
}
