//! Properties: the pipeline never panics, and every span slices its own text.

use proptest::prelude::*;
use recap::input::{Format, parse};
use recap::pipeline::analyze;
use recap::rules::Rules;
use std::sync::LazyLock;

static RULES: LazyLock<Rules> = LazyLock::new(Rules::builtin);

/// Text that looks a little like a recap: words, names, quotes, headings, odd characters.
fn recapish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Day One\n\n".to_string()),
        Just("“Intro to Rust” by Łukasz Langa. ".to_string()),
        Just("Jesse Noller’s talk on asyncio, ".to_string()),
        Just("- Ana de la Cruz - Panel: Go\n".to_string()),
        Just("the ORM panel with José Valim and Siân O'Neill".to_string()),
        Just("\"".to_string()),
        Just("’s ".to_string()),
        Just("\n".to_string()),
        "[A-Za-zÀ-ÿ .,:;!?'\"“”‘’()\\-–—\n]{0,40}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn pipeline_never_panics_and_spans_slice_the_text(text in recapish(), format in 0..3u8) {
        let format = [Format::Text, Format::Markdown, Format::Html][usize::from(format)];
        let doc = parse("p", text.as_bytes(), format).expect("text is never binary here");
        let analysis = analyze(&doc, &RULES);
        for m in &analysis.mentions {
            prop_assert!(doc.text.is_char_boundary(m.span.start));
            prop_assert!(doc.text.is_char_boundary(m.span.end));
            prop_assert_eq!(&doc.text[m.span.start..m.span.end], m.surface.as_str());
        }
        for t in &analysis.talks {
            prop_assert!(doc.text.is_char_boundary(t.span.start) && doc.text.is_char_boundary(t.span.end));
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(doc) = parse("p", &bytes, Format::Text) {
            analyze(&doc, &RULES);
        }
    }
}
