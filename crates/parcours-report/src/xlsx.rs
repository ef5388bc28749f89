//! The plan as an Excel workbook (XLSX), in French, for the HR department and the staff
//! committee: six sheets — `Synthèse`, `Plan annuel` (the CSV's columns, see
//! [`crate::csv_out`]), `Parcours par métier`, `Reconversions`, `Non financé`, `Indicateurs`.
//!
//! Cells are typed: agents, days, hours and costs are numbers, shares are numbers with a
//! percent format. Header rows are bold and frozen, tables have autofilters, column widths come
//! from the content. The bytes are reproducible: the document properties are fixed (author
//! `parcours`, creation date [`CREATION_DATE`]) and nothing reads the clock.

use crate::csv_out::{
    HEADERS, categories_text, filiere, nature, objective, plan_rows, population_name,
    recommendations_text, theme,
};
use crate::plan_text::{category_fr, reason_fr, reconversion_shared};
use crate::statutory;
use parcours_batch::pooling::Pooling;
use parcours_graph::ReferenceData;
use parcours_graph::ids::{EffectNumber, RecNumber};
use parcours_graph::vocab::{Category, Channel, Horizon};
use parcours_planner::plan::{Coverage, Days, Plan};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet, XlsxError,
};
use std::path::Path;

/// The sheet names, in order.
pub const SHEETS: [&str; 6] = [
    "Synthèse",
    "Plan annuel",
    "Parcours par métier",
    "Reconversions",
    "Non financé",
    "Indicateurs",
];

/// The fixed creation date written in the document properties (year, month, day): the
/// publication of the CNFPT study. A fixed date keeps the file byte-for-byte reproducible.
pub const CREATION_DATE: (u16, u8, u8) = (2021, 10, 1);

/// Narrowest and widest column widths, in characters.
const MIN_WIDTH: f64 = 6.0;
const MAX_WIDTH: f64 = 60.0;

/// A typed cell.
enum Cell {
    Text(String),
    /// A whole number (agents, hours, years).
    Int(u64),
    /// Trainee-days, one decimal.
    Days(Days),
    /// A share in tenths of a percent (`Coverage::share_*`), shown as a percentage.
    Pct(Days),
    /// A ratio (1.0 = 100 %), shown as a percentage.
    Ratio(f64),
    /// Euros.
    Euro(u64),
    Blank,
}

impl Cell {
    fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }
    fn opt_euro(c: Option<u64>) -> Cell {
        c.map_or(Cell::Blank, Cell::Euro)
    }
    fn yes_no(b: bool) -> Cell {
        Cell::text(if b { "oui" } else { "non" })
    }
    /// Characters the cell shows, for the column width.
    fn width(&self) -> usize {
        match self {
            Cell::Text(s) => s.chars().count(),
            Cell::Int(n) => n.to_string().len(),
            Cell::Days(d) => d.tenths().to_string().len() + 1,
            Cell::Pct(_) | Cell::Ratio(_) => 7,
            Cell::Euro(n) => n.to_string().len() * 4 / 3 + 3,
            Cell::Blank => 0,
        }
    }
}

struct Formats {
    header: Format,
    title: Format,
    int: Format,
    days: Format,
    pct: Format,
    euro: Format,
    text: Format,
}

impl Formats {
    fn new() -> Self {
        Formats {
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xD9E1F2))
                .set_border_bottom(FormatBorder::Thin),
            title: Format::new().set_bold().set_font_size(13),
            int: Format::new().set_num_format("0"),
            days: Format::new().set_num_format("0.0"),
            pct: Format::new().set_num_format("0.0%"),
            euro: Format::new().set_num_format("#,##0 \"€\""),
            text: Format::new(),
        }
    }
}

/// A worksheet being written: tracks the column widths.
struct Sheet<'a> {
    ws: &'a mut Worksheet,
    f: &'a Formats,
    widths: Vec<usize>,
}

impl<'a> Sheet<'a> {
    fn new(ws: &'a mut Worksheet, f: &'a Formats, name: &str) -> Result<Self, XlsxError> {
        ws.set_name(name)?;
        Ok(Sheet {
            ws,
            f,
            widths: Vec::new(),
        })
    }

    fn fit(&mut self, col: u16, w: usize) {
        let c = usize::from(col);
        if self.widths.len() <= c {
            self.widths.resize(c + 1, 0);
        }
        self.widths[c] = self.widths[c].max(w);
    }

    fn cell(&mut self, row: u32, col: u16, cell: &Cell) -> Result<(), XlsxError> {
        let f = self.f;
        match cell {
            Cell::Text(s) => {
                self.ws.write_string_with_format(row, col, s, &f.text)?;
            }
            Cell::Int(n) => {
                self.ws
                    .write_number_with_format(row, col, *n as f64, &f.int)?;
            }
            Cell::Days(d) => {
                self.ws
                    .write_number_with_format(row, col, d.as_f64(), &f.days)?;
            }
            Cell::Pct(p) => {
                self.ws
                    .write_number_with_format(row, col, p.tenths() as f64 / 1000.0, &f.pct)?;
            }
            Cell::Ratio(r) => {
                self.ws.write_number_with_format(row, col, *r, &f.pct)?;
            }
            Cell::Euro(n) => {
                self.ws
                    .write_number_with_format(row, col, *n as f64, &f.euro)?;
            }
            Cell::Blank => {}
        }
        self.fit(col, cell.width());
        Ok(())
    }

    fn header(&mut self, row: u32, headers: &[&str]) -> Result<(), XlsxError> {
        for (c, h) in headers.iter().enumerate() {
            let col = c as u16;
            self.ws
                .write_string_with_format(row, col, *h, &self.f.header)?;
            self.fit(col, h.chars().count() + 3); // room for the filter button
        }
        Ok(())
    }

    /// A table at row 0: a bold frozen header row, the rows, and an autofilter over them.
    fn table(&mut self, headers: &[&str], rows: &[Vec<Cell>]) -> Result<(), XlsxError> {
        self.header(0, headers)?;
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                self.cell(r as u32 + 1, c as u16, cell)?;
            }
        }
        self.ws.set_freeze_panes(1, 0)?;
        self.ws
            .autofilter(0, 0, rows.len() as u32, headers.len() as u16 - 1)?;
        Ok(())
    }

    fn finish(self) -> Result<(), XlsxError> {
        for (c, w) in self.widths.iter().enumerate() {
            let width = (*w as f64 + 2.0).clamp(MIN_WIDTH, MAX_WIDTH);
            self.ws.set_column_width(c as u16, width)?;
        }
        Ok(())
    }
}

