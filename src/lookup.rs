//! The run-time half of the generated perfect hashes (the build-time half, and why there are
//! two layouts, is `errcat_codegen::lookup`). Not public API.

use crate::__private::CodeInfo;

/// A generated lookup table.
#[derive(Debug)]
pub enum Lookup {
    /// Length and two picked bytes, multiply-shift.
    Picked {
        positions: [i16; 2],
        multiplier: u32,
        shift: u32,
        slots: &'static [u16],
    },
    /// Word hash, bucket displacement.
    Displaced {
        seed: u64,
        displacements: &'static [u32],
        slots: &'static [u16],
    },
}

impl Lookup {
    /// The slot value for `key`: a code index if `key` may be that code, else out of range.
    #[inline]
    fn slot(&self, key: &[u8]) -> usize {
        let slot = match *self {
            Lookup::Picked {
                positions,
                multiplier,
                shift,
                slots,
            } => slots.get((picked_key(key, positions).wrapping_mul(multiplier) >> shift) as usize),
            Lookup::Displaced {
                seed,
                displacements,
                slots,
            } => {
                let hash = word_hash(key, seed);
                let bucket = (((hash >> 32) * displacements.len() as u64) >> 32) as usize;
                let displacement = displacements.get(bucket).copied().unwrap_or(0);
                let mask = slots.len().wrapping_sub(1) as u32;
                slots.get(((hash as u32 ^ displacement) & mask) as usize)
            }
        };
        slot.map_or(usize::MAX, |&s| usize::from(s))
    }
}

/// The code whose wire code is exactly `code`: one hash, one comparison.
#[inline]
pub fn find<C: Copy>(lookup: &Lookup, all: &[C], infos: &[CodeInfo], code: &str) -> Option<C> {
    let index = lookup.slot(code.as_bytes());
    let info = infos.get(index)?; // an empty slot is out of range
    if info.code == code {
        all.get(index).copied()
    } else {
        None
    }
}

/// The longest code folded on the stack; no catalog code is longer (codegen checks it).
const MAX_CODE_LEN: usize = 128;

/// The code whose wire code equals `code` ignoring ASCII case, looked up in the table of
/// lower-cased codes. The input is lower-cased into a stack buffer: no allocation.
#[inline]
pub fn find_ignore_case<C: Copy>(
    lower: &Lookup,
    all: &[C],
    infos: &[CodeInfo],
    code: &str,
) -> Option<C> {
    let mut buffer = [0u8; MAX_CODE_LEN];
    let folded = buffer.get_mut(..code.len())?;
    folded.copy_from_slice(code.as_bytes());
    folded.make_ascii_lowercase();
    let index = lower.slot(folded);
    let info = infos.get(index)?;
    if info.code.eq_ignore_ascii_case(code) {
        all.get(index).copied()
    } else {
        None
    }
}

/// See `errcat_codegen::lookup::byte_at`.
#[inline]
fn byte_at(key: &[u8], position: i16) -> u8 {
    let index = if position >= 0 {
        Some(position as usize)
    } else {
        key.len().checked_sub(position.unsigned_abs() as usize)
    };
    index.and_then(|i| key.get(i)).copied().unwrap_or(0)
}

/// See `errcat_codegen::lookup::picked_key`.
#[inline]
fn picked_key(key: &[u8], positions: [i16; 2]) -> u32 {
    (key.len() as u32)
        ^ (u32::from(byte_at(key, positions[0])) << 8)
        ^ (u32::from(byte_at(key, positions[1])) << 16)
}

/// The word hash of `errcat_codegen::lookup::word_hash`: the two must stay identical (tested
/// in `tests/lookup.rs`).
#[doc(hidden)]
#[inline]
pub fn word_hash(bytes: &[u8], seed: u64) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = seed ^ (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = (h ^ u64::from_le_bytes(word)).wrapping_mul(K);
        h ^= h >> 29;
    }
    let mut tail = [0u8; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    h = (h ^ u64::from_le_bytes(tail)).wrapping_mul(K);
    h ^= h >> 32;
    h = h.wrapping_mul(0xD6E8_FEB8_6659_FD93);
    h ^ (h >> 32)
}
