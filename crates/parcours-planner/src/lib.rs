//! `parcours-planner`: the planning core — from a checked collectivity profile and the
//! reference graph to a prioritized, budgeted, multi-year training plan. Pure: no I/O, and the
//! same input gives the same plan, byte for byte.
//!
//! The pipeline, a module per step ([`planner::Planner`] runs it):
//!
//! 1. [`profile`] — the profile (staff per métier, current levels, budget), built in code or read
//!    by `parcours-import`; [`check`] — its checks against the reference data, giving the
//!    [`check::CheckedProfile`] that is the only thing the planner plans; [`options`] — a run's
//!    budget or horizon, checked too; [`statutory`] — the share of the training budget that
//!    statutory training takes first, and the digital days it leaves.
//! 2. [`population`] — who is planned: the métiers' agents and the managers' and elected
//!    officials' tracks, with their current levels.
//! 3. [`needs`] — the gaps to the targets, an item per population and module (chosen
//!    providers, prerequisites), each justified by recommendations and scored by [`score`].
//! 4. [`problem`] — the scheduling problem as a specification: what a plan maximises
//!    (`Problem::value`) and the constraints every scheduler is held to (`Problem::check`).
//! 5. [`schedule`] — the greedy that solves it, tuned; [`reference`](mod@reference) — the same greedy written
//!    plainly, its definition; [`parallel`] — when work goes to a second thread;
//!    [`euro_budget`] — the allocation repaired so that each year's cost fits the profile's
//!    euro budget, at the prices and channels of [`funding`].
//! 6. [`assemble`] — from the allocation to the plan's parts; [`plan`] — the plan itself
//!    (owned or borrowing, `Serialize + Deserialize`); [`reconversion`] — paths out of
//!    shrinking métiers; [`warnings`] — what a valid profile that plans nothing is told.
//! 7. [`curve`] — the budget curve: plans from 0 trainee-days a year up to the budget beyond
//!    which the objective stops rising, each point keeping the best plan found up to it.
//!
//! ```
//! use parcours_graph::{Graph, ReferenceData};
//! use parcours_import::formats::{self, Format};
//! use parcours_planner::planner::plan;
//! let data = ReferenceData::embedded().unwrap();
//! let graph = Graph::new(&data);
//! let p = formats::load(&data, "t.ron", formats::TEMPLATE, Format::Ron).unwrap();
//! let result = plan(&graph, &p);
//! let first = &result.years[0];
//! assert!(first.sessions.iter().all(|s| !s.recommendations.is_empty()));
//! ```

// 1. The profile, its checks, a run's options.
mod bounded;
pub mod check;
pub mod options;
pub mod profile;
pub mod statutory;

// 2–3. Who is planned, what they need, how much each item matters.
pub mod needs;
pub mod population;
pub mod score;

// 4–5. The scheduling problem and its solvers.
mod buckets;
pub use parcours_graph::parallel;
pub mod lone;
pub mod problem;
pub mod reference;
pub mod schedule;

// 5b. Channels, costs and the euro budget.
pub mod euro_budget;
pub mod funding;
pub mod sessions;

// 6. The plan.
pub mod assemble;
pub mod curve;
pub mod left_out;
pub mod plan;
pub mod planner;
pub mod reconversion;
pub mod warnings;
pub mod words;

// Shared with synthetic data and test generators.
pub mod rng;
