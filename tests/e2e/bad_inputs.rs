//! The corpus of broken inputs in `tests/bad-inputs/`: every case runs the `parcours` binary
//! and checks its exit code, that no panic or crash happened, that the message has a location,
//! that no output file was created or touched, and that standard error equals the case's
//! `expected.txt` snapshot. `tests/bad-inputs/README.md` lists the cases.
//!
//! A case is a directory holding its input files and:
//!
//! - `cmd`: the arguments, on one line, split on whitespace; `{dir}` stands for the case
//!   directory and `{out}` for a fresh empty temporary directory (the working directory of
//!   the run);
//! - `expected.txt`: standard error, with the case directory written `{dir}` and the temporary
//!   directory `{out}`;
//! - `expect` (optional): `# comment` lines (the first one says what the case covers) and
//!   `key: value` lines: `exit: N` (default 2), `location: none` (a pure usage error, whose
//!   message need not hold a `file:line:col` or a field path), `sentinel: NAME` (`{out}/NAME`
//!   is created before the run and must keep its bytes), `generate: GENERATOR` (the input is
//!   too large to commit: the case directory is copied to a temporary one and the generator
//!   writes its file there (`profile.ron` or `staff.csv`); that copy is `{dir}`),
//!   `known-bug: WHY` (see below).
//!
//! Cases in `tests/bad-inputs/accepted/` are inputs that look broken but are valid (a UTF-8
//! byte-order mark, zero agents…): they must exit 0 (or their `exit:`), without panic, write
//! something (to stdout or `{out}`), and have standard error equal to `expected.txt`.
//!
//! A `known-bug:` case documents a product bug that is not fixed yet: its `expected.txt` holds
//! the output the product *should* give (written by hand), or a line starting with
//! `# placeholder` when that output cannot be guessed. The case passes while some check still
//! fails (a note is printed with `--nocapture`), and fails as soon as every check passes (every
//! check but the snapshot, for a placeholder): then delete the `known-bug:` line (and write the
//! snapshot of a placeholder with the update mode).
//!
//! **Update mode**: `PARCOURS_UPDATE_SNAPSHOTS=1 cargo test --test e2e bad_inputs` rewrites
//! every `expected.txt` from the actual standard error instead of comparing (never those of
//! `known-bug:` cases), and still runs the other checks. Review the diff before committing.

use crate::common::root;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Bytes of the sentinel files that `-o` must not replace.
const SENTINEL: &[u8] = b"sentinel: parcours must leave this file as it is\n";

/// First line of the `expected.txt` of a known-bug case whose right message is not known yet.
const PLACEHOLDER: &str = "# placeholder";

/// Parallel runs (each run is a separate process).
const WORKERS: usize = 4;

/// One case of the corpus.
struct Case {
    name: String,
    dir: PathBuf,
    args: Vec<String>,
    exit: i32,
    location: bool,
    sentinel: Option<String>,
    generate: Option<String>,
    known_bug: Option<String>,
    accepted: bool,
}

/// What a run of a case found: the problems (empty when it passed) and a note.
struct Verdict {
    name: String,
    problems: Vec<String>,
    note: Option<String>,
}

fn corpus_dir() -> PathBuf {
    root().join("tests").join("bad-inputs")
}

fn updating() -> bool {
    std::env::var("PARCOURS_UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1")
}

fn load(dir: &Path, accepted: bool) -> Case {
    let name = dir
        .file_name()
        .and_then(|n| n.to_str())
        .expect("UTF-8 case name")
        .to_owned();
    let cmd = std::fs::read_to_string(dir.join("cmd"))
        .unwrap_or_else(|e| panic!("{name}: cannot read `cmd`: {e}"));
    let mut case = Case {
        name: name.clone(),
        dir: dir.to_path_buf(),
        args: cmd.split_whitespace().map(str::to_owned).collect(),
        exit: if accepted { 0 } else { 2 },
        location: !accepted,
        sentinel: None,
        generate: None,
        known_bug: None,
        accepted,
    };
    let expect = std::fs::read_to_string(dir.join("expect")).unwrap_or_default();
    for line in expect.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, value) = line
            .split_once(':')
            .unwrap_or_else(|| panic!("{name}: `expect` line without `key: value`: {line}"));
        let value = value.trim().to_owned();
        match key.trim() {
            "exit" => {
                case.exit = value
                    .parse()
                    .unwrap_or_else(|_| panic!("{name}: bad exit code `{value}`"));
            }
            "location" => {
                assert!(
                    value.starts_with("none"),
                    "{name}: `location:` takes `none`"
                );
                case.location = false;
            }
            "sentinel" => case.sentinel = Some(value),
            "generate" => case.generate = Some(value),
            "known-bug" => case.known_bug = Some(value),
            other => panic!("{name}: unknown `expect` key `{other}`"),
        }
    }
    case
}

