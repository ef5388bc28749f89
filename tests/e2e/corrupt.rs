//! Each kind of reference in the data, corrupted in a copy of its file: `parcours validate`
//! must exit 2 and print the file, line and column of the offending value, and its id.

use crate::common::*;

struct Case {
    /// Data file to corrupt.
    file: &'static str,
    /// Text to replace (its first occurrence).
    find: &'static str,
    /// Replacement.
    replace: &'static str,
    /// Where the diagnostic must point, in the corrupted text: needle, occurrence, char offset.
    at: (&'static str, usize, usize),
    /// Words the message must contain.
    message: &'static str,
    /// The offending id shown.
    id: &'static str,
}

const CASES: &[Case] = &[
    Case {
        file: "catalogue.ron",
        find: "id: \"amoa-si-e\",\n        title: \"Organiser la fonction d'AMOA et piloter un portefeuille de projets\",\n        competency: \"amoa-si\",",
        replace: "id: \"amoa-si-e\",\n        title: \"Organiser la fonction d'AMOA et piloter un portefeuille de projets\",\n        competency: \"amoa-sy\",",
        at: ("\"amoa-sy\"", 0, 0),
        message: "unknown competency `amoa-sy`",
        id: "amoa-sy",
    },
    Case {
        file: "catalogue.ron",
        find: "id: \"amoa-si-e\",",
        replace: "id: \"amoa-si-a\",",
        at: ("id: \"amoa-si-a\"", 1, 4),
        message: "duplicate module id `amoa-si-a`",
        id: "amoa-si-a",
    },
    Case {
        file: "catalogue.ron",
        find: "Module(\"sig-donnees-territoriales-s\")",
        replace: "Module(\"sig-donnees-territoriale-s\")",
        at: ("Module(\"sig-donnees-territoriale-s\")", 0, 0),
        message: "unknown prerequisite module `sig-donnees-territoriale-s`",
        id: "sig-donnees-territoriale-s",
    },
    Case {
        file: "catalogue.ron",
        find: "        recommendations: [30],\n        provenance: Project(rationale: \"Préconisation 30 : renforcer la posture",
        replace: "        recommendations: [30, 20],\n        provenance: Project(rationale: \"Préconisation 30 : renforcer la posture",
        at: ("[30, 20]", 0, 5),
        message: "cites institutional recommendation 20",
        id: "R20",
    },
    Case {
        file: "metiers.ron",
        find: "id: \"acheteur-public\",\n        name: \"Acheteur ou acheteuse public\",\n        field: \"organisation-ressources\",",
        replace: "id: \"acheteur-public\",\n        name: \"Acheteur ou acheteuse public\",\n        field: \"organisation-ressource\",",
        at: ("\"organisation-ressource\"", 0, 0),
        message: "unknown field `organisation-ressource` for métier `acheteur-public`",
        id: "organisation-ressource",
    },
    Case {
        file: "metiers.ron",
        find: "id: \"acheteur-public\",\n        name: \"Acheteur ou acheteuse public\",\n        field: \"organisation-ressources\",",
        replace: "id: \"acheteur-public\",\n        name: \"Acheteur ou acheteuse public\",\n        field: \"\",",
        at: ("field: \"\"", 0, 7),
        message: "métier `acheteur-public` is in no field",
        id: "acheteur-public",
    },
    Case {
        file: "metiers.ron",
        find: "groups: [\"instruction-flux\", \"ingenierie-territoriale\"],",
        replace: "groups: [\"instruction-flu\", \"ingenierie-territoriale\"],",
        at: ("\"instruction-flu\"", 0, 0),
        message: "unknown métier group `instruction-flu`",
        id: "instruction-flu",
    },
    Case {
        file: "metiers.ron",
        find: "id: \"administrateur-donnees\",",
        replace: "id: \"acheteur-public\",",
        at: ("id: \"acheteur-public\"", 1, 4),
        message: "duplicate métier id `acheteur-public`",
        id: "acheteur-public",
    },
    Case {
        file: "classification.ron",
        find: "(metier: \"juriste\",",
        replace: "(metier: \"juristes\",",
        at: ("\"juristes\"", 0, 0),
        message: "unknown métier `juristes`",
        id: "juristes",
    },
    Case {
        file: "classification.ron",
        find: "declared: (sensitive: 42,",
        replace: "declared: (sensitive: 41,",
        at: ("sensitive: 41", 0, 11),
        message: "the `sensitive` list has 42 métiers but the declared total is 41",
        id: "sensitive",
    },
    Case {
        file: "recommendations.ron",
        find: "number: 2,\n        effect: 1,",
        replace: "number: 2,\n        effect: 9,",
        at: ("effect: 9", 0, 8),
        message: "unknown effect 9",
        id: "E9",
    },
    Case {
        file: "recommendations.ron",
        find: "footnotes: [32],",
        replace: "footnotes: [39],",
        at: ("[39]", 0, 1),
        message: "unknown footnote 39",
        id: "39",
    },
    Case {
        file: "recommendations.ron",
        find: "nature: Institutional(kind: Tooling),",
        replace: "nature: Training /* was institutional */,",
        at: ("Training /* was", 0, 0),
        message: "training recommendation 20 has no module in the catalogue",
        id: "R20",
    },
    Case {
        file: "requirements.ron",
        find: "(competency: \"dematerialisation-flux\", year5: Approfondissement, year10: Expertise),",
        replace: "(competency: \"dematerialisation-flu\", year5: Approfondissement, year10: Expertise),",
        at: ("\"dematerialisation-flu\"", 0, 0),
        message: "unknown competency `dematerialisation-flu`",
        id: "dematerialisation-flu",
    },
    Case {
        file: "requirements.ron",
        find: "(competency: \"souverainete-numerique\", year5: Socle, year10: Approfondissement)",
        replace: "(competency: \"souverainete-numerique\", year5: Expertise, year10: Approfondissement)",
        at: ("year5: Expertise, year10: Approfondissement", 0, 7),
        message: "the 5-year target of `souverainete-numerique` is above its 10-year target",
        id: "souverainete-numerique",
    },
    Case {
        file: "requirements.ron",
        find: "(competency: \"souverainete-numerique\", year5: Socle, year10: Approfondissement)",
        replace: "(competency: \"civic-tech\", year5: Socle, year10: Expertise)",
        at: ("\"civic-tech\", year5: Socle, year10: Expertise", 0, 36),
        message: "level `expertise` is outside the range of competency `civic-tech`",
        id: "civic-tech",
    },
    Case {
        file: "competencies.ron",
        find: "domain: \"pix-information\",",
        replace: "domain: \"pix-informations\",",
        at: ("\"pix-informations\"", 0, 0),
        message: "unknown domain `pix-informations`",
        id: "pix-informations",
    },
];

fn run_case(case: &Case) {
    let original = data_file(case.file);
    assert!(
        original.contains(case.find),
        "{}: fixture text not found: {}",
        case.file,
        case.find
    );
    let corrupted = original.replacen(case.find, case.replace, 1);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write(dir.path(), case.file, &corrupted);
    let o = parcours(&[
        "--data",
        dir.path().to_str().expect("utf-8 path"),
        "validate",
    ]);
    let err = stderr(&o);
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}: expected exit 2, stderr:\n{err}",
        case.find
    );
    assert!(!err.contains("panicked"), "panic: {err}");
    assert!(stdout(&o).is_empty(), "nothing on stdout on failure");
    let (needle, occurrence, shift) = case.at;
    let offset = nth_offset(&corrupted, needle, occurrence);
    let (line, col) = line_col(&corrupted, offset);
    let place = format!("{}:{}:{}", path.display(), line, col + shift);
    assert!(
        err.contains(&case.message.to_string()),
        "{}: message `{}` missing in:\n{err}",
        case.file,
        case.message
    );
    assert!(
        err.contains(&place),
        "{}: location `{place}` missing in:\n{err}",
        case.file
    );
    assert!(
        err.contains(&format!("= id: {}", case.id)),
        "{}: id `{}` missing in:\n{err}",
        case.file,
        case.id
    );
}

