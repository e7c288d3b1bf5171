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

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

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
}

impl Default for Options {
    fn default() -> Self {
        Options {
            type_name: "ErrorCode".to_owned(),
            define_enum: true,
            code_macro: None,
            module: String::new(),
        }
    }
}

/// Generates the code enum (when asked), its API and trait impls, the typed constructors and
/// the lookup macro (when asked).
#[must_use]
pub fn expand(catalog: &Valid, options: &Options) -> TokenStream {
    let ty = Ident::new(&options.type_name, Span::call_site());
    let definition = options.define_enum.then(|| enum_def::expand(catalog, &ty));
    let impls = impls::expand(catalog, &ty);
    let constructors = constructors::expand(catalog, &ty);
    let code_macro = options
        .code_macro
        .as_deref()
        .map(|name| code_macro::expand(catalog, &ty, name, &options.module));
    quote! {
        #definition
        #impls
        #constructors
        #code_macro
    }
}

/// Stub impls of the catalog API for a derive input with errors: see `fallback.rs`.
#[must_use]
pub fn fallback(ty: &Ident) -> TokenStream {
    fallback::expand(ty)
}

/// The variant of a code as an identifier (the checker made sure it is one).
fn variant(code: &Code) -> Ident {
    names::ident(&code.variant).unwrap_or_else(|| Ident::new("__unnamed", Span::call_site()))
}
