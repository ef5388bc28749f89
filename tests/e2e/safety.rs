//! Issue 18, what the bad-input corpus cannot hold (git stores no FIFO, and signals need a
//! running process): outputs never replace a special file or a link, `--data` and `batch`
//! name what they cannot read instead of hanging or skipping it silently, result folders are
//! replaced whole or not at all, and Ctrl-C / SIGTERM leave nothing behind.

use crate::common::{parcours, root, stderr};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn example(name: &str) -> String {
    root()
        .join("examples/profiles")
        .join(name)
        .display()
        .to_string()
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(ok.success(), "mkfifo {}", path.display());
}

fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).expect("symlink");
}

/// The names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// No temporary file or folder of parcours left in `dir`.
fn no_leftovers(dir: &Path) {
    let left: Vec<String> = names(dir)
        .into_iter()
        .filter(|n| n.starts_with(".parcours-"))
        .collect();
    assert!(left.is_empty(), "left in {}: {left:?}", dir.display());
}

/// Every file of a folder with its bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    names(dir)
        .into_iter()
        .map(|n| {
            let bytes = std::fs::read(dir.join(&n)).unwrap();
            (n, bytes)
        })
        .collect()
}

/// Runs `parcours` with a deadline: a run that hangs is killed and fails the test.
fn run_with_deadline(args: &[&str], limit: Duration) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_parcours"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("parcours runs");
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("parcours {args:?} still running after {limit:?}: it hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn outputs_never_replace_special_files_or_links() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let fifo = d.join("fifo");
    mkfifo(&fifo);
    let dangling = d.join("dangling.md");
    symlink(&d.join("nowhere.md"), &dangling);
    let looping = d.join("loop.md");
    symlink(&looping, &looping);
    let profile = example("commune-rurale.ron");
    let csv = example("ville-40000-staff.csv");
    let commands: Vec<Vec<&str>> = vec![
        vec!["plan", &profile, "-o"],
        vec!["profile", "init", "--force", "-o"],
        vec!["profile", "from-csv", &csv, "--force", "-o"],
        vec!["recommendations", "-o"],
        vec!["metiers", "-o"],
        vec!["graph", "-o"],
        vec!["schema", "plan", "-o"],
    ];
    let targets = [
        (fifo.clone(), "tube nommé (FIFO)"),
        (PathBuf::from("/dev/null"), "périphérique"),
        (
            dangling.clone(),
            "lien symbolique vers un fichier qui n'existe pas",
        ),
        (looping.clone(), "boucle"),
        (d.to_owned(), "dossier"),
    ];
    for cmd in &commands {
        for (target, what) in &targets {
            let mut args = cmd.clone();
            args.push(target.to_str().unwrap());
            let o = run_with_deadline(&args, Duration::from_secs(60));
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
            assert!(
                err.contains(&target.display().to_string()) && err.contains(what),
                "{args:?}: {err}"
            );
            assert!(!err.contains("panicked"), "{err}");
        }
    }
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    assert!(std::fs::symlink_metadata(&dangling).unwrap().is_symlink());
    assert!(std::fs::symlink_metadata(&looping).unwrap().is_symlink());
    assert_eq!(names(d), ["dangling.md", "fifo", "loop.md"]);
}

