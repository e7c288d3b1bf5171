//! `errcat`: the error catalog from the command line.
//!
//! Every subcommand works from the checked catalog model of `errcat-codegen`, the same one
//! the build compiles into Rust, of the catalog `catalog::CatalogArg` picks: `--catalog FILE`,
//! else `./errors.toml`, else the catalog this binary was built with. Exit statuses are `failure`'s: 0 success, 1 failure (a broken catalog,
//! an undecodable body, a breaking diff), 2 usage error (a bad argument, an unknown code), 3
//! an input `diff` could not read as a catalog.

mod catalog;
mod changes;
mod check;
mod completions;
mod decode;
mod diff;
mod docs;
mod explain;
mod failure;
mod index;
mod render;
mod style;

use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use failure::Failure;

/// The error codes of a service, from its errors.toml catalog.
///
/// explain, render, decode and docs work on one catalog: the file given with --catalog FILE,
/// else ./errors.toml when the directory errcat runs in has one, else the catalog errcat was
/// built with (the Alibaba Cloud KMS common error codes). explain, decode and the Markdown
/// index name the catalog they used.
#[derive(Parser)]
#[command(name = "errcat", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Explain(explain::Args),
    Render(render::Args),
    Decode(decode::Args),
    Check(check::Args),
    Docs(docs::Args),
    Diff(diff::Args),
    Completions(completions::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Explain(args) => explain::run(args),
        Command::Render(args) => render::run(args),
        Command::Decode(args) => decode::run(args),
        Command::Check(args) => check::run(args),
        Command::Docs(args) => docs::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Completions(args) => completions::run(args, Cli::command()),
    };
    result.unwrap_or_else(Failure::report)
}
