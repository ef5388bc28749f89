//! Warnings on a valid profile that plans nothing: a budget of 0 trainee-days, a statutory
//! reserve that takes the whole budget, or 0 training days allowed per agent. The plan is
//! still made (its needs are all unfunded); the warnings say why it schedules no training.
//! Also, managers and elected officials possible but not plausible for the headcount and the
//! kind of collectivity, each warning naming its field and the rule (more managers than
//! agents is an error of the profile: [`crate::check`]).

use crate::profile::{CollectivityKind, Profile};
use crate::statutory::Reserve;
use parcours_graph::diagnostic::french_number;

/// A warning for the person who wrote the profile, in French.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// What is wrong, lowercase, no trailing period.
    pub message: String,
    /// How to change it.
    pub help: Option<String>,
}

/// The warnings of a plan of `profile` (with a run's options applied) whose statutory reserve
/// is `reserve`: empty when the budget leaves the digital plan some days.
pub fn warnings(profile: &Profile, reserve: &Reserve) -> Vec<Warning> {
    let mut out = Vec::new();
    let budget = &profile.budget;
    if reserve.budget_days_per_year.0 == 0 {
        out.push(Warning {
            message: "le budget de formation est de 0 jour-stagiaire par an : le plan ne programme aucune formation, tous les besoins restent non financés".into(),
            help: Some(
                "donnez le budget en jours-stagiaires par an dans `budget.days_per_year` du profil, ou avec --budget-days N".into(),
            ),
        });
    } else if reserve.digital_days_per_year.0 == 0 {
        let message = if reserve.reserve_days_per_year.0 >= reserve.budget_days_per_year.0 {
            format!(
                "la réserve des formations statutaires ({} jours par an) prend tout le budget de formation ({} jours-stagiaires par an) : le plan ne programme aucune formation au numérique",
                reserve.reserve_days_per_year.french(),
                reserve.budget_days_per_year.french()
            )
        } else {
            format!(
                "la part du budget laissée au numérique ({} % de {} jours-stagiaires par an) fait moins d'un dixième de jour : le plan ne programme aucune formation au numérique",
                reserve.digital_share_percent,
                reserve.budget_days_per_year.french()
            )
        };
        out.push(Warning {
            message,
            help: Some(
                "augmentez `budget.days_per_year` (ou --budget-days), ou vérifiez `budget.digital_share_percent` et la section `statutory`".into(),
            ),
        });
    }
    out.extend(plausibility(profile));
    if budget.max_days_per_agent == 0 {
        out.push(Warning {
            message: "`budget.max_days_per_agent` vaut 0 : aucun agent ne peut partir en formation, le plan ne programme aucune formation".into(),
            help: Some(
                "donnez le nombre de jours de formation qu'un agent peut suivre dans l'année (souvent 3 à 5)".into(),
            ),
        });
    }
    out
}

/// The share of the agents, in percent, beyond which the managers' track is implausible: in
/// the territorial civil service about one agent in ten is of category A (DGAFP, « Rapport
/// annuel sur l'état de la fonction publique »); with team leaders of category B and C, a
/// quarter is already far above what collectivities report.
pub const MAX_MANAGER_SHARE_PERCENT: u64 = 25;

/// Below this many agents, the managers' share says little (a team of four has a manager).
const MIN_AGENTS_FOR_SHARE: u64 = 20;

/// The largest elected assembly of a kind of collectivity, and the rule that sets it (`None`
/// for the kinds whose assemblies the law does not bound in one number).
pub fn max_elected(kind: CollectivityKind) -> Option<(u32, &'static str, &'static str)> {
    match kind {
        CollectivityKind::Commune => Some((
            69,
            "une commune",
            "un conseil municipal compte au plus 69 membres, dans les communes de 300 000 habitants et plus (code général des collectivités territoriales, art. L2121-2) ; seul le Conseil de Paris est plus nombreux (163)",
        )),
        CollectivityKind::Department => Some((
            82,
            "un département",
            "un conseil départemental compte deux conseillers par canton (code électoral, art. L191) : 82 dans le Nord, le plus grand",
        )),
        CollectivityKind::Region => Some((
            209,
            "une région",
            "un conseil régional compte au plus 209 conseillers, en Île-de-France (code électoral, art. L337)",
        )),
        _ => None,
    }
}

