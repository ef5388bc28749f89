//! Small text helpers shared by the renderers: Markdown escaping, CSV cells safe to open,
//! truncation, tables.

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use std::borrow::Cow;
use unicode_width::UnicodeWidthStr;

/// `n` for a French reader of a text report: thousands grouped by a no-break space
/// (`13 200`).
pub fn number(n: impl Into<u64>) -> String {
    parcours_graph::diagnostic::grouped_digits(n.into(), '\u{a0}')
}

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

/// The width of `s` in terminal columns (a box-drawing character, a letter with its accent,
/// `…` and `➔` take one).
pub fn display_width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// The pieces of a word a line may end after: the word itself, or, when `hyphens`, its parts
/// up to and including each hyphen with at least two letters or digits on each side
/// (`agent-` `polyvalent`; never `e-` `services`).
fn word_pieces(word: &str, hyphens: bool) -> Vec<&str> {
    if !hyphens {
        return vec![word];
    }
    let mut pieces = Vec::new();
    let mut from = 0;
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let alnum = |k: usize| chars.get(k).is_some_and(|(_, c)| c.is_alphanumeric());
    for (k, &(at, c)) in chars.iter().enumerate().skip(2) {
        if c == '-' && alnum(k - 2) && alnum(k - 1) && alnum(k + 1) && alnum(k + 2) {
            pieces.push(&word[from..at + 1]);
            from = at + 1;
        }
    }
    pieces.push(&word[from..]);
    pieces
}

/// Whether a line may end at the space at byte `at` of `s`: not before `;`, `:`, `!`, `?` or
/// `»`, nor after `«` (French typography binds them to their word), nor between a number and
/// the word or unit it counts (`10 j`, `0 €`, `5 %`, `1 jour`, `8 élus`).
fn breaks_at(s: &str, at: usize) -> bool {
    let before = s[..at].chars().next_back();
    let after = s[at + 1..].chars().next();
    let (Some(before), Some(after)) = (before, after) else {
        return true;
    };
    let punctuation = matches!(after, ';' | ':' | '!' | '?' | '»') || before == '«';
    let counted = before.is_ascii_digit() && (after.is_alphabetic() || matches!(after, '€' | '%'));
    !(punctuation || counted)
}

/// The words of one line of text: its parts between the spaces a line may end at (see
/// [`breaks_at`]; a no-break space, as in `7 200 €`, never ends one). A word keeps its
/// other spaces.
fn words(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut from = 0;
    for (at, _) in line.match_indices(' ') {
        if breaks_at(line, at) {
            out.push(&line[from..at]);
            from = at + 1;
        }
    }
    out.push(&line[from..]);
    out.retain(|w| !w.is_empty());
    out
}

/// The widest piece of `s` no line can break (see [`wrap`]).
fn longest_piece(s: &str, hyphens: bool) -> usize {
    s.split('\n')
        .flat_map(words)
        .flat_map(|w| word_pieces(w, hyphens))
        .map(display_width)
        .max()
        .unwrap_or(0)
}

/// `s` cut into lines of at most `width` columns, the first at most `first`: lines end only at
/// a space between words (never before `;`, `:`, `!`, `?`, `»`, after `«`, between a number
/// and what it counts, nor at a no-break space, as in `7 200 €`) or after a
/// hyphen between two words (`jours-` `stagiaires`), and at each line end of `s`. The text is
/// kept as it is, only the spaces where lines end are dropped. A word wider than the line is
/// never cut: it stands alone on a longer line.
pub fn wrap_with(s: &str, first: usize, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for text in s.split('\n') {
        let mut line = String::new();
        for word in words(text) {
            for (k, piece) in word_pieces(word, true).into_iter().enumerate() {
                let sep = if k == 0 && !line.is_empty() { " " } else { "" };
                let room = if lines.is_empty() { first } else { width };
                if !line.is_empty()
                    && display_width(&line) + sep.len() + display_width(piece) > room
                {
                    lines.push(std::mem::take(&mut line));
                    line.push_str(piece);
                } else {
                    line.push_str(sep);
                    line.push_str(piece);
                }
            }
        }
        lines.push(line);
    }
    lines
}

/// [`wrap_with`], every line at most `width` columns.
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    wrap_with(s, width, width)
}

