//! A service with its own catalogs: these few lines are all it takes.
use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

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
    let fleet = Path::new(&env::var("OUT_DIR").unwrap()).join("fleet.toml");
    fs::write(&fleet, fleet_catalog()).unwrap();
    errcat_codegen::Builder::new(fleet)
        .type_name("FleetCode")
        .out_file("fleet.rs")
        .module("fleet")
        .code_macro("fleet_code")
        .build();
}

/// `Fleet.Instance{N}.NotFound` for N below 1,200 (every tenth templated), then a deprecated
/// code and one whose variant is a keyword.
fn fleet_catalog() -> String {
    let mut toml = String::from("[service]\nname = \"Fleet\"\ndialect = \"pop\"\n");
    for n in 0..1_200 {
        let message = if n % 10 == 0 {
            "The instance {instance_id} is not in {region}."
        } else {
            "The instance is not found."
        };
        let _ = write!(
            toml,
            "\n[[error]]\ncode = \"Fleet.Instance{n}.NotFound\"\nstatus = 404\nmessage = \"{message}\"\n"
        );
    }
    toml.push_str(
        "\n[[error]]\ncode = \"Fleet.Legacy\"\nstatus = 400\nmessage = \"Old.\"\n\
         deprecated = \"no longer returned\"\n\
         \n[[error]]\ncode = \"Fleet.Type\"\nstatus = 400\nmessage = \"Bad type.\"\n\
         variant = \"r#type\"\nretry = \"throttling\"\n",
    );
    toml
}
