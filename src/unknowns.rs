//! Gaps in the rules: names near talk and person cues that no rule claimed.
//!
//! A user who points recap at a new conference's posts wants to know what it missed: a
//! framework the gazetteer lacks, a speaker whose given name is not in the lexicon. This
//! module lists capitalized phrases, inline code and link targets that stand in a sentence
//! with a cue (a talk word, a presenting verb, a person already found) and that no
//! mention covers, so they can be ranked across a corpus and added to a rule pack.

use crate::extract::EntityKind;
use crate::input::Document;
use crate::pipeline::analyze;
use crate::rules::Rules;
use crate::span::Span;
use crate::tokenize::tokenize;
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// What kind of text an unclaimed candidate is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UnknownKind {
    /// A capitalized phrase ("Quillet Zorbl").
    Phrase,
    /// Inline code (`papermill`).
    Code,
    /// A link target's last path segment (a repository or package name).
    Link,
}

impl UnknownKind {
    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            UnknownKind::Phrase => "phrase",
            UnknownKind::Code => "code",
            UnknownKind::Link => "link",
        }
    }
}

/// One unclaimed candidate in one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unknown {
    /// Phrase, code or link.
    pub kind: UnknownKind,
    /// The text as written.
    pub text: String,
    /// The sentence it stands in, white space folded, cut at 100 characters.
    pub context: String,
}

/// Words that make a sentence worth mining for names.
static CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:talks?|keynotes?|panels?|tutorials?|workshops?|sessions?|presentations?|presented|presenting|spoke|speaker|gave|by|library|framework|module|package|tool|project|using|built|with)\b")
        .expect("cue pattern")
});

static PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\p{Lu}[\p{L}\p{N}.+#'’-]*(?:[ ]\p{Lu}[\p{L}\p{N}.+#'’-]*){0,3}")
        .expect("phrase pattern")
});

/// Analyzes one document and finds the candidates no rule claimed.
pub fn find(doc: &Document, rules: &Rules) -> Vec<Unknown> {
    let analysis = analyze(doc, rules);
    let tokens = tokenize(&doc.text);
    let text = doc.text.as_str();
    // Mentions and talk titles are already claimed.
    let claimed: Vec<Span> = analysis
        .mentions
        .iter()
        .map(|m| m.span)
        .chain(analysis.talks.iter().map(|t| t.span))
        .collect();
    let persons: Vec<Span> = analysis
        .mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Person)
        .map(|m| m.span)
        .collect();
    let mut out = Vec::new();
    for sentence in &tokens.sentences {
        let span = sentence.span;
        let body = span.slice(text);
        let cued = CUE.is_match(body) || persons.iter().any(|p| span.contains(*p));
        if !cued {
            continue;
        }
        let mut context = body.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some((cut, _)) = context.char_indices().nth(100) {
            context.truncate(cut);
            context.push('…');
        }
        for m in PHRASE.find_iter(body) {
            let at = Span::new(span.start + m.start(), span.start + m.end());
            // "A Flight", "Also I": leading everyday words are not part of a name.
            let mut phrase = m.as_str().trim_end_matches(['.', '\'', '’', '-']);
            let mut start = m.start();
            while let Some((first, rest)) = phrase.split_once(' ') {
                if !rules.is_non_person_word(first) && first.len() > 1 {
                    break;
                }
                start += first.len() + 1;
                phrase = rest;
            }
            let opens_sentence = body[..start].chars().all(|c| !c.is_alphanumeric());
            let single = !phrase.contains(' ');
            if phrase.is_empty()
                || claimed.iter().any(|c| c.overlaps(at))
                || single && (opens_sentence || rules.is_non_person_word(phrase))
                || phrase.split(' ').all(|w| rules.is_non_person_word(w))
                || rules.is_blocker(phrase)
                || phrase.chars().count() < 3
            {
                continue;
            }
            out.push(Unknown {
                kind: UnknownKind::Phrase,
                text: phrase.to_string(),
                context: context.clone(),
            });
        }
        for code in doc.code_spans.iter().filter(|c| span.contains(**c)) {
            if !claimed.iter().any(|c| c.overlaps(*code)) {
                out.push(Unknown {
                    kind: UnknownKind::Code,
                    text: code.slice(text).to_string(),
                    context: context.clone(),
                });
            }
        }
        for link in doc.links.iter().filter(|l| span.contains(l.span)) {
            let last = link
                .target
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or("")
                .trim_end_matches(".git");
            let plain = !last.is_empty()
                && last
                    .chars()
                    .all(|c| c.is_alphanumeric() || "-_.".contains(c));
            if plain && !claimed.iter().any(|c| c.overlaps(link.span)) {
                out.push(Unknown {
                    kind: UnknownKind::Link,
                    text: last.to_string(),
                    context: context.clone(),
                });
            }
        }
    }
    out
}

