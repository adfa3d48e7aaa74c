//! Talks: titles, kinds and speakers.
//!
//! Recaps name talks in two broad ways, and each has its rules here:
//! - structure: list lines ("Speaker - Title", "Title — Speaker"), a title line over a
//!   speaker line, a heading whose paragraph describes a talk;
//! - prose: quoted titles or link texts in talk context (“Introduction to CherryPy”),
//!   possessives ("Jesse Noller's multiprocessing talk"), "talk by X", "X gave a talk on
//!   Y", "the Eve Online talk", "an open space on Y", "the best talk was T by X".
//!
//! Rules report what they saw; `resolve` merges repeated references into one talk.

use super::pattern::{EndPattern, Groups, Pattern, look_back};
use super::persons::scan_name;
use super::{
    Context, EntityKind, Mention, TalkMention, has_span, last_ending_by, overlapping, starting_at,
};
use crate::layout::{TITLE_OVER_SPEAKER, heading_within, looks_like_heading};
use crate::rules::{Rules, TalkKind, WordSet, contains_lower, each_overlapping, overlapping_dfa};
use crate::span::Span;
use crate::swar::{HIGHS, ONES};
use crate::tokenize::{Quote, is_ascii_white_space, is_ascii_word_byte, single_spaced, trim_span};
use aho_corasick::dfa::DFA;
use regex::Regex;
use regex_automata::util::look::{Look, LookMatcher};
use std::cell::Cell;
use std::cmp::Reverse;
use std::sync::LazyLock;

/// How far before a quote its cue words are looked for, in bytes.
const LOOK_BACK: usize = 256;

/// The words that end right before a quoted title: "went to", "saw the", "a talk on".
const QUOTE_CUE_BEFORE: &str = r"(?i)(?:\b(?:went|go|going|goes|headed|head|heading|moved?|off|on|over|back|then|next|stopped|dropped|popped|ran|run|snuck|sneaked|made it|got)\s+(?:in\s+)?(?:on\s+)?(?:in)?to(?:\s+(?:the|a|an|see))?\s*|\b(?:attended|attend|attending|saw|see|seeing|caught|catch|watched|watch|watching|heard|hear|enjoyed|loved|liked|missed|skipped|recommend|recommended|gave|giving|presented|presenting|delivered|deliver|for|was|were|is)\s+(?:the\s+|a\s+|an\s+|my\s+|his\s+|her\s+|their\s+)?|\b(?:talk|talks|keynote|panel|session|tutorial|presentation|workshop|lecture|titled|entitled|called|named|row|lightning talk)\s*(?:on|about|,|:|-|–)?\s*(?:was|is)?\s*(?:the\s+)?|(?:’s|'s)\s+(?:talk|keynote|presentation|tutorial|panel|session)\s+(?:on|about|called|titled|entitled)\s*|\b(?:keynote|talk|session)\s+was\s+\p{Lu}[\w’'-]*(?:\s+\p{Lu}[\w’'-]*){0,3}\s+(?:with|on|about)\s*)$";

/// The words that end right before a quotation rather than a title: "said", "like".
const QUOTE_REJECT_BEFORE: &str = r"(?i)(?:\b(?:said|say|says|saying|asked|ask|asking|question|told|tell|quote|phrase|words?|like|as|called it|mantra|motto|slogan|tagline|message|answer|joked|reminded us|replied|tweeted|wrote)\b[^“”\x22]{0,12})$";

/// Talks found, and persons found only because they stand in a speaker slot.
pub struct Found {
    /// Talk mentions in text order.
    pub talks: Vec<TalkMention>,
    /// Speaker names that the person rules had not already found.
    pub speakers: Vec<Mention>,
}

const KIND_WORDS: &str = r"(?:lightning talk|open space|openspace|unconference session|birds of a feather session|bof session|panel discussion|keynote|talk|panel|tutorial|workshop|presentation|session|lecture|keynote address|bof|sprint)";

/// A kind word standing as whole words; one pattern for all the rules that look for one.
static KIND_WORD: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(&format!(r"(?i)\b{KIND_WORDS}\b")).expect("kind word"));

/// The alternatives of [`KIND_WORDS`], in its order, for the rules that match without a
/// regex.
const KIND_WORD_LIST: [&str; 18] = [
    "lightning talk",
    "open space",
    "openspace",
    "unconference session",
    "birds of a feather session",
    "bof session",
    "panel discussion",
    "keynote",
    "talk",
    "panel",
    "tutorial",
    "workshop",
    "presentation",
    "session",
    "lecture",
    "keynote address",
    "bof",
    "sprint",
];

/// Letters that every match of some rules contains, looked for once before those rules
/// search a whole post.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cue {
    /// "keynote" without its "k", which a case-insensitive pattern also matches as the
    /// Kelvin sign.
    Keynote,
    /// From "birds of a feather".
    Feather,
}

impl Cue {
    const ALL: [Cue; 2] = [Cue::Keynote, Cue::Feather];

    fn letters(self) -> &'static str {
        match self {
            Cue::Keynote => "eynote",
            Cue::Feather => "feather",
        }
    }
}

/// A kind word of [`KIND_WORD_LIST`] as a post writes it, in any ASCII case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct KindAt {
    start: usize,
    end: usize,
    /// Its index in [`KIND_WORD_LIST`].
    word: usize,
}

/// What one pass over a post finds for the rules that would each read all of it: the
/// kind words, the verbs and the cues.
#[derive(Debug)]
struct Scan {
    /// Every kind word written in the post, overlapping ones too, by start; none where
    /// `folds` is set.
    kinds: Vec<KindAt>,
    /// Where the verbs of a [`VerbPhrase`] are written, by start; none where
    /// `folds` is set.
    verbs: Vec<Span>,
    /// Where a kind word or one of [`INTRO_WORDS`] starts, in order: the only places a
    /// by-phrase may start. None where `folds` is set.
    phrase_starts: Vec<usize>,
    /// Which cues the post holds, in the order of [`Cue::ALL`]. The letters of a cue have
    /// no other case-insensitive match, so where a cue is absent, the rules needing it
    /// match nothing.
    cues: [bool; 2],
    /// Whether the post holds "ſ" or the Kelvin sign, which a case-insensitive pattern
    /// reads as "s" and "k" but an ASCII search does not: then the word readers read the
    /// whole post instead of the places `kinds`, `verbs` and `phrase_starts` give.
    folds: bool,
}

impl Scan {
    fn of(text: &str) -> Scan {
        static WORDS: LazyLock<DFA> = LazyLock::new(|| {
            overlapping_dfa(
                KIND_WORD_LIST
                    .iter()
                    .copied()
                    .chain(Cue::ALL.map(Cue::letters))
                    .chain(INTRO_WORDS)
                    .chain(FOLDING)
                    .chain(verb_words()),
            )
            .expect("kind, cue, introduction and verb words")
        });
        /// The characters that set [`Scan::folds`].
        const FOLDING: [&str; 2] = ["ſ", "\u{212a}"];
        const CUES: usize = KIND_WORD_LIST.len();
        const INTROS: usize = CUES + Cue::ALL.len();
        const FOLDS: usize = INTROS + INTRO_WORDS.len();
        const VERBS: usize = FOLDS + FOLDING.len();
        let mut folds = false;
        let mut kinds = Vec::new();
        let mut verbs = Vec::new();
        let mut phrase_starts = Vec::new();
        let mut cues = [false; 2];
        each_overlapping(&*WORDS, text.as_bytes(), |m| {
            let word = m.pattern().as_usize();
            if (FOLDS..VERBS).contains(&word) {
                folds = true;
            } else if (CUES..INTROS).contains(&word) {
                cues[word - CUES] = true;
            } else if word >= VERBS {
                verbs.push(Span::new(m.start(), m.end()));
            } else {
                phrase_starts.push(m.start());
                if word < CUES {
                    kinds.push(KindAt {
                        start: m.start(),
                        end: m.end(),
                        word,
                    });
                }
            }
        });
        if folds {
            kinds.clear();
            verbs.clear();
            phrase_starts.clear();
        }
        kinds.sort_unstable_by_key(|k| (k.start, k.word));
        verbs.sort_unstable_by_key(|v| v.start);
        phrase_starts.sort_unstable();
        phrase_starts.dedup();
        Scan {
            kinds,
            verbs,
            phrase_starts,
            cues,
            folds,
        }
    }
}

/// The words that open "introduction to Y by X" and its kin; "walk ?through" is written
/// out as its two forms.
const INTRO_WORDS: [&str; 8] = [
    "introduction",
    "intro",
    "walk through",
    "walkthrough",
    "overview",
    "tour",
    "deep dive",
    "look",
];

/// "a keynote delivered by X", "talk about lenses by X", "introduction to Y by X": the
/// kind word (group 1), a topic (2) or the introduction phrase (3).
static BY_PHRASE: LazyLock<Pattern> = LazyLock::new(|| {
    let intro = INTRO_WORDS.join("|");
    Pattern::new(&format!(r"(?i)\b(?:({KIND_WORDS})(?:\s+(?:on|about)\s+([^,.;:()]{{2,80}}?))?|((?:{intro})\s+(?:to|of|through|into|at)\s+[^,.;:()]{{2,80}}?))\s*,?\s+(?:(?:delivered|given|presented|led|hosted|run)\s+)?(?:by|from)\s+"))
        .expect("by pattern")
});

/// A match of [`BY_PHRASE`] and its groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct ByPhrase {
    whole: Span,
    /// The kind word (group 1).
    kind: Option<Span>,
    /// The topic after the kind word (group 2).
    topic: Option<Span>,
    /// The introduction phrase (group 3).
    intro: Option<Span>,
}

impl ByPhrase {
    fn of(c: &Groups) -> ByPhrase {
        let span = |i| c.get(i).map(|g| Span::new(g.start(), g.end()));
        ByPhrase {
            whole: span(0).expect("a match"),
            kind: span(1),
            topic: span(2),
            intro: span(3),
        }
    }
}

/// The matches of [`BY_PHRASE`], left to right. Every match opens with a kind word or an
/// introduction word: where the scan has them all, the pattern is read only there, not
/// searched for over the whole post.
fn by_phrase_matches<'t>(text: &'t str, scan: &'t Scan) -> Box<dyn Iterator<Item = ByPhrase> + 't> {
    if scan.folds {
        return Box::new(BY_PHRASE.captures_iter(text).map(|c| ByPhrase::of(&c)));
    }
    let mut pos = 0;
    // The kind words from the current start on: the starts are in text order too.
    let mut kinds = scan.kinds.as_slice();
    Box::new(scan.phrase_starts.iter().filter_map(move |&start| {
        skip_kinds_before(&mut kinds, start);
        let found = (start >= pos).then(|| by_phrase_at(text, kinds, start))??;
        pos = found.whole.end;
        Some(found)
    }))
}

/// The match of [`BY_PHRASE`] that starts at `start`, in a text without "ſ" or the Kelvin
/// sign, read word by word: the capture engine cost thousands of instructions a match.
/// The choices are tried in the pattern's order: each kind word with a topic, then
/// without; then each introduction word. The kind words are the scan's from `start` on,
/// which has them all in such a text.
fn by_phrase_at(text: &str, kinds: &[KindAt], start: usize) -> Option<ByPhrase> {
    if is_word_before(text, start) {
        return None;
    }
    let phrase = |kind, topic, intro, end| ByPhrase {
        whole: Span::new(start, end),
        kind,
        topic,
        intro,
    };
    for kind_end in kinds.iter().take_while(|k| k.start == start).map(|k| k.end) {
        let kind = Some(Span::new(start, kind_end));
        let with_topic = skip_space(text, kind_end)
            .filter(|&e| e > kind_end)
            .and_then(|link| {
                folded_prefix(text, link, "on").or_else(|| folded_prefix(text, link, "about"))
            })
            .and_then(|link_end| topic_then_by(text, link_end));
        if let Some((topic, end)) = with_topic {
            return Some(phrase(kind, Some(topic), None, end));
        }
        if let Some(end) = by_after(text, kind_end) {
            return Some(phrase(kind, None, None, end));
        }
    }
    for intro_end in
        same_first_letter(&INTRO_WORDS, text, start).filter_map(|w| folded_prefix(text, start, w))
    {
        let found = skip_space(text, intro_end)
            .filter(|&e| e > intro_end)
            .and_then(|link| {
                ["to", "of", "through", "into", "at"]
                    .iter()
                    .find_map(|l| folded_prefix(text, link, l))
            })
            .and_then(|link_end| topic_then_by(text, link_end));
        if let Some((topic, end)) = found {
            return Some(phrase(None, None, Some(Span::new(start, topic.end)), end));
        }
    }
    None
}

/// `\s+([^,.;:()]{2,80}?)` and the by-words after it, read at `at` as the pattern tries
/// them: the most white space first, giving back a character at a time, and for each,
/// the shortest topic first. The topic's span and where the match ends.
fn topic_then_by(text: &str, at: usize) -> Option<(Span, usize)> {
    let run_end = skip_space(text, at).filter(|&e| e > at)?;
    let space = &text[at..run_end];
    // The topic's possible starts: past all the white space, then past less of it, but
    // past at least one character.
    let starts = std::iter::once(run_end).chain(
        space
            .char_indices()
            .rev()
            .filter(|&(i, _)| i > 0)
            .map(|(i, _)| at + i),
    );
    for topic_start in starts {
        let mut chars = 0;
        let mut topic_end = topic_start;
        // Read by the first byte of each character: the stops are ASCII, and the first
        // byte tells the character's length without decoding it.
        while let Some(&first) = text.as_bytes().get(topic_end) {
            if matches!(first, b',' | b'.' | b';' | b':' | b'(' | b')') {
                break;
            }
            chars += 1;
            topic_end += utf8_len(first);
            if chars >= 2 {
                if let Some(end) = by_after(text, topic_end) {
                    return Some((Span::new(topic_start, topic_end), end));
                }
            }
            if chars == 80 {
                break;
            }
        }
    }
    None
}

/// The length of the character whose first byte is `first`.
fn utf8_len(first: u8) -> usize {
    match first {
        0..0x80 => 1,
        0x80..0xe0 => 2,
        0xe0..0xf0 => 3,
        _ => 4,
    }
}

/// `\s*,?\s+(?:(?:delivered|given|presented|led|hosted|run)\s+)?(?:by|from)\s+` read at
/// `at`: where it ends.
///
/// Inlined: it is asked after every character of a topic, and its first test, that
/// white space or a comma stands there, turns away most of them.
#[inline]
fn by_after(text: &str, at: usize) -> Option<usize> {
    // A character other than an ASCII one is tested as white space the long way.
    match text.as_bytes().get(at) {
        Some(b' ' | b'\t'..=b'\r' | b',') => {}
        Some(byte) if byte.is_ascii() => return None,
        None => return None,
        Some(_) => {}
    }
    by_words_after(text, at)
}

/// [`by_after`] past its first test. Each white space run is taken whole, as only a
/// whole run leaves a comma or a word after it.
#[inline(never)]
fn by_words_after(text: &str, at: usize) -> Option<usize> {
    let space_end = skip_space(text, at)?;
    let word = if text[space_end..].starts_with(',') {
        skip_space(text, space_end + 1).filter(|&e| e > space_end + 1)?
    } else if space_end > at {
        space_end
    } else {
        return None;
    };
    // Each word opens with an ASCII letter that no other character folds to.
    let first = text.as_bytes().get(word)?.to_ascii_lowercase();
    if !matches!(first, b'd' | b'g' | b'p' | b'l' | b'h' | b'r' | b'b' | b'f') {
        return None;
    }
    let by_word = |at: usize| {
        let end = folded_prefix(text, at, "by").or_else(|| folded_prefix(text, at, "from"))?;
        skip_space(text, end).filter(|&e| e > end)
    };
    const VERBS: [&str; 6] = ["delivered", "given", "presented", "led", "hosted", "run"];
    VERBS
        .iter()
        .find_map(|v| {
            let verb_end = folded_prefix(text, word, v)?;
            let by = skip_space(text, verb_end).filter(|&e| e > verb_end)?;
            by_word(by)
        })
        .or_else(|| by_word(word))
}

/// "The opening keynote was by X", "The closing keynote came from X": the adjective
/// (group 1) and the kind word (2), before the speakers.
const DESCRIBED_SESSION: &str = r"(?i)\b(?:the|a|an)\s+((?:opening|closing|morning|afternoon|evening|final|first|second|last)\s+)?(keynote|talk|session|presentation)\s+(?:was\s+(?:given\s+|delivered\s+|presented\s+)?(?:by\s+)?|came\s+from\s+|came\s+courtesy\s+of\s+)";

/// The matches of [`DESCRIBED_SESSION`], left to right. A match's determiner stands one
/// or two words before its kind word, which follows white space: where the scan has
/// every kind word, the pattern is tried only in those words.
fn described_session_matches<'t>(
    text: &'t str,
    scan: &'t Scan,
) -> Box<dyn Iterator<Item = Groups<'t>> + 't> {
    static RE: LazyLock<Pattern> =
        LazyLock::new(|| Pattern::new(DESCRIBED_SESSION).expect("described session pattern"));
    if scan.folds {
        return Box::new(RE.captures_iter(text));
    }
    const KINDS: [&str; 4] = ["keynote", "talk", "session", "presentation"];
    let stretches = scan
        .kinds
        .iter()
        .filter(|k| {
            KINDS.contains(&KIND_WORD_LIST[k.word])
                && text[..k.start].ends_with(char::is_whitespace)
        })
        .map(|k| (words_before(text, k.start, 2), k.start));
    Box::new(matches_in_stretches(stretches, move |start| {
        // "the", "a" and "an" open with letters no other character folds to, and at a
        // word boundary: most places of a stretch are turned away before the pattern.
        if !matches!(text.as_bytes()[start], b't' | b'T' | b'a' | b'A')
            || is_word_before(text, start)
        {
            return None;
        }
        let c = RE.captures_at(text, start)?;
        let end = c.get(0).expect("match").end();
        Some((c, end))
    }))
}

/// What `try_at` finds at the positions of `stretches`, left to right: each position is
/// tried at most once, and none inside an earlier find, which ends where `try_at` says.
fn matches_in_stretches<T>(
    mut stretches: impl Iterator<Item = (usize, usize)>,
    mut try_at: impl FnMut(usize) -> Option<(T, usize)>,
) -> impl Iterator<Item = T> {
    // Every position before `tried` has been tried or lies in an earlier find.
    let mut tried = 0;
    let mut stretch = (0, 0);
    std::iter::from_fn(move || {
        loop {
            let (from, to) = stretch;
            for start in from.max(tried)..to {
                if let Some((found, end)) = try_at(start) {
                    tried = end;
                    return Some(found);
                }
            }
            tried = tried.max(to);
            stretch = stretches.next()?;
        }
    })
}

/// Where the kind of a talk a rule found comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum KindFrom {
    /// The kind its title names, a plain talk if none.
    Title,
    /// The rule's kind; a plain talk takes the kind its title names, if any.
    Rule(TalkKind),
}

impl From<TalkKind> for KindFrom {
    fn from(kind: TalkKind) -> KindFrom {
        KindFrom::Rule(kind)
    }
}

/// Words before a kind noun that describe it without naming it.
const ADJECTIVES: &[&str] = &[
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "last",
    "next",
    "final",
    "opening",
    "closing",
    "great",
    "good",
    "best",
    "favorite",
    "favourite",
    "interesting",
    "amazing",
    "awesome",
    "excellent",
    "fantastic",
    "nice",
    "cool",
    "fun",
    "funny",
    "entertaining",
    "inspiring",
    "informative",
    "technical",
    "whole",
    "entire",
    "other",
    "same",
    "main",
    "morning",
    "afternoon",
    "evening",
    "short",
    "long",
    "brief",
    "quick",
    "full",
    "new",
    "old",
    "only",
    "very",
    "really",
    "most",
    "more",
    "many",
    "few",
    "several",
    "two",
    "three",
    "some",
    "any",
    "each",
    "every",
    "one",
    "this",
    "that",
    "these",
    "those",
    "my",
    "his",
    "her",
    "their",
    "our",
    "your",
    "its",
    "official",
    "recorded",
    "live",
    "lightning",
    "plenary",
    "invited",
    "hallway",
    "previous",
    "earlier",
    "later",
    "following",
    "latest",
    "big",
    "small",
    "solid",
    "wonderful",
    "brilliant",
    "thoughtful",
    "moving",
    "hilarious",
    "humorous",
    "eye-opening",
    "mind-blowing",
    "fascinating",
    "insightful",
    "packed",
    "crowded",
    "popular",
    "standing",
    "excellent",
    "another",
    "a",
    "an",
    "the",
    "well",
    "received",
    "well-received",
    "keynote",
    "great",
    "stellar",
    "superb",
    "terrific",
    "incredible",
    "enjoyable",
    "engaging",
    "deep",
    "practical",
    "personal",
    "emotional",
    "powerful",
    "honest",
    "candid",
    "excited",
    "highly",
    "particularly",
    "especially",
    "pretty",
    "quite",
    "so",
    "too",
    "also",
    "then",
    "all",
    "weird",
    "odd",
    "strange",
    "surprising",
    "beginner",
    "advanced",
    "introductory",
    "sponsor",
    "sponsored",
    "invited",
    "ending",
    "starting",
    "day's",
    "conference",
    "conference's",
];

/// Whether `word` is one of [`ADJECTIVES`], in any case; a set, since rules look up
/// every modifier word they read.
fn is_adjective(word: &str) -> bool {
    static SET: LazyLock<WordSet> =
        LazyLock::new(|| ADJECTIVES.iter().map(|a| a.as_bytes().into()).collect());
    contains_lower(&SET, word)
}

/// `mods` from its first word that is not one of [`ADJECTIVES`] to its end, or empty
/// where every word is one: the topic of "the great Eve Online talk". Its words are
/// those that skipping the adjectives of `mods.split_whitespace()` leaves, read in place
/// rather than gathered.
fn past_adjectives(mods: &str) -> &str {
    let mut rest = mods.trim_start();
    loop {
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        if word_end == 0 || !is_adjective(&rest[..word_end]) {
            return rest;
        }
        rest = rest[word_end..].trim_start();
    }
}

/// "on the first morning", "on Day 2": when, not what.
static TEMPORAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:the\s+)?(?:(?:first|second|third|last|final|next|opening|closing|same|previous|following)\s+(?:morning|afternoon|evening|day|night)|day\s+\w+|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")
        .expect("temporal pattern")
});

/// Clause breaks that end an unquoted topic.
static TOPIC_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[,;:()\[\]!?]|\.(?:\s|$)|\s[-–—]\s|\swith\s+\p{Lu}|\s(?:was|were|which|where|but|and then|and it|and I|and was|and how|that was|who|while|because|so that|though|although|before|after|with (?:a|an|the|some|lots|many|plenty|great|his|her|their)\b|including)\b)")
        .expect("topic end pattern")
});

/// The verbs of "X gave a talk on Y", by what may follow them.
const GAVE: [&str; 18] = [
    "gave",
    "gives",
    "delivered",
    "delivers",
    "presented",
    "presents",
    "did",
    "had",
    "ran",
    "runs",
    "led",
    "leads",
    "hosted",
    "hosts",
    "taught",
    "teaches",
    "moderated",
    "moderates",
];
const OPENED: [&str; 6] = [
    "kicked off",
    "opened",
    "closed",
    "started",
    "began",
    "ended",
];
/// "talk" and "speak" read after a subject only where a verb of seeing stood before
/// it: "saw Ada Ruiz talk about Y".
const SPOKE: [&str; 7] = [
    "talked", "spoke", "speaks", "talks", "lectured", "talk", "speak",
];
const DISCUSSED: [&str; 2] = ["discussed", "presented"];

/// The verbs above, one by one.
fn verb_words() -> impl Iterator<Item = &'static str> {
    GAVE.into_iter().chain(OPENED).chain(SPOKE).chain(DISCUSSED)
}

/// The verbs that read as one only before "about" or "on": a post says "talk" far
/// more often as a noun.
const BARE_VERBS: [&str; 2] = ["talk", "speak"];

/// Any of the verbs, as a case-insensitive pattern finds it.
static SUBJECT_VERB: LazyLock<Regex> = LazyLock::new(|| {
    let verbs: Vec<String> = verb_words()
        .map(|v| match BARE_VERBS.contains(&v) {
            true => format!("{v} about|{v} on"),
            false => v.to_string(),
        })
        .collect();
    Regex::new(&format!(r"(?i)\b(?:{})", verbs.join("|"))).expect("verbs")
});

/// Whether `text[within]` holds one of the verbs, read from the scan: what
/// [`SUBJECT_VERB`] tells.
fn holds_verb(text: &str, scan: &Scan, within: Span) -> bool {
    if scan.folds {
        // From `within.start` in the whole text, so a word boundary sees what is before.
        return SUBJECT_VERB.is_match_at(&text[..within.end], within.start);
    }
    let first = scan.verbs.partition_point(|v| v.start < within.start);
    scan.verbs[first..]
        .iter()
        .take_while(|v| v.start < within.end)
        .any(|v| {
            let rest = &text.as_bytes()[v.end..within.end.max(v.end)];
            let opens = |link: &[u8]| {
                rest.get(..link.len())
                    .is_some_and(|r| r.eq_ignore_ascii_case(link))
            };
            // A verb starts its word: "led" is no verb in "called".
            v.end <= within.end
                && !is_word_before(text, v.start)
                && (!lowercases_to_one_of(v.slice(text), &BARE_VERBS)
                    || opens(b" about")
                    || opens(b" on"))
        })
}

/// What follows the speakers in "Ada Lovelace gave a great talk on Y", as the pattern
/// `(?i)^(?:\s+\w+ly)?\s+(?:(?:GAVE|(?:OPENED)(?: [^.]{0,40}?)? with)` followed by
/// `\s+(?:a|an|the|his|her|their)\s+((?:[\w-]+\s+){0,3}?)KIND_WORDS` and
/// `(?:\s+(?:on|about|covering|called|titled|entitled)\s+(.+))?`, or by
/// `|(?:SPOKE)\s+(?:about|on)\s+(.+)|(?:DISCUSSED)\s+(.+))` reads it, with the verbs
/// above: the modifiers are group 1, the topic group 2, 3 or 4.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct VerbPhrase {
    /// Where the phrase ends: after the kind word, or after the topic.
    end: usize,
    /// The modifiers before the kind word, each with the white space after it; none
    /// without a kind word.
    mods: Option<Span>,
    /// The topic, up to the end of its line.
    topic: Option<Span>,
    /// Whether the topic follows "discussed" or "presented" alone (group 4).
    discussed: bool,
}

