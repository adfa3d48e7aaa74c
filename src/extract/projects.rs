//! Projects: software, languages, libraries, protocols and products.
//!
//! The gazetteer finds well-known names in one pass. Names that are also everyday words
//! ("Go", "Rust", "Flight") count only where the sentence reads as software. Projects the
//! gazetteer lacks are discovered from cues that only software gets: "the X library",
//! "X's API", "X (a blog application)", CamelCase names, `.js`/`.io` names, inline code
//! and links to code hosts or package registries.

use super::pattern::Pattern;
use super::talks::{is_word_at, is_word_before, strip_list_marker};
use super::{Context, EntityKind, Mention, overlapping, overlapping_spans, resolve_overlaps};
use crate::rules::{ProjectHit, SHORT_WORD, WordSet, lower_key, starts_with_break};
use crate::span::Span;
use crate::swar::{ONES, zero_bytes};
use crate::tokenize::{is_ascii_word_byte, trim_span};
use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

static CAMEL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"\b(?:[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+|[a-z]+[A-Z][a-z]+[A-Za-z]*|[A-Z]{2,}[a-z]{2,}[A-Za-z]*)\b")
        .expect("camel pattern")
});

static DOTTED: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"\b[A-Za-z][A-Za-z0-9_-]*\.(?:{})\b",
        DOTTED_SUFFIXES.join("|")
    ))
    .expect("dotted pattern")
});

/// The suffixes after the full stop of a DOTTED name, no two starting alike.
const DOTTED_SUFFIXES: [&str; 7] = ["js", "io", "py", "rb", "rs", "jl", "NET"];

/// The phrases after which a name is what a program is built with or runs on (see
/// [`used_names`]); each before the shorter ones it starts with.
const USED_CUES: [&str; 18] = [
    "using",
    "used",
    "uses",
    "use",
    "Using",
    "Used",
    "Uses",
    "Use",
    "built with",
    "built on",
    "written in",
    "powered by",
    "switched to",
    "migrated to",
    "runs on",
    "running on",
    "deployed on",
    "deployed to",
];

/// The [`USED_CUES`], searched for all at once: a pattern over the whole post that read
/// the name too cost far more, as "us" starts many a word.
static USED_CUE_SEARCH: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(USED_CUES)
        .expect("used cues compile")
});

/// "sponsored by QAWorkbench", "works at BrightLoop": a company stands there.
static ORG_BEFORE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:(?:sponsored|organi[sz]ed|funded|hosted|acquired|founded|run) by|works? (?:at|for)|worked (?:at|for)|employed (?:at|by)|joined)\s+$")
        .expect("org before pattern")
});

/// "CloudWeave Leeds meetup": a community, not software.
static GROUP_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s+\p{Lu}\w*)?\s+(?i:meetups?|user groups?|conference|summit|foundation|community|group|team)\b")
        .expect("group after pattern")
});

/// The nouns that make a name before them a project: "the X library".
const NOUN_CUE_NOUNS: &str = "framework|library|module|package|gem|crate|plugin|extension|engine|toolkit|compiler|runtime|interpreter|database|admin|API|SDK|CLI|app|application|project|tool";

/// "the X library", "the multiprocessing module", "the Ella admin".
static NOUN_CUE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(r"\b(?:the|a|an|its|their|our|his|her)[ \t]+((?:[A-Z][\w.+#-]*|[a-z][a-z0-9_]*[a-z0-9])(?:[ \t]+[A-Z][\w.+#-]*){{0,2}})[ \t]+({NOUN_CUE_NOUNS})s?\b"))
        .expect("noun cue pattern")
});

/// The nouns that end a description in brackets after a project's name.
const PAREN_CUE_NOUNS: &str = "application|app|library|framework|tool|project|engine|database|language|gem|package|module|crate|plugin|CMS";

/// "Oebfare (Django blog application)".
static PAREN_CUE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"\b([A-Z][\w.+#-]*)\s*\((?:an?\s+|the\s+)?[^()\n]{{0,40}}?\b(?:{PAREN_CUE_NOUNS})\)"
    ))
    .expect("paren cue pattern")
});

/// What a project's possessive may own: "Flight's API".
const API_CUE_NOUNS: &str = "API|SDK|CLI|source code|codebase|repo|repository|docs|documentation";

/// "Flight's API".
static API_CUE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"\b([A-Z][\w.+#-]*)(?:'s|’s)\s+(?:{API_CUE_NOUNS})\b"
    ))
    .expect("api cue pattern")
});

/// The nouns that, after a talk title's lead name, describe it as software (see
/// [`described_lead`]), lower-cased.
const TITLE_LEAD_NOUNS: [&str; 30] = [
    "api",
    "app",
    "application",
    "browser",
    "cli",
    "cms",
    "compiler",
    "database",
    "dsl",
    "editor",
    "engine",
    "extension",
    "framework",
    "ide",
    "interpreter",
    "language",
    "library",
    "module",
    "orm",
    "package",
    "platform",
    "plugin",
    "protocol",
    "runtime",
    "sdk",
    "server",
    "shell",
    "system",
    "tool",
    "toolkit",
];

/// The most words a title's description may hold before its noun (see [`described_lead`]).
const TITLE_LEAD_WORDS: usize = 6;

/// Searches for the literal text that every match of NOUN_CUE, of PAREN_CUE and of
/// API_CUE holds: their nouns (PAREN_CUE's with its ")"). A post without any of a
/// pattern's words is spared that pattern's pass over it. A few literals are searched far
/// faster than the patterns (leftmost-first lets the search use SIMD; whether any word
/// stands does not depend on the match kind), and a search stops at the first it finds.
static CUE_WORD_SEARCH: LazyLock<[AhoCorasick; 3]> = LazyLock::new(|| {
    let words = |nouns: &str, close: &str| -> Vec<String> {
        nouns.split('|').map(|n| format!("{n}{close}")).collect()
    };
    [
        words(NOUN_CUE_NOUNS, ""),
        words(PAREN_CUE_NOUNS, ")"),
        words(API_CUE_NOUNS, ""),
    ]
    .map(|words| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(words)
            .expect("cue words compile")
    })
});

/// Whether `text` holds a word of each of NOUN_CUE, PAREN_CUE and API_CUE.
fn cue_words_in(text: &str) -> [bool; 3] {
    let [noun, paren, api] = &*CUE_WORD_SEARCH;
    [noun, paren, api].map(|words| words.is_match(text))
}

/// Where CAMEL's and where DOTTED's matches may be (see [`is_camel_hint`] and
/// [`is_dotted_hint`]), each in increasing order. Every byte of a post is passed over,
/// so the capitals and full stops that the hints stand at are found eight bytes at a
/// time, for both patterns in one pass.
fn name_hints(text: &str) -> (Vec<usize>, Vec<usize>) {
    let bytes = text.as_bytes();
    let mut camel = Vec::new();
    let mut dotted = Vec::new();
    for (k, chunk) in bytes.chunks(8).enumerate() {
        let (capitals, stops) = ascii_capitals_and_stops(chunk);
        for (mut flagged, hints, is_hint) in [
            (
                capitals,
                &mut camel,
                is_camel_hint as fn(&[u8], usize) -> bool,
            ),
            (stops, &mut dotted, is_dotted_hint),
        ] {
            while flagged != 0 {
                let at = k * 8 + flagged.trailing_zeros() as usize / 8;
                flagged &= flagged - 1;
                if is_hint(bytes, at) {
                    hints.push(at);
                }
            }
        }
    }
    (camel, dotted)
}

/// Whether a camel-case name may be at `i`: an ASCII capital after a lower-case letter or
/// digit ("CherryPy", "iPhone") or after a capital and before a lower-case letter
/// ("QAWorkbench"). Every match of CAMEL holds one.
fn is_camel_hint(bytes: &[u8], i: usize) -> bool {
    let Some(&before) = i.checked_sub(1).and_then(|j| bytes.get(j)) else {
        return false;
    };
    bytes[i].is_ascii_uppercase()
        && (before.is_ascii_lowercase()
            || before.is_ascii_digit()
            || before.is_ascii_uppercase() && bytes.get(i + 1).is_some_and(u8::is_ascii_lowercase))
}

/// Whether a dotted name may be at `i`: a full stop before one of DOTTED's suffixes.
/// Every match of DOTTED holds one.
fn is_dotted_hint(bytes: &[u8], i: usize) -> bool {
    let rest = &bytes[i + 1..];
    bytes[i] == b'.'
        && DOTTED_SUFFIXES
            .iter()
            .any(|suffix| rest.starts_with(suffix.as_bytes()))
}

