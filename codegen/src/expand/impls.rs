//! The API every code enum gets: the code table, `const fn` accessors, lookups by code
//! string, and the `Display`, `FromStr`, `ErrorCatalog` (and, with errcat's `serde` feature,
//! serde) impls.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::envelope::{self, Fragment};
use crate::model::{Code, Retry, Valid};

pub fn expand(catalog: &Valid, ty: &Ident) -> TokenStream {
    let service = &catalog.service;
    let variants: Vec<Ident> = catalog.codes.iter().map(super::variant).collect();
    let infos = catalog.codes.iter().map(|code| info(service, code));
    let by_code = phf_map(ty, catalog.codes.iter().map(|c| c.code.clone()), &variants);
    let exact = lookup(catalog.codes.iter().map(|c| c.code.clone()));
    let lower = lookup(catalog.codes.iter().map(|c| c.code.to_ascii_lowercase()));
    quote! {
        #[allow(deprecated)]
        impl #ty {
            /// Every code, in catalog order.
            pub const ALL: &'static [Self] = &[#(Self::#variants),*];

            /// Codes by their exact wire code, as a `phf::Map` built at compile time.
            /// [`from_code`](Self::from_code) is faster: it uses a perfect hash generated for
            /// exactly these codes.
            pub const BY_CODE: ::errcat::__private::phf::Map<&'static str, Self> = #by_code;

            /// What a lookup answers, by code index: `Some` of every code, then `None` for a
            /// miss, so that the answer is one read whatever the outcome.
            const ANSWERS: &'static [::core::option::Option<Self>] =
                &[#(::core::option::Option::Some(Self::#variants),)* ::core::option::Option::None];

            /// The perfect hash of the wire codes (see `errcat_codegen::lookup`).
            const LOOKUP: ::errcat::__private::Lookup = #exact;

            /// The perfect hash of the ASCII-lower-cased wire codes.
            const LOOKUP_LOWER: ::errcat::__private::Lookup = #lower;

            /// One row per code, in variant order: `self as usize` indexes it.
            const INFO: &'static [::errcat::__private::CodeInfo] = &[#(#infos),*];

            /// The wire code, such as `"Forbidden.KeyNotFound"`.
            #[must_use]
            pub const fn code(self) -> &'static str {
                Self::INFO[self as usize].code
            }

            /// The HTTP status of responses carrying this code.
            #[must_use]
            pub const fn http_status(self) -> u16 {
                Self::INFO[self as usize].status
            }

            /// The message template as the catalog writes it: `{name}` marks a placeholder,
            /// `{{` and `}}` are literal braces.
            #[must_use]
            pub const fn message(self) -> &'static str {
                Self::INFO[self as usize].message
            }

            /// How a client should treat this error before retrying.
            #[must_use]
            pub const fn retry(self) -> ::errcat::Retry {
                Self::INFO[self as usize].retry
            }

            /// Whether retrying the request may succeed (the retry kind is not `Never`).
            #[must_use]
            pub const fn is_retryable(self) -> bool {
                !matches!(self.retry(), ::errcat::Retry::Never)
            }

            /// The names of the message's placeholders, in order of first use.
            #[must_use]
            pub const fn placeholders(self) -> &'static [&'static str] {
                Self::INFO[self as usize].placeholders
            }

            /// Why the code is deprecated, if it is.
            #[must_use]
            pub const fn deprecation(self) -> ::core::option::Option<&'static str> {
                Self::INFO[self as usize].deprecated
            }

            /// The code with exactly this wire code, or `None`.
            #[must_use]
            #[inline]
            pub fn from_code(code: &str) -> ::core::option::Option<Self> {
                ::errcat::__private::find(&Self::LOOKUP, Self::ANSWERS, code)
            }

            /// The code with this wire code in any ASCII case, or `None`. Allocates nothing.
            #[must_use]
            #[inline]
            pub fn from_code_ignore_case(code: &str) -> ::core::option::Option<Self> {
                ::errcat::__private::find_ignore_case(&Self::LOOKUP_LOWER, Self::ANSWERS, code)
            }
        }

        impl ::core::fmt::Display for #ty {
            /// Writes the wire code.
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl ::core::str::FromStr for #ty {
            type Err = ::errcat::UnknownCode;

            /// Parses an exact wire code.
            fn from_str(code: &str) -> ::core::result::Result<Self, Self::Err> {
                Self::from_code(code).ok_or_else(|| ::errcat::UnknownCode::new(code))
            }
        }

        impl ::errcat::ErrorCatalog for #ty {
            const SERVICE: &'static str = #service;
            const ALL: &'static [Self] = Self::ALL;

            fn info(self) -> &'static ::errcat::__private::CodeInfo {
                &Self::INFO[self as usize]
            }

            fn from_code(code: &str) -> ::core::option::Option<Self> {
                Self::from_code(code)
            }

            fn from_code_ignore_case(code: &str) -> ::core::option::Option<Self> {
                Self::from_code_ignore_case(code)
            }
        }

        ::errcat::__private::impl_serde!(#ty);
    }
}