fn pct_or_blank(c: &Coverage, five: bool) -> Cell {
    if c.needed == 0 {
        Cell::Blank
    } else if five {
        Cell::Pct(c.share_year5)
    } else {
        Cell::Pct(c.share_horizon)
    }
}

fn ratio(used: Days, available: Days) -> Cell {
    if available.tenths() == 0 {
        Cell::Blank
    } else {
        Cell::Ratio(used.tenths() as f64 / available.tenths() as f64)
    }
}

fn synthese(sh: &mut Sheet, plan: &Plan) -> Result<(), XlsxError> {
    let p = &plan.profile;
    let i = &plan.indicators;
    let opt_int = |n: Option<u32>| n.map_or(Cell::Blank, |n| Cell::Int(u64::from(n)));
    let rows: Vec<(&str, Cell, &str)> = vec![
        ("Collectivité", Cell::text(&p.name), ""),
        ("Type", Cell::text(p.kind.label()), ""),
        ("Population", opt_int(p.population), "habitants"),
        (
            "Département",
            p.department.as_ref().map_or(Cell::Blank, Cell::text),
            "",
        ),
        (
            "Première année",
            Cell::Int(u64::from(p.first_year)),
            "année civile",
        ),
        ("Horizon", Cell::Int(u64::from(p.horizon)), "ans"),
        ("Maturité numérique", Cell::text(p.maturity.label()), ""),
        (
            "Agents aux niveaux mesurés",
            Cell::Int(p.current_levels.measured_agents),
            p.current_levels.measured_by.map_or("agents", |m| match m {
                parcours_planner::profile::MeasuredBy::Pix => "agents (Pix)",
            }),
        ),
        ("Agents", Cell::Int(p.agents), "agents"),
        ("Métiers", Cell::Int(p.metiers as u64), "métiers"),
        (
            "Encadrants (parcours managérial)",
            Cell::Int(u64::from(p.managers)),
            "personnes",
        ),
        (
            "Élues et élus",
            Cell::Int(u64::from(p.elected_officials)),
            "personnes",
        ),
        (
            "Budget de formation annuel",
            Cell::Int(u64::from(p.budget_days_per_year)),
            "jours-stagiaires par an, formations statutaires comprises",
        ),
        (
            "Réserve statutaire",
            Cell::Days(plan.statutory.reserve_days_per_year),
            "jours-stagiaires par an",
        ),
        (
            "Réserve statutaire : calcul",
            Cell::text(plan.statutory.basis.label()),
            "",
        ),
        (
            "Part du budget ouverte au numérique",
            Cell::Int(u64::from(plan.statutory.digital_share_percent)),
            "%",
        ),
        (
            "Disponible pour le numérique",
            Cell::Days(plan.statutory.digital_days_per_year),
            "jours-stagiaires par an",
        ),
        (
            "Plafond par agent",
            Cell::Int(u64::from(p.max_days_per_agent)),
            "jours par agent et par an, plan numérique",
        ),
        (
            "Prix d'une journée-stagiaire (organisme payant)",
            Cell::Euro(p.funding.prices.paying_body_per_trainee_day),
            "€",
        ),
        (
            "Prix d'une journée de session intra",
            Cell::Euro(p.funding.prices.intra_per_session_day),
            "€",
        ),
        (
            "Licence d'autoformation par agent",
            Cell::Euro(p.funding.prices.licence_per_agent),
            "€",
        ),
        (
            "Préférence pour les sessions inter-collectivités",
            Cell::yes_no(p.funding.prices.prefer_inter),
            "",
        ),
        (
            "Budget en euros des actions payantes",
            Cell::opt_euro(p.funding.euros_per_year.map(u64::from)),
            "€ par an",
        ),
        (
            "Masse salariale",
            Cell::opt_euro(p.funding.payroll_euros),
            "€ par an",
        ),
        (
            "Cotisation CNFPT déjà versée (indicatif)",
            Cell::opt_euro(p.funding.levy_per_year),
            "€ par an, 0,9 % de la masse salariale",
        ),
        (
            "Durée d'une journée",
            Cell::Int(u64::from(p.hours_per_day)),
            "heures",
        ),
        (
            "Jours utilisés par le plan numérique",
            Cell::Days(i.days_used),
            "jours-stagiaires",
        ),
        (
            "Jours disponibles pour le numérique",
            Cell::Days(i.days_available),
            "jours-stagiaires, sur l'horizon",
        ),
        (
            "Taux d'utilisation du budget",
            ratio(i.days_used, i.days_available),
            "",
        ),
        (
            "Besoins non financés",
            Cell::Days(i.days_unfunded),
            "jours-stagiaires",
        ),
        ("Coût total", Cell::opt_euro(i.cost), "€"),
        (
            "dont sessions inter-collectivités CNFPT",
            Cell::Euro(channel_cost(&i.by_channel, Channel::Inter)),
            "€ (sans coût marginal)",
        ),
        (
            "dont sessions intra",
            Cell::Euro(channel_cost(&i.by_channel, Channel::Intra)),
            "€",
        ),
        (
            "dont organismes payants",
            Cell::Euro(channel_cost(&i.by_channel, Channel::PayingBody)),
            "€",
        ),
        (
            "dont autoformation (licences)",
            Cell::Euro(channel_cost(&i.by_channel, Channel::SelfTraining)),
            "€",
        ),
        (
            "Besoins couverts à 5 ans",
            pct_or_blank(&i.overall, true),
            "des agents × niveaux",
        ),
        (
            "Besoins à court terme couverts à 5 ans",
            pct_or_blank(&i.short_term, true),
            "des agents × niveaux",
        ),
        (
            "Besoins couverts à l'horizon",
            pct_or_blank(&i.overall, false),
            "des agents × niveaux",
        ),
        (
            "Agents au socle numérique au départ",
            Cell::Int(i.agents_at_socle_start),
            "agents",
        ),
        (
            "Agents au socle numérique à 5 ans",
            Cell::Int(i.agents_at_socle_year5),
            "agents",
        ),
        (
            "Agents au socle numérique à l'horizon",
            Cell::Int(i.agents_at_socle_horizon),
            "agents",
        ),
        (
            "Lignes sous le minimum de participants",
            Cell::Int(i.pooling_candidates as u64),
            "lignes sous le minimum de participants",
        ),
        (
            "Lignes non financées",
            Cell::Int(plan.unfunded.len() as u64),
            "lignes",
        ),
    ];
    sh.header(0, &["Indicateur", "Valeur", "Unité"])?;
    let mut r = 1u32;
    for (label, value, unit) in &rows {
        sh.cell(r, 0, &Cell::text(*label))?;
        sh.cell(r, 1, value)?;
        sh.cell(r, 2, &Cell::text(*unit))?;
        r += 1;
    }
    sh.ws.set_freeze_panes(1, 0)?;
    // The year-by-year summary below the indicators.
    r += 1;
    sh.ws
        .write_string_with_format(r, 0, "Année par année", &sh.f.title)?;
    r += 1;
    let headers = [
        "Année",
        "Rang",
        "Horizon",
        "Budget de formation (jours)",
        "Réserve statutaire (jours)",
        "Disponible pour le numérique (jours)",
        "Utilisé par le numérique (jours)",
        "Taux d'utilisation",
        "Coût (€)",
        "Inter CNFPT (€)",
        "Intra (€)",
        "Organismes payants (€)",
        "Autoformation (€)",
        "Agents formés",
        "Lignes",
        "Lignes sous le minimum",
    ];
    sh.header(r, &headers)?;
    for y in &plan.years {
        r += 1;
        let cells = [
            Cell::Int(u64::from(y.year)),
            Cell::Int(u64::from(y.index)),
            Cell::text(if y.horizon == Horizon::Short {
                "court terme"
            } else {
                "long terme"
            }),
            Cell::Days(y.training_budget_days),
            Cell::Days(y.statutory_days),
            Cell::Days(y.budget_days),
            Cell::Days(y.days_used),
            ratio(y.days_used, y.budget_days),
            Cell::opt_euro(y.cost),
            Cell::Euro(channel_cost(&y.by_channel, Channel::Inter)),
            Cell::Euro(channel_cost(&y.by_channel, Channel::Intra)),
            Cell::Euro(channel_cost(&y.by_channel, Channel::PayingBody)),
            Cell::Euro(channel_cost(&y.by_channel, Channel::SelfTraining)),
            Cell::Int(y.agents_trained),
            Cell::Int(y.sessions.len() as u64),
            Cell::Int(y.sessions.iter().filter(|s| s.pooling_candidate).count() as u64),
        ];
        for (c, cell) in cells.iter().enumerate() {
            sh.cell(r, c as u16, cell)?;
        }
    }
    // The obligations the statutory reserve follows from, and how it is counted.
    r += 2;
    sh.ws.write_string_with_format(
        r,
        0,
        "Formations statutaires obligatoires (décret n° 2008-512)",
        &sh.f.title,
    )?;
    if !plan.statutory.lines.is_empty() {
        r += 1;
        sh.header(r, &statutory::LINE_HEADER)?;
        for (line, texts) in plan.statutory.lines.iter().zip(statutory::line_rows(plan)) {
            r += 1;
            for (c, t) in texts.iter().take(4).enumerate() {
                let cell = if c == 2 {
                    Cell::Int(u64::from(line.agents))
                } else {
                    Cell::text(t.as_str())
                };
                sh.cell(r, c as u16, &cell)?;
            }
            sh.cell(r, 4, &Cell::Days(line.days_per_year))?;
        }
    }
    for note in statutory::notes(plan) {
        r += 1;
        sh.cell(r, 0, &Cell::Text(note))?;
    }
    Ok(())
}

