//! CSV serialization of report rows, safe to open in a spreadsheet.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (a tab
//! or carriage return can lead into one), so a post quoting a talk called
//! `=HYPERLINK("https://evil.example", "slides")` would put a live formula in front of
//! whoever opens `talks.csv`. Following the OWASP guidance on CSV injection, such text
//! cells get a leading `'`, which spreadsheets show as text and hide. The check is made
//! per cell by the type of its field ([`Cell`]), so numbers (a negative NPMI) stay
//! numbers. [`Formulas::Raw`] turns it off for programs reading the CSV.

use super::json::ten_thousandths;
use super::rows::CsvRow;
use crate::swar::{any_byte, append_unless_any, equal_bytes};

/// What to do with text cells a spreadsheet would run as a formula.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Formulas {
    /// Prefix them with `'` (the default).
    #[default]
    Neutralize,
    /// Write every cell exactly as found (`--raw-csv`).
    Raw,
}

/// Serializes rows after a header line, which is written even when there are no rows.
///
/// # Errors
/// Never: the result is kept for the callers that chain it with other writes.
pub fn to_csv<T: CsvRow>(rows: &[T], formulas: Formulas) -> anyhow::Result<Vec<u8>> {
    let mut out = header::<T>()?;
    append(&mut out, rows, formulas)?;
    Ok(out)
}

/// The header line of a CSV report.
///
/// # Errors
/// Never: the result is kept for the callers that chain it with rows.
pub fn header<T: CsvRow>() -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    for (i, column) in T::COLUMNS.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        text_cell(&mut out, column, Formulas::Raw);
    }
    out.push(b'\n');
    Ok(out)
}

/// Appends rows (no header) to `out`: what [`to_csv`] writes after its header, so a
/// report can be written a few rows at a time.
///
/// Cells are written as the `csv` crate serializes the rows by default (comma-separated,
/// quoted only when they hold a comma, a quote, a carriage return or a line feed, quotes
/// doubled, `\n` after each row), straight into `out`.
///
/// # Errors
/// Never: the result is kept for the callers that chain it with other writes.
pub fn append<T: CsvRow>(
    out: &mut Vec<u8>,
    rows: impl IntoIterator<Item = T>,
    formulas: Formulas,
) -> anyhow::Result<()> {
    for row in rows {
        row.write_cells(&mut Cells {
            out: &mut *out,
            formulas,
            first: true,
        });
        out.push(b'\n');
    }
    Ok(())
}

/// Flags the bytes of `word` that make a cell need quotes.
fn to_quote(word: u64) -> u64 {
    equal_bytes(word, b',')
        | equal_bytes(word, b'"')
        | equal_bytes(word, b'\r')
        | equal_bytes(word, b'\n')
}

/// Appends the rest of a cell, its quotes doubled.
fn quoted_body(out: &mut Vec<u8>, bytes: &[u8]) {
    let mut rest = bytes;
    while let Some(i) = rest.iter().position(|&b| b == b'"') {
        out.extend_from_slice(&rest[..=i]);
        out.push(b'"');
        rest = &rest[i + 1..];
    }
    out.extend_from_slice(rest);
}

/// Whether a spreadsheet would run `text` as a formula. A lone trigger character (`-`,
/// the path of standard input) is left alone: with nothing after it there is no formula.
fn is_formula(text: &[u8]) -> bool {
    text.len() > 1 && matches!(text[0], b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
}

/// Appends a text cell: prefixed with `'` when a spreadsheet would run it (unless
/// `formulas` is [`Formulas::Raw`]), quoted if need be. Most cells need no quotes, so
/// they are copied as they are looked at; the others are written again, quoted.
fn text_cell(out: &mut Vec<u8>, text: &str, formulas: Formulas) {
    let bytes = text.as_bytes();
    let neutralize = formulas == Formulas::Neutralize && is_formula(bytes);
    let start = out.len();
    if neutralize {
        out.push(b'\'');
    }
    if append_unless_any(out, bytes, to_quote) {
        return;
    }
    out.truncate(start);
    out.push(b'"');
    if neutralize {
        out.push(b'\'');
    }
    quoted_body(out, bytes);
    out.push(b'"');
}

/// Appends the text cell of `parts` joined by `separator`, without making the joined
/// text: the parts are copied as they come, and the rare cell to quote or neutralize is
/// written again from the copy.
pub fn joined_cell(out: &mut Vec<u8>, parts: &[String], separator: &str, formulas: Formulas) {
    let start = out.len();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(separator.as_bytes());
        }
        out.extend_from_slice(part.as_bytes());
    }
    let joined = &out[start..];
    let neutralize = formulas == Formulas::Neutralize && is_formula(joined);
    if neutralize || any_byte(joined, to_quote) {
        let joined = String::from_utf8(out.split_off(start)).expect("strings joined");
        text_cell(out, &joined, formulas);
    }
}

