//! The command-line grammar (clap). Types here are grammar only; `lib.rs` turns them into calls.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum};
use parcours_graph::vocab::{Category, Horizon, Maturity};
use parcours_planner::profile::CollectivityKind;
use parcours_report::csv_out::CsvStyle;
use std::path::PathBuf;

/// parcours — training plans for French local governments, from the CNFPT study on the digital
/// transition of the métiers territoriaux (41 recommendations, 5 desired effects).
#[derive(Debug, Parser)]
#[command(name = "parcours", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Directory of reference data (RON files) to use instead of the embedded copy. A file
    /// missing from DIR is taken from the embedded data, so DIR may hold only
    /// `classification.ron`, for example.
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load and check the reference data; print the number of records of every kind.
    Validate {
        /// Output format.
        #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
        format: SummaryFormat,
    },
    /// List the study's recommendations (préconisations).
    Recommendations {
        /// Only the recommendations of this effect (1 to 5).
        #[arg(long, value_name = "N")]
        effect: Option<u16>,
        /// Only short-term (0–5 years) or long-term (5–10 years) ones.
        #[arg(long, value_parser = choice::<Horizon>())]
        horizon: Option<Horizon>,
        /// Only the priority ones (➔).
        #[arg(long)]
        priority: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
        /// Write to FILE instead of standard output (atomically).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// List the job families (métiers).
    Metiers {
        /// Only the métiers of this category of recommendation 23.
        #[arg(long, value_parser = choice::<Category>())]
        category: Option<Category>,
        /// Only the métiers of this group of recommendation 23 (e.g. `relation-usagers`).
        #[arg(long, value_name = "G")]
        group: Option<String>,
        /// Seulement les métiers dont le nom, un intitulé courant ou l'identifiant contient
        /// ces mots (« jardinier », « ATSEM », « instructeur urbanisme »).
        #[arg(long, value_name = "TEXTE")]
        search: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
        /// Write to FILE instead of standard output (atomically).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Show one record and its neighbours in the graph: a recommendation (`23` or `R23`), an
    /// effect (`E2`), a métier, a competency, a module or a group id. Prefix with `metier:`,
    /// `competency:`, `module:` or `group:` when an id is ambiguous.
    Show {
        /// The id to show.
        id: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
    /// Plan the training of a collectivity from its profile (RON or JSON): needs, paths,
    /// a year-by-year schedule within the budget, unfunded needs, indicators, reconversions.
    Plan {
        /// The profile file (`.ron` or `.json`; `parcours profile init` writes a starting one).
        profile: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = PlanFormat::Table)]
        format: PlanFormat,
        /// Write to FILE instead of standard output (atomically).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Budget de formation entier, en jours-stagiaires par an, au lieu de
        /// `budget.days_per_year` du profil : la réserve des formations statutaires et la part
        /// du numérique du profil s'y appliquent comme au budget du profil.
        #[arg(long, value_name = "N")]
        budget_days: Option<u32>,
        /// Horizon in years (1 to 30), instead of the profile's.
        #[arg(long, value_name = "N")]
        horizon: Option<u16>,
        /// Show each line's score components and rationale.
        #[arg(long)]
        explain: bool,
        /// CSV dialect (with `--format csv`).
        #[arg(
            long,
            value_parser = choice::<CsvStyle>(),
            default_value = CsvStyle::Standard.key()
        )]
        csv_style: CsvStyle,
    },
    /// The budget curve of a profile: what each yearly budget of trainee-days buys, from 0 up
    /// to the budget beyond which the plan stops improving (or --max-days), in even steps, each
    /// step keeping the best plan found at its budget or a smaller one.
    BudgetCurve {
        /// The profile file (`.ron` or `.json`).
        profile: PathBuf,
        /// Steps between 0 and the last budget (1 to 100; one plan each).
        #[arg(long, value_name = "N", default_value_t = parcours_planner::curve::DEFAULT_STEPS)]
        steps: u32,
        /// The last budget, in trainee-days per year (default: the budget beyond which the
        /// plan stops improving).
        #[arg(long, value_name = "D")]
        max_days: Option<u32>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CurveFormat::Table)]
        format: CurveFormat,
        /// Write to FILE instead of standard output (atomically).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// CSV dialect (with `--format csv`).
        #[arg(
            long,
            value_parser = choice::<CsvStyle>(),
            default_value = CsvStyle::Standard.key()
        )]
        csv_style: CsvStyle,
    },
    /// Write a starting profile, or convert a CSV of staff into a profile.
    Profile {
        /// What to do.
        #[command(subcommand)]
        command: ProfileCommand,
    },
    /// Print the JSON Schema of the plan (`--format json` of `plan`), of a profile or of the
    /// budget curve (`--format json` of `budget-curve`).
    Schema {
        /// Which schema.
        #[arg(value_enum)]
        which: SchemaKind,
        /// Write to FILE instead of standard output (atomically).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Write realistic synthetic collectivity profiles (the mix of French employers), seeded
    /// and reproducible, for batch runs and benchmarks.
    Synth {
        /// Number of profiles.
        #[arg(long, value_name = "N")]
        count: u64,
        /// Seed of the generator.
        #[arg(long, value_name = "S", default_value_t = 1)]
        seed: u64,
        /// Directory to write them to: new, empty, or an earlier `synth` result, which is
        /// replaced whole when the run is over.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Calendar year of the plans' year 1.
        #[arg(long, default_value_t = 2027)]
        first_year: u16,
        /// File format.
        #[arg(long, value_enum, default_value_t = ProfileFormat::Ron)]
        format: ProfileFormat,
        /// Write into DIR even if it holds files that are not synthetic profiles (files of the
        /// same names are replaced, the others left alone).
        #[arg(long)]
        force: bool,
    },
    /// Plan many profiles in parallel; write each plan's schedule, the national and
    /// departmental demand, and the pooling of under-filled sessions.
    Batch {
        /// Profile files, or directories of `.ron` / `.json` profiles.
        #[arg(required = true, value_name = "DIR|FILES")]
        inputs: Vec<PathBuf>,
        /// Directory for the results: new, empty, or an earlier `batch` result, which is
        /// replaced whole when the run is over (kept if every profile fails).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Worker threads, 1 to 256 (default: the machine's cores).
        #[arg(long, value_name = "N")]
        jobs: Option<usize>,
        /// Format of the per-profile results (`plans.jsonl` or `sessions.csv`).
        #[arg(long, value_enum, default_value_t = BatchFormat::Json)]
        format: BatchFormat,
        /// Print the wall time of each phase (planning, merging, pooling, reports) to stderr.
        #[arg(long)]
        timings: bool,
        /// Write into DIR even if it holds files that are not a batch result (files of the
        /// same names are replaced, the others left alone).
        #[arg(long)]
        force: bool,
    },
    /// Export the graph (whole, or around one node) as Graphviz DOT, Mermaid or JSON.
    Graph {
        /// Output format.
        #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
        format: GraphFormat,
        /// Only this node and its neighbours (same ids as `show`).
        #[arg(long, value_name = "ID")]
        focus: Option<String>,
        /// How many edges away from the focus to include.
        #[arg(long, default_value_t = 1, value_name = "N", requires = "focus")]
        depth: usize,
        /// Write to FILE instead of standard output (atomically).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// The `profile` subcommands.
#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Write a commented starting profile (RON).
    Init {
        /// Write to FILE instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Overwrite FILE if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Importer l'export des agents d'un logiciel RH ou d'un tableur (CSV ou XLSX) : les
    /// intitulés de poste sont rapprochés des métiers, les colonnes nominatives écartées, le
    /// profil écrit avec ses commentaires.
    Import(crate::import::ImportArgs),
    /// Convert a CSV of staff (`metier,headcount[,<competency>...]`, or one row per agent)
    /// into a profile. Per-agent columns (names, ids) are dropped.
    FromCsv {
        /// The CSV file (`,` or `;` separated, UTF-8).
        csv: PathBuf,
        /// Write to FILE instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Overwrite FILE if it exists.
        #[arg(long)]
        force: bool,
        /// Name of the collectivity.
        #[arg(long, default_value = "Collectivité importée")]
        name: String,
        /// Kind of collectivity.
        #[arg(
            long,
            value_parser = choice::<CollectivityKind>(),
            default_value = CollectivityKind::Other.key()
        )]
        kind: CollectivityKind,
        /// Calendar year of the plan's year 1.
        #[arg(long, default_value_t = 2027)]
        first_year: u16,
        /// Digital maturity, for the levels the CSV does not give.
        #[arg(
            long,
            value_parser = choice::<Maturity>(),
            default_value = Maturity::Developing.key()
        )]
        maturity: Maturity,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ProfileFormat::Ron)]
        format: ProfileFormat,
    },
}

