//! Keys: create, describe, list, state changes, aliases.

use serde::Serialize;

use super::{Call, page};
use crate::app::errors::{Code, KmsError, invalid, kms};
use crate::app::params::Params;
use crate::app::store::{Key, NewKey, Origin};

/// The longest `Description`, in characters, as in KMS.
pub const MAX_DESCRIPTION: usize = 8192;

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct WithKeyMetadata<'a> {
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
    creator: &'a str,
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
            origin: key.origin.as_str(),
            protection_level: key.protection_level,
            description: &key.description,
            creation_date: &key.creation_date,
            creator: &key.creator,
            delete_date: key.delete_date.as_deref(),
            primary_key_version: &key.primary_version().id,
            automatic_rotation: "Disabled",
        },
    }
}

/// `CreateKey`: the optional parameters, checked, then a new key. `Origin=EXTERNAL` makes
/// a key waiting for imported material; `ProtectionLevel=HSM` needs a region with HSMs.
pub fn create<'s>(call: Call<'s, '_>) -> Result<WithKeyMetadata<'s>, KmsError> {
    let params = call.params;
    let description = params.get("Description").unwrap_or_default();
    if description.chars().count() > MAX_DESCRIPTION {
        return Err(invalid("Description"));
    }
    let usage = one_of(params, "KeyUsage", &["ENCRYPT/DECRYPT", "SIGN/VERIFY"])?;
    let spec = one_of(
        params,
        "KeySpec",
        &["Aliyun_AES_256", "Aliyun_AES_128", "Aliyun_SM4"],
    )?;
    let origin = match one_of(params, "Origin", &["Aliyun_KMS", "EXTERNAL"])? {
        "EXTERNAL" => Origin::External,
        _ => Origin::AliyunKms,
    };
    let protection_level = one_of(params, "ProtectionLevel", &["SOFTWARE", "HSM"])?;
    if protection_level == "HSM" && !call.hsm {
        return Err(kms(Code::UnsupportedProtectionLevel));
    }
    let new = NewKey {
        description: description.to_owned(),
        usage,
        spec,
        origin,
        protection_level,
    };
    call.store.create_key(call.owner, new).map(metadata)
}

/// The parameter's value when it is one of `allowed` (the first one when absent), else
/// `InvalidParameter` naming it.
pub fn one_of(
    params: &Params,
    name: &'static str,
    allowed: &[&'static str],
) -> Result<&'static str, KmsError> {
    match params.get(name) {
        None => Ok(allowed[0]),
        Some(value) => allowed
            .iter()
            .find(|a| **a == value)
            .copied()
            .ok_or_else(|| invalid(name)),
    }
}

pub fn describe<'s>(call: Call<'s, '_>) -> Result<WithKeyMetadata<'s>, KmsError> {
    let key_id = call.params.required("KeyId")?;
    call.store.key(call.owner, key_id).map(metadata)
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct KeyList<'a> {
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

/// `ListKeys`: the account's keys, a page at a time.
pub fn list<'s>(call: Call<'s, '_>) -> Result<KeyList<'s>, KmsError> {
    let (page_number, page_size, skip) = page(call.params)?;
    let store: &'s _ = call.store;
    let key = store
        .keys(call.owner)
        .skip(skip)
        .take(page_size as usize)
        .map(|key| KeyRef {
            key_id: &key.id,
            key_arn: &key.arn,
        })
        .collect();
    Ok(KeyList {
        page_number,
        page_size,
        total_count: store.keys(call.owner).count(),
        keys: Keys { key },
    })
}

pub fn enable(call: Call<'_, '_>) -> Result<(), KmsError> {
    let key_id = call.params.required("KeyId")?;
    call.store.enable(call.owner, key_id)
}

pub fn disable(call: Call<'_, '_>) -> Result<(), KmsError> {
    let key_id = call.params.required("KeyId")?;
    call.store.disable(call.owner, key_id)
}

/// `ScheduleKeyDeletion`: `PendingWindowInDays` is required, 7..=366.
pub fn schedule_deletion(call: Call<'_, '_>) -> Result<(), KmsError> {
    let key_id = call.params.required("KeyId")?;
    call.params.required("PendingWindowInDays")?;
    let days = call
        .params
        .number_in("PendingWindowInDays", 7..=366)?
        .unwrap_or(7);
    call.store.schedule_deletion(call.owner, key_id, days)
}

pub fn cancel_deletion(call: Call<'_, '_>) -> Result<(), KmsError> {
    let key_id = call.params.required("KeyId")?;
    call.store.cancel_deletion(call.owner, key_id)
}

/// `AliasName`: required, `alias/` then 1 to 255 letters, digits, `_`, `-` or `/`.
fn alias_name(params: &Params) -> Result<&str, KmsError> {
    let alias = params.required("AliasName")?;
    let name = alias.strip_prefix("alias/").unwrap_or_default();
    let valid = (1..=255).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_-/".contains(&b));
    if valid {
        Ok(alias)
    } else {
        Err(invalid("AliasName"))
    }
}

pub fn create_alias(call: Call<'_, '_>) -> Result<(), KmsError> {
    let alias = alias_name(call.params)?;
    let key_id = call.params.required("KeyId")?;
    call.store.create_alias(call.owner, alias, key_id)
}

pub fn delete_alias(call: Call<'_, '_>) -> Result<(), KmsError> {
    let alias = alias_name(call.params)?;
    call.store.delete_alias(call.owner, alias)
}