/// The cases directly under `dir` (directories holding a `cmd` file), sorted by name.
fn cases_in(dir: &Path, accepted: bool) -> Vec<Case> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("cmd").is_file())
        .collect();
    dirs.sort();
    dirs.iter().map(|d| load(d, accepted)).collect()
}

/// A profile with 10,000 staff lines, each of its own custom métier (1.7 MB: generated).
fn staff_10000() -> String {
    let n = 10_000;
    let mut s = String::from(
        "// 10,000 staff lines, generated by tests/e2e/bad_inputs.rs.\n(\n    name: \"Grande collectivité\",\n    kind: Department,\n    first_year: 2027,\n    staff: [\n",
    );
    for i in 0..n {
        let _ = writeln!(
            s,
            "        (metier: \"metier-local-{i:05}\", headcount: 1),"
        );
    }
    s.push_str(
        "    ],\n    budget: (days_per_year: 1000, max_days_per_agent: 5),\n    custom_metiers: [\n",
    );
    for i in 0..n {
        let _ = writeln!(
            s,
            "        (id: \"metier-local-{i:05}\", name: \"Métier local {i}\", targets: [(competency: \"pix-1-1\", year10: Socle)]),"
        );
    }
    s.push_str("    ],\n)\n");
    s
}

/// A profile whose `staff` is 100,000 nested lists, one bracket per line.
fn nested_100000() -> String {
    let n = 100_000;
    format!(
        "(\n    name: \"Profondeur\",\n    kind: Commune,\n    first_year: 2027,\n    staff: [\n{}{}    ],\n    budget: (days_per_year: 1, max_days_per_agent: 1),\n)\n",
        "[\n".repeat(n - 1),
        "]\n".repeat(n - 1)
    )
}

/// A CSV of 21,475 rows of 200,000 agents of one métier: 4,295,000,000 in all, beyond `u32`.
fn csv_21475_rows() -> String {
    let mut s = String::from("metier,headcount\n");
    for _ in 0..21_475 {
        s.push_str("charge-accueil,200000\n");
    }
    s
}

/// A staff line of an unknown métier with 100 unknown competencies: 101 problems.
fn unknown_line(i: usize) -> String {
    let mut s = format!("(metier: \"metier-inconnu-{i}\", headcount: 1, levels: [");
    for j in 0..100 {
        let _ = write!(s, "(competency: \"inconnue-{i}-{j}\", level: Socle), ");
    }
    s.push_str("]),");
    s
}

/// 160 such lines, one per line: 16,160 problems.
fn errors_16160() -> String {
    let mut s = String::from(
        "// 16,160 problems, generated by tests/e2e/bad_inputs.rs.\n(\n    name: \"Mille erreurs\",\n    kind: Commune,\n    first_year: 2027,\n    staff: [\n",
    );
    for i in 0..160 {
        let _ = writeln!(s, "        {}", unknown_line(i));
    }
    s.push_str("    ],\n    budget: (days_per_year: 10, max_days_per_agent: 5),\n)\n");
    s
}

/// The whole profile on one line of 2 MB: a long comment, then 60 lines' worth of problems.
fn one_line_2mb() -> String {
    let mut s = format!(
        "(name: \"Une ligne\", /* {} */ kind: Commune, first_year: 2027, staff: [",
        "commentaire ".repeat(170_000)
    );
    for i in 0..60 {
        s.push_str(&unknown_line(i));
    }
    s.push_str("], budget: (days_per_year: 10, max_days_per_agent: 5))");
    s
}

/// A CSV of 40,000 rows of unknown métiers.
fn csv_40000_bad_rows() -> String {
    let mut s = String::from("metier,headcount\n");
    for i in 0..40_000 {
        let _ = writeln!(s, "metier-inconnu-{i},1");
    }
    s
}

