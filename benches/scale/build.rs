//! Writes a synthetic catalog of `ERRCAT_SCALE_CODES` codes (10,000 by default) to
//! `$OUT_DIR/errors.toml` (too large to commit, and derived from nothing), then generates
//! `ScaleCode` from it exactly as any service's build script does. Also writes `$OUT_DIR/floor.rs`, the table of the benchmark's
//! floor for the same codes: CHD (hash and displace) with a loop-free cheap hash.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=floor_hash.rs");
    println!("cargo::rerun-if-changed=synthetic.rs");
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    let catalog = Path::new(&out_dir).join("errors.toml");
    let source = synthetic_catalog(code_count());
    fs::write(&catalog, &source).expect("OUT_DIR is writable");
    errcat_codegen::Builder::new(catalog)
        .type_name("ScaleCode")
        .build();
    let codes: Vec<&str> = source
        .lines()
        .filter_map(|line| line.strip_prefix("code = \"")?.strip_suffix('"'))
        .collect();
    fs::write(Path::new(&out_dir).join("floor.rs"), floor(&codes)).expect("OUT_DIR is writable");
}

include!("floor_hash.rs");
include!("synthetic.rs");

/// The floor's table as Rust: buckets of four codes on average, each with the displacement
/// (XORed into the hash's low half) that puts all of them in free slots of a table 80% full;
/// slots hold a code's index (`u32::MAX` when empty). Seeds are tried in a fixed sequence.
fn floor(codes: &[&str]) -> String {
    let size = (codes.len() * 5 / 4).next_power_of_two();
    let buckets = codes.len().div_ceil(4);
    let mask = size as u32 - 1;
    let bucket = |h: u64| (((h >> 32) * buckets as u64) >> 32) as usize;
    let mut seed = 0u64;
    loop {
        seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let hashes: Vec<u64> = codes
            .iter()
            .map(|c| floor_hash(c.as_bytes(), seed))
            .collect();
        let mut members = vec![Vec::new(); buckets];
        for (i, &h) in hashes.iter().enumerate() {
            members[bucket(h)].push(i);
        }
        let mut order: Vec<usize> = (0..buckets).collect();
        order.sort_by_key(|&b| std::cmp::Reverse(members[b].len()));
        let mut slots = vec![u32::MAX; size];
        let mut displacements = vec![0u32; buckets];
        let placed = order.into_iter().all(|b| {
            let slot = |d: u32, k: usize| ((hashes[k] as u32 ^ d) & mask) as usize;
            let fits = |d: u32| {
                let mut taken: Vec<usize> = members[b].iter().map(|&k| slot(d, k)).collect();
                taken.sort_unstable();
                taken.dedup();
                taken.len() == members[b].len() && taken.iter().all(|&s| slots[s] == u32::MAX)
            };
            let Some(d) = (0..size as u32).find(|&d| fits(d)) else {
                return false;
            };
            displacements[b] = d;
            for &k in &members[b] {
                slots[slot(d, k)] = k as u32;
            }
            true
        });
        if placed {
            return format!(
                "const FLOOR_SEED: u64 = {seed};\n\
                 static FLOOR_DISPLACEMENTS: [u32; {buckets}] = {displacements:?};\n\
                 static FLOOR_SLOTS: [u32; {size}] = {slots:?};\n\
                 static FLOOR_CODES: [&str; {}] = {codes:?};\n",
                codes.len()
            );
        }
    }
}

/// The catalog of `count` synthetic codes, with statuses and messages (one in ten has
/// placeholders).
fn synthetic_catalog(count: usize) -> String {
    let mut out = String::from("[service]\nname = \"Scale\"\n");
    for i in 0..count {
        let code = synthetic_code(i);
        let status = [400, 403, 404, 409, 429, 500, 503][i % 7];
        let message = if i % 10 == 0 {
            "The {parameter} of item {item} is wrong."
        } else {
            "Something went wrong."
        };
        let _ = write!(
            out,
            "\n[[error]]\ncode = \"{code}\"\nstatus = {status}\nmessage = \"{message}\"\n"
        );
    }
    out
}
