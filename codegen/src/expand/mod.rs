//! The emitter: a [`Valid`] catalog → Rust tokens. Pure: no checks, no error paths (a `Valid`
//! has passed them all), and the same output for the same input.
//!
//! Every generated item reaches the runtime through `::errcat::__private`, so users never
//! depend on phf themselves.

mod code_macro;
mod constructors;
mod enum_def;
mod fallback;
mod impls;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::model::Valid;

/// What to generate, beyond the API every catalog gets.
#[derive(Clone, Debug)]
pub struct Options {
    /// The name of the code enum, such as `ErrorCode`.
    pub type_name: String,
    /// Define the enum itself (build scripts), or only implement it (the derive).
    pub define_enum: bool,
    /// Where the typed constructors of templated codes go.
    pub constructors: Constructors,
    /// Generate a `#[macro_export]` compile-time lookup macro with this name, expanding
    /// `name!("Forbidden.KeyNotFound")` to `$crate::<type_name>::ForbiddenKeyNotFound`. It
    /// assumes the enum is at the crate root.
    pub code_macro: Option<String>,
}

/// Where typed constructors go: `Error::missing_parameter(..)` can only be generated inside
/// errcat (an inherent impl of `errcat::Error`); other crates get
/// `TheirCode::missing_parameter(..) -> errcat::Error<TheirCode>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Constructors {
    /// On the code enum.
    OnCode,
    /// On `errcat::Error<Code>`: only for errcat's own catalog.
    OnError,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            type_name: "ErrorCode".to_owned(),
            define_enum: true,
            constructors: Constructors::OnCode,
            code_macro: None,
        }
    }
}

/// Generates the code enum (when asked), its API and trait impls, the typed constructors and
/// the lookup macro (when asked).
pub fn expand(catalog: &Valid, options: &Options) -> TokenStream {
    let ty = Ident::new(&options.type_name, Span::call_site());
    let definition = options.define_enum.then(|| enum_def::expand(catalog, &ty));
    let impls = impls::expand(catalog, &ty);
    let constructors = constructors::expand(catalog, &ty, options.constructors);
    let code_macro = options
        .code_macro
        .as_deref()
        .map(|name| code_macro::expand(catalog, &ty, name));
    quote! {
        #definition
        #impls
        #constructors
        #code_macro
    }
}

/// Stub impls of the catalog API for a derive input with errors: see `fallback.rs`.
pub fn fallback(ty: &Ident) -> TokenStream {
    fallback::expand(ty)
}

/// The variant of a code as an identifier.
fn variant(code: &crate::model::Code) -> Ident {
    Ident::new(&code.variant, Span::call_site())
}
