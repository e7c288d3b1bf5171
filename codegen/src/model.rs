//! The catalog model, in two forms.
//!
//! [`Catalog`] is what a front-end read (the TOML file or a derive input): values as written,
//! each with its span, not yet checked. [`Valid`] is what `check` returns once every rule
//! passed: the emitter and the docs only ever see a `Valid`, so they need no error paths.

use crate::diag::{Span, Spanned};
use crate::template::Template;

/// A catalog as a front-end read it.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    /// `[service] name`; `None` when the section is missing.
    pub service: Option<Spanned<String>>,
    /// The entries, in source order.
    pub entries: Vec<Entry>,
}

/// One `[[error]]` entry (or one variant of a derive input), as written.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The `[[error]]` header, or the variant: where entry-level problems are reported.
    pub span: Span,
    /// `code`, `status` and `message` are required: `None` when missing (the front-end has
    /// reported it), so that the entry's other mistakes are still checked.
    pub code: Option<Spanned<String>>,
    pub status: Option<Spanned<i64>>,
    pub message: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
    pub retry: Option<Spanned<String>>,
    /// The Rust variant name: an override in TOML, the variant itself in a derive.
    pub variant: Option<Spanned<String>>,
    pub deprecated: Option<Spanned<String>>,
}

/// How a client should treat an error before retrying the request.
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
    /// The spellings accepted in `retry = "..."`, in the order they are listed to users.
    pub const NAMES: [&'static str; 3] = ["never", "transient", "throttling"];

    pub fn from_name(name: &str) -> Option<Retry> {
        match name {
            "never" => Some(Retry::Never),
            "transient" => Some(Retry::Transient),
            "throttling" => Some(Retry::Throttling),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Retry::Never => "never",
            Retry::Transient => "transient",
            Retry::Throttling => "throttling",
        }
    }

    /// The default when an entry says nothing: 500 and 503 are passing failures.
    pub fn default_for(status: u16) -> Retry {
        if matches!(status, 500 | 503) {
            Retry::Transient
        } else {
            Retry::Never
        }
    }
}

/// A checked catalog: every rule passed.
#[derive(Clone, Debug)]
pub struct Valid {
    /// The service name: the XML root element of error envelopes.
    pub service: String,
    /// The codes, in catalog order.
    pub codes: Vec<Code>,
}

/// One checked error code.
#[derive(Clone, Debug)]
pub struct Code {
    /// The wire code, such as `Forbidden.KeyNotFound`.
    pub code: String,
    /// The Rust variant name, such as `ForbiddenKeyNotFound`.
    pub variant: String,
    pub status: u16,
    pub message: Template,
    pub description: Option<String>,
    pub retry: Retry,
    pub deprecated: Option<String>,
}

impl Valid {
    /// The code named `code`, exactly or ignoring ASCII case.
    pub fn find(&self, code: &str) -> Option<&Code> {
        let exact = self.codes.iter().find(|c| c.code == code);
        exact.or_else(|| {
            self.codes
                .iter()
                .find(|c| c.code.eq_ignore_ascii_case(code))
        })
    }
}

impl Code {
    /// The snake_case name of the typed constructor of a templated code.
    pub fn constructor(&self) -> String {
        crate::names::snake_case(&self.variant)
    }
}
