//! errcat beside the error libraries users already have: a code enum is a
//! `std::error::Error` by itself, so `?` takes it into `Box<dyn Error>`, `anyhow::Error` and
//! a `#[from]` variant of a thiserror enum; `Error<C>` goes the same ways; and one enum can
//! derive both `ErrorCatalog` and `thiserror::Error` (thiserror then writes `Display`).

use errcat::kms::ErrorCode;
use errcat::{Error, ErrorCatalog};

/// A user's own error type, wrapping errcat's.
#[derive(Debug, thiserror::Error)]
enum AppError {
    #[error("KMS said no")]
    Code(#[from] ErrorCode),
    #[error(transparent)]
    Kms(#[from] Error<ErrorCode>),
}

fn lookup(code: &str) -> Result<ErrorCode, errcat::UnknownCode> {
    code.parse()
}

fn fail_with_code() -> Result<(), ErrorCode> {
    Err(ErrorCode::RejectedDisabled)
}

fn fail_with_error() -> Result<(), Error<ErrorCode>> {
    Err(ErrorCode::missing_parameter("KeyId"))
}

#[test]
fn question_mark_into_box_dyn_error_and_anyhow() {
    fn boxed() -> Result<(), Box<dyn std::error::Error>> {
        fail_with_code()?;
        Ok(())
    }
    fn any() -> anyhow::Result<()> {
        fail_with_error()?;
        Ok(())
    }
    assert_eq!(boxed().unwrap_err().to_string(), "Rejected.Disabled");
    let error = any().unwrap_err();
    assert_eq!(
        error.to_string(),
        r#"MissingParameter: The parameter "KeyId" is needed but not provided."#
    );
    assert_eq!(
        error.downcast_ref::<Error<ErrorCode>>().map(Error::code),
        Some(ErrorCode::MissingParameter)
    );
    assert!(lookup("Nope").is_err());
}

#[test]
fn question_mark_into_a_thiserror_enum() {
    fn code() -> Result<(), AppError> {
        fail_with_code()?;
        Ok(())
    }
    fn error() -> Result<(), AppError> {
        fail_with_error()?;
        Ok(())
    }
    assert!(matches!(
        code(),
        Err(AppError::Code(ErrorCode::RejectedDisabled))
    ));
    let error = error().unwrap_err();
    assert_eq!(
        error.to_string(),
        r#"MissingParameter: The parameter "KeyId" is needed but not provided."#
    );
}

/// One enum, both derives: thiserror's `Display` is the human message, the catalog's API is
/// all there, and errcat's own output still shows the wire code.
#[derive(
    ErrorCatalog, thiserror::Error, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug,
)]
#[catalog(service = "Billing")]
enum BillingError {
    #[error("the card was declined")]
    #[errcat(
        code = "Card.Declined",
        status = 402,
        message = "The card {card} was declined."
    )]
    CardDeclined,
    #[error("try again later")]
    #[errcat(code = "Busy", status = 503, message = "Busy.")]
    Busy,
}

#[test]
fn an_enum_derives_both_error_catalog_and_thiserror() {
    assert_eq!(
        BillingError::CardDeclined.to_string(),
        "the card was declined"
    );
    assert_eq!(BillingError::CardDeclined.code(), "Card.Declined");
    assert_eq!(BillingError::from_code("Busy"), Some(BillingError::Busy));
    let error = BillingError::card_declined("4242");
    assert_eq!(
        error.to_string(),
        "Card.Declined: The card 4242 was declined."
    );
    let as_dyn: Box<dyn std::error::Error> = Box::new(BillingError::Busy);
    assert_eq!(as_dyn.to_string(), "try again later");
    assert!(BillingError::Busy.is_retryable());
}
