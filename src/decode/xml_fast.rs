//! The XML fast path: a hand-written scanner for the one shape servers send, tried before
//! quick-xml. It either returns exactly the fields the quick-xml parser (`xml.rs`, "the slow
//! path") would return, or `None` ("not simple"), and the slow path then reads the body from
//! the start. It never returns an error: every refusal, with its message and offset, is the
//! slow path's.
//!
//! Why: quick-xml's reader re-checks UTF-8 for each event and keeps a heap stack of open
//! tags, which made it most of the cost of decoding an envelope and 2 to 3 allocations per
//! body. The body is already valid UTF-8 here, and every syntax character is ASCII, so the
//! scanner works on bytes, slices only at ASCII characters it found, and borrows all text
//! without references or carriage returns (one allocation per field that has them).
//!
//! The accepted grammar, on the body after the byte-order mark (anything else is "not
//! simple"):
//!
//! ```text
//! document  := declaration? S? root S? EOF
//! declaration := '<?xml' <anything up to the first '?>'> '?>'
//!              (as `xml_syntax::declaration`, the slow path's rule, accepts it)
//! root      := '<' Name '>' (S? field)* S? '</' Name '>'        (the same Name twice)
//! field     := '<' Name '/>' | '<' Name '>' content '</' Name '>'
//! content   := (chars | reference)*           (without `]]>`)
//! chars     := any characters but '<' and '&'
//! reference := '&' (lt | gt | amp | apos | quot | '#' digits | '#x' hex-digits) ';'
//!              (a character reference names a character XML 1.0 allows)
//! Name      := [A-Za-z_] [A-Za-z0-9_.-]*      (`errcat_wire::ascii_name_len`; no `:`)
//! S         := [ \t\r\n]+                    (`fields::SPACE`)
//! ```
//!
//! and nowhere a character XML 1.0 refuses raw (a C0 control but tab, line feed and carriage
//! return; U+FFFE, U+FFFF).
//!
//! So: no attributes, comments, CDATA, processing instructions (but the declaration),
//! DOCTYPE, nested elements or text directly in the root. Within it the slow path's rules
//! hold because they are the same code or the same checks:
//! - limits: the size is checked before either path; depth is 2 at most, so the fast path
//!   declines when the limit is below 2;
//! - characters: `xml_fields::scan`, the slow path's own pass, refuses the same ones; it
//!   also says whether any `&`, carriage return or `]` exists, so text is only looked at
//!   when it may need decoding or may hold `]]>` (`xml_syntax::text`, the slow path's rule);
//! - the declaration and references: `xml_syntax::declaration` and `xml_syntax::resolve`,
//!   the slow path's own functions; references are split where quick-xml splits them (`&`
//!   up to `;`, declining if `&` or `<` comes first);
//! - a raw CR LF or lone CR in text reads as a line feed, per run of text between
//!   references, as quick-xml's `xml10_content` does;
//! - fields are filed by `xml_fields::store`, the slow path's own function (known names in any
//!   case, duplicates, `HttpStatus`, whitespace around values, unknown fields kept in order);
//!   on any error the fast path declines, and the slow path reports it.

use std::borrow::Cow;

use errcat_wire::ascii_name_len;

use super::fields::{Fields, is_space};
use super::xml_fields::{self, FieldValue, found};
use super::xml_syntax::{self, Reference};

/// The fields of `body`, or `None` when it is not in the simple shape or any rule refuses
/// it (then the slow path must read it).
pub(crate) fn parse(body: &str, max_depth: usize) -> Option<Fields<'_>> {
    // The root is depth 1 and its fields depth 2.
    if max_depth < 2 {
        return None;
    }
    // Bodies with a refused character decline: the slow path says where it is.
    let found = xml_fields::scan(body).ok()?;
    let mut scanner = Scanner {
        rest: body,
        may_need_decoding: found & (found::AMPERSAND | found::CARRIAGE_RETURN) != 0,
        may_hold_cdata_end: found & found::BRACKET != 0,
    };
    // The declaration comes first or not at all.
    scanner.declaration()?;
    scanner.skip_space();
    let root = match scanner.start_tag()? {
        Tag::Open(name) => name,
        Tag::Empty(_) => return None,
    };
    let mut fields = Fields::default();
    loop {
        scanner.skip_space();
        if scanner.rest.starts_with("</") {
            scanner.end_tag(root)?;
            break;
        }
        let (name, text) = scanner.field()?;
        xml_fields::store(&mut fields, Cow::Borrowed(name), FieldValue::Text(text)).ok()?;
    }
    scanner.skip_space();
    scanner.rest.is_empty().then_some(fields)
}

