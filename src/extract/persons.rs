//! Person names: capitalized word sequences, confirmed by a given-name lexicon or by the
//! words around them.
//!
//! A name is accepted when it starts with a known given name ("Jesse Noller"), when a cue
//! says a person stands there ("talk by X", "X's keynote", "thanks X", "X presented"),
//! or when it is a short form of a full name found elsewhere in the post ("Jesse",
//! "Noller", a misspelling). Words that are never names (months, weekdays, sentence
//! openers), places, organisations, conferences and projects are filtered out.

use super::{Context, EntityKind, Mention, days, has_span, resolve_overlaps};
use crate::rules::{Rules, WordLists, fold, fold_into, within_edits};
use crate::span::Span;
use crate::swar::{HIGHS, ascii_bytes_between, first_flagged};
use crate::tokenize::{Sentence, single_spaced};
use regex::Regex;
use rustc_hash::FxHashSet;
use std::fmt;
use std::ops::{Deref, Range};
use std::sync::LazyLock;

/// A capitalized name as scanned from the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameSpan {
    /// The name without honorific or possessive.
    pub span: Span,
    /// Each name part ("Kaplan-Moss" is one part; particles are parts too).
    pub parts: NameParts,
    /// An honorific ("Dr.", "Mr") stood before it.
    pub honorific: bool,
    /// Where the scan stopped, after any possessive.
    pub end: usize,
    /// The name was followed by a possessive `'s`.
    pub possessive: bool,
    /// The first word the scan read and its lists, if the honorific test looked them up.
    first_word: Option<(Span, WordLists)>,
}

impl NameSpan {
    /// Number of capitalized parts (particles and initials excluded).
    pub fn full_parts(&self) -> usize {
        self.parts.full_count()
    }
}

/// Whether a name part counts in [`NameSpan::full_parts`]: capitalized or a camel-case
/// surname, and more than an initial.
fn is_full_part(part: &str) -> bool {
    let bytes = part.as_bytes();
    match bytes.first() {
        // An ASCII first character is one byte: a second character follows it exactly
        // when a byte other than a dot does.
        Some(first) if first.is_ascii() => {
            (first.is_ascii_uppercase() || starts_camel_surname(part))
                && bytes
                    .iter()
                    .rposition(|&b| b != b'.')
                    .is_some_and(|i| i > 0)
        }
        _ => {
            (part.chars().next().is_some_and(char::is_uppercase) || starts_camel_surname(part))
                && part.trim_end_matches('.').chars().nth(1).is_some()
        }
    }
}

/// The most parts a scanned name has.
const MAX_PARTS: usize = 5;

/// A name's parts, held inline: names are scanned at nearly every capital of a post,
/// and a heap allocation for each would cost more than the scan.
#[derive(Clone, Copy, Default)]
pub struct NameParts {
    spans: [Span; MAX_PARTS],
    len: usize,
    /// Bit `i` is set when part `i` is a full part (see [`is_full_part`]): told once as
    /// the part is read, since a candidate's full parts are counted for several tests.
    full: u8,
}

impl NameParts {
    /// Adds a part, `full` if it is a full part; a name has room for [`MAX_PARTS`].
    fn push(&mut self, span: Span, full: bool) {
        self.spans[self.len] = span;
        self.full |= u8::from(full) << self.len;
        self.len += 1;
    }

    /// Removes the last part.
    fn pop(&mut self) -> Option<Span> {
        self.len = self.len.checked_sub(1)?;
        self.full &= !(1 << self.len);
        Some(self.spans[self.len])
    }

    /// Removes the first part.
    fn drop_first(&mut self) {
        self.spans.copy_within(1..self.len, 0);
        self.len -= 1;
        self.full >>= 1;
    }

    /// Whether part `i` is a full part.
    fn is_full(&self, i: usize) -> bool {
        self.full >> i & 1 != 0
    }

    /// Number of full parts.
    fn full_count(&self) -> usize {
        self.full.count_ones() as usize
    }
}

impl Deref for NameParts {
    type Target = [Span];

    fn deref(&self) -> &[Span] {
        &self.spans[..self.len]
    }
}

impl PartialEq for NameParts {
    fn eq(&self, other: &NameParts) -> bool {
        **self == **other && self.full == other.full
    }
}

impl Eq for NameParts {}

impl fmt::Debug for NameParts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Words after a name that show a person did something a person does.
static VERB_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s+\w+ly)?\s+(?:gave|gives|presented|presents|delivered|delivers|spoke|speaks|talked|talks about|discussed|discusses|showed|shows|explained|explains|introduced|introduces|demoed|demonstrated|shared|shares|argued|argues|walked|walks|kicked|opened|closed|led|leads|ran|hosted|hosts|said|says|mentioned|mentions|wants|noted|pointed|told|tells|asked|answered|covered|described|continued|provided|wrote|writes|joined|reminded|suggested|recommended|recalled|highlighted|emphasized|emphasised|stressed|announced|convinced|started|finished|went|took|did|made|helped|organized|organised|thinks|believes|holds|works|received)\b")
        .expect("verb pattern")
});

/// Words before a name that show a person stands there.
static CUE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\bby|\bwith|\bthanks?(?: to)?|\bthank you|\bmet(?: up with)?|\bmeet|\bmeeting|\bfeaturing|\bhosted by|\binterview(?:ed)? with|\bspeakers?:?|\bfrom|\bkeynote:|\btalk:|\bdear|\bcongrats(?: to)?|\bcongratulations(?: to)?|\bhi|\bhello|\bsee|\bsaw|\bheard|\blike)\s*,?\s*$")
        .expect("cue pattern")
});

/// Words that, after a place that is also a given name, make the whole a place
/// ("Victoria Park", "Jordan River"), though some are surnames elsewhere.
const PLACE_NOUNS: [&str; 40] = [
    "Abbey",
    "Arena",
    "Avenue",
    "Bay",
    "Boulevard",
    "Bridge",
    "Castle",
    "Cathedral",
    "City",
    "County",
    "Court",
    "Creek",
    "Cross",
    "Docks",
    "Falls",
    "Garden",
    "Gardens",
    "Gate",
    "Harbor",
    "Heights",
    "Hill",
    "Hills",
    "House",
    "Lane",
    "Market",
    "Opera",
    "Palace",
    "Park",
    "Pier",
    "Place",
    "Point",
    "Port",
    "Quay",
    "River",
    "Road",
    "Springs",
    "Stadium",
    "Terrace",
    "Tower",
    "Zoo",
];

/// Finds person mentions, given the projects, days and blockers' spans already found.
pub fn find(
    ctx: &Context,
    projects: &[Mention],
    days: &[Mention],
    blockers: &[Span],
) -> Vec<Mention> {
    let text = ctx.text;
    let rules = ctx.rules;
    let mut full: Vec<Mention> = Vec::new();
    let mut rejected_full: Vec<Span> = Vec::new();
    let mut singles: Vec<LoneWord> = Vec::new();
    let mut pieces = Vec::new();
    // Candidates come in text order: each list is walked once rather than bisected for each.
    let mut blockers = InOrder::new(blockers, |b| *b);
    let mut days = InOrder::new(days, |d| d.span);
    let mut covering_projects = InOrder::new(projects, |p| p.span);
    let mut sentences = SentenceCursor::new(&ctx.tokens.sentences);
    let mut at = 0;
    while let Some(start) = next_capital(text, at) {
        // The name is read where the scan left it: a name is too large a value to move.
        let scanned = scan_name(text, start, rules);
        let Some(name) = &scanned else {
            at = start + text[start..].chars().next().map_or(1, char::len_utf8);
            continue;
        };
        at = name.end.max(start + 1);
        split_on_non_names(text, name, rules, &mut pieces);
        // Each piece is narrowed where it lies: a name is too large a value to move for
        // every test.
        for (candidate, first_lists) in &mut pieces {
            let first_lists = *first_lists;
            let given_first = first_lists.is_given_name();
            // A given name that is also a place ("Chad Fowler", "Austin Lee") opens a
            // name where the words after it are not places too.
            let first_part = candidate.parts[0];
            let overlapping = blockers.overlapping(candidate.span);
            let given_place = (given_first || first_lists.is_ambiguous_given_name())
                && candidate.full_parts() >= 2
                && matches!(overlapping, [only] if *only == first_part)
                && !candidate.parts[1..]
                    .iter()
                    .any(|p| PLACE_NOUNS.contains(&p.slice(text)));
            if !given_place
                && overlapping
                    .iter()
                    .any(|b| !(given_first && b.start > first_part.end))
                || !days.overlapping(candidate.span).is_empty()
            {
                continue;
            }
            // The projects the candidate overlaps, found once for the three tests below.
            let covering = covering_projects.overlapping(candidate.span);
            // A lone word that is also an ambiguous project ("Julia") may still be the
            // short form of a full name; that is decided once full names are known.
            let blocked = blocked_by_project(candidate, covering, given_first, rules);
            if blocked && !(candidate.parts.len() == 1 && any_weak_project(covering, rules)) {
                continue;
            }
            drop_trailing_project(candidate, covering);
            let first_part = candidate.parts[0];
            if !drop_sentence_opener(ctx, &mut sentences, candidate, first_lists) {
                continue;
            }
            let parts = candidate.full_parts();
            if parts >= 2 {
                if organisation_suffix_after(text, candidate.span.end, rules) {
                    continue;
                }
                let lists = if candidate.parts[0] == first_part {
                    first_lists
                } else {
                    rules.word_lists(candidate.parts[0].slice(text))
                };
                let given = lists.is_given_name() || lists.is_ambiguous_given_name();
                // The cue's patterns are read only where a given name does not decide.
                if given || candidate.honorific || has_cue(text, candidate) {
                    full.push(Mention {
                        kind: EntityKind::Person,
                        span: candidate.span,
                        name: name_text_of(text, candidate),
                        rule: if given {
                            "person/given-name"
                        } else {
                            "person/cue"
                        },
                    });
                } else {
                    rejected_full.push(candidate.span);
                }
            } else if parts == 1 {
                let whole_first_part =
                    candidate.parts.len() == 1 && candidate.parts[0] == first_part;
                singles.push(LoneWord {
                    span: candidate.span,
                    end: candidate.end,
                    honorific: candidate.honorific,
                    possessive: candidate.possessive,
                    blocked,
                    known_lists: whole_first_part.then_some(first_lists),
                });
            }
        }
    }
    let listed = listed_beside_persons(text, &full, &rejected_full);
    let mut found = full;
    for (c, _) in rejected_full.iter().zip(&listed).filter(|(_, l)| **l) {
        found.push(Mention {
            kind: EntityKind::Person,
            span: *c,
            name: name_text(text, *c),
            rule: "person/listed",
        });
    }
    let mut folded_parts = String::new();
    let full_names = FullNames::new(found.iter().map(|m| m.name.as_str()), &mut folded_parts);
    // Each lone word is folded into the same buffer.
    let mut folded_word = String::new();
    for single in singles {
        let word = single.span.slice(text);
        folded_word.clear();
        fold_into(word, &mut folded_word);
        let alias = full_names.have_short_form(&folded_word);
        // A lone word that a project overlaps came this far only as a context-only
        // project's word, which only a full name makes a person.
        if !alias && single.blocked {
            continue;
        }
        // A lone unknown word needs more than "by X": organisations stand there too.
        let lists = single.known_lists.unwrap_or_else(|| rules.word_lists(word));
        let given = lists.is_given_name() || lists.is_ambiguous_given_name();
        // The cue's patterns are read last, where the answer still depends on them: a
        // verb after the word ("Guido said") is enough, a cue before it ("thanks Guido")
        // only for a given name. A possessive name has only its talk as a cue.
        let strong_cue = || {
            single.honorific
                || possessive_talk(text, single.possessive, single.end)
                || !single.blocked
                    && !single.possessive
                    && (VERB_AFTER.is_match(&text[single.end..])
                        || given && cue_before(text, single.span.start))
        };
        if (alias || (!lists.is_non_person_word() && strong_cue()))
            && !organisation_suffix_after(text, single.span.end, rules)
        {
            found.push(Mention {
                kind: EntityKind::Person,
                span: single.span,
                name: word.to_string(),
                rule: if alias {
                    "person/short-form"
                } else {
                    "person/cue"
                },
            });
        }
    }
    resolve_overlaps(found, |m| u8::from(m.rule != "person/given-name"))
}

