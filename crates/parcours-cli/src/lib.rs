//! `parcours-cli`: the `parcours` command. The only crate that reads files, prints, and decides
//! exit codes: 0 success, 1 internal error, 2 bad input or usage.

pub mod args;
pub mod batch;
pub mod entry;
pub mod folder;
pub mod import;
pub mod input;
pub mod output;
pub mod render;
pub mod serve;
pub mod signals;
pub mod usage;

use args::{
    Cli, Command, CurveFormat, GraphFormat, ListFormat, PlanFormat, PlanPart, ProfileCommand,
    ProfileFormat, SchemaKind, ShowFormat, SummaryFormat,
};
use output::{Destination, Reads};
use parcours_graph::graph::{Node, ResolveError};
use parcours_graph::ids::{EffectNumber, GroupId};
use parcours_graph::sources::{Origin, Sources};
use parcours_graph::{Diagnostic, Graph, ReferenceData};
use parcours_import::formats::{self, Format};
use parcours_planner::check::CheckedProfile;
use parcours_planner::curve::{CurveError, CurveOptions, budget_curve};
use parcours_planner::left_out;
use parcours_planner::options::{OptionError, PlanOptions};
use parcours_planner::planner::Planner;
use parcours_report::part::{Part, ReportOptions};
use parcours_report::{csv_out, curve, export, html, plan_text, show, summary, views, xlsx};
use serde::Serialize;
use std::path::Path;
use std::process::ExitCode;

/// Exit code for success.
pub const EXIT_OK: u8 = 0;
/// Exit code for an internal error (a bug, an I/O failure on output).
pub const EXIT_INTERNAL: u8 = 1;
/// Exit code for bad input or usage.
pub const EXIT_BAD_INPUT: u8 = 2;

/// What can go wrong in a command, and how it is reported.
#[derive(Debug)]
pub enum Failure {
    /// Problems located in input files.
    Input {
        /// The problems.
        diagnostics: Vec<Diagnostic>,
        /// What was being read, in French with its article ("les données de référence", "le profil").
        what: String,
    },
    /// A usage error (unknown id, inconsistent options).
    Usage(String),
    /// Something that is not the user's fault.
    Internal(String),
    /// Bad input already reported on the way (batch failures): a closing line only.
    Reported(String),
}

impl Failure {
    fn code(&self) -> u8 {
        match self {
            Failure::Input { .. } | Failure::Usage(_) | Failure::Reported(_) => EXIT_BAD_INPUT,
            Failure::Internal(_) => EXIT_INTERNAL,
        }
    }

    fn render(&self) -> String {
        match self {
            Failure::Input { diagnostics, what } => render::diagnostics(diagnostics, what),
            Failure::Usage(m) => format!("erreur : {m}\n"),
            Failure::Internal(m) => format!("erreur interne : {m}\n"),
            Failure::Reported(m) => format!("erreur : {m}\n"),
        }
    }
}

