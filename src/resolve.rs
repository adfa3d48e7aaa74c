//! From mentions to entities: aliases, canonical names, and one talk per session.
//!
//! Bloggers write "Jacob Kaplan-Moss", later "Jacob", and once "Jacob Kalpan-Moss"; they
//! name a talk by its title, then call it "the ORM panel". Resolution joins such forms
//! within a post: the canonical person is the most complete form (a speaker's spelling
//! first when two are equally complete), and a talk reference joins the talk it refers to.

use crate::extract::persons::is_short_form;
use crate::extract::{EntityKind, Extraction, TalkMention};
use crate::layout::Layout;
use crate::rules::{Rules, TalkKind, fold, fold_into, within_edits};
use crate::span::Span;
use crate::swar::{HIGHS, ONES, any_byte, ascii_bytes_between, first_flagged};
use crate::tokenize::{is_ascii_white_space, single_spaced};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::ops::Range;

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
    let persons = PersonNames::new(extraction);
    let canon = person_clusters(&persons);
    // Persons: one entity per canonical name, found by its number. Projects and days: one
    // entity per folded name, named by the most used form. Each distinct name is folded
    // once. No map here is iterated, so their order never reaches a report.
    let mut groups: Vec<Group> = Vec::with_capacity(extraction.mentions.len());
    let mut forms: Vec<Form> = Vec::with_capacity(extraction.mentions.len());
    let mut group_of: FxHashMap<(EntityKind, Cow<str>), (usize, usize)> =
        capacity(extraction.mentions.len());
    let mut form_of: FxHashMap<(EntityKind, &str), usize> = capacity(extraction.mentions.len());
    // A person's forms are all its canonical name: one form for each canonical name.
    let mut person_form: Vec<Option<usize>> = vec![None; persons.len()];
    let mut person_ids = persons.mention_ids.iter();
    let mut mention_entity = Vec::with_capacity(extraction.mentions.len());
    for m in &extraction.mentions {
        let form = if m.kind == EntityKind::Person {
            let id = canon[*person_ids.next().expect("an id for each person mention")];
            *person_form[id].get_or_insert_with(|| {
                groups.push(Group {
                    kind: m.kind,
                    canonical: forms.len(),
                });
                forms.push(Form {
                    group: groups.len() - 1,
                    name: persons.name(id),
                    count: 0,
                });
                forms.len() - 1
            })
        } else {
            *form_of.entry((m.kind, &m.name)).or_insert_with(|| {
                let new = (groups.len(), forms.len());
                let (group, first_form) = *group_of.entry((m.kind, folded(&m.name))).or_insert(new);
                if group == new.0 {
                    groups.push(Group {
                        kind: m.kind,
                        canonical: first_form,
                    });
                }
                // A name new to `form_of` is new to its group too.
                forms.push(Form {
                    group,
                    name: &m.name,
                    count: 0,
                });
                new.1
            })
        };
        forms[form].count += 1;
        mention_entity.push(forms[form].group);
    }
    choose_canonical_forms(&mut groups, &forms);
    let mut entities: Vec<Entity> = groups
        .iter()
        .map(|g| Entity {
            kind: g.kind,
            name: forms[g.canonical].name.to_string(),
            aliases: Vec::new(),
            mentions: 0,
            talks_given: 0,
        })
        .collect();
    // An entity is mostly named the same way again and again: a spelling just looked at
    // for its entity adds no alias, and is not normalized again.
    let mut last_spelling: Vec<Option<&str>> = vec![None; entities.len()];
    for (m, &e) in extraction.mentions.iter().zip(&mention_entity) {
        let entity = &mut entities[e];
        entity.mentions += 1;
        let spelling = m.span.slice(text);
        if last_spelling[e] == Some(spelling) {
            continue;
        }
        last_spelling[e] = Some(spelling);
        let surface = surface_form(spelling);
        if *surface != entity.name && !entity.aliases.iter().any(|a| **a == *surface) {
            entity.aliases.push(surface.into_owned());
        }
    }
    let mut talks_given = vec![0; persons.len()];
    let talks = merge_talks(
        text,
        &extraction.talks,
        layout,
        &persons,
        &canon,
        &mut talks_given,
    );
    for (form, given) in person_form.iter().zip(talks_given) {
        if let Some(form) = form {
            entities[forms[*form].group].talks_given = given;
        }
    }
    for e in &mut entities {
        e.aliases.sort();
    }
    // Entities sorted by kind then name; remap mention indices.
    let order = kind_and_name_order(&entities);
    let mut new_index = vec![0; entities.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut slots: Vec<Option<Entity>> = entities.into_iter().map(Some).collect();
    let entities = order
        .iter()
        .map(|&i| slots[i].take().expect("each entity once"))
        .collect();
    Resolved {
        entities,
        mention_entity: mention_entity.into_iter().map(|i| new_index[i]).collect(),
        talks,
    }
}

/// The indices of `entities` in the order of their kinds, then names.
///
/// Names mostly differ in their first bytes: the kind and those bytes, as one number
/// with the index below it, are sorted as numbers, which compare in a move or two
/// where a tuple of a string would be compared field by field. Only entities whose
/// numbers tie are then sorted by name. (No two entities share kind and name.)
fn kind_and_name_order(entities: &[Entity]) -> Vec<usize> {
    let mut keys: Vec<u128> = entities
        .iter()
        .enumerate()
        .map(|(i, e)| u128::from(leading_key(e.kind, &e.name)) << 64 | i as u128)
        .collect();
    keys.sort_unstable();
    let mut order: Vec<usize> = keys.iter().map(|&key| key as u64 as usize).collect();
    let mut start = 0;
    for tie in keys.chunk_by(|a, b| a >> 64 == b >> 64) {
        let end = start + tie.len();
        if tie.len() > 1 {
            order[start..end].sort_unstable_by_key(|&i| entities[i].name.as_str());
        }
        start = end;
    }
    order
}

/// An entity's kind and the first seven bytes of its name as one number that orders as
/// the pair does, where the name's bytes tell them apart: the sort compares one number
/// where it would compare the kinds, then the names' first bytes.
fn leading_key(kind: EntityKind, name: &str) -> u64 {
    u64::from(kind as u8) << 56 | leading_bytes(name) >> 8
}

/// The first eight bytes of `s` as a number that orders as the bytes do, a shorter `s`
/// padded with zeros: of two strings, the one with the smaller number is the smaller.
///
/// A copy of a slice of any length into an array is a call to copy memory, which costs
/// more than the bytes of a short name: the bytes are read in overlapping pieces
/// instead (two of four bytes, or three single bytes), each set where it belongs.
fn leading_bytes(s: &str) -> u64 {
    let bytes = s.as_bytes();
    let len = bytes.len();
    let be32 = |at: usize| {
        u64::from(u32::from_be_bytes(
            *bytes[at..].first_chunk().expect("four bytes"),
        ))
    };
    let byte = |at: usize| u64::from(bytes[at]) << (56 - 8 * at);
    match len {
        8.. => u64::from_be_bytes(*bytes.first_chunk().expect("eight bytes")),
        4..8 => be32(0) << 32 | be32(len - 4) << (8 * (8 - len)),
        1..4 => byte(0) | byte(len / 2) | byte(len - 1),
        0 => 0,
    }
}

