//! `ServiceError::from_xml` on arbitrary bytes.
#![no_main]

use errcat::kms::ServiceError;
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|body: &[u8]| {
    common::check(ServiceError::from_xml(500, body), body);
});
