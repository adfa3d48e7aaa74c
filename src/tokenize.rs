//! Splitting a document's text into lines, paragraphs, sentences, words and quote spans.
//!
//! Recaps are written in many shapes (hard-wrapped text, one-line-per-talk lists, headings
//! on their own line), so lines are kept as a unit of their own: structured rules read
//! lines, prose rules read sentences. Every unit is a [`Span`] into the original text.

use crate::span::Span;
use crate::swar::{
    HIGHS, ONES, bytes_below, equal_bytes, find_any_byte, first_flagged, zero_bytes,
};
use std::borrow::Cow;
use unicode_segmentation::UnicodeSegmentation;

/// A line of text without its line terminator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// The line's bytes, without `\n`.
    pub span: Span,
    /// Index of the paragraph holding the line, `None` for a blank line.
    pub paragraph: Option<usize>,
}

impl Line {
    /// Whether the line holds nothing but white space.
    pub fn is_blank(&self) -> bool {
        self.paragraph.is_none()
    }
}

/// A run of non-blank lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// From the first byte of the first line to the last byte of the last line.
    pub span: Span,
    /// Index of the first line in [`Tokens::lines`].
    pub first_line: usize,
    /// One past the index of the last line.
    pub end_line: usize,
}

/// A sentence, never crossing a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// The sentence, trimmed of surrounding white space.
    pub span: Span,
    /// Index of its paragraph.
    pub paragraph: usize,
    /// Index of its first word in [`Tokens::words`]; words run to the next sentence's.
    pub first_word: usize,
}

/// A word as Unicode word segmentation (UAX #29) sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// The word's bytes.
    pub span: Span,
    /// Index of its sentence.
    pub sentence: usize,
    /// Index of its paragraph.
    pub paragraph: usize,
}

/// Text between a pair of matching quotation marks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// The quoted text, without the marks.
    pub inner: Span,
    /// The quoted text with its marks.
    pub outer: Span,
}

/// Everything the tokenizer found, in text order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tokens {
    /// Every line, blank ones included.
    pub lines: Vec<Line>,
    /// Runs of non-blank lines.
    pub paragraphs: Vec<Paragraph>,
    /// Sentences, in order.
    pub sentences: Vec<Sentence>,
    /// Words, in order.
    pub words: Vec<Token>,
    /// Quote spans, in order; quotes never nest and never cross a paragraph.
    pub quotes: Vec<Quote>,
}

impl Tokens {
    /// The sentence holding byte `offset` (the last one starting at or before it).
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.start <= offset);
        i.checked_sub(1)
    }

    /// The paragraph holding byte `offset`.
    pub fn paragraph_at(&self, offset: usize) -> Option<usize> {
        let started = self.paragraphs.partition_point(|p| p.span.start <= offset);
        self.paragraph_holding(offset, started)
    }

    /// The paragraph holding byte `offset`, given how many paragraphs start at or before
    /// it: for callers that count those as they walk through a text.
    pub fn paragraph_holding(&self, offset: usize, started: usize) -> Option<usize> {
        started.checked_sub(1).filter(|&i| {
            let span = self.paragraphs[i].span;
            offset < span.end.max(span.start + 1)
        })
    }

    /// The line holding byte `offset`.
    pub fn line_at(&self, offset: usize) -> usize {
        let i = self.lines.partition_point(|l| l.span.start <= offset);
        i.saturating_sub(1)
    }

    /// Words of sentence `index`.
    pub fn sentence_words(&self, index: usize) -> &[Token] {
        let start = self.sentences[index].first_word;
        let end = self
            .sentences
            .get(index + 1)
            .map_or(self.words.len(), |s| s.first_word);
        &self.words[start..end]
    }
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "etc", "e.g", "i.e", "cf", "approx",
    "no", "vol", "fig", "inc", "ltd", "co", "mt", "ft", "gen", "rev", "sen", "rep", "gov", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// The length of the longest of [`ABBREVIATIONS`]: most sentences end on a longer word,
/// which needs no comparing with each.
const LONGEST_ABBREVIATION: usize = {
    let mut longest = 0;
    let mut i = 0;
    while i < ABBREVIATIONS.len() {
        if ABBREVIATIONS[i].len() > longest {
            longest = ABBREVIATIONS[i].len();
        }
        i += 1;
    }
    longest
};

/// The [`abbreviation_key`] of each of [`ABBREVIATIONS`], sorted: a word ending a sentence
/// is looked up among them in a few steps instead of compared with each.
static ABBREVIATION_KEYS: [u64; ABBREVIATIONS.len()] = {
    let mut keys = [0; ABBREVIATIONS.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = abbreviation_key(ABBREVIATIONS[i].as_bytes());
        // Insertion sort, the one a constant can do.
        let mut j = i;
        while j > 0 && keys[j - 1] > keys[j] {
            let key = keys[j];
            keys[j] = keys[j - 1];
            keys[j - 1] = key;
            j -= 1;
        }
        i += 1;
    }
    keys
};

/// `word` (at most [`LONGEST_ABBREVIATION`] bytes) as a number: its length above its
/// bytes, lower-cased as ASCII. Two words have the same key exactly when they are equal
/// ignoring ASCII case.
const fn abbreviation_key(word: &[u8]) -> u64 {
    let mut key = word.len() as u64;
    let mut i = 0;
    while i < word.len() {
        key = key << 8 | word[i].to_ascii_lowercase() as u64;
        i += 1;
    }
    key
}

/// Whether `word` is one of [`ABBREVIATIONS`], ignoring ASCII case.
fn is_abbreviation(word: &str) -> bool {
    word.len() <= LONGEST_ABBREVIATION
        && ABBREVIATION_KEYS
            .binary_search(&abbreviation_key(word.as_bytes()))
            .is_ok()
}

/// How many bytes `bytes` starts with that are ASCII letters or digits: most of a word,
/// passed over without decoding.
pub(crate) fn ascii_alphanumeric_run(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .take_while(|&&b| ASCII_ALPHANUMERIC[usize::from(b)])
        .count()
}

/// Whether `byte` is an ASCII word character, as `\w` reads it: a letter, a digit or `_`.
pub(crate) fn is_ascii_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

/// Whether `byte` is ASCII white space as [`char::is_whitespace`] has it: the vertical
/// tab too, which [`u8::is_ascii_whitespace`] leaves out.
pub(crate) fn is_ascii_white_space(byte: u8) -> bool {
    matches!(byte, b'\t'..=b'\r' | b' ')
}

/// [`u8::is_ascii_alphanumeric`] of every byte, one look-up per byte of a word.
static ASCII_ALPHANUMERIC: [bool; 256] = ascii_bytes_of(&[WordClass::ALetter, WordClass::Numeric]);

/// The ASCII characters that never continue a word (spaces, punctuation), which the
/// text between two words is nearly all made of: passed over a byte at a time.
static ASCII_BETWEEN_WORDS: [bool; 256] = ascii_bytes_of(&[
    WordClass::MidLetter,
    WordClass::MidNumLet,
    WordClass::MidNum,
    WordClass::Other,
]);

