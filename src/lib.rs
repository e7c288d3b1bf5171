//! errcat: the error codes of a cloud service, from one catalog file, as Rust.
//!
//! `errors.toml` lists every error code the service returns, with its HTTP status and message.
//! At compile time it becomes [`ErrorCode`], a one-byte enum whose accessors are `const fn`
//! table reads, with perfect-hash lookups by code string; [`Error`], the value a server
//! returns, with a typed constructor per templated message; and [`code!`], a lookup checked
//! at compile time. The catalog shipped here is the Alibaba Cloud KMS common error-code table.
//!
//! ```
//! use errcat::{Error, ErrorCode, Retry};
//!
//! let code = ErrorCode::from_code("Forbidden.KeyNotFound").unwrap();
//! assert_eq!(code, ErrorCode::ForbiddenKeyNotFound);
//! assert_eq!(code.http_status(), 404);
//! assert_eq!(code.message(), "The specified Key is not found.");
//! assert!(!code.is_retryable());
//! assert_eq!(ErrorCode::InternalFailure.retry(), Retry::Transient);
//! assert_eq!(ErrorCode::from_code_ignore_case("forbidden.keynotfound"), Some(code));
//!
//! // Checked at compile time: a misspelled code fails the build with a suggestion.
//! const NOT_FOUND: ErrorCode = errcat::code!("Forbidden.KeyNotFound");
//! assert_eq!(NOT_FOUND, code);
//!
//! let error = Error::missing_parameter("KeyId");
//! assert_eq!(error.to_string(), r#"MissingParameter: The parameter "KeyId" is needed but not provided."#);
//! ```
//!
//! Other services describe their own catalogs with a build script and
//! [`errcat-codegen`](https://docs.rs/errcat-codegen), or with
//! [`#[derive(ErrorCatalog)]`](derive@ErrorCatalog) on a hand-written enum.
//!
//! # Features
//!
//! - `serde` (default): [`ErrorCode`] serializes and deserializes as its wire code.
//! - `http`: status codes and whole responses for the `http` crate, in `integrations::http`.
//! - `axum`: `IntoResponse` and a `Format` extractor, in `integrations::axum`; implies `http`.

// Generated code names errcat as `::errcat`, here as in every other crate.
extern crate self as errcat;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;
mod catalog;
mod decode;
mod error;
mod format;
mod lookup;
mod write;

// Web frameworks, each behind its feature.
#[cfg(feature = "http")]
pub mod integrations;

pub use catalog::{ErrorCatalog, Retry, UnknownCode};
pub use decode::{Code, DecodeError, DecodeErrorKind, Decoder, ServiceError};
pub use error::{ArgError, Error};
pub use format::{Format, UnknownFormat};
pub use write::{SuccessError, to_success, write_success};

/// Implements the catalog API for a hand-written enum, from attributes on its variants.
///
/// ```
/// use errcat::{ErrorCatalog, Retry};
///
/// #[derive(ErrorCatalog, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
/// #[catalog(service = "Storage")]
/// pub enum StorageError {
///     #[error(code = "Bucket.NotFound", status = 404, message = "The bucket {bucket} does not exist.")]
///     BucketNotFound,
///     #[error(code = "SlowDown", status = 503, message = "Reduce your request rate.", retry = "throttling")]
///     SlowDown,
/// }
///
/// assert_eq!(StorageError::from_code("Bucket.NotFound"), Some(StorageError::BucketNotFound));
/// assert_eq!(StorageError::SlowDown.http_status(), 503);
/// assert_eq!(StorageError::SlowDown.retry(), Retry::Throttling);
/// let error = StorageError::bucket_not_found("photos");
/// assert_eq!(error.to_string(), "Bucket.NotFound: The bucket photos does not exist.");
/// ```
///
/// Variant attributes: `code`, `status` and `message` (required), `description`, `retry`
/// (`"never"`, `"transient"`, `"throttling"`) and `deprecated` (a reason). The enum needs
/// `#[catalog(service = "Name")]`, the root element of its XML envelopes, and must derive
/// `Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug`. Mistakes are compile errors on
/// the attribute that has them, all at once.
pub use errcat_macros::ErrorCatalog;

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

// The README's examples are compiled and run as doctests, so they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

/// The [`ErrorCode`] with this wire code, looked up at compile time.
///
/// It expands to the variant itself, so it works in `const` items and `match` patterns. An
/// unknown code is a compile error on the literal, naming the closest known code.
///
/// ```
/// use errcat::{code, ErrorCode};
///
/// const NOT_FOUND: ErrorCode = code!("Forbidden.KeyNotFound");
///
/// fn is_missing_key(code: ErrorCode) -> bool {
///     matches!(code, code!("Forbidden.KeyNotFound") | code!("Forbidden.KeyVersionNotFound"))
/// }
/// assert!(is_missing_key(NOT_FOUND));
/// ```
///
/// ```compile_fail
/// // error: unknown error code `Forbidden.KeyNotFond`; did you mean `Forbidden.KeyNotFound`?
/// let code = errcat::code!("Forbidden.KeyNotFond");
/// ```
#[macro_export]
macro_rules! code {
    ($($code:tt)*) => {
        $crate::__errcat_code!($($code)*)
    };
}
