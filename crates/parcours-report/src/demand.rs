//! Reports of a batch run: the national and departmental demand per module and year (what the
//! training body must offer, recommendation 38) and the pooling of under-filled sessions
//! between neighbouring collectivities (recommendations 7 and 14).
//!
//! Which collectivities share each pooled session is written to `pooling.csv` only, one row
//! per session, streamed group by group ([`PoolingCsv`]): for France that is millions of
//! names. The JSON, XLSX, Markdown and HTML reports give the counts per department, module
//! and year; Markdown and HTML also list the shared sessions with their collectivities when
//! there are at most [`LISTED_SHARED`] of them (all of a département's run), and otherwise
//! point to `pooling.csv`.

pub mod compare;
pub mod modality;
pub mod region;
pub mod suggest;

use crate::csv_out::CsvStyle;
use crate::text::{csv_text, md_code, md_table, md_text};
use itertools::Itertools;
use parcours_batch::pooling::{Aggregate, Cell, PoolGroup, Pooled, PooledSession, Pooling};
use parcours_graph::ReferenceData;
use parcours_planner::plan::Days;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;

/// One row of demand.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct DemandRow {
    /// Department code (absent for national rows).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// Module id.
    pub module: String,
    /// Module title.
    pub title: String,
    /// Calendar year.
    pub year: u16,
    /// The demand.
    #[serde(flatten)]
    pub cell: Cell,
}

/// The demand report as JSON.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct DemandReport {
    /// Version of this layout.
    pub schema_version: u32,
    /// Profiles planned.
    pub profiles: u64,
    /// Agents (headcount: each once, whatever the modules).
    pub agents: u64,
    /// Elected officials (headcount, their own track), apart from the agents.
    pub elected_officials: u64,
    /// Enrolments in all: the cells' `agents` added up (an agent or elected official trained
    /// in two modules counts twice).
    pub enrolments: u64,
    /// The share of every collectivity's training budget open to the digital plan, in
    /// percent, when the run set one for all (`batch --budget-share`); absent, each profile's
    /// own (`budget.digital_share_percent`, 100 by default).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub digital_share_percent: Option<u32>,
    /// What the run kept, in words (`batch --region`, `--department`, `--module`,
    /// `--modality`, `--year`), when it did not keep everything.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
    /// Trainee-days used, available, unfunded.
    pub days_used: Days,
    /// Trainee-days available.
    pub days_available: Days,
    /// Trainee-days unfunded.
    pub days_unfunded: Days,
    /// Sessions to open in all, without and with pooling (the same totals in every report).
    pub sessions: SessionTotals,
    /// Per year, all modules.
    pub years: BTreeMap<u16, Cell>,
    /// Per year and modality: enrolments, trainee-days, sessions and trainer-days.
    pub by_modality: Vec<modality::ModalityRow>,
    /// The national capacity the demand compares with.
    pub capacity: modality::Capacity,
    /// Each year's demand against the capacity.
    pub against_capacity: Vec<modality::CapacityRow>,
    /// The modality and session length of each module of the demand (what `by_modality`
    /// follows from; not in the JSON).
    #[serde(skip)]
    pub module_facts: BTreeMap<String, modality::ModuleFacts>,
    /// National demand per module and year.
    pub national: Vec<DemandRow>,
    /// Departmental demand per department, module and year.
    pub departments: Vec<DemandRow>,
    /// The demand per region, when the run placed the departments on the map (see
    /// [`region::by_region`]).
    pub regions: Vec<region::RegionRow>,
    /// Pooling of under-filled sessions: totals and counts per department, module and year.
    pub pooling: Pooling,
    /// The file that lists every pooled session with the collectivities sharing it.
    pub pooling_detail: String,
    /// The sessions still under the minimum once pooled that an adjacent year or a
    /// neighbouring department would fill (see [`suggest::suggestions`]).
    pub suggestions: Vec<suggest::Suggestion>,
    /// This run beside another (`batch --compare`), when one was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparison: Option<compare::Comparison>,
    /// The sessions shared by several collectivities, with their names, when there are at
    /// most [`LISTED_SHARED`] of them (Markdown and HTML list them; not in the JSON).
    #[serde(skip)]
    pub shared_sessions: Option<Vec<SharedSession>>,
}

