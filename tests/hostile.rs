//! Hostile and broken input (issue 5): bad files are named, reported and skipped while the
//! good posts come out exactly as they would alone; no report cell can run as a
//! spreadsheet formula; a failed write leaves the earlier reports intact; and reports do
//! not depend on the thread count or the input order.
//!
//! Every hostile file is made at test time in a temporary folder, so none is committed.

use crate::util::{REPORTS, fixtures, post, read, recap};
use proptest::prelude::*;
use recap::input::{self, ByteSize};
use recap::pipeline::{self, RunOptions};
use recap::record::DocumentRecord;
use recap::report::csv::Formulas;
use recap::report::{REPORT_FILES, Report, RunWriter, atomic};
use recap::rules::Rules;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

static RULES: LazyLock<Rules> = LazyLock::new(Rules::builtin);

const GOOD: [&str; 3] = ["harbour-days.txt", "lakeside-js.md", "river-rust.html"];

/// The limit used with the hostile folder: above the long line, below the oversized file.
const LIMIT: u64 = 6 << 20;

/// A short recap in plain text whose entities (Zofia Kowalczyk, Haskell, Day 3) appear in
/// no good post, so a decoded hostile file adds rows of its own and changes none of theirs.
fn twin(title: &str) -> String {
    format!("Day 3\n\nI went to “{title}” by Zofia Kowalczyk. It was all about Haskell.\n")
}

/// The same recap as HTML.
fn twin_html(title: &str) -> String {
    format!(
        "<h2>Day 3</h2><p>I went to “{title}” by Zofia Kowalczyk. It was all about Haskell.</p>"
    )
}

fn utf16(text: &str, unit: fn(u16) -> [u8; 2], bom: &[u8]) -> Vec<u8> {
    bom.iter()
        .copied()
        .chain(text.encode_utf16().flat_map(unit))
        .collect()
}

fn utf32(text: &str, unit: fn(u32) -> [u8; 4], bom: &[u8]) -> Vec<u8> {
    bom.iter()
        .copied()
        .chain(text.chars().flat_map(|c| unit(u32::from(c))))
        .collect()
}

/// A hostile file and what `documents.csv` must say about it.
struct Case {
    name: &'static str,
    bytes: Vec<u8>,
    status: &'static str,
    /// Text the `reason` cell must contain (empty: the reason must be empty).
    reason: &'static str,
    /// For a file that is read: the talk title it must yield.
    title: Option<&'static str>,
}

fn case(name: &'static str, bytes: impl Into<Vec<u8>>, status: &'static str) -> Case {
    Case {
        name,
        bytes: bytes.into(),
        status,
        reason: "",
        title: None,
    }
}

impl Case {
    fn reason(self, reason: &'static str) -> Case {
        Case { reason, ..self }
    }

    fn title(self, title: &'static str) -> Case {
        Case {
            title: Some(title),
            ..self
        }
    }
}