/// Runs the command line of the current process.
pub fn main() -> ExitCode {
    let cli = match args::parse_from(std::env::args_os()) {
        Ok(cli) => cli,
        Err(e) => {
            let o = usage::outcome(&e);
            if o.to_stdout {
                print!("{}", o.text);
            } else {
                eprint!("{}", o.text);
            }
            return ExitCode::from(o.code);
        }
    };
    signals::install();
    match run(cli) {
        Ok(()) => ExitCode::from(EXIT_OK),
        Err(f) => {
            eprint!("{}", f.render());
            ExitCode::from(f.code())
        }
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<(), Failure> {
    let sources = input::sources(cli.data.as_deref()).map_err(|diagnostics| Failure::Input {
        diagnostics,
        what: "les données de référence".into(),
    })?;
    let data = ReferenceData::load(&sources).map_err(|d| Failure::Input {
        diagnostics: d.0,
        what: "les données de référence".into(),
    })?;
    let graph = Graph::new(&data);
    // Every file this run reads: no output may be one of them.
    let mut reads = Reads::default();
    for (_, s) in sources.iter() {
        if let Origin::File(p) = &s.origin {
            reads.add(Path::new(p));
        }
    }
    match cli.command {
        Command::Validate { format } => validate(&sources, &graph, format),
        Command::Recommendations {
            effect,
            horizon,
            priority,
            format,
            output,
        } => {
            let to = destination(output.as_deref(), &reads)?;
            if let Some(e) = effect
                && data.effect(EffectNumber(e)).is_none()
            {
                return Err(Failure::Usage(format!(
                    "--effect {e} : cet effet n'existe pas (l'étude compte les effets 1 à {})",
                    data.effects().len()
                )));
            }
            let filter = views::RecommendationFilter {
                effect: effect.map(EffectNumber),
                horizon,
                priority_only: priority,
            };
            let list = views::recommendation_views(&graph, &filter);
            let text = match format {
                ListFormat::Table => views::recommendations_table(&list, terminal_width()),
                ListFormat::Md => views::recommendations_md(&graph, &list),
                ListFormat::Html => html::recommendations_html(&graph, &list),
                ListFormat::Json => json(&list)?,
            };
            emit(&text, to.as_ref())
        }
        Command::Metiers {
            category,
            group,
            search,
            format,
            output,
        } => {
            let to = destination(output.as_deref(), &reads)?;
            if let Some(g) = &group
                && data.group(&GroupId::new(g.as_str())).is_none()
            {
                let known: Vec<&str> = data.groups().iter().map(|g| g.id.as_str()).collect();
                return Err(Failure::Usage(format!(
                    "--group {g} : groupe de métiers inconnu (groupes connus : {})",
                    known.join(", ")
                )));
            }
            let filter = views::MetierFilter {
                category,
                group: group.map(GroupId),
            };
            let mut list = views::metier_views(&graph, &filter);
            if let Some(text) = &search {
                views::search_metiers(&data, &mut list, text);
            }
            let text = match format {
                ListFormat::Table => views::metiers_table(&list, terminal_width()),
                ListFormat::Md => views::metiers_md(&graph, &list),
                ListFormat::Html => html::metiers_html(&graph, &list),
                ListFormat::Json => json(&list)?,
            };
            emit(&text, to.as_ref())
        }
        Command::Show { id, format } => {
            let node = resolve(&graph, &id)?;
            let text = match format {
                ShowFormat::Text => show::show_text(&graph, &node),
                ShowFormat::Json => json(&show::show_record(&graph, &node))?,
            };
            emit(&text, None)
        }
        Command::Plan {
            profile,
            format,
            output,
            budget_days,
            horizon,
            explain,
            width,
            csv_style,
            part,
        } => {
            let part = match part {
                PlanPart::Full => Part::Full,
                PlanPart::Executive => Part::Executive,
                PlanPart::Annex => Part::Annex,
            };
            if part != Part::Full
                && !matches!(
                    format,
                    PlanFormat::Table | PlanFormat::Md | PlanFormat::Html
                )
            {
                return Err(Failure::Usage(
                    "--part ne s'applique qu'aux rapports à lire (--format table, md ou html) ; le CSV, le classeur Excel et le JSON gardent toutes les lignes du plan".into(),
                ));
            }
            if explain
                && !matches!(
                    format,
                    PlanFormat::Table | PlanFormat::Md | PlanFormat::Html
                )
            {
                return Err(Failure::Usage(
                    "--explain ne s'applique qu'aux rapports à lire (--format table, md ou html) ; le JSON donne déjà le score de chaque ligne et ses composantes".into(),
                ));
            }
            if width.is_some() && format != PlanFormat::Table {
                return Err(Failure::Usage(
                    "--width ne s'applique qu'à --format table (les tableaux du terminal)".into(),
                ));
            }
            let options = PlanOptions {
                budget_days,
                horizon,
            };
            options.check().map_err(|e| {
                Failure::Usage(match e {
                    OptionError::Horizon(h) => format!("--horizon {h} : {e}"),
                    OptionError::BudgetDays(b) => format!("--budget-days {b} : {e}"),
                    _ => e.to_string(),
                })
            })?;
            reads.add(&profile);
            let to = destination(output.as_deref(), &reads)?;
            if format == PlanFormat::Xlsx && to.is_none() {
                return Err(Failure::Usage(
                    "--format xlsx produit un classeur Excel, qui ne s'affiche pas dans le terminal : donnez un fichier avec -o FICHIER".into(),
                ));
            }
            let p = read_profile(&data, &profile)?;
            // The temporary file exists from here: an interruption while rendering removes it.
            let mut file = to
                .as_ref()
                .map(output::AtomicFile::create)
                .transpose()
                .map_err(Failure::Internal)?;
            let p = p.with_options(&options).map_err(|e| {
                Failure::Usage(match e {
                    OptionError::BelowStatutoryReserve { reserve, .. } => format!(
                        "--budget-days {} : {e} ; donnez au moins {} jours, ou changez la section `statutory` du profil",
                        budget_days.unwrap_or(0),
                        reserve.ceil_whole()
                    ),
                    _ => e.to_string(),
                })
            })?;
            let planner = Planner::new(&graph);
            let mut result = planner.plan(&p);
            for w in parcours_planner::warnings::warnings(p.profile(), &result.statutory) {
                eprint!("{}", render::warning(&w));
            }
            let plans_nothing = result.years.iter().all(|y| y.sessions.is_empty());
            // What the plan leaves out, with the budget of the curve that would change it: a
            // plan per budget of the curve, for the `plan` command's reports only. A plan that
            // schedules nothing leaves everything out: its warnings above say why.
            left_out::thresholds(&planner, &p, &mut result.warnings);
            if !plans_nothing {
                for w in left_out::terminal(&result.warnings) {
                    eprint!("{}", render::warning(&w));
                }
            }
            // The executive part shows the budget curve: a plan per budget of the curve, for
            // the reports to read only.
            let readable = matches!(
                format,
                PlanFormat::Table | PlanFormat::Md | PlanFormat::Html
            );
            let curve = if readable && part.executive() && !plans_nothing {
                Some(
                    budget_curve(&planner, &p, &CurveOptions::default())
                        .map_err(|e| Failure::Internal(e.to_string()))?,
                )
            } else {
                None
            };
            let report = ReportOptions {
                explain,
                part,
                curve: curve.as_ref(),
            };
            let text = match format {
                PlanFormat::Table => {
                    let width = width.unwrap_or_else(|| table_width(to.is_none()));
                    plan_text::plan_table(&result, &data, width, &report)
                }
                PlanFormat::Md => plan_text::plan_md(&result, &data, &report),
                PlanFormat::Html => html::plan_html(&result, &data, &report),
                PlanFormat::Csv => csv_out::plan_csv(&result, &data, csv_style),
                PlanFormat::Json => json(&result)?,
                PlanFormat::Xlsx => {
                    let bytes = xlsx::plan_xlsx(&result, &data)
                        .map_err(|e| Failure::Internal(e.to_string()))?;
                    let Some(f) = file.as_mut() else {
                        return Err(Failure::Internal(
                            "classeur Excel sans fichier de sortie".into(),
                        ));
                    };
                    std::io::Write::write_all(f, &bytes)
                        .map_err(|e| Failure::Internal(f.error(&e)))?;
                    return commit(file);
                }
            };
            write_out(file, &text)
        }
        Command::BudgetCurve {
            profile,
            steps,
            max_days,
            format,
            output,
            csv_style,
        } => {
            let options = CurveOptions { steps, max_days };
            options.check().map_err(|e| {
                Failure::Usage(match e {
                    CurveError::Steps(n) => format!("--steps {n} : {e}"),
                    CurveError::MaxDays(d) => format!("--max-days {d} : {e}"),
                    _ => e.to_string(),
                })
            })?;
            reads.add(&profile);
            let to = destination(output.as_deref(), &reads)?;
            let p = read_profile(&data, &profile)?;
            let file = to
                .as_ref()
                .map(output::AtomicFile::create)
                .transpose()
                .map_err(Failure::Internal)?;
            let result = budget_curve(&Planner::new(&graph), &p, &options).map_err(|e| {
                Failure::Usage(match e {
                    CurveError::BelowReserve { max_days, .. } => {
                        format!("--max-days {max_days} : {e}")
                    }
                    _ => e.to_string(),
                })
            })?;
            let text = match format {
                CurveFormat::Table => curve::curve_table(&result, terminal_width()),
                CurveFormat::Md => curve::curve_md(&result),
                CurveFormat::Html => html::budget_curve_html(&result),
                CurveFormat::Csv => curve::curve_csv(&result, csv_style),
                CurveFormat::Json => json(&result)?,
            };
            write_out(file, &text)
        }
        Command::Profile { command } => match command {
            ProfileCommand::Init { output, force } => {
                refuse_overwrite(output.as_deref(), force)?;
                let to = destination(output.as_deref(), &reads)?;
                emit(formats::TEMPLATE, to.as_ref())
            }
            ProfileCommand::Import(args) => import::run(&data, args, &mut reads),
            ProfileCommand::FromCsv {
                csv,
                output,
                force,
                name,
                kind,
                first_year,
                maturity,
                format,
                pix,
                pix_id,
            } => import::run(
                &data,
                import::from_csv_args(
                    csv,
                    output,
                    force,
                    (name, kind, first_year, maturity),
                    format,
                    (pix, pix_id),
                ),
                &mut reads,
            ),
        },
        Command::Schema { which, output } => {
            let to = destination(output.as_deref(), &reads)?;
            emit(&schema(which)?, to.as_ref())
        }
        Command::Synth {
            count,
            seed,
            out,
            first_year,
            format,
            force,
        } => batch::synth(
            &data,
            &batch::SynthOptions {
                count,
                seed,
                first_year,
                format,
                force,
            },
            &out,
        ),
        Command::Batch {
            inputs,
            out,
            jobs,
            format,
            csv_style,
            region,
            department,
            module,
            modality,
            year,
            budget_share,
            compare,
            timings,
            force,
        } => {
            // Read first: a bad comparison stops the run before anything is planned.
            let compare = compare.as_deref().map(batch::other_run).transpose()?;
            let filter = batch::filter(
                &data,
                region.as_deref(),
                department.as_deref(),
                module.as_deref(),
                modality,
                year,
            )?;
            let planner = parcours_batch::Memoized::new(&graph);
            let failed = batch::batch(
                &data,
                &planner,
                &inputs,
                &out,
                &batch::BatchOptions {
                    jobs,
                    format,
                    csv_style,
                    filter,
                    budget_share,
                    compare,
                    timings,
                    force,
                },
            )?;
            if failed > 0 {
                Err(Failure::Reported(format!(
                    "{} profil{} en échec",
                    parcours_graph::diagnostic::french_number(failed),
                    if failed == 1 { "" } else { "s" }
                )))
            } else {
                Ok(())
            }
        }
        Command::Serve {
            bind,
            port,
            token,
            max_plans,
            queue,
            timeout_ms,
        } => serve::run(
            &graph,
            serve::Options {
                addr: std::net::SocketAddr::new(bind, port),
                token,
                max_plans,
                queue,
                timeout_ms,
            },
        ),
        Command::Graph {
            format,
            focus,
            depth,
            output,
        } => {
            let to = destination(output.as_deref(), &reads)?;
            let focus = focus.map(|f| resolve(&graph, &f)).transpose()?;
            let keep = export::selection(&graph, focus.as_ref(), depth);
            let text = match format {
                GraphFormat::Dot => export::to_dot(&graph, &keep),
                GraphFormat::Mermaid => export::to_mermaid(&graph, &keep),
                GraphFormat::Json => export::to_json(&graph, &keep),
            };
            emit(&text, to.as_ref())
        }
    }
}

/// The JSON Schema of the plan or of a profile, pretty-printed.
pub fn schema(which: SchemaKind) -> Result<String, Failure> {
    use parcours_server::routes::SchemaKind as Served;
    Ok(parcours_server::handlers::schema(match which {
        SchemaKind::Plan => Served::Plan,
        SchemaKind::Profile => Served::Profile,
        SchemaKind::BudgetCurve => Served::BudgetCurve,
    }))
}

fn read_profile(data: &ReferenceData, path: &Path) -> Result<CheckedProfile, Failure> {
    let file = path.display().to_string();
    let bad = |diagnostics: Vec<Diagnostic>| Failure::Input {
        diagnostics,
        what: "le profil".into(),
    };
    let text = input::read_text(path).map_err(|d| bad(vec![d]))?;
    formats::load(data, &file, &text, Format::detect(&file, &text)).map_err(bad)
}

fn refuse_overwrite(output: Option<&Path>, force: bool) -> Result<(), Failure> {
    match output {
        Some(p) if p.exists() && !force => Err(Failure::Usage(format!(
            "{} existe déjà : ajoutez --force pour le remplacer",
            p.display()
        ))),
        _ => Ok(()),
    }
}

/// Checks an output file before any work: a new file or a regular file that the run does not
/// read (see `output`).
fn destination(output: Option<&Path>, reads: &Reads) -> Result<Option<Destination>, Failure> {
    output
        .map(|p| Destination::check(p, reads).map_err(Failure::Usage))
        .transpose()
}

fn emit(text: &str, to: Option<&Destination>) -> Result<(), Failure> {
    output::emit(text, to).map_err(Failure::Internal)
}

/// Writes `text` to the temporary file opened before the work and puts it in place, or to
/// standard output when there is none.
fn write_out(file: Option<output::AtomicFile>, text: &str) -> Result<(), Failure> {
    match file {
        Some(mut f) => {
            std::io::Write::write_all(&mut f, text.as_bytes())
                .map_err(|e| Failure::Internal(f.error(&e)))?;
            commit(Some(f))
        }
        None => emit(text, None),
    }
}

fn commit(file: Option<output::AtomicFile>) -> Result<(), Failure> {
    file.map_or(Ok(()), |f| f.commit().map_err(Failure::Internal))
}

/// A profile that parcours writes must pass `plan`'s own checks: parsed back from the text
/// written and checked, or refused with the problems (nothing is written).
fn reads_back(
    data: &ReferenceData,
    from: &str,
    text: &str,
    format: ProfileFormat,
) -> Result<(), Failure> {
    let name = format!("profil produit à partir de {from}");
    let format = match format {
        ProfileFormat::Ron => Format::Ron,
        ProfileFormat::Json => Format::Json,
    };
    match formats::load(data, &name, text, format) {
        Ok(_) => Ok(()),
        Err(problems) => Err(Failure::Input {
            diagnostics: problems
                .into_iter()
                .map(|d| {
                    d.with_help(
                        "rien n'a été écrit : ce profil serait refusé par `parcours plan` ; corrigez le fichier d'entrée ou les options (--name, --first-year…)",
                    )
                })
                .collect(),
            what: "le profil produit".into(),
        }),
    }
}

fn json<T: Serialize>(value: &T) -> Result<String, Failure> {
    let mut s =
        serde_json::to_string_pretty(value).map_err(|e| Failure::Internal(e.to_string()))?;
    s.push('\n');
    Ok(s)
}

/// The width of the tables written to standard output.
fn terminal_width() -> u16 {
    table_width(true)
}

/// The width of tables when standard output is not a terminal (a file, a pipe), whatever the
/// environment says: the same input then gives the same bytes.
pub const FIXED_WIDTH: u16 = 100;

/// The width of tables: when they go to standard output and it is a terminal, its width
/// (`COLUMNS` when set, as shells export it and users override it, else the terminal's size),
/// at least 40; otherwise [`FIXED_WIDTH`].
fn table_width(to_stdout: bool) -> u16 {
    use std::io::IsTerminal;
    if !(to_stdout && std::io::stdout().is_terminal()) {
        return FIXED_WIDTH;
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<u16>().ok())
        .or_else(|| terminal_size::terminal_size().map(|(w, _)| w.0))
        .map_or(FIXED_WIDTH, |w| w.max(40))
}

fn resolve(graph: &Graph, id: &str) -> Result<Node, Failure> {
    graph.resolve(id).map_err(|e| match &e {
        ResolveError::Unknown {
            suggestion: Some(s),
            ..
        } => Failure::Usage(format!("{e} ; {s}")),
        ResolveError::Unknown { id, .. }
            if id
                .trim_start_matches(['R', 'r', 'E', 'e'])
                .parse::<u32>()
                .is_ok() =>
        {
            Failure::Usage(format!(
                "{e} : les préconisations sont numérotées de 1 à {}, les effets de E1 à E{}",
                graph.data().recommendations().len(),
                graph.data().effects().len()
            ))
        }
        _ => Failure::Usage(e.to_string()),
    })
}

fn validate(sources: &Sources, graph: &Graph, format: SummaryFormat) -> Result<(), Failure> {
    let summary = summary::data_summary(sources, graph);
    let text = match format {
        SummaryFormat::Json => json(&summary)?,
        SummaryFormat::Text => summary::summary_text(&summary),
    };
    emit(&text, None)
}
