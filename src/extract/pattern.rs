//! Regexes that keep Unicode word boundaries yet search at DFA speed.
//!
//! The regex engine's lazy DFA gives up on a Unicode `\b` as soon as it meets a non-ASCII
//! byte, and the engines it falls back to are many times slower over a whole post. A
//! [`Pattern`] finds candidate starts with a copy of the pattern that has no `\b` (it
//! matches wherever the original matches, and more), then confirms each candidate with the
//! original pattern anchored there. The matches are exactly those of `regex::Regex` for
//! patterns that never match the empty string.

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::meta::Regex;
use regex_automata::nfa::thompson;
use regex_automata::util::captures::Captures;
use regex_automata::util::pool::Pool;
use regex_automata::{Anchored, Input};
use std::sync::OnceLock;

/// A compiled pattern; see the module documentation.
#[derive(Clone, Debug)]
pub struct Pattern {
    exact: Regex,
    /// The pattern without `\b`, compiled on the first search: building it costs as much
    /// as the pattern, and a run whose posts never reach a rule need not pay for it.
    candidates: OnceLock<Regex>,
    source: String,
}

/// A matched group: its place in the searched text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Group<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> Group<'t> {
    /// First byte.
    pub fn start(&self) -> usize {
        self.start
    }

    /// One past the last byte.
    pub fn end(&self) -> usize {
        self.end
    }

    /// The matched text.
    pub fn as_str(&self) -> &'t str {
        &self.text[self.start..self.end]
    }
}

/// The groups of one match.
#[derive(Clone, Debug)]
pub struct Groups<'t> {
    text: &'t str,
    caps: Captures,
}

impl<'t> Groups<'t> {
    /// Group `index` (0 is the whole match), if it took part in the match.
    pub fn get(&self, index: usize) -> Option<Group<'t>> {
        self.caps.get_group(index).map(|s| Group {
            text: self.text,
            start: s.start,
            end: s.end,
        })
    }
}

impl Pattern {
    /// Compiles `pattern` (regex crate syntax).
    ///
    /// # Errors
    /// When the pattern does not compile.
    pub fn new(pattern: &str) -> Result<Pattern, String> {
        // The pattern searches only where the copy without `\b` has found a match: the
        // literal prefilters and reverse searches built for a whole text would go unused.
        let exact = unprefiltered().build(pattern).map_err(|e| e.to_string())?;
        Ok(Pattern::with_exact(pattern, exact))
    }

    /// The pattern `pattern`, already compiled as `exact` by [`unprefiltered`].
    fn with_exact(pattern: &str, exact: Regex) -> Pattern {
        Pattern {
            exact,
            candidates: OnceLock::new(),
            source: pattern.to_string(),
        }
    }

    fn candidates(&self) -> &Regex {
        self.candidates.get_or_init(|| {
            // The patterns here open with common words ("the", "a") or a large set of
            // them: a literal prefilter then stops at almost every word and costs more
            // than the lazy DFA's plain scan.
            unprefiltered()
                .build(&without_word_boundaries(&self.source))
                .expect("dropping word boundaries from a valid pattern leaves it valid")
        })
    }

    /// The first match at or after `from`; its groups are written into `caps` if given.
    fn next_match(
        &self,
        text: &str,
        from: usize,
        mut caps: Option<&mut Captures>,
    ) -> Option<(usize, usize)> {
        let candidates = self.candidates();
        let mut pos = from;
        while pos <= text.len() {
            let start = candidates.find(Input::new(text).range(pos..))?.start();
            let input = Input::new(text).range(start..).anchored(Anchored::Yes);
            let found = match caps.as_deref_mut() {
                Some(caps) => {
                    self.exact.search_captures(&input, caps);
                    caps.get_match()
                }
                None => self.exact.search(&input),
            };
            if let Some(m) = found {
                return Some((m.start(), m.end()));
            }
            pos = start + text[start..].chars().next().map_or(1, char::len_utf8);
        }
        None
    }

