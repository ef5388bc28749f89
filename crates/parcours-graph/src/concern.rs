//! Which recommendations concern whom — the one definition of the rule, used for a reference
//! métier (the graph's queries, `show`, the reports) as for a métier declared in a profile or a
//! track of managers or elected officials (the planner).
//!
//! A recommendation concerns a party when it targets a group of recommendation 23 the party
//! belongs to, addresses an audience the party is part of (a role it holds, or every agent), or
//! develops a competency the party requires.

use crate::data::ResolvedTarget;
use crate::ids::GroupId;
use crate::model::{Metier, Reading};
use crate::vocab::Audience;
use crate::{ReferenceData, graph::Reason};
use std::collections::BTreeSet;

/// Who a recommendation may concern, by what the rule reads of it.
#[derive(Clone, Copy, Debug)]
pub struct Party<'a> {
    /// The groups of recommendation 23 it belongs to.
    pub groups: &'a BTreeSet<GroupId>,
    /// The audiences it is part of: the roles it holds, and [`Audience::AllAgents`] for agents.
    pub audiences: &'a BTreeSet<Audience>,
    /// The competencies it requires, with their levels.
    pub targets: &'a [ResolvedTarget],
}

/// Why `reading` concerns `party`, lazily, in the rule's order (groups, audiences,
/// competencies): none when it does not concern it. `reasons(..).next().is_some()` is the
/// question "does it concern it".
pub fn reasons<'a>(reading: &'a Reading, party: Party<'a>) -> impl Iterator<Item = Reason> + 'a {
    let groups = reading
        .groups
        .iter()
        .filter(move |g| party.groups.contains(*g))
        .map(|g| Reason::Group(g.clone()));
    let audiences = reading
        .audiences
        .iter()
        .filter(move |a| party.audiences.contains(*a))
        .map(|a| match a {
            Audience::AllAgents => Reason::AllAgents,
            other => Reason::Role(*other),
        });
    let competencies = reading
        .develops
        .iter()
        .filter(move |d| party.targets.iter().any(|t| t.competency == d.competency))
        .map(|d| Reason::Competency(d.competency.clone()));
    groups.chain(audiences).chain(competencies)
}

/// The audiences of an agent holding `roles`: the roles, and every agent.
pub fn agent_audiences(roles: &[Audience]) -> BTreeSet<Audience> {
    let mut audiences: BTreeSet<Audience> = roles.iter().copied().collect();
    audiences.insert(Audience::AllAgents);
    audiences
}

impl ReferenceData {
    /// Why `reading` concerns the reference métier `m` (see [`reasons`]).
    pub fn metier_reasons(&self, reading: &Reading, m: &Metier) -> Vec<Reason> {
        let groups = self.groups_shared(&m.id);
        let audiences = agent_audiences(&m.roles);
        let targets = self.targets_shared(&m.id);
        let party = Party {
            groups: &groups,
            audiences: &audiences,
            targets: &targets,
        };
        reasons(reading, party).collect()
    }
}