/// Sessions to open, without and with pooling.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SessionTotals {
    /// Every session, each collectivity on its own.
    pub without_pooling: u64,
    /// Every session once the under-filled ones are pooled: the full sessions, plus the
    /// pooled ones.
    pub with_pooling: u64,
}

impl SessionTotals {
    /// The totals of `cells` (each collectivity on its own) once their under-filled
    /// sessions, pooled, make `pooled` sessions.
    pub fn of<'c>(cells: impl IntoIterator<Item = &'c Cell>, pooled: u64) -> SessionTotals {
        let (all, underfilled) = cells
            .into_iter()
            .fold((0, 0), |(a, u), c| (a + c.sessions, u + c.underfilled));
        SessionTotals {
            without_pooling: all,
            with_pooling: all - underfilled + pooled,
        }
    }
}

impl DemandReport {
    /// Sets the pooling (and the shared sessions listed by name), and the session totals
    /// that follow from it.
    pub fn set_pooling(&mut self, pooling: Pooling, shared_sessions: Option<Vec<SharedSession>>) {
        self.sessions = SessionTotals::of(self.years.values(), pooling.sessions_with_pooling);
        self.pooling = pooling;
        self.shared_sessions = shared_sessions;
        self.by_modality = modality::rows(self);
        self.against_capacity = modality::against_capacity(self);
    }
}

/// Sessions per department without and with pooling: each department's own sessions, less its
/// under-filled ones, plus the pooled sessions it holds (an intercommunality's members pool in
/// the department holding most of its population, so a department may hold sessions of its
/// neighbours' communes). The departments add up to [`DemandReport::sessions`].
pub fn sessions_by_department(r: &DemandReport) -> BTreeMap<&str, SessionTotals> {
    let mut cells: BTreeMap<&str, Cell> = BTreeMap::new();
    for row in &r.departments {
        cells
            .entry(row.department.as_deref().unwrap_or(""))
            .or_default()
            .add(&row.cell);
    }
    let mut pooled: BTreeMap<&str, u64> = BTreeMap::new();
    for g in &r.pooling.groups {
        *pooled.entry(&g.department).or_default() += g.sessions_with_pooling;
        cells.entry(&g.department).or_default();
    }
    cells
        .into_iter()
        .map(|(d, c)| {
            let t = SessionTotals::of([&c], pooled.get(d).copied().unwrap_or(0));
            (d, t)
        })
        .collect()
}

/// Version of the JSON layout of [`DemandReport`]. 2: the pooled sessions and their
/// collectivities moved to `pooling.csv`; groups give counts (`still_underfilled`,
/// `shared_sessions`, `collectivities`). 3: `by_modality`, `capacity`, `against_capacity`,
/// `suggestions`, the groups' `underfilled_agents`, `regions`. 4: a suggestion's
/// `other_department` is a neighbouring department (sharing a border), named in
/// `other_department_name`, no longer one of the same region; `comparison` (`batch --compare`).
pub const SCHEMA_VERSION: u32 = 4;

/// Name of the file that lists every pooled session and its collectivities.
pub const POOLING_CSV: &str = "pooling.csv";

/// At most this many sessions still under the minimum are listed with what would fill them in
/// Markdown and HTML (all in the JSON).
pub const LISTED_SESSIONS: usize = 50;

/// At most this many shared sessions are listed by name in Markdown and HTML: every one of a
/// run on one département (2,326 for Ille-et-Vilaine's 516 synthetic employers), none of a
/// national run (hundreds of thousands), which points to `pooling.csv`. Kept in memory while
/// pooling: a few megabytes at most.
pub const LISTED_SHARED: usize = 5_000;

/// A pooled session shared by several collectivities, with their names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SharedSession {
    /// Department code.
    pub department: String,
    /// Module id.
    pub module: String,
    /// Calendar year.
    pub year: u16,
    /// Agents in all.
    pub agents: u64,
    /// Still under the module's minimum.
    pub underfilled: bool,
    /// The collectivities and their agents.
    pub collectivities: Vec<(String, u64)>,
}

