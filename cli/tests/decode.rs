//! `errcat decode`: a JSON or XML body on standard input, one JSON object out; hostile input
//! is refused with an error and exit 1, never a panic.

use assert_cmd::Command;
use serde_json::{Value, json};

fn errcat() -> Command {
    Command::new(env!("CARGO_BIN_EXE_errcat"))
}

/// The decoded object of a body whose status line and HttpStatus agree: nothing on stderr
/// (standard input is a pipe, so no hint either).
fn decode(args: &[&str], body: &[u8]) -> Value {
    let output = errcat()
        .arg("decode")
        .args(args)
        .write_stdin(body)
        .assert()
        .success()
        .stderr("")
        .get_output()
        .clone();
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The stderr of a refused body, which must exit 1 with one `error:` line.
fn refused(args: &[&str], body: &[u8]) -> String {
    let output = errcat()
        .arg("decode")
        .args(args)
        .write_stdin(body)
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert_eq!(output.stdout, b"");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with("error: cannot decode ") && stderr.ends_with('\n'),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    stderr
}

#[test]
fn decodes_a_json_body() {
    let body = br#"{"HttpStatus":404,"Code":"Forbidden.KeyNotFound","Message":"The specified Key is not found.","RequestId":"3b237773-bc2c-4bea-95fc-319a1a5baa68","HostId":"kms.cn-hangzhou.aliyuncs.com","Data":{"Retry":3}}"#;
    assert_eq!(
        decode(
            &[
                "--status",
                "404",
                "--content-type",
                "application/json;charset=utf-8"
            ],
            body
        ),
        json!({
            "status": 404,
            "body_status": null,
            "code": "Forbidden.KeyNotFound",
            "known": true,
            "message": "The specified Key is not found.",
            "request_id": "3b237773-bc2c-4bea-95fc-319a1a5baa68",
            "host_id": "kms.cn-hangzhou.aliyuncs.com",
            "recommend": null,
            "retry": "never",
            "retryable": false,
            "extra": [["Data", r#"{"Retry":3}"#]],
            "catalog": "the built-in KMS catalog",
        })
    );
}

#[test]
fn decodes_an_xml_body_and_takes_the_status_from_it() {
    let body = br#"<?xml version="1.0" encoding="UTF-8"?><KMS><HttpStatus>503</HttpStatus><Code>ServiceUnavailableTemporary</Code><Message>Service Unavailable Temporary.</Message><RequestId>r-&amp;-1</RequestId></KMS>"#;
    assert_eq!(
        decode(&[], body),
        json!({
            "status": 503,
            "body_status": null,
            "code": "ServiceUnavailableTemporary",
            "known": true,
            "message": "Service Unavailable Temporary.",
            "request_id": "r-&-1",
            "host_id": null,
            "recommend": null,
            "retry": "transient",
            "retryable": true,
            "extra": [],
            "catalog": "the built-in KMS catalog",
        })
    );
}

#[test]
fn an_unknown_code_is_kept_whole() {
    let value = decode(
        &["--status", "502"],
        br#"{"code":"Forbidden.SomethingNew"}"#,
    );
    assert_eq!(value["code"], "Forbidden.SomethingNew");
    assert_eq!(value["known"], false);
    assert_eq!(value["status"], 502);
    assert_eq!(value["retryable"], true);
}

#[test]
fn a_status_line_that_disagrees_with_the_body_is_shown() {
    let output = errcat()
        .args(["decode", "--status", "502"])
        .write_stdin(br#"{"HttpStatus":400,"Code":"MissingParameter","RequestId":"r"}"#)
        .assert()
        .success()
        .stderr(
            "warning: the status line says 502 but the body's HttpStatus says 400; \
             clients go by the status line\n",
        )
        .get_output()
        .clone();
    let value: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        (value["status"].clone(), value["body_status"].clone()),
        (json!(502), json!(400))
    );
}

#[test]
fn round_trips_what_render_writes() {
    for format in ["json", "xml"] {
        let rendered = errcat()
            .args([
                "render",
                "MissingParameter",
                "--format",
                format,
                "--request-id",
                "r-1",
                "--arg",
                "parameter=<Key&Id>",
            ])
            .output()
            .unwrap()
            .stdout;
        let value = decode(&[], &rendered);
        assert_eq!(
            value["message"], "The parameter \"<Key&Id>\" is needed but not provided.",
            "{format}"
        );
        assert_eq!(value["request_id"], "r-1");
        assert_eq!(value["status"], 400);
    }
}

#[test]
fn hostile_bodies_are_refused_with_exit_1() {
    let billion_laughs = br#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><KMS><Code>&lol2;</Code></KMS>"#;
    assert!(refused(&[], billion_laughs).contains("entity declaration refused"));
    let deep = "[".repeat(100_000);
    refused(&[], format!("{{\"Code\":\"X\",\"a\":{deep}").as_bytes());
    let deep_xml = "<a>".repeat(10_000);
    refused(&[], format!("<KMS><Code>X</Code>{deep_xml}").as_bytes());
    refused(&[], b"\xff\xfe{}");
    refused(&[], b"");
    refused(&[], b"not an envelope");
    refused(&[], br#"{"Code":"X""#);
    refused(&["--content-type", "text/xml"], br#"{"Code":"X"}"#);
    assert!(refused(&[], br#"{"Message":"no code"}"#).contains("missing Code"));
}

#[test]
fn an_oversized_body_is_refused_without_reading_it_all() {
    let body = vec![b' '; 3 << 20];
    let stderr = refused(&[], &body);
    assert!(stderr.contains("body too large"), "{stderr}");
}

#[test]
fn a_bad_status_is_a_usage_error() {
    errcat()
        .args(["decode", "--status", "42"])
        .write_stdin("{}")
        .assert()
        .code(2);
    errcat()
        .args(["decode", "--status", "abc"])
        .write_stdin("{}")
        .assert()
        .code(2);
}
