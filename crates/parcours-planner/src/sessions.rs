//! Session composition: which agents of a plan line sit together. The profile may give groups
//! of métiers (`session_groups`, a directorate's say); a session gathers agents of one group,
//! every métier the groups do not name forming one more group, and each track (managers,
//! elected officials) one of its own. The sessions of one module, group and year are balanced — their
//! sizes differ by at most one — and a group below the module's minimum merges with the other
//! such groups first, then, if they still do not reach it, into the smallest group that does.

use crate::population::{Population, PopulationKind};
use crate::profile::Profile;
use parcours_graph::ReferenceData;
use parcours_graph::model::Module;
use parcours_graph::vocab::Modality;
use smallvec::SmallVec;
use std::collections::BTreeMap;

/// The name of the group of the métiers no group names, when the profile gives groups.
pub const OTHERS: &str = "autres métiers";

/// The session group of each population of a plan.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Grouping {
    /// The groups' names: the profile's groups in its order, then [`OTHERS`] and the tracks'
    /// names when it gives some; empty when it gives none (one group for all).
    pub names: Vec<String>,
    /// The group of each population, an index into `names` (0 for all without groups).
    pub of_population: Vec<usize>,
}

impl Grouping {
    /// The groups of `profile` for its populations `pops` (a former métier id names the
    /// same métier as its current one).
    pub fn new(data: &ReferenceData, profile: &Profile, pops: &[Population]) -> Grouping {
        if profile.session_groups.is_empty() {
            return Grouping {
                names: Vec::new(),
                of_population: vec![0; pops.len()],
            };
        }
        let current = |id: &str| -> String {
            data.metier(&parcours_graph::ids::MetierId::from(id))
                .map_or_else(|| id.to_owned(), |m| m.id.0.clone())
        };
        let mut of_metier: BTreeMap<String, usize> = BTreeMap::new();
        for (g, group) in profile.session_groups.iter().enumerate() {
            for m in &group.metiers {
                of_metier.entry(current(m.as_str())).or_insert(g);
            }
        }
        let others = profile.session_groups.len();
        let mut names: Vec<String> = profile
            .session_groups
            .iter()
            .map(|g| g.name.clone())
            .collect();
        names.push(OTHERS.to_owned());
        let of_population = pops
            .iter()
            .map(|p| {
                if p.kind == PopulationKind::Track {
                    // Each track (managers, elected officials) is a group of its own.
                    names.push(p.name.to_string());
                    names.len() - 1
                } else {
                    of_metier.get(&current(&p.id)).copied().unwrap_or(others)
                }
            })
            .collect();
        Grouping {
            names,
            of_population,
        }
    }

    /// How many groups there are (at least one).
    pub fn len(&self) -> usize {
        self.names.len().max(1)
    }

    /// Never: there is always one group.
    pub fn is_empty(&self) -> bool {
        false
    }
}

/// Agents who sit together: one group's, or several merged below the minimum, and the sizes
/// of their sessions (balanced, largest first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// The groups gathered, by index, in increasing order.
    pub groups: SmallVec<[usize; 2]>,
    /// The size of each session, largest first; they differ by at most one.
    pub sizes: Vec<u64>,
}

/// `agents` split into the fewest sessions of at most `max`, their sizes differing by at most
/// one, largest first (none for no agent).
pub fn balanced(agents: u64, max: u64) -> Vec<u64> {
    if agents == 0 {
        return Vec::new();
    }
    let k = agents.div_ceil(max.max(1));
    let (base, extra) = (agents / k, agents % k);
    (0..k).map(|i| base + u64::from(i < extra)).collect()
}

/// The sessions of a line whose agents are `per_group[g]` in each group `g`, for a module
/// taking `min` to `max` participants: each group reaching `min` on its own sessions; the
/// groups below it merged together, on their own sessions if they reach `min` together, else
/// with the smallest group reaching it, else (no group reaches it) all together. Units in
/// the order of their first group.
pub fn compose(per_group: &[u64], min: u64, max: u64) -> Vec<Unit> {
    let present = || per_group.iter().enumerate().filter(|(_, n)| **n > 0);
    let small: SmallVec<[usize; 2]> = present().filter(|(_, n)| **n < min).map(|p| p.0).collect();
    let pooled: u64 = small.iter().map(|&g| per_group[g]).sum();
    let mut units: Vec<(SmallVec<[usize; 2]>, u64)> = present()
        .filter(|(_, n)| **n >= min)
        .map(|(g, &n)| (SmallVec::from_slice(&[g]), n))
        .collect();
    if !small.is_empty() {
        let host = units
            .iter()
            .enumerate()
            .min_by_key(|(k, u)| (u.1, *k))
            .map(|(k, _)| k);
        match host {
            Some(k) if pooled < min => {
                let u = &mut units[k];
                u.0.extend(small.iter().copied());
                u.0.sort_unstable();
                u.1 += pooled;
            }
            _ => units.push((small, pooled)),
        }
    }
    units.sort_by_key(|u| u.0[0]);
    units
        .into_iter()
        .map(|(groups, n)| Unit {
            groups,
            sizes: balanced(n, max),
        })
        .collect()
}

