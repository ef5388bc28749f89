//! The parts of a plan report to read: the executive part (what an executive reads: what the
//! plan leaves out, the summary, the budget year by year, the priority recommendations, the
//! budget curve when the caller computed it, a roll-up per session group or field of action,
//! the cost per channel) and the annex (the
//! detailed tables: the plan year by year, each métier's path, reconversions, the unfunded
//! needs, the indicators). Shared by the terminal, Markdown and HTML renderers; the rows are
//! plain text, each renderer escaping them.

use crate::funding::euros;
use itertools::Itertools;
use parcours_graph::ReferenceData;
use parcours_graph::ids::RecNumber;
use parcours_planner::curve::BudgetCurve;
use parcours_planner::plan::{Days, MetierPath, PathStep, Plan};
use std::collections::BTreeMap;

/// Which part of a report to write.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Part {
    /// Both, the executive part first.
    #[default]
    Full,
    /// The executive part only (a few pages).
    Executive,
    /// The detailed tables only.
    Annex,
}

impl Part {
    /// Whether the executive part is written.
    pub fn executive(self) -> bool {
        self != Part::Annex
    }

    /// Whether the annex is written.
    pub fn annex(self) -> bool {
        self != Part::Executive
    }
}

/// What a plan report to read (terminal, Markdown, HTML) is asked for.
#[derive(Clone, Copy, Debug, Default)]
pub struct ReportOptions<'c> {
    /// Each line's score, component by component.
    pub explain: bool,
    /// The part to write.
    pub part: Part,
    /// The budget curve the executive part shows, when the caller computed it.
    pub curve: Option<&'c BudgetCurve>,
}

/// What an executive part ends on: where the detail is.
pub const ANNEX_NOTE: &str = "Le détail — plan année par année, parcours de chaque métier, \
reconversions, besoins non financés, indicateurs — est dans l'annexe (`parcours plan PROFIL \
--part annex`) et dans les exports CSV, XLSX et JSON.";

/// The title of the budget curve's section.
pub const CURVE_TITLE: &str = "Courbe budgétaire";

/// What the budget curve's section says before its table.
pub const CURVE_NOTE: &str = "Ce que chaque budget annuel de formation permettrait, le reste du \
profil inchangé (le détail : `parcours budget-curve PROFIL`).";

/// The title of the roll-up: per session group when the profile gives some, else per field.
pub fn family_title(plan: &Plan) -> &'static str {
    if plan
        .years
        .iter()
        .flat_map(|y| &y.sessions)
        .flat_map(|s| &s.composition)
        .any(|u| !u.groups.is_empty())
    {
        "Par groupe de métiers"
    } else {
        "Par domaine d'action"
    }
}

/// The columns of [`family_rows`].
pub const FAMILY_HEADER: [&str; 6] = [
    "Groupe ou domaine",
    "Métiers ou parcours",
    "Agents",
    "Étapes à franchir",
    "Franchies d'ici 5 ans",
    "Sans formation d'ici 5 ans",
];

/// One row per family of the plan's paths ([`MetierPath::family`]), in name order: its
/// populations, agents, the agent-steps its paths need, those scheduled by year 5, and the
/// populations that get nothing by year 5.
pub fn family_rows(plan: &Plan) -> Vec<Vec<String>> {
    let year5 = plan.profile.first_year + 4;
    #[derive(Default)]
    struct Row {
        populations: u64,
        agents: u64,
        needed: u64,
        year5: u64,
        untrained: u64,
    }
    let mut rows: BTreeMap<&str, Row> = BTreeMap::new();
    for p in &plan.paths {
        let r = rows.entry(p.family.as_str()).or_default();
        r.populations += 1;
        r.agents += p.headcount;
        let by5 = |s: &PathStep| -> u64 {
            s.scheduled
                .iter()
                .filter(|(y, _)| *y <= year5)
                .map(|(_, n)| n)
                .sum()
        };
        r.needed += p.steps.iter().map(|s| s.agents).sum::<u64>();
        let done: u64 = p.steps.iter().map(by5).sum();
        r.year5 += done;
        if !p.steps.is_empty() && done == 0 {
            r.untrained += 1;
        }
    }
    rows.into_iter()
        .map(|(name, r)| {
            vec![
                name.to_owned(),
                crate::text::number(r.populations),
                crate::text::number(r.agents),
                crate::text::number(r.needed),
                format!(
                    "{} ({})",
                    crate::text::number(r.year5),
                    percent(r.year5, r.needed)
                ),
                crate::text::number(r.untrained),
            ]
        })
        .collect()
}

/// `part / whole` in percent, one decimal, French comma.
fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "—".into();
    }
    format!("{} %", Days((part * 1000 + whole / 2) / whole))
}

