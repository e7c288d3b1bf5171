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
    /// Why each code is deprecated.
    pub deprecated: &'static [Option<&'static str>],
    /// The URL of each code's documentation.
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
    /// The message, unescaped: what `Display` writes.
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

/// One code's facts, read from its catalog's [`CodeTable`].
#[derive(Clone, Copy, Debug)]
pub struct CodeInfo {
    /// The wire code.
    pub code: &'static str,
    /// The variant's name.
    pub variant: &'static str,
    /// The HTTP status.
    pub status: u16,
    /// The message template as written.
    pub message: &'static str,
    /// The retry kind.
    pub retry: Retry,
    /// The placeholders' names, in order of first use.
    pub placeholders: &'static [&'static str],
    /// Why the code is deprecated.
    pub deprecated: Option<&'static str>,
    /// The URL of the code's documentation.
    pub docs: Option<&'static str>,
    /// The message, unescaped: what `Display` writes.
    pub text: Pieces,
    /// The whole JSON error envelope, its literal text escaped at build time.
    pub json: Pieces,
    /// The whole XML error envelope, its literal text escaped at build time.
    pub xml: Pieces,
}

impl CodeTable {
    /// The facts of the code at `index`.
    #[must_use]
    pub fn info(&'static self, index: usize) -> CodeInfo {
        let shape = self.shapes[index];
        let lits = self
            .lits
            .get(self.first_lits[index] as usize..)
            .unwrap_or_default();
        let from = |at: u32| lits.get(at as usize..).unwrap_or_default();
        CodeInfo {
            code: self.codes[index],
            variant: self.variants[index],
            status: self.statuses[index],
            message: self.messages[index],
            retry: self.retries[index],
            placeholders: self.placeholders[index],
            deprecated: self.deprecated[index],
            docs: self.docs[index],
            text: Pieces::new(shape.text, lits),
            json: Pieces::new(shape.json, from(shape.json_lits)),
            xml: Pieces::new(shape.xml, from(shape.xml_lits)),
        }
    }
}

/// One form of a code (its message, or an envelope): a shape and the code's literals from
/// the form's first. Iterating gives the pieces with their text.
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
    #[must_use]
    pub const fn shape(self) -> &'static [Piece] {
        self.shape
    }

    /// The whole text of a form that is a single literal (a message without placeholders).
    #[must_use]
    pub fn single(self) -> Option<&'static str> {
        match (self.shape, self.lits.first()) {
            ([Piece::Lit(_)], Some(text)) => Some(text),
            _ => None,
        }
    }
}

impl IntoIterator for Pieces {
    type Item = Piece;
    type IntoIter = PiecesIter;

    fn into_iter(self) -> PiecesIter {
        PiecesIter {
            shape: self.shape.iter(),
            lits: self.lits.iter(),
        }
    }
}

/// The pieces of a [`Pieces`], each literal with its text.
#[derive(Clone, Debug)]
pub struct PiecesIter {
    shape: core::slice::Iter<'static, Piece>,
    lits: core::slice::Iter<'static, &'static str>,
}

impl Iterator for PiecesIter {
    type Item = Piece;

    #[inline]
    fn next(&mut self) -> Option<Piece> {
        Some(match self.shape.next()? {
            Piece::Lit(_) => Piece::Lit(self.lits.next().copied().unwrap_or_default()),
            other => other.clone(),
        })
    }
}
