//! What every human-readable plan report says about money, in French: the funding channel of
//! a line, the cost per channel, the prices, the euro budget and the CNFPT levy; and the
//! self-training lines grouped per population (one line per year and métier, « parcours Pix :
//! 1.1, 2.1… »), the detail staying in JSON, CSV and XLSX.

use itertools::Itertools;
use parcours_graph::vocab::Channel;
use parcours_planner::funding::{BelowMinimum, ChannelTotal};
use parcours_planner::plan::{Days, Plan, SessionLine, YearPlan};

/// What the terminal's short channel labels mean, said once under its tables.
pub const CHANNEL_LEGEND: &str = "Sessions : leur nombre, leur canal de financement et le \
coût de la ligne quand elle est payante. Canal : inter = places en session inter-collectivités du \
CNFPT (payée par la cotisation, sans coût marginal) ; intra = session sur mesure pour la \
collectivité (payée à la journée de session) ; payant = organisme payant (à la \
journée-stagiaire) ; auto = autoformation (licence éventuelle par agent).";

/// What a line below its module's minimum participants becomes, for the plan's collectivity
/// (none for a line at or above it, or one without sessions).
pub fn below_minimum(plan: &Plan, line: &SessionLine) -> Option<BelowMinimum> {
    if !line.pooling_candidate {
        return None;
    }
    BelowMinimum::of(plan.profile.kind, line.channel)
}

/// The tag of a line below the minimum, beside its module.
pub fn below_minimum_tag(b: BelowMinimum) -> &'static str {
    match b {
        BelowMinimum::InterPlaces => "places inter",
        BelowMinimum::PoolWithNeighbours => "à mutualiser",
        BelowMinimum::OpenToTerritory => "sous le minimum",
    }
}

/// What the lines below the minimum become, one sentence per case the plan has (tag, count
/// and what to do), in [`BelowMinimum`]'s order.
pub fn below_minimum_notes(plan: &Plan) -> Vec<(BelowMinimum, String)> {
    let mut counts = std::collections::BTreeMap::new();
    for s in plan.years.iter().flat_map(|y| &y.sessions) {
        if let Some(b) = below_minimum(plan, s) {
            *counts.entry(b).or_insert(0u64) += 1;
        }
    }
    counts
        .into_iter()
        .map(|(b, n)| {
            let lines = if n == 1 {
                "1 ligne sous le minimum de participants".to_owned()
            } else {
                format!("{n} lignes sous le minimum de participants")
            };
            let what = match b {
                BelowMinimum::InterPlaces => {
                    "des places en session inter-collectivités du CNFPT, avec des agents d'autres employeurs"
                }
                BelowMinimum::PoolWithNeighbours => {
                    "module sans session inter-collectivités : une session intra à mutualiser avec des collectivités voisines (préconisations 7 et 14)"
                }
                BelowMinimum::OpenToTerritory => {
                    "module sans session inter-collectivités : une session intra tenue sous le minimum, ou ouverte aux agents d'autres employeurs publics du territoire"
                }
            };
            (b, format!("{lines} ({}) : {what}", below_minimum_tag(b)))
        })
        .collect()
}

/// A channel's label in the terminal's narrow columns ([`CHANNEL_LEGEND`]).
pub fn channel_short(c: Channel) -> &'static str {
    match c {
        Channel::Inter => "inter",
        Channel::Intra => "intra",
        Channel::PayingBody => "payant",
        Channel::SelfTraining => "auto",
    }
}

/// `n` euros, digits grouped by `sep` (`18 150 €`).
pub fn euros_with(n: u64, sep: char) -> String {
    format!(
        "{}\u{a0}€",
        parcours_graph::diagnostic::grouped_digits(n, sep)
    )
}

/// Euros for text reports: `18 150 €` (no-break spaces).
pub fn euros(n: u64) -> String {
    euros_with(n, '\u{a0}')
}

