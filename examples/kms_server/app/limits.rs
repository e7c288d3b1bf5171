//! The sizes the server accepts, and the checks on a request's head that answer with a
//! catalog envelope before anything else is read.
//!
//! Each limit here is below the matching one of hyper (see `serve`), so the application
//! answers first, in the format the request asked for, instead of hyper's empty 414 or 431.

use axum::http::request::Parts;

use super::errors::{Failure, headers_too_large, uri_too_long};

/// The longest query string read, in bytes (hyper refuses URIs over 65,534 bytes and heads
/// over its read buffer, [`HYPER_MAX_HEAD`]).
pub const MAX_QUERY: usize = 16 * 1024;
/// The most header fields read (hyper is told to allow [`HYPER_MAX_HEADERS`]).
pub const MAX_HEADERS: usize = 64;
/// The most bytes of header names and values read, all fields together.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;
/// The longest body read, in bytes.
pub const MAX_BODY: usize = 64 * 1024;
/// The most parameters, query and body together: no action takes more than a few.
pub const MAX_PARAMS: usize = 256;
/// The longest parameter name, in bytes.
pub const MAX_NAME: usize = 128;
/// The longest parameter value, in bytes (actions cap some lower: `Description` 8,192
/// characters, `Plaintext` 6,144 bytes, `AliasName` 261 bytes).
pub const MAX_VALUE: usize = 16 * 1024;

/// hyper's own cap on header fields: above [`MAX_HEADERS`], so that the application
/// refuses first with an envelope; only more than this many is hyper's empty 431.
pub const HYPER_MAX_HEADERS: usize = 128;
/// hyper's read buffer, which bounds a request's head (request line and headers): above
/// [`MAX_QUERY`] + [`MAX_HEADER_BYTES`], so that heads the application refuses still reach
/// it; only a longer head is hyper's empty 431.
pub const HYPER_MAX_HEAD: usize = 64 * 1024;

/// Refuses a head over the application's limits: a long query is `RequestURITooLong`, too
/// many or too large header fields `RequestHeaderFieldsTooLarge`, each naming the limit.
pub fn check_head(parts: &Parts) -> Result<(), Failure> {
    if parts.uri.query().map_or(0, str::len) > MAX_QUERY {
        return Err(uri_too_long(MAX_QUERY));
    }
    if parts.headers.len() > MAX_HEADERS {
        return Err(headers_too_large(format!("{MAX_HEADERS} fields")));
    }
    let bytes: usize = parts
        .headers
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len())
        .sum();
    if bytes > MAX_HEADER_BYTES {
        return Err(headers_too_large(format!("{MAX_HEADER_BYTES} bytes")));
    }
    Ok(())
}
