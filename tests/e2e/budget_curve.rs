//! `budget-curve`, end to end: every format, its options and their limits, `-o`.

use crate::common::*;
use serde_json::Value;

fn rural() -> String {
    root()
        .join("examples/profiles/commune-rurale.ron")
        .to_str()
        .unwrap()
        .to_owned()
}

fn curve_json(args: &[&str]) -> Value {
    let mut all = vec!["budget-curve"];
    all.extend(args);
    all.extend(["--format", "json"]);
    serde_json::from_str(&ok(&all)).expect("curve JSON")
}

/// The points of a curve's JSON: (budget, kept_from, objective as a tuple).
fn points(v: &Value) -> Vec<(u64, Option<u64>, [u128; 4])> {
    v["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let o = &p["objective"];
            let level = |k: &str| o[k].as_u64().map(u128::from).unwrap_or(0);
            (
                p["budget_days"].as_u64().unwrap(),
                p["kept_from"].as_u64(),
                [
                    level("socle"),
                    level("goals"),
                    level("short_term"),
                    level("total"),
                ],
            )
        })
        .collect()
}

#[test]
fn the_curve_rises_to_where_the_plan_stops_improving() {
    let p = rural();
    let v = curve_json(&[&p]);
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["steps"], 20);
    let pts = points(&v);
    let end = v["end"]["days"].as_u64().unwrap();
    assert!(end > 0);
    assert!(["ceiling", "plateau"].contains(&v["end"]["reason"].as_str().unwrap()));
    assert_eq!(pts.first().unwrap().0, 0);
    assert_eq!(pts.last().unwrap().0, end);
    assert!(pts.windows(2).all(|w| w[0].0 < w[1].0 && w[0].2 <= w[1].2));
    // The plan at the last budget is its own, and a larger budget does no better.
    let last = pts.last().unwrap();
    let more = curve_json(&[&p, "--max-days", &(end * 2).to_string(), "--steps", "1"]);
    assert_eq!(points(&more).last().unwrap().2, last.2);
    // Each point's plan is the plan at its budget unless it says whose it keeps.
    for (budget, kept, objective) in &pts {
        let (out, warned) = ok_warned(&[
            "plan",
            &p,
            "--format",
            "json",
            "--budget-days",
            &budget.to_string(),
        ]);
        // Only a budget of 0 plans nothing, and says so; a small budget may warn of what it
        // leaves out.
        assert_eq!(
            warned.contains("le plan ne programme aucune formation"),
            *budget == 0,
            "{budget}: {warned}"
        );
        let plan: Value = serde_json::from_str(&out).unwrap();
        let o = &plan["indicators"]["objective"];
        let own: [u128; 4] = ["socle", "goals", "short_term", "total"]
            .map(|k| o[k].as_u64().map(u128::from).unwrap_or(0));
        match kept {
            None => assert_eq!(&own, objective, "{budget}"),
            Some(b) => assert!(b < budget && &own < objective, "{budget}"),
        }
    }
    assert_eq!(
        v["current"]["budget_days"],
        v["profile"]["budget_days_per_year"]
    );
}

#[test]
fn steps_and_max_days_give_the_points() {
    let p = rural();
    let v = curve_json(&[&p, "--steps", "4", "--max-days", "40"]);
    let budgets: Vec<u64> = points(&v).iter().map(|x| x.0).collect();
    assert_eq!(budgets, [0, 10, 20, 30, 40]);
    assert_eq!(v["end"]["reason"], "asked");
    let pts = v["points"].as_array().unwrap();
    assert!(pts[..4].iter().all(|p| p["gain"].is_object()));
    assert!(pts[4].get("gain").is_none());
    // The gain is the next point's share less this one's, level by level.
    for w in pts.windows(2) {
        let d = w[1]["levels"]["overall"].as_f64().unwrap()
            - w[0]["levels"]["overall"].as_f64().unwrap();
        let g = w[0]["gain"]["overall"].as_i64().unwrap();
        assert_eq!(g, (d * 10.0).round() as i64);
    }
}

#[test]
fn every_format_says_the_same_in_french() {
    let p = rural();
    let args = [p.as_str(), "--steps", "4", "--max-days", "20"];
    let run = |format: &str| {
        let mut all = vec!["budget-curve"];
        all.extend(args);
        all.extend(["--format", format]);
        ok(&all)
    };
    let table = run("table");
    assert!(table.starts_with("Courbe budgétaire — "));
    assert!(table.contains("➔ 5 ans") && table.contains("Budget actuel : "));
    assert!(table.contains("préconisations ➔ à 5 ans"));
    assert_eq!(
        table,
        ok(&["budget-curve", &p, "--steps", "4", "--max-days", "20"])
    );
    let md = run("md");
    assert!(md.starts_with("# Courbe budgétaire — "));
    assert!(md.contains("| Jours-stagiaires par an |") && md.contains("| 20 |"));
    let html = run("html");
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<html lang=\"fr\">"));
    assert!(html.contains("<svg id=\"chart-curve\"") && html.contains("budget actuel : "));
    assert_eq!(
        html.matches("<polyline").count(),
        3,
        "➔, short term, horizon"
    );
    assert!(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"));
    let csv = run("csv");
    let mut lines = csv.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("jours_par_an,socle_5_ans,")
    );
    let budgets: Vec<&str> = lines.map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(budgets, ["0", "5", "10", "15", "20"]);
    let excel = ok(&[
        "budget-curve",
        &p,
        "--steps",
        "4",
        "--max-days",
        "20",
        "--format",
        "csv",
        "--csv-style",
        "excel",
    ]);
    assert!(excel.starts_with("\u{feff}jours_par_an;socle_5_ans;"));
    assert!(excel.contains("\r\n") && excel.contains(','));
    // Same input, same bytes.
    assert_eq!(run("json"), run("json"));
}

