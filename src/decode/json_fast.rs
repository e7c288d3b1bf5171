//! The JSON fast path: a hand-written scanner for the one shape servers send, a flat object
//! of strings and numbers, tried before serde_json. It either returns exactly the fields the
//! serde_json parser (`json.rs`, "the slow path") would return, or `None` ("not simple"),
//! and the slow path then reads the body from the start. It never returns an error: every
//! refusal, with its message and offset, is the slow path's.
//!
//! Why: serde_json drives `json.rs`'s visitor through several layers of generic calls per
//! token (the option, the seed, the string visitor, `RawValue` for unknown fields), which
//! made decoding slower than a plain `#[derive(Deserialize)]` struct, and copies each
//! escaped string twice (into its scratch buffer, then out of it). The body is already valid
//! UTF-8 here, and every syntax character is ASCII, so the scanner works on bytes, slices
//! only at ASCII characters it found, and borrows every string without escapes (one
//! allocation per string that has them).
//!
//! The accepted grammar, on the body after the byte-order mark (anything else is "not
//! simple"):
//!
//! ```text
//! document := WS '{' WS (member (WS ',' WS member)*)? WS '}' WS EOF
//! member   := string WS ':' WS value
//! value    := string | number | 'null' | 'true' | 'false'
//! string   := '"' (char | escape)* '"'
//! char     := any character but '"', '\' and U+0000 to U+001F
//! escape   := '\' ('"' | '\' | '/' | 'b' | 'f' | 'n' | 'r' | 't' | 'u' hex4)
//!             (a '\u' surrogate only as a high one directly followed by a '\u' low one)
//! number   := '-'? ('0' | [1-9] [0-9]*) ('.' [0-9]+)? ([eE] [+-]? [0-9]+)?
//! WS       := [ \t\n\r]*
//! ```
//!
//! So: no nested objects or arrays (the slow path measures their depth and keeps their raw
//! text; servers do not send them), and nowhere a raw control character but the
//! whitespace between tokens. Within it the slow path's rules hold because they are the
//! same code or the same checks:
//! - limits: the size is checked before either path; depth is 1 (the object), so the fast
//!   path declines when the limit is 0;
//! - strings: the escapes serde_json decodes, decoded the same way; a lone surrogate, an
//!   unknown escape or a raw control character, which serde_json refuses, declines;
//! - values by field, as `json.rs` takes them: `null` is an absent known field; a known
//!   text field takes a string, `HttpStatus` an integer from 100 to 999 (anything else
//!   declines: serde_json refuses it); an unknown field keeps a string's text, or any other
//!   value's JSON text (`null`, `true`, `false`, a number, exactly as written);
//! - fields are filed through `fields.rs`, as the slow path files them (known names in any
//!   case, duplicates, `HttpStatus`, unknown fields kept in order); on any error the fast
//!   path declines, and the slow path reports it.

use std::borrow::Cow;

use super::fields::{Field, Fields};

/// The fields of `body`, or `None` when it is not in the simple shape or any rule refuses
/// it (then the slow path must read it).
pub(crate) fn parse(body: &str, max_depth: usize) -> Option<Fields<'_>> {
    // The object is depth 1, and no value nests.
    if max_depth < 1 {
        return None;
    }
    let mut scanner = Scanner { rest: body };
    scanner.skip_space();
    scanner.eat(b'{')?;
    let mut fields = Fields::default();
    scanner.skip_space();
    if scanner.eat(b'}').is_none() {
        loop {
            scanner.member(&mut fields)?;
            scanner.skip_space();
            if scanner.eat(b'}').is_some() {
                break;
            }
            scanner.eat(b',')?;
            scanner.skip_space();
        }
    }
    scanner.skip_space();
    scanner.rest.is_empty().then_some(fields)
}

/// What is left of the body to read. Every slice is taken at an ASCII byte the scanner
/// found (a character boundary in valid UTF-8), and through `get`, `split_at_checked` or
/// `strip_prefix`, so no input can make it panic.
struct Scanner<'a> {
    rest: &'a str,
}

