//! The plan as CSV: one row per scheduled session line and métier, with the columns of a French
//! *plan de formation* (thème, nature, objectif, métier, filière…), for spreadsheets and HR
//! software; each year starts with a row for its statutory reserve (the trainee-days statutory
//! training takes out of the training budget first; its `objectif` gives the year's budget,
//! reserve, and digital days available and used), so that the `jours` column adds up to the
//! whole budget used.
//!
//! A line that several métiers share (agents of several métiers taking the same module the same
//! year) gives one row per métier: the métier's agents come from `by_metier`, and the
//! line's days (and cost) are split in proportion to the agents by the largest-remainder method
//! — in tenths of a day for days, in euros for the cost — so that the rows of a line add up
//! exactly to the line. The `sessions` column repeats the line's sessions on each of its rows:
//! the métiers attend the same sessions, so sessions do not add up across the rows of a line.
//!
//! [`plan_rows`] gives the rows as typed values; the XLSX workbook reuses them.

use crate::plan_text::category_fr;
use crate::text::csv_text;
use parcours_graph::ReferenceData;
use parcours_graph::ids::{CompetencyId, MetierId, ModuleId, RecNumber};
use parcours_graph::model::Module;
use parcours_graph::vocab::{Audience, Category, Level};
use parcours_planner::plan::{Days, MetierPath, PathStep, Plan, SessionLine, YearPlan};
use std::collections::BTreeMap;

/// The column headers, in order (French, as a *plan de formation* names them).
pub const HEADERS: [&str; 19] = [
    "annee",
    "thème",
    "nature",
    "objectif",
    "métier",
    "filière",
    "module",
    "intitulé",
    "modalité",
    "niveau",
    "agents",
    "sessions",
    "heures_par_agent",
    "jours",
    "coût",
    "préconisations",
    "catégories",
    "mutualisation",
    "canal",
];

/// *Formation de professionnalisation au premier emploi* (décret 2008-512).
pub const NATURE_FPPE: &str = "FPPE – professionnalisation premier emploi";
/// *Formation de professionnalisation à la prise d'un poste à responsabilité*.
pub const NATURE_FPPR: &str = "FPPR – poste à responsabilité";
/// *Formation de professionnalisation tout au long de la carrière*.
pub const NATURE_FPTLC: &str = "FPTLC – professionnalisation tout au long de la carrière";
/// The nature of a year's statutory reserve row: the trainee-days of the statutory training
/// (intégration, professionnalisation) taken first out of the training budget.
pub const NATURE_RESERVE: &str = "Réserve statutaire (décret n° 2008-512)";
/// The *thème* of a reserve row.
const RESERVE_THEME: &str = "Formations statutaires obligatoires";
/// Who a reserve row is for.
const RESERVE_WHO: &str = "toute la collectivité";
/// *Formation de perfectionnement*.
pub const NATURE_PERFECTIONNEMENT: &str = "Perfectionnement";

/// The recommendation whose module is the digital part of the integration training.
const INTEGRATION_RECOMMENDATION: RecNumber = RecNumber(22);
/// The managers' track (planning.ron `tracks`).
const MANAGERS_TRACK: &str = "encadrants";

/// The statutory nature of a training action — the project's mapping of a module (and the
/// population taking it) to the natures of décret 2008-512, checked in this order:
///
/// 1. a module citing recommendation 22 (initial training of new agents: the integration module)
///    → [`NATURE_FPPE`], professionalisation in the first job;
/// 2. a module whose audience is only managers or general management, or any module taken by
///    the managers' track (`encadrants`) → [`NATURE_FPPR`], taking a post of responsibility;
/// 3. a *socle* module → [`NATURE_FPTLC`], professionalisation throughout the career;
/// 4. an *approfondissement* or *expertise* module → [`NATURE_PERFECTIONNEMENT`].
///
/// `module` is `None` when the catalogue no longer holds the line's module; the level decides.
pub fn nature(module: Option<&Module>, level: Level, population: &str) -> &'static str {
    if let Some(m) = module {
        if m.recommendations.contains(&INTEGRATION_RECOMMENDATION) {
            return NATURE_FPPE;
        }
        let managerial = !m.audience.is_empty()
            && m.audience
                .iter()
                .all(|a| matches!(a, Audience::Managers | Audience::GeneralManagement));
        if managerial {
            return NATURE_FPPR;
        }
    }
    if population == MANAGERS_TRACK {
        return NATURE_FPPR;
    }
    match level {
        Level::Socle => NATURE_FPTLC,
        Level::Approfondissement | Level::Expertise => NATURE_PERFECTIONNEMENT,
    }
}

