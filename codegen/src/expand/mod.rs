//! The emitter: a [`Valid`] catalog → Rust tokens. Pure: no checks, no error paths (a `Valid`
//! has passed them all), and the same output for the same input.
//!
//! Every generated item reaches the runtime through `::errcat::__private`, so users never
//! depend on phf or errcat-wire themselves.

mod code_macro;
mod constructors;
mod enum_def;
mod fallback;
mod impls;
mod shape;
mod table;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::docs;
use crate::model::{Code, Valid};
use crate::names;

/// What to generate, beyond the API every catalog gets.
#[derive(Clone, Debug)]
pub struct Options {
    /// The name of the code enum, such as `ErrorCode`.
    pub type_name: String,
    /// Define the enum itself (build scripts), or only implement it (the derive).
    pub define_enum: bool,
    /// Generate a `#[macro_export]` compile-time lookup macro with this name, expanding
    /// `name!("Forbidden.KeyNotFound")` to `$crate::<module>::<type_name>::ForbiddenKeyNotFound`.
    pub code_macro: Option<String>,
    /// The module the generated file is included in, as a path from the crate root
    /// (`""`: the root; `"errors"`, `"api::errors"`): where the code macro finds the enum.
    pub module: String,
    /// Implement `Display` (the wire code) and `std::error::Error`; off for a derive input
    /// that also derives `thiserror::Error`, which implements both itself.
    pub display: bool,
    /// Also generate `Error` and `ServiceError<'a>`, aliases of errcat's types for this
    /// catalog, beside the enum.
    pub aliases: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            type_name: "ErrorCode".to_owned(),
            define_enum: true,
            code_macro: None,
            module: String::new(),
            display: true,
            aliases: false,
        }
    }
}

/// Generates the code enum (when asked), its API and trait impls, the typed constructors and
/// the lookup macro (when asked).
#[must_use]
pub fn expand(catalog: &Valid, options: &Options) -> TokenStream {
    let ty = name(&options.type_name);
    let form = Form::of(catalog, options);
    let definition = options
        .define_enum
        .then(|| enum_def::expand(catalog, &ty, form));
    let impls = impls::expand(catalog, &ty, form, options.display);
    let constructors = constructors::expand(catalog, &ty);
    let code_macro = options
        .code_macro
        .as_deref()
        .map(|name| code_macro::expand(catalog, &ty, name, &options.module));
    let aliases = options.aliases.then(|| aliases(catalog, &ty));
    quote! {
        #definition
        #impls
        #constructors
        #code_macro
        #aliases
    }
}

/// How the generated type holds a code. Up to [`docs::LARGE_CATALOG`] codes, and always for
/// a derive's input (the user's own enum), an enum of one variant per code. A larger catalog
/// from a build script gets a struct of the code's index plus one, with an associated
/// constant per code, used as a variant is (paths, `match` patterns, `code!`): rustc's time
/// on an enum, and on constants holding its values, grows with the square of its variants
/// (BENCHMARKS.md, "Big catalogs"), its time on constants of a struct does not.
#[derive(Clone, Copy)]
enum Form {
    Enum,
    /// The index's type: `NonZeroU16` or, past 65,535 codes, `NonZeroU32`, so that
    /// `Option<Code>` is as small as the code, as it is for an enum.
    Indexed(&'static str),
}

impl Form {
    fn of(catalog: &Valid, options: &Options) -> Form {
        if !options.define_enum || catalog.codes.len() <= docs::LARGE_CATALOG {
            Form::Enum
        } else if catalog.codes.len() <= usize::from(u16::MAX) {
            Form::Indexed("NonZeroU16")
        } else {
            Form::Indexed("NonZeroU32")
        }
    }

    /// Whether this is the struct of a large catalog.
    fn is_indexed(self) -> bool {
        matches!(self, Form::Indexed(_))
    }

    /// The catalog index of the code `value` (an expression of the type), as a `usize`.
    fn index(self, value: TokenStream) -> TokenStream {
        match self {
            Form::Enum => quote!(#value as usize),
            Form::Indexed(_) => quote!(#value.0.get() as usize - 1),
        }
    }
}

/// The path of a `Form::Indexed` integer type, `::core::num::NonZeroU16`.
fn nonzero(int: &str) -> TokenStream {
    let int = Ident::new(int, Span::call_site());
    quote!(::core::num::#int)
}

/// The names of the aliases [`Options::aliases`] generates: `errcat::Error<C>` and
/// `errcat::ServiceError<'a, C>` for the catalog. The checker refuses an enum named like one.
pub(crate) const ALIASES: [&str; 2] = ["Error", "ServiceError"];

/// `Error` and `ServiceError<'a>` for this catalog, so that its users name them without
/// generics.
fn aliases(catalog: &Valid, ty: &Ident) -> TokenStream {
    let [error_alias, service_error_alias] = ALIASES.map(name);
    let error = format!(
        " An error of the {} catalog: a code and its message's arguments.",
        catalog.service
    );
    let service_error = format!(
        " An error response from {}, as a client reads it.",
        catalog.service
    );
    quote! {
        #[doc = #error]
        pub type #error_alias = ::errcat::Error<#ty>;

        #[doc = #service_error]
        pub type #service_error_alias<'a> = ::errcat::ServiceError<'a, #ty>;
    }
}

/// Stub impls of the catalog API for a derive input with errors (see `fallback.rs`);
/// `Display` too when `options.display`.
#[must_use]
pub fn fallback(ty: &Ident, options: &Options) -> TokenStream {
    fallback::expand(ty, options.display)
}

/// The variant of a code as an identifier (the checker made sure it is one).
fn variant(code: &Code) -> Ident {
    name(&code.variant)
}

/// `text` as an identifier, plain or raw (`r#type`), by the one rule the checker uses
/// (`names::ident`): never a panic, even for a name nothing checked (the derive's enum is
/// named by the user's own token). Only a name that is no identifier gets a stand-in, which
/// the checker has reported, or which the compiler reports where the user wrote it.
fn name(text: &str) -> Ident {
    names::ident(text).unwrap_or_else(|| Ident::new("__unnamed", Span::call_site()))
}
