//! What a downstream crate can do with errcat.

use errcat::kms::ErrorCode;
use errcat::{Error, ErrorCatalog, Retry};
use errcat_downstream::{KEY_NOT_FOUND, StorageCode, advice, storage_code};

#[test]
fn code_macro_works_in_const_and_match() {
    assert_eq!(KEY_NOT_FOUND, ErrorCode::ForbiddenKeyNotFound);
    assert_eq!(advice(KEY_NOT_FOUND), "check the key id");
    assert_eq!(
        advice(ErrorCode::ServiceUnavailableTemporary),
        "retry later"
    );
    assert_eq!(advice(ErrorCode::AliasAlreadyExists), "see the error index");
}

#[test]
fn own_catalog_from_a_build_script() {
    const SLOW: StorageCode = storage_code!("SlowDown");
    assert_eq!(SLOW.retry(), Retry::Throttling);
    assert_eq!(SLOW.http_status(), 503);
    assert_eq!(<StorageCode as ErrorCatalog>::SERVICE, "Storage");
    assert_eq!(
        StorageCode::from_code("Bucket.NotFound"),
        Some(StorageCode::BucketNotFound)
    );
    assert_eq!(std::mem::size_of::<Option<StorageCode>>(), 1);

    // Typed constructors live on the code type outside errcat.
    let error: Error<StorageCode> = StorageCode::bucket_not_found("photos", "eu-1");
    assert_eq!(
        error.to_string(),
        "Bucket.NotFound: The bucket photos does not exist in eu-1."
    );
    assert_eq!(error.arg("region"), Some("eu-1"));
}

#[test]
#[allow(deprecated)]
fn overrides_escapes_and_deprecation() {
    let legacy = StorageCode::Legacy;
    assert_eq!(legacy.code(), "Legacy.Error");
    assert_eq!(legacy.message(), "A {{braced}} legacy error.");
    assert_eq!(Error::new(legacy).message(), "A {braced} legacy error.");
    assert_eq!(
        legacy.deprecation(),
        Some("no longer returned since API version 2")
    );
}

/// The mistakes a user of generated code makes fail the build saying what to do
/// (`tests/ui/`): a typo in the crate's own code macro names the closest code, as errcat's
/// own `kms::code!` does; the generated file included in another module than
/// `Builder::module` names says where it must go.
#[test]
fn mistakes_fail_the_build_with_what_to_do() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
