//! Many plans at once: national and departmental demand (what the training body must offer,
//! recommendation 38) and the pooling of under-filled sessions between neighbouring
//! collectivities (recommendations 7 and 14). Aggregates are sums of integers, so they do not
//! depend on the order in which plans are added: merging per-thread aggregates in any order
//! gives the same result.
//!
//! Modules, departments and intercommunalities are interned: an aggregate keys its cells by
//! small integer ids (its own, translated on merge), so adding a plan allocates nothing per
//! session line. Ids never reach an output: every list the aggregate or the pooling gives is
//! sorted by the names (department code, module id, year), whatever the ids are.

use itertools::Itertools;
use parcours_graph::ReferenceData;
use parcours_graph::ids::ModuleId;
use parcours_planner::plan::{Days, Totals};
use parcours_planner::profile::Profile;
use rustc_hash::FxHashMap;
use schemars::JsonSchema;
use serde::Serialize;

/// Demand for one module in one year.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Cell {
    /// Sessions to run, each collectivity on its own.
    pub sessions: u64,
    /// Of these, the sessions under the module's minimum of participants, which pooling may
    /// merge with other collectivities' (see [`Pooling`]).
    pub underfilled: u64,
    /// Enrolments: the agents (and elected officials) of the sessions; one trained in two
    /// modules counts in each.
    pub agents: u64,
    /// Trainee-days.
    pub days: Days,
    /// Collectivities involved.
    pub collectivities: u64,
}

impl Cell {
    /// Adds another cell to this one.
    pub fn add(&mut self, o: &Cell) {
        self.sessions += o.sessions;
        self.underfilled += o.underfilled;
        self.agents += o.agents;
        self.days.0 += o.days.0;
        self.collectivities += o.collectivities;
    }
}

/// An under-filled session of one collectivity (8 bytes: batches hold millions of them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Underfilled {
    /// The collectivity: its index in the batch.
    pub collectivity: u32,
    /// Agents.
    pub agents: u32,
}

/// Names to small ids, in order of first appearance.
#[derive(Clone, Debug, Default)]
struct Interner {
    names: Vec<Box<str>>,
    ids: FxHashMap<Box<str>, u32>,
}

impl Interner {
    fn id(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.ids.get(name) {
            return i;
        }
        let i = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.names.push(name.into());
        self.ids.insert(name.into(), i);
        i
    }

    fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", |n| n)
    }

    /// The ids in `self` of the names of `other`, by `other`'s id.
    fn translate(&mut self, other: &Interner) -> Vec<u32> {
        other.names.iter().map(|n| self.id(n)).collect()
    }
}

/// A collectivity of the batch that has under-filled sessions.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Member {
    index: u32,
    name: Box<str>,
    /// Its INSEE code or SIREN (empty when none is known).
    code: Box<str>,
    /// Its intercommunality, interned (what pooling groups by).
    intercommunality: Option<u32>,
    /// Its intercommunality as reports name it (empty when none).
    intercommunality_name: Box<str>,
}

/// Who a collectivity of the batch is, as `pooling.csv` names it.
#[derive(Clone, Copy, Debug, Default)]
pub struct Who<'a> {
    /// Its name.
    pub name: &'a str,
    /// Its INSEE code (a commune's, a CCAS's commune's) or SIREN (an intercommunality's);
    /// empty when none is known.
    pub code: &'a str,
    /// The name of its intercommunality (its id when the map does not know it); empty when
    /// none.
    pub intercommunality: &'a str,
}

/// Key of a departmental cell: (department, module, year), as interned ids.
type DeptKey = (u32, u32, u16);

/// Everything a batch run adds up.
#[derive(Clone, Debug, Default)]
pub struct Aggregate {
    /// Profiles planned.
    pub profiles: u64,
    /// Agents in them (headcount: each once, whatever the modules).
    pub agents: u64,
    /// Elected officials in them (their own track, apart from the agents).
    pub elected_officials: u64,
    /// Trainee-days used.
    pub days_used: Days,
    /// Trainee-days available.
    pub days_available: Days,
    /// Trainee-days unfunded.
    pub days_unfunded: Days,
    modules: Interner,
    departments: Interner,
    intercommunalities: Interner,
    cells: FxHashMap<DeptKey, Cell>,
    underfilled: FxHashMap<DeptKey, Vec<Underfilled>>,
    members: Vec<Member>,
    /// The position in `members` of each batch index (`NO_MEMBER` when none), built by
    /// [`pool_groups`] once `members` is sorted.
    member_at: Vec<u32>,
    /// The rank of each intercommunality (by interned id) in the order of their names, built
    /// by [`pool_groups`].
    epci_rank: Vec<u32>,
}

