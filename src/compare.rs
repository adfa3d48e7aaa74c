//! Comparing recaps of one conference across attendees.
//!
//! Each attendee is one post, or with [`GroupBy::Dir`] the posts of one folder. Talks are
//! matched across posts into clusters, one per session:
//!
//! - two talks linked to the same schedule entry (with `--schedule`) are the same session,
//!   and two linked to different entries never are;
//! - otherwise a pair scores like a talk against a schedule entry
//!   ([`crate::schedule::Components::score`]), symmetrically: title similarity (the better
//!   of both directions), the share of the shorter speaker list found in the longer, kind
//!   agreement, and day agreement (equal labels, or labels of the same form — two dates,
//!   two weekdays, two day numbers — that differ; with a schedule, the dates the days map
//!   to);
//! - pairs scoring at least [`crate::schedule::THRESHOLD`] join their clusters, best first,
//!   when the two clusters hold no talk from the same post, are not linked to different
//!   entries, and their average pair score is at least half the threshold (so a chain of
//!   weak likenesses does not glue unrelated talks together).
//!
//! From the clusters and the entities of each post: the attendee × talk matrix, pairwise
//! similarity (Jaccard of talk sets, cosine of project mention counts), consensus (how many
//! attendees wrote about each talk and project) and keyness ([`keyness`]).
//! Everything is sorted, so the result is the same for any input order or thread count.

pub mod keyness;
pub mod rows;

use crate::extract::EntityKind;
use crate::pipeline::Analysis;
use crate::report::atomic::{replace_all, write_and_sync};
use crate::report::csv::{Formulas, to_csv};
use crate::report::json::to_json;
use crate::resolve::Talk;
use crate::rules::{TalkKind, fold};
use crate::schedule::days::{Date, DayCheck, DayMap, label_date, label_day_numbers, label_weekday};
use crate::schedule::similarity::{
    Slot, Weights, is_generic, kind_agreement, name_match, title_variants, title_words,
    variants_similarity,
};
use crate::schedule::{self, Components, JsonOfficial, PostLinks, Schedule, THRESHOLD};
use rows::*;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

/// How posts are grouped into attendees.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupBy {
    /// One attendee per post.
    Post,
    /// One attendee per folder of posts.
    Dir,
}

impl GroupBy {
    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            GroupBy::Post => "post",
            GroupBy::Dir => "dir",
        }
    }
}

/// An attendee: a name and posts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attendee {
    /// The post's file stem (its path when two stems are equal), or the folder.
    pub name: String,
    /// Indices of the attendee's posts in [`Comparison::posts`].
    pub posts: Vec<usize>,
}

/// One talk of one post.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// Index of the attendee.
    pub attendee: usize,
    /// Index of the post.
    pub post: usize,
    /// Index of the talk in the post.
    pub talk: usize,
    /// The schedule entry the talk is linked to.
    pub entry: Option<usize>,
}

/// A session, as matched across posts.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// `t01`, `t02`, … in matrix order.
    pub id: String,
    /// Readable label: the official title, else the most common title (with the speakers
    /// when that title is as bare as "keynote").
    pub label: String,
    /// Session kind.
    pub kind: TalkKind,
    /// Speakers: the official ones, else those the posts name.
    pub speakers: Vec<String>,
    /// The schedule entry, with a schedule.
    pub entry: Option<usize>,
    /// Indices into [`Comparison::members`].
    pub members: Vec<usize>,
    /// Attendees who wrote about it, in attendee order.
    pub attendees: Vec<usize>,
    /// Talk references merged, over all posts.
    pub mentions: usize,
}

/// A comparison of several attendees' recaps.
pub struct Comparison<'a> {
    /// Grouping.
    pub group_by: GroupBy,
    /// The posts, sorted by path.
    pub posts: Vec<&'a Analysis>,
    /// Attendees, sorted by name.
    pub attendees: Vec<Attendee>,
    /// Every talk of every post.
    pub members: Vec<Member>,
    /// Sessions, most attendees first.
    pub clusters: Vec<Cluster>,
    /// Pairwise similarity.
    pub similarity: Vec<SimilarityRow>,
    /// Consensus rows.
    pub consensus: Vec<ConsensusRow>,
    /// Keyness rows.
    pub keyness: Vec<KeynessRow>,
    /// The schedule and each post's links, with a schedule.
    pub schedule: Option<(&'a Schedule, Vec<PostLinks>)>,
}

fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn attendee_names(posts: &[&Analysis], group_by: GroupBy) -> Vec<String> {
    match group_by {
        GroupBy::Dir => posts
            .iter()
            .map(|a| {
                if a.path == "-" {
                    return "-".to_string();
                }
                let parent = Path::new(&a.path)
                    .parent()
                    .map(|p| p.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if parent.is_empty() {
                    ".".to_string()
                } else {
                    parent
                }
            })
            .collect(),
        GroupBy::Post => {
            let stems: Vec<String> = posts
                .iter()
                .map(|a| {
                    Path::new(&a.path)
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .filter(|s| !s.is_empty())
                        .unwrap_or_else(|| a.path.clone())
                })
                .collect();
            stems
                .iter()
                .zip(posts)
                .map(|(s, a)| {
                    if stems.iter().filter(|t| *t == s).count() > 1 {
                        a.path.clone()
                    } else {
                        s.clone()
                    }
                })
                .collect()
        }
    }
}

/// Share of the shorter speaker list found in the longer; `None` if either is empty.
fn pair_speakers(a: &[String], b: &[String]) -> Option<f64> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let total: f64 = short
        .iter()
        .map(|x| long.iter().map(|y| name_match(x, y)).fold(0.0, f64::max))
        .sum();
    Some(total / short.len() as f64)
}

/// Whether two posts' day labels name the same day (see the module docs).
fn pair_day(a: Option<&str>, da: &[Date], b: Option<&str>, db: &[Date]) -> DayCheck {
    if !da.is_empty() && !db.is_empty() {
        return if da.iter().any(|d| db.contains(d)) {
            DayCheck::Consistent
        } else {
            DayCheck::Inconsistent
        };
    }
    let (Some(a), Some(b)) = (a, b) else {
        return DayCheck::Neutral;
    };
    let same = |eq: bool| {
        if eq {
            DayCheck::Consistent
        } else {
            DayCheck::Inconsistent
        }
    };
    if fold(a) == fold(b) {
        return DayCheck::Consistent;
    }
    if let (Some(x), Some(y)) = (label_date(a), label_date(b)) {
        return same(x.month == y.month && x.day == y.day);
    }
    if let (Some(x), Some(y)) = (label_weekday(a), label_weekday(b)) {
        return same(x == y);
    }
    let (x, y) = (label_day_numbers(a), label_day_numbers(b));
    if !x.is_empty() && !y.is_empty() {
        return same(x.iter().any(|n| y.contains(n)));
    }
    DayCheck::Neutral
}

/// One side of a talk pair: the talk, its title's variants and slot, and the dates its day
/// maps to.
pub struct PairSide<'t> {
    /// The talk.
    pub talk: &'t Talk,
    /// [`crate::schedule::similarity::title_variants`] of its title.
    pub variants: &'t [Vec<String>],
    /// The part of the day, place in the day and weekday its title names.
    pub slot: Slot,
    /// The dates its day maps to (empty: unknown).
    pub dates: &'t [Date],
}

/// The score of two talks from different posts as the same session.
pub fn pair_components(x: &PairSide, y: &PairSide, weights: &Weights) -> Components {
    let (xv, yv) = (x.variants, y.variants);
    // "the opening keynote" and "the closing keynote" of one day are two sessions.
    let slot = x.slot.check(&y.slot);
    let (x, x_dates, y, y_dates) = (x.talk, x.dates, y.talk, y.dates);
    Components {
        title: variants_similarity(xv, yv, weights).max(variants_similarity(yv, xv, weights)),
        speakers: pair_speakers(&x.speakers, &y.speakers),
        kind: kind_agreement(x.kind, Some(y.kind)).max(kind_agreement(y.kind, Some(x.kind))),
        same_specific_kind: x.kind == y.kind && x.kind != TalkKind::Talk,
        generic_title: xv.is_empty() || yv.is_empty(),
        day: pair_day(x.day.as_deref(), x_dates, y.day.as_deref(), y_dates),
        sole: false,
        slot,
    }
}

fn first_name_index<T: Ord + Clone>(values: &[T]) -> BTreeMap<T, usize> {
    let mut m = BTreeMap::new();
    for (i, v) in values.iter().enumerate() {
        m.entry(v.clone()).or_insert(i);
    }
    m
}

/// The most used form of each key, ties to the smallest.
fn display_names(
    forms: &BTreeMap<(EntityKind, String), BTreeMap<String, u64>>,
) -> BTreeMap<(EntityKind, String), String> {
    forms
        .iter()
        .map(|(k, names)| {
            let best = names
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(n, _)| n.clone())
                .unwrap_or_default();
            (k.clone(), best)
        })
        .collect()
}

