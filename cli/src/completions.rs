//! `errcat completions SHELL`: the shell's completion script for errcat, from clap_complete.

use std::process::ExitCode;

use clap_complete::Shell;

use crate::failure::{self, Failure};

/// Print the completion script of a shell
///
/// bash: errcat completions bash > ~/.local/share/bash-completion/completions/errcat.
/// zsh: errcat completions zsh > _errcat, in a directory on $fpath.
/// fish: errcat completions fish > ~/.config/fish/completions/errcat.fish.
/// PowerShell: errcat completions powershell | Out-String | Invoke-Expression, in $PROFILE.
#[derive(clap::Args)]
pub struct Args {
    /// The shell: bash, zsh, fish, powershell or elvish, any case
    #[arg(value_enum, ignore_case = true)]
    shell: Shell,
}

/// Writes the script for `command`, the whole errcat command line as clap knows it.
pub fn run(args: &Args, mut command: clap::Command) -> Result<ExitCode, Failure> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "errcat", &mut script);
    failure::print(&String::from_utf8_lossy(&script))?;
    Ok(ExitCode::SUCCESS)
}
