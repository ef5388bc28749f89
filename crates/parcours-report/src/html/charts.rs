//! The four charts of a plan, as hand-written inline SVG (no script, no external resource):
//!
//! - `chart-budget`: trainee-days used per year against the yearly budget;
//! - `chart-days-by-effect`: trainee-days per year stacked by desired effect of the study;
//! - `chart-heatmap`: agents in training per métier (or track) and year;
//! - `chart-coverage`: share of each recommendation's needs covered at 5 years and at the
//!   horizon.
//!
//! Every chart is an `<svg role="img">` with an `aria-label`, a `<title>` and a `<desc>`, axis
//! labels, a legend and a `<title>` tooltip on every mark. Fills differ in lightness and, for
//! neighbouring series, in pattern (hatching, dots), so that a black-and-white print stays
//! readable. Coordinates are written with one decimal: same plan, same bytes.

use super::{Names, count, days, escape, euros, int, percent};
use parcours_graph::ReferenceData;
use parcours_graph::ids::{EffectNumber, RecNumber};
use parcours_planner::plan::{Days, Plan};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// The bucket of the lines whose recommendations have no known effect.
pub(crate) const NO_EFFECT: u16 = 0;

/// Width of the charts' view box (the heat map may be wider).
pub(super) const W: f64 = 760.0;

/// A coordinate with one decimal (never `-0.0`).
pub(super) fn f(x: f64) -> String {
    let x = if x.abs() < 0.05 { 0.0 } else { x };
    format!("{x:.1}")
}

/// How a series is painted.
#[derive(Clone, Copy)]
enum Pattern {
    Solid,
    Hatch,
    Dots,
    Cross,
}

/// Colours of the five effects, from dark to light, every other one patterned.
const EFFECT_FILLS: [(&str, Pattern); 5] = [
    ("#1b3a6b", Pattern::Solid),
    ("#c0392b", Pattern::Hatch),
    ("#2a9d8f", Pattern::Solid),
    ("#e9a23b", Pattern::Dots),
    ("#c9dff2", Pattern::Solid),
];

fn effect_fill(e: u16) -> (&'static str, Pattern) {
    if e == NO_EFFECT {
        ("#8c8c8c", Pattern::Cross)
    } else {
        EFFECT_FILLS[usize::from(e - 1) % EFFECT_FILLS.len()]
    }
}

/// The `<pattern>` definition of a patterned fill (nothing for a solid one).
fn pattern_def(id: &str, color: &str, p: Pattern, ink: &str) -> String {
    match p {
        Pattern::Solid => String::new(),
        Pattern::Hatch => format!(
            "<pattern id=\"{id}\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"{color}\"/><line x1=\"1\" y1=\"0\" x2=\"1\" y2=\"6\" stroke=\"{ink}\" stroke-width=\"2\"/></pattern>\n"
        ),
        Pattern::Dots => format!(
            "<pattern id=\"{id}\" patternUnits=\"userSpaceOnUse\" width=\"5\" height=\"5\"><rect width=\"5\" height=\"5\" fill=\"{color}\"/><circle cx=\"2.5\" cy=\"2.5\" r=\"1.1\" fill=\"{ink}\"/></pattern>\n"
        ),
        Pattern::Cross => format!(
            "<pattern id=\"{id}\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\"><rect width=\"6\" height=\"6\" fill=\"{color}\"/><path d=\"M0 0L6 6M6 0L0 6\" stroke=\"{ink}\" stroke-width=\"1\"/></pattern>\n"
        ),
    }
}

/// The `fill` value of a series: its colour, or its pattern.
fn paint(id: &str, color: &str, p: Pattern) -> String {
    match p {
        Pattern::Solid => color.to_owned(),
        _ => format!("url(#{id})"),
    }
}

