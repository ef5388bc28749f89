//! Writing results: to standard output, or atomically to a file (a temporary file in the same
//! directory, renamed over the target only once complete), so an error never leaves a partial
//! file behind and never damages an existing one.

use std::io::Write;
use std::path::Path;

/// Writes `text` to `path` atomically, or to standard output when `path` is `None`.
pub fn emit(text: &str, path: Option<&Path>) -> Result<(), String> {
    match path {
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => Ok(()),
                // A closed pipe (`parcours … | head`) is not an error worth reporting.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(format!("cannot write to standard output: {e}")),
            }
        }
        Some(path) => write_atomic(path, text.as_bytes()),
    }
}

/// Writes bytes to `path` through a temporary file in the same directory.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let shown = path.display();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(format!(
            "{shown}: the directory {} does not exist",
            dir.display()
        ));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".parcours-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| format!("{shown}: cannot create a temporary file: {e}"))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| format!("{shown}: cannot write: {e}"))?;
    tmp.persist(path)
        .map_err(|e| format!("{shown}: cannot replace the file: {}", e.error))?;
    Ok(())
}
