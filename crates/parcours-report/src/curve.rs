//! The budget curve ([`BudgetCurve`], built by `parcours_planner::curve`) as a terminal
//! table, Markdown and CSV, in French; its HTML page is [`crate::html::budget_curve_html`].
//!
//! Every format gives, per point: the yearly budget, the share behind each level of the
//! objective, the agents at the socle by year 5, the days used and the cost, the gain to the
//! next point level by level, and whether the point keeps a smaller budget's plan.

use crate::csv_out::CsvStyle;
use crate::plan_text::{order_words, plural};
use crate::text::{md_table, md_text, number, table, wrap_prose};
use parcours_graph::vocab::Channel;
use parcours_planner::curve::{BudgetCurve, CurvePoint, EndReason, Gain, Levels};
use parcours_planner::plan::Days;
use std::fmt::Write;

/// A share in tenths of a percent, `—` when there is nothing to share.
pub(crate) fn pct(share: Option<Days>) -> String {
    share.map_or("—".to_owned(), |d| format!("{} %", d.french()))
}

/// A change in tenths of a percentage point, signed: `+3,2`, `−0,4`, `0`.
pub(crate) fn signed(tenths: i64) -> String {
    let sign = match tenths.signum() {
        1 => "+",
        -1 => "−",
        _ => "",
    };
    format!("{sign}{}", Days(tenths.unsigned_abs()).french())
}

/// The levels of a curve's objective, in its order: a short name for each, and its share at a
/// point (socle first only when the profile puts it first).
pub(crate) fn level_shares(curve: &BudgetCurve, l: &Levels) -> Vec<(&'static str, Option<Days>)> {
    let mut out = Vec::with_capacity(4);
    if curve.socle_first {
        out.push((LEVEL_NAMES[0], l.socle));
    }
    out.push((LEVEL_NAMES[1], l.goals));
    out.push((LEVEL_NAMES[2], Some(l.short_term)));
    out.push((LEVEL_NAMES[3], Some(l.overall)));
    out
}

/// The column header of each level of the objective, in its order.
pub(crate) const LEVEL_NAMES: [&str; 4] = [
    "Socle pour tous à 5 ans",
    "Préconisations ➔ à 5 ans",
    "Court terme à 5 ans",
    "Tous les besoins à l'horizon",
];

/// The short word of each level in a gain.
const GAIN_WORDS: [&str; 4] = ["socle", "➔", "court terme", "horizon"];

/// The gain to the next point, the levels that change only: `➔ +3,2 · horizon +0,5`;
/// `aucun` when nothing changes, `—` on the last point.
pub(crate) fn gain_text(gain: Option<&Gain>) -> String {
    let Some(g) = gain else {
        return "—".into();
    };
    let parts: Vec<String> = [g.socle, g.goals, Some(g.short_term), Some(g.overall)]
        .iter()
        .zip(GAIN_WORDS)
        .filter_map(|(v, w)| v.filter(|v| *v != 0).map(|v| format!("{w} {}", signed(v))))
        .collect();
    if parts.is_empty() {
        "aucun".into()
    } else {
        parts.join(" · ")
    }
}

/// What a point says of its plan: the smaller budget whose plan it keeps, and whether it is
/// the profile's own budget.
pub(crate) fn remark(curve: &BudgetCurve, p: &CurvePoint) -> String {
    let mut parts = Vec::new();
    if p.budget_days == curve.profile.budget_days_per_year {
        parts.push("budget actuel".to_owned());
    }
    if let Some(b) = p.kept_from {
        parts.push(format!(
            "plan du budget de {} gardé (meilleur que celui de ce budget)",
            plural(u64::from(b), "jour", "jours")
        ));
    }
    parts.join(" ; ")
}