/// Opens a chart: `<figure>`, `<svg>` with its accessible name, `<title>` and `<desc>`.
pub(super) fn open(id: &str, w: f64, h: f64, title: &str, desc: &str) -> String {
    format!(
        "<figure>\n<svg id=\"{id}\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\" font-size=\"12\" fill=\"#111\">\n<title>{}</title>\n<desc>{}</desc>\n",
        f(w),
        f(h),
        escape(title),
        escape(title),
        escape(desc)
    )
}

/// Closes a chart with its caption: the chart's title, then how to read it.
pub(super) fn close(title: &str, caption: &str) -> String {
    format!(
        "</svg>\n<figcaption><strong>{}.</strong> {caption}</figcaption>\n</figure>\n",
        escape(title)
    )
}

/// Cuts `s` to `max` characters with `…`.
fn cut(s: &str, max: usize) -> String {
    crate::text::truncate(s, max)
}

/// A vertical axis in tenths of a day: its top and its step, about five ticks.
pub(super) struct Axis {
    pub(super) max: u64,
    pub(super) step: u64,
}

pub(super) fn axis(max: u64) -> Axis {
    let mut mag = 1u64;
    loop {
        for m in [5u64, 10, 20] {
            let step = m * mag;
            let n = max.max(1).div_ceil(step);
            if n <= 6 {
                return Axis {
                    max: n.max(1) * step,
                    step,
                };
            }
        }
        mag *= 10;
    }
}

/// The plot area of a chart with one vertical bar per year.
struct Frame {
    left: f64,
    top: f64,
    width: f64,
    height: f64,
    n: usize,
    axis: Axis,
}

impl Frame {
    fn y(&self, tenths: u64) -> f64 {
        self.top + self.height - tenths as f64 / self.axis.max as f64 * self.height
    }
    fn slot(&self) -> f64 {
        self.width / self.n.max(1) as f64
    }
    fn bar_x(&self, i: usize) -> f64 {
        self.left + self.slot() * i as f64 + self.slot() * 0.18
    }
    fn bar_w(&self) -> f64 {
        self.slot() * 0.64
    }
    fn bottom(&self) -> f64 {
        self.top + self.height
    }

    /// Grid lines, tick labels and the axis titles; years under the slots.
    fn axes(&self, out: &mut String, years: &[u16], y_title: &str) {
        out.push_str("<g class=\"axis\" font-size=\"11\">\n");
        let mut t = 0;
        while t <= self.axis.max {
            let y = self.y(t);
            let _ = writeln!(
                out,
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
                f(self.left),
                f(y),
                f(self.left + self.width),
                f(y),
                if t == 0 { "#111" } else { "#c8c8c8" },
                if t == 0 { "1" } else { "0.6" },
                f(self.left - 6.0),
                f(y + 4.0),
                Days(t).french_with('\u{202f}')
            );
            t += self.axis.step;
        }
        let _ = writeln!(
            out,
            "<line x1=\"{l}\" y1=\"{}\" x2=\"{l}\" y2=\"{}\" stroke=\"#111\"/>",
            f(self.top),
            f(self.bottom()),
            l = f(self.left)
        );
        let rotate = self.n > 12;
        for (i, year) in years.iter().enumerate() {
            let x = self.left + self.slot() * (i as f64 + 0.5);
            let y = self.bottom() + 16.0;
            if rotate {
                let _ = writeln!(
                    out,
                    "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" transform=\"rotate(-45 {} {})\">{year}</text>",
                    f(x + 4.0),
                    f(y - 4.0),
                    f(x + 4.0),
                    f(y - 4.0)
                );
            } else {
                let _ = writeln!(
                    out,
                    "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{year}</text>",
                    f(x),
                    f(y)
                );
            }
        }
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\">Année</text>",
            f(self.left + self.width / 2.0),
            f(self.bottom() + if rotate { 44.0 } else { 34.0 })
        );
        let cy = self.top + self.height / 2.0;
        let _ = writeln!(
            out,
            "<text x=\"14\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 14 {})\">{}</text>",
            f(cy),
            f(cy),
            escape(y_title)
        );
        out.push_str("</g>\n");
    }

    /// Height below the plot taken by the year labels and the axis title.
    fn below(&self) -> f64 {
        if self.n > 12 { 56.0 } else { 44.0 }
    }
}