/// The ASCII characters that end any word they follow, joining nothing: most words end
/// on one, with no need to look at the character after it.
static ASCII_ENDS_WORD: [bool; 256] = ascii_bytes_of(&[WordClass::Other]);

/// Marks the bytes of the ASCII characters whose word class is one of `classes`, and no
/// other byte.
const fn ascii_bytes_of(classes: &[WordClass]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        let class = WordClass::of_ascii(b as u8);
        let mut i = 0;
        while i < classes.len() {
            table[b] |= class as u8 == classes[i] as u8;
            i += 1;
        }
        b += 1;
    }
    table
}

/// Tokenizes `text`.
pub fn tokenize(text: &str) -> Tokens {
    let mut tokens = Tokens {
        lines: split_lines(text),
        // Posts have a word every six bytes or so: room for one every five spares growing
        // the vector, and copying the words over, a dozen times in a long post. So do
        // room for a sentence every 48 bytes (posts have one every 60 or so) and for a
        // paragraph every 128 (one every 190 or so).
        words: Vec::with_capacity(text.len() / 5),
        sentences: Vec::with_capacity(text.len() / 48),
        paragraphs: Vec::with_capacity(text.len() / 128),
        ..Tokens::default()
    };
    let mut paragraph: Option<usize> = None;
    for i in 0..tokens.lines.len() {
        if text[tokens.lines[i].span.start..tokens.lines[i].span.end]
            .trim()
            .is_empty()
        {
            paragraph = None;
            continue;
        }
        let index = match paragraph {
            Some(p) => p,
            None => {
                tokens.paragraphs.push(Paragraph {
                    span: tokens.lines[i].span,
                    first_line: i,
                    end_line: i,
                });
                tokens.paragraphs.len() - 1
            }
        };
        paragraph = Some(index);
        tokens.lines[i].paragraph = Some(index);
        let p = &mut tokens.paragraphs[index];
        p.span.end = tokens.lines[i].span.end;
        p.end_line = i + 1;
    }
    // A paragraph's units and a unit's pieces go to vectors kept from one to the next.
    let mut units = Vec::new();
    let mut pieces = Vec::new();
    for p in 0..tokens.paragraphs.len() {
        sentence_units(text, &tokens, p, &mut units);
        for &(unit, joins_lines) in &units {
            split_sentences(text, unit, joins_lines, p, &mut pieces, &mut tokens);
        }
    }
    tokens.quotes = find_quotes(text, &tokens.paragraphs);
    tokens
}

/// The lines of `text`. Lines are short, a hundred bytes or so: the search for each line
/// break reads eight bytes at a time inline, where a call to `memchr` would spend more
/// on its set-up than on a line.
fn split_lines(text: &str) -> Vec<Line> {
    // Room for a line every 48 bytes (posts have one every 90 or so) spares growing the
    // vector.
    let mut lines = Vec::with_capacity(text.len() / 48);
    let mut start = 0;
    while let Some(i) = find_any_byte(&text.as_bytes()[start..], [b'\n']) {
        lines.push(Line {
            span: Span::new(start, start + i),
            paragraph: None,
        });
        start += i + 1;
    }
    if start < text.len() {
        lines.push(Line {
            span: Span::new(start, text.len()),
            paragraph: None,
        });
    }
    lines
}

/// Groups a paragraph's lines into runs that read as continuous prose.
///
/// A line break ends a sentence unless the text plainly runs on: the next line starts in
/// lower case, or this one ends on a comma or a word that cannot end a sentence. This keeps
/// "Title\nSpeaker" lines apart while joining hard-wrapped prose. The units, each with
/// whether it joins lines (and so holds line breaks), replace what `units` held.
fn sentence_units(text: &str, tokens: &Tokens, paragraph: usize, units: &mut Vec<(Span, bool)>) {
    let p = &tokens.paragraphs[paragraph];
    units.clear();
    let mut current: Option<(Span, bool)> = None;
    for line in &tokens.lines[p.first_line..p.end_line] {
        let span = line.span;
        current = Some(match current {
            Some((prev, _)) if runs_on(prev.slice(text), span.slice(text)) => {
                (Span::new(prev.start, span.end), true)
            }
            Some(prev) => {
                units.push(prev);
                (span, false)
            }
            None => (span, false),
        });
    }
    units.extend(current);
}

fn runs_on(previous: &str, next: &str) -> bool {
    let next = next.trim_start();
    if next.starts_with("- ") || next.starts_with("* ") || next.starts_with("• ") {
        return false;
    }
    let previous = previous.trim_end();
    if previous.len() < 40 {
        return false;
    }
    if next
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c == '(')
    {
        return true;
    }
    if previous.ends_with(',') || previous.ends_with(';') {
        return true;
    }
    let last = previous
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    matches!(
        last,
        "and"
            | "or"
            | "the"
            | "a"
            | "an"
            | "of"
            | "to"
            | "in"
            | "with"
            | "by"
            | "on"
            | "for"
            | "at"
    )
}

/// Splits `unit`, which holds line breaks if it `joins_lines`, into sentences and words;
/// `pieces` is room for its pieces, emptied.
fn split_sentences(
    text: &str,
    unit: Span,
    joins_lines: bool,
    paragraph: usize,
    pieces: &mut Vec<Span>,
    tokens: &mut Tokens,
) {
    // Line breaks inside a unit are soft: UAX #29 would end a sentence at each one, so
    // the segmenter sees spaces (same byte length, same offsets).
    let unit_text = match unit.slice(text) {
        s if joins_lines => Cow::Owned(s.replace('\n', " ")),
        s => Cow::Borrowed(s),
    };
    // One pass over the unit tells both splitters that its characters are all known to
    // them, as they nearly always are; only a unit holding others is read again.
    let unit_known = all_known(&unit_text, |c| {
        SentenceClass::of(c).is_some() && WordClass::of(c).is_some()
    });
    let sentences_known = unit_known || all_known(&unit_text, |c| SentenceClass::of(c).is_some());
    known_sentence_bounds(&unit_text, sentences_known, |start, end| {
        let span = Span::new(unit.start + start, unit.start + end);
        match pieces.last_mut() {
            Some(last) if ends_with_abbreviation(last.slice(text)) => last.end = span.end,
            _ => pieces.push(span),
        }
    });
    // Every sentence of a unit whose characters are all known needs no check of its own.
    for piece in pieces.drain(..) {
        let Some(span) = trim_span(text, piece) else {
            continue;
        };
        let sentence = tokens.sentences.len();
        tokens.sentences.push(Sentence {
            span,
            paragraph,
            first_word: tokens.words.len(),
        });
        let sentence_text = span.slice(text);
        let known = unit_known || all_known(sentence_text, |c| WordClass::of(c).is_some());
        known_word_bounds(sentence_text, known, |start, end| {
            tokens.words.push(Token {
                span: Span::new(span.start + start, span.start + end),
                sentence,
                paragraph,
            });
        });
    }
}

