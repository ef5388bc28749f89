//! The command-line grammar (clap). Types here are grammar only; `lib.rs` turns them into calls.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use parcours_graph::diagnostic::french_number;
use parcours_graph::vocab::Modality;
use parcours_graph::vocab::{Category, Horizon, Maturity};
use parcours_planner::profile::CollectivityKind;
use parcours_report::csv_out::CsvStyle;
use std::path::PathBuf;

/// parcours — plans de formation pour les collectivités territoriales, à partir de l'étude du
/// CNFPT sur la transition numérique des métiers territoriaux (41 préconisations, 5 effets
/// recherchés).
#[derive(Debug, Parser)]
#[command(
    name = "parcours",
    version,
    about = "parcours — plans de formation pour les collectivités territoriales, à partir de l'étude du CNFPT sur la transition numérique des métiers territoriaux (41 préconisations, 5 effets recherchés).",
    long_about = None
)]
pub struct Cli {
    /// Dossier de données de référence (fichiers RON) à utiliser à la place de la copie
    /// intégrée. Un fichier absent de DOSSIER est pris dans les données intégrées : DOSSIER peut
    /// ne contenir que `classification.ron`, par exemple.
    #[arg(long, global = true, value_name = "DOSSIER")]
    pub data: Option<PathBuf>,

