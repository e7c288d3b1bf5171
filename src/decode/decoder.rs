//! [`Decoder`]: the limits a body is read under, the checks made before any parsing, and the
//! choice of format from the content type or the body's first byte.

use super::error::{DecodeError, DecodeErrorKind};
use super::fields::{Fields, SPACE};
use super::service_error::ServiceError;
use super::{json, xml, xml_fast};
use crate::{ErrorCatalog, Format};

/// The format a body's first non-whitespace byte suggests: `{` JSON, `<` XML.
fn sniff(body: &str) -> Result<Format, DecodeError> {
    let start = body.len() - body.trim_start_matches(SPACE).len();
    match body.as_bytes().get(start) {
        Some(b'{') => Ok(Format::Json),
        Some(b'<') => Ok(Format::Xml),
        Some(_) => {
            let found = body[start..].chars().next().unwrap_or_default();
            Err(DecodeError::new(
                DecodeErrorKind::UnknownFormat,
                format!(
                    "the content type names neither JSON nor XML, and the body starts with \
                     {found:?}, not `{{` or `<`"
                ),
            )
            .at(start))
        }
        None => Err(empty()),
    }
}

fn empty() -> DecodeError {
    DecodeError::new(
        DecodeErrorKind::Empty,
        "the body holds no envelope (it is empty or only whitespace)",
    )
}

/// Reads error envelopes under limits that bound the work a hostile body can cause.
///
/// [`ServiceError::decode`] and its siblings use `Decoder::default()`: bodies up to 1 MiB,
/// nesting up to 32 levels. Both checks come before any value is built; the size check comes
/// before any byte is read.
///
/// ```
/// use errcat::{DecodeErrorKind, Decoder, ServiceError};
/// use errcat::kms::ErrorCode;
///
/// let decoder = Decoder::new().max_body_size(64).max_depth(2);
/// let body = br#"{"Code":"Forbidden.KeyNotFound","Data":{"KeyId":"k"}}"#;
/// let error: ServiceError<'_, ErrorCode> = decoder.from_json(404, body)?;
/// assert_eq!(error.code_str(), "Forbidden.KeyNotFound");
///
/// let deeper = br#"{"Code":"Forbidden.KeyNotFound","Data":{"Key":{"Id":"k"}}}"#;
/// let refused = decoder.from_json::<ErrorCode>(404, deeper).unwrap_err();
/// assert_eq!(refused.kind(), DecodeErrorKind::TooDeep);
///
/// let refused = decoder.from_json::<ErrorCode>(404, &[b' '; 65]).unwrap_err();
/// assert_eq!(refused.kind(), DecodeErrorKind::TooLarge);
/// # Ok::<(), errcat::DecodeError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decoder {
    max_body_size: usize,
    max_depth: usize,
}

impl Default for Decoder {
    fn default() -> Self {
        Decoder::new()
    }
}

/// Decoding, with the default limits of [`Decoder`], for any catalog: name it once, in the
/// type (`ServiceError::<kms::ErrorCode>::decode`, or a catalog's alias such as
/// `kms::ServiceError::decode`).
impl<'a, C: ErrorCatalog> ServiceError<'a, C> {
    /// Reads the error envelope of a response: the format from `content_type` (JSON or XML,
    /// parameters ignored), else from the body's first non-whitespace byte (`{` JSON, `<`
    /// XML). `status` is the HTTP status line's value.
    ///
    /// The result borrows `body`: its text fields point into it wherever they need no
    /// unescaping. To keep the error after the body is gone (return it, store it, send it to
    /// another thread), which the compiler refuses with E0597 (`body` does not live long
    /// enough), call [`into_owned`](ServiceError::into_owned) on it:
    /// `ServiceError::decode(status, content_type, &body)?.into_owned()` is a
    /// `ServiceError<'static, C>`, which owns its text. The [type's docs](ServiceError) show
    /// both.
    ///
    /// ```
    /// use errcat::kms::{ErrorCode, ServiceError};
    ///
    /// let body = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><KMS><Code>Rejected.LimitExceeded</Code></KMS>";
    /// let error = ServiceError::decode(400, None, body)?;
    /// assert_eq!(error.code().known(), Some(ErrorCode::RejectedLimitExceeded));
    /// # Ok::<(), errcat::DecodeError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`DecodeError`] for a body that is not a readable error envelope: over 1 MiB, deeper
    /// than 32 levels, not UTF-8, malformed, with a DOCTYPE, without a code, ...
    pub fn decode(
        status: u16,
        content_type: Option<&str>,
        body: &'a [u8],
    ) -> Result<Self, DecodeError> {
        Decoder::default().decode(status, content_type, body)
    }

