//! The parts of a link score: title, speakers and kind.
//!
//! Titles are compared word by word. A title's words are its folded words (case and
//! diacritics ignored, a possessive `'s` dropped, a light stem: "decisions" → "decision",
//! "designing" → "design"), without stop words ("the", "of", "how"), session words
//! ("talk", "keynote", "panel", "lightning") and day words ("day", "Friday", "morning",
//! "closing"). Two words match when their stems are equal, or when both have at least five
//! letters, the same first or last letter and a spelling similarity of at least 0.85 (a
//! typo such as "mutliprocessing").
//!
//! [`title_similarity`] of a post title `p` and an official title `o` is the best, over
//! the variants of both titles (the whole title, each sentence, each part around `:` or a
//! dash, so "Panel: X", "Keynote: X" and "X: a subtitle" all offer "X"), of
//!
//! ```text
//! T = cover_p² × √cover_o
//! ```
//!
//! where `cover_p` is the weighted share of the post's words found in the official title
//! and `cover_o` the weighted share of the official words found in the post's. A short
//! post title contained in a long official one scores well when it holds a fair share of
//! its words ("Behind the scenes of" in "Behind the scenes of EveryBlock.com": 2 of 4
//! words, 0.71), a single word lost in a long title less (1 of 5 words: 0.45), and a post
//! title half of whose words are missing at most 0.25. Word weights are inverse document
//! frequencies over the titles being linked to ([`Weights`]), so a word most titles share
//! ("python" at a Python conference) counts for less than a rare one.

use crate::extract::days::WEEKDAYS;
use crate::rules::{TalkKind, fold};
use std::collections::{BTreeMap, HashSet};
use std::sync::LazyLock;

/// Words that carry no meaning in a title.
const STOP: &[&str] = &[
    "a", "an", "the", "of", "on", "in", "and", "or", "to", "for", "with", "about", "by", "is",
    "are", "was", "at", "from", "into", "your", "you", "my", "our", "we", "i", "it", "its", "how",
    "what", "why", "when", "this", "that", "vs", "versus", "s", "t", "be", "as", "via", "his",
    "her", "their",
];

/// Words naming a kind of session, not its subject.
const SESSION: &[&str] = &[
    "talk",
    "talks",
    "keynote",
    "keynotes",
    "panel",
    "panels",
    "tutorial",
    "tutorials",
    "workshop",
    "workshops",
    "lightning",
    "session",
    "sessions",
    "presentation",
    "presentations",
    "plenary",
    "bof",
    "bofs",
    "birds",
    "feather",
];

/// Words naming a day or a time of day, which the day component scores instead ("the
/// morning keynote", "the closing keynote" name no subject); weekdays too.
const DAY_WORDS: &[&str] = &[
    "day",
    "days",
    "morning",
    "afternoon",
    "evening",
    "opening",
    "closing",
];

/// A light stem: plural, `-ing` and `-ed` endings removed.
pub fn stem(word: &str) -> String {
    let n = word.chars().count();
    if n > 4 && word.ends_with("ies") {
        return format!("{}y", &word[..word.len() - 3]);
    }
    if n > 6 && word.ends_with("ing") {
        return word[..word.len() - 3].to_string();
    }
    if n > 4 && word.ends_with("ed") {
        return word[..word.len() - 2].to_string();
    }
    if n > 4
        && ["ses", "xes", "ches", "shes"]
            .iter()
            .any(|e| word.ends_with(e))
    {
        return word[..word.len() - 2].to_string();
    }
    if n > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
        return word[..word.len() - 1].to_string();
    }
    word.to_string()
}

