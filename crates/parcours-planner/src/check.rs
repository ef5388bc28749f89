//! The checks of a profile against the reference data, and [`CheckedProfile`], a profile that
//! passed them: the only input the planner accepts.

use crate::options::{OptionError, PlanOptions};
use crate::plan::Days;
use crate::profile::{Profile, StaffLine, limits};
use crate::statutory::{Reserve, days_word};
use parcours_graph::ReferenceData;
use parcours_graph::diagnostic::{Diagnostic, Problems, quoted};
use parcours_graph::ids::{CompetencyId, MetierId, ModuleId};
use parcours_graph::locate::Locator;
use parcours_graph::strings::{each_string, field_noun, text_problem};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Deref;

/// A profile checked against the reference data, with a run's options applied: what
/// [`crate::planner::Planner`] plans. A profile that skipped the checks cannot be planned.
///
/// ```
/// use parcours_graph::{ReferenceData, ids::MetierId};
/// use parcours_planner::check::CheckedProfile;
/// use parcours_planner::profile::{Budget, CollectivityKind, Profile, StaffLine};
/// let data = ReferenceData::embedded().unwrap();
/// let mut p = Profile::new("Saint-Exemple", CollectivityKind::Commune, 2027, Budget::new(20, 5));
/// p.staff.push(StaffLine::new(MetierId::new("atsem"), 4));
/// let checked = CheckedProfile::new(p.clone(), &data).unwrap();
/// assert_eq!(checked.staff.len(), 1);
/// p.horizon = 40; // beyond the 30 years allowed
/// let problems = CheckedProfile::new(p, &data).unwrap_err();
/// assert_eq!(problems[0].path.as_deref(), Some("horizon"));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(transparent)]
pub struct CheckedProfile {
    profile: Profile,
    /// Its statutory reserve, trainee-days a year (under the reference data's durations): a
    /// run's budget may not fall below it.
    #[serde(skip)]
    reserve: Days,
}

impl CheckedProfile {
    /// Checks a profile built in code: the profile, or every problem found (each names its
    /// field).
    pub fn new(profile: Profile, data: &ReferenceData) -> Result<CheckedProfile, Vec<Diagnostic>> {
        CheckedProfile::from_text(profile, data, "profil", "")
    }

    /// Checks a profile read from `file`, whose text is `text` (used to give each problem its
    /// line and column): the profile, or every problem found.
    pub fn from_text(
        profile: Profile,
        data: &ReferenceData,
        file: &str,
        text: &str,
    ) -> Result<CheckedProfile, Vec<Diagnostic>> {
        let problems = check(&profile, data, file, text);
        if problems.is_empty() {
            let reserve = Reserve::of(&data.planning().statutory, &profile).reserve_days_per_year;
            Ok(CheckedProfile { profile, reserve })
        } else {
            Err(problems)
        }
    }

    /// The same profile with a run's options applied (a budget or a horizon instead of the
    /// profile's), refused when an option is out of its limits, or when the budget is below
    /// the profile's statutory reserve (the budget is the whole training budget: the reserve
    /// comes out of it first).
    pub fn with_options(mut self, options: &PlanOptions) -> Result<CheckedProfile, OptionError> {
        options.check()?;
        if let Some(b) = options.budget_days {
            if Days::whole(u64::from(b)) < self.reserve {
                return Err(OptionError::BelowStatutoryReserve {
                    budget_days: b,
                    reserve: self.reserve,
                });
            }
            self.profile.budget.days_per_year = b;
        }
        if let Some(h) = options.horizon {
            self.profile.horizon = h;
        }
        Ok(self)
    }

    /// The same profile with the core socle for every agent put first (« priorité au socle
    /// pour tous », [`Profile::socle_first`]): valid whenever the profile is.
    pub fn with_socle_first(mut self) -> CheckedProfile {
        self.profile.socle_first = true;
        self
    }

    /// The profile.
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// The profile, given back.
    pub fn into_profile(self) -> Profile {
        self.profile
    }
}

impl Deref for CheckedProfile {
    type Target = Profile;
    fn deref(&self) -> &Profile {
        &self.profile
    }
}

/// Checks a parsed profile against the reference data. Returns the problems found, the first
/// [`limits::MAX_PROBLEMS`] in full, the last of them counting the others
/// ([`Problems`]); `text` is the profile's source, used to locate them.
pub fn check(profile: &Profile, data: &ReferenceData, file: &str, text: &str) -> Vec<Diagnostic> {
    let mut c = Checker {
        file,
        profile,
        data,
        problems: Problems::new(),
        locator: Locator::new(text),
    };
    c.identity_and_budget();
    c.statutory();
    c.effect_weights();
    c.module_lists();
    let custom_ids = c.custom_metiers();
    c.staff(&custom_ids);
    c.workstations();
    c.session_groups();
    c.strings();
    c.problems.into_vec()
}

