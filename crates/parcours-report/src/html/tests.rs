//! Tests of the HTML renderers on the shipped data and the template profile.

use super::*;
use crate::views::{MetierFilter, RecommendationFilter, metier_views, recommendation_views};
use parcours_import::formats::{self, Format};
use parcours_planner::check::CheckedProfile;
use parcours_planner::options::PlanOptions;
use parcours_planner::planner::Planner;
use parcours_planner::profile::Profile;
use std::collections::BTreeSet;

fn template() -> Profile {
    formats::parse("t.ron", formats::TEMPLATE, Format::Ron).unwrap()
}

/// The shipped reference data, loaded once (plans borrow from it).
fn shipped() -> &'static ReferenceData {
    static DATA: std::sync::OnceLock<ReferenceData> = std::sync::OnceLock::new();
    DATA.get_or_init(|| ReferenceData::embedded().unwrap())
}

fn render(p: &Profile, options: &PlanOptions) -> (String, Plan<'static>) {
    let data = shipped();
    let graph = Graph::new(data);
    let p = CheckedProfile::new(p.clone(), data)
        .expect("valid")
        .with_options(options)
        .expect("options");
    let plan = Planner::new(&graph).plan(&p);
    (
        plan_html(&plan, data, &crate::part::ReportOptions::default()),
        plan,
    )
}

/// Checks that every element opened is closed, in order (void and self-closed elements aside,
/// the style sheet skipped).
fn assert_balanced(html: &str) {
    const VOID: [&str; 4] = ["meta", "br", "!DOCTYPE", "hr"];
    let mut stack: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        let end = rest.find('>').expect("unterminated tag");
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack.pop().unwrap_or_else(|| panic!("stray </{name}>"));
            assert_eq!(open, name, "</{name}> closes <{open}>");
            continue;
        }
        let name: String = tag
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '/')
            .collect();
        if tag.ends_with('/') || VOID.contains(&name.as_str()) {
            continue;
        }
        if name == "style" {
            let close = rest.find("</style>").expect("unterminated style");
            rest = &rest[close + "</style>".len()..];
            continue;
        }
        stack.push(name);
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
}

