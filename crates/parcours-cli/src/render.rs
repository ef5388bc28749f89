//! Renders diagnostics for the terminal, compiler-style: message, `file:line:col`, the source
//! line with a caret under the offending value, and a help line.

use parcours_graph::Diagnostic;
use parcours_graph::diagnostic::french_number;
use std::fmt::Write;

/// One diagnostic as text (ends with a newline).
pub fn diagnostic(d: &Diagnostic) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "error: {}", d.message);
    let gutter = d.location.line.to_string().len();
    let pad = " ".repeat(gutter);
    let _ = write!(
        out,
        "{pad}--> {}:{}:{}",
        d.file, d.location.line, d.location.col
    );
    if let Some(p) = &d.path {
        let _ = write!(out, " (at `{p}`)");
    }
    out.push('\n');
    if !d.line_text.is_empty() {
        // The library keeps only a window of a long line around the column (`…` where cut).
        let line = d.line_text.replace('\t', " ");
        let before = d.line_col.saturating_sub(1).min(line.chars().count());
        let width = d
            .location
            .len
            .min(line.chars().count().saturating_sub(before))
            .max(1);
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{} | {line}", d.location.line);
        let _ = writeln!(out, "{pad} | {}{}", " ".repeat(before), "^".repeat(width));
    }
    if let Some(id) = &d.id {
        let _ = writeln!(out, "{pad} = id: {id}");
    }
    if let Some(h) = &d.help {
        let _ = writeln!(out, "{pad} = help: {h}");
    }
    out
}

/// All diagnostics, separated by blank lines, then how many more problems were only counted
/// (see `parcours_graph::diagnostic::Problems`), and a closing count.
pub fn diagnostics(ds: &[Diagnostic], what: &str) -> String {
    let mut out = String::new();
    for d in ds {
        out.push_str(&diagnostic(d));
        out.push('\n');
    }
    let omitted: usize = ds.iter().map(|d| d.omitted).sum();
    if omitted > 0 {
        let _ = writeln!(
            out,
            "… et {} autre{} problème{}\n",
            french_number(omitted),
            if omitted == 1 { "" } else { "s" },
            if omitted == 1 { "" } else { "s" }
        );
    }
    let n = parcours_graph::diagnostic::total(ds);
    let _ = writeln!(
        out,
        "error: {n} problem{} in {what}",
        if n == 1 { "" } else { "s" }
    );
    out
}