/// The words that join the kind word of a [`VerbPhrase`] to its topic, in the
/// pattern's order.
const VERB_TOPIC_LINKS: [&str; 6] = ["on", "about", "covering", "called", "titled", "entitled"];

/// The [`VerbPhrase`] that opens `s`.
///
/// Read word by word, trying each choice in the pattern's order: the capture engine
/// cost thousands of instructions a sentence, and the reading has few choices to go
/// back on.
fn verb_phrase(s: &str) -> Option<VerbPhrase> {
    let first = skip_space(s, 0).filter(|&e| e > 0)?;
    past_ly_adverb(s, first)
        .and_then(|verb| verb_phrase_at(s, verb))
        .or_else(|| verb_phrase_at(s, first))
}

/// The end of `\w+ly\s+` read at `at`: where the verb after "really" starts.
fn past_ly_adverb(s: &str, at: usize) -> Option<usize> {
    let word_end = s[at..]
        .char_indices()
        .find(|&(i, _)| !is_word_at(s, at + i))
        .map_or(s.len(), |(i, _)| at + i);
    // Both letters are ASCII, so at least one character stands before them.
    let word = &s.as_bytes()[at..word_end];
    let adverb = word.len() >= 3 && word[word.len() - 2..].eq_ignore_ascii_case(b"ly");
    skip_space(s, word_end).filter(|&e| adverb && e > word_end)
}

/// The [`VerbPhrase`] whose verb starts at `at`: the alternatives in the pattern's order.
fn verb_phrase_at(s: &str, at: usize) -> Option<VerbPhrase> {
    let verb_ends = |verbs: &'static [&'static str]| {
        same_first_letter(verbs, s, at).filter_map(move |v| folded_prefix(s, at, v))
    };
    let topic_phrase = |topic: Span, discussed: bool| VerbPhrase {
        end: topic.end,
        mods: None,
        topic: Some(topic),
        discussed,
    };
    verb_ends(&GAVE)
        .find_map(|e| kind_phrase(s, e))
        .or_else(|| {
            verb_ends(&OPENED).find_map(|e| {
                with_starts(s, e).find_map(|w| kind_phrase(s, folded_prefix(s, w, " with")?))
            })
        })
        .or_else(|| {
            verb_ends(&SPOKE)
                .find_map(|e| topic_after_link(s, e, &["about", "on"]))
                .map(|t| topic_phrase(t, false))
        })
        .or_else(|| {
            verb_ends(&DISCUSSED)
                .find_map(|e| rest_of_line_after_space(s, e))
                .map(|t| topic_phrase(t, true))
        })
}

/// Where " with" may start after an opening verb that ends at `at`, as
/// `(?: [^.]{0,40}?)? with` tries them: past a space and the fewest of up to 40
/// characters other than full stops, then right at `at`.
fn with_starts(s: &str, at: usize) -> impl Iterator<Item = usize> + '_ {
    let past_gap = s[at..].strip_prefix(' ').map(|gap| {
        let from = at + 1;
        let skipped = gap
            .char_indices()
            .take_while(|&(_, c)| c != '.')
            .take(40)
            .map(move |(i, c)| from + i + c.len_utf8());
        std::iter::once(from).chain(skipped)
    });
    past_gap.into_iter().flatten().chain(std::iter::once(at))
}

/// The kind-word part of a [`VerbPhrase`] after the verb, which ends at `at`: a
/// determiner, the fewest of up to three modifiers, a kind word and perhaps a topic.
fn kind_phrase(s: &str, at: usize) -> Option<VerbPhrase> {
    const DETERMINERS: [&str; 6] = ["a", "an", "the", "his", "her", "their"];
    let det_start = skip_space(s, at).filter(|&e| e > at)?;
    same_first_letter(&DETERMINERS, s, det_start).find_map(|d| {
        let det_end = folded_prefix(s, det_start, d)?;
        let mods_start = skip_space(s, det_end).filter(|&e| e > det_end)?;
        let mut word_start = mods_start;
        for mods in 0..=3 {
            // No word boundary after the kind word: the first that opens the word wins.
            let kind_end = same_first_letter(&KIND_WORD_LIST, s, word_start)
                .find_map(|k| folded_prefix(s, word_start, k));
            if let Some(kind_end) = kind_end {
                let topic = topic_after_link(s, kind_end, &VERB_TOPIC_LINKS);
                return Some(VerbPhrase {
                    end: topic.map_or(kind_end, |t| t.end),
                    mods: Some(Span::new(mods_start, word_start)),
                    topic,
                    discussed: false,
                });
            }
            if mods == 3 {
                break;
            }
            word_start = past_modifier(s, word_start, &['-'])?;
        }
        None
    })
}

/// The possessive ending that opens the text of a [`possessive_phrase`].
static POSSESSIVE_ENDING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:’s|'s)").expect("possessive ending"));

/// What follows the owner's possessive ending in "Ian’s packaging talk on Y".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct PossessivePhrase {
    /// The modifiers before the kind word, each with the white space after it.
    mods: Span,
    /// Where the phrase ends: after the kind word, or after the topic.
    end: usize,
    /// The topic, up to the end of its line.
    topic: Option<Span>,
}

/// The words that join a possessive's kind word to its topic, in the pattern's order.
const TOPIC_LINKS: [&str; 16] = [
    "on",
    "about",
    "covering",
    "discussing",
    "which discussed",
    "which covered",
    "which was about",
    "in which he discussed",
    "in which he talked about",
    "in which he covered",
    "in which she discussed",
    "in which she talked about",
    "in which she covered",
    "in which they discussed",
    "in which they talked about",
    "in which they covered",
];

/// The phrase that opens `s`, as the pattern `(?i)^\s+((?:[\w.+#-]+\s+){0,4}?)` followed
/// by [`KIND_WORDS`], `s?\b` and `(?:\s+(?:on|about|…)\s+(.+))?` with the
/// [`TOPIC_LINKS`] reads it: the modifiers are group 1, the topic group 2.
///
/// Read word by word: the capture engine cost thousands of instructions a possessive,
/// and the reading has no choices to go back on but the kind word's (each modifier is
/// all of a run of non-space characters).
fn possessive_phrase(s: &str) -> Option<PossessivePhrase> {
    let mods_start = skip_space(s, 0).filter(|&e| e > 0)?;
    let phrase_at = |kind_start: usize| {
        let kind_end = kind_word_end(s, kind_start)?;
        let topic = topic_after_link(s, kind_end, &TOPIC_LINKS);
        Some(PossessivePhrase {
            mods: Span::new(mods_start, kind_start),
            end: topic.map_or(kind_end, |t| t.end),
            topic,
        })
    };
    // The fewest modifiers win.
    let mut word_start = mods_start;
    for _ in 0..4 {
        if let Some(phrase) = phrase_at(word_start) {
            return Some(phrase);
        }
        word_start = past_modifier(s, word_start, &['.', '+', '#', '-'])?;
    }
    phrase_at(word_start)
}

/// The end of [`KIND_WORDS`] and `s?\b` read at `at`: the first kind word, in the pattern's
/// order, that a word boundary follows, with or without an "s".
fn kind_word_end(s: &str, at: usize) -> Option<usize> {
    same_first_letter(&KIND_WORD_LIST, s, at).find_map(|k| {
        let end = folded_prefix(s, at, k)?;
        let plural = folded_prefix(s, end, "s");
        [plural, Some(end)]
            .into_iter()
            .flatten()
            .find(|&e| is_word_boundary(s, e))
    })
}

/// The end of `[\w…]+\s+` read at `at`, where `symbols` are the characters but word
/// characters that the class holds.
fn past_modifier(s: &str, at: usize, symbols: &[char]) -> Option<usize> {
    let len = s[at..]
        .char_indices()
        .find(|&(i, c)| !(is_word_at(s, at + i) || symbols.contains(&c)))
        .map_or(s.len() - at, |(i, _)| i);
    let word_end = at + len;
    skip_space(s, word_end).filter(|&e| len > 0 && e > word_end)
}

/// After a word ending at `at`: `\s+(?:LINKS)\s+(.+)` as a regex reads it, with `links`
/// in order for `LINKS`, giving the span of `(.+)`.
fn topic_after_link(s: &str, at: usize, links: &[&str]) -> Option<Span> {
    let link = skip_space(s, at).filter(|&e| e > at)?;
    links.iter().find_map(|l| {
        let link_end = folded_prefix(s, link, l)?;
        rest_of_line_after_space(s, link_end)
    })
}

/// `\s+(.+)` read at `at`: the span of `(.+)`, which starts past the white space or,
/// where only white space follows, at its last character but a line feed, leaving at
/// least one character to `\s+`.
fn rest_of_line_after_space(s: &str, at: usize) -> Option<Span> {
    let run_end = skip_space(s, at).filter(|&e| e > at)?;
    let start = if run_end < s.len() {
        run_end
    } else {
        let (i, _) = s[at..run_end]
            .char_indices()
            .rev()
            .find(|&(i, c)| i > 0 && c != '\n')?;
        at + i
    };
    let end = s[start..].find('\n').map_or(s.len(), |i| start + i);
    Some(Span::new(start, end))
}

/// Finds talk mentions.
pub fn find(ctx: &Context, persons: &[Mention], projects: &[Mention]) -> Found {
    let mut finder = Finder {
        ctx,
        persons,
        projects,
        talks: Vec::new(),
        talk_spans: TalkSpans::default(),
        speakers: Vec::new(),
        used_lines: vec![false; ctx.tokens.lines.len()],
        scan: &Scan::of(ctx.text),
        word_kinds: WordKinds::default(),
    };
    finder.labelled_fields();
    finder.table_rows();
    finder.list_lines();
    finder.introduced_lists();
    finder.title_over_speaker();
    finder.heading_talks();
    finder.quoted_titles();
    finder.possessives();
    finder.by_phrases();
    finder.subject_verbs();
    finder.described_sessions();
    finder.described_titles();
    finder.attended_titles();
    finder.references();
    finder.unnamed_keynotes();
    // By their keys and places, then moved once each: a talk is large, and a merge sort
    // moves each talk several times. Stable, as the keys' sort ties by place.
    finder.talks.sort_by_cached_key(|t| t.span.start);
    Found {
        talks: finder.talks,
        speakers: finder.speakers,
    }
}

struct Finder<'a, 'c> {
    ctx: &'a Context<'c>,
    persons: &'a [Mention],
    projects: &'a [Mention],
    talks: Vec<TalkMention>,
    /// The spans of the talks found so far.
    talk_spans: TalkSpans,
    speakers: Vec<Mention>,
    /// Whether a rule has taken each line, by index: a set rather than a list, since
    /// the later rules ask for every line.
    used_lines: Vec<bool>,
    /// The post's kind words and cues.
    scan: &'a Scan,
    /// The kinds of the kind words asked for so far.
    word_kinds: WordKinds,
}

/// Spans by start, and the longest of them: what [`TalkSpans::overlap`] needs to look
/// at only the spans near the one it is given.
///
/// A sorted vector rather than a tree: a post has a few dozen talks, which a binary
/// search reaches for less than a tree's walk, and adding a span moves few of them.
#[derive(Default)]
struct TalkSpans {
    spans: Vec<Span>,
    longest: usize,
}

impl TalkSpans {
    fn add(&mut self, span: Span) {
        let at = self.spans.partition_point(|s| s.start <= span.start);
        self.spans.insert(at, span);
        self.longest = self.longest.max(span.len());
    }

    /// Whether a span added overlaps `span`. Those that start before `span` by more
    /// than the longest span end before it.
    fn overlap(&self, span: Span) -> bool {
        let from = span.start.saturating_sub(self.longest);
        let first = self.spans.partition_point(|s| s.start < from);
        self.spans[first..]
            .iter()
            .take_while(|s| s.start < span.end)
            .any(|s| span.start < s.end)
    }
}

/// The kind the rules give each word of [`KIND_WORD_LIST`], looked up on first use: the
/// rules ask for the same few kind words many times a post, and each look-up reads the
/// word with the rules' cue automaton.
#[derive(Default)]
struct WordKinds([Cell<Option<Option<TalkKind>>>; KIND_WORD_LIST.len()]);

/// A names list as read from the text: "Sig Aldane, Jeanelle Quenby".
struct Names {
    names: Vec<(String, Span)>,
    end: usize,
}

/// A name read at a position: the name, its span, where reading stopped, and whether it
/// ends in a possessive.
type NameAt = (String, Span, usize, bool);

/// A talk a rule has read, to be pushed.
struct ReadTalk {
    title: String,
    span: Span,
    kind: TalkKind,
    speakers: Vec<(String, Span)>,
    reference: bool,
}

impl Finder<'_, '_> {
    fn has(&self, cue: Cue) -> bool {
        self.scan.cues[cue as usize]
    }

    fn text(&self) -> &str {
        self.ctx.text
    }

    /// [`kind_of`] a kind word as written. A word that is one of [`KIND_WORD_LIST`] in
    /// some ASCII case names what that word names, since the cue automaton ignores ASCII
    /// case: its kind is looked up once a post.
    fn kind_of_word(&self, word: &str) -> Option<TalkKind> {
        let Some(i) = KIND_WORD_LIST
            .iter()
            .position(|k| k.eq_ignore_ascii_case(word))
        else {
            return kind_of(self.ctx, word);
        };
        let known = &self.word_kinds.0[i];
        known.get().unwrap_or_else(|| {
            let kind = kind_of(self.ctx, KIND_WORD_LIST[i]);
            known.set(Some(kind));
            kind
        })
    }

    /// Reads one person name at `at` (after white space): a person already found there,
    /// or a capitalized name that a speaker slot makes a person.
    fn name_at(&self, at: usize, require_full: bool) -> Option<NameAt> {
        let text = self.text();
        let start = at + (text[at..].len() - text[at..].trim_start_matches([' ', '\u{a0}']).len());
        let name = scan_name(text, start, self.ctx.rules)?;
        if let Some(p) = starting_at(self.persons, name.span.start) {
            let end = if p.span.end == name.span.end {
                name.end
            } else {
                p.span.end
            };
            return Some((
                p.name.clone(),
                p.span,
                end,
                name.possessive && p.span.end == name.span.end,
            ));
        }
        let rules = self.ctx.rules;
        let first = name.parts[0].slice(text);
        let full = name.full_parts();
        let ok = full >= 1
            && (full >= 2 || !require_full)
            && name
                .parts
                .iter()
                .map(|p| p.slice(text))
                .all(|p| !rules.is_non_person_word(p) || rules.is_particle(p))
            && !rules.is_blocker(name.span.slice(text))
            && overlapping(self.projects, name.span).is_empty()
            && (full >= 2
                || rules.is_given_name(first)
                || rules.is_ambiguous_given_name(first)
                || !require_full);
        ok.then(|| {
            let s = single_spaced(name.span.slice(text)).into_owned();
            (s, name.span, name.end, name.possessive)
        })
    }

    /// Reads "A, B and C" at `at`.
    fn names_at(&self, at: usize, require_full: bool) -> Option<Names> {
        let first = self.name_at(at, require_full)?;
        Some(self.names_from(first, require_full))
    }

    /// Reads ", B and C" after `first`, the name read at the start of the list.
    fn names_from(&self, first: NameAt, require_full: bool) -> Names {
        let text = self.text();
        let mut names = Vec::new();
        let mut next = first;
        loop {
            let (name, span, end, _) = next;
            names.push((name, span));
            let rest = &text[end..];
            let sep = [", and ", " and ", ", & ", " & ", ", "]
                .iter()
                .find(|s| rest.starts_with(**s));
            match sep.and_then(|sep| self.name_at(end + sep.len(), require_full)) {
                Some(name) => next = name,
                None => return Names { names, end },
            }
        }
    }

    fn push(
        &mut self,
        title: &str,
        span: Span,
        kind: impl Into<KindFrom>,
        speakers: &[(String, Span)],
        rule: &'static str,
        reference: bool,
    ) {
        let written = title;
        let title = clean_title(written);
        // "(": no title a reader could find.
        if !title.chars().any(char::is_alphanumeric) || more_words_than(&title, 25) {
            return;
        }
        for (name, s) in speakers {
            if !has_span(self.persons, *s) {
                self.speakers.push(Mention {
                    kind: EntityKind::Person,
                    span: *s,
                    name: name.clone(),
                    rule: "person/speaker",
                });
            }
        }
        self.talk_spans.add(span);
        self.talks.push(TalkMention {
            kind: talk_kind(self.ctx.rules, kind.into(), written, &title),
            title,
            span,
            speakers: speakers.iter().map(|(n, _)| n.clone()).collect(),
            rule,
            reference,
        });
    }

    /// Whether a talk found so far overlaps `span`.
    fn covered(&self, span: Span) -> bool {
        self.talk_spans.overlap(span)
    }

    /// Whether a talk found so far starts at `at`, past blanks and a comma: the title
    /// of "the keynote by X, *Title*" or "X's talk *Title*".
    fn talk_follows(&self, at: usize) -> bool {
        let rest = &self.text()[at..];
        let next = at + rest.len() - rest.trim_start_matches([',', ' ']).len();
        next > at && self.covered(Span::new(next, next + 1))
    }

    /// "Speaker - Title", "Title — Speaker", "Speaker: Title" lines, and the other lines
    /// of a block where most lines have that shape.
    fn list_lines(&mut self) {
        let ctx = self.ctx;
        let text = ctx.text;
        for p in &ctx.tokens.paragraphs {
            let mut matched: Vec<usize> = Vec::new();
            let lines = p.first_line..p.end_line;
            for i in lines.clone() {
                // A line another rule took is a talk of the list all the same.
                if self.used_lines[i] {
                    matched.push(i);
                    continue;
                }
                let Some(line) = trim_span(text, ctx.tokens.lines[i].span) else {
                    continue;
                };
                let body = strip_list_marker(text, line);
                let item = body.start != line.start;
                if let Some((title, names)) = self
                    .split_line(body)
                    .or_else(|| self.labelled_line(body))
                    .or_else(|| item.then(|| self.speaker_on_topic(body)).flatten())
                {
                    let (title, kind) = self.quoted_within(title);
                    let (title, kind) = match kind {
                        KindFrom::Title => self.topic_of_kind_phrase(title),
                        given => (title, given),
                    };
                    self.push(
                        title.slice(text),
                        title,
                        kind,
                        &names,
                        "talk/list-line",
                        false,
                    );
                    matched.push(i);
                }
            }
            let standalone = p.end_line - p.first_line == 1;
            let list_block = matched.iter().all(|&i| {
                trim_span(text, ctx.tokens.lines[i].span)
                    .is_some_and(|l| strip_list_marker(text, l).start != l.start)
            });
            if matched.len() >= 2 && !standalone {
                for i in lines {
                    if matched.contains(&i) {
                        continue;
                    }
                    let Some(line) = trim_span(text, ctx.tokens.lines[i].span) else {
                        continue;
                    };
                    let entry = strip_list_marker(text, line);
                    // "“Title” — @handle": the quoted title, when the entry opens with it.
                    let body = self.quote_opening(entry).map_or(entry, |q| q.inner);
                    let s = body.slice(text);
                    // In a list, only other items; elsewhere, only short title-like lines.
                    let item = entry.start != line.start;
                    let fits = if list_block {
                        item
                    } else {
                        !more_words_than(s, 8) && !s.contains(':')
                    };
                    if fits
                        && !s.ends_with(':')
                        && ctx.rules.day_marker.find(s).is_none()
                        && !more_words_than(s, 12)
                    {
                        let (body, speakers) =
                            self.speaker_doing(body).unwrap_or((body, Vec::new()));
                        let s = body.slice(text);
                        self.push(s, body, TalkKind::Talk, &speakers, "talk/list-block", false);
                        matched.push(i);
                    }
                }
            }
            for i in matched {
                self.used_lines[i] = true;
            }
        }
    }

    /// "09:00 | Title | Speaker": a row of a schedule table, one cell of which holds
    /// speakers' names (perhaps with where they work); the title is the longest other
    /// cell that is no time slot or room.
    fn table_rows(&mut self) {
        const CELL: &str = " | ";
        let ctx = self.ctx;
        let text = ctx.text;
        // Most posts have no bar at all, and one search of the post tells.
        let Some(first_bar) = memchr::memchr(b'|', text.as_bytes()) else {
            return;
        };
        let lines = &ctx.tokens.lines;
        let from = lines.partition_point(|l| l.span.end < first_bar);
        for (i, line) in lines.iter().enumerate().skip(from) {
            let row = line.span.slice(text);
            if self.used_lines[i] || !row.contains(CELL) {
                continue;
            }
            let mut cells: Vec<Span> = Vec::new();
            let mut at = line.span.start;
            for cell in row.split(CELL) {
                cells.extend(trim_span(text, Span::new(at, at + cell.len())));
                at += cell.len() + CELL.len();
            }
            let Some((speakers_cell, names)) = cells
                .iter()
                .enumerate()
                .find_map(|(k, c)| Some((k, self.field_speakers(*c, true)?)))
            else {
                continue;
            };
            let title = cells
                .iter()
                .enumerate()
                .filter(|&(k, c)| k != speakers_cell && !is_slot(c.slice(text)))
                .map(|(_, c)| *c)
                .max_by_key(|c| (c.len(), Reverse(c.start)));
            if let Some(title) = title {
                self.push(
                    title.slice(text),
                    title,
                    KindFrom::Title,
                    &names,
                    "talk/table-row",
                    false,
                );
                self.used_lines[i] = true;
            }
        }
    }

    /// "Ravi Menon's session, Debugging Async Python, right after lunch": a title in
    /// title case set off by commas right after a talk named by its speaker.
    fn appositive_title(&self, at: usize) -> Option<Span> {
        let text = self.text();
        let rest = text[at..].strip_prefix(", ")?;
        let len = rest.find([',', '.', ';', '!', '?', '\n'])?;
        let title = trim_span(text, Span::new(at + 2, at + 2 + len))?;
        let t = title.slice(text);
        let names_a_person = !overlapping(self.persons, title).is_empty();
        (t.starts_with(char::is_uppercase)
            && mostly_capitalized(t)
            && !more_words_than(t, 10)
            && !names_a_person)
            .then_some(title)
    }

    /// "Ana Ruiz on tracing in the browser": a list item that names its speakers and,
    /// after "on" or "about", the topic of their talk.
    fn speaker_on_topic(&self, line: Span) -> Option<(Span, Vec<(String, Span)>)> {
        let text = self.text();
        let names = self.names_at(line.start, true)?;
        let rest = &text[names.end..line.end];
        let link = [" on ", " about "]
            .into_iter()
            .find(|link| rest.starts_with(link))?;
        let topic = trim_span(text, Span::new(names.end + link.len(), line.end))?;
        let t = topic.slice(text).trim_end_matches(['.', '!']);
        (!more_words_than(t, 14))
            .then(|| (Span::new(topic.start, topic.start + t.len()), names.names))
    }

    /// "Ana Ruiz explaining how tracing works": an item of a list of talks that opens
    /// with its speakers and a verb in -ing, and what follows the verb.
    fn speaker_doing(&self, item: Span) -> Option<(Span, Vec<(String, Span)>)> {
        let text = self.text();
        let names = self.names_at(item.start, true)?;
        let rest = text[names.end..item.end].strip_prefix(' ')?;
        let verb_end = rest.find(' ')?;
        let verb = &rest[..verb_end];
        if !(verb.len() > 4
            && verb.ends_with("ing")
            && verb.bytes().all(|b| b.is_ascii_lowercase()))
        {
            return None;
        }
        let topic = trim_span(text, Span::new(names.end + 1 + verb_end, item.end))?;
        Some((topic, names.names))
    }

    /// "A talk about Django Channels": the topic after a kind word and "on" or "about"
    /// that open a list line's title, and the kind.
    fn topic_of_kind_phrase(&self, title: Span) -> (Span, KindFrom) {
        let text = self.text();
        let s = title.slice(text);
        let Some(kind_end) = KIND_AFTER.find(s).map(|m| m.end()) else {
            return (title, KindFrom::Title);
        };
        // Lower case "on" or "about": "A Talk About Nothing" is a title in title case.
        let Some(link) = [" on ", " about "]
            .into_iter()
            .find(|link| s[kind_end..].starts_with(link))
        else {
            return (title, KindFrom::Title);
        };
        let kind = kind_after(s).map_or(KindFrom::Title, KindFrom::Rule);
        match trim_span(
            text,
            Span::new(title.start + kind_end + link.len(), title.end),
        ) {
            Some(topic) => (topic, kind),
            None => (title, KindFrom::Title),
        }
    }

    /// `Keynote: “Title”` and `“Title”. A note…`: the title side of a list line that
    /// opens with a quotation, perhaps after a session label, is the quotation; the
    /// label gives the kind.
    fn quoted_within(&self, title: Span) -> (Span, KindFrom) {
        let text = self.text();
        let quotes = &self.ctx.tokens.quotes;
        let from = quotes.partition_point(|q| q.outer.start < title.start);
        let Some(q) = quotes[from..]
            .iter()
            .take_while(|q| q.outer.start < title.end)
            .find(|q| q.outer.end <= title.end)
        else {
            return (title, KindFrom::Title);
        };
        let label = text[title.start..q.outer.start].trim_end();
        let kind = match label.strip_suffix(':') {
            _ if label.is_empty() => KindFrom::Title,
            Some(label) if lowercases_to_one_of(label.trim_end(), &SESSION_LABELS) => {
                kind_named(self.ctx.rules, label).map_or(KindFrom::Title, KindFrom::Rule)
            }
            Some(label) if lowercases_to_one_of(label.trim_end(), &TITLE_LABELS) => KindFrom::Title,
            _ => return (title, KindFrom::Title),
        };
        let after = text[q.outer.end..title.end].trim_start();
        let closes = after.is_empty()
            || after.starts_with(['(', '['])
            || after.starts_with(['.', ',', ';', '!', '?'])
                && after[1..].chars().next().is_none_or(char::is_whitespace);
        if closes && !q.inner.is_empty() {
            (q.inner, kind)
        } else {
            (title, KindFrom::Title)
        }
    }

