//! The API every code enum gets (the items of `api::ITEMS`, in that order): the code table,
//! `const fn` accessors, lookups by code string, and the `Display`, `FromStr`,
//! `ErrorCatalog` (and, with errcat's `serde` feature, serde) impls.

use errcat_wire::envelope::{Piece, text_pieces};
use errcat_wire::{Format, Retry};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::lookup;
use crate::model::{Code, Valid};

/// The inherent impl, and the impls of the traits (`Display` and `std::error::Error` only
/// when `display`).
pub fn expand(catalog: &Valid, ty: &Ident, display: bool) -> TokenStream {
    let inherent = inherent(catalog, ty);
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
        ::errcat::__private::impl_http!(#ty);
    }
}

/// The items of `api::ITEMS`.
fn inherent(catalog: &Valid, ty: &Ident) -> TokenStream {
    let variants: Vec<Ident> = catalog.codes.iter().map(super::variant).collect();
    let infos = catalog.codes.iter().map(|code| info(catalog, code));
    let codes: Vec<&str> = catalog.codes.iter().map(|c| c.code.as_str()).collect();
    let lower: Vec<String> = codes.iter().map(|c| c.to_ascii_lowercase()).collect();
    let lower: Vec<&str> = lower.iter().map(String::as_str).collect();
    let by_code = phf_map(&codes, &variants);
    let code_doc = format!(" The wire code, such as `{:?}`.", codes[0]);
    let exact = table(&lookup::build(&codes));
    let lower = table(&lookup::build(&lower));
    quote! {
        // The lookup tables are long integer literals a reader never needs to read.
        #[allow(deprecated, clippy::unreadable_literal)]
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

            /// The perfect hash of the wire codes (see `errcat_wire::lookup`).
            const LOOKUP: ::errcat::__private::Table<'static> = #exact;

            /// The perfect hash of the ASCII-lower-cased wire codes.
            const LOOKUP_LOWER: ::errcat::__private::Table<'static> = #lower;

            /// One row per code, in variant order: `self as usize` indexes it.
            const INFO: &'static [::errcat::__private::CodeInfo] = &[#(#infos),*];

            #[doc = #code_doc]
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

            /// The URL of the code's documentation, if the catalog has a `docs` template.
            #[must_use]
            pub const fn docs(self) -> ::core::option::Option<&'static str> {
                Self::INFO[self as usize].docs
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

/// `::errcat::Dialect::Kms`: the catalog's dialect as a path.
fn dialect(catalog: &Valid) -> TokenStream {
    let name = format!("{:?}", catalog.dialect);
    let name = Ident::new(&name, proc_macro2::Span::call_site());
    quote!(::errcat::Dialect::#name)
}

/// The table row of one code.
fn info(catalog: &Valid, code: &Code) -> TokenStream {
    let Code {
        code: wire,
        status,
        message,
        deprecated,
        ..
    } = code;
    let source = &message.source;
    let retry = Ident::new(
        match code.retry {
            Retry::Never => "Never",
            Retry::Transient => "Transient",
            Retry::Throttling => "Throttling",
        },
        proc_macro2::Span::call_site(),
    );
    let placeholders = message.placeholders();
    let optional = |text: Option<&str>| match text {
        Some(text) => quote!(::core::option::Option::Some(#text)),
        None => quote!(::core::option::Option::None),
    };
    let deprecated = optional(deprecated.as_deref());
    let docs = optional(catalog.docs_url(code).as_deref());
    let text = pieces(&text_pieces(&code.message_text()));
    let json = pieces(&catalog.error_pieces(code, Format::Json));
    let xml = pieces(&catalog.error_pieces(code, Format::Xml));
    quote! {
        ::errcat::__private::CodeInfo {
            code: #wire,
            status: #status,
            message: #source,
            retry: ::errcat::Retry::#retry,
            placeholders: &[#(#placeholders),*],
            deprecated: #deprecated,
            docs: #docs,
            text: &[#(#text),*],
            json: &[#(#json),*],
            xml: &[#(#xml),*],
        }
    }
}

/// Envelope pieces as `::errcat::__private::Piece` values.
fn pieces(pieces: &[Piece<String>]) -> Vec<TokenStream> {
    let piece = |piece: &Piece<String>| match piece {
        Piece::Lit(text) => quote!(::errcat::__private::Piece::Lit(#text)),
        Piece::Arg(i) => quote!(::errcat::__private::Piece::Arg(#i)),
        Piece::RequestId => quote!(::errcat::__private::Piece::RequestId),
        Piece::HostId {
            before,
            after,
            absent,
        } => quote!(::errcat::__private::Piece::HostId {
            before: #before,
            after: #after,
            absent: #absent,
        }),
    };
    pieces.iter().map(piece).collect()
}

/// A built lookup table as a `Table` value.
fn table(built: &lookup::Built) -> TokenStream {
    let lookup::Built {
        seed,
        windows,
        displacements,
        slots,
        keys,
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

/// A `phf::Map` from each code to its variant (`Self::X`: it is built inside the enum's
/// impl), laid out as phf_codegen lays it out: phf's generator places the keys (with a fixed
/// seed, so the output is the same on every build) and the map is written as tokens.
/// phf_codegen would print Rust source, to be parsed back into tokens: a step that could
/// only fail with an unlocated error, and that this way does not exist.
fn phf_map(codes: &[&str], variants: &[Ident]) -> TokenStream {
    let state = phf_generator::generate_hash(codes);
    let key = state.key;
    let disps = state.disps.iter().map(|&(d1, d2)| quote!((#d1, #d2)));
    let pairs: Vec<(&str, &Ident)> = codes.iter().copied().zip(variants).collect();
    // `map` holds each key's index in the order of the table's entries.
    let entries = state.map.iter().filter_map(|&index| pairs.get(index));
    let entries = entries.map(|(code, variant)| quote!((#code, Self::#variant)));
    quote! {
        ::errcat::__private::phf::Map {
            key: #key,
            disps: &[#(#disps),*],
            entries: &[#(#entries),*],
        }
    }
}
