//! The greedy scheduler: year by year, it funds the most valuable available item per hour of
//! budget, whole agents at a time, until the year's budget or the candidates run out. Its
//! construction follows the lexicographic objective ([`crate::problem::Objective`]).
//!
//! - An item is *available* when its prerequisites have enough agents scheduled (earlier, or
//!   earlier in the same year) — see [`crate::problem::Dep`].
//! - In years 1–5 a year has one *phase* per level of the objective, in its order: the core
//!   socle steps (when the profile puts the socle first), the steps that count for a ➔
//!   recommendation, the other short-term steps, then every step; each item takes part from
//!   the phase of its *tier* on ([`Problem::tiers`]: the first level it counts for, or that
//!   an item it is a prerequisite of counts for). From year 6 on, one phase for all.
//! - Priority is value density at the phase's level (`level_values`): a socle step's 1, a
//!   ➔ step's share of its recommendations' needs, a step's score, per hour. It is
//!   *inherited* along chains: a prerequisite is as urgent as the best chain it opens (its
//!   value plus the chain's, over its hours plus the chain's), so cheap foundations are not
//!   starved, but only for as many agents as the chain still needs; past that it has its own
//!   priority.
//! - The per-agent yearly cap is enforced per population: the hours of every module a
//!   population takes in a year add up as if one agent took them all (a safe upper bound).
//! - Passes run with these rules and the most valuable plan is kept: candidates ordered by
//!   density, or by *reach* (density times the agents the item can take this year, i.e.
//!   value per hour of the population's cap, which keeps a population's few yearly hours for
//!   the modules that can take many agents), or — on problems of fewer than
//!   [`PARALLEL_CELLS`] cells — by *value* (density times the module's hours: one agent's
//!   step; where densities are close it places long modules first and short ones in what is
//!   left, as one packs boxes, which is what a commune's tight yearly budget and its one
//!   secretary's cap need), and by value *packed* (`Pass`: the ➔ phases of years 1–5
//!   spread over those years instead of taking the first years' whole budget, and the steps
//!   of an agent alone in her population whose cap binds placed first in the years
//!   [`crate::lone`] packs them into — the pass by value alone fills a year's cap with the
//!   ➔ steps first and leaves the 12-hour module no room); the first three also without
//!   inheritance on problems of at most [`IMPROVE_CELLS`] cells (a chain the cap will not
//!   let through in one year misleads the inheritance). Without any chain, the passes without inheritance would
//!   repeat the others and are skipped; on larger problems they rarely beat the others (see
//!   `greedy`) and are skipped too.
//!   Densities are compared in fixed point (32 fractional bits, integer arithmetic).
//! - An *improvement phase* then searches locally around each pass's plan: a move limits the
//!   agents of one item in one year (to none or half of what the plan gives it), or of one
//!   item in every year (to none), and the pass that found the plan runs again under all the
//!   limits kept so far; a plan worth more is kept with its limits, and the search stops when
//!   no move improves. It runs twice from each pass, keeping the first move that improves
//!   (moves in item order) or the best move of each round; the most valuable plan of all
//!   wins, the passes' best on a tie. This is what fixes the greedy's typical misses: a
//!   population spending its cap on a module that a later year could take, or a year's
//!   budget fragmented so that a valuable module does not fit. Plans compare by the objective,
//!   level by level.
//!
//! Cost: O(years × (items + edges) × log items) per pass (each year's candidates are sorted
//! once: see `Queue`). On problems of at least [`PARALLEL_CELLS`] cells (items × years: the
//! planner's problems for large collectivities) the two passes run on two threads (rayon,
//! see [`Parallelism`]), each with its own buffers; the plan kept is the same, the passes being
//! independent and compared in the same order.
//! Each search of the improvement phase has a fixed work budget, [`IMPROVE_WORK`] cell visits
//! (items × years per pass), and the phase only runs on problems of at most [`IMPROVE_CELLS`]
//! cells: hundreds of passes on a small problem, none on most of the planner's, whose cost
//! stays that of the two passes.

use crate::buckets::{Buckets, bucket_sort};
use crate::problem::{
    Allocation, Dep, Objective, Problem, TIER_ALL, TIER_SHORT, TIER_SOCLE, Tier, capacity_room,
    capacity_taken, fits_cap,
};
use std::collections::BinaryHeap;

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

/// The number of levels of the [`crate::problem::Objective`], each with its priorities.
pub(crate) const LEVELS: usize = 4;

/// Each item's value per agent at each level of the objective (see
/// [`crate::problem::Objective`]): a socle step 1 (when the socle comes first); a short-term
/// step of some goals the sum of the goals' weights ([`Problem::goal_weights`]: its share of
/// each goal per agent); a short-term step its score; every step its score.
pub(crate) fn level_values(p: &Problem) -> [Vec<u128>; LEVELS] {
    let weights = p.goal_weights();
    let n = p.items.len();
    [
        (0..n).map(|i| u128::from(p.counts_for_socle(i))).collect(),
        (0..n)
            .map(|i| u128::from(p.goal_value(i, &weights)))
            .collect(),
        p.items
            .iter()
            .map(|i| if i.short_term { u128::from(i.score) } else { 0 })
            .collect(),
        p.items.iter().map(|i| u128::from(i.score)).collect(),
    ]
}

