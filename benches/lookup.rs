//! Lookup by code string and the accessors, against what a user would write instead.
//!
//! `cargo bench --bench lookup`. One lookup group per traffic shape (known codes, near
//! misses, both mixed, other services' codes: `support/traffic.rs`), each alternative one call
//! per lookup; the `floor_two_bytes` row is the simplest perfect hash this catalog has.
//! Criterion reports the time for the whole shape (4,096 lookups); BENCHMARKS.md divides by
//! its length.

use std::collections::HashMap;
use std::hint::black_box;
use std::str::FromStr;
use std::sync::LazyLock;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, criterion_group};
use errcat::kms::ErrorCode;
use traffic::Lookup;

#[path = "support/paired.rs"]
mod paired;
#[path = "support/traffic.rs"]
mod traffic;

/// The catalog written out by hand, as the alternatives need it: a strum enum, `match`es.
/// `mirror_matches_the_catalog` fails the benchmark if it drifts from errors.toml.
macro_rules! mirror {
    ($($variant:ident = ($code:literal, $status:literal, $message:literal),)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, strum::EnumString)]
        enum StrumCode {
            $(#[strum(serialize = $code)] $variant,)*
        }

        const MIRROR: &[(&str, u16, &str)] = &[$(($code, $status, $message)),*];

        fn match_lookup(code: &str) -> Option<ErrorCode> {
            match code {
                $($code => Some(ErrorCode::$variant),)*
                _ => None,
            }
        }

        fn match_status(code: ErrorCode) -> u16 {
            match code {
                $(ErrorCode::$variant => $status,)*
                _ => 0,
            }
        }

        fn match_code(code: ErrorCode) -> &'static str {
            match code {
                $(ErrorCode::$variant => $code,)*
                _ => "",
            }
        }

        fn match_message(code: ErrorCode) -> &'static str {
            match code {
                $(ErrorCode::$variant => $message,)*
                _ => "",
            }
        }
    };
}

