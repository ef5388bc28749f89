//! The exact solver : the scheduling [`Problem`] as integer linear programs, solved to proven
//! optimality by `good_lp` with the pure-Rust `microlp` backend. It measures how far the
//! greedy scheduler is from the best plan; it is exponential in the worst case, so it is meant
//! for tests, benchmarks and small problems.
//!
//! The constraints, for items `i`, years `y`:
//!
//! - `x[i][y]` integer, `0 ≤ x[i][y] ≤ min(agents_i, budget_y / hours_i)`: agents of `i` in `y`;
//! - `z[i][y]` binary, `x[i][y] ≤ bound × z[i][y]`: `i` is active for its population in `y`
//!   (only where the cap can bind, i.e. where the population's modules together exceed it);
//! - agents: `Σ_y x[i][y] ≤ agents_i`;
//! - budget: `Σ_i hours_i × x[i][y] ≤ budget_y`;
//! - cap: `Σ_{i in g} hours_i × z[i][y] ≤ cap` for each population `g` and year `y`, and
//!   `Σ_{i in g ∪ t} hours_i × z[i][y] ≤ cap_t` for each shared cap (`g`'s agents are also in
//!   population `t`, the managers' track);
//! - prerequisites: `Σ_{t ≤ y} x[i][t] ≤ Σ_{t ≤ y} x[j][t] + free` for each dependency `i → j`.
//!
//! The objective is lexicographic ([`parcours_planner::problem::Objective`]): one program per
//! level, in order, each maximising its level — socle steps by year `short_years` (when the
//! socle comes first), the goals' weighted steps by then, the short-term value by then, the
//! total value — under the constraints and every earlier level held at its optimum. Each
//! level is linear with integer coefficients, so a level's optimum is exact; a level with
//! nothing to gain (a zero ceiling) is skipped.
//!
//! Strengthened so that microlp, a plain branch and bound without cutting planes, proves
//! optimality in milliseconds on small instances instead of minutes:
//!
//! - each knapsack row (budget, cap) is divided by the gcd of its weights, its limit rounded
//!   down (hours are multiples of 3, budgets are not);
//! - cliques of the cap rows (modules of a population that no two of which fit a year
//!   together) get `Σ z ≤ 1`;
//! - every level is an integer, so a level's search stops once its bound is within 0.5 of the
//!   best plan (a relative gap of 0.5 / that level's ceiling): that plan is optimal; at
//!   level 1, whose ceiling is about 10⁹ per goal, within half an agent-step of the largest
//!   goal (a gap of 1 there would be below the solver's arithmetic);
//! - the greedy plan seeds the first level's search as its first incumbent, each level's
//!   plan the next one's, so the result is never worse than the greedy's.
//!
//! Still exponential in the worst case: an instance of 20 items may take seconds or more,
//! hence [`optimum_within`], which gives up after a time limit with the best plan found and a
//! proven upper bound of the optimum.

use good_lp::{
    Expression, ProblemVariables, ResolutionError, Solution, SolutionStatus, SolverModel, Variable,
    WithInitialSolution, WithMipGap, WithTimeLimit, constraint, microlp, variable,
};
use parcours_planner::problem::{Allocation, Objective, Problem, Violation, sessions_for};
use parcours_planner::schedule::greedy;
use std::collections::BTreeSet;
use std::time::{Duration, Instant};

