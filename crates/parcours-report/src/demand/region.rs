//! The demand by region: the departments' sessions (without and with pooling), enrolments and
//! trainee-days added up per region of the administrative map.

use super::{DemandReport, SessionTotals, sessions_by_department};
use parcours_planner::plan::Days;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

/// The demand of one region, all modules and years.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RegionRow {
    /// INSEE code of the region (empty for departments the map does not place).
    pub region: String,
    /// Its name (`Bretagne`; « hors carte » for departments the map does not place).
    pub name: String,
    /// Its departments' codes.
    pub departments: Vec<String>,
    /// Sessions to open, without and with pooling (the pooled sessions where they are held).
    pub sessions: SessionTotals,
    /// Enrolments.
    pub enrolments: u64,
    /// Trainee-days.
    pub days: Days,
}

/// The name of the rows of departments the map does not place.
pub const UNPLACED: &str = "hors carte";

/// The demand of `r` per region, by region code; `region_of` gives a department code's region
/// (code and name). The regions add up to the report's totals.
pub fn by_region<'g>(
    r: &DemandReport,
    region_of: impl Fn(&str) -> Option<(&'g str, &'g str)>,
) -> Vec<RegionRow> {
    let mut out: BTreeMap<String, RegionRow> = BTreeMap::new();
    fn row<'o>(
        out: &'o mut BTreeMap<String, RegionRow>,
        (code, name): (&str, &str),
        department: &str,
    ) -> &'o mut RegionRow {
        let e = out.entry(code.to_owned()).or_insert_with(|| RegionRow {
            region: code.to_owned(),
            name: name.to_owned(),
            departments: Vec::new(),
            sessions: SessionTotals::default(),
            enrolments: 0,
            days: Days::default(),
        });
        e.departments.push(department.to_owned());
        e
    }
    let place = |d: &str| region_of(d).unwrap_or(("", UNPLACED));
    for (d, t) in sessions_by_department(r) {
        let e = row(&mut out, place(d), d);
        e.sessions.without_pooling += t.without_pooling;
        e.sessions.with_pooling += t.with_pooling;
    }
    for d in &r.departments {
        let code = d.department.as_deref().unwrap_or("");
        let e = row(&mut out, place(code), code);
        e.enrolments += d.cell.agents;
        e.days.0 += d.cell.days.0;
    }
    out.into_values()
        .map(|mut e| {
            e.departments.sort_unstable();
            e.departments.dedup();
            e
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use parcours_batch::pooling::{Aggregate, pool};
    use parcours_graph::ReferenceData;
    use parcours_planner::planner::Planner;

    #[test]
    fn regions_add_up_to_the_totals() {
        let data = ReferenceData::embedded().expect("data");
        let graph = parcours_graph::Graph::new(&data);
        let planner = Planner::new(&graph);
        let mut agg = Aggregate::default();
        for i in 0..60 {
            let s = parcours_batch::synth::profile(5, 60, i, 2027);
            let p = planner.check(s.profile.clone()).expect("a valid profile");
            agg.add(i as u32, &s.stem, &s.profile, &planner.totals(&p));
        }
        let pooling = pool(&data, &mut agg);
        let r = crate::demand::report(&data, &agg, pooling, None);
        // Odd departments in one region, even ones in another, "01" left off the map.
        let region = |d: &str| match d.bytes().last() {
            _ if d == "01" => None,
            Some(b) if b % 2 == 1 => Some(("1", "Impaire")),
            _ => Some(("2", "Paire")),
        };
        let rows = by_region(&r, region);
        assert!(rows.len() >= 2);
        let sum = |f: &dyn Fn(&RegionRow) -> u64| rows.iter().map(f).sum::<u64>();
        assert_eq!(
            sum(&|x| x.sessions.without_pooling),
            r.sessions.without_pooling
        );
        assert_eq!(sum(&|x| x.sessions.with_pooling), r.sessions.with_pooling);
        assert_eq!(sum(&|x| x.enrolments), r.enrolments);
        assert_eq!(sum(&|x| x.days.0), r.days_used.0);
        let departments: usize = rows.iter().map(|x| x.departments.len()).sum();
        assert_eq!(departments, sessions_by_department(&r).len());
        if let Some(off) = rows.iter().find(|x| x.region.is_empty()) {
            assert_eq!(
                (off.name.as_str(), off.departments.as_slice()),
                (UNPLACED, &["01".to_owned()][..])
            );
        }
    }
}
