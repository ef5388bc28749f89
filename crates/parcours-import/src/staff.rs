//! A staff export (a [`Table`]) turned into a profile: one row per agent, as HR software
//! exports them, or one row per métier with a headcount column.
//!
//! - The job-title column (« Métier », « Emploi », « Intitulé du poste », « Libellé emploi »,
//!   « Poste occupé », « Fonction »…) is matched to the reference métiers: through the user's
//!   mapping file first, then by id, name or alias ([`TitleMatcher`]). The titles that match
//!   nothing are reported once each, with their agents and the closest métiers.
//! - A headcount column (« Effectif », « Nombre d'agents ») makes each row a group of agents.
//! - Columns named after a competency id hold levels or Pix scores; a blank cell is an agent
//!   whose level is unknown, counted without level (the others keep their scores).
//! - An « Encadrant » column (oui / non) counts the managers.
//! - With the results of a Pix campaign ([`import_with_pix`], [`crate::pix`]), the agents they
//!   are joined to (by identifier, else by names) get their measured levels, counted per métier
//!   as `measured` levels; the other agents keep the maturity's. The staff export's own level
//!   columns for the same competencies are left aside.
//! - Every other column is left aside and named once; personal ones (names, birth dates,
//!   identifiers, e-mail, NIR…) are dropped as they are read and never quoted, not even in an
//!   error. Rows are added up per métier at once: nothing that names an agent reaches a plan.

use crate::mapping::Mapping;
use crate::pix::{Join, JoinReport, PixResults, StaffKeys};
use crate::table::{Row, Table};
use parcours_graph::ReferenceData;
use parcours_graph::diagnostic::{Diagnostic, Problems, french_number, quoted};
use parcours_graph::ids::{CompetencyId, MetierId};
use parcours_graph::model::Shares;
use parcours_graph::titles::{Suggestion, TitleMatcher, closest, key};
use parcours_graph::vocab::{Level, Maturity};
use parcours_planner::profile::{
    Budget, CollectivityKind, CurrentLevel, MeasuredBy, Profile, StaffLine, limits,
};
use std::collections::BTreeMap;

/// Training days per agent and year on average in 2019 (CNFPT), used for the default budget
/// (tenths of a day).
pub const NATIONAL_DAYS_PER_AGENT_X10: u64 = 22;

/// What the export does not say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportOptions {
    /// Name of the collectivity.
    pub name: String,
    /// Its kind.
    pub kind: CollectivityKind,
    /// Calendar year of year 1.
    pub first_year: u16,
    /// Digital maturity.
    pub maturity: Maturity,
    /// Inhabitants.
    pub population: Option<u32>,
    /// INSEE code of the commune (a commune's, or its CCAS's).
    pub commune: Option<String>,
    /// INSEE code of the département.
    pub department: Option<String>,
    /// Its intercommunality (its SIREN).
    pub intercommunality: Option<String>,
    /// Managers to train (instead of the « Encadrant » column).
    pub managers: Option<u32>,
    /// Elected officials to train.
    pub elected_officials: Option<u32>,
    /// Trainee-days a year (default: the national average per agent).
    pub days_per_year: Option<u32>,
    /// Most training days for one agent in a year.
    pub max_days_per_agent: u32,
    /// Euros per trainee-day at a paying provider.
    pub cost_per_day: Option<u32>,
    /// Leave out the rows whose title matches no métier instead of failing.
    pub ignore_unmatched: bool,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            name: "Collectivité importée".into(),
            kind: CollectivityKind::Other,
            first_year: 2027,
            maturity: Maturity::Developing,
            population: None,
            commune: None,
            department: None,
            intercommunality: None,
            managers: None,
            elected_officials: None,
            days_per_year: None,
            max_days_per_agent: 5,
            cost_per_day: None,
            ignore_unmatched: false,
        }
    }
}

impl ImportOptions {
    /// The options with what they leave empty taken from the commune's place on the
    /// administrative map (`--commune`, found by the caller): its department,
    /// intercommunality and legal population. Values given win over the map's.
    pub fn placed(
        mut self,
        department: String,
        intercommunality: Option<String>,
        population: u32,
    ) -> ImportOptions {
        self.department = self.department.or(Some(department));
        self.intercommunality = self.intercommunality.or(intercommunality);
        self.population = self.population.or(Some(population));
        self
    }
}

/// How a title found its métier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum How {
    /// The user's mapping file.
    Mapping,
    /// The reference data (id, name or alias).
    Reference,
    /// Not found.
    Unmatched,
}

/// One distinct job title of the export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Title {
    /// As first written in the export.
    pub title: String,
    /// Its métier, when found.
    pub metier: Option<MetierId>,
    /// How it was found.
    pub how: How,
    /// The closest métiers, for an unmatched title.
    pub suggestions: Vec<Suggestion>,
    /// Rows with this title.
    pub rows: usize,
    /// Agents on those rows.
    pub agents: u64,
    /// True when the reference data alone matches it (whatever the mapping file says).
    pub by_reference: bool,
    /// Line and column of its first cell.
    pub at: (usize, usize),
}

