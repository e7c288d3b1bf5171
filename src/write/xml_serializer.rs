//! A small `serde::Serializer` that writes a success result as XML elements.
//!
//! The mapping mirrors what serde_json writes for the same value, so that the two formats
//! carry the same data:
//!
//! | Rust value | JSON | XML, as the value of field `f` |
//! |---|---|---|
//! | number, bool, string, char | `"f":1` | `<f>1</f>` (text escaped) |
//! | `None` | `"f":null` | nothing |
//! | `()`, unit struct | `"f":null` | `<f/>` |
//! | struct, map | `"f":{"a":1}` | `<f><a>1</a></f>` |
//! | `Vec`, tuple, bytes | `"f":[1,2]` | `<f>1</f><f>2</f>` (a sequence in a sequence is an error) |
//! | enum `E::V` / `E::V(x)` / `E::V{..}` | `"V"` / `{"V":x}` / `{"V":{..}}` | `<f>V</f>` / `<f><V>x</V></f>` / `<f><V>..</V></f>` |
//!
//! Floats are written as Rust's `{:?}` writes them (shortest round trip: `0.1`, `1e300`);
//! non-finite ones as XML Schema spells them (`NaN`, `INF`, `-INF`), where JSON has `null`.
//!
//! Written here rather than taken from quick-xml's serde support (which would also need its
//! `serialize` feature): for a DescribeKey-like result, quick-xml's `Serializer` writes
//! characters XML 1.0 cannot carry as they are (ill-formed output), writes `None` as an empty
//! element instead of leaving it out, silently flattens a sequence of sequences, and is slower
//! (it buffers children in temporary strings; BENCHMARKS.md has the figure). This one
//! escapes exactly as the error envelopes do and allocates only for map keys.

use std::fmt::Display;
use std::io::Write as _;

use serde::ser::{self, Impossible, Serialize};

use errcat_wire::escape;
use errcat_wire::sink::infallible;
use errcat_wire::{is_xml_name, xml};

use super::success_error::SuccessError;

type Result<T = (), E = SuccessError> = std::result::Result<T, E>;

/// The result itself: it must be a struct or map (or an enum variant, or a newtype or `Some`
/// around one), whose fields become the children of `<{Action}Response>`.
pub(crate) struct TopLevel<'a> {
    pub out: &'a mut Vec<u8>,
}

/// One element named `name` holding a value.
struct Element<'a> {
    out: &'a mut Vec<u8>,
    name: &'a str,
    /// Already an item of a sequence: another sequence here would lose its boundaries.
    in_seq: bool,
}

/// The items of a sequence, each an element named `item`; then the `close` end tag, if any.
pub(crate) struct Items<'a> {
    out: &'a mut Vec<u8>,
    item: &'a str,
    close: Option<&'a str>,
}

/// The fields of a struct, each an element; then the `close` end tags, inner first.
pub(crate) struct Fields<'a> {
    out: &'a mut Vec<u8>,
    close: [Option<&'a str>; 2],
}

/// The entries of a map, each an element named by its key; then the `close` end tag.
pub(crate) struct Entries<'a> {
    out: &'a mut Vec<u8>,
    /// The current key, reused from entry to entry.
    key: String,
    close: Option<&'a str>,
}

/// `name`, if it is an XML name.
fn checked(name: &str) -> Result<&str> {
    if is_xml_name(name) {
        Ok(name)
    } else {
        Err(SuccessError::InvalidName(name.to_owned()))
    }
}

/// Appends the pieces of a tag (`errcat_wire::xml`'s).
fn put<'a>(out: &mut Vec<u8>, tag: impl Iterator<Item = &'a str>) {
    for piece in tag {
        out.extend_from_slice(piece.as_bytes());
    }
}

/// `<name>`, after checking that `name` is one.
fn open(out: &mut Vec<u8>, name: &str) -> Result {
    put(out, xml::start_tag([checked(name)?]));
    Ok(())
}

/// `</name>`.
fn close(out: &mut Vec<u8>, name: &str) {
    put(out, xml::end_tag([name]));
}

/// What a value that is not a struct or map is, in the words of its JSON form.
fn not_a_struct<T>(found: &'static str) -> Result<T> {
    Err(SuccessError::NotAStruct { found })
}

macro_rules! top_level_rejects {
    ($($method:ident($($arg:ty),*) => $found:literal),* $(,)?) => {$(
        fn $method(self $(, _: $arg)*) -> Result {
            not_a_struct($found)
        }
    )*};
}

impl<'a> ser::Serializer for TopLevel<'a> {
    type Ok = ();
    type Error = SuccessError;
    type SerializeSeq = Impossible<(), SuccessError>;
    type SerializeTuple = Impossible<(), SuccessError>;
    type SerializeTupleStruct = Impossible<(), SuccessError>;
    type SerializeTupleVariant = Items<'a>;
    type SerializeMap = Entries<'a>;
    type SerializeStruct = Fields<'a>;
    type SerializeStructVariant = Fields<'a>;

