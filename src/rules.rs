//! Rule data: gazetteers, name lists and cue words, compiled once into immutable matchers.
//!
//! The data lives as plain files under `rules/` and is embedded at build time, so the
//! binary works anywhere; a user's TOML rule pack (`--rules FILE`) adds or overrides
//! entries without a rebuild. [`Rules`] is `Send + Sync` and shared by every worker.

use crate::extract::pattern::Pattern;
use crate::swar::{HIGHS, ONES, ascii_bytes_between, zero_bytes};
use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, Match};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;
use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use thiserror::Error;

const PROJECTS: &str = include_str!("../rules/projects.tsv");
const GIVEN_NAMES: &str = include_str!("../rules/given_names.txt");
const PARTICLES: &str = include_str!("../rules/surname_particles.txt");
const HONORIFICS: &str = include_str!("../rules/honorifics.txt");
const NON_PERSON_WORDS: &str = include_str!("../rules/non_person_words.txt");
const PLACES: &str = include_str!("../rules/places.txt");
const ORGANISATIONS: &str = include_str!("../rules/organisations.txt");
const CONFERENCES: &str = include_str!("../rules/conferences.txt");
const TALK_KINDS: &str = include_str!("../rules/talk_kinds.tsv");
const SOFTWARE_CUES: &str = include_str!("../rules/software_cues.txt");
const ORGANISATION_SUFFIXES: &str = include_str!("../rules/organisation_suffixes.txt");

/// A problem with rule data.
#[derive(Debug, Error)]
pub enum RulesError {
    /// A user rule pack is not valid TOML of the documented shape.
    #[error("rule pack is not valid: {0}")]
    Pack(#[from] toml::de::Error),
    /// A rule pack names a talk kind recap does not know.
    #[error(
        "unknown talk kind {0:?} (known: talk, keynote, panel, tutorial, lightning, open space, bof, sprint, workshop, poster)"
    )]
    UnknownKind(String),
    /// A pattern could not be compiled.
    #[error("pattern could not be compiled: {0}")]
    Pattern(String),
}

/// The kind of a conference session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TalkKind {
    /// An ordinary talk or presentation.
    Talk,
    /// A keynote.
    Keynote,
    /// A panel discussion.
    Panel,
    /// A tutorial.
    Tutorial,
    /// A workshop.
    Workshop,
    /// A lightning talk.
    Lightning,
    /// An open space or unconference session.
    OpenSpace,
    /// A Birds of a Feather session.
    Bof,
    /// A sprint.
    Sprint,
    /// A poster.
    Poster,
}

impl TalkKind {
    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            TalkKind::Talk => "talk",
            TalkKind::Keynote => "keynote",
            TalkKind::Panel => "panel",
            TalkKind::Tutorial => "tutorial",
            TalkKind::Workshop => "workshop",
            TalkKind::Lightning => "lightning",
            TalkKind::OpenSpace => "open space",
            TalkKind::Bof => "bof",
            TalkKind::Sprint => "sprint",
            TalkKind::Poster => "poster",
        }
    }

    /// Parses a report name back into a kind.
    pub fn parse(name: &str) -> Option<TalkKind> {
        Some(match name.trim().to_lowercase().as_str() {
            "talk" => TalkKind::Talk,
            "keynote" => TalkKind::Keynote,
            "panel" => TalkKind::Panel,
            "tutorial" => TalkKind::Tutorial,
            "workshop" => TalkKind::Workshop,
            "lightning" => TalkKind::Lightning,
            "open space" | "openspace" | "open-space" => TalkKind::OpenSpace,
            "bof" => TalkKind::Bof,
            "sprint" => TalkKind::Sprint,
            "poster" => TalkKind::Poster,
            _ => return None,
        })
    }
}

impl fmt::Display for TalkKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One gazetteer project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProjectEntry {
    /// Canonical name with canonical casing.
    pub name: String,
    /// language, framework, library, module, database, tool, platform, protocol, product, os.
    pub category: String,
    /// Other surface forms of the same project.
    pub aliases: Vec<String>,
    /// Match only with exactly the listed casing.
    pub exact: bool,
    /// Count only where the sentence reads as software.
    pub context: bool,
}

/// A user rule pack, as written in TOML.
///
/// ```toml
/// given_names = ["Honza"]
/// non_person_words = ["Gopher"]
/// organisations = ["Acme Corp"]
/// organisation_suffixes = ["Cooperative"]
/// places = ["Amelia Island"]
/// conferences = ["PyGotham"]
/// software_cues = ["plugin"]
///
/// [[project]]
/// name = "Oebfare"
/// category = "product"
/// aliases = ["oebfare"]
/// flags = []            # "exact", "context"
///
/// [[talk_kind]]
/// surface = "fireside chat"
/// kind = "panel"
/// ```
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulePack {
    /// Projects to add; an entry whose name is already known replaces it.
    #[serde(default)]
    pub project: Vec<PackProject>,
    /// Given names to add.
    #[serde(default)]
    pub given_names: Vec<String>,
    /// Capitalized words that are never part of a person's name.
    #[serde(default)]
    pub non_person_words: Vec<String>,
    /// Place names.
    #[serde(default)]
    pub places: Vec<String>,
    /// Companies and organisations (neither projects nor persons).
    #[serde(default)]
    pub organisations: Vec<String>,
    /// Conference and event names.
    #[serde(default)]
    pub conferences: Vec<String>,
    /// Words that mark a software context.
    #[serde(default)]
    pub software_cues: Vec<String>,
    /// Words that end an organisation's name ("Labs", "Inc").
    #[serde(default)]
    pub organisation_suffixes: Vec<String>,
    /// Session kind cue words.
    #[serde(default)]
    pub talk_kind: Vec<PackTalkKind>,
}

/// A project in a user rule pack.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackProject {
    /// Canonical name.
    pub name: String,
    /// Category; defaults to "product".
    #[serde(default)]
    pub category: Option<String>,
    /// Other surface forms.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// "exact" and/or "context".
    #[serde(default)]
    pub flags: Vec<String>,
}

/// A session kind cue in a user rule pack.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackTalkKind {
    /// The cue as written, e.g. "fireside chat".
    pub surface: String,
    /// One of the kinds in [`TalkKind`].
    pub kind: String,
}

impl RulePack {
    /// Parses a TOML rule pack.
    ///
    /// # Errors
    /// When the text is not TOML of the documented shape.
    pub fn from_toml(text: &str) -> Result<RulePack, RulesError> {
        Ok(toml::from_str(text)?)
    }
}

/// Where a capitalized phrase is known not to be a person or project.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Blocker {
    /// A city, region or country.
    Place,
    /// A company, foundation or community.
    Organisation,
    /// A conference or event.
    Conference,
}

/// What the gazetteers name in a text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GazetteerHits {
    /// As [`Rules::project_hits`] finds them.
    pub projects: Vec<ProjectHit>,
    /// As [`Rules::blocker_hits`] finds them.
    pub blockers: Vec<(usize, usize, Blocker)>,
}

/// Compiled rules, shared read-only by every worker.
pub struct Rules {
    projects: Vec<ProjectEntry>,
    /// Projects' surface patterns, matched ignoring ASCII case ([`FOLDED_PROJECTS`]) or
    /// with exact case ([`EXACT_PROJECTS`]), and the blockers ([`BLOCKERS`]).
    gazetteer: Gazetteer,
    /// The project index of each folded pattern.
    project_folded_ids: Vec<usize>,
    /// Whether each folded pattern is an alias rather than the project's name.
    folded_is_alias: Vec<bool>,
    /// The project index of each exact pattern.
    project_exact_ids: Vec<usize>,
    project_by_folded_name: HashMap<Box<[u8]>, usize, BuildHasherDefault<WordHasher>>,
    /// Given names, honorifics, words that are no names and software cues.
    words: WordTable,
    /// The name particles, [`packed`]: most words looked up after a name are no particle,
    /// and a number is hashed and compared in a few instructions.
    particles: FxHashSet<u64>,
    /// Whether a particle starts with each byte value.
    particle_initials: [bool; 256],
    /// Words that end an organisation's name, lower-cased.
    organisation_suffixes: WordSet,
    blocker_kinds: Vec<Blocker>,
    blocker_names: WordSet,
    talk_kinds: Vec<(String, TalkKind)>,
    /// The cues of `talk_kinds`, in the same order, for one pass over a phrase.
    talk_kind_cues: DFA,
    /// Day markers: "Day One", "day 2", "Day 1 & 2", weekdays, calendar dates.
    pub day_marker: Pattern,
}

/// The lists of [`Rules::gazetteer`].
const FOLDED_PROJECTS: usize = 0;
const EXACT_PROJECTS: usize = 1;
const BLOCKERS: usize = 2;

/// A gazetteer hit in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProjectHit {
    /// Byte range of the surface form.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Index into [`Rules::project`].
    pub project: usize,
}

impl Rules {
    /// The built-in rules.
    pub fn builtin() -> Rules {
        Rules::with_pack(RulePack::default()).expect("built-in rule data compiles")
    }

    /// The built-in rules extended by a user pack.
    ///
    /// # Errors
    /// When the pack names an unknown talk kind or a pattern cannot be compiled.
    pub fn with_pack(pack: RulePack) -> Result<Rules, RulesError> {
        let mut projects = parse_projects(PROJECTS);
        for p in pack.project {
            let entry = ProjectEntry {
                category: p.category.unwrap_or_else(|| "product".to_string()),
                exact: p.flags.iter().any(|f| f == "exact"),
                context: p.flags.iter().any(|f| f == "context"),
                aliases: p.aliases,
                name: p.name,
            };
            match projects.iter_mut().find(|e| e.name == entry.name) {
                Some(existing) => *existing = entry,
                None => projects.push(entry),
            }
        }
        let mut folded_patterns = Vec::new();
        let mut folded_ids = Vec::new();
        let mut folded_is_alias = Vec::new();
        let mut exact_patterns = Vec::new();
        let mut exact_ids = Vec::new();
        let mut by_name = HashMap::default();
        for (i, p) in projects.iter().enumerate() {
            by_name.insert(p.name.to_lowercase().into_bytes().into_boxed_slice(), i);
            for surface in std::iter::once(&p.name).chain(&p.aliases) {
                if p.exact {
                    exact_patterns.push(surface.clone());
                    exact_ids.push(i);
                } else {
                    folded_patterns.push(surface.clone());
                    folded_is_alias.push(*surface != p.name);
                    folded_ids.push(i);
                }
            }
        }

        let mut words = WordTable::default();
        let mut in_ambiguous = false;
        for line in GIVEN_NAMES.lines() {
            let line = line.trim();
            if line.starts_with('#') {
                in_ambiguous = line.to_lowercase().contains("ambiguous");
                continue;
            }
            if line.is_empty() {
                continue;
            }
            let list = if in_ambiguous {
                WordLists::AMBIGUOUS_GIVEN_NAME
            } else {
                WordLists::GIVEN_NAME
            };
            add_words(&mut words, list, [fold(line)]);
        }
        add_words(
            &mut words,
            WordLists::GIVEN_NAME,
            pack.given_names.iter().map(|n| fold(n)),
        );
        add_words(
            &mut words,
            WordLists::HONORIFIC,
            list_words(HONORIFICS, &[]),
        );
        add_words(
            &mut words,
            WordLists::NON_PERSON_WORD,
            list_words(NON_PERSON_WORDS, &pack.non_person_words),
        );
        add_words(
            &mut words,
            WordLists::SOFTWARE_CUE,
            list_words(SOFTWARE_CUES, &pack.software_cues),
        );

        let mut blocker_patterns = Vec::new();
        let mut blocker_kinds = Vec::new();
        let mut push_blockers = |text: &str, extra: &[String], kind: Blocker| {
            for name in data_lines(text)
                .flat_map(|l| l.split('|').map(str::trim).collect::<Vec<_>>())
                .chain(extra.iter().map(String::as_str))
            {
                if !name.is_empty() {
                    blocker_patterns.push(name.to_string());
                    blocker_kinds.push(kind);
                }
            }
        };
        push_blockers(PLACES, &pack.places, Blocker::Place);
        push_blockers(ORGANISATIONS, &pack.organisations, Blocker::Organisation);
        push_blockers(CONFERENCES, &pack.conferences, Blocker::Conference);
        let blocker_names = blocker_patterns
            .iter()
            .map(|n| n.to_lowercase().into_bytes().into_boxed_slice())
            .collect();
        let gazetteer = Gazetteer::new(vec![
            GazetteerList {
                patterns: folded_patterns,
                fold: true,
            },
            GazetteerList {
                patterns: exact_patterns,
                fold: false,
            },
            GazetteerList {
                patterns: blocker_patterns,
                fold: false,
            },
        ]);

        let mut talk_kinds: Vec<(String, TalkKind)> = Vec::new();
        for line in data_lines(TALK_KINDS) {
            let mut cols = line.split('\t');
            if let (Some(surface), Some(kind)) = (cols.next(), cols.next()) {
                if let Some(kind) = TalkKind::parse(kind) {
                    talk_kinds.push((surface.trim().to_lowercase(), kind));
                }
            }
        }
        for k in pack.talk_kind {
            let kind = TalkKind::parse(&k.kind).ok_or(RulesError::UnknownKind(k.kind))?;
            talk_kinds.push((k.surface.to_lowercase(), kind));
        }
        // Longest cue first, so "lightning talk" wins over "talk".
        talk_kinds.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        talk_kinds.dedup_by(|a, b| a.0 == b.0);

        // A DFA: every talk a post yields is looked up, and the cues are few.
        let talk_kind_cues = overlapping_dfa(talk_kinds.iter().map(|(cue, _)| cue))
            .map_err(|e| RulesError::Pattern(e.to_string()))?;

        let particle_words: Vec<String> = list_words(PARTICLES, &[]).collect();
        let particle_initials = initials(&particle_words);
        let particles = particle_words
            .iter()
            .map(|p| packed(p.as_bytes()).expect("a particle is a short word"))
            .collect();
        Ok(Rules {
            talk_kind_cues,
            gazetteer,
            project_folded_ids: folded_ids,
            folded_is_alias,
            project_exact_ids: exact_ids,
            project_by_folded_name: by_name,
            projects,
            words,
            particles,
            particle_initials,
            organisation_suffixes: list_words(ORGANISATION_SUFFIXES, &pack.organisation_suffixes)
                .map(|w| w.into_bytes().into_boxed_slice())
                .collect(),
            blocker_kinds,
            blocker_names,
            talk_kinds,
            day_marker: Pattern::new(DAY_MARKER).map_err(RulesError::Pattern)?,
        })
    }

