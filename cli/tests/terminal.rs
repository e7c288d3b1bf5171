//! errcat on a real terminal: colour there, none when piped or with `NO_COLOR`, and a hint
//! when `decode` waits for a body typed at the terminal.
//!
//! The terminal is a pseudo-terminal made by `script(1)` (util-linux, in every Debian
//! install), which runs errcat with the pty as its standard input, output and error and
//! copies what errcat writes to its own standard output. `timeout` bounds every run.

use std::io::Write;
use std::process::{Command, Stdio};

use assert_cmd::Command as Cmd;

const ESC: char = '\u{1b}';

/// Runs `errcat ARGS` on a pseudo-terminal with `env` set and `input` typed at it; what the
/// terminal showed (stdout and stderr together, lines ending in `\r\n`) and the exit status.
fn on_terminal(args: &str, env: &[(&str, &str)], input: &[u8]) -> (String, i32) {
    let command = format!("{} {args}", env!("CARGO_BIN_EXE_errcat"));
    let mut script = Command::new("timeout");
    script
        .args([
            "20",
            "script",
            "--quiet",
            "--return",
            "--command",
            &command,
            "/dev/null",
        ])
        // A colour terminal, and none of the variables that would decide for errcat.
        .env("TERM", "xterm-256color")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = script.spawn().expect("timeout and script(1) run");
    child.stdin.take().unwrap().write_all(input).unwrap();
    let output = child.wait_with_output().unwrap();
    let status = output.status.code().unwrap();
    assert_ne!(status, 124, "errcat {args} did not finish within 20 s");
    (String::from_utf8_lossy(&output.stdout).into_owned(), status)
}

#[test]
fn messages_and_explanations_are_coloured_on_a_terminal() {
    let (shown, status) = on_terminal("explain Nope", &[], b"");
    assert_eq!(status, 2);
    assert!(
        shown.starts_with("\u{1b}[1m\u{1b}[31merror:\u{1b}[0m unknown error code `Nope`"),
        "{shown:?}"
    );
    let (shown, status) = on_terminal("explain InternalFailure", &[], b"");
    assert_eq!(status, 0);
    assert!(
        shown.starts_with("\u{1b}[1mInternalFailure\u{1b}[0m: "),
        "{shown:?}"
    );
}

#[test]
fn no_colour_on_a_terminal_with_no_color() {
    let (shown, status) = on_terminal("explain Nope", &[("NO_COLOR", "1")], b"");
    assert_eq!(status, 2);
    assert!(
        shown.starts_with("error: unknown error code `Nope`"),
        "{shown:?}"
    );
    assert!(!shown.contains(ESC), "{shown:?}");
}

#[test]
fn no_colour_when_piped() {
    for args in [
        &["explain", "Nope"][..],
        &["explain", "InternalFailure"],
        &["check", "no-such-file.toml"],
    ] {
        let output = Cmd::new(env!("CARGO_BIN_EXE_errcat"))
            .args(args)
            .output()
            .unwrap();
        let text =
            String::from_utf8_lossy(&output.stdout) + String::from_utf8_lossy(&output.stderr);
        assert!(
            !text.is_empty() && !text.contains(ESC),
            "{args:?}: {text:?}"
        );
    }
}

#[test]
fn decode_says_what_it_waits_for_on_a_terminal() {
    // The body, then Ctrl-D: end of input for a terminal in canonical mode.
    let body = b"{\"Code\":\"Rejected.Disabled\",\"RequestId\":\"r-1\"}\n\x04";
    let (shown, status) = on_terminal("decode --status 409", &[("NO_COLOR", "1")], body);
    assert_eq!(status, 0, "{shown}");
    assert!(
        shown.contains("note: reading a response body from standard input; end it with Ctrl-D"),
        "{shown}"
    );
    assert!(shown.contains("\"code\": \"Rejected.Disabled\""), "{shown}");
}

#[test]
fn decode_says_nothing_when_the_body_is_piped() {
    Cmd::new(env!("CARGO_BIN_EXE_errcat"))
        .args(["decode", "--status", "409"])
        .write_stdin(r#"{"Code":"Rejected.Disabled"}"#)
        .assert()
        .success()
        .stderr("");
}
