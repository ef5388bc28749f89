//! Realistic staff exports (tests/fixtures/exports): at least 90 % of their agents match a
//! métier with the reference data alone, and what is left takes one pass of the mapping file.

use parcours_graph::ReferenceData;
use parcours_import::staff::{ImportOptions, import};
use parcours_import::{mapping, table};
use std::path::PathBuf;

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/exports")
        .join(name);
    std::fs::read(path).expect("fixture")
}

#[test]
fn realistic_exports_match_at_least_90_percent_then_one_pass() {
    let data = ReferenceData::embedded().expect("data");
    for (name, agents) in [("commune-agents.csv", 156), ("departement-agents.csv", 348)] {
        let t = table::read(name, &fixture(name), None).expect("readable");
        let failed = import(&data, &t, &ImportOptions::default(), None)
            .expect_err("some titles need the user");
        let r = &failed.report;
        assert_eq!(r.agents, agents, "{name}");
        let rate = r.matched_by_reference as f64 / r.agents as f64;
        assert!(rate >= 0.9, "{name}: {:.1} % matched", rate * 100.0);
        // Every diagnostic is an unmatched title, one per distinct title.
        assert_eq!(failed.diagnostics.len(), r.unmatched().len(), "{name}");
        // One pass: the template, each blank line given a métier, read back.
        let template = mapping::template(&data, r, name);
        let completed: String = template
            .lines()
            .map(|l| {
                if l.ends_with(";\"\";\"à compléter : aucun métier proche\"")
                    || l.contains(";\"\";\"à vérifier")
                {
                    l.replacen(";\"\";", ";\"agent-gestion-administrative\";", 1)
                } else {
                    l.to_owned()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let m = mapping::read(&data, "m.csv", completed.as_bytes()).expect("mapping");
        let done = import(&data, &t, &ImportOptions::default(), Some(&m)).expect("one pass");
        let total: u32 = done.profile.staff.iter().map(|s| s.headcount).sum();
        assert_eq!(u64::from(total), agents, "{name}");
        for leak in [
            "Tartempion",
            "Zorglub",
            "departement-fictif",
            "M01000",
            "1600135100100",
        ] {
            assert!(!template.contains(leak), "{name}: {leak}");
            assert!(
                !format!("{:?}", done.profile).contains(leak),
                "{name}: {leak}"
            );
        }
    }
}