/// "Anvesh Kolte, Rohan Sathe and Nikhil Pendse": which of the `rejected` full names are listed
/// beside a person of `persons`, or beside a name so listed, with no more than "and" or a
/// comma between. Both are in text order and no two of them overlap; every one holds a
/// capital, so only the neighbours in text order can be that close. A chain of names is
/// followed from the left, then from the right: each name is tested against its two
/// neighbours only, not every person against the names nearest it.
fn listed_beside_persons(text: &str, persons: &[Mention], rejected: &[Span]) -> Vec<bool> {
    let mut listed = vec![false; rejected.len()];
    let mut persons_before = 0;
    for k in 0..rejected.len() {
        let name = rejected[k];
        persons_before += persons[persons_before..]
            .iter()
            .take_while(|p| p.span.end <= name.start)
            .count();
        let person = persons_before
            .checked_sub(1)
            .map(|i| (persons[i].span, true));
        let previous = k.checked_sub(1).map(|i| (rejected[i], listed[i]));
        // The neighbour is the one that ends last.
        let neighbour = person
            .into_iter()
            .chain(previous)
            .max_by_key(|(s, _)| s.end);
        listed[k] = neighbour.is_some_and(|(s, joins)| joins && list_gap(text, s.end, name.start));
    }
    let mut persons_after = persons.len();
    for k in (0..rejected.len()).rev() {
        let name = rejected[k];
        persons_after -= persons[..persons_after]
            .iter()
            .rev()
            .take_while(|p| p.span.start >= name.end)
            .count();
        let person = persons.get(persons_after).map(|p| (p.span, true));
        let next = rejected.get(k + 1).map(|s| (*s, listed[k + 1]));
        // The neighbour is the one that starts first.
        let neighbour = person.into_iter().chain(next).min_by_key(|(s, _)| s.start);
        listed[k] |= neighbour.is_some_and(|(s, joins)| joins && list_gap(text, name.end, s.start));
    }
    listed
}

/// Whether the text from `a` to `b` separates two names of a list: a comma, "and" or "&".
fn list_gap(text: &str, a: usize, b: usize) -> bool {
    matches!(text[a..b].trim(), "," | "and" | ", and" | "&")
}

/// A lone name word kept until the post's full names are known: what the tests after
/// that read of it, rather than the whole scanned name with room for every part.
struct LoneWord {
    span: Span,
    /// Where the scan stopped, after any possessive.
    end: usize,
    honorific: bool,
    possessive: bool,
    /// A project overlaps it. A lone word is no full name starting with a given name,
    /// which alone may pass a project, and a blocked one came this far only as one word
    /// (never narrowed after its projects were found) that a context-only project
    /// overlaps.
    blocked: bool,
    /// Its lists, if they were looked up for the first part of its scanned name.
    known_lists: Option<WordLists>,
}

/// Spans in text order, none overlapping another (as [`super::overlapping`] takes them),
/// asked which of them overlap spans that never start before the ones asked about earlier.
struct InOrder<'s, T, F> {
    sorted: &'s [T],
    span_of: F,
    /// The first that may still overlap a span asked about: those before it end before.
    from: usize,
}

impl<'s, T, F: Fn(&T) -> Span> InOrder<'s, T, F> {
    fn new(sorted: &'s [T], span_of: F) -> Self {
        InOrder {
            sorted,
            span_of,
            from: 0,
        }
    }

    /// Those that overlap `span`, which starts no earlier than any span asked about before.
    fn overlapping(&mut self, span: Span) -> &'s [T] {
        let sorted = self.sorted;
        self.from += sorted[self.from..]
            .iter()
            .take_while(|t| (self.span_of)(t).end <= span.start)
            .count();
        let rest = &sorted[self.from..];
        let len = rest
            .iter()
            .take_while(|t| (self.span_of)(t).start < span.end)
            .count();
        &rest[..len]
    }
}

/// Whether `short` is a first name, surname or near spelling of the full name `full`.
pub fn short_form_of(short: &str, full: &str) -> bool {
    FoldedName::new(full).has_short_form(&fold(short))
}

/// A name folded once (case and diacritics), because a post compares every short form
/// with every full name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoldedName {
    /// The folded parts, in order.
    pub parts: Vec<String>,
}

impl FoldedName {
    /// Folds `name`.
    pub fn new(name: &str) -> FoldedName {
        FoldedName {
            parts: name.split_whitespace().map(fold).collect(),
        }
    }

    /// Whether the folded word `short` is this full name's first name, surname, or a
    /// first name one slip of the keyboard away ("Tavi" for "Tavy").
    pub fn has_short_form(&self, short: &str) -> bool {
        is_short_form(short, &self.parts)
    }
}

/// [`FoldedName::has_short_form`] for a name folded part by part into `parts`, wherever
/// the parts are kept: resolution has them as slices of one string.
pub fn is_short_form(short: &str, parts: &[impl AsRef<str>]) -> bool {
    if parts.len() < 2 {
        return false;
    }
    let first = parts[0].as_ref();
    let last = parts[parts.len() - 1].as_ref();
    short == first || short == last || near_first_name(short, first)
}

/// Whether `short` is a first name `first` mistyped: both of four or more letters, the
/// same first letter, one edit apart.
fn near_first_name(short: &str, first: &str) -> bool {
    near_first_name_counted(short, first, (short.chars().count(), first.chars().count()))
}

/// [`near_first_name`], given how many characters `short` and `first` have: a short form
/// is compared with many first names, each counted once.
fn near_first_name_counted(short: &str, first: &str, lengths: (usize, usize)) -> bool {
    // The cheapest tests first: most pairs differ in their first letter.
    short.chars().next() == first.chars().next()
        && lengths.0 >= 4
        && lengths.1 >= 4
        && short != first
        && within_edits(short, first, lengths, 1)
}

/// The full names of one post, indexed for the short-form question every lone name asks.
/// The folded parts are slices of one string: a post names dozens of persons, and a
/// string for each part would cost more than folding it.
struct FullNames<'f> {
    /// Folded first names and surnames of names of two or more parts. Only this post's
    /// names are keys, so a fast hash does (see `rustc_hash`).
    first_or_last: FxHashSet<&'f str>,
    /// Folded first names of four or more letters with their first letters and their
    /// numbers of characters, sorted by first letter, so that the names sharing a first
    /// letter lie together.
    long_firsts: Vec<(char, &'f str, usize)>,
}

