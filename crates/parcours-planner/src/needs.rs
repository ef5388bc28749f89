//! From populations to needs and schedulable items.
//!
//! For each population and each target competency, the agents below each level up to the
//! 10-year target form one *step*: the module that brings them to that level (the provider
//! chosen for their audience), for that many agents. A step up to the 5-year target is a
//! short-term need. Explicit prerequisites of a module add *derived* steps (the prerequisite's
//! competency, for the agents who lack it) and dependencies between items.

use crate::population::{Histogram, Population, PopulationKind, below};
use crate::problem::Dep;
use crate::profile::Profile;
use crate::score::{ScoreBreakdown, score};
use parcours_graph::ReferenceData;
use parcours_graph::ids::{CompetencyId, RecNumber};
use parcours_graph::model::{Module, Prerequisite};
use parcours_graph::vocab::{Audience, Level, Nature};
use rustc_hash::{FxHashMap, FxHashSet};
use schemars::JsonSchema;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::VecDeque;

/// The gap of one population in one competency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Need {
    /// Population index.
    #[serde(skip)]
    pub population: usize,
    /// Population id (métier or track).
    pub metier: String,
    /// The competency.
    pub competency: CompetencyId,
    /// True for a core (Pix) competency.
    pub core: bool,
    /// Current agents per level `[below socle, socle, approfondissement, expertise]`.
    pub current: Histogram,
    /// Target at 5 years.
    pub year5: Option<Level>,
    /// Target at 10 years.
    pub year10: Level,
    /// Agents below the 5-year target.
    pub agents_5: u64,
    /// Agents below the 10-year target.
    pub agents_10: u64,
    /// Training hours to bring every agent to the 5-year target.
    pub hours_5: u64,
    /// Training hours to bring every agent to the 10-year target.
    pub hours_10: u64,
    /// Steps that no usable module provides (every provider excluded).
    pub unprovided: Vec<Level>,
}

/// One schedulable item: agents of one population taking one module.
#[derive(Clone, Debug)]
pub struct ItemInfo {
    /// Population index.
    pub population: usize,
    /// The module: its index in [`ReferenceData::modules`] (see [`ItemInfo::module`]).
    pub module: usize,
    /// The level it brings.
    pub level: Level,
    /// Agents who need it.
    pub agents: u64,
    /// Hours per agent.
    pub hours: u64,
    /// Due at 5 years.
    pub short_term: bool,
    /// Levels still missing to the 10-year target (this step included).
    pub missing_levels: u64,
    /// True when it is only there as another module's prerequisite.
    pub derived: bool,
    /// The recommendations that justify it, in increasing order.
    pub recommendations: Vec<RecNumber>,
    /// Score and its components.
    pub score: ScoreBreakdown,
    /// Prerequisite items.
    pub deps: Vec<Dep>,
}

impl ItemInfo {
    /// Its module.
    pub fn module<'d>(&self, data: &'d ReferenceData) -> &'d Module {
        &data.modules[self.module]
    }
}

/// Needs and items of a whole profile.
#[derive(Clone, Debug, Default)]
pub struct Demand {
    /// One need per population and target competency.
    pub needs: Vec<Need>,
    /// Items, grouped by population.
    pub items: Vec<ItemInfo>,
}

/// Whether a recommendation concerns a population: through its groups, its audiences (or every
/// agent), or a competency it develops that the population targets — the same reading as
/// `Graph::metiers_concerned`.
pub fn concerns(data: &ReferenceData, r: RecNumber, p: &Population) -> bool {
    let Some(rec) = data.recommendation(r) else {
        return false;
    };
    let reading = &rec.reading;
    let is_agent = p.audiences.contains(&Audience::AllAgents);
    reading.groups.iter().any(|g| p.groups.contains(g))
        || reading
            .audiences
            .iter()
            .any(|a| p.audiences.contains(a) || (*a == Audience::AllAgents && is_agent))
        || reading
            .develops
            .iter()
            .any(|d| p.targets.iter().any(|t| t.competency == d.competency))
}

/// The recommendations that concern each reference métier, computed once per planner.
#[derive(Clone, Debug, Default)]
pub struct Concern {
    by_metier: FxHashMap<String, FxHashSet<RecNumber>>,
    by_track: FxHashMap<String, FxHashSet<RecNumber>>,
}