/// Warnings on the managers and elected officials of a profile that are possible but not
/// plausible for its headcount and kind, each naming its field and the rule.
fn plausibility(profile: &Profile) -> Vec<Warning> {
    let mut out = Vec::new();
    let agents: u64 = profile.staff.iter().map(|s| u64::from(s.headcount)).sum();
    let managers = u64::from(profile.managers);
    if agents >= MIN_AGENTS_FOR_SHARE
        && managers <= agents
        && managers * 100 > agents * MAX_MANAGER_SHARE_PERCENT
    {
        out.push(Warning {
            message: format!(
                "`managers` : {} encadrants pour {} agents, soit plus d'un agent sur quatre dans le parcours de l'encadrement",
                french_number(usize::try_from(managers).unwrap_or(usize::MAX)),
                french_number(usize::try_from(agents).unwrap_or(usize::MAX))
            ),
            help: Some(
                "dans la fonction publique territoriale, environ un agent sur dix est de catégorie A (DGAFP, rapport annuel sur l'état de la fonction publique) : vérifiez que `managers` ne compte que les agents qui encadrent une équipe".into(),
            ),
        });
    }
    if let Some((max, which, rule)) = max_elected(profile.kind)
        && profile.elected_officials > max
    {
        out.push(Warning {
            message: format!(
                "`elected_officials` : {} élus pour {which}, plus que n'en compte la plus grande assemblée de ce type ({max})",
                profile.elected_officials,
            ),
            help: Some(format!(
                "{rule} ; vérifiez le type de collectivité (`kind`) et `elected_officials`"
            )),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::CheckedProfile;
    use crate::planner::Planner;
    use crate::profile::{Budget, CollectivityKind, StaffLine};
    use parcours_graph::ids::MetierId;
    use parcours_graph::{Graph, ReferenceData};

    /// A commune of 4 agents.
    fn commune() -> Profile {
        let mut profile = Profile::new(
            "Saint-Exemple",
            CollectivityKind::Commune,
            2027,
            Budget::new(40, 5),
        );
        profile.staff = vec![StaffLine::new(MetierId::new("secretaire-de-mairie"), 4)];
        profile
    }

    fn warnings_of(edit: impl Fn(&mut Profile)) -> Vec<Warning> {
        let data = ReferenceData::embedded().unwrap();
        let graph = Graph::new(&data);
        let mut profile = commune();
        edit(&mut profile);
        let checked = CheckedProfile::new(profile, &data).expect("a valid profile");
        let plan = Planner::new(&graph).plan(&checked);
        warnings(checked.profile(), &plan.statutory)
    }

    #[test]
    fn a_budget_that_plans_nothing_says_so() {
        assert!(warnings_of(|_| {}).is_empty());
        let zero = warnings_of(|p| p.budget.days_per_year = 0);
        assert_eq!(zero.len(), 1);
        assert!(
            zero[0].message.contains("0 jour-stagiaire par an"),
            "{zero:?}"
        );
        let per_agent = warnings_of(|p| p.budget.max_days_per_agent = 0);
        assert_eq!(per_agent.len(), 1);
        assert!(
            per_agent[0]
                .message
                .starts_with("`budget.max_days_per_agent` vaut 0")
        );
    }

    /// Managers above a quarter of the agents, or more elected officials than the kind's
    /// largest assembly: a warning naming the field and the rule; more managers than agents:
    /// an error of the profile.
    #[test]
    fn implausible_managers_and_elected_officials_are_named() {
        let many = warnings_of(|p| {
            p.staff[0].headcount = 40;
            p.managers = 11;
            p.elected_officials = 70;
        });
        assert_eq!(many.len(), 2, "{many:?}");
        assert!(
            many[0]
                .message
                .starts_with("`managers` : 11 encadrants pour 40 agents")
        );
        assert!(many[0].help.as_deref().unwrap().contains("DGAFP"));
        assert!(
            many[1]
                .message
                .starts_with("`elected_officials` : 70 élus pour une commune")
        );
        assert!(many[1].help.as_deref().unwrap().contains("art. L2121-2"));
        let fine = warnings_of(|p| {
            p.staff[0].headcount = 40;
            p.managers = 10;
            p.elected_officials = 69;
        });
        assert!(fine.is_empty(), "{fine:?}");
        let data = ReferenceData::embedded().unwrap();
        let mut profile = commune();
        profile.managers = 5;
        let errors = CheckedProfile::new(profile, &data).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].path.as_deref(), Some("managers"));
        assert!(
            errors[0]
                .message
                .starts_with("5 encadrants pour 4 agents en tout")
        );
    }
}
