//! `synth` and `batch`, end to end: a few hundred synthetic profiles and a broken one, results
//! equal whatever the number of threads, and pooled sessions counted by hand.

use crate::common::*;
use serde_json::Value;

/// Runs `parcours` and expects success (progress messages go to stderr).
fn run(args: &[&str]) {
    let o = parcours(args);
    assert!(
        o.status.success(),
        "parcours {args:?} failed:\n{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("panicked"));
}

/// The arguments of `parcours batch PROFILES --out OUT --jobs JOBS`.
fn batch_args<'a>(
    profiles: &'a std::path::Path,
    out: &'a std::path::Path,
    jobs: &'a str,
) -> [&'a str; 6] {
    [
        "batch",
        profiles.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--jobs",
        jobs,
    ]
}

/// Runs `parcours batch PROFILES --out OUT --jobs JOBS` and expects success.
fn batch(profiles: &std::path::Path, out: &std::path::Path, jobs: &str) {
    run(&batch_args(profiles, out, jobs));
}

fn read(p: &std::path::Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn synth_then_batch_is_deterministic_and_reports_bad_profiles() {
    let dir = tempfile::tempdir().unwrap();
    let profiles = dir.path().join("profiles");
    run(&[
        "synth",
        "--count",
        "240",
        "--seed",
        "11",
        "--out",
        profiles.to_str().unwrap(),
    ]);
    let files: Vec<_> = std::fs::read_dir(&profiles).unwrap().collect();
    assert_eq!(files.len(), 240);
    // Same seed, same profiles.
    let again = dir.path().join("again");
    run(&[
        "synth",
        "--count",
        "240",
        "--seed",
        "11",
        "--out",
        again.to_str().unwrap(),
    ]);
    for e in std::fs::read_dir(&profiles).unwrap() {
        let p = e.unwrap().path();
        assert_eq!(
            read(&p),
            read(&again.join(p.file_name().unwrap())),
            "{}",
            p.display()
        );
    }
    // One broken profile among them.
    write(
        &profiles,
        "99999-broken.ron",
        "(name: \"Cassé\", kind: Commune, first_year: 2027, staff: [(metier: \"inconnu\", headcount: 3)], budget: (days_per_year: 5, max_days_per_agent: 2))",
    );
    let out1 = dir.path().join("out1");
    let out2 = dir.path().join("out2");
    for (out, jobs) in [(&out1, "1"), (&out2, "2")] {
        let o = parcours(&batch_args(&profiles, out, jobs));
        assert_eq!(
            o.status.code(),
            Some(2),
            "a failed profile makes the run fail"
        );
        let err = stderr(&o);
        assert!(
            err.contains("99999-broken.ron") && err.contains("métier `inconnu` inconnu"),
            "{err}"
        );
        assert!(
            err.contains("240 profils planifiés sur 241 (1 en échec)"),
            "{err}"
        );
    }
    for file in [
        "plans.jsonl",
        "national-demand.json",
        "national-demand.md",
        "national-demand.csv",
        "departmental-demand.csv",
        "pooling.csv",
        "national-demand.html",
        "national-demand.xlsx",
        "summary.json",
    ] {
        assert_eq!(
            read(&out1.join(file)),
            read(&out2.join(file)),
            "{file} differs between --jobs 1 and 2"
        );
    }
    let summary: Value = serde_json::from_slice(&read(&out1.join("summary.json"))).unwrap();
    assert_eq!(
        (summary["planned"].as_u64(), summary["failed"].as_u64()),
        (Some(240), Some(1))
    );
    assert!(
        summary["failures"][0]["file"]
            .as_str()
            .unwrap()
            .ends_with("99999-broken.ron")
    );
    let lines = String::from_utf8(read(&out1.join("plans.jsonl"))).unwrap();
    assert_eq!(lines.lines().count(), 240);
    // National demand = the sum of the plans.
    let demand: Value = serde_json::from_slice(&read(&out1.join("national-demand.json"))).unwrap();
    let mut days = 0.0;
    let mut sessions = 0u64;
    for l in lines.lines() {
        let v: Value = serde_json::from_str(l).unwrap();
        for s in v["sessions"].as_array().unwrap() {
            sessions += s[3].as_u64().unwrap();
            days += s[4].as_f64().unwrap();
        }
    }
    let national_sessions: u64 = demand["national"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["sessions"].as_u64().unwrap())
        .sum();
    assert_eq!(sessions, national_sessions);
    assert!(
        (days - demand["days_used"].as_f64().unwrap()).abs() < 0.5,
        "{days} vs {}",
        demand["days_used"]
    );
    // CSV format too.
    let out3 = dir.path().join("out3");
    let o = parcours(&[
        "batch",
        profiles.to_str().unwrap(),
        "--out",
        out3.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let csv = String::from_utf8(read(&out3.join("sessions.csv"))).unwrap();
    assert!(csv.starts_with(
        "fichier,collectivité,département,annee,module,agents,sessions,jours,canal,coût\n"
    ));
    // Every row names its funding channel.
    let channels = [
        "inter-collectivités CNFPT",
        "intra",
        "organisme payant",
        "autoformation",
    ];
    assert!(
        csv.lines()
            .skip(1)
            .all(|l| channels.iter().any(|c| l.contains(&format!(",{c},"))))
    );
}

/// The sessions of `pooling.csv` (one row per session and collectivity), one row per session
/// in file order: department, module, year, session number, agents, under the minimum, and
/// the collectivities sharing it as `name (agents) ; …`.
fn pooled_sessions(bytes: &[u8]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    for r in csv::Reader::from_reader(bytes).records() {
        let r = r.unwrap();
        let member = format!("{} ({})", &r[6], &r[9]);
        match out.last_mut() {
            Some(last) if (0..4).all(|k| last[k] == r[k]) => {
                last[6] = format!("{} ; {member}", last[6]);
            }
            _ => {
                let mut row: Vec<String> = r.iter().take(6).map(str::to_owned).collect();
                row.push(member);
                out.push(row);
            }
        }
    }
    out
}

/// The departments of a demand report's departmental rows.
fn departments_of(demand: &Value) -> std::collections::BTreeSet<&str> {
    demand["departments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["department"].as_str().unwrap())
        .collect()
}

/// A temporary directory holding `count` synthetic profiles (seed 1) in its folder `profiles`.
fn synthetic(count: u32) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let profiles = dir.path().join("profiles");
    run(&[
        "synth",
        "--count",
        &count.to_string(),
        "--out",
        profiles.to_str().unwrap(),
    ]);
    (dir, profiles)
}

/// A temporary directory holding a folder `p` of the given profiles (file name, text).
fn profile_dir(files: &[(&str, String)]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let profiles = dir.path().join("p");
    std::fs::create_dir(&profiles).unwrap();
    for (f, text) in files {
        write(&profiles, f, text);
    }
    (dir, profiles)
}

/// A commune named `name` of `dept` in intercommunality `epci`, with three agents.
fn commune(name: &str, dept: &str, epci: &str) -> String {
    format!(
        "(name: \"{name}\", kind: Commune, department: \"{dept}\", intercommunality: \"{epci}\", first_year: 2027, maturity: Initial,\n staff: [(metier: \"charge-accueil\", headcount: 3)],\n budget: (days_per_year: 500, max_days_per_agent: 20))\n"
    )
}

#[test]
fn pooled_sessions_can_be_counted_by_hand() {
    // Three communes of department 35 (two in one intercommunality, one in another) and one of
    // department 22, each with the same three agents and the same plan: every under-filled
    // line of a module in a year has 3 agents in each commune.
    let (dir, profiles) = profile_dir(&[
        ("a.ron", commune("a", "35", "epci-1")),
        ("b.ron", commune("b", "35", "epci-1")),
        ("c.ron", commune("c", "35", "epci-2")),
        ("d.ron", commune("d", "22", "epci-9")),
    ]);
    let out = dir.path().join("out");
    batch(&profiles, &out, "2");
    let demand: Value = serde_json::from_slice(&read(&out.join("national-demand.json"))).unwrap();
    assert_eq!(demand["schema_version"], 4);
    assert_eq!(demand["pooling_detail"], "pooling.csv");
    let groups = demand["pooling"]["groups"].as_array().unwrap();
    assert!(
        !groups.is_empty(),
        "the communes have under-filled sessions"
    );
    // pooling.csv: one row per pooled session and collectivity sharing it.
    let bytes = read(&out.join("pooling.csv"));
    let mut reader = csv::Reader::from_reader(&bytes[..]);
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "département",
            "module",
            "annee",
            "session",
            "agents_session",
            "sous_le_minimum",
            "collectivité",
            "code",
            "intercommunalité",
            "agents"
        ]
    );
    let rows = pooled_sessions(&bytes);
    let sessions_of = |g: &Value| -> Vec<&Vec<String>> {
        rows.iter()
            .filter(|r| {
                r[0] == g["department"].as_str().unwrap()
                    && r[1] == g["module"].as_str().unwrap()
                    && r[2].parse::<u64>().ok() == g["year"].as_u64()
            })
            .collect()
    };
    let mut shared = 0;
    for g in groups {
        let (min, max) = (
            g["min_participants"].as_u64().unwrap(),
            g["max_participants"].as_u64().unwrap(),
        );
        let sessions = sessions_of(g);
        assert_eq!(
            sessions.len() as u64,
            g["sessions_with_pooling"].as_u64().unwrap(),
            "{g}"
        );
        assert_eq!(
            sessions.iter().filter(|r| r[5] == "oui").count() as u64,
            g["still_underfilled"].as_u64().unwrap(),
            "{g}"
        );
        shared += sessions.iter().filter(|r| r[6].contains(" ; ")).count() as u64;
        match g["department"].as_str().unwrap() {
            "35" => {
                // 3 under-filled sessions of 3 agents; epci-1 pools 6 (still under the minimum
                // when min > 6), then the department pools what is left: 9 agents fit in one
                // session when max >= 9.
                assert_eq!(g["sessions_without_pooling"], 3);
                assert_eq!(g["collectivities"], 3);
                let expected_sessions = if max >= 9 {
                    1
                } else if max >= 6 {
                    2
                } else {
                    3
                };
                assert_eq!(
                    g["sessions_with_pooling"].as_u64().unwrap(),
                    expected_sessions,
                    "{g}"
                );
                if max >= 9 {
                    let s = sessions[0];
                    assert_eq!(s[3], "1");
                    assert_eq!(s[4], "9");
                    assert_eq!(s[5], if 9 < min { "oui" } else { "non" });
                    assert_eq!(s[6], "a (3) ; b (3) ; c (3)");
                    assert_eq!(g["shared_sessions"], 1);
                } else if max >= 6 {
                    // epci-1 shares one session; c is on its own.
                    let members: Vec<&str> = sessions.iter().map(|r| r[6].as_str()).collect();
                    assert_eq!(members, ["a (3) ; b (3)", "c (3)"], "{g}");
                }
            }
            "22" => {
                assert_eq!(g["sessions_without_pooling"], 1);
                assert_eq!(g["sessions_with_pooling"], 1);
                assert_eq!(g["shared_sessions"], 0);
                assert_eq!(sessions[0][4], "3");
                assert_eq!(sessions[0][6], "d (3)");
            }
            other => panic!("unexpected department {other}"),
        }
    }
    assert_eq!(
        rows.len() as u64,
        groups
            .iter()
            .map(|g| g["sessions_with_pooling"].as_u64().unwrap())
            .sum::<u64>()
    );
    let p = &demand["pooling"];
    assert_eq!(p["shared_sessions"].as_u64().unwrap(), shared);
    assert!(
        p["sessions_with_pooling"].as_u64().unwrap()
            < p["sessions_without_pooling"].as_u64().unwrap()
    );
    // A small batch: Markdown and HTML name the collectivities of the shared sessions.
    let md = String::from_utf8(read(&out.join("national-demand.md"))).unwrap();
    assert!(md.contains("pooling.csv"), "{md}");
    let html = String::from_utf8(read(&out.join("national-demand.html"))).unwrap();
    assert!(html.contains("pooling.csv"));
    if shared > 0 {
        assert!(md.contains("a (3) ; b (3)"), "{md}");
        assert!(html.contains("a (3) ; b (3)"));
    }
}

#[test]
fn batch_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let o = parcours(&[
        "batch",
        "/no/such/dir",
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let o = parcours(&[
        "batch",
        empty.to_str().unwrap(),
        "--out",
        dir.path().join("o").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("aucun profil"));
    let o = parcours(&[
        "synth",
        "--count",
        "0",
        "--out",
        dir.path().join("s").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    // More profiles than the map has employers.
    let o = parcours(&[
        "synth",
        "--count",
        "1000000",
        "--out",
        dir.path().join("s").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("employeurs"), "{}", stderr(&o));
}

/// A commune of four agents, named, placed and priced as given, with `days` of budget.
fn twin(name: &str, dept: &str, cost: u32, days: u32) -> String {
    format!(
        "(name: \"{name}\", kind: Commune, department: \"{dept}\", first_year: 2027, maturity: Initial,\n staff: [(metier: \"charge-accueil\", headcount: 12), (metier: \"secretaire-de-mairie\", headcount: 1)],\n budget: (days_per_year: {days}, max_days_per_agent: 5, cost_per_day: {cost}),\n funding: (intra_per_session_day: {intra}))\n",
        intra = cost * 8
    )
}

/// Batch runs plan a profile once for all the profiles equal to it but for their name,
/// place and price: each still gets its own plan, the one `parcours plan` gives it alone
/// (days, cost at its own price, sessions), whatever the number of threads.
#[test]
fn twins_in_a_batch_each_get_their_own_plan() {
    let files = [
        ("a.ron", twin("Alpha", "35", 150, 60)),
        ("b.ron", twin("Beta", "22", 230, 60)),
        ("c.ron", twin("Gamma", "2A", 90, 60)),
        // The same but for one more day of budget: a plan of its own.
        ("d.ron", twin("Delta", "35", 150, 61)),
    ];
    let (dir, profiles) = profile_dir(&files);
    let mut outputs = Vec::new();
    for jobs in ["1", "2"] {
        let out = dir.path().join(format!("out-{jobs}"));
        batch(&profiles, &out, jobs);
        outputs.push(read(&out.join("plans.jsonl")));
    }
    assert_eq!(outputs[0], outputs[1], "the same lines on 1 and 2 threads");
    let lines: Vec<Value> = std::str::from_utf8(&outputs[0])
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), files.len());
    let mut costs = Vec::new();
    for ((file, text), line) in files.iter().zip(&lines) {
        let path = write(dir.path(), file, text);
        let o = parcours(&["plan", path.to_str().unwrap(), "--format", "json"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let plan: Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(line["name"], plan["profile"]["name"], "{file}");
        assert_eq!(line["department"], plan["profile"]["department"], "{file}");
        for k in ["days_used", "days_available", "days_unfunded", "cost"] {
            assert_eq!(line[k], plan["indicators"][k], "{file}: {k}");
        }
        let sessions: Vec<Value> = plan["years"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|y| {
                y["sessions"].as_array().unwrap().iter().map(move |s| {
                    serde_json::json!([
                        y["year"],
                        s["module"],
                        s["agents"],
                        s["sessions"],
                        s["days"],
                        s["channel"],
                        s["cost"]
                    ])
                })
            })
            .collect();
        assert!(!sessions.is_empty(), "{file}: something is scheduled");
        assert_eq!(line["sessions"], Value::Array(sessions), "{file}");
        costs.push(line["cost"].as_u64().unwrap());
    }
    // Same days for the three twins, each priced at its own prices (intra sessions here).
    assert_eq!(lines[0]["days_used"], lines[1]["days_used"]);
    assert_eq!(lines[0]["days_used"], lines[2]["days_used"]);
    assert!(costs[0] != costs[1] && costs[1] != costs[2], "{costs:?}");
    assert_ne!(lines[3]["days_available"], lines[0]["days_available"]);
}

/// A profile file over the 64 MB limit (sparse: it takes no disk) is refused before it is
/// read, by `batch` (the other profiles still planned, the failure counted) and by `plan`.
#[test]
fn oversized_profiles_are_refused_without_being_read() {
    let (_dir, profiles) = profile_dir(&[("a.ron", commune("a", "35", "epci-a"))]);
    let huge = profiles.join("b-huge.ron");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(64_000_001)
        .unwrap();
    let out = profiles.parent().unwrap().join("out");
    let o = parcours(&batch_args(&profiles, &out, "2"));
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("b-huge.ron") && err.contains("le fichier dépasse 64 Mo"),
        "{err}"
    );
    assert!(
        err.contains("1 profil planifié sur 2 (1 en échec)"),
        "{err}"
    );
    let summary: Value = serde_json::from_slice(&read(&out.join("summary.json"))).unwrap();
    assert_eq!(summary["failed"], 1);
    assert!(
        summary["failures"][0]["file"]
            .as_str()
            .unwrap()
            .ends_with("b-huge.ron")
    );
    let o = parcours(&["plan", huge.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("le fichier dépasse 64 Mo"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("panicked"));
}

#[test]
fn an_intercommunality_pools_in_the_department_holding_most_of_its_population() {
    // The Métropole du Grand Paris (SIREN 200054781) spans Paris and its inner ring; Paris
    // holds most of its population. Its communes of the Hauts-de-Seine pool in Paris; a
    // commune of the Hauts-de-Seine in no intercommunality pools in its own department.
    let alone = "(name: \"c\", kind: Commune, department: \"92\", first_year: 2027, maturity: Initial,\n staff: [(metier: \"charge-accueil\", headcount: 3)],\n budget: (days_per_year: 500, max_days_per_agent: 20))\n";
    let (dir, profiles) = profile_dir(&[
        ("a.ron", commune("a", "92", "200054781")),
        ("b.ron", commune("b", "75", "200054781")),
        ("c.ron", alone.to_owned()),
    ]);
    let out = dir.path().join("out");
    batch(&profiles, &out, "2");
    let rows = pooled_sessions(&read(&out.join("pooling.csv")));
    assert!(!rows.is_empty());
    for r in &rows {
        let (department, members) = (&r[0], &r[6]);
        if members.contains("a (") || members.contains("b (") {
            assert_eq!(department, "75", "{r:?}");
            assert!(!members.contains("c ("), "{r:?}");
        } else {
            assert_eq!(department, "92", "{r:?}");
            assert!(members.contains("c ("), "{r:?}");
        }
    }
    assert!(
        rows.iter()
            .any(|r| r[6].contains("a (") && r[6].contains("b (")),
        "the two members share sessions: {rows:?}"
    );
    // The demand stays in each commune's own department.
    let departments = String::from_utf8(read(&out.join("departmental-demand.csv"))).unwrap();
    assert!(
        departments.lines().any(|l| l.starts_with("92,")),
        "{departments}"
    );
}

/// The numbers of a Markdown table's column, by its header.
fn md_column(md: &str, after: &str, header: &str) -> Vec<u64> {
    let table: Vec<&str> = md
        .split(after)
        .nth(1)
        .unwrap()
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .collect();
    let cells = |l: &str| -> Vec<String> {
        l.trim_matches('|')
            .split('|')
            .map(|c| c.trim().to_owned())
            .collect()
    };
    let k = cells(table[0])
        .iter()
        .position(|h| h == header)
        .unwrap_or_else(|| panic!("{header} in {}", table[0]));
    table[2..]
        .iter()
        .map(|l| cells(l)[k].replace('\u{a0}', "").parse().unwrap())
        .collect()
}

#[test]
fn every_batch_report_gives_the_same_sessions_without_and_with_pooling() {
    let (dir, profiles) = synthetic(300);
    let out = dir.path().join("out");
    batch(&profiles, &out, "2");
    let json: Value = serde_json::from_slice(&read(&out.join("national-demand.json"))).unwrap();
    let without = json["sessions"]["without_pooling"].as_u64().unwrap();
    let with = json["sessions"]["with_pooling"].as_u64().unwrap();
    let sum = |rows: &Value, field: &str| -> u64 {
        rows.as_array()
            .unwrap()
            .iter()
            .map(|r| r[field].as_u64().unwrap())
            .sum()
    };
    // Without pooling: the years, the national rows, the departmental rows and both CSVs.
    assert_eq!(sum(&json["national"], "sessions"), without);
    assert_eq!(sum(&json["departments"], "sessions"), without);
    let years: u64 = json["years"]
        .as_object()
        .unwrap()
        .values()
        .map(|c| c["sessions"].as_u64().unwrap())
        .sum();
    assert_eq!(years, without);
    for file in ["national-demand.csv", "departmental-demand.csv"] {
        let bytes = read(&out.join(file));
        let mut reader = csv::Reader::from_reader(&bytes[..]);
        let k = reader
            .headers()
            .unwrap()
            .iter()
            .position(|h| h == "sessions")
            .unwrap();
        let pooled = k + 1;
        assert_eq!(
            &reader.headers().unwrap()[pooled],
            "sessions_avec_mutualisation"
        );
        let (total, total_with) = reader.records().fold((0, 0), |(a, b), r| {
            let r = r.unwrap();
            (
                a + r[k].parse::<u64>().unwrap(),
                b + r[pooled].parse::<u64>().unwrap(),
            )
        });
        assert_eq!(total, without, "{file}");
        assert_eq!(total_with, with, "{file}");
    }
    // With pooling: the full sessions, plus one per row of pooling.csv.
    let underfilled = sum(&json["national"], "underfilled");
    let pooling = &json["pooling"];
    assert_eq!(
        pooling["sessions_without_pooling"].as_u64().unwrap(),
        underfilled
    );
    let pooled_rows = pooled_sessions(&read(&out.join("pooling.csv"))).len() as u64;
    assert_eq!(
        pooling["sessions_with_pooling"].as_u64().unwrap(),
        pooled_rows
    );
    assert_eq!(with, without - underfilled + pooled_rows);
    assert!(
        with < without,
        "pooling merges sessions: {with} < {without}"
    );
    // Headcount, elected officials and enrolments apart: enrolments count an agent once
    // per module, so they exceed the headcount.
    let enrolments = json["enrolments"].as_u64().unwrap();
    assert_eq!(sum(&json["national"], "agents"), enrolments);
    let agents = json["agents"].as_u64().unwrap();
    let elected = json["elected_officials"].as_u64().unwrap();
    assert!(enrolments > agents, "{enrolments} > {agents}");
    assert!(elected > 0);
    // Markdown: the totals, and the departments adding up to them.
    let md = String::from_utf8(read(&out.join("national-demand.md"))).unwrap();
    // Text reports group thousands with no-break spaces.
    let fr = |n: u64| parcours_graph::diagnostic::grouped_digits(n, '\u{a0}');
    assert!(
        md.contains(&format!(
            "Sessions à ouvrir : {} sans mutualisation, {} avec mutualisation",
            fr(without),
            fr(with)
        )),
        "{md}"
    );
    assert!(
        md.contains(&format!(
            "{} agents (effectif) et {} élus (à part, dans leur parcours)",
            fr(agents),
            fr(elected)
        )),
        "{md}"
    );
    assert!(md.contains(&format!("Inscriptions aux modules : {} ", fr(enrolments))));
    // Every shared session named in the Markdown (there are fewer than 5,000), as many as
    // the pooling counts.
    let shared = json["pooling"]["shared_sessions"].as_u64().unwrap();
    assert!(shared > 50, "{shared}");
    let listed = md_column(&md, "## Sessions partagées entre collectivités", "Agents");
    assert_eq!(listed.len() as u64, shared);
    let after = "## Sessions et mutualisation par département";
    let column = |h: &str| md_column(&md, after, h).iter().sum::<u64>();
    assert_eq!(column("Sessions sans mutualisation"), without);
    assert_eq!(column("Sessions avec mutualisation"), with);
    assert_eq!(column("Sessions mutualisées"), pooled_rows);
    // HTML: the same totals on its cards.
    let html = String::from_utf8(read(&out.join("national-demand.html"))).unwrap();
    let spaced = |n: u64| parcours_graph::diagnostic::grouped_digits(n, '\u{202f}');
    for (n, label) in [
        (without, "sessions à ouvrir sans mutualisation"),
        (with, "sessions à ouvrir avec mutualisation"),
    ] {
        let card = format!(
            "<span class=\"v\">{}</span><span class=\"l\">{label}</span>",
            spaced(n)
        );
        assert!(html.contains(&card), "{card}");
    }
    // Its table per module and year: both counts, adding up to the totals.
    let section = "<h2>Demande nationale par module et par année</h2>";
    let html_sum = |h: &str| html_column(&html, section, h).iter().sum::<u64>();
    assert_eq!(html_sum("Sessions sans mutualisation"), without);
    assert_eq!(html_sum("Sessions avec mutualisation"), with);
    // The workbook: the same totals in every sheet, and the same tables as the JSON and the
    // Markdown (per department, modality, capacity, region, suggestions).
    let book = out.join("national-demand.xlsx");
    let column = |name: &str, header: &str| -> Vec<Value> {
        let rows = sheet(&book, name);
        let k = rows[0]
            .iter()
            .position(|h| h == header)
            .unwrap_or_else(|| panic!("{name}: no column {header} in {:?}", rows[0]));
        rows[1..].iter().map(|r| r[k].clone()).collect()
    };
    let total = |name: &str, header: &str| -> u64 {
        column(name, header)
            .iter()
            .map(|v| v.as_f64().unwrap() as u64)
            .sum()
    };
    // The demand sheets: the rows of the demand CSVs, with the sessions without and with
    // pooling.
    for (name, file) in [
        ("Demande nationale", "national-demand.csv"),
        ("Demande départementale", "departmental-demand.csv"),
    ] {
        assert_eq!(total(name, "sessions"), without, "{name}");
        assert_eq!(total(name, "sessions_avec_mutualisation"), with, "{name}");
        let bytes = read(&out.join(file));
        let rows = csv::Reader::from_reader(&bytes[..]).records().count();
        assert_eq!(column(name, "sessions").len(), rows, "{name}");
    }
    assert_eq!(total("Mutualisation", "sessions mutualisées"), pooled_rows);
    assert_eq!(
        total(
            "Mutualisation",
            "sessions sous le minimum, sans mutualisation"
        ),
        underfilled
    );
    for header in [
        "Sessions sans mutualisation",
        "Sessions avec mutualisation",
        "Dont sous le minimum, sans mutualisation",
        "Sessions mutualisées",
        "Encore sous le minimum",
    ] {
        let sheet: Vec<u64> = column("Par département", header)
            .iter()
            .map(|v| v.as_f64().unwrap() as u64)
            .collect();
        assert_eq!(sheet, md_column(&md, after, header), "{header}");
    }
    assert_eq!(
        total("Par département", "Sessions avec mutualisation"),
        with
    );
    // Per modality: every row as the JSON has it; together, the report's totals.
    let json_rows = |field: &str, keys: &[&str]| -> Vec<Vec<Value>> {
        json[field]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                keys.iter()
                    .map(|k| k.split('.').fold(r, |v, part| &v[part]).clone())
                    .map(|v| v.as_f64().map_or(v.clone(), Value::from))
                    .collect()
            })
            .collect()
    };
    let sheet_rows = |name: &str, headers: &[&str], rows: usize| -> Vec<Vec<Value>> {
        let cols: Vec<Vec<Value>> = headers.iter().map(|h| column(name, h)).collect();
        (0..rows)
            .map(|i| cols.iter().map(|c| c[i].clone()).collect())
            .collect()
    };
    let modality = json_rows(
        "by_modality",
        &[
            "year",
            "modality",
            "enrolments",
            "days",
            "sessions.without_pooling",
            "sessions.with_pooling",
            "trainer_days.without_pooling",
            "trainer_days.with_pooling",
        ],
    );
    assert!(!modality.is_empty());
    let modality_columns = parcours_report::demand::MODALITY_COLUMNS;
    assert_eq!(column("Par modalité", "Année").len(), modality.len());
    assert_eq!(
        sheet_rows("Par modalité", &modality_columns, modality.len()),
        modality
    );
    assert_eq!(
        total("Par modalité", "Sessions sans mutualisation"),
        without
    );
    assert_eq!(total("Par modalité", "Sessions avec mutualisation"), with);
    assert_eq!(total("Par modalité", "Inscriptions"), enrolments);
    // Against the capacity: the years (then the source, under the table).
    let capacity = json_rows(
        "against_capacity",
        &["year", "days", "session_days", "percent_of_capacity"],
    );
    assert_eq!(
        sheet_rows(
            "Capacité",
            &[
                "Année",
                "Jours-stagiaires demandés",
                "Dont en sessions (hors autoformation)",
                "Part de la capacité du CNFPT (%)",
            ],
            capacity.len(),
        ),
        capacity
    );
    // Per region: the JSON's rows, adding up to the totals.
    let regions = json_rows(
        "regions",
        &[
            "name",
            "sessions.without_pooling",
            "sessions.with_pooling",
            "enrolments",
            "days",
        ],
    );
    assert!(!regions.is_empty());
    assert_eq!(
        sheet_rows(
            "Par région",
            &[
                "Région",
                "Sessions sans mutualisation",
                "Sessions avec mutualisation",
                "Inscriptions",
                "Jours-stagiaires",
            ],
            regions.len(),
        ),
        regions
    );
    assert_eq!(column("Par région", "Région").len(), regions.len());
    assert_eq!(total("Par région", "Sessions avec mutualisation"), with);
    // The sessions still under the minimum: every suggestion of the JSON, in its order.
    let suggestions = json_rows(
        "suggestions",
        &[
            "department",
            "module",
            "year",
            "agents",
            "adjacent_year",
            "other_department",
            "other_agents",
        ],
    );
    let in_sheet: Vec<Vec<Value>> = sheet_rows(
        "Sessions à compléter",
        &[
            "Département",
            "Module",
            "Année",
            "Agents encore sous le minimum",
            "Année voisine qui la remplirait",
            "Sinon, département voisin",
            "Agents de l'autre session",
        ],
        column("Sessions à compléter", "Département").len(),
    );
    assert!(!suggestions.is_empty());
    assert_eq!(in_sheet, suggestions);
    // The shared sessions, named as in the Markdown.
    let members = column("Sessions partagées", "Collectivités");
    assert_eq!(members.len() as u64, shared);
    for m in members.iter().take(20) {
        assert!(md.contains(m.as_str().unwrap()), "{m}");
    }
    // Each suggestion's words are the Markdown's (its first ones listed there).
    for text in column("Sessions à compléter", "Proposition")
        .iter()
        .take(20)
    {
        assert!(md.contains(text.as_str().unwrap()), "{text}");
    }
}

/// The whole numbers of a column (by its header) of the first table after `after` in an HTML
/// page (digits only: thousands separators and units dropped).
fn html_column(html: &str, after: &str, header: &str) -> Vec<u64> {
    let cells = |row: &str, tag: &str| -> Vec<String> {
        row.split(&format!("<{tag}"))
            .skip(1)
            // `<th` also begins `<thead>`.
            .filter(|c| c.starts_with([' ', '>']))
            .map(|c| {
                let inner = &c[c.find('>').unwrap() + 1..c.find(&format!("</{tag}>")).unwrap()];
                let mut text = String::new();
                let mut in_tag = false;
                for ch in inner.chars() {
                    match ch {
                        '<' => in_tag = true,
                        '>' => in_tag = false,
                        c if !in_tag => text.push(c),
                        _ => {}
                    }
                }
                text
            })
            .collect()
    };
    let table = html.split(after).nth(1).unwrap();
    let table = &table[..table.find("</table>").unwrap()];
    let (head, body) = table.split_once("<tbody>").unwrap();
    let k = cells(head, "th")
        .iter()
        .position(|h| h == header)
        .unwrap_or_else(|| panic!("{header} in {head}"));
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            let digits: String = cells(row, "td")[k]
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            digits.parse().unwrap()
        })
        .collect()
}

/// A worksheet's cells, as JSON values: numbers, strings, null for an empty cell.
fn sheet(book: &std::path::Path, name: &str) -> Vec<Vec<Value>> {
    use calamine::{Data, Reader, Xlsx};
    let mut wb: Xlsx<_> = calamine::open_workbook(book).unwrap();
    let range = wb.worksheet_range(name).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Float(f) => Value::from(*f),
                    Data::Int(i) => Value::from(*i as f64),
                    Data::String(s) => Value::from(s.as_str()),
                    Data::Empty => Value::Null,
                    other => panic!("{name}: unexpected cell {other:?}"),
                })
                .collect()
        })
        .collect()
}

