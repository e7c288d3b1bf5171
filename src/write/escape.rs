//! Escaping at run time, for what only the run time knows: request ids, host ids, placeholder
//! arguments and success data. The rules are exactly those of `errcat_codegen::escape`, which
//! escaped the rest of every envelope at build time; `tests/envelope_props.rs` checks that
//! the two agree.
//!
//! Both escapers scan bytes: every byte that needs escaping is ASCII, or starts the UTF-8 of
//! U+FFFE / U+FFFF, so the clean runs between them are whole `&str`s, each copied at once.

use super::sink::{Sink, infallible};
use crate::Format;

/// `\b \f \n \r \t` short, other controls as `\u00XX` (lower-case hex, as serde_json writes).
const JSON_CONTROLS: [&str; 32] = [
    "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007", "\\b",
    "\\t", "\\n", "\\u000b", "\\f", "\\r", "\\u000e", "\\u000f", "\\u0010", "\\u0011", "\\u0012",
    "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017", "\\u0018", "\\u0019", "\\u001a",
    "\\u001b", "\\u001c", "\\u001d", "\\u001e", "\\u001f",
];

/// What XML 1.0 cannot carry becomes this: the replacement character.
const REPLACEMENT: &str = "\u{fffd}";

/// Appends `text` escaped as the inside of a JSON string, exactly as serde_json does: `"` and
/// `\` backslashed, controls as in [`JSON_CONTROLS`], everything else (`/`, non-ASCII) as is.
pub(crate) fn json<S: Sink>(text: &str, out: &mut S) -> Result<(), S::Error> {
    let start = clean_prefix(text.as_bytes(), json_word_is_clean);
    let mut clean = 0;
    for (i, &byte) in text.as_bytes().iter().enumerate().skip(start) {
        let escaped = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0..=0x1f => JSON_CONTROLS[usize::from(byte)],
            _ => continue,
        };
        out.put(&text[clean..i])?;
        out.put(escaped)?;
        clean = i + 1;
    }
    out.put(&text[clean..])
}

/// Appends `text` escaped as XML 1.0 element text: `&`, `<`, `>` as entities, `\r` as `&#13;`
/// (a parser turns a raw one into `\n`), quotes literal, and what XML 1.0 cannot carry
/// (controls other than tab and newline, U+FFFE, U+FFFF) replaced by U+FFFD.
pub(crate) fn xml<S: Sink>(text: &str, out: &mut S) -> Result<(), S::Error> {
    let bytes = text.as_bytes();
    let start = clean_prefix(bytes, xml_word_is_clean);
    let mut clean = 0;
    for (i, &byte) in bytes.iter().enumerate().skip(start) {
        let (escaped, len) = match byte {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'\r' => ("&#13;", 1),
            b'\t' | b'\n' => continue,
            0..=0x1f => (REPLACEMENT, 1),
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF. The bytes after a lead byte are
            // continuation bytes, which match no arm here, so the loop steps over them.
            0xef if matches!(bytes.get(i + 1..i + 3), Some([0xbf, 0xbe | 0xbf])) => {
                (REPLACEMENT, 3)
            }
            _ => continue,
        };
        out.put(&text[clean..i])?;
        out.put(escaped)?;
        clean = i + len;
    }
    out.put(&text[clean..])
}

