//! Warnings on a valid profile that plans nothing: a budget of 0 trainee-days, a statutory
//! reserve that takes the whole budget, or 0 training days allowed per agent. The plan is
//! still made (its needs are all unfunded); the warnings say why it schedules no training.

use crate::profile::Profile;
use crate::statutory::Reserve;

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
                reserve.reserve_days_per_year, reserve.budget_days_per_year
            )
        } else {
            format!(
                "la part du budget laissée au numérique ({} % de {} jours-stagiaires par an) fait moins d'un dixième de jour : le plan ne programme aucune formation au numérique",
                reserve.digital_share_percent, reserve.budget_days_per_year
            )
        };
        out.push(Warning {
            message,
            help: Some(
                "augmentez `budget.days_per_year` (ou --budget-days), ou vérifiez `budget.digital_share_percent` et la section `statutory`".into(),
            ),
        });
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::CheckedProfile;
    use crate::planner::Planner;
    use crate::profile::{Budget, CollectivityKind, StaffLine};
    use parcours_graph::ids::MetierId;
    use parcours_graph::{Graph, ReferenceData};

    fn warnings_of(edit: impl Fn(&mut Profile)) -> Vec<Warning> {
        let data = ReferenceData::embedded().unwrap();
        let graph = Graph::new(&data);
        let mut profile = Profile::new(
            "Saint-Exemple",
            CollectivityKind::Commune,
            2027,
            Budget::new(40, 5),
        );
        profile.staff = vec![StaffLine::new(MetierId::new("secretaire-de-mairie"), 4)];
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
}
