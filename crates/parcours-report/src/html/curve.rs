//! The budget curve as one self-contained HTML page, the plan report's look: a summary, a line
//! chart of the coverage behind the objective's levels against the yearly budget (the
//! profile's own budget marked), and the table of the points.

use super::charts::{W, axis, close, f, open};
use super::{Col, count, cover, days, escape, euros, int, kpi, page, percent, table};
use crate::curve::{
    LEVEL_NAMES, READING, cost_text, end_text, gain_text, has_cost, level_shares, remark,
};
use parcours_planner::curve::{BudgetCurve, CurvePoint, EndReason, Levels};
use parcours_planner::plan::Days;
use std::fmt::Write;

/// How each level's line is drawn: colour, dashes (so that a black-and-white print tells them
/// apart), and the level's share at a point.
struct Series {
    name: &'static str,
    color: &'static str,
    dash: &'static str,
    share: fn(&Levels) -> Option<Days>,
}

/// The lines of the chart, in the objective's order (the socle with `socle_first` only).
fn series(curve: &BudgetCurve) -> Vec<Series> {
    let mut out = Vec::with_capacity(4);
    if curve.socle_first {
        out.push(Series {
            name: LEVEL_NAMES[0],
            color: "#e9a23b",
            dash: "10 3 2 3",
            share: |l| l.socle,
        });
    }
    out.extend([
        Series {
            name: LEVEL_NAMES[1],
            color: "#1b3a6b",
            dash: "",
            share: |l| l.goals,
        },
        Series {
            name: LEVEL_NAMES[2],
            color: "#c0392b",
            dash: "7 4",
            share: |l| Some(l.short_term),
        },
        Series {
            name: LEVEL_NAMES[3],
            color: "#2a9d8f",
            dash: "2 3",
            share: |l| Some(l.overall),
        },
    ]);
    out
}

const CHART: &str = "Couverture des besoins selon le budget annuel";