/// A CSV row of 150,000 characters, over the limit of a line.
fn csv_long_line() -> String {
    format!(
        "metier,headcount\ncharge-accueil,1\n{},1\n",
        "z".repeat(150_000)
    )
}

/// 1,200 custom métiers, over the limit of 200.
fn custom_metiers_1200() -> String {
    let mut s = String::from(
        "// 1,200 custom métiers, generated by tests/e2e/bad_inputs.rs.\n(\n    name: \"Grande collectivité\",\n    kind: Department,\n    first_year: 2027,\n    staff: [],\n    budget: (days_per_year: 1000, max_days_per_agent: 5),\n    custom_metiers: [\n",
    );
    for i in 0..1_200 {
        let _ = writeln!(
            s,
            "        (id: \"metier-local-{i:04}\", name: \"Métier local {i}\", targets: [(competency: \"pix-1-1\", year10: Socle)]),"
        );
    }
    s.push_str("    ],\n)\n");
    s
}

/// The shipped `fields.ron` with its last field declared 120 more times: 120 problems.
fn fields_120_duplicates() -> String {
    let text = std::fs::read_to_string(root().join("data").join("fields.ron")).expect("fields");
    let end = text.rfind(']').expect("the list's end");
    let record =
        "    (id: \"securite\", name: \"Sécurité\", provenance: Study(source: \"doublon\")),\n";
    format!("{}{}{}", &text[..end], record.repeat(120), &text[end..])
}

/// The generated input: its file name and its text.
fn generated(name: &str) -> (&'static str, String) {
    match name {
        "staff-10000" => ("profile.ron", staff_10000()),
        "nested-100000" => ("profile.ron", nested_100000()),
        "csv-21475-rows" => ("staff.csv", csv_21475_rows()),
        "errors-16160" => ("profile.ron", errors_16160()),
        "one-line-2mb" => ("profile.ron", one_line_2mb()),
        "csv-40000-bad-rows" => ("staff.csv", csv_40000_bad_rows()),
        "csv-long-line" => ("staff.csv", csv_long_line()),
        "custom-metiers-1200" => ("profile.ron", custom_metiers_1200()),
        "fields-120-duplicates" => ("fields.ron", fields_120_duplicates()),
        other => panic!("unknown generator `{other}`"),
    }
}

/// Whether `text` holds a `file:line:col` or a field path.
fn has_location(text: &str) -> bool {
    if text.contains("(champ `") {
        return true;
    }
    text.split_whitespace().any(|token| {
        let mut parts = token.rsplitn(3, ':');
        let col = parts.next().unwrap_or("");
        let line = parts.next().unwrap_or("");
        let file = parts.next().unwrap_or("");
        !file.is_empty()
            && !line.is_empty()
            && !col.is_empty()
            && line.bytes().all(|b| b.is_ascii_digit())
            && col.bytes().all(|b| b.is_ascii_digit())
    })
}

/// The files and directories in `dir`, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn copy_dir(from: &Path, to: &Path) {
    for e in std::fs::read_dir(from).expect("case directory").flatten() {
        if e.path().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).expect("copy case file");
        }
    }
}

