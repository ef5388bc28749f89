//! `parcours-exact`: what the greedy scheduler is measured against. [`exact`] solves a
//! scheduling problem to proven optimality (an integer linear program, `good_lp` with the
//! pure-Rust `microlp` backend; exponential in the worst case, so for tests, benchmarks and
//! small problems); [`random`] draws random problems shaped like the planner's.
//!
//! ```
//! use parcours_exact::{exact::optimum, random::{instance, Size}};
//! use parcours_planner::schedule::greedy;
//! let p = instance(3, Size::TINY);
//! let best = optimum(&p).unwrap();
//! assert!(p.value(&greedy(&p)) <= p.value(&best));
//! ```

pub mod exact;
pub mod random;