/// The meaningful words of a title, stemmed, in order, without repeats.
pub fn title_words(title: &str) -> Vec<String> {
    let folded = fold(title)
        .replace("'s ", " ")
        .replace("s' ", "s ")
        .replace("open spaces", " ")
        .replace("open space", " ")
        .replace("unconference", " ");
    let folded = folded.strip_suffix("'s").unwrap_or(&folded);
    let mut out: Vec<String> = Vec::new();
    for w in folded.split(|c: char| !c.is_alphanumeric()) {
        if w.is_empty()
            || STOP.contains(&w)
            || SESSION.contains(&w)
            || DAY_WORDS.contains(&w)
            || WEEKDAYS.contains(&w)
        {
            continue;
        }
        let s = stem(w);
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// True when a title names no subject: "keynote", "the morning talk", "a lightning talk".
pub fn is_generic(title: &str) -> bool {
    title_words(title).is_empty()
}

/// The word lists a title offers for matching: the whole title, each sentence, and each
/// part around a colon or a dash. Empty lists are left out.
pub fn title_variants(title: &str) -> Vec<Vec<String>> {
    let mut texts: Vec<String> = vec![title.to_string()];
    let sentences: Vec<&str> = split_sentences(title);
    if sentences.len() > 1 {
        texts.extend(sentences.iter().map(|s| s.to_string()));
    }
    for s in &sentences {
        let parts: Vec<&str> = s
            .split([':', '|', '—', '–'])
            .flat_map(|p| p.split(" - "))
            .collect();
        if parts.len() > 1 {
            texts.extend(parts.iter().map(|p| p.to_string()));
        }
    }
    let mut out: Vec<Vec<String>> = Vec::new();
    for t in texts {
        let w = title_words(&t);
        if !w.is_empty() && !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

/// A post's title without the words that say who gave it rather than what it was about:
/// "keynote by the creators of Reddit" → "keynote of Reddit", "keynote from the core team"
/// → "keynote". The phrase is "by" or "from", "the", then up to three lower-case words
/// ending in a group noun ("creators", "team", "maintainers"); a name after it ("of
/// Reddit") stays, since official titles often carry it.
pub fn strip_credit(title: &str) -> String {
    for link in [" by the ", " from the "] {
        let Some(at) = title.find(link) else { continue };
        let rest = &title[at + link.len()..];
        let mut consumed = 0;
        for word in rest.split(' ').take(3) {
            if word.is_empty() || !word.chars().all(|c| c.is_lowercase() || c == '-') {
                break;
            }
            consumed += word.len() + 1;
            if crate::extract::talks::GROUP_NOUNS.contains(&word) {
                let tail = rest.get(consumed - 1..).unwrap_or("");
                return format!("{}{tail}", &title[..at]);
            }
        }
    }
    title.to_string()
}

/// [`title_variants`] of a post's title, after [`strip_credit`].
pub fn post_title_variants(title: &str) -> Vec<Vec<String>> {
    title_variants(&strip_credit(title))
}

/// Where in the conference a title places its session: the part of the day ("morning",
/// "afternoon", "evening"), its place in the day ("opening", "closing", "final") and a
/// weekday ("Saturday").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Slot {
    /// 1 morning, 2 afternoon, 3 evening.
    pub part: Option<u8>,
    /// 1 opening, 2 closing.
    pub order: Option<u8>,
    /// 0 = Monday.
    pub weekday: Option<u32>,
}

impl Slot {
    /// The slot a title names.
    pub fn of(title: &str) -> Slot {
        let folded = fold(title);
        let mut slot = Slot::default();
        for w in folded.split(|c: char| !c.is_alphanumeric()) {
            if let Some(i) = WEEKDAYS.iter().position(|d| *d == w) {
                slot.weekday = Some(i as u32);
            }
            match w {
                "morning" => slot.part = Some(1),
                "afternoon" => slot.part = Some(2),
                "evening" => slot.part = Some(3),
                "opening" => slot.order = Some(1),
                "closing" | "final" => slot.order = Some(2),
                _ => {}
            }
        }
        slot
    }

    /// Whether two slots agree: [`SlotCheck::Conflicts`] when both name a part of the
    /// day, a place in the day or a weekday and those differ, [`SlotCheck::Agrees`] when
    /// they name the same one and nothing conflicts, else [`SlotCheck::Unknown`]. (The
    /// linker compares weekdays as days, and clears them before this check.)
    pub fn check(&self, other: &Slot) -> SlotCheck {
        let pairs = [
            (self.part.map(u32::from), other.part.map(u32::from)),
            (self.order.map(u32::from), other.order.map(u32::from)),
            (self.weekday, other.weekday),
        ];
        let mut agrees = false;
        for (a, b) in pairs {
            if let (Some(a), Some(b)) = (a, b) {
                if a != b {
                    return SlotCheck::Conflicts;
                }
                agrees = true;
            }
        }
        if agrees {
            SlotCheck::Agrees
        } else {
            SlotCheck::Unknown
        }
    }
}

/// Whether a post's session and an entry sit in the same slot ([`Slot::check`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlotCheck {
    /// Both name the same part of the day, place in the day or weekday.
    Agrees,
    /// They name different ones.
    Conflicts,
    /// One of them names none.
    Unknown,
}

impl SlotCheck {
    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            SlotCheck::Agrees => "agrees",
            SlotCheck::Conflicts => "conflicts",
            SlotCheck::Unknown => "unknown",
        }
    }
}