/// The mentions that make one entity, by the names they give it.
struct Group {
    kind: EntityKind,
    /// The [`Form`] that names the entity; its first form until all are counted.
    canonical: usize,
}

/// One name of a [`Group`], and how many mentions give it. The forms of all groups lie
/// in one vector, in the order of their first mentions: most groups have a single form,
/// which would otherwise take a vector each.
struct Form<'e> {
    group: usize,
    name: &'e str,
    count: usize,
}

/// Names each group by its canonical form: a day by its first form, anything else by its
/// most used (the first on a tie). `forms` are in the order of their first mentions, so
/// a later form names its group only when it is used more.
fn choose_canonical_forms(groups: &mut [Group], forms: &[Form]) {
    for (i, form) in forms.iter().enumerate() {
        let group = &mut groups[form.group];
        if group.kind != EntityKind::Day && form.count > forms[group.canonical].count {
            group.canonical = i;
        }
    }
}

/// An empty map with room for `n` entries, so that filling it never rehashes.
fn capacity<K, V>(n: usize) -> FxHashMap<K, V> {
    FxHashMap::with_capacity_and_hasher(n, Default::default())
}

/// [`fold`], without a copy when there is nothing to fold (ASCII without capitals).
fn folded(name: &str) -> Cow<'_, str> {
    if name
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(name)
    } else {
        Cow::Owned(fold(name))
    }
}

/// A surface form without a possessive, white space folded.
fn surface_form(s: &str) -> Cow<'_, str> {
    let strip = |s: &str| -> Option<usize> {
        let stripped = s.strip_suffix("’s").or_else(|| s.strip_suffix("'s"))?;
        Some(stripped.len())
    };
    match single_spaced(s) {
        Cow::Borrowed(s) => Cow::Borrowed(strip(s).map_or(s, |len| &s[..len])),
        Cow::Owned(mut s) => {
            if let Some(len) = strip(&s) {
                s.truncate(len);
            }
            Cow::Owned(s)
        }
    }
}

/// The person names of a document, mentions' and speakers', each distinct name numbered
/// once: the clustering, the entities and the talks then find a name's use, its
/// canonical name and its entity by that number, where each would hash the name again.
struct PersonNames<'e> {
    names: Interned<'e>,
    /// Each name's use, by number.
    uses: Vec<NameUse>,
    /// The folded parts of every name, in the order the names were numbered.
    folded: FoldedWords,
    /// The number of each person mention's name, in the order of the mentions.
    mention_ids: Vec<usize>,
    /// The number of each speaker's name, talk mention after talk mention.
    speaker_ids: Vec<usize>,
}

impl<'e> PersonNames<'e> {
    fn new(extraction: &'e Extraction) -> PersonNames<'e> {
        let speakers = extraction.talks.iter().map(|t| t.speakers.len()).sum();
        // Room for every name to be new, of two parts, so that numbering them grows no
        // vector.
        let names = extraction.mentions.len() + speakers;
        let bytes = person_name_bytes(extraction);
        let mut persons = PersonNames {
            names: Interned::with_capacity(names),
            uses: Vec::with_capacity(names),
            folded: FoldedWords::with_capacity(2 * names, bytes),
            mention_ids: Vec::with_capacity(extraction.mentions.len()),
            speaker_ids: Vec::with_capacity(speakers),
        };
        for (i, m) in extraction.mentions.iter().enumerate() {
            if m.kind == EntityKind::Person {
                let id = persons.id(&m.name, i);
                persons.mention_ids.push(id);
            }
        }
        for s in extraction.talks.iter().flat_map(|t| &t.speakers) {
            let id = persons.id(s, usize::MAX);
            persons.uses[id].speaker = true;
            persons.speaker_ids.push(id);
        }
        persons
    }

    /// Numbers one more use of `name`, its parts folded when first seen (at mention
    /// `first`, `usize::MAX` for a speaker).
    fn id(&mut self, name: &'e str, first: usize) -> usize {
        let id = self.names.id(name);
        if id == self.uses.len() {
            let words = self.folded.push_parts(name);
            self.uses.push(NameUse::new(words, first));
        }
        self.uses[id].count += 1;
        id
    }

    /// How many distinct names there are.
    fn len(&self) -> usize {
        self.uses.len()
    }

    fn name(&self, id: usize) -> &'e str {
        self.names.name(id)
    }
}

/// How many bytes the person names of an extraction take, mentions' and speakers'.
fn person_name_bytes(extraction: &Extraction) -> usize {
    let mentions: usize = extraction
        .mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Person)
        .map(|m| m.name.len())
        .sum();
    let speakers: usize = extraction
        .talks
        .iter()
        .flat_map(|t| &t.speakers)
        .map(String::len)
        .sum();
    mentions + speakers
}

/// The number of each person name's canonical name (see [`PersonNames`]).
///
/// The names are iterated in the order they were numbered, but only to be sorted by a
/// total order or to answer each name on its own, so that order never shows.
fn person_clusters(persons: &PersonNames) -> Vec<usize> {
    let words = persons.folded.words();
    let uses = &persons.uses;
    let mut canon: Vec<usize> = (0..uses.len()).collect();
    let ranked = rank_order(uses, |id| persons.name(id));
    let full: Vec<FullName> = ranked
        .iter()
        .map(|&id| FullName::new(&words[uses[id].words.clone()]))
        .collect();
    let head_of = heads_of(&full);
    let mut heads: Vec<usize> = Vec::new();
    for (i, &head) in head_of.iter().enumerate() {
        canon[ranked[i]] = ranked[head];
        if head == i {
            heads.push(i);
        }
    }
    // A short form is a head's first name, its surname, or a near spelling of the first
    // name (which starts with the same letter): only those heads can claim it, and only
    // they are asked about it, on the folded parts they already have. A post has a
    // handful of short forms and dozens of heads, so the heads are looked through for
    // each short form rather than indexed by surname and initial; their initials are
    // read once rather than for every short form, with their surnames' keys.
    let claimants: Vec<Claimant> = heads
        .iter()
        .map(|&head| Claimant::new(&full[head]))
        .collect();
    // Two heads may share a first name ("Maren Lind" and "Maren Holt"): the short form
    // is then read as a reader reads it, as the one of them named last before it, and
    // stays a name of its own when neither was named before it.
    for (id, u) in uses.iter().enumerate().filter(|(_, u)| u.parts() == 1) {
        let short = u.lone_word(persons.name(id), &words);
        let short = ShortForm::new(&short);
        let matches = heads
            .iter()
            .zip(&claimants)
            .filter_map(|(&head, claimant)| {
                (claimant.may_claim(&short) && is_short_form(short.word, full[head].parts))
                    .then_some(head)
            });
        if let Some(head) = claiming_head(matches, |head| uses[ranked[head]].first, u.first) {
            canon[id] = ranked[head];
        }
    }
    canon
}

/// Which of the heads that may claim a short form first used at `first` does: the only
/// one, or else the one whose first use (`first_of`) is the last before the short form's.
fn claiming_head(
    heads: impl Iterator<Item = usize>,
    first_of: impl Fn(usize) -> usize,
    first: usize,
) -> Option<usize> {
    let mut only = None;
    let mut several = false;
    let mut nearest: Option<(usize, usize)> = None;
    for head in heads {
        several |= only.replace(head).is_some();
        let head_first = first_of(head);
        if head_first < first && nearest.is_none_or(|(f, _)| head_first > f) {
            nearest = Some((head_first, head));
        }
    }
    if several {
        nearest.map(|(_, head)| head)
    } else {
        only
    }
}

