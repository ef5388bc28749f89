//! Views of the reference graph for the `recommendations` and `metiers` commands: the
//! serializable records of their JSON output and their table and Markdown renderings.

use crate::text::{md_code, md_table, md_text, number, table, truncate};
use itertools::Itertools;
use parcours_graph::ids::{EffectNumber, GroupId, RecNumber};
use parcours_graph::model::Recommendation;
use parcours_graph::vocab::{Category, Horizon, Nature};
use parcours_graph::{Graph, ReferenceData};
use serde::Serialize;
use std::fmt::Write;

/// A recommendation as the `recommendations` command shows it.
#[derive(Clone, Debug, Serialize)]
pub struct RecommendationView {
    /// 1 to 41.
    pub number: u16,
    /// Effect number.
    pub effect: u16,
    /// `"short"` or `"long"`.
    pub horizon: &'static str,
    /// The ➔ flag.
    pub priority: bool,
    /// Lead sentence.
    pub title: String,
    /// Text after the lead sentence, when the seed has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub continuation: Option<String>,
    /// Sub-points.
    pub points: Vec<String>,
    /// Footnotes attached to it.
    pub footnotes: Vec<FootnoteView>,
    /// Footnotes the study attaches to its two horizons (they apply to every recommendation).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub horizon_footnotes: Vec<FootnoteView>,
    /// Footnotes attached to the heading of its effect.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub effect_footnotes: Vec<FootnoteView>,
    /// `"training"` or `"institutional"` (the project's reading).
    pub nature: &'static str,
    /// The institutional kind, for an institutional recommendation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub institutional_kind: Option<&'static str>,
    /// Audiences (French labels).
    pub audiences: Vec<&'static str>,
    /// Métier groups of recommendation 23.
    pub groups: Vec<String>,
    /// Competencies developed, as `competency:level`.
    pub develops: Vec<String>,
    /// Modules implementing it (empty for an institutional one).
    pub modules: Vec<String>,
    /// Number of métiers it concerns.
    pub metiers_concerned: usize,
    /// The project's rationale for this reading.
    pub reading_rationale: String,
}

/// A footnote in a view.
#[derive(Clone, Debug, Serialize)]
pub struct FootnoteView {
    /// Footnote number in the study.
    pub number: u16,
    /// Verbatim text.
    pub text: String,
}

/// Filters of the `recommendations` command.
#[derive(Clone, Debug, Default)]
pub struct RecommendationFilter {
    /// Only this effect.
    pub effect: Option<EffectNumber>,
    /// Only this horizon.
    pub horizon: Option<Horizon>,
    /// Only priority (➔) ones.
    pub priority_only: bool,
}

/// Builds the views of the recommendations that pass `filter`, by number.
pub fn recommendation_views(
    graph: &Graph,
    filter: &RecommendationFilter,
) -> Vec<RecommendationView> {
    let data = graph.data();
    data.recommendations()
        .iter()
        .filter(|r| filter.effect.is_none_or(|e| r.effect == e))
        .filter(|r| filter.horizon.is_none_or(|h| r.horizon == h))
        .filter(|r| !filter.priority_only || r.priority)
        .map(|r| recommendation_view(graph, r))
        .collect()
}

/// The views of footnotes by number (unknown numbers are skipped).
fn footnote_views(
    data: &parcours_graph::ReferenceData,
    numbers: &[parcours_graph::ids::FootnoteNumber],
) -> Vec<FootnoteView> {
    numbers
        .iter()
        .filter_map(|n| data.footnote(*n))
        .map(|f| FootnoteView {
            number: f.number.0,
            text: f.text.clone(),
        })
        .collect()
}

/// The view of one recommendation.
pub(crate) fn recommendation_view(graph: &Graph, r: &Recommendation) -> RecommendationView {
    let data = graph.data();
    let (nature, kind) = match &r.reading.nature {
        Nature::Training => ("training", None),
        Nature::Institutional { kind } => ("institutional", Some(kind.label())),
    };
    RecommendationView {
        number: r.number.0,
        effect: r.effect.0,
        horizon: r.horizon.key(),
        priority: r.priority,
        title: r.title.clone(),
        continuation: r.continuation.clone(),
        points: r.points.clone(),
        footnotes: footnote_views(data, &r.footnotes),
        horizon_footnotes: footnote_views(data, data.horizon_footnotes()),
        effect_footnotes: data
            .effect(r.effect)
            .map(|e| footnote_views(data, &e.footnotes))
            .unwrap_or_default(),
        nature,
        institutional_kind: kind,
        audiences: r.reading.audiences.iter().map(|a| a.label()).collect(),
        groups: r.reading.groups.iter().map(|g| g.0.clone()).collect(),
        develops: r
            .reading
            .develops
            .iter()
            .map(|t| format!("{}:{}", t.competency, t.level))
            .collect(),
        modules: graph
            .modules_implementing(r.number)
            .into_iter()
            .map(|m| m.0)
            .collect(),
        metiers_concerned: graph.metiers_concerned(r.number).len(),
        reading_rationale: r.reading.rationale.clone(),
    }
}