    top_level_rejects! {
        serialize_bool(bool) => "a boolean",
        serialize_i8(i8) => "a number",
        serialize_i16(i16) => "a number",
        serialize_i32(i32) => "a number",
        serialize_i64(i64) => "a number",
        serialize_i128(i128) => "a number",
        serialize_u8(u8) => "a number",
        serialize_u16(u16) => "a number",
        serialize_u32(u32) => "a number",
        serialize_u64(u64) => "a number",
        serialize_u128(u128) => "a number",
        serialize_f32(f32) => "a number",
        serialize_f64(f64) => "a number",
        serialize_char(char) => "a string",
        serialize_str(&str) => "a string",
        serialize_bytes(&[u8]) => "a sequence",
        serialize_none() => "null",
        serialize_unit() => "null",
        serialize_unit_struct(&'static str) => "null",
        serialize_unit_variant(&'static str, u32, &'static str) => "a string",
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        value.serialize(Element::new(self.out, variant))
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq> {
        not_a_struct("a sequence")
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple> {
        not_a_struct("a sequence")
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        not_a_struct("a sequence")
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Ok(Items::new(self.out, variant, None))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap> {
        Ok(Entries::new(self.out, None))
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct> {
        Ok(Fields::new(self.out, [None, None]))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        open(self.out, variant)?;
        Ok(Fields::new(self.out, [Some(variant), None]))
    }
}

impl<'a> Element<'a> {
    fn new(out: &'a mut Vec<u8>, name: &'a str) -> Self {
        Element {
            out,
            name,
            in_seq: false,
        }
    }

    /// `<name>text</name>`, the text escaped.
    fn text(self, text: &str) -> Result {
        open(self.out, self.name)?;
        infallible(escape::xml(text, self.out));
        close(self.out, self.name);
        Ok(())
    }

    /// `<name>value</name>` for a value whose `Display` needs no escaping (a number).
    fn display(self, value: impl Display) -> Result {
        open(self.out, self.name)?;
        write!(self.out, "{value}").map_err(|e| SuccessError::Serialize(e.to_string()))?;
        close(self.out, self.name);
        Ok(())
    }

    /// A float: shortest round-trip digits, or the XML Schema spelling of a non-finite one.
    fn float(self, value: f64, debug: impl std::fmt::Debug) -> Result {
        match value {
            v if v.is_nan() => self.text("NaN"),
            f64::INFINITY => self.text("INF"),
            f64::NEG_INFINITY => self.text("-INF"),
            _ => self.display(format_args!("{debug:?}")),
        }
    }

    /// A sequence's items, each as this element; refused inside another sequence, where the
    /// boundary between the two would be lost.
    fn items(self, close: Option<&'a str>) -> Result<Items<'a>> {
        if self.in_seq {
            return Err(SuccessError::NestedSequence(self.name.to_owned()));
        }
        Ok(Items::new(self.out, self.name, close))
    }
}

macro_rules! element_numbers {
    ($($method:ident($ty:ty)),* $(,)?) => {$(
        fn $method(self, value: $ty) -> Result {
            self.display(value)
        }
    )*};
}

impl<'a> ser::Serializer for Element<'a> {
    type Ok = ();
    type Error = SuccessError;
    type SerializeSeq = Items<'a>;
    type SerializeTuple = Items<'a>;
    type SerializeTupleStruct = Items<'a>;
    type SerializeTupleVariant = Items<'a>;
    type SerializeMap = Entries<'a>;
    type SerializeStruct = Fields<'a>;
    type SerializeStructVariant = Fields<'a>;

    element_numbers! {
        serialize_bool(bool),
        serialize_i8(i8), serialize_i16(i16), serialize_i32(i32), serialize_i64(i64),
        serialize_i128(i128),
        serialize_u8(u8), serialize_u16(u16), serialize_u32(u32), serialize_u64(u64),
        serialize_u128(u128),
    }

    fn serialize_f32(self, value: f32) -> Result {
        self.float(f64::from(value), value)
    }

    fn serialize_f64(self, value: f64) -> Result {
        self.float(value, value)
    }

    fn serialize_char(self, value: char) -> Result {
        self.text(value.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, value: &str) -> Result {
        self.text(value)
    }

    /// Bytes are a sequence of numbers, as serde_json writes them.
    fn serialize_bytes(self, value: &[u8]) -> Result {
        let mut items = self.items(None)?;
        for byte in value {
            ser::SerializeSeq::serialize_element(&mut items, byte)?;
        }
        ser::SerializeSeq::end(items)
    }

    fn serialize_none(self) -> Result {
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result {
        put(self.out, xml::empty_tag([checked(self.name)?]));
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result {
        self.serialize_unit()
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        self.text(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        open(self.out, self.name)?;
        value.serialize(Element::new(self.out, variant))?;
        close(self.out, self.name);
        Ok(())
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Items<'a>> {
        self.items(None)
    }

    fn serialize_tuple(self, _: usize) -> Result<Items<'a>> {
        self.items(None)
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Items<'a>> {
        self.items(None)
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Items<'a>> {
        open(self.out, self.name)?;
        Ok(Items::new(self.out, variant, Some(self.name)))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Entries<'a>> {
        open(self.out, self.name)?;
        Ok(Entries::new(self.out, Some(self.name)))
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Fields<'a>> {
        open(self.out, self.name)?;
        Ok(Fields::new(self.out, [Some(self.name), None]))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Fields<'a>> {
        open(self.out, self.name)?;
        open(self.out, variant)?;
        Ok(Fields::new(self.out, [Some(variant), Some(self.name)]))
    }
}

impl<'a> Items<'a> {
    fn new(out: &'a mut Vec<u8>, item: &'a str, close: Option<&'a str>) -> Self {
        Items { out, item, close }
    }

    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        value.serialize(Element {
            out: self.out,
            name: self.item,
            in_seq: true,
        })
    }

    fn finish(self) -> Result {
        if let Some(name) = self.close {
            close(self.out, name);
        }
        Ok(())
    }
}

/// One implementation for the four kinds of sequence serde knows.
macro_rules! impl_items {
    ($($trait:ident::$method:ident),*) => {$(
        impl ser::$trait for Items<'_> {
            type Ok = ();
            type Error = SuccessError;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
                self.item(value)
            }

            fn end(self) -> Result {
                self.finish()
            }
        }
    )*};
}

impl_items!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl<'a> Fields<'a> {
    fn new(out: &'a mut Vec<u8>, close: [Option<&'a str>; 2]) -> Self {
        Fields { out, close }
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        value.serialize(Element::new(self.out, key))
    }

    fn finish(self) -> Result {
        for name in self.close.into_iter().flatten() {
            close(self.out, name);
        }
        Ok(())
    }
}

impl ser::SerializeStruct for Fields<'_> {
    type Ok = ();
    type Error = SuccessError;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.field(key, value)
    }

    fn end(self) -> Result {
        self.finish()
    }
}

impl ser::SerializeStructVariant for Fields<'_> {
    type Ok = ();
    type Error = SuccessError;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.field(key, value)
    }

    fn end(self) -> Result {
        self.finish()
    }
}

impl<'a> Entries<'a> {
    fn new(out: &'a mut Vec<u8>, close: Option<&'a str>) -> Self {
        Entries {
            out,
            key: String::new(),
            close,
        }
    }
}

impl ser::SerializeMap for Entries<'_> {
    type Ok = ();
    type Error = SuccessError;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result {
        self.key.clear();
        key.serialize(KeyName(&mut self.key))
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        value.serialize(Element::new(self.out, &self.key))
    }

