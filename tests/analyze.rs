//! `recap analyze`: the six reports, their contents, and determinism.

use crate::util::{REPORTS, analyze, fixtures, post, read};
use serde_json::Value;

#[test]
fn writes_all_six_reports() {
    let dir = tempfile::tempdir().unwrap();
    let out = analyze(dir.path(), &[&fixtures().join("posts")], &[]);
    for name in REPORTS {
        assert!(!read(&out, name).is_empty(), "{name} is empty");
    }
    let report: Value = serde_json::from_str(&read(&out, "report.json")).unwrap();
    assert_eq!(report["schema_version"], "1");
    assert_eq!(report["documents"].as_array().unwrap().len(), 3);
    assert!(report["entities"].as_array().unwrap().len() > 5);
    assert!(!report["cooccurrence"].as_array().unwrap().is_empty());
    // No temporary files are left behind.
    for entry in std::fs::read_dir(&out).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(REPORTS.contains(&name.as_str()), "stray file {name}");
    }
}

#[test]
fn plain_text_post_talks_days_and_aliases() {
    let dir = tempfile::tempdir().unwrap();
    let out = analyze(dir.path(), &[&post("harbour-days.txt")], &[]);
    let report: Value = serde_json::from_str(&read(&out, "report.json")).unwrap();
    let doc = &report["documents"][0];
    let talks: Vec<(String, Value)> = doc["talks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["title"].as_str().unwrap().to_string(), t["day"].clone()))
        .collect();
    assert!(
        talks.contains(&("Profiling asyncio in Production".into(), "Day One".into())),
        "{talks:?}"
    );
    assert!(
        talks.contains(&("Packaging Without Tears".into(), "Day One".into())),
        "{talks:?}"
    );
    let packaging = doc["talks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["title"] == "Packaging Without Tears")
        .unwrap();
    assert_eq!(
        packaging["speakers"],
        serde_json::json!(["Tomasz Wiśniewski"])
    );
    let amara = doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Amara Okafor")
        .unwrap();
    assert_eq!(amara["kind"], "person");
    assert!(
        amara["aliases"]
            .as_array()
            .unwrap()
            .contains(&"Amara".into()),
        "{amara}"
    );
    assert!(amara["talks_given"].as_u64().unwrap() >= 1);
    let days: Vec<&str> = doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "day")
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(days, ["Day One", "Day Two"]);
}

#[test]
fn markdown_post_lists_links_and_code() {
    let dir = tempfile::tempdir().unwrap();
    let out = analyze(dir.path(), &[&post("lakeside-js.md")], &[]);
    let talks = read(&out, "talks.csv");
    assert!(
        talks.contains("Streams in Node.js,talk,Ingrid Solberg,Saturday"),
        "{talks}"
    );
    assert!(
        talks.contains("Rendering at the Edge,talk,Mei Tanaka,Sunday"),
        "{talks}"
    );
    let mentions = read(&out, "mentions.csv");
    assert!(mentions.contains(",project,esbuild,esbuild,"), "{mentions}");
    assert!(
        !mentions.contains("title:"),
        "front matter must not be read: {mentions}"
    );
}

#[test]
fn html_post_skips_script_and_reads_headings() {
    let dir = tempfile::tempdir().unwrap();
    let out = analyze(dir.path(), &[&post("river-rust.html")], &[]);
    let talks = read(&out, "talks.csv");
    assert!(
        talks.contains("Fearless Refactoring,talk,Oskar Lindqvist,Day 1"),
        "{talks}"
    );
    assert!(talks.contains("Nadia Haddad,Day 2"), "{talks}");
    let entities = read(&out, "entities.csv");
    assert!(
        !entities.contains("Hidden Person"),
        "script text leaked: {entities}"
    );
    assert!(entities.contains("project,Rust,"), "{entities}");
}

#[test]
fn same_reports_for_any_thread_count_and_input_order() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        post("harbour-days.txt"),
        post("lakeside-js.md"),
        post("river-rust.html"),
    );
    let one = analyze(&dir.path().join("one"), &[&a, &b, &c], &["--threads", "1"]);
    let two = analyze(&dir.path().join("two"), &[&a, &b, &c], &["--threads", "2"]);
    let reversed = analyze(&dir.path().join("rev"), &[&c, &b, &a], &["--threads", "2"]);
    for name in REPORTS {
        assert_eq!(read(&one, name), read(&two, name), "{name}: 1 vs 2 threads");
        assert_eq!(
            read(&one, name),
            read(&reversed, name),
            "{name}: input order"
        );
    }
}

#[test]
fn cooccurrence_has_counts_and_scores() {
    let dir = tempfile::tempdir().unwrap();
    let out = analyze(dir.path(), &[&post("harbour-days.txt")], &[]);
    let text = read(&out, "cooccurrence.csv");
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        [
            "window", "kind_a", "entity_a", "kind_b", "entity_b", "count", "npmi"
        ]
    );
    for row in rdr.records() {
        let row = row.unwrap();
        let count: u64 = row[5].parse().unwrap();
        let npmi: f64 = row[6].parse().unwrap();
        assert!(count >= 1);
        assert!((-1.0..=1.0).contains(&npmi), "{row:?}");
    }
}
