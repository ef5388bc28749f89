//! `parcours`: a thin facade over the workspace crates, for the top-level examples and tests.
//!
//! - [`graph`]: the reference data and its graph (`parcours-graph`);
//! - [`planner`]: profile → plan (`parcours-planner`);
//! - [`report`]: renderers (`parcours-report`).

pub use parcours_graph as graph;
pub use parcours_planner as planner;
pub use parcours_report as report;
