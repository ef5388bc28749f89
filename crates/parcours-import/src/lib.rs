//! `parcours-import`: what turns text into a collectivity profile — a profile written in RON or
//! JSON ([`formats`]), or a CSV of staff exported from an HR system ([`csv`]). Every error names
//! the file, the line and column, and the field. The profile itself and its checks against the
//! reference data are the planner's ([`parcours_planner::profile`]).
//!
//! ```
//! use parcours_graph::ReferenceData;
//! use parcours_import::formats::{self, Format};
//! let data = ReferenceData::embedded().unwrap();
//! let profile = formats::load(&data, "t.ron", formats::TEMPLATE, Format::Ron).unwrap();
//! assert_eq!(profile.staff.len(), 6);
//! ```

pub mod csv;
pub mod formats;
pub mod table;
