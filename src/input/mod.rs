//! Reading posts: files, directories and standard input, in plain text, Markdown or
//! HTML, into a [`Document`] whose text every later stage indexes by byte.
//!
//! This is the only module that touches the file system. Markup is reduced to plain text
//! laid out the way people write recaps by hand: headings on their own line, paragraphs
//! and headings separated by a blank line, list items as `- item` lines, link text kept
//! in place with the target kept aside as metadata.

mod decode;
mod discover;
mod html;
mod markdown;
mod read;
mod size;

pub use discover::discover;
pub use read::load;
pub use size::ByteSize;

use crate::span::Span;
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// The markup a post is written in, chosen by file extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// `.txt` and anything unrecognised: taken as written.
    Text,
    /// `.md` / `.markdown`.
    Markdown,
    /// `.html` / `.htm`.
    Html,
}

/// A heading found by the markup parser (plain text headings are found by `layout`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    /// The heading's text, without markup, in [`Document::text`].
    pub span: Span,
    /// 1 for `#`/`<h1>`, up to 6.
    pub level: u8,
}

/// A hyperlink: its visible text stays in the document, its target is kept here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The link text in [`Document::text`].
    pub span: Span,
    /// The URL the link points to, as written.
    pub target: String,
}

/// The plain text a markup reader produces, with what the markup said about it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Converted {
    /// Plain text laid out as described in the module docs.
    pub text: String,
    /// Headings, in text order.
    pub headings: Vec<Heading>,
    /// Links, in text order.
    pub links: Vec<Link>,
    /// Inline code (`` `x` `` or `<code>`), in text order.
    pub code_spans: Vec<Span>,
    /// Emphasis (`*x*`, `**x**`, `<em>`, `<cite>`), in text order.
    pub emphasis: Vec<Span>,
}

/// A post, read and reduced to plain text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// Where it came from, as given on the command line (`-` for standard input).
    pub path: String,
    /// Its markup.
    pub format: Format,
    /// Plain text; every span of every later stage indexes it.
    pub text: String,
    /// Headings found by the markup parser.
    pub headings: Vec<Heading>,
    /// Links, with targets.
    pub links: Vec<Link>,
    /// Inline code.
    pub code_spans: Vec<Span>,
    /// Emphasised text, where a post may set a talk's title apart.
    pub emphasis: Vec<Span>,
    /// Problems that did not stop the file from being read, such as invalid UTF-8.
    pub warnings: Vec<String>,
    /// Size of the file in bytes as read.
    pub bytes: usize,
}

/// Where a post comes from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    /// A file.
    File(PathBuf),
    /// Standard input.
    Stdin,
}

impl Source {
    /// The path as shown in reports.
    pub fn display(&self) -> String {
        self.shown().into_owned()
    }

    /// The path as shown in reports, borrowed when it needs no escaping (nearly always).
    pub fn shown(&self) -> Cow<'_, str> {
        match self {
            Source::File(p) => match p.to_str() {
                Some(s) if s.bytes().all(|b| (b' '..=b'~').contains(&b)) => Cow::Borrowed(s),
                _ => Cow::Owned(show(p)),
            },
            Source::Stdin => Cow::Borrowed("-"),
        }
    }
}

/// Why an input was not analyzed: what the `skipped` status of `documents.csv` stands
/// for, and whether it counts against the exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SkipKind {
    /// Missing, unreadable, a symbolic link that cannot be followed, a folder without
    /// posts.
    Unreadable,
    /// Binary, or in an encoding that cannot be decoded.
    NotText,
    /// Over the `--max-file-size` limit.
    TooLarge,
    /// No text at all. Reported, but not an error: there was nothing to miss.
    Empty,
}

/// An input that was not analyzed, and why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct InputError {
    /// The path as given.
    pub path: String,
    /// What went wrong and, where it helps, what to do.
    pub message: String,
    /// Its category.
    pub kind: SkipKind,
}

