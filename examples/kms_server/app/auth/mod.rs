//! Who sent a request: the AccessKey whose secret signed it, verified exactly as the
//! official SDKs sign (their Python sources are the reference; see each module).
//!
//! - [`rpc`]: the RPC signature, HMAC-SHA1 over the canonicalized parameters (the older
//!   SDK, and the newer one with `signature_algorithm = "v2"`).
//! - [`acs`]: the `Authorization` header, `ACS3-HMAC-SHA256` (the newer SDK's default) and
//!   `ACS4-HMAC-SHA256` (its `signature_version = "v4"`).
//!
//! Missing or malformed parts are `IncompleteSignature`; an AccessKey id the server does
//! not know is `InvalidAccessKeyId.NotFound`; a signature made with another secret is the
//! gateway's `SignatureDoesNotMatch`; a disabled AccessKey, once its signature is proven,
//! is `Forbidden.AccessKey` (so that nobody learns a key's state without its secret).

pub mod acs;
pub mod rpc;

use axum::http::{HeaderMap, Method, Uri};

use super::accounts::{AccessKey, Accounts};
use super::errors::{Code, Failure, KmsError, kms, signature_mismatch};
use super::params::Params;

/// What a signature covers: the request as it arrived.
pub struct Signed<'a> {
    pub method: &'a Method,
    pub uri: &'a Uri,
    pub headers: &'a HeaderMap,
    pub params: &'a Params,
}

/// Where signatures are scoped: ACS4 credentials name a region and a product.
pub struct Scope<'a> {
    pub region: &'a str,
}

/// The enabled AccessKey that signed `request`.
pub fn authenticate<'a>(
    accounts: &'a Accounts,
    request: &Signed<'_>,
    scope: &Scope<'_>,
) -> Result<&'a AccessKey, Failure> {
    let claim = match request.headers.get(axum::http::header::AUTHORIZATION) {
        Some(value) => acs::claim(value, request, scope)?,
        None => rpc::claim(request)?,
    };
    let key = accounts.access_key(&claim.access_key_id)?;
    let expected = (claim.sign)(&key.secret);
    if !same(expected.as_bytes(), claim.signature.as_bytes()) {
        return Err(signature_mismatch(claim.string_to_sign));
    }
    if !key.enabled {
        return Err(kms(Code::ForbiddenAccessKey).into());
    }
    Ok(key)
}

/// A signed request's claim: who it says signed it, the signature it carries, what was
/// signed, and how to sign it again with a secret.
pub struct Claim {
    pub access_key_id: String,
    pub signature: String,
    pub string_to_sign: String,
    pub sign: Box<dyn Fn(&str) -> String>,
}

/// `IncompleteSignature`: a signature part is missing or malformed.
pub fn incomplete() -> KmsError {
    kms(Code::IncompleteSignature)
}

/// Byte equality in time that does not depend on where the bytes first differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Percent-encoding as the SDKs do it (Python's `quote(text, safe='~')`): every byte but
/// ASCII letters, digits and `-_.~` becomes `%XX`, upper-case.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Lower-case hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encoding_keeps_only_unreserved_bytes() {
        assert_eq!(percent_encode("a-Z_0.~"), "a-Z_0.~");
        assert_eq!(percent_encode("a b+c*/=&"), "a%20b%2Bc%2A%2F%3D%26");
        assert_eq!(percent_encode("ü"), "%C3%BC");
    }
}
