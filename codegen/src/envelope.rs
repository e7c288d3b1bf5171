//! The per-code parts of error envelopes, made at build time.
//!
//! An error envelope is a per-code head (status, code, message), then the request id and
//! host id that only the run time knows, then a fixed tail:
//!
//! ```text
//! {"HttpStatus":400,"Code":"X","Message":"...","RequestId":"   ← head (per code, escaped here)
//! 3b237773-...                                                  ← request id (escaped at run time)
//! ","HostId":"kms.cn-hangzhou.aliyuncs.com"}                    ← tail (host id only when known)
//! ```
//!
//! A head is a list of fragments: literal text, already escaped for its format, and
//! placeholder arguments (by index into the code's placeholders), which the run time escapes.
//! For a code without placeholders the head is one literal, written with a single copy.

use crate::escape;
use crate::model::Code;
use crate::template::Piece;

/// One fragment of a head.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fragment {
    /// Text written as is (already escaped for the format).
    Literal(String),
    /// The placeholder argument at this index of `Template::placeholders`.
    Arg(usize),
}

/// The request id and host id of the examples in generated docs (the KMS reference's sample).
pub const EXAMPLE_REQUEST_ID: &str = "3b237773-bc2c-4bea-95fc-319a1a5baa68";
pub const EXAMPLE_HOST_ID: &str = "kms.cn-hangzhou.aliyuncs.com";

/// The XML declaration that starts every XML envelope.
pub const XML_DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8"?>"#;

/// The message as fragments: literal text escaped by `escape`.
pub fn message(code: &Code, escape: fn(&str, &mut String)) -> Vec<Fragment> {
    let names = code.message.placeholders();
    code.message
        .pieces
        .iter()
        .map(|piece| match piece {
            Piece::Text(text) => {
                let mut out = String::new();
                escape(text, &mut out);
                Fragment::Literal(out)
            }
            Piece::Placeholder(name) => {
                Fragment::Arg(names.iter().position(|n| n == name).unwrap_or(0))
            }
        })
        .collect()
}

/// The message, unescaped (for `Display`).
pub fn text_head(code: &Code) -> Vec<Fragment> {
    message(code, |s, out| out.push_str(s))
}

/// `{"HttpStatus":400,"Code":"...","Message":"...","RequestId":"`
pub fn json_head(code: &Code) -> Vec<Fragment> {
    let mut open = format!(r#"{{"HttpStatus":{},"Code":""#, code.status);
    escape::json(&code.code, &mut open);
    open.push_str(r#"","Message":""#);
    join(open, message(code, escape::json), r#"","RequestId":""#)
}

/// `<?xml ...?><KMS><HttpStatus>400</HttpStatus><Code>...</Code><Message>...</Message><RequestId>`
pub fn xml_head(service: &str, code: &Code) -> Vec<Fragment> {
    let mut open = format!(
        "{XML_DECLARATION}<{service}><HttpStatus>{}</HttpStatus><Code>",
        code.status
    );
    escape::xml(&code.code, &mut open);
    open.push_str("</Code><Message>");
    join(open, message(code, escape::xml), "</Message><RequestId>")
}

/// A whole JSON envelope, for docs: placeholders shown as `<name>`.
pub fn json_example(code: &Code) -> String {
    let mut out = render(&json_head(code), code, escape::json);
    out.push_str(&format!(
        r#"{EXAMPLE_REQUEST_ID}","HostId":"{EXAMPLE_HOST_ID}"}}"#
    ));
    out
}

/// A whole XML envelope, for docs: placeholders shown as `<name>`.
pub fn xml_example(service: &str, code: &Code) -> String {
    let mut out = render(&xml_head(service, code), code, escape::xml);
    out.push_str(&format!(
        "{EXAMPLE_REQUEST_ID}</RequestId><HostId>{EXAMPLE_HOST_ID}</HostId></{service}>"
    ));
    out
}

/// The head with each argument shown as `<name>`, escaped.
fn render(head: &[Fragment], code: &Code, escape: fn(&str, &mut String)) -> String {
    let names = code.message.placeholders();
    let mut out = String::new();
    for fragment in head {
        match fragment {
            Fragment::Literal(text) => out.push_str(text),
            Fragment::Arg(i) => escape(&format!("<{}>", names[*i]), &mut out),
        }
    }
    out
}

/// `open`, the message, `close`, with adjacent literals merged.
fn join(open: String, message: Vec<Fragment>, close: &str) -> Vec<Fragment> {
    let mut out = vec![Fragment::Literal(open)];
    for fragment in message
        .into_iter()
        .chain([Fragment::Literal(close.to_owned())])
    {
        match (out.last_mut(), fragment) {
            (Some(Fragment::Literal(last)), Fragment::Literal(next)) => last.push_str(&next),
            (_, fragment) => out.push(fragment),
        }
    }
    out
}
