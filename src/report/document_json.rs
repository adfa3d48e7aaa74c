//! A document's object in `report.json`, written from pieces prepared once.
//!
//! Every document's object stands at the same depth and has the same shape, so the bytes
//! between its values (line breaks, indentation, keys, brackets, an entity's kind) are
//! the same in every document. They are prepared once, and each talk and entity is
//! written as a few such pieces and its values, where writing it field by field starts a
//! line, copies a key and closes a line for each field. A document has a hundred talks
//! and entities, and the run writes them on the one thread that collects documents.

use super::json::{ArrayWriter, Block, PrettyJson};
use super::repeats::{KeptCells, LastCell};
use crate::extract::EntityKind;
use crate::record::{DocumentRecord, EntityRecord, TalkRecord};

/// How deep a document's object stands in `report.json`: the depth of the elements of
/// its `documents` array.
pub const INDENT: usize = 4;

/// Writes documents' objects, byte for byte as [`super::rows::json_document`] is
/// pretty-printed, each as an element of the `documents` array.
pub struct DocumentJson {
    /// `"path"` to `"reason"`, each after the value before it.
    path: Piece,
    status: Piece,
    reason: Piece,
    /// From after the reason to the first talk's title, when there is a talk.
    talks: Piece,
    /// From after the reason to the first entity's name, when there is no talk and an
    /// entity, or neither (then the object's end).
    no_talks: Piece,
    no_talks_no_entities: Piece,
    /// A talk's fields after its title, and its end.
    talk_kind: Piece,
    talk_speakers: Piece,
    /// The start of a speaker's or an alias's line: the first one's, the others'.
    first_item: Piece,
    item: Piece,
    speakers_end: Piece,
    no_speakers: Piece,
    talk_day: Piece,
    /// From the end of a talk's day to the next talk's title.
    next_talk: Piece,
    /// From the end of the last talk's day to the first entity's name, or to the
    /// object's end.
    last_talk: Piece,
    last_talk_no_entities: Piece,
    /// From after the talks array to an entity's name, by [`EntityKind::slot`]; from after an
    /// entity to the next one's name, by kind.
    entities: [Piece; 4],
    next_entity: [Piece; 4],
    /// An entity's fields after its name, and its end.
    aliases: Piece,
    aliases_end: Piece,
    no_aliases: Piece,
    talks_given: Piece,
    /// After the last entity: the array's and the object's ends.
    end: Piece,
}

impl Default for DocumentJson {
    fn default() -> DocumentJson {
        DocumentJson::new()
    }
}

impl DocumentJson {
    /// Prepares the pieces.
    pub fn new() -> DocumentJson {
        // Lines of the document's fields, its arrays' elements, their fields, and the
        // elements of those.
        let [field, element, inner, item] = [2, 4, 6, 8].map(|deeper| line(INDENT + deeper));
        let end = line(INDENT);
        let entity_head = |open: &str, kind: EntityKind| {
            format!(
                "{open}{element}{{{inner}\"kind\": \"{}\",{inner}\"name\": ",
                kind.as_str()
            )
        };
        let kinds = [
            EntityKind::Talk,
            EntityKind::Person,
            EntityKind::Project,
            EntityKind::Day,
        ];
        let talk_head = |open: &str| format!("{open}{element}{{{inner}\"title\": ");
        let talk_end = format!("{element}}}");
        let entities_key = format!(",{field}\"entities\": ");
        let object_end = format!("{end}}}");
        DocumentJson {
            path: Piece::new(&format!("{{{field}\"path\": ")),
            status: Piece::new(&format!(",{field}\"status\": ")),
            reason: Piece::new(&format!(",{field}\"reason\": ")),
            talks: Piece::new(&format!(",{field}\"talks\": {}", talk_head("["))),
            no_talks: Piece::new(&format!(",{field}\"talks\": []{entities_key}")),
            no_talks_no_entities: Piece::new(&format!(
                ",{field}\"talks\": []{entities_key}[]{object_end}"
            )),
            talk_kind: Piece::new(&format!(",{inner}\"kind\": ")),
            talk_speakers: Piece::new(&format!(",{inner}\"speakers\": ")),
            first_item: Piece::new(&format!("[{item}")),
            item: Piece::new(&format!(",{item}")),
            speakers_end: Piece::new(&format!("{inner}]")),
            no_speakers: Piece::new("[]"),
            talk_day: Piece::new(&format!(",{inner}\"day\": ")),
            next_talk: Piece::new(&format!("{talk_end}{}", talk_head(","))),
            last_talk: Piece::new(&format!("{talk_end}{field}]{entities_key}")),
            last_talk_no_entities: Piece::new(&format!(
                "{talk_end}{field}]{entities_key}[]{object_end}"
            )),
            entities: kinds.map(|kind| Piece::new(&entity_head("[", kind))),
            next_entity: kinds
                .map(|kind| Piece::new(&format!("{talk_end}{}", entity_head(",", kind)))),
            aliases: Piece::new(&format!(",{inner}\"aliases\": ")),
            aliases_end: Piece::new(&format!("{inner}],{inner}\"mentions\": ")),
            no_aliases: Piece::new(&format!("[],{inner}\"mentions\": ")),
            talks_given: Piece::new(&format!(",{inner}\"talks_given\": ")),
            end: Piece::new(&format!("{talk_end}{field}]{object_end}")),
        }
    }