    /// The first match in `text`.
    pub fn find<'t>(&self, text: &'t str) -> Option<Group<'t>> {
        self.next_match(text, 0, None)
            .map(|(start, end)| Group { text, start, end })
    }

    /// Whether a match lies in `text[..end]` and starts in its last `window` bytes; the
    /// text before still counts for word boundaries. For a pattern ending in `$`, this is
    /// "does `text[..end]` end with a match" at a cost bounded by `window`.
    pub fn matches_before(&self, text: &str, end: usize, window: usize) -> bool {
        let from = look_back(text, end, window);
        let input = Input::new(&text[..end]).range(from..);
        // Where the copy without `\b` finds nothing, neither does the pattern; and that
        // copy never gives up at a non-ASCII byte as the pattern's lazy DFA does, falling
        // back to an engine many times slower.
        self.candidates().is_match(input.clone()) && self.exact.is_match(input)
    }

    /// Every non-overlapping match, left to right.
    pub fn find_iter<'p, 't>(&'p self, text: &'t str) -> impl Iterator<Item = Group<'t>> + 'p
    where
        't: 'p,
    {
        let mut pos = 0;
        std::iter::from_fn(move || {
            let (start, end) = self.next_match(text, pos, None)?;
            pos = next_start(text, start, end);
            Some(Group { text, start, end })
        })
    }

    /// The match that starts at `start`, with its groups. A caller that knows where
    /// matches may start asks there instead of searching the text between.
    pub fn captures_at<'t>(&self, text: &'t str, start: usize) -> Option<Groups<'t>> {
        let input = Input::new(text).range(start..).anchored(Anchored::Yes);
        // The copy without `\b` rejects most places at lazy DFA speed.
        if !self.candidates().is_match(input.clone()) {
            return None;
        }
        let mut caps = self.exact.create_captures();
        self.exact.search_captures(&input, &mut caps);
        caps.is_match().then_some(Groups { text, caps })
    }

    /// The match that starts at `start`: [`Pattern::captures_at`] without the groups,
    /// whose engines cost the most.
    pub fn find_at<'t>(&self, text: &'t str, start: usize) -> Option<Group<'t>> {
        let input = Input::new(text).range(start..).anchored(Anchored::Yes);
        if !self.candidates().is_match(input.clone()) {
            return None;
        }
        let m = self.exact.search(&input)?;
        Some(Group {
            text,
            start: m.start(),
            end: m.end(),
        })
    }

    /// Every non-overlapping match with its groups, left to right.
    pub fn captures_iter<'p, 't>(&'p self, text: &'t str) -> impl Iterator<Item = Groups<'t>> + 'p
    where
        't: 'p,
    {
        let mut pos = 0;
        std::iter::from_fn(move || {
            let mut caps = self.exact.create_captures();
            let (start, end) = self.next_match(text, pos, Some(&mut caps))?;
            pos = next_start(text, start, end);
            Some(Groups { text, caps })
        })
    }
}

/// A pattern ending in `$`, asked whether a text ends with a match: read backwards from
/// the end, a search stops where no match can start any more, a few bytes back, where
/// [`Pattern::matches_before`] reads its whole window forwards.
pub struct EndPattern {
    /// Asked where the backward search gives up.
    forward: Pattern,
    /// The pattern reversed, as a lazy DFA.
    backward: DFA,
    /// The lazy DFA's caches, one for each thread searching at once.
    caches: Pool<Cache, Box<dyn Fn() -> Cache + Send + Sync>>,
}

impl EndPattern {
    /// Compiles `pattern`, whose every match must end where the text ends: a pattern
    /// that ends in `$` outside any alternation ("(?i)(?:a|b)$", not "a|b$").
    ///
    /// # Errors
    /// When the pattern does not compile or does not end in `$`.
    pub fn new(pattern: &str) -> Result<EndPattern, String> {
        if !pattern.ends_with('$') {
            return Err(format!("{pattern} does not end in $"));
        }
        // Parsed once for both directions: parsing a large case-insensitive pattern with
        // Unicode classes costs a good part of compiling it.
        let hir = regex_automata::util::syntax::parse(pattern).map_err(|e| e.to_string())?;
        let exact = unprefiltered()
            .build_from_hir(&hir)
            .map_err(|e| e.to_string())?;
        let reversed = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .reverse(true)
                    .which_captures(thompson::WhichCaptures::None),
            )
            .build_from_hir(&hir)
            .map_err(|e| e.to_string())?;
        let backward = DFA::builder()
            .configure(DFA::config().unicode_word_boundary(true))
            .build_from_nfa(reversed)
            .map_err(|e| e.to_string())?;
        let for_caches = backward.clone();
        Ok(EndPattern {
            forward: Pattern::with_exact(pattern, exact),
            backward,
            caches: Pool::new(Box::new(move || for_caches.create_cache())),
        })
    }

    /// What [`Pattern::matches_before`] tells for this pattern: whether `text[..end]`
    /// ends with a match that starts in its last `window` bytes.
    pub fn matches_before(&self, text: &str, end: usize, window: usize) -> bool {
        let from = look_back(text, end, window);
        let input = Input::new(&text[..end])
            .range(from..)
            .anchored(Anchored::Yes)
            .earliest(true);
        match self.backward.try_search_rev(&mut self.caches.get(), &input) {
            Ok(found) => found.is_some(),
            // A Unicode `\b` next to a non-ASCII byte, or a cache too small.
            Err(_) => self.forward.matches_before(text, end, window),
        }
    }
}

/// The first character boundary of `text` at most `window` bytes before `end`.
pub fn look_back(text: &str, end: usize, window: usize) -> usize {
    let mut from = end.saturating_sub(window);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    from
}

/// A builder for the patterns here, without literal prefilters: each is searched in
/// short texts or windows, or where a cheaper search has found a candidate, so a
/// prefilter would cost more to build than it saves (the comments at each use say why).
fn unprefiltered() -> regex_automata::meta::Builder {
    let mut builder = Regex::builder();
    builder.configure(Regex::config().auto_prefilter(false));
    builder
}

