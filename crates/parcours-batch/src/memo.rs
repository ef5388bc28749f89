//! Schedules computed once per distinct scheduling problem, and totals once per distinct
//! profile, for runs that plan many profiles.
//!
//! Thousands of small collectivities have the same staff structure (a town clerk and two
//! polyvalent agents, on the same budget), so their scheduling problems are equal even though
//! their names, departments and costs differ. The greedy scheduler is a pure function of the
//! problem, so its allocation can be reused: a [`ScheduleMemo`] keeps the allocation of each
//! problem it has seen, keyed by the whole problem (compared in full, not by a hash alone).
//!
//! What it returns never depends on what it holds: a cached allocation is the one
//! [`greedy`](parcours_planner::schedule::greedy) would compute, so plans are the same with or without it, on any number of
//! threads. It is bounded: only problems of at most [`MAX_ITEMS`] items are kept (large
//! collectivities are unique anyway), and at most [`MAX_ENTRIES`] of them (then it stops
//! adding).
//!
//! A [`TotalsMemo`] goes one step further for batch runs: many small collectivities have the
//! same profile but for their name, their place and their prices, so it keeps the [`Totals`]
//! of each distinct profile and skips the whole planning (populations, needs, schedule,
//! totals) for the next ones, pricing their lines at their own prices (the channel and cost
//! of each line are recomputed). A profile with a euro budget keeps its prices in the key: they
//! decide which agents the budget funds.

use parcours_graph::ids::ModuleId;
use parcours_graph::vocab::Channel;
use parcours_planner::parallel::Parallelism;
use parcours_planner::plan::{Days, SessionTotals, Totals, YearTotals};
use parcours_planner::problem::{Allocation, Problem};
use parcours_planner::profile::Profile;
use parcours_planner::schedule::{Schedules, greedy_with};
use rustc_hash::FxHashMap;
use std::mem::{size_of, size_of_val};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};

/// Problems with more items than this are scheduled without the memo.
pub const MAX_ITEMS: usize = 192;

/// The most problems the memo keeps.
pub const MAX_ENTRIES: usize = 50_000;

/// A thread-safe memo of greedy schedules (see the module's doc).
///
/// ```
/// use parcours_batch::memo::ScheduleMemo;
/// use parcours_exact::random::{instance, Size};
/// use parcours_planner::schedule::{greedy, Parallelism};
/// let memo = ScheduleMemo::default();
/// let p = instance(7, Size::SMALL);
/// assert_eq!(memo.schedule(&p, &Parallelism::On), greedy(&p));
/// assert_eq!(memo.schedule(&p.clone(), &Parallelism::On), greedy(&p)); // from the memo
/// assert_eq!(memo.stats().hits, 1);
/// ```
#[derive(Debug, Default)]
pub struct ScheduleMemo {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    /// The problem in full, compactly encoded ([`encode`]), to its allocation's non-zero
    /// cells.
    map: FxHashMap<Box<[u8]>, Box<[Cell]>>,
    /// What the entries take: keys and cells.
    bytes: usize,
    stats: MemoStats,
}

/// A non-zero cell of an allocation: agents of an item in a year.
#[derive(Clone, Copy, Debug)]
struct Cell {
    item: u32,
    year: u16,
    agents: u64,
}

/// What a memo did: results found in it, results computed, entries it holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MemoStats {
    /// Results taken from the memo (schedules, or a profile's totals).
    pub hits: u64,
    /// Results computed (too large for the memo, or not in it yet).
    pub misses: u64,
    /// Entries held (problems, or profiles).
    pub entries: usize,
    /// The memory the entries take, in bytes: their keys and values (the hash table's own
    /// slots aside).
    pub bytes: usize,
}

