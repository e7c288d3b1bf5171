//! Every error the server sends, and the one place it meets errcat's API.
//!
//! Two catalogs answer requests:
//! - the KMS catalog (`errors.toml`, errcat's [`kms::ErrorCode`](errcat::kms::ErrorCode)): exactly the
//!   32 codes of the KMS common error table;
//! - [`GatewayCode`], below: codes Alibaba Cloud's API gateway sends in front of every
//!   product (a signature that does not match, a request too large). They are not KMS's
//!   codes, so they are not in the KMS table; a client of KMS still meets them, so the server
//!   writes them in the same envelope (service `KMS`).
//!
//! A handler returns either as a [`Failure`]; `ErrcatLayer`, made for the KMS catalog,
//! writes the errors of both catalogs alike, with the request's id and format.
//!
//! The rest of the server names errors through the aliases and helpers here, so that a
//! change in errcat's API is a change in this file only.

use std::fmt;

use axum::response::{IntoResponse, Response};
use errcat::ErrorCatalog;

/// A code of the KMS catalog.
pub type Code = errcat::kms::ErrorCode;
/// An error of the KMS catalog, with its message's arguments.
pub type KmsError = errcat::Error<Code>;
/// An error of the gateway catalog.
pub type GatewayError = errcat::Error<GatewayCode>;

/// The KMS error `code`, for codes without placeholders.
pub fn kms(code: Code) -> KmsError {
    KmsError::new(code)
}

/// `MissingParameter` naming `parameter`.
pub fn missing(parameter: &'static str) -> KmsError {
    Code::missing_parameter(parameter)
}

/// `InvalidParameter` naming `parameter`.
pub fn invalid(parameter: impl Into<std::borrow::Cow<'static, str>>) -> KmsError {
    Code::invalid_parameter(parameter)
}

/// The codes of Alibaba Cloud's API gateway that the demo sends: checks made before a
/// request reaches KMS. Messages that name a limit say it, so a client knows what to change.
#[derive(ErrorCatalog, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[catalog(service = "KMS")]
pub enum GatewayCode {
    /// The signature is well formed but is not the one the server computes with the
    /// AccessKey's secret. The message carries the server's string to sign, as the
    /// gateway's does, so that a client can compare it with its own.
    #[errcat(
        code = "SignatureDoesNotMatch",
        status = 400,
        message = "Specified signature does not match our calculation. server string to sign is:{string_to_sign}"
    )]
    SignatureDoesNotMatch,
    /// The body is longer than the server reads.
    #[errcat(
        code = "RequestBodyTooLarge",
        status = 413,
        message = "The request body is larger than the limit of {limit} bytes."
    )]
    RequestBodyTooLarge,
    /// The query string is longer than the server reads.
    #[errcat(
        code = "RequestURITooLong",
        status = 414,
        message = "The request URI is longer than the limit of {limit} bytes."
    )]
    RequestUriTooLong,
    /// Too many header fields, or too many bytes of them.
    #[errcat(
        code = "RequestHeaderFieldsTooLarge",
        status = 431,
        message = "The request header fields are larger than the limit of {limit}."
    )]
    RequestHeaderFieldsTooLarge,
}

/// Any error the server answers with: one of either catalog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    Kms(KmsError),
    Gateway(GatewayError),
}

impl Failure {
    /// The wire code, such as `Forbidden.KeyNotFound`.
    pub fn code(&self) -> &'static str {
        match self {
            Failure::Kms(error) => error.code().code(),
            Failure::Gateway(error) => error.code().code(),
        }
    }

    /// The error of either catalog whose wire code is `name`, its message's placeholders
    /// shown as `<name>`; `None` when neither catalog has the code.
    pub fn from_code(name: &str) -> Option<Failure> {
        Code::from_code(name)
            .map(|code| Failure::Kms(kms(code)))
            .or_else(|| {
                GatewayCode::from_code(name).map(|c| Failure::Gateway(GatewayError::new(c)))
            })
    }
}

/// The error's response, which `ErrcatLayer` writes for the request, whichever the catalog.
impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        match self {
            Failure::Kms(error) => error.into_response(),
            Failure::Gateway(error) => error.into_response(),
        }
    }
}

impl From<KmsError> for Failure {
    fn from(error: KmsError) -> Self {
        Failure::Kms(error)
    }
}

impl From<GatewayError> for Failure {
    fn from(error: GatewayError) -> Self {
        Failure::Gateway(error)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Kms(error) => error.fmt(f),
            Failure::Gateway(error) => error.fmt(f),
        }
    }
}

/// `SignatureDoesNotMatch` carrying the server's string to sign.
pub fn signature_mismatch(string_to_sign: String) -> Failure {
    Failure::Gateway(GatewayCode::signature_does_not_match(string_to_sign))
}

/// `RequestBodyTooLarge` naming the limit in bytes.
pub fn body_too_large(limit: usize) -> Failure {
    Failure::Gateway(GatewayCode::request_body_too_large(limit.to_string()))
}

/// `RequestURITooLong` naming the limit in bytes.
pub fn uri_too_long(limit: usize) -> Failure {
    Failure::Gateway(GatewayCode::request_uri_too_long(limit.to_string()))
}

/// `RequestHeaderFieldsTooLarge` naming the limit, such as `64 fields` or `16384 bytes`.
pub fn headers_too_large(limit: String) -> Failure {
    Failure::Gateway(GatewayCode::request_header_fields_too_large(limit))
}
