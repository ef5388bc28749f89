//! The planner: from a checked profile to its plan — populations, needs and items, the
//! scheduling problem, its allocation, then the plan's parts ([`crate::assemble`]).

use crate::assemble::{
    Assembly, add_totals, category_masks, each_year, staff_agents, tenths, unscheduled,
};
use crate::check::CheckedProfile;
use crate::euro_budget;
use crate::funding::{FundingSummary, Prices};
use crate::needs::{Concern, Demand, ItemInfo, Need, Tables, demand};
use crate::options::Detail;
use crate::parallel::Parallelism;
use crate::plan::{
    Days, LevelsOrigin, MeasuredMetier, Plan, ProfileSummary, SCHEMA_VERSION, SessionTotals,
    Totals, YearTotals,
};
use crate::population::{Population, PopulationKind, populations};
use crate::problem::{Allocation, Item, MAX_GOALS, Problem, Sessions, SharedCap};
use crate::profile::Profile;
use crate::reconversion::{MetierGraph, Reconversion, reconversions};
use crate::schedule::{Schedules, greedy_with};
use crate::sessions::{self, Grouping};
use crate::statutory::Reserve;
use parcours_graph::diagnostic::Diagnostic;
use parcours_graph::ids::ModuleId;
use parcours_graph::ids::RecNumber;
use parcours_graph::model::{Module, Prerequisite};
use parcours_graph::vocab::{Category, Channel, Level, Nature};
use parcours_graph::{Graph, ReferenceData};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};

/// Depth of every module in the prerequisite order, by module index (position in
/// [`ReferenceData::modules`]): a module comes after every module that can provide one of its
/// prerequisites (the level below, explicit levels, explicit modules).
pub fn module_depths(data: &ReferenceData) -> Vec<u32> {
    fn visit(
        data: &ReferenceData,
        m: &Module,
        memo: &mut BTreeMap<ModuleId, u32>,
        on: &mut BTreeSet<ModuleId>,
    ) -> u32 {
        if let Some(d) = memo.get(&m.id) {
            return *d;
        }
        if !on.insert(m.id.clone()) {
            return 0; // a cycle (rejected by validation): stop here
        }
        let mut before: Vec<&Module> = Vec::new();
        let min = data
            .competency(&m.competency)
            .map_or(Level::Socle, |c| c.min);
        if let Some(b) = m.level.below()
            && b >= min
        {
            before.extend(data.providers(&m.competency, b));
        }
        for p in &m.prerequisites {
            match p {
                Prerequisite::Competency { competency, level } => {
                    before.extend(data.providers(competency, *level))
                }
                Prerequisite::Module(id) => before.extend(data.module(id)),
            }
        }
        let d = before
            .into_iter()
            .map(|b| visit(data, b, memo, on) + 1)
            .max()
            .unwrap_or(0);
        on.remove(&m.id);
        memo.insert(m.id.clone(), d);
        d
    }
    let mut memo = BTreeMap::new();
    let mut on = BTreeSet::new();
    data.modules()
        .iter()
        .map(|m| visit(data, m, &mut memo, &mut on))
        .collect()
}

/// The order of lines in a year and of steps in a path, per module index: prerequisites first
/// (depth), the id's rank among all ids breaking ties.
#[derive(Clone, Debug)]
pub(crate) struct ModuleOrder {
    pub(crate) depth: Vec<u32>,
    pub(crate) id_rank: Vec<u32>,
}

impl ModuleOrder {
    fn new(data: &ReferenceData) -> Self {
        let mut by_id: Vec<usize> = (0..data.modules().len()).collect();
        by_id.sort_by(|&a, &b| data.modules()[a].id.cmp(&data.modules()[b].id));
        let mut id_rank = vec![0; by_id.len()];
        for (r, &i) in by_id.iter().enumerate() {
            id_rank[i] = r as u32;
        }
        ModuleOrder {
            depth: module_depths(data),
            id_rank,
        }
    }

    /// The place of module `m` (an index) with priority `score` in a year or a path:
    /// prerequisites first (depth), then the highest score, then the id. Unique for a module.
    pub(crate) fn place(&self, m: usize, score: u64) -> u128 {
        u128::from(self.depth[m]) << 96
            | u128::from(u64::MAX - score) << 32
            | u128::from(self.id_rank[m])
    }
}

