//! Reconversion paths for the shrinking métiers of a profile (recommendation 23 names the
//! métiers whose headcount may shrink; recommendation 27 the mobility tools): the three best
//! target métiers, ranked by the training hours needed to reach their requirements.
//!
//! Hours are shortest paths over a métier graph (petgraph): an edge joins two métiers of the
//! same field or of a common group of recommendation 23 (a plausible mobility), weighted by the
//! hours of the modules that bring the 10-year levels of the first to those of the second.
//! Targets are métiers that are not shrinking; a sensitive one is preferred (its hours count
//! 20 % less in the ranking, since the study expects a strong need there), the hours shown are
//! the real ones.

use crate::population::{Population, PopulationKind};
use crate::profile::Profile;
use parcours_graph::ids::{CompetencyId, MetierId, ModuleId};
use parcours_graph::vocab::{Category, Level};
use parcours_graph::{Graph, ReferenceData};
use petgraph::algo::{astar, dijkstra};
use petgraph::graph::{DiGraph, NodeIndex};
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

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
                let close = a.field == b.field || a.groups.iter().any(|g| b.groups.contains(g));
                if !close {
                    continue;
                }
                let (h, _) = gap(data, &levels[&a.id], &levels[&b.id]);
                graph.add_edge(nodes[&a.id], nodes[&b.id], h);
            }
        }
        MetierGraph { graph, nodes }
    }

    /// The three best targets for a shrinking métier.
    pub fn targets(&self, data: &ReferenceData, from: &MetierId) -> Vec<Target> {
        let Some(&start) = self.nodes.get(from) else {
            return Vec::new();
        };
        let costs = dijkstra(&self.graph, start, None, |e| *e.weight());
        let mut ranked: Vec<(u64, u64, &MetierId, NodeIndex)> = costs
            .iter()
            .filter(|(n, _)| **n != start)
            .filter_map(|(n, c)| {
                let id = &self.graph[*n];
                if data.in_category(id, Category::Shrinking) {
                    return None;
                }
                let pref = if data.in_category(id, Category::Sensitive) {
                    SENSITIVE_PREFERENCE
                } else {
                    0
                };
                Some((c * (100 - pref), *c, id, *n))
            })
            .collect();
        ranked.sort();
        ranked
            .into_iter()
            .take(3)
            .filter_map(|(_, hours, id, node)| {
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
    let _ = profile;
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
            targets: mg.targets(data, &MetierId::new(p.id.as_str())),
        })
        .collect()
}
