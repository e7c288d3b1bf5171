//! The code table (`INFO`): one column per fact, each indexed by `code as usize`. Each
//! code's message and envelopes are split in two (see `shape`): a shape, the pieces with
//! where their text is, shared by every code whose pieces differ only in their own text;
//! and its own literals, in one column for the whole catalog.
//!
//! rustc spends far longer on each slice or enum value written out in a constant than on a
//! literal or a path: a row of nested slices per code made a large catalog spend most of its
//! build in borrow and type checking. Here a code costs a few literals and paths, and only
//! the few shapes are slices of pieces.

use std::collections::HashMap;
use std::hash::Hash;

use errcat_wire::Retry;
use errcat_wire::envelope::Piece;
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::shape::{self, Lit};
use crate::docs::LARGE_CATALOG;
use crate::model::{Code, Valid};
use crate::names;

/// The `&'static CodeTable` of `catalog`: a block that defines the placeholder lists
/// (`P0`, `P1`, ...) and shapes (`S0`, ...) its columns name.
pub fn expand(catalog: &Valid) -> TokenStream {
    let mut columns = Columns::default();
    let factored = catalog.codes.len() > LARGE_CATALOG;
    for code in &catalog.codes {
        columns.add(catalog, code, factored);
    }
    let Columns {
        placeholders,
        shapes,
        first_lits,
        lits,
    } = columns;
    let codes = catalog.codes.iter().map(|c| c.code.as_str());
    let variants = catalog.codes.iter().map(|c| names::unraw(&c.variant));
    let statuses = catalog
        .codes
        .iter()
        .map(|c| Literal::u16_unsuffixed(c.status));
    let messages = catalog.codes.iter().map(|c| c.message.source.as_str());
    let retries = catalog.codes.iter().map(|c| retry(c.retry));
    let deprecated = optional_column(catalog.codes.iter().map(|c| c.deprecated.clone()));
    let docs = optional_column(catalog.codes.iter().map(|c| catalog.docs_url(c)));
    let placeholder_lists = placeholders.distinct.iter().enumerate().map(|(i, list)| {
        let name = format_ident!("P{i}");
        quote!(const #name: &[&str] = &[#(#list),*];)
    });
    let shape_list = shapes.distinct.iter().enumerate().map(|(i, forms)| {
        let name = format_ident!("S{i}");
        let shape = shape(forms);
        quote!(const #name: &Shape = &#shape;)
    });
    let first_lits = first_lits.into_iter().map(Literal::u32_unsuffixed);
    let placeholders = placeholders.column("P");
    let shapes = shapes.column("S");
    // Only what the columns use, or rustc warns of the rest.
    let mut kinds: Vec<Retry> = catalog.codes.iter().map(|c| c.retry).collect();
    kinds.sort();
    kinds.dedup();
    let kinds = kinds.into_iter().map(retry);
    let none = [&deprecated, &docs]
        .iter()
        .any(|column| column.iter().any(Option::is_none))
        .then(|| {
            quote!(
                const NONE: ::core::option::Option<&str> = ::core::option::Option::None;
            )
        });
    let deprecated_values = deprecated.iter().map(|text| optional(text.as_deref()));
    let docs_values = docs.iter().map(|text| optional(text.as_deref()));
    quote! {{
        use ::errcat::__private::{CodeTable, Lit, Piece, Shape};
        use ::errcat::Retry::{#(#kinds),*};
        #none
        #(#placeholder_lists)*
        #(#shape_list)*
        &CodeTable {
            codes: &[#(#codes),*],
            variants: &[#(#variants),*],
            statuses: &[#(#statuses),*],
            messages: &[#(#messages),*],
            retries: &[#(#retries),*],
            placeholders: &[#(#placeholders),*],
            deprecated: &[#(#deprecated_values),*],
            docs: &[#(#docs_values),*],
            shapes: &[#(#shapes),*],
            first_lits: &[#(#first_lits),*],
            lits: &[#(#lits),*],
        }
    }}
}

/// The columns that are not one literal per code, being made code by code.
#[derive(Default)]
struct Columns {
    placeholders: Shared<Vec<String>>,
    /// The pieces of each code's message, JSON and XML envelope.
    shapes: Shared<[Vec<Piece<Lit>>; 3]>,
    first_lits: Vec<u32>,
    lits: Vec<String>,
}

impl Columns {
    fn add(&mut self, catalog: &Valid, code: &Code, factored: bool) {
        let names = code.message.placeholders();
        self.placeholders
            .add(names.iter().map(|name| (*name).to_owned()).collect());
        let (forms, own) = shape::forms(catalog, code, factored);
        self.first_lits.push(index_u32(self.lits.len()));
        self.lits.extend(own);
        self.shapes.add(forms);
    }
}

/// A column of values that many codes share: each distinct value once, in order of first
/// use, and each code's value by its index among them.
struct Shared<T> {
    distinct: Vec<T>,
    seen: HashMap<T, usize>,
    indexes: Vec<usize>,
}

impl<T> Default for Shared<T> {
    fn default() -> Self {
        Shared {
            distinct: Vec::new(),
            seen: HashMap::new(),
            indexes: Vec::new(),
        }
    }
}

impl<T: Clone + Eq + Hash> Shared<T> {
    fn add(&mut self, value: T) {
        let index = match self.seen.get(&value) {
            Some(&index) => index,
            None => {
                self.seen.insert(value.clone(), self.distinct.len());
                self.distinct.push(value);
                self.distinct.len() - 1
            }
        };
        self.indexes.push(index);
    }

    /// Each code's value, as the name of its constant: `prefix` and its index.
    fn column(&self, prefix: &str) -> Vec<Ident> {
        self.indexes
            .iter()
            .map(|index| format_ident!("{prefix}{index}"))
            .collect()
    }
}

/// A shape as a `Shape` value: each form's pieces, and where the JSON and XML envelopes'
/// own literals start among a code's.
fn shape(forms: &[Vec<Piece<Lit>>; 3]) -> TokenStream {
    let own = |form: &[Piece<Lit>]| form.iter().filter(|p| **p == Piece::Lit(Lit::Own)).count();
    let json_lits = Literal::u32_unsuffixed(index_u32(own(&forms[0])));
    let xml_lits = Literal::u32_unsuffixed(index_u32(own(&forms[0]) + own(&forms[1])));
    let [text, json, xml] = forms.each_ref().map(|form| form.iter().map(piece));
    quote! {
        Shape {
            text: &[#(#text),*],
            json: &[#(#json),*],
            xml: &[#(#xml),*],
            json_lits: #json_lits,
            xml_lits: #xml_lits,
        }
    }
}

/// An envelope piece as a `Piece` value.
fn piece(piece: &Piece<Lit>) -> TokenStream {
    match piece {
        Piece::Lit(lit) => {
            let lit = lit_value(lit);
            quote!(Piece::Lit(#lit))
        }
        Piece::Arg(i) => {
            let i = Literal::usize_unsuffixed(*i);
            quote!(Piece::Arg(#i))
        }
        Piece::RequestId => quote!(Piece::RequestId),
        Piece::HostId {
            before,
            after,
            absent,
        } => {
            let [before, after, absent] = [before, after, absent].map(lit_value);
            quote!(Piece::HostId {
                before: #before,
                after: #after,
                absent: #absent,
            })
        }
    }
}

/// Where a literal's text is, as a `Lit` value.
fn lit_value(lit: &Lit) -> TokenStream {
    match lit {
        Lit::Own => quote!(&Lit::Own),
        Lit::Shared(text) => quote!(&Lit::Shared(#text)),
        Lit::Code => quote!(&Lit::Code),
        Lit::Message => quote!(&Lit::Message),
        Lit::Docs => quote!(&Lit::Docs),
    }
}

fn retry(retry: Retry) -> TokenStream {
    match retry {
        Retry::Never => quote!(Never),
        Retry::Transient => quote!(Transient),
        Retry::Throttling => quote!(Throttling),
    }
}

/// A column of optional text, one value per code; empty when no code has a value
/// (`CodeInfo` reads past the end of a column as `None`).
fn optional_column(values: impl Iterator<Item = Option<String>>) -> Vec<Option<String>> {
    let values: Vec<Option<String>> = values.collect();
    if values.iter().all(Option::is_none) {
        return Vec::new();
    }
    values
}

/// One value of such a column: `Some(TEXT)`, or `NONE`, the constant the table defines.
fn optional(text: Option<&str>) -> TokenStream {
    match text {
        Some(text) => quote!(::core::option::Option::Some(#text)),
        None => quote!(NONE),
    }
}

/// An index into the literals' column: a catalog has at most `MAX_CODES` codes, each with a
/// few dozen literals at most, so it fits.
fn index_u32(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}