fn run(case: &Case) -> Verdict {
    let out = tempfile::tempdir().expect("temp dir");
    let work = case.generate.as_ref().map(|g| {
        let tmp = tempfile::tempdir().expect("temp dir");
        copy_dir(&case.dir, tmp.path());
        let (file, text) = generated(g);
        std::fs::write(tmp.path().join(file), text).expect("write input");
        tmp
    });
    let dir = work.as_ref().map_or(case.dir.as_path(), |t| t.path());
    let dir_s = dir.to_str().expect("UTF-8 path");
    let out_s = out.path().to_str().expect("UTF-8 path");
    if let Some(s) = &case.sentinel {
        std::fs::write(out.path().join(s), SENTINEL).expect("write sentinel");
    }
    let args: Vec<String> = case
        .args
        .iter()
        .map(|a| a.replace("{dir}", dir_s).replace("{out}", out_s))
        .collect();
    let o = Command::new(env!("CARGO_BIN_EXE_parcours"))
        .args(&args)
        .current_dir(out.path())
        .env("COLUMNS", "160")
        .env("RUST_BACKTRACE", "0")
        .env_remove("RUST_LIB_BACKTRACE")
        .output()
        .expect("the parcours binary runs");
    let err = String::from_utf8_lossy(&o.stderr)
        .replace(dir_s, "{dir}")
        .replace(out_s, "{out}");
    let mut problems = Vec::new();
    let code = o.status.code();
    if code != Some(case.exit) {
        problems.push(format!(
            "exit code {code:?} ({}), expected {}",
            o.status, case.exit
        ));
    }
    // The import cases hold fictional agents: none of them may be named in a message.
    for name in [
        "Tartempion",
        "Zorglub",
        "Trucmuche",
        "Camille",
        "01/01/1960",
        "M001",
    ] {
        if err.contains(name) {
            problems.push(format!("stderr names an agent (« {name} »)"));
        }
    }
    if err.contains("panicked") || err.contains("overflowed its stack") {
        problems.push("the binary crashed (`panicked` or stack overflow in stderr)".into());
    }
    if case.exit != 0 && !o.stdout.is_empty() {
        problems.push(format!("{} bytes on stdout on failure", o.stdout.len()));
    }
    if case.accepted && case.exit == 0 && o.stdout.is_empty() && entries(out.path()).is_empty() {
        problems.push("accepted, but nothing written (stdout empty, no file in {out})".into());
    }
    if case.location && !has_location(&err) {
        problems.push("no `file:line:col` nor field path in stderr".into());
    }
    if !case.accepted {
        let expected: Vec<String> = case.sentinel.iter().cloned().collect();
        let found = entries(out.path());
        if found != expected {
            problems.push(format!(
                "{{out}} holds {found:?} after the run, expected {expected:?} (an output was created on failure)"
            ));
        }
        if let Some(s) = &case.sentinel
            && std::fs::read(out.path().join(s)).ok().as_deref() != Some(SENTINEL)
        {
            problems.push(format!("the existing output file {s} was modified"));
        }
    }
    judge(case, &err, problems)
}

/// Compares (or, in update mode, writes) the snapshot, and turns the problems into a verdict,
/// reversed for a known bug.
fn judge(case: &Case, err: &str, mut problems: Vec<String>) -> Verdict {
    let snapshot = case.dir.join("expected.txt");
    let expected = std::fs::read_to_string(&snapshot).ok();
    let placeholder = expected
        .as_deref()
        .is_some_and(|e| e.starts_with(PLACEHOLDER));
    let mut snapshot_problem = None;
    if updating() && case.known_bug.is_none() {
        std::fs::write(&snapshot, err).expect("write expected.txt");
    } else {
        match &expected {
            Some(e) if e == err => {}
            Some(e) => {
                snapshot_problem = Some(format!(
                    "stderr differs from expected.txt (PARCOURS_UPDATE_SNAPSHOTS=1 rewrites it)\n--- expected\n{e}--- actual\n{err}---"
                ));
            }
            None => {
                snapshot_problem = Some(format!(
                    "no expected.txt (PARCOURS_UPDATE_SNAPSHOTS=1 writes it); stderr:\n{err}"
                ));
            }
        }
    }
    let name = case.name.clone();
    let Some(why) = &case.known_bug else {
        problems.extend(snapshot_problem);
        return Verdict {
            name,
            problems,
            note: None,
        };
    };
    // A known bug is fixed when every check passes; when its snapshot is still a placeholder,
    // when every check but the snapshot passes.
    let fixed = problems.is_empty() && (placeholder || snapshot_problem.is_none());
    if fixed {
        return Verdict {
            name,
            problems: vec![format!(
                "known bug seems fixed: delete the `known-bug:` line of its `expect` file{} ({why})",
                if placeholder {
                    ", then run with PARCOURS_UPDATE_SNAPSHOTS=1 to write expected.txt"
                } else {
                    ""
                }
            )],
            note: None,
        };
    }
    problems.extend(snapshot_problem.filter(|_| !placeholder));
    Verdict {
        name,
        problems: Vec::new(),
        note: Some(format!("known bug: {why} [{}]", problems.join("; "))),
    }
}

