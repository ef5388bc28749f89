//! The collectivity profile: who the collectivity is, its staff per métier and their current
//! levels, its managers and elected officials, its training budget and options. Built in code
//! (`Profile::new` and the parts' constructors) or read from text by `parcours-import`, then
//! checked against the reference data ([`crate::check`]); every problem is a
//! [`parcours_graph::diagnostic::Diagnostic`] naming the file, the line and column and the field
//! path.

use crate::bounded;
use parcours_graph::ids::{CompetencyId, EffectNumber, FieldId, GroupId, MetierId, ModuleId};
use parcours_graph::model::{Shares, Target};
use parcours_graph::vocab::{Audience, Category, Filiere, Level, Maturity};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Sane limits: beyond them an input is taken for a mistake, not a plan.
pub mod limits {
    /// Most agents on one staff line.
    pub const MAX_HEADCOUNT: u32 = 200_000;
    /// Most agents in one profile (the largest French employer has about 60,000).
    pub const MAX_TOTAL_AGENTS: u64 = 500_000;
    /// Most staff lines. Each names its own métier, so a valid profile has at most the
    /// reference métiers (152 shipped; the CNFPT répertoire has 251) and its custom ones.
    pub const MAX_STAFF_LINES: usize = 500;
    /// Most custom métiers.
    pub const MAX_CUSTOM_METIERS: usize = 200;
    /// Most current levels on one staff line, and targets of one custom métier (each names
    /// its own competency: 58 shipped).
    pub const MAX_LEVELS: usize = 100;
    /// Most module ids in one list (`done_modules` of the profile or of a staff line,
    /// `excluded_modules`; 148 modules shipped).
    pub const MAX_MODULES: usize = 500;
    /// Most effect weights, and groups, roles or categories of one custom métier (5 effects,
    /// 7 groups, a few roles and 3 categories shipped).
    pub const MAX_TAGS: usize = 50;
    /// Longest line of a staff CSV, in characters (a row of a hundred columns of 200
    /// characters is 20,000).
    pub const MAX_CSV_LINE: usize = 100_000;
    /// Most trainee-days in a year's budget.
    pub const MAX_DAYS_PER_YEAR: u32 = 5_000_000;
    /// Most sessions, or trainer-days, a training service may give in a year.
    pub const MAX_CAPACITY: u32 = 1_000_000;
    /// Most training days for one agent in a year.
    pub const MAX_DAYS_PER_AGENT: u32 = 100;
    /// Longest horizon, in years.
    pub const MAX_HORIZON: u16 = 30;
    /// Largest effect weight, in percent.
    pub const MAX_EFFECT_PERCENT: u32 = 1_000;
    /// Largest cost of a trainee-day, in euros.
    pub const MAX_COST_PER_DAY: u32 = 100_000;
    /// Largest price of an intra session-day, in euros.
    pub const MAX_SESSION_DAY_PRICE: u32 = 1_000_000;
    /// Largest licence price per agent, in euros.
    pub const MAX_LICENCE: u32 = 100_000;
    /// Largest payroll, in euros (the largest French local employer's is a few billion).
    pub const MAX_PAYROLL: u64 = 100_000_000_000;
    /// Largest population.
    pub const MAX_POPULATION: u32 = 100_000_000;
    /// Most agents of one count of the statutory section (recruitments of a category, posts of
    /// responsibility, civil servants in career-long training): the most agents in a profile.
    pub const MAX_STATUTORY_AGENTS: u32 = 500_000;
    /// Most problems shown for one profile; the others are only counted.
    pub const MAX_PROBLEMS: usize = parcours_graph::diagnostic::MAX_SHOWN;
    /// Most elected officials or managers.
    pub const MAX_TRACK_PEOPLE: u32 = 100_000;
    /// Longest name, of the collectivity or of a declared métier, in characters (the longest
    /// reference métier name has 80; a spreadsheet cell holds 32,767).
    pub const MAX_NAME_CHARS: usize = 200;
    /// Longest id (of a declared métier, of the intercommunality, any other id or code), in
    /// characters (the longest reference id has 44).
    pub const MAX_ID_CHARS: usize = 100;
}

