//! The generated `ErrorCode` and the `Error` value: an exhaustive round trip over every code
//! (http's `tests/status_code.rs` idea) and the API's promises.

use std::collections::HashSet;
use std::mem::size_of;

use errcat::kms::{Error, ErrorCode};
use errcat::{ArgError, ErrorCatalog, Retry, UnknownCode};

#[test]
fn one_byte_and_a_free_niche() {
    assert_eq!(size_of::<ErrorCode>(), 1);
    assert_eq!(size_of::<Option<ErrorCode>>(), 1);
}

#[test]
fn every_code_round_trips_through_every_lookup() {
    for &code in ErrorCode::ALL {
        let wire = code.code();
        assert_eq!(ErrorCode::from_code(wire), Some(code));
        assert_eq!(ErrorCode::BY_CODE.get(wire), Some(&code));
        assert_eq!(wire.parse::<ErrorCode>(), Ok(code));
        assert_eq!(code.to_string(), wire);
        assert_eq!(
            ErrorCode::from_code_ignore_case(&wire.to_ascii_lowercase()),
            Some(code)
        );
        assert_eq!(
            ErrorCode::from_code_ignore_case(&wire.to_ascii_uppercase()),
            Some(code)
        );
        assert_eq!(<ErrorCode as ErrorCatalog>::from_code(wire), Some(code));
        assert_eq!(ErrorCatalog::code(code), wire);
        assert_eq!(ErrorCatalog::http_status(code), code.http_status());
    }
}

#[test]
fn all_is_in_variant_order_and_complete() {
    let distinct: HashSet<_> = ErrorCode::ALL.iter().collect();
    assert_eq!(distinct.len(), ErrorCode::ALL.len());
    assert!(
        ErrorCode::ALL.windows(2).all(|w| w[0] < w[1]),
        "ALL follows declaration order"
    );
    assert_eq!(ErrorCode::ALL[0], ErrorCode::InternalFailure);
    assert_eq!(<ErrorCode as ErrorCatalog>::SERVICE, "KMS");
}

#[test]
fn variant_names_drop_the_dots() {
    assert_eq!(
        ErrorCode::ForbiddenKeyNotFound.code(),
        "Forbidden.KeyNotFound"
    );
    assert_eq!(
        ErrorCode::UnsupportedHTTPMethod.code(),
        "UnsupportedHTTPMethod"
    );
    assert_eq!(
        ErrorCode::InvalidAccessKeyIdNotFound.code(),
        "InvalidAccessKeyId.NotFound"
    );
}

/// Lookups are total: near misses, wrong case (for the exact lookup), other services' codes,
/// and hostile strings are `None`, never a wrong code and never a panic.
#[test]
fn unknown_strings_are_none() {
    let long = "A".repeat(10_000);
    let misses = [
        "",
        " ",
        ".",
        "Forbidden",
        "Forbidden.",
        "Forbidden.KeyNotFond",
        "Forbidden.KeyNotFound ",
        " Forbidden.KeyNotFound",
        "Forbidden.KeyNotFound\0",
        "forbidden.keynotfound",
        "FORBIDDEN.KEYNOTFOUND",
        "NoSuchBucket",
        "Throttling.User",
        "InvalidParameter.KeyId",
        "Ｆorbidden.KeyNotFound",
        "İnternalFailure",
        &long,
    ];
    for miss in misses {
        let exact_only = miss.eq_ignore_ascii_case("forbidden.keynotfound");
        assert_eq!(ErrorCode::from_code(miss), None, "{miss:?}");
        if !exact_only {
            assert_eq!(ErrorCode::from_code_ignore_case(miss), None, "{miss:?}");
        }
        assert_eq!(miss.parse::<ErrorCode>(), Err(UnknownCode::new(miss)));
    }
    assert_eq!(
        ErrorCode::from_code_ignore_case("forbidden.keynotfound"),
        Some(ErrorCode::ForbiddenKeyNotFound)
    );
}

#[test]
fn retry_defaults_to_transient_for_500_502_503_and_504_only() {
    for &code in ErrorCode::ALL {
        let expected = if matches!(code.http_status(), 500 | 502 | 503 | 504) {
            Retry::Transient
        } else {
            Retry::Never
        };
        assert_eq!(code.retry(), expected, "{code}");
        assert_eq!(code.is_retryable(), expected != Retry::Never);
    }
}

#[test]
fn accessors_are_const() {
    const CODE: ErrorCode = ErrorCode::RejectedDisabled;
    const STATUS: u16 = CODE.http_status();
    const WIRE: &str = CODE.code();
    const MESSAGE: &str = CODE.message();
    const RETRYABLE: bool = CODE.is_retryable();
    assert_eq!((STATUS, WIRE, RETRYABLE), (409, "Rejected.Disabled", false));
    assert_eq!(
        MESSAGE,
        "The request was rejected because the key state is Disabled."
    );
}

