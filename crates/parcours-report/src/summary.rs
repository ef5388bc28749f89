//! The reference data counted, for the `validate` command: the record of its JSON output and
//! its text.

use parcours_graph::Graph;
use parcours_graph::sources::{Origin, Sources};
use parcours_graph::vocab::{Category, Horizon, Nature};
use serde::Serialize;

/// The number of records of every kind in valid reference data, and where each file came
/// from.
#[derive(Clone, Debug, Serialize)]
pub struct DataSummary {
    /// Always true: only valid data is summarised.
    pub valid: bool,
    /// Each reference file and its origin.
    pub sources: Vec<SourceInfo>,
    /// Desired effects.
    pub effects: usize,
    /// Recommendations.
    pub recommendations: usize,
    /// Priority (➔) recommendations.
    pub priority_recommendations: usize,
    /// Short-term recommendations.
    pub short_term: usize,
    /// Long-term recommendations.
    pub long_term: usize,
    /// Recommendations read as training.
    pub training_recommendations: usize,
    /// Recommendations read as institutional.
    pub institutional_recommendations: usize,
    /// Footnotes.
    pub footnotes: usize,
    /// Métier groups of recommendation 23.
    pub groups: usize,
    /// Fields of local public action.
    pub fields: usize,
    /// Métiers.
    pub metiers: usize,
    /// Métiers in the sensitive category.
    pub sensitive: usize,
    /// Métiers in the high-headcount category.
    pub high_headcount: usize,
    /// Métiers in the shrinking category.
    pub shrinking: usize,
    /// Provenance of the classification (French label).
    pub classification: &'static str,
    /// Competency domains.
    pub domains: usize,
    /// Competencies.
    pub competencies: usize,
    /// Competencies of the common core (Pix).
    pub core_competencies: usize,
    /// Entries of the requirements file.
    pub requirement_entries: usize,
    /// Training modules.
    pub modules: usize,
    /// Nodes of the graph.
    pub graph_nodes: usize,
    /// Edges of the graph.
    pub graph_edges: usize,
}

/// A reference file and where it was read from.
#[derive(Clone, Debug, Serialize)]
pub struct SourceInfo {
    /// Name shown in diagnostics.
    pub file: String,
    /// `embedded`, or the path it was read from.
    pub origin: String,
}

/// Counts the records of the graph's reference data, read from `sources`.
pub fn data_summary(sources: &Sources, graph: &Graph) -> DataSummary {
    let data = graph.data();
    let recs = &data.recommendations();
    let (nodes, edges) = graph.size();
    let in_category = |c: Category| {
        data.metiers()
            .iter()
            .filter(|m| data.in_category(&m.id, c))
            .count()
    };
    DataSummary {
        valid: true,
        sources: sources
            .iter()
            .map(|(_, s)| SourceInfo {
                file: s.name.clone(),
                origin: match &s.origin {
                    Origin::Embedded => "embedded".into(),
                    Origin::File(p) => p.clone(),
                },
            })
            .collect(),
        effects: data.effects().len(),
        recommendations: recs.len(),
        priority_recommendations: recs.iter().filter(|r| r.priority).count(),
        short_term: recs.iter().filter(|r| r.horizon == Horizon::Short).count(),
        long_term: recs.iter().filter(|r| r.horizon == Horizon::Long).count(),
        training_recommendations: recs
            .iter()
            .filter(|r| r.reading.nature == Nature::Training)
            .count(),
        institutional_recommendations: recs
            .iter()
            .filter(|r| r.reading.nature != Nature::Training)
            .count(),
        footnotes: data.footnotes().len(),
        groups: data.groups().len(),
        fields: data.fields().len(),
        metiers: data.metiers().len(),
        sensitive: in_category(Category::Sensitive),
        high_headcount: in_category(Category::HighHeadcount),
        shrinking: in_category(Category::Shrinking),
        classification: data.classification().provenance.label(),
        domains: data.competencies().domains.len(),
        competencies: data.competencies().competencies.len(),
        core_competencies: data
            .competencies()
            .competencies
            .iter()
            .filter(|c| data.is_core(&c.id))
            .count(),
        requirement_entries: data.requirements().metiers.len(),
        modules: data.modules().len(),
        graph_nodes: nodes,
        graph_edges: edges,
    }
}

/// Renders a summary as the text `validate` prints: where the data came from, then one line
/// per kind of record.
pub fn summary_text(c: &DataSummary) -> String {
    let overridden: Vec<&SourceInfo> = c
        .sources
        .iter()
        .filter(|s| s.origin != "embedded")
        .collect();
    let origin = if overridden.is_empty() {
        "les données de référence intégrées sont valides".to_owned()
    } else {
        format!(
            "les données de référence sont valides, dont {} pris dans --data : {}",
            crate::plan_text::plural(overridden.len() as u64, "fichier", "fichiers"),
            overridden
                .iter()
                .map(|s| s.file.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let rows = [
        ("effets", c.effects, String::new()),
        (
            "préconisations",
            c.recommendations,
            format!(
                "{} prioritaires, {} à court terme, {} à long terme, {} de formation, {} institutionnelles",
                c.priority_recommendations,
                c.short_term,
                c.long_term,
                c.training_recommendations,
                c.institutional_recommendations
            ),
        ),
        ("notes", c.footnotes, String::new()),
        ("groupes de métiers", c.groups, String::new()),
        ("champs d'action", c.fields, String::new()),
        (
            "métiers",
            c.metiers,
            format!(
                "{} sensibles, {} à plus forts effectifs, {} possiblement en baisse ({})",
                c.sensitive, c.high_headcount, c.shrinking, c.classification
            ),
        ),
        ("domaines de compétences", c.domains, String::new()),
        (
            "compétences",
            c.competencies,
            format!("{} du socle (Pix)", c.core_competencies),
        ),
        ("entrées de besoins", c.requirement_entries, String::new()),
        ("modules", c.modules, String::new()),
        ("nœuds du graphe", c.graph_nodes, String::new()),
        ("liens du graphe", c.graph_edges, String::new()),
    ];
    let mut out = format!("ok : {origin}\n");
    for (label, n, detail) in rows {
        if detail.is_empty() {
            out.push_str(&format!("  {label:<24} {n:>5}\n"));
        } else {
            out.push_str(&format!("  {label:<24} {n:>5}  ({detail})\n"));
        }
    }
    out
}