/// Why the curve ends where it does, as a sentence's end.
pub(crate) fn end_text(curve: &BudgetCurve) -> String {
    let d = plural(u64::from(curve.end.days), "jour", "jours");
    match curve.end.reason {
        EndReason::Asked => format!("jusqu'à {d} par an, le budget maximal demandé"),
        EndReason::Ceiling => format!(
            "jusqu'à {d} par an : à partir de ce budget, tous les besoins sont financés à temps"
        ),
        EndReason::Plateau => format!(
            "jusqu'à {d} par an : au-delà, le plan ne progresse plus ; ce qui reste est retenu par le plafond de jours par agent, les prérequis ou l'horizon, pas par le budget"
        ),
        EndReason::Limit => format!(
            "jusqu'à {d} par an, le plus grand budget qu'accepte un profil : le plan progresse encore"
        ),
        _ => format!("jusqu'à {d} par an"),
    }
}

/// The header of the curve's table, its levels depending on the profile; shorter words in
/// the terminal (`short`).
fn header(curve: &BudgetCurve, short: bool) -> Vec<String> {
    let start = usize::from(!curve.socle_first);
    let (first, levels, agents) = if short {
        ("Jours par an", &LEVEL_SHORT, "Agents au socle")
    } else {
        (
            "Jours-stagiaires par an",
            &LEVEL_NAMES,
            "Agents au socle à 5 ans",
        )
    };
    let mut h = vec![first.to_owned()];
    h.extend(levels[start..].iter().map(|s| (*s).to_owned()));
    h.push(agents.into());
    h.push(format!(
        "Jours utilisés en {}",
        plural(u64::from(curve.profile.horizon), "an", "ans")
    ));
    if has_cost(curve) {
        h.push("Coût".into());
    }
    h.push(
        if short {
            "Gain au palier suivant"
        } else {
            "Gain au palier suivant (points)"
        }
        .into(),
    );
    if !short || has_remark(curve) {
        h.push("Remarque".into());
    }
    h
}

/// The levels' headers in the terminal (the table under them says what they are).
const LEVEL_SHORT: [&str; 4] = ["Socle 5 ans", "➔ 5 ans", "Court terme 5 ans", "Horizon"];

/// Whether any point has a remark.
fn has_remark(curve: &BudgetCurve) -> bool {
    curve.points.iter().any(|p| !remark(curve, p).is_empty())
}

/// The paid channels of a point's cost, « intra 2400 € ; organisme payant 900 € » (empty when
/// it costs nothing: inter-collectivity places are covered by the CNFPT levy). `money` writes
/// an amount.
pub(crate) fn channel_split(p: &CurvePoint, money: &dyn Fn(u64) -> String) -> String {
    p.by_channel
        .iter()
        .filter(|c| c.cost > 0)
        .map(|c| format!("{} {}", c.channel.label(), money(c.cost)))
        .collect::<Vec<_>>()
        .join(" ; ")
}

/// A point's cost and, in brackets, its paid channels.
pub(crate) fn cost_text(p: &CurvePoint, money: &dyn Fn(u64) -> String) -> String {
    match p.cost {
        None => "—".to_owned(),
        Some(c) => {
            let split = channel_split(p, money);
            if split.is_empty() {
                money(c)
            } else {
                format!("{} ({split})", money(c))
            }
        }
    }
}

/// Whether any point has a cost.
pub(crate) fn has_cost(curve: &BudgetCurve) -> bool {
    curve.points.iter().any(|p| p.cost.is_some())
}

/// A point's row, its cells as text (without an empty remark in the terminal: `short`).
fn row(curve: &BudgetCurve, p: &CurvePoint, short: bool) -> Vec<String> {
    let mut r = vec![number(p.budget_days)];
    r.extend(
        level_shares(curve, &p.levels)
            .into_iter()
            .map(|(_, s)| pct(s)),
    );
    r.push(format!(
        "{} / {}",
        number(p.agents_at_socle_year5),
        number(curve.agents)
    ));
    r.push(p.days_used.french().to_string());
    if has_cost(curve) {
        r.push(cost_text(p, &crate::funding::euros));
    }
    r.push(gain_text(p.gain.as_ref()));
    if !short || has_remark(curve) {
        r.push(remark(curve, p));
    }
    r
}

