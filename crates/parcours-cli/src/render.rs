//! Renders diagnostics for the terminal, compiler-style: message, `file:line:col`, the source
//! line with a caret under the offending value, and a help line.

use parcours_graph::Diagnostic;
use parcours_graph::diagnostic::french_number;
use std::fmt::Write;

/// One diagnostic as text (ends with a newline).
pub fn diagnostic(d: &Diagnostic) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "erreur : {}", visible(&d.message));
    let gutter = d.location.line.to_string().len();
    let pad = " ".repeat(gutter);
    let _ = write!(
        out,
        "{pad}--> {}:{}:{}",
        visible(&d.file),
        d.location.line,
        d.location.col
    );
    if let Some(p) = &d.path {
        let _ = write!(out, " (champ `{}`)", visible(p));
    }
    out.push('\n');
    if !d.line_text.is_empty() {
        // The library keeps only a window of a long line around the column (`…` where cut).
        // Control characters are shown as `\u{1b}`, never sent to the terminal (an escape
        // sequence in a file must not drive it); the caret follows what is shown.
        let chars: Vec<char> = d.line_text.chars().collect();
        let start = d.line_col.saturating_sub(1).min(chars.len());
        let end = (start + d.location.len.max(1)).min(chars.len());
        let shown = |cs: &[char]| -> String {
            cs.iter()
                .map(|&c| {
                    if c == '\t' {
                        " ".into()
                    } else {
                        visible_char(c)
                    }
                })
                .collect()
        };
        let (head, mid) = (shown(&chars[..start]), shown(&chars[start..end]));
        let line = head.clone() + &mid + &shown(&chars[end..]);
        let before = head.chars().count();
        let width = mid.chars().count().max(1);
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{} | {line}", d.location.line);
        let _ = writeln!(out, "{pad} | {}{}", " ".repeat(before), "^".repeat(width));
    }
    if let Some(id) = &d.id {
        let _ = writeln!(out, "{pad} = identifiant : {}", visible(id));
    }
    if let Some(h) = &d.help {
        let _ = writeln!(out, "{pad} = aide : {}", visible(h));
    }
    out
}

/// A warning (ends with a newline): `attention : …`, then its help.
pub fn warning(w: &parcours_planner::warnings::Warning) -> String {
    let mut out = format!("attention : {}\n", visible(&w.message));
    if let Some(h) = &w.help {
        let _ = writeln!(out, "  = aide : {}", visible(h));
    }
    out
}

/// A text as it may be printed: every control character (and the invisible ones that turn text
/// around) written `\u{…}` instead.
fn visible(s: &str) -> String {
    if s.chars().all(|c| visible_char(c).len() == c.len_utf8()) {
        return s.to_owned();
    }
    s.chars().map(visible_char).collect()
}

fn visible_char(c: char) -> String {
    let hidden = c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}');
    if hidden {
        format!("\\u{{{:x}}}", u32::from(c))
    } else {
        c.to_string()
    }
}

/// All diagnostics, separated by blank lines, then how many more problems were only counted
/// (see `parcours_graph::diagnostic::Problems`), and a closing count: `what` names the input in
/// French, with its article ("le profil", "les données de référence").
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
        "erreur : {} problème{} dans {what}",
        french_number(n),
        if n == 1 { "" } else { "s" }
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use parcours_graph::locate::Location;

    #[test]
    fn diagnostics_are_written_in_french() {
        let text = "(\n    horizon: 0,\n)\n";
        let d = Diagnostic::at_path(
            "p.ron",
            text,
            "horizon",
            "un horizon de 0 an est hors des limites",
        )
        .with_id("0")
        .with_help("donnez de 1 à 30 ans");
        let one = diagnostics(std::slice::from_ref(&d), "le profil");
        assert_eq!(
            one,
            "erreur : un horizon de 0 an est hors des limites\n --> p.ron:2:14 (champ `horizon`)\n  |\n2 |     horizon: 0,\n  |              ^\n  = identifiant : 0\n  = aide : donnez de 1 à 30 ans\n\nerreur : 1 problème dans le profil\n"
        );
        let mut many = d.clone();
        many.omitted = 1_233;
        let out = diagnostics(&[d, many], "les données de référence");
        assert!(out.contains("… et 1 233 autres problèmes\n"), "{out}");
        assert!(
            out.ends_with("erreur : 1 235 problèmes dans les données de référence\n"),
            "{out}"
        );
        let w = parcours_planner::warnings::Warning {
            message: "rien".into(),
            help: Some("faites".into()),
        };
        assert_eq!(warning(&w), "attention : rien\n  = aide : faites\n");
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let text = "name: \"a\u{1b}[2Jb\",\n";
        let d = Diagnostic::at_location(
            "p.ron",
            text,
            Location {
                line: 1,
                col: 7,
                len: 8,
            },
            "unknown \u{7} id",
        )
        .with_id("a\u{1b}[2Jb");
        let out = diagnostic(&d);
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        assert!(out.contains("a\\u{1b}[2Jb"), "{out}");
        // The caret still spans the value as shown.
        let lines: Vec<&str> = out.lines().collect();
        let code = lines.iter().find(|l| l.starts_with("1 |")).unwrap();
        let caret = lines.iter().find(|l| l.contains('^')).unwrap();
        let at = caret.find('^').unwrap();
        assert_eq!(
            &code[at..at + caret.trim_end().len() - at],
            "\"a\\u{1b}[2Jb\""
        );
    }
}