    /// "Talk: Title" beside "Speaker: Name", on neighbouring lines in either order, or
    /// "Talk: Title, Speaker: Name" on one line. "Talk:" and "Session:" name a talk on
    /// their own; "Title:" only beside a speaker, as a post's own header has one too.
    fn labelled_fields(&mut self) {
        let ctx = self.ctx;
        let text = ctx.text;
        let fields: Vec<LineField> = ctx
            .tokens
            .lines
            .iter()
            .enumerate()
            .filter_map(|(line, l)| {
                // A label's colon, past a list marker and blanks: most lines have none
                // near their start, and need not be trimmed.
                let raw = l.span.slice(text).as_bytes();
                memchr::memchr(b':', &raw[..raw.len().min(64)])?;
                let body = strip_list_marker(text, trim_span(text, l.span)?);
                let (field, value) = line_field(body.slice(text))?;
                let value = Span::new(body.start + value, body.end);
                Some(LineField { line, field, value })
            })
            .collect();
        let near = |a: &LineField, b: &LineField| a.line.abs_diff(b.line) <= 2;
        for (k, f) in fields.iter().enumerate() {
            let alone = match f.field {
                Field::Title { alone } => alone,
                Field::Session => false,
                Field::Speakers => continue,
            };
            if self.used_lines[f.line] {
                continue;
            }
            let (title, inline) = match self.inline_speakers(f.value) {
                Some((title, names)) => (title, Some(names)),
                None => (f.value, None),
            };
            let beside = [k.checked_sub(1), Some(k + 1)]
                .into_iter()
                .flatten()
                .filter_map(|j| fields.get(j))
                .find(|g| g.field == Field::Speakers && near(f, g) && !self.used_lines[g.line]);
            let speakers = match (inline, beside) {
                (Some(names), _) => names,
                (None, Some(g)) => match self.field_speakers(g.value, false) {
                    Some(names) => {
                        self.used_lines[g.line] = true;
                        names
                    }
                    None if alone => Vec::new(),
                    None => continue,
                },
                (None, None) if alone => Vec::new(),
                (None, None) => continue,
            };
            let Some(title) = trim_span(text, title) else {
                continue;
            };
            self.push(
                title.slice(text),
                title,
                KindFrom::Title,
                &speakers,
                "talk/labelled-fields",
                false,
            );
            self.used_lines[f.line] = true;
        }
    }

    /// "Title, Speaker: Name": the title before a speaker field on its line, and the
    /// field's names.
    fn inline_speakers(&self, value: Span) -> Option<(Span, Vec<(String, Span)>)> {
        let s = value.slice(self.text());
        s.char_indices()
            .filter(|&(_, c)| matches!(c, ',' | ';' | '|' | '-' | '–' | '—'))
            .find_map(|(i, c)| {
                let rest = &s[i + c.len_utf8()..];
                let field_at = s.len() - rest.trim_start().len();
                match line_field(&s[field_at..])? {
                    (Field::Speakers, names_from) => Some((i, field_at + names_from)),
                    _ => None,
                }
            })
            .and_then(|(title_end, names_from)| {
                let names =
                    self.field_speakers(Span::new(value.start + names_from, value.end), false)?;
                Some((Span::new(value.start, value.start + title_end), names))
            })
    }

    /// The names a speaker field or table cell holds, perhaps followed by where they
    /// work: "Ana Ruiz, Acme" or "Ana Ruiz (Acme)". A table's header cell ("Speaker")
    /// names no one, so a cell asks for full names only.
    fn field_speakers(&self, value: Span, full_only: bool) -> Option<Vec<(String, Span)>> {
        let text = self.text();
        let names = self.names_at(value.start, true).or_else(|| {
            (!full_only)
                .then(|| self.names_at(value.start, false))
                .flatten()
        })?;
        let rest = text[names.end..value.end].trim_start();
        (rest.is_empty() || rest.starts_with([',', '(', '-', '–', '—', '|', '@', '/']))
            .then_some(names.names)
    }

    /// "Panel: Is Ruby Dying? with A, B and C": a line that opens with a session label.
    fn labelled_line(&self, line: Span) -> Option<(Span, Vec<(String, Span)>)> {
        let text = self.text();
        let s = line.slice(text);
        let session_label = matches!(line_field(s), Some((Field::Session, _)));
        if !session_label || more_words_than(s, 25) {
            return None;
        }
        for sep in [" with ", " by ", " — ", " – ", " - "] {
            if let Some(at) = rfind_short(s, sep) {
                if let Some(names) = self.names_at(line.start + at + sep.len(), false) {
                    if text[names.end..line.end]
                        .trim()
                        .trim_end_matches('.')
                        .is_empty()
                    {
                        return Some((Span::new(line.start, line.start + at), names.names));
                    }
                }
            }
        }
        Some((line, Vec::new()))
    }

