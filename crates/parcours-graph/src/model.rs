//! The records of the reference data, exactly as the RON files hold them. One struct per file root
//! and per record; `deny_unknown_fields` everywhere so that a misspelt field is an error.
//!
//! Files (in `data/`): `effects.ron`, `recommendations.ron`, `groups.ron`, `fields.ron`,
//! `metiers.ron`, `classification.ron`, `competencies.ron`, `requirements.ron`, `catalogue.ron`,
//! `planning.ron`, `aliases.ron`.
//! Optional fields may be omitted; `Option` values are written without `Some(..)`.

use crate::ids::{
    CompetencyId, DomainId, EffectNumber, FieldId, FootnoteNumber, GroupId, MetierId, ModuleId,
    RecNumber,
};
use crate::vocab::{
    Audience, Channel, Filiere, Horizon, Level, Maturity, Modality, Nature, Provenance,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Root of `effects.ron`: the five desired effects and the study's footnotes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EffectsFile {
    /// The desired effects (*effets recherchés*).
    #[serde(deserialize_with = "crate::bounded::records")]
    pub effects: Vec<Effect>,
    /// The footnotes of the seed text (numbers 30 to 34).
    #[serde(default, deserialize_with = "crate::bounded::records")]
    pub footnotes: Vec<Footnote>,
    /// Footnotes the study attaches to its two horizons (« deux temporalités » : court terme
    /// 0-5 ans, plus long terme 5-10 ans), in the introduction of section VI.4.
    #[serde(default)]
    pub horizon_footnotes: Vec<FootnoteNumber>,
}

/// A desired effect (seed transcription).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Effect {
    /// 1 to 5.
    pub number: EffectNumber,
    /// The effect's title, in sentence case (the seed prints it in capitals).
    pub title: String,
    /// Footnotes attached to the effect's heading.
    #[serde(default, deserialize_with = "crate::bounded::entries")]
    pub footnotes: Vec<FootnoteNumber>,
}

/// A footnote of the seed text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Footnote {
    /// The footnote's number in the study.
    pub number: FootnoteNumber,
    /// Verbatim text.
    pub text: String,
}

/// A recommendation (*préconisation*): the seed transcription, then the project's reading.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    /// 1 to 41.
    pub number: RecNumber,
    /// The effect it belongs to.
    pub effect: EffectNumber,
    /// Short term (0–5 years) or long term (5–10 years).
    pub horizon: Horizon,
    /// Flagged with the ➔ pictogram.
    pub priority: bool,
    /// The lead sentence, verbatim.
    pub title: String,
    /// The text that follows the lead sentence before the sub-points, verbatim, when the
    /// seed has one (e.g. recommendation 23's parenthesis on the 42 / 20 / 33 métiers).
    #[serde(default)]
    pub continuation: Option<String>,
    /// The sub-points, verbatim, in order.
    #[serde(default, deserialize_with = "crate::bounded::entries")]
    pub points: Vec<String>,
    /// Footnotes attached to the recommendation's text.
    #[serde(default, deserialize_with = "crate::bounded::entries")]
    pub footnotes: Vec<FootnoteNumber>,
    /// The project's reading of the recommendation (not in the seed).
    pub reading: Reading,
}

/// The project's reading of a recommendation: whom it addresses, what it develops, its nature.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reading {
    /// Training or institutional.
    pub nature: Nature,
    /// Who it addresses.
    #[serde(default, deserialize_with = "crate::bounded::entries")]
    pub audiences: Vec<Audience>,
    /// The métier groups of recommendation 23 it addresses.
    #[serde(default, deserialize_with = "crate::bounded::entries")]
    pub groups: Vec<GroupId>,
    /// The competencies it develops and the level it aims at.
    #[serde(default, deserialize_with = "crate::bounded::entries")]
    pub develops: Vec<LevelTarget>,
    /// One line on why the project reads it this way.
    pub rationale: String,
}

/// A competency at a level.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct LevelTarget {
    /// The competency.
    pub competency: CompetencyId,
    /// The level.
    pub level: Level,
}

/// A métier group named by recommendation 23 (seed transcription).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MetierGroup {
    /// Stable id.
    pub id: GroupId,
    /// Short French name.
    pub name: String,
    /// The seed's wording of the group, verbatim.
    pub seed_text: String,
}

