//! `errcat completions SHELL`: each shell's script, and bash's run by bash itself.

use std::process::Command as Process;

use assert_cmd::Command;

fn script(shell: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_errcat"))
        .args(["completions", shell])
        .assert()
        .success()
        .stderr("")
        .get_output()
        .clone();
    String::from_utf8(output.stdout).unwrap()
}

/// What bash's completion function offers for `words`, the last one being completed.
fn bash_completes(words: &[&str]) -> Vec<String> {
    let script = script("bash");
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "{script}\nCOMP_WORDS=({words}); COMP_CWORD={cword}; _errcat errcat '{cur}' '{prev}'; \
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        words = quoted.join(" "),
        cword = words.len() - 1,
        cur = words[words.len() - 1],
        prev = words[words.len() - 2],
    );
    let output = Process::new("bash")
        .args(["--norc", "-c", &program])
        .output()
        .expect("bash runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn bash_completes_subcommands_and_option_values() {
    assert_eq!(bash_completes(&["errcat", "ex"]), ["explain"]);
    assert_eq!(
        bash_completes(&["errcat", "docs", "--format", ""]),
        ["markdown", "html", "json"]
    );
    assert!(bash_completes(&["errcat", ""]).contains(&"completions".to_owned()));
}

#[test]
fn every_shell_gets_its_own_script() {
    assert!(script("zsh").starts_with("#compdef errcat\n"));
    assert!(script("fish").contains("complete -c errcat "));
    assert!(
        script("powershell").contains("Register-ArgumentCompleter -Native -CommandName 'errcat'")
    );
    // Shell names, like every --format value, are read in any case.
    assert_eq!(script("BASH"), script("bash"));
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    Command::new(env!("CARGO_BIN_EXE_errcat"))
        .args(["completions", "tcsh"])
        .assert()
        .code(2);
}
