//! The XML decoder's two paths alone: the fast scanner (`src/decode/xml_fast.rs`) against
//! quick-xml (`xml.rs`), which it stands in front of, on the bodies servers send: every KMS
//! code's golden envelope (`tests/golden/all_codes.xml.txt`).
//!
//! `cargo bench --bench decode_paths --features test-internals`. A fast path is a second
//! implementation of the reading rules, and stays only while it is at least 1.5 times as fast
//! as its slow path (issue 11). JSON's was not, and went (BENCHMARKS.md has the figures of
//! both and the decision).
//!
//! - `decode_paths_xml`: all 32 bodies read by `Decoder::from_xml` (`fast_path`: every body
//!   is checked to be one the fast path reads) and by the `test-internals` hook that skips
//!   the fast path (`slow_path`). Criterion's time is for the 32 bodies; the paired lines
//!   are per body.
//!
//! With `ERRCAT_DECODE_PATH=xml-fast|xml-slow` and `ERRCAT_DECODE_TIMES=N` in the
//! environment, the binary only decodes every body through that path N times and exits: a
//! driver for `valgrind --tool=callgrind`, whose instruction counts the host's load cannot
//! move (run it with two N and take the difference).

use std::hint::black_box;

use criterion::{Criterion, criterion_group};

use errcat::Decoder;
use errcat::kms::{ErrorCode, ServiceError};

#[path = "support/paired.rs"]
mod paired;

/// One KMS code's envelope per line, in catalog order.
const XML: &str = include_str!("../tests/golden/all_codes.xml.txt");

const GROUP: &str = "decode_paths_xml";

/// A reading of one body: a status line and the body in, the decoded error out.
type Read = for<'a> fn(&Decoder, u16, &'a [u8]) -> Result<ServiceError<'a>, errcat::DecodeError>;

const FAST: Read = Decoder::from_xml::<ErrorCode>;
const SLOW: Read = Decoder::from_xml_slow_path::<ErrorCode>;

/// The golden file's lines, each with the status of the code it was written for (the status
/// line a server sends with it).
fn bodies() -> Vec<(u16, &'static [u8])> {
    let lines: Vec<&str> = XML.lines().collect();
    assert_eq!(lines.len(), ErrorCode::ALL.len(), "one body per KMS code");
    let statuses = ErrorCode::ALL.iter().map(|code| code.http_status());
    statuses.zip(lines.iter().map(|l| l.as_bytes())).collect()
}

/// Before any timing: every body is one the fast path reads, and both paths read it as the
/// code it was written for, with the same fields.
fn check(bodies: &[(u16, &[u8])]) {
    let decoder = Decoder::new();
    for ((status, body), code) in bodies.iter().zip(ErrorCode::ALL) {
        let shown = String::from_utf8_lossy(body);
        assert!(decoder.xml_fast_path_accepts(body), "{shown}");
        let fast = FAST(&decoder, *status, body).expect("the fast path reads it");
        assert_eq!(fast.code().known(), Some(*code), "{shown}");
        assert_eq!(Ok(&fast), SLOW(&decoder, *status, body).as_ref());
    }
}

/// Every body read by `read`; a number from the results, so that none is optimised away.
fn decode_all(bodies: &[(u16, &[u8])], read: Read) -> usize {
    let decoder = Decoder::new();
    let read_one = |&(status, body): &(u16, &[u8])| {
        read(&decoder, status, black_box(body)).map_or(0, |e| e.code_str().len())
    };
    bodies.iter().map(read_one).sum()
}

fn decode_paths(c: &mut Criterion) {
    let bodies = bodies();
    check(&bodies);
    let mut group = c.benchmark_group(GROUP);
    group.bench_function("fast_path", |b| b.iter(|| decode_all(&bodies, FAST)));
    group.bench_function("slow_path", |b| b.iter(|| decode_all(&bodies, SLOW)));
    group.finish();
}

/// The paired comparison (`benches/support/paired.rs`): both paths in turn, 11 rounds, the
/// ratio taken within each round; per body.
fn paired_rounds() {
    if !paired::wanted(GROUP) {
        return;
    }
    let bodies = bodies();
    check(&bodies);
    let fast = || decode_all(&bodies, FAST);
    let slow = || decode_all(&bodies, SLOW);
    let alternatives: [(&str, &dyn Fn() -> usize); 2] =
        [("fast_path", &fast), ("slow_path", &slow)];
    // 32 bodies of a microsecond or more: a round of a tenth of a second or so.
    paired::run(GROUP, 4_000, bodies.len(), &alternatives);
}

/// The callgrind driver (see the module's note): `true` when it ran.
fn instruction_driver() -> bool {
    let Some(path) = std::env::var_os("ERRCAT_DECODE_PATH") else {
        return false;
    };
    let times: usize = std::env::var("ERRCAT_DECODE_TIMES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    let read = match path.to_str() {
        Some("xml-fast") => FAST,
        Some("xml-slow") => SLOW,
        _ => panic!("ERRCAT_DECODE_PATH is xml-fast or xml-slow"),
    };
    let bodies = bodies();
    let total: usize = (0..times).map(|_| decode_all(&bodies, read)).sum();
    println!("{path:?}: {times} x {} bodies ({total})", bodies.len());
    true
}

criterion_group!(benches, decode_paths);

fn main() {
    if !instruction_driver() {
        paired::main(benches, paired_rounds);
    }
}