/// A legend swatch and its label at (`x`, `y`) (top-left of the swatch); returns the x after it.
fn swatch(out: &mut String, x: f64, y: f64, fill: &str, stroke: &str, label: &str) -> f64 {
    let _ = writeln!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"16\" height=\"12\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"0.8\"/><text x=\"{}\" y=\"{}\">{}</text>",
        f(x),
        f(y),
        f(x + 22.0),
        f(y + 10.5),
        escape(label)
    );
    x + 22.0 + label.chars().count() as f64 * 6.3 + 18.0
}

/// Trainee-days of each year split by desired effect, in tenths: `[year index] → effect →
/// tenths`. A line's days are shared equally between the distinct effects of its
/// recommendations ([`NO_EFFECT`] when none is known); each year is then rounded to tenths by
/// the largest remainder, so that a year's shares add up exactly to its `days_used`.
pub(crate) fn days_by_effect(plan: &Plan, data: &ReferenceData) -> Vec<BTreeMap<u16, u64>> {
    fn gcd(a: u64, b: u64) -> u64 {
        if b == 0 { a } else { gcd(b, a % b) }
    }
    plan.years
        .iter()
        .map(|y| {
            let lines: Vec<(u64, BTreeSet<u16>)> = y
                .sessions
                .iter()
                .map(|s| {
                    let mut e: BTreeSet<u16> = s
                        .recommendations
                        .iter()
                        .filter_map(|r| data.recommendation(RecNumber(*r)))
                        .map(|r| r.effect.0)
                        .collect();
                    if e.is_empty() {
                        e.insert(NO_EFFECT);
                    }
                    (s.days.0, e)
                })
                .collect();
            // A common denominator of every line's number of effects: shares are exact.
            let den = lines
                .iter()
                .map(|(_, e)| e.len() as u64)
                .fold(1, |acc, k| acc / gcd(acc, k) * k);
            let mut units: BTreeMap<u16, u64> = BTreeMap::new();
            for (d, e) in &lines {
                let each = d * den / e.len() as u64;
                for x in e {
                    *units.entry(*x).or_default() += each;
                }
            }
            let mut out: BTreeMap<u16, u64> = units.iter().map(|(e, u)| (*e, u / den)).collect();
            let assigned: u64 = out.values().sum();
            let mut rema: Vec<(u64, u16)> = units.iter().map(|(e, u)| (u % den, *e)).collect();
            rema.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            for (_, e) in rema
                .into_iter()
                .take(y.days_used.0.saturating_sub(assigned) as usize)
            {
                *out.entry(e).or_default() += 1;
            }
            out
        })
        .collect()
}