fn split_sentences(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = s.as_bytes();
    for (i, c) in s.char_indices() {
        if matches!(c, '.' | '!' | '?') && bytes.get(i + 1).is_some_and(|b| *b == b' ') {
            out.push(&s[start..i]);
            start = i + 1;
        }
    }
    out.push(&s[start..]);
    out.into_iter().filter(|p| !p.trim().is_empty()).collect()
}

/// True when two title words are the same word: equal stems, or a close spelling (at least
/// five letters each, spelling similarity at least 0.85, and the same first or last
/// letter).
pub fn words_match(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la < 5 || lb < 5 || la.abs_diff(lb) * 100 > la.max(lb) * 15 {
        return false;
    }
    let same_end = a.chars().next() == b.chars().next() || a.chars().last() == b.chars().last();
    same_end && strsim::normalized_damerau_levenshtein(a, b) >= 0.85
}

/// Word weights: inverse document frequency over a set of titles,
/// `ln(1 + n / (1 + df))`; a word in none of them has the largest weight, `ln(1 + n)`.
/// [`Weights::uniform`] weighs every word 1.
#[derive(Clone, Debug, Default)]
pub struct Weights {
    df: BTreeMap<String, usize>,
    n: usize,
}

impl Weights {
    /// Every word weighs 1.
    pub fn uniform() -> Weights {
        Weights::default()
    }

    /// Inverse document frequencies over `titles`.
    pub fn from_titles<'a>(titles: impl IntoIterator<Item = &'a str>) -> Weights {
        let mut df: BTreeMap<String, usize> = BTreeMap::new();
        let mut n = 0;
        for t in titles {
            n += 1;
            for w in title_words(t) {
                *df.entry(w).or_default() += 1;
            }
        }
        Weights { df, n }
    }

    /// The weight of a (stemmed) word.
    pub fn weight(&self, word: &str) -> f64 {
        if self.n == 0 {
            return 1.0;
        }
        let df = self.df.get(word).copied().unwrap_or(0);
        (1.0 + self.n as f64 / (1.0 + df as f64)).ln()
    }
}

/// Weighted shares of `a`'s words found in `b` and of `b`'s words found in `a`. A matched
/// pair weighs what the word of `b` weighs (so a misspelt word weighs what the right
/// spelling does).
pub fn coverage(a: &[String], b: &[String], weights: &Weights) -> (f64, f64) {
    let mut used = vec![false; b.len()];
    let mut matched_a = 0.0;
    let mut total_a = 0.0;
    for w in a {
        let hit = b
            .iter()
            .enumerate()
            .position(|(j, x)| !used[j] && x == w)
            .or_else(|| {
                b.iter()
                    .enumerate()
                    .position(|(j, x)| !used[j] && words_match(w, x))
            });
        match hit {
            Some(j) => {
                used[j] = true;
                let weight = weights.weight(&b[j]);
                matched_a += weight;
                total_a += weight;
            }
            None => total_a += weights.weight(w),
        }
    }
    let total_b: f64 = b.iter().map(|w| weights.weight(w)).sum();
    let matched_b: f64 = b
        .iter()
        .zip(&used)
        .filter(|(_, u)| **u)
        .map(|(w, _)| weights.weight(w))
        .sum();
    let share = |m: f64, t: f64| if t > 0.0 { m / t } else { 0.0 };
    (share(matched_a, total_a), share(matched_b, total_b))
}

