//! How many windows hold each pair of entity ids.

use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// Ids below this have their pairs counted in a table: at most 2 MiB of counts per
/// window kind.
const DENSE_IDS: u32 = 1024;

/// Windows holding each unordered pair of ids (the smaller id first), modulo 2^32: pairs
/// are most of a large run's memory, and a count this high is rare.
///
/// Ids are given in the order entities are first seen, so the entities a corpus names
/// most tend to have small ids, and in a large corpus nearly every pair of them shares a
/// window somewhere. Pairs of ids below `dense_ids` are counted in a triangular table
/// indexed by the pair: a run adds tens of millions of pairs, one at a time on the thread
/// that keeps the corpus counts, and in a hash map each costs a cache miss or two, where
/// the table needs no hashing and keeps the pairs of a window's entity with the smaller
/// ones in one row. Pairs of larger ids go to a hash map.
#[derive(Clone, Debug)]
pub(super) struct PairCounts {
    /// Ids below this are counted in `table`.
    dense_ids: u32,
    /// The count of `(a, b)`, `a < b < rows`, at `row_start(b) + a`: row `b` holds the
    /// pairs of `b` with every smaller id.
    table: Vec<u32>,
    /// Rows of `table`: a power of two, or `dense_ids`, or none.
    rows: u32,
    /// Rows up to the last one counted in: those past it are all zero.
    used_rows: u32,
    /// Counts of the pairs not in `table`.
    sparse: FxHashMap<(u32, u32), u32>,
    /// The multiples of 2^32 of the few counts that went past `u32::MAX`.
    overflow: HashMap<(u32, u32), u64>,
    /// The highest count modulo 2^32 there has been.
    max_low: u32,
}

impl Default for PairCounts {
    fn default() -> PairCounts {
        PairCounts::with_dense_ids(DENSE_IDS)
    }
}

/// Where row `b` of the table starts: after the rows of every smaller id.
fn row_start(b: usize) -> usize {
    b * b.saturating_sub(1) / 2
}

/// Adds one to `count`, the count of `pair` modulo 2^32, keeping the highest such count
/// in `max_low` and the multiples of 2^32 in `overflow`.
#[inline(always)]
fn bump(
    count: &mut u32,
    pair: (u32, u32),
    max_low: &mut u32,
    overflow: &mut HashMap<(u32, u32), u64>,
) {
    match count.checked_add(1) {
        Some(next) => {
            *count = next;
            *max_low = (*max_low).max(next);
        }
        None => {
            *count = 0;
            *overflow.entry(pair).or_default() += 1 << 32;
        }
    }
}

impl PairCounts {
    fn with_dense_ids(dense_ids: u32) -> PairCounts {
        PairCounts {
            dense_ids,
            table: Vec::new(),
            rows: 0,
            used_rows: 0,
            sparse: FxHashMap::default(),
            overflow: HashMap::new(),
            max_low: 0,
        }
    }

    /// Counts one more window holding `ids`, sorted and each once: one more for each
    /// pair of them. The pairs of an id with the smaller ones share a row of the table,
    /// found (and grown) once for all of them rather than once per pair.
    pub fn add_window(&mut self, ids: &[u32]) {
        debug_assert!(ids.is_sorted_by(|a, b| a < b), "{ids:?} not sorted apart");
        let (max_low, overflow) = (&mut self.max_low, &mut self.overflow);
        for (i, &b) in ids.iter().enumerate().skip(1) {
            let smaller = &ids[..i];
            if b < self.dense_ids {
                if b >= self.rows {
                    self.rows = (b + 1).next_power_of_two().min(self.dense_ids);
                    self.table.resize(row_start(self.rows as usize), 0);
                }
                self.used_rows = self.used_rows.max(b + 1);
                let start = row_start(b as usize);
                let row = &mut self.table[start..start + b as usize];
                for &a in smaller {
                    bump(&mut row[a as usize], (a, b), max_low, overflow);
                }
            } else {
                for &a in smaller {
                    bump(
                        self.sparse.entry((a, b)).or_default(),
                        (a, b),
                        max_low,
                        overflow,
                    );
                }
            }
        }
    }

