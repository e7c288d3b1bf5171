//! Scale: the synthetic catalog (10,000 codes, or `ERRCAT_SCALE_CODES`). Lookup in each
//! traffic shape against the CHD floor, `phf::Map` and `HashMap` on the same keys, and the
//! build script's own work (parse, check, expand, print) on the same catalog. Group names
//! give the count: `lookup_10k_mixed`, `lookup_100k_mixed`, `build_script_10k`.
//!
//! `cargo bench -p errcat-scale`; `ERRCAT_SCALE_CODES=100000 cargo bench -p errcat-scale --
//! lookup_100k`.

use std::collections::HashMap;
use std::hint::black_box;
use std::sync::LazyLock;

use criterion::{Criterion, criterion_group};
use errcat_scale::ScaleCode;
use traffic::Lookup;

#[path = "../../../benches/support/paired.rs"]
mod paired;
#[path = "../../../benches/support/traffic.rs"]
mod traffic;

/// The floor: CHD with a loop-free cheap hash, its table built by this crate's build script
/// for the same codes (`floor_hash.rs`), then one comparison.
mod floor {
    include!(concat!(env!("OUT_DIR"), "/floor.rs"));
    include!("../floor_hash.rs");

    /// The floor's lookup.
    #[inline(never)]
    pub fn lookup(code: &str) -> Option<super::ScaleCode> {
        let h = floor_hash(code.as_bytes(), FLOOR_SEED);
        let buckets = FLOOR_DISPLACEMENTS.len() as u64;
        let d = FLOOR_DISPLACEMENTS[(((h >> 32) * buckets) >> 32) as usize];
        let index = FLOOR_SLOTS[(h as u32 ^ d) as usize & (FLOOR_SLOTS.len() - 1)] as usize;
        (*FLOOR_CODES.get(index)? == code).then(|| super::ScaleCode::ALL[index])
    }
}

/// The alternatives, each called once per lookup, never inlined into the loop.
fn alternatives() -> Vec<(&'static str, Lookup<ScaleCode>)> {
    vec![
        ("errcat_from_code", errcat_lookup),
        ("floor_chd", floor::lookup),
        ("phf_map", phf_lookup),
        ("hash_map", hash_map_lookup),
        ("errcat_from_code_ignore_case", errcat_lookup_ignore_case),
    ]
}

/// A `HashMap` of the codes, made on first use.
static HASH_MAP: LazyLock<HashMap<&str, ScaleCode>> =
    LazyLock::new(|| ScaleCode::ALL.iter().map(|c| (c.code(), *c)).collect());

#[inline(never)]
fn errcat_lookup(code: &str) -> Option<ScaleCode> {
    ScaleCode::from_code(code)
}

#[inline(never)]
fn errcat_lookup_ignore_case(code: &str) -> Option<ScaleCode> {
    ScaleCode::from_code_ignore_case(code)
}

#[inline(never)]
fn phf_lookup(code: &str) -> Option<ScaleCode> {
    ScaleCode::BY_CODE.get(code).copied()
}

#[inline(never)]
fn hash_map_lookup(code: &str) -> Option<ScaleCode> {
    HASH_MAP.get(code).copied()
}

/// The traffic shapes (`benches/support/traffic.rs`), two draws per code (20,000 for 10,000
/// codes), so that the tables are read all over, as a busy client reads them.
fn shapes() -> Vec<(&'static str, Vec<String>)> {
    let codes: Vec<&str> = ScaleCode::ALL.iter().map(|c| c.code()).collect();
    traffic::shapes(&codes, 2 * codes.len())
}

/// The catalog's size in group names: `10k` for 10,000 codes, the count itself when it is
/// not a round thousand.
fn size() -> String {
    match ScaleCode::ALL.len() {
        n if n % 1000 == 0 => format!("{}k", n / 1000),
        n => n.to_string(),
    }
}

fn lookup(c: &mut Criterion) {
    traffic::bench(c, &format!("lookup_{}", size()), &shapes(), &alternatives());
}

/// What the build script does for the catalog, minus reading and writing the files.
fn build_script(c: &mut Criterion) {
    let source = synthetic_source();
    let mut group = c.benchmark_group(format!("build_script_{}", size()));
    group.sample_size(10);
    group.bench_function("load_and_generate", |b| {
        b.iter(|| {
            let catalog =
                errcat_codegen::load(black_box(&source)).expect("the synthetic catalog is valid");
            errcat_codegen::generate(&catalog, &errcat_codegen::Options::default(), "errors.toml")
                .expect("the synthetic catalog expands")
                .len()
        });
    });
    group.finish();
}

/// The synthetic catalog's source, rebuilt from the generated codes (the build script wrote
/// it to its own `OUT_DIR`, which a bench cannot name).
fn synthetic_source() -> String {
    let mut out = String::from("[service]\nname = \"Scale\"\n");
    for code in ScaleCode::ALL {
        let message = code.message();
        out.push_str(&format!(
            "\n[[error]]\ncode = \"{}\"\nstatus = {}\nmessage = \"{message}\"\n",
            code.code(),
            code.http_status()
        ));
    }
    out
}

/// The paired comparison (see `benches/support/paired.rs`) of the lookup groups: five
/// passes over each shape per alternative and round.
fn paired_rounds() {
    let shapes = shapes();
    let lookups = 5 * shapes.first().map_or(0, |(_, inputs)| inputs.len());
    traffic::paired_rounds(
        &format!("lookup_{}", size()),
        &shapes,
        &alternatives(),
        lookups,
    );
}

criterion_group!(benches, lookup, build_script);

fn main() {
    paired::main(benches, paired_rounds);
}
