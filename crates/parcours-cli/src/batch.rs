//! `synth` and `batch`: many profiles at once, in parallel with rayon. Results are streamed to
//! disk chunk by chunk (memory stays bounded) in input order, and aggregates are integer sums,
//! so the output does not depend on `--jobs` or on thread timing.

use crate::args::{BatchFormat, ProfileFormat};
use crate::entry::Entry;
use crate::folder::{ResultFolder, Results};
use crate::{Failure, input, render};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use parcours_batch::Memoized;
use parcours_batch::filter::Filter;
use parcours_batch::geography::Geography;
use parcours_batch::pooling::{Aggregate, Pooling, Who, pool_group, pool_groups};
use parcours_batch::synth;
use parcours_graph::{Diagnostic, ReferenceData};
use parcours_import::csv::to_ron;
use parcours_import::formats::{self, Format};
use parcours_planner::check::CheckedProfile;
use parcours_planner::plan::Totals;
use parcours_planner::profile::{CollectivityKind, Profile};
use parcours_report::csv_out::CsvStyle;
use parcours_report::{demand, html, xlsx};
use rayon::prelude::*;
use serde::Serialize;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// The columns of `sessions.csv`.
const SESSIONS_CSV_COLUMNS: [&str; 10] = [
    "fichier",
    "collectivité",
    "département",
    "annee",
    "module",
    "agents",
    "sessions",
    "jours",
    "canal",
    "coût",
];

/// Profiles planned per chunk: the unit of parallel work between two writes.
const CHUNK: usize = 512;

/// Pooling groups (department, module, year) pooled in parallel between two writes.
const POOL_CHUNK: usize = 1024;

fn progress(len: u64, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(len);
    if std::io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::stderr());
        // indicatif's own rate and time keys write English units ("12/s", "3m"): these say
        // them in French.
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} {msg} [{bar:40}] {pos}/{len} ({rate}, {left})")
        {
            let style = style
                .with_key("rate", |s: &ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{} par seconde", s.per_sec().round());
                })
                .with_key("left", |s: &ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{}", time_left(s.eta()));
                });
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(what.to_owned());
    } else {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    bar
}

/// The time a progress bar still expects, in French: « encore 12 s », « encore 3 min ».
fn time_left(left: std::time::Duration) -> String {
    match left.as_secs() {
        s if s < 60 => format!("encore {s} s"),
        s if s < 3600 => format!("encore {} min", s.div_ceil(60)),
        s => format!("encore {} h {:02}", s / 3600, (s % 3600) / 60),
    }
}

/// Most worker threads a batch may start (`--jobs`).
pub const MAX_JOBS: usize = 256;

fn pool_of(jobs: Option<usize>) -> Result<rayon::ThreadPool, Failure> {
    if let Some(j) = jobs
        && (j == 0 || j > MAX_JOBS)
    {
        return Err(Failure::Usage(if j == 0 {
            "--jobs 0 : il faut au moins 1 fil de calcul".into()
        } else {
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
            format!(
                "--jobs {j} : trop de fils de calcul (de 1 à {MAX_JOBS} ; la machine a {cores} cœur{})",
                if cores > 1 { "s" } else { "" }
            )
        }));
    }
    let mut b = rayon::ThreadPoolBuilder::new();
    if let Some(j) = jobs {
        b = b.num_threads(j);
    }
    b.build()
        .map_err(|e| Failure::Internal(format!("impossible de démarrer les fils de calcul : {e}")))
}

/// Options of `parcours synth`.
pub struct SynthOptions {
    /// Number of profiles: that many employers of the real map, evenly spaced along its list
    /// (`None`: all of them).
    pub count: Option<u64>,
    /// Seed of the generator.
    pub seed: u64,
    /// Calendar year of the plans' year 1.
    pub first_year: u16,
    /// File format.
    pub format: ProfileFormat,
    /// Write into a folder of other files.
    pub force: bool,
}

