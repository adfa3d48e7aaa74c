//! A document's rows of `mentions.csv` and `talks.csv`, written with the cells that
//! repeat from row to row copied rather than written again.
//!
//! A document has a row for every mention and every talk, and most of their text cells
//! say what a row before said, or what the row itself just said: a mention's entity is
//! most often its surface (the record then shares one string between them), mentions and
//! talks of a section share its day, and rules and talk kinds are a handful. Such a cell
//! is copied from where it was first written, which costs less than looking at its bytes
//! again to quote and neutralize it.

use super::csv::{Cell, Formulas};
use super::json::digits_before;
use super::rows::{Joined, KindName, PathCell};
use crate::record::{MentionRecord, TalkRecord};
use std::ops::Range;
use std::sync::Arc;

/// Appends the rows of `mentions`, of the document at `path`, to `out`: byte for byte
/// the rows [`super::csv::append`] writes from [`super::rows::mention_row`].
pub fn mention_rows(
    out: &mut Vec<u8>,
    path: PathCell<'_>,
    mentions: &[MentionRecord],
    f: Formulas,
) {
    let (mut day, mut rules) = (LastCell::default(), KeptCells::default());
    let mut block = [0; INTEGERS_BLOCK];
    // By kind (see `EntityKind::slot`), the first two cells and their commas: the same
    // in every row of the kind.
    let mut heads: [Option<Range<usize>>; 4] = Default::default();
    for m in mentions {
        match &mut heads[m.kind.slot()] {
            Some(head) => out.extend_from_within(head.clone()),
            head => {
                *head = Some(written(out, |out| {
                    path.write_cell(out, f);
                    out.push(b',');
                    KindName::from(m.kind).write_cell(out, f);
                    out.push(b',');
                }));
            }
        }
        let surface = written(out, |out| m.surface.write_cell(out, f));
        out.push(b',');
        if Arc::ptr_eq(&m.surface, &m.entity) {
            out.extend_from_within(surface);
        } else {
            m.entity.write_cell(out, f);
        }
        let integers = [Some(m.start), Some(m.end), m.sentence, m.paragraph];
        integer_cells(out, &mut block, integers);
        out.push(b',');
        if let Some(text) = &m.day {
            day.write(out, text, |out| text.write_cell(out, f));
        }
        out.push(b',');
        rules.write(out, &m.rule, |out| m.rule.write_cell(out, f));
        out.push(b'\n');
    }
}

/// Appends the rows of `talks`, of the document at `path`, to `out`: byte for byte the
/// rows [`super::csv::append`] writes from [`super::rows::talk_row`].
pub fn talk_rows(out: &mut Vec<u8>, path: PathCell<'_>, talks: &[TalkRecord], f: Formulas) {
    // Kinds and rules kept apart: each list then finds its ids nearer its front.
    let (mut day, mut kinds, mut rules) = (
        LastCell::default(),
        KeptCells::default(),
        KeptCells::default(),
    );
    let mut block = [0; INTEGERS_BLOCK];
    for t in talks {
        path.write_cell(out, f);
        out.push(b',');
        t.title.write_cell(out, f);
        out.push(b',');
        kinds.write(out, &t.kind, |out| t.kind.write_cell(out, f));
        out.push(b',');
        Joined(&t.speakers).write_cell(out, f);
        out.push(b',');
        if let Some(text) = &t.day {
            day.write(out, text, |out| text.write_cell(out, f));
        }
        integer_cells(out, &mut block, [Some(t.start), Some(t.mentions)]);
        out.push(b',');
        rules.write(out, &t.rule, |out| t.rule.write_cell(out, f));
        out.push(b'\n');
    }
}

/// The last text written by [`LastCell::write`] and where its cell is: rows in text
/// order change day only at a section's end. Cells of either report, CSV or JSON.
#[derive(Default)]
pub(super) struct LastCell<'t>(Option<(&'t str, Range<usize>)>);

impl<'t> LastCell<'t> {
    /// Appends the cell of `text`, copied when it is the last text's, else written by
    /// `write`. Inlined, as a call costs about as much as the copy.
    #[inline(always)]
    pub(super) fn write(
        &mut self,
        out: &mut Vec<u8>,
        text: &'t str,
        write: impl FnOnce(&mut Vec<u8>),
    ) {
        match &self.0 {
            Some((last, cell)) if std::ptr::eq(*last, text) || *last == text => {
                out.extend_from_within(cell.clone());
            }
            _ => self.0 = Some((text, written(out, write))),
        }
    }
}

