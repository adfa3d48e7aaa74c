//! The report contract: one serde type per CSV row and per JSON object.
//!
//! Column and field names are defined here and nowhere else; the domain types never
//! carry serialization attributes for a report.

use super::csv::{Cell, Cells, Formulas};
use super::json::{PrettyJson, pretty_json_struct};
use crate::aggregate::{EntityKey, EntityStats, Pair, Window};
use crate::extract::EntityKind;
use crate::record::{DocumentRecord, MentionRecord, TalkRecord};
use serde::{Serialize, Serializer};
use std::collections::BTreeSet;

/// Version of the report layout; bumped when a column or field changes meaning.
pub const SCHEMA_VERSION: &str = "1";

/// The report name of an entity or window kind. These are lower-case ASCII words, so a
/// CSV cell or JSON string holds one as it is: writers copy it without looking for
/// characters to quote, neutralize or escape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KindName(&'static str);

impl From<EntityKind> for KindName {
    fn from(kind: EntityKind) -> KindName {
        KindName(kind.as_str())
    }
}

impl From<Window> for KindName {
    fn from(window: Window) -> KindName {
        KindName(window.as_str())
    }
}

impl Serialize for KindName {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0)
    }
}

impl Cell for KindName {
    fn write_cell(&self, out: &mut Vec<u8>, _: Formulas) {
        out.extend_from_slice(self.0.as_bytes());
    }
}

impl PrettyJson for KindName {
    fn write_pretty(&self, out: &mut Vec<u8>, _: usize) {
        out.push(b'"');
        out.extend_from_slice(self.0.as_bytes());
        out.push(b'"');
    }
}

/// A document's path, the first cell of each of its rows in `mentions.csv` and
/// `talks.csv`, perhaps with that cell written beforehand: a document has hundreds of
/// rows, and copying the cell into each is cheaper than looking at every byte of the path
/// again.
#[derive(Clone, Copy, Debug)]
pub struct PathCell<'a> {
    path: &'a str,
    /// The cell, and the setting it was written with.
    written: Option<(&'a [u8], Formulas)>,
}

impl<'a> PathCell<'a> {
    /// A path whose cell each row writes.
    pub fn new(path: &'a str) -> PathCell<'a> {
        PathCell {
            path,
            written: None,
        }
    }

    /// A path with its cell written into `cell` (cleared first) as rows write it with
    /// `formulas`.
    pub fn prepared(path: &'a str, formulas: Formulas, cell: &'a mut Vec<u8>) -> PathCell<'a> {
        cell.clear();
        path.write_cell(cell, formulas);
        let cell: &'a [u8] = cell;
        PathCell {
            path,
            written: Some((cell, formulas)),
        }
    }
}

impl Serialize for PathCell<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.path)
    }
}

impl Cell for PathCell<'_> {
    fn write_cell(&self, out: &mut Vec<u8>, formulas: Formulas) {
        match self.written {
            Some((cell, with)) if with == formulas => out.extend_from_slice(cell),
            _ => self.path.write_cell(out, formulas),
        }
    }
}

/// Names `; `-separated in one cell, written without joining them into a new string
/// first: `talks.csv` has a row for every talk.
#[derive(Clone, Copy, Debug)]
pub struct Joined<'a>(pub &'a [String]);

impl Joined<'_> {
    const SEPARATOR: &'static str = "; ";
}

impl Serialize for Joined<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0.join(Self::SEPARATOR))
    }
}

impl Cell for Joined<'_> {
    fn write_cell(&self, out: &mut Vec<u8>, formulas: Formulas) {
        super::csv::joined_cell(out, self.0, Self::SEPARATOR, formulas);
    }
}

/// A row of a CSV report: its serde form is the contract, which [`CsvRow::write_cells`]
/// writes without going through serde.
pub trait CsvRow: Serialize {
    /// Column names in order: the header line, written even when there is no row.
    const COLUMNS: &'static [&'static str];

    /// Writes the fields as cells, in the order serde serializes them.
    fn write_cells(&self, cells: &mut Cells<'_>);
}