/// Every line of `text` longer than `width` columns wrapped (see [`wrap`]), its following
/// lines indented two spaces more than it; the lines of a table (which start with a border)
/// are left as they are.
pub fn wrap_prose(text: &str, width: u16) -> String {
    let width = usize::from(width);
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let is_table = line.starts_with(['┌', '│', '╞', '├', '└']);
        if is_table || display_width(line) <= width {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let body = line.trim_start_matches(' ');
        let indent = line.len() - body.len();
        let first = width.saturating_sub(indent).max(1);
        let rest = width.saturating_sub(indent + 2).max(1);
        for (k, l) in wrap_with(body, first, rest).into_iter().enumerate() {
            let pad = if k == 0 { indent } else { indent + 2 };
            out.push_str(&" ".repeat(pad));
            out.push_str(&l);
            out.push('\n');
        }
    }
    out
}

/// A terminal table with a header row, at most `width` columns wide; its first column (ids,
/// to be copied) is never broken, the other cells wrap between words (see [`wrap`]).
pub fn table(header: &[&str], rows: Vec<Vec<String>>, width: u16) -> String {
    fit_table(header, rows, width, true)
}

/// A terminal table of text, at most `width` columns wide: every cell, the first included,
/// wraps between words (see [`wrap`]).
pub fn text_table(header: &[&str], rows: Vec<Vec<String>>, width: u16) -> String {
    fit_table(header, rows, width, false)
}

/// The widths of a table's columns within `room` columns of text: each at least its widest
/// unbreakable piece, at most its widest line; the room beyond the minimum shared evenly among
/// the columns that want more, a column wanting less than its share taking only what it wants
/// (the columns wanting little are whole, the long texts share the rest; the odd columns of a
/// share to the leftmost). When even the minimum does not fit, the minimum: the table is wider
/// than asked rather than a word cut.
fn column_widths(min: &[usize], want: &[usize], room: usize) -> Vec<usize> {
    let (low, high): (usize, usize) = (min.iter().sum(), want.iter().sum());
    if high <= room {
        return want.to_vec();
    }
    if low >= room {
        return min.to_vec();
    }
    let mut widths = min.to_vec();
    let mut left = room - low;
    loop {
        let hungry: Vec<usize> = (0..widths.len()).filter(|&k| widths[k] < want[k]).collect();
        if hungry.is_empty() || left == 0 {
            break;
        }
        let share = left / hungry.len();
        if share == 0 {
            for &k in hungry.iter().take(left) {
                widths[k] += 1;
            }
            break;
        }
        for k in hungry {
            let give = share.min(want[k] - widths[k]);
            widths[k] += give;
            left -= give;
        }
    }
    widths
}

