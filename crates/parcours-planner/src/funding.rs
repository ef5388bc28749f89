//! Funding channels and costs: which channel funds a plan's line (the decision table of
//! `docs/planning.md`, "Funding channels") and what it costs, at the reference data's prices
//! (`planning.ron`, `funding`) or the profile's own.
//!
//! Every cost is computed from the line's module and agents alone, in whole euros, so that a
//! year's cost is the sum of its lines' and the euro budget's repair ([`crate::euro_budget`])
//! computes the same figures as the plan.

use crate::plan::Days;
use crate::profile::{CollectivityKind, Profile};
use parcours_graph::ReferenceData;
use parcours_graph::model::Module;
use parcours_graph::vocab::Channel;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The prices a plan is costed at, and the profile's preference.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Prices {
    /// Euros per session-day of a tailor-made (*intra*) session.
    pub intra_per_session_day: u64,
    /// Euros per trainee-day at a paying body.
    pub paying_body_per_trainee_day: u64,
    /// Euros per agent of a self-training licence.
    pub licence_per_agent: u64,
    /// Groups that could fill an intra session go to CNFPT inter-collectivity sessions.
    pub prefer_inter: bool,
    /// Training hours in a day.
    pub hours_per_day: u64,
}

impl Prices {
    /// The prices of `profile`: its own where it gives them, else the reference data's.
    pub fn new(data: &ReferenceData, profile: &Profile) -> Prices {
        let f = &data.planning().funding;
        let own = &profile.funding;
        Prices {
            intra_per_session_day: u64::from(
                own.intra_per_session_day.unwrap_or(f.intra_per_session_day),
            ),
            paying_body_per_trainee_day: u64::from(
                profile
                    .budget
                    .cost_per_day
                    .unwrap_or(f.paying_body_per_trainee_day),
            ),
            licence_per_agent: u64::from(own.licence_per_agent.unwrap_or(f.licence_per_agent)),
            prefer_inter: own.prefer_inter,
            hours_per_day: u64::from(data.planning().hours_per_day.max(1)),
        }
    }

    /// The channel of a line of `agents` of the collectivity's agents taking module `m`,
    /// offered through `offered` ([`ReferenceData::channels`]): the decision table.
    ///
    /// 1. a self-training module: self-training;
    /// 2. a group that reaches the module's minimum: an intra session, unless the profile
    ///    prefers inter-collectivity sessions and the module has some;
    /// 3. a smaller group: places in a CNFPT inter-collectivity session;
    /// 4. a module without inter-collectivity sessions: an intra session if it has some;
    /// 5. a module offered by no other channel: a paying body.
    pub fn channel(&self, offered: &[Channel], m: &Module, agents: u64) -> Channel {
        let has = |c| offered.contains(&c);
        if has(Channel::SelfTraining) {
            Channel::SelfTraining
        } else if has(Channel::Intra)
            && agents >= u64::from(m.min_participants)
            && !(self.prefer_inter && has(Channel::Inter))
        {
            Channel::Intra
        } else if has(Channel::Inter) {
            Channel::Inter
        } else if has(Channel::Intra) {
            Channel::Intra
        } else {
            Channel::PayingBody
        }
    }

    /// The cost in euros of `agents` agents taking module `m` through `channel`:
    ///
    /// - inter-collectivity: 0 (paid by the CNFPT levy);
    /// - intra: sessions × session-days × price per session-day, sessions being
    ///   ⌈agents / maximum participants⌉ and session-days the module's hours / hours per day;
    /// - paying body: trainee-days × price per trainee-day (agents × hours / hours per day);
    /// - self-training: agents × licence per agent.
    ///
    /// Rounded once, to the nearest euro.
    pub fn cost(&self, channel: Channel, m: &Module, agents: u64) -> u64 {
        self.cost_in_sessions(channel, m, agents, default_sessions(m, agents))
    }