/// A planner for one reference graph: holds what every plan reuses (module depths, the tables
/// the needs read, and the métier graph of reconversions, built on first use). Cheap to share
/// across threads. Its plans borrow from the reference data (`'d`), not from the planner or
/// the graph (`'g`).
#[derive(Debug)]
pub struct Planner<'g, 'd> {
    graph: &'g Graph<'d>,
    order: ModuleOrder,
    metiers: OnceLock<MetierGraph>,
    concern: Concern,
    schedules: Option<Arc<dyn Schedules>>,
    tables: Tables,
    parallelism: Parallelism,
}

impl<'g, 'd> Planner<'g, 'd> {
    /// Prepares a planner.
    pub fn new(graph: &'g Graph<'d>) -> Self {
        Planner {
            graph,
            order: ModuleOrder::new(graph.data()),
            metiers: OnceLock::new(),
            concern: Concern::new(graph.data()),
            schedules: None,
            tables: Tables::new(graph.data()),
            parallelism: Parallelism::default(),
        }
    }

    /// The same planner, using a second thread as `parallelism` says (by default, rayon's
    /// global pool on large plans). The plans are the same.
    ///
    /// ```
    /// use parcours_graph::{Graph, ReferenceData};
    /// use parcours_import::formats::{self, Format};
    /// use parcours_planner::{parallel::Parallelism, planner::Planner};
    /// let data = ReferenceData::embedded().unwrap();
    /// let graph = Graph::new(&data);
    /// let p = formats::load(&data, "t.ron", formats::TEMPLATE, Format::Ron).unwrap();
    /// let one = Planner::new(&graph).with_parallelism(Parallelism::Off);
    /// assert_eq!(
    ///     one.totals(&p),
    ///     Planner::new(&graph).totals(&p)
    /// );
    /// ```
    pub fn with_parallelism(mut self, parallelism: Parallelism) -> Self {
        self.parallelism = parallelism;
        self
    }

    /// The same planner, taking its schedules from `schedules` (a store of schedules already
    /// computed, such as `parcours-batch`'s memo) instead of running the greedy for every
    /// problem. `schedules` must return what [`greedy_with`] returns: the plans are the same.
    pub fn with_schedules(mut self, schedules: Arc<dyn Schedules>) -> Self {
        self.schedules = Some(schedules);
        self
    }

    /// Checks `profile` against this planner's reference data (see [`CheckedProfile::new`]):
    /// the profile ready to plan, or every problem found.
    pub fn check(&self, profile: Profile) -> Result<CheckedProfile, Vec<Diagnostic>> {
        CheckedProfile::new(profile, self.graph.data())
    }

