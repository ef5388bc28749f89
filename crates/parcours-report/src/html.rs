//! The plan and the graph views as self-contained HTML pages, in French, made to be read on
//! screen and printed for a staff committee.
//!
//! Every page is one file: inline CSS (with `@media print` rules: a page break before each
//! major section, table rows never cut, table headers repeated, black-and-white friendly), no
//! script — but the national demand page's one, which sorts its tables, allowed by its hash
//! (`csp`) —, no external resource (a `Content-Security-Policy` forbids any), and the plan's
//! charts as hand-written inline SVG (the `charts` submodule). Every text coming from the
//! data or the profile goes through [`escape`]. Output is deterministic: ordered maps only,
//! numbers with a fixed precision, no clock.

mod charts;
mod csp;
mod curve;
mod demand_charts;
mod tiles;

pub use csp::script_source;

pub use curve::budget_curve_html;

use crate::funding::{
    CHANNEL_HEADER, below_minimum, below_minimum_notes, below_minimum_tag, channel_rows,
    channels_sentence, funding_sentences, split_year,
};
use crate::part::{self, Part, ReportOptions};
use crate::plan_text::{
    RECONVERSION_HOURS, RECONVERSION_RANKING, ROLLUP_HEADER, ROLLUP_NOTE, category_fr,
    explain_score, reason_fr, reconversion_shared, unfunded_rollup,
};
use crate::statutory;
use crate::views::{MetierView, RecommendationView};
use itertools::Itertools;
use parcours_graph::ids::{EffectNumber, FieldId, MetierId, ModuleId, RecNumber};
use parcours_graph::vocab::{Channel, Modality, Nature};
use parcours_graph::{Graph, ReferenceData};
use parcours_planner::curve::BudgetCurve;
use parcours_planner::plan::{Coverage, Days, Plan, ProfileSummary, SessionLine};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Escapes `&`, `<`, `>`, `"` and `'` so that `s` is safe in HTML text and attribute values
/// (and in inline SVG).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The style sheet shared by every page.
const CSS: &str = r#":root { --ink: #111; --muted: #4d4d4d; --line: #b8b8b8; --head: #e6eaf0; --zebra: #f6f7f9; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1120px; padding: 24px 32px 48px; color: var(--ink); background: #fff;
  font-family: "Marianne", "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif;
  font-size: 15px; line-height: 1.45; }
h1 { font-size: 1.9em; line-height: 1.2; margin: .15em 0 .3em; }
h2 { font-size: 1.4em; margin: 1.8em 0 .6em; padding-bottom: .15em; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.1em; margin: 1.4em 0 .35em; }
p { margin: .4em 0 .7em; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: .8em; color: var(--muted); margin: 0; }
.subtitle { color: var(--muted); margin: 0 0 1em; }
nav.toc { border: 1px solid var(--line); padding: .5em 1em; margin: 1em 0 1.5em; }
nav.toc p { margin: 0; font-weight: bold; }
nav.toc ol { columns: 2; margin: .3em 0; padding-left: 1.4em; }
nav.toc a { color: inherit; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 1.2em; font-size: .86em; }
th, td { border: 1px solid var(--line); padding: 3px 6px; vertical-align: top; text-align: left; }
thead th { background: var(--head); border-bottom: 2px solid var(--ink); }
tbody tr:nth-child(even) td { background: var(--zebra); }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; width: 1%; }
.tight { white-space: nowrap; width: 1%; }
th.num, th.tight { white-space: normal; }
caption { caption-side: top; text-align: left; font-size: .9em; color: var(--muted); padding-bottom: .2em; }
code { font-family: "DejaVu Sans Mono", Consolas, "Liberation Mono", monospace; font-size: .9em; }
.id { display: block; color: var(--muted); font-size: .85em; overflow-wrap: anywhere; }
.badge { display: inline-block; border: 1px solid currentColor; border-radius: 3px; padding: 0 4px; margin-left: 2px;
  font-size: .78em; font-weight: normal; white-space: nowrap; }
