//! Error envelopes: an [`Error`] with a request id and an optional host id, as the bytes a
//! server sends, in the dialect of its catalog.
//!
//! The code's envelope was made and escaped at build time, as pieces (see
//! `errcat_wire::envelope`); here only the placeholder arguments, the request id and the
//! host id are escaped and written into their slots.

use std::marker::PhantomData;
use std::{fmt, io};

use errcat_wire::RequestIdRef;
use errcat_wire::envelope::{self, HostIdRef, Piece};
use errcat_wire::sink::{Counter, Sink, infallible};

use crate::sink::{FmtSink, IoSink};
use crate::table::Pieces;
use crate::{Error, ErrorCatalog, Format};

impl<C: ErrorCatalog> Error<C> {
    /// Appends the error's envelope in `format` to `out`: exactly the bytes a server sends,
    /// compact, with the fields in the catalog dialect's order and the host id only when
    /// `host_id` is `Some`.
    ///
    /// The status, code and message text were escaped when the catalog was compiled; only
    /// `request_id`, `host_id` and placeholder arguments are escaped here (see
    /// [`Format::write_escaped`]: in XML, characters XML 1.0 cannot carry become U+FFFD).
    /// A request id is text (`&str`), or a [`RequestId`](crate::RequestId) the server made,
    /// which is copied without a look. Writing into a `Vec` with enough spare capacity
    /// performs no heap allocation. A missing placeholder argument is written as `<name>`.
    /// A server whose host id is fixed writes through [`Envelopes`] instead, which escapes it
    /// once.
    ///
    /// ```
    /// use errcat::{Error, Format};
    /// use errcat::kms::ErrorCode;
    ///
    /// let error = Error::new(ErrorCode::IllegalTimestamp);
    /// let mut out = Vec::with_capacity(512);
    /// error.write_envelope(Format::Json, "3b237773-bc2c-4bea-95fc-319a1a5baa68", None, &mut out);
    /// assert_eq!(
    ///     String::from_utf8(out).unwrap(),
    ///     r#"{"HttpStatus":400,"Code":"IllegalTimestamp","Message":"The input parameter \"Timestamp\" that is required for processing this request is not supplied.","RequestId":"3b237773-bc2c-4bea-95fc-319a1a5baa68"}"#
    /// );
    ///
    /// let mut out = Vec::new();
    /// let error = ErrorCode::missing_parameter("KeyId");
    /// error.write_envelope(Format::Xml, "req-1", Some("kms.example"), &mut out);
    /// assert_eq!(
    ///     String::from_utf8(out).unwrap(),
    ///     r#"<?xml version="1.0" encoding="UTF-8"?><KMS><HttpStatus>400</HttpStatus><Code>MissingParameter</Code><Message>The parameter "KeyId" is needed but not provided.</Message><RequestId>req-1</RequestId><HostId>kms.example</HostId></KMS>"#
    /// );
    /// ```
    pub fn write_envelope<'a>(
        &self,
        format: Format,
        request_id: impl Into<RequestIdRef<'a>>,
        host_id: Option<&str>,
        out: &mut Vec<u8>,
    ) {
        infallible(self.write_to(format, request_id.into(), host_id.into(), out));
    }

    /// [`write_envelope`](Error::write_envelope) in JSON.
    ///
    /// ```
    /// use errcat::Error;
    /// use errcat::kms::ErrorCode;
    ///
    /// let mut out = Vec::new();
    /// Error::new(ErrorCode::InternalFailure).write_json("r1", Some("h1"), &mut out);
    /// assert_eq!(
    ///     out,
    ///     br#"{"HttpStatus":500,"Code":"InternalFailure","Message":"Internal Failure.","RequestId":"r1","HostId":"h1"}"#
    /// );
    /// ```
    pub fn write_json<'a>(
        &self,
        request_id: impl Into<RequestIdRef<'a>>,
        host_id: Option<&str>,
        out: &mut Vec<u8>,
    ) {
        self.write_envelope(Format::Json, request_id, host_id, out);
    }

    /// [`write_envelope`](Error::write_envelope) in XML.
    ///
    /// ```
    /// use errcat::Error;
    /// use errcat::kms::ErrorCode;
    ///
    /// let mut out = Vec::new();
    /// Error::new(ErrorCode::InternalFailure).write_xml("r1", None, &mut out);
    /// assert!(out.ends_with(b"<RequestId>r1</RequestId></KMS>"));
    /// ```
    pub fn write_xml<'a>(
        &self,
        request_id: impl Into<RequestIdRef<'a>>,
        host_id: Option<&str>,
        out: &mut Vec<u8>,
    ) {
        self.write_envelope(Format::Xml, request_id, host_id, out);
    }

    /// [`write_envelope`](Error::write_envelope) into any [`fmt::Write`], such as a
    /// `Formatter` or a `String`.
    ///
    /// ```
    /// use errcat::{Error, Format};
    /// use errcat::kms::ErrorCode;
    ///
    /// let mut out = String::new();
    /// Error::new(ErrorCode::ForbiddenKeyNotFound).write_envelope_fmt(Format::Json, "r1", None, &mut out)?;
    /// assert!(out.starts_with(r#"{"HttpStatus":404,"Code":"Forbidden.KeyNotFound""#));
    /// # Ok::<(), std::fmt::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The first error `out` returns.
    pub fn write_envelope_fmt<'a>(
        &self,
        format: Format,
        request_id: impl Into<RequestIdRef<'a>>,
        host_id: Option<&str>,
        out: &mut impl fmt::Write,
    ) -> fmt::Result {
        self.write_to(format, request_id.into(), host_id.into(), &mut FmtSink(out))
    }

    /// [`write_envelope`](Error::write_envelope) into any [`io::Write`]. Each piece is one
    /// `write_all`, so wrap an unbuffered writer (a socket, a file) in a `BufWriter`.
    ///
    /// ```
    /// use errcat::{Error, Format};
    /// use errcat::kms::ErrorCode;
    ///
    /// let mut out = std::io::Cursor::new(Vec::new());
    /// Error::new(ErrorCode::ForbiddenKeyNotFound).write_envelope_io(Format::Xml, "r1", None, &mut out)?;
    /// assert!(out.get_ref().starts_with(br#"<?xml version="1.0" encoding="UTF-8"?><KMS>"#));
    /// # Ok::<(), std::io::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The first error `out` returns.
    pub fn write_envelope_io<'a>(
        &self,
        format: Format,
        request_id: impl Into<RequestIdRef<'a>>,
        host_id: Option<&str>,
        out: &mut impl io::Write,
    ) -> io::Result<()> {
        self.write_to(format, request_id.into(), host_id.into(), &mut IoSink(out))
    }

    /// The error's envelope in `format` as a `String`, allocated once at its exact size.
    ///
    /// ```
    /// use errcat::{Error, Format};
    /// use errcat::kms::ErrorCode;
    ///
    /// let body = Error::new(ErrorCode::RejectedDisabled).to_envelope(Format::Json, "r1", None);
    /// assert_eq!(
    ///     body,
    ///     r#"{"HttpStatus":409,"Code":"Rejected.Disabled","Message":"The request was rejected because the key state is Disabled.","RequestId":"r1"}"#
    /// );
    /// ```
    #[must_use]
    pub fn to_envelope<'a>(
        &self,
        format: Format,
        request_id: impl Into<RequestIdRef<'a>>,
        host_id: Option<&str>,
    ) -> String {
        let (request_id, host_id) = (request_id.into(), host_id.into());
        let mut size = Counter::default();
        infallible(self.write_to(format, request_id, host_id, &mut size));
        let mut out = String::with_capacity(size.0);
        infallible(self.write_to(format, request_id, host_id, &mut out));
        out
    }

    /// The `Content-Type` of the error's envelope in `format`, in its catalog's dialect.
    ///
    /// ```
    /// use errcat::{Error, Format};
    /// use errcat::kms::ErrorCode;
    ///
    /// let error = Error::new(ErrorCode::InternalFailure);
    /// assert_eq!(error.content_type(Format::Xml), "text/xml;charset=utf-8");
    /// ```
    #[must_use]
    pub fn content_type(&self, format: Format) -> &'static str {
        C::DIALECT.content_type(format)
    }

    /// The generated pieces of the envelope in `format`.
    fn pieces(&self, format: Format) -> Pieces {
        let info = self.code().info();
        match format {
            Format::Json => info.json(),
            Format::Xml => info.xml(),
        }
    }

    /// The one envelope writer. Each format gets its own copy of the wire crate's writer,
    /// with the format a constant in it, so that escaping does not ask which format per piece.
    #[inline]
    fn write_to<S: Sink>(
        &self,
        format: Format,
        request_id: RequestIdRef<'_>,
        host_id: HostIdRef<'_>,
        out: &mut S,
    ) -> Result<(), S::Error> {
        let values = self.values(request_id, host_id);
        let pieces = self.pieces(format);
        match format {
            Format::Json => pieces.write(Some(Format::Json), &values, out),
            Format::Xml => pieces.write(Some(Format::Xml), &values, out),
        }
    }
}