fn title(data: &ReferenceData, m: &parcours_graph::ids::ModuleId) -> String {
    data.module(m).map_or_else(String::new, |m| m.title.clone())
}

/// Builds the demand report (takes the pooling: it may be large).
pub fn report(
    data: &ReferenceData,
    agg: &Aggregate,
    pooling: Pooling,
    shared_sessions: Option<Vec<SharedSession>>,
) -> DemandReport {
    let national = agg.national();
    let mut years: BTreeMap<u16, Cell> = BTreeMap::new();
    for (_, y, c) in &national {
        years.entry(*y).or_default().add(c);
    }
    let mut r = DemandReport {
        schema_version: SCHEMA_VERSION,
        profiles: agg.profiles,
        agents: agg.agents,
        elected_officials: agg.elected_officials,
        enrolments: years.values().map(|c| c.agents).sum(),
        digital_share_percent: None,
        filter: None,
        days_used: agg.days_used,
        days_available: agg.days_available,
        days_unfunded: agg.days_unfunded,
        sessions: SessionTotals::default(),
        by_modality: Vec::new(),
        capacity: modality::CNFPT,
        against_capacity: Vec::new(),
        module_facts: modality::module_facts(
            data,
            national.iter().map(|(m, _, _)| m.as_str()).dedup(),
        ),
        years,
        national: national
            .into_iter()
            .map(|(m, y, c)| DemandRow {
                department: None,
                title: title(data, &m),
                module: m.0,
                year: y,
                cell: c,
            })
            .collect(),
        departments: agg
            .departments()
            .into_iter()
            .map(|(d, m, y, c)| DemandRow {
                department: Some(d.to_owned()),
                title: title(data, &m),
                module: m.0,
                year: y,
                cell: c,
            })
            .collect(),
        regions: Vec::new(),
        pooling: Pooling::default(),
        pooling_detail: POOLING_CSV.to_owned(),
        suggestions: Vec::new(),
        comparison: None,
        shared_sessions: None,
    };
    r.set_pooling(pooling, shared_sessions);
    r
}

/// Writes the national demand, one row per module and year (CSV, UTF-8, comma), with the
/// sessions to open once pooled.
pub fn national_csv<W: Write>(r: &DemandReport, w: W, style: CsvStyle) -> crate::Result<()> {
    rows_csv(r, false, w, style)
}

/// Writes the departmental demand, one row per department, module and year, with the
/// sessions to open once pooled (the pooled sessions in the department that holds them).
pub fn departments_csv<W: Write>(r: &DemandReport, w: W, style: CsvStyle) -> crate::Result<()> {
    rows_csv(r, true, w, style)
}

/// The columns of a demand row (after `département` in the departmental tables), as the CSV
/// and the workbook name them.
pub const DEMAND_COLUMNS: [&str; 7] = [
    "annee",
    "module",
    "intitulé",
    "sessions",
    "inscriptions",
    "jours",
    "collectivités",
];

/// The CSV's column after `sessions`: the sessions to open once under-filled ones are pooled.
pub const WITH_POOLING_COLUMN: &str = "sessions_avec_mutualisation";

/// A demand row's key: department (empty for national rows), module, year.
type RowKey<'a> = (&'a str, &'a str, u16);

/// The demand rows of `r` (national or departmental) with their sessions once pooled, by
/// (department, module, year): each row's sessions less its under-filled ones, plus the
/// pooled sessions its (pooling) department holds. A department holding pooled sessions of a
/// module and year it has no demand of its own for gets a row of its own (no agents).
pub(crate) fn rows_with_pooling(
    r: &DemandReport,
    dept: bool,
) -> BTreeMap<RowKey<'_>, (Cell, &str, u64)> {
    let titles: BTreeMap<&str, &str> = r
        .national
        .iter()
        .map(|d| (d.module.as_str(), d.title.as_str()))
        .collect();
    let rows = if dept { &r.departments } else { &r.national };
    let mut out: BTreeMap<RowKey<'_>, (Cell, &str, u64)> = rows
        .iter()
        .map(|d| {
            let key = (
                d.department.as_deref().unwrap_or(""),
                d.module.as_str(),
                d.year,
            );
            (
                key,
                (
                    d.cell,
                    d.title.as_str(),
                    d.cell.sessions - d.cell.underfilled,
                ),
            )
        })
        .collect();
    for g in &r.pooling.groups {
        let d = if dept { g.department.as_str() } else { "" };
        let e = out
            .entry((d, g.module.as_str(), g.year))
            .or_insert_with(|| {
                let title = titles.get(g.module.as_str()).copied().unwrap_or("");
                (Cell::default(), title, 0)
            });
        e.2 += g.sessions_with_pooling;
    }
    out
}