    /// Appends the object of `record` to `array` in `out`.
    pub fn push(&self, out: &mut Vec<u8>, array: &mut ArrayWriter, record: &DocumentRecord) {
        array.push(
            out,
            &Object {
                writer: self,
                record,
            },
        );
    }

    fn write(&self, out: &mut Vec<u8>, r: &DocumentRecord) {
        self.path.append(out);
        r.path.write_pretty(out, 0);
        self.status.append(out);
        r.status.write_pretty(out, 0);
        self.reason.append(out);
        r.reason.write_pretty(out, 0);
        match (r.talks.split_first(), r.entities.is_empty()) {
            (Some((first, rest)), no_entities) => {
                let mut repeats = TalkRepeats::default();
                self.talks.append(out);
                self.talk(out, first, &mut repeats);
                for talk in rest {
                    self.next_talk.append(out);
                    self.talk(out, talk, &mut repeats);
                }
                if no_entities {
                    self.last_talk_no_entities.append(out);
                    return;
                }
                self.last_talk.append(out);
            }
            (None, true) => return self.no_talks_no_entities.append(out),
            (None, false) => self.no_talks.append(out),
        }
        let mut heads = &self.entities;
        for entity in &r.entities {
            heads[entity.kind.slot()].append(out);
            self.entity(out, entity);
            heads = &self.next_entity;
        }
        self.end.append(out);
    }

    /// A talk from its title to its day.
    fn talk<'t>(&self, out: &mut Vec<u8>, t: &'t TalkRecord, repeats: &mut TalkRepeats<'t>) {
        t.title.write_pretty(out, 0);
        self.talk_kind.append(out);
        let kind = t.kind.as_ref();
        repeats
            .kinds
            .write(out, kind, |out| kind.write_pretty(out, 0));
        self.talk_speakers.append(out);
        if t.speakers.is_empty() {
            self.no_speakers.append(out);
        } else {
            self.list(out, &t.speakers);
            self.speakers_end.append(out);
        }
        self.talk_day.append(out);
        match &t.day {
            Some(day) => repeats.day.write(out, day, |out| day.write_pretty(out, 0)),
            None => out.extend_from_slice(b"null"),
        }
    }

    /// An entity from its name to its talks given.
    fn entity(&self, out: &mut Vec<u8>, e: &EntityRecord) {
        e.name.write_pretty(out, 0);
        self.aliases.append(out);
        if e.aliases.is_empty() {
            self.no_aliases.append(out);
        } else {
            self.list(out, &e.aliases);
            self.aliases_end.append(out);
        }
        e.mentions.write_pretty(out, 0);
        self.talks_given.append(out);
        e.talks_given.write_pretty(out, 0);
    }

    /// The strings of a list that has some, each on its line, from the list's opening
    /// bracket to the last one.
    fn list(&self, out: &mut Vec<u8>, strings: &[String]) {
        let mut start = &self.first_item;
        for s in strings {
            start.append(out);
            s.write_pretty(out, 0);
            start = &self.item;
        }
    }
}

