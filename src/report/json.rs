//! JSON serialization of the report.

use crate::swar::{append_unless_any, bytes_below, equal_bytes};
use serde::Serialize;
use std::collections::BTreeSet;

/// Pretty-printed JSON with a final newline.
///
/// # Errors
/// When the value cannot be serialized.
pub fn to_json<T: Serialize>(value: &T) -> anyhow::Result<Vec<u8>> {
    let mut out = serde_json::to_vec_pretty(value)?;
    out.push(b'\n');
    Ok(out)
}

/// A value `report.json` holds, written by hand byte for byte as serde_json pretty-prints
/// its `Serialize` form: the report is several times the size of the corpus, and going
/// through serde costs a few thousand instructions a row. Tests hold the two equal.
pub trait PrettyJson {
    /// Appends the value as it would stand `indent` spaces deep: its inner lines two
    /// spaces deeper, its closing bracket at `indent`.
    fn write_pretty(&self, out: &mut Vec<u8>, indent: usize);
}

impl PrettyJson for str {
    fn write_pretty(&self, out: &mut Vec<u8>, _: usize) {
        string(out, self);
    }
}

impl PrettyJson for String {
    fn write_pretty(&self, out: &mut Vec<u8>, _: usize) {
        string(out, self);
    }
}

impl<T: PrettyJson + ?Sized> PrettyJson for &T {
    fn write_pretty(&self, out: &mut Vec<u8>, indent: usize) {
        (**self).write_pretty(out, indent);
    }
}

impl<T: PrettyJson> PrettyJson for Option<T> {
    fn write_pretty(&self, out: &mut Vec<u8>, indent: usize) {
        match self {
            Some(value) => value.write_pretty(out, indent),
            None => out.extend_from_slice(b"null"),
        }
    }
}

/// Integers, with `itoa` as serde_json writes them.
macro_rules! pretty_integers {
    ($($ty:ty),*) => {
        $(impl PrettyJson for $ty {
            fn write_pretty(&self, out: &mut Vec<u8>, _: usize) {
                out.extend_from_slice(itoa::Buffer::new().format(*self).as_bytes());
            }
        })*
    };
}
pretty_integers!(u64, usize);

impl PrettyJson for f64 {
    /// As serde_json writes it, through serde_json itself unless [`ten_thousandths`]
    /// writes it.
    fn write_pretty(&self, out: &mut Vec<u8>, _: usize) {
        if !ten_thousandths(out, *self) {
            serde_json::to_writer(out, self).expect("a number serializes into memory");
        }
    }
}

/// Appends `x` and returns true when it is a whole number of ten-thousandths in [-1, 1]
/// other than zero, written as `ryu`, serde_json and the `csv` crate all write it; else
/// appends nothing and returns false.
///
/// Report numbers are NPMI values, rounded so. Such a number is the double nearest to
/// `k / 10000` for an integer `k`, and no other decimal of five digits or fewer lies
/// within a rounding step of it, so its shortest round-trip digits are those of `k`:
/// they are written from `k`, without the general search for them.
pub(crate) fn ten_thousandths(out: &mut Vec<u8>, x: f64) -> bool {
    let digits = ten_thousandths_digits(x);
    if let Some(digits) = &digits {
        digits.append(out);
    }
    digits.is_some()
}

/// What [`ten_thousandths`] appends, if it appends anything.
pub(crate) fn ten_thousandths_digits(x: f64) -> Option<Block<8>> {
    let k = if x.abs() <= 1.0 {
        (x * 10_000.0 + 0.5f64.copysign(x)) as i32
    } else {
        0
    };
    // Zero (and -0.0) is left to the general writers, for its sign.
    if k == 0 || f64::from(k) / 10_000.0 != x {
        return None;
    }
    let m = k.unsigned_abs();
    let whole = u32::from(m >= 10_000);
    let fraction = m - whole * 10_000;
    let (high, low) = (fraction / 100, fraction % 100);
    let sign = u8::from(k < 0);
    let mut bytes = [b'-'; 8];
    let [h1, h2] = two_digits(high);
    let [l1, l2] = two_digits(low);
    bytes[usize::from(sign)..][..6].copy_from_slice(&[b'0' + whole as u8, b'.', h1, h2, l1, l2]);
    // At least one digit after the point, and no trailing zero after it.
    let zeros = match (low, high % 10) {
        (0, 0) => 3,
        (0, _) => 2,
        _ => usize::from(low % 10 == 0),
    };
    Some(Block {
        bytes,
        len: usize::from(sign) + 6 - zeros,
    })
}

