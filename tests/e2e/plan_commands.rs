//! `plan` and `profile`, end to end.

use crate::common::*;
use serde_json::Value;

fn template(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("profile.ron");
    ok(&["profile", "init", "-o", path.to_str().unwrap()]);
    path
}

fn plan_json(args: &[&str]) -> Value {
    serde_json::from_str(&ok(args)).expect("plan JSON")
}

#[test]
fn profile_init_writes_a_plannable_profile_and_never_clobbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = template(dir.path());
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text, ok(&["profile", "init"]));
    assert!(text.contains("secretaire-de-mairie"));
    let again = parcours(&["profile", "init", "-o", path.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("existe déjà : ajoutez --force pour le remplacer"));
    ok(&["profile", "init", "-o", path.to_str().unwrap(), "--force"]);
}

#[test]
fn plan_json_contract() {
    let dir = tempfile::tempdir().unwrap();
    let path = template(dir.path());
    let v = plan_json(&["plan", path.to_str().unwrap(), "--format", "json"]);
    for key in [
        "profile",
        "years",
        "paths",
        "unfunded",
        "indicators",
        "reconversions",
        "needs",
        "schema_version",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    let years = v["years"].as_array().unwrap();
    assert_eq!(years.len(), 10);
    assert_eq!(years[0]["year"], 2027);
    let mut total_days = 0.0;
    for y in years {
        for key in ["year", "budget_days", "days_used", "sessions"] {
            assert!(y.get(key).is_some(), "missing {key}");
        }
        assert!(y["days_used"].as_f64().unwrap() <= y["budget_days"].as_f64().unwrap());
        let mut days = 0.0;
        for s in y["sessions"].as_array().unwrap() {
            for key in [
                "module",
                "by_metier",
                "agents",
                "sessions",
                "days",
                "recommendations",
                "score",
            ] {
                assert!(s.get(key).is_some(), "missing {key} in {s}");
            }
            assert!(!s["recommendations"].as_array().unwrap().is_empty());
            let by_metier = s["by_metier"].as_array().unwrap();
            assert!(!by_metier.is_empty());
            let agents: u64 = by_metier
                .iter()
                .map(|m| m["agents"].as_u64().unwrap())
                .sum();
            assert_eq!(agents, s["agents"].as_u64().unwrap(), "{s}");
            assert!(by_metier.iter().all(|m| m["metier"].is_string()));
            days += s["days"].as_f64().unwrap();
        }
        assert!(
            (days - y["days_used"].as_f64().unwrap()).abs() < 1e-6,
            "lines add up to the year"
        );
        total_days += days;
    }
    assert!((total_days - v["indicators"]["days_used"].as_f64().unwrap()).abs() < 1e-6);
    // Same input, same bytes.
    assert_eq!(
        ok(&["plan", path.to_str().unwrap(), "--format", "json"]),
        ok(&["plan", path.to_str().unwrap(), "--format", "json"])
    );
}

/// A profile that lets no agent train (`max_days_per_agent: 0`) plans nothing and says so on
/// standard error, in every format, the plan itself unchanged; a budget that plans something
/// gets no warning.
#[test]
fn a_profile_that_plans_nothing_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = template(dir.path());
    let text = std::fs::read_to_string(&path).unwrap();
    let (_, none) = ok_warned(&["plan", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(none, "");
    let zero = dir.path().join("zero.ron");
    let edited = regex_free_replace(&text, "max_days_per_agent: ", "max_days_per_agent: 0, // ");
    std::fs::write(&zero, edited).unwrap();
    let z = zero.to_str().unwrap();
    for format in ["table", "json", "csv"] {
        let (out, warned) = ok_warned(&["plan", z, "--format", format]);
        assert!(!out.is_empty(), "{format}");
        assert!(
            warned.starts_with("attention : `budget.max_days_per_agent` vaut 0 : aucun agent ne peut partir en formation"),
            "{format}: {warned}"
        );
        assert_eq!(warned.lines().count(), 2, "{warned}");
    }
    let v: Value = serde_json::from_str(&ok_warned(&["plan", z, "--format", "json"]).0).unwrap();
    assert!(schedules_nothing(&v));
    // Both at once: both said.
    let (_, both) = ok_warned(&["plan", z, "--format", "json", "--budget-days", "0"]);
    assert_eq!(both.matches("attention : ").count(), 2, "{both}");
}

/// Whether a plan (JSON) has no session in any year.
fn schedules_nothing(plan: &Value) -> bool {
    plan["years"]
        .as_array()
        .unwrap()
        .iter()
        .all(|y| y["sessions"].as_array().unwrap().is_empty())
}

/// `text` with the first `from` replaced by `to`, `from` required.
fn regex_free_replace(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "`{from}` not in the template");
    text.replacen(from, to, 1)
}

#[test]
fn plan_options_and_formats() {
    let dir = tempfile::tempdir().unwrap();
    let path = template(dir.path());
    let p = path.to_str().unwrap();
    let v = plan_json(&["plan", p, "--format", "json", "--horizon", "5"]);
    assert_eq!(v["years"].as_array().unwrap().len(), 5);
    // Zero budget: a valid, empty plan with every need unfunded, and a warning that says so.
    let (out, warned) = ok_warned(&["plan", p, "--format", "json", "--budget-days", "0"]);
    assert_eq!(
        warned,
        "attention : le budget de formation est de 0 jour-stagiaire par an : le plan ne programme aucune formation, tous les besoins restent non financés\n  = aide : donnez le budget en jours-stagiaires par an dans `budget.days_per_year` du profil, ou avec --budget-days N\n"
    );
    let v: Value = serde_json::from_str(&out).expect("plan JSON");
    assert!(schedules_nothing(&v));
    assert!(!v["unfunded"].as_array().unwrap().is_empty());
    assert!(
        v["unfunded"]
            .as_array()
            .unwrap()
            .iter()
            .all(|u| u["reason"] == "budget")
    );
    let table = ok(&["plan", p]);
    assert!(table.contains("Plan de formation — Commune de Saint-Exemple"));
    assert!(table.contains("Année 2027"));
    let explained = ok(&["plan", p, "--explain"]);
    assert!(explained.contains("; score\u{a0}") && explained.contains("P23"));
    let md_explained = ok(&["plan", p, "--format", "md", "--explain"]);
    assert!(md_explained.contains("base 100") && md_explained.contains("préconisations P"));
    let md = ok(&["plan", p, "--format", "md"]);
    assert!(md.starts_with("# Plan de formation au numérique — Commune de Saint-Exemple"));
    assert!(
        md.contains("## Parcours par métier") && md.contains("## Indicateurs par préconisation")
    );
    let out = dir.path().join("plan.md");
    ok(&["plan", p, "--format", "md", "-o", out.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), md);
    for bad in [
        ["--horizon", "0"],
        ["--horizon", "99"],
        ["--budget-days", "999999999"],
    ] {
        let o = parcours(&["plan", p, bad[0], bad[1]]);
        assert_eq!(o.status.code(), Some(2), "{bad:?}");
    }
    let o = parcours(&["plan", p, "-o", "/no/such/dir/plan.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("le dossier /no/such/dir n'existe pas"));
}

/// A broken profile: exit 2, the message, the location, no output file.
fn rejects(name: &str, text: &str, message: &str, line: usize) {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), name, text);
    let out = dir.path().join("plan.json");
    let o = parcours(&[
        "plan",
        path.to_str().unwrap(),
        "--format",
        "json",
        "-o",
        out.to_str().unwrap(),
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{name}: {err}");
    assert!(
        err.contains(message),
        "{name}: `{message}` missing in:\n{err}"
    );
    assert!(
        err.contains(&format!("{}:{line}:", path.display())),
        "{name}: line {line} missing in:\n{err}"
    );
    assert!(!err.contains("panicked"));
    assert!(!out.exists(), "no output on failure");
}

#[test]
fn bad_profiles_are_rejected_with_their_location() {
    let base = ok(&["profile", "init"]);
    rejects(
        "unknown.ron",
        &base.replace("\"agent-etat-civil\"", "\"agent-etat-civi\""),
        "métier `agent-etat-civi` inconnu",
        base.lines()
            .position(|l| l.contains("agent-etat-civil"))
            .unwrap()
            + 1,
    );
    rejects(
        "negative.ron",
        &base.replace("headcount: 2),", "headcount: -2),"),
        "l'effectif doit être un nombre entier positif",
        base.lines()
            .position(|l| l.contains("headcount: 2),"))
            .unwrap()
            + 1,
    );
    rejects(
        "absurd.ron",
        &base.replace(
            "(metier: \"atsem\", headcount: 2)",
            "(metier: \"atsem\", headcount: 1000000)",
        ),
        "1000000 agents sur une ligne n'est pas plausible",
        base.lines().position(|l| l.contains("\"atsem\"")).unwrap() + 1,
    );
    let missing = base.replace(
        "    first_year: 2027,            // année civile de la première année du plan\n",
        "",
    );
    // A missing field is reported where its struct closes.
    let closing = missing
        .lines()
        .collect::<Vec<_>>()
        .iter()
        .rposition(|l| l.starts_with(')'))
        .unwrap()
        + 1;
    rejects(
        "missing.ron",
        &missing,
        "champ obligatoire manquant : `first_year`",
        closing,
    );
    rejects(
        "shares.ron",
        &base.replace(
            "shares: (none: 70, socle: 30)",
            "shares: (none: 70, socle: 20)",
        ),
        "les parts font 90 % en tout",
        base.lines()
            .position(|l| l.contains("shares: (none: 70"))
            .unwrap()
            + 1,
    );
    rejects(
        "dept.ron",
        &base.replace("department: \"35\"", "department: \"20\""),
        "`20` n'est pas un code de département français",
        base.lines()
            .position(|l| l.contains("department: \"35\""))
            .unwrap()
            + 1,
    );
    rejects(
        "bad.json",
        "{\n  \"name\": \"X\",\n  \"kind\": \"Commune\",\n  \"first_year\": 2027,\n  \"staff\": [{\"metier\": \"atsem\", \"headcount\": \"two\"}],\n  \"budget\": {\"days_per_year\": 1, \"max_days_per_agent\": 1}\n}\n",
        "l'effectif doit être un nombre entier positif, pas le texte \"two\"",
        5,
    );
}

#[test]
fn json_profiles_plan_like_ron_ones() {
    let dir = tempfile::tempdir().unwrap();
    let json = r#"{
  "name": "Mairie JSON",
  "kind": "Commune",
  "first_year": 2027,
  "staff": [
    {"metier": "secretaire-de-mairie", "headcount": 1, "levels": [{"competency": "pix-1-1", "pix": 5}]},
    {"metier": "atsem", "headcount": 2}
  ],
  "budget": {"days_per_year": 6, "max_days_per_agent": 4}
}"#;
    let path = write(dir.path(), "p.json", json);
    let v = plan_json(&["plan", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(v["profile"]["name"], "Mairie JSON");
    assert_eq!(v["profile"]["agents"], 3);
    assert!(!v["years"][0]["sessions"].as_array().unwrap().is_empty());
}

#[test]
fn csv_import_aggregates_and_drops_names() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "\u{feff}nom;prénom;metier;pix-1-1\nDupont;Marie;charge-accueil;socle\nMartin;Paul;charge-accueil;5\nDurand;Léa;atsem;aucun\n";
    let path = write(dir.path(), "agents.csv", csv);
    let out = dir.path().join("p.ron");
    // The personal columns are named on stderr, as dropped; the rest is the profile.
    let o = parcours(&[
        "profile",
        "from-csv",
        path.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--name",
        "Ville",
        "--kind",
        "commune",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("écartées, jamais recopiées : nom, prénom"));
    let ron = std::fs::read_to_string(&out).unwrap();
    for name in ["Dupont", "Marie", "Martin", "Paul", "Durand", "Léa"] {
        assert!(!ron.contains(name), "{name} leaked into the profile");
    }
    assert!(ron.contains("charge-accueil") && ron.contains("headcount: 2"));
    let plan = ok(&["plan", out.to_str().unwrap(), "--format", "json"]);
    for name in ["Dupont", "Marie", "Martin", "Paul", "Durand", "Léa"] {
        assert!(!plan.contains(name), "{name} leaked into the plan");
    }
    let json = stdout(&parcours(&[
        "profile",
        "from-csv",
        path.to_str().unwrap(),
        "--format",
        "json",
    ]));
    assert!(serde_json::from_str::<Value>(&json).is_ok());
    // Errors name the line and column.
    let bad = write(
        dir.path(),
        "bad.csv",
        "metier,headcount\ncharge-accueil,3\natsem,trois\n",
    );
    let o = parcours(&["profile", "from-csv", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bad.csv:3:") && stderr(&o).contains("« trois »"),
        "{}",
        stderr(&o)
    );
}

/// The shipped département at about 15 % of its training budget: every report opens with what
/// the plan does not do — the priority recommendations under half at five years, and at a
/// smaller budget the métiers and the managers' track without training — each with the budget
/// of the curve that would change it; the same on standard error and in the JSON plan.
#[test]
fn a_small_budget_says_whom_it_leaves_out_and_what_budget_would_change_it() {
    let dep = root().join("examples/profiles/departement.ron");
    let d = dep.to_str().unwrap();
    let (json, warned) = ok_warned(&["plan", d, "--budget-days", "1320", "--format", "json"]);
    let v: Value = serde_json::from_str(&json).unwrap();
    let warnings = v["warnings"].as_array().expect("a warnings list");
    let priority: Vec<&Value> = warnings
        .iter()
        .filter(|w| w["kind"] == "priority_below_half")
        .collect();
    assert!(!priority.is_empty(), "{warnings:?}");
    for w in &priority {
        let r = w["recommendation"].as_u64().unwrap();
        assert!(w["share_year5"].as_f64().unwrap() < 50.0);
        assert!(w["budget_days"].as_u64().unwrap() > 1320, "{w}");
        assert!(
            warned.contains(&format!(
                "attention : la préconisation prioritaire P{r} ➔ n'est couverte qu'à"
            )),
            "{warned}"
        );
    }
    assert!(warned.contains("il faudrait un budget de formation d'au moins"));
    // The Markdown and HTML reports open with it.
    let (md, _) = ok_warned(&["plan", d, "--budget-days", "1320", "--format", "md"]);
    let first = md.find("## ").unwrap();
    assert!(
        md[first..].starts_with("## Ce que le plan ne fait pas\n"),
        "{}",
        &md[..400]
    );
    let r = priority[0]["recommendation"].as_u64().unwrap();
    let section = &md[first..md[first + 3..].find("## ").unwrap() + first + 3];
    assert!(section.contains(&format!("P{r} ➔")), "{section}");
    let (html, _) = ok_warned(&["plan", d, "--budget-days", "1320", "--format", "html"]);
    let opening = html
        .find("<section id=\"ne-fait-pas\">")
        .expect("the section");
    assert!(opening < html.find("<section id=\"synthese\">").unwrap());
    let (table, _) = ok_warned(&["plan", d, "--budget-days", "1320"]);
    assert!(
        table.lines().nth(2) == Some("Ce que le plan ne fait pas :"),
        "{table}"
    );
    // Smaller still: métiers and the managers' track get nothing by year 5 (at 100 days, 94
    // managers get a module in year 5 since modules go only to their audiences, issue #25).
    let (json, warned) = ok_warned(&["plan", d, "--budget-days", "60", "--format", "json"]);
    let v: Value = serde_json::from_str(&json).unwrap();
    let pops: Vec<&Value> = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["kind"] == "untrained_population")
        .collect();
    let managers = pops
        .iter()
        .find(|w| w["population"] == "encadrants")
        .expect("the managers' track left out");
    assert!(managers["budget_days"].as_u64().unwrap() > 60, "{managers}");
    assert!(
        warned.contains("attention : le parcours de l'encadrement (350 encadrants) ne reçoit aucune formation d'ici 2031 ; il faudrait un budget de formation d'au moins"),
        "{warned}"
    );
    assert!(
        pops.iter()
            .any(|w| w["population"] == "agent-exploitation-voirie")
    );
}
