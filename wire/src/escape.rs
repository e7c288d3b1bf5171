//! Escaping, for the two wire formats: the one place that decides how text is written inside
//! a JSON string or as XML element text.
//!
//! Build time uses it to escape the per-code parts of every envelope once (code, message),
//! run time to escape what only it knows (request ids, host ids, placeholder arguments,
//! success data). Every byte that needs escaping is ASCII, or starts the UTF-8 of U+FFFE or
//! U+FFFF, so the runs between them are whole `&str`s and are copied at once; a text with
//! nothing to escape, nearly every id, is tested in one pass and copied whole.

use crate::sink::Sink;
use crate::xml::{REFUSED_NON_ASCII, is_refused_ascii};

/// Appends `text` escaped as the inside of a JSON string, exactly as serde_json writes it:
/// `"` and `\` backslashed, `\b \f \n \r \t` short, other controls as `\u00XX` (lower-case
/// hex); everything else (`/`, non-ASCII) as is.
///
/// ```
/// let mut out = String::new();
/// errcat_wire::escape::json("say \"hi\"\n\u{1}", &mut out);
/// assert_eq!(out, r#"say \"hi\"\n\u0001"#);
/// ```
///
/// # Errors
///
/// The first error `out` returns.
#[inline]
pub fn json<S: Sink>(text: &str, out: &mut S) -> Result<(), S::Error> {
    if is_clean(text, json_needs_escape) {
        return out.put(text);
    }
    escape_runs(text, out, |bytes, i| match bytes[i] {
        b'"' => Some(("\\\"", 1)),
        b'\\' => Some(("\\\\", 1)),
        byte @ 0..=0x1f => Some((JSON_CONTROLS[usize::from(byte)], 1)),
        _ => None,
    })
}

/// Appends `text` escaped as XML 1.0 element text: `&`, `<`, `>` as `&amp;`, `&lt;`, `&gt;`;
/// `\r` as `&#13;` (a parser reads a raw one as `\n`); quotes literal. Characters XML 1.0
/// cannot carry at all, not even as references (not [`is_xml_char`]: C0 controls other than
/// tab, line feed and carriage return; U+FFFE; U+FFFF), are replaced by U+FFFD.
///
/// [`is_xml_char`]: crate::xml::is_xml_char
///
/// ```
/// let mut out = String::new();
/// errcat_wire::escape::xml("a < b & \"c\"\u{1}", &mut out);
/// assert_eq!(out, "a &lt; b &amp; \"c\"\u{fffd}");
/// ```
///
/// # Errors
///
/// The first error `out` returns.
#[inline]
pub fn xml<S: Sink>(text: &str, out: &mut S) -> Result<(), S::Error> {
    if is_clean(text, xml_needs_look) {
        return out.put(text);
    }
    escape_runs(text, out, |bytes, i| match bytes[i] {
        b'&' => Some(("&amp;", 1)),
        b'<' => Some(("&lt;", 1)),
        b'>' => Some(("&gt;", 1)),
        b'\r' => Some(("&#13;", 1)),
        byte if is_refused_ascii(byte) => Some((REPLACEMENT, 1)),
        // The refused characters beyond ASCII start with EF; other characters starting with
        // EF stay. Continuation bytes match no arm, so the scan steps over them.
        0xef => refused_non_ascii_at(bytes, i).map(|len| (REPLACEMENT, len)),
        _ => None,
    })
}

/// Whether `text` needs no escaping in JSON: it is copied as it is.
#[inline]
#[must_use]
pub fn is_clean_json(text: &str) -> bool {
    is_clean(text, json_needs_escape)
}

/// Whether `text` needs no escaping in XML: it is copied as it is.
#[inline]
#[must_use]
pub fn is_clean_xml(text: &str) -> bool {
    is_clean(text, xml_needs_look)
}

/// The length of the character at `bytes[i..]` if it is one of [`REFUSED_NON_ASCII`].
fn refused_non_ascii_at(bytes: &[u8], i: usize) -> Option<usize> {
    let rest = bytes.get(i..)?;
    REFUSED_NON_ASCII.iter().find_map(|c| {
        let mut utf8 = [0; 4];
        let utf8 = c.encode_utf8(&mut utf8).as_bytes();
        rest.starts_with(utf8).then_some(utf8.len())
    })
}

/// `\b \f \n \r \t` short, other controls as `\u00XX` (lower-case hex, as serde_json writes).
const JSON_CONTROLS: [&str; 32] = [
    "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007", "\\b",
    "\\t", "\\n", "\\u000b", "\\f", "\\r", "\\u000e", "\\u000f", "\\u0010", "\\u0011", "\\u0012",
    "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017", "\\u0018", "\\u0019", "\\u001a",
    "\\u001b", "\\u001c", "\\u001d", "\\u001e", "\\u001f",
];

/// What XML 1.0 cannot carry becomes this: the replacement character.
const REPLACEMENT: &str = "\u{fffd}";

/// JSON escapes a control character, `"` and `\`.
///
/// Written so that a block of bytes compiles to few vector instructions: XOR-ing with 0x02
/// maps `"` (0x22) to 0x20 and keeps every control below 0x20 (it changes bit 1 only), while
/// no other byte lands below 0x21, so one comparison finds both.
#[inline]
const fn json_needs_escape(byte: u8) -> bool {
    ((byte ^ 0x02) < 0x21) | (byte == b'\\')
}

