//! From mentions to entities: aliases, canonical names, and one talk per session.
//!
//! Bloggers write "Jacob Kaplan-Moss", later "Jacob", and once "Jacob Kalpan-Moss"; they
//! name a talk by its title, then call it "the ORM panel". Resolution joins such forms
//! within a post: the canonical person is the most complete form (a speaker's spelling
//! first when two are equally complete), and a talk reference joins the talk it refers to.

use crate::extract::persons::FoldedName;
use crate::extract::{EntityKind, Extraction, TalkMention};
use crate::layout::Layout;
use crate::rules::{Rules, TalkKind, fold};
use crate::span::Span;
use std::collections::{BTreeMap, HashMap, HashSet};

/// One thing a document names, with every form it is named by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    /// Person, project or day.
    pub kind: EntityKind,
    /// Canonical name.
    pub name: String,
    /// Other surface forms used in the document, sorted.
    pub aliases: Vec<String>,
    /// How many mentions name it.
    pub mentions: usize,
    /// Talks it is a speaker of (persons only).
    pub talks_given: usize,
}

/// One session, after references to it are merged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Talk {
    /// Title as the post gives it.
    pub title: String,
    /// Session kind.
    pub kind: TalkKind,
    /// Canonical speaker names.
    pub speakers: Vec<String>,
    /// The day marker of the section holding its first mention.
    pub day: Option<String>,
    /// Where it is first mentioned.
    pub span: Span,
    /// The rule of the mention that gave the title.
    pub rule: &'static str,
    /// How many mentions were merged into it.
    pub mentions: usize,
}

#[cfg(test)]
impl Talk {
    /// A talk as later stages' tests need one: no position, no rule.
    pub(crate) fn for_test(
        title: &str,
        kind: TalkKind,
        speakers: &[&str],
        day: Option<&str>,
    ) -> Talk {
        Talk {
            title: title.to_string(),
            kind,
            speakers: speakers.iter().map(|s| s.to_string()).collect(),
            day: day.map(str::to_string),
            span: Span::new(0, 0),
            rule: "test",
            mentions: 1,
        }
    }
}

/// A document's entities and talks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Resolved {
    /// Entities sorted by kind, then name.
    pub entities: Vec<Entity>,
    /// For each mention of the extraction, the index of its entity.
    pub mention_entity: Vec<usize>,
    /// Talks in text order.
    pub talks: Vec<Talk>,
}

