//! `errcat render CODE`: the exact bytes of the error envelope a server sends.
//!
//! The envelope is the one the runtime writes: the code's pieces, made by the wire crate from
//! the catalog in the catalog's dialect, written by the wire crate's writer with the
//! arguments, request id and host id escaped for the format.

use std::process::ExitCode;

use errcat_codegen::{Code, Format, suggest};
use errcat_wire::envelope::{self, Values};
use errcat_wire::sink::infallible;

use crate::catalog::{self, CatalogArg};
use crate::failure::{self, Failure};

/// Print the error envelope a server sends for a code, byte for byte
///
/// The output is the response body followed by one newline. Every placeholder of the code's
/// message needs an --arg; arguments, request id and host id are escaped for the format.
#[derive(clap::Args)]
pub struct Args {
    /// The error code, such as MissingParameter
    code: String,
    /// The envelope format: json or xml, any case
    #[arg(long, default_value = "json", value_parser = format)]
    format: Format,
    /// The RequestId field [default: a fresh UUID v4]
    #[arg(long, value_name = "ID")]
    request_id: Option<String>,
    /// The HostId field; left out when not given
    #[arg(long, value_name = "HOST")]
    host_id: Option<String>,
    /// A placeholder argument, such as parameter=KeyId (repeat for each placeholder)
    #[arg(long = "arg", value_name = "NAME=VALUE", value_parser = name_value)]
    args: Vec<(String, String)>,
    #[command(flatten)]
    catalog: CatalogArg,
}

pub fn run(args: &Args) -> Result<ExitCode, Failure> {
    let catalog = args.catalog.load()?;
    let code = catalog::find(&catalog, &args.code)?;
    let values = bind(code, &args.args)?;
    let request_id = args
        .request_id
        .clone()
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    let pieces = catalog.error_pieces(code, args.format);
    let values = Values {
        args: &values,
        placeholders: &code.message.placeholders(),
        request_id: request_id.as_str().into(),
        host_id: args.host_id.as_deref().into(),
    };
    let mut body = String::new();
    infallible(envelope::write(
        &pieces,
        Some(args.format),
        &values,
        &mut body,
    ));
    body.push('\n');
    failure::print(&body)?;
    Ok(ExitCode::SUCCESS)
}

/// A `--format` value: `json` or `xml` in any case, as the `Format` parameter is read.
fn format(value: &str) -> Result<Format, String> {
    value
        .parse()
        .map_err(|e: errcat_wire::UnknownFormat| e.to_string())
}

/// The argument of each placeholder, in placeholder order; every problem at once: names the
/// code does not have, names given twice, placeholders without an argument.
pub fn bind<'a>(code: &Code, args: &'a [(String, String)]) -> Result<Vec<&'a str>, Failure> {
    let names = code.message.placeholders();
    let mut values: Vec<Option<&str>> = vec![None; names.len()];
    let mut problems = Vec::new();
    for (name, value) in args {
        match names.iter().position(|n| n == name) {
            Some(i) if values[i].is_some() => {
                problems.push(format!("--arg `{name}` is given twice"))
            }
            Some(i) => values[i] = Some(value),
            None => problems.push(unknown_placeholder(code, &names, name)),
        }
    }
    for (name, value) in names.iter().zip(&values) {
        if value.is_none() {
            problems.push(format!(
                "missing --arg {name}=VALUE for the placeholder `{{{name}}}` of `{}`",
                code.code
            ));
        }
    }
    if problems.is_empty() {
        Ok(values.into_iter().flatten().collect())
    } else {
        Err(Failure::usage(problems.join("\nerror: ")))
    }
}

/// `` `InternalFailure` has no placeholder `x`; ... `` with what it does have.
fn unknown_placeholder(code: &Code, names: &[&str], name: &str) -> String {
    let name = name.escape_debug();
    let hint = match names {
        [] => "it takes no --arg".to_owned(),
        _ => match suggest::closest(&name.to_string(), names.iter().copied()) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!("its placeholders: `{}`", names.join("`, `")),
        },
    };
    format!("`{}` has no placeholder `{name}`; {hint}", code.code)
}

/// Parses `NAME=VALUE` (the value may hold `=`).
fn name_value(arg: &str) -> Result<(String, String), String> {
    match arg.split_once('=') {
        Some((name, value)) if !name.is_empty() => Ok((name.to_owned(), value.to_owned())),
        _ => Err("expected NAME=VALUE, such as parameter=KeyId".to_owned()),
    }
}
