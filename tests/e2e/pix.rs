//! `parcours profile import … --pix`: the results of a Pix Orga profile-collection campaign
//! (tests/fixtures/exports/commune-pix.csv, written by scripts/make-pix-fixture.py in the
//! format Pix writes) joined to the commune's staff export become measured current levels;
//! the plan trains the measured gaps and its reports say where the levels come from; nothing
//! that names an agent or a participant reaches an output or a message.

use crate::common::{arg, assert_none_of, export_fixture, parcours, stderr, stdout};
use std::path::{Path, PathBuf};

/// The fictional names and identifiers of the staff export and of the Pix export.
const PERSONAL: &[&str] = &[
    "Tartempion",
    "Zorglub",
    "Trucmuche",
    "Bidule",
    "Camille",
    "Dominique",
    "M01000",
    "M01001",
    "m01007",
    "Quidam",
    "Alix",
    "M09999",
    "01/01/1960",
];

fn fixture(name: &str) -> PathBuf {
    export_fixture(name)
}

fn s(p: &Path) -> &str {
    arg(p)
}

fn assert_no_personal_data(what: &str, text: &str) {
    assert_none_of(PERSONAL, what, text);
}

/// Agents to train in `competency` (by year 5 and by year 10), over every métier of a plan.
fn needs_in(plan: &serde_json::Value, competency: &str) -> u64 {
    plan["needs"]
        .as_array()
        .expect("needs")
        .iter()
        .filter(|n| n["competency"] == competency)
        .map(|n| n["agents_5"].as_u64().unwrap_or(0) + n["agents_10"].as_u64().unwrap_or(0))
        .sum()
}

fn import(dir: &Path, out: &str, pix: bool) -> (PathBuf, String) {
    let profile = dir.join(out);
    let staff = fixture("commune-agents.csv");
    let pix_file = fixture("commune-pix.csv");
    let mut args = vec![
        "profile",
        "import",
        s(&staff),
        "--ignore-unmatched",
        "--name",
        "Ville fictive",
        "-o",
        s(&profile),
    ];
    if pix {
        args.extend(["--pix", s(&pix_file)]);
    }
    let o = parcours(&args);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    (profile, err)
}

#[test]
fn pix_results_become_measured_levels_and_the_plan_trains_the_measured_gaps() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (with, err) = import(dir.path(), "avec-pix.ron", true);
    let (without, _) = import(dir.path(), "sans-pix.ron", false);
    assert_no_personal_data("stderr", &err);
    for said in [
        "101 participants (102 participations), rattachés aux agents par identifiant « Matricule », puis nom et prénom ; niveaux mesurés pour 89 agents",
        "1 participant a plusieurs participations : seule la dernière envoyée compte",
        "9 participants n'ont pas envoyé leurs résultats",
        "1 participant aux résultats envoyés n'a pas de ligne dans l'export du personnel : non rattaché",
        "2 participants sont des agents laissés de côté (intitulé sans métier)",
        "colonnes « pix-1-1 », « pix-4-2 » de l'export du personnel laissées de côté",
        "`jardinier` 8 sur 12",
    ] {
        assert!(err.contains(said), "« {said} » in:\n{err}");
    }
    let ron = std::fs::read_to_string(&with).expect("profile");
    assert_no_personal_data("the profile", &ron);
    assert!(ron.contains("measured_by: Pix,"), "{ron}");
    assert!(ron.contains("niveaux mesurés par Pix pour 8 agents sur 12"));
    assert!(ron.contains("(competency: \"pix-5-2\", measured: ("));

    // The plans, with and without the campaign's results.
    let plan_json = |p: &Path| -> serde_json::Value {
        let o = parcours(&["plan", s(p), "--format", "json"]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_no_personal_data("the plan", &stdout(&o));
        assert_no_personal_data("stderr", &stderr(&o));
        serde_json::from_str(&stdout(&o)).expect("JSON plan")
    };
    let (a, b) = (plan_json(&with), plan_json(&without));
    let origin = &a["profile"]["current_levels"];
    assert_eq!(origin["measured_by"], "Pix");
    assert_eq!(origin["measured_agents"], 89);
    assert_eq!(origin["estimated_agents"], 61);
    assert_eq!(b["profile"]["current_levels"]["measured_agents"], 0);
    // Pix says most agents are at approfondissement in 4.1 (« Sécuriser l'environnement
    // numérique »): fewer agents to train there than the maturity's estimate says.
    let (measured, estimated) = (needs_in(&a, "pix-4-1"), needs_in(&b, "pix-4-1"));
    assert!(
        measured < estimated,
        "pix-4-1: {measured} agents to train with Pix, {estimated} without"
    );

    // Every report says where the current levels come from.
    for format in ["table", "md", "html"] {
        let width: &[&str] = if format == "table" {
            &["--width", "400"]
        } else {
            &[]
        };
        let o = parcours(&[&["plan", s(&with), "--format", format], width].concat());
        let out = stdout(&o).replace("&#39;", "'");
        assert!(o.status.success(), "{}", stderr(&o));
        assert_no_personal_data(format, &out);
        assert!(
            out.contains(
                "Niveaux actuels : mesurés par Pix pour 89 agents sur 150 ; les 61 autres estimés d'après la maturité numérique"
            ),
            "{format}: {out}"
        );
        assert!(out.contains("Agents mesurés par métier : "), "{format}");
        if format != "table" {
            // The twelve métiers with the most agents measured, then the count of the others.
            assert!(
                out.contains("Chargé ou chargée de propreté des locaux 9 sur 10, "),
                "{format}"
            );
            assert!(out.contains(" et 27 autres métiers"), "{format}");
        }
        let o = parcours(&[&["plan", s(&without), "--format", format], width].concat());
        let out = stdout(&o).replace("&#39;", "'");
        assert!(out.contains("Niveaux actuels : estimés d'après la maturité numérique"));
    }
}

