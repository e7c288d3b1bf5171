//! Builds the perfect hash of `from_code` for a catalog's codes, in the layout of
//! `errcat_wire::lookup`, which the runtime reads. Deterministic: the windows are chosen in a
//! fixed order and the seeds tried in a fixed sequence, as phf's generator does.

use std::collections::HashSet;

use errcat_wire::lookup::{self, EMPTY_SLOT, same};

/// A built table, owning what a `Table` borrows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Built {
    /// The hash's seed.
    pub seed: u64,
    /// The windows the hash reads besides the ends.
    pub windows: Vec<i8>,
    /// One displacement per bucket.
    pub displacements: Vec<u32>,
    /// The slots, a power of two of them.
    pub slots: Vec<u64>,
    /// The keys, concatenated in index order, then `PADDING` NUL bytes.
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

/// Keys per bucket, on average, in a catalog too large for one bucket.
const BUCKET_SIZE: usize = 4;

/// The most codes a catalog may have for a table of one bucket (no displacement to read):
/// it gets eight slots per code, and a seed that gives every code its own slot is then
/// found within a few hundred tries.
const ONE_BUCKET: usize = 64;

/// How many seeds a table of one bucket tries before taking buckets after all.
const ONE_BUCKET_SEEDS: usize = 10_000;

/// The table for `keys`: distinct, at most [`lookup::MAX_KEYS`] of them, at most
/// [`lookup::MAX_KEY_LEN`] bytes each (the checker guarantees all three).
#[must_use]
pub fn build(keys: &[&str]) -> Built {
    let windows = windows(keys);
    let n = keys.len();
    // (slots, buckets, seeds to try): one bucket for a small catalog if a seed comes soon,
    // else buckets of four in slots 80% full. Keys that read the same would hash alike under
    // every seed, but `windows` made them all differ, so each seed fails with a probability
    // below 1, and the second search ends.
    let one =
        (n <= ONE_BUCKET).then_some(((n * 8).max(2).next_power_of_two(), 1, ONE_BUCKET_SEEDS));
    let many = (
        (n + n / 4).max(2).next_power_of_two(),
        n.div_ceil(BUCKET_SIZE).max(1),
        usize::MAX,
    );
    let (seed, (displacements, slots)) = one
        .into_iter()
        .chain([many])
        .find_map(|(size, buckets, tries)| {
            let table = |seed| Some((seed, displace(keys, seed, &windows, size, buckets)?));
            seeds().take(tries).find_map(table)
        })
        .expect("the seeds never run out");
    let mut packed = keys.concat();
    packed.extend(std::iter::repeat_n('\0', lookup::PADDING));
    Built {
        seed,
        windows,
        displacements,
        slots,
        keys: packed,
    }
}

/// The seeds tried, in a fixed sequence, so that the same keys give the same table.
fn seeds() -> impl Iterator<Item = u64> {
    std::iter::successors(Some(0u64), |seed| {
        Some(seed.wrapping_add(0x9E37_79B9_7F4A_7C15))
    })
}

