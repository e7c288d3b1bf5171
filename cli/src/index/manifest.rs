//! The JSON manifest: the whole catalog as data, for clients written in other languages.
//!
//! ```json
//! {
//!   "manifest_version": 1,
//!   "service": "KMS",
//!   "codes": [
//!     {
//!       "code": "MissingParameter",
//!       "variant": "MissingParameter",
//!       "anchor": "missingparameter",
//!       "status": 400,
//!       "template": "The parameter \"{parameter}\" is needed but not provided.",
//!       "placeholders": ["parameter"],
//!       "retry": "never",
//!       "deprecated": null,
//!       "description": null
//!     }
//!   ]
//! }
//! ```
//!
//! `template` is the message as written in the catalog: `{name}` is a placeholder, `{{` and
//! `}}` literal braces. `retry` is `never`, `transient` or `throttling`. `deprecated` and
//! `description` are strings or `null`. Written by hand, so that its layout stays as
//! documented, with strings escaped by the wire crate's rule (as serde_json escapes them).

use std::fmt::Write as _;

use errcat_codegen::{Code, Valid};
use errcat_wire::escape;
use errcat_wire::sink::infallible;

use super::anchor;

/// Bumped when a field changes meaning or goes away; new fields may appear without a bump.
pub const MANIFEST_VERSION: u32 = 1;

/// The manifest of `catalog`, pretty-printed, codes in catalog order. Deterministic.
pub fn manifest(catalog: &Valid) -> String {
    let codes: Vec<String> = catalog.codes.iter().map(code).collect();
    format!(
        "{{\n  \"manifest_version\": {MANIFEST_VERSION},\n  \"service\": {},\n  \"codes\": [\n{}\n  ]\n}}\n",
        string(&catalog.service),
        codes.join(",\n")
    )
}

/// One code as an object, indented to sit in the `codes` array.
fn code(code: &Code) -> String {
    let placeholders: Vec<String> = code
        .message
        .placeholders()
        .into_iter()
        .map(string)
        .collect();
    let fields = [
        ("code", string(&code.code)),
        ("variant", string(&code.variant)),
        ("anchor", string(&anchor(&code.code))),
        ("status", code.status.to_string()),
        ("template", string(&code.message.source)),
        ("placeholders", format!("[{}]", placeholders.join(", "))),
        ("retry", string(code.retry.as_str())),
        ("deprecated", optional(code.deprecated.as_deref())),
        ("description", optional(code.description.as_deref())),
    ];
    let mut out = String::from("    {\n");
    for (i, (name, value)) in fields.iter().enumerate() {
        let comma = if i + 1 < fields.len() { "," } else { "" };
        let _ = writeln!(out, "      \"{name}\": {value}{comma}");
    }
    out.push_str("    }");
    out
}

/// `s` as a JSON string literal.
fn string(s: &str) -> String {
    let mut out = String::from("\"");
    infallible(escape::json(s, &mut out));
    out.push('"');
    out
}

/// A string literal, or `null`.
fn optional(s: Option<&str>) -> String {
    s.map_or_else(|| "null".to_owned(), string)
}
