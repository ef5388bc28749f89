//! What the planner's integration tests share: the shipped reference data, its graph and a
//! planner, each built once per test binary.

#![allow(dead_code)]

use parcours_graph::{Graph, ReferenceData};
use parcours_planner::check::CheckedProfile;
use parcours_planner::options::PlanOptions;
use parcours_planner::planner::Planner;
use parcours_planner::profile::Profile;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The shipped reference data.
pub fn data() -> &'static ReferenceData {
    static DATA: OnceLock<ReferenceData> = OnceLock::new();
    DATA.get_or_init(|| ReferenceData::embedded().expect("shipped data validates"))
}

/// Its graph.
pub fn graph() -> &'static Graph<'static> {
    static GRAPH: OnceLock<Graph<'static>> = OnceLock::new();
    GRAPH.get_or_init(|| Graph::new(data()))
}

/// A planner on it.
pub fn planner() -> &'static Planner<'static, 'static> {
    static P: OnceLock<Planner<'static, 'static>> = OnceLock::new();
    P.get_or_init(|| Planner::new(graph()))
}

/// `p` checked against the shipped data, with `options` applied (both must hold).
pub fn checked(p: &Profile, options: &PlanOptions) -> CheckedProfile {
    CheckedProfile::new(p.clone(), data())
        .expect("a valid profile")
        .with_options(options)
        .expect("valid options")
}

/// The five example profiles (`examples/profiles/*.ron`), checked: (file name, profile).
pub fn examples() -> Vec<(&'static str, CheckedProfile)> {
    use parcours_import::formats::{self, Format};
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/profiles/");
    [
        "commune-rurale.ron",
        "intercommunalite.ron",
        "ville-40000.ron",
        "departement.ron",
        "region.ron",
    ]
    .into_iter()
    .map(|name| {
        let text = std::fs::read_to_string(format!("{dir}{name}")).expect("example profile");
        let p = formats::load(data(), name, &text, Format::Ron).expect("a valid example");
        (name, p)
    })
    .collect()
}

/// A commune's profile: `lines` maps a métier's position in the reference data to its
/// headcount; `maturity` is a position in [`Maturity::ALL`].
pub fn profile(
    lines: BTreeMap<usize, u32>,
    maturity: usize,
    days: u32,
    cap: u32,
    horizon: u16,
    managers: u32,
    elected: u32,
) -> Profile {
    use parcours_graph::ids::MetierId;
    use parcours_graph::vocab::Maturity;
    use parcours_planner::profile::{Budget, CollectivityKind, StaffLine};
    let d = data();
    let mut p = Profile::new(
        "Test",
        CollectivityKind::Commune,
        2027,
        Budget::new(days, cap),
    );
    p.maturity = Maturity::ALL[maturity];
    p.staff = lines
        .into_iter()
        .map(|(i, n)| {
            StaffLine::new(
                MetierId::new(d.metiers()[i % d.metiers().len()].id.as_str()),
                n,
            )
        })
        .collect();
    // The managers are agents of the staff lines: never more than all of them (an error).
    let agents: u64 = p.staff.iter().map(|s| u64::from(s.headcount)).sum();
    p.managers = if agents == 0 {
        managers
    } else {
        managers.min(u32::try_from(agents).unwrap_or(u32::MAX))
    };
    p.elected_officials = elected;
    p.horizon = horizon;
    p
}