/// `batch --compare`: what a different budget share changes, from one report. A run at 50 %
/// compared with one at 20 %: its reports put the other's totals and years beside its own,
/// with the gap; a folder that is not a batch's results is refused before anything is planned.
#[test]
fn a_run_compares_with_another_budget_share() {
    let (dir, profiles) = synthetic(30);
    let run_at = |share: &str, compare: Option<&std::path::Path>| -> std::path::PathBuf {
        let out = dir.path().join(format!("out-{share}"));
        let mut args = batch_args(&profiles, &out, "2").to_vec();
        args.extend(["--budget-share", share]);
        if let Some(c) = compare {
            args.extend(["--compare", c.to_str().unwrap()]);
        }
        run(&args);
        out
    };
    let json = |out: &std::path::Path| -> Value {
        serde_json::from_slice(&read(&out.join("national-demand.json"))).unwrap()
    };
    let twenty = run_at("20", None);
    assert!(json(&twenty).get("comparison").is_none());
    let fifty = run_at("50", Some(&twenty));
    let (a, b) = (json(&fifty), json(&twenty));
    let c = &a["comparison"];
    assert_eq!(c["other"], twenty.to_str().unwrap());
    assert_eq!(
        (
            c["share_percent"].as_u64(),
            c["other_share_percent"].as_u64()
        ),
        (Some(50), Some(20))
    );
    assert_eq!(c["same_profiles"], true);
    // Each total: this run's and the other's, as each run's own report gives it.
    let totals = c["totals"].as_array().unwrap();
    let total = |what: &str| totals.iter().find(|t| t["what"] == what).unwrap();
    for (what, field) in [
        ("Inscriptions", "enrolments"),
        ("Collectivités", "profiles"),
    ] {
        assert_eq!(total(what)["this_run"], a[field], "{what}");
        assert_eq!(total(what)["other_run"], b[field], "{what}");
    }
    for (what, field) in [
        ("Sessions sans mutualisation", "without_pooling"),
        ("Sessions avec mutualisation", "with_pooling"),
    ] {
        assert_eq!(total(what)["this_run"], a["sessions"][field], "{what}");
        assert_eq!(total(what)["other_run"], b["sessions"][field], "{what}");
    }
    let tenths = |v: &Value| (v.as_f64().unwrap() * 10.0).round() as u64;
    assert_eq!(
        total("Jours-stagiaires")["other_run"].as_u64(),
        Some(tenths(&b["days_used"]))
    );
    // More budget, more trainee-days.
    assert!(
        total("Jours-stagiaires")["this_run"].as_u64()
            > total("Jours-stagiaires")["other_run"].as_u64()
    );
    // Every year of either run, with both runs' days.
    let years = c["years"].as_array().unwrap();
    for (r, key) in [(&a, "days"), (&b, "other_days")] {
        for y in r["against_capacity"].as_array().unwrap() {
            let row = years.iter().find(|x| x["year"] == y["year"]).unwrap();
            assert_eq!(row[key], y["days"], "{row}");
        }
    }
    // The Markdown and the HTML say it, with the gap.
    let md = String::from_utf8(read(&fifty.join("national-demand.md"))).unwrap();
    let html = String::from_utf8(read(&fifty.join("national-demand.html"))).unwrap();
    assert!(
        md.contains("## Avec une autre part du budget")
            && md
                .contains("part du budget ouverte au numérique : 50\u{a0}%) face au traitement de")
            && md.contains("(part : 20\u{a0}%)"),
        "{md}"
    );
    let gap = total("Sessions avec mutualisation")["this_run"]
        .as_u64()
        .unwrap() as i64
        - total("Sessions avec mutualisation")["other_run"]
            .as_u64()
            .unwrap() as i64;
    let said = if gap > 0 {
        format!("+{gap}")
    } else if gap < 0 {
        format!("\u{2212}{}", -gap)
    } else {
        "0".into()
    };
    assert!(
        md.contains(&format!(
            "| Sessions avec mutualisation | {} | {} | {said} |",
            a["sessions"]["with_pooling"], b["sessions"]["with_pooling"]
        )),
        "{md}"
    );
    assert!(html.contains("<h2>Avec une autre part du budget</h2>"));
    // Not a batch's results: refused, naming the file, nothing written.
    let stray = dir.path().join("stray");
    std::fs::create_dir(&stray).unwrap();
    std::fs::write(stray.join("national-demand.json"), "{\"profiles\": 3}\n").unwrap();
    for (other, said, named) in [
        (
            dir.path().join("nowhere"),
            "lecture du fichier impossible",
            "nowhere:1:1",
        ),
        (
            stray.clone(),
            "il y manque les totaux",
            "national-demand.json:1:15",
        ),
    ] {
        let out = dir.path().join("out-refused");
        let mut args = batch_args(&profiles, &out, "1").to_vec();
        args.extend(["--compare", other.to_str().unwrap()]);
        let o = parcours(&args);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains(said) && err.contains(named) && err.contains("le traitement à comparer"),
            "{err}"
        );
        assert!(!err.contains("panicked"));
        assert!(!out.exists(), "nothing written");
    }
}