/// A field of local public action (*champ d'action publique locale*) of the CNFPT répertoire.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Stable id.
    pub id: FieldId,
    /// French name.
    pub name: String,
    /// Where the name comes from.
    pub provenance: Provenance,
}

/// A job family (*métier*).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Metier {
    /// Stable id (kebab-case, ASCII).
    pub id: MetierId,
    /// French name as the CNFPT répertoire writes it (its epicene form), or the project's name
    /// for a métier of its own.
    pub name: String,
    /// Short name for tables and charts (« Agent d'accueil », « ATSEM », « DGS »). Every
    /// métier has one (validation checks it).
    #[serde(default)]
    pub short_name: String,
    /// True when the métier is a sheet of the CNFPT répertoire des métiers territoriaux
    /// (2019 edition). Only such métiers may be members of the study's three categories; the
    /// others are the project's own (post-2019 functions, older nomenclature, split functions).
    #[serde(default)]
    pub repertoire: bool,
    /// The répertoire's code of the sheet (`E2C/07` style), where a public source shows it.
    #[serde(default)]
    pub code: Option<String>,
    /// Other names users and HR exports give the métier (short names, acronyms, job titles,
    /// older répertoire names), each with its source where one exists. Used to match job
    /// titles to métiers.
    #[serde(default)]
    pub aliases: Vec<Alias>,
    /// Ids the métier had before it was renamed or re-identified: profiles and mapping files
    /// that use them keep working ([`crate::data::ReferenceData::metier`] resolves them).
    #[serde(default)]
    pub former_ids: Vec<FormerId>,
    /// Its field of local public action.
    pub field: FieldId,
    /// Its main statutory stream.
    pub filiere: Filiere,
    /// The groups of recommendation 23 it belongs to (project's reading).
    #[serde(default, deserialize_with = "crate::bounded::entries")]
    pub groups: Vec<GroupId>,
    /// The cross-cutting roles it holds (managers, HR, IT, support functions, mediators…).
    #[serde(default, deserialize_with = "crate::bounded::entries")]
    pub roles: Vec<Audience>,
    /// National headcount, where a public figure exists.
    #[serde(default)]
    pub headcount: Option<Headcount>,
    /// Access requires a specific diploma, licence or competitive exam (DE, CAP AEPE, police,
    /// fire and rescue…): digital training alone cannot lead there, so it is never proposed
    /// as a reconversion target.
    #[serde(default)]
    pub regulated: bool,
    /// Where the name and description come from.
    pub provenance: Provenance,
}

/// One group of `aliases.ron`: job titles that collectivities and HR software use, each
/// pointing to a métier, with the group's source. `judgment` marks a group that is the
/// project's own reading (a usual title matched to the closest métier), not a published list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AliasGroup {
    /// Where the titles come from (a statute, a published list), or why the project matched
    /// them when `judgment` is true.
    pub source: String,
    /// True when the matching is the project's judgment rather than a published fact.
    #[serde(default)]
    pub judgment: bool,
    /// The titles, by métier.
    #[serde(deserialize_with = "crate::bounded::records")]
    pub aliases: Vec<TitleAliases>,
}

/// Job titles that name one métier (in `aliases.ron`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TitleAliases {
    /// The métier.
    pub metier: MetierId,
    /// The titles as found in exports (« Agent d'accueil mairie », « Ripeur »).
    #[serde(deserialize_with = "crate::bounded::entries")]
    pub names: Vec<String>,
}

/// Another name of a métier.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Alias {
    /// The name as users type it (« ATSEM », « instructeur ADS », « agent d'accueil »).
    pub name: String,
    /// Where the name comes from (a statute, a répertoire sheet, a law), when it is not plain
    /// usage.
    #[serde(default)]
    pub source: Option<String>,
}

/// An id a métier had before, kept so that existing profiles keep working.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FormerId {
    /// The former id.
    pub id: MetierId,
    /// Why the id changed (in French, shown to users).
    pub note: String,
}

/// A national headcount with its source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Headcount {
    /// Number of agents.
    pub agents: u32,
    /// Year of the figure.
    pub year: u16,
    /// Public source.
    pub source: String,
}