/// The columns of [`priority_rows`].
pub const PRIORITY_HEADER: [&str; 5] = [
    "Préconisation",
    "Intitulé",
    "Étapes à 5 ans",
    "Couvertes d'ici 5 ans",
    "À l'horizon",
];

/// One row per priority (➔) recommendation the plan has needs for, by number: its short-term
/// agent-steps and their coverage by year 5 and by the horizon.
pub fn priority_rows(plan: &Plan, data: &ReferenceData) -> Vec<Vec<String>> {
    plan.indicators
        .recommendations
        .iter()
        .filter_map(|(n, c)| {
            let r = data.recommendation(RecNumber(*n))?;
            r.priority.then(|| {
                vec![
                    format!("P{n} ➔"),
                    r.title.clone(),
                    crate::text::number(c.needed),
                    format!("{} %", c.share_year5),
                    format!("{} %", c.share_horizon),
                ]
            })
        })
        .collect()
}

/// The columns of [`year_rows`].
pub const YEAR_HEADER: [&str; 5] = ["Année", "Agents en formation", "Lignes", "Sessions", "Coût"];

/// The plan's totals year by year (the days are in the budget's table): agents on its lines
/// (one agent may take several modules), lines, sessions and cost.
pub fn year_rows(plan: &Plan) -> Vec<Vec<String>> {
    crate::statutory::per_year(plan, |y| {
        let sessions: u64 = y.sessions.iter().map(|s| s.sessions).sum();
        vec![
            crate::text::number(y.agents_trained),
            crate::text::number(y.sessions.len() as u64),
            crate::text::number(sessions),
            euros(y.cost.unwrap_or(0)),
        ]
    })
}

/// A step of a path as the annex shows it: a module, or the Pix self-training modules of the
/// path together (16 rows under every métier otherwise).
pub enum StepView<'a, 'd> {
    /// One module.
    One(&'a PathStep<'d>),
    /// The Pix competences, in one row.
    Pix(PixSteps),
}

/// The Pix steps of a path, together.
pub struct PixSteps {
    /// The competences' numbers (`1.1`, `2.3`), in the path's order.
    pub numbers: Vec<String>,
    /// The most agents of one of them.
    pub agents: u64,
    /// Agent-steps scheduled each year.
    pub scheduled: Vec<(u16, u64)>,
    /// Agent-steps left unfunded.
    pub unfunded: u64,
    /// One of them is due at 5 years.
    pub short_term: bool,
    /// Their recommendations, each once, in increasing order.
    pub recommendations: Vec<u16>,
}

impl PixSteps {
    /// « parcours Pix : 1.1, 2.3 ».
    pub fn label(&self) -> String {
        format!("parcours Pix : {}", self.numbers.join(", "))
    }
}

/// The steps of `path`, its Pix steps together where the first of them stands.
pub fn step_views<'a, 'd>(path: &'a MetierPath<'d>) -> Vec<StepView<'a, 'd>> {
    let pix: Vec<&PathStep> = path
        .steps
        .iter()
        .filter(|s| s.competency.starts_with("pix-"))
        .collect();
    if pix.len() < 2 {
        return path.steps.iter().map(StepView::One).collect();
    }
    let mut scheduled: BTreeMap<u16, u64> = BTreeMap::new();
    for s in &pix {
        for (y, n) in &s.scheduled {
            *scheduled.entry(*y).or_default() += n;
        }
    }
    let together = PixSteps {
        numbers: pix
            .iter()
            .map(|s| s.competency.trim_start_matches("pix-").replace('-', "."))
            .collect(),
        agents: pix.iter().map(|s| s.agents).max().unwrap_or(0),
        scheduled: scheduled.into_iter().collect(),
        unfunded: pix.iter().map(|s| s.unfunded).sum(),
        short_term: pix.iter().any(|s| s.short_term),
        recommendations: pix
            .iter()
            .flat_map(|s| s.recommendations.iter().copied())
            .sorted()
            .dedup()
            .collect(),
    };
    let mut out = Vec::with_capacity(path.steps.len() - pix.len() + 1);
    let mut together = Some(together);
    for s in &path.steps {
        if s.competency.starts_with("pix-") {
            if let Some(t) = together.take() {
                out.push(StepView::Pix(t));
            }
        } else {
            out.push(StepView::One(s));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts() {
        assert!(Part::Full.executive() && Part::Full.annex());
        assert!(Part::Executive.executive() && !Part::Executive.annex());
        assert!(!Part::Annex.executive() && Part::Annex.annex());
        assert_eq!(percent(1, 3), "33,3 %");
        assert_eq!(percent(0, 0), "—");
    }
}
