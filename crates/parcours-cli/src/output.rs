//! Writing results without ever destroying anything: to standard output, or to a file through a
//! temporary file in the same folder, renamed over the target only once complete.
//!
//! The rules (README, "Outputs"):
//! - an output is a new file or an existing **regular** file; a FIFO, a device, a socket, a
//!   folder, a link that leads nowhere or loops is refused, never replaced;
//! - a symbolic link to a regular file is written *through*: the file it points to is replaced,
//!   the link stays;
//! - an output that is the same file as one the command reads (compared by device and inode,
//!   whatever the names) is refused;
//! - the temporary file is registered with [`crate::signals`], so Ctrl-C or SIGTERM removes it.

use crate::entry::{Entry, identity, io_reason};
use crate::signals::Registry;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// The files a command reads, by identity: an output may not be one of them.
#[derive(Debug, Default)]
pub struct Reads(Vec<((u64, u64), PathBuf)>);

impl Reads {
    /// Adds a file the command reads (ignored if it cannot be looked at: it will not be read
    /// either, and that error is reported where it is read).
    pub fn add(&mut self, path: &Path) {
        if let Entry::File(m) = Entry::of(path) {
            self.0.push((identity(&m), path.to_owned()));
        }
    }

    /// The input that is the same file as `m`, if any.
    fn same_as(&self, m: &std::fs::Metadata) -> Option<&Path> {
        let id = identity(m);
        self.0
            .iter()
            .find(|(i, _)| *i == id)
            .map(|(_, p)| p.as_path())
    }
}

/// An output file, checked before any work is done.
#[derive(Debug)]
pub struct Destination {
    /// As the user wrote it.
    shown: PathBuf,
    /// The file to replace: `shown`, or the file a symbolic link leads to.
    real: PathBuf,
}

impl Destination {
    /// Checks that `path` may be written: a new file in an existing folder, or an existing
    /// regular file that the command does not read.
    pub fn check(path: &Path, reads: &Reads) -> Result<Destination, String> {
        let shown = path.display();
        let refuse = |what: String| {
            format!(
                "fichier de sortie {shown} : {what} ; parcours écrit seulement dans un nouveau fichier ou à la place d'un fichier ordinaire"
            )
        };
        let entry = Entry::of(path);
        let real = match &entry {
            Entry::Missing => {
                let dir = parent_of(path);
                match Entry::of(dir) {
                    Entry::Folder(_) => path.to_owned(),
                    Entry::Missing => {
                        return Err(format!(
                            "fichier de sortie {shown} : le dossier {} n'existe pas",
                            dir.display()
                        ));
                    }
                    other => {
                        return Err(format!(
                            "fichier de sortie {shown} : le chemin {} {}",
                            dir.display(),
                            other.describe()
                        ));
                    }
                }
            }
            Entry::File(m) => {
                if let Some(input) = reads.same_as(m) {
                    return Err(format!(
                        "fichier de sortie {shown} : c'est le fichier lu en entrée {} ; parcours ne l'écrase pas, choisissez un autre fichier de sortie",
                        input.display()
                    ));
                }
                let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink());
                if is_link {
                    std::fs::canonicalize(path)
                        .map_err(|e| refuse(format!("lien illisible ({})", io_reason(&e))))?
                } else {
                    path.to_owned()
                }
            }
            other => return Err(refuse(format!("ce chemin {}", other.describe()))),
        };
        Ok(Destination {
            shown: path.to_owned(),
            real,
        })
    }

    /// The path as the user wrote it.
    pub fn shown(&self) -> &Path {
        &self.shown
    }
}

/// The folder of `path` ("." for a bare name).
pub fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes `text` to `destination` atomically, or to standard output when it is `None`.
pub fn emit(text: &str, destination: Option<&Destination>) -> Result<(), String> {
    match destination {
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => Ok(()),
                // A closed pipe (`parcours … | head`) is not an error worth reporting.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(format!(
                    "impossible d'écrire sur la sortie standard : {}",
                    io_reason(&e)
                )),
            }
        }
        Some(d) => {
            let mut f = AtomicFile::create(d)?;
            f.write_all(text.as_bytes()).map_err(|e| f.error(&e))?;
            f.commit()
        }
    }
}

/// Writes bytes to a new file `path` of a folder parcours has just made (a result folder being
/// built), through a temporary file.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let d = Destination {
        shown: path.to_owned(),
        real: path.to_owned(),
    };
    let mut f = AtomicFile::create(&d)?;
    f.write_all(bytes).map_err(|e| f.error(&e))?;
    f.commit()
}

/// A file written through a buffered temporary file in the same folder, renamed over its
/// target by [`AtomicFile::commit`] only: dropped before that, or interrupted by a signal, it
/// leaves nothing behind. For outputs too big to build in memory first.
pub struct AtomicFile {
    shown: PathBuf,
    real: PathBuf,
    tmp_path: PathBuf,
    out: Option<BufWriter<tempfile::NamedTempFile>>,
}