/// Each item's priorities at each level of the objective: its own density (its value at that
/// level per hour, [`level_values`]), and the densest chain of dependents it opens.
/// Dependents are processed before their prerequisites (Kahn on the reversed edges, one walk
/// for every level); an item in a cycle keeps its own density.
fn priorities(p: &Problem, dependents: &Buckets<usize>) -> [Vec<Prio>; LEVELS] {
    let n = p.items.len();
    let values = level_values(p);
    let most = p.most_hours();
    let mut prio: [Vec<Prio>; LEVELS] = std::array::from_fn(|level| {
        (0..n)
            .map(|i| {
                let own = (values[level][i], u128::from(p.items[i].hours.max(1)));
                Prio {
                    own,
                    chain: own,
                    via: None,
                }
            })
            .collect()
    });
    let mut out_deg: Vec<usize> = (0..n).map(|i| dependents.bucket(i).len()).collect();
    let mut stack: Vec<usize> = (0..n).rev().filter(|&i| out_deg[i] == 0).collect();
    while let Some(k) = stack.pop() {
        // k's chains are final: offer them to its prerequisites.
        let item = &p.items[k];
        for d in &item.deps {
            let j = d.item;
            if j >= n || j == k {
                continue;
            }
            // A chain only runs through a prerequisite that some agents of `k` need, and that
            // `k` can ever be scheduled after (it fits the caps).
            if d.free < item.agents && item.hours <= most[k] {
                for level in prio.iter_mut() {
                    let (o, c) = (level[j].own, level[k].chain);
                    let through = (o.0 + c.0, o.1 + c.1);
                    if denser(through, level[j].chain) {
                        level[j].chain = through;
                        level[j].via = Some(k);
                    }
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

/// The items that need each item (a prerequisite of theirs), in item order: item `j`'s are
/// `dependents(p).bucket(j)`.
pub(crate) fn dependents(p: &Problem) -> Buckets<usize> {
    let n = p.items.len();
    bucket_sort(
        n,
        p.items.iter().enumerate().flat_map(move |(i, item)| {
            item.deps
                .iter()
                .filter(move |d| d.item < n && d.item != i)
                .map(move |d| (d.item, i))
        }),
    )
}

/// How a pass of the greedy orders its candidates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Order {
    /// Value per hour of budget.
    Density,
    /// Value it can take this year per hour of its population's cap: the density times the
    /// agents it can have now (available, affordable, needed).
    Reach,
    /// Value of one agent's step: the density times the module's hours. Where densities are
    /// close (scores grow with a module's length), it places the long modules first and the
    /// short ones in what is left, as one packs boxes, where the density order fills the
    /// years with short modules and leaves long ones no room.
    Value,
}

/// One pass of the greedy: how it orders its candidates, whether priorities are inherited
/// along chains, and whether it is *packed*.
///
/// A packed pass does two things in years 1–`short_years`: the phases before the short term
/// (the socle when it comes first, the ➔ goals) take at most the even share of their tiers'
/// hours still to schedule over the years left to `short_years`, so that they do not spend the
/// first years' whole budget on steps years 2–5 could take as well, while a population whose
/// cap binds cannot use those years' budget later; and the steps of a lone agent whose cap
/// binds go first in the years [`crate::lone`] packs them into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Pass {
    order: Order,
    chains: bool,
    packed: bool,
}

impl Pass {
    const fn new(order: Order, chains: bool, packed: bool) -> Pass {
        Pass {
            order,
            chains,
            packed,
        }
    }
}

/// The budget a phase of tier `tier` may take in year `y` (0-based) of a packed pass, out of
/// `budget`: at most `need` (its tiers' hours still to schedule) shared evenly over the
/// years left to `short_years`, rounded up. Phases of the short term and after, and the
/// years after `short_years`, take the whole budget.
pub(crate) fn packed_share(
    tier: Tier,
    y: usize,
    short_years: usize,
    need: u64,
    budget: u64,
) -> u64 {
    if tier >= TIER_SHORT || y >= short_years {
        return budget;
    }
    budget.min(need.div_ceil((short_years - y) as u64))
}

/// A density `num / den` in fixed point (32 fractional bits), so that keys compare without
/// multiplying; saturating, never overflowing.
fn fixed(d: (u128, u128)) -> u128 {
    // The usual case in 64-bit arithmetic (a u128 division is a slow library call).
    if let (Ok(num), Ok(den)) = (u32::try_from(d.0), u64::try_from(d.1)) {
        return u128::from((u64::from(num) << 32) / den.max(1));
    }
    d.0.saturating_mul(1 << 32) / d.1.max(1)
}

/// An item's priority in fixed point: its own density, and its chain's with the dependent
/// it runs through ([`NO_VIA`] when none). Densities are kept to 64 bits (saturating), all a
/// key holds (see [`Year::key`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fixed {
    pub(crate) own: u64,
    pub(crate) chain: u64,
    pub(crate) via: u32,
}

/// No dependent (in [`Fixed::via`]).
pub(crate) const NO_VIA: u32 = u32::MAX;

/// Every item's priorities in fixed point at each level of the objective (see
/// [`priorities`]): the one definition both schedulers use.
pub(crate) fn fixed_priorities(p: &Problem, dependents: &Buckets<usize>) -> [Vec<Fixed>; LEVELS] {
    let to_64 = |d| u64::try_from(fixed(d)).unwrap_or(u64::MAX);
    priorities(p, dependents).map(|prio| {
        prio.into_iter()
            .map(|pr| {
                let own = to_64(pr.own);
                Fixed {
                    own,
                    // Without a chain its density is its own (one division less: thousands on
                    // a department's problem).
                    chain: if pr.via.is_some() {
                        to_64(pr.chain)
                    } else {
                        own
                    },
                    // Item indexes fit 32 bits (see `Year::key`).
                    via: pr.via.map_or(NO_VIA, |k| k as u32),
                }
            })
            .collect()
    })
}

/// What every pass shares, computed once per problem.
struct Ctx<'a> {
    p: &'a Problem,
    /// Items that need each item.
    dependents: Buckets<usize>,
    /// Each item's tier ([`Problem::tiers`]): the phases of years 1–`short_years` it takes
    /// part in.
    tiers: Vec<Tier>,
    /// The phases of years 1–`short_years`: the tiers some item has, in order.
    early_phases: Vec<Tier>,
    /// Priorities at each level of the objective ([`fixed_priorities`]).
    prio: [Vec<Fixed>; LEVELS],
    /// Number of populations.
    groups: usize,
    /// The fewest hours of an item: a year whose budget left is below it can fund nothing
    /// more.
    min_hours: u64,
    /// Each item's hours and population, packed for the passes' scans.
    hours: Vec<u64>,
    group: Vec<usize>,
    /// Each item's population's yearly cap per agent, in hours ([`Problem::cap_of`]).
    cap: Vec<u64>,
    /// The most hours each item's population may take in a year ([`Problem::most_hours`]).
    most: Vec<u64>,
    /// Per population, the caps it shares ([`Problem::cap_partners`]).
    partners: Vec<Vec<(usize, u64)>>,
    /// Every item's prerequisites, one after the other: item `i`'s are
    /// `deps[dep_start[i]..dep_start[i + 1]]`.
    deps: Vec<Dep>,
    dep_start: Vec<usize>,
    /// Whether the packed pass runs, and the lone agents' steps it places first in each
    /// short-term year ([`crate::lone::packed_years`]; empty where it does not run).
    packed: crate::lone::Packing,
}

/// Buffers reused from pass to pass (no allocation inside a pass); one per thread.
struct Scratch {
    x: Vec<u64>,
    remaining: Vec<u64>,
    cum: Vec<u64>,
    load: Vec<u64>,
    active: Vec<bool>,
    dropped: Vec<bool>,
    /// The year's agents per kind of sessions, and the capacity they use.
    kind_agents: Vec<u64>,
    used: u64,
    /// The items that may still be scheduled: agents left (pruned every year) and a module
    /// within the cap.
    live: Vec<u32>,
    /// The candidates of a phase.
    queue: Queue,
}

/// The item a candidate's key is for: keys hold the priority above the item's index
/// subtracted from `u32::MAX` (the lower index first on a tie), so that they are unique.
fn item_of(key: u128) -> usize {
    (u32::MAX - key as u32) as usize
}

/// The candidates of a pass's phase, a max-priority queue of keys (see [`item_of`]): the keys
/// the phase starts with, sorted once, and a binary heap of the keys pushed since.
///
/// Keys come out in the same order as from one binary heap of all of them (each pop takes the
/// larger of the two tops; keys are unique), but cheaper: a phase starts with every live item
/// and pushes few keys (an item taken goes on, its dependents come in, a stale key is
/// refreshed), so most pops take the end of the sorted run, and one sort costs less than
/// moving each key down a heap of hundreds. On the département's problem, 40% of the pops
/// are items only dropped (their population's cap is full): they cost next to nothing here.
/// Measured there, the greedy takes about 6% less time than with one `BinaryHeap` of all the
/// keys.
///
/// The sort runs on `u64` keys when the phase's keys fit them (see [`Queue::start`]).
#[derive(Default)]
struct Queue {
    /// The phase's first keys, in increasing order once the phase starts (the next at the
    /// end).
    sorted: Vec<u128>,
    /// The keys pushed since.
    pushed: BinaryHeap<u128>,
    /// The bits an item index takes in a packed key: enough for the problem's last item.
    index_bits: u32,
    /// The phase's first keys packed into `u64`, to be sorted (a buffer kept between phases).
    packed: Vec<u64>,
}

impl Queue {
    /// Empties the queue for a new phase: [`Queue::add`] its first keys, then
    /// [`Queue::start`].
    fn clear(&mut self) {
        self.sorted.clear();
        self.pushed.clear();
    }

    /// Adds one of the phase's first keys.
    fn add(&mut self, key: u128) {
        self.sorted.push(key);
    }

    /// Sorts the phase's first keys: the queue is ready to pop.
    ///
    /// When every priority fits the bits an item index leaves of a `u64` (the usual case: the
    /// planner's priorities take up to about 52 bits, its item indexes 12), the keys are
    /// packed into `u64` — the priority above the index subtracted from the largest index the
    /// bits hold, which orders them exactly as the `u128` keys — sorted, and unpacked.
    /// Comparing `u64` is cheaper (and the standard sort then uses sorting networks): on the
    /// example profiles' problems the sort's share of the greedy's time falls from about 18%
    /// to 10%, packing included. Otherwise the `u128` keys are sorted as they are.
    fn start(&mut self) {
        let b = self.index_bits;
        let Some(&max) = self.sorted.iter().max() else {
            return;
        };
        if max >> (96 - b) != 0 {
            self.sorted.sort_unstable();
            return;
        }
        let mask = (1u64 << b) - 1;
        self.packed.clear();
        self.packed.extend(
            self.sorted
                .iter()
                .map(|&k| ((k >> 32) as u64) << b | (mask - item_of(k) as u64)),
        );
        self.packed.sort_unstable();
        self.sorted.clear();
        self.sorted.extend(self.packed.iter().map(|&k| {
            let i = mask - (k & mask);
            u128::from(k >> b) << 32 | u128::from(u32::MAX - i as u32)
        }));
    }

    /// Adds a key once the phase has started (an item that goes on, a dependent let in, a
    /// stale key refreshed).
    fn push(&mut self, key: u128) {
        self.pushed.push(key);
    }

    /// Takes out the largest key.
    fn pop(&mut self) -> Option<u128> {
        match (self.sorted.last(), self.pushed.peek()) {
            (Some(a), Some(b)) if b > a => self.pushed.pop(),
            (Some(_), _) => self.sorted.pop(),
            (None, _) => self.pushed.pop(),
        }
    }
}

/// How the improvement phase picks a move among those that improve the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Search {
    /// The first one found (moves in item order).
    First,
    /// The one giving the most valuable plan, after trying every move of the round.
    Best,
}

