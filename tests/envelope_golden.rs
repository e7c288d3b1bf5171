//! Error envelopes byte for byte: the seed's sample, and every writer of an envelope writing
//! the same bytes for every code of every catalog. (Against the golden files, and read back
//! by real parsers: `tests/catalogs.rs`.)

#[macro_use]
#[path = "support/every_catalog.rs"]
mod every_catalog;

use errcat::kms::{Error, ErrorCode};
use errcat::{ErrorCatalog, Format};
use every_catalog::{Catalog, example_errors};

const REQUEST_ID: &str = "3b237773-bc2c-4bea-95fc-319a1a5baa68";
const HOST_ID: &str = "kms.cn-hangzhou.aliyuncs.com";

/// DESIGN.md's samples, with the table's wording of IllegalTimestamp.
const SEED_JSON: &str = r#"{"HttpStatus":400,"Code":"IllegalTimestamp","Message":"The input parameter \"Timestamp\" that is required for processing this request is not supplied.","RequestId":"3b237773-bc2c-4bea-95fc-319a1a5baa68","HostId":"kms.cn-hangzhou.aliyuncs.com"}"#;
const SEED_XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?><KMS><HttpStatus>400</HttpStatus><Code>IllegalTimestamp</Code><Message>The input parameter "Timestamp" that is required for processing this request is not supplied.</Message><RequestId>3b237773-bc2c-4bea-95fc-319a1a5baa68</RequestId><HostId>kms.cn-hangzhou.aliyuncs.com</HostId></KMS>"#;

fn envelope<C: ErrorCatalog>(
    error: &errcat::Error<C>,
    format: Format,
    host_id: Option<&str>,
) -> String {
    let mut out = Vec::new();
    error.write_envelope(format, REQUEST_ID, host_id, &mut out);
    String::from_utf8(out).expect("envelopes are UTF-8")
}

#[test]
fn seed_sample_byte_for_byte() {
    let error = Error::new(ErrorCode::IllegalTimestamp);
    assert_eq!(envelope(&error, Format::Json, Some(HOST_ID)), SEED_JSON);
    assert_eq!(envelope(&error, Format::Xml, Some(HOST_ID)), SEED_XML);
    assert_eq!(SEED_JSON.len(), 243);
    assert_eq!(SEED_XML.len(), 322);
}

#[test]
fn seed_sample_without_host_id_leaves_the_field_out() {
    let error = Error::new(ErrorCode::IllegalTimestamp);
    let json = SEED_JSON.replace(&format!(r#","HostId":"{HOST_ID}""#), "");
    let xml = SEED_XML.replace(&format!("<HostId>{HOST_ID}</HostId>"), "");
    assert_eq!(envelope(&error, Format::Json, None), json);
    assert_eq!(envelope(&error, Format::Xml, None), xml);
}

/// Every code of every catalog, in both formats, with and without a host id.
#[test]
fn every_writer_writes_the_same_bytes() {
    fn check<C: ErrorCatalog>(catalog: &Catalog) {
        for error in example_errors::<C>() {
            for format in [Format::Json, Format::Xml] {
                for host_id in [None, Some(catalog.host_id)] {
                    assert_writers_agree(&error, format, host_id);
                }
            }
        }
    }
    for_every_catalog!(check);
}

/// `write_envelope` (into a `Vec`), `to_envelope`, the `fmt` and `io` writers and the
/// format's own writer give the same bytes.
fn assert_writers_agree<C: ErrorCatalog>(
    error: &errcat::Error<C>,
    format: Format,
    host_id: Option<&str>,
) {
    let expected = envelope(error, format, host_id);
    assert_eq!(error.to_envelope(format, REQUEST_ID, host_id), expected);

    let mut fmt_out = String::new();
    error
        .write_envelope_fmt(format, REQUEST_ID, host_id, &mut fmt_out)
        .unwrap();
    assert_eq!(fmt_out, expected);

    let mut io_out = Vec::new();
    error
        .write_envelope_io(format, REQUEST_ID, host_id, &mut io_out)
        .unwrap();
    assert_eq!(io_out, expected.as_bytes());

    let mut short = Vec::new();
    match format {
        Format::Json => error.write_json(REQUEST_ID, host_id, &mut short),
        Format::Xml => error.write_xml(REQUEST_ID, host_id, &mut short),
    }
    assert_eq!(short, expected.as_bytes());
}

#[test]
fn writing_appends_to_what_the_buffer_holds() {
    let error = Error::new(ErrorCode::InternalFailure);
    let mut out = b"HTTP/1.1 500\r\n\r\n".to_vec();
    error.write_json(REQUEST_ID, None, &mut out);
    let expected = format!(
        "HTTP/1.1 500\r\n\r\n{}",
        envelope(&error, Format::Json, None)
    );
    assert_eq!(out, expected.as_bytes());
}

#[test]
fn io_errors_reach_the_caller() {
    let mut full = [0u8; 10];
    let mut out = std::io::Cursor::new(&mut full[..]);
    let result = Error::new(ErrorCode::InternalFailure).write_envelope_io(
        Format::Json,
        REQUEST_ID,
        None,
        &mut out,
    );
    assert_eq!(
        result.unwrap_err().kind(),
        std::io::ErrorKind::WriteZero,
        "a full writer fails the write"
    );
}

#[test]
fn a_missing_argument_is_written_as_its_name_escaped() {
    let error = Error::new(ErrorCode::MissingParameter);
    assert!(
        envelope(&error, Format::Json, None)
            .contains(r#""Message":"The parameter \"<parameter>\" is needed but not provided.""#)
    );
    assert!(envelope(&error, Format::Xml, None).contains(
        r#"<Message>The parameter "&lt;parameter&gt;" is needed but not provided.</Message>"#
    ));
}
