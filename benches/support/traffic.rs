//! The traffic shapes every lookup benchmark runs, from a catalog's codes: what a client or
//! a server looks up, in a pseudo-random order that no branch predictor can learn, each
//! input its own heap string (as a code read from a response body is).
//!
//! - `known`: the catalog's codes;
//! - `near_miss`: strings that are almost a code: one byte changed in the middle, a byte
//!   added, the last byte dropped, the case changed (never a code of the catalog);
//! - `mixed`: both, half and half, so that found and not found alternate at random;
//! - `other`: the codes of other services, as a client of several services meets them.
//!
//! And the two ways every lookup benchmark times its alternatives over the shapes: criterion
//! groups ([`bench`]) and paired rounds ([`paired_rounds`], `benches/support/paired.rs`,
//! which the including benchmark includes as `paired` beside this file).

use std::hint::black_box;

use criterion::Criterion;

use super::paired;

/// A lookup under test, called once per input and never inlined into the loop (as the
/// independent harness of issue 16 measures them, and as most callers reach a lookup).
pub type Lookup<C> = fn(&str) -> Option<C>;

/// Looks up every input with `f`, one call each; how many are found.
pub fn pass<C>(inputs: &[String], f: Lookup<C>) -> usize {
    inputs.iter().filter(|s| f(black_box(s)).is_some()).count()
}

/// One criterion group per shape, `{prefix}_{shape}`, a row per alternative: the time of a
/// whole pass over the shape's inputs.
pub fn bench<C>(
    c: &mut Criterion,
    prefix: &str,
    shapes: &[(&str, Vec<String>)],
    alternatives: &[(&str, Lookup<C>)],
) {
    for (shape, inputs) in shapes {
        let mut group = c.benchmark_group(format!("{prefix}_{shape}"));
        for &(name, f) in alternatives {
            group.bench_function(name, |b| b.iter(|| pass(inputs, f)));
        }
        group.finish();
    }
}

/// The same groups compared in paired rounds: in each round every alternative looks up the
/// whole shape in turn, as many passes as make about `lookups` lookups.
pub fn paired_rounds<C>(
    prefix: &str,
    shapes: &[(&str, Vec<String>)],
    alternatives: &[(&str, Lookup<C>)],
    lookups: usize,
) {
    for (shape, inputs) in shapes {
        let group = format!("{prefix}_{shape}");
        if !paired::wanted(&group) {
            continue;
        }
        let closures: Vec<_> = alternatives
            .iter()
            .map(|&(name, f)| (name, move || pass(inputs, f)))
            .collect();
        let runs: Vec<(&str, &dyn Fn() -> usize)> = closures
            .iter()
            .map(|(name, f)| (*name, f as &dyn Fn() -> usize))
            .collect();
        let passes = (lookups / inputs.len()).max(1) as u32;
        paired::run(&group, passes, inputs.len(), &runs);
    }
}

/// Codes of other services (Alibaba Cloud's common and product errors, AWS's), none of them
/// in the benchmarked catalogs.
const OTHER_SERVICES: &[&str] = &[
    "NoSuchBucket",
    "AccessDenied",
    "Throttling.User",
    "SignatureDoesNotMatch",
    "InvalidAccessKeyId",
    "RequestTimeTooSkewed",
    "InvalidInstanceId.NotFound",
    "IncorrectInstanceStatus",
    "OperationDenied.NoStock",
    "InvalidVSwitchId.NotFound",
    "QuotaExceeded.Eip",
    "Throttling",
    "ServiceUnavailable",
    "InternalError",
    "InvalidParameter.Mismatch",
    "MissingRegionId",
    "Forbidden.RAM",
    "EntityNotExist.Role",
    "InvalidSecurityToken.Expired",
    "UnknownError",
    "InvalidAction.NotFound",
    "Forbidden.Unauthorized",
    "InvalidApi.NotFound",
    "Throttling.Api",
    "InvalidTimeStamp.Expired",
    "SignatureNonceUsed",
    "InvalidVersion",
    "NoSuchKey",
    "BucketAlreadyExists",
    "ResourceNotFoundException",
    "ValidationException",
    "ThrottlingException",
    "KMSInvalidStateException",
    "NotFoundException",
    "DisabledException",
    "AlreadyExistsException",
    "LimitExceededException",
    "InvalidCiphertextException",
    "IncorrectKeyException",
    "DependencyTimeoutException",
];

/// The shapes, by name, each `draws` inputs drawn from its pool.
pub fn shapes(codes: &[&str], draws: usize) -> Vec<(&'static str, Vec<String>)> {
    let known: Vec<String> = codes.iter().map(|&c| c.to_owned()).collect();
    let misses = near_misses(codes);
    let mixed: Vec<String> = known.iter().chain(&misses).cloned().collect();
    let other: Vec<String> = OTHER_SERVICES
        .iter()
        .filter(|other| !codes.contains(other))
        .map(|&c| c.to_owned())
        .collect();
    vec![
        ("known", draw(&known, draws)),
        ("near_miss", draw(&misses, draws)),
        ("mixed", draw(&mixed, draws)),
        ("other", draw(&other, draws)),
    ]
}

/// A near miss of each code, of the four kinds in turn, leaving out any that is a code.
fn near_misses(codes: &[&str]) -> Vec<String> {
    let miss = |(i, code): (usize, &&str)| match i % 4 {
        0 => {
            let mut bytes = code.as_bytes().to_vec();
            let middle = bytes.len() / 2;
            bytes[middle] = if bytes[middle] == b'x' { b'y' } else { b'x' };
            String::from_utf8(bytes).expect("codes are ASCII")
        }
        1 => format!("{code}X"),
        2 => code[..code.len() - 1].to_owned(),
        _ => code.to_ascii_lowercase(),
    };
    codes
        .iter()
        .enumerate()
        .map(miss)
        .filter(|miss| !codes.contains(&miss.as_str()))
        .collect()
}

/// `n` draws from `pool` in a fixed pseudo-random order (xorshift), each its own string.
fn draw(pool: &[String], n: usize) -> Vec<String> {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    (0..n)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            pool[(state % pool.len() as u64) as usize].clone()
        })
        .collect()
}
