//! From populations to needs and schedulable items.
//!
//! For each population and each target competency, the agents below each level up to the
//! 10-year target form one *step*: the module that brings them to that level (the provider
//! chosen for their audience), for that many agents. A step up to the 5-year target is a
//! short-term need. Explicit prerequisites of a module add *derived* steps (the prerequisite's
//! competency, for the agents who lack it) and dependencies between items.

use crate::population::{CategoryMask, Histogram, Population, PopulationKind, below};
use crate::problem::Dep;
use crate::profile::Profile;
use crate::score::{ScoreBreakdown, score_with};
use parcours_graph::ReferenceData;
use parcours_graph::concern::{self, Party};
use parcours_graph::ids::{CompetencyId, ModuleId, RecNumber};
use parcours_graph::model::{Module, Prerequisite};
use parcours_graph::vocab::{Audience, Level, Modality, Nature};
use rustc_hash::FxHashMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;
use std::borrow::Cow;
use std::collections::{BTreeSet, VecDeque};

/// The gap of one population in one competency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Need<'d> {
    /// Population index (within the plan being built; not part of a stored plan).
    #[serde(skip)]
    pub(crate) population: usize,
    /// Population id (métier or track).
    pub metier: Cow<'d, str>,
    /// The competency.
    pub competency: Cow<'d, CompetencyId>,
    /// Its index in the reference data's competencies (within the plan being built; not part
    /// of a stored plan).
    #[serde(skip)]
    pub(crate) competency_index: usize,
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
    /// Steps whose modules are all made for other audiences than the population's (an
    /// 18-hour course for support functions is not given to social workers instead).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub no_module_for_audience: Vec<Level>,
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
    /// The recommendations that justify it, in increasing order (up to four inline: most
    /// modules cite one to three).
    pub recommendations: SmallVec<[RecNumber; 4]>,
    /// Score and its components.
    pub score: ScoreBreakdown,
}

impl ItemInfo {
    /// Its module.
    pub fn module<'d>(&self, data: &'d ReferenceData) -> &'d Module {
        &data.modules()[self.module]
    }
}

/// Needs and items of a whole profile.
#[derive(Clone, Debug, Default)]
pub struct Demand<'d> {
    /// One need per population and target competency.
    pub needs: Vec<Need<'d>>,
    /// Items, grouped by population.
    pub items: Vec<ItemInfo>,
    /// Each item's prerequisite items (by item index), for the scheduling problem.
    pub deps: Vec<Vec<Dep>>,
}

/// Whether a recommendation concerns a population: the rule of [`parcours_graph::concern`]
/// (its groups, its audiences or every agent, a competency it develops that the population
/// targets), the one `Graph::metiers_concerned` applies to reference métiers.
pub fn concerns(data: &ReferenceData, r: RecNumber, p: &Population) -> bool {
    data.recommendation(r).is_some_and(|rec| {
        let party = Party {
            groups: &p.groups,
            audiences: &p.audiences,
            targets: &p.targets,
        };
        concern::reasons(&rec.reading, party).next().is_some()
    })
}

/// The recommendations that concern each reference métier and track, and those each module
/// cites, computed once per planner as bit sets: bit `k` (of word `k / 64`) stands for the
/// reference data's recommendation of rank `k` in number order, so a set's bits, read in
/// order, give its recommendations sorted.
#[derive(Clone, Debug, Default)]
pub struct Concern {
    /// By rank: the recommendation's index in [`ReferenceData::recommendations`].
    by_rank: Vec<usize>,
    /// 64-bit words per set.
    words: usize,
    by_metier: FxHashMap<String, Box<[u64]>>,
    by_track: FxHashMap<String, Box<[u64]>>,
    /// The recommendations each module cites (those the reference data has), `words` words
    /// per module, by module index.
    by_module: Vec<u64>,
}