/// Formats of per-profile batch results.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum BatchFormat {
    /// One JSON object per line (`plans.jsonl`).
    Json,
    /// One CSV row per session line (`sessions.csv`).
    Csv,
}

/// The JSON Schemas `parcours schema` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// The plan (output of `plan --format json`).
    Plan,
    /// A collectivity profile (input of `plan`, in JSON).
    Profile,
    /// The budget curve (output of `budget-curve --format json`).
    BudgetCurve,
}

/// Formats of `budget-curve`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CurveFormat {
    /// A table for the terminal.
    Table,
    /// A Markdown report.
    Md,
    /// One self-contained HTML page with the chart, printable.
    Html,
    /// One row per step.
    Csv,
    /// JSON (see `parcours schema budget-curve`).
    Json,
}

/// Formats of `plan`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    /// Tables for the terminal.
    Table,
    /// A Markdown report.
    Md,
    /// One self-contained HTML page with charts, printable.
    Html,
    /// One row per session and métier, the columns of a French plan de formation.
    Csv,
    /// An Excel workbook (needs `-o FILE`).
    Xlsx,
    /// JSON (the plan as the planner defines it; see `parcours schema plan`).
    Json,
}

/// Formats of a written profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ProfileFormat {
    /// RON.
    Ron,
    /// JSON.
    Json,
}

