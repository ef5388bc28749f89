//! One node of the graph for the `show` command: its text, one function per kind of node, and
//! the record of its JSON output.

use crate::views::{FootnoteView, audiences_text, recommendation_view};
use itertools::Itertools;
use parcours_graph::graph::{Direction, Edge, Node, Reason};
use parcours_graph::ids::{MetierId, ModuleId};
use parcours_graph::model::{
    Competency, Effect, Metier, MetierGroup, Module, Prerequisite, Recommendation,
};
use parcours_graph::vocab::{Nature, Provenance};
use parcours_graph::{Graph, ReferenceData};
use serde::Serialize;
use serde_json::{Value, json, to_value};
use std::fmt::Write;

/// A node as `show --format json` prints it: its record as the reference files hold it, facts
/// derived from the graph, and its neighbours.
#[derive(Clone, Debug, Serialize)]
pub struct ShowRecord<'a> {
    /// The node's key (`R23`, `metier:…`).
    pub node: String,
    /// The node's kind.
    pub kind: &'static str,
    /// The record (null when the reference data has none).
    pub record: Value,
    /// What the graph derives from it, for the kinds that have something to derive.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub derived: Option<Value>,
    /// Its neighbours, in the graph's order.
    pub neighbours: Vec<NeighbourRecord<'a>>,
}

/// A neighbour of a shown node.
#[derive(Clone, Debug, Serialize)]
pub struct NeighbourRecord<'a> {
    /// `out` for an edge from the shown node, `in` for an edge to it.
    pub direction: &'static str,
    /// The neighbour's key.
    pub node: String,
    /// The edge between them.
    pub edge: &'a Edge,
}

/// The record of `node` for `show --format json`.
pub fn show_record<'a>(graph: &'a Graph, node: &Node) -> ShowRecord<'a> {
    let (record, derived) = record_and_derived(graph, node);
    ShowRecord {
        node: node.key(),
        kind: node.kind(),
        record,
        derived,
        neighbours: graph
            .neighbours(node)
            .into_iter()
            .map(|(d, n, e)| NeighbourRecord {
                direction: match d {
                    Direction::Outgoing => "out",
                    Direction::Incoming => "in",
                },
                node: n.key(),
                edge: e,
            })
            .collect(),
    }
}

/// The node's record as JSON, and the facts the graph derives from it.
fn record_and_derived(graph: &Graph, node: &Node) -> (Value, Option<Value>) {
    let data = graph.data();
    let value = |record: Option<Value>| record.unwrap_or(Value::Null);
    match node {
        Node::Recommendation(n) => (
            value(data.recommendation(*n).and_then(|r| to_value(r).ok())),
            Some(json!({
                "modules": graph.modules_implementing(*n),
                "metiers_concerned": graph.metiers_concerned(*n),
            })),
        ),
        Node::Metier(id) => (
            value(data.metier(id).and_then(|m| to_value(m).ok())),
            Some(json!({
                "categories": data.categories(id).iter().map(|c| c.key()).collect::<Vec<_>>(),
                "targets": data.targets(id),
                "recommendations": graph.recommendations_concerning(id),
            })),
        ),
        Node::Competency(id) => (
            value(data.competency(id).and_then(|c| to_value(c).ok())),
            None,
        ),
        Node::Module(id) => (
            value(data.module(id).and_then(|m| to_value(m).ok())),
            Some(json!({ "prerequisite_closure": graph.prerequisite_closure(id) })),
        ),
        Node::Effect(n) => (
            value(data.effect(*n).and_then(|e| to_value(e).ok())),
            Some(json!({ "recommendations": graph.recommendations_of_effect(*n) })),
        ),
        Node::Group(g) => (value(data.group(g).and_then(|g| to_value(g).ok())), None),
        Node::Audience(a) => (value(to_value(a).ok()), None),
    }
}

