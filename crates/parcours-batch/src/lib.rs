//! `parcours-batch`: many plans at once, for regional advisers and national figures.
//!
//! - [`Memoized`]: a planner for runs over thousands of profiles, which schedules each distinct
//!   problem once and plans each distinct profile once ([`memo`]); its plans are a plain
//!   [`Planner`]'s.
//! - [`pooling`]: national and departmental demand, and the pooling of under-filled sessions
//!   between neighbouring collectivities.
//! - [`synth`]: synthetic France, seeded collectivity profiles for batch runs and benchmarks.
//!
//! ```
//! use parcours_batch::{Memoized, synth};
//! use parcours_graph::{Graph, ReferenceData};
//! use parcours_planner::{check::CheckedProfile, planner::Planner};
//! let data = ReferenceData::embedded().unwrap();
//! let graph = Graph::new(&data);
//! let batch = Memoized::new(&graph);
//! let one = CheckedProfile::new(synth::profile(1, 100, 0, 2027).profile, &data).unwrap();
//! assert_eq!(batch.totals(&one), Planner::new(&graph).totals(&one));
//! ```

pub mod filter;
pub mod geography;
pub mod memo;
pub mod pooling;
pub mod synth;

use memo::{MemoStats, ScheduleMemo, TotalsMemo};
use parcours_graph::Graph;
use parcours_planner::check::CheckedProfile;
use parcours_planner::plan::Totals;
use parcours_planner::planner::Planner;
use std::sync::Arc;

/// A [`Planner`] that schedules each distinct scheduling problem once, and computes the
/// [`Planner::totals`] of each distinct profile once (see [`memo`]): for runs over many
/// profiles, where small collectivities often share the same staff structure and budget.
/// Plans and totals are the same as a plain [`Planner`]'s.
#[derive(Debug)]
pub struct Memoized<'g, 'd> {
    planner: Planner<'g, 'd>,
    schedules: Arc<ScheduleMemo>,
    totals: TotalsMemo<'d>,
}

impl<'g, 'd> Memoized<'g, 'd> {
    /// Prepares a memoized planner for `graph`.
    pub fn new(graph: &'g Graph<'d>) -> Self {
        let schedules = Arc::new(ScheduleMemo::default());
        Memoized {
            planner: Planner::new(graph).with_schedules(schedules.clone()),
            schedules,
            totals: TotalsMemo::default(),
        }
    }

    /// The planner, taking its schedules from the memo: its plans are a plain planner's.
    pub fn planner(&self) -> &Planner<'g, 'd> {
        &self.planner
    }

    /// [`Planner::totals`], from the memo when a profile with the same planning inputs was
    /// planned before (its lines then priced at `profile`'s own prices).
    pub fn totals(&self, profile: &CheckedProfile) -> Totals<'d> {
        self.totals.totals(
            profile,
            || self.planner.totals(profile),
            |t| self.planner.price_totals(profile, t),
        )
    }

    /// What the memo of schedules did so far.
    pub fn memo_stats(&self) -> MemoStats {
        self.schedules.stats()
    }

    /// What the memo of profiles' totals did so far.
    pub fn totals_memo_stats(&self) -> MemoStats {
        self.totals.stats()
    }

    /// Empties both memos (to give their memory back when a run moves on); the planner keeps
    /// memoizing afterwards, and the counts of the stats stay.
    pub fn clear_memo(&self) {
        self.schedules.clear();
        self.totals.clear();
    }
}
