//! Escaping for the two wire formats, at build time: the message part of every envelope is
//! escaped once, here, and baked into the generated tables. The runtime escapes only what
//! arrives at run time (request ids, host ids, placeholder arguments) with the same rules.

/// Appends `s` escaped as the inside of a JSON string, exactly as serde_json writes it:
/// `"` and `\` backslashed, `\b \f \n \r \t` short, other controls as `\u00XX`.
pub fn json(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c < ' ' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
}

/// Appends `s` escaped as XML 1.0 element text: `&`, `<`, `>` as entities, `\r` as `&#13;`
/// (a parser would turn a raw one into `\n`), quotes literal, and characters XML 1.0 cannot
/// carry (controls other than tab and newline, U+FFFE, U+FFFF) replaced by U+FFFD.
pub fn xml(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            c if c < ' ' || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    fn json(s: &str) -> String {
        let mut out = String::new();
        super::json(s, &mut out);
        out
    }

    fn xml(s: &str) -> String {
        let mut out = String::new();
        super::xml(s, &mut out);
        out
    }

    #[test]
    fn json_escapes_like_serde_json() {
        assert_eq!(json("a\"b\\c\n\u{1}é/"), "a\\\"b\\\\c\\n\\u0001é/");
    }

    #[test]
    fn xml_escapes_markup_keeps_quotes_and_replaces_what_xml_cannot_carry() {
        assert_eq!(
            xml("\"a\" <b> & ]]> \r\t\u{0}\u{ffff}"),
            "\"a\" &lt;b&gt; &amp; ]]&gt; &#13;\t\u{fffd}\u{fffd}"
        );
    }
}
