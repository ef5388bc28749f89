//! The scheduling problem in the abstract: items (a population of agents to take one module),
//! with hours, agents, a priority score and prerequisites, to place in years under a yearly
//! budget of trainee-hours and a per-agent yearly cap. The planner builds one from a profile;
//! the greedy scheduler and the exact solver both solve it; tests generate random ones.
//!
//! A plan must keep, besides the budget, the cap and the prerequisites, the *short-term-first
//! rule* of the issue: in years 1 to `short_years`, long-term needs only get budget that the
//! short-term ones cannot use. Precisely, in such a year, if any item that is not
//! [urgent](Problem::urgent) has agents, then every urgent item is *saturated* that year, for
//! one of four reasons: it has no agent left to schedule (by the end of the year); a
//! prerequisite holds back its remaining agents; it is not active that year and the modules
//! the urgent items of its population take that year leave no room for it under the cap; or
//! the budget the urgent items leave that year is below its hours. [`Problem::check`] checks
//! it, the exact solver obeys it, the greedy plan keeps it by construction.

use serde::Serialize;

/// One thing to schedule: `agents` agents of one population taking one module.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
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
    /// Its share of [`Problem::value`] when `agents` of its agents are scheduled within the
    /// horizon, `on_time` of them by year `short_years`: its score for each, and once more for
    /// each on time if it is a short-term need.
    pub(crate) fn value(&self, agents: u64, on_time: u64) -> u128 {
        let score = u128::from(self.score);
        let on_time = if self.short_term { on_time } else { 0 };
        score * u128::from(agents) + score * u128::from(on_time)
    }

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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Dep {
    /// Index of the prerequisite item.
    pub item: usize,
    /// Agents of the dependent item who do not need the prerequisite.
    pub free: u64,
}

/// A scheduling problem.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
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

/// Agents of each item placed in each year, in one flat vector: row `i` ([`Allocation::row`])
/// holds item `i`'s agents year by year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Allocation {
    items: usize,
    years: usize,
    cells: Vec<u64>,
}

impl Allocation {
    /// No agent anywhere, for `items` items over `years` years.
    pub fn zeros(items: usize, years: usize) -> Allocation {
        Allocation {
            items,
            years,
            cells: vec![0; items * years],
        }
    }

    /// From the cells item by item (`cells.len()` must be `items × years`; `None` otherwise).
    pub fn from_cells(items: usize, years: usize, cells: Vec<u64>) -> Option<Allocation> {
        (Some(cells.len()) == items.checked_mul(years)).then_some(Allocation {
            items,
            years,
            cells,
        })
    }

    /// From one row per item, all of the same length (`None` otherwise).
    pub fn from_rows(rows: Vec<Vec<u64>>) -> Option<Allocation> {
        let years = rows.first().map_or(0, Vec::len);
        if rows.iter().any(|r| r.len() != years) {
            return None;
        }
        Some(Allocation {
            items: rows.len(),
            years,
            cells: rows.concat(),
        })
    }

    /// The rows, one per item.
    pub fn to_rows(&self) -> Vec<Vec<u64>> {
        self.rows().map(<[u64]>::to_vec).collect()
    }

    /// Number of items (rows).
    pub fn items(&self) -> usize {
        self.items
    }

    /// Number of years (the length of a row).
    pub fn years(&self) -> usize {
        self.years
    }

    /// Item `i`'s agents, year by year. Panics when `i` is not below [`Allocation::items`].
    pub fn row(&self, i: usize) -> &[u64] {
        &self.cells[i * self.years..(i + 1) * self.years]
    }

    /// Item `i`'s agents, year by year, to change. Panics when `i` is not below
    /// [`Allocation::items`].
    pub fn row_mut(&mut self, i: usize) -> &mut [u64] {
        &mut self.cells[i * self.years..(i + 1) * self.years]
    }

    /// The rows, item by item.
    pub fn rows(&self) -> impl ExactSizeIterator<Item = &[u64]> + Clone + '_ {
        (0..self.items).map(|i| self.row(i))
    }
}