/// What the reading found besides the profile: for the messages and the mapping template.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Every distinct title, by key.
    pub titles: BTreeMap<String, Title>,
    /// Columns left aside (their headers), in file order.
    pub ignored: Vec<String>,
    /// Columns of personal data dropped (their headers), in file order.
    pub personal: Vec<String>,
    /// Notes for the user, in French.
    pub notes: Vec<String>,
    /// Rows read.
    pub rows: usize,
    /// Agents read.
    pub agents: u64,
    /// Agents whose title the reference data alone matches (with or without a mapping file).
    pub matched_by_reference: u64,
    /// Agents left out (unmatched titles with `ignore_unmatched`).
    pub left_out: u64,
    /// The header of the job-title column.
    pub title_column: String,
    /// The header of the managers column (empty without one).
    pub managers_column: String,
    /// True when the budget's days were given, not the national average.
    pub days_given: bool,
    /// True when the managers were given by option.
    pub managers_given: bool,
    /// True when the elected officials were given by option.
    pub elected_given: bool,
    /// With a Pix export: how its participants were joined to the rows.
    pub pix: Option<JoinReport>,
    /// With a Pix export: per métier, the agents whose levels were measured and the headcount.
    pub measured: BTreeMap<MetierId, (u64, u64)>,
}

impl Report {
    /// The distinct titles that matched nothing, most agents first.
    pub fn unmatched(&self) -> Vec<&Title> {
        let mut v: Vec<&Title> = self
            .titles
            .values()
            .filter(|t| t.metier.is_none())
            .collect();
        v.sort_by(|a, b| b.agents.cmp(&a.agents).then(a.title.cmp(&b.title)));
        v
    }

    /// Per métier, the titles of the export that led to it.
    pub fn titles_of(&self) -> BTreeMap<&MetierId, Vec<&str>> {
        let mut out: BTreeMap<&MetierId, Vec<&str>> = BTreeMap::new();
        for t in self.titles.values() {
            if let Some(m) = &t.metier {
                out.entry(m).or_default().push(t.title.as_str());
            }
        }
        out
    }
}

/// The import's result: the profile and what the reading found.
#[derive(Clone, Debug)]
pub struct Imported {
    /// The profile.
    pub profile: Profile,
    /// What the reading found.
    pub report: Report,
}

/// A failed import: the problems, and what the reading found (for the mapping template).
#[derive(Clone, Debug)]
pub struct Failed {
    /// The problems.
    pub diagnostics: Vec<Diagnostic>,
    /// What the reading found.
    pub report: Report,
}

/// Most unmatched titles given suggestions (those with the most agents): the diagnostics show
/// 50, the mapping template lists every title but suggests for these only.
pub const MAX_SUGGESTED: usize = 200;

/// Headers of the job-title column, by precedence (compared as keys, see [`key`]).
const TITLE_HEADERS: &[&[&str]] = &[
    &["metier", "code metier", "metier id"],
    &[
        "emploi",
        "intitule emploi",
        "libelle emploi",
        "emploi occupe",
        "emploi type",
    ],
    &[
        "intitule poste",
        "libelle poste",
        "poste occupe",
        "intitule metier",
        "libelle metier",
    ],
    &[
        "fonction",
        "intitule fonction",
        "libelle fonction",
        "fonction occupe",
        "job title",
        "title",
        "job",
    ],
    &["poste"],
];

/// Headers of a headcount column.
const HEADCOUNT_HEADERS: &[&str] = &[
    "headcount",
    "effectif",
    "nombre agent",
    "nb agent",
    "nombre",
];

/// Headers of a managers column (oui / non).
const MANAGER_HEADERS: &[&str] = &[
    "encadrant",
    "encadrement",
    "manager",
    "fonction encadrement",
    "encadre",
];

/// Headers of personal data (compared as keys, see [`key`]).
const PERSONAL_HEADERS: &[&str] = &[
    "id",
    "agent",
    "agent id",
    "name",
    "first name",
    "firstname",
    "last name",
    "lastname",
    "surname",
    "email",
    "e mail",
    "birth date",
    "age",
    "sexe",
    "genre",
    "civilite",
    "tel",
    "portable",
    "phone",
    "nationalite",
    "situation familiale",
    "iban",
    "rib",
    "code postal",
    "commune residence",
    "ville",
    "num",
    "numero",
    "n",
    "no",
    "nom prenom",
    "identite",
];

/// Words that make a header personal (« Nom d'usage », « Date de naissance », « N° INSEE »…).
const PERSONAL_WORDS: &[&str] = &[
    "nom",
    "prenom",
    "naissance",
    "matricule",
    "mail",
    "courriel",
    "telephone",
    "nir",
    "identifiant",
    "securite",
    "insee",
    "adresse",
    "domicile",
    "iban",
];

/// What a column holds.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Role {
    Title,
    Headcount,
    Level(CompetencyId),
    Managers,
    Personal,
    Ignored,
    /// A column that says what an earlier one says (a problem already reported).
    Twice,
}

/// The columns of the header, by role.
struct Columns {
    title: usize,
    headcount: Option<usize>,
    levels: Vec<(usize, CompetencyId)>,
    managers: Option<usize>,
    personal: Vec<bool>,
}

fn is_personal(k: &str) -> bool {
    let keys = |list: &'static [&'static str]| list.iter().map(|w| key(w));
    keys(PERSONAL_HEADERS).any(|h| h == k)
        || k.split(' ').any(|w| keys(PERSONAL_WORDS).any(|p| p == w))
}