impl<'a> Comparison<'a> {
    /// Compares the analyzed posts (any order), grouped into attendees, optionally linked
    /// to a schedule.
    pub fn build(
        posts: &[&'a Analysis],
        group_by: GroupBy,
        schedule: Option<&'a Schedule>,
    ) -> Comparison<'a> {
        let mut posts: Vec<&Analysis> = posts.to_vec();
        posts.sort_by(|a, b| a.path.cmp(&b.path));
        posts.dedup_by(|a, b| a.path == b.path);
        let names = attendee_names(&posts, group_by);
        let distinct: BTreeSet<&String> = names.iter().collect();
        let attendees: Vec<Attendee> = distinct
            .iter()
            .map(|n| Attendee {
                name: (*n).clone(),
                posts: (0..posts.len()).filter(|&i| &names[i] == *n).collect(),
            })
            .collect();
        let links: Option<Vec<PostLinks>> =
            schedule.map(|s| posts.iter().map(|a| schedule::link_post(a, s)).collect());
        let day_maps: Vec<DayMap> = match schedule {
            Some(s) => posts
                .iter()
                .map(|a| s.day_map(&schedule::day_labels(a)))
                .collect(),
            None => vec![DayMap::default(); posts.len()],
        };
        let mut members: Vec<Member> = Vec::new();
        for (ai, at) in attendees.iter().enumerate() {
            for &p in &at.posts {
                for t in 0..posts[p].talks.len() {
                    members.push(Member {
                        attendee: ai,
                        post: p,
                        talk: t,
                        entry: links
                            .as_ref()
                            .and_then(|l| l[p].links.get(t))
                            .and_then(|l| l.linked()),
                    });
                }
            }
        }
        let talk = |m: &Member| &posts[m.post].talks[m.talk];
        let dates = |m: &Member| -> Vec<Date> {
            talk(m)
                .day
                .as_deref()
                .map(|d| day_maps[m.post].dates(d).to_vec())
                .unwrap_or_default()
        };
        let weights = Weights::from_titles(members.iter().map(|m| talk(m).title.as_str()));
        let member_dates: Vec<Vec<Date>> = members.iter().map(dates).collect();
        let variants: Vec<Vec<Vec<String>>> = members
            .iter()
            .map(|m| title_variants(&talk(m).title))
            .collect();
        let slots: Vec<Slot> = members.iter().map(|m| Slot::of(&talk(m).title)).collect();
        let side = |i: usize| PairSide {
            talk: talk(&members[i]),
            variants: &variants[i],
            slot: slots[i],
            dates: &member_dates[i],
        };
        // Pair scores between talks of different posts.
        let mut scores: BTreeMap<(usize, usize), f64> = BTreeMap::new();
        for i in 0..members.len() {
            for j in i + 1..members.len() {
                let (x, y) = (&members[i], &members[j]);
                if x.post == y.post {
                    continue;
                }
                let s = match (x.entry, y.entry) {
                    (Some(a), Some(b)) => {
                        if a == b {
                            1.0
                        } else {
                            0.0
                        }
                    }
                    _ => pair_components(&side(i), &side(j), &weights).score(),
                };
                if s > 0.0 {
                    scores.insert((i, j), s);
                }
            }
        }
        let clusters = cluster(&members, &scores);
        let mut comparison = Comparison {
            group_by,
            posts,
            attendees,
            members,
            clusters: Vec::new(),
            similarity: Vec::new(),
            consensus: Vec::new(),
            keyness: Vec::new(),
            schedule: schedule.zip(links),
        };
        comparison.clusters = comparison.describe(clusters);
        comparison.similarity = comparison.similarity_rows();
        comparison.consensus = comparison.consensus_rows();
        comparison.keyness = comparison.keyness_rows();
        comparison
    }

    fn talk(&self, m: usize) -> &Talk {
        let m = &self.members[m];
        &self.posts[m.post].talks[m.talk]
    }

    fn entry(&self, e: usize) -> Option<&schedule::Entry> {
        self.schedule.as_ref().map(|(s, _)| &s.entries[e])
    }