    /// The project at `index`.
    pub fn project(&self, index: usize) -> &ProjectEntry {
        &self.projects[index]
    }

    /// The gazetteer project named `name` (any case).
    pub fn project_named(&self, name: &str) -> Option<usize> {
        self.project_named_lower(&lower_key(name, &mut [0; SHORT_WORD]))
    }

    /// [`Rules::project_named`] for a name already lower-cased by [`lower_key`].
    pub(crate) fn project_named_lower(&self, lower: &[u8]) -> Option<usize> {
        self.project_by_folded_name.get(lower).copied()
    }

    /// Every gazetteer hit in `text` on word boundaries, in text order, longest first
    /// where two start together.
    pub fn project_hits(&self, text: &str) -> Vec<ProjectHit> {
        self.hits_in_lists(text, &[FOLDED_PROJECTS, EXACT_PROJECTS])
            .projects
    }

    /// Places, organisations and conferences named in `text` (exact case, whole words).
    pub fn blocker_hits(&self, text: &str) -> Vec<(usize, usize, Blocker)> {
        self.hits_in_lists(text, &[BLOCKERS]).blockers
    }

    /// [`Rules::project_hits`] and [`Rules::blocker_hits`] together, from one search.
    pub fn gazetteer_hits(&self, text: &str) -> GazetteerHits {
        self.hits_in_lists(text, &[FOLDED_PROJECTS, EXACT_PROJECTS, BLOCKERS])
    }

    /// The hits in `text` of the gazetteer lists in `wanted`.
    fn hits_in_lists(&self, text: &str, wanted: &[usize]) -> GazetteerHits {
        let mut hits = GazetteerHits::default();
        // "python" is Python, but "iceberg" is not Apache Iceberg: a lower-case surface
        // may stand for a capitalized name, not for a capitalized alias.
        let accept = |list: usize, m: &Match| {
            let index = m.pattern().as_usize();
            if list != FOLDED_PROJECTS || !self.folded_is_alias[index] {
                return true;
            }
            let surface = &text[m.start()..m.end()];
            let pattern = self.gazetteer.pattern(list, index);
            surface == pattern
                || surface.chars().any(char::is_uppercase)
                || !pattern.chars().any(char::is_uppercase)
        };
        self.gazetteer
            .each_accepted(text, wanted, accept, |list, m| {
                let index = m.pattern().as_usize();
                let project = match list {
                    FOLDED_PROJECTS => self.project_folded_ids[index],
                    EXACT_PROJECTS => self.project_exact_ids[index],
                    _ => {
                        hits.blockers
                            .push((m.start(), m.end(), self.blocker_kinds[index]));
                        return;
                    }
                };
                hits.projects.push(ProjectHit {
                    start: m.start(),
                    end: m.end(),
                    project,
                });
            });
        hits
    }

    /// Whether `phrase` is a known place, organisation or conference (any case).
    pub fn is_blocker(&self, phrase: &str) -> bool {
        contains_lower(&self.blocker_names, phrase)
    }

    /// [`Rules::is_blocker`] for a phrase already lower-cased by [`lower_key`].
    pub(crate) fn is_blocker_lower(&self, lower: &[u8]) -> bool {
        self.blocker_names.contains(lower)
    }

    /// The word lists `word` is on, found with one look-up where it is ASCII.
    pub fn word_lists(&self, word: &str) -> WordLists {
        self.lists_of(word, WordLists::ALL)
    }

    /// Those of the lists in `wanted` that `word` is on. A word is compared with given
    /// names folded (see [`fold`]) and with the other lists lower-cased; for ASCII the two
    /// agree, so one look-up answers every list. Nearly every word looked up is short or
    /// of medium length and ASCII: the other words, in a function of their own, no longer
    /// make each call save and restore the registers they need.
    fn lists_of(&self, word: &str, wanted: WordLists) -> WordLists {
        // Most words are short and ASCII, lower-cased in their packed form.
        if let Some(short) = packed(word.as_bytes()).filter(|short| short & HIGHS == 0) {
            return self.words.short_lists(lower_ascii_lanes(short)) & wanted;
        }
        // Most of the others, surnames above all, are ASCII and of medium length.
        if let Some((head, tail)) =
            medium_packed(word.as_bytes()).filter(|(head, tail)| (head | tail) & HIGHS == 0)
        {
            let key = (lower_ascii_lanes(head), lower_ascii_lanes(tail));
            return self.words.medium_lists(key) & wanted;
        }
        self.lists_of_any(word, wanted)
    }

    /// [`Rules::lists_of`] for a word that is long or not ASCII.
    #[inline(never)]
    fn lists_of_any(&self, word: &str, wanted: WordLists) -> WordLists {
        let on = |key: &[u8]| self.words.get(key);
        if let Some(lower) = ascii_lower(word, &mut [0; SHORT_WORD]) {
            return on(lower) & wanted;
        }
        let mut found = WordLists::default();
        let lowered = wanted & !WordLists::FOLDED;
        if lowered != WordLists::default() {
            found |= match lower_on_stack(word, &mut [0; SHORT_WORD]) {
                Some(lower) => on(lower),
                None => on(word.to_lowercase().as_bytes()),
            } & lowered;
        }
        let folded = wanted & WordLists::FOLDED;
        if folded != WordLists::default() {
            found |= on(fold(word).as_bytes()) & folded;
        }
        found
    }

    /// Whether `word` is a known, unambiguous given name.
    pub fn is_given_name(&self, word: &str) -> bool {
        self.lists_of(word, WordLists::GIVEN_NAME).is_given_name()
    }

    /// Whether `word` is a given name that is also an everyday word ("Will", "May").
    pub fn is_ambiguous_given_name(&self, word: &str) -> bool {
        self.lists_of(word, WordLists::AMBIGUOUS_GIVEN_NAME)
            .is_ambiguous_given_name()
    }

    /// Whether `word` is a lower-case name particle ("van", "de", "bin").
    pub fn is_particle(&self, word: &str) -> bool {
        // Few letters start a particle: most words need no look-up.
        word.bytes()
            .next()
            .is_some_and(|b| self.may_start_particle(b))
            && packed(word.as_bytes()).is_some_and(|key| self.particles.contains(&key))
    }

    /// Whether `word` is a capitalized word that ends an organisation's name ("Labs",
    /// "Inc."), in any case after its capital.
    pub fn is_organisation_suffix(&self, word: &str) -> bool {
        let word = word.trim_end_matches('.');
        word.chars().next().is_some_and(char::is_uppercase)
            && contains_lower(&self.organisation_suffixes, word)
    }

    /// Whether a particle starts with the byte `b`.
    pub fn may_start_particle(&self, b: u8) -> bool {
        self.particle_initials[usize::from(b)]
    }

    /// Whether `word` is an honorific ("Dr", "Mr").
    pub fn is_honorific(&self, word: &str) -> bool {
        self.lists_of(word, WordLists::HONORIFIC) == WordLists::HONORIFIC
    }

    /// Whether `word` is a capitalized word that never belongs to a person's name.
    pub fn is_non_person_word(&self, word: &str) -> bool {
        self.lists_of(word, WordLists::NON_PERSON_WORD)
            .is_non_person_word()
    }

    /// Whether `word` marks a software context.
    pub fn is_software_cue(&self, word: &str) -> bool {
        self.lists_of(word, WordLists::SOFTWARE_CUE) == WordLists::SOFTWARE_CUE
    }

    /// The kind named by the first cue, longest first, that stands as whole words in the
    /// lower-cased `phrase`.
    ///
    /// A cue's occurrences are counted as `str::match_indices` counts them (left to right,
    /// not overlapping one another), so the answer is that of trying each cue in turn.
    pub fn talk_kind_in(&self, phrase: &str) -> Option<TalkKind> {
        // The cues are lower case and their automaton ignores ASCII case, so an ASCII
        // phrase is read as written: lower-casing it would move no byte and change no
        // word boundary. Lower-casing another phrase may change its length.
        if phrase.is_ascii() {
            self.talk_kind_in_lower(phrase)
        } else {
            self.talk_kind_in_lower(&phrase.to_lowercase())
        }
    }

    /// [`Rules::talk_kind_in`] for a phrase without upper-case letters but ASCII ones.
    fn talk_kind_in_lower(&self, lower: &str) -> Option<TalkKind> {
        let mut counted: Vec<(usize, usize)> = Vec::new(); // (cue, end of its last occurrence)
        let mut best: Option<usize> = None;
        each_overlapping(&self.talk_kind_cues, lower.as_bytes(), |m| {
            let cue = m.pattern().as_usize();
            let last = counted.iter_mut().find(|(c, _)| *c == cue);
            match last {
                Some((_, end)) if m.start() < *end => return,
                Some((_, end)) => *end = m.end(),
                None => counted.push((cue, m.end())),
            }
            if best.is_none_or(|b| cue < b) && on_word_boundaries(lower, m.start(), m.end()) {
                best = Some(cue);
            }
        });
        best.map(|i| self.talk_kinds[i].1)
    }
}

/// Calls `found` with every match of `automaton` in `bytes`, overlapping ones too, in the
/// order the crate's overlapping search gives them; `automaton` has standard match
/// semantics and no prefilter.
///
/// The crate's own loop reads the haystack and its bounds through the search's input at
/// every byte and checks them again; this one is a few instructions a byte. The talk cues
/// and the gazetteers both search this way.
pub(crate) fn each_overlapping(
    automaton: &impl Automaton,
    bytes: &[u8],
    mut found: impl FnMut(Match),
) {
    let mut state = automaton
        .start_state(Anchored::No)
        .expect("overlapping searches are unanchored");
    each_match_in(automaton, state, 0, &mut found);
    // Moves past the byte that ends at `end`; false once no match can follow.
    let mut step = |byte: u8, end: usize| {
        state = automaton.next_state(Anchored::No, state, byte);
        if automaton.is_special(state) {
            if automaton.is_dead(state) {
                return false;
            }
            each_match_in(automaton, state, end, &mut found);
        }
        true
    };
    // Four bytes a turn: a step is a handful of instructions, and counting and testing
    // the loop once for four of them saves nearly a third of the search.
    let mut fours = bytes.chunks_exact(4);
    let mut end = 0;
    for four in &mut fours {
        for &byte in four {
            end += 1;
            if !step(byte, end) {
                return;
            }
        }
    }
    for &byte in fours.remainder() {
        end += 1;
        if !step(byte, end) {
            return;
        }
    }
}

/// Calls `found` with each match that `state`, entered at `end`, holds, in its order.
fn each_match_in(
    automaton: &impl Automaton,
    state: StateID,
    end: usize,
    found: &mut impl FnMut(Match),
) {
    if automaton.is_match(state) {
        for i in 0..automaton.match_len(state) {
            let pattern = automaton.match_pattern(state, i);
            found(Match::new(
                pattern,
                end - automaton.pattern_len(pattern)..end,
            ));
        }
    }
}