/// The ASCII capitals and the full stops among the (at most eight) bytes of `chunk`: the
/// high bit of the byte of each mask at the same place is set.
fn ascii_capitals_and_stops(chunk: &[u8]) -> (u64, u64) {
    const LOW_BITS: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let eight = <[u8; 8]>::try_from(chunk).unwrap_or_else(|_| {
        let mut padded = [0; 8];
        padded[..chunk.len()].copy_from_slice(chunk);
        padded
    });
    let word = u64::from_le_bytes(eight);
    let low = word & LOW_BITS;
    // In each byte, the high bit of the sums tells "at least b'A'" and "past b'Z'"; no
    // sum carries into the next byte, and the word's own high bits mark non-ASCII bytes.
    let from_a = low + 0x3f3f_3f3f_3f3f_3f3f;
    let past_z = low + 0x2525_2525_2525_2525;
    // The padding is no full stop.
    let stops = zero_bytes(word ^ (ONES * u64::from(b'.')));
    (from_a & !past_z & !word & !LOW_BITS, stops)
}

/// The matches of a pattern in `text`, for a pattern whose matches hold no ASCII white
/// space and one of the positions `hints` gives in increasing order. `matches_in` pushes
/// the pattern's matches in a word onto a vector, moved by where the word starts.
///
/// Only the words (runs without ASCII white space) around the hints are searched. A word
/// is bounded by white space, which no `\b` tells from the text's ends, so its matches
/// are those the whole text has there.
fn find_in_words(
    text: &str,
    hints: impl Iterator<Item = usize>,
    matches_in: impl Fn(&str, usize, &mut Vec<Span>),
) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut searched = 0;
    for hint in hints {
        if hint < searched {
            continue;
        }
        let start = bytes[..hint]
            .iter()
            .rposition(u8::is_ascii_whitespace)
            .map_or(0, |i| i + 1);
        let end = bytes[hint..]
            .iter()
            .position(u8::is_ascii_whitespace)
            .map_or(text.len(), |i| hint + i);
        matches_in(&text[start..end], start, &mut found);
        searched = end;
    }
    found
}

/// Pushes onto `found` the matches of `pattern` in `word`, moved by `offset`.
fn pattern_matches(pattern: &Pattern, word: &str, offset: usize, found: &mut Vec<Span>) {
    found.extend(
        pattern
            .find_iter(word)
            .map(|m| Span::new(offset + m.start(), offset + m.end())),
    );
}

/// Whether every character of `word` is ASCII or a word break (see [`starts_with_break`]):
/// typographic quotes and dashes are no word characters for `\b`, as ASCII punctuation
/// is not, so the patterns' matches in such a word are read as in an ASCII word.
fn ascii_but_breaks(word: &str) -> bool {
    let bytes = word.as_bytes();
    let mut at = 0;
    while let Some(i) = bytes[at..].iter().position(|b| !b.is_ascii()) {
        let rest = &bytes[at + i..];
        if !starts_with_break(rest) {
            return false;
        }
        // A break is U+00A0, of two bytes, or one of three bytes.
        at += i + if rest[0] == 0xc2 { 2 } else { 3 };
    }
    true
}

/// [`pattern_matches`] for CAMEL. An ASCII word, nearly every one, is read without the
/// regex engine, whose set-up costs more than such a word (and so is one whose other
/// characters are breaks, see [`ascii_but_breaks`]): every byte of a match is an
/// ASCII letter or digit, so a match is bounded by `\b` on both sides exactly when it is
/// a whole run of word bytes (letters, digits, `_`), and it is one where the run has one
/// of CAMEL's shapes.
fn camel_matches(word: &str, offset: usize, found: &mut Vec<Span>) {
    if !ascii_but_breaks(word) {
        pattern_matches(&CAMEL, word, offset, found);
        return;
    }
    let bytes = word.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        let len = bytes[start..]
            .iter()
            .take_while(|&&b| is_ascii_word_byte(b))
            .count();
        let end = start + len;
        if has_camel_shape(&bytes[start..end]) {
            found.push(Span::new(offset + start, offset + end));
        }
        start = end + 1;
    }
}

/// [`pattern_matches`] for DOTTED. An ASCII word, nearly every one, is read without the
/// regex engine, as [`camel_matches`] reads one (and so is one whose other characters
/// are breaks, see [`ascii_but_breaks`]): a match starts at a letter that no word
/// byte (letter, digit, `_`) comes right before, goes on over word bytes and `-`, which
/// hold no full stop, so that a full stop must follow them all, and ends with one of
/// [`DOTTED_SUFFIXES`] that no word byte follows. Where a start fails, the search goes
/// on from the next byte, as the regex's does.
fn dotted_matches(word: &str, offset: usize, found: &mut Vec<Span>) {
    if !ascii_but_breaks(word) {
        pattern_matches(&DOTTED, word, offset, found);
        return;
    }
    let bytes = word.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        let end = (bytes[start].is_ascii_alphabetic()
            && !start
                .checked_sub(1)
                .is_some_and(|i| is_ascii_word_byte(bytes[i])))
        .then(|| dotted_name_end(bytes, start))
        .flatten()
        .filter(|&end| !bytes.get(end).is_some_and(|&b| is_ascii_word_byte(b)));
        match end {
            Some(end) => {
                found.push(Span::new(offset + start, offset + end));
                start = end;
            }
            None => start += 1,
        }
    }
}

/// Where a dotted name starting at `start` ends, after its full stop and suffix, if the
/// run of word bytes and `-` from there ends with them.
fn dotted_name_end(bytes: &[u8], start: usize) -> Option<usize> {
    let stop = start
        + 1
        + bytes[start + 1..]
            .iter()
            .take_while(|&&b| is_ascii_word_byte(b) || b == b'-')
            .count();
    let rest = bytes[stop..].strip_prefix(b".")?;
    DOTTED_SUFFIXES
        .iter()
        .find(|suffix| rest.starts_with(suffix.as_bytes()))
        .map(|suffix| stop + 1 + suffix.len())
}

/// Whether the whole of `run` matches CAMEL without its `\b`: "CherryPy" (a capital, a
/// lower-case letter or digit, and a capital later), "iPhone" (lower case, a capital and
/// a lower-case letter after it) or "QAWorkbench" (two capitals or more, then two
/// lower-case letters). The first two bytes tell which shape alone may fit.
fn has_camel_shape(run: &[u8]) -> bool {
    let letters = || run.iter().all(u8::is_ascii_alphabetic);
    let lower = |i: usize| run.get(i).is_some_and(u8::is_ascii_lowercase);
    match run {
        [first, second, rest @ ..]
            if first.is_ascii_uppercase()
                && (second.is_ascii_lowercase() || second.is_ascii_digit()) =>
        {
            rest.iter().any(u8::is_ascii_uppercase) && run.iter().all(u8::is_ascii_alphanumeric)
        }
        [first, second, ..] if first.is_ascii_uppercase() && second.is_ascii_uppercase() => {
            letters()
                && run
                    .iter()
                    .position(|b| !b.is_ascii_uppercase())
                    .is_some_and(|i| lower(i) && lower(i + 1))
        }
        [first, ..] if first.is_ascii_lowercase() => {
            letters()
                && run
                    .iter()
                    .position(u8::is_ascii_uppercase)
                    .is_some_and(|i| lower(i + 1))
        }
        _ => false,
    }
}

static CODE_HOST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^https?://(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)/[^/\s]+/([A-Za-z0-9_.-]+)|^https?://(?:pypi\.org/project|pypi\.python\.org/pypi|www\.npmjs\.com/package|npmjs\.com/package|crates\.io/crates|rubygems\.org/gems|pkg\.go\.dev/(?:github\.com/[^/]+)?|hex\.pm/packages)/([A-Za-z0-9_.@/-]+?)/?$")
        .expect("code host pattern")
});

/// Adjectives and generic words that a noun cue can pick up but that name nothing.
const GENERIC: &[&str] = &[
    "new",
    "old",
    "same",
    "whole",
    "entire",
    "other",
    "main",
    "core",
    "standard",
    "first",
    "second",
    "last",
    "next",
    "own",
    "best",
    "great",
    "good",
    "small",
    "big",
    "little",
    "simple",
    "web",
    "mobile",
    "open",
    "source",
    "python",
    "official",
    "popular",
    "whole",
    "single",
    "basic",
    "default",
    "local",
    "actual",
    "real",
    "native",
    "current",
    "final",
    "demo",
    "sample",
    "example",
    "test",
    "testing",
    "this",
    "that",
    "my",
    "your",
    "django",
    "javascript",
    "ruby",
    "rust",
    "go",
    "java",
    "node",
    "blog",
    "admin",
    "one",
    "two",
];

/// Whether a surface, lower-cased by [`lower_key`], is one of [`GENERIC`]; a set, since
/// every name found is looked up, and most are none of them.
fn is_generic(lower: &[u8]) -> bool {
    static SET: LazyLock<WordSet> =
        LazyLock::new(|| GENERIC.iter().map(|g| g.as_bytes().into()).collect());
    SET.contains(lower)
}

