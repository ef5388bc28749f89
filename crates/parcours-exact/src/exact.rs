//! The exact solver : the scheduling [`Problem`] as an integer linear program,
//! solved to proven optimality by `good_lp` with the pure-Rust `microlp` backend. It measures
//! how far the greedy scheduler is from the best plan; it is exponential in the worst case, so
//! it is meant for tests, benchmarks and small problems.
//!
//! The program, for items `i`, years `y`:
//!
//! - `x[i][y]` integer, `0 ≤ x[i][y] ≤ min(agents_i, budget_y / hours_i)`: agents of `i` in `y`;
//! - `z[i][y]` binary, `x[i][y] ≤ bound × z[i][y]`: `i` is active for its population in `y`
//!   (only where the cap can bind, i.e. where the population's modules together exceed it);
//! - agents: `Σ_y x[i][y] ≤ agents_i`;
//! - budget: `Σ_i hours_i × x[i][y] ≤ budget_y`;
//! - cap: `Σ_{i in g} hours_i × z[i][y] ≤ cap` for each population `g` and year `y`;
//! - prerequisites: `Σ_{t ≤ y} x[i][t] ≤ Σ_{t ≤ y} x[j][t] + free` for each dependency `i → j`;
//! - the short-term-first rule (see [`parcours_planner::problem`]), in each year `y < short_years` where
//!   an item that is not urgent could have agents: a binary `l[y]`, `x[j][y] ≤ bound × l[y]`
//!   for every such item `j`, and for every urgent item `i` that could have agents, binaries
//!   for the reasons it may be saturated, at least one of them 1 when `l[y]` is:
//!   `Σ_{t ≤ y} x[i][t] ≥ agents_i × a` (no agent left), for each prerequisite `j`
//!   `Σ_{t ≤ y} (x[i][t] - x[j][t]) ≥ free - (agents_j + free)(1 - b)` (held back),
//!   `x[i][y] ≤ bound (1 - c)` and `Σ_{urgent k ≠ i of its population} hours_k × z[k][y] ≥
//!   (cap - hours_i + 1) × c` (no room under the cap; `z[k][y] ≤ x[k][y]` so that an activity
//!   is real), `Σ_{urgent k} hours_k × x[k][y] ≥ (budget_y - hours_i + 1) × d` (no budget);
//! - maximise `Σ score_i × x[i][y]` + `Σ_{short-term i, y < short_years} score_i × x[i][y]`,
//!   which is [`Problem::value`].
//!
//! Strengthened so that microlp, a plain branch and bound without cutting planes, proves
//! optimality in milliseconds on small instances instead of minutes:
//!
//! - each knapsack row (budget, cap) is divided by the gcd of its weights, its limit rounded
//!   down (hours are multiples of 3, budgets are not);
//! - cliques of the cap rows (modules of a population that no two of which fit a year
//!   together) get `Σ z ≤ 1`;
//! - every value is an integer, so the search stops once its bound is within 0.5 of the best
//!   plan (a relative gap of 0.5 / [`Problem::ceiling`]): that plan is optimal;
//! - the greedy plan seeds the search as its first incumbent, so the result is never worse.
//!
//! The rule's constraints are added lazily: the program is solved without them, then again
//! with them for the (item, year) pairs where the plan breaks the rule, until it keeps it (a
//! plan optimal for a relaxation that keeps the rule is optimal). Their big-M reasons are hard
//! on microlp: where the rule binds, even a 6-item instance may not be proven in minutes
//! (seed 63 of the tiny instances).
//!
//! Still exponential in the worst case: an instance of 20 items may take seconds or more,
//! hence [`optimum_within`], which gives up after a time limit with the best plan found and a
//! proven upper bound of the optimum.

use good_lp::{
    Expression, ProblemVariables, ResolutionError, Solution, SolutionStatus, SolverModel, Variable,
    WithInitialSolution, WithMipGap, WithTimeLimit, constraint, microlp, variable,
};
use parcours_planner::problem::{Allocation, Problem, Violation};
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
        /// A proven upper bound of the optimum's value: the optimum of the last program
        /// solved with part of the short-term-first rule, or [`Problem::ceiling`].
        bound: u128,
    },
}

