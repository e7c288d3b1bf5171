//! [`Retry`]: how a client should treat an error before retrying, and the default for a
//! status.

use core::fmt;

/// How a client should treat an error before retrying the request.
///
/// Set per code with `retry = "never" | "transient" | "throttling"` in the catalog; without
/// it, and for codes a client does not know, [`Retry::default_for`] the status.
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
    /// Every kind, in the order they are listed to users.
    pub const ALL: [Retry; 3] = [Retry::Never, Retry::Transient, Retry::Throttling];

    /// The catalog spelling: `"never"`, `"transient"` or `"throttling"`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Retry::Never => "never",
            Retry::Transient => "transient",
            Retry::Throttling => "throttling",
        }
    }

    /// The kind spelled `name` in a catalog, or `None`.
    ///
    /// ```
    /// use errcat_wire::Retry;
    ///
    /// assert_eq!(Retry::from_name("throttling"), Some(Retry::Throttling));
    /// assert_eq!(Retry::from_name("Never"), None);
    /// ```
    #[must_use]
    pub fn from_name(name: &str) -> Option<Retry> {
        Retry::ALL.into_iter().find(|kind| kind.as_str() == name)
    }

    /// The kind of an error whose catalog entry says nothing, or whose code the client does
    /// not know: 500, 502, 503 and 504 are passing failures of the server or of a gateway
    /// in front of it (`Transient`); any other status is final (`Never`).
    ///
    /// ```
    /// use errcat_wire::Retry;
    ///
    /// assert_eq!(Retry::default_for(503), Retry::Transient);
    /// assert_eq!(Retry::default_for(502), Retry::Transient);
    /// assert_eq!(Retry::default_for(404), Retry::Never);
    /// ```
    #[must_use]
    pub const fn default_for(status: u16) -> Retry {
        match status {
            500 | 502 | 503 | 504 => Retry::Transient,
            _ => Retry::Never,
        }
    }
}

impl fmt::Display for Retry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
