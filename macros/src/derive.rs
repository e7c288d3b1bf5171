//! `#[derive(ErrorCatalog)]`: a hand-written enum → errcat-codegen's model → the same checks
//! and the same emitter as `errors.toml`.

use errcat_codegen::{Catalog, Diagnostics, Entry, Options, Span, Spanned};
use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Fields};

use crate::attr;

pub fn expand(input: &DeriveInput) -> TokenStream {
    let mut diags = Diagnostics::default();
    let catalog = catalog(input, &mut diags);
    let options = Options {
        type_name: input.ident.to_string(),
        define_enum: false,
        display: !derives_thiserror(input),
        ..Options::default()
    };
    match catalog.map(|catalog| errcat_codegen::check(&catalog, diags)) {
        Some(Ok(valid)) => errcat_codegen::expand(&valid, &options),
        Some(Err(problems)) => errors(
            problems.iter().map(|d| d.to_syn_error()),
            &input.ident,
            &options,
        ),
        None => not_a_plain_enum(input),
    }
}

/// The enum's catalog; `None` when the input is not a plain enum (reported as one error).
fn catalog(input: &DeriveInput, diags: &mut Diagnostics) -> Option<Catalog> {
    let Data::Enum(data) = &input.data else {
        return None;
    };
    if !input.generics.params.is_empty() {
        return None;
    }
    let mut catalog = Catalog::default();
    attr::catalog(&input.attrs, &mut catalog, diags);
    if catalog.service.is_none() {
        let message = "missing #[catalog(service = \"...\")] on the enum: the service's name";
        diags.error(Span::Tokens(input.ident.span()), message);
    }
    if data.variants.is_empty() {
        let message = "the enum has no variants; add one per error code";
        diags.error(Span::Tokens(input.ident.span()), message);
    }
    catalog.entries = data
        .variants
        .iter()
        .filter_map(|v| entry(v, diags))
        .collect();
    Some(catalog)
}

/// Whether the enum also derives `thiserror::Error`, as its variants' `#[error(...)]`
/// attributes say: thiserror then writes `Display` and `std::error::Error`, and this derive
/// must not.
fn derives_thiserror(input: &DeriveInput) -> bool {
    let Data::Enum(data) = &input.data else {
        return false;
    };
    let has_error = |v: &syn::Variant| v.attrs.iter().any(|a| a.path().is_ident("error"));
    data.variants.iter().any(has_error)
}

/// One variant: unit, no explicit discriminant (`self as usize` indexes the code table), and
/// an `#[errcat(...)]` with `code`, `status` and `message`.
fn entry(variant: &syn::Variant, diags: &mut Diagnostics) -> Option<Entry> {
    let span = Span::Tokens(variant.ident.span());
    if !matches!(variant.fields, Fields::Unit) {
        diags.error(
            span,
            format!(
                "variant `{}` has fields; error code variants are unit variants",
                variant.ident
            ),
        );
    }
    if let Some((_, discriminant)) = &variant.discriminant {
        let span = Span::Tokens(syn::spanned::Spanned::span(discriminant));
        diags.error(
            span,
            "explicit discriminants are not supported: variants are numbered in order",
        );
    }
    let Some(attr) = attr::errcat(&variant.attrs, diags) else {
        let message = format!(
            "variant `{}` has no #[errcat(code = \"...\", status = ..., message = \"...\")]",
            variant.ident
        );
        diags.error(span, message);
        return None;
    };
    for key in ["code", "status", "message"] {
        if !attr.written.iter().any(|k| k == key) {
            let message = format!("missing `{key}` in #[errcat(...)] of `{}`", variant.ident);
            diags.error(span, message);
        }
    }
    Some(Entry {
        span,
        code: attr.code,
        status: attr.status,
        message: attr.message,
        description: attr.description,
        retry: attr.retry,
        variant: Some(Spanned::new(variant.ident.to_string(), span)),
        deprecated: attr.deprecated,
    })
}

/// The input is not a plain enum: one error, on the right token, and no fallback (it could
/// not implement anything on such a type without errors of its own).
fn not_a_plain_enum(input: &DeriveInput) -> TokenStream {
    let error = match &input.data {
        Data::Enum(_) => syn::Error::new_spanned(
            &input.generics,
            "ErrorCatalog cannot be derived for a generic enum",
        ),
        Data::Struct(s) => syn::Error::new(
            s.struct_token.span,
            "ErrorCatalog can only be derived for enums",
        ),
        Data::Union(u) => syn::Error::new(
            u.union_token.span,
            "ErrorCatalog can only be derived for enums",
        ),
    };
    error.to_compile_error()
}

/// The errors, plus stub impls so that uses of the enum do not add follow-on errors.
fn errors(
    errors: impl IntoIterator<Item = syn::Error>,
    ty: &syn::Ident,
    options: &Options,
) -> TokenStream {
    let errors = errors.into_iter().map(|e| e.to_compile_error());
    let fallback = errcat_codegen::fallback(ty, options);
    quote! {
        #(#errors)*
        #fallback
    }
}