.prio { font-weight: bold; }
.cats { display: block; color: var(--muted); }
.kpis { display: grid; grid-template-columns: repeat(3, 1fr); gap: 10px; margin: 1em 0 1.2em; }
.kpi { border: 1px solid var(--line); border-left: 5px solid var(--ink); padding: 6px 10px; }
.kpi .v { display: block; font-size: 1.45em; font-weight: bold; }
.kpi .l { display: block; color: var(--muted); font-size: .85em; }
figure { margin: 1em 0 1.6em; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { font-size: .85em; color: var(--muted); margin-top: .3em; }
.note { font-size: .85em; color: var(--muted); }
.meta { color: var(--muted); margin-top: 0; }
ul.targets { margin: .3em 0 1em; }
article.rec { border-top: 1px solid var(--line); padding-top: .2em; }
blockquote { margin: .5em 0 .8em 1em; padding-left: .8em; border-left: 3px solid var(--line); font-size: .9em; }
dl.facts { display: grid; grid-template-columns: 11em 1fr; gap: 2px 12px; margin: .5em 0 1em; font-size: .92em; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
footer { margin-top: 3em; border-top: 1px solid var(--line); padding-top: .6em; font-size: .8em; color: var(--muted); }
@media print {
  @page { size: A4; margin: 14mm 12mm 16mm; }
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  section.page { break-before: page; }
  h2, h3, caption, .meta { break-after: avoid; }
  table { font-size: 8pt; }
  th, td { padding: 2px 4px; }
  tr, figure, .kpi, li, blockquote, dl.facts, nav.toc, header { break-inside: avoid; }
  thead { display: table-header-group; }
  nav.toc a { text-decoration: none; }
  .kpis { grid-template-columns: repeat(3, 1fr); }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// A complete page: doctype, head (charset, title, style, a policy that forbids any external
/// resource) and `body`.
fn page(title: &str, body: &str) -> String {
    page_with(title, body, None)
}

/// [`page`], with `script` run at the end of the body: the policy allows that script alone,
/// by its hash.
fn page_with(title: &str, body: &str, script: Option<&str>) -> String {
    let mut out = String::with_capacity(body.len() + CSS.len() + 512);
    out.push_str("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let scripts = script.map_or_else(String::new, |s| {
        format!("; script-src {}", csp::script_source(s))
    });
    let _ = writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'{scripts}\">"
    );
    out.push_str("<meta name=\"generator\" content=\"parcours\">\n");
    let _ = writeln!(out, "<title>{}</title>", escape(title));
    out.push_str("<style>\n");
    out.push_str(CSS);
    out.push_str("</style>\n</head>\n<body>\n");
    out.push_str(body);
    if let Some(script) = script {
        let _ = writeln!(out, "<script>{script}</script>");
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// `n` with narrow no-break spaces between thousands: `18 150`.
fn int(n: u64) -> String {
    parcours_graph::diagnostic::grouped_digits(n, '\u{202f}')
}

/// Euros: `18 150 €`.
fn euros(n: u64) -> String {
    format!("{}\u{a0}€", int(n))
}

/// `n` and the noun, singular for 0 and 1 as French does.
fn count(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", int(n), if n > 1 { many } else { one })
}

/// Days in tenths as text: `12,5 jours`.
fn days(d: Days) -> String {
    format!(
        "{}\u{a0}{}",
        d.french_with('\u{202f}'),
        if d.0 > 10 { "jours" } else { "jour" }
    )
}

/// A share in tenths of a percent: `95,3 %`.
fn percent(tenths: Days) -> String {
    format!("{}\u{a0}%", tenths.french_with('\u{202f}'))
}

/// Share of a coverage at 5 years or at the horizon, `—` when nothing is needed.
fn coverage_pct(c: &Coverage, five: bool) -> String {
    if c.needed == 0 {
        return "—".into();
    }
    percent(if five { c.share_year5 } else { c.share_horizon })
}

/// Share in tenths of a percent, rounded half up as the planner does.
fn share(part: u64, whole: u64) -> Days {
    Days((part * 1000 + whole / 2).checked_div(whole).unwrap_or(0))
}

/// `court terme` / `long terme`.
fn horizon_fr(key: &str) -> &'static str {
    if key == "short" {
        "court terme"
    } else {
        "long terme"
    }
}

/// Names of the métiers and tracks of a plan, by id (from its paths, else the reference data).
struct Names<'a> {
    by_id: BTreeMap<&'a str, &'a str>,
    data: &'a ReferenceData,
}

impl<'a> Names<'a> {
    fn new(plan: &'a Plan, data: &'a ReferenceData) -> Self {
        Names {
            by_id: plan.paths.iter().map(|p| (&*p.metier, &*p.name)).collect(),
            data,
        }
    }
    fn get(&self, id: &str) -> String {
        if let Some(n) = self.by_id.get(id) {
            return (*n).to_owned();
        }
        if let Some(m) = self.data.metier(&MetierId(id.to_owned())) {
            return m.name.clone();
        }
        if let Some(t) = self.data.track(id) {
            return t.name.clone();
        }
        id.to_owned()
    }
}

/// A recommendation number as `P23`, with ➔ and in bold when it is a priority, its lead
/// sentence as a tooltip.
fn rec_ref(data: &ReferenceData, n: u16) -> String {
    match data.recommendation(RecNumber(n)) {
        Some(r) if r.priority => format!(
            "<span class=\"prio\" title=\"{}\">P{n}\u{a0}➔</span>",
            escape(&r.title)
        ),
        Some(r) => format!("<span title=\"{}\">P{n}</span>", escape(&r.title)),
        None => format!("P{n}"),
    }
}

fn rec_refs(data: &ReferenceData, recs: &[u16]) -> String {
    if recs.is_empty() {
        return "—".into();
    }
    recs.iter().map(|r| rec_ref(data, *r)).join(", ")
}

/// Why a line is there: its recommendations (priority ones marked) and the categories of the
/// métiers that justify it — the HTML form of [`crate::plan_text::rationale`], under a column
/// header that names both.
fn rationale_html(data: &ReferenceData, line: &SessionLine) -> String {
    let mut out = rec_refs(data, &line.recommendations);
    if !line.categories.is_empty() {
        let _ = write!(
            out,
            "<span class=\"cats\">métiers {}</span>",
            line.categories
                .iter()
                .map(|c| category_fr(c.key()))
                .join(", ")
        );
    }
    out
}

/// How a table column is laid out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Col {
    /// Text that may wrap and takes the room left.
    T,
    /// A number: right-aligned, as narrow as its content.
    N,
    /// Short text: as narrow as its content.
    S,
    /// Text given this share of the width, in percent.
    W(u8),
}

impl Col {
    fn attr(self) -> String {
        match self {
            Col::T => String::new(),
            Col::N => " class=\"num\"".into(),
            Col::S => " class=\"tight\"".into(),
            Col::W(p) => format!(" style=\"width: {p}%\""),
        }
    }
}

use Col::{N, S, T, W};

