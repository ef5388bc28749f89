//! Schedules computed once per distinct scheduling problem, for runs that plan many profiles.
//!
//! Thousands of small collectivities have the same staff structure (a town clerk and two
//! polyvalent agents, on the same budget), so their scheduling problems are equal even though
//! their names, departments and costs differ. The greedy scheduler is a pure function of the
//! problem, so its allocation can be reused: a [`ScheduleMemo`] keeps the allocation of each
//! problem it has seen, keyed by the whole problem (compared in full, not by a hash alone).
//!
//! What it returns never depends on what it holds: a cached allocation is the one
//! [`greedy`] would compute, so plans are the same with or without it, on any number of
//! threads. It is bounded: only problems of at most [`MAX_ITEMS`] items are kept (large
//! collectivities are unique anyway), and at most [`MAX_ENTRIES`] of them (then it stops
//! adding).

use crate::problem::{Allocation, Problem};
use crate::schedule::greedy;
use rustc_hash::FxHashMap;
use std::sync::{Mutex, MutexGuard};

/// Problems with more items than this are scheduled without the memo.
pub const MAX_ITEMS: usize = 192;

/// The most problems the memo keeps.
pub const MAX_ENTRIES: usize = 50_000;

/// A thread-safe memo of greedy schedules (see the module's doc).
///
/// ```
/// use parcours_planner::memo::ScheduleMemo;
/// use parcours_planner::random::{instance, Size};
/// use parcours_planner::schedule::greedy;
/// let memo = ScheduleMemo::default();
/// let p = instance(7, Size::SMALL);
/// assert_eq!(memo.schedule(&p), greedy(&p));
/// assert_eq!(memo.schedule(&p.clone()), greedy(&p)); // from the memo
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
    stats: MemoStats,
}

/// A non-zero cell of an allocation: agents of an item in a year.
#[derive(Clone, Copy, Debug)]
struct Cell {
    item: u32,
    year: u16,
    agents: u64,
}

/// What a memo did: problems found in it, problems scheduled, problems it holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MemoStats {
    /// Schedules taken from the memo.
    pub hits: u64,
    /// Schedules computed (too large for the memo, or not in it yet).
    pub misses: u64,
    /// Problems held.
    pub entries: usize,
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
        varint(&mut out, it.deps.len() as u64);
        for d in &it.deps {
            varint(&mut out, d.item as u64);
            varint(&mut out, d.free);
        }
    }
    out
}

impl ScheduleMemo {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        // The lock is never held across a call that may panic; recover the data regardless.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The greedy schedule of `p` ([`greedy`]), from the memo when `p` was seen before.
    pub fn schedule(&self, p: &Problem) -> Allocation {
        if p.items.len() > MAX_ITEMS || p.years > usize::from(u16::MAX) {
            self.lock().stats.misses += 1;
            return greedy(p);
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
        let a = greedy(p);
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
        if inner.map.len() < MAX_ENTRIES {
            inner.map.entry(key.into_boxed_slice()).or_insert(cells);
        }
        a
    }

    /// Forgets every problem held (to give its memory back when a run moves on); the
    /// counts of [`ScheduleMemo::stats`] stay.
    pub fn clear(&self) {
        self.lock().map = FxHashMap::default();
    }

    /// What the memo did so far.
    pub fn stats(&self) -> MemoStats {
        let inner = self.lock();
        MemoStats {
            entries: inner.map.len(),
            ..inner.stats
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random::{Size, instance};

    #[test]
    fn gives_the_greedy_schedule_whether_cached_or_not() {
        let memo = ScheduleMemo::default();
        for round in 0..2 {
            for seed in 0..50 {
                let p = instance(seed, Size::MEDIUM);
                assert_eq!(memo.schedule(&p), greedy(&p), "seed {seed}, round {round}");
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
        assert_eq!(memo.schedule(&p), greedy(&p));
        assert_eq!(memo.stats().misses, 51);
    }

    #[test]
    fn equal_problems_only_share_a_schedule() {
        let memo = ScheduleMemo::default();
        let p = instance(3, Size::SMALL);
        let mut q = p.clone();
        q.budget_hours[0] += 1;
        assert_eq!(memo.schedule(&p), greedy(&p));
        assert_eq!(memo.schedule(&q), greedy(&q));
        assert_eq!(memo.stats().hits, 0);
        assert_eq!(memo.stats().entries, 2);
    }
}
