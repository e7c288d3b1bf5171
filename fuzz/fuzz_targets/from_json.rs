//! `ServiceError::from_json` on arbitrary bytes.
#![no_main]

use errcat::kms::ServiceError;
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|body: &[u8]| {
    common::check(ServiceError::from_json(500, body), body);
});