/// The gazetteer's names longer than a byte as a trie, walked from each place a name may
/// start: a walk follows the names that the text from there begins with and stops where
/// none goes on, after a few bytes for most words.
///
/// An Aho-Corasick automaton of the same names spends most of its build on the failure
/// links of an unanchored search, which walks that start at a given place never take,
/// and its states also hold the shorter names that end there but start later. The trie
/// is built in one pass over the names sorted, and a node holds only the names that are
/// the bytes leading to it.
///
/// Nodes are numbered depth first, so that a node's first child, if it has any, is the
/// next node; its other children follow from there as siblings. Bytes are read as
/// classes: every byte that no name holds is class 0, and where the names match in any
/// ASCII case both cases of a letter share a class. The first two steps, the same for
/// every walk, are one look-up in a small table, and so is each step from a node of
/// [`NameTrie::ROW_CHILDREN`] children or more, which has a row of its own.
struct NameTrie {
    /// The class of each byte value.
    classes: [u16; 256],
    /// How many classes there are, class 0 among them.
    width: usize,
    /// The node after the first two bytes, by their classes: the first's times `width`,
    /// plus the second's; 0 (the root, never reached so) where no name starts so.
    first_two: Vec<u32>,
    /// The root, every other node, and one past the last, where the last one's names end.
    nodes: Vec<TrieNode>,
    /// The names that end at each node, node after node.
    names: Vec<usize>,
    /// The child of a node with a row by each class, or 0: rows of `width`.
    rows: Vec<u32>,
}

/// A node of a [`NameTrie`].
#[derive(Clone, Copy, Debug)]
struct TrieNode {
    /// The class of the byte that leads to this node from its parent.
    class: u16,
    /// Whether names end at this node: most nodes of a walk hold none, and this spares
    /// the walk reading where their names end.
    has_names: bool,
    /// The parent's next child after this one; 0 (the root) for none.
    sibling: u32,
    /// Where this node's names start in [`NameTrie::names`]; the next node's start ends them.
    names: u32,
    /// Where this node's row starts in [`NameTrie::rows`], if it has one; else
    /// [`NameTrie::NO_ROW`] if it has children, the next node the first of them, and
    /// [`NameTrie::LEAF`] if it has none. One field tells both, read once a step.
    row: u32,
}

impl NameTrie {
    /// How many children give a node a row: scanning fewer siblings costs about as much
    /// as the look-up.
    const ROW_CHILDREN: usize = 3;
    /// [`TrieNode::row`] of a node with children but without a row.
    const NO_ROW: u32 = u32::MAX - 1;
    /// [`TrieNode::row`] of a node without children.
    const LEAF: u32 = u32::MAX;

    /// The trie of `names`, each a name longer than a byte and what stands for it, which
    /// matches in any ASCII case if `fold`.
    fn new<'n>(names: impl IntoIterator<Item = (&'n [u8], usize)>, fold: bool) -> NameTrie {
        let fold_byte = |b: u8| if fold { b.to_ascii_lowercase() } else { b };
        let mut names: Vec<(Vec<u8>, usize)> = names
            .into_iter()
            .map(|(name, stands_for)| (name.iter().map(|&b| fold_byte(b)).collect(), stands_for))
            .collect();
        // Sorted, the names that share a beginning follow one another, a name before
        // those that go on from it.
        names.sort_unstable();
        let mut classes = [0; 256];
        let mut width = 1;
        for &b in names.iter().flat_map(|(name, _)| name) {
            if classes[usize::from(b)] == 0 {
                let class = u16::try_from(width).expect("at most 257 classes");
                classes[usize::from(b)] = class;
                if fold {
                    classes[usize::from(b.to_ascii_uppercase())] = class;
                }
                width += 1;
            }
        }
        let root = TrieNode {
            class: 0,
            has_names: false,
            sibling: 0,
            names: 0,
            row: Self::LEAF,
        };
        let mut nodes = vec![root];
        let mut stands_for = Vec::with_capacity(names.len());
        // The nodes that the last name leads through, the root first.
        let mut path: Vec<u32> = vec![0];
        let mut last: &[u8] = &[];
        let index = |at: usize| u32::try_from(at).expect("fewer than 2^32 nodes and names");
        for (name, stood_for) in &names {
            let shared = name.iter().zip(last).take_while(|(a, b)| a == b).count();
            // The last name's node after the shared bytes, if it goes on from there: the
            // sibling before this name's next node.
            let before = path.get(shared + 1).copied();
            path.truncate(shared + 1);
            for &b in &name[shared..] {
                let node = index(nodes.len());
                let parent = *path.last().expect("the root stays");
                if path.len() == shared + 1 {
                    if let Some(before) = before {
                        nodes[before as usize].sibling = node;
                    }
                }
                nodes[parent as usize].row = Self::NO_ROW;
                nodes.push(TrieNode {
                    class: classes[usize::from(b)],
                    has_names: false,
                    sibling: 0,
                    names: index(stands_for.len()),
                    row: Self::LEAF,
                });
                path.push(node);
            }
            let node = *path.last().expect("a name leads through a node");
            nodes[node as usize].has_names = true;
            stands_for.push(*stood_for);
            last = name;
        }
        nodes.push(TrieNode {
            names: index(stands_for.len()),
            ..root
        });
        let mut trie = NameTrie {
            classes,
            width,
            first_two: vec![0; width * width],
            nodes,
            names: stands_for,
            rows: Vec::new(),
        };
        for first in trie.children(0).collect::<Vec<_>>() {
            for second in trie.children(first).collect::<Vec<_>>() {
                let class = |node: usize| usize::from(trie.nodes[node].class);
                trie.first_two[class(first) * width + class(second)] = index(second);
            }
        }
        for node in 0..trie.nodes.len() {
            let children: Vec<usize> = trie.children(node).collect();
            if children.len() >= Self::ROW_CHILDREN {
                let row = trie.rows.len();
                trie.rows.resize(row + width, 0);
                for child in children {
                    trie.rows[row + usize::from(trie.nodes[child].class)] = index(child);
                }
                trie.nodes[node].row = index(row);
            }
        }
        trie
    }

    /// The children of `node`.
    fn children(&self, node: usize) -> impl Iterator<Item = usize> + '_ {
        let first = (self.nodes[node].row != Self::LEAF).then_some(node + 1);
        std::iter::successors(first, |&child| match self.nodes[child].sibling {
            0 => None,
            sibling => Some(sibling as usize),
        })
    }

    /// The child of `node` (which has children and `row`, its [`TrieNode::row`]) that a
    /// byte of `class` leads to, or 0.
    fn child(&self, node: usize, row: u32, class: usize) -> usize {
        if row != Self::NO_ROW {
            return self.rows[row as usize + class] as usize;
        }
        let mut child = node + 1;
        loop {
            let candidate = self.nodes[child];
            if usize::from(candidate.class) == class {
                return child;
            }
            if candidate.sibling == 0 {
                return 0;
            }
            child = candidate.sibling as usize;
        }
    }

    /// Calls `found` with what stands for each name that `bytes` holds from `start` on,
    /// and where the name ends, shorter names first.
    fn each_name_from(&self, bytes: &[u8], start: usize, mut found: impl FnMut(usize, usize)) {
        let Some(&[first, second]) = bytes.get(start..start + 2) else {
            return;
        };
        let class = |b: u8| usize::from(self.classes[usize::from(b)]);
        let mut node = self.first_two[class(first) * self.width + class(second)] as usize;
        let mut end = start + 2;
        while node != 0 {
            let here = self.nodes[node];
            if here.has_names {
                for &name in self.names_at(node) {
                    found(name, end);
                }
            }
            if here.row == Self::LEAF {
                return;
            }
            let Some(&byte) = bytes.get(end) else {
                return;
            };
            node = self.child(node, here.row, class(byte));
            end += 1;
        }
    }

    /// What stands for each name that ends at `node`.
    fn names_at(&self, node: usize) -> &[usize] {
        &self.names[self.nodes[node].names as usize..self.nodes[node + 1].names as usize]
    }
}

/// A DFA for [`each_overlapping`] that ignores ASCII case. No prefilter: that search does
/// not use one.
pub(crate) fn overlapping_dfa<P: AsRef<[u8]>>(
    patterns: impl IntoIterator<Item = P>,
) -> Result<DFA, aho_corasick::BuildError> {
    DFA::builder()
        .ascii_case_insensitive(true)
        .prefilter(false)
        .build(patterns)
}

/// One list of a [`Gazetteer`]: its patterns, and whether they match in any ASCII case.
struct GazetteerList {
    patterns: Vec<String>,
    fold: bool,
}

/// Several gazetteer lists searched in one pass.
///
/// The lists' names overlap (a conference named after a project, a longer name holding a
/// shorter one), and each list takes its own matches. So one trie of every pattern (but
/// those of one byte, see [`SingleBytes`]) finds every occurrence, each of its own list,
/// and each list then takes its matches from its occurrences (see
/// [`Gazetteer::each_accepted`]). The trie ignores ASCII case if any list does; a list
/// that does not compares the bytes of each occurrence.
struct Gazetteer {
    /// Every list's patterns, one list after another.
    patterns: Vec<String>,
    /// The list of each pattern.
    list_of: Vec<usize>,
    /// Where each list's patterns start in `patterns`.
    list_starts: Vec<usize>,
    /// Whether each list matches in any ASCII case.
    folds: Vec<bool>,
    /// Whether each pattern starts and whether it ends with a letter or digit.
    alphanumeric_ends: Vec<(bool, bool)>,
    /// The patterns of one byte, found apart (see [`SingleBytes`]).
    single_bytes: SingleBytes,
    /// What each byte value tells the search: [`STARTS_NAME`], [`STARTS_WORD_NAME`],
    /// [`JOINS_WORD`] and [`SINGLE_BYTE_NAME`].
    initials: [u8; 256],
    /// [`HIGHS`] if a name of the trie starts with, or one of one byte is, a byte that
    /// [`may_start_names`] does not flag (ASCII white space or a control byte), so that
    /// it flags every byte; else zero.
    unflagged_initials: u64,
    /// Every pattern longer than a byte, standing for itself.
    trie: NameTrie,
}

/// A byte that starts, in either ASCII case, one of the trie's patterns, which may start
/// wherever [`may_start_names`] flags that byte: one that begins otherwise than with a
/// letter or digit (".NET"), or any where [`Gazetteer::unflagged_initials`] is zero.
const STARTS_NAME: u8 = 1;
/// A byte that starts, in either ASCII case, one of the trie's patterns that begins with
/// a letter or digit, where [`may_start_names`] flags every byte: such a name starts
/// only where no ASCII letter, digit or `_` comes right before.
const STARTS_WORD_NAME: u8 = 2;
/// An ASCII letter, digit or `_`: a name that begins with a letter or digit is no whole
/// word right after it (see [`joined_by_ascii`]).
const JOINS_WORD: u8 = 4;
/// A byte that stands for a pattern of one byte (see [`SingleBytes`]).
const SINGLE_BYTE_NAME: u8 = 8;

/// A whole word of `text` that a pattern matches, ordered as the lists take them: by
/// start, longest first, then by list and by the pattern's place in its list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Occurrence {
    start: usize,
    end: Reverse<usize>,
    list: usize,
    /// Index in its list.
    pattern: usize,
}

