//! Generated items stay clean under users' strictest lints: this file uses the built-in
//! catalog, `code!` and a derived catalog with `warnings`, `clippy::pedantic` and
//! `clippy::nursery` denied (clippy runs over every test target in CI). A build script's
//! output, which lands in the user's own crate, is checked the same way in
//! `tests/downstream/src/lib.rs`.

#![deny(warnings, missing_docs, clippy::pedantic, clippy::nursery)]

use errcat::kms::{ErrorCode, code};
use errcat::{Error, ErrorCatalog, Retry};

/// A catalog written by hand.
#[derive(ErrorCatalog, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[catalog(service = "Lint")]
pub enum LintError {
    /// A templated code.
    #[errcat(
        code = "Thing.NotFound",
        status = 404,
        message = "The thing {thing_id} of {owner} is not found."
    )]
    ThingNotFound,
    /// A throttling code.
    #[errcat(
        code = "Throttling.User",
        status = 429,
        message = "Slow down.",
        retry = "throttling"
    )]
    ThrottlingUser,
    /// A retired code.
    #[errcat(
        code = "Old.Code",
        status = 400,
        message = "Gone.",
        deprecated = "replaced by Thing.NotFound"
    )]
    OldCode,
}

const NOT_FOUND: ErrorCode = code!("Forbidden.KeyNotFound");

const fn describe(code: ErrorCode) -> &'static str {
    match code {
        code!("Forbidden.KeyNotFound") | code!("Forbidden.AliasNotFound") => "missing",
        code!("InternalFailure") => "server",
        _ => "other",
    }
}

#[test]
fn built_in_catalog_under_pedantic_lints() {
    assert_eq!(describe(NOT_FOUND), "missing");
    assert_eq!(describe(ErrorCode::InternalFailure), "server");
    let error: Error<ErrorCode> = ErrorCode::invalid_parameter("KeyId");
    assert_eq!(error.code().http_status(), 400);
    assert_eq!(
        ErrorCode::from_code_ignore_case("internalfailure"),
        Some(ErrorCode::InternalFailure)
    );
}

#[test]
fn derived_catalog_under_pedantic_lints() {
    let error = LintError::thing_not_found("k-1", "alice");
    assert_eq!(
        error.to_string(),
        "Thing.NotFound: The thing k-1 of alice is not found."
    );
    assert_eq!(LintError::ThrottlingUser.retry(), Retry::Throttling);
    assert_eq!(
        LintError::OldCode.deprecation(),
        Some("replaced by Thing.NotFound")
    );
    assert_eq!(<LintError as ErrorCatalog>::SERVICE, "Lint");
    assert_eq!(LintError::ALL.len(), 3);
    assert_eq!(std::mem::size_of::<Option<LintError>>(), 1);
}