/// The kinds of French local employers.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub enum CollectivityKind {
    /// Commune.
    Commune,
    /// Intercommunality (EPCI: communauté de communes, d'agglomération, urbaine, métropole).
    Intercommunality,
    /// Département.
    Department,
    /// Région.
    Region,
    /// Centre communal or intercommunal d'action sociale (CCAS / CIAS).
    SocialActionCentre,
    /// Service départemental d'incendie et de secours (SDIS).
    FireAndRescue,
    /// Centre de gestion de la fonction publique territoriale.
    ManagementCentre,
    /// Any other local public employer (syndicat, établissement public…).
    Other,
}

impl CollectivityKind {
    /// French label.
    pub fn label(self) -> &'static str {
        match self {
            CollectivityKind::Commune => "commune",
            CollectivityKind::Intercommunality => "intercommunalité",
            CollectivityKind::Department => "département",
            CollectivityKind::Region => "région",
            CollectivityKind::SocialActionCentre => "CCAS / CIAS",
            CollectivityKind::FireAndRescue => "SDIS",
            CollectivityKind::ManagementCentre => "centre de gestion",
            CollectivityKind::Other => "autre établissement",
        }
    }
    /// Every kind, in the order the command line lists them.
    pub const ALL: [CollectivityKind; 8] = [
        CollectivityKind::Commune,
        CollectivityKind::Intercommunality,
        CollectivityKind::Department,
        CollectivityKind::Region,
        CollectivityKind::SocialActionCentre,
        CollectivityKind::FireAndRescue,
        CollectivityKind::ManagementCentre,
        CollectivityKind::Other,
    ];
    /// Stable machine name, the word the command line takes (`social-action-centre`).
    pub fn key(self) -> &'static str {
        match self {
            CollectivityKind::Commune => "commune",
            CollectivityKind::Intercommunality => "intercommunality",
            CollectivityKind::Department => "department",
            CollectivityKind::Region => "region",
            CollectivityKind::SocialActionCentre => "social-action-centre",
            CollectivityKind::FireAndRescue => "fire-and-rescue",
            CollectivityKind::ManagementCentre => "management-centre",
            CollectivityKind::Other => "other",
        }
    }
    /// What the command line's help says of it.
    pub fn help(self) -> &'static str {
        match self {
            CollectivityKind::Commune => "Commune",
            CollectivityKind::Intercommunality => "Intercommunalité (EPCI)",
            CollectivityKind::Department => "Département",
            CollectivityKind::Region => "Région",
            CollectivityKind::SocialActionCentre => "CCAS / CIAS",
            CollectivityKind::FireAndRescue => "SDIS",
            CollectivityKind::ManagementCentre => "Centre de gestion",
            CollectivityKind::Other => "Autre",
        }
    }
}

