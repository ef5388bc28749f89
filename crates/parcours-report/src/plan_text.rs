//! The plan as a terminal table and as a Markdown report, in French.

use crate::funding::{
    CHANNEL_HEADER, CHANNEL_LEGEND, below_minimum, below_minimum_notes, below_minimum_tag,
    channel_rows, channel_short, channels_sentence, euros, funding_sentences, split_year,
};
use crate::part::{self, Part, ReportOptions};
use crate::statutory::{self, days_word};
use crate::text::{md_code, md_table, md_text, number, table, text_table, wrap_prose};
use itertools::Itertools;
use parcours_graph::ReferenceData;
use parcours_graph::ids::{MetierId, RecNumber};
use parcours_graph::vocab::{Category, Channel, Horizon, Modality};
use parcours_planner::plan::{Coverage, Days, Plan, SessionLine, UnfundedReason};
use parcours_planner::score::ScoreBreakdown;
use std::collections::BTreeMap;
use std::fmt::Write;

/// `n` and the noun in the right number (French: 0 and 1 take the singular).
pub fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", number(n), if n <= 1 { one } else { many })
}

/// The words for the people of a path: agents of a métier, or persons of a track (elected
/// officials are not agents).
pub fn people_words(
    kind: parcours_planner::population::PopulationKind,
) -> (&'static str, &'static str) {
    match kind {
        parcours_planner::population::PopulationKind::Track => ("personne", "personnes"),
        _ => ("agent", "agents"),
    }
}

/// Title of the section that opens every report: what the plan does not do.
pub const LEFT_OUT_TITLE: &str = "Ce que le plan ne fait pas";

/// The items of the section that opens every report ([`LEFT_OUT_TITLE`]): the plan's warnings
/// as sentences (populations without training by year 5, priority recommendations under half,
/// each with the budget that would change it when known), or one sentence saying there are
/// none.
pub fn left_out_items(plan: &Plan) -> Vec<String> {
    if plan.warnings.is_empty() {
        let years = plan.profile.horizon.clamp(1, 5);
        return vec![format!(
            "Chaque population reçoit au moins une formation d'ici {}, et chaque préconisation prioritaire ➔ y est couverte à 50 % au moins.",
            plan.profile.first_year + years - 1
        )];
    }
    plan.warnings
        .iter()
        .map(|w| {
            let mut c = w.message.chars();
            let first = c.next().map(|f| f.to_uppercase().collect::<String>());
            format!("{}{}.", first.unwrap_or_default(), c.as_str())
        })
        .collect()
}

/// French label of a category key.
pub fn category_fr(key: &str) -> &'static str {
    match key {
        "sensitive" => "sensible",
        "high_headcount" => "fort effectif",
        "shrinking" => "effectif en baisse",
        _ => "",
    }
}

/// What the hours of a reconversion count, and what they leave out: said in every report.
pub const RECONVERSION_HOURS: &str = "Les heures ne comptent que la formation au numérique \
(modules du catalogue) pour atteindre les niveaux du métier cible ; la formation propre au \
nouveau métier, hors numérique, n'est pas comptée : le service RH l'évalue.";

/// How reconversion targets are chosen and ranked: said in every report.
pub const RECONVERSION_RANKING: &str = "Cibles proposées : des métiers de la même filière, qui \
ne sont ni en baisse, ni réglementés, ni d'encadrement, ni un recul, et qui partagent avec le \
métier d'origine son domaine d'action ou une compétence propre au métier ; classées d'abord \
parmi les métiers déjà présents dans la collectivité, puis par ce qu'elles ont en commun, puis \
par heures de formation (un métier sensible étant préféré).";

/// What a reconversion target shares with its source, in French ("même domaine d'action ;
/// compétences : x, y"): the competencies by their French names when `data` is given, else
/// only counted (a report without the reference data shows no ids).
pub fn reconversion_shared(
    data: Option<&parcours_graph::ReferenceData>,
    t: &parcours_planner::reconversion::Target,
) -> String {
    let mut parts = Vec::new();
    if t.same_field {
        parts.push("même domaine d'action".to_owned());
    }
    let n = t.shared_competencies.len() as u64;
    match data {
        _ if n == 0 => {}
        Some(d) => {
            let names = t
                .shared_competencies
                .iter()
                .map(|c| d.competency(c).map_or(c.as_str(), |c| c.name.as_str()))
                .join(", ");
            parts.push(format!("compétences : {names}"));
        }
        None => parts.push(plural(
            n,
            "compétence propre au métier",
            "compétences propres au métier",
        )),
    }
    parts.join(" ; ")
}

/// A line's sessions as people read them: their number, or `autoformation` for a self-training
/// module (Pix, e-learning), which each agent follows alone: no session, no minimum, no pooling.
pub fn sessions_text(s: &SessionLine) -> String {
    if s.modality == Modality::SelfTraining {
        Modality::SelfTraining.label().to_owned()
    } else if s.sessions > 1 || s.composition.iter().any(|u| !u.groups.is_empty()) {
        format!("{} ({})", s.sessions, composition_text(s))
    } else {
        number(s.sessions)
    }
}

/// Who sits together on a line: per session group (or groups merged below the minimum) its
/// sessions by size, `Routes : 2 × 11 + 1 × 10 ; Collèges : 2 × 12`; the sizes alone when
/// the profile gives no groups.
pub fn composition_text(s: &SessionLine) -> String {
    s.composition
        .iter()
        .map(|u| {
            let sizes = u
                .sizes
                .iter()
                .chunk_by(|n| **n)
                .into_iter()
                .map(|(size, run)| format!("{}\u{a0}×\u{a0}{size}", run.count()))
                .join(" + ");
            if u.groups.is_empty() {
                sizes
            } else {
                format!("{} : {sizes}", u.groups.join(" + "))
            }
        })
        .join(" ; ")
}