    /// Labels, kinds, speakers and order of the clusters.
    fn describe(&self, groups: Vec<Vec<usize>>) -> Vec<Cluster> {
        let mut out: Vec<Cluster> = groups
            .into_iter()
            .map(|members| {
                let entry = members.iter().find_map(|&m| self.members[m].entry);
                let official = entry.and_then(|e| self.entry(e));
                let talks: Vec<&Talk> = members.iter().map(|&m| self.talk(m)).collect();
                let label = match official {
                    Some(e) => e.title.clone(),
                    None => common_title(&talks),
                };
                let kind = official.and_then(|e| e.kind).unwrap_or_else(|| {
                    let mut counts: BTreeMap<TalkKind, usize> = BTreeMap::new();
                    for t in &talks {
                        *counts.entry(t.kind).or_default() += 1;
                    }
                    counts
                        .iter()
                        .max_by(|a, b| {
                            a.1.cmp(b.1)
                                .then((*a.0 != TalkKind::Talk).cmp(&(*b.0 != TalkKind::Talk)))
                                .then(b.0.cmp(a.0))
                        })
                        .map_or(TalkKind::Talk, |(k, _)| *k)
                });
                let speakers = match official {
                    Some(e) if !e.speakers.is_empty() => e.speakers.clone(),
                    _ => merge_speakers(&talks),
                };
                let label = if official.is_none() && is_generic(&label) && !speakers.is_empty() {
                    format!("{label} — {}", speakers.join(", "))
                } else {
                    label
                };
                let mut attendees: Vec<usize> =
                    members.iter().map(|&m| self.members[m].attendee).collect();
                attendees.sort();
                attendees.dedup();
                Cluster {
                    id: String::new(),
                    label,
                    kind,
                    speakers,
                    entry,
                    mentions: talks.iter().map(|t| t.mentions).sum(),
                    members,
                    attendees,
                }
            })
            .collect();
        let date = |c: &Cluster| c.entry.and_then(|e| self.entry(e)).and_then(|e| e.date);
        out.sort_by(|a, b| {
            b.attendees
                .len()
                .cmp(&a.attendees.len())
                .then_with(|| match (date(a), date(b)) {
                    (Some(x), Some(y)) => x.cmp(&y),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                })
                .then_with(|| fold(&a.label).cmp(&fold(&b.label)))
                .then_with(|| a.members.cmp(&b.members))
        });
        let width = out.len().to_string().len().max(2);
        for (i, c) in out.iter_mut().enumerate() {
            c.id = format!("t{:0width$}", i + 1);
        }
        out
    }

    fn talk_sets(&self) -> Vec<BTreeSet<usize>> {
        let mut sets = vec![BTreeSet::new(); self.attendees.len()];
        for (i, c) in self.clusters.iter().enumerate() {
            for &a in &c.attendees {
                sets[a].insert(i);
            }
        }
        sets
    }

    /// Mention counts per attendee per (kind, folded name), and each key's display name.
    #[allow(clippy::type_complexity)]
    fn entity_counts(
        &self,
        kinds: &[EntityKind],
    ) -> (
        Vec<BTreeMap<(EntityKind, String), u64>>,
        BTreeMap<(EntityKind, String), String>,
    ) {
        let mut counts = vec![BTreeMap::new(); self.attendees.len()];
        let mut forms: BTreeMap<(EntityKind, String), BTreeMap<String, u64>> = BTreeMap::new();
        for (ai, at) in self.attendees.iter().enumerate() {
            for &p in &at.posts {
                for e in &self.posts[p].entities {
                    if !kinds.contains(&e.kind) {
                        continue;
                    }
                    let key = (e.kind, fold(&e.name));
                    *counts[ai].entry(key.clone()).or_insert(0) += e.mentions as u64;
                    *forms
                        .entry(key)
                        .or_default()
                        .entry(e.name.clone())
                        .or_insert(0) += e.mentions as u64;
                }
            }
        }
        (counts, display_names(&forms))
    }

    fn similarity_rows(&self) -> Vec<SimilarityRow> {
        let sets = self.talk_sets();
        let (projects, _) = self.entity_counts(&[EntityKind::Project]);
        let mut rows = Vec::new();
        for a in 0..self.attendees.len() {
            for b in a + 1..self.attendees.len() {
                let shared = sets[a].intersection(&sets[b]).count();
                let union = sets[a].len() + sets[b].len() - shared;
                let dot: f64 = projects[a]
                    .iter()
                    .filter_map(|(k, x)| projects[b].get(k).map(|y| (*x * *y) as f64))
                    .sum();
                let norm = |v: &BTreeMap<(EntityKind, String), u64>| {
                    v.values().map(|x| (*x * *x) as f64).sum::<f64>().sqrt()
                };
                let (na, nb) = (norm(&projects[a]), norm(&projects[b]));
                rows.push(SimilarityRow {
                    attendee_a: self.attendees[a].name.clone(),
                    attendee_b: self.attendees[b].name.clone(),
                    talks_a: sets[a].len(),
                    talks_b: sets[b].len(),
                    shared_talks: shared,
                    jaccard: if union == 0 {
                        0.0
                    } else {
                        round(shared as f64 / union as f64)
                    },
                    cosine: if na == 0.0 || nb == 0.0 {
                        0.0
                    } else {
                        round(dot / (na * nb))
                    },
                });
            }
        }
        rows
    }

