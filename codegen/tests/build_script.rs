//! A real build: a scratch crate whose build script calls `Builder`, compiled by cargo.
//! A broken catalog must fail the build with one `errors.toml:LINE:COL: message` line per
//! problem and no panic; a good one must compile.
//!
//! The scratch crate builds in its own target directory under `target/tmp` (kept between
//! runs), offline, with this workspace's lock file, so it needs nothing new from the network.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::{env, fs};

fn scratch_crate(name: &str, catalog: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    fs::create_dir_all(root.join("src")).unwrap();
    let codegen = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n\
         [build-dependencies]\nerrcat-codegen = {{ path = {:?} }}\n\n[workspace]\n",
        codegen.display().to_string()
    );
    fs::write(root.join("Cargo.toml"), manifest).unwrap();
    fs::copy(codegen.join("../Cargo.lock"), root.join("Cargo.lock")).unwrap();
    fs::write(
        root.join("build.rs"),
        "fn main() { errcat_codegen::Builder::new(\"errors.toml\").build(); }\n",
    )
    .unwrap();
    // The generated code needs errcat to compile; this test only checks the build script.
    fs::write(root.join("src/lib.rs"), "").unwrap();
    fs::write(root.join("errors.toml"), catalog).unwrap();
    root
}

fn cargo_build(root: &Path) -> (bool, String) {
    let output = Command::new(env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["build", "--offline", "--quiet"])
        .current_dir(root)
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("build-script-target"),
        )
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_broken_catalog_fails_the_build_with_every_problem_and_no_panic() {
    let catalog = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui/many_mistakes.toml"),
    )
    .unwrap();
    let root = scratch_crate("broken_catalog", &catalog);
    let (ok, stderr) = cargo_build(&root);
    assert!(!ok, "the build must fail:\n{stderr}");
    let problems: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("errors.toml:"))
        .collect();
    assert_eq!(problems.len(), 5, "{stderr}");
    assert!(
        stderr.contains("error: broken_catalog@0.0.0: errors.toml:16:10: status 999 is not an error status; expected 400..=599"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("RUST_BACKTRACE"), "{stderr}");
}

#[test]
fn a_good_catalog_builds() {
    let catalog =
        "[service]\nname = \"Demo\"\n\n[[error]]\ncode = \"A\"\nstatus = 400\nmessage = \"A.\"\n";
    let root = scratch_crate("good_catalog", catalog);
    let (ok, stderr) = cargo_build(&root);
    assert!(ok, "{stderr}");
}