/// Every file case of item 1 of the issue, the file-system ones excepted.
fn cases() -> Vec<Case> {
    let deep = 10_000;
    let long_line = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(88_000);
    assert!(long_line.len() > 5_000_000 && !long_line.contains('\n'));
    vec![
        case(
            "binary.txt",
            &b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0"[..],
            "skipped",
        )
        .reason("binary file (contains NUL bytes)"),
        case(
            "utf16le.txt",
            utf16(&twin("Sixteen Little"), u16::to_le_bytes, &[0xFF, 0xFE]),
            "ok",
        )
        .title("Sixteen Little"),
        case(
            "utf16be.txt",
            utf16(&twin("Sixteen Big"), u16::to_be_bytes, &[0xFE, 0xFF]),
            "ok",
        )
        .title("Sixteen Big"),
        case(
            "utf32le.txt",
            utf32(
                &twin("Thirty-Two Little"),
                u32::to_le_bytes,
                &[0xFF, 0xFE, 0, 0],
            ),
            "ok",
        )
        .title("Thirty-Two Little"),
        case(
            "utf32be.html",
            utf32(
                &twin_html("Thirty-Two Big"),
                u32::to_be_bytes,
                &[0, 0, 0xFE, 0xFF],
            ),
            "ok",
        )
        .title("Thirty-Two Big"),
        case(
            "utf32-broken.txt",
            [&[0xFF, 0xFE, 0, 0][..], b"a\0\0\0\0\xd8\0\0"].concat(),
            "skipped",
        )
        .reason("not valid UTF-32 (code unit 0x0000d800 at byte 8"),
        case("latin1.txt", latin1(&twin("Caf\u{e9} Bytes")), "warning")
            .reason("invalid UTF-8 at byte")
            .title("Caf\u{fffd} Bytes"),
        case("empty.txt", Vec::new(), "skipped").reason("empty file, skipped"),
        case("blank.md", " \r\n\t\n\u{200b}\u{202e} \n", "skipped").reason("empty file (no text"),
        case(
            "crlf.txt",
            twin("Windows Lines").replace('\n', "\r\n"),
            "ok",
        )
        .title("Windows Lines"),
        case(
            "cr.txt",
            twin("Classic Mac Lines").replace('\n', "\r"),
            "ok",
        )
        .title("Classic Mac Lines"),
        case(
            "invisible.txt",
            twin("In\u{200b}visible \u{202e}Ink\u{202c} \u{2066}Tricks\u{2069}\u{feff}"),
            "ok",
        )
        .title("Invisible Ink Tricks"),
        case(
            "nested.html",
            format!(
                "{}{}{}",
                "<div><span>".repeat(deep),
                twin_html("Deep Markup"),
                "</span></div>".repeat(deep)
            ),
            "ok",
        )
        .title("Deep Markup"),
        case("long-line.txt", long_line, "ok"),
    ]
}

/// `text` with `é` written as one Latin-1 byte: invalid UTF-8 in an otherwise UTF-8 post.
fn latin1(text: &str) -> Vec<u8> {
    text.replace('\u{e9}', "\u{1}")
        .bytes()
        .map(|b| if b == 1 { 0xE9 } else { b })
        .collect()
}

/// Hostile entries of the file system: links that cannot be followed, a file that
/// cannot be read. Returns the cases to check, without the unreadable one when running
/// as a user (such as root) whom `chmod 000` does not stop.
#[cfg(unix)]
fn file_system_cases(dir: &Path) -> Vec<(&'static str, &'static str)> {
    use std::os::unix::fs::{PermissionsExt, symlink};
    symlink(".", dir.join("loop")).unwrap();
    symlink("self.txt", dir.join("self.txt")).unwrap();
    symlink("nowhere.txt", dir.join("dangling.txt")).unwrap();
    let mut cases = vec![
        ("loop", "symbolic link loop, skipped"),
        ("self.txt", "cannot follow symbolic link"),
        ("dangling.txt", "broken symbolic link"),
    ];
    let locked = dir.join("unreadable.txt");
    std::fs::write(&locked, twin("Locked Out")).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_err() {
        cases.push(("unreadable.txt", "permission denied"));
    } else {
        // Running as root: the file is readable whatever its mode, so it is no test.
        std::fs::remove_file(&locked).unwrap();
    }
    cases
}

#[cfg(not(unix))]
fn file_system_cases(_: &Path) -> Vec<(&'static str, &'static str)> {
    Vec::new()
}

