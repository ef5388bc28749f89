//! The collectivity profile: who the collectivity is, its staff per métier and their current
//! levels, its managers and elected officials, its training budget and options. Parsed from RON
//! or JSON text (no I/O here), then checked against the reference data; every problem is a
//! [`Diagnostic`] naming the file, the line and column and the field path.

use crate::bounded;
use parcours_graph::ReferenceData;
use parcours_graph::diagnostic::{Diagnostic, Problems, quoted};
use parcours_graph::ids::{CompetencyId, EffectNumber, FieldId, GroupId, MetierId, ModuleId};
use parcours_graph::locate::Locator;
use parcours_graph::model::{Shares, Target};
use parcours_graph::strings::{each_string, field_noun, text_problem};
use parcours_graph::vocab::{Audience, Category, Filiere, Level, Maturity};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

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
    /// Most training days for one agent in a year.
    pub const MAX_DAYS_PER_AGENT: u32 = 100;
    /// Longest horizon, in years.
    pub const MAX_HORIZON: u16 = 30;
    /// Largest effect weight, in percent.
    pub const MAX_EFFECT_PERCENT: u32 = 1_000;
    /// Largest cost of a trainee-day, in euros.
    pub const MAX_COST_PER_DAY: u32 = 100_000;
    /// Largest population.
    pub const MAX_POPULATION: u32 = 100_000_000;
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
            CollectivityKind::Intercommunality => "Intercommunality",
            CollectivityKind::Department => "Département",
            CollectivityKind::Region => "Région",
            CollectivityKind::SocialActionCentre => "CCAS / CIAS",
            CollectivityKind::FireAndRescue => "SDIS",
            CollectivityKind::ManagementCentre => "Centre de gestion",
            CollectivityKind::Other => "Other",
        }
    }
}

/// A collectivity profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Name of the collectivity.
    pub name: String,
    /// Its kind.
    pub kind: CollectivityKind,
    /// Inhabitants.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<u32>,
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
    /// Métiers the reference data lacks, declared with their requirements.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "bounded::custom_metiers"
    )]
    pub custom_metiers: Vec<CustomMetier>,
}

fn default_horizon() -> u16 {
    10
}

impl Profile {
    /// A profile with one agent of each of `metiers` and nothing else (used to precompute
    /// what depends on métiers only).
    pub fn for_metiers(metiers: impl Iterator<Item = MetierId>) -> Profile {
        Profile {
            name: String::new(),
            kind: CollectivityKind::Other,
            population: None,
            department: None,
            intercommunality: None,
            first_year: 2027,
            maturity: Maturity::default(),
            staff: metiers
                .map(|metier| StaffLine {
                    metier,
                    headcount: 1,
                    levels: Vec::new(),
                    done_modules: Vec::new(),
                })
                .collect(),
            managers: 0,
            elected_officials: 0,
            budget: Budget {
                days_per_year: 0,
                max_days_per_agent: 0,
                cost_per_day: None,
            },
            horizon: 10,
            effect_weights: Vec::new(),
            done_modules: Vec::new(),
            excluded_modules: Vec::new(),
            custom_metiers: Vec::new(),
        }
    }
}

/// Staff of one métier.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
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
}

/// The current level of a métier's agents in one competency: one level for all, the shares of
/// agents at each level (percent), the counts of agents at each level (adding up to the
/// headcount), or a Pix score (0–8) for all. Exactly one of the four.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
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
}

/// The training budget.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// Trainee-days available per year (one agent for one day is one trainee-day).
    pub days_per_year: u32,
    /// Most training days one agent may spend in a year.
    pub max_days_per_agent: u32,
    /// Cost of a trainee-day in euros, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_per_day: Option<u32>,
}

/// The weight of an effect in the priority score, in percent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EffectWeight {
    /// The effect (1 to 5).
    pub effect: EffectNumber,
    /// Its weight in percent (100 = neutral).
    pub percent: u32,
}

/// A métier the reference data lacks, declared in the profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
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