/// The units of module `m`'s line whose agents are `per_group[g]` in each group `g`
/// ([`compose`]); none for self-training, which each agent follows alone.
pub fn units_of(m: &Module, per_group: &[u64]) -> Vec<Unit> {
    if m.modality == Modality::SelfTraining {
        return Vec::new();
    }
    compose(
        per_group,
        u64::from(m.min_participants),
        u64::from(m.max_participants.max(1)),
    )
}

/// How many sessions `units` hold.
pub fn count(units: &[Unit]) -> u64 {
    units.iter().map(|u| u.sizes.len() as u64).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes(units: &[Unit]) -> Vec<Vec<u64>> {
        units.iter().map(|u| u.sizes.clone()).collect()
    }

    #[test]
    fn sessions_are_balanced() {
        // Never 15 + 15 + 1.
        assert_eq!(balanced(31, 15), vec![11, 10, 10]);
        assert_eq!(balanced(30, 15), vec![15, 15]);
        assert_eq!(balanced(16, 15), vec![8, 8]);
        assert_eq!(balanced(7, 15), vec![7]);
        assert_eq!(balanced(0, 15), Vec::<u64>::new());
        for n in 1..200 {
            let s = balanced(n, 12);
            assert_eq!(s.iter().sum::<u64>(), n);
            assert_eq!(s.len() as u64, n.div_ceil(12));
            assert!(s.iter().max().unwrap() - s.iter().min().unwrap() <= 1);
            assert!(s.iter().all(|&x| x <= 12));
        }
    }

    #[test]
    fn groups_keep_apart_and_small_ones_merge_first() {
        // Roads 31, collèges 20, a management controller alone.
        let u = compose(&[31, 20, 1], 8, 15);
        assert_eq!(u.len(), 2);
        assert_eq!(u[0].groups.as_slice(), &[0]);
        assert_eq!(u[0].sizes, vec![11, 10, 10]);
        // The controller joins the smallest group that fills its sessions.
        assert_eq!(u[1].groups.as_slice(), &[1, 2]);
        assert_eq!(u[1].sizes, vec![11, 10]);
        // Small groups that reach the minimum together sit together.
        let u = compose(&[40, 5, 4], 8, 15);
        assert_eq!(sizes(&u), vec![vec![14, 13, 13], vec![9]]);
        assert_eq!(u[1].groups.as_slice(), &[1, 2]);
        // No group reaches it: all together.
        let u = compose(&[3, 0, 2], 8, 15);
        assert_eq!(u.len(), 1);
        assert_eq!(
            (u[0].groups.as_slice(), &u[0].sizes[..]),
            (&[0, 2][..], &[5][..])
        );
        // One group: the plain balanced split.
        assert_eq!(sizes(&compose(&[31], 8, 15)), vec![vec![11, 10, 10]]);
        assert!(compose(&[0, 0], 8, 15).is_empty());
    }

    #[test]
    fn every_agent_sits_once() {
        let mut rng = crate::rng::SplitMix::new(7, 0);
        for _ in 0..500 {
            let groups: Vec<u64> = (0..rng.range(1, 6)).map(|_| rng.range(0, 39)).collect();
            let units = compose(&groups, 6, 12);
            let total: u64 = units.iter().flat_map(|u| &u.sizes).sum();
            assert_eq!(total, groups.iter().sum::<u64>());
            let mut seen: Vec<usize> = units.iter().flat_map(|u| u.groups.clone()).collect();
            seen.sort_unstable();
            let present: Vec<usize> = (0..groups.len()).filter(|&g| groups[g] > 0).collect();
            assert_eq!(seen, present);
            for u in &units {
                let (hi, lo) = (u.sizes.iter().max().unwrap(), u.sizes.iter().min().unwrap());
                assert!(hi - lo <= 1 && *hi <= 12);
            }
        }
    }
}
