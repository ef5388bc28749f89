//! `synth` and `batch`: many profiles at once, in parallel with rayon. Results are streamed to
//! disk chunk by chunk (memory stays bounded) in input order, and aggregates are integer sums,
//! so the output does not depend on `--jobs` or on thread timing.

use crate::args::{BatchFormat, ProfileFormat};
use crate::{Failure, input, output, render};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use parcours_graph::{Diagnostic, ReferenceData};
use parcours_planner::batch::{Aggregate, Pooling, pool_group, pool_groups};
use parcours_planner::csv_import::to_ron;
use parcours_planner::plan::{PlanOptions, Planner, Totals};
use parcours_planner::profile::{self, Format, Profile};
use parcours_planner::synth;
use parcours_report::{demand, html, xlsx};
use rayon::prelude::*;
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Profiles planned per chunk: the unit of parallel work between two writes.
const CHUNK: usize = 512;

/// Pooling groups (department, module, year) pooled in parallel between two writes.
const POOL_CHUNK: usize = 1024;

fn progress(len: u64, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(len);
    if std::io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template(
            "{spinner} {msg} [{bar:40}] {pos}/{len} ({per_sec}, {eta})",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(what.to_owned());
    } else {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    bar
}

fn pool_of(jobs: Option<usize>) -> Result<rayon::ThreadPool, Failure> {
    if jobs == Some(0) {
        return Err(Failure::Usage("--jobs must be at least 1".into()));
    }
    let mut b = rayon::ThreadPoolBuilder::new();
    if let Some(j) = jobs {
        b = b.num_threads(j);
    }
    b.build()
        .map_err(|e| Failure::Internal(format!("cannot start worker threads: {e}")))
}

fn make_dir(dir: &Path) -> Result<(), Failure> {
    if dir.exists() && !dir.is_dir() {
        return Err(Failure::Usage(format!(
            "{}: exists and is not a directory",
            dir.display()
        )));
    }
    std::fs::create_dir_all(dir).map_err(|e| {
        Failure::Usage(format!(
            "{}: cannot create the directory: {e}",
            dir.display()
        ))
    })
}

/// `parcours synth`.
pub fn synth(
    count: u64,
    seed: u64,
    out: &Path,
    first_year: u16,
    format: ProfileFormat,
    jobs: Option<usize>,
) -> Result<(), Failure> {
    if count == 0 || count > 1_000_000 {
        return Err(Failure::Usage(format!(
            "--count {count}: out of range (1 to 1000000)"
        )));
    }
    let threads = pool_of(jobs)?;
    make_dir(out)?;
    let bar = progress(count, "synth");
    let ext = match format {
        ProfileFormat::Ron => "ron",
        ProfileFormat::Json => "json",
    };
    let result: Result<(), String> = threads.install(|| {
        (0..count).into_par_iter().try_for_each(|i| {
            let s = synth::profile(seed, count, i, first_year);
            let text = match format {
                ProfileFormat::Ron => to_ron(
                    &s.profile,
                    &format!(
                        "Synthetic profile {} (seed {seed}, {count} profiles)",
                        s.stem
                    ),
                )?,
                ProfileFormat::Json => {
                    serde_json::to_string_pretty(&s.profile).map_err(|e| e.to_string())? + "\n"
                }
            };
            output::write_atomic(&out.join(format!("{}.{ext}", s.stem)), text.as_bytes())?;
            bar.inc(1);
            Ok(())
        })
    });
    bar.finish_and_clear();
    result.map_err(Failure::Internal)?;
    eprintln!("wrote {count} profiles to {}", out.display());
    Ok(())
}

/// The profile files named on the command line (directories expanded, sorted by name).
fn inputs(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let entries = std::fs::read_dir(p).map_err(|e| {
                Failure::Usage(format!("{}: cannot read the directory: {e}", p.display()))
            })?;
            // The entry's type comes with the listing: only links need a look at their target.
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| {
                    let e = e.ok()?;
                    let path = e.path();
                    if !matches!(
                        path.extension().and_then(|x| x.to_str()),
                        Some("ron" | "json")
                    ) {
                        return None;
                    }
                    let t = e.file_type().ok()?;
                    (t.is_file() || (t.is_symlink() && path.is_file())).then_some(path)
                })
                .collect();
            // By name: the entries share their directory, so their paths' bytes sort as their
            // names do (comparing `Path`s component by component took 33 ms for 36,000).
            found.sort_unstable_by(|a, b| {
                a.as_os_str()
                    .as_encoded_bytes()
                    .cmp(b.as_os_str().as_encoded_bytes())
            });
            files.extend(found);
        } else if p.is_file() {
            files.push(p.clone());
        } else {
            return Err(Failure::Usage(format!(
                "{}: no such file or directory",
                p.display()
            )));
        }
    }
    if files.is_empty() {
        return Err(Failure::Usage(
            "no profile (.ron or .json) found in the inputs".into(),
        ));
    }
    Ok(files)
}