/// [`is_generic`] for a word not yet lower-cased.
fn is_generic_word(word: &str) -> bool {
    is_generic(&lower_key(word, &mut [0; SHORT_WORD]))
}

/// Finds project mentions, given the days already found, the gazetteer's hits (see
/// [`crate::rules::Rules::project_hits`]) and the blockers' spans (places,
/// organisations, conferences; in text order).
pub fn find(
    ctx: &Context,
    days: &[Mention],
    hits: Vec<ProjectHit>,
    blockers: &[Span],
) -> Vec<Mention> {
    let text = ctx.text;
    let rules = ctx.rules;
    // A hit is a mention at most; the names discovered after them are pushed on.
    let mut found: Vec<Mention> = Vec::with_capacity(hits.len());
    // A post that names several unambiguous projects is about software, so an ambiguous
    // name in it counts unless it heads a longer proper name ("the Rust Belt").
    let mut plain: Vec<usize> = hits
        .iter()
        .filter(|h| !rules.project(h.project).context)
        .map(|h| h.project)
        .collect();
    plain.sort_unstable();
    plain.dedup();
    let software_post = plain.len() >= 3;
    let mut sentence_hits = SentenceHits::default();
    for hit in hits {
        let span = Span::new(hit.start, hit.end);
        let entry = rules.project(hit.project);
        // A lower-case everyday word ("clap") needs a software sentence of its own. The
        // sentence is read last, only where the cheaper tests leave the hit in doubt.
        let capitalized = span.slice(text).starts_with(char::is_uppercase);
        if entry.context
            && (!software_post || !capitalized || starts_proper_name(text, span))
            && !software_context(ctx, span, hit.project, &mut sentence_hits)
        {
            continue;
        }
        if overlapping_spans(blockers, span)
            .iter()
            .any(|b| b.contains(span) && b.len() > span.len())
        {
            continue;
        }
        found.push(mention(span, entry.name.clone(), "project/gazetteer"));
    }
    // "use Django Signals": a name the gazetteer found is not read longer.
    let used: Vec<Span> = used_names(text)
        .into_iter()
        .filter(|&span| overlapping(&found, span).is_empty())
        .filter_map(|span| used_name(text, span, rules))
        .collect();
    let mut add = |span: Span, rule: &'static str| {
        let surface = span.slice(text);
        if surface.is_empty() {
            return;
        }
        // Lower-cased once for the three look-ups by it.
        let mut buffer = [0; SHORT_WORD];
        let lower = lower_key(surface, &mut buffer);
        if is_generic(&lower)
            || rules.is_non_person_word(surface) && !rule.ends_with("link")
            || rules.is_blocker_lower(&lower)
            || !overlapping_spans(blockers, span).is_empty()
            || !overlapping(days, span).is_empty()
        {
            return;
        }
        let name = rules
            .project_named_lower(&lower)
            .map_or_else(|| surface.to_string(), |i| rules.project(i).name.clone());
        found.push(mention(span, name, rule));
    };
    let (camel_hints, dotted_hints) = name_hints(text);
    for m in find_in_words(text, camel_hints.into_iter(), camel_matches) {
        // The cue is a few words and spaces: look back a bounded way, not to the post's start.
        let org =
            ORG_BEFORE.matches_before(text, m.start, 256) || GROUP_AFTER.is_match(&text[m.end..]);
        if !org && !camel_is_person(text, m.start) && !starts_with_function_word(m.slice(text)) {
            add(m, "project/camel-case");
        }
    }
    for m in find_in_words(text, dotted_hints.into_iter(), dotted_matches) {
        add(m, "project/dotted-name");
    }
    let cued = cue_words_in(text);
    for (re, rule) in [
        (&*NOUN_CUE, "project/noun-cue"),
        (&*PAREN_CUE, "project/paren-cue"),
        (&*API_CUE, "project/api-cue"),
    ]
    .into_iter()
    .zip(cued)
    .filter_map(|(cue, cued)| cued.then_some(cue))
    {
        for c in re.captures_iter(text) {
            let g = c.get(1).expect("group 1");
            let mut span = Span::new(g.start(), g.end());
            // "a large Express app": a lower-case adjective before a name is no part of it.
            if let Some((first, _)) = g.as_str().split_once([' ', '\t']) {
                if first.chars().all(char::is_lowercase) {
                    span.start += first.len() + 1;
                }
            }
            // "a Sprockets-heavy app": the name without its suffix.
            if let Some((base, suffix)) = span.slice(text).rsplit_once('-') {
                if suffix.chars().all(char::is_lowercase)
                    && !base.is_empty()
                    && base.chars().next().is_some_and(char::is_uppercase)
                {
                    span.end = span.start + base.len();
                }
            }
            let surface = span.slice(text);
            let lower_word = surface.chars().all(|ch| ch.is_lowercase() || ch == '_');
            if lower_word && !lowercase_ok(c.get(2).map_or("", |n| n.as_str())) {
                continue;
            }
            add(span, rule);
        }
    }
    for span in used {
        add(span, "project/used-with");
    }
    for span in listed_tools(ctx) {
        add(span, "project/tool-list");
    }
    // Inline code is mostly identifiers (`time.sleep`, `setUp`); a hyphenated lower-case
    // name (`pytest-asyncio`, `django-debug-toolbar`) is a package.
    for code in &ctx.doc.code_spans {
        let s = code.slice(text);
        let package = s.len() <= 40
            && s.contains('-')
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !s.starts_with('-')
            && !s.ends_with('-');
        if package {
            add(*code, "project/code-span");
        }
    }
    for link in &ctx.doc.links {
        if let Some(c) = CODE_HOST.captures(&link.target) {
            let target = c.get(1).or(c.get(2)).map_or("", |g| g.as_str());
            let target = target
                .trim_end_matches(".git")
                .rsplit('/')
                .next()
                .unwrap_or("");
            let shown = link.span.slice(text);
            if !target.is_empty() && shown.to_lowercase().contains(&target.to_lowercase()) {
                let at = shown
                    .to_lowercase()
                    .find(&target.to_lowercase())
                    .unwrap_or(0);
                add(
                    Span::new(link.span.start + at, link.span.start + at + target.len()),
                    "project/code-host-link",
                );
            }
        }
    }
    resolve_overlaps(found, |m| u8::from(m.rule != "project/gazetteer"))
}

/// "Tools I want to try:" over a list: the name each item opens with ("- Tilt for
/// local dev loops", "- k9s, which everyone uses").
fn listed_tools(ctx: &Context) -> Vec<Span> {
    static INTRO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:tools?|librar(?:y|ies)|projects?|frameworks?|packages?|crates?|gems?|plugins?|extensions?|apps|stack|dependencies|software)\b")
            .expect("tool list intro")
    });
    let text = ctx.text;
    let lines = &ctx.tokens.lines;
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let intro = line.span.slice(text).trim_end();
        if !intro.ends_with(':')
            || intro.split_whitespace().nth(12).is_some()
            || !INTRO.is_match(intro)
        {
            continue;
        }
        // The list may open after a blank line, and runs while its lines are items.
        let first = (i + 1..lines.len()).find(|&j| lines[j].paragraph.is_some());
        for item in first.into_iter().flat_map(|j| lines[j..].iter()) {
            let Some(line) = trim_span(text, item.span) else {
                break;
            };
            let body = strip_list_marker(text, line);
            if body.start == line.start {
                break;
            }
            found.extend(item_name(text, body));
        }
    }
    found
}

/// The name a tool list's item opens with: a word and the capitalised words after it,
/// followed by a break ("Tilt for local dev loops", "Pixie: tracing"). A lower-case
/// first word needs the shape of a name ("k9s", "pre-commit"): "lots to learn" names
/// nothing.
fn item_name(text: &str, item: Span) -> Option<Span> {
    let s = item.slice(text);
    let word = |w: &str| {
        let end = w
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '.' | '_' | '+' | '#')))
            .unwrap_or(w.len());
        // A full stop or a hyphen at its end is no part of the name.
        w[..end].trim_end_matches(['.', '-']).len()
    };
    let first = &s[..word(s)];
    if !first.starts_with(char::is_alphanumeric) {
        return None;
    }
    let name_shaped = first
        .chars()
        .any(|c| c.is_ascii_digit() || matches!(c, '-' | '.' | '_'));
    if first.starts_with(char::is_lowercase) && !name_shaped {
        return None;
    }
    let mut end = first.len();
    for _ in 1..3 {
        let Some(next) = s[end..]
            .strip_prefix(' ')
            .filter(|r| r.starts_with(char::is_uppercase))
        else {
            break;
        };
        end += 1 + word(next);
    }
    let after = s[end..].trim_start();
    let breaks = after.is_empty()
        || after.starts_with([',', ':', '(', '-', '–', '—', ';'])
        || [
            "for ", "to ", "which ", "is ", "as ", "instead ", "and ", "with ",
        ]
        .iter()
        .any(|w| after.starts_with(w));
    breaks.then(|| Span::new(item.start, item.start + end))
}

