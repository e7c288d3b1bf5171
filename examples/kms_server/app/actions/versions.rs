//! Key versions: `CreateKeyVersion`, `DescribeKeyVersion`, `ListKeyVersions`.

use serde::Serialize;

use super::{Call, page};
use crate::app::errors::KmsError;
use crate::app::store::Version;

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct WithKeyVersion<'a> {
    key_version: KeyVersion<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct KeyVersion<'a> {
    key_id: &'a str,
    key_version_id: &'a str,
    creation_date: &'a str,
}

fn key_version<'a>(key_id: &'a str, version: &'a Version) -> KeyVersion<'a> {
    KeyVersion {
        key_id,
        key_version_id: &version.id,
        creation_date: &version.creation_date,
    }
}

/// `CreateKeyVersion`: a new primary version (what rotation makes).
pub fn create<'s>(call: Call<'s, '_>) -> Result<WithKeyVersion<'s>, KmsError> {
    let key_id = call.params.required("KeyId")?;
    let store: &'s mut _ = call.store;
    store.create_version(call.owner, key_id)?;
    let key = store.key(call.owner, key_id)?;
    Ok(WithKeyVersion {
        key_version: key_version(&key.id, key.primary_version()),
    })
}

/// `DescribeKeyVersion`: an unknown `KeyVersionId` is `Forbidden.KeyVersionNotFound`.
pub fn describe<'s>(call: Call<'s, '_>) -> Result<WithKeyVersion<'s>, KmsError> {
    let key_id = call.params.required("KeyId")?;
    let version_id = call.params.required("KeyVersionId")?;
    let store: &'s _ = call.store;
    let key = store.key(call.owner, key_id)?;
    Ok(WithKeyVersion {
        key_version: key_version(&key.id, key.version(version_id)?),
    })
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct VersionList<'a> {
    page_number: u64,
    page_size: u64,
    total_count: usize,
    key_versions: KeyVersions<'a>,
}

/// `{"KeyVersion": [...]}`, one `<KeyVersion>` element each in XML.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct KeyVersions<'a> {
    key_version: Vec<KeyVersion<'a>>,
}

/// `ListKeyVersions`: oldest first, a page at a time.
pub fn list<'s>(call: Call<'s, '_>) -> Result<VersionList<'s>, KmsError> {
    let key_id = call.params.required("KeyId")?;
    let (page_number, page_size, skip) = page(call.params)?;
    let store: &'s _ = call.store;
    let key = store.key(call.owner, key_id)?;
    let versions = key
        .versions
        .iter()
        .skip(skip)
        .take(page_size as usize)
        .map(|v| key_version(&key.id, v))
        .collect();
    Ok(VersionList {
        page_number,
        page_size,
        total_count: key.versions.len(),
        key_versions: KeyVersions {
            key_version: versions,
        },
    })
}
