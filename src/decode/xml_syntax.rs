//! Well-formedness: the rules of XML 1.0 and of Namespaces in XML 1.0 that quick-xml does not
//! check (it splits a body into markup and text and checks that tags nest, little more),
//! written once for both XML paths. Each function takes one piece of markup exactly as it
//! stands in the body and says what is wrong with it, so that errcat accepts only bodies a
//! conformant parser accepts (`tests/xml_wellformed.rs` checks that against expat).
//!
//! What errcat reads is a strict subset of well-formed XML:
//! - the declaration, if any, comes first (after a byte-order mark) and is `version` 1.0, then
//!   optionally `encoding` UTF-8 (any case: the body is UTF-8, and another encoding would
//!   give the same bytes a second reading), then optionally `standalone` `yes` or `no`;
//! - namespaces: element names have no prefix, since a namespace-aware reader sees `Code` in
//!   `<k:Code>` and a plain one does not, and one body must never read two ways. Attributes
//!   carry nothing errcat reads; besides unprefixed ones, only namespace declarations
//!   (`xmlns`, `xmlns:p`, checked as Namespaces in XML 1.0 requires) and `xml:` attributes
//!   (`xml:lang`, whose prefix is always bound) are allowed. So no prefix is ever unbound;
//!   and a default namespace is declared on the root if anywhere, so every element is in the
//!   root's namespace (no child can leave it for another);
//! - processing instructions' targets are names without a colon, and not `xml` in any case;
//! - names are XML 1.0's `Name`s without a colon, narrowed to the characters every edition
//!   of XML 1.0 (and so every parser) agrees on (`errcat_wire::is_name_start`, the rule
//!   errcat's writers follow too). The fifth edition allows far more (U+FEFF starts a name
//!   there), but expat, libxml2 and others still follow the fourth edition's tables, which
//!   refuse it;
//! - a namespace name has no whitespace (it is a URI reference; namespace-aware parsers such
//!   as expat split expanded names at a space or another separator).

use std::borrow::Cow;

use errcat_wire::envelope::XML_DECLARATION;
use errcat_wire::xml::is_xml_char;
use errcat_wire::{is_name_char, is_name_start};

use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::BytesRef;

use super::fields::SPACE;

/// What is wrong with a piece of markup, as the detail of a syntax error.
pub(crate) type Problem = Cow<'static, str>;

/// How a declaration (and a processing instruction named like one) starts.
pub(crate) const DECLARATION_START: &str = "<?xml";

/// `<?xml version="1.0" encoding="UTF-8" standalone="no"?>`, with `encoding` and `standalone`
/// optional, in this order, in single or double quotes, with whitespace as XML allows it.
pub(crate) fn declaration(raw: &str) -> Result<(), Problem> {
    const MALFORMED: &str = "the XML declaration is not `<?xml version=\"1.0\" ...?>` with \
                             `encoding` and `standalone` optional, in this order";
    // The declaration nearly every server writes, errcat's included: one comparison.
    if raw == XML_DECLARATION {
        return Ok(());
    }
    let inner = raw
        .strip_prefix(DECLARATION_START)
        .and_then(|r| r.strip_suffix("?>"));
    let mut cursor = Cursor(inner.ok_or(MALFORMED)?);
    // 0: nothing read yet; then the index + 1 of the last pseudo-attribute read.
    let mut read = 0;
    loop {
        let spaced = cursor.space();
        if cursor.0.is_empty() {
            break;
        }
        let name = cursor.ncname().filter(|_| spaced).ok_or(MALFORMED)?;
        let value = cursor.equals_quoted().ok_or(MALFORMED)?;
        read = match (read, name) {
            (0, "version") if value == "1.0" => 1,
            (0, "version") => return Err("errcat reads XML 1.0 only: `version=\"1.0\"`".into()),
            (1, "encoding") if value.eq_ignore_ascii_case("UTF-8") => 2,
            (1, "encoding") => {
                return Err(format!(
                    "the declaration says encoding {value:?}, but the body is UTF-8 (and read \
                     as that encoding it would say something else)"
                )
                .into());
            }
            (1 | 2, "standalone") if matches!(value, "yes" | "no") => 3,
            _ => return Err(MALFORMED.into()),
        };
    }
    if read == 0 {
        return Err(MALFORMED.into());
    }
    Ok(())
}

