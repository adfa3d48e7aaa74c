//! Looking at eight bytes at once, in the places of one `u64`: the scans that pass over
//! nearly every byte of a post or of a report then cost a few instructions for eight
//! bytes, instead of a test and a branch for each.

/// A one in each of the eight places of a word.
pub(crate) const ONES: u64 = u64::from_ne_bytes([1; 8]);

/// The high bit of each of the eight places of a word.
pub(crate) const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);

/// Nonzero when a byte of `word` is below `n` (at most 0x80): a borrow can only start
/// at such a byte, and the lowest one sets its own high bit.
pub(crate) fn bytes_below(word: u64, n: u8) -> u64 {
    word.wrapping_sub(ONES * u64::from(n)) & !word & HIGHS
}

/// The high bit of each place of `word` that holds an ASCII byte from `from` to `to`
/// (at most 0x7F), and of no other place.
pub(crate) fn ascii_bytes_between(word: u64, from: u8, to: u8) -> u64 {
    // An ASCII byte's low seven bits plus 0x80 - t reach the high bit exactly when they
    // are at least t, and never carry into the next place.
    let low = word & !HIGHS;
    let from_start = low + ONES * u64::from(0x80 - from);
    let past_end = low + ONES * u64::from(0x7F - to);
    from_start & !past_end & !word & HIGHS
}

/// Nonzero when a byte of `word` is `byte`.
pub(crate) fn equal_bytes(word: u64, byte: u8) -> u64 {
    bytes_below(word ^ (ONES * u64::from(byte)), 1)
}

/// The high bit of each place of `word` that holds a zero byte, and of no other place:
/// exact where [`bytes_below`] may also flag places above a borrow, for tests that need
/// to know where the bytes are.
pub(crate) fn zero_bytes(word: u64) -> u64 {
    const LOWS: u64 = !HIGHS;
    !((word & LOWS).wrapping_add(LOWS) | word) & HIGHS
}

/// Whether `found` finds a byte of `bytes`, eight bytes at a time: `found` is nonzero
/// for a word holding a byte it looks for, zero otherwise. Words may overlap (the last
/// one ends with the last byte) and, below eight bytes, repeat bytes: each byte is
/// looked at at least once, and only bytes of `bytes` are. Report cells are short, so
/// this beats a loop over the bytes; inlined, since it is called for every cell and
/// string, the call would cost more than most of the scans.
#[inline(always)]
pub(crate) fn any_byte(bytes: &[u8], found: impl Fn(u64) -> u64) -> bool {
    let len = bytes.len();
    let word = match len {
        0 => return false,
        1 => ONES * u64::from(bytes[0]),
        2..=3 => {
            let pair = |i: usize| u64::from(u16::from_ne_bytes([bytes[i], bytes[i + 1]]));
            (pair(0) | pair(len - 2) << 16) * 0x0001_0000_0001
        }
        4..=7 => u64::from(quad_at(bytes, 0)) | u64::from(quad_at(bytes, len - 4)) << 32,
        // Most cells: two words, without the set-up of the loop below.
        8..=16 => return found(word_at(bytes, 0)) | found(word_at(bytes, len - 8)) != 0,
        _ => {
            let mut any = found(word_at(bytes, len - 8));
            for i in (0..len - 8).step_by(8) {
                any |= found(word_at(bytes, i));
            }
            return any != 0;
        }
    };
    found(word) != 0
}

/// The eight bytes of `bytes` from `i`.
#[inline(always)]
fn word_at(bytes: &[u8], i: usize) -> u64 {
    u64::from_ne_bytes(*bytes[i..].first_chunk().expect("eight bytes"))
}

/// The four bytes of `bytes` from `i`.
#[inline(always)]
fn quad_at(bytes: &[u8], i: usize) -> u32 {
    u32::from_ne_bytes(*bytes[i..].first_chunk().expect("four bytes"))
}

/// Appends `bytes` to `out` unless `found` (as for [`any_byte`]) finds a byte of them,
/// and says whether it did. From 4 to 24 bytes, which most report cells and strings
/// are, the words looked at are the words copied: the bytes are read once, and copied
/// without a call to the general copy routine, whose set-up costs more than such a
/// copy. Inlined, as [`any_byte`].
#[inline(always)]
pub(crate) fn append_unless_any(
    out: &mut Vec<u8>,
    bytes: &[u8],
    found: impl Fn(u64) -> u64,
) -> bool {
    let len = bytes.len();
    match len {
        4..=7 => {
            let (head, tail) = (quad_at(bytes, 0), quad_at(bytes, len - 4));
            if found(u64::from(head) | u64::from(tail) << 32) != 0 {
                return false;
            }
            append_overlapping(out, head.to_ne_bytes(), tail.to_ne_bytes(), len);
        }
        8..=16 => {
            let (head, tail) = (word_at(bytes, 0), word_at(bytes, len - 8));
            if found(head) | found(tail) != 0 {
                return false;
            }
            append_overlapping(out, head.to_ne_bytes(), tail.to_ne_bytes(), len);
        }
        17..=24 => {
            let (head, middle, tail) = (
                word_at(bytes, 0),
                word_at(bytes, 8),
                word_at(bytes, len - 8),
            );
            if found(head) | found(middle) | found(tail) != 0 {
                return false;
            }
            out.extend_from_slice(&head.to_ne_bytes());
            append_overlapping(out, middle.to_ne_bytes(), tail.to_ne_bytes(), len - 8);
        }
        _ => {
            if any_byte(bytes, found) {
                return false;
            }
            out.extend_from_slice(bytes);
        }
    }
    true
}