/// The lines above the table: who, the order, the range, the profile's own budget.
fn summary(curve: &BudgetCurve) -> Vec<String> {
    let p = &curve.profile;
    let c = &curve.current;
    let levels = level_shares(curve, &c.levels)
        .into_iter()
        .map(|(name, s)| format!("{} {}", name.to_lowercase(), pct(s)))
        .collect::<Vec<_>>()
        .join(", ");
    vec![
        format!(
            "{} sur {}, plan sur {} à partir de {}",
            plural(curve.agents, "agent", "agents"),
            plural(p.metiers as u64, "métier", "métiers"),
            plural(u64::from(p.horizon), "an", "ans"),
            p.first_year
        ),
        format!("Ordre de priorité : {}", order_words(curve.socle_first)),
        format!(
            "Courbe en {} {}{}",
            plural(u64::from(curve.steps), "palier", "paliers"),
            end_text(curve),
            start_text(curve)
        ),
        format!(
            "Budget actuel : {} par an — {levels} ; {} / {} agents au socle à 5 ans{}",
            plural(
                u64::from(c.budget_days),
                "jour-stagiaire",
                "jours-stagiaires"
            ),
            number(c.agents_at_socle_year5),
            number(curve.agents),
            c.kept_from
                .map(|b| format!(" (plan du budget de {} jours gardé)", number(b)))
                .unwrap_or_default()
        ),
    ]
}

/// The explanation under every table.
pub(crate) const READING: &str = "Chaque palier garde le meilleur plan trouvé à ce budget ou à un budget plus petit, dans l'ordre de priorité : la courbe ne descend jamais. Les parts sont celles des besoins (agents × niveaux à franchir) couverts ; « ➔ » est la couverture moyenne des préconisations prioritaires de l'étude, chacune comptant autant. Le gain est l'écart, en points, avec le palier suivant ; une part moins prioritaire peut reculer quand une plus prioritaire progresse.";

/// The curve in brief, for a plan report's executive part: a header and one row per point —
/// the yearly budget, the share behind each level of the objective and the cost (its channels
/// are in `parcours budget-curve`).
pub fn curve_brief(curve: &BudgetCurve) -> (Vec<String>, Vec<Vec<String>>) {
    let mut header = vec!["Jours-stagiaires par an".to_owned()];
    if let Some(first) = curve.points.first() {
        header.extend(
            level_shares(curve, &first.levels)
                .into_iter()
                .map(|(name, _)| name.to_owned()),
        );
    }
    let cost = has_cost(curve);
    if cost {
        header.push("Coût".to_owned());
    }
    let rows = curve
        .points
        .iter()
        .map(|p| {
            let mut r = vec![p.budget_days.to_string()];
            r.extend(
                level_shares(curve, &p.levels)
                    .into_iter()
                    .map(|(_, share)| pct(share)),
            );
            if cost {
                r.push(p.cost.map_or("—".to_owned(), crate::funding::euros));
            }
            r
        })
        .collect();
    (header, rows)
}

/// The curve as terminal tables, in French.
pub fn curve_table(curve: &BudgetCurve, width: u16) -> String {
    let mut out = format!(
        "Courbe budgétaire — {} ({})\n",
        curve.profile.name,
        curve.profile.kind.label()
    );
    for l in summary(curve) {
        let _ = writeln!(out, "{l}");
    }
    out.push('\n');
    let h = header(curve, true);
    let h: Vec<&str> = h.iter().map(String::as_str).collect();
    let rows = curve.points.iter().map(|p| row(curve, p, true)).collect();
    out.push_str(&table(&h, rows, width));
    let _ = writeln!(
        out,
        "{}{READING}",
        if curve.socle_first {
            "Socle 5 ans : pas vers le socle commun faits à 5 ans ; "
        } else {
            ""
        }
    );
    let _ = writeln!(
        out,
        "➔ 5 ans : couverture moyenne des préconisations prioritaires à 5 ans ; court terme 5 ans : besoins de court terme couverts à 5 ans ; horizon : tous les besoins couverts à l'horizon ; gains en points."
    );
    wrap_prose(&out, width)
}

