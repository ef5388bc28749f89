//! Plan quality and speed of the greedy scheduler against the exact optimum, on seeded random
//! instances: `cargo bench -p parcours-planner --features exact --bench optimality`.
//!
//! Prints the distribution of value(greedy) / value(optimum) at the first level of the
//! objective where the greedy loses (1 where it does not) and the time of
//! the exact solver over the time of the greedy. Optional arguments, in order: the number of
//! instances (default 1000), their size (`tiny`, `small`, `medium` or `large`, default
//! `medium`), their scores (`planner` or `uniform`, default `planner`, see `random::Scores`)
//! and the exact solver's time limit per instance in seconds (default 3; an instance not
//! proven optimal by then is left out and listed, with how the greedy compares to the best
//! plan found). `cargo bench` passes `--bench`, which is skipped.

use parcours_exact::exact::{ExactError, optimum_within};
use parcours_exact::random::{Scores, Size, instance};
use parcours_planner::schedule::greedy;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Times `f`, repeating it until at least a millisecond has passed; returns the mean duration
/// and the last result.
fn time<T>(mut f: impl FnMut() -> T) -> (Duration, T) {
    let start = Instant::now();
    let mut runs = 0u32;
    loop {
        let out = black_box(f());
        runs += 1;
        let spent = start.elapsed();
        if spent >= Duration::from_millis(1) {
            return (spent / runs, out);
        }
    }
}

/// The value at quantile `q` of sorted `xs` (nearest rank).
fn quantile(xs: &[f64], q: f64) -> f64 {
    let k = ((q * xs.len() as f64).ceil() as usize).clamp(1, xs.len());
    xs[k - 1]
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let count: u64 = args.first().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let (mut size, size_name) = match args.get(1).map(String::as_str) {
        Some("tiny") => (Size::TINY, "tiny"),
        Some("small") => (Size::SMALL, "small"),
        Some("large") => (Size::LARGE, "large"),
        _ => (Size::MEDIUM, "medium"),
    };
    let scores = if args.get(2).map(String::as_str) == Some("uniform") {
        size.scores = Scores::Uniform;
        "uniform"
    } else {
        "planner"
    };
    let limit = Duration::from_secs_f64(args.get(3).and_then(|a| a.parse().ok()).unwrap_or(3.0));

    let mut ratios = Vec::new();
    let mut speed = Vec::new();
    let (mut t_greedy, mut t_exact) = (Duration::ZERO, Duration::ZERO);
    let mut items = 0usize;
    let mut slowest = (Duration::ZERO, 0u64);
    let mut optimal = 0usize;
    let mut unproven: Vec<(f64, u64)> = Vec::new();
    let mut below: Vec<(f64, u64)> = Vec::new();
    let wall = Instant::now();
    for seed in 0..count {
        let p = instance(seed, size);
        let (tg, g) = time(|| greedy(&p));
        let start = Instant::now();
        let o = match optimum_within(&p, limit) {
            Ok(o) => o,
            Err(ExactError::TimeLimit { best, .. }) => {
                // The best plan found bounds the optimum from below, so this ratio bounds the
                // greedy's from above.
                let (vg, vb) = (p.value(&g), p.value(&best));
                unproven.push((vg.shortfall(&vb).map_or(1.0, |s| s.1), seed));
                continue;
            }
            Err(e) => panic!("seed {seed}: {e}"),
        };
        let te = start.elapsed();
        assert_eq!(p.check(&g), Ok(()), "seed {seed}: greedy");
        assert_eq!(p.check(&o), Ok(()), "seed {seed}: optimum");
        let (vg, vo) = (p.value(&g), p.value(&o));
        assert!(vg <= vo, "seed {seed}: greedy {vg:?} > optimum {vo:?}");
        // Its ratio at the first level of the objective where it loses.
        let r = vg.shortfall(&vo).map_or(1.0, |s| s.1);
        if vg == vo {
            optimal += 1;
        }
        if r < 0.9 {
            below.push((r, seed));
        }
        if te > slowest.0 {
            slowest = (te, seed);
        }
        items += p.items.len();
        ratios.push(r);
        speed.push(te.as_secs_f64() / tg.as_secs_f64());
        t_greedy += tg;
        t_exact += te;
    }
    let n = ratios.len();
    assert!(n > 0, "no instance solved");
    ratios.sort_by(f64::total_cmp);
    speed.sort_by(f64::total_cmp);
    below.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mean = ratios.iter().sum::<f64>() / n as f64;

    println!("plan quality against the exact optimum");
    println!(
        "instances: {count} {size_name} ({}-{} items, 1-{} populations, {}-{} years), {scores} scores; \
         {n} solved to proven optimality within {:.0} s ({:.1} items on average), {} not",
        size.min_items,
        size.max_items,
        size.max_groups,
        size.min_years,
        size.max_years,
        limit.as_secs_f64(),
        items as f64 / n as f64,
        unproven.len()
    );
    if !unproven.is_empty() {
        let seeds: Vec<u64> = unproven.iter().map(|u| u.1).collect();
        let (min, mean) = (
            unproven.iter().map(|u| u.0).fold(f64::INFINITY, f64::min),
            unproven.iter().map(|u| u.0).sum::<f64>() / unproven.len() as f64,
        );
        println!(
            "  not proven: seeds {seeds:?}; there, value(greedy) / value(best plan found) \
             (an upper bound of the ratio): min {min:.4}, mean {mean:.4}"
        );
    }
    println!("value(greedy) / value(optimum):");
    println!(
        "  min {:.4}  p5 {:.4}  p25 {:.4}  median {:.4}  mean {:.4}  max {:.4}",
        ratios[0],
        quantile(&ratios, 0.05),
        quantile(&ratios, 0.25),
        quantile(&ratios, 0.5),
        mean,
        ratios[n - 1]
    );
    println!(
        "  greedy optimal on {optimal}/{n}; below 0.90 on {}/{n}{}",
        below.len(),
        if below.is_empty() {
            String::new()
        } else {
            let worst: Vec<String> = below
                .iter()
                .take(10)
                .map(|(r, s)| format!("seed {s}: {r:.3}"))
                .collect();
            format!(" (worst: {})", worst.join(", "))
        }
    );
    println!("time (solved instances):");
    println!(
        "  greedy total {:.2} ms ({:.1} us per instance); exact total {:.2} s ({:.2} ms per instance)",
        t_greedy.as_secs_f64() * 1e3,
        t_greedy.as_secs_f64() * 1e6 / n as f64,
        t_exact.as_secs_f64(),
        t_exact.as_secs_f64() * 1e3 / n as f64
    );
    println!(
        "  exact / greedy: total {:.0}x; per instance median {:.0}x (p5 {:.0}x, p95 {:.0}x, max {:.0}x)",
        t_exact.as_secs_f64() / t_greedy.as_secs_f64(),
        quantile(&speed, 0.5),
        quantile(&speed, 0.05),
        quantile(&speed, 0.95),
        speed[n - 1]
    );
    println!(
        "  slowest exact solve: seed {} ({:.1} ms); wall time {:.1} s",
        slowest.1,
        slowest.0.as_secs_f64() * 1e3,
        wall.elapsed().as_secs_f64()
    );
}
