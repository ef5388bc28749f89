//! From an allocation to the plan's parts: the year plans and their session lines, the paths of
//! each métier, the unfunded needs and the indicators.

use crate::buckets::bucket_sort;
use crate::funding::{Prices, add_channels, by_channel};
use crate::needs::{ItemInfo, Need, Tables};
use crate::plan::{
    Coverage, Days, Indicators, MetierAgents, MetierPath, PathStep, SessionLine, SessionUnit,
    Unfunded, UnfundedReason, YearPlan,
};
use crate::planner::ModuleOrder;
use crate::population::{CategoryMask, Histogram, Population, PopulationKind};
use crate::problem::{Allocation, Problem, fits_cap};
use crate::profile::Profile;
use crate::sessions::{Grouping, Unit, count, units_of};
use crate::statutory::Reserve;
use parcours_graph::ReferenceData;
use parcours_graph::model::Module;
use parcours_graph::vocab::{Category, Horizon, Level, Modality};
use smallvec::SmallVec;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Agents of the profile's métiers (tracks of managers and elected officials excluded).
pub(crate) fn staff_agents(pops: &[Population]) -> u64 {
    pops.iter()
        .filter(|p| p.kind != PopulationKind::Track)
        .map(|p| p.headcount)
        .sum()
}

/// Agents of item `it` left unscheduled by its row of the allocation.
pub(crate) fn unscheduled(it: &ItemInfo, row: &[u64]) -> u64 {
    it.agents - row.iter().sum::<u64>()
}

/// What the schedule leaves of each year's budget and of each population's yearly training
/// time: why an item's remaining agents are not placed.
struct Room {
    /// Hours used each year.
    used: Vec<u64>,
    /// Hours of training per agent of each population (group) each year, `y × groups + group`.
    load: Vec<u64>,
    /// Number of populations (groups).
    groups: usize,
    /// Per item, the most hours its population may take in a year ([`Problem::most_hours`]).
    most: Vec<u64>,
    /// Per population, the caps it shares ([`Problem::cap_partners`]).
    partners: Vec<Vec<(usize, u64)>>,
}

impl Room {
    fn new(problem: &Problem, alloc: &Allocation) -> Room {
        let years = problem.years;
        let groups = problem.items.iter().map(|i| i.group + 1).max().unwrap_or(0);
        let mut used = vec![0u64; years];
        let mut load = vec![0u64; groups * years];
        for (item, row) in problem.items.iter().zip(alloc.rows()) {
            for (y, &n) in row.iter().enumerate() {
                if n > 0 {
                    used[y] += item.hours * n;
                    load[y * groups + item.group] += item.hours;
                }
            }
        }
        Room {
            used,
            load,
            groups,
            most: problem.most_hours(),
            partners: problem.cap_partners(),
        }
    }

    /// Why item `i`, placed as `row`, has agents left: its module is longer than the cap
    /// per agent; or every year with budget left for one more of its agents had its
    /// population's yearly time full; or else the budget (no year had room, or the room was
    /// where its prerequisites were not yet done).
    fn reason(&self, problem: &Problem, i: usize, row: &[u64]) -> UnfundedReason {
        let item = &problem.items[i];
        let cap = problem.cap_of(i);
        if item.hours > self.most[i] {
            return UnfundedReason::ModuleLongerThanCap;
        }
        let years = problem.years;
        let mut budget_left = false;
        for (y, &placed) in row.iter().enumerate().take(years) {
            if problem.budget_hours[y].saturating_sub(self.used[y]) < item.hours {
                continue;
            }
            budget_left = true;
            let load = &self.load[y * self.groups..(y + 1) * self.groups];
            let partners = &self.partners[item.group];
            if placed > 0 || fits_cap(load, item.group, item.hours, cap, partners) {
                return UnfundedReason::Budget;
            }
        }
        if budget_left {
            UnfundedReason::PerAgentCap
        } else {
            UnfundedReason::Budget
        }
    }
}