/// A collectivity profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Profile {
    /// Name of the collectivity.
    pub name: String,
    /// Its kind.
    pub kind: CollectivityKind,
    /// Inhabitants.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<u32>,
    /// INSEE code of its commune (`"35238"`, `"2A004"`) for a commune or its CCAS: in batch
    /// runs, the department and the intercommunality the profile does not give follow from it
    /// on the administrative map.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commune: Option<String>,
    /// Department code (`"35"`, `"2A"`, `"974"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// The intercommunality the collectivity belongs to (any stable id, e.g. its SIREN), used
    /// to pool under-filled sessions in batch runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intercommunality: Option<String>,
    /// Calendar year of the plan's year 1.
    pub first_year: u16,
    /// Digital maturity, used to default current levels that the staff lines do not give.
    #[serde(default)]
    pub maturity: Maturity,
    /// Staff per métier.
    #[serde(deserialize_with = "bounded::staff_lines")]
    pub staff: Vec<StaffLine>,
    /// Managers of every level to train in the managerial track (effect 2).
    #[serde(default)]
    pub managers: u32,
    /// Elected officials to train in their track (effect 2).
    #[serde(default)]
    pub elected_officials: u32,
    /// Training budget.
    pub budget: Budget,
    /// Horizon in years (years 1–5 are the short term, 6–10 the long term).
    #[serde(default = "default_horizon")]
    pub horizon: u16,
    /// Weights per effect, in percent (100 when absent).
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "bounded::effect_weights"
    )]
    pub effect_weights: Vec<EffectWeight>,
    /// Modules the agents have already followed: their levels count as reached.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "bounded::done_modules"
    )]
    pub done_modules: Vec<ModuleId>,
    /// Modules not to use (another provider is chosen when there is one).
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "bounded::excluded_modules"
    )]
    pub excluded_modules: Vec<ModuleId>,
    /// Métiers of the staff whose agents have no workstation (road, collège, cleaning): no
    /// self-training for them; their *socle* goes through in-person or blended modules.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "bounded::metier_list"
    )]
    pub without_workstation: Vec<MetierId>,
    /// The share of a métier's agents brought to *expertise* in a competency (its referents), in
    /// percent, instead of the reference data's `expertise_share_percent` (10): at most
    /// max(1, ⌈share × headcount⌉) agents of a métier reach expertise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expertise_share_percent: Option<u32>,
    /// Put the core *socle* for every agent by year 5 first, before the coverage of the ➔
    /// recommendations (« priorité au socle pour tous »; recommendations 6 and 24 speak of the
    /// agents farthest from digital). Off by default: the study's order.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub socle_first: bool,
    /// Métiers the reference data lacks, declared with their requirements.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "bounded::custom_metiers"
    )]
    pub custom_metiers: Vec<CustomMetier>,
    /// How training is funded: the collectivity's own prices, its preference for CNFPT
    /// inter-collectivity sessions, its payroll (see `docs/planning.md`, "Funding channels").
    #[serde(default, skip_serializing_if = "Funding::is_default")]
    pub funding: Funding,
    /// The statutory training to fund out of the training budget before the digital plan
    /// (none when absent): the days to reserve each year, or the counts they follow from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statutory: Option<Statutory>,
    /// What measured the staff lines' `measured` current levels (a Pix campaign), for the
    /// reports to say where the current levels come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measured_by: Option<MeasuredBy>,
    /// Groups of métiers whose agents train together (a directorate's, say): a session
    /// gathers agents of one group; the métiers no group names form one more group, each
    /// track one of its own. None: one group for all (see [`crate::sessions`]).
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "bounded::session_groups"
    )]
    pub session_groups: Vec<SessionGroup>,
}

/// The tool that measured agents' current levels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum MeasuredBy {
    /// A profile-collection campaign of Pix Orga.
    Pix,
}

impl MeasuredBy {
    /// The tool's name, for the reports.
    pub fn label(self) -> &'static str {
        match self {
            MeasuredBy::Pix => "Pix",
        }
    }
}

/// A group of métiers whose agents train together.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SessionGroup {
    /// Its name, as the reports show it (« Routes », « Collèges »).
    pub name: String,
    /// Its métiers, each a métier of the profile's staff.
    #[serde(deserialize_with = "bounded::group_metiers")]
    pub metiers: Vec<MetierId>,
}

impl SessionGroup {
    /// The group `name` of `metiers`.
    pub fn new(name: impl Into<String>, metiers: Vec<MetierId>) -> SessionGroup {
        SessionGroup {
            name: name.into(),
            metiers,
        }
    }
}

fn default_horizon() -> u16 {
    10
}