/// Calls `each` with the start and end of every word of `text`: the segments of UAX #29
/// word segmentation that hold a letter or a digit, as `unicode_word_indices` gives them.
/// Text made only of characters whose class is known here (ASCII, Latin letters, curly
/// quotes, dashes) is split without looking up each character in the Unicode tables.
///
/// Such a segment is a run of letters, digits and underscores (rules WB5 to WB13b), which
/// may take in a single separator between two letters (WB6, WB7) or two digits (WB11,
/// WB12). Every other character is a segment of its own, or part of a run of spaces or a
/// CR LF pair, and never a word.
#[cfg(test)]
fn word_bounds(text: &str, each: impl FnMut(usize, usize)) {
    known_word_bounds(text, all_known(text, |c| WordClass::of(c).is_some()), each);
}

/// [`word_bounds`], told whether every character of `text` has a class known here.
fn known_word_bounds(text: &str, known: bool, mut each: impl FnMut(usize, usize)) {
    if !known {
        for (offset, word) in text.unicode_word_indices() {
            each(offset, offset + word.len());
        }
        return;
    }
    let bytes = text.as_bytes();
    // The class of the character at `at` and its length, for any `at` on a boundary.
    let class_at = |at: usize| -> Option<(WordClass, usize)> {
        let &b = bytes.get(at)?;
        if b.is_ascii() {
            return Some((ASCII_WORD_CLASSES[usize::from(b)], 1));
        }
        let c = text[at..].chars().next()?;
        Some((WordClass::of(c)?, c.len_utf8()))
    };
    let mut at = 0;
    loop {
        // The spaces and marks before the next word, or before a character that is not ASCII.
        at += bytes[at..]
            .iter()
            .take_while(|&&b| ASCII_BETWEEN_WORDS[usize::from(b)])
            .count();
        // Most words are ASCII letters and digits up to a space: found without asking
        // for the class of each character.
        let run = ascii_alphanumeric_run(&bytes[at..]);
        if run > 0 && ascii_word_ends_at(bytes, at + run) {
            each(at, at + run);
            at += run;
            continue;
        }
        let Some((class, len)) = class_at(at) else {
            break;
        };
        at += len;
        if !class.continues_word() {
            continue;
        }
        let start = at - len;
        let mut holds_word_character = class != WordClass::ExtendNumLet;
        let mut last = class;
        loop {
            // ASCII letters and digits, most of a word, continue it.
            let alphanumeric = ascii_alphanumeric_run(&bytes[at..]);
            if alphanumeric > 0 {
                at += alphanumeric;
                holds_word_character = true;
                last = if bytes[at - 1].is_ascii_digit() {
                    WordClass::Numeric
                } else {
                    WordClass::ALetter
                };
            }
            // Most words end on a space, which is all this looks at.
            if bytes
                .get(at)
                .is_some_and(|&b| ASCII_ENDS_WORD[usize::from(b)])
            {
                break;
            }
            let Some((class, len)) = class_at(at) else {
                break;
            };
            if class.continues_word() {
                holds_word_character |= class != WordClass::ExtendNumLet;
                last = class;
                at += len;
                continue;
            }
            // A mark joins a word to what follows only between two letters or two digits.
            let may_join = (last == WordClass::ALetter && class.separates_letters())
                || (last == WordClass::Numeric && class.separates_digits());
            if !may_join {
                break;
            }
            match class_at(at + len) {
                Some((after, after_len)) if after == last => at += len + after_len,
                _ => break,
            }
        }
        if holds_word_character {
            each(start, at);
        }
    }
}

/// Whether a word of ASCII letters and digits ending before `end` ends there, whatever
/// came before: at the end of `bytes`, before a character that ends any word, or before a
/// mark (a full stop, a comma) with no letter, digit or underscore after it to join.
/// Words that end a sentence or a clause then need no look at the classes around them.
fn ascii_word_ends_at(bytes: &[u8], end: usize) -> bool {
    match bytes.get(end) {
        None => true,
        Some(&b) if ASCII_ENDS_WORD[usize::from(b)] => true,
        Some(&b) if ASCII_BETWEEN_WORDS[usize::from(b)] => bytes
            .get(end + 1)
            .is_none_or(|&after| ASCII_BETWEEN_WORDS[usize::from(after)]),
        Some(_) => false,
    }
}

/// The word-break classes of UAX #29 that the characters known here have. The Hebrew
/// rules are left out: without Hebrew letters, a double quote is just another character.
/// Line breaks and spaces count as `Other`: they only ever end a word, and the segments
/// they join among themselves hold no word character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WordClass {
    ALetter,
    Numeric,
    MidLetter,
    /// Also the apostrophe, UAX #29's Single_Quote, which joins as MidNumLet does when
    /// no Hebrew letter is near.
    MidNumLet,
    MidNum,
    ExtendNumLet,
    Other,
}

/// The class of every ASCII character, looked up by its byte.
const ASCII_WORD_CLASSES: [WordClass; 128] = {
    let mut classes = [WordClass::Other; 128];
    let mut b = 0;
    while b < 128 {
        classes[b] = WordClass::of_ascii(b as u8);
        b += 1;
    }
    classes
};

impl WordClass {
    /// The class of `c`, for the characters whose class is known here.
    fn of(c: char) -> Option<WordClass> {
        Some(match c {
            '\0'..='\u{7F}' => WordClass::of_ascii(c as u8),
            '‘' | '’' => WordClass::MidNumLet,
            '\u{A0}' | '“' | '”' | '–' | '—' | '…' => WordClass::Other,
            // Latin letters with diacritics; the two signs among them (× and ÷) are
            // the only characters of these blocks that are not letters, so the Unicode
            // tables need not be asked.
            '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' if !matches!(c, '×' | '÷') => {
                WordClass::ALetter
            }
            _ => return None,
        })
    }

    const fn of_ascii(b: u8) -> WordClass {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' => WordClass::ALetter,
            b'0'..=b'9' => WordClass::Numeric,
            b':' => WordClass::MidLetter,
            b'.' | b'\'' => WordClass::MidNumLet,
            b',' | b';' => WordClass::MidNum,
            b'_' => WordClass::ExtendNumLet,
            _ => WordClass::Other,
        }
    }

    /// Letters, digits and underscores: no boundary falls between two of them.
    fn continues_word(self) -> bool {
        matches!(
            self,
            WordClass::ALetter | WordClass::Numeric | WordClass::ExtendNumLet
        )
    }

    /// May stand between two letters of a word ("e.g", "don't").
    fn separates_letters(self) -> bool {
        matches!(self, WordClass::MidLetter | WordClass::MidNumLet)
    }

    /// May stand between two digits of a number ("3.14", "1,000").
    fn separates_digits(self) -> bool {
        matches!(self, WordClass::MidNum | WordClass::MidNumLet)
    }
}

/// Calls `each` with the start and end of every sentence of `text`, split as by
/// `unicode-segmentation` (UAX #29). Text made only of characters whose class is known
/// here (ASCII, Latin letters, curly quotes, dashes: nearly every line of a post) is split
/// without looking up each character in the Unicode tables, and only the characters
/// around line breaks and terminals are read one by one.
#[cfg(test)]
fn sentence_bounds(text: &str, each: impl FnMut(usize, usize)) {
    let known = all_known(text, |c| SentenceClass::of(c).is_some());
    known_sentence_bounds(text, known, each);
}

