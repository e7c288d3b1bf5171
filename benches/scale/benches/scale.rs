//! Scale: a catalog of 10,000 codes. Lookup against `phf::Map` and `HashMap` on the same keys,
//! and the build script's own work (parse, check, expand, pretty-print) on the same catalog.
//!
//! `cargo bench -p errcat-scale`.

use std::collections::HashMap;
use std::hint::black_box;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, criterion_group};
use errcat_scale::ScaleCode;

#[path = "../../../benches/support/paired.rs"]
mod paired;

/// Every code once, and as many near misses, in a fixed pseudo-random order; each input its
/// own heap string.
fn workload() -> Vec<String> {
    let mut inputs: Vec<String> = ScaleCode::ALL.iter().map(|c| c.code().to_owned()).collect();
    let misses: Vec<String> = inputs.iter().map(|c| format!("{c}X")).collect();
    inputs.extend(misses);
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    for i in (1..inputs.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        inputs.swap(i, (state % (i as u64 + 1)) as usize);
    }
    inputs
}

/// The same inputs in the same order, copied one after the other into one buffer, as
/// slices of it. What a client looks up is a code it has just read from a response body,
/// so the input is in cache and only the tables may not be. In [`workload`]'s own layout
/// every input is a separate allocation read in a scattered order, so every lookup,
/// whatever the structure, also waits for its input to arrive from memory.
fn packed(inputs: &[String]) -> (String, Vec<std::ops::Range<usize>>) {
    let buffer = inputs.concat();
    let mut at = 0;
    let ranges = inputs
        .iter()
        .map(|input| {
            at += input.len();
            at - input.len()..at
        })
        .collect();
    (buffer, ranges)
}

/// Looks up every input with `f`; how many are found.
fn pass<S: AsRef<str>>(inputs: &[S], f: impl Fn(&str) -> Option<ScaleCode>) -> usize {
    inputs
        .iter()
        .filter(|s| f(black_box(s.as_ref())).is_some())
        .count()
}

/// Runs `f` over the whole workload; generic, so each alternative is inlined.
fn bench_lookup<S: AsRef<str>, F: Fn(&str) -> Option<ScaleCode>>(
    group: &mut BenchmarkGroup<'_, WallTime>,
    name: &str,
    inputs: &[S],
    f: F,
) {
    group.bench_function(name, |b| b.iter(|| pass(inputs, &f)));
}

fn lookup(c: &mut Criterion) {
    let scattered = workload();
    let (buffer, ranges) = packed(&scattered);
    let inputs: Vec<&str> = ranges.into_iter().map(|range| &buffer[range]).collect();
    lookup_group(c, "lookup_10k", &inputs);
    lookup_group(c, "lookup_10k_scattered", &scattered);
}

/// Every alternative over `inputs`.
fn lookup_group<S: AsRef<str>>(c: &mut Criterion, name: &str, inputs: &[S]) {
    let hash_map: HashMap<&str, ScaleCode> =
        ScaleCode::ALL.iter().map(|c| (c.code(), *c)).collect();
    let mut group = c.benchmark_group(name);
    bench_lookup(&mut group, "errcat_from_code", inputs, ScaleCode::from_code);
    bench_lookup(&mut group, "phf_map", inputs, |s| {
        ScaleCode::BY_CODE.get(s).copied()
    });
    bench_lookup(&mut group, "hash_map", inputs, |s| hash_map.get(s).copied());
    bench_lookup(
        &mut group,
        "errcat_from_code_ignore_case",
        inputs,
        ScaleCode::from_code_ignore_case,
    );
    group.finish();
}

/// What the build script does for 10,000 codes, minus reading and writing the files.
fn build_script(c: &mut Criterion) {
    let source = synthetic_source();
    let mut group = c.benchmark_group("build_script_10k");
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

/// The paired comparison (see `benches/support/paired.rs`) of the lookup groups: rounds in
/// which errcat, `phf::Map` and `HashMap` each look up the whole workload in turn.
fn paired_rounds() {
    let scattered = workload();
    let (buffer, ranges) = packed(&scattered);
    let inputs: Vec<&str> = ranges.into_iter().map(|range| &buffer[range]).collect();
    paired_group("lookup_10k", &inputs);
    paired_group("lookup_10k_scattered", &scattered);
}

fn paired_group<S: AsRef<str>>(group: &str, inputs: &[S]) {
    if !paired::wanted(group) {
        return;
    }
    let hash_map: HashMap<&str, ScaleCode> =
        ScaleCode::ALL.iter().map(|c| (c.code(), *c)).collect();
    // Five passes over the 20,000 inputs per alternative and round.
    paired::run(
        group,
        5,
        inputs.len(),
        &[
            ("errcat_from_code", &|| pass(inputs, ScaleCode::from_code)),
            ("phf_map", &|| {
                pass(inputs, |s| ScaleCode::BY_CODE.get(s).copied())
            }),
            ("hash_map", &|| pass(inputs, |s| hash_map.get(s).copied())),
        ],
    );
}

criterion_group!(benches, lookup, build_script);

fn main() {
    paired::main(benches, paired_rounds);
}
