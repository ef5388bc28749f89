//! What to do with a session still under the minimum once pooled: the adjacent year of the
//! same department, or the same year in a neighbouring department (one sharing a land border),
//! whose own session still under the minimum would fill it. Pooling itself never moves agents
//! between years or departments: these are suggestions for the adviser, not part of the counts.

use super::DemandReport;
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
    /// Else (no adjacent year fills it), the neighbouring department (sharing a land border;
    /// same year) whose session under the minimum would fill it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_department: Option<String>,
    /// That neighbouring department's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_department_name: Option<String>,
    /// The agents of that other session.
    pub other_agents: u64,
}

/// The sessions still under the minimum of `r`'s pooling, each with the adjacent year or the
/// neighbouring department (by `neighbours`, the codes of the departments sharing a land
/// border with a department; `name`, a department's name) whose own session under the minimum
/// would, with it, reach the minimum without passing the maximum: the adjacent year first (no
/// one changes department, one of the two sessions moves by a year; the earlier year on a
/// tie), then the
/// neighbouring department that fills it with the fewest agents (the smaller code on a tie).
/// Sessions nothing fills are left out.
pub fn suggestions<'g, N: AsRef<str> + 'g>(
    r: &DemandReport,
    neighbours: impl Fn(&str) -> &'g [N],
    name: impl Fn(&str) -> Option<String>,
) -> Vec<Suggestion> {
    let by_key: BTreeMap<(&str, &str, u16), u64> = r
        .pooling
        .groups
        .iter()
        .filter(|g| g.underfilled_agents > 0)
        .map(|g| {
            (
                (g.department.as_str(), g.module.as_str(), g.year),
                g.underfilled_agents,
            )
        })
        .collect();
    let under = r.pooling.groups.iter().filter(|g| g.underfilled_agents > 0);
    let mut out = Vec::new();
    for g in under {
        let n = g.underfilled_agents;
        let fills = |m: u64| n + m >= g.min_participants && n + m <= g.max_participants;
        let (dept, module) = (g.department.as_str(), g.module.as_str());
        let year = [g.year.checked_sub(1), g.year.checked_add(1)]
            .into_iter()
            .flatten()
            .find_map(|y| {
                let m = *by_key.get(&(dept, module, y))?;
                fills(m).then_some((y, m))
            });
        let mut s = Suggestion {
            department: g.department.clone(),
            module: g.module.0.clone(),
            year: g.year,
            agents: n,
            min_participants: g.min_participants,
            adjacent_year: None,
            other_department: None,
            other_department_name: None,
            other_agents: 0,
        };
        if let Some((y, m)) = year {
            s.adjacent_year = Some(y);
            s.other_agents = m;
        } else if let Some((d, m)) = neighbours(dept)
            .iter()
            .map(AsRef::as_ref)
            .filter(|&d| d != dept)
            .filter_map(|d| Some((d, *by_key.get(&(d, module, g.year))?)))
            .filter(|&(_, m)| fills(m))
            .min_by_key(|&(d, m)| (m, d))
        {
            s.other_department_name = name(d);
            s.other_department = Some(d.to_owned());
            s.other_agents = m;
        } else {
            continue;
        }
        out.push(s);
    }
    out
}

/// A suggestion in words: which session would fill it, and why that one.
pub fn text(s: &Suggestion) -> String {
    let plural = |n: u64| if n > 1 { "s" } else { "" };
    let with = match (&s.adjacent_year, &s.other_department) {
        (Some(y), _) => format!(
            "avec la session de {y} du même département (l'année {} : sans changer de département, en avançant ou en reportant l'une des deux d'un an)",
            if *y < s.year {
                "précédente"
            } else {
                "suivante"
            }
        ),
        (None, Some(d)) => format!(
            "avec la session de la même année du département voisin {d}{} (frontière commune ; aucune année voisine ne la remplit)",
            s.other_department_name
                .as_deref()
                .map_or(String::new(), |n| format!(", {n}"))
        ),
        (None, None) => String::new(),
    };
    format!(
        "{} agent{} (minimum {}) : {with}, elle aussi sous le minimum ({} agent{}), {} agents",
        s.agents,
        plural(s.agents),
        s.min_participants,
        s.other_agents,
        plural(s.other_agents),
        s.agents + s.other_agents
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use parcours_batch::pooling::{Aggregate, PoolGroup, Pooling};
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
    fn the_adjacent_year_first_then_a_neighbouring_department() {
        let data = ReferenceData::embedded().expect("data");
        let mut pooling = Pooling::default();
        // 35: 2 agents in 2027, 4 in 2028 (together 6: the adjacent year fills it). 22: 1 in
        // 2027 (the adjacent years have nothing; 35's 2027 session of 2 would not reach 6,
        // 29's 5 would). 29: 5 in 2027 (its neighbours 22 and 56 both fill it: the fewer
        // agents, then the smaller code). 56: 1 in 2027, which its neighbour 29 fills. 44: 3,
        // its neighbour 35's 2 do not fill it. 75 (no neighbour here): 5, nothing fills it.
        for g in [
            group("22", 2027, 1),
            group("29", 2027, 5),
            group("35", 2027, 2),
            group("35", 2028, 4),
            group("44", 2027, 3),
            group("56", 2027, 1),
            group("75", 2027, 5),
        ] {
            pooling.push(g);
        }
        let r = crate::demand::report(&data, &Aggregate::default(), pooling, None);
        let neighbours = |d: &str| -> &'static [&'static str] {
            match d {
                "22" => &["29", "35"],
                "29" => &["22", "56"],
                "35" => &["22", "44"],
                "44" => &["35"],
                "56" => &["29"],
                _ => &[],
            }
        };
        let name = |d: &str| (d == "29").then(|| "Finistère".to_owned());
        let s = suggestions(&r, neighbours, name);
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
                "56 2027 None Some(\"29\") 5",
            ]
        );
        assert_eq!(
            text(&s[2]),
            "2 agents (minimum 6) : avec la session de 2028 du même département (l'année suivante : sans changer de département, en avançant ou en reportant l'une des deux d'un an), elle aussi sous le minimum (4 agents), 6 agents"
        );
        assert_eq!(
            text(&s[0]),
            "1 agent (minimum 6) : avec la session de la même année du département voisin 29, Finistère (frontière commune ; aucune année voisine ne la remplit), elle aussi sous le minimum (5 agents), 6 agents"
        );
        assert_eq!(s[1].other_department_name, None);
    }
}
