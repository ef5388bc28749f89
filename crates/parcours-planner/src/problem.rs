//! The scheduling problem in the abstract: items (a population of agents to take one module),
//! with hours, agents, a priority score and prerequisites, to place in years under a yearly
//! budget of trainee-hours and a per-agent yearly cap. The planner builds one from a profile;
//! the greedy scheduler and the exact solver both solve it; tests generate random ones.
//!
//! A plan keeps the budget, the cap and the prerequisites, and is judged by one
//! **lexicographic objective** ([`Objective`], computed by [`Problem::value`]), no other rule:
//!
//! 0. with [`Problem::socle_first`] only: the core *socle* for every agent by year
//!    `short_years` — the agent-steps of [`Item::socle`] items placed by then;
//! 1. the coverage of the ➔ recommendations by year `short_years`: for each goal (a ➔
//!    recommendation, numbered in [`Item::goals`]), the share of its short-term agent-steps
//!    placed by then, added up over the goals — each goal counts alike, whatever its size.
//!    In integers: each of a goal's agent-steps weighs ⌊[`GOAL_SCALE`] / its need⌋, so a goal
//!    covered whole counts 10⁹ (less its rounding, under 10⁻⁴ of it up to 100,000 steps);
//! 2. the value of the short-term steps placed by year `short_years`: score × agents;
//! 3. the value of every step placed within the horizon: score × agents.
//!
//! A plan is better than another when its first differing level is higher. No constraint
//! depends on the budget, so more budget never makes the best plan worse. [`Problem::check`]
//! checks the constraints; the exact solver finds the best plan in that order; the greedy
//! follows it in its construction (see [`crate::schedule`]).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

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
    /// The goals (➔ recommendations, numbered from 0 below [`MAX_GOALS`]) its short-term
    /// agent-steps count for, level 1 of the [`Objective`]; in increasing order.
    pub goals: Vec<u8>,
    /// A step to the core *socle*: level 0 of the [`Objective`] when the problem puts the
    /// socle first.
    pub socle: bool,
    /// Its population's own yearly cap per agent, in hours, when the profile gives one (every
    /// item of a population gives the same); [`Problem::cap_hours`] otherwise.
    pub cap_hours: Option<u64>,
    /// The sessions its module is given in, when it has a trainer (not self-training): what
    /// the training service's yearly capacity ([`Problem::capacity`]) counts.
    pub sessions: Option<Sessions>,
}

/// The sessions of a module with a trainer, as the capacity counts them: each year, the agents
/// of every item of the same `kind` (one module) fill sessions of `size` places, each session
/// taking `weight` units of the capacity (1 for a number of sessions, the module's hours for
/// trainer-hours).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Sessions {
    /// The module and session group, numbered from 0 in the problem (every item of a kind
    /// gives the same size and weight).
    pub kind: usize,
    /// Places in a session (at least 1).
    pub size: u64,
    /// Units of the capacity a session takes (at least 1).
    pub weight: u64,
}

/// The sessions a year's agents open: ⌈agents / size⌉.
pub fn sessions_for(agents: u64, size: u64) -> u64 {
    agents.div_ceil(size.max(1))
}

impl Item {
    /// An item of `agents` agents of population `group` taking a module of `hours` hours,
    /// counting for no goal and no socle (see [`Item::with_goals`], [`Item::with_socle`]).
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
            goals: Vec::new(),
            socle: false,
            cap_hours: None,
            sessions: None,
        }
    }

    /// The same item given in sessions of a kind ([`Item::sessions`]).
    pub fn with_sessions(mut self, sessions: Sessions) -> Item {
        self.sessions = Some(sessions);
        self
    }

    /// The same item with its population's own yearly cap per agent, in hours.
    pub fn with_cap(mut self, cap_hours: u64) -> Item {
        self.cap_hours = Some(cap_hours);
        self
    }

    /// The same item counting for these goals (level 1 of the [`Objective`]).
    pub fn with_goals(mut self, mut goals: Vec<u8>) -> Item {
        goals.sort_unstable();
        goals.dedup();
        self.goals = goals;
        self
    }

    /// The same item as a step to the core *socle* (level 0 of the [`Objective`]).
    pub fn with_socle(mut self) -> Item {
        self.socle = true;
        self
    }
}