/// Why [`optimum`] found no plan.
#[derive(Debug, thiserror::Error)]
pub enum ExactError {
    /// The solver failed (it should not: the empty plan is always feasible).
    #[error("the solver failed: {0}")]
    Solver(#[from] ResolutionError),
    /// A number is too large for the solver's integer variables (32 bits).
    #[error("item {item}: {what} too large for the exact solver")]
    TooLarge {
        /// The item.
        item: usize,
        /// What is too large.
        what: &'static str,
    },
    /// A prerequisite names an item that does not exist.
    #[error("item {item}: prerequisite {dep} does not exist")]
    BadDependency {
        /// The dependent item.
        item: usize,
        /// The missing prerequisite.
        dep: usize,
    },
    /// The solver's plan, once rounded, breaks a constraint (numerical trouble).
    #[error("the solver's plan breaks a constraint: {0:?}")]
    Infeasible(Violation),
    /// The time limit of [`optimum_within`] passed before optimality was proven.
    #[error("time limit reached before optimality was proven")]
    TimeLimit {
        /// The best plan found so far that keeps every constraint (at least as good as the
        /// greedy one).
        best: Allocation,
        /// A proven upper bound of the optimum, level by level: the levels proven optimal
        /// before the time ran out, then [`Problem::ceiling`]'s (an upper bound of each).
        bound: Objective,
    },
}

/// The most agents of item `i` that year `y` could take on its own (budget, agents, caps:
/// `most`, the most hours its population may take in a year, [`Problem::most_hours`]).
fn bound(p: &Problem, i: usize, y: usize, most: u64) -> u64 {
    let item = &p.items[i];
    if item.hours > most {
        return 0;
    }
    let budget = p.budget_hours.get(y).copied().unwrap_or(0);
    match budget.checked_div(item.hours) {
        Some(by_budget) => by_budget.min(item.agents),
        None => item.agents,
    }
}

/// Greatest common divisor.
fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// `Σ weight × var ≤ limit`, divided by the weights' greatest common divisor with the limit
/// rounded down: the same integer points, a tighter relaxation (a Chvátal–Gomory cut). With
/// hours in multiples of 3 and budgets that are not, it makes microlp's search orders of
/// magnitude shorter.
fn knapsack(terms: &[(u64, Variable)], limit: u64) -> good_lp::Constraint {
    let g = terms.iter().fold(0, |g, &(w, _)| gcd(g, w)).max(1);
    let lhs: Expression = terms.iter().map(|&(w, v)| (w / g) as f64 * v).sum();
    constraint!(lhs <= (limit / g) as f64)
}

/// Cliques of a cap row: for each item `a`, `a` and every item at least as long that does not
/// fit the cap beside it (two such items do not fit together either). Each clique gives
/// `Σ z ≤ 1`, which the knapsack row implies for integers but not for fractions: it tightens
/// the relaxation and shortens microlp's search a lot.
fn conflicts(row: &[(u64, Variable)], cap: u64) -> Vec<Expression> {
    let mut cliques: BTreeSet<Vec<usize>> = BTreeSet::new();
    for (a, &(ha, _)) in row.iter().enumerate() {
        let clique: Vec<usize> = (0..row.len())
            .filter(|&k| k == a || (row[k].0 >= ha && row[k].0 + ha > cap))
            .collect();
        if clique.len() > 1 {
            cliques.insert(clique);
        }
    }
    cliques
        .into_iter()
        .map(|c| c.into_iter().map(|k| row[k].1).sum())
        .collect()
}

/// A best allocation of `p`: the highest [`Problem::value`] (level by level) among those that
/// pass [`Problem::check`], found by solving the integer programs described in the module's
/// doc. Deterministic. At least as good as the greedy plan. No time limit: see
/// [`optimum_within`].
///
/// # Errors
///
/// [`ExactError`] if the solver fails, if agents exceed what its 32-bit integer variables
/// hold, if a prerequisite names a missing item, or if the solver's rounded plan does not pass
/// [`Problem::check`].
pub fn optimum(p: &Problem) -> Result<Allocation, ExactError> {
    solve(p, None, greedy(p))
}

/// [`optimum`], giving up after `limit` of wall-clock time with
/// [`ExactError::TimeLimit`], which carries the best plan found so far.
///
/// # Errors
///
/// As [`optimum`], and [`ExactError::TimeLimit`].
pub fn optimum_within(p: &Problem, limit: Duration) -> Result<Allocation, ExactError> {
    solve(p, Some(limit), greedy(p))
}

/// [`optimum_within`] started from the plan `start` (which must pass [`Problem::check`]; the
/// greedy plan otherwise): the best plan found within `limit` is at least as good.
///
/// # Errors
///
/// As [`optimum_within`].
pub fn improve_within(
    p: &Problem,
    start: Allocation,
    limit: Duration,
) -> Result<Allocation, ExactError> {
    let start = if p.check(&start).is_ok() {
        start
    } else {
        greedy(p)
    };
    solve(p, Some(limit), start)
}

/// The levels of the objective, in order, as [`Objective`]'s fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Level {
    Socle,
    Goals,
    ShortTerm,
    Total,
}