/// The prices a plan is costed at, its euro budget and the CNFPT levy, as sentences.
pub fn funding_sentences(plan: &Plan) -> Vec<String> {
    let f = &plan.profile.funding;
    let p = &f.prices;
    let mut out = vec![format!(
        "Prix : session intra {} la journée de session, organisme payant {} la journée-stagiaire, autoformation {} de licence par agent ; sessions inter-collectivités du CNFPT sans coût marginal (payées par la cotisation){}",
        euros(p.intra_per_session_day),
        euros(p.paying_body_per_trainee_day),
        euros(p.licence_per_agent),
        if p.prefer_inter {
            " ; préférence pour les sessions inter-collectivités"
        } else {
            ""
        }
    )];
    if let Some(e) = f.euros_per_year {
        out.push(format!(
            "Budget en euros des actions payantes : {} par an, jamais dépassé",
            euros(u64::from(e))
        ));
    }
    if let (Some(levy), Some(payroll)) = (f.levy_per_year, f.payroll_euros) {
        out.push(format!(
            "Cotisation au CNFPT déjà versée : {} par an ({} % de la masse salariale de {} ; elle finance les sessions inter-collectivités, à titre indicatif)",
            euros(levy),
            basis_points(f.levy_basis_points),
            euros(payroll)
        ));
    }
    out
}

/// Hundredths of a percent as French writes a percentage: `0,9`.
fn basis_points(bp: u32) -> String {
    let (whole, frac) = (bp / 100, bp % 100);
    match frac {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole},{}", f / 10),
        f => format!("{whole},{f:02}"),
    }
}

/// The channels a set of lines used, as one sentence: « inter-collectivités CNFPT : 12 lignes,
/// 30 jours, 0 € ; intra : … » (channels without a line left out).
pub fn channels_sentence(totals: &[ChannelTotal]) -> String {
    totals
        .iter()
        .filter(|t| t.lines > 0)
        .map(|t| {
            format!(
                "{} : {} {}, {} j, {}",
                t.channel.label(),
                crate::text::number(t.lines),
                if t.lines > 1 { "lignes" } else { "ligne" },
                t.days.french(),
                euros(t.cost)
            )
        })
        .join(" ; ")
}

/// The rows of a cost-per-channel table: channel, lines, agents, trainee-days, cost (every
/// channel, even unused, so that tables of several years line up).
pub fn channel_rows(totals: &[ChannelTotal], euro: impl Fn(u64) -> String) -> Vec<Vec<String>> {
    totals
        .iter()
        .map(|t| {
            vec![
                t.channel.label().to_owned(),
                crate::text::number(t.lines),
                crate::text::number(t.agents),
                t.days.french().to_string(),
                euro(t.cost),
            ]
        })
        .collect()
}

/// The header of [`channel_rows`].
pub const CHANNEL_HEADER: [&str; 5] = ["Canal de financement", "Lignes", "Agents", "Jours", "Coût"];

/// The self-training of one population in one year: its modules, agents, days and cost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelfTraining {
    /// The métier's (or track's) id.
    pub metier: String,
    /// The modules as people read them: « parcours Pix : 1.1, 2.1 ; Title ».
    pub label: String,
    /// The same, short, for the terminal: « Pix 1.1, 2.1 + 1 module ».
    pub short: String,
    /// Modules taken.
    pub modules: usize,
    /// Agents: the most on one of its modules (the same agents follow several).
    pub agents: u64,
    /// Trainee-days, all modules.
    pub days: Days,
    /// Licences, all modules.
    pub cost: u64,
}

/// A population's self-training of a year, as it is gathered line by line.
#[derive(Default)]
struct Gathered {
    metier: String,
    /// Its Pix competences' numbers.
    pix: Vec<String>,
    /// The titles of its other modules.
    others: Vec<String>,
    agents: u64,
    /// Trainee-hours.
    hours: u64,
    cost: u64,
}

/// A module's short label: a Pix competence's number (`pix-1-1` → `1.1`), else its title.
fn short_label(line: &SessionLine) -> (bool, String) {
    match line.competency.strip_prefix("pix-") {
        Some(n) => (true, n.replace('-', ".")),
        None => (false, line.title.to_string()),
    }
}