/// Tenths of days for `hours`, rounded half up.
pub(crate) fn tenths(hours: u64, hours_per_day: u64) -> u64 {
    (hours * 10 + hours_per_day / 2) / hours_per_day
}

/// The categories of each population, as masks: what the year plans' lines and the
/// indicators read for every item.
pub(crate) fn category_masks(pops: &[Population]) -> Vec<CategoryMask> {
    pops.iter()
        .map(|p| CategoryMask::of(&p.categories))
        .collect()
}

/// Calls `f` with each year (0-based, of `years`) and its modules as [`Group`]s: the items
/// scheduled that year grouped by module, with their agents and days (the year's total rounded
/// once, split over modules by largest remainder, so that they add up to the total and the
/// total never exceeds the budget), prerequisites first, then by priority, then by module id.
pub(crate) fn each_year(
    data: &ReferenceData,
    items: &[ItemInfo],
    alloc: &Allocation,
    order: &ModuleOrder,
    hpd: u64,
    years: usize,
    mut f: impl FnMut(usize, &[Group]),
) {
    // Every scheduled cell by year, as (module id rank, item), sorted: each year's items
    // grouped by module, in module id order.
    let by_year = bucket_sort(
        years,
        items.iter().enumerate().flat_map(|(i, it)| {
            let rank = order.id_rank[it.module];
            alloc
                .row(i)
                .iter()
                .enumerate()
                .filter(|&(y, &n)| n > 0 && y < years)
                .map(move |(y, _)| (y, (rank, i as u32)))
        }),
    );
    let mut groups: Vec<Group> = Vec::new();
    let mut rema: Vec<(u64, usize)> = Vec::new();
    for y in 0..years {
        groups.clear();
        for g in by_year.bucket(y).chunk_by(|a, b| a.0 == b.0) {
            let idx = g.iter().map(|c| c.1 as usize);
            let mi = items[g[0].1 as usize].module;
            let agents: u64 = idx.clone().map(|i| alloc.row(i)[y]).sum();
            let best = idx
                .max_by(|&a, &b| {
                    items[a]
                        .score
                        .total
                        .cmp(&items[b].score.total)
                        .then(b.cmp(&a))
                })
                .unwrap_or(g[0].1 as usize);
            let key = order.place(mi, items[best].score.total);
            groups.push(Group {
                cells: g,
                module: mi,
                agents,
                hours: u64::from(data.modules()[mi].hours),
                best,
                days: Days(0),
                key,
            });
        }
        let total_hours: u64 = groups.iter().map(|g| g.hours * g.agents).sum();
        let total_tenths = tenths(total_hours, hpd);
        let mut assigned = 0;
        rema.clear();
        for (k, g) in groups.iter_mut().enumerate() {
            let exact = g.hours * g.agents * 10;
            g.days = Days(exact / hpd);
            assigned += exact / hpd;
            rema.push((exact % hpd, k));
        }
        rema.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for &(_, k) in rema
            .iter()
            .take(total_tenths.saturating_sub(assigned) as usize)
        {
            groups[k].days.0 += 1;
        }
        groups.sort_unstable_by_key(|g| g.key);
        f(y, &groups);
    }
}

/// One module of a year's schedule, before its session line is built: its scheduled cells
/// (module id rank, item), agents, hours per agent, best-scoring item and days.
pub(crate) struct Group<'c> {
    pub(crate) cells: &'c [(u32, u32)],
    pub(crate) module: usize,
    pub(crate) agents: u64,
    pub(crate) hours: u64,
    pub(crate) best: usize,
    pub(crate) days: Days,
    /// Its place in the year ([`ModuleOrder::place`]).
    pub(crate) key: u128,
}

