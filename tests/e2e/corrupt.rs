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
        message: "compétence `amoa-sy` inconnue",
        id: "amoa-sy",
    },
    Case {
        file: "catalogue.ron",
        find: "id: \"amoa-si-e\",",
        replace: "id: \"amoa-si-a\",",
        at: ("id: \"amoa-si-a\"", 1, 4),
        message: "identifiant de module `amoa-si-a` en double",
        id: "amoa-si-a",
    },
    Case {
        file: "catalogue.ron",
        find: "Module(\"sig-donnees-territoriales-s\")",
        replace: "Module(\"sig-donnees-territoriale-s\")",
        at: ("Module(\"sig-donnees-territoriale-s\")", 0, 0),
        message: "module prérequis `sig-donnees-territoriale-s` inconnu",
        id: "sig-donnees-territoriale-s",
    },
    Case {
        file: "catalogue.ron",
        find: "        recommendations: [30],\n        provenance: Project(rationale: \"Préconisation 30 : renforcer la posture",
        replace: "        recommendations: [30, 20],\n        provenance: Project(rationale: \"Préconisation 30 : renforcer la posture",
        at: ("[30, 20]", 0, 5),
        message: "cite la préconisation institutionnelle 20",
        id: "R20",
    },
    Case {
        file: "metiers.ron",
        find: "id: \"acheteur-public\",\n        name: \"Acheteur ou acheteuse publique\",\n        short_name: \"Acheteur public\",\n        repertoire: true,\n        field: \"organisation-ressources\",",
        replace: "id: \"acheteur-public\",\n        name: \"Acheteur ou acheteuse publique\",\n        short_name: \"Acheteur public\",\n        repertoire: true,\n        field: \"organisation-ressource\",",
        at: ("\"organisation-ressource\"", 0, 0),
        message: "champ d'action `organisation-ressource` inconnu pour le métier `acheteur-public`",
        id: "organisation-ressource",
    },
    Case {
        file: "metiers.ron",
        find: "id: \"acheteur-public\",\n        name: \"Acheteur ou acheteuse publique\",\n        short_name: \"Acheteur public\",\n        repertoire: true,\n        field: \"organisation-ressources\",",
        replace: "id: \"acheteur-public\",\n        name: \"Acheteur ou acheteuse publique\",\n        short_name: \"Acheteur public\",\n        repertoire: true,\n        field: \"\",",
        at: ("field: \"\"", 0, 7),
        message: "le métier `acheteur-public` n'est rattaché à aucun champ d'action",
        id: "acheteur-public",
    },
    Case {
        file: "metiers.ron",
        find: "groups: [\"instruction-flux\", \"ingenierie-territoriale\"],",
        replace: "groups: [\"instruction-flu\", \"ingenierie-territoriale\"],",
        at: ("\"instruction-flu\"", 0, 0),
        message: "groupe de métiers `instruction-flu` inconnu",
        id: "instruction-flu",
    },
    Case {
        file: "metiers.ron",
        find: "id: \"administrateur-donnees\",",
        replace: "id: \"acheteur-public\",",
        at: ("id: \"acheteur-public\"", 1, 4),
        message: "identifiant de métier `acheteur-public` en double",
        id: "acheteur-public",
    },
    Case {
        file: "classification.ron",
        find: "(metier: \"juriste\",",
        replace: "(metier: \"juristes\",",
        at: ("\"juristes\"", 0, 0),
        message: "métier `juristes` inconnu",
        id: "juristes",
    },
    Case {
        file: "classification.ron",
        find: "declared: (sensitive: 42,",
        replace: "declared: (sensitive: 41,",
        at: ("sensitive: 41", 0, 11),
        message: "la liste `sensitive` compte 42 métiers, mais le total déclaré est de 41",
        id: "sensitive",
    },
    Case {
        file: "recommendations.ron",
        find: "number: 2,\n        effect: 1,",
        replace: "number: 2,\n        effect: 9,",
        at: ("effect: 9", 0, 8),
        message: "effet 9 inconnu",
        id: "E9",
    },
    Case {
        file: "recommendations.ron",
        find: "footnotes: [32],",
        replace: "footnotes: [39],",
        at: ("[39]", 0, 1),
        message: "note 39 inconnue",
        id: "39",
    },
    Case {
        file: "recommendations.ron",
        find: "nature: Institutional(kind: Tooling),",
        replace: "nature: Training /* was institutional */,",
        at: ("Training /* was", 0, 0),
        message: "la préconisation de formation 20 n'a aucun module dans le catalogue",
        id: "R20",
    },
    Case {
        file: "requirements.ron",
        find: "(competency: \"dematerialisation-flux\", year5: Approfondissement, year10: Expertise),",
        replace: "(competency: \"dematerialisation-flu\", year5: Approfondissement, year10: Expertise),",
        at: ("\"dematerialisation-flu\"", 0, 0),
        message: "compétence `dematerialisation-flu` inconnue",
        id: "dematerialisation-flu",
    },
    Case {
        file: "requirements.ron",
        find: "(competency: \"souverainete-numerique\", year5: Socle, year10: Approfondissement)",
        replace: "(competency: \"souverainete-numerique\", year5: Expertise, year10: Approfondissement)",
        at: ("year5: Expertise, year10: Approfondissement", 0, 7),
        message: "la cible à 5 ans de `souverainete-numerique` est au-dessus de sa cible à 10 ans",
        id: "souverainete-numerique",
    },
    Case {
        file: "requirements.ron",
        find: "(competency: \"souverainete-numerique\", year5: Socle, year10: Approfondissement)",
        replace: "(competency: \"civic-tech\", year5: Socle, year10: Expertise)",
        at: ("\"civic-tech\", year5: Socle, year10: Expertise", 0, 36),
        message: "le niveau `expertise` est hors de la plage de la compétence `civic-tech`",
        id: "civic-tech",
    },
    Case {
        file: "competencies.ron",
        find: "domain: \"pix-information\",",
        replace: "domain: \"pix-informations\",",
        at: ("\"pix-informations\"", 0, 0),
        message: "domaine de compétences `pix-informations` inconnu",
        id: "pix-informations",
    },
    Case {
        file: "classification.ron",
        find: "(metier: \"juriste\",",
        replace: "(metier: \"standardiste\",",
        at: ("\"standardiste\"", 0, 0),
        message: "le métier `standardiste` n'est pas un métier du répertoire",
        id: "standardiste",
    },
    Case {
        file: "classification.ron",
        find: "(metier: \"sapeur-pompier\", rationale: \"Fort effectif : 41 800 sapeurs-pompiers professionnels (DGSCGC, 2021).\"),",
        replace: "(metier: \"asvp\", rationale: \"Fort effectif : 5 336 agents de surveillance de la voie publique (CNFPT, 2012).\"),",
        at: ("\"asvp\"", 0, 0),
        message: "le métier `sapeur-pompier` (41800 agents) n'est pas parmi les plus forts effectifs alors que `asvp` (5336 agents) y est",
        id: "sapeur-pompier",
    },
    Case {
        file: "metiers.ron",
        find: "short_name: \"Acheteur public\",",
        replace: "",
        at: ("id: \"acheteur-public\"", 0, 4),
        message: "le métier `acheteur-public` n'a pas de nom court",
        id: "acheteur-public",
    },
    Case {
        file: "metiers.ron",
        find: "code: \"E2C/07\",",
        replace: "code: \"E2C-7\",",
        at: ("\"E2C-7\"", 0, 0),
        message: "le code `E2C-7` du métier `agent-proprete-espaces-publics` n'a pas la forme d'un code du répertoire",
        id: "agent-proprete-espaces-publics",
    },
    Case {
        file: "metiers.ron",
        find: "(name: \"acheteur\"),",
        replace: "(name: \"juriste\"),",
        at: ("(name: \"juriste\")", 0, 7),
        message: "l'appellation « juriste » du métier `acheteur-public` désigne déjà le métier `juriste`",
        id: "acheteur-public",
    },
    Case {
        file: "metiers.ron",
        find: "former_ids: [(id: \"atsem\",",
        replace: "former_ids: [(id: \"juriste\",",
        at: ("(id: \"juriste\"", 0, 5),
        message: "l'ancien identifiant `juriste` du métier `agent-accompagnement-education-enfant` est l'identifiant d'un métier actuel",
        id: "juriste",
    },
    Case {
        file: "competencies.ron",
        find: "(pix: 7, level: Approfondissement),",
        replace: "(pix: 7, level: Expertise),",
        at: ("Expertise),\n            (pix: 8", 0, 0),
        message: "le niveau Pix 7 ne peut pas valoir « expertise »",
        id: "pix_mapping",
    },
    Case {
        file: "requirements.ron",
        find: "(competency: \"protection-donnees\", year5: Approfondissement, year10: Approfondissement),\n                (competency: \"cadre-reglementaire\", year5: Approfondissement, year10: Approfondissement),\n                (competency: \"cybersecurite\", year5: Socle, year10: Approfondissement),\n            ],\n            rationale: \"Centre de supervision urbain",
        replace: "(competency: \"protection-donnees\", year5: Approfondissement, year10: Expertise),\n                (competency: \"cadre-reglementaire\", year5: Approfondissement, year10: Approfondissement),\n                (competency: \"cybersecurite\", year5: Socle, year10: Approfondissement),\n            ],\n            rationale: \"Centre de supervision urbain",
        at: (
            "year10: Expertise),\n                (competency: \"cadre-reglementaire\", year5: Approfondissement, year10: Approfondissement),\n                (competency: \"cybersecurite\", year5: Socle, year10: Approfondissement),\n            ],\n            rationale: \"Centre",
            0,
            8,
        ),
        message: "le métier `operateur-videoprotection` ne peut pas viser l'expertise en `protection-donnees`",
        id: "protection-donnees",
    },
    Case {
        file: "requirements.ron",
        find: "family: \"bureau\",",
        replace: "family: \"burau\",",
        at: ("\"burau\"", 0, 0),
        message: "famille de métiers `burau` inconnue",
        id: "burau",
    },
    Case {
        file: "requirements.ron",
        find: "(competency: \"pix-1-2\", year10: Socle),\n                (competency: \"pix-2-2\", year10: Socle),",
        replace: "(competency: \"cybersecurite\", year10: Socle),\n                (competency: \"pix-2-2\", year10: Socle),",
        at: (
            "\"cybersecurite\", year10: Socle),\n                (competency: \"pix-2-2\"",
            0,
            0,
        ),
        message: "`cybersecurite` n'est pas une compétence du socle Pix",
        id: "cybersecurite",
    },
    Case {
        file: "effects.ron",
        find: "horizon_footnotes: [30],",
        replace: "",
        at: ("number: 30,", 0, 8),
        message: "la note 30 n'est rattachée à rien",
        id: "30",
    },
    Case {
        file: "catalogue.ron",
        find: "        recommendations: [25],\n        provenance: Project(rationale: \"Préconisation 25 (fonctions support engagées",
        replace: "        recommendations: [25, 30],\n        provenance: Project(rationale: \"Préconisation 25 (fonctions support engagées",
        at: ("[25, 30]", 0, 5),
        message: "le module `amoa-si-s` cite la préconisation 30, qui s'adresse à : directions des systèmes d'information ; le module est ouvert à : tous les agents, encadrement, fonctions support",
        id: "R30",
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
        err.contains(&format!("= identifiant : {}", case.id)),
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
        "compétence `amoa-sy` inconnue",
        "identifiant de module `amoa-si-a` en double",
        "métier `juristes` inconnu",
    ] {
        assert!(err.contains(m), "`{m}` missing in:\n{err}");
    }
    let count = err
        .lines()
        .filter(|l| l.starts_with("erreur : ") && !l.contains("problème"))
        .count();
    assert!(
        err.contains(&format!(
            "erreur : {count} problèmes dans les données de référence"
        )),
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
        err.contains("cycle de prérequis : pix-2-1-a → pix-2-2-a → pix-2-3-a → pix-2-1-a"),
        "{err}"
    );
    let (line, col) = line_col(&cat, nth_offset(&cat, "[Module(\"pix-2-2-a\")]", 0));
    assert!(
        err.contains(&format!("{}:{line}:{col}", path.display())),
        "{err}"
    );
}

