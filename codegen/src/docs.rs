//! Documentation text for generated items: the rustdoc of every variant.

use crate::envelope;
use crate::model::{Code, Retry};

/// The rustdoc of a variant: its code, status, message, retry behaviour, description and
/// example envelopes in both formats.
pub fn variant_doc(service: &str, code: &Code) -> String {
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
    doc.push_str(&envelope::json_example(code));
    doc.push_str("\n```\n\nXML envelope:\n\n```xml\n");
    doc.push_str(&envelope::xml_example(service, code));
    doc.push_str("\n```");
    doc
}

/// `404 Not Found`: the status with its reason phrase, when it has a standard one.
pub fn status_line(status: u16) -> String {
    match reason_phrase(status) {
        Some(reason) => format!("{status} {reason}"),
        None => status.to_string(),
    }
}

/// What `retry` means to a client, in a few words.
pub fn retry_text(retry: Retry) -> &'static str {
    match retry {
        Retry::Never => "never: retrying gives the same error",
        Retry::Transient => "transient: retry with backoff",
        Retry::Throttling => "throttling: retry after waiting",
    }
}

/// `text` as a Markdown code span, with a fence longer than any run of backticks inside.
fn code_span(text: &str) -> String {
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
