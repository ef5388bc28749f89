//! Views of the reference graph for the `recommendations`, `metiers` and `show` commands: the
//! serializable records of their JSON output and their table and Markdown renderings.

use crate::text::{md_code, md_table, md_text, table, truncate};
use itertools::Itertools;
use parcours_graph::Graph;
use parcours_graph::graph::{Node, Reason};
use parcours_graph::ids::{EffectNumber, GroupId, RecNumber};
use parcours_graph::model::{Prerequisite, Recommendation};
use parcours_graph::vocab::{Category, Horizon, Nature};
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
    data.recommendations
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

fn recommendation_view(graph: &Graph, r: &Recommendation) -> RecommendationView {
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
        horizon_footnotes: footnote_views(data, &data.horizon_footnotes),
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
    let _ = writeln!(out, "{} préconisation(s)", views.len());
    out
}

/// Renders recommendation views as a Markdown document, grouped by effect.
pub fn recommendations_md(graph: &Graph, views: &[RecommendationView]) -> String {
    let data = graph.data();
    let mut out = String::from("# Préconisations de l'étude CNFPT sur la transition numérique\n\n");
    out.push_str("Source : CNFPT, *Les impacts de la transition numérique sur les métiers de la fonction publique territoriale – volet prospectif*, octobre 2021, sections VI.3–VI.4. ");
    out.push_str("La nature, les publics et les compétences sont la lecture du projet parcours.\n");
    out.push_str("\nLes préconisations relèvent de deux horizons : court terme (0-5 ans) et plus long terme (5-10 ans).\n");
    for f in footnote_views(data, &data.horizon_footnotes) {
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

/// Builds the views of the métiers that pass `filter`, in file order (by field, then name).
pub fn metier_views(graph: &Graph, filter: &MetierFilter) -> Vec<MetierView> {
    let data = graph.data();
    data.metiers
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
        "{} métier(s) — catégories : S sensible, E fort effectif, B effectif possiblement en baisse",
        views.len()
    );
    out
}

/// Renders métier views as Markdown.
pub fn metiers_md(graph: &Graph, views: &[MetierView]) -> String {
    let data = graph.data();
    let mut out = String::from("# Métiers territoriaux\n\n");
    out.push_str(&format!(
        "Classement : {} (catégories de la préconisation 23).\n\n",
        data.classification.provenance.label()
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
                v.headcount.map(|h| h.to_string()).unwrap_or_default(),
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
    out.push_str(&format!("\n{} métier(s).\n", views.len()));
    out
}

/// The detail of one node and its neighbours, for `show`, as Markdown-flavoured text.
pub fn show_text(graph: &Graph, node: &Node) -> String {
    let data = graph.data();
    let mut out = String::new();
    match node {
        Node::Recommendation(n) => {
            if let Some(r) = data.recommendation(*n) {
                let v = recommendation_view(graph, r);
                let _ = writeln!(
                    out,
                    "# {}Préconisation {} — effet {}",
                    if r.priority { "➔ " } else { "" },
                    n.0,
                    r.effect.0
                );
                if let Some(e) = data.effect(r.effect) {
                    let _ = writeln!(out, "\nEffet {} : {}", e.number.0, e.title);
                    for f in &v.effect_footnotes {
                        let _ = writeln!(out, "  Note {} : {}", f.number, f.text);
                    }
                }
                let _ = writeln!(out, "\n{}", r.title);
                if let Some(c) = &r.continuation {
                    let _ = writeln!(out, "{c}");
                }
                for p in &r.points {
                    let _ = writeln!(out, "  - {p}");
                }
                for f in &v.footnotes {
                    let _ = writeln!(out, "  Note {} : {}", f.number, f.text);
                }
                let _ = writeln!(out, "\nHorizon : {}", r.horizon.label());
                for f in &v.horizon_footnotes {
                    let _ = writeln!(out, "  Note {} : {}", f.number, f.text);
                }
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
                    if let Some(module) = data.module(&parcours_graph::ids::ModuleId(m.clone())) {
                        let _ = writeln!(
                            out,
                            "- {m} — {} ({} h, {})",
                            module.title,
                            module.hours,
                            module.modality.label()
                        );
                    }
                }
                let concerned = graph.metiers_concerned(*n);
                let _ = writeln!(out, "\n## Métiers concernés ({})", concerned.len());
                for (m, reasons) in &concerned {
                    let _ = writeln!(
                        out,
                        "- {m} ({})",
                        reasons.iter().map(reason_text).join(", ")
                    );
                }
            }
        }
        Node::Metier(id) => {
            if let Some(m) = data.metier(id) {
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
                            "non, métier propre au projet (hors des trois listes de l'étude)"
                                .to_owned(),
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
                        h.agents, h.year, h.source
                    );
                }
                let _ = writeln!(
                    out,
                    "Provenance : {}{}",
                    m.provenance.label(),
                    m.provenance
                        .detail()
                        .map(|d| format!(" — {d}"))
                        .unwrap_or_default()
                );
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
        }
        Node::Competency(id) => {
            if let Some(c) = data.competency(id) {
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
                    .metiers
                    .iter()
                    .filter(|m| data.targets(&m.id).iter().any(|t| &t.competency == id))
                    .map(|m| m.id.0.clone())
                    .collect();
                let _ = writeln!(out, "\n## Métiers qui la requièrent ({})", requiring.len());
                if !requiring.is_empty() {
                    let _ = writeln!(out, "{}", requiring.join(", "));
                }
                let recs: Vec<String> = data
                    .recommendations
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
        }
        Node::Module(id) => {
            if let Some(m) = data.module(id) {
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
                let _ = writeln!(
                    out,
                    "Provenance : {}{}",
                    m.provenance.label(),
                    m.provenance
                        .detail()
                        .map(|d| format!(" — {d}"))
                        .unwrap_or_default()
                );
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
                let closure = graph.prerequisite_closure(id);
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
        }
        Node::Effect(n) => {
            if let Some(e) = data.effect(*n) {
                let _ = writeln!(out, "# Effet {} — {}", n.0, e.title);
                for r in graph.recommendations_of_effect(*n) {
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
        }
        Node::Group(g) => {
            if let Some(gr) = data.group(g) {
                let _ = writeln!(
                    out,
                    "# Groupe de métiers : {} (`{}`)\n\n« {} »",
                    gr.name, gr.id, gr.seed_text
                );
                let members: Vec<&str> = data
                    .metiers
                    .iter()
                    .filter(|m| m.groups.contains(g))
                    .map(|m| m.id.as_str())
                    .collect();
                let _ = writeln!(
                    out,
                    "\n## Métiers ({})\n{}",
                    members.len(),
                    members.join(", ")
                );
            }
        }
        Node::Audience(a) => {
            let _ = writeln!(out, "# Public : {}", a.label());
        }
    }
    out.push_str("\n## Voisins dans le graphe\n");
    for (dir, other, edge) in graph.neighbours(node) {
        let arrow = match dir {
            parcours_graph::graph::Direction::Outgoing => "→",
            parcours_graph::graph::Direction::Incoming => "←",
        };
        let _ = writeln!(out, "- {arrow} {} [{}]", other.key(), edge.label());
    }
    out
}

fn reason_text(r: &Reason) -> String {
    match r {
        Reason::Group(g) => format!("groupe {g}"),
        Reason::Role(a) => format!("rôle : {}", a.label()),
        Reason::AllAgents => "tous les agents".into(),
        Reason::Competency(c) => format!("compétence {c}"),
    }
}

/// Recommendation numbers as `R1, R5`.
pub fn rec_list(recs: &[RecNumber]) -> String {
    recs.iter().map(|r| r.to_string()).join(", ")
}
