//! Linking the talks a post names to an official schedule.
//!
//! A schedule is a CSV file with the columns `title, speakers, date, kind` (other columns
//! are ignored; `speakers` are `; `-separated, `date` is `YYYY-MM-DD` or empty, `kind` one
//! of recap's talk kinds or `other`), or a JSON array of objects with those fields
//! (`speakers` a string or a list). [`link`] ties each talk of a post to at most one entry:
//!
//! ```text
//! score    = evidence × kind × day × conflict × slot
//! evidence = 1 − (1 − T) × (1 − 0.9·S·f') × (1 − KD·f)
//! ```
//!
//! - `T`, title similarity in [0, 1] ([`similarity::title_similarity`]); 0 for a generic
//!   title such as "keynote" or "the lightning talk", which then rests on the rest;
//! - `S`, speaker overlap in [0, 1] ([`similarity::speaker_overlap`]: the share of the
//!   post's speakers found among the entry's, a first name or surname alone counting 0.5);
//!   0 when unknown;
//! - `KD`, kind-and-day evidence: when the post and the entry are the same kind of session
//!   and that kind is not a plain talk (a keynote, a panel, a tutorial…), 0.6 if the post's
//!   day falls on the entry's date, 0.3 if the day is unknown (0.6 when the entry is the
//!   only one of that kind the talk's day and slot allow, or the only one of those whose
//!   title names the talk's slot); 0 otherwise;
//! - `f`, title support: a post title that names a subject the official title does not
//!   share speaks against the entry, so the other evidence counts less: `f = 1` for a
//!   generic title or when `T ≥ 0.5`, else `f = 0.5 + 2T²` (from 0.5 with no word in
//!   common up to 1 at `T = 0.5`). Speakers are weakened the same
//!   way (`f' = f`), except when the kinds are the same special kind (`f' = 1`): a speaker
//!   gives one keynote, but may give several talks;
//! - `kind`, kind agreement ([`similarity::kind_agreement`]): 1 for the same kind, 0.8 when
//!   the post says "talk" for a keynote or panel, 0 for an open space or BoF against a
//!   scheduled talk;
//! - `day`, 0.6 when the post's day maps onto other dates than the entry's, else 1
//!   (see [`days`] for how "Day Two", "Saturday" or "May 4" map onto dates; a schedule
//!   without dates leaves every day neutral);
//! - `conflict`, 0.4 when both name speakers and none match, else 1;
//! - `slot`, the part of the day and place in it ("morning", "closing") that both titles
//!   name ([`similarity::Slot`]): agreeing adds 0.25 of evidence, differing costs × 0.7.
//!
//! Links are made one to one, best score first, from pairs scoring at least
//! [`THRESHOLD`]; a talk whose best free entry ties (within [`TIE_MARGIN`]) with another
//! free entry stays unlinked as ambiguous, rather than taking one at random. Every other
//! talk below the threshold stays unlinked: hallway-track sessions, open spaces, talks the
//! schedule does not list.

pub mod days;
pub mod similarity;

use crate::pipeline::{Analysis, Outcome};
use crate::report::atomic::{replace_all, write_and_sync};
use crate::report::csv::{Formulas, to_csv};
use crate::report::json::to_json;
use crate::report::rows::{CsvRow, csv_row};
use crate::resolve::Talk;
use crate::rules::TalkKind;
use days::{Date, DayCheck, DayMap};
use serde::{Deserialize, Serialize};
use similarity::{Slot, SlotCheck, Weights};
use std::fmt::Write as _;
use std::path::Path;

/// Smallest score of a link.
pub const THRESHOLD: f64 = 0.5;

/// Two candidates closer than this are a tie.
pub const TIE_MARGIN: f64 = 0.01;

/// Evidence from a post and an entry placed in the same slot ("closing keynote" and
/// "Closing Keynote: …").
const SLOT_EVIDENCE: f64 = 0.25;

/// Factor for a post and an entry placed in different slots ("morning" against
/// "Afternoon Lightning Talks").
const SLOT_CONFLICT: f64 = 0.7;

/// Version of the layout of `links.csv` and `schedule.json`.
pub const SCHEMA_VERSION: &str = "1";

/// One scheduled session.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// Official title.
    pub title: String,
    /// Official speakers.
    pub speakers: Vec<String>,
    /// Date, if the schedule gives one.
    pub date: Option<Date>,
    /// Kind; `None` for the schedule's "other" (openings, sprint introductions).
    pub kind: Option<TalkKind>,
}

impl Entry {
    /// The kind's report name ("other" for `None`).
    pub fn kind_name(&self) -> &'static str {
        self.kind.map_or("other", TalkKind::as_str)
    }
}

/// An official schedule.
#[derive(Clone, Debug)]
pub struct Schedule {
    /// Where it was read from.
    pub source: String,
    /// Entries in file order.
    pub entries: Vec<Entry>,
    /// Title word weights over the entries' titles.
    pub weights: Weights,
    /// Each entry's [`similarity::title_variants`].
    variants: Vec<Vec<Vec<String>>>,
}

/// Why a schedule could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ScheduleError {
    /// A required column is missing from the header.
    #[error(
        "schedule {file}: missing column `{column}` (the header must name title, speakers, date, kind; it has: {found})"
    )]
    MissingColumn {
        /// The file.
        file: String,
        /// The missing column.
        column: &'static str,
        /// The columns found.
        found: String,
    },
    /// A line is not valid CSV or JSON, or has a bad value.
    #[error("schedule {file}: {message}")]
    Invalid {
        /// The file.
        file: String,
        /// What is wrong, and where.
        message: String,
    },
}

const COLUMNS: [&str; 4] = ["title", "speakers", "date", "kind"];

