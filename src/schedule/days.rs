//! Calendar dates, and a post's day sections mapped onto a schedule's dates.
//!
//! A day label maps onto the schedule's dates by, in this order:
//!
//! 1. a date in it ("May 3", "3 May 2019", "2019-05-03"; "Friday, May 3" is a date): the
//!    schedule dates with that month and day (and year, if given);
//! 2. a weekday ("Saturday", "Sat"): the schedule dates falling on it;
//! 3. a day number ("Day One", "day 2", "Day 1 & 2"): the N-th conference date, counted
//!    over the dates of entries that are not tutorials or workshops. When the post numbers
//!    more days than there are conference dates (its "Day One" was a tutorial day), they
//!    are counted over all the schedule's dates instead.
//!
//! Anything else ("Highlights", a date the schedule does not hold) maps to nothing, and a
//! talk under it is neither helped nor hurt by its day.

use crate::extract::days::day_index;
use crate::rules::{TalkKind, fold};
use regex::Regex;
use std::collections::BTreeSet;
use std::sync::LazyLock;

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month, 1–31.
    pub day: u32,
}

impl Date {
    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut it = s.trim().splitn(3, '-');
        let year: i32 = it.next()?.parse().ok()?;
        let month: u32 = it.next()?.parse().ok()?;
        let day: u32 = it.next()?.parse().ok()?;
        let d = Date { year, month, day };
        d.is_valid().then_some(d)
    }

    fn is_valid(&self) -> bool {
        (1..=12).contains(&self.month) && self.day >= 1 && self.day <= days_in_month(self)
    }

    /// Days since 1970-01-01 (proleptic Gregorian calendar).
    pub fn days_since_epoch(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    pub fn weekday(&self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        (self.days_since_epoch() + 3).rem_euclid(7) as u32
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(d: &Date) -> u32 {
    match d.month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            let leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
            if leap { 29 } else { 28 }
        }
    }
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

const WEEKDAYS: [&[&str]; 7] = [
    &["monday", "mon"],
    &["tuesday", "tue", "tues"],
    &["wednesday", "wed"],
    &["thursday", "thu", "thur", "thurs"],
    &["friday", "fri"],
    &["saturday", "sat"],
    &["sunday", "sun"],
];

static ISO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b").expect("valid pattern"));
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?")
        .expect("valid pattern")
});
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3})[a-z]*\.?(?:,?\s+(\d{4}))?")
        .expect("valid pattern")
});
static DAY_NUMBERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\b")
        .expect("valid pattern")
});

/// A month, day and optional year named in a label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonthDay {
    /// Year, if the label gives one.
    pub year: Option<i32>,
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month.
    pub day: u32,
}

fn month_number(word: &str) -> Option<u32> {
    MONTHS.iter().position(|m| *m == word).map(|i| i as u32 + 1)
}

/// The calendar date a label names, if any: "May 3", "3 May 2019", "2019-05-03".
pub fn label_date(label: &str) -> Option<MonthDay> {
    let l = fold(label);
    if let Some(c) = ISO.captures(&l) {
        return Some(MonthDay {
            year: c[1].parse().ok(),
            month: c[2].parse().ok()?,
            day: c[3].parse().ok()?,
        });
    }
    for c in MONTH_DAY.captures_iter(&l) {
        if let (Some(month), Ok(day)) = (month_number(&c[1]), c[2].parse::<u32>()) {
            if (1..=31).contains(&day) {
                let year = c.get(3).and_then(|y| y.as_str().parse().ok());
                return Some(MonthDay { year, month, day });
            }
        }
    }
    for c in DAY_MONTH.captures_iter(&l) {
        if let (Some(month), Ok(day)) = (month_number(&c[2]), c[1].parse::<u32>()) {
            if (1..=31).contains(&day) {
                let year = c.get(3).and_then(|y| y.as_str().parse().ok());
                return Some(MonthDay { year, month, day });
            }
        }
    }
    None
}

