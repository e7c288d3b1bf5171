//! The error index of a catalog, in three forms, one file each:
//!
//! - `markdown`: the index committed as `ERRORS.md`, grouped by HTTP status.
//! - `html`: one self-contained, filterable page, descriptions rendered from Markdown
//!   (`description`).
//! - `manifest`: the whole catalog as JSON, for clients in other languages.
//!
//! Status lines, retry texts and example envelopes are `errcat_codegen::docs`'s, shared with
//! the rustdoc every variant gets, so every form says the same. Anchors are the index's own
//! ([`anchor`]), which `errcat explain` names too.

mod description;
mod html;
mod manifest;
mod markdown;

pub use html::html;
pub use manifest::manifest;
pub use markdown::markdown;

use errcat_codegen::{Code, Valid};

/// The file the Markdown index is committed as, next to the catalog (`errcat docs > ERRORS.md`).
pub const INDEX_FILE: &str = "ERRORS.md";

/// The anchor of a code in every form of the index: the code in lower case with each `.`
/// replaced by `-` (`Forbidden.KeyNotFound` → `forbidden-keynotfound`). Codes are ASCII
/// letters, digits and dots and unique ignoring case, so anchors are unique, and they never
/// change while the code exists: links to them stay valid across releases.
pub fn anchor(code: &str) -> String {
    code.to_ascii_lowercase().replace('.', "-")
}

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

#[cfg(test)]
mod tests {
    use super::anchor;

    #[test]
    fn anchors_are_lower_case_with_dashes() {
        assert_eq!(anchor("Forbidden.KeyNotFound"), "forbidden-keynotfound");
        assert_eq!(anchor("UnsupportedHTTPMethod"), "unsupportedhttpmethod");
    }
}