/// No member at a batch index (in `Aggregate::member_at`).
const NO_MEMBER: u32 = u32::MAX;

/// Department key of profiles that give none.
pub const NO_DEPARTMENT: &str = "—";

impl Aggregate {
    /// Adds the plan of the collectivity at `index` in the batch, named `name` in reports, by
    /// its [`Totals`] ([`parcours_planner::planner::Planner::totals`], or [`parcours_planner::plan::Plan::totals`]).
    /// Its under-filled sessions are pooled in its own department ([`Aggregate::add_pooled_in`]
    /// pools them elsewhere).
    pub fn add(&mut self, index: u32, name: &str, profile: &Profile, plan: &Totals) {
        let who = Who {
            name,
            code: "",
            intercommunality: profile.intercommunality.as_deref().unwrap_or(""),
        };
        self.add_pooled_in(index, &who, profile, plan, None);
    }

    /// [`Aggregate::add`], the collectivity named by `who`, the under-filled sessions pooled
    /// in `pooling_department` rather
    /// than in the profile's own department: an intercommunality pools with its member
    /// communes in the department holding most of its population
    /// ([`crate::geography::Geography::pooling_department`]). The demand stays counted in the
    /// profile's own department.
    pub fn add_pooled_in(
        &mut self,
        index: u32,
        who: &Who<'_>,
        profile: &Profile,
        plan: &Totals,
        pooling_department: Option<&str>,
    ) {
        self.profiles += 1;
        self.agents += plan.agents;
        self.elected_officials += u64::from(profile.elected_officials);
        self.days_used.0 += plan.days_used.0;
        self.days_available.0 += plan.days_available.0;
        self.days_unfunded.0 += plan.days_unfunded.0;
        let dept = self
            .departments
            .id(profile.department.as_deref().unwrap_or(NO_DEPARTMENT));
        let pool_dept = pooling_department.map_or(dept, |d| self.departments.id(d));
        let mut member = false;
        for y in &plan.years {
            for s in &y.sessions {
                let module = self.modules.id(s.module.as_str());
                let cell = Cell {
                    sessions: s.sessions,
                    underfilled: if s.pooling_candidate { s.sessions } else { 0 },
                    agents: s.agents,
                    days: s.days,
                    collectivities: 1,
                };
                self.cells
                    .entry((dept, module, y.year))
                    .or_default()
                    .add(&cell);
                if s.pooling_candidate {
                    self.underfilled
                        .entry((pool_dept, module, y.year))
                        .or_default()
                        .push(Underfilled {
                            collectivity: index,
                            agents: u32::try_from(s.agents).unwrap_or(u32::MAX),
                        });
                    member = true;
                }
            }
        }
        if member {
            let intercommunality = profile
                .intercommunality
                .as_deref()
                .map(|e| self.intercommunalities.id(e));
            self.members.push(Member {
                index,
                name: who.name.into(),
                code: who.code.into(),
                intercommunality,
                intercommunality_name: who.intercommunality.into(),
            });
        }
    }

    /// Merges another aggregate into this one (the larger one is kept as the base, so merging
    /// small aggregates into a big total costs in proportion to the small ones).
    pub fn merge(self, o: Aggregate) -> Aggregate {
        let (mut big, small) = if self.cells.len() >= o.cells.len() {
            (self, o)
        } else {
            (o, self)
        };
        big.profiles += small.profiles;
        big.agents += small.agents;
        big.elected_officials += small.elected_officials;
        big.days_used.0 += small.days_used.0;
        big.days_available.0 += small.days_available.0;
        big.days_unfunded.0 += small.days_unfunded.0;
        let modules = big.modules.translate(&small.modules);
        let depts = big.departments.translate(&small.departments);
        let epcis = big.intercommunalities.translate(&small.intercommunalities);
        let key = |(d, m, y): DeptKey| (depts[d as usize], modules[m as usize], y);
        for (k, c) in small.cells {
            big.cells.entry(key(k)).or_default().add(&c);
        }
        for (k, mut v) in small.underfilled {
            big.underfilled.entry(key(k)).or_default().append(&mut v);
        }
        // The index of members and the ranks of intercommunalities are built again by
        // `pool_groups`.
        big.member_at = Vec::new();
        big.epci_rank = Vec::new();
        big.members
            .extend(small.members.into_iter().map(|m| Member {
                intercommunality: m.intercommunality.map(|e| epcis[e as usize]),
                ..m
            }));
        big
    }

