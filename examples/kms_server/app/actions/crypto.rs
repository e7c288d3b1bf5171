//! `Encrypt` and `Decrypt`. The "ciphertext" is base64 of a marker, the key id, the key
//! version id and the plaintext: this demo shows errors, not cryptography, and nothing here
//! is secret.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::Serialize;

use super::Call;
use crate::app::errors::{KmsError, invalid};

/// Plaintext longer than this is `InvalidParameter`, as in KMS.
pub const MAX_PLAINTEXT: usize = 6 * 1024;
/// What every ciphertext starts with once decoded, so that other base64 is told apart.
const CIPHERTEXT_MAGIC: &str = "errcat-demo\0";

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Encrypted<'a> {
    ciphertext_blob: String,
    key_id: &'a str,
    key_version_id: &'a str,
}

/// `Encrypt`: with the key's primary version, if the key is enabled.
pub fn encrypt<'s>(call: Call<'s, '_>) -> Result<Encrypted<'s>, KmsError> {
    let store: &'s _ = call.store;
    let key = store.key(call.owner, call.params.required("KeyId")?)?;
    let plaintext = call.params.required("Plaintext")?;
    if plaintext.len() > MAX_PLAINTEXT {
        return Err(invalid("Plaintext"));
    }
    if key.usage != "ENCRYPT/DECRYPT" {
        return Err(invalid("KeyId"));
    }
    key.state.check_usable()?;
    let version = &key.primary_version().id;
    let blob = format!("{CIPHERTEXT_MAGIC}{}\0{version}\0{plaintext}", key.id);
    Ok(Encrypted {
        ciphertext_blob: BASE64.encode(blob),
        key_id: &key.id,
        key_version_id: version,
    })
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Decrypted<'a> {
    key_id: &'a str,
    key_version_id: &'a str,
    plaintext: String,
}

/// `Decrypt`: reads back what `Encrypt` wrote; anything else is `InvalidParameter` for
/// `CiphertextBlob`. A version the key does not have is `Forbidden.KeyVersionNotFound`.
pub fn decrypt<'s>(call: Call<'s, '_>) -> Result<Decrypted<'s>, KmsError> {
    let blob = call.params.required("CiphertextBlob")?;
    let opened = open_ciphertext(blob).ok_or_else(|| invalid("CiphertextBlob"))?;
    let store: &'s _ = call.store;
    let key = store.key(call.owner, &opened.key_id)?;
    key.state.check_usable()?;
    let version = key.version(&opened.version_id)?;
    Ok(Decrypted {
        key_id: &key.id,
        key_version_id: &version.id,
        plaintext: opened.plaintext,
    })
}

struct Opened {
    key_id: String,
    version_id: String,
    plaintext: String,
}

/// The parts of a ciphertext `encrypt` made.
fn open_ciphertext(blob: &str) -> Option<Opened> {
    let decoded = String::from_utf8(BASE64.decode(blob).ok()?).ok()?;
    let rest = decoded.strip_prefix(CIPHERTEXT_MAGIC)?;
    let (key_id, rest) = rest.split_once('\0')?;
    let (version_id, plaintext) = rest.split_once('\0')?;
    // An alias or ARN here would make the ciphertext name a different key later.
    if key_id.is_empty() || key_id.contains(['/', ':']) {
        return None;
    }
    Some(Opened {
        key_id: key_id.to_owned(),
        version_id: version_id.to_owned(),
        plaintext: plaintext.to_owned(),
    })
}
