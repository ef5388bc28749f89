//! The budget curve: what each yearly budget of trainee-days buys, from nothing up to the budget
//! beyond which the objective stops rising — the figures an HR director shows elected officials
//! to argue for a budget.
//!
//! A point is the plan at one budget (only the trainee-days per year change: every other field
//! of the profile, a euro budget included when the profile has one, stays as given), summed up
//! level by level of the [`Objective`]. The greedy is not monotone in every case (see
//! `docs/planning.md`, "Limits"), so **each point keeps the best plan, in the objective's order,
//! found at its budget or at any smaller budget of the curve**: the curve never falls, and a
//! point that keeps a smaller budget's plan says so ([`CurvePoint::kept_from`]). The shares
//! behind the lower levels may still dip a little from one point to the next where a higher
//! level rises: the order decides, as in the plan itself.
//!
//! [`budget_curve`] builds it (points planned in parallel; the result does not depend on the
//! number of threads); `parcours-report` renders it.

use crate::check::CheckedProfile;
use crate::funding::ChannelTotal;
use crate::options::{Detail, PlanOptions};
use crate::plan::{Days, Plan, ProfileSummary};
use crate::planner::Planner;
use crate::problem::Objective;
use crate::profile::limits::MAX_DAYS_PER_YEAR;
use rayon::prelude::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Version of the curve's JSON layout.
pub const CURVE_SCHEMA_VERSION: u32 = 1;
/// Steps of a curve when none is asked for.
pub const DEFAULT_STEPS: u32 = 20;
/// The most steps a curve may have (each is a plan).
pub const MAX_STEPS: u32 = 100;

/// What a run of the curve may choose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CurveOptions {
    /// Steps between 0 and the last budget (the curve has one point more), 1 to [`MAX_STEPS`].
    pub steps: u32,
    /// The last budget, in trainee-days per year (1 to [`MAX_DAYS_PER_YEAR`]); by default the
    /// budget beyond which the objective stops rising ([`saturation`]).
    pub max_days: Option<u32>,
}

impl Default for CurveOptions {
    fn default() -> Self {
        CurveOptions {
            steps: DEFAULT_STEPS,
            max_days: None,
        }
    }
}

impl CurveOptions {
    /// Checks the options against their limits.
    pub fn check(&self) -> Result<(), CurveError> {
        if self.steps == 0 || self.steps > MAX_STEPS {
            return Err(CurveError::Steps(self.steps));
        }
        match self.max_days {
            Some(d) if d == 0 || d > MAX_DAYS_PER_YEAR => Err(CurveError::MaxDays(d)),
            _ => Ok(()),
        }
    }
}

/// An option of the curve out of its limits (the messages are the user's, in French).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CurveError {
    /// No step, or more than [`MAX_STEPS`].
    #[error("nombre de paliers hors limites : de 1 à {MAX_STEPS}")]
    Steps(u32),
    /// A last budget of 0, or beyond [`MAX_DAYS_PER_YEAR`].
    #[error("budget maximal hors limites : de 1 à {MAX_DAYS_PER_YEAR} jours-stagiaires par an")]
    MaxDays(u32),
    /// A last budget below the profile's statutory reserve (the curve starts there).
    #[error(
        "budget maximal inférieur à la réserve statutaire du profil ({reserve} jours-stagiaires par an) : la courbe commence à la réserve"
    )]
    BelowReserve {
        /// The last budget asked for.
        max_days: u32,
        /// The reserve, in whole days (rounded up).
        reserve: u32,
    },
}

/// Why the curve ends where it does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EndReason {
    /// The budget asked for (`--max-days`).
    Asked,
    /// The smallest budget found at which every need is funded on time (the objective at its
    /// ceiling).
    Ceiling,
    /// The smallest budget found beyond which the objective stops rising (doubling it changes
    /// nothing), short of its ceiling: what is left is held back by the per-agent cap, the
    /// prerequisites or the horizon, not by the budget.
    Plateau,
    /// The largest budget a profile may give ([`MAX_DAYS_PER_YEAR`]), still rising.
    Limit,
}

/// Where the curve ends and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CurveEnd {
    /// The last budget, in trainee-days per year.
    pub days: u32,
    /// Why there.
    pub reason: EndReason,
}

