//! The co-occurrence rows, written from each entity's cells prepared once.
//!
//! A corpus has far more pairs than entities, and each pair row names two of them, in
//! `cooccurrence.csv` and in `report.json`. Quoting, neutralizing and escaping each name
//! once, rather than in every row that names it, halves the cost of these rows, which a
//! run writes on one thread at its end.

use super::csv::{Cell, Formulas};
use super::json::{ArrayWriter, Block, Object, PrettyJson, decimal, ten_thousandths_digits};
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
    /// The bytes between a pair's values, the same in every row: copied as blocks.
    between: Between,
    /// How deep the JSON objects stand.
    indent: usize,
    formulas: Formulas,
    /// The count of the pair written last, and its digits: pairs come by count, so most
    /// have the count of the pair before.
    last_count: (u64, Block<20>),
}

/// The bytes between a pair's values, in its CSV row and its JSON object.
struct Between {
    /// Each window kind's cell and the comma after it, in [`Window::ALL`] order.
    csv_windows: [Block<16>; 2],
    /// Each window kind's opening of a JSON object, up to the first entity's fields.
    openings: [Block<64>; 2],
    /// From the second entity's fields to the count.
    count: Block<32>,
    /// From the count to the NPMI.
    npmi: Block<32>,
    /// After the NPMI: the object's end.
    end: Block<32>,
}

impl Between {
    fn new(formulas: Formulas, indent: usize) -> Between {
        let text = |out: Vec<u8>| String::from_utf8(out).expect("reports are text");
        let csv_window = |window: Window| {
            let mut out = Vec::new();
            KindName::from(window).write_cell(&mut out, formulas);
            out.push(b',');
            Block::new(&text(out))
        };
        let opening = |window: Window| {
            let mut out = Vec::new();
            Object::open(&mut out, indent).field("\"window\": ", &KindName::from(window));
            Block::new(&text(out))
        };
        let field =
            |key: &str| Block::new(&format!(",\n{:inner$}\"{key}\": ", "", inner = indent + 2));
        Between {
            csv_windows: Window::ALL.map(csv_window),
            openings: Window::ALL.map(opening),
            count: field("count"),
            npmi: field("npmi"),
            end: Block::new(&format!("\n{:indent$}}}", "")),
        }
    }
}

impl PairWriter {
    /// Prepares the cells of `keys`, for CSV with `formulas` and for JSON objects
    /// standing `indent` spaces deep, at most 16.
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
        PairWriter {
            bytes,
            pieces,
            between: Between::new(formulas, indent),
            indent,
            formulas,
            last_count: (0, decimal(0)),
        }
    }

    /// The digits of `count`, those of the pair before when its count was the same.
    fn count_digits(&mut self, count: u64) -> Block<20> {
        if self.last_count.0 != count {
            self.last_count = (count, decimal(count));
        }
        self.last_count.1
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
        &mut self,
        csv: &mut Vec<u8>,
        json: &mut Vec<u8>,
        array: &mut ArrayWriter,
        pair: &Pair<'_>,
    ) {
        let window = Window::ALL.iter().position(|&x| x == pair.window);
        let window = window.expect("a window kind");
        let count = self.count_digits(pair.count);
        let npmi = ten_thousandths_digits(pair.npmi);
        self.between.csv_windows[window].append(csv);
        csv.extend_from_slice(self.piece(pair.ranks.0, 0));
        csv.push(b',');
        csv.extend_from_slice(self.piece(pair.ranks.1, 0));
        csv.push(b',');
        count.append(csv);
        csv.push(b',');
        match &npmi {
            Some(npmi) => npmi.append(csv),
            None => pair.npmi.write_cell(csv, self.formulas),
        }
        csv.push(b'\n');
        let object = PairJson {
            writer: self,
            pair,
            window,
            count,
            npmi,
        };
        array.push(json, &object);
    }
}

/// A pair as a JSON object, its numbers already formatted.
struct PairJson<'p> {
    writer: &'p PairWriter,
    pair: &'p Pair<'p>,
    /// Its window kind's place in [`Window::ALL`].
    window: usize,
    count: Block<20>,
    /// The NPMI, when written alike in both.
    npmi: Option<Block<8>>,
}

impl PrettyJson for PairJson<'_> {
    fn write_pretty(&self, out: &mut Vec<u8>, indent: usize) {
        let (w, pair) = (self.writer, self.pair);
        assert_eq!(indent, w.indent, "pieces prepared for another depth");
        w.between.openings[self.window].append(out);
        out.extend_from_slice(w.piece(pair.ranks.0, 1));
        out.extend_from_slice(w.piece(pair.ranks.1, 2));
        w.between.count.append(out);
        self.count.append(out);
        w.between.npmi.append(out);
        match &self.npmi {
            Some(npmi) => npmi.append(out),
            None => pair.npmi.write_pretty(out, indent),
        }
        w.between.end.append(out);
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
                (0usize..2, any::<Index>(), any::<Index>(), prop_oneof![0u64..3, any::<u64>()], number()),
                1..6,
            ),
            raw in any::<bool>(),
            indent in 2usize..=16,
        ) {
            let formulas = if raw { Formulas::Raw } else { Formulas::Neutralize };
            let mut writer = PairWriter::new(keys.iter(), formulas, indent);
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
