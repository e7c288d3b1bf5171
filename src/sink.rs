//! Sinks over `fmt::Write` and `io::Write`, so that the wire crate's writers (which take any
//! [`Sink`]) serve every kind of output. `Vec<u8>` and `String` are sinks already.
//!
//! A leaf: `error` (`Display`) and `write` (the envelopes) both use it, and it uses neither,
//! so that neither of them depends on the other through it.

use std::{fmt, io};

use errcat_wire::Sink;

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