/// One row of the unfunded needs rolled up by population and reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnfundedRollup<'p> {
    /// The métier's or track's id.
    pub metier: &'p str,
    /// Why.
    pub reason: UnfundedReason,
    /// Unfunded needs (rows of [`Plan::unfunded`]).
    pub needs: u64,
    /// Agents concerned: the most agents of one of these needs (an agent who lacks several
    /// modules counts once).
    pub agents: u64,
    /// Trainee-days that would fund them.
    pub days: Days,
}

/// The order of the reasons in the roll-up, for ties.
fn reason_rank(r: UnfundedReason) -> u8 {
    match r {
        UnfundedReason::Budget => 0,
        UnfundedReason::PerAgentCap => 1,
        UnfundedReason::ModuleLongerThanCap => 2,
        UnfundedReason::EuroBudget => 3,
        UnfundedReason::NoModule => 4,
        UnfundedReason::NoModuleForAudience => 5,
        _ => 6,
    }
}

/// The unfunded needs rolled up by population and reason, most days first (then by
/// population id and reason): where the missing days are, before the detail.
pub fn unfunded_rollup<'p>(plan: &'p Plan<'_>) -> Vec<UnfundedRollup<'p>> {
    let mut groups: BTreeMap<(&str, u8), UnfundedRollup<'p>> = BTreeMap::new();
    for u in &plan.unfunded {
        let g = groups
            .entry((u.metier.as_str(), reason_rank(u.reason)))
            .or_insert(UnfundedRollup {
                metier: &u.metier,
                reason: u.reason,
                needs: 0,
                agents: 0,
                days: Days(0),
            });
        g.needs += 1;
        g.agents = g.agents.max(u.agents);
        g.days.0 += u.days.0;
    }
    let mut rows: Vec<UnfundedRollup<'p>> = groups.into_values().collect();
    rows.sort_by(|a, b| {
        b.days
            .cmp(&a.days)
            .then_with(|| a.metier.cmp(b.metier))
            .then_with(|| reason_rank(a.reason).cmp(&reason_rank(b.reason)))
    });
    rows
}

/// Rows of the roll-up in the terminal (the Markdown and HTML reports give them all).
const ROLLUP_ROWS: usize = 25;

/// Headers of the roll-up's table.
pub const ROLLUP_HEADER: [&str; 5] = [
    "Population",
    "Motif",
    "Agents concernés",
    "Besoins",
    "Jours-stagiaires",
];

/// What the roll-up's agents mean.
pub const ROLLUP_NOTE: &str = "Agents concernés : le plus grand nombre d'agents d'un même besoin (un agent à qui manquent plusieurs formations compte une fois) ; besoins : formations non financées ; le détail suit.";

/// French label of an unfunded reason.
pub fn reason_fr(reason: UnfundedReason) -> &'static str {
    match reason {
        UnfundedReason::Budget => "budget insuffisant",
        UnfundedReason::PerAgentCap => "temps de formation annuel des agents déjà rempli",
        UnfundedReason::ModuleLongerThanCap => {
            "module plus long que le temps de formation annuel d'un agent"
        }
        UnfundedReason::NoModule => "aucun module utilisable (modules exclus)",
        UnfundedReason::NoModuleForAudience => "aucun module conçu pour ce public",
        UnfundedReason::EuroBudget => "budget en euros atteint",
        _ => "",
    }
}

/// The score components as one line of text.
pub fn explain_score(s: &ScoreBreakdown) -> String {
    let mut parts = vec![format!("base {}", s.base)];
    for (label, v) in [
        ("préconisation prioritaire", s.priority),
        ("court terme", s.short_term),
        ("métier sensible", s.sensitive),
        ("fort effectif", s.high_headcount),
        ("effectif en baisse", s.shrinking),
        ("agents", s.agents),
        ("niveaux manquants", s.missing_levels),
    ] {
        if v > 0 {
            parts.push(format!("{label} {v}"));
        }
    }
    format!(
        "{} = {} × {} % = {}",
        parts.join(" + "),
        s.subtotal,
        s.effect_percent,
        s.total
    )
}

/// Why a line is there, in words.
pub fn rationale(line: &SessionLine) -> String {
    let recs = line
        .recommendations
        .iter()
        .map(|r| format!("P{r}"))
        .join(", ");
    let cats = line
        .categories
        .iter()
        .map(|c| category_fr(c.key()))
        .join(", ");
    if cats.is_empty() {
        format!("préconisations {recs}")
    } else {
        format!("préconisations {recs} ; métiers {cats}")
    }
}

fn pct(c: &Coverage, five: bool) -> String {
    if c.needed == 0 {
        return "—".into();
    }
    format!(
        "{} %",
        (if five { c.share_year5 } else { c.share_horizon }).french()
    )
}

/// The plan's order of priority, as the reports state it (the lexicographic objective of
/// `docs/planning.md`).
pub(crate) fn objective_order(plan: &Plan) -> &'static str {
    order_words(plan.indicators.socle_first)
}

