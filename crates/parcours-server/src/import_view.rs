//! What an import answers: the profile, its text as the command line writes it, and what the
//! reading found — the columns used and dropped, every distinct job title with its métier or,
//! unmatched, the closest métiers, most agents first — and the mapping template to complete.
//! Only aggregated counts and job titles: no agent is named.

use parcours_graph::ReferenceData;
use parcours_import::mapping;
use parcours_import::staff::{How, Report, Title};
use parcours_planner::profile::Profile;
use serde::Serialize;

/// The answer of a successful import.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ImportAnswer<'a> {
    /// The profile, as JSON (`profile.schema.json`).
    #[schemars(with = "Profile")]
    pub profile: &'a Profile,
    /// The profile as a file to keep: commented RON (or JSON with `format=json`).
    pub profile_text: String,
    /// What the reading found.
    pub report: ImportReport,
}

/// What the reading of an export found.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ImportReport {
    /// Rows read.
    pub rows: usize,
    /// Agents read.
    pub agents: u64,
    /// Agents whose job title the reference data alone recognises.
    pub matched_by_reference: u64,
    /// Agents left out (unmatched titles, with `ignore_unmatched`).
    pub left_out: u64,
    /// The header of the job-title column.
    pub title_column: String,
    /// Columns of personal data dropped, never copied (their headers).
    pub personal_columns: Vec<String>,
    /// Columns not used (their headers).
    pub ignored_columns: Vec<String>,
    /// Notes, in French.
    pub notes: Vec<String>,
    /// The titles recognised, by title.
    pub recognised: Vec<TitleView>,
    /// The titles matching no métier, most agents first.
    pub unmatched: Vec<TitleView>,
    /// The mapping file (`titre;metier`, CSV for Excel) to complete and send back as `mapping`.
    pub mapping_template: String,
    /// How the participants of the Pix export (form field `pix`) were joined to the staff
    /// rows, when one was sent: counts only, never a name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pix: Option<PixJoinView>,
}

/// How a Pix export's participants were joined to the staff rows (counts only).
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct PixJoinView {
    /// Participants in the export.
    pub participants: usize,
    /// Agents of the staff export whose levels were measured.
    pub measured_agents: u64,
    /// Participants with a shared result and no staff row.
    pub no_staff_row: usize,
    /// Participants whose names are those of several agents (not joined).
    pub homonyms: usize,
    /// Participants who never shared their results.
    pub not_shared: usize,
    /// Participants joined to an agent whose job title matches no métier (left out).
    pub left_out: usize,
    /// Participants with several participations (the latest shared one counted).
    pub repeated: usize,
    /// How they were joined, in French: the identifier column, or the names.
    pub joined_by: String,
}

/// One distinct job title of the export.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct TitleView {
    /// As first written in the export.
    pub title: String,
    /// Its métier's id, when found.
    pub metier: Option<String>,
    /// Its métier's name, when found.
    pub metier_name: Option<String>,
    /// How it was found: `correspondance` (the mapping file), `referentiel` (the reference
    /// data) or `non-reconnu`.
    pub how: &'static str,
    /// Rows with this title.
    pub rows: usize,
    /// Agents on those rows.
    pub agents: u64,
    /// Line of its first cell in the export.
    pub line: usize,
    /// Column of its first cell.
    pub column: usize,
    /// The closest métiers, for an unmatched title.
    pub suggestions: Vec<SuggestionView>,
}

/// A métier close to an unmatched title.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct SuggestionView {
    /// Its id.
    pub metier: String,
    /// Its name.
    pub name: String,
    /// Closeness, in percent.
    pub score: u8,
}

/// The report of an import as answered (`export` names the file in the mapping template).
pub fn report(data: &ReferenceData, r: &Report, export: &str) -> ImportReport {
    let name = |id: &parcours_graph::ids::MetierId| data.metier(id).map(|m| m.name.clone());
    let view = |t: &Title| TitleView {
        title: t.title.clone(),
        metier: t.metier.as_ref().map(ToString::to_string),
        metier_name: t.metier.as_ref().and_then(name),
        how: match t.how {
            How::Mapping => "correspondance",
            How::Reference => "referentiel",
            How::Unmatched => "non-reconnu",
        },
        rows: t.rows,
        agents: t.agents,
        line: t.at.0,
        column: t.at.1,
        suggestions: t
            .suggestions
            .iter()
            .map(|s| SuggestionView {
                metier: s.metier.to_string(),
                name: name(&s.metier).unwrap_or_default(),
                score: s.score,
            })
            .collect(),
    };
    let mut recognised: Vec<&Title> = r.titles.values().filter(|t| t.metier.is_some()).collect();
    recognised.sort_by(|a, b| a.title.cmp(&b.title));
    ImportReport {
        rows: r.rows,
        agents: r.agents,
        matched_by_reference: r.matched_by_reference,
        left_out: r.left_out,
        title_column: r.title_column.clone(),
        personal_columns: r.personal.clone(),
        ignored_columns: r.ignored.clone(),
        notes: r.notes.clone(),
        recognised: recognised.into_iter().map(view).collect(),
        unmatched: r.unmatched().into_iter().map(view).collect(),
        mapping_template: mapping::template(data, r, export),
        pix: r.pix.as_ref().map(|j| PixJoinView {
            participants: j.participants,
            measured_agents: j.measured,
            no_staff_row: j.no_staff_row,
            homonyms: j.homonyms,
            not_shared: j.not_shared,
            left_out: j.left_out,
            repeated: j.repeated,
            joined_by: j.by.clone(),
        }),
    }
}