impl<'f> FullNames<'f> {
    /// Indexes `names`, single spaced as [`name_text`] gives them, folding their parts
    /// into `folded` (cleared first).
    fn new<'n>(names: impl ExactSizeIterator<Item = &'n str>, folded: &'f mut String) -> Self {
        folded.clear();
        // Where each name's folded first name and surname lie in `folded`.
        let mut ends = Vec::with_capacity(names.len());
        // A post names the same persons again and again: each name is folded once.
        let mut seen = FxHashSet::with_capacity_and_hasher(names.len(), Default::default());
        for name in names.filter(|name| seen.insert(*name)) {
            let Some(words) = first_and_last_word(name) else {
                continue;
            };
            ends.push(fold_first_and_last(name, words, folded));
        }
        let folded: &'f String = folded;
        // Sized for the names up front: growing a set moves every key it holds.
        let mut first_or_last =
            FxHashSet::with_capacity_and_hasher(2 * ends.len(), Default::default());
        let mut long_firsts = Vec::new();
        // The first names go in before any surname, so that a first name new to the set is
        // one not seen before: many persons share a first name, and each is tried once.
        for (first, _) in &ends {
            let first = &folded[first.clone()];
            if first_or_last.insert(first) {
                let mut letters = first.chars();
                if let (Some(initial), Some(_)) = (letters.next(), letters.nth(2)) {
                    long_firsts.push((initial, first, 4 + letters.count()));
                }
            }
        }
        for (_, last) in ends {
            first_or_last.insert(&folded[last]);
        }
        // Only the first letters are compared: a letter's names are tried in any order.
        long_firsts.sort_unstable_by_key(|&(initial, _, _)| initial);
        FullNames {
            first_or_last,
            long_firsts,
        }
    }

    /// Whether any of the names has the folded word `short` as a short form, as
    /// [`FoldedName::has_short_form`] decides.
    fn have_short_form(&self, short: &str) -> bool {
        if self.first_or_last.contains(short) {
            return true;
        }
        let Some(initial) = short.chars().next() else {
            return false;
        };
        let from = self.long_firsts.partition_point(|&(i, _, _)| i < initial);
        let short_chars = short.chars().count();
        self.long_firsts[from..]
            .iter()
            .take_while(|&&(i, _, _)| i == initial)
            .any(|&(_, first, chars)| near_first_name_counted(short, first, (short_chars, chars)))
    }
}

/// The first and the last word of a name of two or more words, single spaced. A name is
/// a few bytes: its spaces are found by looking at each, which costs less than setting up
/// a search for them.
fn first_and_last_word(name: &str) -> Option<(&str, &str)> {
    let bytes = name.as_bytes();
    let first_end = bytes.iter().position(|&b| b == b' ')?;
    let last_start = bytes.iter().rposition(|&b| b == b' ')? + 1;
    Some((&name[..first_end], &name[last_start..]))
}

/// Appends the folded `first` and `last` words of `name` to `folded`; gives where each
/// lies. An ASCII name folds byte for byte: it is folded whole, in one call, with any
/// words between, where a call for each word would cost more than a name's few bytes.
fn fold_first_and_last(
    name: &str,
    (first, last): (&str, &str),
    folded: &mut String,
) -> (Range<usize>, Range<usize>) {
    let start = folded.len();
    if name.is_ascii() {
        fold_into(name, folded);
        let end = folded.len();
        return (start..start + first.len(), end - last.len()..end);
    }
    fold_into(first, folded);
    let first_end = folded.len();
    fold_into(last, folded);
    (start..first_end, first_end..folded.len())
}

/// Whether a talk follows a possessive name ("Guido's keynote") ending at `end`.
fn possessive_talk(text: &str, possessive: bool, end: usize) -> bool {
    static TALK_AFTER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:\s+[\w-]+){0,3}?\s+(?:talk|keynote|presentation|tutorial|panel|session|workshop|slides|lightning talk)s?\b")
            .expect("possessive talk pattern")
    });
    possessive && TALK_AFTER.is_match(&text[end..])
}

fn has_cue(text: &str, name: &NameSpan) -> bool {
    if name.possessive {
        return possessive_talk(text, name.possessive, name.end);
    }
    cue_before(text, name.span.start) || VERB_AFTER.is_match(&text[name.end..])
}

/// Whether [`CUE_BEFORE`] ends the line of a name starting at `start` within the 30
/// characters before it.
fn cue_before(text: &str, start: usize) -> bool {
    let before_start = text[..start]
        .char_indices()
        .rev()
        .nth(30)
        .map_or(0, |(i, _)| i);
    let before = &text[before_start..start];
    let before_line = before.rsplit('\n').next().unwrap_or(before);
    CUE_BEFORE.is_match(before_line)
}

/// Whether a project of `covering`, those overlapping the name, rules the name out.
/// `given_first` tells whether the name's first part is a known given name, as its lists,
/// looked up once for every test, say.
fn blocked_by_project(
    name: &NameSpan,
    covering: &[Mention],
    given_first: bool,
    rules: &Rules,
) -> bool {
    if covering.is_empty() {
        return false;
    }
    // A full name starting with a known given name beats context-only project words. Most
    // names a project covers are one word: the projects, dearer to look up, come last.
    let given_full_name = given_first && name.full_parts() >= 2;
    !given_full_name || !covering.iter().all(|p| is_weak_project(p, rules))
}

/// Whether any of `projects` is a context-only project ("Julia", "Ruby").
fn any_weak_project(projects: &[Mention], rules: &Rules) -> bool {
    projects.iter().any(|p| is_weak_project(p, rules))
}

/// Whether the project mention `p` names a context-only project.
fn is_weak_project(p: &Mention, rules: &Rules) -> bool {
    rules
        .project_named(&p.name)
        .is_some_and(|i| rules.project(i).context || rules.project(i).exact)
}

/// The text of a name's `span` with parts joined as written but white space folded.
fn name_text(text: &str, span: Span) -> String {
    single_spaced(span.slice(text)).into_owned()
}

/// [`name_text`] of a scanned `name`. Its parts are one space apart (nearly every name)
/// or a no-break space apart, which scanning allows alone: where every gap is one byte,
/// the name is single spaced as written and is copied without being searched for white
/// space.
fn name_text_of(text: &str, name: &NameSpan) -> String {
    let one_space_apart = name.parts.windows(2).all(|p| p[1].start == p[0].end + 1);
    if one_space_apart {
        name.span.slice(text).to_string()
    } else {
        name_text(text, name.span)
    }
}

/// "Freddie Cole Dash": a project name right after a full name is not part of it.
/// `covering` are the projects overlapping the name, in text order.
fn drop_trailing_project(name: &mut NameSpan, covering: &[Mention]) {
    let last = name.parts[name.parts.len() - 1];
    let is_project = has_span(covering, last);
    if !is_project || name.full_parts() < 3 {
        return;
    }
    name.parts.pop();
    let end = name.parts[name.parts.len() - 1].end;
    name.span = Span::new(name.parts[0].start, end);
    name.end = end;
    name.possessive = false;
}

/// The sentences of a post, asked for the one holding each of a series of offsets that
/// never decrease, as [`crate::tokenize::Tokens::sentence_at`] finds it: names are
/// judged in text order, so the sentences are walked once rather than searched for each.
struct SentenceCursor<'s> {
    sentences: &'s [Sentence],
    /// How many sentences start at or before the offset last asked about.
    started: usize,
}

impl<'s> SentenceCursor<'s> {
    fn new(sentences: &'s [Sentence]) -> Self {
        SentenceCursor {
            sentences,
            started: 0,
        }
    }

    /// The sentence holding `offset`, which is no smaller than any asked about before.
    fn at(&mut self, offset: usize) -> Option<&'s Sentence> {
        let sentences = self.sentences;
        self.started += sentences[self.started..]
            .iter()
            .take_while(|s| s.span.start <= offset)
            .count();
        self.started.checked_sub(1).map(|i| &sentences[i])
    }
}

/// Drops a first part that merely opens the sentence ("Then", "Brilliant") when it is
/// not a given name (`lists` are the first part's); returns whether anything is left.
/// `sentences` are asked about names in text order.
fn drop_sentence_opener(
    ctx: &Context,
    sentences: &mut SentenceCursor,
    name: &mut NameSpan,
    lists: WordLists,
) -> bool {
    let text = ctx.text;
    let first = name.parts[0];
    // A given name or an honorific keeps the name wherever it stands: the sentence, dearer
    // to find, is looked up only for the other names.
    if name.honorific || lists.is_given_name() || lists.is_ambiguous_given_name() {
        return true;
    }
    let opens = sentences
        .at(first.start)
        .is_some_and(|s| sentence_opener_at(text, s.span.start, first.start));
    if !opens {
        return true;
    }
    if name.parts.len() == 1 {
        // A lone sentence-initial word is a person only with a cue after it.
        return VERB_AFTER.is_match(&text[name.end..]);
    }
    let word = first.slice(text);
    // "Afterwards Jesse Noller": drop an opener that is an everyday word; keep an
    // unknown one, which may well be a given name ("Vishranth Mohan talked …").
    let everyday = lists.is_non_person_word() || {
        let lower = word.to_lowercase();
        ["ly", "ed", "ing"].iter().any(|s| lower.ends_with(s))
    };
    if !everyday {
        return true;
    }
    name.parts.drop_first();
    name.span.start = name.parts[0].start;
    true
}

/// Whether `at` is the first word of a sentence starting at `sentence_start`, allowing
/// list markers and opening quotes before it.
fn sentence_opener_at(text: &str, sentence_start: usize, at: usize) -> bool {
    text[sentence_start..at]
        .chars()
        .all(|c| !c.is_alphanumeric())
}