/// Appends `v` to `out` as a LEB128 varint (7 bits a byte, most of these numbers take one or
/// two bytes).
fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Every field of `p`, in a fixed order, each count before the list it counts: two problems
/// have the same encoding exactly when they are equal.
fn encode(p: &Problem) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 + p.years * 2 + p.items.len() * 12);
    for v in [p.years, p.short_years, p.budget_hours.len()] {
        varint(&mut out, v as u64);
    }
    for &b in &p.budget_hours {
        varint(&mut out, b);
    }
    varint(&mut out, p.cap_hours);
    varint(&mut out, p.items.len() as u64);
    for it in &p.items {
        for v in [it.group as u64, it.hours, it.agents, it.score] {
            varint(&mut out, v);
        }
        out.push(u8::from(it.short_term));
        // A population's own cap: 0 for none, the cap plus one otherwise.
        varint(&mut out, it.cap_hours.map_or(0, |c| c.saturating_add(1)));
        // Its sessions: 0 for none, else the kind plus one, the size and the weight.
        match it.sessions {
            None => varint(&mut out, 0),
            Some(s) => {
                for v in [s.kind as u64 + 1, s.size, s.weight] {
                    varint(&mut out, v);
                }
            }
        }
        varint(&mut out, it.deps.len() as u64);
        for d in &it.deps {
            varint(&mut out, d.item as u64);
            varint(&mut out, d.free);
        }
    }
    varint(&mut out, p.capacity.map_or(0, |c| c.saturating_add(1)));
    varint(&mut out, p.shared_caps.len() as u64);
    for c in &p.shared_caps {
        varint(&mut out, c.group as u64);
        varint(&mut out, c.track as u64);
    }
    out
}

impl Schedules for ScheduleMemo {
    fn schedule(&self, problem: &Problem, parallelism: &Parallelism) -> Allocation {
        ScheduleMemo::schedule(self, problem, parallelism)
    }
}

impl ScheduleMemo {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        // The lock is never held across a call that may panic; recover the data regardless.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The greedy schedule of `p` ([`greedy`](parcours_planner::schedule::greedy)), from the memo when `p` was seen before.
    pub fn schedule(&self, p: &Problem, parallelism: &Parallelism) -> Allocation {
        if p.items.len() > MAX_ITEMS || p.years > usize::from(u16::MAX) {
            self.lock().stats.misses += 1;
            return greedy_with(p, parallelism);
        }
        let key = encode(p);
        {
            let mut inner = self.lock();
            if let Some(cells) = inner.map.get(key.as_slice()) {
                let mut a = p.empty();
                for c in cells.iter() {
                    a.row_mut(c.item as usize)[usize::from(c.year)] = c.agents;
                }
                inner.stats.hits += 1;
                return a;
            }
        }
        // Scheduled outside the lock: another thread may do the same problem meanwhile, and
        // both find the same allocation.
        let a = greedy_with(p, parallelism);
        let cells: Box<[Cell]> = a
            .rows()
            .enumerate()
            .flat_map(|(i, xs)| {
                xs.iter()
                    .enumerate()
                    .filter(|(_, x)| **x > 0)
                    .map(move |(y, &x)| Cell {
                        // Both fit: at most MAX_ITEMS items and u16::MAX years (checked above).
                        item: i as u32,
                        year: y as u16,
                        agents: x,
                    })
            })
            .collect();
        let mut inner = self.lock();
        inner.stats.misses += 1;
        if inner.map.len() < MAX_ENTRIES && !inner.map.contains_key(key.as_slice()) {
            inner.bytes += key.len() + size_of_val(&*cells);
            inner.map.insert(key.into_boxed_slice(), cells);
        }
        a
    }

    /// Forgets every problem held (to give its memory back when a run moves on); the
    /// counts of [`ScheduleMemo::stats`] stay.
    pub fn clear(&self) {
        let mut inner = self.lock();
        inner.map = FxHashMap::default();
        inner.bytes = 0;
    }

