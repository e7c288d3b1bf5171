//! The in-memory key store: keys of every account, their versions, states and aliases, and
//! every rule that can refuse a request with a catalog error. Nothing here knows about HTTP.
//!
//! Key states and the changes allowed between them:
//!
//! ```text
//! (Origin=EXTERNAL) PendingImport ──ImportKeyMaterial──► Enabled
//! Enabled ──DisableKey──► Disabled ──EnableKey──► Enabled
//! Enabled | Disabled | PendingImport ──ScheduleKeyDeletion──► PendingDeletion
//! PendingDeletion ──CancelKeyDeletion──► Enabled (PendingImport without key material)
//! ```
//!
//! Any other change is `Rejected.StateModifiedFailed`, but for a key waiting for its
//! material, which is `Rejected.PendingImport`. Each account sees only its own keys and
//! aliases: another account's key id is `Forbidden.KeyNotFound`.

pub mod import;
pub mod quota;

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use self::import::ImportToken;
use self::quota::{ALIAS_BYTES, KEY_BYTES, Ledger, Quota, StoreLimits, VERSION_BYTES};
use super::clock;
use super::errors::{Code, KmsError, kms};

/// A key's state, spelled as KMS spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyState {
    Enabled,
    Disabled,
    PendingDeletion,
    PendingImport,
}

impl KeyState {
    pub fn as_str(self) -> &'static str {
        match self {
            KeyState::Enabled => "Enabled",
            KeyState::Disabled => "Disabled",
            KeyState::PendingDeletion => "PendingDeletion",
            KeyState::PendingImport => "PendingImport",
        }
    }

    /// The error for using a key in this state, `Ok` when it is enabled.
    pub fn check_usable(self) -> Result<(), KmsError> {
        match self {
            KeyState::Enabled => Ok(()),
            KeyState::Disabled => Err(kms(Code::RejectedDisabled)),
            KeyState::PendingDeletion => Err(kms(Code::RejectedPendingDeletion)),
            KeyState::PendingImport => Err(kms(Code::RejectedPendingImport)),
        }
    }
}

/// Where a key's material comes from: KMS, or imported by its owner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    AliyunKms,
    External,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::AliyunKms => "Aliyun_KMS",
            Origin::External => "EXTERNAL",
        }
    }
}

/// What `CreateKey` was asked for; the parameters are checked by the caller.
pub struct NewKey {
    pub description: String,
    pub usage: &'static str,
    pub spec: &'static str,
    pub origin: Origin,
    pub protection_level: &'static str,
}

/// One version of a key's material.
#[derive(Clone, Debug)]
pub struct Version {
    pub id: String,
    pub creation_date: String,
}

/// One key with its metadata.
#[derive(Clone, Debug)]
pub struct Key {
    pub id: String,
    pub arn: String,
    pub account: usize,
    pub creator: String,
    pub description: String,
    pub usage: &'static str,
    pub spec: &'static str,
    pub origin: Origin,
    pub protection_level: &'static str,
    pub state: KeyState,
    pub creation_date: String,
    pub delete_date: Option<String>,
    /// Oldest first; the last one is the primary version.
    pub versions: Vec<Version>,
    /// The import token handed out last, for an `EXTERNAL` key.
    pub import: Option<ImportToken>,
    /// Whether the key has material: always, unless `EXTERNAL` and not imported yet.
    pub has_material: bool,
}

impl Key {
    /// The version new ciphertexts are made with.
    pub fn primary_version(&self) -> &Version {
        self.versions.last().expect("every key has a version")
    }

    /// The version `id`, or `Forbidden.KeyVersionNotFound`.
    pub fn version(&self, id: &str) -> Result<&Version, KmsError> {
        self.versions
            .iter()
            .find(|v| v.id == id)
            .ok_or_else(|| kms(Code::ForbiddenKeyVersionNotFound))
    }

    /// The bytes this key is counted for, see [`quota`].
    fn bytes(&self) -> usize {
        KEY_BYTES + self.description.len() + VERSION_BYTES * self.versions.len()
    }
}