impl<'a> Scanner<'a> {
    fn skip_space(&mut self) {
        let spaces = self.rest.bytes().take_while(|&b| is_space(b)).count();
        // Whitespace is ASCII, so `spaces` is a character boundary within `rest`: `get`
        // cannot fail (and if it did, `rest` would stay as is and the next step decline).
        if let Some(rest) = self.rest.get(spaces..) {
            self.rest = rest;
        }
    }

    /// The ASCII byte `byte` next, skipped; `None` if something else comes.
    fn eat(&mut self, byte: u8) -> Option<()> {
        self.rest = self.rest.strip_prefix(char::from(byte))?;
        Some(())
    }

    /// `"name" : value`, filed into `fields` as `json.rs` files it.
    fn member(&mut self, fields: &mut Fields<'a>) -> Option<()> {
        let name = self.string()?;
        self.skip_space();
        self.eat(b':')?;
        self.skip_space();
        match Field::from_name(&name) {
            Some(field) => {
                fields.mark(field, &name).ok()?;
                if field == Field::Status {
                    if let Some(status) = self.nullable(Self::status)? {
                        fields.set_http_status(status);
                    }
                } else {
                    let value = self.nullable(Self::string)?;
                    fields.set_text(field, value);
                }
            }
            None => {
                let value = self.unknown_value()?;
                fields.push_extra(name, value);
            }
        }
        Some(())
    }

    /// `null` as `None` (a known field that is `null` counts as absent), else what `read`
    /// reads.
    fn nullable<T>(&mut self, read: fn(&mut Self) -> Option<T>) -> Option<Option<T>> {
        if self.literal("null").is_some() {
            Some(None)
        } else {
            read(self).map(Some)
        }
    }

    /// An unknown field's value as the slow path keeps it: a string's text, or the JSON
    /// text of a literal or a number. Objects and arrays decline.
    fn unknown_value(&mut self) -> Option<Cow<'a, str>> {
        match self.rest.as_bytes().first()? {
            b'"' => self.string(),
            b'n' => self.literal("null").map(Cow::Borrowed),
            b't' => self.literal("true").map(Cow::Borrowed),
            b'f' => self.literal("false").map(Cow::Borrowed),
            _ => self.number().map(Cow::Borrowed),
        }
    }

    /// `word` next, as its text. serde_json does not look past a literal either: whatever
    /// follows is the next token's business (`nullx` declines at the `,` or `}` expected).
    fn literal(&mut self, word: &'static str) -> Option<&'static str> {
        self.rest = self.rest.strip_prefix(word)?;
        Some(word)
    }

    /// The `HttpStatus` value: an integer from 100 to 999, the only numbers the slow path
    /// takes there (it refuses a fraction, an exponent, a sign, and other integers).
    fn status(&mut self) -> Option<u16> {
        let number = self.number()?;
        let is_status = number.len() == 3
            && number.bytes().all(|b| b.is_ascii_digit())
            && !number.starts_with('0');
        if is_status { number.parse().ok() } else { None }
    }

    /// A number, as its text: `-`? (`0` | [1-9][0-9]*) (`.` [0-9]+)? ([eE] [+-]? [0-9]+)?,
    /// exactly the grammar serde_json skips. A leading zero followed by digits ends the
    /// number at the zero; then the `,` or `}` expected is missing and the body declines.
    fn number(&mut self) -> Option<&'a str> {
        let bytes = self.rest.as_bytes();
        let mut len = usize::from(bytes.first() == Some(&b'-'));
        match bytes.get(len)? {
            b'0' => len += 1,
            b'1'..=b'9' => len += digits(bytes.get(len..)?),
            _ => return None,
        }
        if bytes.get(len) == Some(&b'.') {
            len += 1 + non_empty_digits(bytes.get(len + 1..)?)?;
        }
        if matches!(bytes.get(len), Some(b'e' | b'E')) {
            len += 1;
            if matches!(bytes.get(len), Some(b'+' | b'-')) {
                len += 1;
            }
            len += non_empty_digits(bytes.get(len..)?)?;
        }
        // All ASCII up to `len`: a character boundary.
        let (number, rest) = self.rest.split_at_checked(len)?;
        self.rest = rest;
        Some(number)
    }

    /// A string: borrowed when it has no escape, else decoded into one string.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        let text = self.rest.strip_prefix('"')?;
        let (end, escaped) = string_end(text.as_bytes())?;
        let (raw, rest) = text.split_at_checked(end)?;
        self.rest = rest.get(1..)?;
        if escaped {
            unescape(raw).map(Cow::Owned)
        } else {
            Some(Cow::Borrowed(raw))
        }
    }
}

