//! The charts of the national demand page: horizontal bars (the most requested modules,
//! trainee-days per year, sessions per department), self-contained SVG.

use super::charts::{W, close, f, open};
use super::{days, escape, int};
use crate::demand::{DemandReport, sessions_by_department};
use parcours_planner::plan::Days;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// One bar: its label, its length and the value written beside it.
struct Bar {
    label: String,
    value: u64,
    text: String,
}

/// A horizontal bar chart, bars in the given order.
fn bars(id: &str, title: &str, desc: &str, caption: &str, rows: &[Bar]) -> String {
    const LEFT: f64 = 250.0;
    const ROW: f64 = 18.0;
    const TOP: f64 = 8.0;
    let right = 110.0;
    let width = W - LEFT - right;
    let max = rows.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let h = TOP * 2.0 + ROW * rows.len().max(1) as f64;
    let mut out = open(id, W, h, title, desc);
    for (i, b) in rows.iter().enumerate() {
        let y = TOP + ROW * i as f64;
        let len = width * b.value as f64 / max as f64;
        let _ = writeln!(
            out,
            "<g><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#1b3a6b\"><title>{} : {}</title></rect><text x=\"{}\" y=\"{}\">{}</text></g>",
            f(LEFT - 6.0),
            f(y + 13.0),
            escape(&crate::text::truncate(&b.label, 38)),
            f(LEFT),
            f(y + 3.0),
            f(len),
            f(ROW - 6.0),
            escape(&b.label),
            escape(&b.text),
            f(LEFT + len + 4.0),
            f(y + 13.0),
            escape(&b.text)
        );
    }
    out.push_str(&close(title, caption));
    out
}

/// The most requested modules, all years, by trainee-days (the first 15).
fn top_modules(r: &DemandReport) -> String {
    let mut by_module: BTreeMap<(&str, &str), u64> = BTreeMap::new();
    for row in &r.national {
        *by_module
            .entry((row.module.as_str(), row.title.as_str()))
            .or_default() += row.cell.days.0;
    }
    let mut rows: Vec<((&str, &str), u64)> = by_module.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let bars_of: Vec<Bar> = rows
        .into_iter()
        .take(15)
        .map(|((m, t), d)| Bar {
            label: if t.is_empty() {
                m.to_owned()
            } else {
                t.to_owned()
            },
            value: d,
            text: days(Days(d)),
        })
        .collect();
    bars(
        "chart-demand-modules",
        "Les modules les plus demandés",
        "Barres horizontales : jours-stagiaires demandés par module, toutes années, les quinze premiers.",
        "Jours-stagiaires demandés, toutes années.",
        &bars_of,
    )
}

/// Trainee-days per year.
fn per_year(r: &DemandReport) -> String {
    let rows: Vec<Bar> = r
        .years
        .iter()
        .map(|(y, c)| Bar {
            label: y.to_string(),
            value: c.days.0,
            text: days(c.days),
        })
        .collect();
    bars(
        "chart-demand-years",
        "Jours-stagiaires par année",
        "Barres horizontales : jours-stagiaires demandés chaque année, tous modules.",
        "La demande de chaque année, tous modules et toutes modalités.",
        &rows,
    )
}

/// Sessions with pooling per department (the first 30).
fn per_department(r: &DemandReport) -> String {
    let mut rows: Vec<(&str, u64)> = sessions_by_department(r)
        .into_iter()
        .map(|(d, t)| (d, t.with_pooling))
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let rows: Vec<Bar> = rows
        .into_iter()
        .take(30)
        .map(|(d, n)| Bar {
            label: format!("Département {d}"),
            value: n,
            text: int(n),
        })
        .collect();
    bars(
        "chart-demand-departments",
        "Sessions à ouvrir par département",
        "Barres horizontales : sessions à ouvrir avec mutualisation, par département, les trente premiers.",
        "Sessions avec mutualisation ; le tableau « Sessions et mutualisation par département » les donne toutes.",
        &rows,
    )
}

