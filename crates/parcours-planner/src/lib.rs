//! `parcours-planner`: from a collectivity profile and the reference graph to a prioritized,
//! budgeted, multi-year training plan. Pure: no I/O; the same input gives the same plan.
//!
//! Flow: [`profile`] (parse and check) → [`population`] (who, current levels) → [`needs`]
//! (gaps, items, prerequisites) → [`score`] → [`problem`] → [`schedule`] (greedy) →
//! [`plan`] (years, paths, unfunded, indicators) and [`reconversion`].
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

pub mod assemble;
mod bounded;
mod buckets;
pub mod check;
pub mod needs;
pub mod options;
pub use parcours_graph::parallel;
pub mod plan;
pub mod planner;
pub mod population;
pub mod problem;
pub mod profile;
pub mod reconversion;
pub mod reference;
pub mod rng;
pub mod schedule;
pub mod score;
pub mod words;
