//! Reconversion paths for the shrinking métiers of a profile (recommendation 23 names the
//! métiers whose headcount may shrink; recommendation 27 the mobility tools): the three best
//! target métiers, ranked by the training hours needed to reach their requirements.
//!
//! Hours are shortest paths (Dijkstra, with predecessors) over a métier graph (petgraph): an edge joins two métiers of the
//! same statutory stream (*filière*) that share a field or a group of recommendation 23 (a
//! plausible mobility without a new competitive exam), weighted by the hours of the modules
//! that bring the 10-year levels of the first to those of the second. Targets are métiers that
//! are not shrinking, not regulated (no specific diploma needed), not management posts (a
//! promotion, not a reconversion), not a step down (their targets add up to at least the
//! source's levels), and related to the source: they share its field of action or at least one
//! of its job-specific competencies (the métier's own targets, not the common or family core).
//! Ranking: métiers the collectivity already employs first (an internal mobility), then by what
//! they share with the source (one point for the same field, one per shared job-specific
//! competency), then by hours, a sensitive target being preferred (its hours count 20 % less,
//! since the study expects a strong need there); the hours shown are the real ones. Only the
//! digital-competency gap is counted (the catalogue's modules): the new job's own, non-digital
//! training is the HR department's to judge, and every report says so.

use crate::population::{Population, PopulationKind};
use crate::profile::Profile;
use parcours_graph::ids::{CompetencyId, MetierId, ModuleId};
use parcours_graph::vocab::{Audience, Category, Level};
use parcours_graph::{Graph, ReferenceData};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// Ranking discount for sensitive targets, percent.
pub const SENSITIVE_PREFERENCE: u64 = 20;

/// One possible target for a shrinking métier.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Target {
    /// Target métier.
    pub metier: String,
    /// Its name.
    pub name: String,
    /// Its categories.
    #[serde(with = "crate::words::many")]
    #[schemars(with = "Vec<String>")]
    pub categories: Vec<Category>,
    /// The collectivity already employs this métier (an internal mobility).
    pub employed_here: bool,
    /// Training hours per agent along the path.
    pub hours: u64,
    /// Métiers along the path, source first.
    pub path: Vec<String>,
    /// It shares the source's field of action.
    pub same_field: bool,
    /// The job-specific competencies it shares with the source.
    pub shared_competencies: Vec<CompetencyId>,
    /// Modules to follow, in order.
    pub modules: Vec<ModuleId>,
}

/// The reconversion options of one shrinking métier.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
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

/// A reachable target: cost in hours, target, path from the source, and what the ranking and
/// the result read of it, kept with it (they only depend on the reference data).
#[derive(Debug)]
struct Candidate {
    cost: u64,
    node: NodeIndex,
    path: Vec<NodeIndex>,
    /// The target is sensitive (preferred in the ranking).
    sensitive: bool,
    /// The modules along the path, in order, each once (computed when first shown).
    modules: OnceLock<Vec<ModuleId>>,
}