/// Reads the header. Fails when no column holds the job titles, or a column says twice what
/// another says.
fn columns(
    data: &ReferenceData,
    table: &Table,
    report: &mut Report,
    problems: &mut Problems,
) -> Result<Columns, Vec<Diagnostic>> {
    let header = &table.header;
    if header.cells.iter().all(String::is_empty) {
        return Err(vec![table.at(
            1,
            1,
            None,
            "le fichier est vide : il faut une ligne d'en-tête, par exemple « Métier;Effectif »"
                .into(),
        )]);
    }
    let keys = header.keys(100, key);
    // The lists are compared as keys too (« libellé » reads `libel`).
    let is = |list: &[&str], k: &str| list.iter().any(|h| key(h) == k);
    let rank = |k: &str| TITLE_HEADERS.iter().position(|g| is(g, k));
    let best = keys.iter().filter_map(|k| rank(k)).min();
    let mut roles: Vec<Role> = Vec::with_capacity(keys.len());
    let mut first_of: BTreeMap<String, usize> = BTreeMap::new();
    let twice = |first: usize, i: usize| {
        let (a, b) = (header.cell(first), header.cell(i));
        let message = if a == b {
            format!("la colonne « {} » apparaît deux fois", quoted(b))
        } else {
            format!(
                "la colonne « {} » dit la même chose que la colonne « {} »",
                quoted(b),
                quoted(a)
            )
        };
        table
            .at(header.line, header.col(i), Some(b), message)
            .with_help(format!(
                "la première est la colonne {} : gardez-en une seule",
                first + 1
            ))
    };
    let mut title = None;
    for (i, k) in keys.iter().enumerate() {
        let raw = header.cell(i).to_lowercase();
        let competency = CompetencyId::new(raw.as_str());
        let role = if best.is_some() && rank(k) == best {
            if title.is_none() {
                title = Some(i);
                report.title_column = header.cell(i).to_owned();
                Role::Title
            } else if keys[title.unwrap_or(0)] == *k {
                problems.push(twice(title.unwrap_or(0), i));
                Role::Twice
            } else {
                Role::Ignored
            }
        } else if is(HEADCOUNT_HEADERS, k) {
            Role::Headcount
        } else if is(MANAGER_HEADERS, k) {
            Role::Managers
        } else if raw.len() <= 100 && data.competency(&competency).is_some() {
            Role::Level(competency)
        } else if !k.is_empty() && is_personal(k) {
            Role::Personal
        } else {
            let ids = data.competencies().competencies.iter();
            if raw.starts_with("pix")
                && raw.len() <= 100
                && let Some(c) = closest(&raw, ids.map(|c| c.id.as_str()))
            {
                problems.push(
                    table
                        .at(
                            header.line,
                            header.col(i),
                            Some(header.cell(i)),
                            format!(
                                "la colonne « {} » ressemble à la compétence `{c}` mais n'en est pas une",
                                quoted(header.cell(i))
                            ),
                        )
                        .with_help(format!(
                            "nommez-la `{c}` si elle donne les niveaux de cette compétence, ou renommez-la pour qu'elle soit laissée de côté"
                        )),
                );
            }
            Role::Ignored
        };
        // The same role twice (a headcount, managers or level column): which one is meant
        // cannot be known.
        let slot = match &role {
            Role::Headcount => Some("headcount".to_owned()),
            Role::Managers => Some("managers".to_owned()),
            Role::Level(c) => Some(c.as_str().to_owned()),
            _ => None,
        };
        let mut role = role;
        if let Some(s) = slot {
            if let Some(&first) = first_of.get(&s) {
                problems.push(twice(first, i));
                role = Role::Twice;
            } else {
                first_of.insert(s, i);
            }
        }
        roles.push(role);
    }
    let Some(title) = title else {
        problems.push(
            table
                .at(header.line, 1, None, "l'export n'a pas de colonne de métier".into())
                .with_help(
                    "nommez la colonne des intitulés de poste « Métier », « Emploi », « Intitulé du poste » ou « Fonction »",
                ),
        );
        return Err(std::mem::take(problems).into_vec());
    };
    let mut columns = Columns {
        title,
        headcount: None,
        levels: Vec::new(),
        managers: None,
        personal: Vec::new(),
    };
    for (i, role) in roles.into_iter().enumerate() {
        let name = header.cell(i);
        let shown = if name.is_empty() {
            format!("(colonne {} sans nom)", i + 1)
        } else {
            quoted(name).into_owned()
        };
        columns.personal.push(role == Role::Personal);
        match role {
            Role::Title | Role::Twice => {}
            Role::Headcount => {
                columns.headcount.get_or_insert(i);
            }
            Role::Managers => {
                if columns.managers.is_none() {
                    columns.managers = Some(i);
                    report.managers_column = name.to_owned();
                }
            }
            Role::Level(c) => {
                if !columns.levels.iter().any(|(_, k)| *k == c) {
                    columns.levels.push((i, c));
                }
            }
            Role::Personal => report.personal.push(shown),
            Role::Ignored => report.ignored.push(shown),
        }
    }
    Ok(columns)
}

/// The level a cell says (`None`: none), or an error message.
fn cell_level(data: &ReferenceData, v: &str) -> Result<Option<Level>, String> {
    let t = if v.len() <= 32 {
        v.to_lowercase()
    } else {
        String::new()
    };
    if let Some(l) = Level::parse(&t) {
        return Ok(Some(l));
    }
    if matches!(t.as_str(), "aucun" | "none" | "0" | "-") {
        return Ok(None);
    }
    if let Ok(p) = t.replace(",0", "").parse::<u8>()
        && p <= 8
    {
        return Ok(data.level_of_pix(p));
    }
    Err(format!(
        "« {} » n'est pas un niveau : socle, approfondissement, expertise, aucun, ou un score Pix de 0 à 8",
        quoted(v)
    ))
}