    /// Ce qu'il faut faire.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Charger et vérifier les données de référence ; afficher le nombre d'enregistrements de
    /// chaque sorte.
    Validate {
        /// Format de sortie.
        #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
        format: SummaryFormat,
    },
    /// Lister les préconisations de l'étude.
    Recommendations {
        /// Seulement les préconisations de cet effet (1 à 5).
        #[arg(long, value_name = "N", value_parser = whole::<u16>)]
        effect: Option<u16>,
        /// Seulement celles de court terme (0 à 5 ans) ou de long terme (5 à 10 ans).
        #[arg(long, value_name = "HORIZON", value_parser = choice::<Horizon>())]
        horizon: Option<Horizon>,
        /// Seulement les préconisations prioritaires (➔).
        #[arg(long)]
        priority: bool,
        /// Format de sortie.
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
        /// Écrire dans FICHIER plutôt que sur la sortie standard (d'un seul coup, sans fichier à
        /// moitié écrit).
        #[arg(short, long, value_name = "FICHIER")]
        output: Option<PathBuf>,
    },
    /// Lister les métiers.
    Metiers {
        /// Seulement les métiers de cette catégorie de la préconisation 23.
        #[arg(long, value_name = "CATÉGORIE", value_parser = choice::<Category>())]
        category: Option<Category>,
        /// Seulement les métiers de ce groupe de la préconisation 23 (par exemple
        /// `relation-usagers`).
        #[arg(long, value_name = "GROUPE")]
        group: Option<String>,
        /// Seulement les métiers dont le nom, un intitulé courant ou l'identifiant contient
        /// ces mots (« jardinier », « ATSEM », « instructeur urbanisme »).
        #[arg(long, value_name = "TEXTE")]
        search: Option<String>,
        /// Format de sortie.
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
        /// Écrire dans FICHIER plutôt que sur la sortie standard (d'un seul coup, sans fichier à
        /// moitié écrit).
        #[arg(short, long, value_name = "FICHIER")]
        output: Option<PathBuf>,
    },
    /// Afficher un enregistrement et ses voisins dans le graphe : une préconisation (`23` ou
    /// `R23`), un effet (`E2`), un métier, une compétence, un module ou un groupe. Préfixez par
    /// `metier:`, `competency:`, `module:` ou `group:` quand un identifiant est ambigu.
    Show {
        /// L'identifiant à afficher.
        #[arg(value_name = "ID")]
        id: String,
        /// Format de sortie.
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
    /// Planifier la formation d'une collectivité à partir de son profil (RON ou JSON) :
    /// besoins, parcours, calendrier année par année dans le budget, besoins non financés,
    /// indicateurs, reconversions.
    Plan {
        /// Le fichier de profil (`.ron` ou `.json` ; `parcours profile init` en écrit un pour
        /// commencer).
        #[arg(value_name = "PROFIL")]
        profile: PathBuf,
        /// Format de sortie.
        #[arg(long, value_enum, default_value_t = PlanFormat::Table)]
        format: PlanFormat,
        /// Écrire dans FICHIER plutôt que sur la sortie standard (d'un seul coup, sans fichier à
        /// moitié écrit).
        #[arg(short, long, value_name = "FICHIER")]
        output: Option<PathBuf>,
        /// Budget de formation entier, en jours-stagiaires par an, au lieu de
        /// `budget.days_per_year` du profil : la réserve des formations statutaires et la part
        /// du numérique du profil s'y appliquent comme au budget du profil.
        #[arg(long, value_name = "N", value_parser = whole::<u32>)]
        budget_days: Option<u32>,
        /// Horizon en années (1 à 30), au lieu de celui du profil.
        #[arg(long, value_name = "N", value_parser = whole::<u16>)]
        horizon: Option<u16>,
        /// Dit pourquoi chaque ligne est au plan : avec `--format table`, ses préconisations,
        /// la catégorie de ses métiers (préconisation 23) et son score ; avec `--format md` ou
        /// `html`, le détail du score, composante par composante (refusé avec csv, xlsx, json).
        #[arg(long)]
        explain: bool,
        /// Largeur des tableaux, en colonnes (40 à 1000 ; `--format table` seulement) ; sinon,
        /// celle du terminal, ou 100 quand la sortie n'est pas un terminal (fichier, tube).
        #[arg(long, value_name = "N", value_parser = table_width)]
        width: Option<u16>,
        /// Variante de CSV (avec `--format csv`).
        #[arg(
            long,
            value_name = "STYLE",
            value_parser = choice::<CsvStyle>(),
            default_value = CsvStyle::Standard.key()
        )]
        csv_style: CsvStyle,
        /// La partie du rapport à écrire (avec `--format table`, `md` ou `html`) : la synthèse
        /// pour l'exécutif (au plus 6 pages A4 : ce que le plan ne fait pas, synthèse, totaux
        /// par année, préconisations prioritaires, par groupe de métiers), l'annexe (les
        /// tableaux détaillés) ou les deux. Le CSV, le classeur et le JSON gardent tout.
        #[arg(long, value_enum, value_name = "PARTIE", default_value = "full")]
        part: PlanPart,
    },
    /// La courbe de budget d'un profil : ce que permet chaque budget annuel en
    /// jours-stagiaires, de 0 jusqu'au budget au-delà duquel le plan ne s'améliore plus (ou
    /// --max-days), par paliers réguliers ; chaque palier garde le meilleur plan trouvé à son
    /// budget ou à un budget inférieur.
    BudgetCurve {
        /// Le fichier de profil (`.ron` ou `.json`).
        #[arg(value_name = "PROFIL")]
        profile: PathBuf,
        /// Nombre de paliers entre 0 et le dernier budget (1 à 100 ; un plan par palier).
        #[arg(long, value_name = "N", value_parser = whole::<u32>, default_value_t = parcours_planner::curve::DEFAULT_STEPS)]
        steps: u32,
        /// Le dernier budget, en jours-stagiaires par an (sans cette option : le budget au-delà
        /// duquel le plan ne s'améliore plus).
        #[arg(long, value_name = "J", value_parser = whole::<u32>)]
        max_days: Option<u32>,
        /// Format de sortie.
        #[arg(long, value_enum, default_value_t = CurveFormat::Table)]
        format: CurveFormat,
        /// Écrire dans FICHIER plutôt que sur la sortie standard (d'un seul coup, sans fichier à
        /// moitié écrit).
        #[arg(short, long, value_name = "FICHIER")]
        output: Option<PathBuf>,
        /// Variante de CSV (avec `--format csv`).
        #[arg(
            long,
            value_name = "STYLE",
            value_parser = choice::<CsvStyle>(),
            default_value = CsvStyle::Standard.key()
        )]
        csv_style: CsvStyle,
    },
    /// Écrire un profil de départ, ou l'importer de l'export des agents d'un logiciel RH ou d'un
    /// tableur (CSV ou XLSX).
    Profile {
        /// Ce qu'il faut faire.
        #[command(subcommand)]
        command: ProfileCommand,
    },
    /// Afficher le schéma JSON du plan (`--format json` de `plan`), d'un profil ou de la courbe
    /// de budget (`--format json` de `budget-curve`).
    Schema {
        /// Quel schéma.
        #[arg(value_enum, value_name = "SCHÉMA")]
        which: SchemaKind,
        /// Écrire dans FICHIER plutôt que sur la sortie standard (d'un seul coup, sans fichier à
        /// moitié écrit).
        #[arg(short, long, value_name = "FICHIER")]
        output: Option<PathBuf>,
    },
    /// Écrire un profil par employeur territorial français, sur la carte réelle (communes,
    /// intercommunalités, départements, régions, CCAS, SDIS) : noms, codes et populations
    /// réels, effectifs estimés ; reproductibles à partir d'une graine, pour les traitements
    /// par lot et les mesures de performance.
    Synth {
        /// Nombre de profils : N employeurs pris à intervalles réguliers dans la liste (sans
        /// cette option : tous).
        #[arg(long, value_name = "N", value_parser = whole::<u64>)]
        count: Option<u64>,
        /// Graine du générateur.
        #[arg(long, value_name = "G", value_parser = whole::<u64>, default_value_t = 1)]
        seed: u64,
        /// Dossier où les écrire : nouveau, vide, ou résultat d'un `synth` précédent, remplacé en
        /// entier à la fin du traitement.
        #[arg(long, value_name = "DOSSIER")]
        out: PathBuf,
        /// Année civile de la première année des plans.
        #[arg(long, value_name = "ANNÉE", value_parser = whole::<u16>, default_value_t = 2027)]
        first_year: u16,
        /// Format des fichiers.
        #[arg(long, value_enum, default_value_t = ProfileFormat::Ron)]
        format: ProfileFormat,
        /// Écrire dans DOSSIER même s'il contient d'autres fichiers que des profils fictifs (les
        /// fichiers de même nom sont remplacés, les autres laissés tels quels).
        #[arg(long)]
        force: bool,
    },
    /// Planifier de nombreux profils en parallèle ; écrire le calendrier de chaque plan, la
    /// demande nationale et départementale, et le regroupement des sessions incomplètes.
    Batch {
        /// Fichiers de profils, ou dossiers de profils `.ron` / `.json`.
        #[arg(required = true, value_name = "DOSSIER|FICHIERS")]
        inputs: Vec<PathBuf>,
        /// Dossier des résultats : nouveau, vide, ou résultat d'un `batch` précédent, remplacé en
        /// entier à la fin du traitement (conservé si tous les profils échouent).
        #[arg(long, value_name = "DOSSIER")]
        out: PathBuf,
        /// Nombre de fils de calcul, de 1 à 256 (sans cette option : les cœurs de la machine).
        #[arg(long, value_name = "N", value_parser = whole::<usize>)]
        jobs: Option<usize>,
        /// Format des résultats par profil (`plans.jsonl` ou `sessions.csv`).
        #[arg(long, value_enum, default_value_t = BatchFormat::Json)]
        format: BatchFormat,
        /// Variante des fichiers CSV (`sessions.csv`, `national-demand.csv`,
        /// `departmental-demand.csv`, `pooling.csv`).
        #[arg(
            long,
            value_name = "STYLE",
            value_parser = choice::<CsvStyle>(),
            default_value = CsvStyle::Standard.key()
        )]
        csv_style: CsvStyle,
        /// Ne retenir que les collectivités des départements de cette région (code INSEE :
        /// « 53 » pour la Bretagne).
        #[arg(long, value_name = "CODE")]
        region: Option<String>,
        /// Ne retenir que les collectivités de ce département (code INSEE : « 35 », « 2A »).
        #[arg(long, value_name = "CODE")]
        department: Option<String>,
        /// Ne retenir que les sessions de ce module.
        #[arg(long, value_name = "MODULE")]
        module: Option<String>,
        /// Ne retenir que les sessions de cette modalité.
        #[arg(long, value_name = "MODALITÉ", value_parser = modality)]
        modality: Option<Modality>,
        /// Ne retenir que les sessions de cette année civile.
        #[arg(long, value_name = "ANNÉE", value_parser = whole::<u16>)]
        year: Option<u16>,
        /// Part du budget de formation de chaque collectivité ouverte au plan numérique, en
        /// pourcentage (1 à 100), la même pour tous les profils de ce traitement, à la place de
        /// celle de chaque profil (`digital_share_percent`) : pour comparer le volume national
        /// à la capacité de formation selon la part retenue.
        #[arg(long, value_name = "POURCENTAGE", value_parser = percent)]
        budget_share: Option<u32>,
        /// Le dossier des résultats d'un `batch` précédent (ou son `national-demand.json`),
        /// par exemple avec une autre `--budget-share` : les rapports mettent ses totaux et ses
        /// jours-stagiaires par année face à ceux de ce traitement, avec l'écart.
        #[arg(long, value_name = "DOSSIER")]
        compare: Option<PathBuf>,
        /// Afficher sur la sortie d'erreur la durée de chaque étape (planification,
        /// fusion, regroupement, rapports).
        #[arg(long)]
        timings: bool,
        /// Écrire dans DOSSIER même s'il contient d'autres fichiers qu'un résultat de `batch`
        /// (les fichiers de même nom sont remplacés, les autres laissés tels quels).
        #[arg(long)]
        force: bool,
    },
    /// Servir l'API HTTP de parcours (plans, courbes de budget, import des exports RH, données
    /// de référence) : une adresse à ouvrir dans le navigateur ou à appeler depuis un logiciel
    /// RH. Les fichiers envoyés restent en mémoire, rien n'est écrit sur le disque.
    Serve {
        /// L'adresse IP d'écoute. Par défaut la boucle locale (127.0.0.1) : seul cet ordinateur
        /// peut joindre le serveur. Toute autre adresse exige un jeton (--token).
        #[arg(long, value_name = "ADRESSE", value_parser = ip_address, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Le port d'écoute (0 : un port libre, choisi par le système et affiché).
        #[arg(long, value_name = "N", value_parser = whole::<u16>, default_value_t = 8080)]
        port: u16,
        /// Le jeton que chaque requête doit porter (en-tête « Authorization: Bearer JETON »), au
        /// moins 16 caractères ; à défaut, la variable d'environnement PARCOURS_TOKEN.
        /// Obligatoire hors de la boucle locale.
        #[arg(long, value_name = "JETON")]
        token: Option<String>,
        /// Le nombre de calculs (plans, courbes, imports) menés en même temps (par défaut : les
        /// cœurs de la machine).
        #[arg(long, value_name = "N", value_parser = whole::<usize>)]
        max_plans: Option<usize>,
        /// Le nombre de requêtes qui peuvent attendre un calcul libre ; au-delà, la réponse est
        /// 429 (serveur occupé).
        #[arg(long, value_name = "N", value_parser = whole::<usize>, default_value_t = 32)]
        queue: usize,
        /// Le délai accordé à une requête, en millisecondes ; au-delà, la réponse est 503.
        #[arg(long, value_name = "MS", value_parser = whole::<u64>, default_value_t = 30_000)]
        timeout_ms: u64,
    },
    /// Exporter le graphe (entier, ou autour d'un nœud) en Graphviz DOT, Mermaid ou JSON.
    Graph {
        /// Format de sortie.
        #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
        format: GraphFormat,
        /// Seulement ce nœud et ses voisins (mêmes identifiants que `show`).
        #[arg(long, value_name = "ID")]
        focus: Option<String>,
        /// Jusqu'à combien de liens du nœud de `--focus` aller.
        #[arg(long, default_value_t = 1, value_name = "N", value_parser = whole::<usize>, requires = "focus")]
        depth: usize,
        /// Écrire dans FICHIER plutôt que sur la sortie standard (d'un seul coup, sans fichier à
        /// moitié écrit).
        #[arg(short, long, value_name = "FICHIER")]
        output: Option<PathBuf>,
    },
}

