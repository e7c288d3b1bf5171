//! The rustdoc generated for every variant links to the variant's anchor in the error index
//! (`ERRORS.md`), and that anchor is the one the index defines.

use errcat_codegen::{Constructors, Options, docs, generate, load};

const CATALOG: &str = include_str!("../../errors.toml");

#[test]
fn every_variant_doc_links_to_its_anchor_in_the_index() {
    let catalog = load(CATALOG).unwrap();
    let options = Options {
        type_name: "ErrorCode".to_owned(),
        define_enum: true,
        constructors: Constructors::OnCode,
        code_macro: None,
    };
    let generated = generate(&catalog, &options, "errors.toml");
    let index = docs::markdown(&catalog, "errors.toml");
    for code in &catalog.codes {
        let anchor = docs::anchor(&code.code);
        let link = format!("Error index: [`ERRORS.md#{anchor}`](ERRORS.md#{anchor})");
        assert!(
            docs::variant_doc(&catalog.service, code).ends_with(&link),
            "{}",
            code.code
        );
        assert!(
            generated.contains(&link),
            "no link in the generated docs of {}",
            code.code
        );
        assert!(
            index.contains(&format!("<a id=\"{anchor}\"></a>")),
            "{}",
            code.code
        );
    }
}
