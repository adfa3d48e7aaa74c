//! Reading one post's bytes, within the size limit, and deciding whether it holds text.
//!
//! The limit is checked twice: from the file's metadata before anything is read (so a
//! 2 GB dump costs nothing), and while reading, which is the only check that works for
//! standard input, pipes and files that grow while they are read.

use super::discover::unreadable;
use super::{ByteSize, Document, Format, InputError, SkipKind, Source, format_of, parse};
use std::io::Read;

/// Reads one post and converts it to a [`Document`].
///
/// # Errors
/// When the input cannot be read, is over `limit`, is not text, or holds no text (see
/// [`SkipKind`]).
pub fn load(source: &Source, limit: ByteSize) -> Result<Document, InputError> {
    let shown = source.display();
    // The suggested limit is one that would have read this input, in a form the option
    // accepts; for a stream the size is unknown, so four times the limit.
    let too_large = |what: String, needed: u64| {
        InputError::new(
            &shown,
            SkipKind::TooLarge,
            format!(
                "{what} over the --max-file-size limit of {limit}, skipped (to read it, pass --max-file-size {}MiB)",
                needed.div_ceil(1 << 20).max(1)
            ),
        )
    };
    let bytes = match source {
        Source::File(path) => {
            let file = std::fs::File::open(path).map_err(|e| unreadable(path, &e))?;
            let size = file.metadata().map_err(|e| unreadable(path, &e))?.len();
            if size > limit.0 {
                return Err(too_large(format!("file is {},", ByteSize(size)), size));
            }
            read_at_most(file, limit, size).map_err(|e| unreadable(path, &e))?
        }
        Source::Stdin => read_at_most(std::io::stdin().lock(), limit, 0)
            .map_err(|e| InputError::new(&shown, SkipKind::Unreadable, e.to_string()))?,
    };
    let Some(bytes) = bytes else {
        return Err(too_large("input is".into(), limit.0.saturating_mul(4)));
    };
    let format = match source {
        Source::File(p) => format_of(p),
        Source::Stdin => sniff(&bytes),
    };
    let doc = parse(&shown, &bytes, format)?;
    if doc.text.trim().is_empty() {
        let message = if bytes.is_empty() {
            "empty file, skipped"
        } else {
            "empty file (no text: only whitespace, invisible characters or markup), skipped"
        };
        return Err(InputError::new(&shown, SkipKind::Empty, message));
    }
    Ok(doc)
}

/// All of `reader` if it holds at most `limit` bytes, `None` if it holds more.
///
/// `expected` is the size the reader is thought to hold (a file's, from its metadata):
/// room for it is made at once, where reading into an empty vector grows it a dozen
/// times, copying the bytes read so far each time.
fn read_at_most(
    reader: impl Read,
    limit: ByteSize,
    expected: u64,
) -> std::io::Result<Option<Vec<u8>>> {
    let room = usize::try_from(expected.min(limit.0)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(room);
    reader
        .take(limit.0.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit.0).then_some(bytes))
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn file(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> Source {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        Source::File(path)
    }

    #[test]
    fn size_limit_from_metadata_and_while_reading() {
        let dir = tempfile::tempdir().unwrap();
        let big = file(&dir, "big.txt", &[b'a'; 2000]);
        let err = load(&big, ByteSize(1000)).unwrap_err();
        assert_eq!(err.kind, SkipKind::TooLarge);
        assert!(err.path.ends_with("big.txt"), "{err}");
        assert!(
            err.message.starts_with(
                "file is 2.0 KB (2000 bytes), over the --max-file-size limit of 1.0 KB (1000 bytes)"
            ),
            "{err}"
        );
        assert!(err.message.ends_with("pass --max-file-size 1MiB)"), "{err}");
        assert!(load(&big, ByteSize(2000)).is_ok());
        for expected in [0, 9, 10, 11, 100] {
            assert_eq!(
                read_at_most(&[1u8; 11][..], ByteSize(10), expected).unwrap(),
                None
            );
            assert_eq!(
                read_at_most(&[1u8; 10][..], ByteSize(10), expected).unwrap(),
                Some(vec![1; 10])
            );
        }
    }

    #[test]
    fn empty_and_blank_files_are_skipped_not_errors() {
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes, reason) in [
            ("empty.txt", &b""[..], "empty file, skipped"),
            ("blank.txt", b" \r\n\t\xe2\x80\x8b\n", "empty file (no text"),
            (
                "tags.html",
                b"<html><img src=x><script>x</script></html>",
                "empty file (no text",
            ),
        ] {
            let err = load(&file(&dir, name, bytes), ByteSize::DEFAULT_MAX_FILE).unwrap_err();
            assert_eq!(err.kind, SkipKind::Empty, "{name}");
            assert!(err.message.starts_with(reason), "{name}: {err}");
            assert!(!err.is_error());
        }
    }

    #[test]
    fn missing_file_is_unreadable() {
        let err = load(
            &Source::File(PathBuf::from("surely/not/here.txt")),
            ByteSize::DEFAULT_MAX_FILE,
        )
        .unwrap_err();
        assert_eq!(err.kind, SkipKind::Unreadable);
        assert!(err.is_error());
    }

    #[test]
    fn stdin_sniffing() {
        assert_eq!(sniff(b"  <!DOCTYPE html><p>x"), Format::Html);
        assert_eq!(sniff(b"\xef\xbb\xbf<HTML>"), Format::Html);
        assert_eq!(sniff(b"Day 1"), Format::Text);
    }
}