    /// The cost in euros of `agents` agents taking module `m` through `channel` in
    /// `sessions` sessions (an intra line's sessions follow its groups, [`crate::sessions`]).
    pub fn cost_in_sessions(
        &self,
        channel: Channel,
        m: &Module,
        agents: u64,
        sessions: u64,
    ) -> u64 {
        let hours = u128::from(m.hours);
        let hpd = u128::from(self.hours_per_day);
        let per_day = |units: u128, price: u64| {
            let num = units * hours * u128::from(price);
            u64::try_from((2 * num + hpd) / (2 * hpd)).unwrap_or(u64::MAX)
        };
        match channel {
            Channel::Inter => 0,
            Channel::Intra => per_day(u128::from(sessions), self.intra_per_session_day),
            Channel::PayingBody => per_day(u128::from(agents), self.paying_body_per_trainee_day),
            Channel::SelfTraining => agents.saturating_mul(self.licence_per_agent),
        }
    }

    /// The channel and cost of a line of `agents` agents taking module `m`, all in one
    /// session group.
    pub fn line(&self, data: &ReferenceData, m: &Module, agents: u64) -> (Channel, u64) {
        self.line_in_sessions(data, m, agents, default_sessions(m, agents))
    }

    /// The channel and cost of a line of `agents` agents taking module `m` in `sessions`
    /// sessions.
    pub fn line_in_sessions(
        &self,
        data: &ReferenceData,
        m: &Module,
        agents: u64,
        sessions: u64,
    ) -> (Channel, u64) {
        let channel = self.channel(data.channels(m), m, agents);
        (channel, self.cost_in_sessions(channel, m, agents, sessions))
    }
}

/// The sessions of `agents` agents of one group taking module `m`: ⌈agents / maximum⌉.
fn default_sessions(m: &Module, agents: u64) -> u64 {
    agents.div_ceil(u64::from(m.max_participants.max(1)))
}

/// Where the agents of a line below its module's minimum participants are trained: the rows
/// of the decision table that take such a line, read for the collectivity's kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum BelowMinimum {
    /// Row 3: places in a CNFPT inter-collectivity session, whatever the kind.
    InterPlaces,
    /// Row 4 for a commune, an intercommunality, a CCAS or another small employer: an intra
    /// session to share with neighbouring collectivities.
    PoolWithNeighbours,
    /// Row 4 for a département, a région, a SDIS or a centre de gestion, which have no
    /// neighbours to pool with in that sense: an intra session held below the minimum or
    /// opened to other employers of its territory.
    OpenToTerritory,
}

impl BelowMinimum {
    /// The case of a line funded through `channel` for a collectivity of `kind`, when its
    /// agents are fewer than the module's minimum: none for self-training (no minimum) and
    /// paying bodies (priced per trainee).
    pub fn of(kind: CollectivityKind, channel: Channel) -> Option<BelowMinimum> {
        match channel {
            Channel::Inter => Some(BelowMinimum::InterPlaces),
            Channel::Intra => Some(match kind {
                CollectivityKind::Department
                | CollectivityKind::Region
                | CollectivityKind::FireAndRescue
                | CollectivityKind::ManagementCentre => BelowMinimum::OpenToTerritory,
                CollectivityKind::Commune
                | CollectivityKind::Intercommunality
                | CollectivityKind::SocialActionCentre
                | CollectivityKind::Other => BelowMinimum::PoolWithNeighbours,
            }),
            Channel::PayingBody | Channel::SelfTraining => None,
        }
    }
}

/// The CNFPT levy a year on `payroll` euros at `basis_points` hundredths of a percent, to the
/// nearest euro.
pub fn levy(payroll: u64, basis_points: u32) -> u64 {
    let num = u128::from(payroll) * u128::from(basis_points);
    u64::try_from((num + 5_000) / 10_000).unwrap_or(u64::MAX)
}

/// What a set of lines adds up to for one channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct ChannelTotal {
    /// The channel (French label).
    #[serde(with = "crate::words::one")]
    #[schemars(with = "String")]
    pub channel: Channel,
    /// Lines funded through it.
    pub lines: u64,
    /// Agents on them (one agent may take several modules).
    pub agents: u64,
    /// Their trainee-days.
    pub days: Days,
    /// Their cost in euros.
    pub cost: u64,
}