/// A server's envelope writer, bound to its host id: the host id's field is escaped and
/// joined with the text around it once, here, for both formats, so that writing an envelope
/// copies the code's head, the request id and that joined text, and tests nothing it already
/// knows. With the server's own [`RequestId`](crate::RequestId)s, nothing is escaped at all
/// but placeholder arguments.
///
/// ```
/// use errcat::{Envelopes, Error, Format, RequestId};
/// use errcat::kms::ErrorCode;
///
/// let envelopes = Envelopes::<ErrorCode>::new(Some("kms.cn-hangzhou.aliyuncs.com"));
/// let id = RequestId::from_u128(0x3b237773_bc2c_4bea_95fc_319a1a5baa68);
/// let mut out = Vec::with_capacity(512);
/// envelopes.write(&Error::new(ErrorCode::InternalFailure), Format::Json, &id, &mut out);
/// assert_eq!(
///     out,
///     br#"{"HttpStatus":500,"Code":"InternalFailure","Message":"Internal Failure.","RequestId":"3b237773-bc2c-4bea-95fc-319a1a5baa68","HostId":"kms.cn-hangzhou.aliyuncs.com"}"#
/// );
///
/// // An id from elsewhere (a client's, honoured) is text, and escaped as it is written.
/// out.clear();
/// envelopes.write(&Error::new(ErrorCode::InternalFailure), Format::Xml, "a<b", &mut out);
/// assert!(out.ends_with(b"<RequestId>a&lt;b</RequestId><HostId>kms.cn-hangzhou.aliyuncs.com</HostId></KMS>"));
/// ```
#[derive(Clone, Debug)]
pub struct Envelopes<C: ErrorCatalog> {
    host_id: Option<Box<str>>,
    /// The host id's piece joined, by format: JSON, XML.
    joined: [Box<str>; 2],
    catalog: PhantomData<fn() -> C>,
}