impl Level {
    const ALL: [Level; 4] = [Level::Socle, Level::Goals, Level::ShortTerm, Level::Total];

    /// This level of `o`.
    fn of(self, o: &Objective) -> u128 {
        match self {
            Level::Socle => o.socle.into(),
            Level::Goals => o.goals.into(),
            Level::ShortTerm => o.short_term,
            Level::Total => o.total,
        }
    }

    /// `o` with this level set to `v` (saturating to the field's width).
    fn set(self, o: &mut Objective, v: u128) {
        let narrow = u64::try_from(v).unwrap_or(u64::MAX);
        match self {
            Level::Socle => o.socle = narrow,
            Level::Goals => o.goals = narrow,
            Level::ShortTerm => o.short_term = v,
            Level::Total => o.total = v,
        }
    }
}

/// Solves level after level, each from the plan of the one before (`start` for the first).
fn solve(
    p: &Problem,
    limit: Option<Duration>,
    start: Allocation,
) -> Result<Allocation, ExactError> {
    let begun = Instant::now();
    check_sizes(p)?;
    let ceiling = p.ceiling();
    if p.items.is_empty() || p.years == 0 || ceiling == Objective::default() {
        return Ok(p.empty());
    }
    let mut best = start;
    // The levels proven so far, with their optimum.
    let mut fixed: Vec<(Level, u128)> = Vec::new();
    for level in Level::ALL {
        let top = level.of(&ceiling);
        if top == 0 {
            continue;
        }
        let left = limit.map(|l| l.saturating_sub(begun.elapsed()));
        match solve_level(p, level, &fixed, &best, left) {
            Ok(a) => {
                let v = level.of(&p.value(&a));
                // Never worse than the incumbent, which keeps every earlier level.
                if v >= level.of(&p.value(&best)) {
                    best = a;
                }
                fixed.push((level, level.of(&p.value(&best))));
            }
            Err(Stop::Time(found)) => {
                if let Some(a) = found
                    && p.value(&a) > p.value(&best)
                {
                    best = a;
                }
                let mut bound = ceiling;
                for (l, v) in &fixed {
                    l.set(&mut bound, *v);
                }
                return Err(ExactError::TimeLimit { best, bound });
            }
            Err(Stop::Error(e)) => return Err(e),
        }
    }
    Ok(best)
}

/// Why one level's program stopped without a proven optimum.
enum Stop {
    /// Out of time, with the solver's plan if it had one that keeps every constraint.
    Time(Option<Allocation>),
    /// Any other failure.
    Error(ExactError),
}