/// The `profile` subcommands.
#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Écrire un profil de départ commenté (RON).
    Init {
        /// Écrire dans FICHIER plutôt que sur la sortie standard.
        #[arg(short, long, value_name = "FICHIER")]
        output: Option<PathBuf>,
        /// Remplacer FICHIER s'il existe.
        #[arg(long)]
        force: bool,
    },
    /// Importer l'export des agents d'un logiciel RH ou d'un tableur (CSV ou XLSX) : les
    /// intitulés de poste sont rapprochés des métiers, les colonnes nominatives écartées, le
    /// profil écrit avec ses commentaires.
    Import(crate::import::ImportArgs),
    /// Comme `profile import`, pour un fichier CSV (nom conservé pour les scripts existants) :
    /// une ligne par métier (`metier;effectif`) ou par agent ; les colonnes nominatives sont
    /// écartées.
    FromCsv {
        /// Le fichier CSV (séparé par `,`, `;` ou une tabulation ; UTF-8 ou Windows-1252).
        #[arg(value_name = "CSV")]
        csv: PathBuf,
        /// Écrire dans FICHIER plutôt que sur la sortie standard.
        #[arg(short, long, value_name = "FICHIER")]
        output: Option<PathBuf>,
        /// Remplacer FICHIER s'il existe.
        #[arg(long)]
        force: bool,
        /// Nom de la collectivité.
        #[arg(long, value_name = "NOM", default_value = "Collectivité importée")]
        name: String,
        /// Type de collectivité.
        #[arg(
            long,
            value_name = "TYPE",
            value_parser = choice::<CollectivityKind>(),
            default_value = CollectivityKind::Other.key()
        )]
        kind: CollectivityKind,
        /// Année civile de la première année du plan.
        #[arg(long, value_name = "ANNÉE", value_parser = whole::<u16>, default_value_t = 2027)]
        first_year: u16,
        /// Maturité numérique, pour les niveaux que le CSV ne donne pas.
        #[arg(
            long,
            value_name = "MATURITÉ",
            value_parser = choice::<Maturity>(),
            default_value = Maturity::Developing.key()
        )]
        maturity: Maturity,
        /// Format de sortie.
        #[arg(long, value_enum, default_value_t = ProfileFormat::Ron)]
        format: ProfileFormat,
        /// L'export des résultats d'une campagne Pix Orga de collecte de profils (CSV, tel que
        /// Pix Orga le télécharge) : les niveaux des agents qui ont envoyé leurs résultats.
        #[arg(long, value_name = "FICHIER")]
        pix: Option<PathBuf>,
        /// La colonne d'identifiant externe de l'export Pix (par exemple « Matricule ») ; par
        /// défaut, celle que l'export a en plus des colonnes de Pix.
        #[arg(long, value_name = "COLONNE", requires = "pix")]
        pix_id: Option<String>,
    },
}