/// Ids whose cell is kept, told apart by their address: a post's rows come from a
/// handful of rules and kinds, which share their ids (rows read back from a partial each
/// hold a copy, which fill the list without a hit).
const KEPT: usize = 8;

/// The cells of the first [`KEPT`] ids written by [`KeptCells::write`], in either
/// report, CSV or JSON.
#[derive(Default)]
pub(super) struct KeptCells<'t>(Vec<(&'t str, Range<usize>)>);

impl<'t> KeptCells<'t> {
    /// Appends the cell of `id`, copied when it is one of the kept ids, else written by
    /// `write`. Inlined, as [`LastCell::write`].
    #[inline(always)]
    pub(super) fn write(
        &mut self,
        out: &mut Vec<u8>,
        id: &'t str,
        write: impl FnOnce(&mut Vec<u8>),
    ) {
        match self.0.iter().find(|(kept, _)| std::ptr::eq(*kept, id)) {
            Some((_, cell)) => out.extend_from_within(cell.clone()),
            None if self.0.len() < KEPT => {
                let cell = written(out, write);
                self.0.push((id, cell));
            }
            None => write(out),
        }
    }
}

/// The most integer cells [`integer_cells`] writes at once.
const MOST_INTEGERS: usize = 4;

/// Bytes of the integer cells of a row, each with the comma before it, at most.
const INTEGERS_WIDTH: usize = MOST_INTEGERS * (1 + "18446744073709551615".len());

/// Bytes of the room [`integer_cells`] writes in: twice [`INTEGERS_WIDTH`], so that a
/// block of that width copies from wherever the cells start.
const INTEGERS_BLOCK: usize = 2 * INTEGERS_WIDTH;

/// Appends the integer cells of a row, each after a comma (`None` as an empty cell), as
/// [`Cell::write_cell`] writes them. They are written back to front into `block`, then
/// copied as one piece of a size known when compiling: a copy of its own per cell, of a
/// length known only when running, takes a call each. The bytes copied past the cells,
/// whatever a row before left there, are cut off again: `block` is kept from row to row,
/// zeroed once for all of them.
#[inline(always)]
fn integer_cells<const N: usize>(
    out: &mut Vec<u8>,
    block: &mut [u8; INTEGERS_BLOCK],
    numbers: [Option<usize>; N],
) {
    const { assert!(N <= MOST_INTEGERS) };
    let end = INTEGERS_WIDTH;
    let mut at = end;
    for number in numbers.into_iter().rev() {
        if let Some(n) = number {
            at = digits_before(block, at, n as u64);
        }
        at -= 1;
        block[at] = b',';
    }
    let len = out.len() + (end - at);
    out.extend_from_slice(&block[at..][..INTEGERS_WIDTH]);
    out.truncate(len);
}