/// [`sentence_bounds`], told whether every character of `text` has a class known here.
fn known_sentence_bounds(text: &str, known: bool, mut each: impl FnMut(usize, usize)) {
    if !known {
        for (offset, sentence) in text.split_sentence_bound_indices() {
            each(offset, offset + sentence.len());
        }
        return;
    }
    let class_of = SentenceClass::of_known;
    let bytes = text.as_bytes();
    let mut runs = [Run::Start; 4];
    let mut start = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let (class, len) = if b.is_ascii() {
            (ASCII_SENTENCE_CLASSES[usize::from(b)], 1)
        } else {
            let c = text[i..].chars().next().expect("a character starts here");
            (class_of(c), c.len_utf8())
        };
        // Most characters follow neither a line break nor a terminal, and only those
        // can end a sentence: the rules need not be asked.
        if i > 0
            && may_break_after(&runs)
            && breaks_before(&runs, class, || text[i..].chars().map(class_of))
        {
            each(start, i);
            start = i;
        }
        runs = next_runs(runs, class);
        i += len;
        // Where no sentence can end, none can before the next line break or terminal:
        // skip to it, keeping only the runs the text skipped leaves.
        if !may_break_after(&runs) {
            let next = next_terminal_or_break(bytes, i);
            runs = runs_after(&text[i..next], runs, class_of);
            i = next;
        }
    }
    if !text.is_empty() {
        each(start, text.len());
    }
}

/// The first line break or terminal at or after `from`, or the end of `bytes`. In text
/// whose classes are all known, only ASCII characters are line breaks or terminals.
fn next_terminal_or_break(bytes: &[u8], from: usize) -> usize {
    find_any_byte(&bytes[from..], *b".!?\r\n").map_or(bytes.len(), |i| from + i)
}

/// The runs once `skipped` is read with `runs` in view. Only the last four runs count,
/// so `skipped` is read backwards, and only until four are found.
fn runs_after(skipped: &str, runs: [Run; 4], class_of: impl Fn(char) -> SentenceClass) -> [Run; 4] {
    if let Some(after) = ascii_runs_at_end(skipped) {
        return after;
    }
    let mut after = runs;
    let mut found = 0;
    let newest_first = skipped
        .chars()
        .rev()
        .map(|c| Run::of(class_of(c)))
        .chain(runs.into_iter().rev());
    for run in newest_first {
        // A run of closing marks or of spaces counts as one, as in `next_runs`.
        if found > 0 && run == after[after.len() - found] && run.repeats_as_one() {
            continue;
        }
        found += 1;
        after[after.len() - found] = run;
        if found == after.len() {
            break;
        }
    }
    after
}

/// The runs of the last four bytes of `text`, when they are ASCII characters of which no
/// two in a row count as one run: the text skipped between two terminals nearly always
/// ends so (on a word), and [`runs_after`] then needs nothing else. ASCII characters have
/// their classes in [`ASCII_SENTENCE_CLASSES`], as every `class_of` given has them.
fn ascii_runs_at_end(text: &str) -> Option<[Run; 4]> {
    let &last = text.as_bytes().last_chunk::<4>()?;
    if !last.is_ascii() {
        return None;
    }
    let runs = last.map(|b| Run::of(ASCII_SENTENCE_CLASSES[usize::from(b)]));
    let repeats = runs
        .windows(2)
        .any(|pair| pair[0] == pair[1] && pair[0].repeats_as_one());
    (!repeats).then_some(runs)
}

/// Whether every non-ASCII character of `text` is `known` (ASCII always is); only those
/// characters are decoded, and the runs of ASCII between them are passed over eight
/// bytes at a time.
fn all_known(text: &str, known: impl Fn(char) -> bool) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(i) = first_flagged(&bytes[at..], |word| word & HIGHS, |b| !b.is_ascii()) {
        let c = text[at + i..]
            .chars()
            .next()
            .expect("a character starts here");
        if !known(c) {
            return false;
        }
        at += i + c.len_utf8();
    }
    true
}

/// The class of every ASCII character, looked up by its byte.
const ASCII_SENTENCE_CLASSES: [SentenceClass; 128] = {
    let mut classes = [SentenceClass::Other; 128];
    let mut b = 0;
    while b < 128 {
        classes[b] = SentenceClass::of_ascii(b as u8);
        b += 1;
    }
    classes
};

/// The sentence-break classes of UAX #29 that ASCII characters have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SentenceClass {
    Cr,
    Lf,
    Sp,
    Lower,
    Upper,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
    Other,
}

impl SentenceClass {
    /// The class of `c`, for the characters whose class is known here.
    fn of(c: char) -> Option<SentenceClass> {
        Some(match c {
            '\0'..='\u{7F}' => SentenceClass::of_ascii(c as u8),
            '\u{A0}' => SentenceClass::Sp,
            // Curly and angle quotation marks: initial and final punctuation.
            '‘' | '’' | '‚' | '“' | '”' | '„' | '«' | '»' | '‹' | '›' => {
                SentenceClass::Close
            }
            '–' | '—' => SentenceClass::SContinue,
            // Latin letters with diacritics; the few that are neither cased (such as
            // titlecase digraphs) stay with the tables.
            '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' if c != '×' && c != '÷' => {
                if c.is_lowercase() {
                    SentenceClass::Lower
                } else if c.is_uppercase() {
                    SentenceClass::Upper
                } else {
                    return None;
                }
            }
            _ => return None,
        })
    }

    /// The class of a character of text whose classes are all known; `Other` for any
    /// other character. ASCII, nearly all of it, is looked up without a call.
    #[inline]
    fn of_known(c: char) -> SentenceClass {
        if c.is_ascii() {
            ASCII_SENTENCE_CLASSES[c as usize]
        } else {
            SentenceClass::of(c).unwrap_or(SentenceClass::Other)
        }
    }

    const fn of_ascii(b: u8) -> SentenceClass {
        match b {
            b'\r' => SentenceClass::Cr,
            b'\n' => SentenceClass::Lf,
            b'\t' | 0x0B | 0x0C | b' ' => SentenceClass::Sp,
            b'a'..=b'z' => SentenceClass::Lower,
            b'A'..=b'Z' => SentenceClass::Upper,
            b'0'..=b'9' => SentenceClass::Numeric,
            b'.' => SentenceClass::ATerm,
            b'!' | b'?' => SentenceClass::STerm,
            b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => SentenceClass::Close,
            b',' | b'-' | b':' | b';' => SentenceClass::SContinue,
            _ => SentenceClass::Other,
        }
    }
}

/// What the rules remember of the text before a position, as `unicode-segmentation`
/// does: the classes of the last four characters, a run of closing marks or of spaces
/// counting as one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Run {
    Start,
    Other,
    Cr,
    Lf,
    ATerm,
    Letter,
    Close,
    Sp,
    STerm,
}

