//! Populations: the groups of agents a plan trains — each métier of the profile (reference or
//! custom), plus the elected officials and managers tracks — with their targets and their
//! current levels per competency (given by the profile, or defaulted from its maturity).

use crate::profile::{CurrentLevel, Profile};
use parcours_graph::ReferenceData;
use parcours_graph::concern::agent_audiences;
use parcours_graph::data::ResolvedTarget;
use parcours_graph::ids::{CompetencyId, GroupId, MetierId, ModuleId};
use parcours_graph::model::Shares;
use parcours_graph::vocab::{Audience, Category, Level};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Agents at each level: `[below socle, socle, approfondissement, expertise]`.
pub type Histogram = [u64; 4];

/// What a population is.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum PopulationKind {
    /// A métier of the reference data.
    Metier,
    /// A métier declared in the profile.
    CustomMetier,
    /// A track (elected officials, managers).
    Track,
}

/// A group of agents planned together.
#[derive(Clone, Debug)]
pub struct Population<'d> {
    /// Métier id or track id (borrowed from the reference data, owned for a métier the
    /// profile declares).
    pub id: Cow<'d, str>,
    /// French name.
    pub name: Cow<'d, str>,
    /// What it is.
    pub kind: PopulationKind,
    /// Number of people.
    pub headcount: u64,
    /// Categories of recommendation 23.
    pub categories: BTreeSet<Category>,
    /// Groups of recommendation 23.
    pub groups: Arc<BTreeSet<GroupId>>,
    /// Audiences it belongs to (its roles, and every agent; or the track's audience).
    pub audiences: BTreeSet<Audience>,
    /// Targets, by competency (shared with the reference data for reference métiers).
    pub targets: Arc<[ResolvedTarget]>,
    /// Modules already followed by these agents (the profile's and the staff line's).
    pub done: BTreeSet<ModuleId>,
    /// Whether its agents have a workstation (the profile's `without_workstation` says which
    /// métiers have none): without one, no self-training module.
    pub workstation: bool,
    /// The profile's current levels, by competency.
    given: BTreeMap<CompetencyId, CurrentLevel>,
}

/// Builds the populations of a (checked) profile, in a stable order: staff lines in profile
/// order, then the managers and elected officials tracks when their counts are positive.
pub fn populations<'d>(data: &'d ReferenceData, profile: &Profile) -> Vec<Population<'d>> {
    let mut out = Vec::new();
    for line in &profile.staff {
        let given: BTreeMap<CompetencyId, CurrentLevel> = line
            .levels
            .iter()
            .map(|l| (l.competency.clone(), l.clone()))
            .collect();
        let done: BTreeSet<ModuleId> = profile
            .done_modules
            .iter()
            .chain(&line.done_modules)
            .cloned()
            .collect();
        let current = data.current_metier_id(&line.metier);
        let workstation =
            !(profile.without_workstation.iter()).any(|w| data.current_metier_id(w) == current);
        if let Some(m) = data.metier(&line.metier) {
            let audiences = agent_audiences(&m.roles);
            out.push(Population {
                id: Cow::Borrowed(&m.id.0),
                name: Cow::Borrowed(&m.name),
                kind: PopulationKind::Metier,
                headcount: u64::from(line.headcount),
                categories: data.categories(&m.id),
                groups: data.groups_shared(&m.id),
                audiences,
                targets: data.targets_shared(&m.id),
                done,
                workstation,
                given,
            });
        } else if let Some(c) = profile.custom_metiers.iter().find(|c| c.id == line.metier) {
            let audiences = agent_audiences(&c.roles);
            let categories: BTreeSet<Category> = c.categories.iter().copied().collect();
            out.push(Population {
                id: Cow::Owned(c.id.0.clone()),
                name: Cow::Owned(c.name.clone()),
                kind: PopulationKind::CustomMetier,
                headcount: u64::from(line.headcount),
                targets: data
                    .resolve_targets(&c.targets, categories.contains(&Category::Sensitive))
                    .into(),
                categories,
                groups: Arc::new(c.groups.iter().cloned().collect()),
                audiences,
                done,
                workstation,
                given,
            });
        }
    }
    for (count, audience) in [
        (profile.managers, Audience::Managers),
        (profile.elected_officials, Audience::ElectedOfficials),
    ] {
        if count == 0 {
            continue;
        }
        if let Some((ti, t)) = data
            .planning()
            .tracks
            .iter()
            .enumerate()
            .find(|(_, t)| t.audience == audience)
        {
            out.push(Population {
                id: Cow::Borrowed(&t.id),
                name: Cow::Borrowed(&t.name),
                kind: PopulationKind::Track,
                headcount: u64::from(count),
                categories: BTreeSet::new(),
                groups: Arc::default(),
                audiences: [audience].into(),
                targets: data.track_targets_shared(ti),
                done: profile.done_modules.iter().cloned().collect(),
                workstation: true,
                given: BTreeMap::new(),
            });
        }
    }
    out
}

