//! Envelopes: the one place that knows how an error or success envelope is laid out.
//!
//! An error envelope is made of [`Piece`]s: literal text, already escaped for its format,
//! and slots that only the run time can fill (placeholder arguments, the request id, the
//! host id). Build time turns each code into its pieces with [`error_pieces`], once per
//! format; the run time, the CLI and the generated docs all write them with [`write()`]:
//!
//! ```text
//! {"HttpStatus":400,"Code":"MissingParameter","Message":"The parameter \"   Lit
//! KeyId                                                                     Arg(0)
//! \" is needed but not provided.","RequestId":"                            Lit
//! 3b237773-bc2c-4bea-95fc-319a1a5baa68                                      RequestId
//! ","HostId":" kms.cn-hangzhou.aliyuncs.com "}   (or "} without a host id)  HostId
//! ```
//!
//! The host id's piece carries the text around it, both ways: the fields on either side and,
//! when it comes last, the envelope's close, text that every code of a catalog shares. A
//! server whose host id is fixed joins that piece once ([`join_host_id`]); an envelope whose
//! code has no placeholders is then three copies: the code's head, the request id, the
//! joined host id.
//!
//! ```
//! use errcat_wire::envelope::{self, ErrorFacts, Text, Values};
//! use errcat_wire::{Dialect, Format};
//!
//! let facts = ErrorFacts {
//!     service: "KMS",
//!     status: 404,
//!     code: "Forbidden.KeyNotFound",
//!     message: &[Text::Lit("The specified Key is not found.")],
//!     placeholders: &[],
//!     docs: None,
//! };
//! let pieces = envelope::error_pieces(Dialect::Kms, Format::Json, &facts);
//! let values = Values::<&str> {
//!     args: &[],
//!     placeholders: &[],
//!     request_id: "r1".into(),
//!     host_id: None.into(),
//! };
//! let mut out = String::new();
//! envelope::write(&pieces, Some(Format::Json), &values, &mut out).unwrap();
//! assert_eq!(
//!     out,
//!     r#"{"HttpStatus":404,"Code":"Forbidden.KeyNotFound","Message":"The specified Key is not found.","RequestId":"r1"}"#
//! );
//! ```

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::dialect::{Dialect, Field};
use crate::escape;
use crate::format::Format;
use crate::request_id::RequestIdRef;
use crate::sink::Sink;
use crate::xml::{end_tag, start_tag};

/// The declaration every XML envelope starts with.
pub const XML_DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8"?>"#;

/// One piece of an envelope, in the order written. `S` is the text's type: `&'static str`
/// in generated tables, `String` where pieces are made at run time.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Piece<S = &'static str> {
    /// Text written as it is: escaped for its format when it was made.
    Lit(S),
    /// The placeholder argument at this index, escaped (`<name>` when not given).
    Arg(usize),
    /// The request id, escaped.
    RequestId,
    /// `before`, the host id escaped, and `after`, when there is a host id; `absent` when
    /// there is none. Each holds the literal text around the field up to the next slot, so
    /// that the field costs no copies of its own.
    HostId {
        /// What comes before the host id: the previous field's closing, the field's opening.
        before: S,
        /// What comes after it: the field's closing and the text up to the next slot.
        after: S,
        /// What comes instead of all three: the previous field's closing and the text up to
        /// the next slot.
        absent: S,
    },
}

impl<S> Piece<S> {
    /// The same piece, each of its texts mapped by `f`.
    #[must_use]
    pub fn map<T>(&self, mut f: impl FnMut(&S) -> T) -> Piece<T> {
        match self {
            Piece::Lit(text) => Piece::Lit(f(text)),
            Piece::Arg(index) => Piece::Arg(*index),
            Piece::RequestId => Piece::RequestId,
            Piece::HostId {
                before,
                after,
                absent,
            } => Piece::HostId {
                before: f(before),
                after: f(after),
                absent: f(absent),
            },
        }
    }
}

