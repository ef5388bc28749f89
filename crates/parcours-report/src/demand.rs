//! Reports of a batch run: the national and departmental demand per module and year (what the
//! training body must offer, recommendation 38) and the pooling of under-filled sessions
//! between neighbouring collectivities (recommendations 7 and 14).

use crate::text::md_table;
use itertools::Itertools;
use parcours_graph::ReferenceData;
use parcours_planner::batch::{Aggregate, Cell, Pooling};
use parcours_planner::plan::Days;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

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
    /// Agents.
    pub agents: u64,
    /// Trainee-days used, available, unfunded.
    pub days_used: Days,
    /// Trainee-days available.
    pub days_available: Days,
    /// Trainee-days unfunded.
    pub days_unfunded: Days,
    /// Per year, all modules.
    pub years: BTreeMap<u16, Cell>,
    /// National demand per module and year.
    pub national: Vec<DemandRow>,
    /// Departmental demand per department, module and year.
    pub departments: Vec<DemandRow>,
    /// Pooling of under-filled sessions.
    pub pooling: Pooling,
}

fn title(data: &ReferenceData, m: &parcours_graph::ids::ModuleId) -> String {
    data.module(m).map_or_else(String::new, |m| m.title.clone())
}

/// Builds the demand report.
pub fn report(data: &ReferenceData, agg: &Aggregate, pooling: &Pooling) -> DemandReport {
    let mut years: BTreeMap<u16, Cell> = BTreeMap::new();
    for ((_, y), c) in &agg.national {
        let e = years.entry(*y).or_default();
        e.sessions += c.sessions;
        e.agents += c.agents;
        e.days.0 += c.days.0;
        e.collectivities += c.collectivities;
    }
    DemandReport {
        schema_version: 1,
        profiles: agg.profiles,
        agents: agg.agents,
        days_used: agg.days_used,
        days_available: agg.days_available,
        days_unfunded: agg.days_unfunded,
        years,
        national: agg
            .national
            .iter()
            .map(|((m, y), c)| DemandRow {
                department: None,
                module: m.0.clone(),
                title: title(data, m),
                year: *y,
                cell: *c,
            })
            .collect(),
        departments: agg
            .departments
            .iter()
            .map(|((d, m, y), c)| DemandRow {
                department: Some(d.clone()),
                module: m.0.clone(),
                title: title(data, m),
                year: *y,
                cell: *c,
            })
            .collect(),
        pooling: pooling.clone(),
    }
}

/// National demand, one row per module and year (CSV, UTF-8, comma).
pub fn national_csv(r: &DemandReport) -> String {
    rows_csv(&r.national, false)
}

/// Departmental demand, one row per department, module and year.
pub fn departments_csv(r: &DemandReport) -> String {
    rows_csv(&r.departments, true)
}

fn rows_csv(rows: &[DemandRow], dept: bool) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec![
        "annee",
        "module",
        "intitulé",
        "sessions",
        "agents",
        "jours",
        "collectivités",
    ];
    if dept {
        header.insert(0, "département");
    }
    let _ = w.write_record(&header);
    for r in rows {
        let mut rec = vec![
            r.year.to_string(),
            r.module.clone(),
            r.title.clone(),
            r.cell.sessions.to_string(),
            r.cell.agents.to_string(),
            format!("{:.1}", r.cell.days.as_f64()),
            r.cell.collectivities.to_string(),
        ];
        if dept {
            rec.insert(0, r.department.clone().unwrap_or_default());
        }
        let _ = w.write_record(&rec);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Pooled sessions, one row per pooled session.
pub fn pooling_csv(p: &Pooling) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "département",
        "module",
        "annee",
        "session",
        "agents",
        "sous_le_minimum",
        "collectivités",
    ]);
    for g in &p.groups {
        for (k, s) in g.sessions.iter().enumerate() {
            let _ = w.write_record([
                g.department.clone(),
                g.module.0.clone(),
                g.year.to_string(),
                (k + 1).to_string(),
                s.agents.to_string(),
                if s.underfilled {
                    "oui".into()
                } else {
                    "non".into()
                },
                s.collectivities
                    .iter()
                    .map(|(c, n)| format!("{c} ({n})"))
                    .join(" ; "),
            ]);
        }
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Pooling per department: (sessions without pooling, with pooling, still under the minimum).
pub fn pooling_by_department(p: &Pooling) -> BTreeMap<&str, (u64, u64, u64)> {
    let mut by_dept: BTreeMap<&str, (u64, u64, u64)> = BTreeMap::new();
    for g in &p.groups {
        let e = by_dept.entry(&g.department).or_default();
        e.0 += g.sessions_without_pooling;
        e.1 += g.sessions_with_pooling;
        e.2 += g.sessions.iter().filter(|s| s.underfilled).count() as u64;
    }
    by_dept
}

/// The demand and pooling report in Markdown.
pub fn report_md(r: &DemandReport) -> String {
    let mut out = String::from("# Demande nationale de formation au numérique\n\n");
    let _ = writeln!(
        out,
        "- {} collectivités, {} agents\n- Jours-stagiaires programmés : {} sur {} disponibles ; non financés : {}\n- Sessions sous le minimum de participants : {} sans mutualisation, {} avec mutualisation ({} encore sous le minimum)\n",
        r.profiles,
        r.agents,
        r.days_used,
        r.days_available,
        r.days_unfunded,
        r.pooling.sessions_without_pooling,
        r.pooling.sessions_with_pooling,
        r.pooling.still_underfilled
    );
    out.push_str("## Par année\n\n");
    let rows: Vec<Vec<String>> = r
        .years
        .iter()
        .map(|(y, c)| {
            vec![
                y.to_string(),
                c.sessions.to_string(),
                c.agents.to_string(),
                c.days.to_string(),
            ]
        })
        .collect();
    out.push_str(&md_table(&["Année", "Sessions", "Agents", "Jours"], &rows));
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
                format!("`{m}`"),
                t.clone(),
                c.sessions.to_string(),
                c.agents.to_string(),
                c.days.to_string(),
            ]
        })
        .collect();
    out.push_str(&md_table(
        &["Module", "Intitulé", "Sessions", "Agents", "Jours"],
        &rows,
    ));
    out.push_str("\n## Mutualisation par département\n\n");
    let rows: Vec<Vec<String>> = pooling_by_department(&r.pooling)
        .iter()
        .map(|(d, (a, b, c))| vec![d.to_string(), a.to_string(), b.to_string(), c.to_string()])
        .collect();
    out.push_str(&md_table(
        &[
            "Département",
            "Sessions sans mutualisation",
            "Sessions mutualisées",
            "Encore sous le minimum",
        ],
        &rows,
    ));
    out
}
