//! The reference graph: effects, recommendations, métier groups, métiers, audiences,
//! competencies and modules as nodes of one petgraph `DiGraph`, built once and read-only, with
//! the queries the commands and the planner need.

use crate::data::ReferenceData;
use crate::ids::{CompetencyId, EffectNumber, GroupId, MetierId, ModuleId, RecNumber};
use crate::model::Prerequisite;
use crate::vocab::{Audience, Level, Nature};
pub use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use serde::Serialize;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap};
use std::fmt;

/// A node of the reference graph.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Node {
    /// A desired effect.
    Effect(EffectNumber),
    /// A recommendation.
    Recommendation(RecNumber),
    /// A métier group of recommendation 23.
    Group(GroupId),
    /// A cross-cutting audience (managers, HR, IT…).
    Audience(Audience),
    /// A métier.
    Metier(MetierId),
    /// A competency.
    Competency(CompetencyId),
    /// A training module.
    Module(ModuleId),
}

impl Node {
    /// A stable textual id: `E1`, `R23`, `group:management`, `audience:Managers`,
    /// `metier:secretaire-de-mairie`, `competency:amoa-si`, `module:amoa-si-a`.
    pub fn key(&self) -> String {
        match self {
            Node::Effect(n) => n.to_string(),
            Node::Recommendation(n) => n.to_string(),
            Node::Group(g) => format!("group:{g}"),
            Node::Audience(a) => format!("audience:{a:?}"),
            Node::Metier(m) => format!("metier:{m}"),
            Node::Competency(c) => format!("competency:{c}"),
            Node::Module(m) => format!("module:{m}"),
        }
    }
    /// The kind of node, in English (`effect`, `recommendation`, …).
    pub fn kind(&self) -> &'static str {
        match self {
            Node::Effect(_) => "effect",
            Node::Recommendation(_) => "recommendation",
            Node::Group(_) => "group",
            Node::Audience(_) => "audience",
            Node::Metier(_) => "metier",
            Node::Competency(_) => "competency",
            Node::Module(_) => "module",
        }
    }
}

impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key())
    }
}

/// An edge of the reference graph, from → to.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Edge {
    /// Effect → recommendation.
    Contains,
    /// Recommendation → group.
    Targets,
    /// Recommendation → audience.
    Addresses,
    /// Recommendation → competency, at a level.
    Develops {
        /// Level aimed at.
        level: Level,
    },
    /// Métier → group.
    MemberOf,
    /// Métier → audience (a role it holds).
    HoldsRole,
    /// Métier → competency: its resolved targets.
    Requires {
        /// Target at 5 years.
        year5: Option<Level>,
        /// Target at 10 years.
        year10: Level,
    },
    /// Module → competency: the level it brings.
    Brings {
        /// Level reached.
        level: Level,
    },
    /// Module → recommendation.
    Implements,
    /// Module → module prerequisite.
    NeedsModule,
    /// Module → competency level prerequisite.
    NeedsLevel {
        /// Level required.
        level: Level,
    },
}

impl Edge {
    /// A short French label used in the DOT and Mermaid exports.
    pub fn label(&self) -> String {
        match self {
            Edge::Contains => "contient".into(),
            Edge::Targets => "vise".into(),
            Edge::Addresses => "s'adresse à".into(),
            Edge::Develops { level } => format!("développe ({level})"),
            Edge::MemberOf => "membre de".into(),
            Edge::HoldsRole => "tient le rôle".into(),
            Edge::Requires { year5, year10 } => match year5 {
                Some(y5) => format!("requiert ({y5} à 5 ans, {year10} à 10 ans)"),
                None => format!("requiert ({year10} à 10 ans)"),
            },
            Edge::Brings { level } => format!("amène au niveau {level}"),
            Edge::Implements => "met en œuvre".into(),
            Edge::NeedsModule => "a pour prérequis le module".into(),
            Edge::NeedsLevel { level } => format!("a pour prérequis le niveau {level}"),
        }
    }
}

/// Why a recommendation concerns a métier.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "via", content = "id", rename_all = "snake_case")]
pub enum Reason {
    /// The recommendation addresses a group the métier belongs to.
    Group(GroupId),
    /// The recommendation addresses a role the métier holds.
    Role(Audience),
    /// The recommendation addresses every agent.
    AllAgents,
    /// The recommendation develops a competency the métier requires.
    Competency(CompetencyId),
}