impl Run {
    fn of(class: SentenceClass) -> Run {
        match class {
            SentenceClass::Cr => Run::Cr,
            SentenceClass::Lf => Run::Lf,
            SentenceClass::ATerm => Run::ATerm,
            SentenceClass::Upper | SentenceClass::Lower => Run::Letter,
            SentenceClass::Close => Run::Close,
            SentenceClass::Sp => Run::Sp,
            SentenceClass::STerm => Run::STerm,
            SentenceClass::Numeric | SentenceClass::SContinue | SentenceClass::Other => Run::Other,
        }
    }

    /// Closing marks and spaces: a run of them counts as one.
    fn repeats_as_one(self) -> bool {
        matches!(self, Run::Close | Run::Sp)
    }
}

fn next_runs(runs: [Run; 4], class: SentenceClass) -> [Run; 4] {
    let run = Run::of(class);
    if run == runs[3] && run.repeats_as_one() {
        return runs;
    }
    [runs[1], runs[2], runs[3], run]
}

/// Whether a sentence ends before a character of `class`, with `ahead` the classes of the
/// text from that character on (rules SB3 to SB11, in their order).
fn breaks_before<I: Iterator<Item = SentenceClass>>(
    runs: &[Run; 4],
    class: SentenceClass,
    ahead: impl FnOnce() -> I,
) -> bool {
    use SentenceClass as C;
    let last = runs[3];
    let terminal = |r: Run| matches!(r, Run::ATerm | Run::STerm);
    let before_spaces = before_spaces(runs);
    let before_closes = if last == Run::Close { 2 } else { 3 };
    if class == C::Lf && last == Run::Cr {
        return false;
    }
    if matches!(last, Run::Cr | Run::Lf) {
        return true;
    }
    if (class == C::Numeric && last == Run::ATerm)
        || (class == C::Upper && runs[2] == Run::Letter && last == Run::ATerm)
    {
        return false;
    }
    // SB8: a full stop followed, past anything but letters and terminals, by lower case.
    if runs[before_spaces] == Run::ATerm
        && ahead().find(|c| matches!(c, C::Lower | C::Upper | C::Cr | C::Lf | C::STerm | C::ATerm))
            == Some(C::Lower)
    {
        return false;
    }
    if matches!(class, C::SContinue | C::STerm | C::ATerm) && terminal(runs[before_spaces]) {
        return false;
    }
    if matches!(class, C::Close | C::Sp | C::Cr | C::Lf) && terminal(runs[before_closes]) {
        return false;
    }
    if matches!(class, C::Sp | C::Cr | C::Lf) && terminal(runs[before_spaces]) {
        return false;
    }
    terminal(runs[before_spaces])
}

/// Whether a sentence may end before the next character, whatever it is: only after a
/// line break, or after a terminal and any closing marks and spaces that follow it, as
/// [`breaks_before`] has it. A terminal further back, which the runs still remember for
/// a character or two, can end no sentence any more, and the text up to the next line
/// break or terminal is passed over at once.
fn may_break_after(runs: &[Run; 4]) -> bool {
    matches!(runs[3], Run::Cr | Run::Lf)
        || matches!(runs[before_spaces(runs)], Run::ATerm | Run::STerm)
}

/// The index in `runs` of the run before the trailing spaces and closing marks, the
/// terminal of `SATerm Close* Sp*` if there is one.
fn before_spaces(runs: &[Run; 4]) -> usize {
    let mut before_spaces = if runs[3] == Run::Sp { 2 } else { 3 };
    if runs[before_spaces] == Run::Close {
        before_spaces -= 1;
    }
    before_spaces
}

fn ends_with_abbreviation(sentence: &str) -> bool {
    let trimmed = sentence.trim_end();
    let Some(stem) = trimmed.strip_suffix('.') else {
        return false;
    };
    let last = stem
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let mut chars = last.chars();
    let single_initial =
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    // The abbreviations are ASCII without a "k", the one ASCII letter a non-ASCII
    // character (the Kelvin sign) lower-cases to: comparing ASCII case-insensitively is
    // comparing lower-cased.
    single_initial || is_abbreviation(last)
}

/// `text` with its white space folded: words joined by single spaces; borrowed where
/// it is so already.
pub fn single_spaced(text: &str) -> Cow<'_, str> {
    if is_single_spaced(text) {
        return Cow::Borrowed(text);
    }
    let mut spaced = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !spaced.is_empty() {
            spaced.push(' ');
        }
        spaced.push_str(word);
    }
    Cow::Owned(spaced)
}

/// Whether `text` is single spaced already, as most names, markers and titles are: no
/// white space but the space, none at either end and no two spaces in a row.
///
/// Printable ASCII and spaces, most of any title, are read eight bytes at a time; a text
/// with other bytes, or too short for a word, goes to [`is_single_spaced_bytewise`].
fn is_single_spaced(text: &str) -> bool {
    let bytes = text.as_bytes();
    let Some(&last) = bytes.last_chunk() else {
        return is_single_spaced_bytewise(text);
    };
    // The place before the first byte counts as a space: a space may not start the text.
    let mut space_before = 0x80;
    for word in bytes.chunks_exact(8) {
        let word = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        let Some(spaces) = spaces_in(word) else {
            return is_single_spaced_bytewise(text);
        };
        if spaces & (spaces << 8 | space_before) != 0 {
            return false;
        }
        space_before = spaces >> 56;
    }
    // The last eight bytes, read again where they overlap the words above, hold the
    // bytes after those words and the pair across the boundary.
    match spaces_in(u64::from_le_bytes(last)) {
        Some(spaces) => spaces & spaces << 8 == 0 && last[7] != b' ',
        None => is_single_spaced_bytewise(text),
    }
}

/// The high bit of each place of `word` that holds a space, or `None` when a place holds
/// a byte that is neither printable ASCII nor the space.
fn spaces_in(word: u64) -> Option<u64> {
    if bytes_below(word, b' ') | word & HIGHS != 0 {
        return None;
    }
    Some(zero_bytes(word ^ (ONES * u64::from(b' '))))
}

/// [`is_single_spaced`], a byte at a time: only the bytes in [`MAY_BREAK_SPACING`] need a
/// closer look.
fn is_single_spaced_bytewise(text: &str) -> bool {
    let mut after_space = true;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        if !MAY_BREAK_SPACING[usize::from(b)] {
            after_space = false;
            continue;
        }
        match b {
            b' ' if !after_space => after_space = true,
            0xC2 | 0xE1..=0xE3 if !text[i..].starts_with(char::is_whitespace) => {
                after_space = false;
            }
            _ => return false,
        }
    }
    !after_space || text.is_empty()
}

/// The space, the other ASCII white space, and the bytes that start every non-ASCII white
/// space character (U+0085 and U+00A0 start with 0xC2, U+1680 with 0xE1, U+2000 to
/// U+205F with 0xE2, U+3000 with 0xE3).
static MAY_BREAK_SPACING: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = b'\t';
    while b <= b'\r' {
        table[b as usize] = true;
        b += 1;
    }
    table[b' ' as usize] = true;
    table[0xC2] = true;
    table[0xE1] = true;
    table[0xE2] = true;
    table[0xE3] = true;
    table
};

