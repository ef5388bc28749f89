//! Parses RON text into typed records, turning every syntax or schema error into a
//! [`Diagnostic`] with line, column and field path. No I/O: the caller provides the text.

use crate::diagnostic::Diagnostic;
use crate::locate::{Location, locate};
use serde::de::DeserializeOwned;

/// RON options used for every input: `Option` values are written without `Some(..)`.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Parses `text` (named `file` in diagnostics) as RON into `T`.
///
/// ```
/// use parcours_graph::parse::from_ron;
/// let err = from_ron::<Vec<u32>>("profile.ron", "[1, 2, x]").unwrap_err();
/// assert_eq!((err.file.as_str(), err.location.line, err.location.col), ("profile.ron", 1, 8));
/// ```
pub fn from_ron<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Fast path: most texts are valid; track field paths only to explain an error.
    if let Ok(v) = ron_options().from_str::<T>(text) {
        return Ok(v);
    }
    let mut de = match ron::Deserializer::from_str_with_options(text, &ron_options()) {
        Ok(de) => de,
        Err(e) => return Err(spanned(file, text, &e, None)),
    };
    let value = match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(v) => v,
        Err(e) => {
            let path = clean_path(&e.path().to_string());
            let inner = e.into_inner();
            let spanned_err = de.span_error(inner);
            return Err(spanned(file, text, &spanned_err, path));
        }
    };
    if let Err(e) = de.end() {
        let spanned_err = de.span_error(e);
        return Err(spanned(file, text, &spanned_err, None));
    }
    Ok(value)
}

fn spanned(
    file: &str,
    text: &str,
    e: &ron::error::SpannedError,
    path: Option<String>,
) -> Diagnostic {
    let mut location = Location {
        line: e.span.start.line.max(1),
        col: e.span.start.col.max(1),
        len: 1,
    };
    // Prefer the exact value position when the path resolves (ron points after the value).
    if let Some(found) = path.as_deref().and_then(|p| locate(text, p))
        && (matches!(
            e.code,
            ron::Error::InvalidValueForType { .. } | ron::Error::Message(_)
        ) || found.line == location.line)
    {
        location = found;
    }
    let lines = text.lines().count().max(1);
    if location.line > lines {
        location.line = lines;
        location.col = text.lines().last().map_or(0, |l| l.chars().count()) + 1;
    }
    let negative = text
        .lines()
        .nth(location.line - 1)
        .and_then(|l| l.chars().nth(location.col - 1))
        == Some('-');
    let message = if text.trim().is_empty() {
        "le fichier est vide".to_owned()
    } else {
        crate::french::ron_message(&e.code, path.as_deref(), negative, looks_like_csv(text))
    };
    let d = Diagnostic::at_location(file, text, location, message);
    match path {
        Some(p) => d.with_path(p),
        None => d,
    }
}

/// A serde path without its unknown (`?`) segments; `None` when nothing is left.
pub fn clean_path(path: &str) -> Option<String> {
    let mut p = path;
    while let Some(rest) = p.strip_suffix(".?").or_else(|| p.strip_suffix('?')) {
        p = rest;
    }
    (!p.is_empty() && p != "." && !p.contains('?')).then(|| p.to_owned())
}

/// Whether the first line of `text` that is neither blank nor a comment reads as the header of
/// a CSV: several names separated by `,` or `;`, no parenthesis.
fn looks_like_csv(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("//"))
        .is_some_and(|l| (l.contains(',') || l.contains(';')) && !l.contains(['(', ')', '[', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_read_as_a_profile_is_named_so() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Profile {
            name: String,
        }
        let csv = from_ron::<Profile>("s.csv", "metier;headcount\natsem;2\n").unwrap_err();
        assert!(
            csv.message.contains("export CSV du personnel"),
            "{}",
            csv.message
        );
        let ron = from_ron::<Profile>("p.ron", "// a, b\nProfil(name: \"x\")\n").unwrap_err();
        assert!(!ron.message.contains("CSV"), "{}", ron.message);
        let empty = from_ron::<Profile>("p.ron", " \n").unwrap_err();
        assert_eq!(empty.message, "le fichier est vide");
    }
}
