//! The co-occurrence rows, written from each entity's cells prepared once.
//!
//! A corpus has far more pairs than entities, and each pair row names two of them, in
//! `cooccurrence.csv` and in `report.json`. Quoting, neutralizing and escaping each name
//! once, rather than in every row that names it, halves the cost of these rows, which a
//! run writes on one thread at its end.

use super::csv::{Cell, Formulas};
use super::json::{ArrayWriter, Object, PrettyJson, ten_thousandths};
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

    /// Appends a pair's CSV row to `csv`, and its JSON object to `array` in `json`. The
    /// count is formatted once for both, and so is the NPMI when it is a whole number of
    /// ten-thousandths (as NPMI values are rounded): CSV and JSON write those alike.
    pub fn write(
        &self,
        csv: &mut Vec<u8>,
        json: &mut Vec<u8>,
        array: &mut ArrayWriter,
        pair: &Pair<'_>,
    ) {
        KindName::from(pair.window).write_cell(csv, self.formulas);
        csv.push(b',');
        csv.extend_from_slice(self.piece(pair.ranks.0, 0));
        csv.push(b',');
        csv.extend_from_slice(self.piece(pair.ranks.1, 0));
        csv.push(b',');
        let count = csv.len();
        pair.count.write_cell(csv, self.formulas);
        let npmi = csv.len() + 1;
        csv.push(b',');
        let shared = ten_thousandths(csv, pair.npmi);
        if !shared {
            pair.npmi.write_cell(csv, self.formulas);
        }
        let object = PairJson {
            writer: self,
            pair,
            count: &csv[count..npmi - 1],
            npmi: shared.then(|| &csv[npmi..]),
        };
        array.push(json, &object);
        csv.push(b'\n');
    }
}

/// A pair as a JSON object, its numbers already written.
struct PairJson<'p> {
    writer: &'p PairWriter,
    pair: &'p Pair<'p>,
    count: &'p [u8],
    /// The NPMI, when written alike in both.
    npmi: Option<&'p [u8]>,
}

/// A value already written as JSON.
struct Verbatim<'a>(&'a [u8]);

impl PrettyJson for Verbatim<'_> {
    fn write_pretty(&self, out: &mut Vec<u8>, _: usize) {
        out.extend_from_slice(self.0);
    }
}

impl PrettyJson for PairJson<'_> {
    fn write_pretty(&self, out: &mut Vec<u8>, indent: usize) {
        let (w, pair) = (self.writer, self.pair);
        assert_eq!(indent, w.indent, "pieces prepared for another depth");
        let window = Window::ALL.iter().position(|&x| x == pair.window);
        out.extend_from_slice(&w.openings[window.expect("a window kind")]);
        out.extend_from_slice(w.piece(pair.ranks.0, 1));
        out.extend_from_slice(w.piece(pair.ranks.1, 2));
        let object = Object::resume(out, indent).field("\"count\": ", &Verbatim(self.count));
        match self.npmi {
            Some(npmi) => object.field("\"npmi\": ", &Verbatim(npmi)),
            None => object.field("\"npmi\": ", &pair.npmi),
        }
        .close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::EntityKind;
    use crate::report::csv::append;
    use crate::report::json::tests::{number, text};
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
            indent in 2usize..80,
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
                let (mut csv, mut json) = (Vec::new(), Vec::new());
                let mut array = ArrayWriter::open(&mut json, indent);
                writer.write(&mut csv, &mut json, &mut array, &pair);
                array.close(&mut json);
                let (mut expected_csv, mut expected_json) = (Vec::new(), Vec::new());
                append(&mut expected_csv, [pair_row(&pair)], formulas).unwrap();
                let mut array = ArrayWriter::open(&mut expected_json, indent);
                array.push(&mut expected_json, &pair_row(&pair));
                array.close(&mut expected_json);
                prop_assert_eq!(csv, expected_csv);
                prop_assert_eq!(String::from_utf8(json).unwrap(), String::from_utf8(expected_json).unwrap());
            }
        }
    }
}
