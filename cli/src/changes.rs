//! What changed between two versions of a catalog, each change classified as breaking or
//! compatible for clients.
//!
//! Breaking: a client built against the old catalog may now misbehave or fail to compile.
//! Compatible: old clients keep working; only documentation or advice changed, or there is
//! more to know.
//!
//! | change | class | why |
//! |---|---|---|
//! | code removed | breaking | clients matching it never see it again; its variant is gone |
//! | status changed | breaking | clients branch on the status line |
//! | placeholders added, removed, renamed or reordered | breaking | the typed constructor's arguments change |
//! | variant renamed | breaking | Rust code naming the variant stops compiling |
//! | dialect changed | breaking | every envelope changes shape: fields, XML root, content types, request id header |
//! | service renamed | breaking in `kms` | it is the root element of every XML envelope there; elsewhere only the docs name it |
//! | docs URL changed, added or removed | breaking in `pop` and `problem` | it is each code's `Recommend` (`pop`) or problem `type` (`problem`) on the wire; `kms` envelopes do not carry it |
//! | host changed | compatible | only the docs' example envelopes carry it; a server sets the host id it sends |
//! | code added | compatible | old clients keep it whole as an unknown code |
//! | message reworded | compatible | messages are for people, codes for programs |
//! | deprecation added, changed or removed | compatible | the code still exists |
//! | retry or description changed | compatible | advice, not the wire format |
//!
//! A change to `[service]` is judged in the new catalog's dialect (a dialect change is
//! reported on its own).
//!
//! Codes are matched by their exact wire code: a code whose spelling changed, even only its
//! case, is one code removed and another added.

use std::collections::HashMap;
use std::fmt;

use errcat_codegen::docs::status_line;
use errcat_codegen::{Code, Dialect, Valid};
use errcat_wire::Field;

/// The kind of a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChangeKind {
    CodeRemoved,
    StatusChanged,
    PlaceholdersChanged,
    VariantRenamed,
    DialectChanged,
    ServiceRenamed,
    DocsChanged,
    HostChanged,
    CodeAdded,
    MessageReworded,
    DeprecationChanged,
    RetryChanged,
    DescriptionChanged,
}

impl ChangeKind {
    /// The snake_case name, such as `status_changed`: stable, for machine-readable output.
    pub fn name(self) -> &'static str {
        match self {
            ChangeKind::CodeRemoved => "code_removed",
            ChangeKind::StatusChanged => "status_changed",
            ChangeKind::PlaceholdersChanged => "placeholders_changed",
            ChangeKind::VariantRenamed => "variant_renamed",
            ChangeKind::DialectChanged => "dialect_changed",
            ChangeKind::ServiceRenamed => "service_renamed",
            ChangeKind::DocsChanged => "docs_changed",
            ChangeKind::HostChanged => "host_changed",
            ChangeKind::CodeAdded => "code_added",
            ChangeKind::MessageReworded => "message_reworded",
            ChangeKind::DeprecationChanged => "deprecation_changed",
            ChangeKind::RetryChanged => "retry_changed",
            ChangeKind::DescriptionChanged => "description_changed",
        }
    }
}

/// One change between two catalogs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub kind: ChangeKind,
    /// Whether a client built against the old catalog may break.
    pub breaking: bool,
    /// The wire code it concerns; `None` for a change to `[service]`.
    pub code: Option<String>,
    /// What it says in words, such as `status changed from 404 Not Found to 400 Bad Request`.
    pub detail: String,
}

impl Change {
    /// A change to `code`, of a kind that is always breaking or always compatible.
    fn new(kind: ChangeKind, code: Option<&Code>, detail: String) -> Change {
        let breaking = matches!(
            kind,
            ChangeKind::CodeRemoved
                | ChangeKind::StatusChanged
                | ChangeKind::PlaceholdersChanged
                | ChangeKind::VariantRenamed
        );
        Change {
            kind,
            breaking,
            code: code.map(|c| c.code.clone()),
            detail,
        }
    }

    /// A change to `[service]`, breaking when it changes what the new catalog sends.
    fn service(kind: ChangeKind, breaking: bool, detail: String) -> Change {
        Change {
            kind,
            breaking,
            code: None,
            detail,
        }
    }

    /// Whether a client built against the old catalog may break.
    pub fn is_breaking(&self) -> bool {
        self.breaking
    }

