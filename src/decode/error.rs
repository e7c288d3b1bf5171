//! [`DecodeError`]: why an error envelope could not be read, and where.

use std::borrow::Cow;
use std::fmt;

use errcat_wire::show;

use crate::Format;

/// What was wrong with a body that [`ServiceError::decode`](crate::ServiceError::decode)
/// refused. Returned by [`DecodeError::kind`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The body is larger than the decoder's
    /// [`max_body_size`](crate::Decoder::max_body_size). It was not parsed.
    TooLarge,
    /// Objects, arrays or elements nest deeper than the decoder's
    /// [`max_depth`](crate::Decoder::max_depth).
    TooDeep,
    /// The body is empty, or only whitespace and a byte-order mark.
    Empty,
    /// The content type names neither JSON nor XML, and the body starts with neither `{`
    /// nor `<`.
    UnknownFormat,
    /// The body is not valid UTF-8.
    InvalidUtf8,
    /// Not well-formed JSON or XML: truncated, a stray character, mismatched tags, content
    /// after the end, a number JSON cannot hold.
    Syntax,
    /// An XML document type declaration (`<!DOCTYPE ...>`). Refused: error envelopes have
    /// none, and a DTD is how entity-expansion and external-entity attacks start.
    Doctype,
    /// An XML document type declaration that declares entities (`<!ENTITY ...>`), such as
    /// a "billion laughs" or external-entity (XXE) body. Refused, never expanded.
    EntityDeclaration,
    /// A reference to an XML entity other than the five predefined ones (`&lt;`, `&gt;`,
    /// `&amp;`, `&apos;`, `&quot;`). Only those and character references are decoded.
    UndefinedEntity,
    /// A value of the wrong type: the top level is not a JSON object, `Code` is a number,
    /// `HttpStatus` is not a status, a known XML field holds elements, text sits directly in
    /// the XML root.
    WrongType,
    /// A known field (`Code`, `Message`, ...) appears twice, in any casing. Refused rather
    /// than picking one: two readers that pick differently would disagree about the error.
    DuplicateField,
    /// There is no `Code` field, or it is empty or `null`.
    MissingCode,
}

impl DecodeErrorKind {
    /// A short description, such as `"body too large"`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            DecodeErrorKind::TooLarge => "body too large",
            DecodeErrorKind::TooDeep => "nesting too deep",
            DecodeErrorKind::Empty => "empty body",
            DecodeErrorKind::UnknownFormat => "neither JSON nor XML",
            DecodeErrorKind::InvalidUtf8 => "invalid UTF-8",
            DecodeErrorKind::Syntax => "syntax error",
            DecodeErrorKind::Doctype => "DOCTYPE refused",
            DecodeErrorKind::EntityDeclaration => "entity declaration refused",
            DecodeErrorKind::UndefinedEntity => "undefined entity",
            DecodeErrorKind::WrongType => "wrong type",
            DecodeErrorKind::DuplicateField => "duplicate field",
            DecodeErrorKind::MissingCode => "missing Code",
        }
    }
}

impl fmt::Display for DecodeErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why an HTTP error response's body could not be read as an error envelope.
///
/// Its `Display` says what was wrong and where:
///
/// ```
/// use errcat::{DecodeErrorKind, NoCatalog, ServiceError};
///
/// let error = ServiceError::<NoCatalog>::from_json(400, br#"{"Code": 42}"#).unwrap_err();
/// assert_eq!(error.kind(), DecodeErrorKind::WrongType);
/// assert_eq!(error.offset(), Some(10));
/// assert_eq!(
///     error.to_string(),
///     "cannot decode JSON error envelope at byte 10: wrong type: \
///      invalid type: integer `42`, expected a string (the Code field)"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    kind: DecodeErrorKind,
    format: Option<Format>,
    offset: Option<usize>,
    status: Option<u16>,
    detail: Cow<'static, str>,
}

impl DecodeError {
    /// An error of this kind, with a sentence saying what exactly was found.
    pub(crate) fn new(kind: DecodeErrorKind, detail: impl Into<Cow<'static, str>>) -> Self {
        DecodeError {
            kind,
            format: None,
            offset: None,
            status: None,
            detail: detail.into(),
        }
    }

    /// The same error, located at byte `offset` of the body.
    pub(crate) fn at(mut self, offset: usize) -> Self {
        self.offset = Some(offset);
        self
    }

    /// The same error, located `by` bytes further (for a body whose prefix was skipped),
    /// and naming the format it was read as, unless it already names one.
    pub(crate) fn in_body(mut self, format: Option<Format>, by: usize) -> Self {
        self.offset = self.offset.map(|offset| offset.saturating_add(by));
        self.format = self.format.or(format);
        self
    }

    /// The same error, for a response with this HTTP status line.
    pub(crate) fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    /// The HTTP status line of the response whose body could not be read: a `502` from a
    /// proxy's HTML page is still a `502` a client may retry.
    ///
    /// ```
    /// use errcat::{DecodeErrorKind, Retry, ServiceError};
    /// use errcat::kms::ErrorCode;
    ///
    /// let page = b"<html><body><h1>502 Bad Gateway</h1></body></html>";
    /// let error = ServiceError::<ErrorCode>::decode(502, Some("text/html"), page).unwrap_err();
    /// assert_eq!(error.status(), Some(502));
    /// assert_eq!(error.status().map(Retry::default_for), Some(Retry::Transient));
    /// ```
    #[must_use]
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// What was wrong.
    #[must_use]
    pub fn kind(&self) -> DecodeErrorKind {
        self.kind
    }

    /// The byte offset in the body where the problem was found, when known.
    #[must_use]
    pub fn offset(&self) -> Option<usize> {
        self.offset
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("cannot decode ")?;
        if let Some(format) = self.format {
            write!(f, "{format} ")?;
        }
        f.write_str("error envelope")?;
        if let Some(offset) = self.offset {
            write!(f, " at byte {offset}")?;
        }
        // The detail may quote the body: shown by the rule `ServiceError`'s Display follows.
        write!(f, ": {}: {}", self.kind, show::line(&self.detail))
    }
}

impl std::error::Error for DecodeError {}