/// A head as the clustering asks it about short forms: what it takes for the head to
/// be able to claim one.
struct Claimant<'a> {
    /// The first character of its first name.
    initial: Option<char>,
    surname: &'a str,
    /// The surname's [`word_key`].
    surname_key: u64,
}

impl<'a> Claimant<'a> {
    fn new(name: &FullName<'a>) -> Claimant<'a> {
        let surname = name.surname();
        Claimant {
            initial: name.parts[0].chars().next(),
            surname,
            surname_key: word_key(surname),
        }
    }

    /// Whether the head may claim `short`: only a short form starting as its first name
    /// does, or equal to its surname, can be its short form. Most surnames are told
    /// apart from the short form by their keys, without a call to compare bytes.
    fn may_claim(&self, short: &ShortForm) -> bool {
        self.initial == short.initial
            || (self.surname_key == short.key && self.surname == short.word)
    }
}

/// A folded short form, with its initial and [`word_key`] read once for all heads.
struct ShortForm<'a> {
    word: &'a str,
    initial: Option<char>,
    key: u64,
}

impl<'a> ShortForm<'a> {
    fn new(word: &'a str) -> ShortForm<'a> {
        ShortForm {
            word,
            initial: word.chars().next(),
            key: word_key(word),
        }
    }
}

/// What the clustering of person names keeps of each distinct name.
struct NameUse {
    /// Where the name's folded parts lie among the folded words.
    words: Range<usize>,
    /// Whether a talk names it as a speaker.
    speaker: bool,
    /// Its uses, as a mention or a speaker.
    count: usize,
    /// Its first mention, `usize::MAX` for a name only speakers use.
    first: usize,
}

impl NameUse {
    fn new(words: Range<usize>, first: usize) -> NameUse {
        NameUse {
            words,
            speaker: false,
            count: 0,
            first,
        }
    }

    fn parts(&self) -> usize {
        self.words.len()
    }

    /// [`fold`] of `name`, a name of one part, taken from its folded part unless white
    /// space around it makes the name more than its part.
    fn lone_word<'w>(&self, name: &str, words: &[&'w str]) -> Cow<'w, str> {
        if name.trim().len() == name.len() {
            Cow::Borrowed(words[self.words.start])
        } else {
            Cow::Owned(fold(name))
        }
    }
}

/// The numbers of the person names of two parts or more (see [`PersonNames`]), best
/// ranked first: more parts, then used as a speaker, then more uses, then earlier, and
/// names no mention uses (equally late) by name.
///
/// Names are numbered in the order of their first uses, mentions before speakers, so
/// numbers order mentioned names as their first mentions do. Each name's rank and number
/// are one number (see [`rank_key`]), sorted as numbers, which compare in a move where
/// tuples holding names would be compared field by field. Only names no mention uses
/// can tie on their rank, and those are then sorted by name.
fn rank_order<'a>(uses: &[NameUse], name: impl Fn(usize) -> &'a str) -> Vec<usize> {
    let mut keys: Vec<u128> = uses
        .iter()
        .enumerate()
        .filter(|(_, u)| u.parts() >= 2)
        .map(|(id, u)| rank_key(u.parts(), u.speaker, u.count, id))
        .collect();
    keys.sort_unstable();
    let mut order: Vec<usize> = keys.iter().map(|&key| key as u32 as usize).collect();
    let mut start = 0;
    for tie in keys.chunk_by(|a, b| a >> 32 == b >> 32) {
        let end = start + tie.len();
        // Of names that tie, those no mention uses come last, numbered after the others.
        let unmentioned = order[start..end]
            .iter()
            .position(|&id| uses[id].first == usize::MAX)
            .map_or(end, |at| start + at);
        if end - unmentioned > 1 {
            order[unmentioned..end].sort_unstable_by_key(|&id| name(id));
        }
        start = end;
    }
    order
}

/// A person name's rank and number as one number that orders as `(Reverse((parts,
/// speaker, count)), id)` does. Each number is far below `u32::MAX`: a post does not
/// hold four billion mentions.
fn rank_key(parts: usize, speaker: bool, count: usize, id: usize) -> u128 {
    let clamped = |n: usize| u128::from(u32::try_from(n).unwrap_or(u32::MAX));
    let rank = clamped(parts) << 33 | u128::from(speaker) << 32 | clamped(count);
    let highest = (1 << 65) - 1;
    let id = u32::try_from(id).expect("fewer than four billion names");
    (highest - rank) << 32 | u128::from(id)
}

/// For each of `names`, in rank order, the name it is one person with: the first of the
/// earlier heads (names that are one person with no name before them) that is
/// [`same_person`] with it, else itself.
///
/// Two full names of one person share their folded first name (see `same_person`), so
/// each name is compared only with the heads under its own first name, in the order they
/// became heads. Those are chained, the map giving the first and the last and each head
/// the next, so that no first name needs a vector of its own.
fn heads_of(names: &[FullName]) -> Vec<usize> {
    let mut head_of = Vec::with_capacity(names.len());
    let mut next_same_first: Vec<Option<usize>> = vec![None; names.len()];
    let mut chains: FxHashMap<&str, (usize, usize)> = capacity(names.len());
    for (i, name) in names.iter().enumerate() {
        // The first name is looked up once, whether it starts a chain or joins one.
        let head = match chains.entry(name.parts[0]) {
            Entry::Vacant(chain) => {
                chain.insert((i, i));
                i
            }
            Entry::Occupied(mut chain) => {
                let (first, last) = *chain.get();
                std::iter::successors(Some(first), |&h| next_same_first[h])
                    .find(|&h| same_person(&names[h], name))
                    .unwrap_or_else(|| {
                        next_same_first[last] = Some(i);
                        chain.get_mut().1 = i;
                        i
                    })
            }
        };
        head_of.push(head);
    }
    head_of
}

/// Words folded one after the other into one string: a post folds dozens of names and
/// titles, which would otherwise take a string each.
#[derive(Default)]
struct FoldedWords {
    text: String,
    /// Where each word ends in `text`.
    ends: Vec<usize>,
}

impl FoldedWords {
    /// Room for `words` words of `bytes` bytes in all, so that pushing as many (folding
    /// mostly keeps a word's length) grows neither vector.
    fn with_capacity(words: usize, bytes: usize) -> FoldedWords {
        FoldedWords {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(words),
        }
    }

    /// Appends [`fold`] of `word`.
    fn push(&mut self, word: &str) {
        fold_into(word, &mut self.text);
        self.ends.push(self.text.len());
    }

    /// Appends [`fold`] of each part of `name` (split at white space); gives where they
    /// lie among the words.
    fn push_parts(&mut self, name: &str) -> Range<usize> {
        let start = self.ends.len();
        if is_ascii_word(name) {
            self.push_ascii_parts(name);
        } else {
            name.split_whitespace().for_each(|part| self.push(part));
        }
        start..self.ends.len()
    }

