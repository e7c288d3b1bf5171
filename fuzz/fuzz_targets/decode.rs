//! `ServiceError::decode` and a small-limit `Decoder`: the first byte picks the content type
//! (none, JSON, XML, another) and the depth limit, the rest is the body.
#![no_main]

use errcat::Decoder;
use errcat::kms::ServiceError;
use libfuzzer_sys::fuzz_target;

mod common;

const CONTENT_TYPES: [Option<&str>; 4] = [
    None,
    Some("application/json;charset=utf-8"),
    Some("text/xml;charset=utf-8"),
    Some("text/html"),
];

fuzz_target!(|input: &[u8]| {
    let Some((&selector, body)) = input.split_first() else {
        return;
    };
    let content_type = CONTENT_TYPES[usize::from(selector & 3)];
    common::check(ServiceError::decode(503, content_type, body), body);
    let small = Decoder::new()
        .max_depth(usize::from(selector >> 2) % 8)
        .max_body_size(4096);
    common::check(small.decode(503, content_type, body), body);
});