/// The shares behind each level of the objective, in tenths of a percent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Levels {
    /// Level 0, with `socle_first` only: the steps to the core *socle* placed by year 5, over
    /// those needed.
    pub socle: Option<Days>,
    /// Level 1: the average coverage of the ➔ recommendations' short-term needs by year 5,
    /// each counting alike (`None` when they need nothing).
    pub goals: Option<Days>,
    /// Level 2: the short-term needs covered by year 5.
    pub short_term: Days,
    /// Level 3: every need covered by the horizon.
    pub overall: Days,
}

/// The change of each level's share to the next point, in tenths of a percentage point
/// (negative when a lower level gives way to a higher one).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Gain {
    /// Level 0 (with `socle_first` only).
    pub socle: Option<i64>,
    /// Level 1.
    pub goals: Option<i64>,
    /// Level 2.
    pub short_term: i64,
    /// Level 3.
    pub overall: i64,
}

/// One point of the curve: a budget and the best plan found up to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CurvePoint {
    /// Trainee-days per year.
    pub budget_days: u32,
    /// When the plan at this budget is worse (in the objective's order) than one at a smaller
    /// budget of the curve: that smaller budget, whose plan the point keeps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kept_from: Option<u32>,
    /// The kept plan's objective, level by level.
    pub objective: Objective,
    /// The shares behind each level.
    pub levels: Levels,
    /// Trainee-days the kept plan uses over the whole horizon.
    pub days_used: Days,
    /// Its cost in euros, when the profile gives prices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<u64>,
    /// Its cost split by funding channel (lines, agents, days and euros of each channel the
    /// plan uses, in the order of `Channel::ALL`).
    #[serde(default)]
    pub by_channel: Vec<ChannelTotal>,
    /// Agents at the *socle* of every core competency they target by the end of year 5.
    pub agents_at_socle_year5: u64,
    /// The change to the next point (none on the last).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gain: Option<Gain>,
}

/// The budget curve of a profile.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
pub struct BudgetCurve {
    /// Version of this layout ([`CURVE_SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// The profile, summarised, with its own budget.
    pub profile: ProfileSummary,
    /// Whether the profile puts the core socle for every agent first (level 0).
    pub socle_first: bool,
    /// Agents of the staff lines (of whom [`CurvePoint::agents_at_socle_year5`]).
    pub agents: u64,
    /// Each level of the objective if everything were funded on time.
    pub ceiling: Objective,
    /// The first budget of the curve: the profile's statutory reserve in whole days (rounded
    /// up; 0 without one). The budget is the whole training budget, statutory training taken
    /// first, so no budget below the reserve is planned.
    #[serde(default)]
    pub start_days: u32,
    /// Steps between the first and the last budget.
    pub steps: u32,
    /// Where the curve ends and why.
    pub end: CurveEnd,
    /// The points, from [`BudgetCurve::start_days`] trainee-days a year up to
    /// [`CurveEnd::days`], evenly spaced.
    pub points: Vec<CurvePoint>,
    /// The profile's own budget, under the same rule (the best plan at it or at a smaller
    /// budget of the curve); its `gain` is empty.
    pub current: CurvePoint,
}

/// What one plan gives a point: its objective and figures, before the best-so-far rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Planned {
    /// The budget planned.
    pub budget_days: u32,
    /// The plan's objective.
    pub objective: Objective,
    /// The shares behind its levels.
    pub levels: Levels,
    /// Trainee-days used.
    pub days_used: Days,
    /// Cost.
    pub cost: Option<u64>,
    /// Cost by funding channel.
    pub by_channel: Vec<ChannelTotal>,
    /// Agents at the socle by year 5.
    pub agents_at_socle_year5: u64,
}

/// The cost of a point: the one place the curve reads a plan's total cost (its split by
/// channel is the plan's `indicators.by_channel`).
pub fn point_cost(plan: &Plan) -> Option<u64> {
    plan.indicators.cost
}

/// `part / whole` in tenths of a percent, rounded half up; `None` when `whole` is 0.
fn share(part: u128, whole: u128) -> Option<Days> {
    (whole > 0).then(|| {
        let tenths = (part.min(whole) * 1000 + whole / 2) / whole;
        Days(u64::try_from(tenths).unwrap_or(1000))
    })
}