    /// [`push_parts`](Self::push_parts) for an ASCII `name`, as nearly every name is:
    /// folding ASCII is lower-casing, so each part is split off at bytes and lower-cased
    /// as it is copied, where [`fold_into`] would test it for ASCII again. The parts are
    /// lower-cased together, once they are all copied.
    fn push_ascii_parts(&mut self, name: &str) {
        let bytes = name.as_bytes();
        let name_start = self.text.len();
        let mut at = 0;
        while at < bytes.len() {
            let start = at
                + bytes[at..]
                    .iter()
                    .take_while(|&&b| is_ascii_white_space(b))
                    .count();
            let end = start
                + bytes[start..]
                    .iter()
                    .take_while(|&&b| !is_ascii_white_space(b))
                    .count();
            if start < end {
                self.text.push_str(&name[start..end]);
                self.ends.push(self.text.len());
            }
            at = end;
        }
        self.text[name_start..].make_ascii_lowercase();
    }

    /// The folded words, in order.
    fn words(&self) -> Vec<&str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(start, &end)| &self.text[start..end])
            .collect()
    }
}

/// A full name of two parts or more, folded, with what every comparison of near
/// surnames needs: its surname's length in characters, and its letters.
struct FullName<'a> {
    parts: &'a [&'a str],
    surname_chars: usize,
    surname_letters: Option<u64>,
}

impl<'a> FullName<'a> {
    fn new(parts: &'a [&'a str]) -> FullName<'a> {
        let surname = parts.last().copied().unwrap_or("");
        let surname_letters = letter_set(surname);
        // An ASCII surname, as nearly every one is, has as many characters as bytes.
        let surname_chars = match surname_letters {
            Some(_) => surname.len(),
            None => surname.chars().count(),
        };
        FullName {
            parts,
            surname_chars,
            surname_letters,
        }
    }

    fn surname(&self) -> &'a str {
        self.parts[self.parts.len() - 1]
    }
}

/// Whether two full names are one person: equal once folded, one extends the other
/// ("Quirze Vilaseca" / "Quirze Vilaseca Feliu"), or the same first name with a surname
/// a slip of the keyboard away ("Kaplan-Moss" / "Kalpan-Moss").
fn same_person(a: &FullName, b: &FullName) -> bool {
    let (fa, fb) = (a.parts, b.parts);
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
        let (la, lb) = (fa[fa.len() - 1], fb[fb.len() - 1]);
        let lengths = (a.surname_chars, b.surname_chars);
        // Two slips for surnames of five letters or more, one for four, none below.
        let limit = match lengths.0.min(lengths.1) {
            0..=3 => return false,
            4 => 1,
            _ => 2,
        };
        return !too_many_letters_apart(a.surname_letters, b.surname_letters, limit)
            && within_edits(la, lb, lengths, limit);
    }
    false
}

/// The bytes of an ASCII word as bits of a set (a bit stands for every byte sixty-four
/// apart), `None` for a word with other characters.
fn letter_set(word: &str) -> Option<u64> {
    is_ascii_word(word).then(|| word.bytes().fold(0, |set, b| set | 1 << (b % 64)))
}

/// [`str::is_ascii`], eight bytes at a time: names and their parts are short, and
/// `is_ascii` looks at a short string a byte at a time.
fn is_ascii_word(word: &str) -> bool {
    !any_byte(word.as_bytes(), |eight| eight & HIGHS)
}

/// Whether two words with these [`letter_set`]s are more than `limit` edits apart for
/// certain: an edit adds or drops at most one letter of those a word holds, and replaces
/// at most one by another, so each edit changes at most two bits of its set. Most pairs
/// of different surnames are settled this way, without counting their letters.
fn too_many_letters_apart(a: Option<u64>, b: Option<u64>, limit: usize) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a ^ b).count_ones() as usize > 2 * limit,
        _ => false,
    }
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

/// The content words of every talk mention's folded title, kept in one vector rather
/// than one per title: a post has dozens of titles of a few words each.
struct TitleWords<'a> {
    /// The words of every title, title after title.
    words: Vec<&'a str>,
    /// Where each title's words end in `words`.
    ends: Vec<usize>,
    /// Each title's [`word_set`].
    sets: Vec<u64>,
}

impl<'a> TitleWords<'a> {
    fn new(folded_titles: &[&'a str]) -> TitleWords<'a> {
        // A word and the character that ends it take two bytes or more: room for as many
        // words as that allows, so that the vector never grows.
        let most_words = folded_titles.iter().map(|t| t.len().div_ceil(2)).sum();
        let mut words = Vec::with_capacity(most_words);
        let mut ends = Vec::with_capacity(folded_titles.len());
        let mut sets = Vec::with_capacity(folded_titles.len());
        for title in folded_titles {
            let start = words.len();
            push_content_words(title, &mut words);
            ends.push(words.len());
            sets.push(word_set(&words[start..]));
        }
        TitleWords { words, ends, sets }
    }

    /// The content words of title `i`.
    fn of(&self, i: usize) -> &[&'a str] {
        let start = i.checked_sub(1).map_or(0, |before| self.ends[before]);
        &self.words[start..self.ends[i]]
    }

    /// [`one_within_other`] for titles `i` and `j`. A reference is tested against every
    /// earlier talk, and most titles share few words: their word sets tell most pairs
    /// apart before any word is compared.
    fn one_within_other(&self, i: usize, j: usize) -> bool {
        let (a, b) = (self.sets[i], self.sets[j]);
        (a & !b == 0 || b & !a == 0) && one_within_other(self.of(i), self.of(j))
    }
}

/// Whether two titles both have content words, and all of one's are among the other's.
fn one_within_other(a: &[&str], b: &[&str]) -> bool {
    !a.is_empty()
        && !b.is_empty()
        && (a.iter().all(|w| b.contains(w)) || b.iter().all(|w| a.contains(w)))
}

/// The words as bits of a set, a bit for each word picked by its length and first eight
/// bytes: when the words of one title are all among those of another, its bits are too.
fn word_set(words: &[&str]) -> u64 {
    words.iter().fold(0, |set, word| {
        set | 1 << (word_key(word).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58)
    })
}

/// A word's length and first eight bytes as one number: equal words have equal keys, and
/// words of different keys are told apart without comparing their bytes.
fn word_key(word: &str) -> u64 {
    leading_bytes(word) ^ word.len() as u64
}

/// Pushes the words of a folded title that carry meaning: its runs of alphanumeric
/// characters, stop words left out.
///
/// Folded titles are mostly ASCII, and an ASCII byte is judged by a table look-up, where
/// splitting at a `char` test decodes every character and tests it against Unicode's
/// tables: this runs for every talk mention.
fn push_content_words<'a>(folded_title: &'a str, words: &mut Vec<&'a str>) {
    let mut push = |word: &'a str| {
        if !is_stop_word(word) {
            words.push(word);
        }
    };
    let bytes = folded_title.as_bytes();
    let mut word_start = None;
    let mut i = 0;
    loop {
        // A run of ASCII letters and digits, most of a word, is passed over at once; the
        // byte after it is none of those, and is judged next without being read again.
        let run = ascii_alphanumeric_len(&bytes[i..]);
        if run > 0 {
            word_start.get_or_insert(i);
            i += run;
        }
        let Some(&byte) = bytes.get(i) else {
            break;
        };
        let (alphanumeric, width) = if byte.is_ascii() {
            (false, 1)
        } else {
            let c = folded_title[i..]
                .chars()
                .next()
                .expect("a character starts here");
            (c.is_alphanumeric(), c.len_utf8())
        };
        match (alphanumeric, word_start) {
            (true, None) => word_start = Some(i),
            (false, Some(start)) => {
                push(&folded_title[start..i]);
                word_start = None;
            }
            _ => {}
        }
        i += width;
    }
    if let Some(start) = word_start {
        push(&folded_title[start..]);
    }
}

