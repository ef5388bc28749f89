//! How far the inputs of the text targets' corpora get: parsed, checked without problems,
//! planned. Run from `fuzz/`: `cargo run --release --example corpus_stats`.

use parcours_import::csv::{CsvOptions, from_csv};
use parcours_import::formats::{self, Format};
use std::path::Path;

fn main() {
    let data = parcours_fuzz::data();
    for (target, format) in [
        ("profile_ron", Some(Format::Ron)),
        ("profile_json", Some(Format::Json)),
        ("profile_csv", None),
    ] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus")
            .join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let (mut inputs, mut parsed, mut clean, mut planned) = (0, 0, 0, 0);
        for e in entries.flatten() {
            let bytes = std::fs::read(e.path()).expect("readable corpus file");
            let text = String::from_utf8_lossy(&bytes);
            inputs += 1;
            let p = match format {
                Some(f) => formats::parse("fuzz", &text, f).ok(),
                None => from_csv(data, "fuzz.csv", &text, &CsvOptions::default()).ok(),
            };
            let Some(p) = p else { continue };
            parsed += 1;
            if !parcours_planner::check::check(&p, data, "fuzz", &text).is_empty() {
                continue;
            }
            clean += 1;
            if parcours_fuzz::small_enough(&p) {
                planned += 1;
            }
        }
        println!(
            "{target}: {inputs} inputs, {parsed} parse, {clean} pass check, {planned} planned"
        );
    }
}
