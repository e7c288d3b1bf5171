//! [`Sink`]: where wire text goes, so that one writer serves every kind of output.

use alloc::string::String;
use alloc::vec::Vec;
use core::convert::Infallible;

/// Something text is appended to, one `&str` at a time.
///
/// In-memory buffers cannot fail (`Error = Infallible`); a sink over `fmt::Write` or
/// `io::Write` passes its error on, and writing stops at the first one.
pub trait Sink {
    /// What appending can fail with.
    type Error;

    /// Appends `text`.
    ///
    /// # Errors
    ///
    /// Whatever the underlying output fails with.
    fn put(&mut self, text: &str) -> Result<(), Self::Error>;

    /// Appends `ascii`, bytes that are all ASCII (a [`RequestId`](crate::RequestId)'s). A
    /// sink of bytes copies them as they are; the default reads them as text first, and
    /// writes U+FFFD instead if they are not.
    ///
    /// # Errors
    ///
    /// Whatever the underlying output fails with.
    fn put_ascii(&mut self, ascii: &[u8]) -> Result<(), Self::Error> {
        self.put(core::str::from_utf8(ascii).unwrap_or("\u{fffd}"))
    }
}

impl Sink for Vec<u8> {
    type Error = Infallible;

    #[inline]
    fn put(&mut self, text: &str) -> Result<(), Infallible> {
        self.extend_from_slice(text.as_bytes());
        Ok(())
    }

    #[inline]
    fn put_ascii(&mut self, ascii: &[u8]) -> Result<(), Infallible> {
        self.extend_from_slice(ascii);
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

/// A sink that only counts the bytes it is given: the exact size of an output, without
/// writing it.
#[derive(Clone, Copy, Debug, Default)]
pub struct Counter(pub usize);

impl Sink for Counter {
    type Error = Infallible;

    #[inline]
    fn put(&mut self, text: &str) -> Result<(), Infallible> {
        self.0 += text.len();
        Ok(())
    }

    #[inline]
    fn put_ascii(&mut self, ascii: &[u8]) -> Result<(), Infallible> {
        self.0 += ascii.len();
        Ok(())
    }
}

/// The result of writing to a sink that cannot fail.
#[inline]
pub fn infallible(result: Result<(), Infallible>) {
    let Ok(()) = result;
}
