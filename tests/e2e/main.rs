//! End-to-end tests: the `parcours` binary on the shipped data and on corrupted copies of it,
//! and the fidelity of the data to the study's text. One test binary, modules by theme.

mod audiences;
mod bad_inputs;
mod batch;
mod browser;
mod budget_curve;
mod caps;
mod common;
mod corrupt;
mod fidelity;
mod graph_commands;
mod import;
mod large;
mod parts;
mod pix;
mod plan_commands;
mod reports;
mod safe_text;
mod safety;
mod schema;
mod serve;
mod sessions;
mod statutory;
mod terminal;
mod workstations;