    fn end(self) -> Result {
        if let Some(name) = self.close {
            close(self.out, name);
        }
        Ok(())
    }
}

/// A map key, captured as the element name it becomes: only strings (and chars, and unit
/// variants, which serde_json writes as strings) can name an element.
struct KeyName<'a>(&'a mut String);

fn key_not_a_string<T>() -> Result<T> {
    Err(SuccessError::Serialize(
        "a map key must be a string to name an XML element".to_owned(),
    ))
}

macro_rules! key_rejects {
    ($($method:ident($($arg:ty),*)),* $(,)?) => {$(
        fn $method(self $(, _: $arg)*) -> Result {
            key_not_a_string()
        }
    )*};
}

impl ser::Serializer for KeyName<'_> {
    type Ok = ();
    type Error = SuccessError;
    type SerializeSeq = Impossible<(), SuccessError>;
    type SerializeTuple = Impossible<(), SuccessError>;
    type SerializeTupleStruct = Impossible<(), SuccessError>;
    type SerializeTupleVariant = Impossible<(), SuccessError>;
    type SerializeMap = Impossible<(), SuccessError>;
    type SerializeStruct = Impossible<(), SuccessError>;
    type SerializeStructVariant = Impossible<(), SuccessError>;

    key_rejects! {
        serialize_bool(bool),
        serialize_i8(i8), serialize_i16(i16), serialize_i32(i32), serialize_i64(i64),
        serialize_i128(i128),
        serialize_u8(u8), serialize_u16(u16), serialize_u32(u32), serialize_u64(u64),
        serialize_u128(u128),
        serialize_f32(f32), serialize_f64(f64),
        serialize_bytes(&[u8]),
        serialize_none(), serialize_unit(), serialize_unit_struct(&'static str),
    }

    fn serialize_char(self, value: char) -> Result {
        self.0.push(value);
        Ok(())
    }

    fn serialize_str(self, value: &str) -> Result {
        self.0.push_str(value);
        Ok(())
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        self.serialize_str(variant)
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result {
        key_not_a_string()
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result {
        key_not_a_string()
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq> {
        key_not_a_string()
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple> {
        key_not_a_string()
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        key_not_a_string()
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        key_not_a_string()
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap> {
        key_not_a_string()
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct> {
        key_not_a_string()
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        key_not_a_string()
    }
}