#[test]
fn from_csv_joins_by_names_when_the_campaign_has_no_identifier() {
    let dir = tempfile::tempdir().expect("tempdir");
    // An older export: « Date de l'envoi », no external id; names joined whatever their
    // accents and case, and the formula quote taken off.
    let pix = dir.path().join("pix.csv");
    std::fs::write(
        &pix,
        "\u{feff}\"Nom de l'organisation\";\"ID Campagne\";\"Code\";\"Nom de la campagne\";\"Nom du Participant\";\"Prénom du Participant\";\"Envoi (O/N)\";\"Date de l'envoi\";\"Nombre de pix total\";\"Certifiable (O/N)\";\"Nombre de compétences certifiables\";\"Niveau pour la compétence Sécuriser l’environnement numérique\";\"Nombre de pix pour la compétence Sécuriser l’environnement numérique\"\n\
         \"Ville\";7;\"ABC\";\"Campagne\";\"'=ZORGLUB\";\"Lou\";\"Oui\";2026-03-02;40;\"Non\";1;5;40\n\
         \"Ville\";7;\"ABC\";\"Campagne\";\"Tartempion\";\"Camille\";\"Oui\";2026-03-02;8;\"Non\";1;1;8\n",
    )
    .expect("pix");
    let staff = dir.path().join("agents.csv");
    std::fs::write(
        &staff,
        "Nom;Prénom;Emploi\nZorglub;Lou;Jardinier\nTartempion;Camille;Jardinier\nBidule;Dominique;Jardinier\n",
    )
    .expect("staff");
    let o = parcours(&["profile", "from-csv", s(&staff), "--pix", s(&pix)]);
    let (out, err) = (stdout(&o), stderr(&o));
    assert!(o.status.success(), "{err}");
    assert_no_personal_data("the profile", &out);
    assert_no_personal_data("stderr", &err);
    assert!(
        err.contains("rattachés aux agents par nom et prénom ; niveaux mesurés pour 2 agents"),
        "{err}"
    );
    // Zorglub at Pix 5 (approfondissement), Tartempion at 1 (below socle); Bidule not measured.
    assert!(
        out.contains("(competency: \"pix-4-1\", measured: (none: 1, socle: 0, approfondissement: 1, expertise: 0))"),
        "{out}"
    );
}

