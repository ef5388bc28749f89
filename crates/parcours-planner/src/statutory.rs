//! The statutory reserve: the share of the collectivity's training budget that statutory
//! training (décret n° 2008-512: intégration, professionnalisation au premier emploi, tout au
//! long de la carrière, à la prise d'un poste à responsabilité) takes first, and what is left
//! for the digital plan.
//!
//! The profile's `budget.days_per_year` is the collectivity's whole training budget. The
//! reserve is 0 unless the profile's `statutory` section gives the trainee-days to reserve each
//! year, or the counts of agents they follow from; with counts, the legal minimum durations of
//! the reference data apply (`planning.ron`, `statutory`):
//!
//! - intégration: recruitments of each category × its days (10 for A and B, 5 for C);
//! - professionnalisation au premier emploi: the same recruitments × its minimum (5 for A
//!   and B, 3 for C);
//! - prise d'un poste à responsabilité: the agents taking one × its minimum (3);
//! - tout au long de la carrière: the civil servants in post × the minimum per period (2)
//!   ÷ the period in years (5), rounded up to the tenth of a day.
//!
//! The digital plan may then use min(share × budget, budget − reserve), the share being
//! `budget.digital_share_percent` (100 by default). Everything is counted in tenths of a day,
//! in integers; the scheduler's yearly budget is the digital days in whole hours, rounded
//! down, so that the plan never uses more than the days shown as available.

use crate::plan::Days;
use crate::profile::Profile;
use parcours_graph::model::StatutoryDurations;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `d` jours in French: « 0 jour », « 1,4 jour », « 2 jours ».
pub fn days_word(d: Days) -> String {
    format!("{} {}", d.french(), if d.0 < 20 { "jour" } else { "jours" })
}

/// How the profile set its statutory reserve.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ReserveBasis {
    /// The profile gives no statutory section: nothing is reserved.
    None,
    /// The profile gives the trainee-days to reserve each year.
    Days,
    /// The profile gives counts of agents; the legal minimum durations apply.
    Counts,
}

impl ReserveBasis {
    /// How the reports say it, in French.
    pub fn label(self) -> &'static str {
        match self {
            ReserveBasis::None => "non renseignée",
            ReserveBasis::Days => "donnée en jours par la collectivité",
            ReserveBasis::Counts => "calculée sur les effectifs aux durées minimales légales",
        }
    }
}

/// A statutory training obligation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Obligation {
    /// *Formation d'intégration*, in the first year after the appointment.
    Integration,
    /// *Formation de professionnalisation au premier emploi*, within two years.
    FirstJob,
    /// *Formation de professionnalisation tout au long de la carrière*, per five-year period.
    Career,
    /// *Formation de professionnalisation à la prise d'un poste à responsabilité*, within six
    /// months.
    Responsibility,
}

impl Obligation {
    /// Its French name, as a plan de formation writes it.
    pub fn label(self) -> &'static str {
        match self {
            Obligation::Integration => "Formation d'intégration",
            Obligation::FirstJob => "Professionnalisation au premier emploi",
            Obligation::Career => "Professionnalisation tout au long de la carrière",
            Obligation::Responsibility => {
                "Professionnalisation à la prise d'un poste à responsabilité"
            }
        }
    }

    /// Who the count is, in French.
    pub fn agents_label(self) -> &'static str {
        match self {
            Obligation::Integration | Obligation::FirstJob => "recrutements par an",
            Obligation::Career => "fonctionnaires en poste",
            Obligation::Responsibility => "prises de poste par an",
        }
    }
}

/// One line of the reserve: an obligation (for one category when it depends on it), the
/// agents it concerns, the legal minimum it applies and the trainee-days it takes each year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct ReserveLine {
    /// The obligation.
    pub obligation: Obligation,
    /// The hierarchical category (`"A"`, `"B"`, `"C"`), when the duration depends on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
    /// Agents concerned: appointed or taking a post each year, or in post for the career-long
    /// training.
    pub agents: u32,
    /// Minimum days per agent and period (the reference data's).
    pub days_each: u32,
    /// The period the days are due over, in years (1 but for the career-long training).
    pub period_years: u32,
    /// Trainee-days a year: agents × days ÷ period, rounded up to the tenth.
    pub days_per_year: Days,
}