/// The detail of one node and its neighbours, for `show`, as Markdown-flavoured text: the
/// node's own section (nothing when the reference data has no record for it), then its
/// neighbours in the graph.
pub fn show_text(graph: &Graph, node: &Node) -> String {
    let data = graph.data();
    let mut out = String::new();
    match node {
        Node::Recommendation(n) => {
            if let Some(r) = data.recommendation(*n) {
                recommendation_text(&mut out, graph, r);
            }
        }
        Node::Metier(id) => {
            if let Some(m) = data.metier(id) {
                metier_text(&mut out, graph, id, m);
            }
        }
        Node::Competency(id) => {
            if let Some(c) = data.competency(id) {
                competency_text(&mut out, data, c);
            }
        }
        Node::Module(id) => {
            if let Some(m) = data.module(id) {
                module_text(&mut out, graph, m);
            }
        }
        Node::Effect(n) => {
            if let Some(e) = data.effect(*n) {
                effect_text(&mut out, graph, e);
            }
        }
        Node::Group(g) => {
            if let Some(gr) = data.group(g) {
                group_text(&mut out, data, gr);
            }
        }
        Node::Audience(a) => {
            let _ = writeln!(out, "# Public : {}", a.label());
        }
    }
    neighbours_text(&mut out, graph, node);
    out
}

/// A recommendation: its effect, its text and footnotes, the project's reading, the modules
/// implementing it and the métiers it concerns.
fn recommendation_text(out: &mut String, graph: &Graph, r: &Recommendation) {
    let data = graph.data();
    let v = recommendation_view(graph, r);
    let _ = writeln!(
        out,
        "# {}Préconisation {} — effet {}",
        if r.priority { "➔ " } else { "" },
        r.number.0,
        r.effect.0
    );
    if let Some(e) = data.effect(r.effect) {
        let _ = writeln!(out, "\nEffet {} : {}", e.number.0, e.title);
        footnotes_text(out, &v.effect_footnotes);
    }
    let _ = writeln!(out, "\n{}", r.title);
    if let Some(c) = &r.continuation {
        let _ = writeln!(out, "{c}");
    }
    for p in &r.points {
        let _ = writeln!(out, "  - {p}");
    }
    footnotes_text(out, &v.footnotes);
    let _ = writeln!(out, "\nHorizon : {}", r.horizon.label());
    footnotes_text(out, &v.horizon_footnotes);
    match &r.reading.nature {
        Nature::Training => {
            let _ = writeln!(out, "Nature : formation");
        }
        Nature::Institutional { kind } => {
            let _ = writeln!(
                out,
                "Nature : institutionnelle ({}) — aucun module, par construction",
                kind.label()
            );
        }
    }
    let _ = writeln!(out, "Publics : {}", audiences_text(&v.audiences));
    if !v.groups.is_empty() {
        let _ = writeln!(out, "Groupes de métiers : {}", v.groups.join(", "));
    }
    let _ = writeln!(out, "Compétences développées : {}", v.develops.join(", "));
    let _ = writeln!(out, "Lecture du projet : {}", v.reading_rationale);
    let _ = writeln!(out, "\n## Modules ({})", v.modules.len());
    for m in &v.modules {
        if let Some(module) = data.module(&ModuleId(m.clone())) {
            let _ = writeln!(
                out,
                "- {m} — {} ({} h, {})",
                module.title,
                module.hours,
                module.modality.label()
            );
        }
    }
    let concerned = graph.metiers_concerned(r.number);
    let _ = writeln!(out, "\n## Métiers concernés ({})", concerned.len());
    for (m, reasons) in &concerned {
        let _ = writeln!(
            out,
            "- {m} ({})",
            reasons.iter().map(reason_text).join(", ")
        );
    }
}

/// Footnotes, one indented line each.
fn footnotes_text(out: &mut String, footnotes: &[FootnoteView]) {
    for f in footnotes {
        let _ = writeln!(out, "  Note {} : {}", f.number, f.text);
    }
}

/// A métier, `m`, shown as `id` (its id or a former one): who it is, its categories, its
/// target levels and the recommendations that concern it.
fn metier_text(out: &mut String, graph: &Graph, id: &MetierId, m: &Metier) {
    let data = graph.data();
    metier_identity(out, data, m);
    let cats = data.categories(id);
    let _ = writeln!(out, "\n## Catégories ({})", cats.len());
    for c in cats {
        let _ = writeln!(
            out,
            "- {} : {}",
            c.label(),
            data.category_rationale(id, c).unwrap_or("")
        );
    }
    let _ = writeln!(out, "\n## Niveaux cibles");
    if let Some(r) = data.requirements_rationale(id) {
        let _ = writeln!(out, "{r}");
    }
    for t in data.targets(id) {
        let _ = writeln!(
            out,
            "- {} : {} à 5 ans, {} à 10 ans{}{}",
            t.competency,
            t.year5.map_or("—".to_owned(), |l| l.to_string()),
            t.year10,
            if t.core { " (socle numérique)" } else { "" },
            if t.raised_for_sensitive {
                " (relevé : métier sensible)"
            } else {
                ""
            }
        );
    }
    let recs = graph.recommendations_concerning(id);
    let _ = writeln!(
        out,
        "\n## Préconisations qui le concernent ({})",
        recs.len()
    );
    for (n, reasons) in &recs {
        let _ = writeln!(
            out,
            "- {} ({})",
            n.0,
            reasons.iter().map(reason_text).join(", ")
        );
    }
}

