//! The perfect hash from a catalog's codes to their indexes: the layout codegen writes at
//! build time and the runtime reads in `from_code`.
//!
//! One scheme for every catalog, hash and displace (as phf does, with a cheaper hash):
//!
//! - the hash reads the key's length and its first and last eight bytes (all of its bytes
//!   when it is shorter), plus, only in a catalog whose codes those do not tell apart, more
//!   8-byte windows chosen at build time. One 128-bit multiply folds each pair of words, so
//!   the hash has no loop over the key and no branch on its content;
//! - its high half picks a bucket, whose displacement, XORed into its low half, picks the
//!   slot; build time searches the seed and the displacements until every code has a slot of
//!   its own. A small catalog gets a single bucket with displacement 0, which the compiler
//!   folds away: its lookup is hash, slot, comparison, and a key landing in one of its many
//!   empty slots is answered at once;
//! - the slot holds where the code is in one packed string of every code, its length and its
//!   answer's index (the code's index plus one; 0, an empty slot, is the miss). The comparison
//!   reads the same words of the code as of the key, both folded (so that a case-insensitive
//!   table reads the exact one's codes), and ORs their differences with no branch on the
//!   outcome, so traffic that mixes known and unknown codes costs no mispredictions; any
//!   string that is not a code is `None`.

/// A generated table: the hash's parameters, the slots, and the codes.
#[derive(Clone, Copy, Debug)]
pub struct Table<'a> {
    /// The hash's seed.
    pub seed: u64,
    /// The 8-byte windows the hash reads besides the key's first and last eight bytes (none
    /// for nearly every catalog): an offset from the key's start when `>= 0`, from its end
    /// when `< 0` (`-8` is the last eight bytes). Bytes outside the key read as 0.
    pub windows: &'a [i8],
    /// One displacement per bucket.
    pub displacements: &'a [u32],
    /// A power of two of slots, each [`slot`]`(start, length, index + 1)` of a code, or
    /// [`EMPTY_SLOT`].
    pub slots: &'a [u64],
    /// Every code as written (in either kind of table), concatenated in index order, then
    /// [`PADDING`] NUL bytes, so that the comparison of a short key reads a fixed-size block
    /// at any code's start.
    pub keys: &'a str,
}

/// The NUL bytes after the packed codes: the comparison of a key of up to this many bytes
/// reads this many bytes from a code's start, whatever the code's length.
pub const PADDING: usize = 32;

/// The most codes a table holds: an answer's index has 24 bits, and 0 is the miss.
pub const MAX_KEYS: usize = (1 << 24) - 1;

/// The longest code a table holds: a length has 8 bits.
pub const MAX_KEY_LEN: usize = u8::MAX as usize;

/// A slot without a code: length 0 and answer 0, so it matches only the empty key, to the miss.
pub const EMPTY_SLOT: u64 = 0;

/// The slot of a code `len` bytes long at `start` in the packed keys, its answer at `answer`
/// (at most [`MAX_KEYS`]): the start in the low 32 bits, then the length, then the answer.
#[must_use]
pub const fn slot(start: u32, len: u8, answer: u32) -> u64 {
    start as u64 | ((len as u64) << 32) | ((answer as u64) << 40)
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

/// The hash of `key`, whose folded [`ends`] are `ends`, with `seed`, reading `windows` too,
/// each word folded by `fold` (the identity, or [`ascii_lower`] for a case-insensitive
/// table). The ends are passed in because the comparison reads them as well.
///
/// A 128-bit product carries a difference in any bit of either factor into both of its
/// halves, so their XOR mixes the two words, and the length, in one multiply: keys that
/// differ only in their last byte (`Error10`, `Error11`) still differ in the low bits that
/// pick a slot.
#[inline]
#[must_use]
pub fn hash(
    key: &[u8],
    (first, last): (u64, u64),
    seed: u64,
    windows: &[i8],
    fold: impl Fold,
) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = mix(first ^ seed, last ^ key.len() as u64 ^ K);
    for &window in windows {
        h = mix(h ^ fold(word(key, window)), K);
    }
    h
}

/// The XOR of the halves of the 128-bit product of `a` and `b`.
#[inline]
const fn mix(a: u64, b: u64) -> u64 {
    let product = a as u128 * b as u128;
    product as u64 ^ (product >> 64) as u64
}

