//! Bytes to text: encodings, binary files, line ends and invisible characters.
//!
//! Posts come from scrapes, exports and old blogs, so decoding is forgiving where the
//! text is still readable (invalid UTF-8 and unpaired UTF-16 surrogates become
//! replacement characters, with a warning) and strict where it is not text at all
//! (NUL bytes, UTF-32 code units that are no character): those files are refused with a
//! reason instead of feeding garbage to the rules.

use crate::swar::{HIGHS, bytes_below, equal_bytes, first_flagged};
use std::borrow::Cow;

/// Byte-order marks, longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
const UTF32_LE: &[u8] = &[0xFF, 0xFE, 0x00, 0x00];
const UTF32_BE: &[u8] = &[0x00, 0x00, 0xFE, 0xFF];
const UTF16_LE: &[u8] = &[0xFF, 0xFE];
const UTF16_BE: &[u8] = &[0xFE, 0xFF];
const UTF8: &[u8] = &[0xEF, 0xBB, 0xBF];

/// Decodes a post's bytes by their byte-order mark (UTF-8 without one), pushing a
/// warning for each lossy repair.
///
/// # Errors
/// A message saying why the bytes are not text: NUL bytes in a file without a UTF-16 or
/// UTF-32 mark, or a UTF-32 file holding a code unit that is no character.
pub(super) fn decode<'a>(
    bytes: &'a [u8],
    warnings: &mut Vec<String>,
) -> Result<Cow<'a, str>, String> {
    if let Some(rest) = bytes.strip_prefix(UTF32_LE) {
        return decode_utf32(rest, u32::from_le_bytes).map(Cow::Owned);
    }
    if let Some(rest) = bytes.strip_prefix(UTF32_BE) {
        return decode_utf32(rest, u32::from_be_bytes).map(Cow::Owned);
    }
    if let Some(rest) = bytes.strip_prefix(UTF16_LE) {
        return Ok(Cow::Owned(decode_utf16(rest, u16::from_le_bytes, warnings)));
    }
    if let Some(rest) = bytes.strip_prefix(UTF16_BE) {
        return Ok(Cow::Owned(decode_utf16(rest, u16::from_be_bytes, warnings)));
    }
    let bytes = bytes.strip_prefix(UTF8).unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err("binary file (contains NUL bytes), skipped".to_string());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Cow::Borrowed(s)),
        Err(e) => {
            warnings.push(format!(
                "invalid UTF-8 at byte {}: decoded with replacement characters",
                e.valid_up_to()
            ));
            Ok(String::from_utf8_lossy(bytes))
        }
    }
}

/// UTF-16 after its mark: unpaired surrogates and a trailing odd byte are repaired with
/// a warning, as invalid UTF-8 is.
fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16, warnings: &mut Vec<String>) -> String {
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut text = String::with_capacity(bytes.len());
    let mut repaired = false;
    for r in char::decode_utf16(units) {
        text.push(r.unwrap_or_else(|_| {
            repaired = true;
            char::REPLACEMENT_CHARACTER
        }));
    }
    if repaired {
        warnings.push(
            "invalid UTF-16 (unpaired surrogate): decoded with replacement characters".into(),
        );
    }
    if bytes.len() % 2 == 1 {
        warnings.push("UTF-16 text ends in half a character: last byte dropped".into());
    }
    text
}

/// UTF-32 after its mark. A code unit that is no character means the file is not
/// really UTF-32 (or is damaged beyond repair), so it is refused rather than guessed at.
fn decode_utf32(bytes: &[u8], unit: fn([u8; 4]) -> u32) -> Result<String, String> {
    let fix = "re-save it as UTF-8";
    if bytes.len() % 4 != 0 {
        return Err(format!(
            "not valid UTF-32 (has a UTF-32 byte-order mark but its length is not a multiple of 4 bytes); {fix}"
        ));
    }
    bytes
        .chunks_exact(4)
        .enumerate()
        .map(|(i, c)| {
            let u = unit([c[0], c[1], c[2], c[3]]);
            char::from_u32(u).ok_or_else(|| {
                format!(
                    "not valid UTF-32 (code unit {u:#010x} at byte {} is not a character); {fix}",
                    UTF32_LE.len() + 4 * i
                )
            })
        })
        .collect()
}