/// Maximises `level` under the constraints, the earlier levels held at their optimum
/// (`fixed`), from the plan `start` (which keeps them).
fn solve_level(
    p: &Problem,
    level: Level,
    fixed: &[(Level, u128)],
    start: &Allocation,
    limit: Option<Duration>,
) -> Result<Allocation, Stop> {
    let mut vars = ProblemVariables::new();
    let program = Program::new(p, &mut vars);
    let initial = program.initial(start);
    let ceiling = level.of(&p.ceiling()).max(1);
    // The smallest step of the level: 1, or at level 1 half the smallest goal weight (an
    // agent-step of the largest goal). Level 1's ceiling is about 10⁹ per goal, so a gap of 1
    // would be below the solver's arithmetic: there a plan within half an agent-step of the
    // largest goal of the best one counts as optimal.
    let step = match level {
        Level::Goals => p
            .goal_weights()
            .into_iter()
            .filter(|&w| w > 0)
            .min()
            .map_or(1.0, |w| (w as f64 / 2.0).max(1.0)),
        _ => 1.0,
    };
    let model = vars
        .maximise(program.level(level))
        .using(microlp)
        .with_initial_solution(initial);
    // Every level is an integer, so a plan within 1 of the bound is optimal: a relative gap
    // of 0.5 / ceiling (the LP bound never exceeds the ceiling) lets the search stop there
    // instead of closing the last fraction, which microlp, with no cuts, may take ages to do.
    let mut model = model
        .with_mip_gap((0.5 * step / ceiling as f64) as f32)
        .map_err(|e| Stop::Error(ExactError::Solver(ResolutionError::Str(e.to_string()))))?;
    program.constrain(&mut model);
    let top = p.ceiling();
    for &(l, v) in fixed {
        if v == l.of(&top) {
            // At its ceiling every agent that counts there is placed in time: item by item,
            // which the solver finds much easier than one dense row.
            program.hold_at_ceiling(l, &mut model);
        } else {
            // An integer at least `v`: half a unit of slack for the solver's arithmetic.
            let held = program.level(l);
            model.add_constraint(constraint!(held >= v as f64 - 0.5));
        }
    }
    let model = match limit {
        Some(limit) => model.with_time_limit(limit.as_secs_f64()),
        None => model,
    };
    let solution = match model.solve() {
        Ok(solution) => solution,
        // Out of time before any plan.
        Err(ResolutionError::Other(e)) if limit.is_some() && e.contains("Time limit") => {
            return Err(Stop::Time(None));
        }
        Err(e) => return Err(Stop::Error(e.into())),
    };
    let proven = !matches!(solution.status(), SolutionStatus::TimeLimit);
    let a = program.allocation(&solution);
    if let Err(v) = p.check(&a) {
        return Err(if proven {
            Stop::Error(ExactError::Infeasible(v))
        } else {
            Stop::Time(None)
        });
    }
    if proven {
        Ok(a)
    } else {
        Err(Stop::Time(Some(a)))
    }
}

/// Refuses a problem the program cannot hold: a prerequisite naming a missing item, or more
/// agents than a 32-bit integer variable holds.
fn check_sizes(p: &Problem) -> Result<(), ExactError> {
    let n = p.items.len();
    for (i, item) in p.items.iter().enumerate() {
        if let Some(d) = item.deps.iter().find(|d| d.item >= n) {
            return Err(ExactError::BadDependency {
                item: i,
                dep: d.item,
            });
        }
        if item.agents > i32::MAX as u64 {
            return Err(ExactError::TooLarge {
                item: i,
                what: "agents",
            });
        }
    }
    Ok(())
}

/// The integer program of a problem: its variables, and what the constraints read of the
/// problem.
struct Program<'p> {
    p: &'p Problem,
    /// The most agents of each item in each year ([`bound`]).
    ub: Vec<Vec<u64>>,
    /// `x[i][y]`: agents of item `i` in year `y`.
    x: Vec<Vec<Variable>>,
    /// `z[i][y]`: item `i` active in year `y`, where the cap can bind.
    z: Vec<Vec<Option<Variable>>>,
    /// The cap's knapsack rows, one per population and year where it can bind: hours and
    /// activity of each member.
    cap_rows: Vec<(u64, Vec<(u64, Variable)>)>,
    /// `s[k][y]`: sessions of kind `k` in year `y`, with the size and weight of a session of
    /// the kind, when the problem has a capacity.
    sessions: Vec<(u64, u64, Vec<Variable>)>,
}

