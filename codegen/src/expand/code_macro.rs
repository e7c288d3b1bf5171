//! The compile-time lookup macro: `code!("Forbidden.KeyNotFound")` →
//! `$crate::ErrorCode::ForbiddenKeyNotFound`.
//!
//! A `macro_rules!` with one arm per code: the expansion is a plain path, so it works in
//! `const` items and `match` patterns. Anything else reaches errcat-macros'
//! `code_not_found!`, which reports it on the literal with the closest code suggested.
//!
//! The path starts at `$crate`, so the macro must know the module the generated file is
//! included in (`Options::module`); a `const` assertion fails the build, saying so, when the
//! file is included anywhere else.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::model::Valid;

pub fn expand(catalog: &Valid, ty: &Ident, name: &str, module: &str) -> TokenStream {
    let name = super::name(name);
    let codes: Vec<&str> = catalog.codes.iter().map(|c| c.code.as_str()).collect();
    let variants = catalog.codes.iter().map(super::variant);
    let path: TokenStream = if module.is_empty() {
        quote!($crate::#ty)
    } else {
        let module: TokenStream = module.parse().unwrap_or_default();
        quote!($crate::#module::#ty)
    };
    let place = if module.is_empty() {
        "at the crate root (src/lib.rs or src/main.rs), or Builder::module must name the \
         module it is included in"
            .to_owned()
    } else {
        format!("in the module `{module}`, as Builder::module says")
    };
    let misplaced = format!(
        "the generated `{ty}` must be included {place}: its macro `{name}!` names `{}`",
        path.to_string().replace(' ', "")
    );
    let doc = format!(
        " The [`{ty}`] with this wire code, looked up at compile time: `{name}!(\"{}\")`.\n\n \
         It expands to the code itself, so it works in `const` items and `match` patterns.\n \
         An unknown code is a compile error on the literal, naming the closest known code.",
        codes.first().copied().unwrap_or_default()
    );
    // A name starting with `__` is for a crate that re-exports the macro under another name
    // (errcat's own `kms::code!`): hidden from its docs.
    let hidden = name
        .to_string()
        .starts_with("__")
        .then(|| quote!(#[doc(hidden)]));
    quote! {
        #[doc = #doc]
        #hidden
        #[macro_export]
        macro_rules! #name {
            #( (#codes) => { #path::#variants }; )*
            ($($other:tt)*) => {
                ::errcat::__private::code_not_found!([$($other)*] #(#codes)*)
            };
        }

        const _: () = ::core::assert!(
            ::errcat::__private::in_module(::core::module_path!(), #module),
            #misplaced
        );
    }
}
