//! Bad input: named in a message, reported, never the end of the run.

use crate::util::{post, read, recap};

#[test]
fn missing_file_is_reported_and_others_still_processed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let assert = recap()
        .arg("analyze")
        .arg("--out")
        .arg(&out)
        .arg(post("harbour-days.txt"))
        .arg(dir.path().join("nope.txt"))
        .assert()
        .code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("nope.txt: no such file or directory"),
        "{stderr}"
    );
    let documents = read(&out, "documents.csv");
    assert!(
        documents.contains("nope.txt,,skipped,no such file or directory"),
        "{documents}"
    );
    assert!(documents.contains("harbour-days.txt,txt,ok"), "{documents}");
}

#[test]
fn invalid_utf8_is_decoded_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("latin1.txt");
    std::fs::write(
        &bad,
        b"Day 1\n\nI saw \xe9 the \"Caf\xe9 Scale\" talk by Jo\xe3o Silva.\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let assert = recap()
        .arg("analyze")
        .arg("--out")
        .arg(&out)
        .arg(&bad)
        .assert()
        .success();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("latin1.txt: warning: invalid UTF-8"),
        "{stderr}"
    );
    let documents = read(&out, "documents.csv");
    assert!(documents.contains(",warning,invalid UTF-8"), "{documents}");
}

#[test]
fn empty_directory_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let assert = recap().arg("talks").arg(&empty).assert().code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("empty: directory holds no posts"),
        "{stderr}"
    );
}

#[test]
fn usage_error_exits_2() {
    recap().arg("analyze").assert().code(2);
    recap()
        .args(["talks", "--threads", "0", "x"])
        .assert()
        .code(2);
}

#[test]
fn binary_file_is_skipped_with_reason() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("blob.txt");
    std::fs::write(&bin, b"\x00\x01\x02binary").unwrap();
    let out = dir.path().join("out");
    recap()
        .arg("analyze")
        .arg("--out")
        .arg(&out)
        .arg(&bin)
        .arg(post("harbour-days.txt"))
        .assert()
        .code(1);
    let documents = read(&out, "documents.csv");
    assert!(
        documents.contains("blob.txt,,skipped,\"binary file"),
        "{documents}"
    );
}