impl Profile {
    /// A profile with no staff: the collectivity's name, kind, the calendar year of the plan's
    /// year 1 and its budget; a maturity of [`Maturity::Developing`], a horizon of 10 years and
    /// no other field. Fill in the others (they are public), then check it
    /// ([`crate::check::CheckedProfile::new`]).
    pub fn new(
        name: impl Into<String>,
        kind: CollectivityKind,
        first_year: u16,
        budget: Budget,
    ) -> Profile {
        Profile {
            name: name.into(),
            kind,
            population: None,
            commune: None,
            department: None,
            intercommunality: None,
            first_year,
            maturity: Maturity::default(),
            staff: Vec::new(),
            managers: 0,
            elected_officials: 0,
            budget,
            horizon: default_horizon(),
            effect_weights: Vec::new(),
            done_modules: Vec::new(),
            excluded_modules: Vec::new(),
            without_workstation: Vec::new(),
            expertise_share_percent: None,
            socle_first: false,
            custom_metiers: Vec::new(),
            funding: Funding::default(),
            statutory: None,
            measured_by: None,
            session_groups: Vec::new(),
        }
    }

    /// A profile with one agent of each of `metiers` and nothing else (used to precompute
    /// what depends on métiers only).
    pub fn for_metiers(metiers: impl Iterator<Item = MetierId>) -> Profile {
        let mut p = Profile::new(
            String::new(),
            CollectivityKind::Other,
            2027,
            Budget::new(0, 0),
        );
        p.staff = metiers.map(|m| StaffLine::new(m, 1)).collect();
        p
    }
}

/// Staff of one métier.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct StaffLine {
    /// The métier (reference or custom id).
    pub metier: MetierId,
    /// Number of agents.
    pub headcount: u32,
    /// Current levels, per competency; competencies not listed default from the maturity.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "bounded::levels"
    )]
    pub levels: Vec<CurrentLevel>,
    /// Modules this métier's agents have already followed (in addition to the profile's
    /// `done_modules`, which apply to everyone).
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "bounded::done_modules"
    )]
    pub done_modules: Vec<ModuleId>,
    /// Most days of training per agent and year for this métier, instead of the budget's
    /// `max_days_per_agent` (specialists whose training runs longer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_days_per_agent: Option<u32>,
}

impl StaffLine {
    /// `headcount` agents of `metier`, at the levels the profile's maturity gives.
    pub fn new(metier: MetierId, headcount: u32) -> StaffLine {
        StaffLine {
            metier,
            headcount,
            levels: Vec::new(),
            done_modules: Vec::new(),
            max_days_per_agent: None,
        }
    }
}

/// The current level of a métier's agents in one competency: one level for all, the shares of
/// agents at each level (percent), the counts of agents at each level (adding up to the
/// headcount), a Pix score (0–8) for all, or the counts of the agents whose level was measured
/// (adding up to at most the headcount; the others' levels come from the maturity). Exactly one
/// of the five.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CurrentLevel {
    /// The competency.
    pub competency: CompetencyId,
    /// Every agent at this level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// Shares of agents at each level, in percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shares: Option<Shares>,
    /// Number of agents at each level (they add up to the headcount).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counts: Option<Shares>,
    /// A Pix score, 0 to 8, for every agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pix: Option<u8>,
    /// Number of agents at each level as measured (a Pix campaign): they add up to at most the
    /// headcount, and the agents not measured are at the levels the maturity gives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measured: Option<Shares>,
}

impl CurrentLevel {
    /// Every agent at `level` in `competency`.
    pub fn level(competency: CompetencyId, level: Level) -> CurrentLevel {
        CurrentLevel {
            competency,
            level: Some(level),
            ..CurrentLevel::default()
        }
    }

    /// The shares of agents (percent) at each level in `competency`.
    pub fn shares(competency: CompetencyId, shares: Shares) -> CurrentLevel {
        CurrentLevel {
            competency,
            shares: Some(shares),
            ..CurrentLevel::default()
        }
    }

    /// The numbers of agents at each level in `competency` (adding up to the headcount).
    pub fn counts(competency: CompetencyId, counts: Shares) -> CurrentLevel {
        CurrentLevel {
            competency,
            counts: Some(counts),
            ..CurrentLevel::default()
        }
    }

