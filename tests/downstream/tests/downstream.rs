//! What a downstream crate can do with errcat.

use errcat::kms::ErrorCode;
use errcat::{Error, ErrorCatalog, Retry};
use errcat_downstream::fleet::FleetCode;
use errcat_downstream::{
    KEY_NOT_FOUND, StorageCode, advice, fleet_advice, fleet_code, storage_code,
};

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

/// A catalog of more than a thousand codes is a struct with a constant per code: used as an
/// enum's variants are (paths, `const`, `match`, `code!`), as small, ordered and printed the
/// same, with every fact, constructor and envelope of a small catalog's.
#[test]
#[allow(deprecated)]
fn large_catalog_works_as_an_enum_does() {
    const SEVEN: FleetCode = fleet_code!("Fleet.Instance7.NotFound");
    assert_eq!(SEVEN, FleetCode::FleetInstance7NotFound);
    assert_eq!(fleet_advice(SEVEN), "check the instance id");
    assert_eq!(
        fleet_advice(FleetCode::FleetInstance8NotFound),
        "check the instance id"
    );
    assert_eq!(fleet_advice(FleetCode::FleetLegacy), "upgrade");
    assert_eq!(fleet_advice(FleetCode::r#type), "fix the type");
    assert_eq!(
        fleet_advice(FleetCode::FleetInstance9NotFound),
        "see the error index"
    );

    assert_eq!(FleetCode::ALL.len(), 1_202);
    assert_eq!(std::mem::size_of::<FleetCode>(), 2);
    assert_eq!(std::mem::size_of::<Option<FleetCode>>(), 2);
    assert!(FleetCode::ALL.windows(2).all(|pair| pair[0] < pair[1]));
    assert_eq!(FleetCode::ALL[0], FleetCode::FleetInstance0NotFound);
    assert_eq!(FleetCode::ALL[1_201], FleetCode::r#type);
    for &code in FleetCode::ALL {
        assert_eq!(FleetCode::from_code(code.code()), Some(code));
        assert_eq!(FleetCode::BY_CODE.get(code.code()), Some(&code));
    }
    // `Debug` prints the variant's name, as `derive(Debug)` does (without `r#`).
    assert_eq!(format!("{SEVEN:?}"), "FleetInstance7NotFound");
    assert_eq!(format!("{:?}", FleetCode::r#type), "type");
    assert_eq!(FleetCode::r#type.retry(), Retry::Throttling);
    assert_eq!(
        FleetCode::FleetLegacy.deprecation(),
        Some("no longer returned")
    );
    assert_eq!(FleetCode::from_code("Fleet.Instance1200.NotFound"), None);

    let error = FleetCode::fleet_instance10_not_found("i-1", "eu-1");
    assert_eq!(error.message(), "The instance i-1 is not in eu-1.");
    let mut body = Vec::new();
    error.write_envelope(errcat::Format::Json, "r1", None, &mut body);
    let decoded = errcat::ServiceError::<FleetCode>::decode(
        404,
        Some(error.content_type(errcat::Format::Json)),
        &body,
    )
    .unwrap();
    assert_eq!(
        decoded.code().known(),
        Some(FleetCode::FleetInstance10NotFound)
    );
    assert_eq!(decoded.message(), Some("The instance i-1 is not in eu-1."));
}

/// The mistakes a user of generated code makes fail the build saying what to do
/// (`tests/ui/`): a typo in the crate's own code macro names the closest code, as errcat's
/// own `kms::code!` does; the generated file included in another module than
/// `Builder::module` names says where it must go.
#[test]
fn mistakes_fail_the_build_with_what_to_do() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
