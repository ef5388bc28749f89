//! A memoized planner, as batch runs use, plans as a plain one.

use parcours_batch::{Memoized, synth};
use parcours_graph::{Graph, ReferenceData};
use parcours_planner::check::CheckedProfile;
use parcours_planner::options::{Detail, PlanOptions};
use parcours_planner::planner::Planner;
use parcours_planner::profile::Profile;
use std::sync::OnceLock;

fn graph() -> &'static Graph<'static> {
    static DATA: OnceLock<ReferenceData> = OnceLock::new();
    static GRAPH: OnceLock<Graph<'static>> = OnceLock::new();
    GRAPH.get_or_init(|| {
        Graph::new(DATA.get_or_init(|| ReferenceData::embedded().expect("shipped data validates")))
    })
}

fn planner() -> Planner<'static, 'static> {
    Planner::new(graph())
}

fn checked(p: &Profile, options: &PlanOptions) -> CheckedProfile {
    CheckedProfile::new(p.clone(), graph().data())
        .expect("a valid profile")
        .with_options(options)
        .expect("valid options")
}

/// A memoized planner (as batch runs use) gives the same plans, byte for byte, as a plain
/// one, and does reuse schedules: synthetic communes often share a staff structure and budget.
#[test]
fn the_memo_of_schedules_changes_no_plan() {
    let memoized = Memoized::new(graph());
    for detail in [Detail::Schedule, Detail::Full] {
        let options = PlanOptions::default();
        for index in 0..300 {
            let p = synth::profile(1, 36_000, index, 2027).profile;
            let plain = serde_json::to_string(&planner().plan_with(&checked(&p, &options), detail))
                .expect("json");
            let memo = serde_json::to_string(
                &memoized.planner().plan_with(&checked(&p, &options), detail),
            )
            .expect("json");
            assert_eq!(plain, memo, "synthetic profile {index}");
        }
    }
    let stats = memoized.memo_stats();
    assert_eq!(stats.hits + stats.misses, 600);
    assert!(stats.hits >= 250, "{stats:?}");
}

/// A memoized planner's totals (what batch runs add up) are a plain planner's: for a profile
/// met again under another name, place and price (taken from the memo, priced at its own
/// cost), and for profiles that differ in one planning input, a budget or an option (planned
/// for themselves).
#[test]
fn the_memo_of_totals_changes_no_totals() {
    let memoized = Memoized::new(graph());
    let options = PlanOptions::default();
    for index in 0..300 {
        let p = synth::profile(1, 36_000, index, 2027).profile;
        let mut twin = p.clone();
        twin.name = format!("{} (homonyme)", p.name);
        twin.population = Some(12);
        twin.commune = Some("2A004".into());
        twin.department = Some("2A".into());
        twin.intercommunality = None;
        twin.budget.cost_per_day = Some(p.budget.cost_per_day.unwrap_or(0) + 37);
        let mut richer = p.clone();
        richer.budget.days_per_year += 1;
        for q in [&p, &twin, &richer] {
            assert_eq!(
                memoized.totals(&checked(q, &options)),
                planner().totals(&checked(q, &options)),
                "synthetic profile {index}"
            );
        }
        let more = PlanOptions {
            budget_days: Some(p.budget.days_per_year + 1),
            horizon: None,
        };
        assert_eq!(
            memoized.totals(&checked(&p, &more)),
            planner().totals(&checked(&richer, &options)),
            "synthetic profile {index}, one more day by option"
        );
    }
    let stats = memoized.totals_memo_stats();
    assert_eq!(stats.hits + stats.misses, 1200);
    // Every twin at least was found.
    assert!(stats.hits >= 300, "{stats:?}");
    assert!(
        stats.entries as u64 <= stats.misses && stats.bytes > 0,
        "{stats:?}"
    );
    memoized.clear_memo();
    let cleared = memoized.totals_memo_stats();
    assert_eq!((cleared.entries, cleared.bytes), (0, 0));
    assert_eq!(cleared.hits, stats.hits);
}

