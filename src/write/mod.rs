//! Server side: error and success envelopes, written byte-exact in JSON or XML.
//!
//! An error envelope is the code's head, made and escaped at build time (status, code,
//! message, up to the opening of the request id), then the request id, the host id and any
//! placeholder arguments, escaped here, then a fixed tail. Everything goes through one
//! [`Sink`](sink::Sink), so the `Vec<u8>`, `String`, `fmt::Write` and `io::Write` flavours are
//! one piece of code.

mod error_envelope;
mod escape;
mod sink;
mod success;
mod xml_name;
mod xml_serializer;

pub use success::{SuccessError, to_success, write_success};