/// The *objectif* of an action: the competency's name and the level reached
/// ("Gestion du cycle de vie de la donnée — niveau approfondissement").
pub fn objective(data: &ReferenceData, competency: &str, level: Level) -> String {
    let name = data
        .competency(&CompetencyId::new(competency))
        .map_or(competency, |c| c.name.as_str());
    format!("{name} — niveau {}", level.label())
}

/// The *thème* of an action: the name of the competency's domain (empty when unknown).
pub fn theme(data: &ReferenceData, competency: &str) -> String {
    data.competency(&CompetencyId::new(competency))
        .and_then(|c| data.domain(&c.domain))
        .map_or(String::new(), |d| d.name.clone())
}

/// French name of a population: a reference métier, a track, or a custom métier (named in the
/// plan's paths); the id itself when none is found.
pub fn population_name(plan: &Plan, data: &ReferenceData, id: &str) -> String {
    if let Some(m) = data.metier(&MetierId::new(id)) {
        return m.name.clone();
    }
    if let Some(t) = data.track(id) {
        return t.name.clone();
    }
    plan.paths
        .iter()
        .find(|p| p.metier == id)
        .map_or_else(|| id.to_owned(), |p| p.name.to_string())
}

/// Filière of a population: the reference métier's; empty for tracks and custom métiers (the
/// plan does not carry a custom métier's filière).
pub fn filiere(data: &ReferenceData, id: &str) -> &'static str {
    data.metier(&MetierId::new(id))
        .map_or("", |m| m.filiere.label())
}

