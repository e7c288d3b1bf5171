//! `errcat explain CODE`: everything about one code, as `rustc --explain` does for its errors.

use std::fmt::Write as _;

use errcat_codegen::docs::{example, retry_text, status_line};
use errcat_codegen::{Code, Format, Valid};
use errcat_wire::show;

use crate::catalog::{self, CatalogArg};
use crate::failure::{self, Failure};
use crate::index::{INDEX_FILE, anchor};
use crate::style::{BOLD, WARNING, paint};

/// Explain an error code: status, retry, message, description, example envelopes
///
/// The code is matched exactly, else ignoring ASCII case. An unknown code exits with status
/// 2 and suggests the closest known codes.
#[derive(clap::Args)]
pub struct Args {
    /// The error code, such as Forbidden.KeyNotFound
    code: String,
    #[command(flatten)]
    catalog: CatalogArg,
}

pub fn run(args: &Args) -> Result<std::process::ExitCode, Failure> {
    let catalog = args.catalog.load()?;
    let code = catalog::find(&catalog, &args.code)?;
    failure::print_styled(&explain(&catalog, &args.catalog.name(), code))?;
    Ok(std::process::ExitCode::SUCCESS)
}

/// The explanation of `code`: a summary line, its facts (the catalog it comes from first),
/// its docs, its envelopes; the code and the names of facts in bold. Catalog text is shown by
/// `errcat_wire::show`'s rule (the one `Display` follows): a bidi override or an invisible
/// character in a message cannot make the terminal show something else.
fn explain(catalog: &Valid, source: &str, code: &Code) -> String {
    let mut out = format!(
        "{}: {}\n\n",
        paint(BOLD, &show::line(&code.code).to_string()),
        show::line(&code.message.display())
    );
    let mut fact = |name: &str, value: &str| {
        let pad = 14usize.saturating_sub(name.len());
        let _ = writeln!(out, "{}{:pad$}{}", paint(BOLD, name), "", show::line(value));
    };
    fact(
        "Catalog",
        &format!("{source} (service {})", catalog.service),
    );
    fact("HTTP status", &status_line(code.status));
    fact("Retry", retry_text(code.retry));
    let placeholders = code.message.placeholders();
    if !placeholders.is_empty() {
        fact("Placeholders", &placeholders.join(", "));
    }
    fact("Rust variant", &code.variant);
    let index = format!("{INDEX_FILE}#{}", anchor(&code.code));
    fact("Error index", &index);
    if let Some(url) = catalog.docs_url(code) {
        fact("Docs", &url);
    }
    if let Some(reason) = &code.deprecated {
        let reason = show::line(reason);
        let _ = write!(out, "\n{} {reason}\n", paint(WARNING, "Deprecated:"));
    }
    if let Some(description) = &code.description {
        let _ = write!(out, "\n{}\n", show::block(description.trim_end()));
    }
    let _ = write!(
        out,
        "\nJSON envelope:\n{}\n\nXML envelope:\n{}\n",
        show::line(&example(catalog, code, Format::Json)),
        show::line(&example(catalog, code, Format::Xml))
    );
    out
}
