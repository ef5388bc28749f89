//! Many plans at once: national and departmental demand (what the training body must offer,
//! recommendation 38) and the pooling of under-filled sessions between neighbouring
//! collectivities (recommendations 7 and 14). Aggregates are sums of integers, so they do not
//! depend on the order in which plans are added: merging per-thread aggregates in any order
//! gives the same result.

use crate::plan::{Days, Plan};
use crate::profile::Profile;
use parcours_graph::ReferenceData;
use parcours_graph::ids::ModuleId;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

/// Demand for one module in one year.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Cell {
    /// Sessions to run, each collectivity on its own.
    pub sessions: u64,
    /// Agents.
    pub agents: u64,
    /// Trainee-days.
    pub days: Days,
    /// Collectivities involved.
    pub collectivities: u64,
}

impl Cell {
    fn add(&mut self, o: &Cell) {
        self.sessions += o.sessions;
        self.agents += o.agents;
        self.days.0 += o.days.0;
        self.collectivities += o.collectivities;
    }
}

/// An under-filled session of one collectivity (12 bytes: batches hold millions of them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Underfilled {
    /// The collectivity: its index in the batch.
    pub collectivity: u32,
    /// Agents.
    pub agents: u32,
}

/// A collectivity of the batch that has under-filled sessions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    /// Its name in reports (the file stem).
    pub name: String,
    /// Its intercommunality, when known.
    pub intercommunality: Option<String>,
}

/// Everything a batch run adds up.
#[derive(Clone, Debug, Default)]
pub struct Aggregate {
    /// Profiles planned.
    pub profiles: u64,
    /// Agents in them.
    pub agents: u64,
    /// Trainee-days used.
    pub days_used: Days,
    /// Trainee-days available.
    pub days_available: Days,
    /// Trainee-days unfunded.
    pub days_unfunded: Days,
    /// Per (module, year).
    pub national: BTreeMap<(ModuleId, u16), Cell>,
    /// Per (department, module, year).
    pub departments: BTreeMap<(String, ModuleId, u16), Cell>,
    /// Under-filled sessions per (department, module, year).
    pub underfilled: BTreeMap<(String, ModuleId, u16), Vec<Underfilled>>,
    /// The collectivities that have under-filled sessions, by batch index.
    pub members: BTreeMap<u32, Member>,
}

/// Department key of profiles that give none.
pub const NO_DEPARTMENT: &str = "—";

impl Aggregate {
    /// Adds the plan of the collectivity at `index` in the batch, named `name` in reports.
    pub fn add(&mut self, index: u32, name: &str, profile: &Profile, plan: &Plan) {
        self.profiles += 1;
        self.agents += plan.profile.agents;
        self.days_used.0 += plan.indicators.days_used.0;
        self.days_available.0 += plan.indicators.days_available.0;
        self.days_unfunded.0 += plan.indicators.days_unfunded.0;
        let dept = profile
            .department
            .clone()
            .unwrap_or_else(|| NO_DEPARTMENT.to_owned());
        for y in &plan.years {
            for s in &y.sessions {
                let cell = Cell {
                    sessions: s.sessions,
                    agents: s.agents,
                    days: s.days,
                    collectivities: 1,
                };
                self.national
                    .entry((s.module.clone(), y.year))
                    .or_default()
                    .add(&cell);
                self.departments
                    .entry((dept.clone(), s.module.clone(), y.year))
                    .or_default()
                    .add(&cell);
                if s.pooling_candidate {
                    self.underfilled
                        .entry((dept.clone(), s.module.clone(), y.year))
                        .or_default()
                        .push(Underfilled {
                            collectivity: index,
                            agents: u32::try_from(s.agents).unwrap_or(u32::MAX),
                        });
                    self.members.entry(index).or_insert_with(|| Member {
                        name: name.to_owned(),
                        intercommunality: profile.intercommunality.clone(),
                    });
                }
            }
        }
    }

    /// Merges another aggregate into this one.
    pub fn merge(mut self, o: Aggregate) -> Aggregate {
        self.profiles += o.profiles;
        self.agents += o.agents;
        self.days_used.0 += o.days_used.0;
        self.days_available.0 += o.days_available.0;
        self.days_unfunded.0 += o.days_unfunded.0;
        for (k, c) in o.national {
            self.national.entry(k).or_default().add(&c);
        }
        for (k, c) in o.departments {
            self.departments.entry(k).or_default().add(&c);
        }
        for (k, mut v) in o.underfilled {
            self.underfilled.entry(k).or_default().append(&mut v);
        }
        self.members.extend(o.members);
        self
    }
}

/// One pooled session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct PooledSession {
    /// Collectivities sharing it, with their agents.
    pub collectivities: Vec<(String, u64)>,
    /// Agents in all.
    pub agents: u64,
    /// Still under the module's minimum after pooling.
    pub underfilled: bool,
}

/// Pooling of one module in one year within one department.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct PoolGroup {
    /// Department code.
    pub department: String,
    /// The module.
    pub module: ModuleId,
    /// Calendar year.
    pub year: u16,
    /// Minimum and maximum participants of the module.
    pub min_participants: u64,
    /// Maximum participants.
    pub max_participants: u64,
    /// Under-filled sessions without pooling (one per collectivity).
    pub sessions_without_pooling: u64,
    /// Sessions with pooling.
    pub sessions_with_pooling: u64,
    /// The pooled sessions.
    pub sessions: Vec<PooledSession>,
}