impl Group<'_> {
    /// Who sits together in year `y` in the sessions of module `m` (its own), by session
    /// group ([`crate::sessions::compose`]): none for self-training (Pix, e-learning), which
    /// each agent follows on their own.
    pub(crate) fn units(
        &self,
        m: &Module,
        items: &[ItemInfo],
        alloc: &Allocation,
        y: usize,
        grouping: &Grouping,
    ) -> Vec<Unit> {
        let mut per_group: SmallVec<[u64; 4]> = SmallVec::from_elem(0, grouping.len());
        for c in self.cells {
            let i = c.1 as usize;
            per_group[grouping.of_population[items[i].population]] += alloc.row(i)[y];
        }
        units_of(m, &per_group)
    }

    /// Fewer agents than module `m` (its own) needs: a candidate for pooling. Never for
    /// self-training, which has no minimum.
    pub(crate) fn underfilled(&self, m: &Module) -> bool {
        m.modality != Modality::SelfTraining && self.agents < u64::from(m.min_participants)
    }
}

/// What the session lines of a plan are built from.
struct Lines<'a, 'd> {
    data: &'d ReferenceData,
    pops: &'a [Population<'d>],
    items: &'a [ItemInfo],
    alloc: &'a Allocation,
    prices: &'a Prices,
    /// The categories of each population ([`category_masks`]).
    categories: &'a [CategoryMask],
    /// The session group of each population.
    grouping: &'a Grouping,
}

impl<'d> Lines<'_, 'd> {
    /// The session line of module group `g` in year `y`.
    fn line(&self, y: usize, g: &Group) -> SessionLine<'d> {
        let (data, pops, items) = (self.data, self.pops, self.items);
        let idx = || g.cells.iter().map(|c| c.1 as usize);
        let m = &data.modules()[g.module];
        let recs = union_sorted(idx().flat_map(|i| items[i].recommendations.iter().map(|r| r.0)));
        // The categories of the métiers, in `Category::ALL` order (as a sorted set's).
        let categories = idx()
            .fold(CategoryMask::default(), |m, i| {
                m.union(self.categories[items[i].population])
            })
            .iter()
            .collect();
        let units = g.units(m, items, self.alloc, y, self.grouping);
        let sessions = count(&units);
        let (channel, cost) = self.prices.line_in_sessions(data, m, g.agents, sessions);
        let composition = units
            .into_iter()
            .map(|u| SessionUnit {
                groups: u
                    .groups
                    .iter()
                    .filter_map(|&k| self.grouping.names.get(k).cloned())
                    .collect(),
                sizes: u.sizes,
            })
            .collect();
        SessionLine {
            module: Cow::Borrowed(&m.id),
            title: Cow::Borrowed(&m.title),
            competency: Cow::Borrowed(&m.competency.0),
            level: m.level,
            modality: m.modality,
            by_metier: idx()
                .map(|i| MetierAgents {
                    metier: pops[items[i].population].id.clone(),
                    agents: self.alloc.row(i)[y],
                })
                .collect(),
            agents: g.agents,
            sessions,
            composition,
            hours: g.hours,
            days: g.days,
            channel,
            cost: Some(cost),
            recommendations: recs,
            categories,
            score: items[g.best].score.total,
            score_components: items[g.best].score,
            pooling_candidate: g.underfilled(m),
            short_term: idx().any(|i| items[i].short_term),
        }
    }
}

/// The numbers of `numbers` in increasing order, each once: a bit set when they are below
/// 128 (recommendation numbers are), else a sort.
pub(crate) fn union_sorted(numbers: impl Iterator<Item = u16> + Clone) -> SmallVec<[u16; 8]> {
    let mut bits = 0u128;
    for n in numbers.clone() {
        if n >= 128 {
            let mut all: SmallVec<[u16; 8]> = numbers.collect();
            all.sort_unstable();
            all.dedup();
            return all;
        }
        bits |= 1 << n;
    }
    let mut out = SmallVec::new();
    while bits != 0 {
        out.push(bits.trailing_zeros() as u16);
        bits &= bits - 1;
    }
    out
}