/// Chart 1: trainee-days per year, stacked by effect.
pub(crate) fn days_by_effect_chart(plan: &Plan, data: &ReferenceData) -> String {
    const ID: &str = "chart-days-by-effect";
    let split = days_by_effect(plan, data);
    let years: Vec<u16> = plan.years.iter().map(|y| y.year).collect();
    let present: BTreeSet<u16> = split
        .iter()
        .flat_map(|m| m.iter().filter(|(_, v)| **v > 0).map(|(e, _)| *e))
        .collect();
    let max = plan.years.iter().map(|y| y.days_used.0).max().unwrap_or(0);
    let frame = Frame {
        left: 62.0,
        top: 24.0,
        width: W - 62.0 - 16.0,
        height: 240.0,
        n: years.len(),
        axis: axis(max),
    };
    let legend_top = frame.bottom() + frame.below() + 8.0;
    let h = legend_top + 20.0 * present.len().max(1) as f64 + 8.0;
    let mut out = open(
        ID,
        W,
        h,
        "Jours-stagiaires par année et par effet recherché",
        "Barres empilées : pour chaque année, les jours-stagiaires programmés répartis entre les effets recherchés de l'étude, d'après les préconisations qui justifient chaque session.",
    );
    out.push_str("<defs>\n");
    for e in &present {
        let (color, p) = effect_fill(*e);
        out.push_str(&pattern_def(&format!("{ID}-e{e}"), color, p, "#fff"));
    }
    out.push_str("</defs>\n");
    frame.axes(&mut out, &years, "Jours-stagiaires");
    let title_of = |e: u16| -> String {
        if e == NO_EFFECT {
            "sans préconisation".to_owned()
        } else {
            data.effect(EffectNumber(e))
                .map_or(String::new(), |x| x.title.clone())
        }
    };
    let name_of = |e: u16| -> String {
        if e == NO_EFFECT {
            "Autre".to_owned()
        } else {
            format!("Effet {e}")
        }
    };
    for (i, (y, shares)) in plan.years.iter().zip(&split).enumerate() {
        let _ = writeln!(out, "<g data-year=\"{}\">", y.year);
        let mut cum = 0;
        // Effect 1 at the bottom; the lines without an effect on top.
        let order = shares
            .iter()
            .filter(|(e, _)| **e != NO_EFFECT)
            .chain(shares.iter().filter(|(e, _)| **e == NO_EFFECT));
        for (e, v) in order {
            if *v == 0 {
                continue;
            }
            let (color, p) = effect_fill(*e);
            let top = frame.y(cum + v);
            let bottom = frame.y(cum);
            let _ = writeln!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"#222\" stroke-width=\"0.6\" data-effect=\"{e}\" data-tenths=\"{v}\"><title>{} — {} : {} ({} de l'année)</title></rect>",
                f(frame.bar_x(i)),
                f(top),
                f(frame.bar_w()),
                f(bottom - top),
                paint(&format!("{ID}-e{e}"), color, p),
                y.year,
                escape(&name_of(*e)),
                days(Days(*v)),
                percent(super::share(*v, y.days_used.0))
            );
            cum += v;
        }
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"bold\">{}</text>\n</g>",
            f(frame.bar_x(i) + frame.bar_w() / 2.0),
            f(frame.y(cum) - 4.0),
            y.days_used.french_with('\u{202f}')
        );
    }
    out.push_str("<g class=\"legend\">\n");
    for (k, e) in present.iter().enumerate() {
        let (color, p) = effect_fill(*e);
        let y = legend_top + 20.0 * k as f64;
        let full = format!("{} — {}", name_of(*e), title_of(*e));
        let _ = writeln!(out, "<g><title>{}</title>", escape(&full));
        swatch(
            &mut out,
            frame.left,
            y,
            &paint(&format!("{ID}-e{e}"), color, p),
            "#222",
            &cut(&full, 100),
        );
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n");
    out.push_str(&close(
        "Jours-stagiaires par année et par effet recherché",
        "Effets recherchés de l'étude (section VI.3). Les jours d'une session sont partagés à parts égales entre les effets de ses préconisations ; chaque pile fait exactement le total de l'année.",
    ));
    out
}