/// `span` without leading and trailing white space, or `None` if nothing is left.
pub fn trim_span(text: &str, span: Span) -> Option<Span> {
    let s = span.slice(text);
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.start + s.trim_end().len();
    (start < end).then(|| Span::new(start, end))
}

/// Finds quoted spans: curly double and single quotes, guillemets, and straight double
/// quotes paired within a paragraph. A closing `’` is only a quote mark where it is not
/// an apostrophe (followed by a letter).
///
/// Whether a mark can close a quote depends only on the mark and its neighbours, so once
/// a paragraph has no closing mark of a kind left, later opening marks of that kind are
/// skipped without searching again: a paragraph is read a bounded number of times.
fn find_quotes(text: &str, paragraphs: &[Paragraph]) -> Vec<Quote> {
    const CLOSERS: [char; 6] = ['”', '“', '»', '"', '’', '\''];
    let mut quotes = Vec::new();
    for p in paragraphs {
        let body = p.span.slice(text);
        let mut exhausted = [false; CLOSERS.len()];
        let mut at = 0;
        while let Some(next) = next_opener_from(body, at) {
            at = next;
            let c = body[at..].chars().next().expect("a character starts here");
            let closer: Option<char> = match c {
                '“' => Some('”'),
                '„' => Some('“'),
                '«' => Some('»'),
                '"' => Some('"'),
                '‘' if opens(body, at, c) => Some('’'),
                '\'' if opens(body, at, c) => Some('\''),
                _ => None,
            };
            let Some(closer) = closer else {
                at += c.len_utf8();
                continue;
            };
            let kind = CLOSERS.iter().position(|&k| k == closer).expect("listed");
            let from = at + c.len_utf8();
            let close = if exhausted[kind] {
                None
            } else {
                let found = find_closer(body, from, c, closer);
                exhausted[kind] = found.is_none();
                found
            };
            match close {
                Some(j) if j > from => {
                    let start = p.span.start + from;
                    let end = p.span.start + j;
                    quotes.push(Quote {
                        inner: Span::new(start, end),
                        outer: Span::new(p.span.start + at, end + closer.len_utf8()),
                    });
                    at = j + closer.len_utf8();
                }
                _ => at = from,
            }
        }
    }
    quotes
}

/// The first character at or after `from` that may open a quote: a straight quote mark,
/// or one encoded with a leading 0xC2 or 0xE2 byte (as `«`, `“`, `„` and `‘` are). The
/// characters skipped are every one of them no opening mark.
///
/// The search, which reads every byte of a post, stops at every byte that is not ASCII,
/// rare in posts: two comparisons and a mask for eight bytes, where looking for the two
/// leading bytes as well takes four comparisons.
fn next_opener_from(body: &str, from: usize) -> Option<usize> {
    let bytes = body.as_bytes();
    let mut at = from;
    loop {
        let found = first_flagged(
            &bytes[at..],
            |word| equal_bytes(word, b'"') | equal_bytes(word, b'\'') | word & HIGHS,
            |b| matches!(b, b'"' | b'\'') || !b.is_ascii(),
        )?;
        let i = at + found;
        if matches!(bytes[i], b'"' | b'\'' | 0xC2 | 0xE2) {
            return Some(i);
        }
        at = i + 1;
    }
}

/// The first mark in `body` at or after `from` that closes a quote opened by `opener`.
/// Quotes run for a sentence or more: the search jumps from one byte that may start the
/// mark to the next, and decodes only the characters around a mark.
fn find_closer(body: &str, from: usize, opener: char, closer: char) -> Option<usize> {
    let mut utf8 = [0; 4];
    let mark = closer.encode_utf8(&mut utf8).as_bytes();
    let bytes = body.as_bytes();
    let mut at = from;
    while let Some(i) = find_any_byte(&bytes[at..], [mark[0]]) {
        let j = at + i;
        // The mark's first byte is ASCII or starts a character: `j` is on a boundary.
        if bytes[j..].starts_with(mark) {
            let previous = match body[from..j].chars().next_back() {
                Some(c) => c,
                None => opener,
            };
            if closes(body, j, opener, closer, previous) {
                return Some(j);
            }
        }
        at = j + 1;
    }
    None
}

/// [`find_closer`], reading every character.
#[cfg(test)]
fn find_closer_by_chars(body: &str, from: usize, opener: char, closer: char) -> Option<usize> {
    let mut previous = opener;
    for (i, c) in body[from..].char_indices() {
        if c == closer && closes(body, from + i, opener, closer, previous) {
            return Some(from + i);
        }
        previous = c;
    }
    None
}

/// Whether the mark `closer` at byte `at` of `body`, after the character `previous`,
/// closes a quote opened by `opener`: a single quote mark followed by a letter or digit
/// is an apostrophe, and a straight double quote just after a line break closes none.
fn closes(body: &str, at: usize, opener: char, closer: char, previous: char) -> bool {
    (!matches!(closer, '’' | '\'')
        || !body[at + closer.len_utf8()..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric))
        && (closer != '"' || opener != '"' || previous != '\n')
}