/// The totals of every channel, in [`Channel::ALL`]'s order (each channel once, zero when no
/// line uses it).
pub fn by_channel<'a>(
    lines: impl Iterator<Item = (Channel, u64, Days, u64)> + 'a,
) -> Vec<ChannelTotal> {
    let mut out: Vec<ChannelTotal> = Channel::ALL
        .iter()
        .map(|&channel| ChannelTotal {
            channel,
            lines: 0,
            agents: 0,
            days: Days(0),
            cost: 0,
        })
        .collect();
    for (channel, agents, days, cost) in lines {
        if let Some(t) = out.iter_mut().find(|t| t.channel == channel) {
            t.lines += 1;
            t.agents += agents;
            t.days.0 += days.0;
            t.cost = t.cost.saturating_add(cost);
        }
    }
    out
}

/// The sum of several [`by_channel`] lists (each in [`Channel::ALL`]'s order).
pub fn add_channels<'a>(lists: impl Iterator<Item = &'a [ChannelTotal]>) -> Vec<ChannelTotal> {
    let mut out = by_channel(std::iter::empty());
    for list in lists {
        for (o, t) in out.iter_mut().zip(list) {
            o.lines += t.lines;
            o.agents += t.agents;
            o.days.0 += t.days.0;
            o.cost = o.cost.saturating_add(t.cost);
        }
    }
    out
}

/// The funding of a plan as it echoes it: the prices used, the euro budget, the payroll and
/// the CNFPT levy it pays.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct FundingSummary {
    /// The prices and preference the plan is costed with.
    pub prices: Prices,
    /// Euros a year for paid actions, when the profile gives a limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub euros_per_year: Option<u32>,
    /// The yearly payroll, when the profile gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payroll_euros: Option<u64>,
    /// The CNFPT levy, in hundredths of a percent of the payroll.
    pub levy_basis_points: u32,
    /// The CNFPT levy the payroll pays each year (informative: it funds the inter-collectivity
    /// sessions), when the payroll is given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub levy_per_year: Option<u64>,
}