/// The agents a headcount cell stands for, or an error message.
fn headcount(v: &str) -> Result<u64, String> {
    let t: String = v
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}')
        .collect();
    let t = t
        .strip_suffix(",0")
        .or_else(|| t.strip_suffix(".0"))
        .unwrap_or(&t);
    match t.parse::<u64>() {
        Ok(n) if n <= u64::from(limits::MAX_HEADCOUNT) => Ok(n),
        Ok(n) => Err(format!(
            "{} agents sur une ligne, ce n'est pas plausible (au plus {})",
            french_number(n as usize),
            french_number(limits::MAX_HEADCOUNT as usize)
        )),
        Err(_) => Err(format!(
            "l'effectif « {} » n'est pas un nombre entier d'agents",
            quoted(v)
        )),
    }
}

/// Whether a managers cell says yes, or an error message.
fn yes(v: &str) -> Result<bool, String> {
    match v.to_lowercase().as_str() {
        "oui" | "o" | "x" | "1" | "vrai" | "yes" | "true" => Ok(true),
        "non" | "n" | "" | "0" | "faux" | "no" | "false" | "-" => Ok(false),
        _ => Err(format!(
            "« {} » : écrivez oui ou non (encadrant ou pas)",
            quoted(v)
        )),
    }
}

/// Per métier: agents, and per competency the agents at each level and those unknown; the
/// agents measured by Pix, and per competency the measured agents at each level.
#[derive(Default)]
struct Aggregate {
    agents: u64,
    levels: BTreeMap<CompetencyId, ([u64; 4], u64)>,
    measured_agents: u64,
    measured: BTreeMap<CompetencyId, [u64; 4]>,
}

/// A Pix export joined to the rows as they are read.
struct PixJoin<'p> {
    join: Join<'p>,
    keys: StaffKeys,
    pix: &'p PixResults,
}

/// The problems of a staff export that a Pix export cannot be joined to: no column to join
/// by, a headcount column (rows that are not agents). True when there is one.
fn pix_problems(
    table: &Table,
    columns: &Columns,
    pix: &PixResults,
    keys: &StaffKeys,
    problems: &mut Problems,
) -> bool {
    let header = &table.header;
    let mut found = false;
    if keys.id.is_none() && (keys.first.is_none() || keys.last.is_empty()) {
        found = true;
        problems.push(
            table
                .at(
                    header.line,
                    1,
                    None,
                    "--pix : l'export du personnel n'a ni colonne d'identifiant (« Matricule ») ni colonnes « Nom » et « Prénom » : les résultats Pix ne peuvent être rattachés à aucun agent".into(),
                )
                .with_help(match &pix.id_column {
                    Some(c) => format!(
                        "ajoutez à l'export du personnel la colonne « {} » de l'export Pix, ou les colonnes « Nom » et « Prénom »",
                        quoted(c)
                    ),
                    None => "ajoutez à l'export du personnel les colonnes « Nom » et « Prénom » des agents".into(),
                }),
        );
    }
    if let Some(c) = columns.headcount {
        found = true;
        problems.push(
            table
                .at(
                    header.line,
                    header.col(c),
                    Some(header.cell(c)),
                    "--pix : les résultats Pix se rattachent à des agents, et cet export compte des effectifs par ligne".into(),
                )
                .with_help("donnez l'export d'une ligne par agent, avec son matricule ou ses nom et prénom"),
        );
    }
    found
}

/// The staff export's level columns of competencies the Pix export measures: left aside, with
/// a note (the campaign's results are newer than a column typed by hand).
fn pix_replaces(table: &Table, columns: &mut Columns, pix: &PixResults, report: &mut Report) {
    let header = &table.header;
    let (replaced, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut columns.levels)
        .into_iter()
        .partition(|(_, c)| pix.competences.contains(c));
    columns.levels = kept;
    if !replaced.is_empty() {
        let names = replaced
            .iter()
            .map(|(i, _)| format!("« {} »", quoted(header.cell(*i))))
            .collect::<Vec<_>>()
            .join(", ");
        report.notes.push(format!(
            "note : colonne{s} {names} de l'export du personnel laissée{s} de côté : l'export Pix donne ces niveaux",
            s = if replaced.len() > 1 { "s" } else { "" }
        ));
    }
}

/// Reads `table` into a profile (see the module's documentation). `mapping`, the user's
/// mapping file, is looked up before the reference data.
pub fn import(
    data: &ReferenceData,
    table: &Table,
    opts: &ImportOptions,
    mapping: Option<&Mapping>,
) -> Result<Imported, Failed> {
    import_with_pix(data, table, opts, mapping, None)
}

