//! [`Sink`]: where envelope text goes, so that one writer serves every kind of output.

use std::convert::Infallible;
use std::{fmt, io};

/// Something envelope text is appended to, one `&str` at a time.
pub(crate) trait Sink {
    /// `Infallible` for in-memory buffers, so their writers cannot fail.
    type Error;

    fn put(&mut self, text: &str) -> Result<(), Self::Error>;
}

impl Sink for Vec<u8> {
    type Error = Infallible;

    #[inline]
    fn put(&mut self, text: &str) -> Result<(), Infallible> {
        self.extend_from_slice(text.as_bytes());
        Ok(())
    }
}

impl Sink for String {
    type Error = Infallible;

    #[inline]
    fn put(&mut self, text: &str) -> Result<(), Infallible> {
        self.push_str(text);
        Ok(())
    }
}

/// A [`fmt::Write`] as a sink.
pub(crate) struct FmtSink<'a, W: ?Sized>(pub &'a mut W);

impl<W: fmt::Write + ?Sized> Sink for FmtSink<'_, W> {
    type Error = fmt::Error;

    fn put(&mut self, text: &str) -> fmt::Result {
        self.0.write_str(text)
    }
}

/// An [`io::Write`] as a sink: one `write_all` per piece, so an unbuffered writer (a socket)
/// wants a `BufWriter` around it.
pub(crate) struct IoSink<'a, W: ?Sized>(pub &'a mut W);

impl<W: io::Write + ?Sized> Sink for IoSink<'_, W> {
    type Error = io::Error;

    fn put(&mut self, text: &str) -> io::Result<()> {
        self.0.write_all(text.as_bytes())
    }
}

/// The result of writing to an in-memory sink, which cannot fail.
pub(crate) fn infallible(result: Result<(), Infallible>) {
    let Ok(()) = result;
}