impl Gazetteer {
    fn new(lists: Vec<GazetteerList>) -> Gazetteer {
        let folds: Vec<bool> = lists.iter().map(|l| l.fold).collect();
        let mut patterns = Vec::new();
        let mut list_of = Vec::new();
        let mut list_starts = Vec::new();
        for (i, list) in lists.into_iter().enumerate() {
            list_starts.push(patterns.len());
            list_of.extend(std::iter::repeat_n(i, list.patterns.len()));
            patterns.extend(list.patterns);
        }
        let (single, trie_patterns): (Vec<usize>, Vec<usize>) =
            (0..patterns.len()).partition(|&p| patterns[p].len() == 1);
        let single_bytes = SingleBytes::new(single.iter().flat_map(|&p| {
            let byte = patterns[p].as_bytes()[0];
            let cases = if folds[list_of[p]] {
                [byte.to_ascii_lowercase(), byte.to_ascii_uppercase()]
            } else {
                [byte; 2]
            };
            cases.map(|b| (b, p))
        }));
        let mut initials = [0; 256];
        for byte in 0..=u8::MAX {
            if byte.is_ascii_alphanumeric() || byte == b'_' {
                initials[usize::from(byte)] |= JOINS_WORD;
            }
        }
        for byte in single_bytes.bytes() {
            initials[usize::from(byte)] |= SINGLE_BYTE_NAME;
        }
        for &p in &trie_patterns {
            let first = patterns[p].as_bytes()[0];
            let starts = if alphanumeric_first(&patterns[p]) {
                STARTS_WORD_NAME
            } else {
                STARTS_NAME
            };
            initials[usize::from(first.to_ascii_lowercase())] |= starts;
            initials[usize::from(first.to_ascii_uppercase())] |= starts;
        }
        let flagged = |byte: u8| byte.is_ascii_graphic() || starts_char_beyond_ascii(byte);
        let unflagged_initials = if (0..=u8::MAX).any(|byte| {
            initials[usize::from(byte)] & (STARTS_NAME | SINGLE_BYTE_NAME) != 0 && !flagged(byte)
        }) {
            HIGHS
        } else {
            0
        };
        // Flagged only where words start, an ASCII letter or digit has no word before
        // it, and a name after one that a non-ASCII byte starts is refused in
        // `occurrence` (see [`joined_by_ascii`]).
        if unflagged_initials == 0 {
            for flags in &mut initials {
                if *flags & STARTS_WORD_NAME != 0 {
                    *flags = *flags & !STARTS_WORD_NAME | STARTS_NAME;
                }
            }
        }
        let trie = NameTrie::new(
            trie_patterns.iter().map(|&p| (patterns[p].as_bytes(), p)),
            folds.contains(&true),
        );
        let alphanumeric_ends = patterns
            .iter()
            .map(|p| {
                (
                    alphanumeric_first(p),
                    p.chars().next_back().is_some_and(char::is_alphanumeric),
                )
            })
            .collect();
        Gazetteer {
            patterns,
            list_of,
            list_starts,
            folds,
            alphanumeric_ends,
            single_bytes,
            initials,
            unflagged_initials,
            trie,
        }
    }

    /// The pattern at `index` of `list`.
    fn pattern(&self, list: usize, index: usize) -> &str {
        &self.patterns[self.list_starts[list] + index]
    }

    /// Calls `found` with the list and the match of each match in `text`, of the lists
    /// in `wanted`, that `accept` takes: in text order, longest first of those that start
    /// together, then list by list.
    ///
    /// Within a list the matches are whole words (see [`on_word_boundaries`]), leftmost
    /// first and longest of those that start together, none overlapping, as a
    /// leftmost-longest search of that list alone would find them that retries a refused
    /// match's start with the shorter names there ("Jupyter" in "Jupyter notebooks",
    /// where "Jupyter Notebook" ends inside a word), longest first, before it goes on
    /// from the next byte. Such a search offers, of the patterns matching the same bytes,
    /// only the first in the list.
    fn each_accepted(
        &self,
        text: &str,
        wanted: &[usize],
        mut accept: impl FnMut(usize, &Match) -> bool,
        mut found: impl FnMut(usize, &Match),
    ) {
        let mut occurrences = self.occurrences(text, wanted);
        // They are found in text order: only those that start together need ordering.
        for together in occurrences.chunk_by_mut(|a, b| a.start == b.start) {
            together.sort_unstable();
        }
        occurrences.dedup_by_key(|o| (o.start, o.end, o.list));
        // Where each list's last match ends.
        let mut taken = vec![0; self.folds.len()];
        for o in occurrences {
            let m = Match::must(o.pattern, o.start..o.end.0);
            if taken[o.list] <= o.start && accept(o.list, &m) {
                found(o.list, &m);
                taken[o.list] = o.end.0;
            }
        }
    }

    /// The whole-word occurrences in `text` of the patterns of the lists in `wanted`, in
    /// the order of their starts.
    ///
    /// A name that begins with a letter or digit is no whole word right after an ASCII
    /// letter, digit or `_` (see [`joined_by_ascii`]), so it is searched for
    /// only at the other places its first byte stands: where words start. The few other
    /// names are searched for wherever their first byte stands. Each search walks the trie
    /// from there, and most end a byte or two into the word. The names of one byte are looked
    /// up at the same places.
    fn occurrences(&self, text: &str, wanted: &[usize]) -> Vec<Occurrence> {
        let bytes = text.as_bytes();
        // Posts hold about one occurrence in 32 bytes: room for twice that spares nearly
        // every post growing the vector.
        let mut occurrences = Vec::with_capacity(text.len() / 16);
        may_start_names(bytes, self.unflagged_initials, |start| {
            // A name of one byte is a whole word only where a name may start, as are
            // the trie's names.
            if self.initials[usize::from(bytes[start])] & SINGLE_BYTE_NAME != 0 {
                for &pattern in self.single_bytes.patterns_of(bytes[start]) {
                    occurrences.extend(self.occurrence(text, wanted, pattern, start, start + 1));
                }
            }
            if !self.may_start_name(bytes, start) {
                return;
            }
            self.trie.each_name_from(bytes, start, |pattern, end| {
                occurrences.extend(self.occurrence(text, wanted, pattern, start, end));
            });
        });
        occurrences
    }

    /// Whether a name of the trie that is a whole word may start at `start`, a place that
    /// [`may_start_names`] flags: one that starts with the byte there, and where the byte
    /// before joins no word to it.
    fn may_start_name(&self, bytes: &[u8], start: usize) -> bool {
        let flags = self.initials[usize::from(bytes[start])];
        flags & STARTS_NAME != 0
            || flags & STARTS_WORD_NAME != 0
                && start
                    .checked_sub(1)
                    .is_none_or(|i| self.initials[usize::from(bytes[i])] & JOINS_WORD == 0)
    }

    /// The match of `pattern` at `start..end` of `text` as an occurrence, if it is a
    /// whole word and its list is in `wanted`.
    fn occurrence(
        &self,
        text: &str,
        wanted: &[usize],
        pattern: usize,
        start: usize,
        end: usize,
    ) -> Option<Occurrence> {
        let bytes = text.as_bytes();
        if joined_by_ascii(bytes, self.alphanumeric_ends[pattern], start, end) {
            return None;
        }
        let list = self.list_of[pattern];
        let whole_word = wanted.contains(&list)
            && (self.folds[list] || &bytes[start..end] == self.patterns[pattern].as_bytes())
            && unjoined_on_word_boundaries(text, start, end);
        whole_word.then(|| Occurrence {
            list,
            start,
            end: Reverse(end),
            pattern: pattern - self.list_starts[list],
        })
    }
}

/// Whether an ASCII letter, digit or `_` right beside the match at `start..end` joins it
/// to a longer word, so that [`on_word_boundaries`] refuses it; `(first, last)` tell
/// whether the match starts and whether it ends with a letter or digit (those of its
/// pattern, see [`Gazetteer::alphanumeric_ends`]).
///
/// Most matches are short names inside words ("R" in "for", "Go" in "good"): one byte
/// on each side tells them, before any other test.
fn joined_by_ascii(bytes: &[u8], (first, last): (bool, bool), start: usize, end: usize) -> bool {
    let joins = |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_');
    first && start > 0 && joins(bytes.get(start - 1)) || last && joins(bytes.get(end))
}

/// [`on_word_boundaries`] for a match at `start..end` of `text` that [`joined_by_ascii`]
/// does not refuse.
///
/// Most such matches stand between ASCII bytes other than `+` and a `.` before a letter or
/// digit, typographic quotes or dashes (see [`starts_with_break`]), or at an end of the
/// text. Then they are whole words, with no character decoded: a letter, digit or `_`
/// beside one joins it to a word only where its own end there is a letter or digit, which
/// `joined_by_ascii` has ruled out. Most others are pieces of a dotted name ("Node" of
/// "Node.js"), refused as plainly.
fn unjoined_on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let bytes = text.as_bytes();
    // The byte at `at`, or a space past an end of the text.
    let byte = |at: Option<usize>| at.and_then(|at| bytes.get(at)).map_or(b' ', |&b| b);
    let plain = |at: Option<usize>, beyond: Option<usize>| {
        let b = byte(at);
        b.is_ascii()
            && b != b'+'
            && (b != b'.' || byte(beyond).is_ascii() && !byte(beyond).is_ascii_alphanumeric())
    };
    // A `.` with a letter or digit beyond it joins the match to a dotted name.
    let dotted = |at: Option<usize>, beyond: Option<usize>| {
        byte(at) == b'.' && byte(beyond).is_ascii_alphanumeric()
    };
    let (before, before_that) = (start.checked_sub(1), start.checked_sub(2));
    let (after, after_that) = (Some(end), end.checked_add(1));
    (plain(before, before_that) || ends_with_break(&bytes[..start]))
        && (plain(after, after_that) || starts_with_break(&bytes[end..]))
        || !dotted(before, before_that)
            && !dotted(after, after_that)
            && on_word_boundaries(text, start, end)
}

/// Whether `bytes` starts with a non-breaking space, or with one of the punctuation
/// marks U+2010 to U+2027 and U+2030 to U+203E (dashes, typographic quotes, `…`,
/// primes): characters that are neither letters, digits nor `_`.
pub(crate) fn starts_with_break(bytes: &[u8]) -> bool {
    matches!(
        bytes,
        [0xc2, 0xa0, ..] | [0xe2, 0x80, 0x90..=0xa7 | 0xb0..=0xbe, ..]
    )
}

/// Whether `bytes` ends with one of the characters [`starts_with_break`] tells.
fn ends_with_break(bytes: &[u8]) -> bool {
    matches!(
        bytes,
        [.., 0xc2, 0xa0] | [.., 0xe2, 0x80, 0x90..=0xa7 | 0xb0..=0xbe]
    )
}

/// Calls `found` with each place in `bytes`, in increasing order, that may start a name
/// of a [`Gazetteer`]: each ASCII letter or digit that no ASCII letter, digit or `_`
/// comes right before, each other visible ASCII byte and each first byte of a character
/// beyond ASCII (no name starts with a byte inside a character); and every byte if
/// `unflagged` is [`HIGHS`]. Word-inner letters and white space, most bytes of a post,
/// are passed over eight bytes at a time.
fn may_start_names(bytes: &[u8], unflagged: u64, mut found: impl FnMut(usize)) {
    // Whether the byte before the word read joins a word: in the high bit of its place 0.
    let mut joined_before = 0;
    // A plain loop: a stepped range costs more a step than the eight bytes' tests.
    let mut at = 0;
    while at < bytes.len() {
        let (word, in_chunk) = eight_bytes_from(bytes, at);
        let (alphanumeric, joins, graphic) = ascii_classes(word);
        let mut starts = (alphanumeric & !(joins << 8 | joined_before)
            | graphic & !alphanumeric
            | word & word << 1 & HIGHS
            | unflagged)
            & in_chunk;
        joined_before = joins >> 56;
        while starts != 0 {
            found(at + starts.trailing_zeros() as usize / 8);
            starts &= starts - 1;
        }
        at += 8;
    }
}

/// Whether `byte` is the first of a character beyond ASCII in UTF-8: its two high bits
/// are set, where a byte inside such a character has only the highest.
fn starts_char_beyond_ascii(byte: u8) -> bool {
    byte >= 0xc0
}

/// The eight bytes of `bytes` from `at` as a word read little-endian, zero past the end,
/// and [`HIGHS`] in the places of the bytes that are there. Eight bytes that are all
/// there are read in place; only a last few are copied into a buffer, since copying
/// every eight would call the general copy routine each time.
#[inline(always)]
fn eight_bytes_from(bytes: &[u8], at: usize) -> (u64, u64) {
    match bytes[at..].first_chunk() {
        Some(eight) => (u64::from_le_bytes(*eight), HIGHS),
        None => {
            let rest = &bytes[at..];
            let mut eight = [0; 8];
            eight[..rest.len()].copy_from_slice(rest);
            (u64::from_le_bytes(eight), HIGHS >> (8 * (8 - rest.len())))
        }
    }
}

/// The high bit of the place of each byte of `word` that is an ASCII letter or digit;
/// that or `_`; and a visible ASCII character (`!` to `~`), exactly.
fn ascii_classes(word: u64) -> (u64, u64, u64) {
    // Setting 0x20 lower-cases the ASCII capitals, and moves no other byte into a..z.
    let letters = ascii_bytes_between(word | (ONES * 0x20), b'a', b'z');
    let alphanumeric = letters | ascii_bytes_between(word, b'0', b'9');
    let underscore = zero_bytes(word ^ (ONES * u64::from(b'_')));
    let graphic = ascii_bytes_between(word, b'!', b'~');
    (alphanumeric, alphanumeric | underscore, graphic)
}

/// Whether `pattern` begins with a letter or digit, which no letter, digit or `_` may
/// come right before in a whole word.
fn alphanumeric_first(pattern: &str) -> bool {
    pattern.chars().next().is_some_and(char::is_alphanumeric)
}