#[test]
fn a_link_to_a_regular_file_is_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let real = d.join("real.md");
    std::fs::write(&real, "old").unwrap();
    let link = d.join("link.md");
    symlink(&real, &link);
    let o = parcours(&[
        "plan",
        &example("commune-rurale.ron"),
        "--format",
        "md",
        "-o",
        link.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert!(std::fs::read_to_string(&real).unwrap().starts_with("# "));
    no_leftovers(d);
}

#[test]
fn an_output_that_is_an_input_under_any_name_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let profile = d.join("p.ron");
    std::fs::copy(example("commune-rurale.ron"), &profile).unwrap();
    let before = std::fs::read(&profile).unwrap();
    let hard = d.join("hard.ron");
    std::fs::hard_link(&profile, &hard).unwrap();
    let link = d.join("link.ron");
    symlink(&profile, &link);
    for out in [&hard, &link] {
        let o = parcours(&[
            "plan",
            profile.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("lu en entrée"), "{}", stderr(&o));
    }
    // A reference file given with --data is an input too.
    let data = d.join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::copy(root().join("data/fields.ron"), data.join("fields.ron")).unwrap();
    let o = parcours(&[
        "--data",
        data.to_str().unwrap(),
        "schema",
        "plan",
        "-o",
        data.join("fields.ron").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(data.join("fields.ron")).unwrap(),
        std::fs::read(root().join("data/fields.ron")).unwrap()
    );
    assert_eq!(std::fs::read(&profile).unwrap(), before);
    no_leftovers(d);
}

#[test]
fn data_folders_name_what_they_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let data = d.join("data");
    std::fs::create_dir(&data).unwrap();
    mkfifo(&data.join("fields.ron"));
    symlink(&data.join("groups.ron"), &data.join("groups.ron"));
    symlink(&data.join("gone.ron"), &data.join("effects.ron"));
    std::fs::create_dir(data.join("metiers.ron")).unwrap();
    let o = run_with_deadline(
        &["--data", data.to_str().unwrap(), "validate"],
        Duration::from_secs(60),
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    for expected in [
        "fields.ron est un tube nommé (FIFO)",
        "groups.ron est un lien symbolique qui boucle sur lui-même",
        "effects.ron est un lien symbolique vers un fichier qui n'existe pas",
        "metiers.ron est un dossier",
    ] {
        assert!(err.contains(expected), "missing `{expected}` in:\n{err}");
    }
    // A profile that is a FIFO is named, not waited on.
    let o = run_with_deadline(
        &["plan", data.join("fields.ron").to_str().unwrap()],
        Duration::from_secs(60),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("tube nommé"), "{}", stderr(&o));
    // A --data that is a link loop is named as such.
    let looping = d.join("loop");
    symlink(&looping, &looping);
    let o = parcours(&["--data", looping.to_str().unwrap(), "validate"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("boucle"), "{}", stderr(&o));
}

#[test]
fn batch_lists_what_it_skipped_and_why() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::copy(example("commune-rurale.ron"), input.join("a.ron")).unwrap();
    std::fs::copy(example("ville-40000.json"), input.join("UPPER.JSON")).unwrap();
    std::fs::write(input.join("notes.txt"), "x").unwrap();
    std::fs::create_dir(input.join("folder.ron")).unwrap();
    mkfifo(&input.join("fifo.ron"));
    symlink(&input.join("loop.ron"), &input.join("loop.ron"));
    let out = dir.path().join("out");
    let o = run_with_deadline(
        &[
            "batch",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        Duration::from_secs(120),
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("2 profils planifiés sur 2"), "{err}");
    for (name, why) in [
        ("fifo.ron", "tube nommé"),
        ("folder.ron", "est un dossier"),
        ("loop.ron", "boucle"),
        ("notes.txt", "n'est pas un profil"),
    ] {
        assert!(
            err.lines()
                .any(|l| l.starts_with("ignoré") && l.contains(name) && l.contains(why)),
            "{name}: {err}"
        );
    }
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    let skipped = summary["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 4, "{summary}");
    assert!(skipped.iter().all(|s| s["reason"].as_str().is_some()));
}

/// A folder of profiles: good ones, and bad ones if `bad`.
fn profiles(dir: &Path, good: &[&str], bad: &[&str]) -> PathBuf {
    let p = dir.join(format!("profiles-{}-{}", good.len(), bad.len()));
    std::fs::create_dir(&p).unwrap();
    for (i, g) in good.iter().enumerate() {
        std::fs::copy(example(g), p.join(format!("{i}-{g}"))).unwrap();
    }
    for b in bad {
        std::fs::write(p.join(b), "(name: \"cassé\"").unwrap();
    }
    p
}

#[test]
fn batch_result_folders_are_replaced_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = d.join("results");
    let good = profiles(d, &["commune-rurale.ron", "intercommunalite.ron"], &[]);
    let bad = profiles(d, &[], &["x.ron", "y.ron"]);
    let mixed = profiles(d, &["commune-rurale.ron"], &["z.ron"]);
    let batch = |input: &Path, extra: &[&str]| {
        let mut args = vec![
            "batch",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        parcours(&args)
    };
    // A first good run.
    let o = batch(&good, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let first = snapshot(&out);
    assert!(first.iter().any(|(n, _)| n == "plans.jsonl"));
    // Every profile fails: the previous result stays, byte for byte.
    let o = batch(&bad, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("rien n'a été écrit"), "{}", stderr(&o));
    assert_eq!(snapshot(&out), first);
    // A partial failure replaces the result whole: the CSV format's file, not the JSON's.
    let o = batch(&mixed, &["--format", "csv"]);
    assert_eq!(o.status.code(), Some(2));
    let names_now = names(&out);
    assert!(
        names_now.contains(&"sessions.csv".to_owned()),
        "{names_now:?}"
    );
    assert!(
        !names_now.contains(&"plans.jsonl".to_owned()),
        "{names_now:?}"
    );
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["planned"], 1);
    assert_eq!(summary["failed"], 1);
    no_leftovers(d);
    // A folder of other files: refused without --force, kept with it.
    let mine = d.join("mine");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("notes.txt"), "mine").unwrap();
    let o = parcours(&[
        "batch",
        good.to_str().unwrap(),
        "--out",
        mine.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(names(&mine), ["notes.txt"]);
    let o = parcours(&[
        "batch",
        good.to_str().unwrap(),
        "--out",
        mine.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(names(&mine).contains(&"summary.json".to_owned()));
    assert_eq!(
        std::fs::read_to_string(mine.join("notes.txt")).unwrap(),
        "mine"
    );
    no_leftovers(&mine);
    no_leftovers(d);
}

#[test]
fn synth_replaces_its_own_folder_and_refuses_others() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("profiles");
    let synth = |count: &str, extra: &[&str]| {
        let mut args = vec!["synth", "--count", count, "--out", out.to_str().unwrap()];
        args.extend_from_slice(extra);
        parcours(&args)
    };
    assert_eq!(synth("5", &[]).status.code(), Some(0));
    assert_eq!(names(&out).len(), 5);
    // A second run replaces the first whole: no profile of the larger run is left over.
    assert_eq!(synth("3", &[]).status.code(), Some(0));
    assert_eq!(names(&out).len(), 3);
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    let o = synth("2", &[]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(names(&out).len(), 4);
    assert_eq!(synth("2", &["--force"]).status.code(), Some(0));
    assert!(names(&out).contains(&"notes.txt".to_owned()));
    no_leftovers(dir.path());
}

/// Starts `parcours` in the background.
fn spawn(args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_parcours"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("parcours runs")
}

/// Waits until a temporary file or folder of parcours appears in `dir` (the run is under way),
/// then sends `signal`; returns false if the run ended first.
fn interrupt_when_writing(child: &mut Child, dir: &Path, signal: &str) -> bool {
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        if names(dir).iter().any(|n| n.starts_with(".parcours-")) {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "no temporary file"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    let ok = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
    true
}

/// Runs `args` and interrupts it with `signal` once it writes in `watch` (up to 5 tries, in
/// case a run is faster than the watcher); checks the exit code and that nothing is left.
fn interrupted(args: &[&str], watch: &Path, signal: &str, code: i32) {
    for _ in 0..5 {
        let mut child = spawn(args);
        if !interrupt_when_writing(&mut child, watch, signal) {
            let _ = child.wait();
            continue;
        }
        let o = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(code), "{args:?}: {err}");
        assert!(err.contains("interrompu"), "{err}");
        no_leftovers(watch);
        return;
    }
    panic!("{args:?}: every run ended before it could be interrupted");
}

#[test]
fn signals_leave_no_temporary_file_and_no_half_result() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let many = d.join("many");
    let o = parcours(&["synth", "--count", "400", "--out", many.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // A previous batch result, which an interrupted run must leave as it was.
    let out = d.join("results");
    let small = profiles(d, &["commune-rurale.ron"], &[]);
    let o = parcours(&[
        "batch",
        small.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let before = snapshot(&out);
    let args = [
        "batch",
        many.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--jobs",
        "1",
    ];
    interrupted(&args, d, "-INT", 130);
    assert_eq!(snapshot(&out), before);
    interrupted(&args, d, "-TERM", 143);
    assert_eq!(snapshot(&out), before);
    // synth into a new folder: nothing at all is left.
    let fresh = d.join("fresh");
    interrupted(
        &[
            "synth",
            "--count",
            "200000",
            "--out",
            fresh.to_str().unwrap(),
        ],
        d,
        "-TERM",
        143,
    );
    assert!(!fresh.exists());
    // plan -o: the temporary file exists while the plan is rendered.
    let plan = d.join("plan.xlsx");
    std::fs::write(&plan, b"previous").unwrap();
    interrupted(
        &[
            "plan",
            &example("departement.ron"),
            "--format",
            "xlsx",
            "-o",
            plan.to_str().unwrap(),
        ],
        d,
        "-INT",
        130,
    );
    assert_eq!(std::fs::read(&plan).unwrap(), b"previous");
}

#[test]
fn from_csv_writes_only_profiles_that_plan() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("profile.ron");
    let csv = example("ville-40000-staff.csv");
    let o = parcours(&[
        "profile",
        "from-csv",
        &csv,
        "--name",
        "",
        "-o",
        out.to_str().unwrap(),
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("(champ `name`)") && err.contains("rien n'a été écrit"),
        "{err}"
    );
    assert!(names(dir.path()).is_empty());
    // What it does write, `plan` accepts.
    let o = parcours(&["profile", "from-csv", &csv, "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = parcours(&["plan", out.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}
