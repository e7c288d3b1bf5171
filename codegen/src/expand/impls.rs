//! The API every code enum gets (the items of `api::ITEMS`, in that order): the code table,
//! `const fn` accessors, lookups by code string, and the `Display`, `FromStr`,
//! `ErrorCatalog` (and, with errcat's `serde` feature, serde) impls.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::{Form, table};
use crate::lookup;
use crate::model::Valid;

/// The inherent impl, and the impls of the traits (`Display` and `std::error::Error` only
/// when `display`).
pub fn expand(catalog: &Valid, ty: &Ident, form: Form, display: bool) -> TokenStream {
    let inherent = inherent(catalog, ty, form);
    let index = form.index(quote!(self));
    let service = &catalog.service;
    let dialect = dialect(catalog);
    let display = display.then(|| {
        quote! {
            impl ::core::fmt::Display for #ty {
                /// Writes the wire code.
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.write_str(self.code())
                }
            }

            /// A code is an error by itself, so that `?` takes it into `Box<dyn Error>`,
            /// `anyhow::Error` or a `#[from]` variant of a `thiserror` enum.
            impl ::std::error::Error for #ty {}
        }
    });
    quote! {
        #inherent
        #display

        impl ::core::str::FromStr for #ty {
            type Err = ::errcat::UnknownCode;

            /// Parses an exact wire code.
            fn from_str(code: &str) -> ::core::result::Result<Self, ::errcat::UnknownCode> {
                Self::from_code(code).ok_or_else(|| ::errcat::UnknownCode::new(code))
            }
        }

        impl ::errcat::ErrorCatalog for #ty {
            const SERVICE: &'static str = #service;
            const DIALECT: ::errcat::Dialect = #dialect;
            const ALL: &'static [Self] = Self::ALL;

            fn info(self) -> ::errcat::__private::CodeInfo {
                Self::INFO.info(#index)
            }

            fn from_code(code: &str) -> ::core::option::Option<Self> {
                Self::from_code(code)
            }

            fn from_code_ignore_case(code: &str) -> ::core::option::Option<Self> {
                Self::from_code_ignore_case(code)
            }
        }

        ::errcat::__private::impl_serde!(#ty);
        ::errcat::__private::impl_http!(#ty);
    }
}