/// How many leading bytes of `bytes` need no look, tested eight at a time by `is_clean`: all
/// of them (`bytes.len()`) when every word, and the last one padded with spaces, is clean,
/// else those before the first word that is not. Request and host ids almost never need
/// escaping, so this is nearly all of the work.
#[inline]
fn clean_prefix(bytes: &[u8], is_clean: impl Fn(u64) -> bool) -> usize {
    let mut chunks = bytes.chunks_exact(8);
    let mut clean = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        if !is_clean(u64::from_le_bytes(word)) {
            return clean;
        }
        clean += 8;
    }
    let mut tail = [b' '; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    if is_clean(u64::from_le_bytes(tail)) {
        bytes.len()
    } else {
        clean
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// High bit set in each byte of `word` below `n` (`n <= 0x80`), and maybe in bytes after
/// one that is: "determine if a word has a byte less than n", exact as to whether any is.
/// The flags of several tests are OR-ed and looked at once, without a branch per test.
#[inline]
fn below(word: u64, n: u8) -> u64 {
    word.wrapping_sub(ONES * u64::from(n)) & !word & HIGHS
}

/// High bit set in each byte of `word` equal to `byte` (and maybe in bytes after one).
#[inline]
fn equal(word: u64, byte: u8) -> u64 {
    below(word ^ (ONES * u64::from(byte)), 1)
}

/// No byte of `word` needs escaping in JSON: no control, `"` or `\`.
#[inline]
fn json_word_is_clean(word: u64) -> bool {
    below(word, 0x20) | equal(word, b'"') | equal(word, b'\\') == 0
}

/// No byte of `word` needs a look in XML: no control, `&`, `<`, `>`, or `0xEF` (the lead byte
/// of U+FFFE and U+FFFF, which may need replacing). `<` and `>` differ in one bit only
/// (0x3C, 0x3E): setting it finds both with one test.
#[inline]
fn xml_word_is_clean(word: u64) -> bool {
    let angle = equal(word | (ONES * 0x02), b'>');
    below(word, 0x20) | equal(word, b'&') | angle | equal(word, 0xef) == 0
}

/// Escapes for `format`.
pub(crate) fn for_format<S: Sink>(format: Format, text: &str, out: &mut S) -> Result<(), S::Error> {
    match format {
        Format::Json => json(text, out),
        Format::Xml => xml(text, out),
    }
}

impl Format {
    /// Appends `text` escaped for a string in this format, by the rules every envelope
    /// follows, so that a real parser reads back exactly `text`.
    ///
    /// - JSON: as serde_json writes the inside of a string: `"` and `\` backslashed, control
    ///   characters as `\n`, `\t`, ... or `\u00XX`; everything else as is.
    /// - XML (element text): `&`, `<`, `>` as `&amp;`, `&lt;`, `&gt;`; `\r` as `&#13;`; quotes
    ///   literal. **Characters XML 1.0 cannot carry** (controls other than tab, newline and
    ///   carriage return; U+FFFE; U+FFFF) **are replaced by U+FFFD**, so they read back as
    ///   `'\u{fffd}'`: an XML document cannot hold them at all, not even as references.
    ///
    /// ```
    /// use errcat::Format;
    ///
    /// let mut out = Vec::new();
    /// Format::Json.write_escaped("say \"hi\"\n", &mut out);
    /// assert_eq!(out, br#"say \"hi\"\n"#);
    ///
    /// out.clear();
    /// Format::Xml.write_escaped("a < b & \"c\"\u{1}", &mut out);
    /// assert_eq!(String::from_utf8(out).unwrap(), "a &lt; b &amp; \"c\"\u{fffd}");
    /// ```
    pub fn write_escaped(self, text: &str, out: &mut Vec<u8>) {
        infallible(for_format(self, text, out));
    }
}

#[cfg(test)]
mod tests {
    use crate::Format;

    fn escaped(format: Format, text: &str) -> String {
        let mut out = Vec::new();
        format.write_escaped(text, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn json_escapes_like_serde_json() {
        assert_eq!(
            escaped(Format::Json, "a\"b\\c\n\u{1}\u{1f}é/\u{7f}"),
            "a\\\"b\\\\c\\n\\u0001\\u001fé/\u{7f}"
        );
    }

    #[test]
    fn xml_escapes_markup_keeps_quotes_and_replaces_what_xml_cannot_carry() {
        assert_eq!(
            escaped(
                Format::Xml,
                "\"a\" <b> & ]]> \r\t\n\u{0}\u{ffff}\u{fffe}\u{fffd}\u{f000}\u{ffef}"
            ),
            "\"a\" &lt;b&gt; &amp; ]]&gt; &#13;\t\n\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{f000}\u{ffef}"
        );
    }

    /// The word tests agree with the byte rules for every byte value at every position.
    #[test]
    fn word_tests_flag_exactly_the_bytes_that_need_a_look() {
        let json_dirty = |b: u8| b < 0x20 || b == b'"' || b == b'\\';
        let xml_dirty = |b: u8| b < 0x20 || matches!(b, b'&' | b'<' | b'>' | 0xef);
        for byte in 0..=255u8 {
            for position in 0..8 {
                let mut word = *b"abcdefgh";
                word[position] = byte;
                let word = u64::from_le_bytes(word);
                assert_eq!(
                    super::json_word_is_clean(word),
                    !json_dirty(byte),
                    "{byte:#x}"
                );
                assert_eq!(
                    super::xml_word_is_clean(word),
                    !xml_dirty(byte),
                    "{byte:#x}"
                );
            }
        }
    }

    #[test]
    fn clean_text_is_copied_whole() {
        for format in [Format::Json, Format::Xml] {
            assert_eq!(escaped(format, "plain ASCII, é, 😀"), "plain ASCII, é, 😀");
            assert_eq!(escaped(format, ""), "");
        }
    }
}