/// The five shades of the cartogram, lightest first, and the ink on each.
const SHADES: [(&str, &str); 5] = [
    ("#e8eef7", "#111"),
    ("#b9cbe4", "#111"),
    ("#7f9fcc", "#111"),
    ("#3f67a6", "#fff"),
    ("#1b3a6b", "#fff"),
];

/// A tile cartogram of the sessions to open per department, with pooling: one square per
/// department ([`super::tiles::TILES`]), its shade by fifths of the largest department's
/// sessions; departments without demand stay white.
fn cartogram(r: &DemandReport) -> String {
    const SIDE: f64 = 40.0;
    const GAP: f64 = 3.0;
    const LEFT: f64 = 20.0;
    const TOP: f64 = 10.0;
    let sessions: BTreeMap<&str, u64> = sessions_by_department(r)
        .into_iter()
        .map(|(d, t)| (d, t.with_pooling))
        .collect();
    let max = sessions.values().copied().max().unwrap_or(0).max(1);
    let shade = |n: u64| ((n * 5).div_ceil(max).clamp(1, 5) - 1) as usize;
    let rows = super::tiles::TILES.iter().map(|t| t.2).max().unwrap_or(0);
    let legend_top = TOP + (f64::from(rows) + 1.0) * (SIDE + GAP) + 12.0;
    let h = legend_top + 30.0;
    let title = "Sessions à ouvrir par département, sur la carte";
    let mut out = open(
        "chart-demand-map",
        W,
        h,
        title,
        "Cartogramme : un carré par département, placé à peu près à sa place ; plus il est foncé, plus le département a de sessions à ouvrir avec mutualisation. Les départements d'outre-mer sont sur la dernière ligne, la Corse au sud-est.",
    );
    for (code, col, row) in super::tiles::TILES {
        let x = LEFT + f64::from(col) * (SIDE + GAP);
        let y = TOP + f64::from(row) * (SIDE + GAP);
        let n = sessions.get(code).copied();
        let (fill, ink) = n.map_or(("#ffffff", "#555"), |n| SHADES[shade(n)]);
        let what = n.map_or_else(
            || "aucune demande".to_owned(),
            |n| format!("{} session{}", int(n), if n > 1 { "s" } else { "" }),
        );
        let _ = writeln!(
            out,
            "<g><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\" stroke=\"#555\" stroke-width=\"0.6\"><title>Département {code} : {what}</title></rect><text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{ink}\" font-size=\"11\">{code}</text></g>",
            f(x),
            f(y),
            f(SIDE),
            f(SIDE),
            f(x + SIDE / 2.0),
            f(y + SIDE / 2.0 + 4.0),
        );
    }
    // The legend: each shade and the sessions it stands for.
    let mut x = LEFT;
    for (k, (fill, _)) in SHADES.iter().enumerate() {
        let (lo, hi) = (max * k as u64 / 5 + 1, max * (k as u64 + 1) / 5);
        let label = if lo >= hi {
            int(hi)
        } else {
            format!("{} à {}", int(lo), int(hi))
        };
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"14\" fill=\"{fill}\" stroke=\"#555\" stroke-width=\"0.6\"/><text x=\"{}\" y=\"{}\">{}</text>",
            f(x),
            f(legend_top),
            f(x + 18.0),
            f(legend_top + 11.0),
            escape(&label)
        );
        x += 130.0;
    }
    out.push_str(&close(
        title,
        "Sessions avec mutualisation, toutes années ; survolez un carré pour son nombre. La disposition des carrés est celle du projet, pas une carte à l'échelle.",
    ));
    out
}

/// The charts of the demand page.
pub(crate) fn demand_charts(r: &DemandReport) -> String {
    if r.national.is_empty() {
        return String::new();
    }
    let mut out = String::from("<h2>En un coup d'œil</h2>\n");
    out.push_str(&top_modules(r));
    out.push_str(&per_year(r));
    out.push_str(&per_department(r));
    out.push_str(&cartogram(r));
    out
}