fn parse_kind(file: &str, line: u64, kind: &str) -> Result<Option<TalkKind>, ScheduleError> {
    let k = kind.trim();
    if k.is_empty() {
        return Ok(Some(TalkKind::Talk));
    }
    if k.eq_ignore_ascii_case("other") {
        return Ok(None);
    }
    TalkKind::parse(k).map(Some).ok_or_else(|| ScheduleError::Invalid {
        file: file.to_string(),
        message: format!(
            "line {line}: unknown kind {k:?} (known: talk, keynote, panel, tutorial, workshop, lightning, open space, bof, sprint, poster, other)"
        ),
    })
}

fn parse_date(file: &str, line: u64, date: &str) -> Result<Option<Date>, ScheduleError> {
    let d = date.trim();
    if d.is_empty() {
        return Ok(None);
    }
    Date::parse_iso(d)
        .map(Some)
        .ok_or_else(|| ScheduleError::Invalid {
            file: file.to_string(),
            message: format!("line {line}: date {d:?} is not a YYYY-MM-DD date"),
        })
}

fn split_speakers(s: &str) -> Vec<String> {
    s.split(';')
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

#[derive(Deserialize)]
#[serde(untagged)]
enum JsonSpeakers {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
struct JsonEntry {
    title: String,
    #[serde(default)]
    speakers: Option<JsonSpeakers>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    kind: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum JsonSchedule {
    List(Vec<JsonEntry>),
    Object { entries: Vec<JsonEntry> },
}

impl Schedule {
    /// Builds a schedule from entries.
    pub fn new(source: &str, entries: Vec<Entry>) -> Schedule {
        let weights = Weights::from_titles(entries.iter().map(|e| e.title.as_str()));
        let variants = entries
            .iter()
            .map(|e| similarity::title_variants(&e.title))
            .collect();
        Schedule {
            source: source.to_string(),
            entries,
            weights,
            variants,
        }
    }

    /// Reads a schedule file: JSON when its name ends in `.json`, CSV otherwise.
    ///
    /// # Errors
    /// When the file cannot be read or is not a schedule; the message names the file.
    pub fn load(path: &Path) -> anyhow::Result<Schedule> {
        use anyhow::Context as _;
        let bytes = std::fs::read(path)
            .with_context(|| format!("cannot read schedule {}", path.display()))?;
        let name = path.display().to_string();
        let is_json = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        let schedule = if is_json {
            Schedule::from_json(&name, &bytes)?
        } else {
            Schedule::from_csv(&name, &bytes)?
        };
        Ok(schedule)
    }

    /// Parses a schedule CSV with a header naming `title, speakers, date, kind` (any order,
    /// any case; other columns ignored).
    ///
    /// # Errors
    /// A missing column, a malformed line, an unknown kind, a bad date or an empty title;
    /// the message names `file` and the line.
    pub fn from_csv(file: &str, bytes: &[u8]) -> Result<Schedule, ScheduleError> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let invalid = |message: String| ScheduleError::Invalid {
            file: file.to_string(),
            message,
        };
        let mut reader = ::csv::ReaderBuilder::new().from_reader(bytes);
        let header: Vec<String> = reader
            .headers()
            .map_err(|e| invalid(e.to_string()))?
            .iter()
            .map(|h| h.trim().to_lowercase())
            .collect();
        let mut index = [0usize; 4];
        for (slot, column) in index.iter_mut().zip(COLUMNS) {
            *slot = header.iter().position(|h| h == column).ok_or_else(|| {
                ScheduleError::MissingColumn {
                    file: file.to_string(),
                    column,
                    found: if header.iter().all(String::is_empty) {
                        "nothing".to_string()
                    } else {
                        header.join(", ")
                    },
                }
            })?;
        }
        let mut entries = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| invalid(e.to_string()))?;
            let line = record.position().map_or(0, |p| p.line());
            let field = |i: usize| record.get(index[i]).unwrap_or("").trim();
            let title = field(0).split_whitespace().collect::<Vec<_>>().join(" ");
            if title.is_empty() {
                return Err(invalid(format!("line {line}: empty title")));
            }
            entries.push(Entry {
                title,
                speakers: split_speakers(field(1)),
                date: parse_date(file, line, field(2))?,
                kind: parse_kind(file, line, field(3))?,
            });
        }
        Ok(Schedule::new(file, entries))
    }

    /// Parses a schedule JSON: a list of `{"title", "speakers", "date", "kind"}` objects
    /// (or `{"entries": [...]}`), `speakers` a `; `-separated string or a list.
    ///
    /// # Errors
    /// Invalid JSON, a bad date or kind, an empty title; the message names `file`.
    pub fn from_json(file: &str, bytes: &[u8]) -> Result<Schedule, ScheduleError> {
        let parsed: JsonSchedule =
            serde_json::from_slice(bytes).map_err(|e| ScheduleError::Invalid {
                file: file.to_string(),
                message: format!(
                    "{e} (expected a list of {{\"title\", \"speakers\", \"date\", \"kind\"}} objects)"
                ),
            })?;
        let list = match parsed {
            JsonSchedule::List(l) | JsonSchedule::Object { entries: l } => l,
        };
        let mut entries = Vec::new();
        for (i, e) in list.into_iter().enumerate() {
            let item = i as u64 + 1;
            let title = e.title.split_whitespace().collect::<Vec<_>>().join(" ");
            if title.is_empty() {
                return Err(ScheduleError::Invalid {
                    file: file.to_string(),
                    message: format!("entry {item}: empty title"),
                });
            }
            let speakers = match e.speakers {
                None => Vec::new(),
                Some(JsonSpeakers::One(s)) => split_speakers(&s),
                Some(JsonSpeakers::Many(v)) => v.iter().flat_map(|s| split_speakers(s)).collect(),
            };
            entries.push(Entry {
                title,
                speakers,
                date: parse_date(file, item, e.date.as_deref().unwrap_or(""))?,
                kind: parse_kind(file, item, e.kind.as_deref().unwrap_or(""))?,
            });
        }
        Ok(Schedule::new(file, entries))
    }

    /// The first and last dates, if any entry has one.
    pub fn date_range(&self) -> Option<(Date, Date)> {
        let mut dates = self.entries.iter().filter_map(|e| e.date);
        let first = dates.next()?;
        Some(dates.fold((first, first), |(lo, hi), d| (lo.min(d), hi.max(d))))
    }

    /// The post's day labels mapped onto this schedule's dates.
    pub fn day_map(&self, labels: &[String]) -> DayMap {
        let dated: Vec<(Option<Date>, Option<TalkKind>)> =
            self.entries.iter().map(|e| (e.date, e.kind)).collect();
        DayMap::new(labels, &dated)
    }
}

