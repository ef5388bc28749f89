//! `parcours profile import`: a staff export (CSV or XLSX) of HR software or a spreadsheet
//! turned into a commented profile. Its grammar ([`ImportArgs`]) and its run ([`run`]);
//! `profile from-csv` runs the same way ([`from_csv_args`]).

use crate::args::{ProfileFormat, choice};
use crate::output::Reads;
use crate::{Failure, destination, emit, input, json, reads_back, refuse_overwrite};
use clap::Args;
use parcours_batch::geography::{Geography, Place};
use parcours_graph::ReferenceData;
use parcours_graph::diagnostic::french_number;
use parcours_graph::vocab::Maturity;
use parcours_import::mapping::{self, Mapping};
use parcours_import::staff::{ImportOptions, Report, import_with_pix};
use parcours_import::{pix, table, written};
use parcours_planner::profile::CollectivityKind;
use std::path::{Path, PathBuf};

/// Les options de `parcours profile import`.
#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// L'export des agents : un CSV (séparé par des virgules, des points-virgules ou des
    /// tabulations ; UTF-8 ou Windows-1252) ou un classeur Excel (.xlsx). Une ligne par agent,
    /// ou une ligne par métier avec une colonne « Effectif ».
    #[arg(value_name = "FICHIER")]
    pub file: PathBuf,
    /// Écrire le profil dans FICHIER plutôt que sur la sortie standard.
    #[arg(short, long, value_name = "FICHIER")]
    pub output: Option<PathBuf>,
    /// Remplacer les fichiers de --output et de --mapping-out s'ils existent déjà.
    #[arg(long)]
    pub force: bool,
    /// La feuille du classeur à lire (par défaut, la première).
    #[arg(long, value_name = "NOM")]
    pub sheet: Option<String>,
    /// Un fichier de correspondance « titre;metier » (écrit par --mapping-out, complété) : le
    /// métier de chaque intitulé de poste qui n'est pas reconnu seul.
    #[arg(long, value_name = "FICHIER")]
    pub mapping: Option<PathBuf>,
    /// Écrire dans FICHIER le modèle de correspondance des intitulés de l'export, avec les
    /// métiers proches déjà proposés : à compléter, puis à donner à --mapping.
    #[arg(long, value_name = "FICHIER")]
    pub mapping_out: Option<PathBuf>,
    /// Écrire le profil sans les agents dont l'intitulé ne correspond à aucun métier (leur
    /// nombre est indiqué).
    #[arg(long)]
    pub ignore_unmatched: bool,
    /// Le nom de la collectivité.
    #[arg(long, default_value = "Collectivité importée")]
    pub name: String,
    /// Le type de collectivité.
    #[arg(
        long,
        value_parser = choice::<CollectivityKind>(),
        default_value = CollectivityKind::Other.key()
    )]
    pub kind: CollectivityKind,
    /// L'année civile de la première année du plan.
    #[arg(long, default_value_t = 2027)]
    pub first_year: u16,
    /// La maturité numérique, pour les niveaux que l'export ne donne pas.
    #[arg(
        long,
        value_parser = choice::<Maturity>(),
        default_value = Maturity::Developing.key()
    )]
    pub maturity: Maturity,
    /// Le nombre d'habitants.
    #[arg(long, value_name = "N")]
    pub population: Option<u32>,
    /// Le code INSEE de la commune (« 35238 », « 2A004 »), pour une commune ou son CCAS : le
    /// département, l'intercommunalité et, s'ils ne sont pas donnés, la population s'en
    /// déduisent sur la carte administrative.
    #[arg(long, value_name = "CODE")]
    pub commune: Option<String>,
    /// Le code INSEE du département (« 35 », « 2A », « 974 »).
    #[arg(long, value_name = "CODE")]
    pub department: Option<String>,
    /// Le SIREN de l'intercommunalité (« 243500139 »), pour mutualiser les sessions avec ses
    /// autres membres.
    #[arg(long, value_name = "SIREN")]
    pub intercommunality: Option<String>,
    /// Les encadrants à former (par défaut : la colonne « Encadrant » de l'export, sinon 0).
    #[arg(long, value_name = "N")]
    pub managers: Option<u32>,
    /// Les élus à former.
    #[arg(long, value_name = "N")]
    pub elected: Option<u32>,
    /// Les jours-stagiaires par an (par défaut : 2,2 par agent, la moyenne nationale).
    #[arg(long, value_name = "N")]
    pub days_per_year: Option<u32>,
    /// Le nombre maximal de jours de formation d'un agent dans l'année.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub max_days_per_agent: u32,
    /// Le coût en euros d'une journée-stagiaire chez un organisme payant.
    #[arg(long, value_name = "EUROS")]
    pub cost_per_day: Option<u32>,
    /// Le format du profil écrit.
    #[arg(long, value_enum, default_value_t = ProfileFormat::Ron)]
    pub format: ProfileFormat,
    /// L'export des résultats d'une campagne Pix Orga de collecte de profils (CSV, tel que Pix
    /// Orga le télécharge) : les niveaux des agents qui ont envoyé leurs résultats deviennent
    /// leurs niveaux actuels ; les autres restent estimés d'après la maturité. Les participants
    /// sont rattachés aux agents par l'identifiant (le matricule), sinon par nom et prénom ;
    /// noms et identifiants ne sont jamais recopiés.
    #[arg(long, value_name = "FICHIER")]
    pub pix: Option<PathBuf>,
    /// La colonne d'identifiant externe de l'export Pix (par exemple « Matricule ») ; par
    /// défaut, celle que l'export a en plus des colonnes de Pix.
    #[arg(long, value_name = "COLONNE", requires = "pix")]
    pub pix_id: Option<String>,
}

