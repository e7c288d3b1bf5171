//! Generates the ECS catalog, `$OUT_DIR/catalog.rs`, from `errors.toml`.

fn main() {
    errcat_codegen::Builder::new("errors.toml")
        .type_name("EcsCode")
        .module("errors") // the module that includes it (default: the crate root)
        .code_macro("ecs_code") // ecs_code!("...") at the crate root, checked at compile time
        .aliases() // errors::Error and errors::ServiceError
        .build();
}