impl Concern {
    /// Computes the recommendations concerning every reference métier and track.
    pub fn new(data: &ReferenceData) -> Self {
        let mut by_rank: Vec<usize> = (0..data.recommendations().len()).collect();
        by_rank.sort_by_key(|&i| data.recommendations()[i].number);
        let mut c = Concern {
            words: by_rank.len().div_ceil(64).max(1),
            by_rank,
            ..Concern::default()
        };
        let mut by_module = vec![0; data.modules().len() * c.words];
        for (m, bits) in data.modules().iter().zip(by_module.chunks_mut(c.words)) {
            for r in &m.recommendations {
                if let Some(k) = c.rank(data, *r) {
                    set_rank(bits, k);
                }
            }
        }
        c.by_module = by_module;
        // Every reference métier, and the tracks (which depend on no profile).
        let mut profile =
            crate::profile::Profile::for_metiers(data.metiers().iter().map(|m| m.id.clone()));
        profile.managers = 1;
        profile.elected_officials = 1;
        for pop in crate::population::populations(data, &profile) {
            let bits = c.compute(data, &pop);
            // A track may share an id with a métier: two maps.
            if pop.kind == PopulationKind::Track {
                c.by_track.insert(pop.id.to_string(), bits);
            } else {
                c.by_metier.insert(pop.id.to_string(), bits);
            }
        }
        c
    }

    /// The rank of recommendation `n` in number order, `None` when the data has none.
    fn rank(&self, data: &ReferenceData, n: RecNumber) -> Option<usize> {
        self.by_rank
            .binary_search_by_key(&n, |&i| data.recommendations()[i].number)
            .ok()
    }

    /// The recommendations that concern `pop`, as a bit set.
    fn compute(&self, data: &ReferenceData, pop: &Population) -> Box<[u64]> {
        let mut bits = vec![0; self.words];
        for (k, &i) in self.by_rank.iter().enumerate() {
            if concerns(data, data.recommendations()[i].number, pop) {
                set_rank(&mut bits, k);
            }
        }
        bits.into()
    }

    /// The recommendations that concern a population, as a bit set.
    fn of(&self, data: &ReferenceData, pop: &Population) -> Cow<'_, [u64]> {
        let known = match pop.kind {
            PopulationKind::Metier => self.by_metier.get(pop.id.as_ref()),
            PopulationKind::Track => self.by_track.get(pop.id.as_ref()),
            PopulationKind::CustomMetier => None,
        };
        match known {
            Some(bits) => Cow::Borrowed(bits),
            None => Cow::Owned(self.compute(data, pop).into_vec()),
        }
    }

    /// The recommendations module `m` (an index) cites, as a bit set.
    fn of_module(&self, m: usize) -> &[u64] {
        &self.by_module[m * self.words..(m + 1) * self.words]
    }
}

/// Puts the recommendation of rank `k` in a [`Concern`] bit set.
fn set_rank(bits: &mut [u64], k: usize) {
    bits[k / 64] |= 1 << (k % 64);
}

/// The module a population uses to reach a competency level: among the providers not
/// excluded and made for it, one made for an audience it belongs to, else one for every agent,
/// else one with no audience (for elected officials, a module for every agent last) — never
/// one made only for other audiences; shortest first, then by id.
pub fn provider<'d>(
    data: &'d ReferenceData,
    profile: &Profile,
    p: &Population,
    c: &CompetencyId,
    l: Level,
) -> Option<&'d Module> {
    provider_index(data, profile, p, c, l).map(|i| &data.modules()[i])
}

/// Like [`provider`], as an index into [`ReferenceData::modules`].
pub fn provider_index(
    data: &ReferenceData,
    profile: &Profile,
    p: &Population,
    c: &CompetencyId,
    l: Level,
) -> Option<usize> {
    choose_provider(data, profile, p, data.provider_indexes(c, l)).ok()
}

/// Why a population has no provider for a competency level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoProvider {
    /// No module provides it, or the profile excluded every one made for the population.
    Excluded,
    /// Every module that provides it is made for other audiences.
    Audience,
}

/// How well module `m` fits population `p`'s audiences: the lower the better; `None` when it
/// is made only for other audiences, or is self-training and the agents have no workstation.
fn audience_rank(m: &Module, p: &Population) -> Option<u8> {
    if !p.workstation && m.modality == Modality::SelfTraining {
        return None;
    }
    let elected = p.audiences.contains(&Audience::ElectedOfficials);
    let specific = m
        .audience
        .iter()
        .any(|a| *a != Audience::AllAgents && p.audiences.contains(a));
    let all_agents = m.audience.contains(&Audience::AllAgents);
    if specific {
        Some(0)
    } else if all_agents && !elected {
        Some(1)
    } else if m.audience.is_empty() {
        Some(2)
    } else if all_agents {
        // Elected officials are not agents: a module for every agent comes last for them.
        Some(3)
    } else {
        None
    }
}

