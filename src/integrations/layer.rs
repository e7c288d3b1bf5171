//! [`ErrcatLayer`] (feature `axum`): a tower layer that gives each request its request id and
//! its `Format` once, and writes the envelope of every [`Error`] a handler returns, in the
//! catalog's dialect, the request's format, with the request's id.
//!
//! ```
//! use axum::Router;
//! use axum::routing::get;
//! use errcat::integrations::layer::{ErrcatLayer, Negotiated};
//! use errcat::kms::{Error, ErrorCode};
//!
//! async fn describe(ctx: Negotiated) -> Result<String, Error> {
//!     // `?` on any `Error<ErrorCode>`: the layer writes its envelope.
//!     Err(ErrorCode::missing_parameter("KeyId"))
//! }
//!
//! let app: Router = Router::new().route("/", get(describe)).layer(
//!     ErrcatLayer::new(|_| ErrorCode::invalid_parameter("Format")).host_id("kms.example"),
//! );
//! ```
//!
//! - The request id: a fresh UUID v4, or the incoming request id header when
//!   [`honour_incoming_request_id`](ErrcatLayer::honour_incoming_request_id) says so and it
//!   is a valid header value of at most 128 bytes. Every response carries it in the
//!   dialect's request id header.
//! - The format: the request's `Format` query parameter (any case; JSON when absent). A value
//!   that is neither JSON nor XML is answered at once, in JSON, with the error the
//!   application chose when it made the layer.
//! - Handlers read both with the [`Negotiated`] extractor, and return `Result<T, Error<C>>`.
//! - The errors of other catalogs too: a handler may return an `Error<D>` of any catalog `D`
//!   (a gateway's codes beside the service's own, as in the KMS demo server,
//!   `examples/kms_server`). The layer writes it the same way,
//!   with the request's id and format and the layer's host id, in `D`'s dialect (its fields,
//!   content type and request id header). `C`, the layer's catalog, is the one of its own
//!   answer to a bad `Format`, of the request id header on successes, and of the incoming
//!   request id header it honours.
//!
//! ```
//! use axum::Router;
//! use axum::routing::get;
//! use errcat::integrations::layer::{ErrcatLayer, Negotiated};
//! use errcat::{Error, ErrorCatalog};
//! use errcat::kms::ErrorCode;
//!
//! #[derive(ErrorCatalog, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
//! #[catalog(service = "KMS")]
//! enum GatewayCode {
//!     #[errcat(code = "RequestBodyTooLarge", status = 413, message = "The body is too large.")]
//!     RequestBodyTooLarge,
//! }
//!
//! async fn upload(_: Negotiated) -> Result<String, Error<GatewayCode>> {
//!     Err(Error::new(GatewayCode::RequestBodyTooLarge)) // written by the KMS layer all the same
//! }
//!
//! let app: Router = Router::new()
//!     .route("/", get(upload))
//!     .layer(ErrcatLayer::new(|_| ErrorCode::invalid_parameter("Format")));
//! ```

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum_core::body::Body;
use axum_core::extract::FromRequestParts;
use axum_core::response::{IntoResponse, Response};
use http::header::HeaderValue;
use http::request::Parts;
use http::{Request, StatusCode};
use serde::Serialize;
use tower_layer::Layer;
use tower_service::Service;

use super::http::{ErrorResponse, SuccessResponse, format_from_uri, request_id_header};
use crate::{Error, ErrorCatalog, Format, UnknownFormat};

/// The longest incoming request id honoured; a longer one is replaced by a fresh one.
pub const MAX_INCOMING_REQUEST_ID: usize = 128;

/// What the layer settled for a request: its format and its request id. An extractor.
///
/// It needs [`ErrcatLayer`] on the router, around the routes that use it (`.layer(..)` wraps
/// the routes added before it). Without the layer there is nothing to extract, and no
/// envelope to answer with either: an envelope needs a code of the application's catalog,
/// which only the layer is given. The rejection is then a plain-text
/// `500 Internal Server Error` saying to add the layer ([`MISSING_LAYER`]), with no request
/// id: a bug in the application's wiring, which its first request shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Negotiated {
    /// The format the request asked for.
    pub format: Format,
    /// The request's id.
    pub request_id: String,
}