/// The line chart `chart-curve`: one line per level of the objective, a mark per point (hollow
/// where the point keeps a smaller budget's plan), the profile's budget as a vertical line.
fn chart(curve: &BudgetCurve) -> String {
    const ID: &str = "chart-curve";
    let (left, top, right) = (62.0, 30.0, 24.0);
    let (pw, ph) = (W - left - right, 260.0);
    let own = curve.profile.budget_days_per_year;
    let x_axis = axis(u64::from(curve.end.days.max(own).max(1)));
    let x = |d: u32| left + pw * f64::from(d) / x_axis.max as f64;
    let y = |tenths: u64| top + ph - ph * tenths.min(1000) as f64 / 1000.0;
    let lines = series(curve);
    let legend_top = top + ph + 48.0;
    let legend_rows = lines.len().div_ceil(2);
    let h = legend_top + 20.0 * legend_rows as f64 + 6.0;
    let mut out = open(
        ID,
        W,
        h,
        CHART,
        "Lignes : part des besoins couverte à chaque budget annuel de jours-stagiaires, un niveau de l'ordre de priorité par ligne ; marque creuse : palier qui garde le plan d'un budget plus petit ; ligne verticale tiretée : budget actuel.",
    );
    // Axes: shares on the left, budgets below.
    out.push_str("<g class=\"axis\" font-size=\"11\">\n");
    for p in [0u64, 25, 50, 75, 100] {
        let yy = y(p * 10);
        let _ = writeln!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{p} %</text>",
            f(left),
            f(yy),
            f(left + pw),
            f(yy),
            if p == 0 { "#111" } else { "#c8c8c8" },
            if p == 0 { "1" } else { "0.6" },
            f(left - 6.0),
            f(yy + 4.0)
        );
    }
    let mut t = 0;
    while t <= x_axis.max {
        let xx = x(u32::try_from(t).unwrap_or(u32::MAX));
        let _ = writeln!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#111\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            f(xx),
            f(top + ph),
            f(xx),
            f(top + ph + 4.0),
            f(xx),
            f(top + ph + 17.0),
            int(t)
        );
        t += x_axis.step;
    }
    let _ = writeln!(
        out,
        "<line x1=\"{l}\" y1=\"{}\" x2=\"{l}\" y2=\"{}\" stroke=\"#111\"/>",
        f(top),
        f(top + ph),
        l = f(left)
    );
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\">Budget annuel (jours-stagiaires par an)</text>",
        f(left + pw / 2.0),
        f(top + ph + 34.0)
    );
    let cy = top + ph / 2.0;
    let _ = writeln!(
        out,
        "<text x=\"14\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 14 {})\">Part des besoins couverts</text>",
        f(cy),
        f(cy)
    );
    out.push_str("</g>\n");
    // The profile's budget.
    let xo = x(own);
    let _ = writeln!(
        out,
        "<g class=\"current\"><line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#4d4d4d\" stroke-width=\"1.4\" stroke-dasharray=\"5 3\"/><text x=\"{}\" y=\"{}\" text-anchor=\"{}\" font-size=\"11\">budget actuel : {}</text></g>",
        f(xo),
        f(top - 6.0),
        f(xo),
        f(top + ph),
        f(xo),
        f(top - 10.0),
        if xo > left + pw * 0.8 {
            "end"
        } else {
            "middle"
        },
        escape(&days(Days::whole(u64::from(own))))
    );
    // One line per level, a mark per point.
    for s in &lines {
        let pts: Vec<(u32, Days, &CurvePoint)> = curve
            .points
            .iter()
            .filter_map(|p| (s.share)(&p.levels).map(|v| (p.budget_days, v, p)))
            .collect();
        if pts.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "<g data-level=\"{}\">\n<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"{}/>",
            escape(s.name),
            pts.iter()
                .map(|(d, v, _)| format!("{},{}", f(x(*d)), f(y(v.0))))
                .collect::<Vec<_>>()
                .join(" "),
            s.color,
            if s.dash.is_empty() {
                String::new()
            } else {
                format!(" stroke-dasharray=\"{}\"", s.dash)
            }
        );
        for (d, v, p) in &pts {
            let kept = p
                .kept_from
                .map(|b| {
                    format!(
                        " (plan du budget de {} gardé)",
                        days(Days::whole(u64::from(b)))
                    )
                })
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"3.2\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1.2\"><title>{}</title></circle>",
                f(x(*d)),
                f(y(v.0)),
                if p.kept_from.is_some() {
                    "#fff"
                } else {
                    s.color
                },
                s.color,
                escape(&format!(
                    "{} par an : {} {}{kept}",
                    days(Days::whole(u64::from(*d))),
                    s.name.to_lowercase(),
                    percent(*v)
                ))
            );
        }
        out.push_str("</g>\n");
    }
    // Legend: two per row.
    out.push_str("<g class=\"legend\">\n");
    for (k, s) in lines.iter().enumerate() {
        let lx = left + (k % 2) as f64 * 340.0;
        let ly = legend_top + 20.0 * (k / 2) as f64;
        let _ = writeln!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2\"{}/><text x=\"{}\" y=\"{}\">{}</text>",
            f(lx),
            f(ly + 6.0),
            f(lx + 28.0),
            f(ly + 6.0),
            s.color,
            if s.dash.is_empty() {
                String::new()
            } else {
                format!(" stroke-dasharray=\"{}\"", s.dash)
            },
            f(lx + 34.0),
            f(ly + 10.5),
            escape(s.name)
        );
    }
    out.push_str("</g>\n");
    out.push_str(&close(
        CHART,
        &escape(&format!(
            "De {} à {} par an, en {}{}. Chaque palier garde le meilleur plan trouvé à ce budget ou à un budget plus petit : la courbe ne descend jamais dans l'ordre de priorité.",
            days(Days::whole(u64::from(curve.start_days))),
            days(Days::whole(u64::from(curve.end.days))),
            count(u64::from(curve.steps), "palier", "paliers"),
            crate::curve::start_text(curve)
        )),
    ));
    out
}

