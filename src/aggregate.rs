//! Corpus counts: mentions and documents per entity, and co-occurrence of entities within
//! a sentence and within a paragraph.
//!
//! Everything here is a sum, so documents can be added in any order and give the same
//! result; every listing is sorted by key, so the output is the same for any thread count
//! and any input order.
//!
//! Entities are interned: each `(kind, name)` is stored once and counted by a small id,
//! so a pair costs two ids, not two names. Ids are given in the order entities are first
//! seen and never leak out: listings sort by the entities themselves.
//!
//! Association is NPMI (normalized pointwise mutual information) over windows:
//! `p(x) = windows holding x / all windows`, `p(x,y) = windows holding both / all
//! windows`, `npmi = ln(p(x,y) / (p(x) p(y))) / -ln p(x,y)`, from -1 (never together)
//! through 0 (independent) to 1 (only ever together). A pair counts once per window.

use crate::extract::EntityKind;
use crate::record::{DocumentRecord, MentionRecord};
use pair_counts::PairCounts;
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;

mod pair_counts;

/// An entity across the corpus: kind and canonical name.
pub type EntityKey = (EntityKind, String);

/// A co-occurrence window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Window {
    /// One sentence.
    Sentence,
    /// One paragraph.
    Paragraph,
}

impl Window {
    /// Both kinds, in report order.
    pub const ALL: [Window; 2] = [Window::Sentence, Window::Paragraph];

    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Window::Sentence => "sentence",
            Window::Paragraph => "paragraph",
        }
    }
}

/// Counts for one entity.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EntityStats {
    /// Mentions over all documents.
    pub mentions: u64,
    /// Documents that mention it.
    pub documents: u64,
    /// Other surface forms seen.
    pub aliases: BTreeSet<String>,
    /// Talks it gave (persons).
    pub talks_given: u64,
}

/// Window counts for one window kind.
#[derive(Clone, Debug, Default)]
struct WindowStats {
    /// All windows, with or without entities.
    windows: u64,
    /// Windows holding each entity, by id.
    holding: Vec<u64>,
    /// Windows holding each pair of ids.
    pairs: PairCounts,
}

/// Corpus-wide counts.
#[derive(Clone, Debug, Default)]
pub struct Aggregates {
    /// Entity of each id.
    keys: Vec<EntityKey>,
    /// Id of each entity, by kind (see [`EntityKind::slot`]) then name.
    ids: [FxHashMap<String, u32>; 4],
    /// Counts of each id.
    stats: Vec<EntityStats>,
    /// Per window kind, in [`Window::ALL`] order.
    windows: [WindowStats; 2],
    /// Scratch: (window index, entity) pairs of the document being added.
    slots: Vec<(usize, u32)>,
    /// Scratch: the entity of each mention of the document being added.
    mention_ids: Vec<u32>,
    /// Scratch: the id of each entity of the document being added.
    entity_ids: Vec<u32>,
    /// Scratch: the entities of the window being counted, sorted, each once.
    group: Vec<u32>,
}

impl Aggregates {
    /// The id of an entity, new if it was never seen.
    fn intern(&mut self, kind: EntityKind, name: &str) -> u32 {
        let map = &mut self.ids[kind.slot()];
        if let Some(&id) = map.get(name) {
            return id;
        }
        let id = u32::try_from(self.keys.len()).expect("fewer than 2^32 entities");
        map.insert(name.to_string(), id);
        self.keys.push((kind, name.to_string()));
        self.stats.push(EntityStats::default());
        for w in &mut self.windows {
            w.holding.push(0);
        }
        id
    }