/// `batch --budget-share`: one digital share for every profile of the run, said in the
/// reports; the synthetic budgets are 2.2 trainee-days per agent, the whole training budget.
#[test]
fn budget_share_sets_every_profiles_digital_share() {
    let dir = tempfile::tempdir().unwrap();
    let profiles = dir.path().join("profiles");
    run(&[
        "synth",
        "--count",
        "40",
        "--out",
        profiles.to_str().unwrap(),
        "--format",
        "json",
    ]);
    // The whole training budget: 2.2 trainee-days per agent, rounded up.
    for e in std::fs::read_dir(&profiles).unwrap() {
        let p: Value = serde_json::from_slice(&read(&e.unwrap().path())).unwrap();
        let agents: u64 = p["staff"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["headcount"].as_u64().unwrap())
            .sum();
        assert_eq!(
            p["budget"]["days_per_year"].as_u64(),
            Some((agents * 22).div_ceil(10))
        );
        assert!(p["budget"].get("digital_share_percent").is_none());
    }
    let demand = |share: Option<&str>| -> (Value, String) {
        let out = dir.path().join(format!("out-{}", share.unwrap_or("own")));
        let mut args = batch_args(&profiles, &out, "2").to_vec();
        if let Some(s) = share {
            args.extend(["--budget-share", s]);
        }
        run(&args);
        let json = serde_json::from_slice(&read(&out.join("national-demand.json"))).unwrap();
        let md = String::from_utf8(read(&out.join("national-demand.md"))).unwrap();
        (json, md)
    };
    let (whole, md) = demand(None);
    // The national page's charts: self-contained SVG; one script, to sort the tables, allowed
    // by its hash alone.
    let html = String::from_utf8(read(&dir.path().join("out-own/national-demand.html"))).unwrap();
    for id in [
        "chart-demand-modules",
        "chart-demand-years",
        "chart-demand-departments",
        "chart-demand-map",
    ] {
        assert!(html.contains(&format!("<svg id=\"{id}\"")), "{id}");
    }
    assert!(
        html.matches("<script>").count() == 1
            && html.contains("script-src 'sha256-")
            && html.contains("<table class=\"sortable\">")
            && !html.contains(" src="),
        "self-contained"
    );
    assert!(whole.get("digital_share_percent").is_none());
    assert!(md.contains("celle de chaque profil"), "{md}");
    let (fifth, md) = demand(Some("20"));
    assert_eq!(fifth["digital_share_percent"].as_u64(), Some(20));
    assert!(md.contains("numérique : 20 %, la même pour toutes"), "{md}");
    // A fifth of each budget (each profile's rounded on its own).
    let (a, b) = (
        whole["days_available"].as_f64().unwrap(),
        fifth["days_available"].as_f64().unwrap(),
    );
    assert!(b < a && (b - a / 5.0).abs() < a / 50.0, "{a} then {b}");
    assert!(fifth["days_used"].as_f64() <= whole["days_used"].as_f64());
    // By modality: they add up to the totals; self-training opens no session.
    for r in [&whole, &fifth] {
        let rows = r["by_modality"].as_array().unwrap();
        let sum = |k: &str, w: &str| -> u64 {
            rows.iter().map(|m| m[k][w].as_u64().unwrap()).sum::<u64>()
        };
        assert_eq!(
            sum("sessions", "without_pooling"),
            r["sessions"]["without_pooling"].as_u64().unwrap()
        );
        assert_eq!(
            sum("sessions", "with_pooling"),
            r["sessions"]["with_pooling"].as_u64().unwrap()
        );
        let days: f64 = rows.iter().map(|m| m["days"].as_f64().unwrap()).sum();
        assert!((days - r["days_used"].as_f64().unwrap()).abs() < 0.5);
        for m in rows.iter().filter(|m| m["modality"] == "autoformation") {
            assert_eq!(m["sessions"]["with_pooling"].as_u64(), Some(0));
            assert_eq!(m["trainer_days"]["with_pooling"].as_f64(), Some(0.0));
        }
        assert_eq!(
            r["capacity"]["trainee_days_per_year"].as_u64(),
            Some(2_500_000)
        );
    }
    // Against the capacity: the smaller share asks for fewer days in the first year, and
    // spreads the needs over the later ones.
    let capacity = |r: &Value| -> Vec<f64> {
        r["against_capacity"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["days"].as_f64().unwrap())
            .collect()
    };
    let (a, b) = (capacity(&whole), capacity(&fifth));
    assert_eq!(a.len(), b.len());
    assert!(b[0] < a[0], "{a:?} then {b:?}");
    assert!(b.iter().sum::<f64>() <= a.iter().sum::<f64>());
    assert!(md.contains("## Par modalité") && md.contains("## Face à la capacité nationale"));
    assert!(md.contains("2 500 000 jours-stagiaires en 2023"), "{md}");
    // Out of bounds: refused in French, nothing written.
    let out = dir.path().join("out-bad");
    let mut args = batch_args(&profiles, &out, "1").to_vec();
    args.extend(["--budget-share", "0"]);
    let o = parcours(&args);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("une part de 0 % est hors des limites"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());
}

