//! The perfect hash from a catalog's codes to their indexes: the layout codegen writes at
//! build time and the runtime reads in `from_code`.
//!
//! One scheme for every catalog, hash and displace (as phf does, with a cheaper hash):
//!
//! - the hash mixes the key's length with a few 8-byte windows of it, at offsets from its
//!   start or end chosen at build time so that no two codes read the same (usually two: the
//!   first and the last eight bytes). No loop over the key's length, so its cost is the same
//!   for every key of a catalog and nothing in it is mispredicted;
//! - its high half picks a bucket, whose displacement, XORed into its low half, picks the
//!   slot; build time searches the displacements until every code has a slot of its own;
//! - the slot holds where the code is in one packed string of every code, its length and its
//!   index, so a lookup is one hash, three reads and one comparison, and any string that is
//!   not a code is `None`.

/// A generated table: the hash's parameters, the slots, and the codes.
#[derive(Clone, Copy, Debug)]
pub struct Table<'a> {
    /// The hash's seed.
    pub seed: u64,
    /// The 8-byte windows the hash reads: an offset from the key's start when `>= 0`, from
    /// its end when `< 0` (`-8` is the last eight bytes). Bytes outside the key read as 0.
    pub windows: &'a [i8],
    /// One displacement per bucket.
    pub displacements: &'a [u32],
    /// A power of two of slots, each [`slot`]`(start, length, index)` of a code, or
    /// [`EMPTY_SLOT`].
    pub slots: &'a [u64],
    /// Every code (ASCII-lower-cased in a case-insensitive table), concatenated in index
    /// order.
    pub keys: &'a str,
}

/// A slot without a code: length 0 and index `u16::MAX`, which no code has, so it matches
/// only the empty key, and that to no code (the index is past every answer).
pub const EMPTY_SLOT: u64 = (u16::MAX as u64) << 48;

/// The slot of the code at `index`, `len` bytes long, starting at `start` in the packed keys.
#[must_use]
pub const fn slot(start: u32, len: u16, index: u16) -> u64 {
    start as u64 | ((len as u64) << 32) | ((index as u64) << 48)
}

/// The bucket of a hash among `buckets`: a multiply-shift of its high half.
#[must_use]
pub const fn bucket(hash: u64, buckets: usize) -> usize {
    (((hash >> 32) * buckets as u64) >> 32) as usize
}

/// The slot of a hash whose bucket has displacement `displacement`, in a table of `mask + 1`
/// slots.
#[must_use]
pub const fn slot_index(hash: u64, displacement: u32, mask: u32) -> usize {
    ((hash as u32 ^ displacement) & mask) as usize
}

/// The hash of `key` with `seed`, reading `windows` of it, each word folded by `fold`
/// (the identity, or [`ascii_lower`] for a case-insensitive table).
///
/// A multiply carries a difference only towards the high bits, and a shift-XOR only towards
/// the low ones, so each word is folded in with both, and a last multiply and shift-XOR mix
/// the result: keys that differ only in their last byte (`Error10`, `Error11`) must still
/// differ in the low bits that pick a slot, or no seed could separate them.
#[inline]
pub fn hash(key: &[u8], seed: u64, windows: &[i8], fold: impl Fold) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = seed ^ (key.len() as u64).wrapping_mul(K);
    for &window in windows {
        h = (h ^ fold(word(key, window))).wrapping_mul(K);
        h ^= h >> 32;
    }
    h = h.wrapping_mul(0xD6E8_FEB8_6659_FD93);
    h ^ (h >> 32)
}

/// The eight bytes of `key` at `window` (see [`Table::windows`]), little-endian, 0 for
/// bytes outside the key.
#[inline]
#[must_use]
pub fn word(key: &[u8], window: i8) -> u64 {
    let start = if window >= 0 {
        window as isize
    } else {
        key.len() as isize + window as isize
    };
    let whole = usize::try_from(start)
        .ok()
        .and_then(|start| key.get(start..)?.first_chunk::<8>());
    match whole {
        Some(bytes) => u64::from_le_bytes(*bytes),
        None => partial_word(key, start),
    }
}

/// [`word`] when the window does not lie wholly inside the key.
fn partial_word(key: &[u8], start: isize) -> u64 {
    (0..8).fold(0, |word, i| {
        let byte = usize::try_from(start + i as isize)
            .ok()
            .and_then(|at| key.get(at));
        word | (u64::from(byte.copied().unwrap_or(0)) << (8 * i))
    })
}

/// How a key's words are read: as they are, or ASCII-lower-cased. A type parameter rather
/// than a function pointer, so that each use is compiled for its fold.
pub trait Fold: Fn(u64) -> u64 + Copy {}

impl<F: Fn(u64) -> u64 + Copy> Fold for F {}

