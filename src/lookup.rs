//! The run-time half of the generated perfect hashes (the build-time half, and why there are
//! two layouts, is `errcat_codegen::lookup`). Not public API.

/// A generated lookup table: a perfect hash of the codes, and the codes themselves, packed.
///
/// The codes are kept here, apart from the code table, so that a lookup reads a few small,
/// dense arrays: with 10,000 codes the code table's rows (about 140 bytes each) would cost a
/// cache miss per lookup before the comparison.
#[derive(Debug)]
pub struct Lookup {
    pub hash: Hash,
    /// Every code (lower-cased in the case-insensitive table), concatenated in code order.
    pub keys: &'static str,
}

/// A perfect hash from a code to its index.
#[derive(Debug)]
pub enum Hash {
    /// Length and two picked bytes, multiply-shift; each slot holds a code index, or
    /// `u16::MAX`.
    Picked {
        positions: [i16; 2],
        multiplier: u32,
        shift: u32,
        slots: &'static [u16],
        /// Where each code ends in `keys`; it starts where the one before it ends.
        ends: &'static [u32],
    },
    /// Word hash, bucket displacement. Each slot holds its code's start in `keys` (bits 0
    /// to 31), length (32 to 47) and index (48 to 63), so that one load gives the slot and
    /// the key's bounds. An empty slot has length 0 and index `u16::MAX`, which no code has:
    /// it matches only the empty key, and that to no code.
    Displaced {
        seed: u64,
        displacements: &'static [u32],
        entries: &'static [u64],
    },
}

impl Lookup {
    /// The answer for `key` (folded by `fold`) from `answers` (see [`find`]): one hash, one
    /// comparison, one read.
    #[inline]
    fn find<C: Copy>(&self, answers: &[Option<C>], key: &[u8], fold: impl Fold) -> Option<C> {
        let keys = self.keys.as_bytes();
        match self.hash {
            Hash::Picked {
                positions,
                multiplier,
                shift,
                slots,
                ends,
            } => {
                let picked = picked_key(key, positions, fold);
                let slot = slots.get((picked.wrapping_mul(multiplier) >> shift) as usize)?;
                let index = usize::from(*slot);
                let end = *ends.get(index)? as usize; // an empty slot is out of range
                let start = match index.checked_sub(1) {
                    Some(before) => *ends.get(before)? as usize,
                    None => 0,
                };
                // The whole lookup is a few dozen instructions: a wrong length is rejected
                // before the key's bytes are read, and the comparison stops at the first
                // word that differs (32 codes in a shuffled order: 48 instructions per lookup
                // against 52 the way below, and about 15% less time).
                if end - start != key.len() {
                    return None;
                }
                let candidate = keys.get(start..end)?;
                if !same_words(candidate, key, fold) {
                    return None;
                }
                *answers.get(index)?
            }
            Hash::Displaced {
                seed,
                displacements,
                entries,
            } => {
                let hash = word_hash_folded(key, seed, fold);
                let bucket = (((hash >> 32) * displacements.len() as u64) >> 32) as usize;
                let displacement = displacements.get(bucket).copied().unwrap_or(0);
                let mask = entries.len().wrapping_sub(1) as u32;
                let entry = *entries.get(((hash as u32 ^ displacement) & mask) as usize)?;
                let start = entry as u32 as usize;
                let len = usize::from((entry >> 32) as u16);
                let index = usize::from((entry >> 48) as u16);
                // After a word hash and a few cache misses, a mispredicted branch is what is
                // left to save: the length and the bytes are both compared, whatever the
                // outcome of either, and joined without a branch (on traffic that mixes known
                // and unknown codes, "known?" is a coin toss the predictor loses half the
                // time). The bytes compared are the key's length from where the candidate
                // starts, fewer only at the very end of the table (then the key cannot match
                // anyway). 10,000 codes, mixed workload: a quarter less time per lookup than
                // with early exits, for 22 more instructions.
                let same_length = len == key.len();
                let same_bytes = keys
                    .get(start..)
                    .and_then(|rest| rest.get(..key.len()))
                    .is_some_and(|candidate| same_words_branch_free(candidate, key, fold));
                // The answer is read whatever the outcome too, from a slot chosen without a
                // branch: the code's, or the `None` after the last. A `bool::then` here
                // becomes a branch on the outcome wherever the lookup is not inlined into a
                // caller that only asks `is_some` (10,000 codes, mixed workload, called
                // through a function: 46 -> 24 ns).
                let found = same_length & same_bytes;
                let none = answers.len().wrapping_sub(1);
                *answers.get(if found { index } else { none })?
            }
        }
    }
}

