//! `parcours-graph`: the reference data of parcours (the CNFPT study's recommendations, the
//! métiers, competencies and training catalogue), its loading, validation and graph queries.
//!
//! ```
//! use parcours_graph::{ReferenceData, Graph};
//! let data = ReferenceData::embedded().expect("the shipped data validates");
//! let graph = Graph::new(&data);
//! assert_eq!(data.recommendations().len(), 41);
//! assert!(!graph.modules_implementing(parcours_graph::ids::RecNumber(33)).is_empty());
//! ```

pub mod bounded;
pub mod concern;
pub mod data;
pub mod diagnostic;
pub mod french;
pub mod graph;
pub mod ids;
pub mod locate;
pub mod model;
pub mod parallel;
pub mod parse;
pub mod sources;
pub mod strings;
pub mod titles;
pub mod validate;
pub mod vocab;

pub use data::ReferenceData;
pub use diagnostic::{Diagnostic, Diagnostics};
pub use graph::Graph;
pub use parse::ron_options;
