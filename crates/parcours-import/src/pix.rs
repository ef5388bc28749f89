//! The results of a Pix Orga *profile-collection* campaign (the CSV that « Exporter les
//! résultats » gives), read as the current levels of the agents who shared them.
//!
//! The format, as Pix's own code writes it (public repository `1024pix/pix`, read at these
//! commits; none of its code is used here):
//! - `api/src/prescription/campaign/infrastructure/serializers/csv/campaign-profiles-collection-export.js`
//!   (05dace47244dde162df74149f1ccbb3ffe26d28b): a UTF-8 byte-order mark, then the header:
//!   « Nom de l'organisation », « ID Campagne », « Code », « Nom de la campagne », « Nom du
//!   Participant », « Prénom du Participant », the organisation's extra columns, « Groupe »
//!   (higher education), « Classe » (schools), « Numéro Étudiant », the campaign's external-id
//!   column (its label chosen by the organisation, e.g. « Matricule »), « Envoi (O/N) », the
//!   date of sending, « Nombre de pix total », « Certifiable (O/N) », « Nombre de compétences
//!   certifiables », then for each competence « Niveau pour la compétence NOM » and « Nombre de
//!   pix pour la compétence NOM ».
//! - `api/src/prescription/campaign/infrastructure/exports/campaigns/campaign-profiles-collection-result-line.js`
//!   (32e399767e3331107bb7fc91da0ca0af78556890): one line per participation (a participant
//!   who took the campaign twice has two lines); a participation not shared has « NA » in the
//!   date, totals and every competence column.
//! - `api/src/shared/infrastructure/serializers/csv/csv-serializer.js`
//!   (07469687b106f1acb5b835f3600e32bb3dd687a6): `;`-separated lines ending with `\n`; text
//!   quoted (`"` doubled), numbers and digit-only text not quoted; a text starting with `=`,
//!   `+`, `-` or `@` gets a `'` in front (`"'=Bono"`), which is taken off here.
//! - `api/translations/fr.json` (07ca3a0579a71c29ac04ab8af8eef2309a045a90): the French
//!   headers, « NA », « Oui » / « Non »; the date column is « Date de l'envoi » in older
//!   exports (`2019-03-01`), « Date et heure de l'envoi (Europe/Paris) » in newer ones
//!   (`02/03/2019 00:04`): both are read.
//!
//! Competences are matched to the reference competencies by their name folded (accents, case,
//! apostrophes: Pix writes `’`), an optional leading index (« 1.1 »), or a known variant of
//! Pix's wording ([`VARIANTS`]); a level column that matches none is an error at its header.
//! Names and identifiers are only held to join participants to staff rows
//! ([`crate::staff::import_with_pix`]); they are never printed, written, or shown in a
//! diagnostic.

use crate::table::{Row, Table};
use parcours_graph::ReferenceData;
use parcours_graph::diagnostic::{Diagnostic, Problems, quoted};
use parcours_graph::ids::CompetencyId;
use parcours_graph::titles::fold;
use std::collections::{BTreeMap, BTreeSet};

/// Pix's names of competences that differ from the reference data's beyond accents, case and
/// apostrophes (folded), with the reference competency. Pix calls 5.2 « Construire un
/// environnement numérique » where the CRCN decree says « Évoluer dans un environnement
/// numérique ».
pub const VARIANTS: &[(&str, &str)] = &[("construire un environnement numerique", "pix-5-2")];

/// The start of a level column's header, folded.
const LEVEL_PREFIX: &str = "niveau pour la competence";

/// Folded headers of the columns the import does not use (organisation, campaign, totals,
/// school and university columns).
const KNOWN: &[&str] = &[
    "nom de l organisation",
    "id campagne",
    "code",
    "nom de la campagne",
    "groupe",
    "classe",
    "numero etudiant",
    "nombre de pix total",
    "certifiable o n",
    "nombre de competences certifiables",
];

/// Folded headers that only an *assessment* campaign's export has.
const ASSESSMENT: &[&str] = &["partage o n", "de progression", "nom du profil cible"];

