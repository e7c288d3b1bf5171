//! Rust names derived from catalog entries, and the one test of whether a name can be
//! emitted: the checker and the emitter both go through [`ident`], so a name the checker
//! accepts is a name the emitter can write.

use proc_macro2::{Ident, Span, TokenStream, TokenTree};

/// The default variant name of a code: the code without its dots
/// (`Forbidden.KeyNotFound` → `ForbiddenKeyNotFound`; `UnsupportedHTTPMethod` stays).
#[must_use]
pub fn variant_name(code: &str) -> String {
    code.replace('.', "")
}

/// The snake_case form of a CamelCase name, keeping acronyms together
/// (`MissingParameter` → `missing_parameter`, `UnsupportedHTTPMethod` → `unsupported_http_method`).
#[must_use]
pub fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() && i > 0 {
            let prev = chars[i - 1];
            let next_is_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            // A new word starts after a lower-case letter or digit (`keyN`), or at the last
            // capital of an acronym followed by lower case (`HTTPMethod` → `http_method`).
            if prev.is_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_uppercase() && next_is_lower)
            {
                out.push('_');
            }
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// `name` without the `r#` of a raw identifier.
#[must_use]
pub fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// The identifier `name` spells: a plain identifier (`ForbiddenKeyNotFound`), or a raw one
/// for a keyword (`r#type`). `None` for anything else: not one identifier, a keyword written
/// plain (`match`), or a keyword that cannot be raw (`self`, `Self`, `super`, `crate`, `_`).
#[must_use]
pub fn ident(name: &str) -> Option<Ident> {
    // Lexing decides what an identifier is (Unicode included) and rejects raw `self` & co.;
    // syn decides which plain identifiers are keywords.
    let tokens: TokenStream = name.parse().ok()?;
    let mut tokens = tokens.into_iter();
    let (Some(TokenTree::Ident(ident)), None) = (tokens.next(), tokens.next()) else {
        return None;
    };
    let text = ident.to_string();
    if text != name {
        return None;
    }
    match text.strip_prefix("r#") {
        Some(keyword) => Some(Ident::new_raw(keyword, Span::call_site())),
        None => syn::parse_str::<syn::Ident>(name).ok(),
    }
}

/// Why `name` is not an [`ident`]: the end of a sentence that starts with the name.
#[must_use]
pub fn why_not_ident(name: &str) -> &'static str {
    let bare = unraw(name);
    if ident(&format!("r#{bare}")).is_some() {
        "is a Rust keyword; write it as a raw identifier, like `r#match`"
    } else if is_keyword(bare) && ident(&format!("{bare}x")).is_some() {
        "is a Rust keyword that cannot be a raw identifier"
    } else {
        "is not a Rust identifier"
    }
}

/// The identifier for a name codegen made itself (a constructor's): the name, or the raw
/// identifier when it is a keyword (`type` → `r#type`). `None` when neither can be written.
#[must_use]
pub fn made_ident(name: &str) -> Option<Ident> {
    ident(name).or_else(|| ident(&format!("r#{name}")))
}

/// Whether `name` is a Rust keyword (strict or reserved), which no parameter can be named.
#[must_use]
pub fn is_keyword(name: &str) -> bool {
    syn::parse_str::<syn::Ident>(name).is_err()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_keeps_acronyms_together() {
        assert_eq!(snake_case("MissingParameter"), "missing_parameter");
        assert_eq!(
            snake_case("UnsupportedHTTPMethod"),
            "unsupported_http_method"
        );
        assert_eq!(snake_case("HTTPError"), "http_error");
        assert_eq!(snake_case("Key2Fa"), "key2_fa");
        assert_eq!(snake_case("A"), "a");
    }

    #[test]
    fn identifiers_plain_and_raw() {
        let spelled = |name: &str| ident(name).map(|i| i.to_string());
        assert_eq!(
            spelled("ForbiddenKeyNotFound").as_deref(),
            Some("ForbiddenKeyNotFound")
        );
        assert_eq!(spelled("Ключ").as_deref(), Some("Ключ"));
        assert_eq!(spelled("r#type").as_deref(), Some("r#type"));
        assert_eq!(spelled("r#match").as_deref(), Some("r#match"));
        for name in [
            "match",
            "type",
            "Self",
            "self",
            "r#self",
            "r#Self",
            "r#super",
            "r#crate",
            "_",
            "r#_",
            "Key.NotFound",
            "a b",
            "",
            "1a",
            "r#",
            "a//",
            "a/*b*/",
        ] {
            assert_eq!(spelled(name), None, "{name}");
        }
        assert_eq!(
            made_ident("type").map(|i| i.to_string()).as_deref(),
            Some("r#type")
        );
        assert_eq!(made_ident("self").map(|i| i.to_string()), None);
    }
}