/// `cover_p² × √cover_o` for two word lists.
pub fn word_list_similarity(post: &[String], official: &[String], weights: &Weights) -> f64 {
    let (cp, co) = coverage(post, official, weights);
    if cp == 0.0 {
        return 0.0;
    }
    cp * cp * co.sqrt()
}

/// Similarity in [0, 1] of a post's title to an official title (see the module docs).
/// A generic title ([`is_generic`]) scores 0 against anything.
pub fn title_similarity(post: &str, official: &str, weights: &Weights) -> f64 {
    variants_similarity(&title_variants(post), &title_variants(official), weights)
}

/// [`title_similarity`] of two titles' [`title_variants`], for callers that compare one
/// title with many.
pub fn variants_similarity(
    post: &[Vec<String>],
    official: &[Vec<String>],
    weights: &Weights,
) -> f64 {
    let mut best: f64 = 0.0;
    for p in post {
        for o in official {
            best = best.max(word_list_similarity(p, o, weights));
        }
    }
    best
}

/// A person's name as folded tokens, initials dropped: "Wesley J. Chun" → wesley, chun.
fn name_tokens(name: &str) -> Vec<String> {
    fold(name)
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .map(|t| t.trim_matches(|c| c == '\'' || c == '-'))
        .filter(|t| t.chars().count() > 1)
        .map(str::to_string)
        .collect()
}

/// How well a name in a post matches a scheduled speaker's name: 1 for the same name
/// (middle names and initials aside), 0.9 for a close spelling ("Grace O'Neil" for
/// "Grace O'Neill"), 0.5 for a first name or a surname alone ("Mariana", "Van der Berg"),
/// 0 otherwise.
pub fn name_match(post: &str, official: &str) -> f64 {
    let (p, o) = (name_tokens(post), name_tokens(official));
    if p.is_empty() || o.is_empty() {
        return 0.0;
    }
    if p == o {
        return 1.0;
    }
    if p.len() >= 2 && o.len() >= 2 {
        if p.first() == o.first() && p.last() == o.last() {
            return 1.0;
        }
        if strsim::normalized_damerau_levenshtein(&p.join(" "), &o.join(" ")) >= 0.85 {
            return 0.9;
        }
    }
    // One side is a part of the other: a first name (prefix) or a surname (suffix).
    let (short, long) = if p.len() < o.len() {
        (&p, &o)
    } else {
        (&o, &p)
    };
    if short.len() < long.len() && (long.starts_with(short) || long.ends_with(short)) {
        0.5
    } else {
        0.0
    }
}

/// Given names that are no common word (the built-in list before its ambiguous part).
static GIVEN_NAMES: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let mut names = HashSet::new();
    let mut ambiguous = false;
    for line in include_str!("../../rules/given_names.txt").lines() {
        let line = line.trim();
        if line.starts_with('#') {
            ambiguous = line.to_lowercase().contains("ambiguous");
        } else if !line.is_empty() && !ambiguous {
            names.insert(fold(line));
        }
    }
    names
});

/// The speakers an entry's title lists after a colon, when that part is nothing but one
/// or more names: "Keynote: Reddit: Steve Huffman and Alexis Ohanian" → Steve Huffman,
/// Alexis Ohanian. A name is two to four words that start with a known given name and
/// end with a capitalized word.
pub fn title_names(title: &str) -> Vec<String> {
    for part in title.split(':').skip(1) {
        let names: Vec<&str> = part
            .split(" and ")
            .flat_map(|p| p.split(" & "))
            .flat_map(|p| p.split(", "))
            .map(|p| p.trim().trim_end_matches(','))
            .filter(|p| !p.is_empty())
            .collect();
        let is_name = |n: &&str| {
            let words: Vec<&str> = n.split_whitespace().collect();
            let cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
            (2..=4).contains(&words.len())
                && GIVEN_NAMES.contains(&fold(words[0]))
                && cap(words[0])
                && cap(words[words.len() - 1])
                && words.iter().all(|w| {
                    w.chars()
                        .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
                })
        };
        if !names.is_empty() && names.iter().all(is_name) {
            return names.into_iter().map(str::to_string).collect();
        }
    }
    Vec::new()
}