/// A plan found by a pass: agents per item and year (`x[item × years + year]`), its value, and
/// the pass that found it.
#[derive(Clone)]
struct Found {
    x: Vec<u64>,
    value: Objective,
    pass: Pass,
}

/// Cell visits (items × years per pass) one search of the improvement phase may spend: its
/// cost is bounded whatever the problem's size (a few hundred passes on a problem of 18 cells,
/// 34 on one of 120).
pub const IMPROVE_WORK: usize = 4096;

/// The improvement phase only runs on problems of at most this many cells (items × years):
/// on larger ones the few passes the work budget allows find little.
pub const IMPROVE_CELLS: usize = 128;

pub use crate::parallel::{PARALLEL_CELLS, Parallelism};

/// Schedules `p` greedily. Deterministic; never breaks a constraint of [`Problem::check`].
///
/// Passes run (by density, by reach and, below [`PARALLEL_CELLS`] cells, by value and by
/// value packed, with inherited priorities; on problems of at most [`IMPROVE_CELLS`] cells
/// also the first three without) and the most valuable plan wins, the first on a tie: density
/// is right when the budget binds, reach when the per-agent cap does, value when small budgets
/// and caps must be packed, the packed pass when a lone agent's cap binds. On problems
/// of at least [`PARALLEL_CELLS`] cells the two passes run on two threads; the winner is the
/// same. On small problems an improvement phase (see the module's doc) then tries to do
/// better from each pass's plan.
/// A problem that is not well formed ([`Problem::is_well_formed`]; never one the planner
/// builds) gets the empty allocation.
pub fn greedy(p: &Problem) -> Allocation {
    greedy_with(p, &Parallelism::On)
}

