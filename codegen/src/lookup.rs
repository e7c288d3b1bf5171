//! Perfect hashing for `from_code`, generated from the known codes at build time.
//!
//! Two layouts, chosen by what the key set allows:
//!
//! - **Picked bytes** (gperf's idea), for up to [`MAX_PICKED`] codes: the slot is a multiply-
//!   shift hash of the length and two bytes at chosen positions (from the start or the end),
//!   searched until every code gets its own slot. A lookup reads two bytes, multiplies once,
//!   reads one slot, and compares one string.
//! - **Displaced word hash**, for any size: a cheap word-at-a-time hash; its high half picks a
//!   bucket, and the bucket's displacement, XORed into the low half, picks a free slot
//!   (hash-and-displace, as phf does, with a much cheaper hash than phf's SipHash).
//!
//! Both end in one string comparison, so every unknown string is `None`. The word hash is a
//! contract with the runtime: `errcat::__private::lookup::word_hash` must compute the same
//! function (a test in errcat compares them).

/// The largest catalog the picked-bytes search is tried on (its cost grows with the size).
pub const MAX_PICKED: usize = 256;

/// The slot value meaning "no code here".
pub const EMPTY: u16 = u16::MAX;

/// A generated lookup table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    Picked(Picked),
    Displaced(Displaced),
}

/// The picked-bytes layout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picked {
    /// The two byte positions: `>= 0` from the start, `< 0` from the end (`-1` is the last).
    pub positions: [i16; 2],
    pub multiplier: u32,
    /// `32 - log2(slots.len())`.
    pub shift: u32,
    /// Code index per slot, or [`EMPTY`].
    pub slots: Vec<u16>,
}

/// The displaced-word-hash layout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Displaced {
    pub seed: u64,
    /// One displacement per bucket.
    pub displacements: Vec<u32>,
    /// Code index per slot, or [`EMPTY`]; a power of two long.
    pub slots: Vec<u16>,
}

/// Builds the lookup for `keys` (distinct, fewer than [`EMPTY`]).
pub fn build(keys: &[&[u8]]) -> Lookup {
    let picked = if keys.len() <= MAX_PICKED {
        picked(keys)
    } else {
        None
    };
    picked.map_or_else(|| Lookup::Displaced(displaced(keys)), Lookup::Picked)
}

/// The byte at `position` (see [`Picked::positions`]), 0 past either end.
pub fn byte_at(key: &[u8], position: i16) -> u8 {
    let index = if position >= 0 {
        Some(position as usize)
    } else {
        key.len().checked_sub(position.unsigned_abs() as usize)
    };
    index.and_then(|i| key.get(i)).copied().unwrap_or(0)
}

/// The picked-bytes key of a string: its length and two bytes, packed.
pub fn picked_key(key: &[u8], positions: [i16; 2]) -> u32 {
    (key.len() as u32)
        ^ (u32::from(byte_at(key, positions[0])) << 8)
        ^ (u32::from(byte_at(key, positions[1])) << 16)
}

/// The first (smallest table, then earliest positions) picked-bytes layout that gives every
/// key its own slot, or `None`.
fn picked(keys: &[&[u8]]) -> Option<Picked> {
    let longest = keys.iter().map(|k| k.len()).max().unwrap_or(0).min(32) as i16;
    let positions: Vec<i16> = (0..longest).chain((1..=longest).map(|p| -p)).collect();
    let min_bits = usize::BITS - keys.len().max(2).next_power_of_two().leading_zeros() - 1;
    for bits in min_bits..=min_bits + 2 {
        for (i, &p1) in positions.iter().enumerate() {
            for &p2 in &positions[i + 1..] {
                if let Some(found) = picked_with(keys, [p1, p2], bits) {
                    return Some(found);
                }
            }
        }
    }
    None
}

fn picked_with(keys: &[&[u8]], positions: [i16; 2], bits: u32) -> Option<Picked> {
    let packed: Vec<u32> = keys.iter().map(|k| picked_key(k, positions)).collect();
    multipliers().find_map(|multiplier| {
        let shift = 32 - bits;
        let mut slots = vec![EMPTY; 1 << bits];
        for (index, key) in packed.iter().enumerate() {
            let slot = &mut slots[(key.wrapping_mul(multiplier) >> shift) as usize];
            if *slot != EMPTY {
                return None;
            }
            *slot = index as u16;
        }
        Some(Picked {
            positions,
            multiplier,
            shift,
            slots,
        })
    })
}

