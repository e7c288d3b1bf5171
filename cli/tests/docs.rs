//! `errcat docs`: the committed `ERRORS.md` is what the command prints now; the HTML page is
//! well-formed, with an anchored entry per code under its status and descriptions rendered
//! from Markdown (`tests/browser` checks it in Chromium); the JSON manifest reads back as the
//! catalog.

#[macro_use]
#[path = "../../tests/support/every_catalog.rs"]
mod every_catalog;

use std::path::Path;

use assert_cmd::Command;
use errcat::ErrorCatalog;
use errcat::kms::ErrorCode;
use every_catalog::{Catalog, shown_template};
use quick_xml::events::Event;
use serde_json::{Value, json};

/// `errcat docs` run at the workspace's root, where it finds the KMS `errors.toml`.
fn docs(format: &str) -> String {
    run_docs(format, &[])
}

/// `errcat docs --format FORMAT` of one of the repository's catalogs.
fn docs_of_catalog(format: &str, catalog: &Catalog) -> String {
    run_docs(format, &["--catalog".as_ref(), catalog.path().as_os_str()])
}

/// `errcat docs --format FORMAT` of the catalog `toml`, written to a scratch file `name`.
fn docs_of(format: &str, name: &str, toml: &str) -> String {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, toml).unwrap();
    run_docs(format, &["--catalog".as_ref(), path.as_os_str()])
}

fn run_docs(format: &str, more: &[&std::ffi::OsStr]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_errcat"))
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
        .args(["docs", "--format", format])
        .args(more)
        .assert()
        .success()
        .get_output()
        .clone();
    String::from_utf8(output.stdout).unwrap()
}

/// The anchor rule: lower case, each `.` replaced by `-`.
fn anchor(code: &str) -> String {
    code.to_ascii_lowercase().replace('.', "-")
}

#[test]
fn errors_md_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ERRORS.md");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = docs("markdown");
    if committed != generated {
        let line = committed
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .map_or_else(|| "the end".to_owned(), |i| format!("line {}", i + 1));
        panic!(
            "ERRORS.md is out of date with errors.toml (first difference at {line}); \
             regenerate it with: cargo run -p errcat-cli -- docs > ERRORS.md"
        );
    }
}

#[test]
fn markdown_has_one_anchor_per_code_under_its_status() {
    for_every_catalog!(markdown_anchors);
}

fn markdown_anchors<C: ErrorCatalog>(catalog: &Catalog) {
    let markdown = docs_of_catalog("markdown", catalog);
    for &code in C::ALL {
        let heading = format!(
            "### <a id=\"{}\"></a>`{}`\n",
            anchor(code.code()),
            code.code()
        );
        let at = markdown
            .find(&heading)
            .unwrap_or_else(|| panic!("no entry for {code:?}"));
        let section = markdown[..at].rfind("\n## ").unwrap();
        let status = format!(
            "\n## <a id=\"status-{}\"></a>{}",
            code.http_status(),
            code.http_status()
        );
        assert_eq!(
            &markdown[section..section + status.len()],
            status,
            "{code:?}"
        );
    }
}

/// What the HTML page says about one code: its id, the status section it is in, its text.
struct Entry {
    id: String,
    section: String,
    text: String,
}

/// The value of attribute `name` of `element`, if any.
fn attribute(element: &quick_xml::events::BytesStart<'_>, name: &str) -> Option<String> {
    let value = element.try_get_attribute(name).unwrap()?;
    Some(value.value.into_owned())
}