/// A profile that gives only its commune's INSEE code is placed on the map: its department and
/// intercommunality follow; a malformed code is refused with its field.
#[test]
fn a_commune_code_places_the_profile_on_the_map() {
    let by_code = |code: &str| {
        format!(
            "(name: \"Commune {code}\", kind: Commune, commune: \"{code}\", first_year: 2027, maturity: Initial,\n staff: [(metier: \"charge-accueil\", headcount: 3)],\n budget: (days_per_year: 500, max_days_per_agent: 20))\n"
        )
    };
    // Rennes and Cesson-Sévigné, both in Rennes Métropole.
    let (dir, profiles) = profile_dir(&[
        ("rennes.ron", by_code("35238")),
        ("cesson.ron", by_code("35051")),
    ]);
    let out = dir.path().join("out");
    batch(&profiles, &out, "1");
    let demand: Value = serde_json::from_slice(&read(&out.join("national-demand.json"))).unwrap();
    let departments = departments_of(&demand);
    assert!(!departments.is_empty());
    assert!(departments.iter().all(|d| *d == "35"), "{departments:?}");
    // Pooled together, within their intercommunality.
    let groups = demand["pooling"]["groups"].as_array().unwrap();
    assert!(!groups.is_empty());
    assert!(
        groups
            .iter()
            .all(|g| g["collectivities"] == 2 && g["department"] == "35"),
        "{groups:?}"
    );
    // A malformed code, or one outside the profile's department.
    for (code, dept, said) in [
        ("3523", "", "`3523` n'est pas un code INSEE de commune"),
        (
            "35238",
            "department: \"22\", ",
            "la commune `35238` n'est pas dans le département `22`",
        ),
    ] {
        let text = format!(
            "(name: \"X\", kind: Commune, {dept}commune: \"{code}\", first_year: 2027, staff: [(metier: \"charge-accueil\", headcount: 3)], budget: (days_per_year: 5, max_days_per_agent: 2))"
        );
        let (dir, profiles) = profile_dir(&[("x.ron", text)]);
        let o = parcours(&batch_args(&profiles, &dir.path().join("out"), "1"));
        assert_eq!(o.status.code(), Some(2));
        let err = stderr(&o);
        assert!(err.contains(said) && err.contains("x.ron:1:"), "{err}");
    }
}

