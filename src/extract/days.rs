//! Day markers: "Day One", "day 2", "Day 1 & 2", weekdays and calendar dates.
//!
//! Ordinal phrases ("the first day") are not markers of their own: they name no day a
//! reader could look up, so they only help place talks through the section they sit in.

use super::pattern::{Group, Pattern};
use super::{Context, EntityKind, Mention};
use crate::span::Span;
use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::LazyLock;

/// The weekdays, lower case, Monday first (index 0 = Monday).
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Finds day markers.
pub fn find(ctx: &Context) -> Vec<Mention> {
    let labels: Vec<Span> = ctx.layout.sections.iter().map(|s| s.label).collect();
    day_markers(&ctx.rules.day_marker, ctx.text)
        .map(|m| {
            let span = Span::new(m.start(), m.end());
            let surface = m.as_str();
            let rule = if labels.contains(&span) {
                "day/heading"
            } else if surface.to_lowercase().starts_with("day") {
                "day/number"
            } else if surface.starts_with(|c: char| c.is_uppercase())
                && surface.contains("day")
                && !surface.to_lowercase().contains(" day")
            {
                "day/weekday"
            } else {
                "day/date"
            };
            Mention {
                kind: EntityKind::Day,
                span,
                name: normalize(surface),
                rule,
            }
        })
        .collect()
}

/// The matches of `pattern`, the day marker pattern, as its `find_iter` finds them.
///
/// Every day marker holds an anchor (see [`anchors`]), and before the first one it holds
/// at most a short word and white space ("Monday", "27th  March", "Sprint days").
/// Anchors are rare in a post, so the pattern is tried only at the word starts just
/// before each one, rather than run over every byte.
fn day_markers<'t>(pattern: &Pattern, text: &'t str) -> impl Iterator<Item = Group<'t>> {
    let mut anchors = anchors(text);
    // No marker starts before `from`.
    let mut from = 0;
    std::iter::from_fn(move || {
        loop {
            // The leftmost marker from `from` starts after the first anchor from there,
            // or at most a short word and white space before it.
            let anchor = anchors.find(|&anchor| anchor >= from)?;
            let earliest = from.max(earliest_start(text, anchor));
            let found = (earliest..=anchor)
                .filter(|&start| may_start_word(text.as_bytes(), start))
                .find_map(|start| pattern.find_at(text, start));
            if let Some(m) = found {
                from = m.end();
                return Some(m);
            }
            from = anchor + 1;
        }
    })
}

/// The words [`anchors`] looks for: "day" in any case, and each month's first letters.
const ANCHOR_WORDS: [&str; 20] = [
    "day", "daY", "dAy", "dAY", "Day", "DaY", "DAy", "DAY", "Jan", "Feb", "Mar", "Apr", "May",
    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Where "day" (in any case), a month's first three letters, or a hyphen start, in
/// order: every day marker holds one. A day number, a kind of day or a weekday holds
/// "day"; a written date, a month; a numeric date, whose digits may be any decimal
/// digits, its hyphens.
fn anchors(text: &str) -> impl Iterator<Item = usize> + '_ {
    static WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(ANCHOR_WORDS)
            .expect("day anchors build")
    });
    // No end of a word is the start of another, so no two occurrences overlap and
    // the search for non-overlapping ones, which a fast literal search leads, finds all.
    let mut words = WORDS.find_iter(text).map(|m| m.start()).peekable();
    // A numeric date's hyphen follows a digit: an ASCII one, or the last byte of another.
    let mut hyphens = text
        .match_indices('-')
        .map(|(i, _)| i)
        .filter(|&i| {
            i > 0 && (text.as_bytes()[i - 1].is_ascii_digit() || text.as_bytes()[i - 1] >= 0x80)
        })
        .peekable();
    std::iter::from_fn(move || match (words.peek(), hyphens.peek()) {
        (Some(word), Some(hyphen)) if hyphen < word => hyphens.next(),
        (Some(_), _) => words.next(),
        (None, _) => hyphens.next(),
    })
}

/// The most characters a day marker has before white space and its first anchor: a
/// kind of day ("tutorial"), or a day's number and its suffix ("27th").
const LONGEST_WORD_BEFORE_ANCHOR: usize = 10;

/// The earliest start of a day marker whose first anchor is at `anchor`: at most a
/// short word, then white space, before it.
fn earliest_start(text: &str, anchor: usize) -> usize {
    let mut before = text[..anchor].char_indices().rev().peekable();
    let mut start = anchor;
    while let Some((i, _)) = before.next_if(|(_, c)| c.is_whitespace()) {
        start = i;
    }
    for (i, _) in before
        .take_while(|(_, c)| !c.is_whitespace())
        .take(LONGEST_WORD_BEFORE_ANCHOR)
    {
        start = i;
    }
    start
}

/// Whether a marker may start at `at`: a byte that may begin its first character there
/// (see [`may_begin_marker`]), and no ASCII letter, digit or underscore just before.
/// Every alternative of the pattern opens with a word character after a word boundary.
fn may_start_word(bytes: &[u8], at: usize) -> bool {
    let word_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    may_begin_marker(bytes[at]) && (at == 0 || !word_byte(bytes[at - 1]))
}

