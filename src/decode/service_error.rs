//! [`ServiceError`]: an error response as a client sees it, and [`Code`], its code, known to
//! the catalog or kept whole.

use std::borrow::Cow;
use std::fmt;

use errcat_wire::show;

use crate::{ErrorCatalog, Retry};

/// The code of a decoded error: a code of the catalog, or one it does not know, kept whole.
///
/// ```
/// use errcat::Code;
/// use errcat::kms::ErrorCode;
///
/// let known: Code<ErrorCode> = Code::Known(ErrorCode::ForbiddenKeyNotFound);
/// assert_eq!(known.as_str(), "Forbidden.KeyNotFound");
/// assert_eq!(known.known(), Some(ErrorCode::ForbiddenKeyNotFound));
///
/// let unknown: Code<ErrorCode> = Code::Unknown("Forbidden.NewThing".into());
/// assert_eq!(unknown.as_str(), "Forbidden.NewThing");
/// assert_eq!(unknown.known(), None);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Code<C: ErrorCatalog> {
    /// A code of the catalog, matched exactly (the wire is case-sensitive).
    Known(C),
    /// A code the catalog does not have, exactly as the server sent it.
    Unknown(Box<str>),
}

impl<C: ErrorCatalog> Code<C> {
    /// The wire code.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            Code::Known(code) => code.code(),
            Code::Unknown(code) => code,
        }
    }

    /// The catalog's code, or `None` for an unknown one.
    #[must_use]
    pub fn known(&self) -> Option<C> {
        match self {
            Code::Known(code) => Some(*code),
            Code::Unknown(_) => None,
        }
    }
}

impl<C: ErrorCatalog> fmt::Display for Code<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", show::line(self.as_str()))
    }
}

/// An error response from a service: the HTTP status, the code, and the envelope's other
/// fields, read from a JSON or XML body.
///
/// Text fields borrow from the body when it holds them verbatim (no escapes), so decoding a
/// typical envelope allocates only for an unknown code and unknown fields' list. To keep
/// the error after the body is gone (return it, store it, send it to another thread),
/// detach it with [`into_owned`](ServiceError::into_owned), which gives a
/// `ServiceError<'static, C>`:
///
/// ```compile_fail
/// use errcat::kms::ServiceError;
///
/// fn call() -> Result<(), ServiceError<'static>> {
///     let body: Vec<u8> = br#"{"Code":"InternalFailure"}"#.to_vec();
///     // error[E0597]: `body` does not live long enough: the error borrows it.
///     Err(ServiceError::decode(500, None, &body).unwrap())
/// }
/// ```
///
/// ```
/// use errcat::kms::ServiceError;
///
/// fn call() -> Result<(), ServiceError<'static>> {
///     let body: Vec<u8> = br#"{"Code":"InternalFailure"}"#.to_vec();
///     Err(ServiceError::decode(500, None, &body).unwrap().into_owned())
/// }
/// assert_eq!(call().unwrap_err().code_str(), "InternalFailure");
/// ```
///
/// ```
/// use errcat::{Code, Retry, ServiceError};
/// use errcat::kms::ErrorCode;
///
/// let body = br#"{"HttpStatus":404,"Code":"Forbidden.KeyNotFound","Message":"The specified Key is not found.","RequestId":"3b237773-bc2c-4bea-95fc-319a1a5baa68"}"#;
/// let error = ServiceError::<ErrorCode>::decode(404, Some("application/json;charset=utf-8"), body)?;
///
/// assert_eq!(error.code(), &Code::Known(ErrorCode::ForbiddenKeyNotFound));
/// assert_eq!(error.message(), Some("The specified Key is not found."));
/// assert_eq!(error.request_id(), Some("3b237773-bc2c-4bea-95fc-319a1a5baa68"));
/// assert_eq!(error.retry(), Some(Retry::Never));
/// assert_eq!(
///     error.to_string(),
///     "404 Forbidden.KeyNotFound: The specified Key is not found. \
///      (RequestId: 3b237773-bc2c-4bea-95fc-319a1a5baa68)"
/// );
/// # Ok::<(), errcat::DecodeError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceError<'a, C: ErrorCatalog> {
    pub(super) status: u16,
    pub(super) body_status: Option<u16>,
    pub(super) code: Code<C>,
    pub(super) message: Option<Cow<'a, str>>,
    pub(super) request_id: Option<Cow<'a, str>>,
    pub(super) host_id: Option<Cow<'a, str>>,
    pub(super) recommend: Option<Cow<'a, str>>,
    pub(super) extra: Vec<(Cow<'a, str>, Cow<'a, str>)>,
    pub(super) retry: Retry,
}

/// The fields.
impl<'a, C: ErrorCatalog> ServiceError<'a, C> {
    /// The HTTP status line's value: the status of the response, whatever the body says.
    #[must_use]
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The body's `HttpStatus` when it disagrees with the status line (it is noted, not
    /// used); `None` when it agrees or is absent.
    #[must_use]
    pub fn body_status(&self) -> Option<u16> {
        self.body_status
    }

