//! axum (feature `axum`): [`ErrorResponse`] and [`SuccessResponse`] as `IntoResponse`, and
//! [`Format`] as an extractor.
//!
//! Only `axum-core` is a dependency, whose traits axum re-exports, so these types work in any
//! axum 0.8 application.
//!
//! ```
//! use axum_core::response::IntoResponse;
//! use errcat::integrations::http::{ErrorResponse, REQUEST_ID};
//! use errcat::{ErrorCode, Format};
//!
//! // In a handler: `-> Result<SuccessResponse<Key>, ErrorResponse>`.
//! let response = ErrorResponse::new(ErrorCode::RejectedDisabled, Format::Json, "req-1").into_response();
//! assert_eq!(response.status(), 409);
//! assert_eq!(response.headers()[REQUEST_ID], "req-1");
//! ```

use axum_core::body::Body;
use axum_core::extract::FromRequestParts;
use axum_core::response::{IntoResponse, Response};
use http::StatusCode;
use http::request::Parts;
use serde::Serialize;

use super::http::{ErrorResponse, REQUEST_ID, SuccessResponse, format_from_uri};
use crate::{Error, ErrorCatalog, Format};

impl<C: ErrorCatalog> IntoResponse for ErrorResponse<C> {
    fn into_response(self) -> Response {
        self.into_http::<Body>()
    }
}

/// A result that cannot be written (an action that is not an XML name, a result that is not
/// a struct) is a bug in the server, not in the request: it becomes a bare
/// `500 Internal Server Error` with the request id header and an empty body, since no
/// catalog code can be assumed.
impl<T: Serialize> IntoResponse for SuccessResponse<T> {
    fn into_response(self) -> Response {
        let request_id = self.request_id().to_owned();
        match self.into_http::<Body>() {
            Ok(response) => response,
            Err(_) => {
                let mut response = StatusCode::INTERNAL_SERVER_ERROR.into_response();
                if let Ok(value) = request_id.parse() {
                    response.headers_mut().insert(REQUEST_ID, value);
                }
                response
            }
        }
    }
}

/// The format the request's query asks for with its `Format` parameter (any case; JSON
/// when absent), as an extractor.
///
/// An unknown value is rejected with `InvalidParameter` for `Format`, in JSON, under a
/// fresh UUID v4 request id. A service that also takes parameters from a form body reads
/// the body itself and calls [`format_from_query`](super::http::format_from_query) on it,
/// as the KMS demo server in `examples/kms_server` does.
///
/// ```
/// use axum_core::extract::FromRequestParts;
/// use errcat::Format;
///
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let (mut parts, ()) = http::Request::get("/?Action=ListKeys&Format=xml").body(()).unwrap().into_parts();
/// assert_eq!(Format::from_request_parts(&mut parts, &()).await.unwrap(), Format::Xml);
///
/// let (mut parts, ()) = http::Request::get("/?Format=yaml").body(()).unwrap().into_parts();
/// let rejection = Format::from_request_parts(&mut parts, &()).await.unwrap_err();
/// assert_eq!(rejection.error().code(), errcat::ErrorCode::InvalidParameter);
/// assert_eq!(rejection.format(), Format::Json);
/// # });
/// ```
impl<S: Sync> FromRequestParts<S> for Format {
    type Rejection = ErrorResponse;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        format_from_uri(&parts.uri).map_err(|_| {
            let request_id = uuid::Uuid::new_v4().to_string();
            ErrorResponse::new(Error::invalid_parameter("Format"), Format::Json, request_id)
        })
    }
}
