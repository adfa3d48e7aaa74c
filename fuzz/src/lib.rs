//! What every fuzz target checks: whatever the bytes, reading either refuses them with a
//! reason or yields a document whose every span slices its text, and the pipeline keeps
//! that promise for each mention and talk it finds.

use recap::input::{Document, Format, SkipKind, parse};
use recap::pipeline::Analysis;
use recap::span::Span;

/// Reads `bytes` as `format`; `None` when they are refused, which must be for not being
/// text (the only reason `parse` has).
pub fn read(bytes: &[u8], format: Format) -> Option<Document> {
    match parse("fuzz", bytes, format) {
        Ok(doc) => {
            check_document(&doc);
            Some(doc)
        }
        Err(e) => {
            assert_eq!(e.kind, SkipKind::NotText, "{e}");
            None
        }
    }
}

/// Every span of a document lies in its text, on character boundaries.
pub fn check_document(doc: &Document) {
    let spans = doc
        .headings
        .iter()
        .map(|h| h.span)
        .chain(doc.links.iter().map(|l| l.span))
        .chain(doc.code_spans.iter().copied());
    for span in spans {
        check_span(&doc.text, span);
    }
}

/// Every mention and talk of an analysis slices its document's text, and a mention's
/// surface is exactly that slice.
pub fn check_analysis(doc: &Document, analysis: &Analysis) {
    for m in &analysis.mentions {
        check_span(&doc.text, m.span);
        assert_eq!(m.span.slice(&doc.text), m.surface, "{m:?}");
    }
    for t in &analysis.talks {
        check_span(&doc.text, t.span);
    }
}

fn check_span(text: &str, span: Span) {
    assert!(
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end),
        "span {span:?} does not slice a text of {} bytes",
        text.len()
    );
}