/// The two digits of `n`, below 100, read from a table rather than worked out by division.
fn two_digits(n: u32) -> [u8; 2] {
    const PAIRS: [[u8; 2]; 100] = {
        let mut pairs = [[0; 2]; 100];
        let mut n = 0;
        while n < 100 {
            pairs[n] = [b'0' + (n / 10) as u8, b'0' + (n % 10) as u8];
            n += 1;
        }
        pairs
    };
    PAIRS[n as usize]
}

/// The digits of `n`, as `itoa` (and so serde_json and the `csv` crate) writes them.
pub(crate) fn decimal(n: u64) -> Block<20> {
    let mut bytes = [0; 20];
    let start = digits_before(&mut bytes, 20, n);
    bytes.copy_within(start.., 0);
    Block {
        bytes,
        len: 20 - start,
    }
}

/// Writes the digits of `n` as `itoa` writes them, ending before `end` in `block`, two at a
/// time; returns where they start.
pub(crate) fn digits_before(block: &mut [u8], end: usize, mut n: u64) -> usize {
    let mut at = end;
    while n >= 100 {
        at -= 2;
        block[at..at + 2].copy_from_slice(&two_digits((n % 100) as u32));
        n /= 100;
    }
    if n >= 10 {
        at -= 2;
        block[at..at + 2].copy_from_slice(&two_digits(n as u32));
    } else {
        at -= 1;
        block[at] = b'0' + n as u8;
    }
    at
}

/// Up to `N` bytes kept in a block of `N`, appended as one copy of the whole block cut
/// to their length: a copy of a length known when compiling takes a few moves, where one
/// of any other length takes a call.
#[derive(Clone, Copy)]
pub(crate) struct Block<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> Block<N> {
    /// A block holding `text`.
    pub(crate) fn new(text: &str) -> Block<N> {
        assert!(text.len() <= N, "text longer than its block: {text:?}");
        let mut bytes = [0; N];
        bytes[..text.len()].copy_from_slice(text.as_bytes());
        Block {
            bytes,
            len: text.len(),
        }
    }

    /// The bytes held.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    /// Appends the bytes held.
    #[inline(always)]
    pub(crate) fn append(&self, out: &mut Vec<u8>) {
        let end = out.len() + self.len;
        out.extend_from_slice(&self.bytes);
        out.truncate(end);
    }
}

impl<T: PrettyJson> PrettyJson for [T] {
    fn write_pretty(&self, out: &mut Vec<u8>, indent: usize) {
        array(out, indent, self);
    }
}

impl<T: PrettyJson> PrettyJson for Vec<T> {
    fn write_pretty(&self, out: &mut Vec<u8>, indent: usize) {
        array(out, indent, self);
    }
}

impl<T: PrettyJson> PrettyJson for BTreeSet<T> {
    fn write_pretty(&self, out: &mut Vec<u8>, indent: usize) {
        array(out, indent, self);
    }
}

/// Writes the elements of a sequence as a pretty-printed array, `[]` when there is none.
fn array<T: PrettyJson>(out: &mut Vec<u8>, indent: usize, elements: impl IntoIterator<Item = T>) {
    let mut array = ArrayWriter::open(out, indent + 2);
    for element in elements {
        array.push(out, &element);
    }
    array.close(out);
}

/// How serde_json escapes each byte of a string: 0 for none, `u` for `\u00XX`, else the
/// letter after the backslash.
static ESCAPE: [u8; 256] = {
    let mut table = [0; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = b'u';
        byte += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0A] = b'n';
    table[0x0C] = b'f';
    table[0x0D] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// Appends a JSON string: quotes, backslashes and control characters escaped as
/// serde_json escapes them, everything else as it is.
fn string(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.push(b'"');
    let to_escape =
        |word| bytes_below(word, 0x20) | equal_bytes(word, b'"') | equal_bytes(word, b'\\');
    if !append_unless_any(out, bytes, to_escape) {
        escaped(out, bytes);
    }
    out.push(b'"');
}

/// Appends the bytes of a string that holds something to escape.
fn escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut start = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        let escape = ESCAPE[usize::from(byte)];
        if escape == 0 {
            continue;
        }
        out.extend_from_slice(&bytes[start..i]);
        if escape == b'u' {
            let (high, low) = (HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 0xF)]);
            out.extend_from_slice(&[b'\\', b'u', b'0', b'0', high, low]);
        } else {
            out.extend_from_slice(&[b'\\', escape]);
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

/// A comma, a line feed and spaces: the start of an element's line.
const BREAK: &[u8; 66] = b",\n                                                                ";

/// Starts a line `indent` spaces deep for an element, after a comma unless it is the
/// first. The whole of [`BREAK`] is copied and the end cut off, as a copy of a length
/// known when compiling takes a few moves where one of any other length takes a call.
fn element_line(out: &mut Vec<u8>, first: bool, indent: usize) {
    let spaces_at_hand = BREAK.len() - 2;
    let end = out.len() + 2 + indent.min(spaces_at_hand) - usize::from(first);
    if first {
        out.extend_from_slice(&BREAK[1..]);
    } else {
        out.extend_from_slice(BREAK);
    }
    out.truncate(end);
    out.resize(end + indent.saturating_sub(spaces_at_hand), b' ');
}

/// A pretty-printed JSON object written a field at a time.
pub(crate) struct Object<'o> {
    out: &'o mut Vec<u8>,
    indent: usize,
    empty: bool,
}

