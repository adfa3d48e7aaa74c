//! Scoring extraction against hand-made gold files.
//!
//! A gold file (`GOLD_DIR/NAME.json` for a post `NAME.ext`) lists what a careful reader
//! extracts: `{"talks": [{"title", "speakers", "day"}], "persons": [], "aliases": {},
//! "projects": [], "days": []}`. Names match when equal after case and diacritics are
//! folded (a person also by any gold alias); talks match by title similarity
//! ([`title_similarity`] ≥ 0.5), one to one, best pairs first. Day and speaker accuracy
//! are measured over matched talks.

use crate::extract::EntityKind;
use crate::pipeline::Analysis;
use crate::rules::fold;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A gold annotation.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Gold {
    /// Talks.
    #[serde(default)]
    pub talks: Vec<GoldTalk>,
    /// Persons, fullest form.
    #[serde(default)]
    pub persons: Vec<String>,
    /// Other forms of persons.
    #[serde(default)]
    pub aliases: BTreeMap<String, Vec<String>>,
    /// Projects.
    #[serde(default)]
    pub projects: Vec<String>,
    /// Day markers.
    #[serde(default)]
    pub days: Vec<String>,
}

/// A gold talk.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct GoldTalk {
    /// Title.
    pub title: String,
    /// Speakers.
    #[serde(default)]
    pub speakers: Vec<String>,
    /// Day marker.
    #[serde(default)]
    pub day: Option<String>,
}

/// Hits and misses for one kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Found and in the gold.
    pub true_positives: usize,
    /// Found, not in the gold.
    pub false_positives: usize,
    /// In the gold, not found.
    pub false_negatives: usize,
}

impl Counts {
    /// Precision.
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }
    /// Recall.
    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }
    /// F1.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, other: Counts) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Scores of one document or a whole set.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Score {
    /// Talks.
    pub talks: Counts,
    /// Persons.
    pub persons: Counts,
    /// Projects.
    pub projects: Counts,
    /// Days.
    pub days: Counts,
    /// Matched talks whose day is right.
    pub day_correct: usize,
    /// Matched talks whose speakers are right.
    pub speakers_correct: usize,
    /// Matched talks.
    pub matched_talks: usize,
    /// What was missed and what was extra, for reading.
    pub misses: Vec<String>,
}

impl Score {
    /// Micro-averaged counts over the four kinds.
    pub fn micro(&self) -> Counts {
        let mut c = Counts::default();
        for k in [self.talks, self.persons, self.projects, self.days] {
            c.add(k);
        }
        c
    }

    /// Adds another document's score.
    pub fn add(&mut self, other: &Score) {
        self.talks.add(other.talks);
        self.persons.add(other.persons);
        self.projects.add(other.projects);
        self.days.add(other.days);
        self.day_correct += other.day_correct;
        self.speakers_correct += other.speakers_correct;
        self.matched_talks += other.matched_talks;
        self.misses.extend(other.misses.iter().cloned());
    }
}

/// Folded form for comparing names: case, diacritics, punctuation and space ignored.
fn key(s: &str) -> String {
    fold(s)
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '+' || *c == '#')
        .collect()
}

/// Similarity of two talk titles in [0, 1]: 1 when the meaningful words of one contain
/// those of the other, else the Jaccard overlap of their words, or their spelling
/// similarity where that is high.
pub fn title_similarity(a: &str, b: &str) -> f64 {
    const STOP: &[&str] = &[
        "the", "a", "an", "of", "on", "in", "and", "to", "for", "with", "about", "talk", "by",
        "is", "at",
    ];
    let words = |s: &str| -> Vec<String> {
        let mut w: Vec<String> = fold(s)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && !STOP.contains(w))
            .map(str::to_string)
            .collect();
        w.sort();
        w.dedup();
        w
    };
    let (wa, wb) = (words(a), words(b));
    if wa.is_empty() || wb.is_empty() {
        return if key(a) == key(b) { 1.0 } else { 0.0 };
    }
    let shared = wa.iter().filter(|w| wb.contains(w)).count();
    if shared == wa.len().min(wb.len()) {
        return 1.0;
    }
    let jaccard = shared as f64 / (wa.len() + wb.len() - shared) as f64;
    // A typo ("mutliprocessing") should not hide an otherwise equal title.
    let spelling = strsim::normalized_damerau_levenshtein(&key(a), &key(b));
    if spelling >= 0.85 {
        jaccard.max(spelling)
    } else {
        jaccard
    }
}