/// Share of the post's speakers found among the scheduled speakers, each counted by its
/// best [`name_match`]. `None` (unknown) when the post names no speaker, or when the
/// schedule names none and the official title does not contain a post speaker's name
/// either (a keynote listed as "Keynote: Reddit: Steve Huffman and Alexis Ohanian").
pub fn speaker_overlap(post: &[String], official: &[String], official_title: &str) -> Option<f64> {
    if post.is_empty() {
        return None;
    }
    let in_title;
    let official = if official.is_empty() {
        in_title = title_names(official_title);
        &in_title[..]
    } else {
        official
    };
    if official.is_empty() {
        let title = format!(" {} ", name_tokens(official_title).join(" "));
        let found: Vec<f64> = post
            .iter()
            .map(|p| {
                let t = name_tokens(p);
                if t.len() >= 2 && title.contains(&format!(" {} ", t.join(" "))) {
                    1.0
                } else if t.len() >= 2
                    && t.last().is_some_and(|l| {
                        l.chars().count() >= 4 && title.contains(&format!(" {l} "))
                    })
                {
                    0.5
                } else {
                    0.0
                }
            })
            .collect();
        if found.iter().all(|f| *f == 0.0) {
            return None;
        }
        return Some(found.iter().sum::<f64>() / post.len() as f64);
    }
    let total: f64 = post
        .iter()
        .map(|p| {
            official
                .iter()
                .map(|o| name_match(p, o))
                .fold(0.0, f64::max)
        })
        .sum();
    Some(total / post.len() as f64)
}

/// Kinds of session that are not on a programme: a post's open space, BoF, sprint or
/// poster matches only an entry of the same kind.
fn unscheduled(k: TalkKind) -> bool {
    matches!(
        k,
        TalkKind::OpenSpace | TalkKind::Bof | TalkKind::Sprint | TalkKind::Poster
    )
}

