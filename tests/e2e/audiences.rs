//! A module goes only to the audiences it is made for; where none fits, the need is unfunded
//! with the reason `no_module_for_audience` (issue #25).

use crate::common::*;
use serde_json::Value;

/// A commune with a line of digital tutors (a custom métier holding the `DigitalTutors`
/// role), social workers and prevention advisers.
const PROFILE: &str = r#"(
    name: "Commune des publics",
    kind: Commune,
    population: 20000,
    department: "23",
    first_year: 2027,
    maturity: Developing,
    staff: [
        (metier: "conseiller-prevention", headcount: 6),
        (metier: "travailleur-social", headcount: 30),
        (metier: "tuteurs-numeriques", headcount: 8),
    ],
    custom_metiers: [
        (
            id: "tuteurs-numeriques",
            name: "Tuteurs et tutrices numériques",
            field: "social-sante",
            roles: [DigitalTutors],
            targets: [(competency: "mediation-numerique", year5: Approfondissement, year10: Approfondissement)],
        ),
    ],
    managers: 2,
    elected_officials: 5,
    budget: (days_per_year: 400, max_days_per_agent: 5),
)"#;

/// The métiers each module's session lines give it to, over every year.
fn takers(plan: &Value, module: &str) -> Vec<String> {
    let mut out: Vec<String> = plan["years"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|y| y["sessions"].as_array().unwrap())
        .filter(|s| s["module"] == module)
        .flat_map(|s| s["by_metier"].as_array().unwrap())
        .map(|b| b["metier"].as_str().unwrap().to_string())
        .collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn modules_go_only_to_their_audiences() {
    let dep = root().join("examples/profiles/departement.ron");
    let v: Value =
        serde_json::from_str(&ok(&["plan", dep.to_str().unwrap(), "--format", "json"])).unwrap();
    // The 18-hour course on the register, impact assessments and processors: support, IT and
    // managers, not social workers, who take the course on their own practice.
    let dpo = takers(&v, "protection-donnees-a");
    assert!(dpo.contains(&"juriste".to_string()), "{dpo:?}");
    assert!(!dpo.contains(&"travailleur-social".to_string()), "{dpo:?}");
    assert!(takers(&v, "protection-donnees-usagers-a").contains(&"travailleur-social".to_string()));
    // "Devenir tuteur numérique" is for the tutors a collectivity designates, not whole métiers.
    assert!(takers(&v, "devenir-tuteur-numerique").is_empty());
    assert!(takers(&v, "mediation-numerique-a").contains(&"travailleur-social".to_string()));
    // No need of the shipped example lacks a module for its audience.
    let unfunded = v["unfunded"].as_array().unwrap();
    assert!(
        unfunded
            .iter()
            .all(|u| u["reason"] != "no_module_for_audience")
    );

    let dir = tempfile::tempdir().unwrap();
    let profile = write(dir.path(), "publics.ron", PROFILE);
    let p = profile.to_str().unwrap();
    let (json, _) = ok_warned(&["plan", p, "--format", "json"]);
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        takers(&v, "devenir-tuteur-numerique"),
        ["tuteurs-numeriques"]
    );
    // Its prerequisite (Pix 5.2 approfondissement) comes first for the tutors lacking it.
    assert!(takers(&v, "pix-5-2-a").contains(&"tuteurs-numeriques".to_string()));
}

#[test]
fn a_level_with_no_module_for_the_audience_is_unfunded_with_that_reason() {
    // A catalogue whose approfondissement in numerique-responsable is made only for managers,
    // support functions and IT: the prevention advisers' target finds no module for them.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let catalogue = data_file("catalogue.ron");
    let from = "audience: [Managers, SupportFunctions, ItDirections, AllAgents],";
    let at = catalogue.find("id: \"numerique-responsable-a\"").unwrap();
    let end = at + catalogue[at..].find(from).unwrap();
    let narrowed = format!(
        "{}audience: [Managers, SupportFunctions, ItDirections],{}",
        &catalogue[..end],
        &catalogue[end + from.len()..]
    );
    write(&data, "catalogue.ron", &narrowed);
    let profile = write(dir.path(), "publics.ron", PROFILE);
    let (p, d) = (profile.to_str().unwrap(), data.to_str().unwrap());
    let (json, _) = ok_warned(&["plan", p, "--data", d, "--format", "json"]);
    let v: Value = serde_json::from_str(&json).unwrap();
    let missing: Vec<&Value> = v["unfunded"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["reason"] == "no_module_for_audience")
        .collect();
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert_eq!(missing[0]["metier"], "conseiller-prevention");
    assert_eq!(missing[0]["competency"], "numerique-responsable");
    assert_eq!(missing[0]["level"], "Approfondissement");
    assert_eq!(missing[0]["agents"], 6);
    assert!(takers(&v, "numerique-responsable-a").is_empty());
    // The reports say it in words.
    let (md, _) = ok_warned(&["plan", p, "--data", d, "--format", "md"]);
    assert!(md.contains("aucun module conçu pour ce public"), "{md}");
}