    /// A Pix score (0 to 8) for every agent in `competency`.
    pub fn pix(competency: CompetencyId, score: u8) -> CurrentLevel {
        CurrentLevel {
            competency,
            pix: Some(score),
            ..CurrentLevel::default()
        }
    }

    /// The numbers of agents measured at each level in `competency` (at most the headcount;
    /// the others at the maturity's levels).
    pub fn measured(competency: CompetencyId, counts: Shares) -> CurrentLevel {
        CurrentLevel {
            competency,
            measured: Some(counts),
            ..CurrentLevel::default()
        }
    }
}

/// The training budget.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Budget {
    /// Trainee-days available per year (one agent for one day is one trainee-day).
    pub days_per_year: u32,
    /// Most training days one agent may spend in a year.
    pub max_days_per_agent: u32,
    /// Price of a trainee-day at a paying body (not the CNFPT), in euros, instead of the
    /// reference data's (`planning.ron`, `funding.paying_body_per_trainee_day`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_per_day: Option<u32>,
    /// Euros a year for paid actions (intra sessions, paying bodies, licences): the plan's
    /// cost never exceeds it; none means no limit in euros.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub euros_per_year: Option<u32>,
    /// The share of the budget the digital plan may use, in percent (100 when absent): the
    /// digital plan has min(share × `days_per_year`, `days_per_year` − statutory reserve).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digital_share_percent: Option<u32>,
    /// Most days of training per person and year in the managers' track, instead of
    /// `max_days_per_agent`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub managers_max_days_per_agent: Option<u32>,
    /// Most days of training per person and year in the elected officials' track, instead of
    /// `max_days_per_agent`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elected_max_days_per_agent: Option<u32>,
    /// The training service's capacity: most sessions with a trainer (not self-training) it
    /// can hold in a year. Not with `trainer_days_per_year`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sessions_per_year: Option<u32>,
    /// The training service's capacity: most trainer-days (a session of one day is one
    /// trainer-day) it can hold in a year. Not with `sessions_per_year`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trainer_days_per_year: Option<u32>,
}

impl Budget {
    /// `days_per_year` trainee-days a year, at most `max_days_per_agent` days for one agent in
    /// a year, no price.
    pub fn new(days_per_year: u32, max_days_per_agent: u32) -> Budget {
        Budget {
            days_per_year,
            max_days_per_agent,
            cost_per_day: None,
            euros_per_year: None,
            digital_share_percent: None,
            managers_max_days_per_agent: None,
            elected_max_days_per_agent: None,
            sessions_per_year: None,
            trainer_days_per_year: None,
        }
    }

    /// The share of the budget the digital plan may use, in percent (100 by default).
    pub fn digital_share(&self) -> u32 {
        self.digital_share_percent.unwrap_or(100)
    }
}

/// The statutory training a collectivity funds out of its training budget (décret
/// n° 2008-512): the trainee-days to reserve each year, or the counts of agents they follow
/// from — at the legal minimum durations of the reference data (`planning.ron`, `statutory`).
/// One or the other, never both. Counts only: no agent is named.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Statutory {
    /// Trainee-days to reserve each year, as the collectivity counts them (instead of the
    /// counts below).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_per_year: Option<u32>,
    /// Civil servants expected to be appointed (*nommés stagiaires*) in a cadre d'emplois each
    /// year, by hierarchical category: each follows the *formation d'intégration* and the
    /// *professionnalisation au premier emploi*.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recruitments: Option<PerGrade>,
    /// Agents taking a post of responsibility each year (*professionnalisation à la prise d'un
    /// poste à responsabilité*).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsibility_posts: Option<u32>,
    /// Civil servants in post, subject to the *professionnalisation tout au long de la
    /// carrière* (a few days per five-year period).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub career_headcount: Option<u32>,
}

impl Statutory {
    /// `days` trainee-days reserved each year, as the collectivity counts them.
    pub fn days(days: u32) -> Statutory {
        Statutory {
            days_per_year: Some(days),
            ..Statutory::default()
        }
    }