/// Scores one analysis against its gold.
pub fn score(analysis: &Analysis, gold: &Gold) -> Score {
    let mut s = Score::default();
    let path = &analysis.path;
    let names = |kind: EntityKind| -> Vec<(String, Vec<String>)> {
        analysis
            .entities
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| (e.name.clone(), e.aliases.clone()))
            .collect()
    };
    let gold_persons: Vec<(String, Vec<String>)> = gold
        .persons
        .iter()
        .map(|p| (p.clone(), gold.aliases.get(p).cloned().unwrap_or_default()))
        .collect();
    s.persons = match_names(
        path,
        "person",
        &names(EntityKind::Person),
        &gold_persons,
        &mut s.misses,
    );
    let plain = |v: &[String]| {
        v.iter()
            .map(|n| (n.clone(), Vec::new()))
            .collect::<Vec<_>>()
    };
    s.projects = match_names(
        path,
        "project",
        &names(EntityKind::Project),
        &plain(&gold.projects),
        &mut s.misses,
    );
    s.days = match_names(
        path,
        "day",
        &names(EntityKind::Day),
        &plain(&gold.days),
        &mut s.misses,
    );

    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (i, t) in analysis.talks.iter().enumerate() {
        for (j, g) in gold.talks.iter().enumerate() {
            let sim = title_similarity(&t.title, &g.title);
            if sim >= 0.5 {
                pairs.push((sim, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut used_p = vec![false; analysis.talks.len()];
    let mut used_g = vec![false; gold.talks.len()];
    for (_, i, j) in pairs {
        if used_p[i] || used_g[j] {
            continue;
        }
        used_p[i] = true;
        used_g[j] = true;
        s.matched_talks += 1;
        let (t, g) = (&analysis.talks[i], &gold.talks[j]);
        if t.day.as_deref().map(key) == g.day.as_deref().map(key) {
            s.day_correct += 1;
        } else {
            s.misses.push(format!(
                "{path}: talk {:?} day {:?}, gold {:?}",
                t.title, t.day, g.day
            ));
        }
        let mut a: Vec<String> = t.speakers.iter().map(|x| key(x)).collect();
        let mut b: Vec<String> = g.speakers.iter().map(|x| key(x)).collect();
        a.sort();
        b.sort();
        if a == b {
            s.speakers_correct += 1;
        } else {
            s.misses.push(format!(
                "{path}: talk {:?} speakers {:?}, gold {:?}",
                t.title, t.speakers, g.speakers
            ));
        }
    }
    s.talks.true_positives = s.matched_talks;
    s.talks.false_positives = used_p.iter().filter(|u| !**u).count();
    s.talks.false_negatives = used_g.iter().filter(|u| !**u).count();
    for (i, t) in analysis
        .talks
        .iter()
        .enumerate()
        .filter(|(i, _)| !used_p[*i])
    {
        let _ = i;
        s.misses
            .push(format!("{path}: extra talk {:?} ({})", t.title, t.rule));
    }
    for g in gold
        .talks
        .iter()
        .zip(&used_g)
        .filter(|(_, u)| !**u)
        .map(|(g, _)| g)
    {
        s.misses.push(format!("{path}: missed talk {:?}", g.title));
    }
    s
}

fn match_names(
    path: &str,
    kind: &str,
    found: &[(String, Vec<String>)],
    gold: &[(String, Vec<String>)],
    misses: &mut Vec<String>,
) -> Counts {
    let mut used = vec![false; gold.len()];
    let mut c = Counts::default();
    for (name, aliases) in found {
        let forms: Vec<String> = std::iter::once(name)
            .chain(aliases)
            .map(|n| key(n))
            .collect();
        let hit = gold.iter().enumerate().find(|(j, (g, ga))| {
            !used[*j] && (forms.contains(&key(g)) || ga.iter().any(|a| key(a) == key(name)))
        });
        match hit {
            Some((j, _)) => {
                used[j] = true;
                c.true_positives += 1;
            }
            None => {
                c.false_positives += 1;
                misses.push(format!("{path}: extra {kind} {name:?}"));
            }
        }
    }
    for (j, (g, _)) in gold.iter().enumerate() {
        if !used[j] {
            c.false_negatives += 1;
            misses.push(format!("{path}: missed {kind} {g:?}"));
        }
    }
    c
}

/// The per-kind table `recap eval` prints.
pub fn render(score: &Score, documents: usize) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "documents scored: {documents}");
    let _ = writeln!(
        out,
        "{:<9} {:>5} {:>5} {:>5} {:>9} {:>7} {:>6}",
        "kind", "tp", "fp", "fn", "precision", "recall", "f1"
    );
    for (name, c) in [
        ("talks", score.talks),
        ("persons", score.persons),
        ("projects", score.projects),
        ("days", score.days),
        ("micro", score.micro()),
    ] {
        let _ = writeln!(
            out,
            "{:<9} {:>5} {:>5} {:>5} {:>9.3} {:>7.3} {:>6.3}",
            name,
            c.true_positives,
            c.false_positives,
            c.false_negatives,
            c.precision(),
            c.recall(),
            c.f1()
        );
    }
    let _ = writeln!(
        out,
        "talk day accuracy:     {:.3} ({}/{})",
        ratio(score.day_correct, score.matched_talks),
        score.day_correct,
        score.matched_talks
    );
    let _ = writeln!(
        out,
        "talk speaker accuracy: {:.3} ({}/{})",
        ratio(score.speakers_correct, score.matched_talks),
        score.speakers_correct,
        score.matched_talks
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_similarity_cases() {
        assert_eq!(title_similarity("Python for CS1", "python for cs1"), 1.0);
        assert_eq!(title_similarity("keynote", "keynote"), 1.0);
        assert_eq!(
            title_similarity("open space on podcasting", "podcasting"),
            1.0
        );
        assert!(title_similarity("mutliprocessing", "multiprocessing") > 0.85);
        assert_eq!(title_similarity("Rust", "Go"), 0.0);
        assert!(title_similarity("The State of Django", "State of TurboGears") < 0.5);
    }

    #[test]
    fn counts_math() {
        let c = Counts {
            true_positives: 3,
            false_positives: 1,
            false_negatives: 2,
        };
        assert!((c.precision() - 0.75).abs() < 1e-9);
        assert!((c.recall() - 0.6).abs() < 1e-9);
        assert!((c.f1() - 2.0 * 0.75 * 0.6 / 1.35).abs() < 1e-9);
    }
}