/// The compact result of one profile in `plans.jsonl`.
#[derive(Serialize)]
struct Line<'a> {
    file: &'a str,
    name: &'a str,
    kind: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    department: Option<&'a str>,
    agents: u64,
    days_used: f64,
    days_available: f64,
    days_unfunded: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    cost: Option<u64>,
    /// `[year, module, agents, sessions, days]` per session line.
    sessions: Vec<(u16, &'a str, u64, u64, f64)>,
}

enum Outcome {
    Planned {
        text: String,
    },
    Failed {
        file: String,
        report: String,
        reasons: Vec<String>,
    },
}

fn stem(path: &Path) -> String {
    path.file_stem().map_or_else(
        || path.display().to_string(),
        |s| s.to_string_lossy().into_owned(),
    )
}

fn record(
    path: &Path,
    index: u32,
    p: &Profile,
    plan: &Totals,
    format: BatchFormat,
    sums: &Sums,
) -> String {
    let file = stem(path);
    sums.add(index, &file, p, plan);
    match format {
        BatchFormat::Json => {
            let line = Line {
                file: &file,
                name: &p.name,
                kind: p.kind.label(),
                department: p.department.as_deref(),
                agents: plan.agents,
                days_used: plan.days_used.as_f64(),
                days_available: plan.days_available.as_f64(),
                days_unfunded: plan.days_unfunded.as_f64(),
                cost: plan.cost,
                sessions: plan
                    .years
                    .iter()
                    .flat_map(|y| {
                        y.sessions.iter().map(move |s| {
                            (
                                y.year,
                                s.module.as_str(),
                                s.agents,
                                s.sessions,
                                s.days.as_f64(),
                            )
                        })
                    })
                    .collect(),
            };
            serde_json::to_string(&line).unwrap_or_default() + "\n"
        }
        BatchFormat::Csv => {
            use parcours_report::text::csv_text;
            let mut w = csv::Writer::from_writer(Vec::new());
            let (file, name) = (csv_text(&file), csv_text(&p.name));
            let department = csv_text(p.department.as_deref().unwrap_or(""));
            for y in &plan.years {
                for s in &y.sessions {
                    let _ = w.write_record([
                        &*file,
                        &*name,
                        &*department,
                        &y.year.to_string(),
                        &*csv_text(s.module.as_str()),
                        &s.agents.to_string(),
                        &s.sessions.to_string(),
                        &format!("{:.1}", s.days.as_f64()),
                    ]);
                }
            }
            String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
        }
    }
}

fn process(
    data: &ReferenceData,
    planner: &Planner,
    path: &Path,
    index: u32,
    format: BatchFormat,
    sums: &Sums,
) -> Outcome {
    let fail = |ds: Vec<Diagnostic>| Outcome::Failed {
        file: path.display().to_string(),
        report: render::diagnostics(&ds, "the profile"),
        reasons: ds.iter().map(|d| d.to_string()).collect(),
    };
    let text = match input::read_text(path) {
        Ok(t) => t,
        Err(d) => return fail(vec![d]),
    };
    let name = path.display().to_string();
    let p = match profile::parse(&name, &text, Format::detect(&name, &text)) {
        Ok(p) => p,
        Err(d) => return fail(vec![d]),
    };
    let problems = profile::check(&p, data, &name, &text);
    if !problems.is_empty() {
        return fail(problems);
    }
    let plan = planner.totals(&p, &PlanOptions::default());
    let text = record(path, index, &p, &plan, format, sums);
    Outcome::Planned { text }
}

#[derive(Serialize)]
struct Summary {
    profiles: usize,
    planned: usize,
    failed: usize,
    failures: Vec<FailureLine>,
    outputs: Vec<String>,
}

#[derive(Serialize)]
struct FailureLine {
    file: String,
    reasons: Vec<String>,
}

/// The sums of a batch run, one [`Aggregate`] per worker thread for the whole run: a worker
/// adds each profile it plans to its own (behind a lock no other thread takes), and the few
/// aggregates are merged once, at the end. Aggregates are integer sums whose reports are
/// sorted by name, so which thread added what never shows in the output.
struct Sums(Vec<std::sync::Mutex<Aggregate>>);

impl Sums {
    fn new(threads: usize) -> Sums {
        Sums((0..threads.max(1)).map(|_| Default::default()).collect())
    }

