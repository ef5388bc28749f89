//! Result folders (`synth --out DIR`, `batch --out DIR`): built beside `DIR`, put in place in
//! one step when the run is over, so `DIR` never holds a mix of two runs nor half a run.
//!
//! | `DIR` before the run | what happens |
//! |---|---|
//! | absent | the results are built in a temporary folder beside it, renamed to `DIR` |
//! | empty, or a previous result of the same command | the same, the previous folder swapped out and removed |
//! | anything else (other files) | refused, unless `--force`: then the results are built in a temporary folder inside `DIR` and moved over the files of the same names, other files left alone |
//! | not a folder (a file, a FIFO, a link to nothing…) | refused |
//! | a folder holding the inputs of the run | refused (replacing it would delete them) |
//!
//! The temporary folders are named `.parcours-*.tmp` and registered with [`crate::signals`]:
//! an error, Ctrl-C or SIGTERM removes them, and the swap itself runs with the registry locked,
//! so it is never interrupted half-way.

use crate::entry::{Entry, io_reason};
use crate::output::parent_of;
use crate::signals::Registry;
use std::path::{Path, PathBuf};

/// Which command's results a folder holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Results {
    /// `batch`: the fixed set of report files, with `summary.json`.
    Batch,
    /// `synth`: profiles named `NNNNN-kind-department.ron|json`.
    Synth,
}

/// The files a batch run may write.
pub const BATCH_FILES: [&str; 10] = [
    "plans.jsonl",
    "sessions.csv",
    "national-demand.json",
    "national-demand.md",
    "national-demand.csv",
    "national-demand.html",
    "national-demand.xlsx",
    "departmental-demand.csv",
    "pooling.csv",
    "summary.json",
];

impl Results {
    /// Whether `name` is a file this command writes.
    fn owns(self, name: &str) -> bool {
        match self {
            Results::Batch => BATCH_FILES.contains(&name),
            Results::Synth => {
                let stem = name
                    .strip_suffix(".ron")
                    .or_else(|| name.strip_suffix(".json"));
                stem.is_some_and(|s| {
                    s.len() > 6
                        && s.as_bytes()[..5].iter().all(u8::is_ascii_digit)
                        && s.as_bytes()[5] == b'-'
                })
            }
        }
    }

    /// Whether a folder's entries are a previous result of this command.
    fn is_result(self, names: &[String]) -> bool {
        let own = names.iter().all(|n| self.owns(n) || is_leftover(n));
        own && match self {
            Results::Batch => names.iter().any(|n| n == "summary.json"),
            Results::Synth => names.iter().any(|n| self.owns(n)),
        }
    }

    fn command(self) -> &'static str {
        match self {
            Results::Batch => "parcours batch",
            Results::Synth => "parcours synth",
        }
    }
}

/// A temporary file or folder left by an earlier run stopped without a chance to clean up.
fn is_leftover(name: &str) -> bool {
    name.starts_with(".parcours-") && name.ends_with(".tmp")
}

#[derive(Debug)]
enum Mode {
    /// `DIR` absent: rename the staging folder to it.
    Create,
    /// `DIR` empty or a previous result: swap.
    Replace,
    /// `DIR` holds other files (`--force`): move the results in, file by file.
    Merge,
}

/// A result folder being built.
#[derive(Debug)]
pub struct ResultFolder {
    kind: Results,
    /// As the user wrote it.
    shown: PathBuf,
    /// The folder to fill (links followed).
    target: PathBuf,
    /// Where the results are built.
    staging: PathBuf,
    mode: Mode,
    /// Folders created on the way to `target`, removed again if the run writes nothing.
    created: Vec<PathBuf>,
    done: bool,
}

