//! Showing text from outside to people: one rule for every `Display` of errcat's and every
//! line the `errcat` command prints from a catalog or a body.
//!
//! A hostile server (or catalog) must not be able to forge log lines or make a terminal show
//! something other than what was sent. So the characters that move the cursor, reorder or
//! hide text are escaped, Rust-style (`\n`, `\u{202e}`), and everything else is shown as is:
//!
//! | class | characters |
//! |---|---|
//! | control characters (Unicode `Cc`) | U+0000..U+001F, U+007F..U+009F |
//! | line and paragraph separators (`Zl`, `Zp`) | U+2028, U+2029 |
//! | format characters (`Cf`): bidi embeddings, overrides and isolates, zero-width characters, the byte-order mark, tags, ... | U+202A..U+202E, U+2066..U+2069, U+200B..U+200F, U+2060..U+2064, U+FEFF, U+E0001, U+E0020..U+E007F, and every other `Cf` character of Unicode 15.1 |
//!
//! [`line()`] escapes all of them (one log line stays one line); [`block()`] keeps line feeds
//! and tabs, for multi-line text such as a catalog's descriptions.
//!
//! ```
//! use errcat_wire::show;
//!
//! assert_eq!(show::line("a\nb\u{202e}c").to_string(), "a\\nb\\u{202e}c");
//! assert_eq!(show::block("a\n\tb\u{200b}").to_string(), "a\n\tb\\u{200b}");
//! ```

use core::fmt;

/// Whether `c` is escaped when shown: a control character, a line or paragraph separator, or
/// an invisible format character (Unicode categories `Cc`, `Zl`, `Zp`, `Cf`).
#[must_use]
pub const fn is_hidden(c: char) -> bool {
    matches!(c,
        // Cc
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        // Zl, Zp
        | '\u{2028}' | '\u{2029}'
        // Cf (Unicode 15.1)
        | '\u{ad}' | '\u{600}'..='\u{605}' | '\u{61c}' | '\u{6dd}' | '\u{70f}'
        | '\u{890}'..='\u{891}' | '\u{8e2}' | '\u{180e}' | '\u{200b}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}'
        | '\u{feff}' | '\u{fff9}'..='\u{fffb}' | '\u{110bd}' | '\u{110cd}'
        | '\u{13430}'..='\u{1343f}' | '\u{1bca0}'..='\u{1bca3}' | '\u{1d173}'..='\u{1d17a}'
        | '\u{e0001}' | '\u{e0020}'..='\u{e007f}')
}

/// `text` shown on one line: every [hidden](is_hidden) character escaped, line breaks
/// included.
#[must_use]
pub const fn line(text: &str) -> Shown<'_> {
    Shown {
        text,
        keep_line_breaks: false,
    }
}

/// `text` shown as a block of lines: line feeds and tabs kept, every other
/// [hidden](is_hidden) character escaped (a carriage return too: it would move the cursor
/// back over what was printed).
#[must_use]
pub const fn block(text: &str) -> Shown<'_> {
    Shown {
        text,
        keep_line_breaks: true,
    }
}

/// Text to show, escaped as it is written; made by [`line()`] or [`block()`].
#[derive(Clone, Copy, Debug)]
pub struct Shown<'a> {
    text: &'a str,
    keep_line_breaks: bool,
}

impl Shown<'_> {
    fn escapes(&self, c: char) -> bool {
        is_hidden(c) && !(self.keep_line_breaks && matches!(c, '\n' | '\t'))
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.text;
        while let Some((at, c)) = rest.char_indices().find(|&(_, c)| self.escapes(c)) {
            f.write_str(rest.get(..at).unwrap_or_default())?;
            match c {
                '\n' => f.write_str("\\n")?,
                '\t' => f.write_str("\\t")?,
                '\r' => f.write_str("\\r")?,
                _ => write!(f, "\\u{{{:x}}}", u32::from(c))?,
            }
            rest = rest.get(at + c.len_utf8()..).unwrap_or_default();
        }
        f.write_str(rest)
    }
}

#[cfg(test)]
mod tests {
    extern crate alloc;

    use alloc::format;
    use alloc::string::ToString;

    use super::{block, is_hidden, line};

    /// Every character of each class the rule names, and a few neighbours that are shown.
    #[test]
    fn every_class_is_escaped_and_its_neighbours_are_not() {
        let classes: [(&str, &[core::ops::RangeInclusive<u32>]); 8] = [
            ("C0 controls", &[0x0..=0x1f]),
            ("DEL and C1 controls", &[0x7f..=0x9f]),
            ("bidi embeddings and overrides", &[0x202a..=0x202e]),
            ("bidi isolates", &[0x2066..=0x2069]),
            ("line and paragraph separators", &[0x2028..=0x2029]),
            ("zero-width and marks", &[0x200b..=0x200f, 0x2060..=0x2064]),
            (
                "byte-order mark, soft hyphen",
                &[0xfeff..=0xfeff, 0xad..=0xad],
            ),
            ("tags", &[0xe0001..=0xe0001, 0xe0020..=0xe007f]),
        ];
        for (class, ranges) in classes {
            for c in ranges.iter().cloned().flatten().filter_map(char::from_u32) {
                assert!(is_hidden(c), "{class}: U+{:04X}", u32::from(c));
                let shown = line(&format!("a{c}b")).to_string();
                assert!(!shown.contains(c), "{class}: U+{:04X}", u32::from(c));
                assert!(shown.starts_with("a\\") && shown.ends_with('b'), "{shown}");
            }
        }
        for shown in [
            'a', ' ', '~', '\u{a0}', 'é', '\u{2027}', '\u{202f}', '\u{2070}', '😀',
        ] {
            assert!(!is_hidden(shown), "U+{:04X}", u32::from(shown));
        }
    }

    #[test]
    fn escapes_read_as_rust_escapes() {
        assert_eq!(
            line("1\n2\r3\t4\u{1b}[2J\u{202e}\u{e0041}").to_string(),
            "1\\n2\\r3\\t4\\u{1b}[2J\\u{202e}\\u{e0041}"
        );
        assert_eq!(
            block("1\n2\r\n3\t4\u{2028}").to_string(),
            "1\n2\\r\n3\t4\\u{2028}"
        );
        assert_eq!(line("").to_string(), "");
        assert_eq!(line("plain é 日本").to_string(), "plain é 日本");
    }
}