/// The weekday a label names (0 = Monday), if any.
pub fn label_weekday(label: &str) -> Option<u32> {
    let l = fold(label);
    let words: Vec<&str> = l.split(|c: char| !c.is_alphanumeric()).collect();
    WEEKDAYS
        .iter()
        .position(|names| words.iter().any(|w| names.contains(w)))
        .map(|i| i as u32)
}

/// The day numbers a label names: "Day Two" → [2], "Day 1 & 2" → [1, 2].
pub fn label_day_numbers(label: &str) -> Vec<u32> {
    let Some(first) = day_index(label) else {
        return Vec::new();
    };
    let l = fold(label);
    let mut out = vec![first];
    for c in DAY_NUMBERS.captures_iter(&l) {
        let n = match &c[1] {
            "one" => 1,
            "two" => 2,
            "three" => 3,
            "four" => 4,
            "five" => 5,
            "six" => 6,
            "seven" => 7,
            "eight" => 8,
            "nine" => 9,
            "ten" => 10,
            d => d.parse().unwrap_or(0),
        };
        if n > 0 && !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

/// A post's day labels, each with the schedule dates it stands for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DayMap {
    labels: Vec<(String, Vec<Date>)>,
    /// False when the schedule has no dates: every day is then neutral.
    pub dated: bool,
}

impl DayMap {
    /// Maps each of the post's day labels (in the post's order) onto `dates`, the dates of
    /// the schedule's entries with their kinds.
    pub fn new(labels: &[String], entries: &[(Option<Date>, Option<TalkKind>)]) -> DayMap {
        let all: BTreeSet<Date> = entries.iter().filter_map(|(d, _)| *d).collect();
        if all.is_empty() {
            return DayMap {
                labels: labels.iter().map(|l| (l.clone(), Vec::new())).collect(),
                dated: false,
            };
        }
        let conference: BTreeSet<Date> = entries
            .iter()
            .filter(|(_, k)| !matches!(k, Some(TalkKind::Tutorial | TalkKind::Workshop)))
            .filter_map(|(d, _)| *d)
            .collect();
        let conference: Vec<Date> = if conference.is_empty() {
            all.iter().copied().collect()
        } else {
            conference.into_iter().collect()
        };
        let all: Vec<Date> = all.into_iter().collect();
        let most = labels
            .iter()
            .flat_map(|l| label_day_numbers(l))
            .max()
            .unwrap_or(0) as usize;
        let numbered = if most > conference.len() && most <= all.len() {
            &all
        } else {
            &conference
        };
        let map = |label: &str| -> Vec<Date> {
            if let Some(md) = label_date(label) {
                return all
                    .iter()
                    .copied()
                    .filter(|d| {
                        d.month == md.month
                            && d.day == md.day
                            && md.year.is_none_or(|y| y == d.year)
                    })
                    .collect();
            }
            if let Some(wd) = label_weekday(label) {
                return all.iter().copied().filter(|d| d.weekday() == wd).collect();
            }
            let mut out: Vec<Date> = label_day_numbers(label)
                .into_iter()
                .filter_map(|n| numbered.get((n as usize).checked_sub(1)?).copied())
                .collect();
            out.sort();
            out
        };
        DayMap {
            labels: labels.iter().map(|l| (l.clone(), map(l))).collect(),
            dated: true,
        }
    }

    /// The dates a label stands for (empty: unknown).
    pub fn dates(&self, label: &str) -> &[Date] {
        self.labels
            .iter()
            .find(|(l, _)| l == label)
            .map_or(&[], |(_, d)| d.as_slice())
    }

    /// Whether a talk under `label` fits an entry on `date`.
    pub fn check(&self, label: Option<&str>, date: Option<Date>) -> DayCheck {
        let (Some(label), Some(date)) = (label, date) else {
            return DayCheck::Neutral;
        };
        let dates = self.dates(label);
        if !self.dated || dates.is_empty() {
            DayCheck::Neutral
        } else if dates.contains(&date) {
            DayCheck::Consistent
        } else {
            DayCheck::Inconsistent
        }
    }
}

/// Whether a talk's day fits an entry's date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayCheck {
    /// The talk's day maps onto the entry's date.
    Consistent,
    /// The talk's day maps onto other dates.
    Inconsistent,
    /// Unknown: no day, no date, or a day that maps onto no date.
    Neutral,
}