/// The gazetteer's patterns of one byte ("C", "R"). In a search that ignores case such a
/// pattern matches nearly every word holding its letter; looked up only where a
/// name may start, such a byte is found only at the places that can be it.
struct SingleBytes {
    /// The patterns that each byte value stands for.
    patterns_of: Vec<Vec<usize>>,
}

impl SingleBytes {
    /// Finds each pattern of `bytes` (a byte, and the pattern it stands for).
    fn new(bytes: impl IntoIterator<Item = (u8, usize)>) -> SingleBytes {
        let mut patterns_of = vec![Vec::new(); 256];
        for (byte, pattern) in bytes {
            let patterns: &mut Vec<usize> = &mut patterns_of[usize::from(byte)];
            if !patterns.contains(&pattern) {
                patterns.push(pattern);
            }
        }
        SingleBytes { patterns_of }
    }

    /// The bytes that stand for a pattern.
    fn bytes(&self) -> impl Iterator<Item = u8> + '_ {
        (0..=u8::MAX).filter(|&b| !self.patterns_of[usize::from(b)].is_empty())
    }

    /// The patterns that `byte` stands for.
    fn patterns_of(&self, byte: u8) -> &[usize] {
        &self.patterns_of[usize::from(byte)]
    }
}

/// Whether `text[start..end]` is a whole word: no letter or digit joins it on either side.
///
/// A name that itself begins or ends with punctuation (".NET", "C++") is bounded by that
/// punctuation, so only the inner side needs a letter check.
pub fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return false;
    }
    let before = char_before(text, start);
    let after = char_from(text, end);
    let (first, last) = if start < end {
        (char_from(text, start), char_before(text, end))
    } else {
        (None, None)
    };
    let joins = |c: Option<char>, edge: Option<char>| {
        c.is_some_and(|c| c.is_alphanumeric() || c == '_')
            && edge.is_some_and(|e| e.is_alphanumeric())
    };
    let after_joins = joins(after, last)
        || (after == Some('+') && last == Some('+'))
        || (after == Some('.') && char_from(text, end + 1).is_some_and(char::is_alphanumeric));
    // "js" in "Node.js" is part of a larger name, not a word of its own.
    let before_joins = joins(before, first)
        || (before == Some('.') && char_before(text, start - 1).is_some_and(char::is_alphanumeric));
    !before_joins && !after_joins
}

/// The character that ends `text[..at]` (`at` a character boundary). Most text around a
/// name is ASCII, read as a byte without decoding.
fn char_before(text: &str, at: usize) -> Option<char> {
    match text.as_bytes()[..at].last() {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        _ => text[..at].chars().next_back(),
    }
}

/// The character that starts `text[at..]` (`at` a character boundary), read as
/// [`char_before`] reads one.
fn char_from(text: &str, at: usize) -> Option<char> {
    match text.as_bytes().get(at) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        _ => text[at..].chars().next(),
    }
}

/// The rule lists a word is on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordLists(u8);

impl WordLists {
    const GIVEN_NAME: WordLists = WordLists(1);
    const AMBIGUOUS_GIVEN_NAME: WordLists = WordLists(2);
    const HONORIFIC: WordLists = WordLists(4);
    const NON_PERSON_WORD: WordLists = WordLists(8);
    const SOFTWARE_CUE: WordLists = WordLists(16);
    const ALL: WordLists = WordLists(31);
    /// The lists whose words are compared folded rather than lower-cased.
    const FOLDED: WordLists = WordLists(1 | 2);

    /// On the list of unambiguous given names.
    pub fn is_given_name(self) -> bool {
        self.0 & Self::GIVEN_NAME.0 != 0
    }

    /// On the list of given names that are also everyday words.
    pub fn is_ambiguous_given_name(self) -> bool {
        self.0 & Self::AMBIGUOUS_GIVEN_NAME.0 != 0
    }

    /// On the list of capitalized words that never belong to a person's name.
    pub fn is_non_person_word(self) -> bool {
        self.0 & Self::NON_PERSON_WORD.0 != 0
    }

    /// On the list of honorifics.
    pub fn is_honorific(self) -> bool {
        self.0 & Self::HONORIFIC.0 != 0
    }
}

impl std::ops::BitAnd for WordLists {
    type Output = WordLists;

    fn bitand(self, other: WordLists) -> WordLists {
        WordLists(self.0 & other.0)
    }
}

impl std::ops::BitOrAssign for WordLists {
    fn bitor_assign(&mut self, other: WordLists) {
        self.0 |= other.0;
    }
}

impl std::ops::Not for WordLists {
    type Output = WordLists;

    fn not(self) -> WordLists {
        WordLists(!self.0 & Self::ALL.0)
    }
}

/// Every rule word, lower-cased or folded as its list compares it, with the lists it is
/// on: nearly every capitalized word of a post is looked up, often for several lists.
#[derive(Default)]
struct WordTable {
    /// The words of at most [`PACKED_WORD`] bytes, by [`packed`]: most words looked up
    /// are that short, and a number is hashed and compared in a few instructions.
    short: FxHashMap<u64, WordLists>,
    /// The words of up to [`MEDIUM_WORD`] bytes, by [`medium_packed`]: two numbers are
    /// still hashed and compared in a few instructions.
    medium: FxHashMap<(u64, u64), WordLists>,
    /// The longer words.
    long: HashMap<Box<[u8]>, WordLists, BuildHasherDefault<WordHasher>>,
}

impl WordTable {
    /// The lists the word `key`, lower-cased or folded, is on.
    fn get(&self, key: &[u8]) -> WordLists {
        if let Some(short) = packed(key) {
            return self.short_lists(short);
        }
        match medium_packed(key) {
            Some(medium) => self.medium_lists(medium),
            None => self.long.get(key).copied().unwrap_or_default(),
        }
    }

    /// The lists of the word packed as `short`.
    fn short_lists(&self, short: u64) -> WordLists {
        self.short.get(&short).copied().unwrap_or_default()
    }

    /// The lists of the word packed as `medium`.
    fn medium_lists(&self, medium: (u64, u64)) -> WordLists {
        self.medium.get(&medium).copied().unwrap_or_default()
    }

    /// Puts the word `key`, lower-cased or folded, on `list`.
    fn add(&mut self, key: String, list: WordLists) {
        let lists = if let Some(short) = packed(key.as_bytes()) {
            self.short.entry(short).or_default()
        } else if let Some(medium) = medium_packed(key.as_bytes()) {
            self.medium.entry(medium).or_default()
        } else {
            self.long
                .entry(key.into_bytes().into_boxed_slice())
                .or_default()
        };
        *lists |= list;
    }
}

/// The most bytes of a word packed into a number: the eighth byte holds the length.
const PACKED_WORD: usize = 7;

/// The bytes of `word` in order from the lowest, and its length in the highest byte, if
/// it has at most [`PACKED_WORD`] bytes; distinct words are distinct numbers.
fn packed(word: &[u8]) -> Option<u64> {
    let len = word.len();
    // Short words are read as two overlapping halves, which agree on the bytes they share.
    let bytes = match len {
        0 => 0,
        1 => u64::from(word[0]),
        2..=3 => {
            let pair = |i: usize| u64::from(u16::from_le_bytes([word[i], word[i + 1]]));
            pair(0) | pair(len - 2) << (8 * (len - 2))
        }
        4..=PACKED_WORD => {
            let quad = |i: usize| {
                u64::from(u32::from_le_bytes([
                    word[i],
                    word[i + 1],
                    word[i + 2],
                    word[i + 3],
                ]))
            };
            quad(0) | quad(len - 4) << (8 * (len - 4))
        }
        _ => return None,
    };
    Some(bytes | (len as u64) << 56)
}

/// The most bytes of a word packed into two numbers.
const MEDIUM_WORD: usize = 8 + PACKED_WORD;

/// The first eight bytes of `word` in order from the lowest, and the rest [`packed`], if
/// it has more than [`PACKED_WORD`] and at most [`MEDIUM_WORD`] bytes; distinct words
/// are distinct pairs, since the rest's length is packed with it.
fn medium_packed(word: &[u8]) -> Option<(u64, u64)> {
    let (head, tail) = word.split_first_chunk::<8>()?;
    if word.len() > MEDIUM_WORD {
        return None;
    }
    Some((u64::from_le_bytes(*head), packed(tail)?))
}

/// `lanes`, eight ASCII bytes, with their capitals lower-cased.
fn lower_ascii_lanes(lanes: u64) -> u64 {
    lanes | ascii_bytes_between(lanes, b'A', b'Z') >> 2
}

/// A set of lower-cased phrases.
pub(crate) type WordSet = HashSet<Box<[u8]>, BuildHasherDefault<WordHasher>>;

/// A multiplicative hash of eight bytes at a time (the one rustc uses for its own
/// tables). The standard SipHash resists keys chosen to collide, which the rule lists,
/// fixed before any post is read, do not need; it costs several times more per word.
#[derive(Clone, Copy, Default)]
pub(crate) struct WordHasher(u64);

impl WordHasher {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(Self::SEED);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Longest ASCII word looked up without allocating.
pub(crate) const SHORT_WORD: usize = 64;

/// Whether `set` holds `phrase` lower-cased; an ASCII phrase is lower-cased on the stack.
pub(crate) fn contains_lower(set: &WordSet, phrase: &str) -> bool {
    set.contains(&*lower_key(phrase, &mut [0; SHORT_WORD]))
}

/// `word` lower-cased as [`str::to_lowercase`] does it, the key of the lower-cased sets
/// and maps: a short ASCII word (nearly every one) in `buffer`, without allocating. A
/// word looked up in several of them is lower-cased once.
pub(crate) fn lower_key<'b>(word: &str, buffer: &'b mut [u8; SHORT_WORD]) -> Cow<'b, [u8]> {
    match ascii_lower(word, buffer) {
        Some(lower) => Cow::Borrowed(lower),
        None => Cow::Owned(word.to_lowercase().into_bytes()),
    }
}

/// `word` lower-cased into `buffer`, if it is short and ASCII; rule words are looked up
/// for nearly every capitalized word of a post, so this allocates nothing.
fn ascii_lower<'b>(word: &str, buffer: &'b mut [u8; SHORT_WORD]) -> Option<&'b [u8]> {
    let lower = buffer.get_mut(..word.len())?;
    // No exit inside the loop: each byte costs a few instructions and no branch.
    let mut ascii = true;
    for (to, &from) in lower.iter_mut().zip(word.as_bytes()) {
        ascii &= from.is_ascii();
        *to = from.to_ascii_lowercase();
    }
    ascii.then_some(lower)
}

/// `word` lower-cased as [`str::to_lowercase`] does it, into `buffer`, if it fits and has
/// no capital sigma, the one letter whose lower case depends on the letters around it.
/// Words beyond ASCII are mostly names, looked up for several lists: this spares
/// allocating a string for each look-up.
fn lower_on_stack<'b>(word: &str, buffer: &'b mut [u8; SHORT_WORD]) -> Option<&'b [u8]> {
    if word.contains('Σ') {
        return None;
    }
    let mut len = 0;
    for c in word.chars() {
        // Most characters of such words are ASCII, lower-cased without the case tables.
        if c.is_ascii() {
            *buffer.get_mut(len)? = c.to_ascii_lowercase() as u8;
            len += 1;
            continue;
        }
        for lower in c.to_lowercase() {
            let next = len + lower.len_utf8();
            lower.encode_utf8(buffer.get_mut(len..next)?);
            len = next;
        }
    }
    Some(&buffer[..len])
}

/// Whether the Damerau-Levenshtein distance of `a` and `b` (`lengths` characters long)
/// is at most `limit`. Each edit changes the length by one at most, and the characters
/// one word has more of than the other by one at most, so those differences are lower
/// bounds of the distance: they settle most pairs without computing it.
pub fn within_edits(a: &str, b: &str, lengths: (usize, usize), limit: usize) -> bool {
    if lengths.0.abs_diff(lengths.1) > limit {
        return false;
    }
    if a.is_ascii() && b.is_ascii() {
        let mut surplus = [0i32; 128];
        for byte in a.bytes() {
            surplus[usize::from(byte)] += 1;
        }
        for byte in b.bytes() {
            surplus[usize::from(byte)] -= 1;
        }
        // Characters `a` has more of, then those `b` has more of (the surpluses sum to
        // the difference in length).
        let mut more_in_a = 0;
        for byte in a.bytes() {
            let extra = &mut surplus[usize::from(byte)];
            if *extra > 0 {
                more_in_a += extra.unsigned_abs() as usize;
                *extra = 0;
            }
        }
        let more_in_b = more_in_a + b.len() - a.len();
        if more_in_a.max(more_in_b) > limit {
            return false;
        }
    }
    strsim::damerau_levenshtein(a, b) <= limit
}