/// How many bytes `bytes` starts with that are ASCII letters or digits, as
/// [`ascii_alphanumeric_run`](crate::tokenize::ascii_alphanumeric_run) counts them, but
/// eight bytes at a time: every talk mention's title is split into its words, and a loop
/// costs several instructions for each letter.
fn ascii_alphanumeric_len(bytes: &[u8]) -> usize {
    let not_alphanumeric = |lanes: u64| {
        // An ASCII letter of either case is a lower-case one with the 0x20 bit set.
        let letters = ascii_bytes_between(lanes | (ONES * 0x20), b'a', b'z');
        !(letters | ascii_bytes_between(lanes, b'0', b'9')) & HIGHS
    };
    first_flagged(bytes, not_alphanumeric, |b| !b.is_ascii_alphanumeric()).unwrap_or(bytes.len())
}

/// Whether a word of a title says nothing of its subject. A `match` compares the word
/// with each of these short constants in a few moves, where a search of a list of them
/// would call a byte comparison for each.
fn is_stop_word(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "of"
            | "on"
            | "in"
            | "and"
            | "to"
            | "for"
            | "with"
            | "about"
            | "talk"
            | "keynote"
            | "session"
            | "presentation"
    )
}

/// For each title, the index of the first title equal to it: every mention's title is
/// compared with that of every talk before it, which a number does in one move.
fn same_title_ids(titles: &[&str]) -> Vec<usize> {
    let mut first_of: FxHashMap<&str, usize> = capacity(titles.len());
    titles
        .iter()
        .enumerate()
        .map(|(i, &title)| *first_of.entry(title).or_insert(i))
        .collect()
}

/// Gives each distinct name one number, in the order the names are first seen: a
/// speaker or a day is compared with those of every earlier talk, which numbers do in
/// one move where strings need a call to compare their bytes.
#[derive(Default)]
struct Interned<'a> {
    ids: FxHashMap<&'a str, usize>,
    names: Vec<&'a str>,
}

impl<'a> Interned<'a> {
    /// Room for `n` names, so that interning them never rehashes.
    fn with_capacity(n: usize) -> Interned<'a> {
        Interned {
            ids: capacity(n),
            names: Vec::with_capacity(n),
        }
    }

    fn id(&mut self, name: &'a str) -> usize {
        *self.ids.entry(name).or_insert_with(|| {
            self.names.push(name);
            self.names.len() - 1
        })
    }

    fn name(&self, id: usize) -> &'a str {
        self.names[id]
    }
}

/// A talk while references to it are merged: its speakers as the numbers of canonical
/// person names (see [`PersonNames`]), its day as an [`Interned`] id, and its title as
/// the mention that gives it.
struct Merging {
    kind: TalkKind,
    speakers: Vec<usize>,
    day: Option<usize>,
    span: Span,
    /// The rank of its title (see [`title_strength`]).
    strength: u8,
    /// The mention that gave its title.
    title: usize,
    mentions: usize,
}

