//! Mergeable runs: `analyze --partial`, `map` and `merge` give the reports of one run.

use crate::util::{REPORTS, analyze, fixtures, read, recap};
use std::path::{Path, PathBuf};

/// Six posts in three formats from two folders, and one missing file, so a skipped input
/// has to land in its place too.
fn corpus(dir: &Path) -> Vec<PathBuf> {
    let mut posts: Vec<PathBuf> = ["posts", "compare/posts"]
        .iter()
        .flat_map(|d| std::fs::read_dir(fixtures().join(d)).unwrap())
        .map(|e| e.unwrap().path())
        .collect();
    posts.push(dir.join("missing.txt"));
    posts.sort();
    posts
}

fn assert_same_reports(expected: &Path, actual: &Path) {
    for name in REPORTS {
        assert_eq!(read(expected, name), read(actual, name), "{name}");
    }
}

/// The map input of posts: one JSON object a line, the format left to the extension.
fn map_input(posts: &[PathBuf]) -> String {
    posts
        .iter()
        .filter(|p| p.exists())
        .map(|p| {
            let post = serde_json::json!({
                "path": p.display().to_string(),
                "text": std::fs::read_to_string(p).unwrap(),
            });
            format!("{post}\n")
        })
        .collect()
}

#[test]
fn partials_of_two_halves_merge_into_the_reports_of_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let posts = corpus(dir.path());
    let all: Vec<&Path> = posts.iter().map(PathBuf::as_path).collect();
    let whole = dir.path().join("whole");
    recap()
        .arg("analyze")
        .arg("--out")
        .arg(&whole)
        .args(&all)
        .assert()
        .code(1);
    // Halves that interleave in path order, given in reverse order.
    let (even, odd): (Vec<_>, Vec<_>) = all.iter().enumerate().partition(|(i, _)| i % 2 == 0);
    for (name, half) in [("a.jsonl", &even), ("b.jsonl", &odd)] {
        recap()
            .arg("analyze")
            .arg("--partial")
            .arg(dir.path().join(name))
            .args(half.iter().rev().map(|(_, p)| p))
            .args(["--threads", "2"])
            .output()
            .unwrap();
        assert!(dir.path().join(name).exists(), "{name} not written");
    }
    let merged = dir.path().join("merged");
    recap()
        .arg("merge")
        .arg(dir.path().join("b.jsonl"))
        .arg(dir.path().join("a.jsonl"))
        .arg("--out")
        .arg(&merged)
        .assert()
        .code(1);
    assert_same_reports(&whole, &merged);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn map_then_merge_in_separate_processes_equals_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let posts: Vec<PathBuf> = corpus(dir.path())
        .into_iter()
        .filter(|p| p.exists())
        .collect();
    let all: Vec<&Path> = posts.iter().map(PathBuf::as_path).collect();
    let whole = analyze(&dir.path().join("one"), &all, &[]);
    // Two mappers over the posts in reverse order, one with a line that is no post.
    let mut reversed = posts.clone();
    reversed.reverse();
    let (first, second) = reversed.split_at(2);
    let part = |input: String| {
        let output = recap()
            .arg("map")
            .write_stdin(input)
            .assert()
            .success()
            .get_output()
            .clone();
        (output.stdout, String::from_utf8(output.stderr).unwrap())
    };
    let (part1, _) = part(map_input(first));
    let (part2, stderr) = part(map_input(second) + "{\"path\": \"broken.txt\", \"text\": 3}\n");
    assert!(
        stderr.contains("broken.txt: line 5 of the input"),
        "{stderr}"
    );
    // Both parts in one file, as `cat part-*` gives them.
    let parts = dir.path().join("parts.jsonl");
    std::fs::write(&parts, [part1.clone(), part2].concat()).unwrap();
    let merged = dir.path().join("merged");
    let failed = recap()
        .arg("merge")
        .arg(&parts)
        .arg("--out")
        .arg(&merged)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&failed.get_output().stderr).into_owned();
    assert!(stderr.contains("merged 7 documents"), "{stderr}");
    let documents = read(&merged, "documents.csv");
    assert!(
        documents.contains("broken.txt,,skipped,\"line 5 of the input: not a post"),
        "{documents}"
    );
    // Without the broken line the reports are those of one run; standard input works too.
    let only_good = dir.path().join("good.jsonl");
    let (part2, _) = part(map_input(second));
    std::fs::write(&only_good, part2).unwrap();
    let merged = dir.path().join("merged-good");
    recap()
        .arg("merge")
        .arg(&only_good)
        .arg("-")
        .arg("--out")
        .arg(&merged)
        .write_stdin(part1)
        .assert()
        .success();
    assert_same_reports(&whole, &merged);
}

#[test]
fn a_truncated_or_broken_partial_is_named_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let posts = [fixtures().join("posts/harbour-days.txt")];
    let good = dir.path().join("good.jsonl");
    recap()
        .arg("analyze")
        .arg("--partial")
        .arg(&good)
        .args(&posts)
        .assert()
        .success();
    let bytes = std::fs::read(&good).unwrap();
    let out = dir.path().join("out");
    let cases: [(&str, Vec<u8>, &str); 4] = [
        (
            "cut.jsonl",
            bytes[..bytes.len() / 2].to_vec(),
            "line 2: the last line is cut off",
        ),
        (
            "no-end.jsonl",
            bytes[..bytes.len() - 24].to_vec(),
            "is truncated: its last stream has 1 documents and no end line",
        ),
        (
            "garbage.jsonl",
            b"hello\n".to_vec(),
            "line 1: not a partial line",
        ),
        (
            "future.jsonl",
            b"{\"header\":{\"format\":\"recap-partial\",\"version\":9}}\n".to_vec(),
            "format version 9",
        ),
    ];
    for (name, content, message) in cases {
        let bad = dir.path().join(name);
        std::fs::write(&bad, content).unwrap();
        let failed = recap()
            .arg("merge")
            .arg(&good)
            .arg(&bad)
            .arg("--out")
            .arg(&out)
            .assert()
            .code(1);
        let stderr = String::from_utf8_lossy(&failed.get_output().stderr).into_owned();
        assert!(
            stderr.contains(&format!("partial {}", bad.display())) && stderr.contains(message),
            "{name}: {stderr}"
        );
        assert!(!out.exists(), "{name}: reports written");
    }
}
