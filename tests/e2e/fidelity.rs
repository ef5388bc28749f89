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
    assert_eq!(data.recommendations().len(), 41);
    assert_eq!(data.effects().len(), 5);
    for r in data.recommendations() {
        let (effect, horizon, priority) = seed[&r.number.0];
        assert_eq!(r.effect.0, effect, "effect of R{}", r.number.0);
        assert_eq!(r.horizon, horizon, "horizon of R{}", r.number.0);
        assert_eq!(r.priority, priority, "priority of R{}", r.number.0);
    }
    let priorities: Vec<u16> = data
        .recommendations()
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
    for r in data.recommendations() {
        check(&format!("R{} title", r.number.0), &r.title);
        if let Some(c) = &r.continuation {
            check(&format!("R{} continuation", r.number.0), c);
        }
        for (i, p) in r.points.iter().enumerate() {
            check(&format!("R{} point {i}", r.number.0), p);
        }
    }
    for f in data.footnotes() {
        check(&format!("footnote {}", f.number.0), &f.text);
    }
    for g in data.groups() {
        check(&format!("group {}", g.id), &g.seed_text);
    }
    let upper = seed.to_uppercase();
    for e in data.effects() {
        let heading = format!("EFFET {}", e.number.0);
        assert!(upper.contains(&heading), "{heading}");
        assert!(
            upper.contains(&normalise(&e.title).to_uppercase()),
            "effect {} title: {}",
            e.number.0,
            e.title
        );
    }
    assert_eq!(data.groups().len(), 7, "recommendation 23 lists 7 groups");
}

#[test]
fn categories_match_the_declared_totals_and_every_assignment_has_a_reason() {
    let data = ReferenceData::embedded().expect("shipped data validates");
    let c = &data.classification();
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
    assert!(data.metiers().len() >= 120);
}