/// A start tag, `<Name (S Attribute)* S? >`, or with `empty`, `... />`: the name has no
/// prefix, attributes are separated by whitespace, quoted, unique, without `<` and with only
/// defined references, and namespace declarations are valid; below the `root`, none
/// declares a default namespace.
pub(crate) fn start_tag(raw: &str, empty: bool, root: bool) -> Result<(), Problem> {
    let inner = raw.strip_prefix('<');
    let inner = if empty {
        inner.and_then(|r| r.strip_suffix("/>"))
    } else {
        inner.and_then(|r| r.strip_suffix('>'))
    };
    let mut cursor = Cursor(inner.ok_or("a malformed start tag")?);
    element_name(&mut cursor)?;
    let mut names = Vec::new();
    loop {
        let spaced = cursor.space();
        if cursor.0.is_empty() {
            break;
        }
        if !spaced {
            return Err(
                "attributes must be separated from the name and each other by whitespace".into(),
            );
        }
        let (prefix, local) = cursor.qname().ok_or("an attribute without a valid name")?;
        let value = cursor
            .equals_quoted()
            .ok_or("an attribute without `=` and a quoted value")?;
        attribute_value(value)?;
        attribute_namespace(prefix, local, value)?;
        if !root && (prefix, local) == (None, "xmlns") {
            return Err(BELOW_THE_ROOT.into());
        }
        names.push((prefix, local));
    }
    // Sorted rather than compared pairwise: a hostile tag may have 100,000 attributes.
    names.sort_unstable();
    if let Some(pair) = names.windows(2).find(|pair| pair[0] == pair[1]) {
        let (prefix, local) = pair[0];
        let name = prefix.map_or_else(|| local.to_owned(), |p| format!("{p}:{local}"));
        return Err(format!("the attribute `{name}` appears twice in one tag").into());
    }
    Ok(())
}

/// Why a default namespace may be declared on the root only: every element is then in the
/// root's namespace, so a namespace-aware reader finds the fields errcat finds. In
/// `<problem xmlns="urn:ietf:rfc:7807"><code xmlns="urn:x">X</code></problem>` such a reader
/// sees no problem `code` at all, errcat would see `X`.
const BELOW_THE_ROOT: &str = "a default namespace is declared below the root element, which \
     would put this element in another namespace than its siblings; errcat reads envelopes \
     whose elements share the root's namespace";

/// An element's name: a name without a prefix (see the module's note on namespaces).
fn element_name<'a>(cursor: &mut Cursor<'a>) -> Result<&'a str, Problem> {
    let name = cursor
        .ncname()
        .ok_or("a tag without a valid element name")?;
    if cursor.0.starts_with(':') {
        return Err(format!(
            "the element name `{name}:...` has a namespace prefix; errcat reads envelopes \
             without prefixed elements (a prefixed `Code` is the code to one reader and \
             an unknown field to another)"
        )
        .into());
    }
    Ok(name)
}

/// An end tag, `</Name S? >`.
pub(crate) fn end_tag(raw: &str) -> Result<(), Problem> {
    let inner = raw.strip_prefix("</").and_then(|r| r.strip_suffix('>'));
    let mut cursor = Cursor(inner.ok_or("a malformed end tag")?);
    element_name(&mut cursor)?;
    cursor.space();
    if !cursor.0.is_empty() {
        return Err("an end tag holds its name only".into());
    }
    Ok(())
}

