//! CSV serialization of report rows, safe to open in a spreadsheet.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (a tab
//! or carriage return can lead into one), so a post quoting a talk called
//! `=HYPERLINK("https://evil.example", "slides")` would put a live formula in front of
//! whoever opens `talks.csv`. Following the OWASP guidance on CSV injection, such text
//! cells get a leading `'`, which spreadsheets show as text and hide. The check is made
//! while serializing, where serde says which cells are text, so numbers (a negative
//! NPMI) stay numbers. [`Formulas::Raw`] turns it off for programs reading the CSV.

use super::rows::CsvRow;
use serde::ser::{self, Impossible, Serialize, Serializer};

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
/// When a row cannot be serialized.
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
        cell(&mut out, column.as_bytes());
    }
    out.push(b'\n');
    Ok(out)
}

/// Appends rows (no header) to `out`: what [`to_csv`] writes after its header, so a
/// report can be written a few rows at a time.
///
/// Cells are written as the `csv` crate writes them by default (comma-separated, quoted
/// only when they hold a comma, a quote, a carriage return or a line feed, quotes
/// doubled, `\n` after each row), straight into `out`.
///
/// # Errors
/// When a row cannot be serialized.
pub fn append<T: CsvRow>(
    out: &mut Vec<u8>,
    rows: impl IntoIterator<Item = T>,
    formulas: Formulas,
) -> anyhow::Result<()> {
    for row in rows {
        row.serialize(&mut Cells {
            out: &mut *out,
            formulas,
            first: true,
        })?;
        out.push(b'\n');
    }
    Ok(())
}

/// Whether a cell needs quotes.
fn needs_quotes(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .any(|&b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
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

/// Appends a cell as it is, quoted if need be.
fn cell(out: &mut Vec<u8>, bytes: &[u8]) {
    if needs_quotes(bytes) {
        out.push(b'"');
        quoted_body(out, bytes);
        out.push(b'"');
    } else {
        out.extend_from_slice(bytes);
    }
}

/// Whether a spreadsheet would run `text` as a formula. A lone trigger character (`-`,
/// the path of standard input) is left alone: with nothing after it there is no formula.
fn is_formula(text: &str) -> bool {
    text.len() > 1 && text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Appends a text cell, prefixed with `'` when a spreadsheet would run it (unless
/// `formulas` is [`Formulas::Raw`]).
fn text_cell(out: &mut Vec<u8>, text: &str, formulas: Formulas) {
    if formulas == Formulas::Raw || !is_formula(text) {
        return cell(out, text.as_bytes());
    }
    let quote = needs_quotes(text.as_bytes());
    if quote {
        out.push(b'"');
    }
    out.push(b'\'');
    quoted_body(out, text.as_bytes());
    if quote {
        out.push(b'"');
    }
}

/// Writes one row's cells into a buffer. Rows are flat (scalars, strings and options
/// of them), so nested sequences and maps are refused.
struct Cells<'o> {
    out: &'o mut Vec<u8>,
    formulas: Formulas,
    /// No cell of the row written yet.
    first: bool,
}

type Error = serde::de::value::Error;

fn not_flat() -> Error {
    ser::Error::custom("report rows hold only scalars, strings and options")
}

/// Writes integers with `itoa`, as the `csv` crate does.
macro_rules! integers {
    ($($method:ident($ty:ty)),* $(,)?) => {
        $(fn $method(self, v: $ty) -> Result<(), Error> {
            self.out.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
            Ok(())
        })*
    };
}

impl Serializer for &mut Cells<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), Error>;

    integers!(
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_i128(i128),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_u128(u128),
    );

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }

    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.out
            .extend_from_slice(ryu::Buffer::new().format(v).as_bytes());
        Ok(())
    }

    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.out
            .extend_from_slice(ryu::Buffer::new().format(v).as_bytes());
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), Error> {
        cell(self.out, v.encode_utf8(&mut [0; 4]).as_bytes());
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        text_cell(self.out, v, self.formulas);
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        cell(self.out, v);
        Ok(())
    }

    fn serialize_none(self) -> Result<(), Error> {
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        Ok(())
    }

    fn serialize_unit_struct(self, name: &'static str) -> Result<(), Error> {
        cell(self.out, name.as_bytes());
        Ok(())
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        cell(self.out, variant.as_bytes());
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        Err(not_flat())
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(not_flat())
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(not_flat())
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(not_flat())
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(not_flat())
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(not_flat())
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Error> {
        if !self.first {
            return Err(not_flat());
        }
        Ok(self)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(not_flat())
    }
}

impl ser::SerializeStruct for &mut Cells<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        value.serialize(&mut **self)
    }

    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::rows::PairRow;

    fn pair(entity_a: &str, npmi: f64) -> PairRow<'_> {
        PairRow {
            window: "sentence",
            kind_a: "project",
            entity_a,
            kind_b: "person",
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

    #[derive(serde::Serialize)]
    struct Mixed<'a> {
        text: &'a str,
        number: u64,
        signed: i32,
        ratio: f64,
        flag: bool,
        maybe: Option<&'a str>,
    }

    impl CsvRow for Mixed<'_> {
        const COLUMNS: &'static [&'static str] =
            &["text", "number", "signed", "ratio", "flag", "maybe"];
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
        let rows: Vec<Mixed> = texts
            .iter()
            .enumerate()
            .map(|(i, &text)| Mixed {
                text,
                number: i as u64 * 1_000_003,
                signed: -(i as i32),
                ratio: [1.0, -0.5, 0.0001, -0.0, 0.3691, 1e-7][i % 6],
                flag: i % 2 == 0,
                maybe: (i % 3 != 0).then_some(text),
            })
            .collect();
        let mut expected = ::csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::new());
        expected.write_record(Mixed::COLUMNS).unwrap();
        for row in &rows {
            expected.serialize(row).unwrap();
        }
        let expected = expected.into_inner().unwrap();
        let written = to_csv(&rows, Formulas::Raw).unwrap();
        assert_eq!(
            String::from_utf8(written).unwrap(),
            String::from_utf8(expected).unwrap()
        );
    }
}