/// Who a participation is: the campaign's external id when it has one, else the names.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Who {
    Id(String),
    Name(String, String),
}

/// When a participation was shared: year, month, day, hour, minute.
type SentAt = (u16, u8, u8, u8, u8);

/// A shared participation: when, its line, its Pix level per competence column (`None`: NA).
type SharedLevels = (SentAt, usize, Vec<Option<u8>>);

/// A participant: the latest shared participation's levels (per competence column), when one
/// was shared; the participant's folded names.
struct Participant {
    names: (String, String),
    latest: Option<SharedLevels>,
    participations: usize,
}

/// A Pix export read: per participant, the Pix levels of the latest shared participation.
/// Its `Debug` shows counts only.
pub struct PixResults {
    /// The file, as named in messages.
    pub file: String,
    /// The reference competency of each level column, in the file's order.
    pub competences: Vec<CompetencyId>,
    /// The header of the external-id column, when the export has one.
    pub id_column: Option<String>,
    participants: BTreeMap<Who, Participant>,
    /// Lines read (participations).
    pub rows: usize,
    /// Notes for the user, in French.
    pub notes: Vec<String>,
}

impl std::fmt::Debug for PixResults {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PixResults")
            .field("competences", &self.competences)
            .field("participants", &self.participants.len())
            .field("rows", &self.rows)
            .finish_non_exhaustive()
    }
}

impl PixResults {
    /// Participants (several participations of one count once).
    pub fn participants(&self) -> usize {
        self.participants.len()
    }

    /// Participants with a shared participation.
    pub fn shared(&self) -> usize {
        self.participants
            .values()
            .filter(|p| p.latest.is_some())
            .count()
    }

    /// Participants with more than one participation.
    pub fn repeated(&self) -> usize {
        self.participants
            .values()
            .filter(|p| p.participations > 1)
            .count()
    }
}

/// A cell's text without the `'` Pix puts before a text that could start a formula.
fn unescaped(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => cell,
    }
}

/// The identity a name or identifier cell gives, folded (empty: none). An identifier of digits
/// only loses its leading zeros: a spreadsheet drops them (`001234` read as `1234`).
pub fn identity(cell: &str) -> String {
    let folded = fold(unescaped(cell.trim()));
    if !folded.is_empty() && folded.bytes().all(|b| b.is_ascii_digit()) {
        let digits = folded.trim_start_matches('0');
        return if digits.is_empty() {
            "0".into()
        } else {
            digits.into()
        };
    }
    folded
}

/// The reference competency a folded competence name stands for.
fn competency_of(data: &ReferenceData, name: &str) -> Option<CompetencyId> {
    let comps = || {
        data.competencies()
            .competencies
            .iter()
            .filter(|c| c.pix.is_some())
    };
    // « 1 1 mener une recherche… » (an index in front) or « 1 1 » alone.
    let words: Vec<&str> = name.split(' ').collect();
    let digits = words
        .iter()
        .take(2)
        .take_while(|w| w.chars().all(|c| c.is_ascii_digit()))
        .count();
    let index = words[..digits].join(".");
    let rest = words[digits..].join(" ");
    if let Some(c) = comps().find(|c| !rest.is_empty() && fold(&c.name) == rest) {
        return Some(c.id.clone());
    }
    if let Some((_, id)) = VARIANTS.iter().find(|(v, _)| *v == rest) {
        return Some(CompetencyId::new(*id));
    }
    if digits == 2 {
        return comps()
            .find(|c| c.pix.as_deref() == Some(index.as_str()))
            .map(|c| c.id.clone());
    }
    None
}

/// The date of sending as a sortable key: `2019-03-01`, `01/03/2019`, `02/03/2019 00:04`.
fn date_key(cell: &str) -> Option<SentAt> {
    let parts: Vec<&str> = cell
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    let n = |i: usize| parts.get(i).and_then(|p| p.parse::<u16>().ok());
    let (y, m, d) = match parts.first().map(|p| p.len()) {
        Some(4) => (n(0)?, n(1)?, n(2)?),
        Some(1 | 2) => (n(2)?, n(1)?, n(0)?),
        _ => return None,
    };
    let (h, mi) = (n(3).unwrap_or(0), n(4).unwrap_or(0));
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || h > 23 || mi > 59 || parts.len() > 6 {
        return None;
    }
    Some((y, m as u8, d as u8, h as u8, mi as u8))
}

