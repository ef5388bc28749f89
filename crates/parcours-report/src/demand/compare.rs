//! What a different budget share changes: this run's totals beside another run's (`batch
//! --compare FOLDER`, typically run with another `--budget-share`), read from that run's
//! `national-demand.json`. Only the totals and each year's trainee-days are compared: the
//! other run's details stay in its own reports.

use super::DemandReport;
use super::modality::Numbers;
use parcours_planner::plan::Days;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What is read of the other run's `national-demand.json` (the rest is ignored).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct OtherRun {
    /// Profiles planned.
    pub profiles: u64,
    /// The share set with `--budget-share`, if any.
    #[serde(default)]
    pub digital_share_percent: Option<u32>,
    /// What that run kept, in words, if it did not keep everything.
    #[serde(default)]
    pub filter: Option<String>,
    /// Enrolments.
    pub enrolments: u64,
    /// Trainee-days used.
    pub days_used: Days,
    /// Sessions without and with pooling.
    pub sessions: OtherSessions,
    /// Each year's trainee-days.
    pub against_capacity: Vec<OtherYear>,
}

/// The other run's sessions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub struct OtherSessions {
    /// Without pooling.
    pub without_pooling: u64,
    /// With pooling.
    pub with_pooling: u64,
}

/// The other run's trainee-days in one year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub struct OtherYear {
    /// Calendar year.
    pub year: u16,
    /// Trainee-days.
    pub days: Days,
    /// Share of the national capacity, in percent.
    pub percent_of_capacity: u64,
}

/// This run beside another.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Comparison {
    /// The other run's folder, as given.
    pub other: String,
    /// This run's budget share (`--budget-share`), if set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share_percent: Option<u32>,
    /// The other run's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_share_percent: Option<u32>,
    /// Whether both runs planned the same number of profiles with the same filter (else the
    /// difference is not the budget share's alone).
    pub same_profiles: bool,
    /// The totals, this run's and the other's.
    pub totals: Vec<ComparedTotal>,
    /// Each year's trainee-days and share of the capacity, this run's and the other's (0 for
    /// a year one of them has no demand in).
    pub years: Vec<ComparedYear>,
}

/// A total of both runs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ComparedTotal {
    /// What is counted (`Jours-stagiaires`, `Sessions avec mutualisation`…).
    pub what: String,
    /// In this run, in tenths when `days`.
    pub this_run: u64,
    /// In the other run.
    pub other_run: u64,
    /// Whether the numbers are trainee-days in tenths (else whole numbers).
    pub days: bool,
}

/// One year of both runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ComparedYear {
    /// Calendar year.
    pub year: u16,
    /// This run's trainee-days.
    pub days: Days,
    /// The other run's.
    pub other_days: Days,
    /// This run's share of the capacity, in percent.
    pub percent_of_capacity: u64,
    /// The other run's.
    pub other_percent_of_capacity: u64,
}

/// `r` beside `other`, the run whose results are in the folder `folder`.
pub fn compare(r: &DemandReport, other: &OtherRun, folder: &str) -> Comparison {
    let total = |what: &str, this_run: u64, other_run: u64, days: bool| ComparedTotal {
        what: what.to_owned(),
        this_run,
        other_run,
        days,
    };
    let mut years: std::collections::BTreeMap<u16, ComparedYear> = Default::default();
    let blank = |year: u16| ComparedYear {
        year,
        days: Days::default(),
        other_days: Days::default(),
        percent_of_capacity: 0,
        other_percent_of_capacity: 0,
    };
    for c in &r.against_capacity {
        let e = years.entry(c.year).or_insert_with(|| blank(c.year));
        e.days = c.days;
        e.percent_of_capacity = c.percent_of_capacity;
    }
    for c in &other.against_capacity {
        let e = years.entry(c.year).or_insert_with(|| blank(c.year));
        e.other_days = c.days;
        e.other_percent_of_capacity = c.percent_of_capacity;
    }
    Comparison {
        other: folder.to_owned(),
        share_percent: r.digital_share_percent,
        other_share_percent: other.digital_share_percent,
        same_profiles: r.profiles == other.profiles && r.filter == other.filter,
        totals: vec![
            total("Collectivités", r.profiles, other.profiles, false),
            total("Inscriptions", r.enrolments, other.enrolments, false),
            total(
                "Jours-stagiaires",
                r.days_used.tenths(),
                other.days_used.tenths(),
                true,
            ),
            total(
                "Sessions sans mutualisation",
                r.sessions.without_pooling,
                other.sessions.without_pooling,
                false,
            ),
            total(
                "Sessions avec mutualisation",
                r.sessions.with_pooling,
                other.sessions.with_pooling,
                false,
            ),
        ],
        years: years.into_values().collect(),
    }
}

/// A share in words: `20 %`, or what each profile gives.
fn share(p: Option<u32>) -> String {
    p.map_or_else(
        || "celle de chaque profil".to_owned(),
        |p| format!("{p}\u{a0}%"),
    )
}