/// Where a [`crate::planner::Planner`] takes the allocation of each problem from, when not from
/// [`greedy_with`] itself: a store of allocations already computed (batch runs keep one, as
/// thousands of small collectivities share the same problem). An implementation must return
/// exactly what [`greedy_with`] returns for the same problem.
pub trait Schedules: Send + Sync + std::fmt::Debug {
    /// The allocation [`greedy_with`] gives `problem` under `parallelism`.
    fn schedule(&self, problem: &Problem, parallelism: &Parallelism) -> Allocation;
}

/// [`greedy`] under the given [`Parallelism`]: the plan is the same.
pub fn greedy_with(p: &Problem, parallelism: &Parallelism) -> Allocation {
    let n = p.items.len();
    if n == 0 || p.years == 0 || !p.is_well_formed() {
        return p.empty();
    }
    let two = parallelism.two_threads(n * p.years);
    let packing = n * p.years < PARALLEL_CELLS;
    let ctx = Ctx::new(p, parallelism, two, packing);
    // The passes in the order they are compared: without any chain, the passes without
    // inheritance are the same as those with it, and skipped.
    let has_chains = ctx.prio.iter().flatten().any(|f| f.via != NO_VIA);
    let all = [
        Pass::new(Order::Density, true, false),
        Pass::new(Order::Reach, true, false),
        Pass::new(Order::Value, true, false),
        Pass::new(Order::Value, true, true),
        Pass::new(Order::Density, false, false),
        Pass::new(Order::Reach, false, false),
        Pass::new(Order::Value, false, false),
    ];
    // Small problems keep every pass's plan as a start for the improvement phase (they are
    // far below PARALLEL_CELLS: the passes run one after the other). Larger ones only run the
    // passes with inheritance: on 1,061 problems of the synthetic batch above IMPROVE_CELLS,
    // those without improved on them in 4, by 0.9 % at most (BENCHMARKS.md), for twice the
    // work.
    let small = n * p.years <= IMPROVE_CELLS;
    // Problems of at least PARALLEL_CELLS cells (a département's) keep the two passes with
    // inheritance, run on two threads when allowed; the passes by value, plain and packed, are
    // for the smaller ones, whose tight yearly budgets and caps they pack better
    // (BENCHMARKS.md). The passes depend on the problem alone, never on the parallelism: the
    // plan is the same either way.
    let passes: Vec<Pass> = all[..if !packing {
        2
    } else if has_chains && small {
        7
    } else {
        4
    }]
        .iter()
        .copied()
        .filter(|pass| !pass.packed || ctx.packed.tight)
        .collect();
    let passes = &passes[..];
    let mut starts: Vec<Found> = Vec::new();
    let (mut s, mut best) = if two {
        // Not small, so two passes: the pass by reach on this thread, the pass by density on
        // another. The winner is the more valuable, the first (density) on a tie: the plan the
        // passes one after the other would keep. The pass by reach is the longer (it has more
        // candidates and recomputes their reach), and the other thread the slower: it starts
        // with none of the problem in its caches (on the department's plan, a pass took about
        // 0.2 ms longer there than on this thread; this way round the two end closer).
        let ((_, b), (s, a)) = parallelism.fork(
            true,
            || ctx.run(passes.iter().skip(1), None),
            || ctx.run(passes.iter().take(1), None),
        );
        (s, if b.value > a.value { b } else { a })
    } else {
        ctx.run(passes.iter(), small.then_some(&mut starts))
    };
    // Both searches from every pass, in the passes' order; the first plan found wins a tie.
    for start in starts {
        let mut first = start.clone();
        ctx.improve(&mut s, &mut first, Search::First);
        let mut second = start;
        ctx.improve(&mut s, &mut second, Search::Best);
        for found in [first, second] {
            if found.value > best.value {
                best = found;
            }
        }
    }
    // `best.x` holds the items' rows one after the other, as an allocation does.
    Allocation::from_cells(n, p.years, best.x).unwrap_or_else(|| p.empty())
}

