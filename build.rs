//! Generates the KMS catalog (`errcat::kms`) from `errors.toml`, as any service's build
//! script does.
fn main() {
    errcat_codegen::Builder::new("errors.toml")
        .out_file("kms.rs")
        .module("kms")
        .code_macro("__kms_code")
        .aliases()
        .build();
}
