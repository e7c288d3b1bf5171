//! Every catalog in the repository (`tests/support/every_catalog.rs`: KMS, ECS, Storage and
//! Shop, in the `kms`, `pop` and `problem` dialects) through the same paths:
//!
//! - every code's envelope, in both formats, byte for byte against `tests/golden/`, and the
//!   same bytes through a writer bound to the host id;
//! - read back by real parsers (serde_json, quick-xml): the dialect's fields, in order;
//! - decoded by errcat as its own catalog, and as any other (readers take every dialect);
//! - lookups total: every near miss of every code is `None`.
//!
//! After an intended change to the envelopes, regenerate the golden files with
//! `BLESS=1 cargo test -p errcat --test catalogs` and review the diff.

#[macro_use]
#[path = "support/every_catalog.rs"]
mod every_catalog;
#[path = "support/xml.rs"]
mod xml;

use std::collections::HashMap;
use std::path::Path;

use errcat::{
    Code, Decoder, Dialect, Envelopes, Error, ErrorCatalog, Field, Format, NoCatalog, RequestId,
    RequestIdRef, ServiceError,
};
use errcat_downstream::shop::ShopCode;
use errcat_example_ecs::errors::EcsCode;
use every_catalog::{Catalog, example_errors, shown_template};
use xml::parse_xml;

const REQUEST_ID: &str = "3b237773-bc2c-4bea-95fc-319a1a5baa68";

fn envelope<C: ErrorCatalog>(error: &Error<C>, format: Format, host_id: Option<&str>) -> String {
    error.to_envelope(format, REQUEST_ID, host_id)
}

/// What each field of `error`'s envelope holds, in the dialect's order: the fields a reader
/// must find.
fn expected_fields<C: ErrorCatalog>(
    error: &Error<C>,
    host_id: Option<&str>,
) -> Vec<(&'static str, String)> {
    let code = error.code();
    C::DIALECT
        .error_fields()
        .iter()
        .filter_map(|&(name, field)| {
            let value = match field {
                Field::Status => code.http_status().to_string(),
                Field::Code => code.code().to_owned(),
                Field::Message => error.message().into_owned(),
                Field::RequestId => REQUEST_ID.to_owned(),
                Field::HostId => host_id?.to_owned(),
                Field::Recommend => code.docs()?.to_owned(),
                Field::Type => code.docs().unwrap_or("about:blank").to_owned(),
                Field::Title => shown_template(code.message()),
            };
            Some((name, value))
        })
        .collect()
}

#[test]
fn every_code_matches_the_golden_files() {
    fn check<C: ErrorCatalog>(catalog: &Catalog) {
        for (format, extension) in [(Format::Json, "json"), (Format::Xml, "xml")] {
            let lines: String = example_errors::<C>()
                .iter()
                .map(|error| envelope(error, format, Some(catalog.host_id)) + "\n")
                .collect();
            check_golden(&catalog.golden_path(extension), &lines);
        }
    }
    for_every_catalog!(check);
}

/// A writer bound to the host id (`Envelopes`) writes the same bytes as the error itself, in
/// both formats, with a host id and without, and with the request id as text or as a
/// `RequestId` of the server's: every code of a catalog shares the host id's piece.
#[test]
fn a_writer_bound_to_a_host_id_writes_the_same_bytes() {
    fn check<C: ErrorCatalog>(catalog: &Catalog) {
        let host = catalog.host_id;
        let own = RequestId::from_u128(0x3b23_7773_bc2c_4bea_95fc_319a_1a5b_aa68);
        assert_eq!(own.as_str(), REQUEST_ID);
        for host_id in [None, Some(host), Some("h<&>\"1")] {
            let envelopes = Envelopes::<C>::new(host_id);
            for error in example_errors::<C>() {
                for format in [Format::Json, Format::Xml] {
                    let expected = envelope(&error, format, host_id);
                    for request_id in [RequestIdRef::Own(&own), RequestIdRef::Text(REQUEST_ID)] {
                        let mut out = Vec::new();
                        envelopes.write(&error, format, request_id, &mut out);
                        assert_eq!(String::from_utf8(out).unwrap(), expected);
                    }
                }
            }
        }
    }
    for_every_catalog!(check);
}

#[test]
fn every_code_reads_back_through_serde_json() {
    fn check<C: ErrorCatalog>(catalog: &Catalog) {
        let host = catalog.host_id;
        for error in example_errors::<C>() {
            for host_id in [None, Some(host)] {
                let body = envelope(&error, Format::Json, host_id);
                let value: serde_json::Value = serde_json::from_str(&body).unwrap();
                let read: Vec<(String, String)> = value
                    .as_object()
                    .expect("an object")
                    .iter()
                    .map(|(name, value)| {
                        let text = value
                            .as_str()
                            .map_or_else(|| value.to_string(), str::to_owned);
                        (name.clone(), text)
                    })
                    .collect();
                let mut expected: Vec<(String, String)> = expected_fields(&error, host_id)
                    .into_iter()
                    .map(|(n, v)| (n.to_owned(), v))
                    .collect();
                // serde_json's map is sorted by name: compare as sets, order checked in XML.
                let mut read = read;
                read.sort();
                expected.sort();
                assert_eq!(read, expected, "{body}");
            }
        }
    }
    for_every_catalog!(check);
}

#[test]
fn every_code_reads_back_through_quick_xml() {
    fn check<C: ErrorCatalog>(catalog: &Catalog) {
        let host = catalog.host_id;
        for error in example_errors::<C>() {
            for host_id in [None, Some(host)] {
                let body = envelope(&error, Format::Xml, host_id);
                let (root, fields) = parse_xml(&body);
                assert_eq!(root, C::DIALECT.xml_root(C::SERVICE), "{body}");
                let fields: Vec<(&str, String)> = fields
                    .iter()
                    .map(|(n, t)| (n.as_str(), t.clone()))
                    .collect();
                assert_eq!(fields, expected_fields(&error, host_id), "{body}");
            }
        }
    }
    for_every_catalog!(check);
}