/// The order of priority in words, with or without the socle first.
pub(crate) fn order_words(socle_first: bool) -> &'static str {
    if socle_first {
        "priorité au socle pour tous (le socle commun de chaque agent à 5 ans), puis préconisations prioritaires ➔ à 5 ans, chacune comptant autant, puis autres besoins à court terme, puis tous les besoins"
    } else {
        "préconisations prioritaires ➔ à 5 ans, chacune comptant autant, puis autres besoins à court terme, puis tous les besoins (ordre de l'étude)"
    }
}

/// The average share of the ➔ recommendations' short-term needs covered by year 5, each
/// recommendation counting alike (level 1 of the objective over its ceiling), in tenths of a
/// percent; `None` when they need nothing.
pub(crate) fn goal_coverage(plan: &Plan) -> Option<Days> {
    let (got, top) = (
        plan.indicators.objective.goals,
        plan.indicators.objective_ceiling.goals,
    );
    (top > 0).then(|| {
        let tenths = (u128::from(got) * 1000 + u128::from(top) / 2) / u128::from(top);
        Days(u64::try_from(tenths).unwrap_or(1000))
    })
}

/// Where the plan's current levels come from: « Niveaux actuels : mesurés par Pix pour 84
/// agents sur 156 ; les 72 autres estimés d'après la maturité numérique « en développement » »,
/// then the measured agents per métier when some are.
pub fn levels_origin_lines(plan: &Plan) -> Vec<String> {
    let p = &plan.profile;
    let o = &p.current_levels;
    let estimate = format!(
        "d'après la maturité numérique « {} »{}",
        p.maturity.label(),
        if o.given {
            " et les niveaux donnés par le profil"
        } else {
            ""
        }
    );
    if o.measured_agents == 0 {
        return vec![format!("Niveaux actuels : estimés {estimate}")];
    }
    let by = o
        .measured_by
        .map_or(String::new(), |m| format!(" par {}", m.label()));
    let all = o.measured_agents + o.estimated_agents;
    let first = match o.estimated_agents {
        0 => format!(
            "Niveaux actuels : mesurés{by} pour tous les agents ({})",
            number(all)
        ),
        1 => format!(
            "Niveaux actuels : mesurés{by} pour {} sur {} ; l'autre estimé {estimate}",
            plural(o.measured_agents, "agent", "agents"),
            number(all),
        ),
        n => format!(
            "Niveaux actuels : mesurés{by} pour {} sur {} ; les {} autres estimés {estimate}",
            plural(o.measured_agents, "agent", "agents"),
            number(all),
            number(n),
        ),
    };
    // The métiers with the most agents measured; the JSON plan lists them all.
    const SHOWN: usize = 12;
    let mut by: Vec<_> = o.by_metier.iter().collect();
    by.sort_by(|a, b| b.measured.cmp(&a.measured).then(a.name.cmp(&b.name)));
    let mut metiers = by
        .iter()
        .take(SHOWN)
        .map(|m| {
            format!(
                "{} {} sur {}",
                m.name,
                number(m.measured),
                number(m.headcount)
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    if by.len() > SHOWN {
        let rest = by.len() - SHOWN;
        let _ = write!(
            metiers,
            " et {}",
            plural(rest as u64, "autre métier", "autres métiers")
        );
    }
    vec![first, format!("Agents mesurés par métier : {metiers}")]
}

fn summary(plan: &Plan) -> String {
    let p = &plan.profile;
    let i = &plan.indicators;
    let mut out = String::new();
    let _ = writeln!(out, "Plan de formation — {} ({})", p.name, p.kind.label());
    let _ = writeln!(
        out,
        "{} sur {} ; parcours de l'encadrement : {} ; parcours des élus : {} ; maturité numérique {} ; {} à partir de {}",
        plural(p.agents, "agent", "agents"),
        plural(p.metiers as u64, "métier", "métiers"),
        plural(u64::from(p.managers), "encadrant", "encadrants"),
        plural(u64::from(p.elected_officials), "élu", "élus"),
        p.maturity.label(),
        plural(u64::from(p.horizon), "an", "ans"),
        p.first_year
    );
    for l in levels_origin_lines(plan) {
        let _ = writeln!(out, "{l}");
    }
    let _ = writeln!(out, "{}", statutory::budget_line(plan));
    let _ = writeln!(
        out,
        "Jours utilisés par le plan numérique : {} sur {} ; besoins non financés : {}{}",
        i.days_used.french(),
        i.days_available.french(),
        days_word(i.days_unfunded),
        i.cost
            .map(|c| format!(" ; coût {}", euros(c)))
            .unwrap_or_default()
    );
    for l in funding_sentences(plan) {
        let _ = writeln!(out, "{l}");
    }
    let channels = channels_sentence(&i.by_channel);
    if !channels.is_empty() {
        let _ = writeln!(out, "Par canal de financement : {channels}");
    }
    let _ = writeln!(
        out,
        "Besoins couverts : {} à 5 ans (court terme : {}), {} à l'horizon ; agents au socle numérique de leur métier : {} au départ, {} à 5 ans, {} à l'horizon (sur {})",
        pct(&i.overall, true),
        pct(&i.short_term, true),
        pct(&i.overall, false),
        number(i.agents_at_socle_start),
        number(i.agents_at_socle_year5),
        number(i.agents_at_socle_horizon),
        number(i.agents)
    );
    let _ = writeln!(
        out,
        "Ordre de priorité : {} ; couverture moyenne des préconisations prioritaires ➔ à 5 ans : {}",
        objective_order(plan),
        goal_coverage(plan).map_or("—".to_owned(), |d| format!("{} %", d.french()))
    );
    out
}

/// A line's sessions in the terminal: their number and channel, and the cost when the line
/// is paid (« 3 intra 7 200 € », « 1 inter », « auto »).
fn sessions_cell(s: &SessionLine) -> String {
    let what = if s.modality == Modality::SelfTraining {
        channel_short(s.channel).to_owned()
    } else {
        format!("{} {}", s.sessions, channel_short(s.channel))
    };
    priced(what, s.cost.unwrap_or(0))
}

/// `what`, followed by `cost` in euros when there is one.
fn priced(what: String, cost: u64) -> String {
    if cost == 0 {
        what
    } else {
        format!("{what} {}", euros(cost))
    }
}

/// The columns of a year's lines in the terminal table.
pub(crate) const SESSION_HEADER: [&str; 6] = [
    "Formation",
    "Publics",
    "Stagiaires",
    "Sessions",
    "Jours",
    "Motif",
];

/// The columns of a year's lines in a table narrower than [`WIDE`]: the publics go under the
/// title of the training.
pub(crate) const NARROW_HEADER: [&str; 5] = [
    "Formation et publics",
    "Stagiaires",
    "Sessions",
    "Jours",
    "Motif",
];

/// The width from which the publics of a line have a column of their own.
pub const WIDE: u16 = 120;

/// How the lines of a year are ordered in the terminal, said once above the years.
pub const LINE_ORDER: &str = "Dans chaque année, les lignes sont classées : d'abord celles \
qu'une préconisation prioritaire ➔ justifie, puis par niveau (socle, approfondissement, \
expertise), puis par intitulé ; l'autoformation vient en fin d'année. Motif : les \
préconisations de l'étude du CNFPT qui justifient la ligne (P23 : préconisation 23).";

/// What `--explain` adds to the terminal table, said once above the years.
pub const EXPLAIN_NOTE: &str = "Avec --explain, le motif dit aussi la catégorie des métiers \
(préconisation 23 : sensible, à fort effectif, à effectif en baisse) et le score de priorité de \
la ligne ; le détail du score, composante par composante, est dans --format md ou html avec \
--explain.";

/// The name of a métier as a table shows it: its short name in the reference data, else (a
/// track: élus, encadrement) its name in the plan, else its id.
pub fn short_name<'a>(plan: &'a Plan, data: &'a ReferenceData, id: &'a str) -> &'a str {
    if let Some(m) = data.metier(&MetierId(id.to_owned())) {
        return &m.short_name;
    }
    plan.paths
        .iter()
        .find(|p| p.metier == id)
        .map_or(id, |p| p.name.as_ref())
}

/// The publics a terminal line names before it counts the others.
const PUBLICS_SHOWN: usize = 6;

/// The publics of a line in the terminal: up to [`PUBLICS_SHOWN`] names, then how many others
/// (« DGS, DGA, DRH, DSI, DST, Directeur des sports et 8 autres publics » ; the reports in
/// files name them all).
fn publics_text(names: &[&str]) -> String {
    if names.len() <= PUBLICS_SHOWN + 1 {
        return names.join(", ");
    }
    let rest = (names.len() - PUBLICS_SHOWN) as u64;
    format!(
        "{} et {}",
        names[..PUBLICS_SHOWN].join(", "),
        plural(rest, "autre public", "autres publics")
    )
}

/// Whether a recommendation justifying a line is a priority one (➔).
fn has_priority(data: &ReferenceData, recs: &[u16]) -> bool {
    recs.iter().any(|r| {
        data.recommendation(RecNumber(*r))
            .is_some_and(|r| r.priority)
    })
}

/// `s` without its accents and in lower case, to sort French titles as a reader expects
/// (« Écrire » among the e).
fn sort_key(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'ç' => 'c',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ÿ' => 'y',
            c => c,
        })
        .collect()
}