/// The cost of channel `c` in `totals`.
fn channel_cost(totals: &[parcours_planner::funding::ChannelTotal], c: Channel) -> u64 {
    totals.iter().find(|t| t.channel == c).map_or(0, |t| t.cost)
}

fn plan_annuel(sh: &mut Sheet, plan: &Plan, data: &ReferenceData) -> Result<(), XlsxError> {
    let rows: Vec<Vec<Cell>> = plan_rows(plan, data)
        .into_iter()
        .map(|r| {
            vec![
                Cell::Int(u64::from(r.year)),
                Cell::Text(r.theme),
                Cell::text(r.nature),
                Cell::Text(r.objective),
                Cell::Text(r.metier),
                Cell::text(r.filiere),
                Cell::Text(r.module.0),
                Cell::Text(r.title),
                Cell::text(r.modality),
                Cell::text(r.level.label()),
                Cell::Int(r.agents),
                // A line's sessions once, on its first row: the métiers of a line attend the
                // same sessions, and a column's sum must not count them once per métier.
                if r.first_of_line {
                    Cell::Int(r.sessions)
                } else {
                    Cell::Blank
                },
                Cell::Int(r.hours_per_agent),
                Cell::Days(r.days),
                Cell::opt_euro(r.cost),
                Cell::Text(recommendations_text(&r.recommendations)),
                Cell::Text(categories_text(&r.categories)),
                Cell::yes_no(r.pooling),
                Cell::text(r.channel),
            ]
        })
        .collect();
    sh.table(&HEADERS, &rows)
}

fn parcours(sh: &mut Sheet, plan: &Plan, data: &ReferenceData) -> Result<(), XlsxError> {
    let hpd = u64::from(plan.profile.hours_per_day.max(1));
    let headers = [
        "métier",
        "filière",
        "catégories",
        "effectif",
        "étape",
        "module",
        "intitulé",
        "thème",
        "nature",
        "objectif",
        "niveau",
        "agents",
        "heures_par_agent",
        "jours_par_agent",
        "court_terme",
        "prérequis_seulement",
        "programmation",
        "première_année",
        "agents_programmés",
        "non_financés",
        "préconisations",
        "score",
    ];
    let mut rows = Vec::new();
    for path in &plan.paths {
        let cats = categories_text(&path.categories);
        let fil = filiere(data, &path.metier);
        if path.steps.is_empty() {
            let mut row = vec![
                Cell::text(&*path.name),
                Cell::text(fil),
                Cell::text(&cats),
                Cell::Int(path.headcount),
                Cell::Blank,
                Cell::Blank,
                Cell::text("aucun besoin : niveaux cibles atteints"),
            ];
            row.resize_with(headers.len(), || Cell::Blank);
            rows.push(row);
            continue;
        }
        for (k, s) in path.steps.iter().enumerate() {
            let scheduled: u64 = s.scheduled.iter().map(|(_, n)| n).sum();
            rows.push(vec![
                Cell::text(&*path.name),
                Cell::text(fil),
                Cell::text(&cats),
                Cell::Int(path.headcount),
                Cell::Int(k as u64 + 1),
                Cell::text(s.module.as_str()),
                Cell::text(&*s.title),
                Cell::Text(theme(data, &s.competency)),
                Cell::text(nature(data.module(&s.module), s.level, &path.metier)),
                Cell::Text(objective(data, &s.competency, s.level)),
                Cell::text(s.level.label()),
                Cell::Int(s.agents),
                Cell::Int(s.hours),
                Cell::Days(Days((s.hours * 10 + hpd / 2) / hpd)),
                Cell::yes_no(s.short_term),
                Cell::yes_no(s.prerequisite_only),
                Cell::Text(
                    s.scheduled
                        .iter()
                        .map(|(y, n)| format!("{y} : {n}"))
                        .collect::<Vec<_>>()
                        .join(" ; "),
                ),
                s.scheduled
                    .first()
                    .map_or(Cell::Blank, |(y, _)| Cell::Int(u64::from(*y))),
                Cell::Int(scheduled),
                Cell::Int(s.unfunded),
                Cell::Text(recommendations_text(&s.recommendations)),
                Cell::Int(s.score),
            ]);
        }
    }
    sh.table(&headers, &rows)
}