/// A CSV report's records, header first, read back with the csv crate.
fn records(out: &Path, name: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(out.join(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    reader
        .records()
        .map(|r| {
            r.unwrap_or_else(|e| panic!("{name}: {e}"))
                .iter()
                .map(String::from)
                .collect()
        })
        .collect()
}

/// Opens every report: each CSV with the csv crate, `report.json` with serde_json.
fn open_reports(out: &Path) -> (BTreeMap<&'static str, Vec<Vec<String>>>, Value) {
    let csvs = REPORTS
        .iter()
        .filter(|name| name.ends_with(".csv"))
        .map(|&name| (name, records(out, name)))
        .collect();
    let json = serde_json::from_str(&read(out, "report.json")).expect("report.json is JSON");
    (csvs, json)
}

/// Rows of `records` (header excluded) whose `path` column names one of `paths`.
fn rows_of(records: &[Vec<String>], paths: &BTreeSet<String>) -> Vec<Vec<String>> {
    records[1..]
        .iter()
        .filter(|r| paths.contains(&r[0]))
        .cloned()
        .collect()
}

#[test]
fn hostile_folder_is_reported_file_by_file_and_good_posts_are_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("posts");
    std::fs::create_dir(&posts).unwrap();
    for name in GOOD {
        std::fs::copy(post(name), posts.join(name)).unwrap();
    }
    let good_out = dir.path().join("good");
    recap()
        .arg("analyze")
        .arg("--out")
        .arg(&good_out)
        .arg(&posts)
        .assert()
        .success();

    let cases = cases();
    for c in &cases {
        std::fs::write(posts.join(c.name), &c.bytes).unwrap();
    }
    File::create(posts.join("too-large.txt"))
        .unwrap()
        .set_len(LIMIT + 1)
        .unwrap();
    let mut skipped = vec![("too-large.txt", "over the --max-file-size limit of 6 MiB")];
    skipped.extend(file_system_cases(&posts));
    let all_out = dir.path().join("all");
    let run = recap()
        .arg("analyze")
        .arg("--out")
        .arg(&all_out)
        .arg(&posts)
        .arg("--max-file-size")
        .arg("6MiB")
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).into_owned();

    let (good, _) = open_reports(&good_out);
    let (all, json) = open_reports(&all_out);
    let path = |name: &str| posts.join(name).display().to_string();
    let good_paths: BTreeSet<String> = GOOD.iter().map(|n| path(n)).collect();

    // The good posts' rows are exactly those of a run without the bad files. (The
    // co-occurrence scores are corpus-wide by definition, so they are not compared.)
    for name in ["documents.csv", "talks.csv", "mentions.csv"] {
        assert_eq!(all[name][0], good[name][0], "{name} header");
        assert_eq!(
            rows_of(&all[name], &good_paths),
            good[name][1..].to_vec(),
            "{name}"
        );
    }
    let all_entities: BTreeSet<&Vec<String>> = all["entities.csv"].iter().collect();
    for row in &good["entities.csv"] {
        assert!(
            all_entities.contains(row),
            "entities.csv lost or changed {row:?}"
        );
    }
    let good_names: BTreeSet<&str> = good["entities.csv"].iter().map(|r| r[1].as_str()).collect();
    let added: BTreeSet<&str> = all["entities.csv"]
        .iter()
        .map(|r| r[1].as_str())
        .filter(|n| !good_names.contains(n))
        .collect();
    assert_eq!(
        added,
        BTreeSet::from(["Day 3", "Haskell", "Zofia Kowalczyk"]),
        "only the twin recap's entities are new"
    );

    // Each bad file has one row saying what became of it, and stderr names the skipped.
    let documents: BTreeMap<&str, &Vec<String>> = all["documents.csv"][1..]
        .iter()
        .map(|r| (r[0].as_str(), r))
        .collect();
    let expected = cases.iter().map(|c| (c.name, c.status, c.reason)).chain(
        skipped
            .iter()
            .map(|&(name, reason)| (name, "skipped", reason)),
    );
    let mut checked = 0;
    for (name, status, reason) in expected {
        let row = documents
            .get(path(name).as_str())
            .unwrap_or_else(|| panic!("no documents.csv row for {name}"));
        assert_eq!(row[2], status, "{name}: {row:?}");
        if reason.is_empty() {
            assert_eq!(row[3], "", "{name}");
        } else {
            assert!(row[3].contains(reason), "{name}: {row:?}");
        }
        if status == "skipped" {
            assert!(
                stderr.contains(&format!("{}: {}", path(name), row[3])),
                "{name}: {stderr}"
            );
        } else {
            assert!(
                row[5].parse::<usize>().unwrap() > 0,
                "{name} has words: {row:?}"
            );
        }
        checked += 1;
    }
    assert_eq!(documents.len(), GOOD.len() + checked, "one row per input");
    assert_eq!(json["documents"].as_array().unwrap().len(), documents.len());

    // Every decoded file yields the twin recap's talk, with its speaker and day.
    for c in cases.iter().filter(|c| c.title.is_some()) {
        let talk = all["talks.csv"]
            .iter()
            .find(|r| r[0] == path(c.name))
            .unwrap_or_else(|| panic!("{}: no talk", c.name));
        assert_eq!(
            (talk[1].as_str(), talk[3].as_str(), talk[4].as_str()),
            (c.title.unwrap(), "Zofia Kowalczyk", "Day 3"),
            "{}",
            c.name
        );
    }
}