/// Recommendations as `P23 P33`.
pub fn recommendations_text(recs: &[u16]) -> String {
    recs.iter()
        .map(|r| format!("P{r}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Categories in French, comma-separated.
pub fn categories_text(categories: &[Category]) -> String {
    categories
        .iter()
        .map(|c| category_fr(c.key()))
        .filter(|k| !k.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Splits `total` in proportion to `weights` by the largest-remainder method: the parts add up
/// to `total` exactly; ties go to the earlier weight. All to the first part when every weight is
/// zero.
pub fn split_largest_remainder(total: u64, weights: &[u64]) -> Vec<u64> {
    let sum: u128 = weights.iter().map(|&w| u128::from(w)).sum();
    if weights.is_empty() {
        return Vec::new();
    }
    if sum == 0 {
        let mut out = vec![0; weights.len()];
        out[0] = total;
        return out;
    }
    let mut out = Vec::with_capacity(weights.len());
    let mut rema = Vec::with_capacity(weights.len());
    let mut assigned: u64 = 0;
    for (k, &w) in weights.iter().enumerate() {
        let exact = u128::from(total) * u128::from(w);
        let part = (exact / sum) as u64;
        assigned += part;
        out.push(part);
        rema.push((exact % sum, k));
    }
    rema.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, k) in rema.into_iter().take((total - assigned) as usize) {
        out[k] += 1;
    }
    out
}

/// One row of the plan: one session line and one of its métiers, typed.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanRow {
    /// Calendar year.
    pub year: u16,
    /// Domain of the competency (*thème*).
    pub theme: String,
    /// Statutory nature (see [`nature`]).
    pub nature: &'static str,
    /// Competency and level (*objectif*).
    pub objective: String,
    /// Métier or track id.
    pub metier_id: String,
    /// Its French name.
    pub metier: String,
    /// Its filière (empty for tracks and custom métiers).
    pub filiere: &'static str,
    /// Module id.
    pub module: ModuleId,
    /// Module title.
    pub title: String,
    /// Modality (French label).
    pub modality: &'static str,
    /// Level reached.
    pub level: Level,
    /// This métier's agents on the line.
    pub agents: u64,
    /// Sessions of the whole line (shared by its métiers).
    pub sessions: u64,
    /// The first row of its session line (the line's sessions are counted once there by
    /// the workbook, which spreadsheets add up).
    pub first_of_line: bool,
    /// Hours per agent.
    pub hours_per_agent: u64,
    /// This métier's share of the line's trainee-days.
    pub days: Days,
    /// This métier's share of the line's cost in euros, when known.
    pub cost: Option<u64>,
    /// Recommendations that justify the module for this métier.
    pub recommendations: Vec<u16>,
    /// Category keys of this métier.
    pub categories: Vec<Category>,
    /// The line is a pooling candidate (fewer agents than the module's minimum).
    pub pooling: bool,
    /// The line's funding channel (French label).
    pub channel: &'static str,
}

/// Lookup of paths by métier and of steps by (métier, module).
struct Paths<'p> {
    paths: BTreeMap<&'p str, &'p MetierPath<'p>>,
    steps: BTreeMap<(&'p str, &'p str), &'p PathStep<'p>>,
}

impl<'p> Paths<'p> {
    fn new(plan: &'p Plan) -> Self {
        let mut paths = BTreeMap::new();
        let mut steps = BTreeMap::new();
        for p in &plan.paths {
            paths.insert(&*p.metier, p);
            for s in &p.steps {
                steps.insert((&*p.metier, s.module.as_str()), s);
            }
        }
        Paths { paths, steps }
    }
}

fn line_rows(
    plan: &Plan,
    data: &ReferenceData,
    paths: &Paths,
    year: u16,
    line: &SessionLine,
    out: &mut Vec<PlanRow>,
) {
    let module = data.module(&line.module);
    let theme = theme(data, &line.competency);
    let objective = objective(data, &line.competency, line.level);
    let weights: Vec<u64> = line.by_metier.iter().map(|m| m.agents).collect();
    let days = split_largest_remainder(line.days.tenths(), &weights);
    let costs = line.cost.map(|c| split_largest_remainder(c, &weights));
    for (k, id) in line.by_metier.iter().map(|m| &m.metier).enumerate() {
        let path = paths.paths.get(&**id);
        let step = paths.steps.get(&(&**id, line.module.as_str()));
        out.push(PlanRow {
            year,
            theme: theme.clone(),
            nature: nature(module, line.level, id),
            objective: objective.clone(),
            metier_id: id.to_string(),
            metier: population_name(plan, data, id),
            filiere: filiere(data, id),
            module: line.module.clone().into_owned(),
            title: line.title.to_string(),
            modality: line.modality.label(),
            level: line.level,
            agents: weights[k],
            sessions: line.sessions,
            first_of_line: k == 0,
            hours_per_agent: line.hours,
            days: Days(days[k]),
            cost: costs.as_ref().map(|c| c[k]),
            recommendations: step.map_or_else(
                || line.recommendations.to_vec(),
                |s| s.recommendations.to_vec(),
            ),
            categories: path.map_or_else(|| line.categories.to_vec(), |p| p.categories.clone()),
            pooling: line.pooling_candidate,
            channel: line.channel.label(),
        });
    }
}

/// The plan's rows: years in order, lines in the plan's order, métiers in the line's order.
pub fn plan_rows(plan: &Plan, data: &ReferenceData) -> Vec<PlanRow> {
    let paths = Paths::new(plan);
    let mut out = Vec::new();
    for y in &plan.years {
        for line in &y.sessions {
            line_rows(plan, data, &paths, y.year, line, &mut out);
        }
    }
    out
}

/// The flavour of CSV to write.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CsvStyle {
    /// UTF-8, comma separator, LF line ends, decimal point (RFC 4180 readers, scripts).
    #[default]
    Standard,
    /// UTF-8 with a byte-order mark, semicolon separator, CRLF line ends and decimal comma —
    /// what a French spreadsheet (Excel, LibreOffice in French) opens correctly by a
    /// double-click.
    Excel,
}

impl CsvStyle {
    /// Both styles, the default first.
    pub const ALL: [CsvStyle; 2] = [CsvStyle::Standard, CsvStyle::Excel];
    /// Stable machine name, the word the command line takes.
    pub fn key(self) -> &'static str {
        match self {
            CsvStyle::Standard => "standard",
            CsvStyle::Excel => "excel",
        }
    }
    /// What the command line's help says of it.
    pub fn help(self) -> &'static str {
        match self {
            CsvStyle::Standard => "UTF-8, virgule comme séparateur, point décimal",
            CsvStyle::Excel => {
                "Ce qu'attendent les tableurs français : UTF-8 avec BOM, point-virgule, virgule décimale, fins de ligne CRLF"
            }
        }
    }
    fn delimiter(self) -> u8 {
        match self {
            CsvStyle::Standard => b',',
            CsvStyle::Excel => b';',
        }
    }
    fn terminator(self) -> csv::Terminator {
        match self {
            CsvStyle::Standard => csv::Terminator::Any(b'\n'),
            CsvStyle::Excel => csv::Terminator::CRLF,
        }
    }
    /// Days (or a share in tenths of a percent) with one decimal, with the style's decimal
    /// mark.
    pub(crate) fn days(self, d: Days) -> String {
        let mark = match self {
            CsvStyle::Standard => '.',
            CsvStyle::Excel => ',',
        };
        format!("{}{mark}{}", d.tenths() / 10, d.tenths() % 10)
    }
}