/// Why a synthetic profile could not be written.
enum SynthError {
    Io(String),
    /// The profile would not pass `plan`'s checks.
    Check(Vec<Diagnostic>),
}

/// `parcours synth`: every profile is checked as `plan` checks it before the folder is put in
/// place, so what `synth` writes always plans.
pub fn synth(data: &ReferenceData, o: &SynthOptions, out: &Path) -> Result<(), Failure> {
    let seed = o.seed;
    let employers = synth::employers().len() as u64;
    let count = o.count.unwrap_or(employers);
    if count == 0 || count > employers {
        return Err(Failure::Usage(format!(
            "--count {count} : hors des limites (la carte compte {} employeurs ; de 1 à {}, ou sans --count pour tous)",
            thousands(employers),
            thousands(employers)
        )));
    }
    let threads = pool_of(None)?;
    let folder =
        ResultFolder::prepare(out, Results::Synth, o.force, &[]).map_err(Failure::Usage)?;
    let bar = progress(count, "profils fictifs");
    let ext = match o.format {
        ProfileFormat::Ron => "ron",
        ProfileFormat::Json => "json",
    };
    let write = |i: u64| -> Result<(), SynthError> {
        let s = synth::profile(seed, count, i, o.first_year);
        let text = match o.format {
            ProfileFormat::Ron => to_ron(
                &s.profile,
                &format!(
                    "Profil fictif {} sur la carte réelle : effectifs estimés (graine {seed}, {count} profils)",
                    s.stem
                ),
            )
            .map_err(SynthError::Io)?,
            ProfileFormat::Json => {
                serde_json::to_string_pretty(&s.profile)
                    .map_err(|e| SynthError::Io(e.to_string()))?
                    + "\n"
            }
        };
        let file = format!("{}.{ext}", s.stem);
        let problems = parcours_planner::check::check(&s.profile, data, &file, &text);
        if !problems.is_empty() {
            return Err(SynthError::Check(problems));
        }
        // The staging folder is new and private: plain writes, removed whole on failure.
        std::fs::write(folder.path().join(&file), text.as_bytes()).map_err(|e| {
            SynthError::Io(format!(
                "{} : impossible d'écrire {file} : {}",
                out.display(),
                crate::entry::io_reason(&e)
            ))
        })?;
        bar.inc(1);
        Ok(())
    };
    // The first profile alone, then the others in parallel: an option that makes every
    // profile fail (`--first-year`) is reported on the first one, whatever the threads do.
    let result =
        write(0).and_then(|()| threads.install(|| (1..count).into_par_iter().try_for_each(write)));
    bar.finish_and_clear();
    match result {
        Ok(()) => {}
        Err(SynthError::Io(e)) => return Err(Failure::Internal(e)),
        Err(SynthError::Check(diagnostics)) => {
            return Err(Failure::Input {
                diagnostics: diagnostics
                    .into_iter()
                    .map(|d| {
                        d.with_help("rien n'a été écrit : les profils produits seraient refusés par `parcours plan` ; corrigez les options (--first-year…)")
                    })
                    .collect(),
                what: "les profils fictifs".into(),
            });
        }
    }
    folder.commit().map_err(Failure::Internal)?;
    eprintln!(
        "{} profil{} écrit{} dans {}",
        thousands(count),
        if count > 1 { "s" } else { "" },
        if count > 1 { "s" } else { "" },
        out.display()
    );
    Ok(())
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A directory entry that `batch` did not read, and why.
#[derive(Serialize)]
struct Skipped {
    file: String,
    reason: String,
}

/// The profile files named on the command line (directories expanded, sorted by name), and
/// the entries of those directories that were skipped, with the reason.
fn inputs(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<Skipped>), Failure> {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for p in paths {
        match Entry::of(p) {
            Entry::Folder(_) => {
                let (found, mut left) = listing(p)?;
                files.extend(found);
                skipped.append(&mut left);
            }
            Entry::File(_) => files.push(p.clone()),
            Entry::Missing => {
                return Err(Failure::Usage(format!(
                    "{} : ce fichier ou ce dossier n'existe pas",
                    p.display()
                )));
            }
            other => {
                return Err(Failure::Usage(format!(
                    "{} {} : donnez des profils (.ron, .json) ou des dossiers de profils",
                    p.display(),
                    other.describe()
                )));
            }
        }
    }
    if files.is_empty() {
        return Err(Failure::Usage(
            "aucun profil (.ron ou .json) trouvé dans les entrées".into(),
        ));
    }
    Ok((files, skipped))
}

/// The profiles of one directory, sorted by name, and what was skipped there.
fn listing(dir: &Path) -> Result<(Vec<PathBuf>, Vec<Skipped>), Failure> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Failure::Usage(format!(
            "{} : lecture du dossier impossible : {}",
            dir.display(),
            crate::entry::io_reason(&e)
        ))
    })?;
    let mut found = Vec::new();
    let mut skipped = Vec::new();
    for e in entries {
        let Ok(e) = e else { continue };
        let path = e.path();
        let profile_name = path
            .extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| x.eq_ignore_ascii_case("ron") || x.eq_ignore_ascii_case("json"));
        let skip = |reason: String| Skipped {
            file: path.display().to_string(),
            reason,
        };
        if !profile_name {
            skipped.push(skip(
                "n'est pas un profil (nom sans l'extension .ron ni .json)".into(),
            ));
            continue;
        }
        // The entry's type comes with the listing: only links need a look at their target.
        match e.file_type() {
            Ok(t) if t.is_file() => found.push(path),
            _ => match Entry::of(&path) {
                Entry::File(_) => found.push(path),
                other => skipped.push(skip(other.describe())),
            },
        }
    }
    // By name: the entries share their directory, so their paths' bytes sort as their names
    // do (comparing `Path`s component by component took 33 ms for 36,000).
    found.sort_unstable_by(|a, b| {
        a.as_os_str()
            .as_encoded_bytes()
            .cmp(b.as_os_str().as_encoded_bytes())
    });
    skipped.sort_by_key(|s| s.file.clone());
    Ok((found, skipped))
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
    /// `[year, module, agents, sessions, days, channel, cost]` per session line.
    sessions: Vec<(u16, &'a str, u64, u64, f64, &'static str, u64)>,
}

