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
//! use parcours_planner::{plan::{plan, PlanOptions}, profile};
//! let data = ReferenceData::embedded().unwrap();
//! let graph = Graph::new(&data);
//! let p = formats::parse("t.ron", formats::TEMPLATE, Format::Ron).unwrap();
//! assert!(profile::check(&p, &data, "t.ron", formats::TEMPLATE).is_empty());
//! let result = plan(&graph, &p, &PlanOptions::default());
//! let first = &result.years[0];
//! assert!(first.sessions.iter().all(|s| !s.recommendations.is_empty()));
//! ```

mod bounded;
mod buckets;
pub mod needs;
pub mod parallel;
pub mod plan;
pub mod population;
pub mod problem;
pub mod profile;
pub mod reconversion;
pub mod reference;
pub mod rng;
pub mod schedule;
pub mod score;