impl<T: CsvRow> CsvRow for &T {
    const COLUMNS: &'static [&'static str] = T::COLUMNS;

    fn write_cells(&self, cells: &mut Cells<'_>) {
        (**self).write_cells(cells);
    }
}

/// Declares a CSV row type, its [`CsvRow::COLUMNS`] and its [`CsvRow::write_cells`]
/// from one field list, so the header written for an empty report is the one serde
/// writes for a full one, and the cells come in serde's order. (Row fields therefore
/// take no `serde(rename)`: the field name is the column name.)
macro_rules! csv_row {
    (
        $(#[$attr:meta])*
        pub struct $name:ident $(<$lt:lifetime>)? {
            $($(#[$field_attr:meta])* pub $field:ident: $ty:ty,)*
        }
    ) => {
        $(#[$attr])*
        #[derive(Debug, Serialize)]
        pub struct $name $(<$lt>)? {
            $($(#[$field_attr])* pub $field: $ty,)*
        }

        impl $(<$lt>)? CsvRow for $name $(<$lt>)? {
            const COLUMNS: &'static [&'static str] = &[$(stringify!($field)),*];

            fn write_cells(&self, cells: &mut $crate::report::csv::Cells<'_>) {
                $(cells.cell(&self.$field);)*
            }
        }
    };
}
pub(crate) use csv_row;

csv_row! {
    /// `documents.csv`: one row per input.
    pub struct DocumentRow<'a> {
        /// Path as given.
        pub path: &'a str,
        /// txt, markdown or html; empty when the input was skipped.
        pub format: &'a str,
        /// ok, warning or skipped.
        pub status: &'a str,
        /// Why, for warning and skipped.
        pub reason: &'a str,
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
    pub struct MentionRow<'a> {
        /// Document path.
        pub path: PathCell<'a>,
        /// person, project or day.
        pub kind: KindName,
        /// Text as written.
        pub surface: &'a str,
        /// Canonical entity name.
        pub entity: &'a str,
        /// Byte offset of the first byte in the document's text.
        pub start: usize,
        /// Byte offset one past the last byte.
        pub end: usize,
        /// Sentence index (0-based), empty if none.
        pub sentence: Option<usize>,
        /// Paragraph index (0-based), empty if none.
        pub paragraph: Option<usize>,
        /// Day section label, empty if none.
        pub day: Option<&'a str>,
        /// Id of the rule that found it.
        pub rule: &'a str,
    }
}

csv_row! {
    /// `entities.csv` and the corpus `entities` of `report.json`.
    pub struct EntityRow<'a> {
        /// person, project or day.
        pub kind: KindName,
        /// Canonical name.
        pub name: &'a str,
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
    pub struct TalkRow<'a> {
        /// Document path.
        pub path: PathCell<'a>,
        /// Title as the post gives it.
        pub title: &'a str,
        /// talk, keynote, panel, tutorial, workshop, lightning, open space, bof, sprint, poster.
        pub kind: &'a str,
        /// Canonical speaker names, `; `-separated.
        pub speakers: Joined<'a>,
        /// Day section label, empty if none.
        pub day: Option<&'a str>,
        /// Byte offset of the first mention.
        pub start: usize,
        /// Mentions merged into this talk.
        pub mentions: usize,
        /// Rule that gave the title.
        pub rule: &'a str,
    }
}

csv_row! {
    /// `cooccurrence.csv` and `report.json`'s `cooccurrence`.
    pub struct PairRow<'a> {
        /// sentence or paragraph.
        pub window: KindName,
        /// Kind of the first entity.
        pub kind_a: KindName,
        /// First entity.
        pub entity_a: &'a str,
        /// Kind of the second entity.
        pub kind_b: KindName,
        /// Second entity.
        pub entity_b: &'a str,
        /// Windows holding both.
        pub count: u64,
        /// Normalized PMI in [-1, 1].
        pub npmi: f64,
    }
}

/// A talk inside `report.json`.
#[derive(Debug, Serialize)]
pub struct JsonTalk<'a> {
    /// Title.
    pub title: &'a str,
    /// Kind.
    pub kind: &'a str,
    /// Canonical speakers.
    pub speakers: &'a [String],
    /// Day section label.
    pub day: Option<&'a str>,
}

/// A document's entity inside `report.json`.
#[derive(Debug, Serialize)]
pub struct JsonEntity<'a> {
    /// person, project or day.
    pub kind: KindName,
    /// Canonical name.
    pub name: &'a str,
    /// Other forms used in the document.
    pub aliases: &'a [String],
    /// Mentions in the document.
    pub mentions: usize,
    /// Talks given in the document (persons).
    pub talks_given: usize,
}