impl<'o> Object<'o> {
    /// Opens an object standing `indent` spaces deep.
    pub(crate) fn open(out: &'o mut Vec<u8>, indent: usize) -> Object<'o> {
        out.push(b'{');
        Object {
            out,
            indent,
            empty: true,
        }
    }

    /// An object opened earlier, some fields already written: how an object is put
    /// together from pieces prepared apart.
    pub(crate) fn resume(out: &'o mut Vec<u8>, indent: usize) -> Object<'o> {
        Object {
            out,
            indent,
            empty: false,
        }
    }

    /// Appends a field, its key given as JSON with the `": "` after it (`"name": `).
    /// Inlined, so that a key's bytes (known when compiling) are copied without a call.
    #[inline(always)]
    pub(crate) fn field<T: PrettyJson + ?Sized>(
        mut self,
        quoted_key: &str,
        value: &T,
    ) -> Object<'o> {
        element_line(self.out, self.empty, self.indent + 2);
        self.out.extend_from_slice(quoted_key.as_bytes());
        value.write_pretty(self.out, self.indent + 2);
        self.empty = false;
        self
    }

    /// Closes the object.
    pub(crate) fn close(self) {
        if !self.empty {
            element_line(self.out, true, self.indent);
        }
        self.out.push(b'}');
    }
}

/// Implements [`PrettyJson`] for a struct from its fields in declaration order, each
/// written under its own name as serde names it (a Rust name needs no escaping).
macro_rules! pretty_json_struct {
    ($name:ident { $($field:ident),* $(,)? }) => {
        impl $crate::report::json::PrettyJson for $name<'_> {
            fn write_pretty(&self, out: &mut Vec<u8>, indent: usize) {
                $crate::report::json::Object::open(out, indent)
                    $(.field(concat!("\"", stringify!($field), "\": "), &self.$field))*
                    .close();
            }
        }
    };
}
pub(crate) use pretty_json_struct;

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
    pub fn push<T: PrettyJson + ?Sized>(&mut self, out: &mut Vec<u8>, value: &T) {
        element_line(out, self.empty, self.indent);
        self.empty = false;
        value.write_pretty(out, self.indent);
    }

    /// Counts an element whose writer starts its line itself, from prepared bytes that
    /// begin as [`ArrayWriter::push`] would begin it after another element (a comma, a
    /// line break and `indent` spaces); tells whether it is the first, whose line starts
    /// without the comma.
    pub fn push_prepared(&mut self, indent: usize) -> bool {
        assert_eq!(indent, self.indent, "element prepared for another depth");
        std::mem::replace(&mut self.empty, false)
    }

    /// Closes the array.
    pub fn close(self, out: &mut Vec<u8>) {
        if !self.empty {
            element_line(out, true, self.indent.saturating_sub(2));
        }
        out.push(b']');
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Text with what a writer must take care of: quotes, backslashes, control
    /// characters, CSV separators, spreadsheet formula starts, non-ASCII.
    pub(crate) fn text() -> impl Strategy<Value = String> {
        let special = prop_oneof![
            (0u8..0x20).prop_map(char::from),
            prop::sample::select(vec![
                '"', '\\', ',', '=', '+', '-', '@', ' ', '\u{7f}', 'é', '’', '\u{2028}', '🦀',
            ]),
        ];
        let chars = prop_oneof![3 => any::<char>(), 2 => special, 5 => prop::char::range('a', 'z')];
        prop::collection::vec(chars, 0..24).prop_map(String::from_iter)
    }

    /// Numbers as the reports hold them, and the ones serde_json writes as `null`.
    pub(crate) fn number() -> impl Strategy<Value = f64> {
        prop_oneof![
            (-10_000i32..=10_000).prop_map(|n| f64::from(n) / 10_000.0),
            any::<f64>(),
            prop::sample::select(vec![0.0, -0.0, 1e-7, 1e21, f64::NAN, f64::INFINITY]),
        ]
    }

    /// serde_json's pretty form of `value`, as it stands `indent` spaces deep.
    pub(crate) fn serde_pretty<T: Serialize>(value: &T, indent: usize) -> String {
        let whole = serde_json::to_string_pretty(value).unwrap();
        whole.replace('\n', &format!("\n{}", " ".repeat(indent)))
    }

    /// The hand-written form of `value`, `indent` spaces deep.
    pub(crate) fn written<T: PrettyJson + ?Sized>(value: &T, indent: usize) -> String {
        let mut out = Vec::new();
        value.write_pretty(&mut out, indent);
        String::from_utf8(out).unwrap()
    }

    #[derive(Serialize)]
    struct Inner<'a> {
        name: &'a str,
        list: Vec<String>,
    }
    pretty_json_struct!(Inner { name, list });

    #[derive(Serialize)]
    struct Sample<'a> {
        text: &'a str,
        owned: String,
        maybe: Option<&'a str>,
        count: u64,
        size: usize,
        ratio: f64,
        names: &'a [String],
        set: BTreeSet<String>,
        inner: Vec<Inner<'a>>,
    }
    pretty_json_struct!(Sample {
        text,
        owned,
        maybe,
        count,
        size,
        ratio,
        names,
        set,
        inner
    });

    proptest! {
        #[test]
        fn strings_escaped_as_serde_json_escapes_them(s in text()) {
            prop_assert_eq!(written(s.as_str(), 0), serde_json::to_string(&s).unwrap());
        }

        #[test]
        fn numbers_as_serde_json_writes_them(x in number(), n in any::<u64>()) {
            prop_assert_eq!(written(&x, 0), serde_json::to_string(&x).unwrap());
            prop_assert_eq!(written(&n, 0), serde_json::to_string(&n).unwrap());
        }

        #[test]
        fn decimal_digits_as_itoa_writes_them(n in prop_oneof![0u64..1000, any::<u64>()]) {
            let mut out = b"x".to_vec();
            decimal(n).append(&mut out);
            let mut digits = itoa::Buffer::new();
            prop_assert_eq!(&out[1..], digits.format(n).as_bytes());
        }

        #[test]
        fn numbers_beside_ten_thousandths_as_serde_json_writes_them(
            k in -10_001i32..=10_001,
            step in -3i64..=3,
        ) {
            let x = f64::from_bits((f64::from(k) / 10_000.0).to_bits().wrapping_add_signed(step));
            prop_assert_eq!(written(&x, 0), serde_json::to_string(&x).unwrap());
        }


        #[test]
        fn structs_as_serde_json_pretty_prints_them(
            strings in prop::collection::vec(text(), 0..4),
            maybe in prop::option::of(text()),
            ratio in number(),
            count in any::<u64>(),
            indent in 0usize..80,
        ) {
            let first = strings.first().cloned().unwrap_or_default();
            let inner: Vec<Inner> = strings
                .iter()
                .map(|name| Inner { name, list: strings.clone() })
                .collect();
            let sample = Sample {
                text: &first,
                owned: first.clone(),
                maybe: maybe.as_deref(),
                count,
                size: strings.len(),
                ratio,
                names: &strings,
                set: strings.iter().cloned().collect(),
                inner,
            };
            prop_assert_eq!(written(&sample, indent), serde_pretty(&sample, indent));
        }
    }

    #[test]
    fn every_ten_thousandth_as_ryu_and_serde_json_write_it() {
        for k in -10_000..=10_000 {
            for x in [f64::from(k) / 10_000.0, f64::from(k) * 0.0001] {
                let mut out = Vec::new();
                if ten_thousandths(&mut out, x) {
                    assert_eq!(out, ryu::Buffer::new().format(x).as_bytes(), "{x}");
                    assert_eq!(out, serde_json::to_vec(&x).unwrap(), "{x}");
                } else {
                    // Left to the general writers: zero, or not the nearest double.
                    assert!(k == 0 || x != f64::from(k) / 10_000.0, "{x}");
                }
            }
        }
    }

    #[test]
    fn an_array_written_piece_by_piece_is_the_whole_one() {
        let names = vec!["a\nb".to_string(), String::new()];
        let elements = [
            Inner {
                name: "x",
                list: names.clone(),
            },
            Inner {
                name: "",
                list: Vec::new(),
            },
        ];
        for indent in [2, 4, 70] {
            let mut out = Vec::new();
            let mut array = ArrayWriter::open(&mut out, indent);
            for element in &elements {
                array.push(&mut out, element);
            }
            array.close(&mut out);
            let expected = serde_pretty(&elements, indent - 2);
            assert_eq!(String::from_utf8(out).unwrap(), expected);
        }
        let mut out = Vec::new();
        ArrayWriter::open(&mut out, 4).close(&mut out);
        assert_eq!(out, b"[]");
    }
}
