//! `--schedule`: linking a post's talks to an official schedule.
//!
//! `tests/fixtures/compare/schedule.csv` is a small invented programme (a tutorial day on
//! Wednesday 2030-06-05, then Thursday and Friday); `linking.txt` is a post about it that
//! names talks in the ways posts do, and some sessions the schedule does not hold:
//!
//! | the post says | expected entry |
//! | --- | --- |
//! | the tide tables tutorial (Wednesday) | Hands-on Tide Tables |
//! | Wen's keynote (Day One) | Keynote: Borrowed Time (first name, kind, day) |
//! | “Tidal Models for Everyone” | Tidal Models for Everyone: Forecasts You Can Trust |
//! | Oskar Lindgren's talk on parsing ferry logs | Parsing Ferry Logs with Regular Expressions |
//! | a panel on open data with two of its three panelists | Panel: Open Data on the Waterfront |
//! | “Coastline Maps from Scratch” | the same |
//! | an open space on tide gauges | none: open spaces are not scheduled |
//! | “Streaming Sensor Data at the Marina” by Priya Nair | none: a near title, another speaker |
//! | “Tales from the Ferry Terminal” | none |
//! | a Birds of a Feather session | none |

use crate::util::{fixtures, read, recap};
use serde_json::Value;
use std::path::PathBuf;

fn schedule() -> PathBuf {
    fixtures().join("compare/schedule.csv")
}

fn linking_post() -> PathBuf {
    fixtures().join("compare/linking.txt")
}

fn stdout_of(assert: assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stdout.clone()).unwrap()
}

/// (post title, status, official title) of each row of the talks CSV.
fn links_of(csv: &str) -> Vec<(String, String, String)> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (title, status, official) = (col("title"), col("status"), col("official_title"));
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (
                r[title].to_string(),
                r[status].to_string(),
                r[official].to_string(),
            )
        })
        .collect()
}

#[test]
fn talks_link_to_their_entries_and_the_rest_stay_unlinked() {
    let out = recap()
        .args(["talks", "--format", "csv", "--schedule"])
        .arg(schedule())
        .arg(linking_post())
        .assert()
        .success();
    let csv = stdout_of(out);
    let links = links_of(&csv);
    let official = |needle: &str| -> &(String, String, String) {
        links
            .iter()
            .find(|(t, _, _)| t.to_lowercase().contains(needle))
            .unwrap_or_else(|| panic!("no talk with {needle:?}: {csv}"))
    };
    for (needle, entry) in [
        ("tide tables", "Hands-on Tide Tables"),
        ("keynote", "Keynote: Borrowed Time"),
        (
            "tidal models",
            "Tidal Models for Everyone: Forecasts You Can Trust",
        ),
        ("ferry logs", "Parsing Ferry Logs with Regular Expressions"),
        ("open data", "Panel: Open Data on the Waterfront"),
        ("coastline", "Coastline Maps from Scratch"),
    ] {
        let (_, status, got) = official(needle);
        assert_eq!(
            (status.as_str(), got.as_str()),
            ("linked", entry),
            "{needle}"
        );
    }
    for needle in [
        "tide gauges",
        "marina",
        "ferry terminal",
        "birds of a feather",
    ] {
        let (_, status, got) = official(needle);
        assert_ne!(status, "linked", "{needle} linked to {got}");
        assert_eq!(got, "", "{needle}");
    }
    // No entry is claimed twice.
    let mut taken: Vec<&String> = links
        .iter()
        .filter(|(_, s, _)| s == "linked")
        .map(|(_, _, o)| o)
        .collect();
    let n = taken.len();
    taken.sort();
    taken.dedup();
    assert_eq!(taken.len(), n);
}

#[test]
fn analyze_writes_links_and_coverage_and_prints_each_link_with_its_score() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let assert = recap()
        .arg("analyze")
        .arg("--out")
        .arg(&out)
        .arg("--schedule")
        .arg(schedule())
        .arg(linking_post())
        .assert()
        .success();
    let note = stdout_of(assert);
    assert!(
        note.contains(
            "linking.txt: 6 of 10 talks linked; mentions 6 of 10 scheduled entries (60.0%)"
        ),
        "{note}"
    );
    let link_lines: Vec<&str> = note.lines().filter(|l| l.contains("  →  ")).collect();
    assert_eq!(link_lines.len(), 6, "{note}");
    for l in &link_lines {
        let score: f64 = l.split_whitespace().next().unwrap().parse().unwrap();
        assert!((0.5..=1.0).contains(&score), "{l}");
    }
    assert!(
        note.contains("unlinked  open space on tide gauges"),
        "{note}"
    );
    // The analyze reports are still all there, beside the two schedule reports.
    assert!(!read(&out, "talks.csv").is_empty());
    let links = read(&out, "links.csv");
    assert!(
        links.starts_with(
            "path,title,kind,speakers,day,status,official_title,official_speakers,official_date,official_kind,score\n"
        ),
        "{links}"
    );
    assert!(
        links.contains(",Coastline Maps from Scratch,Marta Quist,2030-06-07,talk,1.0\n"),
        "{links}"
    );
    let json: Value = serde_json::from_str(&read(&out, "schedule.json")).unwrap();
    let post = &json["posts"][0];
    assert_eq!(post["coverage"]["mentioned"], 6);
    assert_eq!(post["coverage"]["scheduled"], 10);
    assert_eq!(post["coverage"]["share"], 0.6);
    assert_eq!(post["unlinked"].as_array().unwrap().len(), 4);
    let keynote = post["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["entry"]["title"] == "Keynote: Borrowed Time")
        .unwrap();
    // "Wen's keynote": no title, a first name (0.5) and the right day:
    // 1 − (1 − 0)(1 − 0.9·0.5)(1 − 0.6) = 0.78.
    assert_eq!(keynote["score"], 0.78);
    assert_eq!(keynote["components"]["day"], "consistent");
    let not_mentioned: Vec<&str> = json["not_mentioned"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["title"].as_str().unwrap())
        .collect();
    assert!(not_mentioned.contains(&"Friday Lightning Talks"));
    assert_eq!(not_mentioned.len(), 4);
}

