//! The shape of a post: which lines are headings, and which day each part belongs to.
//!
//! Recap posts are arranged by day far more often than by anything else ("Day One",
//! "Highlights from Day 2", "Saturday"), and a talk's day is the section it sits in. A
//! day heading opens a section that lasts until the next day heading or a heading that
//! closes the day part of the post ("Conclusion", "Wrap Up"); a day label that heads a
//! block ("Day 1:" over a list) covers just that block.

use crate::input::Heading;
use crate::rules::Rules;
use crate::span::Span;
use crate::tokenize::{Tokens, trim_span};
use regex::Regex;
use std::sync::LazyLock;

/// A line that reads as a heading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeadingLine {
    /// The heading text.
    pub span: Span,
    /// Index of its line in [`Tokens::lines`].
    pub line: usize,
    /// Markup level (1 = top) when the markup said so; `None` for a plain-text heading.
    pub level: Option<u8>,
}

/// A part of the post that belongs to one conference day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DaySection {
    /// The day marker as written ("Day One", "Day 1 & 2", "Saturday").
    pub label: Span,
    /// The text the section covers, from its heading to the byte before the next.
    pub extent: Span,
}

/// Headings and day sections of one document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    /// Headings in text order.
    pub headings: Vec<HeadingLine>,
    /// Day sections in text order; they never overlap.
    pub sections: Vec<DaySection>,
}

impl Layout {
    /// The day section holding byte `offset`: a bisection, as sections are in text order
    /// and never overlap.
    pub fn section_at(&self, offset: usize) -> Option<usize> {
        let ended = self.sections.partition_point(|s| s.extent.end <= offset);
        self.section_holding(offset, ended)
    }

    /// The section holding byte `offset`, given how many sections end at or before it:
    /// for callers that count those as they walk through a text.
    pub fn section_holding(&self, offset: usize, ended: usize) -> Option<usize> {
        self.sections
            .get(ended)
            .is_some_and(|s| s.extent.start <= offset)
            .then_some(ended)
    }

    /// Whether line `line` is a heading.
    pub fn heading_at_line(&self, line: usize) -> Option<&HeadingLine> {
        self.headings.iter().find(|h| h.line == line)
    }
}

/// Headings that end the day-by-day part of a post.
static CLOSING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:conclusions?|wrap[- ]?up|summary|final thoughts|closing thoughts|(?:conference |key )?takeaways?|(?:special )?thanks|acknowledge?ments?|in closing|overall|epilogue|resources|links|slides|slide decks|tl;?dr|what'?s next|until next (?:time|year))\b",
    )
    .expect("closing heading pattern")
});

/// "a summary of day 1": a marker that names the day of the whole post.
static WHOLE_POST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:summary|recap|notes|review|report|highlights|write-?up|overview|impressions)\s+(?:of|from|for|on)\s+(?:the\s+)?$")
        .expect("whole-post day pattern")
});

/// Finds headings and day sections.
pub fn layout(text: &str, tokens: &Tokens, markup: &[Heading], rules: &Rules) -> Layout {
    let headings = find_headings(text, tokens, markup);
    let mut sections: Vec<DaySection> = Vec::new();
    let mut open: Option<(usize, Option<u8>)> = None; // (section index, level)
    let close =
        |sections: &mut Vec<DaySection>, open: &mut Option<(usize, Option<u8>)>, at: usize| {
            if let Some((i, _)) = open.take() {
                sections[i].extent.end = at;
            }
        };
    for h in &headings {
        let heading = h.span.slice(text);
        if let Some(label) = day_label(heading, rules) {
            close(&mut sections, &mut open, h.span.start);
            let label = Span::new(h.span.start + label.start, h.span.start + label.end);
            let line = &tokens.lines[h.line];
            let block_label = h.level.is_none()
                && heading.trim_end().ends_with(':')
                && line
                    .paragraph
                    .is_some_and(|p| tokens.paragraphs[p].end_line > h.line + 1);
            if block_label {
                let p = &tokens.paragraphs[line.paragraph.unwrap_or_default()];
                sections.push(DaySection {
                    label,
                    extent: Span::new(h.span.start, p.span.end),
                });
            } else {
                sections.push(DaySection {
                    label,
                    extent: Span::new(h.span.start, text.len()),
                });
                open = Some((sections.len() - 1, h.level));
            }
        } else if let Some((_, level)) = open {
            let outranks = matches!((level, h.level), (Some(day), Some(this)) if this <= day);
            if outranks || CLOSING.is_match(heading.trim()) {
                close(&mut sections, &mut open, h.span.start);
            }
        }
    }
    if sections.is_empty() {
        if let Some(section) = whole_post_day(text, tokens, rules) {
            sections.push(section);
        }
    }
    Layout { headings, sections }
}