/// Why a user-typed id did not resolve to a node.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// Nothing has this id.
    #[error("identifiant `{id}` inconnu")]
    Unknown {
        /// What was typed.
        id: String,
        /// A close id, if any.
        suggestion: Option<String>,
    },
    /// Several kinds of record have this id.
    #[error("identifiant `{id}` ambigu : il désigne {}", candidates.join(" et "))]
    Ambiguous {
        /// What was typed.
        id: String,
        /// The matching nodes' keys.
        candidates: Vec<String>,
    },
}

/// The reference graph over a [`ReferenceData`].
#[derive(Debug)]
pub struct Graph<'a> {
    data: &'a ReferenceData,
    graph: DiGraph<Node, Edge>,
    nodes: BTreeMap<Node, NodeIndex>,
}

impl<'a> Graph<'a> {
    /// Builds the graph. Nodes are added in a fixed order (effects, recommendations, groups,
    /// audiences, métiers, competencies, modules) so indices and exports are stable.
    pub fn new(data: &'a ReferenceData) -> Self {
        let mut g = Graph {
            data,
            graph: DiGraph::new(),
            nodes: BTreeMap::new(),
        };
        for e in data.effects() {
            g.node(Node::Effect(e.number));
        }
        for r in data.recommendations() {
            g.node(Node::Recommendation(r.number));
        }
        for gr in data.groups() {
            g.node(Node::Group(gr.id.clone()));
        }
        for a in AUDIENCES {
            g.node(Node::Audience(a));
        }
        for m in data.metiers() {
            g.node(Node::Metier(m.id.clone()));
        }
        for c in &data.competencies().competencies {
            g.node(Node::Competency(c.id.clone()));
        }
        for m in data.modules() {
            g.node(Node::Module(m.id.clone()));
        }
        for r in data.recommendations() {
            let rn = Node::Recommendation(r.number);
            g.edge(&Node::Effect(r.effect), &rn, Edge::Contains);
            for gr in &r.reading.groups {
                g.edge(&rn, &Node::Group(gr.clone()), Edge::Targets);
            }
            for a in &r.reading.audiences {
                g.edge(&rn, &Node::Audience(*a), Edge::Addresses);
            }
            for t in &r.reading.develops {
                g.edge(
                    &rn,
                    &Node::Competency(t.competency.clone()),
                    Edge::Develops { level: t.level },
                );
            }
        }
        for m in data.metiers() {
            let mn = Node::Metier(m.id.clone());
            for gr in &m.groups {
                g.edge(&mn, &Node::Group(gr.clone()), Edge::MemberOf);
            }
            for a in &m.roles {
                g.edge(&mn, &Node::Audience(*a), Edge::HoldsRole);
            }
            for t in data.targets(&m.id) {
                g.edge(
                    &mn,
                    &Node::Competency(t.competency.clone()),
                    Edge::Requires {
                        year5: t.year5,
                        year10: t.year10,
                    },
                );
            }
        }
        for m in data.modules() {
            let mn = Node::Module(m.id.clone());
            g.edge(
                &mn,
                &Node::Competency(m.competency.clone()),
                Edge::Brings { level: m.level },
            );
            for r in &m.recommendations {
                g.edge(&mn, &Node::Recommendation(*r), Edge::Implements);
            }
            for p in &m.prerequisites {
                match p {
                    Prerequisite::Module(id) => {
                        g.edge(&mn, &Node::Module(id.clone()), Edge::NeedsModule)
                    }
                    Prerequisite::Competency { competency, level } => g.edge(
                        &mn,
                        &Node::Competency(competency.clone()),
                        Edge::NeedsLevel { level: *level },
                    ),
                }
            }
        }
        g
    }

    fn node(&mut self, n: Node) {
        let idx = self.graph.add_node(n.clone());
        self.nodes.entry(n).or_insert(idx);
    }

    fn edge(&mut self, from: &Node, to: &Node, e: Edge) {
        if let (Some(&a), Some(&b)) = (self.nodes.get(from), self.nodes.get(to)) {
            self.graph.add_edge(a, b, e);
        }
    }