fn fit_table(header: &[&str], rows: Vec<Vec<String>>, width: u16, first_whole: bool) -> String {
    let n = header.len();
    let (mut min, mut want) = (vec![0; n], vec![0; n]);
    let cells = std::iter::once(header.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>())
        .chain(rows.iter().cloned());
    for row in cells {
        for (k, c) in row.iter().enumerate().take(n) {
            // A header is read once: it may break at its hyphens, never the ids below it.
            let hyphens = !(first_whole && k == 0);
            min[k] = min[k].max(longest_piece(c, hyphens));
            want[k] = want[k].max(c.split('\n').map(display_width).max().unwrap_or(0));
        }
    }
    // Borders: one before each column and one after the last; one space of padding each side.
    let room = usize::from(width).saturating_sub(3 * n + 1);
    let widths = column_widths(&min, &want, room);
    let fill = |k: usize, c: &str| -> String {
        if first_whole && k == 0 {
            c.to_owned()
        } else {
            wrap(c, widths[k]).join("\n")
        }
    };
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .force_no_tty()
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(
            header
                .iter()
                .enumerate()
                .map(|(k, h)| wrap(h, widths[k]).join("\n")),
        );
    for r in rows {
        t.add_row(r.iter().enumerate().map(|(k, c)| fill(k, c)));
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
    fn narrow_tables_wrap_between_words_only() {
        let header = crate::plan_text::SESSION_HEADER;
        let rows = vec![vec![
            "➔ Accompagner l'usager vers les services en ligne — approfondissement".to_owned(),
            "Agent d'accueil, Officier d'état civil, Agent polyvalent-rural".to_owned(),
            "41".to_owned(),
            "3 intra 7\u{a0}200\u{a0}€".to_owned(),
            "82".to_owned(),
            "P6, P23, P37 ; score 302".to_owned(),
        ]];
        for width in [60, 80, 100, 160] {
            let t = text_table(&header, rows.clone(), width);
            // At 60 the longest words do not fit: the table widens rather than cut them.
            let limit = width.max(80);
            assert!(
                t.lines().all(|l| display_width(l) <= usize::from(limit)),
                "{width}: {t}"
            );
            // Every word is whole on one line, or broken after one of its hyphens.
            for cell in rows[0].iter().map(String::as_str).chain(header) {
                for word in words(cell) {
                    for piece in word_pieces(word, true) {
                        assert!(t.contains(piece), "{width}: `{piece}` cut in\n{t}");
                    }
                }
            }
            // A line never starts with a semicolon.
            assert!(!t.contains("┆ ;"), "{t}");
        }
        // Wide enough, nothing wraps.
        let t = text_table(&header, rows.clone(), 250);
        assert!(t.contains(&rows[0][0]) && t.contains(&rows[0][1]), "{t}");
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_hyphens_never_inside_a_word() {
        assert_eq!(
            wrap("Budget de formation : 22 jours-stagiaires par an", 20),
            ["Budget de", "formation :", "22 jours-stagiaires", "par an"]
        );
        // A word wider than the line stands alone, whole.
        assert_eq!(
            wrap("a téléconsultation b", 5),
            ["a", "téléconsultation", "b"]
        );
        // Never after a single letter (`e-`), after a hyphen between words otherwise.
        assert_eq!(wrap("les e-services", 6), ["les", "e-services"]);
        assert_eq!(wrap("agent-interventions", 10), ["agent-", "interventions"]);
        // A number and its unit bind.
        assert_eq!(wrap("lignes, 10 j, 0 €", 8), ["lignes,", "10 j,", "0 €"]);
        assert_eq!(wrap("0 jour ; 8 élus", 7), ["0 jour ;", "8 élus"]);
        assert_eq!(
            wrap("Pix 2.1, 4.2 + 1 module", 14),
            ["Pix 2.1, 4.2 +", "1 module"]
        );
        assert_eq!(wrap("« Formation »", 3), ["« Formation »"]);
        // A no-break space binds; line ends are kept.
        assert_eq!(
            wrap("3 intra 7\u{a0}200\u{a0}€", 7),
            ["3 intra", "7\u{a0}200\u{a0}€"]
        );
        assert_eq!(wrap("un\ndeux trois", 40), ["un", "deux trois"]);
        // The prose of a report: continuation lines indented, tables untouched.
        let long = format!("  {}\n┌{}┐\n", "mot ".repeat(30).trim_end(), "─".repeat(90));
        let wrapped = wrap_prose(&long, 40);
        assert!(wrapped.lines().next().unwrap().starts_with("  mot"));
        assert!(wrapped.lines().nth(1).unwrap().starts_with("    mot"));
        assert!(wrapped.ends_with(&format!("┌{}┐\n", "─".repeat(90))));
        assert!(
            wrapped
                .lines()
                .filter(|l| !l.starts_with('┌'))
                .all(|l| display_width(l) <= 40)
        );
    }

    #[test]
    fn columns_share_the_room_beyond_their_minimum() {
        // Everything fits: each column as wide as its content.
        assert_eq!(column_widths(&[3, 5], &[10, 20], 40), [10, 20]);
        // Not even the minimum: the minimum (the table is wider than asked).
        assert_eq!(column_widths(&[10, 20], &[30, 40], 25), [10, 20]);
        // Between: the room beyond the minimum shared evenly, a column taking no more than it
        // wants, the rest to the others.
        assert_eq!(column_widths(&[5, 5, 4], &[45, 25, 4], 44), [20, 20, 4]);
        assert_eq!(column_widths(&[5, 5, 4], &[45, 9, 6], 44), [29, 9, 6]);
        assert_eq!(column_widths(&[1, 1, 1], &[9, 9, 9], 7), [3, 2, 2]);
    }
}
