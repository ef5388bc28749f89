//! What a path names on disk, in the words a user understands: parcours reads and writes only
//! regular files and folders, and names anything else (a FIFO, a device, a link that leads
//! nowhere or loops) instead of hanging on it, skipping it silently or replacing it.

use std::fs::Metadata;
use std::io::ErrorKind;
use std::path::Path;

/// What a path names, links followed.
#[derive(Debug)]
pub enum Entry {
    /// Nothing (and no link either).
    Missing,
    /// A regular file (possibly through a symbolic link).
    File(Metadata),
    /// A folder (possibly through a symbolic link).
    Folder(Metadata),
    /// Something parcours never reads nor writes: a FIFO, a device, a socket.
    Special(&'static str),
    /// A symbolic link to nothing.
    DanglingLink,
    /// A symbolic link that leads back to itself.
    LinkLoop,
    /// The system refused to tell (permissions…).
    Unknown(std::io::Error),
}

/// Linux's ELOOP ("too many levels of symbolic links").
const ELOOP: i32 = 40;

impl Entry {
    /// Looks at `path`.
    pub fn of(path: &Path) -> Entry {
        match std::fs::metadata(path) {
            Ok(m) if m.is_file() => Entry::File(m),
            Ok(m) if m.is_dir() => Entry::Folder(m),
            Ok(m) => Entry::Special(special_kind(&m)),
            Err(e) if e.raw_os_error() == Some(ELOOP) => Entry::LinkLoop,
            Err(e) if e.kind() == ErrorKind::NotFound => {
                if std::fs::symlink_metadata(path).is_ok() {
                    Entry::DanglingLink
                } else {
                    Entry::Missing
                }
            }
            Err(e) => Entry::Unknown(e),
        }
    }

    /// What it is, as the end of a French sentence ("… est un tube nommé (FIFO)").
    pub fn describe(&self) -> String {
        match self {
            Entry::Missing => "n'existe pas".into(),
            Entry::File(_) => "est un fichier".into(),
            Entry::Folder(_) => "est un dossier".into(),
            Entry::Special(kind) => format!("est {kind}"),
            Entry::DanglingLink => "est un lien symbolique vers un fichier qui n'existe pas".into(),
            Entry::LinkLoop => "est un lien symbolique qui boucle sur lui-même".into(),
            Entry::Unknown(e) => format!("ne peut pas être examiné ({})", io_reason(e)),
        }
    }
}

#[cfg(unix)]
fn special_kind(m: &Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = m.file_type();
    if t.is_fifo() {
        "un tube nommé (FIFO)"
    } else if t.is_char_device() {
        "un périphérique (fichier spécial en mode caractère)"
    } else if t.is_block_device() {
        "un périphérique (fichier spécial en mode bloc)"
    } else if t.is_socket() {
        "une socket"
    } else {
        "un fichier spécial"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &Metadata) -> &'static str {
    "un fichier spécial"
}

/// A system error in French, without its code.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        ErrorKind::NotFound => "fichier introuvable".into(),
        ErrorKind::PermissionDenied => "permission refusée".into(),
        ErrorKind::StorageFull => "disque plein".into(),
        ErrorKind::ReadOnlyFilesystem => "système de fichiers en lecture seule".into(),
        ErrorKind::IsADirectory => "c'est un dossier".into(),
        ErrorKind::NotADirectory => "un élément du chemin n'est pas un dossier".into(),
        ErrorKind::AlreadyExists => "existe déjà".into(),
        ErrorKind::QuotaExceeded => "quota de disque dépassé".into(),
        ErrorKind::CrossesDevices => "déplacement impossible entre deux disques".into(),
        ErrorKind::ResourceBusy => "ressource occupée".into(),
        _ => {
            let text = e.to_string();
            // Keep the system's words, without the " (os error N)" tail.
            match text.rfind(" (os error") {
                Some(i) => text[..i].to_lowercase(),
                None => text.to_lowercase(),
            }
        }
    }
}

/// The identity of a file (device and inode), to tell two names of one file apart.
#[cfg(unix)]
pub fn identity(m: &Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (m.dev(), m.ino())
}

/// Without device and inode, the size and modification time stand in (never used on Linux).
#[cfg(not(unix))]
pub fn identity(m: &Metadata) -> (u64, u64) {
    let t = m
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64);
    (m.len(), t)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        std::fs::write(&file, "x").unwrap();
        assert!(matches!(Entry::of(&file), Entry::File(_)));
        assert!(matches!(Entry::of(dir.path()), Entry::Folder(_)));
        assert!(matches!(
            Entry::of(&dir.path().join("none")),
            Entry::Missing
        ));
        let dangling = dir.path().join("dangling");
        std::os::unix::fs::symlink(dir.path().join("none"), &dangling).unwrap();
        assert!(matches!(Entry::of(&dangling), Entry::DanglingLink));
        let looping = dir.path().join("loop");
        std::os::unix::fs::symlink(&looping, &looping).unwrap();
        assert!(matches!(Entry::of(&looping), Entry::LinkLoop));
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        assert!(matches!(Entry::of(&link), Entry::File(_)));
        let null = Entry::of(Path::new("/dev/null"));
        assert!(matches!(null, Entry::Special(_)));
        assert!(
            null.describe().contains("périphérique"),
            "{}",
            null.describe()
        );
    }
}