/// An attribute's value, between its quotes: no `<`, and each `&` a defined reference.
fn attribute_value(value: &str) -> Result<(), Problem> {
    if value.contains('<') {
        return Err("`<` in an attribute value (write `&lt;`)".into());
    }
    let mut rest = value;
    while let Some((_, after)) = rest.split_once('&') {
        let (name, after) = after
            .split_once(';')
            .ok_or("`&` in an attribute value without `;` (write `&amp;`)")?;
        resolve(name).map_err(|bad| bad.problem(name))?;
        rest = after;
    }
    Ok(())
}

/// The namespace rules for one attribute: only `xmlns`, `xmlns:p` and `xml:*` may be (or
/// declare) prefixed, a prefix is never undeclared, and the reserved prefixes and namespace
/// names are not rebound.
fn attribute_namespace(prefix: Option<&str>, local: &str, value: &str) -> Result<(), Problem> {
    const RESERVED: [&str; 2] = [
        "http://www.w3.org/XML/1998/namespace",
        "http://www.w3.org/2000/xmlns/",
    ];
    let declaration = match (prefix, local) {
        (None, "xmlns") => true,
        (None, _) | (Some("xml"), _) => false,
        (Some("xmlns"), "xml" | "xmlns") => {
            return Err(format!("the prefix `{local}` is reserved and cannot be declared").into());
        }
        (Some("xmlns"), _) if value.is_empty() => {
            return Err(format!(
                "`xmlns:{local}=\"\"` undeclares a prefix, which XML 1.0 namespaces forbid"
            )
            .into());
        }
        (Some("xmlns"), _) => true,
        (Some(prefix), _) => {
            return Err(format!(
                "the attribute `{prefix}:{local}` has a namespace prefix; errcat reads only \
                 unprefixed attributes, `xml:` ones and namespace declarations"
            )
            .into());
        }
    };
    let unusual = value.contains('&') || value.contains(SPACE);
    if declaration && (unusual || RESERVED.contains(&value)) {
        return Err(format!(
            "the namespace name {value:?} is reserved, or has whitespace or references"
        )
        .into());
    }
    Ok(())
}

/// A comment, `<!--` text `-->`, where the text has no `--` and does not end with `-`.
pub(crate) fn comment(raw: &str) -> Result<(), Problem> {
    let text = raw.strip_prefix("<!--").and_then(|r| r.strip_suffix("-->"));
    match text {
        Some(text) if !text.contains("--") && !text.ends_with('-') => Ok(()),
        _ => Err("a comment holds `--`, or is not closed by `-->`".into()),
    }
}

/// A processing instruction, `<?target?>` or `<?target S anything?>`: the target is a name
/// without a colon, and not `xml` in any case (only the declaration is, and only first).
pub(crate) fn processing_instruction(raw: &str) -> Result<(), Problem> {
    let inner = raw.strip_prefix("<?").and_then(|r| r.strip_suffix("?>"));
    let mut cursor = Cursor(inner.ok_or("a malformed processing instruction")?);
    let target = cursor
        .ncname()
        .ok_or("a processing instruction without a valid target name")?;
    if target.eq_ignore_ascii_case("xml") {
        return Err(
            "an XML declaration (`<?xml ...?>`) is allowed only at the very start of the body"
                .into(),
        );
    }
    if !cursor.0.is_empty() && !cursor.space() {
        return Err("a processing instruction's target is followed by whitespace".into());
    }
    Ok(())
}

/// A CDATA section, exactly `<![CDATA[` text `]]>`.
pub(crate) fn cdata(raw: &str) -> Result<(), Problem> {
    if raw.starts_with("<![CDATA[") && raw.ends_with("]]>") {
        Ok(())
    } else {
        Err("a malformed CDATA section".into())
    }
}

/// Text between markup: `]]>` only ends a CDATA section, and may not appear in text.
pub(crate) fn text(raw: &str) -> Result<(), Problem> {
    if raw.contains("]]>") {
        return Err("`]]>` in text (write `]]&gt;`)".into());
    }
    Ok(())
}