    /// National demand per (module, year), sorted by module id then year: the departmental
    /// cells added up (a collectivity is in one department, and has at most one line per
    /// module and year).
    pub fn national(&self) -> Vec<(ModuleId, u16, Cell)> {
        let mut national: FxHashMap<(u32, u16), Cell> = FxHashMap::default();
        for (&(_, m, y), c) in &self.cells {
            national.entry((m, y)).or_default().add(c);
        }
        let mut rows: Vec<(ModuleId, u16, Cell)> = national
            .into_iter()
            .map(|((m, y), c)| (ModuleId::new(self.modules.name(m)), y, c))
            .collect();
        rows.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
        rows
    }

    /// Departmental demand per (department, module, year), sorted by department code, module
    /// id and year.
    pub fn departments(&self) -> Vec<(&str, ModuleId, u16, Cell)> {
        let mut rows: Vec<(&str, ModuleId, u16, Cell)> = self
            .cells
            .iter()
            .map(|(&(d, m, y), c)| {
                (
                    self.departments.name(d),
                    ModuleId::new(self.modules.name(m)),
                    y,
                    *c,
                )
            })
            .collect();
        rows.sort_by(|a, b| (a.0, &a.1, a.2).cmp(&(b.0, &b.1, b.2)));
        rows
    }
}

/// One pooled session: the collectivities sharing it, by batch index (see [`Pooled::name`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PooledSession {
    /// Collectivities sharing it, with their agents, in the order of their names.
    pub collectivities: Vec<Underfilled>,
    /// Agents in all.
    pub agents: u64,
    /// Still under the module's minimum after pooling.
    pub underfilled: bool,
}

/// Pooling of one module in one year within one pooling department (an intercommunality's
/// members pool in the department holding most of its population, see
/// [`Aggregate::add_pooled_in`]): counts only (the sessions and
/// the collectivities that share them go to [`pool_each`]'s callback).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct PoolGroup {
    /// Department code.
    pub department: String,
    /// The module.
    pub module: ModuleId,
    /// Calendar year.
    pub year: u16,
    /// Minimum participants of the module.
    pub min_participants: u64,
    /// Maximum participants.
    pub max_participants: u64,
    /// Under-filled sessions without pooling (one per collectivity).
    pub sessions_without_pooling: u64,
    /// Sessions with pooling.
    pub sessions_with_pooling: u64,
    /// Sessions still under the minimum after pooling.
    pub still_underfilled: u64,
    /// Agents in the sessions still under the minimum.
    pub underfilled_agents: u64,
    /// Sessions shared by two collectivities or more.
    pub shared_sessions: u64,
    /// Collectivities with an under-filled session of this module in this year.
    pub collectivities: u64,
}

/// The pooling report: totals and per-group counts.
#[derive(Clone, Debug, Default, Serialize, JsonSchema)]
pub struct Pooling {
    /// Under-filled sessions without pooling.
    pub sessions_without_pooling: u64,
    /// Sessions with pooling.
    pub sessions_with_pooling: u64,
    /// Sessions still under the minimum after pooling.
    pub still_underfilled: u64,
    /// Sessions shared by two collectivities or more.
    pub shared_sessions: u64,
    /// Per department, module and year, sorted.
    pub groups: Vec<PoolGroup>,
}

/// Names of the collectivities of a pooling, by batch index.
#[derive(Clone, Copy, Debug)]
pub struct Pooled<'a> {
    agg: &'a Aggregate,
}