impl Negotiated {
    /// A success response to `action` carrying `result`, in the request's format with its id.
    #[must_use]
    pub fn success<T: Serialize>(&self, action: &'static str, result: T) -> SuccessResponse<T> {
        SuccessResponse::new(self.format, action, self.request_id.clone(), result)
    }
}

/// The body of [`Negotiated`]'s rejection when the router has no [`ErrcatLayer`].
pub const MISSING_LAYER: &str = "errcat's Negotiated extractor found no request id and \
    format: add ErrcatLayer to the router, after the routes that use Negotiated \
    (Router::new().route(..).layer(ErrcatLayer::new(..)))";

/// Without the layer there is nothing to extract: a bug in the application's wiring,
/// answered `500` with [`MISSING_LAYER`].
impl<S: Sync> FromRequestParts<S> for Negotiated {
    type Rejection = (StatusCode, &'static str);

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let found = parts.extensions.get::<Negotiated>().cloned();
        found.ok_or((StatusCode::INTERNAL_SERVER_ERROR, MISSING_LAYER))
    }
}

/// Writes an error's whole response in a format, with a request id and a host id.
type WriteError = dyn Fn(Format, String, Option<&str>) -> Response + Send + Sync;

/// The error a handler returned, of any catalog, kept in the response for the layer to
/// write.
#[derive(Clone)]
struct Pending(Arc<WriteError>);

/// The error's response: its status, and its envelope in JSON under a fresh request id, which
/// [`ErrcatLayer`] rewrites in the request's format with the request's id, whatever the
/// layer's catalog. (Without the layer the response is still whole and well formed.)
impl<C: ErrorCatalog> IntoResponse for Error<C> {
    fn into_response(self) -> Response {
        let request_id = uuid::Uuid::new_v4().to_string();
        let mut response = respond(self.clone(), Format::Json, request_id, None);
        let write = move |format, request_id, host_id: Option<&str>| {
            respond(self.clone(), format, request_id, host_id)
        };
        response.extensions_mut().insert(Pending(Arc::new(write)));
        response
    }
}

/// How the layer answers a `Format` that is neither JSON nor XML.
type OnBadFormat<C> = dyn Fn(&UnknownFormat) -> Error<C> + Send + Sync;

/// The layer's settings, shared by every request.
struct Settings<C: ErrorCatalog> {
    on_bad_format: Box<OnBadFormat<C>>,
    host_id: Option<String>,
    honour_incoming: bool,
}

/// A tower layer for the errors of catalog `C`: see the [module docs](self).
pub struct ErrcatLayer<C: ErrorCatalog> {
    settings: Arc<Settings<C>>,
}

impl<C: ErrorCatalog> Clone for ErrcatLayer<C> {
    fn clone(&self) -> Self {
        ErrcatLayer {
            settings: Arc::clone(&self.settings),
        }
    }
}

impl<C: ErrorCatalog> ErrcatLayer<C> {
    /// A layer that answers a request whose `Format` is neither JSON nor XML with
    /// `on_bad_format`'s error (in JSON), such as
    /// `|_| YourCode::invalid_parameter("Format")`.
    #[must_use]
    pub fn new(on_bad_format: impl Fn(&UnknownFormat) -> Error<C> + Send + Sync + 'static) -> Self {
        ErrcatLayer {
            settings: Arc::new(Settings {
                on_bad_format: Box::new(on_bad_format),
                host_id: None,
                honour_incoming: false,
            }),
        }
    }

    /// The host id every error envelope carries.
    #[must_use]
    pub fn host_id(self, host_id: impl Into<String>) -> Self {
        self.with(|settings| settings.host_id = Some(host_id.into()))
    }