/// A piece of a message template: literal text, or a placeholder by its index among the
/// template's distinct placeholders.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Text<'a> {
    /// Literal text, unescaped.
    Lit(&'a str),
    /// The placeholder at this index.
    Arg(usize),
}

/// What an error envelope says about one code: everything fixed when the catalog is
/// compiled.
#[derive(Clone, Copy, Debug)]
pub struct ErrorFacts<'a> {
    /// The service's name: the root element of XML envelopes in the `kms` dialect.
    pub service: &'a str,
    /// The code's HTTP status.
    pub status: u16,
    /// The wire code.
    pub code: &'a str,
    /// The message template.
    pub message: &'a [Text<'a>],
    /// The placeholders' names, in the order [`Text::Arg`] indexes them.
    pub placeholders: &'a [&'a str],
    /// The URL of the code's documentation, if the catalog has one.
    pub docs: Option<&'a str>,
}

/// The problem type of a problem without documentation (RFC 9457, section 4.2.1).
pub const NO_TYPE: &str = "about:blank";

/// How docs, titles and a missing argument show the placeholder `name`: `<name>`, as the KMS
/// reference writes `< parameter name >`. Three pieces, so that each can be escaped or
/// written without joining them first.
#[must_use]
pub const fn shown_placeholder(name: &str) -> [&str; 3] {
    ["<", name, ">"]
}

/// What only the run time knows about an error envelope.
#[derive(Clone, Copy, Debug)]
pub struct Values<'a, A> {
    /// The placeholder arguments, in placeholder order; empty when none were given.
    pub args: &'a [A],
    /// The placeholders' names: a missing argument is written as `<name>`.
    pub placeholders: &'a [&'a str],
    /// The request id.
    pub request_id: RequestIdRef<'a>,
    /// The host id.
    pub host_id: HostIdRef<'a>,
}

/// The host id as a writer takes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostIdRef<'a> {
    /// No host id: its field is left out.
    Absent,
    /// The host id, escaped for the format it goes into.
    Text(&'a str),
    /// The host id's whole piece, written as it is: made once by [`join_host_id`] for the
    /// format and the catalog's pieces it is written with.
    Joined(&'a str),
}

impl<'a> From<Option<&'a str>> for HostIdRef<'a> {
    #[inline]
    fn from(host_id: Option<&'a str>) -> Self {
        host_id.map_or(Self::Absent, Self::Text)
    }
}

/// The host id's piece of `pieces` (every code of a catalog has the same one), written whole
/// for `host_id` in `format`: its field and the text around it, or what stands in their place
/// when there is no host id. `None` if `pieces` has no host id's piece.
#[must_use]
pub fn join_host_id<S: AsRef<str>>(
    pieces: &[Piece<S>],
    format: Format,
    host_id: Option<&str>,
) -> Option<String> {
    let mut joined = String::new();
    let piece = pieces.iter().find(|p| matches!(p, Piece::HostId { .. }))?;
    let values = Values::<&str> {
        args: &[],
        placeholders: &[],
        request_id: RequestIdRef::Text(""),
        host_id: host_id.into(),
    };
    crate::sink::infallible(write(
        core::slice::from_ref(piece),
        Some(format),
        &values,
        &mut joined,
    ));
    Some(joined)
}

