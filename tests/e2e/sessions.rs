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
