//! Writes `$OUT_DIR/codes.rs`: the synthetic catalog's codes (the same `ERRCAT_SCALE_CODES`
//! codes as errcat-scale's) as an array, and a `phf::Map` from each to its index, made by
//! `phf_codegen` as a build script using phf would.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

include!("../scale/synthetic.rs");

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=../scale/synthetic.rs");
    let codes: Vec<String> = (0..code_count()).map(synthetic_code).collect();
    let mut map = phf_codegen::Map::new();
    for (index, code) in codes.iter().enumerate() {
        map.entry(code.as_str(), index.to_string());
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "/// Every code, in catalog order.\npub static CODES: [&str; {}] = {codes:?};\n",
        codes.len()
    );
    let _ = writeln!(
        out,
        "/// Each code's index in [`CODES`].\npub static INDEX: phf::Map<&'static str, u32> = {};",
        map.build()
    );
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    fs::write(Path::new(&out_dir).join("codes.rs"), out).expect("OUT_DIR is writable");
}