impl ResultFolder {
    /// Checks `out` and starts a staging folder for it. `inputs` are the files the run reads.
    pub fn prepare(
        out: &Path,
        kind: Results,
        force: bool,
        inputs: &[PathBuf],
    ) -> Result<ResultFolder, String> {
        let shown = out.display();
        let (target, mode, created) = match Entry::of(out) {
            Entry::Missing => {
                let created = make_parents(parent_of(out))
                    .map_err(|e| format!("dossier de résultats {shown} : {e}"))?;
                (out.to_owned(), Mode::Create, created)
            }
            Entry::Folder(_) => {
                let target = std::fs::canonicalize(out)
                    .map_err(|e| format!("dossier de résultats {shown} : {}", io_reason(&e)))?;
                let names =
                    names_in(&target).map_err(|e| format!("dossier de résultats {shown} : {e}"))?;
                for input in inputs {
                    if std::fs::canonicalize(input).is_ok_and(|i| i.starts_with(&target)) {
                        return Err(format!(
                            "dossier de résultats {shown} : il contient {}, lu par cette commande ; choisissez un autre dossier de résultats",
                            input.display()
                        ));
                    }
                }
                let mode = if names.is_empty() || kind.is_result(&names) {
                    Mode::Replace
                } else if force {
                    Mode::Merge
                } else {
                    return Err(format!(
                        "dossier de résultats {shown} : il n'est pas vide et ne contient pas un résultat de `{}` ({} élément{}, dont {}) ; choisissez un dossier nouveau ou vide, ou ajoutez --force pour y écrire quand même (les fichiers de même nom seront remplacés, les autres laissés tels quels)",
                        kind.command(),
                        names.len(),
                        if names.len() > 1 { "s" } else { "" },
                        names
                            .iter()
                            .find(|n| !kind.owns(n) && !is_leftover(n))
                            .map_or("?", String::as_str)
                    ));
                };
                (target, mode, Vec::new())
            }
            other => {
                return Err(format!(
                    "dossier de résultats {shown} : {shown} {} ; donnez un dossier nouveau ou existant",
                    other.describe()
                ));
            }
        };
        let staging_in = match mode {
            Mode::Merge => target.clone(),
            Mode::Create | Mode::Replace => parent_of(&target).to_owned(),
        };
        let staging = Registry::create(|| {
            let dir = tempfile::Builder::new()
                .prefix(".parcours-")
                .suffix(".tmp")
                .tempdir_in(&staging_in)
                .map_err(|e| {
                    format!(
                        "dossier de résultats {shown} : impossible de créer un dossier temporaire dans {} : {}",
                        staging_in.display(),
                        io_reason(&e)
                    )
                })?
                .keep();
            Ok::<_, String>((dir.clone(), dir))
        });
        let staging = match staging {
            Ok(s) => s,
            Err(e) => {
                remove_created(&created);
                return Err(e);
            }
        };
        Ok(ResultFolder {
            kind,
            shown: out.to_owned(),
            target,
            staging,
            mode,
            created,
            done: false,
        })
    }

    /// Where to write the results.
    pub fn path(&self) -> &Path {
        &self.staging
    }

    /// The folder as the user wrote it.
    pub fn shown(&self) -> &Path {
        &self.shown
    }