    /// The data behind the graph.
    pub fn data(&self) -> &'a ReferenceData {
        self.data
    }

    /// The underlying petgraph graph (read-only).
    pub fn inner(&self) -> &DiGraph<Node, Edge> {
        &self.graph
    }

    /// Whether a node exists.
    pub fn contains(&self, n: &Node) -> bool {
        self.nodes.contains_key(n)
    }

    /// Number of nodes and edges.
    pub fn size(&self) -> (usize, usize) {
        (self.graph.node_count(), self.graph.edge_count())
    }

    /// Every edge touching a node, as (direction, other node, edge), sorted.
    pub fn neighbours(&self, n: &Node) -> Vec<(Direction, &Node, &Edge)> {
        let Some(&idx) = self.nodes.get(n) else {
            return Vec::new();
        };
        let mut out: Vec<(Direction, &Node, &Edge)> = Vec::new();
        for e in self.graph.edges_directed(idx, Direction::Outgoing) {
            out.push((Direction::Outgoing, &self.graph[e.target()], e.weight()));
        }
        for e in self.graph.edges_directed(idx, Direction::Incoming) {
            out.push((Direction::Incoming, &self.graph[e.source()], e.weight()));
        }
        out.sort_by(|a, b| (dir_rank(a.0), a.1, a.2).cmp(&(dir_rank(b.0), b.1, b.2)));
        out
    }

    /// The nodes within `depth` edges of `n` (either direction), `n` included, sorted.
    pub fn neighbourhood(&self, n: &Node, depth: usize) -> BTreeSet<Node> {
        let mut seen: BTreeSet<Node> = BTreeSet::new();
        if !self.contains(n) {
            return seen;
        }
        seen.insert(n.clone());
        let mut frontier = vec![n.clone()];
        for _ in 0..depth {
            let mut next = Vec::new();
            for f in &frontier {
                for (_, other, _) in self.neighbours(f) {
                    if seen.insert(other.clone()) {
                        next.push(other.clone());
                    }
                }
            }
            frontier = next;
        }
        seen
    }

    /// Resolves what a user typed into a node: `23` or `R23` (a recommendation), `E2` (an
    /// effect), or a métier, competency, module or group id, optionally prefixed with
    /// `metier:`, `competency:`, `module:` or `group:` to settle an ambiguity.
    ///
    /// ```
    /// use parcours_graph::{Graph, ReferenceData, graph::Node, ids::RecNumber};
    /// let data = ReferenceData::embedded().unwrap();
    /// let graph = Graph::new(&data);
    /// assert_eq!(graph.resolve("R23"), Ok(Node::Recommendation(RecNumber(23))));
    /// assert!(graph.resolve("no-such-thing").is_err());
    /// ```
    pub fn resolve(&self, text: &str) -> Result<Node, ResolveError> {
        let t = text.trim();
        let unknown = || ResolveError::Unknown {
            id: t.to_owned(),
            suggestion: self.suggest(t),
        };
        let number = t.strip_prefix(['R', 'r']).unwrap_or(t);
        if let Ok(n) = number.parse::<u16>() {
            let node = Node::Recommendation(RecNumber(n));
            return if self.contains(&node) {
                Ok(node)
            } else {
                Err(unknown())
            };
        }
        if let Some(n) = t
            .strip_prefix(['E', 'e'])
            .and_then(|n| n.parse::<u16>().ok())
        {
            let node = Node::Effect(EffectNumber(n));
            return if self.contains(&node) {
                Ok(node)
            } else {
                Err(unknown())
            };
        }
        let (prefix, id) = match t.split_once(':') {
            Some((p, id)) => (Some(p), id),
            None => (None, t),
        };
        // A former métier id (a métier renamed or re-identified) resolves to the métier.
        let metier = self.data.current_metier_id(&MetierId::new(id)).clone();
        let candidates: Vec<Node> = [
            ("metier", Node::Metier(metier)),
            ("competency", Node::Competency(CompetencyId::new(id))),
            ("module", Node::Module(ModuleId::new(id))),
            ("group", Node::Group(GroupId::new(id))),
        ]
        .into_iter()
        .filter(|(kind, _)| prefix.is_none_or(|p| p == *kind))
        .map(|(_, n)| n)
        .filter(|n| self.contains(n))
        .collect();
        // A métier's name or a usual job title (« Jardinière », « ATSEM », « ripeur »).
        let by_title = || {
            prefix
                .is_none_or(|p| p == "metier")
                .then(|| crate::titles::TitleMatcher::new(self.data).find(id))
                .flatten()
                .map(|m| Node::Metier(m.clone()))
        };
        match candidates.len() {
            0 => by_title().ok_or_else(unknown),
            1 => Ok(candidates
                .into_iter()
                .next()
                .unwrap_or(Node::Effect(EffectNumber(0)))),
            _ => Err(ResolveError::Ambiguous {
                id: t.to_owned(),
                candidates: candidates.iter().map(Node::key).collect(),
            }),
        }
    }

    fn suggest(&self, t: &str) -> Option<String> {
        let keys: Vec<String> = self
            .nodes
            .keys()
            .filter_map(|n| match n {
                Node::Metier(m) => Some(m.0.clone()),
                Node::Competency(c) => Some(c.0.clone()),
                Node::Module(m) => Some(m.0.clone()),
                Node::Group(g) => Some(g.0.clone()),
                _ => None,
            })
            .collect();
        let hint = crate::validate::suggest(t, keys.iter().map(String::as_str));
        hint.starts_with(crate::validate::CLOSE_ID).then_some(hint)
    }

    /// The recommendations of an effect, by number.
    pub fn recommendations_of_effect(&self, effect: EffectNumber) -> Vec<RecNumber> {
        let mut out: Vec<RecNumber> = self
            .targets_of(&Node::Effect(effect), |e| matches!(e, Edge::Contains))
            .into_iter()
            .filter_map(|n| match n {
                Node::Recommendation(r) => Some(*r),
                _ => None,
            })
            .collect();
        out.sort();
        out
    }

    fn targets_of(&self, n: &Node, pick: fn(&Edge) -> bool) -> Vec<&Node> {
        self.linked(n, pick, Direction::Outgoing)
    }

    fn sources_of(&self, n: &Node, pick: fn(&Edge) -> bool) -> Vec<&Node> {
        self.linked(n, pick, Direction::Incoming)
    }

    fn linked(&self, n: &Node, pick: fn(&Edge) -> bool, dir: Direction) -> Vec<&Node> {
        let Some(&i) = self.nodes.get(n) else {
            return Vec::new();
        };
        self.graph
            .edges_directed(i, dir)
            .filter(|e| pick(e.weight()))
            .map(|e| match dir {
                Direction::Outgoing => &self.graph[e.target()],
                Direction::Incoming => &self.graph[e.source()],
            })
            .collect()
    }

    /// The métiers a recommendation concerns, with the reasons: through the groups it targets,
    /// the audiences it addresses (roles the métier holds, or every agent), and the competencies
    /// it develops that the métier requires ([`crate::concern`], the one rule). Sorted by
    /// métier id.
    pub fn metiers_concerned(&self, rec: RecNumber) -> BTreeMap<MetierId, BTreeSet<Reason>> {
        let Some(r) = self.data.recommendation(rec) else {
            return BTreeMap::new();
        };
        self.data
            .metiers()
            .iter()
            .filter_map(|m| {
                let reasons: BTreeSet<Reason> = self
                    .data
                    .metier_reasons(&r.reading, m)
                    .into_iter()
                    .collect();
                (!reasons.is_empty()).then(|| (m.id.clone(), reasons))
            })
            .collect()
    }

    /// The recommendations that concern a métier, with the reasons, by number.
    pub fn recommendations_concerning(
        &self,
        metier: &MetierId,
    ) -> BTreeMap<RecNumber, BTreeSet<Reason>> {
        let mut out = BTreeMap::new();
        for r in self.data.recommendations() {
            if let Some(reasons) = self.metiers_concerned(r.number).remove(metier) {
                out.insert(r.number, reasons);
            }
        }
        out
    }

    /// The modules that implement a recommendation, by id. Empty, on purpose, for an
    /// institutional recommendation.
    pub fn modules_implementing(&self, rec: RecNumber) -> Vec<ModuleId> {
        let mut out: Vec<ModuleId> = self
            .sources_of(&Node::Recommendation(rec), |e| {
                matches!(e, Edge::Implements)
            })
            .into_iter()
            .filter_map(|n| match n {
                Node::Module(m) => Some(m.clone()),
                _ => None,
            })
            .collect();
        out.sort();
        out
    }

    /// Whether the recommendation is institutional (and so has no module on purpose).
    pub fn is_institutional(&self, rec: RecNumber) -> bool {
        self.data
            .recommendation(rec)
            .is_some_and(|r| matches!(r.reading.nature, Nature::Institutional { .. }))
    }

    /// The modules an agent starting from nothing follows to take `module`, prerequisites first
    /// and `module` last, in a topological order that breaks ties by module id. A competency
    /// level (explicit, or the level just below the module's) is met by its default provider
    /// (the shortest module that brings it).
    pub fn prerequisite_closure(&self, module: &ModuleId) -> Vec<ModuleId> {
        let data = self.data;
        // Collect the closure and its dependency edges.
        let mut deps: BTreeMap<ModuleId, BTreeSet<ModuleId>> = BTreeMap::new();
        let mut stack = vec![module.clone()];
        while let Some(id) = stack.pop() {
            if deps.contains_key(&id) {
                continue;
            }
            let Some(m) = data.module(&id) else {
                continue;
            };
            let mut needs: BTreeSet<ModuleId> = BTreeSet::new();
            let min = data
                .competency(&m.competency)
                .map_or(Level::Socle, |c| c.min);
            let mut levels: Vec<(CompetencyId, Level)> = Vec::new();
            if let Some(below) = m.level.below()
                && below >= min
            {
                levels.push((m.competency.clone(), below));
            }
            for p in &m.prerequisites {
                match p {
                    Prerequisite::Module(pid) => {
                        needs.insert(pid.clone());
                    }
                    Prerequisite::Competency { competency, level } => {
                        levels.push((competency.clone(), *level))
                    }
                }
            }
            for (c, l) in levels {
                if let Some(p) = data.default_provider(&c, l) {
                    needs.insert(p.id.clone());
                }
            }
            needs.remove(&id);
            stack.extend(needs.iter().cloned());
            deps.insert(id, needs);
        }
        // Kahn's algorithm with a min-heap on ids: prerequisites first, ties by id.
        let mut indegree: BTreeMap<&ModuleId, usize> = deps.keys().map(|k| (k, 0)).collect();
        let mut dependents: BTreeMap<&ModuleId, Vec<&ModuleId>> = BTreeMap::new();
        for (id, needs) in &deps {
            for n in needs.iter().filter(|n| deps.contains_key(*n)) {
                *indegree.entry(id).or_default() += 1;
                dependents.entry(n).or_default().push(id);
            }
        }
        let mut heap: BinaryHeap<Reverse<&ModuleId>> = indegree
            .iter()
            .filter(|(_, d)| **d == 0)
            .map(|(k, _)| Reverse(*k))
            .collect();
        let mut order = Vec::new();
        while let Some(Reverse(id)) = heap.pop() {
            order.push(id.clone());
            for d in dependents.get(id).into_iter().flatten() {
                let e = indegree.entry(d).or_default();
                *e -= 1;
                if *e == 0 {
                    heap.push(Reverse(d));
                }
            }
        }
        // A cycle (rejected by validation) leaves nodes out: append them by id, never loop.
        for id in deps.keys() {
            if !order.contains(id) {
                order.push(id.clone());
            }
        }
        order
    }
}

