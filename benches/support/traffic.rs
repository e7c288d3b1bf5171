//! The traffic shapes every lookup benchmark runs, from a catalog's codes: what a client or
//! a server looks up, in a pseudo-random order that no branch predictor can learn, each
//! input its own heap string (as a code read from a response body is).
//!
//! - `known`: the catalog's codes;
//! - `near_miss`: strings that are almost a code: one byte changed in the middle, a byte
//!   added, the last byte dropped, the case changed (never a code of the catalog);
//! - `mixed`: both, half and half, so that found and not found alternate at random;
//! - `other`: the codes of other services, as a client of several services meets them.

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