    /// Every pair held by a window, with its count modulo 2^32, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = ((u32, u32), u32)> + '_ {
        let overflowed = self.overflowed();
        let dense = (1..self.used_rows as usize).flat_map(move |b| {
            let row = &self.table[row_start(b)..row_start(b + 1)];
            row.iter().enumerate().filter_map(move |(a, &low)| {
                let pair = (a as u32, b as u32);
                let held = low != 0 || overflowed && self.overflow.contains_key(&pair);
                held.then_some((pair, low))
            })
        });
        dense.chain(self.sparse.iter().map(|(&pair, &low)| (pair, low)))
    }

    /// Sets the count of `(a, b)`, `a < b`: for tests of counts too high to reach by adding.
    #[cfg(test)]
    pub fn set(&mut self, (a, b): (u32, u32), count: u64) {
        self.add_window(&[a, b]);
        let low = if b < self.dense_ids {
            &mut self.table[row_start(b as usize) + a as usize]
        } else {
            self.sparse.get_mut(&(a, b)).expect("just added")
        };
        *low = count as u32;
        self.max_low = self.max_low.max(*low);
        self.overflow.remove(&(a, b));
        if count >> 32 != 0 {
            self.overflow.insert((a, b), count >> 32 << 32);
        }
    }

    /// A count modulo 2^32 that none is above: the highest, unless one went past
    /// `u32::MAX`.
    pub fn max_low(&self) -> u32 {
        self.max_low
    }

    /// Whether a count went past `u32::MAX`.
    pub fn overflowed(&self) -> bool {
        !self.overflow.is_empty()
    }

    /// The whole count of `pair`, whose count modulo 2^32 is `low`.
    pub fn count(&self, pair: (u32, u32), low: u32) -> u64 {
        self.overflow.get(&pair).copied().unwrap_or(0) + u64::from(low)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every pair with its whole count, sorted.
    fn counts(pairs: &PairCounts) -> Vec<((u32, u32), u64)> {
        let mut out: Vec<_> = pairs
            .iter()
            .map(|(pair, low)| (pair, pairs.count(pair, low)))
            .collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn counts_stay_exact_past_u32_in_the_table_and_the_map() {
        for dense_ids in [0, DENSE_IDS] {
            let mut pairs = PairCounts::with_dense_ids(dense_ids);
            pairs.set((3, 7), u64::from(u32::MAX) - 1);
            for _ in 0..3 {
                pairs.add_window(&[3, 7]);
            }
            assert!(pairs.overflowed());
            assert_eq!(counts(&pairs), [((3, 7), u64::from(u32::MAX) + 2)]);
        }
    }

    #[test]
    fn a_count_that_wrapped_to_zero_is_still_listed() {
        let mut pairs = PairCounts::default();
        pairs.set((0, 1), u32::MAX.into());
        pairs.add_window(&[0, 1]);
        assert_eq!(counts(&pairs), [((0, 1), 1 << 32)]);
    }

    proptest::proptest! {
        #[test]
        fn the_table_counts_as_a_map_does(
            windows in proptest::collection::vec(proptest::collection::vec(0u32..40, 0..8), 0..60),
            dense_ids in 0u32..45,
        ) {
            let mut pairs = PairCounts::with_dense_ids(dense_ids);
            let mut reference: HashMap<(u32, u32), u64> = HashMap::new();
            for mut window in windows {
                window.sort_unstable();
                window.dedup();
                pairs.add_window(&window);
                for (i, &b) in window.iter().enumerate() {
                    for &a in &window[..i] {
                        *reference.entry((a, b)).or_default() += 1;
                    }
                }
            }
            let mut reference: Vec<_> = reference.into_iter().collect();
            reference.sort_unstable();
            let highest = reference.iter().map(|&(_, count)| count).max().unwrap_or(0);
            proptest::prop_assert_eq!(u64::from(pairs.max_low()), highest);
            proptest::prop_assert_eq!(counts(&pairs), reference);
        }
    }
}
