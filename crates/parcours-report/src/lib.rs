//! `parcours-report`: renders what the graph and the planner produce into the formats people
//! read and reuse — terminal tables, Markdown, JSON, and graph exports (DOT, Mermaid, JSON).
//! Every renderer returns a `String`; writing it anywhere is the CLI's business.

pub mod csv_out;
pub mod demand;
mod error;
pub mod export;
pub mod html;
pub mod plan_text;
pub mod show;
pub mod summary;
pub mod text;
pub mod views;
pub mod xlsx;

pub use error::{Error, Result};