    /// Adds one document: its entities, and its sentences and paragraphs as windows
    /// holding the entities its mentions name.
    pub fn add_document(&mut self, doc: &DocumentRecord) {
        let mut entity_ids = std::mem::take(&mut self.entity_ids);
        entity_ids.clear();
        for e in &doc.entities {
            let id = self.intern(e.kind, &e.name);
            entity_ids.push(id);
            let stats = &mut self.stats[id as usize];
            stats.mentions += e.mentions as u64;
            stats.documents += 1;
            stats.talks_given += e.talks_given as u64;
            for alias in &e.aliases {
                if !stats.aliases.contains(alias) {
                    stats.aliases.insert(alias.clone());
                }
            }
        }
        let mut ids = std::mem::take(&mut self.mention_ids);
        ids.clear();
        for m in &doc.mentions {
            let in_window = m.sentence.is_some_and(|i| i < doc.sentences)
                || m.paragraph.is_some_and(|i| i < doc.paragraphs);
            // An id for every mention in a window, and for those only, as when each
            // window kind interned its own.
            ids.push(if in_window {
                self.mention_id(m, doc, &entity_ids)
            } else {
                u32::MAX
            });
        }
        self.entity_ids = entity_ids;
        let mut slots = std::mem::take(&mut self.slots);
        for (w, window) in Window::ALL.into_iter().enumerate() {
            let count = match window {
                Window::Sentence => doc.sentences,
                Window::Paragraph => doc.paragraphs,
            };
            slots.clear();
            for (m, &id) in doc.mentions.iter().zip(&ids) {
                let slot = match window {
                    Window::Sentence => m.sentence,
                    Window::Paragraph => m.paragraph,
                };
                if let Some(i) = slot.filter(|&i| i < count) {
                    slots.push((i, id));
                }
            }
            self.add_windows(w, count, &mut slots);
        }
        self.slots = slots;
        self.mention_ids = ids;
    }

    /// The id of the entity `m` names, `doc`'s entities having the ids `entity_ids`: the
    /// id of its entity when the mention knows which it is, rather than its name looked
    /// up again for each mention.
    fn mention_id(&mut self, m: &MentionRecord, doc: &DocumentRecord, entity_ids: &[u32]) -> u32 {
        match m.entity_index {
            Some(i) => {
                let i = i as usize;
                debug_assert!(
                    (doc.entities[i].kind, doc.entities[i].name.as_str()) == (m.kind, &*m.entity),
                    "{m:?} is no mention of entity {i}"
                );
                entity_ids[i]
            }
            None => self.intern(m.kind, &m.entity),
        }
    }

    /// Counts `count` windows of kind `w`; `slots` lists each (window, entity) found in
    /// them, duplicates allowed.
    ///
    /// Mentions come in text order, so their windows do too: then only the entities of
    /// each window are sorted, not the whole list. A window of one mention holds one
    /// entity and no pair, so it is counted without listing its entities.
    fn add_windows(&mut self, w: usize, count: usize, slots: &mut [(usize, u32)]) {
        if !slots.is_sorted_by_key(|s| s.0) {
            slots.sort_unstable_by_key(|s| s.0);
        }
        let stats = &mut self.windows[w];
        stats.windows += count as u64;
        let group = &mut self.group;
        for held in slots.chunk_by(|x, y| x.0 == y.0) {
            if let [(_, id)] = held {
                stats.holding[*id as usize] += 1;
                continue;
            }
            group.clear();
            group.extend(held.iter().map(|s| s.1));
            group.sort_unstable();
            group.dedup();
            for &id in group.iter() {
                stats.holding[id as usize] += 1;
            }
            stats.pairs.add_window(group);
        }
    }

    /// Every entity with its counts, sorted by kind and name.
    pub fn entities(&self) -> Vec<(&EntityKey, &EntityStats)> {
        // An id interned only from a mention (a partial can name an entity its document
        // does not list) counts in windows but is no entity of the corpus.
        let mut out: Vec<(&EntityKey, &EntityStats)> = self
            .keys
            .iter()
            .zip(&self.stats)
            .filter(|(_, s)| s.documents > 0)
            .collect();
        out.sort_unstable_by(|a, b| a.0.cmp(b.0));
        out
    }

    /// Co-occurring pairs with their count and NPMI, sorted by window, then count
    /// (highest first), then names.
    pub fn cooccurrence(&self) -> Cooccurrence<'_> {
        // Each id's place among the entities sorted by key, so that sorting pairs
        // compares numbers, not names.
        let mut by_rank: Vec<u32> = (0..self.keys.len() as u32).collect();
        by_rank.sort_unstable_by(|&a, &b| self.keys[a as usize].cmp(&self.keys[b as usize]));
        let mut rank = vec![0u32; by_rank.len()];
        for (r, &id) in by_rank.iter().enumerate() {
            rank[id as usize] = r as u32;
        }
        Cooccurrence {
            aggregates: self,
            by_rank,
            rank,
        }
    }
}

