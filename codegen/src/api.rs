//! The API every code enum gets, listed once: the emitter generates these items, the derive's
//! fallback stubs them, the checker keeps variants and constructors off their names, and the
//! `ErrorCatalog` trait declares the ones marked `in_trait` (tests compare each with this
//! list).

/// One associated item of a generated code enum.
#[derive(Clone, Copy, Debug)]
pub struct Item {
    /// Its name.
    pub name: &'static str,
    /// The signature a fallback stub gets: `None` for a private item, which has no stub.
    pub stub: Option<&'static str>,
    /// Whether the `ErrorCatalog` trait declares it too (read by the test that compares the
    /// trait with this list).
    #[allow(dead_code)]
    pub in_trait: bool,
}

const fn public(name: &'static str, stub: &'static str, in_trait: bool) -> Item {
    Item {
        name,
        stub: Some(stub),
        in_trait,
    }
}

const fn private(name: &'static str) -> Item {
    Item {
        name,
        stub: None,
        in_trait: false,
    }
}

/// Every associated item the emitter puts in a code enum's inherent impl (constructors
/// aside), in the order emitted.
pub const ITEMS: &[Item] = &[
    public("ALL", "pub const ALL: &'static [Self]", true),
    public(
        "BY_CODE",
        "pub const BY_CODE: ::errcat::__private::phf::Map<&'static str, Self>",
        false,
    ),
    private("ANSWERS"),
    private("LOOKUP"),
    private("LOOKUP_LOWER"),
    private("INFO"),
    public("code", "pub const fn code(self) -> &'static str", true),
    public("http_status", "pub const fn http_status(self) -> u16", true),
    public(
        "message",
        "pub const fn message(self) -> &'static str",
        true,
    ),
    public("retry", "pub const fn retry(self) -> ::errcat::Retry", true),
    public(
        "is_retryable",
        "pub const fn is_retryable(self) -> bool",
        true,
    ),
    public(
        "placeholders",
        "pub const fn placeholders(self) -> &'static [&'static str]",
        true,
    ),
    public(
        "deprecation",
        "pub const fn deprecation(self) -> ::core::option::Option<&'static str>",
        true,
    ),
    public(
        "docs",
        "pub const fn docs(self) -> ::core::option::Option<&'static str>",
        true,
    ),
    public(
        "from_code",
        "pub fn from_code(code: &str) -> ::core::option::Option<Self>",
        true,
    ),
    public(
        "from_code_ignore_case",
        "pub fn from_code_ignore_case(code: &str) -> ::core::option::Option<Self>",
        true,
    ),
];

/// Whether a generated item has this name: a variant or constructor with it would clash.
#[must_use]
pub fn is_reserved(name: &str) -> bool {
    ITEMS.iter().any(|item| item.name == name)
}

/// The items only the `ErrorCatalog` trait has: every generated trait impl defines them.
#[cfg(test)]
pub const TRAIT_ONLY: &[&str] = &["SERVICE", "DIALECT", "info"];

#[cfg(test)]
mod tests {
    use super::*;

    fn names(items: &[syn::ImplItem]) -> Vec<String> {
        items
            .iter()
            .filter_map(|item| match item {
                syn::ImplItem::Const(c) => Some(c.ident.to_string()),
                syn::ImplItem::Fn(f) => Some(f.sig.ident.to_string()),
                _ => None,
            })
            .collect()
    }

    /// The inherent impl of a generated enum holds exactly the listed items, in order.
    #[test]
    fn the_list_is_what_the_emitter_generates() {
        let catalog = crate::load(include_str!("../../errors.toml")).unwrap();
        let file: syn::File = syn::parse2(crate::expand(&catalog, &Default::default())).unwrap();
        let inherent: Vec<String> = file
            .items
            .iter()
            .filter_map(|item| match item {
                syn::Item::Impl(i) if i.trait_.is_none() => Some(names(&i.items)),
                _ => None,
            })
            .next()
            .unwrap();
        let listed: Vec<&str> = ITEMS.iter().map(|item| item.name).collect();
        assert_eq!(inherent, listed);
    }

    /// The `ErrorCatalog` trait declares the items marked `in_trait` and `TRAIT_ONLY`.
    #[test]
    fn the_trait_declares_the_listed_items() {
        let source = include_str!("../../src/catalog.rs");
        let file = syn::parse_file(source).unwrap();
        let mut declared: Vec<String> = file
            .items
            .iter()
            .find_map(|item| match item {
                syn::Item::Trait(t) if t.ident == "ErrorCatalog" => Some(&t.items),
                _ => None,
            })
            .unwrap()
            .iter()
            .filter_map(|item| match item {
                syn::TraitItem::Const(c) => Some(c.ident.to_string()),
                syn::TraitItem::Fn(f) => Some(f.sig.ident.to_string()),
                _ => None,
            })
            .collect();
        let mut listed: Vec<String> = ITEMS
            .iter()
            .filter(|item| item.in_trait)
            .map(|item| item.name.to_owned())
            .chain(TRAIT_ONLY.iter().map(|name| (*name).to_owned()))
            .collect();
        declared.sort();
        listed.sort();
        assert_eq!(declared, listed);
    }

    /// The derive's fallback stubs every public item.
    #[test]
    fn the_fallback_stubs_every_public_item() {
        let ty = proc_macro2::Ident::new("Stubbed", proc_macro2::Span::call_site());
        let file: syn::File = syn::parse2(crate::fallback(&ty, &Default::default())).unwrap();
        let syn::Item::Impl(stubs) = &file.items[0] else {
            panic!("the fallback starts with the inherent impl")
        };
        let public: Vec<&str> = ITEMS
            .iter()
            .filter(|item| item.stub.is_some())
            .map(|item| item.name)
            .collect();
        assert_eq!(names(&stubs.items), public);
    }
}