/// The shares behind each level of a plan's objective.
pub fn levels(plan: &Plan) -> Levels {
    let i = &plan.indicators;
    let (got, top) = (&i.objective, &i.objective_ceiling);
    Levels {
        socle: if i.socle_first {
            share(u128::from(got.socle), u128::from(top.socle))
        } else {
            None
        },
        goals: share(u128::from(got.goals), u128::from(top.goals)),
        short_term: i.short_term.share_year5,
        overall: i.overall.share_horizon,
    }
}

impl Planned {
    /// A plan summed up.
    pub fn of(budget_days: u32, plan: &Plan) -> Planned {
        Planned {
            budget_days,
            objective: plan.indicators.objective,
            levels: levels(plan),
            days_used: plan.indicators.days_used,
            cost: point_cost(plan),
            by_channel: plan.indicators.by_channel.clone(),
            agents_at_socle_year5: plan.indicators.agents_at_socle_year5,
        }
    }
}

/// The plan of `profile` at `days` trainee-days a year (the schedule and indicators only).
pub(crate) fn plan_at<'d>(
    planner: &Planner<'_, 'd>,
    profile: &CheckedProfile,
    days: u32,
) -> Plan<'d> {
    let options = PlanOptions {
        budget_days: Some(days.min(MAX_DAYS_PER_YEAR)),
        ..PlanOptions::default()
    };
    let profile = profile
        .clone()
        .with_options(&options)
        .unwrap_or_else(|_| profile.clone());
    planner.plan_with(&profile, Detail::Schedule)
}

/// The objective of the plan at `days`.
fn objective_at(planner: &Planner, profile: &CheckedProfile, days: u32) -> Objective {
    plan_at(planner, profile, days).indicators.objective
}

/// The budget beyond which the objective stops rising, found from the profile's own budget
/// (at least 1 day): doubled until the objective reaches its ceiling or doubling changes it no
/// more (or the budget reaches [`MAX_DAYS_PER_YEAR`]), then the smallest budget reaching that
/// objective, by bisection between the last budget below it and the first at it.
pub fn saturation(planner: &Planner, profile: &CheckedProfile) -> CurveEnd {
    let start = start_days(planner, profile);
    let first = plan_at(planner, profile, start);
    let ceiling = first.indicators.objective_ceiling;
    if first.indicators.objective >= ceiling {
        return CurveEnd {
            days: start,
            reason: EndReason::Ceiling,
        };
    }
    // Below: a budget whose objective is short of the target; `at`: one that reaches it.
    let mut below = start;
    let mut at = profile
        .budget
        .days_per_year
        .clamp(start + 1, MAX_DAYS_PER_YEAR);
    let mut got = objective_at(planner, profile, at);
    let (target, reason) = loop {
        if got >= ceiling {
            break (got, EndReason::Ceiling);
        }
        if at == MAX_DAYS_PER_YEAR {
            return CurveEnd {
                days: at,
                reason: EndReason::Limit,
            };
        }
        let next = at.saturating_mul(2).min(MAX_DAYS_PER_YEAR);
        let more = objective_at(planner, profile, next);
        if more == got {
            break (got, EndReason::Plateau);
        }
        (below, at, got) = (at, next, more);
    };
    while at - below > 1 {
        let mid = below + (at - below) / 2;
        if objective_at(planner, profile, mid) >= target {
            at = mid;
        } else {
            below = mid;
        }
    }
    CurveEnd { days: at, reason }
}

/// `steps` evenly spaced budgets from `start` to `end` (both included; rounded down to whole
/// days, the same budget never twice: fewer points when `end − start` < `steps`).
pub fn budgets(start: u32, end: u32, steps: u32) -> Vec<u32> {
    let steps = u64::from(steps.max(1));
    let span = u64::from(end.saturating_sub(start));
    let mut out: Vec<u32> = (0..=steps)
        .map(|k| start.saturating_add(u32::try_from(k * span / steps).unwrap_or(u32::MAX)))
        .map(|d| d.min(end.max(start)))
        .collect();
    out.dedup();
    out
}

/// The first budget of a curve: the profile's statutory reserve in whole days, rounded up (a
/// smaller whole budget cannot be planned: statutory training comes out of it first).
pub fn start_days(planner: &Planner, profile: &CheckedProfile) -> u32 {
    let reserve = planner.reserve(profile).reserve_days_per_year;
    u32::try_from(reserve.0.div_ceil(10)).unwrap_or(MAX_DAYS_PER_YEAR)
}

