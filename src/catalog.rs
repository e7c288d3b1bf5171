//! The [`ErrorCatalog`] trait every generated code enum implements, and its vocabulary.

use core::fmt::{self, Debug, Display};
use core::hash::Hash;
use core::str::FromStr;

use crate::__private::CodeInfo;

/// A catalog of error codes: implemented by the generated [`ErrorCode`](crate::ErrorCode),
/// by enums with `#[derive(ErrorCatalog)]`, and by other services' generated enums.
///
/// Generated enums also have every method below as an inherent `const fn` where possible, so
/// most code never needs this trait in scope; generic code (an [`Error<C>`](crate::Error) of
/// any catalog) uses it.
pub trait ErrorCatalog:
    Copy + Eq + Ord + Hash + Debug + Display + FromStr<Err = UnknownCode> + Send + Sync + 'static
{
    /// The service's name: the root element of XML error envelopes.
    const SERVICE: &'static str;

    /// Every code, in catalog order.
    const ALL: &'static [Self];

    /// The code's row of the generated table.
    #[doc(hidden)]
    fn info(self) -> &'static CodeInfo;

    /// The code with exactly this wire code, or `None`.
    fn from_code(code: &str) -> Option<Self>;

    /// The code with this wire code in any ASCII case, or `None`.
    fn from_code_ignore_case(code: &str) -> Option<Self>;

    /// The wire code, such as `"Forbidden.KeyNotFound"`.
    fn code(self) -> &'static str {
        self.info().code
    }

    /// The HTTP status of responses carrying this code.
    fn http_status(self) -> u16 {
        self.info().status
    }

    /// The message template as the catalog writes it.
    fn message(self) -> &'static str {
        self.info().message
    }

    /// How a client should treat this error before retrying.
    fn retry(self) -> Retry {
        self.info().retry
    }

    /// Whether retrying the request may succeed.
    fn is_retryable(self) -> bool {
        self.retry() != Retry::Never
    }

    /// The names of the message's placeholders, in order of first use.
    fn placeholders(self) -> &'static [&'static str] {
        self.info().placeholders
    }
}

/// How a client should treat an error before retrying the request.
///
/// Set per code with `retry = "never" | "transient" | "throttling"` in the catalog; without
/// it, 500 and 503 are `Transient` and every other status is `Never`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Retry {
    /// Retrying the same request gives the same error.
    Never,
    /// A passing failure on the server's side: retry with backoff.
    Transient,
    /// The caller is sending too fast: retry after waiting.
    Throttling,
}

impl Retry {
    /// The catalog spelling: `"never"`, `"transient"` or `"throttling"`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Retry::Never => "never",
            Retry::Transient => "transient",
            Retry::Throttling => "throttling",
        }
    }
}

impl Display for Retry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of parsing a string that is not a known code (`"Nope".parse::<ErrorCode>()`).
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
        write!(f, "unknown error code `{}`", self.code.escape_debug())
    }
}

impl std::error::Error for UnknownCode {}
