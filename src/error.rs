//! [`Error`]: the error a server returns, a code and its placeholder arguments.

use std::borrow::Cow;
use std::fmt;

use errcat_wire::RequestIdRef;
use errcat_wire::envelope::{HostIdRef, Values};

use crate::ErrorCatalog;
use crate::sink::FmtSink;

/// An error of a catalog: a code and the arguments of its message's placeholders.
///
/// ```
/// use errcat::Error;
/// use errcat::kms::ErrorCode;
///
/// let error = ErrorCode::missing_parameter("KeyId");
/// assert_eq!(error.code(), ErrorCode::MissingParameter);
/// assert_eq!(error.http_status(), 400);
/// assert_eq!(error.message(), r#"The parameter "KeyId" is needed but not provided."#);
/// assert_eq!(
///     error.to_string(),
///     r#"MissingParameter: The parameter "KeyId" is needed but not provided."#
/// );
///
/// // A code without placeholders: no allocation, now or when written.
/// let error = Error::new(ErrorCode::ForbiddenKeyNotFound);
/// assert_eq!(error.message(), "The specified Key is not found.");
/// ```
///
/// Each templated code has a typed constructor on its code enum, named after it
/// (`ErrorCode::missing_parameter`, `ErrorCode::invalid_parameter`);
/// [`Error::try_with_args`] takes arguments by name at run time. [`Error::new`] on a
/// templated code shows each placeholder as `<name>`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Error<C: ErrorCatalog> {
    code: C,
    /// One per placeholder, in `C::placeholders()` order (empty from `Error::new`).
    args: Box<[Cow<'static, str>]>,
}

impl<C: ErrorCatalog> Error<C> {
    /// An error with no placeholder arguments. Allocates nothing.
    #[must_use]
    pub fn new(code: C) -> Self {
        Error {
            code,
            args: Box::new([]),
        }
    }

    /// The typed constructors' way in: `args` are in placeholder order. Generic over their
    /// count so that the boxing is written, and type-checked, once, not in each constructor.
    #[doc(hidden)]
    #[must_use]
    pub fn __with_args<const N: usize>(code: C, args: [Cow<'static, str>; N]) -> Self {
        Error {
            code,
            args: Box::new(args),
        }
    }

    /// An error with its placeholder arguments given by name, for callers that only know
    /// them at run time. Every placeholder needs exactly one argument.
    ///
    /// ```
    /// use errcat::{ArgError, Error};
    /// use errcat::kms::ErrorCode;
    ///
    /// let error = Error::try_with_args(ErrorCode::InvalidParameter, [("parameter", "KeyId")])?;
    /// assert_eq!(error.message(), r#"The specified parameter "KeyId" is not valid."#);
    ///
    /// let missing = Error::try_with_args(ErrorCode::InvalidParameter, [("param", "KeyId")]);
    /// assert_eq!(missing, Err(ArgError::Unknown("param".to_owned())));
    /// # Ok::<(), ArgError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ArgError::Unknown`] for a name that is not a placeholder of the code (or is given
    /// twice), [`ArgError::Missing`] for a placeholder without an argument.
    pub fn try_with_args<N, V>(
        code: C,
        args: impl IntoIterator<Item = (N, V)>,
    ) -> Result<Self, ArgError>
    where
        N: AsRef<str>,
        V: Into<Cow<'static, str>>,
    {
        let names = code.placeholders();
        let mut values: Vec<Option<Cow<'static, str>>> = vec![None; names.len()];
        for (name, value) in args {
            let name = name.as_ref();
            match names.iter().position(|n| *n == name) {
                Some(i) if values[i].is_none() => values[i] = Some(value.into()),
                _ => return Err(ArgError::Unknown(name.to_owned())),
            }
        }
        let args = values
            .into_iter()
            .zip(names)
            .map(|(value, name)| value.ok_or(ArgError::Missing(name)))
            .collect::<Result<_, _>>()?;
        Ok(Error { code, args })
    }

    /// The error's code.
    #[must_use]
    pub fn code(&self) -> C {
        self.code
    }

    /// The HTTP status of the response carrying this error.
    #[must_use]
    pub fn http_status(&self) -> u16 {
        self.code.http_status()
    }

    /// The placeholder arguments, in the order of `code().placeholders()`.
    #[must_use]
    pub fn args(&self) -> &[Cow<'static, str>] {
        &self.args
    }

    /// The argument of placeholder `name`.
    #[must_use]
    pub fn arg(&self, name: &str) -> Option<&str> {
        let i = self.code.placeholders().iter().position(|n| *n == name)?;
        self.args.get(i).map(|a| a.as_ref())
    }

    /// The message with its arguments in place. Borrowed (no allocation) for a code without
    /// placeholders.
    #[must_use]
    pub fn message(&self) -> Cow<'static, str> {
        let text = self.code.info().text();
        match text.shape() {
            [] => Cow::Borrowed(""),
            _ => text.single().map_or_else(
                || Cow::Owned(MessageDisplay(self).to_string()),
                Cow::Borrowed,
            ),
        }
    }

    /// What only the run time knows of the error's envelope: its arguments, and the ids.
    pub(crate) fn values<'a>(
        &'a self,
        request_id: RequestIdRef<'a>,
        host_id: HostIdRef<'a>,
    ) -> Values<'a, Cow<'static, str>> {
        Values {
            args: &self.args,
            placeholders: self.code.placeholders(),
            request_id,
            host_id,
        }
    }
}

/// Writes an error's message.
struct MessageDisplay<'a, C: ErrorCatalog>(&'a Error<C>);

impl<C: ErrorCatalog> fmt::Display for MessageDisplay<'_, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let values = self.0.values("".into(), HostIdRef::Absent);
        let text = self.0.code.info().text();
        text.write(None, &values, &mut FmtSink(f))
    }
}

impl<C: ErrorCatalog> From<C> for Error<C> {
    fn from(code: C) -> Self {
        Error::new(code)
    }
}

impl<C: ErrorCatalog> fmt::Display for Error<C> {
    /// `Code: message`, such as `Forbidden.KeyNotFound: The specified Key is not found.`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code.code(), MessageDisplay(self))
    }
}

impl<C: ErrorCatalog> fmt::Debug for Error<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("code", &self.code)
            .field("args", &self.args)
            .finish()
    }
}

impl<C: ErrorCatalog> std::error::Error for Error<C> {}

/// Why [`Error::try_with_args`] refused its arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArgError {
    /// This placeholder got no argument.
    Missing(&'static str),
    /// This name is not a placeholder of the code, or was given twice.
    Unknown(String),
}

impl fmt::Display for ArgError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArgError::Missing(name) => write!(f, "missing argument for placeholder `{name}`"),
            ArgError::Unknown(name) => {
                write!(
                    f,
                    "`{}` is not a placeholder of this code, or is given twice",
                    errcat_wire::show::line(name)
                )
            }
        }
    }
}

impl std::error::Error for ArgError {}