/// Parses the page as XML (failing on any malformed markup) and collects the
/// `<article id>` of each code, with the `<section id>` holding it.
fn entries(html: &str) -> Vec<Entry> {
    let mut reader = quick_xml::Reader::from_str(html);
    let mut entries: Vec<Entry> = Vec::new();
    let (mut section, mut open) = (String::new(), false);
    loop {
        match reader.read_event().expect("well-formed XHTML") {
            Event::Start(element) if element.name().as_ref() == "section" => {
                section = attribute(&element, "id").unwrap_or_default();
            }
            Event::Start(element) if element.name().as_ref() == "article" => {
                open = true;
                entries.push(Entry {
                    id: attribute(&element, "id").expect("an anchor"),
                    section: section.clone(),
                    text: String::new(),
                });
            }
            Event::End(element) if element.name().as_ref() == "article" => open = false,
            Event::Text(text) if open => {
                let text = text.xml10_content();
                entries.last_mut().unwrap().text.push_str(&text);
            }
            Event::GeneralRef(reference) if open => {
                let resolved =
                    quick_xml::escape::resolve_xml_entity(&reference).expect("a predefined entity");
                entries.last_mut().unwrap().text.push_str(resolved);
            }
            Event::Eof => return entries,
            _ => {}
        }
    }
}

#[test]
fn html_is_one_well_formed_page_with_each_code_under_its_status() {
    for_every_catalog!(html_entries);
}

fn html_entries<C: ErrorCatalog>(catalog: &Catalog) {
    let html = docs_of_catalog("html", catalog);
    assert!(html.starts_with("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\""));
    // Self-contained: nothing is loaded from elsewhere. The only absolute URLs are the XHTML
    // namespace and the codes' docs URLs: escaped once in the page's text and its example
    // JSON envelopes, twice in its example XML envelopes (Fleet's hold a `&`).
    let mut urls = html.replacen("\"http://www.w3.org/1999/xhtml\"", "", 1);
    for docs in C::ALL.iter().filter_map(|code| code.docs()) {
        let once = docs.replace('&', "&amp;");
        urls = urls
            .replace(&once.replace('&', "&amp;"), "")
            .replace(&once, "");
    }
    for external in ["src=", "<link", "http://", "https://", "@import", "url("] {
        assert!(!urls.contains(external), "the page loads `{external}`");
    }
    assert!(html.contains("<input id=\"filter\""));
    let entries = entries(&html);
    assert_eq!(entries.len(), C::ALL.len());
    for &code in C::ALL {
        let entry = entries
            .iter()
            .find(|entry| entry.id == anchor(code.code()))
            .unwrap_or_else(|| panic!("no entry for {code:?}"));
        assert_eq!(entry.section, format!("status-{}", code.http_status()));
        let message = shown_template(code.message());
        for fact in [
            code.code(),
            &code.http_status().to_string(),
            code.retry().as_str(),
            &message,
        ] {
            assert!(
                entry.text.contains(fact),
                "{code:?}: `{fact}` not in {}",
                entry.text
            );
        }
    }
    // Statuses ascend, as in ERRORS.md.
    let statuses: Vec<&str> = entries.iter().map(|e| e.section.as_str()).collect();
    assert!(statuses.is_sorted(), "{statuses:?}");
}

#[test]
fn the_manifest_reads_back_as_the_catalog() {
    let manifest: Value = serde_json::from_str(&docs("json")).unwrap();
    assert_eq!(manifest["manifest_version"], 1);
    assert_eq!(manifest["service"], "KMS");
    let codes = manifest["codes"].as_array().unwrap();
    assert_eq!(codes.len(), ErrorCode::ALL.len());
    for (entry, &code) in codes.iter().zip(ErrorCode::ALL) {
        assert_eq!(
            *entry,
            json!({
                "code": code.code(),
                "variant": format!("{code:?}"),
                "anchor": anchor(code.code()),
                "status": code.http_status(),
                "template": code.message(),
                "placeholders": code.placeholders(),
                "retry": code.retry().as_str(),
                "deprecated": null,
                "description": null,
            })
        );
    }
}

#[test]
fn the_manifest_carries_what_the_built_in_catalog_lacks() {
    let toml = "[service]\nname = \"Storage\"\n\n[[error]]\ncode = \"Bucket.NotFound\"\nstatus = 404\n\
                message = \"The bucket \\\"{bucket}\\\" does not exist {{yet}}.\"\nretry = \"throttling\"\n\
                description = \"Create it first.\\nThen retry.\"\ndeprecated = \"use NoSuchBucket\"\n\
                variant = \"NoBucket\"\n";
    let manifest: Value =
        serde_json::from_str(&docs_of("json", "docs-storage.toml", toml)).unwrap();
    assert_eq!(
        manifest["codes"][0],
        json!({
            "code": "Bucket.NotFound",
            "variant": "NoBucket",
            "anchor": "bucket-notfound",
            "status": 404,
            "template": "The bucket \"{bucket}\" does not exist {{yet}}.",
            "placeholders": ["bucket"],
            "retry": "throttling",
            "deprecated": "use NoSuchBucket",
            "description": "Create it first.\nThen retry.",
        })
    );
}