/// Writes one row's cells into a buffer, comma-separated: what a [`CsvRow`] writes its
/// fields into, in the order serde serializes them.
pub struct Cells<'o> {
    out: &'o mut Vec<u8>,
    formulas: Formulas,
    /// No cell of the row written yet.
    first: bool,
}

impl Cells<'_> {
    /// Appends the next cell.
    pub fn cell<C: Cell + ?Sized>(&mut self, value: &C) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        value.write_cell(self.out, self.formulas);
    }
}

/// A field's value as a CSV cell, written as the `csv` crate serializes it: text as it
/// is (neutralized unless `formulas` is [`Formulas::Raw`]), numbers with `itoa` and
/// `ryu`, nothing for `None`.
pub trait Cell {
    /// Appends the cell's bytes.
    fn write_cell(&self, out: &mut Vec<u8>, formulas: Formulas);
}

impl Cell for str {
    fn write_cell(&self, out: &mut Vec<u8>, formulas: Formulas) {
        text_cell(out, self, formulas);
    }
}

impl Cell for String {
    fn write_cell(&self, out: &mut Vec<u8>, formulas: Formulas) {
        text_cell(out, self, formulas);
    }
}

impl<T: Cell + ?Sized> Cell for &T {
    fn write_cell(&self, out: &mut Vec<u8>, formulas: Formulas) {
        (**self).write_cell(out, formulas);
    }
}

impl<T: Cell> Cell for Option<T> {
    fn write_cell(&self, out: &mut Vec<u8>, formulas: Formulas) {
        if let Some(value) = self {
            value.write_cell(out, formulas);
        }
    }
}

/// Integers with `itoa`, as the `csv` crate writes them.
macro_rules! integer_cells {
    ($($ty:ty),*) => {
        $(impl Cell for $ty {
            fn write_cell(&self, out: &mut Vec<u8>, _: Formulas) {
                out.extend_from_slice(itoa::Buffer::new().format(*self).as_bytes());
            }
        })*
    };
}
integer_cells!(i32, i64, u32, u64, usize);

impl Cell for f64 {
    fn write_cell(&self, out: &mut Vec<u8>, _: Formulas) {
        if !ten_thousandths(out, *self) {
            out.extend_from_slice(ryu::Buffer::new().format(*self).as_bytes());
        }
    }
}

impl Cell for bool {
    fn write_cell(&self, out: &mut Vec<u8>, _: Formulas) {
        out.extend_from_slice(if *self { b"true" } else { b"false" });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::Window;
    use crate::extract::EntityKind;
    use crate::report::json::tests::{number, text};
    use crate::report::rows::{PairRow, csv_row};
    use proptest::prelude::*;
    use serde::Serialize;

    fn pair(entity_a: &str, npmi: f64) -> PairRow<'_> {
        PairRow {
            window: Window::Sentence.into(),
            kind_a: EntityKind::Project.into(),
            entity_a,
            kind_b: EntityKind::Person.into(),
            entity_b: "@scope/pkg",
            count: 2,
            npmi,
        }
    }