/// A document inside `report.json`.
#[derive(Debug, Serialize)]
pub struct JsonDocument<'a> {
    /// Path as given.
    pub path: &'a str,
    /// ok, warning or skipped.
    pub status: &'a str,
    /// Why, for warning and skipped.
    pub reason: &'a str,
    /// Talks.
    pub talks: Vec<JsonTalk<'a>>,
    /// Entities.
    pub entities: Vec<JsonEntity<'a>>,
}

/// A corpus entity inside `report.json`.
#[derive(Debug, Serialize)]
pub struct JsonCorpusEntity<'a> {
    /// person, project or day.
    pub kind: KindName,
    /// Canonical name.
    pub name: &'a str,
    /// Other forms seen anywhere, sorted.
    pub aliases: &'a BTreeSet<String>,
    /// Mentions over the corpus.
    pub mentions: u64,
    /// Documents mentioning it.
    pub documents: u64,
    /// Talks given (persons).
    pub talks_given: u64,
}

/// `report.json`.
#[derive(Debug, Serialize)]
pub struct JsonReport<'a> {
    /// [`SCHEMA_VERSION`].
    pub schema_version: &'static str,
    /// Per document.
    pub documents: Vec<JsonDocument<'a>>,
    /// Per corpus entity.
    pub entities: Vec<JsonCorpusEntity<'a>>,
    /// Co-occurring pairs.
    pub cooccurrence: Vec<PairRow<'a>>,
}

pretty_json_struct!(PairRow {
    window,
    kind_a,
    entity_a,
    kind_b,
    entity_b,
    count,
    npmi
});
pretty_json_struct!(JsonTalk {
    title,
    kind,
    speakers,
    day
});
pretty_json_struct!(JsonEntity {
    kind,
    name,
    aliases,
    mentions,
    talks_given
});
pretty_json_struct!(JsonDocument {
    path,
    status,
    reason,
    talks,
    entities
});
pretty_json_struct!(JsonCorpusEntity {
    kind,
    name,
    aliases,
    mentions,
    documents,
    talks_given
});

/// The rows one document contributes to `documents.csv`, `mentions.csv`, `talks.csv` and
/// the `documents` of `report.json`.
pub struct DocumentRows<'a> {
    /// Its row of `documents.csv`.
    pub document: DocumentRow<'a>,
    /// Its rows of `mentions.csv`.
    pub mentions: Vec<MentionRow<'a>>,
    /// Its rows of `talks.csv`.
    pub talks: Vec<TalkRow<'a>>,
    /// Its object in `report.json`.
    pub json: JsonDocument<'a>,
}

impl<'a> DocumentRows<'a> {
    /// The rows of a record.
    pub fn of(r: &'a DocumentRecord) -> DocumentRows<'a> {
        DocumentRows {
            document: document_row(r),
            mentions: r
                .mentions
                .iter()
                .map(|m| mention_row(PathCell::new(&r.path), m))
                .collect(),
            talks: r
                .talks
                .iter()
                .map(|t| talk_row(PathCell::new(&r.path), t))
                .collect(),
            json: json_document(r),
        }
    }
}

/// A record's row of `documents.csv`.
pub fn document_row(r: &DocumentRecord) -> DocumentRow<'_> {
    DocumentRow {
        path: &r.path,
        format: &r.format,
        status: &r.status,
        reason: &r.reason,
        bytes: r.bytes,
        words: r.words,
        sentences: r.sentences,
        paragraphs: r.paragraphs,
        talks: r.talks.len(),
        persons: r.count(EntityKind::Person),
        projects: r.count(EntityKind::Project),
        days: r.count(EntityKind::Day),
    }
}

