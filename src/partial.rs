//! Partials: the state of a run, written so that runs over parts of a corpus can be
//! merged into the reports of one run over all of it.
//!
//! A partial is JSON Lines, one or more streams one after the other. A stream is a header
//! line, one line per document, and an end line that counts the documents:
//!
//! ```text
//! {"header":{"format":"recap-partial","version":1}}
//! {"document":{"path":"posts/a.txt","format":"txt","status":"ok",...}}
//! {"end":{"documents":1}}
//! ```
//!
//! A document line holds a [`DocumentRecord`]: everything the reports say about the
//! document, including what it adds to the corpus counts, so merging needs nothing else.
//! Document lines may come in any order (`analyze --partial` writes them in path order,
//! `map` in input order); [`merge`] puts them in path order. A stream without its end
//! line is truncated, and merging refuses it.

use crate::input::{Format, InputError, SkipKind, format_of};
use crate::pipeline::{Input, TextPost};
use crate::record::DocumentRecord;
use crate::report::RunWriter;
use anyhow::{Context as _, bail};
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// The `format` of a partial's header.
pub const FORMAT: &str = "recap-partial";

/// The version of the partial format this recap writes and reads; bumped when a line
/// changes meaning.
pub const VERSION: u32 = 1;

/// One line of a partial.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Line<R> {
    /// Opens a stream.
    Header(Header),
    /// One document.
    Document(R),
    /// Closes a stream.
    End(End),
}

#[derive(Serialize, Deserialize)]
struct Header {
    format: String,
    version: u32,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct End {
    documents: u64,
}

/// Writes one partial stream into a buffer, which the caller drains with
/// [`PartialWriter::take`].
#[derive(Debug)]
pub struct PartialWriter {
    buf: Vec<u8>,
    documents: u64,
}

impl Default for PartialWriter {
    fn default() -> Self {
        PartialWriter::new()
    }
}

impl PartialWriter {
    /// A stream, its header line written.
    pub fn new() -> PartialWriter {
        let mut buf = Vec::new();
        let header = Line::<()>::Header(Header {
            format: FORMAT.into(),
            version: VERSION,
        });
        serde_json::to_writer(&mut buf, &header).expect("a header serializes");
        buf.push(b'\n');
        PartialWriter { buf, documents: 0 }
    }

    /// Adds a document line.
    ///
    /// # Errors
    /// When the record cannot be serialized.
    pub fn document(&mut self, record: &DocumentRecord) -> anyhow::Result<()> {
        serde_json::to_writer(&mut self.buf, &Line::Document(record))?;
        self.buf.push(b'\n');
        self.documents += 1;
        Ok(())
    }

    /// Adds the end line.
    pub fn end(&mut self) {
        let end = Line::<()>::End(End {
            documents: self.documents,
        });
        serde_json::to_writer(&mut self.buf, &end).expect("an end line serializes");
        self.buf.push(b'\n');
    }

    /// Bytes not yet taken.
    pub fn pending(&self) -> usize {
        self.buf.len()
    }

    /// Takes the bytes written since the last call.
    pub fn take(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.buf)
    }
}

/// A document line's place in a partial.
struct Entry {
    path: String,
    input: usize,
    offset: u64,
    len: usize,
    line: u64,
}

/// A partial being merged: the name it was given and the file to read it from.
struct Source {
    name: String,
    file: PathBuf,
}

/// Standard input copied to a temporary file (merging reads a partial twice), removed
/// when dropped.
struct Spool(PathBuf);

impl Drop for Spool {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn spool_stdin() -> anyhow::Result<Spool> {
    let dir = std::env::temp_dir();
    for attempt in 0..100 {
        let path = dir.join(format!(
            "recap-merge-stdin.{}.{attempt}.tmp",
            std::process::id()
        ));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                let spool = Spool(path);
                std::io::copy(&mut std::io::stdin().lock(), &mut file).with_context(|| {
                    format!(
                        "cannot copy standard input to {} (merging reads it twice)",
                        spool.0.display()
                    )
                })?;
                return Ok(spool);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(e).with_context(|| {
                    format!("cannot create a temporary file in {}", dir.display())
                });
            }
        }
    }
    bail!("cannot create a temporary file in {}", dir.display())
}

/// Why a partial cannot be merged, naming it and the line.
fn damaged(name: &str, line: u64, what: impl std::fmt::Display) -> anyhow::Error {
    anyhow::anyhow!(
        "partial {name}, line {line}: {what}; the file is damaged or not a partial (write it again with `recap analyze --partial` or `recap map`)"
    )
}

