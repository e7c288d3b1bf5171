//! The in-memory key store: keys, their states, aliases, and every rule that can refuse a
//! request with a catalog error. Nothing here knows about HTTP.
//!
//! Key states and the changes allowed between them:
//!
//! ```text
//! Enabled ──DisableKey──► Disabled ──EnableKey──► Enabled
//! Enabled | Disabled ──ScheduleKeyDeletion──► PendingDeletion ──CancelKeyDeletion──► Enabled
//! ```
//!
//! Any other change is `Rejected.StateModifiedFailed`.

use std::collections::{BTreeMap, HashMap};

use errcat::kms::{Error, ErrorCode};

use super::clock;

/// More keys or aliases than this is `Rejected.LimitExceeded`: the store lives in memory, and
/// a client in a loop should not be able to exhaust it.
pub const MAX_KEYS: usize = 10_000;
/// See [`MAX_KEYS`].
pub const MAX_ALIASES: usize = 10_000;

/// The region written into ARNs.
const REGION: &str = "cn-errcat-demo";
/// The account written into ARNs and `Creator`.
const ACCOUNT: &str = "1234567890123456";

/// A key's state, spelled as KMS spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyState {
    Enabled,
    Disabled,
    PendingDeletion,
}

impl KeyState {
    pub fn as_str(self) -> &'static str {
        match self {
            KeyState::Enabled => "Enabled",
            KeyState::Disabled => "Disabled",
            KeyState::PendingDeletion => "PendingDeletion",
        }
    }
}

/// What `CreateKey` was asked for; the parameters are checked by the caller.
pub struct NewKey {
    pub description: String,
    pub usage: &'static str,
    pub spec: &'static str,
}

/// One key with its metadata.
#[derive(Clone, Debug)]
pub struct Key {
    pub id: String,
    pub arn: String,
    pub description: String,
    pub usage: &'static str,
    pub spec: &'static str,
    pub state: KeyState,
    pub creation_date: String,
    pub delete_date: Option<String>,
    pub version_id: String,
}

impl Key {
    pub fn creator(&self) -> &'static str {
        ACCOUNT
    }

    /// Whether the key may encrypt or decrypt now.
    pub fn check_usable(&self) -> Result<(), Error> {
        match self.state {
            KeyState::Enabled => Ok(()),
            KeyState::Disabled => Err(Error::new(ErrorCode::RejectedDisabled)),
            KeyState::PendingDeletion => Err(Error::new(ErrorCode::RejectedPendingDeletion)),
        }
    }
}

/// Keys in creation order, and aliases.
#[derive(Default)]
pub struct Store {
    keys: Vec<Key>,
    by_id: HashMap<String, usize>,
    /// `alias/...` → key id.
    aliases: BTreeMap<String, String>,
}

impl Store {
    /// A new `Enabled` key.
    pub fn create_key(&mut self, new: NewKey) -> Result<&Key, Error> {
        if self.keys.len() >= MAX_KEYS {
            return Err(Error::new(ErrorCode::RejectedLimitExceeded));
        }
        let id = uuid::Uuid::new_v4().to_string();
        let key = Key {
            arn: format!("acs:kms:{REGION}:{ACCOUNT}:key/{id}"),
            id: id.clone(),
            description: new.description,
            usage: new.usage,
            spec: new.spec,
            state: KeyState::Enabled,
            creation_date: clock::now(),
            delete_date: None,
            version_id: uuid::Uuid::new_v4().to_string(),
        };
        self.by_id.insert(id, self.keys.len());
        self.keys.push(key);
        Ok(&self.keys[self.keys.len() - 1])
    }

    /// Every key, in creation order.
    pub fn keys(&self) -> &[Key] {
        &self.keys
    }

    /// The key a `KeyId` parameter names: a key id, a key ARN, or an alias (`alias/...`).
    pub fn key(&self, key_id: &str) -> Result<&Key, Error> {
        let index = self.index(key_id)?;
        Ok(&self.keys[index])
    }

    fn index(&self, key_id: &str) -> Result<usize, Error> {
        let id = if key_id.starts_with("alias/") {
            self.aliases
                .get(key_id)
                .ok_or_else(|| Error::new(ErrorCode::ForbiddenAliasNotFound))?
        } else {
            key_id.rsplit_once(":key/").map_or(key_id, |(_, id)| id)
        };
        self.by_id
            .get(id)
            .copied()
            .ok_or_else(|| Error::new(ErrorCode::ForbiddenKeyNotFound))
    }

    pub fn enable(&mut self, key_id: &str) -> Result<(), Error> {
        self.change_state(
            key_id,
            &[KeyState::Enabled, KeyState::Disabled],
            KeyState::Enabled,
        )
    }

    pub fn disable(&mut self, key_id: &str) -> Result<(), Error> {
        self.change_state(
            key_id,
            &[KeyState::Enabled, KeyState::Disabled],
            KeyState::Disabled,
        )
    }

    pub fn schedule_deletion(&mut self, key_id: &str, days: u64) -> Result<(), Error> {
        let from = [KeyState::Enabled, KeyState::Disabled];
        self.change_state(key_id, &from, KeyState::PendingDeletion)?;
        let index = self.index(key_id)?;
        self.keys[index].delete_date = Some(clock::days_from_now(days));
        Ok(())
    }

    pub fn cancel_deletion(&mut self, key_id: &str) -> Result<(), Error> {
        self.change_state(key_id, &[KeyState::PendingDeletion], KeyState::Enabled)?;
        let index = self.index(key_id)?;
        self.keys[index].delete_date = None;
        Ok(())
    }

    /// Moves the key to `to` if its state is one of `from`, else `Rejected.StateModifiedFailed`.
    fn change_state(&mut self, key_id: &str, from: &[KeyState], to: KeyState) -> Result<(), Error> {
        let index = self.index(key_id)?;
        let key = &mut self.keys[index];
        if !from.contains(&key.state) {
            return Err(Error::new(ErrorCode::RejectedStateModifiedFailed));
        }
        key.state = to;
        Ok(())
    }

    /// Points `alias` (already checked to be `alias/...`) at the key `key_id` names.
    pub fn create_alias(&mut self, alias: &str, key_id: &str) -> Result<(), Error> {
        if key_id.starts_with("alias/") {
            return Err(Error::new(ErrorCode::UnsupportedAlias));
        }
        let index = self.index(key_id)?;
        if self.aliases.contains_key(alias) {
            return Err(Error::new(ErrorCode::AliasAlreadyExists));
        }
        if self.aliases.len() >= MAX_ALIASES {
            return Err(Error::new(ErrorCode::RejectedLimitExceeded));
        }
        let id = self.keys[index].id.clone();
        self.aliases.insert(alias.to_owned(), id);
        Ok(())
    }

    pub fn delete_alias(&mut self, alias: &str) -> Result<(), Error> {
        self.aliases
            .remove(alias)
            .map(drop)
            .ok_or_else(|| Error::new(ErrorCode::ForbiddenAliasNotFound))
    }
}
