//! A request's parameters: the query and an `application/x-www-form-urlencoded` body,
//! merged, plus the values newer SDKs send as `x-acs-*` headers instead. The query alone and
//! the body's bytes are kept too: signatures cover them.

use std::collections::BTreeMap;

use axum::body::{Body, Bytes};
use axum::http::HeaderMap;
use axum::http::request::Parts;

use super::errors::{Code, Failure, KmsError, invalid, kms, missing};
use super::limits;

/// The merged parameters. A name given twice keeps its last value; the body comes after the
/// query, so it wins (as both SDKs merge them when they sign).
#[derive(Debug, Default)]
pub struct Params {
    values: BTreeMap<String, String>,
    query: BTreeMap<String, String>,
    body: Bytes,
}

impl Params {
    /// Reads the query and the body (whatever its type: ACS3 signs its bytes), and takes
    /// parameters from the body when its content type says form.
    ///
    /// Refusals: a body over [`limits::MAX_BODY`] is `RequestBodyTooLarge` naming the limit;
    /// a body that does not arrive within `body_timeout`, more than [`limits::MAX_PARAMS`]
    /// parameters, a name over [`limits::MAX_NAME`] bytes or text that is not UTF-8 once
    /// percent-decoded are `ParseRequestParameterException`; a value over
    /// [`limits::MAX_VALUE`] bytes is `InvalidParameter` naming it.
    pub async fn read(
        parts: &Parts,
        body: Body,
        body_timeout: std::time::Duration,
    ) -> Result<Params, Failure> {
        let mut params = Params::from_query(parts.uri.query().unwrap_or_default())?;
        params.body = read_body(body, body_timeout).await?;
        if is_form(&parts.headers) {
            let body = params.body.clone();
            params.extend(&body, false)?;
        }
        Ok(params)
    }

    /// The parameters of a query string alone, with no body.
    pub fn from_query(query: &str) -> Result<Params, KmsError> {
        let mut params = Params::default();
        params.extend(query.as_bytes(), true)?;
        Ok(params)
    }

    fn extend(&mut self, encoded: &[u8], from_query: bool) -> Result<(), KmsError> {
        for (name, value) in form_urlencoded::parse(encoded) {
            let (name, value) = (strict(&name)?, strict(&value)?);
            if name.len() > limits::MAX_NAME {
                return Err(parse_error());
            }
            if value.len() > limits::MAX_VALUE {
                return Err(invalid(name.to_owned()));
            }
            if from_query {
                self.query.insert(name.to_owned(), value.to_owned());
            }
            self.values.insert(name.to_owned(), value.to_owned());
            if self.values.len() > limits::MAX_PARAMS {
                return Err(parse_error());
            }
        }
        Ok(())
    }

    /// The parameter's value; an empty value counts as absent.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// The parameter's value, or `MissingParameter` naming it.
    pub fn required(&self, name: &'static str) -> Result<&str, KmsError> {
        self.get(name).ok_or_else(|| missing(name))
    }

    /// Every parameter, query and body merged, empty ones included, sorted by name.
    pub fn all(&self) -> &BTreeMap<String, String> {
        &self.values
    }

    /// The query's parameters alone, sorted by name.
    pub fn query(&self) -> &BTreeMap<String, String> {
        &self.query
    }

    /// The body's bytes, as sent.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The parameter, or else the header newer SDKs send it as (`x-acs-action` for
    /// `Action`): the RPC style puts it in the query, the ACS3 style only in headers.
    pub fn or_header<'a>(
        &'a self,
        name: &str,
        headers: &'a HeaderMap,
        header: &str,
    ) -> Option<&'a str> {
        self.get(name).or_else(|| {
            headers
                .get(header)
                .and_then(|v| v.to_str().ok())
                .filter(|v| !v.is_empty())
        })
    }

    /// An optional whole number in `range`, or `InvalidParameter` naming it.
    pub fn number_in(
        &self,
        name: &'static str,
        range: std::ops::RangeInclusive<u64>,
    ) -> Result<Option<u64>, KmsError> {
        self.get(name)
            .map(|text| {
                text.parse::<u64>()
                    .ok()
                    .filter(|n| range.contains(n))
                    .ok_or_else(|| invalid(name))
            })
            .transpose()
    }
}

/// The body, whole, within the size and time limits.
async fn read_body(body: Body, timeout: std::time::Duration) -> Result<Bytes, Failure> {
    match tokio::time::timeout(timeout, axum::body::to_bytes(body, limits::MAX_BODY)).await {
        Err(_elapsed) => Err(parse_error().into()),
        Ok(Ok(bytes)) => Ok(bytes),
        // `to_bytes` fails for a body over the limit, or one cut off; tell them apart by
        // the error's source, as axum does for its own rejections.
        Ok(Err(error)) if is_length_limit(&error) => {
            Err(super::errors::body_too_large(limits::MAX_BODY))
        }
        Ok(Err(_)) => Err(parse_error().into()),
    }
}

fn is_length_limit(error: &axum::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(current) = source {
        if current.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        source = current.source();
    }
    false
}

/// Percent-decoded text that is UTF-8, else `ParseRequestParameterException`: a lossy
/// decoding would change what the client signed.
fn strict(text: &str) -> Result<&str, KmsError> {
    if text.contains('\u{FFFD}') {
        return Err(parse_error());
    }
    Ok(text)
}

fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|media| {
            media
                .trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        })
}

fn parse_error() -> KmsError {
    kms(Code::ParseRequestParameterException)
}