/// Where the string whose content starts `text` ends (the index of its closing quote), and
/// whether it has escapes; `None` for a raw control character in it, which serde_json
/// refuses, or no end. Each `\` is skipped with the byte after it, so an escaped quote or
/// backslash does not count; `unescape` then checks every escape, so a string accepted
/// ends exactly where serde_json ends it.
fn string_end(text: &[u8]) -> Option<(usize, bool)> {
    let mut escaped = false;
    let mut at = find_special(text)?;
    loop {
        match text.get(at)? {
            b'"' => return Some((at, escaped)),
            b'\\' => {
                escaped = true;
                let from = at + 2;
                at = from + find_special(text.get(from..)?)?;
            }
            _ => return None,
        }
    }
}

/// The index of the first byte in `bytes` that ends a run of plain string text: `"`, `\` or
/// a control character (below U+0020). Eight bytes at a time (SWAR), as serde_json does: a
/// call to `memchr` costs more than the short strings of an envelope.
fn find_special(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x80 * ONES;
    // The high bit set in each byte of `word` that is zero (and maybe in bytes above the
    // first such one, which the lowest set bit below never reports).
    let zero = |word: u64| word.wrapping_sub(ONES) & !word & HIGH;
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        // `chunks_exact` makes every chunk 8 bytes: the conversion cannot fail.
        let word = chunk.try_into().map_or(0, u64::from_le_bytes);
        // The high bit set in each byte below 0x20, as `zero` does it.
        let control = word.wrapping_sub(0x20 * ONES) & !word & HIGH;
        let found = zero(word ^ (u64::from(b'"') * ONES))
            | zero(word ^ (u64::from(b'\\') * ONES))
            | control;
        if found != 0 {
            // Little-endian: the lowest set bit is in the first special byte.
            return Some(offset + (found.trailing_zeros() / 8) as usize);
        }
        offset += 8;
    }
    let last = chunks.remainder().iter().position(|&b| is_special(b))?;
    Some(offset + last)
}

/// `"`, `\` or a control character: the bytes `find_special` looks for.
fn is_special(b: u8) -> bool {
    b == b'"' || b == b'\\' || b < 0x20
}

/// The text of a string's content `raw` with its escapes decoded as serde_json decodes
/// them, or `None` for one it refuses (unknown, cut short, a lone surrogate).
fn unescape(raw: &str) -> Option<String> {
    // Every escape is longer than the character it stands for, so this is the one
    // allocation.
    let mut text = String::with_capacity(raw.len());
    let mut rest = raw;
    // `raw` holds no quote or control character but the escaped ones, which `escape`
    // consumes: the next special byte is the next escape's backslash.
    while let Some(at) = find_special(rest.as_bytes()) {
        let (run, after) = rest.split_at_checked(at)?;
        text.push_str(run);
        let (char, after) = escape(after.strip_prefix('\\')?)?;
        text.push(char);
        rest = after;
    }
    text.push_str(rest);
    Some(text)
}

/// The character of the escape at the start of `text` (just after its `\`), and the text
/// after it.
fn escape(text: &str) -> Option<(char, &str)> {
    let rest = text.get(1..)?;
    let char = match text.as_bytes().first()? {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'u' => return unicode_escape(rest),
        _ => return None,
    };
    Some((char, rest))
}

