//! The KMS demo service as an axum `Router`: request checks in the order a KMS front end
//! makes them, then the action. Shared by `main.rs` and `tests/server.rs`.
//!
//! For each request: a fresh UUID v4 request id; the parameters (query and form body,
//! merged); the format (`Format`, any case, JSON by default; an unknown one is
//! `InvalidParameter` in JSON); an injected fault, if any; the method (`GET` or `POST`, else
//! `UnsupportedHTTPMethod`); `Action`, `Version` and the timestamp (parameters, or the
//! `x-acs-action`, `x-acs-version`, `x-acs-date` headers); then the action. Signatures
//! are not verified: any AccessKey works.

pub mod actions;
pub mod clock;
pub mod params;
pub mod store;

use std::sync::{Arc, Mutex, PoisonError};

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method};
use axum::response::{IntoResponse, Response};
use errcat::Format;
use errcat::integrations::http::{ErrorResponse, format_from_uri};
use errcat::kms::{Error, ErrorCode};

use self::actions::Reply;
use self::params::Params;
use self::store::Store;

/// The only API version the demo speaks.
pub const VERSION: &str = "2016-01-20";
/// The request header that makes the server fail this request with a 5xx code.
pub const FAULT_HEADER: &str = "x-errcat-fault";

/// How the server is set up.
#[derive(Clone, Debug)]
pub struct Config {
    /// The `HostId` of error envelopes.
    pub host_id: String,
    /// Fail requests with this fault before anything else is checked.
    pub fault: Option<Fault>,
}

/// An injected failure: a 5xx code of the catalog, for the first `times` requests (every
/// request when `None`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fault {
    pub code: ErrorCode,
    pub times: Option<u64>,
}

impl Fault {
    /// `CODE` or `CODE:N`, where `CODE` is a catalog code with a 5xx status.
    pub fn parse(text: &str) -> Result<Fault, String> {
        let (code, times) = match text.split_once(':') {
            Some((code, n)) => {
                let n = n
                    .parse()
                    .map_err(|_| format!("`{n}` is not a number of requests"))?;
                (code, Some(n))
            }
            None => (text, None),
        };
        let code = fault_code(code).ok_or_else(|| {
            let codes: Vec<_> = ErrorCode::ALL
                .iter()
                .filter(|c| c.http_status() >= 500)
                .map(|c| c.code())
                .collect();
            format!(
                "`{code}` is not a 5xx code of the catalog; one of: {}",
                codes.join(", ")
            )
        })?;
        Ok(Fault { code, times })
    }
}

/// The catalog code named `name` if it is a 5xx one: faults stand for server failures only.
fn fault_code(name: &str) -> Option<ErrorCode> {
    ErrorCode::from_code(name).filter(|code| code.http_status() >= 500)
}

/// The state every request shares.
struct App {
    host_id: String,
    store: Mutex<Store>,
    /// The configured fault and how many more requests it fails (`None`: all of them).
    fault: Mutex<Option<Fault>>,
}

/// The service: every path and method goes to one handler, as in an RPC-style API.
pub fn router(config: Config) -> Router {
    let app = App {
        host_id: config.host_id,
        store: Mutex::new(Store::default()),
        fault: Mutex::new(config.fault),
    };
    Router::new().fallback(handle).with_state(Arc::new(app))
}

/// Serves `router(config)` on `listener` until the process ends.
pub async fn serve(listener: tokio::net::TcpListener, config: Config) -> std::io::Result<()> {
    axum::serve(listener, router(config)).await
}

async fn handle(State(app): State<Arc<App>>, request: Request) -> Response {
    let request_id = uuid::Uuid::new_v4().to_string();
    let (parts, body) = request.into_parts();
    let (format, outcome) = match Params::read(&parts, body).await {
        // The body could not be read: answer in the format the query asked for, if any.
        Err(error) => (format_from_uri(&parts.uri).unwrap_or_default(), Err(error)),
        Ok(params) => match Format::from_param(params.get("Format")) {
            Err(_) => (Format::Json, Err(ErrorCode::invalid_parameter("Format"))),
            Ok(format) => {
                let reply = Reply {
                    format,
                    request_id: &request_id,
                };
                (
                    format,
                    app.call(&parts.method, &parts.headers, &params, &reply),
                )
            }
        },
    };
    outcome.unwrap_or_else(|error| {
        ErrorResponse::new(error, format, request_id)
            .host_id(app.host_id.clone())
            .into_response()
    })
}

impl App {
    /// Everything after the format is known: fault, method, common parameters, action.
    fn call(
        &self,
        method: &Method,
        headers: &HeaderMap,
        params: &Params,
        reply: &Reply<'_>,
    ) -> Result<Response, Error> {
        self.check_fault(headers)?;
        if method != Method::GET && method != Method::POST {
            return Err(Error::new(ErrorCode::UnsupportedHTTPMethod));
        }
        let action = params
            .or_header("Action", headers, "x-acs-action")
            .ok_or_else(|| ErrorCode::missing_parameter("Action"))?;
        let version = params
            .or_header("Version", headers, "x-acs-version")
            .ok_or_else(|| ErrorCode::missing_parameter("Version"))?;
        if version != VERSION {
            return Err(ErrorCode::invalid_parameter("Version"));
        }
        let timestamp = params
            .or_header("Timestamp", headers, "x-acs-date")
            .ok_or_else(|| Error::new(ErrorCode::IllegalTimestamp))?;
        if !clock::is_timestamp(timestamp) {
            return Err(ErrorCode::invalid_parameter("Timestamp"));
        }
        let mut store = self.store.lock().unwrap_or_else(PoisonError::into_inner);
        actions::dispatch(&mut store, action, params, reply)
    }

    /// The fault this request gets: the one its `x-errcat-fault` header names, else the
    /// configured one while it lasts. A header naming anything but a 5xx catalog code is
    /// `InvalidParameter` for the header.
    fn check_fault(&self, headers: &HeaderMap) -> Result<(), Error> {
        if let Some(value) = headers.get(FAULT_HEADER) {
            let code = value.to_str().ok().and_then(fault_code);
            return Err(code.map_or_else(|| ErrorCode::invalid_parameter(FAULT_HEADER), Error::new));
        }
        let mut fault = self.fault.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(Fault { code, times }) = *fault else {
            return Ok(());
        };
        match times {
            None => Err(Error::new(code)),
            Some(0) => Ok(()),
            Some(n) => {
                *fault = Some(Fault {
                    code,
                    times: Some(n - 1),
                });
                Err(Error::new(code))
            }
        }
    }
}