/// The pooling report.
#[derive(Clone, Debug, Default, Serialize, JsonSchema)]
pub struct Pooling {
    /// Under-filled sessions without pooling.
    pub sessions_without_pooling: u64,
    /// Sessions with pooling.
    pub sessions_with_pooling: u64,
    /// Sessions still under the minimum after pooling.
    pub still_underfilled: u64,
    /// Per department, module and year.
    pub groups: Vec<PoolGroup>,
}

/// First-fit decreasing: entries (largest first, then by batch index) into sessions of `max`.
fn pack(mut entries: Vec<Underfilled>, max: u64) -> Vec<Vec<Underfilled>> {
    entries.sort_by(|a, b| {
        b.agents
            .cmp(&a.agents)
            .then(a.collectivity.cmp(&b.collectivity))
    });
    let mut bins: Vec<(u64, Vec<Underfilled>)> = Vec::new();
    for e in entries {
        let n = u64::from(e.agents);
        match bins.iter_mut().find(|(load, _)| load + n <= max) {
            Some(bin) => {
                bin.0 += n;
                bin.1.push(e);
            }
            None => bins.push((n, vec![e])),
        }
    }
    bins.into_iter().map(|(_, b)| b).collect()
}

/// Pools the under-filled sessions of an aggregate: first within each intercommunality, then,
/// for the sessions still under the minimum and the collectivities without one, within the
/// department — joining a session that has room, or forming new ones. Deterministic
/// (first-fit decreasing, ties by batch index).
pub fn pool(data: &ReferenceData, agg: &Aggregate) -> Pooling {
    let mut out = Pooling::default();
    for ((dept, module, year), entries) in &agg.underfilled {
        let Some(m) = data.module(module) else {
            continue;
        };
        let (min, max) = (
            u64::from(m.min_participants),
            u64::from(m.max_participants.max(1)),
        );
        let epci = |e: &Underfilled| {
            agg.members
                .get(&e.collectivity)
                .and_then(|m| m.intercommunality.as_ref())
        };
        let mut by_epci: BTreeMap<Option<&String>, Vec<Underfilled>> = BTreeMap::new();
        for e in entries {
            by_epci.entry(epci(e)).or_default().push(*e);
        }
        let mut done: Vec<Vec<Underfilled>> = Vec::new();
        let mut leftovers: Vec<Underfilled> = by_epci.remove(&None).unwrap_or_default();
        for (_, group) in by_epci {
            for bin in pack(group, max) {
                let load: u64 = bin.iter().map(|e| u64::from(e.agents)).sum();
                if load >= min {
                    done.push(bin);
                } else {
                    leftovers.extend(bin);
                }
            }
        }
        // Department level: leftovers first join sessions with room, then form new ones.
        leftovers.sort_by(|a, b| {
            b.agents
                .cmp(&a.agents)
                .then(a.collectivity.cmp(&b.collectivity))
        });
        let mut rest = Vec::new();
        for e in leftovers {
            let n = u64::from(e.agents);
            match done
                .iter_mut()
                .find(|bin| bin.iter().map(|x| u64::from(x.agents)).sum::<u64>() + n <= max)
            {
                Some(bin) => bin.push(e),
                None => rest.push(e),
            }
        }
        done.extend(pack(rest, max));
        let mut sessions: Vec<PooledSession> = done
            .into_iter()
            .map(|bin| {
                let name = |i: u32| {
                    agg.members
                        .get(&i)
                        .map_or_else(|| i.to_string(), |m| m.name.clone())
                };
                let mut collectivities: Vec<(String, u64)> = bin
                    .into_iter()
                    .map(|e| (name(e.collectivity), u64::from(e.agents)))
                    .collect();
                collectivities.sort();
                let agents = collectivities.iter().map(|(_, n)| n).sum();
                PooledSession {
                    collectivities,
                    agents,
                    underfilled: agents < min,
                }
            })
            .collect();
        sessions.sort_by(|a, b| a.collectivities.cmp(&b.collectivities));
        let group = PoolGroup {
            department: dept.clone(),
            module: module.clone(),
            year: *year,
            min_participants: min,
            max_participants: max,
            sessions_without_pooling: entries.len() as u64,
            sessions_with_pooling: sessions.len() as u64,
            sessions,
        };
        out.sessions_without_pooling += group.sessions_without_pooling;
        out.sessions_with_pooling += group.sessions_with_pooling;
        out.still_underfilled += group.sessions.iter().filter(|s| s.underfilled).count() as u64;
        out.groups.push(group);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(c: u32, n: u32) -> Underfilled {
        Underfilled {
            collectivity: c,
            agents: n,
        }
    }

    #[test]
    fn packing_is_first_fit_decreasing() {
        let bins = pack(vec![u(0, 3), u(1, 7), u(2, 6), u(3, 2)], 10);
        let loads: Vec<u64> = bins
            .iter()
            .map(|b| b.iter().map(|e| u64::from(e.agents)).sum())
            .collect();
        assert_eq!(loads, vec![10, 8]);
        assert_eq!(
            bins[0].iter().map(|e| e.collectivity).collect::<Vec<_>>(),
            [1, 0]
        );
    }
}
