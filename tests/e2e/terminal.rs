//! The plan in the terminal (`--format table`, the default): committed snapshots at 80 and 160
//! columns, every line within the width, French titles and short names instead of ids, words
//! never cut, a fixed width when standard output is not a terminal, and `--explain` short (its
//! detail in Markdown and HTML, refused with the data formats).

use crate::common::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// The example profiles whose terminal plan is committed, and the widths.
const SNAPSHOTS: [&str; 2] = ["commune-rurale", "ville-40000"];
const WIDTHS: [u16; 2] = [80, 160];

fn profile(name: &str) -> String {
    root()
        .join("examples/profiles")
        .join(format!("{name}.ron"))
        .to_str()
        .unwrap()
        .to_owned()
}

fn snapshot(name: &str, width: u16) -> PathBuf {
    root()
        .join("examples/reports")
        .join(name)
        .join(format!("plan-{width}.txt"))
}

/// The terminal columns a line takes: one per character (box drawing, accented letters, `…`,
/// `➔` and the no-break space all take one; the plans hold no wide character).
fn columns(line: &str) -> usize {
    line.chars().count()
}

#[test]
fn terminal_snapshots_are_up_to_date_and_fit_their_width() {
    let mut stale = Vec::new();
    for name in SNAPSHOTS {
        let p = profile(name);
        let plan: Value =
            serde_json::from_str(&ok(&["plan", &p, "--format", "json"])).expect("JSON plan");
        for width in WIDTHS {
            let w = width.to_string();
            let text = ok(&["plan", &p, "--width", &w]);
            if std::fs::read_to_string(snapshot(name, width)).unwrap_or_default() != text {
                stale.push(format!("{name}/plan-{width}.txt"));
            }
            for (k, line) in text.lines().enumerate() {
                assert!(
                    columns(line) <= usize::from(width),
                    "{name} at {width}: line {} has {} columns:\n{line}",
                    k + 1,
                    columns(line)
                );
            }
            // Without --explain, no score.
            assert!(
                !text.contains("Score") && !text.contains("score "),
                "{name}"
            );
            let words: BTreeSet<&str> = text
                .split(|c: char| c.is_whitespace() || "│┆,".contains(c))
                .filter(|w| !w.is_empty())
                .collect();
            for y in plan["years"].as_array().unwrap() {
                for s in y["sessions"].as_array().unwrap() {
                    // Module and métier ids never show; titles do, their words whole (a
                    // hyphenated word may end a line after its hyphen).
                    let id = s["module"].as_str().unwrap();
                    assert!(!words.contains(id), "{name}: module id {id}");
                    for m in s["by_metier"].as_array().unwrap() {
                        // (`elus` and `encadrants`, the tracks, are also French words.)
                        let m = m["metier"].as_str().unwrap();
                        assert!(
                            !m.contains('-') || !words.contains(m),
                            "{name}: métier id {m}"
                        );
                    }
                    if s["modality"] == "autoformation" {
                        continue;
                    }
                    for word in s["title"]
                        .as_str()
                        .unwrap()
                        .split([' ', ','])
                        .filter(|w| !w.is_empty())
                    {
                        let whole = words.contains(word);
                        let split = word.split_inclusive('-').all(|p| words.contains(p));
                        assert!(whole || split, "{name} at {width}: `{word}` cut");
                    }
                }
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale terminal snapshots (run scripts/regenerate-reports.sh): {stale:?}"
    );
}

#[test]
fn without_a_terminal_the_width_is_fixed() {
    // The tests run the binary with a pipe as standard output, and COLUMNS=160 in its
    // environment: the width stays 100, whatever the environment says.
    for name in SNAPSHOTS {
        let p = profile(name);
        let plain = ok(&["plan", &p]);
        assert_eq!(plain, ok(&["plan", &p, "--width", "100"]), "{name}");
        assert_ne!(plain, ok(&["plan", &p, "--width", "160"]), "{name}");
        assert!(plain.lines().all(|l| columns(l) <= 100), "{name}");
        // Written to a file, the same bytes.
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("plan.txt");
        ok(&["plan", &p, "-o", out.to_str().unwrap()]);
        assert_eq!(std::fs::read_to_string(&out).unwrap(), plain, "{name}");
    }
}

#[test]
fn the_header_counts_agents_and_elected_officials_apart() {
    let text = ok(&["plan", &profile("commune-rurale"), "--width", "160"]);
    assert!(
        text.contains(
            "10 agents sur 8 métiers ; parcours de l'encadrement : 1 encadrant ; parcours des élus : 8 élus"
        ),
        "{text}"
    );
    // Singular for 0 and 1, in the days too.
    assert!(text.contains("besoins non financés : 0 jour ;"), "{text}");
    assert!(
        !text.contains(" 1 lignes") && !text.contains(" 0 jours"),
        "{text}"
    );
    // The elected officials' line counts trainees, not agents.
    assert!(
        text.contains("Stagiaires") && text.contains("Élues et élus"),
        "{text}"
    );
}

#[test]
fn explain_is_short_in_the_terminal_and_refused_where_it_does_not_apply() {
    for name in SNAPSHOTS {
        let p = profile(name);
        let plain = ok(&["plan", &p, "--width", "100"]);
        let explained = ok(&["plan", &p, "--width", "100", "--explain"]);
        // One short motive per line: a few more lines, never the score's components.
        let (a, b) = (plain.lines().count(), explained.lines().count());
        assert!(
            b > a && b * 10 <= a * 13,
            "{name}: {a} lines, {b} with --explain"
        );
        assert!(explained.contains("; score\u{a0}"), "{name}");
        assert!(!explained.contains("base 100"), "{name}");
        assert!(explained.lines().all(|l| columns(l) <= 100), "{name}");
        // The detail is in Markdown and HTML, only with --explain.
        let md = ok(&["plan", &p, "--format", "md", "--explain"]);
        assert!(md.contains("base 100"), "{name}");
        let html = ok(&["plan", &p, "--format", "html", "--explain"]);
        assert!(
            html.contains("<span class=\"id\">Score : base 100"),
            "{name}"
        );
        let html = ok(&["plan", &p, "--format", "html"]);
        assert!(!html.contains("Score : base"), "{name}");
    }
    let p = profile("commune-rurale");
    for format in ["json", "csv", "xlsx"] {
        let o = parcours(&["plan", &p, "--format", format, "--explain"]);
        assert_eq!(o.status.code(), Some(2), "{format}");
        assert!(
            stderr(&o).contains("--explain ne s'applique qu'aux rapports à lire"),
            "{format}: {}",
            stderr(&o)
        );
        assert!(o.stdout.is_empty(), "{format}");
    }
    let o = parcours(&["plan", &p, "--format", "md", "--width", "80"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--width ne s'applique qu'à --format table"));
    for bad in ["20", "0", "large"] {
        let o = parcours(&["plan", &p, "--width", bad]);
        assert_eq!(o.status.code(), Some(2), "--width {bad}");
    }
}

#[test]
fn the_other_terminal_tables_fit_the_fixed_width() {
    let curve = ok(&["budget-curve", &profile("commune-rurale")]);
    let recommendations = ok(&["recommendations"]);
    let metiers = ok(&["metiers"]);
    for (what, text) in [
        ("budget-curve", &curve),
        ("recommendations", &recommendations),
    ] {
        for line in text.lines() {
            assert!(columns(line) <= 100, "{what}: {line}");
        }
    }
    // Ids, in the first column of the métiers, stay whole to be copied: with their longest
    // words, the other columns need more than 100 columns, and the table widens rather than
    // cut a word.
    assert!(metiers.contains("│ agent-interventions-techniques-polyvalent-rural "));
    assert!(metiers.lines().all(|l| columns(l) <= 120), "{metiers}");
}

#[test]
fn every_example_plan_fits_80_columns() {
    // The three profiles without a snapshot too: the intercommunality's statutory obligations,
    // the department's and the region's long lists of publics.
    for name in ["intercommunalite", "departement", "region"] {
        for explain in [false, true] {
            let p = profile(name);
            let mut args = vec!["plan", p.as_str(), "--width", "80"];
            if explain {
                args.push("--explain");
            }
            let text = ok(&args);
            for line in text.lines() {
                assert!(columns(line) <= 80, "{name} (explain {explain}): {line}");
            }
        }
    }
}
