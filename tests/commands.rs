//! `recap talks`, `recap eval`, `recap explain`, standard input and rule packs.

use crate::util::{fixtures, post, recap};

#[test]
fn talks_table_groups_by_day() {
    let out = recap()
        .arg("talks")
        .arg(post("harbour-days.txt"))
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let day_one = stdout.find("  Day One").expect("Day One group");
    let day_two = stdout.find("  Day Two").expect("Day Two group");
    let profiling = stdout.find("Profiling asyncio in Production").unwrap();
    assert!(day_one < profiling && profiling < day_two, "{stdout}");
}

#[test]
fn talks_as_csv_and_json() {
    let out = recap()
        .args(["talks", "--format", "csv"])
        .arg(post("lakeside-js.md"))
        .assert()
        .success();
    let csv = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(csv.starts_with("path,title,kind,speakers,day,"), "{csv}");
    let out = recap()
        .args(["talks", "--format", "json"])
        .arg(post("lakeside-js.md"))
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(json[0]["talks"][0]["title"], "Streams in Node.js");
}

#[test]
fn eval_prints_per_kind_scores() {
    let out = recap()
        .arg("eval")
        .arg("--gold")
        .arg(fixtures().join("gold"))
        .arg(post("harbour-days.txt"))
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("documents scored: 1"), "{stdout}");
    for kind in [
        "talks",
        "persons",
        "projects",
        "days",
        "micro",
        "talk day accuracy",
    ] {
        assert!(stdout.contains(kind), "{kind} missing: {stdout}");
    }
    let days = stdout.lines().find(|l| l.starts_with("days")).unwrap();
    assert!(
        days.ends_with("1.000"),
        "days should be perfect here: {days}"
    );
}

#[test]
fn stdin_is_read_with_dash() {
    let out = recap()
        .args(["talks", "--format", "csv", "-"])
        .write_stdin("Day 2\n\nI went to “Graphs All The Way Down” by Priya Raman.\n")
        .assert()
        .success();
    let csv = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        csv.contains("-,Graphs All The Way Down,talk,Priya Raman,Day 2"),
        "{csv}"
    );
}

#[test]
fn explain_shows_rule_ids() {
    let out = recap()
        .args(["explain", "--entity", "tomasz"])
        .arg(post("harbour-days.txt"))
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("person/"), "{stdout}");
    assert!(!stdout.contains("Amara"), "filter by entity: {stdout}");
}

#[test]
fn rule_pack_adds_projects() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("pack.toml");
    std::fs::write(
        &pack,
        "[[project]]\nname = \"Quuxly\"\ncategory = \"tool\"\n",
    )
    .unwrap();
    let input = dir.path().join("p.txt");
    std::fs::write(&input, "We all used quuxly for builds.\n").unwrap();
    let out = recap()
        .args(["explain"])
        .arg(&input)
        .arg("--rules")
        .arg(&pack)
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("Quuxly"), "{stdout}");
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "colour = 3\n").unwrap();
    let failed = recap()
        .args(["explain"])
        .arg(&input)
        .arg("--rules")
        .arg(&bad)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&failed.get_output().stderr).into_owned();
    assert!(stderr.contains("bad.toml"), "{stderr}");
}

#[test]
fn unknowns_lists_unclaimed_names_near_cues() {
    let dir = tempfile::tempdir().unwrap();
    let post = dir.path().join("p.txt");
    std::fs::write(
        &post,
        "Composing containers on Quillet Zorbl was the theme of the talk.\n\nThe talk came back to Quillet Zorbl at the end.\n",
    )
    .unwrap();
    let out = recap().arg("unknowns").arg(&post).assert().success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let row = stdout
        .lines()
        .find(|l| l.contains("Quillet Zorbl"))
        .expect("candidate listed");
    assert!(row.starts_with("phrase"), "{row}");
    assert!(
        row.contains("    1     2  "),
        "one document, two uses: {row}"
    );
}