impl InputError {
    fn new(path: impl Into<String>, kind: SkipKind, message: impl Into<String>) -> InputError {
        InputError {
            path: path.into(),
            message: message.into(),
            kind,
        }
    }

    /// Whether an input was lost: everything but an empty file, which is reported but
    /// leaves nothing unanalyzed.
    pub fn is_error(&self) -> bool {
        self.kind != SkipKind::Empty
    }
}

/// A path as shown in messages and reports, with control, zero-width and bidirectional
/// characters escaped: a file name is as untrusted as a post's text and must neither
/// reach a terminal as an escape sequence nor display as something it is not.
fn show(path: &Path) -> String {
    let shown = path.display().to_string();
    let hidden = |c: char| c.is_control() || decode::invisible(c);
    if !shown.chars().any(hidden) {
        return shown;
    }
    shown
        .chars()
        .map(|c| {
            if hidden(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The format a path's extension names.
pub fn format_of(path: &Path) -> Format {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase)
        .as_deref()
    {
        Some("md" | "markdown") => Format::Markdown,
        Some("html" | "htm") => Format::Html,
        _ => Format::Text,
    }
}

/// Turns a post's bytes into a [`Document`]: decoding, line ends, markup. Whatever the
/// bytes, this returns a document or an error and never panics.
///
/// # Errors
/// When the bytes are not text: NUL bytes without a UTF-16 or UTF-32 byte-order mark,
/// or UTF-32 code units that are no character.
pub fn parse(path: &str, bytes: &[u8], format: Format) -> Result<Document, InputError> {
    let mut warnings = Vec::new();
    let decoded = decode::decode(bytes, &mut warnings)
        .map_err(|message| InputError::new(path, SkipKind::NotText, message))?;
    let normalized = decode::normalize_text(&decoded);
    let converted = match format {
        Format::Text => Converted {
            text: normalized.into_owned(),
            ..Converted::default()
        },
        Format::Markdown => markdown::convert(&normalized),
        Format::Html => html::convert(&normalized),
    };
    Ok(Document {
        path: path.to_string(),
        format,
        text: converted.text,
        headings: converted.headings,
        links: converted.links,
        code_spans: converted.code_spans,
        emphasis: converted.emphasis,
        warnings,
        bytes: bytes.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_cases() {
        let doc = parse("a.txt", b"Day One\r\nTalk\rEnd", Format::Text).unwrap();
        assert_eq!(doc.text, "Day One\nTalk\nEnd");
        let doc = parse("b.txt", b"caf\xe9 time", Format::Text).unwrap();
        assert_eq!(doc.text, "caf\u{fffd} time");
        assert_eq!(doc.warnings.len(), 1);
        let err = parse("c.bin", b"abc\0def", Format::Text).unwrap_err();
        assert!(err.message.contains("binary"));
        assert_eq!(err.kind, SkipKind::NotText);
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Hé".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(parse("d.txt", &utf16, Format::Text).unwrap().text, "Hé");
        let doc = parse(
            "e.txt",
            "\u{feff}a\u{200b}b\u{202e}c".as_bytes(),
            Format::Text,
        )
        .unwrap();
        assert_eq!(doc.text, "abc");
    }

    #[test]
    fn format_by_extension() {
        assert_eq!(format_of(Path::new("x.MD")), Format::Markdown);
        assert_eq!(format_of(Path::new("x.htm")), Format::Html);
        assert_eq!(format_of(Path::new("x")), Format::Text);
    }

    #[test]
    fn control_characters_in_paths_are_escaped() {
        assert_eq!(show(Path::new("a\x1b[2Jb.txt")), "a\\u{1b}[2Jb.txt");
        assert_eq!(show(Path::new("gnp\u{202e}.exe")), "gnp\\u{202e}.exe");
        assert_eq!(show(Path::new("día.txt")), "día.txt");
    }
}
