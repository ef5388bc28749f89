//! A valid profile built from the fuzz input (métiers picked by index among the reference data,
//! headcounts 0–200, current levels in every form, budgets, caps, horizon 1–12, maturity, effect
//! weights (one per effect), done and excluded modules, a custom métier). It must pass
//! the checks (`CheckedProfile`); its plan must keep every year within budget, cite a recommendation on every
//! session line, and the allocation of `Planner::solve` must pass `Problem::check`.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use parcours_graph::ReferenceData;
use parcours_graph::ids::{CompetencyId, MetierId, ModuleId};
use parcours_graph::model::{Shares, Target};
use parcours_graph::vocab::{Audience, Category, Level, Maturity};
use parcours_planner::check::CheckedProfile;
use parcours_planner::options::{Detail, PlanOptions};
use parcours_planner::profile::{
    Budget, CollectivityKind, CurrentLevel, CustomMetier, EffectWeight, Profile, StaffLine,
    Statutory,
};
use std::collections::BTreeSet;

#[derive(Arbitrary, Debug)]
struct Input {
    staff: Vec<Line>,
    maturity: u8,
    days_per_year: u32,
    max_days_per_agent: u8,
    cost_per_day: Option<u16>,
    horizon: u8,
    managers: u8,
    elected_officials: u8,
    effect_weights: Vec<(u8, u16)>,
    done_modules: Vec<u16>,
    excluded_modules: Vec<u16>,
    custom: Option<Custom>,
    override_budget: Option<u32>,
    /// A statutory reserve in days (within the budget), and a digital share.
    statutory_days: Option<u16>,
    digital_share: Option<u8>,
    override_horizon: Option<u8>,
    schedule_only: bool,
}

#[derive(Arbitrary, Debug)]
struct Line {
    metier: u16,
    headcount: u8,
    levels: Vec<Known>,
    done_modules: Vec<u16>,
}

#[derive(Arbitrary, Debug)]
struct Known {
    competency: u16,
    how: How,
}

#[derive(Arbitrary, Debug)]
enum How {
    Level(u8),
    Shares([u8; 4]),
    Counts([u8; 4]),
    Pix(u8),
}

#[derive(Arbitrary, Debug)]
struct Custom {
    headcount: u8,
    group: Option<u8>,
    field: Option<u8>,
    roles: u16,
    categories: u8,
    targets: Vec<(u16, u8, Option<u8>)>,
}

const ROLES: [Audience; 9] = [
    Audience::ElectedOfficials,
    Audience::GeneralManagement,
    Audience::Managers,
    Audience::HrDirections,
    Audience::ItDirections,
    Audience::SupportFunctions,
    Audience::AllAgents,
    Audience::DigitalMediators,
    Audience::Cnfpt,
];

/// `total` split in proportion to `weights` (the remainder goes to the first non-zero weight;
/// all in the first slot when every weight is zero).
fn split(weights: [u8; 4], total: u32) -> Shares {
    let sum: u32 = weights.iter().map(|w| u32::from(*w)).sum();
    let mut out = [0u32; 4];
    for (o, w) in out.iter_mut().zip(weights) {
        *o = (u32::from(w) * total).checked_div(sum).unwrap_or(0);
    }
    let rest = total - out.iter().sum::<u32>();
    let first = weights.iter().position(|w| *w > 0).unwrap_or(0);
    out[first] += rest;
    Shares {
        none: out[0],
        socle: out[1],
        approfondissement: out[2],
        expertise: out[3],
    }
}

fn level_in(data: &ReferenceData, c: &CompetencyId, pick: u8) -> Level {
    let comp = data.competency(c).expect("known competency");
    let range: Vec<Level> = Level::ALL
        .into_iter()
        .filter(|l| *l >= comp.min && *l <= comp.max)
        .collect();
    range[usize::from(pick) % range.len()]
}

fn module(data: &ReferenceData, i: u16) -> ModuleId {
    data.modules()[usize::from(i) % data.modules().len()]
        .id
        .clone()
}

fn competency(data: &ReferenceData, i: u16) -> CompetencyId {
    let all = &data.competencies().competencies;
    all[usize::from(i) % all.len()].id.clone()
}

fn levels(data: &ReferenceData, known: &[Known], headcount: u32) -> Vec<CurrentLevel> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for k in known.iter().take(8) {
        let c = competency(data, k.competency);
        if !seen.insert(c.clone()) {
            continue;
        }
        let l = match k.how {
            How::Level(pick) => {
                let level = level_in(data, &c, pick);
                CurrentLevel::level(c, level)
            }
            How::Shares(w) => CurrentLevel::shares(c, split(w, 100)),
            How::Counts(w) => CurrentLevel::counts(c, split(w, headcount)),
            How::Pix(p) => CurrentLevel::pix(c, p % 9),
        };
        out.push(l);
    }
    out
}