impl Concern {
    /// Computes the recommendations concerning every reference métier.
    pub fn new(data: &ReferenceData) -> Self {
        let mut by_metier: FxHashMap<String, FxHashSet<RecNumber>> = FxHashMap::default();
        let mut by_track: FxHashMap<String, FxHashSet<RecNumber>> = FxHashMap::default();
        // Every reference métier, and the tracks (which depend on no profile).
        let mut profile =
            crate::profile::Profile::for_metiers(data.metiers.iter().map(|m| m.id.clone()));
        profile.managers = 1;
        profile.elected_officials = 1;
        for pop in crate::population::populations(data, &profile) {
            let recs = data
                .recommendations
                .iter()
                .map(|r| r.number)
                .filter(|r| concerns(data, *r, &pop))
                .collect();
            // A track may share an id with a métier: two maps.
            if pop.kind == PopulationKind::Track {
                by_track.insert(pop.id.clone(), recs);
            } else {
                by_metier.insert(pop.id.clone(), recs);
            }
        }
        Concern {
            by_metier,
            by_track,
        }
    }

    /// The recommendations that concern a population.
    pub fn of(&self, data: &ReferenceData, pop: &Population) -> Cow<'_, FxHashSet<RecNumber>> {
        let known = match pop.kind {
            PopulationKind::Metier => self.by_metier.get(&pop.id),
            PopulationKind::Track => self.by_track.get(&pop.id),
            PopulationKind::CustomMetier => None,
        };
        match known {
            Some(set) => Cow::Borrowed(set),
            _ => Cow::Owned(
                data.recommendations
                    .iter()
                    .map(|r| r.number)
                    .filter(|r| concerns(data, *r, pop))
                    .collect(),
            ),
        }
    }
}

/// The module a population uses to reach a competency level: among the providers not
/// excluded, one made for an audience it belongs to, else one for every agent, else one with no
/// audience, else one for another audience of agents — never one meant for elected officials or
/// general management when the population is neither; shortest first, then by id.
pub fn provider<'d>(
    data: &'d ReferenceData,
    profile: &Profile,
    p: &Population,
    c: &CompetencyId,
    l: Level,
) -> Option<&'d Module> {
    provider_index(data, profile, p, c, l).map(|i| &data.modules[i])
}

/// Like [`provider`], as an index into [`ReferenceData::modules`].
pub fn provider_index(
    data: &ReferenceData,
    profile: &Profile,
    p: &Population,
    c: &CompetencyId,
    l: Level,
) -> Option<usize> {
    let elected = p.audiences.contains(&Audience::ElectedOfficials);
    let rank = |m: &Module| {
        let specific = m
            .audience
            .iter()
            .any(|a| *a != Audience::AllAgents && p.audiences.contains(a));
        let for_leaders = m
            .audience
            .iter()
            .any(|a| matches!(a, Audience::ElectedOfficials | Audience::GeneralManagement));
        if specific {
            0
        } else if m.audience.contains(&Audience::AllAgents) && !elected {
            1
        } else if m.audience.is_empty() {
            2
        } else if !for_leaders {
            3
        } else {
            4
        }
    };
    data.provider_indexes(c, l)
        .iter()
        .copied()
        .filter(|&i| {
            let m = &data.modules[i];
            !profile.excluded_modules.contains(&m.id)
                // Modules reserved to elected officials are not for agents.
                && (elected
                    || !(m.audience.len() == 1 && m.audience[0] == Audience::ElectedOfficials))
        })
        // Providers come shortest first, then by id: the first of the best rank wins.
        .min_by_key(|&i| rank(&data.modules[i]))
}

struct Builder<'a> {
    data: &'a ReferenceData,
    profile: &'a Profile,
    pops: &'a [Population],
    items: Vec<ItemInfo>,
    /// Item index by population and module: `index[p * modules + m]`, `NONE` when absent.
    index: Vec<u32>,
    /// Current histogram by population and competency: `hist[p * competencies + c]`.
    hist: Vec<Option<Histogram>>,
}

/// No item (in [`Builder::index`]).
const NONE: u32 = u32::MAX;

