//! What the key store holds, counted, and the limits on it: keys and bytes per account
//! (the account's quotas) and for the whole server (so that no set of accounts can
//! exhaust memory). Past any of them, a request that adds is `Rejected.LimitExceeded`.
//!
//! Bytes are counted as a key's variable fields plus a fixed amount for its fixed ones:
//! [`KEY_BYTES`] + description + [`VERSION_BYTES`] per version, and [`ALIAS_BYTES`] + the
//! name per alias. The fixed amounts are rounded up from what a key takes in memory.

use crate::app::errors::{Code, KmsError, kms};

/// A key's fixed fields: id, ARN, dates, spec strings, map entries.
pub const KEY_BYTES: usize = 512;
/// A key version: its id and date.
pub const VERSION_BYTES: usize = 128;
/// An alias's map entry, besides its name.
pub const ALIAS_BYTES: usize = 64;

/// The server-wide limits, whatever the accounts' quotas.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoreLimits {
    /// Keys, all accounts together (default 10,000).
    pub max_keys: usize,
    /// Bytes, all accounts together (default 32 MiB).
    pub max_bytes: usize,
    /// Versions of one key (default 100).
    pub max_versions: usize,
}

impl Default for StoreLimits {
    fn default() -> Self {
        StoreLimits {
            max_keys: 10_000,
            max_bytes: 32 * 1024 * 1024,
            max_versions: 100,
        }
    }
}

/// Keys and bytes held.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    pub keys: usize,
    pub bytes: usize,
}

/// An account's quotas; `None` is no quota of its own (the server's limits still apply).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Quota {
    pub keys: Option<usize>,
    pub bytes: Option<usize>,
}

/// Usage per account and in total, against the quotas and limits.
#[derive(Debug)]
pub struct Ledger {
    pub limits: StoreLimits,
    accounts: Vec<(Quota, Usage)>,
    total: Usage,
}

impl Ledger {
    pub fn new(limits: StoreLimits, quotas: impl IntoIterator<Item = Quota>) -> Ledger {
        Ledger {
            limits,
            accounts: quotas.into_iter().map(|q| (q, Usage::default())).collect(),
            total: Usage::default(),
        }
    }

    /// Records `keys` more keys and `bytes` more bytes for `account`, or refuses with
    /// `Rejected.LimitExceeded` and records nothing.
    pub fn charge(&mut self, account: usize, keys: usize, bytes: usize) -> Result<(), KmsError> {
        let (quota, usage) = self.accounts[account];
        let after = Usage {
            keys: usage.keys + keys,
            bytes: usage.bytes + bytes,
        };
        let total = Usage {
            keys: self.total.keys + keys,
            bytes: self.total.bytes + bytes,
        };
        let over = quota.keys.is_some_and(|max| after.keys > max)
            || quota.bytes.is_some_and(|max| after.bytes > max)
            || total.keys > self.limits.max_keys
            || total.bytes > self.limits.max_bytes;
        if over {
            return Err(kms(Code::RejectedLimitExceeded));
        }
        self.accounts[account].1 = after;
        self.total = total;
        Ok(())
    }

    /// Gives back what [`charge`](Ledger::charge) took.
    pub fn refund(&mut self, account: usize, keys: usize, bytes: usize) {
        let usage = &mut self.accounts[account].1;
        usage.keys -= keys;
        usage.bytes -= bytes;
        self.total.keys -= keys;
        self.total.bytes -= bytes;
    }

    /// What `account` holds.
    pub fn usage(&self, account: usize) -> Usage {
        self.accounts[account].1
    }

    /// What all accounts hold together.
    pub fn total(&self) -> Usage {
        self.total
    }
}