/// How a word of a key is compared: as it is ([`same`]) or ASCII-lower-cased
/// ([`ascii_lower`]). A type parameter rather than a function pointer, so that each use is
/// compiled for its fold even where the optimiser does not inline the lookup into its caller:
/// through a pointer, every word would cost an indirect call.
trait Fold: Fn(u64) -> u64 + Copy {}

impl<F: Fn(u64) -> u64 + Copy> Fold for F {}

/// The code whose wire code is exactly `code`. `answers` holds `Some` of every code, in code
/// order, then `None`: the lookup's answer is one read from it, whether `code` is known or
/// not.
#[inline]
pub fn find<C: Copy>(lookup: &Lookup, answers: &[Option<C>], code: &str) -> Option<C> {
    lookup.find(answers, code.as_bytes(), same)
}

/// The code whose wire code equals `code` ignoring ASCII case, looked up in the table of
/// lower-cased codes. The input is folded as it is read, eight bytes at a time: nothing is
/// copied and nothing allocated.
#[inline]
pub fn find_ignore_case<C: Copy>(lower: &Lookup, answers: &[Option<C>], code: &str) -> Option<C> {
    lower.find(answers, code.as_bytes(), ascii_lower)
}

/// No folding.
#[inline]
fn same(word: u64) -> u64 {
    word
}

/// ASCII-lower-cases the eight bytes of `word` at once (SWAR): a byte in `A..=Z` gets `0x20`
/// added; every other byte, non-ASCII ones included, is left alone.
#[inline]
fn ascii_lower(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let low7 = word & (0x7f * ONES);
    let above_at = low7 + (0x80 - u64::from(b'A')) * ONES; // high bit set where byte >= 'A'
    let above_z = low7 + (0x80 - u64::from(b'Z') - 1) * ONES; // high bit set where byte > 'Z'
    let upper = above_at & !above_z & !word & (0x80 * ONES);
    word | (upper >> 2)
}

/// `fold(a) == fold(b)`, with fixed-size loads, stopping at the first word that differs.
/// Codes are short, and a `memcmp` call for a length known only at run time costs more than
/// the comparison itself (a `match` on literals avoids it because its lengths are
/// constants). Overlapping loads cover any length: the last word is read ending at the last
/// byte.
#[inline]
fn same_words(a: &[u8], b: &[u8], fold: impl Fold) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let equal = |at, width| fold(load(a, at, width)) == fold(load(b, at, width));
    if n >= 8 {
        let mut i = 0;
        while i + 8 < n {
            if !equal(i, 8) {
                return false;
            }
            i += 8;
        }
        equal(n - 8, 8)
    } else if n >= 4 {
        equal(0, 4) && equal(n - 4, 4)
    } else {
        (0..n).all(|i| equal(i, 1))
    }
}

/// [`same_words`] without a branch on the outcome: the differences of every word are OR-ed
/// and tested once, so that the only branches are on the length, which the hash's loop has
/// just taken the same way.
#[inline]
fn same_words_branch_free(a: &[u8], b: &[u8], fold: impl Fold) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let differ = |at, width| fold(load(a, at, width)) ^ fold(load(b, at, width));
    let differences = if n >= 8 {
        let mut differences = differ(n - 8, 8);
        let mut i = 0;
        while i + 8 < n {
            differences |= differ(i, 8);
            i += 8;
        }
        differences
    } else if n >= 4 {
        differ(0, 4) | differ(n - 4, 4)
    } else {
        (0..n).fold(0, |differences, i| differences | differ(i, 1))
    };
    differences == 0
}

/// The `width` (at most 8) bytes at `at`, as an integer; `at + width <= bytes.len()` at every
/// call above.
#[inline]
fn load(bytes: &[u8], at: usize, width: usize) -> u64 {
    let mut word = [0u8; 8];
    word[..width].copy_from_slice(&bytes[at..at + width]);
    u64::from_le_bytes(word)
}