/// Whether the single quote mark `c` at byte `at` opens a quotation rather than being an
/// apostrophe.
fn opens(body: &str, at: usize, c: char) -> bool {
    let before_ok = !body[..at]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    let after_ok = body[at + c.len_utf8()..]
        .chars()
        .next()
        .is_some_and(char::is_alphanumeric);
    before_ok && after_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        tokenize(text)
            .sentences
            .iter()
            .map(|s| s.span.slice(text))
            .collect()
    }

    fn quotes(text: &str) -> Vec<&str> {
        tokenize(text)
            .quotes
            .iter()
            .map(|q| q.inner.slice(text))
            .collect()
    }

    fn bounds(text: &str) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        sentence_bounds(text, |start, end| found.push((start, end)));
        found
    }

    fn segmenter_bounds(text: &str) -> Vec<(usize, usize)> {
        text.split_sentence_bound_indices()
            .map(|(offset, s)| (offset, offset + s.len()))
            .collect()
    }

    fn words(text: &str) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        word_bounds(text, |start, end| found.push((start, end)));
        found
    }

    fn segmenter_words(text: &str) -> Vec<(usize, usize)> {
        text.unicode_word_indices()
            .map(|(offset, w)| (offset, offset + w.len()))
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn ascii_sentences_split_as_the_segmenter_does(
            text in "[aZ0 .!?\"'(),;:\\-\r\n\t\x0b\x0c#]{0,24}"
        ) {
            proptest::prop_assert_eq!(bounds(&text), segmenter_bounds(&text));
        }

        #[test]
        fn any_ascii_splits_as_the_segmenter_does(text in "[\\x00-\\x7f]{0,40}") {
            proptest::prop_assert_eq!(bounds(&text), segmenter_bounds(&text));
        }

        #[test]
        fn any_text_splits_as_the_segmenter_does(text in "(?s:.{0,40})|[a. A’“”é\n]{0,30}") {
            proptest::prop_assert_eq!(bounds(&text), segmenter_bounds(&text));
        }

        #[test]
        fn latin_text_splits_as_the_segmenter_does(
            text in "[aZ0 .!?\"'(),;:\\-\r\n’‘“”„«»–—éÉøØßİıǅ…×\u{a0}\u{301}]{0,24}"
        ) {
            proptest::prop_assert_eq!(bounds(&text), segmenter_bounds(&text));
        }

        #[test]
        fn ascii_words_split_as_the_segmenter_does(
            text in "[aZ09 .:,;'_\"#\r\n\t\x0b\x0c]{0,24}"
        ) {
            proptest::prop_assert_eq!(words(&text), segmenter_words(&text));
        }

        #[test]
        fn chunks_are_known_as_each_character_is(
            text in "(?s:.{0,60})|[a. A’“”é…«»\n\u{a0}\u{301}]{0,60}"
        ) {
            let word: fn(char) -> bool = |c| WordClass::of(c).is_some();
            let sentence: fn(char) -> bool = |c| SentenceClass::of(c).is_some();
            for known in [word, sentence] {
                proptest::prop_assert_eq!(
                    all_known(&text, known),
                    text.chars().all(|c| c.is_ascii() || known(c))
                );
            }
        }

        #[test]
        fn any_ascii_words_split_as_the_segmenter_does(text in "[\\x00-\\x7f]{0,40}") {
            proptest::prop_assert_eq!(words(&text), segmenter_words(&text));
        }

        #[test]
        fn latin_words_split_as_the_segmenter_does(
            text in "[aZ09éÉøßİı .:,;'_\r\n’‘“”–—…×÷\u{a0}\u{301}\u{ad}\u{2024}]{0,24}"
        ) {
            proptest::prop_assert_eq!(words(&text), segmenter_words(&text));
        }

        #[test]
        fn any_latin_letter_words_split_as_the_segmenter_does(
            text in "[a1.:,' ’_\u{c0}-\u{24f}\u{1e00}-\u{1eff}]{0,24}"
        ) {
            proptest::prop_assert_eq!(words(&text), segmenter_words(&text));
        }

        #[test]
        fn any_text_words_split_as_the_segmenter_does(text in "(?s:.{0,40})|[a1. ’“é\n]{0,30}") {
            proptest::prop_assert_eq!(words(&text), segmenter_words(&text));
        }

        #[test]
        fn single_spacing_joins_the_words_by_spaces(
            text in "(?s:.{0,30})|[a  \t\x0b\néé–\u{a0}\u{85}\u{1680}\u{2009}\u{3000}©]{0,20}|[ab  \x01~]{0,40}"
        ) {
            let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let spaced = single_spaced(&text);
            proptest::prop_assert_eq!(matches!(spaced, Cow::Borrowed(_)), words == text);
            proptest::prop_assert_eq!(spaced, words);
        }

        #[test]
        fn no_opening_quote_mark_is_skipped(text in "(?s:.{0,40})|[a “„«»”\"‘’'é–\n]{0,30}") {
            let marks: Vec<usize> = text
                .char_indices()
                .filter(|&(_, c)| matches!(c, '“' | '„' | '«' | '"' | '‘' | '\''))
                .map(|(i, _)| i)
                .collect();
            let mut stops = Vec::new();
            let mut at = 0;
            while let Some(i) = next_opener_from(&text, at) {
                proptest::prop_assert!(text.is_char_boundary(i));
                stops.push(i);
                at = i + text[i..].chars().next().map_or(1, char::len_utf8);
            }
            proptest::prop_assert!(marks.iter().all(|m| stops.contains(m)));
        }

        #[test]
        fn closing_marks_are_found_as_by_reading_every_character(
            text in "(?s:.{0,30})|[a “„«»”\"‘’'é\n]{0,30}",
            pair in 0..6usize,
            start in 0..40usize,
        ) {
            let (opener, closer) =
                [('“', '”'), ('„', '“'), ('«', '»'), ('"', '"'), ('‘', '’'), ('\'', '\'')][pair];
            let starts: Vec<usize> =
                text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let from = starts[start % starts.len()];
            proptest::prop_assert_eq!(
                find_closer(&text, from, opener, closer),
                find_closer_by_chars(&text, from, opener, closer)
            );
        }

        #[test]
        fn abbreviations_are_found_as_by_comparing_with_each(
            word in "(?i:mr|mrs|dr|e\\.g|i\\.e|sept|approx|etc|co)|[a-zA-Z.é\u{212a}\\x00]{0,8}"
        ) {
            proptest::prop_assert_eq!(
                is_abbreviation(&word),
                ABBREVIATIONS.iter().any(|a| word.eq_ignore_ascii_case(a))
            );
        }

        #[test]
        fn openers_are_found_as_by_looking_for_their_bytes(
            text in "(?s:.{0,40})|[a “„«»”\"‘’'é–\n]{0,30}",
            from in 0..40usize,
        ) {
            let from = from.min(text.len());
            proptest::prop_assert_eq!(
                next_opener_from(&text, from),
                find_any_byte(&text.as_bytes()[from..], [b'"', b'\'', 0xC2, 0xE2]).map(|i| from + i)
            );
        }

        #[test]
        fn words_before_marks_split_as_the_segmenter_does(text in "[aZ1_.,:;' \n–é]{0,30}") {
            proptest::prop_assert_eq!(words(&text), segmenter_words(&text));
        }

        #[test]
        fn text_between_terminals_splits_as_the_segmenter_does(
            text in "(?:[aZé]{1,9}|[ \t\u{a0}]{1,3}|[\"'’”“)(]{1,3}|[.!?]|\r|\n|[0-9]{1,3}|[,:;–-]){0,24}"
        ) {
            proptest::prop_assert_eq!(bounds(&text), segmenter_bounds(&text));
        }

        #[test]
        fn skipped_text_leaves_the_runs_reading_it_leaves(
            before in "[a .!\r\n\"’)\u{a0}]{0,6}",
            skipped in "[aZ0 ,:;\t\"'’”“)(–\u{a0}é]{0,12}"
        ) {
            let class_of = |c| SentenceClass::of(c).unwrap_or(SentenceClass::Other);
            let read = |runs, text: &str| text.chars().map(class_of).fold(runs, next_runs);
            let runs = read([Run::Start; 4], &before);
            proptest::prop_assert_eq!(runs_after(&skipped, runs, class_of), read(runs, &skipped));
        }

        #[test]
        fn sentences_end_only_where_the_runs_say_one_may(
            before in "[a .!?\r\n\"’)(\u{a0}]{0,6}",
            next in "[aZ0 .!?\r\n\"’)(,\u{a0}é]",
            ahead in "[aZ0 .!?\r\n\"’)(,\u{a0}é]{0,6}",
        ) {
            let class_of = |c| SentenceClass::of(c).unwrap_or(SentenceClass::Other);
            let runs = before.chars().map(class_of).fold([Run::Start; 4], next_runs);
            let class = next.chars().map(class_of).next().expect("one character");
            let ahead = format!("{next}{ahead}");
            let breaks = breaks_before(&runs, class, || ahead.chars().map(class_of));
            proptest::prop_assert!(!breaks || may_break_after(&runs));
        }

        #[test]
        fn any_latin_letter_splits_as_the_segmenter_does(
            text in "[a. A’\u{c0}-\u{24f}\u{1e00}-\u{1eff}]{0,24}"
        ) {
            proptest::prop_assert_eq!(bounds(&text), segmenter_bounds(&text));
        }
    }

    #[test]
    fn the_latin_letter_blocks_hold_only_letters_but_two_signs() {
        for c in ('\u{C0}'..='\u{24F}').chain('\u{1E00}'..='\u{1EFF}') {
            assert_eq!(c.is_alphabetic(), !matches!(c, '×' | '÷'), "{c:?}");
        }
    }

    #[test]
    fn every_white_space_character_starts_with_a_byte_that_may_break_spacing() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let mut utf8 = [0; 4];
            let first = c.encode_utf8(&mut utf8).as_bytes()[0];
            if c.is_whitespace() {
                assert!(MAY_BREAK_SPACING[usize::from(first)], "{c:?}");
            }
        }
    }

    #[test]
    fn corpus_lines_split_as_the_segmenter_does() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut ascii_lines = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let Ok(text) = std::fs::read_to_string(entry.unwrap().path()) else {
                continue;
            };
            assert_eq!(bounds(&text), segmenter_bounds(&text));
            for line in text.lines() {
                ascii_lines += usize::from(line.is_ascii());
                assert_eq!(bounds(line), segmenter_bounds(line), "{line}");
            }
            let joined = text.replace('\n', " ");
            assert_eq!(bounds(&joined), segmenter_bounds(&joined));
            assert_eq!(words(&text), segmenter_words(&text));
        }
        assert!(ascii_lines > 500, "{ascii_lines}");
    }

    #[test]
    fn sentence_break_rules() {
        let cases = [
            ("It is 3.5 now. Next", vec!["It is 3.5 now. ", "Next"]),
            ("See U.S. Army. ok then", vec!["See U.S. ", "Army. ok then"]),
            ("Wow!? (Really.) Yes", vec!["Wow!? ", "(Really.) ", "Yes"]),
            ("One.\r\nTwo", vec!["One.\r\n", "Two"]),
            ("a. , b", vec!["a. , b"]),
            ("", vec![]),
        ];
        for (text, want) in cases {
            let got: Vec<&str> = bounds(text).iter().map(|&(s, e)| &text[s..e]).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        let text = "Day One\n\nFirst para line one.\nline two.\n\n\nLast.";
        let t = tokenize(text);
        let paras: Vec<&str> = t.paragraphs.iter().map(|p| p.span.slice(text)).collect();
        assert_eq!(
            paras,
            ["Day One", "First para line one.\nline two.", "Last."]
        );
        assert!(t.lines[1].is_blank());
    }

    #[test]
    fn sentence_cases() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "plain",
                "I went. Then I left!",
                &["I went.", "Then I left!"],
            ),
            (
                "honorific",
                "Mr. Wu spoke. Dr. Who too.",
                &["Mr. Wu spoke.", "Dr. Who too."],
            ),
            (
                "initial",
                "Mathieu R. Vellacourt talked.",
                &["Mathieu R. Vellacourt talked."],
            ),
            (
                "title line then speaker line",
                "Packaging Python: The Tricky Bits\nIlvana Trescott\nI loved it.",
                &[
                    "Packaging Python: The Tricky Bits",
                    "Ilvana Trescott",
                    "I loved it.",
                ],
            ),
            (
                "hard wrapped prose joins",
                "After lunch I went to see the talk that everyone was raving about,\nwhich was great.",
                &[
                    "After lunch I went to see the talk that everyone was raving about,\nwhich was great.",
                ],
            ),
            (
                "list items stay apart",
                "Talks:\n- One\n- Two",
                &["Talks:", "- One", "- Two"],
            ),
        ];
        for (name, text, want) in cases {
            assert_eq!(&sentences(text), want, "case {name}");
        }
    }

    proptest::proptest! {
        /// Units holding characters known to one splitter and not the other („ « … 🦀)
        /// still split into the segmenter's words, sentence by sentence.
        #[test]
        fn each_sentence_holds_the_segmenters_words(
            text in "[aZ0 .!?,\n’“”„«»…é–🦀\u{a0}]{0,60}"
        ) {
            let tokens = tokenize(&text);
            for (i, sentence) in tokens.sentences.iter().enumerate() {
                let words: Vec<(usize, usize)> = tokens
                    .sentence_words(i)
                    .iter()
                    .map(|w| (w.span.start, w.span.end))
                    .collect();
                let expected: Vec<(usize, usize)> = segmenter_words(sentence.span.slice(&text))
                    .into_iter()
                    .map(|(start, end)| (sentence.span.start + start, sentence.span.start + end))
                    .collect();
                proptest::prop_assert_eq!(words, expected);
            }
        }
    }

    #[test]
    fn words_know_their_sentence_and_paragraph() {
        let text = "Łukasz spoke. José listened.\n\nNext day.";
        let t = tokenize(text);
        let words: Vec<(&str, usize, usize)> = t
            .words
            .iter()
            .map(|w| (w.span.slice(text), w.sentence, w.paragraph))
            .collect();
        assert_eq!(
            words,
            [
                ("Łukasz", 0, 0),
                ("spoke", 0, 0),
                ("José", 1, 0),
                ("listened", 1, 0),
                ("Next", 2, 1),
                ("day", 2, 1)
            ]
        );
        assert_eq!(t.sentence_words(1).len(), 2);
        assert_eq!(t.sentence_at(text.find("José").unwrap()), Some(1));
    }

    #[test]
    fn quote_cases() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "curly",
                "on to “Introduction to CherryPy” with",
                &["Introduction to CherryPy"],
            ),
            (
                "straight",
                r#"the "Twisted" talk and "AMQP""#,
                &["Twisted", "AMQP"],
            ),
            ("single curly", "the ‘Pinax’ talk", &["Pinax"]),
            (
                "apostrophe is not a quote",
                "Guido’s keynote and Jesse’s talk",
                &[],
            ),
            (
                "possessive inside quote",
                "“Django’s design decisions”",
                &["Django’s design decisions"],
            ),
            ("unclosed", "he said “never", &[]),
            (
                "guillemets",
                "«Rust en production»",
                &["Rust en production"],
            ),
        ];
        for (name, text, want) in cases {
            assert_eq!(&quotes(text), want, "case {name}");
        }
    }

    #[test]
    fn an_unclosed_mark_leaves_other_kinds_alone() {
        assert_eq!(
            quotes("“never closed, then «Rust» and ‘Pinax’ and “more"),
            ["Rust", "Pinax"]
        );
        // Once no closing mark is left, later opening marks of that kind find none either.
        let line = "he said “never ".repeat(2_000) + "and «done»";
        assert_eq!(quotes(&line), ["done"]);
    }

    #[test]
    fn quotes_do_not_cross_paragraphs() {
        assert!(quotes("a \"b\n\nc\" d").is_empty());
    }
}
