//! Error envelopes: an [`Error`] with a request id and an optional host id, as the bytes a
//! server sends.
//!
//! ```text
//! {"HttpStatus":400,"Code":"X","Message":"...","RequestId":"   head: generated, pre-escaped
//! 3b237773-...                                                  request id: escaped here
//! ","HostId":"kms.cn-hangzhou.aliyuncs.com"}                    tail: host id only when known
//! ```

use std::{fmt, io};

use super::escape;
use super::sink::{FmtSink, IoSink, Sink, infallible};
use crate::__private::Piece;
use crate::error::PieceArg;
use crate::{Error, ErrorCatalog, Format};

impl<C: ErrorCatalog> Error<C> {
    /// Appends the error's envelope in `format` to `out`: exactly the bytes a server sends,
    /// compact, with the fields in a fixed order and `HostId` only when `host_id` is `Some`.
    ///
    /// The status, code and message text were escaped when the catalog was compiled; only
    /// `request_id`, `host_id` and placeholder arguments are escaped here (see
    /// [`Format::write_escaped`]: in XML, characters XML 1.0 cannot carry become U+FFFD). For
    /// a code without placeholders, writing into a `Vec` with enough spare capacity performs
    /// no heap allocation. A missing placeholder argument is written as `<name>`.
    ///
    /// ```
    /// use errcat::{Error, ErrorCode, Format};
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
    /// let error = Error::missing_parameter("KeyId");
    /// error.write_envelope(Format::Xml, "req-1", Some("kms.example"), &mut out);
    /// assert_eq!(
    ///     String::from_utf8(out).unwrap(),
    ///     r#"<?xml version="1.0" encoding="UTF-8"?><KMS><HttpStatus>400</HttpStatus><Code>MissingParameter</Code><Message>The parameter "KeyId" is needed but not provided.</Message><RequestId>req-1</RequestId><HostId>kms.example</HostId></KMS>"#
    /// );
    /// ```
    pub fn write_envelope(
        &self,
        format: Format,
        request_id: &str,
        host_id: Option<&str>,
        out: &mut Vec<u8>,
    ) {
        if !self.write_plain(format, request_id, host_id, out) {
            infallible(self.write_to(format, request_id, host_id, out));
        }
    }

    /// [`write_envelope`](Error::write_envelope) in JSON.
    ///
    /// ```
    /// use errcat::{Error, ErrorCode};
    ///
    /// let mut out = Vec::new();
    /// Error::new(ErrorCode::InternalFailure).write_json("r1", Some("h1"), &mut out);
    /// assert_eq!(
    ///     out,
    ///     br#"{"HttpStatus":500,"Code":"InternalFailure","Message":"Internal Failure.","RequestId":"r1","HostId":"h1"}"#
    /// );
    /// ```
    pub fn write_json(&self, request_id: &str, host_id: Option<&str>, out: &mut Vec<u8>) {
        self.write_envelope(Format::Json, request_id, host_id, out);
    }

    /// [`write_envelope`](Error::write_envelope) in XML.
    ///
    /// ```
    /// use errcat::{Error, ErrorCode};
    ///
    /// let mut out = Vec::new();
    /// Error::new(ErrorCode::InternalFailure).write_xml("r1", None, &mut out);
    /// assert!(out.ends_with(b"<RequestId>r1</RequestId></KMS>"));
    /// ```
    pub fn write_xml(&self, request_id: &str, host_id: Option<&str>, out: &mut Vec<u8>) {
        self.write_envelope(Format::Xml, request_id, host_id, out);
    }

    /// [`write_envelope`](Error::write_envelope) into any [`fmt::Write`], such as a
    /// `Formatter` or a `String`.
    ///
    /// ```
    /// use errcat::{Error, ErrorCode, Format};
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
    pub fn write_envelope_fmt(
        &self,
        format: Format,
        request_id: &str,
        host_id: Option<&str>,
        out: &mut impl fmt::Write,
    ) -> fmt::Result {
        self.write_to(format, request_id, host_id, &mut FmtSink(out))
    }

    /// [`write_envelope`](Error::write_envelope) into any [`io::Write`]. Each piece is one
    /// `write_all`, so wrap an unbuffered writer (a socket, a file) in a `BufWriter`.
    ///
    /// ```
    /// use errcat::{Error, ErrorCode, Format};
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
    pub fn write_envelope_io(
        &self,
        format: Format,
        request_id: &str,
        host_id: Option<&str>,
        out: &mut impl io::Write,
    ) -> io::Result<()> {
        self.write_to(format, request_id, host_id, &mut IoSink(out))
    }

