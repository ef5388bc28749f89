//! Reconversion paths for the shrinking métiers of a profile (recommendation 23 names the
//! métiers whose headcount may shrink; recommendation 27 the mobility tools): the three best
//! target métiers, ranked by the training hours needed to reach their requirements.
//!
//! Hours are shortest paths over a métier graph (petgraph): an edge joins two métiers of the
//! same statutory stream (*filière*) that share a field or a group of recommendation 23 (a
//! plausible mobility without a new competitive exam), weighted by the hours of the modules
//! that bring the 10-year levels of the first to those of the second. Targets are métiers that
//! are not shrinking, not regulated (no specific diploma needed), not management posts (a
//! promotion, not a reconversion) and not a step down (their targets add up to at least the
//! source's levels). Ranking: métiers the
//! collectivity already employs first (an internal mobility), then by hours, a sensitive target
//! being preferred (its hours count 20 % less, since the study expects a strong need there);
//! the hours shown are the real ones. Only the digital-competency gap is counted: other
//! qualifications are the HR department's to judge.

use crate::population::{Population, PopulationKind};
use crate::profile::Profile;
use parcours_graph::ids::{CompetencyId, MetierId, ModuleId};
use parcours_graph::vocab::{Audience, Category, Level};
use parcours_graph::{Graph, ReferenceData};
use petgraph::algo::{astar, dijkstra};
use petgraph::graph::{DiGraph, NodeIndex};
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Ranking discount for sensitive targets, percent.
pub const SENSITIVE_PREFERENCE: u64 = 20;

/// One possible target for a shrinking métier.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Target {
    /// Target métier.
    pub metier: String,
    /// Its name.
    pub name: String,
    /// Its categories.
    pub categories: Vec<&'static str>,
    /// The collectivity already employs this métier (an internal mobility).
    pub employed_here: bool,
    /// Training hours per agent along the path.
    pub hours: u64,
    /// Métiers along the path, source first.
    pub path: Vec<String>,
    /// Modules to follow, in order.
    pub modules: Vec<ModuleId>,
}

/// The reconversion options of one shrinking métier.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Reconversion {
    /// The shrinking métier.
    pub metier: String,
    /// Its name.
    pub name: String,
    /// Its agents in the profile.
    pub agents: u64,
    /// Up to three targets, best first.
    pub targets: Vec<Target>,
}

/// The métier graph, built once for the reference data.
#[derive(Debug)]
pub struct MetierGraph {
    graph: DiGraph<MetierId, u64>,
    nodes: BTreeMap<MetierId, NodeIndex>,
    /// Sum of the level ranks of each métier's 10-year targets: a target with less is a step
    /// down, never proposed.
    weight: BTreeMap<MetierId, u32>,
}

fn levels_of(data: &ReferenceData, m: &MetierId) -> BTreeMap<CompetencyId, Level> {
    data.targets(m)
        .into_iter()
        .map(|t| (t.competency, t.year10))
        .collect()
}

/// Modules and hours to go from the levels `from` to the targets of `to`.
fn gap(
    data: &ReferenceData,
    from: &BTreeMap<CompetencyId, Level>,
    to: &BTreeMap<CompetencyId, Level>,
) -> (u64, Vec<ModuleId>) {
    let mut hours = 0;
    let mut modules = Vec::new();
    for (c, target) in to {
        let have = from.get(c).copied();
        for step in Level::ALL {
            if step > *target || have.is_some_and(|h| step <= h) {
                continue;
            }
            let min = data.competency(c).map_or(Level::Socle, |c| c.min);
            if step < min {
                continue;
            }
            if let Some(m) = data.default_provider(c, step) {
                hours += u64::from(m.hours);
                modules.push(m.id.clone());
            }
        }
    }
    (hours, modules)
}