/// A talk named by nothing but a proper name ("the “Pinax” talk", "the Eve Online
/// talk") is about that thing, and in a recap that thing is nearly always software.
pub fn talk_topics(
    ctx: &Context,
    talks: &[super::TalkMention],
    projects: &[Mention],
    persons: &[Mention],
) -> Vec<Mention> {
    let text = ctx.text;
    let rules = ctx.rules;
    let mut out: Vec<Mention> = Vec::new();
    // The spans of `out`, which never overlap: the last one starting before a span's end
    // is the only one that can overlap it.
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    for t in talks {
        if !matches!(t.rule, "talk/quoted-title" | "talk/the-x-talk") || !t.speakers.is_empty() {
            continue;
        }
        let words: Vec<&str> = t.title.split_whitespace().collect();
        let proper = |w: &&str| {
            let mut c = w.chars();
            c.next().is_some_and(char::is_uppercase) && c.any(char::is_lowercase)
        };
        if words.is_empty() || words.len() > 2 || !words.iter().all(proper) {
            continue;
        }
        let Some(at) = t.span.slice(text).find(t.title.as_str()) else {
            continue;
        };
        let span = Span::new(t.span.start + at, t.span.start + at + t.title.len());
        let known_word = words.iter().any(|w| {
            rules.is_non_person_word(w)
                || rules.is_given_name(w)
                || rules.is_ambiguous_given_name(w)
        });
        if known_word
            || rules.is_blocker(&t.title)
            || crate::extract::talks::kind_of(ctx, &t.title).is_some()
            || !overlapping(projects, span).is_empty()
            || !overlapping(persons, span).is_empty()
            || taken
                .range(..span.end)
                .next_back()
                .is_some_and(|(_, &end)| span.start < end)
        {
            continue;
        }
        taken.insert(span.start, span.end);
        out.push(mention(span, t.title.clone(), "project/talk-topic"));
    }
    out
}

/// A talk titled "Numba: A Dynamic Python compiler" is about a project named Numba (see
/// [`described_lead`]).
pub fn described_title_leads(
    ctx: &Context,
    talks: &[super::TalkMention],
    projects: &[Mention],
    persons: &[Mention],
) -> Vec<Mention> {
    let rules = ctx.rules;
    let mut out = Vec::new();
    for t in talks.iter().filter(|t| !t.reference) {
        let Some(lead) = described_lead(&t.title) else {
            continue;
        };
        let Some(at) = t.span.slice(ctx.text).find(t.title.as_str()) else {
            continue;
        };
        let start = t.span.start + at;
        let span = Span::new(start, start + lead.len());
        let lists = rules.word_lists(lead);
        if is_generic_word(lead)
            || lists.is_non_person_word()
            || lists.is_given_name()
            || lists.is_ambiguous_given_name()
            || rules.is_blocker(lead)
            || crate::extract::talks::kind_of(ctx, lead).is_some()
            || !overlapping(projects, span).is_empty()
            || !overlapping(persons, span).is_empty()
        {
            continue;
        }
        out.push(mention(span, lead.to_owned(), "project/title-lead"));
    }
    out
}

/// The name that opens `title` when the rest describes it as software: "Numba: A Dynamic
/// Python compiler for Science", "Wrenly - a language for poets". One word, a colon or a
/// spaced dash, an article, and one of [`TITLE_LEAD_NOUNS`] within [`TITLE_LEAD_WORDS`]
/// words.
fn described_lead(title: &str) -> Option<&str> {
    let is_lead_char = |c: char| c.is_alphanumeric() || matches!(c, '.' | '+' | '#');
    // Every talk's title is read here, and nearly every first word is ASCII.
    let ascii_end = title
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'.' | b'+' | b'#')))
        .unwrap_or(title.len());
    let lead_end = if title
        .as_bytes()
        .get(ascii_end)
        .is_some_and(|b| !b.is_ascii())
    {
        title[ascii_end..]
            .find(|c: char| !is_lead_char(c))
            .map_or(title.len(), |i| ascii_end + i)
    } else {
        ascii_end
    };
    let lead = &title[..lead_end];
    if !lead.starts_with(char::is_alphabetic) {
        return None;
    }
    // Titles are single-spaced: the separator is read from the bytes after the word.
    let bytes = title.as_bytes();
    let sep = lead_end + bytes[lead_end..].iter().take_while(|&&b| b == b' ').count();
    let spaced = sep > lead_end;
    let rest = match bytes.get(sep) {
        Some(b':') => &title[sep + 1..],
        Some(b'-') if spaced => &title[sep + 1..],
        Some(0xE2) if spaced => title[sep..].strip_prefix(['–', '—'])?,
        _ => return None,
    };
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let mut words = rest.split_whitespace();
    let article = words.next()?;
    if !["a", "an", "the"]
        .iter()
        .any(|a| article.eq_ignore_ascii_case(a))
    {
        return None;
    }
    for word in words.take(TITLE_LEAD_WORDS) {
        let bare = word.trim_end_matches(|c: char| !c.is_alphanumeric());
        let lower = bare.to_lowercase();
        let singular = lower.strip_suffix('s').unwrap_or(&lower);
        if TITLE_LEAD_NOUNS.contains(&lower.as_str()) || TITLE_LEAD_NOUNS.contains(&singular) {
            return Some(lead.trim_end_matches('.'));
        }
        if bare.len() < word.len() {
            return None;
        }
    }
    None
}

/// "Flight.js", then "Flight's design": a post that names a project by a dotted name the
/// gazetteer lacks calls it by the stem too. Each capitalized stem standing on its own,
/// inside a sentence, is a mention of it, and all of them are named by the form the post
/// uses more (the dotted one on a tie). Adds to `projects` and keeps them in text order.
pub fn dotted_stems(ctx: &Context, projects: &mut Vec<Mention>, persons: &[Mention]) {
    let text = ctx.text;
    let rules = ctx.rules;
    let mut dotted: Vec<&str> = projects
        .iter()
        .filter(|m| m.rule == "project/dotted-name")
        .map(|m| m.name.as_str())
        .collect();
    if dotted.is_empty() {
        return;
    }
    dotted.sort_unstable();
    dotted.dedup();
    let mut renamed: Vec<(String, String)> = Vec::new();
    let mut stems: Vec<Mention> = Vec::new();
    for name in dotted {
        let Some((stem, _)) = name.rsplit_once('.') else {
            continue;
        };
        let lists = rules.word_lists(stem);
        if !stem.starts_with(char::is_uppercase)
            || is_generic_word(stem)
            || lists.is_non_person_word()
            || lists.is_given_name()
            || rules.is_blocker(stem)
        {
            continue;
        }
        let found: Vec<Span> = memchr::memmem::find_iter(text.as_bytes(), stem.as_bytes())
            .map(|at| Span::new(at, at + stem.len()))
            .filter(|&span| {
                stands_alone(text, span)
                    && !starts_sentence(ctx, span)
                    && overlapping(projects, span).is_empty()
                    && overlapping(persons, span).is_empty()
            })
            .collect();
        if found.is_empty() {
            continue;
        }
        let uses = projects.iter().filter(|m| m.name == name).count();
        let chosen = if found.len() > uses { stem } else { name };
        renamed.push((name.to_owned(), chosen.to_owned()));
        stems.extend(
            found
                .into_iter()
                .map(|span| mention(span, chosen.to_owned(), "project/dotted-stem")),
        );
    }
    for m in projects.iter_mut() {
        if let Some((_, chosen)) = renamed.iter().find(|(name, _)| *name == m.name) {
            m.name.clone_from(chosen);
        }
    }
    add_in_text_order(projects, stems);
}

/// Whether the word at `span` stands on its own: no letter, digit, `_`, `-` or joining
/// full stop ("Flight.js") on either side.
fn stands_alone(text: &str, span: Span) -> bool {
    let joins = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-');
    let before = text[..span.start].chars().next_back();
    let mut after = text[span.end..].chars();
    let next = after.next();
    let joined_before = before.is_some_and(|c| joins(c) || c == '.');
    let joined_after = next.is_some_and(joins)
        || next == Some('.') && after.next().is_some_and(char::is_alphanumeric);
    !joined_before && !joined_after
}

/// Whether `span` opens its sentence, where any word is capitalized.
fn starts_sentence(ctx: &Context, span: Span) -> bool {
    ctx.tokens
        .sentence_at(span.start)
        .is_some_and(|i| ctx.tokens.sentences[i].span.start == span.start)
}

