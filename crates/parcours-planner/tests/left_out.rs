//! What a plan leaves out: at a small budget the département example names the populations
//! without training by year 5 and the priority recommendations under half, and the budget of
//! the curve at which each changes.

mod common;

use common::{data, examples, planner};
use parcours_planner::check::CheckedProfile;
use parcours_planner::left_out::{PlanWarning, WarningKind, left_out, thresholds};
use parcours_planner::options::PlanOptions;

fn departement(days: u32) -> CheckedProfile {
    let p = examples()
        .into_iter()
        .find(|(n, _)| *n == "departement.ron")
        .expect("the département example")
        .1;
    let options = PlanOptions {
        budget_days: Some(days),
        ..PlanOptions::default()
    };
    p.with_options(&options).expect("a valid budget")
}

#[test]
fn a_small_budget_names_what_it_leaves_out_and_what_would_change_it() {
    let profile = departement(300);
    let plan = planner().plan(&profile);
    let mut warnings = plan.warnings.clone();
    assert_eq!(warnings, left_out(&plan, data()));
    let pops: Vec<&PlanWarning> = warnings
        .iter()
        .filter(|w| w.kind == WarningKind::UntrainedPopulation)
        .collect();
    assert!(
        pops.iter()
            .any(|w| w.population.as_deref() == Some("agent-exploitation-voirie")),
        "{warnings:?}"
    );
    assert!(pops.windows(2).all(|w| w[0].agents >= w[1].agents));
    assert!(
        warnings
            .iter()
            .any(|w| w.kind == WarningKind::PriorityBelowHalf
                && w.share_year5.is_some_and(|s| s.0 < 500)),
        "{warnings:?}"
    );
    assert!(warnings.iter().all(|w| w.budget_days.is_none()));
    thresholds(planner(), &profile, &mut warnings);
    assert!(warnings.iter().all(|w| w.curve_end_days.is_some()));
    let voirie = warnings
        .iter()
        .find(|w| w.population.as_deref() == Some("agent-exploitation-voirie"))
        .expect("road agents left out");
    let at = voirie
        .budget_days
        .expect("a budget that trains road agents");
    assert!(at > 300, "{at}");
    assert!(
        voirie.message.contains("d'au moins")
            && voirie.message.ends_with("jours-stagiaires par an"),
        "{}",
        voirie.message
    );
    // At that budget, road agents get a training step by year 5.
    let there = planner().plan(&departement(at));
    assert!(
        !left_out(&there, data())
            .iter()
            .any(|w| w.population == voirie.population)
    );
    // The same twice: the thresholds do not depend on the threads.
    let mut again = plan.warnings.clone();
    thresholds(planner(), &profile, &mut again);
    assert_eq!(again, warnings);
}

#[test]
fn a_full_budget_leaves_nobody_out() {
    let profile = departement(8800);
    let plan = planner().plan(&profile);
    assert!(
        plan.warnings
            .iter()
            .all(|w| w.kind != WarningKind::UntrainedPopulation),
        "{:?}",
        plan.warnings
    );
}

/// A module longer than the yearly time allowed per agent is unfunded for that reason, not
/// for a full yearly time; the other reasons are only given to modules that fit the cap.
#[test]
fn a_module_longer_than_the_cap_says_so() {
    use parcours_planner::plan::UnfundedReason;
    let mut p = departement(8800).profile().clone();
    p.budget.max_days_per_agent = 1;
    let plan = planner().plan(&common::checked(&p, &PlanOptions::default()));
    let cap_hours = u64::from(plan.profile.hours_per_day);
    let hours = |metier: &str, module: &str| {
        plan.paths
            .iter()
            .find(|p| p.metier == metier)
            .and_then(|p| p.steps.iter().find(|s| s.module.as_str() == module))
            .map(|s| s.hours)
            .expect("the step of an unfunded need")
    };
    let mut longer = 0;
    for u in &plan.unfunded {
        let Some(m) = &u.module else { continue };
        let h = hours(&u.metier, m.as_str());
        if u.reason == UnfundedReason::ModuleLongerThanCap {
            assert!(h > cap_hours, "{u:?}");
            longer += 1;
        } else {
            assert!(h <= cap_hours, "{u:?}: {h} h");
        }
    }
    assert!(longer > 0, "no module longer than one day");
}

/// A métier or a track may have its own yearly cap per agent: with the budget's cap at one day,
/// the modules longer than a day stay unfunded for that reason; a métier or the managers' track
/// given three days has fewer such modules, and its longer modules are scheduled within them.
#[test]
fn a_population_may_have_its_own_cap() {
    use parcours_planner::plan::UnfundedReason;
    let mut p = departement(8800).profile().clone();
    p.budget.max_days_per_agent = 1;
    let longer = |plan: &parcours_planner::plan::Plan, who: &str| {
        plan.unfunded
            .iter()
            .filter(|u| u.metier == who && u.reason == UnfundedReason::ModuleLongerThanCap)
            .count()
    };
    let before = planner().plan(&common::checked(&p, &PlanOptions::default()));
    assert!(longer(&before, "encadrants") > 0);
    assert!(longer(&before, "juriste") > 0);
    p.budget.managers_max_days_per_agent = Some(3);
    let line = p
        .staff
        .iter_mut()
        .find(|s| s.metier.as_str() == "juriste")
        .expect("a juriste line");
    line.max_days_per_agent = Some(3);
    let after = planner().plan(&common::checked(&p, &PlanOptions::default()));
    // Only modules longer than three days are still too long for them.
    for who in ["encadrants", "juriste"] {
        assert!(longer(&after, who) < longer(&before, who), "{who}");
    }
    // Other métiers keep the budget's cap.
    assert_eq!(longer(&after, "drh"), longer(&before, "drh"));
    // Each agent's yearly hours stay within the population's own cap.
    let hpd = u64::from(after.profile.hours_per_day);
    for path in after
        .paths
        .iter()
        .filter(|m| m.metier == "encadrants" || m.metier == "juriste")
    {
        let mut by_year = std::collections::BTreeMap::<u16, u64>::new();
        for s in &path.steps {
            for (y, n) in &s.scheduled {
                if *n > 0 {
                    *by_year.entry(*y).or_default() += s.hours;
                }
            }
        }
        assert!(
            by_year.values().all(|h| *h <= 3 * hpd),
            "{}: {by_year:?}",
            path.metier
        );
        assert!(
            by_year.values().any(|h| *h > hpd),
            "{}: {by_year:?}",
            path.metier
        );
    }
}
