//! What generated code reaches errcat through. Not public API: it changes with codegen.

pub use errcat_macros::code_not_found;
pub use errcat_wire::envelope::Piece;
pub use errcat_wire::lookup::{Table, ascii_lower, same};
pub use phf;

pub use crate::table::{CodeInfo, CodeTable, Lit, Pieces, Shape};

/// Whether `module_path` (of the module a generated file is included in) is the crate root
/// (`expected` empty) or the module `expected` of its crate: the first segment of a module
/// path is the crate's name, whatever the crate is called.
#[must_use]
pub const fn in_module(module_path: &str, expected: &str) -> bool {
    let (path, expected) = (module_path.as_bytes(), expected.as_bytes());
    let mut at = 0;
    while at < path.len() && path[at] != b':' {
        at += 1;
    }
    if expected.is_empty() {
        return at == path.len();
    }
    // After the crate's name: `::`, then exactly `expected`.
    if path.len() != at + 2 + expected.len() {
        return false;
    }
    let mut i = 0;
    while i < expected.len() {
        if path[at + 2 + i] != expected[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// `Serialize`/`Deserialize` as the wire code, when errcat's `serde` feature is on. A macro
/// so that the feature is errcat's, not the crate the catalog is generated in.
#[cfg(feature = "serde")]
#[macro_export]
#[doc(hidden)]
macro_rules! __impl_serde {
    ($ty:ident) => {
        impl $crate::__private::serde::Serialize for $ty {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.code())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::__private::deserialize_code(deserializer)
            }
        }
    };
}

#[cfg(not(feature = "serde"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __impl_serde {
    ($ty:ident) => {};
}

pub use __impl_serde as impl_serde;

/// `From<code> for http::StatusCode`, when errcat's `http` feature is on.
#[cfg(feature = "http")]
#[macro_export]
#[doc(hidden)]
macro_rules! __impl_http {
    ($ty:ident) => {
        impl ::core::convert::From<$ty> for $crate::__private::http::StatusCode {
            fn from(code: $ty) -> Self {
                $crate::integrations::http::status_code(code)
            }
        }
    };
}

#[cfg(not(feature = "http"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __impl_http {
    ($ty:ident) => {};
}

pub use __impl_http as impl_http;

#[cfg(feature = "http")]
pub use http;

#[cfg(feature = "serde")]
pub use serde;

/// Deserializes a known code from its wire code string.
#[cfg(feature = "serde")]
pub fn deserialize_code<'de, C: crate::ErrorCatalog, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<C, D::Error> {
    struct CodeVisitor<C>(core::marker::PhantomData<C>);

    impl<C: crate::ErrorCatalog> serde::de::Visitor<'_> for CodeVisitor<C> {
        type Value = C;

        fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            write!(f, "an error code of the {} catalog", C::SERVICE)
        }

        fn visit_str<E: serde::de::Error>(self, code: &str) -> Result<C, E> {
            C::from_code(code).ok_or_else(|| E::custom(crate::UnknownCode::new(code)))
        }
    }

    deserializer.deserialize_str(CodeVisitor(core::marker::PhantomData))
}

#[cfg(test)]
mod tests {
    use super::in_module;

    #[test]
    fn module_paths_after_the_crate_name() {
        assert!(in_module("errcat", ""));
        assert!(in_module("errcat::kms", "kms"));
        assert!(in_module("my_crate::api::errors", "api::errors"));
        assert!(!in_module("errcat::kms", ""));
        assert!(!in_module("errcat", "kms"));
        assert!(!in_module("errcat::kmsx", "kms"));
        assert!(!in_module("errcat::kms::inner", "kms"));
    }
}