/// The parts of one talk–entry score.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Components {
    /// Title similarity `T`.
    pub title: f64,
    /// Speaker overlap `S`; `None` when unknown.
    pub speakers: Option<f64>,
    /// Kind agreement.
    pub kind: f64,
    /// Both are the same kind of session, and it is not a plain talk.
    pub same_specific_kind: bool,
    /// The post's title is generic ("keynote"): it names no subject.
    pub generic_title: bool,
    /// Day against date.
    #[serde(serialize_with = "ser_day")]
    pub day: DayCheck,
    /// The entry is the only one of the talk's special kind that its day and slot allow
    /// (the one keynote on that day, or in an undated programme), or the only one of
    /// those whose title names the talk's slot (the one "Closing Keynote").
    pub sole: bool,
    /// Part of the day ("morning") and place in the day ("opening", "closing") against
    /// the entry's title.
    #[serde(serialize_with = "ser_slot")]
    pub slot: SlotCheck,
}

fn ser_slot<S: serde::Serializer>(c: &SlotCheck, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(c.as_str())
}

fn ser_day<S: serde::Serializer>(d: &DayCheck, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(d.as_str())
}

impl Components {
    /// The score (see the module docs).
    pub fn score(&self) -> f64 {
        let s = self.speakers.unwrap_or(0.0);
        let kd = if self.same_specific_kind {
            match self.day {
                DayCheck::Consistent => 0.6,
                DayCheck::Neutral if self.sole => 0.6,
                DayCheck::Neutral => 0.3,
                DayCheck::Inconsistent => 0.0,
            }
        } else {
            0.0
        };
        let support = if self.generic_title || self.title >= 0.5 {
            1.0
        } else {
            0.5 + 2.0 * self.title * self.title
        };
        let speaker_support = if self.same_specific_kind {
            1.0
        } else {
            support
        };
        let mut evidence =
            1.0 - (1.0 - self.title) * (1.0 - 0.9 * s * speaker_support) * (1.0 - kd * support);
        let slot = match self.slot {
            SlotCheck::Agrees => {
                evidence = 1.0 - (1.0 - evidence) * (1.0 - SLOT_EVIDENCE);
                1.0
            }
            SlotCheck::Conflicts => SLOT_CONFLICT,
            SlotCheck::Unknown => 1.0,
        };
        let day = if self.day == DayCheck::Inconsistent {
            0.6
        } else {
            1.0
        };
        let conflict = if self.speakers == Some(0.0) { 0.4 } else { 1.0 };
        evidence * self.kind * day * conflict * slot
    }
}

/// The components of a post's talk against one entry.
pub fn components(talk: &Talk, entry: &Entry, days: &DayMap, weights: &Weights) -> Components {
    let (tv, ev) = (
        similarity::post_title_variants(&talk.title),
        similarity::title_variants(&entry.title),
    );
    components_of(talk, &tv, entry, &ev, days, weights)
}

/// [`components`] with both titles' variants already made.
fn components_of(
    talk: &Talk,
    talk_variants: &[Vec<String>],
    entry: &Entry,
    entry_variants: &[Vec<String>],
    days: &DayMap,
    weights: &Weights,
) -> Components {
    let mut talk_slot = Slot::of(&talk.title);
    let mut entry_slot = Slot::of(&entry.title);
    // An undated entry whose title names a weekday ("Morning Lightning Talks (Saturday)")
    // is checked against the post's weekday as a dated one is against its day.
    let talk_weekday = talk
        .day
        .as_deref()
        .and_then(days::label_weekday)
        .or(talk_slot.weekday);
    let day = match (entry.date, entry_slot.weekday, talk_weekday) {
        (None, Some(e), Some(t)) if e == t => DayCheck::Consistent,
        (None, Some(_), Some(_)) => DayCheck::Inconsistent,
        _ => days.check(talk.day.as_deref(), entry.date),
    };
    talk_slot.weekday = None;
    entry_slot.weekday = None;
    Components {
        title: similarity::variants_similarity(talk_variants, entry_variants, weights),
        speakers: similarity::speaker_overlap(&talk.speakers, &entry.speakers, &entry.title),
        kind: similarity::kind_agreement(talk.kind, entry.kind),
        same_specific_kind: entry.kind == Some(talk.kind) && talk.kind != TalkKind::Talk,
        generic_title: talk_variants.is_empty(),
        day,
        sole: false,
        slot: talk_slot.check(&entry_slot),
    }
}

/// What became of a talk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkStatus {
    /// Linked to an entry.
    Linked,
    /// No entry scored at least the threshold (or those that did were taken).
    Unlinked,
    /// Two free entries tied for it.
    Ambiguous,
}

impl LinkStatus {
    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkStatus::Linked => "linked",
            LinkStatus::Unlinked => "unlinked",
            LinkStatus::Ambiguous => "ambiguous",
        }
    }
}

/// A talk's link, or its nearest miss.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// Index of the talk.
    pub talk: usize,
    /// Linked or not.
    pub status: LinkStatus,
    /// The linked entry, or the best-scoring one when unlinked (`None` if all scored 0).
    pub entry: Option<usize>,
    /// Its score.
    pub score: f64,
    /// Its components.
    pub components: Option<Components>,
}