/// The audiences of a recommendation's reading, or what it means when its text names none.
pub fn audiences_text(audiences: &[&str]) -> String {
    if audiences.is_empty() {
        "aucun public désigné par le texte (métiers concernés par leurs groupes ou leurs compétences)"
            .to_owned()
    } else {
        audiences.join(", ")
    }
}

fn flag(priority: bool) -> &'static str {
    if priority { "➔" } else { "" }
}

fn horizon_fr(key: &str) -> &'static str {
    if key == "short" {
        "court terme"
    } else {
        "long terme"
    }
}

/// Renders recommendation views as a terminal table.
pub fn recommendations_table(views: &[RecommendationView], width: u16) -> String {
    let rows = views
        .iter()
        .map(|v| {
            vec![
                format!("{}", v.number),
                flag(v.priority).to_owned(),
                format!("{}", v.effect),
                horizon_fr(v.horizon).to_owned(),
                if v.nature == "training" {
                    "formation".into()
                } else {
                    "institutionnelle".into()
                },
                v.modules.len().to_string(),
                truncate(&v.title, 90),
            ]
        })
        .collect();
    let mut out = table(
        &[
            "N°",
            "➔",
            "Effet",
            "Horizon",
            "Nature",
            "Modules",
            "Préconisation",
        ],
        rows,
        width,
    );
    let _ = writeln!(
        out,
        "{}",
        crate::plan_text::plural(views.len() as u64, "préconisation", "préconisations")
    );
    out
}

/// Renders recommendation views as a Markdown document, grouped by effect.
pub fn recommendations_md(graph: &Graph, views: &[RecommendationView]) -> String {
    let data = graph.data();
    let mut out = String::from("# Préconisations de l'étude CNFPT sur la transition numérique\n\n");
    out.push_str("Source : CNFPT, *Les impacts de la transition numérique sur les métiers de la fonction publique territoriale – volet prospectif*, octobre 2021, sections VI.3–VI.4. ");
    out.push_str("La nature, les publics et les compétences sont la lecture du projet parcours.\n");
    out.push_str("\nLes préconisations relèvent de deux horizons : court terme (0-5 ans) et plus long terme (5-10 ans).\n");
    for f in footnote_views(data, data.horizon_footnotes()) {
        let _ = writeln!(out, "\n> Note {} : {}", f.number, f.text);
    }
    for (effect, group) in &views.iter().chunk_by(|v| v.effect) {
        let e = data.effect(EffectNumber(effect));
        let title = e.map_or("", |e| e.title.as_str());
        let _ = write!(out, "\n## Effet {effect} — {}\n", md_text(title));
        for f in e
            .map(|e| footnote_views(data, &e.footnotes))
            .unwrap_or_default()
        {
            let _ = writeln!(out, "\n> Note {} : {}", f.number, md_text(&f.text));
        }
        let list = |items: &[String]| items.iter().map(|i| md_text(i)).join(", ");
        for v in group {
            let _ = write!(
                out,
                "\n### {}{}. {}\n\n",
                if v.priority { "➔ " } else { "" },
                v.number,
                md_text(&v.title)
            );
            if let Some(c) = &v.continuation {
                let _ = writeln!(out, "{}\n", md_text(c));
            }
            for p in &v.points {
                let _ = writeln!(out, "- {}", md_text(p));
            }
            if !v.points.is_empty() {
                out.push('\n');
            }
            for f in &v.footnotes {
                let _ = writeln!(out, "> Note {} : {}\n", f.number, md_text(&f.text));
            }
            let nature = match v.institutional_kind {
                Some(k) => format!("institutionnelle ({k}) — sans module, par construction"),
                None => format!("formation — modules : {}", list(&v.modules)),
            };
            let _ = writeln!(out, "- **Horizon** : {}", horizon_fr(v.horizon));
            let _ = writeln!(out, "- **Nature** : {nature}");
            let _ = writeln!(out, "- **Publics** : {}", audiences_text(&v.audiences));
            if !v.groups.is_empty() {
                let _ = writeln!(out, "- **Groupes de métiers** : {}", list(&v.groups));
            }
            if !v.develops.is_empty() {
                let _ = writeln!(out, "- **Compétences** : {}", list(&v.develops));
            }
            let _ = writeln!(out, "- **Métiers concernés** : {}", v.metiers_concerned);
            let _ = writeln!(
                out,
                "- **Lecture du projet** : {}",
                md_text(&v.reading_rationale)
            );
        }
    }
    out
}