/// Resolves one document's extraction.
pub fn resolve(text: &str, extraction: &Extraction, layout: &Layout, rules: &Rules) -> Resolved {
    let _ = rules;
    let speaker_names: Vec<&str> = extraction
        .talks
        .iter()
        .flat_map(|t| t.speakers.iter().map(String::as_str))
        .collect();
    let person_canon = person_clusters(extraction, &speaker_names);
    let mut keys: Vec<(EntityKind, String)> = Vec::with_capacity(extraction.mentions.len());
    for m in &extraction.mentions {
        let name = match m.kind {
            EntityKind::Person => person_canon
                .get(&m.name)
                .cloned()
                .unwrap_or_else(|| m.name.clone()),
            _ => m.name.clone(),
        };
        keys.push((m.kind, name));
    }
    // Projects and days: one entity per folded name, named by the most used form.
    // Each key's group, folded once.
    let groups: Vec<(EntityKind, String)> = keys
        .iter()
        .map(|(kind, name)| {
            let group = match kind {
                EntityKind::Person => name.clone(),
                _ => fold(name),
            };
            (*kind, group)
        })
        .collect();
    let mut forms: BTreeMap<(EntityKind, String), BTreeMap<String, (usize, usize)>> =
        BTreeMap::new();
    for (i, ((_, name), group)) in keys.iter().zip(&groups).enumerate() {
        let entry = forms.entry(group.clone()).or_default();
        let e = entry.entry(name.clone()).or_insert((0, i));
        e.0 += 1;
    }
    let mut entities: Vec<Entity> = Vec::new();
    let mut index_of: BTreeMap<(EntityKind, String), usize> = BTreeMap::new();
    for ((kind, group), names) in &forms {
        let canonical = match kind {
            EntityKind::Day => names
                .iter()
                .min_by_key(|(_, (_, first))| *first)
                .map(|(n, _)| n.clone()),
            _ => names
                .iter()
                .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))
                .map(|(n, _)| n.clone()),
        }
        .unwrap_or_default();
        index_of.insert((*kind, group.clone()), entities.len());
        entities.push(Entity {
            kind: *kind,
            name: canonical,
            aliases: Vec::new(),
            mentions: 0,
            talks_given: 0,
        });
    }
    let mut mention_entity = Vec::with_capacity(keys.len());
    for (i, group) in groups.iter().enumerate() {
        let e = index_of[group];
        entities[e].mentions += 1;
        let surface = surface_form(extraction.mentions[i].span.slice(text));
        if surface != entities[e].name && !entities[e].aliases.contains(&surface) {
            entities[e].aliases.push(surface);
        }
        mention_entity.push(e);
    }
    let talks = merge_talks(text, &extraction.talks, layout, &person_canon);
    for t in &talks {
        for s in &t.speakers {
            if let Some(&e) = index_of.get(&(EntityKind::Person, s.clone())) {
                entities[e].talks_given += 1;
            }
        }
    }
    for e in &mut entities {
        e.aliases.sort();
    }
    // Entities sorted by kind then name; remap mention indices.
    let mut order: Vec<usize> = (0..entities.len()).collect();
    order.sort_by(|&a, &b| {
        (entities[a].kind, &entities[a].name).cmp(&(entities[b].kind, &entities[b].name))
    });
    let mut new_index = vec![0; entities.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let entities = order.iter().map(|&i| entities[i].clone()).collect();
    Resolved {
        entities,
        mention_entity: mention_entity.into_iter().map(|i| new_index[i]).collect(),
        talks,
    }
}

/// A surface form without a possessive, white space folded.
fn surface_form(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    s.strip_suffix("’s")
        .or_else(|| s.strip_suffix("'s"))
        .map_or(s.clone(), str::to_string)
}

/// Maps each person name used in the document to its canonical name.
fn person_clusters(extraction: &Extraction, speakers: &[&str]) -> BTreeMap<String, String> {
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new(); // name -> (count, first)
    for (i, m) in extraction.mentions.iter().enumerate() {
        if m.kind == EntityKind::Person {
            counts.entry(m.name.as_str()).or_insert((0, i)).0 += 1;
        }
    }
    for s in speakers {
        counts.entry(s).or_insert((0, usize::MAX)).0 += 1;
    }
    let names: Vec<&str> = counts.keys().copied().collect();
    let parts = |n: &str| n.split_whitespace().count();
    let speaker_set: HashSet<&str> = speakers.iter().copied().collect();
    // Rank: more parts, then used as a speaker, then more uses, then earlier; computed
    // once per name rather than at every comparison of the sort.
    let mut canon: BTreeMap<String, String> = BTreeMap::new();
    let mut ranked: Vec<(_, &str)> = counts
        .iter()
        .filter(|(n, _)| parts(n) >= 2)
        .map(|(&n, &(count, first))| {
            let rank = (
                parts(n),
                speaker_set.contains(n),
                count,
                std::cmp::Reverse(first),
            );
            (rank, n)
        })
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let full: Vec<&str> = ranked.into_iter().map(|(_, n)| n).collect();
    // Two full names of one person share their folded first name (see `same_person`),
    // so each name is compared only with the heads under its own first name, in the
    // order they became heads.
    let mut heads: Vec<(&str, FoldedName)> = Vec::new();
    let mut heads_by_first: HashMap<String, Vec<usize>> = HashMap::new();
    for n in &full {
        let folded = FoldedName::new(n);
        let same_first = heads_by_first.entry(folded.parts[0].clone()).or_default();
        match same_first
            .iter()
            .find(|&&h| same_person(&heads[h].1, &folded))
        {
            Some(&h) => {
                canon.insert(n.to_string(), heads[h].0.to_string());
            }
            None => {
                same_first.push(heads.len());
                heads.push((n, folded));
                canon.insert(n.to_string(), n.to_string());
            }
        }
    }
    // A short form is a head's first name, its surname, or a near spelling of the first
    // name (which starts with the same letter): only those heads can claim it.
    let mut by_last: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_initial: HashMap<Option<char>, Vec<usize>> = HashMap::new();
    for (i, (_, folded)) in heads.iter().enumerate() {
        by_last
            .entry(&folded.parts[folded.parts.len() - 1])
            .or_default()
            .push(i);
        by_initial
            .entry(folded.parts[0].chars().next())
            .or_default()
            .push(i);
    }
    let mut candidates: Vec<usize> = Vec::new();
    for n in names.iter().filter(|n| parts(n) == 1) {
        let short = fold(n);
        candidates.clear();
        candidates.extend(by_last.get(short.as_str()).into_iter().flatten());
        candidates.extend(by_initial.get(&short.chars().next()).into_iter().flatten());
        candidates.sort_unstable();
        candidates.dedup();
        let mut matches = candidates
            .iter()
            .filter(|&&h| heads[h].1.has_short_form(&short));
        let target = match (matches.next(), matches.next()) {
            (Some(&h), None) => heads[h].0.to_string(),
            _ => n.to_string(),
        };
        canon.insert(n.to_string(), target);
    }
    canon
}