/// Chart 4: trainee-days used per year, the unused budget, and the yearly budget as a line.
pub(crate) fn budget(plan: &Plan) -> String {
    const ID: &str = "chart-budget";
    let years: Vec<u16> = plan.years.iter().map(|y| y.year).collect();
    let max = plan
        .years
        .iter()
        .map(|y| y.days_used.0.max(y.budget_days.0))
        .max()
        .unwrap_or(0);
    let frame = Frame {
        left: 62.0,
        top: 24.0,
        width: W - 62.0 - 60.0,
        height: 220.0,
        n: years.len(),
        axis: axis(max),
    };
    let legend_top = frame.bottom() + frame.below() + 8.0;
    let h = legend_top + 22.0;
    let mut out = open(
        ID,
        W,
        h,
        "Budget utilisé et disponible par année",
        "Barres : jours-stagiaires utilisés chaque année ; partie hachurée : budget non utilisé ; ligne tiretée : budget annuel.",
    );
    let unused = format!("{ID}-unused");
    out.push_str("<defs>\n");
    out.push_str(&pattern_def(&unused, "#ffffff", Pattern::Hatch, "#9a9a9a"));
    out.push_str("</defs>\n");
    frame.axes(&mut out, &years, "Jours-stagiaires");
    let mut line = Vec::new();
    for (i, y) in plan.years.iter().enumerate() {
        let x = frame.bar_x(i);
        let w = frame.bar_w();
        let used_top = frame.y(y.days_used.0);
        let cost = y
            .cost
            .map(|c| format!(", {}", euros(c)))
            .unwrap_or_default();
        let _ = writeln!(out, "<g data-year=\"{}\">", y.year);
        if y.budget_days.0 > y.days_used.0 {
            let top = frame.y(y.budget_days.0);
            let _ = writeln!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"url(#{unused})\" stroke=\"#777\" stroke-width=\"0.6\"><title>{} : {} non utilisés</title></rect>",
                f(x),
                f(top),
                f(w),
                f(used_top - top),
                y.year,
                days(Days(y.budget_days.0 - y.days_used.0))
            );
        }
        if y.days_used.0 > 0 {
            let _ = writeln!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#1b3a6b\" stroke=\"#111\" stroke-width=\"0.6\"><title>{} : {} utilisés sur {}{cost}</title></rect>",
                f(x),
                f(used_top),
                f(w),
                f(frame.bottom() - used_top),
                y.year,
                days(y.days_used),
                days(y.budget_days)
            );
        }
        let inside = frame.bottom() - used_top >= 18.0;
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"bold\" fill=\"{}\">{}</text>\n</g>",
            f(x + w / 2.0),
            f(if inside {
                used_top + 13.0
            } else {
                used_top - 4.0
            }),
            if inside { "#fff" } else { "#111" },
            y.days_used.french_with('\u{202f}')
        );
        let by = frame.y(y.budget_days.0);
        line.push(format!(
            "{},{} {},{}",
            f(frame.left + frame.slot() * i as f64),
            f(by),
            f(frame.left + frame.slot() * (i + 1) as f64),
            f(by)
        ));
    }
    if let Some(last) = plan.years.last() {
        let _ = writeln!(
            out,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"#111\" stroke-width=\"1.8\" stroke-dasharray=\"6 3\"><title>Budget annuel : {}</title></polyline>",
            line.join(" "),
            days(last.budget_days)
        );
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"11\">budget {}</text>",
            f(frame.left + frame.width + 4.0),
            f(frame.y(last.budget_days.0) + 4.0),
            last.budget_days.french_with('\u{202f}')
        );
    }
    out.push_str("<g class=\"legend\">\n");
    let mut x = frame.left;
    x = swatch(&mut out, x, legend_top, "#1b3a6b", "#111", "Jours utilisés");
    x = swatch(
        &mut out,
        x,
        legend_top,
        &format!("url(#{unused})"),
        "#777",
        "Budget non utilisé",
    );
    let _ = writeln!(
        out,
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#111\" stroke-width=\"1.8\" stroke-dasharray=\"6 3\"/><text x=\"{}\" y=\"{}\">Budget annuel</text>",
        f(x),
        f(legend_top + 6.0),
        f(x + 22.0),
        f(legend_top + 6.0),
        f(x + 28.0),
        f(legend_top + 10.5)
    );
    out.push_str("</g>\n");
    let i = &plan.indicators;
    out.push_str(&close(
        "Budget utilisé et disponible par année",
        &format!(
            "{} utilisés sur {} disponibles en {}{}.",
            days(i.days_used),
            i.days_available.french_with('\u{202f}'),
            count(plan.years.len() as u64, "an", "ans"),
            i.cost
                .map(|c| format!(", pour {}", euros(c)))
                .unwrap_or_default()
        ),
    ));
    out
}