#[test]
fn talks_table_and_json_show_the_official_entry() {
    let table = stdout_of(
        recap()
            .arg("talks")
            .arg("--schedule")
            .arg(schedule())
            .arg(linking_post())
            .assert()
            .success(),
    );
    assert!(
        table.contains("= Tidal Models for Everyone: Forecasts You Can Trust — Ruth Amsel"),
        "{table}"
    );
    let json: Value = serde_json::from_slice(
        &recap()
            .args(["talks", "--format", "json", "--schedule"])
            .arg(schedule())
            .arg(linking_post())
            .assert()
            .success()
            .get_output()
            .stdout,
    )
    .unwrap();
    let talks = json[0]["talks"].as_array().unwrap();
    let coastline = talks
        .iter()
        .find(|t| t["title"] == "Coastline Maps from Scratch")
        .unwrap();
    assert_eq!(coastline["schedule"]["status"], "linked");
    assert_eq!(coastline["schedule"]["entry"]["date"], "2030-06-07");
    let bof = talks.iter().find(|t| t["kind"] == "bof").unwrap();
    assert_eq!(bof["schedule"]["status"], "unlinked");
}

#[test]
fn a_json_schedule_links_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("schedule.json");
    std::fs::write(
        &json,
        r#"[{"title": "Coastline Maps from Scratch", "speakers": ["Marta Quist"], "date": "2030-06-07", "kind": "talk"},
            {"title": "Keynote: Borrowed Time", "speakers": "Wen Hsu", "date": "2030-06-06", "kind": "keynote"}]"#,
    )
    .unwrap();
    let csv = stdout_of(
        recap()
            .args(["talks", "--format", "csv", "--schedule"])
            .arg(&json)
            .arg(linking_post())
            .assert()
            .success(),
    );
    let linked: Vec<String> = links_of(&csv)
        .into_iter()
        .filter(|(_, s, _)| s == "linked")
        .map(|(_, _, o)| o)
        .collect();
    assert_eq!(
        linked,
        ["Keynote: Borrowed Time", "Coastline Maps from Scratch"]
    );
}

#[test]
fn a_schedule_without_a_column_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("programme.csv");
    std::fs::write(
        &bad,
        "title,speaker,date,kind\nA talk,Someone,2030-06-06,talk\n",
    )
    .unwrap();
    let assert = recap()
        .args(["talks", "--schedule"])
        .arg(&bad)
        .arg(linking_post())
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        stderr.contains("programme.csv") && stderr.contains("missing column `speakers`"),
        "{stderr}"
    );
}

/// `tests/fixtures/schedule/harbourfest.csv` is an undated programme whose keynotes and
/// lightning sessions are told apart only by their titles; `harbourfest.txt` names its
/// keynotes without a speaker and mentions lightning talks:
///
/// | the post says | expected entry |
/// | --- | --- |
/// | the keynote, by the founders of Driftwood (Friday) | Keynote: Driftwood at Ten: … |
/// | “Knots and Splices in Pure Python” by Hana Oduya | the same |
/// | a lightning talk about rope physics, speaker not named | none: no session of its own |
/// | the lightning talks in the afternoon | not a talk: a bare collective |
/// | the opening keynote was packed (Saturday) | Opening Keynote: Charting Quiet Waters |
/// | Marta Lund's talk on sailing past legacy code | Sailing Past Legacy Code |
/// | “Docs for Deckhands” | none: not in the programme |
/// | the closing keynote (Saturday) | Closing Keynote: What the Tide Leaves |
#[test]
fn unnamed_keynotes_link_by_kind_and_slot_and_the_rest_stay_unlinked() {
    let dir = fixtures().join("schedule");
    let out = recap()
        .args(["talks", "--format", "csv", "--schedule"])
        .arg(dir.join("harbourfest.csv"))
        .arg(dir.join("harbourfest.txt"))
        .assert()
        .success();
    let csv = stdout_of(out);
    let links = links_of(&csv);
    let got: Vec<(&str, &str, &str)> = links
        .iter()
        .map(|(t, s, o)| (t.as_str(), s.as_str(), o.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "keynote by the founders of Driftwood",
                "linked",
                "Keynote: Driftwood at Ten: Ilse Marr and Tomas Reyes"
            ),
            (
                "Knots and Splices in Pure Python",
                "linked",
                "Knots and Splices in Pure Python"
            ),
            ("rope physics", "unlinked", ""),
            (
                "opening keynote",
                "linked",
                "Opening Keynote: Charting Quiet Waters"
            ),
            (
                "sailing past legacy code",
                "linked",
                "Sailing Past Legacy Code"
            ),
            ("Docs for Deckhands", "unlinked", ""),
            (
                "closing keynote",
                "linked",
                "Closing Keynote: What the Tide Leaves"
            ),
        ],
        "{csv}"
    );
    // The closing note lists each link with its score.
    let note = stdout_of(
        recap()
            .args(["talks", "--schedule"])
            .arg(dir.join("harbourfest.csv"))
            .arg(dir.join("harbourfest.txt"))
            .assert()
            .success(),
    );
    assert!(note.contains("5 of 7 talks linked"), "{note}");
    assert!(
        note.contains("0.70  closing keynote  →  Closing Keynote: What the Tide Leaves"),
        "{note}"
    );
}