impl Builder<'_> {
    fn histogram(&mut self, p: usize, c: &CompetencyId) -> Histogram {
        let slot = self
            .data
            .competency_index(c)
            .map(|k| p * self.data.competencies.competencies.len() + k);
        if let Some(h) = slot.and_then(|k| self.hist[k]) {
            return h;
        }
        let h = self.pops[p].histogram(self.data, self.profile, c);
        if let Some(k) = slot {
            self.hist[k] = Some(h);
        }
        h
    }

    /// The item of population `p` for module `m`, if any.
    fn item_of(&self, p: usize, m: usize) -> Option<usize> {
        match self.index[p * self.data.modules.len() + m] {
            NONE => None,
            i => Some(i as usize),
        }
    }

    /// Adds (or enlarges) the item of population `p` for module `m`. Returns its index and
    /// whether it changed.
    fn add(
        &mut self,
        p: usize,
        mi: usize,
        agents: u64,
        short: bool,
        missing: u64,
        derived: bool,
    ) -> (usize, bool) {
        if let Some(i) = self.item_of(p, mi) {
            let it = &mut self.items[i];
            let changed =
                agents > it.agents || (short && !it.short_term) || (!derived && it.derived);
            it.agents = it.agents.max(agents);
            it.short_term |= short;
            it.missing_levels = it.missing_levels.max(missing);
            it.derived &= derived;
            return (i, changed);
        }
        let i = self.items.len();
        let m = &self.data.modules[mi];
        self.items.push(ItemInfo {
            population: p,
            module: mi,
            level: m.level,
            agents,
            hours: u64::from(m.hours),
            short_term: short,
            missing_levels: missing,
            derived,
            recommendations: Vec::new(),
            score: ScoreBreakdown::default(),
            deps: Vec::new(),
        });
        self.index[p * self.data.modules.len() + mi] = i as u32;
        (i, true)
    }

    /// Ensures the steps of competency `c` up to level `l` for at most `agents` agents of `p`.
    fn ensure_level(
        &mut self,
        p: usize,
        c: &CompetencyId,
        l: Level,
        agents: u64,
        short: bool,
        queue: &mut VecDeque<usize>,
    ) {
        let h = self.histogram(p, c);
        let min = self.data.competency(c).map_or(Level::Socle, |c| c.min);
        for step in Level::ALL.into_iter().filter(|s| *s >= min && *s <= l) {
            let n = below(&h, step.rank()).min(agents);
            if n == 0 {
                continue;
            }
            if let Some(m) = provider_index(self.data, self.profile, &self.pops[p], c, step) {
                let missing = u64::from(l.rank() - step.rank() + 1);
                let (i, changed) = self.add(p, m, n, short, missing, true);
                if changed {
                    queue.push_back(i);
                }
            }
        }
    }
}

