//! A service with its own catalog: these few lines are all it takes.
fn main() {
    errcat_codegen::Builder::new("errors.toml")
        .type_name("StorageCode")
        .code_macro("storage_code")
        .build();
}
