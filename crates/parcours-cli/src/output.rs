//! Writing results: to standard output, or atomically to a file (a temporary file in the same
//! directory, renamed over the target only once complete), so an error never leaves a partial
//! file behind and never damages an existing one.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

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
    let mut f = AtomicFile::create(path)?;
    f.write_all(bytes).map_err(|e| f.error(&e))?;
    f.commit()
}

/// A file written through a buffered temporary file in the same directory, renamed over its
/// target by [`AtomicFile::commit`] only: dropped before that, it leaves nothing behind. For
/// outputs too big to build in memory first.
pub struct AtomicFile {
    path: PathBuf,
    out: BufWriter<tempfile::NamedTempFile>,
}

impl AtomicFile {
    /// Starts writing `path` (its directory must exist).
    pub fn create(path: &Path) -> Result<Self, String> {
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
        let tmp = tempfile::Builder::new()
            .prefix(".parcours-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|e| format!("{shown}: cannot create a temporary file: {e}"))?;
        Ok(Self {
            path: path.to_owned(),
            out: BufWriter::with_capacity(1 << 16, tmp),
        })
    }

    /// A write error on this file, as text.
    pub fn error(&self, e: &dyn std::fmt::Display) -> String {
        format!("{}: cannot write: {e}", self.path.display())
    }

    /// Flushes, syncs and renames the file into place, with the permissions of the file it
    /// replaces (or 0644 for a new one).
    pub fn commit(self) -> Result<(), String> {
        let shown = self.path.display().to_string();
        let tmp = self
            .out
            .into_inner()
            .map_err(|e| format!("{shown}: cannot write: {}", e.error()))?;
        tmp.as_file()
            .sync_all()
            .map_err(|e| format!("{shown}: cannot write: {e}"))?;
        // A temporary file is private (0600): give the result the permissions of the file it
        // replaces, or the usual 0644 for a new one.
        let permissions = match std::fs::metadata(&self.path) {
            Ok(m) => Ok(m.permissions()),
            Err(_) => default_permissions(tmp.as_file()),
        };
        permissions
            .and_then(|p| tmp.as_file().set_permissions(p))
            .map_err(|e| format!("{shown}: cannot set permissions: {e}"))?;
        tmp.persist(&self.path)
            .map_err(|e| format!("{shown}: cannot replace the file: {}", e.error))?;
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.out.write(buf)
    }
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.out.write_all(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
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