impl<'a> Pooled<'a> {
    /// The name of the collectivity at `index` in the batch (its index as text when unknown).
    pub fn name(&self, index: u32) -> std::borrow::Cow<'a, str> {
        match self.agg.member(index) {
            Some(m) => std::borrow::Cow::Borrowed(&m.name),
            None => std::borrow::Cow::Owned(index.to_string()),
        }
    }

    /// The INSEE code or SIREN of the collectivity at `index` (empty when unknown).
    pub fn code(&self, index: u32) -> &'a str {
        self.agg.member(index).map_or("", |m| &m.code)
    }

    /// The name of the intercommunality of the collectivity at `index` (empty when none).
    pub fn intercommunality(&self, index: u32) -> &'a str {
        self.agg
            .member(index)
            .map_or("", |m| &m.intercommunality_name)
    }
}

/// Entries in the order they fill sessions: largest first, then by batch index.
fn by_size(entries: &mut [Underfilled]) {
    entries.sort_by(|a, b| {
        b.agents
            .cmp(&a.agents)
            .then(a.collectivity.cmp(&b.collectivity))
    });
}

/// Balanced sessions: the entries' agents (largest entries first) into as few sessions of at
/// most `max` as they need, whose sizes differ by at most one (271 agents in sessions of 15:
/// 19 sessions of 14 or 15, never 18 of 15 and one of 1). A collectivity whose agents straddle
/// two sessions is in both, with its agents split between them.
fn balanced(mut entries: Vec<Underfilled>, max: u64) -> Vec<(u64, Vec<Underfilled>)> {
    by_size(&mut entries);
    let total: u64 = entries.iter().map(|e| u64::from(e.agents)).sum();
    if total == 0 {
        return Vec::new();
    }
    let k = total.div_ceil(max.max(1));
    let (base, extra) = (total / k, total % k);
    let mut out = Vec::with_capacity(k as usize);
    let mut rest = entries.into_iter().filter(|e| e.agents > 0);
    let mut current: Option<Underfilled> = None;
    for s in 0..k {
        let size = base + u64::from(s < extra);
        let mut bin = Vec::new();
        let mut left = size;
        while left > 0 {
            let Some(mut e) = current.take().or_else(|| rest.next()) else {
                break;
            };
            let n = u64::from(e.agents).min(left);
            bin.push(Underfilled {
                collectivity: e.collectivity,
                agents: n as u32,
            });
            left -= n;
            e.agents -= n as u32;
            if e.agents > 0 {
                current = Some(e);
            }
        }
        out.push((size - left, bin));
    }
    out
}

/// The pooling of one group's entries, each with its intercommunality (sorted by it, `None`
/// first: no intercommunality), in units of sessions: each intercommunality whose members
/// together reach the minimum `min` makes a unit; the members of the others and the
/// collectivities of none (the leftovers) make the department's unit when they reach the
/// minimum (or when there is no other unit). Else each leftover collectivity, largest first,
/// joins the unit that, with it, has the fewest agents per session without needing one more
/// session (ties: the first unit), and the leftovers no unit has room for make a unit of their
/// own. Every unit is then [`balanced`]: as few sessions of at most `max` as its agents need,
/// sizes within one of each other, whoever joined it.
fn units(
    by_epci: &[(Option<u32>, Underfilled)],
    min: u64,
    max: u64,
) -> Vec<Vec<(u64, Vec<Underfilled>)>> {
    let max = max.max(1);
    let agents = |g: &[Underfilled]| g.iter().map(|u| u64::from(u.agents)).sum::<u64>();
    let mut units: Vec<Vec<Underfilled>> = Vec::new();
    let mut leftovers: Vec<Underfilled> = Vec::new();
    for (epci, group) in &by_epci.iter().chunk_by(|(e, _)| *e) {
        let group: Vec<Underfilled> = group.map(|(_, u)| *u).collect();
        if epci.is_some() && agents(&group) >= min {
            units.push(group);
        } else {
            leftovers.extend(group);
        }
    }
    if agents(&leftovers) >= min || units.is_empty() {
        units.push(leftovers);
    } else {
        // (agents, sessions) of each unit, as leftovers join.
        let mut sizes: Vec<(u64, u64)> = units
            .iter()
            .map(|u| {
                let n = agents(u);
                (n, n.div_ceil(max))
            })
            .collect();
        by_size(&mut leftovers);
        let mut rest = Vec::new();
        for e in leftovers {
            let n = u64::from(e.agents);
            // Fewest agents per session once joined: (a + n) / k compared by
            // cross-multiplication, in u128 so that no product overflows.
            let best = sizes
                .iter()
                .enumerate()
                .filter(|&(_, &(a, k))| a + n <= k * max)
                .min_by(|&(i, &(a, k)), &(j, &(b, l))| {
                    (u128::from(a + n) * u128::from(l))
                        .cmp(&(u128::from(b + n) * u128::from(k)))
                        .then(i.cmp(&j))
                })
                .map(|(i, _)| i);
            match best {
                Some(i) => {
                    sizes[i].0 += n;
                    units[i].push(e);
                }
                None => rest.push(e),
            }
        }
        if !rest.is_empty() {
            units.push(rest);
        }
    }
    units.into_iter().map(|u| balanced(u, max)).collect()
}