/// The character of `\uXXXX` (`text` starts after the `u`), and the text after it. A high
/// surrogate must be followed directly by `\u` and a low one, the pair naming one
/// character; a lone surrogate of either kind is refused, as serde_json refuses it in a
/// string.
fn unicode_escape(text: &str) -> Option<(char, &str)> {
    let (unit, rest) = hex4(text)?;
    match unit {
        0xD800..=0xDBFF => {
            let (low, rest) = hex4(rest.strip_prefix("\\u")?)?;
            if !(0xDC00..=0xDFFF).contains(&low) {
                return None;
            }
            let code = 0x1_0000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
            Some((char::from_u32(code)?, rest))
        }
        0xDC00..=0xDFFF => None,
        _ => Some((char::from_u32(unit)?, rest)),
    }
}

/// Four hexadecimal digits (either case, no sign) at the start of `text`, and the text
/// after them.
fn hex4(text: &str) -> Option<(u32, &str)> {
    let (digits, rest) = text.split_at_checked(4)?;
    let value = digits
        .chars()
        .try_fold(0, |value, digit| Some(value << 4 | digit.to_digit(16)?))?;
    Some((value, rest))
}

/// The number of ASCII digits `bytes` starts with.
fn digits(bytes: &[u8]) -> usize {
    bytes.iter().take_while(|b| b.is_ascii_digit()).count()
}

/// The number of ASCII digits `bytes` starts with, `None` for none.
fn non_empty_digits(bytes: &[u8]) -> Option<usize> {
    Some(digits(bytes)).filter(|&n| n > 0)
}

/// JSON's whitespace.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

#[cfg(test)]
mod tests {
    use super::{Scanner, find_special, is_special, parse, string_end, unescape};

