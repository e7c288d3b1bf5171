//! Lookup by code string and the accessors, against what a user would write instead.
//!
//! `cargo bench --bench lookup`. Every lookup group runs the same mixed workload: every code
//! of the catalog plus unknown strings (near misses, wrong case, other services' codes, the
//! empty string, an overlong string). Criterion reports the time for the whole workload;
//! BENCHMARKS.md divides by its length.

use std::collections::HashMap;
use std::hint::black_box;
use std::str::FromStr;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, criterion_group};
use errcat::kms::ErrorCode;

#[path = "support/paired.rs"]
mod paired;

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

/// Every code, then as many unknown strings of the kinds clients meet.
fn workload() -> Vec<String> {
    let mut inputs: Vec<String> = ErrorCode::ALL.iter().map(|c| c.code().to_owned()).collect();
    let unknown = [
        "Forbidden.KeyNotFond",
        "Forbidden.KeyNotFoundX",
        "forbidden.keynotfound",
        "INTERNALFAILURE",
        "Rejected.Disable",
        "MissingParameters",
        "InvalidParameter.KeyId",
        "NoSuchBucket",
        "AccessDenied",
        "Throttling.User",
        "SignatureDoesNotMatch",
        "InvalidAccessKeyId",
        "RequestTimeTooSkewed",
        "",
        "A",
        "Forbidden.",
        ".KeyNotFound",
        "IllegalTimestamp ",
        " IllegalTimestamp",
        "UnsupportedHttpMethod",
        "Unsupported.Protectionlevel",
        "ExpiredImportToken.",
        "InvalidKeyMaterial!",
        "Rejected.LimitExceded",
        "ServiceUnavailable",
        "InternalError",
        "QuotaExceeded",
        "EntityNotExist.Key",
        "Forbidden.RAM",
        "OperationDenied.KeyState",
        "Forbidden.KeyNotFound.Extra",
    ];
    inputs.extend(unknown.iter().map(|s| (*s).to_owned()));
    inputs.push("X".repeat(300));
    inputs
}

/// Looks up every input with `f`; how many are found.
fn pass(inputs: &[String], f: impl Fn(&str) -> Option<ErrorCode>) -> usize {
    inputs.iter().filter(|s| f(black_box(s)).is_some()).count()
}

/// Runs `f` over the whole workload; generic, so each alternative is inlined as a user's
/// own call site would be.
fn bench_lookup<F: Fn(&str) -> Option<ErrorCode>>(
    group: &mut BenchmarkGroup<'_, WallTime>,
    name: &str,
    inputs: &[String],
    f: F,
) {
    group.bench_function(name, |b| b.iter(|| pass(inputs, &f)));
}

/// `strum`'s lookup, answering a code of ours so that every alternative has one signature.
fn strum_lookup(code: &str) -> Option<ErrorCode> {
    StrumCode::from_str(code)
        .ok()
        .map(|_| ErrorCode::InternalFailure)
}

/// 4,096 draws from the workload in a fixed pseudo-random order: the order a server's or a
/// client's traffic has, which no branch predictor can learn (it can learn a 64-string loop).
fn shuffled(workload: &[String]) -> Vec<String> {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            workload[(state % workload.len() as u64) as usize].clone()
        })
        .collect()
}

fn lookup(c: &mut Criterion) {
    mirror_matches_the_catalog();
    let ordered = workload();
    let shuffled = shuffled(&ordered);
    lookup_group(c, "lookup_32", &ordered);
    lookup_group(c, "lookup_32_shuffled", &shuffled);
}

fn lookup_group(c: &mut Criterion, name: &str, inputs: &[String]) {
    let hash_map: HashMap<&str, ErrorCode> =
        ErrorCode::ALL.iter().map(|c| (c.code(), *c)).collect();
    let mut group = c.benchmark_group(name);
    bench_lookup(&mut group, "errcat_from_code", inputs, ErrorCode::from_code);
    bench_lookup(&mut group, "phf_map", inputs, |s| {
        ErrorCode::BY_CODE.get(s).copied()
    });
    bench_lookup(&mut group, "match", inputs, match_lookup);
    bench_lookup(&mut group, "strum_enum_string", inputs, strum_lookup);
    bench_lookup(&mut group, "hash_map", inputs, |s| hash_map.get(s).copied());
    bench_lookup(
        &mut group,
        "errcat_from_code_ignore_case",
        inputs,
        ErrorCode::from_code_ignore_case,
    );
    group.finish();
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
/// which every alternative looks up the whole workload in turn, and of the accessors.
fn paired_rounds() {
    let ordered = workload();
    let shuffled = shuffled(&ordered);
    paired_group("lookup_32", &ordered);
    paired_group("lookup_32_shuffled", &shuffled);
    accessor_pairs(&mut Timing::Paired);
}

fn paired_group(group: &str, inputs: &[String]) {
    if !paired::wanted(group) {
        return;
    }
    let hash_map: HashMap<&str, ErrorCode> =
        ErrorCode::ALL.iter().map(|c| (c.code(), *c)).collect();
    // About 400,000 lookups per alternative and round: a few milliseconds each.
    paired::run(
        group,
        (400_000 / inputs.len()) as u32,
        inputs.len(),
        &[
            ("errcat_from_code", &|| pass(inputs, ErrorCode::from_code)),
            ("phf_map", &|| {
                pass(inputs, |s| ErrorCode::BY_CODE.get(s).copied())
            }),
            ("match", &|| pass(inputs, match_lookup)),
            ("strum_enum_string", &|| pass(inputs, strum_lookup)),
            ("hash_map", &|| pass(inputs, |s| hash_map.get(s).copied())),
        ],
    );
}

criterion_group!(benches, lookup, accessors);

fn main() {
    paired::main(benches, paired_rounds);
}