/// A mention's row of `mentions.csv`, in the document at `path`.
pub fn mention_row<'a>(path: PathCell<'a>, m: &'a MentionRecord) -> MentionRow<'a> {
    MentionRow {
        path,
        kind: m.kind.into(),
        surface: &m.surface,
        entity: &m.entity,
        start: m.start,
        end: m.end,
        sentence: m.sentence,
        paragraph: m.paragraph,
        day: m.day.as_deref(),
        rule: &m.rule,
    }
}

/// A talk's row of `talks.csv`, in the document at `path`.
pub fn talk_row<'a>(path: PathCell<'a>, t: &'a TalkRecord) -> TalkRow<'a> {
    TalkRow {
        path,
        title: &t.title,
        kind: &t.kind,
        speakers: Joined(&t.speakers),
        day: t.day.as_deref(),
        start: t.start,
        mentions: t.mentions,
        rule: &t.rule,
    }
}

/// A record's object in the `documents` of `report.json`.
pub fn json_document(r: &DocumentRecord) -> JsonDocument<'_> {
    JsonDocument {
        path: &r.path,
        status: &r.status,
        reason: &r.reason,
        talks: r
            .talks
            .iter()
            .map(|t| JsonTalk {
                title: &t.title,
                kind: &t.kind,
                speakers: &t.speakers,
                day: t.day.as_deref(),
            })
            .collect(),
        entities: r
            .entities
            .iter()
            .map(|e| JsonEntity {
                kind: e.kind.into(),
                name: &e.name,
                aliases: &e.aliases,
                mentions: e.mentions,
                talks_given: e.talks_given,
            })
            .collect(),
    }
}

/// A corpus entity's row of `entities.csv`.
pub fn entity_row<'a>((kind, name): &'a EntityKey, s: &'a EntityStats) -> EntityRow<'a> {
    EntityRow {
        kind: (*kind).into(),
        name,
        aliases: join(&s.aliases),
        mentions: s.mentions,
        documents: s.documents,
        talks_given: s.talks_given,
    }
}

/// Names `; `-separated.
fn join(names: &BTreeSet<String>) -> String {
    let mut out = String::with_capacity(names.iter().map(|n| n.len() + 2).sum());
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        out.push_str(name);
    }
    out
}

/// A corpus entity in `report.json`.
pub fn json_entity<'a>((kind, name): &'a EntityKey, s: &'a EntityStats) -> JsonCorpusEntity<'a> {
    JsonCorpusEntity {
        kind: (*kind).into(),
        name,
        aliases: &s.aliases,
        mentions: s.mentions,
        documents: s.documents,
        talks_given: s.talks_given,
    }
}

