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
    // A temporary file is private (0600): give the result the permissions of the file it
    // replaces, or the usual 0644 for a new one.
    let permissions = match std::fs::metadata(path) {
        Ok(m) => Ok(m.permissions()),
        Err(_) => default_permissions(tmp.as_file()),
    };
    permissions
        .and_then(|p| tmp.as_file().set_permissions(p))
        .map_err(|e| format!("{shown}: cannot set permissions: {e}"))?;
    tmp.persist(path)
        .map_err(|e| format!("{shown}: cannot replace the file: {}", e.error))?;
    Ok(())
}

#[cfg(unix)]
fn default_permissions(_: &std::fs::File) -> Result<std::fs::Permissions, std::io::Error> {
    use std::os::unix::fs::PermissionsExt;
    Ok(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions(f: &std::fs::File) -> Result<std::fs::Permissions, std::io::Error> {
    // Elsewhere a fresh temporary file already has ordinary permissions.
    f.metadata().map(|m| m.permissions())
}