impl<'a> Ctx<'a> {
    fn new(p: &'a Problem, parallelism: &Parallelism, two: bool, packing: bool) -> Ctx<'a> {
        let dependents = dependents(p);
        // Every level's priorities in one walk; beside them, on a large problem, the items'
        // tiers (on another thread, as the passes after).
        let prios = || fixed_priorities(p, &dependents);
        let (prio, tiers) = parallelism.fork(two, prios, || p.tiers());
        let early_phases = (TIER_SOCLE..=TIER_ALL)
            .filter(|&t| t == TIER_ALL || tiers.contains(&t))
            .collect();
        let partners = p.cap_partners();
        let packed = if packing {
            crate::lone::packed_years(p, &tiers, &partners)
        } else {
            crate::lone::Packing::default()
        };
        Ctx {
            p,
            tiers,
            early_phases,
            dependents,
            prio,
            groups: p.items.iter().map(|i| i.group + 1).max().unwrap_or(0),
            min_hours: p.items.iter().map(|i| i.hours).min().unwrap_or(0),
            hours: p.items.iter().map(|i| i.hours).collect(),
            group: p.items.iter().map(|i| i.group).collect(),
            cap: (0..p.items.len()).map(|i| p.cap_of(i)).collect(),
            most: p.most_hours(),
            partners,
            deps: p
                .items
                .iter()
                .flat_map(|i| i.deps.iter().copied())
                .collect(),
            dep_start: std::iter::once(0)
                .chain(p.items.iter().scan(0, |end, i| {
                    *end += i.deps.len();
                    Some(*end)
                }))
                .collect(),
            packed,
        }
    }

    /// Runs the given passes one after the other with buffers of their
    /// own; returns the buffers and the most valuable plan, the first on a tie. With `keep`,
    /// every pass's plan is pushed onto it too.
    fn run<'p>(
        &self,
        passes: impl Iterator<Item = &'p Pass>,
        mut keep: Option<&mut Vec<Found>>,
    ) -> (Scratch, Found) {
        let n = self.p.items.len();
        let mut s = Scratch {
            // Sized by each pass (zeroed once there).
            x: Vec::with_capacity(n * self.p.years),
            remaining: vec![0; n],
            cum: vec![0; n],
            load: vec![0; self.groups],
            active: vec![false; n],
            dropped: vec![false; n],
            kind_agents: vec![0; self.p.session_kinds()],
            used: 0,
            live: Vec::with_capacity(n),
            queue: Queue {
                sorted: Vec::with_capacity(n),
                packed: Vec::with_capacity(n),
                index_bits: u64::BITS - (n.saturating_sub(1) as u64).leading_zeros(),
                ..Queue::default()
            },
        };
        let mut best: Option<Found> = None;
        for &pass in passes {
            let value = self.pass(&mut s, pass, None);
            if let Some(keep) = keep.as_deref_mut() {
                keep.push(Found {
                    x: s.x.clone(),
                    value,
                    pass,
                });
            }
            if best.as_ref().is_none_or(|b| value > b.value) {
                // The plan moves into `best`; the next pass fills the buffer it replaces (or a
                // new one).
                let mut x = best.take().map(|b| b.x).unwrap_or_default();
                std::mem::swap(&mut x, &mut s.x);
                best = Some(Found { x, value, pass });
            }
        }
        let best = best.unwrap_or_else(|| Found {
            x: vec![0; n * self.p.years],
            value: Objective::default(),
            pass: Pass::new(Order::Density, true, false),
        });
        (s, best)
    }

    /// The value of the plan in `x` ([`Problem::value`]).
    fn value(&self, x: &[u64]) -> Objective {
        self.p.value_of_rows(x.chunks(self.p.years.max(1)))
    }