/// Chart 2: the share of each recommendation's needs covered at 5 years and at the horizon.
pub(crate) fn coverage(plan: &Plan, data: &ReferenceData) -> String {
    const ID: &str = "chart-coverage";
    let recs = &plan.indicators.recommendations;
    let left = 76.0;
    let right = 64.0;
    let top = 46.0;
    let row = 30.0;
    let pw = W - left - right;
    let ph = row * recs.len().max(1) as f64;
    let h = top + ph + 44.0;
    let last = plan
        .years
        .last()
        .map_or(plan.profile.first_year, |y| y.year);
    let five = plan.years.get(4).map_or(last, |y| y.year);
    let mut out = open(
        ID,
        W,
        h,
        "Couverture des besoins par préconisation, à 5 ans et à l'horizon",
        "Barres horizontales groupées : pour chaque préconisation, la part de ses besoins (agents × niveaux) programmée à la fin de l'année 5 (barre foncée) et à la fin de l'horizon (barre claire hachurée).",
    );
    let hz = format!("{ID}-horizon");
    out.push_str("<defs>\n");
    out.push_str(&pattern_def(&hz, "#8fb3d9", Pattern::Hatch, "#fff"));
    out.push_str("</defs>\n");
    // Legend on top.
    out.push_str("<g class=\"legend\">\n");
    let x = swatch(
        &mut out,
        left,
        6.0,
        "#1b3a6b",
        "#111",
        &format!("À 5 ans (fin {five})"),
    );
    swatch(
        &mut out,
        x,
        6.0,
        &format!("url(#{hz})"),
        "#1b3a6b",
        &format!("À l'horizon (fin {last})"),
    );
    out.push_str("</g>\n");
    // Grid and axis labels, top and bottom.
    let xp = |pct_tenths: u64| left + pw * pct_tenths as f64 / 1000.0;
    out.push_str("<g class=\"axis\" font-size=\"11\">\n");
    for p in [0u64, 25, 50, 75, 100] {
        let x = xp(p * 10);
        let _ = writeln!(
            out,
            "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/><text x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{p} %</text><text x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{p} %</text>",
            f(top - 4.0),
            f(top + ph),
            if p == 0 { "#111" } else { "#c8c8c8" },
            if p == 0 { "1" } else { "0.6" },
            f(top - 8.0),
            f(top + ph + 14.0),
            x = f(x)
        );
    }
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\">Part des besoins couverts (agents × niveaux)</text>",
        f(left + pw / 2.0),
        f(top + ph + 34.0)
    );
    out.push_str("</g>\n");
    for (k, (n, c)) in recs.iter().enumerate() {
        let y = top + row * k as f64;
        let rec = data.recommendation(RecNumber(*n));
        let prio = rec.is_some_and(|r| r.priority);
        let title = rec.map_or(String::new(), |r| r.title.clone());
        let _ = writeln!(out, "<g data-rec=\"{n}\">");
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\"{}>P{n}{}<title>{}</title></text>",
            f(left - 8.0),
            f(y + row / 2.0 + 4.0),
            if prio { " font-weight=\"bold\"" } else { "" },
            if prio { " ➔" } else { "" },
            escape(&format!("P{n} — {title}"))
        );
        for (j, (share, trained, label, fill, stroke)) in [
            (
                c.share_year5,
                c.trained_by_year5,
                "à 5 ans",
                "#1b3a6b".to_owned(),
                "#111",
            ),
            (
                c.share_horizon,
                c.trained_by_horizon,
                "à l'horizon",
                format!("url(#{hz})"),
                "#1b3a6b",
            ),
        ]
        .into_iter()
        .enumerate()
        {
            let by = y + 4.0 + 11.0 * j as f64;
            let w = xp(share.0.min(1000)) - left;
            let tip = format!(
                "P{n} {label} : {} sur {} ({})",
                int(trained),
                count(c.needed, "besoin couvert", "besoins couverts"),
                percent(share)
            );
            if w > 0.0 {
                let _ = writeln!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"10\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"0.6\"><title>{}</title></rect>",
                    f(left),
                    f(by),
                    f(w),
                    escape(&tip)
                );
            }
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" font-size=\"10\">{}<title>{}</title></text>",
                f(left + w + 4.0),
                f(by + 9.0),
                if c.needed == 0 {
                    "—".to_owned()
                } else {
                    percent(share)
                },
                escape(&tip)
            );
        }
        out.push_str("</g>\n");
    }
    out.push_str(&close(
        "Couverture des besoins par préconisation, à 5 ans et à l'horizon",
        "Part des besoins de chaque préconisation (agents × niveaux à franchir) couverte par les sessions programmées. ➔ : préconisation prioritaire de l'étude. Seules figurent les préconisations de formation qui justifient au moins un besoin du profil.",
    ));
    out
}

