//! Benchmarks (criterion): load and validate the reference data; plan each example profile
//! (in full, schedule only, and the totals that batch runs add up).
//! Run with `cargo bench --bench parcours`. The batch benchmark (36,000 profiles, 1 and 2
//! threads, peak memory) is `scripts/bench-batch.sh`. Figures are in BENCHMARKS.md.

use criterion::{Criterion, criterion_group, criterion_main};
use parcours::graph::{Graph, ReferenceData};
use parcours::import::formats::{self, Format};
use parcours::planner::options::Detail;
use parcours::planner::planner::Planner;
use std::hint::black_box;

// The allocator of the `parcours` binary (src/main.rs), so that the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn load(c: &mut Criterion) {
    c.bench_function("load+validate reference data", |b| {
        b.iter(|| black_box(ReferenceData::embedded().expect("valid")))
    });
    let data = ReferenceData::embedded().expect("valid");
    c.bench_function("build graph", |b| b.iter(|| black_box(Graph::new(&data))));
}

fn plans(c: &mut Criterion) {
    let data = ReferenceData::embedded().expect("valid");
    let graph = Graph::new(&data);
    let planner = Planner::new(&graph);
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/profiles");
    for name in [
        "commune-rurale",
        "ville-40000",
        "intercommunalite",
        "departement",
        "region",
    ] {
        let path = format!("{dir}/{name}.ron");
        let text = std::fs::read_to_string(&path).expect("example profile");
        let p = formats::load(&data, &path, &text, Format::Ron).expect("valid");
        // Warm the planner's lazy caches (reconversion trees) outside the measure.
        let _ = planner.plan(&p);
        c.bench_function(&format!("plan {name}"), |b| {
            b.iter(|| black_box(planner.plan(&p)))
        });
        c.bench_function(&format!("plan {name} (schedule only)"), |b| {
            b.iter(|| black_box(planner.plan_with(&p, Detail::Schedule)))
        });
        c.bench_function(&format!("totals {name} (as in batch)"), |b| {
            b.iter(|| black_box(planner.totals(&p)))
        });
    }
}

criterion_group!(benches, load, plans);
criterion_main!(benches);