/// A pair as [`Cooccurrence::iter`] sorts it: 12 bytes rather than a [`Pair`]'s 40,
/// since a large run holds hundreds of thousands of them at its end.
struct RankedPair {
    /// Windows holding both, modulo 2^32 (see [`PairCounts`]).
    low: u32,
    /// Both entities' places among the entities sorted by key.
    ranks: (u32, u32),
}

impl RankedPair {
    /// Its place in report order while no count has gone past `u32::MAX`: highest count
    /// first, then by ranks, as one number, which compares in fewer steps than the parts.
    fn order(&self) -> u128 {
        u128::from(!self.low) << 64 | u128::from(self.ranks.0) << 32 | u128::from(self.ranks.1)
    }
}

/// Pairs packed into 64 bits each so that as numbers they sort in report order, as
/// [`RankedPair::order`] sorts them: a slice of plain numbers sorts several times faster
/// than structs compared by a computed key. It fits when the counts and both ranks take
/// no more than 64 bits together, as in any corpus of fewer than a million entities.
#[derive(Clone, Copy, Debug)]
struct Packing {
    /// The highest count: the packed count is its distance from it, highest first.
    max_low: u32,
    /// Bits of each rank.
    rank_bits: u32,
    /// Bits of a packed pair: every pair packs below 2 to this power.
    bits: u32,
}

impl Packing {
    /// The packing of pairs counted at most `max_low` times, ranked below `ranks`, if
    /// one fits.
    fn new(max_low: u32, ranks: usize) -> Option<Packing> {
        let count_bits = (u32::BITS - max_low.leading_zeros()).max(1);
        let rank_bits = usize::BITS - ranks.saturating_sub(1).leading_zeros();
        let bits = count_bits + 2 * rank_bits;
        (bits <= u64::BITS).then_some(Packing {
            max_low,
            rank_bits,
            bits,
        })
    }

    fn pack(self, p: &RankedPair) -> u64 {
        let bits = self.rank_bits;
        u64::from(self.max_low - p.low) << (2 * bits)
            | u64::from(p.ranks.0) << bits
            | u64::from(p.ranks.1)
    }

    fn unpack(self, key: u64) -> RankedPair {
        let bits = self.rank_bits;
        let rank = |shift: u32| ((key >> shift) & ((1 << bits) - 1)) as u32;
        RankedPair {
            low: self.max_low - (key >> (2 * bits)) as u32,
            ranks: (rank(bits), rank(0)),
        }
    }
}

/// Sorts numbers below 2 to the power `bits`, as `sort_unstable` does, a digit of
/// [`DIGIT_BITS`] bits at a time from the lowest (a least significant digit radix sort):
/// one pass over the numbers per digit, where sorting by comparisons goes some twenty
/// times over them. A digit that all the numbers share takes no pass.
fn radix_sort(numbers: Vec<u64>, bits: u32) -> Vec<u64> {
    const DIGIT_BITS: u32 = 11;
    const DIGIT: u64 = (1 << DIGIT_BITS) - 1;
    let (mut numbers, mut spare) = (numbers, Vec::new());
    for shift in (0..bits).step_by(DIGIT_BITS as usize) {
        let digit = |n: u64| ((n >> shift) & DIGIT) as usize;
        let mut starts = [0usize; 1 << DIGIT_BITS];
        for &n in &numbers {
            starts[digit(n)] += 1;
        }
        if starts.contains(&numbers.len()) {
            continue;
        }
        let mut next = 0;
        for start in &mut starts {
            (*start, next) = (next, next + *start);
        }
        spare.resize(numbers.len(), 0);
        for &n in &numbers {
            let at = &mut starts[digit(n)];
            spare[*at] = n;
            *at += 1;
        }
        std::mem::swap(&mut numbers, &mut spare);
    }
    numbers
}

/// One window kind's pairs in report order: packed, or as they are when too wide to pack.
enum SortedPairs {
    Packed(Packing, std::vec::IntoIter<u64>),
    Unpacked(std::vec::IntoIter<RankedPair>),
}

impl Iterator for SortedPairs {
    type Item = RankedPair;

