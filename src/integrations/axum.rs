//! axum (feature `axum`): [`ErrorResponse`] and [`SuccessResponse`] as `IntoResponse`.
//!
//! Only `axum-core` is a dependency, whose traits axum re-exports, so these types work in any
//! axum 0.8 application.
//!
//! ```
//! use axum_core::response::IntoResponse;
//! use errcat::integrations::http::ErrorResponse;
//! use errcat::Format;
//! use errcat::kms::ErrorCode;
//!
//! // In a handler: `-> Result<SuccessResponse<Key>, ErrorResponse<ErrorCode>>`.
//! let response = ErrorResponse::new(ErrorCode::RejectedDisabled, Format::Json, "req-1").into_response();
//! assert_eq!(response.status(), 409);
//! assert_eq!(response.headers()["x-acs-request-id"], "req-1");
//! ```

use axum_core::body::Body;
use axum_core::response::{IntoResponse, Response};
use http::StatusCode;
use serde::Serialize;

use super::http::{ErrorResponse, SuccessResponse};
use crate::ErrorCatalog;

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
        let header = self.request_id_header();
        let request_id = self.request_id().to_owned();
        match self.into_http::<Body>() {
            Ok(response) => response,
            Err(_) => {
                let mut response = StatusCode::INTERNAL_SERVER_ERROR.into_response();
                if let Ok(value) = request_id.parse() {
                    response.headers_mut().insert(header, value);
                }
                response
            }
        }
    }
}