/// The arguments of `profile import` that `profile from-csv` stands for: the collectivity
/// (name, kind, first year, maturity) and the Pix export (file, external-id column).
pub fn from_csv_args(
    csv: PathBuf,
    output: Option<PathBuf>,
    force: bool,
    (name, kind, first_year, maturity): (String, CollectivityKind, u16, Maturity),
    format: ProfileFormat,
    (pix, pix_id): (Option<PathBuf>, Option<String>),
) -> ImportArgs {
    ImportArgs {
        file: csv,
        output,
        force,
        sheet: None,
        mapping: None,
        mapping_out: None,
        ignore_unmatched: false,
        name,
        kind,
        first_year,
        maturity,
        population: None,
        commune: None,
        department: None,
        intercommunality: None,
        managers: None,
        elected: None,
        days_per_year: None,
        max_days_per_agent: 5,
        cost_per_day: None,
        format,
        pix,
        pix_id,
    }
}

fn bad(diagnostics: Vec<parcours_graph::Diagnostic>, what: &str) -> Failure {
    Failure::Input {
        diagnostics,
        what: what.into(),
    }
}

/// The notes on the columns: those left aside, those of personal data dropped (once each).
fn column_notes(report: &Report) -> Vec<String> {
    let mut out = Vec::new();
    if !report.personal.is_empty() {
        out.push(format!(
            "note : colonnes de données personnelles écartées, jamais recopiées : {}",
            report.personal.join(", ")
        ));
    }
    if !report.ignored.is_empty() {
        out.push(format!(
            "note : colonnes non utilisées : {}",
            report.ignored.join(", ")
        ));
    }
    out
}

/// Looks `--commune` up on the map (read only then); an unknown code, or one outside
/// `--department`, is refused.
fn place(a: &ImportArgs) -> Result<Option<Place>, Failure> {
    let Some(code) = &a.commune else {
        return Ok(None);
    };
    Geography::france()
        .place(code, a.department.as_deref())
        .map(Some)
        .map_err(|e| Failure::Usage(e.french("--")))
}