fn reconversions(sh: &mut Sheet, plan: &Plan, data: &ReferenceData) -> Result<(), XlsxError> {
    let hpd = u64::from(plan.profile.hours_per_day.max(1));
    let headers = [
        "métier",
        "filière",
        "agents",
        "rang",
        "métier_cible",
        "filière_cible",
        "catégories_cible",
        "en_commun",
        "heures_numérique_par_agent",
        "jours_numérique_par_agent",
        "chemin",
        "modules",
    ];
    let mut rows = Vec::new();
    for r in &plan.reconversions {
        let fil = filiere(data, &r.metier);
        if r.targets.is_empty() {
            let mut row = vec![
                Cell::text(&r.name),
                Cell::text(fil),
                Cell::Int(r.agents),
                Cell::Blank,
                Cell::text("aucune cible trouvée"),
            ];
            row.resize_with(headers.len(), || Cell::Blank);
            rows.push(row);
            continue;
        }
        for (k, t) in r.targets.iter().enumerate() {
            rows.push(vec![
                Cell::text(&r.name),
                Cell::text(fil),
                Cell::Int(r.agents),
                Cell::Int(k as u64 + 1),
                Cell::text(&t.name),
                Cell::text(filiere(data, &t.metier)),
                Cell::Text(categories_text(&t.categories)),
                Cell::Text(reconversion_shared(Some(data), t)),
                Cell::Int(t.hours),
                Cell::Days(Days((t.hours * 10 + hpd / 2) / hpd)),
                Cell::Text(
                    t.path
                        .iter()
                        .map(|m| population_name(plan, data, m))
                        .collect::<Vec<_>>()
                        .join(" → "),
                ),
                Cell::Text(
                    t.modules
                        .iter()
                        .map(|m| m.as_str())
                        .collect::<Vec<_>>()
                        .join(" → "),
                ),
            ]);
        }
    }
    sh.table(&headers, &rows)
}

fn non_finance(sh: &mut Sheet, plan: &Plan, data: &ReferenceData) -> Result<(), XlsxError> {
    let headers = [
        "métier",
        "filière",
        "module",
        "intitulé",
        "thème",
        "objectif",
        "niveau",
        "agents",
        "jours",
        "coût",
        "court_terme",
        "raison",
        "préconisations",
        "score",
    ];
    let rows: Vec<Vec<Cell>> = plan
        .unfunded
        .iter()
        .map(|u| {
            let module = u.module.as_ref().and_then(|m| data.module(m));
            vec![
                Cell::Text(population_name(plan, data, &u.metier)),
                Cell::text(filiere(data, &u.metier)),
                u.module
                    .as_ref()
                    .map_or(Cell::Blank, |m| Cell::text(m.as_str())),
                module.map_or(Cell::Blank, |m| Cell::text(&m.title)),
                Cell::Text(theme(data, &u.competency)),
                Cell::Text(objective(data, &u.competency, u.level)),
                Cell::text(u.level.label()),
                Cell::Int(u.agents),
                Cell::Days(u.days),
                Cell::opt_euro(u.cost),
                Cell::yes_no(u.short_term),
                Cell::text(reason_fr(u.reason)),
                Cell::Text(recommendations_text(&u.recommendations)),
                Cell::Int(u.score),
            ]
        })
        .collect();
    sh.table(&headers, &rows)
}

fn indicateurs(sh: &mut Sheet, plan: &Plan, data: &ReferenceData) -> Result<(), XlsxError> {
    let headers = [
        "type",
        "code",
        "libellé",
        "besoins",
        "formés_5_ans",
        "formés_horizon",
        "part_5_ans",
        "part_horizon",
    ];
    let i = &plan.indicators;
    let row = |kind: &str, code: String, label: String, c: &Coverage| {
        vec![
            Cell::text(kind),
            Cell::Text(code),
            Cell::Text(label),
            Cell::Int(c.needed),
            Cell::Int(c.trained_by_year5),
            Cell::Int(c.trained_by_horizon),
            pct_or_blank(c, true),
            pct_or_blank(c, false),
        ]
    };
    let mut rows = vec![
        row(
            "ensemble",
            "tous".into(),
            "Tous les besoins (agents × niveaux)".into(),
            &i.overall,
        ),
        row(
            "ensemble",
            "court terme".into(),
            "Besoins dus à 5 ans".into(),
            &i.short_term,
        ),
    ];
    for (e, c) in &i.effects {
        let title = data
            .effect(EffectNumber(*e))
            .map_or(String::new(), |e| e.title.clone());
        rows.push(row("effet", format!("Effet {e}"), title, c));
    }
    for (r, c) in &i.recommendations {
        let (title, priority) = data
            .recommendation(RecNumber(*r))
            .map_or((String::new(), false), |r| (r.title.clone(), r.priority));
        let code = if priority {
            format!("P{r} ➔")
        } else {
            format!("P{r}")
        };
        rows.push(row("préconisation", code, title, c));
    }
    for (k, c) in &i.categories {
        let label = Category::ALL
            .iter()
            .find(|cat| cat.key() == *k)
            .map_or("", |cat| cat.label());
        rows.push(row("catégorie", category_fr(k).to_owned(), label.into(), c));
    }
    sh.table(&headers, &rows)
}

fn build(plan: &Plan, data: &ReferenceData) -> Result<Vec<u8>, XlsxError> {
    let (y, m, d) = CREATION_DATE;
    let created = ExcelDateTime::from_ymd(y, m, d)?.and_hms(0, 0, 0)?;
    let properties = DocProperties::new()
        .set_title(format!(
            "Plan de formation au numérique — {}",
            plan.profile.name
        ))
        .set_subject("Plan de formation pluriannuel (étude CNFPT sur la transition numérique)")
        .set_author("parcours")
        .set_creation_datetime(&created);
    let f = Formats::new();
    let mut wb = Workbook::new();
    wb.set_properties(&properties);
    {
        let mut sh = Sheet::new(wb.add_worksheet(), &f, SHEETS[0])?;
        synthese(&mut sh, plan)?;
        sh.finish()?;
    }
    {
        let mut sh = Sheet::new(wb.add_worksheet(), &f, SHEETS[1])?;
        plan_annuel(&mut sh, plan, data)?;
        sh.finish()?;
    }
    {
        let mut sh = Sheet::new(wb.add_worksheet(), &f, SHEETS[2])?;
        parcours(&mut sh, plan, data)?;
        sh.finish()?;
    }
    {
        let mut sh = Sheet::new(wb.add_worksheet(), &f, SHEETS[3])?;
        reconversions(&mut sh, plan, data)?;
        sh.finish()?;
    }
    {
        let mut sh = Sheet::new(wb.add_worksheet(), &f, SHEETS[4])?;
        non_finance(&mut sh, plan, data)?;
        sh.finish()?;
    }
    {
        let mut sh = Sheet::new(wb.add_worksheet(), &f, SHEETS[5])?;
        indicateurs(&mut sh, plan, data)?;
        sh.finish()?;
    }
    wb.save_to_buffer()
}