/// The columns of a Pix export.
struct Columns {
    last: usize,
    first: usize,
    sent: usize,
    date: Option<usize>,
    id: Option<usize>,
    levels: Vec<(usize, CompetencyId)>,
}

fn not_pix(table: &Table, what: &str) -> Diagnostic {
    table
        .at(
            table.header.line,
            1,
            None,
            format!("ce fichier n'est pas un export Pix Orga d'une campagne de collecte de profils : {what}"),
        )
        .with_help("dans Pix Orga, ouvrez la campagne de collecte de profils, onglet « Résultats », et téléchargez « Exporter les résultats » (CSV) ; donnez ce fichier tel quel à --pix")
}

/// Reads the header: the names, sending, date, external-id and level columns.
fn columns(
    data: &ReferenceData,
    table: &Table,
    id_column: Option<&str>,
) -> Result<Columns, Vec<Diagnostic>> {
    let header = &table.header;
    let keys = header.keys(300, fold);
    let find = |k: &str| keys.iter().position(|h| h == k);
    if keys
        .iter()
        .any(|k| ASSESSMENT.iter().any(|a| k.contains(a)))
    {
        return Err(vec![not_pix(
            table,
            "c'est l'export d'une campagne d'évaluation (colonnes « Partage (O/N) », « % de progression »), qui ne donne pas de niveau par compétence",
        )]);
    }
    let mut missing = Vec::new();
    let (last, first, sent) = (
        find("nom du participant"),
        find("prenom du participant"),
        find("envoi o n"),
    );
    for (c, name) in [
        (last, "Nom du Participant"),
        (first, "Prénom du Participant"),
        (sent, "Envoi (O/N)"),
    ] {
        if c.is_none() {
            missing.push(format!("« {name} »"));
        }
    }
    let (Some(last), Some(first), Some(sent)) = (last, first, sent) else {
        return Err(vec![not_pix(
            table,
            &format!("il n'a pas de colonne {}", missing.join(", ")),
        )]);
    };
    let date = keys.iter().position(|k| {
        k.starts_with("date de l envoi") || k.starts_with("date et heure de l envoi")
    });
    let mut problems = Problems::new();
    let mut levels: Vec<(usize, CompetencyId)> = Vec::new();
    let mut unknown = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        if let Some(name) = k.strip_prefix(LEVEL_PREFIX) {
            let name = name.trim();
            match competency_of(data, name) {
                Some(c) => {
                    if let Some((first, _)) = levels.iter().find(|(_, d)| *d == c) {
                        problems.push(
                            table
                                .at(
                                    header.line,
                                    header.col(i),
                                    Some(header.cell(i)),
                                    format!("la compétence `{c}` a deux colonnes de niveau"),
                                )
                                .with_help(format!(
                                    "la première est la colonne {} : gardez-en une seule",
                                    first + 1
                                )),
                        );
                    } else {
                        levels.push((i, c));
                    }
                }
                None => problems.push(
                    table
                        .at(
                            header.line,
                            header.col(i),
                            Some(header.cell(i)),
                            format!(
                                "la colonne « {} » ne correspond à aucune des 16 compétences Pix du référentiel",
                                quoted(header.cell(i))
                            ),
                        )
                        .with_help(
                            "les colonnes « Niveau pour la compétence NOM » portent le nom d'une compétence Pix (« Gérer des données », « Collaborer »…) : corrigez le nom, ou retirez la colonne",
                        ),
                ),
            }
        } else if i > first && i < sent && !KNOWN.contains(&k.as_str()) {
            unknown.push(i);
        }
    }
    if levels.is_empty() && problems.is_empty() {
        return Err(vec![not_pix(
            table,
            "il n'a aucune colonne « Niveau pour la compétence … »",
        )]);
    }
    let id = match id_column {
        Some(name) => {
            let Some(i) = find(&fold(name)) else {
                let list = unknown
                    .iter()
                    .map(|&i| format!("« {} »", quoted(header.cell(i))))
                    .collect::<Vec<_>>();
                let help = if list.is_empty() {
                    "l'export n'a pas de colonne d'identifiant externe : retirez --pix-id, les participants seront rattachés par leurs nom et prénom".to_owned()
                } else {
                    format!("colonnes possibles : {}", list.join(", "))
                };
                problems.push(
                    table
                        .at(
                            header.line,
                            1,
                            None,
                            format!(
                                "--pix-id : l'export Pix n'a pas de colonne « {} »",
                                quoted(name)
                            ),
                        )
                        .with_help(help),
                );
                return Err(problems.into_vec());
            };
            Some(i)
        }
        // The campaign's external id: the one column Pix does not name itself between the
        // names and the sending.
        None if unknown.len() == 1 => Some(unknown[0]),
        None => None,
    };
    if !problems.is_empty() {
        return Err(problems.into_vec());
    }
    Ok(Columns {
        last,
        first,
        sent,
        date,
        id,
        levels,
    })
}