#[test]
fn empty_inputs_are_reported_without_failing_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.md");
    std::fs::write(&empty, "\n\n").unwrap();
    let out = dir.path().join("out");
    recap()
        .arg("analyze")
        .arg("--out")
        .arg(&out)
        .arg(&empty)
        .assert()
        .success();
    let (csvs, json) = open_reports(&out);
    assert_eq!(csvs["mentions.csv"].len(), 1, "the header, and no row");
    assert_eq!(csvs["mentions.csv"][0][0], "path");
    assert_eq!(csvs["cooccurrence.csv"][0][0], "window");
    assert_eq!(
        csvs["documents.csv"][1][2..4],
        [
            "skipped",
            "empty file (no text: only whitespace, invisible characters or markup), skipped"
        ]
    );
    assert_eq!(json["documents"][0]["status"], "skipped");
}

#[test]
fn standard_input_over_the_limit_is_skipped_with_the_fix() {
    let run = recap()
        .args(["talks", "-", "--max-file-size", "1KB"])
        .write_stdin("Day 1\n".repeat(500))
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
    assert!(
        stderr.contains(
            "-: input is over the --max-file-size limit of 1.0 KB (1000 bytes), skipped (to read it, pass --max-file-size 1MiB)"
        ),
        "{stderr}"
    );
}

/// A list of talks whose titles begin with each formula character, and a rule pack whose
/// project names do, so entity names, talk titles, surfaces and paths all start with one.
fn formula_corpus(dir: &Path) -> PathBuf {
    std::fs::write(
        dir.join("=cmd.txt"),
        "Day 1\n\n\
         - Grace Hopper - =HYPERLINK(\"https://evil.example\",\"slides\")\n\
         - Greta Thunberg - @SUM(A1) for fun\n\
         - Ana Silva - +Plus Ultra\n\
         - Zofia Kowalczyk - -Minus One Talk\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("@home.md"),
        "# Day 1\n\nWe used `hyperlinkjs`, scopepkg, plusjs and minusjs all day.\n",
    )
    .unwrap();
    let pack = dir.join("pack.toml");
    let projects = [
        ("=HYPERLINK(\\\"x\\\")", "hyperlinkjs"),
        ("@scope/pkg", "scopepkg"),
        ("+plus", "plusjs"),
        ("-minus", "minusjs"),
    ]
    .map(|(name, alias)| {
        format!("[[project]]\nname = \"{name}\"\ncategory = \"library\"\naliases = [\"{alias}\"]\n")
    });
    std::fs::write(&pack, projects.concat()).unwrap();
    pack
}

const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

#[test]
fn no_csv_cell_runs_as_a_formula_and_json_stays_valid() {
    let dir = tempfile::tempdir().unwrap();
    let pack = formula_corpus(dir.path());
    let out = dir.path().join("out");
    let raw = dir.path().join("raw");
    for (folder, extra) in [(&out, None), (&raw, Some("--raw-csv"))] {
        recap()
            .current_dir(dir.path())
            .arg("analyze")
            .arg("--out")
            .arg(folder)
            .args(["=cmd.txt", "@home.md", "--rules"])
            .arg(&pack)
            .args(extra)
            .assert()
            .success();
    }

    let (csvs, json) = open_reports(&out);
    let mut neutralized = BTreeSet::new();
    for (name, rows) in &csvs {
        for cell in rows.iter().flatten() {
            assert!(
                cell.len() == 1 || !cell.starts_with(TRIGGERS),
                "{name}: formula cell {cell:?}"
            );
            if let Some(rest) = cell.strip_prefix('\'') {
                neutralized.insert((*name, rest.chars().next().unwrap()));
            }
        }
    }
    for c in ['=', '+', '-', '@'] {
        for name in ["entities.csv", "talks.csv", "mentions.csv", "documents.csv"] {
            if name == "documents.csv" && c != '=' && c != '@' {
                continue; // only two paths, named with = and @
            }
            assert!(
                neutralized.contains(&(name, c)),
                "{name}: no cell began with {c}"
            );
        }
    }
    let talks = &csvs["talks.csv"];
    assert!(
        talks
            .iter()
            .any(|r| r[1] == "'=HYPERLINK(\"https://evil.example\",\"slides\")")
    );
    // Numbers are not text: a negative score stays a number.
    for row in &csvs["cooccurrence.csv"][1..] {
        row[6].parse::<f64>().expect("npmi is a number");
    }

    // JSON holds the names as they are; it is data, not a spreadsheet.
    let names: Vec<&str> = json["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    for name in ["=HYPERLINK(\"x\")", "@scope/pkg", "+plus", "-minus"] {
        assert!(names.contains(&name), "{name} in {names:?}");
    }

    // --raw-csv writes cells as found; everything else is the same.
    let (raw_csvs, raw_json) = open_reports(&raw);
    assert!(
        raw_csvs["entities.csv"]
            .iter()
            .any(|r| r[1] == "=HYPERLINK(\"x\")")
    );
    assert_eq!(raw_json, json);
    let unquote = |rows: &Vec<Vec<String>>| -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| {
                r.iter()
                    .map(|c| match c.strip_prefix('\'') {
                        Some(rest) if rest.starts_with(TRIGGERS) => rest.to_string(),
                        _ => c.clone(),
                    })
                    .collect()
            })
            .collect()
    };
    for (name, rows) in &csvs {
        assert_eq!(unquote(rows), raw_csvs[name], "{name}");
    }

    // `recap talks --format csv` neutralizes too.
    let talks_csv = recap()
        .current_dir(dir.path())
        .args(["talks", "--format", "csv", "=cmd.txt"])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&talks_csv.get_output().stdout).into_owned();
    assert!(stdout.contains("'=cmd.txt,\"'=HYPERLINK("), "{stdout}");
}