/// Whether two full names are one person: equal once folded, one extends the other
/// ("Francesc Campoy" / "Francesc Campoy Flores"), or the same first name with a surname
/// a slip of the keyboard away ("Kaplan-Moss" / "Kalpan-Moss").
fn same_person(a: &FoldedName, b: &FoldedName) -> bool {
    let (fa, fb) = (&a.parts, &b.parts);
    if fa == fb {
        return true;
    }
    let (long, short) = if fa.len() >= fb.len() {
        (fa, fb)
    } else {
        (fb, fa)
    };
    if short.len() >= 2 && long.starts_with(short) {
        return true;
    }
    if fa.len() == fb.len() && fa[0] == fb[0] && fa[1..fa.len() - 1] == fb[1..fb.len() - 1] {
        let (la, lb) = (&fa[fa.len() - 1], &fb[fb.len() - 1]);
        let shortest = la.chars().count().min(lb.chars().count());
        let distance = strsim::damerau_levenshtein(la, lb);
        return shortest >= 5 && distance <= 2 || shortest >= 3 && distance <= 1 && shortest >= 4;
    }
    false
}

/// Rank of a rule's title: structure beats prose beats references.
fn title_strength(rule: &str) -> u8 {
    match rule {
        "talk/list-line"
        | "talk/title-over-speaker"
        | "talk/quoted-title"
        | "talk/heading"
        | "talk/described-title"
        | "talk/list-block"
        | "talk/title-over-handle" => 0,
        "talk/possessive" | "talk/by-phrase" | "talk/subject-verb" | "talk/kind-on-topic"
        | "talk/bof" => 1,
        _ => 2,
    }
}

/// Words of a title that carry meaning, folded.
fn content_words(title: &str) -> Vec<String> {
    const STOP: &[&str] = &[
        "the",
        "a",
        "an",
        "of",
        "on",
        "in",
        "and",
        "to",
        "for",
        "with",
        "about",
        "talk",
        "keynote",
        "session",
        "presentation",
    ];
    fold(title)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !STOP.contains(w))
        .map(str::to_string)
        .collect()
}

