//! JSON serialization of the report.

use serde::Serialize;

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
/// (without the final newline). JSON strings hold no raw newline, so indenting every line
/// after the first is all it takes.
///
/// # Errors
/// When the value cannot be serialized.
pub fn append_pretty<T: Serialize>(
    out: &mut Vec<u8>,
    value: &T,
    indent: usize,
) -> anyhow::Result<()> {
    let bytes = serde_json::to_vec_pretty(value)?;
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        out.extend_from_slice(line);
        if line.ends_with(b"\n") {
            out.resize(out.len() + indent, b' ');
        }
    }
    Ok(())
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
        let mut out = Vec::new();
        ArrayWriter::open(&mut out, 4).close(&mut out);
        assert_eq!(out, b"[]");
    }
}
