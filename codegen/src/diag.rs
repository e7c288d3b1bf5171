//! Diagnostics: every problem found in a catalog, with where it is.
//!
//! Checks never stop at the first problem: they push into a [`Diagnostics`] collector
//! (serde_derive's `Ctxt` idea), and the caller reports all of them at once, as
//! `errors.toml:LINE:COL: error: message` lines or as spanned compile errors.

use std::fmt::Write as _;

use errcat_wire::show;

/// Where an item of a catalog came from.
#[derive(Clone, Copy, Debug)]
pub enum Span {
    /// A byte range of a TOML source file.
    Text {
        /// The first byte.
        start: usize,
        /// The byte after the last.
        end: usize,
    },
    /// A token of a derive input.
    Tokens(proc_macro2::Span),
}

impl Span {
    /// The first byte of a source file: where file-level problems are reported.
    pub const FILE_START: Span = Span::Text { start: 0, end: 0 };

    /// The span of a byte range of a source file.
    pub fn text(range: std::ops::Range<usize>) -> Span {
        Span::Text {
            start: range.start,
            end: range.end,
        }
    }

    /// The span as a token span, for compile errors (text spans have none: call site).
    pub fn token(self) -> proc_macro2::Span {
        match self {
            Span::Text { .. } => proc_macro2::Span::call_site(),
            Span::Tokens(span) => span,
        }
    }
}

/// A value and where it was written.
#[derive(Clone, Debug)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// `value`, written at `span`.
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// One problem in a catalog.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    /// Where the problem is.
    pub span: Span,
    /// What is wrong, lower-case, no trailing period.
    pub message: String,
    /// For duplicates: where the first occurrence is.
    pub first: Option<Span>,
}

impl Diagnostic {
    /// A problem at `span`.
    #[must_use]
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            span,
            message: message.into(),
            first: None,
        }
    }

    /// The diagnostic as a compile error on the user's tokens; a duplicate also points at the
    /// first occurrence ("first defined here"), as strum's `occurrence_error` does.
    pub fn to_syn_error(&self) -> syn::Error {
        let mut error = syn::Error::new(self.span.token(), &self.message);
        if let Some(first) = self.first {
            error.combine(syn::Error::new(first.token(), "first defined here"));
        }
        error
    }
}

/// Collects diagnostics; the caller turns them into a result once every rule has run.
#[derive(Default)]
pub struct Diagnostics {
    list: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records a problem at `span`.
    pub fn error(&mut self, span: Span, message: impl Into<String>) {
        self.list.push(Diagnostic::new(span, message));
    }

    /// Records a duplicate at `span` whose first occurrence is at `first`.
    pub fn duplicate(&mut self, span: Span, first: Span, message: impl Into<String>) {
        self.list.push(Diagnostic {
            span,
            message: message.into(),
            first: Some(first),
        });
    }

    /// Adds problems found elsewhere (by a front-end).
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.list.extend(other);
    }

    /// Whether no problem was recorded.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// `Ok(value)` if no problem was recorded, else every problem in source order.
    pub fn finish<T>(self, value: T) -> Result<T, Vec<Diagnostic>> {
        if self.list.is_empty() {
            Ok(value)
        } else {
            Err(self.into_vec())
        }
    }

    /// Every problem, in source order (text spans by position; token spans keep their order).
    pub fn into_vec(mut self) -> Vec<Diagnostic> {
        self.list.sort_by_key(|d| match d.span {
            Span::Text { start, .. } => start,
            Span::Tokens(_) => 0,
        });
        self.list
    }
}