#[test]
fn every_code_decodes_as_itself_in_both_formats() {
    fn check<C: ErrorCatalog>(catalog: &Catalog) {
        let host_id = catalog.host_id;
        for error in example_errors::<C>() {
            let code = error.code();
            for format in Format::ALL {
                let body = envelope(&error, format, Some(host_id));
                let content_type = error.content_type(format);
                let read = ServiceError::<C>::decode(
                    code.http_status(),
                    Some(content_type),
                    body.as_bytes(),
                )
                .unwrap_or_else(|e| panic!("{e}: {body}"));
                assert_eq!(read.code(), &Code::Known(code), "{body}");
                assert_eq!(read.message(), Some(&*error.message()), "{body}");
                assert_eq!(read.request_id(), Some(REQUEST_ID), "{body}");
                assert_eq!(read.host_id(), Some(host_id), "{body}");
                assert_eq!(read.recommend(), code.docs(), "{body}");
                assert_eq!(read.body_status(), None, "{body}");
                assert_eq!(read.retry(), Some(code.retry()));
                // The body's first byte picks the format when the content type says nothing.
                let sniffed =
                    ServiceError::<C>::decode(code.http_status(), None, body.as_bytes()).unwrap();
                assert_eq!(sniffed, read);
            }
        }
    }
    for_every_catalog!(check);
}

/// A client reads any service's errors, whatever its catalog and dialect: without a catalog,
/// and with another service's, every code is kept whole.
#[test]
fn every_dialect_decodes_without_its_catalog() {
    fn check<C: ErrorCatalog>(_: &Catalog) {
        for error in example_errors::<C>() {
            for format in Format::ALL {
                let body = envelope(&error, format, None);
                let status = error.http_status();
                let any = ServiceError::<NoCatalog>::decode(status, None, body.as_bytes()).unwrap();
                assert_eq!(any.code_str(), error.code().code(), "{body}");
                assert_eq!(any.message(), Some(&*error.message()), "{body}");
                assert_eq!(any.request_id(), Some(REQUEST_ID), "{body}");
                let kms =
                    ServiceError::<errcat::kms::ErrorCode>::decode(status, None, body.as_bytes())
                        .unwrap();
                assert_eq!(kms.code_str(), error.code().code(), "{body}");
            }
        }
    }
    for_every_catalog!(check);
}

/// The XML fast path reads every envelope errcat writes, in every dialect, exactly as
/// quick-xml alone does (it may decline a root with attributes: then quick-xml reads it).
#[test]
fn fast_and_slow_paths_agree_on_every_catalogs_envelopes() {
    fn check<C: ErrorCatalog>(catalog: &Catalog) {
        let host = catalog.host_id;
        let decoder = Decoder::new();
        for error in example_errors::<C>() {
            for host_id in [None, Some(host)] {
                let status = error.http_status();
                let xml = envelope(&error, Format::Xml, host_id);
                let body = xml.as_bytes();
                let slow = decoder.from_xml_slow_path::<C>(status, body);
                assert_eq!(decoder.from_xml::<C>(status, body), slow, "{xml}");
            }
        }
    }
    for_every_catalog!(check);
}

/// One edit away from a code: never that code, and another only where that is one (Fleet's
/// `Fleet.Instance10.NotFound` without its `1`); every code in another case is found
/// ignoring case.
#[test]
fn lookups_are_total_for_every_catalog() {
    fn check<C: ErrorCatalog>(_: &Catalog) {
        let by_code: HashMap<&str, C> = C::ALL.iter().map(|&code| (code.code(), code)).collect();
        for &code in C::ALL {
            let wire = code.code();
            assert_eq!(C::from_code(wire), Some(code));
            assert_eq!(
                C::from_code_ignore_case(&wire.to_ascii_uppercase()),
                Some(code)
            );
            for i in 0..wire.len() {
                let mut deleted = wire.to_owned();
                deleted.remove(i);
                let mut inserted = wire.to_owned();
                inserted.insert(i, '_');
                for miss in [deleted, inserted] {
                    let other = by_code.get(miss.as_str()).copied();
                    assert_eq!(C::from_code(&miss), other, "{miss}");
                }
            }
        }
    }
    for_every_catalog!(check);
}

#[test]
fn the_dialects_are_the_catalogs_own() {
    assert_eq!(
        <errcat::kms::ErrorCode as ErrorCatalog>::DIALECT,
        Dialect::Kms
    );
    assert_eq!(<EcsCode as ErrorCatalog>::DIALECT, Dialect::Pop);
    assert_eq!(<ShopCode as ErrorCatalog>::DIALECT, Dialect::Problem);
    assert_eq!(
        Error::new(ShopCode::CartEmpty).content_type(Format::Json),
        "application/problem+json"
    );
}

fn check_golden(path: &Path, actual: &str) {
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(path, actual).unwrap();
        return;
    }
    let bless = "if the change is intended, regenerate with \
                 `BLESS=1 cargo test -p errcat --test catalogs` and review the diff";
    let expected = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}; {bless}", path.display()));
    let mismatch = expected
        .lines()
        .zip(actual.lines())
        .position(|(expected, actual)| expected != actual);
    if let Some(i) = mismatch {
        panic!(
            "{} line {} differs:\nexpected: {}\n  actual: {}\n{bless}",
            path.display(),
            i + 1,
            expected.lines().nth(i).unwrap(),
            actual.lines().nth(i).unwrap(),
        );
    }
    assert_eq!(expected, actual, "{}: {bless}", path.display());
}
