//! Writing an error envelope into a buffer with room allocates nothing: proved with a global
//! allocator that counts the allocations of the current thread while a flag is set, so that
//! the test harness's own threads and allocations do not count.
//!
//! Run with `--nocapture` to see the counts reported.

use errcat::Format;
use errcat::kms::{Error, ErrorCode};

#[path = "support/counting_alloc.rs"]
mod counting_alloc;

use counting_alloc::allocations;

const REQUEST_ID: &str = "3b237773-bc2c-4bea-95fc-319a1a5baa68";
const HOST_ID: &str = "kms.cn-hangzhou.aliyuncs.com";
const CASES: [(Format, Option<&str>); 4] = [
    (Format::Json, None),
    (Format::Json, Some(HOST_ID)),
    (Format::Xml, None),
    (Format::Xml, Some(HOST_ID)),
];

#[test]
fn the_counter_sees_allocations() {
    let counted = allocations(|| drop(std::hint::black_box(vec![1u8; 64])));
    assert_eq!(
        counted, 1,
        "the allocator must count, or the zeros below prove nothing"
    );
}

#[test]
fn a_code_without_placeholders_is_written_without_allocating() {
    let error = Error::new(ErrorCode::IllegalTimestamp);
    let mut out = Vec::with_capacity(1024);
    for (format, host_id) in CASES {
        out.clear();
        let counted = allocations(|| error.write_envelope(format, REQUEST_ID, host_id, &mut out));
        println!(
            "{format} host_id={host_id:?}: {counted} allocations, {} bytes",
            out.len()
        );
        assert_eq!(counted, 0, "{format} with host id {host_id:?}");
        assert!(out.starts_with(b"{") || out.starts_with(b"<?xml"));
    }
}

#[test]
fn ids_that_need_escaping_are_written_without_allocating() {
    let error = Error::new(ErrorCode::ForbiddenKeyNotFound);
    let mut out = Vec::with_capacity(1024);
    for format in [Format::Json, Format::Xml] {
        out.clear();
        let counted = allocations(|| {
            error.write_envelope(format, "a\"<b>&\\\u{1}\r\n", Some("h\u{ffff}]]>"), &mut out);
        });
        assert_eq!(counted, 0, "{format}");
    }
}

#[test]
fn the_fmt_and_io_writers_do_not_allocate_either() {
    let error = Error::new(ErrorCode::RejectedLimitExceeded);
    let mut text = String::with_capacity(1024);
    let mut bytes = [0u8; 1024];
    for (format, host_id) in CASES {
        text.clear();
        let counted = allocations(|| {
            error
                .write_envelope_fmt(format, REQUEST_ID, host_id, &mut text)
                .unwrap();
        });
        assert_eq!(counted, 0, "fmt::Write, {format}");

        let mut cursor = std::io::Cursor::new(&mut bytes[..]);
        let counted = allocations(|| {
            error
                .write_envelope_io(format, REQUEST_ID, host_id, &mut cursor)
                .unwrap();
        });
        assert_eq!(counted, 0, "io::Write, {format}");
    }
}

#[test]
fn templated_codes_allocate_only_to_hold_their_arguments() {
    let mut error = None;
    let built = allocations(|| error = Some(ErrorCode::missing_parameter("KeyId")));
    let error = error.unwrap();
    println!("ErrorCode::missing_parameter(\"KeyId\"): {built} allocation(s) to build");

    let mut out = Vec::with_capacity(1024);
    for (format, host_id) in CASES {
        out.clear();
        let counted = allocations(|| error.write_envelope(format, REQUEST_ID, host_id, &mut out));
        println!("MissingParameter {format} host_id={host_id:?}: {counted} allocations to write");
        assert_eq!(counted, 0, "{format} with host id {host_id:?}");
    }
}

#[test]
fn to_envelope_allocates_once_at_the_exact_size() {
    let error = Error::new(ErrorCode::IllegalTimestamp);
    for (format, host_id) in CASES {
        let mut body = String::new();
        let counted = allocations(|| body = error.to_envelope(format, REQUEST_ID, host_id));
        assert_eq!(counted, 1, "{format}");
        assert_eq!(
            body.capacity(),
            body.len(),
            "{format}: the size hint is exact"
        );
    }
}

#[test]
fn success_envelopes_of_structs_do_not_allocate_either() {
    #[derive(serde::Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct Key<'a> {
        key_id: &'a str,
        description: Option<&'a str>,
        tags: [&'a str; 2],
        version_count: u32,
    }
    let key = Key {
        key_id: "1234abcd",
        description: Some("for <prod> & \"test\""),
        tags: ["a", "b"],
        version_count: 3,
    };
    let mut out = Vec::with_capacity(1024);
    for format in [Format::Json, Format::Xml] {
        out.clear();
        let counted = allocations(|| {
            errcat::write_success(format, "DescribeKey", REQUEST_ID, &key, &mut out).unwrap();
        });
        println!(
            "success {format}: {counted} allocations, {} bytes",
            out.len()
        );
        assert_eq!(counted, 0, "{format}");
    }
}

/// Every code of every dialect's catalog, templated ones with their arguments given, is
/// written into a buffer with room without allocating, by the error and by a writer bound
/// to the host id.
#[test]
fn every_dialect_writes_without_allocating() {
    fn check<C: errcat::ErrorCatalog>() {
        let mut out = Vec::with_capacity(4096);
        for &code in C::ALL {
            let args = code.placeholders().iter().map(|name| (*name, "v\"<&>"));
            let error = errcat::Error::try_with_args(code, args).unwrap();
            for (format, host_id) in CASES {
                out.clear();
                let counted =
                    allocations(|| error.write_envelope(format, REQUEST_ID, host_id, &mut out));
                assert_eq!(counted, 0, "{code:?} in {format} with host id {host_id:?}");
                let envelopes = errcat::Envelopes::<C>::new(host_id);
                let own = errcat::RequestId::from_u128(u128::MAX / 3);
                out.clear();
                let counted = allocations(|| envelopes.write(&error, format, &own, &mut out));
                assert_eq!(
                    counted, 0,
                    "{code:?} bound, in {format} with host id {host_id:?}"
                );
            }
        }
    }
    check::<ErrorCode>();
    check::<errcat_example_ecs::errors::EcsCode>();
    check::<errcat_downstream::shop::ShopCode>();
}
