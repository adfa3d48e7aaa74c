//! A document's rows of `mentions.csv`, written with the cells that repeat from row to
//! row copied rather than written again.
//!
//! `mentions.csv` has a row for every mention, and most of its text cells say what the
//! row before said, or what the row itself just said: a mention's entity is most often
//! its surface (the record then shares one string between them), its day is its
//! section's (shared by the mentions of the section), and its rule is one of a few. Such
//! a cell is copied from where it was first written, which costs less than looking at
//! its bytes again to quote and neutralize it.

use super::csv::{Cell, Formulas};
use super::rows::{KindName, PathCell};
use crate::record::MentionRecord;
use std::ops::Range;
use std::sync::Arc;

/// Rules whose cell is kept, told apart by the address of their id: a post's mentions
/// come from a handful of rules and share their ids (mentions read back from a partial
/// each hold a copy, which fill the list without a hit).
const KEPT_RULES: usize = 8;

/// Appends the rows of `mentions`, of the document at `path`, to `out`: byte for byte
/// the rows [`super::csv::append`] writes from [`super::rows::mention_row`].
pub fn append(out: &mut Vec<u8>, path: PathCell<'_>, mentions: &[MentionRecord], f: Formulas) {
    let mut day: Option<(&Arc<str>, Range<usize>)> = None;
    let mut rules: Vec<(&str, Range<usize>)> = Vec::with_capacity(KEPT_RULES);
    for m in mentions {
        path.write_cell(out, f);
        out.push(b',');
        KindName::from(m.kind).write_cell(out, f);
        out.push(b',');
        let surface = written(out, |out| m.surface.write_cell(out, f));
        out.push(b',');
        if Arc::ptr_eq(&m.surface, &m.entity) {
            out.extend_from_within(surface);
        } else {
            m.entity.write_cell(out, f);
        }
        for number in [m.start, m.end] {
            out.push(b',');
            number.write_cell(out, f);
        }
        for index in [m.sentence, m.paragraph] {
            out.push(b',');
            index.write_cell(out, f);
        }
        out.push(b',');
        if let Some(text) = &m.day {
            match &day {
                Some((last, cell)) if Arc::ptr_eq(last, text) => {
                    out.extend_from_within(cell.clone())
                }
                _ => day = Some((text, written(out, |out| text.write_cell(out, f)))),
            }
        }
        out.push(b',');
        let rule: &str = &m.rule;
        match rules.iter().find(|(kept, _)| std::ptr::eq(*kept, rule)) {
            Some((_, cell)) => out.extend_from_within(cell.clone()),
            None if rules.len() < KEPT_RULES => {
                rules.push((rule, written(out, |out| rule.write_cell(out, f))));
            }
            None => rule.write_cell(out, f),
        }
        out.push(b'\n');
    }
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
    use crate::report::rows::mention_row;
    use proptest::prelude::*;
    use std::borrow::Cow;

    /// More rule ids than are kept, some to quote or neutralize.
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

    proptest! {
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
            append(&mut written, prepared, &mentions, formulas);
            let mut expected = b"x\n".to_vec();
            let rows = mentions.iter().map(|m| mention_row(PathCell::new(&path), m));
            csv::append(&mut expected, rows, formulas).unwrap();
            prop_assert_eq!(String::from_utf8(written).unwrap(), String::from_utf8(expected).unwrap());
        }
    }
}