/// Who asks: the account an AccessKey belongs to.
#[derive(Clone, Copy, Debug)]
pub struct Owner<'a> {
    pub index: usize,
    pub id: &'a str,
}

/// Keys in creation order, aliases per account, and what they take.
#[derive(Debug)]
pub struct Store {
    keys: Vec<Key>,
    by_id: HashMap<String, usize>,
    /// (account, `alias/...`) → key id.
    aliases: BTreeMap<(usize, String), String>,
    ledger: Ledger,
    region: String,
    /// How long an import token lasts.
    pub import_token_ttl: Duration,
}

impl Store {
    /// An empty store for accounts with these quotas (in account order).
    pub fn new(
        limits: StoreLimits,
        quotas: impl IntoIterator<Item = Quota>,
        region: &str,
        import_token_ttl: Duration,
    ) -> Store {
        Store {
            keys: Vec::new(),
            by_id: HashMap::new(),
            aliases: BTreeMap::new(),
            ledger: Ledger::new(limits, quotas),
            region: region.to_owned(),
            import_token_ttl,
        }
    }

    /// What is held and the limits on it.
    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    /// A new key with one version: `Enabled`, or `PendingImport` for an `EXTERNAL` one.
    pub fn create_key(&mut self, owner: Owner<'_>, new: NewKey) -> Result<&Key, KmsError> {
        let id = uuid::Uuid::new_v4().to_string();
        let external = new.origin == Origin::External;
        let key = Key {
            arn: format!("acs:kms:{}:{}:key/{id}", self.region, owner.id),
            id: id.clone(),
            account: owner.index,
            creator: owner.id.to_owned(),
            description: new.description,
            usage: new.usage,
            spec: new.spec,
            origin: new.origin,
            protection_level: new.protection_level,
            state: if external {
                KeyState::PendingImport
            } else {
                KeyState::Enabled
            },
            creation_date: clock::now(),
            delete_date: None,
            versions: vec![new_version()],
            import: None,
            has_material: !external,
        };
        self.ledger.charge(owner.index, 1, key.bytes())?;
        self.by_id.insert(id, self.keys.len());
        self.keys.push(key);
        Ok(&self.keys[self.keys.len() - 1])
    }

