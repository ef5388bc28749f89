//! Yearly caps per agent shared between populations (issue #25): the managers' track and the
//! métier lines the reference data marks as management are the same people.

use crate::common::*;
use parcours::graph::ReferenceData;
use parcours::graph::vocab::Audience;
use serde_json::Value;
use std::collections::BTreeMap;

/// Each population's training hours per agent, year by year (every module it has agents on
/// that year), from a plan's paths.
fn hours_by_year(plan: &Value) -> BTreeMap<String, BTreeMap<u64, u64>> {
    let mut out: BTreeMap<String, BTreeMap<u64, u64>> = BTreeMap::new();
    for path in plan["paths"].as_array().unwrap() {
        let years = out
            .entry(path["metier"].as_str().unwrap().to_string())
            .or_default();
        for step in path["steps"].as_array().unwrap() {
            for cell in step["scheduled"].as_array().unwrap() {
                if cell[1].as_u64().unwrap() > 0 {
                    *years.entry(cell[0].as_u64().unwrap()).or_default() +=
                        step["hours"].as_u64().unwrap();
                }
            }
        }
    }
    out
}

#[test]
fn managers_share_their_yearly_cap_with_management_lines() {
    let dir = tempfile::tempdir().unwrap();
    let profile = with_budget(dir.path(), "managers_max_days_per_agent: 3,");
    let (json, _) = ok_warned(&["plan", profile.to_str().unwrap(), "--format", "json"]);
    let plan: Value = serde_json::from_str(&json).unwrap();
    let hpd = plan["profile"]["hours_per_day"].as_u64().unwrap();
    let hours = hours_by_year(&plan);
    let track = &hours["encadrants"];
    assert!(!track.is_empty(), "the managers' track is trained");
    let data = ReferenceData::embedded().unwrap();
    let management: Vec<&str> = data
        .metiers()
        .iter()
        .filter(|m| {
            (m.roles.iter()).any(|r| matches!(r, Audience::Managers | Audience::GeneralManagement))
        })
        .map(|m| m.id.as_str())
        .filter(|id| hours.contains_key(*id))
        .collect();
    assert!(management.len() > 5, "{management:?}");
    let mut shared_years = 0;
    for id in &management {
        for (year, own) in &hours[*id] {
            let both = own + track.get(year).copied().unwrap_or(0);
            assert!(
                both <= 3 * hpd,
                "{id} in {year}: {both} h with the managers' track"
            );
            shared_years += usize::from(track.contains_key(year));
        }
    }
    assert!(
        shared_years > 0,
        "a management line trains in a year the track does"
    );
    // The other lines keep the budget's cap of five days, apart from the track.
    let other = &hours["travailleur-social"];
    assert!(other.values().all(|h| *h <= 5 * hpd));
    assert!(other.values().any(|h| *h > 3 * hpd), "{other:?}");
}

/// The département's profile with `extra` added to its budget section.
fn with_budget(dir: &std::path::Path, extra: &str) -> std::path::PathBuf {
    departement_with(
        dir,
        "        max_days_per_agent: 5,",
        &format!("        {extra}"),
    )
}

/// Sessions with a trainer (not self-training) each year, and trainer-days (tenths).
fn sessions_by_year(plan: &Value) -> Vec<(u64, f64)> {
    plan["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| {
            let sessions = (y["sessions"].as_array().unwrap().iter())
                .filter(|s| s["modality"] != "autoformation")
                .map(|s| s["sessions"].as_u64().unwrap())
                .sum();
            (sessions, y["trainer_days"].as_f64().unwrap())
        })
        .collect()
}

#[test]
fn the_training_service_capacity_holds_each_year() {
    let dir = tempfile::tempdir().unwrap();
    let free = root().join("examples/profiles/departement.ron");
    let (json, _) = ok_warned(&["plan", free.to_str().unwrap(), "--format", "json"]);
    let unlimited = sessions_by_year(&serde_json::from_str(&json).unwrap());
    assert!(unlimited.iter().any(|(s, _)| *s > 40), "{unlimited:?}");
    // Sessions a year.
    let p = with_budget(dir.path(), "sessions_per_year: 40,");
    let (json, _) = ok_warned(&["plan", p.to_str().unwrap(), "--format", "json"]);
    let capped = sessions_by_year(&serde_json::from_str(&json).unwrap());
    assert!(capped.iter().all(|(s, _)| *s <= 40), "{capped:?}");
    assert!(capped.iter().any(|(s, _)| *s > 30), "{capped:?}");
    // Trainer-days a year.
    let p = with_budget(dir.path(), "trainer_days_per_year: 60,");
    let (json, _) = ok_warned(&["plan", p.to_str().unwrap(), "--format", "json"]);
    let capped = sessions_by_year(&serde_json::from_str(&json).unwrap());
    assert!(capped.iter().all(|(_, d)| *d <= 60.0), "{capped:?}");
    assert!(capped.iter().any(|(_, d)| *d > 40.0), "{capped:?}");
    // The reports give the trainer-days of each year.
    let (md, _) = ok_warned(&["plan", p.to_str().unwrap(), "--format", "md"]);
    assert!(md.contains(" de formateur\n"), "{md}");
    let (table, _) = ok_warned(&["plan", p.to_str().unwrap()]);
    assert!(table.contains(" de formateur"), "{table}");
}

#[test]
fn a_capacity_given_twice_or_implausible_is_refused() {
    for (extra, message) in [
        (
            "sessions_per_year: 40, trainer_days_per_year: 60,",
            "la capacité du service formation est donnée deux fois",
        ),
        (
            "sessions_per_year: 2000000,",
            "2000000 sessions par an n'est pas plausible",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let p = with_budget(dir.path(), extra);
        let o = parcours(&["plan", p.to_str().unwrap(), "--format", "json"]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains(message), "{err}");
        assert!(err.contains("departement.ron:177:"), "{err}");
        assert!(err.contains("(champ `budget."), "{err}");
        assert!(!err.contains("panicked"));
    }
}

/// With session groups a session gathers one group's agents, so a module may open more
/// sessions than its agents all together would: the capacity counts them group by group.
#[test]
fn the_capacity_holds_with_session_groups() {
    let dir = tempfile::tempdir().unwrap();
    let source = root().join("examples/profiles/departement-15.ron");
    let text = std::fs::read_to_string(&source).unwrap();
    assert!(text.contains("session_groups"), "the example gives groups");
    let (json, _) = ok_warned(&["plan", source.to_str().unwrap(), "--format", "json"]);
    let unlimited = sessions_by_year(&serde_json::from_str(&json).unwrap());
    let cap = 20;
    assert!(unlimited.iter().any(|(s, _)| *s > cap), "{unlimited:?}");
    let at = "        max_days_per_agent: 3,";
    assert!(text.contains(at));
    let capped = text.replacen(at, &format!("{at}\n        sessions_per_year: {cap},"), 1);
    let p = write(dir.path(), "departement-15.ron", &capped);
    let (json, _) = ok_warned(&["plan", p.to_str().unwrap(), "--format", "json"]);
    let capped = sessions_by_year(&serde_json::from_str(&json).unwrap());
    assert!(capped.iter().all(|(s, _)| *s <= cap), "{capped:?}");
    assert!(capped.iter().any(|(s, _)| *s > 0), "{capped:?}");
}
