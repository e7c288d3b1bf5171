//! A code's `description`, Markdown, as HTML for the index page.
//!
//! The page must stay what errcat wrote, self-contained, and well-formed XHTML, whatever a
//! catalog says: raw HTML in a description is shown as text, never run; images become links
//! to them (the page loads nothing from elsewhere); links keep only schemes that navigate
//! (`http`, `https`, `mailto`, or none); headings start below the code's own heading.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// `markdown` as HTML.
pub fn to_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(markdown, options).map(tame);
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

/// One event as the page may show it.
fn tame(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        Event::Start(
            Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }
            | Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            },
        ) => Event::Start(Tag::Link {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: below_code_heading(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Image) => Event::End(TagEnd::Link),
        Event::End(TagEnd::Heading(level)) => {
            Event::End(TagEnd::Heading(below_code_heading(level)))
        }
        other => other,
    }
}

/// `url` if following it can only navigate; `#` otherwise (`javascript:alert(1)` runs code).
fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    let scheme_end = url.find([':', '/', '?', '#']);
    let scheme = match scheme_end {
        Some(end) if url[end..].starts_with(':') => Some(url[..end].to_ascii_lowercase()),
        _ => None,
    };
    match scheme.as_deref() {
        None | Some("http" | "https" | "mailto") => url,
        Some(_) => CowStr::Borrowed("#"),
    }
}

/// Each code is an `<h3>`: a description's `#` is an `<h4>`, and so on down to `<h6>`.
fn below_code_heading(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H4,
        HeadingLevel::H2 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

#[cfg(test)]
mod tests {
    use super::to_html;

    #[test]
    fn markdown_renders() {
        assert_eq!(
            to_html("Use **`KeyId`**:\n\n- one\n- *two*\n"),
            "<p>Use <strong><code>KeyId</code></strong>:</p>\n<ul>\n<li>one</li>\n<li><em>two</em></li>\n</ul>\n"
        );
    }

    #[test]
    fn raw_html_is_text() {
        assert_eq!(
            to_html("<script>alert(1)</script>\n\nA <b>bold</b> claim."),
            "&lt;script&gt;alert(1)&lt;/script&gt;\n<p>A &lt;b&gt;bold&lt;/b&gt; claim.</p>\n"
        );
    }

    #[test]
    fn images_become_links_and_only_navigating_links_stay() {
        assert_eq!(
            to_html("![chart](https://example.com/c.png)"),
            "<p><a href=\"https://example.com/c.png\">chart</a></p>\n"
        );
        assert_eq!(
            to_html(
                "[x](javascript:alert(1)) [y](JavaScript:1) [z](#missingparameter) [m](mailto:a@b.c)"
            ),
            "<p><a href=\"#\">x</a> <a href=\"#\">y</a> <a href=\"#missingparameter\">z</a> \
             <a href=\"mailto:a@b.c\">m</a></p>\n"
        );
    }

    #[test]
    fn headings_sit_below_the_code() {
        assert_eq!(to_html("# Why\n## How"), "<h4>Why</h4>\n<h5>How</h5>\n");
    }
}
