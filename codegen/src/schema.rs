//! The keys a catalog is written with, listed once for both front-ends: the TOML file and
//! the derive's attributes.

/// The keys of `[service]`. The derive's `#[catalog(...)]` takes the same, with `service`
/// for `name`.
pub const SERVICE_KEYS: &[&str] = &["name", "dialect", "host", "docs"];

/// The keys of an `[[error]]` entry. The derive's `#[errcat(...)]` takes the same but
/// `variant`: a variant is its own Rust name.
pub const ENTRY_KEYS: &[&str] = &[
    "code",
    "status",
    "message",
    "description",
    "retry",
    "variant",
    "deprecated",
];