/// The categories of recommendation 23 of the métiers on a line, as a phrase agreeing with
/// their number: « métier sensible », « métiers sensibles et à fort effectif ».
fn categories_phrase(cats: &[Category], metiers: usize) -> Option<String> {
    let many = metiers > 1;
    let words: Vec<&str> = cats
        .iter()
        .map(|c| match c {
            Category::Sensitive if many => "sensibles",
            Category::Sensitive => "sensible",
            Category::HighHeadcount => "à fort effectif",
            _ => "à effectif en baisse",
        })
        .collect();
    let (last, rest) = words.split_last()?;
    let list = if rest.is_empty() {
        (*last).to_owned()
    } else {
        format!("{} et {last}", rest.join(", "))
    };
    Some(format!(
        "{} {list}",
        if many { "métiers" } else { "métier" }
    ))
}

/// The motive of a line in the terminal: its recommendations (`P4, P23`), and with
/// `explain` the categories of its métiers and its score.
fn motive(s: &SessionLine, explain: bool) -> String {
    let recs = s.recommendations.iter().map(|r| format!("P{r}")).join(", ");
    if !explain {
        return recs;
    }
    let mut parts = vec![recs];
    parts.extend(categories_phrase(&s.categories, s.by_metier.len()));
    parts.push(format!("score\u{a0}{}", s.score));
    parts.join(" ; ")
}