/// Appends the `len` bytes (from `N` to `2 * N`) that start with `head` and end with
/// `tail`, which overlap below `2 * N`: two copies of a size known when compiling.
#[inline(always)]
fn append_overlapping<const N: usize>(out: &mut Vec<u8>, head: [u8; N], tail: [u8; N], len: usize) {
    let start = out.len();
    out.extend_from_slice(&head);
    out.truncate(start + len - N);
    out.extend_from_slice(&tail);
}

/// The index of the first byte of `bytes` that `flags` marks, eight bytes at a time.
///
/// `flags` sets the high bit of the place of each byte it looks for in a word read
/// little-endian, so that the lowest set bit is the first such byte; it may set bits
/// above a marked place (as [`bytes_below`] does) but never below one. The last few
/// bytes are asked of `wanted` one at a time.
#[inline(always)]
pub(crate) fn first_flagged(
    bytes: &[u8],
    flags: impl Fn(u64) -> u64,
    wanted: impl Fn(u8) -> bool,
) -> Option<usize> {
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for word in &mut words {
        let found = flags(u64::from_le_bytes(word.try_into().expect("eight bytes")));
        if found != 0 {
            return Some(at + found.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    let rest = words.remainder().iter().position(|&b| wanted(b));
    rest.map(|i| at + i)
}

/// The index of the first byte of `bytes` that is one of `wanted`.
pub(crate) fn find_any_byte<const N: usize>(bytes: &[u8], wanted: [u8; N]) -> Option<usize> {
    let flags = |word| {
        wanted
            .iter()
            .fold(0, |flags, &b| flags | equal_bytes(word, b))
    };
    first_flagged(bytes, flags, |b| wanted.contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn zero_bytes_flags_each_zero_byte_and_no_other(
            bytes in prop::array::uniform8(prop_oneof![Just(0u8), Just(1), Just(0x80), any::<u8>()])
        ) {
            let expected = bytes.map(|b| if b == 0 { 0x80 } else { 0 });
            prop_assert_eq!(zero_bytes(u64::from_le_bytes(bytes)), u64::from_le_bytes(expected));
        }

        #[test]
        fn any_byte_finds_what_a_byte_loop_finds(bytes in prop::collection::vec(any::<u8>(), 0..40)) {
            let quote_or_control = |w| bytes_below(w, 0x20) | equal_bytes(w, b'"');
            let expected = bytes.iter().any(|&b| b < 0x20 || b == b'"');
            prop_assert_eq!(any_byte(&bytes, quote_or_control), expected);
        }

        #[test]
        fn appended_unless_any_as_a_byte_loop_decides(
            before in prop::collection::vec(any::<u8>(), 0..4),
            bytes in prop::collection::vec(
                prop_oneof![
                    3 => prop::sample::select(vec![b'a', b'Z', b' ', 0xC3, 0xA9, 0xF0, 0x9F]),
                    1 => any::<u8>(),
                ],
                0..40,
            ),
        ) {
            let quote_or_control = |w| bytes_below(w, 0x20) | equal_bytes(w, b'"');
            let mut out = before.clone();
            let appended = append_unless_any(&mut out, &bytes, quote_or_control);
            let clean = !bytes.iter().any(|&b| b < 0x20 || b == b'"');
            prop_assert_eq!(appended, clean);
            let expected = if clean { [before, bytes].concat() } else { before };
            prop_assert_eq!(out, expected);
        }

        #[test]
        fn any_byte_is_found_as_a_byte_at_a_time(
            bytes in prop::collection::vec(
                prop_oneof![
                    prop::sample::select(vec![0u8, 1, b'.', b'!', 0x7F, 0x80, 0xC2, 0xE2, 0xFF]),
                    any::<u8>(),
                ],
                0..40,
            ),
            wanted in any::<[u8; 3]>(),
        ) {
            let wanted = [wanted[0], wanted[1], wanted[2], b'.', 0xE2];
            prop_assert_eq!(
                find_any_byte(&bytes, wanted),
                bytes.iter().position(|b| wanted.contains(b))
            );
        }
    }
}