    /// Adds a planned profile to the calling worker's aggregate. The lock is held only while
    /// adding, so planning (which may itself run on the pool) never waits for it.
    fn add(&self, index: u32, name: &str, p: &Profile, plan: &Totals) {
        let k = rayon::current_thread_index().unwrap_or(0) % self.0.len();
        self.0[k]
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .add(index, name, p, plan);
    }

    /// All the profiles' sums.
    fn total(self) -> Aggregate {
        self.0
            .into_iter()
            .map(|m| {
                m.into_inner()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
            })
            .reduce(Aggregate::merge)
            .unwrap_or_default()
    }
}

/// Wall time per phase of a batch run, printed with `--timings`.
#[derive(Default)]
struct Timings {
    /// Processor time of the whole process at the end of planning, of pooling, of the run.
    cpu: [Option<f64>; 3],
    plan: std::time::Duration,
    write: std::time::Duration,
    pool: std::time::Duration,
    reports: std::time::Duration,
}

/// Writes `file` in `out` atomically with `fill`.
fn put(
    out: &Path,
    file: &str,
    fill: impl FnOnce(&mut output::AtomicFile) -> Result<(), String>,
) -> Result<(), Failure> {
    let mut f = output::AtomicFile::create(&out.join(file)).map_err(Failure::Internal)?;
    fill(&mut f).map_err(|e| Failure::Internal(f.error(&e)))?;
    f.commit().map_err(Failure::Internal)
}