/// The pieces of a code's error envelope in `format`, its literal text escaped, adjacent
/// literals joined.
#[must_use]
pub fn error_pieces(
    dialect: Dialect,
    format: Format,
    facts: &ErrorFacts<'_>,
) -> Vec<Piece<String>> {
    let mut pieces = Pieces::default();
    let root = dialect.xml_root(facts.service);
    match format {
        Format::Json => pieces.lit("{"),
        Format::Xml => {
            pieces.lit(XML_DECLARATION);
            match dialect.xml_namespace() {
                Some(namespace) => {
                    pieces
                        .lit(&start_tag([root, " xmlns=\"", namespace, "\""]).collect::<String>());
                }
                None => pieces.lit(&start_tag([root]).collect::<String>()),
            }
        }
    }
    let mut last_close = String::new();
    for (index, &(name, field)) in dialect.error_fields().iter().enumerate() {
        let (open, close) = field_tags(format, name, field, index == 0);
        match field {
            Field::HostId => {
                pieces.host_id(&last_close, open, close);
                continue;
            }
            // Only a code with documentation has the field at all.
            Field::Recommend if facts.docs.is_none() => continue,
            _ => {}
        }
        pieces.lit(&open);
        match field {
            Field::Status => pieces.lit(&facts.status.to_string()),
            Field::Code => pieces.escaped(format, facts.code),
            Field::Message => pieces.message(Some(format), facts.message),
            Field::RequestId => pieces.0.push(Piece::RequestId),
            Field::Recommend => pieces.escaped(format, facts.docs.unwrap_or_default()),
            Field::Type => pieces.escaped(format, facts.docs.unwrap_or(NO_TYPE)),
            Field::Title => pieces.message_display(format, facts.message, facts.placeholders),
            Field::HostId => {}
        }
        pieces.lit(&close);
        last_close = close;
    }
    match format {
        Format::Json => pieces.close("}"),
        Format::Xml => pieces.close(&end_tag([root]).collect::<String>()),
    }
    pieces.0
}