    /// `breaking` or `compatible`.
    pub fn class(&self) -> &'static str {
        if self.is_breaking() {
            "breaking"
        } else {
            "compatible"
        }
    }

    /// What changed, without the class: `Forbidden.KeyNotFound: status changed from ...`.
    pub fn subject(&self) -> String {
        match &self.code {
            Some(code) => format!("{code}: {}", self.detail),
            None => self.detail.clone(),
        }
    }
}

/// `breaking: Forbidden.KeyNotFound: status changed from 404 Not Found to 400 Bad Request`
impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.class(), self.subject())
    }
}

/// Every change from `old` to `new`: breaking changes first, then compatible ones; within
/// each, in the order of the old catalog, then codes added in the order of the new one.
pub fn diff(old: &Valid, new: &Valid) -> Vec<Change> {
    let mut changes = service_changes(old, new);
    // Indexed by code: a search per code would be quadratic in the catalogs' size.
    let old_by_code: HashMap<&str, &Code> =
        old.codes.iter().map(|c| (c.code.as_str(), c)).collect();
    let new_by_code: HashMap<&str, &Code> =
        new.codes.iter().map(|c| (c.code.as_str(), c)).collect();
    for before in &old.codes {
        match new_by_code.get(before.code.as_str()) {
            Some(after) => changes.extend(code_changes(before, after)),
            None => changes.push(Change::new(
                ChangeKind::CodeRemoved,
                Some(before),
                format!(
                    "code removed (was {}); deprecate codes instead of removing them",
                    status_line(before.status)
                ),
            )),
        }
    }
    for after in &new.codes {
        if !old_by_code.contains_key(after.code.as_str()) {
            changes.push(Change::new(
                ChangeKind::CodeAdded,
                Some(after),
                format!("code added ({})", status_line(after.status)),
            ));
        }
    }
    // Stable: the order within each class is kept.
    changes.sort_by_key(|change| !change.is_breaking());
    changes
}

/// The changes to `[service]`, each judged in the new catalog's dialect: what it changes on
/// the wire there.
fn service_changes(old: &Valid, new: &Valid) -> Vec<Change> {
    let dialect = new.dialect;
    let mut changes = Vec::new();
    if old.dialect != dialect {
        changes.push(Change::service(
            ChangeKind::DialectChanged,
            true,
            format!(
                "dialect changed from `{}` to `{}` (every error envelope changes shape: its \
                 fields, XML root, content types and request id header)",
                old.dialect.name(),
                dialect.name()
            ),
        ));
    }
    if old.service != new.service {
        let root = dialect.xml_root(&new.service);
        let on_wire = root != dialect.xml_root(&old.service);
        let why = if on_wire {
            "the root element of XML envelopes".to_owned()
        } else {
            format!(
                "only in the docs: `{}` envelopes have the root `{root}`",
                dialect.name()
            )
        };
        changes.push(Change::service(
            ChangeKind::ServiceRenamed,
            on_wire,
            format!(
                "service renamed from `{}` to `{}` ({why})",
                old.service, new.service
            ),
        ));
    }
    if old.docs != new.docs {
        let field = docs_field(dialect);
        let why = match field {
            Some(field) => format!("each code's `{field}` on the wire"),
            None => format!(
                "only in the docs: `{}` envelopes do not carry it",
                dialect.name()
            ),
        };
        changes.push(Change::service(
            ChangeKind::DocsChanged,
            field.is_some(),
            format!(
                "docs URL changed from {} to {} ({why})",
                shown(old.docs.as_deref()),
                shown(new.docs.as_deref())
            ),
        ));
    }
    if old.host != new.host {
        changes.push(Change::service(
            ChangeKind::HostChanged,
            false,
            format!(
                "host changed from {} to {} (only in the docs' example envelopes: a server sets \
                 the host id it sends)",
                shown(old.host.as_deref()),
                shown(new.host.as_deref())
            ),
        ));
    }
    changes
}

/// The field of `dialect`'s envelopes that carries a code's docs URL, if any: `Recommend`
/// (`pop`), `type` (`problem`).
fn docs_field(dialect: Dialect) -> Option<&'static str> {
    let fields = dialect.error_fields().iter();
    fields
        .filter(|(_, field)| matches!(field, Field::Recommend | Field::Type))
        .map(|&(name, _)| name)
        .next()
}