    /// What the memo did so far.
    pub fn stats(&self) -> MemoStats {
        let inner = self.lock();
        MemoStats {
            entries: inner.map.len(),
            bytes: inner.bytes,
            ..inner.stats
        }
    }
}

/// Profiles whose planning inputs take more bytes than this (encoded, see [`TotalsMemo`]; about
/// four staff lines) are planned without the memo. The profiles that repeat are small ones;
/// larger collectivities are nearly all unique, and their totals would only take room. Among
/// the 36,000 synthetic profiles, 23,462 are found in the memo with this bound, which keeps
/// 2,708 profiles in 4 MiB; with a bound of 4 KiB, 24,238 are found, for 11,761
/// profiles in 41 MiB.
pub const MAX_KEY_BYTES: usize = 512;

/// The most memory a [`TotalsMemo`] takes for its keys and totals (then it stops adding).
pub const MAX_TOTALS_BYTES: usize = 32 << 20;

/// [`Totals`] as a [`TotalsMemo`] keeps them: the sessions of every year in one slice, their
/// numbers in 32 bits (a small collectivity's), the cost left out (each profile has its own).
#[derive(Debug)]
struct Packed<'d> {
    agents: u64,
    days_used: Days,
    days_available: Days,
    days_unfunded: Days,
    /// Each year's calendar year and number of sessions, in order.
    years: Box<[(u16, u32)]>,
    /// The sessions of every year, one year after the other.
    sessions: Box<[PackedSession<'d>]>,
}

/// A [`SessionTotals`] of a [`Packed`].
#[derive(Clone, Copy, Debug)]
struct PackedSession<'d> {
    module: &'d ModuleId,
    agents: u32,
    sessions: u32,
    days: u32,
    pooling_candidate: bool,
    channel: Channel,
}

