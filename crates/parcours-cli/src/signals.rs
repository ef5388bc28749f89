//! Ctrl-C (SIGINT) and SIGTERM while parcours writes: every temporary file or folder it has
//! open is removed, and the process exits with 130 or 143 (128 + the signal's number, as a
//! shell reports a process killed by it).
//!
//! Every temporary path is registered here while it exists ([`Registry::create`]) and leaves
//! the registry at the moment it is put in place or dropped ([`Registry::settle`]). A signal is
//! handled on a thread of its own, which takes the registry's lock: creating and putting in
//! place also hold it, so the handler never sees a path half created, and a rename (a file put
//! in place, a result folder swapped) either happens wholly before the handler runs or not at
//! all. Nothing else is needed to keep a result folder whole: the handler removes what is
//! registered and exits without running anything else.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Exit code after SIGINT (Ctrl-C).
pub const EXIT_SIGINT: u8 = 130;
/// Exit code after SIGTERM.
pub const EXIT_SIGTERM: u8 = 143;

/// The temporary paths alive now.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn live() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    LIVE.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Access to the registry of temporary paths.
pub struct Registry;

impl Registry {
    /// Runs `make` (which creates a temporary file or folder and returns it with its path) with
    /// the registry locked, and registers the path: a signal arriving meanwhile waits, then
    /// finds the path and removes it.
    pub fn create<T, E>(make: impl FnOnce() -> Result<(T, PathBuf), E>) -> Result<T, E> {
        let mut live = live();
        let (value, path) = make()?;
        live.push(path);
        Ok(value)
    }

    /// Runs `finish` (which puts `path` in place, or removes it) with the registry locked,
    /// then forgets `path`, whatever `finish` returned: a signal is handled before or after,
    /// never in the middle.
    pub fn settle<T>(path: &Path, finish: impl FnOnce() -> T) -> T {
        let mut live = live();
        let out = finish();
        if let Some(i) = live.iter().rposition(|p| p == path) {
            live.swap_remove(i);
        }
        out
    }

    /// Forgets `path` (already removed or put in place by its owner).
    pub fn forget(path: &Path) {
        Self::settle(path, || ());
    }
}

/// Installs the handler of SIGINT and SIGTERM (once; later calls do nothing).
#[cfg(unix)]
pub fn install() {
    use signal_hook::consts::{SIGINT, SIGTERM};
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
            // Without the handler the default action applies: the process ends at once and may
            // leave a temporary file (never a damaged result: results are put in place by
            // rename).
            return;
        };
        let spawned = std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    // Keep the lock until the process is gone: nothing new is created or put
                    // in place after this point.
                    let live = live();
                    for p in live.iter() {
                        remove(p);
                    }
                    let (code, name) = if signal == SIGINT {
                        (EXIT_SIGINT, "Ctrl-C")
                    } else {
                        (EXIT_SIGTERM, "signal d'arrêt (SIGTERM)")
                    };
                    eprintln!(
                        "\ninterrompu ({name}) : fichiers temporaires supprimés, aucun résultat laissé à moitié écrit"
                    );
                    std::process::exit(i32::from(code));
                }
            });
        // A thread that cannot be started leaves the default action, as above.
        drop(spawned);
    });
}

/// Signals are not handled on this platform: the default action applies.
#[cfg(not(unix))]
pub fn install() {}

/// Removes a temporary file or folder, ignoring what is already gone.
///
/// Other threads may still be writing into a folder (a batch's reports, synth's profiles): it
/// is first renamed, so that no new file can appear in it (they write by its old path), and
/// then removed.
fn remove(p: &Path) {
    match std::fs::symlink_metadata(p) {
        Ok(m) if m.is_dir() => {
            let mut gone = p.as_os_str().to_owned();
            gone.push(".removed");
            let gone = PathBuf::from(gone);
            let target = if std::fs::rename(p, &gone).is_ok() {
                gone
            } else {
                p.to_owned()
            };
            for _ in 0..3 {
                if std::fs::remove_dir_all(&target).is_ok() || !target.exists() {
                    break;
                }
            }
        }
        Ok(_) => {
            let _ = std::fs::remove_file(p);
        }
        Err(_) => {}
    }
}