    fn who(&self, attendees: &[usize]) -> String {
        attendees
            .iter()
            .map(|&a| self.attendees[a].name.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn consensus_rows(&self) -> Vec<ConsensusRow> {
        let mut rows: Vec<ConsensusRow> = self
            .clusters
            .iter()
            .map(|c| ConsensusRow {
                kind: "talk",
                talk: c.id.clone(),
                name: c.label.clone(),
                attendees: c.attendees.len(),
                who: self.who(&c.attendees),
                mentions: c.mentions,
                only_one: c.attendees.len() == 1,
            })
            .collect();
        let (counts, names) = self.entity_counts(&[EntityKind::Project]);
        let mut projects: Vec<ConsensusRow> = names
            .iter()
            .map(|(key, name)| {
                let who: Vec<usize> = (0..self.attendees.len())
                    .filter(|&a| counts[a].contains_key(key))
                    .collect();
                let mentions: u64 = counts.iter().filter_map(|c| c.get(key)).sum();
                ConsensusRow {
                    kind: "project",
                    talk: String::new(),
                    name: name.clone(),
                    attendees: who.len(),
                    who: self.who(&who),
                    mentions: mentions as usize,
                    only_one: who.len() == 1,
                }
            })
            .collect();
        projects.sort_by(|a, b| {
            b.attendees
                .cmp(&a.attendees)
                .then(b.mentions.cmp(&a.mentions))
                .then_with(|| fold(&a.name).cmp(&fold(&b.name)))
                .then_with(|| a.name.cmp(&b.name))
        });
        rows.extend(projects);
        rows
    }

    fn keyness_rows(&self) -> Vec<KeynessRow> {
        let (counts, names) = self.entity_counts(&[EntityKind::Person, EntityKind::Project]);
        let totals: Vec<u64> = counts.iter().map(|c| c.values().sum()).collect();
        let all: u64 = totals.iter().sum();
        let mut rows = Vec::new();
        for (ai, at) in self.attendees.iter().enumerate() {
            let c = totals[ai];
            let d = all - c;
            let mut mine: Vec<KeynessRow> = Vec::new();
            for (key, &a) in &counts[ai] {
                let total_key: u64 = counts.iter().filter_map(|m| m.get(key)).sum();
                let b = total_key - a;
                if !keyness::is_key(a, b, c, d) {
                    continue;
                }
                let (af, bf, cf, df) = (a as f64, b as f64, c as f64, d as f64);
                mine.push(KeynessRow {
                    attendee: at.name.clone(),
                    kind: key.0.as_str(),
                    entity: names.get(key).cloned().unwrap_or_default(),
                    freq_attendee: a,
                    freq_rest: b,
                    total_attendee: c,
                    total_rest: d,
                    g2: round(keyness::g2(af, bf, cf, df)),
                    log_ratio: round(keyness::log_ratio(af, bf, cf, df)),
                });
            }
            mine.sort_by(|x, y| {
                y.g2.total_cmp(&x.g2)
                    .then(x.kind.cmp(y.kind))
                    .then_with(|| x.entity.cmp(&y.entity))
            });
            rows.extend(mine);
        }
        rows
    }

    /// `matrix.csv` as records: a header, then one row per talk.
    pub fn matrix_records(&self) -> Vec<Vec<String>> {
        let mut header: Vec<String> = ["talk", "label", "kind", "speakers", "date", "attendees"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        header.extend(self.attendees.iter().map(|a| a.name.clone()));
        let mut out = vec![header];
        for c in &self.clusters {
            let date = c
                .entry
                .and_then(|e| self.entry(e))
                .and_then(|e| e.date)
                .map(|d| d.to_string())
                .unwrap_or_default();
            let mut row = vec![
                c.id.clone(),
                c.label.clone(),
                c.kind.as_str().to_string(),
                c.speakers.join("; "),
                date,
                c.attendees.len().to_string(),
            ];
            row.extend((0..self.attendees.len()).map(|a| {
                if c.attendees.contains(&a) {
                    "1".to_string()
                } else {
                    "0".to_string()
                }
            }));
            out.push(row);
        }
        out
    }

    /// `compare.json`.
    pub fn json(&self) -> JsonCompare {
        let sets = self.talk_sets();
        let (counts, _) = self.entity_counts(&[EntityKind::Person, EntityKind::Project]);
        let sum = |a: usize, k: EntityKind| -> u64 {
            counts[a]
                .iter()
                .filter(|(key, _)| key.0 == k)
                .map(|(_, v)| v)
                .sum()
        };
        JsonCompare {
            schema_version: SCHEMA_VERSION,
            group_by: self.group_by.as_str(),
            attendees: self
                .attendees
                .iter()
                .enumerate()
                .map(|(i, a)| JsonAttendee {
                    name: a.name.clone(),
                    posts: a
                        .posts
                        .iter()
                        .map(|&p| self.posts[p].path.clone())
                        .collect(),
                    talks: sets[i].len(),
                    person_mentions: sum(i, EntityKind::Person),
                    project_mentions: sum(i, EntityKind::Project),
                })
                .collect(),
            talks: self
                .clusters
                .iter()
                .map(|c| JsonTalk {
                    id: c.id.clone(),
                    label: c.label.clone(),
                    kind: c.kind.as_str(),
                    speakers: c.speakers.clone(),
                    official: c.entry.and_then(|e| self.entry(e)).map(JsonOfficial::of),
                    attendees: c
                        .attendees
                        .iter()
                        .map(|&a| self.attendees[a].name.clone())
                        .collect(),
                    members: c
                        .members
                        .iter()
                        .map(|&m| {
                            let mm = &self.members[m];
                            let t = self.talk(m);
                            JsonMember {
                                attendee: self.attendees[mm.attendee].name.clone(),
                                path: self.posts[mm.post].path.clone(),
                                title: t.title.clone(),
                                kind: t.kind.as_str(),
                                speakers: t.speakers.clone(),
                                day: t.day.clone(),
                            }
                        })
                        .collect(),
                })
                .collect(),
            similarity: self.similarity.clone(),
            consensus: self.consensus.clone(),
            keyness: JsonKeyness {
                min_frequency: keyness::MIN_FREQUENCY,
                min_g2: keyness::MIN_G2,
                rows: self.keyness.clone(),
            },
            schedule: self
                .schedule
                .as_ref()
                .map(|(s, links)| schedule::json_report(links, s)),
        }
    }

    /// Writes `matrix.csv`, `similarity.csv`, `consensus.csv`, `keyness.csv` and
    /// `compare.json` into `dir` (created if missing), and with a schedule `links.csv` and
    /// `schedule.json`.
    ///
    /// All replaced together, or none. `formulas` as for every CSV report.
    ///
    /// # Errors
    /// When the folder cannot be created or a file cannot be written.
    pub fn write(&self, dir: &Path, formulas: Formulas) -> anyhow::Result<()> {
        use anyhow::Context as _;
        let mut files: Vec<(&str, Vec<u8>)> = vec![
            ("matrix.csv", self.matrix_csv(formulas)?),
            ("similarity.csv", to_csv(&self.similarity, formulas)?),
            ("consensus.csv", to_csv(&self.consensus, formulas)?),
            ("keyness.csv", to_csv(&self.keyness, formulas)?),
            ("compare.json", to_json(&self.json())?),
        ];
        if let Some((s, links)) = &self.schedule {
            files.extend(schedule::report_files(links, s, formulas)?);
        }
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create output folder {}", dir.display()))?;
        replace_all(dir, &files, &mut write_and_sync)
    }

    /// `matrix.csv`: its columns depend on the attendees, so it is written record by
    /// record, text cells a spreadsheet would run as a formula prefixed with `'` unless
    /// `formulas` is [`Formulas::Raw`] (as for every CSV report).
    ///
    /// # Errors
    /// When a record cannot be written.
    pub fn matrix_csv(&self, formulas: Formulas) -> anyhow::Result<Vec<u8>> {
        let mut w = ::csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::new());
        for record in self.matrix_records() {
            let record: Vec<String> = record
                .into_iter()
                .map(|cell| {
                    let formula =
                        cell.len() > 1 && cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
                    if formulas == Formulas::Neutralize && formula {
                        format!("'{cell}")
                    } else {
                        cell
                    }
                })
                .collect();
            w.write_record(&record)?;
        }
        w.into_inner().map_err(|e| anyhow::anyhow!(e.to_string()))
    }

    /// The matrix and the similarity of each pair, as tables a person reads.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let n = self.attendees.len();
        let _ = writeln!(
            out,
            "{} attendees, {} talks (x: wrote about it)\n",
            n,
            self.clusters.len()
        );
        const LABEL: usize = 48;
        let id_width = self.clusters.first().map_or(3, |c| c.id.len());
        let widths: Vec<usize> = self
            .attendees
            .iter()
            .map(|a| a.name.chars().count().max(1))
            .collect();
        let _ = write!(out, "{:id_width$}  {:LABEL$}", "", "talk");
        for (a, w) in self.attendees.iter().zip(&widths) {
            let _ = write!(out, "  {:^w$}", a.name);
        }
        let _ = writeln!(out, "  all");
        for c in &self.clusters {
            let label = if c.entry.is_none() && !c.speakers.is_empty() && !c.label.contains(" — ")
            {
                format!("{} — {}", c.label, c.speakers.join(", "))
            } else {
                c.label.clone()
            };
            let _ = write!(
                out,
                "{:id_width$}  {:LABEL$}",
                c.id,
                truncate(&label, LABEL)
            );
            for (a, w) in widths.iter().enumerate() {
                let mark = if c.attendees.contains(&a) { "x" } else { "." };
                let _ = write!(out, "  {mark:^w$}");
            }
            let _ = writeln!(out, "  {:>3}", c.attendees.len());
        }
        if !self.similarity.is_empty() {
            let pair_width = self
                .similarity
                .iter()
                .map(|r| r.attendee_a.chars().count() + r.attendee_b.chars().count() + 3)
                .max()
                .unwrap_or(4)
                .max(4);
            let _ = writeln!(
                out,
                "\n{:pair_width$}  {:>6}  {:>7}  {:>6}",
                "pair", "shared", "jaccard", "cosine"
            );
            for r in &self.similarity {
                let pair = format!("{} ~ {}", r.attendee_a, r.attendee_b);
                let _ = writeln!(
                    out,
                    "{pair:pair_width$}  {:>6}  {:>7.3}  {:>6.3}",
                    r.shared_talks, r.jaccard, r.cosine
                );
            }
        }
        out
    }
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

/// The most common title (folded); ties go to a title that names a subject, then to the
/// one with more words, then to the first in order.
fn common_title(talks: &[&Talk]) -> String {
    let folded: Vec<String> = talks.iter().map(|t| fold(&t.title)).collect();
    let first = first_name_index(&folded);
    let mut counts: BTreeMap<&String, usize> = BTreeMap::new();
    for f in &folded {
        *counts.entry(f).or_default() += 1;
    }
    let best = counts
        .iter()
        .max_by(|a, b| {
            a.1.cmp(b.1)
                .then_with(|| (!is_generic(a.0)).cmp(&!is_generic(b.0)))
                .then_with(|| title_words(a.0).len().cmp(&title_words(b.0).len()))
                .then_with(|| first[*b.0].cmp(&first[*a.0]))
        })
        .map(|(f, _)| first[*f])
        .unwrap_or(0);
    talks.get(best).map(|t| t.title.clone()).unwrap_or_default()
}

/// The speakers the posts name, one form per person (the fullest).
fn merge_speakers(talks: &[&Talk]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in talks.iter().flat_map(|t| &t.speakers) {
        match out.iter().position(|o| name_match(s, o) > 0.0) {
            Some(i) => {
                if s.split_whitespace().count() > out[i].split_whitespace().count() {
                    out[i] = s.clone();
                }
            }
            None => out.push(s.clone()),
        }
    }
    out
}

/// Greedy clustering of members by pair score (see the module docs).
fn cluster(members: &[Member], scores: &BTreeMap<(usize, usize), f64>) -> Vec<Vec<usize>> {
    let mut pairs: Vec<(f64, usize, usize)> = scores
        .iter()
        .filter(|(_, s)| **s >= THRESHOLD)
        .map(|(&(i, j), &s)| (s, i, j))
        .collect();
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut of: Vec<usize> = (0..members.len()).collect();
    let mut groups: Vec<Vec<usize>> = (0..members.len()).map(|i| vec![i]).collect();
    let score = |i: usize, j: usize| {
        let k = if i < j { (i, j) } else { (j, i) };
        scores.get(&k).copied().unwrap_or(0.0)
    };
    for (_, i, j) in pairs {
        let (gi, gj) = (of[i], of[j]);
        if gi == gj {
            continue;
        }
        let (a, b) = (&groups[gi], &groups[gj]);
        let shares_post = a
            .iter()
            .any(|&x| b.iter().any(|&y| members[x].post == members[y].post));
        let entry = |g: &Vec<usize>| g.iter().find_map(|&x| members[x].entry);
        let different_entries = matches!((entry(a), entry(b)), (Some(x), Some(y)) if x != y);
        if shares_post || different_entries {
            continue;
        }
        let total: f64 = a
            .iter()
            .flat_map(|&x| b.iter().map(move |&y| (x, y)))
            .map(|(x, y)| score(x, y))
            .sum();
        if total / ((a.len() * b.len()) as f64) < THRESHOLD / 2.0 {
            continue;
        }
        let moved = std::mem::take(&mut groups[gj]);
        for &m in &moved {
            of[m] = gi;
        }
        groups[gi].extend(moved);
        groups[gi].sort();
    }
    groups.into_iter().filter(|g| !g.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn talk(title: &str, kind: TalkKind, speakers: &[&str], day: Option<&str>) -> Talk {
        Talk::for_test(title, kind, speakers, day)
    }

    #[test]
    fn pair_day_cases() {
        use DayCheck::*;
        let cases = [
            ("same label", Some("Day Two"), Some("day two"), Consistent),
            ("two numbers", Some("Day One"), Some("Day 2"), Inconsistent),
            (
                "two weekdays",
                Some("Friday"),
                Some("Friday, May 3"),
                Consistent,
            ),
            (
                "two dates",
                Some("May 3"),
                Some("Saturday, May 4"),
                Inconsistent,
            ),
            ("different forms", Some("Day One"), Some("Friday"), Neutral),
            ("no day", None, Some("Friday"), Neutral),
        ];
        for (name, a, b, want) in cases {
            assert_eq!(pair_day(a, &[], b, &[]), want, "{name}");
        }
    }

    #[test]
    fn pair_scores() {
        let w = Weights::uniform();
        let score = |x: &Talk, y: &Talk| {
            let (xv, yv) = (title_variants(&x.title), title_variants(&y.title));
            let side = |talk, variants| PairSide {
                talk,
                variants,
                slot: Slot::of(&talk.title),
                dates: &[],
            };
            pair_components(&side(x, &xv), &side(y, &yv), &w).score()
        };
        let a = talk(
            "Testing Async Code Without Losing Your Mind",
            TalkKind::Talk,
            &["Mariana Cavalcanti"],
            Some("Day One"),
        );
        let b = talk("async testing", TalkKind::Talk, &["Mariana"], None);
        let c = talk(
            "Celery",
            TalkKind::Talk,
            &["Olumide Adeyemi"],
            Some("Day Two"),
        );
        assert!(score(&a, &b) >= THRESHOLD);
        assert!(score(&a, &c) < THRESHOLD);
        let k1 = talk("keynote", TalkKind::Keynote, &["Ana de la Cruz"], None);
        let k2 = talk(
            "closing keynote",
            TalkKind::Keynote,
            &["Ana de la Cruz"],
            None,
        );
        assert!(score(&k1, &k2) >= THRESHOLD);
        // Two slots of one day are two sessions, unless the speakers say otherwise.
        let opening = talk("opening keynote", TalkKind::Keynote, &[], Some("Day One"));
        let closing = talk("closing keynote", TalkKind::Keynote, &[], Some("Day One"));
        let morning = talk("morning keynote", TalkKind::Keynote, &[], Some("Day One"));
        let plain = talk("the keynote", TalkKind::Keynote, &[], Some("Day One"));
        assert!(score(&opening, &closing) < THRESHOLD);
        assert!(score(&opening, &opening) >= THRESHOLD);
        assert!(score(&morning, &plain) >= THRESHOLD);
        let by = |t: &Talk| Talk {
            speakers: vec!["Ana de la Cruz".into()],
            ..t.clone()
        };
        assert!(score(&by(&opening), &by(&closing)) >= THRESHOLD);
    }

    #[test]
    fn clusters_keep_one_talk_per_post() {
        let members: Vec<Member> = (0..3)
            .map(|i| Member {
                attendee: i,
                post: if i == 2 { 0 } else { i },
                talk: i,
                entry: None,
            })
            .collect();
        // 0 and 2 are in the same post: 1 may join one of them, not both.
        let scores = BTreeMap::from([((0, 1), 0.9), ((1, 2), 0.8)]);
        let got = cluster(&members, &scores);
        assert_eq!(got, vec![vec![0, 1], vec![2]]);
    }

    #[test]
    fn speakers_merge_to_the_fullest_form() {
        let a = talk("x", TalkKind::Talk, &["Mariana"], None);
        let b = talk(
            "x",
            TalkKind::Talk,
            &["Mariana Cavalcanti", "Jesús Ortega"],
            None,
        );
        assert_eq!(
            merge_speakers(&[&a, &b]),
            vec!["Mariana Cavalcanti", "Jesús Ortega"]
        );
    }
}
