//! Plan quality on real problems: the greedy scheduler as it runs in production (the
//! planner's own allocation) against the best plan the exact solver finds within a time limit,
//! started from the greedy's plan, on the five example profiles and synthetic profiles.
//!
//! `cargo bench --bench real_quality [-- COUNT SECONDS MAX_CELLS]`: COUNT synthetic profiles
//! (default 200), the solver's limit per problem in seconds (default 2), and the largest
//! problem (items × years) handed to the solver (default 30,000: above, building microlp's
//! program alone takes longer than the limit, and the greedy is only compared with the
//! ceiling, an upper bound of every level).
//!
//! Per problem, at the first level of the objective where the greedy is below the best plan
//! found, its ratio to it (1 when it is not below); and, where the solver did not prove the
//! best plan optimal, the ratio of the best plan to the proven bound at the first level where
//! they differ (the bound: the levels proven, then the ceiling).

use parcours::batch::synth;
use parcours::graph::{Graph, ReferenceData};
use parcours::import::formats::{self, Format};
use parcours::planner::check::CheckedProfile;
use parcours::planner::planner::Planner;
use parcours::planner::problem::{Allocation, Objective, Problem};
use parcours_exact::exact::{ExactError, improve_within};
use std::time::{Duration, Instant};

const EXAMPLES: [(&str, &str); 5] = [
    (
        "commune-rurale",
        include_str!("../examples/profiles/commune-rurale.ron"),
    ),
    (
        "ville-40000",
        include_str!("../examples/profiles/ville-40000.ron"),
    ),
    (
        "intercommunalite",
        include_str!("../examples/profiles/intercommunalite.ron"),
    ),
    (
        "departement",
        include_str!("../examples/profiles/departement.ron"),
    ),
    ("region", include_str!("../examples/profiles/region.ron")),
];

/// What one problem gave.
struct Outcome {
    name: String,
    cells: usize,
    /// The greedy's ratio to the best plan found at the first level where it is below.
    ratio: f64,
    level: Option<usize>,
    /// Whether the solver proved the best plan optimal; if not, the best plan's ratio to the
    /// bound at the first level where they differ.
    proven: bool,
    to_bound: f64,
    attempted: bool,
}

fn measure(name: String, p: &Problem, greedy: Allocation, limit: Duration, max: usize) -> Outcome {
    let cells = p.items.len() * p.years;
    let vg = p.value(&greedy);
    let (best, bound, proven, attempted): (Objective, Objective, bool, bool) = if cells > max {
        (vg, p.ceiling(), false, false)
    } else {
        match improve_within(p, greedy, limit) {
            Ok(a) => {
                let v = p.value(&a);
                (v, v, true, true)
            }
            Err(ExactError::TimeLimit { best, bound }) => (p.value(&best), bound, false, true),
            Err(e) => panic!("{name}: {e}"),
        }
    };
    assert!(vg <= best, "{name}: the greedy beats the best plan found");
    let (level, ratio) = vg
        .shortfall(&best)
        .map_or((None, 1.0), |(l, r)| (Some(l), r));
    let to_bound = best.shortfall(&bound).map_or(1.0, |s| s.1);
    Outcome {
        name,
        cells,
        ratio,
        level,
        proven,
        to_bound,
        attempted,
    }
}

fn quantile(xs: &[f64], q: f64) -> f64 {
    let k = ((q * xs.len() as f64).ceil() as usize).clamp(1, xs.len());
    xs[k - 1]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let count: u64 = args.first().and_then(|a| a.parse().ok()).unwrap_or(200);
    let limit = Duration::from_secs_f64(args.get(1).and_then(|a| a.parse().ok()).unwrap_or(2.0));
    let max: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(30_000);
    let data = ReferenceData::embedded()?;
    let graph = Graph::new(&data);
    let planner = Planner::new(&graph);
    let wall = Instant::now();
    let mut out: Vec<Outcome> = Vec::new();
    let mut run = |name: String, checked: &CheckedProfile| {
        let s = planner.solve(checked);
        out.push(measure(name, &s.problem, s.alloc, limit, max));
    };
    for (name, text) in EXAMPLES {
        let checked =
            formats::load(&data, name, text, Format::Ron).map_err(|e| format!("{name}: {e:?}"))?;
        run(name.to_owned(), &checked);
    }
    for index in 0..count {
        let s = synth::profile(2027, 36_000, index * (36_000 / count.max(1)), 2027);
        let checked =
            CheckedProfile::new(s.profile, &data).map_err(|e| format!("{}: {e:?}", s.stem))?;
        run(s.stem, &checked);
    }
    let attempted: Vec<&Outcome> = out.iter().filter(|o| o.attempted).collect();
    let mut ratios: Vec<f64> = attempted.iter().map(|o| o.ratio).collect();
    ratios.sort_by(f64::total_cmp);
    let proven = attempted.iter().filter(|o| o.proven).count();
    println!(
        "plan quality on real problems: {} problems (5 examples, {count} synthetic), solver limit {:.1} s, \
         at most {max} cells handed to it",
        out.len(),
        limit.as_secs_f64()
    );
    println!(
        "  handed to the solver: {} (proven optimal: {proven}); too large: {}",
        attempted.len(),
        out.len() - attempted.len()
    );
    if !ratios.is_empty() {
        let losing: Vec<String> = attempted
            .iter()
            .filter(|o| o.ratio < 1.0)
            .map(|o| {
                format!(
                    "{} ({} cells): {:.4} at level {}",
                    o.name,
                    o.cells,
                    o.ratio,
                    o.level.unwrap_or(0)
                )
            })
            .collect();
        println!(
            "  greedy / best plan found, at the first level it is below: min {:.4}  p5 {:.4}  median {:.4}; below on {} of {}",
            ratios[0],
            quantile(&ratios, 0.05),
            quantile(&ratios, 0.5),
            losing.len(),
            ratios.len()
        );
        for l in losing.iter().take(12) {
            println!("    {l}");
        }
    }
    for o in out.iter().filter(|o| !o.proven) {
        println!(
            "  not proven: {} ({} cells{}): best plan / bound {:.4}",
            o.name,
            o.cells,
            if o.attempted { "" } else { ", not handed" },
            o.to_bound
        );
    }
    println!("  wall time {:.1} s", wall.elapsed().as_secs_f64());
    Ok(())
}