fn build(data: &ReferenceData, input: &Input) -> Profile {
    let mut seen = BTreeSet::new();
    let mut staff = Vec::new();
    for line in input.staff.iter().take(12) {
        let metier = &data.metiers()[usize::from(line.metier) % data.metiers().len()].id;
        if !seen.insert(metier.clone()) {
            continue;
        }
        let headcount = u32::from(line.headcount) % 201;
        let mut s = StaffLine::new(metier.clone(), headcount);
        s.levels = levels(data, &line.levels, headcount);
        s.done_modules = line
            .done_modules
            .iter()
            .take(4)
            .map(|m| module(data, *m))
            .collect();
        staff.push(s);
    }
    let mut custom_metiers = Vec::new();
    if let Some(c) = &input.custom {
        let id = MetierId::new("fuzz-metier-sur-mesure");
        let mut targets = Vec::new();
        let mut comps = BTreeSet::new();
        for (comp, y10, y5) in c.targets.iter().take(4) {
            let competency = competency(data, *comp);
            if !comps.insert(competency.clone()) {
                continue;
            }
            let year10 = level_in(data, &competency, *y10);
            let year5 = y5
                .map(|p| level_in(data, &competency, p))
                .map(|l| l.min(year10));
            targets.push(Target {
                competency,
                year5,
                year10,
            });
        }
        if !targets.is_empty() {
            let headcount = u32::from(c.headcount) % 201;
            let mut custom = CustomMetier::new(id.clone(), "Métier sur mesure", targets);
            custom.field = c.field.map(|f| {
                data.fields()[usize::from(f) % data.fields().len()]
                    .id
                    .clone()
            });
            custom.groups = c
                .group
                .map(|g| {
                    data.groups()[usize::from(g) % data.groups().len()]
                        .id
                        .clone()
                })
                .into_iter()
                .collect();
            custom.roles = ROLES
                .iter()
                .enumerate()
                .filter(|(i, _)| c.roles & (1 << i) != 0)
                .map(|(_, r)| *r)
                .collect();
            custom.categories = Category::ALL
                .iter()
                .enumerate()
                .filter(|(i, _)| c.categories & (1 << i) != 0)
                .map(|(_, k)| *k)
                .collect();
            custom_metiers.push(custom);
            staff.push(StaffLine::new(id, headcount));
        }
    }
    let mut budget = Budget::new(
        input.days_per_year % 20_001,
        u32::from(input.max_days_per_agent) % 101,
    );
    budget.cost_per_day = input.cost_per_day.map(|c| u32::from(c) % 2_001);
    budget.digital_share_percent = input.digital_share.map(|s| 1 + u32::from(s) % 100);
    // A reserve the budget covers (a larger one is refused by the checks).
    let statutory = input
        .statutory_days
        .map(|d| Statutory::days(u32::from(d) % (budget.days_per_year + 1)));
    let mut p = Profile::new("Collectivité fuzz", CollectivityKind::Commune, 2027, budget);
    p.statutory = statutory;
    p.maturity = Maturity::ALL[usize::from(input.maturity) % Maturity::ALL.len()];
    p.staff = staff;
    // Managers are agents: no more of them than the staff lines hold (more is refused by the
    // checks).
    let agents: u32 = p.staff.iter().map(|l| l.headcount).sum();
    p.managers = (u32::from(input.managers) % 51).min(agents);
    p.elected_officials = u32::from(input.elected_officials) % 51;
    p.horizon = 1 + u16::from(input.horizon) % 12;
    // One weight per effect at most (a second one is refused by the checks).
    p.effect_weights = input
        .effect_weights
        .iter()
        .take(5)
        .map(|(e, w)| {
            EffectWeight::new(
                data.effects()[usize::from(*e) % data.effects().len()].number,
                u32::from(*w) % 1_001,
            )
        })
        .fold(Vec::<EffectWeight>::new(), |mut kept, w| {
            if kept.iter().all(|k| k.effect != w.effect) {
                kept.push(w);
            }
            kept
        });
    p.done_modules = input
        .done_modules
        .iter()
        .take(6)
        .map(|m| module(data, *m))
        .collect();
    p.excluded_modules = input
        .excluded_modules
        .iter()
        .take(6)
        .map(|m| module(data, *m))
        .collect();
    p.custom_metiers = custom_metiers;
    p
}

fuzz_target!(|input: Input| {
    let data = parcours_fuzz::data();
    let p = build(data, &input);
    let p = match CheckedProfile::new(p.clone(), data) {
        Ok(p) => p,
        Err(problems) => panic!("a built profile has problems: {problems:?}\n{p:?}"),
    };
    let options = PlanOptions {
        budget_days: input.override_budget.map(|b| b % 20_001),
        horizon: input.override_horizon.map(|h| 1 + u16::from(h) % 12),
    };
    let detail = if input.schedule_only {
        Detail::Schedule
    } else {
        Detail::Full
    };
    parcours_fuzz::plan_and_check(&p, &options, detail);
});
