//! `errcat check [FILE]`: validates a catalog as the build does, reporting every problem.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::catalog;
use crate::failure::{self, Failure};
use crate::style::{GOOD, paint};

/// Check a catalog file: every problem at once, as FILE:LINE:COL: error: ...
///
/// Exits with status 1 if there is any problem; otherwise prints a one-line summary.
#[derive(clap::Args)]
pub struct Args {
    /// The catalog to check
    #[arg(default_value = "errors.toml")]
    file: PathBuf,
}

pub fn run(args: &Args) -> Result<ExitCode, Failure> {
    let catalog = catalog::load_file(&args.file)?;
    let count = catalog.codes.len();
    let plural = if count == 1 { "" } else { "s" };
    failure::print_styled(&format!(
        "{}: {} {count} error code{plural} of service {}\n",
        args.file.display(),
        paint(GOOD, "ok:"),
        errcat_wire::show::line(&catalog.service)
    ))?;
    Ok(ExitCode::SUCCESS)
}