/// What the comparison says before its tables.
pub fn intro(c: &Comparison) -> String {
    let caution = if c.same_profiles {
        String::new()
    } else {
        " Attention : les deux traitements ne portent pas sur les mêmes collectivités (nombre de profils ou options de filtre différents) ; l'écart ne tient pas qu'à la part du budget.".to_owned()
    };
    format!(
        "Ce traitement (part du budget ouverte au numérique : {}) face au traitement de {} (part : {}). L'écart est celui de ce traitement moins l'autre.{caution}",
        share(c.share_percent),
        c.other,
        share(c.other_share_percent)
    )
}

/// The columns of the table of totals.
pub const TOTAL_COLUMNS: [&str; 4] = ["Indicateur", "Ce traitement", "Autre traitement", "Écart"];

/// The columns of the table per year.
pub const YEAR_COLUMNS: [&str; 6] = [
    "Année",
    "Jours-stagiaires (ce traitement)",
    "Jours-stagiaires (autre)",
    "Écart",
    "Part de la capacité (ce traitement)",
    "Part de la capacité (autre)",
];

/// `a - b` with its sign (`+12`, `−3`, `0`), written by `f`.
fn gap(a: u64, b: u64, f: &dyn Fn(u64) -> String) -> String {
    match a.cmp(&b) {
        std::cmp::Ordering::Greater => format!("+{}", f(a - b)),
        std::cmp::Ordering::Less => format!("\u{2212}{}", f(b - a)),
        std::cmp::Ordering::Equal => "0".to_owned(),
    }
}

/// The rows of the table of totals ([`TOTAL_COLUMNS`]).
pub fn totals_table(c: &Comparison, f: &Numbers<'_>) -> Vec<Vec<String>> {
    c.totals
        .iter()
        .map(|t| {
            let n = |v: u64| {
                if t.days {
                    (f.days)(Days(v))
                } else {
                    (f.int)(v)
                }
            };
            vec![
                (f.text)(&t.what),
                n(t.this_run),
                n(t.other_run),
                gap(t.this_run, t.other_run, &n),
            ]
        })
        .collect()
}

/// The rows of the table per year ([`YEAR_COLUMNS`]).
pub fn years_table(c: &Comparison, f: &Numbers<'_>) -> Vec<Vec<String>> {
    let days = |v: u64| (f.days)(Days(v));
    c.years
        .iter()
        .map(|y| {
            vec![
                y.year.to_string(),
                (f.days)(y.days),
                (f.days)(y.other_days),
                gap(y.days.tenths(), y.other_days.tenths(), &days),
                format!("{}\u{a0}%", y.percent_of_capacity),
                format!("{}\u{a0}%", y.other_percent_of_capacity),
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use parcours_batch::pooling::{Aggregate, Pooling};
    use parcours_graph::ReferenceData;

    fn other(profiles: u64, share: Option<u32>) -> OtherRun {
        let json = format!(
            r#"{{"profiles": {profiles}, "digital_share_percent": {}, "enrolments": 40, "days_used": 12.5,
               "sessions": {{"without_pooling": 9, "with_pooling": 7}},
               "against_capacity": [{{"year": 2027, "days": 12.5, "session_days": 10, "percent_of_capacity": 0}}],
               "national": []}}"#,
            share.map_or("null".to_owned(), |s| s.to_string())
        );
        serde_json::from_str(&json).expect("a batch's national-demand.json")
    }

    #[test]
    fn both_runs_side_by_side_with_the_gap() {
        let data = ReferenceData::embedded().expect("data");
        let mut r = super::super::report(&data, &Aggregate::default(), Pooling::default(), None);
        r.digital_share_percent = Some(50);
        let c = compare(&r, &other(0, Some(20)), "résultats-20");
        assert!(c.same_profiles);
        assert_eq!(c.years.len(), 1);
        assert_eq!((c.years[0].year, c.years[0].other_days), (2027, Days(125)));
        let plain = Numbers {
            int: &|n| n.to_string(),
            days: &|d| d.to_string(),
            text: &|t| t.to_owned(),
        };
        let rows = totals_table(&c, &plain);
        assert_eq!(rows[2], ["Jours-stagiaires", "0", "12,5", "\u{2212}12,5"]);
        assert_eq!(
            rows[4],
            ["Sessions avec mutualisation", "0", "7", "\u{2212}7"]
        );
        assert_eq!(
            years_table(&c, &plain)[0],
            ["2027", "0", "12,5", "\u{2212}12,5", "0\u{a0}%", "0\u{a0}%"]
        );
        assert!(intro(&c).contains("50\u{a0}%") && intro(&c).contains("résultats-20"));
        assert!(!intro(&c).contains("Attention"));
        let c = compare(&r, &other(3, None), "autre");
        assert!(!c.same_profiles);
        assert!(intro(&c).contains("Attention") && intro(&c).contains("celle de chaque profil"));
    }
}