/// [`import`], with the results of a Pix campaign (`pix`) as the measured current levels of
/// the agents they are joined to (by identifier, else by names); the others keep the
/// maturity's levels. Names and identifiers serve the join only.
pub fn import_with_pix(
    data: &ReferenceData,
    table: &Table,
    opts: &ImportOptions,
    mapping: Option<&Mapping>,
    pix: Option<&PixResults>,
) -> Result<Imported, Failed> {
    let mut report = Report {
        notes: table.notes.clone(),
        days_given: opts.days_per_year.is_some(),
        managers_given: opts.managers.is_some(),
        elected_given: opts.elected_officials.is_some(),
        ..Report::default()
    };
    let mut problems = Problems::new();
    let mut columns = match columns(data, table, &mut report, &mut problems) {
        Ok(c) => c,
        Err(diagnostics) => {
            return Err(Failed {
                diagnostics,
                report,
            });
        }
    };
    let mut blocked = false;
    let mut join = pix.map(|pix| {
        let keys = Join::staff_keys(pix, &table.header);
        blocked = pix_problems(table, &columns, pix, &keys, &mut problems);
        pix_replaces(table, &mut columns, pix, &mut report);
        PixJoin {
            join: Join::new(pix, &keys, &table.rows),
            keys,
            pix,
        }
    });
    if blocked {
        return Err(Failed {
            diagnostics: problems.into_vec(),
            report,
        });
    }
    let matcher = TitleMatcher::new(data);
    let mut lines: BTreeMap<MetierId, Aggregate> = BTreeMap::new();
    let mut managers = 0u64;
    for row in &table.rows {
        report.rows += 1;
        read_row(
            data,
            table,
            &columns,
            row,
            (&matcher, mapping, join.as_mut()),
            (&mut report, &mut lines, &mut managers),
            &mut problems,
        );
    }
    if let Some(j) = &join {
        let measured: u64 = lines.values().map(|a| a.measured_agents).sum();
        report.pix = Some(j.join.report(measured, &j.keys));
        report.measured = lines
            .iter()
            .filter(|(_, a)| a.measured_agents > 0)
            .map(|(m, a)| (m.clone(), (a.measured_agents, a.agents)))
            .collect();
    }
    if report.rows == 0 && problems.is_empty() {
        problems.push(table.at(
            table.header.line,
            1,
            None,
            "l'export a une ligne d'en-tête mais aucune ligne d'agent".into(),
        ));
    }
    // Suggestions for the titles that will be shown or written, most agents first: a file
    // of 40,000 unknown titles costs no more than one of a few hundred.
    let mut keys: Vec<(u64, &str, String)> = report
        .titles
        .iter()
        .filter(|(_, t)| t.metier.is_none())
        .map(|(k, t)| (t.agents, t.title.as_str(), k.clone()))
        .collect();
    keys.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let keys: Vec<String> = keys
        .into_iter()
        .take(MAX_SUGGESTED)
        .map(|(_, _, k)| k)
        .collect();
    for k in keys {
        if let Some(t) = report.titles.get_mut(&k) {
            t.suggestions = matcher.suggest(&t.title, 3);
        }
    }
    let unmatched: Vec<Title> = report.unmatched().into_iter().cloned().collect();
    if !unmatched.is_empty() {
        let agents: u64 = unmatched.iter().map(|t| t.agents).sum();
        if opts.ignore_unmatched {
            report.left_out = agents;
            report.notes.push(format!(
                "note : {} agent{} laissé{} de côté (--ignore-unmatched) : {} intitulé{} sans métier",
                french_number(agents as usize),
                plural(agents),
                plural(agents),
                unmatched.len(),
                plural(unmatched.len() as u64),
            ));
        } else {
            for t in &unmatched {
                problems.add(|| unmatched_diagnostic(data, table, t));
            }
        }
    }
    if !problems.is_empty() {
        return Err(Failed {
            diagnostics: problems.into_vec(),
            report,
        });
    }
    level_notes(&lines, &mut report);
    if let Some(pix) = pix {
        pix_notes(pix, &mut report);
    }
    let profile = profile(data, opts, lines, managers);
    if profile.staff.is_empty() {
        return Err(Failed {
            diagnostics: vec![table.at(
                table.header.line,
                1,
                None,
                "aucun agent n'est rattaché à un métier : le profil serait vide".into(),
            )],
            report,
        });
    }
    Ok(Imported { profile, report })
}

/// Agents at each level (`[aucun, socle, approfondissement, expertise]`) as the profile's
/// counts.
fn shares(k: [u64; 4]) -> Shares {
    let n = |i: usize| u32::try_from(k[i]).unwrap_or(u32::MAX);
    Shares {
        none: n(0),
        socle: n(1),
        approfondissement: n(2),
        expertise: n(3),
    }
}

fn plural(n: u64) -> &'static str {
    if n > 1 { "s" } else { "" }
}

/// The problem of a title that matches no métier: where it first appears, its agents, the
/// closest métiers.
fn unmatched_diagnostic(data: &ReferenceData, table: &Table, t: &Title) -> Diagnostic {
    let rows = if t.rows == t.agents as usize {
        String::new()
    } else {
        format!(" sur {} ligne{}", t.rows, plural(t.rows as u64))
    };
    let message = format!(
        "l'intitulé « {} » ne correspond à aucun métier ({} agent{}{rows})",
        quoted(&t.title),
        french_number(t.agents as usize),
        plural(t.agents),
    );
    let close = suggestions_text(data, &t.suggestions);
    let help = if close.is_empty() {
        "aucun métier proche : cherchez-le avec « parcours metiers --search MOT », puis écrivez-le dans un fichier de correspondance (--mapping-out, puis --mapping)".to_owned()
    } else {
        format!(
            "métiers proches : {close} ; écrivez le bon dans un fichier de correspondance (--mapping-out, puis --mapping)"
        )
    };
    table
        .at(t.at.0, t.at.1, Some(&t.title), message)
        .with_help(help)
}