/// The best-so-far rule: each budget keeps the best plan (in the objective's order) among its
/// own and those of smaller budgets (a plan at least as good as every earlier one is its own);
/// then each point's gain to the next. `planned` is in increasing order of budget.
pub fn keep_best(planned: &[Planned]) -> Vec<CurvePoint> {
    let mut best: Option<&Planned> = None;
    let mut points: Vec<CurvePoint> = planned
        .iter()
        .map(|p| {
            let kept = match best {
                Some(b) if p.objective < b.objective => b,
                _ => p,
            };
            best = Some(kept);
            point(p.budget_days, kept)
        })
        .collect();
    for k in 1..points.len() {
        let next = points[k].levels;
        points[k - 1].gain = Some(gain(&points[k - 1].levels, &next));
    }
    points
}

/// The point at `budget_days` keeping the plan `kept`.
fn point(budget_days: u32, kept: &Planned) -> CurvePoint {
    CurvePoint {
        budget_days,
        kept_from: (kept.budget_days != budget_days).then_some(kept.budget_days),
        objective: kept.objective,
        levels: kept.levels,
        days_used: kept.days_used,
        cost: kept.cost,
        by_channel: kept.by_channel.clone(),
        agents_at_socle_year5: kept.agents_at_socle_year5,
        gain: None,
    }
}

fn gain(from: &Levels, to: &Levels) -> Gain {
    let d = |a: Days, b: Days| b.0 as i64 - a.0 as i64;
    let opt = |a: Option<Days>, b: Option<Days>| a.zip(b).map(|(a, b)| d(a, b));
    Gain {
        socle: opt(from.socle, to.socle),
        goals: opt(from.goals, to.goals),
        short_term: d(from.short_term, to.short_term),
        overall: d(from.overall, to.overall),
    }
}

