//! The errcat wire contract: every rule of the bytes an errcat service sends and its clients
//! read, written once.
//!
//! Build scripts use it (through `errcat-codegen`) to write each code's envelope pieces and
//! lookup table; the `errcat` runtime and the `errcat` command use it to write envelopes,
//! escape what arrives at run time, negotiate formats and read tables. A rule lives here and
//! nowhere else, so build time and run time cannot drift apart (phf's `phf_shared` idea).
//!
//! | rule | where |
//! |---|---|
//! | envelope shapes, field names and order, roots | [`Dialect`], [`envelope`] |
//! | content types, response header names | [`Dialect`] |
//! | JSON and XML escaping | [`escape`] |
//! | which names an XML element may have | [`is_xml_name`] |
//! | which characters XML can carry; how tags are spelled | [`xml`] |
//! | which characters are escaped when text from outside is shown to people | [`show`] |
//! | the `Format` parameter, formats from content types | [`Format`] |
//! | retry kinds and their default | [`Retry`] |
//! | request ids that need no escaping | [`RequestId`] |
//! | the lookup hash and table layout | [`lookup`] |
//!
//! No dependencies beyond `core` and `alloc`.

#![forbid(unsafe_code)]
#![no_std]

extern crate alloc;

mod dialect;
pub mod envelope;
pub mod escape;
mod format;
pub mod lookup;
mod request_id;
mod retry;
pub mod show;
pub mod sink;
pub mod xml;
mod xml_name;

pub use dialect::{Dialect, Field};
pub use format::{Format, UnknownFormat};
pub use request_id::{RequestId, RequestIdRef};
pub use retry::Retry;
pub use sink::Sink;
pub use xml_name::{XML_NAME_RULE, ascii_name_len, is_name_char, is_name_start, is_xml_name};