impl AtomicFile {
    /// Starts writing `destination` (checked by [`Destination::check`]).
    pub fn create(destination: &Destination) -> Result<Self, String> {
        let shown = destination.shown.display();
        let dir = parent_of(&destination.real);
        let (tmp, tmp_path) = Registry::create(|| {
            let tmp = tempfile::Builder::new()
                .prefix(".parcours-")
                .suffix(".tmp")
                .tempfile_in(dir)
                .map_err(|e| {
                    format!(
                        "{shown} : impossible de créer un fichier temporaire dans {} : {}",
                        dir.display(),
                        io_reason(&e)
                    )
                })?;
            let path = tmp.path().to_owned();
            Ok::<_, String>(((tmp, path.clone()), path))
        })?;
        Ok(Self {
            shown: destination.shown.clone(),
            real: destination.real.clone(),
            tmp_path,
            out: Some(BufWriter::with_capacity(1 << 16, tmp)),
        })
    }

    /// A write error on this file, as text.
    pub fn error(&self, e: &dyn std::fmt::Display) -> String {
        format!("{} : impossible d'écrire : {e}", self.shown.display())
    }

    /// Flushes, syncs and renames the file into place, with the permissions of the file it
    /// replaces (or 0644 for a new one). The target is looked at again just before: if it has
    /// become something else than a regular file meanwhile, nothing is replaced.
    pub fn commit(mut self) -> Result<(), String> {
        let shown = self.shown.display().to_string();
        let cannot =
            |e: &std::io::Error| format!("{shown} : impossible d'écrire : {}", io_reason(e));
        let Some(out) = self.out.take() else {
            return Err(format!("{shown} : fichier déjà écrit"));
        };
        let tmp = out.into_inner().map_err(|e| cannot(e.error()))?;
        tmp.as_file().sync_all().map_err(|e| cannot(&e))?;
        let real = self.real.clone();
        Registry::settle(&self.tmp_path, || {
            // A temporary file is private (0600): give the result the permissions of the file
            // it replaces, or the usual 0644 for a new one.
            let permissions = match Entry::of(&real) {
                Entry::Missing => default_permissions(tmp.as_file()),
                Entry::File(m) => Ok(m.permissions()),
                other => {
                    return Err(format!(
                        "fichier de sortie {shown} : {} {} ; rien n'a été remplacé",
                        real.display(),
                        other.describe()
                    ));
                }
            };
            permissions
                .and_then(|p| tmp.as_file().set_permissions(p))
                .map_err(|e| {
                    format!(
                        "{shown} : impossible de fixer les permissions : {}",
                        io_reason(&e)
                    )
                })?;
            tmp.persist(&real).map_err(|e| {
                format!(
                    "{shown} : impossible de remplacer le fichier : {}",
                    io_reason(&e.error)
                )
            })?;
            Ok(())
        })
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        // Not committed: the temporary file goes (tempfile removes it), and leaves the registry.
        if let Some(out) = self.out.take() {
            Registry::settle(&self.tmp_path, || drop(out));
        }
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.writer()?.write(buf)
    }
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.writer()?.write_all(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.writer()?.flush()
    }
}

impl AtomicFile {
    fn writer(&mut self) -> std::io::Result<&mut BufWriter<tempfile::NamedTempFile>> {
        self.out
            .as_mut()
            .ok_or_else(|| std::io::Error::other("fichier déjà écrit"))
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

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn special_files_are_refused_and_links_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let reads = Reads::default();
        for special in ["/dev/null", "/dev/full"] {
            let e = Destination::check(Path::new(special), &reads).unwrap_err();
            assert!(e.contains("périphérique"), "{e}");
        }
        assert!(
            Destination::check(dir.path(), &reads)
                .unwrap_err()
                .contains("est un dossier")
        );
        let file = dir.path().join("real.txt");
        std::fs::write(&file, "old").unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        let d = Destination::check(&link, &reads).unwrap();
        emit("new", Some(&d)).unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "new");
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn an_input_is_never_an_output() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("p.json");
        std::fs::write(&file, "{}").unwrap();
        let mut reads = Reads::default();
        reads.add(&file);
        let other_name = dir.path().join(".").join("p.json");
        let e = Destination::check(&other_name, &reads).unwrap_err();
        assert!(e.contains("lu en entrée"), "{e}");
        let hard = dir.path().join("hard.json");
        std::fs::hard_link(&file, &hard).unwrap();
        assert!(Destination::check(&hard, &reads).is_err());
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "{}");
    }

    #[test]
    fn a_dropped_file_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.txt");
        let d = Destination::check(&target, &Reads::default()).unwrap();
        let mut f = AtomicFile::create(&d).unwrap();
        f.write_all(b"partial").unwrap();
        drop(f);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