impl<'p> Program<'p> {
    /// The variables, added to `vars` in a fixed order (agents, then activities).
    fn new(p: &'p Problem, vars: &mut ProblemVariables) -> Program<'p> {
        let n = p.items.len();
        let most = p.most_hours();
        let ub: Vec<Vec<u64>> = (0..n)
            .map(|i| (0..p.years).map(|y| bound(p, i, y, most[i])).collect())
            .collect();
        let x: Vec<Vec<Variable>> = ub
            .iter()
            .map(|row| {
                row.iter()
                    .map(|&u| vars.add(variable().integer().min(0).max(u as f64)))
                    .collect()
            })
            .collect();
        let mut program = Program {
            p,
            ub,
            x,
            z: vec![vec![None; p.years]; n],
            cap_rows: Vec::new(),
            sessions: Vec::new(),
        };
        program.add_activities(vars);
        program.add_sessions(vars);
        program
    }

    /// The activity variables: populations (and pairs sharing a cap) whose modules, all
    /// together, could exceed their cap in some year need them; elsewhere the cap can never
    /// bind.
    fn add_activities(&mut self, vars: &mut ProblemVariables) {
        let p = self.p;
        let n = p.items.len();
        let caps = p.group_caps();
        // Each cap row: the populations it adds up and its cap.
        let mut rows: Vec<(Vec<usize>, u64)> =
            (0..caps.len()).map(|g| (vec![g], caps[g])).collect();
        rows.extend(
            (p.shared_caps.iter())
                .filter(|s| s.group < caps.len() && s.track < caps.len())
                .map(|s| (vec![s.group, s.track], caps[s.track])),
        );
        for y in 0..p.years {
            for (groups, cap) in &rows {
                let members: Vec<usize> = (0..n)
                    .filter(|&i| groups.contains(&p.items[i].group) && self.ub[i][y] > 0)
                    .collect();
                let total: u64 = members.iter().map(|&i| p.items[i].hours).sum();
                if total <= *cap {
                    continue;
                }
                let mut row = Vec::with_capacity(members.len());
                for &i in &members {
                    let zv = *self.z[i][y].get_or_insert_with(|| vars.add(variable().binary()));
                    row.push((p.items[i].hours, zv));
                }
                self.cap_rows.push((*cap, row));
            }
        }
    }

    /// The session variables, when the problem has a capacity: per kind and year, at most
    /// the sessions the capacity holds.
    fn add_sessions(&mut self, vars: &mut ProblemVariables) {
        let p = self.p;
        let Some(capacity) = p.capacity else {
            return;
        };
        let mut kinds = vec![None; p.session_kinds()];
        for item in &p.items {
            if let Some(s) = item.sessions {
                kinds[s.kind] = Some((s.size, s.weight));
            }
        }
        self.sessions = kinds
            .into_iter()
            .map(|k| {
                // A kind no item has gets no variables.
                let Some((size, weight)) = k else {
                    return (1, 1, Vec::new());
                };
                let most = (capacity / weight) as f64;
                let per_year = (0..p.years)
                    .map(|_| vars.add(variable().integer().min(0).max(most)))
                    .collect();
                (size, weight, per_year)
            })
            .collect();
    }

    /// One level of the objective as a linear expression ([`Problem::value`]): each agent of
    /// an item, in the years the level counts, times the item's coefficient there.
    fn level(&self, level: Level) -> Expression {
        let p = self.p;
        let weights = p.goal_weights();
        let mut e = Expression::from(0.0);
        for (i, (item, xs)) in p.items.iter().zip(&self.x).enumerate() {
            let (coef, years) = match level {
                Level::Socle => (u64::from(p.counts_for_socle(i)), p.short_years),
                Level::Goals => (p.goal_value(i, &weights), p.short_years),
                Level::ShortTerm if item.short_term => (item.score, p.short_years),
                Level::ShortTerm => (0, 0),
                Level::Total => (item.score, p.years),
            };
            if coef == 0 {
                continue;
            }
            for &v in xs.iter().take(years) {
                e += coef as f64 * v;
            }
        }
        e
    }

    /// Level `level` held at its ceiling: every agent of every item that counts there placed
    /// within the years it counts.
    fn hold_at_ceiling(&self, level: Level, model: &mut impl SolverModel) {
        let p = self.p;
        let weights = p.goal_weights();
        for (i, (item, xs)) in p.items.iter().zip(&self.x).enumerate() {
            let (counts, years) = match level {
                Level::Socle => (p.counts_for_socle(i), p.short_years),
                Level::Goals => (p.goal_value(i, &weights) > 0, p.short_years),
                Level::ShortTerm => (item.short_term && item.score > 0, p.short_years),
                Level::Total => (item.score > 0, p.years),
            };
            if counts {
                let placed: Expression = xs.iter().take(years).copied().sum();
                model.add_constraint(constraint!(placed >= item.agents as f64));
            }
        }
    }

    /// The values of every variable in the plan `start`: its agents and activities.
    fn initial(&self, start: &Allocation) -> Vec<(Variable, f64)> {
        let p = self.p;
        let mut initial: Vec<(Variable, f64)> = Vec::new();
        for i in 0..p.items.len() {
            for y in 0..p.years {
                let v = start.row(i)[y];
                initial.push((self.x[i][y], v as f64));
                if let Some(zv) = self.z[i][y] {
                    initial.push((zv, if v > 0 { 1.0 } else { 0.0 }));
                }
            }
        }
        for (k, (size, _, per_year)) in self.sessions.iter().enumerate() {
            for (y, &sv) in per_year.iter().enumerate() {
                let agents: u64 = (p.items.iter().enumerate())
                    .filter(|(_, it)| it.sessions.is_some_and(|s| s.kind == k))
                    .map(|(i, _)| start.row(i)[y])
                    .sum();
                initial.push((sv, sessions_for(agents, *size) as f64));
            }
        }
        initial
    }

    /// Adds every constraint to `model`, family by family in a fixed order.
    fn constrain(&self, model: &mut impl SolverModel) {
        self.agents_and_prerequisites(model);
        self.budgets(model);
        self.activities_are_real(model);
        self.caps(model);
        self.capacity(model);
    }

    /// Each year, the agents of a kind of sessions within its sessions' places, and the
    /// sessions within the training service's capacity.
    fn capacity(&self, model: &mut impl SolverModel) {
        let p = self.p;
        let Some(capacity) = p.capacity else {
            return;
        };
        for y in 0..p.years {
            let mut used = Vec::with_capacity(self.sessions.len());
            for (k, (size, weight, per_year)) in self.sessions.iter().enumerate() {
                if per_year.is_empty() {
                    continue;
                }
                let agents: Expression = (p.items.iter().enumerate())
                    .filter(|(_, it)| it.sessions.is_some_and(|s| s.kind == k))
                    .map(|(i, _)| self.x[i][y])
                    .sum();
                let places = *size as f64 * per_year[y];
                model.add_constraint(constraint!(agents <= places));
                used.push((*weight, per_year[y]));
            }
            if !used.is_empty() {
                model.add_constraint(knapsack(&used, capacity));
            }
        }
    }

    /// For each item: no more agents than it has; activity wherever it has agents (where the
    /// cap can bind); and, for each prerequisite, no more agents so far than the
    /// prerequisite's plus its free agents.
    fn agents_and_prerequisites(&self, model: &mut impl SolverModel) {
        let (p, x, z, ub) = (self.p, &self.x, &self.z, &self.ub);
        for (i, item) in p.items.iter().enumerate() {
            let total: Expression = x[i].iter().copied().sum();
            model.add_constraint(constraint!(total <= item.agents as f64));
            for y in 0..p.years {
                if let Some(zv) = z[i][y] {
                    let m = ub[i][y] as f64;
                    model.add_constraint(constraint!(x[i][y] <= m * zv));
                }
            }
            for d in &item.deps {
                if d.item == i {
                    continue;
                }
                let mut cum = Expression::from(0.0);
                for (&own, &pre) in x[i].iter().zip(&x[d.item]) {
                    cum += own - pre;
                    model.add_constraint(constraint!(cum.clone() <= d.free as f64));
                }
            }
        }
    }

    /// Each year's hours within its budget.
    fn budgets(&self, model: &mut impl SolverModel) {
        let p = self.p;
        for y in 0..p.years {
            let budget = p.budget_hours.get(y).copied().unwrap_or(0);
            let hours: Vec<(u64, Variable)> = (0..p.items.len())
                .filter(|&i| self.ub[i][y] > 0)
                .map(|i| (p.items[i].hours, self.x[i][y]))
                .collect();
            if !hours.is_empty() {
                model.add_constraint(knapsack(&hours, budget));
            }
        }
    }

    /// `z[i][y] ≤ x[i][y]`: an item is only active with agents.
    fn activities_are_real(&self, model: &mut impl SolverModel) {
        for (zs, xs) in self.z.iter().zip(&self.x) {
            for (z, &x) in zs.iter().zip(xs) {
                if let Some(zv) = *z {
                    model.add_constraint(constraint!(zv <= x));
                }
            }
        }
    }

    /// Each population's yearly hours within the cap, and the cliques of its row.
    fn caps(&self, model: &mut impl SolverModel) {
        for (cap, row) in &self.cap_rows {
            model.add_constraint(knapsack(row, *cap));
            for clique in conflicts(row, *cap) {
                model.add_constraint(constraint!(clique <= 1));
            }
        }
    }

    /// The solver's plan: its agents, rounded (integer variables come back within 1e-6 of an
    /// integer, and at least 0).
    fn allocation(&self, solution: &impl Solution) -> Allocation {
        let p = self.p;
        Allocation::from_cells(
            p.items.len(),
            p.years,
            self.x
                .iter()
                .flatten()
                .map(|&v| solution.value(v).round().max(0.0) as u64)
                .collect(),
        )
        .unwrap_or_else(|| p.empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parcours_planner::problem::{Dep, Item};

    #[test]
    fn beats_greedy_where_density_misleads() {
        // Budget 20: the greedy funds the denser item (1 × 12 h), wasting 8 h; the optimum funds
        // two agents of the 10-hour item.
        let p = Problem {
            years: 1,
            short_years: 1,
            budget_hours: vec![20],
            cap_hours: 100,
            items: vec![
                Item::new(0, 12, 1, 13, false, vec![]),
                Item::new(1, 10, 2, 10, false, vec![]),
            ],
            socle_first: false,
            shared_caps: Vec::new(),
            capacity: None,
        };
        let a = optimum(&p).unwrap();
        assert_eq!(p.check(&a), Ok(()));
        assert_eq!(a.to_rows(), vec![vec![0], vec![2]]);
        assert!(p.value(&a) >= p.value(&greedy(&p)));
    }

    #[test]
    fn respects_cap_and_prerequisites() {
        let p = Problem {
            years: 2,
            short_years: 1,
            budget_hours: vec![100, 100],
            cap_hours: 12,
            items: vec![
                Item::new(0, 6, 3, 1, true, vec![]),
                Item::new(0, 6, 3, 50, true, vec![Dep { item: 0, free: 1 }]),
                Item::new(0, 6, 3, 40, false, vec![]),
            ],
            socle_first: false,
            shared_caps: Vec::new(),
            capacity: None,
        };
        let a = optimum(&p).unwrap();
        assert_eq!(p.check(&a), Ok(()));
        // Year 0: the prerequisite and the valuable item (its short-term bonus); year 1: the rest.
        assert_eq!(a.to_rows(), vec![vec![3, 0], vec![3, 0], vec![0, 3]]);
    }

    #[test]
    fn empty_and_degenerate_problems() {
        let p = Problem {
            years: 0,
            short_years: 0,
            budget_hours: vec![],
            cap_hours: 10,
            items: vec![Item::new(0, 6, 3, 1, true, vec![])],
            socle_first: false,
            shared_caps: Vec::new(),
            capacity: None,
        };
        assert_eq!(optimum(&p).unwrap().to_rows(), vec![Vec::<u64>::new()]);
        let bad = Problem {
            years: 1,
            short_years: 1,
            budget_hours: vec![10],
            cap_hours: 10,
            items: vec![Item::new(0, 6, 3, 1, true, vec![Dep { item: 5, free: 0 }])],
            socle_first: false,
            shared_caps: Vec::new(),
            capacity: None,
        };
        assert!(matches!(
            optimum(&bad),
            Err(ExactError::BadDependency { item: 0, dep: 5 })
        ));
    }
}