/// The plan as terminal tables, at most `width` columns wide (a word wider than its column
/// widens the table rather than being cut): French titles, métiers by their short names.
pub fn plan_table(
    plan: &Plan,
    data: &ReferenceData,
    width: u16,
    options: &ReportOptions,
) -> String {
    let ReportOptions {
        explain,
        part,
        curve,
    } = *options;
    let all = summary(plan);
    let (title, rest) = all.split_once('\n').unwrap_or((&all, ""));
    let title = match part {
        Part::Full => title.to_owned(),
        Part::Executive => format!("{title} — synthèse"),
        Part::Annex => format!("{title} — annexe"),
    };
    let mut out = format!("{title}\n");
    if part.executive() {
        let _ = writeln!(out, "\n{LEFT_OUT_TITLE} :");

        for item in left_out_items(plan) {
            out.push_str(&wrap_prose(&format!("- {item}"), width));
        }
        out.push('\n');
        out.push_str(rest);
        let _ = writeln!(out, "\n{} (jours-stagiaires par an) :", statutory::TITLE);
        out.push_str(&table(
            &statutory::YEAR_HEADER,
            statutory::year_rows(plan),
            width,
        ));
        if !plan.statutory.lines.is_empty() {
            out.push_str(&text_table(
                &statutory::LINE_HEADER,
                statutory::line_rows(plan),
                width,
            ));
        }
        for note in statutory::notes(plan) {
            let _ = writeln!(out, "{note}");
        }
        let _ = writeln!(out, "\nTotaux par année :");
        out.push_str(&text_table(
            &part::YEAR_HEADER,
            part::year_rows(plan),
            width,
        ));
        let priorities = part::priority_rows(plan, data);
        if !priorities.is_empty() {
            let _ = writeln!(out, "\nPréconisations prioritaires ➔ :");
            out.push_str(&text_table(&part::PRIORITY_HEADER, priorities, width));
        }
        if let Some(c) = curve {
            let _ = writeln!(out, "\n{} :\n{}", part::CURVE_TITLE, part::CURVE_NOTE);
            let (h, rows) = crate::curve::curve_brief(c);
            let h: Vec<&str> = h.iter().map(String::as_str).collect();
            out.push_str(&text_table(&h, rows, width));
        }
        let _ = writeln!(out, "\n{} :", part::family_title(plan));
        out.push_str(&text_table(
            &part::FAMILY_HEADER,
            part::family_rows(plan),
            width,
        ));
    }
    if !part.annex() {
        let _ = writeln!(out, "\n{}", part::ANNEX_NOTE);
        return wrap_prose(&out, width);
    }
    if plan.years.iter().any(|y| !y.sessions.is_empty()) {
        let _ = writeln!(out, "\n{LINE_ORDER}");
        if explain {
            let _ = writeln!(out, "{EXPLAIN_NOTE}");
        }
    }
    let names = |l: &SessionLine| {
        let all: Vec<&str> = l
            .by_metier
            .iter()
            .map(|m| short_name(plan, data, &m.metier))
            .collect();
        publics_text(&all)
    };
    for y in &plan.years {
        let _ = writeln!(
            out,
            "\nAnnée {} (année {} du plan, {}) — {} sur {}{}, {} de formateur",
            y.year,
            y.index,
            if y.horizon == Horizon::Short {
                "court terme"
            } else {
                "long terme"
            },
            days_word(y.days_used),
            y.budget_days.french(),
            y.cost
                .map(|c| format!(", {}", euros(c)))
                .unwrap_or_default(),
            days_word(y.trainer_days)
        );
        if y.sessions.is_empty() {
            let _ = writeln!(out, "  (aucune session)");
            continue;
        }
        let (mut sessions, self_training) = split_year(plan, y);
        sessions.sort_by_cached_key(|s| {
            (
                !has_priority(data, &s.recommendations),
                s.level,
                sort_key(&s.title),
                s.module.clone(),
            )
        });
        let mut rows: Vec<Vec<String>> = sessions
            .iter()
            .map(|s| {
                vec![
                    format!(
                        "{}{} —\u{a0}{}{}",
                        // No-break spaces: the arrow and the star stay by their words.
                        if has_priority(data, &s.recommendations) {
                            "➔\u{a0}"
                        } else {
                            ""
                        },
                        s.title,
                        s.level,
                        if s.pooling_candidate { "\u{a0}*" } else { "" }
                    ),
                    names(s),
                    number(s.agents),
                    sessions_cell(s),
                    s.days.french().to_string(),
                    motive(s, explain),
                ]
            })
            .collect();
        for g in &self_training {
            rows.push(vec![
                format!("Autoformation : {}", g.short),
                short_name(plan, data, &g.metier).to_owned(),
                number(g.agents),
                priced(channel_short(Channel::SelfTraining).to_owned(), g.cost),
                g.days.french().to_string(),
                String::new(),
            ]);
        }
        if width < WIDE {
            for r in &mut rows {
                let publics = r.remove(1);
                r[0] = format!("{}\nPublics : {publics}", r[0]);
            }
            out.push_str(&text_table(&NARROW_HEADER, rows, width));
        } else {
            out.push_str(&text_table(&SESSION_HEADER, rows, width));
        }
        let _ = writeln!(out, "  Par canal : {}", channels_sentence(&y.by_channel));
    }
    if plan.years.iter().any(|y| !y.sessions.is_empty()) {
        let _ = writeln!(out, "\n{CHANNEL_LEGEND}");
    }
    let notes = below_minimum_notes(plan);
    if !notes.is_empty() {
        let _ = writeln!(out);
    }
    for (_, note) in notes {
        let _ = writeln!(out, "* {note}");
    }
    if !plan.unfunded.is_empty() {
        let _ = writeln!(
            out,
            "\nNon financé par population et motif ({}, {}) :",
            plural(plan.unfunded.len() as u64, "besoin", "besoins"),
            days_word(plan.indicators.days_unfunded)
        );
        let rollup = unfunded_rollup(plan);
        let rows = rollup
            .iter()
            .take(ROLLUP_ROWS)
            .map(|r| {
                vec![
                    short_name(plan, data, r.metier).to_owned(),
                    reason_fr(r.reason).to_owned(),
                    number(r.agents),
                    number(r.needs),
                    r.days.french().to_string(),
                ]
            })
            .collect();
        out.push_str(&text_table(&ROLLUP_HEADER, rows, width));
        if rollup.len() > ROLLUP_ROWS {
            let rest = &rollup[ROLLUP_ROWS..];
            let _ = writeln!(
                out,
                "… et {} pour {} (voir --format md ou json)",
                plural(rest.len() as u64, "autre ligne", "autres lignes"),
                days_word(Days(rest.iter().map(|r| r.days.0).sum()))
            );
        }
        out.push_str(&wrap_prose(ROLLUP_NOTE, width));
        let _ = writeln!(
            out,
            "\nNon financé, le détail ({}) :",
            plural(plan.unfunded.len() as u64, "ligne", "lignes"),
        );
        let rows = plan
            .unfunded
            .iter()
            .take(20)
            .map(|u| {
                vec![
                    short_name(plan, data, &u.metier).to_owned(),
                    u.module.as_ref().map_or(String::new(), |m| {
                        data.module(m)
                            .map_or(m.0.clone(), |m| format!("{} — {}", m.title, m.level))
                    }),
                    number(u.agents),
                    u.days.french().to_string(),
                    reason_fr(u.reason).to_owned(),
                ]
            })
            .collect();
        out.push_str(&text_table(
            &["Publics", "Formation", "Stagiaires", "Jours", "Raison"],
            rows,
            width,
        ));
        if plan.unfunded.len() > 20 {
            let _ = writeln!(
                out,
                "… et {} (voir --format md ou json)",
                plural(
                    plan.unfunded.len() as u64 - 20,
                    "autre ligne",
                    "autres lignes"
                )
            );
        }
    }
    let self_training = plan
        .years
        .iter()
        .flat_map(|y| &y.sessions)
        .any(|s| s.modality == Modality::SelfTraining);
    if self_training {
        let _ = writeln!(
            out,
            "\nAutoformation (Pix, e-learning) : une ligne par métier et par année, sans session (« auto ») : chaque agent suit ses modules seul ; le détail par module est dans les exports JSON, CSV et XLSX."
        );
    }
    if !plan.reconversions.is_empty() {
        let _ = writeln!(
            out,
            "\nReconversions possibles (métiers à effectif en baisse) :\n  {RECONVERSION_HOURS}"
        );
        for r in &plan.reconversions {
            let targets = if r.targets.is_empty() {
                "aucune cible proche dans le référentiel".to_owned()
            } else {
                r.targets
                    .iter()
                    .map(|t| format!("{} ({} h)", short_name(plan, data, &t.metier), t.hours))
                    .join(", ")
            };
            let _ = writeln!(
                out,
                "  {} ({}) → {}",
                short_name(plan, data, &r.metier),
                plural(r.agents, "agent", "agents"),
                targets
            );
        }
    }
    wrap_prose(&out, width)
}

