//! Which strings may name an XML element: the root of an error envelope (the service's
//! name), the action of a success envelope, and the field names and map keys of its result.

/// Whether `name` is an XML name without colons (a namespace-free `NCName`) made of the
/// characters every XML 1.0 parser accepts ([`is_name_start`], [`is_name_char`]), so that
/// every parser, namespace-aware or not, of any edition, reads `<name>` as one plain element.
///
/// Names starting with `xml` in any case are accepted: the XML specification reserves them
/// for its own future use, but every parser reads them as ordinary names.
///
/// ```
/// use errcat_wire::is_xml_name;
///
/// assert!(is_xml_name("KMS") && is_xml_name("Key-Id.2") && is_xml_name("Café"));
/// assert!(!is_xml_name("1KMS") && !is_xml_name("K M S") && !is_xml_name("k:Code"));
/// assert!(!is_xml_name("\u{feff}KMS"));
/// ```
#[must_use]
pub fn is_xml_name(name: &str) -> bool {
    // Checked for every element a success envelope writes: names are nearly always ASCII,
    // so test their bytes first and decode characters only when there is something else.
    let ascii = ascii_name_len(name.as_bytes());
    if ascii > 0 && ascii == name.len() {
        return true;
    }
    let mut chars = name.chars();
    chars.next().is_some_and(is_name_start) && chars.all(is_name_char)
}

/// The length of the name `bytes` start with, as far as it is ASCII ([`is_name_start`],
/// then [`is_name_char`], on ASCII bytes only); 0 when no name starts there. For scanners
/// over bytes (errcat's XML fast path), which leave anything else to a full parser.
///
/// ```
/// use errcat_wire::ascii_name_len;
///
/// assert_eq!(ascii_name_len(b"Code>X</Code>"), 4);
/// assert_eq!(ascii_name_len(b"Caf\xc3\xa9>"), 3);
/// assert_eq!(ascii_name_len(b"1Code>"), 0);
/// ```
#[must_use]
pub fn ascii_name_len(bytes: &[u8]) -> usize {
    let ascii = |rule: fn(char) -> bool| move |b: &u8| b.is_ascii() && rule(char::from(*b));
    if !bytes.first().is_some_and(ascii(is_name_start)) {
        return 0;
    }
    bytes
        .iter()
        .position(|b| !ascii(is_name_char)(b))
        .unwrap_or(bytes.len())
}

/// [`is_xml_name`]'s rule in words, for a message that refuses a name (the checker's, for a
/// service name that must be the root element).
pub const XML_NAME_RULE: &str = "ASCII and Latin-1 letters, the CJK ideographs U+4E00 to \
    U+9FA5, digits, `_`, `-`, `.` and `·`; not starting with a digit, `-`, `.` or `·`";

/// A character that may start a name: one every XML 1.0 parser accepts there, whatever the
/// edition of the specification it follows (the fifth edition allows far more, which older
/// parsers such as expat refuse): ASCII letters, `_`, the Latin-1 letters, and the CJK
/// unified ideographs U+4E00 to U+9FA5. Colons are left out: names here are namespace-free.
/// Writers and readers both use this rule, so that errcat reads what it writes.
#[must_use]
pub fn is_name_start(c: char) -> bool {
    matches!(c, 'A'..='Z' | 'a'..='z' | '_' | '\u{c0}'..='\u{d6}' | '\u{d8}'..='\u{f6}'
        | '\u{f8}'..='\u{ff}' | '\u{4e00}'..='\u{9fa5}')
}

/// A character within a name: a start character, a digit, `-`, `.` or the middle dot.
#[must_use]
pub fn is_name_char(c: char) -> bool {
    is_name_start(c) || matches!(c, '0'..='9' | '-' | '.' | '\u{b7}')
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
            "中文",
            "Xml",
            "xmlThing",
        ] {
            assert!(is_xml_name(name), "{name}");
        }
        for name in [
            "",
            "ключ",
            "\u{feff}K",
            "1Key",
            "-a",
            "a b",
            "a:b",
            "a<b",
            "a&b",
            ".a",
            "K\u{0}",
            "\u{feff}K",
            "ключ",
        ] {
            assert!(!is_xml_name(name), "{name}");
        }
    }
}