/// The items of `api::ITEMS`.
fn inherent(catalog: &Valid, ty: &Ident, form: Form) -> TokenStream {
    let variants: Vec<Ident> = catalog.codes.iter().map(super::variant).collect();
    let all = all(ty, form, &variants);
    let index = form.index(quote!(self));
    let info = table::expand(catalog);
    let codes: Vec<&str> = catalog.codes.iter().map(|c| c.code.as_str()).collect();
    let lower: Vec<String> = codes.iter().map(|c| c.to_ascii_lowercase()).collect();
    let lower: Vec<&str> = lower.iter().map(String::as_str).collect();
    let by_code = phf_map(ty, &codes, &variants);
    let answers = Literal::usize_unsuffixed(codes.len() + 1);
    let code_doc = format!(" The wire code, such as `{:?}`.", codes[0]);
    let exact = lookup::build(&codes);
    let exact_keys = &exact.keys;
    let exact = table(&exact, quote!(#exact_keys));
    // Lower-casing keeps every code's length, so the lower-cased table's slots hold the same
    // starts and lengths as the exact one's, and it reads the exact one's codes, comparing
    // them folded.
    let lower = table(&lookup::build(&lower), quote!(Self::LOOKUP.keys));
    quote! {
        // The lookup tables are long integer literals a reader never needs to read; variants
        // are named by the type, as rustc finds `Self::X` by a search through every variant;
        // a large catalog's tables are large constants, not arrays on a stack, and its `ALL`
        // casts indices below its count of codes into the type that holds them.
        #[allow(
            deprecated,
            clippy::unreadable_literal,
            clippy::use_self,
            clippy::large_stack_arrays,
            clippy::cast_possible_truncation
        )]
        impl #ty {
            /// Every code, in catalog order.
            pub const ALL: &'static [Self] = #all;

            /// Codes by their exact wire code, as a `phf::Map` built at compile time.
            /// [`from_code`](Self::from_code) is faster: it uses a perfect hash generated for
            /// exactly these codes.
            pub const BY_CODE: ::errcat::__private::phf::Map<&'static str, Self> = #by_code;

            /// What a lookup answers, by the code's index plus one: `None` for a miss, then
            /// `Some` of every code, so that the answer is one read whatever the outcome. Made
            /// from `ALL` when compiled: naming every variant again would cost rustc as much
            /// as `ALL` does.
            const ANSWERS: &'static [::core::option::Option<Self>] = &{
                let mut answers = [::core::option::Option::None; #answers];
                let mut index = 0;
                while index < Self::ALL.len() {
                    answers[index + 1] = ::core::option::Option::Some(Self::ALL[index]);
                    index += 1;
                }
                answers
            };

            /// The perfect hash of the wire codes (see `errcat_wire::lookup`).
            const LOOKUP: ::errcat::__private::Table<'static> = #exact;

            /// The perfect hash of the ASCII-lower-cased wire codes, comparing `LOOKUP`'s
            /// codes lower-cased.
            const LOOKUP_LOWER: ::errcat::__private::Table<'static> = #lower;

            /// The code table: a column per fact, each indexed by the code's catalog index.
            const INFO: &'static ::errcat::__private::CodeTable = #info;

            #[doc = #code_doc]
            #[must_use]
            pub const fn code(self) -> &'static str {
                Self::INFO.codes[#index]
            }

            /// The HTTP status of responses carrying this code.
            #[must_use]
            pub const fn http_status(self) -> u16 {
                Self::INFO.statuses[#index]
            }

            /// The message template as the catalog writes it: `{name}` marks a placeholder,
            /// `{{` and `}}` are literal braces.
            #[must_use]
            pub const fn message(self) -> &'static str {
                Self::INFO.messages[#index]
            }

            /// How a client should treat this error before retrying.
            #[must_use]
            pub const fn retry(self) -> ::errcat::Retry {
                Self::INFO.retries[#index]
            }

            /// Whether retrying the request may succeed (the retry kind is not `Never`).
            #[must_use]
            pub const fn is_retryable(self) -> bool {
                !matches!(self.retry(), ::errcat::Retry::Never)
            }

            /// The names of the message's placeholders, in order of first use.
            #[must_use]
            pub const fn placeholders(self) -> &'static [&'static str] {
                Self::INFO.placeholders[#index]
            }

            /// Why the code is deprecated, if it is.
            #[must_use]
            pub const fn deprecation(self) -> ::core::option::Option<&'static str> {
                Self::INFO.info(#index).deprecated()
            }

            /// The URL of the code's documentation, if the catalog has a `docs` template.
            #[must_use]
            pub const fn docs(self) -> ::core::option::Option<&'static str> {
                Self::INFO.info(#index).docs()
            }

            /// The code with exactly this wire code, or `None`.
            #[must_use]
            #[inline]
            pub fn from_code(code: &str) -> ::core::option::Option<Self> {
                Self::LOOKUP.find(Self::ANSWERS, code.as_bytes(), ::errcat::__private::same)
            }

            /// The code with this wire code in any ASCII case, or `None`. Allocates nothing.
            #[must_use]
            #[inline]
            pub fn from_code_ignore_case(code: &str) -> ::core::option::Option<Self> {
                Self::LOOKUP_LOWER.find(Self::ANSWERS, code.as_bytes(), ::errcat::__private::ascii_lower)
            }
        }
    }
}

/// `ALL`'s value: every variant named, or for a struct (whose constants are read from `ALL`)
/// every index, made by a loop when compiled.
fn all(ty: &Ident, form: Form, variants: &[Ident]) -> TokenStream {
    match form {
        Form::Enum => quote!(&[#(#ty::#variants),*]),
        Form::Indexed(int) => {
            let int = super::nonzero(int);
            let count = Literal::usize_unsuffixed(variants.len());
            quote! {
                &{
                    let mut all = [#ty(#int::MIN); #count];
                    let mut index = 0;
                    while index < #count {
                        index += 1;
                        // `index` is at most the count of codes, which the type holds.
                        all[index - 1] = #ty(#int::new(index as _).unwrap());
                    }
                    all
                }
            }
        }
    }
}

/// `::errcat::Dialect::Kms`: the catalog's dialect as a path.
fn dialect(catalog: &Valid) -> TokenStream {
    let name = format!("{:?}", catalog.dialect);
    let name = Ident::new(&name, proc_macro2::Span::call_site());
    quote!(::errcat::Dialect::#name)
}

/// A built lookup table as a `Table` value whose packed codes are `keys`. Its integers are
/// suffixed, so that rustc infers no type for any of them: a large table is mostly integers
/// (most of them 0, an empty slot).
fn table(built: &lookup::Built, keys: TokenStream) -> TokenStream {
    let lookup::Built {
        seed,
        windows,
        displacements,
        slots,
        keys: _,
    } = built;
    quote! {
        ::errcat::__private::Table {
            seed: #seed,
            windows: &[#(#windows),*],
            displacements: &[#(#displacements),*],
            slots: &[#(#slots),*],
            keys: #keys,
        }
    }
}

/// A `phf::Map` from each code to its variant (`Type::X`: rustc resolves `Self::X` by a
/// search through the variants, which is quadratic in a large catalog; for a large catalog's
/// constants, `Self::ALL[i]` would be shorter but costs rustc more), laid out as phf_codegen
/// lays it out: phf's generator places the keys (with a fixed seed, so the output is the same
/// on every build) and the map is written as tokens. phf_codegen would print Rust source, to
/// be parsed back into tokens: a step that could only fail with an unlocated error, and that
/// this way does not exist.
fn phf_map(ty: &Ident, codes: &[&str], variants: &[Ident]) -> TokenStream {
    let state = phf_generator::generate_hash(codes);
    let key = state.key;
    let disps = state.disps.iter().map(|&(d1, d2)| quote!((#d1, #d2)));
    let pairs: Vec<(&str, &Ident)> = codes.iter().copied().zip(variants).collect();
    // `map` holds each key's index in the order of the table's entries.
    let entries = state.map.iter().filter_map(|&index| pairs.get(index));
    let entries = entries.map(|(code, variant)| quote!((#code, #ty::#variant)));
    quote! {
        ::errcat::__private::phf::Map {
            key: #key,
            disps: &[#(#disps),*],
            entries: &[#(#entries),*],
        }
    }
}