/// Runs the cases on a few threads; panics listing every failing case.
fn run_all(cases: &[Case]) {
    let next = AtomicUsize::new(0);
    let verdicts = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..WORKERS {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(case) = cases.get(i) else { break };
                    let v = run(case);
                    verdicts.lock().expect("verdicts").push(v);
                }
            });
        }
    });
    let mut verdicts = verdicts.into_inner().expect("verdicts");
    verdicts.sort_by(|a, b| a.name.cmp(&b.name));
    let mut failed = Vec::new();
    for v in &verdicts {
        if let Some(n) = &v.note {
            eprintln!("note: {}: {n}", v.name);
        }
        if !v.problems.is_empty() {
            failed.push(format!("{}:\n  {}", v.name, v.problems.join("\n  ")));
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failed.len(),
        verdicts.len(),
        failed.join("\n\n")
    );
}

#[test]
fn bad_inputs_are_rejected_with_located_messages() {
    let cases = cases_in(&corpus_dir(), false);
    assert!(
        cases.len() >= 45,
        "the corpus holds only {} cases",
        cases.len()
    );
    run_all(&cases);
}

#[test]
fn bad_inputs_accepted_cases_are_accepted() {
    let cases = cases_in(&corpus_dir().join("accepted"), true);
    assert!(!cases.is_empty(), "no accepted case");
    run_all(&cases);
}

#[test]
fn bad_inputs_readme_lists_every_case() {
    let readme = std::fs::read_to_string(corpus_dir().join("README.md")).expect("README.md");
    let mut missing = Vec::new();
    for case in cases_in(&corpus_dir(), false)
        .iter()
        .chain(cases_in(&corpus_dir().join("accepted"), true).iter())
    {
        if !readme.contains(&format!("`{}`", case.name)) {
            missing.push(case.name.clone());
        }
    }
    assert!(
        missing.is_empty(),
        "tests/bad-inputs/README.md does not list: {missing:?}"
    );
}

/// English words that must not be left in a message: the messages are in French (issue 21).
const ENGLISH: &[&str] = &[
    "error:",
    "warning:",
    "help:",
    "note:",
    "tip:",
    "usage:",
    "(at `",
    "expected",
    "found",
    "invalid",
    "unknown",
    "missing",
    "the ",
    "cannot",
    "problem",
    "duplicate",
    "not plausible",
    "out of range",
    "did you mean",
    "is not",
    "no such",
    "integer",
    "struct ",
    "such file",
];

/// The words of `line` that are the product's: without the backquoted ids and values, the
/// paths and the ids listed after `identifiant :`, which are the user's.
fn prose(line: &str) -> String {
    let unquoted: String = line
        .split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 0)
        .map(|(_, s)| s)
        .collect::<Vec<_>>()
        .join(" ");
    let unquoted = match unquoted.split_once("= identifiant :") {
        Some((before, _)) => before.to_owned(),
        None => unquoted,
    };
    unquoted
        .split_whitespace()
        .filter(|w| !w.contains('/') && !w.contains('{') && !w.contains('-'))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn bad_inputs_snapshots_are_in_french() {
    let mut leftovers = Vec::new();
    let mut seen = 0;
    for dir in [corpus_dir(), corpus_dir().join("accepted")] {
        for entry in std::fs::read_dir(&dir).expect("the corpus") {
            let path = entry.expect("a case").path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let Ok(text) = std::fs::read_to_string(path.join("expected.txt")) else {
                continue;
            };
            if text.starts_with(PLACEHOLDER) {
                continue;
            }
            seen += 1;
            for line in text.lines() {
                // The quoted source line and the location are the user's own text.
                let trimmed = line.trim_start();
                if trimmed.starts_with("-->")
                    || trimmed
                        .split_once(" |")
                        .is_some_and(|(n, _)| n.trim().bytes().all(|b| b.is_ascii_digit()))
                {
                    continue;
                }
                let lower = prose(line).to_lowercase();
                for word in ENGLISH {
                    if lower.contains(word) {
                        leftovers.push(format!("{name}: `{word}` in {line:?}"));
                    }
                }
            }
        }
    }
    assert!(seen > 100, "only {seen} snapshots read");
    assert!(
        leftovers.is_empty(),
        "English left in the snapshots:\n{}",
        leftovers.join("\n")
    );
}
