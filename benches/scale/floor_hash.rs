// The floor's hash, shared by the build script that builds its table and the benchmark that
// reads it: the length and the first and last eight bytes of the key (all of it when it is
// shorter), multiplied in turn, as an FxHash-style hash of three words. No loop.
#[inline]
fn floor_hash(key: &[u8], seed: u64) -> u64 {
    const K: u64 = 0xF135_7AEA_2E62_A9C5;
    let (first, last) = match (key.first_chunk::<8>(), key.last_chunk::<8>()) {
        (Some(first), Some(last)) => (u64::from_le_bytes(*first), u64::from_le_bytes(*last)),
        _ => {
            let mut word = [0; 8];
            word[..key.len()].copy_from_slice(key);
            (u64::from_le_bytes(word), 0)
        }
    };
    let h = (seed ^ key.len() as u64).wrapping_mul(K);
    let h = (h ^ first).wrapping_mul(K);
    let h = (h ^ last).wrapping_mul(K);
    h ^ (h >> 29)
}
