//! Typed constructors: one per templated code, taking its placeholders as arguments
//! (`Error::missing_parameter(parameter)`).

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::Constructors;
use crate::model::{Code, Valid};

pub fn expand(catalog: &Valid, ty: &Ident, place: Constructors) -> TokenStream {
    let templated = catalog
        .codes
        .iter()
        .filter(|c| !c.message.placeholders().is_empty());
    let constructors: Vec<TokenStream> =
        templated.map(|code| constructor(ty, code, place)).collect();
    if constructors.is_empty() {
        return TokenStream::new();
    }
    let target = match place {
        Constructors::OnCode => quote!(#ty),
        Constructors::OnError => quote!(::errcat::Error<#ty>),
    };
    quote! {
        #[allow(deprecated)]
        impl #target {
            #(#constructors)*
        }
    }
}

fn constructor(ty: &Ident, code: &Code, place: Constructors) -> TokenStream {
    let name = Ident::new(&code.constructor(), Span::call_site());
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
    let (returns, this) = match place {
        Constructors::OnCode => (quote!(::errcat::Error<Self>), quote!(::errcat::Error)),
        Constructors::OnError => (quote!(Self), quote!(Self)),
    };
    quote! {
        #[doc = #doc]
        #[must_use]
        pub fn #name(#(#params: impl ::core::convert::Into<::std::borrow::Cow<'static, str>>),*) -> #returns {
            #this::__with_args(#ty::#variant, ::std::boxed::Box::new([#(#params.into()),*]))
        }
    }
}