/// The six report files of a folder, with everything else in it.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The records of a run over `paths`.
fn records_of(paths: &[PathBuf]) -> Vec<DocumentRecord> {
    let (sources, errors) = input::discover(paths);
    let options = RunOptions {
        threads: 1,
        max_file_size: ByteSize::DEFAULT_MAX_FILE,
    };
    pipeline::records(&pipeline::run(&sources, errors, &RULES, &options))
}

/// Writes the reports of `records` into `out` as `recap analyze` does, filling the
/// temporary files with `write`.
fn write_reports(
    out: &Path,
    records: &[DocumentRecord],
    write: Box<atomic::WriteFn<'_>>,
) -> anyhow::Result<()> {
    let mut run = RunWriter::create_with(Some(out), None, Formulas::Neutralize, write)?;
    for r in records {
        run.document(r)?;
    }
    run.finish(&[])
}

#[test]
fn a_run_failing_mid_write_leaves_the_earlier_reports_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("notes.txt"), "the user's own file").unwrap();
    let first = records_of(&[fixtures().join("posts")]);
    write_reports(&out, &first, Box::new(atomic::write_only)).unwrap();
    let before = snapshot(&out);
    assert_eq!(before.len(), REPORTS.len() + 1);

    let next = records_of(&[post("harbour-days.txt")]);
    let mut calls = 0;
    let mut crash_on_third = |file: &mut File, bytes: &[u8]| {
        calls += 1;
        if calls == 3 {
            file.write_all(&bytes[..bytes.len() / 2])?;
            return Err(std::io::Error::other("simulated crash"));
        }
        atomic::write_only(file, bytes)
    };
    let err = write_reports(&out, &next, Box::new(&mut crash_on_third)).unwrap_err();
    assert!(
        err.to_string().contains("entities.csv: simulated crash"),
        "{err}"
    );
    assert_eq!(
        snapshot(&out),
        before,
        "reports changed or temporary files left"
    );

    // The same report written without a failure does replace them.
    write_reports(&out, &next, Box::new(atomic::write_only)).unwrap();
    let after = snapshot(&out);
    assert_ne!(after["documents.csv"], before["documents.csv"]);
    assert_eq!(after["notes.txt"], before["notes.txt"]);
}