/// Heat-map shades, light to dark (lightness 92, 78, 63, 44, 25).
const HEAT: [&str; 5] = ["#dde8f4", "#aac5e2", "#6f9bcb", "#3b6aa6", "#1b3a6b"];

/// Shade level (0 for none, else 1 to 5) of `v` on a scale up to `max`.
fn heat_level(v: u64, max: u64) -> usize {
    if v == 0 || max == 0 {
        0
    } else {
        (v * 5).div_ceil(max).clamp(1, 5) as usize
    }
}

/// One cell of the heat map.
#[derive(Clone, Copy, Default)]
pub(crate) struct Cell {
    /// Most agents of the métier in one module that year: at least this many different agents
    /// are in training.
    pub agents: u64,
    /// Enrolments (agents × modules).
    pub enrolments: u64,
    /// Modules.
    pub modules: u64,
    /// Trainee-days, in tenths (hours of the métier's agents, rounded).
    pub tenths: u64,
}

/// Rows of the heat map: métier or track id, name, headcount, one cell per year.
pub(crate) fn heat_rows(plan: &Plan, names: &Names) -> Vec<(String, String, u64, Vec<Cell>)> {
    let n = plan.years.len();
    let mut rows: Vec<(String, String, u64, Vec<Cell>)> = plan
        .paths
        .iter()
        .map(|p| {
            (
                p.metier.to_string(),
                p.name.to_string(),
                p.headcount,
                vec![Cell::default(); n],
            )
        })
        .collect();
    let hpd = u64::from(plan.profile.hours_per_day.max(1));
    for (yi, y) in plan.years.iter().enumerate() {
        for s in &y.sessions {
            for (m, a) in s.by_metier.iter().map(|m| (&m.metier, &m.agents)) {
                let k = match rows.iter().position(|r| &r.0 == m) {
                    Some(k) => k,
                    None => {
                        rows.push((m.to_string(), names.get(m), 0, vec![Cell::default(); n]));
                        rows.len() - 1
                    }
                };
                let c = &mut rows[k].3[yi];
                c.agents = c.agents.max(*a);
                c.enrolments += a;
                c.modules += 1;
                c.tenths += (s.hours * a * 10 + hpd / 2) / hpd;
            }
        }
    }
    rows
}

