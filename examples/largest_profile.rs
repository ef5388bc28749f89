//! Writes the largest profile the limits accept (`parcours_planner::profile::limits`), for the
//! benchmark `scripts/bench-largest.sh`: every reference métier and as many custom métiers as
//! allowed on staff lines, every agent allowed, every competency at its highest target and no
//! agent at any level yet, names and ids at their longest, the longest horizon and a budget
//! that funds everything. It checks that the profile is accepted before printing it (RON).
//!
//! Run with `cargo run --release --example largest_profile > largest.ron`.

use parcours::graph::ReferenceData;
use parcours::graph::ids::{GroupId, MetierId};
use parcours::graph::model::{Shares, Target};
use parcours::graph::vocab::{Audience, Category, Maturity};
use parcours::import::csv::to_ron;
use parcours::import::formats::{self, Format};
use parcours::planner::profile::limits::*;
use parcours::planner::profile::{
    Budget, CollectivityKind, CurrentLevel, CustomMetier, EffectWeight, Profile, StaffLine,
};

/// Longest collectivity and custom métier name, and longest id, in characters.
const MAX_NAME: usize = 200;
const MAX_ID: usize = 100;

/// `prefix` padded with `-x` to `len` characters.
fn padded(prefix: &str, len: usize) -> String {
    let mut s = prefix.to_owned();
    while s.chars().count() < len {
        s.push_str(if s.chars().count() + 2 <= len {
            "-x"
        } else {
            "x"
        });
    }
    s
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data = ReferenceData::embedded()?;
    let competencies = &data.competencies().competencies;
    let customs = MAX_CUSTOM_METIERS.min(MAX_STAFF_LINES.saturating_sub(data.metiers().len()));
    let custom_metiers: Vec<CustomMetier> = (0..customs)
        .map(|i| {
            let targets = competencies
                .iter()
                .take(MAX_LEVELS)
                .map(|c| Target {
                    competency: c.id.clone(),
                    year5: Some(c.min),
                    year10: c.max,
                })
                .collect();
            let mut c = CustomMetier::new(
                MetierId::new(padded(&format!("metier-propre-{i:03}"), MAX_ID)),
                padded(&format!("Métier propre numéro {i}"), MAX_NAME),
                targets,
            );
            c.field = data.fields().first().map(|f| f.id.clone());
            c.groups = data
                .groups()
                .iter()
                .map(|g| GroupId::new(g.id.as_str()))
                .collect();
            c.roles = vec![
                Audience::GeneralManagement,
                Audience::Managers,
                Audience::HrDirections,
                Audience::ItDirections,
                Audience::SupportFunctions,
                Audience::DigitalMediators,
            ];
            c.categories = Category::ALL.to_vec();
            c
        })
        .collect();
    let metiers: Vec<MetierId> = data
        .metiers()
        .iter()
        .map(|m| m.id.clone())
        .chain(custom_metiers.iter().map(|c| c.id.clone()))
        .take(MAX_STAFF_LINES)
        .collect();
    let lines = metiers.len() as u64;
    let staff = metiers
        .into_iter()
        .enumerate()
        .map(|(i, metier)| {
            // The agents shared out evenly, up to the total.
            let headcount = (MAX_TOTAL_AGENTS / lines
                + u64::from((i as u64) < MAX_TOTAL_AGENTS % lines))
            .min(u64::from(MAX_HEADCOUNT)) as u32;
            let mut line = StaffLine::new(metier, headcount);
            line.levels = competencies
                .iter()
                .take(MAX_LEVELS)
                .map(|c| {
                    let counts = Shares {
                        none: headcount,
                        socle: 0,
                        approfondissement: 0,
                        expertise: 0,
                    };
                    CurrentLevel::counts(c.id.clone(), counts)
                })
                .collect();
            line
        })
        .collect();
    let mut budget = Budget::new(MAX_DAYS_PER_YEAR, MAX_DAYS_PER_AGENT);
    budget.cost_per_day = Some(MAX_COST_PER_DAY);
    let mut p = Profile::new(
        padded("Collectivité la plus grande", MAX_NAME),
        CollectivityKind::Region,
        2027,
        budget,
    );
    p.population = Some(MAX_POPULATION);
    p.department = Some("2A".into());
    p.intercommunality = Some(padded("epci", MAX_ID));
    p.maturity = Maturity::Initial;
    p.staff = staff;
    p.managers = MAX_TRACK_PEOPLE;
    p.elected_officials = MAX_TRACK_PEOPLE;
    p.horizon = MAX_HORIZON;
    p.effect_weights = data
        .effects()
        .iter()
        .map(|e| EffectWeight::new(e.number, MAX_EFFECT_PERCENT))
        .collect();
    p.custom_metiers = custom_metiers;
    let text = to_ron(
        &p,
        "The largest profile the limits accept (examples/largest_profile.rs).",
    )?;
    if let Err(problems) = formats::load(&data, "largest.ron", &text, Format::Ron) {
        return Err(format!("the largest profile is refused: {}", problems[0]).into());
    }
    print!("{text}");
    Ok(())
}