    /// "Talks I saw:" over a list: each item opens with a talk title, often followed by
    /// the writer's note ("Tiny Builds for Cameras: to learn how …").
    fn introduced_lists(&mut self) {
        static INTRO: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)\b(?:talks|sessions|presentations|keynotes|panels|workshops|tutorials|conferences|lectures)\b[^:]*:\s*$")
                .expect("intro pattern")
        });
        static NOT_TALKS: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)\b(?:tools?|sites?|links?|resources?|takeaways?|lessons?|notes?|tips?|books?|slides|videos)\b")
                .expect("not talks pattern")
        });
        static NOTE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?:\s(?:to|because|since|as|where|which|so)\s|:\s+\p{Ll}|:\s+I\b|\.\s|\.$|\s[-–—]\s)")
                .expect("note pattern")
        });
        let ctx = self.ctx;
        let text = ctx.text;
        let lines = &ctx.tokens.lines;
        let mut intro_ok = false;
        for (i, line) in lines.iter().enumerate() {
            let Some(span) = trim_span(text, line.span) else {
                continue; // blank lines keep the intro in force
            };
            let body = strip_list_marker(text, span);
            let is_item = body.start != span.start;
            if !is_item {
                let l = span.slice(text);
                // An intro ends with a colon, which most lines lack.
                intro_ok =
                    l.trim_end().ends_with(':') && INTRO.is_match(l) && !NOT_TALKS.is_match(l);
                continue;
            }
            if !intro_ok || self.used_lines[i] || self.covered(body) {
                continue;
            }
            let item = body.slice(text);
            let cut = NOTE.find(item).map_or(item.len(), |m| m.start());
            let title = item[..cut].trim();
            let starts_well = title
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric());
            if starts_well && (1..=12).contains(&title.split_whitespace().count()) {
                let span = Span::new(body.start, body.start + title.len());
                self.push(
                    title,
                    span,
                    KindFrom::Title,
                    &[],
                    "talk/introduced-list",
                    false,
                );
                self.used_lines[i] = true;
            }
        }
    }

    /// Splits a line into title and speakers when one side is wholly a list of names.
    fn split_line(&self, line: Span) -> Option<(Span, Vec<(String, Span)>)> {
        let s = line.slice(self.text());
        if s.starts_with(['“', '"', '‘']) {
            return self.quote_then_speakers(line);
        }
        // Both sides are split at a separator, which most short lines lack: looking for
        // one skips reading the names they open with and telling whether they are titles.
        if more_words_than(s, 30) || s.starts_with(['“', '"', '‘']) || !may_hold_split_separator(s)
        {
            return None;
        }
        self.split_short_line(line)
    }

    /// [`Finder::split_line`] for a line of at most 30 words that opens with no quotation
    /// mark.
    fn split_short_line(&self, line: Span) -> Option<(Span, Vec<(String, Span)>)> {
        let text = self.text();
        let s = line.slice(text);
        // Speaker first.
        if let Some(names) = self.names_at(line.start, true) {
            let mut rest = names.end;
            if text[rest..].starts_with(',') {
                rest += 1;
            }
            if let Some(sep) = SPEAKER_FIRST_SEPARATORS.iter().find(|sep| {
                text[rest..line.end].starts_with(**sep)
                    || (text[rest..line.end].starts_with(sep.trim_start()) && sep.starts_with(':'))
            }) {
                let sep_len = if text[rest..].starts_with(*sep) {
                    sep.len()
                } else {
                    sep.trim_start().len()
                };
                let title = trim_span(text, Span::new(rest + sep_len, line.end))?;
                let t = title.slice(text);
                let capitalized = t.chars().next().is_some_and(|c| !c.is_lowercase());
                if t.split_whitespace().count() <= 14 && (capitalized || !sep.starts_with(':')) {
                    // "Tiny Parsers - Ravi Menon": names the persons rule did not find
                    // before names it did are the title.
                    let found = |names: &Names| {
                        names
                            .names
                            .iter()
                            .all(|(_, sp)| has_span(self.persons, *sp))
                    };
                    if !found(&names) {
                        if let Some(after) = self
                            .names_at(title.start, true)
                            .filter(|n| n.end == title.end && found(n))
                        {
                            let before = trim_span(text, Span::new(line.start, names.end))?;
                            return Some((before, after.names));
                        }
                    }
                    return Some((title, names.names));
                }
            }
        }
        // Title first: "Title — Speaker" or "Title by Speaker", on a line that reads as
        // a title rather than a sentence.
        let list_item = text[..line.start].ends_with("- ") || text[..line.start].ends_with("* ");
        if !(list_item || looks_like_heading(s) || mostly_capitalized(s)) {
            return None;
        }
        for sep in TITLE_FIRST_SEPARATORS {
            let Some(at) = rfind_short(s, sep) else {
                continue;
            };
            let names_start = line.start + at + sep.len();
            let Some(names) = self.names_at(names_start, true) else {
                continue;
            };
            let tail = text[names.end..line.end].trim();
            let tail_ok = tail.is_empty()
                || tail.starts_with('(')
                || tail.starts_with(',') && tail.len() < 40;
            if tail_ok && at > 0 {
                let title = trim_span(text, Span::new(line.start, line.start + at))?;
                return Some((title, names.names));
            }
        }
        self.speakers_in_brackets(line)
    }

    /// The quotation that opens `span` and ends within it.
    fn quote_opening(&self, span: Span) -> Option<&Quote> {
        let quotes = &self.ctx.tokens.quotes;
        quotes[quotes.partition_point(|q| q.outer.start < span.start)..]
            .iter()
            .take_while(|q| q.outer.start == span.start)
            .find(|q| q.outer.end <= span.end)
    }

    /// "“Title” – Speaker": a line that opens with a quoted title, then a separator and
    /// the speakers.
    fn quote_then_speakers(&self, line: Span) -> Option<(Span, Vec<(String, Span)>)> {
        let text = self.text();
        let q = self.quote_opening(line)?;
        let after = &text[q.outer.end..line.end];
        let sep = TITLE_FIRST_SEPARATORS
            .iter()
            .chain(&[", by "])
            .find(|sep| after.starts_with(**sep))?;
        let names = self.names_at(q.outer.end + sep.len(), true)?;
        let tail = text[names.end..line.end].trim();
        (tail.is_empty() || tail.starts_with(['(', ','])).then_some((q.inner, names.names))
    }

    /// "Title (Speaker)" and "Title (Speaker, Company)": brackets that close the line
    /// and open with full names.
    fn speakers_in_brackets(&self, line: Span) -> Option<(Span, Vec<(String, Span)>)> {
        let text = self.text();
        let s = line.slice(text);
        let inside = s.strip_suffix(')')?;
        let open = rfind_short(inside, " (")?;
        let names = self.names_at(line.start + open + 2, true)?;
        let tail = &text[names.end..line.start + inside.len()];
        let affiliation = tail
            .strip_prefix(", ")
            .is_some_and(|org| !org.contains(['(', ')']) && org.len() < 40);
        if !(tail.is_empty() || affiliation) {
            return None;
        }
        let title = trim_span(text, Span::new(line.start, line.start + open))?;
        Some((title, names.names))
    }

    /// A title line over a line that holds only speaker names; where a post does this
    /// twice or more, a title over a user name ("jam1garner") is a talk too.
    fn title_over_speaker(&mut self) {
        let ctx = self.ctx;
        let text = ctx.text;
        let lines: Vec<(usize, Span)> = ctx
            .tokens
            .lines
            .iter()
            .enumerate()
            .filter_map(|(i, l)| trim_span(text, l.span).map(|s| (i, s)))
            .collect();
        let mut handles: Vec<(usize, Span)> = Vec::new();
        let mut pairs = 0;
        for w in lines.windows(2) {
            let ((i, title), (j, speaker)) = (w[0], w[1]);
            if self.used_lines[i] || self.used_lines[j] || j > i + 2 {
                continue;
            }
            let t = title.slice(text);
            if !heading_within(t, TITLE_OVER_SPEAKER)
                || ctx.rules.day_marker.find(t).is_some_and(|m| m.start() < 12)
                || t.ends_with(':')
            {
                continue;
            }
            let sp = speaker.slice(text).trim_end_matches('.');
            let speaker_body = Span::new(speaker.start, speaker.start + sp.len());
            if let Some(names) = self
                .names_at(speaker.start, false)
                .filter(|n| n.names.len() > 1 || self.name_at(speaker.start, true).is_some())
            {
                if names.end == speaker_body.end
                    && self
                        .names_at(title.start, false)
                        .is_none_or(|n| n.end != title.end)
                {
                    self.push(
                        t,
                        title,
                        TalkKind::Talk,
                        &names.names,
                        "talk/title-over-speaker",
                        false,
                    );
                    self.used_lines[i] = true;
                    self.used_lines[j] = true;
                    pairs += 1;
                    continue;
                }
            }
            let handle = !sp.contains(' ')
                && sp.len() <= 30
                && (sp.chars().any(|c| c.is_ascii_digit())
                    || sp.starts_with('@')
                    || sp
                        .chars()
                        .all(|c| c.is_lowercase() || c.is_ascii_digit() || c == '_'));
            if handle {
                handles.push((i, title));
            }
        }
        if pairs >= 2 {
            for (i, title) in handles {
                self.push(
                    title.slice(text),
                    title,
                    TalkKind::Talk,
                    &[],
                    "talk/title-over-handle",
                    false,
                );
                self.used_lines[i] = true;
            }
        }
    }

    /// A heading whose next paragraph opens by describing a talk.
    fn heading_talks(&mut self) {
        static CUE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)\b(?:talk|keynote|presentation|presented|presenting|spoke|speaker|gave a|panel|tutorial|workshop|lecture|session)\b")
                .expect("heading cue")
        });
        static GENERIC: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)highlight|\b(?:talks|keynotes|sessions|workshops|tutorials|panels|sprints|introduction|overview|summary|conclusions?|wrap[- ]?up|thanks|takeaways|my talk|the venue|venue|food|party|parties|hallway track|recap|notes|agenda|schedule)\b")
                .expect("generic heading")
        });
        // "Afternoon", "Lunch", "The first conference day": a heading that names a part
        // of the conference, not a talk.
        static PART_OF_DAY: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)^(?:(?:the|late|early|mid)[\s-]+)?(?:(?:first|second|third|fourth|fifth|last|final|main|conference|talks?)\s+)*(?:morning|afternoon|evening|night|day|lunch(?:time)?|breakfast|dinner|coffee|break|misc(?:ellaneous)?|other stuff|final thoughts|closing thoughts|people|swag|travel|logistics)s?[.!]?$")
                .expect("part of day heading")
        });
        let ctx = self.ctx;
        let text = ctx.text;
        for h in &ctx.layout.headings {
            let s = h.span.slice(text);
            if self.used_lines[h.line]
                || h.line == 0 && ctx.layout.headings.len() > 1
                || h.level == Some(1)
                || ctx.rules.day_marker.find(s).is_some_and(|m| m.start() < 20)
                || GENERIC.is_match(s)
                || PART_OF_DAY.is_match(s)
                || ctx
                    .rules
                    .blocker_hits(s)
                    .iter()
                    .any(|b| b.2 == crate::rules::Blocker::Conference)
                || more_words_than(s, 14)
                || s.ends_with(':')
                || self.covered(h.span)
            {
                continue;
            }
            let paragraphs = &ctx.tokens.paragraphs;
            let Some(next) =
                paragraphs.get(paragraphs.partition_point(|p| p.span.start <= h.span.end))
            else {
                continue;
            };
            if ctx
                .layout
                .headings
                .iter()
                .any(|o| o.span.start == next.span.start)
            {
                continue;
            }
            let all = &ctx.tokens.sentences;
            let sentences: Vec<Span> = all
                [all.partition_point(|x| x.span.start < next.span.start)..]
                .iter()
                .take_while(|x| x.span.start < next.span.end)
                .filter(|x| next.span.contains(x.span))
                .take(2)
                .map(|x| x.span)
                .collect();
            let Some(window) = sentences
                .first()
                .map(|f| Span::new(f.start, sentences.last().map_or(f.end, |l| l.end)))
            else {
                continue;
            };
            if !CUE.is_match(window.slice(text)) {
                continue;
            }
            let mut speakers: Vec<(String, Span)> = Vec::new();
            if let Some(by) = rfind_short(s, " by ") {
                if let Some(names) = self.names_at(h.span.start + by + 4, false) {
                    speakers = names.names;
                }
            }
            if speakers.is_empty() {
                if let Some(p) = overlapping(self.persons, window)
                    .iter()
                    .find(|p| window.contains(p.span))
                {
                    speakers.push((p.name.clone(), p.span));
                }
            }
            self.push(s, h.span, KindFrom::Title, &speakers, "talk/heading", false);
            self.used_lines[h.line] = true;
        }
    }

    /// Quoted titles and link texts that stand where a talk is named.
    fn quoted_titles(&mut self) {
        static CODE_LINK: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)^https?://(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|pypi\.org|npmjs\.com|crates\.io|rubygems\.org|hex\.pm|pkg\.go\.dev|docs\.|[a-z]+\.wikipedia\.org)")
                .expect("code link pattern")
        });
        static AFTER_BY: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^[\s,]*(?:by|from)\s+\p{Lu}").expect("after by pattern"));
        static BEFORE: LazyLock<EndPattern> =
            LazyLock::new(|| EndPattern::new(QUOTE_CUE_BEFORE).expect("quote left cue"));
        static AFTER: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(&format!(r"(?i)^[\s,]*(?:(?:a|an|the)\s+)?(?:{KIND_WORDS}s?\b|(?:by|from|with)\s+\p{{Lu}}|(?:was|is)\s+(?:a|an|the|my|really|very|great|good|amazing|interesting|fantastic|excellent|informative|fun|entertaining|awesome)\b)"))
                .expect("quote right cue")
        });
        static REJECT_BEFORE: LazyLock<EndPattern> =
            LazyLock::new(|| EndPattern::new(QUOTE_REJECT_BEFORE).expect("quote reject cue"));
        let ctx = self.ctx;
        let text = ctx.text;
        let mut candidates: Vec<(Span, Span)> = ctx
            .tokens
            .quotes
            .iter()
            .map(|q| (q.inner, q.outer))
            .collect();
        // Links and emphasis set a title apart as quotation marks do.
        candidates.extend(ctx.doc.links.iter().map(|l| (l.span, l.span)));
        candidates.extend(ctx.doc.emphasis.iter().map(|&e| (e, e)));
        candidates.sort_by_key(|c| c.0.start);
        let emphasised = |span: Span| ctx.doc.emphasis.binary_search(&span).is_ok();
        let mut accepted_outer: Vec<Span> = Vec::new();
        for (inner, outer) in candidates {
            let title = inner.slice(text).trim();
            let words = title.split_whitespace().count();
            let link_to_code = ctx
                .doc
                .links
                .iter()
                .any(|l| l.span == inner && CODE_LINK.is_match(&l.target));
            let names_project =
                has_span(self.projects, inner) && !AFTER_BY.is_match(&text[outer.end..]);
            if link_to_code || names_project || has_span(self.persons, inner) {
                continue;
            }
            if words == 0 || words > 20 || self.covered(outer) || title.contains('\n') {
                continue;
            }
            // The line around the quote, from the line table: searching the text for line
            // breaks would read a long line again for every quote on it.
            let line_start = ctx.tokens.lines[ctx.tokens.line_at(outer.start)].span.start;
            let line_end = ctx.tokens.lines[ctx.tokens.line_at(outer.end)].span.end;
            let before = &text[line_start..outer.start];
            let after = &text[outer.end..line_end.max(outer.end)];
            let chained = accepted_outer.last().is_some_and(|prev| {
                prev.end <= outer.start
                    && matches!(
                        text[prev.end..outer.start].trim(),
                        "," | "and" | ", and" | "&" | "or" | ", or"
                    )
            });
            let first = title.chars().next().unwrap_or(' ');
            // A long question is something someone asked; "CAT!" is an exclamation.
            let question = title.ends_with('?') && words > 8 || title.ends_with('!') && words <= 2;
            // The title's own shape first: the cue patterns cost far more.
            if question || !(first.is_uppercase() || first.is_numeric() || chained) {
                continue;
            }
            // Cues before the quote are a few words: a bounded look back keeps a long line
            // linear. That look back costs less than the right-hand cue, so it is asked first.
            // Emphasis also marks what a writer stresses ("the theme was **…**"): a title
            // set apart by it is written in title case or named a talk.
            let stressed = emphasised(outer)
                && !mostly_capitalized(title)
                && kind_before(before).or_else(|| kind_after(after)).is_none();
            let cue = chained
                || BEFORE.matches_before(before, before.len(), LOOK_BACK)
                || AFTER.is_match(after)
                || self.subject_before(outer.start).is_some();
            if !cue
                || stressed
                || REJECT_BEFORE.matches_before(before, before.len(), LOOK_BACK) && !chained
            {
                continue;
            }
            accepted_outer.push(outer);
            let mut speakers: Vec<(String, Span)> = Vec::new();
            static BY: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(&format!(r"^[\s,]*(?:(?:a|an|the)\s+)?(?:{KIND_WORDS}\s+)?(?:(?:given|presented|delivered|led|hosted|run|taught|moderated)\s+)?(?:by|from|with)\s+"))
                    .expect("by pattern")
            });
            if let Some(m) = BY.find(after) {
                if let Some(names) = self.names_at(outer.end + m.end(), false) {
                    speakers = names.names;
                }
            }
            if speakers.is_empty() {
                speakers = self.possessive_before(line_start, outer.start);
            }
            if speakers.is_empty() {
                speakers = self.pronoun_owner(outer.start).into_iter().collect();
            }
            if speakers.is_empty() {
                speakers = self.subject_before(outer.start).into_iter().collect();
            }
            let kind = kind_after(after)
                .or_else(|| kind_before(before))
                .map_or(KindFrom::Title, KindFrom::Rule);
            self.push(title, inner, kind, &speakers, "talk/quoted-title", false);
        }
    }

    /// "Jacob Kaplan-Moss’s talk on “…”" and "Jesse Noller gave a talk titled “…”".
    fn possessive_before(&self, line_start: usize, quote_start: usize) -> Vec<(String, Span)> {
        static POSS: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(&format!(r"(?i)(?:’s|'s)(?:\s+[\w-]+){{0,2}}?\s+{KIND_WORDS}\s*(?:on|about|called|titled|entitled|,)?\s*$")).expect("poss")
        });
        static SUBJ: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(&format!(r"(?i)\s(?:gave|gives|presented|presents|delivered|did|had)\s+(?:a|an|the|his|her|their)\s+(?:[\w-]+\s+){{0,2}}?{KIND_WORDS}\s*(?:on|about|called|titled|entitled|,)?\s*$|\s(?:presented|presents|talked about|spoke about|spoke on)\s*$")).expect("subj")
        });
        let text = self.text();
        let before = &text[line_start..quote_start];
        let sentence_start = self
            .ctx
            .tokens
            .sentence_at(quote_start)
            .map_or(line_start, |s| {
                self.ctx.tokens.sentences[s].span.start.max(line_start)
            });
        let window = &text[sentence_start..quote_start];
        let from = line_start + look_back(before, before.len(), LOOK_BACK);
        if let Some(m) = POSS.find(&text[from..quote_start]) {
            let at = from + m.start();
            if let Some(p) = last_ending_by(self.persons, at)
                .filter(|p| p.span.end == at && p.span.start >= sentence_start)
            {
                return vec![(p.name.clone(), p.span)];
            }
        }
        if let Some(m) = SUBJ.find(window) {
            if let Some(names) = self.names_at(sentence_start, false) {
                return names.names;
            }
            // "In the afternoon, Ana Ruiz and Li Wei gave a talk titled …": the names
            // that end right before the verb.
            let verb = sentence_start + m.start();
            let from = self
                .persons
                .partition_point(|p| p.span.start < sentence_start);
            let subject = self.persons[from..]
                .iter()
                .take_while(|p| p.span.end <= verb)
                .find_map(|p| {
                    self.names_at(p.span.start, false)
                        .filter(|names| names.end == verb)
                });
            if let Some(names) = subject {
                return names.names;
            }
        }
        Vec::new()
    }

    /// "Her talk, “…”": the person the pronoun points back to, the last one named in
    /// this sentence or the one before.
    fn pronoun_owner(&self, quote_start: usize) -> Option<(String, Span)> {
        static PRONOUN: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(&format!(r"(?i)\b(?:his|her|their)\s+(?:[\w-]+\s+){{0,2}}?{KIND_WORDS}\s*(?:,|:)?\s*(?:on|about|called|titled|entitled|was)?\s*$"))
                .expect("pronoun pattern")
        });
        let tokens = self.ctx.tokens;
        let s = tokens.sentence_at(quote_start)?;
        let sentence = tokens.sentences[s].span;
        if !PRONOUN.is_match(&self.text()[sentence.start..quote_start]) {
            return None;
        }
        let from = tokens.sentences[s.saturating_sub(1)].span.start;
        last_ending_by(self.persons, quote_start)
            .filter(|p| p.span.start >= from)
            .map(|p| (p.name.clone(), p.span))
    }

    /// "Ravi gave “…”", "Pieter followed with “…”": the person the sentence opens with,
    /// when a verb of presenting joins them to the title.
    fn subject_before(&self, quote_start: usize) -> Option<(String, Span)> {
        static VERB: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)^\s*(?:\w+ly\s+)?(?:then\s+)?(?:gave|gives|presented|presents|delivered|followed|opened|closed|kicked off|started|spoke|speaks?|talked|talks?|present|ran|led|did|showed|walked us through|was back with|returned with)\b[^.!?]{0,40}$")
                .expect("subject verb pattern")
        });
        let tokens = self.ctx.tokens;
        let s = tokens.sentence_at(quote_start)?;
        let sentence = tokens.sentences[s].span;
        let text = self.text();
        // "… was Adaeze Okonkwo with “…”", "Next up: Ana Ruiz – “…”": the name right
        // before the title.
        if let Some(p) =
            last_ending_by(self.persons, quote_start).filter(|p| p.span.start >= sentence.start)
        {
            let between = text[p.span.end..quote_start].trim();
            let by_named = text[sentence.start..p.span.start]
                .trim_end()
                .ends_with(" by")
                && matches!(
                    between,
                    "entitled" | "titled" | "called" | ", entitled" | ", titled" | ", called" | ","
                );
            // "I went to see Ada Ruiz talk about “…”".
            let seen_presenting = matches!(
                between,
                "talk"
                    | "talk about"
                    | "talk on"
                    | "speak"
                    | "speak about"
                    | "speak on"
                    | "present"
            ) && text[sentence.start..p.span.start]
                .split_whitespace()
                .next_back()
                .is_some_and(|w| lowercases_to_one_of(w, &PERCEPTION_VERBS));
            if by_named
                || seen_presenting
                || matches!(
                    between,
                    "with"
                        | "on"
                        | "about"
                        | "presenting"
                        | "-"
                        | "–"
                        | "—"
                        | "and her talk"
                        | "and his talk"
                        | "and their talk"
                )
            {
                return Some((p.name.clone(), p.span));
            }
        }
        // Persons in text order: the words before them only grow, so the search stops at
        // the first person with more than two.
        let from = self
            .persons
            .partition_point(|p| p.span.start < sentence.start);
        let p = self.persons[from..]
            .iter()
            .take_while(|p| {
                text[sentence.start..p.span.start]
                    .split_whitespace()
                    .nth(2)
                    .is_none()
            })
            .find(|p| p.span.end <= quote_start)?;
        VERB.is_match(&text[p.span.end..quote_start])
            .then(|| (p.name.clone(), p.span))
    }

    /// "The opening keynote was by X", "The closing keynote came from X".
    fn described_sessions(&mut self) {
        static THEN_TITLE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r"^\s*(?:with|on|about|talking about|,? who (?:talked|spoke) (?:about|on))\s+",
            )
            .expect("then title")
        });
        let ctx = self.ctx;
        let text = ctx.text;
        for c in described_session_matches(text, self.scan) {
            let whole = c.get(0).expect("m");
            let Some(names) = self.names_at(whole.end(), false) else {
                continue;
            };
            if !names
                .names
                .iter()
                .all(|(_, sp)| has_span(self.persons, *sp))
            {
                continue;
            }
            let span = Span::new(whole.start(), names.end);
            if self.covered(span) {
                continue;
            }
            let kind_word = c.get(2).expect("kind").as_str().to_lowercase();
            let kind = self.kind_of_word(&kind_word).unwrap_or(TalkKind::Talk);
            let rest = &text[names.end..];
            if let Some(m) = THEN_TITLE.find(rest) {
                if rest[m.end()..].starts_with(['“', '"']) {
                    continue; // the quoted-title rule takes it, with this speaker
                }
            }
            let adjective = c.get(1).map(|m| m.as_str().trim().to_lowercase());
            let title = match &adjective {
                Some(a) if kind == TalkKind::Keynote => format!("{a} {kind_word}"),
                _ => kind_word,
            };
            self.push(
                &title,
                span,
                kind,
                &names.names,
                "talk/described-session",
                true,
            );
        }
    }

    /// "Jesse Noller’s mutliprocessing talk", "Guido’s keynote", "Ian’s talk on stuff".
    fn possessives(&mut self) {
        let ctx = self.ctx;
        let text = ctx.text;
        for p in self.persons {
            // Every match opens with an apostrophe, which most names lack: skip the
            // sentence look-up and the capture search for them.
            if !text[p.span.end..].starts_with(['\'', '’']) {
                continue;
            }
            let rest_end = ctx
                .tokens
                .sentence_at(p.span.start)
                .map_or(text.len(), |s| {
                    ctx.tokens.sentences[s].span.end.max(p.span.end)
                });
            let rest = &text[p.span.end..rest_end];
            let Some(ending) = POSSESSIVE_ENDING.find(rest) else {
                continue;
            };
            let after = &rest[ending.end()..];
            let Some(phrase) = possessive_phrase(after) else {
                continue;
            };
            let phrase_start = p.span.end + ending.end();
            // A topic cut short by another speaker's clause ends the phrase there: that
            // clause has a talk of its own ("… and Ana Ruiz's tutorial on Y").
            let end = phrase
                .topic
                .and_then(|t| Some(t.start + speaker_clause_in_topic(t.slice(after))?))
                .unwrap_or(phrase.end);
            let span = Span::new(p.span.start, phrase_start + end);
            if self.covered(span) || self.talk_follows(span.end) {
                continue;
            }
            let mods = phrase.mods.slice(after);
            let kind_word = kind_word_in(text, self.scan, Span::new(phrase_start, span.end));
            let kind = self.kind_of_word(&kind_word).unwrap_or(TalkKind::Talk);
            let new = mods
                .split_whitespace()
                .any(|w| lowercases_to_one_of(w, &POSSESSIVE_NEW_WORDS));
            // The words past the adjectives as written: `push` joins them with single
            // spaces as it cleans the title.
            let topic = past_adjectives(mods);
            let tail = phrase
                .topic
                .map(|t| topic_until_break(t.slice(after)))
                .filter(|t| !TEMPORAL.is_match(t));
            let appositive = self.appositive_title(span.end);
            let (title, reference) = if !topic.is_empty() {
                (topic.trim_end(), false)
            } else if let Some(t) =
                tail.filter(|t| !t.is_empty() && !t.starts_with(['“', '"', '‘']))
            {
                (t, false)
            } else if tail.is_some_and(|t| t.starts_with(['“', '"', '‘'])) {
                continue; // the quoted-title rule has it
            } else if let Some(t) = appositive {
                (t.slice(text), false)
            } else {
                (kind_word.as_str(), !new)
            };
            self.push(
                title,
                span,
                kind,
                &[(p.name.clone(), p.span)],
                "talk/possessive",
                reference && !new,
            );
        }
    }

    /// "a keynote delivered by X", "talk about lenses by X", "introduction to Y by X".
    fn by_phrases(&mut self) {
        let ctx = self.ctx;
        let text = ctx.text;
        for c in by_phrase_matches(text, self.scan) {
            let whole = c.whole;
            let Some(names) = self.names_at(whole.end, false) else {
                continue;
            };
            let span = Span::new(whole.start, names.end);
            if self.covered(span) {
                continue;
            }
            // "the talk by X titled “…”" and "the keynote by X, *Title*," are the quoted
            // rule's.
            if text[names.end..]
                .trim_start_matches([',', ' '])
                .starts_with(['“', '"'])
                || self.talk_follows(names.end)
                || starts_with_titled(&text[names.end..])
            {
                continue;
            }
            // "a talk by X on Y": the topic may follow the names.
            let topic_after = text[names.end..]
                .strip_prefix(" on ")
                .or_else(|| text[names.end..].strip_prefix(" about "))
                .map(topic_until_break)
                .filter(|t| !t.is_empty() && !t.starts_with(['“', '"']));
            let (title, kind, reference) = if let Some(phrase) = c.intro {
                (phrase.slice(text).to_string(), TalkKind::Talk, false)
            } else {
                let kind_word = c.kind.map_or("talk", |m| m.slice(text));
                let kind = self.kind_of_word(kind_word).unwrap_or(TalkKind::Talk);
                match c.topic.map(|t| t.slice(text)).or(topic_after) {
                    Some(topic) => (topic.to_string(), kind, false),
                    None => (
                        with_adjective(&text[..whole.start], &kind_word.to_lowercase(), kind),
                        kind,
                        true,
                    ),
                }
            };
            self.push(
                &title,
                span,
                kind,
                &names.names,
                "talk/by-phrase",
                reference,
            );
        }
    }

    /// "Ada Lovelace gave a great talk on Y", "Grace Hopper talked about Y".
    fn subject_verbs(&mut self) {
        let ctx = self.ctx;
        let text = ctx.text;
        for s in &ctx.tokens.sentences {
            // Every verb phrase holds one of its verbs, which most sentences lack: looking
            // for them first skips reading the names of those sentences.
            if !holds_verb(text, self.scan, s.span) {
                continue;
            }
            let mut at = self.subject_start(s.span);
            // And every phrase opens with a person found at or after `at` in the
            // sentence, which many sentences with a verb lack. A topic cut short by a
            // clause break leaves the rest of the sentence to another subject.
            while self.person_starts_in(Span::new(at, s.span.end)) {
                let Some(talk) = self.subject_verb_at(s.span, at) else {
                    break;
                };
                self.push(
                    &talk.title,
                    talk.span,
                    talk.kind,
                    &talk.speakers,
                    "talk/subject-verb",
                    talk.reference,
                );
                if talk.span.end >= s.span.end {
                    break;
                }
                at = talk.span.end;
            }
        }
    }

    /// Where the subject of `sentence` may start: past what opens it but letters and
    /// digits, and past an opening adverbial ("Then,", "Later that day,").
    fn subject_start(&self, sentence: Span) -> usize {
        let body = sentence.slice(self.text());
        let lead = body.len()
            - body
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .len();
        let at = sentence.start + lead;
        if let Some(comma) = find_short(&body[lead..], ", ") {
            let opener = &body[lead..lead + comma];
            let person_first = starting_at(self.persons, at).is_some();
            if opener.split_whitespace().count() <= 4 && !person_first {
                return sentence.start + lead + comma + 2;
            }
        }
        at
    }

    /// Whether a person found starts in `span`.
    fn person_starts_in(&self, span: Span) -> bool {
        let next = self.persons.partition_point(|p| p.span.start < span.start);
        self.persons
            .get(next)
            .is_some_and(|p| p.span.start < span.end)
    }

    /// The talk of "X gave a talk on Y" in `sentence`, whose subject may start at `at`.
    fn subject_verb_at(&self, sentence: Span, mut at: usize) -> Option<ReadTalk> {
        let ctx = self.ctx;
        let text = ctx.text;
        // "Then Nadia Haddad gave …": a word or two may stand before the subject.
        let mut first = self.name_at(at, false);
        if first.as_ref().is_none_or(|n| !has_span(self.persons, n.1)) {
            // The words before a person only grow along the sentence: the first person
            // after `at` is the only one that can have two or fewer.
            let next = self.persons.partition_point(|p| p.span.start <= at);
            // "I went to see Ada Ruiz talk about …": or right after a verb of seeing;
            // "… opened with Ada Ruiz, who gave a talk on …": or anywhere before "who".
            if let Some(p) = self.persons.get(next).filter(|p| {
                let before = &text[at..p.span.start];
                p.span.start < sentence.end
                    && (before.split_whitespace().nth(2).is_none()
                        || before
                            .split_whitespace()
                            .next_back()
                            .is_some_and(|w| lowercases_to_one_of(w, &PERCEPTION_VERBS))
                        || text[p.span.end..].starts_with(RELATIVE)
                            // "The opening keynote came from Ada Ruiz, who …" is a
                            // described session's.
                            && first_kind_word(text, self.scan, Span::new(sentence.start, p.span.start))
                                .is_none())
            }) {
                at = p.span.start;
                first = self.name_at(at, false);
            }
        }
        let names = self.names_from(first?, false);
        if !names
            .names
            .iter()
            .all(|(_, sp)| has_span(self.persons, *sp))
            || names.end > sentence.end
        {
            return None;
        }
        // The verb phrase opens with the blank before its verb.
        let rest_start = match text[names.end..].starts_with(RELATIVE) {
            true => names.end + RELATIVE.trim_end().len(),
            false => names.end,
        };
        let rest = &text[rest_start..sentence.end];
        let phrase = verb_phrase(rest)?;
        // The topic and where it breaks off, which ends the phrase: what follows may be
        // another clause with a talk of its own.
        let cut = phrase
            .topic
            .map(|t| (t, t.start + topic_break(t.slice(rest))));
        let end = match cut {
            Some((t, cut)) if cut < t.end => cut,
            _ => phrase.end,
        };
        let span = Span::new(at, rest_start + end);
        if self.covered(span) {
            return None;
        }
        let topic = phrase.topic.map(|t| t.slice(rest));
        if topic.is_some_and(|t| t.trim_start().starts_with(['“', '"', '‘'])) {
            return None;
        }
        let kind_word = kind_word_in(text, self.scan, Span::new(rest_start, span.end));
        let kind = self.kind_of_word(&kind_word).unwrap_or(TalkKind::Talk);
        let new = phrase
            .mods
            .map_or("", |m| m.slice(rest))
            .split_whitespace()
            .any(|w| lowercases_to_one_of(w, &VERB_NEW_WORDS));
        let topic = cut.map(|(t, cut)| rest[t.start..cut].trim().to_string());
        let (title, reference) = match topic.filter(|t| t.split_whitespace().count() >= 2) {
            Some(t) => (t, !new),
            None if phrase.discussed => return None,
            None => (kind_word, !new),
        };
        Some(ReadTalk {
            title,
            span,
            kind,
            speakers: names.names,
            reference,
        })
    }

    /// "I attended Building Resilient Systems by Ana Ruiz": a title in title case
    /// between a verb of attending and "by" with a speaker's full name. Read from the
    /// persons found, which are few, rather than from every sentence.
    fn attended_titles(&mut self) {
        const VERBS: [&str; 10] = [
            " attended ",
            " caught ",
            " saw ",
            " watched ",
            " enjoyed ",
            " loved ",
            " liked ",
            " heard ",
            " missed ",
            " recommend ",
        ];
        let ctx = self.ctx;
        let text = ctx.text;
        for p in self.persons {
            // Most persons stand after no "by": asked first, as it costs least.
            if !text[..p.span.start].ends_with(" by ") {
                continue;
            }
            let Some(sentence) = ctx.tokens.sentence_at(p.span.start) else {
                continue;
            };
            let from = ctx.tokens.sentences[sentence].span.start;
            let Some(head) = text[from..p.span.start].strip_suffix(" by ") else {
                continue;
            };
            // A title in title case ends in a capitalised word, not in a quotation mark
            // (the quoted rule's) or a lower-case word ("a meetup run by").
            let last_word = head.rsplit(' ').next().unwrap_or(head);
            if !last_word.starts_with(char::is_uppercase) || !head.ends_with(char::is_alphanumeric)
            {
                continue;
            }
            // The verb stands at most a title's length back.
            let head = &head[look_back(head, head.len(), 160)..];
            let from = p.span.start - " by ".len() - head.len();
            let Some(title_start) = VERBS
                .iter()
                .filter_map(|v| Some(rfind_short(head, v)? + v.len()))
                .max()
            else {
                continue;
            };
            let Some(title) = trim_span(text, Span::new(from + title_start, from + head.len()))
            else {
                continue;
            };
            let t = title.slice(text);
            let Some(names) = self.names_at(p.span.start, true) else {
                continue;
            };
            if !t.starts_with(char::is_uppercase)
                || !mostly_capitalized(t)
                || t.split_whitespace().nth(1).is_none()
                || more_words_than(t, 12)
                || self.covered(title)
                || !overlapping(self.persons, title).is_empty()
            {
                continue;
            }
            self.push(
                t,
                title,
                KindFrom::Title,
                &names.names,
                "talk/attended-title",
                false,
            );
        }
    }

    /// "My favorite talk was Title by Speaker." and "The talk was by X called Title."
    fn described_titles(&mut self) {
        static NAMED: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^\s+(?:called|titled|entitled)\s+").expect("named"));
        let ctx = self.ctx;
        let text = ctx.text;
        let mut kinds = self.scan.kinds.as_slice();
        for s in &ctx.tokens.sentences {
            let body = s.span.slice(text);
            // The scan's kind words rather than one large pattern: the large pattern's
            // automaton did not fit the regex cache and dominated the run time. Looked up
            // first: most sentences hold no kind word, and the look-up costs less than
            // reading the sentence.
            let Some(kind) = first_kind_word_in_order(text, self.scan, s.span, &mut kinds) else {
                continue;
            };
            let kind_end = kind.end - s.span.start;
            // Every match holds "was" or "is" as written after the kind word: without
            // either, the pattern need not be searched.
            let after_kind = &body[kind_end..];
            if !(after_kind.contains("is") || after_kind.contains("was")) {
                continue;
            }
            let Some(verb_end) = was_or_is_end(after_kind) else {
                continue;
            };
            let rest_start = kind_end + verb_end;
            let rest = body[rest_start..].trim_end_matches(['.', '!']);
            let (title, names_at) = if rest.starts_with("by ") {
                let at = s.span.start + rest_start + 3;
                let Some(names) = self.names_at(at, false) else {
                    continue;
                };
                let Some(named) = NAMED.find(&text[names.end..s.span.end]) else {
                    continue;
                };
                let title_start = names.end + named.end() - s.span.start;
                (Span::new(title_start, rest_start + rest.len()), Some(at))
            } else {
                // "… was Title by X", or "from X" where X is a person's full or given
                // name: "Notes from Berlin" is a title.
                let rest_end = s.span.start + rest_start + rest.len();
                let speakers_at = [(" by ", false), (" from ", true)].into_iter().find_map(
                    |(sep, require_full)| {
                        let i = rfind_short(rest, sep)?;
                        let at = s.span.start + rest_start + i + sep.len();
                        self.names_at(at, require_full)
                            .is_some_and(|n| n.end == rest_end)
                            .then_some((i, at))
                    },
                );
                match speakers_at {
                    Some((i, at)) => (Span::new(rest_start, rest_start + i), Some(at)),
                    None => (Span::new(rest_start, rest_start + rest.len()), None),
                }
            };
            let t = title.slice(body);
            let first = t.chars().next();
            if !first.is_some_and(|c| c.is_uppercase()) || !(3..=150).contains(&t.len()) {
                continue;
            }
            let span = Span::new(s.span.start + title.start, s.span.start + title.end);
            if self.covered(span) || t.starts_with(['“', '"']) {
                continue;
            }
            let speakers = match names_at {
                Some(at) => match self.names_at(at, false) {
                    Some(n) => n.names,
                    None => continue,
                },
                None => Vec::new(),
            };
            if starting_at(self.persons, span.start).is_some() {
                continue; // "The keynote was Ada Lovelace with …": a speaker, not a title
            }
            // A described title reads like a title: mostly capitalized words or a colon.
            let words: Vec<&str> = t.split_whitespace().collect();
            let caps = words
                .iter()
                .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                .count();
            if words.len() > 2 && caps * 2 < words.len() && !t.contains(':') {
                continue;
            }
            if words.len() <= 3
                && overlapping(self.persons, span)
                    .iter()
                    .any(|p| span.contains(p.span))
            {
                continue;
            }
            self.push(
                t,
                span,
                TalkKind::Talk,
                &speakers,
                "talk/described-title",
                false,
            );
        }
    }

    /// "the Eve Online talk", "the testing tools panel", "an open space on podcasting",
    /// "a Django Birds of a Feather session".
    fn references(&mut self) {
        static BOF: LazyLock<Pattern> = LazyLock::new(|| {
            Pattern::new(r"(?i)\b(?:(\p{Lu}[\w.+#-]*)\s+)?birds of a feather\b(?:\s+(?:session|meeting|meetup))?(?:\s+(?:on|about)\s+([^,.;()]{2,60}))?").expect("bof")
        });
        let ctx = self.ctx;
        let text = ctx.text;
        let bofs = self.has(Cue::Feather).then(|| BOF.captures_iter(text));
        for c in bofs.into_iter().flatten() {
            let whole = c.get(0).expect("m");
            let span = Span::new(whole.start(), whole.end());
            if self.covered(span) {
                continue;
            }
            let head = c.get(1).map(|m| m.as_str()).filter(|w| !is_adjective(w));
            let mut title = format!(
                "{}Birds of a Feather",
                head.map(|h| format!("{h} ")).unwrap_or_default()
            );
            if let Some(topic) = c.get(2) {
                title = format!("{title} on {}", topic_until_break(topic.as_str()));
            }
            self.push(&title, span, TalkKind::Bof, &[], "talk/bof", false);
        }
        for (kind_m, topic_m) in kind_on_topic(text, self.scan) {
            let kind_word = kind_m.slice(text);
            let topic = topic_until_break(topic_m.slice(text));
            let span = kind_m;
            if self.covered(span) || topic.is_empty() || topic.starts_with(['“', '"']) {
                continue;
            }
            let kind = self.kind_of_word(kind_word).unwrap_or(TalkKind::Talk);
            let title = if kind == TalkKind::Lightning {
                topic.to_string()
            } else {
                [kind_word, " on ", topic].concat()
            };
            // "… with A and B", "…, moderated by A": who gave or ran it.
            let after = topic_m.start + topic.len();
            let rest = &text[after..];
            let past_comma = rest.strip_prefix(',').unwrap_or(rest).trim_start();
            let names_from = rest.strip_prefix(" with ").or_else(|| {
                [
                    "moderated by ",
                    "hosted by ",
                    "led by ",
                    "run by ",
                    "chaired by ",
                ]
                .iter()
                .find_map(|by| past_comma.strip_prefix(by))
            });
            let speakers = names_from
                .and_then(|names| self.names_at(text.len() - names.len(), false))
                .map_or_else(Vec::new, |n| n.names);
            self.push(&title, span, kind, &speakers, "talk/kind-on-topic", false);
        }
        for (mods_m, kind_m) in the_x_kind(text, self.scan) {
            let span = Span::new(mods_m.start, kind_m.end);
            if self.covered(span) {
                continue;
            }
            let mods = mods_m.slice(text);
            let topic = past_adjectives(mods);
            // At most four modifiers: the topic's words fit on the stack, with room to
            // tell a fifth, and are split once.
            let mut split = topic.split_whitespace();
            let words: [Option<&str>; 5] = std::array::from_fn(|_| split.next());
            let topic_words = || words.iter().flatten();
            if topic.is_empty()
                || topic_words()
                    .any(|w| is_adjective(w) && !w.chars().next().is_some_and(char::is_uppercase))
            {
                continue;
            }
            let kind = self
                .kind_of_word(kind_m.slice(text))
                .unwrap_or(TalkKind::Talk);
            let capitalized = topic_words().all(|w| {
                w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_numeric())
            });
            let first_word = topic_words().next().expect("a topic word");
            let topic_start = mods_m.start + mods.find(first_word).unwrap_or(0);
            let topic_span = Span::new(topic_start, mods_m.end);
            let names_project = overlapping(self.projects, topic_span)
                .iter()
                .any(|p| topic_span.contains(p.span));
            let lowercase_ok = matches!(
                kind,
                TalkKind::Panel
                    | TalkKind::Tutorial
                    | TalkKind::Workshop
                    | TalkKind::OpenSpace
                    | TalkKind::Bof
            );
            if !(capitalized || names_project || lowercase_ok)
                || !overlapping(self.persons, topic_span).is_empty()
            {
                continue;
            }
            if topic_words().any(|w| w.ends_with("’s") || w.ends_with("'s"))
                || topic_words().nth(4).is_some()
            {
                continue;
            }
            // The topic as written, and the kind word after it for some kinds: `push`
            // joins the words with single spaces as it cleans the title.
            let title_end = if matches!(
                kind,
                TalkKind::Panel | TalkKind::Tutorial | TalkKind::Workshop
            ) {
                kind_m.end
            } else {
                mods_m.end
            };
            let title_start = mods_m.end - topic.len();
            self.push(
                text[title_start..title_end].trim_end(),
                span,
                kind,
                &[],
                "talk/the-x-talk",
                true,
            );
        }
    }
}

/// Nouns that say who gave a session without naming anyone: "the keynote, by the
/// creators", "a keynote from the core team".
pub(crate) const GROUP_NOUNS: &[&str] = &[
    "creators",
    "founders",
    "co-founders",
    "cofounders",
    "authors",
    "makers",
    "inventors",
    "designers",
    "developers",
    "maintainers",
    "engineers",
    "editors",
    "team",
    "folks",
    "people",
    "crew",
    "staff",
    "hosts",
    "organizers",
    "organisers",
    "committee",
    "board",
    "foundation",
    "leads",
    "leaders",
    "members",
    "duo",
];

/// Adjectives that tell one keynote from another ("the closing keynote").
const KEYNOTE_ADJECTIVES: &str =
    "opening|closing|morning|afternoon|evening|final|first|second|last";