    /// Plans a checked profile, in full.
    ///
    /// ```
    /// use parcours_graph::{Graph, ReferenceData};
    /// use parcours_import::formats::{self, Format};
    /// use parcours_planner::planner::Planner;
    /// let data = ReferenceData::embedded().unwrap();
    /// let graph = Graph::new(&data);
    /// let p = formats::load(&data, "t.ron", formats::TEMPLATE, Format::Ron).unwrap();
    /// let result = Planner::new(&graph).plan(&p);
    /// assert_eq!(result.years.len(), 10);
    /// assert!(result.years.iter().all(|y| y.days_used <= y.budget_days));
    /// ```
    pub fn plan(&self, profile: &CheckedProfile) -> Plan<'d> {
        self.plan_with(profile, Detail::Full)
    }

    /// Plans a profile, building as much of the plan as `detail` says.
    pub fn plan_with(&self, profile: &CheckedProfile, detail: Detail) -> Plan<'d> {
        let pops = self.populations(profile);
        // The reconversions do not depend on the schedule: on a large profile they are found
        // on another thread while the needs are computed and scheduled (the same result).
        let reconversions = || match detail {
            Detail::Full => self.reconversions(profile, &pops),
            Detail::Schedule => Vec::new(),
        };
        // The problem's cells, estimated before it exists from the targets (their items are
        // the levels the agents lack, and the prerequisites these need).
        let cells =
            pops.iter().map(|p| p.targets.len()).sum::<usize>() * usize::from(profile.horizon);
        let two = detail == Detail::Full && self.parallelism.two_threads(cells);
        let (scheduled, reconversions) =
            self.parallelism
                .fork(two, || self.schedule(profile, &pops), reconversions);
        let solution = Solution::new(profile.profile().clone(), pops, scheduled);
        self.assemble(solution, detail, reconversions)
    }

    /// The [`Totals`] of the plan of `profile` (the same as
    /// `self.plan(profile, options).totals()`), without building the plan's rationale, needs,
    /// paths and indicators: what batch runs add up. `options.detail` is not used.
    ///
    /// ```
    /// use parcours_graph::{Graph, ReferenceData};
    /// use parcours_planner::planner::Planner;
    /// use parcours_import::formats::{self, Format};
    /// let data = ReferenceData::embedded().unwrap();
    /// let graph = Graph::new(&data);
    /// let planner = Planner::new(&graph);
    /// let p = formats::load(&data, "t.ron", formats::TEMPLATE, Format::Ron).unwrap();
    /// let totals = planner.totals(&p);
    /// assert_eq!(totals, planner.plan(&p).totals());
    /// assert!(totals.days_used <= totals.days_available);
    /// ```
    pub fn totals(&self, profile: &CheckedProfile) -> Totals<'d> {
        let Solution {
            profile,
            populations: pops,
            items,
            alloc,
            ..
        } = self.solve(profile);
        let data = self.graph.data();
        let prices = Prices::new(data, &profile);
        let grouping = Grouping::new(data, &profile, &pops);
        let hpd = u64::from(data.planning().hours_per_day.max(1));
        let years = usize::from(profile.horizon);
        let mut out = Vec::with_capacity(years);
        each_year(
            data,
            &items,
            &alloc,
            &self.order,
            hpd,
            years,
            |y, groups| {
                out.push(YearTotals {
                    year: profile.first_year + y as u16,
                    sessions: groups
                        .iter()
                        .map(|g| {
                            let m = &data.modules()[g.module];
                            let sessions =
                                sessions::count(&g.units(m, &items, &alloc, y, &grouping));
                            let (channel, cost) =
                                prices.line_in_sessions(data, m, g.agents, sessions);
                            SessionTotals {
                                module: &m.id,
                                agents: g.agents,
                                sessions,
                                days: g.days,
                                pooling_candidate: g.underfilled(m),
                                channel,
                                cost,
                            }
                        })
                        .collect(),
                });
            },
        );
        let days_used = Days(out.iter().flat_map(|y| &y.sessions).map(|s| s.days.0).sum());
        // As in `unfunded`: each item's unscheduled agents, its days rounded once.
        let days_unfunded = Days(
            items
                .iter()
                .zip(alloc.rows())
                .map(|(it, row)| tenths(it.hours * unscheduled(it, row), hpd))
                .sum(),
        );
        let mut t = Totals {
            agents: staff_agents(&pops),
            years: out,
            days_used,
            days_available: Days(years as u64 * self.reserve(&profile).digital_days_per_year.0),
            days_unfunded,
            cost: None,
            cost_by_channel: [0; 4],
        };
        sum_costs(&mut t);
        t
    }

    /// Prices `totals` (the totals of a profile planned with the same planning inputs as
    /// `profile`, such as a memo keeps) at `profile`'s own prices: each line's channel and
    /// cost, and their sums. The totals of a profile with a euro budget depend on its prices
    /// through the allocation: a memo must then keep the prices in its key.
    pub fn price_totals(&self, profile: &Profile, totals: &mut Totals<'d>) {
        let data = self.graph.data();
        let prices = Prices::new(data, profile);
        for s in totals.years.iter_mut().flat_map(|y| y.sessions.iter_mut()) {
            if let Some(m) = data.module(s.module) {
                (s.channel, s.cost) = prices.line_in_sessions(data, m, s.agents, s.sessions);
            }
        }
        sum_costs(totals);
    }

    /// The intermediate result of planning: the populations, needs and items, the scheduling
    /// problem and its allocation. [`Planner::plan`] turns it into a [`Plan`]; tests use it to
    /// check every constraint exactly.
    pub fn solve(&self, profile: &CheckedProfile) -> Solution<'d> {
        let pops = self.populations(profile);
        let scheduled = self.schedule(profile, &pops);
        Solution::new(profile.profile().clone(), pops, scheduled)
    }

    /// The statutory reserve of a profile, and the digital days it leaves.
    pub(crate) fn reserve(&self, profile: &Profile) -> Reserve {
        Reserve::of(&self.graph.data().planning().statutory, profile)
    }

    /// The populations of a profile.
    fn populations(&self, profile: &CheckedProfile) -> Vec<Population<'d>> {
        populations(self.graph.data(), profile)
    }

    /// The reconversion paths of the profile's shrinking métiers (none without any).
    fn reconversions(&self, profile: &Profile, pops: &[Population<'d>]) -> Vec<Reconversion> {
        let shrinking_present = pops.iter().any(|p| {
            p.kind == PopulationKind::Metier
                && p.headcount > 0
                && p.categories.contains(&Category::Shrinking)
        });
        if !shrinking_present {
            return Vec::new();
        }
        let data = self.graph.data();
        let mg = self.metiers.get_or_init(|| MetierGraph::new(data));
        reconversions(self.graph, profile, pops, mg)
    }

    /// The needs and items of `profile`'s populations, the scheduling problem they make and
    /// its allocation.
    fn schedule(&self, profile: &Profile, pops: &[Population<'d>]) -> Scheduled<'d> {
        let data = self.graph.data();
        let hpd = u64::from(data.planning().hours_per_day.max(1));
        let years = usize::from(profile.horizon);
        let short_years = years.min(5);
        let Demand { needs, items, deps } =
            demand(data, profile, pops, &self.concern, &self.tables);
        let caps = own_caps(data, profile, pops);
        // The training service's capacity: sessions a year, or trainer-days in hours.
        let b = &profile.budget;
        let capacity = (b.sessions_per_year.map(u64::from))
            .or(b.trainer_days_per_year.map(|d| u64::from(d) * hpd));
        // A session gathers the agents of one session group: the capacity counts each module's
        // sessions group by group, ⌈agents ÷ places⌉ in each — never fewer than the sessions
        // the plan's lines open, where groups below a module's minimum are merged (the count is
        // subadditive). Kinds numbered densely, in the order of (module, group).
        let grouping = Grouping::new(data, profile, pops);
        // Only a profile with a capacity needs them (batch runs plan thousands without).
        let kinds: BTreeMap<(usize, usize), usize> = if capacity.is_some() {
            items
                .iter()
                .map(|it| (it.module, grouping.of_population[it.population]))
                .collect::<BTreeSet<_>>()
                .into_iter()
                .enumerate()
                .map(|(k, key)| (key, k))
                .collect()
        } else {
            BTreeMap::new()
        };
        let sessions = |it: &crate::needs::ItemInfo| {
            let m = it.module(data);
            (capacity.is_some() && m.modality != parcours_graph::vocab::Modality::SelfTraining)
                .then(|| Sessions {
                    kind: kinds[&(it.module, grouping.of_population[it.population])],
                    size: u64::from(m.max_participants.max(1)),
                    weight: if b.sessions_per_year.is_some() {
                        1
                    } else {
                        u64::from(m.hours).max(1)
                    },
                })
        };
        // The goals of level 1 of the objective: the ➔ training recommendations, numbered in
        // increasing order.
        let goals: Vec<RecNumber> = data
            .recommendations()
            .iter()
            .filter(|r| r.priority && r.reading.nature == Nature::Training)
            .map(|r| r.number)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .take(MAX_GOALS)
            .collect();
        let problem = Problem {
            years,
            short_years,
            // The digital plan's days only: statutory training takes its reserve first.
            budget_hours: vec![self.reserve(profile).digital_hours(hpd); years],
            cap_hours: u64::from(profile.budget.max_days_per_agent) * hpd,
            items: items
                .iter()
                .zip(deps)
                .map(|(it, deps)| Item {
                    group: it.population,
                    hours: it.hours,
                    agents: it.agents,
                    // The priority score is per training hour: an item's value is its score
                    // times the trainee-hours it delivers, so the budget goes to the highest
                    // priorities first whatever the length of their modules.
                    score: it.score.total * it.hours,
                    short_term: it.short_term,
                    deps,
                    goals: it
                        .recommendations
                        .iter()
                        .filter_map(|r| goals.binary_search(r).ok())
                        .map(|g| g as u8)
                        .collect(),
                    socle: it.level == Level::Socle
                        && self.tables.module_competency_is_core(it.module),
                    cap_hours: caps[it.population].map(|d| u64::from(d) * hpd),
                    sessions: sessions(it),
                })
                .collect(),
            socle_first: profile.socle_first,
            shared_caps: shared_caps(pops),
            capacity,
        };
        let mut alloc = match &self.schedules {
            Some(s) => s.schedule(&problem, &self.parallelism),
            None => greedy_with(&problem, &self.parallelism),
        };
        // The euro budget, if any: the allocation repaired so that each year's cost fits.
        let euro_removed = match profile.budget.euros_per_year {
            Some(euros) => euro_budget::fit(
                data,
                &Prices::new(data, profile),
                &grouping,
                &items,
                &problem,
                &mut alloc,
                u64::from(euros),
            ),
            None => vec![0; items.len()],
        };
        Scheduled {
            needs,
            items,
            problem,
            alloc,
            euro_removed,
        }
    }

    fn assemble(
        &self,
        solution: Solution<'d>,
        detail: Detail,
        reconversions: Vec<Reconversion>,
    ) -> Plan<'d> {
        let Solution {
            profile,
            populations: pops,
            needs,
            items,
            problem,
            alloc,
            euro_removed,
        } = solution;
        let data = self.graph.data();
        let categories = category_masks(&pops);
        let grouping = Grouping::new(data, &profile, &pops);
        let a = Assembly {
            data,
            tables: &self.tables,
            order: &self.order,
            profile: &profile,
            pops: &pops,
            categories: &categories,
            needs: &needs,
            items: &items,
            problem: &problem,
            alloc: &alloc,
            euro_removed: &euro_removed,
            prices: Prices::new(data, &profile),
            hpd: u64::from(data.planning().hours_per_day.max(1)),
            grouping: &grouping,
        };
        // The year plans and the unfunded needs on one side; the indicators (but for the sums
        // of the other side) and the paths (full detail only) on the other.
        let schedule_views = || (a.year_plans(), a.unfunded());
        let full = detail == Detail::Full;
        let other_views = || {
            let paths = if full { a.paths() } else { Vec::new() };
            (a.indicators(), paths)
        };
        // Both sides take about as long (on the department's plan, about 0.4 ms each); on
        // large plans they run on two threads, like the greedy's passes (the result is the
        // same).
        let two = self
            .parallelism
            .two_threads(problem.items.len() * problem.years);
        let ((years_out, unfunded), (mut indicators, paths)) =
            self.parallelism.fork(two, schedule_views, other_views);
        add_totals(&mut indicators, &years_out, &unfunded);
        let total_agents = staff_agents(&pops);
        let mut plan = Plan {
            schema_version: SCHEMA_VERSION,
            profile: ProfileSummary {
                name: profile.name.clone(),
                kind: profile.kind,
                population: profile.population,
                department: profile.department.clone(),
                first_year: profile.first_year,
                maturity: profile.maturity,
                agents: total_agents,
                metiers: profile.staff.len(),
                managers: profile.managers,
                elected_officials: profile.elected_officials,
                budget_days_per_year: profile.budget.days_per_year,
                max_days_per_agent: profile.budget.max_days_per_agent,
                cost_per_day: profile.budget.cost_per_day,
                funding: FundingSummary::new(data, &profile),
                horizon: profile.horizon,
                hours_per_day: data.planning().hours_per_day,
                current_levels: levels_origin(&profile, &pops),
            },
            years: years_out,
            needs,
            paths,
            unfunded,
            indicators,
            reconversions,
            statutory: self.reserve(&profile),
            warnings: Vec::new(),
        };
        if full {
            plan.warnings = crate::left_out::left_out(&plan, data);
        }
        plan
    }
}

/// Where the current levels come from: the measured agents of each staff line's population.
fn levels_origin(profile: &Profile, pops: &[Population]) -> LevelsOrigin {
    let mut origin = LevelsOrigin {
        measured_by: profile.measured_by,
        given: profile
            .staff
            .iter()
            .flat_map(|s| &s.levels)
            .any(|l| l.measured.is_none()),
        ..LevelsOrigin::default()
    };
    for p in pops.iter().filter(|p| p.kind != PopulationKind::Track) {
        let measured = p.measured_agents();
        origin.measured_agents += measured;
        origin.estimated_agents += p.headcount - measured;
        if measured > 0 {
            origin.by_metier.push(MeasuredMetier {
                metier: p.id.to_string(),
                name: p.name.to_string(),
                measured,
                headcount: p.headcount,
            });
        }
    }
    origin
}

/// Each population's own yearly cap per agent, in days, when the profile gives one: a staff
/// line's `max_days_per_agent`, or the budget's for the managers' and the elected officials'
/// tracks.
fn own_caps(data: &ReferenceData, profile: &Profile, pops: &[Population]) -> Vec<Option<u32>> {
    use parcours_graph::vocab::Audience;
    pops.iter()
        .map(|p| match (p.kind, p.id.as_ref()) {
            (PopulationKind::Track, _) if p.audiences.iter().any(|a| *a == Audience::Managers) => {
                profile.budget.managers_max_days_per_agent
            }
            (PopulationKind::Track, _) => profile.budget.elected_max_days_per_agent,
            (_, id) => profile
                .staff
                .iter()
                .find(|s| {
                    s.metier.as_str() == id || data.current_metier_id(&s.metier).as_str() == id
                })
                .and_then(|s| s.max_days_per_agent),
        })
        .collect()
}

/// The managers' track shares its yearly cap per agent with the métier lines the reference
/// data (or the profile, for its own métiers) marks as management (roles `Managers` or
/// `GeneralManagement`): their agents are among the managers, one person with one yearly
/// training time.
fn shared_caps(pops: &[Population]) -> Vec<SharedCap> {
    use parcours_graph::vocab::Audience;
    let managing = |p: &Population| {
        (p.audiences.iter()).any(|a| matches!(a, Audience::Managers | Audience::GeneralManagement))
    };
    let Some(track) = pops
        .iter()
        .position(|p| p.kind == PopulationKind::Track && p.audiences.contains(&Audience::Managers))
    else {
        return Vec::new();
    };
    (pops.iter().enumerate())
        .filter(|(_, p)| p.kind != PopulationKind::Track && p.headcount > 0 && managing(p))
        .map(|(group, _)| SharedCap { group, track })
        .collect()
}

/// What [`Planner::solve`] returns.
#[derive(Clone, Debug)]
pub struct Solution<'d> {
    /// The profile, with the run's options applied.
    pub profile: Profile,
    /// The populations planned.
    pub populations: Vec<Population<'d>>,
    /// Gaps per population and competency.
    pub needs: Vec<Need<'d>>,
    /// The items (one per population and module).
    pub items: Vec<ItemInfo>,
    /// The scheduling problem built from the items.
    pub problem: Problem,
    /// Agents of each item placed in each year (after the euro budget's repair).
    pub alloc: Allocation,
    /// Agents of each item taken off the schedule to keep within the euro budget
    /// ([`crate::euro_budget`]).
    pub euro_removed: Vec<u64>,
}