/// The bytes after the last whole word of `bytes` (`len % 8` of them), as a little-endian
/// integer padded with zeros: the hash's last word. Read with fixed-size loads: a copy of a
/// length known only at run time is a `memcpy` call whose size-class branches mispredict on
/// codes of mixed lengths, costing more than the rest of the hash.
#[inline]
fn tail_word(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    let r = n % 8;
    if r == 0 {
        0
    } else if let Some(last) = bytes.last_chunk::<8>() {
        // The last eight bytes end with the tail; shift out the ones before it.
        u64::from_le_bytes(*last) >> (64 - 8 * r)
    } else if n >= 4 {
        // Two overlapping four-byte loads; the bytes they share are equal, so OR keeps them.
        load(bytes, 0, 4) | (load(bytes, n - 4, 4) << (8 * (n - 4)))
    } else {
        // One to three bytes: the first, the middle and the last (some the same byte).
        let byte = |i: usize| u64::from(bytes[i]) << (8 * i);
        byte(0) | byte(n / 2) | byte(n - 1)
    }
}

/// See `errcat_codegen::lookup::byte_at`; the byte folded by `fold`.
#[inline]
fn byte_at(key: &[u8], position: i16, fold: impl Fold) -> u8 {
    let index = if position >= 0 {
        Some(position as usize)
    } else {
        key.len().checked_sub(position.unsigned_abs() as usize)
    };
    let byte = index.and_then(|i| key.get(i)).copied().unwrap_or(0);
    fold(u64::from(byte)) as u8
}

/// See `errcat_codegen::lookup::picked_key`.
#[inline]
fn picked_key(key: &[u8], positions: [i16; 2], fold: impl Fold) -> u32 {
    let (b1, b2) = (
        byte_at(key, positions[0], fold),
        byte_at(key, positions[1], fold),
    );
    (key.len() as u32) ^ (u32::from(b1) << 8) ^ (u32::from(b2) << 16)
}

/// The word hash of `errcat_codegen::lookup::word_hash`: the two must stay identical (tested
/// in `tests/lookup.rs`).
#[doc(hidden)]
#[inline]
pub fn word_hash(bytes: &[u8], seed: u64) -> u64 {
    word_hash_folded(bytes, seed, same)
}

/// `word_hash` of the bytes folded by `fold`, folding each word as it is read.
#[inline]
fn word_hash_folded(bytes: &[u8], seed: u64, fold: impl Fold) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = seed ^ (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        h = (h ^ fold(load(chunk, 0, 8))).wrapping_mul(K);
        h ^= h >> 29;
    }
    h = (h ^ fold(tail_word(bytes))).wrapping_mul(K);
    h ^= h >> 32;
    h = h.wrapping_mul(0xD6E8_FEB8_6659_FD93);
    h ^ (h >> 32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swar_lower_case_matches_the_byte_at_a_time_one_for_every_byte_and_position() {
        for byte in 0..=255u8 {
            for position in 0..8 {
                let mut bytes = *b"Ab.Zz@[`";
                bytes[position] = byte;
                let mut expected = bytes;
                expected.make_ascii_lowercase();
                assert_eq!(
                    ascii_lower(u64::from_le_bytes(bytes)).to_le_bytes(),
                    expected,
                    "{byte:#x} at {position}"
                );
            }
        }
    }

    /// `tail_word` reads what a zero-padded copy of the tail would hold, at every length.
    #[test]
    fn tail_word_is_the_padded_tail_at_every_length() {
        let text = b"Forbidden.KeyNotFound.With.A.Long.Tail";
        for n in 0..text.len() {
            let bytes = &text[..n];
            let tail = &bytes[n - n % 8..];
            let mut padded = [0u8; 8];
            padded[..tail.len()].copy_from_slice(tail);
            assert_eq!(tail_word(bytes), u64::from_le_bytes(padded), "length {n}");
        }
    }

    #[test]
    fn word_comparison_covers_every_length() {
        let text = b"Forbidden.KeyNotFound.With.A.Long.Tail";
        // Both comparisons, exact and ignoring case.
        let compare = |a: &[u8], b: &[u8], ignore_case: bool| {
            let results = if ignore_case {
                [
                    same_words(a, b, ascii_lower),
                    same_words_branch_free(a, b, ascii_lower),
                ]
            } else {
                [same_words(a, b, same), same_words_branch_free(a, b, same)]
            };
            assert_eq!(results[0], results[1], "{a:?} {b:?}");
            results[0]
        };
        for n in 0..text.len() {
            let a = &text[..n];
            assert!(compare(a, a, false));
            for i in 0..n {
                let mut b = a.to_vec();
                b[i] ^= 0x01;
                assert!(!compare(a, &b, false), "length {n}, byte {i}");
                let mut upper = a.to_vec();
                upper.make_ascii_uppercase();
                assert!(compare(a, &upper, true));
            }
        }
    }
}