impl Population<'_> {
    /// Current agents per level in a competency: the profile's figure when it gives one, the
    /// maturity default otherwise; levels above the competency's range count as its top.
    pub fn histogram(
        &self,
        data: &ReferenceData,
        profile: &Profile,
        c: &CompetencyId,
    ) -> Histogram {
        let n = self.headcount;
        if let Some(CurrentLevel {
            counts: Some(k), ..
        }) = self.given.get(c)
        {
            let h = k.as_array().map(u64::from);
            if h.iter().sum::<u64>() == n {
                return self.finish(data, c, h);
            }
        }
        // Measured agents at their levels, the others at the maturity's.
        if let Some(CurrentLevel {
            measured: Some(k), ..
        }) = self.given.get(c)
        {
            let mut h = k.as_array().map(u64::from);
            let measured: u64 = h.iter().sum();
            if measured <= n {
                let rest = apportion(n - measured, self.maturity_shares(data, profile, c));
                for (a, b) in h.iter_mut().zip(rest) {
                    *a += b;
                }
                return self.finish(data, c, h);
            }
        }
        let shares: [u32; 4] = match self.given.get(c) {
            Some(CurrentLevel { level: Some(l), .. }) => one_level(Some(*l)),
            Some(CurrentLevel { pix: Some(p), .. }) => one_level(data.level_of_pix(*p)),
            Some(CurrentLevel {
                shares: Some(s), ..
            }) => s.as_array(),
            _ => self.maturity_shares(data, profile, c),
        };
        self.finish(data, c, apportion(n, shares))
    }

    /// The agents measured in any one competency (the most over the competencies): those
    /// whose current levels were measured rather than estimated.
    pub fn measured_agents(&self) -> u64 {
        self.given
            .values()
            .filter_map(|l| l.measured)
            .map(|k| k.as_array().iter().map(|n| u64::from(*n)).sum::<u64>())
            .max()
            .unwrap_or(0)
            .min(self.headcount)
    }

    /// The shares of the profile's maturity stage in competency `c`.
    fn maturity_shares(
        &self,
        data: &ReferenceData,
        profile: &Profile,
        c: &CompetencyId,
    ) -> [u32; 4] {
        let (core, specific) = data
            .maturity_shares(profile.maturity)
            .unwrap_or((Shares::default(), Shares::default()));
        let s = if data.is_core(c) { core } else { specific };
        let a = s.as_array();
        if a.iter().sum::<u32>() == 0 {
            [100, 0, 0, 0]
        } else {
            a
        }
    }

    /// Whether every current level of the population comes from the maturity defaults: the
    /// profile gives none and no module is done. Its histogram in a competency then only
    /// depends on whether the competency is core and on its highest level.
    pub fn levels_by_default(&self) -> bool {
        self.given.is_empty() && self.done.is_empty()
    }

    fn finish(&self, data: &ReferenceData, c: &CompetencyId, mut h: Histogram) -> Histogram {
        let comp = data.competency(c);
        if let Some(comp) = comp {
            let top = usize::from(comp.max.rank());
            for k in top + 1..4 {
                h[top] += h[k];
                h[k] = 0;
            }
        }
        // Modules already followed lift everyone below their level to it.
        let done = self
            .done
            .iter()
            .filter_map(|m| data.module(m))
            .filter(|m| &m.competency == c)
            .map(|m| usize::from(m.level.rank()))
            .max();
        if let Some(d) = done {
            for k in 0..d {
                h[d] += h[k];
                h[k] = 0;
            }
        }
        h
    }
}

fn one_level(l: Option<Level>) -> [u32; 4] {
    let mut a = [0; 4];
    a[l.map_or(0, |l| usize::from(l.rank()))] = 100;
    a
}

/// Splits `n` agents by percentages with the largest-remainder method (ties to the lower
/// level), so the parts are whole and add up to `n`.
pub fn apportion(n: u64, shares: [u32; 4]) -> Histogram {
    let total: u64 = shares.iter().map(|s| u64::from(*s)).sum::<u64>().max(1);
    let mut h = [0u64; 4];
    let mut rem = [(0u64, 0usize); 4];
    for k in 0..4 {
        let exact = n * u64::from(shares[k]);
        h[k] = exact / total;
        rem[k] = (exact % total, k);
    }
    let mut left = n - h.iter().sum::<u64>().min(n);
    rem.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, k) in rem {
        if left == 0 {
            break;
        }
        h[k] += 1;
        left -= 1;
    }
    h
}