/// The curve as a Markdown report, in French.
pub fn curve_md(curve: &BudgetCurve) -> String {
    let mut out = format!("# Courbe budgétaire — {}\n\n", md_text(&curve.profile.name));
    for l in summary(curve) {
        let _ = writeln!(out, "- {}", md_text(&l));
    }
    out.push('\n');
    let h = header(curve, false);
    let h: Vec<&str> = h.iter().map(String::as_str).collect();
    let rows: Vec<Vec<String>> = curve.points.iter().map(|p| row(curve, p, false)).collect();
    out.push_str(&md_table(&h, &rows));
    let _ = writeln!(out, "\n{READING}");
    out
}

/// A point's cost through `channel` in euros (empty without a cost; inter-collectivity places
/// cost nothing, so the total is the sum of these).
fn channel_cost(p: &CurvePoint, channel: Channel) -> String {
    if p.cost.is_none() {
        return String::new();
    }
    p.by_channel
        .iter()
        .find(|c| c.channel == channel)
        .map_or(0, |c| c.cost)
        .to_string()
}

/// The CSV columns, in order.
pub const CSV_HEADERS: [&str; 17] = [
    "jours_par_an",
    "socle_5_ans",
    "préconisations_prioritaires_5_ans",
    "court_terme_5_ans",
    "tous_besoins_horizon",
    "agents_au_socle_5_ans",
    "agents",
    "jours_utilisés",
    "coût",
    "coût_intra",
    "coût_organisme_payant",
    "coût_autoformation",
    "gain_socle",
    "gain_préconisations_prioritaires",
    "gain_court_terme",
    "gain_tous_besoins",
    "plan_gardé_du_budget",
];

/// The curve as CSV: a header row ([`CSV_HEADERS`]) then one row per point; shares and gains
/// in percent (points) with one decimal and the style's decimal mark, empty cells where a
/// level does not apply (the socle without `socle_first`) and on the last point's gains.
pub fn curve_csv(curve: &BudgetCurve, style: CsvStyle) -> String {
    let opt = |d: Option<Days>| d.map_or(String::new(), |d| style.days(d));
    let gain = |g: Option<i64>| {
        g.map_or(String::new(), |g| {
            let s = style.days(Days(g.unsigned_abs()));
            if g < 0 { format!("-{s}") } else { s }
        })
    };
    let rows = curve.points.iter().map(|p| {
        let g = p.gain.as_ref();
        vec![
            p.budget_days.to_string(),
            opt(p.levels.socle),
            opt(p.levels.goals),
            style.days(p.levels.short_term),
            style.days(p.levels.overall),
            p.agents_at_socle_year5.to_string(),
            curve.agents.to_string(),
            style.days(p.days_used),
            p.cost.map_or(String::new(), |c| c.to_string()),
            channel_cost(p, Channel::Intra),
            channel_cost(p, Channel::PayingBody),
            channel_cost(p, Channel::SelfTraining),
            gain(g.and_then(|g| g.socle)),
            gain(g.and_then(|g| g.goals)),
            gain(g.map(|g| g.short_term)),
            gain(g.map(|g| g.overall)),
            p.kept_from.map_or(String::new(), |b| b.to_string()),
        ]
    });
    style.write(&CSV_HEADERS, rows)
}

/// What the first budget of the curve is, when the profile has a statutory reserve: the
/// curve starts there (empty without one).
pub(crate) fn start_text(curve: &BudgetCurve) -> String {
    if curve.start_days == 0 {
        return String::new();
    }
    format!(
        " ; elle commence à la réserve statutaire du profil, {} par an : la formation statutaire passe en premier",
        plural(
            u64::from(curve.start_days),
            "jour-stagiaire",
            "jours-stagiaires"
        )
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_signed_in_french() {
        assert_eq!(signed(32), "+3,2");
        assert_eq!(signed(-4), "−0,4");
        assert_eq!(signed(0), "0");
        assert_eq!(signed(1000), "+100");
        let g = Gain {
            socle: None,
            goals: Some(30),
            short_term: -2,
            overall: 0,
        };
        assert_eq!(gain_text(Some(&g)), "➔ +3 · court terme −0,2");
        assert_eq!(gain_text(Some(&Gain::default())), "aucun");
        assert_eq!(gain_text(None), "—");
    }
}
