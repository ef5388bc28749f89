//! Métiers without a workstation (issue #25): no self-training for them, their socle through
//! the catalogue's in-person workshops.

use crate::common::*;
use serde_json::Value;

/// The département's profile with `line` added after its horizon.
fn with_line(dir: &std::path::Path, line: &str) -> std::path::PathBuf {
    departement_with(dir, "    horizon: 10,", &format!("    {line}"))
}

/// Each (métier, module, modality) on a session line, over every year.
fn lines(plan: &Value) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for y in plan["years"].as_array().unwrap() {
        for s in y["sessions"].as_array().unwrap() {
            for b in s["by_metier"].as_array().unwrap() {
                out.push((
                    b["metier"].as_str().unwrap().to_string(),
                    s["module"].as_str().unwrap().to_string(),
                    s["modality"].as_str().unwrap().to_string(),
                ));
            }
        }
    }
    out
}

#[test]
fn metiers_without_a_workstation_take_the_socle_in_person() {
    let shipped = root().join("examples/profiles/departement.ron");
    let (json, _) = ok_warned(&["plan", shipped.to_str().unwrap(), "--format", "json"]);
    let before = lines(&serde_json::from_str(&json).unwrap());
    // By default every agent has a workstation: the socle is self-training, no workshop.
    assert!(before.iter().all(|(_, m, _)| !m.ends_with("-atelier")));
    assert!(
        before
            .iter()
            .any(|(w, m, _)| w == "agent-exploitation-voirie" && m == "pix-2-1-s")
    );
    let dir = tempfile::tempdir().unwrap();
    let p = with_line(
        dir.path(),
        r#"without_workstation: ["agent-exploitation-voirie", "charge-proprete-locaux"],"#,
    );
    let (json, _) = ok_warned(&["plan", p.to_str().unwrap(), "--format", "json"]);
    let after = lines(&serde_json::from_str(&json).unwrap());
    let road: Vec<&(String, String, String)> = after
        .iter()
        .filter(|(w, _, _)| w == "agent-exploitation-voirie" || w == "charge-proprete-locaux")
        .collect();
    assert!(
        road.iter()
            .all(|(_, _, modality)| modality != "autoformation"),
        "{road:?}"
    );
    assert!(
        road.iter().any(|(_, m, _)| m == "pix-2-1-s-atelier"),
        "{road:?}"
    );
    // The others keep self-training.
    assert!(
        after
            .iter()
            .any(|(w, m, _)| w == "travailleur-social" && m == "pix-2-1-s")
    );
}

#[test]
fn a_workstation_list_names_metiers_of_the_staff() {
    let dir = tempfile::tempdir().unwrap();
    let p = with_line(dir.path(), r#"without_workstation: ["gardien-de-phare"],"#);
    let o = parcours(&["plan", p.to_str().unwrap(), "--format", "json"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("erreur : le métier `gardien-de-phare` n'est pas dans le personnel du profil"),
        "{err}"
    );
    assert!(
        err.contains("= aide : citez un métier d'une ligne de `staff`"),
        "{err}"
    );
    assert!(err.contains("departement.ron:180:"), "{err}");
    assert!(err.contains("without_workstation[0]"), "{err}");
    assert!(!err.contains("panicked"));
}