/// Chart 3: agents in training per métier (rows) and year (columns).
pub(crate) fn heatmap(plan: &Plan, names: &Names) -> String {
    const ID: &str = "chart-heatmap";
    let rows = heat_rows(plan, names);
    let years: Vec<u16> = plan.years.iter().map(|y| y.year).collect();
    let label = |r: &(String, String, u64, Vec<Cell>)| format!("{} ({})", r.1, int(r.2));
    let chars = rows
        .iter()
        .map(|r| label(r).chars().count().min(72))
        .max()
        .unwrap_or(10);
    let lw = (chars as f64 * 6.1 + 14.0).max(120.0);
    let n = years.len().max(1);
    let cw = ((W - lw - 12.0) / n as f64).clamp(28.0, 64.0);
    let width = (lw + cw * n as f64 + 12.0).max(W);
    let top = 30.0;
    let rh = 24.0;
    let ph = rh * rows.len().max(1) as f64;
    let h = top + ph + 60.0;
    let max = rows
        .iter()
        .flat_map(|r| r.3.iter().map(|c| c.agents))
        .max()
        .unwrap_or(0);
    let mut out = open(
        ID,
        width,
        h,
        "Agents en formation par métier et par année",
        "Carte de chaleur : une ligne par métier ou parcours (encadrants, élus), une colonne par année ; la teinte et le nombre donnent les agents du métier en formation cette année-là.",
    );
    out.push_str("<g class=\"axis\" font-size=\"11\">\n");
    for (j, y) in years.iter().enumerate() {
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\"{}>{y}</text>",
            f(lw + cw * (j as f64 + 0.5)),
            f(top - 10.0),
            if n > 12 { " font-size=\"9\"" } else { "" }
        );
    }
    out.push_str("</g>\n");
    for (i, r) in rows.iter().enumerate() {
        let y = top + rh * i as f64;
        let full = label(r);
        let _ = writeln!(
            out,
            "<g data-metier=\"{}\">\n<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}<title>{}</title></text>",
            escape(&r.0),
            f(lw - 8.0),
            f(y + rh / 2.0 + 4.0),
            escape(&cut(&full, 72)),
            escape(&format!("{} — {}", full, r.0))
        );
        for (j, c) in r.3.iter().enumerate() {
            let level = heat_level(c.agents, max);
            let x = lw + cw * j as f64;
            let tip = if c.agents == 0 {
                format!("{} — {} : aucun agent en formation", r.1, years[j])
            } else {
                format!(
                    "{} — {} : {} en formation ({} à {}, {})",
                    r.1,
                    years[j],
                    count(c.agents, "agent", "agents"),
                    count(c.enrolments, "inscription", "inscriptions"),
                    count(c.modules, "module", "modules"),
                    days(Days(c.tenths))
                )
            };
            let _ = writeln!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"#bdbdbd\" stroke-width=\"0.6\" data-agents=\"{}\"><title>{}</title></rect><text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" fill=\"{}\">{}</text>",
                f(x),
                f(y),
                f(cw),
                f(rh),
                if level == 0 { "#fff" } else { HEAT[level - 1] },
                c.agents,
                escape(&tip),
                f(x + cw / 2.0),
                f(y + rh / 2.0 + 4.0),
                match level {
                    0 => "#9a9a9a",
                    1 | 2 => "#111",
                    _ => "#fff",
                },
                c.agents
            );
        }
        out.push_str("</g>\n");
    }
    // Legend: the shades and the values each one holds.
    let ly = top + ph + 16.0;
    out.push_str("<g class=\"legend\">\n");
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">Agents en formation :</text>",
        f(lw - 8.0),
        f(ly + 10.5)
    );
    let mut x = lw;
    x = swatch(&mut out, x, ly, "#fff", "#bdbdbd", "0");
    for level in 1..=5u64 {
        let lo = (level - 1) * max / 5 + 1;
        let hi = level * max / 5;
        if lo > hi {
            continue;
        }
        let text = if lo == hi {
            int(lo)
        } else {
            format!("{} à {}", int(lo), int(hi))
        };
        x = swatch(&mut out, x, ly, HEAT[level as usize - 1], "#bdbdbd", &text);
    }
    out.push_str("</g>\n");
    out.push_str(&close(
        "Agents en formation par métier et par année",
        "Nombre d'agents de chaque métier en formation dans l'année : l'effectif du module le plus suivi par le métier cette année-là, soit au moins autant d'agents différents (le plan raisonne sur des effectifs, non sur des personnes). L'info-bulle de chaque case donne les inscriptions, les modules et les jours-stagiaires. Entre parenthèses : l'effectif du métier.",
    ));
    out
}
