//! Every graph command, end to end, on the shipped data.

use crate::common::*;
use serde_json::Value;

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&ok(args)).expect("valid JSON")
}

#[test]
fn validate_prints_counts() {
    let out = ok(&["validate"]);
    assert!(
        out.starts_with("ok : les données de référence intégrées sont valides"),
        "{out}"
    );
    for needle in [
        "effets                       5",
        "préconisations              41",
        "8 prioritaires",
        "42 sensibles, 20 à plus forts effectifs, 33 possiblement en baisse",
    ] {
        assert!(out.contains(needle), "`{needle}` missing:\n{out}");
    }
    let v = json(&["validate", "--format", "json"]);
    assert_eq!(v["recommendations"], 41);
    assert_eq!(v["effects"], 5);
    assert_eq!(
        v["training_recommendations"].as_u64().unwrap()
            + v["institutional_recommendations"].as_u64().unwrap(),
        41
    );
    assert_eq!(
        (
            v["sensitive"].clone(),
            v["high_headcount"].clone(),
            v["shrinking"].clone()
        ),
        (42.into(), 20.into(), 33.into())
    );
    assert!(v["metiers"].as_u64().unwrap() >= 120);
    assert_eq!(v["core_competencies"], 16);
}

#[test]
fn recommendations_json_contract_and_filters() {
    let all = json(&["recommendations", "--format", "json"]);
    let all = all.as_array().expect("array");
    assert_eq!(all.len(), 41);
    for r in all {
        for key in ["number", "effect", "horizon", "priority", "title", "points"] {
            assert!(r.get(key).is_some(), "missing {key} in {r}");
        }
        assert!(matches!(r["horizon"].as_str(), Some("short" | "long")));
    }
    let numbers = |v: Value| -> Vec<u64> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|r| r["number"].as_u64().unwrap())
            .collect()
    };
    assert_eq!(
        numbers(json(&[
            "recommendations",
            "--effect",
            "2",
            "--format",
            "json"
        ])),
        (11..=18).collect::<Vec<_>>()
    );
    assert_eq!(
        numbers(json(&["recommendations", "--priority", "--format", "json"])),
        [1, 5, 6, 11, 13, 19, 33, 34]
    );
    assert_eq!(
        numbers(json(&[
            "recommendations",
            "--horizon",
            "long",
            "--format",
            "json"
        ]))
        .len(),
        15
    );
    assert_eq!(
        numbers(json(&[
            "recommendations",
            "--effect",
            "5",
            "--horizon",
            "short",
            "--format",
            "json"
        ])),
        [33, 34, 35, 36, 37]
    );
    // institutional recommendations have no module, on purpose
    for r in all {
        if r["nature"] == "institutional" {
            assert!(r["modules"].as_array().unwrap().is_empty());
        } else {
            assert!(
                !r["modules"].as_array().unwrap().is_empty(),
                "{}",
                r["number"]
            );
        }
    }
    let table = ok(&["recommendations"]);
    assert!(table.contains("41 préconisations") && table.contains("Préconisation"));
    let md = ok(&["recommendations", "--format", "md", "--effect", "1"]);
    assert!(md.contains(
        "## Effet 1 — Une transition numérique au service d'une action publique innovante"
    ));
    assert!(md.contains("### ➔ 1. Élaborer une doctrine du CNFPT"));
    assert!(md.contains("institutionnelle (doctrine) — sans module, par construction"));
    assert!(!md.contains("## Effet 2"));
    let bad = parcours(&["recommendations", "--effect", "9"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("--effect 9 : cet effet n'existe pas"));
}