    /// Reads a JSON error envelope.
    ///
    /// # Errors
    ///
    /// A [`DecodeError`] for a body that is not a readable JSON error envelope.
    pub fn from_json(status: u16, body: &'a [u8]) -> Result<Self, DecodeError> {
        Decoder::default().from_json(status, body)
    }

    /// Reads an XML error envelope, whatever its root element (`<KMS>`, `<Error>`, ...).
    ///
    /// # Errors
    ///
    /// A [`DecodeError`] for a body that is not a readable XML error envelope.
    pub fn from_xml(status: u16, body: &'a [u8]) -> Result<Self, DecodeError> {
        Decoder::default().from_xml(status, body)
    }
}

/// The UTF-8 byte-order mark, which some servers put before a body. It is skipped.
const BOM: &str = "\u{feff}";

impl Decoder {
    /// The default body size limit: 1 MiB.
    pub const DEFAULT_MAX_BODY_SIZE: usize = 1 << 20;
    /// The default nesting limit: the top-level object or root element is depth 1.
    pub const DEFAULT_MAX_DEPTH: usize = 32;

    /// A decoder with the default limits.
    #[must_use]
    pub const fn new() -> Self {
        Decoder {
            max_body_size: Self::DEFAULT_MAX_BODY_SIZE,
            max_depth: Self::DEFAULT_MAX_DEPTH,
        }
    }

    /// Refuse bodies longer than `bytes`, before reading them.
    #[must_use]
    pub const fn max_body_size(mut self, bytes: usize) -> Self {
        self.max_body_size = bytes;
        self
    }

    /// Refuse bodies that nest deeper than `depth`. The top-level JSON object or the XML
    /// root element is depth 1, so the flat envelopes servers send need 1 (JSON) or 2 (XML,
    /// whose fields are elements); unknown nested fields need more. Depth 0 refuses all.
    #[must_use]
    pub const fn max_depth(mut self, depth: usize) -> Self {
        self.max_depth = depth;
        self
    }

