//! `errcat render`: the exact envelope bytes, equal to what the runtime's writer sends.

#[macro_use]
#[path = "../../tests/support/every_catalog.rs"]
mod every_catalog;

use assert_cmd::Command;
use errcat::{Error, ErrorCatalog, Format};
use errcat_wire::escape::{is_clean_json, is_clean_xml};
use every_catalog::Catalog;

fn errcat() -> Command {
    Command::new(env!("CARGO_BIN_EXE_errcat"))
}

fn render(args: &[&str]) -> String {
    let output = errcat()
        .arg("render")
        .args(args)
        .assert()
        .success()
        .get_output()
        .clone();
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn renders_the_design_example_byte_for_byte() {
    let args = [
        "IllegalTimestamp",
        "--request-id",
        "3b237773-bc2c-4bea-95fc-319a1a5baa68",
    ];
    let host = ["--host-id", "kms.cn-hangzhou.aliyuncs.com"];
    assert_eq!(
        render(&[&args[..], &host[..]].concat()),
        "{\"HttpStatus\":400,\"Code\":\"IllegalTimestamp\",\"Message\":\"The input parameter \\\"Timestamp\\\" that is required for processing this request is not supplied.\",\"RequestId\":\"3b237773-bc2c-4bea-95fc-319a1a5baa68\",\"HostId\":\"kms.cn-hangzhou.aliyuncs.com\"}\n"
    );
    assert_eq!(
        render(&[&args[..], &host[..], &["--format", "xml"][..]].concat()),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><KMS><HttpStatus>400</HttpStatus><Code>IllegalTimestamp</Code><Message>The input parameter \"Timestamp\" that is required for processing this request is not supplied.</Message><RequestId>3b237773-bc2c-4bea-95fc-319a1a5baa68</RequestId><HostId>kms.cn-hangzhou.aliyuncs.com</HostId></KMS>\n"
    );
}

#[test]
fn fills_placeholders_and_leaves_out_an_unknown_host() {
    assert_eq!(
        render(&[
            "MissingParameter",
            "--format",
            "xml",
            "--request-id",
            "r-1",
            "--arg",
            "parameter=KeyId"
        ]),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><KMS><HttpStatus>400</HttpStatus><Code>MissingParameter</Code><Message>The parameter \"KeyId\" is needed but not provided.</Message><RequestId>r-1</RequestId></KMS>\n"
    );
}

#[test]
fn a_fresh_request_id_is_a_uuid_v4() {
    let out = render(&["InternalFailure"]);
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let id = value["RequestId"].as_str().unwrap();
    let parsed = uuid::Uuid::parse_str(id).unwrap();
    assert_eq!(parsed.get_version_num(), 4);
    assert_ne!(render(&["InternalFailure"]), out);
}

/// Every code of every catalog (a sample of a large one), both formats, with values that need
/// escaping: the command and the runtime writer must agree to the byte.
#[test]
fn every_code_renders_as_the_runtime_writes_it() {
    for_every_catalog!(every_code_renders);
}

/// Each code, rendered by a process of its own: every code of a catalog of up to 100 codes;
/// of a larger one (Fleet's 1,202 took most of this file's 136 s in CI), each whose message a
/// format escapes, one in fifty, and the last two.
fn every_code_renders<C: ErrorCatalog>(catalog: &Catalog) {
    let value = "a\"b<c>&d\\e\u{1}\té";
    let (request_id, host_id) = ("r\"<&>\n", "h</HostId>");
    let count = C::ALL.len();
    let rendered = |(index, code): &(usize, &C)| {
        count <= 100
            || !is_clean_json(code.message())
            || !is_clean_xml(code.message())
            || index % 50 == 0
            || index + 2 >= count
    };
    for (_, &code) in C::ALL.iter().enumerate().filter(rendered) {
        let args: Vec<(&str, &str)> = code
            .placeholders()
            .iter()
            .map(|&name| (name, value))
            .collect();
        let error = Error::try_with_args(code, args.iter().copied()).unwrap();
        for (format, name) in [(Format::Json, "json"), (Format::Xml, "xml")] {
            let mut command = errcat();
            command.args([
                "render",
                code.code(),
                "--format",
                name,
                "--request-id",
                request_id,
                "--host-id",
                host_id,
            ]);
            command.arg("--catalog").arg(catalog.path());
            for (arg, value) in &args {
                command.arg("--arg").arg(format!("{arg}={value}"));
            }
            let output = command.assert().success().get_output().clone();
            let expected = error.to_envelope(format, request_id, Some(host_id)) + "\n";
            assert_eq!(
                String::from_utf8(output.stdout).unwrap(),
                expected,
                "{code:?} {name}"
            );
        }
    }
}

#[test]
fn a_missing_argument_is_named() {
    errcat()
        .args(["render", "MissingParameter"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("error: missing --arg parameter=VALUE for the placeholder `{parameter}` of `MissingParameter`\n");
}

#[test]
fn unknown_and_repeated_arguments_are_named_all_at_once() {
    errcat()
        .args([
            "render",
            "MissingParameter",
            "--arg",
            "paramter=KeyId",
            "--arg",
            "parameter=a",
            "--arg",
            "parameter=b",
        ])
        .assert()
        .code(2)
        .stderr(
            "error: `MissingParameter` has no placeholder `paramter`; did you mean `parameter`?\n\
             error: --arg `parameter` is given twice\n",
        );
    errcat()
        .args(["render", "InternalFailure", "--arg", "x=1"])
        .assert()
        .code(2)
        .stderr("error: `InternalFailure` has no placeholder `x`; it takes no --arg\n");
}

#[test]
fn malformed_arguments_are_usage_errors() {
    let assert = errcat()
        .args(["render", "MissingParameter", "--arg", "KeyId"])
        .assert()
        .code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("expected NAME=VALUE"), "{stderr}");
    errcat()
        .args(["render", "MissingParameter", "--format", "yaml"])
        .assert()
        .code(2);
    errcat().args(["render", "NoSuchCode"]).assert().code(2);
}