/// The métier graph, built once for the reference data; each source's shortest paths are
/// computed on first use and kept (a planner serves many profiles).
#[derive(Debug)]
pub struct MetierGraph {
    graph: DiGraph<MetierId, u64>,
    nodes: BTreeMap<MetierId, NodeIndex>,
    /// Each métier's 10-year levels.
    levels: Vec<BTreeMap<CompetencyId, Level>>,
    /// Sum of the level ranks of each métier's 10-year targets: a target with less is a step
    /// down, never proposed.
    weight: Vec<u32>,
    /// Each métier's job-specific competencies (its own targets, not the common or family
    /// core), sorted.
    own: Vec<Vec<CompetencyId>>,
    /// Eligible targets of each source, cheapest first (then by target and path).
    candidates: Vec<OnceLock<Vec<Candidate>>>,
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
        let min = data.competency(c).map_or(Level::Socle, |c| c.min);
        for step in Level::ALL {
            if step > *target || step < min || have.is_some_and(|h| step <= h) {
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
        for m in data.metiers() {
            nodes.insert(m.id.clone(), graph.add_node(m.id.clone()));
        }
        let levels: Vec<BTreeMap<CompetencyId, Level>> = data
            .metiers()
            .iter()
            .map(|m| levels_of(data, &m.id))
            .collect();
        // The edges' weights are the hours of `gap`, computed on indexes: each competency's
        // hours per step (its default provider's, none below its lowest level), and each
        // métier's levels as (competency index, level rank), sorted by index.
        let step_hours: Vec<[u64; 4]> = data
            .competencies()
            .competencies
            .iter()
            .map(|c| {
                let mut h = [0; 4];
                for step in Level::ALL.into_iter().filter(|s| *s >= c.min) {
                    if let Some(m) = data.default_provider(&c.id, step) {
                        h[usize::from(step.rank())] = u64::from(m.hours);
                    }
                }
                h
            })
            .collect();
        let ranks: Vec<Vec<(usize, u8)>> = data
            .metiers()
            .iter()
            .map(|m| {
                // The targets `levels_of` reads (one per competency), by their index.
                let mut r: Vec<(usize, u8)> = data
                    .targets_shared(&m.id)
                    .iter()
                    .filter_map(|t| t.competency_index.map(|i| (i, t.year10.rank())))
                    .collect();
                r.sort_unstable();
                r
            })
            .collect();
        let hours = |from: &[(usize, u8)], to: &[(usize, u8)]| -> u64 {
            let mut from = from.iter().peekable();
            to.iter()
                .map(|&(c, target)| {
                    while from.next_if(|f| f.0 < c).is_some() {}
                    let have = from.peek().filter(|f| f.0 == c).map_or(0, |f| f.1);
                    (have + 1..=target)
                        .map(|k| step_hours[c][usize::from(k)])
                        .sum::<u64>()
                })
                .sum()
        };
        for (i, a) in data.metiers().iter().enumerate() {
            for (j, b) in data.metiers().iter().enumerate() {
                let close = i != j
                    && a.filiere == b.filiere
                    && (a.field == b.field || a.groups.iter().any(|g| b.groups.contains(g)));
                if close {
                    let h = hours(&ranks[i], &ranks[j]);
                    debug_assert_eq!(h, gap(data, &levels[i], &levels[j]).0);
                    graph.add_edge(NodeIndex::new(i), NodeIndex::new(j), h);
                }
            }
        }
        let weight = levels
            .iter()
            .map(|l| l.values().map(|l| u32::from(l.rank())).sum())
            .collect();
        let own = data
            .metiers()
            .iter()
            .map(|m| {
                let mut own: Vec<CompetencyId> = data
                    .targets_shared(&m.id)
                    .iter()
                    .filter(|t| !t.core)
                    .map(|t| t.competency.clone())
                    .collect();
                own.sort();
                own.dedup();
                own
            })
            .collect();
        let candidates = (0..data.metiers().len()).map(|_| OnceLock::new()).collect();
        MetierGraph {
            graph,
            nodes,
            levels,
            weight,
            own,
            candidates,
        }
    }

    /// What métiers `a` and `b` share: the same field of action, and their common job-specific
    /// competencies.
    fn shared(
        &self,
        data: &ReferenceData,
        a: NodeIndex,
        b: NodeIndex,
    ) -> (bool, Vec<CompetencyId>) {
        let (ma, mb) = (&data.metiers()[a.index()], &data.metiers()[b.index()]);
        let common = self.own[a.index()]
            .iter()
            .filter(|c| self.own[b.index()].binary_search(c).is_ok())
            .cloned()
            .collect();
        (ma.field == mb.field, common)
    }

    /// Whether `n` may be proposed as a target for `source`: not shrinking, not regulated, not
    /// a management post, not a step down, and related (the same field of action or a shared
    /// job-specific competency).
    fn eligible(&self, data: &ReferenceData, n: NodeIndex, source: NodeIndex) -> bool {
        let id = &self.graph[n];
        let (same_field, common) = self.shared(data, source, n);
        !data.in_category(id, Category::Shrinking)
            && self.weight[n.index()] >= self.weight[source.index()]
            && (same_field || !common.is_empty())
            && data.metier(id).is_some_and(|m| {
                !m.regulated
                    && !m
                        .roles
                        .iter()
                        .any(|r| matches!(r, Audience::Managers | Audience::GeneralManagement))
            })
    }

    /// Dijkstra from `start` with predecessors (the heap pops ties by node index and edges come
    /// in a fixed order, so paths are stable), then the eligible targets with their paths,
    /// cheapest first.
    fn candidates_of(&self, data: &ReferenceData, start: NodeIndex) -> &[Candidate] {
        self.candidates[start.index()].get_or_init(|| {
            let n = self.graph.node_count();
            let mut dist = vec![u64::MAX; n];
            let mut prev: Vec<Option<NodeIndex>> = vec![None; n];
            let mut heap = BinaryHeap::new();
            dist[start.index()] = 0;
            heap.push(Reverse((0u64, start.index())));
            while let Some(Reverse((d, u))) = heap.pop() {
                if d > dist[u] {
                    continue;
                }
                for e in self.graph.edges(NodeIndex::new(u)) {
                    let v = e.target().index();
                    let nd = d + e.weight();
                    if nd < dist[v] {
                        dist[v] = nd;
                        prev[v] = Some(NodeIndex::new(u));
                        heap.push(Reverse((nd, v)));
                    }
                }
            }
            let mut out: Vec<Candidate> = (0..n)
                .filter(|&v| v != start.index() && dist[v] != u64::MAX)
                .map(NodeIndex::new)
                .filter(|&v| self.eligible(data, v, start))
                .map(|v| {
                    let mut path = vec![v];
                    let mut cur = v;
                    while let Some(p) = prev[cur.index()] {
                        path.push(p);
                        cur = p;
                    }
                    path.reverse();
                    Candidate {
                        cost: dist[v.index()],
                        node: v,
                        path,
                        sensitive: data.in_category(&self.graph[v], Category::Sensitive),
                        modules: OnceLock::new(),
                    }
                })
                .collect();
            out.sort_by(|a, b| (a.cost, a.node, &a.path).cmp(&(b.cost, b.node, &b.path)));
            out
        })
    }

    /// The three best targets for a shrinking métier; `present` are the métiers the
    /// collectivity employs.
    pub fn targets(
        &self,
        data: &ReferenceData,
        from: &MetierId,
        present: &BTreeSet<MetierId>,
    ) -> Vec<Target> {
        self.targets_among(data, from, &self.employed(present))
    }

    /// Whether the collectivity employs each métier, by node, from the métiers it employs.
    fn employed<'m>(&self, present: impl IntoIterator<Item = &'m MetierId>) -> Vec<bool> {
        let mut employed = vec![false; self.graph.node_count()];
        for m in present {
            if let Some(n) = self.nodes.get(m) {
                employed[n.index()] = true;
            }
        }
        employed
    }