/// The budget curve as one self-contained HTML page in French: summary, chart (`chart-curve`)
/// and the table of the points.
pub fn budget_curve_html(curve: &BudgetCurve) -> String {
    let p = &curve.profile;
    let c = &curve.current;
    let mut b = String::new();
    cover(
        &mut b,
        "Plan de formation au numérique — courbe budgétaire",
        p,
        format!(
            "plan sur {} à partir de {}",
            count(u64::from(p.horizon), "an", "ans"),
            p.first_year
        ),
    );
    b.push_str("</header>\n");

    b.push_str("<section id=\"synthese\">\n<h2>Synthèse</h2>\n<div class=\"kpis\">\n");
    let shares = |pt: &CurvePoint| {
        level_shares(curve, &pt.levels)
            .into_iter()
            .map(|(name, s)| format!("{} {}", name.to_lowercase(), s.map_or("—".into(), percent)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    b.push_str(&kpi(
        &days(Days::whole(u64::from(c.budget_days))),
        &format!("budget actuel par an : {}", shares(c)),
    ));
    let last = curve.points.last().unwrap_or(c);
    let end_label = match curve.end.reason {
        EndReason::Ceiling => "par an financent tous les besoins à temps",
        EndReason::Plateau => "par an : au-delà, le plan ne progresse plus",
        EndReason::Limit => "par an, le plus grand budget accepté",
        _ => "par an, le budget maximal demandé",
    };
    b.push_str(&kpi(
        &days(Days::whole(u64::from(last.budget_days))),
        &format!("{end_label} : {}", shares(last)),
    ));
    if last.budget_days > c.budget_days {
        let more = last.budget_days - c.budget_days;
        let cost_more = last.cost.zip(c.cost).map(|(a, b)| a.saturating_sub(b));
        b.push_str(&kpi(
            &format!("+{}", days(Days::whole(u64::from(more)))),
            &format!(
                "par an au-delà du budget actuel pour atteindre le dernier palier{}",
                cost_more
                    .map(|e| format!(", soit {} de plus sur l'horizon", euros(e)))
                    .unwrap_or_default()
            ),
        ));
    } else {
        let spare = c.budget_days - last.budget_days;
        let what = match curve.end.reason {
            EndReason::Ceiling | EndReason::Plateau => " : ils n'améliorent plus le plan",
            _ => "",
        };
        b.push_str(&kpi(
            &days(Days::whole(u64::from(spare))),
            &format!("par an du budget actuel au-delà du dernier palier{what}"),
        ));
    }
    b.push_str("</div>\n");
    let _ = writeln!(
        b,
        "<p>Ordre de priorité : {}. Courbe {}.</p>\n</section>",
        escape(crate::plan_text::order_words(curve.socle_first)),
        escape(&end_text(curve))
    );

    b.push_str("<section id=\"courbe\">\n<h2>Courbe</h2>\n");
    b.push_str(&chart(curve));
    b.push_str("</section>\n");

    b.push_str("<section id=\"paliers\">\n<h2>Paliers</h2>\n");
    let mut header: Vec<(String, Col)> = vec![("Jours-stagiaires par an".into(), Col::N)];
    for (name, _) in level_shares(curve, &c.levels) {
        header.push((name.into(), Col::N));
    }
    header.push(("Agents au socle à 5 ans".into(), Col::N));
    header.push((
        format!(
            "Jours utilisés en {}",
            count(u64::from(p.horizon), "an", "ans")
        ),
        Col::N,
    ));
    if has_cost(curve) {
        header.push(("Coût".into(), Col::N));
    }
    header.push(("Gain au palier suivant (points)".into(), Col::S));
    header.push(("Remarque".into(), Col::T));
    let rows: Vec<Vec<String>> = curve
        .points
        .iter()
        .map(|pt| {
            let mut r = vec![int(u64::from(pt.budget_days))];
            r.extend(
                level_shares(curve, &pt.levels)
                    .into_iter()
                    .map(|(_, s)| s.map_or("—".into(), percent)),
            );
            r.push(format!(
                "{} / {}",
                int(pt.agents_at_socle_year5),
                int(curve.agents)
            ));
            r.push(escape(&pt.days_used.french_with('\u{202f}').to_string()));
            if has_cost(curve) {
                r.push(escape(&cost_text(pt, &euros)));
            }
            r.push(escape(&gain_text(pt.gain.as_ref())));
            r.push(escape(&remark(curve, pt)));
            r
        })
        .collect();
    let header: Vec<(&str, Col)> = header.iter().map(|(h, c)| (h.as_str(), *c)).collect();
    b.push_str(&table(None, &header, &rows));
    let _ = writeln!(b, "<p class=\"note\">{}</p>\n</section>", escape(READING));
    b.push_str("<footer>\n<p>Établi avec parcours d'après l'étude du CNFPT « Les impacts de la transition numérique sur les métiers de la fonction publique territoriale – volet prospectif » (octobre 2021). Un jour-stagiaire est un agent formé pendant une journée ; chaque palier est le plan de formation établi pour ce budget annuel, les autres données du profil restant les mêmes.</p>\n</footer>\n");
    page(&format!("Courbe budgétaire — {}", p.name), &b)
}
