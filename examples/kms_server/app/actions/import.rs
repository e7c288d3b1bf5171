//! Importing key material: `GetParametersForImport`, `ImportKeyMaterial`.

use serde::Serialize;

use super::Call;
use super::keys::one_of;
use crate::app::errors::KmsError;
use crate::app::store::import::Material;

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ImportParameters<'a> {
    key_id: &'a str,
    import_token: &'a str,
    public_key: &'a str,
    token_expire_time: String,
}

/// `GetParametersForImport`: `WrappingAlgorithm` and `WrappingKeySpec` are required and
/// must be ones KMS offers.
pub fn parameters<'s>(call: Call<'s, '_>) -> Result<ImportParameters<'s>, KmsError> {
    let params = call.params;
    let key_id = params.required("KeyId")?;
    params.required("WrappingAlgorithm")?;
    params.required("WrappingKeySpec")?;
    let algorithms = [
        "RSAES_OAEP_SHA_256",
        "RSAES_OAEP_SHA_1",
        "RSAES_PKCS1_V1_5",
        "SM2PKE",
    ];
    one_of(params, "WrappingAlgorithm", &algorithms)?;
    one_of(params, "WrappingKeySpec", &["RSA_2048", "EC_SM2"])?;
    let store: &'s mut _ = call.store;
    store.import_parameters(call.owner, key_id)?;
    let key = store.key(call.owner, key_id)?;
    let token = key.import.as_ref().expect("just handed out");
    Ok(ImportParameters {
        key_id: &key.id,
        import_token: &token.token,
        public_key: &token.public_key,
        token_expire_time: token.expire_time(),
    })
}

/// `ImportKeyMaterial`: `EncryptedKeyMaterial` and `ImportToken` are required.
pub fn material(call: Call<'_, '_>) -> Result<(), KmsError> {
    let params = call.params;
    let key_id = params.required("KeyId")?;
    let material = Material {
        encrypted_key_material: params.required("EncryptedKeyMaterial")?,
        import_token: params.required("ImportToken")?,
    };
    call.store.import_material(call.owner, key_id, &material)
}