#[test]
fn metiers_json_contract_and_filters() {
    let all = json(&["metiers", "--format", "json"]);
    let all = all.as_array().expect("array");
    assert!(all.len() >= 120);
    for m in all {
        for key in ["id", "name", "categories", "groups"] {
            assert!(m.get(key).is_some(), "missing {key}");
        }
        for c in m["categories"].as_array().unwrap() {
            assert!(matches!(
                c.as_str(),
                Some("sensitive" | "high_headcount" | "shrinking")
            ));
        }
    }
    let count = |args: &[&str]| json(args).as_array().unwrap().len();
    assert_eq!(
        count(&["metiers", "--category", "sensitive", "--format", "json"]),
        42
    );
    assert_eq!(
        count(&[
            "metiers",
            "--category",
            "high-headcount",
            "--format",
            "json"
        ]),
        20
    );
    assert_eq!(
        count(&["metiers", "--category", "shrinking", "--format", "json"]),
        33
    );
    let managers = json(&["metiers", "--group", "management", "--format", "json"]);
    assert!(!managers.as_array().unwrap().is_empty());
    assert!(managers.as_array().unwrap().iter().all(|m| {
        m["groups"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g == "management")
    }));
    let md = ok(&["metiers", "--format", "md", "--category", "sensitive"]);
    assert!(
        md.contains("| `secretaire-de-mairie` | Secrétaire de mairie |"),
        "{md}"
    );
    assert!(md.contains("42 métiers"));
    let table = ok(&["metiers"]);
    assert!(table.contains("S sensible"));
    let bad = parcours(&["metiers", "--group", "nope"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("groupe de métiers inconnu"));
}

#[test]
fn show_every_kind_of_record() {
    let r23 = ok(&["show", "23"]);
    assert_eq!(r23, ok(&["show", "R23"]));
    assert!(r23.contains("# Préconisation 23 — effet 3"));
    assert!(r23.contains("42 métiers sensibles"));
    assert!(r23.contains("## Métiers concernés"));
    let r1 = ok(&["show", "1"]);
    assert!(r1.contains("aucun module, par construction") && r1.contains("## Modules (0)"));
    let e2 = ok(&["show", "E2"]);
    assert!(e2.contains("# Effet 2") && e2.contains("➔ 11."));
    let m = ok(&["show", "secretaire-de-mairie"]);
    assert!(
        m.contains("# Secrétaire de mairie")
            && m.contains("métier sensible")
            && m.contains("## Préconisations qui le concernent")
    );
    let c = ok(&["show", "competency:cycle-de-vie-donnee"]);
    assert!(
        c.contains("Niveaux pertinents : socle à expertise") && c.contains("cycle-de-vie-donnee-s")
    );
    let module = ok(&["show", "systemes-decisionnels-a"]);
    let closure = module
        .split("## Parcours complet")
        .nth(1)
        .expect("closure section");
    let pos = |id: &str| {
        closure
            .find(&format!(" {id} —"))
            .unwrap_or_else(|| panic!("{id} in closure:\n{closure}"))
    };
    assert!(pos("cycle-de-vie-donnee-s") < pos("systemes-decisionnels-a"));
    assert!(pos("systemes-decisionnels-s") < pos("systemes-decisionnels-a"));
    let g = ok(&["show", "group:management"]);
    assert!(g.contains("Groupe de métiers"));
    let v: Value = serde_json::from_str(&ok(&["show", "33", "--format", "json"])).expect("json");
    assert_eq!(v["node"], "R33");
    assert_eq!(v["record"]["number"], 33);
    assert!(!v["derived"]["modules"].as_array().unwrap().is_empty());
    assert!(!v["neighbours"].as_array().unwrap().is_empty());
    let bad = parcours(&["show", "secretaire-de-mairi"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains(
        "identifiant `secretaire-de-mairi` inconnu ; vouliez-vous dire `secretaire-de-mairie` ?"
    ));
    assert_eq!(parcours(&["show", "R99"]).status.code(), Some(2));
}

#[test]
fn show_keeps_the_text_its_footnotes_and_the_old_ids() {
    // The lead sentence keeps its colon before the sub-points; the footnotes on the two
    // horizons (30) and on effect 1 (31) are shown with the recommendation.
    let r2 = ok(&["show", "2"]);
    assert!(
        r2.contains("collectivités territoriales garants :\n  - d'un usage du numérique"),
        "{r2}"
    );
    assert!(
        r2.contains("  Note 30 : Compte tenu de la temporalité de l'étude"),
        "{r2}"
    );
    assert!(r2.contains("  Note 31 : Les différents effets"), "{r2}");
    let md = ok(&["recommendations", "--format", "md"]);
    assert!(md.contains("> Note 30 : ") && md.contains("> Note 31 : "));
    let html = ok(&["recommendations", "--format", "html"]);
    assert!(html.contains("Note 30 : ") && html.contains("Note 31 : "));
    // A re-identified métier answers to its old id, with a note that the id changed.
    let atsem = ok(&["show", "atsem"]);
    assert_eq!(
        atsem,
        ok(&["show", "agent-accompagnement-education-enfant"])
    );
    assert!(atsem.contains("# Agent ou agente d'accompagnement à l'éducation de l'enfant"));
    assert!(atsem.contains("Nom court : ATSEM"));
    assert!(atsem.contains("Ancien identifiant `atsem` : Identifiant renommé"));
    let own = ok(&["show", "conseiller-numerique"]);
    assert!(own.contains("non, métier propre au projet"), "{own}");
}

#[test]
fn graph_exports() {
    let dot = ok(&["graph", "--format", "dot"]);
    assert!(dot.starts_with("digraph parcours {") && dot.trim_end().ends_with('}'));
    assert!(
        dot.contains("\"R23\"")
            && dot.contains("\"module:amoa-si-e\" -> \"R30\" [label=\"met en œuvre\"]")
    );
    let mermaid = ok(&["graph", "--format", "mermaid", "--focus", "R33"]);
    assert!(mermaid.starts_with("flowchart LR"));
    assert!(mermaid.contains("R33") && mermaid.contains("module_cycle_de_vie_donnee_s"));
    let v: Value =
        serde_json::from_str(&ok(&["graph", "--format", "json", "--focus", "R33"])).expect("json");
    let nodes: Vec<&str> = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert!(nodes.contains(&"R33") && nodes.contains(&"E5"));
    assert!(
        v["edges"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| nodes.contains(&e["from"].as_str().unwrap())
                && nodes.contains(&e["to"].as_str().unwrap()))
    );
    // same input, same bytes
    assert_eq!(
        ok(&["graph", "--format", "json"]),
        ok(&["graph", "--format", "json"])
    );
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("g.dot");
    ok(&[
        "graph",
        "--focus",
        "secretaire-de-mairie",
        "-o",
        file.to_str().unwrap(),
    ]);
    let written = std::fs::read_to_string(&file).expect("written");
    assert!(written.contains("metier:secretaire-de-mairie"));
    let bad = parcours(&["graph", "--depth", "2"]);
    assert_eq!(bad.status.code(), Some(2), "--depth needs --focus");
}

/// The help of every command, with `-h` and `--help`, in French: clap's English words
/// replaced, on standard output, exit 0.
#[test]
fn help_is_available_for_every_command() {
    // The unit tests of `args` check every word; here, that the binary uses that grammar.
    const ENGLISH: &[&str] = &[
        "Usage:",
        "Options:",
        "Print help",
        "possible values",
        "[default:",
    ];
    let commands: &[&[&str]] = &[
        &[],
        &["validate"],
        &["recommendations"],
        &["metiers"],
        &["show"],
        &["plan"],
        &["budget-curve"],
        &["profile"],
        &["profile", "init"],
        &["profile", "from-csv"],
        &["schema"],
        &["synth"],
        &["batch"],
        &["graph"],
    ];
    for cmd in commands {
        for flag in ["-h", "--help"] {
            let mut args = cmd.to_vec();
            args.push(flag);
            let out = ok(&args);
            assert!(out.contains("Utilisation : parcours"), "{args:?}:\n{out}");
            assert!(out.contains("Options :"), "{args:?}:\n{out}");
            for word in ENGLISH {
                assert!(!out.contains(word), "{args:?}: `{word}` in\n{out}");
            }
        }
    }
    let root = ok(&["--help"]);
    assert!(
        root.contains("--data <DOSSIER>") && root.contains("Commandes :"),
        "{root}"
    );
    assert!(ok(&["--version"]).starts_with("parcours "));
    let plan = ok(&["plan", "--help"]);
    assert!(plan.contains("[par\u{a0}défaut\u{a0}: table]"), "{plan}");
    assert!(plan.contains("Valeurs possibles :"), "{plan}");
    // Without a command: the help, on standard error, exit 2.
    for args in [&[][..], &["profile"][..]] {
        let bare = parcours(args);
        assert_eq!(bare.status.code(), Some(2));
        assert!(stderr(&bare).contains("Commandes :"), "{args:?}");
    }
}

/// clap's own errors in French, with the usage line and exit 2.
#[test]
fn usage_errors_are_in_french() {
    for (args, first) in [
        (
            &["plan", "p.ron", "--frobnicate"][..],
            "erreur : argument inattendu `--frobnicate`",
        ),
        (
            &["frobnicate"][..],
            "erreur : commande inconnue `frobnicate`",
        ),
        (
            &["plan", "p.ron", "--format", "pdf"][..],
            "erreur : valeur incorrecte `pdf` pour `--format <FORMAT>`",
        ),
        (
            &["plan", "p.ron", "--horizon", "douze"][..],
            "erreur : valeur incorrecte `douze` pour `--horizon <N>` : un nombre entier est attendu",
        ),
        (&["help"][..], "erreur : commande inconnue `help`"),
    ] {
        let o = parcours(args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(stdout(&o).is_empty(), "{args:?}");
        assert!(err.starts_with(first), "{args:?}:\n{err}");
        assert!(
            err.ends_with("Pour plus d'informations, essayez `--help`.\n"),
            "{err}"
        );
    }
}