/// Checks a parsed profile against the reference data. Returns the problems found, the first
/// [`limits::MAX_PROBLEMS`] in full, the last of them counting the others
/// ([`Problems`]); `text` is the profile's source, used to locate them.
pub fn check(profile: &Profile, data: &ReferenceData, file: &str, text: &str) -> Vec<Diagnostic> {
    let out = std::cell::RefCell::new((Problems::new(), Locator::new(text)));
    // A problem, located and its help written only when it is kept.
    let add = |path: String, msg: String, id: Option<String>, help: &dyn Fn() -> Option<String>| {
        let (problems, locator) = &mut *out.borrow_mut();
        problems.add(|| {
            let mut d = Diagnostic::at_path_in(file, locator, path, msg);
            if let Some(id) = id {
                d = d.with_id(id);
            }
            if let Some(h) = help() {
                d = d.with_help(h);
            }
            d
        });
    };
    let err = |path: String, msg: String, id: Option<String>, help: Option<String>| {
        add(path, msg, id, &move || help.clone());
    };
    use limits::*;
    if profile.name.trim().is_empty() {
        err(
            "name".into(),
            "the collectivity has no name".into(),
            None,
            None,
        );
    }
    if !(2000..=2100).contains(&profile.first_year) {
        err(
            "first_year".into(),
            format!(
                "first year {} is not plausible (2000 to 2100)",
                profile.first_year
            ),
            None,
            None,
        );
    }
    if let Some(p) = profile.population
        && p > MAX_POPULATION
    {
        err(
            "population".into(),
            format!("population {p} is not plausible (at most {MAX_POPULATION})"),
            None,
            None,
        );
    }
    if let Some(d) = &profile.department
        && !is_department_code(d)
    {
        err(
            "department".into(),
            format!("`{d}` is not a French department code"),
            Some(d.clone()),
            Some(
                "write it as INSEE does: \"01\" to \"95\", \"2A\", \"2B\", \"971\" to \"976\""
                    .into(),
            ),
        );
    }
    if profile.horizon == 0 || profile.horizon > MAX_HORIZON {
        err(
            "horizon".into(),
            format!(
                "horizon of {} years is out of range (1 to {MAX_HORIZON})",
                profile.horizon
            ),
            None,
            None,
        );
    }
    let b = &profile.budget;
    if b.days_per_year > MAX_DAYS_PER_YEAR {
        err(
            "budget.days_per_year".into(),
            format!(
                "{} trainee-days a year is not plausible (at most {MAX_DAYS_PER_YEAR})",
                b.days_per_year
            ),
            None,
            None,
        );
    }
    if b.max_days_per_agent > MAX_DAYS_PER_AGENT {
        err(
            "budget.max_days_per_agent".into(),
            format!(
                "{} training days per agent a year is not plausible (at most {MAX_DAYS_PER_AGENT})",
                b.max_days_per_agent
            ),
            None,
            None,
        );
    }
    if let Some(c) = b.cost_per_day
        && c > MAX_COST_PER_DAY
    {
        err(
            "budget.cost_per_day".into(),
            format!("{c} € per trainee-day is not plausible (at most {MAX_COST_PER_DAY})"),
            None,
            None,
        );
    }
    for (field, n) in [
        ("managers", profile.managers),
        ("elected_officials", profile.elected_officials),
    ] {
        if n > MAX_TRACK_PEOPLE {
            err(
                field.into(),
                format!("{n} is not plausible (at most {MAX_TRACK_PEOPLE})"),
                None,
                None,
            );
        }
    }
    let mut weighted = BTreeSet::new();
    for (i, w) in profile.effect_weights.iter().enumerate() {
        if !weighted.insert(w.effect) {
            err(
                format!("effect_weights[{i}].effect"),
                format!("deux poids sont donnés pour l'effet {}", w.effect.0),
                Some(w.effect.to_string()),
                Some("gardez un seul poids par effet".into()),
            );
        }
        if data.effect(w.effect).is_none() {
            err(
                format!("effect_weights[{i}].effect"),
                format!("unknown effect {}", w.effect.0),
                Some(w.effect.to_string()),
                Some("effects are numbered 1 to 5".into()),
            );
        }
        if w.percent > MAX_EFFECT_PERCENT {
            err(
                format!("effect_weights[{i}].percent"),
                format!(
                    "weight {} % is out of range (0 to {MAX_EFFECT_PERCENT})",
                    w.percent
                ),
                None,
                None,
            );
        }
    }
    for (list, name) in [
        (&profile.done_modules, "done_modules"),
        (&profile.excluded_modules, "excluded_modules"),
    ] {
        for (i, m) in list.iter().enumerate() {
            if data.module(m).is_none() {
                add(
                    format!("{name}[{i}]"),
                    format!("unknown module `{}`", quoted(m.as_str())),
                    Some(quoted(m.as_str()).into_owned()),
                    &|| Some(suggest_module(data, m)),
                );
            }
        }
    }
    // Custom métiers.
    let mut custom_ids = BTreeSet::new();
    for (i, c) in profile.custom_metiers.iter().enumerate() {
        let p = |f: &str| format!("custom_metiers[{i}].{f}");
        if c.id.as_str().trim().is_empty() {
            err(
                p("id"),
                format!("le métier déclaré n° {} n'a pas d'identifiant", i + 1),
                None,
                Some("donnez-lui un identifiant, par exemple `gardien-de-phare`".into()),
            );
        }
        if c.name.trim().is_empty() {
            err(
                p("name"),
                format!("le métier déclaré n° {} n'a pas de nom", i + 1),
                None,
                Some("donnez-lui son nom en français".into()),
            );
        }
        if data.metier(&c.id).is_some() {
            err(
                p("id"),
                format!("custom métier `{}` has the id of a reference métier", c.id),
                Some(c.id.to_string()),
                Some("use the reference métier in `staff`, or choose another id".into()),
            );
        }
        if !custom_ids.insert(c.id.clone()) {
            err(
                p("id"),
                format!("custom métier `{}` is declared twice", c.id),
                Some(c.id.to_string()),
                None,
            );
        }
        if let Some(f) = &c.field
            && data.field(f).is_none()
        {
            err(
                p("field"),
                format!("unknown field `{f}`"),
                Some(f.to_string()),
                None,
            );
        }
        for (j, g) in c.groups.iter().enumerate() {
            if data.group(g).is_none() {
                err(
                    format!("custom_metiers[{i}].groups[{j}]"),
                    format!("unknown métier group `{g}`"),
                    Some(g.to_string()),
                    None,
                );
            }
        }
        if c.targets.is_empty() {
            err(
                p("targets"),
                format!("custom métier `{}` declares no target", c.id),
                Some(c.id.to_string()),
                None,
            );
        }
        for (j, t) in c.targets.iter().enumerate() {
            let tp = format!("custom_metiers[{i}].targets[{j}]");
            match data.competency(&t.competency) {
                None => {
                    add(
                        format!("{tp}.competency"),
                        format!("unknown competency `{}`", quoted(t.competency.as_str())),
                        Some(quoted(t.competency.as_str()).into_owned()),
                        &|| Some(suggest_competency(data, &t.competency)),
                    );
                }
                Some(comp) => {
                    for (f, l) in [("year10", Some(t.year10)), ("year5", t.year5)] {
                        if let Some(l) = l
                            && (l < comp.min || l > comp.max)
                        {
                            err(
                                format!("{tp}.{f}"),
                                format!(
                                    "level `{l}` is outside the range of competency `{}`",
                                    comp.id
                                ),
                                Some(comp.id.to_string()),
                                None,
                            );
                        }
                    }
                    if t.year5.is_some_and(|y5| y5 > t.year10) {
                        err(
                            format!("{tp}.year5"),
                            format!(
                                "the 5-year target of `{}` is above its 10-year target",
                                t.competency
                            ),
                            Some(t.competency.to_string()),
                            None,
                        );
                    }
                }
            }
        }
    }
    // Staff (their number is limited when the profile is read, see `bounded`).
    let mut seen: std::collections::BTreeMap<MetierId, MetierId> = Default::default();
    let mut total: u64 = 0;
    for (i, s) in profile.staff.iter().enumerate() {
        let known = data.metier(&s.metier).is_some() || custom_ids.contains(&s.metier);
        if !known {
            let help = || {
                let candidates = data
                    .metiers
                    .iter()
                    .map(|m| m.id.as_str())
                    .chain(custom_ids.iter().map(|c| c.as_str()));
                let help = parcours_graph::validate::suggest(s.metier.as_str(), candidates);
                Some(if help.starts_with("did you mean") {
                    help
                } else {
                    "run `parcours metiers` for the known ids, or declare it in `custom_metiers`"
                        .into()
                })
            };
            add(
                format!("staff[{i}].metier"),
                format!("unknown métier `{}`", quoted(s.metier.as_str())),
                Some(quoted(s.metier.as_str()).into_owned()),
                &help,
            );
        }
        // A former id names the same métier as its current one: one line each, not two.
        let current = data.current_metier_id(&s.metier);
        if let Some(earlier) = seen.get(current) {
            let message = if *earlier == s.metier {
                format!("métier `{}` appears on two staff lines", s.metier)
            } else {
                format!(
                    "le métier `{}` figure déjà sur une autre ligne sous l'identifiant `{earlier}` (l'un est l'ancien identifiant de l'autre)",
                    s.metier
                )
            };
            err(
                format!("staff[{i}].metier"),
                message,
                Some(s.metier.to_string()),
                Some("merge the two lines".into()),
            );
        } else {
            seen.insert(current.clone(), s.metier.clone());
        }
        if s.headcount > MAX_HEADCOUNT {
            err(
                format!("staff[{i}].headcount"),
                format!(
                    "{} agents on one line is not plausible (at most {MAX_HEADCOUNT})",
                    s.headcount
                ),
                Some(s.metier.to_string()),
                None,
            );
        }
        total += u64::from(s.headcount);
        for (j, m) in s.done_modules.iter().enumerate() {
            if data.module(m).is_none() {
                add(
                    format!("staff[{i}].done_modules[{j}]"),
                    format!("unknown module `{}`", quoted(m.as_str())),
                    Some(quoted(m.as_str()).into_owned()),
                    &|| Some(suggest_module(data, m)),
                );
            }
        }
        let mut comps = BTreeSet::new();
        for (j, l) in s.levels.iter().enumerate() {
            let lp = format!("staff[{i}].levels[{j}]");
            let Some(comp) = data.competency(&l.competency) else {
                add(
                    format!("{lp}.competency"),
                    format!("unknown competency `{}`", quoted(l.competency.as_str())),
                    Some(quoted(l.competency.as_str()).into_owned()),
                    &|| Some(suggest_competency(data, &l.competency)),
                );
                continue;
            };
            if !comps.insert(l.competency.clone()) {
                err(
                    format!("{lp}.competency"),
                    format!(
                        "competency `{}` is given twice for `{}`",
                        l.competency, s.metier
                    ),
                    Some(l.competency.to_string()),
                    None,
                );
            }
            let given = usize::from(l.level.is_some())
                + usize::from(l.shares.is_some())
                + usize::from(l.counts.is_some())
                + usize::from(l.pix.is_some());
            if given != 1 {
                err(
                    lp.clone(),
                    format!(
                        "give exactly one of `level`, `shares`, `counts` or `pix` for `{}`",
                        l.competency
                    ),
                    Some(l.competency.to_string()),
                    None,
                );
            }
            if let Some(c) = l.counts {
                let sum: u64 = c.as_array().iter().map(|n| u64::from(*n)).sum();
                if sum != u64::from(s.headcount) {
                    err(
                        format!("{lp}.counts"),
                        format!(
                            "the counts add up to {sum} agents, not the headcount {}",
                            s.headcount
                        ),
                        Some(l.competency.to_string()),
                        None,
                    );
                }
            }
            if let Some(lv) = l.level
                && (lv < comp.min || lv > comp.max)
            {
                err(
                    format!("{lp}.level"),
                    format!(
                        "level `{lv}` is outside the range of competency `{}`",
                        comp.id
                    ),
                    Some(comp.id.to_string()),
                    None,
                );
            }
            if let Some(sh) = l.shares {
                let sum: u64 = sh.as_array().iter().map(|n| u64::from(*n)).sum();
                if sum != 100 {
                    err(
                        format!("{lp}.shares"),
                        format!("the shares add up to {sum} %, not 100 %"),
                        Some(l.competency.to_string()),
                        None,
                    );
                }
            }
            if let Some(p) = l.pix
                && p > 8
            {
                err(
                    format!("{lp}.pix"),
                    format!("Pix score {p} is out of range (0 to 8)"),
                    Some(l.competency.to_string()),
                    None,
                );
            }
        }
    }
    if total > MAX_TOTAL_AGENTS {
        err(
            "staff".into(),
            format!("{total} agents in all is more than the limit of {MAX_TOTAL_AGENTS}"),
            None,
            None,
        );
    }
    // Every string, whatever its field: no control character, names and ids within limits.
    let mut texts = 0;
    each_string(profile, &mut |path, s| {
        let field = path.field();
        let (what, max) = if path.is_root_field("name") {
            ("le nom de la collectivité", MAX_NAME_CHARS)
        } else if field == Some("name") {
            ("le nom du métier déclaré", MAX_NAME_CHARS)
        } else if field == Some("id") {
            ("l'identifiant du métier déclaré", MAX_ID_CHARS)
        } else {
            (field_noun(field), MAX_ID_CHARS)
        };
        if texts < MAX_PROBLEMS
            && let Some(p) = text_problem(what, s, max)
        {
            texts += 1;
            err(path.to_string(), p.message, None, Some(p.help.into()));
        }
    });
    out.into_inner().0.into_vec()
}

fn suggest_module(data: &ReferenceData, m: &ModuleId) -> String {
    parcours_graph::validate::suggest(m.as_str(), data.modules.iter().map(|m| m.id.as_str()))
}

fn suggest_competency(data: &ReferenceData, c: &CompetencyId) -> String {
    parcours_graph::validate::suggest(
        c.as_str(),
        data.competencies.competencies.iter().map(|c| c.id.as_str()),
    )
}

fn is_department_code(d: &str) -> bool {
    match d {
        "2A" | "2B" => true,
        _ if d.len() == 2 => d
            .parse::<u8>()
            .is_ok_and(|n| (1..=95).contains(&n) && n != 20),
        _ if d.len() == 3 => d.parse::<u16>().is_ok_and(|n| (971..=976).contains(&n)),
        _ => false,
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn department_codes() {
        for ok in ["01", "35", "2A", "2B", "95", "971", "976"] {
            assert!(is_department_code(ok), "{ok}");
        }
        for bad in ["20", "00", "96", "977", "3", "ABC", ""] {
            assert!(!is_department_code(bad), "{bad}");
        }
    }
}
