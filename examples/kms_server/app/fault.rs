//! Fault injection, for exercising clients: any code of either catalog, 4xx included.
//!
//! - `--fault CODE[:N]`: the first `N` requests (all, without `:N`) fail with `CODE`.
//! - a request header `x-errcat-fault: CODE` fails that request with `CODE`.
//!
//! A code whose message has placeholders shows them as `<name>`. Only `InternalFailure`
//! and `ServiceUnavailableTemporary` need this: every other KMS code has a real path.

use std::sync::{Mutex, PoisonError};

use axum::http::HeaderMap;

use super::errors::{Failure, invalid};

/// The request header that makes the server fail this request.
pub const FAULT_HEADER: &str = "x-errcat-fault";

/// An injected failure: a code, for the first `times` requests (every request when `None`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fault {
    pub code: String,
    pub times: Option<u64>,
}

impl Fault {
    /// `CODE` or `CODE:N`, where `CODE` is a code of either catalog.
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
        if Failure::from_code(code).is_none() {
            return Err(format!(
                "`{code}` is not a code of the KMS or gateway catalog"
            ));
        }
        Ok(Fault {
            code: code.to_owned(),
            times,
        })
    }
}

/// The configured fault and how many more requests it fails.
#[derive(Debug, Default)]
pub struct Faults {
    configured: Mutex<Option<Fault>>,
}

impl Faults {
    pub fn new(fault: Option<Fault>) -> Faults {
        Faults {
            configured: Mutex::new(fault),
        }
    }

    /// The fault this request gets: the one its `x-errcat-fault` header names, else the
    /// configured one while it lasts. A header naming no catalog code is `InvalidParameter`
    /// for the header.
    pub fn check(&self, headers: &HeaderMap) -> Result<(), Failure> {
        if let Some(value) = headers.get(FAULT_HEADER) {
            let failure = value.to_str().ok().and_then(Failure::from_code);
            return Err(failure.unwrap_or_else(|| invalid(FAULT_HEADER).into()));
        }
        let mut configured = self
            .configured
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let Some(fault) = configured.as_mut() else {
            return Ok(());
        };
        let failure = || Failure::from_code(&fault.code).expect("checked by Fault::parse");
        match fault.times {
            None => Err(failure()),
            Some(0) => Ok(()),
            Some(n) => {
                let error = failure();
                fault.times = Some(n - 1);
                Err(error)
            }
        }
    }
}
