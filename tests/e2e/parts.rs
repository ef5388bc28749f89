//! `plan --part executive|annex|full`: the executive part of a large plan is short, the annex
//! holds the detailed tables, the exports keep everything.

use crate::common::*;

fn plan(profile: &str, format: &str, part: &str) -> String {
    let path = root().join(profile);
    let (out, _) = ok_warned(&[
        "plan",
        path.to_str().unwrap(),
        "--format",
        format,
        "--part",
        part,
    ]);
    out
}

#[test]
fn the_executive_part_and_the_annex_split_the_report() {
    let profile = "examples/profiles/departement-15.ron";
    let exec = plan(profile, "md", "executive");
    let annex = plan(profile, "md", "annex");
    let full = plan(profile, "md", "full");
    for section in [
        "## Ce que le plan ne fait pas",
        "## Synthèse",
        "## Totaux par année",
        "## Préconisations prioritaires ➔",
        "## Courbe budgétaire",
        "## Par groupe de métiers",
        "## Coût par canal de financement",
    ] {
        assert!(exec.contains(section), "{section}");
        assert!(!annex.contains(section), "{section}");
        assert!(full.contains(section), "{section}");
    }
    for section in [
        "## Plan par année",
        "## Parcours par métier",
        "## Non financé",
        "## Indicateurs par préconisation",
    ] {
        assert!(!exec.contains(section), "{section}");
        assert!(annex.contains(section), "{section}");
        assert!(full.contains(section), "{section}");
    }
    assert!(exec.contains("--part annex"));
    // The groups of the roll-up are the profile's session groups.
    for g in [
        "Routes",
        "Collèges et bâtiments",
        "Solidarités",
        "autres métiers",
    ] {
        assert!(exec.contains(&format!("| {g} |")), "{g}");
    }
    assert!(exec.lines().count() < 150, "{}", exec.lines().count());
    // The Pix competences are one row per métier, not sixteen.
    let paths = &full[full.find("## Parcours par métier").unwrap()..];
    let paths = &paths[..paths.find("\n## ").unwrap()];
    assert!(!paths.contains("| `pix-2-3-s` |"));
    assert!(paths.contains("| parcours Pix : "));
    // Without session groups, the roll-up is per field of action.
    let dep = plan("examples/profiles/departement.ron", "md", "executive");
    assert!(dep.contains("## Par domaine d'action"));
    // The terminal too.
    let table = plan(profile, "table", "executive");
    assert!(table.contains("Totaux par année :"));
    assert!(!table.contains("Non financé, le détail"));
    let table = plan(profile, "table", "annex");
    assert!(!table.contains("Totaux par année :"));
}

#[test]
fn the_exports_keep_everything() {
    let path = root().join("examples/profiles/commune-rurale.ron");
    for format in ["csv", "json", "xlsx"] {
        let o = parcours(&[
            "plan",
            path.to_str().unwrap(),
            "--format",
            format,
            "--part",
            "executive",
        ]);
        assert_eq!(o.status.code(), Some(2), "{format}");
        assert!(
            stderr(&o).contains("--part ne s'applique qu'aux rapports à lire"),
            "{}",
            stderr(&o)
        );
    }
    // `full` is the default and allowed everywhere.
    ok(&[
        "plan",
        path.to_str().unwrap(),
        "--format",
        "json",
        "--part",
        "full",
    ]);
}

/// The executive part of the département's HTML prints on at most 6 A4 pages: printed to PDF
/// with headless Chromium (`chromium --headless --no-sandbox --print-to-pdf=…`), the PDF's
/// page objects counted. Skipped, said on standard error, where Chromium is not installed.
#[test]
fn the_executive_part_prints_on_six_pages_at_most() {
    let dir = tempfile::tempdir().unwrap();
    for profile in ["departement-15", "departement"] {
        let html = dir.path().join(format!("{profile}.html"));
        let pdf = dir.path().join(format!("{profile}.pdf"));
        let src = root().join(format!("examples/profiles/{profile}.ron"));
        let (_, _) = ok_warned(&[
            "plan",
            src.to_str().unwrap(),
            "--format",
            "html",
            "--part",
            "executive",
            "-o",
            html.to_str().unwrap(),
        ]);
        let size = std::fs::metadata(&html).unwrap().len();
        assert!(size < 100_000, "{profile}: {size} bytes");
        let run = std::process::Command::new("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                &format!("--print-to-pdf={}", pdf.display()),
                &format!("file://{}", html.display()),
            ])
            .output();
        let Ok(run) = run else {
            eprintln!("chromium absent: the page count is not checked");
            return;
        };
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let bytes = std::fs::read(&pdf).unwrap();
        let pages = bytes
            .windows(12)
            .filter(|w| w.starts_with(b"/Type /Page") && w[11] != b's')
            .count();
        assert!((1..=6).contains(&pages), "{profile}: {pages} pages");
    }
}