/// CRLF and CR line ends become LF; zero-width and bidirectional controls (which change
/// how text displays but carry no words, and can disguise it) are removed; other control
/// characters become spaces, so neither the rules nor a terminal showing a talk title
/// ever sees an escape sequence. Borrows when there is nothing to change, which is the
/// common case and spares a copy of a large post; otherwise the text between changes is
/// copied a run at a time.
pub(super) fn normalize_text(text: &str) -> Cow<'_, str> {
    let Some(mut at) = next_change(text, 0) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    loop {
        out.push_str(&text[copied..at]);
        let c = text[at..].chars().next().expect("a character starts there");
        copied = at + c.len_utf8();
        match c {
            '\r' => {
                if text.as_bytes().get(copied) == Some(&b'\n') {
                    copied += 1;
                }
                out.push('\n');
            }
            c if invisible(c) => {}
            _ => out.push(' '),
        }
        match next_change(text, copied) {
            Some(next) => at = next,
            None => break,
        }
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// The bytes that start a character [`normalize_text`] may change: C0 controls but tab
/// and line feed, DEL, and the lead bytes of the UTF-8 forms of C1 controls and of the
/// [`invisible`] characters. Each is ASCII or a lead byte, so it starts a character.
static MAY_CHANGE: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = byte != b'\t' as usize && byte != b'\n' as usize;
        byte += 1;
    }
    table[0x7F] = true;
    table[0xC2] = true;
    table[0xD8] = true;
    table[0xE2] = true;
    table[0xEF] = true;
    table
};

/// Where the first character at or after byte `from` that [`normalize_text`] changes
/// starts. Bytes are looked up in [`MAY_CHANGE`], and only the characters they start are
/// decoded: a scan of `chars` would decode every character of the post. The scan passes
/// over printable ASCII, most of a post, eight bytes at a time.
fn next_change(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let may_change = |b: u8| MAY_CHANGE[usize::from(b)];
    let mut from = from;
    while let Some(found) = first_flagged(&bytes[from..], control_or_non_ascii, may_change) {
        let at = from + found;
        if may_change(bytes[at]) {
            let c = text[at..].chars().next()?;
            if c == '\r' || invisible(c) || control(c) {
                return Some(at);
            }
        }
        from = at + 1;
    }
    None
}

/// Flags the bytes of a word that may be in [`MAY_CHANGE`], and more: C0 controls, DEL,
/// and every byte of a non-ASCII character. The table then passes the others (a line
/// feed, a tab, a character's later bytes).
fn control_or_non_ascii(word: u64) -> u64 {
    bytes_below(word, 0x20) | equal_bytes(word, 0x7F) | word & HIGHS
}

