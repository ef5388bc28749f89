//! Speed of the greedy scheduler (criterion) on the scheduling problems of the example
//! profiles, built by the planner: `cargo bench -p parcours-planner --bench greedy`.
//! Figures are in BENCHMARKS.md.

use criterion::{Criterion, criterion_group, criterion_main};
use parcours_graph::{Graph, ReferenceData};
use parcours_import::formats::{self, Format};
use parcours_planner::planner::Planner;
use parcours_planner::schedule::greedy;
use std::hint::black_box;

fn schedules(c: &mut Criterion) {
    let data = ReferenceData::embedded().expect("valid");
    let graph = Graph::new(&data);
    let planner = Planner::new(&graph);
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/profiles");
    for name in ["commune-rurale", "ville-40000", "departement"] {
        let path = format!("{dir}/{name}.ron");
        let text = std::fs::read_to_string(&path).expect("example profile");
        let p = formats::load(&data, &path, &text, Format::Ron).expect("valid");
        let problem = planner.solve(&p).problem;
        c.bench_function(
            &format!("greedy {name} ({} items)", problem.items.len()),
            |b| b.iter(|| black_box(greedy(black_box(&problem)))),
        );
    }
}

criterion_group!(benches, schedules);
criterion_main!(benches);
