//! The TOML front-end: `errors.toml` text → [`Catalog`], with a span on every value.
//!
//! This stage knows TOML: syntax errors, unknown keys, missing keys and wrong value types are
//! reported here. What a value means (a status in range, a well-formed code) is `check`'s job.

use toml::Spanned as TomlSpanned;
use toml::de::{DeArray, DeTable, DeValue};

use crate::diag::{Diagnostics, Span, Spanned};
use crate::model::{Catalog, Entry, MAX_CATALOG_BYTES};
use crate::schema::{ENTRY_KEYS, SERVICE_KEYS};
use crate::suggest;

/// The keys of the top-level table.
const ROOT_KEYS: &[&str] = &["service", "error"];

/// Reads a catalog from TOML source, reporting every problem this stage can see; `None` after
/// a TOML syntax error (the rest of the file cannot be trusted then).
pub fn parse(source: &str, diags: &mut Diagnostics) -> Option<Catalog> {
    if too_large(source, diags) {
        return None;
    }
    let (root, errors) = DeTable::parse_recoverable(source);
    if !errors.is_empty() {
        // After a syntax error the recovered tree is a guess: report the syntax only.
        for error in errors {
            let span = error.span().map_or(Span::FILE_START, Span::text);
            diags.error(
                span,
                format!("invalid TOML: {}", error.message().trim_end_matches('\n')),
            );
        }
        return None;
    }
    let root = root.into_inner();
    unknown_keys(&root, ROOT_KEYS, "at the top level", diags);
    let mut catalog = Catalog::default();
    match root.get("service") {
        Some(value) => service(value, &mut catalog, diags),
        None => {
            diags.error(Span::FILE_START, "missing [service] section; add `[service]` with `name = \"...\"`, the service's name");
        }
    }
    catalog.entries = match root.get("error") {
        Some(value) => error_array(value, diags),
        None => {
            // An empty enum would be useless (and zero-sized).
            diags.error(
                Span::FILE_START,
                "the catalog has no codes; add an [[error]] entry",
            );
            Vec::new()
        }
    };
    Some(catalog)
}

/// A catalog larger than [`MAX_CATALOG_BYTES`] is refused before it is parsed, at the
/// first byte past the limit.
fn too_large(source: &str, diags: &mut Diagnostics) -> bool {
    if source.len() <= MAX_CATALOG_BYTES {
        return false;
    }
    let at = (0..=MAX_CATALOG_BYTES)
        .rev()
        .find(|&at| source.is_char_boundary(at))
        .unwrap_or(0);
    diags.error(
        Span::text(at..at),
        format!(
            "the catalog is {} bytes; at most {MAX_CATALOG_BYTES} (16 MiB) are supported",
            source.len()
        ),
    );
    true
}

/// `[service]`: a table with a string `name`, and optional strings `dialect`, `host` and
/// `docs`.
fn service(value: &TomlSpanned<DeValue<'_>>, catalog: &mut Catalog, diags: &mut Diagnostics) {
    let Some(table) = table(value, "[service]", diags) else {
        return;
    };
    let typos = unknown_keys(table, SERVICE_KEYS, "in [service]", diags);
    let name = required(table, "name", span_of(value), "[service]", &typos, diags);
    catalog.service = name.and_then(|name| string(name, "name", diags));
    let mut optional = |key: &str| table.get(key).and_then(|v| string(v, key, diags));
    catalog.dialect = optional("dialect");
    catalog.host = optional("host");
    catalog.docs = optional("docs");
}

/// `[[error]]`: an array of tables.
fn error_array(value: &TomlSpanned<DeValue<'_>>, diags: &mut Diagnostics) -> Vec<Entry> {
    let DeValue::Array(items) = value.get_ref() else {
        let found = type_name(value.get_ref());
        diags.error(
            span_of(value),
            format!("`error` must be an array of [[error]] tables, found {found}"),
        );
        return Vec::new();
    };
    if items.is_empty() {
        diags.error(
            span_of(value),
            "the catalog has no codes; add an [[error]] entry",
        );
    }
    entries(items, diags)
}

fn entries(items: &DeArray<'_>, diags: &mut Diagnostics) -> Vec<Entry> {
    items.iter().filter_map(|item| entry(item, diags)).collect()
}

