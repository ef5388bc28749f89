//! Graph exports: Graphviz DOT, Mermaid and JSON, of the whole graph or of the neighbourhood
//! of one node. Nodes and edges come out in a stable order (by node key).

use itertools::Itertools;
use parcours_graph::Graph;
use parcours_graph::graph::{Edge, Node};
use petgraph_free::visit_edges;
use serde::Serialize;
use std::collections::BTreeSet;
use std::fmt::Write;

mod petgraph_free {
    //! Edge iteration over the public graph API, sorted.
    use super::*;

    /// Every edge whose two ends are in `keep`, sorted by (from, to, edge).
    pub fn visit_edges<'g>(
        graph: &'g Graph,
        keep: &BTreeSet<Node>,
    ) -> Vec<(&'g Node, &'g Node, &'g Edge)> {
        let g = graph.inner();
        let mut out: Vec<(&Node, &Node, &Edge)> = g
            .edge_indices()
            .filter_map(|e| {
                let (a, b) = g.edge_endpoints(e)?;
                let (na, nb) = (&g[a], &g[b]);
                (keep.contains(na) && keep.contains(nb)).then(|| (na, nb, &g[e]))
            })
            .collect();
        out.sort();
        out
    }
}

/// The nodes to export: everything, or `focus` and its neighbours within `depth` edges.
pub fn selection(graph: &Graph, focus: Option<&Node>, depth: usize) -> BTreeSet<Node> {
    match focus {
        Some(n) => graph.neighbourhood(n, depth),
        None => graph.inner().node_weights().cloned().collect(),
    }
}

/// A human label for a node (French names from the data).
pub fn node_label(graph: &Graph, n: &Node) -> String {
    let data = graph.data();
    match n {
        Node::Effect(e) => format!("Effet {}", e.0),
        Node::Recommendation(r) => {
            let flag = data.recommendation(*r).is_some_and(|r| r.priority);
            format!("{}R{}", if flag { "➔ " } else { "" }, r.0)
        }
        Node::Group(g) => data.group(g).map_or(g.0.clone(), |g| g.name.clone()),
        Node::Audience(a) => a.label().to_owned(),
        Node::Metier(m) => data.metier(m).map_or(m.0.clone(), |m| m.name.clone()),
        Node::Competency(c) => data.competency(c).map_or(c.0.clone(), |c| c.name.clone()),
        Node::Module(m) => m.0.clone(),
    }
}

fn dot_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

fn shape(n: &Node) -> (&'static str, &'static str) {
    match n {
        Node::Effect(_) => ("doubleoctagon", "#f4cccc"),
        Node::Recommendation(_) => ("box", "#fce5cd"),
        Node::Group(_) => ("folder", "#fff2cc"),
        Node::Audience(_) => ("house", "#eeeeee"),
        Node::Metier(_) => ("ellipse", "#d9ead3"),
        Node::Competency(_) => ("hexagon", "#cfe2f3"),
        Node::Module(_) => ("note", "#d9d2e9"),
    }
}

/// Graphviz DOT.
pub fn to_dot(graph: &Graph, keep: &BTreeSet<Node>) -> String {
    let mut out = String::from(
        "digraph parcours {\n  rankdir=LR;\n  node [style=filled, fontname=\"Helvetica\"];\n",
    );
    for n in keep {
        let (shape, color) = shape(n);
        let _ = writeln!(
            out,
            "  \"{}\" [label=\"{}\", shape={shape}, fillcolor=\"{color}\"];",
            dot_escape(&n.key()),
            dot_escape(&node_label(graph, n))
        );
    }
    for (a, b, e) in visit_edges(graph, keep) {
        let _ = writeln!(
            out,
            "  \"{}\" -> \"{}\" [label=\"{}\"];",
            dot_escape(&a.key()),
            dot_escape(&b.key()),
            dot_escape(&e.label())
        );
    }
    out.push_str("}\n");
    out
}

fn mermaid_id(n: &Node) -> String {
    n.key()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

fn mermaid_text(s: &str) -> String {
    s.replace('"', "#quot;")
}

/// Mermaid flowchart.
pub fn to_mermaid(graph: &Graph, keep: &BTreeSet<Node>) -> String {
    let mut out = String::from("flowchart LR\n");
    for n in keep {
        let label = mermaid_text(&node_label(graph, n));
        let id = mermaid_id(n);
        let _ = match n {
            Node::Recommendation(_) | Node::Module(_) => writeln!(out, "  {id}[\"{label}\"]"),
            Node::Competency(_) => writeln!(out, "  {id}{{{{\"{label}\"}}}}"),
            Node::Effect(_) | Node::Group(_) => writeln!(out, "  {id}[[\"{label}\"]]"),
            Node::Metier(_) | Node::Audience(_) => writeln!(out, "  {id}([\"{label}\"])"),
        };
    }
    for (a, b, e) in visit_edges(graph, keep) {
        let _ = writeln!(
            out,
            "  {} -->|\"{}\"| {}",
            mermaid_id(a),
            mermaid_text(&e.label()),
            mermaid_id(b)
        );
    }
    for (kind, class) in [
        ("effect", "fill:#f4cccc"),
        ("recommendation", "fill:#fce5cd"),
        ("metier", "fill:#d9ead3"),
        ("competency", "fill:#cfe2f3"),
        ("module", "fill:#d9d2e9"),
    ] {
        let ids = keep
            .iter()
            .filter(|n| n.kind() == kind)
            .map(mermaid_id)
            .join(",");
        if !ids.is_empty() {
            let _ = writeln!(out, "  classDef {kind} {class}\n  class {ids} {kind}");
        }
    }
    out
}

#[derive(Serialize)]
struct JsonGraph {
    nodes: Vec<JsonNode>,
    edges: Vec<JsonEdge>,
}

#[derive(Serialize)]
struct JsonNode {
    id: String,
    kind: &'static str,
    label: String,
}

#[derive(Serialize)]
struct JsonEdge {
    from: String,
    to: String,
    #[serde(flatten)]
    edge: Edge,
}

/// JSON: `{"nodes": [{"id", "kind", "label"}], "edges": [{"from", "to", "kind", ...}]}`.
pub fn to_json(graph: &Graph, keep: &BTreeSet<Node>) -> String {
    let g = JsonGraph {
        nodes: keep
            .iter()
            .map(|n| JsonNode {
                id: n.key(),
                kind: n.kind(),
                label: node_label(graph, n),
            })
            .collect(),
        edges: visit_edges(graph, keep)
            .into_iter()
            .map(|(a, b, e)| JsonEdge {
                from: a.key(),
                to: b.key(),
                edge: e.clone(),
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&g).unwrap_or_default();
    s.push('\n');
    s
}