enum Outcome {
    Planned {
        text: String,
    },
    /// Outside the run's departments (`--region`, `--department`): not planned.
    Left,
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
    style: CsvStyle,
    sums: &Sums,
) -> String {
    let file = stem(path);
    sums.add(index, p, plan);
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
                                s.channel.label(),
                                s.cost,
                            )
                        })
                    })
                    .collect(),
            };
            serde_json::to_string(&line).unwrap_or_default() + "\n"
        }
        BatchFormat::Csv => {
            use parcours_report::text::csv_text;
            let mut w = style.writer(Vec::new());
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
                        &style.decimal_days(s.days),
                        s.channel.label(),
                        &s.cost.to_string(),
                    ]);
                }
            }
            String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
        }
    }
}

/// Places a profile that names its commune on the map: the department and the
/// intercommunality it does not give follow from the commune's INSEE code (the map is read
/// only when a profile names one; a code the map does not hold places nothing).
fn place(p: &mut Profile) {
    let Some(c) = p
        .commune
        .as_deref()
        .and_then(|c| Geography::france().commune(c))
    else {
        return;
    };
    let g = Geography::france();
    if p.department.is_none() {
        p.department = Some(c.department.to_string());
    }
    if p.intercommunality.is_none() {
        p.intercommunality = c
            .intercommunality
            .map(|i| g.intercommunalities[i as usize].siren.to_string());
    }
}