/// A métier's heading and record: names, répertoire, former ids, field, stream, groups, roles,
/// headcount and provenance.
fn metier_identity(out: &mut String, data: &ReferenceData, m: &Metier) {
    let _ = writeln!(out, "# {} (`{}`)", m.name, m.id);
    if !m.short_name.is_empty() {
        let _ = writeln!(out, "\nNom court : {}", m.short_name);
    }
    let _ = writeln!(
        out,
        "Répertoire des métiers territoriaux (CNFPT, 2019) : {}",
        match (&m.code, m.repertoire) {
            (Some(code), _) => format!("oui, fiche {code}"),
            (None, true) => "oui".to_owned(),
            (None, false) =>
                "non, métier propre au projet (hors des trois listes de l'étude)".to_owned(),
        }
    );
    if !m.aliases.is_empty() {
        let _ = writeln!(
            out,
            "Autres appellations : {}",
            m.aliases
                .iter()
                .map(|a| match &a.source {
                    Some(s) => format!("{} (source : {s})", a.name),
                    None => a.name.clone(),
                })
                .join(" ; ")
        );
    }
    for f in &m.former_ids {
        let _ = writeln!(out, "Ancien identifiant `{}` : {}", f.id, f.note);
    }
    let field = data
        .field(&m.field)
        .map_or(m.field.0.as_str(), |f| f.name.as_str());
    let _ = writeln!(out, "\nChamp : {field}\nFilière : {}", m.filiere.label());
    if !m.groups.is_empty() {
        let _ = writeln!(
            out,
            "Groupes (préconisation 23) : {}",
            m.groups.iter().join(", ")
        );
    }
    if !m.roles.is_empty() {
        let _ = writeln!(
            out,
            "Rôles : {}",
            m.roles.iter().map(|r| r.label()).join(", ")
        );
    }
    if let Some(h) = &m.headcount {
        let _ = writeln!(
            out,
            "Effectif national : {} ({}, {})",
            crate::text::number(h.agents),
            h.year,
            h.source
        );
    }
    provenance_text(out, &m.provenance);
}

/// The `Provenance :` line of a métier or a module.
fn provenance_text(out: &mut String, provenance: &Provenance) {
    let _ = writeln!(
        out,
        "Provenance : {}{}",
        provenance.label(),
        provenance
            .detail()
            .map(|d| format!(" — {d}"))
            .unwrap_or_default()
    );
}

/// A competency: its domain, its levels and the modules providing each, the métiers that
/// require it and the recommendations that develop it.
fn competency_text(out: &mut String, data: &ReferenceData, c: &Competency) {
    let id = &c.id;
    let domain = data
        .domain(&c.domain)
        .map_or(c.domain.0.as_str(), |d| d.name.as_str());
    let _ = writeln!(out, "# {} (`{}`)", c.name, c.id);
    let _ = writeln!(
        out,
        "\nDomaine : {domain}{}",
        if data.is_core(id) {
            " (socle numérique)"
        } else {
            ""
        }
    );
    if let Some(p) = &c.pix {
        let _ = writeln!(out, "Compétence Pix : {p}");
    }
    let _ = writeln!(out, "Niveaux pertinents : {} à {}", c.min, c.max);
    for l in &c.levels {
        let providers = data
            .providers(id, l.level)
            .iter()
            .map(|m| m.id.0.clone())
            .join(", ");
        let _ = writeln!(
            out,
            "- {} : {} [modules : {}]",
            l.level, l.meaning, providers
        );
    }
    let requiring: Vec<String> = data
        .metiers()
        .iter()
        .filter(|m| data.targets(&m.id).iter().any(|t| &t.competency == id))
        .map(|m| m.id.0.clone())
        .collect();
    let _ = writeln!(out, "\n## Métiers qui la requièrent ({})", requiring.len());
    if !requiring.is_empty() {
        let _ = writeln!(out, "{}", requiring.join(", "));
    }
    let recs: Vec<String> = data
        .recommendations()
        .iter()
        .filter(|r| r.reading.develops.iter().any(|t| &t.competency == id))
        .map(|r| r.number.0.to_string())
        .collect();
    let _ = writeln!(
        out,
        "\n## Préconisations qui la développent ({})\n{}",
        recs.len(),
        recs.join(", ")
    );
}

