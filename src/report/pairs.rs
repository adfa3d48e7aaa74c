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
    /// Per entity, by its place in [`crate::aggregate::Cooccurrence::keys`]: where each
    /// of its [`Piece`]s starts, and where the last one ends.
    pieces: Vec<[usize; PIECES + 1]>,
    /// The NPMI's key and the object's end, in JSON.
    between: Between,
    /// How deep the JSON objects stand.
    indent: usize,
    formulas: Formulas,
    /// The count of the pair written last, and its cells: pairs come by count, so most
    /// have the count of the pair before.
    last_count: (u64, CountCells),
}

/// An entity's pieces, each from the start of its own bytes in a pair's row to the start
/// of the next value: the bytes before an entity are the same in every row of a window
/// kind, so they are kept with the first entity, and a row is copied in fewer pieces.
#[derive(Clone, Copy)]
enum Piece {
    /// As first entity of a CSV row of each window kind (in [`Window::ALL`] order): the
    /// window's cell and the entity's cells, each with the comma after it.
    CsvFirst = 0,
    /// As second entity of a CSV row: its cells, each with the comma after it.
    CsvSecond = WINDOWS as isize,
    /// As first entity of a JSON object of each window kind: the object's start, from
    /// the comma and line break before it (the comma left out of the array's first
    /// object), and the fields up to the entity's name.
    JsonFirst = WINDOWS as isize + 1,
    /// As second entity of a JSON object: its fields, then the count's key.
    JsonSecond = 2 * WINDOWS as isize + 1,
}

/// The window kinds, each with a first-entity piece of its own in each report.
const WINDOWS: usize = Window::ALL.len();

/// The pieces of an entity.
const PIECES: usize = 2 * WINDOWS + 2;

/// A count's digits as each report writes them: in CSV with the comma after them, in
/// JSON with the NPMI's key after them.
#[derive(Clone, Copy)]
struct CountCells {
    csv: Block<24>,
    json: Block<56>,
}

/// The bytes around a pair's NPMI in its JSON object, the same in every row.
struct Between {
    /// From the count to the NPMI.
    npmi: String,
    /// After the NPMI: the object's end.
    end: Block<32>,
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
        // What comes before the first entity in a row of each window kind.
        let csv_windows = Window::ALL.map(|window| {
            let mut out = Vec::new();
            KindName::from(window).write_cell(&mut out, formulas);
            out.push(b',');
            out
        });
        let json_windows = Window::ALL.map(|window| {
            let mut out = format!(",\n{:indent$}", "").into_bytes();
            Object::open(&mut out, indent).field("\"window\": ", &KindName::from(window));
            out
        });
        for (kind, name) in keys {
            let kind = KindName::from(*kind);
            let mut starts = [0; PIECES + 1];
            let mut start = |piece: usize, bytes: &Vec<u8>| starts[piece] = bytes.len();
            let entity_cells = |bytes: &mut Vec<u8>| {
                kind.write_cell(bytes, formulas);
                bytes.push(b',');
                name.write_cell(bytes, formulas);
                bytes.push(b',');
            };
            for (w, window) in csv_windows.iter().enumerate() {
                start(Piece::CsvFirst as usize + w, &bytes);
                bytes.extend_from_slice(window);
                entity_cells(&mut bytes);
            }
            start(Piece::CsvSecond as usize, &bytes);
            entity_cells(&mut bytes);
            for (w, window) in json_windows.iter().enumerate() {
                start(Piece::JsonFirst as usize + w, &bytes);
                bytes.extend_from_slice(window);
                Object::resume(&mut bytes, indent)
                    .field("\"kind_a\": ", &kind)
                    .field("\"entity_a\": ", name);
            }
            start(Piece::JsonSecond as usize, &bytes);
            Object::resume(&mut bytes, indent)
                .field("\"kind_b\": ", &kind)
                .field("\"entity_b\": ", name);
            bytes.extend_from_slice(count.as_bytes());
            start(PIECES, &bytes);
            pieces.push(starts);
        }
        let npmi = field_start("npmi", indent);
        PairWriter {
            bytes,
            pieces,
            last_count: (0, CountCells::new(0, &npmi)),
            between: Between {
                npmi,
                end: Block::new(&format!("\n{:indent$}}}", "")),
            },
            indent,
            formulas,
        }
    }

    /// The cells of `count`, those of the pair before when its count was the same.
    fn count_cells(&mut self, count: u64) -> CountCells {
        if self.last_count.0 != count {
            self.last_count = (count, CountCells::new(count, &self.between.npmi));
        }
        self.last_count.1
    }

    /// One of an entity's pieces, `offset` past `piece` (the window kind's, for the
    /// first entity).
    fn piece(&self, rank: u32, piece: Piece, offset: usize) -> &[u8] {
        let starts = &self.pieces[rank as usize];
        let at = piece as usize + offset;
        &self.bytes[starts[at]..starts[at + 1]]
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
        let count = self.count_cells(pair.count);
        let npmi = ten_thousandths_digits(pair.npmi);
        csv.extend_from_slice(self.piece(pair.ranks.0, Piece::CsvFirst, window));
        csv.extend_from_slice(self.piece(pair.ranks.1, Piece::CsvSecond, 0));
        count.csv.append(csv);
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
        count: &CountCells,
        npmi: &Option<Block<8>>,
    ) {
        let first = self.piece(pair.ranks.0, Piece::JsonFirst, window);
        let first_element = array.push_prepared(self.indent);
        out.extend_from_slice(&first[usize::from(first_element)..]);
        out.extend_from_slice(self.piece(pair.ranks.1, Piece::JsonSecond, 0));
        count.json.append(out);
        match npmi {
            Some(npmi) => npmi.append(out),
            None => pair.npmi.write_pretty(out, self.indent),
        }
        self.between.end.append(out);
    }
}

impl CountCells {
    /// The cells of `count`, with `npmi_key` after it in JSON.
    fn new(count: u64, npmi_key: &str) -> CountCells {
        let digits = decimal(count);
        let digits = std::str::from_utf8(digits.as_bytes()).expect("digits");
        CountCells {
            csv: Block::new(&format!("{digits},")),
            json: Block::new(&format!("{digits}{npmi_key}")),
        }
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
