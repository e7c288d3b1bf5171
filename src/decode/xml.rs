//! The XML envelope parser: quick-xml's pull reader over the body, one pass, borrowing
//! each field's text when it is a single run without references.
//!
//! Bodies in the simple shape servers send are read by `xml_fast` first; this parser reads
//! everything that declines, and is the reference the fast path is tested against.
//!
//! The envelope is a root element of any name holding one element per field. A DOCTYPE is
//! refused before anything it declares could matter (quick-xml never expands entities
//! itself: it reports each reference, and only the five predefined entities and character
//! references are decoded here).

use std::borrow::Cow;

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::reader::Reader;

use super::error::{DecodeError, DecodeErrorKind};
use super::fields::{Fields, is_space};
use super::xml_fields::{FieldValue, found, scan, store};
use super::xml_syntax::{self, Reference};

/// Reads the envelope in `body`, already checked to be UTF-8 and not blank.
pub(crate) fn parse(body: &str, max_depth: usize) -> Result<Fields<'_>, DecodeError> {
    let has_carriage_returns = scan(body)? & found::CARRIAGE_RETURN != 0;
    let mut parser = Parser {
        reader: Reader::from_str(body),
        body,
        max_depth,
        event_start: 0,
        in_root: false,
        has_carriage_returns,
    };
    let mut fields = Fields::default();
    if parser.prolog()? {
        parser.fields(&mut fields)?;
    }
    parser.epilog()?;
    Ok(fields)
}

struct Parser<'a> {
    reader: Reader<&'a [u8]>,
    body: &'a str,
    max_depth: usize,
    /// Where the last event read starts.
    event_start: usize,
    /// Whether the root element's start tag has been read: every start tag after it is a
    /// child's.
    in_root: bool,
    /// Whether text needs end-of-line normalization (CR LF and lone CR read as LF).
    has_carriage_returns: bool,
}