    fn next(&mut self) -> Option<RankedPair> {
        match self {
            SortedPairs::Packed(packing, keys) => keys.next().map(|key| packing.unpack(key)),
            SortedPairs::Unpacked(pairs) => pairs.next(),
        }
    }
}

/// The co-occurring pairs of a corpus in report order; see [`Aggregates::cooccurrence`].
pub struct Cooccurrence<'a> {
    aggregates: &'a Aggregates,
    /// The id at each place among the entities sorted by key.
    by_rank: Vec<u32>,
    /// The place of each id among the entities sorted by key.
    rank: Vec<u32>,
}

impl<'a> Cooccurrence<'a> {
    /// Every entity sorted by key, those of no document included: what [`Pair::ranks`]
    /// index, so that a writer can prepare each entity's cells once rather than per pair.
    pub fn keys(&self) -> impl ExactSizeIterator<Item = &'a EntityKey> + '_ {
        let keys = &self.aggregates.keys;
        self.by_rank.iter().map(move |&id| &keys[id as usize])
    }

    /// The pairs in report order.
    ///
    /// Each window kind's pairs are sorted when the listing reaches them, and dropped
    /// when it moves on, so that only one kind's sorted copy is held at a time: at the
    /// end of a large run, that copy is the largest thing in memory.
    pub fn iter(&self) -> impl Iterator<Item = Pair<'a>> + '_ {
        let a = self.aggregates;
        Window::ALL
            .into_iter()
            .zip(&a.windows)
            .flat_map(move |(window, stats)| {
                let id = move |rank: u32| self.by_rank[rank as usize];
                let count = move |p: &RankedPair| {
                    let (x, y) = (id(p.ranks.0), id(p.ranks.1));
                    stats.pairs.count((x.min(y), x.max(y)), p.low)
                };
                let ranked = stats.pairs.iter().map(|((x, y), low)| {
                    let (x, y) = (self.rank[x as usize], self.rank[y as usize]);
                    RankedPair {
                        low,
                        ranks: (x.min(y), x.max(y)),
                    }
                });
                let packing = Packing::new(stats.pairs.max_low(), self.rank.len());
                let sorted = match packing.filter(|_| !stats.pairs.overflowed()) {
                    Some(packing) => {
                        let keys: Vec<u64> = ranked.map(|p| packing.pack(&p)).collect();
                        let keys = radix_sort(keys, packing.bits);
                        SortedPairs::Packed(packing, keys.into_iter())
                    }
                    None => {
                        let mut sorted: Vec<RankedPair> = ranked.collect();
                        if !stats.pairs.overflowed() {
                            sorted.sort_unstable_by_key(RankedPair::order);
                        } else {
                            sorted.sort_unstable_by_key(|p| (std::cmp::Reverse(count(p)), p.ranks));
                        }
                        SortedPairs::Unpacked(sorted.into_iter())
                    }
                };
                // Pairs come by count, so the part of NPMI that depends on the count alone
                // is worked out once for each run of equal counts.
                let mut joint = Joint::new(0, stats.windows);
                sorted.map(move |p| {
                    let (x, y) = (id(p.ranks.0) as usize, id(p.ranks.1) as usize);
                    let count = count(&p);
                    if joint.both != count {
                        joint = Joint::new(count, stats.windows);
                    }
                    Pair {
                        window,
                        a: &a.keys[x],
                        b: &a.keys[y],
                        ranks: p.ranks,
                        count,
                        npmi: joint.npmi(stats.holding[x], stats.holding[y]),
                    }
                })
            })
    }
}

/// One co-occurring pair.
#[derive(Clone, Debug, PartialEq)]
pub struct Pair<'a> {
    /// Window kind.
    pub window: Window,
    /// First entity (the smaller key).
    pub a: &'a EntityKey,
    /// Second entity.
    pub b: &'a EntityKey,
    /// Places of `a` and `b` in [`Cooccurrence::keys`].
    pub ranks: (u32, u32),
    /// Windows holding both.
    pub count: u64,
    /// Normalized PMI, rounded to 4 decimals.
    pub npmi: f64,
}

/// NPMI from window counts, rounded to 4 decimals so reports are stable text.
pub fn npmi(both: u64, x: u64, y: u64, windows: u64) -> f64 {
    Joint::new(both, windows).npmi(x, y)
}

