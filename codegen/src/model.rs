//! The catalog model, in two forms.
//!
//! [`Catalog`] is what a front-end read (the TOML file or a derive input): values as written,
//! each with its span, not yet checked. [`Valid`] is what `check` returns once every rule
//! passed: the emitter and the docs only ever see a `Valid`, so they need no error paths.

use errcat_wire::envelope::{self, ErrorFacts, Piece, Text};
use errcat_wire::{Dialect, Format, Retry};

use crate::diag::{Span, Spanned};
use crate::template::{self, Template};

/// The most codes a catalog may have: what a lookup table indexes (24 bits, the last value
/// marking an empty slot). A catalog within [`MAX_CATALOG_BYTES`] has far fewer.
pub(crate) const MAX_CODES: usize = errcat_wire::lookup::MAX_KEYS;

/// The largest catalog read, in bytes (16 MiB): a larger one is refused before it is parsed.
/// Parsing holds the TOML tree and the catalog in memory at once, many times the file,
/// whatever shape the file has, so the cap is what bounds it; counting `[[error]]` lines
/// first did not (quoted headers, inline arrays and comments that look like open strings
/// got past it). The 100,000-code catalog of `benches/scale` fits, with room to spare.
pub const MAX_CATALOG_BYTES: usize = 16 << 20;

/// A catalog as a front-end read it.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    /// `[service] name`; `None` when the section is missing.
    pub service: Option<Spanned<String>>,
    /// `[service] dialect`: `kms` (the default), `pop` or `problem`.
    pub dialect: Option<Spanned<String>>,
    /// `[service] host`: the example host id of the docs.
    pub host: Option<Spanned<String>>,
    /// `[service] docs`: the URL of each code's documentation, `{code}` standing for the code.
    pub docs: Option<Spanned<String>>,
    /// The entries, in source order.
    pub entries: Vec<Entry>,
}

/// One `[[error]]` entry (or one variant of a derive input), as written.
///
/// `code`, `status` and `message` are required: `None` when missing (the front-end has
/// reported it), so that the entry's other mistakes are still checked.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The `[[error]]` header, or the variant: where entry-level problems are reported.
    pub span: Span,
    /// The wire code.
    pub code: Option<Spanned<String>>,
    /// The HTTP status.
    pub status: Option<Spanned<i64>>,
    /// The message template.
    pub message: Option<Spanned<String>>,
    /// Long documentation, Markdown.
    pub description: Option<Spanned<String>>,
    /// `never`, `transient` or `throttling`.
    pub retry: Option<Spanned<String>>,
    /// The Rust variant name: an override in TOML, the variant itself in a derive.
    pub variant: Option<Spanned<String>>,
    /// Why the code is retired.
    pub deprecated: Option<Spanned<String>>,
}

/// What stands for the code in a `docs` URL template.
pub const DOCS_CODE: &str = "{code}";

/// A checked catalog: every rule passed.
#[derive(Clone, Debug)]
pub struct Valid {
    /// The service's name (the root element of XML error envelopes in the `kms` dialect).
    pub service: String,
    /// The envelope dialect.
    pub dialect: Dialect,
    /// The example host id of the docs, if any.
    pub host: Option<String>,
    /// The URL template of each code's documentation (`{code}` stands for the code), if any.
    pub docs: Option<String>,
    /// The codes, in catalog order.
    pub codes: Vec<Code>,
}

/// One checked error code.
#[derive(Clone, Debug)]
pub struct Code {
    /// The wire code, such as `Forbidden.KeyNotFound`.
    pub code: String,
    /// The Rust variant name, such as `ForbiddenKeyNotFound` (`r#type` for a keyword).
    pub variant: String,
    /// The HTTP status, 400..=599.
    pub status: u16,
    /// The message template.
    pub message: Template,
    /// Long documentation, Markdown.
    pub description: Option<String>,
    /// How a client should treat the error before retrying.
    pub retry: Retry,
    /// Why the code is retired, if it is.
    pub deprecated: Option<String>,
}

impl Valid {
    /// The code named `code`, exactly or ignoring ASCII case.
    #[must_use]
    pub fn find(&self, code: &str) -> Option<&Code> {
        let exact = self.codes.iter().find(|c| c.code == code);
        exact.or_else(|| {
            self.codes
                .iter()
                .find(|c| c.code.eq_ignore_ascii_case(code))
        })
    }

    /// The URL of `code`'s documentation, if the catalog has a `docs` template.
    #[must_use]
    pub fn docs_url(&self, code: &Code) -> Option<String> {
        self.docs
            .as_ref()
            .map(|template| template.replace(DOCS_CODE, &code.code))
    }

    /// The pieces of `code`'s error envelope in `format`, in the catalog's dialect (see
    /// `errcat_wire::envelope`).
    #[must_use]
    pub fn error_pieces(&self, code: &Code, format: Format) -> Vec<Piece<String>> {
        let docs = self.docs_url(code);
        self.error_pieces_with(
            code,
            format,
            &code.code,
            &code.message_text(),
            docs.as_deref(),
        )
    }

    /// [`error_pieces`](Self::error_pieces) with `wire_code`, `message` and `docs` in place
    /// of the code's own.
    #[must_use]
    pub fn error_pieces_with(
        &self,
        code: &Code,
        format: Format,
        wire_code: &str,
        message: &[Text<'_>],
        docs: Option<&str>,
    ) -> Vec<Piece<String>> {
        let facts = ErrorFacts {
            service: &self.service,
            status: code.status,
            code: wire_code,
            message,
            placeholders: &code.message.placeholders(),
            docs,
        };
        envelope::error_pieces(self.dialect, format, &facts)
    }
}

impl Code {
    /// The name of the typed constructor of a templated code: its variant in snake_case
    /// (`MissingParameter` → `missing_parameter`).
    #[must_use]
    pub fn constructor(&self) -> String {
        crate::names::snake_case(crate::names::unraw(&self.variant))
    }

    /// The message template as the wire crate takes it: literal text, and each placeholder by
    /// its index among the distinct placeholders.
    #[must_use]
    pub fn message_text(&self) -> Vec<Text<'_>> {
        let names = self.message.placeholders();
        let index = |name: &str| names.iter().position(|n| *n == name).unwrap_or(0);
        self.message
            .pieces
            .iter()
            .map(|piece| match piece {
                template::Piece::Text(text) => Text::Lit(text),
                template::Piece::Placeholder(name) => Text::Arg(index(name)),
            })
            .collect()
    }
}
