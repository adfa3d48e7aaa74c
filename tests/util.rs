//! A private work folder per test and a way to run the binary in it.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The folder holding the fixture posts.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A fixture post's path.
pub fn post(name: &str) -> PathBuf {
    fixtures().join("posts").join(name)
}

/// A command running the built `recap` binary.
pub fn recap() -> Command {
    Command::cargo_bin("recap").expect("binary is built")
}

/// Runs `recap analyze` on `inputs` into a fresh folder and returns the folder.
pub fn analyze(dir: &Path, inputs: &[&Path], extra: &[&str]) -> PathBuf {
    let out = dir.join("out");
    let mut cmd = recap();
    cmd.arg("analyze")
        .arg("--out")
        .arg(&out)
        .args(inputs)
        .args(extra);
    cmd.assert().success();
    out
}

/// Reads a report file.
pub fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The six report files.
pub const REPORTS: [&str; 6] = [
    "documents.csv",
    "mentions.csv",
    "entities.csv",
    "talks.csv",
    "cooccurrence.csv",
    "report.json",
];