    /// [`MetierGraph::targets`], with the métiers employed by node ([`MetierGraph::employed`]).
    fn targets_among(
        &self,
        data: &ReferenceData,
        from: &MetierId,
        present: &[bool],
    ) -> Vec<Target> {
        let Some(&start) = self.nodes.get(from) else {
            return Vec::new();
        };
        // Employed here first, then the most shared, then the fewest (discounted) hours.
        let mut ranked: Vec<(bool, Reverse<usize>, u64, u64, usize)> = self
            .candidates_of(data, start)
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let pref = if c.sensitive { SENSITIVE_PREFERENCE } else { 0 };
                let (same_field, common) = self.shared(data, start, c.node);
                let affinity = usize::from(same_field) + common.len();
                (
                    !present[c.node.index()],
                    Reverse(affinity),
                    c.cost * (100 - pref),
                    c.cost,
                    k,
                )
            })
            .collect();
        // The best three (keys are distinct: the last is the candidate's rank).
        if ranked.len() > 3 {
            ranked.select_nth_unstable(2);
            ranked.truncate(3);
        }
        ranked.sort_unstable();
        let all = self.candidates_of(data, start);
        ranked
            .into_iter()
            .take(3)
            .filter_map(|(_, _, _, hours, k)| {
                let c = &all[k];
                let path = &c.path;
                let id = &self.graph[c.node];
                let modules = c
                    .modules
                    .get_or_init(|| {
                        let mut modules: Vec<ModuleId> = Vec::new();
                        for w in path.windows(2) {
                            let (_, ms) =
                                gap(data, &self.levels[w[0].index()], &self.levels[w[1].index()]);
                            for m in ms {
                                if !modules.contains(&m) {
                                    modules.push(m);
                                }
                            }
                        }
                        modules
                    })
                    .clone();
                let m = data.metier(id)?;
                let (same_field, shared_competencies) = self.shared(data, start, c.node);
                Some(Target {
                    metier: id.0.clone(),
                    name: m.name.clone(),
                    employed_here: present[c.node.index()],
                    categories: data.categories(id).into_iter().collect(),
                    hours,
                    path: path.iter().map(|n| self.graph[*n].0.clone()).collect(),
                    same_field,
                    shared_competencies,
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
    let employed = mg.employed(
        profile
            .staff
            .iter()
            .filter(|s| s.headcount > 0)
            .map(|s| &s.metier),
    );
    pops.iter()
        .filter(|p| {
            p.kind == PopulationKind::Metier
                && p.headcount > 0
                && p.categories.contains(&Category::Shrinking)
        })
        .map(|p| Reconversion {
            metier: p.id.to_string(),
            name: p.name.to_string(),
            agents: p.headcount,
            targets: mg.targets_among(data, &MetierId::new(p.id.as_ref()), &employed),
        })
        .collect()
}
