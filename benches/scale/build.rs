//! Writes a synthetic catalog of `CODES` codes to `$OUT_DIR/errors.toml` (too large to
//! commit, and derived from nothing), then generates `ScaleCode` from it exactly as any
//! service's build script does.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

/// How many codes the synthetic catalog has.
const CODES: usize = 10_000;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    let catalog = Path::new(&out_dir).join("errors.toml");
    fs::write(&catalog, synthetic_catalog()).expect("OUT_DIR is writable");
    errcat_codegen::Builder::new(catalog)
        .type_name("ScaleCode")
        .build();
}

/// Codes shaped like real ones: `Service.NounVerb` with a number, 14 to 40 bytes.
fn synthetic_catalog() -> String {
    const SERVICES: [&str; 8] = [
        "Forbidden",
        "InvalidParameter",
        "Rejected",
        "Unsupported",
        "Throttling",
        "Quota",
        "Kms",
        "Secret",
    ];
    const NOUNS: [&str; 8] = [
        "Key", "Alias", "Version", "Secret", "Policy", "Region", "Token", "Instance",
    ];
    const STATES: [&str; 6] = [
        "NotFound", "Disabled", "Expired", "Invalid", "Exceeded", "Conflict",
    ];
    let mut out = String::from("[service]\nname = \"Scale\"\n");
    for i in 0..CODES {
        let code = format!(
            "{}.{}{}{i}",
            SERVICES[i % SERVICES.len()],
            NOUNS[(i / 8) % NOUNS.len()],
            STATES[(i / 64) % STATES.len()]
        );
        let status = [400, 403, 404, 409, 429, 500, 503][i % 7];
        let message = if i % 10 == 0 {
            "The {parameter} of item {item} is wrong."
        } else {
            "Something went wrong."
        };
        let _ = write!(
            out,
            "\n[[error]]\ncode = \"{code}\"\nstatus = {status}\nmessage = \"{message}\"\n"
        );
    }
    out
}