/// The day marker a heading opens a section with, relative to the heading.
fn day_label(heading: &str, rules: &Rules) -> Option<Span> {
    let m = rules.day_marker.find(heading)?;
    let words_before = heading[..m.start()].split_whitespace().count();
    let words_total = heading.split_whitespace().count();
    (words_before <= 3 && words_total <= 12).then(|| Span::new(m.start(), m.end()))
}

fn whole_post_day(text: &str, tokens: &Tokens, rules: &Rules) -> Option<DaySection> {
    for p in tokens.paragraphs.iter().take(4) {
        let body = p.span.slice(text);
        for m in rules.day_marker.find_iter(body) {
            if m.as_str().to_lowercase().starts_with("day")
                && WHOLE_POST.is_match(&body[..m.start()])
            {
                return Some(DaySection {
                    label: Span::new(p.span.start + m.start(), p.span.start + m.end()),
                    extent: Span::new(0, text.len()),
                });
            }
        }
    }
    None
}

/// Markup headings, plus plain-text lines that read as headings: a short line standing
/// alone (its own paragraph), or a short label ending in ':' over a block.
fn find_headings(text: &str, tokens: &Tokens, markup: &[Heading]) -> Vec<HeadingLine> {
    let mut headings: Vec<HeadingLine> = markup
        .iter()
        .map(|h| HeadingLine {
            span: h.span,
            line: tokens.line_at(h.span.start),
            level: Some(h.level),
        })
        .collect();
    for p in &tokens.paragraphs {
        let line = &tokens.lines[p.first_line];
        if headings.iter().any(|h| h.line == p.first_line) {
            continue;
        }
        let Some(span) = trim_span(text, line.span) else {
            continue;
        };
        let s = span.slice(text);
        let alone = p.end_line == p.first_line + 1;
        let label = !alone && s.ends_with(':');
        if (alone || label) && looks_like_heading(s) {
            headings.push(HeadingLine {
                span,
                line: p.first_line,
                level: None,
            });
        }
    }
    headings.sort_by_key(|h| h.span.start);
    headings
}

/// How long a line may be and still read as a heading.
#[derive(Clone, Copy, Debug)]
pub struct HeadingLimits {
    words: usize,
    bytes: usize,
}

/// A line standing alone.
pub const HEADING: HeadingLimits = HeadingLimits {
    words: 14,
    bytes: 110,
};

/// A talk's title over a line naming its speaker, which vouches for a longer line: real
/// schedules hold titles of up to two dozen words.
pub const TITLE_OVER_SPEAKER: HeadingLimits = HeadingLimits {
    words: 24,
    bytes: 170,
};

/// A short line that does not end like a sentence and does not start like a list item.
pub fn looks_like_heading(line: &str) -> bool {
    heading_within(line, HEADING)
}

/// [`looks_like_heading`] with other limits.
pub fn heading_within(line: &str, limits: HeadingLimits) -> bool {
    // The tests that read a byte or two first: most lines tested are whole paragraphs or
    // sentences, and counting their words or scanning them for pictographs costs more.
    if line.len() > limits.bytes
        || line.ends_with(['.', ',', ';'])
        || line.starts_with("- ")
        || !line
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric() || c == '“' || c == '"')
        || starts_like_a_sentence(line)
    {
        return false;
    }
    let words = line.split_whitespace().take(limits.words + 1).count();
    words <= limits.words && !line.chars().any(is_pictograph)
}

/// "I'm joking about the heading": a first-person aside, not a heading.
fn starts_like_a_sentence(line: &str) -> bool {
    let first = line.split_whitespace().next().unwrap_or("");
    matches!(
        first,
        "I" | "I'm" | "I’m" | "I've" | "I’ve" | "I'd" | "I’d" | "We" | "We're" | "We’re"
    )
}