/// Splits a scanned sequence at parts that can never be in a name ("Thanks Jacob",
/// "Keynote Guido"), keeping the pieces that may still be names. Each piece comes with
/// its first part's lists, looked up once here for every later test that reads them.
/// The pieces go into `out`, which one buffer serves for every name of a post.
fn split_on_non_names(
    text: &str,
    name: &NameSpan,
    rules: &Rules,
    out: &mut Vec<(NameSpan, WordLists)>,
) {
    out.clear();
    // Most names scanned are one word, which is never a particle: that word is the only
    // piece, or there is none.
    if let [part] = *name.parts {
        let lists = first_word_lists(text, name, part, rules);
        if !lists.is_non_person_word() {
            out.push((
                NameSpan {
                    first_word: None,
                    ..name.clone()
                },
                lists,
            ));
        }
        return;
    }
    split_parts_on_non_names(text, name, rules, out);
}

/// [`split_on_non_names`] for a name of any number of parts, into `out` (empty).
fn split_parts_on_non_names(
    text: &str,
    name: &NameSpan,
    rules: &Rules,
    out: &mut Vec<(NameSpan, WordLists)>,
) {
    let mut run = NameParts::default();
    let mut run_lists = WordLists::default();
    for (i, part) in name.parts.iter().enumerate() {
        // A word that would start a piece is looked up for every list at once; a part
        // after the first may still be a surname after a given name.
        let never = if run.is_empty() {
            run_lists = first_word_lists(text, name, *part, rules);
            run_lists.is_non_person_word()
        } else {
            let word = part.slice(text);
            rules.is_non_person_word(word) && !allowed_as_surname(text, &run, run_lists, word)
        };
        if never {
            push_piece(text, name, rules, &mut run, run_lists, out, false);
        } else {
            run.push(*part, name.parts.is_full(i));
        }
    }
    push_piece(text, name, rules, &mut run, run_lists, out, true);
}

/// Ends a piece of `name` that [`split_parts_on_non_names`] gathered in `run`, whose first
/// part is on `lists`: trailing particles cannot end a name, and what is left goes into
/// `out`. `last` tells whether the piece ends where `name` does. Inlined: a piece ends at
/// every word that can never be in a name and at the end of each name of many parts.
#[inline(always)]
fn push_piece(
    text: &str,
    name: &NameSpan,
    rules: &Rules,
    run: &mut NameParts,
    lists: WordLists,
    out: &mut Vec<(NameSpan, WordLists)>,
    last: bool,
) {
    while run.last().is_some_and(|p| rules.is_particle(p.slice(text))) {
        run.pop();
    }
    if run.is_empty() {
        return;
    }
    let span = Span::new(run[0].start, run[run.len() - 1].end);
    let piece = NameSpan {
        span,
        parts: std::mem::take(run),
        honorific: name.honorific && out.is_empty(),
        end: if last { name.end } else { span.end },
        possessive: last && name.possessive,
        first_word: None,
    };
    out.push((piece, lists));
}

/// The lists of `part`, a part of `name` that would start a piece: looked up by the scan
/// if it was the first word it read, or looked up now.
fn first_word_lists(text: &str, name: &NameSpan, part: Span, rules: &Rules) -> WordLists {
    match name.first_word {
        Some((first, lists)) if first == part => lists,
        _ => rules.word_lists(part.slice(text)),
    }
}

/// "an engineer from Jordan Kelly Interactive", "Conway Hall Labs": capitalized words
/// right before an organisation suffix name a company. Every suffix is also a word that
/// is never part of a name, and so never ends one. Asked of full names only, and of the
/// lone words found persons, as few are either.
fn organisation_suffix_after(text: &str, end: usize, rules: &Rules) -> bool {
    let Some(after) = text[end..].strip_prefix(' ') else {
        return false;
    };
    // Most words after a name are in lower case, and every suffix is capitalized.
    if after.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
        return false;
    }
    let word_end = after
        .find(|c: char| !(c.is_alphanumeric() || c == '.'))
        .unwrap_or(after.len());
    rules.is_organisation_suffix(&after[..word_end])
}

/// "Nora Best": a word that is usually not a name may still be a surname right after a
/// known given name (`run_lists` are the lists of the run's first part), unless it is a
/// calendar word, or an article comes before the given name ("the Tessa System", "the Greta
/// Bridge team": a thing named after someone).
fn allowed_as_surname(text: &str, run: &[Span], run_lists: WordLists, word: &str) -> bool {
    const MONTHS: &[&str] = &[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if run.len() != 1
        || !run_lists.is_given_name()
        || !word.chars().next().is_some_and(char::is_uppercase)
        || after_article(text, run[0].start)
    {
        return false;
    }
    let lower = word.to_lowercase();
    let lower = lower.as_str();
    !MONTHS.contains(&lower)
        && !days::WEEKDAYS.contains(&lower)
        && !matches!(
            lower,
            "the" | "and" | "of" | "in" | "on" | "at" | "to" | "for" | "talk" | "keynote" | "panel"
        )
}

/// Whether an article ("the", "a", "an", in any case) and one space come right before
/// `at`.
fn after_article(text: &str, at: usize) -> bool {
    let Some(before) = text[..at].strip_suffix(' ') else {
        return false;
    };
    ["the", "a", "an"].iter().any(|article| {
        let start = before.len().saturating_sub(article.len());
        before
            .get(start..)
            .is_some_and(|w| w.eq_ignore_ascii_case(article))
            && !before[..start]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic)
    })
}

/// Start of the next word that could begin a name, at or after `from`: a capital, or a
/// camel-case surname prefix, that the character before it does not join to a word.
fn next_capital(text: &str, from: usize) -> Option<usize> {
    // A name starts at a capital or at a camel-case prefix right before one, and few bytes
    // can begin a capital: the text is searched for those, and only the few bytes before
    // each one are looked at for a prefix.
    let bytes = text.as_bytes();
    let mut at = from;
    loop {
        let capital = next_capital_byte(bytes, at)?;
        // A prefix is lower-case ASCII and ends right before the capital (no capital lies
        // between `at` and this one): most capitals follow a space and have none.
        let prefix_from = if capital > at && bytes[capital - 1].is_ascii_lowercase() {
            capital.saturating_sub(LONGEST_CAMEL_PREFIX).max(at)
        } else {
            capital
        };
        let mut prefix_starts =
            (prefix_from..capital).filter(|&start| starts_camel_prefix(bytes[start]));
        if let Some(start) = prefix_starts.find(|&start| name_starts_at(text, start)) {
            return Some(start);
        }
        if name_starts_at(text, capital) {
            return Some(capital);
        }
        at = capital + 1;
    }
}

/// Whether a name may start at `at`, a character boundary. Inlined: it is asked at
/// nearly every capital of a post, and mostly answers from two bytes.
#[inline(always)]
fn name_starts_at(text: &str, at: usize) -> bool {
    // Most candidates are an ASCII capital after an ASCII byte or none: the two bytes
    // decide, without decoding the characters around them.
    let bytes = text.as_bytes();
    if bytes.get(at).is_some_and(u8::is_ascii_uppercase) {
        match at.checked_sub(1).map(|before| bytes[before]) {
            None => return true,
            Some(before) if before.is_ascii() => return !joins_next(char::from(before)),
            Some(_) => {}
        }
    }
    name_starts_at_any(text, at)
}

/// [`name_starts_at`] for any characters around `at`.
fn name_starts_at_any(text: &str, at: usize) -> bool {
    let rest = &text[at..];
    !text[..at].chars().next_back().is_some_and(joins_next)
        && rest
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_lowercase() && starts_camel_surname(rest))
}

/// The first byte at or after `from` that may begin an upper-case character. Nearly
/// every byte of a post is passed over, so eight at a time.
fn next_capital_byte(bytes: &[u8], from: usize) -> Option<usize> {
    let capitals = |lanes: u64| {
        // 0xC0 and above: both top bits set.
        let non_ascii_first = lanes & (lanes << 1) & HIGHS;
        non_ascii_first | ascii_bytes_between(lanes, b'A', b'Z')
    };
    first_flagged(&bytes[from..], capitals, may_begin_capital).map(|i| from + i)
}

/// Whether `b` may begin an upper-case character: an ASCII capital, or the first byte of
/// a character that is not ASCII.
fn may_begin_capital(b: u8) -> bool {
    b.is_ascii_uppercase() || b >= 0xC0
}

/// Camel-case surname prefixes (see [`starts_camel_surname`]).
const CAMEL_PREFIXES: [&str; 11] = [
    "de", "di", "da", "du", "van", "von", "le", "la", "mc", "mac", "o",
];

/// The most bytes a camel-case prefix has ("van", "mac").
const LONGEST_CAMEL_PREFIX: usize = 3;

/// Whether a camel-case surname prefix starts with `b`.
const fn starts_camel_prefix(b: u8) -> bool {
    matches!(b, b'd' | b'v' | b'l' | b'm' | b'o')
}

/// Whether `c` right before a capital makes it part of something other than a name
/// start: a word, a contraction, a handle, a path or a dotted name. Inlined: for the
/// ASCII byte [`name_starts_at`] mostly asks about, it is a few instructions.
#[inline]
fn joins_next(c: char) -> bool {
    is_alphanumeric(c) || matches!(c, '\'' | '’' | '_' | '@' | '#' | '/' | '.')
}