impl<C: ErrorCatalog> Envelopes<C> {
    /// A writer for a server answering as `host_id` (its field left out when `None`).
    #[must_use]
    pub fn new(host_id: Option<&str>) -> Self {
        // Every code of a catalog has the same host id's piece (`envelope::join_host_id`).
        let join = |format| {
            let code = C::ALL.first().map(|code| Error::new(*code));
            let shape = code
                .as_ref()
                .map_or(&[][..], |error| error.pieces(format).shape());
            // The host id's piece holds only shared text, all `join_host_id` reads.
            let pieces: Vec<Piece<&str>> =
                shape.iter().map(|p| p.map(|lit| lit.shared())).collect();
            envelope::join_host_id(&pieces, format, host_id)
                .unwrap_or_default()
                .into()
        };
        Self {
            host_id: host_id.map(Into::into),
            joined: [join(Format::Json), join(Format::Xml)],
            catalog: PhantomData,
        }
    }

    /// The host id this writer answers as.
    #[must_use]
    pub fn host_id(&self) -> Option<&str> {
        self.host_id.as_deref()
    }

    /// Appends `error`'s envelope in `format` to `out`: the bytes
    /// [`Error::write_envelope`] writes with this writer's host id.
    pub fn write<'a>(
        &self,
        error: &Error<C>,
        format: Format,
        request_id: impl Into<RequestIdRef<'a>>,
        out: &mut Vec<u8>,
    ) {
        let joined = match format {
            Format::Json => &self.joined[0],
            Format::Xml => &self.joined[1],
        };
        infallible(error.write_to(format, request_id.into(), HostIdRef::Joined(joined), out));
    }
}
