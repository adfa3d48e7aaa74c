//! Corpus counts: mentions and documents per entity, and co-occurrence of entities within
//! a sentence and within a paragraph.
//!
//! Everything here is a sum, so per-document aggregates merge in any order into the same
//! result; sorted maps make the output the same for any thread count.
//!
//! Association is NPMI (normalized pointwise mutual information) over windows:
//! `p(x) = windows holding x / all windows`, `p(x,y) = windows holding both / all
//! windows`, `npmi = ln(p(x,y) / (p(x) p(y))) / -ln p(x,y)`, from -1 (never together)
//! through 0 (independent) to 1 (only ever together). A pair counts once per window.

use crate::extract::EntityKind;
use std::collections::{BTreeMap, BTreeSet};

/// An entity across the corpus: kind and canonical name.
pub type EntityKey = (EntityKind, String);

/// A co-occurrence window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Window {
    /// One sentence.
    Sentence,
    /// One paragraph.
    Paragraph,
}

impl Window {
    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Window::Sentence => "sentence",
            Window::Paragraph => "paragraph",
        }
    }
}

/// Counts for one entity.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EntityStats {
    /// Mentions over all documents.
    pub mentions: u64,
    /// Documents that mention it.
    pub documents: u64,
    /// Other surface forms seen.
    pub aliases: BTreeSet<String>,
    /// Talks it gave (persons).
    pub talks_given: u64,
}

/// Window counts for one window kind.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WindowStats {
    /// All windows, with or without entities.
    pub windows: u64,
    /// Windows holding each entity.
    pub holding: BTreeMap<EntityKey, u64>,
    /// Windows holding each unordered pair (smaller key first).
    pub pairs: BTreeMap<(EntityKey, EntityKey), u64>,
}

/// Corpus-wide, mergeable counts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Aggregates {
    /// Per entity.
    pub entities: BTreeMap<EntityKey, EntityStats>,
    /// Per window kind.
    pub windows: BTreeMap<Window, WindowStats>,
}

impl Aggregates {
    /// Counts one document: `groups` lists, for each window of each kind, the entities
    /// mentioned in it (duplicates allowed).
    pub fn add_windows(&mut self, window: Window, groups: &[Vec<EntityKey>]) {
        let stats = self.windows.entry(window).or_default();
        for group in groups {
            stats.windows += 1;
            let set: BTreeSet<&EntityKey> = group.iter().collect();
            for key in &set {
                *stats.holding.entry((*key).clone()).or_default() += 1;
            }
            let keys: Vec<&EntityKey> = set.into_iter().collect();
            for (i, a) in keys.iter().enumerate() {
                for b in &keys[i + 1..] {
                    *stats.pairs.entry(((*a).clone(), (*b).clone())).or_default() += 1;
                }
            }
        }
    }

    /// Adds another aggregate into this one.
    pub fn merge(&mut self, other: Aggregates) {
        for (key, s) in other.entities {
            let e = self.entities.entry(key).or_default();
            e.mentions += s.mentions;
            e.documents += s.documents;
            e.talks_given += s.talks_given;
            e.aliases.extend(s.aliases);
        }
        for (window, s) in other.windows {
            let w = self.windows.entry(window).or_default();
            w.windows += s.windows;
            for (k, n) in s.holding {
                *w.holding.entry(k).or_default() += n;
            }
            for (k, n) in s.pairs {
                *w.pairs.entry(k).or_default() += n;
            }
        }
    }

    /// Co-occurring pairs with their count and NPMI, sorted by window, then count
    /// (highest first), then names.
    pub fn cooccurrence(&self) -> Vec<Pair> {
        let mut out = Vec::new();
        for (window, s) in &self.windows {
            for ((a, b), &count) in &s.pairs {
                out.push(Pair {
                    window: *window,
                    a: a.clone(),
                    b: b.clone(),
                    count,
                    npmi: npmi(count, s.holding[a], s.holding[b], s.windows),
                });
            }
        }
        out.sort_by(|x, y| {
            (x.window, std::cmp::Reverse(x.count), &x.a, &x.b).cmp(&(
                y.window,
                std::cmp::Reverse(y.count),
                &y.a,
                &y.b,
            ))
        });
        out
    }
}

/// One co-occurring pair.
#[derive(Clone, Debug, PartialEq)]
pub struct Pair {
    /// Window kind.
    pub window: Window,
    /// First entity (the smaller key).
    pub a: EntityKey,
    /// Second entity.
    pub b: EntityKey,
    /// Windows holding both.
    pub count: u64,
    /// Normalized PMI, rounded to 4 decimals.
    pub npmi: f64,
}

/// NPMI from window counts, rounded to 4 decimals so reports are stable text.
pub fn npmi(both: u64, x: u64, y: u64, windows: u64) -> f64 {
    if both == 0 || windows == 0 {
        return -1.0;
    }
    let n = windows as f64;
    let pxy = both as f64 / n;
    let value = if pxy >= 1.0 {
        1.0
    } else {
        let px = x as f64 / n;
        let py = y as f64 / n;
        (pxy / (px * py)).ln() / -pxy.ln()
    };
    (value * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str) -> EntityKey {
        (EntityKind::Project, name.to_string())
    }

    #[test]
    fn pairs_count_once_per_window() {
        let mut a = Aggregates::default();
        a.add_windows(
            Window::Sentence,
            &[
                vec![key("Django"), key("Python"), key("Django")],
                vec![key("Python")],
                vec![],
            ],
        );
        let s = &a.windows[&Window::Sentence];
        assert_eq!(s.windows, 3);
        assert_eq!(s.holding[&key("Python")], 2);
        assert_eq!(s.pairs[&(key("Django"), key("Python"))], 1);
    }

    #[test]
    fn merge_is_order_independent() {
        let mut x = Aggregates::default();
        x.add_windows(Window::Paragraph, &[vec![key("A"), key("B")]]);
        let mut y = Aggregates::default();
        y.add_windows(
            Window::Paragraph,
            &[vec![key("B"), key("C")], vec![key("A")]],
        );
        let mut xy = x.clone();
        xy.merge(y.clone());
        let mut yx = y;
        yx.merge(x);
        assert_eq!(xy, yx);
    }

    #[test]
    fn npmi_values() {
        // Always together: 1. Independent: 0. Worked by hand: 4 windows, x in 2, y in 2,
        // both in 1 → pxy = .25, px = py = .5 → ln(1) = 0.
        assert_eq!(npmi(2, 2, 2, 2), 1.0);
        assert_eq!(npmi(1, 2, 2, 4), 0.0);
        // x in 1, y in 1, both in 1, 4 windows: ln(.25/.0625)/-ln(.25) = ln 4 / ln 4 = 1.
        assert_eq!(npmi(1, 1, 1, 4), 1.0);
        assert_eq!(npmi(0, 1, 1, 4), -1.0);
    }
}