/// Names listed beside a known project ("spaCy and Quuxly", "Nomad, Zorbly, etc.") are
/// projects too: a recap lists like with like. A list needs "and", "or" or a closing
/// "etc." (a comma alone also joins clauses), or else to be three items or more that
/// fill a pair of brackets ("(Vue.js, zorbRTC, Frob.io)"), and is left alone as a whole
/// where one of its items is a person, place, organisation or day, as then it mixes
/// kinds. An item that is an everyday word or could start the sentence ends the list
/// there. Adds to `projects` and keeps them in text order.
pub fn listed_with_projects(
    ctx: &Context,
    projects: &mut Vec<Mention>,
    persons: &[Mention],
    days: &[Mention],
    blockers: &[Span],
) {
    let mut out = Vec::new();
    let mut walked_to = 0;
    for known in projects.iter() {
        if known.span.start < walked_to || !may_join_list(ctx.text.as_bytes(), known.span) {
            continue;
        }
        let list = ListWalk::around(ctx, projects, persons, days, blockers, known.span);
        walked_to = list.end;
        if list.mixed
            || !(list.coordinated || list.etc || list.parenthesized(ctx.text))
            || list.title_case(ctx)
        {
            continue;
        }
        out.extend(
            list.new_items
                .into_iter()
                .map(|span| mention(span, span.slice(ctx.text).to_owned(), "project/listed-with")),
        );
    }
    add_in_text_order(projects, out);
}

/// Adds `found` to `projects`, which stay in text order.
fn add_in_text_order(projects: &mut Vec<Mention>, found: Vec<Mention>) {
    if !found.is_empty() {
        projects.extend(found);
        projects.sort_by_key(|m| m.span.start);
    }
}

/// The items of a list found around one known project (see [`listed_with_projects`]).
struct ListWalk {
    /// Items that are no known project, in text order.
    new_items: Vec<Span>,
    /// Every item's span, known or new.
    items: Vec<Span>,
    /// Where the first item starts.
    start: usize,
    /// Where the last item ends.
    end: usize,
    /// Joined by "and" or "or" somewhere.
    coordinated: bool,
    /// Closed by ", etc".
    etc: bool,
    /// An item names something other than software.
    mixed: bool,
}

/// What an item of a list that is no known project turns out to be.
enum ListItem {
    /// A name the list makes a project.
    Project,
    /// Not a name: the list ends before it.
    End,
    /// A name of another kind: the list is not one of projects.
    OtherKind,
}

impl ListWalk {
    fn around(
        ctx: &Context,
        projects: &[Mention],
        persons: &[Mention],
        days: &[Mention],
        blockers: &[Span],
        known: Span,
    ) -> ListWalk {
        let text = ctx.text;
        let mut walk = ListWalk {
            new_items: Vec::new(),
            items: vec![known],
            start: known.start,
            end: known.end,
            coordinated: false,
            etc: false,
            mixed: false,
        };
        let classify = |span: Span| classify_list_item(ctx, span, persons, days, blockers);
        // Leftwards, then rightwards, from the known project.
        let mut at = known.start;
        while let Some((sep_start, coordinator)) = separator_before(text, at) {
            let known = projects
                .get(projects.partition_point(|m| m.span.end < sep_start))
                .filter(|m| m.span.end == sep_start)
                .map(|m| m.span);
            let Some(item) = walk.next_item(known, || item_before(text, sep_start), classify)
            else {
                break;
            };
            walk.coordinated |= coordinator;
            walk.items.push(item);
            walk.start = item.start;
            at = item.start;
        }
        walk.new_items.reverse();
        let mut at = known.end;
        while let Some((sep_end, coordinator)) = separator_after(text, at) {
            if !coordinator && text[sep_end..].starts_with("etc") {
                walk.etc = !text[sep_end + 3..].starts_with(char::is_alphanumeric);
                break;
            }
            let known = super::starting_at(projects, sep_end).map(|m| m.span);
            let Some(item) = walk.next_item(known, || item_after(text, sep_end), classify) else {
                break;
            };
            walk.coordinated |= coordinator;
            walk.items.push(item);
            walk.end = item.end;
            at = item.end;
        }
        walk
    }

    /// The list's next item: a known project's span, else the name `read` finds there if
    /// the list makes it a project. `None` ends the walk, and marks the list mixed where
    /// a name of another kind stands there.
    fn next_item(
        &mut self,
        known: Option<Span>,
        read: impl FnOnce() -> Option<Span>,
        classify: impl Fn(Span) -> ListItem,
    ) -> Option<Span> {
        if known.is_some() {
            return known;
        }
        let span = read()?;
        match classify(span) {
            ListItem::Project => {
                self.new_items.push(span);
                Some(span)
            }
            ListItem::End => None,
            ListItem::OtherKind => {
                self.mixed = true;
                None
            }
        }
    }

    /// Whether the list is three items or more that fill a pair of brackets, where
    /// commas list things rather than join clauses.
    fn parenthesized(&self, text: &str) -> bool {
        self.items.len() >= 3
            && text[..self.start].trim_end().ends_with('(')
            && text[self.end..].trim_start().starts_with(')')
    }

    /// Whether the list stands in title-cased text ("Testing Django and Friends"), where
    /// a capital tells nothing: most of the other longer words of its quote, or else of
    /// its sentence, are capitalized.
    fn title_case(&self, ctx: &Context) -> bool {
        let tokens = ctx.tokens;
        let first = self.items[0].start;
        let Some(sentence) = tokens.sentence_at(first) else {
            return false;
        };
        let quote = tokens.quotes[..tokens.quotes.partition_point(|q| q.inner.start <= first)]
            .last()
            .map(|q| q.inner)
            .filter(|inner| inner.end >= self.end);
        let (mut capitalized, mut others) = (0, 0);
        for word in tokens.sentence_words(sentence) {
            let surface = word.span.slice(ctx.text);
            if surface.chars().count() < 4
                || !surface.starts_with(char::is_alphabetic)
                || quote.is_some_and(|inner| !inner.contains(word.span))
                || self.items.iter().any(|item| item.contains(word.span))
            {
                continue;
            }
            if surface.starts_with(char::is_uppercase) {
                capitalized += 1;
            } else {
                others += 1;
            }
        }
        capitalized > others
    }
}

/// What the list item at `span`, no known project, is (see [`ListItem`]).
fn classify_list_item(
    ctx: &Context,
    span: Span,
    persons: &[Mention],
    days: &[Mention],
    blockers: &[Span],
) -> ListItem {
    let rules = ctx.rules;
    let surface = span.slice(ctx.text);
    let mut words = surface.split(' ');
    let first = words.next().unwrap_or(surface);
    let one_word = words.next().is_none();
    let first_lists = rules.word_lists(first);
    if !overlapping(persons, span).is_empty()
        || !overlapping(days, span).is_empty()
        || !overlapping_spans(blockers, span).is_empty()
        || rules.is_blocker(surface)
        || first_lists.is_honorific()
        // Two capitalized words starting with a given name are a person's name.
        || first_lists.is_given_name() && (one_word || !first_lists.is_ambiguous_given_name())
    {
        return ListItem::OtherKind;
    }
    let everyday = |word: &str| {
        let lists = rules.word_lists(word);
        is_generic_word(word) || lists.is_non_person_word() || lists.is_ambiguous_given_name()
    };
    if starts_sentence(ctx, span)
        || !surface.split(' ').all(has_name_shape)
        || !one_word
            && surface
                .split(' ')
                .any(|w| JOINING_WORDS.iter().any(|j| w.eq_ignore_ascii_case(j)))
        || surface.split(' ').all(everyday)
        || crate::extract::talks::kind_of(ctx, surface).is_some()
    {
        return ListItem::End;
    }
    ListItem::Project
}

/// Words that join the words of a title but stand in no name of a listed project.
const JOINING_WORDS: [&str; 14] = [
    "a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with",
];

/// Whether `word` is written as a name: a capital and then a lower-case letter
/// somewhere ("Quuxly", "FrobServer"), or lower case with a capital or a digit
/// inside ("zorbRTC", "fastText"). Capitals alone ("IBM") are as often an organisation.
fn has_name_shape(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if first.is_uppercase() {
        word.chars().any(char::is_lowercase)
    } else {
        first.is_lowercase() && chars.any(|c| c.is_uppercase() || c.is_ascii_digit())
    }
}

/// Whether `c` may stand inside a list item: "Vue.js", "C++", "F#".
fn is_item_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '+' | '#')
}

/// The longest item, of up to [`MAX_ITEM_WORDS`] words, that starts at `start`: a word
/// (see [`item_word_after`]) and capitalized words after it, each after one space
/// ("Web Components").
fn item_after(text: &str, start: usize) -> Option<Span> {
    let mut item = item_word_after(text, start)?;
    for _ in 1..MAX_ITEM_WORDS {
        match text[item.end..]
            .strip_prefix(' ')
            .and_then(|_| item_word_after(text, item.end + 1))
            .filter(|next| next.slice(text).starts_with(char::is_uppercase))
        {
            Some(next) => item.end = next.end,
            None => break,
        }
    }
    Some(item)
}

