//! Reading user files: the `--data` directory into [`Sources`], with clear errors for missing
//! directories and files that are not UTF-8.

use crate::entry::{Entry, io_reason};
use parcours_graph::Diagnostic;
use parcours_graph::locate::Location;
use parcours_graph::sources::{FileKind, Sources};
use std::path::Path;

/// Largest input file accepted (profiles, CSV), in bytes.
pub const MAX_INPUT_BYTES: usize = 64_000_000;

/// Reads a file of at most [`MAX_INPUT_BYTES`] as bytes (a staff export: CSV in any
/// encoding, or a workbook); a larger file is refused before it is read.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let name = path.display().to_string();
    let cannot = |e: std::io::Error| {
        plain(
            &name,
            &format!("lecture du fichier impossible : {}", io_reason(&e)),
        )
    };
    let too_large = || {
        plain(
            &name,
            &format!("le fichier dépasse {} Mo", MAX_INPUT_BYTES / 1_000_000),
        )
    };
    // Only regular files are opened: opening a FIFO would wait forever for a writer.
    match Entry::of(path) {
        Entry::File(_) | Entry::Missing => {}
        other => {
            return Err(plain(
                &name,
                &format!(
                    "{name} {} : parcours ne lit que des fichiers ordinaires",
                    other.describe()
                ),
            ));
        }
    }
    let file = std::fs::File::open(path).map_err(cannot)?;
    let size = file.metadata().map_err(cannot)?.len();
    if size > MAX_INPUT_BYTES as u64 {
        return Err(too_large());
    }
    // At most one byte past the limit, in case the file grew since: enough to refuse it.
    let mut bytes = Vec::with_capacity(size as usize + 1);
    std::io::Read::read_to_end(
        &mut std::io::Read::take(file, MAX_INPUT_BYTES as u64 + 1),
        &mut bytes,
    )
    .map_err(cannot)?;
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Reads a text file of at most [`MAX_INPUT_BYTES`]; a larger file is refused before it is
/// read (memory stays bounded whatever the file), and a file that is not UTF-8 becomes a
/// diagnostic at the first bad byte.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let name = path.display().to_string();
    parcours_import::formats::utf8_text(&name, read_bytes(path)?)
}

/// A diagnostic with no position inside the file.
pub fn plain(file: &str, message: &str) -> Diagnostic {
    Diagnostic::at_location(
        file,
        "",
        Location {
            line: 1,
            col: 1,
            len: 1,
        },
        message,
    )
}

/// The embedded reference data, with the files found in `dir` (if any) in their place.
pub fn sources(dir: Option<&Path>) -> Result<Sources, Vec<Diagnostic>> {
    let mut sources = Sources::embedded();
    let Some(dir) = dir else {
        return Ok(sources);
    };
    let name = dir.display().to_string();
    match Entry::of(dir) {
        Entry::Folder(_) => {}
        Entry::Missing => {
            return Err(vec![plain(&name, "le dossier --data n'existe pas")]);
        }
        other => {
            return Err(vec![plain(
                &name,
                &format!(
                    "le dossier --data {name} {} : donnez un dossier de fichiers de référence",
                    other.describe()
                ),
            )]);
        }
    }
    let mut problems = Vec::new();
    let mut found = 0;
    for kind in FileKind::ALL {
        let path = dir.join(kind.file_name());
        let shown = path.display().to_string();
        match Entry::of(&path) {
            Entry::Missing => continue,
            Entry::File(_) => {}
            other => {
                // Never taken silently from the embedded copy: the user meant this file.
                found += 1;
                problems.push(plain(
                    &shown,
                    &format!(
                        "{shown} {} : un fichier de référence doit être un fichier ordinaire (sans lui, la copie intégrée serait prise à sa place)",
                        other.describe()
                    ),
                ));
                continue;
            }
        }
        found += 1;
        match read_text(&path) {
            Ok(text) => sources.replace(kind, shown, text),
            Err(d) => problems.push(d),
        }
    }
    if found == 0 {
        let names: Vec<&str> = FileKind::ALL.iter().map(|k| k.file_name()).collect();
        problems.push(
            plain(
                &name,
                "le dossier --data ne contient aucun fichier de référence",
            )
            .with_help(format!(
                "fichiers attendus (un ou plusieurs) : {}",
                names.join(", ")
            )),
        );
    }
    if problems.is_empty() {
        Ok(sources)
    } else {
        Err(problems)
    }
}