/// `` `value` ``, or `none`.
fn shown(value: Option<&str>) -> String {
    value.map_or_else(|| "none".to_owned(), |value| format!("`{value}`"))
}

/// The changes to one code present in both catalogs.
fn code_changes(old: &Code, new: &Code) -> Vec<Change> {
    let mut changes = Vec::new();
    let mut push = |kind, detail| changes.push(Change::new(kind, Some(new), detail));
    if old.status != new.status {
        push(
            ChangeKind::StatusChanged,
            format!(
                "status changed from {} to {}",
                status_line(old.status),
                status_line(new.status)
            ),
        );
    }
    if let Some(detail) =
        placeholder_change(&old.message.placeholders(), &new.message.placeholders())
    {
        push(ChangeKind::PlaceholdersChanged, detail);
    }
    if old.variant != new.variant {
        push(
            ChangeKind::VariantRenamed,
            format!(
                "variant renamed from `{}` to `{}`",
                old.variant, new.variant
            ),
        );
    }
    if old.message.source != new.message.source {
        push(
            ChangeKind::MessageReworded,
            format!(
                "message changed from {:?} to {:?}",
                old.message.display(),
                new.message.display()
            ),
        );
    }
    if let Some(detail) = deprecation_change(old.deprecated.as_deref(), new.deprecated.as_deref()) {
        push(ChangeKind::DeprecationChanged, detail);
    }
    if old.retry != new.retry {
        push(
            ChangeKind::RetryChanged,
            format!("retry changed from {} to {}", old.retry, new.retry),
        );
    }
    if old.description != new.description {
        push(
            ChangeKind::DescriptionChanged,
            "description changed".to_owned(),
        );
    }
    changes
}

/// How the placeholder list changed, if it did. Their order matters: it is the order of the
/// typed constructor's arguments, so `{a}..{b}` becoming `{b}..{a}` swaps what callers pass.
fn placeholder_change(old: &[&str], new: &[&str]) -> Option<String> {
    if old == new {
        return None;
    }
    let removed: Vec<&str> = old.iter().copied().filter(|p| !new.contains(p)).collect();
    let added: Vec<&str> = new.iter().copied().filter(|p| !old.contains(p)).collect();
    let detail = match (removed.as_slice(), added.as_slice()) {
        ([], []) => format!("placeholders reordered from {} to {}", list(old), list(new)),
        ([from], [to]) => format!("placeholder `{from}` renamed to `{to}`"),
        ([], _) => format!("placeholder added: {}", list(&added)),
        (_, []) => format!("placeholder removed: {}", list(&removed)),
        _ => format!(
            "placeholders removed: {}; added: {}",
            list(&removed),
            list(&added)
        ),
    };
    Some(detail)
}

/// How the deprecation changed, if it did.
fn deprecation_change(old: Option<&str>, new: Option<&str>) -> Option<String> {
    match (old, new) {
        (None, Some(reason)) => Some(format!("code deprecated: {reason}")),
        (Some(_), None) => Some("no longer deprecated".to_owned()),
        (Some(a), Some(b)) if a != b => Some(format!("deprecation reason changed to: {b}")),
        _ => None,
    }
}

/// `` `a`, `b` `` (or `none`).
fn list(names: &[&str]) -> String {
    if names.is_empty() {
        return "none".to_owned();
    }
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    quoted.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_changes_are_named() {
        assert_eq!(placeholder_change(&["a"], &["a"]), None);
        assert_eq!(
            placeholder_change(&["a"], &["b"]).unwrap(),
            "placeholder `a` renamed to `b`"
        );
        assert_eq!(
            placeholder_change(&["a", "b"], &["b", "a"]).unwrap(),
            "placeholders reordered from `a`, `b` to `b`, `a`"
        );
        assert_eq!(
            placeholder_change(&[], &["a"]).unwrap(),
            "placeholder added: `a`"
        );
        assert_eq!(
            placeholder_change(&["a", "b"], &["a"]).unwrap(),
            "placeholder removed: `b`"
        );
    }

    #[test]
    fn docs_are_on_the_wire_in_pop_and_problem_only() {
        assert_eq!(docs_field(Dialect::Kms), None);
        assert_eq!(docs_field(Dialect::Pop), Some("Recommend"));
        assert_eq!(docs_field(Dialect::Problem), Some("type"));
    }
}
