//! `parcours-import`: what turns text into a collectivity profile — a profile written in RON or
//! JSON ([`formats`]), or a staff export of an HR system or a spreadsheet, CSV or XLSX
//! ([`table`], [`staff`], with the user's [`mapping`] of job titles; [`csv`] for the CSV-only
//! entry point). Every error names the file, the line and column (or the sheet's cell), and
//! the field. The profile itself and its checks against the
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
pub mod mapping;
pub mod pix;
pub mod staff;
pub mod table;
pub mod written;