fn rows_csv<W: Write>(
    r: &DemandReport,
    dept: bool,
    mut w: W,
    style: CsvStyle,
) -> crate::Result<()> {
    w.write_all(style.bom().as_bytes())?;
    let mut w = style.writer(w);
    let mut header = DEMAND_COLUMNS.to_vec();
    header.insert(4, WITH_POOLING_COLUMN);
    if dept {
        header.insert(0, "département");
    }
    w.write_record(&header)?;
    for ((department, module, year), (cell, title, with)) in rows_with_pooling(r, dept) {
        let sessions = cell.sessions.to_string();
        let with = with.to_string();
        let agents = cell.agents.to_string();
        let days = style.decimal_days(cell.days);
        let collectivities = cell.collectivities.to_string();
        let year = year.to_string();
        let fields: [&str; 9] = [
            &csv_text(department),
            &year,
            &csv_text(module),
            &csv_text(title),
            &sessions,
            &with,
            &agents,
            &days,
            &collectivities,
        ];
        let fields = if dept { &fields[..] } else { &fields[1..] };
        w.write_record(fields)?;
    }
    Ok(w.flush()?)
}

/// The columns of `pooling.csv`.
pub const POOLING_CSV_COLUMNS: [&str; 10] = [
    "département",
    "module",
    "annee",
    "session",
    "agents_session",
    "sous_le_minimum",
    "collectivité",
    "code",
    "intercommunalité",
    "agents",
];

/// Appends the rows of one group to `pooling.csv`'s bytes: one row per pooled session and
/// collectivity sharing it — its name, INSEE code or SIREN, intercommunality and agents in
/// that session (a collectivity whose agents are split between two sessions has a row in
/// each). Groups are independent: they may be rendered in parallel and concatenated in order
/// ([`PoolingCsv::rows`]).
pub fn pooling_csv_rows(
    g: &PoolGroup,
    sessions: &[PooledSession],
    names: Pooled<'_>,
    out: &mut Vec<u8>,
    style: CsvStyle,
) -> crate::Result<()> {
    let mut w = style.writer(out);
    let year = g.year.to_string();
    let (department, module) = (csv_text(&g.department), csv_text(g.module.as_str()));
    for (k, s) in sessions.iter().enumerate() {
        let (number, agents) = ((k + 1).to_string(), s.agents.to_string());
        for c in &s.collectivities {
            w.write_record::<[&str; 10], _>([
                &department,
                &module,
                &year,
                &number,
                &agents,
                if s.underfilled { "oui" } else { "non" },
                &csv_text(&names.name(c.collectivity)),
                &csv_text(names.code(c.collectivity)),
                &csv_text(names.intercommunality(c.collectivity)),
                &c.agents.to_string(),
            ])?;
        }
    }
    Ok(w.flush()?)
}

/// The first `limit` sessions of a group shared by several collectivities, by name.
fn shared_sessions(
    g: &PoolGroup,
    sessions: &[PooledSession],
    names: Pooled<'_>,
    limit: usize,
) -> Vec<SharedSession> {
    sessions
        .iter()
        .filter(|s| s.collectivities.len() > 1)
        .take(limit)
        .map(|s| SharedSession {
            department: g.department.clone(),
            module: g.module.0.clone(),
            year: g.year,
            agents: s.agents,
            underfilled: s.underfilled,
            collectivities: s
                .collectivities
                .iter()
                .map(|c| (names.name(c.collectivity).into_owned(), u64::from(c.agents)))
                .collect(),
        })
        .collect()
}