/// The plan as an XLSX workbook (the bytes of the file). The same plan gives the same bytes.
/// Errors are the XLSX writer's, as text.
pub fn plan_xlsx(plan: &Plan, data: &ReferenceData) -> crate::Result<Vec<u8>> {
    Ok(build(plan, data)?)
}

/// The national demand and pooling report of a batch run as a workbook: sheets `Demande
/// nationale`, `Demande départementale`, `Mutualisation` (counts per department, module and
/// year; the collectivities sharing each pooled session are in `pooling.csv`, which can
/// exceed a worksheet's million rows), then the tables the other reports give: [`SUMMARY_SHEETS`]
/// (per department, modality, capacity, region, and the sessions still under the minimum with
/// what would fill them). Same report, same bytes.
/// `scratch` is a folder for the low-memory sheets' temporary files (see [`demand_book`]).
pub fn demand_xlsx(r: &crate::demand::DemandReport, scratch: &Path) -> crate::Result<Vec<u8>> {
    demand_book(scratch)?.finish(r)
}

/// The sheets a demand workbook has after its three first ones, in order.
pub const SUMMARY_SHEETS: [&str; 6] = [
    "Par département",
    "Par modalité",
    "Capacité",
    "Par région",
    "Sessions à compléter",
    "Sessions partagées",
];

/// A demand workbook in two steps: [`demand_book`] sets it up (its scratch folder), then
/// [`DemandBook::finish`] writes every sheet of a pooled report and gives the file. Same bytes
/// as [`demand_xlsx`].
pub struct DemandBook {
    wb: Workbook,
}

/// Sets up a demand workbook.
///
/// The sheets of a demand workbook are in "low memory" mode: each row goes to a temporary
/// file once written, instead of staying in memory until the file is assembled (a national
/// run's sheets hold hundreds of thousands of cells, and they made the peak memory of a batch
/// run), and strings go to the shared table, so that each repeated module title is stored
/// once. The file is deflated at level 3: for 36,000 profiles it is still smaller than at
/// the default level 6 with strings in every cell, and written in half the time (see
/// BENCHMARKS.md).
///
/// Those temporary files go to `scratch`, a folder the caller gives (this crate creates no
/// file of its own accord); they are removed when the workbook is finished or dropped.
pub fn demand_book(scratch: &Path) -> crate::Result<DemandBook> {
    let sheets = || -> Result<DemandBook, XlsxError> {
        let (y, m, d) = CREATION_DATE;
        let created = ExcelDateTime::from_ymd(y, m, d)?.and_hms(0, 0, 0)?;
        let properties = DocProperties::new()
            .set_title("Demande nationale de formation au numérique")
            .set_author("parcours")
            .set_creation_datetime(&created);
        let mut wb = Workbook::new();
        wb.set_properties(&properties);
        wb.set_zip_compression_level(3);
        wb.set_tempdir(scratch)?;
        Ok(DemandBook { wb })
    };
    Ok(sheets()?)
}

impl DemandBook {
    /// Writes the sheets of `r` (once it is pooled, its regions and suggestions set): the
    /// national and departmental demand with the sessions without and with pooling (the rows
    /// of the demand CSVs), the pooling counts and the [`SUMMARY_SHEETS`]; gives the bytes of
    /// the file.
    pub fn finish(mut self, r: &crate::demand::DemandReport) -> crate::Result<Vec<u8>> {
        let mut build = || -> Result<Vec<u8>, XlsxError> {
            demand_sheet(self.wb.add_worksheet_with_low_memory()?, r, false)?;
            demand_sheet(self.wb.add_worksheet_with_low_memory()?, r, true)?;
            pooling_sheet(self.wb.add_worksheet_with_low_memory()?, &r.pooling)?;
            summary_sheets(&mut self.wb, r)?;
            self.wb.save_to_buffer()
        };
        Ok(build()?)
    }
}