/// Pools the under-filled sessions of an aggregate (see [`pool_each`]) and keeps the counts.
pub fn pool(data: &ReferenceData, agg: &mut Aggregate) -> Pooling {
    let r: Result<Pooling, std::convert::Infallible> = pool_each(data, agg, |_, _, _| Ok(()));
    r.unwrap_or_else(|e| match e {})
}

/// Pools the under-filled sessions of an aggregate, group after group ([`pool_groups`],
/// [`pool_group`]); `each` receives every group with its pooled sessions and the names, one
/// group at a time, so the detail never has to be held in memory all at once.
pub fn pool_each<E>(
    data: &ReferenceData,
    agg: &mut Aggregate,
    mut each: impl FnMut(&PoolGroup, &[PooledSession], Pooled<'_>) -> Result<(), E>,
) -> Result<Pooling, E> {
    let keys = pool_groups(agg);
    let mut out = Pooling::default();
    for key in keys {
        if let Some((group, sessions)) = pool_group(data, agg, key) {
            each(&group, &sessions, agg.names())?;
            out.push(group);
        }
    }
    Ok(out)
}

/// One group of under-filled sessions to pool: a department, a module, a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GroupKey(DeptKey);

/// The groups to pool, in the order of (department code, module id, year). Also sorts the
/// aggregate's collectivities, which [`pool_group`] and [`Aggregate::names`] need: call it
/// once all plans are added.
pub fn pool_groups(agg: &mut Aggregate) -> Vec<GroupKey> {
    agg.members.sort_by_key(|m| m.index);
    agg.members.dedup_by_key(|m| m.index);
    let end = agg.members.last().map_or(0, |m| m.index as usize + 1);
    agg.member_at = vec![NO_MEMBER; end];
    for (k, m) in agg.members.iter().enumerate() {
        agg.member_at[m.index as usize] = k as u32;
    }
    agg.epci_rank = epci_ranks(agg);
    let mut keys: Vec<(&str, &str, u16, DeptKey)> = agg
        .underfilled
        .keys()
        .map(|&(d, m, y)| (agg.departments.name(d), agg.modules.name(m), y, (d, m, y)))
        .collect();
    keys.sort_unstable();
    keys.into_iter().map(|k| GroupKey(k.3)).collect()
}

impl Pooling {
    /// Adds a group (after the previous ones) and its counts to the totals.
    pub fn push(&mut self, group: PoolGroup) {
        self.sessions_without_pooling += group.sessions_without_pooling;
        self.sessions_with_pooling += group.sessions_with_pooling;
        self.still_underfilled += group.still_underfilled;
        self.shared_sessions += group.shared_sessions;
        self.groups.push(group);
    }
}

impl Aggregate {
    /// The collectivity at batch index `index` among those with under-filled sessions (after
    /// [`pool_groups`]).
    fn member(&self, index: u32) -> Option<&Member> {
        match self.member_at.get(index as usize) {
            Some(&NO_MEMBER) => None,
            Some(&k) => self.members.get(k as usize),
            // Before `pool_groups` built the index (the members may not be sorted yet).
            None if self.member_at.is_empty() => self.members.iter().find(|m| m.index == index),
            None => None,
        }
    }

    /// The names of the collectivities, by batch index (after [`pool_groups`]).
    pub fn names(&self) -> Pooled<'_> {
        Pooled { agg: self }
    }
}

