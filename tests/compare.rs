//! `recap compare`: the attendee × talk matrix, similarity, consensus and keyness on three
//! short posts about one invented conference, with every answer worked out by hand.
//!
//! The posts (`tests/fixtures/compare/posts/`) and what they name:
//!
//! | attendee | talks | persons (mentions) | projects (mentions) |
//! | --- | --- | --- | --- |
//! | ines | Borrowed Time, Tidal Models, Parsing Ferry Logs | Wen Hsu 1, Ruth Amsel 1, Oskar Lindgren 2 | NumPy 1, PostgreSQL 2, Matplotlib 1 |
//! | kofi | Keynote: Borrowed Time, Tidal Models, Coastline Maps | Wen Hsu 1, Ruth Amsel 1, Marta Quist 1 | NumPy 1, Docker 2, Django 1, PostgreSQL 1 |
//! | lena | Wen Hsu's keynote, Coastline Maps, Small Tools | Wen Hsu 1, Marta Quist 1, Tomas Varga 2 | Redis 4, PostgreSQL 1 |
//!
//! "Wen Hsu's keynote" names no title: it is matched to "Borrowed Time" by its speaker,
//! kind and day.

use crate::util::{fixtures, read, recap};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn posts() -> PathBuf {
    fixtures().join("compare/posts")
}

fn run_compare(out: &Path, inputs: &[PathBuf], extra: &[&str]) -> String {
    let assert = recap()
        .arg("compare")
        .arg("--out")
        .arg(out)
        .args(inputs)
        .args(extra)
        .assert()
        .success();
    String::from_utf8(assert.get_output().stdout.clone()).unwrap()
}

#[test]
fn matrix_similarity_consensus_and_keyness() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let stdout = run_compare(&out, &[posts()], &[]);

    // Talk sets: ines {A, B, C}, kofi {A, C, D}, lena {C, D, E} with
    // A = Tidal Models, B = Parsing Ferry Logs, C = Borrowed Time, D = Coastline Maps,
    // E = Small Tools. Most attendees first, then by label.
    assert_eq!(
        read(&out, "matrix.csv"),
        "talk,label,kind,speakers,date,attendees,ines,kofi,lena\n\
         t01,Borrowed Time,keynote,Wen Hsu,,3,1,1,1\n\
         t02,Coastline Maps from Scratch,talk,Marta Quist,,2,0,1,1\n\
         t03,Tidal Models for Everyone,talk,Ruth Amsel,,2,1,1,0\n\
         t04,Parsing Ferry Logs,talk,Oskar Lindgren,,1,1,0,0\n\
         t05,Small Tools for Big Tides,talk,Tomas Varga,,1,0,0,1\n"
    );
    // The same matrix, readable, on standard output.
    let row = |id: &str| {
        stdout
            .lines()
            .find(|l| l.starts_with(id))
            .unwrap_or_else(|| panic!("{id}: {stdout}"))
            .split_whitespace()
            .rev()
            .take(4)
            .collect::<Vec<_>>()
    };
    assert!(stdout.contains("3 attendees, 5 talks"), "{stdout}");
    assert_eq!(row("t01"), ["3", "x", "x", "x"]);
    assert_eq!(row("t04"), ["1", ".", ".", "x"]);

    // Jaccard:  ines~kofi |{A,C}| / |{A,B,C,D}| = 2/4 = 0.5
    //           ines~lena |{C}|   / |{A,B,C,D,E}| = 1/5 = 0.2
    //           kofi~lena |{C,D}| / |{A,C,D,E}| = 2/4 = 0.5
    // Cosine over (NumPy, PostgreSQL, Matplotlib, Docker, Django, Redis):
    //   ines (1,2,1,0,0,0), kofi (1,1,0,2,1,0), lena (0,1,0,0,0,4)
    //   ines~kofi 3/(√6·√7) = 0.46291;  ines~lena 2/(√6·√17) = 0.19803;
    //   kofi~lena 1/(√7·√17) = 0.09167.
    assert_eq!(
        read(&out, "similarity.csv"),
        "attendee_a,attendee_b,talks_a,talks_b,shared_talks,jaccard,cosine\n\
         ines,kofi,3,3,2,0.5,0.4629\n\
         ines,lena,3,3,1,0.2,0.198\n\
         kofi,lena,3,3,2,0.5,0.0917\n"
    );

    let consensus = read(&out, "consensus.csv");
    for line in [
        "talk,t01,Borrowed Time,3,ines; kofi; lena,3,false",
        "talk,t05,Small Tools for Big Tides,1,lena,1,true",
        "project,,PostgreSQL,3,ines; kofi; lena,4,false",
        "project,,NumPy,2,ines; kofi,2,false",
        "project,,Redis,1,lena,4,true",
    ] {
        assert!(consensus.lines().any(|l| l == line), "{line}\n{consensus}");
    }

    // Keyness of Redis for lena: a = 4, b = 0; c = lena's person and project mentions
    // = 4 + 5 = 9; d = ines 8 + kofi 8 = 16.
    //   E1 = 9·4/25 = 1.44, E2 = 16·4/25 = 2.56
    //   G² = 2 (4 ln(4/1.44) + 0) = 8 ln 2.7778 = 8.1732
    //   log ratio = log2((4/9) / (0.5/16)) = log2(14.222) = 3.8301 (b = 0 taken as 0.5)
    // Tomas Varga (a = 2): G² = 2 · 2 ln(2/0.72) = 4.0866 ≥ 3.84, kept. Marta Quist (a = 1,
    // b = 1) is under the minimum frequency; PostgreSQL (1 of 9 against 3 of 16) is not
    // more frequent in lena's post.
    let keyness = read(&out, "keyness.csv");
    let lena: Vec<&str> = keyness.lines().filter(|l| l.starts_with("lena,")).collect();
    assert_eq!(
        lena,
        [
            "lena,project,Redis,4,0,9,16,8.1732,3.8301",
            "lena,person,Tomas Varga,2,0,9,16,4.0866,2.8301",
        ],
        "{keyness}"
    );
    // ines: Oskar Lindgren, a = 2 of c = 8 against b = 0 of d = 17:
    //   E1 = 8·2/25 = 0.64, G² = 4 ln(3.125) = 4.5577; log2((2/8)/(0.5/17)) = 3.0875
    assert!(
        keyness
            .lines()
            .any(|l| l == "ines,person,Oskar Lindgren,2,0,8,17,4.5577,3.0875"),
        "{keyness}"
    );

    let json: Value = serde_json::from_str(&read(&out, "compare.json")).unwrap();
    assert_eq!(json["schema_version"], "1");
    assert_eq!(json["group_by"], "post");
    assert_eq!(json["attendees"].as_array().unwrap().len(), 3);
    assert_eq!(json["attendees"][2]["project_mentions"], 5);
    assert_eq!(
        json["talks"][0]["attendees"],
        serde_json::json!(["ines", "kofi", "lena"])
    );
    let titles: Vec<&str> = json["talks"][0]["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        ["Borrowed Time", "Keynote: Borrowed Time", "keynote"]
    );
    assert_eq!(json["similarity"][0]["jaccard"], 0.5);
    assert_eq!(json["keyness"]["min_frequency"], 2);
    assert_eq!(json["keyness"]["min_g2"], 3.84);
    assert_eq!(json["keyness"]["rows"].as_array().unwrap().len(), 4);
    assert!(json["schedule"].is_null());
}

