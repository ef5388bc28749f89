//! What a batch run keeps of its plans for its reports (`batch --region`, `--department`,
//! `--module`, `--modality`, `--year`): the collectivities of some departments, and the
//! session lines of a module, a modality or a year.

use parcours_graph::ReferenceData;
use parcours_graph::ids::ModuleId;
use parcours_graph::vocab::Modality;
use parcours_planner::plan::{Days, Totals};
use parcours_planner::profile::Profile;
use std::collections::BTreeSet;

/// A batch run's filter; the default keeps everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// The departments whose collectivities are kept (by code; `None`: all).
    pub departments: Option<BTreeSet<String>>,
    /// The module whose lines are kept.
    pub module: Option<ModuleId>,
    /// The modality whose lines are kept.
    pub modality: Option<Modality>,
    /// The year whose lines are kept.
    pub year: Option<u16>,
}

impl Filter {
    /// Whether the filter keeps every line (it may still keep only some departments).
    pub fn keeps_every_line(&self) -> bool {
        self.module.is_none() && self.modality.is_none() && self.year.is_none()
    }

    /// Whether it keeps the collectivity of `profile` (by its department).
    pub fn keeps(&self, profile: &Profile) -> bool {
        self.departments.as_ref().is_none_or(|set| {
            profile
                .department
                .as_deref()
                .is_some_and(|d| set.contains(d))
        })
    }

    /// The lines of `totals` it keeps (years left without lines are dropped); the days and
    /// costs used become those of the kept lines. The days available stay the profile's.
    pub fn apply<'d>(&self, data: &ReferenceData, mut totals: Totals<'d>) -> Totals<'d> {
        if self.keeps_every_line() {
            return totals;
        }
        let modality = |m: &ModuleId| data.module(m).map(|m| m.modality);
        totals
            .years
            .retain(|y| self.year.is_none_or(|k| k == y.year));
        for y in &mut totals.years {
            y.sessions.retain(|s| {
                self.module.as_ref().is_none_or(|m| m == s.module)
                    && self.modality.is_none_or(|k| modality(s.module) == Some(k))
            });
        }
        totals.years.retain(|y| !y.sessions.is_empty());
        let lines = || totals.years.iter().flat_map(|y| &y.sessions);
        totals.days_used = Days(lines().map(|s| s.days.0).sum());
        let cost: u64 = lines().map(|s| s.cost).sum();
        totals.cost = totals.cost.map(|_| cost);
        let mut by_channel = [0; 4];
        for s in lines() {
            if let Some(k) = parcours_graph::vocab::Channel::ALL
                .iter()
                .position(|c| *c == s.channel)
            {
                by_channel[k] += s.cost;
            }
        }
        totals.cost_by_channel = by_channel;
        totals
    }

    /// The filter in words, for the reports (`None` when it keeps everything).
    pub fn describe(&self) -> Option<String> {
        let mut parts = Vec::new();
        if let Some(d) = &self.departments {
            let list: Vec<&str> = d.iter().map(String::as_str).collect();
            parts.push(format!(
                "département{} {}",
                if list.len() > 1 { "s" } else { "" },
                list.join(", ")
            ));
        }
        if let Some(m) = &self.module {
            parts.push(format!("module {m}"));
        }
        if let Some(m) = self.modality {
            parts.push(format!("modalité {}", m.label()));
        }
        if let Some(y) = self.year {
            parts.push(format!("année {y}"));
        }
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parcours_planner::planner::Planner;

    #[test]
    fn lines_of_a_year_and_modality_only_and_their_days() {
        let data = ReferenceData::embedded().expect("data");
        let graph = parcours_graph::Graph::new(&data);
        let planner = Planner::new(&graph);
        let s = crate::synth::profile(9, 40, 3, 2027);
        let p = planner.check(s.profile.clone()).expect("a valid profile");
        let all = planner.totals(&p);
        assert_eq!(Filter::default().apply(&data, all.clone()), all);
        let f = Filter {
            modality: Some(Modality::SelfTraining),
            year: Some(2027),
            ..Filter::default()
        };
        let kept = f.apply(&data, all.clone());
        assert!(kept.years.iter().all(|y| y.year == 2027));
        let lines: Vec<_> = kept.years.iter().flat_map(|y| &y.sessions).collect();
        assert!(
            lines
                .iter()
                .all(|l| data.module(l.module).unwrap().modality == Modality::SelfTraining)
        );
        assert_eq!(
            kept.days_used.0,
            lines.iter().map(|l| l.days.0).sum::<u64>()
        );
        assert!(kept.days_used <= all.days_used);
        assert_eq!(kept.days_available, all.days_available);
        assert_eq!(
            f.describe().as_deref(),
            Some("modalité autoformation, année 2027")
        );
        let place = Filter {
            departments: Some(["35".to_owned()].into()),
            ..Filter::default()
        };
        let mut q = s.profile.clone();
        q.department = Some("35".into());
        assert!(place.keeps(&q));
        q.department = Some("22".into());
        assert!(!place.keeps(&q));
    }
}
