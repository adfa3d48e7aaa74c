//! What the reports keep of one document: its row of `documents.csv`, its mentions, its
//! talks and its entities.
//!
//! A [`DocumentRecord`] is all the reports need of a document, including its share of the
//! corpus counts ([`crate::aggregate::Aggregates::add_document`] derives them from it), so
//! a run can write a document's rows and forget its analysis. It is also the document line
//! of a partial (see [`crate::partial`]), which is why it is plain data with serde.

use crate::extract::EntityKind;
use crate::input::{Format, InputError};
use crate::pipeline::{Analysis, Outcome};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::sync::Arc;

/// The `status` of an input that was not analyzed.
pub const SKIPPED: &str = "skipped";

/// One document as the reports see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentRecord {
    /// Path as given.
    pub path: String,
    /// `txt`, `markdown` or `html`; empty when the input was skipped.
    pub format: String,
    /// `ok`, `warning` or `skipped`.
    pub status: String,
    /// Why, for `warning` and `skipped`.
    pub reason: String,
    /// Skipped for a reason that counts against the exit status (anything but empty).
    pub lost: bool,
    /// Bytes read.
    pub bytes: usize,
    /// Words.
    pub words: usize,
    /// Sentences: the sentence windows of the co-occurrence counts.
    pub sentences: usize,
    /// Paragraphs: the paragraph windows.
    pub paragraphs: usize,
    /// Mentions in text order.
    pub mentions: Vec<MentionRecord>,
    /// Talks in text order.
    pub talks: Vec<TalkRecord>,
    /// Entities sorted by kind and name.
    pub entities: Vec<EntityRecord>,
}

/// A mention.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MentionRecord {
    /// Entity kind.
    #[serde(with = "kind")]
    pub kind: EntityKind,
    /// The text as written, shared with its entity's name when the same.
    pub surface: Arc<str>,
    /// Canonical name of its entity, shared by its mentions.
    pub entity: Arc<str>,
    /// Index of its entity in [`DocumentRecord::entities`], when known: a record made from
    /// an analysis knows it, so that the corpus counts find the entity without looking its
    /// name up; one read back from a partial does not.
    #[serde(skip)]
    pub entity_index: Option<u32>,
    /// Byte offset of its first byte.
    pub start: usize,
    /// Byte offset one past its last byte.
    pub end: usize,
    /// Sentence index.
    pub sentence: Option<usize>,
    /// Paragraph index.
    pub paragraph: Option<usize>,
    /// Day section label, shared by the mentions of its section.
    pub day: Option<Arc<str>>,
    /// Rule id.
    pub rule: Cow<'static, str>,
}

/// A talk.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TalkRecord {
    /// Title as the post gives it.
    pub title: String,
    /// Session kind.
    pub kind: Cow<'static, str>,
    /// Canonical speaker names.
    pub speakers: Vec<String>,
    /// Day section label.
    pub day: Option<String>,
    /// Offset of its first mention.
    pub start: usize,
    /// Mentions merged into it.
    pub mentions: usize,
    /// Rule that gave the title.
    pub rule: Cow<'static, str>,
}

/// An entity of one document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityRecord {
    /// Person, project or day.
    #[serde(with = "kind")]
    pub kind: EntityKind,
    /// Canonical name.
    pub name: String,
    /// Other forms used in the document, sorted.
    pub aliases: Vec<String>,
    /// Mentions in the document.
    pub mentions: usize,
    /// Talks given in the document (persons).
    pub talks_given: usize,
}

/// The report name of a format.
pub fn format_name(f: Format) -> &'static str {
    match f {
        Format::Text => "txt",
        Format::Markdown => "markdown",
        Format::Html => "html",
    }
}

impl DocumentRecord {
    /// The record of an input that was not analyzed.
    pub fn skipped(e: &InputError) -> DocumentRecord {
        DocumentRecord {
            path: e.path.clone(),
            format: String::new(),
            status: SKIPPED.into(),
            reason: e.message.clone(),
            lost: e.is_error(),
            bytes: 0,
            words: 0,
            sentences: 0,
            paragraphs: 0,
            mentions: Vec::new(),
            talks: Vec::new(),
            entities: Vec::new(),
        }
    }

    /// The record of an outcome, taking its strings.
    pub fn from_outcome(outcome: Outcome) -> DocumentRecord {
        match outcome {
            Outcome::Failed(e) => DocumentRecord::skipped(&e),
            Outcome::Analyzed(a) => DocumentRecord::from_analysis(*a),
        }
    }

    /// The record of an outcome, copying its strings.
    pub fn of(outcome: &Outcome) -> DocumentRecord {
        match outcome {
            Outcome::Failed(e) => DocumentRecord::skipped(e),
            Outcome::Analyzed(a) => DocumentRecord::from_analysis(a.as_ref().clone()),
        }
    }

    /// The record of an analysis, taking its strings.
    pub fn from_analysis(a: Analysis) -> DocumentRecord {
        let (status, reason) = if a.warnings.is_empty() {
            ("ok", String::new())
        } else {
            ("warning", a.warnings.join("; "))
        };
        DocumentRecord {
            path: a.path,
            format: format_name(a.format).into(),
            status: status.into(),
            reason,
            lost: false,
            bytes: a.bytes,
            words: a.words,
            sentences: a.sentences,
            paragraphs: a.paragraphs,
            mentions: a
                .mentions
                .into_iter()
                .map(|m| MentionRecord {
                    kind: m.kind,
                    surface: m.surface,
                    entity: m.entity,
                    entity_index: u32::try_from(m.entity_index).ok(),
                    start: m.span.start,
                    end: m.span.end,
                    sentence: m.sentence,
                    paragraph: m.paragraph,
                    day: m.day,
                    rule: Cow::Borrowed(m.rule),
                })
                .collect(),
            talks: a
                .talks
                .into_iter()
                .map(|t| TalkRecord {
                    title: t.title,
                    kind: Cow::Borrowed(t.kind.as_str()),
                    speakers: t.speakers,
                    day: t.day,
                    start: t.span.start,
                    mentions: t.mentions,
                    rule: Cow::Borrowed(t.rule),
                })
                .collect(),
            entities: a
                .entities
                .into_iter()
                .map(|e| EntityRecord {
                    kind: e.kind,
                    name: e.name,
                    aliases: e.aliases,
                    mentions: e.mentions,
                    talks_given: e.talks_given,
                })
                .collect(),
        }
    }

    /// Distinct entities of a kind.
    pub fn count(&self, kind: EntityKind) -> usize {
        self.entities.iter().filter(|e| e.kind == kind).count()
    }
}

/// An entity kind by its report name.
pub fn kind_of(name: &str) -> Option<EntityKind> {
    [
        EntityKind::Talk,
        EntityKind::Person,
        EntityKind::Project,
        EntityKind::Day,
    ]
    .into_iter()
    .find(|k| k.as_str() == name)
}

/// Entity kinds as their report names in serde.
mod kind {
    use crate::extract::EntityKind;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(kind: &EntityKind, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(kind.as_str())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<EntityKind, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        super::kind_of(&name)
            .ok_or_else(|| D::Error::custom(format!("unknown entity kind {name:?}")))
    }
}