/// Whether a « Envoi (O/N) » cell says shared, or an error message.
fn shared(cell: &str) -> Result<bool, String> {
    match fold(cell).as_str() {
        "oui" | "o" | "yes" | "y" => Ok(true),
        "non" | "n" | "no" => Ok(false),
        _ => Err(format!(
            "« {} » : la colonne « Envoi (O/N) » dit « Oui » ou « Non »",
            quoted(cell)
        )),
    }
}

/// A level cell: a Pix level 0 to 8, or « NA » / empty (unknown).
fn level(cell: &str) -> Result<Option<u8>, String> {
    let t = cell.trim();
    if t.is_empty() || t.eq_ignore_ascii_case("na") {
        return Ok(None);
    }
    match t.strip_suffix(",0").unwrap_or(t).parse::<u8>() {
        Ok(p) if p <= 8 => Ok(Some(p)),
        _ => Err(format!(
            "« {} » n'est pas un niveau Pix : un nombre de 0 à 8, ou « NA » pour des résultats non envoyés",
            quoted(cell)
        )),
    }
}

/// Reads a Pix export (`table`); `id_column` names its external-id column (by default, the
/// one column between the names and « Envoi (O/N) » that Pix does not name itself).
pub fn read(
    data: &ReferenceData,
    table: &Table,
    id_column: Option<&str>,
) -> Result<PixResults, Vec<Diagnostic>> {
    if table.header.cells.iter().all(String::is_empty) {
        return Err(vec![not_pix(table, "il est vide")]);
    }
    let c = columns(data, table, id_column)?;
    let mut problems = Problems::new();
    let mut participants: BTreeMap<Who, Participant> = BTreeMap::new();
    let mut anonymous = 0usize;
    for row in &table.rows {
        read_row(
            table,
            &c,
            row,
            &mut participants,
            &mut anonymous,
            &mut problems,
        );
    }
    if table.rows.is_empty() && problems.is_empty() {
        problems.push(table.at(
            table.header.line,
            1,
            None,
            "l'export Pix a une ligne d'en-tête mais aucune participation".into(),
        ));
    }
    if !problems.is_empty() {
        return Err(problems.into_vec());
    }
    let mut notes = table.notes.clone();
    if anonymous > 0 {
        notes.push(format!(
            "note : {anonymous} participation{s} Pix sans nom ni identifiant laissée{s} de côté",
            s = if anonymous > 1 { "s" } else { "" }
        ));
    }
    Ok(PixResults {
        file: table.file.clone(),
        competences: c.levels.iter().map(|(_, c)| c.clone()).collect(),
        id_column: c.id.map(|i| table.header.cell(i).to_owned()),
        participants,
        rows: table.rows.len(),
        notes,
    })
}