/// The plan as a Markdown report.
pub fn plan_md(plan: &Plan, data: &ReferenceData, options: &ReportOptions) -> String {
    let ReportOptions {
        explain,
        part,
        curve,
    } = *options;
    let mut out = String::new();
    let p = &plan.profile;
    let _ = writeln!(
        out,
        "# Plan de formation au numérique — {}{}\n",
        md_text(&p.name),
        match part {
            Part::Full => "",
            Part::Executive => " — synthèse",
            Part::Annex => " — annexe",
        }
    );
    if part.executive() {
        let _ = writeln!(out, "## {LEFT_OUT_TITLE}\n");
        for item in left_out_items(plan) {
            let _ = writeln!(out, "- {}", md_text(&item));
        }
        let _ = writeln!(out, "\n## Synthèse\n");
        for l in summary(plan).lines().skip(1) {
            let _ = writeln!(out, "- {l}");
        }
        let _ = writeln!(
            out,
            "\n## {}\n\nEn jours-stagiaires par an.\n",
            statutory::TITLE
        );
        out.push_str(&md_table(
            &statutory::YEAR_HEADER,
            &statutory::year_rows(plan),
        ));
        if !plan.statutory.lines.is_empty() {
            out.push('\n');
            out.push_str(&md_table(
                &statutory::LINE_HEADER,
                &statutory::line_rows(plan),
            ));
        }
        for note in statutory::notes(plan) {
            let _ = writeln!(out, "\n{}", md_text(&note));
        }
        let _ = writeln!(out, "\n## Totaux par année\n");
        out.push_str(&md_table(&part::YEAR_HEADER, &part::year_rows(plan)));
        let priorities = part::priority_rows(plan, data);
        if !priorities.is_empty() {
            let _ = writeln!(out, "\n## Préconisations prioritaires ➔\n");
            let rows: Vec<Vec<String>> = priorities
                .into_iter()
                .map(|r| r.into_iter().map(|c| md_text(&c)).collect())
                .collect();
            out.push_str(&md_table(&part::PRIORITY_HEADER, &rows));
        }
        if let Some(c) = curve {
            let _ = writeln!(out, "\n## {}\n\n{}\n", part::CURVE_TITLE, part::CURVE_NOTE);
            let (h, rows) = crate::curve::curve_brief(c);
            let h: Vec<&str> = h.iter().map(String::as_str).collect();
            out.push_str(&md_table(&h, &rows));
        }
        let _ = writeln!(out, "\n## {}\n", part::family_title(plan));
        let rows: Vec<Vec<String>> = part::family_rows(plan)
            .into_iter()
            .map(|r| r.into_iter().map(|c| md_text(&c)).collect())
            .collect();
        out.push_str(&md_table(&part::FAMILY_HEADER, &rows));
        let _ = writeln!(out, "\n## Coût par canal de financement\n");
        out.push_str(&md_table(
            &CHANNEL_HEADER,
            &channel_rows(&plan.indicators.by_channel, euros),
        ));
        let _ = writeln!(
            out,
            "\nInter-collectivités CNFPT : places dans les sessions du programme du CNFPT, payées par la cotisation (pas de coût marginal ; le temps des agents compte en jours-stagiaires). Intra : session sur mesure pour les agents de la collectivité, payée à la journée de session. Organisme payant : payé à la journée-stagiaire. Autoformation : le temps des agents et une licence éventuelle par agent."
        );
    }
    if !part.annex() {
        let _ = writeln!(out, "\n{}", part::ANNEX_NOTE);
        return out;
    }
    let _ = writeln!(out, "\n## Plan par année");
    for y in &plan.years {
        let _ = writeln!(
            out,
            "\n### {} (année {}, {}) — {} jours sur {}, {} de formateur\n",
            y.year,
            y.index,
            if y.horizon == Horizon::Short {
                "court terme"
            } else {
                "long terme"
            },
            y.days_used.french(),
            y.budget_days.french(),
            days_word(y.trainer_days)
        );
        if y.sessions.is_empty() {
            let _ = writeln!(out, "Aucune session.");
            continue;
        }
        let (sessions, self_training) = split_year(plan, y);
        let mut rows: Vec<Vec<String>> = sessions
            .iter()
            .map(|s| {
                let mut r = vec![
                    format!(
                        "{}{}",
                        md_code(s.module.as_str()),
                        below_minimum(plan, s)
                            .map(|b| format!(" ({})", below_minimum_tag(b)))
                            .unwrap_or_default()
                    ),
                    md_text(&s.title),
                    s.level.to_string(),
                    s.modality.label().to_owned(),
                    s.by_metier.iter().map(|m| md_text(&m.metier)).join(", "),
                    number(s.agents),
                    sessions_text(s),
                    s.days.french().to_string(),
                    s.channel.label().to_owned(),
                    euros(s.cost.unwrap_or(0)),
                    rationale(s),
                ];
                if explain {
                    r.push(explain_score(&s.score_components));
                }
                r
            })
            .collect();
        for g in &self_training {
            let mut r = vec![
                "autoformation".to_owned(),
                md_text(&g.label),
                String::new(),
                Modality::SelfTraining.label().to_owned(),
                md_text(&g.metier),
                number(g.agents),
                Modality::SelfTraining.label().to_owned(),
                g.days.french().to_string(),
                parcours_graph::vocab::Channel::SelfTraining
                    .label()
                    .to_owned(),
                euros(g.cost),
                plural(g.modules as u64, "module", "modules"),
            ];
            if explain {
                r.push(String::new());
            }
            rows.push(r);
        }
        let mut header = vec![
            "Module",
            "Intitulé",
            "Niveau",
            "Modalité",
            "Métiers",
            "Agents",
            "Sessions",
            "Jours",
            "Canal",
            "Coût",
            "Justification",
        ];
        if explain {
            header.push("Score");
        }
        out.push_str(&md_table(&header, &rows));
        let _ = writeln!(
            out,
            "\nPar canal de financement : {}.",
            channels_sentence(&y.by_channel)
        );
    }
    if plan
        .years
        .iter()
        .flat_map(|y| &y.sessions)
        .any(|s| s.modality == Modality::SelfTraining)
    {
        let _ = writeln!(
            out,
            "\nL'autoformation (Pix, e-learning) est regroupée : une ligne par métier et par année ; le détail par module est dans les exports JSON, CSV et XLSX."
        );
    }
    for (_, note) in below_minimum_notes(plan) {
        let _ = writeln!(out, "\n{}.", md_text(&note));
    }
    let _ = writeln!(out, "\n## Parcours par métier");
    for path in &plan.paths {
        let cats = path
            .categories
            .iter()
            .map(|c| category_fr(c.key()))
            .join(", ");
        let (one, many) = people_words(path.kind);
        let _ = writeln!(
            out,
            "\n### {} ({}) — {}{}\n",
            md_text(&path.name),
            md_code(&path.metier),
            plural(path.headcount, one, many),
            if cats.is_empty() {
                String::new()
            } else {
                format!(" — {cats}")
            }
        );
        if path.steps.is_empty() {
            let _ = writeln!(out, "Aucun besoin : les niveaux cibles sont atteints.");
            continue;
        }
        let rows: Vec<Vec<String>> = part::step_views(path)
            .iter()
            .enumerate()
            .map(|(k, v)| {
                let (module, competency, agents, scheduled, unfunded, recs) = match v {
                    part::StepView::One(s) => (
                        md_code(s.module.as_str()),
                        format!("{} → {}", md_text(&s.competency), s.level),
                        s.agents,
                        &s.scheduled[..],
                        s.unfunded,
                        &s.recommendations[..],
                    ),
                    part::StepView::Pix(p) => (
                        "autoformation".to_owned(),
                        format!("{} → socle", md_text(&p.label())),
                        p.agents,
                        &p.scheduled[..],
                        p.unfunded,
                        &p.recommendations[..],
                    ),
                };
                vec![
                    (k + 1).to_string(),
                    module,
                    competency,
                    number(agents),
                    scheduled
                        .iter()
                        .map(|(y, n)| format!("{y} : {}", number(*n)))
                        .join(", "),
                    number(unfunded),
                    recs.iter().map(|r| format!("P{r}")).join(", "),
                ]
            })
            .collect();
        out.push_str(&md_table(
            &[
                "#",
                "Module",
                "Compétence",
                "Agents",
                "Programmé",
                "Non financé",
                "Préconisations",
            ],
            &rows,
        ));
    }
    if !plan.reconversions.is_empty() {
        let _ = writeln!(
            out,
            "\n## Reconversions\n\n{RECONVERSION_RANKING} {RECONVERSION_HOURS}\n"
        );
        for r in &plan.reconversions {
            let _ = writeln!(
                out,
                "- **{}** ({}, {}) :",
                md_text(&r.name),
                md_code(&r.metier),
                plural(r.agents, "agent", "agents")
            );
            if r.targets.is_empty() {
                let _ = writeln!(out, "  - aucune cible proche dans le référentiel");
            }
            for t in &r.targets {
                let _ = writeln!(
                    out,
                    "  - {} ({}) — en commun : {} — {} h de formation au numérique : {}",
                    md_text(&t.name),
                    md_code(&t.metier),
                    md_text(&reconversion_shared(None, t)),
                    t.hours,
                    t.modules.iter().map(|m| md_text(m.as_str())).join(" → ")
                );
            }
        }
    }
    let _ = writeln!(out, "\n## Non financé\n");
    if plan.unfunded.is_empty() {
        let _ = writeln!(out, "Tout est financé.");
    } else {
        let _ = writeln!(out, "### Par population et motif\n");
        let rows: Vec<Vec<String>> = unfunded_rollup(plan)
            .iter()
            .map(|r| {
                vec![
                    md_text(r.metier),
                    reason_fr(r.reason).to_owned(),
                    number(r.agents),
                    number(r.needs),
                    r.days.french().to_string(),
                ]
            })
            .collect();
        out.push_str(&md_table(&ROLLUP_HEADER, &rows));
        let _ = writeln!(out, "\n{ROLLUP_NOTE}\n\n### Détail\n");
        let rows: Vec<Vec<String>> = plan
            .unfunded
            .iter()
            .map(|u| {
                vec![
                    md_text(&u.metier),
                    u.module
                        .as_ref()
                        .map_or("—".into(), |m| md_code(m.as_str())),
                    format!("{} → {}", md_text(&u.competency), u.level),
                    number(u.agents),
                    u.days.french().to_string(),
                    reason_fr(u.reason).to_owned(),
                ]
            })
            .collect();
        out.push_str(&md_table(
            &[
                "Métier",
                "Module",
                "Compétence",
                "Agents",
                "Jours",
                "Raison",
            ],
            &rows,
        ));
    }
    let _ = writeln!(out, "\n## Indicateurs par préconisation\n");
    let rows: Vec<Vec<String>> = plan
        .indicators
        .recommendations
        .iter()
        .map(|(r, c)| {
            vec![
                format!("P{r}"),
                number(c.needed),
                pct(c, true),
                pct(c, false),
            ]
        })
        .collect();
    out.push_str(&md_table(
        &[
            "Préconisation",
            "Besoins (agents × niveaux)",
            "Couverts à 5 ans",
            "Couverts à l'horizon",
        ],
        &rows,
    ));
    let _ = writeln!(out, "\n## Indicateurs par effet\n");
    let rows: Vec<Vec<String>> = plan
        .indicators
        .effects
        .iter()
        .map(|(e, c)| {
            vec![
                format!("Effet {e}"),
                number(c.needed),
                pct(c, true),
                pct(c, false),
            ]
        })
        .collect();
    out.push_str(&md_table(
        &[
            "Effet",
            "Besoins",
            "Couverts à 5 ans",
            "Couverts à l'horizon",
        ],
        &rows,
    ));
    out
}

