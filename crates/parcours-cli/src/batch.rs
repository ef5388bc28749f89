//! `synth` and `batch`: many profiles at once, in parallel with rayon. Results are streamed to
//! disk chunk by chunk (memory stays bounded) in input order, and aggregates are integer sums,
//! so the output does not depend on `--jobs` or on thread timing.

use crate::args::{BatchFormat, ProfileFormat};
use crate::{Failure, input, output, render};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use parcours_graph::{Diagnostic, ReferenceData};
use parcours_planner::batch::{Aggregate, pool};
use parcours_planner::csv_import::to_ron;
use parcours_planner::plan::{Detail, Plan, PlanOptions, Planner};
use parcours_planner::profile::{self, Format, Profile};
use parcours_planner::synth;
use parcours_report::{demand, html, xlsx};
use rayon::prelude::*;
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Profiles planned per chunk: the unit of parallel work between two writes.
const CHUNK: usize = 512;

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
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| {
                    f.is_file()
                        && matches!(f.extension().and_then(|x| x.to_str()), Some("ron" | "json"))
                })
                .collect();
            found.sort();
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
        agg: Box<Aggregate>,
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
    plan: &Plan,
    format: BatchFormat,
) -> (String, Aggregate) {
    let file = stem(path);
    let mut agg = Aggregate::default();
    agg.add(index, &file, p, plan);
    let text = match format {
        BatchFormat::Json => {
            let line = Line {
                file: &file,
                name: &plan.profile.name,
                kind: plan.profile.kind,
                department: plan.profile.department.as_deref(),
                agents: plan.profile.agents,
                days_used: plan.indicators.days_used.as_f64(),
                days_available: plan.indicators.days_available.as_f64(),
                days_unfunded: plan.indicators.days_unfunded.as_f64(),
                cost: plan.indicators.cost,
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
            let mut w = csv::Writer::from_writer(Vec::new());
            for y in &plan.years {
                for s in &y.sessions {
                    let _ = w.write_record([
                        file.as_str(),
                        plan.profile.name.as_str(),
                        plan.profile.department.as_deref().unwrap_or(""),
                        &y.year.to_string(),
                        s.module.as_str(),
                        &s.agents.to_string(),
                        &s.sessions.to_string(),
                        &format!("{:.1}", s.days.as_f64()),
                    ]);
                }
            }
            String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
        }
    };
    (text, agg)
}

fn process(
    data: &ReferenceData,
    planner: &Planner,
    path: &Path,
    index: u32,
    format: BatchFormat,
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
    if text.len() > input::MAX_INPUT_BYTES {
        return fail(vec![input::plain(&name, "the profile is too large")]);
    }
    let p = match profile::parse(&name, &text, Format::detect(&name, &text)) {
        Ok(p) => p,
        Err(d) => return fail(vec![d]),
    };
    let problems = profile::check(&p, data, &name, &text);
    if !problems.is_empty() {
        return fail(problems);
    }
    let options = PlanOptions {
        detail: Detail::Schedule,
        ..PlanOptions::default()
    };
    let plan = planner.plan(&p, &options);
    let (text, agg) = record(path, index, &p, &plan, format);
    Outcome::Planned {
        text,
        agg: Box::new(agg),
    }
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

/// `parcours batch`. Returns the number of failed profiles.
pub fn batch(
    data: &ReferenceData,
    planner: &Planner,
    paths: &[PathBuf],
    out: &Path,
    jobs: Option<usize>,
    format: BatchFormat,
) -> Result<usize, Failure> {
    let files = inputs(paths)?;
    if files.len() > u32::MAX as usize {
        return Err(Failure::Usage("too many profiles".into()));
    }
    let threads = pool_of(jobs)?;
    make_dir(out)?;
    let bar = progress(files.len() as u64, "batch");
    let (name, header) = match format {
        BatchFormat::Json => ("plans.jsonl", String::new()),
        BatchFormat::Csv => (
            "sessions.csv",
            "fichier,collectivité,département,annee,module,agents,sessions,jours\n".to_owned(),
        ),
    };
    // Stream to a temporary file, renamed into place at the end.
    let mut stream = tempfile::Builder::new()
        .prefix(".parcours-")
        .tempfile_in(out)
        .map_err(|e| {
            Failure::Internal(format!(
                "{}: cannot create a temporary file: {e}",
                out.display()
            ))
        })?;
    let io = |e: std::io::Error| Failure::Internal(format!("{}: cannot write: {e}", out.display()));
    {
        let mut w = std::io::BufWriter::new(stream.as_file_mut());
        w.write_all(header.as_bytes()).map_err(io)?;
        let mut total = Aggregate::default();
        let mut failures: Vec<FailureLine> = Vec::new();
        for (c, chunk) in files.chunks(CHUNK).enumerate() {
            let outcomes: Vec<Outcome> = threads.install(|| {
                chunk
                    .par_iter()
                    .enumerate()
                    .map(|(k, path)| {
                        let o = process(data, planner, path, (c * CHUNK + k) as u32, format);
                        bar.inc(1);
                        o
                    })
                    .collect()
            });
            for o in outcomes {
                match o {
                    Outcome::Planned { text, agg } => {
                        w.write_all(text.as_bytes()).map_err(io)?;
                        total = total.merge(*agg);
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
        }
        w.flush().map_err(io)?;
        drop(w);
        bar.finish_and_clear();
        let pooling = pool(data, &total);
        let report = demand::report(data, &total, &pooling);
        let json = serde_json::to_string_pretty(&report)
            .map_err(|e| Failure::Internal(e.to_string()))?
            + "\n";
        let mut outputs = vec![name.to_owned()];
        let mut put = |file: &str, bytes: &[u8]| -> Result<(), Failure> {
            output::write_atomic(&out.join(file), bytes).map_err(Failure::Internal)?;
            outputs.push(file.to_owned());
            Ok(())
        };
        put("national-demand.json", json.as_bytes())?;
        put("national-demand.md", demand::report_md(&report).as_bytes())?;
        put(
            "national-demand.csv",
            demand::national_csv(&report).as_bytes(),
        )?;
        put(
            "departmental-demand.csv",
            demand::departments_csv(&report).as_bytes(),
        )?;
        put(
            "pooling.csv",
            demand::pooling_csv(&report.pooling).as_bytes(),
        )?;
        put(
            "national-demand.html",
            html::demand_html(&report).as_bytes(),
        )?;
        put(
            "national-demand.xlsx",
            &xlsx::demand_xlsx(&report).map_err(Failure::Internal)?,
        )?;
        let summary = Summary {
            profiles: files.len(),
            planned: total.profiles as usize,
            failed: failures.len(),
            failures,
            outputs,
        };
        let failed = summary.failed;
        let text = serde_json::to_string_pretty(&summary)
            .map_err(|e| Failure::Internal(e.to_string()))?
            + "\n";
        output::write_atomic(&out.join("summary.json"), text.as_bytes())
            .map_err(Failure::Internal)?;
        stream
            .persist(out.join(name))
            .map_err(|e| Failure::Internal(format!("{}: {}", out.display(), e.error)))?;
        eprintln!(
            "planned {} of {} profiles ({} failed); results in {}",
            summary.planned,
            summary.profiles,
            failed,
            out.display()
        );
        Ok(failed)
    }
}
