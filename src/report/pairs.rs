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
    /// Each window kind's start of a JSON object in the array, up to the first entity's
    /// fields: from the comma and line break before it (the comma left out of the first
    /// object), so that no other piece starts its line.
    openings: [Block<64>; 2],
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
            let mut out = format!(",\n{:indent$}", "").into_bytes();
            Object::open(&mut out, indent).field("\"window\": ", &KindName::from(window));
            Block::new(&text(out))
        };
        Between {
            csv_windows: Window::ALL.map(csv_window),
            openings: Window::ALL.map(opening),
            npmi: Block::new(&field_start("npmi", indent)),
            end: Block::new(&format!("\n{:indent$}}}", "")),
        }
    }
}

/// The start of a field of a JSON object standing `indent` spaces deep, after the field
/// before it: a comma, the line break and the key.
fn field_start(key: &str, indent: usize) -> String {
    format!(",\n{:inner$}\"{key}\": ", "", inner = indent + 2)
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
        let count = field_start("count", indent);
        for (kind, name) in keys {
            let kind = KindName::from(*kind);
            let csv = bytes.len();
            kind.write_cell(&mut bytes, formulas);
            bytes.push(b',');
            name.write_cell(&mut bytes, formulas);
            bytes.push(b',');
            let first = bytes.len();
            Object::resume(&mut bytes, indent)
                .field("\"kind_a\": ", &kind)
                .field("\"entity_a\": ", name);
            let second = bytes.len();
            Object::resume(&mut bytes, indent)
                .field("\"kind_b\": ", &kind)
                .field("\"entity_b\": ", name);
            bytes.extend_from_slice(count.as_bytes());
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

    /// One of an entity's pieces: 0 its CSV cells and the comma after them, 1 its JSON
    /// fields as first entity, 2 as second entity with the count's key after them.
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
        csv.extend_from_slice(self.piece(pair.ranks.1, 0));
        count.append(csv);
        csv.push(b',');
        match &npmi {
            Some(npmi) => npmi.append(csv),
            None => pair.npmi.write_cell(csv, self.formulas),
        }
        csv.push(b'\n');
        self.write_json(json, array, pair, window, &count, &npmi);
    }

    /// Appends a pair's JSON object to `array` in `json`, its count and NPMI formatted.
    fn write_json(
        &self,
        out: &mut Vec<u8>,
        array: &mut ArrayWriter,
        pair: &Pair<'_>,
        window: usize,
        count: &Block<20>,
        npmi: &Option<Block<8>>,
    ) {
        let opening = &self.between.openings[window];
        if array.push_prepared(self.indent) {
            out.extend_from_slice(&opening.as_bytes()[1..]);
        } else {
            opening.append(out);
        }
        out.extend_from_slice(self.piece(pair.ranks.0, 1));
        out.extend_from_slice(self.piece(pair.ranks.1, 2));
        count.append(out);
        self.between.npmi.append(out);
        match npmi {
            Some(npmi) => npmi.append(out),
            None => pair.npmi.write_pretty(out, self.indent),
        }
        self.between.end.append(out);
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
            let (mut csv, mut json) = (Vec::new(), Vec::new());
            let mut array = ArrayWriter::open(&mut json, indent);
            let (mut expected_csv, mut expected_json) = (Vec::new(), Vec::new());
            let mut expected_array = ArrayWriter::open(&mut expected_json, indent);
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
                writer.write(&mut csv, &mut json, &mut array, &pair);
                append(&mut expected_csv, [pair_row(&pair)], formulas).unwrap();
                expected_array.push(&mut expected_json, &pair_row(&pair));
            }
            array.close(&mut json);
            expected_array.close(&mut expected_json);
            prop_assert_eq!(csv, expected_csv);
            prop_assert_eq!(String::from_utf8(json).unwrap(), String::from_utf8(expected_json).unwrap());
        }
    }
}