/// The pieces of a message alone, unescaped: what `Display` writes.
#[must_use]
pub fn text_pieces(message: &[Text<'_>]) -> Vec<Piece<String>> {
    let mut pieces = Pieces::default();
    pieces.message(None, message);
    pieces.0
}

/// What opens and closes a field: `"Name":"` and `"` (a number has no quotes; a field but
/// the first starts with a comma) in JSON, `<Name>` and `</Name>` in XML.
fn field_tags(format: Format, name: &str, field: Field, first: bool) -> (String, String) {
    match format {
        Format::Json => {
            let comma = if first { "" } else { "," };
            let quote = if field == Field::Status { "" } else { "\"" };
            (
                [comma, "\"", name, "\":", quote].concat(),
                quote.to_string(),
            )
        }
        Format::Xml => (start_tag([name]).collect(), end_tag([name]).collect()),
    }
}

/// Pieces being made: a literal added after a literal joins it. The host id's piece holds
/// only text every code of a catalog shares (the fields around it and the envelope's
/// close), so that [`join_host_id`] can join it once for them all: a literal after it
/// starts a piece of its own, except the envelope's close.
#[derive(Default)]
struct Pieces(Vec<Piece<String>>);

impl Pieces {
    fn lit(&mut self, text: &str) {
        match self.0.last_mut() {
            Some(Piece::Lit(last)) => last.push_str(text),
            _ => self.0.push(Piece::Lit(text.to_string())),
        }
    }

    /// The envelope's close, which joins the host id's piece when that comes last.
    fn close(&mut self, text: &str) {
        match self.0.last_mut() {
            Some(Piece::HostId { after, absent, .. }) => {
                after.push_str(text);
                absent.push_str(text);
            }
            _ => self.lit(text),
        }
    }

    /// The host id's field, opened by `open` and closed by `close`, taking in `last_close`,
    /// the closing of the field before it (the end of the last literal), so that it has
    /// somewhere to go either way.
    fn host_id(&mut self, last_close: &str, open: String, close: String) {
        if let Some(Piece::Lit(last)) = self.0.last_mut() {
            last.truncate(last.len() - last_close.len());
            if last.is_empty() {
                self.0.pop();
            }
        }
        self.0.push(Piece::HostId {
            before: [last_close, &open].concat(),
            after: close,
            absent: last_close.to_string(),
        });
    }

    fn escaped(&mut self, format: Format, text: &str) {
        let mut out = String::new();
        crate::sink::infallible(escape_for(Some(format), text, &mut out));
        self.lit(&out);
    }

    fn message(&mut self, format: Option<Format>, message: &[Text<'_>]) {
        for text in message {
            match *text {
                Text::Lit(text) => match format {
                    Some(format) => self.escaped(format, text),
                    None => self.lit(text),
                },
                Text::Arg(index) => self.0.push(Piece::Arg(index)),
            }
        }
    }

    /// The message template as docs show it, every placeholder as `<name>`, escaped.
    fn message_display(&mut self, format: Format, message: &[Text<'_>], names: &[&str]) {
        for text in message {
            match *text {
                Text::Lit(text) => self.escaped(format, text),
                Text::Arg(index) => {
                    let name = names.get(index).copied().unwrap_or_default();
                    self.escaped(format, &shown_placeholder(name).concat());
                }
            }
        }
    }
}

/// Writes `pieces` to `out`: each literal as it is, each argument, the request id and the
/// host id escaped for `format` (as they are when `format` is `None`, for plain text).
///
/// # Errors
///
/// The first error `out` returns.
#[inline]
pub fn write<S: AsRef<str>, A: AsRef<str>, K: Sink>(
    pieces: &[Piece<S>],
    format: Option<Format>,
    values: &Values<'_, A>,
    out: &mut K,
) -> Result<(), K::Error> {
    write_shaped(pieces, S::as_ref, format, values, out)
}

/// [`write()`] for pieces whose text is kept elsewhere, as generated tables keep it: `text`
/// gives the text of each literal and of the host id's piece, called in the order they are
/// written (so that it may hand out a code's literals one after another).
///
/// # Errors
///
/// The first error `out` returns.
#[inline(always)]
pub fn write_shaped<'p, S, A: AsRef<str>, K: Sink>(
    shape: &'p [Piece<S>],
    mut text: impl FnMut(&'p S) -> &'p str,
    format: Option<Format>,
    values: &Values<'_, A>,
    out: &mut K,
) -> Result<(), K::Error> {
    for piece in shape {
        match piece {
            Piece::Lit(lit) => out.put(text(lit))?,
            Piece::Arg(index) => write_arg(*index, format, values, out)?,
            Piece::RequestId => match values.request_id {
                RequestIdRef::Text(id) => escape_for(format, id, out)?,
                RequestIdRef::Own(id) => out.put_ascii(id.as_bytes())?,
            },
            Piece::HostId {
                before,
                after,
                absent,
            } => match values.host_id {
                HostIdRef::Text(host_id) => {
                    out.put(text(before))?;
                    escape_for(format, host_id, out)?;
                    out.put(text(after))?;
                }
                HostIdRef::Joined(joined) => out.put(joined)?,
                HostIdRef::Absent => out.put(text(absent))?,
            },
        }
    }
    Ok(())
}

/// The argument at `index`, or `<name>` when none was given (escaped per character, so the
/// same as `<name>` escaped whole).
fn write_arg<A: AsRef<str>, K: Sink>(
    index: usize,
    format: Option<Format>,
    values: &Values<'_, A>,
    out: &mut K,
) -> Result<(), K::Error> {
    if let Some(arg) = values.args.get(index) {
        return escape_for(format, arg.as_ref(), out);
    }
    let name = values.placeholders.get(index).copied().unwrap_or_default();
    for text in shown_placeholder(name) {
        escape_for(format, text, out)?;
    }
    Ok(())
}

/// `text` escaped for `format`, or as it is for plain text. Always inlined: the writer
/// calls it with a format known at each use, so the `match` goes away.
#[inline(always)]
fn escape_for<K: Sink>(format: Option<Format>, text: &str, out: &mut K) -> Result<(), K::Error> {
    match format {
        Some(Format::Json) => escape::json(text, out),
        Some(Format::Xml) => escape::xml(text, out),
        None => out.put(text),
    }
}

/// The field of a success envelope that holds the request id.
pub const SUCCESS_REQUEST_ID: &str = "RequestId";

/// The start of a success envelope, up to where the result's fields go:
/// `{"RequestId":"ID"` in JSON (each field then follows with its comma, then `}`);
/// the declaration, `<{action}Response><RequestId>ID</RequestId>` in XML.
///
/// # Errors
///
/// The first error `out` returns.
pub fn success_head<K: Sink>(
    format: Format,
    action: &str,
    request_id: &str,
    out: &mut K,
) -> Result<(), K::Error> {
    match format {
        Format::Json => {
            out.put("{\"")?;
            out.put(SUCCESS_REQUEST_ID)?;
            out.put("\":\"")?;
            escape::json(request_id, out)?;
            out.put("\"")
        }
        Format::Xml => {
            out.put(XML_DECLARATION)?;
            for text in start_tag([action, "Response"]).chain(start_tag([SUCCESS_REQUEST_ID])) {
                out.put(text)?;
            }
            escape::xml(request_id, out)?;
            for text in end_tag([SUCCESS_REQUEST_ID]) {
                out.put(text)?;
            }
            Ok(())
        }
    }
}

/// The end of a success envelope, after the result's fields: `}` in JSON,
/// `</{action}Response>` in XML.
///
/// # Errors
///
/// The first error `out` returns.
pub fn success_tail<K: Sink>(format: Format, action: &str, out: &mut K) -> Result<(), K::Error> {
    match format {
        Format::Json => out.put("}"),
        Format::Xml => {
            for text in end_tag([action, "Response"]) {
                out.put(text)?;
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MESSAGE: &[Text<'static>] = &[
        Text::Lit("The parameter \""),
        Text::Arg(0),
        Text::Lit("\" is <needed>."),
    ];

    fn facts() -> ErrorFacts<'static> {
        ErrorFacts {
            service: "KMS",
            status: 400,
            code: "MissingParameter",
            message: MESSAGE,
            placeholders: &["parameter"],
            docs: None,
        }
    }

    fn written(format: Format, args: &[&str], host_id: Option<&str>) -> String {
        let pieces = error_pieces(Dialect::Kms, format, &facts());
        let values = Values {
            args,
            placeholders: &["parameter"],
            request_id: "r<1>".into(),
            host_id: host_id.into(),
        };
        let mut out = String::new();
        crate::sink::infallible(write(&pieces, Some(format), &values, &mut out));
        out
    }

    #[test]
    fn kms_envelopes_in_both_formats() {
        assert_eq!(
            written(Format::Json, &["Key\"Id"], Some("h")),
            r#"{"HttpStatus":400,"Code":"MissingParameter","Message":"The parameter \"Key\"Id\" is <needed>.","RequestId":"r<1>","HostId":"h"}"#
        );
        assert_eq!(
            written(Format::Xml, &["a&b"], None),
            r#"<?xml version="1.0" encoding="UTF-8"?><KMS><HttpStatus>400</HttpStatus><Code>MissingParameter</Code><Message>The parameter "a&amp;b" is &lt;needed&gt;.</Message><RequestId>r&lt;1&gt;</RequestId></KMS>"#
        );
    }

    #[test]
    fn a_missing_argument_is_its_name_in_angle_brackets() {
        assert!(written(Format::Xml, &[], None).contains("parameter \"&lt;parameter&gt;\""));
        let pieces = text_pieces(MESSAGE);
        let values = Values::<&str> {
            args: &[],
            placeholders: &["parameter"],
            request_id: "".into(),
            host_id: HostIdRef::Absent,
        };
        let mut out = String::new();
        crate::sink::infallible(write(&pieces, None, &values, &mut out));
        assert_eq!(out, "The parameter \"<parameter>\" is <needed>.");
    }

    fn written_in(dialect: Dialect, format: Format, docs: Option<&str>) -> String {
        let facts = ErrorFacts { docs, ..facts() };
        let pieces = error_pieces(dialect, format, &facts);
        let values = Values {
            args: &["Key<Id>"],
            placeholders: &["parameter"],
            request_id: "r1".into(),
            host_id: Some("h1").into(),
        };
        let mut out = String::new();
        crate::sink::infallible(write(&pieces, Some(format), &values, &mut out));
        out
    }

    #[test]
    fn pop_envelopes_lead_with_the_request_id_and_recommend_docs() {
        assert_eq!(
            written_in(
                Dialect::Pop,
                Format::Json,
                Some("https://d/MissingParameter")
            ),
            r#"{"RequestId":"r1","HostId":"h1","Code":"MissingParameter","Message":"The parameter \"Key<Id>\" is <needed>.","Recommend":"https://d/MissingParameter"}"#
        );
        assert_eq!(
            written_in(Dialect::Pop, Format::Xml, None),
            r#"<?xml version="1.0" encoding="UTF-8"?><Error><RequestId>r1</RequestId><HostId>h1</HostId><Code>MissingParameter</Code><Message>The parameter "Key&lt;Id&gt;" is &lt;needed&gt;.</Message></Error>"#
        );
    }

    #[test]
    fn problem_details_in_both_formats() {
        assert_eq!(
            written_in(Dialect::Problem, Format::Json, None),
            r#"{"type":"about:blank","title":"The parameter \"<parameter>\" is <needed>.","status":400,"detail":"The parameter \"Key<Id>\" is <needed>.","code":"MissingParameter","requestId":"r1","hostId":"h1"}"#
        );
        assert_eq!(
            written_in(Dialect::Problem, Format::Xml, Some("https://d/x")),
            r#"<?xml version="1.0" encoding="UTF-8"?><problem xmlns="urn:ietf:rfc:7807"><type>https://d/x</type><title>The parameter "&lt;parameter&gt;" is &lt;needed&gt;.</title><status>400</status><detail>The parameter "Key&lt;Id&gt;" is &lt;needed&gt;.</detail><code>MissingParameter</code><requestId>r1</requestId><hostId>h1</hostId></problem>"#
        );
    }

    /// The joined host id's piece writes what the piece writes with the host id as text, in
    /// every dialect and format, with a host id and without.
    #[test]
    fn a_joined_host_id_writes_the_same_bytes() {
        for dialect in [Dialect::Kms, Dialect::Pop, Dialect::Problem] {
            for format in [Format::Json, Format::Xml] {
                let pieces = error_pieces(dialect, format, &facts());
                for host_id in [Some("h<&>\"1"), None] {
                    let joined = join_host_id(&pieces, format, host_id).unwrap();
                    let write_with = |host_id| {
                        let values = Values {
                            args: &["a"],
                            placeholders: &["parameter"],
                            request_id: "r1".into(),
                            host_id,
                        };
                        let mut out = String::new();
                        crate::sink::infallible(write(&pieces, Some(format), &values, &mut out));
                        out
                    };
                    assert_eq!(
                        write_with(HostIdRef::Joined(&joined)),
                        write_with(host_id.into()),
                        "{dialect:?} {format:?}"
                    );
                }
            }
        }
    }

    /// A request id of the server's own is written as its text is.
    #[test]
    fn an_own_request_id_is_its_text() {
        let id = crate::RequestId::from_u128(7);
        let pieces = error_pieces(Dialect::Pop, Format::Xml, &facts());
        let write_with = |request_id| {
            let values = Values::<&str> {
                args: &[],
                placeholders: &["parameter"],
                request_id,
                host_id: HostIdRef::Absent,
            };
            let mut out = alloc::vec::Vec::new();
            crate::sink::infallible(write(&pieces, Some(Format::Xml), &values, &mut out));
            out
        };
        assert_eq!(write_with((&id).into()), write_with(id.as_str().into()));
    }

    #[test]
    fn literals_that_meet_are_joined() {
        let pieces = error_pieces(Dialect::Kms, Format::Json, &facts());
        assert!(matches!(
            pieces.as_slice(),
            [
                Piece::Lit(_),
                Piece::Arg(0),
                Piece::Lit(_),
                Piece::RequestId,
                Piece::HostId { .. },
            ]
        ));
    }
}