/// What a reference stands for.
pub(crate) enum Reference {
    Char(char),
    Entity(&'static str),
}

/// Why a reference cannot be resolved.
pub(crate) enum BadReference {
    /// Not a character XML 1.0 allows (`&#0;`, `&#27;`, `&#xFFFE;`, a surrogate, over
    /// U+10FFFF, or malformed).
    InvalidChar,
    /// Neither one of the five predefined entities nor a character reference.
    Undefined,
}

impl BadReference {
    /// The detail of the error for `&name;`.
    pub(crate) fn problem(&self, name: &str) -> Problem {
        match self {
            BadReference::InvalidChar => {
                format!("`&{name};` is not a character reference to a character XML 1.0 allows")
            }
            BadReference::Undefined => format!(
                "`&{name};` is not defined (only &lt; &gt; &amp; &apos; &quot; and character \
                 references are)"
            ),
        }
        .into()
    }
}

/// The reference `&name;`, as both paths resolve it, in text and in attribute values.
pub(crate) fn resolve(name: &str) -> Result<Reference, BadReference> {
    match BytesRef::new(name).resolve_char_ref() {
        Ok(Some(c)) if is_xml_char(c) => Ok(Reference::Char(c)),
        Ok(Some(_)) | Err(_) => Err(BadReference::InvalidChar),
        Ok(None) => resolve_xml_entity(name)
            .map(Reference::Entity)
            .ok_or(BadReference::Undefined),
    }
}

/// What is left of a piece of markup to read.
struct Cursor<'a>(&'a str);

impl<'a> Cursor<'a> {
    /// Skips whitespace (XML's `S`); whether there was any.
    fn space(&mut self) -> bool {
        let rest = self.0.trim_start_matches(SPACE);
        let skipped = rest.len() != self.0.len();
        self.0 = rest;
        skipped
    }