/// The longest item that ends at `end` (see [`item_after`]).
fn item_before(text: &str, end: usize) -> Option<Span> {
    let mut item = item_word_before(text, end)?;
    for _ in 1..MAX_ITEM_WORDS {
        if !item.slice(text).starts_with(char::is_uppercase) {
            break;
        }
        match text[..item.start]
            .strip_suffix(' ')
            .and_then(|_| item_word_before(text, item.start - 1))
            .filter(|previous| previous.slice(text).starts_with(char::is_uppercase))
        {
            Some(previous) => item.start = previous.start,
            None => break,
        }
    }
    Some(item)
}

/// The most words a listed name is read as: "Google Speech API".
const MAX_ITEM_WORDS: usize = 3;

/// The word that starts at `start`: letters and digits, with full stops between them
/// and "+" or "#" at the end ("Vue.js", "C++"), bounded by neither a word character nor
/// a hyphen.
fn item_word_after(text: &str, start: usize) -> Option<Span> {
    let rest = &text[start..];
    let mut end = rest.find(|c: char| !is_item_char(c)).unwrap_or(rest.len());
    end = rest[..end].trim_end_matches('.').len();
    let item = &rest[..end];
    let bounded = !rest[end..].starts_with(['-', '_', '/', '@']);
    (item.starts_with(char::is_alphabetic) && bounded).then(|| Span::new(start, start + end))
}

/// The word that ends at `end` (see [`item_word_after`]).
fn item_word_before(text: &str, end: usize) -> Option<Span> {
    let head = &text[..end];
    let start = head.rfind(|c: char| !is_item_char(c)).map_or(0, |i| {
        i + head[i..].chars().next().map_or(1, char::len_utf8)
    });
    let item = &head[start..];
    let bounded = !head[..start].ends_with(['-', '_', '/', '@']);
    (item.starts_with(char::is_alphabetic) && !item.ends_with('.') && bounded)
        .then(|| Span::new(start, end))
}

/// Whether a list separator (see [`separator_after`]) may stand right before or after
/// `span`, by the two bytes on each side: every known project is asked, and few are
/// followed by a comma or stand beside "and" or "or".
fn may_join_list(bytes: &[u8], span: Span) -> bool {
    let after = (bytes.get(span.end), bytes.get(span.end + 1));
    let joins_after = matches!(
        after,
        (Some(b','), _) | (Some(b' ' | b'\t'), Some(b'a' | b'o' | b' ' | b'\t'))
    );
    let before = (
        span.start.checked_sub(2).map(|i| bytes[i]),
        span.start.checked_sub(1).map(|i| bytes[i]),
    );
    let joins_before = matches!(
        before,
        (Some(b'd' | b'r' | b',' | b' ' | b'\t'), Some(b' ' | b'\t'))
    );
    joins_after || joins_before
}

/// The list separator starting at `at` (", ", " and ", ", or ", …, on one line): where
/// it ends, and whether it holds "and" or "or". Every known project is asked, so the
/// separator is read from its bytes.
fn separator_after(text: &str, at: usize) -> Option<(usize, bool)> {
    let bytes = text.as_bytes();
    let comma = bytes.get(at) == Some(&b',');
    let spaced = at + usize::from(comma);
    let words = skip_blanks(bytes, spaced);
    if words == spaced {
        return None;
    }
    for coordinator in [&b"and"[..], b"or"] {
        if bytes[words..].starts_with(coordinator) {
            let after = words + coordinator.len();
            let next = skip_blanks(bytes, after);
            if next > after {
                return Some((next, true));
            }
        }
    }
    comma.then_some((words, false))
}

/// The list separator ending at `at` (see [`separator_after`]): where it starts, and
/// whether it holds "and" or "or".
fn separator_before(text: &str, at: usize) -> Option<(usize, bool)> {
    let bytes = text.as_bytes();
    let words = skip_blanks_back(bytes, at);
    if words == at {
        return None;
    }
    for coordinator in [&b"and"[..], b"or"] {
        if bytes[..words].ends_with(coordinator) {
            let before = words - coordinator.len();
            let spaced = skip_blanks_back(bytes, before);
            if spaced < before {
                let start = if spaced > 0 && bytes[spaced - 1] == b',' {
                    spaced - 1
                } else {
                    spaced
                };
                return Some((start, true));
            }
            if before > 0 && bytes[before - 1] == b',' {
                return None;
            }
        }
    }
    words
        .checked_sub(1)
        .filter(|&comma| bytes[comma] == b',')
        .map(|comma| (comma, false))
}

/// Where the spaces and tabs from `at` end.
fn skip_blanks(bytes: &[u8], mut at: usize) -> usize {
    while matches!(bytes.get(at), Some(b' ' | b'\t')) {
        at += 1;
    }
    at
}

/// Where the spaces and tabs ending at `at` start.
fn skip_blanks_back(bytes: &[u8], mut at: usize) -> usize {
    while at > 0 && matches!(bytes[at - 1], b' ' | b'\t') {
        at -= 1;
    }
    at
}

fn mention(span: Span, name: String, rule: &'static str) -> Mention {
    Mention {
        kind: EntityKind::Project,
        span,
        name,
        rule,
    }
}

/// Whether a capitalized word follows, making the hit part of a longer name.
fn starts_proper_name(text: &str, span: Span) -> bool {
    // "a Monolith Iceberg": a capitalized word right before, inside a sentence.
    let before = text[..span.start].trim_end_matches(' ');
    let mut previous = before.rsplit(' ');
    let last = previous.next().unwrap_or("");
    let opener = previous
        .next()
        .is_none_or(|w| w.ends_with(['.', '!', '?', ':', '\n']));
    if text[..span.start].ends_with(' ')
        && !opener
        && last.chars().next().is_some_and(char::is_uppercase)
        && last.chars().all(char::is_alphabetic)
    {
        return true;
    }
    let rest = &text[span.end..];
    rest.starts_with(' ') && rest[1..].chars().next().is_some_and(char::is_uppercase)
        || text[..span.start].ends_with("the ")
            && rest.starts_with(' ')
            && rest[1..].chars().next().is_some_and(char::is_uppercase)
}

/// Lower-case names are taken only before nouns that only software has.
/// "using StreamData", "built with Leiningen", "they used fastText": the names after
/// [`USED_CUES`] that start a word. After the cue come spaces or tabs, perhaps "the",
/// then one capitalized word or a lower-case word with a digit in it, perhaps followed
/// by two more capitalized words; a name ends a search, as a pattern's match does.
fn used_names(text: &str) -> Vec<Span> {
    let mut names = Vec::new();
    let mut from = 0;
    for cue in USED_CUE_SEARCH.find_iter(text) {
        if cue.start() < from || is_word_before(text, cue.start()) {
            continue;
        }
        if let Some(name) = name_after_cue(text, cue.end()) {
            from = name.end;
            names.push(name);
        }
    }
    names
}

/// The name that [`used_names`] reads after a cue ending at `at`.
fn name_after_cue(text: &str, at: usize) -> Option<Span> {
    let start = blanks_end(text, at)?;
    let start = text[start..]
        .strip_prefix("the")
        .and_then(|_| blanks_end(text, start + 3))
        .filter(|&after| name_word_end(text, after).is_some())
        .unwrap_or(start);
    let mut end = name_word_end(text, start)?;
    for _ in 0..2 {
        let Some(next) = blanks_end(text, end) else {
            break;
        };
        match text.as_bytes().get(next) {
            Some(b) if b.is_ascii_uppercase() => end = word_run_end(text, next + 1, b"+#-"),
            _ => break,
        }
    }
    Some(Span::new(start, end))
}

/// The end of the spaces and tabs from `at`, if there is one at `at`.
fn blanks_end(text: &str, at: usize) -> Option<usize> {
    let end = skip_blanks(text.as_bytes(), at);
    (end > at).then_some(end)
}

/// The end of a name's first word at `at`: a capital and word characters, `+`, `#` or
/// `-`; or lower-case letters, a digit, and word characters or `-`.
fn name_word_end(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let first = *bytes.get(at)?;
    if first.is_ascii_uppercase() {
        return Some(word_run_end(text, at + 1, b"+#-"));
    }
    let letters = bytes[at..]
        .iter()
        .take_while(|b| b.is_ascii_lowercase())
        .count();
    (letters > 0 && bytes.get(at + letters).is_some_and(u8::is_ascii_digit))
        .then(|| word_run_end(text, at + letters + 1, b"-"))
}

