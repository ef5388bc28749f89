//! The shipped data is faithful to the study's text (`tests/fixtures/seed-vi3-vi4.txt`, a copy of
//! the seed): every transcribed string appears in it verbatim, and numbers, effects, horizons and
//! priorities agree with what the text itself says, read independently here.

use parcours::graph::ReferenceData;
use parcours::graph::vocab::Horizon;
use std::collections::BTreeMap;

const SEED: &str = include_str!("../fixtures/seed-vi3-vi4.txt");

/// Whitespace collapsed, superscript footnote marks and Markdown bold removed.
fn normalise(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .filter(|c| !"⁰¹²³⁴⁵⁶⁷⁸⁹".contains(*c))
        .collect::<String>()
        .replace("**", "");
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// (effect, horizon, priority) of every numbered recommendation, read from the seed.
fn read_seed() -> BTreeMap<u16, (u16, Horizon, bool)> {
    let mut out = BTreeMap::new();
    let mut effect = 0;
    let mut horizon = Horizon::Short;
    for line in SEED.lines() {
        let t = line.trim();
        if let Some(rest) = t.strip_prefix("EFFET ") {
            effect = rest
                .chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
                .parse()
                .expect("effect number");
            continue;
        }
        if t.contains("PRÉCONISATIONS À COURT TERME") {
            horizon = Horizon::Short;
        } else if t.contains("PRÉCONISATIONS À PLUS LONG TERME") {
            horizon = Horizon::Long;
        }
        let body = t.trim_start_matches('-').trim_start();
        let priority = body.starts_with('➔');
        let body = body
            .trim_start_matches('➔')
            .trim_start()
            .trim_start_matches("**");
        let digits: String = body.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() && body[digits.len()..].starts_with(". ") && effect > 0 {
            out.insert(digits.parse().expect("number"), (effect, horizon, priority));
        }
    }
    out
}

#[test]
fn numbering_effects_horizons_and_priorities_match_the_text() {
    let data = ReferenceData::embedded().expect("shipped data validates");
    let seed = read_seed();
    assert_eq!(seed.len(), 41, "the seed has 41 recommendations");
    assert_eq!(data.recommendations.len(), 41);
    assert_eq!(data.effects.len(), 5);
    for r in &data.recommendations {
        let (effect, horizon, priority) = seed[&r.number.0];
        assert_eq!(r.effect.0, effect, "effect of R{}", r.number.0);
        assert_eq!(r.horizon, horizon, "horizon of R{}", r.number.0);
        assert_eq!(r.priority, priority, "priority of R{}", r.number.0);
    }
    let priorities: Vec<u16> = data
        .recommendations
        .iter()
        .filter(|r| r.priority)
        .map(|r| r.number.0)
        .collect();
    assert_eq!(priorities, [1, 5, 6, 11, 13, 19, 33, 34]);
}

#[test]
fn transcribed_text_is_verbatim() {
    let data = ReferenceData::embedded().expect("shipped data validates");
    let seed = normalise(SEED);
    let check = |what: &str, s: &str| {
        assert!(!s.trim().is_empty(), "{what} is empty");
        assert!(
            seed.contains(&normalise(s)),
            "{what} is not verbatim in the seed: {s}"
        );
    };
    for r in &data.recommendations {
        check(&format!("R{} title", r.number.0), &r.title);
        if let Some(c) = &r.continuation {
            check(&format!("R{} continuation", r.number.0), c);
        }
        for (i, p) in r.points.iter().enumerate() {
            check(&format!("R{} point {i}", r.number.0), p);
        }
    }
    for f in &data.footnotes {
        check(&format!("footnote {}", f.number.0), &f.text);
    }
    for g in &data.groups {
        check(&format!("group {}", g.id), &g.seed_text);
    }
    let upper = seed.to_uppercase();
    for e in &data.effects {
        let heading = format!("EFFET {}", e.number.0);
        assert!(upper.contains(&heading), "{heading}");
        assert!(
            upper.contains(&normalise(&e.title).to_uppercase()),
            "effect {} title: {}",
            e.number.0,
            e.title
        );
    }
    assert_eq!(data.groups.len(), 7, "recommendation 23 lists 7 groups");
}

#[test]
fn categories_match_the_declared_totals_and_every_assignment_has_a_reason() {
    let data = ReferenceData::embedded().expect("shipped data validates");
    let c = &data.classification;
    assert_eq!(
        (
            c.declared.sensitive,
            c.declared.high_headcount,
            c.declared.shrinking
        ),
        (42, 20, 33)
    );
    assert_eq!(
        (c.sensitive.len(), c.high_headcount.len(), c.shrinking.len()),
        (42, 20, 33)
    );
    for a in c
        .sensitive
        .iter()
        .chain(&c.high_headcount)
        .chain(&c.shrinking)
    {
        assert!(a.rationale.len() > 20, "{}: rationale too short", a.metier);
    }
    assert!(matches!(
        c.provenance,
        parcours::graph::vocab::Provenance::Reconstruction { .. }
    ));
    assert!(data.metiers.len() >= 120);
}

#[test]
fn sensitive_metiers_reach_approfondissement_and_everyone_has_the_core() {
    use parcours::graph::vocab::{Category, Level};
    let data = ReferenceData::embedded().expect("shipped data validates");
    let core: Vec<_> = data
        .competencies
        .competencies
        .iter()
        .filter(|c| data.is_core(&c.id))
        .collect();
    assert_eq!(core.len(), 16, "the 16 Pix competences");
    for m in &data.metiers {
        let targets = data.targets(&m.id);
        for c in &core {
            let t = targets
                .iter()
                .find(|t| t.competency == c.id)
                .expect("core target");
            assert!(t.year10 >= Level::Socle);
        }
        if data.in_category(&m.id, Category::Sensitive) {
            for t in targets.iter().filter(|t| !t.core) {
                let cap = data.competency(&t.competency).expect("competency").max;
                assert!(
                    t.year10 >= Level::Approfondissement.min(cap),
                    "{} {}",
                    m.id,
                    t.competency
                );
            }
        }
    }
    let pix: Vec<Option<Level>> = (0..=8).map(|p| data.level_of_pix(p)).collect();
    assert_eq!(pix[0], None);
    assert_eq!(pix[8], Some(Level::Expertise));
}

#[test]
fn provenance_is_explicit_where_the_data_is_not_the_seed() {
    use parcours::graph::vocab::Provenance;
    let data = ReferenceData::embedded().expect("shipped data validates");
    let has_reason = |p: &Provenance| p.detail().is_some_and(|d| d.len() > 10);
    assert!(data.metiers.iter().all(|m| has_reason(&m.provenance)));
    assert!(
        data.modules.iter().all(
            |m| matches!(m.provenance, Provenance::Project { .. }) && has_reason(&m.provenance)
        )
    );
    assert!(
        data.competencies
            .competencies
            .iter()
            .all(|c| has_reason(&c.provenance))
    );
    assert!(data.fields.iter().all(|f| has_reason(&f.provenance)));
    assert!(
        data.recommendations
            .iter()
            .all(|r| r.reading.rationale.len() > 10)
    );
    for m in data.metiers.iter().filter_map(|m| m.headcount.as_ref()) {
        assert!(!m.source.is_empty() && m.agents > 0);
    }
}