    /// A name without a colon (`NCName`), as the module's note narrows it.
    fn ncname(&mut self) -> Option<&'a str> {
        let mut chars = self.0.char_indices();
        let (_, first) = chars.next()?;
        if !is_name_start(first) {
            return None;
        }
        let end = chars
            .find(|&(_, c)| !is_name_char(c))
            .map_or(self.0.len(), |(at, _)| at);
        let (name, rest) = self.0.split_at_checked(end)?;
        self.0 = rest;
        Some(name)
    }

    /// A qualified name, `NCName` or `NCName:NCName`, as (prefix, local part).
    fn qname(&mut self) -> Option<(Option<&'a str>, &'a str)> {
        let first = self.ncname()?;
        let Some(rest) = self.0.strip_prefix(':') else {
            return Some((None, first));
        };
        self.0 = rest;
        let local = self.ncname()?;
        Some((Some(first), local))
    }

    /// `S? = S?` and a value in single or double quotes, as the text between them.
    fn equals_quoted(&mut self) -> Option<&'a str> {
        self.space();
        self.0 = self.0.strip_prefix('=')?;
        self.space();
        let quote = self.0.chars().next().filter(|&q| q == '"' || q == '\'')?;
        let (value, rest) = self.0.get(1..)?.split_once(quote)?;
        self.0 = rest;
        Some(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_are_version_1_0_and_utf_8() {
        for good in [
            "<?xml version=\"1.0\"?>",
            "<?xml version='1.0' encoding='utf-8' standalone='no' ?>",
            "<?xml version = \"1.0\"\n encoding=\"UTF-8\"?>",
            "<?xml version=\"1.0\" standalone=\"yes\"?>",
        ] {
            assert!(declaration(good).is_ok(), "{good}");
        }
        for bad in [
            "<?xml?>",
            "<?xml version=\"1.1\"?>",
            "<?xml encoding=\"UTF-8\"?>",
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?>",
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
            "<?xml version=\"1.0\"encoding=\"UTF-8\"?>",
            "<?xml version=\"1.0\" standalone=\"yes\" encoding=\"UTF-8\"?>",
            "<?xml version=\"1.0\" standalone=\"YES\"?>",
            "<?xml version=\"1.0\" version=\"1.0\"?>",
            "<?xml version=\"1.0\" garbage?>",
            "<?xml version=1.0?>",
            "<?xml version=\"1.0'?>",
        ] {
            assert!(declaration(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn start_tags_have_valid_unique_attributes() {
        for good in [
            ("<KMS>", false),
            ("<KMS a=\"1\" b='2'\n>", false),
            ("<KMS a=\"&lt;&#65;>\"/>", true),
            (
                "<KMS xmlns=\"urn:x\" xmlns:k=\"urn:k\" xml:lang=\"en\">",
                false,
            ),
            ("<é·-.1 a = \"\" />", true),
        ] {
            assert!(start_tag(good.0, good.1, true).is_ok(), "{good:?}");
        }
        for bad in [
            "<KMS a=b>",
            "<KMS a=\"<\">",
            "<KMS a=\"1\" a=\"2\">",
            "<KMS a=\"1\"b=\"2\">",
            "<Code x>",
            "<1KMS>",
            "< KMS>",
            "<k:KMS>",
            "<KMS k:a=\"1\">",
            "<KMS a:=\"1\">",
            "<KMS xmlns:p=\"\">",
            "<KMS xmlns:xmlns=\"u\">",
            "<KMS xmlns:xml=\"http://www.w3.org/XML/1998/namespace\">",
            "<KMS xmlns=\"http://www.w3.org/2000/xmlns/\">",
            "<KMS xmlns:p=\"u\" xmlns:p=\"v\">",
            "<KMS a=\"&lol;\">",
            "<KMS a=\"&#xFFFE;\">",
            "<KMS a=\"a & b\">",
            "<KMS a=\"1\">x",
        ] {
            assert!(start_tag(bad, false, true).is_err(), "{bad}");
        }
        assert!(
            start_tag("<KMS/>", false, true).is_err(),
            "`/` is no attribute"
        );
        // A default namespace on the root only; prefixes may be declared anywhere.
        assert!(start_tag("<code xmlns=\"urn:x\">", false, false).is_err());
        assert!(start_tag("<code xmlns:k=\"urn:k\">", false, false).is_ok());
    }

    #[test]
    fn the_other_markup() {
        assert!(end_tag("</Code>").is_ok() && end_tag("</Code \n>").is_ok());
        for bad in ["</ Code>", "</Code x>", "</k:Code>", "</>"] {
            assert!(end_tag(bad).is_err(), "{bad}");
        }
        assert!(comment("<!---->").is_ok() && comment("<!-- a - b -->").is_ok());
        for bad in ["<!--->", "<!-- a--b -->", "<!-- x --->"] {
            assert!(comment(bad).is_err(), "{bad}");
        }
        assert!(processing_instruction("<?pi?>").is_ok());
        assert!(processing_instruction("<?xml-stylesheet href='a'?>").is_ok());
        for bad in [
            "<?xml version=\"1.0\"?>",
            "<?XmL?>",
            "<?a:b?>",
            "<??>",
            "<?a?b?>",
        ] {
            assert!(processing_instruction(bad).is_err(), "{bad}");
        }
        assert!(text("a]]b>").is_ok() && text("a]]>").is_err());
        assert!(cdata("<![CDATA[x]]>").is_ok() && cdata("<![cdata[x]]>").is_err());
    }

    #[test]
    fn references_name_xml_characters() {
        for good in ["lt", "amp", "#65", "#x1F600", "#x9", "#xD7FF", "#xFFFD"] {
            assert!(resolve(good).is_ok(), "{good}");
        }
        for bad in [
            "#0", "#27", "#xFFFE", "#xFFFF", "#xD800", "#x110000", "#X41", "lol",
        ] {
            assert!(resolve(bad).is_err(), "{bad}");
        }
    }
}
