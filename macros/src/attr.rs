//! The attribute grammar of the derive, the catalog file's keys (`errcat_codegen::schema`)
//! as attributes:
//!
//! ```text
//! #[catalog(service = "KMS", dialect = "kms", host = "...", docs = ".../{code}")]   the enum
//! #[errcat(code = "...", status = 404, message = "...",                            each variant
//!          description = "...", retry = "never", deprecated = "...")]
//! ```
//!
//! The variant attribute is `errcat`, not `error`, so that the same enum can derive
//! `thiserror::Error`, whose attribute `error` is. Mistakes are collected, not returned at
//! the first: one compile shows all of them.

use errcat_codegen::schema::{ENTRY_KEYS, SERVICE_KEYS};
use errcat_codegen::{Catalog, Diagnostics, Span, Spanned};
use syn::meta::ParseNestedMeta;
use syn::{Attribute, Expr, Lit};

/// The keys of `#[catalog(...)]`: `[service]`'s, with `service` for `name`.
fn catalog_keys() -> Vec<&'static str> {
    let name = |key: &&'static str| if *key == "name" { "service" } else { key };
    SERVICE_KEYS.iter().map(name).collect()
}

/// The keys of `#[errcat(...)]`: `[[error]]`'s but `variant`.
fn errcat_keys() -> Vec<&'static str> {
    ENTRY_KEYS
        .iter()
        .copied()
        .filter(|k| *k != "variant")
        .collect()
}

/// The values of one `#[errcat(...)]`, as written.
#[derive(Default)]
pub struct ErrorAttr {
    pub code: Option<Spanned<String>>,
    pub status: Option<Spanned<i64>>,
    pub message: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
    pub retry: Option<Spanned<String>>,
    pub deprecated: Option<Spanned<String>>,
    /// Every key written, valid or not: a key given a wrong value is not also "missing".
    pub written: Vec<String>,
}

/// The service-level keys of `#[catalog(...)]`, into `catalog`.
pub fn catalog(attrs: &[Attribute], catalog: &mut Catalog, diags: &mut Diagnostics) {
    let allowed = catalog_keys();
    for attr in attrs.iter().filter(|a| a.path().is_ident("catalog")) {
        nested(attr, diags, |meta, diags| {
            let slot = match key(&meta, &allowed, diags)?.as_str() {
                "service" => &mut catalog.service,
                "dialect" => &mut catalog.dialect,
                "host" => &mut catalog.host,
                "docs" => &mut catalog.docs,
                _ => return skip(&meta),
            };
            set(slot, string(&meta, diags)?, &meta, diags)
        });
    }
}

/// The `#[errcat(...)]` of a variant, if it has one.
pub fn errcat(attrs: &[Attribute], diags: &mut Diagnostics) -> Option<ErrorAttr> {
    let allowed = errcat_keys();
    let mut found = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("errcat")) {
        if found.is_some() {
            diags.error(
                Span::Tokens(attr_span(attr)),
                "duplicate #[errcat(...)] attribute; merge them into one",
            );
            continue;
        }
        let mut out = ErrorAttr::default();
        nested(attr, diags, |meta, diags| {
            let key = key(&meta, &allowed, diags)?;
            out.written.push(key.clone());
            match key.as_str() {
                "code" => set(&mut out.code, string(&meta, diags)?, &meta, diags),
                "status" => set(&mut out.status, integer(&meta, diags)?, &meta, diags),
                "message" => set(&mut out.message, string(&meta, diags)?, &meta, diags),
                "description" => set(&mut out.description, string(&meta, diags)?, &meta, diags),
                "retry" => set(&mut out.retry, string(&meta, diags)?, &meta, diags),
                "deprecated" => set(&mut out.deprecated, string(&meta, diags)?, &meta, diags),
                _ => skip(&meta),
            }
        });
        found = Some(out);
    }
    found
}

/// The span of an attribute's path, where attribute-level problems are reported.
pub fn attr_span(attr: &Attribute) -> proc_macro2::Span {
    syn::spanned::Spanned::span(attr.path())
}

/// Runs `each` on every `key = value` of the attribute; a syntax error is recorded and ends
/// this attribute only.
fn nested(
    attr: &Attribute,
    diags: &mut Diagnostics,
    mut each: impl FnMut(ParseNestedMeta<'_>, &mut Diagnostics) -> syn::Result<()>,
) {
    let mut inner = Diagnostics::default();
    let result = attr.parse_nested_meta(|meta| each(meta, &mut inner));
    diags.extend(inner.into_vec());
    if let Err(error) = result {
        diags.error(Span::Tokens(error.span()), error.to_string());
    }
}

/// The key of `key = value`; an unknown key is recorded (with the closest allowed key) and
/// returned as `""` so its value is skipped.
fn key(
    meta: &ParseNestedMeta<'_>,
    allowed: &[&str],
    diags: &mut Diagnostics,
) -> syn::Result<String> {
    let name = meta
        .path
        .get_ident()
        .map(ToString::to_string)
        .unwrap_or_default();
    if allowed.contains(&name.as_str()) {
        return Ok(name);
    }
    let hint = match errcat_codegen::suggest::closest(&name, allowed.iter().copied()) {
        Some(fix) => format!("did you mean `{fix}`? "),
        None => String::new(),
    };
    let list = allowed
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let span = syn::spanned::Spanned::span(&meta.path);
    diags.error(
        Span::Tokens(span),
        format!("unknown key `{name}`; {hint}allowed keys: {list}"),
    );
    Ok(String::new())
}

/// Stores a value, reporting a key given twice.
fn set<T>(
    slot: &mut Option<Spanned<T>>,
    value: Option<Spanned<T>>,
    meta: &ParseNestedMeta<'_>,
    diags: &mut Diagnostics,
) -> syn::Result<()> {
    // `None`: the value had the wrong type, already reported.
    let Some(value) = value else { return Ok(()) };
    if slot.is_some() {
        let name = meta
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        diags.error(value.span, format!("duplicate key `{name}`"));
    } else {
        *slot = Some(value);
    }
    Ok(())
}

/// A string literal value; another literal is reported and skipped.
fn string(
    meta: &ParseNestedMeta<'_>,
    diags: &mut Diagnostics,
) -> syn::Result<Option<Spanned<String>>> {
    Ok(match literal(meta)? {
        Lit::Str(lit) => Some(Spanned::new(lit.value(), Span::Tokens(lit.span()))),
        other => wrong_type(meta, &other, "a string literal", diags),
    })
}

/// An integer literal value; another literal is reported and skipped.
fn integer(
    meta: &ParseNestedMeta<'_>,
    diags: &mut Diagnostics,
) -> syn::Result<Option<Spanned<i64>>> {
    Ok(match literal(meta)? {
        Lit::Int(lit) => Some(Spanned::new(lit.base10_parse()?, Span::Tokens(lit.span()))),
        other => wrong_type(meta, &other, "an integer literal", diags),
    })
}

fn literal(meta: &ParseNestedMeta<'_>) -> syn::Result<Lit> {
    meta.value()?.parse()
}

fn wrong_type<T>(
    meta: &ParseNestedMeta<'_>,
    found: &Lit,
    expected: &str,
    diags: &mut Diagnostics,
) -> Option<T> {
    let name = meta
        .path
        .get_ident()
        .map(ToString::to_string)
        .unwrap_or_default();
    let span = Span::Tokens(found.span());
    diags.error(span, format!("`{name}` must be {expected}"));
    None
}

/// Consumes the value of an unknown key.
fn skip(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        meta.value()?.parse::<Expr>()?;
    }
    Ok(())
}