impl Link {
    /// The linked entry, only when linked.
    pub fn linked(&self) -> Option<usize> {
        (self.status == LinkStatus::Linked)
            .then_some(self.entry)
            .flatten()
    }
}

/// Links each talk of one post to at most one entry (see the module docs), given the
/// post's day section labels in order. One [`Link`] per talk, in talk order.
pub fn link(talks: &[Talk], day_labels: &[String], schedule: &Schedule) -> Vec<Link> {
    let days = schedule.day_map(day_labels);
    let scored: Vec<Vec<(f64, Components)>> = talks
        .iter()
        .map(|t| {
            let tv = similarity::post_title_variants(&t.title);
            let mut row: Vec<Components> = schedule
                .entries
                .iter()
                .zip(&schedule.variants)
                .map(|(e, ev)| components_of(t, &tv, e, ev, &days, &schedule.weights))
                .collect();
            // The one entry of the talk's special kind that its day and slot allow, or
            // else the one of those whose title names the talk's slot ("the opening
            // keynote" and one "Opening Keynote: …").
            let allowed: Vec<usize> = row
                .iter()
                .enumerate()
                .filter(|(_, c)| {
                    c.same_specific_kind
                        && c.day != DayCheck::Inconsistent
                        && c.slot != SlotCheck::Conflicts
                })
                .map(|(i, _)| i)
                .collect();
            let agreeing: Vec<usize> = allowed
                .iter()
                .copied()
                .filter(|&i| row[i].slot == SlotCheck::Agrees)
                .collect();
            if let [only] = allowed[..] {
                row[only].sole = true;
            } else if let [only] = agreeing[..] {
                row[only].sole = true;
            }
            row.into_iter().map(|c| (c.score(), c)).collect()
        })
        .collect();
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (t, row) in scored.iter().enumerate() {
        for (e, (s, _)) in row.iter().enumerate() {
            if *s >= THRESHOLD {
                pairs.push((*s, t, e));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut talk_done = vec![false; talks.len()];
    let mut taken = vec![false; schedule.entries.len()];
    let mut links: Vec<Option<Link>> = vec![None; talks.len()];
    for &(s, t, e) in &pairs {
        if talk_done[t] || taken[e] {
            continue;
        }
        talk_done[t] = true;
        let rival = scored[t]
            .iter()
            .enumerate()
            .any(|(j, (sj, _))| j != e && !taken[j] && *sj >= THRESHOLD && s - sj < TIE_MARGIN);
        if rival {
            links[t] = Some(Link {
                talk: t,
                status: LinkStatus::Ambiguous,
                entry: Some(e),
                score: s,
                components: Some(scored[t][e].1),
            });
            continue;
        }
        taken[e] = true;
        links[t] = Some(Link {
            talk: t,
            status: LinkStatus::Linked,
            entry: Some(e),
            score: s,
            components: Some(scored[t][e].1),
        });
    }
    links
        .into_iter()
        .enumerate()
        .map(|(t, l)| {
            l.unwrap_or_else(|| {
                let best = scored[t]
                    .iter()
                    .enumerate()
                    .filter(|(_, (s, _))| *s > 0.0)
                    .max_by(|a, b| a.1.0.total_cmp(&b.1.0).then(b.0.cmp(&a.0)));
                Link {
                    talk: t,
                    status: LinkStatus::Unlinked,
                    entry: best.map(|(e, _)| e),
                    score: best.map_or(0.0, |(_, (s, _))| *s),
                    components: best.map(|(_, (_, c))| *c),
                }
            })
        })
        .collect()
}

/// A post's day section labels in the order they open: the days of its mentions and talks.
pub fn day_labels(analysis: &Analysis) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen = |d: Option<&str>| {
        if let Some(d) = d {
            if !out.iter().any(|o| o == d) {
                out.push(d.to_string());
            }
        }
    };
    let mut firsts: Vec<(usize, Option<&str>)> = analysis
        .mentions
        .iter()
        .map(|m| (m.span.start, m.day.as_deref()))
        .chain(
            analysis
                .talks
                .iter()
                .map(|t| (t.span.start, t.day.as_deref())),
        )
        .collect();
    firsts.sort_by_key(|(start, _)| *start);
    for (_, d) in firsts {
        seen(d);
    }
    out
}

/// One post's links.
#[derive(Clone, Debug)]
pub struct PostLinks {
    /// The post's path.
    pub path: String,
    /// Its talks.
    pub talks: Vec<Talk>,
    /// One link per talk.
    pub links: Vec<Link>,
}

impl PostLinks {
    /// Distinct entries linked.
    pub fn covered(&self) -> usize {
        let mut e: Vec<usize> = self.links.iter().filter_map(Link::linked).collect();
        e.sort();
        e.dedup();
        e.len()
    }
}

/// Links every analyzed post of a run.
pub fn link_all(outcomes: &[Outcome], schedule: &Schedule) -> Vec<PostLinks> {
    outcomes
        .iter()
        .filter_map(|o| match o {
            Outcome::Analyzed(a) => Some(link_post(a, schedule)),
            Outcome::Failed(_) => None,
        })
        .collect()
}

/// Links one post.
pub fn link_post(analysis: &Analysis, schedule: &Schedule) -> PostLinks {
    PostLinks {
        path: analysis.path.clone(),
        talks: analysis.talks.clone(),
        links: link(&analysis.talks, &day_labels(analysis), schedule),
    }
}

fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

csv_row! {
    /// `links.csv`, and the `talks --format csv --schedule` output: one row per talk.
    pub struct LinkRow {
        /// Post path.
        pub path: String,
        /// Title as the post gives it.
        pub title: String,
        /// Kind as the post gives it.
        pub kind: &'static str,
        /// Speakers as the post gives them, `; `-separated.
        pub speakers: String,
        /// The post's day label.
        pub day: Option<String>,
        /// linked, unlinked or ambiguous.
        pub status: &'static str,
        /// Official title (linked only).
        pub official_title: String,
        /// Official speakers, `; `-separated (linked only).
        pub official_speakers: String,
        /// Official date (linked only).
        pub official_date: String,
        /// Official kind (linked only).
        pub official_kind: String,
        /// The link's score; for a talk not linked, the best score any entry reached.
        pub score: f64,
    }
}

/// One row per talk of every post.
pub fn link_rows(posts: &[PostLinks], schedule: &Schedule) -> Vec<LinkRow> {
    let mut rows = Vec::new();
    for p in posts {
        for l in &p.links {
            let t = &p.talks[l.talk];
            let e = l.linked().map(|e| &schedule.entries[e]);
            rows.push(LinkRow {
                path: p.path.clone(),
                title: t.title.clone(),
                kind: t.kind.as_str(),
                speakers: t.speakers.join("; "),
                day: t.day.clone(),
                status: l.status.as_str(),
                official_title: e.map(|e| e.title.clone()).unwrap_or_default(),
                official_speakers: e.map(|e| e.speakers.join("; ")).unwrap_or_default(),
                official_date: e
                    .and_then(|e| e.date)
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                official_kind: e.map(|e| e.kind_name().to_string()).unwrap_or_default(),
                score: round(l.score, 3),
            });
        }
    }
    rows
}

/// An official entry in JSON.
#[derive(Debug, Serialize)]
pub struct JsonOfficial {
    /// Title.
    pub title: String,
    /// Speakers.
    pub speakers: Vec<String>,
    /// Date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Kind.
    pub kind: &'static str,
}

impl JsonOfficial {
    /// The JSON form of an entry.
    pub fn of(e: &Entry) -> JsonOfficial {
        JsonOfficial {
            title: e.title.clone(),
            speakers: e.speakers.clone(),
            date: e.date.map(|d| d.to_string()),
            kind: e.kind_name(),
        }
    }
}

/// A talk and its link in JSON.
#[derive(Debug, Serialize)]
pub struct JsonLink {
    /// Title as the post gives it.
    pub title: String,
    /// Kind.
    pub kind: &'static str,
    /// Speakers.
    pub speakers: Vec<String>,
    /// Day label.
    pub day: Option<String>,
    /// linked, unlinked or ambiguous.
    pub status: &'static str,
    /// The linked entry; for a talk not linked, the nearest one (if any scored above 0).
    pub entry: Option<JsonOfficial>,
    /// Score of that entry.
    pub score: f64,
    /// The parts of that score.
    pub components: Option<Components>,
}

/// Schedule coverage of a post.
#[derive(Debug, Serialize)]
pub struct JsonCoverage {
    /// Distinct entries the post's talks are linked to.
    pub mentioned: usize,
    /// Entries in the schedule.
    pub scheduled: usize,
    /// `mentioned / scheduled`.
    pub share: f64,
}

/// One post in `schedule.json`.
#[derive(Debug, Serialize)]
pub struct JsonPost {
    /// Path.
    pub path: String,
    /// Talks found.
    pub talks: usize,
    /// Talks linked.
    pub linked: usize,
    /// Coverage of the schedule.
    pub coverage: JsonCoverage,
    /// Linked talks.
    pub links: Vec<JsonLink>,
    /// Talks not linked, with the nearest entry.
    pub unlinked: Vec<JsonLink>,
}

/// `schedule.json`.
#[derive(Debug, Serialize)]
pub struct JsonScheduleReport {
    /// Layout version.
    pub schema_version: &'static str,
    /// The schedule file.
    pub schedule: String,
    /// Its entries.
    pub entries: usize,
    /// The link threshold.
    pub threshold: f64,
    /// Per post.
    pub posts: Vec<JsonPost>,
    /// Entries no post is linked to.
    pub not_mentioned: Vec<JsonOfficial>,
}

fn json_link(p: &PostLinks, l: &Link, schedule: &Schedule) -> JsonLink {
    let t = &p.talks[l.talk];
    JsonLink {
        title: t.title.clone(),
        kind: t.kind.as_str(),
        speakers: t.speakers.clone(),
        day: t.day.clone(),
        status: l.status.as_str(),
        entry: l.entry.map(|e| JsonOfficial::of(&schedule.entries[e])),
        score: round(l.score, 3),
        components: l.components.map(|c| Components {
            title: round(c.title, 3),
            speakers: c.speakers.map(|s| round(s, 3)),
            ..c
        }),
    }
}

/// The `schedule.json` report.
pub fn json_report(posts: &[PostLinks], schedule: &Schedule) -> JsonScheduleReport {
    let n = schedule.entries.len();
    let mut mentioned = vec![false; n];
    let json_posts = posts
        .iter()
        .map(|p| {
            for e in p.links.iter().filter_map(Link::linked) {
                mentioned[e] = true;
            }
            let covered = p.covered();
            JsonPost {
                path: p.path.clone(),
                talks: p.talks.len(),
                linked: p.links.iter().filter(|l| l.linked().is_some()).count(),
                coverage: JsonCoverage {
                    mentioned: covered,
                    scheduled: n,
                    share: if n == 0 {
                        0.0
                    } else {
                        round(covered as f64 / n as f64, 4)
                    },
                },
                links: p
                    .links
                    .iter()
                    .filter(|l| l.linked().is_some())
                    .map(|l| json_link(p, l, schedule))
                    .collect(),
                unlinked: p
                    .links
                    .iter()
                    .filter(|l| l.linked().is_none())
                    .map(|l| json_link(p, l, schedule))
                    .collect(),
            }
        })
        .collect();
    JsonScheduleReport {
        schema_version: SCHEMA_VERSION,
        schedule: schedule.source.clone(),
        entries: n,
        threshold: THRESHOLD,
        posts: json_posts,
        not_mentioned: schedule
            .entries
            .iter()
            .zip(&mentioned)
            .filter(|(_, m)| !**m)
            .map(|(e, _)| JsonOfficial::of(e))
            .collect(),
    }
}

/// The files `links.csv` and `schedule.json`, ready to write.
///
/// # Errors
/// When a row cannot be serialized.
pub fn report_files(
    posts: &[PostLinks],
    schedule: &Schedule,
    formulas: Formulas,
) -> anyhow::Result<Vec<(&'static str, Vec<u8>)>> {
    Ok(vec![
        ("links.csv", to_csv(&link_rows(posts, schedule), formulas)?),
        ("schedule.json", to_json(&json_report(posts, schedule))?),
    ])
}

/// Writes `links.csv` and `schedule.json` into `dir` (created if missing), both or
/// neither.
///
/// # Errors
/// When the folder cannot be created or a file cannot be written.
pub fn write_reports(
    dir: &Path,
    posts: &[PostLinks],
    schedule: &Schedule,
    formulas: Formulas,
) -> anyhow::Result<()> {
    use anyhow::Context as _;
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create output folder {}", dir.display()))?;
    replace_all(
        dir,
        &report_files(posts, schedule, formulas)?,
        &mut write_and_sync,
    )
}

fn talk_label(t: &Talk) -> String {
    if t.speakers.is_empty() {
        t.title.clone()
    } else {
        format!("{} — {}", t.title, t.speakers.join(", "))
    }
}

fn entry_label(e: &Entry) -> String {
    match e.date {
        Some(d) => format!("{} ({}, {})", e.title, e.kind_name(), d),
        None => format!("{} ({})", e.title, e.kind_name()),
    }
}

/// The closing note: the schedule, then for each post its coverage, every link with its
/// score, and the talks left unlinked.
pub fn closing_note(posts: &[PostLinks], schedule: &Schedule) -> String {
    let mut out = String::new();
    let dates = match schedule.date_range() {
        Some((a, b)) => format!("{a} to {b}"),
        None => "no dates".to_string(),
    };
    let _ = writeln!(
        out,
        "schedule {}: {} entries, {dates}; a link needs a score of at least {THRESHOLD:.2}",
        schedule.source,
        schedule.entries.len()
    );
    for p in posts {
        let n = schedule.entries.len().max(1);
        let linked = p.links.iter().filter(|l| l.linked().is_some()).count();
        let _ = writeln!(
            out,
            "{}: {linked} of {} talks linked; mentions {} of {} scheduled entries ({:.1}%)",
            p.path,
            p.talks.len(),
            p.covered(),
            schedule.entries.len(),
            100.0 * p.covered() as f64 / n as f64
        );
        for l in &p.links {
            if let Some(e) = l.linked() {
                let _ = writeln!(
                    out,
                    "  {:.2}  {}  →  {}",
                    l.score,
                    talk_label(&p.talks[l.talk]),
                    entry_label(&schedule.entries[e])
                );
            }
        }
        for l in p.links.iter().filter(|l| l.linked().is_none()) {
            let t = &p.talks[l.talk];
            let why = match (l.status, l.entry) {
                (LinkStatus::Ambiguous, Some(e)) => format!(
                    "ambiguous, {:.2} for {} and another",
                    l.score, schedule.entries[e].title
                ),
                (_, Some(e)) => {
                    let taken = p
                        .links
                        .iter()
                        .find(|o| o.linked() == Some(e))
                        .map(|o| format!(", linked to “{}”", p.talks[o.talk].title))
                        .unwrap_or_default();
                    format!(
                        "nearest {:.2}: {}{taken}",
                        l.score, schedule.entries[e].title
                    )
                }
                (_, None) => "no candidate".to_string(),
            };
            let _ = writeln!(
                out,
                "  unlinked  {} [{}] ({why})",
                talk_label(t),
                t.kind.as_str()
            );
        }
    }
    out
}

/// Each post's talks grouped by day, each followed by its official entry when linked.
pub fn linked_talks_table(
    outcomes: &[Outcome],
    posts: &[PostLinks],
    schedule: &Schedule,
) -> String {
    let mut out = String::new();
    for o in outcomes {
        let a = match o {
            Outcome::Failed(e) => {
                let _ = writeln!(out, "{}\n  (not read: {})\n", e.path, e.message);
                continue;
            }
            Outcome::Analyzed(a) => a,
        };
        let Some(p) = posts.iter().find(|p| p.path == a.path) else {
            continue;
        };
        let linked = p.links.iter().filter(|l| l.linked().is_some()).count();
        let _ = writeln!(
            out,
            "{}  ({} talks, {linked} linked to the schedule)",
            a.path,
            a.talks.len()
        );
        let width = crate::report::table::kind_width(&a.talks);
        for day in crate::report::table::days_in_order(&a.talks) {
            let _ = writeln!(out, "  {}", day.unwrap_or("(no day)"));
            for (i, t) in a.talks.iter().enumerate() {
                if t.day.as_deref() != day {
                    continue;
                }
                let _ = writeln!(out, "    {:width$}  {}", t.kind.as_str(), talk_label(t));
                if let Some(l) = p.links.get(i) {
                    if let Some(e) = l.linked() {
                        let e = &schedule.entries[e];
                        let speakers = if e.speakers.is_empty() {
                            String::new()
                        } else {
                            format!(" — {}", e.speakers.join(", "))
                        };
                        let date = e.date.map(|d| format!(", {d}")).unwrap_or_default();
                        let _ = writeln!(
                            out,
                            "    {:width$}  = {}{speakers} [{:.2}{date}]",
                            "", e.title, l.score
                        );
                    }
                }
            }
        }
        out.push('\n');
    }
    out
}

/// Adds a `schedule` field (the [`JsonLink`] of each talk) to each talk of the documents
/// JSON that `recap talks --format json` prints.
pub fn annotate_documents(
    documents: &mut serde_json::Value,
    posts: &[PostLinks],
    schedule: &Schedule,
) {
    let Some(docs) = documents.as_array_mut() else {
        return;
    };
    for doc in docs {
        let Some(path) = doc.get("path").and_then(|p| p.as_str()).map(str::to_string) else {
            continue;
        };
        let Some(p) = posts.iter().find(|p| p.path == path) else {
            continue;
        };
        let Some(talks) = doc.get_mut("talks").and_then(|t| t.as_array_mut()) else {
            continue;
        };
        for (talk, l) in talks.iter_mut().zip(&p.links) {
            if let Some(obj) = talk.as_object_mut() {
                let j = json_link(p, l, schedule);
                let value = serde_json::json!({
                    "status": j.status,
                    "entry": j.entry,
                    "score": j.score,
                });
                obj.insert("schedule".to_string(), value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn talk(title: &str, kind: TalkKind, speakers: &[&str], day: Option<&str>) -> Talk {
        Talk::for_test(title, kind, speakers, day)
    }

    const CSV: &str = "title,speakers,date,kind,extra\n\
        Keynote: Tides and Timetables,Ruth Amsel,2030-06-07,keynote,x\n\
        Keynote: Small Tools,Oskar Lindgren,2030-06-08,keynote,x\n\
        Keynote: Borrowed Time,Wen Hsu,2030-06-08,keynote,x\n\
        Parsing Ferry Logs with Regex,Ines Barros,2030-06-07,talk,x\n\
        Saturday Lightning Talks,,2030-06-08,lightning,x\n\
        Intro to Harbour Data,Kofi Mensah,2030-06-06,tutorial,x\n";

    fn schedule() -> Schedule {
        Schedule::from_csv("s.csv", CSV.as_bytes()).unwrap()
    }

    #[test]
    fn parses_csv_with_extra_columns() {
        let s = schedule();
        assert_eq!(s.entries.len(), 6);
        assert_eq!(s.entries[0].speakers, vec!["Ruth Amsel"]);
        assert_eq!(s.entries[4].speakers, Vec::<String>::new());
        assert_eq!(s.entries[5].kind, Some(TalkKind::Tutorial));
        assert_eq!(s.entries[0].date.unwrap().to_string(), "2030-06-07");
    }

    #[test]
    fn csv_errors_name_file_and_column() {
        let err = Schedule::from_csv("sched.csv", b"title,speaker,date,kind\nA,,,talk\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("sched.csv") && err.contains("`speakers`"),
            "{err}"
        );
        let err = Schedule::from_csv("s.csv", b"title,speakers,date,kind\nA,,2030-13-01,talk\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("line 2") && err.contains("2030-13-01"),
            "{err}"
        );
        let err = Schedule::from_csv("s.csv", b"title,speakers,date,kind\nA,,,chat\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown kind"), "{err}");
    }

    #[test]
    fn parses_json() {
        let s = Schedule::from_json(
            "s.json",
            br#"[{"title": "A", "speakers": ["X Y", "Z W"], "date": "2030-06-07", "kind": "panel"},
                {"title": "B", "speakers": "Q R; S T"}]"#,
        )
        .unwrap();
        assert_eq!(s.entries[0].speakers.len(), 2);
        assert_eq!(s.entries[1].speakers, vec!["Q R", "S T"]);
        assert_eq!(s.entries[1].kind, Some(TalkKind::Talk));
    }

    #[test]
    fn score_formula() {
        // Title alone, same kind: evidence = T.
        let c = Components {
            title: 0.8,
            speakers: None,
            kind: 1.0,
            same_specific_kind: false,
            generic_title: false,
            day: DayCheck::Neutral,
            sole: false,
            slot: SlotCheck::Unknown,
        };
        assert!((c.score() - 0.8).abs() < 1e-9);
        // Speakers conflict: × 0.4.
        let c2 = Components {
            speakers: Some(0.0),
            ..c
        };
        assert!((c2.score() - 0.32).abs() < 1e-9);
        // A generic keynote with a first name on a known day:
        // 1 − (1 − 0)(1 − 0.45)(1 − 0.6) = 0.78.
        let c3 = Components {
            title: 0.0,
            speakers: Some(0.5),
            kind: 1.0,
            same_specific_kind: true,
            generic_title: true,
            day: DayCheck::Consistent,
            sole: false,
            slot: SlotCheck::Unknown,
        };
        assert!((c3.score() - 0.78).abs() < 1e-9);
        // A talk titled by a subject the entry does not share, by the same speaker:
        // f = 0.5 + 2 × 0.3² = 0.68; 1 − 0.7 × (1 − 0.9 × 1 × 0.68) = 0.7284.
        let c5 = Components {
            title: 0.3,
            speakers: Some(1.0),
            kind: 1.0,
            same_specific_kind: false,
            generic_title: false,
            day: DayCheck::Neutral,
            sole: false,
            slot: SlotCheck::Unknown,
        };
        assert!((c5.score() - 0.7284).abs() < 1e-9);
        // The same with no title overlap at all is no link: 1 − (1 − 0.45) = 0.45.
        let c6 = Components { title: 0.0, ..c5 };
        assert!((c6.score() - 0.45).abs() < 1e-9);
        // The wrong day: × 0.6, and no kind-and-day evidence.
        let c4 = Components {
            day: DayCheck::Inconsistent,
            ..c3
        };
        assert!((c4.score() - 0.45 * 0.6).abs() < 1e-9);
        // A generic keynote with no speaker and no date, the programme's one keynote:
        // kind and uniqueness alone, 0.6.
        let c7 = Components {
            speakers: None,
            day: DayCheck::Neutral,
            sole: true,
            ..c3
        };
        assert!((c7.score() - 0.6).abs() < 1e-9);
        // Not the only one: 0.3.
        let c8 = Components { sole: false, ..c7 };
        assert!((c8.score() - 0.3).abs() < 1e-9);
        // The same slot adds evidence: 1 − 0.4 × 0.75 = 0.7; another slot costs × 0.7.
        let c9 = Components {
            slot: SlotCheck::Agrees,
            ..c7
        };
        assert!((c9.score() - 0.7).abs() < 1e-9);
        let c10 = Components {
            slot: SlotCheck::Conflicts,
            ..c7
        };
        assert!((c10.score() - 0.42).abs() < 1e-9);
    }

    #[test]
    fn links_one_to_one_and_leaves_the_rest() {
        let s = schedule();
        let labels: Vec<String> = ["Day One", "Day Two"]
            .iter()
            .map(|x| x.to_string())
            .collect();
        let talks = vec![
            talk("Tides and Timetables", TalkKind::Talk, &[], Some("Day One")),
            talk("keynote", TalkKind::Keynote, &["Oskar"], Some("Day Two")),
            talk("keynote", TalkKind::Keynote, &[], Some("Day Two")),
            talk("regex", TalkKind::Talk, &["Ines Barros"], Some("Day One")),
            talk(
                "open space on buoys",
                TalkKind::OpenSpace,
                &[],
                Some("Day One"),
            ),
            talk(
                "Ferry Logs",
                TalkKind::Talk,
                &["Someone Else"],
                Some("Day One"),
            ),
        ];
        let links = link(&talks, &labels, &s);
        let got: Vec<(LinkStatus, Option<&str>)> = links
            .iter()
            .map(|l| (l.status, l.linked().map(|e| s.entries[e].title.as_str())))
            .collect();
        assert_eq!(
            got,
            vec![
                (LinkStatus::Linked, Some("Keynote: Tides and Timetables")),
                (LinkStatus::Linked, Some("Keynote: Small Tools")),
                // The one Day Two keynote left.
                (LinkStatus::Linked, Some("Keynote: Borrowed Time")),
                (LinkStatus::Linked, Some("Parsing Ferry Logs with Regex")),
                (LinkStatus::Unlinked, None),
                // The title fits, but the speakers conflict.
                (LinkStatus::Unlinked, None),
            ]
        );
    }

    #[test]
    fn an_unnamed_keynote_links_to_the_only_keynote_of_an_undated_programme() {
        let s = Schedule::from_csv(
            "s.csv",
            "title,speakers,date,kind\n\
             Keynote: Harbour Lights: Ana Ruiz and Bo Lind,,,keynote\n\
             Plenary: Morning Lightning Talks,,,lightning\n\
             Plenary: Morning Lightning Talks (Saturday),,,lightning\n\
             Plenary: Afternoon Lightning Talks,,,lightning\n\
             Parsing Ferry Logs,,,talk\n"
                .as_bytes(),
        )
        .unwrap();
        let labels: Vec<String> = ["Day One", "Saturday"].map(String::from).to_vec();
        let talks = vec![
            talk(
                "keynote by the creators",
                TalkKind::Keynote,
                &[],
                Some("Day One"),
            ),
            // Another person's keynote: the names in the entry's title conflict.
            talk("keynote", TalkKind::Keynote, &["Guido"], Some("Day One")),
            // A weekday in an undated entry's title against the post's day.
            talk(
                "lightning talks",
                TalkKind::Lightning,
                &[],
                Some("Saturday"),
            ),
            // Two morning sessions, on a day the undated programme cannot place: no
            // link.
            talk(
                "morning lightning talks",
                TalkKind::Lightning,
                &[],
                Some("Day One"),
            ),
        ];
        let links = link(&talks, &labels, &s);
        let got: Vec<(LinkStatus, Option<&str>)> = links
            .iter()
            .map(|l| (l.status, l.linked().map(|e| s.entries[e].title.as_str())))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    LinkStatus::Linked,
                    Some("Keynote: Harbour Lights: Ana Ruiz and Bo Lind")
                ),
                (LinkStatus::Unlinked, None),
                (
                    LinkStatus::Linked,
                    Some("Plenary: Morning Lightning Talks (Saturday)")
                ),
                (LinkStatus::Unlinked, None),
            ]
        );
        assert!((links[0].score - 0.6).abs() < 1e-9);
        assert!(links[0].components.unwrap().sole);
    }

    #[test]
    fn the_slot_breaks_a_tie_between_keynotes_of_one_day() {
        let s = schedule();
        let labels = vec!["Saturday".to_string()];
        // Two keynotes on Saturday 2030-06-08; "closing" agrees with neither title, so
        // it stays a tie; "Small Tools" is its subject here.
        let talks = vec![talk(
            "closing keynote",
            TalkKind::Keynote,
            &[],
            Some("Saturday"),
        )];
        assert_eq!(link(&talks, &labels, &s)[0].status, LinkStatus::Ambiguous);
        let s = Schedule::from_csv(
            "s.csv",
            "title,speakers,date,kind\n\
             Opening Keynote: Small Tools,Oskar Lindgren,2030-06-08,keynote\n\
             Closing Keynote: Borrowed Time,Wen Hsu,2030-06-08,keynote\n"
                .as_bytes(),
        )
        .unwrap();
        let links = link(&talks, &labels, &s);
        assert_eq!(links[0].status, LinkStatus::Linked);
        assert_eq!(
            s.entries[links[0].entry.unwrap()].title,
            "Closing Keynote: Borrowed Time"
        );
        assert!((links[0].score - 0.7).abs() < 1e-9);
    }

    #[test]
    fn a_tie_stays_unlinked() {
        let s = schedule();
        let labels = vec!["Saturday".to_string()];
        let talks = vec![talk("keynote", TalkKind::Keynote, &[], Some("Saturday"))];
        let links = link(&talks, &labels, &s);
        assert_eq!(links[0].status, LinkStatus::Ambiguous);
        assert_eq!(links[0].linked(), None);
    }
}
