//! Reading posts: files, directories and standard input, in plain text, Markdown or
//! HTML, into a [`Document`] whose text every later stage indexes by byte.
//!
//! This is the only module that touches the file system. Markup is reduced to plain text
//! laid out the way people write recaps by hand: headings on their own line, paragraphs
//! and headings separated by a blank line, list items as `- item` lines, link text kept
//! in place with the target kept aside as metadata.

mod html;
mod markdown;

use crate::span::Span;

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
        match self {
            Source::File(p) => p.display().to_string(),
            Source::Stdin => "-".to_string(),
        }
    }
}

/// A post that could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct InputError {
    /// The path as given.
    pub path: String,
    /// What went wrong and, where it helps, what to do.
    pub message: String,
}

impl InputError {
    fn new(path: impl Into<String>, message: impl Into<String>) -> InputError {
        InputError {
            path: path.into(),
            message: message.into(),
        }
    }
}

use std::io::Read;
use std::path::{Path, PathBuf};

/// Extensions read when walking a directory.
const POST_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm", "text"];

/// Expands the command line's paths into posts: files as given, directories walked
/// recursively in sorted order (hidden entries and README/LICENSE-style files skipped,
/// only post extensions taken),
/// `-` as standard input. Paths that do not exist, and directories holding no post,
/// are errors naming the path; the rest is still returned.
pub fn discover(paths: &[PathBuf]) -> (Vec<Source>, Vec<InputError>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            sources.push(Source::Stdin);
            continue;
        }
        let shown = path.display().to_string();
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                errors.push(InputError::new(shown, describe_io(&e)));
                continue;
            }
        };
        if !meta.is_dir() {
            sources.push(Source::File(path.clone()));
            continue;
        }
        let before = sources.len();
        let walker = walkdir::WalkDir::new(path)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker {
            match entry {
                Ok(e)
                    if e.file_type().is_file()
                        && has_post_extension(e.path())
                        && !is_project_file(e.path()) =>
                {
                    sources.push(Source::File(e.into_path()));
                }
                Ok(_) => {}
                Err(e) => {
                    let at = e.path().map_or(shown.clone(), |p| p.display().to_string());
                    let why = if e.loop_ancestor().is_some() {
                        "symbolic link loop, skipped".to_string()
                    } else {
                        e.io_error().map_or_else(|| e.to_string(), describe_io)
                    };
                    errors.push(InputError::new(at, why));
                }
            }
        }
        if sources.len() == before {
            errors.push(InputError::new(
                shown,
                "directory holds no posts (.txt, .md, .markdown, .html, .htm)",
            ));
        }
    }
    (sources, errors)
}

/// README, LICENSE and the like describe a folder of posts; they are not posts.
fn is_project_file(path: &Path) -> bool {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_uppercase())
        .unwrap_or_default();
    matches!(
        stem.as_str(),
        "README" | "LICENSE" | "LICENCE" | "CHANGELOG" | "CONTRIBUTING" | "COPYING" | "NOTICE"
    )
}

fn has_post_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| POST_EXTENSIONS.contains(&e.to_lowercase().as_str()))
}

fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => {
            "permission denied (check the file's read permission)".to_string()
        }
        _ => e.to_string(),
    }
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

/// Reads one post.
///
/// # Errors
/// When the file cannot be read or is not text.
pub fn load(source: &Source) -> Result<Document, InputError> {
    let shown = source.display();
    let bytes = match source {
        Source::File(p) => {
            std::fs::read(p).map_err(|e| InputError::new(&shown, describe_io(&e)))?
        }
        Source::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| InputError::new(&shown, describe_io(&e)))?;
            buf
        }
    };
    let format = match source {
        Source::File(p) => format_of(p),
        Source::Stdin => sniff(&bytes),
    };
    parse(&shown, &bytes, format)
}

/// Standard input has no extension: HTML is recognised by its opening tag.
fn sniff(bytes: &[u8]) -> Format {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with("<!doctype html") || head.starts_with("<html") {
        Format::Html
    } else {
        Format::Text
    }
}

/// Turns a post's bytes into a [`Document`]: decoding, line ends, markup.
///
/// # Errors
/// When the bytes are not text (NUL bytes without a UTF-16 byte-order mark).
pub fn parse(path: &str, bytes: &[u8], format: Format) -> Result<Document, InputError> {
    let mut warnings = Vec::new();
    let decoded = decode(path, bytes, &mut warnings)?;
    let normalized = normalize_text(&decoded);
    let converted = match format {
        Format::Text => Converted {
            text: normalized,
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
        warnings,
        bytes: bytes.len(),
    })
}

fn decode(path: &str, bytes: &[u8], warnings: &mut Vec<String>) -> Result<String, InputError> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return Ok(decode_utf16(rest, u16::from_le_bytes));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Ok(decode_utf16(rest, u16::from_be_bytes));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(InputError::new(
            path,
            "binary file (contains NUL bytes), skipped",
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            warnings.push(format!(
                "invalid UTF-8 at byte {}: decoded with replacement characters",
                e.valid_up_to()
            ));
            Ok(String::from_utf8_lossy(bytes).into_owned())
        }
    }
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    char::decode_utf16(units)
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// CRLF and CR line ends become LF; zero-width and bidirectional control characters,
/// which change how text displays but carry no words, are removed.
fn normalize_text(text: &str) -> String {
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
            '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}' => {}
            c => out.push(c),
        }
    }
    out
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
        assert_eq!(sniff(b"  <!DOCTYPE html><p>x"), Format::Html);
    }
}
