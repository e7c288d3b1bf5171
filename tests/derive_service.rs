//! The derive's service keys, `#[catalog(service, dialect, host, docs)]`, as the catalog
//! file's `[service]` keys: the dialect shapes every envelope, `docs` is each code's URL
//! (`Recommend` in `pop`, `type` in `problem`), `host` is only the docs' example host id.
//! (Mistakes in them: `tests/ui/derive_*`.)

use errcat::{Dialect, ErrorCatalog, Format, ServiceError};

/// A service in Alibaba Cloud's common shape, with an example host but no docs.
#[derive(ErrorCatalog, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[catalog(
    service = "Compute",
    dialect = "pop",
    host = "compute.cn-hangzhou.example"
)]
enum ComputeCode {
    #[errcat(
        code = "Instance.NotFound",
        status = 404,
        message = "No instance {id}."
    )]
    InstanceNotFound,
}

/// A service in RFC 9457's shape, with each code's docs URL.
#[derive(ErrorCatalog, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[catalog(
    service = "Storage",
    dialect = "problem",
    docs = "https://storage.example/errors/{code}"
)]
enum StorageCode {
    #[errcat(
        code = "Bucket.NotFound",
        status = 404,
        message = "No bucket {bucket}."
    )]
    BucketNotFound,
}

#[test]
fn pop_with_a_host_writes_pops_envelopes_and_no_host_of_its_own() {
    assert_eq!(ComputeCode::DIALECT, Dialect::Pop);
    assert_eq!(ComputeCode::SERVICE, "Compute");
    assert_eq!(ComputeCode::InstanceNotFound.docs(), None);
    let error = ComputeCode::instance_not_found("i-1");
    assert_eq!(
        error.content_type(Format::Xml),
        Dialect::Pop.content_type(Format::Xml)
    );
    // `host` is the docs' example: an envelope carries the host id its writer is given.
    assert_eq!(
        error.to_envelope(Format::Json, "r-1", None),
        r#"{"RequestId":"r-1","Code":"Instance.NotFound","Message":"No instance i-1."}"#
    );
    assert_eq!(
        error.to_envelope(Format::Xml, "r-1", Some("h-1")),
        r#"<?xml version="1.0" encoding="UTF-8"?><Error><RequestId>r-1</RequestId><HostId>h-1</HostId><Code>Instance.NotFound</Code><Message>No instance i-1.</Message></Error>"#
    );
}

#[test]
fn problem_with_docs_carries_each_codes_url_as_its_type() {
    assert_eq!(StorageCode::DIALECT, Dialect::Problem);
    let url = "https://storage.example/errors/Bucket.NotFound";
    assert_eq!(StorageCode::BucketNotFound.docs(), Some(url));
    let error = StorageCode::bucket_not_found("photos");
    assert_eq!(error.content_type(Format::Json), "application/problem+json");
    assert_eq!(error.content_type(Format::Xml), "application/problem+xml");
    let json = error.to_envelope(Format::Json, "r-1", None);
    assert_eq!(
        json,
        format!(
            r#"{{"type":"{url}","title":"No bucket <bucket>.","status":404,"detail":"No bucket photos.","code":"Bucket.NotFound","requestId":"r-1"}}"#
        )
    );
    let xml = error.to_envelope(Format::Xml, "r-1", None);
    assert!(
        xml.contains(&format!(
            r#"<problem xmlns="urn:ietf:rfc:7807"><type>{url}</type>"#
        )),
        "{xml}"
    );
    for (format, body) in [(Format::Json, json), (Format::Xml, xml)] {
        let read = ServiceError::<StorageCode>::decode(
            404,
            Some(error.content_type(format)),
            body.as_bytes(),
        )
        .unwrap();
        assert_eq!(read.code().known(), Some(StorageCode::BucketNotFound));
        assert_eq!(read.recommend(), Some(url));
    }
}
