//! The RPC signature (signature version 1.0, `HMAC-SHA1`), as the older SDK
//! (`aliyunsdkcore/auth/composer/rpc_signature_composer.py`) and the newer one in its `v2`
//! mode (`alibabacloud_tea_openapi/utils.py`, `get_rpcsignature`) compute it:
//!
//! ```text
//! canonical      = sorted parameters (query and form body, but `Signature`) as
//!                  percent_encode(name) "=" percent_encode(value), joined with "&"
//! string to sign = METHOD "&%2F&" percent_encode(canonical)
//! Signature      = base64(HMAC-SHA1(key: secret "&", string to sign))
//! ```

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, Mac};
use sha1::Sha1;

use super::{Claim, Signed, incomplete, percent_encode};
use crate::app::errors::KmsError;

/// The parameters an RPC signature needs, each present and of the one supported kind.
pub fn claim(request: &Signed<'_>) -> Result<Claim, KmsError> {
    let params = request.params;
    let part = |name| params.get(name).ok_or_else(incomplete);
    let access_key_id = part("AccessKeyId")?.to_owned();
    let signature = part("Signature")?.to_owned();
    if part("SignatureMethod")? != "HMAC-SHA1" || part("SignatureVersion")? != "1.0" {
        return Err(incomplete());
    }
    let string_to_sign = string_to_sign(request.method.as_str(), params.all());
    let to_sign = string_to_sign.clone();
    Ok(Claim {
        access_key_id,
        signature,
        string_to_sign,
        sign: Box::new(move |secret| sign(secret, &to_sign)),
    })
}

/// The string to sign for `method` and the parameters (sorted by name, as a `BTreeMap`
/// iterates; `Signature` left out).
pub fn string_to_sign<'a>(
    method: &str,
    params: impl IntoIterator<Item = (&'a String, &'a String)>,
) -> String {
    let canonical: Vec<String> = params
        .into_iter()
        .filter(|(name, _)| *name != "Signature")
        .map(|(name, value)| format!("{}={}", percent_encode(name), percent_encode(value)))
        .collect();
    format!("{method}&%2F&{}", percent_encode(&canonical.join("&")))
}

/// The `Signature` of `string_to_sign` with `secret`.
pub fn sign(secret: &str, string_to_sign: &str) -> String {
    let mut mac = Hmac::<Sha1>::new_from_slice(format!("{secret}&").as_bytes())
        .expect("HMAC takes keys of any length");
    mac.update(string_to_sign.as_bytes());
    BASE64.encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// Computed by the older SDK's `get_signed_url` (aliyun-python-sdk-core 2.16.1) for
    /// these parameters, method and secret.
    #[test]
    fn matches_the_python_sdk() {
        let params: BTreeMap<String, String> = [
            ("AccessKeyId", "testid"),
            ("Action", "DescribeKey"),
            ("Format", "JSON"),
            ("KeyId", "key/ä b*~"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "nonce-1"),
            ("SignatureType", ""),
            ("SignatureVersion", "1.0"),
            ("Timestamp", "2024-05-01T08:30:00Z"),
            ("Version", "2016-01-20"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let text = string_to_sign("POST", &params);
        assert_eq!(text, RPC_STRING_TO_SIGN);
        assert_eq!(sign("testsecret", &text), RPC_SIGNATURE);
    }

    const RPC_STRING_TO_SIGN: &str = "POST&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeKey%26Format%3DJSON%26KeyId%3Dkey%252F%25C3%25A4%2520b%252A~%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3Dnonce-1%26SignatureType%3D%26SignatureVersion%3D1.0%26Timestamp%3D2024-05-01T08%253A30%253A00Z%26Version%3D2016-01-20";
    const RPC_SIGNATURE: &str = "T2jWFyalE1ilwwOvfxnRiA3SGPI=";
}
