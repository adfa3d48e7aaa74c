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
use std::borrow::Cow;

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
/// When it cannot be serialized.
pub fn header<T: CsvRow>() -> anyhow::Result<Vec<u8>> {
    let mut w = ::csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    w.write_record(T::COLUMNS)?;
    w.into_inner().map_err(|e| anyhow::anyhow!(e.to_string()))
}

/// Appends rows (no header) to `out`: what [`to_csv`] writes after its header, so a
/// report can be written a few rows at a time.
///
/// # Errors
/// When a row cannot be serialized.
pub fn append<'r, T: CsvRow + 'r>(
    out: &mut Vec<u8>,
    rows: impl IntoIterator<Item = &'r T>,
    formulas: Formulas,
) -> anyhow::Result<()> {
    let mut w = ::csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(out);
    for row in rows {
        match formulas {
            Formulas::Neutralize => w.serialize(Neutral(row))?,
            Formulas::Raw => w.serialize(row)?,
        }
    }
    w.flush()?;
    Ok(())
}

/// `text` as a spreadsheet will not run it. A lone trigger character (`-`, the path of
/// standard input) is left alone: with nothing after it there is no formula.
fn neutralize(text: &str) -> Cow<'_, str> {
    if text.len() > 1 && text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A value serialized with its strings neutralized.
struct Neutral<T>(T);

impl<T: Serialize> Serialize for Neutral<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(NeutralSerializer(serializer))
    }
}

/// Passes everything to the CSV serializer unchanged except strings, which it
/// neutralizes. Rows are flat (scalars, strings and options of them), so nested
/// sequences and maps are refused rather than passed through unchecked.
struct NeutralSerializer<S>(S);

/// Forwards scalar methods to the inner serializer as they are.
macro_rules! forward {
    ($($method:ident($ty:ty)),* $(,)?) => {
        $(fn $method(self, v: $ty) -> Result<S::Ok, S::Error> {
            self.0.$method(v)
        })*
    };
}

fn not_flat<E: ser::Error>() -> E {
    E::custom("report rows hold only scalars, strings and options")
}

impl<S: Serializer> Serializer for NeutralSerializer<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Impossible<S::Ok, S::Error>;
    type SerializeTuple = Impossible<S::Ok, S::Error>;
    type SerializeTupleStruct = Impossible<S::Ok, S::Error>;
    type SerializeTupleVariant = Impossible<S::Ok, S::Error>;
    type SerializeMap = Impossible<S::Ok, S::Error>;
    type SerializeStruct = NeutralStruct<S::SerializeStruct>;
    type SerializeStructVariant = Impossible<S::Ok, S::Error>;

    forward!(
        serialize_bool(bool),
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
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_bytes(&[u8]),
    );

    fn serialize_str(self, v: &str) -> Result<S::Ok, S::Error> {
        self.0.serialize_str(&neutralize(v))
    }

    fn serialize_none(self) -> Result<S::Ok, S::Error> {
        self.0.serialize_none()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<S::Ok, S::Error> {
        self.0.serialize_some(&Neutral(value))
    }

    fn serialize_unit(self) -> Result<S::Ok, S::Error> {
        self.0.serialize_unit()
    }

    fn serialize_unit_struct(self, name: &'static str) -> Result<S::Ok, S::Error> {
        self.0.serialize_unit_struct(name)
    }

    fn serialize_unit_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
    ) -> Result<S::Ok, S::Error> {
        self.0.serialize_unit_variant(name, index, variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        self.0.serialize_newtype_struct(name, &Neutral(value))
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<S::Ok, S::Error> {
        Err(not_flat())
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        Err(not_flat())
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, S::Error> {
        Err(not_flat())
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, S::Error> {
        Err(not_flat())
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        Err(not_flat())
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        Err(not_flat())
    }

    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        self.0.serialize_struct(name, len).map(NeutralStruct)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        Err(not_flat())
    }
}

/// A row's fields, each neutralized on its way to the CSV serializer.
struct NeutralStruct<S>(S);

impl<S: ser::SerializeStruct> ser::SerializeStruct for NeutralStruct<S> {
    type Ok = S::Ok;
    type Error = S::Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), S::Error> {
        self.0.serialize_field(key, &Neutral(value))
    }

    fn end(self) -> Result<S::Ok, S::Error> {
        self.0.end()
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
            ("\r=x", "'\r=x"),
            ("-", "-"),
            ("", ""),
            ("a=b", "a=b"),
            (" =x", " =x"),
        ] {
            assert_eq!(neutralize(text), expected, "{text:?}");
        }
    }
}