/// Reads one participation: keeps it when it is its participant's latest shared one.
fn read_row(
    table: &Table,
    c: &Columns,
    row: &Row,
    participants: &mut BTreeMap<Who, Participant>,
    anonymous: &mut usize,
    problems: &mut Problems,
) {
    let names = (identity(row.cell(c.last)), identity(row.cell(c.first)));
    let id = c.id.map(|i| identity(row.cell(i))).unwrap_or_default();
    let who = if !id.is_empty() {
        Who::Id(id)
    } else if !names.0.is_empty() {
        Who::Name(names.0.clone(), names.1.clone())
    } else {
        *anonymous += 1;
        return;
    };
    let is_shared = match shared(row.cell(c.sent)) {
        Ok(s) => s,
        Err(m) => {
            problems.add(|| table.at_cell(row, c.sent, false, m));
            return;
        }
    };
    let p = participants.entry(who).or_insert_with(|| Participant {
        names,
        latest: None,
        participations: 0,
    });
    p.participations += 1;
    if !is_shared {
        return;
    }
    let when = match c.date {
        None => Some((0, 0, 0, 0, 0)),
        Some(d) => date_key(row.cell(d)),
    };
    let Some(when) = when else {
        let d = c.date.unwrap_or(c.sent);
        problems.add(|| {
            table.at_cell(
                row,
                d,
                false,
                format!(
                    "« {} » n'est pas une date d'envoi (AAAA-MM-JJ ou JJ/MM/AAAA HH:MM)",
                    quoted(row.cell(d))
                ),
            )
        });
        return;
    };
    let mut levels = Vec::with_capacity(c.levels.len());
    for (i, _) in &c.levels {
        match level(row.cell(*i)) {
            Ok(l) => levels.push(l),
            Err(m) => {
                problems.add(|| table.at_cell(row, *i, false, m));
                return;
            }
        }
    }
    // The latest shared participation; on the same minute, the later line.
    if p.latest.as_ref().is_none_or(|(w, _, _)| *w <= when) {
        p.latest = Some((when, row.line, levels));
    }
}

/// How the participants of a Pix export were joined to the rows of a staff export.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JoinReport {
    /// Agents of the staff export whose levels were measured.
    pub measured: u64,
    /// Participants with a shared result and no staff row.
    pub no_staff_row: usize,
    /// Participants whose names are those of several agents of the staff export.
    pub homonyms: usize,
    /// Participants who never shared their results.
    pub not_shared: usize,
    /// Participants joined to an agent whose job title matches no métier (left out).
    pub left_out: usize,
    /// Participants with several participations (the latest shared one counted).
    pub repeated: usize,
    /// Participants in the export.
    pub participants: usize,
    /// How they were joined: the staff export's identifier column, or the names.
    pub by: String,
}

/// The join of a Pix export to a staff export's rows: which participants were found.
pub struct Join<'p> {
    pix: &'p PixResults,
    by_name: BTreeMap<(&'p str, &'p str), Vec<&'p Who>>,
    used: BTreeSet<&'p Who>,
    staff_names: BTreeMap<(String, String), usize>,
    staff_ids: BTreeSet<String>,
    homonyms: BTreeSet<&'p Who>,
    left_out: BTreeSet<&'p Who>,
}

/// The staff export's columns that identify an agent: its identifier column (when the Pix
/// export has an external id), its last-name columns, its first-name column.
#[derive(Clone, Debug, Default)]
pub struct StaffKeys {
    /// The identifier column.
    pub id: Option<usize>,
    /// Last-name columns (« Nom », « Nom d'usage », « Nom de famille »…).
    pub last: Vec<usize>,
    /// The first-name column.
    pub first: Option<usize>,
}

/// Folded headers of a staff export's identifier column.
const STAFF_IDS: &[&str] = &[
    "matricule",
    "matricule agent",
    "identifiant",
    "identifiant agent",
    "id agent",
    "numero agent",
    "n agent",
    "code agent",
];
/// Folded headers of a staff export's last-name columns.
const STAFF_LAST: &[&str] = &[
    "nom",
    "nom d usage",
    "nom usuel",
    "nom de famille",
    "nom patronymique",
    "nom de naissance",
    "nom agent",
];
/// Folded headers of a staff export's first-name column.
const STAFF_FIRST: &[&str] = &["prenom", "premier prenom", "prenom usuel", "prenom agent"];