impl<'d> Packed<'d> {
    /// `t` packed; `None` when one of its numbers does not fit (then it is not kept).
    fn new(t: &Totals<'d>) -> Option<Packed<'d>> {
        let years = t
            .years
            .iter()
            .map(|y| Some((y.year, u32::try_from(y.sessions.len()).ok()?)))
            .collect::<Option<_>>()?;
        let sessions = t
            .years
            .iter()
            .flat_map(|y| &y.sessions)
            .map(|s| {
                Some(PackedSession {
                    module: s.module,
                    agents: u32::try_from(s.agents).ok()?,
                    sessions: u32::try_from(s.sessions).ok()?,
                    days: u32::try_from(s.days.0).ok()?,
                    pooling_candidate: s.pooling_candidate,
                    channel: s.channel,
                })
            })
            .collect::<Option<_>>()?;
        Some(Packed {
            agents: t.agents,
            days_used: t.days_used,
            days_available: t.days_available,
            days_unfunded: t.days_unfunded,
            years,
            sessions,
        })
    }

    /// The totals again, priced by `price` (the costs are not kept: each profile has its own
    /// prices).
    fn totals(&self, price: impl FnOnce(&mut Totals<'d>)) -> Totals<'d> {
        let mut rest = &self.sessions[..];
        let years = self
            .years
            .iter()
            .map(|&(year, n)| {
                let (these, after) = rest.split_at(n as usize);
                rest = after;
                YearTotals {
                    year,
                    sessions: these
                        .iter()
                        .map(|s| SessionTotals {
                            module: s.module,
                            agents: u64::from(s.agents),
                            sessions: u64::from(s.sessions),
                            days: Days(u64::from(s.days)),
                            pooling_candidate: s.pooling_candidate,
                            channel: s.channel,
                            cost: 0,
                        })
                        .collect(),
                }
            })
            .collect();
        let mut t = Totals {
            agents: self.agents,
            years,
            days_used: self.days_used,
            days_available: self.days_available,
            days_unfunded: self.days_unfunded,
            cost: None,
            cost_by_channel: [0; 4],
        };
        price(&mut t);
        t
    }

    /// The bytes it takes with its key (the hash table's own slots aside).
    fn footprint(&self, key: &[u8]) -> usize {
        key.len() + size_of::<Packed>() + size_of_val(&*self.years) + size_of_val(&*self.sessions)
    }
}

/// A thread-safe memo of the [`Totals`] of profiles (see the module's doc), for a
/// [`crate::Memoized`] planner.
///
/// The key is everything planning reads: the options' overrides and the whole profile (as
/// JSON, so that a field added to profiles is part of it) without its name, population,
/// department, intercommunality and cost per day, which the totals do not depend on but for
/// their cost, computed from each profile's own price. A profile found in the memo therefore
/// gets the totals its own planning would give; equality of keys is checked in full, not by
/// a hash alone.
///
/// Threads look profiles up together (a read lock); adding one takes the lock alone.
#[derive(Debug, Default)]
pub struct TotalsMemo<'d> {
    inner: RwLock<TotalsInner<'d>>,
    hits: AtomicU64,
    misses: AtomicU64,
}

#[derive(Debug, Default)]
struct TotalsInner<'d> {
    map: FxHashMap<Box<[u8]>, Packed<'d>>,
    /// What the entries take ([`Packed::footprint`]).
    bytes: usize,
}

impl<'d> TotalsMemo<'d> {
    // The locks are never held across a call that may panic; recover the data regardless.
    fn read(&self) -> RwLockReadGuard<'_, TotalsInner<'d>> {
        self.inner.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> RwLockWriteGuard<'_, TotalsInner<'d>> {
        self.inner.write().unwrap_or_else(|e| e.into_inner())
    }

    /// `profile` without what the totals do not depend on (but for their channels and
    /// costs, which are recomputed for each profile): its name, population, commune,
    /// department, intercommunality and payroll, and, without a euro budget, its prices and preference
    /// for inter-collectivity sessions. With a euro budget the prices decide which agents are
    /// planned: they stay in the key.
    fn planning_inputs(profile: &Profile) -> Profile {
        let mut p = profile.clone();
        p.name.clear();
        p.population = None;
        p.commune = None;
        p.department = None;
        p.intercommunality = None;
        p.funding.payroll_euros = None;
        if p.budget.euros_per_year.is_none() {
            p.budget.cost_per_day = None;
            p.funding.intra_per_session_day = None;
            p.funding.licence_per_agent = None;
            p.funding.prefer_inter = false;
        }
        p
    }

    /// The key of `profile` (a run's options already applied), at any size.
    fn encode(profile: &Profile) -> Option<Vec<u8>> {
        serde_json::to_vec(&Self::planning_inputs(profile)).ok()
    }

    /// The key of `profile`: `None` when it is too large to keep.
    fn key(profile: &Profile) -> Option<Vec<u8>> {
        Self::encode(profile).filter(|k| k.len() <= MAX_KEY_BYTES)
    }

    /// The totals of `profile` (a run's options already applied): from the memo when a
    /// profile with the same planning inputs was seen, else from `compute`, which must give
    /// them for `profile` (it is then kept, within [`MAX_TOTALS_BYTES`]). `price` sets the
    /// channel and cost of totals found in the memo at this profile's prices
    /// ([`parcours_planner::planner::Planner::price_totals`]).
    pub fn totals(
        &self,
        profile: &Profile,
        compute: impl FnOnce() -> Totals<'d>,
        price: impl FnOnce(&mut Totals<'d>),
    ) -> Totals<'d> {
        let Some(key) = Self::key(profile) else {
            self.misses.fetch_add(1, Ordering::Relaxed);
            return compute();
        };
        if let Some(packed) = self.read().map.get(key.as_slice()) {
            self.hits.fetch_add(1, Ordering::Relaxed);
            return packed.totals(price);
        }
        // Planned outside the lock: another thread may plan an equal profile meanwhile, and
        // both find the same totals.
        let t = compute();
        self.misses.fetch_add(1, Ordering::Relaxed);
        let packed = Packed::new(&t);
        if let Some(packed) = packed {
            let mut inner = self.write();
            let size = packed.footprint(&key);
            if inner.bytes + size <= MAX_TOTALS_BYTES && !inner.map.contains_key(key.as_slice()) {
                inner.map.insert(key.into_boxed_slice(), packed);
                inner.bytes += size;
            }
        }
        t
    }

    /// Forgets every profile held; the counts of [`TotalsMemo::stats`] stay.
    pub fn clear(&self) {
        let mut inner = self.write();
        inner.map = FxHashMap::default();
        inner.bytes = 0;
    }

    /// What the memo did so far.
    pub fn stats(&self) -> MemoStats {
        let inner = self.read();
        MemoStats {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            entries: inner.map.len(),
            bytes: inner.bytes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parcours_exact::random::{Size, instance};
    use parcours_planner::schedule::greedy;

    #[test]
    fn gives_the_greedy_schedule_whether_cached_or_not() {
        let memo = ScheduleMemo::default();
        for round in 0..2 {
            for seed in 0..50 {
                let p = instance(seed, Size::MEDIUM);
                assert_eq!(
                    memo.schedule(&p, &Parallelism::On),
                    greedy(&p),
                    "seed {seed}, round {round}"
                );
            }
        }
        let s = memo.stats();
        assert_eq!(s.hits, 50);
        assert_eq!(s.misses, 50);
        assert_eq!(s.entries, 50);
        memo.clear();
        assert_eq!(memo.stats().entries, 0);
        assert_eq!(memo.stats().hits, 50);
        let p = instance(0, Size::MEDIUM);
        assert_eq!(memo.schedule(&p, &Parallelism::On), greedy(&p));
        assert_eq!(memo.stats().misses, 51);
    }

    /// The key holds every planning input: read back, it gives the profile without its name,
    /// place and price, and the options (a field that serde skipped would be missing and
    /// could let two different profiles share totals).
    #[test]
    fn the_key_of_a_profile_is_all_it_plans_from() {
        use parcours_import::formats::{Format, parse};
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../examples/profiles/intercommunalite.ron"
        );
        let text = std::fs::read_to_string(path).expect("the example profile");
        let p = parse(path, &text, Format::Ron).expect("it parses");
        assert!(!p.custom_metiers.is_empty() && !p.done_modules.is_empty());
        // Too large for the memo, but encoded the same way.
        let key = TotalsMemo::encode(&p).expect("json");
        let back: Profile = serde_json::from_slice(&key).expect("the key reads back");
        assert_eq!(back, TotalsMemo::planning_inputs(&p));
        assert_eq!(back.staff, p.staff);
        assert_eq!(back.custom_metiers, p.custom_metiers);
        assert_eq!(back.budget.days_per_year, p.budget.days_per_year);
        assert_eq!(back.horizon, p.horizon);
        assert_eq!(back.name, "");
        assert_eq!(back.budget.cost_per_day, None);
        assert_eq!(TotalsMemo::key(&p), None, "too large to keep");
        let small = Profile::for_metiers(std::iter::empty());
        let key = TotalsMemo::key(&small).expect("small");
        let back: Profile = serde_json::from_slice(&key).expect("the key reads back");
        assert_eq!(back.staff, small.staff);
        assert_eq!(back.budget, small.budget);
    }

    #[test]
    fn equal_problems_only_share_a_schedule() {
        let memo = ScheduleMemo::default();
        let p = instance(3, Size::SMALL);
        let mut q = p.clone();
        q.budget_hours[0] += 1;
        assert_eq!(memo.schedule(&p, &Parallelism::On), greedy(&p));
        assert_eq!(memo.schedule(&q, &Parallelism::On), greedy(&q));
        assert_eq!(memo.stats().hits, 0);
        assert_eq!(memo.stats().entries, 2);
    }
}