/// A row's cells; every text cell through [`csv_text`], the numbers as they are.
fn record(row: &PlanRow, style: CsvStyle) -> [String; 19] {
    let text = |s: &str| csv_text(s).into_owned();
    [
        row.year.to_string(),
        text(&row.theme),
        text(row.nature),
        text(&row.objective),
        text(&row.metier),
        text(row.filiere),
        text(row.module.as_str()),
        text(&row.title),
        text(row.modality),
        text(row.level.label()),
        row.agents.to_string(),
        row.sessions.to_string(),
        row.hours_per_agent.to_string(),
        style.days(row.days),
        row.cost.map_or(String::new(), |c| c.to_string()),
        text(&recommendations_text(&row.recommendations)),
        text(&categories_text(&row.categories)),
        if row.pooling { "oui" } else { "non" }.to_owned(),
        text(row.channel),
    ]
}

/// The statutory reserve of a year as a row of the plan: its trainee-days in `jours`, and in
/// `objectif` the year's whole training budget, the reserve, the days available to the digital
/// plan and those it uses.
fn reserve_record(y: &YearPlan, style: CsvStyle) -> [String; 19] {
    let text = |s: &str| csv_text(s).into_owned();
    let mut out: [String; 19] = Default::default();
    out[0] = y.year.to_string();
    out[1] = text(RESERVE_THEME);
    out[2] = text(NATURE_RESERVE);
    out[3] = text(&format!(
        "budget de formation {} j ; réserve statutaire {} j ; disponible pour le numérique {} j ; utilisé par le numérique {} j",
        style.days(y.training_budget_days),
        style.days(y.statutory_days),
        style.days(y.budget_days),
        style.days(y.days_used)
    ));
    out[4] = text(RESERVE_WHO);
    out[13] = style.days(y.statutory_days);
    out[17] = "non".to_owned();
    out
}

/// The plan as CSV text: a header row ([`HEADERS`]) then, for each year, a row for its
/// statutory reserve (nature [`NATURE_RESERVE`]: the days out of the training budget that
/// statutory training takes first, with in `objectif` the budget, the reserve, and the digital
/// days available and used) and one row per session line and métier (see the module
/// documentation). Deterministic: the same plan gives the same bytes.
pub fn plan_csv(plan: &Plan, data: &ReferenceData, style: CsvStyle) -> String {
    let rows = plan_rows(plan, data);
    let mut rows = rows.iter().peekable();
    let mut records: Vec<[String; 19]> = Vec::new();
    for y in &plan.years {
        records.push(reserve_record(y, style));
        while let Some(row) = rows.next_if(|r| r.year == y.year) {
            records.push(record(row, style));
        }
    }
    style.write(&HEADERS, records)
}

impl CsvStyle {
    /// A CSV writer in this style (separator, line ends) on `w`; the byte-order mark, for
    /// Excel, is [`CsvStyle::bom`], written first.
    pub fn writer<W: std::io::Write>(self, w: W) -> csv::Writer<W> {
        csv::WriterBuilder::new()
            .delimiter(self.delimiter())
            .terminator(self.terminator())
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(w)
    }