/// `pooling.csv`, written group by group as the pooling goes (see
/// [`parcours_batch::pooling::pool_each`], or render groups in parallel with
/// [`pooling_csv_rows`] and hand their rows to [`PoolingCsv::rows`] in order). Also keeps the
/// shared sessions by name while there are at most [`LISTED_SHARED`] of them.
pub struct PoolingCsv<W: Write> {
    w: W,
    shared: Option<Vec<SharedSession>>,
    buf: Vec<u8>,
    style: CsvStyle,
}

impl<W: Write> PoolingCsv<W> {
    /// Starts the file in the standard style (writes the header).
    pub fn new(w: W) -> crate::Result<Self> {
        Self::with_style(w, CsvStyle::Standard)
    }

    /// Starts the file in `style` (writes the byte-order mark for Excel, and the header); the
    /// groups' rows must be rendered in the same style.
    pub fn with_style(mut w: W, style: CsvStyle) -> crate::Result<Self> {
        w.write_all(style.bom().as_bytes())?;
        let mut header = style.writer(Vec::new());
        header.write_record(POOLING_CSV_COLUMNS)?;
        w.write_all(&header.into_inner().map_err(|e| e.into_error())?)?;
        Ok(Self {
            w,
            shared: Some(Vec::new()),
            buf: Vec::new(),
            style,
        })
    }

    /// Writes the sessions of one group.
    pub fn group(
        &mut self,
        g: &PoolGroup,
        sessions: &[PooledSession],
        names: Pooled<'_>,
    ) -> crate::Result<()> {
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        pooling_csv_rows(g, sessions, names, &mut buf, self.style)?;
        self.rows(&buf, g, sessions, names)?;
        self.buf = buf;
        Ok(())
    }

    /// Writes the rows of group `g` rendered by [`pooling_csv_rows`] from its `sessions`; while
    /// the file has at most [`LISTED_SHARED`] shared sessions, keeps them by name (only
    /// as many as can tell whether that still holds are copied).
    pub fn rows(
        &mut self,
        rows: &[u8],
        g: &PoolGroup,
        sessions: &[PooledSession],
        names: Pooled<'_>,
    ) -> crate::Result<()> {
        self.w.write_all(rows)?;
        if let Some(list) = &mut self.shared {
            let shared = shared_sessions(g, sessions, names, LISTED_SHARED + 1 - list.len());
            if list.len() + shared.len() <= LISTED_SHARED {
                list.extend(shared);
            } else {
                self.shared = None;
            }
        }
        Ok(())
    }

    /// Flushes the file; gives back the writer and the shared sessions by name, when there
    /// are at most [`LISTED_SHARED`].
    pub fn finish(mut self) -> crate::Result<(W, Option<Vec<SharedSession>>)> {
        self.w.flush()?;
        Ok((self.w, self.shared))
    }
}

/// Pooling per department: (sessions without pooling, with pooling, still under the minimum).
pub fn pooling_by_department(p: &Pooling) -> BTreeMap<&str, (u64, u64, u64)> {
    let mut by_dept: BTreeMap<&str, (u64, u64, u64)> = BTreeMap::new();
    for g in &p.groups {
        let e = by_dept.entry(&g.department).or_default();
        e.0 += g.sessions_without_pooling;
        e.1 += g.sessions_with_pooling;
        e.2 += g.still_underfilled;
    }
    by_dept
}

