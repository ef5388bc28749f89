//! A problem found in an input text, with everything needed to show it: file, line and column,
//! the field path, the offending id, the source line and a hint.

use crate::locate::{Location, locate_nearest};
use serde::Serialize;
use std::fmt;

/// One problem in one input file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// File name as shown to the user.
    pub file: String,
    /// Where in the file (1-based line and column).
    pub location: Location,
    /// Field path inside the file (`[3].prerequisites[0]`), when known.
    pub path: Option<String>,
    /// The offending id or value, when there is one.
    pub id: Option<String>,
    /// What is wrong, lowercase, no trailing period.
    pub message: String,
    /// How to fix it, when we can tell.
    pub help: Option<String>,
    /// The text of the line the location points to.
    pub line_text: String,
}

impl Diagnostic {
    /// A problem at a field path of `text`; the location is the nearest existing part of the path.
    pub fn at_path(
        file: impl Into<String>,
        text: &str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        let path = path.into();
        let location = locate_nearest(text, &path);
        Self::at_location(file, text, location, message).with_path(path)
    }

    /// A problem at a known location of `text`.
    pub fn at_location(
        file: impl Into<String>,
        text: &str,
        location: Location,
        message: impl Into<String>,
    ) -> Self {
        let line_text = text
            .lines()
            .nth(location.line.saturating_sub(1))
            .unwrap_or("")
            .to_owned();
        Diagnostic {
            file: file.into(),
            location,
            path: None,
            id: None,
            message: message.into(),
            help: None,
            line_text,
        }
    }

    /// Sets the field path.
    pub fn with_path(mut self, path: impl Into<String>) -> Self {
        let path = path.into();
        self.path = (!path.is_empty()).then_some(path);
        self
    }

    /// Sets the offending id.
    pub fn with_id(mut self, id: impl fmt::Display) -> Self {
        self.id = Some(id.to_string());
        self
    }

    /// Sets the hint.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.location.line, self.location.col, self.message
        )?;
        if let Some(path) = &self.path {
            write!(f, " (at `{path}`)")?;
        }
        Ok(())
    }
}

/// Several problems found at once (validation collects all of them).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{} problem{} in the input", .0.len(), if .0.len() == 1 { "" } else { "s" })]
pub struct Diagnostics(pub Vec<Diagnostic>);
