//! JSON Schemas: the committed copies in `docs/schemas/` match `parcours schema`, and the JSON
//! that `plan` and `budget-curve` write validates against their schemas.

use crate::common::*;
use serde_json::Value;

fn validate(schema: &Value, instance: &Value) -> Vec<String> {
    let v = jsonschema::validator_for(schema).expect("a valid JSON Schema");
    v.iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect()
}

#[test]
fn committed_schemas_are_up_to_date() {
    for which in ["plan", "profile", "budget-curve"] {
        let generated = ok(&["schema", which]);
        let path = root()
            .join("docs/schemas")
            .join(format!("{which}.schema.json"));
        let committed = std::fs::read_to_string(&path).expect("committed schema");
        assert!(
            generated == committed,
            "{} is stale: run `cargo run -- schema {which} > docs/schemas/{which}.schema.json`",
            path.display()
        );
    }
}

#[test]
fn plan_json_validates_against_the_schema() {
    let schema: Value = serde_json::from_str(&ok(&["schema", "plan"])).expect("schema JSON");
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("p.ron");
    ok(&["profile", "init", "-o", profile.to_str().unwrap()]);
    for args in [vec![], vec!["--budget-days", "0"], vec!["--horizon", "3"]] {
        let mut all = vec!["plan", profile.to_str().unwrap(), "--format", "json"];
        all.extend(args);
        let plan: Value = serde_json::from_str(&ok_warned(&all).0).expect("plan JSON");
        let errors = validate(&schema, &plan);
        assert!(errors.is_empty(), "{errors:#?}");
    }
    let profile_schema: Value =
        serde_json::from_str(&ok(&["schema", "profile"])).expect("schema JSON");
    // The import's notes (blank level cells, the closing line) go to stderr.
    let o = parcours(&[
        "profile",
        "from-csv",
        root().join("tests/fixtures/staff.csv").to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json_profile = stdout(&o);
    let errors = validate(
        &profile_schema,
        &serde_json::from_str(&json_profile).unwrap(),
    );
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn budget_curve_json_validates_against_the_schema() {
    let schema: Value =
        serde_json::from_str(&ok(&["schema", "budget-curve"])).expect("schema JSON");
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("p.ron");
    ok(&["profile", "init", "-o", profile.to_str().unwrap()]);
    for args in [
        vec!["--steps", "3"],
        vec!["--steps", "2", "--max-days", "7"],
    ] {
        let mut all = vec![
            "budget-curve",
            profile.to_str().unwrap(),
            "--format",
            "json",
        ];
        all.extend(args);
        let curve: Value = serde_json::from_str(&ok(&all)).expect("curve JSON");
        let errors = validate(&schema, &curve);
        assert!(errors.is_empty(), "{errors:#?}");
    }
}