/// The most agents of item `i` that year `y` could take on its own (budget, agents, cap).
fn bound(p: &Problem, i: usize, y: usize) -> u64 {
    let item = &p.items[i];
    if item.hours > p.cap_hours {
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

/// A best allocation of `p`: the highest [`Problem::value`] among those that pass
/// [`Problem::check`], found by solving the integer program described in the module's doc.
/// Deterministic. Its value is at least the greedy plan's. No time limit, and it may run for
/// a very long time where the short-term-first rule binds: see [`optimum_within`].
///
/// # Errors
///
/// [`ExactError`] if the solver fails, if agents exceed what its 32-bit integer variables
/// hold, if a prerequisite names a missing item, or if the solver's rounded plan does not pass
/// [`Problem::check`].
pub fn optimum(p: &Problem) -> Result<Allocation, ExactError> {
    solve(p, None)
}

/// [`optimum`], giving up after `limit` of wall-clock time with
/// [`ExactError::TimeLimit`], which carries the best plan found so far.
///
/// # Errors
///
/// As [`optimum`], and [`ExactError::TimeLimit`].
pub fn optimum_within(p: &Problem, limit: Duration) -> Result<Allocation, ExactError> {
    solve(p, Some(limit))
}

/// Solves the program with the short-term-first rule added lazily, which microlp finds much
/// easier than the whole rule: first without it; while the plan breaks the rule for some
/// urgent items and years, again with the rule's constraints for those too. The rule's
/// constraints only remove plans, so a plan that keeps the whole rule is optimal under it.
fn solve(p: &Problem, limit: Option<Duration>) -> Result<Allocation, ExactError> {
    let start = Instant::now();
    let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut bound = p.ceiling();
    loop {
        let left = limit.map(|l| l.saturating_sub(start.elapsed()));
        let a = match solve_program(p, left, &pairs) {
            Ok(a) => a,
            Err(ExactError::TimeLimit { best, .. }) => {
                let best = if p.check(&best).is_ok() {
                    best
                } else {
                    greedy(p)
                };
                return Err(ExactError::TimeLimit { best, bound });
            }
            Err(e) => return Err(e),
        };
        // With part of the rule only, the optimum is worth at least the rule's.
        bound = p.value(&a);
        let broken = p.short_term_first_broken(&a, false);
        if broken.is_empty() {
            return Ok(a);
        }
        let before = pairs.len();
        pairs.extend(broken);
        if pairs.len() == before {
            // Cannot happen (the constraints exclude a plan that breaks them); do not loop.
            return Err(ExactError::Infeasible(Violation::ShortTermFirst(
                pairs.first().map_or(0, |p| p.0),
                pairs.first().map_or(0, |p| p.1),
            )));
        }
    }
}

/// Builds and solves the program, with the short-term-first rule for the given (urgent item,
/// year) pairs only.
fn solve_program(
    p: &Problem,
    limit: Option<Duration>,
    rule: &BTreeSet<(usize, usize)>,
) -> Result<Allocation, ExactError> {
    check_sizes(p)?;
    let ceiling = p.ceiling();
    if p.items.is_empty() || p.years == 0 || ceiling == 0 {
        return Ok(p.empty());
    }
    let mut vars = ProblemVariables::new();
    let program = Program::new(p, rule, &mut vars);
    let objective = program.objective();
    // The greedy plan as the first incumbent.
    let start = greedy(p);
    let initial = program.initial(&start);

    let model = vars
        .maximise(objective)
        .using(microlp)
        .with_initial_solution(initial);
    // Every value is an integer, so a plan within 1 of the bound is optimal: a relative gap
    // of 0.5 / ceiling (the LP bound never exceeds the ceiling) lets the search stop there
    // instead of closing the last fraction, which microlp, with no cuts, may take ages to do.
    let mut model = model
        .with_mip_gap((0.5 / ceiling as f64) as f32)
        .map_err(|e| ExactError::Solver(ResolutionError::Str(e.to_string())))?;
    program.constrain(&mut model);

    let model = match limit {
        Some(limit) => model.with_time_limit(limit.as_secs_f64()),
        None => model,
    };
    let solution = match model.solve() {
        Ok(solution) => solution,
        // Out of time before any plan: the greedy one is the best known.
        Err(ResolutionError::Other(e)) if limit.is_some() && e.contains("Time limit") => {
            return Err(ExactError::TimeLimit {
                best: start,
                bound: p.ceiling(),
            });
        }
        Err(e) => return Err(e.into()),
    };
    let proven = !matches!(solution.status(), SolutionStatus::TimeLimit);
    let a = program.allocation(&solution);
    match p.check(&a) {
        Ok(()) => {}
        // Without the rule, a plan may break it: the caller then solves with it.
        // The rule is only partly in the program: the caller checks it.
        Err(Violation::ShortTermFirst(..)) => {}
        Err(v) => return Err(ExactError::Infeasible(v)),
    }
    if proven {
        Ok(a)
    } else {
        Err(ExactError::TimeLimit {
            best: a,
            bound: p.ceiling(),
        })
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

/// The binaries of the short-term-first rule for one urgent item in one year: the reasons it
/// may be saturated (see the module's doc).
struct Saturated {
    /// The urgent item.
    item: usize,
    /// The year.
    year: usize,
    /// No agent left.
    done: Variable,
    /// Held back by each of its prerequisites, in order.
    held: Vec<Variable>,
    /// No room under the cap (where the cap can bind).
    cap: Option<Variable>,
    /// No budget.
    budget: Variable,
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
    cap_rows: Vec<Vec<(u64, Variable)>>,
    /// The items the short-term-first rule puts first ([`Problem::urgent`]).
    urgent: Vec<bool>,
    /// `l[y]`: an item that is not urgent has agents in year `y` (rule years only).
    long: Vec<Option<Variable>>,
    /// The reasons of each (urgent item, year) pair of the rule.
    saturated: Vec<Saturated>,
}

impl<'p> Program<'p> {
    /// The variables, added to `vars` in a fixed order (agents, activities, the rule's), with
    /// the rule's for the given (urgent item, year) pairs only.
    fn new(
        p: &'p Problem,
        rule: &BTreeSet<(usize, usize)>,
        vars: &mut ProblemVariables,
    ) -> Program<'p> {
        let n = p.items.len();
        let ub: Vec<Vec<u64>> = (0..n)
            .map(|i| (0..p.years).map(|y| bound(p, i, y)).collect())
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
            urgent: p.urgent(),
            long: vec![None; p.years],
            saturated: Vec::new(),
        };
        program.add_activities(vars);
        program.add_rule(rule, vars);
        program
    }

    /// The activity variables: populations whose modules, all together, could exceed the cap
    /// in some year need them; elsewhere the cap can never bind.
    fn add_activities(&mut self, vars: &mut ProblemVariables) {
        let p = self.p;
        let n = p.items.len();
        let groups = p.items.iter().map(|i| i.group + 1).max().unwrap_or(0);
        for y in 0..p.years {
            for g in 0..groups {
                let members: Vec<usize> = (0..n)
                    .filter(|&i| p.items[i].group == g && self.ub[i][y] > 0)
                    .collect();
                let total: u64 = members.iter().map(|&i| p.items[i].hours).sum();
                if total <= p.cap_hours {
                    continue;
                }
                let mut row = Vec::with_capacity(members.len());
                for &i in &members {
                    let zv = vars.add(variable().binary());
                    self.z[i][y] = Some(zv);
                    row.push((p.items[i].hours, zv));
                }
                self.cap_rows.push(row);
            }
        }
    }

    /// The short-term-first rule's variables: `l[y]`, and each urgent item's reasons to be
    /// saturated, for the given (urgent item, year) pairs.
    fn add_rule(&mut self, rule: &BTreeSet<(usize, usize)>, vars: &mut ProblemVariables) {
        let p = self.p;
        let n = p.items.len();
        let (urgent, ub, z) = (&self.urgent, &self.ub, &self.z);
        let mut long: Vec<Option<Variable>> = vec![None; p.years];
        let mut saturated: Vec<Saturated> = Vec::new();
        for y in 0..p.short_years.min(p.years) {
            let wanted: Vec<usize> = (0..n)
                .filter(|&i| urgent[i] && ub[i][y] > 0 && rule.contains(&(i, y)))
                .collect();
            if wanted.is_empty() || !(0..n).any(|j| !urgent[j] && ub[j][y] > 0) {
                continue;
            }
            long[y] = Some(vars.add(variable().binary()));
            for i in wanted {
                let item = &p.items[i];
                saturated.push(Saturated {
                    item: i,
                    year: y,
                    done: vars.add(variable().binary()),
                    held: item
                        .deps
                        .iter()
                        .map(|_| vars.add(variable().binary()))
                        .collect(),
                    cap: z[i][y].map(|_| vars.add(variable().binary())),
                    budget: vars.add(variable().binary()),
                });
            }
        }
        self.long = long;
        self.saturated = saturated;
    }

    /// `Σ score_i × x[i][y]`, short-term items counting twice in the first years: the
    /// problem's value.
    fn objective(&self) -> Expression {
        let p = self.p;
        let mut objective = Expression::from(0.0);
        for (item, xs) in p.items.iter().zip(&self.x) {
            for (y, &v) in xs.iter().enumerate() {
                let weight = if item.short_term && y < p.short_years {
                    2.0
                } else {
                    1.0
                };
                objective += (weight * item.score as f64) * v;
            }
        }
        objective
    }

    /// The values of every variable in the plan `start`: its agents and activities, then the
    /// rule's reasons that hold in it.
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
        self.rule_initial(start, &mut initial);
        initial
    }

    /// The values of the rule's variables in the plan `start`.
    fn rule_initial(&self, start: &Allocation, initial: &mut Vec<(Variable, f64)>) {
        let p = self.p;
        let n = p.items.len();
        let urgent = &self.urgent;
        let mut cum = vec![0u64; n];
        let mut y_done = 0;
        for s in &self.saturated {
            let y = s.year;
            while y_done <= y {
                for (c, xs) in cum.iter_mut().zip(start.rows()) {
                    *c += xs[y_done];
                }
                y_done += 1;
            }
            let item = &p.items[s.item];
            let (a, y) = (start, s.year);
            let spent: u64 = (0..n)
                .filter(|&k| urgent[k])
                .map(|k| p.items[k].hours * a.row(k)[y])
                .sum();
            let load: u64 = (0..n)
                .filter(|&k| {
                    urgent[k] && k != s.item && p.items[k].group == item.group && a.row(k)[y] > 0
                })
                .map(|k| p.items[k].hours)
                .sum();
            let budget = p.budget_hours.get(y).copied().unwrap_or(0);
            // Every reason that holds: where two do, the incumbent breaks `reasons == l` and
            // microlp searches without it, which measured faster than with one reason given.
            let bit = |b: bool| if b { 1.0 } else { 0.0 };
            initial.push((s.done, bit(cum[s.item] >= item.agents)));
            for (d, &v) in item.deps.iter().zip(&s.held) {
                initial.push((v, bit(cum[s.item] >= cum[d.item] + d.free)));
            }
            if let Some(v) = s.cap {
                initial.push((
                    v,
                    bit(a.row(s.item)[y] == 0 && load + item.hours > p.cap_hours),
                ));
            }
            initial.push((s.budget, bit(budget.saturating_sub(spent) < item.hours)));
        }
        for (y, l) in self.long.iter().enumerate() {
            if let Some(l) = *l {
                let any = (0..n).any(|j| !urgent[j] && start.row(j)[y] > 0);
                initial.push((l, if any { 1.0 } else { 0.0 }));
            }
        }
    }

    /// Adds every constraint to `model`, family by family in a fixed order.
    fn constrain(&self, model: &mut impl SolverModel) {
        self.agents_and_prerequisites(model);
        self.budgets(model);
        self.activities_are_real(model);
        self.long_term_waits(model);
        self.saturation(model);
        self.caps(model);
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

    /// In a rule year, an item that is not urgent has agents only when `l[y]` is 1.
    fn long_term_waits(&self, model: &mut impl SolverModel) {
        let (n, ub, x) = (self.p.items.len(), &self.ub, &self.x);
        for (y, l) in self.long.iter().enumerate() {
            if let Some(l) = *l {
                for j in (0..n).filter(|&j| !self.urgent[j] && ub[j][y] > 0) {
                    model.add_constraint(constraint!(x[j][y] <= ub[j][y] as f64 * l));
                }
            }
        }
    }

    /// Each reason of each (urgent item, year) pair of the rule, and exactly one of them when
    /// `l[y]` is 1.
    fn saturation(&self, model: &mut impl SolverModel) {
        let (p, ub, x, z) = (self.p, &self.ub, &self.x, &self.z);
        let (n, urgent) = (p.items.len(), &self.urgent);
        for s in &self.saturated {
            let (i, y) = (s.item, s.year);
            let item = &p.items[i];
            let l = self.long[y].expect("a rule year");
            let cum = |k: usize| -> Expression { x[k][..=y].iter().copied().sum() };
            let mut reasons = Expression::from(s.done) + s.budget;
            model.add_constraint(constraint!(cum(i) >= item.agents as f64 * s.done));
            for (d, &b) in item.deps.iter().zip(&s.held) {
                let big = (p.items[d.item].agents + d.free) as f64;
                model.add_constraint(constraint!(
                    cum(i) - cum(d.item) >= d.free as f64 - big + big * b
                ));
                reasons += b;
            }
            if let Some(c) = s.cap {
                let others: Expression = (0..n)
                    .filter(|&k| urgent[k] && k != i && p.items[k].group == item.group)
                    .filter_map(|k| z[k][y].map(|zv| p.items[k].hours as f64 * zv))
                    .sum();
                model.add_constraint(constraint!(
                    x[i][y] <= ub[i][y] as f64 - ub[i][y] as f64 * c
                ));
                let room = (p.cap_hours + 1 - item.hours) as f64;
                model.add_constraint(constraint!(others >= room * c));
                reasons += c;
            }
            let spent: Expression = (0..n)
                .filter(|&k| urgent[k] && ub[k][y] > 0)
                .map(|k| p.items[k].hours as f64 * x[k][y])
                .sum();
            let budget = p.budget_hours.get(y).copied().unwrap_or(0);
            let short = (budget + 1 - item.hours) as f64;
            model.add_constraint(constraint!(spent >= short * s.budget));
            // Exactly one reason when the rule applies, none otherwise: the same plans, without
            // the reasons that do not matter to branch on.
            model.add_constraint(constraint!(reasons == l));
        }
    }

    /// Each population's yearly hours within the cap, and the cliques of its row.
    fn caps(&self, model: &mut impl SolverModel) {
        for row in &self.cap_rows {
            model.add_constraint(knapsack(row, self.p.cap_hours));
            for clique in conflicts(row, self.p.cap_hours) {
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
        };
        assert_eq!(optimum(&p).unwrap().to_rows(), vec![Vec::<u64>::new()]);
        let bad = Problem {
            years: 1,
            short_years: 1,
            budget_hours: vec![10],
            cap_hours: 10,
            items: vec![Item::new(0, 6, 3, 1, true, vec![Dep { item: 5, free: 0 }])],
        };
        assert!(matches!(
            optimum(&bad),
            Err(ExactError::BadDependency { item: 0, dep: 5 })
        ));
    }
}
