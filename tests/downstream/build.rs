//! A service with its own catalogs: these few lines are all it takes.
fn main() {
    errcat_codegen::Builder::new("errors.toml")
        .type_name("StorageCode")
        .code_macro("storage_code")
        .build();
    // A second catalog, in the problem-details dialect, included in the module `shop`.
    errcat_codegen::Builder::new("shop.toml")
        .type_name("ShopCode")
        .out_file("shop.rs")
        .module("shop")
        .code_macro("shop_code")
        .aliases()
        .build();
}