/// The key's first and last eight bytes, little-endian, folded. A key shorter than eight
/// bytes gives one word twice, which holds all of its bytes: its first and last four (they
/// overlap) from four bytes on, else its first, middle and last byte. With the length, the
/// ends are the whole key up to sixteen bytes.
#[inline]
#[must_use]
pub fn ends(key: &[u8], fold: impl Fold) -> (u64, u64) {
    let n = key.len();
    if let (Some(&first), Some(&last)) = (key.first_chunk(), key.last_chunk()) {
        return (
            fold(u64::from_le_bytes(first)),
            fold(u64::from_le_bytes(last)),
        );
    }
    let word = match (key.first_chunk::<4>(), key.last_chunk::<4>()) {
        (Some(first), Some(last)) => {
            u64::from(u32::from_le_bytes(*first)) | u64::from(u32::from_le_bytes(*last)) << 32
        }
        _ => match (key.first(), key.last()) {
            (Some(&first), Some(&last)) => {
                u64::from(first) | u64::from(key[n / 2]) << 8 | u64::from(last) << 16
            }
            _ => 0,
        },
    };
    (fold(word), fold(word))
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
    /// The answer for `key` from `answers` (`None`, then `Some` of every code in index
    /// order), read whatever the outcome, from an index chosen without a branch.
    #[inline]
    pub fn find<C: Copy>(&self, answers: &[Option<C>], key: &[u8], fold: impl Fold) -> Option<C> {
        let ends = ends(key, fold);
        let hash = hash(key, ends, self.seed, self.windows, fold);
        let displacement = self.displacements[bucket(hash, self.displacements.len())];
        let mask = (self.slots.len() - 1) as u32;
        let slot = self.slots[slot_index(hash, displacement, mask)];
        // A table of one bucket has eight slots per code, nearly all empty: a key that lands
        // in one is answered at once, which the branch predictor gets right on every traffic
        // shape but one that mixes codes and near misses evenly. A larger table is mostly
        // full, where the test would mispredict: it compares (a `const` table folds this).
        if self.displacements.len() == 1 && slot == EMPTY_SLOT {
            return answers[0];
        }
        let (start, len, answer) = (slot as u32 as usize, (slot >> 32) as u8, slot >> 40);
        let keys = self.keys.as_bytes();
        let differs = if key.len() <= PADDING {
            // Every code's start has its block (the keys are padded); `1` is for a broken table.
            let code = keys.get(start..).and_then(<[u8]>::first_chunk::<PADDING>);
            code.map_or(1, |code| differs_short(code, key, ends, fold))
        } else {
            differs_long(keys, start, len, key, fold)
        };
        let found = (differs == 0) & (usize::from(len) == key.len());
        // An empty slot "matches" the empty key, to the miss. `min` is for a broken table.
        answers[(if found { answer as usize } else { 0 }).min(answers.len() - 1)]
    }
}

/// Where `fold(key)` differs from the first `key.len()` bytes of `code`, folded (non-zero if
/// anywhere), for a key of at most [`PADDING`] bytes, given its folded [`ends`]: the same
/// four words of each (overlapping where the key is shorter than 32 bytes), so that every
/// length compares alike.
#[inline]
fn differs_short(
    code: &[u8; PADDING],
    key: &[u8],
    (first, last): (u64, u64),
    fold: impl Fold,
) -> u64 {
    let n = key.len();
    let Some(tail) = n.checked_sub(8) else {
        return ends(&code[..n], fold).0 ^ first;
    };
    let second = tail.min(8);
    let third = n.saturating_sub(16);
    let code = |at| fold(load(code, at));
    (code(0) ^ first)
        | (code(tail) ^ last)
        | (code(second) ^ fold(load(key, second)))
        | (code(third) ^ fold(load(key, third)))
}

/// [`differs_short`] for a key longer than [`PADDING`]: the code must have its length, and
/// every word of it is compared (the last one overlapping the one before).
#[cold]
fn differs_long(keys: &[u8], start: usize, len: u8, key: &[u8], fold: impl Fold) -> u64 {
    let n = key.len();
    let Some(code) = keys.get(start..start + n).filter(|_| usize::from(len) == n) else {
        return 1;
    };
    let differs = |at: usize| fold(load(code, at)) ^ fold(load(key, at));
    (0..n)
        .step_by(8)
        .fold(0, |all, at| all | differs(at.min(n - 8)))
}

/// The eight bytes at `at` (`at + 8 <= bytes.len()`, else 0).
#[inline]
fn load(bytes: &[u8], at: usize) -> u64 {
    bytes
        .get(at..)
        .and_then(<[u8]>::first_chunk::<8>)
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

    /// With the length, the ends are the whole of any key up to sixteen bytes: keys of one
    /// length that differ in one byte have different ends.
    #[test]
    fn the_ends_tell_apart_every_key_up_to_sixteen_bytes() {
        let text = b"Forbidden.KeyNot";
        for n in 0..=text.len() {
            let key = &text[..n];
            for i in 0..n {
                let mut other = key.to_vec();
                other[i] ^= 0x01;
                assert_ne!(ends(key, same), ends(&other, same), "length {n}, byte {i}");
            }
        }
        assert_eq!(ends(b"", same), (0, 0));
    }

    /// The comparison finds a key equal to a code, in any case for the folded one, at every
    /// length, and finds a difference in any one byte.
    #[test]
    fn keys_compare_equal_only_when_equal_at_every_length() {
        let text = b"Forbidden.KeyNotFound.With.A.Long.Tail.Of.Segments";
        for n in 0..text.len() {
            let key = &text[..n];
            let mut keys = key.to_vec();
            keys.extend([0; PADDING]);
            let differs = |key: &[u8], fold: fn(u64) -> u64| match keys.first_chunk() {
                Some(code) if n <= PADDING => differs_short(code, key, ends(key, fold), fold),
                _ => differs_long(&keys, 0, n as u8, key, fold),
            };
            assert_eq!(differs(key, same), 0, "length {n}");
            for case in [key.to_ascii_uppercase(), key.to_ascii_lowercase()] {
                assert_eq!(differs(&case, ascii_lower), 0, "length {n}");
            }
            for i in 0..n {
                let mut other = key.to_vec();
                other[i] ^= 0x01;
                assert_ne!(differs(&other, same), 0, "length {n}, byte {i}");
            }
        }
    }
}