/// Lower-case form with diacritics removed, for matching names written either way: the
/// canonical decomposition (NFD) without combining marks, lower-cased, with letters that
/// do not decompose ("ł", "ß") replaced by their base letters.
///
/// Each character folds on its own. NFD decomposes character by character and then
/// reorders only characters of a non-zero combining class; those are all combining marks
/// (a test checks every character), which are dropped, so the reordering never shows.
/// Folding per character spares building the whole decomposed text, and ASCII characters,
/// most of any name, need no decomposition at all.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    fold_into(text, &mut folded);
    folded
}

/// Appends [`fold`] of `text` to `folded`: a caller folding many words keeps them in one
/// string rather than allocating one for each.
pub fn fold_into(text: &str, folded: &mut String) {
    // ASCII has nothing to decompose or replace.
    if text.is_ascii() {
        let start = folded.len();
        folded.push_str(text);
        folded[start..].make_ascii_lowercase();
        return;
    }
    for c in text.chars() {
        if c.is_ascii() {
            folded.push(c.to_ascii_lowercase());
        } else {
            unicode_normalization::char::decompose_canonical(c, |d| {
                if !unicode_normalization::char::is_combining_mark(d) {
                    folded.extend(d.to_lowercase().map(base_letter));
                }
            });
        }
    }
}

/// The base letter of a lower-case letter that no decomposition splits from its mark.
fn base_letter(c: char) -> char {
    match c {
        'ł' => 'l',
        'ø' => 'o',
        'đ' => 'd',
        'ß' => 's',
        'æ' => 'a',
        'œ' => 'o',
        'ı' => 'i',
        '’' => '\'',
        other => other,
    }
}

fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

/// Whether some word of `words` starts with each byte value.
fn initials<'w>(words: impl IntoIterator<Item = &'w String>) -> [bool; 256] {
    let mut initials = [false; 256];
    for word in words {
        if let Some(&b) = word.as_bytes().first() {
            initials[usize::from(b)] = true;
        }
    }
    initials
}

/// Puts `new` words, lower-cased or folded, on `list`.
fn add_words(words: &mut WordTable, list: WordLists, new: impl IntoIterator<Item = String>) {
    for word in new {
        words.add(word, list);
    }
}

/// The words of a rule list and the extra words of a pack, lower-cased.
fn list_words<'a>(text: &'a str, extra: &'a [String]) -> impl Iterator<Item = String> + 'a {
    data_lines(text)
        .map(|l| l.trim().trim_end_matches('.').to_lowercase())
        .chain(extra.iter().map(|w| w.to_lowercase()))
}

fn parse_projects(text: &str) -> Vec<ProjectEntry> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut out: Vec<ProjectEntry> = Vec::new();
    for line in data_lines(text) {
        let cols: Vec<&str> = line.split('\t').collect();
        let name = cols[0].trim();
        if name.is_empty() {
            continue;
        }
        let flags = cols.get(3).copied().unwrap_or("");
        let entry = ProjectEntry {
            name: name.to_string(),
            category: cols.get(1).map_or("product", |c| c.trim()).to_string(),
            aliases: cols
                .get(2)
                .map(|a| {
                    a.split('|')
                        .map(str::trim)
                        .filter(|a| !a.is_empty())
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default(),
            exact: flags.split(',').any(|f| f.trim() == "exact"),
            context: flags.split(',').any(|f| f.trim() == "context"),
        };
        match seen.get(name) {
            Some(&i) => out[i] = entry,
            None => {
                seen.insert(name, out.len());
                out.push(entry);
            }
        }
    }
    out
}

/// Day markers as people write them.
///
/// `extract::days` tries this pattern only near the anchors every alternative holds:
/// "day" in any case, a month's first three letters, or a hyphen after a digit. An
/// alternative without one needs an anchor of its own there.
const DAY_MARKER: &str = r"(?x)
    \b(?:
        (?i:day\s+(?:\d{1,2}|zero|one|two|three|four|five|six|seven|eight|nine|ten)\b
            (?:\s*(?:&|and|-|–|to)\s*(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\b)?)
      | (?i:(?:tutorial|sprint|workshop|training)\s+days?)\b
      | (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)
          (?:,?\s+(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2}(?:st|nd|rd|th)?
              |\d{1,2}(?:st|nd|rd|th)?\s+(?:January|February|March|April|May|June|July|August|September|October|November|December))\b)?
      | (?:January|February|March|April|May|June|July|August|September|October|November|December
          |Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sep\.?|Sept\.?|Oct\.?|Nov\.?|Dec\.?)
          \s+\d{1,2}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2}(?:st|nd|rd|th)?)?\b(?:,?\s+\d{4}\b)?
      | \d{1,2}(?:st|nd|rd|th)?\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)
          (?:\s+\d{4})?\b
      | \d{4}-\d{2}-\d{2}\b
    )";

#[cfg(test)]
mod tests {
    use super::*;

    /// The kind of the first cue, longest first, with a whole-word occurrence, found by
    /// trying each cue in turn.
    fn kind_by_each_cue(rules: &Rules, lower: &str) -> Option<TalkKind> {
        rules
            .talk_kinds
            .iter()
            .find(|(cue, _)| {
                lower
                    .match_indices(cue.as_str())
                    .any(|(i, _)| on_word_boundaries(lower, i, i + cue.len()))
            })
            .map(|(_, k)| *k)
    }

    #[test]
    fn organisation_suffixes_are_capitalized_words_of_the_list_or_the_pack() {
        let rules = Rules::builtin();
        for word in ["Labs", "Inc", "Inc.", "INTERNATIONAL", "GmbH"] {
            assert!(rules.is_organisation_suffix(word), "{word}");
        }
        for word in ["labs", "Cooperative", "Day", ""] {
            assert!(!rules.is_organisation_suffix(word), "{word}");
        }
        let packed = Rules::with_pack(RulePack {
            organisation_suffixes: vec!["Cooperative".to_string()],
            ..RulePack::default()
        })
        .expect("pack compiles");
        assert!(packed.is_organisation_suffix("Cooperative"));
        // A suffix never ends a person's name, so only the word after a name is asked.
        for suffix in data_lines(ORGANISATION_SUFFIXES) {
            assert!(rules.is_non_person_word(suffix.trim()), "{suffix}");
        }
    }

    #[test]
    fn talk_kind_in_one_pass_agrees_with_each_cue_in_turn() {
        let rules = Rules::builtin();
        let pack = RulePack {
            talk_kind: vec![PackTalkKind {
                surface: "aa".to_string(),
                kind: "panel".to_string(),
            }],
            ..RulePack::default()
        };
        let packed = Rules::with_pack(pack).expect("pack compiles");
        for phrase in [
            "lightning talk",
            "the closing keynote talks",
            "sessionsessions",
            "keynotes",
            "a sprint days talk",
            "panel discussion on go",
            "workshop",
            "nothing here",
            "ölightning talk",
            "aaa",
            "aaa aa",
        ] {
            assert_eq!(
                rules.talk_kind_in(phrase),
                kind_by_each_cue(&rules, phrase),
                "{phrase}"
            );
            assert_eq!(
                packed.talk_kind_in(phrase),
                kind_by_each_cue(&packed, phrase),
                "{phrase}"
            );
        }
        assert_eq!(
            rules.talk_kind_in("lightning talk"),
            Some(TalkKind::Lightning)
        );
        assert_eq!(packed.talk_kind_in("aaa aa"), Some(TalkKind::Panel));
    }

    /// [`fold`] as first written: the whole text decomposed, then filtered and mapped.
    fn fold_by_nfd(text: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        text.nfd()
            .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
            .flat_map(char::to_lowercase)
            .map(base_letter)
            .collect()
    }

    /// What lets [`fold`] fold each character on its own: NFD reorders only characters of
    /// a non-zero combining class, and every one of them is a combining mark.
    #[test]
    fn every_reordered_character_is_a_combining_mark() {
        use unicode_normalization::char::{canonical_combining_class, is_combining_mark};
        let reordered_non_marks: Vec<char> = (0..=u32::from(char::MAX))
            .filter_map(char::from_u32)
            .filter(|&c| canonical_combining_class(c) != 0 && !is_combining_mark(c))
            .collect();
        assert_eq!(reordered_non_marks, []);
    }

    #[test]
    fn fold_cases() {
        assert_eq!(fold("Łukasz Ørsted-İnce"), "lukasz orsted-ince");
        assert_eq!(fold("Straße O’Neill"), "strase o'neill");
        assert_eq!(fold("e\u{301}\u{316}a\u{327}"), "ea");
        assert_eq!(fold("한국 ǅ"), fold_by_nfd("한국 ǅ"));
    }

    #[test]
    fn particles_are_lower_cased() {
        let rules = Rules::builtin();
        assert!(rules.is_particle("van") && !rules.is_particle("Van"));
        assert!(list_words(PARTICLES, &[]).all(|p| !p.bytes().any(|b| b.is_ascii_uppercase())));
    }

