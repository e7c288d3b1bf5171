//! The actions: each reads its parameters, asks the store, and returns a result whose field
//! names are those of the KMS API (`KeyMetadata.KeyId`, `CiphertextBlob`, ...), so that the
//! official SDKs' models parse it.

mod crypto;
mod import;
mod keys;
mod versions;

use axum::response::{IntoResponse, Response};
use errcat::integrations::layer::Negotiated;
use serde::Serialize;

use super::errors::{KmsError, invalid};
use super::params::Params;
use super::store::{Owner, Store};

/// Every action the demo implements.
pub const ACTIONS: &[&str] = &[
    "CreateKey",
    "DescribeKey",
    "ListKeys",
    "EnableKey",
    "DisableKey",
    "ScheduleKeyDeletion",
    "CancelKeyDeletion",
    "CreateKeyVersion",
    "DescribeKeyVersion",
    "ListKeyVersions",
    "GetParametersForImport",
    "ImportKeyMaterial",
    "CreateAlias",
    "DeleteAlias",
    "Encrypt",
    "Decrypt",
];

/// `InvalidParameter` for `Action` unless the demo implements it.
pub fn check_action(action: &str) -> Result<&'static str, KmsError> {
    ACTIONS
        .iter()
        .find(|a| **a == action)
        .copied()
        .ok_or_else(|| invalid("Action"))
}

/// What an action works with: the store, the account asking, its parameters, and whether
/// this region has HSMs.
pub struct Call<'a, 'o> {
    pub store: &'a mut Store,
    pub owner: Owner<'o>,
    pub params: &'a Params,
    pub hsm: bool,
}

/// Runs `action`, one of [`ACTIONS`]; its success in the request's format, with its id.
pub fn dispatch(
    call: Call<'_, '_>,
    action: &'static str,
    reply: &Negotiated,
) -> Result<Response, KmsError> {
    let ok = |result| Ok(success(reply, action, result));
    match action {
        "CreateKey" => keys::create(call).map(|r| success(reply, action, r)),
        "DescribeKey" => keys::describe(call).map(|r| success(reply, action, r)),
        "ListKeys" => keys::list(call).map(|r| success(reply, action, r)),
        "EnableKey" => keys::enable(call).and_then(|()| ok(Done {})),
        "DisableKey" => keys::disable(call).and_then(|()| ok(Done {})),
        "ScheduleKeyDeletion" => keys::schedule_deletion(call).and_then(|()| ok(Done {})),
        "CancelKeyDeletion" => keys::cancel_deletion(call).and_then(|()| ok(Done {})),
        "CreateKeyVersion" => versions::create(call).map(|r| success(reply, action, r)),
        "DescribeKeyVersion" => versions::describe(call).map(|r| success(reply, action, r)),
        "ListKeyVersions" => versions::list(call).map(|r| success(reply, action, r)),
        "GetParametersForImport" => import::parameters(call).map(|r| success(reply, action, r)),
        "ImportKeyMaterial" => import::material(call).and_then(|()| ok(Done {})),
        "CreateAlias" => keys::create_alias(call).and_then(|()| ok(Done {})),
        "DeleteAlias" => keys::delete_alias(call).and_then(|()| ok(Done {})),
        "Encrypt" => crypto::encrypt(call).map(|r| success(reply, action, r)),
        "Decrypt" => crypto::decrypt(call).map(|r| success(reply, action, r)),
        _ => Err(invalid("Action")),
    }
}

/// The success of `action` carrying `result`.
fn success<T: Serialize>(reply: &Negotiated, action: &'static str, result: T) -> Response {
    reply.success(action, result).into_response()
}

/// A result with no fields: the envelope carries only the request id.
#[derive(Serialize)]
struct Done {}

/// `PageNumber` from 1 and `PageSize` 1..=100 (default 10), and how many items to skip.
fn page(params: &Params) -> Result<(u64, u64, usize), KmsError> {
    let number = params
        .number_in("PageNumber", 1..=u64::from(u32::MAX))?
        .unwrap_or(1);
    let size = params.number_in("PageSize", 1..=100)?.unwrap_or(10);
    let skip = usize::try_from((number - 1) * size).unwrap_or(usize::MAX);
    Ok((number, size, skip))
}