/// Characters with no visible form of their own: zero-width spaces and joiners, marks
/// and overrides of text direction, the soft hyphen, invisible operators and the
/// byte-order mark.
pub(super) fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// C0 and C1 control characters other than tab and line feed (carriage returns are
/// handled as line ends before this is asked).
fn control(c: char) -> bool {
    c.is_control() && c != '\t' && c != '\n' && c != '\r'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8]) -> (Result<String, String>, Vec<String>) {
        let mut warnings = Vec::new();
        let text = decode(bytes, &mut warnings).map(Cow::into_owned);
        (text, warnings)
    }

    fn with_mark<const N: usize>(mark: &[u8], units: impl Iterator<Item = [u8; N]>) -> Vec<u8> {
        mark.iter().copied().chain(units.flatten()).collect()
    }

    #[test]
    fn byte_order_marks() {
        let text = "Día 1 — “PyCon” 🐍";
        let cases = [
            with_mark(UTF8, text.bytes().map(|b| [b])),
            with_mark(UTF16_LE, text.encode_utf16().map(u16::to_le_bytes)),
            with_mark(UTF16_BE, text.encode_utf16().map(u16::to_be_bytes)),
            with_mark(UTF32_LE, text.chars().map(|c| u32::from(c).to_le_bytes())),
            with_mark(UTF32_BE, text.chars().map(|c| u32::from(c).to_be_bytes())),
        ];
        for bytes in cases {
            assert_eq!(
                decoded(&bytes),
                (Ok(text.to_string()), vec![]),
                "{bytes:x?}"
            );
        }
    }

    #[test]
    fn utf16_repairs_with_warnings() {
        let mut bytes = with_mark(
            UTF16_LE,
            [0x61u16, 0xD800, 0x62].map(u16::to_le_bytes).into_iter(),
        );
        bytes.push(0x63);
        let (text, warnings) = decoded(&bytes);
        assert_eq!(text.unwrap(), "a\u{fffd}b");
        assert_eq!(warnings.len(), 2, "{warnings:?}");
    }

    #[test]
    fn utf32_refuses_non_characters() {
        let surrogate = with_mark(
            UTF32_LE,
            [0x61u32, 0xD800].map(u32::to_le_bytes).into_iter(),
        );
        let err = decoded(&surrogate).0.unwrap_err();
        assert!(err.contains("0x0000d800 at byte 8"), "{err}");
        assert!(err.contains("UTF-8"), "{err}");
        let too_big = with_mark(UTF32_BE, [0x0011_0000u32].map(u32::to_be_bytes).into_iter());
        assert!(decoded(&too_big).0.is_err());
        let ragged = [UTF32_LE, &[0x61, 0, 0]].concat();
        assert!(decoded(&ragged).0.unwrap_err().contains("multiple of 4"));
    }

    #[test]
    fn nul_bytes_and_invalid_utf8() {
        assert!(decoded(b"abc\0def").0.unwrap_err().contains("binary"));
        let (text, warnings) = decoded(b"caf\xe9 time");
        assert_eq!(text.unwrap(), "caf\u{fffd} time");
        assert_eq!(
            warnings,
            ["invalid UTF-8 at byte 3: decoded with replacement characters"]
        );
    }

    /// [`normalize_text`] as it was first written, a character at a time.
    fn normalized_by_chars(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    out.push('\n');
                }
                c if invisible(c) => {}
                c if control(c) => out.push(' '),
                c => out.push(c),
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn normalization_as_a_character_loop_does_it(
            chars in proptest::collection::vec(
                proptest::prop_oneof![
                    3 => proptest::char::range('a', 'z'),
                    2 => proptest::sample::select(vec![
                        '\r', '\n', '\t', '\0', '\x1b', '\x7f', '\u{80}', '\u{85}', '\u{9f}',
                        '\u{a0}', '\u{ad}', '\u{61c}', '\u{200b}', '\u{200f}', '\u{2010}',
                        '\u{2028}', '\u{202e}', '\u{2060}', '\u{2065}', '\u{2069}', '\u{feff}',
                        '\u{fffd}', 'é', '’', '“', '🦀',
                    ]),
                    1 => proptest::prelude::any::<char>(),
                ],
                0..40,
            ),
        ) {
            let text = String::from_iter(chars);
            let normalized = normalize_text(&text);
            proptest::prop_assert_eq!(&*normalized, normalized_by_chars(&text));
            proptest::prop_assert_eq!(matches!(normalized, Cow::Borrowed(_)), normalized == text);
        }
    }

    #[test]
    fn normalization() {
        assert_eq!(normalize_text("a\r\nb\rc\n"), "a\nb\nc\n");
        assert_eq!(
            normalize_text(
                "\u{feff}Ku\u{ad}ber\u{200b}netes \u{202e}gnp.exe\u{202c} \u{2066}x\u{2069}"
            ),
            "Kubernetes gnp.exe x"
        );
        assert_eq!(
            normalize_text("a\x1b[31mred\x07\x0cb\u{85}c\td"),
            "a [31mred  b c\td"
        );
        assert!(matches!(normalize_text("plain\ttext\n"), Cow::Borrowed(_)));
    }
}