impl FundingSummary {
    /// The funding of `profile`'s plan.
    pub fn new(data: &ReferenceData, profile: &Profile) -> FundingSummary {
        let bp = data.planning().funding.levy_basis_points;
        FundingSummary {
            prices: Prices::new(data, profile),
            euros_per_year: profile.budget.euros_per_year,
            payroll_euros: profile.funding.payroll_euros,
            levy_basis_points: bp,
            levy_per_year: profile.funding.payroll_euros.map(|p| levy(p, bp)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::{Budget, CollectivityKind};
    use parcours_graph::vocab::Modality;

    fn data() -> ReferenceData {
        ReferenceData::embedded().unwrap()
    }

    fn module(data: &ReferenceData, modality: Modality) -> Module {
        data.modules()
            .iter()
            .find(|m| m.modality == modality && m.channels.is_empty())
            .unwrap()
            .clone()
    }

    fn prices(prefer_inter: bool) -> Prices {
        Prices {
            intra_per_session_day: 1200,
            paying_body_per_trainee_day: 150,
            licence_per_agent: 10,
            prefer_inter,
            hours_per_day: 6,
        }
    }

    #[test]
    fn the_decision_table() {
        let data = data();
        let m = module(&data, Modality::InPerson);
        let min = u64::from(m.min_participants);
        let both = [Channel::Inter, Channel::Intra];
        let p = prices(false);
        assert_eq!(p.channel(&both, &m, min), Channel::Intra);
        assert_eq!(p.channel(&both, &m, min - 1), Channel::Inter);
        assert_eq!(prices(true).channel(&both, &m, min), Channel::Inter);
        assert_eq!(
            prices(true).channel(&[Channel::Intra], &m, min),
            Channel::Intra
        );
        assert_eq!(p.channel(&[Channel::Intra], &m, 1), Channel::Intra);
        assert_eq!(
            p.channel(&[Channel::Intra, Channel::PayingBody], &m, 1),
            Channel::Intra
        );
        assert_eq!(
            p.channel(&[Channel::PayingBody], &m, 100),
            Channel::PayingBody
        );
        let st = module(&data, Modality::SelfTraining);
        assert_eq!(
            p.channel(data.channels(&st), &st, 40),
            Channel::SelfTraining
        );
        // The default rule of planning.ron for the others.
        assert_eq!(data.channels(&m), &both);
    }

    #[test]
    fn below_the_minimum_by_kind() {
        use CollectivityKind::*;
        for kind in CollectivityKind::ALL {
            assert_eq!(
                BelowMinimum::of(kind, Channel::Inter),
                Some(BelowMinimum::InterPlaces)
            );
            assert_eq!(BelowMinimum::of(kind, Channel::SelfTraining), None);
            assert_eq!(BelowMinimum::of(kind, Channel::PayingBody), None);
        }
        // Four deputy directors general of a département: places in an inter session, or a
        // session of its own opened to its territory; never pooled with "neighbours".
        assert_eq!(
            BelowMinimum::of(Department, Channel::Intra),
            Some(BelowMinimum::OpenToTerritory)
        );
        assert_eq!(
            BelowMinimum::of(Region, Channel::Intra),
            Some(BelowMinimum::OpenToTerritory)
        );
        assert_eq!(
            BelowMinimum::of(Commune, Channel::Intra),
            Some(BelowMinimum::PoolWithNeighbours)
        );
    }

    #[test]
    fn costs_per_channel() {
        let data = data();
        let mut m = module(&data, Modality::InPerson);
        m.hours = 12;
        m.max_participants = 15;
        let p = prices(false);
        assert_eq!(p.cost(Channel::Inter, &m, 40), 0);
        // 3 sessions of 2 days at 1,200 €.
        assert_eq!(p.cost(Channel::Intra, &m, 31), 7_200);
        assert_eq!(p.cost(Channel::Intra, &m, 30), 4_800);
        // 40 agents × 2 days × 150 €.
        assert_eq!(p.cost(Channel::PayingBody, &m, 40), 12_000);
        assert_eq!(p.cost(Channel::SelfTraining, &m, 40), 400);
        // Half a day is priced as half a day: 3 h at 150 € a trainee-day, rounded once.
        m.hours = 3;
        assert_eq!(p.cost(Channel::PayingBody, &m, 1), 75);
        assert_eq!(p.cost(Channel::PayingBody, &m, 3), 225);
    }

    #[test]
    fn profile_prices_replace_the_reference_data() {
        let data = data();
        let mut profile = Profile::new("x", CollectivityKind::Commune, 2027, Budget::new(10, 5));
        let p = Prices::new(&data, &profile);
        let f = &data.planning().funding;
        assert_eq!(p.intra_per_session_day, u64::from(f.intra_per_session_day));
        assert_eq!(
            p.paying_body_per_trainee_day,
            u64::from(f.paying_body_per_trainee_day)
        );
        profile.budget.cost_per_day = Some(321);
        profile.funding.intra_per_session_day = Some(999);
        profile.funding.licence_per_agent = Some(7);
        profile.funding.prefer_inter = true;
        let p = Prices::new(&data, &profile);
        assert_eq!(
            (
                p.intra_per_session_day,
                p.paying_body_per_trainee_day,
                p.licence_per_agent,
                p.prefer_inter
            ),
            (999, 321, 7, true)
        );
    }

    #[test]
    fn levy_is_point_nine_percent_of_the_payroll() {
        assert_eq!(levy(3_000_000, 90), 27_000);
        assert_eq!(levy(1_234_567, 90), 11_111);
        assert_eq!(levy(0, 90), 0);
    }

    #[test]
    fn channel_totals_add_up() {
        let a = by_channel(
            [
                (Channel::Intra, 10, Days(20), 1200),
                (Channel::Inter, 2, Days(4), 0),
                (Channel::Intra, 8, Days(10), 600),
            ]
            .into_iter(),
        );
        assert_eq!(a.len(), 4);
        assert_eq!(a[1].channel, Channel::Intra);
        assert_eq!(
            (a[1].lines, a[1].agents, a[1].days, a[1].cost),
            (2, 18, Days(30), 1800)
        );
        assert_eq!(a[0].lines, 1);
        let sum = add_channels([a.as_slice(), a.as_slice()].into_iter());
        assert_eq!(sum[1].cost, 3600);
        assert_eq!(sum[3], by_channel(std::iter::empty())[3]);
    }
}