/// The provider [`provider_index`] picks among `candidates` (the providers of a competency
/// level, shortest first, then by id), or why there is none.
fn choose_provider(
    data: &ReferenceData,
    profile: &Profile,
    p: &Population,
    candidates: &[usize],
) -> Result<usize, NoProvider> {
    let mut fits_any = false;
    // Providers come shortest first, then by id: the first of the best rank wins.
    candidates
        .iter()
        .copied()
        .filter_map(|i| {
            let m = &data.modules()[i];
            let rank = audience_rank(m, p)?;
            fits_any = true;
            (!profile.excluded_modules.contains(&m.id)).then_some((rank, i))
        })
        .min_by_key(|&(rank, _)| rank)
        .map(|(_, i)| i)
        .ok_or(if fits_any || candidates.is_empty() {
            NoProvider::Excluded
        } else {
            NoProvider::Audience
        })
}

/// Dense tables of the reference data that [`demand`] reads for every item, so that its loops
/// find competencies, providers and prerequisites by index instead of hashing ids. Computed
/// once per planner.
#[derive(Clone, Debug, Default)]
pub struct Tables {
    /// Each module's competency (its index), by module index.
    module_competency: Vec<Option<usize>>,
    /// Each module's prerequisites, by module index.
    prerequisites: Vec<Vec<Pre>>,
    /// Per competency index: its lowest level, whether it is core, and its providers per
    /// level (rank 1 to 3; [`ReferenceData::provider_indexes`]).
    competencies: Vec<CompetencyFacts>,
}

/// A module's prerequisite, resolved ([`Prerequisite`]).
#[derive(Clone, Debug)]
enum Pre {
    /// A competency (its index; `None` when unknown, then the prerequisite is void) at a level.
    Level(Option<usize>, Level),
    /// A module (its index, `None` when unknown), with its id.
    Module(Option<usize>, ModuleId),
}

/// What [`Tables`] holds for one competency.
#[derive(Clone, Debug)]
struct CompetencyFacts {
    min: Level,
    max: Level,
    core: bool,
    providers: [Vec<usize>; 3],
}

impl Tables {
    /// Builds the tables of the reference data.
    pub fn new(data: &ReferenceData) -> Self {
        let competencies = data
            .competencies()
            .competencies
            .iter()
            .map(|c| CompetencyFacts {
                min: c.min,
                max: c.max,
                core: data.is_core(&c.id),
                providers: Level::ALL.map(|l| data.provider_indexes(&c.id, l).to_vec()),
            })
            .collect();
        let prerequisites = data
            .modules()
            .iter()
            .map(|m| {
                m.prerequisites
                    .iter()
                    .map(|pre| match pre {
                        Prerequisite::Competency { competency, level } => {
                            Pre::Level(data.competency_index(competency), *level)
                        }
                        Prerequisite::Module(id) => Pre::Module(data.module_index(id), id.clone()),
                    })
                    .collect()
            })
            .collect();
        Tables {
            module_competency: data
                .modules()
                .iter()
                .map(|m| data.competency_index(&m.competency))
                .collect(),
            prerequisites,
            competencies,
        }
    }

    /// The lowest level of competency `c` (*socle* when unknown).
    fn min(&self, c: Option<usize>) -> Level {
        c.map_or(Level::Socle, |c| self.competencies[c].min)
    }

    /// The competency (its index) of module `m` (an index), `None` when unknown.
    pub(crate) fn module_competency(&self, m: usize) -> Option<usize> {
        self.module_competency[m]
    }

    /// Whether module `m`'s competency (by indexes) is core ([`ReferenceData::is_core`]).
    pub(crate) fn module_competency_is_core(&self, m: usize) -> bool {
        self.module_competency
            .get(m)
            .copied()
            .flatten()
            .is_some_and(|c| self.competencies[c].core)
    }

    /// Whether competency `c` (an index) is core ([`ReferenceData::is_core`]).
    pub(crate) fn is_core(&self, c: usize) -> bool {
        self.competencies[c].core
    }
}

