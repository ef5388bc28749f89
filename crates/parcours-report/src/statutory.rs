//! The statutory reserve as every plan report shows it, in French: the whole training budget,
//! the days statutory training takes first (décret n° 2008-512), the days left to the digital
//! plan and those it uses, year by year; and, when the reserve follows from counts, each
//! obligation with its agents and legal minimum. The terminal table, Markdown, HTML and the
//! workbook take their rows from here; the CSV writes one row a year of its own.

use crate::plan_text::plural;
use parcours_planner::plan::{Days, Plan};
pub use parcours_planner::statutory::days_word;
use parcours_planner::statutory::{Obligation, ReserveBasis, ReserveLine};

/// The title of the section.
pub const TITLE: &str = "Budget de formation et réserve statutaire";

/// The columns of the year-by-year table.
pub const YEAR_HEADER: [&str; 5] = [
    "Année",
    "Budget de formation",
    "Réserve statutaire",
    "Disponible pour le numérique",
    "Utilisé par le numérique",
];

/// The columns of the obligations' table.
pub const LINE_HEADER: [&str; 5] = [
    "Formation statutaire",
    "Catégorie",
    "Agents",
    "Jours minimum",
    "Jours par an",
];

/// What the digital plan is and is not, said under the tables of every report.
pub const DIGITAL_ONLY: &str = "Les modules numériques ne comptent pas comme jours de formation \
statutaire ; le plafond de jours par agent s'applique au seul plan numérique.";

/// The budget in one line: the whole budget, the reserve and how it was set, the digital days.
pub fn budget_line(plan: &Plan) -> String {
    let p = &plan.profile;
    let r = &plan.statutory;
    let share = if r.digital_share_percent < 100 {
        format!(" (part du numérique : {} %)", r.digital_share_percent)
    } else {
        String::new()
    };
    format!(
        "Budget de formation : {} jours-stagiaires par an ; réserve statutaire : {} ({}) ; disponible pour le numérique : {}{share} ; {} au plus par agent et par an{}",
        crate::text::number(p.budget_days_per_year),
        days_word(r.reserve_days_per_year),
        r.basis.label(),
        days_word(r.digital_days_per_year),
        plural(u64::from(p.max_days_per_agent), "jour", "jours"),
        p.cost_per_day
            .map(|c| format!(", {c} € le jour"))
            .unwrap_or_default()
    )
}

/// One row a year: calendar year, whole budget, reserve, digital days available and used.
pub fn year_rows(plan: &Plan) -> Vec<Vec<String>> {
    per_year(plan, |y| {
        [
            y.training_budget_days,
            y.statutory_days,
            y.budget_days,
            y.days_used,
        ]
        .iter()
        .map(|d| d.french().to_string())
        .collect()
    })
}

/// One row a year: the calendar year, then the cells `cells` gives for the year.
pub fn per_year(
    plan: &Plan,
    cells: impl Fn(&parcours_planner::plan::YearPlan) -> Vec<String>,
) -> Vec<Vec<String>> {
    plan.years
        .iter()
        .map(|y| {
            let mut row = vec![y.year.to_string()];
            row.extend(cells(y));
            row
        })
        .collect()
}

/// One row per obligation of a reserve given by counts (none otherwise).
pub fn line_rows(plan: &Plan) -> Vec<Vec<String>> {
    plan.statutory.lines.iter().map(line_row).collect()
}

fn line_row(l: &ReserveLine) -> Vec<String> {
    vec![
        l.obligation.label().to_owned(),
        l.grade.clone().unwrap_or_else(|| "toutes".into()),
        crate::text::number(l.agents),
        if l.period_years > 1 {
            format!("{} / {} ans", l.days_each, l.period_years)
        } else {
            l.days_each.to_string()
        },
        l.days_per_year.french().to_string(),
    ]
}

/// The sentences under the tables: how the reserve was set (and its source), what it leaves
/// out, and, when the reserve leaves the digital plan less than its share, that it does.
pub fn notes(plan: &Plan) -> Vec<String> {
    let r = &plan.statutory;
    let mut out = Vec::new();
    match r.basis {
        ReserveBasis::None => out.push(
            "Aucune réserve statutaire : le profil ne donne ni les jours à réserver ni les effectifs \
(section statutory du profil) ; tout le budget de formation est ouvert au plan numérique."
                .to_owned(),
        ),
        ReserveBasis::Days => out.push(format!(
            "Réserve statutaire donnée par la collectivité : {} par an pour les formations \
obligatoires (intégration, professionnalisation).",
            days_word(r.reserve_days_per_year)
        )),
        _ => out.push(format!(
            "Réserve statutaire calculée sur les effectifs aux durées minimales légales : \
recrutements de l'année × (intégration + premier emploi), prises de poste à responsabilité de \
l'année × leur durée, fonctionnaires en poste × jours par période ÷ années de la période \
(arrondi au dixième de jour supérieur). Agents : {} (intégration, premier emploi) ; {} ; {} \
(carrière). Source : {}",
            Obligation::Integration.agents_label(),
            Obligation::Responsibility.agents_label(),
            Obligation::Career.agents_label(),
            r.source.as_deref().unwrap_or("décret n° 2008-512")
        )),
    }
    if r.shortfall_days_per_year > Days(0) {
        out.push(format!(
            "Attention : le budget de formation ne couvre pas la réserve statutaire ; il manque {} par an pour les seules formations obligatoires, et rien ne reste au plan numérique.",
            days_word(r.shortfall_days_per_year)
        ));
    }
    let left = Days(
        r.budget_days_per_year
            .0
            .saturating_sub(r.reserve_days_per_year.0),
    );
    if r.digital_days_per_year < left {
        out.push(format!(
            "La part du numérique ({} %) limite le plan numérique à {} par an ; {} restent \
pour les autres formations.",
            r.digital_share_percent,
            days_word(r.digital_days_per_year),
            days_word(Days(left.0 - r.digital_days_per_year.0))
        ));
    }
    out.push(DIGITAL_ONLY.to_owned());
    out
}