impl Finder<'_, '_> {
    /// Keynotes a post describes without naming a speaker: "the keynote, by the creators
    /// of X", "a keynote from the core team", "The closing keynote was a thoughtful talk
    /// …", "Reddit's keynote". The gold convention keeps these as talks with no speakers;
    /// a bare collective ("the keynotes") is not one.
    fn unnamed_keynotes(&mut self) {
        static BY_GROUP: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(&format!(
                r"(?i)(?-u:\b)(?:the|a|an)\s+(?:({KEYNOTE_ADJECTIVES})\s+)?keynote(?:\s+address)?\s*,?\s+(by|from)\s+the\s+"
            ))
            .expect("keynote by group pattern")
        });
        static QUALIFIED: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(&format!(
                r"(?i)(?-u:\b)the\s+({KEYNOTE_ADJECTIVES})\s+keynote\s+(?:was|is|came|began|started|ran|went|had|left|felt)(?-u:\b)"
            ))
            .expect("qualified keynote pattern")
        });
        static OWNED: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(&format!(
                r"(?i)(?:’s|'s)\s+(?:({KEYNOTE_ADJECTIVES})\s+)?keynote(?-u:\b)"
            ))
            .expect("owned keynote pattern")
        });
        let ctx = self.ctx;
        let text = ctx.text;
        if !self.has(Cue::Keynote) {
            return;
        }
        for c in BY_GROUP.captures_iter(text) {
            let whole = c.get(0).expect("m");
            let Some(end) = group_phrase_end(text, whole.end()) else {
                continue;
            };
            let span = Span::new(whole.start(), end);
            if self.covered(span) {
                continue;
            }
            let adjective = c.get(1).map(|m| format!("{} ", m.as_str().to_lowercase()));
            let title = format!(
                "{}keynote {} the {}",
                adjective.unwrap_or_default(),
                c[2].to_lowercase(),
                &text[whole.end()..end]
            );
            self.push(
                &title,
                span,
                TalkKind::Keynote,
                &[],
                "talk/unnamed-keynote",
                false,
            );
        }
        for c in QUALIFIED.captures_iter(text) {
            let whole = c.get(0).expect("m");
            let span = Span::new(whole.start(), whole.end());
            if self.covered(span) {
                continue;
            }
            // "The closing keynote was Ada Lovelace on …": a full name right after the
            // verb, followed by what it was about, is the speaker.
            static AFTER_NAME: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r"^(?:\s+(?:on|about|with|talking|who)(?-u:\b)|\s*[,.;:]|\s*$)")
                    .expect("after name pattern")
            });
            let at = whole.end()
                + if text[whole.end()..].starts_with(" by ") {
                    3
                } else {
                    0
                };
            let speakers = self
                .names_at(at, true)
                .filter(|n| AFTER_NAME.is_match(&text[n.end..]))
                .map(|n| n.names)
                .unwrap_or_default();
            let sentence_end = ctx
                .tokens
                .sentence_at(whole.start())
                .map_or(text.len(), |s| ctx.tokens.sentences[s].span.end);
            let named_later = self
                .persons
                .iter()
                .any(|p| p.span.start >= whole.end() && p.span.start < sentence_end);
            if speakers.is_empty() && named_later {
                continue; // a person in the same sentence may be the speaker: unsure
            }
            let title = format!("{} keynote", c[1].to_lowercase());
            let reference = !speakers.is_empty();
            self.push(
                &title,
                span,
                TalkKind::Keynote,
                &speakers,
                "talk/unnamed-keynote",
                reference,
            );
        }
        for c in OWNED.captures_iter(text) {
            let whole = c.get(0).expect("m");
            // The owner is a project or an organisation, not a person (the possessive
            // rule has those).
            let owner = self
                .projects
                .iter()
                .find(|p| p.span.end == whole.start())
                .map(|p| p.span)
                .or_else(|| self.organisation_before(whole.start()));
            let Some(owner) = owner else { continue };
            if self.persons.iter().any(|p| p.span.overlaps(owner)) {
                continue;
            }
            let span = Span::new(owner.start, whole.end());
            if self.covered(span) {
                continue;
            }
            let title = span.slice(text).to_string();
            self.push(
                &title,
                span,
                TalkKind::Keynote,
                &[],
                "talk/unnamed-keynote",
                false,
            );
        }
    }

    /// An organisation's name that ends at `end` ("Mozilla" in "Mozilla's keynote").
    fn organisation_before(&self, end: usize) -> Option<Span> {
        let text = self.text();
        let line_start = text[..end].rfind('\n').map_or(0, |i| i + 1);
        let mut from = end.saturating_sub(60).max(line_start);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        self.ctx
            .rules
            .blocker_hits(&text[from..end])
            .into_iter()
            .find(|&(s, e, kind)| {
                kind == crate::rules::Blocker::Organisation && from + e == end && s < e
            })
            .map(|(s, e, _)| Span::new(from + s, from + e))
    }
}

/// The end of "creators of Reddit" or "core team" at `at`: up to three lower-case words
/// ending in a [`GROUP_NOUNS`] word, then optionally "of" or "behind" and up to three
/// capitalized words.
fn group_phrase_end(text: &str, at: usize) -> Option<usize> {
    let word_end = |from: usize| {
        text[from..]
            .find(|c: char| !(c.is_alphanumeric() || c == '-'))
            .map_or(text.len(), |i| from + i)
    };
    let mut pos = at;
    let mut end = None;
    for _ in 0..3 {
        let e = word_end(pos);
        let word = &text[pos..e];
        if word.is_empty() || !word.chars().all(|c| c.is_lowercase() || c == '-') {
            break;
        }
        if GROUP_NOUNS.contains(&word) {
            end = Some(e);
            break;
        }
        if !text[e..].starts_with(' ') {
            break;
        }
        pos = e + 1;
    }
    let mut end = end?;
    for link in [" of ", " behind "] {
        if !text[end..].starts_with(link) {
            continue;
        }
        let mut pos = end + link.len();
        let mut last = None;
        for _ in 0..3 {
            let e = text[pos..]
                .find(|c: char| {
                    c.is_whitespace() || matches!(c, ',' | ';' | ':' | '(' | ')' | '!' | '?')
                })
                .map_or(text.len(), |i| pos + i);
            let word = text[pos..e].trim_end_matches('.');
            if !word.chars().next().is_some_and(char::is_uppercase) {
                break;
            }
            last = Some(pos + word.len());
            if e != pos + word.len() || !text[e..].starts_with(' ') {
                break;
            }
            pos = e + 1;
        }
        if let Some(l) = last {
            end = l;
        }
    }
    Some(end)
}

/// `^[^.!?]{0,60}?\b(?:was|is)\s+` matched at the start of `s`: where the match ends.
///
/// Read byte by byte, trying each place where a character starts, the nearest first as
/// the lazy repetition tries them: the regex's search fell back from its lazy DFA at
/// the Unicode word boundary and cost over a thousand instructions a sentence.
fn was_or_is_end(s: &str) -> Option<usize> {
    let mut chars = 0;
    for (at, &byte) in s.as_bytes().iter().enumerate() {
        // A byte that continues a character starts no place to try.
        if (0x80..0xc0).contains(&byte) {
            continue;
        }
        if matches!(byte, b'w' | b'i') {
            if let Some(end) = was_or_is_at(s, at) {
                return Some(end);
            }
        }
        if chars == 60 || matches!(byte, b'.' | b'!' | b'?') {
            return None;
        }
        chars += 1;
    }
    None
}

/// `\b(?:was|is)\s+` matched at `at`: where the white space after the verb ends.
fn was_or_is_at(s: &str, at: usize) -> Option<usize> {
    let rest = &s.as_bytes()[at..];
    let verb_end = if rest.starts_with(b"was") {
        at + 3
    } else if rest.starts_with(b"is") {
        at + 2
    } else {
        return None;
    };
    // The verb opens with a word character: a boundary needs none before it.
    if is_word_before(s, at) {
        return None;
    }
    skip_space(s, verb_end).filter(|&end| end > verb_end)
}

/// "the Eve Online talk": a determiner, one to four modifier words and a kind word, as
/// the modifiers' span (with the space after them) and the kind word's span.
///
/// The matches, in text order, are exactly those of the pattern
/// `(?i)\b(?:the|my|our|this|that|his|her|their)\s+((?:[\w+#’'-]+(?:\.\w+)*\s+){1,4}?)`
/// followed by `(KIND_WORDS)\b`. Read word by word instead: that pattern's automaton was
/// the largest of the talk rules, to build and to run, and a whole-word reading has no
/// choices to backtrack over (each modifier is all of a run of non-space characters).
/// And read only a few words before each kind word the scan found, not the whole post.
fn the_x_kind<'a>(text: &'a str, scan: &'a Scan) -> impl Iterator<Item = (Span, Span)> + 'a {
    // A match's determiner stands at most five words (itself and four modifiers) before
    // its kind word, which follows white space and ends at a word boundary: only the
    // stretches before such kind words need reading.
    let whole = scan.folds.then_some((0, text.len()));
    let stretches = whole.into_iter().chain(
        scan.kinds
            .iter()
            .filter(|k| {
                text[..k.start].ends_with(char::is_whitespace) && is_word_boundary(text, k.end)
            })
            .map(|k| (words_before(text, k.start, 5), k.start)),
    );
    matches_in_stretches(stretches, move |start| {
        the_x_kind_at(text, scan, start).map(|(mods, kind)| ((mods, kind), kind.end))
    })
}

/// The match of [`the_x_kind`]'s pattern that starts at `start`, if any.
///
/// Inlined: it is asked at every place of a stretch, and its first test turns away most
/// of them for less than the cost of a call.
#[inline]
fn the_x_kind_at(text: &str, scan: &Scan, start: usize) -> Option<(Span, Span)> {
    // A determiner opens with an ASCII letter (no other character folds to t, m, o or
    // h) at a word boundary: most places of a stretch are inside a word.
    if !matches!(
        text.as_bytes()[start].to_ascii_lowercase(),
        b't' | b'm' | b'o' | b'h'
    ) || is_word_before(text, start)
    {
        return None;
    }
    determiner_then_kind(text, scan, start)
}

/// The words [`the_x_kind`]'s pattern opens with.
const DETERMINERS: [&str; 8] = ["the", "my", "our", "this", "that", "his", "her", "their"];

/// [`the_x_kind_at`] past its first tests.
#[inline(never)]
fn determiner_then_kind(text: &str, scan: &Scan, start: usize) -> Option<(Span, Span)> {
    if !scan.folds {
        return modifiers_then_kind(text, scan, whole_determiner_end(text, start)?);
    }
    same_first_letter(&DETERMINERS, text, start).find_map(|d| {
        let end = folded_prefix(text, start, d)?;
        modifiers_then_kind(text, scan, end)
    })
}

/// The end of the determiner that is the whole run of ASCII letters at `start`, in a
/// text without "ſ" or the Kelvin sign.
///
/// White space must follow a determiner, so only one that is a whole run of letters
/// opens a match: the run, read once, settles all eight determiners, which compared one
/// by one cost most of a call.
fn whole_determiner_end(text: &str, start: usize) -> Option<usize> {
    let bytes = &text.as_bytes()[start..];
    let letters = bytes.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let run = &bytes[..letters];
    DETERMINERS
        .iter()
        .any(|d| run.eq_ignore_ascii_case(d.as_bytes()))
        .then_some(start + letters)
}

/// Where the `n`th run of non-white-space characters before `at` starts, or 0.
fn words_before(text: &str, at: usize, n: usize) -> usize {
    let mut start = at;
    for _ in 0..n {
        start = text[..start].trim_end().len();
        start = text[..start]
            .trim_end_matches(|c: char| !c.is_whitespace())
            .len();
    }
    start
}

/// "a panel on packaging": a kind word that takes a topic, "on" or "about", and up to
/// 80 characters up to punctuation, as the kind word's span and the topic's span.
///
/// The matches, in text order, are exactly those of the pattern
/// `(?i)\b(open ?space|unconference session|panel|tutorial|workshop|lightning talk|bof)`
/// followed by `\s+(?:on|about)\s+([^,.;:()]{2,80})`. Read at the kind words the scan
/// found instead: that pattern stopped at nearly every word of a post, and its automaton
/// was costly to build.
fn kind_on_topic<'a>(text: &'a str, scan: &'a Scan) -> impl Iterator<Item = (Span, Span)> + 'a {
    const KINDS: [&str; 8] = [
        "open space",
        "openspace",
        "unconference session",
        "panel",
        "tutorial",
        "workshop",
        "lightning talk",
        "bof",
    ];
    let every = 0..if scan.folds { text.len() } else { 0 };
    let starts = every.chain(
        scan.kinds
            .iter()
            .filter(|k| KINDS.contains(&KIND_WORD_LIST[k.word]))
            .map(|k| k.start),
    );
    let mut pos = 0;
    starts.filter_map(move |start| {
        // Each kind word opens with an ASCII letter that no other character folds to.
        let first = text.as_bytes()[start].to_ascii_lowercase();
        let mut kinds = KINDS.iter().filter(|k| k.as_bytes()[0] == first).peekable();
        if start < pos || kinds.peek().is_none() || is_word_before(text, start) {
            return None;
        }
        let found = kinds.find_map(|k| {
            let kind_end = folded_prefix(text, start, k)?;
            topic_after(text, kind_end).map(|topic| (Span::new(start, kind_end), topic))
        });
        if let Some((_, topic)) = found {
            pos = topic.end;
        }
        found
    })
}

/// After a kind word ending at `at`: `\s+(?:on|about)\s+([^,.;:()]{2,80})` as a regex
/// reads it, giving the topic's span. The topic takes back white space before it when
/// fewer than two characters follow that white space.
fn topic_after(text: &str, at: usize) -> Option<Span> {
    let word = skip_space(text, at).filter(|&e| e > at)?;
    let word_end =
        folded_prefix(text, word, "on").or_else(|| folded_prefix(text, word, "about"))?;
    let run_end = skip_space(text, word_end).filter(|&e| e > word_end)?;
    let is_topic = |c: char| !matches!(c, ',' | '.' | ';' | ':' | '(' | ')');
    let after: usize = text[run_end..]
        .chars()
        .take_while(|&c| is_topic(c))
        .take(80)
        .map(char::len_utf8)
        .sum();
    if text[run_end..run_end + after].chars().nth(1).is_some() {
        return Some(Span::new(run_end, run_end + after));
    }
    // Fewer than two characters follow the white space: the topic starts with enough of
    // that white space to make two, leaving at least one for `\s+`.
    let short = 2 - text[run_end..run_end + after].chars().count();
    let space: Vec<(usize, char)> = text[word_end..run_end].char_indices().collect();
    if space.len() <= short {
        return None;
    }
    let (offset, _) = space[space.len() - short];
    Some(Span::new(word_end + offset, run_end + after))
}

/// After a determiner ending at `at`: white space, one to four modifier words each
/// followed by white space, then a kind word at a word boundary; the fewest modifiers win.
fn modifiers_then_kind(text: &str, scan: &Scan, at: usize) -> Option<(Span, Span)> {
    let mods_start = skip_space(text, at).filter(|&e| e > at)?;
    // The scan's kind words from the first modifier on, found once: the places a kind
    // word is asked for only move forward.
    let mut kinds = &scan.kinds[scan.kinds.partition_point(|k| k.start < mods_start)..];
    let mut word_start = mods_start;
    for _ in 0..4 {
        let word_end = modifier_end(text, word_start)?;
        let kind_start = skip_space(text, word_end).filter(|&e| e > word_end)?;
        if let Some(kind_end) = whole_kind_word_at(text, scan, &mut kinds, kind_start) {
            return Some((
                Span::new(mods_start, kind_start),
                Span::new(kind_start, kind_end),
            ));
        }
        word_start = kind_start;
    }
    None
}

/// The end of the first kind word, in [`KIND_WORD_LIST`]'s order, that starts at `at`
/// and ends at a word boundary.
///
/// Read from the scan, which has every kind word of the post, where it has them all:
/// comparing each of the eighteen words at every modifier cost more than looking the
/// place up. `kinds` holds the scan's kind words from some place at or before `at` on,
/// and is stepped past those before `at` (see [`skip_kinds_before`]).
fn whole_kind_word_at(text: &str, scan: &Scan, kinds: &mut &[KindAt], at: usize) -> Option<usize> {
    if scan.folds {
        return whole_kind_word_by_letters(text, at);
    }
    // By start, then in the list's order.
    skip_kinds_before(kinds, at);
    kinds
        .iter()
        .take_while(|k| k.start == at)
        .map(|k| k.end)
        .find(|&end| is_word_boundary(text, end))
}

/// [`whole_kind_word_at`] read letter by letter, as a case-insensitive pattern reads it.
fn whole_kind_word_by_letters(text: &str, at: usize) -> Option<usize> {
    same_first_letter(&KIND_WORD_LIST, text, at)
        .find_map(|k| folded_prefix(text, at, k).filter(|&end| is_word_boundary(text, end)))
}

/// The end of the run of characters from `start` up to white space or the end of
/// `text`, when the run is one whole `[\w+#’'-]+(?:\.\w+)*`: "C++", "Node.js", "don’t".
/// Read in one pass, which stops at the first character that cannot stand there.
fn modifier_end(text: &str, start: usize) -> Option<usize> {
    // Whether the current part (between dots) has a character yet, and whether a dot
    // came before it: then only word characters may follow.
    let mut in_part = false;
    let mut after_dot = false;
    for (i, c) in text[start..].char_indices() {
        if c.is_whitespace() {
            return in_part.then_some(start + i);
        }
        if c == '.' {
            if !in_part {
                return None;
            }
            in_part = false;
            after_dot = true;
        } else if is_word_at(text, start + i)
            || !after_dot && matches!(c, '+' | '#' | '’' | '\'' | '-')
        {
            in_part = true;
        } else {
            return None;
        }
    }
    in_part.then_some(text.len())
}

/// Where the white space starting at `at` ends.
///
/// ASCII white space is skipped byte by byte: it is most of what is skipped, and the
/// general trim decodes every character. Only a character other than an ASCII one,
/// which may be white space too, is left to the general trim.
fn skip_space(text: &str, at: usize) -> Option<usize> {
    let ascii_end = at
        + text.as_bytes()[at..]
            .iter()
            .take_while(|&&b| is_ascii_white_space(b))
            .count();
    let rest = &text[ascii_end..];
    if rest.as_bytes().first().is_some_and(u8::is_ascii) {
        return Some(ascii_end);
    }
    Some(ascii_end + rest.len() - rest.trim_start().len())
}

/// The end of `word` (lower-case ASCII letters and spaces) read at `at` as a
/// case-insensitive pattern reads it: each letter in either case, "s" also as "ſ" and
/// "k" also as the Kelvin sign.
fn folded_prefix(text: &str, at: usize, word: &str) -> Option<usize> {
    let mut pos = at;
    for w in word.bytes() {
        let rest = &text.as_bytes()[pos..];
        pos += if rest.first()?.to_ascii_lowercase() == w {
            1
        } else if w == b's' && rest.starts_with("ſ".as_bytes()) {
            "ſ".len()
        } else if w == b'k' && rest.starts_with("\u{212a}".as_bytes()) {
            "\u{212a}".len()
        } else {
            return None;
        };
    }
    Some(pos)
}

/// The words of `words`, in order, that [`folded_prefix`] may find at `at`: those
/// opening with the letter there. Only "ſ" and the Kelvin sign fold to an ASCII letter
/// other than their own, and both are non-ASCII: before one of those, all the words.
fn same_first_letter<'w>(
    words: &'w [&'w str],
    text: &str,
    at: usize,
) -> impl Iterator<Item = &'w str> + 'w {
    let first = text.as_bytes().get(at).copied();
    words.iter().copied().filter(move |w| {
        first.is_some_and(|b| !b.is_ascii() || b.to_ascii_lowercase() == w.as_bytes()[0])
    })
}

/// Unicode word boundaries as the regex engines see them.
static LOOK: LazyLock<LookMatcher> = LazyLock::new(LookMatcher::new);

/// Whether the character at `at` is a word character (`\w`).
///
/// Inlined, with the Unicode test out of line: the ASCII test costs less than the call
/// and the register saves the Unicode test needs.
#[inline]
pub(crate) fn is_word_at(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        // An ASCII byte is a whole character, and a cheaper test than the Unicode one.
        Some(&byte) if byte.is_ascii() => is_ascii_word_byte(byte),
        _ => !unicode_look(Look::WordEndHalfUnicode, text, at),
    }
}

/// Whether the character before `at` is a word character; inlined as [`is_word_at`].
#[inline]
pub(crate) fn is_word_before(text: &str, at: usize) -> bool {
    match at.checked_sub(1).map(|i| text.as_bytes()[i]) {
        Some(byte) if byte.is_ascii() => is_ascii_word_byte(byte),
        _ => !unicode_look(Look::WordStartHalfUnicode, text, at),
    }
}

/// Whether `look` holds at `at`, by the regex engines' Unicode tables.
#[inline(never)]
fn unicode_look(look: Look, text: &str, at: usize) -> bool {
    LOOK.matches(look, text.as_bytes(), at)
}

/// Whether `at` is a word boundary (`\b`).
fn is_word_boundary(text: &str, at: usize) -> bool {
    is_word_before(text, at) != is_word_at(text, at)
}

/// Whether `s` has more than `n` words between white space: what counting them with
/// `split_whitespace` tells, at a fraction of its cost on the many lines that are tested.
fn more_words_than(s: &str, n: usize) -> bool {
    // Every word but the last has a character after it.
    if s.len() <= 2 * n {
        return false;
    }
    let bytes = s.as_bytes();
    let mut words = 0;
    // Whether white space, or the start of `s`, stands right before `at`.
    let mut after_space = true;
    let mut at = 0;
    while at < bytes.len() {
        // Eight ASCII bytes, nearly all of a post, at a time: their word starts at once.
        if let Some(eight) = bytes.get(at..at + 8) {
            let word = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
            if word & HIGHS == 0 {
                let spaces = ascii_spaces(word);
                words += word_starts(spaces, HIGHS, after_space);
                if words > n {
                    return true;
                }
                after_space = spaces >> 63 != 0;
                at += 8;
                continue;
            }
            // The ASCII bytes before the first other one, read the same way: a character
            // beyond ASCII then costs one turn of the loop below, not one for each byte
            // before it too.
            let ascii = (word & HIGHS).trailing_zeros() as usize / 8;
            if ascii > 0 {
                let dropped = 8 * (8 - ascii);
                let spaces = ascii_spaces(word & u64::MAX >> dropped);
                words += word_starts(spaces, HIGHS >> dropped, after_space);
                if words > n {
                    return true;
                }
                after_space = spaces >> (8 * ascii - 1) != 0;
                at += ascii;
            }
        }
        let c = s[at..].chars().next().expect("at a character boundary");
        let space = c.is_whitespace();
        words += usize::from(after_space && !space);
        if words > n {
            return true;
        }
        after_space = space;
        at += c.len_utf8();
    }
    false
}

/// How many words start at the places of `kept` (their high bits), given `spaces`, the
/// high bit of each place that holds white space, and whether white space stands before
/// the first place.
fn word_starts(spaces: u64, kept: u64, after_space: bool) -> usize {
    let spaces_before = spaces << 8 | u64::from(after_space) << 7;
    high_bits(!spaces & kept & spaces_before)
}

/// How many places of `highs`, which has no bits but high ones, have their high bit: one
/// multiplication sums them in the top place, where `count_ones` takes a dozen
/// instructions on a target without a population count instruction.
fn high_bits(highs: u64) -> usize {
    ((highs >> 7).wrapping_mul(ONES) >> 56) as usize
}

/// The high bit of each place of `word`, all ASCII, that holds white space: a space, or
/// a tab, line feed, vertical tab, form feed or carriage return (9 to 13).
fn ascii_spaces(word: u64) -> u64 {
    // No place carries into the next: each byte is below 0x80, each sum below 0x100.
    let from_tab = word + ONES * 0x77;
    let past_return = word + ONES * 0x72;
    let other_than_space = word ^ (ONES * u64::from(b' '));
    let not_space = (other_than_space & !HIGHS) + !HIGHS;
    (from_tab & !past_return | !not_space) & HIGHS
}

/// Whether most words of a line start with a capital, as titles do.
fn mostly_capitalized(s: &str) -> bool {
    let (words, caps) =
        s.split_whitespace()
            .filter(|w| w.len() > 3)
            .fold((0, 0), |(words, caps), w| {
                let cap = w.chars().next().is_some_and(char::is_uppercase);
                (words + 1, caps + usize::from(cap))
            });
    words > 0 && caps * 3 >= words * 2
}

/// "closing keynote": a keynote keeps the adjective that tells which one it was.
fn with_adjective(before: &str, kind_word: &str, kind: TalkKind) -> String {
    let last = before
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_lowercase();
    let named = matches!(
        last.as_str(),
        "opening" | "closing" | "morning" | "afternoon" | "evening" | "final"
    );
    if kind == TalkKind::Keynote && named {
        [last.as_str(), " ", kind_word].concat()
    } else {
        kind_word.to_string()
    }
}

/// The modifiers that make a possessive phrase name a talk of its own, not one named
/// before: "Ian’s second talk".
const POSSESSIVE_NEW_WORDS: [&str; 6] = ["second", "third", "another", "other", "next", "last"];

/// The modifiers that make a subject-verb phrase name a talk of its own: "gave another
/// talk".
const VERB_NEW_WORDS: [&str; 3] = ["second", "another", "third"];

/// Whether `word` lower-cased is one of `words`, lower-case ASCII words without a "k".
///
/// Of the characters other than ASCII letters, only the Kelvin sign lower-cases to an
/// ASCII letter, "k": for such words an ASCII comparison tells it without lower-casing a
/// copy of `word`.
fn lowercases_to_one_of(word: &str, words: &[&str]) -> bool {
    words.iter().any(|w| word.eq_ignore_ascii_case(w))
}

fn starts_with_titled(rest: &str) -> bool {
    let r = rest.trim_start_matches([',', ' ']).to_lowercase();
    r.starts_with("titled") || r.starts_with("entitled") || r.starts_with("called")
}

/// The kind noun inside a matched phrase, `text[phrase]`.
fn kind_word_in(text: &str, scan: &Scan, phrase: Span) -> String {
    first_kind_word(text, scan, phrase)
        .map_or_else(|| "talk".to_string(), |m| m.slice(text).to_lowercase())
}

/// The first match of [`KIND_WORD`] in `text[within]`, read from the scan's kind words.
fn first_kind_word(text: &str, scan: &Scan, within: Span) -> Option<Span> {
    if scan.folds {
        return KIND_WORD
            .find(within.slice(text))
            .map(|m| Span::new(within.start + m.start(), within.start + m.end()));
    }
    let first = scan.kinds.partition_point(|k| k.start < within.start);
    first_whole_kind_word(text, &scan.kinds[first..], within)
}

/// [`first_kind_word`] for spans asked in text order, none starting before the one asked
/// before: `kinds` are the scan's kind words from the last span asked on (see
/// [`skip_kinds_before`]).
fn first_kind_word_in_order(
    text: &str,
    scan: &Scan,
    within: Span,
    kinds: &mut &[KindAt],
) -> Option<Span> {
    if scan.folds {
        return first_kind_word(text, scan, within);
    }
    skip_kinds_before(kinds, within.start);
    first_whole_kind_word(text, kinds, within)
}

/// Steps `kinds`, the scan's kind words from some place on, past those that start
/// before `at`. Asked at places that never go back, a post's kind words are passed over
/// once rather than searched for at each place.
fn skip_kinds_before(kinds: &mut &[KindAt], at: usize) {
    *kinds = &kinds[kinds.iter().take_while(|k| k.start < at).count()..];
}

/// The first of `kinds`, which start at or after `within.start`, that lies in
/// `text[within]` as a whole word.
fn first_whole_kind_word(text: &str, kinds: &[KindAt], within: Span) -> Option<Span> {
    // By start, then in the pattern's order: the regex's leftmost-first choice. A kind
    // word opens and ends with a letter, so its boundaries are where a non-word character
    // or the edge of `within` stands next to it.
    kinds
        .iter()
        .take_while(|k| k.start < within.end)
        .find(|k| {
            k.end <= within.end
                && (k.start == within.start || !is_word_before(text, k.start))
                && (k.end == within.end || !is_word_at(text, k.end))
        })
        .map(|k| Span::new(k.start, k.end))
}