/// The demand and pooling report in Markdown.
pub fn report_md(r: &DemandReport) -> String {
    let mut out = String::from("# Demande nationale de formation au numérique\n\n");
    let _ = writeln!(
        out,
        "- {} collectivités, {} agents (effectif) et {} élus (à part, dans leur parcours)\n- Inscriptions aux modules : {} (un agent ou un élu formé à plusieurs modules compte pour chacun)\n- Jours-stagiaires programmés : {} sur {} disponibles ; non financés : {}\n- Sessions à ouvrir : {} sans mutualisation, {} avec mutualisation\n- Dont sessions sous le minimum de participants : {} sans mutualisation, {} avec mutualisation ({} encore sous le minimum)\n",
        crate::text::number(r.profiles),
        crate::text::number(r.agents),
        crate::text::number(r.elected_officials),
        crate::text::number(r.enrolments),
        r.days_used.french(),
        r.days_available.french(),
        r.days_unfunded.french(),
        crate::text::number(r.sessions.without_pooling),
        crate::text::number(r.sessions.with_pooling),
        crate::text::number(r.pooling.sessions_without_pooling),
        crate::text::number(r.pooling.sessions_with_pooling),
        crate::text::number(r.pooling.still_underfilled)
    );
    out.push_str(&share_sentence(r));
    out.push_str("\n\n## Par année\n\n");
    let rows: Vec<Vec<String>> = r
        .years
        .iter()
        .map(|(y, c)| {
            vec![
                y.to_string(),
                crate::text::number(c.sessions),
                crate::text::number(c.agents),
                c.days.french().to_string(),
            ]
        })
        .collect();
    out.push_str(&md_table(
        &["Année", "Sessions", "Inscriptions", "Jours"],
        &rows,
    ));
    out.push_str("\n## Par modalité\n\n");
    out.push_str(modality::MODALITY_NOTE);
    out.push_str("\n\n");
    let plain = modality::Numbers {
        int: &|n| n.to_string(),
        days: &|d| d.to_string(),
        text: &|t| md_text(t),
    };
    out.push_str(&md_table(
        &MODALITY_COLUMNS,
        &modality::modality_table(r, &plain),
    ));
    out.push_str("\n## Face à la capacité nationale\n\n");
    out.push_str(&modality::capacity_sentence());
    out.push_str("\n\n");
    out.push_str(&md_table(
        &CAPACITY_COLUMNS,
        &modality::capacity_table(r, &plain),
    ));
    if let Some(c) = &r.comparison {
        out.push_str("\n## Avec une autre part du budget\n\n");
        out.push_str(&md_text(&compare::intro(c)));
        out.push_str("\n\n");
        out.push_str(&md_table(
            &compare::TOTAL_COLUMNS,
            &compare::totals_table(c, &plain),
        ));
        out.push('\n');
        out.push_str(&md_table(
            &compare::YEAR_COLUMNS,
            &compare::years_table(c, &plain),
        ));
    }
    out.push_str("\n## Modules les plus demandés (toutes années)\n\n");
    let mut by_module: BTreeMap<&str, (String, Cell)> = BTreeMap::new();
    for row in &r.national {
        let e = by_module
            .entry(&row.module)
            .or_insert_with(|| (row.title.clone(), Cell::default()));
        e.1.sessions += row.cell.sessions;
        e.1.agents += row.cell.agents;
        e.1.days.0 += row.cell.days.0;
    }
    let rows: Vec<Vec<String>> = by_module
        .iter()
        .sorted_by(|a, b| b.1.1.days.cmp(&a.1.1.days).then(a.0.cmp(b.0)))
        .take(30)
        .map(|(m, (t, c))| {
            vec![
                md_code(m),
                md_text(t),
                crate::text::number(c.sessions),
                crate::text::number(c.agents),
                c.days.french().to_string(),
            ]
        })
        .collect();
    out.push_str(&md_table(
        &["Module", "Intitulé", "Sessions", "Inscriptions", "Jours"],
        &rows,
    ));
    if !r.regions.is_empty() {
        out.push_str("\n## Par région\n\n");
        let rows: Vec<Vec<String>> = r
            .regions
            .iter()
            .map(|x| {
                vec![
                    md_text(&x.name),
                    x.departments.join(", "),
                    x.sessions.without_pooling.to_string(),
                    x.sessions.with_pooling.to_string(),
                    x.enrolments.to_string(),
                    x.days.to_string(),
                ]
            })
            .collect();
        out.push_str(&md_table(&REGION_COLUMNS, &rows));
    }
    out.push_str("\n## Sessions et mutualisation par département\n\n");
    let pooled = pooling_by_department(&r.pooling);
    let rows: Vec<Vec<String>> = sessions_by_department(r)
        .into_iter()
        .map(|(d, t)| {
            let (a, b, c) = pooled.get(d).copied().unwrap_or_default();
            vec![
                md_text(d),
                crate::text::number(t.without_pooling),
                crate::text::number(t.with_pooling),
                crate::text::number(a),
                crate::text::number(b),
                crate::text::number(c),
            ]
        })
        .collect();
    out.push_str(&md_table(&DEPARTMENT_COLUMNS, &rows));
    out.push_str("\n## Sessions partagées entre collectivités\n\n");
    let _ = writeln!(
        out,
        "{} sessions sont partagées par plusieurs collectivités. `{}` donne, pour chaque session mutualisée, les collectivités qui la partagent et leurs agents.\n",
        r.pooling.shared_sessions, r.pooling_detail
    );
    if let Some(list) = r.shared_sessions.as_ref().filter(|l| !l.is_empty()) {
        let rows: Vec<Vec<String>> = list
            .iter()
            .map(|s| {
                let names: Vec<(String, u64)> = s
                    .collectivities
                    .iter()
                    .map(|(c, n)| (md_text(c), *n))
                    .collect();
                vec![
                    md_text(&s.department),
                    md_code(&s.module),
                    s.year.to_string(),
                    s.agents.to_string(),
                    if s.underfilled { "oui" } else { "non" }.to_owned(),
                    members_text(&names),
                ]
            })
            .collect();
        out.push_str(&md_table(&SHARED_COLUMNS, &rows));
    }
    out.push_str("\n## Sessions encore sous le minimum : comment les remplir\n\n");
    out.push_str(&suggest_intro(r));
    out.push_str("\n\n");
    for s in r.suggestions.iter().take(LISTED_SESSIONS) {
        let _ = writeln!(
            out,
            "- {}, {}, {} : {}",
            md_text(&s.department),
            md_code(&s.module),
            s.year,
            md_text(&suggest::text(s))
        );
    }
    out
}