/// What is left of the body to read. Every slice is taken at an ASCII byte the scanner
/// found (a character boundary in valid UTF-8), and through `get`, `split_at_checked` or
/// `strip_prefix`, so no input can make it panic.
struct Scanner<'a> {
    rest: &'a str,
    /// Whether the body has a `&` or a carriage return anywhere: without one, no text
    /// needs decoding, and is not even looked at.
    may_need_decoding: bool,
    /// Whether the body has a `]` anywhere: without one, no text can hold `]]>`.
    may_hold_cdata_end: bool,
}

/// A start tag, with its name.
enum Tag<'a> {
    /// `<Name>`
    Open(&'a str),
    /// `<Name/>`
    Empty(&'a str),
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

    /// Skips an XML declaration if one comes next: `<?xml` up to the first `?>` (where XML
    /// and quick-xml end it too), checked by the slow path's own rule
    /// (`xml_syntax::declaration`). `None` for one it refuses, or for `<?xml-stylesheet`
    /// and such, which are processing instructions.
    fn declaration(&mut self) -> Option<()> {
        if !self.rest.starts_with(xml_syntax::DECLARATION_START) {
            return Some(());
        }
        let end = self.rest.find("?>")? + 2;
        let (declaration, rest) = self.rest.split_at_checked(end)?;
        xml_syntax::declaration(declaration).ok()?;
        self.rest = rest;
        Some(())
    }

    /// `<Name>` or `<Name/>`, without attributes or whitespace.
    fn start_tag(&mut self) -> Option<Tag<'a>> {
        let (name, after) = split_name(self.rest.strip_prefix('<')?)?;
        if let Some(rest) = after.strip_prefix('>') {
            self.rest = rest;
            Some(Tag::Open(name))
        } else {
            self.rest = after.strip_prefix("/>")?;
            Some(Tag::Empty(name))
        }
    }

    /// `</Name>` for exactly this name, without whitespace.
    fn end_tag(&mut self, name: &str) -> Option<()> {
        let after = self.rest.strip_prefix("</")?.strip_prefix(name)?;
        self.rest = after.strip_prefix('>')?;
        Some(())
    }

    /// One field element and its text.
    fn field(&mut self) -> Option<(&'a str, Cow<'a, str>)> {
        let name = match self.start_tag()? {
            Tag::Empty(name) => return Some((name, Cow::Borrowed(""))),
            Tag::Open(name) => name,
        };
        let text = self.text()?;
        self.end_tag(name)?;
        Some((name, text))
    }

    /// The text up to the next `<`: borrowed when it has no reference and no carriage
    /// return, else decoded into one string.
    fn text(&mut self) -> Option<Cow<'a, str>> {
        let (raw, rest) = self.rest.split_at_checked(self.rest.find('<')?)?;
        self.rest = rest;
        if self.may_hold_cdata_end {
            xml_syntax::text(raw).ok()?;
        }
        if self.may_need_decoding && raw.bytes().any(|b| b == b'&' || b == b'\r') {
            decode(raw).map(Cow::Owned)
        } else {
            Some(Cow::Borrowed(raw))
        }
    }
}

/// The ASCII name at the start of `text` and what follows it; `None` if no such name starts
/// there. A name that goes on past ASCII, or with a `:` (a prefix), is cut short here, and
/// the tag then declines: the slow path reads or refuses it.
fn split_name(text: &str) -> Option<(&str, &str)> {
    match ascii_name_len(text.as_bytes()) {
        0 => None,
        len => text.split_at_checked(len),
    }
}