/// One `[[error]]` table (`None` if it is not a table). A missing or mistyped key is reported
/// here and left `None`, so `check` still sees the entry's other keys.
fn entry(value: &TomlSpanned<DeValue<'_>>, diags: &mut Diagnostics) -> Option<Entry> {
    let table = table(value, "[[error]]", diags)?;
    let span = span_of(value);
    let typos = unknown_keys(table, ENTRY_KEYS, "in [[error]]", diags);
    let mut required = |key| required(table, key, span, "[[error]]", &typos, diags);
    let (code, status, message) = (required("code"), required("status"), required("message"));
    let code = code.and_then(|v| string(v, "code", diags));
    let status = status.and_then(|v| integer(v, "status", diags));
    let message = message.and_then(|v| string(v, "message", diags));
    let mut optional = |key: &str| table.get(key).and_then(|v| string(v, key, diags));
    let description = optional("description");
    let retry = optional("retry");
    let variant = optional("variant");
    let deprecated = optional("deprecated");
    Some(Entry {
        span,
        code,
        status,
        message,
        description,
        retry,
        variant,
        deprecated,
    })
}

/// A table allows only its own keys: a typo like `stauts` is an error naming the key, the
/// likely fix, and the keys allowed.
/// Returns the keys it suggested, so a misspelled required key is not also reported missing.
fn unknown_keys(
    table: &DeTable<'_>,
    allowed: &[&'static str],
    place: &str,
    diags: &mut Diagnostics,
) -> Vec<&'static str> {
    let mut suggested = Vec::new();
    for key in table.keys() {
        let name = key.get_ref().as_ref();
        if allowed.contains(&name) {
            continue;
        }
        let fix = suggest::closest(name, allowed.iter().copied());
        suggested.extend(fix);
        let hint = fix.map_or_else(String::new, |fix| format!("did you mean `{fix}`? "));
        let list = allowed
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        diags.error(
            span_of(key),
            format!("unknown key `{name}` {place}; {hint}allowed keys: {list}"),
        );
    }
    suggested
}

/// A required key, or a report at the table's header naming it (unless an unknown key was
/// already reported as its misspelling: `stauts`, "did you mean `status`?").
fn required<'t, 'i>(
    table: &'t DeTable<'i>,
    key: &str,
    header: Span,
    place: &str,
    misspelled: &[&str],
    diags: &mut Diagnostics,
) -> Option<&'t TomlSpanned<DeValue<'i>>> {
    let value = table.get(key);
    if value.is_none() && !misspelled.contains(&key) {
        diags.error(header, format!("missing key `{key}` in {place}"));
    }
    value
}

fn table<'t, 'i>(
    value: &'t TomlSpanned<DeValue<'i>>,
    what: &str,
    diags: &mut Diagnostics,
) -> Option<&'t DeTable<'i>> {
    match value.get_ref() {
        DeValue::Table(table) => Some(table),
        other => {
            diags.error(
                span_of(value),
                format!("{what} must be a table, found {}", type_name(other)),
            );
            None
        }
    }
}

fn string(
    value: &TomlSpanned<DeValue<'_>>,
    key: &str,
    diags: &mut Diagnostics,
) -> Option<Spanned<String>> {
    match value.get_ref() {
        DeValue::String(s) => Some(Spanned::new(s.to_string(), span_of(value))),
        other => {
            diags.error(
                span_of(value),
                format!("`{key}` must be a string, found {}", type_name(other)),
            );
            None
        }
    }
}

fn integer(
    value: &TomlSpanned<DeValue<'_>>,
    key: &str,
    diags: &mut Diagnostics,
) -> Option<Spanned<i64>> {
    let parsed = match value.get_ref() {
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
        _ => None,
    };
    if parsed.is_none() {
        let found = match value.get_ref() {
            DeValue::Integer(i) => format!("`{i}`, which does not fit in 64 bits"),
            other => type_name(other).to_owned(),
        };
        diags.error(
            span_of(value),
            format!("`{key}` must be an integer, found {found}"),
        );
    }
    parsed.map(|n| Spanned::new(n, span_of(value)))
}

fn span_of<T>(value: &TomlSpanned<T>) -> Span {
    Span::text(value.span())
}

fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a datetime",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}