impl<'p> Join<'p> {
    /// The columns of `header` that identify an agent, for `pix`: the identifier column is the
    /// one named like the Pix export's external-id column, or « Matricule », « Identifiant »…
    pub fn staff_keys(pix: &PixResults, header: &Row) -> StaffKeys {
        let keys = header.keys(300, fold);
        let id = pix.id_column.as_ref().and_then(|name| {
            let k = fold(name);
            keys.iter()
                .position(|h| *h == k)
                .or_else(|| keys.iter().position(|h| STAFF_IDS.contains(&h.as_str())))
        });
        StaffKeys {
            id,
            last: (0..keys.len())
                .filter(|&i| STAFF_LAST.contains(&keys[i].as_str()))
                .collect(),
            first: keys.iter().position(|h| STAFF_FIRST.contains(&h.as_str())),
        }
    }

    /// A join of `pix` to the rows of a staff export (`rows`, read with `keys`): names
    /// borne by several rows are not joined by name.
    pub fn new(pix: &'p PixResults, keys: &StaffKeys, rows: &[Row]) -> Join<'p> {
        let mut by_name: BTreeMap<(&str, &str), Vec<&Who>> = BTreeMap::new();
        for (who, p) in &pix.participants {
            by_name
                .entry((p.names.0.as_str(), p.names.1.as_str()))
                .or_default()
                .push(who);
        }
        let staff_ids: BTreeSet<String> = keys
            .id
            .map(|i| rows.iter().map(|r| identity(r.cell(i))).collect())
            .unwrap_or_default();
        let mut staff_names: BTreeMap<(String, String), usize> = BTreeMap::new();
        if let Some(f) = keys.first {
            for row in rows {
                let first = identity(row.cell(f));
                let lasts: BTreeSet<String> =
                    keys.last.iter().map(|&l| identity(row.cell(l))).collect();
                for last in lasts.into_iter().filter(|l| !l.is_empty()) {
                    *staff_names.entry((last, first.clone())).or_default() += 1;
                }
            }
        }
        Join {
            pix,
            by_name,
            used: BTreeSet::new(),
            staff_names,
            staff_ids,
            homonyms: BTreeSet::new(),
            left_out: BTreeSet::new(),
        }
    }

    /// The Pix levels (per competence column of the export) of the agent of `row`: by
    /// identifier, else by names; `None` when the agent has no shared result. `kept` is false
    /// for a row left out of the profile (its participant is then counted apart).
    pub fn levels(&mut self, keys: &StaffKeys, row: &Row, kept: bool) -> Option<&'p [Option<u8>]> {
        let pix = self.pix;
        let mut found: Option<&'p Who> = None;
        if let Some(i) = keys.id {
            let id = identity(row.cell(i));
            if !id.is_empty() {
                found = pix.participants.get_key_value(&Who::Id(id)).map(|(w, _)| w);
            }
        }
        if found.is_none()
            && let Some(f) = keys.first
        {
            let first = identity(row.cell(f));
            for &l in &keys.last {
                let last = identity(row.cell(l));
                if last.is_empty() {
                    continue;
                }
                // A participant whose identifier is another agent's is that agent, not this one.
                let whos: Vec<&'p Who> = self
                    .by_name
                    .get(&(last.as_str(), first.as_str()))
                    .into_iter()
                    .flatten()
                    .copied()
                    .filter(|w| !matches!(w, Who::Id(id) if self.staff_ids.contains(id)))
                    .collect();
                if whos.is_empty() {
                    continue;
                }
                // Two agents of one name, or two participants: which is which cannot be known.
                let twice = self
                    .staff_names
                    .get(&(last.clone(), first.clone()))
                    .is_some_and(|&n| n > 1);
                if twice || whos.len() > 1 {
                    self.homonyms.extend(whos);
                    return None;
                }
                found = whos.first().copied();
                break;
            }
        }
        let who = found?;
        if self.used.contains(who) {
            return None;
        }
        self.used.insert(who);
        if !kept {
            self.left_out.insert(who);
            return None;
        }
        pix.participants
            .get(who)
            .and_then(|p| p.latest.as_ref())
            .map(|(_, _, l)| l.as_slice())
    }

