//! `errcat docs`: the error index, as Markdown (`ERRORS.md`), one HTML page, or a JSON
//! manifest, on standard output.

use std::process::ExitCode;

use crate::index;

use crate::catalog::CatalogArg;
use crate::failure::{self, Failure};

/// Print the error index of the catalog
///
/// Markdown is the committed ERRORS.md (regenerate it with `errcat docs > ERRORS.md`); HTML
/// is one self-contained page, by HTTP status, with a filter box, readable on a phone,
/// descriptions rendered from Markdown; JSON is a manifest of the whole catalog for clients
/// in other languages. Every code has the anchor: its code in lower case with each
/// `.` replaced by `-` (Forbidden.KeyNotFound → #forbidden-keynotfound).
#[derive(clap::Args)]
pub struct Args {
    /// The output format, any case
    #[arg(long, value_enum, ignore_case = true, default_value_t = DocsFormat::Markdown)]
    format: DocsFormat,
    #[command(flatten)]
    catalog: CatalogArg,
}

/// The forms of the index.
#[derive(Clone, Copy, clap::ValueEnum)]
enum DocsFormat {
    Markdown,
    Html,
    Json,
}

pub fn run(args: &Args) -> Result<ExitCode, Failure> {
    let catalog = args.catalog.load()?;
    let text = match args.format {
        DocsFormat::Markdown => index::markdown(&catalog, &args.catalog.name()),
        DocsFormat::Html => index::html(&catalog),
        DocsFormat::Json => index::manifest(&catalog),
    };
    failure::print(&text)?;
    Ok(ExitCode::SUCCESS)
}