/// Formats of per-profile batch results.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum BatchFormat {
    /// Un objet JSON par ligne (`plans.jsonl`).
    Json,
    /// Une ligne CSV par ligne de session (`sessions.csv`).
    Csv,
}

/// The JSON Schemas `parcours schema` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// Le plan (sortie de `plan --format json`).
    Plan,
    /// Un profil de collectivité (entrée de `plan`, en JSON).
    Profile,
    /// La courbe de budget (sortie de `budget-curve --format json`).
    BudgetCurve,
}

/// Formats of `budget-curve`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CurveFormat {
    /// Un tableau pour le terminal.
    Table,
    /// Un rapport Markdown.
    Md,
    /// Une page HTML autonome avec le graphique, imprimable.
    Html,
    /// Une ligne par palier.
    Csv,
    /// JSON (voir `parcours schema budget-curve`).
    Json,
}

/// The parts of `plan`'s reports to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PlanPart {
    /// La synthèse pour l'exécutif puis l'annexe.
    Full,
    /// La synthèse pour l'exécutif seule.
    Executive,
    /// L'annexe seule : les tableaux détaillés.
    Annex,
}

/// Formats of `plan`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    /// Des tableaux pour le terminal.
    Table,
    /// Un rapport Markdown.
    Md,
    /// Une page HTML autonome avec des graphiques, imprimable.
    Html,
    /// Une ligne par session et par métier, les colonnes d'un plan de formation.
    Csv,
    /// Un classeur Excel (demande `-o FICHIER`).
    Xlsx,
    /// JSON (le plan tel que le planificateur le définit ; voir `parcours schema plan`).
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
    /// Un tableau pour le terminal.
    Table,
    /// Markdown.
    Md,
    /// Une page HTML autonome.
    Html,
    /// JSON (une liste d'enregistrements).
    Json,
}

