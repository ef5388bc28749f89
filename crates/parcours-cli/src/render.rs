//! Renders diagnostics for the terminal, compiler-style: message, `file:line:col`, the source
//! line with a caret under the offending value, and a help line.

use parcours_graph::Diagnostic;
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
        let line: String = d.line_text.replace('\t', " ");
        let before = d.location.col.saturating_sub(1).min(line.chars().count());
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

/// All diagnostics, separated by blank lines, and a closing count.
pub fn diagnostics(ds: &[Diagnostic], what: &str) -> String {
    let mut out = String::new();
    for d in ds {
        out.push_str(&diagnostic(d));
        out.push('\n');
    }
    let n = ds.len();
    let _ = writeln!(
        out,
        "error: {n} problem{} in {what}",
        if n == 1 { "" } else { "s" }
    );
    out
}