/// What NPMI takes from the windows holding both entities of a pair: the same for every
/// pair of that count, so that a listing by count takes one logarithm less per pair.
#[derive(Clone, Copy, Debug)]
struct Joint {
    /// Windows holding both.
    both: u64,
    /// All windows, as a float.
    n: f64,
    /// `p(x,y)`.
    pxy: f64,
    /// `-ln p(x,y)`.
    information: f64,
}

impl Joint {
    fn new(both: u64, windows: u64) -> Joint {
        let n = windows as f64;
        let pxy = both as f64 / n;
        Joint {
            both,
            n,
            pxy,
            information: -pxy.ln(),
        }
    }

    /// The NPMI of a pair whose entities are held by `x` and `y` windows.
    fn npmi(&self, x: u64, y: u64) -> f64 {
        if self.both == 0 || self.n == 0.0 {
            return -1.0;
        }
        let value = if self.pxy >= 1.0 {
            1.0
        } else {
            let px = x as f64 / self.n;
            let py = y as f64 / self.n;
            (self.pxy / (px * py)).ln() / self.information
        };
        (value * 10_000.0).round() / 10_000.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{EntityRecord, MentionRecord};
    use std::borrow::Cow;
    use std::collections::BTreeMap;

    /// A document whose sentence `i` names the projects of `sentences[i]`, all in one
    /// paragraph.
    fn doc(sentences: &[&[&str]]) -> DocumentRecord {
        let mut names: Vec<&str> = sentences.iter().flat_map(|s| s.iter().copied()).collect();
        names.sort();
        names.dedup();
        let names = &names;
        DocumentRecord {
            path: "p.txt".into(),
            format: "txt".into(),
            status: "ok".into(),
            reason: String::new(),
            lost: false,
            bytes: 0,
            words: 0,
            sentences: sentences.len(),
            paragraphs: 1,
            mentions: sentences
                .iter()
                .enumerate()
                .flat_map(|(i, s)| {
                    s.iter().map(move |name| MentionRecord {
                        kind: EntityKind::Project,
                        surface: (*name).into(),
                        entity: (*name).into(),
                        entity_index: names.binary_search(name).ok().map(|i| i as u32),
                        start: 0,
                        end: 0,
                        sentence: Some(i),
                        paragraph: Some(0),
                        day: None,
                        rule: Cow::Borrowed("test"),
                    })
                })
                .collect(),
            talks: Vec::new(),
            entities: names
                .iter()
                .map(|n| EntityRecord {
                    kind: EntityKind::Project,
                    name: n.to_string(),
                    aliases: Vec::new(),
                    mentions: 1,
                    talks_given: 0,
                })
                .collect(),
        }
    }

    /// Everything an aggregate says, in report order.
    fn listing(a: &Aggregates) -> Vec<String> {
        let mut out: Vec<String> = a
            .entities()
            .iter()
            .map(|(k, s)| format!("{} {} {}", k.1, s.mentions, s.documents))
            .collect();
        out.extend(a.cooccurrence().iter().map(|p| {
            format!(
                "{} {} {} {} {}",
                p.window.as_str(),
                p.a.1,
                p.b.1,
                p.count,
                p.npmi
            )
        }));
        out
    }

    /// A record as read back from a partial: its mentions do not know their entities.
    fn read_back(doc: &DocumentRecord) -> DocumentRecord {
        let mut doc = doc.clone();
        for m in &mut doc.mentions {
            m.entity_index = None;
        }
        doc
    }

    #[test]
    fn pairs_count_once_per_window() {
        let mut a = Aggregates::default();
        a.add_document(&doc(&[&["Python", "Django", "Django"], &["Python"], &[]]));
        assert_eq!(a.windows[0].windows, 3);
        assert_eq!(
            listing(&a),
            [
                "Django 1 1",
                "Python 1 1",
                "sentence Django Python 1 0.3691",
                "paragraph Django Python 1 1"
            ]
        );
    }

    #[test]
    fn documents_add_in_any_order() {
        let (x, y) = (doc(&[&["B", "A"]]), doc(&[&["C", "B"], &["A"]]));
        let mut xy = Aggregates::default();
        xy.add_document(&x);
        xy.add_document(&y);
        let mut yx = Aggregates::default();
        yx.add_document(&y);
        yx.add_document(&x);
        assert_eq!(listing(&xy), listing(&yx));
    }

    #[test]
    fn listing_sorts_counts_past_u32_above_smaller_ones() {
        let mut a = Aggregates::default();
        a.add_document(&doc(&[&["A", "B"], &["A", "C"]]));
        let id = |name: &str| a.ids[EntityKind::Project.slot()][name];
        let (ab, ac) = ((id("A"), id("B")), (id("A"), id("C")));
        let sentence = &mut a.windows[0];
        sentence.pairs.set(ab, (1 << 32) + 5);
        sentence.pairs.set(ac, 10);
        let sentences: Vec<(String, u64)> = a
            .cooccurrence()
            .iter()
            .filter(|p| p.window == Window::Sentence)
            .map(|p| (p.b.1.clone(), p.count))
            .collect();
        assert_eq!(
            sentences,
            [("B".to_string(), (1 << 32) + 5), ("C".to_string(), 10)]
        );
    }

    /// Numbers that often tie, at both ends of the range.
    fn small_or_any() -> impl proptest::strategy::Strategy<Value = u32> {
        proptest::prop_oneof![0u32..3, u32::MAX - 2..=u32::MAX, proptest::num::u32::ANY]
    }

    proptest::proptest! {
        #[test]
        fn pairs_ordered_by_count_then_ranks(
            pairs in proptest::collection::vec((small_or_any(), small_or_any(), small_or_any()), 0..8),
        ) {
            let ranked: Vec<RankedPair> = pairs
                .iter()
                .map(|&(low, x, y)| RankedPair { low, ranks: (x, y) })
                .collect();
            for pair in ranked.windows(2) {
                let parts = |p: &RankedPair| (std::cmp::Reverse(p.low), p.ranks);
                let (a, b) = (&pair[0], &pair[1]);
                proptest::prop_assert_eq!(a.order().cmp(&b.order()), parts(a).cmp(&parts(b)));
            }
        }

        #[test]
        fn radix_sort_sorts_as_sort_unstable(
            numbers in proptest::collection::vec(proptest::num::u64::ANY, 0..300),
            bits in 1u32..=64,
            shared in proptest::num::u64::ANY,
        ) {
            // Numbers of `bits` bits, two in three sharing all but their lowest twelve.
            let below = |n: u64| n & (u64::MAX >> (64 - bits));
            let numbers: Vec<u64> = numbers
                .iter()
                .map(|&n| below(if n % 3 == 0 { n } else { shared ^ (n & 0xFFF) }))
                .collect();
            let mut expected = numbers.clone();
            expected.sort_unstable();
            proptest::prop_assert_eq!(radix_sort(numbers, bits), expected);
        }

        #[test]
        fn packed_pairs_sort_as_ranked_pairs_order_them(
            pairs in proptest::collection::vec((small_or_any(), small_or_any(), small_or_any()), 0..8),
            max_low in small_or_any(),
            ranks in proptest::prop_oneof![1usize..4, 1usize..=1 << 16, 1usize..=1 << 24, 1usize..=1 << 32],
        ) {
            let packing = Packing::new(max_low, ranks);
            let fits = |max_low: u32, ranks: usize| {
                let bits = |n: u64| u64::BITS - n.leading_zeros();
                bits(u64::from(max_low)).max(1) + 2 * bits(ranks as u64 - 1) <= 64
            };
            proptest::prop_assert_eq!(packing.is_some(), fits(max_low, ranks));
            let Some(packing) = packing else { return Ok(()) };
            let ranked: Vec<RankedPair> = pairs
                .iter()
                .map(|&(low, x, y)| RankedPair {
                    low: low.min(max_low),
                    ranks: (x % ranks as u32, y % ranks as u32),
                })
                .collect();
            let parts = |p: &RankedPair| (p.low, p.ranks);
            for p in &ranked {
                proptest::prop_assert_eq!(parts(&packing.unpack(packing.pack(p))), parts(p));
            }
            for pair in ranked.windows(2) {
                let (a, b) = (&pair[0], &pair[1]);
                let packed = packing.pack(a).cmp(&packing.pack(b));
                proptest::prop_assert_eq!(packed, a.order().cmp(&b.order()));
            }
        }

        #[test]
        fn listed_npmi_is_npmi_of_each_pair(
            documents in proptest::collection::vec(
                proptest::collection::vec(proptest::collection::vec(0usize..6, 0..5), 0..6),
                1..6,
            ),
        ) {
            const NAMES: [&str; 6] = ["A", "B", "C", "D", "E", "F"];
            let mut a = Aggregates::default();
            for sentences in &documents {
                let names: Vec<Vec<&str>> = sentences
                    .iter()
                    .map(|s| s.iter().map(|&i| NAMES[i]).collect())
                    .collect();
                let sentences: Vec<&[&str]> = names.iter().map(Vec::as_slice).collect();
                a.add_document(&doc(&sentences));
            }
            for p in a.cooccurrence().iter() {
                let stats = &a.windows[Window::ALL.iter().position(|&w| w == p.window).unwrap()];
                let holding = |key: &EntityKey| stats.holding[a.ids[key.0.slot()][&key.1] as usize];
                let expected = npmi(p.count, holding(p.a), holding(p.b), stats.windows);
                proptest::prop_assert_eq!(p.npmi.to_bits(), expected.to_bits());
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn windows_count_as_each_window_counted_apart(
            slots in proptest::collection::vec((0usize..6, 0u32..5), 0..40),
        ) {
            let mut a = Aggregates::default();
            a.windows[0].holding = vec![0; 5];
            let mut sorted = slots.clone();
            a.add_windows(0, 6, &mut sorted);
            // Each window's entities as a set, counted with every pair of them.
            let mut windows: BTreeMap<usize, BTreeSet<u32>> = BTreeMap::new();
            for &(window, id) in &slots {
                windows.entry(window).or_default().insert(id);
            }
            let (mut holding, mut pairs) = (vec![0u64; 5], BTreeMap::new());
            for ids in windows.values() {
                for &b in ids {
                    holding[b as usize] += 1;
                    for &a in ids.range(..b) {
                        *pairs.entry((a, b)).or_insert(0u32) += 1;
                    }
                }
            }
            let stats = &a.windows[0];
            proptest::prop_assert_eq!(&stats.holding, &holding);
            let counted: BTreeMap<(u32, u32), u32> = stats.pairs.iter().collect();
            proptest::prop_assert_eq!(counted, pairs);
        }
    }

    proptest::proptest! {
        #[test]
        fn mentions_count_alike_whether_they_know_their_entity_or_not(
            documents in proptest::collection::vec(
                proptest::collection::vec(proptest::collection::vec(0usize..6, 0..5), 0..6),
                1..6,
            ),
            known in proptest::collection::vec(proptest::bool::ANY, 6),
        ) {
            const NAMES: [&str; 6] = ["A", "B", "C", "D", "E", "F"];
            let (mut indexed, mut looked_up) = (Aggregates::default(), Aggregates::default());
            for (sentences, known) in documents.iter().zip(known.iter().cycle()) {
                let names: Vec<Vec<&str>> = sentences
                    .iter()
                    .map(|s| s.iter().map(|&i| NAMES[i]).collect())
                    .collect();
                let sentences: Vec<&[&str]> = names.iter().map(Vec::as_slice).collect();
                let doc = doc(&sentences);
                // Documents of both sorts in one run, as when partials are merged.
                let unknown = read_back(&doc);
                indexed.add_document(if *known { &doc } else { &unknown });
                looked_up.add_document(&unknown);
            }
            proptest::prop_assert_eq!(listing(&indexed), listing(&looked_up));
        }
    }

    #[test]
    fn npmi_values() {
        // Always together: 1. Independent: 0. Worked by hand: 4 windows, x in 2, y in 2,
        // both in 1 → pxy = .25, px = py = .5 → ln(1) = 0.
        assert_eq!(npmi(2, 2, 2, 2), 1.0);
        assert_eq!(npmi(1, 2, 2, 4), 0.0);
        // x in 1, y in 1, both in 1, 4 windows: ln(.25/.0625)/-ln(.25) = ln 4 / ln 4 = 1.
        assert_eq!(npmi(1, 1, 1, 4), 1.0);
        assert_eq!(npmi(0, 1, 1, 4), -1.0);
    }
}
