//! Generates `ErrorCode`, its tables and `code!` from `errors.toml`.
fn main() {
    errcat_codegen::Builder::new("errors.toml")
        .constructors_on_error()
        .code_macro("__errcat_code")
        .build();
}
