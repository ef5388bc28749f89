//! Plan quality and speed of the greedy scheduler against the exact optimum, on seeded random
//! instances: `cargo bench -p parcours-planner --features exact --bench optimality`.
//!
//! Prints the distribution of value(greedy) / value(optimum) (0/0 counts as 1) and the time of
//! the exact solver over the time of the greedy. Arguments (optional): number of instances
//! (default 1000) and size (`small`, `medium` or `large`, default `large`). A plain
//! `cargo bench` passes `--bench`, which is skipped.

use parcours_planner::exact::optimum;
use parcours_planner::random::{Scores, Size, instance};
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
        Some("small") => (Size::SMALL, "small"),
        Some("medium") => (Size::MEDIUM, "medium"),
        _ => (Size::LARGE, "large"),
    };
    if args.get(2).map(String::as_str) == Some("uniform") {
        size.scores = Scores::Uniform;
    }

    let mut ratios = Vec::new();
    let mut speed = Vec::new();
    let (mut t_greedy, mut t_exact) = (Duration::ZERO, Duration::ZERO);
    let mut items = 0usize;
    let mut worst = (f64::INFINITY, 0u64);
    let mut slowest = (Duration::ZERO, 0u64);
    let mut optimal = 0usize;
    let wall = Instant::now();
    for seed in 0..count {
        let p = instance(seed, size);
        items += p.items.len();
        let (tg, g) = time(|| greedy(&p));
        let te_start = Instant::now();
        let o = match optimum(&p) {
            Ok(o) => o,
            Err(e) => {
                eprintln!(
                    "seed {seed}: {} items, {} years, FAIL {e}",
                    p.items.len(),
                    p.years
                );
                continue;
            }
        };
        let te = te_start.elapsed();
        if std::env::var_os("OPT_TRACE").is_some() {
            eprintln!(
                "seed {seed}: {} items, {} years, {:.1} ms",
                p.items.len(),
                p.years,
                te.as_secs_f64() * 1e3
            );
        }
        assert_eq!(p.check(&g), Ok(()), "seed {seed}: greedy");
        assert_eq!(p.check(&o), Ok(()), "seed {seed}: optimum");
        let (vg, vo) = (p.value(&g), p.value(&o));
        assert!(vg <= vo, "seed {seed}: greedy {vg} > optimum {vo}");
        let r = if vo == 0 { 1.0 } else { vg as f64 / vo as f64 };
        if std::env::var_os("OPT_TRACE").is_some() && r < 0.9 {
            eprintln!("seed {seed}: ratio {r:.4} greedy {vg} opt {vo}");
        }
        if r < worst.0 {
            worst = (r, seed);
        }
        if vg == vo {
            optimal += 1;
        }
        if te > slowest.0 {
            slowest = (te, seed);
        }
        ratios.push(r);
        speed.push(te.as_secs_f64() / tg.as_secs_f64());
        t_greedy += tg;
        t_exact += te;
    }
    let n = ratios.len();
    ratios.sort_by(f64::total_cmp);
    speed.sort_by(f64::total_cmp);
    let mean = ratios.iter().sum::<f64>() / n as f64;

    println!("plan quality against the exact optimum");
    println!(
        "instances: {n} ({size_name}: {}-{} items, 1-{} populations, {}-{} years; {:.1} items on average)",
        size.min_items,
        size.max_items,
        size.max_groups,
        size.min_years,
        size.max_years,
        items as f64 / n as f64
    );
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
        "  greedy optimal on {optimal}/{n} instances; worst: seed {} ({:.4})",
        worst.1, worst.0
    );
    println!("time:");
    println!(
        "  greedy total {:.3} ms ({:.1} us per instance), exact total {:.3} s ({:.2} ms per instance)",
        t_greedy.as_secs_f64() * 1e3,
        t_greedy.as_secs_f64() * 1e6 / n as f64,
        t_exact.as_secs_f64(),
        t_exact.as_secs_f64() * 1e3 / n as f64
    );
    println!(
        "  exact / greedy: total {:.0}x, per instance median {:.0}x (p5 {:.0}x, p95 {:.0}x, max {:.0}x)",
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
