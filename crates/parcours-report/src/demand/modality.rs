//! The national demand by modality (in person, blended, remote, tutoring, self-training), with
//! the trainer-days of the session-based ones, and the national capacity it compares with: the
//! trainee-days the CNFPT delivers in a year.

use super::{DemandReport, SessionTotals};
use parcours_graph::ReferenceData;
use parcours_graph::ids::ModuleId;
use parcours_graph::vocab::Modality;
use parcours_planner::plan::Days;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

/// The order modalities are reported in: the session-based ones, then self-training.
pub const MODALITIES: [Modality; 5] = [
    Modality::InPerson,
    Modality::Blended,
    Modality::Remote,
    Modality::Tutoring,
    Modality::SelfTraining,
];

/// What the demand report needs of a module: how it is delivered, and the days one session
/// lasts (a trainer's days for one session).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ModuleFacts {
    /// Delivery modality.
    pub modality: Modality,
    /// Days of one session, in tenths (its hours over the reference data's hours per day,
    /// rounded up to the tenth).
    pub session_days: Days,
}

/// The facts of the modules named in `modules` (modules not in the catalogue are left out).
pub fn module_facts<'m>(
    data: &ReferenceData,
    modules: impl IntoIterator<Item = &'m str>,
) -> BTreeMap<String, ModuleFacts> {
    let hpd = u64::from(data.planning().hours_per_day.max(1));
    modules
        .into_iter()
        .filter_map(|id| {
            let m = data.module(&ModuleId::new(id))?;
            Some((
                id.to_owned(),
                ModuleFacts {
                    modality: m.modality,
                    session_days: Days((u64::from(m.hours) * 10).div_ceil(hpd)),
                },
            ))
        })
        .collect()
}

/// Trainer-days: a trainer's days in front of a session, for every session.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct TrainerDays {
    /// Each collectivity's sessions on their own.
    pub without_pooling: Days,
    /// Once under-filled sessions are pooled.
    pub with_pooling: Days,
}

/// The national demand of one modality in one year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ModalityRow {
    /// Calendar year.
    pub year: u16,
    /// The modality, as the reports name it (`présentiel`, `mixte`, `distanciel`, `tutorat`,
    /// `autoformation`).
    pub modality: String,
    /// Enrolments.
    pub enrolments: u64,
    /// Trainee-days.
    pub days: Days,
    /// Sessions to open, without and with pooling (none for self-training: each agent
    /// follows it on their own).
    pub sessions: SessionTotals,
    /// Trainer-days of these sessions (none for self-training).
    pub trainer_days: TrainerDays,
}

/// A national training capacity, in trainee-days a year, with its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Capacity {
    /// Trainee-days delivered in a year.
    pub trainee_days_per_year: u64,
    /// The year they were delivered.
    pub year: u16,
    /// Shares of in-person, blended and remote training in them, in percent.
    pub in_person_percent: u32,
    /// Blended training, in percent.
    pub blended_percent: u32,
    /// Remote training, in percent.
    pub remote_percent: u32,
    /// Where the figures come from.
    pub source: &'static str,
}

/// The CNFPT's output in 2023: 2.5 million trainee-days, 67 % in person, 27 % blended, 6 %
/// remote (CNFPT activity figures for 2023, as gathered in `../shared/research/domain-facts.md`).
pub const CNFPT: Capacity = Capacity {
    trainee_days_per_year: 2_500_000,
    year: 2023,
    in_person_percent: 67,
    blended_percent: 27,
    remote_percent: 6,
    source: "CNFPT, chiffres d'activité 2023",
};

/// One year's demand against the capacity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct CapacityRow {
    /// Calendar year.
    pub year: u16,
    /// Trainee-days the plans ask for that year, every modality.
    pub days: Days,
    /// Of these, the days of session-based modules (all but self-training).
    pub session_days: Days,
    /// The demand as a share of the capacity's trainee-days, in percent, rounded.
    pub percent_of_capacity: u64,
}

/// The demand of `r` per year and modality (in [`MODALITIES`]' order), from its national rows
/// and its pooling; the modalities of a year add up to the report's totals.
pub fn rows(r: &DemandReport) -> Vec<ModalityRow> {
    let mut pooled: BTreeMap<(&str, u16), u64> = BTreeMap::new();
    for g in &r.pooling.groups {
        *pooled.entry((g.module.as_str(), g.year)).or_default() += g.sessions_with_pooling;
    }
    let mut cells: BTreeMap<(u16, usize), ModalityRow> = BTreeMap::new();
    for d in &r.national {
        let Some(facts) = r.module_facts.get(&d.module) else {
            continue;
        };
        let at = MODALITIES
            .iter()
            .position(|m| *m == facts.modality)
            .unwrap_or(0);
        let row = cells.entry((d.year, at)).or_insert_with(|| ModalityRow {
            year: d.year,
            modality: facts.modality.label().to_owned(),
            enrolments: 0,
            days: Days::default(),
            sessions: SessionTotals::default(),
            trainer_days: TrainerDays::default(),
        });
        let t = SessionTotals::of(
            [&d.cell],
            pooled
                .get(&(d.module.as_str(), d.year))
                .copied()
                .unwrap_or(0),
        );
        row.enrolments += d.cell.agents;
        row.days.0 += d.cell.days.0;
        row.sessions.without_pooling += t.without_pooling;
        row.sessions.with_pooling += t.with_pooling;
        row.trainer_days.without_pooling.0 += t.without_pooling * facts.session_days.0;
        row.trainer_days.with_pooling.0 += t.with_pooling * facts.session_days.0;
    }
    cells.into_values().collect()
}