/// Root of `classification.ron`: the three categories of recommendation 23.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClassificationFile {
    /// Where the lists come from (the official lists are not public).
    pub provenance: Provenance,
    /// The totals the study declares.
    pub declared: DeclaredTotals,
    /// Sensitive métiers.
    #[serde(deserialize_with = "crate::bounded::records")]
    pub sensitive: Vec<Assignment>,
    /// Métiers with the largest headcount.
    #[serde(deserialize_with = "crate::bounded::records")]
    pub high_headcount: Vec<Assignment>,
    /// Métiers whose headcount may shrink.
    #[serde(deserialize_with = "crate::bounded::records")]
    pub shrinking: Vec<Assignment>,
}

/// The category totals the study declares (42 / 20 / 33).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeclaredTotals {
    /// Declared number of sensitive métiers.
    pub sensitive: u32,
    /// Declared number of high-headcount métiers.
    pub high_headcount: u32,
    /// Declared number of shrinking métiers.
    pub shrinking: u32,
}

/// One métier placed in a category, with the reason.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assignment {
    /// The métier.
    pub metier: MetierId,
    /// Why it is in the category, from the study's criteria. A métier both sensitive and
    /// shrinking carries one rationale that explains both readings, the same in both lists.
    pub rationale: String,
    /// For a high-headcount member whose métier has no public headcount: how it was ranked
    /// (a figure is never invented).
    #[serde(default)]
    pub ranked_by: Option<String>,
}

/// Root of `competencies.ron`: levels, the Pix mapping, domains and competencies.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompetenciesFile {
    /// What each of the three levels means in general.
    #[serde(deserialize_with = "crate::bounded::records")]
    pub levels: Vec<LevelMeaning>,
    /// How Pix levels (0–8) map to the three levels.
    pub pix_mapping: PixMapping,
    /// Competency domains.
    #[serde(deserialize_with = "crate::bounded::records")]
    pub domains: Vec<Domain>,
    /// Competencies.
    #[serde(deserialize_with = "crate::bounded::records")]
    pub competencies: Vec<Competency>,
}

/// The general meaning of a level.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelMeaning {
    /// The level.
    pub level: Level,
    /// What it means, in French.
    pub meaning: String,
}

/// Mapping from a Pix level (0–8) to the three levels.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PixMapping {
    /// One entry per Pix level 0..=8; `None` means below *socle*.
    #[serde(deserialize_with = "crate::bounded::entries")]
    pub levels: Vec<PixLevel>,
    /// Why this mapping.
    pub provenance: Provenance,
}

/// One Pix level and the level it counts as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PixLevel {
    /// Pix level, 0 to 8.
    pub pix: u8,
    /// The level it counts as, none when below *socle*.
    #[serde(default)]
    pub level: Option<Level>,
}

/// A competency domain.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    /// Stable id.
    pub id: DomainId,
    /// French name.
    pub name: String,
    /// True for the core (the 16 Pix competences): every agent needs *socle* there.
    pub core: bool,
    /// Where it comes from.
    pub provenance: Provenance,
}

/// A competency, with the levels at which it makes sense.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Competency {
    /// Stable id.
    pub id: CompetencyId,
    /// Its domain.
    pub domain: DomainId,
    /// French name.
    pub name: String,
    /// The Pix competence code (`"1.1"`…`"5.2"`) for core competencies.
    #[serde(default)]
    pub pix: Option<String>,
    /// Lowest level that makes sense.
    pub min: Level,
    /// Highest level that makes sense.
    pub max: Level,
    /// What each level in `min..=max` means for this competency.
    #[serde(deserialize_with = "crate::bounded::entries")]
    pub levels: Vec<LevelMeaning>,
    /// The métiers whose role fits this competency's *expertise* level as defined above (a
    /// referent who designs, pilots or sets the rules for the collectivity): only they may
    /// have an *expertise* target in it. Empty: no métier may.
    #[serde(default)]
    pub expertise_holders: Vec<MetierId>,
    /// Where it comes from.
    pub provenance: Provenance,
}

/// Root of `requirements.ron`: target levels per métier at 5 and 10 years.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RequirementsFile {
    /// Why these targets.
    pub provenance: Provenance,
    /// Targets every agent has, whatever the métier (the common core): what the métiers
    /// farthest from digital need too. Also the core of the métiers a profile declares.
    #[serde(deserialize_with = "crate::bounded::records")]
    pub core: Vec<Target>,
    /// The core of each family of métiers, on top of the common core (recommendations 6 and
    /// 24: a core that fits the métier).
    #[serde(default)]
    pub families: Vec<CoreFamily>,
    /// Job-specific targets, one entry per métier.
    #[serde(deserialize_with = "crate::bounded::records")]
    pub metiers: Vec<MetierRequirements>,
}

