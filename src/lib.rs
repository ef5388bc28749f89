//! `parcours`: a thin facade over the workspace crates, for the top-level examples and tests.
//!
//! - [`graph`]: the reference data and its graph (`parcours-graph`);
//! - [`planner`]: profile → plan (`parcours-planner`);
//! - [`import`]: a profile from RON, JSON or a staff CSV (`parcours-import`);
//! - [`batch`]: many plans at once, demand, pooling, synthetic France (`parcours-batch`);
//! - [`report`]: renderers (`parcours-report`).

pub use parcours_batch as batch;
pub use parcours_graph as graph;
pub use parcours_import as import;
pub use parcours_planner as planner;
pub use parcours_report as report;