mirror! {
    InternalFailure = ("InternalFailure", 500, "Internal Failure."),
    ServiceUnavailableTemporary = ("ServiceUnavailableTemporary", 503, "Service Unavailable Temporary."),
    InvalidAccessKeyIdNotFound = ("InvalidAccessKeyId.NotFound", 404, "The AccessKey ID provided does not exist in our records."),
    ForbiddenKeyNotFound = ("Forbidden.KeyNotFound", 404, "The specified Key is not found."),
    ForbiddenKeyVersionNotFound = ("Forbidden.KeyVersionNotFound", 404, "The specified Key version is not found."),
    ForbiddenAliasNotFound = ("Forbidden.AliasNotFound", 404, "The specified Alias is not found."),
    ForbiddenNoPermission = ("Forbidden.NoPermission", 403, "This operation is forbidden by permission system."),
    ForbiddenAccessKey = ("Forbidden.AccessKey", 403, "This AccessKey is not enabled."),
    UnsupportedHTTPMethod = ("UnsupportedHTTPMethod", 403, "This http method is not supported."),
    ForbiddenUbsmsInvalidUserid = ("Forbidden.UbsmsInvalidUserid", 403, "Userid Invalid For Ubsms."),
    ForbiddenUbsmsInvalidBid = ("Forbidden.UbsmsInvalidBid", 403, "Your account partner does not have KMS Service."),
    ForbiddenKmsServiceNotEnabled = ("Forbidden.KmsServiceNotEnabled", 403, "Kms service is not Enabled for current user. Please get access permission first."),
    ForbiddenProhibitedByRiskControl = ("Forbidden.ProhibitedByRiskControl", 403, "Current user is Prohibited By Risk Control."),
    ForbiddenInDebtOverdue = ("Forbidden.InDebtOverdue", 403, "Current user is indebted Overdue."),
    ForbiddenInDebt = ("Forbidden.InDebt", 403, "Current user is indebted."),
    ParseRequestParameterException = ("ParseRequestParameterException", 400, "Server parse parameters exception. Please check your input params."),
    MissingParameter = ("MissingParameter", 400, r#"The parameter "{parameter}" is needed but not provided."#),
    InvalidParameter = ("InvalidParameter", 400, r#"The specified parameter "{parameter}" is not valid."#),
    IncompleteSignature = ("IncompleteSignature", 400, "The request signature does not conform to Alibaba Cloud standards."),
    IllegalTimestamp = ("IllegalTimestamp", 400, r#"The input parameter "Timestamp" that is required for processing this request is not supplied."#),
    RejectedLimitExceeded = ("Rejected.LimitExceeded", 400, "The request was rejected because user create resource limit was exceeded."),
    AliasAlreadyExists = ("AliasAlreadyExists", 400, "AliasName Already Exists."),
    InvalidKeyMaterial = ("InvalidKeyMaterial", 400, "key material is invalid."),
    InvalidImportToken = ("InvalidImportToken", 400, "import token is invalid."),
    ExpiredImportToken = ("ExpiredImportToken", 400, "import token is expired."),
    UnsupportedOrigin = ("Unsupported.Origin", 400, "This key origin is not valid for this api."),
    UnsupportedAlias = ("Unsupported.Alias", 400, "Alias is not valid for this api."),
    UnsupportedProtectionLevel = ("Unsupported.ProtectionLevel", 400, "This protection level is not valid for this region"),
    RejectedStateModifiedFailed = ("Rejected.StateModifiedFailed", 409, "Keystate modified failed."),
    RejectedDisabled = ("Rejected.Disabled", 409, "The request was rejected because the key state is Disabled."),
    RejectedPendingDeletion = ("Rejected.PendingDeletion", 409, "The request was rejected because the key state is PendingDeletion."),
    RejectedPendingImport = ("Rejected.PendingImport", 409, "The request was rejected because the key state is PendingImport."),
}

fn mirror_matches_the_catalog() {
    let catalog: Vec<_> = ErrorCode::ALL
        .iter()
        .map(|c| (c.code(), c.http_status(), c.message()))
        .collect();
    assert_eq!(
        MIRROR,
        catalog.as_slice(),
        "the benchmark's mirror of the catalog is stale"
    );
}

/// The floor for a catalog this small: gperf's idea, a perfect hash on the length and one
/// byte from each end, then one comparison. Its parameters are searched at compile time (a
/// `const` evaluation), so its table is a constant just as errcat's generated one is.
mod floor {
    use super::MIRROR;

    /// Slots: `2^BITS`, each a code's index or `EMPTY`.
    const BITS: u32 = 8;
    const EMPTY: u8 = u8::MAX;

    /// Which byte from the front and which from the back the hash reads, and its multiplier.
    #[derive(Clone, Copy)]
    struct Params {
        front: usize,
        back: usize,
        multiplier: u32,
    }

    /// The slot of a non-empty key: a multiply-shift of its length and the two bytes.
    const fn slot(key: &[u8], p: Params) -> usize {
        let n = key.len();
        let front = key[if p.front < n { p.front } else { n - 1 }] as u32;
        let back = key[n - 1 - if p.back < n { p.back } else { n - 1 }] as u32;
        ((n as u32 | front << 8 | back << 16).wrapping_mul(p.multiplier) >> (32 - BITS)) as usize
    }

    /// The slots with `p`, if every code gets its own.
    const fn table(p: Params) -> Option<[u8; 1 << BITS]> {
        let mut slots = [EMPTY; 1 << BITS];
        let mut i = 0;
        while i < MIRROR.len() {
            let s = slot(MIRROR[i].0.as_bytes(), p);
            if slots[s] != EMPTY {
                return None;
            }
            slots[s] = i as u8;
            i += 1;
        }
        Some(slots)
    }

    /// The first parameters, in a fixed order, that make the hash perfect.
    const fn search() -> (Params, [u8; 1 << BITS]) {
        let mut multiplier = 0x9E37_79B9u32;
        let mut tries = 0;
        while tries < 4096 {
            let mut front = 0;
            while front < 4 {
                let mut back = 0;
                while back < 4 {
                    let p = Params {
                        front,
                        back,
                        multiplier,
                    };
                    if let Some(slots) = table(p) {
                        return (p, slots);
                    }
                    back += 1;
                }
                front += 1;
            }
            multiplier = multiplier
                .wrapping_mul(0x2C1B_3C6D)
                .wrapping_add(0x297A_2D39)
                | 1;
            tries += 1;
        }
        panic!("no (length, two bytes) perfect hash for this catalog");
    }

    const FOUND: (Params, [u8; 1 << BITS]) = search();

    /// The floor's lookup.
    #[inline(never)]
    pub fn lookup(code: &str) -> Option<super::ErrorCode> {
        if code.is_empty() {
            return None;
        }
        let index = usize::from(FOUND.1[slot(code.as_bytes(), FOUND.0)]);
        let (known, _, _) = MIRROR.get(index)?;
        (*known == code).then(|| super::ErrorCode::ALL[index])
    }
}

/// The alternatives, each called once per lookup, never inlined into the loop.
fn alternatives() -> Vec<(&'static str, Lookup<ErrorCode>)> {
    vec![
        ("errcat_from_code", errcat_lookup),
        ("floor_two_bytes", floor::lookup),
        ("match", match_lookup_once),
        ("strum_enum_string", strum_lookup),
        ("phf_map", phf_lookup),
        ("hash_map", hash_map_lookup),
        ("errcat_from_code_ignore_case", errcat_lookup_ignore_case),
    ]
}

/// A `HashMap` of the codes, made on first use.
static HASH_MAP: LazyLock<HashMap<&str, ErrorCode>> =
    LazyLock::new(|| ErrorCode::ALL.iter().map(|c| (c.code(), *c)).collect());

#[inline(never)]
fn errcat_lookup(code: &str) -> Option<ErrorCode> {
    ErrorCode::from_code(code)
}

#[inline(never)]
fn errcat_lookup_ignore_case(code: &str) -> Option<ErrorCode> {
    ErrorCode::from_code_ignore_case(code)
}

#[inline(never)]
fn match_lookup_once(code: &str) -> Option<ErrorCode> {
    match_lookup(code)
}

/// `strum`'s lookup, answering a code of ours so that every alternative has one signature.
#[inline(never)]
fn strum_lookup(code: &str) -> Option<ErrorCode> {
    StrumCode::from_str(code)
        .ok()
        .map(|_| ErrorCode::InternalFailure)
}

#[inline(never)]
fn phf_lookup(code: &str) -> Option<ErrorCode> {
    ErrorCode::BY_CODE.get(code).copied()
}

#[inline(never)]
fn hash_map_lookup(code: &str) -> Option<ErrorCode> {
    HASH_MAP.get(code).copied()
}

/// The catalog's traffic shapes (`benches/support/traffic.rs`), 4,096 draws each.
fn shapes() -> Vec<(&'static str, Vec<String>)> {
    let codes: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.code()).collect();
    traffic::shapes(&codes, 4096)
}

fn lookup(c: &mut Criterion) {
    mirror_matches_the_catalog();
    traffic::bench(c, "lookup_32", &shapes(), &alternatives());
}

fn accessors(c: &mut Criterion) {
    let mut group = c.benchmark_group("accessors_32");
    accessor_pairs(&mut Timing::Criterion(&mut group));
    group.finish();
}

/// How [`accessor_pair`] times: under criterion, in its group, or in paired rounds.
enum Timing<'a, 'b> {
    Criterion(&'a mut BenchmarkGroup<'b, WallTime>),
    Paired,
}

/// Each accessor against the `match` a user would write instead.
fn accessor_pairs(timing: &mut Timing<'_, '_>) {
    accessor_pair(
        timing,
        "http_status",
        |c| usize::from(c.http_status()),
        |c| usize::from(match_status(c)),
    );
    accessor_pair(timing, "code", |c| c.code().len(), |c| match_code(c).len());
    accessor_pair(
        timing,
        "message",
        |c| c.message().len(),
        |c| match_message(c).len(),
    );
}

/// Times errcat's accessor and the `match`, each giving a number (the status, or the text's
/// length) so that the result is used; generic, so that both are inlined.
fn accessor_pair(
    timing: &mut Timing<'_, '_>,
    name: &str,
    errcat: impl Fn(ErrorCode) -> usize,
    matched: impl Fn(ErrorCode) -> usize,
) {
    match timing {
        Timing::Criterion(group) => {
            group.bench_function(format!("errcat_{name}"), |b| b.iter(|| every_code(&errcat)));
            group.bench_function(format!("match_{name}"), |b| b.iter(|| every_code(&matched)));
        }
        Timing::Paired => {
            let group = format!("accessors_32/{name}");
            if !paired::wanted(&group) {
                return;
            }
            // A million calls per alternative and round.
            let codes = ErrorCode::ALL.len();
            paired::run(
                &group,
                (1_000_000 / codes) as u32,
                codes,
                &[
                    ("errcat", &|| every_code(&errcat)),
                    ("match", &|| every_code(&matched)),
                ],
            );
        }
    }
}

/// `accessor` of every code, summed; each code through `black_box`, so that no call is
/// folded away.
fn every_code(accessor: impl Fn(ErrorCode) -> usize) -> usize {
    ErrorCode::ALL.iter().map(|&c| accessor(black_box(c))).sum()
}

/// The paired comparison (see `benches/support/paired.rs`) of the lookup groups, rounds in
/// which every alternative looks up the whole shape in turn, and of the accessors.
fn paired_rounds() {
    // About 400,000 lookups per alternative and round: a few milliseconds each.
    traffic::paired_rounds("lookup_32", &shapes(), &alternatives(), 400_000);
    accessor_pairs(&mut Timing::Paired);
}

criterion_group!(benches, lookup, accessors);

fn main() {
    paired::main(benches, paired_rounds);
}