    /// The reserve that follows from counts: `recruitments` appointed each year by category,
    /// `responsibility_posts` agents taking a post of responsibility each year,
    /// `career_headcount` civil servants in post.
    pub fn counts(
        recruitments: PerGrade,
        responsibility_posts: u32,
        career_headcount: u32,
    ) -> Statutory {
        Statutory {
            days_per_year: None,
            recruitments: Some(recruitments),
            responsibility_posts: Some(responsibility_posts),
            career_headcount: Some(career_headcount),
        }
    }

    /// Whether any count is given (recruitments, posts of responsibility, career headcount).
    pub fn has_counts(&self) -> bool {
        self.recruitments.is_some()
            || self.responsibility_posts.is_some()
            || self.career_headcount.is_some()
    }
}

/// A number of agents for each hierarchical category of the civil service (0 when absent).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PerGrade {
    /// Category A.
    #[serde(default)]
    pub a: u32,
    /// Category B.
    #[serde(default)]
    pub b: u32,
    /// Category C.
    #[serde(default)]
    pub c: u32,
}

impl PerGrade {
    /// `a`, `b` and `c` agents in categories A, B and C.
    pub fn new(a: u32, b: u32, c: u32) -> PerGrade {
        PerGrade { a, b, c }
    }

    /// The three values with their category's letter, A first.
    pub fn by_letter(&self) -> [(&'static str, u32); 3] {
        [("A", self.a), ("B", self.b), ("C", self.c)]
    }
}

/// How the collectivity funds training: prices instead of the reference data's, a preference
/// for CNFPT inter-collectivity sessions, the payroll the CNFPT levy is computed on.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Funding {
    /// Send groups that could fill a tailor-made (*intra*) session to CNFPT inter-collectivity
    /// sessions instead, where the module has some.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub prefer_inter: bool,
    /// Euros per session-day of an intra session, instead of the reference data's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intra_per_session_day: Option<u32>,
    /// Euros per agent of a self-training licence, instead of the reference data's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence_per_agent: Option<u32>,
    /// Yearly payroll (*masse salariale*) in euros: the reports show the CNFPT levy it pays.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payroll_euros: Option<u64>,
}

impl Funding {
    /// Nothing given: the reference data's prices, no preference, no payroll.
    pub fn is_default(&self) -> bool {
        *self == Funding::default()
    }
}

/// The weight of an effect in the priority score, in percent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct EffectWeight {
    /// The effect (1 to 5).
    pub effect: EffectNumber,
    /// Its weight in percent (100 = neutral).
    pub percent: u32,
}

impl EffectWeight {
    /// `effect` weighs `percent` percent (100 = neutral).
    pub fn new(effect: EffectNumber, percent: u32) -> EffectWeight {
        EffectWeight { effect, percent }
    }
}

/// A métier the reference data lacks, declared in the profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CustomMetier {
    /// Its id (must not clash with a reference métier).
    pub id: MetierId,
    /// French name.
    pub name: String,
    /// Field of local public action, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<FieldId>,
    /// Statutory stream, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filiere: Option<Filiere>,
    /// Groups of recommendation 23.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "bounded::groups"
    )]
    pub groups: Vec<GroupId>,
    /// Roles it holds.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "bounded::roles"
    )]
    pub roles: Vec<Audience>,
    /// Categories of recommendation 23 it belongs to.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "bounded::categories"
    )]
    pub categories: Vec<Category>,
    /// Job-specific targets (the core targets are added).
    #[serde(deserialize_with = "bounded::targets")]
    pub targets: Vec<Target>,
}

impl CustomMetier {
    /// A métier named `name` under the id `id`, with these job-specific targets, in no
    /// field, stream, group, role or category.
    pub fn new(id: MetierId, name: impl Into<String>, targets: Vec<Target>) -> CustomMetier {
        CustomMetier {
            id,
            name: name.into(),
            field: None,
            filiere: None,
            groups: Vec::new(),
            roles: Vec::new(),
            categories: Vec::new(),
            targets,
        }
    }
}