    /// Puts the results in place, in one step (or, with `--force` in a folder of other files,
    /// file by file with signals held off).
    pub fn commit(mut self) -> Result<(), String> {
        let shown = self.shown.display().to_string();
        let fail = |what: &str, e: &std::io::Error| {
            format!("dossier de résultats {shown} : {what} : {}", io_reason(e))
        };
        let staging = self.staging.clone();
        let result = Registry::settle(&staging, || -> Result<(), String> {
            set_folder_permissions(&staging, &self.target);
            match self.mode {
                Mode::Create => std::fs::rename(&staging, &self.target)
                    .map_err(|e| fail("impossible de mettre les résultats en place", &e)),
                Mode::Replace => self.swap(&staging, &shown),
                Mode::Merge => self.merge(&staging, &shown),
            }
        });
        match result {
            Ok(()) => {
                self.done = true;
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// Swaps the staging folder with the previous result, then removes the previous one.
    fn swap(&self, staging: &Path, shown: &str) -> Result<(), String> {
        let parent = parent_of(&self.target);
        let old = tempfile::Builder::new()
            .prefix(".parcours-")
            .suffix(".tmp")
            .tempdir_in(parent)
            .map_err(|e| {
                format!(
                    "dossier de résultats {shown} : impossible de créer un dossier temporaire : {}",
                    io_reason(&e)
                )
            })?
            .keep();
        // Renaming a folder over an empty folder replaces it (POSIX).
        if let Err(e) = std::fs::rename(&self.target, &old) {
            let _ = std::fs::remove_dir(&old);
            return Err(format!(
                "dossier de résultats {shown} : impossible de mettre de côté le résultat précédent : {}",
                io_reason(&e)
            ));
        }
        if let Err(e) = std::fs::rename(staging, &self.target) {
            // Put the previous result back: the folder is as it was.
            let _ = std::fs::rename(&old, &self.target);
            return Err(format!(
                "dossier de résultats {shown} : impossible de mettre les résultats en place : {}",
                io_reason(&e)
            ));
        }
        let _ = std::fs::remove_dir_all(&old);
        Ok(())
    }

    /// Moves every result file over its namesake in the target, removes the command's other
    /// files there (from an earlier run in another format), then the staging folder.
    fn merge(&self, staging: &Path, shown: &str) -> Result<(), String> {
        let new = names_in(staging).map_err(|e| format!("dossier de résultats {shown} : {e}"))?;
        // Look at every target first: nothing moves if one of them is not a regular file.
        for n in &new {
            let entry = Entry::of(&self.target.join(n));
            if !matches!(entry, Entry::Missing | Entry::File(_)) {
                return Err(format!(
                    "dossier de résultats {shown} : {n} {} ; rien n'a été remplacé",
                    entry.describe()
                ));
            }
        }
        for n in &new {
            std::fs::rename(staging.join(n), self.target.join(n)).map_err(|e| {
                format!(
                    "dossier de résultats {shown} : impossible de mettre {n} en place : {}",
                    io_reason(&e)
                )
            })?;
        }
        if let Ok(old) = names_in(&self.target) {
            for n in old {
                if self.kind.owns(&n)
                    && !new.contains(&n)
                    && matches!(Entry::of(&self.target.join(&n)), Entry::File(_))
                {
                    let _ = std::fs::remove_file(self.target.join(&n));
                }
            }
        }
        let _ = std::fs::remove_dir_all(staging);
        Ok(())
    }
}

impl Drop for ResultFolder {
    fn drop(&mut self) {
        if self.done {
            return;
        }
        Registry::settle(&self.staging, || {
            let _ = std::fs::remove_dir_all(&self.staging);
        });
        remove_created(&self.created);
    }
}

/// The names in a folder, sorted.
fn names_in(dir: &Path) -> Result<Vec<String>, String> {
    let mut names = Vec::new();
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("impossible de lire le dossier : {}", io_reason(&e)))?;
    for e in entries {
        let e = e.map_err(|e| format!("impossible de lire le dossier : {}", io_reason(&e)))?;
        names.push(e.file_name().to_string_lossy().into_owned());
    }
    names.sort();
    Ok(names)
}

/// Creates `dir` and its missing parents; returns those it created, innermost last.
fn make_parents(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut missing = Vec::new();
    let mut at = Some(dir);
    while let Some(d) = at {
        match Entry::of(d) {
            Entry::Folder(_) => break,
            Entry::Missing => missing.push(d.to_owned()),
            other => return Err(format!("{} {}", d.display(), other.describe())),
        }
        at = d.parent().filter(|p| !p.as_os_str().is_empty());
    }
    missing.reverse();
    for (i, d) in missing.iter().enumerate() {
        if let Err(e) = std::fs::create_dir(d) {
            remove_created(&missing[..i]);
            return Err(format!(
                "impossible de créer le dossier {} : {}",
                d.display(),
                io_reason(&e)
            ));
        }
    }
    Ok(missing)
}

/// Removes the folders `make_parents` created, innermost first, if they are still empty.
fn remove_created(created: &[PathBuf]) {
    for d in created.iter().rev() {
        let _ = std::fs::remove_dir(d);
    }
}

/// Gives the staging folder the permissions of the folder it replaces (a temporary folder is
/// private: 0700), or 0755 for a new one.
fn set_folder_permissions(staging: &Path, target: &Path) {
    match std::fs::metadata(target) {
        Ok(m) => {
            let _ = std::fs::set_permissions(staging, m.permissions());
        }
        Err(_) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let _ = std::fs::set_permissions(staging, std::fs::Permissions::from_mode(0o755));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) {
        std::fs::write(dir.join(name), text).unwrap();
    }

    #[test]
    fn a_previous_result_is_swapped_whole() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("results");
        std::fs::create_dir(&out).unwrap();
        write(&out, "summary.json", "old");
        write(&out, "sessions.csv", "old");
        let f = ResultFolder::prepare(&out, Results::Batch, false, &[]).unwrap();
        write(f.path(), "summary.json", "new");
        write(f.path(), "plans.jsonl", "new");
        f.commit().unwrap();
        assert_eq!(names_in(&out).unwrap(), ["plans.jsonl", "summary.json"]);
        assert_eq!(
            std::fs::read_to_string(out.join("summary.json")).unwrap(),
            "new"
        );
        assert_eq!(names_in(root.path()).unwrap(), ["results"]);
    }

    #[test]
    fn a_dropped_run_leaves_everything_as_it_was() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("a").join("b").join("results");
        let f = ResultFolder::prepare(&out, Results::Batch, false, &[]).unwrap();
        write(f.path(), "summary.json", "new");
        drop(f);
        assert!(names_in(root.path()).unwrap().is_empty());
    }