/// The end of the run of word characters and `extra` bytes from `at`.
fn word_run_end(text: &str, mut at: usize, extra: &[u8]) -> usize {
    while let Some(&b) = text.as_bytes().get(at) {
        if extra.contains(&b) || is_word_at(text, at) {
            at += text[at..].chars().next().map_or(1, char::len_utf8);
        } else {
            break;
        }
    }
    at
}

/// The name that [`used_names`] read in `span`, or `None` where it is no software's:
/// without a pronoun or function word that ends it ("using Python I built …") and a
/// lower-case suffix ("QuickCheck-style"), opening with a word that is no everyday
/// word, given name or bare capital pair ("used ML").
fn used_name(text: &str, mut span: Span, rules: &crate::rules::Rules) -> Option<Span> {
    const ENDING: [&str; 12] = [
        "i", "we", "you", "he", "she", "they", "it", "and", "or", "but", "then", "so",
    ];
    while let Some((rest, last)) = span.slice(text).rsplit_once([' ', '\t']) {
        if !ENDING.iter().any(|w| last.eq_ignore_ascii_case(w)) {
            break;
        }
        span.end = span.start + rest.trim_end().len();
    }
    if let Some((base, suffix)) = span.slice(text).rsplit_once('-') {
        if !base.is_empty() && suffix.chars().all(char::is_lowercase) {
            span.end = span.start + base.len();
        }
    }
    let first = span.slice(text).split([' ', '\t']).next().unwrap_or("");
    let lists = rules.word_lists(first);
    let capitals = first.chars().filter(char::is_ascii_uppercase).count();
    let bare_capitals = capitals == first.len() && capitals <= 2;
    (!first.is_empty()
        && !bare_capitals
        && !ENDING.iter().any(|w| first.eq_ignore_ascii_case(w))
        && !lists.is_non_person_word()
        && !lists.is_given_name()
        && !lists.is_ambiguous_given_name()
        && !text[span.end..].starts_with(['\'', '’']))
    .then_some(span)
}

fn lowercase_ok(noun: &str) -> bool {
    matches!(
        noun,
        "module" | "library" | "package" | "gem" | "crate" | "plugin" | "extension"
    )
}

/// "aKeynote", "theTalk": an article or preposition run into a capitalized word is a
/// missed space, and "toString", "forEach", "onClick" name a program's functions: neither
/// is a project's name.
fn starts_with_function_word(word: &str) -> bool {
    const FUNCTION_WORDS: [&str; 11] = [
        "a", "an", "the", "and", "of", "to", "in", "on", "for", "with", "is",
    ];
    word.starts_with(|c: char| c.is_ascii_lowercase())
        && FUNCTION_WORDS.iter().any(|w| {
            word.strip_prefix(w)
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
        })
}

/// "McTavish", "MacDonald", "DeVries": camel case that belongs to a person's surname.
fn camel_is_person(text: &str, start: usize) -> bool {
    let word = &text[start..];
    let lower_prefix = [
        "de", "di", "da", "du", "van", "von", "le", "la", "mc", "mac",
    ]
    .iter()
    .any(|p| word.starts_with(p) && word[p.len()..].starts_with(|c: char| c.is_uppercase()));
    if lower_prefix {
        return true; // "Colin deVarenne"
    }
    [
        "Mc", "Mac", "De", "Di", "Da", "La", "Le", "Van", "Von", "O'",
    ]
    .iter()
    .any(|p| word.starts_with(p))
        && text[..start]
            .trim_end()
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphabetic())
}

/// The gazetteer hits of the sentence searched last. Hits are taken in text order, so
/// the ambiguous names of one sentence search it once between them.
#[derive(Default)]
struct SentenceHits {
    sentence: Option<usize>,
    hits: Vec<ProjectHit>,
}

/// Whether the sentence around `span` (a hit of `project`) is about software: a cue
/// word, another project, or code.
fn software_context(ctx: &Context, span: Span, project: usize, last: &mut SentenceHits) -> bool {
    let text = ctx.text;
    if ctx.doc.code_spans.iter().any(|c| c.contains(span))
        || ctx.doc.links.iter().any(|l| l.span.contains(span))
    {
        return true;
    }
    let Some(s) = ctx.tokens.sentence_at(span.start) else {
        return false;
    };
    let sentence = ctx.tokens.sentences[s].span;
    // "Go to the talk": an everyday verb at the start of a sentence.
    let before = &text[sentence.start..span.start];
    let after = &text[span.end..sentence.end.max(span.end)];
    if before.chars().all(|c| !c.is_alphanumeric()) && after.starts_with(" to ") {
        return false;
    }
    if version_after(after) {
        return true;
    }
    let words = ctx.tokens.sentence_words(s);
    if words
        .iter()
        .filter(|w| !w.span.overlaps(span))
        .any(|w| ctx.rules.is_software_cue(w.span.slice(text)))
    {
        return true;
    }
    if last.sentence != Some(s) {
        last.hits = ctx.rules.project_hits(sentence.slice(text));
        last.sentence = Some(s);
    }
    last.hits
        .iter()
        .filter(|h| sentence.start + h.start != span.start)
        // An unambiguous project, or a second ambiguous one ("Rust and Cargo").
        .any(|h| !ctx.rules.project(h.project).context || h.project != project)
}

