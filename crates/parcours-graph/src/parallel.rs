//! Whether and where the libraries use a second thread: loading and validating the reference
//! data, and planning. By default (`On`) the work is shared between the calling thread and a
//! thread of rayon's global pool (for a plan, a large one only); an embedder may keep
//! everything on the calling thread (`Off`) or give a pool of its own (`Pool`). The results are
//! the same whatever the setting (tests hold both paths to the same results).

use std::sync::Arc;

/// Problems of at least this many cells (items × years) share their work between two
/// threads: below, the passes take too little time for a second thread to pay off, and batch
/// runs, which plan small profiles in parallel already, would only lose.
pub const PARALLEL_CELLS: usize = 4096;

/// Where the libraries may run work beside the calling thread.
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
    pub fn two_threads(&self, cells: usize) -> bool {
        self.threads() && cells >= PARALLEL_CELLS
    }

    /// Whether this setting allows a second thread at all.
    pub fn threads(&self) -> bool {
        !matches!(self, Parallelism::Off)
    }

    /// Runs `a` and `b`, on two threads when `two` (see [`Parallelism::two_threads`]), and
    /// returns both results.
    ///
    /// On a thread of a rayon pool (batch runs) this is `rayon::join`. Elsewhere (one plan from
    /// the command line, a benchmark) this thread runs `a` while a thread of the pool runs `b`:
    /// `rayon::join` would hand both to the pool and put this thread to sleep, and on a
    /// two-core machine `b` was often not stolen before `a` ended (measured).
    pub fn fork<A, B, RA, RB>(&self, two: bool, a: A, b: B) -> (RA, RB)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ReferenceData;
    use crate::sources::{FileKind, Sources};

    /// Loading on the calling thread only, on rayon's global pool or on a pool of the caller's
    /// gives the same data, and the same problems in the same order.
    #[test]
    fn loading_gives_the_same_data_and_problems_on_any_threads() {
        let pool = Arc::new(
            rayon::ThreadPoolBuilder::new()
                .num_threads(2)
                .build()
                .expect("a pool"),
        );
        let settings = [Parallelism::On, Parallelism::Off, Parallelism::Pool(pool)];
        let sources = Sources::embedded();
        let loaded: Vec<String> = settings
            .iter()
            .map(|p| {
                format!(
                    "{:?}",
                    ReferenceData::load_with(&sources, p).expect("valid")
                )
            })
            .collect();
        assert!(loaded.iter().all(|d| *d == loaded[0]));
        let mut broken = Sources::embedded();
        let modules =
            broken
                .get(FileKind::Catalogue)
                .text
                .replacen("level: Socle", "level: Expertise", 5);
        broken.replace(FileKind::Catalogue, "catalogue.ron", modules);
        let problems: Vec<String> = settings
            .iter()
            .map(|p| {
                let e = ReferenceData::load_with(&broken, p).expect_err("broken");
                format!("{e:?}")
            })
            .collect();
        assert!(problems.iter().all(|d| *d == problems[0]));
    }
}
