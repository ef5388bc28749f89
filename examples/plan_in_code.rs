//! What an HR-software vendor would copy: build a collectivity profile in code, check it, plan
//! it, and serialise the plan to JSON.
//!
//! Run with `cargo run --example plan_in_code`.

use parcours::graph::ids::{CompetencyId, MetierId};
use parcours::graph::vocab::{Level, Maturity};
use parcours::graph::{Graph, ReferenceData};
use parcours::planner::plan::{PlanOptions, Planner};
use parcours::planner::profile::{
    self, Budget, CollectivityKind, CurrentLevel, Profile, StaffLine,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The reference data embedded in the library (or `Sources::replace` + `ReferenceData::load`).
    let data = ReferenceData::embedded()?;
    let graph = Graph::new(&data);
    // One planner serves many profiles.
    let planner = Planner::new(&graph);

    let staff = |metier: &str, headcount: u32| StaffLine {
        metier: MetierId::new(metier),
        headcount,
        levels: Vec::new(),
        done_modules: Vec::new(),
    };
    let mut accueil = staff("charge-accueil", 4);
    // Levels known from a Pix campaign: every agent of the line at Pix 5 in 1.1.
    accueil.levels.push(CurrentLevel {
        competency: CompetencyId::new("pix-1-1"),
        pix: Some(5),
        ..CurrentLevel::default()
    });
    accueil.levels.push(CurrentLevel {
        competency: CompetencyId::new("acces-e-services"),
        level: Some(Level::Socle),
        ..CurrentLevel::default()
    });
    let p = Profile {
        name: "Communauté de communes du Val d'Exemple".into(),
        kind: CollectivityKind::Intercommunality,
        population: Some(18_000),
        department: Some("22".into()),
        intercommunality: None,
        first_year: 2027,
        maturity: Maturity::Developing,
        staff: vec![
            accueil,
            staff("secretaire-de-mairie", 3),
            staff("agent-gestion-administrative", 6),
            staff("agent-entretien-polyvalent", 12),
        ],
        managers: 5,
        elected_officials: 20,
        budget: Budget {
            days_per_year: 60,
            max_days_per_agent: 5,
            cost_per_day: Some(160),
        },
        horizon: 10,
        effect_weights: Vec::new(),
        done_modules: Vec::new(),
        excluded_modules: Vec::new(),
        custom_metiers: Vec::new(),
    };

    // Check the profile against the reference data; the text is only used to locate problems.
    let problems = profile::check(&p, &data, "profile", "");
    if !problems.is_empty() {
        for d in &problems {
            eprintln!("{d}");
        }
        return Err("invalid profile".into());
    }

    let plan = planner.plan(&p, &PlanOptions::default());
    let first = &plan.years[0];
    eprintln!(
        "{}: {} sessions in {}, {} of {} trainee-days",
        plan.profile.name,
        first.sessions.len(),
        first.year,
        first.days_used,
        first.budget_days
    );
    println!("{}", serde_json::to_string_pretty(&plan)?);
    Ok(())
}