/// A fixed sequence of odd multipliers (deterministic output, like phf's fixed seed).
fn multipliers() -> impl Iterator<Item = u32> {
    (0..64u32).map(|i| 0x9E37_79B9u32.wrapping_add(i.wrapping_mul(0x6C8E_9CF5)) | 1)
}

/// Keys per bucket, on average, in the displaced layout.
const BUCKET_SIZE: usize = 4;

/// A displaced layout; the seed is the first of a fixed sequence that works.
fn displaced(keys: &[&[u8]]) -> Displaced {
    let size = (keys.len() + keys.len() / 4).max(2).next_power_of_two();
    let buckets = keys.len().div_ceil(BUCKET_SIZE).max(1);
    // Each seed fails with a probability below 1 for distinct keys, so this ends.
    let mut seed = 0u64;
    loop {
        if let Some(found) = displaced_with(keys, seed, size, buckets) {
            return found;
        }
        seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    }
}

fn displaced_with(keys: &[&[u8]], seed: u64, size: usize, buckets: usize) -> Option<Displaced> {
    let hashes: Vec<u64> = keys.iter().map(|k| word_hash(k, seed)).collect();
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); buckets];
    for (index, &h) in hashes.iter().enumerate() {
        members[bucket(h, buckets)].push(index);
    }
    // Place the largest buckets first, while the table is emptiest.
    let mut order: Vec<usize> = (0..buckets).collect();
    order.sort_by_key(|&b| std::cmp::Reverse(members[b].len()));
    let mask = (size - 1) as u32;
    let mut slots = vec![EMPTY; size];
    let mut displacements = vec![0u32; buckets];
    for b in order {
        let fits = |d: u32| {
            let mut taken: Vec<usize> = members[b]
                .iter()
                .map(|&k| ((hashes[k] as u32 ^ d) & mask) as usize)
                .collect();
            let free = taken.iter().all(|&s| slots[s] == EMPTY);
            taken.sort_unstable();
            taken.dedup();
            free && taken.len() == members[b].len()
        };
        let d = (0..size as u32).find(|&d| fits(d))?;
        displacements[b] = d;
        for &k in &members[b] {
            slots[((hashes[k] as u32 ^ d) & mask) as usize] = k as u16;
        }
    }
    Some(Displaced {
        seed,
        displacements,
        slots,
    })
}

/// The bucket of a hash: a multiply-shift of its high half onto `0..buckets`.
pub fn bucket(hash: u64, buckets: usize) -> usize {
    (((hash >> 32) * buckets as u64) >> 32) as usize
}

/// A fast, well-mixed 64-bit hash, word at a time. The runtime has the same function.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn find(lookup: &Lookup, key: &[u8]) -> u16 {
        match lookup {
            Lookup::Picked(p) => {
                p.slots
                    [(picked_key(key, p.positions).wrapping_mul(p.multiplier) >> p.shift) as usize]
            }
            Lookup::Displaced(d) => {
                let h = word_hash(key, d.seed);
                let disp = d.displacements[bucket(h, d.displacements.len())];
                d.slots[((h as u32 ^ disp) & (d.slots.len() as u32 - 1)) as usize]
            }
        }
    }

    fn keys(n: usize) -> Vec<Vec<u8>> {
        (0..n)
            .map(|i| format!("Service{}.Error{}", i % 97, i).into_bytes())
            .collect()
    }

    #[test]
    fn every_key_finds_itself_in_both_layouts() {
        for n in [1, 2, 32, 200, 3000] {
            let owned = keys(n);
            let keys: Vec<&[u8]> = owned.iter().map(Vec::as_slice).collect();
            let lookups = [build(&keys), Lookup::Displaced(displaced(&keys))];
            for lookup in &lookups {
                for (i, key) in keys.iter().enumerate() {
                    assert_eq!(find(lookup, key), i as u16, "n = {n}");
                }
            }
        }
    }

    #[test]
    fn small_sets_use_picked_bytes() {
        let owned = keys(32);
        let keys: Vec<&[u8]> = owned.iter().map(Vec::as_slice).collect();
        assert!(matches!(build(&keys), Lookup::Picked(_)));
    }

    #[test]
    fn byte_positions_count_from_either_end() {
        assert_eq!(byte_at(b"abc", 0), b'a');
        assert_eq!(byte_at(b"abc", -1), b'c');
        assert_eq!(byte_at(b"abc", 3), 0);
        assert_eq!(byte_at(b"abc", -4), 0);
        assert_eq!(byte_at(b"", -1), 0);
    }
}
