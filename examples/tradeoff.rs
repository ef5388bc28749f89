//! The trade-off of the plan's objective, as `docs/planning.md` shows it: for each example
//! profile at 25 %, 50 %, 75 % and 100 % of its own budget for the digital plan (the budget
//! less its statutory reserve, which is kept), in the study's order and with the
//! socle first (`socle_first`), the 5-year coverage of the needs (agent-steps placed by year 5
//! over those due by then) over the ➔ recommendations, over the other needs, over each
//! category of recommendation 23, and the agents at the socle of their core competencies at the
//! start and at the end of each year.
//!
//! Run with `cargo run --release --example tradeoff` (it prints Markdown).

use parcours::graph::vocab::{Category, Nature};
use parcours::graph::{Graph, ReferenceData};
use parcours::import::formats::{self, Format};
use parcours::planner::check::CheckedProfile;
use parcours::planner::options::PlanOptions;
use parcours::planner::planner::{Planner, Solution};
use parcours::planner::statutory::Reserve;
use std::collections::BTreeSet;
use std::fmt::Write;

/// The example profiles, as shipped.
const EXAMPLES: [(&str, &str); 5] = [
    (
        "commune-rurale",
        include_str!("profiles/commune-rurale.ron"),
    ),
    ("ville-40000", include_str!("profiles/ville-40000.ron")),
    (
        "intercommunalite",
        include_str!("profiles/intercommunalite.ron"),
    ),
    ("departement", include_str!("profiles/departement.ron")),
    ("region", include_str!("profiles/region.ron")),
];

/// Agent-steps due by year 5 and placed by then.
#[derive(Default, Clone, Copy)]
struct Share {
    needed: u64,
    placed: u64,
}

impl Share {
    fn add(&mut self, needed: u64, placed: u64) {
        self.needed += needed;
        self.placed += placed;
    }

    fn cell(self) -> String {
        if self.needed == 0 {
            return "—".into();
        }
        let tenths = (self.placed * 1000 + self.needed / 2) / self.needed;
        format!(
            "{},{} % ({}/{})",
            tenths / 10,
            tenths % 10,
            self.placed,
            self.needed
        )
    }
}

/// The 5-year coverage of one plan: ➔, others, sensitive, high headcount, shrinking.
fn coverage(s: &Solution, priority: &BTreeSet<u16>) -> [Share; 5] {
    let mut out = [Share::default(); 5];
    let short = s.problem.short_years;
    for (i, it) in s.items.iter().enumerate() {
        if !it.short_term {
            continue;
        }
        let placed: u64 = s.alloc.row(i).iter().take(short).sum();
        let prio = it.recommendations.iter().any(|r| priority.contains(&r.0));
        out[if prio { 0 } else { 1 }].add(it.agents, placed);
        let cats = &s.populations[it.population].categories;
        for (k, c) in [
            Category::Sensitive,
            Category::HighHeadcount,
            Category::Shrinking,
        ]
        .into_iter()
        .enumerate()
        {
            if cats.contains(&c) {
                out[2 + k].add(it.agents, placed);
            }
        }
    }
    out
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data = ReferenceData::embedded()?;
    let graph = Graph::new(&data);
    let planner = Planner::new(&graph);
    let priority: BTreeSet<u16> = data
        .recommendations()
        .iter()
        .filter(|r| r.priority && r.reading.nature == Nature::Training)
        .map(|r| r.number.0)
        .collect();
    let mut coverage_md = String::from(
        "| profile | budget | order | ➔ | other needs | sensitive | high headcount | shrinking |\n|---|---|---|---|---|---|---|---|\n",
    );
    let mut socle_md = String::from(
        "| profile | budget | order | start | by the end of each year (1, 2, …) | of |\n|---|---|---|---|---|---|\n",
    );
    for (name, text) in EXAMPLES {
        let file = format!("examples/profiles/{name}.ron");
        let profile = formats::load(&data, &file, text, Format::Ron)
            .map_err(|e| format!("{file}: {e:?}"))?
            .into_profile();
        let reserve = Reserve::of(&data.planning().statutory, &profile).reserve_days_per_year;
        // Whole days of reserve, rounded up; the rest is the digital plan's.
        let reserve = u32::try_from(reserve.0.div_ceil(10))?;
        let digital = profile.budget.days_per_year - reserve;
        for percent in [25, 50, 75, 100] {
            for socle_first in [false, true] {
                let mut p = profile.clone();
                p.socle_first = socle_first;
                let budget = reserve + digital * percent / 100;
                let checked = CheckedProfile::new(p, &data)
                    .map_err(|e| format!("{file}: {e:?}"))?
                    .with_options(&PlanOptions {
                        budget_days: Some(budget),
                        horizon: None,
                    })?;
                let s = planner.solve(&checked);
                let plan = planner.plan(&checked);
                let order = if socle_first { "socle first" } else { "study" };
                let c = coverage(&s, &priority);
                let _ = writeln!(
                    coverage_md,
                    "| {name} | {percent} % ({} d) | {order} | {} | {} | {} | {} | {} |",
                    digital * percent / 100,
                    c[0].cell(),
                    c[1].cell(),
                    c[2].cell(),
                    c[3].cell(),
                    c[4].cell()
                );
                let i = &plan.indicators;
                let years: Vec<String> = i
                    .agents_at_socle_by_year
                    .iter()
                    .map(u64::to_string)
                    .collect();
                let _ = writeln!(
                    socle_md,
                    "| {name} | {percent} % | {order} | {} | {} | {} |",
                    i.agents_at_socle_start,
                    years.join(", "),
                    i.agents
                );
            }
        }
    }
    println!("5-year coverage (agent-steps placed by year 5 / due by then):\n\n{coverage_md}");
    println!(
        "Agents at the socle of every core competency they target, at the start and by the end of each year:\n\n{socle_md}"
    );
    Ok(())
}
