//! The co-occurrence rows, written from each entity's cells prepared once.
//!
//! A corpus has far more pairs than entities, and each pair row names two of them, in
//! `cooccurrence.csv` and in `report.json`. Quoting, neutralizing and escaping each name
//! once, rather than in every row that names it, halves the cost of these rows, which a
//! run writes on one thread at its end.

use super::csv::{Cell, Formulas};
use super::json::{Object, PrettyJson};
use super::rows::KindName;
use crate::aggregate::{EntityKey, Pair, Window};

/// Writes pair rows, byte for byte as [`super::rows::PairRow`] is written in CSV and
/// pretty JSON, from the cells of each entity of a [`crate::aggregate::Cooccurrence`].
pub struct PairWriter {
    /// Every entity's pieces, one after the other.
    bytes: Vec<u8>,
    /// Per entity, by its place in [`crate::aggregate::Cooccurrence::keys`]: where its
    /// CSV cells, its JSON fields as first entity and as second entity start, and where
    /// they end.
    pieces: Vec<[usize; 4]>,
    /// Each window kind's opening of a JSON object, in [`Window::ALL`] order.
    openings: [Vec<u8>; 2],
    /// How deep the JSON objects stand.
    indent: usize,
    formulas: Formulas,
}

impl PairWriter {
    /// Prepares the cells of `keys`, for CSV with `formulas` and for JSON objects
    /// standing `indent` spaces deep.
    pub fn new<'k>(
        keys: impl Iterator<Item = &'k EntityKey>,
        formulas: Formulas,
        indent: usize,
    ) -> PairWriter {
        let mut bytes = Vec::new();
        let mut pieces = Vec::with_capacity(keys.size_hint().0);
        for (kind, name) in keys {
            let kind = KindName::from(*kind);
            let csv = bytes.len();
            kind.write_cell(&mut bytes, formulas);
            bytes.push(b',');
            name.write_cell(&mut bytes, formulas);
            let first = bytes.len();
            Object::resume(&mut bytes, indent)
                .field("\"kind_a\": ", &kind)
                .field("\"entity_a\": ", name);
            let second = bytes.len();
            Object::resume(&mut bytes, indent)
                .field("\"kind_b\": ", &kind)
                .field("\"entity_b\": ", name);
            pieces.push([csv, first, second, bytes.len()]);
        }
        let opening = |window: Window| {
            let mut out = Vec::new();
            Object::open(&mut out, indent).field("\"window\": ", &KindName::from(window));
            out
        };
        PairWriter {
            bytes,
            pieces,
            openings: Window::ALL.map(opening),
            indent,
            formulas,
        }
    }

    /// One of an entity's pieces: 0 its CSV cells, 1 and 2 its JSON fields.
    fn piece(&self, rank: u32, which: usize) -> &[u8] {
        let piece = &self.pieces[rank as usize];
        &self.bytes[piece[which]..piece[which + 1]]
    }

    /// Appends a pair's CSV row.
    pub fn csv(&self, out: &mut Vec<u8>, pair: &Pair<'_>) {
        KindName::from(pair.window).write_cell(out, self.formulas);
        out.push(b',');
        out.extend_from_slice(self.piece(pair.ranks.0, 0));
        out.push(b',');
        out.extend_from_slice(self.piece(pair.ranks.1, 0));
        out.push(b',');
        pair.count.write_cell(out, self.formulas);
        out.push(b',');
        pair.npmi.write_cell(out, self.formulas);
        out.push(b'\n');
    }

    /// A pair's JSON object, for [`super::json::ArrayWriter::push`].
    pub fn json<'p>(&'p self, pair: &'p Pair<'p>) -> PairJson<'p> {
        PairJson { writer: self, pair }
    }
}

/// A pair as a JSON object; see [`PairWriter::json`].
pub struct PairJson<'p> {
    writer: &'p PairWriter,
    pair: &'p Pair<'p>,
}

impl PrettyJson for PairJson<'_> {
    fn write_pretty(&self, out: &mut Vec<u8>, indent: usize) {
        let (w, pair) = (self.writer, self.pair);
        assert_eq!(indent, w.indent, "pieces prepared for another depth");
        let window = Window::ALL.iter().position(|&x| x == pair.window);
        out.extend_from_slice(&w.openings[window.expect("a window kind")]);
        out.extend_from_slice(w.piece(pair.ranks.0, 1));
        out.extend_from_slice(w.piece(pair.ranks.1, 2));
        Object::resume(out, indent)
            .field("\"count\": ", &pair.count)
            .field("\"npmi\": ", &pair.npmi)
            .close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::EntityKind;
    use crate::report::csv::append;
    use crate::report::json::tests::{number, text, written};
    use crate::report::rows::pair_row;
    use proptest::prelude::*;
    use proptest::sample::Index;

    fn kind() -> impl Strategy<Value = EntityKind> {
        prop::sample::select(vec![
            EntityKind::Talk,
            EntityKind::Person,
            EntityKind::Project,
            EntityKind::Day,
        ])
    }

    proptest! {
        #[test]
        fn pair_rows_as_pair_row_writes_them(
            keys in prop::collection::vec((kind(), text()), 1..5),
            picks in prop::collection::vec(
                (0usize..2, any::<Index>(), any::<Index>(), any::<u64>(), number()),
                1..6,
            ),
            raw in any::<bool>(),
            indent in 0usize..80,
        ) {
            let formulas = if raw { Formulas::Raw } else { Formulas::Neutralize };
            let writer = PairWriter::new(keys.iter(), formulas, indent);
            for (window, a, b, count, npmi) in picks {
                let (a, b) = (a.index(keys.len()), b.index(keys.len()));
                let pair = Pair {
                    window: Window::ALL[window],
                    a: &keys[a],
                    b: &keys[b],
                    ranks: (a as u32, b as u32),
                    count,
                    npmi,
                };
                let (mut csv, mut expected) = (Vec::new(), Vec::new());
                writer.csv(&mut csv, &pair);
                append(&mut expected, [pair_row(&pair)], formulas).unwrap();
                prop_assert_eq!(csv, expected);
                prop_assert_eq!(
                    written(&writer.json(&pair), indent),
                    written(&pair_row(&pair), indent)
                );
            }
        }
    }
}