/// What [`Planner::schedule`] computes for a profile and its populations.
struct Scheduled<'d> {
    needs: Vec<Need<'d>>,
    items: Vec<ItemInfo>,
    problem: Problem,
    alloc: Allocation,
    euro_removed: Vec<u64>,
}

impl<'d> Solution<'d> {
    fn new(profile: Profile, populations: Vec<Population<'d>>, s: Scheduled<'d>) -> Self {
        Solution {
            profile,
            populations,
            needs: s.needs,
            items: s.items,
            problem: s.problem,
            alloc: s.alloc,
            euro_removed: s.euro_removed,
        }
    }
}

/// Sets the plan's cost and cost per channel of `t` from its lines'.
fn sum_costs(t: &mut Totals) {
    let mut by = [0u64; 4];
    for s in t.years.iter().flat_map(|y| &y.sessions) {
        if let Some(k) = Channel::ALL.iter().position(|&c| c == s.channel) {
            by[k] = by[k].saturating_add(s.cost);
        }
    }
    t.cost_by_channel = by;
    t.cost = Some(by.iter().fold(0u64, |a, &c| a.saturating_add(c)));
}

/// Plans a profile with a fresh [`Planner`] (use a `Planner` to plan many profiles).
pub fn plan<'d>(graph: &Graph<'d>, profile: &CheckedProfile) -> Plan<'d> {
    Planner::new(graph).plan(profile)
}