    /// Reads an error envelope in the format `content_type` names (JSON or XML, parameters
    /// such as `;charset=utf-8` ignored), or, when it names neither or is absent, in the
    /// format the body's first non-whitespace byte suggests: `{` JSON, `<` XML.
    ///
    /// # Errors
    ///
    /// A [`DecodeError`] for a body that is not a readable error envelope: see
    /// [`DecodeErrorKind`] for every reason.
    pub fn decode<'a, C: ErrorCatalog>(
        &self,
        status: u16,
        content_type: Option<&str>,
        body: &'a [u8],
    ) -> Result<ServiceError<'a, C>, DecodeError> {
        let named = content_type.and_then(Format::from_content_type);
        self.read(status, named, body)
    }

    /// Reads a JSON error envelope.
    ///
    /// # Errors
    ///
    /// A [`DecodeError`] for a body that is not a readable JSON error envelope.
    pub fn from_json<'a, C: ErrorCatalog>(
        &self,
        status: u16,
        body: &'a [u8],
    ) -> Result<ServiceError<'a, C>, DecodeError> {
        self.read(status, Some(Format::Json), body)
    }

    /// Reads an XML error envelope, whatever its root element.
    ///
    /// # Errors
    ///
    /// A [`DecodeError`] for a body that is not a readable XML error envelope.
    pub fn from_xml<'a, C: ErrorCatalog>(
        &self,
        status: u16,
        body: &'a [u8],
    ) -> Result<ServiceError<'a, C>, DecodeError> {
        self.read(status, Some(Format::Xml), body)
    }

    /// The checks every body passes before parsing (size, UTF-8, not empty), then the parser
    /// of `format`, or of the sniffed format when `format` is `None`.
    fn read<'a, C: ErrorCatalog>(
        &self,
        status: u16,
        format: Option<Format>,
        body: &'a [u8],
    ) -> Result<ServiceError<'a, C>, DecodeError> {
        self.read_with(status, format, body, Parsers::FastThenSlow)
    }

    fn read_with<'a, C: ErrorCatalog>(
        &self,
        status: u16,
        format: Option<Format>,
        body: &'a [u8],
        parsers: Parsers,
    ) -> Result<ServiceError<'a, C>, DecodeError> {
        let read = |(format, text, skipped): (Format, &'a str, usize)| {
            self.parse(format, text, parsers)
                .and_then(|fields| fields.finish(status))
                .map_err(|e| e.in_body(Some(format), skipped))
        };
        // Whatever the body, the status line is known: the error keeps it.
        self.prepare(format, body)
            .and_then(read)
            .map_err(|e| e.with_status(status))
    }

    /// The size and UTF-8 checks, the byte-order mark skipped, the format sniffed if not
    /// given: the format, the text after the mark, and the mark's length.
    fn prepare<'a>(
        &self,
        format: Option<Format>,
        body: &'a [u8],
    ) -> Result<(Format, &'a str, usize), DecodeError> {
        self.check_size(body).map_err(|e| e.in_body(format, 0))?;
        // One validation pass over the whole body: the exact offset of a bad byte for the
        // error, and afterwards both parsers read a `&str` without validating again.
        let text = std::str::from_utf8(body).map_err(|e| invalid_utf8(&e).in_body(format, 0))?;
        let skipped = if text.starts_with(BOM) { BOM.len() } else { 0 };
        let text = &text[skipped..];
        let format = match format {
            Some(format) => format,
            None => sniff(text).map_err(|e| e.in_body(None, skipped))?,
        };
        Ok((format, text, skipped))
    }

    fn check_size(&self, body: &[u8]) -> Result<(), DecodeError> {
        if body.len() > self.max_body_size {
            return Err(DecodeError::new(
                DecodeErrorKind::TooLarge,
                format!(
                    "the body is {} bytes, over the limit of {} bytes",
                    body.len(),
                    self.max_body_size
                ),
            ));
        }
        Ok(())
    }

    fn parse<'a>(
        &self,
        format: Format,
        text: &'a str,
        parsers: Parsers,
    ) -> Result<Fields<'a>, DecodeError> {
        if text.trim_start_matches(SPACE).is_empty() {
            return Err(empty());
        }
        match format {
            Format::Json => json::parse(text, self.max_depth),
            Format::Xml => {
                if parsers == Parsers::FastThenSlow
                    && let Some(fields) = xml_fast::parse(text, self.max_depth)
                {
                    return Ok(fields);
                }
                xml::parse(text, self.max_depth)
            }
        }
    }
}

/// Test seams: each XML parser alone, for the tests, benchmarks and fuzz targets that check
/// the fast path against quick-xml. Not public API: only with the hidden feature
/// `test-internals`.
#[cfg(any(test, feature = "test-internals"))]
#[doc(hidden)]
impl Decoder {
    /// Reads an XML error envelope with quick-xml alone, never the fast path.
    pub fn from_xml_slow_path<'a, C: ErrorCatalog>(
        &self,
        status: u16,
        body: &'a [u8],
    ) -> Result<ServiceError<'a, C>, DecodeError> {
        self.read_with(status, Some(Format::Xml), body, Parsers::SlowOnly)
    }

    /// Whether [`from_xml`](Decoder::from_xml) reads `body` with the fast path (and so
    /// accepts it).
    #[must_use]
    pub fn xml_fast_path_accepts(&self, body: &[u8]) -> bool {
        self.prepare(Some(Format::Xml), body)
            .is_ok_and(|(_, text, _)| xml_fast::parse(text, self.max_depth).is_some())
    }
}

/// Which parsers read an XML body (a JSON one has only serde_json's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Parsers {
    /// The fast path for the simple shape servers send, quick-xml for anything else.
    FastThenSlow,
    /// quick-xml alone, to check that both agree.
    #[cfg(any(test, feature = "test-internals"))]
    SlowOnly,
}

fn invalid_utf8(error: &std::str::Utf8Error) -> DecodeError {
    DecodeError::new(
        DecodeErrorKind::InvalidUtf8,
        "the body is not valid UTF-8 (error envelopes are UTF-8 JSON or XML)",
    )
    .at(error.valid_up_to())
}