/// The statutory reserve of a profile and the digital days it leaves, each year (the same
/// every year: budgets and counts are yearly).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Reserve {
    /// The whole training budget, trainee-days a year (`budget.days_per_year`, or
    /// `--budget-days`).
    pub budget_days_per_year: Days,
    /// The share of the budget the digital plan may use, in percent.
    pub digital_share_percent: u32,
    /// How the reserve was set.
    pub basis: ReserveBasis,
    /// Trainee-days reserved each year for statutory training.
    pub reserve_days_per_year: Days,
    /// Trainee-days a year left to the digital plan: min(share × budget, budget − reserve).
    pub digital_days_per_year: Days,
    /// Trainee-days a year the budget lacks to cover the reserve (0 when it covers it).
    pub shortfall_days_per_year: Days,
    /// The obligations the reserve covers (from counts only), in the order of the decree.
    pub lines: Vec<ReserveLine>,
    /// The source of the minimum durations (from counts only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Reserve {
    /// The reserve of `profile` under the minimum durations `durations`.
    pub fn of(durations: &StatutoryDurations, profile: &Profile) -> Reserve {
        let budget = Days::whole(u64::from(profile.budget.days_per_year));
        let share = profile.budget.digital_share();
        let (basis, lines) = match &profile.statutory {
            None => (ReserveBasis::None, Vec::new()),
            Some(s) => match s.days_per_year {
                Some(_) if !s.has_counts() => (ReserveBasis::Days, Vec::new()),
                _ => (ReserveBasis::Counts, lines(durations, profile)),
            },
        };
        let reserve = match (&profile.statutory, basis) {
            (Some(s), ReserveBasis::Days) => Days::whole(u64::from(s.days_per_year.unwrap_or(0))),
            _ => Days(lines.iter().map(|l| l.days_per_year.0).sum()),
        };
        let by_share = Days(budget.0 * u64::from(share.min(100)) / 100);
        let left = Days(budget.0.saturating_sub(reserve.0));
        let source = (basis == ReserveBasis::Counts)
            .then(|| durations.provenance.detail().map(str::to_owned))
            .flatten();
        Reserve {
            budget_days_per_year: budget,
            digital_share_percent: share,
            basis,
            reserve_days_per_year: reserve,
            digital_days_per_year: by_share.min(left),
            shortfall_days_per_year: Days(reserve.0.saturating_sub(budget.0)),
            lines,
            source,
        }
    }

    /// The digital days a year in whole training hours of `hours_per_day`, rounded down: the
    /// scheduler's yearly budget.
    pub fn digital_hours(&self, hours_per_day: u64) -> u64 {
        self.digital_days_per_year.0 * hours_per_day / 10
    }
}