/// [`char::is_alphanumeric`], answered without the Unicode tables for the characters
/// beyond ASCII that names and the text around them mostly hold: Latin letters with
/// marks, and typographic quotes, dashes and spaces.
fn is_alphanumeric(c: char) -> bool {
    match c {
        '\u{C0}'..='\u{24F}' => !matches!(c, '×' | '÷'),
        '\u{2000}'..='\u{206F}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// "deVarenne", "McTavish"-style parts start in lower case only with a short prefix.
/// Inlined: a scan asks it of the lower-case words after a name, and most are ruled out
/// by their first byte.
#[inline(always)]
fn starts_camel_surname(rest: &str) -> bool {
    rest.as_bytes()
        .first()
        .is_some_and(|&b| starts_camel_prefix(b))
        && starts_camel_prefix_then_capital(rest)
}

/// [`starts_camel_surname`] for a word whose first byte may start a prefix.
fn starts_camel_prefix_then_capital(rest: &str) -> bool {
    // A prefix followed by a capital is the whole lower-case run, since no character is
    // both lower and upper case. That capital, ASCII or not, is the first byte within the
    // first four that is no ASCII lower-case letter: most words are ruled out without
    // comparing prefixes.
    rest.as_bytes()
        .iter()
        .take(4)
        .find(|b| !b.is_ascii_lowercase())
        .is_some_and(|b| b.is_ascii_uppercase() || !b.is_ascii())
        && CAMEL_PREFIXES.iter().any(|prefix| {
            rest.strip_prefix(prefix)
                .and_then(|after| after.chars().next())
                .is_some_and(char::is_uppercase)
        })
}

/// Reads a capitalized name sequence starting at `start`: honorific, parts joined by
/// single spaces or hyphens, lower-case particles inside, initials, a possessive at the
/// end. Returns `None` if no name part starts there.
pub fn scan_name(text: &str, start: usize, rules: &Rules) -> Option<NameSpan> {
    let mut pos = start;
    let mut honorific = false;
    let mut first_word = None;
    let mut next_word = read_word_and_kinds(text, pos);
    if let Some((word, end, kinds)) = next_word {
        // A short honorific needs its dot ("Sig. Rossi", not "Sig Aldane"), except the
        // forms people write without one.
        let dotted = text[end..].starts_with('.');
        let dotless_ok = has_more_chars_than(word, kinds, 4)
            || matches!(
                word,
                "Mr" | "Mrs" | "Ms" | "Mx" | "Dr" | "Sir" | "Herr" | "Frau" | "Miss"
            );
        // Only there may an honorific stand: other words are looked up later if at all.
        if dotted || dotless_ok {
            let lists = rules.word_lists(word);
            first_word = Some((Span::new(pos, end), lists));
            if lists.is_honorific() {
                let after = skip_dot_space(text, end)?;
                if after > end {
                    honorific = true;
                    pos = after;
                    next_word = read_word_and_kinds(text, pos);
                }
            }
        }
    }
    let mut parts = NameParts::default();
    let mut possessive = false;
    let mut end = pos;
    while let Some((word, word_end, kinds)) = next_word {
        let (word, stripped) = strip_possessive(word);
        let part_end = pos + word.len();
        // The kinds read are the whole word's: a stem's are gathered again.
        let kinds = if stripped { byte_kinds(word) } else { kinds };
        let is_name_part = is_name_part_of_kinds(word, kinds);
        let is_part = is_name_part
            || (!parts.is_empty()
                && rules.is_particle(word)
                && next_is_name_part(text, word_end, rules));
        if !is_part || parts.len() >= MAX_PARTS {
            break;
        }
        let mut part_end_with_dot = part_end;
        // A word read is never empty.
        let one_letter = !has_more_chars_than(word, kinds, 1);
        if one_letter && text[part_end..].starts_with('.') {
            part_end_with_dot += 1; // an initial keeps its dot
        }
        // A name part of more than one character is a full part; a particle is told
        // from its text, as it seldom stands in a name.
        let full = if is_name_part {
            !one_letter
        } else {
            is_full_part(&text[pos..part_end_with_dot])
        };
        parts.push(Span::new(pos, part_end_with_dot), full);
        end = part_end_with_dot;
        if stripped {
            possessive = true;
            end = word_end;
            break;
        }
        // Next part: exactly one space (or a no-break space, two bytes) after this one.
        let gap = match text.as_bytes()[part_end_with_dot..] {
            [b' ', ..] => 1,
            [0xC2, 0xA0, ..] => 2,
            _ => break,
        };
        let next = part_end_with_dot + gap;
        if !text
            .as_bytes()
            .get(next)
            .is_some_and(|&b| b != b' ' && may_continue_name(b, rules))
        {
            break;
        }
        pos = next;
        next_word = read_word_and_kinds(text, pos);
    }
    if parts.is_empty() {
        return None;
    }
    Some(NameSpan {
        span: Span::new(parts[0].start, parts[parts.len() - 1].end),
        parts,
        honorific,
        end,
        possessive,
        first_word,
    })
}

fn skip_dot_space(text: &str, end: usize) -> Option<usize> {
    let rest = &text[end..];
    let after_dot = usize::from(rest.starts_with('.'));
    let rest2 = &rest[after_dot..];
    if rest2.starts_with(' ') {
        Some(end + after_dot + 1)
    } else {
        Some(end)
    }
}

/// Whether `word`, of the [`byte_kinds`] `kinds`, has more than `n` characters: an ASCII
/// word, nearly every word a scan reads, has one a byte and needs no decoding.
fn has_more_chars_than(word: &str, kinds: u8, n: usize) -> bool {
    if kinds & NON_ASCII == 0 {
        word.len() > n
    } else {
        word.chars().nth(n).is_some()
    }
}

/// Whether a word starting with the byte `b` may continue a name: a word in lower case
/// does so only as a particle or a camel-case surname, so most words after a name are
/// ruled out before they are read.
fn may_continue_name(b: u8, rules: &Rules) -> bool {
    !b.is_ascii_lowercase() || starts_camel_prefix(b) || rules.may_start_particle(b)
}

/// Whether a name part follows, perhaps after more particles ("van der Berg").
fn next_is_name_part(text: &str, end: usize, rules: &Rules) -> bool {
    let Some((word, word_end)) = text[end..]
        .strip_prefix(' ')
        .and_then(|rest| read_word(text, text.len() - rest.len()))
    else {
        return false;
    };
    is_name_part(strip_possessive(word).0)
        || rules.is_particle(word) && next_is_name_part(text, word_end, rules)
}

/// A word: letters, digits and marks, with inner hyphens and apostrophes.
fn read_word(text: &str, pos: usize) -> Option<(&str, usize)> {
    read_word_and_kinds(text, pos).map(|(word, end, _)| (word, end))
}

/// [`read_word`], with the [`byte_kinds`] of the word gathered while its bytes are read:
/// a name's word is then judged without a second pass over it. A scan reads a word or
/// two at nearly every capital of a post, most of them short and ASCII: those are read
/// in place, without a call or a loop over their bytes.
#[inline(always)]
fn read_word_and_kinds(text: &str, pos: usize) -> Option<(&str, usize, u8)> {
    match short_ascii_word(text.as_bytes(), pos) {
        Some((len, kinds)) => Some((&text[pos..pos + len], pos + len, kinds)),
        None => read_any_word_and_kinds(text, pos),
    }
}

/// The length and [`byte_kinds`] of the word at `pos` when it is one to fifteen ASCII
/// letters and digits, ended by an ASCII character other than a hyphen or an apostrophe,
/// which cannot join it to more; `None` for any other word, or none, which
/// [`read_any_word_and_kinds`] reads. Eight bytes are looked at at once.
#[inline(always)]
fn short_ascii_word(bytes: &[u8], pos: usize) -> Option<(usize, u8)> {
    let mut kinds = 0;
    for chunk in [0, 8] {
        let lanes = u64::from_le_bytes(*bytes.get(pos + chunk..)?.first_chunk()?);
        let digits = ascii_bytes_between(lanes, b'0', b'9');
        let lower = ascii_bytes_between(lanes, b'a', b'z');
        let upper = ascii_bytes_between(lanes, b'A', b'Z');
        // The high bit of each byte that is no ASCII letter or digit.
        let ends = !(digits | lower | upper) & HIGHS;
        // The bytes before the first of those.
        let word = (ends & ends.wrapping_neg()).wrapping_sub(1);
        if lower & word != 0 {
            kinds |= ASCII_LOWER;
        }
        if digits & word != 0 {
            kinds |= DIGIT;
        }
        if ends != 0 {
            let len = chunk + ends.trailing_zeros() as usize / 8;
            let end = bytes[pos + len];
            return (len > 0 && end.is_ascii() && end != b'-' && end != b'\'')
                .then_some((len, kinds));
        }
    }
    None
}

/// [`read_word_and_kinds`] for any word: letters and marks beyond ASCII, inner hyphens
/// and apostrophes, and up to 64 characters.
fn read_any_word_and_kinds(text: &str, pos: usize) -> Option<(&str, usize, u8)> {
    // At most 64 characters are read, and the last of them has no look-ahead.
    const MAX_CHARS: usize = 64;
    let rest = &text[pos..];
    let bytes = rest.as_bytes();
    let mut end = 0;
    let mut read = 0;
    let mut kinds = 0;
    while read < MAX_CHARS {
        // ASCII, nearly every character of a post, needs no decoding: letters and digits
        // continue the word, and only a hyphen or an apostrophe may join two parts.
        let run = &bytes[..bytes.len().min(end + MAX_CHARS - read)];
        let run_start = end;
        while let Some(&b) = run.get(end) {
            let word_kinds = WORD_BYTE_KINDS[usize::from(b)];
            if word_kinds & ALPHANUMERIC == 0 {
                break;
            }
            kinds |= word_kinds;
            end += 1;
        }
        read += end - run_start;
        if read == MAX_CHARS {
            break;
        }
        let Some(&b) = bytes.get(end) else {
            break;
        };
        if b.is_ascii() && b != b'-' && b != b'\'' {
            break;
        }
        let Some(c) = rest[end..].chars().next() else {
            break;
        };
        let after = end + c.len_utf8();
        // A hyphen or an apostrophe, no letter nor mark, continues a word only inside it.
        let continues = if matches!(c, '-' | '\'' | '’') {
            read > 0
                && read + 1 < MAX_CHARS
                && rest[after..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphabetic)
        } else {
            is_alphanumeric(c) || unicode_normalization::char::is_combining_mark(c)
        };
        if continues {
            kinds |= byte_kinds(&rest[end..after]);
            end = after;
            read += 1;
        } else {
            break;
        }
    }
    (end > 0).then(|| (&rest[..end], pos + end, kinds & !ALPHANUMERIC))
}

/// A possessive `'s` (or `’s`, `'S`) taken off `word`, and whether there was one. Inlined:
/// a scan asks it of every word it reads, and most are settled by their last byte.
#[inline]
fn strip_possessive(word: &str) -> (&str, bool) {
    // Every suffix ends in an "s": most words are settled by their last byte.
    if !word.ends_with(['s', 'S']) {
        return (word, false);
    }
    for suffix in ["'s", "’s", "'S"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if !stem.is_empty() {
                return (stem, true);
            }
        }
    }
    (word, false)
}

/// A capitalized word with a lower-case letter after the first ("Noller", "O'Reilly",
/// "Łukasz"), a camel-case surname ("deVarenne", "McTavish"), a single-letter initial,
/// or a short all-capitals part ("TR").
fn is_name_part(word: &str) -> bool {
    is_name_part_of_kinds(word, byte_kinds(word))
}

/// [`is_name_part`], given the [`byte_kinds`] of `word`. Inlined: a scan asks it of every
/// word it reads, and an ASCII word is judged in a few instructions.
#[inline(always)]
fn is_name_part_of_kinds(word: &str, kinds: u8) -> bool {
    if kinds & NON_ASCII == 0 {
        return is_ascii_name_part(word, kinds);
    }
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    // A word in lower case, most of those after a name, is ruled out before its bytes are
    // read, unless it is a camel-case surname.
    let capitalized = first.is_uppercase();
    if !capitalized && !starts_camel_surname(word) {
        return false;
    }
    if kinds & DIGIT != 0 || kinds & MAY_QUOTE != 0 && is_contraction(word) {
        return false;
    }
    // A camel-case surname passed above; a capitalized word needs a lower-case letter
    // unless it is short.
    let rest = chars.as_str();
    !capitalized || rest.chars().nth(1).is_none() || rest.chars().any(char::is_lowercase)
}

/// [`is_name_part_of_kinds`] for an ASCII word, nearly every word of a post: each byte is
/// a character, and the kinds tell whether one is a lower-case letter (the first, a
/// capital, is none).
fn is_ascii_name_part(word: &str, kinds: u8) -> bool {
    let Some(&first) = word.as_bytes().first() else {
        return false;
    };
    let capitalized = first.is_ascii_uppercase();
    if !capitalized && !starts_camel_surname(word) {
        return false;
    }
    if kinds & DIGIT != 0 || kinds & MAY_QUOTE != 0 && is_contraction(word) {
        return false;
    }
    !capitalized || word.len() <= 2 || kinds & ASCII_LOWER != 0
}

/// "I’d", "They're": a word whose first apostrophe opens a contraction's ending, not
/// "O'Neill".
fn is_contraction(word: &str) -> bool {
    word.char_indices()
        .find(|&(_, c)| matches!(c, '\'' | '’'))
        .is_some_and(|(i, c)| {
            matches!(
                &word[i + c.len_utf8()..],
                "d" | "ll" | "ve" | "re" | "m" | "t" | "s"
            )
        })
}

/// Kinds of byte [`is_name_part`] looks for, one bit each in [`BYTE_KINDS`].
const DIGIT: u8 = 1;
const ASCII_LOWER: u8 = 2;
const NON_ASCII: u8 = 4;
/// An apostrophe, or the first byte of ’ (and of other characters).
const MAY_QUOTE: u8 = 8;
/// An ASCII letter or digit, which [`read_word`] reads on without decoding; in
/// [`WORD_BYTE_KINDS`] only.
const ALPHANUMERIC: u8 = 16;

/// The kinds of each byte value.
static BYTE_KINDS: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < table.len() {
        table[b] = match b as u8 {
            b'0'..=b'9' => DIGIT,
            b'a'..=b'z' => ASCII_LOWER,
            b'\'' => MAY_QUOTE,
            0xE2 => NON_ASCII | MAY_QUOTE,
            0x80.. => NON_ASCII,
            _ => 0,
        };
        b += 1;
    }
    table
};