struct Builder<'a, 'd> {
    data: &'d ReferenceData,
    profile: &'a Profile,
    pops: &'a [Population<'d>],
    tables: &'a Tables,
    items: Vec<ItemInfo>,
    /// Item index by population and module: `index[p * modules + m]`, `NONE` when absent.
    index: Vec<u32>,
    /// Current histogram by population and competency: `hist[p * competencies + c]`.
    hist: Vec<Option<Histogram>>,
    /// For a population whose levels all come from the maturity defaults, its histogram by
    /// core-ness and highest level of the competency: `defaults[p * 6 + core * 3 + max - 1]`.
    defaults: Vec<Option<Histogram>>,
    /// Each population's audience class: populations with the same audiences and workstation
    /// choose the same providers ([`choose_provider`] reads nothing else of them).
    class: Vec<usize>,
    /// The provider chosen by audience class, competency and level:
    /// `providers[(class * competencies + c) * 3 + level - 1]`, [`UNSET`] before it is
    /// computed, [`NONE`] when there is none.
    providers: Vec<u32>,
}

/// Not computed yet (in [`Builder::providers`]).
const UNSET: u32 = u32::MAX - 1;

/// No item (in [`Builder::index`]), no provider (in [`Builder::providers`]).
const NONE: u32 = u32::MAX;

/// No provider made for the population's audiences (in [`Builder::providers`]).
const NOT_FOR_AUDIENCE: u32 = u32::MAX - 2;

impl Builder<'_, '_> {
    /// The current histogram of population `p` in competency `c` (an index).
    fn histogram(&mut self, p: usize, c: usize) -> Histogram {
        let comps = &self.data.competencies().competencies;
        let k = p * comps.len() + c;
        if let Some(h) = self.hist[k] {
            return h;
        }
        let pop = &self.pops[p];
        let h = if pop.levels_by_default() {
            let facts = &self.tables.competencies[c];
            let d = p * 6 + usize::from(facts.core) * 3 + usize::from(facts.max.rank() - 1);
            match self.defaults[d] {
                Some(h) => h,
                None => {
                    let h = pop.histogram(self.data, self.profile, &comps[c].id);
                    self.defaults[d] = Some(h);
                    h
                }
            }
        } else {
            pop.histogram(self.data, self.profile, &comps[c].id)
        };
        self.hist[k] = Some(h);
        h
    }

    /// The provider of competency `c` (an index) at level `l` for population `p`
    /// ([`provider_index`]).
    fn provider(&mut self, p: usize, c: usize, l: Level) -> Option<usize> {
        self.provider_or_why(p, c, l).ok()
    }

    /// Like [`Builder::provider`], or why there is none.
    fn provider_or_why(&mut self, p: usize, c: usize, l: Level) -> Result<usize, NoProvider> {
        let k = (self.class[p] * self.data.competencies().competencies.len() + c) * 3
            + usize::from(l.rank() - 1);
        match self.providers[k] {
            UNSET => {
                let candidates = &self.tables.competencies[c].providers[usize::from(l.rank() - 1)];
                let m = choose_provider(self.data, self.profile, &self.pops[p], candidates);
                // Module indexes fit 32 bits (the catalogue is small), below the markers.
                self.providers[k] = match m {
                    Ok(m) => m as u32,
                    Err(NoProvider::Excluded) => NONE,
                    Err(NoProvider::Audience) => NOT_FOR_AUDIENCE,
                };
                m
            }
            NONE => Err(NoProvider::Excluded),
            NOT_FOR_AUDIENCE => Err(NoProvider::Audience),
            m => Ok(m as usize),
        }
    }

