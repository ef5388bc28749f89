//! Arbitrary text as one reference file (the first byte picks which of the ten), the nine others
//! embedded: `ReferenceData::load` must return data or diagnostics, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parcours_graph::ReferenceData;
use parcours_graph::sources::{FileKind, Sources};

fuzz_target!(|bytes: &[u8]| {
    let Some((&which, rest)) = bytes.split_first() else {
        return;
    };
    let kind = FileKind::ALL[usize::from(which) % FileKind::ALL.len()];
    let text = String::from_utf8_lossy(rest);
    let mut sources = Sources::embedded();
    sources.replace(kind, format!("fuzz/{}", kind.file_name()), text.as_ref());
    if let Ok(data) = ReferenceData::load(&sources) {
        // Data that loads must also build its graph.
        let _ = parcours_graph::Graph::new(&data);
    }
});
