//! Real builds: a scratch crate whose build script calls `Builder`, compiled by cargo, for
//! every golden catalog under `tests/ui/`. A broken catalog must fail the build with exactly
//! its golden diagnostics, one `errors.toml:LINE:COL: message` line each, and no panic; an
//! accepted one must build, its generated code compiled with warnings denied, and its code
//! macro used. (`errcat check` is held to the same golden files by the CLI's tests, so the
//! two agree on every case.)
//!
//! The scratch crate builds in its own target directory under `target/tmp` (kept between
//! runs), offline, with this workspace's lock file, so it needs nothing from the network.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::{env, fs};

/// The scratch crate, made afresh each run: its manifest, build script and an empty
/// library; `errors.toml` is written per case, and `src/lib.rs` again for accepted ones.
fn scratch_crate() -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("scratch_catalog");
    fs::create_dir_all(root.join("src")).unwrap();
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let path = |dir: &str| format!("{:?}", workspace.join(dir).display().to_string());
    let manifest = format!(
        "[package]\nname = \"scratch\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n\
         [dependencies]\nerrcat = {{ path = {} }}\n\n\
         [build-dependencies]\nerrcat-codegen = {{ path = {} }}\n\n[workspace]\n",
        path("."),
        path("codegen"),
    );
    fs::write(root.join("Cargo.toml"), manifest).unwrap();
    fs::copy(workspace.join("Cargo.lock"), root.join("Cargo.lock")).unwrap();
    let build = "fn main() {\n    errcat_codegen::Builder::new(\"errors.toml\").code_macro(\"scratch_code\").build();\n}\n";
    fs::write(root.join("build.rs"), build).unwrap();
    // A library from the start: cargo refuses a manifest without a target before the build
    // script runs, and on a clean clone the first cases (broken catalogs) write none.
    fs::write(root.join("src/lib.rs"), "").unwrap();
    root
}

/// Builds the scratch crate: whether it built, and what cargo printed.
fn cargo_build(root: &Path) -> (bool, String) {
    let output = Command::new(env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["build", "--offline", "--quiet"])
        .current_dir(root)
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("scratch-target"),
        )
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The crate's library: the generated file, the code macro on the catalog's first code, and
/// the case's own uses of its API (`NAME.rs` beside `NAME.toml`, if any).
fn library(catalog: &str, uses: &str) -> String {
    let first = errcat_codegen::load(catalog).unwrap().codes[0].code.clone();
    format!(
        "#![deny(warnings)]\n\
         include!(concat!(env!(\"OUT_DIR\"), \"/catalog.rs\"));\n\
         pub const FIRST: ErrorCode = scratch_code!({first:?});\n{uses}"
    )
}

/// The golden diagnostics as the build script reports them: `errors.toml:L:C: message`.
fn expected_cargo_lines(golden: &str, case: &str) -> Vec<String> {
    let prefix = format!("ui/{case}.toml:");
    golden
        .lines()
        .filter_map(|line| line.strip_prefix(&prefix))
        .map(|rest| {
            let (place, message) = rest.split_once(": error: ").unwrap();
            let message = message.replace(&format!("ui/{case}.toml"), "errors.toml");
            format!("errors.toml:{place}: {message}")
        })
        .collect()
}

#[test]
fn every_golden_catalog_builds_or_fails_with_its_golden_diagnostics() {
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui");
    let root = scratch_crate();
    let mut cases: Vec<PathBuf> = fs::read_dir(&ui)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    cases.sort();
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_stem().unwrap().to_string_lossy().into_owned();
        let catalog = fs::read_to_string(case).unwrap();
        let golden = fs::read_to_string(case.with_extension("stderr")).unwrap();
        fs::write(root.join("errors.toml"), &catalog).unwrap();
        let accepted = golden == "(no diagnostics)\n";
        if accepted {
            let uses = fs::read_to_string(case.with_extension("rs")).unwrap_or_default();
            fs::write(root.join("src/lib.rs"), library(&catalog, &uses)).unwrap();
        }
        let (built, stderr) = cargo_build(&root);
        let reported: Vec<String> = stderr
            .lines()
            .filter_map(|line| {
                line.split_once("scratch@0.0.0: ")
                    .map(|(_, l)| l.to_owned())
            })
            .collect();
        let fine = if accepted {
            built
        } else {
            !built
                && reported == expected_cargo_lines(&golden, &name)
                && !stderr.contains("panicked")
        };
        if !fine {
            failures.push(format!("{name}: built: {built}\n{stderr}"));
        }
    }
    assert!(cases.len() >= 20, "the golden catalogs are missing");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