/// Formats of `validate`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    /// Texte simple.
    Text,
    /// Un objet JSON des décomptes.
    Json,
}

/// Formats of `show`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// Texte lisible (à la manière de Markdown).
    Text,
    /// JSON : l'enregistrement, ses voisins et ce qui s'en déduit.
    Json,
}

/// Formats of `graph`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// Graphviz DOT.
    Dot,
    /// Diagramme Mermaid.
    Mermaid,
    /// JSON : nœuds et liens.
    Json,
}

/// The command line as users see it: the grammar of [`Cli`] with every word clap writes on its
/// own in French (headings, usage, the help and version flags, default and possible values).
pub fn command() -> clap::Command {
    let root = Cli::command().disable_version_flag(true).arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help("Afficher la version"),
    );
    in_french(root)
}

/// Parses a command line with [`command`]; clap's errors (and requests for help or version)
/// are returned as they are, for `usage` to put into words.
pub fn parse_from<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let mut command = command();
    let matches = command.try_get_matches_from_mut(args)?;
    Cli::from_arg_matches(&matches).map_err(|e| e.with_cmd(&command))
}

/// `cmd` and its subcommands with French settings: see [`command`].
fn in_french(cmd: clap::Command) -> clap::Command {
    let cmd = cmd
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .subcommand_value_name("COMMANDE")
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Afficher l'aide (-h : résumé, --help : détail)"),
        )
        .mut_args(french_arg);
    let template = template(&cmd);
    cmd.help_template(template).mut_subcommands(in_french)
}

