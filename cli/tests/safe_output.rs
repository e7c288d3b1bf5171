//! The human output of `explain`, `check` and `diff` shows catalog text by the rule every
//! `Display` follows (`errcat_wire::show`): control characters, line separators, bidi
//! overrides and invisible format characters are escaped, never printed raw.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn errcat() -> Command {
    Command::new(env!("CARGO_BIN_EXE_errcat"))
}

/// A fresh directory for this test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("errcat-safe-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A catalog whose texts hold one character of each hidden class.
const HOSTILE: &str = "[service]\nname = \"KMS\"\n\n[[error]]\ncode = \"Sneaky\"\nstatus = 400\n\
    message = \"paid \\u202E01$ \\u2066x\\u2069 \\u200Bzero \\u2028line \\u00ADsoft\"\n\
    description = \"line one\\nline \\u202Etwo\\u2029three\"\ndeprecated = \"gone \\uFEFF\\U000E0041\"\n";

/// No character the rule hides reaches the output.
fn assert_shown_safely(output: &[u8]) {
    let text = std::str::from_utf8(output).unwrap();
    let raw: Vec<char> = text
        .chars()
        .filter(|&c| errcat_wire::show::is_hidden(c) && c != '\n')
        .collect();
    assert!(raw.is_empty(), "raw {raw:?} in {text}");
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn explain_escapes_hidden_characters_and_keeps_description_lines() {
    let dir = scratch("explain");
    let catalog = write(&dir, "errors.toml", HOSTILE);
    let output = errcat()
        .args(["explain", "Sneaky", "--catalog"])
        .arg(&catalog)
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_shown_safely(&output.stdout);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.starts_with("Sneaky: paid \\u{202e}01$ \\u{2066}x\\u{2069} \\u{200b}zero"),
        "{text}"
    );
    assert!(
        text.contains("\nline one\nline \\u{202e}two\\u{2029}three\n"),
        "{text}"
    );
    assert!(
        text.contains("Deprecated: gone \\u{feff}\\u{e0041}"),
        "{text}"
    );
}

#[test]
fn check_escapes_hidden_characters_in_diagnostics() {
    let dir = scratch("check");
    let catalog = write(
        &dir,
        "errors.toml",
        "[service]\nname = \"KMS\"\n[[error]]\ncode = \"A\"\nstatus = 400\nmessage = \"m\"\n\"st\\u202Eatus\" = 1\n",
    );
    let output = errcat().arg("check").arg(&catalog).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_shown_safely(&output.stderr);
    let text = String::from_utf8(output.stderr).unwrap();
    assert!(text.contains("unknown key `st\\u{202e}atus`"), "{text}");
}

#[test]
fn check_places_invalid_utf8() {
    let dir = scratch("utf8");
    let catalog = dir.join("errors.toml");
    std::fs::write(&catalog, b"[service]\nname = \"K\xffMS\"\n").unwrap();
    let output = errcat().arg("check").arg(&catalog).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stderr).unwrap();
    assert!(
        text.contains("errors.toml:2:10: error: the byte 0xFF is not valid UTF-8"),
        "{text}"
    );
}

#[test]
fn diff_escapes_hidden_characters() {
    let dir = scratch("diff");
    let old = write(&dir, "old.toml", HOSTILE);
    let new = write(
        &dir,
        "new.toml",
        &HOSTILE
            .replace("paid ", "due ")
            .replace("gone ", "went \\u2067"),
    );
    let output = errcat().arg("diff").arg(&old).arg(&new).output().unwrap();
    assert!(output.status.success());
    assert_shown_safely(&output.stdout);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("deprecation reason changed to: went \\u{2067}"),
        "{text}"
    );
}