/// One ranked row of `recap unknowns`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ranked {
    /// Phrase, code or link.
    pub kind: UnknownKind,
    /// The text.
    pub text: String,
    /// Times seen.
    pub count: usize,
    /// Documents it was seen in.
    pub documents: usize,
    /// The first context it was seen in.
    pub example: String,
}

/// Ranks candidates from many documents: most documents first, then most uses, then
/// text, so the order is the same for any input order.
pub fn rank(per_document: &[Vec<Unknown>]) -> Vec<Ranked> {
    let mut table: BTreeMap<(UnknownKind, String), Ranked> = BTreeMap::new();
    for doc in per_document {
        let mut seen_here: Vec<(UnknownKind, String)> = Vec::new();
        for u in doc {
            let key = (u.kind, u.text.clone());
            let row = table.entry(key.clone()).or_insert_with(|| Ranked {
                kind: u.kind,
                text: u.text.clone(),
                count: 0,
                documents: 0,
                example: u.context.clone(),
            });
            row.count += 1;
            if !seen_here.contains(&key) {
                row.documents += 1;
                seen_here.push(key);
            }
        }
    }
    let mut rows: Vec<Ranked> = table.into_values().collect();
    rows.sort_by(|a, b| {
        b.documents
            .cmp(&a.documents)
            .then(b.count.cmp(&a.count))
            .then(a.kind.cmp(&b.kind))
            .then(a.text.cmp(&b.text))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{Format, parse};

    fn unknowns(text: &str, format: Format) -> Vec<(UnknownKind, String)> {
        let rules = Rules::builtin();
        let doc = parse("p", text.as_bytes(), format).unwrap();
        find(&doc, &rules)
            .into_iter()
            .map(|u| (u.kind, u.text))
            .collect()
    }

    #[test]
    fn unclaimed_names_near_cues() {
        let got = unknowns(
            "Composing containers on Quillet Zorbl was the theme of the talk.",
            Format::Text,
        );
        assert!(
            got.contains(&(UnknownKind::Phrase, "Quillet Zorbl".into())),
            "{got:?}"
        );
    }

    #[test]
    fn claimed_and_uncued_text_is_left_out() {
        let got = unknowns(
            "We used Django. Weather in Lisbon Town was fine.",
            Format::Text,
        );
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn code_and_links() {
        let got = unknowns(
            "The talk used `zorblify` and [this tool](https://github.com/acme/quuxer).",
            Format::Markdown,
        );
        assert!(
            got.contains(&(UnknownKind::Code, "zorblify".into())),
            "{got:?}"
        );
        assert!(
            got.contains(&(UnknownKind::Link, "quuxer".into())),
            "{got:?}"
        );
    }

    #[test]
    fn ranking_counts_documents_then_uses() {
        let u = |t: &str| Unknown {
            kind: UnknownKind::Phrase,
            text: t.into(),
            context: String::new(),
        };
        let rows = rank(&[vec![u("A"), u("A"), u("B")], vec![u("B")]]);
        let order: Vec<(&str, usize, usize)> = rows
            .iter()
            .map(|r| (r.text.as_str(), r.documents, r.count))
            .collect();
        assert_eq!(order, [("B", 2, 2), ("A", 1, 2)]);
    }
}
