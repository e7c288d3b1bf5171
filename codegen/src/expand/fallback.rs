//! What a derive emits beside its errors: the catalog API with bodies that are never run, so
//! the user sees the real mistake and not fifty "no function named `code`" follow-ons
//! (thiserror's `fallback.rs` idea).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

pub fn expand(ty: &Ident) -> TokenStream {
    quote! {
        #[allow(unreachable_code, unused_variables, clippy::all)]
        impl #ty {
            pub const ALL: &'static [Self] = &[];
            pub const fn code(self) -> &'static str { ::core::unimplemented!() }
            pub const fn http_status(self) -> u16 { ::core::unimplemented!() }
            pub const fn message(self) -> &'static str { ::core::unimplemented!() }
            pub const fn retry(self) -> ::errcat::Retry { ::core::unimplemented!() }
            pub const fn is_retryable(self) -> bool { ::core::unimplemented!() }
            pub const fn placeholders(self) -> &'static [&'static str] { ::core::unimplemented!() }
            pub fn from_code(code: &str) -> ::core::option::Option<Self> { ::core::unimplemented!() }
            pub fn from_code_ignore_case(code: &str) -> ::core::option::Option<Self> { ::core::unimplemented!() }
        }

        #[allow(unreachable_code, unused_variables, clippy::all)]
        impl ::core::fmt::Display for #ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result { ::core::unimplemented!() }
        }
    }
}
