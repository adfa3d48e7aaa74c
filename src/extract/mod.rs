//! Rules that find mentions of days, projects, persons and talks in one document.
//!
//! One file per entity kind. Extractors run in a fixed order because later kinds use
//! earlier ones: persons must not swallow projects, and talks need persons as speakers.
//! Every mention records the id of the rule that produced it, so any result can be
//! explained and any rule measured.
//!
//! Overlap policy, per kind: among candidates of one kind that overlap, the longest
//! wins, then the higher-priority rule, then the earliest. Across kinds, a project or a
//! person inside a talk title still counts as its own mention; a person and a project
//! never share bytes (a full name beats a context-only project word such as "Julia").

pub mod days;
pub mod pattern;
pub mod persons;
pub mod projects;
pub mod talks;

use crate::input::Document;
use crate::layout::Layout;
use crate::rules::{Rules, TalkKind};
use crate::span::Span;
use crate::tokenize::Tokens;
use serde::Serialize;
use std::cmp::Reverse;
use std::collections::BTreeMap;

/// What a mention refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A conference session.
    Talk,
    /// A named human.
    Person,
    /// Software, a language, protocol or product.
    Project,
    /// A conference day marker.
    Day,
}

impl EntityKind {
    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Talk => "talk",
            EntityKind::Person => "person",
            EntityKind::Project => "project",
            EntityKind::Day => "day",
        }
    }

    /// Its place among the kinds, for tables with one slot per kind.
    pub fn slot(self) -> usize {
        self as usize
    }
}

/// One place in a document where an entity is named.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// What is mentioned.
    pub kind: EntityKind,
    /// The surface form's bytes.
    pub span: Span,
    /// The name the rule gives it before alias resolution.
    pub name: String,
    /// Id of the rule that produced it, such as `person/given-name`.
    pub rule: &'static str,
}

/// A talk as one rule saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TalkMention {
    /// Cleaned title.
    pub title: String,
    /// Where the title (or the reference) stands.
    pub span: Span,
    /// Session kind.
    pub kind: TalkKind,
    /// Speaker names as written.
    pub speakers: Vec<String>,
    /// Id of the rule that produced it.
    pub rule: &'static str,
    /// A reference ("the ORM panel", "Jesse's talk") that joins an earlier talk when one
    /// fits, rather than a talk of its own.
    pub reference: bool,
}

/// What the extractors found in one document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extraction {
    /// Person, project and day mentions, in text order.
    pub mentions: Vec<Mention>,
    /// Talk mentions, in text order.
    pub talks: Vec<TalkMention>,
}

/// Everything a rule may look at.
pub struct Context<'a> {
    /// The document's text.
    pub text: &'a str,
    /// The document.
    pub doc: &'a Document,
    /// Its tokens.
    pub tokens: &'a Tokens,
    /// Its headings and day sections.
    pub layout: &'a Layout,
    /// Compiled rules.
    pub rules: &'a Rules,
}

/// Runs every extractor over one document.
pub fn extract(ctx: &Context) -> Extraction {
    let days = days::find(ctx);
    // Places, organisations and conferences, found once for both kinds that avoid them,
    // in the same search as the gazetteer's projects.
    let hits = ctx.rules.gazetteer_hits(ctx.text);
    let blockers: Vec<Span> = hits
        .blockers
        .iter()
        .map(|&(s, e, _)| Span::new(s, e))
        .collect();
    let projects = projects::find(ctx, &days, hits.projects, &blockers);
    let persons = persons::find(ctx, &projects, &days, &blockers);
    // A full name beats a project word inside it ("Julia Evans").
    let mut projects: Vec<Mention> = projects
        .into_iter()
        .filter(|p| overlapping(&persons, p.span).is_empty())
        .collect();
    projects::listed_with_projects(ctx, &mut projects, &persons, &days, &blockers);
    projects::dotted_stems(ctx, &mut projects, &persons);
    let talks = talks::find(ctx, &persons, &projects);
    let topics = projects::talk_topics(ctx, &talks.talks, &projects, &persons);
    let leads = projects::described_title_leads(ctx, &talks.talks, &projects, &persons);
    let mut mentions = days;
    mentions.extend(projects);
    mentions.extend(topics);
    mentions.extend(leads);
    mentions.extend(persons);
    mentions.extend(talks.speakers);
    mentions.sort_by(|a, b| {
        (a.span.start, Reverse(a.span.end), a.kind).cmp(&(
            b.span.start,
            Reverse(b.span.end),
            b.kind,
        ))
    });
    mentions.dedup_by(|a, b| a.kind == b.kind && a.span == b.span);
    Extraction {
        mentions,
        talks: talks.talks,
    }
}