    #[test]
    fn a_folder_of_other_files_needs_force_and_keeps_them() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().to_owned();
        write(&out, "notes.txt", "mine");
        write(&out, "plans.jsonl", "old run");
        let e = ResultFolder::prepare(&out, Results::Batch, false, &[]).unwrap_err();
        assert!(e.contains("--force") && e.contains("notes.txt"), "{e}");
        let f = ResultFolder::prepare(&out, Results::Batch, true, &[]).unwrap();
        write(f.path(), "sessions.csv", "new");
        write(f.path(), "summary.json", "new");
        f.commit().unwrap();
        assert_eq!(
            names_in(&out).unwrap(),
            ["notes.txt", "sessions.csv", "summary.json"]
        );
        assert_eq!(
            std::fs::read_to_string(out.join("notes.txt")).unwrap(),
            "mine"
        );
    }

    #[test]
    fn a_folder_holding_inputs_is_refused() {
        let root = tempfile::tempdir().unwrap();
        write(root.path(), "00001-commune-35.ron", "()");
        let input = root.path().join("00001-commune-35.ron");
        let e = ResultFolder::prepare(root.path(), Results::Batch, true, &[input]).unwrap_err();
        assert!(e.contains("lu par cette commande"), "{e}");
    }

    #[test]
    fn synth_results_are_recognised_by_their_names() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(
            Results::Synth.is_result(&names(&["00001-commune-35.ron", "00002-region-84.json"]))
        );
        assert!(!Results::Synth.is_result(&names(&["00001-commune-35.ron", "notes.txt"])));
        assert!(!Results::Synth.is_result(&names(&["profile.ron"])));
        assert!(Results::Batch.is_result(&names(&["summary.json", ".parcours-x1.tmp"])));
        assert!(!Results::Batch.is_result(&names(&["plans.jsonl"])));
    }
}
