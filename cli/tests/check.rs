//! `errcat check`: every problem at once as `FILE:LINE:COL: error: ...`, or a summary.

use assert_cmd::Command;

fn errcat() -> Command {
    Command::new(env!("CARGO_BIN_EXE_errcat"))
}

fn data() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

#[test]
fn a_broken_catalog_lists_every_problem_and_exits_1() {
    errcat()
        .current_dir(data())
        .args(["check", "broken.toml"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            "broken.toml:11:8: error: duplicate code `Forbidden.KeyNotFound` (first defined at broken.toml:6:8)\n\
             broken.toml:17:1: error: unknown key `stauts` in [[error]]; did you mean `status`? allowed keys: `code`, `status`, `message`, `description`, `retry`, `variant`, `deprecated`\n\
             broken.toml:18:11: error: unclosed placeholder: `{` has no `}`; write `{{` for a literal brace\n\
             error: 3 problems in broken.toml\n",
        );
}

#[test]
fn the_default_file_is_errors_toml_in_the_current_directory() {
    let workspace = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    errcat()
        .current_dir(workspace)
        .arg("check")
        .assert()
        .success()
        .stdout("errors.toml: ok: 32 error codes of service KMS\n")
        .stderr("");
}

#[test]
fn a_missing_file_is_an_error() {
    let assert = errcat()
        .current_dir(data())
        .args(["check", "nope.toml"])
        .assert()
        .code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.starts_with("error: cannot read `nope.toml`: "),
        "{stderr}"
    );
}

#[test]
fn a_broken_catalog_fails_the_other_subcommands_the_same_way() {
    let broken = data().join("broken.toml");
    let assert = errcat()
        .args(["docs", "--catalog"])
        .arg(&broken)
        .assert()
        .code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    let summary = format!("error: 3 problems in {}\n", broken.display());
    assert!(stderr.ends_with(&summary), "{stderr}");
}

/// `errcat check` reports exactly the golden diagnostics of every catalog under
/// `codegen/tests/ui/`, as the build script does (`codegen/tests/build_script.rs` holds the
/// build to the same files): the two never disagree about a catalog.
#[test]
fn every_golden_catalog_gets_its_golden_diagnostics() {
    let tests = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../codegen/tests");
    let mut cases: Vec<_> = std::fs::read_dir(tests.join("ui"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 20, "the golden catalogs are missing");
    for case in cases {
        let golden = std::fs::read_to_string(case.with_extension("stderr")).unwrap();
        let name = format!("ui/{}", case.file_name().unwrap().to_string_lossy());
        let output = errcat()
            .current_dir(&tests)
            .args(["check", &name])
            .output()
            .unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        if golden == "(no diagnostics)\n" {
            assert!(output.status.success(), "{name}: {stderr}");
        } else {
            let count = golden.lines().count();
            let plural = if count == 1 { "" } else { "s" };
            let expected = format!("{golden}error: {count} problem{plural} in {name}\n");
            assert_eq!(
                (output.status.code(), stderr),
                (Some(1), expected),
                "{name}"
            );
        }
    }
}
