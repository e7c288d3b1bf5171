//! A catalog's generated code table, and one code's facts read from it. Not public API:
//! generated code reaches these as `__private::CodeTable` and the rest.

use errcat_wire::envelope::Piece;

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
    /// Each code's [`Shape`], shared by every code whose message has the same pieces.
    pub shapes: &'static [&'static Shape],
    /// Where each code's literal text starts in `lits`.
    pub first_lits: &'static [u32],
    /// Every code's literal text, in code order: its message's, then its JSON envelope's,
    /// then its XML envelope's, each form's in the order of its shape.
    pub lits: &'static [&'static str],
}

/// The pieces of a code's message and envelopes without their literal text: each
/// [`Piece::Lit`] stands for the code's next literal and holds `""`.
#[derive(Debug)]
pub struct Shape {
    /// The message, unescaped: what `Display` writes; empty when that is the message as
    /// written, which is then read from the messages' column.
    pub text: &'static [Piece],
    /// The whole JSON error envelope.
    pub json: &'static [Piece],
    /// The whole XML error envelope.
    pub xml: &'static [Piece],
    /// Where the literals of `json` start among the code's, after those of `text`.
    pub json_lits: u32,
    /// Where the literals of `xml` start among the code's.
    pub xml_lits: u32,
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
        if self.table.shapes[self.index].text.is_empty() {
            let message = core::slice::from_ref(&self.table.messages[self.index]);
            return Pieces::new(&[Piece::Lit("")], message);
        }
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
    /// code's literals from the form's first (`pick`'s number among the code's literals).
    #[inline]
    fn form(self, pick: impl FnOnce(&'static Shape) -> (&'static [Piece], u32)) -> Pieces {
        let (shape, first) = pick(self.table.shapes[self.index]);
        let at = self.table.first_lits[self.index] as usize + first as usize;
        Pieces::new(shape, self.table.lits.get(at..).unwrap_or_default())
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

/// One form of a code (its message, or an envelope): a shape and the code's literals from
/// the form's first, as `errcat_wire::envelope::write_shaped` writes them.
#[derive(Clone, Copy, Debug)]
pub struct Pieces {
    shape: &'static [Piece],
    lits: &'static [&'static str],
}

impl Pieces {
    const fn new(shape: &'static [Piece], lits: &'static [&'static str]) -> Self {
        Pieces { shape, lits }
    }

    /// The pieces without their literal text: the slots are all there, the host id's with
    /// its text (every code of a catalog has the same one).
    #[inline]
    #[must_use]
    pub const fn shape(self) -> &'static [Piece] {
        self.shape
    }

    /// The code's literals, from this form's first.
    #[inline]
    #[must_use]
    pub const fn lits(self) -> &'static [&'static str] {
        self.lits
    }

    /// The whole text of a form that is a single literal (a message without placeholders).
    #[inline]
    #[must_use]
    pub fn single(self) -> Option<&'static str> {
        match (self.shape, self.lits.first()) {
            ([Piece::Lit(_)], Some(text)) => Some(text),
            _ => None,
        }
    }
}
