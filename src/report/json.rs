//! JSON serialization of the report.

use serde::Serialize;
use serde_json::ser::Formatter;
use std::io;

/// Pretty-printed JSON with a final newline.
///
/// # Errors
/// When the value cannot be serialized.
pub fn to_json<T: Serialize>(value: &T) -> anyhow::Result<Vec<u8>> {
    let mut out = serde_json::to_vec_pretty(value)?;
    out.push(b'\n');
    Ok(out)
}

/// Appends `value` pretty-printed as [`to_json`] would print it `indent` spaces deep
/// (without the final newline), straight into `out`.
///
/// # Errors
/// When the value cannot be serialized.
pub fn append_pretty<T: Serialize>(
    out: &mut Vec<u8>,
    value: &T,
    indent: usize,
) -> anyhow::Result<()> {
    let formatter = Nested {
        indent,
        has_value: false,
    };
    value.serialize(&mut serde_json::Serializer::with_formatter(out, formatter))?;
    Ok(())
}

/// serde_json's pretty printing (two spaces a level), starting `indent` spaces deep.
struct Nested {
    /// Spaces before a line at the current depth.
    indent: usize,
    /// Whether the array or object being written has an element yet.
    has_value: bool,
}

/// Writes a line feed and `n` spaces.
fn new_line<W: ?Sized + io::Write>(writer: &mut W, n: usize) -> io::Result<()> {
    const SPACES: &[u8; 65] = b"\n                                                                ";
    writer.write_all(&SPACES[..(n + 1).min(SPACES.len())])?;
    for _ in SPACES.len()..=n {
        writer.write_all(b" ")?;
    }
    Ok(())
}

impl Nested {
    /// Opens an array or object: one level deeper, no element yet.
    fn open<W: ?Sized + io::Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.indent += 2;
        self.has_value = false;
        writer.write_all(bracket)
    }

    /// Closes an array or object, on a line of its own unless it is empty.
    fn close<W: ?Sized + io::Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.indent -= 2;
        if self.has_value {
            new_line(writer, self.indent)?;
        }
        writer.write_all(bracket)
    }

    /// Starts an element or a key on a new line, after a comma unless it is the first.
    fn element<W: ?Sized + io::Write>(&self, writer: &mut W, first: bool) -> io::Result<()> {
        if !first {
            writer.write_all(b",")?;
        }
        new_line(writer, self.indent)
    }
}

impl Formatter for Nested {
    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.element(writer, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.element(writer, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// A pretty-printed JSON array written one element at a time, byte for byte as
/// [`to_json`] prints a whole one: elements `indent` spaces deep, the closing bracket two
/// less.
#[derive(Debug)]
pub struct ArrayWriter {
    indent: usize,
    empty: bool,
}

impl ArrayWriter {
    /// Opens an array whose elements sit `indent` spaces deep (at least 2).
    pub fn open(out: &mut Vec<u8>, indent: usize) -> ArrayWriter {
        out.push(b'[');
        ArrayWriter {
            indent,
            empty: true,
        }
    }

    /// Appends an element.
    ///
    /// # Errors
    /// When the value cannot be serialized.
    pub fn push<T: Serialize>(&mut self, out: &mut Vec<u8>, value: &T) -> anyhow::Result<()> {
        out.extend_from_slice(if self.empty { b"\n" } else { b",\n" });
        out.resize(out.len() + self.indent, b' ');
        self.empty = false;
        append_pretty(out, value, self.indent)
    }

    /// Closes the array.
    pub fn close(self, out: &mut Vec<u8>) {
        if !self.empty {
            out.push(b'\n');
            out.resize(out.len() + self.indent.saturating_sub(2), b' ');
        }
        out.push(b']');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_array_written_piece_by_piece_is_the_whole_one() {
        let value = serde_json::json!({
            "a": "x\ny",
            "list": [{"k": [1, 2], "e": []}, {"k": [], "e": {}}],
            "none": [],
        });
        let whole = to_json(&serde_json::json!({"outer": [&value, &value]})).unwrap();
        let mut out = b"{\n  \"outer\": ".to_vec();
        let mut array = ArrayWriter::open(&mut out, 4);
        array.push(&mut out, &value).unwrap();
        array.push(&mut out, &value).unwrap();
        array.close(&mut out);
        out.extend_from_slice(b"\n}\n");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            String::from_utf8(whole).unwrap()
        );
        let mut deep = serde_json::json!("leaf");
        for i in 0..40 {
            deep = serde_json::json!({ "level": i, "inner": [deep] });
        }
        let mut out = Vec::new();
        let mut array = ArrayWriter::open(&mut out, 4);
        array.push(&mut out, &deep).unwrap();
        array.close(&mut out);
        let whole = String::from_utf8(serde_json::to_vec_pretty(&[&deep]).unwrap()).unwrap();
        let indented = whole.replace('\n', "\n  ");
        assert_eq!(String::from_utf8(out).unwrap(), indented);
        let mut out = Vec::new();
        ArrayWriter::open(&mut out, 4).close(&mut out);
        assert_eq!(out, b"[]");
    }
}