/// What the plan's parts are built from: a solution (the profile, its populations, needs,
/// items, problem and allocation) and what the planner keeps for every plan.
#[derive(Clone, Copy)]
pub(crate) struct Assembly<'s, 'd> {
    pub(crate) data: &'d ReferenceData,
    pub(crate) tables: &'s Tables,
    pub(crate) order: &'s ModuleOrder,
    pub(crate) profile: &'s Profile,
    pub(crate) pops: &'s [Population<'d>],
    pub(crate) categories: &'s [CategoryMask],
    pub(crate) needs: &'s [Need<'d>],
    pub(crate) items: &'s [ItemInfo],
    pub(crate) problem: &'s Problem,
    pub(crate) alloc: &'s Allocation,
    /// Agents of each item taken off to keep within the euro budget.
    pub(crate) euro_removed: &'s [u64],
    /// The prices the plan is costed at.
    pub(crate) prices: Prices,
    /// Training hours per day.
    pub(crate) hpd: u64,
    /// The session group of each population.
    pub(crate) grouping: &'s Grouping,
}

impl<'d> Assembly<'_, 'd> {
    pub(crate) fn year_plans(&self) -> Vec<YearPlan<'d>> {
        let Assembly {
            data,
            profile,
            pops,
            categories,
            items,
            alloc,
            order,
            hpd,
            ..
        } = *self;
        let short_years = self.problem.short_years;
        let years = usize::from(profile.horizon);
        let reserve = Reserve::of(&data.planning().statutory, profile);
        let mut out = Vec::with_capacity(years);
        let lines = Lines {
            data,
            pops,
            items,
            alloc,
            prices: &self.prices,
            categories,
            grouping: self.grouping,
        };
        each_year(data, items, alloc, order, hpd, years, |y, groups| {
            let sessions: Vec<SessionLine> = groups.iter().map(|g| lines.line(y, g)).collect();
            let used = Days(sessions.iter().map(|s| s.days.0).sum());
            let by_channel = by_channel(
                sessions
                    .iter()
                    .map(|s| (s.channel, s.agents, s.days, s.cost.unwrap_or(0))),
            );
            out.push(YearPlan {
                year: profile.first_year + y as u16,
                index: y as u16 + 1,
                horizon: if y < short_years {
                    Horizon::Short
                } else {
                    Horizon::Long
                },
                training_budget_days: reserve.budget_days_per_year,
                statutory_days: reserve.reserve_days_per_year,
                budget_days: reserve.digital_days_per_year,
                days_used: used,
                cost: Some(by_channel.iter().map(|c| c.cost).sum()),
                by_channel,
                agents_trained: sessions.iter().map(|s| s.agents).sum(),
                trainer_days: Days(tenths(
                    sessions.iter().map(|s| s.sessions * s.hours).sum(),
                    hpd,
                )),
                sessions,
            });
        });
        out
    }

    pub(crate) fn paths(&self) -> Vec<MetierPath<'d>> {
        let Assembly {
            data,
            profile,
            pops,
            items,
            alloc,
            order,
            ..
        } = *self;
        // Every item by population, then in its path's order ([`ModuleOrder::place`]; unique
        // within a population, which has one item per module).
        let by_pop = bucket_sort(
            pops.len(),
            items
                .iter()
                .enumerate()
                .map(|(i, it)| (it.population, (order.place(it.module, it.score.total), i))),
        );
        pops.iter()
            .enumerate()
            .map(|(pi, p)| {
                let steps = by_pop
                    .bucket(pi)
                    .iter()
                    .map(|k| {
                        let (i, it) = (k.1, &items[k.1]);
                        let m = it.module(data);
                        let scheduled: SmallVec<[(u16, u64); 2]> = alloc
                            .row(i)
                            .iter()
                            .enumerate()
                            .filter(|(_, n)| **n > 0)
                            .map(|(y, n)| (profile.first_year + y as u16, *n))
                            .collect();
                        PathStep {
                            module: Cow::Borrowed(&m.id),
                            title: Cow::Borrowed(&m.title),
                            competency: Cow::Borrowed(&m.competency.0),
                            level: it.level,
                            agents: it.agents,
                            hours: it.hours,
                            short_term: it.short_term,
                            prerequisite_only: it.derived,
                            score: it.score.total,
                            scheduled,
                            unfunded: unscheduled(it, alloc.row(i)),
                            recommendations: it.recommendations.iter().map(|r| r.0).collect(),
                        }
                    })
                    .collect();
                MetierPath {
                    metier: p.id.clone(),
                    name: p.name.clone(),
                    kind: p.kind,
                    headcount: p.headcount,
                    family: self.family(pi, p),
                    categories: p.categories.iter().copied().collect(),
                    steps,
                }
            })
            .collect()
    }

    /// What population `pi` is rolled up under ([`MetierPath::family`]).
    fn family(&self, pi: usize, p: &Population) -> String {
        let (data, profile) = (self.data, self.profile);
        if !self.grouping.names.is_empty() {
            let g = self.grouping.of_population[pi];
            return self.grouping.names.get(g).cloned().unwrap_or_default();
        }
        let field = match p.kind {
            PopulationKind::Track => return p.name.to_string(),
            PopulationKind::Metier => data
                .metier(&parcours_graph::ids::MetierId::from(&*p.id))
                .map(|m| m.field.clone()),
            PopulationKind::CustomMetier => profile
                .custom_metiers
                .iter()
                .find(|c| c.id.as_str() == p.id)
                .and_then(|c| c.field.clone()),
        };
        field
            .and_then(|f| data.field(&f).map(|f| f.name.clone()))
            .unwrap_or_else(|| "métiers déclarés".to_owned())
    }

    pub(crate) fn unfunded(&self) -> Vec<Unfunded> {
        let Assembly {
            data,
            pops,
            items,
            needs,
            alloc,
            problem,
            hpd,
            ..
        } = *self;
        let mut out = Vec::new();
        let room = Room::new(problem, alloc);
        for (i, it) in items.iter().enumerate() {
            let left = unscheduled(it, alloc.row(i));
            if left == 0 {
                continue;
            }
            // The agents the euro budget took off apart from the others.
            let euro = self.euro_removed.get(i).copied().unwrap_or(0).min(left);
            let reason = room.reason(problem, i, alloc.row(i));
            let m = it.module(data);
            for (agents, reason) in [(left - euro, reason), (euro, UnfundedReason::EuroBudget)] {
                if agents == 0 {
                    continue;
                }
                let days = Days(tenths(it.hours * agents, hpd));
                out.push(Unfunded {
                    metier: pops[it.population].id.to_string(),
                    module: Some(m.id.clone()),
                    competency: m.competency.0.clone(),
                    level: it.level,
                    agents,
                    days,
                    // As a line of their own would cost.
                    cost: Some(self.prices.line(data, m, agents).1),
                    short_term: it.short_term,
                    reason,
                    recommendations: it.recommendations.iter().map(|r| r.0).collect(),
                    score: it.score.total,
                });
            }
        }
        for n in needs {
            let steps = (n.unprovided.iter()).map(|l| (l, UnfundedReason::NoModule));
            let for_audience =
                (n.no_module_for_audience.iter()).map(|l| (l, UnfundedReason::NoModuleForAudience));
            for (l, reason) in steps.chain(for_audience) {
                let agents = crate::population::below(&n.current, l.rank());
                let recs: Vec<u16> = data
                    .recommendations()
                    .iter()
                    .filter(|r| {
                        r.reading
                            .develops
                            .iter()
                            .any(|d| d.competency == *n.competency)
                    })
                    .map(|r| r.number.0)
                    .collect();
                out.push(Unfunded {
                    metier: n.metier.to_string(),
                    module: None,
                    competency: n.competency.0.clone(),
                    level: *l,
                    agents,
                    days: Days(0),
                    cost: None,
                    short_term: n.year5.is_some_and(|y5| *l <= y5),
                    reason,
                    recommendations: recs,
                    score: 0,
                });
            }
        }
        out.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then(a.metier.cmp(&b.metier))
                .then(a.competency.cmp(&b.competency))
                .then(a.level.cmp(&b.level))
        });
        out
    }

    /// The indicators but for the sums of the schedule's views ([`add_totals`]): coverage by
    /// recommendation, effect and category, agents at *socle*, the plan's value. It does not need
    /// the year plans, so that both can be built at the same time.
    pub(crate) fn indicators(&self) -> Indicators {
        let Assembly {
            data,
            tables,
            profile,
            pops,
            categories,
            items,
            needs,
            alloc,
            problem,
            ..
        } = *self;
        let mut ind = Indicators::default();
        // Coverage by recommendation and by effect number, by category position; turned into the
        // indicators' maps at the end.
        let slots = |n: Option<usize>| vec![None::<Coverage>; n.map_or(0, |n| n + 1)];
        let mut by_rec = slots(
            data.recommendations()
                .iter()
                .map(|r| usize::from(r.number.0))
                .max(),
        );
        let mut by_effect = slots(data.effects().iter().map(|e| usize::from(e.number.0)).max());
        let mut by_cat = [None::<Coverage>, None, None];
        // The effect (its slot in `by_effect`) of each recommendation number.
        let mut effect_of: Vec<Option<usize>> = vec![None; by_rec.len()];
        for r in data.recommendations() {
            if let Some(e) = effect_of.get_mut(usize::from(r.number.0)) {
                *e = Some(usize::from(r.effect.0));
            }
        }
        let mut effects: Vec<usize> = Vec::new();
        // "By year 5" here is the problem's short term.
        debug_assert_eq!(problem.short_years, problem.years.min(5));
        for (i, it) in items.iter().enumerate() {
            let y5: u64 = alloc.row(i).iter().take(5).sum();
            let all: u64 = alloc.row(i).iter().sum();
            ind.overall.add(it.agents, y5, all);
            if it.short_term {
                ind.short_term.add(it.agents, y5, all);
            }
            effects.clear();
            for r in &it.recommendations {
                let r = usize::from(r.0);
                if let Some(c) = by_rec.get_mut(r) {
                    c.get_or_insert_default().add(it.agents, y5, all);
                }
                if let Some(&Some(e)) = effect_of.get(r)
                    && !effects.contains(&e)
                {
                    effects.push(e);
                }
            }
            for &e in &effects {
                if let Some(c) = by_effect.get_mut(e) {
                    c.get_or_insert_default().add(it.agents, y5, all);
                }
            }
            for (c, cov) in Category::ALL.into_iter().zip(by_cat.iter_mut()) {
                if categories[it.population].contains(c) {
                    cov.get_or_insert_default().add(it.agents, y5, all);
                }
            }
        }
        let present = |v: Vec<Option<Coverage>>| {
            v.into_iter()
                .enumerate()
                .filter_map(|(n, c)| c.map(|c| (n as u16, c)))
                .collect::<BTreeMap<u16, Coverage>>()
        };
        ind.recommendations = present(by_rec);
        ind.effects = present(by_effect);
        ind.categories = Category::ALL
            .iter()
            .zip(by_cat)
            .filter_map(|(c, cov)| cov.map(|cov| (c.key().to_owned(), cov)))
            .collect();
        for c in ind
            .recommendations
            .values_mut()
            .chain(ind.effects.values_mut())
            .chain(ind.categories.values_mut())
        {
            c.finish();
        }
        ind.overall.finish();
        ind.short_term.finish();
        // Agents at socle in every core competency they target (the common core and their
        // family's): per population, the fewest agents at socle or above over those competencies,
        // counting the socle steps scheduled.
        let comps = &data.competencies().competencies;
        // The core competencies, and the slot of each competency (by index) among them.
        let mut core: Vec<&parcours_graph::ids::CompetencyId> = Vec::new();
        let mut slot: Vec<Option<usize>> = vec![None; comps.len()];
        for (ci, c) in comps.iter().enumerate() {
            if tables.is_core(ci) {
                slot[ci] = Some(core.len());
                core.push(&c.id);
            }
        }
        let nc = core.len();
        // Agents scheduled for each core socle step by the end of each year:
        // `[(pop * nc + slot) * years + year]`.
        let years = alloc.years();
        let mut socle_steps: Vec<u64> = vec![0; pops.len() * nc * years];
        for (i, it) in items.iter().enumerate() {
            if it.level != Level::Socle {
                continue;
            }
            if let Some(k) = tables.module_competency(it.module).and_then(|ci| slot[ci]) {
                let at = (it.population * nc + k) * years;
                let mut cum = 0;
                for (y, x) in alloc.row(i).iter().enumerate() {
                    cum += x;
                    socle_steps[at + y] += cum;
                }
            }
        }
        ind.agents_at_socle_by_year = vec![0; years];
        let mut by_year = vec![0u64; years];
        // Current levels, as the needs computed them, else from the profile.
        let mut current: Vec<Option<Histogram>> = vec![None; pops.len() * nc];
        for n in needs {
            if let Some(k) = slot[n.competency_index] {
                current[n.population * nc + k] = Some(n.current);
            }
        }
        for (pi, p) in pops.iter().enumerate() {
            if p.kind == PopulationKind::Track {
                continue;
            }
            ind.agents += p.headcount;
            let mut start = p.headcount;
            by_year.fill(p.headcount);
            for (k, c) in core.iter().enumerate() {
                if !p.targets.iter().any(|t| &t.competency == *c) {
                    continue;
                }
                let h = current[pi * nc + k].unwrap_or_else(|| p.histogram(data, profile, c));
                let at = p.headcount - h[0];
                start = start.min(at);
                let steps = &socle_steps[(pi * nc + k) * years..][..years];
                for (b, s) in by_year.iter_mut().zip(steps) {
                    *b = (*b).min(at + s);
                }
            }
            ind.agents_at_socle_start += start;
            for (total, b) in ind.agents_at_socle_by_year.iter_mut().zip(&by_year) {
                *total += b;
            }
        }
        let at_end_of = |y: usize| {
            ind.agents_at_socle_by_year
                .get(y.min(years).wrapping_sub(1))
                .copied()
                .unwrap_or(ind.agents_at_socle_start)
        };
        ind.agents_at_socle_year5 = at_end_of(5);
        ind.agents_at_socle_horizon = at_end_of(years);
        let (objective, ceiling) = (problem.value(alloc), problem.ceiling());
        ind.value = objective.total;
        ind.value_ceiling = ceiling.total;
        ind.socle_first = problem.socle_first;
        ind.objective = objective;
        ind.objective_ceiling = ceiling;
        ind
    }
}