/// Runs `profile import`.
pub fn run(data: &ReferenceData, a: ImportArgs, reads: &mut Reads) -> Result<(), Failure> {
    refuse_overwrite(a.output.as_deref(), a.force)?;
    // A mapping file may hold a year of the user's work: never replaced without --force.
    refuse_overwrite(a.mapping_out.as_deref(), a.force)?;
    if a.output.is_some() && a.output == a.mapping_out {
        return Err(Failure::Usage(
            "--output et --mapping-out désignent le même fichier : donnez-leur deux noms différents".into(),
        ));
    }
    reads.add(&a.file);
    if let Some(m) = &a.mapping {
        reads.add(m);
    }
    if let Some(p) = &a.pix {
        reads.add(p);
    }
    let to = destination(a.output.as_deref(), reads)?;
    let mapping_to = destination(a.mapping_out.as_deref(), reads)?;
    let file = a.file.display().to_string();
    let bytes = input::read_bytes(&a.file).map_err(|d| bad(vec![d], "l'export"))?;
    let table = table::read(&file, &bytes, a.sheet.as_deref()).map_err(|d| bad(d, "l'export"))?;
    let mapping: Option<Mapping> = match &a.mapping {
        None => None,
        Some(m) => {
            let name = m.display().to_string();
            let bytes =
                input::read_bytes(m).map_err(|d| bad(vec![d], "le fichier de correspondance"))?;
            Some(
                mapping::read(data, &name, &bytes)
                    .map_err(|d| bad(d, "le fichier de correspondance"))?,
            )
        }
    };
    let pix = match &a.pix {
        None => None,
        Some(p) => {
            let name = p.display().to_string();
            let bytes = input::read_bytes(p).map_err(|d| bad(vec![d], "l'export Pix"))?;
            let t = table::read(&name, &bytes, None).map_err(|d| bad(d, "l'export Pix"))?;
            Some(pix::read(data, &t, a.pix_id.as_deref()).map_err(|d| bad(d, "l'export Pix"))?)
        }
    };
    let place = place(&a)?;
    let opts = ImportOptions {
        name: a.name,
        kind: a.kind,
        first_year: a.first_year,
        maturity: a.maturity,
        population: a.population,
        commune: a.commune,
        department: a.department,
        intercommunality: a.intercommunality,
        managers: a.managers,
        elected_officials: a.elected,
        days_per_year: a.days_per_year,
        max_days_per_agent: a.max_days_per_agent,
        cost_per_day: a.cost_per_day,
        ignore_unmatched: a.ignore_unmatched,
    };
    let opts = match place {
        Some(p) => opts.placed(p.department, p.intercommunality, p.population),
        None => opts,
    };
    let result = import_with_pix(data, &table, &opts, mapping.as_ref(), pix.as_ref());
    let report = match &result {
        Ok(i) => &i.report,
        Err(f) => &f.report,
    };
    let mut notes = column_notes(report);
    notes.extend(report.notes.iter().cloned());
    if let Some(d) = &mapping_to {
        emit(&mapping::template(data, report, &file), Some(d))?;
        let unmatched = report.unmatched().len();
        notes.push(if unmatched > 0 {
            format!(
                "note : modèle de correspondance écrit dans {} : complétez la colonne « metier » des {unmatched} intitulé{} à compléter, puis relancez avec --mapping {}",
                d.shown().display(),
                if unmatched > 1 { "s" } else { "" },
                d.shown().display()
            )
        } else {
            format!(
                "note : correspondance des intitulés écrite dans {} : gardez-la pour l'export de l'an prochain (--mapping)",
                d.shown().display()
            )
        });
    }
    for n in &notes {
        eprintln!("{n}");
    }
    let imported = result.map_err(|f| bad(f.diagnostics, "l'export"))?;
    let out = match a.format {
        ProfileFormat::Ron => written::profile_ron(data, &imported, &file),
        ProfileFormat::Json => json(&imported.profile)?,
    };
    reads_back(data, &file, &out, a.format)?;
    emit(&out, to.as_ref())?;
    eprintln!(
        "{}",
        summary(
            &imported.report,
            imported.profile.staff.len(),
            to.as_ref().map(|d| d.shown())
        )
    );
    Ok(())
}

/// The closing line: agents, métiers, the share of agents matched with the reference data
/// alone.
fn summary(r: &Report, metiers: usize, to: Option<&Path>) -> String {
    let kept = r.agents - r.left_out;
    let share = (r.matched_by_reference * 100)
        .checked_div(r.agents)
        .unwrap_or(100);
    let place = to.map_or(String::new(), |p| format!(" dans {}", p.display()));
    format!(
        "profil écrit{place} : {} agent{} dans {metiers} métier{} ; {share} % des agents reconnus sans fichier de correspondance",
        french_number(kept as usize),
        if kept > 1 { "s" } else { "" },
        if metiers > 1 { "s" } else { "" },
    )
}