impl MetierGraph {
    /// Builds the graph over every reference métier.
    pub fn new(data: &ReferenceData) -> Self {
        let mut graph = DiGraph::new();
        let mut nodes = BTreeMap::new();
        for m in &data.metiers {
            nodes.insert(m.id.clone(), graph.add_node(m.id.clone()));
        }
        let levels: BTreeMap<&MetierId, BTreeMap<CompetencyId, Level>> = data
            .metiers
            .iter()
            .map(|m| (&m.id, levels_of(data, &m.id)))
            .collect();
        for a in &data.metiers {
            for b in &data.metiers {
                if a.id == b.id {
                    continue;
                }
                let close = a.filiere == b.filiere
                    && (a.field == b.field || a.groups.iter().any(|g| b.groups.contains(g)));
                if !close {
                    continue;
                }
                let (h, _) = gap(data, &levels[&a.id], &levels[&b.id]);
                graph.add_edge(nodes[&a.id], nodes[&b.id], h);
            }
        }
        let weight = levels
            .iter()
            .map(|(id, l)| ((*id).clone(), l.values().map(|l| u32::from(l.rank())).sum()))
            .collect();
        MetierGraph {
            graph,
            nodes,
            weight,
        }
    }

    /// The three best targets for a shrinking métier; `present` are the métiers the
    /// collectivity employs.
    pub fn targets(
        &self,
        data: &ReferenceData,
        from: &MetierId,
        present: &BTreeSet<MetierId>,
    ) -> Vec<Target> {
        let Some(&start) = self.nodes.get(from) else {
            return Vec::new();
        };
        let costs = dijkstra(&self.graph, start, None, |e| *e.weight());
        let source_weight = self.weight.get(from).copied().unwrap_or(0);
        let mut ranked: Vec<(bool, u64, u64, &MetierId, NodeIndex)> = costs
            .iter()
            .filter(|(n, _)| **n != start)
            .filter_map(|(n, c)| {
                let id = &self.graph[*n];
                if data.in_category(id, Category::Shrinking)
                    || data.metier(id).is_none_or(|m| {
                        m.regulated
                            || m.roles.iter().any(|r| {
                                matches!(r, Audience::Managers | Audience::GeneralManagement)
                            })
                    })
                    || self.weight.get(id).copied().unwrap_or(0) < source_weight
                {
                    return None;
                }
                let pref = if data.in_category(id, Category::Sensitive) {
                    SENSITIVE_PREFERENCE
                } else {
                    0
                };
                Some((!present.contains(id), c * (100 - pref), *c, id, *n))
            })
            .collect();
        ranked.sort();
        ranked
            .into_iter()
            .take(3)
            .filter_map(|(_, _, hours, id, node)| {
                let (_, path) = astar(&self.graph, start, |n| n == node, |e| *e.weight(), |_| 0)?;
                let ids: Vec<&MetierId> = path.iter().map(|n| &self.graph[*n]).collect();
                let mut modules: Vec<ModuleId> = Vec::new();
                for w in ids.windows(2) {
                    let (_, ms) = gap(data, &levels_of(data, w[0]), &levels_of(data, w[1]));
                    for m in ms {
                        if !modules.contains(&m) {
                            modules.push(m);
                        }
                    }
                }
                let m = data.metier(id)?;
                Some(Target {
                    metier: id.0.clone(),
                    name: m.name.clone(),
                    employed_here: present.contains(id),
                    categories: data.categories(id).into_iter().map(Category::key).collect(),
                    hours,
                    path: ids.iter().map(|i| i.0.clone()).collect(),
                    modules,
                })
            })
            .collect()
    }
}

/// Reconversion options for every shrinking reference métier of the profile with agents.
pub fn reconversions(
    graph: &Graph,
    profile: &Profile,
    pops: &[Population],
    mg: &MetierGraph,
) -> Vec<Reconversion> {
    let data = graph.data();
    let present: BTreeSet<MetierId> = profile
        .staff
        .iter()
        .filter(|s| s.headcount > 0)
        .map(|s| s.metier.clone())
        .collect();
    pops.iter()
        .filter(|p| {
            p.kind == PopulationKind::Metier
                && p.headcount > 0
                && p.categories.contains(&Category::Shrinking)
        })
        .map(|p| Reconversion {
            metier: p.id.clone(),
            name: p.name.clone(),
            agents: p.headcount,
            targets: mg.targets(data, &MetierId::new(p.id.as_str()), &present),
        })
        .collect()
}