/// The talks the talk mentions make, each a session; counts in `talks_given`, by the
/// number of a canonical person name, the talks it is a speaker of.
fn merge_talks(
    text: &str,
    mentions: &[TalkMention],
    layout: &Layout,
    persons: &PersonNames,
    canon: &[usize],
    talks_given: &mut [usize],
) -> Vec<Talk> {
    // Each section's day label, normalized; equal labels of different sections share an id.
    let day_labels: Vec<String> = layout
        .sections
        .iter()
        .map(|s| crate::extract::days::normalize(s.label.slice(text)))
        .collect();
    let mut days = Interned::with_capacity(day_labels.len());
    let section_days: Vec<usize> = day_labels.iter().map(|label| days.id(label)).collect();
    let day_of = |span: Span| layout.section_at(span.start).map(|i| section_days[i]);
    let mut speaker_ids = persons.speaker_ids.as_slice();
    // Each mention's folded title and its words, computed once; a talk refers to those of
    // the mention that gave its title.
    let title_bytes = mentions.iter().map(|m| m.title.len()).sum();
    let mut folded_titles = FoldedWords::with_capacity(mentions.len(), title_bytes);
    mentions.iter().for_each(|m| folded_titles.push(&m.title));
    let folded = folded_titles.words();
    let title_words = TitleWords::new(&folded);
    let title_ids = same_title_ids(&folded);
    let mut talks: Vec<Merging> = Vec::with_capacity(mentions.len());
    for (i, m) in mentions.iter().enumerate() {
        let (ids, later) = speaker_ids.split_at(m.speakers.len());
        speaker_ids = later;
        let speakers: Vec<usize> = ids.iter().map(|&id| canon[id]).collect();
        let day = day_of(m.span);
        let strength = if m.reference {
            2
        } else {
            title_strength(m.rule)
        };
        let shares_speaker = |t: &Merging| t.speakers.iter().any(|s| speakers.contains(s));
        // A talk has the title of an earlier mention: a title seen first here, as most
        // are, is no talk's, and the talks need not be looked through for it.
        let title_seen = title_ids[i] != i;
        let same_title = title_seen
            .then(|| {
                talks.iter().position(|t| {
                    title_ids[t.title] == title_ids[i]
                        && (t.speakers.is_empty() || speakers.is_empty() || shares_speaker(t))
                })
            })
            .flatten();
        // A titled talk after a bare reference to it ("The opening keynote was by X.
        // Her talk, “T”, …") takes the reference's place.
        let replaces = same_title.or_else(|| {
            (strength == 0 && !speakers.is_empty()).then(|| {
                talks.iter().rposition(|t| {
                    t.strength == 2 && (t.day == day || t.day.is_none()) && shares_speaker(t)
                })
            })?
        });
        let joins = replaces.or_else(|| {
            // Only a reference joins an earlier talk this way.
            if strength == 0 || !m.reference {
                return None;
            }
            // Each test is made only when the answer still depends on it: this runs for
            // every earlier talk.
            talks.iter().rposition(|t| {
                let same_day = || t.day == day || t.day.is_none() || day.is_none();
                let shared_speaker = !speakers.is_empty() && shares_speaker(t);
                let contained = || title_words.one_within_other(i, t.title);
                let speakers_agree = speakers.is_empty() || t.speakers.is_empty() || shared_speaker;
                // "A and B did a panel" is not the talk B gave alone.
                let among_its_speakers = || speakers.iter().all(|s| t.speakers.contains(s));
                // A reference by title ("the ORM panel") may point back to any day.
                (shared_speaker && among_its_speakers() && same_day())
                    || (speakers_agree && contained())
            })
        });
        match joins {
            Some(joined) => {
                let t = &mut talks[joined];
                t.mentions += 1;
                for sp in speakers {
                    if !t.speakers.contains(&sp) {
                        t.speakers.push(sp);
                    }
                }
                if strength < t.strength {
                    t.strength = strength;
                    t.title = i;
                }
                if t.day.is_none() {
                    t.day = day;
                }
                if t.kind == TalkKind::Talk {
                    t.kind = m.kind;
                }
            }
            None => talks.push(Merging {
                kind: m.kind,
                speakers,
                day,
                span: m.span,
                strength,
                title: i,
                mentions: 1,
            }),
        }
    }
    // Room for every talk, so that the vector never grows: most are kept.
    let mut kept = Vec::with_capacity(talks.len());
    kept.extend(
        talks
            .into_iter()
            // A bare "talk" names no session a reader could find; a bare "keynote" with its
            // speaker does. The words kept are those of the talk's current title.
            .filter(|t| !(title_words.of(t.title).is_empty() && t.kind == TalkKind::Talk))
            .map(|t| Talk {
                title: mentions[t.title].title.clone(),
                kind: t.kind,
                speakers: t
                    .speakers
                    .iter()
                    .map(|&s| {
                        talks_given[s] += 1;
                        persons.name(s).to_string()
                    })
                    .collect(),
                day: t.day.map(|d| days.name(d).to_string()),
                span: t.span,
                rule: mentions[t.title].rule,
                mentions: t.mentions,
            }),
    );
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::persons::FoldedName;

    /// The persons of `text` read as a post, each with its aliases.
    fn persons_of(text: &str) -> Vec<(String, Vec<String>)> {
        let doc = crate::input::parse("post.txt", text.as_bytes(), crate::input::Format::Text)
            .expect("a text post");
        crate::pipeline::analyze(&doc, &RULES)
            .entities
            .into_iter()
            .filter(|e| e.kind == EntityKind::Person)
            .map(|e| (e.name, e.aliases))
            .collect()
    }

    /// The talks of `text` read as a post, each with its speakers and kind.
    fn talks_of(text: &str) -> Vec<(String, Vec<String>, TalkKind)> {
        let doc = crate::input::parse("post.txt", text.as_bytes(), crate::input::Format::Text)
            .expect("a text post");
        crate::pipeline::analyze(&doc, &RULES)
            .talks
            .into_iter()
            .map(|t| (t.title, t.speakers, t.kind))
            .collect()
    }

    #[test]
    fn a_reference_joins_a_talk_only_if_all_its_speakers_gave_it() {
        let talk = |title: &str, speakers: &[&str], kind| {
            let speakers = speakers.iter().map(|s| s.to_string()).collect();
            (title.to_string(), speakers, kind)
        };
        let post = |subject: &str| {
            format!(
                "Talks:\n\n- Build Tools Reconsidered - Oskar Nyberg\n- Quiet Tests - Ines Okafor\n\n{subject} on package managers.\n"
            )
        };
        assert_eq!(
            talks_of(&post("Later, Oskar Nyberg and Hanna Lind did a panel")),
            [
                talk(
                    "Build Tools Reconsidered",
                    &["Oskar Nyberg"],
                    TalkKind::Talk
                ),
                talk("Quiet Tests", &["Ines Okafor"], TalkKind::Talk),
                talk(
                    "package managers",
                    &["Oskar Nyberg", "Hanna Lind"],
                    TalkKind::Panel
                ),
            ]
        );
        // One of the talk's speakers alone refers back to it.
        assert_eq!(
            talks_of(&post("Later, Oskar Nyberg gave a talk")),
            [
                talk(
                    "Build Tools Reconsidered",
                    &["Oskar Nyberg"],
                    TalkKind::Talk
                ),
                talk("Quiet Tests", &["Ines Okafor"], TalkKind::Talk),
            ]
        );
    }

    #[test]
    fn a_first_name_two_people_share_is_the_one_named_last_before_it() {
        let two = |first: &str| {
            format!(
                "{first}The panel had Maren Lind and Tove Berg.\n\nLater, Maren Holt gave a talk on telescopes. The pictures Maren took were stunning.\n"
            )
        };
        let owned = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        assert_eq!(
            persons_of(&two("")),
            [
                ("Maren Holt".to_string(), owned(&["Maren"])),
                ("Maren Lind".to_string(), Vec::new()),
                ("Tove Berg".to_string(), Vec::new()),
            ]
        );
        // Named before either of them, the first name could be anyone's.
        assert_eq!(
            persons_of(&two("Maren said hello.\n\n")),
            [
                ("Maren".to_string(), Vec::new()),
                ("Maren Holt".to_string(), Vec::new()),
                ("Maren Lind".to_string(), Vec::new()),
                ("Tove Berg".to_string(), Vec::new()),
            ]
        );
    }

    #[test]
    fn the_claiming_head_is_the_only_one_or_the_last_named_before() {
        let firsts = [4, 9, 2, usize::MAX];
        let first_of = |head: usize| firsts[head];
        assert_eq!(claiming_head([3].into_iter(), first_of, 0), Some(3));
        assert_eq!(claiming_head([0, 1, 2].into_iter(), first_of, 7), Some(0));
        assert_eq!(claiming_head([0, 1, 2].into_iter(), first_of, 10), Some(1));
        assert_eq!(claiming_head([0, 1, 2].into_iter(), first_of, 1), None);
        assert_eq!(claiming_head([3, 2].into_iter(), first_of, 5), Some(2));
        assert_eq!(claiming_head(std::iter::empty(), first_of, 5), None);
    }

    #[test]
    fn same_person_cases() {
        let cases = [
            ("Jacob Kaplan-Moss", "Jacob Kalpan-Moss", true),
            ("Quirze Vilaseca Feliu", "Quirze Vilaseca", true),
            ("José Valim", "Jose Valim", true),
            ("Jesse Noller", "Jesse Jackson", false),
            ("Ana Lima", "Ana Lins", false),
        ];
        for (a, b, want) in cases {
            let mut folded = FoldedWords::default();
            let ranges = [folded.push_parts(a), folded.push_parts(b)];
            let parts = folded.words();
            let names: Vec<FullName> = ranges.map(|r| FullName::new(&parts[r])).into();
            assert_eq!(same_person(&names[0], &names[1]), want, "{a} / {b}");
        }
    }

    proptest::proptest! {
        #[test]
        fn names_folded_together_are_each_folded_on_its_own(
            names in proptest::collection::vec(
                proptest::prop_oneof!["[aAéÉß\u{301}İ \t\u{a0}\u{2001}-]{0,12}", "[aA \t\n\r\x0B\x0C-]{0,12}"],
                0..5,
            ),
        ) {
            let mut folded = FoldedWords::default();
            let ranges: Vec<Range<usize>> = names.iter().map(|n| folded.push_parts(n)).collect();
            let parts = folded.words();
            let together: Vec<&[&str]> = ranges.into_iter().map(|r| &parts[r]).collect();
            proptest::prop_assert_eq!(together.len(), names.len());
            for (name, parts) in names.iter().zip(together) {
                let alone = FoldedName::new(name);
                proptest::prop_assert_eq!(parts, &alone.parts);
                let full = FullName::new(parts);
                proptest::prop_assert_eq!(full.surname_chars, alone.parts.last().map_or(0, |s| s.chars().count()));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn lone_words_are_the_folded_names(
            before in "[aé ]{0,3}",
            name in "[ \t\u{a0}]{0,2}[aAéÉß\u{301}İ-]{1,6}[ \t\u{2001}]{0,2}",
        ) {
            let mut folded = FoldedWords::default();
            folded.push_parts(&before);
            let name_use = NameUse::new(folded.push_parts(&name), 0);
            let words = folded.words();
            proptest::prop_assert_eq!(name_use.parts(), 1);
            proptest::prop_assert_eq!(name_use.lone_word(&name, &words), fold(&name));
        }
    }

    /// First names and surnames some of which are one person's, or a slip apart.
    const NAME_PARTS: [&str; 8] = [
        "Jacob",
        "Kaplan-Moss",
        "Kalpan-Moss",
        "Ana",
        "Lima",
        "Lins",
        "José",
        "Jose",
    ];

    proptest::proptest! {
        #[test]
        fn heads_are_the_first_earlier_heads_that_are_one_person(
            names in proptest::collection::vec(
                proptest::collection::vec(0..NAME_PARTS.len(), 2..4),
                0..12,
            ),
        ) {
            let names: Vec<String> = names
                .iter()
                .map(|parts| parts.iter().map(|&p| NAME_PARTS[p]).collect::<Vec<_>>().join(" "))
                .collect();
            let mut folded = FoldedWords::default();
            let ranges: Vec<Range<usize>> = names.iter().map(|n| folded.push_parts(n)).collect();
            let parts = folded.words();
            let full: Vec<FullName> = ranges.into_iter().map(|r| FullName::new(&parts[r])).collect();
            // Every earlier head asked, whatever its first name.
            let mut expected: Vec<usize> = Vec::new();
            for (i, name) in full.iter().enumerate() {
                let head = (0..i)
                    .find(|&h| expected[h] == h && same_person(&full[h], name))
                    .unwrap_or(i);
                expected.push(head);
            }
            proptest::prop_assert_eq!(heads_of(&full), expected);
        }
    }

    proptest::proptest! {
        #[test]
        fn interned_ids_are_equal_when_the_names_are(names in proptest::collection::vec("[ab é]{0,3}", 0..8)) {
            let mut interned = Interned::default();
            let ids: Vec<usize> = names.iter().map(|n| interned.id(n)).collect();
            for (i, a) in names.iter().enumerate() {
                proptest::prop_assert_eq!(interned.name(ids[i]), a.as_str());
                for (j, b) in names.iter().enumerate() {
                    proptest::prop_assert_eq!(ids[i] == ids[j], a == b);
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn words_too_many_letters_apart_are_more_edits_apart(
            a in "[a-f!é]{0,8}",
            b in "[c-h!é]{0,8}",
            limit in 1..3usize,
        ) {
            if too_many_letters_apart(letter_set(&a), letter_set(&b), limit) {
                proptest::prop_assert!(strsim::damerau_levenshtein(&a, &b) > limit);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn surface_form_is_folding_then_stripping(s in "[ a\t\n\u{a0}’'s]{0,12}") {
            let folded = s.split_whitespace().collect::<Vec<_>>().join(" ");
            let expected = folded
                .strip_suffix("’s")
                .or_else(|| folded.strip_suffix("'s"))
                .unwrap_or(&folded);
            proptest::prop_assert_eq!(surface_form(&s), expected);
        }
    }

    proptest::proptest! {
        #[test]
        fn content_words_are_the_runs_of_alphanumerics_but_stop_words(
            titles in proptest::collection::vec(
                "([a-z0-9 .:,'’-]|the|talk|[éß΄٣\u{300}\u{a0}🦀]){0,24}",
                0..4,
            ),
        ) {
            let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
            let words = TitleWords::new(&titles);
            for (i, title) in titles.iter().enumerate() {
                let expected: Vec<&str> = title
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty() && !is_stop_word(w))
                    .collect();
                proptest::prop_assert_eq!(words.of(i), expected);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn alphanumeric_lengths_as_a_byte_loop_finds(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    4 => proptest::sample::select(&b"aAzZ09"[..]),
                    2 => proptest::sample::select(&b"@[`{/: \x00\x1a\x7f\x80\xc3\xe1\xfa"[..]),
                    1 => proptest::num::u8::ANY,
                ],
                0..40,
            ),
        ) {
            proptest::prop_assert_eq!(
                ascii_alphanumeric_len(&bytes),
                crate::tokenize::ascii_alphanumeric_run(&bytes)
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn titles_one_within_other_as_their_words_are(
            titles in proptest::collection::vec("(orm|the|rust|rusty|ab|abcdefghi|abcdefghj|é| |-){0,5}", 1..6),
        ) {
            let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
            let words = TitleWords::new(&titles);
            for i in 0..titles.len() {
                for j in 0..titles.len() {
                    proptest::prop_assert_eq!(
                        words.one_within_other(i, j),
                        one_within_other(words.of(i), words.of(j)),
                    );
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn rank_keys_order_as_the_ranks_do(
            a in (0..4usize, proptest::bool::ANY, 0..4usize, 0..4usize),
            b in (0..4usize, proptest::bool::ANY, 0..4usize, 0..4usize),
        ) {
            let rank = |(parts, speaker, count, id): (usize, bool, usize, usize)| {
                (std::cmp::Reverse((parts, speaker, count)), id)
            };
            let key = |(parts, speaker, count, id)| rank_key(parts, speaker, count, id);
            proptest::prop_assert_eq!(key(a).cmp(&key(b)), rank(a).cmp(&rank(b)));
        }

        #[test]
        fn names_are_ranked_as_a_sort_by_rank_then_name_ranks_them(
            names in proptest::collection::btree_map(
                "[ab]{1,4}",
                (1..4usize, proptest::bool::ANY, 0..3usize, proptest::bool::ANY),
                0..12,
            ),
        ) {
            // Mentioned names first, numbered in the order of their first mentions; the
            // others after them, not in the order of their names.
            let (mentioned, unmentioned): (Vec<_>, Vec<_>) =
                names.into_iter().partition(|(_, rank)| rank.3);
            let mut uses = Vec::new();
            let mut by_id = Vec::new();
            for (i, (name, (parts, speaker, count, _))) in mentioned.iter().chain(unmentioned.iter().rev()).enumerate() {
                let first = if i < mentioned.len() { 2 * i } else { usize::MAX };
                uses.push(NameUse { words: 0..*parts, speaker: *speaker, count: *count, first });
                by_id.push(name.as_str());
            }
            let mut want: Vec<usize> = (0..uses.len()).filter(|&id| uses[id].parts() >= 2).collect();
            want.sort_unstable_by_key(|&id| {
                let u = &uses[id];
                (std::cmp::Reverse((u.parts(), u.speaker, u.count)), u.first, by_id[id])
            });
            proptest::prop_assert_eq!(rank_order(&uses, |id| by_id[id]), want);
        }
    }

    proptest::proptest! {
        #[test]
        fn heads_may_claim_short_forms_of_their_initial_or_equal_to_their_surname(
            first in "[aé]{1,2}",
            shared in "[ab]{0,9}",
            surname_end in "[ab]{1,2}",
            short_end in "[ab]{0,2}",
        ) {
            // A surname and a short form that often share their first eight bytes.
            let (surname, short) = (shared.clone() + &surname_end, shared + &short_end);
            let mut folded = FoldedWords::default();
            let range = folded.push_parts(&format!("{first} {surname}"));
            let parts = folded.words();
            let full = FullName::new(&parts[range]);
            let claimant = Claimant::new(&full);
            let may_claim =
                full.parts[0].chars().next() == short.chars().next() || full.surname() == short;
            proptest::prop_assert_eq!(claimant.may_claim(&ShortForm::new(&short)), may_claim);
        }

        #[test]
        fn ascii_words_are_those_str_is_ascii_says(word in "[a \u{7f}\u{80}é]{0,20}") {
            proptest::prop_assert_eq!(is_ascii_word(&word), word.is_ascii());
        }

        #[test]
        fn surname_lengths_are_counted_in_characters(
            name in "[aé]{1,3} [abé\u{301}]{1,10}",
        ) {
            let mut folded = FoldedWords::default();
            let range = folded.push_parts(&name);
            let parts = folded.words();
            let full = FullName::new(&parts[range]);
            proptest::prop_assert_eq!(full.surname_chars, full.surname().chars().count());
        }
    }

    proptest::proptest! {
        #[test]
        fn leading_bytes_order_as_the_strings_do(
            a in "[ab\0é🦀]{0,10}",
            b in "[ab\0é🦀]{0,10}",
        ) {
            let by_leading_bytes = (leading_bytes(&a), &a).cmp(&(leading_bytes(&b), &b));
            proptest::prop_assert_eq!(by_leading_bytes, a.cmp(&b));
        }

        #[test]
        fn leading_bytes_are_the_first_eight_padded_with_zeros(s in "[ab\0é🦀]{0,10}") {
            let mut padded = [0; 8];
            let len = s.len().min(padded.len());
            padded[..len].copy_from_slice(&s.as_bytes()[..len]);
            proptest::prop_assert_eq!(leading_bytes(&s), u64::from_be_bytes(padded));
        }
    }

    proptest::proptest! {
        #[test]
        fn leading_keys_order_as_kinds_then_names(
            a in (0..4usize, "[ab\0é🦀]{0,9}"),
            b in (0..4usize, "[ab\0é🦀]{0,9}"),
        ) {
            const KINDS: [EntityKind; 4] =
                [EntityKind::Talk, EntityKind::Person, EntityKind::Project, EntityKind::Day];
            let (a, b) = ((KINDS[a.0], a.1), (KINDS[b.0], b.1));
            let by_leading_key =
                (leading_key(a.0, &a.1), &a.1).cmp(&(leading_key(b.0, &b.1), &b.1));
            proptest::prop_assert_eq!(by_leading_key, a.cmp(&b));
        }
    }

    proptest::proptest! {
        #[test]
        fn titles_have_one_id_when_they_are_equal(titles in proptest::collection::vec("[ab é]{0,3}", 0..8)) {
            let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
            let ids = same_title_ids(&titles);
            for (i, a) in titles.iter().enumerate() {
                proptest::prop_assert_eq!(ids[i] == i, !titles[..i].contains(a));
                for (j, b) in titles.iter().enumerate() {
                    proptest::prop_assert_eq!(ids[i] == ids[j], a == b);
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn kind_and_name_order_sorts_by_kind_then_name(
            picks in proptest::collection::vec((0..4usize, "(abcdefg|abcdefh|ab|é|🦀|\0){0,3}"), 0..24),
        ) {
            const KINDS: [EntityKind; 4] =
                [EntityKind::Talk, EntityKind::Person, EntityKind::Project, EntityKind::Day];
            let mut seen = std::collections::HashSet::new();
            let entities: Vec<Entity> = picks
                .iter()
                .filter(|&pick| seen.insert(pick))
                .map(|(kind, name)| Entity {
                    kind: KINDS[*kind],
                    name: name.clone(),
                    aliases: Vec::new(),
                    mentions: 0,
                    talks_given: 0,
                })
                .collect();
            let mut expected: Vec<usize> = (0..entities.len()).collect();
            expected.sort_by_key(|&i| (entities[i].kind, entities[i].name.as_str()));
            proptest::prop_assert_eq!(kind_and_name_order(&entities), expected);
        }
    }

    /// Spellings of two projects, some of them the same once normalized.
    const SPELLINGS: [(&str, &str); 8] = [
        ("Django", "Django"),
        ("Django’s", "Django"),
        ("Django's", "Django"),
        ("DJANGO", "Django"),
        ("Django  Rest", "Django"),
        ("Django Rest", "Django"),
        ("Flask", "Flask"),
        ("Fläsk\u{a0}\u{a0}2", "Flask"),
    ];

    proptest::proptest! {
        #[test]
        fn aliases_are_every_other_surface_form(picks in proptest::collection::vec(0..SPELLINGS.len(), 1..16)) {
            let mut text = String::new();
            let mut mentions = Vec::new();
            for &p in &picks {
                let (spelling, name) = SPELLINGS[p];
                text.push_str(" | ");
                mentions.push(crate::extract::Mention {
                    kind: EntityKind::Project,
                    span: Span::new(text.len(), text.len() + spelling.len()),
                    name: name.to_string(),
                    rule: "test",
                });
                text.push_str(spelling);
            }
            let extraction = Extraction { mentions, talks: Vec::new() };
            let resolved = resolve(&text, &extraction, &Layout::default(), &RULES);
            for entity in &resolved.entities {
                let mut expected: Vec<String> = extraction
                    .mentions
                    .iter()
                    .filter(|m| m.name == entity.name)
                    .map(|m| surface_form(m.span.slice(&text)).into_owned())
                    .filter(|s| *s != entity.name)
                    .collect();
                expected.sort();
                expected.dedup();
                proptest::prop_assert_eq!(&entity.aliases, &expected);
            }
        }
    }

    /// Names of projects or days, some of them one name once folded.
    const NAMES: [&str; 5] = ["Django", "django", "DJANGO", "Flask", "flask"];

    proptest::proptest! {
        #[test]
        fn a_day_is_named_by_its_first_name_anything_else_by_its_most_used(
            picks in proptest::collection::vec((proptest::bool::ANY, 0..NAMES.len()), 1..16),
        ) {
            let mentions: Vec<crate::extract::Mention> = picks
                .iter()
                .map(|&(day, p)| crate::extract::Mention {
                    kind: if day { EntityKind::Day } else { EntityKind::Project },
                    span: Span::new(0, 0),
                    name: NAMES[p].to_string(),
                    rule: "test",
                })
                .collect();
            let extraction = Extraction { mentions, talks: Vec::new() };
            let resolved = resolve("", &extraction, &Layout::default(), &RULES);
            for (m, &e) in extraction.mentions.iter().zip(&resolved.mention_entity) {
                let same: Vec<&str> = extraction
                    .mentions
                    .iter()
                    .filter(|o| o.kind == m.kind && fold(&o.name) == fold(&m.name))
                    .map(|o| o.name.as_str())
                    .collect();
                let count = |name: &str| same.iter().filter(|&&n| n == name).count();
                let expected = match m.kind {
                    EntityKind::Day => same[0],
                    _ => same.iter().fold(same[0], |best, &n| if count(n) > count(best) { n } else { best }),
                };
                proptest::prop_assert_eq!(&resolved.entities[e].name, expected);
            }
        }
    }

    /// The built-in rules, loaded once for all the cases of a property.
    static RULES: std::sync::LazyLock<Rules> = std::sync::LazyLock::new(Rules::builtin);

    #[test]
    fn content_words_drop_kind_nouns() {
        let title = fold("the Django talk");
        assert_eq!(TitleWords::new(&[title.as_str()]).of(0), ["django"]);
    }
}