    #[test]
    fn talk_kind_in_reads_a_phrase_in_any_case() {
        let rules = Rules::builtin();
        for (phrase, kind) in [
            ("The Closing KEYNOTE", Some(TalkKind::Keynote)),
            ("PechaKucha night", Some(TalkKind::Lightning)),
            ("Ünïcode Lightning Talks", Some(TalkKind::Lightning)),
            // The Kelvin sign lower-cases to "k".
            ("\u{212a}EYNOTE", Some(TalkKind::Keynote)),
            ("TALKATIVE", None),
        ] {
            assert_eq!(rules.talk_kind_in(phrase), kind, "{phrase}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn talk_kind_in_agrees_with_each_cue_in_the_lower_cased_phrase(
            parts in proptest::collection::vec(
                "Lightning|TALK|talks|Keynote|\u{212a}eynote|Panel|BoF|bof|PechaKucha|Sprint|day|open|Space|-|_|\\.|\\+| |  |ö|İ|ß|Σ|x",
                0..10,
            ),
        ) {
            static RULES: std::sync::LazyLock<Rules> = std::sync::LazyLock::new(Rules::builtin);
            let rules = &*RULES;
            let phrase: String = parts.concat();
            proptest::prop_assert_eq!(
                rules.talk_kind_in(&phrase),
                kind_by_each_cue(rules, &phrase.to_lowercase())
            );
        }
    }

    #[test]
    fn ascii_look_ups_fold_as_fold_does() {
        assert_eq!(fold("McTavish"), "mctavish");
        assert_eq!(fold("José Łukasz"), "jose lukasz");
        let rules = Rules::builtin();
        assert!(rules.is_given_name("JESSE") && rules.is_given_name("jesse"));
        assert_eq!(rules.is_given_name("José"), rules.is_given_name("Jose"));
    }

    /// A rule list as a set of its words, each lower-cased or folded.
    fn reference_set(words: impl Iterator<Item = String>) -> HashSet<String> {
        words.collect()
    }

    /// The given names, ambiguous or not, folded as the lists compare them.
    fn reference_given_names(ambiguous: bool) -> HashSet<String> {
        let mut in_ambiguous = false;
        let mut names = HashSet::new();
        for line in GIVEN_NAMES.lines().map(str::trim) {
            if line.starts_with('#') {
                in_ambiguous = line.to_lowercase().contains("ambiguous");
            } else if !line.is_empty() && in_ambiguous == ambiguous {
                names.insert(fold(line));
            }
        }
        names
    }

    /// Words to look up: every rule word in several casings, near misses, and words
    /// with diacritics, curly quotes, the sharp s and the Turkish dotted and dotless i.
    fn probe_words() -> Vec<String> {
        let mut probes: Vec<String> = [
            "José",
            "JOSÉ",
            "Jose",
            "Łukasz",
            "Søren",
            "Straße",
            "İlker",
            "Ilker",
            "ılker",
            "O’Brien",
            "O'Brien",
            "Dr.",
            "Mr",
            "MONDAY",
            "Æsa",
            "Ærø",
            "",
            "a",
            "Ünal",
        ]
        .iter()
        .map(|w| w.to_string())
        .collect();
        for text in [GIVEN_NAMES, HONORIFICS, NON_PERSON_WORDS, SOFTWARE_CUES] {
            for word in data_lines(text).map(str::trim) {
                let mut capitalized = word.to_lowercase();
                if let Some(first) = capitalized.chars().next() {
                    capitalized
                        .replace_range(..first.len_utf8(), &first.to_uppercase().to_string());
                }
                probes.extend([word.to_string(), word.to_uppercase(), capitalized]);
                probes.push(format!("{word}s"));
            }
        }
        probes
    }

    #[test]
    fn one_word_table_answers_as_one_set_per_list() {
        let rules = Rules::builtin();
        let given = reference_given_names(false);
        let ambiguous = reference_given_names(true);
        let honorifics = reference_set(list_words(HONORIFICS, &[]));
        let non_person = reference_set(list_words(NON_PERSON_WORDS, &[]));
        let cues = reference_set(list_words(SOFTWARE_CUES, &[]));
        for word in probe_words() {
            let (folded, lower) = (fold(&word), word.to_lowercase());
            let lists = rules.word_lists(&word);
            assert_eq!(
                rules.is_given_name(&word),
                given.contains(&folded),
                "{word}"
            );
            assert_eq!(lists.is_given_name(), given.contains(&folded), "{word}");
            assert_eq!(
                rules.is_ambiguous_given_name(&word),
                ambiguous.contains(&folded),
                "{word}"
            );
            assert_eq!(
                lists.is_ambiguous_given_name(),
                ambiguous.contains(&folded),
                "{word}"
            );
            assert_eq!(
                rules.is_honorific(&word),
                honorifics.contains(&lower),
                "{word}"
            );
            assert_eq!(lists.is_honorific(), honorifics.contains(&lower), "{word}");
            assert_eq!(
                rules.is_non_person_word(&word),
                non_person.contains(&lower),
                "{word}"
            );
            assert_eq!(
                lists.is_non_person_word(),
                non_person.contains(&lower),
                "{word}"
            );
            assert_eq!(
                rules.is_software_cue(&word),
                cues.contains(&lower),
                "{word}"
            );
        }
    }

    /// A gazetteer, with the crate's automaton of its patterns longer than a byte and the
    /// pattern of each of the automaton's.
    struct ByCrate {
        gazetteer: Gazetteer,
        automaton: aho_corasick::AhoCorasick,
        longer: Vec<usize>,
    }

    impl ByCrate {
        fn new(gazetteer: Gazetteer) -> ByCrate {
            let longer: Vec<usize> = (0..gazetteer.patterns.len())
                .filter(|&p| gazetteer.patterns[p].len() > 1)
                .collect();
            let automaton = aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(gazetteer.folds.contains(&true))
                .build(longer.iter().map(|&p| &gazetteer.patterns[p]))
                .expect("builds");
            ByCrate {
                gazetteer,
                automaton,
                longer,
            }
        }

        /// Where each pattern longer than a byte that `text` holds starts, the pattern
        /// and where it ends, as the crate's overlapping search finds them.
        fn occurrences(&self, text: &str) -> Vec<(usize, usize, usize)> {
            self.automaton
                .find_overlapping_iter(text)
                .map(|m| (m.start(), self.longer[m.pattern().as_usize()], m.end()))
                .collect()
        }
    }

    /// The built-in gazetteer (projects and blockers), with the crate's automaton.
    static GAZETTEER: std::sync::LazyLock<ByCrate> =
        std::sync::LazyLock::new(|| ByCrate::new(Rules::builtin().gazetteer));

    /// The whole-word occurrences of `gazetteer`'s lists in `text` as a search of every
    /// place finds them, sorted.
    fn occurrences_everywhere(by_crate: &ByCrate, text: &str) -> Vec<Occurrence> {
        let gazetteer = &by_crate.gazetteer;
        let wanted: Vec<usize> = (0..gazetteer.folds.len()).collect();
        let mut found = Vec::new();
        let mut offer = |pattern: usize, start: usize, end: usize| {
            found.extend(gazetteer.occurrence(text, &wanted, pattern, start, end));
        };
        for (start, pattern, end) in by_crate.occurrences(text) {
            offer(pattern, start, end);
        }
        for (pattern, name) in gazetteer.patterns.iter().enumerate() {
            if let &[byte] = name.as_bytes() {
                for at in
                    (0..text.len()).filter(|&at| text.as_bytes()[at].eq_ignore_ascii_case(&byte))
                {
                    offer(pattern, at, at + 1);
                }
            }
        }
        found.sort_unstable();
        found
    }

    /// Names that start with bytes of every kind: white space, `\`, `_`, punctuation, a
    /// digit and a non-ASCII letter; and names of one byte of several kinds. They match in
    /// any ASCII case if `fold`.
    fn odd_start_gazetteer(fold: bool) -> Gazetteer {
        let names = [
            " x",
            "\\tab",
            "_id",
            "__init__",
            ".io",
            "!!Con",
            "'s-Hertogenbosch",
            "3D",
            "Élan",
            "élan",
            "Go",
            "C",
            "+",
            "\t",
            "Kubernetes",
            "Kubernetes Operators",
            "Kubeflow",
        ];
        Gazetteer::new(vec![GazetteerList {
            patterns: names.map(String::from).to_vec(),
            fold,
        }])
    }

    /// Test lists: names that hold one another, one folded list and one exact list that
    /// share names, and a name twice in one list.
    const TEST_LISTS: [(&[&str], bool); 2] = [
        (
            &[
                "Go",
                "Go kit",
                "Django",
                "Django REST",
                "REST",
                "django",
                "C",
            ],
            true,
        ),
        (&["C", "C++", ".NET", "ASP.NET", "Go", "REST", "C"], false),
    ];

    fn test_gazetteer() -> Gazetteer {
        Gazetteer::new(
            TEST_LISTS
                .iter()
                .map(|&(patterns, fold)| GazetteerList {
                    patterns: patterns.iter().map(|p| p.to_string()).collect(),
                    fold,
                })
                .collect(),
        )
    }

    /// Every place where one of `gazetteer`'s patterns stands in `text`, ignoring ASCII
    /// case, as (pattern index, start, end), whatever stands around it.
    fn places_of_patterns(gazetteer: &Gazetteer, text: &str) -> Vec<(usize, usize, usize)> {
        let bytes = text.as_bytes();
        let mut places = Vec::new();
        for (index, pattern) in gazetteer.patterns.iter().enumerate() {
            for (start, window) in bytes.windows(pattern.len()).enumerate() {
                if window.eq_ignore_ascii_case(pattern.as_bytes()) {
                    places.push((index, start, start + pattern.len()));
                }
            }
        }
        places
    }

    /// Cue sets for the overlapping search, each by [`overlapping_dfa`] and by the crate's
    /// own wrapper: the built-in talk-kind cues, and short patterns that overlap, nest and
    /// hold non-ASCII letters.
    static OVERLAPPING_CUES: std::sync::LazyLock<Vec<(DFA, aho_corasick::AhoCorasick)>> =
        std::sync::LazyLock::new(|| {
            let cues: Vec<String> = Rules::builtin()
                .talk_kinds
                .into_iter()
                .map(|(cue, _)| cue)
                .collect();
            let short = [
                "ſ",
                "\u{212a}",
                "a",
                "ab",
                "b",
                "talk",
                "lightning talk",
                "alk",
                "é",
                "éa",
            ];
            [cues, short.map(String::from).to_vec()]
                .iter()
                .map(|patterns| {
                    let by_crate = aho_corasick::AhoCorasick::builder()
                        .ascii_case_insensitive(true)
                        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                        .build(patterns)
                        .expect("builds");
                    (overlapping_dfa(patterns).expect("builds"), by_crate)
                })
                .collect()
        });

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        #[test]
        fn within_edits_is_the_distance_test(
            a in "[a-eé-]{0,9}",
            b in "[a-eé-]{0,9}",
            limit in 0usize..3,
        ) {
            let lengths = (a.chars().count(), b.chars().count());
            let expected = strsim::damerau_levenshtein(&a, &b) <= limit;
            proptest::prop_assert_eq!(within_edits(&a, &b, lengths, limit), expected);
        }


        #[test]
        fn folds_as_the_whole_text_decomposed(
            text in "(?s:.{0,16})|[aAeEéÉİıßŁłØø’' \u{301}\u{316}\u{327}\u{344}\u{f73}\u{1e08}\u{ac00}]{0,16}"
        ) {
            proptest::prop_assert_eq!(fold(&text), fold_by_nfd(&text));
        }

        #[test]
        fn packed_words_are_told_apart_and_lower_cased_as_bytes(
            a in proptest::collection::vec(proptest::prop_oneof![
                proptest::sample::select(&[0u8, b'@', b'A', b'Z', b'[', b'a', b'z', 0x7F][..]),
                0u8..0x80,
            ], 0..9),
            b in proptest::collection::vec(proptest::sample::select(&[0u8, b'A', b'a'][..]), 0..9),
        ) {
            let (pa, pb) = (packed(&a), packed(&b));
            proptest::prop_assert_eq!(pa.is_some(), a.len() <= PACKED_WORD);
            if let (Some(pa), Some(pb)) = (pa, pb) {
                proptest::prop_assert_eq!(pa == pb, a == b);
                proptest::prop_assert_eq!(
                    Some(lower_ascii_lanes(pa)),
                    packed(&a.to_ascii_lowercase())
                );
            }
        }

        #[test]
        fn medium_words_are_told_apart_and_lower_cased_as_bytes(
            a in proptest::collection::vec(proptest::prop_oneof![
                3 => proptest::sample::select(&[0u8, b'A', b'a'][..]),
                1 => proptest::sample::select(&[b'@', b'Z', b'[', b'z', 0x7F][..]),
                1 => 0u8..0x80,
            ], 7..17),
            b in proptest::collection::vec(proptest::sample::select(&[0u8, b'A', b'a'][..]), 7..17),
        ) {
            let (ma, mb) = (medium_packed(&a), medium_packed(&b));
            proptest::prop_assert_eq!(ma.is_some(), (8..=MEDIUM_WORD).contains(&a.len()));
            if let (Some(ma), Some(mb)) = (ma, mb) {
                proptest::prop_assert_eq!(ma == mb, a == b);
                proptest::prop_assert_eq!(
                    Some((lower_ascii_lanes(ma.0), lower_ascii_lanes(ma.1))),
                    medium_packed(&a.to_ascii_lowercase())
                );
            }
        }

        #[test]
        fn folds_into_a_buffer_after_what_it_holds(
            held in "(?s:.{0,4})",
            text in "(?s:.{0,8})|[aAÉİßŁ’ \u{301}]{0,8}"
        ) {
            let mut folded = held.clone();
            fold_into(&text, &mut folded);
            proptest::prop_assert_eq!(folded, held + &fold_by_nfd(&text));
        }

        #[test]
        fn particles_found_as_in_their_list(word in "[vVdDbBaA][a-zA-Z]{0,3}|(?s:.{0,6})") {
            static RULES: std::sync::LazyLock<Rules> = std::sync::LazyLock::new(Rules::builtin);
            proptest::prop_assert_eq!(
                RULES.is_particle(&word),
                list_words(PARTICLES, &[]).any(|p| p == word)
            );
        }

        #[test]
        fn lower_casing_on_the_stack_is_lower_casing(
            word in "(?s:.{0,40})|[a-zA-Z .’'éÉİıΣσς]{0,70}"
        ) {
            match lower_on_stack(&word, &mut [0; SHORT_WORD]) {
                Some(lower) => {
                    let expected = word.to_lowercase();
                    proptest::prop_assert_eq!(lower, expected.as_bytes());
                }
                None => proptest::prop_assert!(
                    word.contains('Σ') || word.to_lowercase().len() > SHORT_WORD
                ),
            }
        }

        #[test]
        fn stack_lower_casing_is_lower_casing(word in "(?s:.{0,70})|[a-zA-Z .’'éİı]{0,70}") {
            match ascii_lower(&word, &mut [0; SHORT_WORD]) {
                Some(lower) => {
                    proptest::prop_assert!(word.is_ascii() && word.len() <= SHORT_WORD);
                    let expected = word.to_lowercase();
                    proptest::prop_assert_eq!(lower, expected.as_bytes());
                }
                None => proptest::prop_assert!(!word.is_ascii() || word.len() > SHORT_WORD),
            }
        }

        #[test]
        fn accepted_matches_are_the_longest_accepted_at_the_leftmost_start(
            text in "(Go|go|GO|Go kit|Django|django|Django REST|REST|rest|C|c|C\\+\\+|\\.NET|ASP\\.NET|é|Ö| |-|\\.|s|x){0,14}",
            refused in proptest::collection::vec((0usize..2, 0usize..7), 0..4),
        ) {
            let gazetteer = test_gazetteer();
            let mut found = Vec::new();
            gazetteer.each_accepted(
                &text,
                &[0, 1],
                |list, m| !refused.contains(&(list, m.pattern().as_usize())),
                |list, m| found.push((list, m.start(), m.end(), m.pattern().as_usize())),
            );
            let in_order = |a: &(usize, usize, usize, usize), b: &(usize, usize, usize, usize)| {
                (a.1, Reverse(a.2), a.0) < (b.1, Reverse(b.2), b.0)
            };
            proptest::prop_assert!(found.windows(2).all(|w| in_order(&w[0], &w[1])));
            found.sort_by_key(|f| f.0);
            proptest::prop_assert_eq!(found, accepted_by_definition(&refused, &text));
        }

        #[test]
        fn a_list_not_wanted_leaves_the_others_as_they_are(
            text in "(Go|go|Django|django|REST|C|C\\+\\+|\\.NET|é| |\\.|s){0,14}",
        ) {
            let gazetteer = test_gazetteer();
            let accepted = |wanted: &[usize]| {
                let mut found = Vec::new();
                gazetteer.each_accepted(&text, wanted, |_, _| true, |list, m| {
                    found.push((list, m.start(), m.end()));
                });
                found
            };
            let both = accepted(&[0, 1]);
            for list in 0..2 {
                let alone: Vec<_> = both.iter().copied().filter(|f| f.0 == list).collect();
                proptest::prop_assert_eq!(accepted(&[list]), alone);
            }
        }

        #[test]
        fn a_match_joined_by_ascii_is_no_whole_word(
            text in "(Go|go|GO|C|c|C\\+\\+|\\.NET|ASP\\.NET|Django|REST|é|Ö|_|1|x| |\\.|-|\u{301}){0,12}"
        ) {
            let gazetteer = test_gazetteer();
            for (index, start, end) in places_of_patterns(&gazetteer, &text) {
                if joined_by_ascii(text.as_bytes(), gazetteer.alphanumeric_ends[index], start, end) {
                    proptest::prop_assert!(!on_word_boundaries(&text, start, end));
                }
            }
        }

        #[test]
        fn an_unjoined_match_is_a_whole_word_as_every_character_tells(
            text in "(Go|go|GO|C|c|C\\+\\+|\\.NET|ASP\\.NET|Django|REST|é|Ö|_|1|x| |\\.|\\+|-|\u{301}|\u{a0}|\u{ad}|[\u{2000}-\u{2040}]|\u{2c0}|\u{3a0}|\u{e0a0}){0,12}"
        ) {
            let gazetteer = test_gazetteer();
            for (index, start, end) in places_of_patterns(&gazetteer, &text) {
                if !joined_by_ascii(text.as_bytes(), gazetteer.alphanumeric_ends[index], start, end) {
                    proptest::prop_assert_eq!(
                        unjoined_on_word_boundaries(&text, start, end),
                        on_word_boundaries(&text, start, end)
                    );
                }
            }
        }

        #[test]
        fn projects_and_blockers_found_together_as_apart(
            text in "(Go|go|Rust|rust|C|C\\+\\+|Node\\.js|\\.NET|Django|django|Python|python|New York|PyCon|Apple|Mozilla|Java|JavaScript|Jupyter|Notebook|é| |\\.|'s|s){0,14}"
        ) {
            static RULES: std::sync::LazyLock<Rules> = std::sync::LazyLock::new(Rules::builtin);
            let hits = RULES.gazetteer_hits(&text);
            proptest::prop_assert_eq!(hits.projects, RULES.project_hits(&text));
            proptest::prop_assert_eq!(hits.blockers, RULES.blocker_hits(&text));
        }

        #[test]
        fn characters_read_around_a_boundary_as_decoded(text in "(?s:.{0,12})|[a. é\u{301}]{0,12}") {
            for at in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
                proptest::prop_assert_eq!(char_before(&text, at), text[..at].chars().next_back());
                proptest::prop_assert_eq!(char_from(&text, at), text[at..].chars().next());
            }
        }

