//! A request's parameters: the query and an `application/x-www-form-urlencoded` body,
//! merged, plus the values newer SDKs send as `x-acs-*` headers instead.

use std::collections::HashMap;

use axum::body::Body;
use axum::http::HeaderMap;
use axum::http::request::Parts;
use errcat::kms::{Error, ErrorCode};

/// Bodies longer than this are refused before they are read to the end.
const MAX_BODY: usize = 64 * 1024;
/// More parameters than this is a parse error: no action takes more than a few.
const MAX_PARAMS: usize = 256;

/// The merged parameters. A name given twice keeps its last value; the body comes after the
/// query, so it wins.
#[derive(Debug, Default)]
pub struct Params {
    values: HashMap<String, String>,
}

impl Params {
    /// Reads the query and, when the content type says form, the body. A body that cannot
    /// be read (too long, cut off) or too many parameters is `ParseRequestParameterException`.
    pub async fn read(parts: &Parts, body: Body) -> Result<Params, Error> {
        let mut params = Params::default();
        params.extend(parts.uri.query().unwrap_or_default().as_bytes())?;
        if is_form(&parts.headers) {
            let body = axum::body::to_bytes(body, MAX_BODY)
                .await
                .map_err(|_| parse_error())?;
            params.extend(&body)?;
        }
        Ok(params)
    }

    fn extend(&mut self, encoded: &[u8]) -> Result<(), Error> {
        for (name, value) in form_urlencoded::parse(encoded) {
            self.values.insert(name.into_owned(), value.into_owned());
            if self.values.len() > MAX_PARAMS {
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
    pub fn required(&self, name: &'static str) -> Result<&str, Error> {
        self.get(name)
            .ok_or_else(|| ErrorCode::missing_parameter(name))
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
    ) -> Result<Option<u64>, Error> {
        self.get(name)
            .map(|text| {
                text.parse::<u64>()
                    .ok()
                    .filter(|n| range.contains(n))
                    .ok_or_else(|| ErrorCode::invalid_parameter(name))
            })
            .transpose()
    }
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

fn parse_error() -> Error {
    Error::new(ErrorCode::ParseRequestParameterException)
}