/// The [`SUMMARY_SHEETS`]: the same tables as the Markdown and HTML reports, with the same
/// column names, numbers as numbers.
fn summary_sheets(wb: &mut Workbook, r: &crate::demand::DemandReport) -> Result<(), XlsxError> {
    use crate::demand::{
        self, CAPACITY_COLUMNS, DEPARTMENT_COLUMNS, MODALITY_COLUMNS, REGION_COLUMNS, suggest,
    };
    let [by_dept, by_modality, capacity, by_region, to_fill, shared] = SUMMARY_SHEETS;
    let pooled = demand::pooling_by_department(&r.pooling);
    plain_table(
        wb.add_worksheet(),
        by_dept,
        DEPARTMENT_COLUMNS,
        demand::sessions_by_department(r).into_iter().map(|(d, t)| {
            let (a, b, c) = pooled.get(d).copied().unwrap_or_default();
            [
                Plain::Text(d),
                Plain::Int(t.without_pooling),
                Plain::Int(t.with_pooling),
                Plain::Int(a),
                Plain::Int(b),
                Plain::Int(c),
            ]
        }),
    )?;
    plain_table(
        wb.add_worksheet(),
        by_modality,
        MODALITY_COLUMNS,
        r.by_modality.iter().map(|m| {
            [
                Plain::Int(u64::from(m.year)),
                Plain::Text(&m.modality),
                Plain::Int(m.enrolments),
                Plain::Days(m.days),
                Plain::Int(m.sessions.without_pooling),
                Plain::Int(m.sessions.with_pooling),
                Plain::Days(m.trainer_days.without_pooling),
                Plain::Days(m.trainer_days.with_pooling),
            ]
        }),
    )?;
    let mut headers = CAPACITY_COLUMNS;
    headers[3] = "Part de la capacité du CNFPT (%)";
    let ws = wb.add_worksheet();
    plain_table(
        ws,
        capacity,
        headers,
        r.against_capacity.iter().map(|c| {
            [
                Plain::Int(u64::from(c.year)),
                Plain::Days(c.days),
                Plain::Days(c.session_days),
                Plain::Int(c.percent_of_capacity),
            ]
        }),
    )?;
    // The capacity and its source under the table.
    let below = u32::try_from(r.against_capacity.len() + 2).unwrap_or(u32::MAX);
    ws.write_string(below, 0, demand::modality::capacity_sentence())?;
    let departments: Vec<String> = r.regions.iter().map(|x| x.departments.join(", ")).collect();
    plain_table(
        wb.add_worksheet(),
        by_region,
        REGION_COLUMNS,
        r.regions.iter().zip(&departments).map(|(x, d)| {
            [
                Plain::Text(&x.name),
                Plain::Text(d),
                Plain::Int(x.sessions.without_pooling),
                Plain::Int(x.sessions.with_pooling),
                Plain::Int(x.enrolments),
                Plain::Days(x.days),
            ]
        }),
    )?;
    let said: Vec<String> = r.suggestions.iter().map(suggest::text).collect();
    plain_table(
        wb.add_worksheet(),
        to_fill,
        SUGGESTION_COLUMNS,
        r.suggestions.iter().zip(&said).map(|(s, text)| {
            [
                Plain::Text(&s.department),
                Plain::Text(&s.module),
                Plain::Int(u64::from(s.year)),
                Plain::Int(s.agents),
                Plain::Int(s.min_participants),
                s.adjacent_year
                    .map_or(Plain::Empty, |y| Plain::Int(u64::from(y))),
                s.other_department
                    .as_deref()
                    .map_or(Plain::Empty, Plain::Text),
                s.other_department_name
                    .as_deref()
                    .map_or(Plain::Empty, Plain::Text),
                Plain::Int(s.other_agents),
                Plain::Text(text),
            ]
        }),
    )?;
    // The shared sessions by name, as the Markdown and HTML list them (when there are at most
    // `LISTED_SHARED`; else `pooling.csv`, said under the header).
    let list = r.shared_sessions.as_deref().unwrap_or_default();
    let members: Vec<String> = list
        .iter()
        .map(|s| demand::members_text(&s.collectivities))
        .collect();
    let ws = wb.add_worksheet();
    plain_table(
        ws,
        shared,
        demand::SHARED_COLUMNS,
        list.iter().zip(&members).map(|(s, m)| {
            [
                Plain::Text(&s.department),
                Plain::Text(&s.module),
                Plain::Int(u64::from(s.year)),
                Plain::Int(s.agents),
                Plain::Text(if s.underfilled { "oui" } else { "non" }),
                Plain::Text(m),
            ]
        }),
    )?;
    if r.shared_sessions.is_none() && r.pooling.shared_sessions > 0 {
        ws.write_string(
            2,
            0,
            format!(
                "{} sessions partagées, trop pour les lister ici : {} donne les collectivités de chacune.",
                r.pooling.shared_sessions, r.pooling_detail
            ),
        )?;
    }
    Ok(())
}

/// The columns of the sheet `Sessions à compléter`.
const SUGGESTION_COLUMNS: [&str; 10] = [
    "Département",
    "Module",
    "Année",
    "Agents encore sous le minimum",
    "Minimum",
    "Année voisine qui la remplirait",
    "Sinon, département voisin",
    "Nom du département voisin",
    "Agents de l'autre session",
    "Proposition",
];

/// A cell of the demand sheets, borrowed: these sheets have up to a hundred thousand rows.
#[derive(Clone, Copy)]
enum Plain<'a> {
    Text(&'a str),
    /// Nothing.
    Empty,
    /// An integer, in the General format (shown as is).
    Int(u64),
    Days(Days),
}

/// A table of plain cells at row 0 (bold frozen header, autofilter, fitted columns), written
/// straight to the worksheet.
fn plain_table<'a, const N: usize>(
    ws: &mut Worksheet,
    name: &str,
    headers: [&str; N],
    rows: impl Iterator<Item = [Plain<'a>; N]>,
) -> Result<(), XlsxError> {
    let f = Formats::new();
    ws.set_name(name)?;
    let mut widths = [0usize; N];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &f.header)?;
        widths[c] = h.chars().count() + 3; // room for the filter button
    }
    let digits = |n: u64| n.checked_ilog10().unwrap_or(0) as usize + 1;
    let mut last = 0u32;
    for (r, row) in rows.enumerate() {
        let r = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        last = r;
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            let w = match *cell {
                Plain::Text(t) => {
                    ws.write_string(r, col, t)?;
                    t.chars().count()
                }
                Plain::Empty => 0,
                Plain::Int(n) => {
                    ws.write_number(r, col, n as f64)?;
                    digits(n)
                }
                Plain::Days(d) => {
                    ws.write_number_with_format(r, col, d.as_f64(), &f.days)?;
                    digits(d.tenths()) + 1
                }
            };
            widths[c] = widths[c].max(w);
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, last, N as u16 - 1)?;
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w as f64 + 2.0).clamp(MIN_WIDTH, MAX_WIDTH))?;
    }
    Ok(())
}

/// Sheet `Demande nationale` or `Demande départementale`: the rows of
/// `national-demand.csv` or `departmental-demand.csv`, with the sessions to open without and
/// with pooling.
fn demand_sheet(
    ws: &mut Worksheet,
    r: &crate::demand::DemandReport,
    dept: bool,
) -> Result<(), XlsxError> {
    let mut headers = [""; 9];
    let mut k = 0;
    if dept {
        headers[0] = "département";
        k = 1;
    }
    for (i, h) in crate::demand::DEMAND_COLUMNS.iter().enumerate() {
        headers[k] = h;
        k += 1;
        if i == 3 {
            headers[k] = crate::demand::WITH_POOLING_COLUMN;
            k += 1;
        }
    }
    let rows = crate::demand::rows_with_pooling(r, dept);
    let cells = rows
        .iter()
        .map(|(&(department, module, year), &(cell, title, with))| {
            [
                Plain::Text(department),
                Plain::Int(u64::from(year)),
                Plain::Text(module),
                Plain::Text(title),
                Plain::Int(cell.sessions),
                Plain::Int(with),
                Plain::Int(cell.agents),
                Plain::Days(cell.days),
                Plain::Int(cell.collectivities),
            ]
        });
    if dept {
        plain_table(ws, "Demande départementale", headers, cells)
    } else {
        let mut national = [""; 8];
        national.copy_from_slice(&headers[..8]);
        plain_table(
            ws,
            "Demande nationale",
            national,
            cells.map(|c| {
                let mut row = [Plain::Empty; 8];
                row.copy_from_slice(&c[1..]);
                row
            }),
        )
    }
}

