//! `errcat decode`: reads an error response body on standard input and prints what a client
//! learns from it, as one JSON object.
//!
//! The body is read by the runtime reader, `errcat::ServiceError`, with its limits (size,
//! depth, no DOCTYPE): whatever the input, the result is that object or an error, never a
//! panic. Whether the code is known, and its retry kind, come from the catalog in use; an
//! unknown code gets the runtime's default for its status (`Retry::default_for`).

use std::io::{self, IsTerminal, Read};
use std::process::ExitCode;

use errcat::{Decoder, NoCatalog, Retry, ServiceError};
use errcat_codegen::Valid;
use serde_json::{Value, json};

use crate::catalog::CatalogArg;
use crate::failure::{self, Failure};

/// Decode an error response body read from standard input
///
/// Prints one JSON object: status, body_status (the body's HttpStatus when it disagrees with
/// --status, else null), code, known (the catalog has the code), message, request_id,
/// host_id, recommend, retry (never, transient or throttling), retryable, extra (the other
/// fields, as [name, value] pairs in body order), and catalog (the one whose codes are
/// known). A disagreement is also a warning on standard error. The format comes from
/// --content-type, else from the body's first byte. A body that is not a readable error
/// envelope (malformed, over 1 MiB, too deep, with a DOCTYPE, ...) exits with status 1.
#[derive(clap::Args)]
pub struct Args {
    /// The response's HTTP status [default: the body's HttpStatus]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(100..=599))]
    status: Option<u16>,
    /// The response's Content-Type, such as text/xml;charset=utf-8
    #[arg(long, value_name = "TYPE")]
    content_type: Option<String>,
    #[command(flatten)]
    catalog: CatalogArg,
}

pub fn run(args: &Args) -> Result<ExitCode, Failure> {
    let catalog = args.catalog.load()?;
    let body = read_body()?;
    let content_type = args.content_type.as_deref();
    let decode = |status| {
        ServiceError::<NoCatalog>::decode(status, content_type, &body)
            .map_err(|error| Failure::error(error.to_string()))
    };
    // Without --status, the body's `HttpStatus` stands in for the status line: decoded as
    // 0 first, a body status shows up as disagreeing with it.
    let mut error = decode(args.status.unwrap_or(0))?;
    if args.status.is_none()
        && let Some(status) = error.body_status()
    {
        error = decode(status)?;
    }
    if let Some(body_status) = error.body_status() {
        failure::tell(&format!(
            "warning: the status line says {} but the body's HttpStatus says {body_status}; \
             clients go by the status line\n",
            error.status()
        ));
    }
    let mut described = describe(&catalog, &error);
    described["catalog"] = args.catalog.name().into();
    failure::print(&format!("{described:#}\n"))?;
    Ok(ExitCode::SUCCESS)
}

/// The body, refused once it grows past the decoder's limit, so that a huge input is never
/// held whole in memory. On a terminal, says first what it waits for: a bare `errcat decode`
/// would otherwise look hung.
fn read_body() -> Result<Vec<u8>, Failure> {
    let limit = Decoder::DEFAULT_MAX_BODY_SIZE;
    let stdin = io::stdin();
    if stdin.is_terminal() {
        failure::tell(
            "note: reading a response body from standard input; end it with Ctrl-D \
             (or pipe one in: curl -s URL | errcat decode)\n",
        );
    }
    let mut body = Vec::new();
    stdin
        .lock()
        .take(limit as u64 + 1)
        .read_to_end(&mut body)
        .map_err(|error| Failure::error(format!("cannot read standard input: {error}")))?;
    if body.len() > limit {
        return Err(Failure::error(format!(
            "cannot decode error envelope: body too large: over the limit of {limit} bytes"
        )));
    }
    Ok(body)
}

/// The decoded error as a JSON object.
fn describe(catalog: &Valid, error: &ServiceError<'_, NoCatalog>) -> Value {
    let status = error.status();
    let code = catalog.codes.iter().find(|c| c.code == error.code_str());
    let retry = code.map_or_else(|| Retry::default_for(status), |c| c.retry);
    let extra: Vec<Value> = error
        .extra()
        .iter()
        .map(|(name, value)| json!([name, value]))
        .collect();
    json!({
        "status": (status != 0).then_some(status),
        "body_status": error.body_status(),
        "code": error.code_str(),
        "known": code.is_some(),
        "message": error.message(),
        "request_id": error.request_id(),
        "host_id": error.host_id(),
        "recommend": error.recommend(),
        "retry": retry.as_str(),
        "retryable": retry != Retry::Never,
        "extra": extra,
    })
}