/// Computes the needs and the items of a profile's populations.
pub fn demand(
    data: &ReferenceData,
    profile: &Profile,
    pops: &[Population],
    concern: &Concern,
) -> Demand {
    let mut b = Builder {
        data,
        profile,
        pops,
        items: Vec::new(),
        index: vec![NONE; pops.len() * data.modules.len()],
        hist: vec![None; pops.len() * data.competencies.competencies.len()],
    };
    let targets: usize = pops.iter().map(|p| p.targets.len()).sum();
    b.items.reserve(targets * 2);
    let mut needs = Vec::with_capacity(targets);
    let mut queue: VecDeque<usize> = VecDeque::new();
    let share = u64::from(data.planning.expertise_share_percent);
    for (pi, pop) in pops.iter().enumerate() {
        if pop.headcount == 0 {
            continue;
        }
        for t in pop.targets.iter() {
            let Some(comp) = data.competency(&t.competency) else {
                continue;
            };
            let h = b.histogram(pi, &t.competency);
            let referents = (pop.headcount * share).div_ceil(100).max(1);
            let below_target = |l: Level| {
                if l == Level::Expertise && pop.kind != PopulationKind::Track {
                    // Everyone to approfondissement, the referents on to expertise.
                    below(&h, 2).max(below(&h, 3).min(referents.saturating_sub(h[3])))
                } else {
                    below(&h, l.rank())
                }
            };
            let mut need = Need {
                population: pi,
                metier: pop.id.clone(),
                competency: t.competency.clone(),
                core: t.core || data.is_core(&t.competency),
                current: h,
                year5: t.year5,
                year10: t.year10,
                agents_5: t.year5.map_or(0, below_target),
                agents_10: below_target(t.year10),
                hours_5: 0,
                hours_10: 0,
                unprovided: Vec::new(),
            };
            for step in Level::ALL
                .into_iter()
                .filter(|s| *s >= comp.min && *s <= t.year10)
            {
                let n = below(&h, step.rank());
                if n == 0 {
                    continue;
                }
                let short = t.year5.is_some_and(|y5| step <= y5);
                let Some(mi) = provider_index(data, profile, pop, &t.competency, step) else {
                    need.unprovided.push(step);
                    continue;
                };
                let hours = u64::from(data.modules[mi].hours) * n;
                need.hours_10 += hours;
                if short {
                    need.hours_5 += hours;
                }
                let missing = u64::from(t.year10.rank() - step.rank() + 1);
                let (i, _) = b.add(pi, mi, n, short, missing, false);
                queue.push_back(i);
            }
            needs.push(need);
        }
    }
    // Explicit prerequisites, until nothing grows (agents only grow, bounded by headcounts).
    while let Some(i) = queue.pop_front() {
        let (p, agents, short) = {
            let it = &b.items[i];
            (it.population, it.agents, it.short_term)
        };
        let m = b.items[i].module(data);
        // The level below in the same competency, for derived items (targets create theirs).
        if let Some(below_l) = m.level.below() {
            b.ensure_level(p, &m.competency, below_l, agents, short, &mut queue);
        }
        for pre in &m.prerequisites {
            match pre {
                Prerequisite::Competency { competency, level } => {
                    b.ensure_level(p, competency, *level, agents, short, &mut queue);
                }
                Prerequisite::Module(id) => {
                    if pops[p].done.contains(id) {
                        continue;
                    }
                    if let Some(pm) = data.module_index(id) {
                        let (j, changed) = b.add(p, pm, agents, short, 1, true);
                        if changed {
                            queue.push_back(j);
                        }
                    }
                }
            }
        }
    }
    // Dependencies, with final agent counts.
    for i in 0..b.items.len() {
        let (p, agents) = (b.items[i].population, b.items[i].agents);
        let m = b.items[i].module(data);
        let mut deps: Vec<Dep> = Vec::new();
        let level_dep = |b: &mut Builder, deps: &mut Vec<Dep>, c: &CompetencyId, l: Level| {
            let lacking = below(&b.histogram(p, c), l.rank()).min(agents);
            if lacking == 0 {
                return;
            }
            if let Some(pm) = provider_index(data, profile, &pops[p], c, l)
                && let Some(j) = b.item_of(p, pm)
                && j != i
            {
                deps.push(Dep {
                    item: j,
                    free: agents - lacking,
                });
            }
        };
        let min = data
            .competency(&m.competency)
            .map_or(Level::Socle, |c| c.min);
        if let Some(bl) = m.level.below()
            && bl >= min
        {
            level_dep(&mut b, &mut deps, &m.competency, bl);
        }
        for pre in &m.prerequisites {
            match pre {
                Prerequisite::Competency { competency, level } => {
                    level_dep(&mut b, &mut deps, competency, *level)
                }
                Prerequisite::Module(id) => {
                    if let Some(j) = data.module_index(id).and_then(|pm| b.item_of(p, pm)) {
                        deps.push(Dep { item: j, free: 0 });
                    }
                }
            }
        }
        deps.sort_by_key(|d| d.item);
        deps.dedup_by_key(|d| d.item);
        b.items[i].deps = deps;
    }
    let mut items = b.items;
    // Recommendations and scores. Per recommendation number: its ➔ flag and the weight of its
    // effect in the profile.
    let rec_facts: FxHashMap<RecNumber, (bool, u64)> = data
        .recommendations
        .iter()
        .map(|r| {
            let percent = profile
                .effect_weights
                .iter()
                .find(|w| w.effect == r.effect)
                .map_or(100, |w| u64::from(w.percent));
            (r.number, (r.priority, percent))
        })
        .collect();
    let r23 = RecNumber(23);
    let r23_training = data
        .recommendation(r23)
        .is_some_and(|r| r.reading.nature == Nature::Training);
    // Which recommendations concern each population.
    let concerned: Vec<Cow<'_, FxHashSet<RecNumber>>> =
        pops.iter().map(|pop| concern.of(data, pop)).collect();
    for it in &mut items {
        let pop = &pops[it.population];
        let m = &data.modules[it.module];
        let mut recs: Vec<RecNumber> = m
            .recommendations
            .iter()
            .copied()
            .filter(|r| concerned[it.population].contains(r))
            .collect();
        if recs.is_empty() {
            recs.extend(m.recommendations.iter().copied());
        }
        if !pop.categories.is_empty() && r23_training && !data.is_core(&m.competency) {
            recs.push(r23);
        }
        recs.sort_unstable();
        recs.dedup();
        let facts = recs.iter().filter_map(|r| rec_facts.get(r));
        let priority = facts.clone().any(|f| f.0);
        let percent = facts.map(|f| f.1).max().unwrap_or(100);
        it.score = score(
            &data.planning.weights,
            it,
            &pop.categories,
            priority,
            percent,
        );
        it.recommendations = recs;
    }
    Demand { needs, items }
}