/// `parcours batch`. Returns the number of failed profiles. With `timings`, prints the wall
/// time of each phase to standard error.
pub fn batch(
    data: &ReferenceData,
    planner: &Planner,
    paths: &[PathBuf],
    out: &Path,
    jobs: Option<usize>,
    format: BatchFormat,
    timings: bool,
) -> Result<usize, Failure> {
    let started = std::time::Instant::now();
    let files = inputs(paths)?;
    if files.len() > u32::MAX as usize {
        return Err(Failure::Usage("too many profiles".into()));
    }
    let threads = pool_of(jobs)?;
    make_dir(out)?;
    let bar = progress(files.len() as u64, "batch");
    let (name, header) = match format {
        BatchFormat::Json => ("plans.jsonl", ""),
        BatchFormat::Csv => (
            "sessions.csv",
            "fichier,collectivité,département,annee,module,agents,sessions,jours\n",
        ),
    };
    // Stream to a temporary file, renamed into place at the end.
    let mut stream = output::AtomicFile::create(&out.join(name)).map_err(Failure::Internal)?;
    let io = |e: std::io::Error| Failure::Internal(format!("{}: cannot write: {e}", out.display()));
    stream.write_all(header.as_bytes()).map_err(io)?;
    let mut time = Timings::default();
    let sums = Sums::new(threads.current_num_threads());
    let mut failures: Vec<FailureLine> = Vec::new();
    for (c, chunk) in files.chunks(CHUNK).enumerate() {
        let t = std::time::Instant::now();
        // Plan and add up in parallel, each worker into its own sums; the outcomes come back
        // in input order, whatever the threads did.
        let outcomes: Vec<Outcome> = threads.install(|| {
            chunk
                .par_iter()
                .enumerate()
                .map(|(k, path)| {
                    let index = (c * CHUNK + k) as u32;
                    let o = process(data, planner, path, index, format, &sums);
                    bar.inc(1);
                    o
                })
                .collect()
        });
        let t2 = std::time::Instant::now();
        time.plan += t2 - t;
        for o in outcomes {
            match o {
                Outcome::Planned { text } => {
                    stream.write_all(text.as_bytes()).map_err(io)?;
                }
                Outcome::Failed {
                    file,
                    report,
                    reasons,
                } => {
                    bar.suspend(|| eprint!("{report}"));
                    failures.push(FailureLine { file, reasons });
                }
            }
        }
        time.write += t2.elapsed();
    }
    let t = std::time::Instant::now();
    let mut total = sums.total();
    time.plan += t.elapsed();
    bar.finish_and_clear();
    // The reports need memory, the memo of schedules no more.
    let memo = planner.memo_stats();
    let totals_memo = planner.totals_memo_stats();
    planner.clear_memo();
    time.cpu[0] = cpu_seconds();
    let t = std::time::Instant::now();
    // Pooling, groups in parallel a batch at a time, their pooling.csv rows written in order;
    // meanwhile, the demand sheets of the workbook (they need no pooling).
    let keys = pool_groups(&mut total);
    let mut report = demand::report(data, &total, Pooling::default(), None);
    let pool_csv = || -> Result<(Pooling, Option<Vec<demand::SharedSession>>), Failure> {
        let mut pooling = Pooling::default();
        let mut shared = None;
        put(out, demand::POOLING_CSV, |f| {
            let mut csv = demand::PoolingCsv::new(f)?;
            for batch in keys.chunks(POOL_CHUNK) {
                let done: Vec<Result<_, String>> = threads.install(|| {
                    batch
                        .par_iter()
                        .filter_map(|&key| pool_group(data, &total, key))
                        .map(|(group, sessions)| {
                            let mut rows = Vec::new();
                            demand::pooling_csv_rows(&group, &sessions, total.names(), &mut rows)?;
                            Ok((group, sessions, rows))
                        })
                        .collect()
                });
                for d in done {
                    let (group, sessions, rows) = d?;
                    csv.rows(&rows, &group, &sessions, total.names())?;
                    pooling.push(group);
                }
            }
            shared = csv.finish()?.1;
            Ok(())
        })?;
        Ok((pooling, shared))
    };
    let (book, pooled) = threads.join(|| xlsx::demand_book(&report), pool_csv);
    (report.pooling, report.shared_sessions) = pooled?;
    let book = book.map_err(Failure::Internal)?;
    drop(total);
    time.pool = t.elapsed();
    time.cpu[1] = cpu_seconds();
    let t = std::time::Instant::now();
    // The workbook takes longest: one thread finishes and writes it while the other writes
    // the rest and puts the plans' stream in place (flushed to disk: a few tens of ms).
    let (book, rest) = threads.join(
        || -> Result<(), Failure> {
            let book = book.finish(&report.pooling).map_err(Failure::Internal)?;
            put(out, "national-demand.xlsx", |f| {
                f.write_all(&book).map_err(|e| e.to_string())
            })
        },
        || -> Result<(), Failure> {
            put(out, "national-demand.json", |f| {
                serde_json::to_writer_pretty(&mut *f, &report).map_err(|e| e.to_string())?;
                f.write_all(b"\n").map_err(|e| e.to_string())
            })?;
            put(out, "national-demand.md", |f| {
                f.write_all(demand::report_md(&report).as_bytes())
                    .map_err(|e| e.to_string())
            })?;
            put(out, "national-demand.csv", |f| {
                demand::national_csv(&report, f)
            })?;
            put(out, "departmental-demand.csv", |f| {
                demand::departments_csv(&report, f)
            })?;
            put(out, "national-demand.html", |f| {
                f.write_all(html::demand_html(&report).as_bytes())
                    .map_err(|e| e.to_string())
            })?;
            stream.commit().map_err(Failure::Internal)
        },
    );
    rest?;
    book?;
    let outputs = [
        name,
        "national-demand.json",
        "national-demand.md",
        "national-demand.csv",
        "departmental-demand.csv",
        demand::POOLING_CSV,
        "national-demand.html",
        "national-demand.xlsx",
    ]
    .map(str::to_owned)
    .to_vec();
    let summary = Summary {
        profiles: files.len(),
        planned: report.profiles as usize,
        failed: failures.len(),
        failures,
        outputs,
    };
    let failed = summary.failed;
    let text = serde_json::to_string_pretty(&summary)
        .map_err(|e| Failure::Internal(e.to_string()))?
        + "\n";
    output::write_atomic(&out.join("summary.json"), text.as_bytes()).map_err(Failure::Internal)?;
    time.reports = t.elapsed();
    time.cpu[2] = cpu_seconds();
    eprintln!(
        "planned {} of {} profiles ({} failed); results in {}",
        summary.planned,
        summary.profiles,
        failed,
        out.display()
    );
    if timings {
        let s = |d: std::time::Duration| format!("{:.2} s", d.as_secs_f64());
        eprintln!(
            "timings: planning and adding up (parallel) {}, writing the plans in order (serial) {}, pooling, pooling.csv and demand sheets {}, other reports {}, total {}",
            s(time.plan),
            s(time.write),
            s(time.pool),
            s(time.reports),
            s(started.elapsed())
        );
        if let Some(m) = totals_memo {
            eprintln!(
                "profiles: {} planned, {} reused from profiles identical but for name, place and price ({} kept, {:.1} MiB)",
                m.misses,
                m.hits,
                m.entries,
                m.bytes as f64 / 1048576.0
            );
        }
        if let Some(m) = memo {
            eprintln!(
                "schedules: {} computed, {} reused from identical problems ({} kept, {:.1} MiB)",
                m.misses,
                m.hits,
                m.entries,
                m.bytes as f64 / 1048576.0
            );
        }
        if let [Some(a), Some(b), Some(c)] = time.cpu {
            eprintln!(
                "processor time: planning {a:.2} s, pooling, pooling.csv and demand sheets {:.2} s, other reports {:.2} s",
                b - a,
                c - b
            );
        }
    }
    Ok(failed)
}

/// Processor time (user and system) of the whole process so far, in seconds, where the
/// system tells it (Linux: `/proc/self/stat`, in ticks of 1/100 s).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(ticks as f64 / 100.0)
}