/// A module: what it teaches and to whom, its explicit prerequisites and the whole path to it
/// from nothing.
fn module_text(out: &mut String, graph: &Graph, m: &Module) {
    let data = graph.data();
    let _ = writeln!(out, "# {} (`{}`)", m.title, m.id);
    let _ = writeln!(out, "\nCompétence : {} → niveau {}", m.competency, m.level);
    let _ = writeln!(
        out,
        "Durée : {} h — modalité : {}",
        m.hours,
        m.modality.label()
    );
    let _ = writeln!(
        out,
        "Participants par session : {} à {}",
        m.min_participants, m.max_participants
    );
    let _ = writeln!(
        out,
        "Publics : {}",
        m.audience.iter().map(|a| a.label()).join(", ")
    );
    let _ = writeln!(
        out,
        "Préconisations : {}",
        m.recommendations.iter().map(|r| r.0).join(", ")
    );
    provenance_text(out, &m.provenance);
    let _ = writeln!(out, "\n## Prérequis explicites ({})", m.prerequisites.len());
    for p in &m.prerequisites {
        match p {
            Prerequisite::Competency { competency, level } => {
                let _ = writeln!(out, "- compétence {competency} au niveau {level}");
            }
            Prerequisite::Module(pid) => {
                let _ = writeln!(out, "- module {pid}");
            }
        }
    }
    let closure = graph.prerequisite_closure(&m.id);
    let _ = writeln!(
        out,
        "\n## Parcours complet depuis zéro ({} modules)",
        closure.len()
    );
    for (i, mid) in closure.iter().enumerate() {
        let (title, hours) = data
            .module(mid)
            .map_or(("", 0), |m| (m.title.as_str(), m.hours));
        let _ = writeln!(out, "{}. {mid} — {title} ({hours} h)", i + 1);
    }
}

/// An effect: its title and its recommendations.
fn effect_text(out: &mut String, graph: &Graph, e: &Effect) {
    let data = graph.data();
    let _ = writeln!(out, "# Effet {} — {}", e.number.0, e.title);
    for r in graph.recommendations_of_effect(e.number) {
        if let Some(rec) = data.recommendation(r) {
            let _ = writeln!(
                out,
                "- {}{}. {}",
                if rec.priority { "➔ " } else { "" },
                r.0,
                rec.title
            );
        }
    }
}

/// A métier group: its name, the study's words and its members.
fn group_text(out: &mut String, data: &ReferenceData, gr: &MetierGroup) {
    let _ = writeln!(
        out,
        "# Groupe de métiers : {} (`{}`)\n\n« {} »",
        gr.name, gr.id, gr.seed_text
    );
    let members: Vec<&str> = data
        .metiers()
        .iter()
        .filter(|m| m.groups.contains(&gr.id))
        .map(|m| m.id.as_str())
        .collect();
    let _ = writeln!(
        out,
        "\n## Métiers ({})\n{}",
        members.len(),
        members.join(", ")
    );
}

/// The node's neighbours in the graph, with the direction and the kind of each edge.
fn neighbours_text(out: &mut String, graph: &Graph, node: &Node) {
    out.push_str("\n## Voisins dans le graphe\n");
    for (dir, other, edge) in graph.neighbours(node) {
        let arrow = match dir {
            Direction::Outgoing => "→",
            Direction::Incoming => "←",
        };
        let _ = writeln!(out, "- {arrow} {} [{}]", other.key(), edge.label());
    }
}

/// Why a recommendation concerns a métier, in French.
fn reason_text(r: &Reason) -> String {
    match r {
        Reason::Group(g) => format!("groupe {g}"),
        Reason::Role(a) => format!("rôle : {}", a.label()),
        Reason::AllAgents => "tous les agents".into(),
        Reason::Competency(c) => format!("compétence {c}"),
    }
}