/// Reads every line of one partial, checks its streams, and notes where each document
/// line is.
fn scan(source: &Source, input: usize, entries: &mut Vec<Entry>) -> anyhow::Result<()> {
    let name = source.name.as_str();
    let file = File::open(&source.file).with_context(|| format!("cannot read partial {name}"))?;
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let mut bytes = Vec::new();
    let (mut offset, mut number) = (0u64, 0u64);
    let mut open: Option<u64> = None;
    let mut streams = 0;
    loop {
        bytes.clear();
        let read = reader
            .read_until(b'\n', &mut bytes)
            .with_context(|| format!("cannot read partial {name}"))?;
        if read == 0 {
            break;
        }
        number += 1;
        let at = offset;
        offset += read as u64;
        let text = bytes.trim_ascii();
        if text.is_empty() {
            continue;
        }
        let line: Line<DocumentRecord> = serde_json::from_slice(text).map_err(|e| {
            if bytes.ends_with(b"\n") {
                damaged(name, number, format!("not a partial line ({e})"))
            } else {
                damaged(name, number, "the last line is cut off (truncated)")
            }
        })?;
        match (line, open) {
            (Line::Header(h), None) => {
                if h.format != FORMAT {
                    return Err(damaged(name, number, format!("format {:?}", h.format)));
                }
                if h.version != VERSION {
                    bail!(
                        "partial {name}, line {number}: format version {}, but this recap reads version {VERSION}; write it again with this recap",
                        h.version
                    );
                }
                open = Some(0);
                streams += 1;
            }
            (Line::Header(_), Some(_)) => {
                return Err(damaged(
                    name,
                    number,
                    "a new stream begins before the last one ended (truncated)",
                ));
            }
            (Line::Document(r), Some(n)) => {
                entries.push(Entry {
                    path: r.path,
                    input,
                    offset: at,
                    len: read,
                    line: number,
                });
                open = Some(n + 1);
            }
            (Line::End(end), Some(n)) => {
                if end.documents != n {
                    return Err(damaged(
                        name,
                        number,
                        format!(
                            "the stream ends saying {} documents but holds {n}",
                            end.documents
                        ),
                    ));
                }
                open = None;
            }
            (_, None) => {
                return Err(damaged(name, number, "a line outside a stream (no header)"));
            }
        }
    }
    if let Some(n) = open {
        bail!(
            "partial {name} is truncated: its last stream has {n} documents and no end line (the run that wrote it did not finish; write it again)"
        );
    }
    if streams == 0 {
        bail!("partial {name} is empty: it holds no stream (not a partial?)");
    }
    Ok(())
}

/// Partials checked and indexed, ready to be merged (see [`Merge::scan`]).
pub struct Merge {
    sources: Vec<Source>,
    entries: Vec<Entry>,
    _spool: Option<Spool>,
}

impl Merge {
    /// Reads and checks every partial: `inputs` are files, or `-` for standard input; a
    /// file may hold several streams. Keeps only where each document line is.
    ///
    /// # Errors
    /// When a partial cannot be read, is damaged or truncated, or has another version;
    /// the message names it and the line.
    pub fn scan(inputs: &[PathBuf]) -> anyhow::Result<Merge> {
        let mut spool = None;
        let mut sources = Vec::new();
        for path in inputs {
            if path.as_os_str() == "-" {
                if spool.is_some() {
                    bail!("standard input (-) is given twice");
                }
                let s = spool_stdin()?;
                sources.push(Source {
                    name: "-".into(),
                    file: s.0.clone(),
                });
                spool = Some(s);
            } else {
                sources.push(Source {
                    name: path.display().to_string(),
                    file: path.clone(),
                });
            }
        }
        let mut entries = Vec::new();
        for (input, source) in sources.iter().enumerate() {
            scan(source, input, &mut entries)?;
        }
        // Stable: equal paths stay in the order they were found.
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(Merge {
            sources,
            entries,
            _spool: spool,
        })
    }

