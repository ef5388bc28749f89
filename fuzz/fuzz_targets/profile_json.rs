//! Arbitrary text as a JSON profile: parse, check against the embedded data, and when it has
//! no problem (and is small enough), plan it and check the plan's invariants. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parcours_import::formats::{self, Format};
use parcours_planner::options::{Detail, PlanOptions};

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    let Ok(p) = formats::load(parcours_fuzz::data(), "fuzz.json", &text, Format::Json) else {
        return;
    };
    if parcours_fuzz::small_enough(&p) {
        parcours_fuzz::plan_and_check(&p, &PlanOptions::default(), Detail::Full);
    }
});