/// Where the search after a match resumes; past an empty match, one character on.
fn next_start(text: &str, start: usize, end: usize) -> usize {
    if end > start {
        end
    } else {
        end + text[end..].chars().next().map_or(1, char::len_utf8)
    }
}

/// `pattern` with every `\b` removed: dropping an assertion only adds matches.
fn without_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b') => {}
            Some(next) => {
                out.push('\\');
                out.push(next);
            }
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_boundaries_are_removed_but_escapes_kept() {
        assert_eq!(
            without_word_boundaries(r"(?i)\bby\s+\\b\.(?-u:\b)"),
            r"(?i)by\s+\\b\.(?-u:)"
        );
    }

    #[test]
    fn unicode_boundaries_hold_next_to_non_ascii_letters() {
        let p = Pattern::new(r"\b(?:on|talk)\b").expect("compiles");
        let got: Vec<&str> = p
            .find_iter("Sørenson talké on talk, ötalk talk")
            .map(|m| m.as_str())
            .collect();
        assert_eq!(got, ["on", "talk", "talk"]);
        let starts: Vec<usize> = p
            .find_iter("Sørenson talké on talk, ötalk talk")
            .map(|m| m.start())
            .collect();
        let want: Vec<usize> = regex::Regex::new(r"\b(?:on|talk)\b")
            .expect("compiles")
            .find_iter("Sørenson talké on talk, ötalk talk")
            .map(|m| m.start())
            .collect();
        assert_eq!(starts, want);
    }

    #[test]
    fn a_bounded_look_back_keeps_word_boundaries() {
        let p = Pattern::new(r"\bby\s+$").expect("compiles");
        let text = "a talk by ";
        assert!(p.matches_before(text, text.len(), 4));
        assert!(!p.matches_before(text, text.len(), 2));
        // The window starts inside "standby", whose "s" still counts as a letter.
        assert!(!p.matches_before("standby ", 8, 3));
    }

    #[test]
    fn a_pattern_read_backwards_finds_what_it_finds_forwards() {
        let pattern = r"(?i)\b(?:by|with)\s+$";
        let backward = EndPattern::new(pattern).expect("compiles");
        let forward = Pattern::new(pattern).expect("compiles");
        for text in [
            "a talk by ",
            "standby ",
            "Zoë with ",
            "Zoëwith ",
            "by  ",
            "x",
        ] {
            for window in 0..12 {
                assert_eq!(
                    backward.matches_before(text, text.len(), window),
                    forward.matches_before(text, text.len(), window),
                    "{text:?} {window}"
                );
            }
        }
        assert!(EndPattern::new(r"\bby\b").is_err());
    }

    #[test]
    fn groups_match_the_regex_crate() {
        let pattern = r"(?i)\b(talk|panel)\s+by\s+(\p{Lu}\w+)";
        let text = "Le talk by Zoë, the ëpanel by Ana and the panel by Émile.";
        let p = Pattern::new(pattern).expect("compiles");
        let re = regex::Regex::new(pattern).expect("compiles");
        let got: Vec<(String, String)> = p
            .captures_iter(text)
            .map(|c| {
                (
                    c.get(1).expect("kind").as_str().to_string(),
                    c.get(2).expect("name").as_str().to_string(),
                )
            })
            .collect();
        let want: Vec<(String, String)> = re
            .captures_iter(text)
            .map(|c| (c[1].to_string(), c[2].to_string()))
            .collect();
        assert_eq!(got, want);
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn captures_at_finds_the_match_starting_there() {
        let pattern = r"(?i)\b(talk|panel)\s+by\s+(\p{Lu}\w+)";
        let text = "Le talk by Zoë, the ëpanel by Ana and the panel by Émile.";
        let p = Pattern::new(pattern).expect("compiles");
        let starts: Vec<usize> = p
            .captures_iter(text)
            .map(|c| c.get(0).expect("m").start())
            .collect();
        let at: Vec<usize> = (0..text.len())
            .filter(|&i| text.is_char_boundary(i))
            .filter_map(|i| p.captures_at(text, i))
            .map(|c| c.get(0).expect("m").start())
            .collect();
        assert_eq!(at, starts);
        assert_eq!(
            p.captures_at(text, 3)
                .and_then(|c| c.get(2))
                .map(|g| g.as_str()),
            Some("Zoë")
        );
    }

    #[test]
    fn find_at_finds_the_match_captures_at_finds() {
        let p = Pattern::new(r"(?i)\b(talk|panel)\s+by\s+(\p{Lu}\w+)").expect("compiles");
        let text = "Le talk by Zoë, the ëpanel by Ana and the panel by Émile.";
        for i in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let want = p.captures_at(text, i).and_then(|c| c.get(0));
            assert_eq!(p.find_at(text, i), want, "at {i}");
        }
    }
}