/// How well a post's session kind agrees with an entry's (`None`: the schedule's "other"):
/// 1 the same kind; 0.9 tutorial and workshop; 0.8 the post says "talk" and the entry is a
/// keynote, panel or lightning talk (posts call everything a talk), 0.7 when it is a
/// tutorial or workshop;
/// 0.6 the post says keynote, panel, lightning talk, tutorial or workshop and the entry is
/// a talk; 0 for an open space, BoF, sprint or poster against any other kind; 0.4 for the
/// rest.
pub fn kind_agreement(post: TalkKind, official: Option<TalkKind>) -> f64 {
    use TalkKind::*;
    match (post, official) {
        (p, Some(o)) if p == o => 1.0,
        (p, _) if unscheduled(p) => 0.0,
        (Tutorial, Some(Workshop)) | (Workshop, Some(Tutorial)) => 0.9,
        (Talk, Some(Keynote | Panel | Lightning)) => 0.8,
        (Talk, Some(Tutorial | Workshop)) => 0.7,
        (Keynote | Panel | Lightning | Tutorial | Workshop, Some(Talk)) => 0.6,
        _ => 0.4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credit_is_not_a_subject() {
        assert_eq!(strip_credit("keynote by the creators"), "keynote");
        assert_eq!(
            strip_credit("keynote by the creators of Reddit"),
            "keynote of Reddit"
        );
        assert_eq!(strip_credit("keynote from the core team"), "keynote");
        // Not a group: the title stays.
        assert_eq!(
            strip_credit("notes from the field trip"),
            "notes from the field trip"
        );
        assert!(post_title_variants("keynote by the creators").is_empty());
        assert_eq!(
            post_title_variants("keynote by the creators of Reddit"),
            vec![vec!["reddit".to_string()]]
        );
    }

    #[test]
    fn names_in_titles() {
        assert_eq!(
            title_names("Keynote: Reddit: Steve Huffman and Alexis Ohanian"),
            ["Steve Huffman", "Alexis Ohanian"]
        );
        assert!(title_names("Python 401: Some Advanced Topics").is_empty());
        assert!(title_names("Plenary: Morning Lightning Talks").is_empty());
        assert!(title_names("Designing a web framework: Django's design decisions").is_empty());
        assert!(title_names("Keynote: Big Data and Small Teams").is_empty());
        assert!(title_names("Keynote: Python in the Classroom, Ten Years On").is_empty());
        assert_eq!(title_names("Keynote: Ruth Amsel"), ["Ruth Amsel"]);
    }

    #[test]
    fn slots() {
        let s = |t: &str| Slot::of(t);
        assert_eq!(
            s("morning keynote").check(&s("Keynote: X")),
            SlotCheck::Unknown
        );
        assert_eq!(
            s("closing keynote").check(&s("Closing Keynote: X")),
            SlotCheck::Agrees
        );
        assert_eq!(
            s("opening keynote").check(&s("Closing Keynote: X")),
            SlotCheck::Conflicts
        );
        assert_eq!(
            s("Saturday").check(&s("Plenary: Morning Lightning Talks (Saturday)")),
            SlotCheck::Agrees
        );
        assert_eq!(
            s("Friday").check(&s("Plenary: Morning Lightning Talks (Saturday)")),
            SlotCheck::Conflicts
        );
        assert_eq!(
            s("final keynote").check(&s("Closing Keynote: X")),
            SlotCheck::Agrees
        );
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-3
    }

    #[test]
    fn title_words_cases() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("stop words go", "The State of Django", &["state", "django"]),
            (
                "possessive and stem",
                "Django’s design decisions",
                &["django", "design", "decision"],
            ),
            (
                "session words go",
                "Panel: The Future of Python Packaging",
                &["future", "python", "packag"],
            ),
            ("a time of day is no subject", "the morning keynote", &[]),
            ("short -ing kept", "String Theory", &["string", "theory"]),
            ("day words go", "Friday Lightning Talks", &[]),
            ("repeats once", "pytest, pytest-cov", &["pytest", "cov"]),
        ];
        for (name, title, want) in cases {
            assert_eq!(title_words(title), *want, "{name}");
        }
    }

    #[test]
    fn title_similarity_cases() {
        let u = Weights::uniform();
        // (name, post, official, expected), uniform weights.
        let cases: &[(&str, &str, &str, f64)] = &[
            (
                "same title",
                "The State of Django",
                "The State of Django",
                1.0,
            ),
            (
                "subtitle after a colon",
                "Django's design decisions",
                "Designing a web framework: Django's design decisions",
                1.0,
            ),
            (
                "keynote prefix",
                "software as a craft tradition",
                "Keynote: Software as a Craft Tradition",
                1.0,
            ),
            // 2 of 4 official words: 1² × √0.5 = 0.7071
            (
                "short title contained in a long one",
                "Behind the scenes of",
                "Behind the scenes of EveryBlock.com",
                std::f64::consts::FRAC_1_SQRT_2,
            ),
            // 1 of 4 official words ("day" goes): 1² × √0.25 = 0.5
            (
                "one word in a long title",
                "Celery",
                "Scaling Celery to a Billion Tasks a Day",
                0.5,
            ),
            // typo: still 1 of 1 post word, 1 of 1 official word
            ("typo", "mutliprocessing", "multiprocessing", 1.0),
            // 1 of 2 post words, 1 of 2 official words: 0.5² × √0.5 = 0.1768
            (
                "half the post title",
                "State of TurboGears",
                "The State of Django",
                0.1768,
            ),
            ("nothing shared", "Eve Online", "The State of Django", 0.0),
            ("generic", "keynote", "Keynote: Reddit", 0.0),
        ];
        for (name, post, official, want) in cases {
            let got = title_similarity(post, official, &u);
            assert!(close(got, *want), "{name}: {got} want {want}");
        }
    }

    #[test]
    fn rare_words_weigh_more() {
        let titles = [
            "Python 101",
            "Python 102",
            "Python for Teachers",
            "Python 401: Some Advanced Topics",
        ];
        let w = Weights::from_titles(titles);
        assert!(w.weight("python") < w.weight("teacher"));
        assert!(w.weight("cs1") > w.weight("teacher"));
        assert!(title_similarity("Python for CS1", "Python 101", &w) < 0.1);
    }

    #[test]
    fn name_match_cases() {
        let cases = [
            ("same", "Adaeze Okonkwo", "Adaeze Okonkwo", 1.0),
            ("diacritics", "Lukasz Zielinski", "Łukasz Zieliński", 1.0),
            ("middle initial", "Wesley Chun", "Wesley J. Chun", 1.0),
            ("misspelt", "Grace O'Neil", "Grace O'Neill", 0.9),
            ("curly apostrophe", "Grace O’Neill", "Grace O'Neill", 1.0),
            ("first name", "Mariana", "Mariana Cavalcanti", 0.5),
            ("surname", "Van der Berg", "Daan van der Berg", 0.5),
            ("other person", "Jesse Noller", "David Beazley", 0.0),
            ("other first name", "Guido", "Steve Huffman", 0.0),
        ];
        for (name, p, o, want) in cases {
            assert!(close(name_match(p, o), want), "{name}");
        }
    }

    #[test]
    fn speaker_overlap_cases() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        type Case = (
            &'static str,
            Vec<String>,
            Vec<String>,
            &'static str,
            Option<f64>,
        );
        let cases: &[Case] = &[
            ("no post speaker", s(&[]), s(&["A B"]), "", None),
            (
                "all found",
                s(&["Ingrid Solberg", "Aroha Ngata"]),
                s(&["Ingrid Solberg", "Dmitri Volkov", "Aroha Ngata"]),
                "",
                Some(1.0),
            ),
            (
                "half found",
                s(&["Ingrid Solberg", "Nobody Else"]),
                s(&["Ingrid Solberg"]),
                "",
                Some(0.5),
            ),
            (
                "conflict",
                s(&["Jesse Noller"]),
                s(&["David Beazley"]),
                "",
                Some(0.0),
            ),
            (
                "speakers named in the title",
                s(&["Guido"]),
                s(&[]),
                "Keynote: Reddit: Steve Huffman and Alexis Ohanian",
                Some(0.0),
            ),
            (
                "unknown schedule speakers",
                s(&["Guido"]),
                s(&[]),
                "Keynote: The Road Ahead",
                None,
            ),
            (
                "name in the official title",
                s(&["Steve Huffman"]),
                s(&[]),
                "Keynote: Reddit: Steve Huffman and Alexis Ohanian",
                Some(1.0),
            ),
        ];
        for (name, p, o, title, want) in cases {
            let got = speaker_overlap(p, o, title);
            match (got, want) {
                (None, None) => {}
                (Some(g), Some(w)) => assert!(close(g, *w), "{name}: {g}"),
                _ => panic!("{name}: {got:?} want {want:?}"),
            }
        }
    }

    #[test]
    fn kind_agreement_cases() {
        use TalkKind::*;
        let cases = [
            ("same", Keynote, Some(Keynote), 1.0),
            ("post says talk", Talk, Some(Keynote), 0.8),
            ("schedule says talk", Panel, Some(Talk), 0.6),
            ("post says talk for a tutorial", Talk, Some(Tutorial), 0.7),
            ("tutorial as workshop", Tutorial, Some(Workshop), 0.9),
            ("open space is not scheduled", OpenSpace, Some(Talk), 0.0),
            ("bof against other", Bof, None, 0.0),
            ("keynote against panel", Keynote, Some(Panel), 0.4),
        ];
        for (name, p, o, want) in cases {
            assert!(close(kind_agreement(p, o), want), "{name}");
        }
    }
}
