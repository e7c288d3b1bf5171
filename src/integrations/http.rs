//! The [`http`] crate (feature `http`): status codes, whole responses with the dialect's
//! request id header, and the `Format` parameter read from a query string.
//!
//! ```
//! use errcat::integrations::http::ErrorResponse;
//! use errcat::Format;
//! use errcat::kms::ErrorCode;
//!
//! let response: http::Response<String> =
//!     ErrorResponse::new(ErrorCode::missing_parameter("KeyId"), Format::Json, "req-1").into_http();
//! assert_eq!(response.status(), http::StatusCode::BAD_REQUEST);
//! assert_eq!(response.headers()["x-acs-request-id"], "req-1");
//! assert_eq!(response.headers()["content-type"], "application/json;charset=utf-8");
//! assert!(response.body().contains(r#""RequestId":"req-1""#));
//! ```

use std::borrow::Cow;
use std::time::Duration;

use ::http::header::{CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use ::http::{Response, StatusCode, Uri};
use serde::Serialize;

use crate::{Dialect, Error, ErrorCatalog, Format, Retry, SuccessError, UnknownFormat};

/// The wait [`ErrorResponse`] advertises for a throttling code unless told otherwise.
pub const DEFAULT_RETRY_AFTER: Duration = Duration::from_secs(1);

/// The [`StatusCode`] of responses carrying `code`. (Every generated code enum also
/// converts into a `StatusCode` with `From`.)
///
/// ```
/// use errcat::integrations::http::status_code;
/// use errcat::kms::ErrorCode;
///
/// assert_eq!(status_code(ErrorCode::ForbiddenKeyNotFound), http::StatusCode::NOT_FOUND);
/// assert_eq!(http::StatusCode::from(ErrorCode::RejectedDisabled), http::StatusCode::CONFLICT);
/// ```
#[must_use]
pub fn status_code<C: ErrorCatalog>(code: C) -> StatusCode {
    // Catalogs only hold 400..=599, so the fallback is never taken.
    StatusCode::from_u16(code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The response header that repeats the body's request id in `dialect` (`x-acs-request-id`).
#[must_use]
pub fn request_id_header(dialect: Dialect) -> HeaderName {
    HeaderName::from_static(dialect.request_id_header())
}

/// The response header that tells a client to wait `wait` before retrying in `dialect`, and
/// its value (see [`Dialect::retry_after`]: `x-acs-retry-after` in milliseconds, or HTTP's
/// `retry-after` in seconds). Alibaba Cloud's newer SDKs read any response carrying
/// `x-acs-retry-after` as throttling, so [`ErrorResponse`] sends it only for codes whose
/// [`retry()`](ErrorCatalog::retry) is [`Retry::Throttling`].
#[must_use]
pub fn retry_after(dialect: Dialect, wait: Duration) -> (HeaderName, HeaderValue) {
    let millis = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX);
    let (name, value) = dialect.retry_after(millis);
    (HeaderName::from_static(name), HeaderValue::from(value))
}

impl<C: ErrorCatalog> From<&Error<C>> for StatusCode {
    fn from(error: &Error<C>) -> Self {
        status_code(error.code())
    }
}

impl<C: ErrorCatalog> Error<C> {
    /// The [`StatusCode`] of the response carrying this error (feature `http`).
    ///
    /// ```
    /// use errcat::Error;
    /// use errcat::kms::ErrorCode;
    ///
    /// assert_eq!(Error::new(ErrorCode::InternalFailure).status_code(), http::StatusCode::INTERNAL_SERVER_ERROR);
    /// ```
    #[must_use]
    pub fn status_code(&self) -> StatusCode {
        status_code(self.code())
    }
}

/// The format a query string (or an `application/x-www-form-urlencoded` body, which is
/// encoded the same way) asks for with its `Format` parameter, as [`Format::from_param`]
/// reads it. The parameter's name is case-sensitive, its value is not; when it is given
/// more than once, the last one counts.
///
/// ```
/// use errcat::Format;
/// use errcat::integrations::http::format_from_query;
///
/// assert_eq!(format_from_query("Action=DescribeKey&Format=xml"), Ok(Format::Xml));
/// assert_eq!(format_from_query("Action=DescribeKey"), Ok(Format::Json));
/// assert_eq!(format_from_query("Format=%4A%53%4F%4E"), Ok(Format::Json));
/// assert!(format_from_query("Format=yaml").is_err());
/// ```
///
/// # Errors
///
/// [`UnknownFormat`] when the value is neither JSON nor XML.
pub fn format_from_query(query: &str) -> Result<Format, UnknownFormat> {
    let value = form_urlencoded::parse(query.as_bytes())
        .filter(|(name, _)| name == "Format")
        .last()
        .map(|(_, value)| value);
    Format::from_param(value.as_deref())
}

/// [`format_from_query`] on a request's URI; no query means JSON.
///
/// ```
/// use errcat::Format;
/// use errcat::integrations::http::format_from_uri;
///
/// let uri: http::Uri = "/?Action=ListKeys&Format=XML".parse().unwrap();
/// assert_eq!(format_from_uri(&uri), Ok(Format::Xml));
/// ```
///
/// # Errors
///
/// [`UnknownFormat`] when the value is neither JSON nor XML.
pub fn format_from_uri(uri: &Uri) -> Result<Format, UnknownFormat> {
    format_from_query(uri.query().unwrap_or_default())
}

/// An error as a whole HTTP response: the error, the format the client asked for, the
/// request id, and optionally the host id.
///
/// [`into_http`](ErrorResponse::into_http) makes an [`http::Response`]
/// whose status line is the code's status, with the dialect's `Content-Type`, its request id
/// header (`x-acs-request-id`) equal to the body's request id, and, for throttling codes
/// only, its retry-after header (`x-acs-retry-after`). With feature `axum` it is also an
/// `IntoResponse`.
///
/// ```
/// use errcat::integrations::http::ErrorResponse;
/// use errcat::Format;
/// use errcat::kms::ErrorCode;
///
/// let response = ErrorResponse::new(ErrorCode::ForbiddenKeyNotFound, Format::Xml, "req-2")
///     .host_id("kms.example")
///     .into_http::<Vec<u8>>();
/// assert_eq!(response.status(), 404);
/// assert_eq!(response.headers()["content-type"], "text/xml;charset=utf-8");
/// assert_eq!(response.headers()["x-acs-request-id"], "req-2");
/// assert!(!response.headers().contains_key("x-acs-retry-after")); // not a throttling code
/// assert!(response.body().ends_with(b"<RequestId>req-2</RequestId><HostId>kms.example</HostId></KMS>"));
/// ```
#[derive(Clone, Debug)]
pub struct ErrorResponse<C: ErrorCatalog> {
    error: Error<C>,
    format: Format,
    request_id: String,
    host_id: Option<String>,
    retry_after: Duration,
}

impl<C: ErrorCatalog> ErrorResponse<C> {
    /// The response for `error` (an [`Error`], or a bare code), written in `format`.
    #[must_use]
    pub fn new(error: impl Into<Error<C>>, format: Format, request_id: impl Into<String>) -> Self {
        ErrorResponse {
            error: error.into(),
            format,
            request_id: request_id.into(),
            host_id: None,
            retry_after: DEFAULT_RETRY_AFTER,
        }
    }

    /// Adds the envelope's `HostId`: the site that answered.
    #[must_use]
    pub fn host_id(mut self, host_id: impl Into<String>) -> Self {
        self.host_id = Some(host_id.into());
        self
    }

    /// The wait sent in the dialect's retry-after header (see [`retry_after`]) when the code
    /// is a throttling one; ignored for every other code. Default [`DEFAULT_RETRY_AFTER`].
    ///
    /// ```
    /// use errcat::integrations::http::ErrorResponse;
    /// use errcat::{ErrorCatalog, Format};
    /// use std::time::Duration;
    ///
    /// #[derive(ErrorCatalog, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
    /// #[catalog(service = "Storage")]
    /// enum StorageError {
    ///     #[errcat(code = "SlowDown", status = 503, message = "Reduce your request rate.", retry = "throttling")]
    ///     SlowDown,
    ///     #[errcat(code = "Busy", status = 503, message = "Try again.")]
    ///     Busy,
    /// }
    ///
    /// let wait = Duration::from_millis(250);
    /// let throttled = ErrorResponse::new(StorageError::SlowDown, Format::Json, "r1").retry_after(wait);
    /// assert_eq!(throttled.into_http::<String>().headers()["x-acs-retry-after"], "250");
    /// let transient = ErrorResponse::new(StorageError::Busy, Format::Json, "r2").retry_after(wait);
    /// assert!(!transient.into_http::<String>().headers().contains_key("x-acs-retry-after"));
    /// ```
    #[must_use]
    pub fn retry_after(mut self, wait: Duration) -> Self {
        self.retry_after = wait;
        self
    }

    /// The error.
    #[must_use]
    pub fn error(&self) -> &Error<C> {
        &self.error
    }

    /// The format of the body.
    #[must_use]
    pub fn format(&self) -> Format {
        self.format
    }

    /// The request id, in the body and in the request id header.
    #[must_use]
    pub fn request_id(&self) -> &str {
        &self.request_id
    }

    /// The response, with any body type made from a `String` (`String`, `Vec<u8>`, axum's
    /// `Body`, `Bytes`, ...).
    ///
    /// A request id that cannot be a header value (it holds a control character) is left
    /// out of the headers, never sent different from the body's.
    #[must_use]
    pub fn into_http<B: From<String>>(self) -> Response<B> {
        let host_id = self.host_id.as_deref();
        let body = self
            .error
            .to_envelope(self.format, &self.request_id, host_id);
        let mut response = Response::new(B::from(body));
        *response.status_mut() = self.error.status_code();
        let headers = response.headers_mut();
        let content_type = self.error.content_type(self.format);
        set_envelope_headers(headers, content_type, C::DIALECT, &self.request_id);
        if self.error.code().retry() == Retry::Throttling {
            let (name, value) = retry_after(C::DIALECT, self.retry_after);
            headers.insert(name, value);
        }
        response
    }
}

/// A successful result as a whole HTTP response: `200 OK`, the format's `Content-Type`, the
/// dialect's request id header (`x-acs-request-id` unless [`dialect`](SuccessResponse::dialect)
/// says otherwise), and the body [`to_success`](crate::to_success) writes.
///
/// ```
/// use errcat::Format;
/// use errcat::integrations::http::SuccessResponse;
/// use std::collections::BTreeMap;
///
/// let result = BTreeMap::from([("KeyId", "k-1")]);
/// let response: http::Response<String> =
///     SuccessResponse::new(Format::Xml, "CreateKey", "req-3", result).into_http()?;
/// assert_eq!(response.status(), 200);
/// assert_eq!(response.headers()["x-acs-request-id"], "req-3");
/// assert!(response.body().ends_with("<CreateKeyResponse><RequestId>req-3</RequestId><KeyId>k-1</KeyId></CreateKeyResponse>"));
/// # Ok::<(), errcat::SuccessError>(())
/// ```
#[derive(Clone, Debug)]
pub struct SuccessResponse<T> {
    format: Format,
    action: Cow<'static, str>,
    request_id: String,
    result: T,
    dialect: Dialect,
}

impl<T: Serialize> SuccessResponse<T> {
    /// The response to `action` (its XML root is `{action}Response`) carrying `result`, a
    /// struct or a map.
    #[must_use]
    pub fn new(
        format: Format,
        action: impl Into<Cow<'static, str>>,
        request_id: impl Into<String>,
        result: T,
    ) -> Self {
        SuccessResponse {
            format,
            action: action.into(),
            request_id: request_id.into(),
            result,
            dialect: Dialect::default(),
        }
    }

    /// The dialect whose request id header the response carries: the service's
    /// ([`ErrorCatalog::DIALECT`]); [`Dialect::Kms`] when not set.
    #[must_use]
    pub fn dialect(mut self, dialect: Dialect) -> Self {
        self.dialect = dialect;
        self
    }

    /// The request id, in the body and in the request id header.
    #[must_use]
    pub fn request_id(&self) -> &str {
        &self.request_id
    }

    /// The name of the header that repeats the request id.
    #[must_use]
    pub fn request_id_header(&self) -> HeaderName {
        request_id_header(self.dialect)
    }

    /// The response, with any body type made from a `String`.
    ///
    /// # Errors
    ///
    /// As [`to_success`](crate::to_success): the action is not an XML name, or the result
    /// is not a struct or map that the format can carry. Both are mistakes in the server,
    /// not in the request.
    pub fn into_http<B: From<String>>(self) -> Result<Response<B>, SuccessError> {
        let body = crate::to_success(self.format, &self.action, &self.request_id, &self.result)?;
        let mut response = Response::new(B::from(body));
        let content_type = self.format.content_type();
        set_envelope_headers(
            response.headers_mut(),
            content_type,
            self.dialect,
            &self.request_id,
        );
        Ok(response)
    }
}

/// `Content-Type`, and the dialect's request id header when the id can be a header value.
fn set_envelope_headers(
    headers: &mut HeaderMap,
    content_type: &'static str,
    dialect: Dialect,
    request_id: &str,
) {
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(request_id) {
        headers.insert(request_id_header(dialect), value);
    }
}