/// A broken constraint, as found by [`Problem::check`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Violation {
    /// The problem is not well formed ([`Problem::is_well_formed`]).
    Malformed,
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
    /// The short-term-first rule broken: in a year up to `short_years` a long-term item has
    /// agents while this urgent item could take one more (item, year).
    ShortTermFirst(usize, usize),
}

/// Populations of a well-formed problem are numbered below this (the schedulers size tables by
/// the highest; a profile has at most a few hundred).
pub const MAX_GROUPS: usize = 1 << 20;

impl Problem {
    /// Whether the problem is well formed, as every problem the planner builds is: a budget
    /// for each year, a short term within the horizon, populations numbered below
    /// [`MAX_GROUPS`], every prerequisite naming an item, no item its own prerequisite, no cycle of prerequisites, and values
    /// that fit their integers (hours × agents in `u64`, the plan's value in `u128`). The
    /// schedulers give a malformed problem the empty allocation, and [`Problem::check`]
    /// refuses any allocation of it, rather than panicking on a problem built by hand.
    pub fn is_well_formed(&self) -> bool {
        let n = self.items.len();
        if self.budget_hours.len() != self.years || self.short_years > self.years {
            return false;
        }
        let mut value: u128 = 0;
        for (i, it) in self.items.iter().enumerate() {
            if it.group >= MAX_GROUPS || it.deps.iter().any(|d| d.item >= n || d.item == i) {
                return false;
            }
            if it.hours.checked_mul(it.agents).is_none() {
                return false;
            }
            // Each agent counts its score, once more on time (`Item::value`), in each year.
            let most = (u128::from(it.score) * u128::from(it.agents)).checked_mul(2);
            match most.and_then(|m| value.checked_add(m)) {
                Some(v) => value = v,
                None => return false,
            }
        }
        // No cycle: Kahn's algorithm removes every item.
        let mut waiting: Vec<usize> = self.items.iter().map(|it| it.deps.len()).collect();
        let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (i, it) in self.items.iter().enumerate() {
            for d in &it.deps {
                dependents[d.item].push(i);
            }
        }
        let mut ready: Vec<usize> = (0..n).filter(|&i| waiting[i] == 0).collect();
        let mut removed = 0;
        while let Some(i) = ready.pop() {
            removed += 1;
            for &j in &dependents[i] {
                waiting[j] -= 1;
                if waiting[j] == 0 {
                    ready.push(j);
                }
            }
        }
        removed == n
    }

    /// An empty allocation of the right shape.
    pub fn empty(&self) -> Allocation {
        Allocation::zeros(self.items.len(), self.years)
    }

    /// The items the short-term-first rule puts first: short-term items and, transitively,
    /// their prerequisites (in the planner and the random instances a short-term item's
    /// prerequisites are short-term already, so these are the short-term items).
    pub fn urgent(&self) -> Vec<bool> {
        let n = self.items.len();
        let mut urgent: Vec<bool> = self.items.iter().map(|i| i.short_term).collect();
        let mut stack: Vec<usize> = (0..n).filter(|&i| urgent[i]).collect();
        while let Some(i) = stack.pop() {
            for d in &self.items[i].deps {
                if d.item < n && !urgent[d.item] {
                    urgent[d.item] = true;
                    stack.push(d.item);
                }
            }
        }
        urgent
    }

    /// Whether urgent item `i` is saturated in year `y` of allocation `a` (see the module's
    /// doc): `cum` holds every item's agents scheduled up to and including `y`, `spent` the
    /// hours the urgent items use in `y`, `load` the hours of the modules the urgent items
    /// of `i`'s population take in `y`.
    fn saturated(
        &self,
        a: &Allocation,
        i: usize,
        y: usize,
        cum: &[u64],
        spent: u64,
        load: u64,
    ) -> bool {
        let item = &self.items[i];
        let budget = self.budget_hours.get(y).copied().unwrap_or(0);
        cum[i] >= item.agents
            || item
                .deps
                .iter()
                .any(|d| cum[i] >= cum.get(d.item).copied().unwrap_or(0) + d.free)
            || (a.row(i)[y] == 0 && load + item.hours > self.cap_hours)
            || budget.saturating_sub(spent) < item.hours
    }