/// A long post on one line reads as the same short post would: one talk with its
/// speaker, however often the sentence repeats (and in time linear in its length).
#[test]
fn a_two_megabyte_line_reads_like_one_sentence() {
    let sentence =
        "On Day 2 I went to “Parsing Broken Bytes” by Zofia Kowalczyk, all about Haskell. ";
    let text = sentence.repeat(2_000_000 / sentence.len() + 1);
    let doc = input::parse("one-line.txt", text.as_bytes(), input::Format::Text).unwrap();
    let analysis = pipeline::analyze(&doc, &RULES);
    assert_eq!(analysis.talks.len(), 1);
    let talk = &analysis.talks[0];
    assert_eq!(talk.title, "Parsing Broken Bytes");
    assert_eq!(talk.speakers, ["Zofia Kowalczyk"]);
    let repeats = text.matches("Zofia Kowalczyk").count();
    assert_eq!(talk.mentions, repeats);
    let persons: BTreeSet<&str> = analysis
        .mentions
        .iter()
        .filter(|m| m.kind == recap::extract::EntityKind::Person)
        .map(|m| &*m.entity)
        .collect();
    assert_eq!(persons, BTreeSet::from(["Zofia Kowalczyk"]));
}

/// Item 1's 50 MB post with no newline, in recap prose (quotes, names, projects, a day).
/// Too slow for every test run, so run by hand in release mode:
/// `cargo test --release --test integration -- --ignored fifty_megabytes`.
#[test]
#[ignore = "50 MB of input: run by hand in release mode"]
fn fifty_megabytes_on_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let sentence =
        "On Day 2 I went to “Parsing Broken Bytes” by Zofia Kowalczyk, all about Haskell. ";
    let big = dir.path().join("one-line.txt");
    std::fs::write(&big, sentence.repeat(50_000_000 / sentence.len() + 1)).unwrap();
    let started = std::time::Instant::now();
    recap()
        .arg("analyze")
        .arg("--out")
        .arg(dir.path().join("out"))
        .arg(&big)
        .args(["--max-file-size", "64MiB"])
        .timeout(std::time::Duration::from_secs(600))
        .assert()
        .success();
    eprintln!(
        "50 MB on one line: {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

/// Every report of a run, serialized, in a fixed order: as `recap analyze` streams them,
/// after checking that they are byte for byte those of the whole run held in memory.
fn rendered(sources: &[input::Source], threads: usize) -> Vec<Vec<u8>> {
    let options = RunOptions {
        threads,
        max_file_size: ByteSize::DEFAULT_MAX_FILE,
    };
    let outcomes = pipeline::run(sources, Vec::new(), &RULES, &options);
    let records = pipeline::records(&outcomes);
    let aggregates = pipeline::corpus_aggregates(&records);
    let in_memory = Report::build(&records, &aggregates)
        .files(Formulas::Neutralize)
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    write_reports(dir.path(), &records, Box::new(atomic::write_only)).unwrap();
    let streamed: Vec<Vec<u8>> = REPORT_FILES
        .iter()
        .map(|name| std::fs::read(dir.path().join(name)).unwrap())
        .collect();
    assert_eq!(
        streamed, in_memory,
        "streamed reports differ from the in-memory ones"
    );
    streamed
}

/// A post's bytes: recap-like pieces, now and then raw bytes that may not be text.
fn post_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just("Day One\n\n".to_string()),
        Just("## Day 2\n\n".to_string()),
        Just("“Intro to Rust” by Łukasz Langa. ".to_string()),
        Just("Jesse Noller’s talk on asyncio, with Django and k8s. ".to_string()),
        Just("- Ana de la Cruz - Panel: Go\n".to_string()),
        Just("<p>Guido’s keynote</p>".to_string()),
        "[A-Za-z .,“”\n]{0,30}",
    ];
    prop_oneof![
        4 => prop::collection::vec(piece, 0..8).prop_map(|v| v.concat().into_bytes()),
        1 => prop::collection::vec(any::<u8>(), 0..64),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn reports_do_not_depend_on_threads_or_input_order(
        posts in prop::collection::vec((post_bytes(), 0..3usize), 1..6),
        order in any::<u64>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        for (i, (bytes, format)) in posts.iter().enumerate() {
            let name = format!("p{i}.{}", ["txt", "md", "html"][*format]);
            std::fs::write(dir.path().join(name), bytes).unwrap();
        }
        let (sources, _) = input::discover(&[dir.path().to_path_buf()]);
        let mut shuffled = sources.clone();
        let mut state = order;
        for i in (1..shuffled.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (state >> 33) as usize % (i + 1));
        }
        let one = rendered(&sources, 1);
        prop_assert_eq!(&one, &rendered(&sources, 4));
        prop_assert_eq!(&one, &rendered(&shuffled, 4));
        prop_assert_eq!(&one, &rendered(&shuffled, 1));
    }
}
