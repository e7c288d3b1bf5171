//! Importing key material into an `EXTERNAL` key: `GetParametersForImport` hands out an
//! import token and a wrapping public key that last [`Store::import_token_ttl`];
//! `ImportKeyMaterial` takes the token back with the material, and the key becomes usable.
//!
//! The demo does not wrap: the "public key" is random bytes and `EncryptedKeyMaterial` is
//! the key material itself, in base64. What it checks is what KMS checks: the token is the
//! one handed out for this key and still valid, and the material has the key spec's length.

use std::time::{Duration, SystemTime};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use super::{Key, KeyState, Origin, Owner, Store};
use crate::app::clock;
use crate::app::errors::{Code, KmsError, kms};

/// A token handed out by `GetParametersForImport`.
#[derive(Clone, Debug)]
pub struct ImportToken {
    pub token: String,
    pub public_key: String,
    pub expires: SystemTime,
}

impl ImportToken {
    /// `TokenExpireTime`, as KMS writes times.
    pub fn expire_time(&self) -> String {
        clock::format_utc(self.expires)
    }
}

/// The material and token `ImportKeyMaterial` was given.
pub struct Material<'a> {
    pub encrypted_key_material: &'a str,
    pub import_token: &'a str,
}

impl Store {
    /// A fresh import token for an `EXTERNAL` key still waiting for its material. A key
    /// KMS made is `Unsupported.Origin`; a key named by alias `Unsupported.Alias` (the
    /// token belongs to one key, not to a name that can move).
    pub fn import_parameters(
        &mut self,
        owner: Owner<'_>,
        key_id: &str,
    ) -> Result<&ImportToken, KmsError> {
        let ttl = self.import_token_ttl;
        let key = self.importable(owner, key_id)?;
        key.import = Some(new_token(ttl));
        Ok(key.import.as_ref().expect("just set"))
    }

    /// Imports the material: the token must be the key's latest (`InvalidImportToken`) and
    /// unexpired (`ExpiredImportToken`), the material base64 of the spec's length
    /// (`InvalidKeyMaterial`).
    pub fn import_material(
        &mut self,
        owner: Owner<'_>,
        key_id: &str,
        material: &Material<'_>,
    ) -> Result<(), KmsError> {
        let key = self.importable(owner, key_id)?;
        let token = key
            .import
            .as_ref()
            .filter(|t| t.token == material.import_token)
            .ok_or_else(|| kms(Code::InvalidImportToken))?;
        if SystemTime::now() >= token.expires {
            return Err(kms(Code::ExpiredImportToken));
        }
        let bytes = BASE64
            .decode(material.encrypted_key_material)
            .map_err(|_| kms(Code::InvalidKeyMaterial))?;
        if bytes.len() != material_length(key.spec) {
            return Err(kms(Code::InvalidKeyMaterial));
        }
        key.import = None;
        key.has_material = true;
        key.state = KeyState::Enabled;
        Ok(())
    }

    /// The key, if material can be imported into it now.
    fn importable(&mut self, owner: Owner<'_>, key_id: &str) -> Result<&mut Key, KmsError> {
        if key_id.starts_with("alias/") {
            return Err(kms(Code::UnsupportedAlias));
        }
        let key = self.key_mut(owner, key_id)?;
        if key.origin != Origin::External {
            return Err(kms(Code::UnsupportedOrigin));
        }
        match key.state {
            KeyState::PendingImport => Ok(key),
            KeyState::Enabled => Err(kms(Code::RejectedStateModifiedFailed)),
            other => Err(other.check_usable().expect_err("not enabled")),
        }
    }
}

/// Bytes of material for a key spec: 256 bits for AES-256, 128 for AES-128 and SM4.
fn material_length(spec: &str) -> usize {
    if spec == "Aliyun_AES_256" { 32 } else { 16 }
}

fn new_token(ttl: Duration) -> ImportToken {
    let random = |n: usize| -> Vec<u8> {
        (0..n.div_ceil(16))
            .flat_map(|_| *uuid::Uuid::new_v4().as_bytes())
            .take(n)
            .collect()
    };
    ImportToken {
        token: BASE64.encode(random(48)),
        public_key: BASE64.encode(random(32)),
        expires: SystemTime::now() + ttl,
    }
}
