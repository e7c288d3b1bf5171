//! `errcat explain`: known codes in any case, unknown codes with suggestions.

use assert_cmd::Command;

fn errcat() -> Command {
    Command::new(env!("CARGO_BIN_EXE_errcat"))
}

fn stdout(command: &mut Command) -> String {
    let output = command.assert().success().get_output().clone();
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn explains_a_code_with_its_facts_and_envelopes() {
    let out = stdout(errcat().args(["explain", "Forbidden.KeyNotFound"]));
    let expected = "\
Forbidden.KeyNotFound: The specified Key is not found.

Catalog       the built-in KMS catalog (service KMS)
HTTP status   404 Not Found
Retry         never: retrying gives the same error
Rust variant  ForbiddenKeyNotFound
Error index   ERRORS.md#forbidden-keynotfound

JSON envelope:
{\"HttpStatus\":404,\"Code\":\"Forbidden.KeyNotFound\",\"Message\":\"The specified Key is not found.\",\"RequestId\":\"3b237773-bc2c-4bea-95fc-319a1a5baa68\",\"HostId\":\"kms.cn-hangzhou.aliyuncs.com\"}

XML envelope:
<?xml version=\"1.0\" encoding=\"UTF-8\"?><KMS><HttpStatus>404</HttpStatus><Code>Forbidden.KeyNotFound</Code><Message>The specified Key is not found.</Message><RequestId>3b237773-bc2c-4bea-95fc-319a1a5baa68</RequestId><HostId>kms.cn-hangzhou.aliyuncs.com</HostId></KMS>
";
    assert_eq!(out, expected);
}

#[test]
fn shows_placeholders_as_names_and_lists_them() {
    let out = stdout(errcat().args(["explain", "MissingParameter"]));
    assert!(out.starts_with(
        "MissingParameter: The parameter \"<parameter>\" is needed but not provided.\n"
    ));
    assert!(out.contains("\nPlaceholders  parameter\n"), "{out}");
}

#[test]
fn matches_codes_ignoring_case() {
    let out = stdout(errcat().args(["explain", "forbidden.keynotfound"]));
    assert!(out.starts_with("Forbidden.KeyNotFound: "));
}

#[test]
fn unknown_code_exits_2_with_the_closest_codes() {
    errcat()
        .args(["explain", "Forbidden.KeyNotFond"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "error: unknown error code `Forbidden.KeyNotFond`\n\
             help: the closest known codes: `Forbidden.KeyNotFound`, `Forbidden.AliasNotFound`\n",
        );
}

#[test]
fn a_fragment_of_a_code_suggests_the_codes_holding_it() {
    errcat()
        .args(["explain", "KeyNotFound"])
        .assert()
        .code(2)
        .stderr(
            "error: unknown error code `KeyNotFound`\n\
             help: the closest known codes: `Forbidden.KeyNotFound`\n",
        );
}

#[test]
fn nothing_close_points_at_the_index() {
    errcat()
        .args(["explain", "Zzzzzzzzzzzzzzzzzzzzzz"])
        .assert()
        .code(2)
        .stderr(
            "error: unknown error code `Zzzzzzzzzzzzzzzzzzzzzz`\n\
             help: `errcat docs` lists every code\n",
        );
}

/// A short word close to no code gets no suggestion: `Nope` is not `Forbidden.NoPermission`.
#[test]
fn a_short_unrelated_word_suggests_nothing() {
    errcat()
        .args(["explain", "Nope"])
        .assert()
        .code(2)
        .stderr("error: unknown error code `Nope`\nhelp: `errcat docs` lists every code\n");
}

#[test]
fn another_catalog_is_read_with_catalog() {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("explain-storage.toml");
    let toml = "[service]\nname = \"Storage\"\n\n[[error]]\ncode = \"Bucket.NotFound\"\nstatus = 404\n\
                message = \"The bucket {bucket} does not exist.\"\ndescription = \"Create it first.\"\n\
                deprecated = \"use NoSuchBucket\"\n";
    std::fs::write(&path, toml).unwrap();
    let out = stdout(
        errcat()
            .args(["explain", "bucket.notfound", "--catalog"])
            .arg(&path),
    );
    assert!(out.starts_with("Bucket.NotFound: The bucket <bucket> does not exist.\n"));
    assert!(
        out.contains("\nDeprecated: use NoSuchBucket\n\nCreate it first.\n"),
        "{out}"
    );
    assert!(
        out.contains("<Storage><HttpStatus>404</HttpStatus>"),
        "{out}"
    );
    // The built-in catalog is not consulted.
    errcat()
        .args(["explain", "InternalFailure", "--catalog"])
        .arg(&path)
        .assert()
        .code(2);
}

#[test]
fn every_subcommand_has_help() {
    for command in [
        "explain",
        "render",
        "decode",
        "check",
        "docs",
        "diff",
        "completions",
    ] {
        let out = stdout(errcat().args([command, "--help"]));
        assert!(out.contains("Usage: errcat "), "{command}: {out}");
    }
    errcat().assert().code(2);
    errcat().args(["explain"]).assert().code(2);
    errcat().args(["frobnicate"]).assert().code(2);
}
