//! Helpers: run the binary, build a data directory with one corrupted file.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A staff or campaign export of tests/fixtures/exports.
pub fn export_fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/exports").join(name)
}

/// A path as an argument.
pub fn arg(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// Fails when `text` (`what`: an output or a message) quotes any of `personal`.
pub fn assert_none_of(personal: &[&str], what: &str, text: &str) {
    for p in personal {
        assert!(!text.contains(p), "{what} quotes « {p} »:\n{text}");
    }
}

/// Runs `parcours` with `args`.
pub fn parcours(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parcours"))
        .args(args)
        .env("COLUMNS", "160")
        .output()
        .expect("the parcours binary runs")
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

/// Runs `parcours` and expects success; returns stdout.
pub fn ok(args: &[&str]) -> String {
    let o = parcours(args);
    assert!(
        o.status.success(),
        "parcours {args:?} failed:\n{}",
        stderr(&o)
    );
    assert!(stderr(&o).is_empty(), "unexpected stderr: {}", stderr(&o));
    stdout(&o)
}

/// Runs `parcours` and expects success with warnings only on standard error (`attention : …`
/// lines and their `= aide : …`); returns standard output and standard error.
pub fn ok_warned(args: &[&str]) -> (String, String) {
    let o = parcours(args);
    let err = stderr(&o);
    assert!(o.status.success(), "parcours {args:?} failed:\n{err}");
    assert!(
        err.lines()
            .all(|l| l.starts_with("attention : ") || l.starts_with("  = aide : ")),
        "not only warnings: {err}"
    );
    (stdout(&o), err)
}

/// The text of a shipped data file.
pub fn data_file(name: &str) -> String {
    std::fs::read_to_string(root().join("data").join(name)).expect("shipped data file")
}

/// 1-based line and character column of byte offset `at` in `text`.
pub fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[start..at].chars().count() + 1)
}

/// Byte offset of the `n`-th (0-based) occurrence of `needle`.
pub fn nth_offset(text: &str, needle: &str, n: usize) -> usize {
    text.match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("`{needle}` occurs fewer than {} times", n + 1))
        .0
}

/// Writes `text` as `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write fixture");
    p
}

/// The shipped département example written to `dir` with `added` on a line of its own after
/// the first occurrence of `after` (a whole line of it, indentation included).
pub fn departement_with(dir: &Path, after: &str, added: &str) -> PathBuf {
    let text = std::fs::read_to_string(root().join("examples/profiles/departement.ron"))
        .expect("the département example");
    let text = text.replacen(after, &format!("{after}\n{added}"), 1);
    write(dir, "departement.ron", &text)
}

/// The numbers of a JSON array (a session unit's `sizes`).
pub fn numbers(v: &serde_json::Value) -> Vec<u64> {
    v.as_array()
        .expect("a JSON array")
        .iter()
        .map(|x| x.as_u64().expect("a whole number"))
        .collect()
}
