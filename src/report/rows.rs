//! The report contract: one serde type per CSV row and per JSON object.
//!
//! Column and field names are defined here and nowhere else; the domain types never
//! carry serialization attributes for a report.

use serde::Serialize;

/// Version of the report layout; bumped when a column or field changes meaning.
pub const SCHEMA_VERSION: &str = "1";

/// A row of a CSV report.
pub trait CsvRow: Serialize {
    /// Column names in order: the header line, written even when there is no row.
    const COLUMNS: &'static [&'static str];
}

/// Declares a CSV row type and its [`CsvRow::COLUMNS`] from one field list, so the
/// header written for an empty report is the one serde writes for a full one. (Row
/// fields therefore take no `serde(rename)`: the field name is the column name.)
macro_rules! csv_row {
    (
        $(#[$attr:meta])*
        pub struct $name:ident {
            $($(#[$field_attr:meta])* pub $field:ident: $ty:ty,)*
        }
    ) => {
        $(#[$attr])*
        #[derive(Debug, Serialize)]
        pub struct $name {
            $($(#[$field_attr])* pub $field: $ty,)*
        }

        impl CsvRow for $name {
            const COLUMNS: &'static [&'static str] = &[$(stringify!($field)),*];
        }
    };
}

csv_row! {
    /// `documents.csv`: one row per input.
    pub struct DocumentRow {
        /// Path as given.
        pub path: String,
        /// txt, markdown or html; empty when the input was skipped.
        pub format: String,
        /// ok, warning or skipped.
        pub status: String,
        /// Why, for warning and skipped.
        pub reason: String,
        /// Bytes read.
        pub bytes: usize,
        /// Words.
        pub words: usize,
        /// Sentences.
        pub sentences: usize,
        /// Paragraphs.
        pub paragraphs: usize,
        /// Talks found.
        pub talks: usize,
        /// Distinct persons.
        pub persons: usize,
        /// Distinct projects.
        pub projects: usize,
        /// Distinct days.
        pub days: usize,
    }
}

csv_row! {
    /// `mentions.csv`: one row per mention.
    pub struct MentionRow {
        /// Document path.
        pub path: String,
        /// person, project or day.
        pub kind: &'static str,
        /// Text as written.
        pub surface: String,
        /// Canonical entity name.
        pub entity: String,
        /// Byte offset of the first byte in the document's text.
        pub start: usize,
        /// Byte offset one past the last byte.
        pub end: usize,
        /// Sentence index (0-based), empty if none.
        pub sentence: Option<usize>,
        /// Paragraph index (0-based), empty if none.
        pub paragraph: Option<usize>,
        /// Day section label, empty if none.
        pub day: Option<String>,
        /// Id of the rule that found it.
        pub rule: &'static str,
    }
}

csv_row! {
    /// `entities.csv` and the corpus `entities` of `report.json`.
    pub struct EntityRow {
        /// person, project or day.
        pub kind: &'static str,
        /// Canonical name.
        pub name: String,
        /// Other surface forms, `; `-separated in CSV.
        pub aliases: String,
        /// Mentions over the corpus.
        pub mentions: u64,
        /// Documents mentioning it.
        pub documents: u64,
        /// Talks given (persons; 0 otherwise).
        pub talks_given: u64,
    }
}

csv_row! {
    /// `talks.csv`: one row per talk.
    pub struct TalkRow {
        /// Document path.
        pub path: String,
        /// Title as the post gives it.
        pub title: String,
        /// talk, keynote, panel, tutorial, workshop, lightning, open space, bof, sprint, poster.
        pub kind: &'static str,
        /// Canonical speaker names, `; `-separated.
        pub speakers: String,
        /// Day section label, empty if none.
        pub day: Option<String>,
        /// Byte offset of the first mention.
        pub start: usize,
        /// Mentions merged into this talk.
        pub mentions: usize,
        /// Rule that gave the title.
        pub rule: &'static str,
    }
}

csv_row! {
    /// `cooccurrence.csv` and `report.json`'s `cooccurrence`.
    pub struct PairRow {
        /// sentence or paragraph.
        pub window: &'static str,
        /// Kind of the first entity.
        pub kind_a: &'static str,
        /// First entity.
        pub entity_a: String,
        /// Kind of the second entity.
        pub kind_b: &'static str,
        /// Second entity.
        pub entity_b: String,
        /// Windows holding both.
        pub count: u64,
        /// Normalized PMI in [-1, 1].
        pub npmi: f64,
    }
}

/// A talk inside `report.json`.
#[derive(Debug, Serialize)]
pub struct JsonTalk {
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: &'static str,
    /// Canonical speakers.
    pub speakers: Vec<String>,
    /// Day section label.
    pub day: Option<String>,
}

/// A document's entity inside `report.json`.
#[derive(Debug, Serialize)]
pub struct JsonEntity {
    /// person, project or day.
    pub kind: &'static str,
    /// Canonical name.
    pub name: String,
    /// Other forms used in the document.
    pub aliases: Vec<String>,
    /// Mentions in the document.
    pub mentions: usize,
    /// Talks given in the document (persons).
    pub talks_given: usize,
}

/// A document inside `report.json`.
#[derive(Debug, Serialize)]
pub struct JsonDocument {
    /// Path as given.
    pub path: String,
    /// ok, warning or skipped.
    pub status: String,
    /// Why, for warning and skipped.
    pub reason: String,
    /// Talks.
    pub talks: Vec<JsonTalk>,
    /// Entities.
    pub entities: Vec<JsonEntity>,
}

/// A corpus entity inside `report.json`.
#[derive(Debug, Serialize)]
pub struct JsonCorpusEntity {
    /// person, project or day.
    pub kind: &'static str,
    /// Canonical name.
    pub name: String,
    /// Other forms seen anywhere.
    pub aliases: Vec<String>,
    /// Mentions over the corpus.
    pub mentions: u64,
    /// Documents mentioning it.
    pub documents: u64,
    /// Talks given (persons).
    pub talks_given: u64,
}

/// `report.json`.
#[derive(Debug, Serialize)]
pub struct JsonReport {
    /// [`SCHEMA_VERSION`].
    pub schema_version: &'static str,
    /// Per document.
    pub documents: Vec<JsonDocument>,
    /// Per corpus entity.
    pub entities: Vec<JsonCorpusEntity>,
    /// Co-occurring pairs.
    pub cooccurrence: Vec<PairRow>,
}
