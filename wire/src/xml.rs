//! XML 1.0's rules that writers and readers share, besides names ([`is_xml_name`]): which
//! characters a document can carry at all, and how tags are spelled.
//!
//! [`is_xml_name`]: crate::is_xml_name

use core::iter;

/// XML 1.0's `Char`: whether a document may hold `c`, raw or as a character reference.
/// Writers replace every other character (`escape::xml`); readers refuse it.
///
/// ```
/// use errcat_wire::xml::is_xml_char;
///
/// assert!(is_xml_char('a') && is_xml_char('\t') && is_xml_char('\u{fffd}'));
/// assert!(!is_xml_char('\0') && !is_xml_char('\u{1b}') && !is_xml_char('\u{fffe}'));
/// ```
#[must_use]
pub const fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// Whether the byte `b` of UTF-8 text is an ASCII character that is not [`is_xml_char`]: a
/// C0 control other than tab, line feed and carriage return. Branch-free, so that a scan over
/// a whole body vectorizes.
#[must_use]
pub const fn is_refused_ascii(b: u8) -> bool {
    (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r')
}

/// The characters beyond ASCII that a `str` can hold and that are not [`is_xml_char`]
/// (surrogates never appear in one). In UTF-8 both start with the byte `0xEF`.
pub const REFUSED_NON_ASCII: [char; 2] = ['\u{fffe}', '\u{ffff}'];

/// The pieces of the start tag `<inside>`: `inside` is the element's name, in pieces
/// (`[action, "Response"]`), and any attributes after it. Pieces, so that a writer puts each
/// as it is, without joining them first.
///
/// ```
/// use errcat_wire::xml::start_tag;
///
/// assert_eq!(start_tag(["Describe", "KeyResponse"]).collect::<String>(), "<DescribeKeyResponse>");
/// ```
pub fn start_tag<const N: usize>(inside: [&str; N]) -> impl Iterator<Item = &str> {
    iter::once("<").chain(inside).chain(iter::once(">"))
}

/// The pieces of the end tag `</name>`, the name in pieces as for [`start_tag`].
pub fn end_tag<const N: usize>(name: [&str; N]) -> impl Iterator<Item = &str> {
    iter::once("</").chain(name).chain(iter::once(">"))
}

/// The pieces of the empty-element tag `<inside/>`, as for [`start_tag`].
pub fn empty_tag<const N: usize>(inside: [&str; N]) -> impl Iterator<Item = &str> {
    iter::once("<").chain(inside).chain(iter::once("/>"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte rule and the two characters beyond ASCII are exactly what `is_xml_char`
    /// refuses among the characters a `str` can hold.
    #[test]
    fn the_refused_characters_are_exactly_those_outside_char() {
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            let refused = match u8::try_from(c) {
                Ok(b) if b.is_ascii() => is_refused_ascii(b),
                _ => REFUSED_NON_ASCII.contains(&c),
            };
            assert_eq!(refused, !is_xml_char(c), "U+{:04X}", u32::from(c));
        }
        for c in REFUSED_NON_ASCII {
            assert_eq!(c.encode_utf8(&mut [0; 4]).as_bytes()[0], 0xef);
        }
    }

    #[test]
    fn tags() {
        let joined =
            |pieces: &mut dyn Iterator<Item = &str>| pieces.collect::<alloc::string::String>();
        assert_eq!(joined(&mut start_tag(["KMS"])), "<KMS>");
        assert_eq!(joined(&mut start_tag(["a", " b=\"c\""])), "<a b=\"c\">");
        assert_eq!(
            joined(&mut end_tag(["Describe", "Response"])),
            "</DescribeResponse>"
        );
        assert_eq!(joined(&mut empty_tag(["Unit"])), "<Unit/>");
    }
}