/// A family of métiers and the core targets its agents have on top of the common core.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CoreFamily {
    /// Stable id (`terrain`, `relation`, `bureau`, `numerique`).
    pub id: String,
    /// French name.
    pub name: String,
    /// Its targets, added to the common core (Pix competences only).
    pub targets: Vec<Target>,
    /// Where these targets come from.
    pub rationale: String,
}

/// The job-specific targets of one métier.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MetierRequirements {
    /// The métier.
    pub metier: MetierId,
    /// Its family of métiers (`families` of the file), whose core targets it has.
    #[serde(default)]
    pub family: Option<String>,
    /// Its targets.
    #[serde(deserialize_with = "crate::bounded::entries")]
    pub targets: Vec<Target>,
    /// One line on why.
    pub rationale: String,
}

/// A target level for a competency at 5 years and at 10 years.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// The competency.
    pub competency: CompetencyId,
    /// Level expected at 5 years (none: not yet expected).
    #[serde(default)]
    pub year5: Option<Level>,
    /// Level expected at 10 years.
    pub year10: Level,
}

/// A training module of the catalogue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Module {
    /// Stable id.
    pub id: ModuleId,
    /// French title.
    pub title: String,
    /// The competency it develops.
    pub competency: CompetencyId,
    /// The level it brings an agent to (from the level just below).
    pub level: Level,
    /// Explicit prerequisites, beyond the level just below in the same competency.
    #[serde(default, deserialize_with = "crate::bounded::entries")]
    pub prerequisites: Vec<Prerequisite>,
    /// Duration in hours.
    pub hours: u32,
    /// Delivery modality.
    pub modality: Modality,
    /// Minimum participants per session.
    pub min_participants: u32,
    /// Maximum participants per session.
    pub max_participants: u32,
    /// The funding channels that offer it, when they differ from the default rule of
    /// `planning.ron` (`funding.default_channels`; a self-training module: self-training only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<Channel>,
    /// Who it is for.
    #[serde(default, deserialize_with = "crate::bounded::entries")]
    pub audience: Vec<Audience>,
    /// The recommendations it implements.
    #[serde(deserialize_with = "crate::bounded::entries")]
    pub recommendations: Vec<RecNumber>,
    /// Where it comes from (catalogue modules are the project's).
    pub provenance: Provenance,
}

/// A prerequisite of a module.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub enum Prerequisite {
    /// A competency at a level.
    Competency {
        /// The competency.
        competency: CompetencyId,
        /// The level required.
        level: Level,
    },
    /// Another module.
    Module(ModuleId),
}

/// Root of `planning.ron`: the planner's parameters — score weights, the four maturity stages
/// that default current levels, the tracks for elected officials and managers, and the length
/// of a training day. All the project's, documented in `docs/planning.md`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanningFile {
    /// Why these parameters.
    pub provenance: Provenance,
    /// Hours in one training day (a CNFPT day is about 6 hours).
    pub hours_per_day: u32,
    /// Weights of the priority score's components.
    pub weights: ScoreWeights,
    /// Default current levels by maturity stage.
    #[serde(deserialize_with = "crate::bounded::records")]
    pub maturity: Vec<MaturityStage>,
    /// Tracks for populations that are not métiers (elected officials, managers).
    #[serde(default, deserialize_with = "crate::bounded::records")]
    pub tracks: Vec<Track>,
    /// Share of a métier's agents (percent, at least one agent) brought to an *expertise*
    /// target: expertise is for referents, not whole teams.
    pub expertise_share_percent: u32,
    /// Funding channels and their prices.
    pub funding: Funding,
    /// The legal minimum durations of statutory training, from which a profile's statutory
    /// reserve follows when it gives counts (see `docs/planning.md`).
    pub statutory: StatutoryDurations,
}