    /// Hands every document to `writer` in path order, as one run over the union of the
    /// partials' inputs. A path found more than once is kept where it is first found (in
    /// the order of the inputs, then of lines), and `warn` is told.
    ///
    /// # Errors
    /// When a partial cannot be read again or changed since [`Merge::scan`], or `writer`
    /// fails.
    pub fn write(
        &self,
        writer: &mut RunWriter<'_>,
        warn: &mut dyn FnMut(String),
    ) -> anyhow::Result<()> {
        let sources = &self.sources;
        let mut files: Vec<Option<File>> = sources.iter().map(|_| None).collect();
        let mut bytes = Vec::new();
        let mut previous: Option<&Entry> = None;
        for entry in &self.entries {
            if let Some(kept) = previous.filter(|p| p.path == entry.path) {
                warn(format!(
                    "{}: in partial {} (line {}) and again in {} (line {}); kept the first",
                    entry.path,
                    sources[kept.input].name,
                    kept.line,
                    sources[entry.input].name,
                    entry.line
                ));
                continue;
            }
            previous = Some(entry);
            let source = &sources[entry.input];
            if files[entry.input].is_none() {
                if files.iter().filter(|f| f.is_some()).count() >= 64 {
                    files.iter_mut().for_each(|f| *f = None);
                }
                files[entry.input] = Some(
                    File::open(&source.file)
                        .with_context(|| format!("cannot read partial {}", source.name))?,
                );
            }
            let file = files[entry.input].as_mut().expect("opened above");
            bytes.resize(entry.len, 0);
            file.seek(SeekFrom::Start(entry.offset))
                .and_then(|_| file.read_exact(&mut bytes))
                .with_context(|| format!("cannot read partial {}", source.name))?;
            let record = match serde_json::from_slice::<Line<DocumentRecord>>(bytes.trim_ascii()) {
                Ok(Line::Document(r)) if r.path == entry.path => r,
                _ => {
                    return Err(damaged(
                        &source.name,
                        entry.line,
                        "the line changed while merging",
                    ));
                }
            };
            writer.document(&record)?;
        }
        Ok(())
    }
}

/// A post as `recap map` reads it: one JSON object a line.
#[derive(Deserialize)]
struct MapPost {
    path: String,
    text: String,
    format: Option<String>,
}

/// The format a `format` field names.
fn format_named(name: &str) -> Option<Format> {
    match name.to_ascii_lowercase().as_str() {
        "txt" | "text" => Some(Format::Text),
        "md" | "markdown" => Some(Format::Markdown),
        "html" | "htm" => Some(Format::Html),
        _ => None,
    }
}

/// The posts of `recap map`'s input, one JSON object a line
/// (`{"path": …, "text": …, "format": …}`, format optional and otherwise taken from the
/// path's extension), read as the run asks for them. A line that is not such a post
/// becomes a skipped input named `stdin line N`, or by its path when it has one.
pub struct MapInputs<R> {
    reader: R,
    line: u64,
    done: bool,
}

impl<R: BufRead> MapInputs<R> {
    /// Posts read from `reader`.
    pub fn new(reader: R) -> MapInputs<R> {
        MapInputs {
            reader,
            line: 0,
            done: false,
        }
    }

    fn bad(&self, path: Option<String>, message: String) -> Input {
        Input::Failed(Box::new(InputError {
            path: path.unwrap_or_else(|| format!("stdin line {}", self.line)),
            message: format!("line {} of the input: {message}, skipped", self.line),
            kind: SkipKind::Unreadable,
        }))
    }
}

impl<R: BufRead> Iterator for MapInputs<R> {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        let mut bytes = Vec::new();
        loop {
            if self.done {
                return None;
            }
            bytes.clear();
            self.line += 1;
            match self.reader.read_until(b'\n', &mut bytes) {
                Ok(0) => {
                    self.done = true;
                    return None;
                }
                Ok(_) => {}
                Err(e) => {
                    self.done = true;
                    return Some(self.bad(None, format!("cannot read standard input ({e})")));
                }
            }
            if !bytes.trim_ascii().is_empty() {
                break;
            }
        }
        let post: MapPost = match serde_json::from_slice(bytes.trim_ascii()) {
            Ok(post) => post,
            Err(e) => {
                let path = serde_json::from_slice::<serde_json::Value>(bytes.trim_ascii())
                    .ok()
                    .and_then(|v| v.get("path")?.as_str().map(String::from));
                return Some(self.bad(
                    path,
                    format!(
                        "not a post as a JSON object {{\"path\": …, \"text\": …, \"format\": …}} ({e})"
                    ),
                ));
            }
        };
        let format = match post.format.as_deref() {
            None => format_of(Path::new(&post.path)),
            Some(name) => match format_named(name) {
                Some(f) => f,
                None => {
                    return Some(self.bad(
                        Some(post.path),
                        format!("unknown format {name:?} (txt, markdown or html)"),
                    ));
                }
            },
        };
        Some(Input::Text(Box::new(TextPost {
            path: post.path,
            text: post.text,
            format,
        })))
    }
}
