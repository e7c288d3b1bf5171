//! Rust names derived from catalog entries.

/// The default variant name of a code: the code without its dots
/// (`Forbidden.KeyNotFound` → `ForbiddenKeyNotFound`; `UnsupportedHTTPMethod` stays).
pub fn variant_name(code: &str) -> String {
    code.replace('.', "")
}

/// The snake_case form of a CamelCase name, keeping acronyms together
/// (`MissingParameter` → `missing_parameter`, `UnsupportedHTTPMethod` → `unsupported_http_method`).
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

/// Whether `name` can name a Rust item: an identifier that is not a keyword.
pub fn is_rust_ident(name: &str) -> bool {
    syn::parse_str::<syn::Ident>(name).is_ok() && name != "_"
}

/// Whether `name` is a Rust keyword (strict or reserved), which no parameter can be named.
pub fn is_keyword(name: &str) -> bool {
    syn::parse_str::<syn::Ident>(name).is_err()
}

/// Whether `name` is an XML element name this crate will write: ASCII letters, digits, `_`,
/// `-` and `.`, starting with a letter or `_`, and not starting with `xml` in any case
/// (reserved by the XML specification).
pub fn is_xml_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        && !name.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("xml"))
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
    fn idents_and_xml_names() {
        assert!(is_rust_ident("ForbiddenKeyNotFound"));
        assert!(!is_rust_ident("Forbidden.KeyNotFound"));
        assert!(!is_rust_ident("match"));
        assert!(!is_rust_ident("_"));
        assert!(is_xml_name("KMS"));
        assert!(is_xml_name("Error-Response"));
        assert!(!is_xml_name("1KMS"));
        assert!(!is_xml_name("Xml"));
        assert!(!is_xml_name("K M S"));
        assert!(!is_xml_name(""));
    }
}
