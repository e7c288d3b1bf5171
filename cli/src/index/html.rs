//! The HTML error index: one self-contained page (inline CSS, a small inline script for the
//! filter box, no external assets) holding a table with one row per code, whose `id` is the
//! code's anchor.
//!
//! The page is well-formed XHTML as well as HTML5, so an XML parser can check it: void
//! elements close themselves, and the inline CSS and script use no `<` or `&`.

use std::fmt::Write as _;

use errcat_codegen::docs::{anchor, example, status_line};
use errcat_codegen::{Code, Format, Valid};
use errcat_wire::escape;
use errcat_wire::sink::infallible;

use super::by_status;

const STYLE: &str = "
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #222; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #ddd; padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
tr:target { background: #fff6d5; }
input { font: inherit; padding: 0.3rem 0.5rem; width: 24rem; max-width: 100%; }
pre { background: #f6f8fa; padding: 0.5rem; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
.deprecated { color: #a40; }
";

/// Hides the rows whose code, status, retry and message do not contain the filter text.
const SCRIPT: &str = r##"
var filter = document.getElementById("filter");
var rows = document.querySelectorAll("#codes tbody tr");
filter.addEventListener("input", function () {
  var query = filter.value.trim().toLowerCase();
  var shown = 0;
  rows.forEach(function (row) {
    var text = "";
    row.querySelectorAll(".key").forEach(function (cell) { text += " " + cell.textContent; });
    var match = text.toLowerCase().indexOf(query) !== -1;
    row.hidden = !match;
    if (match) { shown += 1; }
  });
  document.getElementById("no-match").hidden = shown !== 0;
});
"##;

/// The error index of `catalog` as one HTML page. Deterministic.
pub fn html(catalog: &Valid) -> String {
    let title = format!("{} error codes", text(&catalog.service));
    let mut out = format!(
        "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n\
         <meta charset=\"utf-8\"/>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
         <meta name=\"generator\" content=\"errcat docs\"/>\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>\n\
         <p>{} error codes, by HTTP status. Each row's anchor is its code in lower case with \
         each <code>.</code> replaced by <code>-</code>, such as \
         <code>#forbidden-keynotfound</code>.</p>\n\
         <p><label for=\"filter\">Filter: </label>\
         <input id=\"filter\" type=\"search\" placeholder=\"code, status, retry or message\"/></p>\n\
         <table id=\"codes\">\n<thead><tr><th>Code</th><th>HTTP status</th><th>Retry</th>\
         <th>Message</th></tr></thead>\n<tbody>\n",
        catalog.codes.len()
    );
    for (_, codes) in by_status(catalog) {
        for code in codes {
            out.push_str(&row(catalog, code));
        }
    }
    let _ = write!(
        out,
        "</tbody>\n</table>\n<p id=\"no-match\" hidden=\"hidden\">No code matches the filter.</p>\n\
         <script>{SCRIPT}</script>\n</body>\n</html>\n"
    );
    out
}

/// One `<tr>`: the cells the filter reads have class `key`; details follow the message.
fn row(catalog: &Valid, code: &Code) -> String {
    let id = anchor(&code.code);
    let mut out = format!(
        "<tr id=\"{id}\"><td class=\"key\"><a href=\"#{id}\"><code>{}</code></a></td>\
         <td class=\"key\">{}</td><td class=\"key\">{}</td><td><span class=\"key\">{}</span>",
        text(&code.code),
        status_line(code.status),
        code.retry,
        text(&code.message.display()),
    );
    if let Some(reason) = &code.deprecated {
        let _ = write!(
            out,
            "<p class=\"deprecated\"><strong>Deprecated:</strong> {}</p>",
            text(reason)
        );
    }
    if let Some(description) = &code.description {
        let _ = write!(out, "<p>{}</p>", text(description));
    }
    let _ = writeln!(
        out,
        "<details><summary>Example envelopes</summary><pre>{}</pre><pre>{}</pre></details>\
         </td></tr>",
        text(&example(catalog, code, Format::Json)),
        text(&example(catalog, code, Format::Xml)),
    );
    out
}

/// `s` escaped as element text.
fn text(s: &str) -> String {
    let mut out = String::new();
    infallible(escape::xml(s, &mut out));
    out
}
