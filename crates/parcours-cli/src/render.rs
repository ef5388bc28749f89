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
        // Show at most a window of the line around the column (minified files are one line).
        let full: Vec<char> = d.line_text.replace('\t', " ").chars().collect();
        let col = d.location.col.saturating_sub(1).min(full.len());
        let start = col.saturating_sub(60);
        let end = (col + 60).min(full.len());
        let mut line: String = full[start..end].iter().collect();
        if start > 0 {
            line.insert(0, '…');
        }
        if end < full.len() {
            line.push('…');
        }
        let col = col - start + usize::from(start > 0);
        let before = col.min(line.chars().count());
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