#[test]
fn every_kind_of_broken_reference_is_located() {
    for case in CASES {
        run_case(case);
    }
}

#[test]
fn all_problems_are_reported_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cat = data_file("catalogue.ron")
        .replacen("competency: \"amoa-si\",", "competency: \"amoa-sy\",", 1)
        .replacen("id: \"amoa-si-e\",", "id: \"amoa-si-a\",", 1);
    write(dir.path(), "catalogue.ron", &cat);
    let cls = data_file("classification.ron").replacen(
        "(metier: \"juriste\",",
        "(metier: \"juristes\",",
        1,
    );
    write(dir.path(), "classification.ron", &cls);
    let o = parcours(&["--data", dir.path().to_str().expect("path"), "validate"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2));
    for m in [
        "unknown competency `amoa-sy`",
        "duplicate module id `amoa-si-a`",
        "unknown métier `juristes`",
    ] {
        assert!(err.contains(m), "`{m}` missing in:\n{err}");
    }
    let count = err
        .lines()
        .filter(|l| l.starts_with("error: ") && !l.contains("problem"))
        .count();
    assert!(
        err.contains(&format!("error: {count} problems in the reference data")),
        "{err}"
    );
}

#[test]
fn a_prerequisite_cycle_is_printed_as_its_whole_path() {
    let cat = data_file("catalogue.ron")
        .replacen(
            "id: \"pix-2-1-a\",",
            "id: \"pix-2-1-a\",\n        prerequisites: [Module(\"pix-2-2-a\")],",
            1,
        )
        .replacen(
            "id: \"pix-2-2-a\",",
            "id: \"pix-2-2-a\",\n        prerequisites: [Module(\"pix-2-3-a\")],",
            1,
        )
        .replacen(
            "id: \"pix-2-3-a\",",
            "id: \"pix-2-3-a\",\n        prerequisites: [Module(\"pix-2-1-a\")],",
            1,
        );
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write(dir.path(), "catalogue.ron", &cat);
    let o = parcours(&["--data", dir.path().to_str().expect("path"), "validate"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err.contains("prerequisite cycle: pix-2-1-a → pix-2-2-a → pix-2-3-a → pix-2-1-a"),
        "{err}"
    );
    let (line, col) = line_col(&cat, nth_offset(&cat, "[Module(\"pix-2-2-a\")]", 0));
    assert!(
        err.contains(&format!("{}:{line}:{col}", path.display())),
        "{err}"
    );
}

#[test]
fn an_unreachable_requirement_is_reported_with_the_metiers_that_need_it() {
    // The only module that brings `dematerialisation-flux` to expertise now requires expertise
    // in that very competency: no module cycle, but the level cannot be reached.
    let cat = data_file("catalogue.ron").replacen(
        "id: \"dematerialisation-flux-e\",",
        "id: \"dematerialisation-flux-e\",\n        prerequisites: [Competency(competency: \"dematerialisation-flux\", level: Expertise)],",
        1,
    );
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "catalogue.ron", &cat);
    let o = parcours(&["--data", dir.path().to_str().expect("path"), "validate"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err.contains(
            "level `expertise` of competency `dematerialisation-flux` is required (acheteur-public"
        ),
        "{err}"
    );
    assert!(
        err.contains("requirements.ron:"),
        "points into the requirements: {err}"
    );
    assert!(
        err.contains("dematerialisation-flux-e) have prerequisites that cannot be met"),
        "{err}"
    );
}

#[test]
fn syntax_and_schema_errors_are_located() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A missing comma.
    let eff = data_file("effects.ron");
    let broken = eff.replacen("(number: 1,", "(number: 1", 1);
    let broken = if broken == eff {
        eff.replacen("number: 1,", "number: 1", 1)
    } else {
        broken
    };
    let path = write(dir.path(), "effects.ron", &broken);
    let o = parcours(&["--data", dir.path().to_str().expect("path"), "validate"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    let at = nth_offset(&broken, "number: 1", 0);
    let (line, _) = line_col(&broken, at);
    assert!(
        err.contains(&format!("{}:{line}:", path.display()))
            || err.contains(&format!("{}:{}:", path.display(), line + 1)),
        "{err}"
    );
    // A misspelt field name: reported with its path.
    let dir = tempfile::tempdir().expect("temp dir");
    let fields = data_file("fields.ron").replacen("name:", "nom:", 1);
    let path = write(dir.path(), "fields.ron", &fields);
    let o = parcours(&["--data", dir.path().to_str().expect("path"), "validate"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    let (line, _) = line_col(&fields, nth_offset(&fields, "nom:", 0));
    assert!(
        err.contains(&format!("{}:{line}:", path.display())),
        "{err}"
    );
    assert!(err.contains("nom"), "{err}");
}

#[test]
fn files_that_are_not_utf8_or_empty_are_rejected_cleanly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut bytes = b"[\n    (id: \"a\", name: \"x".to_vec();
    bytes.push(0xff);
    std::fs::write(dir.path().join("groups.ron"), &bytes).expect("write");
    let o = parcours(&["--data", dir.path().to_str().expect("path"), "validate"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("groups.ron:2:") && err.contains("not valid UTF-8"),
        "{err}"
    );

    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "catalogue.ron", "");
    let o = parcours(&["--data", dir.path().to_str().expect("path"), "validate"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("catalogue.ron:1:1"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_data_dir_without_reference_files_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let o = parcours(&["--data", dir.path().to_str().expect("path"), "validate"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("holds no reference file"));
    let o = parcours(&["--data", "/no/such/dir", "validate"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("does not exist"));
}

#[test]
fn replacing_only_the_classification_works() {
    // A user holding the official lists replaces classification.ron alone.
    let dir = tempfile::tempdir().expect("temp dir");
    let cls = data_file("classification.ron");
    write(dir.path(), "classification.ron", &cls);
    let out = ok(&["--data", dir.path().to_str().expect("path"), "validate"]);
    assert!(
        out.contains("1 file(s) from --data") && out.contains("classification.ron"),
        "{out}"
    );
}