    #[test]
    fn escapes_decode_as_serde_json_decodes_them_or_decline() {
        let decoded = unescape(r#"\"\\\/\b\f\n\r\t \u00e9\u00E9 \ud83d\ude00 \u0000 \uFFFF"#);
        assert_eq!(
            decoded.as_deref(),
            Some("\"\\/\u{8}\u{c}\n\r\t é\u{e9} 😀 \0 \u{ffff}")
        );
        for escaped in [
            r#"\u00e9"#,
            r#"\ud83d\ude00"#,
            r#"\uDBFF\uDFFF"#,
            r#"a\\b\"c"#,
        ] {
            let json = format!("\"{escaped}\"");
            let expected: String = serde_json::from_str(&json).unwrap();
            assert_eq!(unescape(escaped), Some(expected), "{escaped}");
        }
        for refused in [
            r#"\"#,
            r#"\x"#,
            r#"\U00e9"#,
            r#"\u00e"#,
            r#"\u+0e9"#,
            r#"\u00g9"#,
            r#"\ud83d"#,
            r#"\ud83dx"#,
            r#"\ud83d\n"#,
            r#"\ud83d\ud83d"#,
            r#"\ude00"#,
            r#"\ude00\ud83d"#,
            "\\u00é9",
            "\\é",
        ] {
            assert_eq!(unescape(refused), None, "{refused:?}");
            let json = format!("\"{refused}\"");
            assert!(
                serde_json::from_str::<String>(&json).is_err(),
                "{refused:?}"
            );
        }
    }

    #[test]
    fn a_string_ends_at_the_first_unescaped_quote() {
        let end = |text: &str| string_end(text.as_bytes());
        assert_eq!(end(r#"ab"cd""#), Some((2, false)));
        assert_eq!(end(r#"a\"b"c"#), Some((4, true)));
        assert_eq!(end(r#"a\\"b"#), Some((3, true)));
        assert_eq!(end(r#"a\\\"b\\\\"c"#), Some((10, true)));
        assert_eq!(end(r#"0123456789abcdef\u0041"z"#), Some((22, true)));
        assert_eq!(end(r#"\""#), None);
        assert_eq!(end(r"abc"), None);
        assert_eq!(end("ab\ncd\"e"), None, "a raw line feed");
        assert_eq!(end("0123456789\t\""), None, "a raw tab");
        assert_eq!(
            end("é\\é\""),
            Some((5, true)),
            "a backslash before a non-ASCII character"
        );
    }

    #[test]
    fn the_word_search_finds_what_the_byte_search_finds() {
        // Every byte value at every position of a slice of each length up to 24, among
        // plain bytes, ASCII and not.
        for len in 0..24 {
            for filler in [b'a', 0x7f, 0x80, 0xff, b' '] {
                for at in 0..len {
                    for byte in 0..=255u8 {
                        let mut bytes = vec![filler; len];
                        bytes[at] = byte;
                        let expected = bytes.iter().position(|&b| is_special(b));
                        assert_eq!(find_special(&bytes), expected, "{bytes:?}");
                    }
                }
            }
            assert_eq!(find_special(&vec![b'x'; len]), None);
        }
        // Several special bytes: the first one.
        assert_eq!(find_special(b"abcdefg\"\\\x01\x00"), Some(7));
        assert_eq!(find_special(b"\x1f\"abcdefgh"), Some(0));
    }

    #[test]
    fn numbers_are_read_as_serde_json_reads_them() {
        for (text, number) in [
            ("0,", Some("0")),
            ("-0}", Some("-0")),
            ("400 ", Some("400")),
            ("-1.5e+10,", Some("-1.5e+10")),
            ("1E5", Some("1E5")),
            ("0.0e-0", Some("0.0e-0")),
            ("01", Some("0")),
            ("1.", None),
            ("1.e5", None),
            ("1e", None),
            ("1e+", None),
            ("-", None),
            ("-a", None),
            ("+1", None),
            (".5", None),
        ] {
            let mut scanner = Scanner { rest: text };
            assert_eq!(scanner.number(), number, "{text:?}");
        }
    }

    #[test]
    fn only_the_simple_shape_is_read() {
        let simple = " \r\n{ \"Code\" :\t\"X\" , \"code2\":null,\"A\":true,\"B\":false,\"C\":-1.5e3,\"HttpStatus\":404,\"D\":\"\\n\"}\n";
        assert!(parse(simple, 32).is_some());
        assert!(parse(simple, 1).is_some());
        assert!(parse(simple, 0).is_none(), "the depth limit");
        assert!(parse("{}", 1).is_some());
        for not_simple in [
            r#"{"Code":"X","Data":{}}"#,
            r#"{"Code":"X","Data":[]}"#,
            r#"{"Code":"X",}"#,
            r#"{,"Code":"X"}"#,
            r#"{"Code":"X"} x"#,
            r#"{"Code":"X"}}"#,
            r#"{"Code":"X""#,
            r#"{"Code":"X"#,
            r#"{"Code":'X'}"#,
            r#"{"Code" "X"}"#,
            r#"{"Code":"X" "Message":"m"}"#,
            r#"{"Code":"X","Code":"Y"}"#,
            r#"{"Code":"X","code":"Y"}"#,
            r#"{"Code":5}"#,
            r#"{"Code":true}"#,
            r#"{"Code":nul}"#,
            r#"{"Code":nullx}"#,
            r#"{"HttpStatus":"400","Code":"X"}"#,
            r#"{"HttpStatus":4000,"Code":"X"}"#,
            r#"{"HttpStatus":099,"Code":"X"}"#,
            r#"{"HttpStatus":400.0,"Code":"X"}"#,
            r#"{"HttpStatus":4e2,"Code":"X"}"#,
            r#"{"HttpStatus":-400,"Code":"X"}"#,
            r#"{"Code":"X","A":01}"#,
            r#"{"Code":"X","A":truex}"#,
            r#"{"Code":"X","A":"\ud800"}"#,
            "{\"Code\":\"X\nY\"}",
            "{\"Code\":\"X\u{1}\"}",
            "{\"Code\":\"X\"}\u{1}",
            "\u{feff}{\"Code\":\"X\"}",
            "[]",
            "",
        ] {
            assert!(parse(not_simple, 32).is_none(), "{not_simple:?}");
        }
    }
}
