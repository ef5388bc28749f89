//! Small text helpers shared by the renderers: Markdown escaping, CSV cells safe to open,
//! truncation, tables.

use comfy_table::{
    ColumnConstraint, ContentArrangement, Table, Width, presets::UTF8_FULL_CONDENSED,
};
use std::borrow::Cow;

/// Escapes the characters that would break a Markdown table cell: the pipe, which ends the
/// cell (also inside a code span), and line ends. Text given by users goes through [`md_text`]
/// first.
pub fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// Text given by users (a profile's names and ids, the reference data's names, titles and
/// sentences) made literal in Markdown, wherever it goes: every character that could start a
/// heading, a link or an image, emphasis, code, HTML, an entity, math or a mention is
/// backslash-escaped, and so is a list, quote or rule marker at its start; `://` and `www.`
/// are broken so that no bare address becomes a link. Line ends become spaces. The pipe, which
/// matters only in tables, is left to [`md_table`]. Text without any of these (all the shipped
/// data) comes out unchanged.
pub fn md_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // A marker at the start: `-`, `+`, `=` (lists, rules, setext headings) or `1.` / `1)`.
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let marker = match s.as_bytes().get(digits) {
        Some(b'.' | b')') if digits > 0 => Some(digits),
        Some(b'-' | b'+' | b'=') if digits == 0 => Some(0),
        _ => None,
    };
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let at = s.len() - rest.len();
        if Some(at) == marker
            || matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '~' | '&' | '$' | '@'
            )
            || (c == ':' && rest.starts_with("://"))
        {
            out.push('\\');
            out.push(c);
        } else if c == '\n' || c == '\r' {
            out.push(' ');
        } else if rest.starts_with("www.") {
            out.push_str("www\\");
            rest = &rest[3..];
            continue;
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// `s` as a Markdown code span (ids): a backtick fence longer than any run of backticks in
/// `s`, so that none can end the span (`` `id` `` for an ordinary id).
pub fn md_code(s: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

/// A text cell of a CSV file made safe to open in a spreadsheet: a cell starting with `=`,
/// `+`, `-`, `@`, a tab or a carriage return could be run as a formula (CSV injection), so it
/// is prefixed with a single quote `'`, which spreadsheets show as text (OWASP's rule). For
/// every text cell of every CSV file parcours writes; the numbers it writes itself are left
/// as they are.
pub fn csv_text(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// Cuts `s` to at most `max` characters, adding `…` when it was cut.
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let cut: String = s.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// A terminal table with a header row, wrapped to `width` columns.
pub fn table(header: &[&str], rows: Vec<Vec<String>>, width: u16) -> String {
    table_with(header, rows, width, None)
}

/// [`table`], its last column at least `last` characters wide when given (a long text the
/// other columns would otherwise squeeze).
pub fn table_with(
    header: &[&str],
    rows: Vec<Vec<String>>,
    width: u16,
    last: Option<u16>,
) -> String {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .force_no_tty()
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(header.iter().copied());
    for r in rows {
        t.add_row(r);
    }
    // Ids in the first column stay whole so they can be copied; no header is cut in the
    // middle of a word (other cells wrap instead).
    for (k, h) in header.iter().enumerate() {
        if let Some(c) = t.column_mut(k) {
            c.set_constraint(if k == 0 {
                ColumnConstraint::ContentWidth
            } else if let Some(w) = last.filter(|_| k + 1 == header.len()) {
                ColumnConstraint::LowerBoundary(Width::Fixed(w + 2))
            } else {
                let w = h.split_whitespace().map(|w| w.chars().count()).max();
                // The boundary counts the padding, one space on each side.
                ColumnConstraint::LowerBoundary(Width::Fixed(w.unwrap_or(0) as u16 + 2))
            });
        }
    }
    let mut out = t.to_string();
    out.push('\n');
    out
}

/// A Markdown table.
pub fn md_table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    out.push_str(&format!("| {} |\n", header.join(" | ")));
    out.push_str(&format!(
        "|{}|\n",
        header.iter().map(|_| "---").collect::<Vec<_>>().join("|")
    ));
    for r in rows {
        let cells: Vec<String> = r.iter().map(|c| md_cell(c)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_on_characters() {
        assert_eq!(truncate("élément", 4), "élé…");
        assert_eq!(truncate("court", 10), "court");
    }

    #[test]
    fn md_text_renders_as_text() {
        assert_eq!(
            md_text("# Titre | [lien](http://x)"),
            "\\# Titre | \\[lien\\](http\\://x)"
        );
        assert_eq!(
            md_text("<script>*a* _b_ `c` ~d~ &amp; $x$ @moi www.x.fr \\"),
            "\\<script\\>\\*a\\* \\_b\\_ \\`c\\` \\~d\\~ \\&amp; \\$x\\$ \\@moi www\\.x.fr \\\\"
        );
        assert_eq!(md_text("- a"), "\\- a");
        assert_eq!(md_text("+ a"), "\\+ a");
        assert_eq!(md_text("==="), "\\===");
        assert_eq!(md_text("12. a"), "12\\. a");
        assert_eq!(md_text("3) a"), "3\\) a");
        assert_eq!(md_text("a\nb\rc"), "a b c");
        // Ordinary names and sentences are unchanged.
        for plain in [
            "Commune de Saint-Exemple",
            "Veille professionnelle : sources fiables et outils de veille",
            "2027 : l'an 1 (sic.)",
            "L'Haÿ-les-Roses — « 40 000 » habitants !",
        ] {
            assert_eq!(md_text(plain), plain);
        }
        // In a table, the pipe is escaped once, and an escaped backslash stays one.
        assert_eq!(
            md_table(&["a"], &[vec![md_text("x|y\\|z")]]),
            "| a |\n|---|\n| x\\|y\\\\\\|z |\n"
        );
    }

    #[test]
    fn md_code_spans_hold_backticks() {
        assert_eq!(md_code("atsem"), "`atsem`");
        assert_eq!(md_code("a`b"), "``a`b``");
        assert_eq!(md_code("`a``"), "``` `a`` ```");
    }

    #[test]
    fn csv_text_neutralises_formulas() {
        for bad in [
            "=HYPERLINK(\"http://x\")",
            "+1",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            assert_eq!(csv_text(bad), format!("'{bad}"));
        }
        for ok in ["Ville", "", " =x", "'=x", "2027", "a-b", "é=1"] {
            assert!(matches!(csv_text(ok), Cow::Borrowed(s) if s == ok), "{ok}");
        }
    }

    #[test]
    fn md_table_escapes_pipes() {
        let t = md_table(&["a", "b"], &[vec!["x|y".into(), "z".into()]]);
        assert_eq!(t, "| a | b |\n|---|---|\n| x\\|y | z |\n");
    }

    #[test]
    fn narrow_tables_wrap_cells_not_headers() {
        let header = crate::plan_text::SESSION_HEADER;
        let rows = vec![vec![
            "relation-multicanal-s".to_owned(),
            "approfondissement".to_owned(),
            "charge-accueil, agent-etat-civil, assistant-gestion-administrative".to_owned(),
            "41".to_owned(),
            "3 intra 7\u{a0}200\u{a0}€".to_owned(),
            "82".to_owned(),
            "6, 23, 37".to_owned(),
            "336".to_owned(),
        ]];
        let t = table(&header, rows, 100);
        for h in header {
            assert!(t.contains(h), "{h} cut: {t}");
        }
        assert!(t.contains("relation-multicanal-s"), "{t}");
        assert!(t.lines().all(|l| l.chars().count() <= 100), "{t}");
    }
}