/// Where in `out` what `write` appends to it stands.
fn written(out: &mut Vec<u8>, write: impl FnOnce(&mut Vec<u8>)) -> Range<usize> {
    let start = out.len();
    write(out);
    start..out.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::EntityKind;
    use crate::report::csv;
    use crate::report::json::tests::text;
    use crate::report::rows::{mention_row, talk_row};
    use proptest::prelude::*;
    use std::borrow::Cow;

    /// More ids (rules, talk kinds) than are kept, some to quote or neutralize.
    const RULE_IDS: [&str; 10] = [
        "person/cue",
        "project/gazetteer",
        "=rule",
        "a,b",
        "ünï\"x",
        "",
        "-",
        "@r",
        "d",
        "e",
    ];

    /// Picks of a kind, a surface, an entity, a day, a rule, whether the entity is the
    /// surface, and whether the rule id is a copy of its own.
    type Pick = (usize, usize, usize, Option<usize>, usize, bool, bool);

    /// A mention from picks into shared strings, sharing them as a record does.
    fn mention(
        (kind, surface, entity, day, rule, same, owned): Pick,
        texts: &[Arc<str>],
        days: &[Arc<str>],
    ) -> MentionRecord {
        let kinds = [EntityKind::Person, EntityKind::Project, EntityKind::Day];
        let surface = Arc::clone(&texts[surface % texts.len()]);
        let rule = RULE_IDS[rule % RULE_IDS.len()];
        MentionRecord {
            kind: kinds[kind % kinds.len()],
            entity: if same {
                Arc::clone(&surface)
            } else {
                Arc::clone(&texts[entity % texts.len()])
            },
            surface,
            entity_index: None,
            start: kind,
            end: entity,
            sentence: day,
            paragraph: day.map(|d| d.wrapping_mul(7)),
            day: day.map(|d| Arc::clone(&days[d % days.len()])),
            rule: if owned {
                Cow::Owned(rule.to_string())
            } else {
                Cow::Borrowed(rule)
            },
        }
    }

    /// A talk from the same picks: a title, speakers, a day (equal days are separate
    /// strings), a kind and a rule.
    fn talk((kind, title, speakers, day, rule, _, owned): Pick, texts: &[String]) -> TalkRecord {
        let id = |i: usize| {
            let id = RULE_IDS[i % RULE_IDS.len()];
            if owned {
                Cow::Owned(id.to_string())
            } else {
                Cow::Borrowed(id)
            }
        };
        TalkRecord {
            title: texts[title % texts.len()].clone(),
            kind: id(kind),
            speakers: texts.iter().take(speakers % 3).cloned().collect(),
            day: day.map(|d| texts[d % texts.len()].clone()),
            start: title,
            mentions: speakers,
            rule: id(rule),
        }
    }

    /// Integers of every length, those next to a power of ten among them.
    fn integer() -> impl Strategy<Value = Option<usize>> {
        let near_power = (0u32..20, -1isize..=1)
            .prop_map(|(power, step)| 10usize.pow(power).saturating_add_signed(step));
        prop::option::weighted(0.8, prop_oneof![0usize..1000, near_power, any::<usize>()])
    }

    proptest! {
        #[test]
        fn integer_cells_as_cells_write_them(
            numbers in prop::array::uniform4(integer()),
            two in prop::array::uniform2(integer()),
        ) {
            let mut written = b"x".to_vec();
            let mut block = [0; INTEGERS_BLOCK];
            integer_cells(&mut written, &mut block, numbers);
            integer_cells(&mut written, &mut block, two);
            let mut expected = b"x".to_vec();
            for number in numbers.iter().chain(&two) {
                expected.push(b',');
                number.write_cell(&mut expected, Formulas::Raw);
            }
            prop_assert_eq!(String::from_utf8(written).unwrap(), String::from_utf8(expected).unwrap());
        }

        #[test]
        fn rows_as_mention_rows_write_them(
            path in text(),
            texts in prop::collection::vec(text(), 1..5),
            days in prop::collection::vec(text(), 1..3),
            picks in prop::collection::vec(any::<Pick>(), 0..40),
            raw in any::<bool>(),
        ) {
            let formulas = if raw { Formulas::Raw } else { Formulas::Neutralize };
            let texts: Vec<Arc<str>> = texts.iter().map(|t| t.as_str().into()).collect();
            let days: Vec<Arc<str>> = days.iter().map(|t| t.as_str().into()).collect();
            let mentions: Vec<MentionRecord> =
                picks.into_iter().map(|p| mention(p, &texts, &days)).collect();
            let mut cell = Vec::new();
            let prepared = PathCell::prepared(&path, formulas, &mut cell);
            let mut written = b"x\n".to_vec();
            mention_rows(&mut written, prepared, &mentions, formulas);
            let mut expected = b"x\n".to_vec();
            let rows = mentions.iter().map(|m| mention_row(PathCell::new(&path), m));
            csv::append(&mut expected, rows, formulas).unwrap();
            prop_assert_eq!(String::from_utf8(written).unwrap(), String::from_utf8(expected).unwrap());
        }

        #[test]
        fn rows_as_talk_rows_write_them(
            path in text(),
            texts in prop::collection::vec(text(), 1..5),
            picks in prop::collection::vec(any::<Pick>(), 0..40),
            raw in any::<bool>(),
        ) {
            let formulas = if raw { Formulas::Raw } else { Formulas::Neutralize };
            let talks: Vec<TalkRecord> =
                picks.into_iter().map(|p| talk(p, &texts)).collect();
            let mut cell = Vec::new();
            let prepared = PathCell::prepared(&path, formulas, &mut cell);
            let mut written = b"x\n".to_vec();
            talk_rows(&mut written, prepared, &talks, formulas);
            let mut expected = b"x\n".to_vec();
            let rows = talks.iter().map(|t| talk_row(PathCell::new(&path), t));
            csv::append(&mut expected, rows, formulas).unwrap();
            prop_assert_eq!(String::from_utf8(written).unwrap(), String::from_utf8(expected).unwrap());
        }
    }
}
