//! The compile-time lookup macro: `code!("Forbidden.KeyNotFound")` →
//! `$crate::ErrorCode::ForbiddenKeyNotFound`.
//!
//! A `macro_rules!` with one arm per code: the expansion is a plain path, so it works in
//! `const` items and `match` patterns. Anything else reaches errcat-macros'
//! `code_not_found!`, which reports it on the literal with the closest code suggested.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::model::Valid;

pub fn expand(catalog: &Valid, ty: &Ident, name: &str) -> TokenStream {
    let name = Ident::new(name, Span::call_site());
    let codes: Vec<&str> = catalog.codes.iter().map(|c| c.code.as_str()).collect();
    let variants = catalog.codes.iter().map(super::variant);
    quote! {
        #[doc(hidden)]
        #[macro_export]
        macro_rules! #name {
            #( (#codes) => { $crate::#ty::#variants }; )*
            ($($other:tt)*) => {
                $crate::__private::code_not_found!([$($other)*] #(#codes)*)
            };
        }
    }
}