/// XML escapes or replaces a control character (tab and line feed are looked at and kept),
/// `&`, `<`, `>`, and may replace a character starting with `0xEF` (U+FFFE, U+FFFF).
///
/// As for JSON, XOR-ing with 0x06 maps `&` (0x26) to 0x20 and keeps the controls below it:
/// one comparison for both; `<` (0x3C) and `>` (0x3E) differ in bit 1 only, so setting it
/// finds both with one more.
#[inline]
const fn xml_needs_look(byte: u8) -> bool {
    ((byte ^ 0x06) < 0x21) | ((byte | 0x02) == b'>') | (byte == 0xef)
}

/// Whether no byte of `text` needs a look under `rule`. The text is read in blocks of
/// sixteen bytes, the last block ending at the last byte (a byte tested twice changes
/// nothing), and each block's answers are OR-ed without stopping early: the compiler tests a
/// block in a few vector instructions, and a UUID request id takes three blocks and no loop
/// over bytes. (A text shorter than a block is tested byte by byte.)
#[inline]
fn is_clean(text: &str, rule: impl Fn(u8) -> bool + Copy) -> bool {
    let bytes = text.as_bytes();
    let Some(last) = bytes.last_chunk::<16>() else {
        return !bytes.iter().fold(false, |any, &byte| any | rule(byte));
    };
    let mut any = block_looks(last, rule);
    for block in bytes.chunks_exact(16) {
        any |= block
            .first_chunk::<16>()
            .is_some_and(|block| block_looks(block, rule));
    }
    !any
}

/// Whether a byte of `block` needs a look under `rule`; always inlined, so that each use is
/// compiled for its rule into vector instructions.
#[inline(always)]
fn block_looks(block: &[u8; 16], rule: impl Fn(u8) -> bool) -> bool {
    block.iter().fold(false, |any, &byte| any | rule(byte))
}

/// Writes `text`, replacing each byte at which `escape` answers `(replacement, length)`;
/// the runs in between are copied whole.
#[cold]
#[inline(never)]
fn escape_runs<S: Sink>(
    text: &str,
    out: &mut S,
    escape: impl Fn(&[u8], usize) -> Option<(&'static str, usize)>,
) -> Result<(), S::Error> {
    let bytes = text.as_bytes();
    let mut clean = 0;
    let mut i = 0;
    while i < bytes.len() {
        match escape(bytes, i) {
            Some((replacement, len)) => {
                // `i` and `i + len` are character boundaries: an ASCII byte, or the whole of
                // a three-byte character.
                out.put(&text[clean..i])?;
                out.put(replacement)?;
                i += len;
                clean = i;
            }
            None => i += 1,
        }
    }
    out.put(&text[clean..])
}

#[cfg(test)]
mod tests {
    use alloc::string::String;

    fn json(text: &str) -> String {
        let mut out = String::new();
        super::json(text, &mut out).unwrap();
        out
    }

    fn xml(text: &str) -> String {
        let mut out = String::new();
        super::xml(text, &mut out).unwrap();
        out
    }

    #[test]
    fn json_escapes_like_serde_json() {
        assert_eq!(
            json("a\"b\\c\n\u{1}\u{1f}é/\u{7f}"),
            "a\\\"b\\\\c\\n\\u0001\\u001fé/\u{7f}"
        );
    }

    #[test]
    fn xml_escapes_markup_keeps_quotes_and_replaces_what_xml_cannot_carry() {
        assert_eq!(
            xml("\"a\" <b> & ]]> \r\t\n\u{0}\u{ffff}\u{fffe}\u{fffd}\u{f000}\u{ffef}"),
            "\"a\" &lt;b&gt; &amp; ]]&gt; &#13;\t\n\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{f000}\u{ffef}"
        );
    }

    #[test]
    fn clean_text_is_copied_whole() {
        for text in ["plain ASCII, é, 😀", ""] {
            assert!(super::is_clean_json(text) && super::is_clean_xml(text));
            assert_eq!((json(text), xml(text)), (text.into(), text.into()));
        }
    }

    /// The rules, written for the vector unit, are exactly the bytes their docs name.
    #[test]
    fn the_rules_flag_exactly_their_bytes() {
        for byte in 0..=255u8 {
            let json = byte < 0x20 || byte == b'"' || byte == b'\\';
            let xml = byte < 0x20 || matches!(byte, b'&' | b'<' | b'>' | 0xef);
            assert_eq!(super::json_needs_escape(byte), json, "{byte:#x}");
            assert_eq!(super::xml_needs_look(byte), xml, "{byte:#x}");
        }
    }

    /// Each byte that needs a look is found at every position of texts of every length
    /// around the sizes the compiler's vector loop handles differently.
    #[test]
    fn a_byte_to_escape_is_found_anywhere() {
        for len in 1..=70 {
            for position in 0..len {
                for byte in [b'"', b'\\', b'\n', 0x1f] {
                    let mut text = alloc::vec![b'a'; len];
                    text[position] = byte;
                    let text = core::str::from_utf8(&text).unwrap();
                    assert!(!super::is_clean_json(text), "{len} {position}");
                }
                for byte in [b'&', b'<', b'>', b'\r', b'\t'] {
                    let mut text = alloc::vec![b'a'; len];
                    text[position] = byte;
                    let text = core::str::from_utf8(&text).unwrap();
                    assert!(!super::is_clean_xml(text), "{len} {position}");
                }
            }
        }
    }
}