/// Line and column (both 1-based; the column counts characters) of byte offsets in a source.
struct LineIndex<'a> {
    source: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// The index of `source`'s lines.
    fn new(source: &'a str) -> Self {
        let breaks = source.match_indices('\n').map(|(i, _)| i + 1);
        LineIndex {
            source,
            line_starts: std::iter::once(0).chain(breaks).collect(),
        }
    }

    /// The line and column of byte `offset` (clamped to the source).
    fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.source.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let column = self
            .source
            .get(start..offset)
            .map_or(0, |s| s.chars().count());
        (line + 1, column + 1)
    }

    /// `FILE:LINE:COL` of a span (token spans have no place in a file: `FILE`).
    fn locate(&self, file: &str, span: Span) -> String {
        match span {
            Span::Text { start, .. } => {
                let (line, col) = self.line_col(start);
                format!("{file}:{line}:{col}")
            }
            Span::Tokens(_) => file.to_owned(),
        }
    }
}

/// At most this many problems are printed: a catalog of broken entries can have hundreds of
/// thousands, and the first ones are what to fix first. A last line says how many more.
const MAX_SHOWN: usize = 100;

/// Renders diagnostics as `FILE:LINE:COL: error: message` lines, one per problem (at most
/// `MAX_SHOWN`, then a line counting the others); a duplicate names its first occurrence on
/// the same line.
pub fn render(diagnostics: &[Diagnostic], file: &str, source: &str) -> String {
    let mut text: String = lines(diagnostics, file, source)
        .map(|(at, message)| format!("{at}: error: {message}\n"))
        .collect();
    if let Some(more) = not_shown(diagnostics, file) {
        text.push_str(&format!("{file}: error: {more}\n"));
    }
    text
}

/// The `cargo::error=FILE:LINE:COL: message` lines a build script prints (cargo adds its own
/// `error:` in front), at most `MAX_SHOWN` (100) and a line counting the others.
pub fn render_for_cargo(diagnostics: &[Diagnostic], file: &str, source: &str) -> Vec<String> {
    lines(diagnostics, file, source)
        .map(|(at, message)| format!("cargo::error={at}: {message}"))
        .chain(not_shown(diagnostics, file).map(|more| format!("cargo::error={file}: {more}")))
        .collect()
}

/// `N more problems not shown`, when there are more than [`MAX_SHOWN`].
fn not_shown(diagnostics: &[Diagnostic], file: &str) -> Option<String> {
    let more = diagnostics
        .len()
        .checked_sub(MAX_SHOWN)
        .filter(|&n| n > 0)?;
    let plural = if more == 1 { "" } else { "s" };
    Some(format!(
        "{more} more problem{plural} not shown (fix these and run again, or `errcat check {file}`)"
    ))
}

/// `(FILE:LINE:COL, message)` of the first [`MAX_SHOWN`] diagnostics. Messages quote the
/// catalog, which may hold anything: they are shown by `errcat_wire::show`'s rule, so a
/// bidi override or a control character in a key cannot garble the terminal.
fn lines<'a>(
    diagnostics: &'a [Diagnostic],
    file: &'a str,
    source: &'a str,
) -> impl Iterator<Item = (String, String)> + 'a {
    let index = LineIndex::new(source);
    diagnostics.iter().take(MAX_SHOWN).map(move |d| {
        let mut message = show::line(&d.message).to_string();
        if let Some(first) = d.first {
            let _ = write!(message, " (first defined at {})", index.locate(file, first));
        }
        (index.locate(file, d.span), message)
    })
}

/// A catalog file's bytes as text. Invalid UTF-8 is a diagnostic at the first bad byte,
/// given with the valid text before it, which is all `render` needs to place it
/// (`errors.toml:3:9: error: ...`).
///
/// # Errors
///
/// The diagnostic and the valid text before the bad byte.
pub fn text_of(bytes: &[u8]) -> Result<&str, (Diagnostic, &str)> {
    std::str::from_utf8(bytes).map_err(|error| {
        let at = error.valid_up_to();
        let valid = std::str::from_utf8(bytes.get(..at).unwrap_or_default()).unwrap_or_default();
        let byte = bytes.get(at).copied().unwrap_or_default();
        let message = format!("the byte 0x{byte:02X} is not valid UTF-8; a catalog is UTF-8 text");
        (Diagnostic::new(Span::text(at..at), message), valid)
    })
}
