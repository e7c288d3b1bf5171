//! Which strings may name an XML element: the root of an error envelope (the service's
//! name), the action of a success envelope, and the field names and map keys of its result.

/// Whether `name` is an XML 1.0 `Name` without colons (a namespace-free `NCName`), so that
/// every XML parser, namespace-aware or not, reads `<name>` as one plain element.
///
/// Names starting with `xml` in any case are accepted: the XML specification reserves them
/// for its own future use, but every parser reads them as ordinary names.
///
/// ```
/// use errcat_wire::is_xml_name;
///
/// assert!(is_xml_name("KMS") && is_xml_name("Key-Id.2") && is_xml_name("ключ"));
/// assert!(!is_xml_name("1KMS") && !is_xml_name("K M S") && !is_xml_name("k:Code"));
/// ```
#[must_use]
pub fn is_xml_name(name: &str) -> bool {
    // Checked for every element a success envelope writes: names are nearly always ASCII,
    // so test their bytes first and decode characters only when there is something else.
    let plain_ascii = match name.as_bytes() {
        [] => return false,
        [first, rest @ ..] => {
            (first.is_ascii_alphabetic() || *first == b'_')
                && rest
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || b"_-.".contains(b))
        }
    };
    if plain_ascii {
        return true;
    }
    let mut chars = name.chars();
    chars.next().is_some_and(is_name_start) && chars.all(is_name_char)
}

/// XML 1.0's `NameStartChar`, without `:`.
#[must_use]
pub fn is_name_start(c: char) -> bool {
    matches!(c,
        'A'..='Z' | '_' | 'a'..='z'
        | '\u{c0}'..='\u{d6}' | '\u{d8}'..='\u{f6}' | '\u{f8}'..='\u{2ff}'
        | '\u{370}'..='\u{37d}' | '\u{37f}'..='\u{1fff}' | '\u{200c}'..='\u{200d}'
        | '\u{2070}'..='\u{218f}' | '\u{2c00}'..='\u{2fef}' | '\u{3001}'..='\u{d7ff}'
        | '\u{f900}'..='\u{fdcf}' | '\u{fdf0}'..='\u{fffd}' | '\u{10000}'..='\u{effff}')
}

/// XML 1.0's `NameChar`, without `:`.
#[must_use]
pub fn is_name_char(c: char) -> bool {
    is_name_start(c)
        || matches!(c,
            '-' | '.' | '0'..='9' | '\u{b7}' | '\u{300}'..='\u{36f}' | '\u{203f}'..='\u{2040}')
}

#[cfg(test)]
mod tests {
    use super::is_xml_name;

    #[test]
    fn accepts_names_and_refuses_what_is_not_one() {
        for name in [
            "DescribeKey",
            "_x",
            "Key-Id.2",
            "é",
            "ключ",
            "Xml",
            "xmlThing",
        ] {
            assert!(is_xml_name(name), "{name}");
        }
        for name in ["", "1Key", "-a", "a b", "a:b", "a<b", "a&b", ".a", "K\u{0}"] {
            assert!(!is_xml_name(name), "{name}");
        }
    }
}