/// « `jardinier` (Jardinier ou jardinière), … ».
pub fn suggestions_text(data: &ReferenceData, suggestions: &[Suggestion]) -> String {
    suggestions
        .iter()
        .map(|s| {
            let name = data.metier(&s.metier).map_or("", |m| m.name.as_str());
            format!("`{}` ({name})", s.metier)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads one row: its title, agents, managers and levels.
fn read_row(
    data: &ReferenceData,
    table: &Table,
    columns: &Columns,
    row: &Row,
    (matcher, mapping, join): (
        &TitleMatcher<'_>,
        Option<&Mapping>,
        Option<&mut PixJoin<'_>>,
    ),
    (report, lines, managers): (&mut Report, &mut BTreeMap<MetierId, Aggregate>, &mut u64),
    problems: &mut Problems,
) {
    // A row wider than the header: its extra cells are read only if they hold something.
    if row.cells.len() > table.header.cells.len()
        && let Some(i) =
            (table.header.cells.len()..row.cells.len()).find(|&i| !row.cell(i).is_empty())
    {
        problems.add(|| {
            table
                .at(
                    row.line,
                    row.col(i),
                    None,
                    format!(
                        "la ligne a plus de cellules ({}) que l'en-tête ({})",
                        row.cells.len(),
                        table.header.cells.len()
                    ),
                )
                .with_help(
                    "une cellule contient sans doute le séparateur : mettez-la entre guillemets",
                )
        });
        return;
    }
    let title = row.cell(columns.title);
    if title.is_empty() {
        problems.add(|| {
            table
                .at_cell(row, columns.title, false, "intitulé de métier vide".into())
                .with_help(format!(
                    "écrivez le métier de cet agent dans la colonne « {} »",
                    quoted(&report.title_column)
                ))
        });
        return;
    }
    let n = match columns.headcount {
        None => 1,
        Some(c) => match headcount(row.cell(c)) {
            Ok(n) => n,
            Err(m) => {
                problems.add(|| table.at_cell(row, c, false, m));
                return;
            }
        },
    };
    // Managers among the agents kept (those of a matched title).
    let manager = match columns.managers.map(|c| (c, yes(row.cell(c)))) {
        None | Some((_, Ok(false))) => false,
        Some((_, Ok(true))) => true,
        Some((c, Err(m))) => {
            problems.add(|| table.at_cell(row, c, false, m));
            false
        }
    };
    let k = if title.chars().count() <= 200 {
        key(title)
    } else {
        title.chars().take(200).collect()
    };
    let entry = report.titles.entry(k.clone()).or_insert_with(|| {
        let reference = matcher.find(title);
        let (metier, how) = match (mapping.and_then(|m| m.get(&k)), reference) {
            (Some(m), _) => (Some(m.clone()), How::Mapping),
            (None, Some(m)) => (Some(m.clone()), How::Reference),
            (None, None) => (None, How::Unmatched),
        };
        Title {
            title: title.to_owned(),
            metier,
            how,
            suggestions: Vec::new(),
            rows: 0,
            agents: 0,
            by_reference: reference.is_some(),
            at: (row.line, row.col(columns.title)),
        }
    });
    entry.rows += 1;
    entry.agents += n;
    report.agents += n;
    if entry.by_reference {
        report.matched_by_reference += n;
    }
    let pix_levels = join.map(|j| (j.join.levels(&j.keys, row, entry.metier.is_some()), j.pix));
    let Some(metier) = entry.metier.clone() else {
        return;
    };
    if manager {
        *managers += n;
    }
    let metier_id = metier.clone();
    let line = lines.entry(metier).or_default();
    line.agents += n;
    if let Some((Some(levels), pix)) = pix_levels {
        line.measured_agents += n;
        for (l, c) in levels.iter().zip(&pix.competences) {
            if let Some(p) = l {
                let rank = data.level_of_pix(*p).map_or(0, |l| usize::from(l.rank()));
                line.measured.entry(c.clone()).or_default()[rank] += n;
            }
        }
    }
    if line.agents > u64::from(limits::MAX_HEADCOUNT)
        && line.agents - n <= u64::from(limits::MAX_HEADCOUNT)
    {
        problems.add(|| {
            table.at_cell(
                row,
                columns.headcount.unwrap_or(columns.title),
                false,
                format!(
                    "les lignes du métier `{metier_id}` dépassent {} agents",
                    french_number(limits::MAX_HEADCOUNT as usize)
                ),
            )
        });
    }
    for (c, comp) in &columns.levels {
        let slot = line.levels.entry(comp.clone()).or_insert(([0; 4], 0));
        let v = row.cell(*c);
        if v.is_empty() {
            slot.1 += n;
            continue;
        }
        match cell_level(data, v) {
            Ok(l) => slot.0[l.map_or(0, |l| usize::from(l.rank()))] += n,
            Err(m) => problems.add(|| table.at_cell(row, *c, false, m)),
        }
    }
}

/// One note per competency column with blank cells beside known levels: how many agents had
/// no score.
fn level_notes(lines: &BTreeMap<MetierId, Aggregate>, report: &mut Report) {
    let mut unknown: BTreeMap<&CompetencyId, (u64, u64)> = BTreeMap::new();
    for a in lines.values() {
        for (c, (counts, blank)) in &a.levels {
            // A métier without any level in the column keeps the maturity's levels: only
            // the blank cells beside known ones are counted at « aucun ».
            let known = counts.iter().sum::<u64>();
            if known > 0 {
                let e = unknown.entry(c).or_insert((0, 0));
                e.0 += known;
                e.1 += blank;
            }
        }
    }
    for (c, (known, blank)) in unknown {
        if blank > 0 {
            report.notes.push(format!(
                "note : colonne {c} : {} agent{} sans niveau connu (cellule vide), compté{} au niveau « aucun » ; les {} agents au niveau connu le gardent",
                french_number(blank as usize),
                plural(blank),
                plural(blank),
                french_number(known as usize),
            ));
        }
    }
}

/// What the import says of a Pix export: who was joined and how, the measured agents per
/// métier, the participants not joined (grouped and counted, never named).
fn pix_notes(pix: &PixResults, report: &mut Report) {
    let Some(j) = report.pix.clone() else {
        return;
    };
    let count = |n: usize, one: &str, many: &str| {
        format!("{} {}", french_number(n), if n > 1 { many } else { one })
    };
    report.notes.extend(pix.notes.iter().cloned());
    report.notes.push(format!(
        "note : export Pix {} : {} ({}), rattachés aux agents par {} ; niveaux mesurés pour {}, les autres estimés d'après la maturité",
        pix.file,
        count(j.participants, "participant", "participants"),
        count(pix.rows, "participation", "participations"),
        j.by,
        count(j.measured as usize, "agent", "agents"),
    ));
    if !report.measured.is_empty() {
        let list = report
            .measured
            .iter()
            .map(|(m, (k, n))| format!("`{m}` {k} sur {n}"))
            .collect::<Vec<_>>()
            .join(", ");
        report.notes.push(format!(
            "note : agents mesurés par Pix, par métier : {list}"
        ));
    }
    for (n, one, many) in [
        (
            j.repeated,
            "participant a plusieurs participations : seule la dernière envoyée compte",
            "participants ont plusieurs participations : seule la dernière envoyée compte",
        ),
        (
            j.not_shared,
            "participant n'a pas envoyé ses résultats : son niveau reste estimé",
            "participants n'ont pas envoyé leurs résultats : leurs niveaux restent estimés",
        ),
        (
            j.no_staff_row,
            "participant aux résultats envoyés n'a pas de ligne dans l'export du personnel : non rattaché",
            "participants aux résultats envoyés n'ont pas de ligne dans l'export du personnel : non rattachés",
        ),
        (
            j.homonyms,
            "participant porte le nom de plusieurs agents (ou d'un autre participant) : non rattaché, faute de pouvoir savoir lequel",
            "participants portent le nom de plusieurs agents (ou d'un autre participant) : non rattachés, faute de pouvoir savoir lesquels",
        ),
        (
            j.left_out,
            "participant est un agent laissé de côté (intitulé sans métier)",
            "participants sont des agents laissés de côté (intitulé sans métier)",
        ),
    ] {
        if n > 0 {
            report.notes.push(format!("note : {}", count(n, one, many)));
        }
    }
}

/// The profile: one staff line per métier (in the reference data's order), the options, a
/// budget of the national average of training days per agent unless given.
fn profile(
    data: &ReferenceData,
    opts: &ImportOptions,
    mut lines: BTreeMap<MetierId, Aggregate>,
    managers: u64,
) -> Profile {
    let mut total = 0u64;
    let mut staff = Vec::new();
    let mut any_measured = false;
    for m in data.metiers() {
        let Some(Aggregate {
            agents: n,
            levels,
            measured,
            ..
        }) = lines.remove(&m.id)
        else {
            continue;
        };
        total += n;
        let mut line = StaffLine::new(m.id.clone(), u32::try_from(n).unwrap_or(u32::MAX));
        line.levels = levels
            .into_iter()
            .filter(|(_, (counts, _))| counts.iter().sum::<u64>() > 0)
            .map(|(c, (k, blank))| {
                CurrentLevel::counts(c, shares([k[0] + blank, k[1], k[2], k[3]]))
            })
            .chain(
                measured
                    .into_iter()
                    .map(|(c, k)| CurrentLevel::measured(c, shares(k))),
            )
            .collect();
        line.levels.sort_by(|a, b| a.competency.cmp(&b.competency));
        any_measured |= line.levels.iter().any(|l| l.measured.is_some());
        staff.push(line);
    }
    let days = opts.days_per_year.unwrap_or_else(|| {
        u32::try_from((total * NATIONAL_DAYS_PER_AGENT_X10).div_ceil(10))
            .unwrap_or(u32::MAX)
            .min(limits::MAX_DAYS_PER_YEAR)
    });
    let mut budget = Budget::new(days, opts.max_days_per_agent);
    budget.cost_per_day = opts.cost_per_day;
    let mut p = Profile::new(opts.name.clone(), opts.kind, opts.first_year, budget);
    p.maturity = opts.maturity;
    p.population = opts.population;
    p.commune = opts.commune.clone();
    p.department = opts.department.clone();
    p.intercommunality = opts.intercommunality.clone();
    p.managers = opts
        .managers
        .unwrap_or(u32::try_from(managers).unwrap_or(u32::MAX));
    p.elected_officials = opts.elected_officials.unwrap_or(0);
    p.staff = staff;
    p.measured_by = any_measured.then_some(MeasuredBy::Pix);
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_map_fills_what_the_options_leave_empty() {
        let placed =
            ImportOptions::default().placed("35".into(), Some("243500139".into()), 230_890);
        assert_eq!(placed.department.as_deref(), Some("35"));
        assert_eq!(placed.intercommunality.as_deref(), Some("243500139"));
        assert_eq!(placed.population, Some(230_890));
        let given = ImportOptions {
            department: Some("35".into()),
            intercommunality: Some("200000000".into()),
            population: Some(1_000),
            ..ImportOptions::default()
        }
        .placed("35".into(), None, 230_890);
        assert_eq!(given.intercommunality.as_deref(), Some("200000000"));
        assert_eq!(given.population, Some(1_000));
    }
    use crate::table::read_csv;

    fn run(csv: &str, opts: &ImportOptions) -> Result<Imported, Failed> {
        let data = ReferenceData::embedded().expect("data");
        let t = read_csv("agents.csv", csv).expect("csv");
        import(&data, &t, opts, None)
    }

    #[test]
    fn agent_rows_are_added_up_and_personal_columns_dropped() {
        let csv = "Matricule;Nom;Prénom;Date de naissance;Grade;Intitulé du poste;Service;pix-1-1;Encadrant\n\
                   A12;Zorglub;Marie;01/02/1970;Adjoint technique;Jardinière;Espaces verts;4;oui\n\
                   A13;Zorglub;Paul;03/04/1980;Adjoint technique;JARDINIER;Espaces verts;;non\n\
                   A14;Zorglub;Léa;05/06/1990;ATSEM principal;ATSEM;Écoles;2;\n";
        let i = run(csv, &ImportOptions::default()).expect("imports");
        let p = &i.profile;
        assert_eq!(p.staff.len(), 2);
        let j = p
            .staff
            .iter()
            .find(|s| s.metier.as_str() == "jardinier")
            .expect("jardinier");
        assert_eq!(j.headcount, 2);
        let c = j.levels[0].counts.expect("counts");
        // One known score (Pix 4) and one blank cell, counted at « aucun ».
        assert_eq!(c.none + c.socle + c.approfondissement + c.expertise, 2);
        assert_eq!(c.none, 1);
        assert_eq!(p.managers, 1);
        assert_eq!(
            i.report.personal,
            ["Matricule", "Nom", "Prénom", "Date de naissance"]
        );
        assert_eq!(i.report.ignored, ["Grade", "Service"]);
        assert!(
            i.report
                .notes
                .iter()
                .any(|n| n.contains("1 agent sans niveau connu"))
        );
        let debug = format!("{i:?}");
        assert!(!debug.contains("Zorglub") && !debug.contains("1970"));
    }

    #[test]
    fn unmatched_titles_are_grouped_with_suggestions() {
        let csv = "Nom;Emploi\nZorglub;Jardinier espaces verts communaux\nZorglub;Jardinier espaces verts communaux\nZorglub;Cuisinier\nZorglub;Astronaute\n";
        let f = run(csv, &ImportOptions::default()).unwrap_err();
        assert_eq!(f.diagnostics.len(), 2, "{:?}", f.diagnostics);
        let d = &f.diagnostics[0];
        assert!(d.message.contains("« Jardinier espaces verts communaux »"));
        assert!(d.message.contains("(2 agents)"));
        assert_eq!((d.location.line, d.location.col), (2, 9));
        assert!(d.help.as_deref().unwrap_or("").contains("`jardinier`"));
        for d in &f.diagnostics {
            assert!(!format!("{d:?}").contains("Zorglub"));
        }
        let opts = ImportOptions {
            ignore_unmatched: true,
            ..ImportOptions::default()
        };
        let i = run(csv, &opts).expect("left out");
        assert_eq!(i.report.left_out, 3);
        assert_eq!(i.profile.staff.len(), 1);
        assert!(
            i.report
                .notes
                .iter()
                .any(|n| n.contains("3 agents laissés de côté"))
        );
    }

    #[test]
    fn header_and_row_problems_are_reported_together() {
        let f = run("metier;pix-1-9\nastronaute\n", &ImportOptions::default()).unwrap_err();
        let all: Vec<&str> = f.diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert!(
            all.iter().any(|m| m.contains("ressemble à la compétence")),
            "{all:?}"
        );
        assert!(
            all.iter()
                .any(|m| m.contains("ne correspond à aucun métier")),
            "{all:?}"
        );
    }

    #[test]
    fn aggregated_rows_and_header_problems() {
        let i = run(
            "metier;effectif\natsem;3\nCuisinière;2\n",
            &ImportOptions::default(),
        )
        .expect("aggregated");
        assert_eq!(i.profile.staff.len(), 2);
        assert_eq!(i.report.agents, 5);
        let f = run("Nom;Grade\nA;B\n", &ImportOptions::default()).unwrap_err();
        assert!(
            f.diagnostics[0]
                .message
                .contains("pas de colonne de métier")
        );
        for (csv, message) in [
            (
                "metier,metier,headcount\natsem,atsem,2\n",
                "la colonne « metier » apparaît deux fois",
            ),
            (
                "metier;effectif;Métier\natsem;2;atsem\n",
                "la colonne « Métier » dit la même chose que la colonne « metier »",
            ),
            ("metier;pix-1-9\natsem;2\n", "ressemble à la compétence"),
            ("metier;effectif\natsem;x\n", "n'est pas un nombre entier"),
        ] {
            let f = run(csv, &ImportOptions::default()).unwrap_err();
            assert!(
                f.diagnostics[0].message.contains(message),
                "{csv}: {:?}",
                f.diagnostics
            );
        }
    }
}
