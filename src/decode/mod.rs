//! Reading error envelopes on the client side: an HTTP status, a content type and a body in,
//! a [`ServiceError`] out, or a [`DecodeError`] saying what was wrong with the body.
//!
//! - `decoder`: [`Decoder`], its limits, and the choice of format.
//! - `json`, `xml`: one parser per format, each collecting [`fields::Fields`].
//! - `xml_fast`: a scanner for the simple shape servers send, tried before `xml`. (JSON has
//!   none: a scanner in front of serde_json was not 1.5 times as fast, see BENCHMARKS.md.)
//! - `fields`: the known field names and the rules from fields to a [`ServiceError`].
//! - `xml_fields`: the rules both XML parsers follow.
//! - `xml_syntax`: the well-formedness rules quick-xml leaves out, for both XML parsers.
//! - `service_error`: [`ServiceError`] and [`Code`].
//! - `error`: [`DecodeError`] and [`DecodeErrorKind`].

mod decoder;
mod error;
mod fields;
mod json;
mod service_error;
mod xml;
mod xml_fast;
mod xml_fields;
mod xml_syntax;

pub use decoder::Decoder;
pub use error::{DecodeError, DecodeErrorKind};
pub use service_error::{Code, ServiceError};