/// What [`check`] goes through, and the problems it found so far.
struct Checker<'a> {
    file: &'a str,
    profile: &'a Profile,
    data: &'a ReferenceData,
    problems: Problems,
    locator: Locator<'a>,
}

impl Checker<'_> {
    /// A problem, located and its help written only when it is kept.
    fn add(
        &mut self,
        path: String,
        msg: String,
        id: Option<String>,
        help: &dyn Fn() -> Option<String>,
    ) {
        let (file, locator) = (self.file, &mut self.locator);
        self.problems.add(|| {
            let mut d = Diagnostic::at_path_in(file, locator, path, msg);
            if let Some(id) = id {
                d = d.with_id(id);
            }
            if let Some(h) = help() {
                d = d.with_help(h);
            }
            d
        });
    }

    /// A problem with a help written beforehand.
    fn err(&mut self, path: String, msg: String, id: Option<String>, help: Option<String>) {
        self.add(path, msg, id, &move || help.clone());
    }

    /// The collectivity, its year, place, horizon, budget and tracks.
    fn identity_and_budget(&mut self) {
        use limits::*;
        let profile = self.profile;
        if profile.name.trim().is_empty() {
            self.err(
                "name".into(),
                "la collectivité n'a pas de nom".into(),
                None,
                None,
            );
        }
        if !(2000..=2100).contains(&profile.first_year) {
            self.err(
                "first_year".into(),
                format!(
                    "l'année de départ {} n'est pas plausible (2000 à 2100)",
                    profile.first_year
                ),
                None,
                None,
            );
        }
        if let Some(p) = profile.population
            && p > MAX_POPULATION
        {
            self.err(
                "population".into(),
                format!(
                    "une population de {p} habitants n'est pas plausible (au plus {MAX_POPULATION})"
                ),
                None,
                None,
            );
        }
        if let Some(d) = &profile.department
            && !is_department_code(d)
        {
            self.err(
                "department".into(),
                format!("`{d}` n'est pas un code de département français"),
                Some(d.clone()),
                Some(
                    "écrivez-le comme l'INSEE : de \"01\" à \"95\", \"2A\", \"2B\", de \"971\" à \"976\""
                        .into(),
                ),
            );
        }
        if let Some(c) = &profile.commune {
            if !is_commune_code(c) {
                self.err(
                    "commune".into(),
                    format!("`{c}` n'est pas un code INSEE de commune"),
                    Some(c.clone()),
                    Some(
                        "écrivez le code officiel géographique à 5 caractères : le département puis la commune (\"35238\", \"2A004\", \"97411\")"
                            .into(),
                    ),
                );
            } else if let Some(d) = &profile.department
                && !c.starts_with(d.as_str())
            {
                self.err(
                    "commune".into(),
                    format!("la commune `{c}` n'est pas dans le département `{d}` du profil"),
                    Some(c.clone()),
                    Some(
                        "le code INSEE d'une commune commence par celui de son département ; corrigez l'un ou l'autre, ou ne donnez que la commune"
                            .into(),
                    ),
                );
            }
        }
        if profile.horizon == 0 || profile.horizon > MAX_HORIZON {
            self.err(
                "horizon".into(),
                format!(
                    "un horizon de {} {} est hors des limites (1 à {MAX_HORIZON} ans)",
                    profile.horizon,
                    if profile.horizon <= 1 { "an" } else { "ans" }
                ),
                None,
                None,
            );
        }
        if let Some(share) = profile.expertise_share_percent
            && !(1..=100).contains(&share)
        {
            self.err(
                "expertise_share_percent".into(),
                format!("une part de {share} % est hors des limites (1 à 100)"),
                None,
                Some(
                    "c'est la part des agents d'un métier portés au niveau expertise (ses référents)"
                        .into(),
                ),
            );
        }
        let b = &profile.budget;
        if b.days_per_year > MAX_DAYS_PER_YEAR {
            self.err(
                "budget.days_per_year".into(),
                format!(
                    "{} jours-stagiaires par an n'est pas plausible (au plus {MAX_DAYS_PER_YEAR})",
                    b.days_per_year
                ),
                None,
                None,
            );
        }
        if b.max_days_per_agent > MAX_DAYS_PER_AGENT {
            self.err(
                "budget.max_days_per_agent".into(),
                format!(
                    "{} jours de formation par agent et par an n'est pas plausible (au plus {MAX_DAYS_PER_AGENT})",
                    b.max_days_per_agent
                ),
                None,
                None,
            );
        }
        for (field, days) in [
            (
                "budget.managers_max_days_per_agent",
                b.managers_max_days_per_agent,
            ),
            (
                "budget.elected_max_days_per_agent",
                b.elected_max_days_per_agent,
            ),
        ] {
            if let Some(d) = days
                && d > MAX_DAYS_PER_AGENT
            {
                self.err(
                    field.into(),
                    format!(
                        "{d} jours de formation par personne et par an n'est pas plausible (au plus {MAX_DAYS_PER_AGENT})"
                    ),
                    None,
                    None,
                );
            }
        }
        for (field, n, what) in [
            ("budget.sessions_per_year", b.sessions_per_year, "sessions"),
            (
                "budget.trainer_days_per_year",
                b.trainer_days_per_year,
                "jours de formateur",
            ),
        ] {
            if let Some(n) = n
                && n > MAX_CAPACITY
            {
                self.err(
                    field.into(),
                    format!("{n} {what} par an n'est pas plausible (au plus {MAX_CAPACITY})"),
                    None,
                    None,
                );
            }
        }
        if b.sessions_per_year.is_some() && b.trainer_days_per_year.is_some() {
            self.err(
                "budget.trainer_days_per_year".into(),
                "la capacité du service formation est donnée deux fois : en sessions et en jours de formateur".into(),
                None,
                Some("gardez `sessions_per_year` ou `trainer_days_per_year`, pas les deux".into()),
            );
        }
        if let Some(c) = b.cost_per_day
            && c > MAX_COST_PER_DAY
        {
            self.err(
                "budget.cost_per_day".into(),
                format!("{c} € le jour-stagiaire n'est pas plausible (au plus {MAX_COST_PER_DAY})"),
                None,
                None,
            );
        }
        self.funding();
        for (field, who, n) in [
            ("managers", "encadrants", profile.managers),
            ("elected_officials", "élus", profile.elected_officials),
        ] {
            if n > MAX_TRACK_PEOPLE {
                self.err(
                    field.into(),
                    format!("{n} {who} n'est pas plausible (au plus {MAX_TRACK_PEOPLE})"),
                    None,
                    None,
                );
            }
        }
    }

    /// The statutory section and the digital share: one way of giving the reserve, plausible
    /// counts, and a budget that covers the reserve.
    fn statutory(&mut self) {
        use limits::*;
        let profile = self.profile;
        if let Some(share) = profile.budget.digital_share_percent
            && !(1..=100).contains(&share)
        {
            self.err(
                "budget.digital_share_percent".into(),
                format!("une part de {share} % est hors des limites (1 à 100)"),
                None,
                Some(
                    "c'est la part du budget de formation que le plan numérique peut utiliser (100 par défaut)"
                        .into(),
                ),
            );
        }
        let Some(s) = &profile.statutory else {
            return;
        };
        let before = self.problems.len();
        if s.days_per_year.is_some() && s.has_counts() {
            self.err(
                "statutory.days_per_year".into(),
                "la réserve statutaire est donnée deux fois : en jours et par les effectifs".into(),
                None,
                Some(
                    "gardez soit `days_per_year`, soit les effectifs (`recruitments`, `responsibility_posts`, `career_headcount`)"
                        .into(),
                ),
            );
        }
        if s.days_per_year.is_none() && !s.has_counts() {
            self.err(
                "statutory".into(),
                "la section des formations statutaires ne donne ni jours à réserver ni effectifs"
                    .into(),
                None,
                Some(
                    "donnez `days_per_year`, ou les effectifs (`recruitments`, `responsibility_posts`, `career_headcount`), ou retirez la section"
                        .into(),
                ),
            );
        }
        if let Some(d) = s.days_per_year
            && d > MAX_DAYS_PER_YEAR
        {
            self.err(
                "statutory.days_per_year".into(),
                format!(
                    "{d} jours-stagiaires par an n'est pas plausible (au plus {MAX_DAYS_PER_YEAR})"
                ),
                None,
                None,
            );
        }
        // Counts of agents: within the limit, and never more than the staff the profile
        // declares (a typing mistake, such as a headcount entered with one digit too many).
        let staff: u64 = profile.staff.iter().map(|l| u64::from(l.headcount)).sum();
        let mut counts: Vec<(String, &str, u64)> = Vec::new();
        if let Some(r) = s.recruitments {
            for (letter, n) in r.by_letter() {
                counts.push((
                    format!("statutory.recruitments.{}", letter.to_lowercase()),
                    "recrutements",
                    u64::from(n),
                ));
            }
        }
        if let Some(n) = s.responsibility_posts {
            counts.push((
                "statutory.responsibility_posts".into(),
                "prises de poste à responsabilité",
                u64::from(n),
            ));
        }
        if let Some(n) = s.career_headcount {
            counts.push((
                "statutory.career_headcount".into(),
                "fonctionnaires en poste",
                u64::from(n),
            ));
        }
        for (path, what, n) in counts {
            if n > u64::from(MAX_STATUTORY_AGENTS) {
                self.err(
                    path,
                    format!("{n} {what} n'est pas plausible (au plus {MAX_STATUTORY_AGENTS})"),
                    None,
                    None,
                );
            } else if n > staff {
                self.err(
                    path,
                    format!(
                        "{n} {what}, c'est plus que l'effectif déclaré dans `staff` ({staff} agents)"
                    ),
                    None,
                    Some("ce sont des effectifs de la collectivité : vérifiez le nombre".into()),
                );
            }
        }
        if let Some(r) = s.recruitments {
            let all = u64::from(r.a) + u64::from(r.b) + u64::from(r.c);
            if all > staff && [r.a, r.b, r.c].iter().all(|n| u64::from(*n) <= staff) {
                self.err(
                    "statutory.recruitments".into(),
                    format!(
                        "{all} recrutements par an, c'est plus que l'effectif déclaré dans `staff` ({staff} agents)"
                    ),
                    None,
                    Some("ce sont des effectifs de la collectivité : vérifiez les nombres".into()),
                );
            }
        }
        if self.problems.len() > before {
            return; // the reserve of a section found wrong would mislead
        }
        let reserve = Reserve::of(&self.data.planning().statutory, profile);
        if reserve.shortfall_days_per_year > Days(0) {
            self.err(
                "budget.days_per_year".into(),
                format!(
                    "le budget de formation de {} jours-stagiaires par an ne couvre pas la réserve des formations statutaires obligatoires ({} par an) : il manque {}",
                    reserve.budget_days_per_year.french(),
                    days_word(reserve.reserve_days_per_year),
                    days_word(reserve.shortfall_days_per_year)
                ),
                None,
                Some(format!(
                    "`budget.days_per_year` est le budget de formation entier : portez-le à au moins {} jours, ou vérifiez la section `statutory`",
                    reserve.reserve_days_per_year.ceil_whole()
                )),
            );
        }
    }

    /// One weight per effect, of a known effect, within its limit.
    /// The euro budget and the funding prices: within sane limits.
    fn funding(&mut self) {
        use limits::*;
        let profile = self.profile;
        let f = &profile.funding;
        let prices = [
            (
                "funding.intra_per_session_day",
                f.intra_per_session_day.map(u64::from),
                u64::from(MAX_SESSION_DAY_PRICE),
                "€ la journée de session intra",
            ),
            (
                "funding.licence_per_agent",
                f.licence_per_agent.map(u64::from),
                u64::from(MAX_LICENCE),
                "€ de licence par agent",
            ),
            (
                "funding.payroll_euros",
                f.payroll_euros,
                MAX_PAYROLL,
                "€ de masse salariale annuelle",
            ),
        ];
        for (field, value, max, what) in prices {
            if let Some(v) = value
                && v > max
            {
                self.err(
                    field.into(),
                    format!("{v} {what} n'est pas plausible (au plus {max})"),
                    None,
                    None,
                );
            }
        }
        if profile.budget.euros_per_year == Some(0) {
            self.err(
                "budget.euros_per_year".into(),
                "un budget de 0 € par an ne permet aucune action payante".into(),
                None,
                Some(
                    "retirez ce champ pour ne pas limiter la dépense en euros ; les sessions inter-collectivités du CNFPT et l'autoformation sans licence restent possibles avec un petit budget"
                        .into(),
                ),
            );
        }
    }

    fn effect_weights(&mut self) {
        use limits::*;
        let (profile, data) = (self.profile, self.data);
        let mut weighted = BTreeSet::new();
        for (i, w) in profile.effect_weights.iter().enumerate() {
            if !weighted.insert(w.effect) {
                self.err(
                    format!("effect_weights[{i}].effect"),
                    format!("deux poids sont donnés pour l'effet {}", w.effect.0),
                    Some(w.effect.to_string()),
                    Some("gardez un seul poids par effet".into()),
                );
            }
            if data.effect(w.effect).is_none() {
                self.err(
                    format!("effect_weights[{i}].effect"),
                    format!("effet {} inconnu", w.effect.0),
                    Some(w.effect.to_string()),
                    Some("les effets sont numérotés de 1 à 5".into()),
                );
            }
            if w.percent > MAX_EFFECT_PERCENT {
                self.err(
                    format!("effect_weights[{i}].percent"),
                    format!(
                        "un poids de {} % est hors des limites (0 à {MAX_EFFECT_PERCENT})",
                        w.percent
                    ),
                    None,
                    None,
                );
            }
        }
    }

    /// Known modules in the lists of modules done and excluded.
    fn module_lists(&mut self) {
        let (profile, data) = (self.profile, self.data);
        for (list, name) in [
            (&profile.done_modules, "done_modules"),
            (&profile.excluded_modules, "excluded_modules"),
        ] {
            for (i, m) in list.iter().enumerate() {
                if data.module(m).is_none() {
                    self.add(
                        format!("{name}[{i}]"),
                        format!("module `{}` inconnu", quoted(m.as_str())),
                        Some(quoted(m.as_str()).into_owned()),
                        &|| Some(suggest_module(data, m)),
                    );
                }
            }
        }
    }

    /// The métiers without a workstation: each a métier of the staff.
    fn workstations(&mut self) {
        let (profile, data) = (self.profile, self.data);
        for (i, w) in profile.without_workstation.iter().enumerate() {
            let current = data.current_metier_id(w);
            if !(profile.staff.iter()).any(|s| data.current_metier_id(&s.metier) == current) {
                self.err(
                    format!("without_workstation[{i}]"),
                    format!(
                        "le métier `{}` n'est pas dans le personnel du profil",
                        quoted(w.as_str())
                    ),
                    Some(quoted(w.as_str()).into_owned()),
                    Some("citez un métier d'une ligne de `staff`".into()),
                );
            }
        }
    }

    /// The métiers the profile declares; returns their ids.
    fn custom_metiers(&mut self) -> BTreeSet<MetierId> {
        let (profile, data) = (self.profile, self.data);
        let mut custom_ids = BTreeSet::new();
        for (i, c) in profile.custom_metiers.iter().enumerate() {
            let p = |f: &str| format!("custom_metiers[{i}].{f}");
            if c.id.as_str().trim().is_empty() {
                self.err(
                    p("id"),
                    format!("le métier déclaré n° {} n'a pas d'identifiant", i + 1),
                    None,
                    Some("donnez-lui un identifiant, par exemple `gardien-de-phare`".into()),
                );
            }
            if c.name.trim().is_empty() {
                self.err(
                    p("name"),
                    format!("le métier déclaré n° {} n'a pas de nom", i + 1),
                    None,
                    Some("donnez-lui son nom en français".into()),
                );
            }
            if data.metier(&c.id).is_some() {
                self.err(
                    p("id"),
                    format!("le métier déclaré `{}` porte l'identifiant d'un métier de référence", c.id),
                    Some(c.id.to_string()),
                    Some("employez le métier de référence dans `staff`, ou choisissez un autre identifiant".into()),
                );
            }
            if !custom_ids.insert(c.id.clone()) {
                self.err(
                    p("id"),
                    format!("le métier déclaré `{}` l'est deux fois", c.id),
                    Some(c.id.to_string()),
                    None,
                );
            }
            if let Some(f) = &c.field
                && data.field(f).is_none()
            {
                self.err(
                    p("field"),
                    format!("champ d'action `{f}` inconnu"),
                    Some(f.to_string()),
                    None,
                );
            }
            for (j, g) in c.groups.iter().enumerate() {
                if data.group(g).is_none() {
                    self.err(
                        format!("custom_metiers[{i}].groups[{j}]"),
                        format!("groupe de métiers `{g}` inconnu"),
                        Some(g.to_string()),
                        None,
                    );
                }
            }
            if c.targets.is_empty() {
                self.err(
                    p("targets"),
                    format!("le métier déclaré `{}` n'a aucune cible", c.id),
                    Some(c.id.to_string()),
                    None,
                );
            }
            for (j, t) in c.targets.iter().enumerate() {
                let tp = format!("custom_metiers[{i}].targets[{j}]");
                match data.competency(&t.competency) {
                    None => {
                        self.add(
                            format!("{tp}.competency"),
                            format!("compétence `{}` inconnue", quoted(t.competency.as_str())),
                            Some(quoted(t.competency.as_str()).into_owned()),
                            &|| Some(suggest_competency(data, &t.competency)),
                        );
                    }
                    Some(comp) => {
                        for (f, l) in [("year10", Some(t.year10)), ("year5", t.year5)] {
                            if let Some(l) = l
                                && (l < comp.min || l > comp.max)
                            {
                                self.err(
                                    format!("{tp}.{f}"),
                                    format!(
                                        "le niveau `{l}` est hors de la plage de la compétence `{}`",
                                        comp.id
                                    ),
                                    Some(comp.id.to_string()),
                                    None,
                                );
                            }
                        }
                        if t.year5.is_some_and(|y5| y5 > t.year10) {
                            self.err(
                                format!("{tp}.year5"),
                                format!(
                                    "la cible à 5 ans de `{}` est au-dessus de sa cible à 10 ans",
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
        custom_ids
    }

    /// The staff lines (their number is limited when the profile is read, see `bounded`), and
    /// the staff in all.
    fn staff(&mut self, custom_ids: &BTreeSet<MetierId>) {
        use limits::*;
        let (profile, data) = (self.profile, self.data);
        let mut seen: BTreeMap<MetierId, MetierId> = BTreeMap::new();
        let mut total: u64 = 0;
        for (i, s) in profile.staff.iter().enumerate() {
            let known = data.metier(&s.metier).is_some() || custom_ids.contains(&s.metier);
            if !known {
                let help = || {
                    let candidates = data
                        .metiers()
                        .iter()
                        .map(|m| m.id.as_str())
                        .chain(custom_ids.iter().map(|c| c.as_str()));
                    let help = parcours_graph::validate::suggest(s.metier.as_str(), candidates);
                    Some(if help.starts_with(parcours_graph::validate::CLOSE_ID) {
                        help
                    } else {
                        "lancez `parcours metiers` pour voir les identifiants connus, ou déclarez ce métier dans `custom_metiers`"
                            .into()
                    })
                };
                self.add(
                    format!("staff[{i}].metier"),
                    format!("métier `{}` inconnu", quoted(s.metier.as_str())),
                    Some(quoted(s.metier.as_str()).into_owned()),
                    &help,
                );
            }
            // A former id names the same métier as its current one: one line each, not two.
            let current = data.current_metier_id(&s.metier);
            if let Some(earlier) = seen.get(current) {
                let message = if *earlier == s.metier {
                    format!(
                        "le métier `{}` figure sur deux lignes du personnel",
                        s.metier
                    )
                } else {
                    format!(
                        "le métier `{}` figure déjà sur une autre ligne sous l'identifiant `{earlier}` (l'un est l'ancien identifiant de l'autre)",
                        s.metier
                    )
                };
                self.err(
                    format!("staff[{i}].metier"),
                    message,
                    Some(s.metier.to_string()),
                    Some("regroupez les deux lignes en une".into()),
                );
            } else {
                seen.insert(current.clone(), s.metier.clone());
            }
            if s.headcount > MAX_HEADCOUNT {
                self.err(
                    format!("staff[{i}].headcount"),
                    format!(
                        "{} agents sur une ligne n'est pas plausible (au plus {MAX_HEADCOUNT})",
                        s.headcount
                    ),
                    Some(s.metier.to_string()),
                    None,
                );
            }
            if let Some(d) = s.max_days_per_agent
                && d > MAX_DAYS_PER_AGENT
            {
                self.err(
                    format!("staff[{i}].max_days_per_agent"),
                    format!(
                        "{d} jours de formation par agent et par an n'est pas plausible (au plus {MAX_DAYS_PER_AGENT})"
                    ),
                    Some(s.metier.to_string()),
                    None,
                );
            }
            total += u64::from(s.headcount);
            for (j, m) in s.done_modules.iter().enumerate() {
                if data.module(m).is_none() {
                    self.add(
                        format!("staff[{i}].done_modules[{j}]"),
                        format!("module `{}` inconnu", quoted(m.as_str())),
                        Some(quoted(m.as_str()).into_owned()),
                        &|| Some(suggest_module(data, m)),
                    );
                }
            }
            self.levels(i, s);
        }
        if total > MAX_TOTAL_AGENTS {
            self.err(
                "staff".into(),
                format!("{total} agents en tout, c'est plus que la limite de {MAX_TOTAL_AGENTS}"),
                None,
                None,
            );
        }
        // The managers are agents of the staff lines: never more than all of them.
        // (An implausible number of managers is said once, above.)
        let managers = u64::from(profile.managers);
        if total > 0 && managers > total && profile.managers <= MAX_TRACK_PEOPLE {
            let n = |v: u64| {
                parcours_graph::diagnostic::french_number(usize::try_from(v).unwrap_or(usize::MAX))
            };
            self.err(
                "managers".into(),
                format!(
                    "{} encadrants pour {} {} en tout : les encadrants sont des agents de la collectivité, ils ne peuvent pas être plus nombreux que l'ensemble des agents",
                    n(managers),
                    n(total),
                    if total <= 1 { "agent" } else { "agents" }
                ),
                None,
                Some(
                    "donnez dans `managers` les encadrants à former, qui font partie des effectifs des lignes `staff`"
                        .into(),
                ),
            );
        }
    }

    /// The current levels given on staff line `i`: known competencies, each once, one way of
    /// giving it, sums and ranges right.
    fn levels(&mut self, i: usize, s: &StaffLine) {
        let data = self.data;
        let mut comps = BTreeSet::new();
        for (j, l) in s.levels.iter().enumerate() {
            let lp = format!("staff[{i}].levels[{j}]");
            let Some(comp) = data.competency(&l.competency) else {
                self.add(
                    format!("{lp}.competency"),
                    format!("compétence `{}` inconnue", quoted(l.competency.as_str())),
                    Some(quoted(l.competency.as_str()).into_owned()),
                    &|| Some(suggest_competency(data, &l.competency)),
                );
                continue;
            };
            if !comps.insert(l.competency.clone()) {
                self.err(
                    format!("{lp}.competency"),
                    format!(
                        "la compétence `{}` est donnée deux fois pour `{}`",
                        l.competency, s.metier
                    ),
                    Some(l.competency.to_string()),
                    None,
                );
            }
            let given = usize::from(l.level.is_some())
                + usize::from(l.shares.is_some())
                + usize::from(l.counts.is_some())
                + usize::from(l.pix.is_some())
                + usize::from(l.measured.is_some());
            if given != 1 {
                self.err(
                    lp.clone(),
                    format!(
                        "donnez un seul des champs `level`, `shares`, `counts`, `pix` ou `measured` pour `{}`",
                        l.competency
                    ),
                    Some(l.competency.to_string()),
                    None,
                );
            }
            if let Some(c) = l.counts {
                let sum: u64 = c.as_array().iter().map(|n| u64::from(*n)).sum();
                if sum != u64::from(s.headcount) {
                    self.err(
                        format!("{lp}.counts"),
                        format!(
                            "les effectifs par niveau font {sum} agents en tout, et non l'effectif de la ligne, {}",
                            s.headcount
                        ),
                        Some(l.competency.to_string()),
                        None,
                    );
                }
            }
            if let Some(c) = l.measured {
                let sum: u64 = c.as_array().iter().map(|n| u64::from(*n)).sum();
                if sum > u64::from(s.headcount) {
                    self.err(
                        format!("{lp}.measured"),
                        format!(
                            "les niveaux mesurés portent sur {sum} agents, plus que l'effectif de la ligne, {}",
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
                self.err(
                    format!("{lp}.level"),
                    format!(
                        "le niveau `{lv}` est hors de la plage de la compétence `{}`",
                        comp.id
                    ),
                    Some(comp.id.to_string()),
                    None,
                );
            }
            if let Some(sh) = l.shares {
                let sum: u64 = sh.as_array().iter().map(|n| u64::from(*n)).sum();
                if sum != 100 {
                    self.err(
                        format!("{lp}.shares"),
                        format!("les parts font {sum} % en tout, et non 100 %"),
                        Some(l.competency.to_string()),
                        None,
                    );
                }
            }
            if let Some(p) = l.pix
                && p > 8
            {
                self.err(
                    format!("{lp}.pix"),
                    format!("le score Pix {p} est hors des limites (0 à 8)"),
                    Some(l.competency.to_string()),
                    None,
                );
            }
        }
    }

    /// Every string, whatever its field: no control character, names and ids within limits.
    /// The session groups: named, each name once, each with métiers of the staff, each
    /// métier in one group only (a former id names the same métier as its current one).
    fn session_groups(&mut self) {
        let (profile, data) = (self.profile, self.data);
        let staff: BTreeSet<&MetierId> = profile
            .staff
            .iter()
            .map(|s| data.current_metier_id(&s.metier))
            .collect();
        let mut names: BTreeSet<&str> = BTreeSet::new();
        let mut owner: BTreeMap<&MetierId, (usize, &str)> = BTreeMap::new();
        for (i, g) in profile.session_groups.iter().enumerate() {
            let name = g.name.trim();
            if name.is_empty() {
                self.err(
                    format!("session_groups[{i}].name"),
                    "le groupe de sessions n'a pas de nom".into(),
                    None,
                    Some(
                        "donnez-lui le nom que liront les rapports, par exemple « Routes »".into(),
                    ),
                );
            } else if !names.insert(name) {
                self.err(
                    format!("session_groups[{i}].name"),
                    format!("deux groupes de sessions s'appellent « {} »", quoted(name)),
                    None,
                    Some("donnez à chaque groupe un nom qui lui est propre".into()),
                );
            }
            if g.metiers.is_empty() {
                self.err(
                    format!("session_groups[{i}].metiers"),
                    format!("le groupe de sessions « {} » n'a aucun métier", quoted(name)),
                    None,
                    Some("listez ses métiers, ou retirez le groupe : les métiers qu'aucun groupe ne nomme sont formés ensemble".into()),
                );
            }
            for (j, m) in g.metiers.iter().enumerate() {
                let path = format!("session_groups[{i}].metiers[{j}]");
                let current = data.current_metier_id(m);
                if !staff.contains(current) {
                    let help = || {
                        let candidates = profile.staff.iter().map(|s| s.metier.as_str());
                        let help = parcours_graph::validate::suggest(m.as_str(), candidates);
                        Some(if help.starts_with(parcours_graph::validate::CLOSE_ID) {
                            help
                        } else {
                            "un groupe ne réunit que des métiers de la liste du personnel (`staff`)"
                                .into()
                        })
                    };
                    self.add(
                        path,
                        format!(
                            "le métier `{}` du groupe « {} » n'est pas dans le personnel du profil",
                            quoted(m.as_str()),
                            quoted(name)
                        ),
                        Some(quoted(m.as_str()).into_owned()),
                        &help,
                    );
                } else if let Some(first) = owner.get(current) {
                    let msg = if first.0 == i {
                        format!(
                            "le métier `{}` figure deux fois dans le groupe « {} »",
                            quoted(m.as_str()),
                            quoted(name)
                        )
                    } else {
                        format!(
                            "le métier `{}` est déjà dans le groupe « {} » : un métier appartient à un seul groupe de sessions",
                            quoted(m.as_str()),
                            quoted(first.1)
                        )
                    };
                    self.err(
                        path,
                        msg,
                        Some(quoted(m.as_str()).into_owned()),
                        Some("retirez-le de l'un des deux".into()),
                    );
                } else {
                    owner.insert(current, (i, name));
                }
            }
        }
    }

    fn strings(&mut self) {
        use limits::*;
        let profile = self.profile;
        let mut texts = 0;
        each_string(profile, &mut |path, s| {
            let field = path.field();
            let (what, max) = if path.is_root_field("name") {
                ("le nom de la collectivité", MAX_NAME_CHARS)
            } else if field == Some("name") && path.to_string().starts_with("session_groups") {
                ("le nom du groupe de sessions", MAX_NAME_CHARS)
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
                self.err(path.to_string(), p.message, None, Some(p.help.into()));
            }
        });
    }
}

fn suggest_module(data: &ReferenceData, m: &ModuleId) -> String {
    parcours_graph::validate::suggest(m.as_str(), data.modules().iter().map(|m| m.id.as_str()))
}

fn suggest_competency(data: &ReferenceData, c: &CompetencyId) -> String {
    parcours_graph::validate::suggest(
        c.as_str(),
        data.competencies()
            .competencies
            .iter()
            .map(|c| c.id.as_str()),
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

/// An INSEE commune code: its department's code (two characters, three overseas) and the
/// commune's number in it.
fn is_commune_code(c: &str) -> bool {
    c.len() == 5
        && c.is_char_boundary(3)
        && (is_department_code(&c[..2]) && c[2..].bytes().all(|b| b.is_ascii_digit())
            || is_department_code(&c[..3]) && c[3..].bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commune_codes() {
        for ok in ["35238", "2A004", "2B033", "97411", "01001", "75056"] {
            assert!(is_commune_code(ok), "{ok}");
        }
        for bad in [
            "3523", "352380", "20004", "2C004", "9A411", "35a38", "", "é5238",
        ] {
            assert!(!is_commune_code(bad), "{bad}");
        }
    }

    #[test]
    fn department_codes() {
        for ok in ["01", "35", "2A", "2B", "95", "971", "976"] {
            assert!(is_department_code(ok), "{ok}");
        }
        for bad in ["20", "00", "96", "977", "3", "ABC", ""] {
            assert!(!is_department_code(bad), "{bad}");
        }
    }

    #[test]
    fn session_groups_name_staff_metiers_once() {
        use crate::profile::{Budget, CollectivityKind, SessionGroup};
        let data = ReferenceData::embedded().unwrap();
        let mut p = Profile::new("D", CollectivityKind::Department, 2027, Budget::new(100, 3));
        p.staff = vec![
            StaffLine::new(MetierId::new("agent-exploitation-voirie"), 40),
            StaffLine::new(MetierId::new("charge-proprete-locaux"), 30),
        ];
        let ids = |v: &[&str]| v.iter().map(|m| MetierId::new(*m)).collect::<Vec<_>>();
        p.session_groups = vec![
            SessionGroup::new("Routes", ids(&["agent-exploitation-voirie"])),
            SessionGroup::new("Collèges", ids(&["charge-proprete-locaux"])),
        ];
        assert!(CheckedProfile::new(p.clone(), &data).is_ok());
        p.session_groups = vec![
            SessionGroup::new("Routes", ids(&["agent-exploitation-voirie", "atsem"])),
            SessionGroup::new(
                "Routes",
                ids(&["charge-proprete-locaux", "agent-exploitation-voirie"]),
            ),
            SessionGroup::new(" ", Vec::new()),
        ];
        let problems = CheckedProfile::new(p, &data).unwrap_err();
        let got: Vec<(&str, &str)> = problems
            .iter()
            .map(|d| (d.path.as_deref().unwrap(), d.message.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "session_groups[0].metiers[1]",
                    "le métier `atsem` du groupe « Routes » n'est pas dans le personnel du profil"
                ),
                (
                    "session_groups[1].name",
                    "deux groupes de sessions s'appellent « Routes »"
                ),
                (
                    "session_groups[1].metiers[1]",
                    "le métier `agent-exploitation-voirie` est déjà dans le groupe « Routes » : un métier appartient à un seul groupe de sessions"
                ),
                (
                    "session_groups[2].name",
                    "le groupe de sessions n'a pas de nom"
                ),
                (
                    "session_groups[2].metiers",
                    "le groupe de sessions «  » n'a aucun métier"
                ),
            ]
        );
    }
}