/// Splits `n` by integer weights with the largest-remainder method (ties to the lower index):
/// whole parts adding up to `n`.
pub fn apportion_weights(n: u64, weights: &[u64]) -> Vec<u64> {
    let total: u64 = weights.iter().sum::<u64>().max(1);
    let mut parts: Vec<u64> = weights.iter().map(|w| n * w / total).collect();
    let mut rem: Vec<(u64, usize)> = weights
        .iter()
        .enumerate()
        .map(|(k, w)| (n * w % total, k))
        .collect();
    rem.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut left = n - parts.iter().sum::<u64>().min(n);
    for (_, k) in rem {
        if left == 0 {
            break;
        }
        parts[k] += 1;
        left -= 1;
    }
    parts
}

/// Agents strictly below level rank `l` (1 = socle).
pub fn below(h: &Histogram, l: u8) -> u64 {
    h.iter().take(usize::from(l)).sum()
}

/// A population's categories as bits, bit `k` for `Category::ALL[k]`: what the scores, the
/// year plans' lines and the indicators read for every item, computed once per population.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct CategoryMask(u8);

impl CategoryMask {
    /// The mask of a set of categories.
    pub(crate) fn of(categories: &BTreeSet<Category>) -> CategoryMask {
        CategoryMask(categories.iter().fold(0, |m, c| m | Self::bit(*c)))
    }

    fn bit(c: Category) -> u8 {
        1 << Category::ALL.iter().position(|a| *a == c).unwrap_or(0)
    }

    /// In category `c`.
    pub(crate) fn contains(self, c: Category) -> bool {
        self.0 & Self::bit(c) != 0
    }

    /// In no category.
    pub(crate) fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The categories of either mask.
    pub(crate) fn union(self, o: CategoryMask) -> CategoryMask {
        CategoryMask(self.0 | o.0)
    }

    /// Its categories, in `Category::ALL` order (a sorted set's).
    pub(crate) fn iter(self) -> impl Iterator<Item = Category> {
        Category::ALL.into_iter().filter(move |c| self.contains(*c))
    }
}

/// The reference métier of a population, if it is one.
pub fn metier_id(p: &Population) -> Option<MetierId> {
    (p.kind == PopulationKind::Metier).then(|| MetierId::new(p.id.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_masks_hold_their_sets() {
        let all: Vec<BTreeSet<Category>> = (0..1u8 << Category::ALL.len())
            .map(|bits| {
                Category::ALL
                    .into_iter()
                    .enumerate()
                    .filter(|(k, _)| bits & 1 << k != 0)
                    .map(|(_, c)| c)
                    .collect()
            })
            .collect();
        for a in &all {
            let m = CategoryMask::of(a);
            assert_eq!(m.iter().collect::<BTreeSet<_>>(), *a);
            assert_eq!(m.is_empty(), a.is_empty());
            for b in &all {
                let u: BTreeSet<Category> = a.union(b).copied().collect();
                assert_eq!(m.union(CategoryMask::of(b)), CategoryMask::of(&u));
            }
        }
    }

    #[test]
    fn measured_levels_leave_the_others_to_the_maturity() {
        use crate::profile::{Budget, CollectivityKind, StaffLine};
        use parcours_graph::ids::MetierId;
        let data = ReferenceData::embedded().expect("data");
        let mut p = Profile::new("t", CollectivityKind::Other, 2027, Budget::new(10, 5));
        let c = CompetencyId::new("pix-1-1");
        let mut line = StaffLine::new(MetierId::new("atsem"), 10);
        let counts = Shares {
            none: 0,
            socle: 4,
            approfondissement: 2,
            expertise: 0,
        };
        line.levels.push(CurrentLevel::measured(c.clone(), counts));
        p.staff.push(line);
        let pops = populations(&data, &p);
        assert_eq!(pops[0].measured_agents(), 6);
        let h = pops[0].histogram(&data, &p, &c);
        assert_eq!(h.iter().sum::<u64>(), 10);
        // The 4 agents not measured are at the maturity's levels, the 6 measured at theirs.
        let rest = apportion(4, pops[0].maturity_shares(&data, &p, &c));
        assert_eq!(h, [rest[0], 4 + rest[1], 2 + rest[2], rest[3]]);
    }

    #[test]
    fn apportion_is_exact() {
        assert_eq!(apportion(10, [30, 55, 15, 0]), [3, 6, 1, 0]);
        assert_eq!(apportion(1, [30, 55, 15, 0]), [0, 1, 0, 0]);
        assert_eq!(apportion(0, [50, 50, 0, 0]), [0, 0, 0, 0]);
        for n in 0..50 {
            assert_eq!(apportion(n, [33, 33, 33, 1]).iter().sum::<u64>(), n);
        }
    }
}
