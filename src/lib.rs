//! `parcours`: a thin facade over the workspace crates, for the top-level examples and tests.
//!
//! - [`graph`]: the reference data and its graph (`parcours-graph`);
//! - [`planner`]: profile → plan (`parcours-planner`);
//! - [`import`]: a profile from RON, JSON or a staff CSV (`parcours-import`);
//! - [`batch`]: many plans at once, demand, pooling, synthetic France (`parcours-batch`);
//! - [`report`]: renderers (`parcours-report`).
//!
//! From a profile's JSON text to a plan's JSON, as an HR-software vendor would embed it:
//!
//! ```
//! use parcours::graph::{Graph, ReferenceData};
//! use parcours::import::formats::{self, Format};
//! use parcours::planner::planner::Planner;
//! let data = ReferenceData::embedded().unwrap(); // once
//! let graph = Graph::new(&data);
//! let planner = Planner::new(&graph); // once; plans many profiles
//! # let text = serde_json::to_string(&formats::parse("t.ron", formats::TEMPLATE, Format::Ron).unwrap()).unwrap();
//! let profile = formats::load(&data, "profil.json", &text, Format::Json).unwrap(); // or every problem, located
//! let plan = planner.plan(&profile);
//! let json = serde_json::to_string(&plan).unwrap();
//! # assert!(json.starts_with("{\"schema_version\""));
//! ```

pub use parcours_batch as batch;
pub use parcours_graph as graph;
pub use parcours_import as import;
pub use parcours_planner as planner;
pub use parcours_report as report;