/// Keeps, among overlapping candidates, the longest, then the earliest; `priority`
/// breaks ties of equal length (lower wins).
///
/// In text order the candidates fall into runs that overlap one another. What is kept in
/// one run never depends on another, and most runs are a single candidate, kept as it is.
pub fn resolve_overlaps(
    mut found: Vec<Mention>,
    priority: impl Fn(&Mention) -> u8,
) -> Vec<Mention> {
    let order = text_order(&found);
    let mut kept = Vec::with_capacity(found.len());
    let mut at = 0;
    while at < order.len() {
        let (mut last_start, mut end, _) = order[at];
        let mut to = at + 1;
        // Two candidates starting together share a run even where one is empty and
        // overlaps nothing: only one of them can be kept at that start.
        while let Some(&(start, next_end, _)) = order
            .get(to)
            .filter(|&&(start, _, _)| start < end || start == last_start)
        {
            last_start = start;
            end = end.max(next_end);
            to += 1;
        }
        if to - at == 1 {
            kept.push(order[at].2);
        } else {
            keep_in_run(&found, &order[at..to], &priority, &mut kept);
        }
        at = to;
    }
    take_kept(&mut found, &kept)
}

/// The candidates' (start, end, index) in text order. The index last makes the order
/// that of a stable sort by span, and only these small keys are moved, not the mentions.
/// The candidates come in a few runs already in order, which a stable sort merges.
fn text_order(found: &[Mention]) -> Vec<(usize, usize, usize)> {
    let mut order: Vec<(usize, usize, usize)> = found
        .iter()
        .enumerate()
        .map(|(i, m)| (m.span.start, m.span.end, i))
        .collect();
    order.sort();
    order
}

/// [`resolve_overlaps`] within one run (a slice of [`text_order`]): pushes the indexes
/// of the candidates it keeps onto `kept`, in text order.
fn keep_in_run(
    found: &[Mention],
    run: &[(usize, usize, usize)],
    priority: &impl Fn(&Mention) -> u8,
    kept: &mut Vec<usize>,
) {
    // Candidates are ranked by their keys, each computed once; the place in the run last
    // makes the order that of a stable sort.
    let mut ranked: Vec<(Reverse<usize>, u8, usize, usize)> = run
        .iter()
        .enumerate()
        .map(|(at, &(start, end, i))| (Reverse(end - start), priority(&found[i]), start, at))
        .collect();
    ranked.sort_unstable();
    // Kept spans never overlap, so the one starting last before a candidate's end is the
    // only one that can overlap it.
    let mut chosen: BTreeMap<usize, (Span, usize)> = BTreeMap::new();
    for &(_, _, _, at) in &ranked {
        let (start, end, i) = run[at];
        let span = Span::new(start, end);
        let free = chosen
            .range(..span.end)
            .next_back()
            .is_none_or(|(_, (k, _))| !k.overlaps(span));
        if free {
            chosen.insert(span.start, (span, i));
        }
    }
    kept.extend(chosen.into_values().map(|(_, i)| i));
}

/// The mentions of `found` at the indexes `kept`, in that order, each moved out once.
fn take_kept(found: &mut [Mention], kept: &[usize]) -> Vec<Mention> {
    kept.iter()
        .map(|&i| {
            let m = &mut found[i];
            Mention {
                name: std::mem::take(&mut m.name),
                ..*m
            }
        })
        .collect()
}

/// The mentions of `sorted` that overlap `span`.
///
/// `sorted` must be in text order with no two mentions overlapping (as
/// [`resolve_overlaps`] and a regex's matches leave them): then the ends are in order too,
/// and a bisection finds a span's neighbours where a scan would make a long post quadratic.
pub fn overlapping(sorted: &[Mention], span: Span) -> &[Mention] {
    overlapping_by(sorted, span, |m| m.span)
}

/// The spans of `sorted` (in text order, none overlapping another) that overlap `span`.
pub fn overlapping_spans(sorted: &[Span], span: Span) -> &[Span] {
    overlapping_by(sorted, span, |s| *s)
}

fn overlapping_by<T>(sorted: &[T], span: Span, of: impl Fn(&T) -> Span) -> &[T] {
    let from = sorted.partition_point(|m| of(m).end <= span.start);
    let len = sorted[from..].partition_point(|m| of(m).start < span.end);
    &sorted[from..from + len]
}

/// The mention of `sorted` (see [`overlapping`]) that starts at `start`.
pub fn starting_at(sorted: &[Mention], start: usize) -> Option<&Mention> {
    let i = sorted.partition_point(|m| m.span.start < start);
    sorted.get(i).filter(|m| m.span.start == start)
}

