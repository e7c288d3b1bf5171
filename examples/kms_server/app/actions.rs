//! The actions: each reads its parameters, asks the store, and returns a result whose field
//! names are those of the KMS API (`KeyMetadata.KeyId`, `CiphertextBlob`, ...), so that the
//! official SDKs' models parse it.

use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use errcat::Format;
use errcat::integrations::http::SuccessResponse;
use errcat::kms::{Error, ErrorCode};
use serde::Serialize;

use super::params::Params;
use super::store::{Key, NewKey, Store};

/// Every action the demo implements.
pub const ACTIONS: &[&str] = &[
    "CreateKey",
    "DescribeKey",
    "ListKeys",
    "EnableKey",
    "DisableKey",
    "ScheduleKeyDeletion",
    "CancelKeyDeletion",
    "CreateAlias",
    "DeleteAlias",
    "Encrypt",
    "Decrypt",
];

/// Where a success goes: the negotiated format and the request id.
pub struct Reply<'a> {
    pub format: Format,
    pub request_id: &'a str,
}

impl Reply<'_> {
    fn ok<T: Serialize>(&self, action: &'static str, result: T) -> Response {
        SuccessResponse::new(self.format, action, self.request_id, result).into_response()
    }
}

/// Runs `action`; an action the demo does not know is `InvalidParameter` for `Action`.
pub fn dispatch(
    store: &mut Store,
    action: &str,
    params: &Params,
    reply: &Reply<'_>,
) -> Result<Response, Error> {
    let key_id = || params.required("KeyId");
    match action {
        "CreateKey" => create_key(store, params).map(|r| reply.ok("CreateKey", r)),
        "DescribeKey" => store
            .key(key_id()?)
            .map(|key| reply.ok("DescribeKey", metadata(key))),
        "ListKeys" => list_keys(store, params).map(|r| reply.ok("ListKeys", r)),
        "EnableKey" => store
            .enable(key_id()?)
            .map(|()| reply.ok("EnableKey", Done {})),
        "DisableKey" => store
            .disable(key_id()?)
            .map(|()| reply.ok("DisableKey", Done {})),
        "ScheduleKeyDeletion" => {
            schedule_deletion(store, params).map(|()| reply.ok("ScheduleKeyDeletion", Done {}))
        }
        "CancelKeyDeletion" => store
            .cancel_deletion(key_id()?)
            .map(|()| reply.ok("CancelKeyDeletion", Done {})),
        "CreateAlias" => create_alias(store, params).map(|()| reply.ok("CreateAlias", Done {})),
        "DeleteAlias" => store
            .delete_alias(alias_name(params)?)
            .map(|()| reply.ok("DeleteAlias", Done {})),
        "Encrypt" => encrypt(store, params).map(|r| reply.ok("Encrypt", r)),
        "Decrypt" => decrypt(store, params).map(|r| reply.ok("Decrypt", r)),
        _ => Err(ErrorCode::invalid_parameter("Action")),
    }
}

/// A result with no fields: the envelope carries only the request id.
#[derive(Serialize)]
struct Done {}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct WithKeyMetadata<'a> {
    key_metadata: KeyMetadata<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct KeyMetadata<'a> {
    key_id: &'a str,
    arn: &'a str,
    key_state: &'static str,
    key_usage: &'static str,
    key_spec: &'static str,
    origin: &'static str,
    protection_level: &'static str,
    description: &'a str,
    creation_date: &'a str,
    creator: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    delete_date: Option<&'a str>,
    primary_key_version: &'a str,
    automatic_rotation: &'static str,
}

fn metadata(key: &Key) -> WithKeyMetadata<'_> {
    WithKeyMetadata {
        key_metadata: KeyMetadata {
            key_id: &key.id,
            arn: &key.arn,
            key_state: key.state.as_str(),
            key_usage: key.usage,
            key_spec: key.spec,
            origin: "Aliyun_KMS",
            protection_level: "SOFTWARE",
            description: &key.description,
            creation_date: &key.creation_date,
            creator: key.creator(),
            delete_date: key.delete_date.as_deref(),
            primary_key_version: &key.version_id,
            automatic_rotation: "Disabled",
        },
    }
}

/// `CreateKey`: the optional parameters, checked, then a new key. Origins and protection
/// levels real KMS has but the demo does not are the catalog's `Unsupported.*` codes.
fn create_key<'s>(store: &'s mut Store, params: &Params) -> Result<WithKeyMetadata<'s>, Error> {
    let description = params.get("Description").unwrap_or_default();
    if description.chars().count() > 8192 {
        return Err(ErrorCode::invalid_parameter("Description"));
    }
    let usage = one_of(params, "KeyUsage", &["ENCRYPT/DECRYPT", "SIGN/VERIFY"])?;
    let spec = one_of(
        params,
        "KeySpec",
        &["Aliyun_AES_256", "Aliyun_AES_128", "Aliyun_SM4"],
    )?;
    match params.get("Origin") {
        None | Some("Aliyun_KMS") => {}
        Some("EXTERNAL") => return Err(Error::new(ErrorCode::UnsupportedOrigin)),
        Some(_) => return Err(ErrorCode::invalid_parameter("Origin")),
    }
    match params.get("ProtectionLevel") {
        None | Some("SOFTWARE") => {}
        Some("HSM") => return Err(Error::new(ErrorCode::UnsupportedProtectionLevel)),
        Some(_) => return Err(ErrorCode::invalid_parameter("ProtectionLevel")),
    }
    let new = NewKey {
        description: description.to_owned(),
        usage,
        spec,
    };
    store.create_key(new).map(metadata)
}