/// The rank of each intercommunality of `agg` (by interned id) in the order of their names.
fn epci_ranks(agg: &Aggregate) -> Vec<u32> {
    let mut by_name: Vec<u32> = (0..agg.intercommunalities.names.len() as u32).collect();
    by_name.sort_unstable_by_key(|&e| agg.intercommunalities.name(e));
    let mut rank = vec![0; by_name.len()];
    for (r, &e) in by_name.iter().enumerate() {
        rank[e as usize] = r as u32;
    }
    rank
}

/// Pools one group (after [`pool_groups`]) in units (see `units`): first within each intercommunality
/// whose members together reach the module's minimum, then within the department, each unit's
/// sessions balanced (sizes differing by at most one). Agents never move between years (a
/// group is one year). Deterministic (largest first, ties by batch index); the sessions come
/// sorted by the names of their collectivities. `None` when the module is not in the
/// catalogue. Groups are independent: they may be pooled in parallel.
pub fn pool_group(
    data: &ReferenceData,
    agg: &Aggregate,
    key: GroupKey,
) -> Option<(PoolGroup, Vec<PooledSession>)> {
    let names = agg.names();
    // A collectivity's intercommunality, as its rank in name order (names are distinct).
    let ranks = if agg.epci_rank.len() == agg.intercommunalities.names.len() {
        std::borrow::Cow::Borrowed(agg.epci_rank.as_slice())
    } else {
        std::borrow::Cow::Owned(epci_ranks(agg))
    };
    let epci = |i: u32| {
        agg.member(i)
            .and_then(|m| m.intercommunality)
            .map(|e| ranks[e as usize])
    };
    let (d, mi, year) = key.0;
    let dept = agg.departments.name(d);
    let module_id = ModuleId::new(agg.modules.name(mi));
    let m = data.module(&module_id)?;
    let entries = agg.underfilled.get(&key.0)?;
    let (min, max) = (
        u64::from(m.min_participants),
        u64::from(m.max_participants.max(1)),
    );
    // Per intercommunality, by its name (None first: no intercommunality).
    let mut by_epci: Vec<(Option<u32>, Underfilled)> =
        entries.iter().map(|e| (epci(e.collectivity), *e)).collect();
    by_epci.sort_unstable();
    let done: Vec<(u64, Vec<Underfilled>)> =
        units(&by_epci, min, max).into_iter().flatten().collect();
    type Names<'n> = Vec<(std::borrow::Cow<'n, str>, u32)>;
    let mut sessions: Vec<(Names<'_>, PooledSession)> = done
        .into_iter()
        .map(|(agents, mut bin)| {
            bin.sort_by_cached_key(|e| (names.name(e.collectivity), e.agents));
            let key = bin
                .iter()
                .map(|e| (names.name(e.collectivity), e.agents))
                .collect();
            (
                key,
                PooledSession {
                    collectivities: bin,
                    agents,
                    underfilled: agents < min,
                },
            )
        })
        .collect();
    sessions.sort_by(|a, b| a.0.cmp(&b.0));
    let sessions: Vec<PooledSession> = sessions.into_iter().map(|(_, s)| s).collect();
    let mut members: Vec<u32> = entries.iter().map(|e| e.collectivity).collect();
    members.sort_unstable();
    members.dedup();
    let group = PoolGroup {
        department: dept.to_owned(),
        module: module_id,
        year,
        min_participants: min,
        max_participants: max,
        sessions_without_pooling: entries.len() as u64,
        sessions_with_pooling: sessions.len() as u64,
        still_underfilled: sessions.iter().filter(|s| s.underfilled).count() as u64,
        underfilled_agents: sessions
            .iter()
            .filter(|s| s.underfilled)
            .map(|s| s.agents)
            .sum(),
        shared_sessions: sessions
            .iter()
            .filter(|s| s.collectivities.len() > 1)
            .count() as u64,
        collectivities: members.len() as u64,
    };
    Some((group, sessions))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(c: u32, n: u32) -> Underfilled {
        Underfilled {
            collectivity: c,
            agents: n,
        }
    }

    #[test]
    fn sessions_are_balanced_and_keep_every_agent() {
        // 19 collectivities of 14 and one of 5 (271 agents), sessions of at most 15: 19
        // sessions of 14 or 15, never 18 of 15 and one of 1.
        let mut entries: Vec<Underfilled> = (0..19).map(|c| u(c, 14)).collect();
        entries.push(u(19, 5));
        let bins = balanced(entries, 15);
        assert_eq!(bins.len(), 19);
        let sizes: Vec<u64> = bins.iter().map(|b| b.0).collect();
        assert!(sizes.iter().all(|&n| n == 14 || n == 15), "{sizes:?}");
        assert_eq!(sizes.iter().sum::<u64>(), 271);
        for (size, bin) in &bins {
            assert_eq!(*size, bin.iter().map(|e| u64::from(e.agents)).sum::<u64>());
        }
        // Each collectivity's agents, split or not, are all there.
        for c in 0..20 {
            let n: u32 = bins
                .iter()
                .flat_map(|b| &b.1)
                .filter(|e| e.collectivity == c)
                .map(|e| e.agents)
                .sum();
            assert_eq!(n, if c == 19 { 5 } else { 14 });
        }
        assert!(balanced(Vec::new(), 12).is_empty());
        let one = balanced(vec![u(0, 3), u(1, 2)], 12);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].0, 5);
    }

    /// Everything a pooling gives, with the names.
    fn pooled(data: &ReferenceData, agg: &mut Aggregate) -> Vec<(PoolGroup, Vec<Vec<String>>)> {
        let mut out = Vec::new();
        let r: Result<Pooling, ()> = pool_each(data, agg, |g, sessions, names| {
            let members = sessions
                .iter()
                .map(|s| {
                    s.collectivities
                        .iter()
                        .map(|c| format!("{} ({})", names.name(c.collectivity), c.agents))
                        .collect()
                })
                .collect();
            out.push((g.clone(), members));
            Ok(())
        });
        let totals = r.expect("no error");
        assert_eq!(
            totals.sessions_with_pooling,
            out.iter()
                .map(|(g, _)| g.sessions_with_pooling)
                .sum::<u64>()
        );
        out
    }

    #[test]
    fn merging_in_any_grouping_gives_the_same_demand_and_pooling() {
        let data = ReferenceData::embedded().expect("data");
        let graph = parcours_graph::Graph::new(&data);
        let planner = parcours_planner::planner::Planner::new(&graph);
        let plans: Vec<(Profile, Totals)> = (0..60)
            .map(|i| {
                let s = crate::synth::profile(7, 60, i, 2027);
                let p = planner.check(s.profile.clone()).expect("a valid profile");
                let totals = planner.totals(&p);
                // The batch's totals are the plan's.
                assert_eq!(totals, planner.plan(&p).totals());
                (s.profile, totals)
            })
            .collect();
        let add = |range: std::ops::Range<usize>| {
            let mut a = Aggregate::default();
            for i in range {
                a.add(i as u32, &format!("c{i}"), &plans[i].0, &plans[i].1);
            }
            a
        };
        let mut one = add(0..60);
        // Reversed order of the merges, uneven pieces.
        let mut pieces = add(41..60)
            .merge(add(20..41))
            .merge(add(0..7).merge(add(7..20)));
        assert_eq!(one.profiles, pieces.profiles);
        assert_eq!(one.national(), pieces.national());
        assert_eq!(one.departments(), pieces.departments());
        let a = pooled(&data, &mut one);
        assert!(
            !a.is_empty(),
            "small collectivities have under-filled sessions"
        );
        assert_eq!(a, pooled(&data, &mut pieces));
    }

    /// Entries with their intercommunality, sorted as [`pool_group`] gives them to [`units`].
    fn sorted(mut e: Vec<(Option<u32>, Underfilled)>) -> Vec<(Option<u32>, Underfilled)> {
        e.sort_unstable();
        e
    }

    #[test]
    fn leftovers_joining_an_intercommunality_keep_its_sessions_balanced() {
        // An intercommunality of 16 agents (sessions of at most 12: 8 + 8) and a commune of
        // none with 2 (under the minimum of 6): it joins, and the sessions are 9 + 9, not
        // 10 + 8.
        let e = sorted(vec![
            (Some(0), u(0, 9)),
            (Some(0), u(1, 7)),
            (None, u(2, 2)),
        ]);
        let one = units(&e, 6, 12);
        assert_eq!(one.len(), 1);
        let sizes: Vec<u64> = one[0].iter().map(|s| s.0).collect();
        assert_eq!(sizes, [9, 9]);
        // Two intercommunalities, 12 (one full session of 12: no room) and 14 (7 + 7): the
        // commune's 3 join the second, 9 + 8.
        let e = sorted(vec![
            (Some(0), u(0, 12)),
            (Some(1), u(1, 14)),
            (None, u(2, 3)),
        ]);
        let sizes: Vec<Vec<u64>> = units(&e, 6, 12)
            .iter()
            .map(|u| u.iter().map(|s| s.0).collect())
            .collect();
        assert_eq!(sizes, [vec![12], vec![9, 8]]);
        // No room anywhere: the leftovers make their own session, still under the minimum.
        let e = sorted(vec![(Some(0), u(0, 12)), (None, u(1, 3))]);
        let sizes: Vec<Vec<u64>> = units(&e, 6, 12)
            .iter()
            .map(|u| u.iter().map(|s| s.0).collect())
            .collect();
        assert_eq!(sizes, [vec![12], vec![3]]);
    }

    proptest::proptest! {
        /// Whatever the entries, intercommunalities, minimum and maximum: every agent is in
        /// exactly one session; each unit's sessions are as few as its agents need, at most
        /// the maximum, sizes within one of each other; an intercommunality reaching the
        /// minimum is whole in one unit, with no other such intercommunality.
        #[test]
        fn every_unit_is_balanced_and_keeps_every_agent(
            entries in proptest::collection::vec((proptest::option::of(0u32..5), 1u32..25), 1..40),
            min in 1u64..16,
            extra in 0u64..16,
        ) {
            let max = min + extra;
            let e = sorted(
                entries
                    .iter()
                    .enumerate()
                    .map(|(c, &(epci, n))| (epci, u(c as u32, n)))
                    .collect(),
            );
            let epci_of = |c: u32| e.iter().find(|x| x.1.collectivity == c).and_then(|x| x.0);
            let total_of = |k: Option<u32>| -> u64 {
                e.iter().filter(|x| x.0 == k).map(|x| u64::from(x.1.agents)).sum()
            };
            let pooled = units(&e, min, max);
            let mut kept = vec![0u64; e.len()];
            let mut whole: Vec<u32> = Vec::new();
            for unit in &pooled {
                let total: u64 = unit.iter().map(|s| s.0).sum();
                proptest::prop_assert_eq!(unit.len() as u64, total.div_ceil(max));
                let (lo, hi) = (
                    unit.iter().map(|s| s.0).min().unwrap_or(0),
                    unit.iter().map(|s| s.0).max().unwrap_or(0),
                );
                proptest::prop_assert!(hi - lo <= 1 && hi <= max, "{:?}", unit);
                let mut reaching: Vec<u32> = Vec::new();
                for (size, bin) in unit {
                    proptest::prop_assert_eq!(*size, bin.iter().map(|x| u64::from(x.agents)).sum::<u64>());
                    for x in bin {
                        kept[x.collectivity as usize] += u64::from(x.agents);
                        if let Some(k) = epci_of(x.collectivity).filter(|&k| total_of(Some(k)) >= min) {
                            reaching.push(k);
                        }
                    }
                }
                reaching.sort_unstable();
                reaching.dedup();
                proptest::prop_assert!(reaching.len() <= 1, "{:?}", reaching);
                if let Some(&k) = reaching.first() {
                    let here: u64 = unit
                        .iter()
                        .flat_map(|s| &s.1)
                        .filter(|x| epci_of(x.collectivity) == Some(k))
                        .map(|x| u64::from(x.agents))
                        .sum();
                    proptest::prop_assert_eq!(here, total_of(Some(k)));
                    whole.push(k);
                }
            }
            for x in &e {
                proptest::prop_assert_eq!(kept[x.1.collectivity as usize], u64::from(x.1.agents));
            }
            whole.sort_unstable();
            let before = whole.len();
            whole.dedup();
            proptest::prop_assert_eq!(before, whole.len());
        }
    }

    #[test]
    fn interned_ids_are_translated_on_merge() {
        let mut a = Interner::default();
        let mut b = Interner::default();
        assert_eq!((a.id("x"), a.id("y"), a.id("x")), (0, 1, 0));
        assert_eq!((b.id("y"), b.id("z")), (0, 1));
        assert_eq!(a.translate(&b), [1, 2]);
        assert_eq!(a.name(2), "z");
    }
}