/// Formats of list commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A table for the terminal.
    Table,
    /// Markdown.
    Md,
    /// A self-contained HTML page.
    Html,
    /// JSON (an array of records).
    Json,
}

/// Formats of `validate`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    /// Plain text.
    Text,
    /// JSON object of counts.
    Json,
}

/// Formats of `show`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// Readable text (Markdown-flavoured).
    Text,
    /// JSON: the record, its neighbours and derived facts.
    Json,
}

/// Formats of `graph`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// Graphviz DOT.
    Dot,
    /// Mermaid flowchart.
    Mermaid,
    /// JSON nodes and edges.
    Json,
}

/// A vocabulary of a library crate that an option takes by name: every value, the word for
/// each, and its help line. Options list their possible values from it (see [`choice`]), so a
/// value added to the library needs no edit here.
pub trait Choice: Copy + Send + Sync + 'static {
    /// Every value, in the order `--help` lists them.
    const VALUES: &'static [Self];
    /// The word the command line takes for it.
    fn word(self) -> &'static str;
    /// Its help line in `--help`.
    fn help_line(self) -> &'static str;
}

/// Implements [`Choice`] for library enums from their `ALL`, the method giving the word the
/// command line takes, and their `help`.
macro_rules! choice {
    ($($t:ty => $word:ident),* $(,)?) => {$(
        impl Choice for $t {
            const VALUES: &'static [Self] = &<$t>::ALL;
            fn word(self) -> &'static str {
                self.$word()
            }
            fn help_line(self) -> &'static str {
                self.help()
            }
        }
    )*};
}

choice! {
    CollectivityKind => key,
    Maturity => key,
    Horizon => key,
    Category => option_value,
    CsvStyle => key,
}

/// The parser of an option that takes a [`Choice`]: its words are the possible values, each
/// with its help line, and an unknown word is refused as for any list of possible values.
pub fn choice<T: Choice>() -> impl TypedValueParser<Value = T> {
    let values = T::VALUES
        .iter()
        .map(|v| PossibleValue::new(v.word()).help(v.help_line()));
    PossibleValuesParser::new(values).map(|word: String| {
        T::VALUES
            .iter()
            .copied()
            .find(|v| v.word() == word)
            .expect("a possible value names a value")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn grammar_is_consistent() {
        Cli::command().debug_assert();
    }

    /// Every value of a library vocabulary is taken by its word, and names itself.
    #[test]
    fn every_choice_parses_from_its_word() {
        fn each<T: Choice + PartialEq + std::fmt::Debug>() {
            let parser = choice::<T>();
            let command = clap::Command::new("parcours");
            for &v in T::VALUES {
                let word = std::ffi::OsStr::new(v.word());
                assert_eq!(parser.parse_ref(&command, None, word).ok(), Some(v));
            }
        }
        each::<CollectivityKind>();
        each::<Maturity>();
        each::<Horizon>();
        each::<Category>();
        each::<CsvStyle>();
    }
}