/// The table row of one code.
fn info(service: &str, code: &Code) -> TokenStream {
    let Code {
        code: wire,
        status,
        message,
        deprecated,
        ..
    } = code;
    let source = &message.source;
    let retry = match code.retry {
        Retry::Never => quote!(Never),
        Retry::Transient => quote!(Transient),
        Retry::Throttling => quote!(Throttling),
    };
    let placeholders = message.placeholders();
    let deprecated = match deprecated {
        Some(reason) => quote!(::core::option::Option::Some(#reason)),
        None => quote!(::core::option::Option::None),
    };
    let text = fragments(&envelope::text_head(code));
    let json = fragments(&envelope::json_head(code));
    let xml = fragments(&envelope::xml_head(service, code));
    quote! {
        ::errcat::__private::CodeInfo {
            code: #wire,
            status: #status,
            message: #source,
            retry: ::errcat::Retry::#retry,
            placeholders: &[#(#placeholders),*],
            deprecated: #deprecated,
            text: &[#(#text),*],
            json: &[#(#json),*],
            xml: &[#(#xml),*],
        }
    }
}

fn fragments(fragments: &[Fragment]) -> Vec<TokenStream> {
    let piece = |fragment: &Fragment| match fragment {
        Fragment::Literal(text) => quote!(::errcat::__private::Piece::Lit(#text)),
        Fragment::Arg(i) => quote!(::errcat::__private::Piece::Arg(#i)),
    };
    fragments.iter().map(piece).collect()
}

/// The generated perfect hash of `keys` (in variant order), as a `Lookup` value.
fn lookup(keys: impl Iterator<Item = String>) -> TokenStream {
    let keys: Vec<String> = keys.collect();
    let bytes: Vec<&[u8]> = keys.iter().map(String::as_bytes).collect();
    // The keys packed for the comparison: one string, and where each key ends in it.
    let packed = keys.concat();
    let ends: Vec<u32> = keys
        .iter()
        .scan(0u32, |end, key| {
            *end += key.len() as u32;
            Some(*end)
        })
        .collect();
    let hash = match crate::lookup::build(&bytes) {
        crate::lookup::Lookup::Picked(p) => {
            let crate::lookup::Picked {
                positions: [p1, p2],
                multiplier,
                shift,
                slots,
            } = p;
            quote! {
                ::errcat::__private::Hash::Picked {
                    positions: [#p1, #p2],
                    multiplier: #multiplier,
                    shift: #shift,
                    slots: &[#(#slots),*],
                    ends: &[#(#ends),*],
                }
            }
        }
        crate::lookup::Lookup::Displaced(d) => {
            let crate::lookup::Displaced {
                seed,
                displacements,
                slots,
            } = d;
            let entries: Vec<u64> = slots
                .iter()
                .map(|&slot| displaced_entry(&ends, slot))
                .collect();
            quote! {
                ::errcat::__private::Hash::Displaced {
                    seed: #seed,
                    displacements: &[#(#displacements),*],
                    entries: &[#(#entries),*],
                }
            }
        }
    };
    quote! {
        ::errcat::__private::Lookup {
            hash: #hash,
            keys: #packed,
        }
    }
}

/// A displaced slot's entry, as `errcat::__private::Hash::Displaced` reads it: the slot's
/// key's start in the packed keys (bits 0 to 31), its length (32 to 47) and its index (48 to
/// 63); for an empty slot, length 0 and index `u16::MAX`.
fn displaced_entry(ends: &[u32], slot: u16) -> u64 {
    if slot == crate::lookup::EMPTY {
        return u64::from(u16::MAX) << 48;
    }
    let index = usize::from(slot);
    let end = ends[index];
    let start = index.checked_sub(1).map_or(0, |before| ends[before]);
    u64::from(start) | (u64::from(end - start) << 32) | (u64::from(slot) << 48)
}

/// A `phf::Map` from each key to its variant. phf's generator uses a fixed seed, so the
/// output is the same on every build.
fn phf_map(ty: &Ident, keys: impl Iterator<Item = String>, variants: &[Ident]) -> TokenStream {
    let mut map = phf_codegen::Map::new();
    map.phf_path("::errcat::__private::phf");
    for (key, variant) in keys.zip(variants) {
        map.entry(key, format!("{ty}::{variant}"));
    }
    let text = map.build().to_string();
    // phf_codegen prints Rust source; the only way to get it into a token stream is to parse
    // it. It is generated from checked keys, so it always parses.
    syn::parse_str::<syn::Expr>(&text).map_or_else(|e| e.to_compile_error(), |expr| quote!(#expr))
}