    /// The owner's keys, in creation order.
    pub fn keys<'s>(&'s self, owner: Owner<'_>) -> impl Iterator<Item = &'s Key> + 's {
        let account = owner.index;
        self.keys.iter().filter(move |k| k.account == account)
    }

    /// The key a `KeyId` parameter names: a key id, a key ARN, or an alias (`alias/...`).
    pub fn key(&self, owner: Owner<'_>, key_id: &str) -> Result<&Key, KmsError> {
        let index = self.index(owner, key_id)?;
        Ok(&self.keys[index])
    }

    /// The key, for a change.
    pub fn key_mut(&mut self, owner: Owner<'_>, key_id: &str) -> Result<&mut Key, KmsError> {
        let index = self.index(owner, key_id)?;
        Ok(&mut self.keys[index])
    }

    fn index(&self, owner: Owner<'_>, key_id: &str) -> Result<usize, KmsError> {
        let id = if key_id.starts_with("alias/") {
            self.aliases
                .get(&(owner.index, key_id.to_owned()))
                .ok_or_else(|| kms(Code::ForbiddenAliasNotFound))?
        } else {
            key_id.rsplit_once(":key/").map_or(key_id, |(_, id)| id)
        };
        self.by_id
            .get(id)
            .copied()
            .filter(|&i| self.keys[i].account == owner.index)
            .ok_or_else(|| kms(Code::ForbiddenKeyNotFound))
    }

    pub fn enable(&mut self, owner: Owner<'_>, key_id: &str) -> Result<(), KmsError> {
        let from = [KeyState::Enabled, KeyState::Disabled];
        self.change_state(owner, key_id, &from, KeyState::Enabled)
    }

    pub fn disable(&mut self, owner: Owner<'_>, key_id: &str) -> Result<(), KmsError> {
        let from = [KeyState::Enabled, KeyState::Disabled];
        self.change_state(owner, key_id, &from, KeyState::Disabled)
    }

    pub fn schedule_deletion(
        &mut self,
        owner: Owner<'_>,
        key_id: &str,
        days: u64,
    ) -> Result<(), KmsError> {
        let from = [
            KeyState::Enabled,
            KeyState::Disabled,
            KeyState::PendingImport,
        ];
        self.change_state(owner, key_id, &from, KeyState::PendingDeletion)?;
        self.key_mut(owner, key_id)?.delete_date = Some(clock::days_from_now(days));
        Ok(())
    }

    pub fn cancel_deletion(&mut self, owner: Owner<'_>, key_id: &str) -> Result<(), KmsError> {
        let has_material = self.key(owner, key_id)?.has_material;
        let to = if has_material {
            KeyState::Enabled
        } else {
            KeyState::PendingImport
        };
        self.change_state(owner, key_id, &[KeyState::PendingDeletion], to)?;
        self.key_mut(owner, key_id)?.delete_date = None;
        Ok(())
    }

    /// Moves the key to `to` if its state is one of `from`, else `Rejected.PendingImport`
    /// for a key waiting for material and `Rejected.StateModifiedFailed` for any other.
    fn change_state(
        &mut self,
        owner: Owner<'_>,
        key_id: &str,
        from: &[KeyState],
        to: KeyState,
    ) -> Result<(), KmsError> {
        let key = self.key_mut(owner, key_id)?;
        if !from.contains(&key.state) {
            return Err(match key.state {
                KeyState::PendingImport => kms(Code::RejectedPendingImport),
                _ => kms(Code::RejectedStateModifiedFailed),
            });
        }
        key.state = to;
        Ok(())
    }

    /// A new primary version for an enabled key KMS made (`CreateKeyVersion`): imported
    /// material cannot be rotated by KMS, so an `EXTERNAL` key is `Unsupported.Origin`.
    pub fn create_version(&mut self, owner: Owner<'_>, key_id: &str) -> Result<&Version, KmsError> {
        let max_versions = self.ledger.limits.max_versions;
        let key = self.key(owner, key_id)?;
        if key.origin == Origin::External {
            return Err(kms(Code::UnsupportedOrigin));
        }
        key.state.check_usable()?;
        if key.versions.len() >= max_versions {
            return Err(kms(Code::RejectedLimitExceeded));
        }
        self.ledger.charge(owner.index, 0, VERSION_BYTES)?;
        let key = self.key_mut(owner, key_id)?;
        key.versions.push(new_version());
        Ok(key.primary_version())
    }

    /// Points `alias` (already checked to be `alias/...`) at the key `key_id` names, which
    /// must be a key id or ARN: an alias of an alias is `Unsupported.Alias`.
    pub fn create_alias(
        &mut self,
        owner: Owner<'_>,
        alias: &str,
        key_id: &str,
    ) -> Result<(), KmsError> {
        if key_id.starts_with("alias/") {
            return Err(kms(Code::UnsupportedAlias));
        }
        let id = self.key(owner, key_id)?.id.clone();
        let entry = (owner.index, alias.to_owned());
        if self.aliases.contains_key(&entry) {
            return Err(kms(Code::AliasAlreadyExists));
        }
        self.ledger
            .charge(owner.index, 0, ALIAS_BYTES + alias.len())?;
        self.aliases.insert(entry, id);
        Ok(())
    }

    pub fn delete_alias(&mut self, owner: Owner<'_>, alias: &str) -> Result<(), KmsError> {
        self.aliases
            .remove(&(owner.index, alias.to_owned()))
            .ok_or_else(|| kms(Code::ForbiddenAliasNotFound))?;
        self.ledger
            .refund(owner.index, 0, ALIAS_BYTES + alias.len());
        Ok(())
    }
}

fn new_version() -> Version {
    Version {
        id: uuid::Uuid::new_v4().to_string(),
        creation_date: clock::now(),
    }
}