/// Validates `text` in place of the data file `file` and returns the standard error of the
/// refusal (exit 2).
fn rejected(file: &str, text: &str) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), file, text);
    let o = parcours(&["--data", dir.path().to_str().expect("path"), "validate"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    err
}

#[test]
fn a_high_headcount_member_without_a_public_figure_must_say_how_it_was_ranked() {
    let cls = data_file("classification.ron");
    let start = cls
        .find(", ranked_by: \"Aucun effectif public pour ce métier : classé d'après le panorama")
        .expect("fixture");
    let end = start + cls[start..].find("\"),").expect("end");
    let broken = format!("{}{}", &cls[..start], &cls[end + 1..]);
    let err = rejected("classification.ron", &broken);
    assert!(
        err.contains("le métier `travailleur-social` figure parmi les plus forts effectifs sans effectif public ni explication de son rang"),
        "{err}"
    );
}

#[test]
fn a_metier_both_sensitive_and_shrinking_has_one_rationale() {
    let cls = data_file("classification.ron");
    let needle = "(metier: \"technicien-support\", rationale: \"Sensible et possiblement en baisse";
    let last = cls.rfind(needle).expect("fixture");
    let broken = format!(
        "{}(metier: \"technicien-support\", rationale: \"Baisse possible : assistance de premier niveau automatisée{}",
        &cls[..last],
        &cls[last + needle.len()..]
    );
    let err = rejected("classification.ron", &broken);
    assert!(
        err.contains("le métier `technicien-support` est sensible et possiblement en baisse avec deux justifications différentes"),
        "{err}"
    );
}

#[test]
fn one_population_is_never_counted_for_two_metiers() {
    let m = data_file("metiers.ron");
    let asvp = m.find("headcount: (agents: 5336,").expect("asvp");
    let asvp_end = asvp + m[asvp..].find('\n').expect("eol");
    let police = m.find("headcount: (agents: 18297,").expect("police");
    let police_line = &m[police..police + m[police..].find('\n').expect("eol")];
    let broken = format!("{}{}{}", &m[..asvp], police_line, &m[asvp_end..]);
    let err = rejected("metiers.ron", &broken);
    assert!(
        err.contains("le métier `agent-police-municipale` porte le même effectif (18297 agents, 2012, même source) que le métier `asvp`"),
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
            "le niveau `expertise` de la compétence `dematerialisation-flux` est requis (acheteur-public"
        ),
        "{err}"
    );
    assert!(
        err.contains("requirements.ron:"),
        "points into the requirements: {err}"
    );
    assert!(
        err.contains("dematerialisation-flux-e) ont des prérequis impossibles à remplir"),
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
        err.contains("groups.ron:2:") && err.contains("n'est pas enregistré en UTF-8"),
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
    assert!(stderr(&o).contains("ne contient aucun fichier de référence"));
    let o = parcours(&["--data", "/no/such/dir", "validate"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("n'existe pas"));
}

#[test]
fn replacing_only_the_classification_works() {
    // A user holding the official lists replaces classification.ron alone.
    let dir = tempfile::tempdir().expect("temp dir");
    let cls = data_file("classification.ron");
    write(dir.path(), "classification.ron", &cls);
    let out = ok(&["--data", dir.path().to_str().expect("path"), "validate"]);
    assert!(
        out.contains("1 fichier pris dans --data") && out.contains("classification.ron"),
        "{out}"
    );
}
