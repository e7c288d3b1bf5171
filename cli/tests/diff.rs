//! `errcat diff`: changes classified as breaking (exit 1) or compatible (exit 0); an input
//! that cannot be read as a catalog exits 3, so that it is never taken for either.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn errcat() -> Command {
    Command::new(env!("CARGO_BIN_EXE_errcat"))
}

const OLD: &str = r#"
[service]
name = "KMS"

[[error]]
code = "Forbidden.KeyNotFound"
status = 404
message = "The specified Key is not found."

[[error]]
code = "MissingParameter"
status = 400
message = 'The parameter "{parameter}" is needed but not provided.'

[[error]]
code = "InternalFailure"
status = 500
message = "Internal Failure."
"#;

/// Writes `catalog` to a scratch file named `name`.
fn write(name: &str, catalog: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, catalog).unwrap();
    path
}

fn diff(old: &Path, new: &Path, json: bool) -> (i32, String) {
    let mut command = errcat();
    command.arg("diff").arg(old).arg(new);
    if json {
        command.arg("--json");
    }
    let output = command.output().unwrap();
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

#[test]
fn compatible_changes_exit_0() {
    let old = write("diff-compatible-old.toml", OLD);
    let new = OLD.replace("Internal Failure.", "Internal failure.").replace(
        "status = 500\n",
        "status = 500\nretry = \"never\"\ndeprecated = \"use ServiceUnavailableTemporary\"\ndescription = \"Gone.\"\n",
    ) + "\n[[error]]\ncode = \"Throttling\"\nstatus = 429\nmessage = \"Slow down.\"\n";
    let new = write("diff-compatible-new.toml", &new);
    let (status, out) = diff(&old, &new, false);
    assert_eq!(
        out,
        "compatible: InternalFailure: message changed from \"Internal Failure.\" to \"Internal failure.\"\n\
         compatible: InternalFailure: code deprecated: use ServiceUnavailableTemporary\n\
         compatible: InternalFailure: retry changed from transient to never\n\
         compatible: InternalFailure: description changed\n\
         compatible: Throttling: code added (429 Too Many Requests)\n\
         0 breaking changes, 5 compatible changes\n"
    );
    assert_eq!(status, 0);
}

#[test]
fn breaking_changes_exit_1_and_come_first() {
    let old = write("diff-breaking-old.toml", OLD);
    let new = OLD
        .replace("name = \"KMS\"", "name = \"Kms\"")
        .replace(
            "code = \"Forbidden.KeyNotFound\"\nstatus = 404",
            "code = \"Forbidden.KeyNotFound\"\nstatus = 400",
        )
        .replace("{parameter}", "{name}")
        .replace("code = \"InternalFailure\"", "code = \"InternalError\"")
        .replace(
            "code = \"MissingParameter\"",
            "code = \"MissingParameter\"\nvariant = \"ParameterMissing\"",
        );
    let new = write("diff-breaking-new.toml", &new);
    let (status, out) = diff(&old, &new, false);
    assert_eq!(
        out,
        "breaking: service renamed from `KMS` to `Kms` (the root element of XML envelopes)\n\
         breaking: Forbidden.KeyNotFound: status changed from 404 Not Found to 400 Bad Request\n\
         breaking: MissingParameter: placeholder `parameter` renamed to `name`\n\
         breaking: MissingParameter: variant renamed from `MissingParameter` to `ParameterMissing`\n\
         breaking: InternalFailure: code removed (was 500 Internal Server Error); deprecate codes instead of removing them\n\
         compatible: MissingParameter: message changed from \"The parameter \\\"<parameter>\\\" is needed but not provided.\" to \"The parameter \\\"<name>\\\" is needed but not provided.\"\n\
         compatible: InternalError: code added (500 Internal Server Error)\n\
         5 breaking changes, 2 compatible changes\n"
    );
    assert_eq!(status, 1);
}

#[test]
fn placeholders_added_or_reordered_are_breaking() {
    let two = OLD.replace(
        "\"{parameter}\" is needed",
        "\"{parameter}\" ({action}) is needed",
    );
    let swapped = OLD.replace(
        "\"{parameter}\" is needed",
        "({action}) \"{parameter}\" is needed",
    );
    let old = write("diff-placeholders-old.toml", OLD);
    let two = write("diff-placeholders-two.toml", &two);
    let swapped = write("diff-placeholders-swapped.toml", &swapped);
    let (status, out) = diff(&old, &two, false);
    assert!(
        out.starts_with("breaking: MissingParameter: placeholder added: `action`\n"),
        "{out}"
    );
    assert_eq!(status, 1);
    let (status, out) = diff(&two, &swapped, false);
    assert!(
        out.starts_with("breaking: MissingParameter: placeholders reordered from `parameter`, `action` to `action`, `parameter`\n"),
        "{out}"
    );
    assert_eq!(status, 1);
}

#[test]
fn no_changes_exit_0() {
    let old = write("diff-same.toml", OLD);
    assert_eq!(diff(&old, &old, false), (0, "no changes\n".to_owned()));
}

#[test]
fn json_output_is_one_object_with_classified_changes() {
    let old = write("diff-json-old.toml", OLD);
    let new = write(
        "diff-json-new.toml",
        &OLD.replace("status = 404", "status = 410"),
    );
    let (status, out) = diff(&old, &new, true);
    assert_eq!(status, 1);
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        value,
        serde_json::json!({
            "breaking": true,
            "changes": [{
                "kind": "status_changed",
                "breaking": true,
                "code": "Forbidden.KeyNotFound",
                "detail": "status changed from 404 Not Found to 410 Gone",
            }],
        })
    );
    let (status, out) = diff(&old, &old, true);
    assert_eq!(status, 0);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&out).unwrap(),
        serde_json::json!({"breaking": false, "changes": []})
    );
}