/// Text with references and end-of-line normalization applied, or `None` for a reference
/// the slow path would refuse (unclosed, undefined, an invalid character).
fn decode(raw: &str) -> Option<String> {
    // Each reference is shorter than its text and normalization only shortens, so this is
    // the one allocation.
    let mut text = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some((run, after)) = rest.split_once('&') {
        push_run(&mut text, run);
        // `raw` holds no `<`: quick-xml ends a reference at `;`, and refuses one that
        // meets `&` (or `<`, or the end) first.
        let end = after.find([';', '&'])?;
        let (reference, after) = after.split_at_checked(end)?;
        rest = after.strip_prefix(';')?;
        push_reference(&mut text, reference)?;
    }
    push_run(&mut text, rest);
    Some(text)
}

/// A run of text between references, with CR LF and lone CR read as LF.
fn push_run(text: &mut String, run: &str) {
    let mut pieces = run.split('\r');
    if let Some(first) = pieces.next() {
        text.push_str(first);
    }
    for piece in pieces {
        text.push('\n');
        text.push_str(piece.strip_prefix('\n').unwrap_or(piece));
    }
}

/// The text of the reference `&name;`, by the slow path's own rule (`xml_syntax::resolve`),
/// or `None` where it refuses it.
fn push_reference(text: &mut String, name: &str) -> Option<()> {
    match xml_syntax::resolve(name).ok()? {
        Reference::Char(c) => text.push(c),
        Reference::Entity(entity) => text.push_str(entity),
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::{decode, parse, push_run};

    #[test]
    fn runs_normalize_line_ends_as_quick_xml_does() {
        for (run, expected) in [
            ("a\r\nb", "a\nb"),
            ("a\rb", "a\nb"),
            ("\r\r\n\n\r", "\n\n\n\n"),
            ("\r", "\n"),
            ("", ""),
        ] {
            let mut text = String::new();
            push_run(&mut text, run);
            assert_eq!(text, expected, "{run:?}");
        }
    }

    #[test]
    fn references_decode_or_decline() {
        assert_eq!(
            decode("&lt;a&gt; &amp;&apos;&quot; &#233;&#x1F600;&#X41;").as_deref(),
            None,
            "`&#X41;` is refused by quick-xml"
        );
        assert_eq!(
            decode("&lt;a&gt; &amp;&apos;&quot; &#233;&#x1F600;&#0065;").as_deref(),
            Some("<a> &'\" é😀A")
        );
        for refused in [
            "&",
            "&amp",
            "&lol;",
            "&#0;",
            "&#xD800;",
            "&#x110000;",
            "&#;",
            "&#x;",
            "&#+5;",
            "& amp;",
            "&a&b;",
            "&#99999999999;",
        ] {
            assert_eq!(decode(refused), None, "{refused:?}");
        }
    }

    #[test]
    fn only_the_simple_shape_is_read() {
        let simple = "<?xml version=\"1.0\"?>\r\n<KMS>\n  <Code>X</Code><Empty/>\n</KMS>\n";
        assert!(parse(simple, 32).is_some());
        assert!(parse(simple, 1).is_none(), "the depth limit");
        for not_simple in [
            "<KMS a=\"1\"><Code>X</Code></KMS>",
            "<KMS><Code>X</Code><!-- c --></KMS>",
            "<KMS><Code><![CDATA[X]]></Code></KMS>",
            "<KMS><Data><a/></Data></KMS>",
            "<KMS><Code>X</Code></KMS><?pi?>",
            "<KMS><Code>X</Code ></KMS>",
            "<KMS><Code>X</Code>",
            "<KMS/>",
            "<?xml-stylesheet href=\"a\"?><KMS><Code>X</Code></KMS>",
            "<KMS>text<Code>X</Code></KMS>",
            "<KMS><Code>X</Code></KMSX>",
            "<KMS><Code>\u{1}</Code></KMS>",
            "<KMS><Code>A</Code><code>B</code></KMS>",
            "\u{feff}<KMS><Code>X</Code></KMS>",
        ] {
            assert!(parse(not_simple, 32).is_none(), "{not_simple:?}");
        }
    }
}
