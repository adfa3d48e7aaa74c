//! Day markers: "Day One", "day 2", "Day 1 & 2", weekdays and calendar dates.
//!
//! Ordinal phrases ("the first day") are not markers of their own: they name no day a
//! reader could look up, so they only help place talks through the section they sit in.

use super::{Context, EntityKind, Mention};
use crate::span::Span;

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
    ctx.rules
        .day_marker
        .find_iter(ctx.text)
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
}