    /// The item of population `p` for module `m`, if any.
    fn item_of(&self, p: usize, m: usize) -> Option<usize> {
        match self.index[p * self.data.modules().len() + m] {
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
        let m = &self.data.modules()[mi];
        self.items.push(ItemInfo {
            population: p,
            module: mi,
            level: m.level,
            agents,
            hours: u64::from(m.hours),
            short_term: short,
            missing_levels: missing,
            derived,
            recommendations: SmallVec::new(),
            score: ScoreBreakdown::default(),
        });
        self.index[p * self.data.modules().len() + mi] = i as u32;
        (i, true)
    }

    /// Ensures the steps of competency `c` (an index; nothing when unknown) up to level `l`
    /// for at most `agents` agents of `p`.
    /// The agents of population `p` (current histogram `h` in a competency) to bring to level
    /// `l`: those below it, but at *expertise* only the referents — at most
    /// max(1, ⌈share × headcount⌉) agents of a métier hold it, those already there counted
    /// (the share is the profile's `expertise_share_percent`, else the reference data's). A
    /// track (managers, elected officials) is trained whole.
    fn to_bring(&self, p: usize, h: &Histogram, l: Level) -> u64 {
        let pop = &self.pops[p];
        if l != Level::Expertise || pop.kind == PopulationKind::Track {
            return below(h, l.rank());
        }
        let share = self
            .profile
            .expertise_share_percent
            .unwrap_or(self.data.planning().expertise_share_percent);
        let referents = (pop.headcount * u64::from(share)).div_ceil(100).max(1);
        below(h, 3).min(referents.saturating_sub(h[3]))
    }

    fn ensure_level(
        &mut self,
        p: usize,
        c: Option<usize>,
        l: Level,
        agents: u64,
        short: bool,
        queue: &mut VecDeque<usize>,
    ) {
        // An unknown competency has no provider: nothing to ensure.
        let Some(c) = c else { return };
        let h = self.histogram(p, c);
        let min = self.tables.competencies[c].min;
        for step in Level::ALL.into_iter().filter(|s| *s >= min && *s <= l) {
            let n = self.to_bring(p, &h, step).min(agents);
            if n == 0 {
                continue;
            }
            if let Some(m) = self.provider(p, c, step) {
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
pub fn demand<'d>(
    data: &'d ReferenceData,
    profile: &Profile,
    pops: &[Population<'d>],
    concern: &Concern,
    tables: &Tables,
) -> Demand<'d> {
    let mut b = Builder::new(data, profile, pops, tables);
    let (needs, queue) = b.needs();
    b.prerequisites(queue);
    let deps = b.dependencies();
    let mut items = b.items;
    justify(data, profile, pops, concern, tables, &mut items);
    Demand { needs, items, deps }
}

impl<'a, 'd> Builder<'a, 'd> {
    /// An empty builder for `pops`.
    fn new(
        data: &'d ReferenceData,
        profile: &'a Profile,
        pops: &'a [Population<'d>],
        tables: &'a Tables,
    ) -> Self {
        let mut classes: Vec<(&BTreeSet<Audience>, bool)> = Vec::new();
        let class = pops
            .iter()
            .map(|p| {
                let key = (&p.audiences, p.workstation);
                match classes.iter().position(|a| *a == key) {
                    Some(k) => k,
                    None => {
                        classes.push(key);
                        classes.len() - 1
                    }
                }
            })
            .collect();
        Builder {
            data,
            profile,
            pops,
            tables,
            items: Vec::new(),
            index: vec![NONE; pops.len() * data.modules().len()],
            hist: vec![None; pops.len() * data.competencies().competencies.len()],
            defaults: vec![None; pops.len() * 6],
            class,
            providers: vec![UNSET; classes.len() * data.competencies().competencies.len() * 3],
        }
    }
}

impl<'d> Builder<'_, 'd> {
    /// The needs of every population and target competency, with an item for each level the
    /// agents lack (by its chosen provider); returns them and the items created, whose
    /// prerequisites are still to add.
    fn needs(&mut self) -> (Vec<Need<'d>>, VecDeque<usize>) {
        let (data, pops, tables) = (self.data, self.pops, self.tables);
        let targets: usize = pops.iter().map(|p| p.targets.len()).sum();
        self.items.reserve(targets * 2);
        let mut needs = Vec::with_capacity(targets);
        let mut queue: VecDeque<usize> = VecDeque::new();
        for (pi, pop) in pops.iter().enumerate() {
            if pop.headcount == 0 {
                continue;
            }
            for t in pop.targets.iter() {
                let Some(ci) = t.competency_index else {
                    continue;
                };
                let comp = &tables.competencies[ci];
                let h = self.histogram(pi, ci);
                // The agents short of a target: at expertise, everyone short of
                // approfondissement and the referents short of expertise.
                let below_target = |l: Level| {
                    let up = self.to_bring(pi, &h, l);
                    if l == Level::Expertise && pop.kind != PopulationKind::Track {
                        below(&h, 2).max(up)
                    } else {
                        up
                    }
                };
                let mut need = Need {
                    population: pi,
                    metier: pop.id.clone(),
                    competency: Cow::Borrowed(&data.competencies().competencies[ci].id),
                    competency_index: ci,
                    core: t.core || comp.core,
                    current: h,
                    year5: t.year5,
                    year10: t.year10,
                    agents_5: t.year5.map_or(0, below_target),
                    agents_10: below_target(t.year10),
                    hours_5: 0,
                    hours_10: 0,
                    unprovided: Vec::new(),
                    no_module_for_audience: Vec::new(),
                };
                for step in Level::ALL
                    .into_iter()
                    .filter(|s| *s >= comp.min && *s <= t.year10)
                {
                    let n = self.to_bring(pi, &h, step);
                    if n == 0 {
                        continue;
                    }
                    let short = t.year5.is_some_and(|y5| step <= y5);
                    let mi = match self.provider_or_why(pi, ci, step) {
                        Ok(mi) => mi,
                        Err(NoProvider::Excluded) => {
                            need.unprovided.push(step);
                            continue;
                        }
                        Err(NoProvider::Audience) => {
                            need.no_module_for_audience.push(step);
                            continue;
                        }
                    };
                    let hours = u64::from(data.modules()[mi].hours) * n;
                    need.hours_10 += hours;
                    if short {
                        need.hours_5 += hours;
                    }
                    let missing = u64::from(t.year10.rank() - step.rank() + 1);
                    let (i, _) = self.add(pi, mi, n, short, missing, false);
                    queue.push_back(i);
                }
                needs.push(need);
            }
        }
        (needs, queue)
    }
}

impl Builder<'_, '_> {
    /// The prerequisites of the items in `queue` (the level below, explicit levels, explicit
    /// modules), added until nothing grows (agents only grow, bounded by headcounts).
    fn prerequisites(&mut self, mut queue: VecDeque<usize>) {
        let (data, pops, tables) = (self.data, self.pops, self.tables);
        while let Some(i) = queue.pop_front() {
            let (p, agents, short, mi) = {
                let it = &self.items[i];
                (it.population, it.agents, it.short_term, it.module)
            };
            let m = &data.modules()[mi];
            let c = tables.module_competency[mi];
            // The level below in the same competency, for derived items (targets create theirs).
            if let Some(below_l) = m.level.below() {
                self.ensure_level(p, c, below_l, agents, short, &mut queue);
            }
            for pre in &tables.prerequisites[mi] {
                match pre {
                    Pre::Level(c, level) => {
                        self.ensure_level(p, *c, *level, agents, short, &mut queue);
                    }
                    Pre::Module(pm, id) => {
                        if pops[p].done.contains(id) {
                            continue;
                        }
                        if let Some(pm) = *pm {
                            let (j, changed) = self.add(p, pm, agents, short, 1, true);
                            if changed {
                                queue.push_back(j);
                            }
                        }
                    }
                }
            }
        }
    }

    /// Each item's prerequisite items, with the final agent counts: the agents of an item
    /// that already hold a prerequisite level do not wait for it (`free`).
    fn dependencies(&mut self) -> Vec<Vec<Dep>> {
        let (data, tables) = (self.data, self.tables);
        let mut deps: Vec<Dep> = Vec::new();
        let mut item_deps: Vec<Vec<Dep>> = Vec::with_capacity(self.items.len());
        for i in 0..self.items.len() {
            let (p, agents, mi) = (
                self.items[i].population,
                self.items[i].agents,
                self.items[i].module,
            );
            let m = &data.modules()[mi];
            deps.clear();
            let level_dep = |b: &mut Builder, deps: &mut Vec<Dep>, c: Option<usize>, l: Level| {
                // An unknown competency has no provider: no dependency.
                let Some(c) = c else { return };
                let lacking = below(&b.histogram(p, c), l.rank()).min(agents);
                if lacking == 0 {
                    return;
                }
                if let Some(pm) = b.provider(p, c, l)
                    && let Some(j) = b.item_of(p, pm)
                    && j != i
                {
                    deps.push(Dep {
                        item: j,
                        free: agents - lacking,
                    });
                }
            };
            let c = tables.module_competency[mi];
            if let Some(bl) = m.level.below()
                && bl >= tables.min(c)
            {
                level_dep(self, &mut deps, c, bl);
            }
            for pre in &tables.prerequisites[mi] {
                match pre {
                    Pre::Level(c, level) => level_dep(self, &mut deps, *c, *level),
                    Pre::Module(pm, _) => {
                        if let Some(j) = pm.and_then(|pm| self.item_of(p, pm)) {
                            deps.push(Dep { item: j, free: 0 });
                        }
                    }
                }
            }
            deps.sort_by_key(|d| d.item);
            deps.dedup_by_key(|d| d.item);
            item_deps.push(deps.clone());
        }
        item_deps
    }
}

/// Each item's recommendations and score: the recommendations its module cites that concern
/// its population (all of them when none does), plus 23 for a population in a category and a
/// module that is not core; ➔ when one of them is, the highest weight of their effects.
fn justify(
    data: &ReferenceData,
    profile: &Profile,
    pops: &[Population],
    concern: &Concern,
    tables: &Tables,
    items: &mut [ItemInfo],
) {
    // Recommendations and scores. Per recommendation rank: its number, its ➔ flag and the
    // weight of its effect in the profile.
    let facts: Vec<(RecNumber, bool, u64)> = concern
        .by_rank
        .iter()
        .map(|&i| {
            let r = &data.recommendations()[i];
            let percent = profile
                .effect_weights
                .iter()
                .find(|w| w.effect == r.effect)
                .map_or(100, |w| u64::from(w.percent));
            (r.number, r.priority, percent)
        })
        .collect();
    // Recommendation 23 (the job-family categories) justifies the items of a population in a
    // category, but for core competencies, when it is a training recommendation.
    let r23 = concern
        .rank(data, RecNumber(23))
        .filter(|&k| data.recommendations()[concern.by_rank[k]].reading.nature == Nature::Training);
    // Per population: the recommendations that concern it, its categories.
    let concerned: Vec<Cow<'_, [u64]>> = pops.iter().map(|pop| concern.of(data, pop)).collect();
    let categories: Vec<CategoryMask> = pops
        .iter()
        .map(|pop| CategoryMask::of(&pop.categories))
        .collect();
    let mut bits = vec![0u64; concern.words];
    for it in items.iter_mut() {
        let cited = concern.of_module(it.module);
        // The cited recommendations that concern the population, else all of them.
        let mut any = 0;
        for ((b, c), p) in bits
            .iter_mut()
            .zip(cited)
            .zip(concerned[it.population].iter())
        {
            *b = c & p;
            any |= *b;
        }
        if any == 0 {
            bits.copy_from_slice(cited);
        }
        let core = tables.module_competency[it.module].is_some_and(|c| tables.competencies[c].core);
        if let Some(k) = r23
            && !categories[it.population].is_empty()
            && !core
        {
            set_rank(&mut bits, k);
        }
        let mut recs: SmallVec<[RecNumber; 4]> = SmallVec::new();
        let mut priority = false;
        let mut percent = None;
        for (w, &word) in bits.iter().enumerate() {
            let mut word = word;
            while word != 0 {
                let (number, prio, pct) = facts[w * 64 + word.trailing_zeros() as usize];
                word &= word - 1;
                recs.push(number);
                priority |= prio;
                percent = percent.max(Some(pct));
            }
        }
        it.score = score_with(
            &data.planning().weights,
            it,
            categories[it.population],
            priority,
            percent.unwrap_or(100),
        );
        it.recommendations = recs;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::population::populations;
    use crate::score::score;
    use parcours_graph::parse::from_ron;

    /// A module made only for other audiences is never the provider: the data protection
    /// course for support functions goes to lawyers, not to social workers, who take the one
    /// for every agent; when the only fitting module is excluded, the reason is the exclusion.
    #[test]
    fn providers_are_made_for_the_population() {
        let data = ReferenceData::embedded().expect("valid");
        let mut profile = crate::profile::Profile::for_metiers(
            ["juriste", "travailleur-social"]
                .into_iter()
                .map(parcours_graph::ids::MetierId::from),
        );
        let pops = populations(&data, &profile);
        let pop = |id: &str| pops.iter().find(|p| p.id == id).unwrap();
        let c = CompetencyId("protection-donnees".into());
        let id = |p: &Population| {
            provider(&data, &profile, p, &c, Level::Approfondissement).map(|m| m.id.0.as_str())
        };
        assert_eq!(id(pop("juriste")), Some("protection-donnees-a"));
        assert_eq!(
            id(pop("travailleur-social")),
            Some("protection-donnees-usagers-a")
        );
        let candidates = data.provider_indexes(&c, Level::Approfondissement);
        profile
            .excluded_modules
            .push(ModuleId("protection-donnees-usagers-a".into()));
        assert_eq!(
            choose_provider(&data, &profile, pop("travailleur-social"), candidates),
            Err(NoProvider::Excluded)
        );
        // Without the module for every agent, none fits social workers.
        let only_support: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&i| data.modules()[i].id.0 == "protection-donnees-a")
            .collect();
        assert_eq!(
            choose_provider(&data, &profile, pop("travailleur-social"), &only_support),
            Err(NoProvider::Audience)
        );
        // Agents without a workstation take the socle in person.
        let pix = CompetencyId("pix-1-1".into());
        let socle = |p: &Population| {
            provider(&data, &profile, p, &pix, Level::Socle).map(|m| m.id.0.as_str())
        };
        assert_eq!(socle(pop("juriste")), Some("pix-1-1-s"));
        let mut road = pop("juriste").clone();
        road.workstation = false;
        assert_eq!(socle(&road), Some("pix-1-1-s-atelier"));
    }

    /// Each item's recommendations and score, read from the bit sets, are those the plain
    /// reading gives: the module's recommendations that concern the population (all of them
    /// when none does), plus 23 for a population in a category and a module that is not core;
    /// ➔ when one of them is, the highest weight of their effects.
    #[test]
    fn recommendations_and_scores_match_the_plain_reading() {
        let data = ReferenceData::embedded().expect("valid");
        let text = include_str!("../../../examples/profiles/departement.ron");
        let mut p: crate::profile::Profile = from_ron("departement.ron", text).expect("parses");
        // Weights that differ by effect, so the highest one matters.
        let mut effects: Vec<_> = data.recommendations().iter().map(|r| r.effect).collect();
        effects.sort();
        effects.dedup();
        p.effect_weights = effects
            .iter()
            .enumerate()
            .map(|(k, e)| crate::profile::EffectWeight {
                effect: *e,
                percent: 60 + 30 * k as u32,
            })
            .collect();
        let pops = populations(&data, &p);
        assert!(pops.iter().any(|p| p.kind == PopulationKind::CustomMetier));
        let d = demand(&data, &p, &pops, &Concern::new(&data), &Tables::new(&data));
        assert!(d.items.len() > 1000);
        let mut with_23 = 0;
        for it in &d.items {
            let pop = &pops[it.population];
            let m = &data.modules()[it.module];
            let mut recs: Vec<RecNumber> = m
                .recommendations
                .iter()
                .copied()
                .filter(|r| concerns(&data, *r, pop))
                .collect();
            if recs.is_empty() {
                recs = m.recommendations.clone();
            }
            let training_23 = data
                .recommendation(RecNumber(23))
                .is_some_and(|r| r.reading.nature == Nature::Training);
            if !pop.categories.is_empty() && training_23 && !data.is_core(&m.competency) {
                recs.push(RecNumber(23));
                with_23 += 1;
            }
            recs.sort();
            recs.dedup();
            assert_eq!(&it.recommendations[..], &recs[..], "{} {}", pop.id, m.id);
            let cited = recs.iter().filter_map(|r| data.recommendation(*r));
            let priority = cited.clone().any(|r| r.priority);
            let percent = cited
                .map(|r| {
                    p.effect_weights
                        .iter()
                        .find(|w| w.effect == r.effect)
                        .map_or(100, |w| u64::from(w.percent))
                })
                .max()
                .unwrap_or(100);
            let expected = score(
                &data.planning().weights,
                it,
                &pop.categories,
                priority,
                percent,
            );
            assert_eq!(it.score, expected, "{} {}", pop.id, m.id);
        }
        assert!(with_23 > 0);
    }
}
