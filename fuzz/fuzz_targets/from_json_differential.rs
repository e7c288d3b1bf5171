//! `from_json` (the fast path for the simple shape, serde_json for the rest) against
//! serde_json alone: on any bytes, under the default limits and a depth limit of 0 to 3
//! picked by the first byte, both give the same error (kind, offset, message) or the same
//! fields.
#![no_main]

use errcat::Decoder;
use errcat::kms::ErrorCode;
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|input: &[u8]| {
    let depth = input.first().map_or(0, |&b| usize::from(b & 3));
    for decoder in [Decoder::new(), Decoder::new().max_depth(depth)] {
        let both = decoder.from_json::<ErrorCode>(500, input);
        let slow = decoder.from_json_slow_path::<ErrorCode>(500, input);
        assert_eq!(both, slow, "{decoder:?}");
        common::check(both, input);
    }
});