fn process(
    data: &ReferenceData,
    planner: &Memoized,
    path: &Path,
    index: u32,
    o: &BatchOptions,
    sums: &Sums,
) -> Outcome {
    let fail = |ds: Vec<Diagnostic>| Outcome::Failed {
        file: path.display().to_string(),
        report: render::diagnostics(&ds, "le profil"),
        reasons: ds.iter().map(|d| d.to_string()).collect(),
    };
    let text = match input::read_text(path) {
        Ok(t) => t,
        Err(d) => return fail(vec![d]),
    };
    let name = path.display().to_string();
    let mut p = match formats::parse(&name, &text, Format::detect(&name, &text)) {
        Ok(p) => p,
        Err(d) => return fail(vec![d]),
    };
    if o.budget_share.is_some() {
        p.budget.digital_share_percent = o.budget_share;
    }
    place(&mut p);
    let p = match CheckedProfile::from_text(p, data, &name, &text) {
        Ok(p) => p,
        Err(problems) => return fail(problems),
    };
    if !o.filter.keeps(&p) {
        return Outcome::Left;
    }
    let plan = o.filter.apply(data, planner.totals(&p));
    let text = record(path, index, &p, &plan, o.format, o.csv_style, sums);
    Outcome::Planned { text }
}

#[derive(Serialize)]
struct Summary {
    profiles: usize,
    planned: usize,
    /// Outside the departments of `--region` or `--department`: not planned.
    #[serde(skip_serializing_if = "is_zero")]
    left_out: usize,
    failed: usize,
    failures: Vec<FailureLine>,
    /// Entries of the input directories that were not read, and why.
    skipped: Vec<Skipped>,
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
    /// adding, so planning (which may itself run on the pool) never waits for it. A member
    /// of an intercommunality of the real map pools in the department holding most of the
    /// intercommunality's population.
    fn add(&self, index: u32, p: &Profile, plan: &Totals) {
        let epci = p
            .intercommunality
            .as_deref()
            .map(|siren| (siren, Geography::france().intercommunality(siren)));
        let pooling = epci.and_then(|(siren, _)| {
            Geography::france().pooling_department(p.department.as_deref(), Some(siren))
        });
        // Named as the collectivity calls itself, with its INSEE code (a commune's, a CCAS's
        // commune's) or SIREN (an intercommunality's), and its intercommunality's name.
        let code = match (&p.commune, p.kind) {
            (Some(c), _) => c.as_str(),
            (None, CollectivityKind::Intercommunality) => {
                p.intercommunality.as_deref().unwrap_or("")
            }
            _ => "",
        };
        let who = Who {
            name: &p.name,
            code,
            intercommunality: epci.map_or("", |(siren, e)| e.map_or(siren, |e| &e.name)),
        };
        let k = rayon::current_thread_index().unwrap_or(0) % self.0.len();
        self.0[k]
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .add_pooled_in(index, &who, p, plan, pooling);
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

/// A file of the result folder being built (new, in a private staging folder: written in
/// place, the whole folder removed if the run does not finish).
struct Staged {
    name: String,
    out: BufWriter<std::fs::File>,
}

impl Staged {
    fn create(dir: &Path, name: &str) -> Result<Staged, Failure> {
        let file = std::fs::File::create(dir.join(name)).map_err(|e| {
            Failure::Internal(format!(
                "{name} : impossible de créer le fichier : {}",
                crate::entry::io_reason(&e)
            ))
        })?;
        Ok(Staged {
            name: name.to_owned(),
            out: BufWriter::with_capacity(1 << 16, file),
        })
    }

    fn error(&self, e: &dyn std::fmt::Display) -> Failure {
        Failure::Internal(format!("{} : impossible d'écrire : {e}", self.name))
    }

    /// Flushes and syncs the file.
    fn finish(self) -> Result<(), Failure> {
        let name = self.name;
        let io = |e: &dyn std::fmt::Display| {
            Failure::Internal(format!("{name} : impossible d'écrire : {e}"))
        };
        let file = self.out.into_inner().map_err(|e| io(e.error()))?;
        file.sync_all().map_err(|e| io(&e))
    }
}

impl Write for Staged {
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

/// Writes `file` in the staging folder `dir` with `fill`.
fn put(
    dir: &Path,
    file: &str,
    fill: impl FnOnce(&mut Staged) -> parcours_report::Result<()>,
) -> Result<(), Failure> {
    let mut f = Staged::create(dir, file)?;
    fill(&mut f).map_err(|e| f.error(&e))?;
    f.finish()
}

/// Options of `parcours batch`.
pub struct BatchOptions {
    /// Worker threads (1 to [`MAX_JOBS`]; default: the machine's cores).
    pub jobs: Option<usize>,
    /// Format of the per-profile results.
    pub format: BatchFormat,
    /// The style of the CSV files.
    pub csv_style: CsvStyle,
    /// What the reports keep (departments, module, modality, year).
    pub filter: Filter,
    /// Every profile's `budget.digital_share_percent`, for this run (1 to 100).
    pub budget_share: Option<u32>,
    /// Another run to compare with (`--compare`): where its results are, and its totals.
    pub compare: Option<(String, demand::compare::OtherRun)>,
    /// Print the wall time of each phase to standard error.
    pub timings: bool,
    /// Write into a folder of other files.
    pub force: bool,
}

/// Reads another run's totals for `--compare`: `path` is its results folder (its
/// `national-demand.json` is read) or that file itself. Gives the path as given, and the totals.
pub fn other_run(path: &Path) -> Result<(String, demand::compare::OtherRun), Failure> {
    let file = if path.is_dir() {
        path.join("national-demand.json")
    } else {
        path.to_path_buf()
    };
    let name = file.display().to_string();
    let bytes = input::read_bytes(&file).map_err(|d| Failure::Input {
        diagnostics: vec![d],
        what: "le traitement à comparer".into(),
    })?;
    let text = String::from_utf8_lossy(&bytes);
    serde_json::from_str(&text)
        .map(|other| (path.display().to_string(), other))
        .map_err(|e| {
            let location = parcours_graph::locate::Location {
                line: e.line().max(1),
                col: e.column().max(1),
                len: 1,
            };
            let why = if e.is_syntax() || e.is_eof() {
                "ce fichier n'est pas un JSON lisible"
            } else {
                "il y manque les totaux qu'écrit `parcours batch` (profiles, enrolments, days_used, sessions, against_capacity)"
            };
            Failure::Input {
                diagnostics: vec![
                    Diagnostic::at_location(&name, &text, location, why).with_help(
                        "--compare attend le dossier des résultats d'un `parcours batch` précédent, ou son national-demand.json",
                    ),
                ],
                what: "le traitement à comparer".into(),
            }
        })
}

/// The filter of `batch`'s options, checked: a region or department of the map (its
/// departments), a module of the catalogue.
pub fn filter(
    data: &ReferenceData,
    region: Option<&str>,
    department: Option<&str>,
    module: Option<&str>,
    modality: Option<parcours_graph::vocab::Modality>,
    year: Option<u16>,
) -> Result<Filter, Failure> {
    let mut f = Filter {
        modality,
        year,
        ..Filter::default()
    };
    if region.is_some() || department.is_some() {
        let g = Geography::france();
        let set: std::collections::BTreeSet<String> = g
            .departments
            .iter()
            .filter(|d| region.is_none_or(|r| *d.region == *r))
            .filter(|d| department.is_none_or(|c| *d.code == *c))
            .map(|d| d.code.to_string())
            .collect();
        if let Some(r) = region
            && g.region(r).is_none()
        {
            let codes: Vec<&str> = g.regions.iter().map(|r| &*r.code).collect();
            return Err(Failure::Usage(format!(
                "--region {r} : aucune région de ce code INSEE (codes : {})",
                codes.join(", ")
            )));
        }
        if let Some(d) = department
            && g.department(d).is_none()
        {
            return Err(Failure::Usage(format!(
                "--department {d} : aucun département de ce code INSEE (« 35 », « 2A », « 974 »)"
            )));
        }
        if set.is_empty() {
            return Err(Failure::Usage(format!(
                "--department {} n'est pas dans la région {} de --region",
                department.unwrap_or(""),
                region.unwrap_or("")
            )));
        }
        f.departments = Some(set);
    }
    if let Some(m) = module {
        let id = parcours_graph::ids::ModuleId::new(m);
        if data.module(&id).is_none() {
            return Err(Failure::Usage(format!(
                "--module {m} : ce module n'est pas au catalogue (parcours show MODULE, ou la liste des modules dans les rapports)"
            )));
        }
        f.module = Some(id);
    }
    Ok(f)
}

/// Skipped entries listed on standard error (all of them are in `summary.json`).
const LISTED_SKIPPED: usize = 20;

/// `parcours batch`. Returns the number of failed profiles. The results are built beside the
/// output folder and put in place when the run is over; a run in which every profile failed
/// writes nothing and leaves the folder as it was.
pub fn batch(
    data: &ReferenceData,
    planner: &Memoized,
    paths: &[PathBuf],
    target: &Path,
    o: &BatchOptions,
) -> Result<usize, Failure> {
    let (format, timings, share, style) = (o.format, o.timings, o.budget_share, o.csv_style);
    let started = std::time::Instant::now();
    let threads = pool_of(o.jobs)?;
    let (files, skipped) = inputs(paths)?;
    if files.len() > u32::MAX as usize {
        return Err(Failure::Usage("trop de profils".into()));
    }
    for s in skipped.iter().take(LISTED_SKIPPED) {
        eprintln!("ignoré : {} {}", s.file, s.reason);
    }
    if skipped.len() > LISTED_SKIPPED {
        let more = skipped.len() - LISTED_SKIPPED;
        eprintln!(
            "ignoré : et {more} {}, listés dans summary.json",
            if more > 1 {
                "autres éléments"
            } else {
                "autre élément"
            }
        );
    }
    let folder =
        ResultFolder::prepare(target, Results::Batch, o.force, &files).map_err(Failure::Usage)?;
    let out = folder.path();
    let bar = progress(files.len() as u64, "profils planifiés");
    let (name, header) = match format {
        BatchFormat::Json => ("plans.jsonl", Vec::new()),
        BatchFormat::Csv => ("sessions.csv", {
            let mut w = style.writer(style.bom().as_bytes().to_vec());
            w.write_record(SESSIONS_CSV_COLUMNS)
                .map_err(|e| Failure::Internal(e.to_string()))?;
            w.into_inner()
                .map_err(|e| Failure::Internal(e.to_string()))?
        }),
    };
    // Streamed into the staging folder, put in place with the rest at the end.
    let mut stream = Staged::create(out, name)?;
    let io = |e: std::io::Error| Failure::Internal(format!("{name} : impossible d'écrire : {e}"));
    stream.write_all(&header).map_err(io)?;
    let mut time = Timings::default();
    let sums = Sums::new(threads.current_num_threads());
    let mut failures: Vec<FailureLine> = Vec::new();
    let mut left_out = 0;
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
                    let outcome = process(data, planner, path, index, o, &sums);
                    bar.inc(1);
                    outcome
                })
                .collect()
        });
        let t2 = std::time::Instant::now();
        time.plan += t2 - t;
        for o in outcomes {
            match o {
                Outcome::Left => left_out += 1,
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
    if failures.len() == files.len() {
        // Nothing planned: nothing is written, a previous result stays as it was.
        drop(stream);
        drop(folder);
        let none = match files.len() {
            1 => "le profil n'a pas pu être planifié".to_owned(),
            n => format!("aucun des {n} profils n'a pu être planifié"),
        };
        eprintln!(
            "{none} : rien n'a été écrit, {} est laissé tel quel",
            target.display()
        );
        return Ok(failures.len());
    }
    // The reports need memory, the memo of schedules no more.
    let memo = planner.memo_stats();
    let totals_memo = planner.totals_memo_stats();
    planner.clear_memo();
    time.cpu[0] = cpu_seconds();
    let t = std::time::Instant::now();
    // Pooling, groups in parallel a batch at a time, their pooling.csv rows written in order
    // (the workbook's sheets, which give the sessions with pooling, are written after it).
    let keys = pool_groups(&mut total);
    let mut report = demand::report(data, &total, Pooling::default(), None);
    report.digital_share_percent = share;
    report.filter = o.filter.describe();
    let pool_csv = || -> Result<(Pooling, Option<Vec<demand::SharedSession>>), Failure> {
        let mut pooling = Pooling::default();
        let mut shared = None;
        put(out, demand::POOLING_CSV, |f| {
            let mut csv = demand::PoolingCsv::with_style(f, style)?;
            for batch in keys.chunks(POOL_CHUNK) {
                let done: Vec<parcours_report::Result<_>> = threads.install(|| {
                    batch
                        .par_iter()
                        .filter_map(|&key| pool_group(data, &total, key))
                        .map(|(group, sessions)| {
                            let mut rows = Vec::new();
                            demand::pooling_csv_rows(
                                &group,
                                &sessions,
                                total.names(),
                                &mut rows,
                                style,
                            )?;
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
    // The workbook's low-memory sheets keep their rows in temporary files: in a folder of the
    // staging folder, so that an interrupted run leaves none behind.
    let scratch = out.join(".scratch");
    std::fs::create_dir(&scratch).map_err(|e| {
        Failure::Internal(format!(
            "impossible de créer un dossier temporaire : {}",
            crate::entry::io_reason(&e)
        ))
    })?;
    let book = xlsx::demand_book(&scratch);
    let (pooling, shared) = pool_csv()?;
    report.set_pooling(pooling, shared);
    // The map (read only now, and only when a session stays under the minimum) gives each
    // department's neighbours.
    report.suggestions = demand::suggest::suggestions(
        &report,
        |d| Geography::france().neighbours(d),
        |d| {
            Geography::france()
                .department(d)
                .map(|d| d.name.to_string())
        },
    );
    report.comparison = o
        .compare
        .as_ref()
        .map(|(folder, other)| demand::compare::compare(&report, other, folder));
    // Regions, when the departments are those of the map.
    if report
        .departments
        .iter()
        .any(|d| d.department.as_deref() != Some(parcours_batch::pooling::NO_DEPARTMENT))
    {
        let g = Geography::france();
        report.regions = demand::region::by_region(&report, |d| {
            let region = g.department(d)?.region.as_ref();
            Some((region, g.region(region).map_or(region, |r| &*r.name)))
        });
    }
    let book = book.map_err(|e| Failure::Internal(e.to_string()))?;
    drop(total);
    time.pool = t.elapsed();
    time.cpu[1] = cpu_seconds();
    let t = std::time::Instant::now();
    // The workbook takes longest: one thread finishes and writes it while the other writes
    // the rest and puts the plans' stream in place (flushed to disk: a few tens of ms).
    let (book, rest) = threads.join(
        || -> Result<(), Failure> {
            let book = book
                .finish(&report)
                .map_err(|e| Failure::Internal(e.to_string()))?;
            put(out, "national-demand.xlsx", |f| {
                f.write_all(&book).map_err(parcours_report::Error::from)
            })
        },
        || -> Result<(), Failure> {
            put(out, "national-demand.json", |f| {
                serde_json::to_writer_pretty(&mut *f, &report).map_err(std::io::Error::from)?;
                f.write_all(b"\n").map_err(parcours_report::Error::from)
            })?;
            put(out, "national-demand.md", |f| {
                f.write_all(demand::report_md(&report).as_bytes())
                    .map_err(parcours_report::Error::from)
            })?;
            put(out, "national-demand.csv", |f| {
                demand::national_csv(&report, f, style)
            })?;
            put(out, "departmental-demand.csv", |f| {
                demand::departments_csv(&report, f, style)
            })?;
            put(out, "national-demand.html", |f| {
                f.write_all(html::demand_html(&report).as_bytes())
                    .map_err(parcours_report::Error::from)
            })?;
            stream.finish()
        },
    );
    rest?;
    book?;
    let _ = std::fs::remove_dir_all(&scratch);
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
        left_out,
        failed: failures.len(),
        failures,
        skipped,
        outputs,
    };
    let failed = summary.failed;
    let text = serde_json::to_string_pretty(&summary)
        .map_err(|e| Failure::Internal(e.to_string()))?
        + "\n";
    put(out, "summary.json", |f| {
        f.write_all(text.as_bytes())
            .map_err(parcours_report::Error::from)
    })?;
    folder.commit().map_err(Failure::Internal)?;
    time.reports = t.elapsed();
    time.cpu[2] = cpu_seconds();
    if left_out > 0 {
        eprintln!(
            "{} hors des départements retenus, non planifié{}",
            if left_out > 1 {
                format!("{left_out} profils")
            } else {
                "1 profil".to_owned()
            },
            if left_out > 1 { "s" } else { "" }
        );
    }
    eprintln!(
        "{} sur {} ({} en échec) ; résultats dans {}",
        if summary.planned > 1 {
            format!("{} profils planifiés", summary.planned)
        } else {
            format!("{} profil planifié", summary.planned)
        },
        summary.profiles,
        failed,
        target.display()
    );
    if timings {
        let s = |d: std::time::Duration| format!("{} s", decimal(d.as_secs_f64(), 2));
        eprintln!(
            "durées : planification et totaux (en parallèle) {}, écriture des plans dans l'ordre (en série) {}, regroupement, pooling.csv et tableaux de demande {}, autres rapports {}, total {}",
            s(time.plan),
            s(time.write),
            s(time.pool),
            s(time.reports),
            s(started.elapsed())
        );
        {
            let m = totals_memo;
            eprintln!(
                "profils : {} planifiés, {} repris de profils identiques au nom, au lieu et aux prix près ({} gardés, {} Mio)",
                m.misses,
                m.hits,
                m.entries,
                decimal(m.bytes as f64 / 1048576.0, 1)
            );
        }
        {
            let m = memo;
            eprintln!(
                "calendriers : {} calculés, {} repris de problèmes identiques ({} gardés, {} Mio)",
                m.misses,
                m.hits,
                m.entries,
                decimal(m.bytes as f64 / 1048576.0, 1)
            );
        }
        if let [Some(a), Some(b), Some(c)] = time.cpu {
            eprintln!(
                "temps processeur : planification {} s, regroupement, pooling.csv et tableaux de demande {} s, autres rapports {} s",
                decimal(a, 2),
                decimal(b - a, 2),
                decimal(c - b, 2)
            );
        }
    }
    Ok(failed)
}

/// `n` with a no-break space between thousands, as French readers write it (`43 424`).
fn thousands(n: u64) -> String {
    parcours_graph::diagnostic::grouped_digits(n, '\u{a0}')
}

/// `x` with `places` decimals and a decimal comma, as French readers write it (`0,06`).
fn decimal(x: f64, places: usize) -> String {
    format!("{x:.places$}").replace('.', ",")
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

#[cfg(test)]
mod tests {
    use super::{decimal, thousands, time_left};
    use std::time::Duration;

    #[test]
    fn time_left_is_said_in_french() {
        assert_eq!(time_left(Duration::from_secs(12)), "encore 12 s");
        assert_eq!(time_left(Duration::from_secs(125)), "encore 3 min");
        assert_eq!(
            time_left(Duration::from_secs(3 * 3600 + 5 * 60)),
            "encore 3 h 05"
        );
    }

    #[test]
    fn thousands_are_spaced() {
        assert_eq!(thousands(43_424), "43\u{a0}424");
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn decimals_are_written_with_a_comma() {
        assert_eq!(decimal(0.0625, 2), "0,06");
        assert_eq!(decimal(12.0, 1), "12,0");
        assert_eq!(decimal(3.456, 0), "3");
    }
}