    #[test]
    fn header_even_without_rows() {
        let out = to_csv::<PairRow>(&[], Formulas::Neutralize).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "window,kind_a,entity_a,kind_b,entity_b,count,npmi\n"
        );
    }

    #[test]
    fn text_cells_neutralized_numbers_untouched() {
        let rows = [pair("=HYPERLINK(\"x\")", -0.5), pair("-", 1.0)];
        let out = String::from_utf8(to_csv(&rows, Formulas::Neutralize).unwrap()).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[1],
            "sentence,project,\"'=HYPERLINK(\"\"x\"\")\",person,'@scope/pkg,2,-0.5"
        );
        assert_eq!(lines[2], "sentence,project,-,person,'@scope/pkg,2,1.0");
        let raw = String::from_utf8(to_csv(&rows, Formulas::Raw).unwrap()).unwrap();
        assert!(raw.contains(",person,@scope/pkg,2,-0.5"), "{raw}");
    }

    #[test]
    fn neutralize_cases() {
        for (text, expected) in [
            ("=1+1", "'=1+1"),
            ("+1", "'+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=x", "'\t=x"),
            ("\r=x", "\"'\r=x\""),
            ("=\"a,b\"", "\"'=\"\"a,b\"\"\""),
            ("-", "-"),
            ("", ""),
            ("a=b", "a=b"),
            (" =x", " =x"),
        ] {
            let mut out = Vec::new();
            text_cell(&mut out, text, Formulas::Neutralize);
            assert_eq!(String::from_utf8(out).unwrap(), expected, "{text:?}");
        }
    }

    csv_row! {
        /// Every kind of cell a report row holds.
        pub struct Mixed<'a> {
            pub text: &'a str,
            pub owned: String,
            pub number: u64,
            pub size: usize,
            pub signed: i32,
            pub ratio: f64,
            pub flag: bool,
            pub maybe: Option<&'a str>,
            pub index: Option<usize>,
        }
    }

    /// A row of cells from two texts and a number.
    fn mixed<'a>(text: &'a str, other: &'a str, ratio: f64, i: usize) -> Mixed<'a> {
        Mixed {
            text,
            owned: other.to_string(),
            number: i as u64 * 1_000_003,
            size: i,
            signed: -(i as i32),
            ratio,
            flag: i % 2 == 0,
            maybe: (i % 3 != 0).then_some(other),
            index: (i % 2 == 0).then_some(i),
        }
    }

    /// Rows as the `csv` crate serializes them, through serde.
    fn serialized<T: serde::Serialize>(rows: &[T]) -> String {
        let mut writer = ::csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::new());
        for row in rows {
            writer.serialize(row).unwrap();
        }
        String::from_utf8(writer.into_inner().unwrap()).unwrap()
    }

    /// Rows as [`append`] writes them.
    fn appended<T: CsvRow>(rows: &[T], formulas: Formulas) -> String {
        let mut out = Vec::new();
        append(&mut out, rows, formulas).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn raw_cells_as_the_csv_crate_writes_them() {
        let texts = [
            "plain",
            "",
            "a,b",
            "say \"hi\"",
            "\"",
            "line\nbreak",
            "cr\rhere",
            "tab\there",
            "-",
            "=x",
            "ünï,cödé",
        ];
        let ratios = [1.0, -0.5, 0.0001, -0.0, 0.3691, 1e-7];
        let rows: Vec<Mixed> = texts
            .iter()
            .enumerate()
            .map(|(i, &text)| mixed(text, text, ratios[i % ratios.len()], i))
            .collect();
        let mut expected = ::csv::Writer::from_writer(Vec::new());
        expected.write_record(Mixed::COLUMNS).unwrap();
        let expected = String::from_utf8(expected.into_inner().unwrap()).unwrap();
        let written = String::from_utf8(to_csv(&rows, Formulas::Raw).unwrap()).unwrap();
        assert_eq!(written, expected + &serialized(&rows));
    }

    /// A text as [`Formulas::Neutralize`] makes it.
    fn neutralized(text: &str) -> String {
        if is_formula(text.as_bytes()) {
            format!("'{text}")
        } else {
            text.to_string()
        }
    }

    proptest! {
        #[test]
        fn joined_cell_is_the_cell_of_the_joined_text(
            parts in prop::collection::vec(text(), 0..4),
            separator in prop::sample::select(vec!["; ", ",", "\"", "="]),
        ) {
            for formulas in [Formulas::Raw, Formulas::Neutralize] {
                let mut expected = b"x,".to_vec();
                text_cell(&mut expected, &parts.join(separator), formulas);
                let mut written = b"x,".to_vec();
                joined_cell(&mut written, &parts, separator, formulas);
                prop_assert_eq!(&written, &expected);
            }
        }

        #[test]
        fn cells_as_serde_and_the_csv_crate_write_them(
            texts in prop::collection::vec((text(), text(), number()), 1..6),
        ) {
            let rows: Vec<Mixed> = texts
                .iter()
                .enumerate()
                .map(|(i, (a, b, ratio))| mixed(a, b, *ratio, i))
                .collect();
            prop_assert_eq!(appended(&rows, Formulas::Raw), serialized(&rows));
            // Neutralizing is writing text cells neutralized, numbers as they are.
            let safe: Vec<(String, String)> = texts
                .iter()
                .map(|(a, b, _)| (neutralized(a), neutralized(b)))
                .collect();
            let safe_rows: Vec<Mixed> = safe
                .iter()
                .zip(&texts)
                .enumerate()
                .map(|(i, ((a, b), (.., ratio)))| mixed(a, b, *ratio, i))
                .collect();
            prop_assert_eq!(appended(&rows, Formulas::Neutralize), serialized(&safe_rows));
        }
    }
}