#[test]
fn a_broken_side_reports_its_diagnostics() {
    let old = write("diff-broken-old.toml", OLD);
    let new = write(
        "diff-broken-new.toml",
        &OLD.replace("status = 404", "status = 999"),
    );
    let output = errcat().arg("diff").arg(&old).arg(&new).output().unwrap();
    assert_eq!(output.status.code(), Some(3));
    assert_eq!(output.stdout, b"");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains(":7:10: error: status 999 is not an error status"),
        "{stderr}"
    );
}

/// `errcat diff ARGS` with `stdin`: its exit status, stdout and stderr.
fn run(args: &[&std::ffi::OsStr], stdin: &str) -> (i32, String, String) {
    let output = errcat()
        .arg("diff")
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn a_missing_file_exits_3_not_1() {
    let old = write("diff-missing-old.toml", OLD);
    let missing = Path::new(env!("CARGO_TARGET_TMPDIR")).join("diff-no-such-file.toml");
    let (status, out, err) = run(&[old.as_os_str(), missing.as_os_str()], "");
    assert_eq!((status, out.as_str()), (3, ""));
    let expected = format!("error: cannot read `{}`: ", missing.display());
    assert!(err.starts_with(&expected), "{err}");
}

#[test]
fn a_dash_reads_either_side_from_standard_input() {
    let path = write("diff-stdin.toml", OLD);
    let dash = std::ffi::OsStr::new("-");
    let newer = OLD.replace("status = 404", "status = 410");
    assert_eq!(
        run(&[path.as_os_str(), dash], &newer),
        (
            1,
            "breaking: Forbidden.KeyNotFound: status changed from 404 Not Found to 410 Gone\n\
             1 breaking change, 0 compatible changes\n"
                .to_owned(),
            String::new()
        )
    );
    let (status, out, _) = run(&[dash, path.as_os_str()], &newer);
    assert_eq!(status, 1);
    assert!(out.contains("from 410 Gone to 404 Not Found"), "{out}");
    // Problems in the catalog on standard input name it `<stdin>`.
    let broken = OLD.replace("status = 404", "status = 999");
    let (status, _, err) = run(&[dash, path.as_os_str()], &broken);
    assert_eq!(status, 3);
    assert!(
        err.contains("<stdin>:7:10: error: status 999 is not an error status"),
        "{err}"
    );
}

#[test]
fn standard_input_holds_only_one_side() {
    let dash = std::ffi::OsStr::new("-");
    assert_eq!(
        run(&[dash, dash], OLD),
        (
            2,
            String::new(),
            "error: OLD and NEW cannot both be `-`: standard input holds one catalog\n".to_owned()
        )
    );
}

/// The ECS catalog's `[service]` (examples/ecs, the `pop` dialect) with one code.
const ECS: &str = r#"
[service]
name = "ECS"
dialect = "pop"
host = "ecs.cn-hangzhou.aliyuncs.com"
docs = "https://errcat.example/ecs/errors/{code}"

[[error]]
code = "InvalidInstanceId.NotFound"
status = 404
message = "The instance {instance_id} does not exist."
"#;

/// `errcat diff` from `old` to `new`, both written to scratch files named after `name`.
fn diff_of(name: &str, old: &str, new: &str) -> (i32, String) {
    let old = write(&format!("diff-{name}-old.toml"), old);
    let new = write(&format!("diff-{name}-new.toml"), new);
    diff(&old, &new, false)
}

/// `errcat diff` from `old` to `new` reports `change` and nothing else, and exits 1 if it
/// is breaking, else 0.
fn assert_only_change(name: &str, old: &str, new: &str, change: &str) {
    let breaking = change.starts_with("breaking: ");
    let count = if breaking {
        "1 breaking change, 0 compatible changes"
    } else {
        "0 breaking changes, 1 compatible change"
    };
    let expected = (i32::from(breaking), format!("{change}\n{count}\n"));
    assert_eq!(diff_of(name, old, new), expected);
}

/// `errcat diff` from `old` to `new` exits with `status`, its first line starting `first`.
fn assert_first_change(name: &str, old: &str, new: &str, status: i32, first: &str) {
    let (got, out) = diff_of(name, old, new);
    assert_eq!(got, status, "{out}");
    assert!(out.starts_with(first), "{out}");
}

#[test]
fn a_dialect_change_is_breaking() {
    let kms = ECS.replace("dialect = \"pop\"", "dialect = \"kms\"");
    assert_only_change(
        "dialect",
        ECS,
        &kms,
        "breaking: dialect changed from `pop` to `kms` (every error envelope changes shape: \
         its fields, XML root, content types and request id header)",
    );
    // Leaving the key out is the default dialect, `kms`: the same change.
    let default = ECS.replace("dialect = \"pop\"\n", "");
    assert_first_change(
        "dialect-default",
        ECS,
        &default,
        1,
        "breaking: dialect changed from `pop` to `kms`",
    );
}

#[test]
fn a_docs_url_change_is_breaking_where_envelopes_carry_it() {
    let moved = ECS.replace("errcat.example/ecs/errors", "docs.example/ecs");
    assert_only_change(
        "docs-pop",
        ECS,
        &moved,
        "breaking: docs URL changed from `https://errcat.example/ecs/errors/{code}` to \
         `https://docs.example/ecs/{code}` (each code's `Recommend` on the wire)",
    );
    let problem = |catalog: &str| catalog.replace("dialect = \"pop\"", "dialect = \"problem\"");
    assert_first_change(
        "docs-problem",
        &problem(ECS),
        &problem(&moved),
        1,
        "breaking: docs URL changed from `https://errcat.example/ecs/errors/{code}` to \
         `https://docs.example/ecs/{code}` (each code's `type` on the wire)\n",
    );
    // Removing the template is a change too: `type` becomes `about:blank`.
    let without = problem(ECS).replace("docs = \"https://errcat.example/ecs/errors/{code}\"\n", "");
    assert_first_change(
        "docs-removed",
        &problem(ECS),
        &without,
        1,
        "breaking: docs URL changed from `https://errcat.example/ecs/errors/{code}` to none",
    );
    // kms envelopes carry no docs URL: only the docs change.
    let kms = |catalog: &str| catalog.replace("dialect = \"pop\"", "dialect = \"kms\"");
    assert_only_change(
        "docs-kms",
        &kms(ECS),
        &kms(&moved),
        "compatible: docs URL changed from `https://errcat.example/ecs/errors/{code}` to \
         `https://docs.example/ecs/{code}` (only in the docs: `kms` envelopes do not carry it)",
    );
}

#[test]
fn a_host_change_is_reported_and_compatible() {
    let moved = ECS.replace(
        "ecs.cn-hangzhou.aliyuncs.com",
        "ecs.eu-central-1.aliyuncs.com",
    );
    assert_only_change(
        "host",
        ECS,
        &moved,
        "compatible: host changed from `ecs.cn-hangzhou.aliyuncs.com` to \
         `ecs.eu-central-1.aliyuncs.com` (only in the docs' example envelopes: a server sets \
         the host id it sends)",
    );
    let without = ECS.replace("host = \"ecs.cn-hangzhou.aliyuncs.com\"\n", "");
    assert_first_change(
        "host-removed",
        ECS,
        &without,
        0,
        "compatible: host changed from `ecs.cn-hangzhou.aliyuncs.com` to none",
    );
}

/// The service name is the XML root only in the kms dialect; in pop (root `Error`) renaming
/// it changes the docs alone.
#[test]
fn a_service_rename_is_breaking_only_where_it_is_the_xml_root() {
    let renamed = ECS.replace("name = \"ECS\"", "name = \"Compute\"");
    assert_only_change(
        "rename-pop",
        ECS,
        &renamed,
        "compatible: service renamed from `ECS` to `Compute` (only in the docs: `pop` \
         envelopes have the root `Error`)",
    );
    let kms = |catalog: &str| catalog.replace("dialect = \"pop\"", "dialect = \"kms\"");
    assert_first_change(
        "rename-kms",
        &kms(ECS),
        &kms(&renamed),
        1,
        "breaking: service renamed from `ECS` to `Compute` (the root element of XML envelopes)\n",
    );
}

#[test]
fn service_changes_in_json_have_no_code() {
    let new = ECS
        .replace("dialect = \"pop\"", "dialect = \"problem\"")
        .replace("cn-hangzhou", "eu-central-1");
    let old = write("diff-service-json-old.toml", ECS);
    let new = write("diff-service-json-new.toml", &new);
    let (status, out) = diff(&old, &new, true);
    assert_eq!(status, 1);
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let kinds: Vec<(&str, bool, &serde_json::Value)> = value["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap(),
                c["breaking"].as_bool().unwrap(),
                &c["code"],
            )
        })
        .collect();
    let null = serde_json::Value::Null;
    assert_eq!(
        kinds,
        [
            ("dialect_changed", true, &null),
            ("host_changed", false, &null)
        ]
    );
}
