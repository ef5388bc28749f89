//! The statutory reserve from the command line: every plan format shows it year by year (the
//! whole training budget, the reserve, the digital days available and used), `--budget-days`
//! is the whole budget, and a profile or a run whose budget does not cover the reserve is
//! refused.

use crate::common::*;
use calamine::{Data, Reader, Xlsx};
use serde_json::Value;

/// The example whose profile gives statutory counts: 1,980 days a year, 546 reserved.
fn example() -> String {
    root()
        .join("examples/profiles/intercommunalite.ron")
        .to_str()
        .unwrap()
        .to_owned()
}

#[test]
fn every_format_shows_the_reserve_year_by_year() {
    let p = example();
    let plan: Value = serde_json::from_str(&ok(&["plan", &p, "--format", "json"])).unwrap();
    let r = &plan["statutory"];
    assert_eq!(r["basis"], "counts");
    assert_eq!(r["budget_days_per_year"], 1980.0);
    assert_eq!(r["reserve_days_per_year"], 546.0);
    assert_eq!(r["digital_days_per_year"], 1434.0);
    assert_eq!(r["lines"].as_array().unwrap().len(), 8);
    assert!(r["source"].as_str().unwrap().contains("2008-512"));
    let years = plan["years"].as_array().unwrap();
    for y in years {
        assert_eq!(y["training_budget_days"], 1980.0);
        assert_eq!(y["statutory_days"], 546.0);
        assert_eq!(y["budget_days"], 1434.0);
        assert!(y["days_used"].as_f64().unwrap() <= 1434.0);
    }
    // Each year's row, as the terminal and Markdown write it, in their tables.
    let table = ok(&["plan", &p]);
    let md = ok(&["plan", &p, "--format", "md"]);
    let html = ok(&["plan", &p, "--format", "html"]);
    assert!(table.contains("Budget de formation et réserve statutaire"));
    assert!(md.contains("## Budget de formation et réserve statutaire"));
    assert!(html.contains("id=\"reserve-statutaire\""));
    for y in years {
        let used = y["days_used"].as_f64().unwrap();
        // Text reports group thousands with no-break spaces (the plan's days are tenths).
        let used = parcours::planner::plan::Days((used * 10.0).round() as u64)
            .french()
            .to_string();
        let year = y["year"].to_string();
        assert!(
            md.contains(&format!(
                "| {year} | 1\u{a0}980 | 546 | 1\u{a0}434 | {used} |"
            )),
            "Markdown, {year}"
        );
        let row = table
            .lines()
            .find(|l| l.starts_with(&format!("│ {year} ")))
            .unwrap_or_else(|| panic!("terminal, {year}"));
        let cells: Vec<&str> = row.split(['│', '┆']).map(str::trim).collect();
        assert_eq!(
            cells[1..6],
            [year.as_str(), "1\u{a0}980", "546", "1\u{a0}434", &used]
        );
        assert!(
            html.contains(&format!(
                "<td class=\"tight\">{year}</td><td class=\"num\">1\u{a0}980</td><td class=\"num\">546</td><td class=\"num\">1\u{a0}434</td><td class=\"num\">{used}</td>"
            )),
            "HTML, {year}"
        );
    }
    for text in [&table, &md, &html] {
        assert!(
            text.contains("intégration") && text.contains("n° 2008-512"),
            "{text}"
        );
        assert!(text.contains("ne comptent pas comme jours de formation statutaire"));
    }
    // CSV: one reserve row opening each year.
    let csv_text = ok(&["plan", &p, "--format", "csv"]);
    let reserve_rows: Vec<&str> = csv_text
        .lines()
        .filter(|l| l.contains("Réserve statutaire (décret n° 2008-512)"))
        .collect();
    assert_eq!(reserve_rows.len(), years.len());
    assert!(reserve_rows[0].starts_with("2027,"));
    assert!(reserve_rows[0].contains(
        "budget de formation 1980.0 j ; réserve statutaire 546.0 j ; disponible pour le numérique 1434.0 j"
    ));
    // XLSX: the Synthèse sheet's year table has the four columns.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plan.xlsx");
    ok(&["plan", &p, "--format", "xlsx", "-o", out.to_str().unwrap()]);
    let mut wb: Xlsx<_> = calamine::open_workbook(&out).expect("opens");
    let range = wb.worksheet_range("Synthèse").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let header = rows
        .iter()
        .position(|r| {
            r.first()
                .is_some_and(|c| *c == Data::String("Année".into()))
        })
        .expect("the year table");
    let names: Vec<String> = rows[header].iter().map(|c| c.to_string()).collect();
    let at = |n: &str| names.iter().position(|h| h == n).unwrap();
    for (k, y) in years.iter().enumerate() {
        let row = rows[header + 1 + k];
        assert_eq!(row[0], Data::Float(y["year"].as_f64().unwrap()));
        assert_eq!(row[at("Budget de formation (jours)")], Data::Float(1980.0));
        assert_eq!(row[at("Réserve statutaire (jours)")], Data::Float(546.0));
        assert_eq!(
            row[at("Disponible pour le numérique (jours)")],
            Data::Float(1434.0)
        );
        assert_eq!(
            row[at("Utilisé par le numérique (jours)")],
            Data::Float(y["days_used"].as_f64().unwrap())
        );
    }
}

#[test]
fn budget_days_is_the_whole_training_budget() {
    let p = example();
    // What 454 digital days leave out is said on standard error.
    let (out, _) = ok_warned(&["plan", &p, "--format", "json", "--budget-days", "1000"]);
    let plan: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(plan["profile"]["budget_days_per_year"], 1000);
    assert_eq!(plan["statutory"]["reserve_days_per_year"], 546.0);
    assert_eq!(plan["years"][0]["budget_days"], 454.0);
    // Below the reserve: refused, naming the option and the days needed.
    let o = parcours(&["plan", &p, "--budget-days", "500"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("--budget-days 500") && e.contains("546"), "{e}");
    assert!(stdout(&o).is_empty());
}

#[test]
fn a_profile_whose_budget_does_not_cover_the_reserve_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(example())
        .unwrap()
        .replace("days_per_year: 1980,", "days_per_year: 400,");
    let path = write(dir.path(), "p.ron", &text);
    let o = parcours(&["plan", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("(champ `budget.days_per_year`)"), "{e}");
    assert!(e.contains("il manque 146 jours"), "{e}");
    let line = text
        .lines()
        .position(|l| l.contains("days_per_year: 400,"))
        .unwrap()
        + 1;
    assert!(e.contains(&format!("p.ron:{line}:")), "{e}");
}