/// The parameter's value when it is one of `allowed` (the first one when absent), else
/// `InvalidParameter` naming it.
fn one_of(
    params: &Params,
    name: &'static str,
    allowed: &[&'static str],
) -> Result<&'static str, Error> {
    match params.get(name) {
        None => Ok(allowed[0]),
        Some(value) => allowed
            .iter()
            .find(|a| **a == value)
            .copied()
            .ok_or_else(|| ErrorCode::invalid_parameter(name)),
    }
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct KeyList<'a> {
    page_number: u64,
    page_size: u64,
    total_count: usize,
    keys: Keys<'a>,
}

/// `{"Key": [...]}`: in XML, one `<Key>` element per key, as KMS writes it.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Keys<'a> {
    key: Vec<KeyRef<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct KeyRef<'a> {
    key_id: &'a str,
    key_arn: &'a str,
}

/// `ListKeys`: `PageNumber` from 1, `PageSize` 1..=100 (default 10).
fn list_keys<'s>(store: &'s Store, params: &Params) -> Result<KeyList<'s>, Error> {
    let page_number = params
        .number_in("PageNumber", 1..=u64::from(u32::MAX))?
        .unwrap_or(1);
    let page_size = params.number_in("PageSize", 1..=100)?.unwrap_or(10);
    let skip = usize::try_from((page_number - 1) * page_size).unwrap_or(usize::MAX);
    let page = store.keys().iter().skip(skip).take(page_size as usize);
    Ok(KeyList {
        page_number,
        page_size,
        total_count: store.keys().len(),
        keys: Keys {
            key: page
                .map(|key| KeyRef {
                    key_id: &key.id,
                    key_arn: &key.arn,
                })
                .collect(),
        },
    })
}

/// `ScheduleKeyDeletion`: `PendingWindowInDays` is required, 7..=366.
fn schedule_deletion(store: &mut Store, params: &Params) -> Result<(), Error> {
    let key_id = params.required("KeyId")?;
    params.required("PendingWindowInDays")?;
    let days = params
        .number_in("PendingWindowInDays", 7..=366)?
        .unwrap_or(7);
    store.schedule_deletion(key_id, days)
}

/// `AliasName`: required, `alias/` then 1 to 255 letters, digits, `_`, `-` or `/`.
fn alias_name(params: &Params) -> Result<&str, Error> {
    let alias = params.required("AliasName")?;
    let name = alias.strip_prefix("alias/").unwrap_or_default();
    let valid = (1..=255).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_-/".contains(&b));
    if valid {
        Ok(alias)
    } else {
        Err(ErrorCode::invalid_parameter("AliasName"))
    }
}

fn create_alias(store: &mut Store, params: &Params) -> Result<(), Error> {
    let alias = alias_name(params)?;
    let key_id = params.required("KeyId")?;
    store.create_alias(alias, key_id)
}

/// Plaintext longer than this is `InvalidParameter`, as in KMS.
const MAX_PLAINTEXT: usize = 6 * 1024;
/// What every ciphertext starts with once decoded, so that other base64 is told apart.
const CIPHERTEXT_MAGIC: &str = "errcat-demo\0";

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Encrypted<'a> {
    ciphertext_blob: String,
    key_id: &'a str,
    key_version_id: &'a str,
}

/// `Encrypt`: the "ciphertext" is base64 of a marker, the key id and the plaintext. This
/// demo shows errors, not cryptography: nothing here is secret.
fn encrypt<'s>(store: &'s Store, params: &Params) -> Result<Encrypted<'s>, Error> {
    let key = store.key(params.required("KeyId")?)?;
    let plaintext = params.required("Plaintext")?;
    if plaintext.len() > MAX_PLAINTEXT {
        return Err(ErrorCode::invalid_parameter("Plaintext"));
    }
    if key.usage != "ENCRYPT/DECRYPT" {
        return Err(ErrorCode::invalid_parameter("KeyId"));
    }
    key.check_usable()?;
    let blob = format!("{CIPHERTEXT_MAGIC}{}\0{plaintext}", key.id);
    Ok(Encrypted {
        ciphertext_blob: BASE64.encode(blob),
        key_id: &key.id,
        key_version_id: &key.version_id,
    })
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Decrypted<'a> {
    key_id: &'a str,
    key_version_id: &'a str,
    plaintext: String,
}

/// `Decrypt`: reads back what `Encrypt` wrote; anything else is `InvalidParameter` for
/// `CiphertextBlob`.
fn decrypt<'s>(store: &'s Store, params: &Params) -> Result<Decrypted<'s>, Error> {
    let blob = params.required("CiphertextBlob")?;
    let (key_id, plaintext) =
        open_ciphertext(blob).ok_or_else(|| ErrorCode::invalid_parameter("CiphertextBlob"))?;
    let key = store.key(&key_id)?;
    key.check_usable()?;
    Ok(Decrypted {
        key_id: &key.id,
        key_version_id: &key.version_id,
        plaintext,
    })
}

/// The key id and plaintext inside a ciphertext `encrypt` made.
fn open_ciphertext(blob: &str) -> Option<(String, String)> {
    let decoded = String::from_utf8(BASE64.decode(blob).ok()?).ok()?;
    let (key_id, plaintext) = decoded.strip_prefix(CIPHERTEXT_MAGIC)?.split_once('\0')?;
    // An alias or ARN here would make the ciphertext name a different key later.
    if key_id.is_empty() || key_id.contains(['/', ':']) {
        return None;
    }
    Some((key_id.to_owned(), plaintext.to_owned()))
}