    /// The improvement phase: a local search over per-item, per-year limits. A move caps the
    /// agents of an item in a year of the plan (to none, or half), or of an item in every year
    /// (to none), and the pass that found the plan runs again under every limit so far; a plan
    /// worth more is kept with its limits. [`Search::First`] keeps the first move that
    /// improves, [`Search::Best`] tries every move of the round and keeps the best. It stops
    /// when no move improves or [`IMPROVE_WORK`] is spent.
    fn improve(&self, s: &mut Scratch, best: &mut Found, search: Search) {
        let years = self.p.years;
        let cells = self.p.items.len() * years;
        let mut work = IMPROVE_WORK;
        // The moves of one round, as (first cell, end of the cells, limit).
        let mut lim = vec![u64::MAX; cells];
        let mut moves: Vec<(usize, usize, u64)> = Vec::new();
        let mut saved: Vec<u64> = Vec::with_capacity(years);
        // The best move of a round so far (Search::Best), and its plan.
        let mut top: Option<(Objective, usize)>;
        let mut top_x = vec![0; cells];
        'search: loop {
            moves.clear();
            for (i, xs) in best.x.chunks(years).enumerate() {
                if xs.iter().any(|&x| x > 0) {
                    // The item not at all.
                    moves.push((i * years, (i + 1) * years, 0));
                }
                for (y, &x) in xs.iter().enumerate() {
                    let cell = i * years + y;
                    if x > 0 {
                        moves.push((cell, cell + 1, 0));
                    }
                    if x > 1 {
                        moves.push((cell, cell + 1, x / 2));
                    }
                }
            }
            top = None;
            for (k, &(from, to, cap)) in moves.iter().enumerate() {
                if work < cells {
                    break;
                }
                work -= cells;
                saved.clear();
                saved.extend_from_slice(&lim[from..to]);
                for l in &mut lim[from..to] {
                    *l = (*l).min(cap);
                }
                let value = self.pass(s, best.pass, Some(&lim));
                lim[from..to].copy_from_slice(&saved);
                if value > top.map_or(best.value, |t| t.0) {
                    top = Some((value, k));
                    top_x.copy_from_slice(&s.x);
                    if search == Search::First {
                        break;
                    }
                }
            }
            let Some((value, k)) = top else {
                break 'search;
            };
            let (from, to, cap) = moves[k];
            for l in &mut lim[from..to] {
                *l = (*l).min(cap);
            }
            best.x.copy_from_slice(&top_x);
            best.value = value;
        }
    }

    /// One greedy pass in the given order, with priorities inherited along chains or not, and
    /// under per-item, per-year limits of agents if any. Leaves the plan in `s.x`; returns its
    /// value.
    fn pass(&self, s: &mut Scratch, pass: Pass, lim: Option<&[u64]>) -> Objective {
        let p = self.p;
        let years = p.years;
        s.x.clear();
        s.x.resize(p.items.len() * years, 0);
        s.cum.fill(0);
        for (r, item) in s.remaining.iter_mut().zip(&p.items) {
            *r = item.agents;
        }
        // The items that can ever be scheduled: agents to train, and a module within the cap
        // (one longer than the cap never passes it). Item indexes fit 32 bits (see
        // `Year::key`).
        s.live.clear();
        s.live.extend(
            (0..p.items.len())
                .filter(|&i| p.items[i].agents > 0 && self.hours[i] <= self.most[i])
                .map(|i| i as u32),
        );
        for y in 0..years {
            self.schedule_year(s, y, pass, lim);
        }
        self.value(&s.x)
    }

    /// Item `i`'s prerequisites.
    #[inline]
    fn deps_of(&self, i: usize) -> &[Dep] {
        &self.deps[self.dep_start[i]..self.dep_start[i + 1]]
    }

    /// One year of a pass: in years 1–`short_years` one phase per tier, in the objective's
    /// order (the socle if it comes first, the goals, the short term, then every item, each
    /// phase open to the tiers before it too); after, one phase for all. A packed pass first
    /// places the lone agents' steps packed into the year, and shares the first phases'
    /// budget over the years ([`Pass`]).
    fn schedule_year(&self, s: &mut Scratch, y: usize, pass: Pass, lim: Option<&[u64]>) {
        let mut budget = self.p.budget_hours.get(y).copied().unwrap_or(0);
        s.load.fill(0);
        s.active.fill(false);
        s.kind_agents.fill(0);
        s.used = 0;
        let remaining = &s.remaining;
        s.live.retain(|&i| remaining[i as usize] > 0);
        let early = y < self.p.short_years;
        let mut placed = false;
        if pass.packed {
            for &i in self.packed.years.get(y).map_or(&[][..], |v| &v[..]) {
                let years = self.p.years;
                let g = self.group[i];
                let fits = fits_cap(&s.load, g, self.hours[i], self.cap[i], &self.partners[g]);
                let room = lim.map_or(1, |l| l[i * years + y].saturating_sub(s.x[i * years + y]));
                let open = Year::open_in(self, i, &s.cum, &s.remaining);
                if open > 0 && self.hours[i] <= budget && fits && room > 0 {
                    s.x[i * years + y] += 1;
                    s.cum[i] += 1;
                    s.remaining[i] -= 1;
                    budget -= self.hours[i];
                    s.active[i] = true;
                    s.load[self.group[i]] += self.hours[i];
                    placed = true;
                }
            }
        }
        let late = [TIER_ALL];
        let phases = if early { &self.early_phases[..] } else { &late };
        for (k, &tier) in phases.iter().enumerate() {
            if budget < self.min_hours {
                // Nothing fits any more (the first candidate would only stop the phase):
                // on a department's plan, the first year's budget is spent by its first
                // phases, and the phase after would sort some 1,600 keys for nothing.
                break;
            }
            let year = Year {
                ctx: self,
                y,
                tier: if early { tier } else { TIER_ALL },
                first: k == 0 && !placed,
                prio: &self.prio[usize::from(tier)],
                order: pass.order,
                chains: pass.chains,
                lim,
            };
            // A packed pass's first phases take their share of the budget; the rest waits
            // for the phases after.
            let share = if pass.packed {
                let need = s
                    .live
                    .iter()
                    .map(|&i| i as usize)
                    .filter(|&i| self.tiers[i] <= year.tier)
                    .map(|i| s.remaining[i] * self.hours[i])
                    .sum();
                packed_share(year.tier, y, self.p.short_years, need, budget)
            } else {
                budget
            };
            budget = budget - share + self.phase(s, &year, share);
        }
    }

    /// One phase of a year: its candidates queued by key, then funded in key order, whole
    /// agents at a time, until the budget or the candidates run out. Returns the budget left.
    fn phase(&self, s: &mut Scratch, year: &Year<'_>, budget: u64) -> u64 {
        let p = self.p;
        let (years, y) = (p.years, year.y);
        let (hours, group) = (&self.hours, &self.group);
        let fits = |load: &[u64], i: usize| {
            let g = group[i];
            fits_cap(load, g, hours[i], self.cap[i], &self.partners[g])
        };
        let Scratch {
            x,
            remaining,
            cum,
            load,
            active,
            dropped,
            kind_agents,
            used,
            live,
            queue,
        } = s;
        let mut budget = budget;
        // The candidates: in the phase, within the cap (in the first phase nothing is
        // taken yet and every live item is), and let in by their prerequisites.
        let first = year.first;
        queue.clear();
        for &i in live.iter() {
            let i = i as usize;
            if remaining[i] == 0
                || !year.in_phase(i)
                || !((first && self.partners[group[i]].is_empty()) || active[i] || fits(load, i))
            {
                continue;
            }
            let avail = year.open(i, cum, remaining);
            if avail > 0 {
                queue.add(year.key(i, avail, x, cum, remaining, budget).0);
            }
        }
        queue.start();
        // Items that cannot fit the budget or the cap this year are dropped until next
        // year.
        dropped.fill(false);
        while let Some(popped) = queue.pop() {
            if budget < self.min_hours {
                // Nothing fits any more: what is left would only be dropped.
                break;
            }
            let i = item_of(popped);
            if dropped[i] || remaining[i] == 0 {
                continue;
            }
            let hours_i = hours[i];
            if !active[i] && !fits(load, i) {
                dropped[i] = true;
                continue;
            }
            let avail = year.open(i, cum, remaining);
            let (current, need) = year.key(i, avail, x, cum, remaining, budget);
            if current != popped {
                // A stale entry: keys fall as the budget and a chain's need shrink, and
                // an item whose key rises (a prerequisite progressed) is pushed again.
                queue.push(current);
                continue;
            }
            if avail == 0 {
                continue; // pushed again when a prerequisite progresses
            }
            let affordable = budget.checked_div(hours_i).unwrap_or(u64::MAX);
            let free = avail.min(affordable).min(need);
            let sessions = p.items[i].sessions;
            let seats = sessions.map_or(u64::MAX, |k| {
                capacity_room(k, kind_agents[k.kind], *used, p.capacity)
            });
            let alloc = free.min(year.room(i, x)).min(seats);
            if alloc == 0 {
                dropped[i] = true;
                continue;
            }
            x[i * years + y] += alloc;
            cum[i] += alloc;
            remaining[i] -= alloc;
            budget -= alloc * hours_i;
            if let Some(k) = sessions {
                *used += capacity_taken(k, kind_agents[k.kind], alloc);
                kind_agents[k.kind] += alloc;
            }
            if !active[i] {
                active[i] = true;
                load[group[i]] += hours_i;
            }
            if remaining[i] > 0 {
                // Its chain's need met, it goes on at its own priority.
                let avail = year.open(i, cum, remaining);
                queue.push(year.key(i, avail, x, cum, remaining, budget).0);
            }
            for &d in self.dependents.bucket(i) {
                if remaining[d] > 0 && !dropped[d] && year.in_phase(d) {
                    let avail = year.open(d, cum, remaining);
                    queue.push(year.key(d, avail, x, cum, remaining, budget).0);
                }
            }
        }
        budget
    }
}

