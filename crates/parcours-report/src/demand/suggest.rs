//! What to do with a session still under the minimum once pooled: the adjacent year of the
//! same department, or another department of the same region, whose own session still under
//! the minimum would fill it. Pooling itself never moves agents between years or
//! departments: these are suggestions for the adviser, not part of the counts.

use super::DemandReport;
use parcours_batch::pooling::PoolGroup;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

/// A session still under the minimum, and what would fill it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Suggestion {
    /// Department code of the session.
    pub department: String,
    /// Module id.
    pub module: String,
    /// Calendar year.
    pub year: u16,
    /// Agents in the session (or sessions) still under the minimum.
    pub agents: u64,
    /// The module's minimum of participants.
    pub min_participants: u64,
    /// The adjacent year (same department) whose session under the minimum would fill it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adjacent_year: Option<u16>,
    /// Else, the department of the same region (same year) whose session under the minimum
    /// would fill it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_department: Option<String>,
    /// The agents of that other session.
    pub other_agents: u64,
}

/// A module, a year and a region (or a department).
type Place<'a> = (&'a str, u16, &'a str);

/// The sessions still under the minimum of `r`'s pooling, each with the adjacent year or the
/// department of the same region (by `region_of`, a department code's region) whose own
/// session under the minimum would, with it, reach the minimum without passing the maximum:
/// the adjacent year first (the earlier one on a tie), then the department that fills it with
/// the fewest agents (the smaller code on a tie). Sessions nothing fills are left out.
pub fn suggestions<'g>(
    r: &DemandReport,
    region_of: impl Fn(&str) -> Option<&'g str>,
) -> Vec<Suggestion> {
    let under: Vec<&PoolGroup> = r
        .pooling
        .groups
        .iter()
        .filter(|g| g.underfilled_agents > 0)
        .collect();
    let by_key: BTreeMap<(&str, &str, u16), u64> = under
        .iter()
        .map(|g| {
            (
                (g.department.as_str(), g.module.as_str(), g.year),
                g.underfilled_agents,
            )
        })
        .collect();
    // Per (module, year, region): the departments with a session under the minimum.
    let mut by_region: BTreeMap<Place<'_>, Vec<(&str, u64)>> = BTreeMap::new();
    for g in &under {
        if let Some(region) = region_of(&g.department) {
            by_region
                .entry((g.module.as_str(), g.year, region))
                .or_default()
                .push((g.department.as_str(), g.underfilled_agents));
        }
    }
    let mut out = Vec::new();
    for g in under {
        let n = g.underfilled_agents;
        let fills = |m: u64| n + m >= g.min_participants && n + m <= g.max_participants;
        let year = [g.year.checked_sub(1), g.year.checked_add(1)]
            .into_iter()
            .flatten()
            .find(|&y| {
                by_key
                    .get(&(g.department.as_str(), g.module.as_str(), y))
                    .is_some_and(|&m| fills(m))
            });
        let mut s = Suggestion {
            department: g.department.clone(),
            module: g.module.0.clone(),
            year: g.year,
            agents: n,
            min_participants: g.min_participants,
            adjacent_year: None,
            other_department: None,
            other_agents: 0,
        };
        if let Some(y) = year {
            s.adjacent_year = Some(y);
            s.other_agents = by_key[&(g.department.as_str(), g.module.as_str(), y)];
        } else if let Some((d, m)) = region_of(&g.department)
            .and_then(|region| by_region.get(&(g.module.as_str(), g.year, region)))
            .and_then(|list| {
                list.iter()
                    .filter(|(d, m)| *d != g.department && fills(*m))
                    .min_by_key(|(d, m)| (*m, *d))
            })
        {
            s.other_department = Some((*d).to_owned());
            s.other_agents = *m;
        } else {
            continue;
        }
        out.push(s);
    }
    out
}

/// A suggestion in words.
pub fn text(s: &Suggestion) -> String {
    let with = match (&s.adjacent_year, &s.other_department) {
        (Some(y), _) => format!("de l'année {y} du même département"),
        (None, Some(d)) => format!("du département {d} (même région, même année)"),
        (None, None) => String::new(),
    };
    format!(
        "{} agent{} (minimum {}) : avec la session {with}, encore sous le minimum ({} agent{}), {} agents",
        s.agents,
        if s.agents > 1 { "s" } else { "" },
        s.min_participants,
        s.other_agents,
        if s.other_agents > 1 { "s" } else { "" },
        s.agents + s.other_agents
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use parcours_batch::pooling::{Aggregate, Pooling};
    use parcours_graph::ReferenceData;
    use parcours_graph::ids::ModuleId;

    fn group(department: &str, year: u16, agents: u64) -> PoolGroup {
        PoolGroup {
            department: department.to_owned(),
            module: ModuleId::new("m"),
            year,
            min_participants: 6,
            max_participants: 12,
            sessions_without_pooling: 1,
            sessions_with_pooling: 1,
            still_underfilled: u64::from(agents > 0),
            underfilled_agents: agents,
            shared_sessions: 0,
            collectivities: 1,
        }
    }

    #[test]
    fn the_adjacent_year_first_then_a_department_of_the_region() {
        let data = ReferenceData::embedded().expect("data");
        let mut pooling = Pooling::default();
        // 35: 2 agents in 2027, 4 in 2028 (together 6: the adjacent year fills it). 22: 1 in
        // 2027 (the adjacent years have nothing; 35's 2027 session of 2 would not reach 6,
        // 29's 5 would). 29: 5 in 2027. 75 (another region): 5 in 2027, nothing fills it.
        for g in [
            group("22", 2027, 1),
            group("29", 2027, 5),
            group("35", 2027, 2),
            group("35", 2028, 4),
            group("75", 2027, 5),
        ] {
            pooling.push(g);
        }
        let r = crate::demand::report(&data, &Aggregate::default(), pooling, None);
        let region = |d: &str| match d {
            "22" | "29" | "35" | "56" => Some("53"),
            "75" => Some("11"),
            _ => None,
        };
        let s = suggestions(&r, region);
        let said: Vec<String> = s
            .iter()
            .map(|s| {
                format!(
                    "{} {} {:?} {:?} {}",
                    s.department, s.year, s.adjacent_year, s.other_department, s.other_agents
                )
            })
            .collect();
        assert_eq!(
            said,
            [
                "22 2027 None Some(\"29\") 5",
                "29 2027 None Some(\"22\") 1",
                "35 2027 Some(2028) None 4",
                "35 2028 Some(2027) None 2",
            ]
        );
        assert_eq!(
            text(&s[2]),
            "2 agents (minimum 6) : avec la session de l'année 2028 du même département, encore sous le minimum (4 agents), 6 agents"
        );
    }
}