/// [`BYTE_KINDS`], and [`ALPHANUMERIC`] for the ASCII letters and digits.
static WORD_BYTE_KINDS: [u8; 256] = {
    let mut table = BYTE_KINDS;
    let mut b = 0;
    while b < table.len() {
        if (b as u8).is_ascii_alphanumeric() {
            table[b] |= ALPHANUMERIC;
        }
        b += 1;
    }
    table
};

/// The kinds of the bytes of `word`, together.
fn byte_kinds(word: &str) -> u8 {
    word.bytes()
        .fold(0, |kinds, b| kinds | BYTE_KINDS[usize::from(b)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::overlapping_spans;
    use crate::extract::tests::names_of;

    fn persons(text: &str) -> Vec<String> {
        names_of(text, EntityKind::Person)
    }

    #[test]
    fn scan_cases() {
        let rules = Rules::builtin();
        let cases: &[(&str, &str, bool)] = &[
            ("Jesse Noller’s talk", "Jesse Noller", true),
            ("Jacob Kaplan-Moss spoke", "Jacob Kaplan-Moss", false),
            (
                "Mathieu R. Vellacourt - Pathfinding",
                "Mathieu R. Vellacourt",
                false,
            ),
            ("Daan van der Berg gave", "Daan van der Berg", false),
            ("Colin deVarenne, clearly", "Colin deVarenne", false),
            ("Siân O'Neill and", "Siân O'Neill", false),
            ("Dr. Senthar Velkar - Go", "Senthar Velkar", false),
        ];
        for (text, want, possessive) in cases {
            let name = scan_name(text, 0, &rules).unwrap();
            assert_eq!(name.span.slice(text), *want, "{text}");
            assert_eq!(name.possessive, *possessive, "{text}");
        }
    }

    #[test]
    fn person_cases() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "given name",
                "I went to see Jesse Noller talk.",
                &["Jesse Noller"],
            ),
            (
                "non-ascii",
                "Then Łukasz Langa showed black.",
                &["Łukasz Langa"],
            ),
            (
                "a given name that is also a place",
                "The lightning talks were led by Chad Fowler.",
                &["Chad Fowler"],
            ),
            (
                "places that open with a given name",
                "We walked from Victoria Park to the Jordan River, then flew to Austin Texas.",
                &[],
            ),
            (
                "sentence opener dropped",
                "Afterwards Jesse Noller spoke.",
                &["Jesse Noller"],
            ),
            ("month is no person", "In May 2009 we met.", &[]),
            (
                "an everyday word as a surname",
                "Then Nora Best showed her tests.",
                &["Nora Best"],
            ),
            (
                "a thing named after someone",
                "She sorted them into the Tessa System grid.",
                &[],
            ),
            (
                "weekday is no person",
                "On Saturday Morning it rained.",
                &[],
            ),
            (
                "short form joins",
                "Jacob Kaplan-Moss spoke. Thanks Jacob!",
                &["Jacob Kaplan-Moss", "Jacob"],
            ),
            (
                "possessive cue",
                "Then Guido’s keynote was odd.",
                &["Guido"],
            ),
            (
                "cue by",
                "a talk on trees by Tay Kiat Hwee was long",
                &["Tay Kiat Hwee"],
            ),
            (
                "place is no person",
                "We flew to Salt Lake City on Monday.",
                &[],
            ),
            (
                "honorific",
                "Later Dr. Senthar Velkar explained it.",
                &["Senthar Velkar"],
            ),
            (
                "cue before a lone given name",
                "Many thanks to Guido for the sprint.",
                &["Guido"],
            ),
            (
                "cue before a lone unknown word",
                "Many thanks to Zorblax for the sprint.",
                &[],
            ),
            (
                "verb after a lone unknown word",
                "At lunch Zorblax said hello.",
                &["Zorblax"],
            ),
        ];
        for (name, text, want) in cases {
            assert_eq!(&persons(text), want, "case {name}");
        }
    }

    /// The word reader as first written: one character at a time, with a look-ahead.
    fn read_word_by_chars(text: &str, pos: usize) -> Option<(&str, usize)> {
        let rest = &text[pos..];
        let mut end = 0;
        let mut chars = rest.char_indices().take(64).peekable();
        let mut k = 0;
        while let Some((i, c)) = chars.next() {
            let inner = (c == '-' || c == '\'' || c == '’')
                && k > 0
                && chars.peek().is_some_and(|&(_, n)| n.is_alphabetic());
            k += 1;
            if c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c) || inner {
                end = i + c.len_utf8();
            } else {
                break;
            }
        }
        (end > 0).then(|| (&rest[..end], pos + end))
    }

    /// The camel-case test as first written: the whole lower-case run is the prefix.
    fn starts_camel_surname_by_run(rest: &str) -> bool {
        let prefix = rest
            .char_indices()
            .find(|(_, c)| !c.is_lowercase())
            .map_or(rest, |(i, _)| &rest[..i]);
        let after = rest[prefix.len()..].chars().next();
        matches!(
            prefix,
            "de" | "di" | "da" | "du" | "van" | "von" | "le" | "la" | "mc" | "mac" | "o"
        ) && after.is_some_and(char::is_uppercase)
    }

    /// Name starts found one decoded character at a time.
    fn next_capital_by_chars(text: &str, from: usize) -> Option<usize> {
        let mut prev: Option<char> = text[..from].chars().next_back();
        for (i, c) in text[from..].char_indices() {
            let at = from + i;
            if !prev.is_some_and(joins_next)
                && (c.is_uppercase()
                    || c.is_lowercase() && starts_camel_surname_by_run(&text[at..]))
            {
                return Some(at);
            }
            prev = Some(c);
        }
        None
    }

    /// [`is_name_part`] as a scan per rule.
    fn is_name_part_by_scans(word: &str) -> bool {
        let mut chars = word.chars();
        let Some(first) = chars.next() else {
            return false;
        };
        if word.bytes().any(|b| b.is_ascii_digit()) {
            return false;
        }
        if let Some((_, after)) = word.split_once(['\'', '’']) {
            if matches!(after, "d" | "ll" | "ve" | "re" | "m" | "t" | "s") {
                return false;
            }
        }
        if first.is_uppercase() {
            let rest = chars.as_str();
            rest.chars().nth(1).is_none() || rest.chars().any(char::is_lowercase)
        } else {
            starts_camel_surname(word)
        }
    }

    /// [`is_full_part`] decoding every part.
    fn is_full_part_by_chars(part: &str) -> bool {
        (part.chars().next().is_some_and(char::is_uppercase) || starts_camel_surname(part))
            && part.trim_end_matches('.').chars().nth(1).is_some()
    }

    /// [`strip_possessive`] trying every suffix on every word.
    fn strip_possessive_by_suffixes(word: &str) -> (&str, bool) {
        ["'s", "’s", "'S"]
            .iter()
            .find_map(|suffix| word.strip_suffix(suffix).filter(|stem| !stem.is_empty()))
            .map_or((word, false), |stem| (stem, true))
    }

    /// Whether any full name has `short` as a short form, asking each name in turn.
    fn short_form_by_each_name(names: &[&str], short: &str) -> bool {
        let short = fold(short);
        names
            .iter()
            .any(|n| FoldedName::new(n).has_short_form(&short))
    }

    /// [`blocked_by_project`] asking each project in turn before the name.
    fn blocked_by_each_project(
        text: &str,
        name: &NameSpan,
        covering: &[Mention],
        rules: &Rules,
    ) -> bool {
        covering.iter().any(|p| {
            let first = name.parts[0].slice(text);
            !(is_weak_project(p, rules)
                && full_parts_by_chars(text, name) >= 2
                && rules.is_given_name(first))
        })
    }

    /// [`NameSpan::full_parts`] counted from the text of each part.
    fn full_parts_by_chars(text: &str, name: &NameSpan) -> usize {
        name.parts
            .iter()
            .filter(|p| is_full_part_by_chars(p.slice(text)))
            .count()
    }

    /// [`listed_beside_persons`] as a queue of persons and listed names finds them, each
    /// tried against the nearest rejected name on either side.
    fn listed_by_queue(text: &str, persons: &[Mention], rejected: &[Span]) -> Vec<bool> {
        let mut listed = vec![false; rejected.len()];
        let mut queue: Vec<Span> = persons.iter().map(|m| m.span).collect();
        while let Some(p) = queue.pop() {
            let after = rejected.partition_point(|c| c.start < p.end);
            let before = rejected.partition_point(|c| c.end <= p.start);
            for k in [Some(after), before.checked_sub(1)].into_iter().flatten() {
                let Some(c) = rejected.get(k).filter(|_| !listed[k]) else {
                    continue;
                };
                let (a, b) = if p.end <= c.start {
                    (p.end, c.start)
                } else {
                    (c.end, p.start)
                };
                if a <= b && list_gap(text, a, b) {
                    listed[k] = true;
                    queue.push(*c);
                }
            }
        }
        listed
    }

    const NAME_TEXT: &str =
        "(?s:[aAbBdeEéÉøØßİıIlLmMcvVoOniuN’'\\- .\u{301}\u{a0}_@#/1]{0,24}|.{0,12})";

    /// Words that names, particles, honorifics and words that are never names are made of.
    const NAME_WORDS: &str = concat!(
        "((Dr\\.?|Mr|The|Thanks|Jesse|van|Noller|Guido's|de|O'Neil|I|Julia|May|",
        "Keynote|J\\.|deVarenne|Zorblax)( |, |\\. |\u{a0})){1,4}",
    );

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn words_read_as_by_characters(text in NAME_TEXT) {
            for (pos, _) in text.char_indices() {
                proptest::prop_assert_eq!(read_word(&text, pos), read_word_by_chars(&text, pos));
                if let Some((word, _, kinds)) = read_word_and_kinds(&text, pos) {
                    proptest::prop_assert_eq!(kinds, byte_kinds(word));
                }
            }
        }

        #[test]
        fn words_ruled_out_by_their_first_byte_are_no_name_parts(
            word in "[a-z][a-zA-Z'’é]{0,5}('s|’s)?",
        ) {
            static RULES: LazyLock<Rules> = LazyLock::new(Rules::builtin);
            let text = format!("Ada {word} x");
            let (read, _) = read_word(&text, 4).expect("a word");
            let stem = strip_possessive(read).0;
            if !may_continue_name(word.as_bytes()[0], &RULES) {
                proptest::prop_assert!(!is_name_part(stem) && !RULES.is_particle(stem));
            }
        }

        #[test]
        fn short_ascii_words_read_as_any_word(
            text in "(?s:([A-Za-z0-9]{0,17}[ ,.'’_@é\\-]{1,2}){1,4}.{0,9})",
        ) {
            for (pos, _) in text.char_indices() {
                if let Some((len, kinds)) = short_ascii_word(text.as_bytes(), pos) {
                    proptest::prop_assert_eq!(
                        Some((&text[pos..pos + len], pos + len, kinds)),
                        read_any_word_and_kinds(&text, pos)
                    );
                }
            }
        }

        #[test]
        fn name_starts_judged_as_by_characters(
            text in "(?s:[aAzZ09 .'’_@#/é\u{C0}\u{2019}\u{2009}-]{0,12}|.{0,8})",
        ) {
            for (at, _) in text.char_indices() {
                proptest::prop_assert_eq!(name_starts_at(&text, at), name_starts_at_any(&text, at));
            }
        }

        #[test]
        fn long_words_stop_as_by_characters(
            head in "[a-zé]{60,66}",
            tail in "[-'’a ]{0,3}[a-z]{0,2}",
        ) {
            let text = format!("{head}{tail}");
            proptest::prop_assert_eq!(read_word(&text, 0), read_word_by_chars(&text, 0));
            let (word, _, kinds) = read_word_and_kinds(&text, 0).expect("a word");
            proptest::prop_assert_eq!(kinds, byte_kinds(word));
        }

        #[test]
        fn name_parts_judged_as_by_scans(
            text in "(?s:[aAdOZzŁłté’'\u{2018}\u{2019}\u{2020}1]{0,5}['’]?(d|ll|ve|re|m|t|s)?|.{0,8})"
        ) {
            for (from, _) in text.char_indices() {
                proptest::prop_assert_eq!(
                    is_name_part(&text[from..]),
                    is_name_part_by_scans(&text[from..])
                );
            }
        }

        #[test]
        fn capital_bytes_found_as_one_at_a_time(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    // Mostly bytes next to the ranges searched for, so that whole
                    // chunks of eight hold none.
                    8 => proptest::sample::select(&[b'@', b'[', b'`', b'a', b'z', b' ', 0x7F, 0x80, 0xBF][..]),
                    1 => proptest::num::u8::ANY,
                ],
                0..40,
            ),
            from in 0usize..40,
        ) {
            let from = from.min(bytes.len());
            proptest::prop_assert_eq!(
                next_capital_byte(&bytes, from),
                bytes[from..].iter().position(|&b| may_begin_capital(b)).map(|i| from + i)
            );
        }

        #[test]
        fn overlaps_in_order_as_by_bisection(
            gaps in proptest::collection::vec((0usize..4, 1usize..4), 0..8),
            queries in proptest::collection::vec((0usize..3, 0usize..5), 0..8),
        ) {
            let mut spans = Vec::new();
            let mut at = 0;
            for (gap, len) in gaps {
                spans.push(Span::new(at + gap, at + gap + len));
                at += gap + len;
            }
            let mut in_order = InOrder::new(&spans, |s| *s);
            let mut start = 0;
            for (step, len) in queries {
                start += step;
                let span = Span::new(start, start + len);
                proptest::prop_assert_eq!(
                    in_order.overlapping(span),
                    overlapping_spans(&spans, span)
                );
            }
        }

        #[test]
        fn sentences_found_in_order_as_by_bisection(
            text in "(?s:([A-Za-z]{1,4}[ .!?\n]{1,3}){0,12})",
            offsets in proptest::collection::vec(0usize..60, 0..12),
        ) {
            let tokens = crate::tokenize::tokenize(&text);
            let mut offsets = offsets;
            offsets.sort_unstable();
            let mut sentences = SentenceCursor::new(&tokens.sentences);
            for offset in offsets {
                proptest::prop_assert_eq!(
                    sentences.at(offset).map(|s| s.span),
                    tokens.sentence_at(offset).map(|i| tokens.sentences[i].span)
                );
            }
        }

        #[test]
        fn projects_block_names_as_asked_each_in_turn(
            text in "Jesse Noller|Julia Evans|Julia|Ada Ruby|Ruby Rose|Zorblax Quux|Łukasz Go",
            projects in proptest::collection::vec("Julia|Ruby|Python|Django|Go|Ada|Quux", 0..3),
        ) {
            static RULES: LazyLock<Rules> = LazyLock::new(Rules::builtin);
            let name = scan_name(&text, 0, &RULES).expect("a name");
            let covering: Vec<Mention> = projects
                .into_iter()
                .map(|project| Mention {
                    kind: EntityKind::Project,
                    span: name.span,
                    name: project,
                    rule: "project/gazetteer",
                })
                .collect();
            proptest::prop_assert_eq!(
                blocked_by_project(
                    &name,
                    &covering,
                    RULES.word_lists(name.parts[0].slice(&text)).is_given_name(),
                    &RULES,
                ),
                blocked_by_each_project(&text, &name, &covering, &RULES)
            );
        }

        #[test]
        fn one_word_names_split_as_names_of_any_parts(text in NAME_WORDS) {
            static RULES: LazyLock<Rules> = LazyLock::new(Rules::builtin);
            for start in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
                let Some(name) = scan_name(&text, start, &RULES) else {
                    continue;
                };
                let (mut pieces, mut by_parts) = (Vec::new(), Vec::new());
                split_on_non_names(&text, &name, &RULES, &mut pieces);
                split_parts_on_non_names(&text, &name, &RULES, &mut by_parts);
                proptest::prop_assert_eq!(pieces, by_parts);
            }
        }

        #[test]
        fn names_spaced_as_by_folding_white_space(
            text in proptest::prop_oneof![NAME_TEXT, NAME_WORDS],
        ) {
            static RULES: LazyLock<Rules> = LazyLock::new(Rules::builtin);
            for start in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
                let Some(name) = scan_name(&text, start, &RULES) else {
                    continue;
                };
                let mut pieces = Vec::new();
                split_parts_on_non_names(&text, &name, &RULES, &mut pieces);
                for candidate in std::iter::once(&name).chain(pieces.iter().map(|(p, _)| p)) {
                    proptest::prop_assert_eq!(
                        name_text_of(&text, candidate),
                        name_text(&text, candidate.span)
                    );
                }
            }
        }

        #[test]
        fn full_parts_counted_as_by_characters(
            text in proptest::prop_oneof![NAME_TEXT, NAME_WORDS],
        ) {
            static RULES: LazyLock<Rules> = LazyLock::new(Rules::builtin);
            for start in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
                let Some(mut name) = scan_name(&text, start, &RULES) else {
                    continue;
                };
                let mut pieces = Vec::new();
                split_parts_on_non_names(&text, &name, &RULES, &mut pieces);
                for (piece, _) in &pieces {
                    proptest::prop_assert_eq!(piece.full_parts(), full_parts_by_chars(&text, piece));
                }
                let mut popped = name.clone();
                while popped.parts.pop().is_some() {
                    proptest::prop_assert_eq!(popped.full_parts(), full_parts_by_chars(&text, &popped));
                }
                loop {
                    proptest::prop_assert_eq!(name.full_parts(), full_parts_by_chars(&text, &name));
                    if name.parts.is_empty() {
                        break;
                    }
                    name.parts.drop_first();
                }
            }
        }

        #[test]
        fn characters_counted_as_by_decoding(
            word in "[aé’.\u{301}]{0,6}|(?s:.{0,6})",
            n in 0usize..7,
        ) {
            proptest::prop_assert_eq!(
                has_more_chars_than(&word, byte_kinds(&word), n),
                word.chars().nth(n).is_some()
            );
        }

        #[test]
        fn listed_names_found_as_by_a_queue(
            names in proptest::collection::vec((0usize..3, 0usize..10), 0..12),
        ) {
            const GAPS: [&str; 10] =
                [", ", " and ", " & ", ", and ", " ", "", " x ", "\n", ". ", " ,\u{a0}and "];
            let mut text = String::new();
            let (mut persons, mut rejected) = (Vec::new(), Vec::new());
            for (role, gap) in names {
                let start = text.len();
                text.push_str("Ab Cd");
                let span = Span::new(start, text.len());
                match role {
                    0 => persons.push(Mention {
                        kind: EntityKind::Person,
                        span,
                        name: String::new(),
                        rule: "person/given-name",
                    }),
                    1 => rejected.push(span),
                    _ => {}
                }
                text.push_str(GAPS[gap]);
            }
            proptest::prop_assert_eq!(
                listed_beside_persons(&text, &persons, &rejected),
                listed_by_queue(&text, &persons, &rejected)
            );
        }

        #[test]
        fn first_and_last_words_split_as_by_searches(name in "[a ’é]{0,8}|(?s:.{0,6})") {
            let by_searches = name
                .split_once(' ')
                .zip(name.rsplit_once(' '))
                .map(|((first, _), (_, last))| (first, last));
            proptest::prop_assert_eq!(first_and_last_word(&name), by_searches);
        }

        #[test]
        fn full_parts_told_as_by_characters(part in "[AaÉéİıdeM.]{0,4}\\.{0,2}|(?s:.{0,5})") {
            proptest::prop_assert_eq!(is_full_part(&part), is_full_part_by_chars(&part));
        }

        #[test]
        fn possessives_stripped_as_by_every_suffix(word in "[aS’'s]{0,4}|(?s:.{0,4})") {
            proptest::prop_assert_eq!(strip_possessive(&word), strip_possessive_by_suffixes(&word));
        }

        #[test]
        fn name_starts_found_as_by_characters(text in NAME_TEXT) {
            for (from, _) in text.char_indices() {
                proptest::prop_assert_eq!(
                    next_capital(&text, from),
                    next_capital_by_chars(&text, from)
                );
                proptest::prop_assert_eq!(
                    starts_camel_surname(&text[from..]),
                    starts_camel_surname_by_run(&text[from..])
                );
            }
        }

        #[test]
        fn first_and_last_words_folded_as_each_word(
            name in "[AaBbZzÉé]{1,6}( [AaBbZzÉé]{1,6}){1,2}",
        ) {
            let (first, last) = first_and_last_word(&name).expect("two words");
            let mut folded = String::from("left over");
            let (first_at, last_at) = fold_first_and_last(&name, (first, last), &mut folded);
            proptest::prop_assert_eq!(&folded[first_at], fold(first));
            proptest::prop_assert_eq!(&folded[last_at], fold(last));
        }

        #[test]
        fn indexed_names_answer_as_each_name(
            names in proptest::collection::vec("[AaBbÉéØøßİı]{1,6}( [AaBbÉéØøßİı]{1,6}){0,2}", 0..6),
            short in "[AaBbÉéØøßİı]{0,7}",
        ) {
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let mut folded = String::from("left over");
            let index = FullNames::new(names.iter().copied(), &mut folded);
            proptest::prop_assert_eq!(
                index.have_short_form(&fold(&short)),
                short_form_by_each_name(&names, &short)
            );
        }
    }

    #[test]
    fn a_first_name_seen_first_as_a_surname_keeps_its_near_spellings() {
        let mut folded = String::new();
        let index = FullNames::new(["Ana Dora", "Dora Smith"].into_iter(), &mut folded);
        assert!(index.have_short_form("dorb"));
    }

    #[test]
    fn longest_camel_prefix_is_the_longest() {
        let longest = CAMEL_PREFIXES.iter().map(|p| p.len()).max();
        assert_eq!(longest, Some(LONGEST_CAMEL_PREFIX));
        assert!(
            CAMEL_PREFIXES
                .iter()
                .all(|p| starts_camel_prefix(p.as_bytes()[0]))
        );
    }

    #[test]
    fn names_of_organisations_are_no_persons() {
        // After a cue, after a given name, and a suffix with its full stop.
        for text in [
            "Katya Orlova from Vance Harlow International gave the keynote.",
            "An engineer from Jordan Kelly Labs showed the demo.",
            "Thanks to Tomasz Wrona Associates for the coffee.",
            "We stopped by the Acme Labs. booth.",
        ] {
            let found = persons(text);
            assert!(
                found.iter().all(|p| !p.contains("Harlow")
                    && !p.contains("Kelly")
                    && !p.contains("Wrona")
                    && !p.contains("Acme")),
                "{text:?}: {found:?}"
            );
        }
        assert_eq!(
            persons("Katya Orlova from Vance Harlow International gave the keynote."),
            ["Katya Orlova"]
        );
        // A suffix later in the sentence does not count.
        assert_eq!(
            persons("Thanks to Maria Kelly, Acme Labs sponsored the sprint."),
            ["Maria Kelly"]
        );
    }

    #[test]
    fn alphanumeric_as_the_unicode_tables_say() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn near_first_name_cases() {
        assert!(near_first_name("tavi", "tavy"));
        assert!(near_first_name("jose", "jsoe"));
        assert!(near_first_name("maria", "mara"));
        assert!(near_first_name("łukasz", "łukas"));
        assert!(!near_first_name("jacob", "jacob"));
        assert!(!near_first_name("jack", "jacob"));
        assert!(!near_first_name("abcd", "adcb"));
    }

    #[test]
    fn short_form_cases() {
        assert!(short_form_of("Jacob", "Jacob Kaplan-Moss"));
        assert!(short_form_of("Kaplan-Moss", "Jacob Kaplan-Moss"));
        assert!(short_form_of("Tavi", "Tavy Marchant"));
        assert!(short_form_of("Jose", "José Valim"));
        assert!(!short_form_of("Jack", "Jacob Kaplan-Moss"));
        assert!(!short_form_of("Jacob", "Jacob"));
    }
}
