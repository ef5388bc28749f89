//! Sessions at scale: the funding channel of a département's lines, the groups of métiers a
//! session gathers, and sessions of balanced sizes.

use crate::common::*;
use serde_json::Value;

fn plan_json(profile: &str, extra: &[&str]) -> Value {
    let path = root().join(profile);
    let mut args = vec!["plan", path.to_str().unwrap(), "--format", "json"];
    args.extend_from_slice(extra);
    let (out, _) = ok_warned(&args);
    serde_json::from_str(&out).expect("plan JSON")
}

fn lines(plan: &Value) -> impl Iterator<Item = &Value> {
    plan["years"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|y| y["sessions"].as_array().unwrap())
}

#[test]
fn a_departement_runs_intra_sessions_and_sends_a_handful_to_inter_sessions() {
    let plan = plan_json("examples/profiles/departement.ron", &[]);
    let (mut intra, mut inter_small) = (0, 0);
    for s in lines(&plan) {
        let below = s["pooling_candidate"].as_bool().unwrap();
        match s["channel"].as_str().unwrap() {
            "intra" => {
                // At this size a line in intra has reached the module's minimum.
                assert!(!below, "{s}");
                intra += 1;
            }
            "inter-collectivités CNFPT" => {
                assert!(
                    below,
                    "an inter line of the département is a small group: {s}"
                );
                inter_small += 1;
            }
            _ => {}
        }
    }
    assert!(intra > 100 && inter_small > 0, "{intra} {inter_small}");
    let path = root().join("examples/profiles/departement.ron");
    for format in ["md", "html", "table"] {
        let mut args = vec!["plan", path.to_str().unwrap(), "--format", format];
        if format == "table" {
            args.extend(["--width", "1000"]);
        }
        let (out, _) = ok_warned(&args);
        assert!(
            !out.contains("voisines"),
            "{format}: a département pools with no neighbours"
        );
        assert!(out.contains("places inter"), "{format}");
        assert!(
            out.contains("places en session inter-collectivités du CNFPT"),
            "{format}"
        );
    }
    // A commune's small groups are the ones that may be pooled with its neighbours' — when
    // the module has no inter-collectivity session; the shipped catalogue gives every
    // session module one, so the commune's lines below the minimum are inter places too.
    let commune = root().join("examples/profiles/commune-rurale.ron");
    let (out, _) = ok_warned(&["plan", commune.to_str().unwrap(), "--format", "md"]);
    assert!(out.contains("(places inter)"));
}

/// The session group of each population of `profile` (a file of the repository), by id: the
/// profile's groups, « autres métiers » for the others, each track its own.
fn groups_of(profile: &str) -> std::collections::BTreeMap<String, String> {
    use parcours::import::formats::{self, Format};
    let data = parcours::graph::ReferenceData::embedded().unwrap();
    let text = std::fs::read_to_string(root().join(profile)).unwrap();
    let p = formats::load(&data, profile, &text, Format::Ron).unwrap();
    let mut out = std::collections::BTreeMap::new();
    for s in &p.staff {
        out.insert(s.metier.to_string(), "autres métiers".to_owned());
    }
    for g in &p.session_groups {
        for m in &g.metiers {
            out.insert(m.to_string(), g.name.clone());
        }
    }
    out
}

#[test]
fn sessions_gather_one_group_and_are_balanced() {
    let profile = "examples/profiles/departement-15.ron";
    let groups = groups_of(profile);
    let data = parcours::graph::ReferenceData::embedded().unwrap();
    let plan = plan_json(profile, &[]);
    let (mut checked, mut merged) = (0, 0);
    for s in lines(&plan) {
        let Some(units) = s["composition"].as_array() else {
            assert_eq!(s["modality"], "autoformation", "{s}");
            continue;
        };
        let m = data
            .module(&parcours::graph::ids::ModuleId::new(
                s["module"].as_str().unwrap(),
            ))
            .unwrap();
        let (min, max) = (u64::from(m.min_participants), u64::from(m.max_participants));
        // The line's agents per group, from its métiers (a track is its own group).
        let mut per_group = std::collections::BTreeMap::<String, u64>::new();
        for b in s["by_metier"].as_array().unwrap() {
            let id = b["metier"].as_str().unwrap();
            let g = groups
                .get(id)
                .cloned()
                .unwrap_or_else(|| format!("track {id}"));
            *per_group.entry(g).or_default() += b["agents"].as_u64().unwrap();
        }
        let track_name = |name: &str| !groups.values().any(|g| g == name);
        let mut seen = 0;
        let mut sessions = 0;
        for u in units {
            let names: Vec<&str> = u["groups"]
                .as_array()
                .unwrap()
                .iter()
                .map(|g| g.as_str().unwrap())
                .collect();
            let sizes = numbers(&u["sizes"]);
            let (hi, lo) = (*sizes.iter().max().unwrap(), *sizes.iter().min().unwrap());
            assert!(hi - lo <= 1, "balanced sessions: {s}");
            assert!(hi <= max, "{s}");
            sessions += sizes.len() as u64;
            // The unit's agents are its groups' agents on the line.
            let agents_of = |n: &str| -> u64 {
                if track_name(n) {
                    per_group
                        .iter()
                        .filter(|(k, _)| k.starts_with("track "))
                        .map(|(_, v)| *v)
                        .find(|_| true)
                        .unwrap_or(0)
                } else {
                    per_group.get(n).copied().unwrap_or(0)
                }
            };
            if names.iter().all(|n| !track_name(n)) {
                assert_eq!(
                    sizes.iter().sum::<u64>(),
                    names.iter().map(|n| agents_of(n)).sum::<u64>(),
                    "{s}"
                );
            }
            seen += sizes.iter().sum::<u64>();
            // Groups sit apart; several only when all but one are below the minimum.
            if names.len() > 1 {
                merged += 1;
                let full = names
                    .iter()
                    .filter(|n| !track_name(n) && agents_of(n) >= min)
                    .count();
                assert!(full <= 1, "two full groups in one room: {s}");
            }
        }
        assert_eq!(seen, s["agents"].as_u64().unwrap(), "{s}");
        assert_eq!(sessions, s["sessions"].as_u64().unwrap(), "{s}");
        checked += 1;
    }
    assert!(checked > 50 && merged > 0, "{checked} {merged}");
    // The reports show who sits together.
    let path = root().join(profile);
    let (md, _) = ok_warned(&["plan", path.to_str().unwrap(), "--format", "md"]);
    assert!(md.contains("Routes : "), "{md}");
    assert!(md.contains("Solidarités : "));
}

#[test]
fn session_groups_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("examples/profiles/departement-15.ron"))
        .unwrap()
        .replacen(
            "(name: \"Routes\", metiers: [",
            "(name: \"Routes\", metiers: [\"atsem\", \"travailleur-social\", ",
            1,
        );
    let path = write(dir.path(), "d.ron", &text);
    let o = parcours(&["plan", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    let line = text.lines().position(|l| l.contains("\"atsem\"")).unwrap() + 1;
    assert!(
        err.contains(
            "le métier `atsem` du groupe « Routes » n'est pas dans le personnel du profil"
        ),
        "{err}"
    );
    assert!(err.contains(&format!("d.ron:{line}:")), "{err}");
    assert!(err.contains("session_groups[0].metiers[0]"), "{err}");
    assert!(
        err.contains("le métier `travailleur-social` est déjà dans le groupe « Routes » : un métier appartient à un seul groupe de sessions"),
        "{err}"
    );
}
