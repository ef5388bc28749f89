//! A problem found in an input text, with everything needed to show it: file, line and column,
//! the field path, the offending id, the source line and a hint; and [`Problems`], the problems
//! of one input, kept in full up to [`MAX_SHOWN`] and only counted beyond.

use crate::locate::{Location, Locator};
use serde::Serialize;
use std::borrow::Cow;
use std::fmt;

/// Most problems of one input kept in full (and shown); the others are only counted, so that
/// an input with millions of problems costs little more than one with fifty.
pub const MAX_SHOWN: usize = 50;

/// Longest id kept in a problem, in characters: a longer one is cut, with `…` (see [`quoted`]).
pub const MAX_QUOTED: usize = 100;

/// Longest message kept, in characters (a message quoting a long value is cut, with `…`).
pub const MAX_MESSAGE: usize = 2_000;

/// `s` cut to [`MAX_QUOTED`] characters, with `…` when cut: for an input's value quoted in a
/// message (a 60 MB "id" is not copied into it).
pub fn quoted(s: &str) -> Cow<'_, str> {
    cut(s, MAX_QUOTED)
}

fn cut_owned(s: String, max: usize) -> String {
    match cut(&s, max) {
        Cow::Borrowed(_) => s,
        Cow::Owned(cut) => cut,
    }
}

fn cut(s: &str, max: usize) -> Cow<'_, str> {
    match s.char_indices().nth(max) {
        None => Cow::Borrowed(s),
        Some((i, _)) => Cow::Owned(format!("{}…", &s[..i])),
    }
}

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
    /// The text of the line the location points to; of a long line, only a window of
    /// [`WINDOW`](crate::locate::WINDOW) characters on each side of the column, with `…`
    /// where it is cut.
    pub line_text: String,
    /// The 1-based column of the location in `line_text`.
    pub line_col: usize,
    /// Problems of the same input found after this one and only counted (see [`Problems`]).
    pub omitted: usize,
}

impl Diagnostic {
    /// A problem at a field path of `text`; the location is the nearest existing part of the path.
    pub fn at_path(
        file: impl Into<String>,
        text: &str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self::at_path_in(file, &mut Locator::new(text), path, message)
    }

    /// Like [`Diagnostic::at_path`], in a text prepared for many problems.
    pub fn at_path_in(
        file: impl Into<String>,
        locator: &mut Locator<'_>,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        let path = path.into();
        let location = locator.locate_nearest(&path);
        Self::at_location_in(file, locator, location, message).with_path(path)
    }

    /// A problem at a known location of `text`.
    pub fn at_location(
        file: impl Into<String>,
        text: &str,
        location: Location,
        message: impl Into<String>,
    ) -> Self {
        Self::at_location_in(file, &Locator::new(text), location, message)
    }

    /// Like [`Diagnostic::at_location`], in a text prepared for many problems.
    pub fn at_location_in(
        file: impl Into<String>,
        locator: &Locator<'_>,
        location: Location,
        message: impl Into<String>,
    ) -> Self {
        let (line_text, line_col) = locator.line_window(location);
        Diagnostic {
            file: file.into(),
            location,
            path: None,
            id: None,
            message: cut_owned(message.into(), MAX_MESSAGE),
            help: None,
            line_text,
            line_col,
            omitted: 0,
        }
    }

    /// Sets the field path.
    pub fn with_path(mut self, path: impl Into<String>) -> Self {
        let path = path.into();
        self.path = (!path.is_empty()).then_some(path);
        self
    }

    /// Sets the offending id (cut to [`MAX_QUOTED`] characters, never copied whole).
    pub fn with_id(mut self, id: impl fmt::Display) -> Self {
        /// Keeps the first [`MAX_QUOTED`] characters written, then `…` if there were more.
        struct Cut(String, usize);
        impl fmt::Write for Cut {
            fn write_str(&mut self, s: &str) -> fmt::Result {
                for c in s.chars() {
                    match self.1 {
                        0 => {
                            self.0.push('…');
                            self.1 = usize::MAX;
                            break;
                        }
                        usize::MAX => break,
                        _ => {
                            self.0.push(c);
                            self.1 -= 1;
                        }
                    }
                }
                Ok(())
            }
        }
        let mut cut = Cut(String::new(), MAX_QUOTED);
        let _ = fmt::write(&mut cut, format_args!("{id}"));
        self.id = Some(cut.0);
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
            write!(f, " (champ `{path}`)")?;
        }
        Ok(())
    }
}

/// `n` with its digits in groups of three, French style (`15 950`).
pub fn french_number(n: usize) -> String {
    grouped_digits(n as u64, ' ')
}

/// `n` with `separator` between groups of three digits (a space, or a narrow no-break space
/// in HTML).
pub fn grouped_digits(n: u64, separator: char) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// Several problems found at once (validation collects all of them).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{} problème{} dans les données lues", french_number(total(&self.0)), if total(&self.0) == 1 { "" } else { "s" })]
pub struct Diagnostics(pub Vec<Diagnostic>);

/// How many problems `diagnostics` stand for: those kept and those only counted.
pub fn total(diagnostics: &[Diagnostic]) -> usize {
    diagnostics.len() + diagnostics.iter().map(|d| d.omitted).sum::<usize>()
}

/// The problems of one input in the order found: the first [`MAX_SHOWN`] kept in full, the
/// others only counted (and not even built: see [`Problems::add`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Problems {
    kept: Vec<Diagnostic>,
    omitted: usize,
}

impl Problems {
    /// No problem yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether the next problems are only counted.
    pub fn is_full(&self) -> bool {
        self.kept.len() >= MAX_SHOWN
    }

    /// Adds a problem, built by `make` only when it is kept.
    pub fn add(&mut self, make: impl FnOnce() -> Diagnostic) {
        if self.is_full() {
            self.omitted += 1;
        } else {
            self.kept.push(make());
        }
    }

    /// Adds a problem already built.
    pub fn push(&mut self, d: Diagnostic) {
        self.add(|| d);
    }

    /// Adds the problems of `other`, found after these.
    pub fn append(&mut self, other: Problems) {
        for d in other.kept {
            self.push(d);
        }
        self.omitted += other.omitted;
    }

    /// Problems kept and counted.
    pub fn len(&self) -> usize {
        self.kept.len() + self.omitted
    }

    /// Whether there is no problem.
    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    /// The problems kept; the last one carries the count of those only counted
    /// ([`Diagnostic::omitted`]).
    pub fn into_vec(self) -> Vec<Diagnostic> {
        let mut kept = self.kept;
        if let Some(last) = kept.last_mut() {
            last.omitted += self.omitted;
        }
        kept
    }
}