/// Sheet `Mutualisation`: counts per department, module and year.
fn pooling_sheet(ws: &mut Worksheet, pooling: &Pooling) -> Result<(), XlsxError> {
    plain_table(
        ws,
        "Mutualisation",
        [
            "département",
            "module",
            "annee",
            "minimum",
            "maximum",
            "sessions sous le minimum, sans mutualisation",
            "sessions mutualisées",
            "encore sous le minimum",
            "sessions partagées",
            "collectivités",
        ],
        pooling.groups.iter().map(|g| {
            [
                Plain::Text(&g.department),
                Plain::Text(g.module.as_str()),
                Plain::Int(u64::from(g.year)),
                Plain::Int(g.min_participants),
                Plain::Int(g.max_participants),
                Plain::Int(g.sessions_without_pooling),
                Plain::Int(g.sessions_with_pooling),
                Plain::Int(g.still_underfilled),
                Plain::Int(g.shared_sessions),
                Plain::Int(g.collectivities),
            ]
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
    use parcours_graph::Graph;
    use parcours_import::formats::{self, Format as ProfileFormat};
    use parcours_planner::check::CheckedProfile;
    use parcours_planner::options::PlanOptions;
    use parcours_planner::planner::Planner;
    use std::collections::BTreeSet;
    use std::io::Cursor;

    fn template_plan(data: &ReferenceData) -> Plan<'_> {
        let graph = Graph::new(data);
        let p = formats::parse("t.ron", formats::TEMPLATE, ProfileFormat::Ron)
            .expect("template parses");
        Planner::new(&graph).plan(&CheckedProfile::new(p, data).expect("valid"))
    }

    fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
        open_workbook_from_rs(Cursor::new(bytes)).expect("calamine opens the workbook")
    }

    fn column(range: &calamine::Range<Data>, name: &str) -> usize {
        let header: Vec<String> = range
            .rows()
            .next()
            .expect("header row")
            .iter()
            .map(|c| c.to_string())
            .collect();
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
    }

    fn floats(range: &calamine::Range<Data>, col: usize) -> Vec<f64> {
        range
            .rows()
            .skip(1)
            .map(|r| match &r[col] {
                Data::Float(f) => *f,
                other => panic!("column {col}: expected a number, got {other:?}"),
            })
            .collect()
    }

    #[test]
    fn demand_workbook_holds_the_demand_and_the_pooling_counts() {
        use parcours_batch::pooling::{Aggregate, pool};
        let data = ReferenceData::embedded().expect("data");
        let p = formats::parse("t.ron", formats::TEMPLATE, ProfileFormat::Ron).expect("parses");
        let plan = template_plan(&data);
        let mut agg = Aggregate::default();
        agg.add(0, "t", &p, &plan.totals());
        agg.add(1, "u", &p, &plan.totals());
        let pooling = pool(&data, &mut agg);
        let r = crate::demand::report(&data, &agg, pooling, None);
        let scratch = tempfile::tempdir().expect("a scratch folder");
        let bytes = demand_xlsx(&r, scratch.path()).expect("xlsx");
        assert_eq!(
            bytes,
            demand_xlsx(&r, scratch.path()).expect("xlsx"),
            "same report, same bytes"
        );
        assert_eq!(
            std::fs::read_dir(scratch.path()).expect("readable").count(),
            0,
            "the workbook's temporary files are gone"
        );
        let mut wb = open(bytes);
        let mut names = vec![
            "Demande nationale",
            "Demande départementale",
            "Mutualisation",
        ];
        names.extend(SUMMARY_SHEETS);
        assert_eq!(wb.sheet_names(), names);
        // Per modality: the national sessions and days, split.
        let modality = wb.worksheet_range("Par modalité").expect("sheet");
        assert_eq!(modality.height(), r.by_modality.len() + 1);
        let with = floats(&modality, column(&modality, "Sessions avec mutualisation"));
        assert_eq!(with.iter().sum::<f64>() as u64, r.sessions.with_pooling);
        let departments = wb.worksheet_range("Par département").expect("sheet");
        let without = floats(
            &departments,
            column(&departments, "Sessions sans mutualisation"),
        );
        assert_eq!(
            without.iter().sum::<f64>() as u64,
            r.sessions.without_pooling
        );
        let capacity = wb.worksheet_range("Capacité").expect("sheet");
        // The years, a blank row, the capacity's source.
        assert_eq!(capacity.height(), r.against_capacity.len() + 3);
        assert!(
            capacity
                .rows()
                .next_back()
                .is_some_and(|row| row[0].to_string().contains("CNFPT")),
            "{capacity:?}"
        );
        let national = wb.worksheet_range("Demande nationale").expect("sheet");
        assert_eq!(national.height(), r.national.len() + 1);
        let sessions = floats(&national, column(&national, "sessions"));
        assert_eq!(
            sessions.iter().sum::<f64>() as u64,
            r.national.iter().map(|d| d.cell.sessions).sum::<u64>()
        );
        let days = floats(&national, column(&national, "jours"));
        assert!((days.iter().sum::<f64>() - r.days_used.as_f64()).abs() < 0.5);
        let by_department = wb.worksheet_range("Demande départementale").expect("sheet");
        assert_eq!(
            by_department.height(),
            crate::demand::rows_with_pooling(&r, true).len() + 1
        );
        for sheet in [&national, &by_department] {
            let with = floats(sheet, column(sheet, "sessions_avec_mutualisation"));
            assert_eq!(with.iter().sum::<f64>() as u64, r.sessions.with_pooling);
        }
        // The shared sessions not listed by name (too many): the sheet says where they are.
        assert!(r.shared_sessions.is_none() && r.pooling.shared_sessions > 0);
        let note = wb.worksheet_range("Sessions partagées").expect("sheet");
        assert!(
            note.rows().next_back().is_some_and(|row| {
                let said = row[0].to_string();
                said.contains(&format!("{} sessions partagées", r.pooling.shared_sessions))
                    && said.contains("pooling.csv")
            }),
            "{note:?}"
        );
        // Listed: every one by name.
        let mut named = r.clone();
        named.shared_sessions = Some(vec![crate::demand::SharedSession {
            department: "35".into(),
            module: "m".into(),
            year: 2027,
            agents: 5,
            underfilled: false,
            collectivities: vec![("Acigné".into(), 3), ("Betton".into(), 2)],
        }]);
        let mut other = open(demand_xlsx(&named, scratch.path()).expect("xlsx"));
        let listed = other.worksheet_range("Sessions partagées").expect("sheet");
        assert_eq!(listed.height(), 2);
        assert_eq!(
            listed.rows().nth(1).expect("the session")[5].to_string(),
            "Acigné (3) ; Betton (2)"
        );
        let pooled = wb.worksheet_range("Mutualisation").expect("sheet");
        assert_eq!(pooled.height(), r.pooling.groups.len() + 1);
        let with = floats(&pooled, column(&pooled, "sessions mutualisées"));
        assert_eq!(
            with.iter().sum::<f64>() as u64,
            r.pooling.sessions_with_pooling
        );
    }

    #[test]
    fn workbook_opens_with_the_six_sheets() {
        let data = ReferenceData::embedded().expect("data");
        let plan = template_plan(&data);
        let mut wb = open(plan_xlsx(&plan, &data).expect("xlsx"));
        assert_eq!(wb.sheet_names(), SHEETS.map(String::from).to_vec());
        for name in SHEETS {
            let range = wb.worksheet_range(name).expect("sheet");
            assert!(range.height() >= 1, "{name} is empty");
        }
    }

    #[test]
    fn plan_annuel_is_typed_and_adds_up() {
        let data = ReferenceData::embedded().expect("data");
        let plan = template_plan(&data);
        let mut wb = open(plan_xlsx(&plan, &data).expect("xlsx"));
        let range = wb.worksheet_range("Plan annuel").expect("Plan annuel");
        let header: Vec<String> = range
            .rows()
            .next()
            .expect("header")
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(header, HEADERS.map(String::from).to_vec());
        let expected: usize = plan
            .years
            .iter()
            .flat_map(|y| &y.sessions)
            .map(|s| s.by_metier.len())
            .sum();
        assert_eq!(range.height() - 1, expected);
        let agents: f64 = floats(&range, column(&range, "agents")).iter().sum();
        let plan_agents: u64 = plan.years.iter().map(|y| y.agents_trained).sum();
        assert_eq!(agents, plan_agents as f64);
        let days: f64 = floats(&range, column(&range, "jours")).iter().sum();
        assert!((days - plan.indicators.days_used.as_f64()).abs() < 1e-6);
        for name in ["annee", "heures_par_agent", "coût"] {
            assert_eq!(floats(&range, column(&range, name)).len(), expected);
        }
        // The sessions once per line (the other rows of a line empty): their sum is the plan's.
        let sessions: Vec<f64> = range
            .rows()
            .skip(1)
            .filter_map(|r| match &r[column(&range, "sessions")] {
                Data::Float(f) => Some(*f),
                Data::Empty => None,
                other => panic!("sessions: expected a number or nothing, got {other:?}"),
            })
            .collect();
        let lines: Vec<u64> = plan
            .years
            .iter()
            .flat_map(|y| &y.sessions)
            .map(|s| s.sessions)
            .collect();
        assert_eq!(sessions.len(), lines.len());
        assert_eq!(
            sessions.iter().sum::<f64>(),
            lines.iter().sum::<u64>() as f64
        );
        let modules: BTreeSet<String> = range
            .rows()
            .skip(1)
            .map(|r| r[column(&range, "module")].to_string())
            .collect();
        for s in plan.years.iter().flat_map(|y| &y.sessions) {
            assert!(modules.contains(s.module.as_str()), "{} missing", s.module);
        }
    }

    #[test]
    fn other_sheets_hold_the_plan() {
        let data = ReferenceData::embedded().expect("data");
        let plan = template_plan(&data);
        let mut wb = open(plan_xlsx(&plan, &data).expect("xlsx"));
        let paths = wb.worksheet_range("Parcours par métier").expect("sheet");
        let steps: usize = plan.paths.iter().map(|p| p.steps.len().max(1)).sum();
        assert_eq!(paths.height() - 1, steps);
        let unfunded = wb.worksheet_range("Non financé").expect("sheet");
        assert_eq!(unfunded.height().max(1) - 1, plan.unfunded.len());
        if !plan.unfunded.is_empty() {
            let days: f64 = floats(&unfunded, column(&unfunded, "jours")).iter().sum();
            assert!((days - plan.indicators.days_unfunded.as_f64()).abs() < 1e-6);
        }
        let ind = wb.worksheet_range("Indicateurs").expect("sheet");
        let i = &plan.indicators;
        assert_eq!(
            ind.height() - 1,
            2 + i.effects.len() + i.recommendations.len() + i.categories.len()
        );
        let share = column(&ind, "part_horizon");
        match &ind.rows().nth(1).expect("overall row")[share] {
            Data::Float(f) => {
                assert!((f * 1000.0 - i.overall.share_horizon.tenths() as f64).abs() < 1e-6)
            }
            other => panic!("share is not a number: {other:?}"),
        }
        let synth = wb.worksheet_range("Synthèse").expect("sheet");
        let first = synth.rows().nth(1).expect("first indicator");
        assert_eq!(first[1].to_string(), plan.profile.name);
    }

    #[test]
    fn unfunded_needs_are_listed() {
        let data = ReferenceData::embedded().expect("data");
        let graph = Graph::new(&data);
        let p = formats::parse("t.ron", formats::TEMPLATE, ProfileFormat::Ron)
            .expect("template parses");
        let options = PlanOptions {
            budget_days: Some(3),
            horizon: None,
        };
        let p = CheckedProfile::new(p, &data)
            .expect("valid")
            .with_options(&options)
            .expect("options");
        let plan = Planner::new(&graph).plan(&p);
        assert!(!plan.unfunded.is_empty());
        let mut wb = open(plan_xlsx(&plan, &data).expect("xlsx"));
        let unfunded = wb.worksheet_range("Non financé").expect("sheet");
        assert_eq!(unfunded.height() - 1, plan.unfunded.len());
        let agents: f64 = floats(&unfunded, column(&unfunded, "agents")).iter().sum();
        assert_eq!(
            agents,
            plan.unfunded.iter().map(|u| u.agents).sum::<u64>() as f64
        );
        let days: f64 = floats(&unfunded, column(&unfunded, "jours")).iter().sum();
        assert!((days - plan.indicators.days_unfunded.as_f64()).abs() < 1e-6);
        let annual = wb.worksheet_range("Plan annuel").expect("sheet");
        let days: f64 = floats(&annual, column(&annual, "jours")).iter().sum();
        assert!((days - plan.indicators.days_used.as_f64()).abs() < 1e-6);
        let reconversions = wb.worksheet_range("Reconversions").expect("sheet");
        let targets: usize = plan
            .reconversions
            .iter()
            .map(|r| r.targets.len().max(1))
            .sum();
        assert_eq!(reconversions.height() - 1, targets);
    }

    #[test]
    fn xlsx_is_reproducible() {
        let data = ReferenceData::embedded().expect("data");
        let a = plan_xlsx(&template_plan(&data), &data).expect("xlsx");
        // Past the next second: a creation date taken from the clock would change.
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let b = plan_xlsx(&template_plan(&data), &data).expect("xlsx");
        assert!(a == b, "two renders of the same plan differ");
    }
}