/// Runs an import of the commune's staff with `pix` (a file's text) and `extra` arguments:
/// it must fail with exit code 2, write nothing, name nobody; returns stderr.
fn refused(pix: &str, extra: &[&str]) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("pix.csv");
    std::fs::write(&file, pix).expect("pix");
    let out = dir.path().join("profil.ron");
    let staff = fixture("commune-agents.csv");
    let mut args = vec![
        "profile",
        "import",
        s(&staff),
        "--ignore-unmatched",
        "--pix",
        s(&file),
        "-o",
        s(&out),
    ];
    args.extend(extra);
    let o = parcours(&args);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(!out.exists(), "nothing written");
    assert_no_personal_data("stderr", &err);
    assert!(err.starts_with("erreur : "), "{err}");
    err
}

#[test]
fn bad_pix_exports_are_refused_with_their_place() {
    let real = std::fs::read_to_string(fixture("commune-pix.csv")).expect("fixture");
    // A competence column that matches none of the 16.
    let err = refused(
        &real.replacen(
            "Niveau pour la compétence Gérer des données",
            "Niveau pour la compétence Gérer des déchets",
            1,
        ),
        &[],
    );
    assert!(err.contains("pix.csv:1:"), "{err}");
    assert!(
        err.contains("la colonne « Niveau pour la compétence Gérer des déchets » ne correspond à aucune des 16 compétences Pix du référentiel"),
        "{err}"
    );
    assert!(err.contains("= aide :"), "{err}");
    // A level Pix cannot give, at its line and column.
    let mut lines: Vec<String> = real.lines().map(str::to_owned).collect();
    let cells: Vec<&str> = lines[2].split(';').collect();
    let col = cells[..12]
        .iter()
        .map(|c| c.chars().count() + 1)
        .sum::<usize>()
        + 1;
    let mut bad: Vec<String> = cells.iter().map(|c| (*c).to_owned()).collect();
    bad[12] = "12".into();
    lines[2] = bad.join(";");
    let err = refused(&(lines.join("\n") + "\n"), &[]);
    assert!(err.contains(&format!("pix.csv:3:{col}")), "{err}");
    assert!(err.contains("« 12 » n'est pas un niveau Pix"), "{err}");
    // The staff export given as the Pix export.
    let staff = std::fs::read_to_string(fixture("commune-agents.csv")).expect("staff");
    let err = refused(&staff, &[]);
    assert!(
        err.contains("n'est pas un export Pix Orga d'une campagne de collecte de profils : il n'a pas de colonne « Nom du Participant »"),
        "{err}"
    );
    // An assessment campaign's export.
    let err = refused(
        "\"Nom du Participant\";\"Prénom du Participant\";\"% de progression\";\"Partage (O/N)\"\n\"Zorglub\";\"Lou\";1;\"Oui\"\n",
        &[],
    );
    assert!(err.contains("campagne d'évaluation"), "{err}");
    // An external-id column the export does not have.
    let err = refused(&real, &["--pix-id", "Numéro d'agent"]);
    assert!(
        err.contains("--pix-id : l'export Pix n'a pas de colonne « Numéro d'agent »"),
        "{err}"
    );
    assert!(err.contains("colonnes possibles : « Matricule »"), "{err}");
    // An empty file.
    let err = refused("", &[]);
    assert!(err.contains("n'est pas un export Pix Orga"), "{err}");
}

#[test]
fn the_xlsx_staff_export_joins_the_same_pix_results() {
    let dir = tempfile::tempdir().expect("tempdir");
    let xlsx = dir.path().join("agents.xlsx");
    crate::import::xlsx_twin(&fixture("commune-agents.csv"), &xlsx);
    let pix = fixture("commune-pix.csv");
    let profile = |staff: &Path, extra: &[&str]| -> Vec<u8> {
        let mut args = vec![
            "profile",
            "import",
            s(staff),
            "--ignore-unmatched",
            "--pix",
            s(&pix),
            "--format",
            "json",
        ];
        args.extend(extra);
        let o = parcours(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_no_personal_data("stderr", &stderr(&o));
        o.stdout
    };
    let from_csv = profile(&fixture("commune-agents.csv"), &[]);
    let from_xlsx = profile(&xlsx, &["--sheet", "Agents"]);
    assert_eq!(from_csv, from_xlsx, "the CSV and its XLSX twin join alike");
    assert_no_personal_data("the profile", &String::from_utf8_lossy(&from_csv));
    assert!(String::from_utf8_lossy(&from_csv).contains("\"measured_by\": \"Pix\""));
}