/// The help template of `cmd`: clap's default one with French headings, and only the sections
/// that have something in them.
fn template(cmd: &clap::Command) -> String {
    let mut t = String::from("{before-help}{about-with-newline}\nUtilisation : {usage}\n");
    if cmd.has_subcommands() {
        t.push_str("\nCommandes :\n{subcommands}\n");
    }
    if cmd.get_positionals().any(|a| !a.is_hide_set()) {
        t.push_str("\nArguments :\n{positionals}\n");
    }
    t.push_str("\nOptions :\n{options}{after-help}");
    t
}

/// An argument whose possible and default values are written in its help in French, rather
/// than by clap in English; numbers may be negative (for a French message, not clap's).
fn french_arg(a: Arg) -> Arg {
    if !a.get_action().takes_values() {
        return a;
    }
    let a = a.allow_negative_numbers(true);
    let values: Vec<PossibleValue> = a
        .get_possible_values()
        .into_iter()
        .filter(|v| !v.is_hide_set())
        .collect();
    let default: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if values.is_empty() && default.is_empty() {
        return a;
    }
    let mut short = a.get_help().map(ToString::to_string).unwrap_or_default();
    let mut long = a
        .get_long_help()
        .map(ToString::to_string)
        .unwrap_or_else(|| short.clone());
    if !values.is_empty() {
        let names: Vec<&str> = values.iter().map(PossibleValue::get_name).collect();
        // No-break spaces: clap never wraps the line inside the bracket's words.
        short.push_str(&format!(
            " [valeurs\u{a0}possibles\u{a0}: {}]",
            names.join(", ")
        ));
        long.push_str("\n\nValeurs possibles :");
        for v in &values {
            match v.get_help() {
                Some(h) => long.push_str(&format!("\n- {} : {h}", v.get_name())),
                None => long.push_str(&format!("\n- {}", v.get_name())),
            }
        }
    }
    if !default.is_empty() {
        let d = default.join(", ");
        short.push_str(&format!(" [par\u{a0}défaut\u{a0}: {d}]"));
        long.push_str(&format!("\n\n[par\u{a0}défaut\u{a0}: {d}]"));
    }
    a.hide_possible_values(true)
        .hide_default_value(true)
        .help(short)
        .long_help(long)
}