/// What the list of suggestions says before it.
pub fn suggest_intro(r: &DemandReport) -> String {
    let shown = r.suggestions.len().min(LISTED_SESSIONS);
    format!(
        "{} sessions restent sous le minimum de participants après mutualisation ; pour {} d'entre elles, une session elle aussi sous le minimum, l'année voisine dans le même département, sinon la même année dans un département voisin (frontière commune), la remplirait (la mutualisation ne déplace jamais d'agents d'une année ni d'un département à l'autre : c'est une proposition). {}",
        r.pooling.still_underfilled,
        r.suggestions.len(),
        if shown < r.suggestions.len() {
            format!("Les {shown} premières (toutes dans national-demand.json) :")
        } else if shown > 0 {
            "Les voici :".to_owned()
        } else {
            String::new()
        }
    )
}

/// The columns of the table per year and modality (Markdown and HTML).
pub const MODALITY_COLUMNS: [&str; 8] = [
    "Année",
    "Modalité",
    "Inscriptions",
    "Jours-stagiaires",
    "Sessions sans mutualisation",
    "Sessions avec mutualisation",
    "Jours-formateurs sans mutualisation",
    "Jours-formateurs avec mutualisation",
];

/// The columns of the table of sessions and pooling per department (Markdown and workbook).
pub const DEPARTMENT_COLUMNS: [&str; 6] = [
    "Département",
    "Sessions sans mutualisation",
    "Sessions avec mutualisation",
    "Dont sous le minimum, sans mutualisation",
    "Sessions mutualisées",
    "Encore sous le minimum",
];

/// The columns of the list of shared sessions (Markdown, HTML and workbook).
pub const SHARED_COLUMNS: [&str; 6] = [
    "Département",
    "Module",
    "Année",
    "Agents",
    "Sous le minimum",
    "Collectivités",
];

/// The columns of the table per region (Markdown and HTML).
pub const REGION_COLUMNS: [&str; 6] = [
    "Région",
    "Départements",
    "Sessions sans mutualisation",
    "Sessions avec mutualisation",
    "Inscriptions",
    "Jours-stagiaires",
];

/// The columns of the table of the demand against the capacity (Markdown and HTML).
pub const CAPACITY_COLUMNS: [&str; 4] = [
    "Année",
    "Jours-stagiaires demandés",
    "Dont en sessions (hors autoformation)",
    "Part de la capacité du CNFPT",
];

