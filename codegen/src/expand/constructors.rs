//! Typed constructors: one per templated code, on the code enum, taking its placeholders as
//! arguments (`ErrorCode::missing_parameter(parameter) -> errcat::Error<ErrorCode>`).

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::model::{Code, Valid};
use crate::names;

pub fn expand(catalog: &Valid, ty: &Ident) -> TokenStream {
    let templated = catalog
        .codes
        .iter()
        .filter(|c| !c.message.placeholders().is_empty());
    let constructors: Vec<TokenStream> = templated.map(|code| constructor(ty, code)).collect();
    if constructors.is_empty() {
        return TokenStream::new();
    }
    // `Type::X`, not `Self::X`, which rustc finds by a search through every variant.
    quote! {
        #[allow(deprecated, clippy::use_self)]
        impl #ty {
            #(#constructors)*
        }
    }
}

fn constructor(ty: &Ident, code: &Code) -> TokenStream {
    // The checker made sure the constructor's name can be written.
    let name = names::made_ident(&code.constructor())
        .unwrap_or_else(|| Ident::new("__unnamed", Span::call_site()));
    let variant = super::variant(code);
    let params: Vec<Ident> = code
        .message
        .placeholders()
        .iter()
        .map(|p| Ident::new(p, Span::call_site()))
        .collect();
    let doc = format!(
        " A [`{}`]({ty}::{}) error ({}): `{}`",
        code.code,
        code.variant,
        code.status,
        code.message.display()
    );
    quote! {
        #[doc = #doc]
        #[must_use]
        pub fn #name(#(#params: impl ::core::convert::Into<::std::borrow::Cow<'static, str>>),*) -> ::errcat::Error<Self> {
            ::errcat::Error::__with_args(#ty::#variant, [#(#params.into()),*])
        }
    }
}
