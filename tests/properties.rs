//! Properties: the pipeline never panics, and every span slices its own text.

use proptest::prelude::*;
use recap::extract::pattern::Pattern;
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
        Just("Django, Frobnik and Web Quux, ".to_string()),
        Just("Kubernetes, Swarm, etc. ".to_string()),
        Just("Snarkle.js, then Snarkle’s API ".to_string()),
        Just("“Frobnik: A Tiny Framework for Go” by Ana Lima\n".to_string()),
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
            prop_assert_eq!(&doc.text[m.span.start..m.span.end], &*m.surface);
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

/// Patterns shaped like the extractors' own: word boundaries next to ASCII words, next to
/// Unicode classes, inside the pattern, and groups that may not take part.
const BOUNDARY_PATTERNS: &[&str] = &[
    r"(?i)\b(?:the|my|her)\s+((?:[\w+#’'-]+\s+){1,4}?)(talk|panel)\b",
    r"\b(?:[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+|[a-z]+[A-Z][a-z]+[A-Za-z]*)\b",
    r"(?i)\b(talk|keynote)(?:\s+(?:on|about)\s+([^,.;:()]{2,20}?))?\s*,?\s+(?:by|from)\s+",
    r"(?i)\b(?:(\p{Lu}[\w.+#-]*)\s+)?panel\b(?:\s+(?:on|about)\s+([^,.;()]{2,20}))?",
    r"\b([A-Z][\w.+#-]*)\s*\((?:an?\s+)?[^()\n]{0,20}?\b(?:app|tool)\)",
];

/// Text built from the words those patterns look for, with letters that are word
/// characters only in Unicode right beside them.
fn boundary_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("the ".to_string()),
        Just("her ".to_string()),
        Just("talk".to_string()),
        Just("panel".to_string()),
        Just("keynote".to_string()),
        Just(" by ".to_string()),
        Just(" on ".to_string()),
        Just("CherryPy".to_string()),
        Just("Zoë ".to_string()),
        Just("é".to_string()),
        Just("ø".to_string()),
        Just("’s ".to_string()),
        Just(" (".to_string()),
        Just("app)".to_string()),
        Just(", ".to_string()),
        Just(" ".to_string()),
        "[a-zA-Zéø_ .,()’-]{0,6}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn patterns_match_as_the_regex_crate_does(text in boundary_text()) {
        for pattern in BOUNDARY_PATTERNS {
            let fast = Pattern::new(pattern).expect("compiles");
            let slow = regex::Regex::new(pattern).expect("compiles");
            let got: Vec<Vec<Option<(usize, usize)>>> = fast
                .captures_iter(&text)
                .map(|c| (0..3).map(|i| c.get(i).map(|g| (g.start(), g.end()))).collect())
                .collect();
            let want: Vec<Vec<Option<(usize, usize)>>> = slow
                .captures_iter(&text)
                .map(|c| (0..3).map(|i| c.get(i).map(|g| (g.start(), g.end()))).collect())
                .collect();
            prop_assert_eq!(&got, &want, "{}", pattern);
            let found: Vec<(usize, usize)> =
                fast.find_iter(&text).map(|m| (m.start(), m.end())).collect();
            let expected: Vec<(usize, usize)> =
                slow.find_iter(&text).map(|m| (m.start(), m.end())).collect();
            prop_assert_eq!(found, expected, "{}", pattern);
            prop_assert_eq!(
                fast.find(&text).map(|m| m.as_str()),
                slow.find(&text).map(|m| m.as_str())
            );
        }
    }
}