/// A table: header cells with their layout, and rows of HTML cells.
fn table(caption: Option<&str>, header: &[(&str, Col)], rows: &[Vec<String>]) -> String {
    let mut out = String::from("<table>\n");
    if let Some(c) = caption {
        let _ = writeln!(out, "<caption>{}</caption>", escape(c));
    }
    out.push_str("<thead><tr>");
    for (h, col) in header {
        let _ = write!(out, "<th scope=\"col\"{}>{}</th>", col.attr(), escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for r in rows {
        out.push_str("<tr>");
        for (k, cell) in r.iter().enumerate() {
            // Widths are set once, on the header.
            let attr = match header.get(k).map(|h| h.1) {
                Some(c @ (N | S)) => c.attr(),
                _ => String::new(),
            };
            let _ = write!(out, "<td{attr}>{cell}</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

fn kpi(value: &str, label: &str) -> String {
    format!(
        "<div class=\"kpi\"><span class=\"v\">{}</span><span class=\"l\">{}</span></div>\n",
        escape(value),
        escape(label)
    )
}

/// Renders a plan as one self-contained HTML page in French: summary, the plan year by year
/// (each line with its rationale), the path of each métier, reconversions, unfunded needs and
/// the indicators per recommendation and per effect, with four inline SVG charts
/// (`chart-days-by-effect`, `chart-coverage`, `chart-heatmap`, `chart-budget`). With
/// `explain`, each line's rationale is followed by its score, component by component.
pub fn plan_html(plan: &Plan, data: &ReferenceData, options: &ReportOptions) -> String {
    let ReportOptions {
        explain,
        part,
        curve,
    } = *options;
    let p = &plan.profile;
    let names = Names::new(plan, data);
    let last_year = plan.years.last().map_or(p.first_year, |y| y.year);
    let mut b = String::new();

    // Cover.
    cover(
        &mut b,
        match part {
            Part::Full => "Plan de formation au numérique",
            Part::Executive => "Plan de formation au numérique — synthèse",
            Part::Annex => "Plan de formation au numérique — annexe",
        },
        p,
        format!(
            "plan sur {} de {} à {}",
            count(u64::from(p.horizon), "an", "ans"),
            p.first_year,
            last_year
        ),
    );
    b.push_str("<nav class=\"toc\" aria-label=\"Sommaire\"><p>Sommaire</p><ol>\n");
    let executive = [
        ("ne-fait-pas", crate::plan_text::LEFT_OUT_TITLE),
        ("synthese", "Synthèse"),
        ("ensemble", "Année par année et par groupe"),
    ];
    let annex = [
        ("plan-par-annee", "Plan par année"),
        ("parcours", "Parcours par métier"),
        ("reconversions", "Reconversions"),
        ("non-finance", "Besoins non financés"),
        ("indicateurs", "Indicateurs par préconisation"),
        ("effets", "Indicateurs par effet"),
    ];
    let shown = executive
        .iter()
        .filter(|_| part.executive())
        .chain(annex.iter().filter(|_| part.annex()));
    for (id, title) in shown {
        let _ = writeln!(b, "<li><a href=\"#{id}\">{title}</a></li>");
    }
    b.push_str("</ol></nav>\n</header>\n");

    if part.executive() {
        left_out(&mut b, plan);
        summary(&mut b, plan, data);
        overview(&mut b, plan, curve);
    }
    if part.annex() {
        by_year(&mut b, plan, data, &names, explain);
        paths(&mut b, plan, data, &names);
        reconversions(&mut b, plan, data, &names);
        unfunded(&mut b, plan, data, &names);
        indicators(&mut b, plan, data);
    } else {
        let _ = writeln!(b, "<p class=\"note\">{}</p>", escape(part::ANNEX_NOTE));
    }

    b.push_str("<footer>\n<p>Établi avec parcours d'après l'étude du CNFPT « Les impacts de la transition numérique sur les métiers de la fonction publique territoriale – volet prospectif » (octobre 2021). ");
    b.push_str("Les préconisations sont numérotées comme dans l'étude (P1 à P41, ➔ : prioritaire) ; un jour-stagiaire est un agent formé pendant une journée ");
    let _ = write!(
        b,
        "({} h). Les niveaux cibles et le catalogue de modules sont la lecture du projet parcours.</p>\n</footer>\n",
        p.hours_per_day
    );
    page(&format!("Plan de formation au numérique — {}", p.name), &b)
}

/// The agents of a path's step scheduled each year, one year a line (« — » for none).
fn scheduled_cell(scheduled: &[(u16, u64)]) -> String {
    if scheduled.is_empty() {
        return "—".into();
    }
    scheduled
        .iter()
        .map(|(y, n)| format!("{y}\u{a0}: {}", int(*n)))
        .join("<br>")
}

/// The executive part's overview: the plan's totals year by year and its roll-up per session
/// group or field of action.
fn overview(b: &mut String, plan: &Plan, curve: Option<&BudgetCurve>) {
    b.push_str("<section id=\"ensemble\">\n<h2>Année par année et par groupe</h2>\n");
    let esc = |rows: Vec<Vec<String>>| -> Vec<Vec<String>> {
        rows.into_iter()
            .map(|r| r.into_iter().map(|c| escape(&c)).collect())
            .collect()
    };
    let h = &part::YEAR_HEADER;
    b.push_str(&table(
        Some("Totaux par année"),
        &[(h[0], S), (h[1], N), (h[2], N), (h[3], N), (h[4], N)],
        &esc(part::year_rows(plan)),
    ));
    if let Some(c) = curve {
        let (h, rows) = crate::curve::curve_brief(c);
        let mut cols: Vec<(&str, Col)> = h.iter().map(|x| (x.as_str(), N)).collect();
        if let Some(first) = cols.first_mut() {
            first.1 = S;
        }
        let _ = writeln!(b, "<p class=\"note\">{}</p>", escape(part::CURVE_NOTE));
        b.push_str(&table(Some(part::CURVE_TITLE), &cols, &esc(rows)));
    }
    let h = &part::FAMILY_HEADER;
    b.push_str(&table(
        Some(part::family_title(plan)),
        &[
            (h[0], T),
            (h[1], N),
            (h[2], N),
            (h[3], N),
            (h[4], N),
            (h[5], N),
        ],
        &esc(part::family_rows(plan)),
    ));
    b.push_str("</section>\n");
}

/// The top of a page about a profile: the kicker, the collectivity's name, and a subtitle
/// (its kind, population, department, then `span`).
fn cover(b: &mut String, kicker: &str, p: &ProfileSummary, span: String) {
    let _ = writeln!(b, "<header>\n<p class=\"kicker\">{}</p>", escape(kicker));
    let _ = writeln!(b, "<h1>{}</h1>", escape(&p.name));
    let mut sub = vec![p.kind.label().to_owned()];
    if let Some(n) = p.population {
        sub.push(count(u64::from(n), "habitant", "habitants"));
    }
    if let Some(d) = &p.department {
        sub.push(format!("département {d}"));
    }
    sub.push(span);
    let sub = sub.join(" · ");
    let mut chars = sub.chars();
    let sub: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    let _ = writeln!(b, "<p class=\"subtitle\">{}</p>", escape(&sub));
}

/// What the plan does not do, first.
fn left_out(b: &mut String, plan: &Plan) {
    let _ = writeln!(
        b,
        "<section id=\"ne-fait-pas\">\n<h2>{}</h2>\n<ul>",
        crate::plan_text::LEFT_OUT_TITLE
    );
    for item in crate::plan_text::left_out_items(plan) {
        let _ = writeln!(b, "<li>{}</li>", escape(&item));
    }
    b.push_str("</ul>\n</section>\n");
}

fn summary(b: &mut String, plan: &Plan, data: &ReferenceData) {
    let p = &plan.profile;
    let i = &plan.indicators;
    b.push_str("<section id=\"synthese\">\n<h2>Synthèse</h2>\n<div class=\"kpis\">\n");
    b.push_str(&kpi(
        &count(p.agents, "agent", "agents"),
        &format!(
            "sur {} ; et {}, {} dans leurs parcours",
            count(p.metiers as u64, "métier", "métiers"),
            count(u64::from(p.managers), "encadrant", "encadrants"),
            count(u64::from(p.elected_officials), "élu", "élus")
        ),
    ));
    b.push_str(&kpi(
        &days(i.days_used),
        &format!(
            "jours-stagiaires programmés sur {} disponibles pour le numérique ({})",
            i.days_available.french_with('\u{202f}'),
            percent(share(i.days_used.0, i.days_available.0))
        ),
    ));
    let paid = |c: Channel| {
        i.by_channel
            .iter()
            .find(|t| t.channel == c)
            .map_or(0, |t| t.cost)
    };
    b.push_str(&kpi(
        &i.cost.map_or("—".to_owned(), euros),
        &format!(
            "coût total des actions payantes (intra {}, organismes payants {}, licences {}) ; sessions inter-collectivités du CNFPT sans coût marginal",
            euros(paid(Channel::Intra)),
            euros(paid(Channel::PayingBody)),
            euros(paid(Channel::SelfTraining))
        ),
    ));
    b.push_str(&kpi(
        &coverage_pct(&i.overall, true),
        &format!(
            "des besoins couverts à 5 ans ({} à l'horizon ; court terme : {})",
            coverage_pct(&i.overall, false),
            coverage_pct(&i.short_term, true)
        ),
    ));
    let prio: Vec<&parcours_graph::model::Recommendation> = data
        .recommendations()
        .iter()
        .filter(|r| r.priority)
        .collect();
    b.push_str(&kpi(
        &crate::plan_text::goal_coverage(plan).map_or("—".to_owned(), percent),
        &format!(
            "de couverture moyenne à 5 ans des {} préconisations prioritaires (➔), chacune comptant autant",
            prio.len()
        ),
    ));
    b.push_str(&kpi(
        &days(i.days_unfunded),
        &format!(
            "de besoins non financés ({})",
            count(plan.unfunded.len() as u64, "ligne", "lignes")
        ),
    ));
    b.push_str("</div>\n");
    let _ = writeln!(
        b,
        "<p>Maturité numérique : {}. Budget de formation : {} par an, dont {} de réserve statutaire ; {} au plus par agent et par an pour le plan numérique. Agents au socle numérique de leur métier (toutes les compétences Pix de leurs cibles) : {} au départ, {} à 5 ans, {} à l'horizon, sur {}. {}</p>",
        escape(p.maturity.label()),
        count(
            u64::from(p.budget_days_per_year),
            "jour-stagiaire",
            "jours-stagiaires"
        ),
        statutory::days_word(plan.statutory.reserve_days_per_year),
        count(u64::from(p.max_days_per_agent), "jour", "jours"),
        int(i.agents_at_socle_start),
        int(i.agents_at_socle_year5),
        int(i.agents_at_socle_horizon),
        int(i.agents),
        below_minimum_notes(plan)
            .into_iter()
            .map(|(_, n)| format!("{}.", escape(&n)))
            .join(" ")
    );
    let _ = writeln!(
        b,
        "<p>{}.</p>",
        crate::plan_text::levels_origin_lines(plan)
            .iter()
            .map(|l| escape(l))
            .join(". ")
    );
    let _ = writeln!(
        b,
        "<p>{}.</p>",
        funding_sentences(plan).iter().map(|l| escape(l)).join(". ")
    );
    b.push_str(&table(
        Some("Coût par canal de financement, sur l'horizon du plan"),
        &[
            (CHANNEL_HEADER[0], T),
            (CHANNEL_HEADER[1], N),
            (CHANNEL_HEADER[2], N),
            (CHANNEL_HEADER[3], N),
            (CHANNEL_HEADER[4], N),
        ],
        &channel_rows(&i.by_channel, euros)
            .into_iter()
            .map(|r| r.into_iter().map(|c| escape(&c)).collect())
            .collect::<Vec<_>>(),
    ));
    let _ = writeln!(
        b,
        "<p>Ordre de priorité du plan : {}.</p>",
        escape(crate::plan_text::objective_order(plan))
    );
    let _ = writeln!(
        b,
        "<h3>Les {} préconisations prioritaires (➔) à 5 ans</h3>",
        prio.len()
    );
    let rows: Vec<Vec<String>> = prio
        .iter()
        .map(|r| {
            let cov = i.recommendations.get(&r.number.0);
            let status = match (cov, &r.reading.nature) {
                (Some(_), _) => String::new(),
                (None, Nature::Institutional { kind }) => format!(
                    "<span class=\"cats\">institutionnelle ({}) : hors plan de formation</span>",
                    escape(kind.label())
                ),
                (None, Nature::Training) => {
                    "<span class=\"cats\">aucun besoin dans ce profil</span>".to_owned()
                }
            };
            vec![
                format!("<span class=\"prio\">P{}\u{a0}➔</span>", r.number.0),
                format!("{}{status}", escape(&r.title)),
                r.effect.0.to_string(),
                cov.map_or("—".into(), |c| int(c.needed)),
                cov.map_or("—".into(), |c| coverage_pct(c, true)),
                cov.map_or("—".into(), |c| coverage_pct(c, false)),
            ]
        })
        .collect();
    b.push_str(&table(
        Some("Besoins en agents × niveaux, couverts par les sessions programmées"),
        &[
            ("N°", S),
            ("Préconisation", T),
            ("Effet", N),
            ("Besoins", N),
            ("Couverts à 5 ans", N),
            ("À l'horizon", N),
        ],
        &rows,
    ));
    reserve(b, plan);
    b.push_str("</section>\n");
}

/// The training budget and its statutory reserve, year by year, and the obligations it
/// follows from.
fn reserve(b: &mut String, plan: &Plan) {
    let _ = writeln!(b, "<h3 id=\"reserve-statutaire\">{}</h3>", statutory::TITLE);
    let escaped = |rows: Vec<Vec<String>>| -> Vec<Vec<String>> {
        rows.into_iter()
            .map(|r| r.iter().map(|c| escape(c)).collect())
            .collect()
    };
    let header: Vec<(&str, Col)> = statutory::YEAR_HEADER
        .iter()
        .enumerate()
        .map(|(k, h)| (*h, if k == 0 { S } else { N }))
        .collect();
    b.push_str(&table(
        Some("Jours-stagiaires par an"),
        &header,
        &escaped(statutory::year_rows(plan)),
    ));
    if !plan.statutory.lines.is_empty() {
        b.push_str(&table(
            Some("Formations statutaires obligatoires (décret n° 2008-512), aux durées minimales"),
            &[
                (statutory::LINE_HEADER[0], T),
                (statutory::LINE_HEADER[1], S),
                (statutory::LINE_HEADER[2], S),
                (statutory::LINE_HEADER[3], S),
                (statutory::LINE_HEADER[4], N),
            ],
            &escaped(statutory::line_rows(plan)),
        ));
    }
    for note in statutory::notes(plan) {
        let _ = writeln!(b, "<p>{}</p>", escape(&note));
    }
}

fn by_year(b: &mut String, plan: &Plan, data: &ReferenceData, names: &Names, explain: bool) {
    b.push_str("<section id=\"plan-par-annee\" class=\"page\">\n<h2>Plan par année</h2>\n");
    b.push_str(&charts::budget(plan));
    b.push_str(&charts::days_by_effect_chart(plan, data));
    let mut k = 0;
    while k < plan.years.len() {
        let y = &plan.years[k];
        k += 1;
        // Consecutive years without a session share one heading.
        let run = plan.years[k - 1..]
            .iter()
            .take_while(|y| y.sessions.is_empty())
            .count();
        if run > 1 {
            let last = &plan.years[k - 2 + run];
            let horizon = if y.horizon == last.horizon {
                horizon_fr(y.horizon.key())
            } else {
                "court et long terme"
            };
            let _ = writeln!(
                b,
                "<section class=\"year\" id=\"annee-{}\">\n<h3>{} à {} — années {} à {} ({horizon})</h3>\n<p>Aucune session ces années-là ; {} disponibles chaque année.</p>\n</section>",
                y.year,
                y.year,
                last.year,
                y.index,
                last.index,
                days(y.budget_days)
            );
            k += run - 1;
            continue;
        }
        let _ = writeln!(
            b,
            "<section class=\"year\" id=\"annee-{}\">\n<h3>{} — année {} ({})</h3>",
            y.year,
            y.year,
            y.index,
            horizon_fr(y.horizon.key())
        );
        let sessions: u64 = y.sessions.iter().map(|s| s.sessions).sum();
        let mut meta = vec![format!("{} sur {}", days(y.days_used), days(y.budget_days))];
        if let Some(c) = y.cost {
            meta.push(euros(c));
        }
        meta.push(count(sessions, "session", "sessions"));
        meta.push(format!("{} de formateur", days(y.trainer_days)));
        meta.push(count(y.agents_trained, "inscription", "inscriptions"));
        let _ = writeln!(b, "<p class=\"meta\">{}</p>", meta.join(" · "));
        if y.sessions.is_empty() {
            b.push_str("<p>Aucune session cette année.</p>\n</section>\n");
            continue;
        }
        let (sessions, self_training) = split_year(plan, y);
        let mut rows: Vec<Vec<String>> = sessions
            .iter()
            .map(|s| {
                let mut r = vec![
                    format!(
                        "{}{}<span class=\"id\"><code>{}</code> · {} · {} · {}</span>",
                        escape(&s.title),
                        below_minimum(plan, s)
                            .map(|b| format!(
                                " <span class=\"badge\">{}</span>",
                                below_minimum_tag(b)
                            ))
                            .unwrap_or_default(),
                        escape(&s.module.0),
                        escape(&s.level.to_string()),
                        escape(s.modality.label()),
                        escape(s.channel.label())
                    ),
                    s.by_metier
                        .iter()
                        .map(|m| format!("{} ({})", escape(&names.get(&m.metier)), int(m.agents)))
                        .join("<br>"),
                    int(s.agents),
                    escape(&crate::plan_text::sessions_text(s)),
                    s.days.french_with('\u{202f}').to_string(),
                ];
                r.push(s.cost.map_or("—".into(), euros));
                let mut why = rationale_html(data, s);
                if explain {
                    let _ = write!(
                        why,
                        "<span class=\"id\">Score : {}</span>",
                        escape(&explain_score(&s.score_components))
                    );
                }
                r.push(why);
                r
            })
            .collect();
        for g in &self_training {
            rows.push(vec![
                format!(
                    "Autoformation<span class=\"id\">{} · {}</span>",
                    escape(&g.label),
                    escape(&count(g.modules as u64, "module", "modules"))
                ),
                escape(&names.get(&g.metier)),
                int(g.agents),
                Modality::SelfTraining.label().to_owned(),
                g.days.french_with('\u{202f}').to_string(),
                euros(g.cost),
                String::new(),
            ]);
        }
        let header = vec![
            ("Module", W(27)),
            ("Métiers (agents)", W(27)),
            ("Agents", N),
            ("Sessions", N),
            ("Jours", N),
            ("Coût", N),
            ("Préconisations ; catégories", W(22)),
        ];
        b.push_str(&table(None, &header, &rows));
        let _ = writeln!(
            b,
            "<p class=\"meta\">Par canal de financement : {}.</p>",
            escape(&channels_sentence(&y.by_channel))
        );
        b.push_str("</section>\n");
    }
    if plan
        .years
        .iter()
        .flat_map(|y| &y.sessions)
        .any(|s| s.channel == Channel::SelfTraining)
    {
        b.push_str("<p class=\"note\">Autoformation (Pix, e-learning) : une ligne par métier et par année, sans session ; chaque agent suit ses modules seul. Le détail par module est dans les exports JSON, CSV et XLSX.</p>\n");
    }
    for (tag, note) in below_minimum_notes(plan) {
        let _ = writeln!(
            b,
            "<p class=\"note\"><span class=\"badge\">{}</span> {}.</p>",
            below_minimum_tag(tag),
            escape(&note)
        );
    }
    b.push_str("</section>\n");
}

fn paths(b: &mut String, plan: &Plan, data: &ReferenceData, names: &Names) {
    b.push_str("<section id=\"parcours\" class=\"page\">\n<h2>Parcours par métier</h2>\n");
    b.push_str(&charts::heatmap(plan, names));
    for path in &plan.paths {
        let cats = path
            .categories
            .iter()
            .map(|c| category_fr(c.key()))
            .join(", ");
        let _ = writeln!(
            b,
            "<h3 id=\"parcours-{}\">{} <code class=\"muted\">{}</code></h3>",
            escape(&path.metier),
            escape(&path.name),
            escape(&path.metier)
        );
        let _ = writeln!(
            b,
            "<p class=\"meta\">{}{}</p>",
            {
                let (one, many) = crate::plan_text::people_words(path.kind);
                count(path.headcount, one, many)
            },
            if cats.is_empty() {
                String::new()
            } else {
                format!(" · métier {}", escape(&cats))
            }
        );
        if path.steps.is_empty() {
            b.push_str("<p>Aucun besoin : les niveaux cibles sont atteints.</p>\n");
            continue;
        }
        let rows: Vec<Vec<String>> = part::step_views(path)
            .iter()
            .enumerate()
            .map(|(k, v)| {
                let s = match v {
                    part::StepView::One(s) => *s,
                    part::StepView::Pix(p) => {
                        return vec![
                            (k + 1).to_string(),
                            format!(
                                "{}<code class=\"id\">autoformation</code>",
                                escape(&p.label())
                            ),
                            "socle".to_owned(),
                            if p.short_term { "5 ans" } else { "10 ans" }.to_owned(),
                            int(p.agents),
                            scheduled_cell(&p.scheduled),
                            int(p.unfunded),
                            rec_refs(data, &p.recommendations),
                        ];
                    }
                };
                let competency = data
                    .competency(&parcours_graph::ids::CompetencyId(s.competency.to_string()))
                    .map_or(&*s.competency, |c| &c.name)
                    .to_owned();
                vec![
                    (k + 1).to_string(),
                    format!(
                        "{}<code class=\"id\">{}</code>",
                        escape(&s.title),
                        escape(&s.module.0)
                    ),
                    format!("{} → {}", escape(&competency), escape(&s.level.to_string())),
                    format!(
                        "{}{}",
                        if s.short_term { "5 ans" } else { "10 ans" },
                        if s.prerequisite_only {
                            " <span class=\"badge\">prérequis</span>"
                        } else {
                            ""
                        }
                    ),
                    int(s.agents),
                    scheduled_cell(&s.scheduled),
                    int(s.unfunded),
                    rec_refs(data, &s.recommendations),
                ]
            })
            .collect();
        b.push_str(&table(
            None,
            &[
                ("#", N),
                ("Module", W(30)),
                ("Compétence → niveau", W(26)),
                ("Échéance", S),
                ("Agents", N),
                ("Programmé", S),
                ("Non financé", N),
                ("Préconisations", T),
            ],
            &rows,
        ));
    }
    b.push_str("</section>\n");
}

fn reconversions(b: &mut String, plan: &Plan, data: &ReferenceData, names: &Names) {
    // A page of its own only when there is something to print.
    let _ = writeln!(
        b,
        "<section id=\"reconversions\"{}>\n<h2>Reconversions</h2>",
        if plan.reconversions.is_empty() {
            ""
        } else {
            " class=\"page\""
        }
    );
    if plan.reconversions.is_empty() {
        b.push_str("<p>Aucun métier du profil n'est classé « effectif possiblement en baisse » : pas de parcours de reconversion à proposer.</p>\n</section>\n");
        return;
    }
    let _ = writeln!(
        b,
        "<p>Pour chaque métier dont l'effectif est possiblement en baisse (préconisation 23), trois métiers cibles (préconisation 27 : outils de mobilité). {} Les heures sont celles d'un agent. {}</p>",
        escape(RECONVERSION_RANKING),
        escape(RECONVERSION_HOURS)
    );
    for r in &plan.reconversions {
        let _ = writeln!(
            b,
            "<h3>{} <code class=\"muted\">{}</code></h3>\n<p class=\"meta\">{}</p>",
            escape(&r.name),
            escape(&r.metier),
            count(r.agents, "agent", "agents")
        );
        let rows: Vec<Vec<String>> = r
            .targets
            .iter()
            .enumerate()
            .map(|(k, t)| {
                let cats = t.categories.iter().map(|c| category_fr(c.key())).join(", ");
                let modules = if t.modules.is_empty() {
                    "aucun module : les niveaux cibles du métier sont déjà ceux du métier d'origine"
                        .to_owned()
                } else {
                    t.modules
                        .iter()
                        .map(|m| {
                            let title = data.module(m).map_or("", |m| m.title.as_str());
                            format!(
                                "{}<code class=\"id\">{}</code>",
                                escape(title),
                                escape(&m.0)
                            )
                        })
                        .join("")
                };
                vec![
                    (k + 1).to_string(),
                    format!(
                        "{}<code class=\"id\">{}</code>{}",
                        escape(&t.name),
                        escape(&t.metier),
                        if cats.is_empty() {
                            String::new()
                        } else {
                            format!("<span class=\"cats\">métier {}</span>", escape(&cats))
                        }
                    ),
                    escape(&reconversion_shared(Some(data), t)),
                    format!("{}\u{a0}h", int(t.hours)),
                    t.path.iter().map(|m| escape(&names.get(m))).join(" → "),
                    modules,
                ]
            })
            .collect();
        b.push_str(&table(
            None,
            &[
                ("#", N),
                ("Métier cible", T),
                ("En commun", T),
                ("Formation au numérique", N),
                ("Mobilité", T),
                ("Modules, dans l'ordre", T),
            ],
            &rows,
        ));
    }
    b.push_str("</section>\n");
}

fn unfunded(b: &mut String, plan: &Plan, data: &ReferenceData, names: &Names) {
    let _ = writeln!(
        b,
        "<section id=\"non-finance\"{}>\n<h2>Besoins non financés</h2>",
        if plan.unfunded.is_empty() {
            ""
        } else {
            " class=\"page\""
        }
    );
    if plan.unfunded.is_empty() {
        b.push_str("<p>Tout est financé : chaque besoin identifié a sa place dans le plan.</p>\n</section>\n");
        return;
    }
    let _ = writeln!(
        b,
        "<p>{} restent sans financement sur l'horizon du plan, soit {} ({} à financer hors sessions inter-collectivités). Classés par score de priorité décroissant.</p>",
        count(plan.unfunded.len() as u64, "besoin", "besoins"),
        days(plan.indicators.days_unfunded),
        euros(
            plan.unfunded
                .iter()
                .map(|u| u.cost.unwrap_or(0))
                .sum::<u64>()
        )
    );
    let rollup: Vec<Vec<String>> = unfunded_rollup(plan)
        .iter()
        .map(|r| {
            vec![
                escape(&names.get(r.metier)),
                escape(reason_fr(r.reason)),
                int(r.agents),
                int(r.needs),
                r.days.french_with('\u{202f}').to_string(),
            ]
        })
        .collect();
    b.push_str(&table(
        Some("Par population et motif, le plus de jours d'abord"),
        &[
            (ROLLUP_HEADER[0], T),
            (ROLLUP_HEADER[1], T),
            (ROLLUP_HEADER[2], N),
            (ROLLUP_HEADER[3], N),
            (ROLLUP_HEADER[4], N),
        ],
        &rollup,
    ));
    let _ = writeln!(b, "<p>{}</p>", escape(ROLLUP_NOTE));
    let rows: Vec<Vec<String>> = plan
        .unfunded
        .iter()
        .map(|u| {
            vec![
                escape(&names.get(&u.metier)),
                u.module.as_ref().map_or("—".into(), |m: &ModuleId| {
                    let title = data.module(m).map_or("", |m| m.title.as_str());
                    format!(
                        "{}<code class=\"id\">{}</code>",
                        escape(title),
                        escape(&m.0)
                    )
                }),
                format!(
                    "{} → {}",
                    escape(&u.competency),
                    escape(&u.level.to_string())
                ),
                if u.short_term { "5 ans" } else { "10 ans" }.to_owned(),
                int(u.agents),
                u.days.french_with('\u{202f}').to_string(),
                escape(reason_fr(u.reason)),
                rec_refs(data, &u.recommendations),
            ]
        })
        .collect();
    b.push_str(&table(
        Some("Le détail, par score de priorité décroissant"),
        &[
            ("Métier", T),
            ("Module", W(28)),
            ("Compétence → niveau", T),
            ("Échéance", S),
            ("Agents", N),
            ("Jours", N),
            ("Raison", T),
            ("Préconisations", T),
        ],
        &rows,
    ));
    b.push_str("</section>\n");
}

fn indicators(b: &mut String, plan: &Plan, data: &ReferenceData) {
    let i = &plan.indicators;
    b.push_str(
        "<section id=\"indicateurs\" class=\"page\">\n<h2>Indicateurs par préconisation</h2>\n",
    );
    b.push_str("<p>Besoins : agents × niveaux à franchir (un agent qui doit gagner deux niveaux compte deux fois) ; couverts : part de ces besoins programmée à la fin de l'année 5 et à la fin de l'horizon.</p>\n");
    b.push_str(&charts::coverage(plan, data));
    let rows: Vec<Vec<String>> = i
        .recommendations
        .iter()
        .map(|(n, c)| {
            let title = data
                .recommendation(RecNumber(*n))
                .map_or(String::new(), |r| escape(&r.title));
            vec![
                rec_ref(data, *n),
                title,
                plan_effect(data, *n),
                int(c.needed),
                format!("{} ({})", int(c.trained_by_year5), coverage_pct(c, true)),
                format!("{} ({})", int(c.trained_by_horizon), coverage_pct(c, false)),
            ]
        })
        .collect();
    b.push_str(&table(
        None,
        &[
            ("N°", S),
            ("Préconisation", T),
            ("Effet", N),
            ("Besoins", N),
            ("Couverts à 5 ans", N),
            ("Couverts à l'horizon", N),
        ],
        &rows,
    ));
    b.push_str("</section>\n");

    b.push_str("<section id=\"effets\">\n<h2>Indicateurs par effet</h2>\n");
    let rows: Vec<Vec<String>> = i
        .effects
        .iter()
        .map(|(e, c)| {
            let title = data
                .effect(EffectNumber(*e))
                .map_or(String::new(), |x| escape(&x.title));
            vec![
                format!("Effet {e}"),
                title,
                int(c.needed),
                coverage_pct(c, true),
                coverage_pct(c, false),
            ]
        })
        .collect();
    b.push_str(&table(
        None,
        &[
            ("Effet", S),
            ("Intitulé", T),
            ("Besoins", N),
            ("Couverts à 5 ans", N),
            ("Couverts à l'horizon", N),
        ],
        &rows,
    ));
    let mut rows: Vec<Vec<String>> = i
        .categories
        .iter()
        .map(|(k, c)| {
            vec![
                escape(category_fr(k)),
                int(c.needed),
                coverage_pct(c, true),
                coverage_pct(c, false),
            ]
        })
        .collect();
    for (label, c) in [
        ("échéance à 5 ans", &i.short_term),
        ("ensemble des besoins", &i.overall),
    ] {
        rows.push(vec![
            format!("<strong>{label}</strong>"),
            int(c.needed),
            coverage_pct(c, true),
            coverage_pct(c, false),
        ]);
    }
    b.push_str("<h3>Par catégorie de métiers et au total</h3>\n");
    b.push_str(&table(
        None,
        &[
            ("Catégorie (préconisation 23)", T),
            ("Besoins", N),
            ("Couverts à 5 ans", N),
            ("Couverts à l'horizon", N),
        ],
        &rows,
    ));
    b.push_str("</section>\n");
}

fn plan_effect(data: &ReferenceData, n: u16) -> String {
    parcours_planner::plan::effect_of(data, n).map_or("—".into(), |e| e.to_string())
}

/// Renders recommendation views as a self-contained HTML page grouped by effect (the content of
/// [`crate::views::recommendations_md`]).
pub fn recommendations_html(graph: &Graph, views: &[RecommendationView]) -> String {
    let data = graph.data();
    let mut b = String::new();
    b.push_str("<header>\n<p class=\"kicker\">Étude CNFPT — volet prospectif, octobre 2021</p>\n<h1>Préconisations de l'étude CNFPT sur la transition numérique</h1>\n");
    b.push_str("<p class=\"subtitle\">Source : CNFPT, <em>Les impacts de la transition numérique sur les métiers de la fonction publique territoriale – volet prospectif</em>, octobre 2021, sections VI.3–VI.4. La nature, les publics et les compétences sont la lecture du projet parcours.</p>\n");
    b.push_str("<p>Les préconisations relèvent de deux horizons : court terme (0-5 ans) et plus long terme (5-10 ans).</p>\n");
    for &n in data.horizon_footnotes() {
        if let Some(f) = data.footnote(n) {
            let _ = writeln!(
                b,
                "<blockquote>Note {} : {}</blockquote>",
                f.number.0,
                escape(&f.text)
            );
        }
    }
    let _ = writeln!(
        b,
        "<p>{} dont {} (➔).</p>\n</header>",
        count(views.len() as u64, "préconisation", "préconisations"),
        count(
            views.iter().filter(|v| v.priority).count() as u64,
            "prioritaire",
            "prioritaires"
        )
    );
    for (k, (effect, group)) in (&views.iter().chunk_by(|v| v.effect))
        .into_iter()
        .enumerate()
    {
        let e = data.effect(EffectNumber(effect));
        let title = e.map_or("", |e| e.title.as_str());
        let _ = writeln!(
            b,
            "<section id=\"effet-{effect}\"{}>\n<h2>Effet {effect} — {}</h2>",
            if k > 0 { " class=\"page\"" } else { "" },
            escape(title)
        );
        for f in e
            .into_iter()
            .flat_map(|e| &e.footnotes)
            .filter_map(|n| data.footnote(*n))
        {
            let _ = writeln!(
                b,
                "<blockquote>Note {} : {}</blockquote>",
                f.number.0,
                escape(&f.text)
            );
        }
        for v in group {
            let _ = writeln!(
                b,
                "<article class=\"rec\" id=\"p{}\">\n<h3>{}{}. {}</h3>",
                v.number,
                if v.priority {
                    "<span class=\"prio\">➔</span> "
                } else {
                    ""
                },
                v.number,
                escape(&v.title)
            );
            if let Some(c) = &v.continuation {
                let _ = writeln!(b, "<p>{}</p>", escape(c));
            }
            if !v.points.is_empty() {
                b.push_str("<ul>\n");
                for p in &v.points {
                    let _ = writeln!(b, "<li>{}</li>", escape(p));
                }
                b.push_str("</ul>\n");
            }
            for f in &v.footnotes {
                let _ = writeln!(
                    b,
                    "<blockquote>Note {} : {}</blockquote>",
                    f.number,
                    escape(&f.text)
                );
            }
            let nature = match v.institutional_kind {
                Some(k) => format!(
                    "institutionnelle ({}) — sans module, par construction",
                    escape(k)
                ),
                None => format!(
                    "formation — modules : {}",
                    v.modules
                        .iter()
                        .map(|m| format!("<code>{}</code>", escape(m)))
                        .join(", ")
                ),
            };
            b.push_str("<dl class=\"facts\">\n");
            let mut fact = |k: &str, v: String| {
                let _ = writeln!(b, "<dt>{k}</dt><dd>{v}</dd>");
            };
            fact("Horizon", horizon_fr(v.horizon).to_owned());
            fact("Nature", nature);
            fact(
                "Publics",
                escape(&crate::views::audiences_text(&v.audiences)),
            );
            if !v.groups.is_empty() {
                fact(
                    "Groupes de métiers",
                    v.groups.iter().map(|g| escape(g)).join(", "),
                );
            }
            if !v.develops.is_empty() {
                fact(
                    "Compétences",
                    v.develops.iter().map(|d| escape(d)).join(", "),
                );
            }
            fact("Métiers concernés", int(v.metiers_concerned as u64));
            fact("Lecture du projet", escape(&v.reading_rationale));
            b.push_str("</dl>\n</article>\n");
        }
        b.push_str("</section>\n");
    }
    page(
        "Préconisations de l'étude CNFPT sur la transition numérique",
        &b,
    )
}

/// Renders métier views as a self-contained HTML page (the content of
/// [`crate::views::metiers_md`]).
pub fn metiers_html(graph: &Graph, views: &[MetierView]) -> String {
    let data = graph.data();
    let mut b = String::new();
    b.push_str("<header>\n<p class=\"kicker\">Répertoire des métiers territoriaux</p>\n<h1>Métiers territoriaux</h1>\n");
    let _ = writeln!(
        b,
        "<p class=\"subtitle\">Classement : {} (catégories de la préconisation 23). {}.</p>\n</header>",
        escape(data.classification().provenance.label()),
        count(views.len() as u64, "métier", "métiers")
    );
    let rows: Vec<Vec<String>> = views
        .iter()
        .map(|v| {
            vec![
                format!(
                    "{}<code class=\"id\">{}</code>",
                    escape(&v.name),
                    escape(&v.id)
                ),
                v.categories.iter().map(|c| category_fr(c)).join(", "),
                v.groups.iter().map(|g| escape(g)).join(", "),
                escape(
                    &data
                        .field(&FieldId(v.field.clone()))
                        .map_or(v.field.clone(), |f| f.name.clone()),
                ),
                escape(v.filiere),
                v.headcount.map(|h| int(u64::from(h))).unwrap_or_default(),
            ]
        })
        .collect();
    b.push_str("<section id=\"metiers\">\n");
    b.push_str(&table(
        None,
        &[
            ("Métier", T),
            ("Catégories", T),
            ("Groupes", T),
            ("Champ", T),
            ("Filière", T),
            ("Effectif national", N),
        ],
        &rows,
    ));
    b.push_str("</section>\n");
    page("Métiers territoriaux", &b)
}

/// The national demand and pooling report of a batch run, as one self-contained page.
pub fn demand_html(r: &crate::demand::DemandReport) -> String {
    let mut b = String::new();
    b.push_str(
        "<main>\n<h1>Demande nationale de formation au numérique</h1>\n<div class=\"kpis\">\n",
    );
    b.push_str(&kpi(&int(r.profiles), "collectivités"));
    b.push_str(&kpi(&int(r.agents), "agents (effectif)"));
    b.push_str(&kpi(&int(r.elected_officials), "élus (à part)"));
    b.push_str(&kpi(&int(r.enrolments), "inscriptions aux modules"));
    b.push_str(&kpi(&days(r.days_used), "jours-stagiaires programmés"));
    b.push_str(&kpi(&days(r.days_unfunded), "jours non financés"));
    b.push_str(&kpi(
        &int(r.sessions.without_pooling),
        "sessions à ouvrir sans mutualisation",
    ));
    b.push_str(&kpi(
        &int(r.sessions.with_pooling),
        "sessions à ouvrir avec mutualisation",
    ));
    b.push_str(&kpi(
        &int(r.pooling.sessions_without_pooling),
        "dont sous le minimum, sans mutualisation",
    ));
    b.push_str(&kpi(
        &int(r.pooling.sessions_with_pooling),
        "sessions mutualisées qui les remplacent",
    ));
    b.push_str("</div>\n");
    let _ = writeln!(b, "<p>{}</p>", escape(&crate::demand::share_sentence(r)));
    b.push_str(&demand_charts::demand_charts(r));
    b.push_str("<h2>Par année</h2>\n");
    let rows: Vec<Vec<String>> = r
        .years
        .iter()
        .map(|(y, c)| vec![y.to_string(), int(c.sessions), int(c.agents), days(c.days)])
        .collect();
    b.push_str(&table(
        None,
        &[
            ("Année", S),
            ("Sessions", N),
            ("Inscriptions", N),
            ("Jours", N),
        ],
        &rows,
    ));
    let _ = writeln!(
        b,
        "<h2>Par modalité</h2>\n<p>{}</p>",
        escape(crate::demand::modality::MODALITY_NOTE)
    );
    let grouped = crate::demand::modality::Numbers {
        int: &int,
        days: &days,
        text: &|t| escape(t),
    };
    // The first `texts` columns are short text, the others numbers.
    let header = |cols: &'static [&'static str], texts: usize| -> Vec<(&'static str, Col)> {
        cols.iter()
            .enumerate()
            .map(|(k, c)| (*c, if k < texts { S } else { N }))
            .collect()
    };
    b.push_str(&table(
        None,
        &header(&crate::demand::MODALITY_COLUMNS, 2),
        &crate::demand::modality::modality_table(r, &grouped),
    ));
    let _ = writeln!(
        b,
        "<h2>Face à la capacité nationale</h2>\n<p>{}</p>",
        escape(&crate::demand::modality::capacity_sentence())
    );
    b.push_str(&table(
        None,
        &header(&crate::demand::CAPACITY_COLUMNS, 1),
        &crate::demand::modality::capacity_table(r, &grouped),
    ));
    if let Some(c) = &r.comparison {
        use crate::demand::compare;
        let _ = writeln!(
            b,
            "<h2>Avec une autre part du budget</h2>\n<p>{}</p>",
            escape(&compare::intro(c))
        );
        b.push_str(&table(
            None,
            &header(&compare::TOTAL_COLUMNS, 1),
            &compare::totals_table(c, &grouped),
        ));
        b.push_str(&table(
            None,
            &header(&compare::YEAR_COLUMNS, 1),
            &compare::years_table(c, &grouped),
        ));
    }
    b.push_str("<h2>Demande nationale par module et par année</h2>\n");
    let _ = writeln!(
        b,
        "<p>Les sessions à ouvrir sans et avec mutualisation (les sessions mutualisées comptées dans le département qui les accueille). Par département, module et année : <code>departmental-demand.csv</code>, ou la page d'un seul département avec <code>--department CODE</code>.</p>"
    );
    let rows: Vec<Vec<String>> = crate::demand::rows_with_pooling(r, false)
        .into_iter()
        .map(|((_, module, year), (cell, title, with))| {
            vec![
                year.to_string(),
                format!("<code>{}</code>", escape(module)),
                escape(title),
                int(cell.sessions),
                int(with),
                int(cell.agents),
                days(cell.days),
                int(cell.collectivities),
            ]
        })
        .collect();
    b.push_str(&table(
        None,
        &[
            ("Année", S),
            ("Module", S),
            ("Intitulé", T),
            ("Sessions sans mutualisation", N),
            ("Sessions avec mutualisation", N),
            ("Inscriptions", N),
            ("Jours", N),
            ("Collectivités", N),
        ],
        &rows,
    ));
    if !r.regions.is_empty() {
        b.push_str("<h2>Par région</h2>\n");
        let rows: Vec<Vec<String>> = r
            .regions
            .iter()
            .map(|x| {
                vec![
                    escape(&x.name),
                    escape(&x.departments.join(", ")),
                    int(x.sessions.without_pooling),
                    int(x.sessions.with_pooling),
                    int(x.enrolments),
                    days(x.days),
                ]
            })
            .collect();
        let cols = crate::demand::REGION_COLUMNS;
        b.push_str(&table(
            None,
            &[
                (cols[0], S),
                (cols[1], T),
                (cols[2], N),
                (cols[3], N),
                (cols[4], N),
                (cols[5], N),
            ],
            &rows,
        ));
    }
    b.push_str("<h2>Sessions et mutualisation par département</h2>\n");
    let pooled = crate::demand::pooling_by_department(&r.pooling);
    let rows: Vec<Vec<String>> = crate::demand::sessions_by_department(r)
        .into_iter()
        .map(|(d, t)| {
            let (a, c, u) = pooled.get(d).copied().unwrap_or_default();
            vec![
                escape(d),
                int(t.without_pooling),
                int(t.with_pooling),
                int(a),
                int(c),
                int(u),
            ]
        })
        .collect();
    b.push_str(&table(
        None,
        &[
            ("Département", S),
            ("Sessions sans mutualisation", N),
            ("Sessions avec mutualisation", N),
            ("Dont sous le minimum", N),
            ("Sessions mutualisées", N),
            ("Encore sous le minimum", N),
        ],
        &rows,
    ));
    b.push_str("<h2>Sessions partagées entre collectivités</h2>\n");
    let _ = writeln!(
        b,
        "<p>{} partagées par plusieurs collectivités. <code>{}</code> donne, pour chaque session mutualisée, les collectivités qui la partagent et leurs agents.</p>",
        count(r.pooling.shared_sessions, "session est", "sessions sont"),
        escape(&r.pooling_detail)
    );
    if let Some(list) = r.shared_sessions.as_ref().filter(|l| !l.is_empty()) {
        let rows: Vec<Vec<String>> = list
            .iter()
            .map(|s| {
                vec![
                    escape(&s.department),
                    format!("<code>{}</code>", escape(&s.module)),
                    s.year.to_string(),
                    int(s.agents),
                    if s.underfilled { "oui" } else { "non" }.to_owned(),
                    escape(&crate::demand::members_text(&s.collectivities)),
                ]
            })
            .collect();
        b.push_str(&table(
            None,
            &[
                ("Département", S),
                ("Module", S),
                ("Année", S),
                ("Agents", N),
                ("Sous le minimum", S),
                ("Collectivités", T),
            ],
            &rows,
        ));
    }
    let _ = writeln!(
        b,
        "<h2>Sessions encore sous le minimum : comment les remplir</h2>\n<p>{}</p>",
        escape(&crate::demand::suggest_intro(r))
    );
    let rows: Vec<Vec<String>> = r
        .suggestions
        .iter()
        .take(crate::demand::LISTED_SESSIONS)
        .map(|s| {
            vec![
                escape(&s.department),
                format!("<code>{}</code>", escape(&s.module)),
                s.year.to_string(),
                escape(&crate::demand::suggest::text(s)),
            ]
        })
        .collect();
    if !rows.is_empty() {
        b.push_str(&table(
            None,
            &[
                ("Département", S),
                ("Module", S),
                ("Année", S),
                ("Proposition", T),
            ],
            &rows,
        ));
    }
    b.push_str("</main>\n");
    // Every table of the page sorts by a click on a column header.
    let b = b.replace("<table>", "<table class=\"sortable\">")
        + "<style>\ntable.sortable thead th { cursor: pointer; }\nth[aria-sort=ascending]::after { content: \" ▲\"; }\nth[aria-sort=descending]::after { content: \" ▼\"; }\n</style>\n";
    page_with(
        "Demande nationale de formation au numérique",
        &b,
        Some(csp::SORT_SCRIPT),
    )
}

#[cfg(test)]
mod tests;