/// Nine communes of Rennes Métropole, three agents each: every module's pooled sessions are
/// balanced (sizes within one: 27 agents in sessions of 12 make 9 + 9 + 9, not 12 + 12 + 3),
/// and `pooling.csv` names each collectivity with its INSEE code and intercommunality.
#[test]
fn pooled_sessions_are_balanced_and_named() {
    let communes = [
        ("35001", "Acigné"),
        ("35022", "Bécherel"),
        ("35024", "Betton"),
        ("35032", "Bourgbarré"),
        ("35039", "Brécé"),
        ("35047", "Bruz"),
        ("35051", "Cesson-Sévigné"),
        ("35055", "Chantepie"),
        ("35058", "La Chapelle-Chaussée"),
    ];
    let files: Vec<(String, String)> = communes
        .iter()
        .map(|(code, name)| {
            (
                format!("{code}.ron"),
                format!(
                    "(name: \"{name}\", kind: Commune, commune: \"{code}\", first_year: 2027, maturity: Initial,\n staff: [(metier: \"charge-accueil\", headcount: 3)],\n budget: (days_per_year: 500, max_days_per_agent: 20))\n"
                ),
            )
        })
        .collect();
    let files: Vec<(&str, String)> = files.iter().map(|(f, t)| (f.as_str(), t.clone())).collect();
    let (dir, profiles) = profile_dir(&files);
    let out = dir.path().join("out");
    batch(&profiles, &out, "2");
    let bytes = read(&out.join("pooling.csv"));
    // (module, year, session) → its size.
    let mut sizes: std::collections::BTreeMap<(String, u64, String), Vec<u64>> = Default::default();
    let mut seen = 0;
    for r in csv::Reader::from_reader(&bytes[..]).records() {
        let r = r.unwrap();
        assert_eq!(&r[0], "35");
        let (code, name) = communes
            .iter()
            .find(|(c, _)| *c == &r[7])
            .unwrap_or_else(|| panic!("a named commune: {r:?}"));
        assert_eq!((&r[6], &r[8]), (*name, "Rennes Métropole"), "{code}");
        let size = r[4].parse::<u64>().unwrap();
        let key = (r[1].to_owned(), r[2].parse().unwrap(), r[3].to_owned());
        let e = sizes.entry(key).or_default();
        if e.is_empty() {
            e.push(size);
        }
        seen += 1;
    }
    assert!(seen > 0);
    // Per module and year, the sessions' sizes differ by at most one.
    let mut by_module: std::collections::BTreeMap<(&str, u64), Vec<u64>> = Default::default();
    for ((module, year, _), s) in &sizes {
        by_module.entry((module, *year)).or_default().push(s[0]);
    }
    let demand: Value = serde_json::from_slice(&read(&out.join("national-demand.json"))).unwrap();
    for ((module, year), s) in by_module {
        let (lo, hi) = (s.iter().min().unwrap(), s.iter().max().unwrap());
        assert!(hi - lo <= 1, "{module}: {s:?}");
        let g = demand["pooling"]["groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["module"] == module && g["year"] == year)
            .unwrap();
        // All 27 agents, in as few sessions as the maximum allows.
        let max = g["max_participants"].as_u64().unwrap();
        assert_eq!(s.iter().sum::<u64>(), 27, "{module}");
        assert_eq!(s.len() as u64, 27u64.div_ceil(max), "{module}");
    }
}

/// Five communes of one intercommunality (five agents each) and a commune of none (two agents,
/// under any minimum it is pooled for): the commune joins the intercommunality's sessions,
/// which stay balanced, every agent in one of them (before, its agents went whole to the
/// emptiest session: 12 + 10 for `mediation-numerique-s` in 2027).
#[test]
fn a_collectivity_joining_an_intercommunality_keeps_its_sessions_balanced() {
    let profile = |name: &str, epci: &str, headcount: u32| {
        format!(
            "(name: \"{name}\", kind: Commune, department: \"35\", {epci}first_year: 2027, maturity: Initial,\n staff: [(metier: \"charge-accueil\", headcount: {headcount})],\n budget: (days_per_year: 500, max_days_per_agent: 20))\n"
        )
    };
    let mut files: Vec<(String, String)> = (1..=5)
        .map(|k| {
            (
                format!("m{k}.ron"),
                profile(&format!("Membre {k}"), "intercommunality: \"epci-1\", ", 5),
            )
        })
        .collect();
    files.push(("seule.ron".into(), profile("Seule", "", 2)));
    let files: Vec<(&str, String)> = files.iter().map(|(f, t)| (f.as_str(), t.clone())).collect();
    let (dir, profiles) = profile_dir(&files);
    let out = dir.path().join("out");
    batch(&profiles, &out, "2");
    let bytes = read(&out.join("pooling.csv"));
    // (module, year) → session → (size, its collectivities).
    type Sessions = std::collections::BTreeMap<String, (u64, Vec<String>)>;
    let mut groups: std::collections::BTreeMap<(String, String), Sessions> = Default::default();
    let mut agents: std::collections::BTreeMap<(String, String), u64> = Default::default();
    for r in csv::Reader::from_reader(&bytes[..]).records() {
        let r = r.unwrap();
        let key = (r[1].to_owned(), r[2].to_owned());
        *agents.entry(key.clone()).or_default() += r[9].parse::<u64>().unwrap();
        let e = groups
            .entry(key)
            .or_default()
            .entry(r[3].to_owned())
            .or_insert((r[4].parse().unwrap(), Vec::new()));
        e.1.push(r[6].to_owned());
    }
    let mut joined = 0;
    for (key, sessions) in &groups {
        let sizes: Vec<u64> = sessions.values().map(|s| s.0).collect();
        let (lo, hi) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
        assert!(hi - lo <= 1, "{key:?}: {sizes:?}");
        assert_eq!(sizes.iter().sum::<u64>(), agents[key], "{key:?}");
        // Where the commune of none is pooled, it shares a session with members.
        for (size, names) in sessions.values() {
            if names.iter().any(|n| n == "Seule") {
                joined += 1;
                assert!(
                    names.iter().any(|n| n.starts_with("Membre")),
                    "{key:?}: {names:?}"
                );
                assert!(*size > 2);
            }
        }
    }
    assert!(joined > 0, "{groups:?}");
}

/// Two communes alone in two departments of Brittany: their sessions still under the minimum
/// are each suggested the other department, which would fill them; nothing moves in the counts.
#[test]
fn a_session_under_the_minimum_is_suggested_what_would_fill_it() {
    let alone = |name: &str, dept: &str| {
        format!(
            "(name: \"{name}\", kind: Commune, department: \"{dept}\", first_year: 2027, maturity: Initial,\n staff: [(metier: \"charge-accueil\", headcount: 4)],\n budget: (days_per_year: 500, max_days_per_agent: 20))\n"
        )
    };
    let (dir, profiles) = profile_dir(&[
        ("a.ron", alone("Lannion", "22")),
        ("b.ron", alone("Morlaix", "29")),
    ]);
    let out = dir.path().join("out");
    batch(&profiles, &out, "1");
    let demand: Value = serde_json::from_slice(&read(&out.join("national-demand.json"))).unwrap();
    let groups = demand["pooling"]["groups"].as_array().unwrap();
    let suggestions = demand["suggestions"].as_array().unwrap();
    // Every session under the minimum that the other department's, added, brings within the
    // module's minimum and maximum; and no other.
    let under = |g: &Value| g["underfilled_agents"].as_u64().unwrap();
    let expected = groups
        .iter()
        .filter(|g| {
            let (min, max) = (
                g["min_participants"].as_u64().unwrap(),
                g["max_participants"].as_u64().unwrap(),
            );
            under(g) > 0
                && groups.iter().any(|h| {
                    h["department"] != g["department"]
                        && h["module"] == g["module"]
                        && h["year"] == g["year"]
                        && under(h) > 0
                        && (min..=max).contains(&(under(g) + under(h)))
                })
        })
        .count();
    assert!(expected > 0, "{groups:?}");
    assert_eq!(suggestions.len(), expected, "{suggestions:?}");
    for s in suggestions {
        // Côtes-d'Armor and Finistère share a border.
        let (other, name) = if s["department"] == "22" {
            ("29", "Finistère")
        } else {
            ("22", "Côtes-d'Armor")
        };
        assert_eq!(s["other_department"], other, "{s}");
        assert_eq!(s["other_department_name"], name, "{s}");
        let together = s["agents"].as_u64().unwrap() + s["other_agents"].as_u64().unwrap();
        assert!(together >= s["min_participants"].as_u64().unwrap(), "{s}");
        assert!(s.get("adjacent_year").is_none());
    }
    // Pooling itself keeps each department's session apart.
    assert!(groups.iter().all(|g| g["collectivities"] == 1));
    // By region: Brittany holds both departments and all the sessions.
    let regions = demand["regions"].as_array().unwrap();
    assert_eq!(regions.len(), 1, "{regions:?}");
    assert_eq!(
        (&regions[0]["region"], &regions[0]["name"]),
        (&Value::from("53"), &Value::from("Bretagne"))
    );
    assert_eq!(regions[0]["departments"], serde_json::json!(["22", "29"]));
    assert_eq!(regions[0]["sessions"], demand["sessions"]);
    assert_eq!(regions[0]["enrolments"], demand["enrolments"]);
    let md = String::from_utf8(read(&out.join("national-demand.md"))).unwrap();
    assert!(
        md.contains("## Par région")
            && md.contains("## Sessions encore sous le minimum : comment les remplir")
            && md.contains("avec la session de la même année du département voisin 29, Finistère (frontière commune ; aucune année voisine ne la remplit)"),
        "{md}"
    );
}

/// `batch --csv-style excel`: every CSV file as a French spreadsheet opens it (byte-order mark,
/// semicolons, CRLF, decimal comma), with the same rows as the standard style.
#[test]
fn batch_csv_files_in_the_excel_style() {
    let (dir, profiles) = profile_dir(&[
        ("a.ron", commune("a", "35", "epci-1")),
        ("b.ron", commune("b", "35", "epci-1")),
        ("c.ron", commune("c", "22", "epci-9")),
    ]);
    let out = |style: &str| {
        let out = dir.path().join(style);
        run(&[
            "batch",
            profiles.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--format",
            "csv",
            "--csv-style",
            style,
        ]);
        out
    };
    let (standard, excel) = (out("standard"), out("excel"));
    for file in [
        "sessions.csv",
        "national-demand.csv",
        "departmental-demand.csv",
        "pooling.csv",
    ] {
        let s = String::from_utf8(read(&standard.join(file))).unwrap();
        let e = String::from_utf8(read(&excel.join(file))).unwrap();
        assert!(!s.starts_with('\u{feff}') && !s.contains('\r'), "{file}");
        let body = e
            .strip_prefix('\u{feff}')
            .unwrap_or_else(|| panic!("{file}: no BOM"));
        assert!(
            body.split_terminator('\n').all(|l| l.ends_with('\r')),
            "{file}: CRLF"
        );
        assert_eq!(s.lines().count(), body.lines().count(), "{file}");
        let read_rows = |text: &str, sep: u8| -> Vec<Vec<String>> {
            csv::ReaderBuilder::new()
                .delimiter(sep)
                .from_reader(text.as_bytes())
                .records()
                .map(|r| r.unwrap().iter().map(str::to_owned).collect())
                .collect()
        };
        let (rs, re) = (read_rows(&s, b','), read_rows(body, b';'));
        assert_eq!(rs.len(), re.len(), "{file}");
        // The same cells, the decimal point a comma.
        for (a, b) in rs.iter().zip(&re) {
            let a: Vec<String> = a
                .iter()
                .map(|c| {
                    if c.parse::<f64>().is_ok() && c.contains('.') {
                        c.replace('.', ",")
                    } else {
                        c.clone()
                    }
                })
                .collect();
            assert_eq!(&a, b, "{file}");
        }
    }
    let sessions = String::from_utf8(read(&excel.join("sessions.csv"))).unwrap();
    assert!(
        sessions.contains("\u{feff}fichier;collectivité;département;annee;module;agents;sessions;jours;canal;coût\r\n"),
        "{sessions}"
    );
}

/// `batch --region`, `--department`, `--module`, `--modality`, `--year`: the reports keep only
/// those collectivities and session lines, and say so; unknown values are refused.
#[test]
fn batch_filters_keep_a_region_a_module_a_modality_a_year() {
    let (dir, profiles) = synthetic(300);
    let demand = |name: &str, extra: &[&str]| -> (Value, Value, String) {
        let out = dir.path().join(name);
        let mut args = batch_args(&profiles, &out, "2").to_vec();
        args.extend_from_slice(extra);
        run(&args);
        let json = serde_json::from_slice(&read(&out.join("national-demand.json"))).unwrap();
        let summary = serde_json::from_slice(&read(&out.join("summary.json"))).unwrap();
        let md = String::from_utf8(read(&out.join("national-demand.md"))).unwrap();
        (json, summary, md)
    };
    let (all, _, _) = demand("all", &[]);
    // Brittany only.
    let (bzh, summary, md) = demand("bzh", &["--region", "53"]);
    let departments = departments_of(&bzh);
    assert!(!departments.is_empty());
    assert!(
        departments.is_subset(&["22", "29", "35", "56"].into()),
        "{departments:?}"
    );
    assert!(summary["left_out"].as_u64().unwrap() > 0);
    assert_eq!(
        summary["planned"].as_u64().unwrap() + summary["left_out"].as_u64().unwrap(),
        300
    );
    assert!(
        md.contains("Seulement : départements 22, 29, 35, 56."),
        "{md}"
    );
    // One module in one year.
    let row = &all["national"][0];
    let (module, year) = (
        row["module"].as_str().unwrap(),
        row["year"].as_u64().unwrap(),
    );
    let (one, _, _) = demand("one", &["--module", module, "--year", &year.to_string()]);
    let national = one["national"].as_array().unwrap();
    assert_eq!(national.len(), 1);
    assert_eq!(national[0]["sessions"], row["sessions"]);
    assert_eq!(national[0]["agents"], row["agents"]);
    // Self-training only: no session to open.
    let (auto, _, md) = demand("auto", &["--modality", "autoformation"]);
    assert_eq!(auto["sessions"]["without_pooling"], 0);
    assert!(auto["enrolments"].as_u64().unwrap() > 0);
    assert!(md.contains("Seulement : modalité autoformation."), "{md}");
    // Refused, in French.
    for (extra, said) in [
        (
            &["--region", "99"][..],
            "--region 99 : aucune région de ce code INSEE",
        ),
        (
            &["--department", "35", "--region", "11"][..],
            "n'est pas dans la région 11",
        ),
        (
            &["--module", "inconnu"][..],
            "--module inconnu : ce module n'est pas au catalogue",
        ),
        (
            &["--modality", "en ligne"][..],
            "modalité inconnue ; valeurs possibles : présentiel",
        ),
    ] {
        let out = dir.path().join("refused");
        let mut args = batch_args(&profiles, &out, "1").to_vec();
        args.extend_from_slice(extra);
        let o = parcours(&args);
        assert_eq!(o.status.code(), Some(2), "{extra:?}");
        assert!(stderr(&o).contains(said), "{}", stderr(&o));
        assert!(!out.exists());
    }
}