/// A kind word opening `after`, perhaps after a determiner: group 1 is the kind word.
static KIND_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^[\s,]*(?:(?:a|an|the)\s+)?({KIND_WORDS})\b")).expect("kind after")
});

/// The last words of [`KIND_WORD_LIST`].
const KIND_LAST_WORDS: [&str; 14] = [
    "talk",
    "space",
    "openspace",
    "session",
    "discussion",
    "keynote",
    "panel",
    "tutorial",
    "workshop",
    "presentation",
    "lecture",
    "address",
    "bof",
    "sprint",
];

/// "the tutorial “…”", "a lightning talk called “…”": the kind named right before a
/// quoted title.
fn kind_before(before: &str) -> Option<TalkKind> {
    let mut s = before.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ':'));
    for naming in ["called", "titled", "entitled", "named"] {
        if let Some(rest) = s.strip_suffix(naming).filter(|r| r.ends_with(' ')) {
            s = rest.trim_end_matches(|c: char| c.is_whitespace() || c == ',');
            break;
        }
    }
    // Most text before a quotation ends in no kind word, and is told so without the
    // pattern.
    let last_word = s.rsplit(char::is_whitespace).next().unwrap_or(s);
    if !lowercases_to_one_of(last_word, &KIND_LAST_WORDS) {
        return None;
    }
    // The last two words, or the last one: "lightning talk", "the tutorial".
    let last_words = |n: usize| {
        s.rmatch_indices(char::is_whitespace)
            .nth(n - 1)
            .map_or(s, |(at, _)| &s[at + 1..])
    };
    [2, 1].into_iter().find_map(|n| {
        let words = last_words(n);
        let whole = KIND_AFTER
            .find(words)
            .is_some_and(|m| m.end() == words.len());
        whole.then(|| kind_after(words)).flatten()
    })
}

fn kind_after(after: &str) -> Option<TalkKind> {
    kind_word_after(after).and_then(|word| {
        TalkKind::parse(match word.to_lowercase().as_str() {
            "lightning talk" => "lightning",
            "open space" | "openspace" | "unconference session" => "open space",
            "keynote" | "keynote address" => "keynote",
            "panel" | "panel discussion" => "panel",
            "tutorial" => "tutorial",
            "workshop" => "workshop",
            "birds of a feather session" | "bof" | "bof session" => "bof",
            "sprint" => "sprint",
            _ => "talk",
        })
    })
}

/// Group 1 of [`KIND_AFTER`]'s match, read from where the whole match ends: the capture
/// engine costs several times the search. No kind word opens with a determiner and white
/// space, so a match takes the determiner wherever one stands, and the kind word is what
/// follows it.
fn kind_word_after(after: &str) -> Option<&str> {
    let end = KIND_AFTER.find(after)?.end();
    let rest = after[..end].trim_start_matches(|c: char| c.is_whitespace() || c == ',');
    let kind_word = ["a", "an", "the"]
        .iter()
        .find_map(|d| {
            let past = rest.get(d.len()..)?;
            let determined =
                rest[..d.len()].eq_ignore_ascii_case(d) && past.starts_with(char::is_whitespace);
            determined.then(|| past.trim_start())
        })
        .unwrap_or(rest);
    Some(kind_word)
}

/// The session kind a phrase names, from the rule pack's cue words.
pub fn kind_of(ctx: &Context, phrase: &str) -> Option<TalkKind> {
    kind_named(ctx.rules, phrase)
}

/// [`kind_of`] from the rules alone.
fn kind_named(rules: &Rules, phrase: &str) -> Option<TalkKind> {
    rules.talk_kind_in(phrase).filter(|k| *k != TalkKind::Talk)
}

/// The kind of a talk written `written` and titled `title` once cleaned: the rule's kind,
/// else the one the title names, as written or else as cleaned.
fn talk_kind(rules: &Rules, kind: KindFrom, written: &str, title: &str) -> TalkKind {
    let given = match kind {
        KindFrom::Rule(kind) => kind,
        // A title that cleaning leaves as it was is looked up once, below.
        KindFrom::Title if written == title => TalkKind::Talk,
        KindFrom::Title => kind_named(rules, written).unwrap_or(TalkKind::Talk),
    };
    if given == TalkKind::Talk {
        kind_named(rules, title).unwrap_or(given)
    } else {
        given
    }
}

/// A line of a talk's fields: "Talk: Title" or "Speaker: Name".
struct LineField {
    line: usize,
    field: Field,
    /// What follows the field's label.
    value: Span,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    /// A talk's title; `alone` when the label names a talk without a speaker beside it.
    Title {
        alone: bool,
    },
    /// A session label ("Panel: …"), which stays in the title; named a talk only beside
    /// a speaker field, or by a list line's own speakers.
    Session,
    Speakers,
}

/// The field `line` opens with, and where its value starts. A session label ("Panel:
/// …") keeps its label in the title, as a line of its own does.
fn line_field(line: &str) -> Option<(Field, usize)> {
    // Read by hand: most lines have no colon near their start, and a pattern's Unicode
    // classes cost more to compile than a run's lines do to read.
    const LABEL_BYTES: usize = 15 * 3;
    let colon = memchr::memchr(b':', &line.as_bytes()[..line.len().min(LABEL_BYTES + 1)])?;
    // "Talk #6:", "Keynote 2:": a label may number the talk; "Session 3:" is more
    // often a block of talks than one.
    let written = line[..colon].trim_end();
    let unnumbered = written.trim_end_matches(|c: char| c.is_ascii_digit());
    let label = unnumbered.trim_end_matches('#').trim_end();
    if unnumbered.len() < written.len() && label.eq_ignore_ascii_case("session") {
        return None;
    }
    let field = if lowercases_to_one_of(label, &SESSION_LABELS) {
        // The value is the whole line.
        let value = &line[colon + 1..];
        return (value.trim_start().len() < value.len() && !value.trim().is_empty())
            .then_some((Field::Session, 0));
    } else if lowercases_to_one_of(label, &TITLE_LABELS) {
        Field::Title { alone: true }
    } else if lowercases_to_one_of(label, &TITLE_BESIDE_SPEAKER_LABELS) {
        Field::Title { alone: false }
    } else if lowercases_to_one_of(label, &SPEAKER_LABELS) {
        Field::Speakers
    } else {
        return None;
    };
    let value = &line[colon + 1..];
    let blank = value.len() - value.trim_start().len();
    (blank < value.len()).then_some((field, colon + 1 + blank))
}

/// Labels of a session, kept in its title ("Panel: Is Ruby Dying?").
const SESSION_LABELS: [&str; 9] = [
    "panel",
    "keynote",
    "opening keynote",
    "closing keynote",
    "tutorial",
    "workshop",
    "lightning talk",
    "open space",
    "bof",
];

/// Labels of a field that names a talk.
const TITLE_LABELS: [&str; 3] = ["talk", "session", "presentation"];

/// Labels of a field that names a talk beside a speaker field.
const TITLE_BESIDE_SPEAKER_LABELS: [&str; 4] = ["talk title", "session title", "title", "topic"];

/// Labels of a field that names the speakers.
const SPEAKER_LABELS: [&str; 8] = [
    "speaker",
    "speakers",
    "speaker(s)",
    "presenter",
    "presenters",
    "presenter(s)",
    "presented by",
    "given by",
];

/// Whether a table cell gives a talk's slot rather than its title: a time ("09:00",
/// "2pm") or a room ("Room 101", "Main Hall").
fn is_slot(cell: &str) -> bool {
    const ROOMS: [&str; 8] = [
        "room",
        "track",
        "hall",
        "stage",
        "auditorium",
        "salon",
        "ballroom",
        "main",
    ];
    let short = !more_words_than(cell, 3);
    let first = cell.split_whitespace().next().unwrap_or("");
    short && (cell.starts_with(|c: char| c.is_ascii_digit()) || lowercases_to_one_of(first, &ROOMS))
}

/// What joins a person to the clause that says what they did: "Ada Ruiz, who gave …".
const RELATIVE: &str = ", who ";

/// The verbs of "saw Ada Ruiz talk about …", where the person after them is the speaker.
const PERCEPTION_VERBS: [&str; 8] = [
    "see", "saw", "watch", "watched", "hear", "heard", "catch", "caught",
];

/// What a "Speaker - Title" line has between its speakers and its title.
const SPEAKER_FIRST_SEPARATORS: [&str; 6] = [" - ", " – ", " — ", " -- ", ": ", " | "];

/// What a "Title — Speaker" line has between its title and its speakers, in the order
/// they are tried.
const TITLE_FIRST_SEPARATORS: [&str; 5] = [" — ", " – ", " - ", " -- ", " by "];

/// Whether `line` may hold a separator of [`SPEAKER_FIRST_SEPARATORS`] or
/// [`TITLE_FIRST_SEPARATORS`], or speakers in brackets: a colon before a space, or a
/// space before a hyphen, a bar, a bracket, "by " or the first byte of a dash. One pass
/// over the bytes costs less than a search for each separator.
fn may_hold_split_separator(line: &str) -> bool {
    let bytes = line.as_bytes();
    (1..bytes.len()).any(|at| match bytes[at - 1] {
        b':' => bytes[at] == b' ',
        b' ' => {
            matches!(bytes[at], b'-' | b'|' | b'(')
                || bytes[at] == "–".as_bytes()[0]
                || bytes[at..].starts_with(b"by ")
        }
        _ => false,
    })
}

/// The topic words up to the first clause break.
fn topic_until_break(s: &str) -> &str {
    s[..topic_break(s)].trim()
}

/// Where the first clause break of a topic starts, or its end; among the breaks, the
/// next clause of a sentence that names two talks ("… on X and Grace Hopper talked
/// about Y").
fn topic_break(s: &str) -> usize {
    let end = TOPIC_END.find(s).map_or(s.len(), |m| m.start());
    next_speaker_clause(&s[..end]).unwrap_or(end)
}

/// Where another speaker's clause cuts the topic `s` short, if one does before its
/// first clause break.
fn speaker_clause_in_topic(s: &str) -> Option<usize> {
    let end = TOPIC_END.find(s).map_or(s.len(), |m| m.start());
    next_speaker_clause(&s[..end])
}

/// Where the white space before an "and" starts that opens a clause of one to three
/// capitalized words and a verb a speaker's deeds are told by, or a possessive name. Read by hand: as a
/// pattern, its letters' Unicode classes cost more to compile than a run's topics do
/// to read.
fn next_speaker_clause(s: &str) -> Option<usize> {
    const VERBS: [&str; 13] = [
        "talked",
        "spoke",
        "gave",
        "presented",
        "showed",
        "discussed",
        "explained",
        "demoed",
        "demonstrated",
        "walked",
        "covered",
        "shared",
        "introduced",
    ];
    let is_name_word = |w: &str| {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase)
            && chars.all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-'))
    };
    let is_verb = |w: &str| {
        VERBS.iter().any(|v| {
            w.strip_prefix(v)
                .is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric() || c == '_'))
        })
    };
    // A byte search for the "a": a substring searcher costs more to set up than a topic
    // of a few words takes to read.
    memchr::memchr_iter(b'a', s.as_bytes()).find_map(|at| {
        if !s.as_bytes()[at..].starts_with(b"and") {
            return None;
        }
        let (space, _) = s[..at].char_indices().next_back()?;
        if !s[space..at].starts_with(char::is_whitespace)
            || !s[at + 3..].starts_with(char::is_whitespace)
        {
            return None;
        }
        let mut words = s[at + 3..].split_whitespace();
        for names in 0..=3 {
            let word = words.next()?;
            if names > 0 && is_verb(word) {
                return Some(space);
            }
            if names == 3 || !is_name_word(word) {
                return None;
            }
            // "… and Grace Hopper's keynote on Y": a possessive name before a kind word
            // opens the next talk ("Grace Hopper's compilers" is still the topic).
            if word.ends_with("'s") || word.ends_with("’s") {
                let kind_next = words.take(2).any(|w| {
                    lowercases_to_one_of(w.trim_end_matches([',', '.', ';']), &KIND_LAST_WORDS)
                });
                return kind_next.then_some(space);
            }
        }
        None
    })
}

/// Where the first `needle` in `s` starts, as `s.find(needle)` tells.
///
/// The needles here are a few bytes, which a substring search costs more to set up than
/// to run: a character search for the first character of the needle other than a space
/// finds the few places to compare it at.
fn find_short(s: &str, needle: &str) -> Option<usize> {
    let (offset, key) = key_char(needle);
    s.match_indices(key)
        .filter_map(|(at, _)| at.checked_sub(offset))
        .find(|&start| s.as_bytes()[start..].starts_with(needle.as_bytes()))
}

/// Where the last `needle` in `s` starts, as `s.rfind(needle)` tells; read as
/// [`find_short`] reads, from the end.
fn rfind_short(s: &str, needle: &str) -> Option<usize> {
    let (offset, key) = key_char(needle);
    s.rmatch_indices(key)
        .filter_map(|(at, _)| at.checked_sub(offset))
        .find(|&start| s.as_bytes()[start..].starts_with(needle.as_bytes()))
}

/// The first character of `needle` other than a space, and where it stands.
fn key_char(needle: &str) -> (usize, char) {
    needle
        .char_indices()
        .find(|&(_, c)| c != ' ')
        .expect("a needle with a character other than a space")
}

/// Removes a leading list marker ("- ", "* ", "1. ").
pub(crate) fn strip_list_marker(text: &str, line: Span) -> Span {
    let s = line.slice(text);
    let trimmed = s.trim_start_matches(['-', '*', '•', '+']).trim_start();
    // Only the digits that open the line: a long line has no need to be searched.
    let digits = trimmed.len()
        - trimmed
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    let numbered = trimmed[digits..]
        .strip_prefix(". ")
        .filter(|_| digits > 0)
        .unwrap_or(trimmed);
    Span::new(line.end - numbered.len(), line.end)
}

/// Trims quotes, trailing punctuation and white space from a title, and joins its words
/// with single spaces.
///
/// The trims come first, on the title as written: each takes every white space
/// character alike, so they end where they would in the joined words, and only what
/// remains is copied.
pub fn clean_title(title: &str) -> String {
    single_spaced(trimmed_title(title)).into_owned()
}

/// The title without the quotes, punctuation and white space [`clean_title`] trims.
///
/// Most titles open and end with an ASCII letter or digit, which no trim takes: those
/// are kept whole without reading a character.
fn trimmed_title(title: &str) -> &str {
    let bytes = title.as_bytes();
    let kept_at = |i: Option<&u8>| i.is_some_and(u8::is_ascii_alphanumeric);
    if kept_at(bytes.first()) && kept_at(bytes.last()) {
        return title;
    }
    trimmed_title_by_trims(title)
}

