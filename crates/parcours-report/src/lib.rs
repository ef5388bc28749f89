//! `parcours-report`: renders what the graph and the planner produce into the formats people
//! read and reuse — terminal tables, Markdown, self-contained HTML, CSV, XLSX workbooks, JSON,
//! and graph exports (DOT, Mermaid, JSON). Every renderer returns a `String` (bytes for a
//! workbook); writing it anywhere is the caller's business (the one renderer that needs scratch
//! space, the demand workbook, takes a folder from its caller).
//!
//! ```
//! use parcours_graph::{Graph, ReferenceData};
//! use parcours_import::formats::{self, Format};
//! use parcours_planner::planner::Planner;
//! use parcours_report::{csv_out, html, plan_text};
//! let data = ReferenceData::embedded().unwrap();
//! let graph = Graph::new(&data);
//! let profile = formats::load(&data, "t.ron", formats::TEMPLATE, Format::Ron).unwrap();
//! let plan = Planner::new(&graph).plan(&profile);
//! let full = parcours_report::part::ReportOptions::default();
//! assert!(plan_text::plan_md(&plan, &data, &full).starts_with("# Plan de formation"));
//! assert!(html::plan_html(&plan, &data, &full).starts_with("<!DOCTYPE html>"));
//! let csv = csv_out::plan_csv(&plan, &data, csv_out::CsvStyle::Standard);
//! assert!(csv.lines().count() > 1);
//! ```

pub mod csv_out;
pub mod curve;
pub mod demand;
mod error;
pub mod export;
pub mod funding;
pub mod html;
pub mod part;
pub mod plan_text;
pub mod show;
pub mod statutory;
pub mod summary;
pub mod text;
pub mod views;
pub mod xlsx;

pub use error::{Error, Result};