    /// The code: [`Code::Known`] when the catalog has exactly this code, else
    /// [`Code::Unknown`] with the code as sent.
    #[must_use]
    pub fn code(&self) -> &Code<C> {
        &self.code
    }

    /// The code as sent, such as `"Forbidden.KeyNotFound"`.
    #[must_use]
    pub fn code_str(&self) -> &str {
        self.code.as_str()
    }

    /// The `Message` field.
    #[must_use]
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The `RequestId` field: quote it when asking the service's support.
    #[must_use]
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The `HostId` field: the site that answered.
    #[must_use]
    pub fn host_id(&self) -> Option<&str> {
        self.host_id.as_deref()
    }

    /// The `Recommend` field: a diagnosis link some services add.
    #[must_use]
    pub fn recommend(&self) -> Option<&str> {
        self.recommend.as_deref()
    }

    /// The fields the reader does not know, as `(name, value)` in body order, duplicates
    /// included. A JSON string is its text; any other JSON value (number, object, array,
    /// `true`, `null`) is its JSON text as sent. An XML element with child elements is its
    /// inner XML as sent.
    ///
    /// ```
    /// use errcat::kms::ServiceError;
    ///
    /// let body = br#"{"Code":"Nope","Data":{"Retry":3},"Tag":"a\"b"}"#;
    /// let error = ServiceError::from_json(400, body)?;
    /// let extra: Vec<(&str, &str)> = error.extra().iter().map(|(k, v)| (&**k, &**v)).collect();
    /// assert_eq!(extra, [("Data", r#"{"Retry":3}"#), ("Tag", "a\"b")]);
    /// # Ok::<(), errcat::DecodeError>(())
    /// ```
    #[must_use]
    pub fn extra(&self) -> &[(Cow<'a, str>, Cow<'a, str>)] {
        &self.extra
    }
}

/// Retrying.
impl<C: ErrorCatalog> ServiceError<'_, C> {
    /// How to treat this error before retrying: the catalog's kind for a known code; for an
    /// unknown code [`Retry::default_for`] the status line (transient for 500, 502, 503 and
    /// 504, never otherwise); [`Retry::Throttling`] after
    /// [`with_retry_after(true)`](ServiceError::with_retry_after).
    ///
    /// Every decoded error has a kind today, so this is always `Some`.
    #[must_use]
    pub fn retry(&self) -> Option<Retry> {
        Some(self.retry)
    }

    /// Whether retrying the request may succeed: the retry kind is not [`Retry::Never`].
    #[must_use]
    pub fn is_retryable(&self) -> bool {
        self.retry != Retry::Never
    }

    /// The same error, marked as throttling when the response had an `x-acs-retry-after`
    /// header (`header_present`), which is how the service says "slow down" whatever the code.
    ///
    /// ```
    /// use errcat::Retry;
    /// use errcat::kms::ServiceError;
    ///
    /// let error = ServiceError::from_json(400, br#"{"Code":"Busy"}"#)?;
    /// assert!(!error.is_retryable());
    /// let error = error.with_retry_after(true);
    /// assert_eq!(error.retry(), Some(Retry::Throttling));
    /// # Ok::<(), errcat::DecodeError>(())
    /// ```
    #[must_use]
    pub fn with_retry_after(mut self, header_present: bool) -> Self {
        if header_present {
            self.retry = Retry::Throttling;
        }
        self
    }

    /// The same error, owning its text, no longer borrowing the body.
    #[must_use]
    pub fn into_owned(self) -> ServiceError<'static, C> {
        fn own(text: Cow<'_, str>) -> Cow<'static, str> {
            Cow::Owned(text.into_owned())
        }
        ServiceError {
            status: self.status,
            body_status: self.body_status,
            code: self.code,
            message: self.message.map(own),
            request_id: self.request_id.map(own),
            host_id: self.host_id.map(own),
            recommend: self.recommend.map(own),
            extra: self
                .extra
                .into_iter()
                .map(|(name, value)| (own(name), own(value)))
                .collect(),
            retry: self.retry,
        }
    }
}

/// `404 Forbidden.KeyNotFound: The specified Key is not found. (RequestId: 3b23...)`:
/// everything a log line or a support ticket needs. Text from the body is shown by
/// [`errcat_wire::show::line`]: control characters, line separators, bidi overrides and other
/// invisible format characters are escaped (`\n`, `\u{202e}`), so a hostile server can neither
/// forge log lines nor make a terminal show something it did not send.
impl<C: ErrorCatalog> fmt::Display for ServiceError<'_, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.status, self.code)?;
        if let Some(message) = self.message() {
            write!(f, ": {}", show::line(message))?;
        }
        if let Some(request_id) = self.request_id() {
            write!(f, " (RequestId: {})", show::line(request_id))?;
        }
        Ok(())
    }
}

impl<C: ErrorCatalog> std::error::Error for ServiceError<'_, C> {}