#[test]
fn the_socle_first_adds_its_level() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(rural()).unwrap();
    assert!(!text.contains("socle_first"));
    let text = text.replacen("budget:", "socle_first: true,\n    budget:", 1);
    let path = write(dir.path(), "socle.ron", &text);
    let v = curve_json(&[path.to_str().unwrap(), "--steps", "2", "--max-days", "20"]);
    assert_eq!(v["socle_first"], true);
    assert!(v["points"][2]["levels"]["socle"].is_number());
    let html = ok(&[
        "budget-curve",
        path.to_str().unwrap(),
        "--steps",
        "2",
        "--max-days",
        "20",
        "--format",
        "html",
    ]);
    assert_eq!(html.matches("<polyline").count(), 4);
    assert!(html.contains("Socle pour tous à 5 ans"));
}

#[test]
fn bad_options_are_refused_in_french() {
    let p = rural();
    for (args, message) in [
        (
            vec!["--steps", "0"],
            "--steps 0 : nombre de paliers hors limites : de 1 à 100",
        ),
        (
            vec!["--steps", "101"],
            "--steps 101 : nombre de paliers hors limites",
        ),
        (
            vec!["--max-days", "0"],
            "--max-days 0 : budget maximal hors limites",
        ),
        (
            vec!["--max-days", "5000001"],
            "--max-days 5000001 : budget maximal hors limites : de 1 à 5000000 jours-stagiaires par an",
        ),
    ] {
        let mut all = vec!["budget-curve", p.as_str()];
        all.extend(&args);
        let o = parcours(&all);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(message), "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty());
    }
    let o = parcours(&["budget-curve", "/no/such/profile.ron"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn output_files_are_written_whole_and_never_over_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(rural()).unwrap();
    let profile = write(dir.path(), "p.ron", &text);
    let p = profile.to_str().unwrap();
    let out = dir.path().join("curve.html");
    ok(&[
        "budget-curve",
        p,
        "--steps",
        "2",
        "--format",
        "html",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        ok(&["budget-curve", p, "--steps", "2", "--format", "html"])
    );
    // The profile itself: refused, left as it was.
    let o = parcours(&["budget-curve", p, "-o", p]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&profile).unwrap(), text);
    // A bad option writes nothing.
    let none = dir.path().join("none.json");
    let o = parcours(&[
        "budget-curve",
        p,
        "--steps",
        "0",
        "-o",
        none.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!none.exists());
    let o = parcours(&["budget-curve", p, "-o", "/no/such/dir/curve.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("le dossier /no/such/dir n'existe pas"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

/// A profile with a statutory reserve: the budget is the whole training budget, so the curve
/// starts at the reserve (546 days for the intercommunality) and says so; a last budget below
/// it is refused (exit 2), and nothing below it is ever planned.
#[test]
fn the_curve_starts_at_the_statutory_reserve() {
    let p = root()
        .join("examples/profiles/intercommunalite.ron")
        .to_str()
        .unwrap()
        .to_owned();
    let v = curve_json(&[&p, "--steps", "2", "--max-days", "1000"]);
    assert_eq!(v["start_days"], 546);
    let budgets: Vec<u64> = points(&v).iter().map(|p| p.0).collect();
    assert_eq!(budgets, [546, 773, 1000]);
    // At the reserve, nothing is left for the digital plan.
    assert_eq!(v["points"][0]["days_used"].as_f64(), Some(0.0));
    let md = ok(&[
        "budget-curve",
        &p,
        "--steps",
        "2",
        "--max-days",
        "1000",
        "--format",
        "md",
    ]);
    assert!(md.contains("elle commence à la réserve statutaire du profil, 546 jours-stagiaires"));
    let o = parcours(&["budget-curve", &p, "--max-days", "100"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--max-days 100 : budget maximal inférieur à la réserve statutaire"),
        "{}",
        stderr(&o)
    );
}

/// Each point splits its cost by funding channel, in every format: the channels' euros add up
/// to the point's cost (inter-collectivity places cost nothing).
#[test]
fn each_point_splits_its_cost_by_channel() {
    let p = root()
        .join("examples/profiles/ville-40000.ron")
        .to_str()
        .unwrap()
        .to_owned();
    let v = curve_json(&[&p, "--steps", "2", "--max-days", "600"]);
    let last = &v["points"][2];
    let channels = last["by_channel"].as_array().unwrap();
    assert!(channels.iter().any(|c| c["channel"] == "intra"));
    let sum: u64 = channels.iter().map(|c| c["cost"].as_u64().unwrap()).sum();
    assert_eq!(Some(sum), last["cost"].as_u64());
    let csv = ok(&[
        "budget-curve",
        &p,
        "--steps",
        "2",
        "--max-days",
        "600",
        "--format",
        "csv",
    ]);
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .contains(",coût,coût_intra,coût_organisme_payant,coût_autoformation,")
    );
    let md = ok(&[
        "budget-curve",
        &p,
        "--steps",
        "2",
        "--max-days",
        "600",
        "--format",
        "md",
    ]);
    assert!(md.contains("€ (intra "), "{md}");
}
