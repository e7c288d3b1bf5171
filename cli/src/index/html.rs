//! The HTML error index: one self-contained page (inline CSS, a small inline script for the
//! filter box, no external assets), grouped by HTTP status like `ERRORS.md`: a section per
//! status (`id="status-404"`) holding an article per code, whose `id` is the code's anchor.
//!
//! Each code is a block, not a table row, so the page reads at any width: at 400 px the
//! facts stack and long envelopes wrap, and nothing scrolls sideways. Descriptions are
//! Markdown, rendered by `description`.
//!
//! The page is well-formed XHTML as well as HTML5, so an XML parser can check it: void
//! elements close themselves, and the inline CSS and script use no `<` or `&`.

use std::fmt::Write as _;

use errcat_codegen::docs::{example, retry_text, status_line};
use errcat_codegen::{Code, Format, Valid};
use errcat_wire::escape;
use errcat_wire::sink::infallible;

use super::{anchor, by_status, description, example_code};

const STYLE: &str = "
* { box-sizing: border-box; }
body { font-family: system-ui, sans-serif; line-height: 1.45; margin: 0 auto; max-width: 60rem; padding: 1rem; color: #222; }
h1 { font-size: 1.6rem; margin: 0.5rem 0; }
h2 { border-bottom: 2px solid #ccd; margin: 2rem 0 0.5rem; padding-bottom: 0.2rem; }
h3 { font-size: 1.05rem; margin: 0 0 0.3rem; }
code, pre { font-family: ui-monospace, monospace; }
h3, code, .message { overflow-wrap: anywhere; }
nav ul { display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; list-style: none; margin: 0; padding: 0; }
input { font: inherit; padding: 0.3rem 0.5rem; width: 24rem; max-width: 100%; }
article { border-bottom: 1px solid #ddd; padding: 0.8rem 0.5rem; scroll-margin-top: 0.5rem; }
article:target { background: #fff6d5; outline: 2px solid #e8c64c; }
.message { font-size: 1.05rem; margin: 0 0 0.4rem; }
dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.1rem 1rem; margin: 0.4rem 0; }
dt { color: #555; }
dd { margin: 0; }
@media (max-width: 30rem) { dl { grid-template-columns: minmax(0, 1fr); } dd { margin-bottom: 0.3rem; } }
.description { max-width: 45rem; }
.description table { display: block; max-width: 100%; overflow-x: auto; border-collapse: collapse; }
.description th, .description td { border: 1px solid #ddd; padding: 0.2rem 0.5rem; }
pre { background: #f6f8fa; padding: 0.5rem; max-width: 100%; white-space: pre-wrap; overflow-wrap: anywhere; }
details { margin-top: 0.4rem; }
.deprecated { color: #a40; }
";

/// Hides the codes whose code, message and facts do not contain the filter text, and the
/// statuses left with no code.
const SCRIPT: &str = r##"
var filter = document.getElementById("filter");
var codes = document.querySelectorAll("article.code");
var statuses = document.querySelectorAll("section.status");
filter.addEventListener("input", function () {
  var query = filter.value.trim().toLowerCase();
  var shown = 0;
  codes.forEach(function (code) {
    var text = "";
    code.querySelectorAll(".key").forEach(function (part) { text += " " + part.textContent; });
    code.hidden = text.toLowerCase().indexOf(query) === -1;
    if (!code.hidden) { shown += 1; }
  });
  statuses.forEach(function (status) {
    status.hidden = status.querySelector("article.code:not([hidden])") === null;
  });
  document.getElementById("no-match").hidden = shown !== 0;
});
"##;

/// The error index of `catalog` as one HTML page. Deterministic.
pub fn html(catalog: &Valid) -> String {
    let groups = by_status(catalog);
    let mut out = header(catalog, &groups);
    for (status, codes) in &groups {
        let _ = write!(
            out,
            "<section class=\"status\" id=\"status-{status}\">\n<h2>{}</h2>\n",
            status_line(*status)
        );
        for code in codes {
            out.push_str(&article(catalog, code));
        }
        out.push_str("</section>\n");
    }
    let _ = write!(
        out,
        "<p id=\"no-match\" hidden=\"hidden\">No code matches the filter.</p>\n</main>\n\
         <script>{SCRIPT}</script>\n</body>\n</html>\n"
    );
    out
}

/// From the doctype to `<main>`: the title, how anchors are made, the filter box, and a list
/// of the statuses with their number of codes.
fn header(catalog: &Valid, groups: &[(u16, Vec<&Code>)]) -> String {
    let title = format!("{} error codes", text(&catalog.service));
    let statuses: String = groups
        .iter()
        .map(|(status, codes)| {
            format!(
                "<li><a href=\"#status-{status}\">{}</a> ({})</li>",
                status_line(*status),
                codes.len()
            )
        })
        .collect();
    format!(
        "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n\
         <meta charset=\"utf-8\"/>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
         <meta name=\"generator\" content=\"errcat docs\"/>\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header>\n\
         <h1>{title}</h1>\n\
         <p>{} error codes, by HTTP status. Each code's anchor is its code in lower case with \
         each <code>.</code> replaced by <code>-</code>, such as \
         <code>#{example}</code>.</p>\n\
         <p><label for=\"filter\">Filter: </label>\
         <input id=\"filter\" type=\"search\" placeholder=\"code, message, status or retry\"/></p>\n\
         <nav><ul>{statuses}</ul></nav>\n</header>\n<main>\n",
        catalog.codes.len(),
        example = anchor(&example_code(catalog).code),
    )
}

/// One code: its heading, message and facts (the parts the filter reads, class `key`), then
/// its deprecation, description and example envelopes.
fn article(catalog: &Valid, code: &Code) -> String {
    let id = anchor(&code.code);
    let mut out = format!(
        "<article class=\"code\" id=\"{id}\">\n\
         <h3><a href=\"#{id}\"><code class=\"key\">{}</code></a></h3>\n\
         <p class=\"message key\">{}</p>\n<dl>",
        text(&code.code),
        text(&code.message.display()),
    );
    let mut fact = |name: &str, value: &str| {
        let _ = write!(out, "<dt>{name}</dt><dd class=\"key\">{value}</dd>");
    };
    fact("HTTP status", &status_line(code.status));
    fact("Retry", retry_text(code.retry));
    let placeholders = code.message.placeholders();
    if !placeholders.is_empty() {
        let list: Vec<String> = placeholders
            .iter()
            .map(|p| format!("<code>{}</code>", text(p)))
            .collect();
        fact("Placeholders", &list.join(", "));
    }
    fact(
        "Rust variant",
        &format!("<code>{}</code>", text(&code.variant)),
    );
    out.push_str("</dl>\n");
    if let Some(reason) = &code.deprecated {
        let _ = writeln!(
            out,
            "<p class=\"deprecated\"><strong>Deprecated:</strong> {}</p>",
            text(reason)
        );
    }
    if let Some(markdown) = &code.description {
        let _ = writeln!(
            out,
            "<div class=\"description\">\n{}</div>",
            description::to_html(markdown)
        );
    }
    let _ = writeln!(
        out,
        "<details><summary>Example envelopes</summary><pre>{}</pre><pre>{}</pre></details>\n\
         </article>",
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