/// Funding channels and prices (`planning.ron`, `funding`): which channels offer a module
/// that does not list its own, the default prices (a profile may give its own) and the CNFPT
/// levy's rate. See `docs/planning.md`, "Funding channels".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Funding {
    /// Why these prices and this rule.
    pub provenance: Provenance,
    /// The channels offering a module that is not self-training and lists none.
    pub default_channels: Vec<Channel>,
    /// Euros per session-day of a tailor-made (*intra*) session.
    pub intra_per_session_day: u32,
    /// Euros per trainee-day at a paying body (a profile's `budget.cost_per_day` replaces it).
    pub paying_body_per_trainee_day: u32,
    /// Euros per agent of a self-training licence.
    pub licence_per_agent: u32,
    /// The CNFPT levy, in hundredths of a percent of the payroll (90 = 0.9 %).
    pub levy_basis_points: u32,
}

/// The minimum durations of the statutory training of territorial civil servants (décret
/// n° 2008-512 and the statutes of the cadres d'emplois), in training days, with their source:
/// what a collectivity must reserve out of its training budget before any other training.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatutoryDurations {
    /// Where the durations come from (the legal texts).
    pub provenance: Provenance,
    /// *Formation d'intégration*, per newly appointed civil servant, by hierarchical category.
    pub integration: DaysByGrade,
    /// *Formation de professionnalisation au premier emploi* (within two years of the
    /// appointment), minimum per newly appointed civil servant, by hierarchical category.
    pub first_job: DaysByGrade,
    /// *Formation de professionnalisation tout au long de la carrière*: minimum days per civil
    /// servant and period.
    pub career_days: u32,
    /// … the period, in years.
    pub career_period_years: u32,
    /// *Formation de professionnalisation à la prise d'un poste à responsabilité* (within six
    /// months), minimum days per agent taking such a post.
    pub responsibility: u32,
}

/// Training days for each hierarchical category of the civil service (A, B, C).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DaysByGrade {
    /// Category A.
    pub a: u32,
    /// Category B.
    pub b: u32,
    /// Category C.
    pub c: u32,
}

impl DaysByGrade {
    /// The three values with their category's letter, A first.
    pub fn by_letter(&self) -> [(&'static str, u32); 3] {
        [("A", self.a), ("B", self.b), ("C", self.c)]
    }
}

/// Integer weights of the priority score (see `docs/planning.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScoreWeights {
    /// Every need starts with this.
    pub base: u32,
    /// Added when a priority (➔) recommendation justifies the need.
    pub priority: u32,
    /// Added for a short-term need (due at 5 years).
    pub short_term: u32,
    /// Added when the population is a sensitive métier.
    pub sensitive: u32,
    /// Added when the population is a high-headcount métier.
    pub high_headcount: u32,
    /// Added when the population is a shrinking métier.
    pub shrinking: u32,
    /// Times the integer square root of the agents who need it.
    pub per_sqrt_agent: u32,
    /// Times the number of levels its agents still miss to their 10-year target (this one
    /// included): foundations score higher.
    pub per_missing_level: u32,
}

/// One maturity stage and the levels it implies when the profile gives none.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MaturityStage {
    /// The stage.
    pub stage: Maturity,
    /// What it looks like, in French.
    pub description: String,
    /// Shares of agents at each level in the core (Pix) competencies.
    pub core: Shares,
    /// Shares of agents at each level in job-specific competencies.
    pub specific: Shares,
}

/// Shares of agents at each level, in percent (they add up to 100).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Shares {
    /// Below *socle*.
    #[serde(default)]
    pub none: u32,
    /// At *socle*.
    #[serde(default)]
    pub socle: u32,
    /// At *approfondissement*.
    #[serde(default)]
    pub approfondissement: u32,
    /// At *expertise*.
    #[serde(default)]
    pub expertise: u32,
}

impl Shares {
    /// The four shares, lowest level first.
    pub fn as_array(&self) -> [u32; 4] {
        [
            self.none,
            self.socle,
            self.approfondissement,
            self.expertise,
        ]
    }
}

/// A population that is not a métier: elected officials, or managers of every level.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Track {
    /// Stable id (`elus`, `encadrants`).
    pub id: String,
    /// French name.
    pub name: String,
    /// The audience it stands for (`ElectedOfficials`, `Managers`).
    pub audience: Audience,
    /// Its targets.
    #[serde(deserialize_with = "crate::bounded::entries")]
    pub targets: Vec<Target>,
    /// Why these targets.
    pub rationale: String,
}