    /// Keep the request id a request brings in the dialect's request id header (as a gateway
    /// in front of the service would set it), instead of making a fresh one. Off by default.
    #[must_use]
    pub fn honour_incoming_request_id(self, honour: bool) -> Self {
        self.with(|settings| settings.honour_incoming = honour)
    }

    fn with(self, change: impl FnOnce(&mut Settings<C>)) -> Self {
        let mut settings = Arc::try_unwrap(self.settings).unwrap_or_else(|_| {
            unreachable!("settings are changed only while the layer is being built")
        });
        change(&mut settings);
        ErrcatLayer {
            settings: Arc::new(settings),
        }
    }
}

impl<S, C: ErrorCatalog> Layer<S> for ErrcatLayer<C> {
    type Service = ErrcatService<S, C>;

    fn layer(&self, inner: S) -> Self::Service {
        ErrcatService {
            inner,
            settings: Arc::clone(&self.settings),
        }
    }
}

/// The service [`ErrcatLayer`] wraps around the application.
pub struct ErrcatService<S, C: ErrorCatalog> {
    inner: S,
    settings: Arc<Settings<C>>,
}

impl<S: Clone, C: ErrorCatalog> Clone for ErrcatService<S, C> {
    fn clone(&self) -> Self {
        ErrcatService {
            inner: self.inner.clone(),
            settings: Arc::clone(&self.settings),
        }
    }
}

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

impl<S, C> Service<Request<Body>> for ErrcatService<S, C>
where
    S: Service<Request<Body>, Response = Response> + Send + 'static,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
    C: ErrorCatalog,
{
    type Response = Response;
    type Error = S::Error;
    type Future = BoxFuture<Result<Response, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<Body>) -> Self::Future {
        let settings = Arc::clone(&self.settings);
        let request_id = request_id::<C>(&request, settings.honour_incoming);
        let format = match format_from_uri(request.uri()) {
            Ok(format) => format,
            Err(unknown) => {
                let error = (settings.on_bad_format)(&unknown);
                let host_id = settings.host_id.as_deref();
                let response = respond(error, Format::Json, request_id, host_id);
                return Box::pin(std::future::ready(Ok(response)));
            }
        };
        let negotiated = Negotiated { format, request_id };
        request.extensions_mut().insert(negotiated.clone());
        let answer = self.inner.call(request);
        Box::pin(async move {
            let response = answer.await?;
            Ok(finish(&settings, negotiated, response))
        })
    }
}

/// The request's id: the incoming one when honoured and usable, else a fresh UUID v4.
fn request_id<C: ErrorCatalog>(request: &Request<Body>, honour_incoming: bool) -> String {
    let incoming = request
        .headers()
        .get(C::DIALECT.request_id_header())
        .and_then(|value| value.to_str().ok())
        .filter(|id| honour_incoming && !id.is_empty() && id.len() <= MAX_INCOMING_REQUEST_ID);
    incoming.map_or_else(|| uuid::Uuid::new_v4().to_string(), str::to_owned)
}

/// The handler's response, with a returned error's envelope written for this request, and
/// the request id header on every response.
fn finish<C: ErrorCatalog>(
    settings: &Settings<C>,
    negotiated: Negotiated,
    mut response: Response,
) -> Response {
    if let Some(Pending(write)) = response.extensions_mut().remove::<Pending>() {
        let host_id = settings.host_id.as_deref();
        return write(negotiated.format, negotiated.request_id, host_id);
    }
    let header = request_id_header(C::DIALECT);
    if let Ok(value) = HeaderValue::from_str(&negotiated.request_id) {
        response.headers_mut().entry(header).or_insert(value);
    }
    response
}

/// An error's whole response, in its catalog's dialect.
fn respond<C: ErrorCatalog>(
    error: Error<C>,
    format: Format,
    request_id: String,
    host_id: Option<&str>,
) -> Response {
    let response = ErrorResponse::new(error, format, request_id);
    match host_id {
        Some(host_id) => response.host_id(host_id).into_response(),
        None => response.into_response(),
    }
}