/// A year's lines split: the sessions (shown one per line) and the self-training grouped per
/// population, in the order the populations first appear.
pub fn split_year<'p, 'd>(
    plan: &Plan,
    y: &'p YearPlan<'d>,
) -> (Vec<&'p SessionLine<'d>>, Vec<SelfTraining>) {
    let hpd = u64::from(plan.profile.hours_per_day.max(1));
    let licence = plan.profile.funding.prices.licence_per_agent;
    let mut sessions = Vec::new();
    let mut groups: Vec<Gathered> = Vec::new();
    for l in &y.sessions {
        if l.channel != Channel::SelfTraining {
            sessions.push(l);
            continue;
        }
        let (pix, label) = short_label(l);
        for m in &l.by_metier {
            let k = match groups.iter().position(|g| g.metier == m.metier) {
                Some(k) => k,
                None => {
                    groups.push(Gathered {
                        metier: m.metier.to_string(),
                        ..Gathered::default()
                    });
                    groups.len() - 1
                }
            };
            let g = &mut groups[k];
            if pix {
                g.pix.push(label.clone());
            } else {
                g.others.push(label.clone());
            }
            g.agents = g.agents.max(m.agents);
            g.hours += l.hours * m.agents;
            g.cost += m.agents * licence;
        }
    }
    let groups = groups
        .into_iter()
        .map(|g| {
            let Gathered {
                metier,
                mut pix,
                others,
                agents,
                hours,
                cost,
            } = g;
            pix.sort_by_key(|n| {
                n.split('.')
                    .map(|p| p.parse::<u32>().unwrap_or(u32::MAX))
                    .collect::<Vec<_>>()
            });
            let mut parts = Vec::new();
            let mut short = Vec::new();
            if !pix.is_empty() {
                parts.push(format!("parcours Pix : {}", pix.join(", ")));
                short.push(format!("Pix {}", pix.join(", ")));
            }
            if !others.is_empty() {
                parts.push(others.join(", "));
                let n = others.len();
                short.push(format!("{n} {}", if n > 1 { "modules" } else { "module" }));
            }
            SelfTraining {
                metier,
                label: parts.join(" ; "),
                short: short.join(" + "),
                modules: pix.len() + others.len(),
                agents,
                days: Days((hours * 10 + hpd / 2) / hpd),
                cost,
            }
        })
        .collect();
    (sessions, groups)
}

#[cfg(test)]
mod tests {
    use super::*;

    use parcours_graph::{Graph, ReferenceData};
    use parcours_import::formats;
    use parcours_planner::planner::Planner;

    /// Each year's self-training lines become one group per métier that holds all of its
    /// modules, agents and trainee-days; the sessions stay one per line.
    #[test]
    fn self_training_is_grouped_per_year_and_metier() {
        let data = ReferenceData::embedded().expect("data");
        let graph = Graph::new(&data);
        let p = formats::load(&data, "t.ron", formats::TEMPLATE, formats::Format::Ron)
            .expect("template");
        let plan = Planner::new(&graph).plan(&p);
        let mut grouped = 0;
        for y in &plan.years {
            let (sessions, groups) = split_year(&plan, y);
            let own: Vec<&SessionLine> = y
                .sessions
                .iter()
                .filter(|l| l.channel == Channel::SelfTraining)
                .collect();
            assert_eq!(sessions.len() + own.len(), y.sessions.len());
            for g in &groups {
                let mine: Vec<&SessionLine> = own
                    .iter()
                    .copied()
                    .filter(|l| l.by_metier.iter().any(|m| m.metier == g.metier))
                    .collect();
                assert_eq!(g.modules, mine.len(), "{}", g.metier);
                let agents = |l: &SessionLine| {
                    l.by_metier
                        .iter()
                        .find(|m| m.metier == g.metier)
                        .map_or(0, |m| m.agents)
                };
                assert_eq!(g.agents, mine.iter().map(|l| agents(l)).max().unwrap());
                let hours: u64 = mine.iter().map(|l| l.hours * agents(l)).sum();
                let hpd = u64::from(plan.profile.hours_per_day);
                assert_eq!(g.days, Days((hours * 10 + hpd / 2) / hpd));
                for l in &mine {
                    let (pix, label) = short_label(l);
                    assert!(g.label.contains(&label), "{} lacks {label}", g.label);
                    if pix {
                        assert!(g.label.starts_with("parcours Pix : "), "{}", g.label);
                        assert!(g.short.starts_with("Pix "), "{}", g.short);
                    }
                }
                grouped += 1;
            }
            // One group per métier in a year.
            let mut metiers: Vec<&str> = groups.iter().map(|g| g.metier.as_str()).collect();
            metiers.sort_unstable();
            metiers.dedup();
            assert_eq!(metiers.len(), groups.len());
        }
        assert!(grouped > 0, "the template plans some self-training");
    }

    #[test]
    fn percentages_of_the_levy() {
        assert_eq!(basis_points(90), "0,9");
        assert_eq!(basis_points(100), "1");
        assert_eq!(basis_points(125), "1,25");
    }

    #[test]
    fn euros_group_thousands() {
        assert_eq!(euros(18_150), "18\u{a0}150\u{a0}€");
        assert_eq!(euros(0), "0\u{a0}€");
    }
}
