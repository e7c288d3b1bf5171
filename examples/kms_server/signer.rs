//! How a client signs an RPC request (signature version 1.0, HMAC-SHA1), as the older
//! official SDK does (`aliyunsdkcore/auth/composer/rpc_signature_composer.py`). Used by
//! `examples/kms_client.rs` and `tests/server/`; written from the SDK's source, apart from
//! the server's verifier (`app/auth/rpc.rs`), so that the tests do not check the server
//! against itself.

use base64::Engine as _;
use hmac::{Hmac, Mac};

/// `params` with the signature parameters added, `Signature` last: what to send.
pub fn sign_rpc(
    method: &str,
    params: &[(&str, &str)],
    access_key_id: &str,
    secret: &str,
) -> Vec<(String, String)> {
    let nonce = uuid::Uuid::new_v4().to_string();
    let mut signed: Vec<(String, String)> = params
        .iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .chain([
            ("AccessKeyId".to_owned(), access_key_id.to_owned()),
            ("SignatureMethod".to_owned(), "HMAC-SHA1".to_owned()),
            ("SignatureVersion".to_owned(), "1.0".to_owned()),
            ("SignatureNonce".to_owned(), nonce),
        ])
        .collect();
    let signature = signature(method, &signed, secret);
    signed.push(("Signature".to_owned(), signature));
    signed
}

/// `base64(HMAC-SHA1(secret "&", METHOD "&%2F&" pop_encode(sorted, encoded pairs)))`.
pub fn signature(method: &str, params: &[(String, String)], secret: &str) -> String {
    let mut sorted: Vec<&(String, String)> = params.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let query = sorted
        .iter()
        .map(|(name, value)| format!("{}={}", pop_encode(name), pop_encode(value)))
        .collect::<Vec<_>>()
        .join("&");
    let string_to_sign = format!("{method}&{}&{}", pop_encode("/"), pop_encode(&query));
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(format!("{secret}&").as_bytes())
        .expect("any key length");
    mac.update(string_to_sign.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// The SDK's "POP standard" URL encoding: RFC 3986, where only `A-Z a-z 0-9 - _ . ~`
/// stay as they are.
fn pop_encode(text: &str) -> String {
    const UNRESERVED: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";
    text.bytes()
        .map(|b| {
            if UNRESERVED.contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