/// A whole number that an option takes, from 0 to `MAX`.
pub trait Whole: TryFrom<u64> + Clone + Send + Sync + 'static {
    /// The largest value.
    const MAX: u64;
}

impl Whole for u16 {
    const MAX: u64 = u16::MAX as u64;
}
impl Whole for u32 {
    const MAX: u64 = u32::MAX as u64;
}
impl Whole for u64 {
    const MAX: u64 = u64::MAX;
}
impl Whole for usize {
    const MAX: u64 = usize::MAX as u64;
}

/// Parses `--width`: a whole number of columns from 40 to 1000, with French messages.
pub fn table_width(text: &str) -> Result<u16, String> {
    let n: u16 = whole(text)?;
    if (40..=1000).contains(&n) {
        Ok(n)
    } else {
        Err("la largeur doit être comprise entre 40 et 1000 colonnes".into())
    }
}

/// Parses a modality from its French word (`présentiel`, `mixte`, `distanciel`, `tutorat`,
/// `autoformation`).
pub fn modality(text: &str) -> Result<Modality, String> {
    const ALL: [Modality; 5] = [
        Modality::InPerson,
        Modality::Blended,
        Modality::Remote,
        Modality::Tutoring,
        Modality::SelfTraining,
    ];
    ALL.into_iter()
        .find(|m| m.label() == text.trim())
        .ok_or_else(|| {
            let words: Vec<&str> = ALL.iter().map(|m| m.label()).collect();
            format!(
                "modalité inconnue ; valeurs possibles : {}",
                words.join(", ")
            )
        })
}

/// Parses a percentage from 1 to 100 (`30` or `30%`), with French messages.
pub fn percent(text: &str) -> Result<u32, String> {
    let n = whole::<u32>(text.strip_suffix('%').unwrap_or(text).trim_end())?;
    if (1..=100).contains(&n) {
        Ok(n)
    } else {
        Err(format!(
            "une part de {n} % est hors des limites ; donnez un pourcentage de 1 à 100"
        ))
    }
}

/// The parser of an IP address (`127.0.0.1`, `::1`, `0.0.0.0`), refusing anything else in
/// French.
pub fn ip_address(text: &str) -> Result<std::net::IpAddr, String> {
    text.parse().map_err(|_| {
        "une adresse IP est attendue, comme 127.0.0.1, 0.0.0.0 ou ::1 (sans port : --port le donne)"
            .to_owned()
    })
}