/// The values of a document's talks that most often repeat those of the talks before,
/// as in `talks.csv`: a handful of kinds, and one day for the talks of a section.
#[derive(Default)]
struct TalkRepeats<'t> {
    kinds: KeptCells<'t>,
    day: LastCell<'t>,
}

/// A record as an element of the `documents` array.
struct Object<'a> {
    writer: &'a DocumentJson,
    record: &'a DocumentRecord,
}

impl PrettyJson for Object<'_> {
    fn write_pretty(&self, out: &mut Vec<u8>, indent: usize) {
        assert_eq!(indent, INDENT, "pieces prepared for another depth");
        self.writer.write(out, self.record);
    }
}

/// A line break and `indent` spaces.
fn line(indent: usize) -> String {
    format!("\n{:indent$}", "")
}

/// Bytes between values.
type Piece = Block<80>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::json::tests::text;
    use crate::report::rows::json_document;
    use proptest::prelude::*;
    use std::borrow::Cow;

    /// Talks whose kinds and days often repeat, some to escape.
    fn talk() -> impl Strategy<Value = TalkRecord> {
        let speakers = prop::collection::vec(text(), 0..3);
        let kind = prop_oneof![
            prop::sample::select(vec!["talk", "key\"note", ""]).prop_map(Cow::Borrowed),
            text().prop_map(Cow::Owned),
        ];
        let day = prop_oneof![
            prop::sample::select(vec!["Day 1".to_string(), "Tag\t\"2\"".to_string()]),
            text(),
        ];
        (text(), kind, speakers, prop::option::of(day)).prop_map(|(title, kind, speakers, day)| {
            TalkRecord {
                title,
                kind,
                speakers,
                day,
                start: 0,
                mentions: 1,
                rule: Cow::Borrowed("talk/test"),
            }
        })
    }

    fn entity() -> impl Strategy<Value = EntityRecord> {
        let kind = prop::sample::select(vec![
            EntityKind::Talk,
            EntityKind::Person,
            EntityKind::Project,
            EntityKind::Day,
        ]);
        let aliases = prop::collection::vec(text(), 0..3);
        (kind, text(), aliases, any::<usize>(), any::<usize>()).prop_map(
            |(kind, name, aliases, mentions, talks_given)| EntityRecord {
                kind,
                name,
                aliases,
                mentions,
                talks_given,
            },
        )
    }

    fn record() -> impl Strategy<Value = DocumentRecord> {
        let talks = prop::collection::vec(talk(), 0..8);
        let entities = prop::collection::vec(entity(), 0..4);
        (text(), text(), text(), talks, entities).prop_map(
            |(path, status, reason, talks, entities)| DocumentRecord {
                path,
                format: "txt".into(),
                status,
                reason,
                lost: false,
                bytes: 0,
                words: 0,
                sentences: 0,
                paragraphs: 0,
                mentions: Vec::new(),
                talks,
                entities,
            },
        )
    }

    proptest! {
        #[test]
        fn documents_as_their_rows_are_pretty_printed(
            records in prop::collection::vec(record(), 0..4),
        ) {
            let writer = DocumentJson::new();
            let mut written = Vec::new();
            let mut array = ArrayWriter::open(&mut written, INDENT);
            for r in &records {
                writer.push(&mut written, &mut array, r);
            }
            array.close(&mut written);
            let mut expected = Vec::new();
            let mut array = ArrayWriter::open(&mut expected, INDENT);
            for r in &records {
                array.push(&mut expected, &json_document(r));
            }
            array.close(&mut expected);
            prop_assert_eq!(String::from_utf8(written).unwrap(), String::from_utf8(expected).unwrap());
        }
    }
}