/// A métier as the `metiers` command shows it.
#[derive(Clone, Debug, Serialize)]
pub struct MetierView {
    /// Stable id.
    pub id: String,
    /// French name.
    pub name: String,
    /// Subset of `"sensitive"`, `"high_headcount"`, `"shrinking"`.
    pub categories: Vec<&'static str>,
    /// Métier groups of recommendation 23.
    pub groups: Vec<String>,
    /// Field of local public action (id).
    pub field: String,
    /// Statutory stream (French label).
    pub filiere: &'static str,
    /// Roles held (French labels).
    pub roles: Vec<&'static str>,
    /// National headcount where a public figure exists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headcount: Option<u32>,
    /// Number of competency targets (core included).
    pub targets: usize,
}

/// Filters of the `metiers` command.
#[derive(Clone, Debug, Default)]
pub struct MetierFilter {
    /// Only métiers in this category.
    pub category: Option<Category>,
    /// Only métiers in this group.
    pub group: Option<GroupId>,
}

/// Keeps of `list` the métiers a job title names (every word found in a name or an alias),
/// or, when none does, the closest ones; in that order (`metiers --search`).
pub fn search_metiers(data: &ReferenceData, list: &mut Vec<MetierView>, text: &str) {
    let matcher = parcours_graph::titles::TitleMatcher::new(data);
    let mut found: Vec<String> = matcher
        .search(text)
        .into_iter()
        .map(|m| m.to_string())
        .collect();
    if found.is_empty() {
        // Nothing holds every word: the closest métiers.
        found = matcher
            .suggest(text, 5)
            .into_iter()
            .map(|s| s.metier.to_string())
            .collect();
    }
    list.retain(|v| found.contains(&v.id));
    list.sort_by_key(|v| found.iter().position(|f| *f == v.id));
}

/// Builds the views of the métiers that pass `filter`, in file order (by field, then name).
pub fn metier_views(graph: &Graph, filter: &MetierFilter) -> Vec<MetierView> {
    let data = graph.data();
    data.metiers()
        .iter()
        .filter(|m| filter.category.is_none_or(|c| data.in_category(&m.id, c)))
        .filter(|m| filter.group.as_ref().is_none_or(|g| m.groups.contains(g)))
        .map(|m| MetierView {
            id: m.id.0.clone(),
            name: m.name.clone(),
            categories: data
                .categories(&m.id)
                .into_iter()
                .map(Category::key)
                .collect(),
            groups: m.groups.iter().map(|g| g.0.clone()).collect(),
            field: m.field.0.clone(),
            filiere: m.filiere.label(),
            roles: m.roles.iter().map(|a| a.label()).collect(),
            headcount: m.headcount.as_ref().map(|h| h.agents),
            targets: data.targets(&m.id).len(),
        })
        .collect()
}

fn category_marks(cats: &[&str]) -> String {
    cats.iter()
        .map(|c| match *c {
            "sensitive" => "S",
            "high_headcount" => "E",
            _ => "B",
        })
        .join("")
}

/// Renders métier views as a terminal table.
pub fn metiers_table(views: &[MetierView], width: u16) -> String {
    let rows = views
        .iter()
        .map(|v| {
            vec![
                v.id.clone(),
                truncate(&v.name, 60),
                category_marks(&v.categories),
                v.groups.join(", "),
                v.field.clone(),
            ]
        })
        .collect();
    let mut out = table(&["Id", "Métier", "Cat.", "Groupes", "Champ"], rows, width);
    let _ = writeln!(
        out,
        "{} — catégories : S sensible, E fort effectif, B effectif possiblement en baisse",
        crate::plan_text::plural(views.len() as u64, "métier", "métiers")
    );
    out
}

/// Renders métier views as Markdown.
pub fn metiers_md(graph: &Graph, views: &[MetierView]) -> String {
    let data = graph.data();
    let mut out = String::from("# Métiers territoriaux\n\n");
    out.push_str(&format!(
        "Classement : {} (catégories de la préconisation 23).\n\n",
        data.classification().provenance.label()
    ));
    let rows: Vec<Vec<String>> = views
        .iter()
        .map(|v| {
            vec![
                md_code(&v.id),
                md_text(&v.name),
                v.categories
                    .iter()
                    .map(|c| match *c {
                        "sensitive" => "sensible",
                        "high_headcount" => "fort effectif",
                        _ => "en baisse",
                    })
                    .join(", "),
                v.groups.iter().map(|g| md_text(g)).join(", "),
                md_text(
                    data.field(&parcours_graph::ids::FieldId(v.field.clone()))
                        .map_or(&v.field, |f| &f.name),
                ),
                v.filiere.to_owned(),
                v.headcount.map(number).unwrap_or_default(),
            ]
        })
        .collect();
    out.push_str(&md_table(
        &[
            "Id",
            "Métier",
            "Catégories",
            "Groupes",
            "Champ",
            "Filière",
            "Effectif national",
        ],
        &rows,
    ));
    out.push_str(&format!(
        "\n{}.\n",
        crate::plan_text::plural(views.len() as u64, "métier", "métiers")
    ));
    out
}

/// Recommendation numbers as `R1, R5`.
pub fn rec_list(recs: &[RecNumber]) -> String {
    recs.iter().map(|r| r.to_string()).join(", ")
}
