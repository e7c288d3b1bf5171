//! Builds the perfect hash of `from_code` for a catalog's codes, in the layout of
//! `errcat_wire::lookup`, which the runtime reads. Deterministic: the windows are chosen in a
//! fixed order and the seeds tried in a fixed sequence, as phf's generator does.

use std::collections::HashSet;

use errcat_wire::lookup::{self, EMPTY_SLOT};

/// A built table, owning what a [`Table`] borrows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Built {
    /// The hash's seed.
    pub seed: u64,
    /// The windows the hash reads.
    pub windows: Vec<i8>,
    /// One displacement per bucket.
    pub displacements: Vec<u32>,
    /// The slots, a power of two of them.
    pub slots: Vec<u64>,
    /// The keys, concatenated in index order.
    pub keys: String,
}

#[cfg(test)]
impl Built {
    /// The table as the runtime reads it.
    #[must_use]
    pub fn table(&self) -> lookup::Table<'_> {
        lookup::Table {
            seed: self.seed,
            windows: &self.windows,
            displacements: &self.displacements,
            slots: &self.slots,
            keys: &self.keys,
        }
    }
}

/// Keys per bucket, on average.
const BUCKET_SIZE: usize = 4;

/// The table for `keys`: distinct, at most `u16::MAX - 1` of them, at most `u16::MAX` bytes
/// each (the checker guarantees all three).
#[must_use]
pub fn build(keys: &[&str]) -> Built {
    let windows = windows(keys);
    let size = (keys.len() + keys.len() / 4).max(2).next_power_of_two();
    let buckets = keys.len().div_ceil(BUCKET_SIZE).max(1);
    // Keys that read the same windows would hash alike under every seed, but `windows` made
    // them all differ, so each seed fails with a probability below 1 and this ends.
    let mut seed = 0u64;
    loop {
        if let Some((displacements, slots)) = displace(keys, seed, &windows, size, buckets) {
            return Built {
                seed,
                windows,
                displacements,
                slots,
                keys: keys.concat(),
            };
        }
        seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    }
}

/// The windows the hash reads: the first and last eight bytes, and more only while two keys
/// read the same in all of them (then the window that tells the most pairs apart is added).
fn windows(keys: &[&str]) -> Vec<i8> {
    let longest = keys.iter().map(|k| k.len()).max().unwrap_or(0);
    let reach = i8::try_from(longest.min(120)).unwrap_or(120);
    let mut chosen: Vec<i8> = if longest > 8 { vec![0, -8] } else { vec![0] };
    let candidates: Vec<i8> = (1..=reach)
        .flat_map(|offset| [offset, -offset - 8])
        .filter(|window| !chosen.contains(window))
        .collect();
    while readings_collide(keys, &chosen) > 0 {
        let best = candidates
            .iter()
            .filter(|window| !chosen.contains(window))
            .min_by_key(|&&window| {
                readings_collide(keys, &[chosen.as_slice(), &[window]].concat())
            });
        match best {
            Some(&window) => chosen.push(window),
            // Every window is read: the keys cannot read the same (they are distinct).
            None => break,
        }
    }
    chosen
}

/// How many keys read the same length and windows as a key before them.
fn readings_collide(keys: &[&str], windows: &[i8]) -> usize {
    let mut seen = HashSet::new();
    let reading = |key: &&str| {
        let words: Vec<u64> = windows
            .iter()
            .map(|&w| lookup::word(key.as_bytes(), w))
            .collect();
        (key.len(), words)
    };
    keys.iter()
        .map(reading)
        .filter(|r| !seen.insert(r.clone()))
        .count()
}

/// The displacements and slots for `seed`, or `None` when a bucket finds no free slots.
fn displace(
    keys: &[&str],
    seed: u64,
    windows: &[i8],
    size: usize,
    buckets: usize,
) -> Option<(Vec<u32>, Vec<u64>)> {
    let hashes: Vec<u64> = keys
        .iter()
        .map(|k| lookup::hash(k.as_bytes(), seed, windows, lookup::same))
        .collect();
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); buckets];
    for (index, &hash) in hashes.iter().enumerate() {
        members[lookup::bucket(hash, buckets)].push(index);
    }
    // Place the largest buckets first, while the table is emptiest.
    let mut order: Vec<usize> = (0..buckets).collect();
    order.sort_by_key(|&b| std::cmp::Reverse(members[b].len()));
    let mask = (size - 1) as u32;
    let mut slots = vec![EMPTY_SLOT; size];
    let mut displacements = vec![0u32; buckets];
    let mut starts = Vec::with_capacity(keys.len());
    keys.iter().fold(0u32, |start, key| {
        starts.push(start);
        start + key.len() as u32
    });
    for bucket in order {
        let slot_of = |d: u32, k: usize| lookup::slot_index(hashes[k], d, mask);
        let fits = |d: u32| {
            let mut taken: Vec<usize> = members[bucket].iter().map(|&k| slot_of(d, k)).collect();
            let free = taken.iter().all(|&s| slots[s] == EMPTY_SLOT);
            taken.sort_unstable();
            taken.dedup();
            free && taken.len() == members[bucket].len()
        };
        let d = (0..size as u32).find(|&d| fits(d))?;
        displacements[bucket] = d;
        for &k in &members[bucket] {
            slots[slot_of(d, k)] = lookup::slot(starts[k], keys[k].len() as u16, k as u16);
        }
    }
    Some((displacements, slots))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key finds its own index, and strings that are not keys (near misses of each
    /// key, other cases, the empty string) find nothing.
    fn check(keys: &[&str]) {
        let built = build(keys);
        let answers: Vec<Option<usize>> = (0..keys.len()).map(Some).chain([None]).collect();
        let table = built.table();
        for (index, key) in keys.iter().enumerate() {
            assert_eq!(
                table.find(&answers, key.as_bytes(), lookup::same),
                Some(index)
            );
            let mut near = key.as_bytes().to_vec();
            near.push(b'x');
            assert_eq!(table.find(&answers, &near, lookup::same), None, "{key}x");
            assert_eq!(
                table.find(&answers, &near[1..], lookup::same),
                None,
                "{key}"
            );
        }
        assert_eq!(table.find(&answers, b"", lookup::same), None);
    }

    fn synthetic(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| format!("Service{}.Error{}", i % 97, i))
            .collect()
    }

    #[test]
    fn every_key_finds_itself_and_nothing_else_does() {
        for n in [1, 2, 32, 200, 3000] {
            let owned = synthetic(n);
            let keys: Vec<&str> = owned.iter().map(String::as_str).collect();
            check(&keys);
        }
        check(&["A", "B", "AB", "Nope", "Forbidden.KeyNotFound"]);
    }

    /// Keys alike in their first and last eight bytes get a window that tells them apart.
    #[test]
    fn keys_alike_at_both_ends_get_a_middle_window() {
        let keys = ["Forbidden.Key.A.NotFound", "Forbidden.Key.B.NotFound"];
        let built = build(&keys);
        assert!(built.windows.len() > 2, "{:?}", built.windows);
        check(&keys);
    }

    #[test]
    fn the_same_keys_give_the_same_table() {
        let owned = synthetic(500);
        let keys: Vec<&str> = owned.iter().map(String::as_str).collect();
        assert_eq!(build(&keys), build(&keys));
    }
}
