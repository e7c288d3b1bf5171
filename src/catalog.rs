//! The [`ErrorCatalog`] trait every generated code enum implements, and its vocabulary.

use core::fmt::{self, Debug, Display};
use core::hash::Hash;
use core::str::FromStr;

use crate::table::CodeInfo;
use crate::{Dialect, Retry};

/// A catalog of error codes: implemented by every generated code enum (from a build script
/// or `#[derive(ErrorCatalog)]`), such as [`kms::ErrorCode`](crate::kms::ErrorCode).
///
/// Generated enums also have every method below as an inherent `const fn` where possible, so
/// most code never needs this trait in scope; generic code (an [`Error<C>`](crate::Error) or
/// a [`ServiceError<C>`](crate::ServiceError) of any catalog) uses it.
pub trait ErrorCatalog:
    Copy + Eq + Ord + Hash + Debug + Display + FromStr<Err = UnknownCode> + Send + Sync + 'static
{
    /// The service's name: the root element of XML error envelopes in the `kms` dialect.
    const SERVICE: &'static str;

    /// The shape of the service's error envelopes.
    const DIALECT: Dialect;

    /// Every code, in catalog order.
    const ALL: &'static [Self];

    /// The code's facts, from the generated table.
    #[doc(hidden)]
    fn info(self) -> CodeInfo;

    /// The code with exactly this wire code, or `None`.
    fn from_code(code: &str) -> Option<Self>;

    /// The code with this wire code in any ASCII case, or `None`.
    fn from_code_ignore_case(code: &str) -> Option<Self>;

    /// The wire code, such as `"Forbidden.KeyNotFound"`.
    fn code(self) -> &'static str {
        self.info().code()
    }

    /// The HTTP status of responses carrying this code.
    fn http_status(self) -> u16 {
        self.info().status()
    }

    /// The message template as the catalog writes it.
    fn message(self) -> &'static str {
        self.info().message()
    }

    /// How a client should treat this error before retrying.
    fn retry(self) -> Retry {
        self.info().retry()
    }

    /// Whether retrying the request may succeed.
    fn is_retryable(self) -> bool {
        self.retry() != Retry::Never
    }

    /// The names of the message's placeholders, in order of first use.
    fn placeholders(self) -> &'static [&'static str] {
        self.info().placeholders()
    }

    /// Why the code is deprecated, if it is.
    fn deprecation(self) -> Option<&'static str> {
        self.info().deprecated()
    }

    /// The URL of the code's documentation, if the catalog has a `docs` template.
    fn docs(self) -> Option<&'static str> {
        self.info().docs()
    }
}

/// The error of parsing a string that is not a known code
/// (`"Nope".parse::<kms::ErrorCode>()`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownCode {
    code: Box<str>,
}

impl UnknownCode {
    /// The error for `code`.
    #[must_use]
    pub fn new(code: &str) -> Self {
        UnknownCode { code: code.into() }
    }

    /// The string that is not a known code.
    #[must_use]
    pub fn code(&self) -> &str {
        &self.code
    }
}

impl Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown error code `{}`",
            errcat_wire::show::line(&self.code)
        )
    }
}

impl std::error::Error for UnknownCode {}

/// A catalog without codes, for reading the errors of a service whose catalog you do not
/// have: every decoded code is [`Code::Unknown`](crate::Code::Unknown), kept whole, and its
/// retry kind is [`Retry::default_for`] the status.
///
/// ```
/// use errcat::{NoCatalog, Retry, ServiceError};
///
/// let body = br#"{"Code":"Throttling.User","Message":"Slow down.","RequestId":"r1"}"#;
/// let error = ServiceError::<NoCatalog>::decode(503, None, body)?;
/// assert_eq!(error.code_str(), "Throttling.User");
/// assert_eq!(error.code().known(), None);
/// assert_eq!(error.retry(), Some(Retry::Transient));
/// # Ok::<(), errcat::DecodeError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NoCatalog {}

impl ErrorCatalog for NoCatalog {
    const SERVICE: &'static str = "";
    const DIALECT: Dialect = Dialect::Kms;
    const ALL: &'static [Self] = &[];

    fn info(self) -> CodeInfo {
        match self {}
    }

    fn from_code(_: &str) -> Option<Self> {
        None
    }

    fn from_code_ignore_case(_: &str) -> Option<Self> {
        None
    }
}

impl Display for NoCatalog {
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {}
    }
}

impl FromStr for NoCatalog {
    type Err = UnknownCode;

    fn from_str(code: &str) -> Result<Self, UnknownCode> {
        Err(UnknownCode::new(code))
    }
}
