//! What an HR-software vendor would copy: build a collectivity profile in code, check it, plan
//! it, and serialise the plan to JSON.
//!
//! Run with `cargo run --example plan_in_code`.

use parcours::graph::ids::{CompetencyId, MetierId};
use parcours::graph::vocab::Level;
use parcours::graph::{Graph, ReferenceData};
use parcours::planner::planner::Planner;
use parcours::planner::profile::{Budget, CollectivityKind, CurrentLevel, Profile, StaffLine};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The reference data embedded in the library (or `Sources::replace` + `ReferenceData::load`).
    let data = ReferenceData::embedded()?;
    let graph = Graph::new(&data);
    // One planner serves many profiles.
    let planner = Planner::new(&graph);

    let staff = |metier: &str, headcount: u32| StaffLine::new(MetierId::new(metier), headcount);
    let mut accueil = staff("charge-accueil", 4);
    // Levels known from a Pix campaign: every agent of the line at Pix 5 in 1.1.
    accueil
        .levels
        .push(CurrentLevel::pix(CompetencyId::new("pix-1-1"), 5));
    accueil.levels.push(CurrentLevel::level(
        CompetencyId::new("acces-e-services"),
        Level::Socle,
    ));
    let mut budget = Budget::new(60, 5);
    budget.cost_per_day = Some(160);
    let mut p = Profile::new(
        "Communauté de communes du Val d'Exemple",
        CollectivityKind::Intercommunality,
        2027,
        budget,
    );
    p.population = Some(18_000);
    p.department = Some("22".into());
    p.staff = vec![
        accueil,
        staff("secretaire-de-mairie", 3),
        staff("agent-gestion-administrative", 6),
        staff("agent-entretien-polyvalent", 12),
    ];
    p.managers = 5;
    p.elected_officials = 20;

    // Check the profile against the reference data: only a checked profile can be planned.
    let checked = match planner.check(p) {
        Ok(c) => c,
        Err(problems) => {
            for d in &problems {
                eprintln!("{d}");
            }
            return Err("invalid profile".into());
        }
    };

    let plan = planner.plan(&checked);
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