#[test]
fn same_reports_for_any_input_order_and_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = ["ines.txt", "kofi.md", "lena.txt"]
        .iter()
        .map(|f| posts().join(f))
        .collect();
    let reversed: Vec<PathBuf> = files.iter().rev().cloned().collect();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let out_a = run_compare(&a, &files, &["-j", "1"]);
    let out_b = run_compare(&b, &reversed, &["-j", "4"]);
    assert_eq!(out_a, out_b);
    for name in [
        "matrix.csv",
        "similarity.csv",
        "consensus.csv",
        "keyness.csv",
        "compare.json",
    ] {
        assert_eq!(read(&a, name), read(&b, name), "{name}");
    }
}

#[test]
fn group_by_dir_makes_one_attendee_of_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    for (folder, file) in [("pat", "ines.txt"), ("pat", "kofi.md"), ("sam", "lena.txt")] {
        std::fs::create_dir_all(dir.path().join(folder)).unwrap();
        std::fs::copy(posts().join(file), dir.path().join(folder).join(file)).unwrap();
    }
    let out = dir.path().join("out");
    recap()
        .current_dir(dir.path())
        .args(["compare", "--group-by", "dir", "--out"])
        .arg(&out)
        .args(["pat", "sam"])
        .assert()
        .success();
    // pat wrote twice about Borrowed Time and Tidal Models: one talk each.
    // pat {Borrowed Time, Coastline, Tidal, Parsing}, sam {Borrowed Time, Coastline,
    // Small Tools}: Jaccard 2/5 = 0.4.
    assert_eq!(
        read(&out, "matrix.csv"),
        "talk,label,kind,speakers,date,attendees,pat,sam\n\
         t01,Borrowed Time,keynote,Wen Hsu,,2,1,1\n\
         t02,Coastline Maps from Scratch,talk,Marta Quist,,2,1,1\n\
         t03,Parsing Ferry Logs,talk,Oskar Lindgren,,1,1,0\n\
         t04,Small Tools for Big Tides,talk,Tomas Varga,,1,0,1\n\
         t05,Tidal Models for Everyone,talk,Ruth Amsel,,1,1,0\n"
    );
    let similarity = read(&out, "similarity.csv");
    assert!(similarity.contains("pat,sam,4,3,2,0.4,"), "{similarity}");
    let json: Value = serde_json::from_str(&read(&out, "compare.json")).unwrap();
    assert_eq!(json["group_by"], "dir");
    assert_eq!(json["attendees"][0]["posts"].as_array().unwrap().len(), 2);
}

#[test]
fn schedule_gives_official_titles_and_link_reports() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let schedule = fixtures().join("compare/schedule.csv");
    let stdout = run_compare(
        &out,
        &[posts()],
        &["--schedule", schedule.to_str().unwrap()],
    );
    let matrix = read(&out, "matrix.csv");
    for line in [
        "t01,Keynote: Borrowed Time,keynote,Wen Hsu,2030-06-06,3,1,1,1",
        "t02,Tidal Models for Everyone: Forecasts You Can Trust,talk,Ruth Amsel,2030-06-06,2,1,1,0",
        "t03,Coastline Maps from Scratch,talk,Marta Quist,2030-06-07,2,0,1,1",
        "t04,Parsing Ferry Logs with Regular Expressions,talk,Oskar Lindgren,2030-06-06,1,1,0,0",
        // Not in the schedule: keeps the post's title.
        "t05,Small Tools for Big Tides,talk,Tomas Varga,,1,0,0,1",
    ] {
        assert!(matrix.lines().any(|l| l == line), "{line}\n{matrix}");
    }
    assert!(read(&out, "links.csv").starts_with("path,title,kind,speakers,day,status,"));
    let json: Value = serde_json::from_str(&read(&out, "compare.json")).unwrap();
    assert_eq!(json["schedule"]["entries"], 10);
    assert_eq!(
        json["talks"][0]["official"]["title"],
        "Keynote: Borrowed Time"
    );
    assert!(
        stdout.contains("a link needs a score of at least 0.50"),
        "{stdout}"
    );
}