fn dir_rank(d: Direction) -> u8 {
    match d {
        Direction::Outgoing => 0,
        Direction::Incoming => 1,
    }
}

const AUDIENCES: [Audience; 10] = [
    Audience::ElectedOfficials,
    Audience::GeneralManagement,
    Audience::Managers,
    Audience::HrDirections,
    Audience::ItDirections,
    Audience::SupportFunctions,
    Audience::AllAgents,
    Audience::DigitalMediators,
    Audience::Cnfpt,
    Audience::DigitalTutors,
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Category;

    fn data() -> ReferenceData {
        ReferenceData::embedded().expect("shipped data validates")
    }

    #[test]
    fn effects_hold_their_recommendations() {
        let d = data();
        let g = Graph::new(&d);
        let all: Vec<u16> = (1..=5)
            .flat_map(|e| g.recommendations_of_effect(EffectNumber(e)))
            .map(|r| r.0)
            .collect();
        assert_eq!(all, (1..=41).collect::<Vec<_>>());
        assert_eq!(
            g.recommendations_of_effect(EffectNumber(4)),
            (28..=32).map(RecNumber).collect::<Vec<_>>()
        );
    }

    #[test]
    fn concern_runs_through_groups_roles_and_competencies() {
        let d = data();
        let g = Graph::new(&d);
        // R23 targets the seven groups: every métier of a group is concerned through it.
        let r23 = g.metiers_concerned(RecNumber(23));
        for m in d.metiers().iter().filter(|m| !m.groups.is_empty()) {
            let reasons = &r23[&m.id];
            assert!(
                m.groups
                    .iter()
                    .any(|gr| reasons.contains(&Reason::Group(gr.clone())))
            );
        }
        // R24 develops the Pix socle: every métier requires it, so every métier is concerned.
        assert_eq!(g.metiers_concerned(RecNumber(24)).len(), d.metiers().len());
        // The inverse query agrees.
        let sm = MetierId::new("secretaire-de-mairie");
        let recs = g.recommendations_concerning(&sm);
        for (n, reasons) in &recs {
            assert_eq!(g.metiers_concerned(*n).get(&sm), Some(reasons));
        }
        assert!(recs.contains_key(&RecNumber(23)));
    }

    #[test]
    fn institutional_recommendations_have_no_module() {
        let d = data();
        let g = Graph::new(&d);
        for r in d.recommendations() {
            assert_eq!(
                g.is_institutional(r.number),
                g.modules_implementing(r.number).is_empty(),
                "R{}",
                r.number.0
            );
        }
    }

    #[test]
    fn prerequisite_closure_is_topological_and_ends_with_the_module() {
        let d = data();
        let g = Graph::new(&d);
        for m in d.modules() {
            let order = g.prerequisite_closure(&m.id);
            assert_eq!(order.last(), Some(&m.id));
            let mut taken: std::collections::BTreeSet<&ModuleId> =
                std::collections::BTreeSet::new();
            let mut reached: BTreeMap<CompetencyId, Level> = BTreeMap::new();
            for id in &order {
                let module = d.module(id).expect("module");
                assert!(
                    crate::validate::prerequisites_met(&d, module, &reached, &taken),
                    "{id} taken before its prerequisites in the closure of {}",
                    m.id
                );
                taken.insert(id);
                let e = reached
                    .entry(module.competency.clone())
                    .or_insert(module.level);
                *e = (*e).max(module.level);
            }
        }
    }

    #[test]
    fn sensitive_rule_raises_targets() {
        let d = data();
        for m in d
            .metiers()
            .iter()
            .filter(|m| d.in_category(&m.id, Category::Sensitive))
        {
            for t in d.targets(&m.id).iter().filter(|t| !t.core) {
                let cap = d.competency(&t.competency).expect("competency").max;
                assert!(t.year10 >= Level::Approfondissement.min(cap));
            }
        }
    }

    #[test]
    fn resolve_accepts_the_documented_forms() {
        let d = data();
        let g = Graph::new(&d);
        assert_eq!(g.resolve("23"), Ok(Node::Recommendation(RecNumber(23))));
        assert_eq!(g.resolve("r7"), Ok(Node::Recommendation(RecNumber(7))));
        assert_eq!(g.resolve("E5"), Ok(Node::Effect(EffectNumber(5))));
        assert_eq!(
            g.resolve("amoa-si"),
            Ok(Node::Competency(CompetencyId::new("amoa-si")))
        );
        assert_eq!(
            g.resolve("module:amoa-si-e"),
            Ok(Node::Module(ModuleId::new("amoa-si-e")))
        );
        assert!(matches!(
            g.resolve("R42"),
            Err(ResolveError::Unknown { .. })
        ));
        assert!(matches!(
            g.resolve("amoa-sj"),
            Err(ResolveError::Unknown {
                suggestion: Some(_),
                ..
            })
        ));
    }
}