    /// The error's envelope in `format` as a `String`, allocated once at the right size when
    /// nothing needs escaping.
    ///
    /// ```
    /// use errcat::{Error, ErrorCode, Format};
    ///
    /// let body = Error::new(ErrorCode::RejectedDisabled).to_envelope(Format::Json, "r1", None);
    /// assert_eq!(
    ///     body,
    ///     r#"{"HttpStatus":409,"Code":"Rejected.Disabled","Message":"The request was rejected because the key state is Disabled.","RequestId":"r1"}"#
    /// );
    /// ```
    #[must_use]
    pub fn to_envelope(&self, format: Format, request_id: &str, host_id: Option<&str>) -> String {
        let mut out = String::with_capacity(self.envelope_size_hint(format, request_id, host_id));
        infallible(self.write_to(format, request_id, host_id, &mut out));
        out
    }

    /// The envelope's length if nothing needs escaping: exact in the common case, a lower
    /// bound otherwise.
    fn envelope_size_hint(&self, format: Format, request_id: &str, host_id: Option<&str>) -> usize {
        let head: usize = self
            .head(format)
            .iter()
            .map(|piece| match piece {
                Piece::Lit(text) => text.len(),
                Piece::Arg(i) => match self.piece_arg(*i) {
                    PieceArg::Given(arg) => arg.len(),
                    PieceArg::Missing(name) => name.len() + 2,
                },
            })
            .sum();
        let (host_field, tail) = match format {
            Format::Json => (r#"","HostId":""#.len(), r#""}"#.len()),
            Format::Xml => (
                "<HostId></HostId>".len(),
                "</RequestId></>".len() + C::SERVICE.len(),
            ),
        };
        let host = host_id.map_or(0, |host| host_field + host.len());
        head + request_id.len() + host + tail
    }

    /// The generated head for `format`: everything up to the request id's value.
    fn head(&self, format: Format) -> &'static [Piece] {
        let info = self.code().info();
        match format {
            Format::Json => info.json,
            Format::Xml => info.xml,
        }
    }

    /// The one envelope writer: head, request id, tail.
    fn write_to<S: Sink>(
        &self,
        format: Format,
        request_id: &str,
        host_id: Option<&str>,
        out: &mut S,
    ) -> Result<(), S::Error> {
        self.write_head(format, out)?;
        write_ids(format, C::SERVICE, request_id, host_id, out, |text, out| {
            escape::for_format(format, text, out)
        })
    }

    /// The common case, what servers send nearly always, without the general writer's
    /// per-piece steps: a code without placeholders, and ids with nothing to escape (tested
    /// first, so that each is then copied whole). Returns `false`, having written nothing,
    /// for anything else.
    #[inline]
    fn write_plain(
        &self,
        format: Format,
        request_id: &str,
        host_id: Option<&str>,
        out: &mut Vec<u8>,
    ) -> bool {
        let [Piece::Lit(head)] = self.head(format) else {
            return false;
        };
        let clean = |text: &str| escape::is_clean_for(format, text);
        if !clean(request_id) || !host_id.is_none_or(clean) {
            return false;
        }
        infallible(out.put(head));
        infallible(write_ids(
            format,
            C::SERVICE,
            request_id,
            host_id,
            out,
            |text, out| out.put(text),
        ));
        true
    }

    /// The generated head, with each placeholder argument escaped in place.
    fn write_head<S: Sink>(&self, format: Format, out: &mut S) -> Result<(), S::Error> {
        for piece in self.head(format) {
            match piece {
                Piece::Lit(text) => out.put(text)?,
                Piece::Arg(i) => match self.piece_arg(*i) {
                    PieceArg::Given(arg) => escape::for_format(format, arg, out)?,
                    // Escaping is per character, so `<`, name, `>` escape as `<name>` would.
                    PieceArg::Missing(name) => {
                        escape::for_format(format, "<", out)?;
                        escape::for_format(format, name, out)?;
                        escape::for_format(format, ">", out)?;
                    }
                },
            }
        }
        Ok(())
    }
}

/// The request id, the host id when known, and the envelope's end. `text` writes each id:
/// escaped, or as it is when it is known to need no escaping.
#[inline]
fn write_ids<S: Sink>(
    format: Format,
    service: &str,
    request_id: &str,
    host_id: Option<&str>,
    out: &mut S,
    text: impl Fn(&str, &mut S) -> Result<(), S::Error>,
) -> Result<(), S::Error> {
    text(request_id, out)?;
    match format {
        // `","HostId":"...` when known, then `"}`.
        Format::Json => {
            if let Some(host_id) = host_id {
                out.put(r#"","HostId":""#)?;
                text(host_id, out)?;
            }
            out.put(r#""}"#)
        }
        // `</RequestId>`, `<HostId>...</HostId>` when known, then the root's end tag (the
        // literals joined where they meet: fewer, larger copies).
        Format::Xml => {
            match host_id {
                Some(host_id) => {
                    out.put("</RequestId><HostId>")?;
                    text(host_id, out)?;
                    out.put("</HostId></")?;
                }
                None => out.put("</RequestId></")?,
            }
            out.put(service)?;
            out.put(">")
        }
    }
}