        #[test]
        fn trie_walks_find_what_the_crate_finds_starting_there(
            text in "(?s:.{0,40})|[A-Za-z .+#é-]{0,60}|(Go|go|C|C\\+\\+|Node\\.js|\\.NET|Django|django|New York|PyCon| |\\.|s){0,12}",
            odd in "(?s:.{0,30})|( x|x|\\\\tab|\\\\|tab|_id|__init__|_|\\.io|io|!!Con|'s-Hertogenbosch|'s-Hertog|3D|Élan|élan|ÉLAN|Go|GO|C|c|\\+|é|\u{301}| |\t|\n|\\.|a|1|Kube|kubernetes|KUBERNETES|Kubernetes|Kubernetes Operator|Kubernetes Operators|Kubeflow|kubeFLOW){0,12}",
        ) {
            let folded = ByCrate::new(odd_start_gazetteer(true));
            let exact = ByCrate::new(odd_start_gazetteer(false));
            let test_lists = ByCrate::new(test_gazetteer());
            for (by_crate, text) in
                [(&*GAZETTEER, &text), (&folded, &odd), (&exact, &odd), (&test_lists, &text)]
            {
                let mut everywhere = by_crate.occurrences(text);
                everywhere.sort_unstable();
                let mut walked = Vec::new();
                for start in 0..text.len() {
                    by_crate.gazetteer.trie.each_name_from(text.as_bytes(), start, |pattern, end| {
                        walked.push((start, pattern, end));
                    });
                }
                walked.sort_unstable();
                proptest::prop_assert_eq!(walked, everywhere);
            }
        }

        #[test]
        fn names_searched_where_they_may_start_are_every_whole_word(
            text in "(?s:.{0,30})|(Go|go|C|C\\+\\+|Node\\.js|ASP\\.NET|\\.NET|Django|New York|PyCon|'s-Hertogenbosch|!!Con|:clojureD|x|é|_|1| |\\.|'|s|\u{301}){0,12}",
            odd in "(?s:.{0,30})|( x|x|\\\\tab|\\\\|tab|_id|__init__|_|\\.io|io|!!Con|'s-Hertogenbosch|3D|Élan|élan|Go|C|c|\\+|é|\u{301}| |\t|\n|\\.|a|1){0,12}",
        ) {
            let folded = ByCrate::new(odd_start_gazetteer(true));
            let exact = ByCrate::new(odd_start_gazetteer(false));
            for (by_crate, text) in [(&*GAZETTEER, &text), (&folded, &odd), (&exact, &odd)] {
                let gazetteer = &by_crate.gazetteer;
                let wanted: Vec<usize> = (0..gazetteer.folds.len()).collect();
                let mut found = gazetteer.occurrences(text, &wanted);
                found.sort_unstable();
                proptest::prop_assert_eq!(found, occurrences_everywhere(by_crate, text));
            }
        }

        #[test]
        fn places_that_may_start_names_found_eight_bytes_at_a_time(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40),
            every in proptest::prelude::any::<bool>(),
        ) {
            let mut found = Vec::new();
            may_start_names(&bytes, if every { HIGHS } else { 0 }, |at| found.push(at));
            let joins = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
            let expected: Vec<usize> = (0..bytes.len())
                .filter(|&at| {
                    let b = bytes[at];
                    every
                        || b >= 0xc0
                        || b.is_ascii_graphic() && !b.is_ascii_alphanumeric()
                        || b.is_ascii_alphanumeric() && (at == 0 || !joins(bytes[at - 1]))
                })
                .collect();
            proptest::prop_assert_eq!(found, expected);
        }

        #[test]
        fn the_overlapping_loop_finds_what_the_crate_finds(
            text in "(?s:.{0,40})|[A-Za-z éſ\u{212a}-]{0,60}|(talk|Talk|lightning|keynote|panel|ab|a|b|é|ſ| ){0,12}",
        ) {
            for (dfa, by_crate) in &*OVERLAPPING_CUES {
                let mut found = Vec::new();
                each_overlapping(dfa, text.as_bytes(), |m| found.push(m));
                let expected: Vec<Match> = by_crate.find_overlapping_iter(&text).collect();
                proptest::prop_assert_eq!(found, expected);
            }
        }

    }

    #[test]
    fn a_name_refused_at_its_end_leaves_the_shorter_name_at_its_start() {
        let rules = Rules::builtin();
        let text = "Jupyter notebooks and Project Jupyters";
        let hits: Vec<&str> = rules
            .project_hits(text)
            .iter()
            .map(|h| &text[h.start..h.end])
            .collect();
        assert_eq!(hits, ["Jupyter"]);
    }

    /// The matches of [`TEST_LISTS`] accepted as defined, list by list: from each
    /// position on, the leftmost start with an accepted match and the longest accepted
    /// match there; of the patterns matching the same bytes, only the first is offered,
    /// and those `refused` (list and index) are not accepted.
    fn accepted_by_definition(
        refused: &[(usize, usize)],
        text: &str,
    ) -> Vec<(usize, usize, usize, usize)> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        for (list, &(patterns, fold)) in TEST_LISTS.iter().enumerate() {
            let same = |a: &[u8], b: &[u8]| {
                if fold {
                    a.eq_ignore_ascii_case(b)
                } else {
                    a == b
                }
            };
            let mut at = 0;
            while at < bytes.len() {
                // Each end of a pattern at `at`, longest first, with the first such pattern.
                let mut ends: Vec<(Reverse<usize>, usize)> = patterns
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| {
                        bytes[at..].len() >= p.len() && same(&bytes[at..at + p.len()], p.as_bytes())
                    })
                    .map(|(i, p)| (Reverse(at + p.len()), i))
                    .collect();
                ends.sort_unstable();
                ends.dedup_by_key(|e| e.0);
                let accepted = ends.into_iter().find(|&(Reverse(end), i)| {
                    on_word_boundaries(text, at, end) && !refused.contains(&(list, i))
                });
                match accepted {
                    Some((Reverse(end), i)) => {
                        out.push((list, at, end, i));
                        at = end;
                    }
                    None => at += 1,
                }
            }
        }
        out
    }

    #[test]
    fn rules_are_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Rules>();
    }

    #[test]
    fn builtin_rules_compile_and_hold_data() {
        let rules = Rules::builtin();
        assert!(rules.projects.len() >= 300);
        assert!(rules.is_given_name("Jacob"));
        assert!(rules.is_given_name("Łukasz"));
        assert!(
            rules.is_given_name("lukasz"),
            "diacritics fold for matching"
        );
        assert!(rules.is_non_person_word("Monday"));
        assert!(rules.is_particle("van"));
        assert!(rules.is_honorific("Dr"));
    }

    #[test]
    fn word_boundary_cases() {
        let cases: &[(&str, &str, bool)] = &[
            ("Node.js rocks", "Node.js", true),
            ("I like C++ a lot", "C++", true),
            ("using .NET today", ".NET", true),
            ("Pythons abound", "Python", false),
            ("CPython", "Python", false),
            ("Python.", "Python", true),
            ("scikit-learn is", "scikit-learn", true),
            ("Django's ORM", "Django", true),
        ];
        for (text, word, want) in cases {
            let start = text.find(word).unwrap();
            assert_eq!(
                on_word_boundaries(text, start, start + word.len()),
                *want,
                "{word} in {text}"
            );
        }
    }

    #[test]
    fn day_marker_cases() {
        let rules = Rules::builtin();
        let cases: &[(&str, Option<&str>)] = &[
            ("Day One", Some("Day One")),
            ("on day two we", Some("day two")),
            ("Day 1 & 2 -- Talks", Some("Day 1 & 2")),
            ("Saturday morning", Some("Saturday")),
            ("Friday, May 3 was", Some("Friday, May 3")),
            ("Tutorial day", Some("Tutorial day")),
            ("March 27, 2009 was", Some("March 27, 2009")),
            ("27 March 2009", Some("27 March 2009")),
            ("2009-03-27", Some("2009-03-27")),
            ("May 2009", None),
            ("a daytime thing", None),
        ];
        for (text, want) in cases {
            let got = rules.day_marker.find(text).map(|m| m.as_str());
            assert_eq!(got, *want, "{text}");
        }
    }

    #[test]
    fn pack_adds_and_overrides() {
        let pack = RulePack::from_toml(
            r#"
            given_names = ["Zyxw"]
            [[project]]
            name = "Frobnicator"
            aliases = ["frob"]
            [[talk_kind]]
            surface = "fireside chat"
            kind = "panel"
            "#,
        )
        .unwrap();
        let rules = Rules::with_pack(pack).unwrap();
        assert!(rules.is_given_name("Zyxw"));
        let hits = rules.project_hits("we used frob and Frobnicator");
        assert_eq!(hits.len(), 2);
        assert_eq!(rules.project(hits[0].project).name, "Frobnicator");
        assert_eq!(
            rules.talk_kind_in("a fireside chat with friends"),
            Some(TalkKind::Panel)
        );
    }

    #[test]
    fn pack_rejects_unknown_kind_and_fields() {
        let bad_kind =
            RulePack::from_toml("[[talk_kind]]\nsurface = \"x\"\nkind = \"dance\"").unwrap();
        assert!(matches!(
            Rules::with_pack(bad_kind),
            Err(RulesError::UnknownKind(_))
        ));
        assert!(RulePack::from_toml("colour = 1").is_err());
    }
}
