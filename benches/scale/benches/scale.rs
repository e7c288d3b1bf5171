//! Scale: the synthetic catalog (10,000 codes, or `ERRCAT_SCALE_CODES`). Lookup in each
//! traffic shape against the CHD floor, `phf::Map` and `HashMap` on the same keys, and the
//! build script's own work (parse, check, expand, print) on the same catalog, and a server's
//! envelopes of its codes. Group names give the count: `lookup_10k_mixed`,
//! `lookup_100k_mixed`, `build_script_10k`, `envelope_10k`.
//!
//! `cargo bench -p errcat-scale`; `ERRCAT_SCALE_CODES=100000 cargo bench -p errcat-scale --
//! lookup_100k`.

use std::collections::HashMap;
use std::hint::black_box;
use std::sync::LazyLock;

use criterion::{Criterion, criterion_group};
use errcat::{Envelopes, Error, Format, RequestId};
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

/// A server's writer bound to its host id, with its own request ids, writing each code's
/// envelope in turn (every 7,919th, so that neighbours in the table are not neighbours in
/// time): a large catalog's envelopes read their code and message from the table's columns.
fn envelope(c: &mut Criterion) {
    let envelopes = Envelopes::<ScaleCode>::new(Some("scale.cn-hangzhou.aliyuncs.com"));
    let id = RequestId::from_u128(0x3b23_7773_bc2c_4bea_95fc_319a_1a5b_aa68);
    let count = ScaleCode::ALL.len();
    let errors: Vec<Error<ScaleCode>> = (0..count)
        .map(|i| Error::new(ScaleCode::ALL[i * 7_919 % count]))
        .collect();
    let mut group = c.benchmark_group(format!("envelope_{}", size()));
    for (name, format) in [("json", Format::Json), ("xml", Format::Xml)] {
        group.bench_function(name, |b| {
            let mut out = Vec::with_capacity(1024);
            let mut next = errors.iter().cycle();
            b.iter(|| {
                out.clear();
                let error = next.next().expect("the cycle is endless");
                envelopes.write(error, format, black_box(&id), &mut out);
                out.len()
            });
        });
    }
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

criterion_group!(benches, lookup, build_script, envelope);

fn main() {
    paired::main(benches, paired_rounds);
}