/// Emoji and other pictographs appear in asides, not in headings.
fn is_pictograph(c: char) -> bool {
    matches!(c, '\u{1F300}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn sections(text: &str) -> Vec<(String, String)> {
        let rules = Rules::builtin();
        let tokens = tokenize(text);
        let l = layout(text, &tokens, &[], &rules);
        l.sections
            .iter()
            .map(|s| {
                (
                    s.label.slice(text).to_string(),
                    s.extent.slice(text).trim().to_string(),
                )
            })
            .collect()
    }

    /// The heading test as first written: every check on the whole line, length last.
    fn looks_like_heading_by_whole_line(line: &str, limits: HeadingLimits) -> bool {
        let words = line.split_whitespace().count();
        let first = line.chars().next();
        words > 0
            && words <= limits.words
            && line.len() <= limits.bytes
            && !line.ends_with(['.', ',', ';'])
            && !line.starts_with("- ")
            && !starts_like_a_sentence(line)
            && !line.chars().any(is_pictograph)
            && first.is_some_and(|c| c.is_uppercase() || c.is_numeric() || c == '“' || c == '"')
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn heading_test_agrees_with_whole_line_checks(
            line in "[A-Za-z0-9 .,;:“\"’'éİıß☀🎉-]{0,190}|[A-Z][a-z]{0,7}( [A-Za-z]{1,7}){0,28}[.:]?"
        ) {
            for limits in [HEADING, TITLE_OVER_SPEAKER] {
                proptest::prop_assert_eq!(
                    heading_within(&line, limits),
                    looks_like_heading_by_whole_line(&line, limits)
                );
            }
        }
    }

    #[test]
    fn section_at_finds_the_section_holding_each_byte() {
        let text = "Intro.\n\nDay One\n\nTalk A.\n\nDay two\n\nTalk B.\n\nConclusion\n\nBye.";
        let l = layout(text, &tokenize(text), &[], &Rules::builtin());
        assert_eq!(l.sections.len(), 2);
        for offset in 0..=text.len() {
            let linear = l
                .sections
                .iter()
                .position(|s| s.extent.start <= offset && offset < s.extent.end);
            assert_eq!(l.section_at(offset), linear, "at byte {offset}");
        }
        assert_eq!(l.section_at(0), None);
        assert_eq!(l.section_at(text.find("Talk B").unwrap()), Some(1));
    }

    #[test]
    fn day_headings_open_sections() {
        let text = "Intro para.\n\nDay One\n\nTalk A.\n\nDay two\n\nTalk B.\n\nConclusion\n\nBye.";
        assert_eq!(
            sections(text),
            [
                ("Day One".into(), "Day One\n\nTalk A.".into()),
                ("Day two".into(), "Day two\n\nTalk B.".into()),
            ]
        );
    }

    #[test]
    fn heading_with_marker_inside() {
        let text = "Highlights from Day 1\n\nA.\n\nDay Two - Among the Builders\n\nB.";
        let got: Vec<String> = sections(text).into_iter().map(|s| s.0).collect();
        assert_eq!(got, ["Day 1", "Day Two"]);
    }

    #[test]
    fn block_label_covers_only_its_block() {
        let text = "Day 1:\nAna Lima - Talk One\nBo Chen - Talk Two\n\nLater prose about talks.";
        assert_eq!(
            sections(text),
            [(
                "Day 1".into(),
                "Day 1:\nAna Lima - Talk One\nBo Chen - Talk Two".into()
            )]
        );
    }

    #[test]
    fn whole_post_marker() {
        let text = "In this summary of day 1 I cover three talks.\n\nA talk.";
        assert_eq!(sections(text)[0].0, "day 1");
    }

    #[test]
    fn prose_mentions_do_not_open_sections() {
        assert!(sections("On day two we went to a talk about Rust and it was great.").is_empty());
    }

    #[test]
    fn markup_heading_of_same_level_closes_day() {
        let text = "Day 1\n\nA.\n\nVenue\n\nB.";
        let rules = Rules::builtin();
        let tokens = tokenize(text);
        let markup = [
            Heading {
                span: Span::new(0, 5),
                level: 2,
            },
            Heading {
                span: Span::new(10, 15),
                level: 2,
            },
        ];
        let l = layout(text, &tokens, &markup, &rules);
        assert_eq!(l.sections[0].extent.slice(text).trim(), "Day 1\n\nA.");
    }
}
