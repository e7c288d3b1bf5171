//! The paired comparison: the alternatives of a group timed in turn, round after round, with
//! errcat's ratio to each taken within each round.
//!
//! Criterion times one benchmark for a few seconds, then the next. On a shared host whose
//! load moves in phases, two benchmarks a minute apart can see different machines, and
//! their medians disagree from run to run. Timed in turn, a round's alternatives share
//! whatever phase the host is in, so the ratio within a round holds where the medians do
//! not. Printed after criterion's output, one line per alternative (with
//! `ERRCAT_PAIRED_ONLY=1` in the environment, instead of it):
//!
//! ```text
//! paired GROUP/ALTERNATIVE: MEDIAN ns; errcat is RATIOx faster (LOWEST-HIGHEST over 11 rounds)
//! ```

use std::hint::black_box;
use std::time::Instant;

/// Rounds per group.
pub const ROUNDS: usize = 11;

/// A benchmark's `main`: criterion's `benches` (what `criterion_main!` would run), unless
/// `ERRCAT_PAIRED_ONLY` is set, then the paired `rounds`, but only under `cargo bench`
/// (criterion's `--bench` flag): `cargo test --benches` runs each benchmark once as a test
/// and wants no rounds.
pub fn main(benches: fn(), rounds: fn()) {
    if std::env::var_os("ERRCAT_PAIRED_ONLY").is_none() {
        benches();
        criterion::Criterion::default()
            .configure_from_args()
            .final_summary();
    }
    if std::env::args().any(|arg| arg == "--bench") {
        rounds();
    }
}

/// Whether `group` is wanted: every group, unless the command line names some (as
/// criterion's filter, `cargo bench -- write_json`), then those it names.
pub fn wanted(group: &str) -> bool {
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with('-'))
        .collect();
    filters.is_empty() || filters.iter().any(|filter| group.contains(filter.as_str()))
}

/// The time per operation of `ops` runs of `op`, in nanoseconds.
pub fn time(ops: u32, mut op: impl FnMut()) -> f64 {
    let start = Instant::now();
    for _ in 0..ops {
        op();
    }
    black_box(());
    start.elapsed().as_secs_f64() * 1e9 / f64::from(ops)
}

/// Times `alternatives` in turn, `calls` calls of each per round, and reports the time per
/// item: each call works through `items` inputs and returns a number (kept from the
/// optimiser). The envelope bench builds its rounds through its own checks and does not use
/// this.
#[allow(dead_code)]
pub fn run(group: &str, calls: u32, items: usize, alternatives: &[(&str, &dyn Fn() -> usize)]) {
    let rounds = (0..ROUNDS)
        .map(|_| {
            alternatives
                .iter()
                .map(|(name, f)| {
                    let per_call = time(calls, || {
                        black_box(f());
                    });
                    ((*name).to_owned(), per_call / items as f64)
                })
                .collect()
        })
        .collect();
    report(group, rounds);
}

/// Prints each alternative's median time and errcat's ratio to it, from `rounds`: each
/// round the time per operation of every alternative, errcat's named `errcat` or
/// `errcat_from_code`, or, where errcat's paths are compared with each other
/// (`benches/decode_paths.rs`), `fast_path`.
pub fn report(group: &str, rounds: Vec<Vec<(String, f64)>>) {
    let Some(first) = rounds.first() else {
        return;
    };
    let is_errcat = |name: &str| matches!(name, "errcat" | "errcat_from_code" | "fast_path");
    let Some(errcat) = first.iter().position(|(name, _)| is_errcat(name)) else {
        return;
    };
    let faster = if first[errcat].0 == "fast_path" {
        "the fast path"
    } else {
        "errcat"
    };
    let copy = first.iter().position(|(name, _)| name == "copy");
    // Each alternative's time in each round divided by the alternative at `base`'s.
    let ratios = |index: usize, base: usize| -> Vec<f64> {
        rounds
            .iter()
            .map(|round| round[index].1 / round[base].1)
            .collect()
    };
    for (index, (name, _)) in first.iter().enumerate() {
        let times: Vec<f64> = rounds.iter().map(|round| round[index].1).collect();
        let time = median(&times);
        // Against the floor, where the group has one: how many times the copy it takes.
        let floor = match copy {
            Some(copy) if copy != index => {
                let r = ratios(index, copy);
                format!(
                    "; {:.2}x the copy ({:.2}-{:.2})",
                    median(&r),
                    min(&r),
                    max(&r)
                )
            }
            _ => String::new(),
        };
        if index == errcat {
            println!("paired {group}/{name}: {time:.1} ns{floor}");
            continue;
        }
        let ratios = ratios(index, errcat);
        let (low, mid, high) = (min(&ratios), median(&ratios), max(&ratios));
        let rounds = ratios.len();
        if mid >= 1.0 {
            println!(
                "paired {group}/{name}: {time:.1} ns; {faster} is {mid:.2}x faster ({low:.2}-{high:.2} over {rounds} rounds){floor}"
            );
        } else {
            println!(
                "paired {group}/{name}: {time:.1} ns; {faster} takes {:.2}x its time ({:.2}-{:.2} over {rounds} rounds){floor}",
                1.0 / mid,
                1.0 / high,
                1.0 / low
            );
        }
    }
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[sorted.len() / 2]
}

fn min(values: &[f64]) -> f64 {
    values.iter().copied().fold(f64::INFINITY, f64::min)
}

fn max(values: &[f64]) -> f64 {
    values.iter().copied().fold(f64::NEG_INFINITY, f64::max)
}