/// Whether `sorted` (see [`overlapping`]) holds a mention of exactly `span`.
pub fn has_span(sorted: &[Mention], span: Span) -> bool {
    starting_at(sorted, span.start).is_some_and(|m| m.span == span)
}

/// The last mention of `sorted` (see [`overlapping`]) that ends at or before `end`.
pub fn last_ending_by(sorted: &[Mention], end: usize) -> Option<&Mention> {
    let i = sorted.partition_point(|m| m.span.end <= end);
    i.checked_sub(1).map(|i| &sorted[i])
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::input::{Format, parse};
    use crate::rules::Rules;
    use std::sync::LazyLock;

    static RULES: LazyLock<Rules> = LazyLock::new(Rules::builtin);

    /// Words with a separator after each, as a proptest draws them.
    pub(crate) fn interleave(words: &[String], separators: &[String]) -> String {
        words
            .iter()
            .zip(separators)
            .flat_map(|(w, s)| [w.as_str(), s.as_str()])
            .collect()
    }

    /// Names of one kind found in a plain-text post, in order, repeats folded.
    pub(crate) fn names_of(text: &str, kind: EntityKind) -> Vec<String> {
        let mut names: Vec<String> = run(text)
            .mentions
            .into_iter()
            .filter(|m| m.kind == kind)
            .map(|m| m.name)
            .collect();
        names.dedup();
        names
    }

    /// The overlap policy over all candidates at once, as [`resolve_overlaps`] applied it
    /// before it split them into runs: one run of every candidate, in the order found.
    fn resolve_overlaps_at_once(
        mut found: Vec<Mention>,
        priority: impl Fn(&Mention) -> u8,
    ) -> Vec<Mention> {
        let mut kept = Vec::new();
        keep_in_run(&found, &text_order(&found), &priority, &mut kept);
        take_kept(&mut found, &kept)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        #[test]
        fn overlaps_resolved_by_runs_as_at_once(
            spans in proptest::collection::vec((0usize..30, 0usize..6, 0usize..3), 0..25),
        ) {
            // Short spans on a short line, empty ones among them, so that runs of every
            // shape occur; the name tells candidates of the same span apart.
            let found: Vec<Mention> = spans
                .iter()
                .enumerate()
                .map(|(i, &(start, len, rule))| Mention {
                    kind: EntityKind::Project,
                    span: Span::new(start, start + len),
                    name: i.to_string(),
                    rule: ["a", "b", "c"][rule],
                })
                .collect();
            let priority = |m: &Mention| u8::from(m.rule != "a");
            proptest::prop_assert_eq!(
                resolve_overlaps(found.clone(), priority),
                resolve_overlaps_at_once(found, priority)
            );
        }
    }

    #[test]
    fn overlap_policy_longest_then_priority_then_earliest() {
        let m = |start, end, rule| Mention {
            kind: EntityKind::Project,
            span: Span::new(start, end),
            name: String::new(),
            rule,
        };
        let kept = resolve_overlaps(
            vec![
                m(0, 4, "b"),
                m(0, 9, "b"),
                m(10, 14, "b"),
                m(10, 14, "a"),
                m(12, 16, "a"),
            ],
            |x| u8::from(x.rule != "a"),
        );
        let got: Vec<(usize, usize, &str)> = kept
            .iter()
            .map(|k| (k.span.start, k.span.end, k.rule))
            .collect();
        // Longest wins (0..9); among equals the higher priority (10..14 "a"); the
        // later overlapping one (12..16) loses to the earlier.
        assert_eq!(got, [(0, 9, "b"), (10, 14, "a")]);
    }

    #[test]
    fn project_inside_a_talk_title_still_counts() {
        let e = run("Next, on to “Introduction to CherryPy” with friends.");
        assert_eq!(e.talks.len(), 1);
        assert!(
            e.mentions
                .iter()
                .any(|m| m.kind == EntityKind::Project && m.name == "CherryPy")
        );
    }

    /// Extracts from a plain-text post with the built-in rules.
    pub(crate) fn run(text: &str) -> Extraction {
        run_as(text, Format::Text)
    }

    /// [`run`] over a post written in `format`.
    pub(crate) fn run_as(text: &str, format: Format) -> Extraction {
        let doc = parse("test", text.as_bytes(), format).expect("post parses");
        let tokens = crate::tokenize::tokenize(&doc.text);
        let layout = crate::layout::layout(&doc.text, &tokens, &doc.headings, &RULES);
        extract(&Context {
            text: &doc.text,
            doc: &doc,
            tokens: &tokens,
            layout: &layout,
            rules: &RULES,
        })
    }
}