/// Whether `b` may begin the first character of a day marker: the first letter of "day",
/// "tutorial", "sprint", "workshop" or "training" in any case, a weekday's or a month's
/// capital, an ASCII digit, or the first byte of another character (a digit, or a letter
/// that folds to one of those). Most word starts before an anchor are ruled out before
/// the pattern is tried there.
fn may_begin_marker(b: u8) -> bool {
    matches!(
        b,
        b'0'..=b'9'
            | b'd'
            | b'D'
            | b't'
            | b'T'
            | b's'
            | b'S'
            | b'w'
            | b'W'
            | b'M'
            | b'F'
            | b'J'
            | b'A'
            | b'O'
            | b'N'
    ) || b >= 0xC0
}

/// "day\n  one" and "day one" are one marker: white space folded.
pub fn normalize(surface: &str) -> String {
    crate::tokenize::single_spaced(surface).into_owned()
}

/// The day number a marker names, where it names one ("Day Two" → 2).
pub fn day_index(marker: &str) -> Option<u32> {
    let lower = marker.to_lowercase();
    let rest = lower.strip_prefix("day")?.trim();
    let word = rest.split(|c: char| !c.is_alphanumeric()).next()?;
    word.parse().ok().or(match word {
        "zero" => Some(0),
        "one" => Some(1),
        "two" => Some(2),
        "three" => Some(3),
        "four" => Some(4),
        "five" => Some(5),
        "six" => Some(6),
        "seven" => Some(7),
        "eight" => Some(8),
        "nine" => Some(9),
        "ten" => Some(10),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tests::interleave;
    use crate::rules::Rules;
    use std::sync::LazyLock;

    static RULES: LazyLock<Rules> = LazyLock::new(Rules::builtin);

    /// The markers as the pattern finds them over the whole text.
    fn markers_by_whole_search(text: &str) -> Vec<(usize, usize)> {
        RULES
            .day_marker
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect()
    }

    fn markers(text: &str) -> Vec<(usize, usize)> {
        day_markers(&RULES.day_marker, text)
            .map(|m| (m.start(), m.end()))
            .collect()
    }

    #[test]
    fn markers_found_at_their_anchors() {
        let texts = [
            "On Wednesday, March 27 2009 and day two & 3 we met.",
            "Sept.\u{a0}\u{2003} 4th, the sprint \n days, today, Holiday 2",
            "2009-03-27 x27 March ٣ March 9 TRAINING DAYS Mon.day",
            "on ٢٠٠٩-٠٣-٢٧, ٣rd\u{a0}May and 1-2 dAy ٣ - 4",
        ];
        for text in texts {
            assert_eq!(markers(text), markers_by_whole_search(text), "{text}");
            assert!(!markers(text).is_empty(), "{text}");
        }
    }

    /// The anchors hold for the pattern's case folding and `\s`: no other character
    /// folds to a letter of "day", and white space is what the standard library calls it.
    #[test]
    fn anchors_read_characters_as_the_pattern_does() {
        let day_letter = regex::Regex::new(r"(?i)^[day]$").expect("compiles");
        let space = regex::Regex::new(r"^\s$").expect("compiles");
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let s = c.to_string();
            assert_eq!(day_letter.is_match(&s), "dayDAY".contains(c), "{c:?}");
            assert_eq!(space.is_match(&s), c.is_whitespace(), "{c:?}");
        }
    }

    /// The characters a marker may start with, as the pattern's alternatives open: "day"
    /// and the kinds of day in any case, weekdays and months capitalized, and digits.
    #[test]
    fn first_bytes_cover_the_pattern_case_folding() {
        let first = regex::Regex::new(r"^(?:(?i:[dtsw])|[MTWFSJAOND]|\d)$").expect("compiles");
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let s = c.to_string();
            if first.is_match(&s) {
                assert!(may_begin_marker(s.as_bytes()[0]), "{c:?}");
            }
        }
    }

    #[test]
    fn day_index_cases() {
        let cases = [
            ("Day One", Some(1)),
            ("day 2", Some(2)),
            ("Day 1 & 2", Some(1)),
            ("Day 0", Some(0)),
            ("Saturday", None),
            ("March 27", None),
        ];
        for (marker, want) in cases {
            assert_eq!(day_index(marker), want, "{marker}");
        }
    }

    #[test]
    fn normalize_folds_space() {
        assert_eq!(normalize("Day\n  two"), "Day two");
    }

    #[test]
    fn no_anchor_word_ends_with_the_start_of_another() {
        for a in ANCHOR_WORDS {
            for b in ANCHOR_WORDS {
                assert!((1..3).all(|k| a[3 - k..] != b[..k]), "{a} {b}");
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn markers_found_as_by_a_whole_search(
            words in proptest::collection::vec(
                "day|Day|DAY|today|Monday|Wednesday|March|Sept\\.|September|May|Mar\\.|\
                 tutorial|ſprint|wor\u{212a}shop|training|days|one|two|and|&|-|–|to|\
                 [0-9]{1,4}|٣|٠٣|th|rd|2009-03-27|٢٠٠٩|x|é|_|,|\\.",
                0..10,
            ),
            seps in proptest::collection::vec(" |  |\n|\u{a0}|\u{2003}|,|-|", 10),
        ) {
            let text = interleave(&words, &seps);
            proptest::prop_assert_eq!(markers(&text), markers_by_whole_search(&text));
        }
    }
}