/// "Ruby 3", "Go 1.18", "Rust v1.70": a version number right after a name. A year
/// ("Phoenix 2019") is when, not which.
fn version_after(after: &str) -> bool {
    let Some(rest) = after.strip_prefix(' ') else {
        return false;
    };
    let rest = rest.strip_prefix('v').unwrap_or(rest);
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
        .unwrap_or(rest.len());
    let version = rest[..end].trim_end_matches('.');
    let year = version.len() == 4 && version.bytes().all(|b| b.is_ascii_digit());
    version.starts_with(|c: char| c.is_ascii_digit())
        && version
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'x')
        && !year
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::EntityKind;
    use crate::extract::tests::names_of;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn lists_joined_only_where_the_bytes_beside_allow(
            text in "(X|and|or|band|, |,| |\t|etc|é|\n){0,8}",
            start in 0usize..40,
            len in 0usize..8,
        ) {
            let start = start.min(text.len());
            let end = (start + len).min(text.len());
            proptest::prop_assume!(text.is_char_boundary(start) && text.is_char_boundary(end));
            let joined = separator_before(&text, start).is_some()
                || separator_after(&text, end).is_some();
            proptest::prop_assert!(!joined || may_join_list(text.as_bytes(), Span::new(start, end)));
        }

        #[test]
        fn generic_words_told_as_lower_casing_tells_them(
            surface in "(new|NEW|Web|testing|te|x|é|\u{212a}|İ|ß| ){0,3}"
        ) {
            proptest::prop_assert_eq!(
                is_generic(&lower_key(&surface, &mut [0; SHORT_WORD])),
                GENERIC.contains(&surface.to_lowercase().as_str())
            );
        }

        #[test]
        fn words_around_hints_hold_every_match(
            text in "(CherryPy|Py|iPhone|QAWorkbench|Ab|aB|AB|ABc|Node|js|\\.js|\\.NET|\\.io|\\.py|é|ß|Ö|x|X|1|_|-|\\.| |\n|\t|\u{a0}|\u{301}){0,16}"
        ) {
            let (camel, dotted) = name_hints(&text);
            for (pattern, hints) in [(&*CAMEL, camel), (&*DOTTED, dotted)] {
                let whole: Vec<Span> = pattern
                    .find_iter(&text)
                    .map(|m| Span::new(m.start(), m.end()))
                    .collect();
                let matches_in = |word: &str, offset, found: &mut Vec<Span>| {
                    pattern_matches(pattern, word, offset, found);
                };
                proptest::prop_assert_eq!(find_in_words(&text, hints.into_iter(), matches_in), whole);
            }
        }

        #[test]
        fn camel_case_read_in_ascii_words_as_the_pattern_reads_it(
            word in "(Cherry|cherry|Py|PY|py|i|Phone|HR|Toolbox|toolbox|A|b|Z|q|0|7|_|-|'|\\.|,|/|\\(| |é|Ö|\u{301}|\u{a0}|\u{ad}|[\u{2000}-\u{2040}]|\u{3a0}){0,10}|[A-Za-z0-9_.-]{0,12}",
            offset in 0usize..5,
        ) {
            let mut found = Vec::new();
            camel_matches(&word, offset, &mut found);
            let mut by_pattern = Vec::new();
            pattern_matches(&CAMEL, &word, offset, &mut by_pattern);
            proptest::prop_assert_eq!(found, by_pattern);
        }

        #[test]
        fn dotted_names_read_in_ascii_words_as_the_pattern_reads_them(
            word in "(Node|node|a|Z|1|_|-|\\.|js|jsx|io|py|rb|rs|jl|NET|NETs|net|x|é|”|/|:|\u{a0}|\u{ad}|[\u{2000}-\u{2040}]|\u{3a0}){0,10}|[A-Za-z0-9_.-]{0,12}",
            offset in 0usize..5,
        ) {
            let mut found = Vec::new();
            dotted_matches(&word, offset, &mut found);
            let mut by_pattern = Vec::new();
            pattern_matches(&DOTTED, &word, offset, &mut by_pattern);
            proptest::prop_assert_eq!(found, by_pattern);
        }

        #[test]
        fn capitals_and_stops_found_eight_bytes_at_a_time(text in "(?s:.{0,40})|[aZ0 .éÖ\u{a0}]{0,40}") {
            let bytes = text.as_bytes();
            for (k, chunk) in bytes.chunks(8).enumerate() {
                let (capitals, stops) = ascii_capitals_and_stops(chunk);
                for (i, b) in chunk.iter().enumerate() {
                    proptest::prop_assert_eq!(
                        capitals >> (i * 8 + 7) & 1 == 1,
                        b.is_ascii_uppercase(),
                        "byte {} of {:?}", k * 8 + i, text
                    );
                    proptest::prop_assert_eq!(stops >> (i * 8 + 7) & 1 == 1, *b == b'.');
                }
                proptest::prop_assert_eq!(capitals & !0x8080_8080_8080_8080, 0);
            }
        }

        #[test]
        fn hints_found_eight_bytes_at_a_time_are_every_place_they_may_be(
            text in "(?s:.{0,40})|(Py|AB|HRc|iP|x|1|\\.js|\\.NET|\\.|é| ){0,12}"
        ) {
            let bytes = text.as_bytes();
            let every = |is_hint: fn(&[u8], usize) -> bool| -> Vec<usize> {
                (0..bytes.len()).filter(|&i| is_hint(bytes, i)).collect()
            };
            proptest::prop_assert_eq!(name_hints(&text), (every(is_camel_hint), every(is_dotted_hint)));
        }

        #[test]
        fn cue_patterns_match_only_where_their_words_stand(
            text in "(the|a|its|Flight|Ella|Oebfare|'s|’s| |\t|\n|\\(|\\)|API|SDK|app|apps|application|library|module|CMS|source code|codebase|repository|docs|documentation|é|Ö|x){0,14}"
        ) {
            let cued = cue_words_in(&text);
            for (pattern, cued) in [&*NOUN_CUE, &*PAREN_CUE, &*API_CUE].into_iter().zip(cued) {
                proptest::prop_assert!(cued || pattern.find(&text).is_none());
            }
        }
    }

    fn projects(text: &str) -> Vec<String> {
        names_of(text, EntityKind::Project)
    }

    /// What [`used_names`] reads, as one pattern.
    static USED_WITH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:[Uu]s(?:ing|ed|es|e)|built (?:with|on)|written in|powered by|switched to|migrated to|runs on|running on|deployed (?:on|to))[ \t]+(?:the[ \t]+)?((?:[A-Z][\w+#-]*|[a-z]+[0-9][\w-]*)(?:[ \t]+[A-Z][\w+#-]*){0,2})")
            .expect("used-with pattern")
    });

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn used_names_are_the_pattern_s(
            text in r"(using|used|use|Use|Uses|user|causes|built with|built on|runs on|running on|the|theano2| |  |\t|\n|\.|,|-|\+|#|_|Foo| Foo|\tBAR| Ünï| the|x2|vec2graph|ö2|é|2|a|Z){0,16}"
        ) {
            let want: Vec<Span> = USED_WITH
                .captures_iter(&text)
                .map(|c| {
                    let g = c.get(1).expect("group 1");
                    Span::new(g.start(), g.end())
                })
                .collect();
            proptest::prop_assert_eq!(used_names(&text), want);
        }
    }

    #[test]
    fn project_cases() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "gazetteer",
                "We used Django and PostgreSQL.",
                &["Django", "PostgreSQL"],
            ),
            (
                "alias",
                "Everything runs on k8s and Postgres.",
                &["Kubernetes", "PostgreSQL"],
            ),
            (
                "punctuated names",
                "Node.js, C++ and .NET code",
                &["Node.js", "C++", ".NET"],
            ),
            ("go as a verb", "Go to the talk after lunch.", &[]),
            (
                "an ambiguous name with a version",
                "Ruby 3 should be three times faster than Ruby 2.0, they said.",
                &["Ruby"],
            ),
            (
                "an ambiguous name with a year",
                "We met Ruby 2019 style.",
                &[],
            ),
            (
                "a list of tools",
                "Tools I want to try:\n\n- Quillworth for local builds\n- vec2graph, which looks handy\n- lots to learn\n- Kestrel Forge\n\nThings I ate:\n- Haggis for dinner",
                &["Quillworth", "vec2graph", "Kestrel Forge"],
            ),
            (
                "what it was built with",
                "She tuned it using Quillworth, then he used vec2graph on the corpus.",
                &["Quillworth", "vec2graph"],
            ),
            (
                "what it runs on, several words",
                "The service runs on Kestrel Forge Cloud and was written in Rust.",
                &["Kestrel Forge Cloud", "Rust"],
            ),
            (
                "no pronoun, person, bare capitals or suffix",
                "Using Quillworth I built it. We used Maria's notes, used ML and used Tessel-style pins.",
                &["Quillworth", "Tessel"],
            ),
            (
                "a known name is not read longer",
                "Don't use Django Signals for that.",
                &["Django"],
            ),
            (
                "not a place or an everyday word",
                "We switched to Monday mornings and moved to Portland; they used English.",
                &[],
            ),
            (
                "go as a language",
                "The Go community loves its compiler.",
                &["Go"],
            ),
            (
                "rust belt",
                "We drove through the Rust Belt on Monday.",
                &[],
            ),
            (
                "camel case",
                "We tried CherryPy after lunch.",
                &["CherryPy"],
            ),
            (
                "noun cue",
                "He showed the Ella admin and the multiprocessing module.",
                &["Ella", "multiprocessing"],
            ),
            (
                "paren cue",
                "dinner about Oebfare(Django blog application) was fun",
                &["Oebfare", "Django"],
            ),
            (
                "conference is not a project",
                "PyCon and DjangoCon were fun.",
                &[],
            ),
            (
                "adjective is no part of a name",
                "They run a large Frobly app.",
                &["Frobly"],
            ),
            (
                "suffix is no part of a name",
                "It was a Sprockets-heavy app.",
                &["Sprockets"],
            ),
            (
                "missed space or a function's name",
                "She gave aKeynote on theTalk about toString and forEach.",
                &[],
            ),
            (
                "a one-letter prefix is part of a name",
                "He ported eSpeak to iPhone.",
                &["eSpeak", "iPhone"],
            ),
            (
                "listed with known projects",
                "The queue ran on Quuxly, Redis and Frobnik Forge.",
                &["Quuxly", "Redis", "Frobnik Forge"],
            ),
            (
                "listed before etc",
                "We heard of Kubernetes, Frobnik, etc. all week.",
                &["Kubernetes", "Frobnik"],
            ),
            (
                "a bracketed list",
                "Its helpers (Redis, quuxRTC, Frobnik) are young. We tried two (Django, Quuxly) of them.",
                &["Redis", "quuxRTC", "Frobnik", "Django"],
            ),
            (
                "a comma alone joins no list",
                "In Django, Frobnik said hello.",
                &["Django"],
            ),
            (
                "a list with a person is no list of projects",
                "We met Django, Alice and Quuxly.",
                &["Django"],
            ),
            (
                "an everyday word ends a list",
                "I chatted about Django and Friends over lunch.",
                &["Django"],
            ),
            (
                "a title-cased list",
                "I enjoyed “Testing Apps With Frobnik and Django Quickly”.",
                &["Django"],
            ),
            (
                "a talk title that says what its lead is",
                "Then “Frobnik: A Tiny Framework for Go” by Ana Lima.",
                &["Frobnik", "Go"],
            ),
            (
                "a talk title that says nothing of software",
                "Then “Frobnik: A Story of Hope” by Ana Lima.",
                &[],
            ),
            (
                "a dotted name called by its stem, mostly",
                "We tried Frobnik.js today. Later, a demo showed how Frobnik scales and why Frobnik's design works.",
                &["Frobnik"],
            ),
            (
                "a dotted name called by its stem as often",
                "We tried Frobnik.js and liked Frobnik a lot.",
                &["Frobnik.js"],
            ),
            (
                "a stem opening a sentence tells nothing",
                "We tried Frobnik.js today. Frobnik is fast.",
                &["Frobnik.js"],
            ),
            ("talk topic", "I went to the “Pinax” talk.", &["Pinax"]),
            (
                "talk topic needs a proper name",
                "I went to the “Testing” talk.",
                &[],
            ),
        ];
        for (name, text, want) in cases {
            assert_eq!(&projects(text), want, "case {name}");
        }
    }
}