/// Level 1 of the [`Objective`] counts each goal's covered share in billionths.
pub const GOAL_SCALE: u64 = 1_000_000_000;

/// Goals are numbered below this (the study has eight ➔ recommendations).
pub const MAX_GOALS: usize = 64;

/// How good a plan is, level by level (see the module's doc): compared in the order of the
/// fields, the first differing level decides (the derived `Ord`).
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
)]
pub struct Objective {
    /// Level 0: agent-steps to the core socle placed by year `short_years` (0 unless the
    /// problem puts the socle first).
    pub socle: u64,
    /// Level 1: the goals' covered shares by year `short_years`, in billionths, added up
    /// ([`Problem::goal_weights`]).
    pub goals: u64,
    /// Level 2: the value (score × agents) of the short-term steps placed by year
    /// `short_years`.
    pub short_term: u128,
    /// Level 3: the value of every step placed within the horizon.
    pub total: u128,
}

impl Objective {
    /// Where `self` falls short of `best`, in the objective's order: the first level at which
    /// it is lower, with its ratio to `best`'s there (in [0, 1)); `None` when `self` is at
    /// least as good. How the greedy is measured against the exact solver: a plan's quality
    /// is its ratio at the first level where it loses.
    pub fn shortfall(&self, best: &Objective) -> Option<(usize, f64)> {
        let mine = [
            u128::from(self.socle),
            u128::from(self.goals),
            self.short_term,
            self.total,
        ];
        let theirs = [
            u128::from(best.socle),
            u128::from(best.goals),
            best.short_term,
            best.total,
        ];
        for (level, (a, b)) in mine.into_iter().zip(theirs).enumerate() {
            if a != b {
                return (a < b).then(|| (level, a as f64 / b as f64));
            }
        }
        None
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

/// A population whose agents are also in a track — the métier lines of managers, who are
/// also in the managers' track: each year, the hours of both populations' modules add up
/// under the track's cap (one person, one yearly training time); the line alone keeps its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct SharedCap {
    /// The population (group) whose agents are also in the track.
    pub group: usize,
    /// The track (a group), whose cap both share.
    pub track: usize,
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
    /// Most hours one agent may spend in training in a year (an item's population may have its
    /// own: [`Item::cap_hours`], [`Problem::cap_of`]).
    pub cap_hours: u64,
    /// Items to schedule.
    pub items: Vec<Item>,
    /// Level 0 of the [`Objective`]: the core socle for every agent first.
    pub socle_first: bool,
    /// Populations sharing a yearly cap ([`SharedCap`]); none for most problems.
    pub shared_caps: Vec<SharedCap>,
    /// The training service's yearly capacity, in the units of the items' [`Sessions`]
    /// (sessions, or trainer-hours): each year, the sessions the items with a trainer open
    /// take at most this much. `None`: no limit.
    pub capacity: Option<u64>,
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
    /// A shared cap ([`Problem::shared_caps`], by index) exceeded in a year.
    SharedCap(usize, usize),
    /// The training service's capacity exceeded in a year.
    Capacity(usize),
    /// An item scheduled ahead of its prerequisite (item, year).
    Prerequisite(usize, usize),
}

/// Populations of a well-formed problem are numbered below this (the schedulers size tables by
/// the highest; a profile has at most a few hundred).
pub const MAX_GROUPS: usize = 1 << 20;

/// The tier of an item: the first level of the [`Objective`] it (or an item it is a
/// prerequisite of) counts for, which the greedy's phases follow in years 1 to
/// `short_years` (see [`Problem::tiers`]).
pub type Tier = u8;

/// Tier of the socle steps when the socle comes first.
pub const TIER_SOCLE: Tier = 0;
/// Tier of the short-term steps that count for a goal.
pub const TIER_GOALS: Tier = 1;
/// Tier of the other short-term steps.
pub const TIER_SHORT: Tier = 2;
/// Tier of every other step.
pub const TIER_ALL: Tier = 3;

impl Problem {
    /// Whether the problem is well formed, as every problem the planner builds is: a budget
    /// for each year, a short term within the horizon, populations numbered below
    /// [`MAX_GROUPS`], goals below [`MAX_GOALS`], every prerequisite naming an item, no item
    /// its own prerequisite, no cycle of prerequisites, and values that fit their integers
    /// (hours × agents in `u64`, the plan's value in `u128`). The schedulers give a malformed
    /// problem the empty allocation, and [`Problem::check`] refuses any allocation of it,
    /// rather than panicking on a problem built by hand.
    pub fn is_well_formed(&self) -> bool {
        let n = self.items.len();
        if self.budget_hours.len() != self.years || self.short_years > self.years {
            return false;
        }
        if (self.shared_caps.iter())
            .any(|s| s.group >= MAX_GROUPS || s.track >= MAX_GROUPS || s.group == s.track)
        {
            return false;
        }
        let mut value: u128 = 0;
        let mut caps: Vec<Option<Option<u64>>> = Vec::new();
        let mut kinds: Vec<Option<(u64, u64)>> = Vec::new();
        for (i, it) in self.items.iter().enumerate() {
            if it.group >= MAX_GROUPS || it.deps.iter().any(|d| d.item >= n || d.item == i) {
                return false;
            }
            if it.goals.iter().any(|&g| usize::from(g) >= MAX_GOALS) {
                return false;
            }
            if it.hours.checked_mul(it.agents).is_none() {
                return false;
            }
            // One cap per population: every item of a group gives the same.
            if caps.len() <= it.group {
                caps.resize(it.group + 1, None);
            }
            match caps[it.group] {
                None => caps[it.group] = Some(it.cap_hours),
                Some(c) if c != it.cap_hours => return false,
                Some(_) => {}
            }
            // One size and weight per kind of sessions, each at least 1.
            if let Some(s) = it.sessions {
                if s.kind >= MAX_GROUPS || s.size == 0 || s.weight == 0 {
                    return false;
                }
                if kinds.len() <= s.kind {
                    kinds.resize(s.kind + 1, None);
                }
                match kinds[s.kind] {
                    None => kinds[s.kind] = Some((s.size, s.weight)),
                    Some(k) if k != (s.size, s.weight) => return false,
                    Some(_) => {}
                }
                if s.weight.checked_mul(it.agents).is_none() {
                    return false;
                }
            }
            let most = u128::from(it.score) * u128::from(it.agents);
            match value.checked_add(most) {
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

    /// Each goal's short-term agent-steps (the denominator of its coverage), by goal number
    /// up to the highest goal an item names.
    pub fn goal_needs(&self) -> Vec<u64> {
        let goals = self
            .items
            .iter()
            .flat_map(|i| i.goals.iter())
            .map(|&g| usize::from(g) + 1)
            .max()
            .unwrap_or(0);
        let mut needs = vec![0u64; goals];
        for item in self.items.iter().filter(|i| i.short_term) {
            for &g in &item.goals {
                needs[usize::from(g)] = needs[usize::from(g)].saturating_add(item.agents);
            }
        }
        needs
    }

    /// The weight of one agent-step of each goal at level 1: ⌊[`GOAL_SCALE`] / its need⌋
    /// (0 for a goal with no need), by goal number ([`Problem::goal_needs`]).
    pub fn goal_weights(&self) -> Vec<u64> {
        self.goal_needs()
            .iter()
            .map(|n| GOAL_SCALE.checked_div(*n).unwrap_or(0))
            .collect()
    }

    /// An agent of item `i` placed by year `short_years`, at level 1: the weights of its goals
    /// ([`Problem::goal_weights`]) if it counts there, else 0.
    pub fn goal_value(&self, i: usize, weights: &[u64]) -> u64 {
        if !self.counts_for_goals(i) {
            return 0;
        }
        self.items[i]
            .goals
            .iter()
            .map(|&g| weights[usize::from(g)])
            .fold(0u64, u64::saturating_add)
    }

    /// Whether item `i` counts at level 0 (a socle step, the socle put first).
    pub fn counts_for_socle(&self, i: usize) -> bool {
        self.socle_first && self.items[i].socle
    }

    /// Whether item `i` counts at level 1 (a short-term step of some goal).
    pub fn counts_for_goals(&self, i: usize) -> bool {
        self.items[i].short_term && !self.items[i].goals.is_empty()
    }

    /// Each item's tier: the first level of the objective it counts for ([`TIER_SOCLE`],
    /// [`TIER_GOALS`], [`TIER_SHORT`], else [`TIER_ALL`]), lowered to the tier of any item
    /// it is a prerequisite of (transitively): a prerequisite serves what its dependents
    /// serve.
    pub fn tiers(&self) -> Vec<Tier> {
        let n = self.items.len();
        let mut tier: Vec<Tier> = (0..n)
            .map(|i| {
                if self.counts_for_socle(i) {
                    TIER_SOCLE
                } else if self.counts_for_goals(i) {
                    TIER_GOALS
                } else if self.items[i].short_term {
                    TIER_SHORT
                } else {
                    TIER_ALL
                }
            })
            .collect();
        // Lower each item's prerequisites to its tier, lowest tiers first (each item is pushed
        // again only when its tier falls, at most three times).
        let mut stack: Vec<usize> = (0..n).filter(|&i| tier[i] < TIER_ALL).collect();
        while let Some(i) = stack.pop() {
            for d in &self.items[i].deps {
                if d.item < n && tier[d.item] > tier[i] {
                    tier[d.item] = tier[i];
                    stack.push(d.item);
                }
            }
        }
        tier
    }

    /// The [`Objective`] of an allocation: what both solvers maximise, level by level.
    pub fn value(&self, a: &Allocation) -> Objective {
        self.value_of_rows(a.rows())
    }

    /// [`Problem::value`] of the allocation whose rows (one per item) are `rows`.
    pub(crate) fn value_of_rows<'a>(&self, rows: impl Iterator<Item = &'a [u64]>) -> Objective {
        let needs = self.goal_needs();
        let mut covered = vec![0u64; needs.len()];
        let mut o = Objective::default();
        for (i, (item, xs)) in self.items.iter().zip(rows).enumerate() {
            let total: u64 = xs.iter().sum();
            let on_time: u64 = xs.iter().take(self.short_years).sum();
            let score = u128::from(item.score);
            o.total += score * u128::from(total);
            if item.short_term {
                o.short_term += score * u128::from(on_time);
                for &g in &item.goals {
                    covered[usize::from(g)] += on_time;
                }
            }
            if self.counts_for_socle(i) {
                o.socle += on_time;
            }
        }
        o.goals = goal_shares(&covered, &needs);
        o
    }

    /// The objective if every item were fully scheduled on time (an upper bound of each
    /// level).
    pub fn ceiling(&self) -> Objective {
        let needs = self.goal_needs();
        let mut o = Objective {
            goals: goal_shares(&needs, &needs),
            ..Objective::default()
        };
        for (i, item) in self.items.iter().enumerate() {
            let v = u128::from(item.score) * u128::from(item.agents);
            o.total += v;
            if item.short_term {
                o.short_term += v;
            }
            if self.counts_for_socle(i) {
                o.socle += item.agents;
            }
        }
        o
    }

    /// The yearly cap per agent, in hours, of item `i`'s population.
    pub fn cap_of(&self, i: usize) -> u64 {
        self.items[i].cap_hours.unwrap_or(self.cap_hours)
    }

    /// The yearly cap per agent, in hours, of each population (group), by group number.
    pub fn group_caps(&self) -> Vec<u64> {
        let groups = self.items.iter().map(|i| i.group + 1).max().unwrap_or(0);
        let mut caps = vec![self.cap_hours; groups];
        for it in &self.items {
            if let Some(c) = it.cap_hours {
                caps[it.group] = c;
            }
        }
        caps
    }

    /// Per population (group, by number up to the highest an item has): the shared caps it
    /// takes part in, as (the other population, the cap both share, in hours)
    /// ([`Problem::shared_caps`]; those naming a population without items are left out).
    pub fn cap_partners(&self) -> Vec<Vec<(usize, u64)>> {
        let caps = self.group_caps();
        let mut partners = vec![Vec::new(); caps.len()];
        for s in &self.shared_caps {
            if s.group < caps.len() && s.track < caps.len() {
                partners[s.group].push((s.track, caps[s.track]));
                partners[s.track].push((s.group, caps[s.track]));
            }
        }
        partners
    }

    /// For each item, the most hours one agent of its population may take in a year: its cap,
    /// and the caps it shares ([`Problem::shared_caps`]). A longer module never fits a year.
    pub fn most_hours(&self) -> Vec<u64> {
        let caps = self.group_caps();
        let mut most = caps.clone();
        for s in &self.shared_caps {
            if s.group < caps.len() && s.track < caps.len() {
                most[s.group] = most[s.group].min(caps[s.track]);
            }
        }
        self.items.iter().map(|it| most[it.group]).collect()
    }

    /// Number of kinds of sessions (one more than the highest an item names).
    pub fn session_kinds(&self) -> usize {
        (self.items.iter())
            .filter_map(|i| i.sessions.map(|s| s.kind + 1))
            .max()
            .unwrap_or(0)
    }

    /// The capacity an allocation's year `y` uses: per kind of sessions, the sessions its
    /// agents open ([`sessions_for`]) times their weight, added up.
    pub fn capacity_used(&self, a: &Allocation, y: usize) -> u64 {
        let mut agents = vec![0u64; self.session_kinds()];
        let mut kinds = vec![(1u64, 0u64); agents.len()];
        for (item, xs) in self.items.iter().zip(a.rows()) {
            if let Some(s) = item.sessions {
                agents[s.kind] += xs[y];
                kinds[s.kind] = (s.size, s.weight);
            }
        }
        (agents.iter().zip(&kinds))
            .map(|(&n, &(size, weight))| sessions_for(n, size) * weight)
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
        let caps = self.group_caps();
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
            if let Some(g) = load.iter().zip(&caps).position(|(l, c)| l > c) {
                return Err(Violation::Cap(g, y));
            }
            if self.capacity.is_some_and(|c| self.capacity_used(a, y) > c) {
                return Err(Violation::Capacity(y));
            }
            for (k, s) in self.shared_caps.iter().enumerate() {
                if s.group < groups
                    && s.track < groups
                    && load[s.group] + load[s.track] > caps[s.track]
                {
                    return Err(Violation::SharedCap(k, y));
                }
            }
        }
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
}

/// Whether a module of `hours` hours fits a population (`group`, its cap `cap`) in a year whose
/// hours per agent so far are `load` (per group), under its cap and the caps it shares
/// (`partners`: its entry of [`Problem::cap_partners`]). What both schedulers ask before an
/// item's first agents of the year.
pub fn fits_cap(
    load: &[u64],
    group: usize,
    hours: u64,
    cap: u64,
    partners: &[(usize, u64)],
) -> bool {
    let own = load[group] + hours;
    own <= cap
        && partners
            .iter()
            .all(|&(other, shared)| own + load[other] <= shared)
}

/// The agents of a kind of sessions a year may still take (`agents` of it so far, `used` units
/// of the `capacity`, `None` for no limit): the free places of the sessions already open,
/// and whole new sessions while the capacity lasts. What both schedulers ask before adding
/// agents to an item with sessions.
pub fn capacity_room(s: Sessions, agents: u64, used: u64, capacity: Option<u64>) -> u64 {
    let Some(capacity) = capacity else {
        return u64::MAX;
    };
    let open = sessions_for(agents, s.size);
    let free = open * s.size - agents;
    let new = capacity.saturating_sub(used) / s.weight;
    free.saturating_add(new.saturating_mul(s.size))
}

/// The capacity `more` agents of a kind of sessions take on top of `agents` of it so far.
pub fn capacity_taken(s: Sessions, agents: u64, more: u64) -> u64 {
    (sessions_for(agents + more, s.size) - sessions_for(agents, s.size)) * s.weight
}

/// Level 1 of the objective: each goal's covered agent-steps times its weight
/// ([`Problem::goal_weights`]), added up.
fn goal_shares(covered: &[u64], needs: &[u64]) -> u64 {
    covered
        .iter()
        .zip(needs)
        .map(|(c, n)| c.saturating_mul(GOAL_SCALE.checked_div(*n).unwrap_or(0)))
        .fold(0u64, u64::saturating_add)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_goals() -> Problem {
        Problem {
            years: 2,
            short_years: 1,
            budget_hours: vec![10, 10],
            cap_hours: 100,
            items: vec![
                // A cheap goal: 2 steps.
                Item::new(0, 5, 2, 1, true, vec![]).with_goals(vec![0]),
                // A large goal: 10 steps, more valuable.
                Item::new(1, 1, 10, 50, true, vec![]).with_goals(vec![1]),
                Item::new(2, 1, 10, 1000, false, vec![]),
            ],
            socle_first: false,
            shared_caps: Vec::new(),
            capacity: None,
        }
    }

    #[test]
    fn each_goal_counts_alike() {
        let p = two_goals();
        // Both cheap steps (10 hours) cover goal 0 whole; ten steps of goal 1 cover it whole.
        let cheap = Allocation::from_rows(vec![vec![2, 0], vec![0, 0], vec![0, 10]]).unwrap();
        let large = Allocation::from_rows(vec![vec![0, 0], vec![10, 0], vec![0, 10]]).unwrap();
        assert_eq!(p.check(&cheap), Ok(()));
        assert_eq!(p.check(&large), Ok(()));
        assert_eq!(p.value(&cheap).goals, GOAL_SCALE);
        assert_eq!(p.value(&large).goals, GOAL_SCALE);
        // Equal coverage: the short-term value decides.
        assert!(p.value(&large) > p.value(&cheap));
        // Half of each goal beats a whole large one? Equal: 1/2 + 1/2 = 1.
        let half = Allocation::from_rows(vec![vec![1, 0], vec![5, 0], vec![0, 10]]).unwrap();
        assert_eq!(p.value(&half).goals, GOAL_SCALE);
        assert_eq!(p.goal_needs(), vec![2, 10]);
        assert_eq!(p.ceiling().goals, 2 * GOAL_SCALE);
    }

    /// A population with its own cap is held to it, the others to the problem's; the items of
    /// one population must give the same cap.
    #[test]
    fn a_population_may_have_its_own_cap() {
        let mut p = Problem {
            years: 1,
            short_years: 1,
            budget_hours: vec![100],
            cap_hours: 12,
            items: vec![
                Item::new(0, 6, 1, 1, true, vec![]).with_cap(6),
                Item::new(0, 6, 1, 1, true, vec![]).with_cap(6),
                Item::new(1, 6, 1, 1, true, vec![]),
                Item::new(1, 6, 1, 1, true, vec![]),
            ],
            socle_first: false,
            shared_caps: Vec::new(),
            capacity: None,
        };
        assert_eq!(p.group_caps(), vec![6, 12]);
        assert_eq!((p.cap_of(0), p.cap_of(2)), (6, 12));
        let own = Allocation::from_rows(vec![vec![1], vec![1], vec![0], vec![0]]).unwrap();
        let shared = Allocation::from_rows(vec![vec![1], vec![0], vec![1], vec![1]]).unwrap();
        assert_eq!(p.check(&own), Err(Violation::Cap(0, 0)));
        assert_eq!(p.check(&shared), Ok(()));
        p.items[1].cap_hours = Some(12);
        assert!(!p.is_well_formed());
    }

    /// A management line shares the managers' track's cap: each year, the hours of both add
    /// up under the track's cap; the line alone keeps its own.
    #[test]
    fn a_shared_cap_adds_both_populations_up() {
        let p = Problem {
            years: 1,
            short_years: 1,
            budget_hours: vec![100],
            cap_hours: 12,
            items: vec![
                Item::new(0, 6, 1, 1, true, vec![]),
                Item::new(0, 6, 1, 1, true, vec![]),
                Item::new(1, 6, 1, 1, true, vec![]).with_cap(18),
                Item::new(2, 6, 1, 1, true, vec![]),
                Item::new(1, 18, 1, 1, true, vec![]).with_cap(18),
            ],
            socle_first: false,
            shared_caps: vec![SharedCap { group: 0, track: 1 }],
            capacity: None,
        };
        assert_eq!(p.cap_partners(), vec![vec![(1, 18)], vec![(0, 18)], vec![]]);
        assert_eq!(p.most_hours(), vec![12, 12, 18, 12, 18]);
        let rows = |r: [u64; 5]| Allocation::from_rows(r.map(|x| vec![x]).to_vec()).unwrap();
        assert_eq!(p.check(&rows([1, 1, 1, 1, 0])), Ok(()));
        // The track's 18-hour module fits only a year the line has nothing.
        assert_eq!(p.check(&rows([0, 0, 0, 1, 1])), Ok(()));
        assert_eq!(
            p.check(&rows([1, 0, 0, 0, 1])),
            Err(Violation::SharedCap(0, 0))
        );
        assert!(fits_cap(&[6, 6, 0], 0, 6, 12, &[(1, 18)]));
        assert!(!fits_cap(&[6, 12, 0], 0, 6, 12, &[(1, 18)]));
        let mut bad = p.clone();
        bad.shared_caps[0].track = 0;
        assert!(!bad.is_well_formed());
    }

    /// The training service's capacity counts the sessions the agents of a module open each
    /// year: the free places of an open session cost nothing more.
    #[test]
    fn the_capacity_counts_sessions() {
        let kind = Sessions {
            kind: 0,
            size: 10,
            weight: 6,
        };
        let p = Problem {
            years: 1,
            short_years: 1,
            budget_hours: vec![1000],
            cap_hours: 100,
            items: vec![
                Item::new(0, 6, 15, 1, true, vec![]).with_sessions(kind),
                Item::new(1, 6, 15, 1, true, vec![]).with_sessions(kind),
                Item::new(2, 3, 50, 1, true, vec![]),
            ],
            socle_first: false,
            shared_caps: Vec::new(),
            capacity: Some(12),
        };
        let rows = |r: [u64; 3]| Allocation::from_rows(r.map(|x| vec![x]).to_vec()).unwrap();
        // Two sessions of ten: 20 agents of the module, whatever their population.
        assert_eq!(p.check(&rows([12, 8, 50])), Ok(()));
        assert_eq!(p.capacity_used(&rows([12, 8, 50]), 0), 12);
        assert_eq!(p.check(&rows([12, 9, 0])), Err(Violation::Capacity(0)));
        assert_eq!(capacity_room(kind, 0, 0, Some(12)), 20);
        assert_eq!(capacity_room(kind, 3, 6, Some(12)), 17);
        assert_eq!(capacity_room(kind, 3, 6, None), u64::MAX);
        assert_eq!(capacity_taken(kind, 3, 7), 0);
        assert_eq!(capacity_taken(kind, 3, 8), 6);
        let mut bad = p.clone();
        bad.items[1].sessions = Some(Sessions { size: 12, ..kind });
        assert!(!bad.is_well_formed());
    }

    #[test]
    fn levels_decide_in_order() {
        let p = two_goals();
        // Level 3 alone cannot buy back level 1.
        let rich = Allocation::from_rows(vec![vec![0, 0], vec![0, 0], vec![10, 0]]).unwrap();
        let covering = Allocation::from_rows(vec![vec![0, 0], vec![1, 0], vec![0, 0]]).unwrap();
        assert_eq!(p.check(&rich), Ok(()));
        assert!(p.value(&rich).total > p.value(&covering).total);
        assert!(p.value(&covering) > p.value(&rich));
    }

    #[test]
    fn socle_first_comes_before_goals() {
        let mut p = two_goals();
        p.items[2] = Item::new(2, 1, 10, 1, true, vec![]).with_socle();
        let socle = Allocation::from_rows(vec![vec![0, 0], vec![0, 0], vec![10, 0]]).unwrap();
        let goals = Allocation::from_rows(vec![vec![2, 0], vec![0, 0], vec![0, 0]]).unwrap();
        assert!(p.value(&goals) > p.value(&socle));
        p.socle_first = true;
        assert!(p.value(&socle) > p.value(&goals));
        assert_eq!(p.value(&socle).socle, 10);
        assert_eq!(p.tiers(), vec![TIER_GOALS, TIER_GOALS, TIER_SOCLE]);
    }

    #[test]
    fn prerequisites_take_their_dependents_tier() {
        let p = Problem {
            years: 1,
            short_years: 1,
            budget_hours: vec![0],
            cap_hours: 10,
            items: vec![
                Item::new(0, 1, 1, 1, false, vec![]),
                Item::new(0, 1, 1, 1, false, vec![Dep { item: 0, free: 0 }]),
                Item::new(0, 1, 1, 1, true, vec![Dep { item: 1, free: 0 }]).with_goals(vec![3]),
            ],
            socle_first: false,
            shared_caps: Vec::new(),
            capacity: None,
        };
        assert_eq!(p.tiers(), vec![TIER_GOALS; 3]);
        assert_eq!(p.goal_needs(), vec![0, 0, 0, 1]);
    }
}