/// The identity fold: an exact lookup.
#[inline]
#[must_use]
pub const fn same(word: u64) -> u64 {
    word
}

/// ASCII-lower-cases the eight bytes of `word` at once: a byte in `A..=Z` gets `0x20` added;
/// every other byte, non-ASCII ones included, is left alone (as `u8::to_ascii_lowercase`).
#[inline]
#[must_use]
pub const fn ascii_lower(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let low7 = word & (0x7f * ONES);
    let above_at = low7 + (0x80 - b'A' as u64) * ONES; // high bit set where byte >= 'A'
    let above_z = low7 + (0x80 - b'Z' as u64 - 1) * ONES; // high bit set where byte > 'Z'
    let upper = above_at & !above_z & !word & (0x80 * ONES);
    word | (upper >> 2)
}

impl Table<'_> {
    /// The answer for `key` from `answers`, which holds `Some` of every code in index order
    /// and then one `None`: the code's answer, or the `None`. The answer is read whatever the
    /// outcome, from an index chosen without a branch, so that traffic mixing known and
    /// unknown codes costs no mispredictions.
    #[inline]
    pub fn find<C: Copy>(&self, answers: &[Option<C>], key: &[u8], fold: impl Fold) -> Option<C> {
        let hash = hash(key, self.seed, self.windows, fold);
        let displacement = self.displacements[bucket(hash, self.displacements.len())];
        let mask = (self.slots.len() - 1) as u32;
        let slot = self.slots[slot_index(hash, displacement, mask)];
        let (start, len, index) = (slot as u32 as usize, (slot >> 32) as u16, slot >> 48);
        let found = usize::from(len) == key.len()
            && self
                .keys
                .as_bytes()
                .get(start..start + key.len())
                .is_some_and(|candidate| same_key(candidate, key, fold));
        // An empty slot "matches" the empty key: its index, past every code, reads `None`.
        let none = answers.len() - 1;
        answers[(if found { index as usize } else { none }).min(none)]
    }
}

/// Whether `fold(key)` equals `candidate` (which has the key's length), compared a word at a
/// time with fixed-size loads: codes are short, and a `memcmp` call for a length known only
/// at run time costs more than the comparison. The last word overlaps the one before it.
#[inline]
fn same_key(candidate: &[u8], key: &[u8], fold: impl Fold) -> bool {
    let n = key.len();
    if n < 8 {
        return fold(partial_word(key, 0)) == partial_word(candidate, 0);
    }
    let differ = |at: usize| fold(load(key, at)) ^ load(candidate, at);
    let mut differences = differ(n - 8);
    let mut at = 0;
    while at + 8 < n {
        differences |= differ(at);
        at += 8;
    }
    differences == 0
}

/// The eight bytes at `at` (`at + 8 <= bytes.len()`).
#[inline]
fn load(bytes: &[u8], at: usize) -> u64 {
    bytes[at..]
        .first_chunk::<8>()
        .map_or(0, |word| u64::from_le_bytes(*word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_lower_is_to_ascii_lowercase_for_every_byte_and_position() {
        for byte in 0..=255u8 {
            for position in 0..8 {
                let mut bytes = *b"Ab.Zz@[`";
                bytes[position] = byte;
                let mut expected = bytes;
                expected.make_ascii_lowercase();
                assert_eq!(
                    ascii_lower(u64::from_le_bytes(bytes)).to_le_bytes(),
                    expected
                );
            }
        }
    }

    #[test]
    fn windows_read_from_either_end_with_zeros_outside() {
        let key = b"Forbidden.KeyNotFound";
        assert_eq!(word(key, 0).to_le_bytes(), *b"Forbidde");
        assert_eq!(word(key, -8).to_le_bytes(), *b"NotFound");
        assert_eq!(word(key, 16).to_le_bytes(), *b"Found\0\0\0");
        assert_eq!(word(b"abc", -8).to_le_bytes(), *b"\0\0\0\0\0abc");
        assert_eq!(word(b"abc", 0).to_le_bytes(), *b"abc\0\0\0\0\0");
        assert_eq!(word(b"", -8), 0);
    }

    #[test]
    fn keys_compare_equal_only_when_equal_at_every_length() {
        let text = b"Forbidden.KeyNotFound.With.A.Long.Tail";
        for n in 0..text.len() {
            let key = &text[..n];
            assert!(same_key(key, key, same));
            let mut upper = key.to_vec();
            upper.make_ascii_uppercase();
            assert!(same_key(
                key.to_ascii_lowercase().as_slice(),
                &upper,
                ascii_lower
            ));
            for i in 0..n {
                let mut other = key.to_vec();
                other[i] ^= 0x01;
                assert!(!same_key(key, &other, same), "length {n}, byte {i}");
            }
        }
    }
}