/// The parser of an option taking a whole number, refusing anything else in French: a
/// negative number, a number too large for the option, words or decimals.
pub fn whole<T: Whole>(text: &str) -> Result<T, String> {
    // The range of a 64-bit number is no help to anyone: "positif" says enough.
    let range = || match usize::try_from(T::MAX) {
        Ok(max) if T::MAX <= u64::from(u32::MAX) => format!("de 0 à {}", french_number(max)),
        _ => "positif".to_owned(),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(rest) = text.strip_prefix('-')
        && digits(rest)
    {
        return Err(format!(
            "les nombres négatifs ne sont pas admis ici ; donnez un nombre entier {}",
            range()
        ));
    }
    if !digits(text) {
        return Err(
            "un nombre entier est attendu, écrit en chiffres, sans espace, virgule ni point".into(),
        );
    }
    text.parse::<u64>()
        .ok()
        .filter(|n| *n <= T::MAX)
        .and_then(|n| T::try_from(n).ok())
        .ok_or_else(|| format!("nombre trop grand ; donnez un nombre entier {}", range()))
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
        command().debug_assert();
    }

    /// Every command, its path from the root (`parcours profile init`).
    fn every_command(cmd: &clap::Command, path: String, out: &mut Vec<(String, clap::Command)>) {
        out.push((path.clone(), cmd.clone()));
        for sub in cmd.get_subcommands() {
            every_command(sub, format!("{path} {}", sub.get_name()), out);
        }
    }

    /// The help of every command, short and long, holds none of clap's English words and has
    /// the French headings.
    #[test]
    fn every_help_is_in_french() {
        const ENGLISH: &[&str] = &[
            "Usage:",
            "Options:",
            "Commands:",
            "Arguments:",
            "Print help",
            "Print version",
            "Possible values",
            "possible values",
            "[default:",
            "[aliases:",
            "help for",
            "Print this message",
            "[OPTIONS]:",
        ];
        let mut root = command();
        root.build();
        let mut all = Vec::new();
        every_command(&root, "parcours".into(), &mut all);
        assert!(all.len() >= 14, "{} commands", all.len());
        for (path, mut cmd) in all {
            for (kind, text) in [
                ("-h", cmd.render_help().to_string()),
                ("--help", cmd.render_long_help().to_string()),
            ] {
                for word in ENGLISH {
                    assert!(!text.contains(word), "{path} {kind}: `{word}` in\n{text}");
                }
                assert!(text.contains("Utilisation : "), "{path} {kind}:\n{text}");
                assert!(text.contains("Options :"), "{path} {kind}:\n{text}");
                assert!(
                    text.contains("Afficher l'aide"),
                    "{path} {kind}: the help flag in French\n{text}"
                );
            }
        }
        let plan = root
            .find_subcommand_mut("plan")
            .unwrap()
            .render_long_help()
            .to_string();
        assert!(plan.contains("Valeurs possibles :\n"), "{plan}");
        assert!(plan.contains("[par\u{a0}défaut\u{a0}: table]"), "{plan}");
        assert!(plan.contains("- xlsx : Un classeur Excel"), "{plan}");
    }

    #[test]
    fn whole_numbers_are_refused_in_french() {
        assert_eq!(whole::<u16>("30"), Ok(30));
        assert_eq!(whole::<u32>("0"), Ok(0));
        assert!(
            whole::<u16>("-3")
                .unwrap_err()
                .starts_with("les nombres négatifs")
        );
        assert_eq!(
            whole::<u16>("70000").unwrap_err(),
            "nombre trop grand ; donnez un nombre entier de 0 à 65 535"
        );
        assert_eq!(
            whole::<u64>("-1").unwrap_err(),
            "les nombres négatifs ne sont pas admis ici ; donnez un nombre entier positif"
        );
        for bad in ["", "2,5", "2.5", "douze", "1 000", "+3"] {
            assert!(
                whole::<u32>(bad)
                    .unwrap_err()
                    .starts_with("un nombre entier est attendu"),
                "{bad}"
            );
        }
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
