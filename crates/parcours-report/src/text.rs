//! Small text helpers shared by the renderers: Markdown escaping, truncation, tables.

use comfy_table::{
    ColumnConstraint, ContentArrangement, Table, Width, presets::UTF8_FULL_CONDENSED,
};

/// Escapes the characters that would break a Markdown table cell.
pub fn md_cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\n', " ")
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
            "3".to_owned(),
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