#[test]
fn sensitive_metiers_reach_approfondissement_and_everyone_has_the_core() {
    use parcours::graph::vocab::{Category, Level};
    let data = ReferenceData::embedded().expect("shipped data validates");
    let core: Vec<_> = data
        .competencies()
        .competencies
        .iter()
        .filter(|c| data.is_core(&c.id))
        .collect();
    assert_eq!(core.len(), 16, "the 16 Pix competences");
    for m in data.metiers() {
        let targets = data.targets(&m.id);
        for c in &data.requirements().core {
            let t = targets
                .iter()
                .find(|t| t.competency == c.competency)
                .expect("common core target");
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
    // A Pix score never proves expertise; Pix 8 (defined, not yet reachable) counts as 7.
    assert!(pix.iter().all(|l| *l != Some(Level::Expertise)), "{pix:?}");
    assert_eq!(pix[8], pix[7]);
    assert_eq!(pix[7], Some(Level::Approfondissement));
}

#[test]
fn provenance_is_explicit_where_the_data_is_not_the_seed() {
    use parcours::graph::vocab::Provenance;
    let data = ReferenceData::embedded().expect("shipped data validates");
    let has_reason = |p: &Provenance| p.detail().is_some_and(|d| d.len() > 10);
    assert!(data.metiers().iter().all(|m| has_reason(&m.provenance)));
    assert!(
        data.modules().iter().all(
            |m| matches!(m.provenance, Provenance::Project { .. }) && has_reason(&m.provenance)
        )
    );
    assert!(
        data.competencies()
            .competencies
            .iter()
            .all(|c| has_reason(&c.provenance))
    );
    assert!(data.fields().iter().all(|f| has_reason(&f.provenance)));
    assert!(
        data.recommendations()
            .iter()
            .all(|r| r.reading.rationale.len() > 10)
    );
    for m in data.metiers().iter().filter_map(|m| m.headcount.as_ref()) {
        assert!(!m.source.is_empty() && m.agents > 0);
    }
}

#[test]
fn lead_sentences_keep_the_punctuation_that_follows_them() {
    // A lead sentence followed by its sub-points ends with the study's colon: a transcription
    // that stops just before a colon, a full stop or a comma of the seed has lost it.
    let data = ReferenceData::embedded().expect("shipped data validates");
    let seed = normalise(SEED);
    for r in data.recommendations() {
        let texts = std::iter::once(("title", &r.title))
            .chain(r.continuation.iter().map(|c| ("continuation", c)));
        for (what, text) in texts {
            let n = normalise(text);
            let at = seed
                .find(&n)
                .unwrap_or_else(|| panic!("R{} {what} not in the seed", r.number.0));
            let next = seed[at + n.len()..].trim_start().chars().next();
            assert!(
                !matches!(next, Some(':' | '.' | ',' | ';')),
                "R{} {what} stops before « {} » of the seed: {text}",
                r.number.0,
                next.unwrap_or(' ')
            );
        }
    }
}

#[test]
fn the_reading_of_a_lead_verb_is_the_same_everywhere() {
    // « Promouvoir » is read as an institutional action (promotion, partnership), « Former » and
    // « Sensibiliser » as training, for every recommendation that begins with them.
    use parcours::graph::vocab::Nature;
    let data = ReferenceData::embedded().expect("shipped data validates");
    for r in data.recommendations() {
        let verb = r.title.split_whitespace().next().unwrap_or("");
        let training = r.reading.nature == Nature::Training;
        match verb.trim_end_matches(',') {
            "Promouvoir" => assert!(!training, "R{} begins with « Promouvoir »", r.number.0),
            "Former" | "Sensibiliser" => {
                assert!(training, "R{} begins with « {verb} »", r.number.0)
            }
            _ => {}
        }
    }
}

#[test]
fn a_training_recommendation_addresses_only_the_audiences_its_text_names() {
    use parcours::graph::vocab::{Audience, Nature};
    let data = ReferenceData::embedded().expect("shipped data validates");
    for r in data
        .recommendations()
        .iter()
        .filter(|r| r.reading.nature == Nature::Training)
    {
        let text = std::iter::once(r.title.as_str())
            .chain(r.continuation.as_deref())
            .chain(r.points.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(" ");
        for a in &r.reading.audiences {
            let words: &[&str] = match a {
                Audience::AllAgents => &["agent"],
                Audience::ElectedOfficials => &["élu"],
                Audience::Managers => &["manag", "encadr"],
                Audience::GeneralManagement => &["directions générales", "niveaux managériaux"],
                Audience::HrDirections => &["ressources humaines"],
                Audience::ItDirections => &["systèmes d'information", "DSI"],
                Audience::SupportFunctions => &["fonctions support"],
                Audience::DigitalMediators => &["médiat", "conseill"],
                Audience::Cnfpt => &["CNFPT"],
                Audience::DigitalTutors => &["tuteur", "tutorat"],
            };
            assert!(
                words.iter().any(|w| text.contains(w)),
                "R{} is read as addressing « {} », which its text does not name",
                r.number.0,
                a.label()
            );
        }
    }
    // Recommendation 39 addresses « les autres métiers », not every agent.
    let r39 = data
        .recommendation(parcours::graph::ids::RecNumber(39))
        .expect("R39");
    assert!(!r39.reading.audiences.contains(&Audience::AllAgents));
}

#[test]
fn a_module_cites_only_recommendations_that_develop_what_it_teaches() {
    // The content of a citation: the module's competency is one the recommendation develops.
    // Recommendation 39 develops « compétences transversales » and métier competencies « de
    // niveau approfondissement ou expertise »: a module citing it is at one of those levels.
    use parcours::graph::vocab::{Level, Nature};
    let data = ReferenceData::embedded().expect("shipped data validates");
    for m in data.modules() {
        for n in &m.recommendations {
            let r = data.recommendation(*n).expect("known recommendation");
            assert_eq!(
                r.reading.nature,
                Nature::Training,
                "{} cites R{}",
                m.id,
                n.0
            );
            if n.0 == 39 {
                assert!(
                    m.level >= Level::Approfondissement,
                    "{} is at socle and cites R39",
                    m.id
                );
            } else {
                assert!(
                    r.reading
                        .develops
                        .iter()
                        .any(|d| d.competency == m.competency),
                    "{} teaches `{}`, which R{} does not develop",
                    m.id,
                    m.competency,
                    n.0
                );
            }
        }
    }
}

#[test]
fn repertoire_names_are_the_repertoires_and_old_ids_keep_working() {
    use parcours::graph::ids::MetierId;
    let data = ReferenceData::embedded().expect("shipped data validates");
    // Names read on public copies of the répertoire's sheets (see each provenance).
    for (id, name) in [
        (
            "agent-accompagnement-education-enfant",
            "Agent ou agente d'accompagnement à l'éducation de l'enfant",
        ),
        (
            "agent-police-municipale",
            "Agent ou agente de police municipale",
        ),
        (
            "agent-interventions-techniques-polyvalent-rural",
            "Agent ou agente des interventions techniques polyvalente en milieu rural",
        ),
        (
            "agent-proprete-espaces-publics",
            "Agent ou agente de propreté des espaces publics",
        ),
        (
            "charge-proprete-locaux",
            "Chargé ou chargée de propreté des locaux",
        ),
        (
            "agent-exploitation-voirie",
            "Agent ou agente d'exploitation et d'entretien de la voirie et des réseaux divers",
        ),
        ("jardinier", "Jardinier ou jardinière"),
        ("agent-restauration", "Agent ou agente de restauration"),
        (
            "directeur-general-services",
            "Directeur général ou directrice générale de collectivité ou d'établissement public",
        ),
    ] {
        let m = data
            .metier(&MetierId::new(id))
            .unwrap_or_else(|| panic!("{id}"));
        assert_eq!(m.name, name, "{id}");
        assert!(m.repertoire, "{id}");
    }
    let e2c = data
        .metier(&MetierId::new("agent-proprete-espaces-publics"))
        .expect("E2C/07");
    assert_eq!(e2c.code.as_deref(), Some("E2C/07"));
    // No métier is named after a cadre d'emplois or an old nomenclature any more.
    for m in data.metiers() {
        for old in [
            "territorial spécialisé des écoles maternelles",
            "Policier",
            "de services polyvalent",
        ] {
            assert!(!m.name.contains(old), "{}: {}", m.id, m.name);
        }
    }
    // Re-identified métiers keep their old ids.
    for (old, new) in [
        ("atsem", "agent-accompagnement-education-enfant"),
        ("policier-municipal", "agent-police-municipale"),
        (
            "agent-services-polyvalent-rural",
            "agent-interventions-techniques-polyvalent-rural",
        ),
    ] {
        let m = data
            .metier(&MetierId::new(old))
            .unwrap_or_else(|| panic!("{old}"));
        assert_eq!(m.id.as_str(), new);
        assert!(
            m.former_ids
                .iter()
                .any(|f| f.id.as_str() == old && !f.note.is_empty())
        );
    }
}

#[test]
fn epicene_names_agree_with_the_feminine_noun_and_every_metier_has_a_short_name() {
    // In « Travailleur ou travailleuse sociale », the adjective after the feminine noun agrees
    // with it: no masculine adjective follows the « ou ».
    const MASCULINE: &[&str] = &[
        "public",
        "social",
        "maternel",
        "éducatif",
        "général",
        "adjoint",
        "culturel",
        "municipal",
        "polyvalent",
        "territorial",
        "spécialisé",
        "professionnel",
    ];
    let data = ReferenceData::embedded().expect("shipped data validates");
    let mut short = std::collections::BTreeSet::new();
    for m in data.metiers() {
        if let Some((_, feminine)) = m.name.split_once(" ou ") {
            // The adjectives right after the feminine noun, before any complement (« de… »,
            // « d'accueil social » agrees with « accueil »).
            for w in feminine.split_whitespace().skip(1).take_while(|w| {
                !["de", "des", "du", "à", "en", "et", "pour"].contains(w) && !w.starts_with("d'")
            }) {
                assert!(
                    !MASCULINE.contains(&w),
                    "{}: « {w} » in « {} »",
                    m.id,
                    m.name
                );
            }
        }
        assert!(
            !m.short_name.trim().is_empty(),
            "{} has no short name",
            m.id
        );
        assert!(
            m.short_name.chars().count() <= 40,
            "{}: short name too long",
            m.id
        );
        assert!(
            short.insert(m.short_name.clone()),
            "short name « {} » twice",
            m.short_name
        );
    }
    for (id, s) in [
        ("agent-accompagnement-education-enfant", "ATSEM"),
        ("charge-accueil", "Agent d'accueil"),
        ("directeur-general-services", "DGS"),
    ] {
        let m = data
            .metier(&parcours::graph::ids::MetierId::new(id))
            .expect(id);
        assert_eq!(m.short_name, s);
    }
}

#[test]
fn categories_are_built_from_repertoire_metiers_and_sourced_headcounts() {
    let data = ReferenceData::embedded().expect("shipped data validates");
    let c = &data.classification();
    for a in c
        .sensitive
        .iter()
        .chain(&c.high_headcount)
        .chain(&c.shrinking)
    {
        let m = data.metier(&a.metier).expect("member");
        assert!(m.repertoire, "{} is not a répertoire métier", a.metier);
    }
    let with_figure = c
        .high_headcount
        .iter()
        .filter(|a| {
            data.metier(&a.metier)
                .and_then(|m| m.headcount.as_ref())
                .is_some()
        })
        .count();
    assert!(
        with_figure >= 12,
        "only {with_figure} members with a public headcount"
    );
    for a in &c.high_headcount {
        let m = data.metier(&a.metier).expect("member");
        assert!(
            m.headcount.is_some() != a.ranked_by.is_some(),
            "{}",
            a.metier
        );
    }
    // Every headcount gives the address of its source.
    for m in data.metiers() {
        if let Some(h) = &m.headcount {
            assert!(
                h.source.contains("http"),
                "{}: no address in « {} »",
                m.id,
                h.source
            );
        }
    }
    // The firefighters (about 41,800) are among the largest headcounts.
    assert!(
        c.high_headcount
            .iter()
            .any(|a| a.metier.as_str() == "sapeur-pompier")
    );
}

#[test]
fn core_targets_fit_each_family_of_metiers() {
    // Recommendations 6 and 24: a core that fits the métiers. No cleaner, refuse collector or
    // home helper is asked to program or to produce multimedia documents.
    use parcours::graph::ids::CompetencyId;
    let data = ReferenceData::embedded().expect("shipped data validates");
    let has = |id: &parcours::graph::ids::MetierId, c: &str| {
        data.targets(id)
            .iter()
            .any(|t| t.competency == CompetencyId::new(c))
    };
    for c in ["pix-3-2", "pix-3-4", "pix-1-3"] {
        assert!(
            !data
                .requirements()
                .core
                .iter()
                .any(|t| t.competency.as_str() == c),
            "{c} is in the common core"
        );
    }
    for f in &data.requirements().families {
        assert!(
            f.rationale.contains("préconisation"),
            "family {} cites no recommendation",
            f.id
        );
    }
    for m in data.metiers() {
        let family = data
            .family_of(&m.id)
            .unwrap_or_else(|| panic!("{} has no family", m.id));
        if family.id == "terrain" {
            for c in ["pix-3-2", "pix-3-4", "pix-1-3"] {
                assert!(!has(&m.id, c), "{} ({}) targets {c}", m.id, family.id);
            }
        }
        if family.id != "numerique" {
            assert!(
                !has(&m.id, "pix-3-4"),
                "{} ({}) targets programming",
                m.id,
                family.id
            );
        }
    }
    for id in [
        "charge-proprete-locaux",
        "agent-collecte",
        "aide-a-domicile",
    ] {
        let m = parcours::graph::ids::MetierId::new(id);
        assert_eq!(
            data.family_of(&m).map(|f| f.id.as_str()),
            Some("terrain"),
            "{id}"
        );
    }
}
