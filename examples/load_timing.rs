//! Where the time of loading the reference data goes: parse each file, then validate.
//! Run with `cargo run --release --example load_timing`.

use parcours::graph::ReferenceData;
use parcours::graph::model::*;
use parcours::graph::parse::from_ron;
use parcours::graph::sources::{FileKind, Sources};
use std::time::Instant;

fn main() {
    let sources = Sources::embedded();
    let n = 50;
    for kind in FileKind::ALL {
        let src = sources.get(kind);
        let t = Instant::now();
        for _ in 0..n {
            let ok = match kind {
                FileKind::Effects => from_ron::<EffectsFile>(&src.name, &src.text).is_ok(),
                FileKind::Recommendations => {
                    from_ron::<Vec<Recommendation>>(&src.name, &src.text).is_ok()
                }
                FileKind::Groups => from_ron::<Vec<MetierGroup>>(&src.name, &src.text).is_ok(),
                FileKind::Fields => from_ron::<Vec<Field>>(&src.name, &src.text).is_ok(),
                FileKind::Metiers => from_ron::<Vec<Metier>>(&src.name, &src.text).is_ok(),
                FileKind::Classification => {
                    from_ron::<ClassificationFile>(&src.name, &src.text).is_ok()
                }
                FileKind::Competencies => {
                    from_ron::<CompetenciesFile>(&src.name, &src.text).is_ok()
                }
                FileKind::Requirements => {
                    from_ron::<RequirementsFile>(&src.name, &src.text).is_ok()
                }
                FileKind::Catalogue => from_ron::<Vec<Module>>(&src.name, &src.text).is_ok(),
                FileKind::Planning => from_ron::<PlanningFile>(&src.name, &src.text).is_ok(),
                FileKind::Aliases => from_ron::<Vec<AliasGroup>>(&src.name, &src.text).is_ok(),
            };
            assert!(ok);
        }
        println!(
            "parse {:<20} {:>8.3} ms  ({} KB)",
            kind.file_name(),
            t.elapsed().as_secs_f64() * 1000.0 / n as f64,
            src.text.len() / 1024
        );
    }
    let t = Instant::now();
    for _ in 0..n {
        ReferenceData::load(&sources).expect("valid");
    }
    println!(
        "load + validate total   {:>8.3} ms",
        t.elapsed().as_secs_f64() * 1000.0 / n as f64
    );
    let data = ReferenceData::load(&sources).expect("valid");
    let t = Instant::now();
    for _ in 0..n {
        assert!(
            parcours::graph::validate::validate(&data, &sources, &Default::default()).is_empty()
        );
    }
    println!(
        "validate alone          {:>8.3} ms",
        t.elapsed().as_secs_f64() * 1000.0 / n as f64
    );
    let titles: Vec<&str> = data
        .metiers()
        .iter()
        .flat_map(|m| {
            [m.id.as_str(), m.name.as_str(), m.short_name.as_str()]
                .into_iter()
                .chain(m.aliases.iter().map(|a| a.name.as_str()))
        })
        .chain(data.aliases().iter().flat_map(|g| {
            g.aliases
                .iter()
                .flat_map(|a| a.names.iter().map(String::as_str))
        }))
        .collect();
    let t = Instant::now();
    for _ in 0..n {
        for title in &titles {
            std::hint::black_box(parcours::graph::titles::key(title));
        }
    }
    println!(
        "keys of {} titles      {:>8.3} ms",
        titles.len(),
        t.elapsed().as_secs_f64() * 1000.0 / n as f64
    );
}
