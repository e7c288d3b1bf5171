//! A catalog's generated code table, and one code's facts read from it. Not public API:
//! generated code reaches these as `__private::CodeTable` and the rest.

use errcat_wire::Format;
use errcat_wire::envelope::{self, Piece, Values};
use errcat_wire::sink::Sink;

use crate::Retry;

/// A catalog's generated table: one column per fact, each indexed by `code as usize`.
/// Columns of plain literals and paths cost rustc little per code, where a row of nested
/// slices for each code made a large catalog take most of its build time.
#[derive(Debug)]
pub struct CodeTable {
    /// The wire codes.
    pub codes: &'static [&'static str],
    /// The variants' names, as `Debug` writes them.
    pub variants: &'static [&'static str],
    /// The HTTP statuses.
    pub statuses: &'static [u16],
    /// The message templates as written.
    pub messages: &'static [&'static str],
    /// The retry kinds.
    pub retries: &'static [Retry],
    /// The placeholders' names, in order of first use.
    pub placeholders: &'static [&'static [&'static str]],
    /// Why each code is deprecated; empty when no code is.
    pub deprecated: &'static [Option<&'static str>],
    /// The URL of each code's documentation; empty when the catalog has no `docs` template.
    pub docs: &'static [Option<&'static str>],
    /// Each code's [`Shape`], shared by every code whose forms have the same pieces.
    pub shapes: &'static [&'static Shape],
    /// Where each code's own literals start in `lits`.
    pub first_lits: &'static [u32],
    /// Every code's own literals ([`Lit::Own`]), in code order: its message's, then its JSON
    /// envelope's, then its XML envelope's, each form's in the order of its shape.
    pub lits: &'static [&'static str],
}

/// The pieces of a code's message and envelopes, their text found through [`Lit`]s, so that
/// codes whose pieces differ only in their own text share one.
#[derive(Debug)]
pub struct Shape {
    /// The message, unescaped: what `Display` writes.
    pub text: &'static [Piece<&'static Lit>],
    /// The whole JSON error envelope.
    pub json: &'static [Piece<&'static Lit>],
    /// The whole XML error envelope.
    pub xml: &'static [Piece<&'static Lit>],
    /// Where the own literals of `json` start among the code's, after those of `text`.
    pub json_lits: u32,
    /// Where the own literals of `xml` start among the code's.
    pub xml_lits: u32,
}

/// Where the text of a shape's literal is: the code's own, the shape's, or a column of the
/// code's that the form writes as it is. A small catalog's envelope heads are each one own
/// literal, one copy when written; a large catalog's read their code and message from their
/// columns, so that its table holds each once.
#[derive(Clone, Copy, Debug)]
pub enum Lit {
    /// The code's next own literal, from `CodeTable::lits`.
    Own,
    /// This text, the same for every code of the shape.
    Shared(&'static str),
    /// The wire code.
    Code,
    /// The message template as written: a message without placeholders or braces.
    Message,
    /// The URL of the code's documentation.
    Docs,
}

impl Lit {
    /// The text of a literal every code of the shape has, and `""` for any other: what a
    /// host id's piece holds.
    #[must_use]
    pub const fn shared(self) -> &'static str {
        match self {
            Lit::Shared(text) => text,
            _ => "",
        }
    }
}

/// One code of a catalog's [`CodeTable`]: each fact read when asked for, so that a caller
/// pays for the columns it reads and no others.
#[derive(Clone, Copy, Debug)]
pub struct CodeInfo {
    table: &'static CodeTable,
    index: usize,
}

impl CodeTable {
    /// The code at `index`.
    #[inline]
    #[must_use]
    pub const fn info(&'static self, index: usize) -> CodeInfo {
        CodeInfo { table: self, index }
    }
}