#[cfg(test)]
mod terminal_tests {
    use super::*;

    #[test]
    fn publics_beyond_six_are_counted() {
        let names = ["A", "B", "C", "D", "E", "F", "G"];
        assert_eq!(publics_text(&names), "A, B, C, D, E, F, G");
        let names = ["A", "B", "C", "D", "E", "F", "G", "H"];
        assert_eq!(publics_text(&names), "A, B, C, D, E, F et 2 autres publics");
        assert_eq!(publics_text(&["A"]), "A");
    }

    #[test]
    fn categories_agree_with_the_number_of_metiers() {
        assert_eq!(
            categories_phrase(&[Category::Sensitive], 1).as_deref(),
            Some("métier sensible")
        );
        assert_eq!(
            categories_phrase(&[Category::Sensitive, Category::HighHeadcount], 3).as_deref(),
            Some("métiers sensibles et à fort effectif")
        );
        assert_eq!(
            categories_phrase(
                &[
                    Category::Sensitive,
                    Category::HighHeadcount,
                    Category::Shrinking
                ],
                1
            )
            .as_deref(),
            Some("métier sensible, à fort effectif et à effectif en baisse")
        );
        assert_eq!(categories_phrase(&[], 2), None);
    }

    #[test]
    fn titles_sort_without_their_accents() {
        let mut titles = ["Écrire", "Organiser", "Élus", "Accueillir", "élaborer"];
        titles.sort_by_key(|t| sort_key(t));
        assert_eq!(
            titles,
            ["Accueillir", "Écrire", "élaborer", "Élus", "Organiser"]
        );
    }
}
