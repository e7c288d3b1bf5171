//! What a derive emits beside its errors: the catalog API (every public item of
//! `api::ITEMS`) with bodies that are never run, so the user sees the real mistake and not
//! fifty "no function named `code`" follow-ons (thiserror's `fallback.rs` idea).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::api::ITEMS;

/// The stubs; `Display` too when the derive would write it (see `Options::display`).
pub fn expand(ty: &Ident, display: bool) -> TokenStream {
    let stubs = ITEMS.iter().filter_map(|item| item.stub).map(|signature| {
        // The signatures are this crate's own constants, so they always parse.
        let signature: TokenStream = signature.parse().unwrap_or_default();
        if signature.to_string().contains("fn") {
            quote!(#signature { ::core::unimplemented!() })
        } else {
            quote!(#signature = ::core::unimplemented!();)
        }
    });
    let display = display.then(|| {
        quote! {
            #[allow(unreachable_code, unused_variables, clippy::all)]
            impl ::core::fmt::Display for #ty {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result { ::core::unimplemented!() }
            }
        }
    });
    quote! {
        #[allow(unreachable_code, unused_variables, clippy::all)]
        impl #ty {
            #(#stubs)*
        }

        #display
    }
}
