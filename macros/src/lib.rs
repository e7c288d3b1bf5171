//! Procedural macros of errcat: `#[derive(ErrorCatalog)]` and the error path of `code!`.
//!
//! Thin by design: this crate reads attributes into errcat-codegen's model and maps spans;
//! the checks and the emitted code are codegen's, the same as for `errors.toml`.

#![forbid(unsafe_code)]

mod attr;
mod code_not_found;
mod derive;

use proc_macro::TokenStream;

/// See `errcat::ErrorCatalog`.
#[proc_macro_derive(ErrorCatalog, attributes(catalog, errcat))]
pub fn derive_error_catalog(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    derive::expand(&input).into()
}

/// Reports an unknown code given to a generated `code!` macro. Not public API.
#[doc(hidden)]
#[proc_macro]
pub fn code_not_found(input: TokenStream) -> TokenStream {
    code_not_found::expand(input.into()).into()
}
