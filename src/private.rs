//! What generated code reaches errcat through. Not public API: it changes with codegen.

pub use errcat_macros::code_not_found;
pub use phf;

pub use crate::lookup::{Hash, Lookup, find, find_ignore_case, word_hash};

use crate::Retry;

/// One code's row of a generated table.
#[derive(Debug)]
pub struct CodeInfo {
    pub code: &'static str,
    pub status: u16,
    /// The message template as written.
    pub message: &'static str,
    pub retry: Retry,
    pub placeholders: &'static [&'static str],
    pub deprecated: Option<&'static str>,
    /// The message, unescaped.
    pub text: &'static [Piece],
    /// The JSON envelope up to the request id: `{"HttpStatus":..,"RequestId":"`.
    pub json: &'static [Piece],
    /// The XML envelope up to the request id: `<?xml ..?><KMS>..<RequestId>`.
    pub xml: &'static [Piece],
}

/// A fragment of a message or envelope head.
#[derive(Debug)]
pub enum Piece {
    /// Text written as is (escaped at build time for the format it belongs to).
    Lit(&'static str),
    /// The placeholder argument at this index.
    Arg(usize),
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
