//! The error index of a catalog, in three forms, one file each:
//!
//! - `markdown`: the index committed as `ERRORS.md`, grouped by HTTP status.
//! - `html`: one self-contained, filterable page, descriptions rendered from Markdown
//!   (`description`).
//! - `manifest`: the whole catalog as JSON, for clients in other languages.
//!
//! Anchors, status lines, retry texts and example envelopes are `errcat_codegen::docs`'s,
//! shared with the rustdoc every variant gets, so every form says the same.

mod description;
mod html;
mod manifest;
mod markdown;

pub use html::html;
pub use manifest::manifest;
pub use markdown::markdown;

use errcat_codegen::{Code, Valid};

/// The code the index's introduction shows its anchor rule on: the catalog's first code
/// with a `.` (the rule replaces it), else its first code.
fn example_code(catalog: &Valid) -> &Code {
    let dotted = catalog.codes.iter().find(|code| code.code.contains('.'));
    dotted.unwrap_or(&catalog.codes[0])
}

/// The codes grouped by HTTP status, statuses ascending, codes in catalog order within each.
fn by_status(catalog: &Valid) -> Vec<(u16, Vec<&Code>)> {
    let mut groups: Vec<(u16, Vec<&Code>)> = Vec::new();
    for code in &catalog.codes {
        match groups.iter_mut().find(|(status, _)| *status == code.status) {
            Some((_, codes)) => codes.push(code),
            None => groups.push((code.status, vec![code])),
        }
    }
    groups.sort_by_key(|(status, _)| *status);
    groups
}
