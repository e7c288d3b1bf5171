//! Integrations with web crates, each behind a Cargo feature that is off by default, so a
//! client that only decodes errors pulls in none of them.
//!
//! | feature | module | what it adds |
//! |---|---|---|
//! | `http` | [`http`] | [`http::StatusCode`](::http::StatusCode) for codes and errors; [`ErrorResponse`](self::http::ErrorResponse) and [`SuccessResponse`](self::http::SuccessResponse) as [`http::Response`](::http::Response)s with the dialect's request id header; `Format` from a query string |
//! | `axum` | [`axum`], [`layer`] | `IntoResponse` for both responses and for `Error<C>`; [`ErrcatLayer`](layer::ErrcatLayer), which gives each request its id and format and writes the envelope of every error a handler returns; implies `http` |

#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;
#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub mod http;
#[cfg(feature = "axum")]
pub mod layer;