/// The windows the hash reads besides the ends: none, unless two keys have the same length
/// and ends (they differ only in the middle of codes longer than 16 bytes); then, while
/// some do, the window that tells the most pairs apart.
fn windows(keys: &[&str]) -> Vec<i8> {
    let longest = keys.iter().map(|k| k.len()).max().unwrap_or(0);
    let reach = i8::try_from(longest.min(120)).unwrap_or(120);
    let candidates: Vec<i8> = (1..=reach)
        .flat_map(|offset| [offset, -offset - 8])
        .collect();
    let mut chosen: Vec<i8> = Vec::new();
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

/// How many keys read the same length, ends and windows as a key before them.
fn readings_collide(keys: &[&str], windows: &[i8]) -> usize {
    let mut seen = HashSet::new();
    let reading = |key: &&str| {
        let key = key.as_bytes();
        let words: Vec<u64> = windows.iter().map(|&w| lookup::word(key, w)).collect();
        (key.len(), lookup::ends(key, same), words)
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
    let hash = |k: &[u8]| lookup::hash(k, lookup::ends(k, same), seed, windows, same);
    let hashes: Vec<u64> = keys.iter().map(|k| hash(k.as_bytes())).collect();
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
    // One bucket: a displacement only permutes the slots, so only 0 is tried.
    let tries = if buckets == 1 { 1 } else { size as u32 };
    for bucket in order {
        let slot_of = |d: u32, k: usize| lookup::slot_index(hashes[k], d, mask);
        let fits = |d: u32| {
            let mut taken: Vec<usize> = members[bucket].iter().map(|&k| slot_of(d, k)).collect();
            let free = taken.iter().all(|&s| slots[s] == EMPTY_SLOT);
            taken.sort_unstable();
            taken.dedup();
            free && taken.len() == members[bucket].len()
        };
        let d = (0..tries).find(|&d| fits(d))?;
        displacements[bucket] = d;
        for &k in &members[bucket] {
            slots[slot_of(d, k)] = lookup::slot(starts[k], keys[k].len() as u8, k as u32 + 1);
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
        let mut answers = vec![None];
        answers.extend((0..keys.len()).map(Some));
        let table = built.table();
        for (index, key) in keys.iter().enumerate() {
            assert_eq!(table.find(&answers, key.as_bytes(), same), Some(index));
            let mut near = key.as_bytes().to_vec();
            near.push(b'x');
            assert_eq!(table.find(&answers, &near, same), None, "{key}x");
            assert_eq!(table.find(&answers, &near[1..], same), None, "{key}");
            // The same length, one byte changed: in the ends or in the middle.
            for at in [0, key.len() / 2, key.len() - 1] {
                let mut changed = key.as_bytes().to_vec();
                changed[at] ^= 0x01;
                assert_eq!(table.find(&answers, &changed, same), None, "{key} at {at}");
            }
        }
        assert_eq!(table.find(&answers, b"", same), None);
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
        let long: Vec<String> = (0..100)
            .map(|i| format!("{}.Segment{i}", "Long".repeat(i % 30 + 1)))
            .collect();
        check(&long.iter().map(String::as_str).collect::<Vec<_>>());
    }

    /// Keys alike in their first and last eight bytes get a window that tells them apart.
    #[test]
    fn keys_alike_at_both_ends_get_a_middle_window() {
        let keys = ["Forbidden.Key.A.NotFound", "Forbidden.Key.B.NotFound"];
        let built = build(&keys);
        assert!(!built.windows.is_empty(), "{:?}", built.windows);
        check(&keys);
    }

    /// A catalog of up to `ONE_BUCKET` codes reads no displacement; a larger one does.
    #[test]
    fn small_catalogs_get_one_bucket() {
        for (n, buckets) in [(1, 1), (32, 1), (ONE_BUCKET, 1), (ONE_BUCKET + 1, 17)] {
            let owned = synthetic(n);
            let keys: Vec<&str> = owned.iter().map(String::as_str).collect();
            assert_eq!(build(&keys).displacements.len(), buckets, "{n} keys");
        }
    }

    /// The table of lower-cased keys, read with the keys as written as generated code reads
    /// it, finds them in any case through the folding lookup.
    #[test]
    fn a_lower_cased_table_finds_every_case() {
        let owned = synthetic(300);
        let lower: Vec<String> = owned.iter().map(|k| k.to_ascii_lowercase()).collect();
        let keys: Vec<&str> = lower.iter().map(String::as_str).collect();
        let mut built = build(&keys);
        built.keys = build(&owned.iter().map(String::as_str).collect::<Vec<_>>()).keys;
        let mut answers = vec![None];
        answers.extend((0..keys.len()).map(Some));
        for (index, key) in owned.iter().enumerate() {
            for key in [
                key.clone(),
                key.to_ascii_uppercase(),
                key.to_ascii_lowercase(),
            ] {
                let found = built
                    .table()
                    .find(&answers, key.as_bytes(), lookup::ascii_lower);
                assert_eq!(found, Some(index), "{key}");
            }
        }
    }

    #[test]
    fn the_same_keys_give_the_same_table() {
        let owned = synthetic(500);
        let keys: Vec<&str> = owned.iter().map(String::as_str).collect();
        assert_eq!(build(&keys), build(&keys));
    }
}