impl<'a> Parser<'a> {
    /// The next event, checked to be well-formed (`xml_syntax`): quick-xml's errors and the
    /// checks' become [`DecodeErrorKind::Syntax`] at the offset they concern.
    fn next(&mut self) -> Result<Event<'a>, DecodeError> {
        self.event_start = position(self.reader.buffer_position());
        let event = self.reader.read_event().map_err(|error| {
            // The inner errors' messages: the kind already says "syntax error".
            let (kind, detail) = match error {
                quick_xml::Error::Encoding(e) => (DecodeErrorKind::InvalidUtf8, e.to_string()),
                quick_xml::Error::Syntax(e) => (DecodeErrorKind::Syntax, e.to_string()),
                quick_xml::Error::IllFormed(e) => (DecodeErrorKind::Syntax, e.to_string()),
                e => (DecodeErrorKind::Syntax, e.to_string()),
            };
            DecodeError::new(kind, detail).at(position(self.reader.error_position()))
        })?;
        self.check_markup(&event)
            .map_err(|problem| self.error(DecodeErrorKind::Syntax, problem))?;
        self.in_root |= matches!(event, Event::Start(_) | Event::Empty(_));
        Ok(event)
    }

    /// The well-formedness rules quick-xml leaves out, on the event just read as it stands
    /// in the body. References are checked where they are resolved.
    fn check_markup(&self, event: &Event<'_>) -> Result<(), xml_syntax::Problem> {
        let end = position(self.reader.buffer_position());
        let raw = self.body.get(self.event_start..end).unwrap_or_default();
        match event {
            // The body passed here starts after the byte-order mark.
            Event::Decl(_) if self.event_start != 0 => {
                Err("an XML declaration is allowed only at the very start of the body".into())
            }
            Event::Decl(_) => xml_syntax::declaration(raw),
            Event::Start(_) => xml_syntax::start_tag(raw, false, !self.in_root),
            Event::Empty(_) => xml_syntax::start_tag(raw, true, !self.in_root),
            Event::End(_) => xml_syntax::end_tag(raw),
            Event::Comment(_) => xml_syntax::comment(raw),
            Event::PI(_) => xml_syntax::processing_instruction(raw),
            Event::CData(_) => xml_syntax::cdata(raw),
            Event::Text(_) => xml_syntax::text(raw),
            Event::GeneralRef(_) | Event::DocType(_) | Event::Eof => Ok(()),
        }
    }

    /// An error located at the start of the last event.
    fn error(&self, kind: DecodeErrorKind, detail: impl Into<Cow<'static, str>>) -> DecodeError {
        DecodeError::new(kind, detail).at(self.event_start)
    }

    /// Reads up to the root element's start tag. `true` when it has content to read,
    /// `false` for an empty root (`<Error/>`).
    fn prolog(&mut self) -> Result<bool, DecodeError> {
        loop {
            match self.next()? {
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
                Event::Text(text) if is_blank(&text) => {}
                Event::DocType(doctype) => return Err(self.refuse_doctype(&doctype)),
                Event::Start(root) => return self.enter(&root, 1).map(|()| true),
                Event::Empty(root) => return self.enter(&root, 1).map(|()| false),
                Event::Eof => {
                    return Err(self.error(DecodeErrorKind::Syntax, "the body has no root element"));
                }
                _ => {
                    return Err(self.error(
                        DecodeErrorKind::Syntax,
                        "content before the root element (only a declaration, comments and \
                         processing instructions may come first)",
                    ));
                }
            }
        }
    }

    /// Checks that an element opened at `depth` (the root is 1) fits under the limit.
    fn enter(&self, element: &BytesStart<'_>, depth: usize) -> Result<(), DecodeError> {
        if depth > self.max_depth {
            return Err(self.error(
                DecodeErrorKind::TooDeep,
                format!(
                    "<{}> nests deeper than the limit of {} levels",
                    element.name().as_ref(),
                    self.max_depth
                ),
            ));
        }
        Ok(())
    }

    /// DOCTYPE is refused whatever it holds; one that declares entities is named as such,
    /// as that is what billion-laughs and external-entity (XXE) bodies carry.
    fn refuse_doctype(&self, doctype: &str) -> DecodeError {
        if doctype.contains("<!ENTITY") {
            self.error(
                DecodeErrorKind::EntityDeclaration,
                "the document type declaration declares entities, which are never expanded",
            )
        } else {
            self.error(
                DecodeErrorKind::Doctype,
                "error envelopes have no document type declaration (<!DOCTYPE ...>)",
            )
        }
    }

    /// Reads the root's children, one field each, up to the root's end tag.
    fn fields(&mut self, fields: &mut Fields<'a>) -> Result<(), DecodeError> {
        loop {
            match self.next()? {
                Event::Start(element) => {
                    self.enter(&element, 2)?;
                    let (name, at) = (self.name(&element), self.event_start);
                    let value = self.field_value(&name)?;
                    store(fields, name, value).map_err(|e| e.at(at))?;
                }
                Event::Empty(element) => {
                    self.enter(&element, 2)?;
                    let name = self.name(&element);
                    let value = FieldValue::Text(Cow::Borrowed(""));
                    store(fields, name, value).map_err(|e| e.at(self.event_start))?;
                }
                Event::End(_) => return Ok(()),
                Event::Comment(_) | Event::PI(_) => {}
                Event::Text(text) if is_blank(&text) => {}
                Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) => {
                    return Err(self.error(
                        DecodeErrorKind::WrongType,
                        "text directly inside the root element, which holds only field elements",
                    ));
                }
                Event::DocType(doctype) => return Err(self.refuse_doctype(&doctype)),
                Event::Decl(_) => {
                    return Err(self.error(
                        DecodeErrorKind::Syntax,
                        "an XML declaration inside the root element",
                    ));
                }
                Event::Eof => {
                    return Err(self.error(
                        DecodeErrorKind::Syntax,
                        "truncated body: the root element is not closed",
                    ));
                }
            }
        }
    }

    /// The element's name, borrowed from the body.
    fn name(&self, element: &BytesStart<'_>) -> Cow<'a, str> {
        let name = element.name();
        let name = name.as_ref();
        match reborrow(self.body, name) {
            Some(name) => Cow::Borrowed(name),
            None => Cow::Owned(name.to_owned()),
        }
    }

    /// The content of the field element just opened, up to its end tag.
    fn field_value(&mut self, name: &str) -> Result<FieldValue<'a>, DecodeError> {
        let content_start = position(self.reader.buffer_position());
        let mut text = TextBuf::default();
        let mut depth = 2;
        let mut has_elements = false;
        loop {
            match self.next()? {
                Event::Text(run) if self.has_carriage_returns => text.push(run.xml10_content()),
                Event::Text(run) => text.push(run.into_inner()),
                Event::CData(run) if self.has_carriage_returns => text.push(run.xml10_content()),
                Event::CData(run) => text.push(run.into_inner()),
                Event::GeneralRef(reference) => text.push(self.resolve(&reference)?),
                Event::Start(element) => {
                    depth += 1;
                    self.enter(&element, depth)?;
                    has_elements = true;
                }
                Event::Empty(element) => {
                    self.enter(&element, depth + 1)?;
                    has_elements = true;
                }
                Event::End(_) if depth > 2 => depth -= 1,
                Event::End(_) if has_elements => {
                    let inner = self.body.get(content_start..self.event_start);
                    return Ok(FieldValue::Elements(inner.unwrap_or_default()));
                }
                Event::End(_) => return Ok(FieldValue::Text(text.finish())),
                Event::Comment(_) | Event::PI(_) => {}
                Event::DocType(doctype) => return Err(self.refuse_doctype(&doctype)),
                Event::Decl(_) => {
                    return Err(self.error(
                        DecodeErrorKind::Syntax,
                        "an XML declaration inside an element",
                    ));
                }
                Event::Eof => {
                    return Err(self.error(
                        DecodeErrorKind::Syntax,
                        format!("truncated body: <{}> is not closed", name),
                    ));
                }
            }
        }
    }

    /// The text of a reference: one of the five predefined entities or a character
    /// reference to a character XML allows (`xml_syntax::resolve`, as the fast path).
    /// Anything else would need a DTD, which is refused.
    fn resolve(&self, reference: &BytesRef<'_>) -> Result<Cow<'a, str>, DecodeError> {
        match xml_syntax::resolve(reference) {
            Ok(Reference::Char(c)) => Ok(Cow::Owned(c.to_string())),
            Ok(Reference::Entity(text)) => Ok(Cow::Borrowed(text)),
            Err(bad) => {
                let kind = match bad {
                    xml_syntax::BadReference::InvalidChar => DecodeErrorKind::Syntax,
                    xml_syntax::BadReference::Undefined => DecodeErrorKind::UndefinedEntity,
                };
                Err(self.error(kind, bad.problem(reference)))
            }
        }
    }

    /// After the root element: only comments, processing instructions and whitespace.
    fn epilog(&mut self) -> Result<(), DecodeError> {
        loop {
            match self.next()? {
                Event::Eof => return Ok(()),
                Event::Comment(_) | Event::PI(_) => {}
                Event::Text(text) if is_blank(&text) => {}
                Event::DocType(doctype) => return Err(self.refuse_doctype(&doctype)),
                _ => {
                    return Err(
                        self.error(DecodeErrorKind::Syntax, "content after the root element")
                    );
                }
            }
        }
    }
}

/// A field's text, assembled from runs of text, CDATA sections and references: borrowed
/// while it is one run, owned once a second piece is added.
#[derive(Default)]
struct TextBuf<'a>(Option<Cow<'a, str>>);

impl<'a> TextBuf<'a> {
    fn push(&mut self, piece: Cow<'a, str>) {
        match &mut self.0 {
            None => self.0 = Some(piece),
            Some(text) => text.to_mut().push_str(&piece),
        }
    }

    fn finish(self) -> Cow<'a, str> {
        self.0.unwrap_or_default()
    }
}

fn is_blank(text: &str) -> bool {
    text.bytes().all(is_space)
}

/// `part` as a slice of `body` with `body`'s lifetime, when it lies within `body`.
fn reborrow<'a>(body: &'a str, part: &str) -> Option<&'a str> {
    let start = (part.as_ptr() as usize).checked_sub(body.as_ptr() as usize)?;
    body.get(start..start.checked_add(part.len())?)
}

/// A reader position as a `usize` (bodies are at most the size limit, which is a `usize`).
fn position(offset: u64) -> usize {
    usize::try_from(offset).unwrap_or(usize::MAX)
}
