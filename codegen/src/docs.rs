//! Documentation text made from a catalog: the rustdoc of every generated variant, and the
//! pieces every other form of documentation (the error index, `errcat explain`) shares with
//! it, so that they say the same things the same way.

use errcat_wire::envelope::{self, Values};
use errcat_wire::{Format, Retry};

use crate::model::{Code, Valid};

/// The request id of the example envelopes in generated docs (the KMS reference's sample).
pub const EXAMPLE_REQUEST_ID: &str = "3b237773-bc2c-4bea-95fc-319a1a5baa68";

/// A whole error envelope of `code` in `format`, as the service writes it, for docs: each
/// placeholder shown as `<name>`, the example request id, and the catalog's `host` as the
/// host id (none when the catalog has no `host`).
#[must_use]
pub fn example(catalog: &Valid, code: &Code, format: Format) -> String {
    let pieces = catalog.error_pieces(code, format);
    let values = Values::<&str> {
        args: &[],
        placeholders: &code.message.placeholders(),
        request_id: EXAMPLE_REQUEST_ID.into(),
        host_id: catalog.host.as_deref().into(),
    };
    let mut out = String::new();
    errcat_wire::sink::infallible(envelope::write(&pieces, Some(format), &values, &mut out));
    out
}

/// The most codes a catalog may have for every variant's rustdoc to be [`variant_doc`]'s,
/// and for its generated file to be pretty-printed. A larger catalog gets one line of rustdoc
/// per variant ([`variant_summary`]) and a compact file: full docs are most of a large
/// catalog's source, and pretty-printing most of an unoptimised build script's time
/// (BENCHMARKS.md, "Big catalogs"). Its error index and `errcat explain` still say everything.
/// A larger catalog from a build script is also a struct with a constant per code, not an
/// enum (`expand`'s `Form`), and its envelopes read their code and message from the table's
/// columns (`expand`'s `shape`).
pub const LARGE_CATALOG: usize = 1_000;

/// The one-line rustdoc of a variant of a large catalog: its code, status and message.
#[must_use]
pub fn variant_summary(code: &Code) -> String {
    format!(
        "`{}` ({}): {}",
        code.code,
        code.status,
        code_span(&code.message.display())
    )
}

/// The rustdoc of a variant: its code, status, message, retry behaviour, description and
/// example envelopes in both formats.
///
/// It links nowhere: rustdoc resolves a relative link such as `ERRORS.md#code` against the
/// generated page (`target/doc/.../enum.ErrorCode.html`, or docs.rs), where no index is, so
/// such a link is dead in every place the docs are read. The index's anchors are the
/// `errcat` command's, for links from places that know where the index is published.
#[must_use]
pub fn variant_doc(catalog: &Valid, code: &Code) -> String {
    let mut doc = format!(
        "`{}`: {}\n\n",
        code.code,
        code_span(&code.message.display())
    );
    doc.push_str("| | |\n|---|---|\n");
    doc.push_str(&format!("| Code | `{}` |\n", code.code));
    doc.push_str(&format!("| HTTP status | {} |\n", status_line(code.status)));
    doc.push_str(&format!(
        "| Message | {} |\n",
        code_span(&code.message.display()).replace('|', "\\|")
    ));
    doc.push_str(&format!("| Retry | {} |\n", retry_text(code.retry)));
    let placeholders = code.message.placeholders();
    if !placeholders.is_empty() {
        let list: Vec<String> = placeholders.iter().map(|p| format!("`{p}`")).collect();
        doc.push_str(&format!("| Placeholders | {} |\n", list.join(", ")));
    }
    if let Some(reason) = &code.deprecated {
        doc.push_str(&format!("\n**Deprecated:** {reason}\n"));
    }
    if let Some(description) = &code.description {
        doc.push_str(&format!("\n{description}\n"));
    }
    doc.push_str("\nJSON envelope:\n\n```json\n");
    doc.push_str(&example(catalog, code, Format::Json));
    doc.push_str("\n```\n\nXML envelope:\n\n```xml\n");
    doc.push_str(&example(catalog, code, Format::Xml));
    doc.push_str("\n```\n");
    doc
}

/// `404 Not Found`: the status with its reason phrase, when it has a standard one.
#[must_use]
pub fn status_line(status: u16) -> String {
    match reason_phrase(status) {
        Some(reason) => format!("{status} {reason}"),
        None => status.to_string(),
    }
}

/// What `retry` means to a client, in a few words.
#[must_use]
pub fn retry_text(retry: Retry) -> &'static str {
    match retry {
        Retry::Never => "never: retrying gives the same error",
        Retry::Transient => "transient: retry with backoff",
        Retry::Throttling => "throttling: retry after waiting",
    }
}

/// `text` as a Markdown code span, with a fence longer than any run of backticks inside.
#[must_use]
pub fn code_span(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// The reason phrases of the 4xx and 5xx statuses registered with IANA.
fn reason_phrase(status: u16) -> Option<&'static str> {
    Some(match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Range Not Satisfiable",
        417 => "Expectation Failed",
        421 => "Misdirected Request",
        422 => "Unprocessable Content",
        423 => "Locked",
        424 => "Failed Dependency",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        506 => "Variant Also Negotiates",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        511 => "Network Authentication Required",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code_span("a"), "`a`");
        assert_eq!(code_span("a `b` c"), "``a `b` c``");
        assert_eq!(code_span("`b`"), "`` `b` ``");
    }
}