/// Prices enter the memo of totals as cost depends on them: a profile met again at other
/// prices (its own intra price, paying-body price, licence, preference for inter sessions)
/// gets its own channels and costs; with a euro budget, where prices decide which agents are
/// funded, profiles at other prices are planned for themselves and a twin at the same prices
/// is still found.
#[test]
fn the_memo_of_totals_prices_each_profile() {
    let memoized = Memoized::new(graph());
    let options = PlanOptions::default();
    let mut repriced = 0;
    for index in 0..120 {
        let p = synth::profile(1, 36_000, index, 2027).profile;
        let mut dearer = p.clone();
        dearer.name.push_str(" (bis)");
        dearer.budget.cost_per_day = Some(p.budget.cost_per_day.unwrap_or(150) * 3);
        dearer.funding.intra_per_session_day = Some(2_500);
        dearer.funding.licence_per_agent = Some(12);
        let mut inter = p.clone();
        inter.funding.prefer_inter = true;
        let mut capped = p.clone();
        capped.budget.euros_per_year = Some(500);
        let mut capped_dearer = capped.clone();
        capped_dearer.funding.intra_per_session_day = Some(5_000);
        capped_dearer.budget.cost_per_day = Some(400);
        let mut capped_twin = capped.clone();
        capped_twin.name.push_str(" (ter)");
        for q in [&p, &dearer, &inter, &capped, &capped_dearer, &capped_twin] {
            let memo = memoized.totals(&checked(q, &options));
            let plain = planner().totals(&checked(q, &options));
            assert_eq!(memo, plain, "synthetic profile {index}");
            if let Some(e) = q.budget.euros_per_year {
                for y in &plain.years {
                    assert!(y.sessions.iter().map(|s| s.cost).sum::<u64>() <= u64::from(e));
                }
            }
        }
        if planner().totals(&checked(&dearer, &options)).cost
            != planner().totals(&checked(&p, &options)).cost
        {
            repriced += 1;
        }
    }
    // The prices change the costs of most communes: the test would not see a stale price
    // otherwise.
    assert!(repriced >= 60, "{repriced}");
    let stats = memoized.totals_memo_stats();
    // The dearer, inter and capped twins of the profiles small enough to keep were found in
    // the memo (three per such profile; most synthetic communes are).
    assert!(stats.hits >= 2 * 120, "{stats:?}");
}

/// The statutory section and the digital share change the plan: they are part of the memo's
/// key, so a profile that differs from one met before only by them is planned for itself (its
/// totals are a plain planner's), never given the other's totals.
#[test]
fn the_memo_of_totals_keys_the_statutory_reserve_and_the_digital_share() {
    use parcours_planner::profile::{PerGrade, Statutory};
    let memoized = Memoized::new(graph());
    let options = PlanOptions::default();
    let mut differed = 0;
    for index in 0..120 {
        let p = synth::profile(1, 36_000, index, 2027).profile;
        let staff: u32 = p.staff.iter().map(|l| l.headcount).sum();
        if p.budget.days_per_year < 4 || staff == 0 {
            continue;
        }
        let mut reserved = p.clone();
        reserved.statutory = Some(Statutory::days(p.budget.days_per_year / 2));
        let mut counted = p.clone();
        counted.statutory = Some(Statutory::counts(PerGrade::new(0, 0, 0), 0, staff.min(5)));
        let mut shared = p.clone();
        shared.budget.digital_share_percent = Some(40);
        let plain = memoized.totals(&checked(&p, &options));
        for q in [&reserved, &counted, &shared] {
            let totals = memoized.totals(&checked(q, &options));
            assert_eq!(
                totals,
                planner().totals(&checked(q, &options)),
                "synthetic profile {index}"
            );
            if totals != plain {
                differed += 1;
            }
        }
        // Met again under another name, the reserved profile is found in the memo.
        let mut twin = reserved.clone();
        twin.name = format!("{} (homonyme)", p.name);
        assert_eq!(
            memoized.totals(&checked(&twin, &options)),
            planner().totals(&checked(&reserved, &options))
        );
    }
    // Half the budget reserved or 40 % of it for the digital plan: most plans change.
    assert!(differed >= 100, "{differed}");
}