#[test]
fn serde_uses_the_wire_code() {
    let json = serde_json::to_string(&ErrorCode::ForbiddenKeyNotFound).unwrap();
    assert_eq!(json, r#""Forbidden.KeyNotFound""#);
    assert_eq!(
        serde_json::from_str::<ErrorCode>(&json).unwrap(),
        ErrorCode::ForbiddenKeyNotFound
    );
    let unknown = serde_json::from_str::<ErrorCode>(r#""Nope""#).unwrap_err();
    assert!(
        unknown.to_string().contains("unknown error code `Nope`"),
        "{unknown}"
    );
}

#[test]
fn templated_codes_get_typed_constructors() {
    let error = ErrorCode::missing_parameter("KeyId");
    assert_eq!(error.code(), ErrorCode::MissingParameter);
    assert_eq!(error.http_status(), 400);
    assert_eq!(error.arg("parameter"), Some("KeyId"));
    assert_eq!(
        error.message(),
        r#"The parameter "KeyId" is needed but not provided."#
    );
    assert_eq!(
        error.to_string(),
        r#"MissingParameter: The parameter "KeyId" is needed but not provided."#
    );

    let error = ErrorCode::invalid_parameter(String::from("Plaintext"));
    assert_eq!(
        error.message(),
        r#"The specified parameter "Plaintext" is not valid."#
    );
}

#[test]
fn error_new_shows_missing_arguments_as_their_names() {
    let error = Error::new(ErrorCode::MissingParameter);
    assert_eq!(
        error.message(),
        r#"The parameter "<parameter>" is needed but not provided."#
    );
    let error: Error = ErrorCode::ForbiddenKeyNotFound.into();
    assert_eq!(error.message(), "The specified Key is not found.");
    assert!(matches!(error.message(), std::borrow::Cow::Borrowed(_)));
}

#[test]
fn try_with_args_names_what_is_wrong() {
    let ok = Error::try_with_args(ErrorCode::MissingParameter, [("parameter", "KeyId")]).unwrap();
    assert_eq!(ok, ErrorCode::missing_parameter("KeyId"));
    let none: [(&str, &str); 0] = [];
    assert_eq!(
        Error::try_with_args(ErrorCode::MissingParameter, none),
        Err(ArgError::Missing("parameter"))
    );
    let twice = [("parameter", "a"), ("parameter", "b")];
    assert_eq!(
        Error::try_with_args(ErrorCode::MissingParameter, twice),
        Err(ArgError::Unknown("parameter".into()))
    );
    let extra = [("key", "a")];
    assert_eq!(
        Error::try_with_args(ErrorCode::InternalFailure, extra),
        Err(ArgError::Unknown("key".into()))
    );
    assert_eq!(
        ArgError::Missing("parameter").to_string(),
        "missing argument for placeholder `parameter`"
    );
}

#[test]
fn error_is_a_std_error() {
    fn takes(_: &dyn std::error::Error) {}
    takes(&Error::new(ErrorCode::InternalFailure));
    takes(&UnknownCode::new("x"));
}

#[test]
fn every_code_has_docs_data() {
    for &code in ErrorCode::ALL {
        assert!(!code.message().is_empty());
        assert!((400..=599).contains(&code.http_status()));
        assert_eq!(code.deprecation(), None);
        let placeholders = code.placeholders();
        let templated = matches!(
            code,
            ErrorCode::MissingParameter | ErrorCode::InvalidParameter
        );
        assert_eq!(
            placeholders,
            if templated {
                &["parameter"][..]
            } else {
                &[][..]
            },
            "{code}"
        );
    }
}

/// The names a user may give variants: raw identifiers, `Err` (the associated type of
/// `FromStr`), `Ok`, a templated `Type` (its constructor is `r#type`), a templated `Clone`
/// (its constructor is named like `Clone::clone`).
#[derive(ErrorCatalog, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[catalog(service = "Tricky")]
#[allow(non_camel_case_types)]
enum Tricky {
    #[errcat(code = "Raw.Loop", status = 400, message = "A raw variant.")]
    r#loop,
    #[errcat(code = "Type", status = 400, message = "The type {name} is wrong.")]
    Type,
    #[errcat(code = "Err", status = 400, message = "Err, as FromStr names it.")]
    Err,
    #[errcat(code = "Ok", status = 400, message = "Ok, as Result names it.")]
    Ok,
    #[errcat(code = "Clone", status = 400, message = "A clone of {thing}.")]
    Clone,
}

#[test]
fn tricky_names_work_in_a_derive() {
    assert_eq!(Tricky::r#loop.code(), "Raw.Loop");
    assert_eq!(
        Tricky::r#type("u8").to_string(),
        "Type: The type u8 is wrong."
    );
    assert_eq!("Err".parse::<Tricky>(), Ok(Tricky::Err));
    assert_eq!(Tricky::from_code("Ok"), Some(Tricky::Ok));
    let code = Tricky::Clone;
    assert_eq!(Clone::clone(&code), Tricky::Clone);
    assert_eq!(Tricky::clone("x").message(), "A clone of x.");
}

/// `kms::SOURCE` is the file `ErrorCode` was generated from: read back, it gives the same
/// codes, statuses and messages in the same order.
#[test]
fn the_source_is_the_catalog_the_enum_was_generated_from() {
    let catalog = errcat_codegen::load(errcat::kms::SOURCE).expect("a valid catalog");
    let codes: Vec<_> = catalog
        .codes
        .iter()
        .map(|c| (c.code.as_str(), c.status, c.message.source.clone()))
        .collect();
    let generated: Vec<_> = ErrorCode::ALL
        .iter()
        .map(|c| (c.code(), c.http_status(), c.message().to_owned()))
        .collect();
    assert_eq!(codes, generated);
}
