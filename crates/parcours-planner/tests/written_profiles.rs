//! Whatever parcours writes, parcours reads back (issue 18): the profiles `profile from-csv`
//! and `synth` would write — the text they produce, gated by `profile::load` as the CLI gates
//! it — parse back equal to what was built, pass `plan`'s checks and plan within their budget,
//! on random CSVs (good and bad rows, duplicated and unknown columns, headcounts up to beyond
//! the limits, blank and odd names, any first year) and random synthetic profiles.

mod common;

use common::{checked, data, planner};
use parcours_batch::synth;
use parcours_graph::vocab::Maturity;
use parcours_import::csv::{CsvOptions, from_csv, to_ron};
use parcours_import::formats::{self, Format};
use parcours_planner::options::PlanOptions;
use parcours_planner::profile::{CollectivityKind, Profile};
use proptest::prelude::*;

/// What the CLI writes from `text` (RON), or `None` when it refuses: the same gate.
fn written(p: &Profile) -> Option<(String, Profile)> {
    let ron = to_ron(p, "written by a property test").expect("a profile writes as RON");
    let back = formats::load(data(), "written.ron", &ron, Format::Ron).ok()?;
    Some((ron, back.into_profile()))
}

/// Plans a written profile and checks the plan's own invariants.
fn plans(p: &Profile) -> Result<(), TestCaseError> {
    let s = planner().solve(&checked(p, &PlanOptions::default()));
    prop_assert_eq!(s.problem.check(&s.alloc), Ok(()));
    let plan = planner().plan(&checked(p, &PlanOptions::default()));
    prop_assert_eq!(plan.years.len(), usize::from(p.horizon));
    for y in &plan.years {
        prop_assert!(y.days_used <= y.budget_days);
    }
    Ok(())
}

/// A column header: the métier and headcount columns, competency ids, or something else.
fn column() -> impl Strategy<Value = String> {
    let competencies: Vec<String> = data()
        .competencies()
        .competencies
        .iter()
        .map(|c| c.id.as_str().to_owned())
        .collect();
    prop_oneof![
        Just("metier".to_owned()),
        Just("headcount".to_owned()),
        prop::sample::select(competencies),
        Just("nom".to_owned()),
    ]
}

/// The reference métiers' ids.
fn metier_ids() -> Vec<String> {
    data()
        .metiers()
        .iter()
        .map(|m| m.id.as_str().to_owned())
        .collect()
}

/// A cell: a métier id (known or not), a number (up to beyond the limits), a level or noise.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(metier_ids()),
        (0u64..400_000).prop_map(|n| n.to_string()),
        (0u32..5).prop_map(|n| n.to_string()),
        prop::sample::select(vec!["socle", "approfondissement", "expertise", "aucun", ""])
            .prop_map(str::to_owned),
        "[a-z =;\"-]{0,8}",
    ]
}

/// A métier cell: mostly a known id, sometimes an unknown one or nothing.
fn metier_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        9 => prop::sample::select(metier_ids()),
        1 => cell(),
    ]
}

/// A headcount cell: mostly plausible, sometimes beyond the limits or not a number.
fn headcount_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => (0u64..300).prop_map(|n| n.to_string()),
        1 => (0u64..600_000).prop_map(|n| n.to_string()),
        1 => cell(),
    ]
}

prop_compose! {
    fn csvs()(
        extra in prop::collection::vec(column(), 0..3),
        headcount_first in any::<bool>(),
        rows in prop::collection::vec(
            (metier_cell(), headcount_cell(), prop::collection::vec(cell(), 3)),
            0..12,
        ),
        sep in prop::sample::select(vec![",", ";"]),
    ) -> String {
        let mut header = if headcount_first {
            vec!["headcount".to_owned(), "metier".to_owned()]
        } else {
            vec!["metier".to_owned(), "headcount".to_owned()]
        };
        header.extend(extra.iter().cloned());
        let mut text = header.join(sep);
        text.push('\n');
        for (metier, headcount, cells) in rows {
            let mut row = if headcount_first { vec![headcount, metier] } else { vec![metier, headcount] };
            row.extend(cells.into_iter().take(extra.len()));
            text.push_str(&row.join(sep));
            text.push('\n');
        }
        text
    }
}

prop_compose! {
    fn csv_options()(
        name in prop::sample::select(vec!["Ville d'Essai", "", "  ", "Commune de Saint-Pierre-et-Miquelon"]),
        first_year in prop_oneof![Just(2027u16), 1990u16..2110, Just(65535u16)],
        maturity in 0usize..4,
    ) -> CsvOptions {
        CsvOptions {
            name: name.to_owned(),
            kind: CollectivityKind::Commune,
            first_year,
            maturity: Maturity::ALL[maturity],
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn every_profile_from_csv_writes_plans(text in csvs(), opts in csv_options()) {
        let Ok(p) = from_csv(data(), "staff.csv", &text, &opts) else {
            return Ok(());
        };
        if let Some((ron, back)) = written(&p) {
            prop_assert_eq!(&back, &p, "reads back differently:\n{}", ron);
            plans(&back)?;
        }
    }

    #[test]
    fn every_synthetic_profile_writes_plans(
        seed in 0u64..1_000,
        count in 1u64..50_000,
        pick in 0u64..50_000,
        first_year in 2000u16..=2100,
    ) {
        let s = synth::profile(seed, count, pick % count, first_year);
        let written = written(&s.profile);
        prop_assert!(written.is_some(), "{} does not pass plan's checks", s.stem);
        if let Some((_, back)) = written {
            prop_assert_eq!(&back, &s.profile);
            plans(&back)?;
        }
    }
}

#[test]
fn the_gate_refuses_what_plan_would_refuse() {
    let text = "metier,headcount\nsecretaire-de-mairie,2\n";
    for opts in [
        CsvOptions {
            first_year: 65535,
            ..CsvOptions::default()
        },
        CsvOptions {
            name: String::new(),
            ..CsvOptions::default()
        },
    ] {
        let p = from_csv(data(), "staff.csv", text, &opts).expect("the CSV itself is fine");
        assert!(written(&p).is_none(), "{opts:?} passes the gate");
    }
    let p = from_csv(data(), "staff.csv", text, &CsvOptions::default()).unwrap();
    assert!(written(&p).is_some());
}

/// The property above is not vacuous: a fair share of the generated CSVs become profiles that
/// pass the gate and get planned.
#[test]
fn the_generated_csvs_often_make_plannable_profiles() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut imported, mut planned) = (0, 0);
    for _ in 0..200 {
        let text = csvs().new_tree(&mut runner).unwrap().current();
        if let Ok(p) = from_csv(data(), "staff.csv", &text, &CsvOptions::default()) {
            imported += 1;
            if written(&p).is_some() {
                planned += 1;
            }
        }
    }
    assert!(
        imported >= 20 && planned >= 20,
        "{imported} imported, {planned} planned of 200"
    );
}