/// The subcommands `errcat --help` lists (but `help`).
fn subcommands() -> Vec<String> {
    let output = Command::new(env!("CARGO_BIN_EXE_errcat"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8(output.stdout).unwrap();
    let (_, commands) = help.split_once("Commands:\n").expect("a command list");
    commands
        .lines()
        .take_while(|line| line.starts_with("  "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|&name| name != "help")
        .map(str::to_owned)
        .collect()
}

/// The command table of the repository's README and the CLI crate's own README (its
/// crates.io page) are the same, and list every subcommand.
#[test]
fn both_readmes_list_every_command_alike() {
    let table = |path: &str| -> Vec<String> {
        let text =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
        text.lines()
            .filter(|line| line.starts_with("| `errcat "))
            .map(str::to_owned)
            .collect()
    };
    let (root, cli) = (table("../README.md"), table("README.md"));
    assert_eq!(root, cli, "README.md and cli/README.md disagree");
    let commands = subcommands();
    assert!(commands.len() >= 7, "{commands:?}");
    for command in commands {
        let row = format!("| `errcat {command}");
        assert!(root.iter().any(|line| line.starts_with(&row)), "{command}");
    }
}

/// Which catalog a command works on is said alike in both READMEs and in `errcat --help`.
#[test]
fn the_readmes_and_the_help_say_which_catalog_is_used() {
    let start = "`explain`, `render`, `decode` and `docs` work on one catalog";
    let paragraph = |path: &str| -> String {
        let text =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
        let at = text
            .find(start)
            .unwrap_or_else(|| panic!("{path}: no `{start}`"));
        let end = text[at..].find("\n\n").map_or(text.len(), |end| at + end);
        text[at..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let root = paragraph("../README.md");
    assert_eq!(
        root,
        paragraph("README.md"),
        "README.md and cli/README.md disagree"
    );
    assert!(
        root.contains("`--catalog FILE`, else `./errors.toml` when the directory `errcat` runs in has one, else the catalog `errcat` was built with"),
        "{root}"
    );
    let output = Command::new(env!("CARGO_BIN_EXE_errcat"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8(output.stdout).unwrap();
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        help.contains(&root.replace('`', "")),
        "`errcat --help` does not say what the READMEs say:\n{help}"
    );
}

#[test]
fn format_values_are_read_in_any_case() {
    assert_eq!(docs("HTML"), docs("html"));
    assert_eq!(docs("Json"), docs("json"));
}

/// A description is Markdown in the HTML page; its raw HTML is text, its images links, and
/// the page stays well-formed.
#[test]
fn html_renders_descriptions_as_markdown() {
    let toml = "[service]\nname = \"Storage\"\n\n[[error]]\ncode = \"Bucket.NotFound\"\nstatus = 404\n\
                message = \"No bucket.\"\ndescription = '''\n# Why\n\nIt is **gone** <b>now</b>.\n\n\
                ![chart](c.png)\n\n<script>alert(1)</script>\n'''\n";
    let html = docs_of("html", "docs-markdown.toml", toml);
    let entries = entries(&html);
    assert_eq!(entries.len(), 1);
    let description = "<div class=\"description\">\n<h4>Why</h4>\n\
                       <p>It is <strong>gone</strong> &lt;b&gt;now&lt;/b&gt;.</p>\n\
                       <p><a href=\"c.png\">chart</a></p>\n\
                       &lt;script&gt;alert(1)&lt;/script&gt;\n</div>";
    assert!(html.contains(description), "{html}");
    assert!(!html.contains("<script>alert"));
}