impl DayCheck {
    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            DayCheck::Consistent => "consistent",
            DayCheck::Inconsistent => "inconsistent",
            DayCheck::Neutral => "neutral",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    #[test]
    fn weekdays_of_known_dates() {
        let cases = [
            ("1970-01-01", 3),
            ("2009-03-27", 4),
            ("2019-05-03", 4),
            ("2019-05-05", 6),
            ("2000-02-29", 1),
        ];
        for (date, want) in cases {
            assert_eq!(d(date).weekday(), want, "{date}");
        }
        assert!(Date::parse_iso("2019-02-29").is_none());
        assert!(Date::parse_iso("").is_none());
    }

    #[test]
    fn label_parts() {
        let md = |m, day| {
            Some(MonthDay {
                year: None,
                month: m,
                day,
            })
        };
        assert_eq!(label_date("Friday, May 3"), md(5, 3));
        assert_eq!(label_date("March 27th"), md(3, 27));
        assert_eq!(label_date("27 March"), md(3, 27));
        assert_eq!(
            label_date("2019-05-04"),
            Some(MonthDay {
                year: Some(2019),
                month: 5,
                day: 4
            })
        );
        assert_eq!(label_date("Day Two"), None);
        assert_eq!(label_weekday("Saturday"), Some(5));
        assert_eq!(label_weekday("Day One"), None);
        assert_eq!(label_day_numbers("Day 1 & 2"), vec![1, 2]);
        assert_eq!(label_day_numbers("Day Three"), vec![3]);
        assert!(label_day_numbers("Saturday").is_empty());
    }

    fn schedule() -> Vec<(Option<Date>, Option<TalkKind>)> {
        vec![
            (Some(d("2019-05-01")), Some(TalkKind::Tutorial)),
            (Some(d("2019-05-02")), Some(TalkKind::Tutorial)),
            (Some(d("2019-05-03")), Some(TalkKind::Talk)),
            (Some(d("2019-05-04")), Some(TalkKind::Talk)),
            (Some(d("2019-05-05")), Some(TalkKind::Keynote)),
        ]
    }

    #[test]
    fn day_map_cases() {
        let labels: Vec<String> = [
            "Day One",
            "Day Two",
            "Saturday",
            "Thursday",
            "Sunday, May 5",
            "Highlights",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let map = DayMap::new(&labels, &schedule());
        let cases = [
            ("Day One", vec![d("2019-05-03")]),
            ("Day Two", vec![d("2019-05-04")]),
            ("Saturday", vec![d("2019-05-04")]),
            ("Thursday", vec![d("2019-05-02")]),
            ("Sunday, May 5", vec![d("2019-05-05")]),
            ("Highlights", vec![]),
        ];
        for (label, want) in cases {
            assert_eq!(map.dates(label), want.as_slice(), "{label}");
        }
        assert_eq!(
            map.check(Some("Day Two"), Some(d("2019-05-04"))),
            DayCheck::Consistent
        );
        assert_eq!(
            map.check(Some("Day Two"), Some(d("2019-05-03"))),
            DayCheck::Inconsistent
        );
        assert_eq!(map.check(None, Some(d("2019-05-03"))), DayCheck::Neutral);
        assert_eq!(
            map.check(Some("Highlights"), Some(d("2019-05-03"))),
            DayCheck::Neutral
        );
    }

    #[test]
    fn more_numbered_days_than_conference_days_count_from_the_first_date() {
        let labels: Vec<String> = ["Day 1", "Day 2", "Day 3", "Day 4"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let map = DayMap::new(&labels, &schedule());
        assert_eq!(map.dates("Day 1"), &[d("2019-05-01")]);
        assert_eq!(map.dates("Day 4"), &[d("2019-05-04")]);
    }

    #[test]
    fn undated_schedule_is_neutral() {
        let labels = vec!["Day One".to_string()];
        let map = DayMap::new(&labels, &[(None, Some(TalkKind::Talk))]);
        assert!(!map.dated);
        assert_eq!(map.check(Some("Day One"), None), DayCheck::Neutral);
    }
}