impl CodeInfo {
    /// The wire code.
    #[inline]
    #[must_use]
    pub fn code(self) -> &'static str {
        self.table.codes[self.index]
    }

    /// The HTTP status.
    #[inline]
    #[must_use]
    pub fn status(self) -> u16 {
        self.table.statuses[self.index]
    }

    /// The message template as written.
    #[inline]
    #[must_use]
    pub fn message(self) -> &'static str {
        self.table.messages[self.index]
    }

    /// The retry kind.
    #[inline]
    #[must_use]
    pub fn retry(self) -> Retry {
        self.table.retries[self.index]
    }

    /// The placeholders' names, in order of first use.
    #[inline]
    #[must_use]
    pub fn placeholders(self) -> &'static [&'static str] {
        self.table.placeholders[self.index]
    }

    /// Why the code is deprecated.
    #[inline]
    #[must_use]
    pub const fn deprecated(self) -> Option<&'static str> {
        optional(self.table.deprecated, self.index)
    }

    /// The URL of the code's documentation.
    #[inline]
    #[must_use]
    pub const fn docs(self) -> Option<&'static str> {
        optional(self.table.docs, self.index)
    }

    /// The message, unescaped: what `Display` writes.
    #[inline]
    #[must_use]
    pub fn text(self) -> Pieces {
        self.form(|shape| (shape.text, 0))
    }

    /// The whole JSON error envelope, its literal text escaped at build time.
    #[inline]
    #[must_use]
    pub fn json(self) -> Pieces {
        self.form(|shape| (shape.json, shape.json_lits))
    }

    /// The whole XML error envelope, its literal text escaped at build time.
    #[inline]
    #[must_use]
    pub fn xml(self) -> Pieces {
        self.form(|shape| (shape.xml, shape.xml_lits))
    }

    /// One form of the code: the pieces `pick` takes from the code's [`Shape`], with the
    /// code's own literals from the form's first (`pick`'s number among the code's).
    #[inline]
    fn form(
        self,
        pick: impl FnOnce(&'static Shape) -> (&'static [Piece<&'static Lit>], u32),
    ) -> Pieces {
        let (shape, first) = pick(self.table.shapes[self.index]);
        let at = self.table.first_lits[self.index] as usize + first as usize;
        Pieces {
            shape,
            lits: self.table.lits.get(at..).unwrap_or_default(),
            code: self,
        }
    }

    /// The text of `lit`, `own` holding the code's own literals not yet written. A small
    /// catalog's envelopes have only own literals and the host id's shared text, so those
    /// are tested first, inline; a column's text is read out of line.
    #[inline(always)]
    fn lit(self, lit: &Lit, own: &mut core::slice::Iter<'static, &'static str>) -> &'static str {
        match lit {
            Lit::Own => own.next().copied().unwrap_or_default(),
            Lit::Shared(text) => text,
            column => self.column(column),
        }
    }

    /// The text of a [`Lit`] that reads one of the code's columns.
    #[inline(never)]
    fn column(self, lit: &Lit) -> &'static str {
        match lit {
            Lit::Code => self.code(),
            Lit::Message => self.message(),
            Lit::Docs => self.docs().unwrap_or_default(),
            // `lit` answers these itself.
            Lit::Own | Lit::Shared(_) => "",
        }
    }
}

/// The value at `index` of a column of optional text, which is empty when no code has one:
/// a large catalog's table would otherwise spell `None` once per code.
const fn optional(column: &'static [Option<&'static str>], index: usize) -> Option<&'static str> {
    if index < column.len() {
        column[index]
    } else {
        None
    }
}

/// One form of a code (its message, or an envelope): a shape, and the code whose text its
/// literals read.
#[derive(Clone, Copy, Debug)]
pub struct Pieces {
    shape: &'static [Piece<&'static Lit>],
    /// The code's own literals, from this form's first.
    lits: &'static [&'static str],
    code: CodeInfo,
}

impl Pieces {
    /// The pieces, their text found through [`Lit`]s; the host id's holds only
    /// [`Lit::Shared`] text (every code of a catalog has the same one).
    #[inline]
    #[must_use]
    pub const fn shape(self) -> &'static [Piece<&'static Lit>] {
        self.shape
    }

    /// The whole text of a form that is a single literal (a message without placeholders).
    #[inline]
    #[must_use]
    pub fn single(self) -> Option<&'static str> {
        match self.shape {
            [Piece::Lit(lit)] => Some(self.code.lit(lit, &mut self.lits.iter())),
            _ => None,
        }
    }

    /// Writes the form with `values`, escaped for `format` (as it is when `None`).
    ///
    /// # Errors
    ///
    /// The first error `out` returns.
    #[inline]
    pub fn write<A: AsRef<str>, K: Sink>(
        self,
        format: Option<Format>,
        values: &Values<'_, A>,
        out: &mut K,
    ) -> Result<(), K::Error> {
        let mut own = self.lits.iter();
        let text = |lit: &&'static Lit| self.code.lit(lit, &mut own);
        envelope::write_shaped(self.shape, text, format, values, out)
    }
}
