//! Whether and where the planner uses a second thread. By default (`On`) a large plan shares
//! its work between the calling thread and a thread of rayon's global pool; an embedder may
//! keep everything on the calling thread (`Off`) or give a pool of its own (`Pool`). The plan
//! is the same whatever the setting (tests hold both paths to the same results).

use std::sync::Arc;

/// Problems of at least this many cells (items × years) share their work between two
/// threads: below, the passes take too little time for a second thread to pay off, and batch
/// runs, which plan small profiles in parallel already, would only lose.
pub const PARALLEL_CELLS: usize = 4096;

/// Where the planner may run work beside the calling thread.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub enum Parallelism {
    /// On rayon's global pool, for problems of at least [`PARALLEL_CELLS`] cells.
    #[default]
    On,
    /// On the calling thread only.
    Off,
    /// On the given pool, for problems of at least [`PARALLEL_CELLS`] cells.
    Pool(Arc<rayon::ThreadPool>),
}

impl Parallelism {
    /// Whether work on a problem of `cells` cells (items × years, or an estimate before the
    /// problem exists) goes to two threads under this setting.
    pub(crate) fn two_threads(&self, cells: usize) -> bool {
        !matches!(self, Parallelism::Off) && cells >= PARALLEL_CELLS
    }

    /// Runs `a` and `b`, on two threads when `two` (see [`Parallelism::two_threads`]), and
    /// returns both results.
    ///
    /// On a thread of a rayon pool (batch runs) this is `rayon::join`. Elsewhere (one plan from
    /// the command line, a benchmark) this thread runs `a` while a thread of the pool runs `b`:
    /// `rayon::join` would hand both to the pool and put this thread to sleep, and on a
    /// two-core machine `b` was often not stolen before `a` ended (measured).
    pub(crate) fn fork<A, B, RA, RB>(&self, two: bool, a: A, b: B) -> (RA, RB)
    where
        A: FnOnce() -> RA + Send,
        B: FnOnce() -> RB + Send,
        RA: Send,
        RB: Send,
    {
        if !two {
            return (a(), b());
        }
        match self {
            Parallelism::Off => (a(), b()),
            Parallelism::Pool(pool) => pool.install(|| rayon::join(a, b)),
            Parallelism::On => {
                if rayon::current_thread_index().is_some() {
                    return rayon::join(a, b);
                }
                let mut rb = None;
                let ra = rayon::in_place_scope(|s| {
                    s.spawn(|_| rb = Some(b()));
                    a()
                });
                // The scope returns once every job it spawned has run.
                (ra, rb.expect("the scope ran `b`"))
            }
        }
    }
}