/// Each year's demand against the [`CNFPT`]'s yearly capacity.
pub fn against_capacity(r: &DemandReport) -> Vec<CapacityRow> {
    let capacity_tenths = CNFPT.trainee_days_per_year * 10;
    let mut by_year: BTreeMap<u16, CapacityRow> = BTreeMap::new();
    for row in &r.by_modality {
        let e = by_year.entry(row.year).or_insert(CapacityRow {
            year: row.year,
            days: Days::default(),
            session_days: Days::default(),
            percent_of_capacity: 0,
        });
        e.days.0 += row.days.0;
        if row.modality != Modality::SelfTraining.label() {
            e.session_days.0 += row.days.0;
        }
    }
    by_year
        .into_values()
        .map(|mut c| {
            c.percent_of_capacity = (c.days.0 * 100 + capacity_tenths / 2) / capacity_tenths;
            c
        })
        .collect()
}

/// How a table writes numbers and days (Markdown plainly, HTML grouped).
pub struct Numbers<'f> {
    /// A whole number.
    pub int: &'f dyn Fn(u64) -> String,
    /// Days.
    pub days: &'f dyn Fn(Days) -> String,
    /// Text.
    pub text: &'f dyn Fn(&str) -> String,
}

/// The rows of the table per year and modality ([`super::MODALITY_COLUMNS`]).
pub fn modality_table(r: &DemandReport, f: &Numbers<'_>) -> Vec<Vec<String>> {
    r.by_modality
        .iter()
        .map(|m| {
            vec![
                m.year.to_string(),
                (f.text)(&m.modality),
                (f.int)(m.enrolments),
                (f.days)(m.days),
                (f.int)(m.sessions.without_pooling),
                (f.int)(m.sessions.with_pooling),
                (f.days)(m.trainer_days.without_pooling),
                (f.days)(m.trainer_days.with_pooling),
            ]
        })
        .collect()
}

/// The rows of the table of the demand against the capacity ([`super::CAPACITY_COLUMNS`]).
pub fn capacity_table(r: &DemandReport, f: &Numbers<'_>) -> Vec<Vec<String>> {
    r.against_capacity
        .iter()
        .map(|c| {
            vec![
                c.year.to_string(),
                (f.days)(c.days),
                (f.days)(c.session_days),
                format!("{}\u{a0}%", c.percent_of_capacity),
            ]
        })
        .collect()
}

/// What the demand per modality says before its table.
pub const MODALITY_NOTE: &str = "L'autoformation (plateformes, e-learning) n'ouvre pas de session : chaque agent la suit seul. Les jours-formateurs sont ceux des sessions à ouvrir (un formateur par session, pour toute sa durée).";

/// The capacity in a sentence, with its source.
pub fn capacity_sentence() -> String {
    format!(
        "Capacité nationale de référence : le CNFPT a assuré {} jours-stagiaires en {} ({} % en présentiel, {} % en formation mixte, {} % à distance ; source : {}). La demande ci-dessous est celle du plan numérique seul.",
        grouped(CNFPT.trainee_days_per_year),
        CNFPT.year,
        CNFPT.in_person_percent,
        CNFPT.blended_percent,
        CNFPT.remote_percent,
        CNFPT.source
    )
}

/// `n` with a space between thousands.
fn grouped(n: u64) -> String {
    parcours_graph::diagnostic::grouped_digits(n, ' ')
}

#[cfg(test)]
mod tests {
    use super::*;
    use parcours_batch::pooling::{Aggregate, pool};
    use parcours_planner::planner::Planner;

    /// The modalities of each year add up to the report's totals; self-training opens no
    /// session; trainer-days are the sessions times their length.
    #[test]
    fn modalities_add_up_to_the_totals_and_self_training_has_no_session() {
        let data = ReferenceData::embedded().expect("data");
        let graph = parcours_graph::Graph::new(&data);
        let planner = Planner::new(&graph);
        let mut agg = Aggregate::default();
        for i in 0..80 {
            let s = parcours_batch::synth::profile(3, 80, i, 2027);
            let p = planner.check(s.profile.clone()).expect("a valid profile");
            agg.add(i as u32, &s.stem, &s.profile, &planner.totals(&p));
        }
        let pooling = pool(&data, &mut agg);
        let r = crate::demand::report(&data, &agg, pooling, None);
        assert!(!r.by_modality.is_empty());
        let sum = |f: &dyn Fn(&ModalityRow) -> u64| r.by_modality.iter().map(f).sum::<u64>();
        assert_eq!(
            sum(&|m| m.sessions.without_pooling),
            r.sessions.without_pooling
        );
        assert_eq!(sum(&|m| m.sessions.with_pooling), r.sessions.with_pooling);
        assert_eq!(sum(&|m| m.enrolments), r.enrolments);
        assert_eq!(sum(&|m| m.days.0), r.days_used.0);
        let auto: Vec<&ModalityRow> = r
            .by_modality
            .iter()
            .filter(|m| m.modality == "autoformation")
            .collect();
        assert!(!auto.is_empty(), "synthetic plans use self-training");
        for m in auto {
            assert_eq!(m.sessions, SessionTotals::default());
            assert_eq!(m.trainer_days, TrainerDays::default());
            assert!(m.days.0 > 0);
        }
        assert!(
            r.by_modality
                .iter()
                .filter(|m| m.sessions.with_pooling > 0)
                .all(|m| m.trainer_days.with_pooling.0 >= m.sessions.with_pooling)
        );
        // Capacity: every year, its share of the CNFPT's 2.5 million days.
        for c in &r.against_capacity {
            let exact = c.days.as_f64() * 100.0 / 2_500_000.0;
            assert!((c.percent_of_capacity as f64 - exact).abs() <= 0.5);
            assert!(c.session_days <= c.days);
        }
        assert_eq!(r.against_capacity.len(), r.years.len(), "one row per year");
    }
}
