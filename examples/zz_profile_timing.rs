use parcours::graph::{Graph, ReferenceData};
use parcours::planner::plan::{PlanOptions, Planner};
use parcours::planner::synth;
use std::time::Instant;
fn main() {
    let data = ReferenceData::embedded().unwrap();
    let graph = Graph::new(&data);
    let planner = Planner::new(&graph);
    let profiles: Vec<_> = (0..2000)
        .map(|i| synth::profile(7, 2000, i, 2027).profile)
        .collect();
    let t = Instant::now();
    let mut n = 0;
    for p in &profiles {
        let s = planner.solve(p, &PlanOptions::default());
        n += s.items.len();
    }
    println!("solve: {:?} items {}", t.elapsed(), n);
    let t = Instant::now();
    for p in &profiles {
        let _ = planner.plan(p, &PlanOptions::default());
    }
    println!("plan: {:?}", t.elapsed());
    let t = Instant::now();
    let o = PlanOptions {
        detail: parcours::planner::plan::Detail::Schedule,
        ..PlanOptions::default()
    };
    for p in &profiles {
        let _ = planner.plan(p, &o);
    }
    println!("schedule: {:?}", t.elapsed());
}