fn merge_talks(
    text: &str,
    mentions: &[TalkMention],
    layout: &Layout,
    canon: &BTreeMap<String, String>,
) -> Vec<Talk> {
    let day_of = |span: Span| {
        layout
            .section_at(span.start)
            .map(|i| crate::extract::days::normalize(layout.sections[i].label.slice(text)))
    };
    // Each talk with its title strength and its folded title and words, computed once.
    let mut talks: Vec<(Talk, u8, String, Vec<String>)> = Vec::new();
    for m in mentions {
        let speakers: Vec<String> = m
            .speakers
            .iter()
            .map(|s| canon.get(s).cloned().unwrap_or_else(|| s.clone()))
            .collect();
        let day = day_of(m.span);
        let words = content_words(&m.title);
        let folded = fold(&m.title);
        let strength = if m.reference {
            2
        } else {
            title_strength(m.rule)
        };
        let same_title = talks.iter().position(|(t, _, title, _)| {
            *title == folded
                && (t.speakers.is_empty()
                    || speakers.is_empty()
                    || t.speakers.iter().any(|s| speakers.contains(s)))
        });
        // A titled talk after a bare reference to it ("The opening keynote was by X.
        // Her talk, “T”, …") takes the reference's place.
        let replaces = same_title.or_else(|| {
            (strength == 0 && !speakers.is_empty()).then(|| {
                talks.iter().rposition(|(t, s, _, _)| {
                    *s == 2
                        && (t.day == day || t.day.is_none())
                        && t.speakers.iter().any(|x| speakers.contains(x))
                })
            })?
        });
        let joins = replaces.or_else(|| {
            if strength == 0 {
                return None;
            }
            talks.iter().rposition(|(t, _, _, tw)| {
                let same_day = t.day == day || t.day.is_none() || day.is_none();
                let shared_speaker =
                    !speakers.is_empty() && t.speakers.iter().any(|s| speakers.contains(s));
                let contained = !words.is_empty()
                    && !tw.is_empty()
                    && (words.iter().all(|w| tw.contains(w))
                        || tw.iter().all(|w| words.contains(w)));
                let speakers_agree = speakers.is_empty() || t.speakers.is_empty() || shared_speaker;
                // A reference by title ("the ORM panel") may point back to any day.
                (m.reference && shared_speaker && same_day)
                    || (m.reference && contained && speakers_agree)
            })
        });
        match joins {
            Some(i) => {
                let (t, s, title, title_words) = &mut talks[i];
                t.mentions += 1;
                for sp in speakers {
                    if !t.speakers.contains(&sp) {
                        t.speakers.push(sp);
                    }
                }
                if strength < *s {
                    t.title = m.title.clone();
                    t.rule = m.rule;
                    *s = strength;
                    *title = folded;
                    *title_words = words;
                }
                if t.day.is_none() {
                    t.day = day;
                }
                if t.kind == TalkKind::Talk {
                    t.kind = m.kind;
                }
            }
            None => talks.push((
                Talk {
                    title: m.title.clone(),
                    kind: m.kind,
                    speakers,
                    day,
                    span: m.span,
                    rule: m.rule,
                    mentions: 1,
                },
                strength,
                folded,
                words,
            )),
        }
    }
    talks
        .into_iter()
        // A bare "talk" names no session a reader could find; a bare "keynote" with its
        // speaker does. The words kept are those of the talk's current title.
        .filter(|(t, _, _, words)| !(words.is_empty() && t.kind == TalkKind::Talk))
        .map(|(t, ..)| t)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_person_cases() {
        let cases = [
            ("Jacob Kaplan-Moss", "Jacob Kalpan-Moss", true),
            ("Francesc Campoy Flores", "Francesc Campoy", true),
            ("José Valim", "Jose Valim", true),
            ("Jesse Noller", "Jesse Jackson", false),
            ("Ana Lima", "Ana Lins", false),
        ];
        for (a, b, want) in cases {
            let (fa, fb) = (FoldedName::new(a), FoldedName::new(b));
            assert_eq!(same_person(&fa, &fb), want, "{a} / {b}");
        }
    }

    #[test]
    fn content_words_drop_kind_nouns() {
        assert_eq!(content_words("the Django talk"), ["django"]);
    }
}