    /// What the join found, counted: nothing that names anyone.
    pub fn report(&self, measured: u64, keys: &StaffKeys) -> JoinReport {
        let mut r = JoinReport {
            measured,
            participants: self.pix.participants(),
            repeated: self.pix.repeated(),
            by: match (keys.id, &self.pix.id_column) {
                (Some(_), Some(c)) => format!("identifiant « {} », puis nom et prénom", quoted(c)),
                _ => "nom et prénom".into(),
            },
            ..JoinReport::default()
        };
        for (who, p) in &self.pix.participants {
            if p.latest.is_none() {
                r.not_shared += 1;
            } else if self.left_out.contains(who) {
                r.left_out += 1;
            } else if self.used.contains(who) {
            } else if self.homonyms.contains(who) {
                r.homonyms += 1;
            } else {
                r.no_staff_row += 1;
            }
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::read_csv;

    const HEADER: &str = "\u{feff}\"Nom de l'organisation\";\"ID Campagne\";\"Code\";\"Nom de la campagne\";\"Nom du Participant\";\"Prénom du Participant\";\"Matricule\";\"Envoi (O/N)\";\"Date et heure de l'envoi (Europe/Paris)\";\"Nombre de pix total\";\"Certifiable (O/N)\";\"Nombre de compétences certifiables\";\"Niveau pour la compétence Gérer des données\";\"Nombre de pix pour la compétence Gérer des données\";\"Niveau pour la compétence Construire un environnement numérique\";\"Nombre de pix pour la compétence Construire un environnement numérique\"\n";

    fn read_text(text: &str, id: Option<&str>) -> Result<PixResults, Vec<Diagnostic>> {
        let data = ReferenceData::embedded().expect("data");
        let t = read_csv("pix.csv", text).expect("csv");
        read(&data, &t, id)
    }

    #[test]
    fn the_latest_shared_participation_counts_once() {
        let text = format!(
            "{HEADER}\"Ville\";12;\"ABC\";\"Campagne\";\"'=Zorglub\";\"Lou\";\"M01\";\"Oui\";\"02/03/2025 10:04\";52;\"Non\";2;1;12;5;40\n\
             \"Ville\";12;\"ABC\";\"Campagne\";\"'=Zorglub\";\"Lou\";\"M01\";\"Oui\";\"02/03/2026 09:00\";80;\"Non\";2;4;32;3;20\n\
             \"Ville\";12;\"ABC\";\"Campagne\";\"Bidule\";\"Dominique\";\"M02\";\"Non\";\"NA\";\"NA\";\"NA\";\"NA\";\"NA\";\"NA\";\"NA\";\"NA\"\n"
        );
        let r = read_text(&text, None).expect("reads");
        assert_eq!(
            r.competences,
            [CompetencyId::new("pix-1-2"), CompetencyId::new("pix-5-2")]
        );
        assert_eq!(r.id_column.as_deref(), Some("Matricule"));
        assert_eq!((r.participants(), r.shared(), r.repeated()), (2, 1, 1));
        let p = &r.participants[&Who::Id("m01".into())];
        assert_eq!(p.latest.as_ref().expect("shared").2, [Some(4), Some(3)]);
        // The formula prefix is taken off the name.
        assert_eq!(p.names.0, "zorglub");
        assert!(!format!("{r:?}").contains("orglub"));
    }

    #[test]
    fn a_competence_that_matches_none_and_a_file_that_is_not_pix_are_refused() {
        let text = HEADER.replace(
            "Gérer des données\";\"Nombre",
            "Gérer les données\";\"Nombre",
        );
        let e = read_text(&text, None).unwrap_err();
        assert!(
            e[0].message
                .contains("« Niveau pour la compétence Gérer les données »"),
            "{e:?}"
        );
        assert_eq!(e[0].location.line, 1);
        let h = text.trim_start_matches('\u{feff}');
        let at = h
            .find("\"Niveau pour la compétence Gérer les")
            .expect("header");
        assert_eq!(e[0].location.col, h[..at].chars().count() + 1);
        let e = read_text("Nom;Prénom;Métier\nA;B;atsem\n", None).unwrap_err();
        assert!(e[0].message.contains("n'est pas un export Pix Orga"));
        assert!(e[0].message.contains("« Nom du Participant »"));
        let e = read_text(
            "\"Nom du Participant\";\"Prénom du Participant\";\"% de progression\";\"Partage (O/N)\"\n\"A\";\"B\";1;\"Oui\"\n",
            None,
        )
        .unwrap_err();
        assert!(e[0].message.contains("campagne d'évaluation"));
        let e = read_text(&format!("{HEADER}\"V\";1;\"C\";\"N\";\"A\";\"B\";\"M\";\"Oui\";\"hier\";1;\"Non\";0;1;1;1;1\n"), None).unwrap_err();
        assert!(e[0].message.contains("n'est pas une date d'envoi"));
        assert_eq!(e[0].line_text, "hier", "the cell only, never its row");
        let e = read_text(HEADER, Some("Numéro agent")).unwrap_err();
        assert!(e[0].message.contains("--pix-id"));
    }

    #[test]
    fn an_identifier_wins_over_names_and_names_serve_when_it_is_unknown() {
        let text = format!(
            "{HEADER}\"V\";1;\"C\";\"N\";\"Zorglub\";\"Lou\";\"M2\";\"Oui\";\"02/03/2026 10:04\";1;\"Non\";1;4;32;1;8\n\
             \"V\";1;\"C\";\"N\";\"Truc\";\"Éloi\";\"M99\";\"Oui\";\"02/03/2026 10:05\";1;\"Non\";1;5;40;1;8\n"
        );
        let pix = read_text(&text, None).expect("reads");
        let staff = read_csv(
            "agents.csv",
            "Matricule;Nom;Prénom;Emploi\nM1;Zorglub;Lou;atsem\nM2;Bidule;Léa;atsem\nM3;TRUC;Eloi;atsem\n",
        )
        .expect("staff");
        let keys = Join::staff_keys(&pix, &staff.header);
        assert_eq!(
            (keys.id, keys.last.clone(), keys.first),
            (Some(0), vec![1], Some(2))
        );
        let mut join = Join::new(&pix, &keys, &staff.rows);
        // M1 is named like the participant of M2: that participant is M2's, not M1's.
        assert_eq!(join.levels(&keys, &staff.rows[0], true), None);
        assert_eq!(
            join.levels(&keys, &staff.rows[1], true),
            Some(&[Some(4), Some(1)][..])
        );
        // M99 is nobody's identifier: the names join Éloi Truc.
        assert_eq!(
            join.levels(&keys, &staff.rows[2], true),
            Some(&[Some(5), Some(1)][..])
        );
        let r = join.report(2, &keys);
        assert_eq!((r.no_staff_row, r.homonyms, r.participants), (0, 0, 2));
    }

    #[test]
    fn competences_are_matched_by_folded_name_index_and_variant() {
        let data = ReferenceData::embedded().expect("data");
        for (name, id) in [
            ("Mener une recherche et une veille d’information", "pix-1-1"),
            ("Développer des documents multimedia", "pix-3-2"),
            ("1.2. Gérer des données", "pix-1-2"),
            ("5.2", "pix-5-2"),
            ("Évoluer dans un environnement numérique", "pix-5-2"),
            ("Construire un environnement numérique", "pix-5-2"),
        ] {
            assert_eq!(
                competency_of(&data, &fold(name)),
                Some(CompetencyId::new(id)),
                "{name}"
            );
        }
        assert_eq!(competency_of(&data, &fold("Cuisiner")), None);
        assert_eq!(identity("'=Le Bœuf-Dupré "), "le boeuf dupre");
        assert_eq!(
            (identity("001234"), identity("1234"), identity("000")),
            ("1234".into(), "1234".into(), "0".into())
        );
        assert_eq!(date_key("2019-03-01"), Some((2019, 3, 1, 0, 0)));
        assert_eq!(date_key("02/03/2019 00:04"), Some((2019, 3, 2, 0, 4)));
        assert_eq!(date_key("NA"), None);
    }
}