/// A pair's row of `cooccurrence.csv` and `report.json`.
pub fn pair_row<'a>(p: &Pair<'a>) -> PairRow<'a> {
    PairRow {
        window: p.window.into(),
        kind_a: p.a.0.into(),
        entity_a: &p.a.1,
        kind_b: p.b.0.into(),
        entity_b: &p.b.1,
        count: p.count,
        npmi: p.npmi,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::csv::{Formulas, append};
    use crate::report::json::tests::{number, serde_pretty, text, written};
    use proptest::prelude::*;

    /// Rows as the `csv` crate serializes them through serde, and as [`append`] writes
    /// them.
    fn both_csv<T: CsvRow>(rows: &[T]) -> (String, String) {
        let mut writer = ::csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::new());
        for row in rows {
            writer.serialize(row).unwrap();
        }
        let mut out = Vec::new();
        append(&mut out, rows, Formulas::Raw).unwrap();
        (
            String::from_utf8(writer.into_inner().unwrap()).unwrap(),
            String::from_utf8(out).unwrap(),
        )
    }

    /// `row`, with `path` for its path.
    fn with_path<'a>(row: &MentionRow<'a>, path: PathCell<'a>) -> MentionRow<'a> {
        MentionRow { path, ..*row }
    }

    /// Every kind name a report holds.
    fn kind_names() -> Vec<KindName> {
        let entities = [
            EntityKind::Talk,
            EntityKind::Person,
            EntityKind::Project,
            EntityKind::Day,
        ];
        let entities = entities.into_iter().map(KindName::from);
        entities
            .chain(Window::ALL.into_iter().map(KindName::from))
            .collect()
    }

    #[test]
    fn kind_names_are_lower_case_words() {
        for name in kind_names() {
            let word = !name.0.is_empty() && name.0.bytes().all(|b| b.is_ascii_lowercase());
            assert!(word, "{name:?}");
        }
    }

    proptest! {
        #[test]
        fn report_rows_written_as_serde_writes_them(
            s in prop::collection::vec(text(), 6),
            kinds in prop::collection::vec(prop::sample::select(kind_names()), 3),
            npmi in number(),
            count in any::<u64>(),
            index in prop::option::of(any::<usize>()),
        ) {
            let names = s[3..].to_vec();
            let pair = PairRow {
                window: kinds[0],
                kind_a: kinds[1],
                entity_a: &s[2],
                kind_b: kinds[2],
                entity_b: &s[4],
                count,
                npmi,
            };
            prop_assert_eq!(written(&pair, 4), serde_pretty(&pair, 4));
            let (expected, csv) = both_csv(&[pair]);
            prop_assert_eq!(csv, expected);
            let aliases: BTreeSet<String> = names.iter().cloned().collect();
            let corpus_entity = JsonCorpusEntity {
                kind: kinds[0],
                name: &s[1],
                aliases: &aliases,
                mentions: count,
                documents: count / 2,
                talks_given: 0,
            };
            prop_assert_eq!(written(&corpus_entity, 4), serde_pretty(&corpus_entity, 4));
            let talk = |i: usize| JsonTalk {
                title: &s[i],
                kind: &s[0],
                speakers: &names[i % 2..],
                day: index.map(|_| s[5].as_str()),
            };
            let entity = |i: usize| JsonEntity {
                kind: kinds[i % 3],
                name: &s[2],
                aliases: &names[..i % 3],
                mentions: i,
                talks_given: index.unwrap_or(0),
            };
            let document = JsonDocument {
                path: &s[0],
                status: &s[1],
                reason: &s[2],
                talks: (0..s.len() % 3).map(talk).collect(),
                entities: (0..s.len()).map(entity).collect(),
            };
            prop_assert_eq!(written(&document, 4), serde_pretty(&document, 4));
            let mention = MentionRow {
                path: PathCell::new(&s[0]),
                kind: kinds[1],
                surface: &s[2],
                entity: &s[3],
                start: index.unwrap_or(7),
                end: 9,
                sentence: index,
                paragraph: None,
                day: index.map(|_| s[4].as_str()),
                rule: &s[5],
            };
            // A prepared path writes what the path itself writes, whatever it was
            // prepared with.
            for (prepared_with, formulas) in [
                (Formulas::Raw, Formulas::Raw),
                (Formulas::Neutralize, Formulas::Neutralize),
                (Formulas::Raw, Formulas::Neutralize),
            ] {
                let mut cell = Vec::new();
                let prepared = PathCell::prepared(&s[0], prepared_with, &mut cell);
                let mut written = (Vec::new(), Vec::new());
                append(&mut written.0, [with_path(&mention, prepared)], formulas).unwrap();
                append(&mut written.1, [&mention], formulas).unwrap();
                prop_assert_eq!(written.0, written.1);
            }
            let (expected, csv) = both_csv(&[mention]);
            prop_assert_eq!(csv, expected);
            let talk_row = TalkRow {
                path: PathCell::new(&s[0]),
                title: &s[1],
                kind: &s[2],
                speakers: Joined(&names),
                day: None,
                start: 3,
                mentions: index.unwrap_or(1),
                rule: &s[3],
            };
            let (expected, csv) = both_csv(&[talk_row]);
            prop_assert_eq!(csv, expected);
        }
    }
}