/// Completes [`indicators`] with the sums of the year plans and the unfunded needs: days used,
/// available and unfunded, cost and cost per channel, lines flagged for pooling.
pub(crate) fn add_totals(ind: &mut Indicators, years: &[YearPlan], unfunded: &[Unfunded]) {
    ind.days_used = Days(years.iter().map(|y| y.days_used.0).sum());
    ind.days_available = Days(years.iter().map(|y| y.budget_days.0).sum());
    ind.days_unfunded = Days(unfunded.iter().map(|u| u.days.0).sum());
    ind.by_channel = add_channels(years.iter().map(|y| y.by_channel.as_slice()));
    ind.cost = Some(ind.by_channel.iter().map(|c| c.cost).sum());
    ind.pooling_candidates = years
        .iter()
        .flat_map(|y| &y.sessions)
        .filter(|s| s.pooling_candidate)
        .count();
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The union of recommendation numbers is a sorted, deduplicated list, through the
        /// bit set (numbers below 128) or the sort (any number above).
        #[test]
        fn union_sorted_sorts_and_dedups(numbers in prop::collection::vec(0u16..200, 0..40)) {
            let mut expected = numbers.clone();
            expected.sort_unstable();
            expected.dedup();
            prop_assert_eq!(union_sorted(numbers.iter().copied()).to_vec(), expected);
        }
    }

    #[test]
    fn union_sorted_of_overlapping_lists() {
        let lists: [&[u16]; 3] = [&[3, 23, 41], &[1, 23], &[41, 127]];
        let union = union_sorted(lists.iter().flat_map(|l| l.iter().copied()));
        assert_eq!(union.as_slice(), &[1, 3, 23, 41, 127]);
        assert_eq!(
            union_sorted([130, 2, 130].into_iter()).as_slice(),
            &[2, 130]
        );
    }
}
