//! Arbitrary text as a staff CSV: `csv_import::from_csv` returns a profile or diagnostics; a
//! profile must write as RON (`to_ron`), and that RON must parse back to the same profile. A
//! profile that then passes the checks (`CheckedProfile`) (and is small enough) is planned too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parcours_import::csv::{CsvOptions, from_csv, to_ron};
use parcours_import::formats::{self, Format};
use parcours_planner::check::CheckedProfile;
use parcours_planner::options::{Detail, PlanOptions};

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    let data = parcours_fuzz::data();
    let Ok(p) = from_csv(data, "fuzz.csv", &text, &CsvOptions::default()) else {
        return;
    };
    let ron = match to_ron(&p, "imported from fuzz.csv") {
        Ok(ron) => ron,
        Err(e) => panic!("a profile read from CSV does not write as RON: {e}"),
    };
    let back = match formats::parse("fuzz.ron", &ron, Format::Ron) {
        Ok(back) => back,
        Err(d) => panic!("the RON written from a CSV profile does not parse: {d:?}\n{ron}"),
    };
    assert_eq!(
        back, p,
        "the RON written from a CSV profile reads back differently"
    );
    if let Ok(p) = CheckedProfile::from_text(p, data, "fuzz.ron", &ron)
        && parcours_fuzz::small_enough(&p)
    {
        parcours_fuzz::plan_and_check(&p, &PlanOptions::default(), Detail::Full);
    }
});