/// The lines of a reserve given by counts (an obligation whose count is 0 has none).
fn lines(d: &StatutoryDurations, profile: &Profile) -> Vec<ReserveLine> {
    let Some(s) = &profile.statutory else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut push = |obligation, grade: Option<&str>, agents: u32, days_each: u32, period: u32| {
        if agents == 0 {
            return;
        }
        let tenths = u64::from(agents) * u64::from(days_each) * 10;
        let period = u64::from(period.max(1));
        out.push(ReserveLine {
            obligation,
            grade: grade.map(str::to_owned),
            agents,
            days_each,
            period_years: period as u32,
            days_per_year: Days(tenths.div_ceil(period)),
        });
    };
    let recruitments = s.recruitments.unwrap_or_default();
    for (obligation, days) in [
        (Obligation::Integration, d.integration),
        (Obligation::FirstJob, d.first_job),
    ] {
        for ((letter, agents), (_, each)) in
            recruitments.by_letter().into_iter().zip(days.by_letter())
        {
            push(obligation, Some(letter), agents, each, 1);
        }
    }
    push(
        Obligation::Career,
        None,
        s.career_headcount.unwrap_or(0),
        d.career_days,
        d.career_period_years,
    );
    push(
        Obligation::Responsibility,
        None,
        s.responsibility_posts.unwrap_or(0),
        d.responsibility,
        1,
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::{Budget, CollectivityKind, PerGrade, Statutory};
    use parcours_graph::ReferenceData;

    fn durations() -> StatutoryDurations {
        ReferenceData::embedded()
            .expect("shipped data validates")
            .planning()
            .statutory
            .clone()
    }

    fn profile(days: u32, share: Option<u32>, statutory: Option<Statutory>) -> Profile {
        let mut b = Budget::new(days, 5);
        b.digital_share_percent = share;
        let mut p = Profile::new("Saint-Exemple", CollectivityKind::Commune, 2027, b);
        p.statutory = statutory;
        p
    }

    #[test]
    fn the_shipped_durations_are_the_legal_minimums() {
        let d = durations();
        assert_eq!(
            (d.integration.a, d.integration.b, d.integration.c),
            (10, 10, 5)
        );
        assert_eq!((d.first_job.a, d.first_job.b, d.first_job.c), (5, 5, 3));
        assert_eq!((d.career_days, d.career_period_years), (2, 5));
        assert_eq!(d.responsibility, 3);
        assert!(
            d.provenance
                .detail()
                .is_some_and(|s| s.contains("2008-512")),
            "{:?}",
            d.provenance
        );
    }

    #[test]
    fn without_a_statutory_section_the_whole_budget_is_digital() {
        let r = Reserve::of(&durations(), &profile(319, None, None));
        assert_eq!(r.basis, ReserveBasis::None);
        assert_eq!(r.reserve_days_per_year, Days(0));
        assert_eq!(r.digital_days_per_year, Days::whole(319));
        assert_eq!(r.digital_hours(6), 319 * 6);
        assert!(r.lines.is_empty() && r.source.is_none());
    }

    #[test]
    fn counts_follow_the_legal_minimums() {
        // 1 A, 2 B and 6 C appointed a year; 2 posts of responsibility; 146 civil servants.
        let s = Statutory::counts(PerGrade::new(1, 2, 6), 2, 146);
        let r = Reserve::of(&durations(), &profile(319, None, Some(s)));
        assert_eq!(r.basis, ReserveBasis::Counts);
        let days: Vec<(Obligation, Option<&str>, u64)> = r
            .lines
            .iter()
            .map(|l| (l.obligation, l.grade.as_deref(), l.days_per_year.0))
            .collect();
        assert_eq!(
            days,
            vec![
                (Obligation::Integration, Some("A"), 100),
                (Obligation::Integration, Some("B"), 200),
                (Obligation::Integration, Some("C"), 300),
                (Obligation::FirstJob, Some("A"), 50),
                (Obligation::FirstJob, Some("B"), 100),
                (Obligation::FirstJob, Some("C"), 180),
                // 146 × 2 ÷ 5 = 58.4 days a year.
                (Obligation::Career, None, 584),
                (Obligation::Responsibility, None, 60),
            ]
        );
        // 10 + 20 + 30 + 5 + 10 + 18 + 58.4 + 6 = 157.4 days.
        assert_eq!(r.reserve_days_per_year, Days(1574));
        assert_eq!(r.digital_days_per_year, Days(3190 - 1574));
        // 161.6 days are 969.6 hours: the scheduler gets 969.
        assert_eq!(r.digital_hours(6), 969);
        assert_eq!(r.shortfall_days_per_year, Days(0));
        assert!(r.source.is_some());
    }

    #[test]
    fn the_career_days_are_rounded_up_to_the_tenth() {
        // 1 civil servant: 2 days per 5 years = 0.4 day a year; 3: 1.2; 7: 2.8 (exact); and
        // a period of 3 years: 1 × 2 ÷ 3 = 0.67 → 0.7.
        let mut d = durations();
        for (n, tenths) in [(1, 4), (3, 12), (7, 28)] {
            let s = Statutory::counts(PerGrade::default(), 0, n);
            let r = Reserve::of(&d, &profile(100, None, Some(s)));
            assert_eq!(r.reserve_days_per_year, Days(tenths), "{n}");
        }
        d.career_period_years = 3;
        let s = Statutory::counts(PerGrade::default(), 0, 1);
        assert_eq!(
            Reserve::of(&d, &profile(100, None, Some(s))).reserve_days_per_year,
            Days(7)
        );
    }

    #[test]
    fn the_digital_days_are_the_smaller_of_the_share_and_what_the_reserve_leaves() {
        let d = durations();
        // 40 days reserved out of 100: 60 left; a share of 50 % gives 50.
        let r = Reserve::of(&d, &profile(100, Some(50), Some(Statutory::days(40))));
        assert_eq!(r.basis, ReserveBasis::Days);
        assert_eq!(r.digital_days_per_year, Days::whole(50));
        // A share of 80 % would give 80: the reserve leaves 60.
        let r = Reserve::of(&d, &profile(100, Some(80), Some(Statutory::days(40))));
        assert_eq!(r.digital_days_per_year, Days::whole(60));
        // A share alone, no reserve.
        let r = Reserve::of(&d, &profile(319, Some(33), None));
        assert_eq!(r.digital_days_per_year, Days(3190 * 33 / 100));
        assert_eq!(r.reserve_days_per_year, Days(0));
    }

    #[test]
    fn a_reserve_beyond_the_budget_leaves_nothing_and_says_how_much_is_missing() {
        let r = Reserve::of(&durations(), &profile(30, None, Some(Statutory::days(45))));
        assert_eq!(r.digital_days_per_year, Days(0));
        assert_eq!(r.digital_hours(6), 0);
        assert_eq!(r.shortfall_days_per_year, Days::whole(15));
    }

    #[test]
    fn zero_counts_give_no_line() {
        let s = Statutory::counts(PerGrade::new(0, 0, 2), 0, 0);
        let r = Reserve::of(&durations(), &profile(100, None, Some(s)));
        let kinds: Vec<Obligation> = r.lines.iter().map(|l| l.obligation).collect();
        assert_eq!(kinds, vec![Obligation::Integration, Obligation::FirstJob]);
        assert_eq!(r.reserve_days_per_year, Days::whole(5 * 2 + 3 * 2));
    }
}