/// [`trimmed_title`] one trim after another.
fn trimmed_title_by_trims(title: &str) -> &str {
    let t = title.trim_matches(|c: char| {
        matches!(c, '"' | '“' | '”' | '‘' | '’' | '«' | '»' | '\'') || c.is_whitespace()
    });
    let t = t.trim_end_matches(['.', ',', ';', ':', '!']).trim();
    t.trim_matches(|c: char| matches!(c, '"' | '“' | '”' | '‘' | '’' | '«' | '»'))
        .trim()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tests::{interleave, run, run_as};
    use crate::input::Format;

    fn talks(text: &str) -> Vec<(String, Vec<String>)> {
        run(text)
            .talks
            .into_iter()
            .map(|t| (t.title, t.speakers))
            .collect()
    }

    fn titles(text: &str) -> Vec<String> {
        talks(text).into_iter().map(|t| t.0).collect()
    }

    #[test]
    fn talk_cases() {
        type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a [&'a str])]);
        let cases: &[Case] = &[
            (
                "quoted after go-verb",
                "Next, on to “Introduction to CherryPy” with friends.",
                &[("Introduction to CherryPy", &[])],
            ),
            (
                "quoted then talk",
                "After that I went to the \"Twisted, AMQP, and Thrift\" talk.",
                &[("Twisted, AMQP, and Thrift", &[])],
            ),
            (
                "quoted by speaker",
                "“Baltic Counterpoint” by Nina Ashgrove",
                &[("Baltic Counterpoint", &["Nina Ashgrove"])],
            ),
            (
                "quote as speech is not a talk",
                "He said “small tools help when you are stuck”.",
                &[],
            ),
            (
                "possessive topic",
                "Then we heard Jesse Noller’s multiprocessing talk.",
                &[("multiprocessing", &["Jesse Noller"])],
            ),
            (
                "possessive keynote",
                "Then came Guido’s keynote, which was odd.",
                &[("keynote", &["Guido"])],
            ),
            (
                "possessive on",
                "Ian Bicking’s talk on packaging, was great.",
                &[("packaging", &["Ian Bicking"])],
            ),
            (
                "keynote by",
                "The morning opened with a keynote delivered by Ana Sofia Herrera, a maintainer.",
                &[("keynote", &["Ana Sofia Herrera"])],
            ),
            (
                "subject gave talk on",
                "Grace Hopper gave a great talk on the road ahead for compilers.",
                &[("the road ahead for compilers", &["Grace Hopper"])],
            ),
            (
                "talked about",
                "Finally, Tomasz Nowicki talked about why tracing requests matters.",
                &[("why tracing requests matters", &["Tomasz Nowicki"])],
            ),
            (
                "two subjects, two talks",
                "Ines Okafor gave a short talk on fuzzing parsers and Tomasz Nowicki spoke about build caches.",
                &[
                    ("fuzzing parsers", &["Ines Okafor"]),
                    ("build caches", &["Tomasz Nowicki"]),
                ],
            ),
            (
                "the x talk",
                "After this I went to the Eve Online talk, then left.",
                &[("Eve Online", &[])],
            ),
            (
                "open space",
                "I went to an open space on podcasting where I learned.",
                &[("open space on podcasting", &[])],
            ),
            (
                "bof",
                "We had a Django Birds of a Feather session, which was fun.",
                &[("Django Birds of a Feather", &[])],
            ),
            ("go to is no talk", "Go to the talk after lunch.", &[]),
        ];
        for (name, text, want) in cases {
            let got = talks(text);
            let want: Vec<(String, Vec<String>)> = want
                .iter()
                .map(|(t, s)| (t.to_string(), s.iter().map(|x| x.to_string()).collect()))
                .collect();
            assert_eq!(got, want, "case {name}");
        }
    }

    #[test]
    fn speaker_from_the_sentence() {
        type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a [&'a str])]);
        let cases: &[Case] = &[
            (
                "subject gave quote",
                "After lunch, Leilani Kahale gave “Observability for Gophers” about tracing.",
                &[("Observability for Gophers", &["Leilani Kahale"])],
            ),
            (
                "subject followed with quote",
                "Pieter de Vries followed with “Migrations Without Tears”, on squashing.",
                &[("Migrations Without Tears", &["Pieter de Vries"])],
            ),
            (
                "name on quote",
                "The morning started with Nikolai Sørensen on “FastAPI in Production”.",
                &[("FastAPI in Production", &["Nikolai Sørensen"])],
            ),
            (
                "pronoun owner",
                "Marie-Claire Dubois spoke first. Her talk, “Thirteen Years of Django”, was fun.",
                &[("Thirteen Years of Django", &["Marie-Claire Dubois"])],
            ),
            (
                "by then title",
                "I liked the talk by Ravi Menon entitled “Geometry and Music with Python”.",
                &[("Geometry and Music with Python", &["Ravi Menon"])],
            ),
            (
                "described keynote",
                "The closing keynote came from Ana de la Cruz, who argued for care.",
                &[("closing keynote", &["Ana de la Cruz"])],
            ),
            (
                "talk by X on Y",
                "Then a talk by Oisín Byrne on streams.",
                &[("streams", &["Oisín Byrne"])],
            ),
            (
                "labelled line",
                "Panel: Is Ruby Dying? with Leticia Barros, Emeka Chukwu and Beatriz Mendes",
                &[(
                    "Panel: Is Ruby Dying?",
                    &["Leticia Barros", "Emeka Chukwu", "Beatriz Mendes"],
                )],
            ),
            (
                "described title from a speaker",
                "The best session was Fearless Refactoring from María José Ortega.",
                &[("Fearless Refactoring", &["María José Ortega"])],
            ),
            (
                "described title from a place",
                "The best session was Notes from Berlin.",
                &[("Notes from Berlin", &[])],
            ),
            (
                "subject after an opener",
                "In the late afternoon, Oda Brekke and Li Wei gave a talk titled “Caches We Regret”.",
                &[("Caches We Regret", &["Oda Brekke", "Li Wei"])],
            ),
            (
                "seen presenting",
                "After lunch I went to see Ravi Menon talk about “Tiny Parsers”.",
                &[("Tiny Parsers", &["Ravi Menon"])],
            ),
            (
                "the subject is not the one seen",
                "After lunch I saw Ravi Menon and then went to the talk “Tiny Parsers”.",
                &[("Tiny Parsers", &[])],
            ),
            (
                "quoted project name is no talk",
                "We moved to “Kubernetes” last year.",
                &[],
            ),
            (
                // A bare reference; resolution drops it unless it joins a titled talk.
                "when is not what",
                "Ravi Chandrasekaran’s talk on the first morning was packed.",
                &[("talk", &["Ravi Chandrasekaran"])],
            ),
        ];
        for (name, text, want) in cases {
            let got = talks(text);
            let want: Vec<(String, Vec<String>)> = want
                .iter()
                .map(|(t, s)| (t.to_string(), s.iter().map(|x| x.to_string()).collect()))
                .collect();
            assert_eq!(got, want, "case {name}");
        }
    }

    #[test]
    fn a_speaker_clause_breaks_a_topic() {
        for (topic, want) in [
            ("fuzzing and Grace Hopper spoke about caches", Some(7)),
            ("fuzzing and Ana Sofia Herrera talked, at length", Some(7)),
            ("fuzzing and Ana Sofia Maria Herrera talked", None),
            ("fuzzing and Grace Hopper's compilers", None),
            ("fuzzing and Grace Hopper's keynote on compilers", Some(7)),
            ("fuzzing and Ada’s long talk", Some(7)),
            ("fuzzing\u{a0}and Åsa gave a demo", Some(7)),
            ("Rust and Go", None),
            ("Grand Ada gave", None),
            ("testing and Ada Lovelace talkedabout it", None),
            ("and Ada gave", None),
        ] {
            assert_eq!(next_speaker_clause(topic), want, "{topic:?}");
        }
    }

    #[test]
    fn list_line_shapes() {
        let text = "Day 1:\nMeera Iyer - The Quiet Joy of Small Services in Go\nArjun Rao - Building Friendly HTTP APIs\nSpeaker Q&A";
        let got = talks(text);
        assert_eq!(got.len(), 3);
        assert_eq!(
            got[0],
            (
                "The Quiet Joy of Small Services in Go".to_string(),
                vec!["Meera Iyer".to_string()]
            )
        );
        assert_eq!(got[2].0, "Speaker Q&A");
    }

    #[test]
    fn speakers_in_brackets_close_a_title_line() {
        let text = "Talks I saw:\n\n* Offline First, Online Later (Hanna Lind)\n* Build Tools Reconsidered (Oskar Nyberg, Some Company)\n* Joy of Tests (Sam Ng and Ines Okafor)\n* Notes on Go (gophers welcome)\n\nCaching at the Edge (Mira Castell)\n\nGood stuff.";
        let got = talks(text);
        let want = [
            ("Offline First, Online Later", &["Hanna Lind"][..]),
            ("Build Tools Reconsidered", &["Oskar Nyberg"]),
            ("Joy of Tests", &["Sam Ng", "Ines Okafor"]),
            ("Notes on Go (gophers welcome)", &[]),
            ("Caching at the Edge", &["Mira Castell"]),
        ];
        let want: Vec<(String, Vec<String>)> = want
            .iter()
            .map(|(t, s)| (t.to_string(), s.iter().map(|x| x.to_string()).collect()))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn labelled_fields_name_a_talk_and_its_speakers() {
        let text = "Title: My week at the conference\nAuthor: Bea Lund\n\nTalk: Writing a Database\nSpeaker: Ingrid Solheim, Acme\n\nSpeakers: Kenji Sato and Ada Ruiz\nSession: Runtime Internals\n\n- Ravi Menon - Tiny Parsers\n- Ines Okafor - Quiet Tests\n- Talk: Memory at Scale, Speaker: Rafael Gómez\n\n- Title: Loud Tests\n\nPresentation: Notes on Parsing\n\nTalk: Small Lexers — Presenter: Li Wei\n\nWorkshop: Build a Lexer\nPresenter: Oda Brekke";
        let got = talks(text);
        let want = [
            ("Writing a Database", &["Ingrid Solheim"][..]),
            ("Runtime Internals", &["Kenji Sato", "Ada Ruiz"]),
            ("Tiny Parsers", &["Ravi Menon"]),
            ("Quiet Tests", &["Ines Okafor"]),
            ("Memory at Scale", &["Rafael Gómez"]),
            ("Notes on Parsing", &[]),
            ("Small Lexers", &["Li Wei"]),
            ("Workshop: Build a Lexer", &["Oda Brekke"]),
        ];
        let want: Vec<(String, Vec<String>)> = want
            .iter()
            .map(|(t, s)| (t.to_string(), s.iter().map(|x| x.to_string()).collect()))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn a_list_item_that_opens_with_a_quoted_title_is_that_title() {
        let text = "Talks:\n\n- Ravi Menon - Tiny Parsers\n- Ines Okafor - Quiet Tests\n- “Unsafe Guidelines” — @rj";
        assert_eq!(
            titles(text),
            ["Tiny Parsers", "Quiet Tests", "Unsafe Guidelines"]
        );
    }

    #[test]
    fn a_quotation_on_a_list_line_is_the_title() {
        let found = |text: &str| -> Vec<(String, TalkKind, Vec<String>)> {
            run(text)
                .talks
                .into_iter()
                .map(|t| (t.title, t.kind, t.speakers))
                .collect()
        };
        let one = |title: &str, kind, speaker: &str| {
            vec![(title.to_string(), kind, vec![speaker.to_string()])]
        };
        assert_eq!(
            found("Friday\n\nKeynote: \"Parsers Are a Team Sport\" (Nadia Haddad)\n"),
            one(
                "Parsers Are a Team Sport",
                TalkKind::Keynote,
                "Nadia Haddad"
            )
        );
        assert_eq!(
            found("Friday\n\nRavi Menon – \"Tiny Parsers\". He wrote one live.\n"),
            one("Tiny Parsers", TalkKind::Talk, "Ravi Menon")
        );
        // After a lead-in, the name right before the quotation gives it.
        assert_eq!(
            found("Friday\n\nNext up: Ravi Menon – “Tiny Parsers”. He wrote one live.\n"),
            one("Tiny Parsers", TalkKind::Talk, "Ravi Menon")
        );
    }

    #[test]
    fn kind_last_words_are_those_of_the_kind_words() {
        let mut last: Vec<&str> = KIND_WORD_LIST
            .iter()
            .filter_map(|k| k.rsplit(' ').next())
            .collect();
        last.sort_unstable();
        last.dedup();
        let mut listed = KIND_LAST_WORDS.to_vec();
        listed.sort_unstable();
        assert_eq!(listed, last);
    }

    #[test]
    fn the_kind_before_a_quoted_title_is_its_kind() {
        let talks =
            run("I started with the tutorial “Logs Beyond the Basics” run by Ana Ruiz.").talks;
        assert_eq!(talks.len(), 1);
        assert_eq!(talks[0].title, "Logs Beyond the Basics");
        assert_eq!(talks[0].kind, TalkKind::Tutorial);
        assert_eq!(talks[0].speakers, ["Ana Ruiz"]);
        assert_eq!(
            kind_before("then a lightning talk called "),
            Some(TalkKind::Lightning)
        );
        assert_eq!(kind_before("the keynote, "), Some(TalkKind::Keynote));
        assert_eq!(kind_before("I went to "), None);
        assert_eq!(kind_before(""), None);
    }

    #[test]
    fn the_person_seen_talking_is_the_speaker() {
        assert_eq!(
            talks("After coffee I went to see Ravi Menon talk about parsers for sensor logs."),
            [(
                "parsers for sensor logs".to_string(),
                vec!["Ravi Menon".to_string()]
            )]
        );
        assert!(
            titles("After coffee Ravi Menon and I went to the harbour to talk about boats.")
                .is_empty()
        );
    }

    #[test]
    fn running_or_hosting_a_session_is_giving_it() {
        assert_eq!(
            talks("On Friday Ravi Menon ran a workshop on profiling with flame graphs."),
            [(
                "profiling with flame graphs".to_string(),
                vec!["Ravi Menon".to_string()]
            )]
        );
        // "led" inside "called" is no verb.
        assert!(titles("Ravi Menon called a taxi on the way to the venue.").is_empty());
    }

    #[test]
    fn a_relative_clause_names_the_speaker() {
        assert_eq!(
            talks("The day opened with Ravi Menon, who gave a keynote about parsers at scale."),
            [(
                "parsers at scale".to_string(),
                vec!["Ravi Menon".to_string()]
            )]
        );
        // A session the sentence already names is the described session's.
        let described =
            talks("The opening keynote came from Ravi Menon, who talked about parsers at scale.");
        assert_eq!(described.len(), 1);
        assert_eq!(described[0].0, "opening keynote");
    }

    #[test]
    fn list_items_with_a_speaker_and_a_topic() {
        let text = "Highlights:\n\n- Ravi Menon on parsers and the future of logs\n- A talk about tiny databases by Ines Okafor\n- Nadia Haddad explaining how tracing works in the browser\n";
        let owned = |t: &str, s: &str| (t.to_string(), vec![s.to_string()]);
        assert_eq!(
            talks(text),
            [
                owned("parsers and the future of logs", "Ravi Menon"),
                owned("tiny databases", "Ines Okafor"),
                owned("how tracing works in the browser", "Nadia Haddad"),
            ]
        );
        // Outside a list, "Name on topic" is a sentence fragment like any other.
        assert!(titles("Ravi Menon on a boat\n").is_empty());
    }

    #[test]
    fn schedule_table_rows() {
        let found = |text: &str, format| -> Vec<(String, Vec<String>)> {
            run_as(text, format)
                .talks
                .into_iter()
                .map(|t| (t.title, t.speakers))
                .collect()
        };
        let owned = |t: &str, s: &str| (t.to_string(), vec![s.to_string()]);
        let markdown = "| Time | Room | Talk | Speaker |\n|---|---|---|---|\n| 09:00 | Main Hall | Tiny Parsers at Scale | Ravi Menon |\n| 10:00 | Room 2 | Quiet Tests | Ines Okafor (Acme) |\n| 12:00 | | Lunch | |\n";
        assert_eq!(
            found(markdown, Format::Markdown),
            [
                owned("Tiny Parsers at Scale", "Ravi Menon"),
                owned("Quiet Tests", "Ines Okafor")
            ]
        );
        let html = "<table><tr><th>Speaker</th><th>Title</th></tr><tr><td>Nadia Haddad</td><td>Tracing in the Browser</td></tr></table>";
        assert_eq!(
            found(html, Format::Html),
            [owned("Tracing in the Browser", "Nadia Haddad")]
        );
    }

    #[test]
    fn numbered_labels_and_quoted_titles_over_speakers() {
        let owned = |t: &str, s: &str| (t.to_string(), vec![s.to_string()]);
        assert_eq!(
            talks("Talk #6: Debugging Parsers in Production\nSpeaker: Ravi Menon\n"),
            [owned("Debugging Parsers in Production", "Ravi Menon")]
        );
        assert!(titles("Session 3: Databases\n").is_empty());
        assert_eq!(
            talks(
                "My favourites:\n\n1. Web components in production, by Ana Ruiz\n2. “Accessibility is a feature” – Ravi Menon\n"
            ),
            [
                owned("Web components in production", "Ana Ruiz"),
                owned("Accessibility is a feature", "Ravi Menon")
            ]
        );
    }

    #[test]
    fn a_pronoun_before_a_quoted_title_points_back_to_its_speaker() {
        assert_eq!(
            talks(
                "Ravi Menon spoke about parsers and logs. His talk, titled “Tiny Parsers”, was a highlight."
            ),
            [
                (
                    "parsers and logs".to_string(),
                    vec!["Ravi Menon".to_string()]
                ),
                ("Tiny Parsers".to_string(), vec!["Ravi Menon".to_string()])
            ]
        );
    }

    #[test]
    fn who_ran_a_session_on_a_topic() {
        let owned = |t: &str, s: &[&str]| {
            (
                t.to_string(),
                s.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            )
        };
        assert_eq!(
            talks("After lunch there was a panel on hiring, moderated by Dr. Ana Ruiz."),
            [owned("panel on hiring", &["Ana Ruiz"])]
        );
        assert_eq!(
            talks("A panel on tests with Ravi Menon and Ines Okafor was fun."),
            [owned("panel on tests", &["Ravi Menon", "Ines Okafor"])]
        );
    }

    #[test]
    fn possessive_talks_with_an_appositive_title_or_another_speaker_after_them() {
        let owned = |t: &str, s: &str| (t.to_string(), vec![s.to_string()]);
        assert_eq!(
            talks(
                "Then I caught Ravi Menon's session, Debugging Async Parsers, right after lunch."
            ),
            [owned("Debugging Async Parsers", "Ravi Menon")]
        );
        // What follows in lower case is a remark, not a title.
        assert_eq!(
            talks("Then I caught Ravi Menon's session, the best of the day."),
            [owned("session", "Ravi Menon")]
        );
        assert_eq!(
            talks(
                "Highlights were Nadia Haddad's talk about parser internals and Ines Okafor's tutorial on testing."
            ),
            [
                owned("parser internals", "Nadia Haddad"),
                owned("testing", "Ines Okafor")
            ]
        );
    }

    #[test]
    fn a_title_case_title_between_attending_and_by() {
        let owned = |t: &str, s: &str| (t.to_string(), vec![s.to_string()]);
        assert_eq!(
            talks(
                "On Thursday I attended Building Resilient Parsers by Ana Ruiz, which was packed."
            ),
            [owned("Building Resilient Parsers", "Ana Ruiz")]
        );
        // Not in title case, or no verb of attending: no title.
        assert!(titles("I attended a meetup run by Ana Ruiz.").is_empty());
        assert!(titles("We walked Past The Old Harbour by Ana Ruiz.").is_empty());
    }

    #[test]
    fn a_part_of_the_day_is_no_talk_heading() {
        let text = "# Notes\n\n## Afternoon\n\nRavi Menon gave a talk on tiny parsers for logs.\n\n## The second conference day\n\nIt opened with a keynote by Ines Okafor.\n";
        let titles: Vec<String> = run_as(text, Format::Markdown)
            .talks
            .into_iter()
            .map(|t| t.title)
            .collect();
        assert_eq!(titles, ["tiny parsers for logs", "keynote"]);
    }

    #[test]
    fn emphasis_sets_a_title_apart() {
        let talks = |text: &str, format| -> Vec<(String, Vec<String>)> {
            run_as(text, format)
                .talks
                .into_iter()
                .map(|t| (t.title, t.speakers))
                .collect()
        };
        let one = |title: &str, speaker: &str| vec![(title.to_string(), vec![speaker.to_string()])];
        assert_eq!(
            talks(
                "Later Ana Ruiz presented *Writing a Database in a Weekend* to a full room.",
                Format::Markdown
            ),
            one("Writing a Database in a Weekend", "Ana Ruiz")
        );
        assert_eq!(
            talks(
                "The morning keynote by Ana Ruiz, **Async Without Tears**, was great.",
                Format::Markdown
            ),
            one("Async Without Tears", "Ana Ruiz")
        );
        assert_eq!(
            talks(
                "<p><strong>Ana Ruiz</strong>'s talk <em>The Art of Comments</em> was great.</p>",
                Format::Html
            ),
            one("The Art of Comments", "Ana Ruiz")
        );
        // What a writer stresses is no title unless written as one or named a talk.
        assert!(
            talks(
                "The theme this year was **parsers, and how we should live with them**.",
                Format::Markdown
            )
            .is_empty()
        );
    }

    #[test]
    fn found_names_after_a_dash_are_the_speakers() {
        let text = "Talks:\n\n- Tiny Parsers - Ravi Menon\n- Quiet Tests - Ines Okafor";
        let owned = |t: &str, s: &str| (t.to_string(), vec![s.to_string()]);
        assert_eq!(
            talks(text),
            [
                owned("Tiny Parsers", "Ravi Menon"),
                owned("Quiet Tests", "Ines Okafor")
            ]
        );
    }

    #[test]
    fn introduced_list_items() {
        let text = "Some talks I saw:\n\n- Streams at Sea: to learn about backpressure.\n- Kestrel:RT because it is small.\n\nTools he used:\n\n- OpenCV for images";
        assert_eq!(titles(text), ["Streams at Sea", "Kestrel:RT"]);
    }

    #[test]
    fn title_over_speaker_lines() {
        let text = "Logging Isn't All About Logs\n\nMarta Kowalska\n\nI found it helpful.\n\nRust for Weekend Gardeners\n\nOwen Price\n\nVery relevant.\n\nWhy Is It Wise to Be Lazy: Counting the Cost of Every Penalty in a Long Season\n\nAna Lima\n\nFun.";
        assert_eq!(
            titles(text),
            [
                "Logging Isn't All About Logs",
                "Rust for Weekend Gardeners",
                "Why Is It Wise to Be Lazy: Counting the Cost of Every Penalty in a Long Season"
            ]
        );
    }

    #[test]
    fn keynotes_without_a_named_speaker() {
        type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a [&'a str])]);
        let cases: &[Case] = &[
            (
                "by a group",
                "After lunch was the keynote, by the creators of Lumen. They took questions.",
                &[("keynote by the creators of Lumen", &[])],
            ),
            (
                "from a group",
                "The day opened with a keynote from the core team, taking turns on stage.",
                &[("keynote from the core team", &[])],
            ),
            (
                "qualified subject",
                "The closing keynote was a quiet talk about care. I took no notes.",
                &[("closing keynote", &[])],
            ),
            (
                "qualified, with a name after the verb",
                "The closing keynote was Ines Okafor on the human side of errors.",
                &[("closing keynote", &["Ines Okafor"])],
            ),
            (
                "qualified and packed",
                "The morning keynote was packed, so I watched from the overflow room.",
                &[("morning keynote", &[])],
            ),
            (
                "an organisation's keynote",
                "Mozilla's keynote was about the open web.",
                &[("Mozilla's keynote", &[])],
            ),
            (
                "a collective is no talk",
                "The Tuesday keynotes were a blur.",
                &[],
            ),
            (
                "a room is no talk",
                "Lines for the keynote hall were long.",
                &[],
            ),
            (
                "a group noun must end the phrase",
                "It was the keynote from the back row, sadly.",
                &[],
            ),
        ];
        for (name, text, want) in cases {
            let got = talks(text);
            let want: Vec<(String, Vec<String>)> = want
                .iter()
                .map(|(t, s)| (t.to_string(), s.iter().map(|x| x.to_string()).collect()))
                .collect();
            assert_eq!(got, want, "case {name}");
        }
        let kinds: Vec<TalkKind> = run("The morning keynote was packed.")
            .talks
            .iter()
            .map(|t| t.kind)
            .collect();
        assert_eq!(kinds, [TalkKind::Keynote]);
    }

    #[test]
    fn cue_letters_have_no_other_case() {
        let letters: String = Cue::ALL.iter().flat_map(|c| c.letters().chars()).collect();
        let any_case = Regex::new(&format!("(?i)^[{letters}]$")).unwrap();
        let others: Vec<char> = (0..=u32::from(char::MAX))
            .filter_map(char::from_u32)
            .filter(|c| !c.is_ascii() && any_case.is_match(c.encode_utf8(&mut [0; 4])))
            .collect();
        assert!(others.is_empty(), "{others:?}");
        // The letter left out: "K" is also the Kelvin sign.
        assert!(Regex::new("(?i)^k$").unwrap().is_match("\u{212a}"));
    }

    #[test]
    fn rules_with_a_cue_match_in_any_case() {
        let found =
            talks("THE CLOSING KEYNOTE WAS great.\n\nWe ran a Python BIRDS OF A FEATHER session.");
        let titles: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert!(
            titles.iter().any(|t| t.to_lowercase().contains("keynote")),
            "{titles:?}"
        );
        assert!(
            titles.iter().any(|t| t.contains("Birds of a Feather")),
            "{titles:?}"
        );
        assert_eq!(Scan::of("KeYnOtE").cues, [true, false]);
        assert_eq!(Scan::of("Birds of a Feather").cues, [false, true]);
        assert_eq!(Scan::of("feather keynote feather").cues, [true, true]);
    }

    #[test]
    fn kind_word_list_is_the_kind_words_pattern() {
        assert_eq!(KIND_WORDS, format!("(?:{})", KIND_WORD_LIST.join("|")));
    }

    #[test]
    fn letters_fold_as_in_a_case_insensitive_pattern() {
        let letter = regex::Regex::new(r"(?i)^[a-z]$").expect("compiles");
        let space = regex::Regex::new(r"^\s$").expect("compiles");
        let word = regex::Regex::new(r"^\w$").expect("compiles");
        let mut folded = Vec::new();
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let s = c.to_string();
            if letter.is_match(&s) && !c.is_ascii() {
                folded.push(c);
            }
            assert_eq!(space.is_match(&s), c.is_whitespace(), "{c:?}");
            assert_eq!(word.is_match(&s), is_word_at(&s, 0), "{c:?}");
            assert_eq!(word.is_match(&s), is_word_before(&s, s.len()), "{c:?}");
        }
        assert_eq!(folded, ['ſ', '\u{212a}']);
        for (c, letter) in [("ſ", 's'), ("\u{212a}", 'k')] {
            for other in 'a'..='z' {
                let re = regex::Regex::new(&format!("(?i)^{other}$")).expect("compiles");
                assert_eq!(re.is_match(c), other == letter);
                let found = folded_prefix(c, 0, &other.to_string());
                assert_eq!(found.is_some(), other == letter);
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        #[test]
        fn was_or_is_is_read_as_the_pattern_reads_it(
            parts in proptest::collection::vec(
                "was|is|Was|IS|This|wasn|é|x|_|Zoë|ſ|\u{212a}|\\.|!|\\?|,| |  |\n|\u{a0}|\u{2003}|abcdefghij",
                0..40,
            ),
            // Characters of one, two and three bytes before the parts, to reach the
            // sixtieth character.
            pad in (0usize..70, "-|é|\u{2003}"),
        ) {
            static VERB: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r"^[^.!?]{0,60}?\b(?:was|is)\s+").expect("verb")
            });
            let s = pad.1.repeat(pad.0) + &parts.concat();
            proptest::prop_assert_eq!(was_or_is_end(&s), VERB.find(&s).map(|m| m.end()));
        }
    }

    /// The pattern [`the_x_kind`] reads without a regex.
    fn the_x_kind_pattern() -> regex::Regex {
        regex::Regex::new(&format!(
            r"(?i)\b(?:the|my|our|this|that|his|her|their)\s+((?:[\w+#’'-]+(?:\.\w+)*\s+){{1,4}}?)({KIND_WORDS})\b"
        ))
        .expect("compiles")
    }

    /// The spans of capture groups 1 and 2 of every match: what a word reader must give.
    fn two_groups(re: &regex::Regex, text: &str) -> Vec<(Span, Span)> {
        re.captures_iter(text)
            .map(|c| {
                let span = |i| {
                    let m = c.get(i).expect("both groups take part in every match");
                    Span::new(m.start(), m.end())
                };
                (span(1), span(2))
            })
            .collect()
    }

    /// `text`, and `text` with ASCII letters for "ſ" and the Kelvin sign: the word readers
    /// read a post differently with them and without.
    fn with_and_without_folds(text: &str) -> [String; 2] {
        [
            text.to_string(),
            text.replace('ſ', "s").replace('\u{212a}', "K"),
        ]
    }

    /// The span between two offsets a proptest draws, each moved back to a character
    /// boundary of `text`.
    fn span_between(text: &str, (a, b): (usize, usize)) -> Span {
        let boundary = |i: usize| {
            (0..=i.min(text.len()))
                .rev()
                .find(|&b| text.is_char_boundary(b))
                .unwrap_or(0)
        };
        let (a, b) = (boundary(a), boundary(b));
        Span::new(a.min(b), a.max(b))
    }

    #[test]
    fn the_x_kind_reads_as_the_pattern() {
        let re = the_x_kind_pattern();
        let mut matches = 0;
        for text in [
            "the Eve Online talk and their C++ tutorial",
            "Their talks about the big the Rust talk",
            "bathe the Node.js v1.2. talk, the Node.js v1.2 talk",
            "éthe Rust talk; the Rust talké; thé Rust talk",
            "THIſ Go talK, thiſ Go \u{212a}eynote address",
            "the lightning talk talk, my open space, our a b c d talk",
            "the don’t-miss #rust\u{a0}panel\ndiscussion, his -x- workshop",
        ] {
            let got: Vec<(Span, Span)> = the_x_kind(text, &Scan::of(text)).collect();
            assert_eq!(got, two_groups(&re, text), "{text}");
            matches += got.len();
        }
        assert!(matches >= 8, "{matches}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        #[test]
        fn the_x_kind_agrees_with_the_pattern(
            words in proptest::collection::vec(
                "the|The|THEIR|thiſ|my|our|that|his|her|x|éthe|Rust|C\\+\\+|Node\\.js|v1\\.|\\.x|don’t|a-b|#go|é|Søren|\\(x\\)|,|talk|talKs|talk\u{212a}|keynote|panel|lightning|open|space|session|bof|sprint|address|discussion",
                0..12,
            ),
            seps in proptest::collection::vec(" |  |\n|\u{a0}|\u{2003}|, |\\.|", 12),
        ) {
            for text in with_and_without_folds(&interleave(&words, &seps)) {
                let got: Vec<(Span, Span)> = the_x_kind(&text, &Scan::of(&text)).collect();
                proptest::prop_assert_eq!(got, two_groups(&the_x_kind_pattern(), &text));
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

        #[test]
        fn kind_of_word_agrees_with_kind_of(
            words in proptest::collection::vec(
                "(?i)(lightning talk|open space|openspace|unconference session|birds of a feather session|bof session|panel discussion|keynote|talk|panel|tutorial|workshop|presentation|session|lecture|keynote address|bof|sprint)|ſession|\u{212a}eynote|talks|lightning  talk|pechakucha|x|",
                0..12,
            ),
        ) {
            with_finder("A post.", |finder| {
                for word in &words {
                    proptest::prop_assert_eq!(
                        finder.kind_of_word(word),
                        kind_of(finder.ctx, word),
                        "{}",
                        word
                    );
                }
                Ok(())
            })?;
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn skip_space_agrees_with_the_general_trim(
            text in "[ \t\n\x0b\x0c\r\u{85}\u{a0}\u{2003}\u{3000},xé]{0,12}",
        ) {
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let rest = &text[at..];
                proptest::prop_assert_eq!(
                    skip_space(&text, at),
                    Some(at + rest.len() - rest.trim_start().len()),
                    "{:?} at {}",
                    text,
                    at
                );
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn lowercases_to_one_of_agrees_with_lower_casing(
            word in "(?i)(second|third|another|other|next|last)|ſecond|\u{212a}|İ|x|\u{212b}|[a-zA-Zſİ\u{212a}\u{212b}ß]{0,8}",
        ) {
            for words in [&POSSESSIVE_NEW_WORDS[..], &VERB_NEW_WORDS[..]] {
                let lower = word.to_lowercase();
                proptest::prop_assert_eq!(
                    lowercases_to_one_of(&word, words),
                    words.contains(&lower.as_str())
                );
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        #[test]
        fn kind_word_after_is_the_kind_group(
            words in proptest::collection::vec(
                "(?i)(a|an|the|talk|keynote|address|lightning|open|space|bof|session|panel|discussion|sprint)|ſession|thé|x|,|",
                0..5,
            ),
            seps in proptest::collection::vec(" |  |\n|\u{a0}|, |,|", 5),
        ) {
            let after = interleave(&words, &seps);
            let want = KIND_AFTER.captures(&after).map(|c| c.get(1).expect("kind").as_str());
            proptest::prop_assert_eq!(kind_word_after(&after), want);
        }
    }

    /// What the rules' reader over `text` gives, with the persons a whole extraction finds.
    fn with_finder<R>(text: &str, read: impl FnOnce(&Finder) -> R) -> R {
        static RULES: LazyLock<Rules> = LazyLock::new(Rules::builtin);
        let persons: Vec<Mention> = run(text)
            .mentions
            .into_iter()
            .filter(|m| m.kind == EntityKind::Person)
            .collect();
        let doc = crate::input::parse("test.txt", text.as_bytes(), crate::input::Format::Text)
            .expect("text parses");
        let tokens = crate::tokenize::tokenize(&doc.text);
        let layout = crate::layout::layout(&doc.text, &tokens, &doc.headings, &RULES);
        let ctx = Context {
            text: &doc.text,
            doc: &doc,
            tokens: &tokens,
            layout: &layout,
            rules: &RULES,
        };
        let scan = Scan::of(ctx.text);
        let finder = Finder {
            ctx: &ctx,
            persons: &persons,
            projects: &[],
            talks: Vec::new(),
            talk_spans: TalkSpans::default(),
            speakers: Vec::new(),
            used_lines: vec![false; tokens.lines.len()],
            scan: &scan,
            word_kinds: WordKinds::default(),
        };
        read(&finder)
    }

    /// The subject-verb talks of `text`, read in every sentence.
    fn subject_verb_talks(text: &str) -> Vec<String> {
        with_finder(text, |finder| {
            finder
                .ctx
                .tokens
                .sentences
                .iter()
                .filter_map(|s| finder.subject_verb_at(s.span, finder.subject_start(s.span)))
                .map(|t| t.title)
                .collect()
        })
    }

    #[test]
    fn subject_verbs_read_the_phrase_after_the_subject() {
        assert_eq!(
            subject_verb_talks(
                "Then, Ada Lovelace gave a great talk on analytical engines. Later, Grace Hopper spoke about compilers and bugs."
            ),
            ["analytical engines", "compilers and bugs"]
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

        #[test]
        fn subject_verbs_open_with_a_person_of_their_sentence(
            sentences in proptest::collection::vec(
                (
                    "|Then, |Later that day, |I think |Then ",
                    "Ada Lovelace|Grace Hopper|Dr\\. Ada Lovelace|Ada Lovelace and Grace Hopper|the team|Rust|Ada",
                    " gave a great talk on| spoke about| discussed| presented| opened with a keynote on| really gave the keynote on| said",
                    " Rust engines| compilers and bugs| x",
                    "\\. |\n|, | and ",
                ),
                1..5,
            ),
        ) {
            let text: String = sentences
                .iter()
                .map(|(a, b, c, d, e)| format!("{a}{b}{c}{d}{e}"))
                .collect();
            // The sentences without a person from `subject_start` on are skipped unread:
            // reading them finds nothing.
            with_finder(&text, |finder| {
                for s in &finder.ctx.tokens.sentences {
                    let at = finder.subject_start(s.span);
                    if !finder.person_starts_in(Span::new(at, s.span.end)) {
                        proptest::prop_assert!(
                            finder.subject_verb_at(s.span, at).is_none(),
                            "{:?}",
                            s.span.slice(finder.ctx.text)
                        );
                    }
                }
                Ok(())
            })?;
        }

        #[test]
        fn titles_are_words_of_the_post(
            parts in proptest::collection::vec(
                "Talk: |Speaker: |Title: |Ada Ruiz|Li Wei|Tiny Parsers|é|, |—| – |-|\\(|\\)|\n|\n- ",
                1..12,
            ),
        ) {
            let text = parts.concat();
            let spaced = single_spaced(&text);
            for (title, _) in talks(&text) {
                proptest::prop_assert!(spaced.contains(title.as_str()), "{title:?} in {text:?}");
                proptest::prop_assert!(title.chars().any(char::is_alphanumeric), "{title:?}");
            }
        }

        #[test]
        fn lines_split_as_if_their_separators_were_not_looked_for_first(
            parts in proptest::collection::vec(
                (
                    "Ada Lovelace|Grace Hopper, Alan Turing|Dr\\. Ada Lovelace|Rust in Space|the talk|Async|“Quoted”|Ada Lovelace\\)|Acme\\)|Rust \\(Ada Lovelace\\)",
                    " - | – | — | -- |: | \\| | by | bye |:|-|–| |, | and |\n|\n- | \\(|\\(",
                ),
                1..6,
            ),
        ) {
            let text: String = parts.iter().map(|(a, b)| format!("{a}{b}")).collect();
            with_finder(&text, |finder| {
                let text = finder.ctx.text;
                for line in &finder.ctx.tokens.lines {
                    let Some(span) = trim_span(text, line.span) else {
                        continue;
                    };
                    let body = strip_list_marker(text, span);
                    let s = body.slice(text);
                    let general = if s.starts_with(['“', '"', '‘']) {
                        finder.quote_then_speakers(body)
                    } else if more_words_than(s, 30) {
                        None
                    } else {
                        finder.split_short_line(body)
                    };
                    proptest::prop_assert_eq!(finder.split_line(body), general, "{:?}", s);
                }
                Ok(())
            })?;
        }
    }

    #[test]
    fn every_split_separator_may_be_held() {
        for sep in SPEAKER_FIRST_SEPARATORS
            .iter()
            .chain(&TITLE_FIRST_SEPARATORS)
        {
            assert!(
                may_hold_split_separator(&format!("Ada{sep}Talk")),
                "{sep:?}"
            );
        }
        assert!(may_hold_split_separator("Talk (Ada)"));
        assert!(!may_hold_split_separator("Ada Lovelace, Talk:about b-y(c)"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        #[test]
        fn whole_kind_words_read_from_the_scan_agree_with_their_letters(
            words in proptest::collection::vec(
                "talk|Talks|TALK|talké|talk_|lightning|keynote|address|Keynote|panel|discussion|bof|bofs|session|birds|of|a|feather|open|space|openspace|sprint|x|é|thiſ|\u{212a}eynote|unconference|workshop|lecture",
                0..12,
            ),
            seps in proptest::collection::vec(" |  |\n|\u{a0}|, |\\.||-", 12),
        ) {
            for text in with_and_without_folds(&interleave(&words, &seps)) {
                let scan = Scan::of(&text);
                let mut kinds = scan.kinds.as_slice();
                for at in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
                    proptest::prop_assert_eq!(
                        whole_kind_word_at(&text, &scan, &mut kinds, at),
                        whole_kind_word_by_letters(&text, at),
                        "at {} of {:?}", at, text
                    );
                }
            }
        }

        #[test]
        fn first_kind_word_agrees_with_the_pattern(
            words in proptest::collection::vec(
                "talk|Talks|TALK|talké|étalk|lightning|keynote|address|Keynote|panel|discussion|bof|session|birds|of|a|feather|open|space|openspace|sprint|_talk|x|é|Søren|thiſ|\u{212a}eynote",
                0..12,
            ),
            seps in proptest::collection::vec(" |  |\n|\u{a0}|, |\\.||-", 12),
            cut in (0usize..80, 0usize..80),
        ) {
            for text in with_and_without_folds(&interleave(&words, &seps)) {
                let within = span_between(&text, cut);
                let want = KIND_WORD
                    .find(within.slice(&text))
                    .map(|m| Span::new(within.start + m.start(), within.start + m.end()));
                let got = first_kind_word(&text, &Scan::of(&text), within);
                proptest::prop_assert_eq!(got, want);
            }
        }


        #[test]
        fn kind_words_asked_in_order_are_the_first_kind_words(
            words in proptest::collection::vec(
                "talk|Talks|talké|étalk|keynote|address|panel|discussion|bof|session|open|space|x|é|thiſ|\u{212a}eynote",
                0..12,
            ),
            seps in proptest::collection::vec(" |  |\n|\u{a0}|, |\\.||-", 12),
            mut cuts in proptest::collection::vec(0usize..120, 0..8),
        ) {
            cuts.sort_unstable();
            for text in with_and_without_folds(&interleave(&words, &seps)) {
                let scan = Scan::of(&text);
                let mut kinds = scan.kinds.as_slice();
                for pair in cuts.windows(2) {
                    let within = span_between(&text, (pair[0], pair[1]));
                    proptest::prop_assert_eq!(
                        first_kind_word_in_order(&text, &scan, within, &mut kinds),
                        first_kind_word(&text, &scan, within)
                    );
                }
            }
        }

        #[test]
        fn quote_cues_read_backwards_agree_with_the_forward_search(
            parts in proptest::collection::vec(
                "went|to|the|saw|Talk|keynote|on|was|is|said|like|as|’s|'s|Zoë|Éva|Go|é|ö|“|”|\"|,|:|-|–| |  |\n",
                0..16,
            ),
            window in 0usize..80,
        ) {
            static PATTERNS: LazyLock<Vec<(EndPattern, Pattern)>> = LazyLock::new(|| {
                [QUOTE_CUE_BEFORE, QUOTE_REJECT_BEFORE]
                    .map(|p| (EndPattern::new(p).expect("compiles"), Pattern::new(p).expect("compiles")))
                    .into()
            });
            let text: String = parts.concat();
            for (backward, forward) in &*PATTERNS {
                proptest::prop_assert_eq!(
                    backward.matches_before(&text, text.len(), window),
                    forward.matches_before(&text, text.len(), window)
                );
            }
        }

        #[test]
        fn high_bits_are_counted_as_count_ones_counts_them(word in proptest::num::u64::ANY) {
            let highs = word & HIGHS;
            proptest::prop_assert_eq!(high_bits(highs), highs.count_ones() as usize);
        }

        #[test]
        fn more_words_than_counts_as_split_whitespace(
            parts in proptest::collection::vec(
                "x|é|Go|ſ|\u{1f600}|abcdefghij| |  |\n|\r|\u{b}|\u{c}|\u{1c}|\u{8}|\u{e}|\u{a0}|\u{2003}|\u{3000}|\u{85}|\t|-",
                0..60,
            ),
            n in 0usize..30,
        ) {
            let s: String = parts.concat();
            let want = s.split_whitespace().nth(n).is_some();
            proptest::prop_assert_eq!(more_words_than(&s, n), want);
        }
    }

    /// [`strip_list_marker`] as first written: the line split at its first ". ".
    fn strip_list_marker_by_split(text: &str, line: Span) -> Span {
        let s = line.slice(text);
        let trimmed = s.trim_start_matches(['-', '*', '•', '+']).trim_start();
        let numbered = trimmed
            .split_once(". ")
            .filter(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
            .map_or(trimmed, |(_, rest)| rest);
        Span::new(line.end - numbered.len(), line.end)
    }

    /// [`mostly_capitalized`] as first written, collecting the words.
    fn mostly_capitalized_by_collecting(s: &str) -> bool {
        let words: Vec<&str> = s.split_whitespace().filter(|w| w.len() > 3).collect();
        let caps = words
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count();
        !words.is_empty() && caps * 3 >= words.len() * 2
    }

    #[test]
    fn list_markers_are_stripped() {
        for (line, body) in [
            ("- 12. Talk", "Talk"),
            ("3.Talk", "3.Talk"),
            ("Talk 3. Two", "Talk 3. Two"),
            ("• ٣. Talk", "٣. Talk"),
        ] {
            let got = strip_list_marker(line, Span::new(0, line.len()));
            assert_eq!(got.slice(line), body, "{line}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        #[test]
        fn list_lines_read_as_first_written(
            parts in proptest::collection::vec("1|23|x|Go|Élan|élan|Talks|\\. |\\.|- |\\* |•|\\+| |  |\u{a0}|٣", 0..12),
        ) {
            let text: String = parts.concat();
            let line = Span::new(0, text.len());
            proptest::prop_assert_eq!(
                strip_list_marker(&text, line),
                strip_list_marker_by_split(&text, line)
            );
            proptest::prop_assert_eq!(
                mostly_capitalized(&text),
                mostly_capitalized_by_collecting(&text)
            );
        }

        #[test]
        fn modifiers_end_where_their_pattern_reads_them(
            parts in proptest::collection::vec(
                "C|js|é|ſ|1|_|\\+|#|’|'|-|\\.|!|:|\u{300}|٣| |\u{a0}|\n",
                0..12,
            ),
            start in 0usize..12,
        ) {
            static MODIFIER: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r"^[\w+#’'-]+(?:\.\w+)*$").expect("modifier pattern")
            });
            let text: String = parts.concat();
            let start = look_back(&text, start.min(text.len()), 0);
            let run_end = text[start..]
                .find(char::is_whitespace)
                .map_or(text.len(), |i| start + i);
            let want = MODIFIER.is_match(&text[start..run_end]).then_some(run_end);
            proptest::prop_assert_eq!(modifier_end(&text, start), want, "{:?} at {}", text, start);
        }

        #[test]
        fn short_needles_are_found_as_by_a_substring_search(
            parts in proptest::collection::vec(" |b|y|by|-|—|–|,|w|with|é|x", 0..16),
            needle in proptest::sample::select(vec![" by ", " with ", " — ", " – ", " - ", " -- ", ", "]),
        ) {
            let s: String = parts.concat();
            proptest::prop_assert_eq!(find_short(&s, needle), s.find(needle));
            proptest::prop_assert_eq!(rfind_short(&s, needle), s.rfind(needle));
        }

        #[test]
        fn titles_trim_as_one_trim_after_another(
            parts in proptest::collection::vec("a|Z|7|é|\"|“|”|‘|’|«|»|'|\\.|,|;|:|!| |\n|\u{a0}|-", 0..8),
        ) {
            let title: String = parts.concat();
            proptest::prop_assert_eq!(trimmed_title(&title), trimmed_title_by_trims(&title));
        }

        #[test]
        fn talk_spans_overlap_as_a_look_at_every_span_tells(
            added in proptest::collection::vec((0usize..60, 0usize..20), 0..12),
            start in 0usize..80,
            len in 0usize..20,
        ) {
            let added: Vec<Span> = added.into_iter().map(|(s, l)| Span::new(s, s + l)).collect();
            let mut spans = TalkSpans::default();
            for &s in &added {
                spans.add(s);
            }
            let span = Span::new(start, start + len);
            let want = added.iter().any(|s| s.start < span.end && span.start < s.end);
            proptest::prop_assert_eq!(spans.overlap(span), want);
        }

        #[test]
        fn past_adjectives_leaves_the_words_that_skipping_adjectives_leaves(
            parts in proptest::collection::vec(
                "(?i)great|the|day's|eye-opening|Eve|Online|x|é|ſ| |  |\n|\u{a0}|\u{2003}",
                0..10,
            ),
        ) {
            let mods: String = parts.concat();
            let topic = past_adjectives(&mods);
            let want: Vec<&str> = mods
                .split_whitespace()
                .skip_while(|w| is_adjective(w))
                .collect();
            proptest::prop_assert!(mods.ends_with(topic));
            proptest::prop_assert_eq!(topic.split_whitespace().collect::<Vec<_>>(), want);
            proptest::prop_assert!(!topic.starts_with(char::is_whitespace));
        }

        #[test]
        fn is_adjective_reads_a_word_in_any_case(
            word in "(?i)(great|day's|conference's|eye-opening|x)|ÉLAN|[a-zA-Z]{20,30}|İ",
        ) {
            let want = ADJECTIVES.contains(&word.to_lowercase().as_str());
            proptest::prop_assert_eq!(is_adjective(&word), want);
        }

        #[test]
        fn holds_verb_agrees_with_the_pattern(
            words in proptest::collection::vec(
                "gave|GIVES|giveſ|had|did|kicked|off|\u{212a}icked|opened|began|spoke|talks|talk|Speak|about|ON|one|discussed|presented|forgave|x|é|Søren",
                0..10,
            ),
            seps in proptest::collection::vec(" |  |\n|\u{a0}|, |\\.|", 10),
            cut in (0usize..60, 0usize..60),
        ) {
            for text in with_and_without_folds(&interleave(&words, &seps)) {
                let within = span_between(&text, cut);
                let want = SUBJECT_VERB.is_match_at(&text[..within.end], within.start);
                proptest::prop_assert_eq!(holds_verb(&text, &Scan::of(&text), within), want);
            }
        }
    }

    /// The spans of the first `groups` groups of each match.
    fn pattern_spans<'t>(
        matches: impl Iterator<Item = Groups<'t>>,
        groups: usize,
    ) -> Vec<Vec<Option<Span>>> {
        matches
            .map(|c| {
                (0..groups)
                    .map(|i| c.get(i).map(|g| Span::new(g.start(), g.end())))
                    .collect()
            })
            .collect()
    }

    /// The spans of the first `groups` groups of each match of `re` in `text`.
    fn regex_spans(re: &Regex, text: &str, groups: usize) -> Vec<Vec<Option<Span>>> {
        re.captures_iter(text)
            .map(|c| {
                (0..groups)
                    .map(|i| c.get(i).map(|g| Span::new(g.start(), g.end())))
                    .collect()
            })
            .collect()
    }

    /// The pattern of [`BY_PHRASE`] as first written, with "walk ?through".
    static BY_PHRASE_AS_WRITTEN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"(?i)\b(?:({KIND_WORDS})(?:\s+(?:on|about)\s+([^,.;:()]{{2,80}}?))?|((?:introduction|intro|walk ?through|overview|tour|deep dive|look)\s+(?:to|of|through|into|at)\s+[^,.;:()]{{2,80}}?))\s*,?\s+(?:(?:delivered|given|presented|led|hosted|run)\s+)?(?:by|from)\s+"))
            .expect("compiles")
    });

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn by_phrases_read_at_the_scan_agree_with_the_search(
            words in proptest::collection::vec(
                "talk|Talk|keynote|lightning|panel|bof|session|intro|introduction|walk|through|tour|look|Look|deep|dive|to|at|of|into|on|about|by|BY|from|given|run|Led|address|x|é|Søren|ſ|\u{212a}|étalk|talké|a-long-topic-of-thirty-letters",
                0..14,
            ),
            seps in proptest::collection::vec(" |  |\n|\u{a0}|, |\\.||,| , |;|\t", 14),
        ) {
            for text in with_and_without_folds(&interleave(&words, &seps)) {
                let got: Vec<Vec<Option<Span>>> = by_phrase_matches(&text, &Scan::of(&text))
                    .map(|c| vec![Some(c.whole), c.kind, c.topic, c.intro])
                    .collect();
                proptest::prop_assert_eq!(got, regex_spans(&BY_PHRASE_AS_WRITTEN, &text, 4));
            }
        }
    }

    #[test]
    fn described_sessions_read_at_the_scan_read_as_the_regex() {
        let re = Regex::new(DESCRIBED_SESSION).expect("compiles");
        let mut matches = 0;
        for text in [
            "The opening keynote was given by Ana. (the talk came from Bo, a talk was by Cy",
            "athe talk was by X; the Last session came courtesy of Dee and an\u{a0}talk was Ed",
            "thé talk was by X, the closing  presentation  came from\nthe team",
        ] {
            let got = pattern_spans(described_session_matches(text, &Scan::of(text)), 3);
            assert_eq!(got, regex_spans(&re, text, 3), "{text}");
            matches += got.len();
        }
        assert!(matches >= 6, "{matches}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn described_sessions_read_at_the_scan_agree_with_the_regex(
            words in proptest::collection::vec(
                "the|The|THE|a|A|an|\\(the|athe|thé|opening|closing|Last|keynote|talk|Talk|talks|session|presentation|was|given|by|came|from|courtesy|of|x|é|Søren|ſ|\u{212a}eynote",
                0..14,
            ),
            seps in proptest::collection::vec(" |  |\n|\u{a0}|, |\\.|", 14),
        ) {
            let re = Regex::new(DESCRIBED_SESSION).expect("compiles");
            for text in with_and_without_folds(&interleave(&words, &seps)) {
                let got = pattern_spans(described_session_matches(&text, &Scan::of(&text)), 3);
                proptest::prop_assert_eq!(got, regex_spans(&re, &text, 3));
            }
        }
    }

    fn kind_on_topic_by_regex(text: &str) -> Vec<(Span, Span)> {
        let re = regex::Regex::new(r"(?i)\b(open ?space|unconference session|panel|tutorial|workshop|lightning talk|bof)\s+(?:on|about)\s+([^,.;:()]{2,80})").expect("compiles");
        two_groups(&re, text)
    }

    #[test]
    fn kind_on_topic_reads_as_the_pattern() {
        let mut matches = 0;
        for text in [
            "a panel on packaging, an open space about Rust; the OpenSpace on x",
            "éPanel on x, panel  on\n y (z), workshop on a, bof on  a, bof on   ,",
            "ΚTutorial on ſ, tutorial ABOUT ün\u{a0}ö, lightning talk on 12345",
            "unconference session on a topic that runs on and on and on and on and on and on and on past eighty",
            "Workshops on x, panelon x, open  space on y, panel on\u{2003}\u{2003}.",
        ] {
            let got: Vec<(Span, Span)> = kind_on_topic(text, &Scan::of(text)).collect();
            assert_eq!(got, kind_on_topic_by_regex(text), "{text}");
            matches += got.len();
        }
        assert!(matches >= 8, "{matches}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        #[test]
        fn kind_on_topic_agrees_with_the_pattern(
            words in proptest::collection::vec(
                "panel|Panel|PANELS|open|space|openſpace|OpenSpace|bof|éBof|tutorial|workshop|lightning|talk|unconference|session|on|On|about|ABOUT|onion|x|é|ab|Søren|\\(|\\)|,|;|:",
                0..14,
            ),
            seps in proptest::collection::vec(" |  |\n|\u{a0}|\u{2003}|, |\\.||   ", 14),
        ) {
            for text in with_and_without_folds(&interleave(&words, &seps)) {
                let got: Vec<(Span, Span)> = kind_on_topic(&text, &Scan::of(&text)).collect();
                proptest::prop_assert_eq!(got, kind_on_topic_by_regex(&text));
            }
        }
    }

    /// The pattern [`possessive_phrase`] reads as, after the possessive ending.
    const POSSESSIVE_PATTERN: &str = r"^\s+((?:[\w.+#-]+\s+){0,4}?)KIND_WORDSs?\b(?:\s+(?:on|about|covering|discussing|which (?:discussed|covered|was about)|in which (?:he|she|they) (?:discussed|talked about|covered))\s+(.+))?";

    /// The possessive pattern with its ending, as one.
    static POSSESSIVE_WHOLE: LazyLock<Regex> = LazyLock::new(|| {
        let rest = POSSESSIVE_PATTERN.replace("KIND_WORDS", KIND_WORDS);
        Regex::new(&format!(r"(?i)^(?:’s|'s){}", &rest["^".len()..])).expect("compiles")
    });

    /// The pattern [`verb_phrase`] reads as.
    static VERB_PHRASE_PATTERN: LazyLock<Regex> = LazyLock::new(|| {
        let [gave, opened, spoke, discussed] =
            [&GAVE[..], &OPENED, &SPOKE, &DISCUSSED].map(|v| v.join("|"));
        Regex::new(&format!(r"(?i)^(?:\s+\w+ly)?\s+(?:(?:{gave}|(?:{opened})(?: [^.]{{0,40}}?)? with)\s+(?:a|an|the|his|her|their)\s+((?:[\w-]+\s+){{0,3}}?){KIND_WORDS}(?:\s+(?:on|about|covering|called|titled|entitled)\s+(.+))?|(?:{spoke})\s+(?:about|on)\s+(.+)|(?:{discussed})\s+(.+))"))
            .expect("compiles")
    });

    /// What [`verb_phrase`] gives, as the regex crate reads its pattern.
    fn verb_phrase_by_regex(text: &str) -> Option<VerbPhrase> {
        VERB_PHRASE_PATTERN.captures(text).map(|c| {
            let group = |i| c.get(i).map(|m| Span::new(m.start(), m.end()));
            VerbPhrase {
                end: c[0].len(),
                mods: group(1),
                topic: group(2).or(group(3)).or(group(4)),
                discussed: group(4).is_some(),
            }
        })
    }

    /// The possessive ending matched apart, then [`possessive_phrase`]: the whole match's
    /// end and the texts of groups 1 and 2.
    fn possessive_groups(text: &str) -> Option<(usize, &str, Option<&str>)> {
        let ending = POSSESSIVE_ENDING.find(text)?;
        let after = &text[ending.end()..];
        let phrase = possessive_phrase(after)?;
        Some((
            ending.end() + phrase.end,
            phrase.mods.slice(after),
            phrase.topic.map(|t| t.slice(after)),
        ))
    }

    /// What [`possessive_groups`] gives, as the regex crate reads the whole pattern.
    fn possessive_groups_by_regex(text: &str) -> Option<(usize, &str, Option<&str>)> {
        POSSESSIVE_WHOLE.captures(text).map(|c| {
            (
                c[0].len(),
                c.get(1).map_or("", |m| m.as_str()),
                c.get(2).map(|m| m.as_str()),
            )
        })
    }

    #[test]
    fn possessive_phrases_read_as_the_pattern() {
        let mut matches = 0;
        for text in [
            "’s multiprocessing talk on the road ahead for compilers.\nNext",
            "'s keynote, which was odd",
            "’s talk which was about   ",
            "'s a b c d talks in which she talked about \n x",
            "’s a b c d e talk",
            "'s C++ node.js #x lightning talk on ünïcode\r\nmore",
            "’s talké on x, ’s open spaceſ about  \n\n",
            "’S \u{212a}EYNOTE ON  ",
        ] {
            let got = possessive_groups(text);
            assert_eq!(got, possessive_groups_by_regex(text), "{text:?}");
            matches += usize::from(got.is_some());
        }
        assert!(matches >= 6, "{matches}");
    }

    #[test]
    fn verb_phrases_read_as_the_pattern() {
        let mut matches = 0;
        for text in [
            " gave a great talk on the road ahead for compilers.\nNext",
            " talked about \n",
            " really presented  x",
            " spoke on  ",
            " opened the day with a keynote about ünïcode\r\nmore",
            " kicked off the day. with a talk",
            " kicked off  with the C-level x y talkative session",
            " REALLY ſpoke ABOUT x",
            " fly gave her \u{212a}eynote address called “x”",
            " ly gave a talk\u{a0}entitled\u{2003}\u{2003}",
            " presented a b c d talk, and discussed it",
            " opened with their lightning talks covering tests",
        ] {
            let got = verb_phrase(text);
            assert_eq!(got, verb_phrase_by_regex(text), "{text:?}");
            matches += usize::from(got.is_some());
        }
        assert!(matches >= 9, "{matches}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        #[test]
        fn verb_phrases_agree_with_the_pattern(
            words in proptest::collection::vec(
                "’s|gave|GAVE|giveſ|had|opened|kicked off|\u{212a}icked|off|began|talked|spoke|speaks|discussed|presented|a|an|the|THEIR|his|great|C-3|C\\+\\+|talk|talks|talké|keynote|\u{212a}eynote|address|lightning|panel|discussion|on|about|covering|called|entitled|with|WITH|really|Fly|ly|ély|“x”|é|x|x\\.|\\.",
                0..12,
            ),
            seps in proptest::collection::vec(" |  |\n|\r\n|\u{a0}|\u{2003}|", 12),
            lead in " |\n|\u{a0}|",
        ) {
            let text = format!("{lead}{}", interleave(&words, &seps));
            proptest::prop_assert_eq!(verb_phrase(&text), verb_phrase_by_regex(&text));
        }

        #[test]
        fn possessive_phrases_agree_with_the_pattern(
            words in proptest::collection::vec(
                "talk|talks|TALKſ|talké|keynote|\u{212a}eynote|lightning|open|space|session|bof|panel|discussion|on|ON|about|covering|which|was|in|she|talked|covered|C\\+\\+|node\\.js|#x|a-b|é|x|_|,|“x”|\\.",
                0..10,
            ),
            seps in proptest::collection::vec(" |  |\n|\r\n|\u{a0}|\u{2003}|", 10),
            lead in " |\n|\u{a0}|",
            ending in "’s|'s|’S|'ſ|’|x",
        ) {
            let text = format!("{ending}{lead}{}", interleave(&words, &seps));
            proptest::prop_assert_eq!(possessive_groups(&text), possessive_groups_by_regex(&text));
        }

        #[test]
        fn a_talk_kind_is_looked_up_as_each_rule_looked_it_up_in_turn(
            parts in proptest::collection::vec(
                "Keynote|keynote|Lightning|talk|Panel|BoF|\u{212a}eynote|Go|é|\"|“|”|'|\\.|:| |  |\n",
                0..10,
            ),
            rule in proptest::option::of(proptest::sample::select(&[
                TalkKind::Talk,
                TalkKind::Keynote,
                TalkKind::Panel,
            ][..])),
        ) {
            static RULES: LazyLock<Rules> = LazyLock::new(Rules::builtin);
            let written: String = parts.concat();
            let title = clean_title(&written);
            // As the rules did before [`KindFrom`]: the kind of the title as written,
            // then, for a plain talk, that of the title as cleaned.
            let given = rule.unwrap_or_else(|| {
                kind_named(&RULES, &written).unwrap_or(TalkKind::Talk)
            });
            let want = match given {
                TalkKind::Talk => kind_named(&RULES, &title).unwrap_or(given),
                _ => given,
            };
            let kind = rule.map_or(KindFrom::Title, KindFrom::Rule);
            proptest::prop_assert_eq!(talk_kind(&RULES, kind, &written, &title), want);
        }

        #[test]
        fn clean_title_trims_as_if_the_words_were_joined_first(
            parts in proptest::collection::vec(
                "Go|x|é|\"|“|”|‘|’|«|»|'|\\.|,|;|:|!| |  |\n|\u{a0}|\u{2003}",
                0..12,
            ),
        ) {
            let title: String = parts.concat();
            // The words joined first, then trimmed.
            let joined = title.split_whitespace().collect::<Vec<_>>().join(" ");
            let t = joined.trim_matches(|c: char| {
                matches!(c, '"' | '“' | '”' | '‘' | '’' | '«' | '»' | '\'') || c.is_whitespace()
            });
            let t = t.trim_end_matches(['.', ',', ';', ':', '!']).trim();
            let want = t
                .trim_matches(|c: char| matches!(c, '"' | '“' | '”' | '‘' | '’' | '«' | '»'))
                .trim();
            proptest::prop_assert_eq!(clean_title(&title), want);
        }
    }

    #[test]
    fn clean_title_cases() {
        assert_eq!(
            clean_title("“Why Erlang Should Run Everything.”"),
            "Why Erlang Should Run Everything"
        );
        assert_eq!(clean_title("  Panel:  Python VMs "), "Panel: Python VMs");
    }
}