/// What share of the training budgets the digital plan was given, in a sentence (and what
/// the run kept, when it did not keep everything).
pub fn share_sentence(r: &DemandReport) -> String {
    let kept = r
        .filter
        .as_ref()
        .map_or_else(String::new, |f| format!(" Seulement : {f}."));
    let share = match r.digital_share_percent {
        Some(p) => format!(
            "Part du budget de formation ouverte au plan numérique : {p} %, la même pour toutes les collectivités (option --budget-share)."
        ),
        None => "Part du budget de formation ouverte au plan numérique : celle de chaque profil (100 % quand il n'en donne pas ; option --budget-share pour en fixer une pour toutes les collectivités).".to_owned(),
    };
    share + &kept
}

/// `name (agents) ; …`, as in `pooling.csv`.
pub fn members_text(members: &[(String, u64)]) -> String {
    members
        .iter()
        .map(|(c, n)| format!("{c} ({n})"))
        .join(" ; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use parcours_batch::pooling::Underfilled;
    use parcours_graph::ids::ModuleId;

    /// A group of `shared` sessions, each shared by two collectivities.
    fn group(shared: usize) -> (PoolGroup, Vec<PooledSession>) {
        let sessions: Vec<PooledSession> = (0..shared as u32)
            .map(|k| PooledSession {
                collectivities: vec![
                    Underfilled {
                        collectivity: 2 * k,
                        agents: 1,
                    },
                    Underfilled {
                        collectivity: 2 * k + 1,
                        agents: 2,
                    },
                ],
                agents: 3,
                underfilled: false,
            })
            .collect();
        let g = PoolGroup {
            department: "01".to_owned(),
            module: ModuleId::new("m"),
            year: 2027,
            min_participants: 4,
            max_participants: 12,
            sessions_without_pooling: 2 * shared as u64,
            sessions_with_pooling: shared as u64,
            still_underfilled: 0,
            underfilled_agents: 0,
            shared_sessions: shared as u64,
            collectivities: 2 * shared as u64,
        };
        (g, sessions)
    }

    /// The shared sessions are listed by name while there are at most `LISTED_SHARED`,
    /// whether the groups' rows are rendered by the file or beforehand.
    #[test]
    fn shared_sessions_listed_until_there_are_too_many() {
        let agg = Aggregate::default();
        let (small, small_sessions) = group(2);
        let (large, large_sessions) = group(LISTED_SHARED - 2);
        let (more, more_sessions) = group(1);
        let mut rows = Vec::new();
        pooling_csv_rows(
            &small,
            &small_sessions,
            agg.names(),
            &mut rows,
            CsvStyle::Standard,
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(rows.clone())
                .unwrap()
                .lines()
                .take(2)
                .collect::<Vec<_>>(),
            ["01,m,2027,1,3,non,0,,,1", "01,m,2027,1,3,non,1,,,2"]
        );
        let mut by_group = PoolingCsv::new(Vec::new()).unwrap();
        let mut rendered = PoolingCsv::new(Vec::new()).unwrap();
        rendered
            .rows(&rows, &small, &small_sessions, agg.names())
            .unwrap();
        by_group
            .group(&small, &small_sessions, agg.names())
            .unwrap();
        for csv in [&mut by_group, &mut rendered] {
            csv.group(&large, &large_sessions, agg.names()).unwrap();
        }
        let listed = |csv: PoolingCsv<Vec<u8>>| csv.finish().unwrap();
        let (bytes, shared) = listed(by_group);
        assert_eq!((bytes.clone(), shared.clone()), listed(rendered));
        let shared = shared.expect("exactly LISTED_SHARED shared sessions are listed");
        assert_eq!(shared.len(), LISTED_SHARED);
        assert_eq!(
            shared[0].collectivities,
            vec![("0".to_owned(), 1), ("1".to_owned(), 2)]
        );
        assert_eq!(
            String::from_utf8(bytes).unwrap().lines().count(),
            1 + 2 * LISTED_SHARED
        );
        let mut over = PoolingCsv::new(Vec::new()).unwrap();
        over.group(&small, &small_sessions, agg.names()).unwrap();
        over.group(&large, &large_sessions, agg.names()).unwrap();
        over.group(&more, &more_sessions, agg.names()).unwrap();
        assert_eq!(
            over.finish().unwrap().1,
            None,
            "one more than can be listed"
        );
    }
}