    /// The value of an allocation: every scheduled agent counts its item's score, and a
    /// short-term item's agents scheduled by year `short_years` count it once more (the
    /// deadline met). Maximised by both solvers.
    pub fn value(&self, a: &Allocation) -> u128 {
        self.value_of_rows(a.rows())
    }

    /// [`Problem::value`] of the allocation whose rows (one per item) are `rows`.
    pub(crate) fn value_of_rows<'a>(&self, rows: impl Iterator<Item = &'a [u64]>) -> u128 {
        let mut v: u128 = 0;
        for (item, xs) in self.items.iter().zip(rows) {
            let total: u64 = xs.iter().sum();
            let on_time: u64 = if item.short_term {
                xs.iter().take(self.short_years).sum()
            } else {
                0
            };
            v += item.value(total, on_time);
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
        if !self.is_well_formed() {
            return Err(Violation::Malformed);
        }
        if a.items() != self.items.len() || a.years() != self.years {
            return Err(Violation::Shape);
        }
        for (i, xs) in a.rows().enumerate() {
            if xs.iter().sum::<u64>() > self.items[i].agents {
                return Err(Violation::TooManyAgents(i));
            }
        }
        let groups = self.items.iter().map(|i| i.group + 1).max().unwrap_or(0);
        for y in 0..self.years {
            let used: u64 = self
                .items
                .iter()
                .zip(a.rows())
                .map(|(i, xs)| i.hours * xs[y])
                .sum();
            if used > self.budget_hours[y] {
                return Err(Violation::Budget(y));
            }
            let mut load = vec![0u64; groups];
            for (i, xs) in self.items.iter().zip(a.rows()) {
                if xs[y] > 0 {
                    load[i.group] += i.hours;
                }
            }
            if let Some(g) = load.iter().position(|l| *l > self.cap_hours) {
                return Err(Violation::Cap(g, y));
            }
        }
        self.check_short_term_first(a)?;
        for (i, item) in self.items.iter().enumerate() {
            let mut cum = 0;
            let mut cum_dep = vec![0u64; item.deps.len()];
            for y in 0..self.years {
                cum += a.row(i)[y];
                for (k, d) in item.deps.iter().enumerate() {
                    cum_dep[k] += a.row(d.item)[y];
                    if cum > cum_dep[k] + d.free {
                        return Err(Violation::Prerequisite(i, y));
                    }
                }
            }
        }
        Ok(())
    }

    /// Checks the short-term-first rule (see the module's doc); the shape must be right.
    fn check_short_term_first(&self, a: &Allocation) -> Result<(), Violation> {
        match self.short_term_first_broken(a, true).first() {
            Some(&(i, y)) => Err(Violation::ShortTermFirst(i, y)),
            None => Ok(()),
        }
    }

    /// The (urgent item, year) pairs where allocation `a` (of the right shape) breaks the
    /// short-term-first rule; only the first one if `first`.
    pub fn short_term_first_broken(&self, a: &Allocation, first: bool) -> Vec<(usize, usize)> {
        let urgent = self.urgent();
        let groups = self.items.iter().map(|i| i.group + 1).max().unwrap_or(0);
        let mut cum = vec![0u64; self.items.len()];
        let mut broken = Vec::new();
        for y in 0..self.years {
            for (c, xs) in cum.iter_mut().zip(a.rows()) {
                *c += xs[y];
            }
            if y >= self.short_years
                || !(0..self.items.len()).any(|i| !urgent[i] && a.row(i)[y] > 0)
            {
                continue;
            }
            let mut spent = 0u64;
            let mut load = vec![0u64; groups];
            for (i, item) in self.items.iter().enumerate() {
                if urgent[i] && a.row(i)[y] > 0 {
                    spent += item.hours * a.row(i)[y];
                    load[item.group] += item.hours;
                }
            }
            for (i, item) in self.items.iter().enumerate() {
                if urgent[i] && !self.saturated(a, i, y, &cum, spent, load[item.group]) {
                    broken.push((i, y));
                    if first {
                        return broken;
                    }
                }
            }
        }
        broken
    }
}
