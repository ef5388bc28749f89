//! What parcours writes is safe to open (issue 18): names that look like spreadsheet formulas
//! are neutralised in every CSV file, names that look like Markdown render as text.

use crate::common::*;

/// A profile named like a formula and like Markdown, with a declared métier named the same way.
const HOSTILE: &str = r#"(
    name: "=HYPERLINK(\"http://x\",\"clic\") # Titre | [lien](http://x)",
    kind: Commune,
    department: "35",
    first_year: 2027,
    staff: [
        (metier: "charge-accueil", headcount: 2),
        (metier: "gardien-de-phare", headcount: 3),
    ],
    budget: (days_per_year: 60, max_days_per_agent: 5),
    custom_metiers: [
        (id: "gardien-de-phare", name: "@SUM(1+1) <b>gras</b> *x*", targets: [
            (competency: "pix-1-1", year10: Approfondissement),
        ]),
    ],
)
"#;

/// Is `cell` one a spreadsheet could run as a formula?
fn formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// The rows of a CSV text (byte-order mark dropped).
fn rows(text: &str, delimiter: u8) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.expect("valid CSV").iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn plan_csv_in_both_styles_neutralises_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let profile = write(dir.path(), "profile.ron", HOSTILE);
    let profile = profile.to_str().unwrap();
    for (style, delimiter) in [("standard", b','), ("excel", b';')] {
        let text = ok(&["plan", profile, "--format", "csv", "--csv-style", style]);
        let rows = rows(&text, delimiter);
        let metier = rows[0].iter().position(|h| h == "métier").unwrap();
        let custom: Vec<&Vec<String>> = rows
            .iter()
            .filter(|r| r[metier] == "'@SUM(1+1) <b>gras</b> *x*")
            .collect();
        assert!(
            !custom.is_empty(),
            "{style}: the declared métier is planned"
        );
        for r in &rows {
            for cell in r {
                assert!(!formula(cell), "{style}: `{cell}` could run as a formula");
            }
        }
    }
}

#[test]
fn plan_markdown_renders_names_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let profile = write(dir.path(), "profile.ron", HOSTILE);
    let md = ok(&["plan", profile.to_str().unwrap(), "--format", "md"]);
    let first = md.lines().next().unwrap();
    assert_eq!(
        first,
        r#"# Plan de formation au numérique — \=HYPERLINK("http\://x","clic") \# Titre | \[lien\](http\://x)"#
    );
    assert!(
        md.contains(r"### \@SUM(1+1) \<b\>gras\</b\> \*x\* (`gardien-de-phare`)"),
        "{md}"
    );
    for raw in ["[lien](", "<b>", "*x*"] {
        assert!(!md.contains(raw), "`{raw}` left as Markdown:\n{md}");
    }
}

fn commune(name: &str) -> String {
    format!(
        "(name: \"{name}\", kind: Commune, department: \"35\", intercommunality: \"epci-1\", first_year: 2027, maturity: Initial,\n staff: [(metier: \"charge-accueil\", headcount: 3)],\n budget: (days_per_year: 500, max_days_per_agent: 20))\n"
    )
}

#[test]
fn batch_csv_files_neutralise_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let profiles = dir.path().join("profiles");
    std::fs::create_dir(&profiles).unwrap();
    // In batch reports a collectivity is named by its file (sessions.csv) and its name.
    write(&profiles, "=1+1.ron", &commune("=HYPERLINK(\\\"x\\\")"));
    write(&profiles, "@a.ron", &commune("+33 1 23"));
    let out = dir.path().join("out");
    let o = parcours(&[
        "batch",
        profiles.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let read = |name: &str| std::fs::read_to_string(out.join(name)).expect(name);
    let sessions = rows(&read("sessions.csv"), b',');
    assert!(
        sessions
            .iter()
            .any(|r| r[..2] == ["'=1+1", "'=HYPERLINK(\"x\")"]),
        "{sessions:?}"
    );
    assert!(sessions.iter().any(|r| r[..2] == ["'@a", "'+33 1 23"]));
    let pooling = rows(&read("pooling.csv"), b',');
    assert!(pooling.len() > 1, "the two communes pool sessions");
    assert!(
        pooling[1..].iter().any(|r| r[6].starts_with("'=HYPERLINK")),
        "{pooling:?}"
    );
    for name in [
        "sessions.csv",
        "pooling.csv",
        "national-demand.csv",
        "departmental-demand.csv",
    ] {
        for r in rows(&read(name), b',') {
            for cell in r {
                assert!(!formula(&cell), "{name}: `{cell}` could run as a formula");
            }
        }
    }
    // The Markdown report lists the shared sessions by name, as text.
    let md = read("national-demand.md");
    assert!(md.contains(r"\+33 1 23 (3) ; \=HYPERLINK"), "{md}");
}