/// What a pass reads in one year: the year, its period's priorities and the pass's settings.
/// Its methods are the pass's measures of an item (they read the plan so far, passed in).
struct Year<'a> {
    ctx: &'a Ctx<'a>,
    /// The year (0 for year 1).
    y: usize,
    /// The phase: items of this tier or a lower one take part.
    tier: Tier,
    /// Whether it is the year's first phase (nothing taken yet).
    first: bool,
    /// The priorities of the phase's level of the objective.
    prio: &'a [Fixed],
    /// How the pass orders its candidates.
    order: Order,
    /// Whether priorities are inherited along chains.
    chains: bool,
    /// Per-item, per-year limits of agents (the improvement phase's), if any.
    lim: Option<&'a [u64]>,
}

impl Year<'_> {
    /// Whether item `i` is a candidate of the phase: its tier is the phase's or a lower one.
    #[inline]
    fn in_phase(&self, i: usize) -> bool {
        self.ctx.tiers[i] <= self.tier
    }

    /// The dependent whose chain `i` inherits its priority through, if the pass inherits.
    #[inline]
    fn via(&self, i: usize) -> Option<usize> {
        match self.prio[i].via {
            NO_VIA => None,
            k if self.chains => Some(k as usize),
            _ => None,
        }
    }

    /// Agents of `i` its limit still lets in this year (no limit: any number).
    #[inline]
    fn room(&self, i: usize, x: &[u64]) -> u64 {
        let (years, y) = (self.ctx.p.years, self.y);
        self.lim.map_or(u64::MAX, |l| {
            l[i * years + y].saturating_sub(x[i * years + y])
        })
    }

    /// Agents of `k` still waiting for its prerequisite `j`.
    #[inline]
    fn blocked(&self, j: usize, k: usize, cum: &[u64], remaining: &[u64]) -> u64 {
        let open = self
            .ctx
            .deps_of(k)
            .iter()
            .filter(|d| d.item == j)
            .map(|d| (cum[j] + d.free).saturating_sub(cum[k]))
            .min()
            .unwrap_or(u64::MAX);
        remaining[k] - open.min(remaining[k])
    }

    /// Agents of `i` its prerequisites let in now.
    #[inline]
    fn open(&self, i: usize, cum: &[u64], remaining: &[u64]) -> u64 {
        Year::open_in(self.ctx, i, cum, remaining)
    }

    /// Agents of `i` its prerequisites let in now, in the passes of `ctx`.
    #[inline]
    fn open_in(ctx: &Ctx<'_>, i: usize, cum: &[u64], remaining: &[u64]) -> u64 {
        ctx.deps_of(i)
            .iter()
            .map(|d| (cum[d.item] + d.free).saturating_sub(cum[i]))
            .min()
            .unwrap_or(u64::MAX)
            .min(remaining[i])
    }

    /// The current key of `i` when its prerequisites let `avail` agents in, with `budget`
    /// hours left, and how many agents it holds for (its chain's need).
    #[inline]
    fn key(
        &self,
        i: usize,
        avail: u64,
        x: &[u64],
        cum: &[u64],
        remaining: &[u64],
        budget: u64,
    ) -> (u128, u64) {
        let pr = &self.prio[i];
        let (density, need) = match self.via(i).map(|k| self.blocked(i, k, cum, remaining)) {
            Some(need) if need > 0 => (pr.chain, need),
            _ => (pr.own, u64::MAX),
        };
        // Priorities fit 64 bits by far (a density in 32.32 fixed point times agents);
        // saturating keeps the order total and deterministic regardless.
        let value = match self.order {
            Order::Density => density,
            Order::Value => density.saturating_mul(self.ctx.hours[i]),
            Order::Reach => {
                let affordable = budget.checked_div(self.ctx.hours[i]).unwrap_or(u64::MAX);
                let reach = avail.min(affordable).min(need).min(self.room(i, x));
                density.saturating_mul(reach)
            }
        };
        // Item indexes fit 32 bits: a profile's items are bounded by its staff lines
        // (profile limits) times the catalogue's modules.
        (
            (u128::from(value) << 32 | u128::from(u32::MAX - i as u32)),
            need,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::Item;

    /// The queue pops keys in decreasing order, packed or not (see `Queue::start`), with keys
    /// pushed once it has started.
    #[test]
    fn queue_pops_in_key_order() {
        let key = |value: u64, i: u32| u128::from(value) << 32 | u128::from(u32::MAX - i);
        // Two bits of index (items 0 to 3): priorities below 2^62 are packed.
        for top in [3u64, 1 << 61, u64::MAX] {
            let mut q = Queue {
                index_bits: 2,
                ..Queue::default()
            };
            q.clear();
            let first = [key(5, 2), key(top, 0), key(5, 1), key(0, 3), key(7, 3)];
            for k in first {
                q.add(k);
            }
            q.start();
            q.push(key(6, 0));
            q.push(key(5, 0));
            let mut expected: Vec<u128> = first.to_vec();
            expected.extend([key(6, 0), key(5, 0)]);
            expected.sort_unstable_by(|a, b| b.cmp(a));
            let popped: Vec<u128> = std::iter::from_fn(|| q.pop()).collect();
            assert_eq!(popped, expected);
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
                Item::new(0, 10, 3, 10, true, vec![]),
                Item::new(1, 5, 4, 10, true, vec![]),
            ],
            socle_first: false,
            shared_caps: Vec::new(),
            capacity: None,
        };
        let a = greedy(&p);
        assert_eq!(p.check(&a), Ok(()));
        // item 1 is denser (2/h): 4 agents × 5 h = 20 h; then 1 agent of item 0.
        assert_eq!(a.to_rows(), vec![vec![1], vec![4]]);
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
            socle_first: false,
            shared_caps: Vec::new(),
            capacity: None,
        };
        let a = greedy(&p);
        assert_eq!(p.check(&a), Ok(()));
        assert_eq!(
            a.row(0)[0],
            2,
            "the prerequisite is funded first: {:?}",
            a.to_rows()
        );
        assert_eq!(a.row(1)[0], 2, "then what it unlocks, the same year");
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
            socle_first: false,
            shared_caps: Vec::new(),
            capacity: None,
        };
        let a = greedy(&p);
        assert_eq!(p.check(&a), Ok(()));
        assert_eq!(a.to_rows(), vec![vec![2], vec![2], vec![4]]);
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
            socle_first: false,
            shared_caps: Vec::new(),
            capacity: None,
        };
        let a = greedy(&p);
        assert_eq!(p.check(&a), Ok(()));
        assert_eq!(a.to_rows(), vec![vec![0], vec![10]]);
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
            socle_first: false,
            shared_caps: Vec::new(),
            capacity: None,
        };
        let a = greedy(&p);
        assert_eq!(p.check(&a), Ok(()));
        assert_eq!(a.to_rows(), vec![vec![5, 0], vec![0, 5]]);
    }

    #[test]
    fn the_improvement_phase_keeps_the_cap_for_the_valuable_module() {
        // Cap 24: a population takes either the two small modules (reach) or the 24-hour one in
        // a year. The passes spend year 1 on the small ones; the improvement phase leaves them
        // out, so that the valuable module takes years 1 and 3 (year 2 has no budget).
        let p = Problem {
            years: 3,
            short_years: 3,
            budget_hours: vec![168, 0, 195],
            cap_hours: 24,
            items: vec![
                Item::new(0, 3, 10, 28, true, vec![]),
                Item::new(0, 6, 3, 51, true, vec![Dep { item: 0, free: 0 }]),
                Item::new(0, 24, 11, 265, true, vec![]),
            ],
            socle_first: false,
            shared_caps: Vec::new(),
            capacity: None,
        };
        let a = greedy(&p);
        assert_eq!(p.check(&a), Ok(()));
        let v = p.value(&a);
        assert_eq!(
            (v.short_term, v.total),
            (265 * 11, 265 * 11),
            "{:?}",
            a.to_rows()
        );
    }

    #[test]
    fn zero_budget_schedules_nothing() {
        let p = Problem {
            years: 3,
            short_years: 3,
            budget_hours: vec![0, 0, 0],
            cap_hours: 100,
            items: vec![Item::new(0, 10, 5, 10, true, vec![])],
            socle_first: false,
            shared_caps: Vec::new(),
            capacity: None,
        };
        assert_eq!(p.value(&greedy(&p)), Objective::default());
    }

    #[test]
    fn a_cheap_goal_is_not_starved_by_a_valuable_one() {
        // Goal 0: 46 councillors' 6-hour module; goal 1: 400 agents' 12-hour one, each agent
        // worth more. Budget for 100 agents of the large goal in one year: the councillors go
        // first (a whole goal for 276 hours), then the large one.
        let p = Problem {
            years: 1,
            short_years: 1,
            budget_hours: vec![1200],
            cap_hours: 100,
            items: vec![
                Item::new(0, 6, 46, 10, true, vec![]).with_goals(vec![0]),
                Item::new(1, 12, 400, 500, true, vec![]).with_goals(vec![1]),
                Item::new(2, 6, 100, 10_000, false, vec![]),
            ],
            socle_first: false,
            shared_caps: Vec::new(),
            capacity: None,
        };
        let a = greedy(&p);
        assert_eq!(p.check(&a), Ok(()));
        assert_eq!(a.to_rows(), vec![vec![46], vec![77], vec![0]]);
    }

    #[test]
    fn the_socle_first_goes_first_when_asked() {
        let mut p = Problem {
            years: 1,
            short_years: 1,
            budget_hours: vec![60],
            cap_hours: 100,
            items: vec![
                Item::new(0, 6, 10, 1, true, vec![]).with_socle(),
                Item::new(1, 6, 10, 100, true, vec![]).with_goals(vec![0]),
            ],
            socle_first: false,
            shared_caps: Vec::new(),
            capacity: None,
        };
        assert_eq!(greedy(&p).to_rows(), vec![vec![0], vec![10]]);
        p.socle_first = true;
        assert_eq!(greedy(&p).to_rows(), vec![vec![10], vec![0]]);
    }
}
