//! Server side: error and success envelopes, written byte-exact in JSON or XML.
//!
//! The envelopes' shapes and escaping are the wire crate's (`errcat_wire::envelope`); this
//! module writes them for an [`Error`](crate::Error) or a `Serialize` result into every kind
//! of output.
//!
//! - `error_envelope`: the envelope of an error, from its code's generated pieces.
//! - `success`: success envelopes, the result written by serde_json or `xml_serializer`.
//! - `success_error`: why a success envelope could not be written.

mod error_envelope;
mod success;
mod success_error;
mod xml_serializer;

pub use error_envelope::Envelopes;
pub use success::{to_success, write_success};
pub use success_error::SuccessError;