/// The budget curve of `profile`: its points from 0 to `options.max_days` (or to the
/// [`saturation`] budget) in `options.steps` even steps, each keeping the best plan found up
/// to it, and the profile's own budget under the same rule. The points are planned in
/// parallel; the curve is the same whatever the number of threads.
///
/// ```
/// use parcours_graph::{Graph, ReferenceData};
/// use parcours_import::formats::{self, Format};
/// use parcours_planner::curve::{CurveOptions, budget_curve};
/// use parcours_planner::planner::Planner;
/// let data = ReferenceData::embedded().unwrap();
/// let graph = Graph::new(&data);
/// let p = formats::load(&data, "t.ron", formats::TEMPLATE, Format::Ron).unwrap();
/// let options = CurveOptions { steps: 4, max_days: Some(40) };
/// let curve = budget_curve(&Planner::new(&graph), &p, &options).unwrap();
/// let budgets: Vec<u32> = curve.points.iter().map(|p| p.budget_days).collect();
/// assert_eq!(budgets, [0, 10, 20, 30, 40]);
/// assert!(curve.points.windows(2).all(|w| w[0].objective <= w[1].objective));
/// ```
pub fn budget_curve<'d>(
    planner: &Planner<'_, 'd>,
    profile: &CheckedProfile,
    options: &CurveOptions,
) -> Result<BudgetCurve, CurveError> {
    options.check()?;
    let start = start_days(planner, profile);
    let end = match options.max_days {
        Some(days) if days < start => {
            return Err(CurveError::BelowReserve {
                max_days: days,
                reserve: start,
            });
        }
        Some(days) => CurveEnd {
            days,
            reason: EndReason::Asked,
        },
        None => saturation(planner, profile),
    };
    let own = profile.budget.days_per_year;
    let mut wanted = budgets(start, end.days, options.steps);
    let on_curve = wanted.binary_search(&own).is_ok();
    if !on_curve {
        wanted.push(own);
    }
    // The point at 0 first: the profile's summary and the ceiling are the same at every
    // budget; then the others, in parallel (collected in order).
    let zero = plan_at(planner, profile, start);
    let mut summary = zero.profile.clone();
    summary.budget_days_per_year = own;
    let (agents, ceiling) = (zero.indicators.agents, zero.indicators.objective_ceiling);
    let mut planned = vec![Planned::of(start, &zero)];
    drop(zero);
    planned.par_extend(
        wanted[1..]
            .par_iter()
            .map(|&days| Planned::of(days, &plan_at(planner, profile, days))),
    );
    let (on, extra) = planned.split_at(wanted.len() - usize::from(!on_curve));
    let points = keep_best(on);
    // The own budget: the best of its plan and those of the curve's smaller budgets.
    let mut up_to: Vec<Planned> = on
        .iter()
        .filter(|p| p.budget_days <= own)
        .cloned()
        .collect();
    up_to.extend(extra.iter().cloned());
    let mut current = keep_best(&up_to)
        .pop()
        .unwrap_or_else(|| point(own, &planned[0]));
    current.gain = None;
    Ok(BudgetCurve {
        schema_version: CURVE_SCHEMA_VERSION,
        profile: summary,
        socle_first: profile.socle_first,
        agents,
        ceiling,
        start_days: start,
        steps: options.steps,
        end,
        points,
        current,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn planned(budget_days: u32, goals: u64, short: u64) -> Planned {
        Planned {
            budget_days,
            objective: Objective {
                socle: 0,
                goals,
                short_term: u128::from(short),
                total: 0,
            },
            levels: Levels {
                socle: None,
                goals: Some(Days(goals)),
                short_term: Days(short),
                overall: Days(short),
            },
            days_used: Days::whole(u64::from(budget_days)),
            cost: None,
            by_channel: Vec::new(),
            agents_at_socle_year5: 0,
        }
    }

    /// A plan worse than a smaller budget's is replaced by it, and the point says so; a plan
    /// as good as the best so far is its own; gains go to the next point.
    #[test]
    fn a_point_keeps_a_smaller_budgets_better_plan() {
        let raw = [
            planned(0, 0, 0),
            planned(10, 500, 300),
            planned(20, 400, 900),
            planned(30, 500, 300),
            planned(40, 800, 100),
        ];
        let points = keep_best(&raw);
        let kept: Vec<Option<u32>> = points.iter().map(|p| p.kept_from).collect();
        assert_eq!(kept, [None, None, Some(10), None, None]);
        assert_eq!(points[2].objective, raw[1].objective);
        assert_eq!(points[2].days_used, raw[1].days_used);
        assert_eq!(points[2].budget_days, 20);
        assert!(points.windows(2).all(|w| w[0].objective <= w[1].objective));
        // Level 1 rises by 30 points from 30 to 40 days while level 2 gives way.
        let g = points[3].gain.expect("a gain to the next point");
        assert_eq!((g.goals, g.short_term), (Some(300), -200));
        assert_eq!(points[1].gain.map(|g| g.goals), Some(Some(0)));
        assert!(points[4].gain.is_none());
    }

    #[test]
    fn budgets_are_evenly_spaced_and_end_where_asked() {
        assert_eq!(budgets(0, 100, 4), [0, 25, 50, 75, 100]);
        assert_eq!(budgets(0, 10, 3), [0, 3, 6, 10]);
        assert_eq!(budgets(0, 3, 10), [0, 1, 2, 3]);
        assert_eq!(budgets(0, 0, 20), [0]);
        assert_eq!(budgets(0, MAX_DAYS_PER_YEAR, MAX_STEPS).len(), 101);
        // From a statutory reserve of 546 days.
        assert_eq!(budgets(546, 1946, 4), [546, 896, 1246, 1596, 1946]);
        assert_eq!(budgets(546, 546, 4), [546]);
    }

    #[test]
    fn options_are_bounded() {
        let ok = CurveOptions::default();
        assert_eq!(ok.check(), Ok(()));
        for steps in [0, MAX_STEPS + 1] {
            let o = CurveOptions { steps, ..ok };
            assert_eq!(o.check(), Err(CurveError::Steps(steps)));
        }
        for d in [0, MAX_DAYS_PER_YEAR + 1] {
            let o = CurveOptions {
                max_days: Some(d),
                ..ok
            };
            assert_eq!(o.check(), Err(CurveError::MaxDays(d)));
            assert!(
                o.check()
                    .unwrap_err()
                    .to_string()
                    .contains("jours-stagiaires par an")
            );
        }
        let o = CurveOptions {
            max_days: Some(MAX_DAYS_PER_YEAR),
            steps: MAX_STEPS,
        };
        assert_eq!(o.check(), Ok(()));
    }
}