    /// What a file in this style starts with: the byte-order mark for Excel, nothing else.
    pub fn bom(self) -> &'static str {
        match self {
            CsvStyle::Standard => "",
            CsvStyle::Excel => "\u{feff}",
        }
    }

    /// Days with one decimal, with the style's decimal mark.
    pub fn decimal_days(self, d: Days) -> String {
        self.days(d)
    }

    /// A header row then `rows`, as CSV text in this style (separator, line ends, a byte-order
    /// mark for Excel). Cells are written as given: text cells go through [`csv_text`] first.
    pub(crate) fn write<R, C>(self, header: &[&str], rows: impl IntoIterator<Item = R>) -> String
    where
        R: IntoIterator<Item = C>,
        C: AsRef<[u8]>,
    {
        let mut w = self.writer(Vec::new());
        // Writing to memory cannot fail: the errors of the csv writer are I/O errors.
        let _ = w.write_record(header);
        for row in rows {
            let _ = w.write_record(row);
        }
        let bytes = w.into_inner().unwrap_or_default();
        let body = String::from_utf8(bytes).unwrap_or_default();
        format!("{}{body}", self.bom())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parcours_graph::Graph;
    use parcours_import::formats::{self, Format};
    use parcours_planner::check::CheckedProfile;
    use parcours_planner::planner::Planner;
    use std::collections::BTreeSet;

    fn template_plan(data: &ReferenceData) -> Plan<'_> {
        let graph = Graph::new(data);
        let p = formats::parse("t.ron", formats::TEMPLATE, Format::Ron).expect("template parses");
        Planner::new(&graph).plan(&CheckedProfile::new(p, data).expect("valid"))
    }

    fn parse(text: &str, delimiter: u8) -> Vec<csv::StringRecord> {
        csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .from_reader(text.as_bytes())
            .records()
            .collect::<Result<_, _>>()
            .expect("valid CSV")
    }

    fn tenths(cell: &str) -> u64 {
        let (whole, frac) = cell.split_once(['.', ',']).expect("days have one decimal");
        whole.parse::<u64>().expect("whole days") * 10 + frac.parse::<u64>().expect("tenths")
    }

    #[test]
    fn split_adds_up() {
        assert_eq!(split_largest_remainder(10, &[1, 1, 1]), vec![4, 3, 3]);
        assert_eq!(split_largest_remainder(7, &[0, 0]), vec![7, 0]);
        assert_eq!(split_largest_remainder(5, &[2, 3]), vec![2, 3]);
        for total in 0..40 {
            let parts = split_largest_remainder(total, &[3, 5, 1, 7]);
            assert_eq!(parts.iter().sum::<u64>(), total);
        }
    }

    #[test]
    fn nature_mapping() {
        let data = ReferenceData::embedded().expect("data");
        let integ = data.module(&ModuleId::new("integration-action-publique-numerique"));
        assert_eq!(nature(integ, Level::Socle, "atsem"), NATURE_FPPE);
        assert_eq!(nature(None, Level::Socle, "encadrants"), NATURE_FPPR);
        assert_eq!(nature(None, Level::Socle, "atsem"), NATURE_FPTLC);
        assert_eq!(
            nature(None, Level::Expertise, "atsem"),
            NATURE_PERFECTIONNEMENT
        );
        let managerial = data
            .modules()
            .iter()
            .find(|m| m.audience == [Audience::GeneralManagement]);
        if let Some(m) = managerial {
            assert_eq!(nature(Some(m), m.level, "atsem"), NATURE_FPPR);
        }
    }

    #[test]
    fn standard_csv_matches_the_plan() {
        let data = ReferenceData::embedded().expect("data");
        let plan = template_plan(&data);
        let text = plan_csv(&plan, &data, CsvStyle::Standard);
        assert!(!text.starts_with('\u{feff}'));
        assert!(!text.contains('\r'));
        let records = parse(&text, b',');
        assert_eq!(records[0].iter().collect::<Vec<_>>(), HEADERS.to_vec());
        // One reserve row a year, first in its year, giving the year's reserve in `jours`.
        let (reserve, rows): (Vec<_>, Vec<_>) =
            records[1..].iter().partition(|r| &r[2] == NATURE_RESERVE);
        assert_eq!(reserve.len(), plan.years.len());
        for (r, y) in reserve.iter().zip(&plan.years) {
            assert_eq!(r[0].parse::<u16>().expect("year"), y.year);
            assert_eq!(tenths(&r[13]), y.statutory_days.tenths());
            assert!(
                r[3].contains("budget de formation") && r[3].contains("utilisé par le numérique")
            );
        }
        let firsts: Vec<&csv::StringRecord> = records[1..]
            .iter()
            .enumerate()
            .filter(|(k, r)| *k == 0 || records[*k][0] != r[0])
            .map(|(_, r)| r)
            .collect();
        assert!(firsts.iter().all(|r| &r[2] == NATURE_RESERVE));
        let expected: usize = plan
            .years
            .iter()
            .flat_map(|y| &y.sessions)
            .map(|s| s.by_metier.len())
            .sum();
        assert!(expected > 0);
        assert_eq!(rows.len(), expected);
        assert!(rows.iter().all(|r| r.len() == HEADERS.len()));
        let days: u64 = rows.iter().map(|r| tenths(&r[13])).sum();
        assert_eq!(days, plan.indicators.days_used.tenths());
        let agents: u64 = rows
            .iter()
            .map(|r| r[10].parse::<u64>().expect("agents"))
            .sum();
        let plan_agents: u64 = plan.years.iter().map(|y| y.agents_trained).sum();
        assert_eq!(agents, plan_agents);
        // Costs of the rows add up to the costs of the lines.
        let cost: u64 = rows
            .iter()
            .map(|r| {
                r[14]
                    .parse::<u64>()
                    .expect("the template gives a cost per day")
            })
            .sum();
        let line_cost: u64 = plan
            .years
            .iter()
            .flat_map(|y| &y.sessions)
            .filter_map(|s| s.cost)
            .sum();
        assert_eq!(cost, line_cost);
        // Every scheduled module appears.
        let modules: BTreeSet<&str> = rows.iter().map(|r| &r[6]).collect();
        for s in plan.years.iter().flat_map(|y| &y.sessions) {
            assert!(modules.contains(s.module.as_str()), "{} missing", s.module);
        }
        // Every row has a theme, a nature, an objective and a métier name.
        for r in rows {
            assert!(!r[1].is_empty() && !r[2].is_empty() && !r[3].is_empty() && !r[4].is_empty());
            assert!(r[3].contains(" — niveau "));
            assert!(r[15].starts_with('P'));
            assert!(r[17] == *"oui" || r[17] == *"non");
        }
    }

    #[test]
    fn excel_csv_is_french() {
        let data = ReferenceData::embedded().expect("data");
        let plan = template_plan(&data);
        let text = plan_csv(&plan, &data, CsvStyle::Excel);
        assert!(text.starts_with('\u{feff}'));
        assert!(text.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]));
        let body = &text['\u{feff}'.len_utf8()..];
        assert!(body.starts_with("annee;thème;nature;objectif;"));
        assert!(body.ends_with("\r\n"));
        assert_eq!(body.matches('\n').count(), body.matches("\r\n").count());
        let records = parse(body, b';');
        let standard = plan_csv(&plan, &data, CsvStyle::Standard);
        assert_eq!(records.len(), parse(&standard, b',').len());
        for r in &records[1..] {
            assert!(r[13].contains(','), "decimal comma in {}", &r[13]);
            assert!(!r[13].contains('.'));
        }
        // The `jours` column adds up to the whole budget used: the digital plan's days and
        // each year's statutory reserve.
        let days: u64 = records[1..].iter().map(|r| tenths(&r[13])).sum();
        let reserve: u64 = plan.years.iter().map(|y| y.statutory_days.tenths()).sum();
        assert_eq!(days, plan.indicators.days_used.tenths() + reserve);
    }

    #[test]
    fn csv_is_deterministic() {
        let data = ReferenceData::embedded().expect("data");
        let a = plan_csv(&template_plan(&data), &data, CsvStyle::Excel);
        let b = plan_csv(&template_plan(&data), &data, CsvStyle::Excel);
        assert_eq!(a, b);
    }

    #[test]
    fn quoting_is_done_right() {
        let data = ReferenceData::embedded().expect("data");
        let mut plan = template_plan(&data);
        let line = plan
            .years
            .iter_mut()
            .flat_map(|y| y.sessions.iter_mut())
            .next()
            .expect("a line");
        line.title = "Dire \"bonjour\", puis; partir\nensuite".into();
        for style in [CsvStyle::Standard, CsvStyle::Excel] {
            let text = plan_csv(&plan, &data, style);
            let body = text.trim_start_matches('\u{feff}');
            let records = parse(body, style.delimiter());
            // Row 1 is the first year's statutory reserve; row 2 its first line.
            assert_eq!(&records[1][2], NATURE_RESERVE);
            assert_eq!(&records[2][7], "Dire \"bonjour\", puis; partir\nensuite");
            assert_eq!(records[2].len(), HEADERS.len());
        }
    }
}
