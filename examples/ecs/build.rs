//! The ECS catalog, generated from `errors.toml` by the build script any service writes.
fn main() {
    errcat_codegen::Builder::new("errors.toml")
        .type_name("EcsCode")
        .module("errors")
        .code_macro("ecs_code")
        .aliases()
        .build();
}
