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
    // A third, large enough to be a struct of constants rather than an enum (more than
    // `errcat_codegen::docs::LARGE_CATALOG` codes), in the module `fleet`.
    errcat_codegen::Builder::new("fleet.toml")
        .type_name("FleetCode")
        .out_file("fleet.rs")
        .module("fleet")
        .code_macro("fleet_code")
        .build();
}
