//! Accounts and their AccessKeys, from `--accounts FILE` or the built-in default.
//!
//! ```toml
//! [[account]]
//! id = "1234567890123456"      # written into ARNs and `Creator`
//! state = "normal"             # see `AccountState`
//! key_quota = 1000             # optional: keys this account may hold (`Rejected.LimitExceeded`)
//! byte_quota = 1048576         # optional: bytes its keys may take, counted as `store` counts them
//!
//! [[account.access_key]]
//! id = "LTAI..."               # the AccessKey id clients sign with
//! secret = "..."
//! enabled = true               # optional, default true; false: `Forbidden.AccessKey`
//! actions = ["*"]              # optional, default every action; else `Forbidden.NoPermission`
//! ```

use std::collections::HashMap;

use serde::Deserialize;

use super::errors::{Code, KmsError, kms};

/// The built-in accounts: one account, one AccessKey, every action. The pair is public on
/// purpose, so that `cargo run` and the demo client work with no flags; never use it
/// anywhere else.
pub const DEFAULT_ACCOUNTS: &str = r#"
[[account]]
id = "1234567890123456"

[[account.access_key]]
id = "LTAIerrcatDemoKeyId"
secret = "errcat-demo-secret"
"#;

/// The AccessKey id of [`DEFAULT_ACCOUNTS`].
pub const DEMO_ACCESS_KEY_ID: &str = "LTAIerrcatDemoKeyId";
/// The AccessKey secret of [`DEFAULT_ACCOUNTS`].
pub const DEMO_ACCESS_KEY_SECRET: &str = "errcat-demo-secret";

/// What an account may do, as KMS's billing and risk systems see it. Every state but
/// `Normal` refuses every request with its own `Forbidden.*` code.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum AccountState {
    #[default]
    Normal,
    KmsNotEnabled,
    InDebt,
    InDebtOverdue,
    ProhibitedByRiskControl,
    InvalidUbsmsUserId,
    InvalidUbsmsPartnerId,
}

impl AccountState {
    /// `Ok` for a normal account, else the code that refuses its requests.
    pub fn check(self) -> Result<(), KmsError> {
        let code = match self {
            AccountState::Normal => return Ok(()),
            AccountState::KmsNotEnabled => Code::ForbiddenKmsServiceNotEnabled,
            AccountState::InDebt => Code::ForbiddenInDebt,
            AccountState::InDebtOverdue => Code::ForbiddenInDebtOverdue,
            AccountState::ProhibitedByRiskControl => Code::ForbiddenProhibitedByRiskControl,
            AccountState::InvalidUbsmsUserId => Code::ForbiddenUbsmsInvalidUserid,
            AccountState::InvalidUbsmsPartnerId => Code::ForbiddenUbsmsInvalidBid,
        };
        Err(kms(code))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    account: Vec<AccountEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AccountEntry {
    id: String,
    #[serde(default)]
    state: AccountState,
    key_quota: Option<usize>,
    byte_quota: Option<usize>,
    #[serde(default)]
    access_key: Vec<AccessKeyEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AccessKeyEntry {
    id: String,
    secret: String,
    #[serde(default = "yes")]
    enabled: bool,
    actions: Option<Vec<String>>,
}

fn yes() -> bool {
    true
}

/// An account: its id, state and quotas.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    pub id: String,
    pub state: AccountState,
    pub key_quota: Option<usize>,
    pub byte_quota: Option<usize>,
}

/// An AccessKey and the account it belongs to (an index into [`Accounts::accounts`]).
#[derive(Clone, Debug)]
pub struct AccessKey {
    pub id: String,
    pub secret: String,
    pub enabled: bool,
    /// The actions it may call; `None`: all of them.
    pub actions: Option<Vec<String>>,
    pub account: usize,
}

impl AccessKey {
    /// `Forbidden.NoPermission` unless this key may call `action`.
    pub fn check_action(&self, action: &str) -> Result<(), KmsError> {
        let allowed = self
            .actions
            .as_ref()
            .is_none_or(|actions| actions.iter().any(|a| a == "*" || a == action));
        allowed
            .then_some(())
            .ok_or_else(|| kms(Code::ForbiddenNoPermission))
    }
}

/// Every account and AccessKey the server knows.
#[derive(Clone, Debug)]
pub struct Accounts {
    pub accounts: Vec<Account>,
    keys: HashMap<String, AccessKey>,
}

impl Accounts {
    /// Reads the TOML above; `what` names the source in messages. Each account needs a
    /// unique id, each AccessKey a unique id and a non-empty secret.
    pub fn parse(text: &str, what: &str) -> Result<Accounts, String> {
        let file: File = toml::from_str(text).map_err(|e| format!("{what}: {e}"))?;
        let mut accounts = Accounts {
            accounts: Vec::new(),
            keys: HashMap::new(),
        };
        for entry in file.account {
            accounts.add(entry).map_err(|e| format!("{what}: {e}"))?;
        }
        if accounts.keys.is_empty() {
            return Err(format!("{what}: no AccessKey: no request could be signed"));
        }
        Ok(accounts)
    }

    fn add(&mut self, entry: AccountEntry) -> Result<(), String> {
        if self.accounts.iter().any(|a| a.id == entry.id) {
            return Err(format!("account `{}` is listed twice", entry.id));
        }
        let index = self.accounts.len();
        for key in entry.access_key {
            if key.secret.is_empty() {
                return Err(format!("AccessKey `{}` has an empty secret", key.id));
            }
            let access_key = AccessKey {
                id: key.id.clone(),
                secret: key.secret,
                enabled: key.enabled,
                actions: key.actions,
                account: index,
            };
            if self.keys.insert(key.id.clone(), access_key).is_some() {
                return Err(format!("AccessKey `{}` is listed twice", key.id));
            }
        }
        self.accounts.push(Account {
            id: entry.id,
            state: entry.state,
            key_quota: entry.key_quota,
            byte_quota: entry.byte_quota,
        });
        Ok(())
    }

    /// The built-in accounts ([`DEFAULT_ACCOUNTS`]).
    pub fn builtin() -> Accounts {
        Accounts::parse(DEFAULT_ACCOUNTS, "built-in accounts").expect("valid built-in accounts")
    }

    /// The AccessKey with this id, or `InvalidAccessKeyId.NotFound`.
    pub fn access_key(&self, id: &str) -> Result<&AccessKey, KmsError> {
        self.keys
            .get(id)
            .ok_or_else(|| kms(Code::InvalidAccessKeyIdNotFound))
    }
}