/// Sum of the `data-tenths` of the stacked segments of the year in the days-by-effect chart.
fn stacked_tenths(html: &str, year: u16) -> u64 {
    let chart = &html[html.find("id=\"chart-days-by-effect\"").unwrap()..];
    let chart = &chart[..chart.find("</svg>").unwrap()];
    let open = format!("<g data-year=\"{year}\">");
    let group = &chart[chart.find(&open).unwrap()..];
    let group = &group[..group.find("</g>").unwrap()];
    group
        .split("data-tenths=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].parse::<u64>().unwrap())
        .sum()
}

#[test]
fn template_plan_page() {
    let (html, plan) = render(&template(), &PlanOptions::default());
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(
        html.contains("<title>Plan de formation au numérique — Commune de Saint-Exemple</title>")
    );
    for id in [
        "chart-days-by-effect",
        "chart-coverage",
        "chart-heatmap",
        "chart-budget",
    ] {
        assert_eq!(html.matches(&format!("id=\"{id}\"")).count(), 1, "{id}");
    }
    for title in [
        "<h2>Synthèse</h2>",
        "<h2>Plan par année</h2>",
        "<h2>Parcours par métier</h2>",
        "<h2>Reconversions</h2>",
        "<h2>Besoins non financés</h2>",
        "<h2>Indicateurs par préconisation</h2>",
        "<h2>Indicateurs par effet</h2>",
        "préconisations prioritaires (➔)",
    ] {
        assert!(html.contains(title), "{title}");
    }
    // Every scheduled module, in its year's table and in the paths.
    let by_year =
        &html[html.find("id=\"plan-par-annee\"").unwrap()..html.find("id=\"parcours\"").unwrap()];
    let paths = &html[html.find("id=\"parcours\"").unwrap()..];
    for y in &plan.years {
        let table = &by_year[by_year
            .find(&format!("id=\"annee-{}\"", y.year))
            .unwrap_or(0)..];
        let table = &table[..table.find("</section>").unwrap()];
        for s in &y.sessions {
            // Self-training is grouped per métier (its modules by Pix number or title).
            if s.channel == parcours_graph::vocab::Channel::SelfTraining {
                let label = match s.competency.strip_prefix("pix-") {
                    Some(n) => n.replace('-', "."),
                    None => escape(&s.title),
                };
                assert!(table.contains(&label), "{} {}", y.year, s.module);
            } else {
                assert!(
                    table.contains(&format!("<code>{}</code> · {}", s.module, s.level)),
                    "{} {}",
                    y.year,
                    s.module
                );
            }
            // A path's Pix steps are one row (« parcours Pix : 1.1, 2.3 »).
            if s.competency.starts_with("pix-") {
                assert!(paths.contains("parcours Pix : "));
            } else {
                assert!(paths.contains(&format!("<code class=\"id\">{}</code>", s.module)));
            }
        }
    }
    assert!(!html.contains("http://") && !html.contains("https://"));
    assert!(!html.contains("<script") && !html.contains("<link") && !html.contains("<img"));
    assert!(!html.contains("src=") && !html.contains("url(http"));
    assert_eq!(html.matches("<svg").count(), 4);
    assert_eq!(html.matches("</svg>").count(), 4);
    assert_eq!(html.matches("role=\"img\"").count(), 4);
    assert!(html.contains("@media print"));
    assert_balanced(&html);
    // Every priority recommendation is in the summary.
    for n in [1, 5, 6, 11, 13, 19, 33, 34] {
        assert!(html.contains(&format!("P{n}\u{a0}➔")), "P{n}");
    }
}

#[test]
fn stacks_add_up_to_days_used() {
    for options in [
        PlanOptions::default(),
        PlanOptions {
            budget_days: Some(7),
            horizon: Some(12),
        },
    ] {
        let (html, plan) = render(&template(), &options);
        let data = ReferenceData::embedded().unwrap();
        let split = charts::days_by_effect(&plan, &data);
        assert_eq!(split.len(), plan.years.len());
        for (y, shares) in plan.years.iter().zip(&split) {
            assert_eq!(shares.values().sum::<u64>(), y.days_used.0, "{}", y.year);
            assert_eq!(stacked_tenths(&html, y.year), y.days_used.0, "{}", y.year);
        }
    }
}

#[test]
fn equal_split_between_effects() {
    // A line of 1 day justified by recommendations of three effects (3, 5 and 1): 3.4 + 3.3 +
    // 3.3 tenths, the extra tenth to the lowest effect on a tie.
    let (_, mut plan) = render(&template(), &PlanOptions::default());
    let data = ReferenceData::embedded().unwrap();
    let y = &mut plan.years[0];
    y.sessions.truncate(1);
    y.sessions[0].days = Days(10);
    y.sessions[0].recommendations = [23, 33, 1].into_iter().collect();
    y.days_used = Days(10);
    let split = charts::days_by_effect(&plan, &data);
    let effects: Vec<u16> = [23u16, 33, 1]
        .iter()
        .map(|r| data.recommendation(RecNumber(*r)).unwrap().effect.0)
        .collect();
    assert_eq!(split[0].values().sum::<u64>(), 10);
    assert_eq!(
        split[0].len(),
        effects.iter().collect::<BTreeSet<_>>().len()
    );
    assert!(split[0].values().all(|v| *v >= 3 && *v <= 4));
}

#[test]
fn deterministic() {
    let (a, _) = render(&template(), &PlanOptions::default());
    let (b, _) = render(&template(), &PlanOptions::default());
    assert_eq!(a, b);
}

#[test]
fn escapes_profile_text() {
    let mut p = template();
    p.name = "Ville <script>alert(1)</script> & \"Co\" l'été".into();
    let (html, _) = render(&p, &PlanOptions::default());
    assert!(!html.contains("<script>"));
    assert!(
        html.contains("Ville &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot; l&#39;été")
    );
    assert_balanced(&html);
    assert_eq!(
        escape("<a href='x'>&\"</a>"),
        "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"
    );
}

#[test]
fn small_budget_long_horizon() {
    // Unfunded lines, a rotated year axis, an empty year: still well formed.
    let options = PlanOptions {
        budget_days: Some(3),
        horizon: Some(20),
    };
    let (html, plan) = render(&template(), &options);
    assert!(!plan.unfunded.is_empty());
    assert!(html.contains("budget insuffisant"));
    assert!(!html.contains("Tout est financé"));
    assert_balanced(&html);
    // Every year has its heading, alone or in a run of years without a session.
    let runs: Vec<(u16, u16)> = html
        .split("<h3>")
        .skip(1)
        .filter_map(|h| {
            let (a, rest) = h.split_once(" à ")?;
            let b = rest.split_once(" — années")?.0;
            Some((a.parse().ok()?, b.parse().ok()?))
        })
        .collect();
    for y in &plan.years {
        let alone = html.contains(&format!("id=\"annee-{}\"", y.year));
        let in_run = runs.iter().any(|(a, b)| (*a..=*b).contains(&y.year));
        assert!(alone || (in_run && y.sessions.is_empty()), "{}", y.year);
    }
}

#[test]
fn heat_map_counts() {
    let (html, plan) = render(&template(), &PlanOptions::default());
    let data = ReferenceData::embedded().unwrap();
    let names = Names::new(&plan, &data);
    let rows = charts::heat_rows(&plan, &names);
    assert_eq!(rows.len(), plan.paths.len());
    for (id, _, headcount, cells) in &rows {
        for (c, y) in cells.iter().zip(&plan.years) {
            let most = y
                .sessions
                .iter()
                .flat_map(|s| &s.by_metier)
                .filter(|m| m.metier == *id)
                .map(|m| m.agents)
                .max()
                .unwrap_or(0);
            assert_eq!(c.agents, most);
            assert!(c.agents <= *headcount, "{id} {}", y.year);
        }
    }
    let cells = html.matches("data-agents=\"").count();
    assert_eq!(cells, plan.paths.len() * plan.years.len());
}

#[test]
fn graph_pages() {
    let data = ReferenceData::embedded().unwrap();
    let graph = Graph::new(&data);
    let views = recommendation_views(&graph, &RecommendationFilter::default());
    let html = recommendations_html(&graph, &views);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    for v in &views {
        assert!(html.contains(&format!("id=\"p{}\"", v.number)));
    }
    assert_eq!(html.matches("<h2>Effet ").count(), data.effects().len());
    assert!(!html.contains("http://") && !html.contains("https://"));
    assert_balanced(&html);
    assert_eq!(html, recommendations_html(&graph, &views));

    let views = metier_views(&graph, &MetierFilter::default());
    let html = metiers_html(&graph, &views);
    for v in &views {
        assert!(html.contains(&format!("<code class=\"id\">{}</code>", v.id)));
    }
    assert!(html.contains("<title>Métiers territoriaux</title>"));
    assert_balanced(&html);
}

#[test]
fn french_numbers() {
    assert_eq!(int(18150), "18\u{202f}150");
    assert_eq!(int(1_234_567), "1\u{202f}234\u{202f}567");
    assert_eq!(int(999), "999");
    assert_eq!(euros(150), "150\u{a0}€");
    assert_eq!(days(Days(125)), "12,5\u{a0}jours");
    assert_eq!(days(Days(10)), "1\u{a0}jour");
    assert_eq!(count(1, "agent", "agents"), "1 agent");
    assert_eq!(count(2, "agent", "agents"), "2 agents");
}

/// The unfunded needs roll up by population and reason, most days first, adding up to the
/// detail; the report opens with what the plan does not do, and the roll-up comes before the
/// detail.
#[test]
fn unfunded_needs_roll_up_by_population_and_reason() {
    let (html, plan) = render(
        &template(),
        &PlanOptions {
            budget_days: Some(10),
            ..PlanOptions::default()
        },
    );
    let rollup = crate::plan_text::unfunded_rollup(&plan);
    assert!(!rollup.is_empty());
    assert!(rollup.windows(2).all(|w| w[0].days >= w[1].days));
    let keys: BTreeSet<(&str, String)> = rollup
        .iter()
        .map(|r| (r.metier, format!("{:?}", r.reason)))
        .collect();
    assert_eq!(keys.len(), rollup.len());
    let days: u64 = rollup.iter().map(|r| r.days.0).sum();
    assert_eq!(days, plan.unfunded.iter().map(|u| u.days.0).sum::<u64>());
    let needs: u64 = rollup.iter().map(|r| r.needs).sum();
    assert_eq!(needs, plan.unfunded.len() as u64);
    for r in &rollup {
        let most = plan
            .unfunded
            .iter()
            .filter(|u| u.metier == r.metier && u.reason == r.reason)
            .map(|u| u.agents)
            .max();
        assert_eq!(Some(r.agents), most);
    }
    let by = html.find("Par population et motif").expect("the roll-up");
    assert!(by < html.find("Le détail, par score").expect("the detail"));
    let opening = html
        .find("<section id=\"ne-fait-pas\">")
        .expect("opens with it");
    assert!(opening < html.find("<section id=\"synthese\">").unwrap());
}
