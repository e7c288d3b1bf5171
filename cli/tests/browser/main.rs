//! The HTML error index in a real browser: Debian's headless Chromium, driven over WebDriver
//! by chromedriver, loads the page `errcat docs --format html` writes, at 400 px and at
//! 1280 px wide, and checks what a person would: nothing scrolls sideways, the filter box
//! filters, an `#anchor` URL lands on its code, and a description's Markdown is rendered
//! (its raw HTML shown, not run). Screenshots go to `target/browser/`.
//!
//! Ignored by a plain `cargo test`, because it needs the browser: `.ci/run` installs
//! `chromium` and `chromium-driver` when missing and runs
//! `cargo test -p errcat-cli --test browser -- --ignored`.

mod webdriver;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use errcat::kms::ErrorCode;
use serde_json::{Value, json};

use webdriver::{Chromedriver, Session};

/// The widths checked: a phone, and a desktop window.
const WIDTHS: [u32; 2] = [400, 1280];
const HEIGHT: u32 = 900;

/// The code given a Markdown description, and what that description holds.
const DESCRIBED: &str = "forbidden-keynotfound";
const DESCRIPTION: &str = r#"
description = '''
The key does not exist in this region, or it belongs to **another account**.

- Check the `KeyId` and the region of the endpoint.
- A key [pending deletion](#rejected-pendingdeletion) is still found.

<script>document.title = "ran"</script>
'''"#;

#[test]
#[ignore = "needs chromium and chromium-driver: .ci/run installs them and runs it with --ignored"]
fn the_html_index_works_in_chromium() {
    let out = output_dir();
    let page = write_page(&out);
    let driver = Chromedriver::start(&out.join("chromedriver.log"));
    let profile = out.join("profile");
    let _ = fs::remove_dir_all(&profile);
    let session = driver.session(&profile);
    for width in WIDTHS {
        session.viewport(width, HEIGHT);
        session.open(&page);
        let inner = session.run("return window.innerWidth;");
        assert_eq!(inner, json!(width), "the viewport is not {width} px wide");
        session.screenshot(&out.join(format!("index-{width}.png")));
        nothing_scrolls_sideways(&session, width);
        the_filter_filters(&session, &page, width);
        an_anchor_lands_on_its_code(&session, &page, width);
        session.screenshot(&out.join(format!("index-{width}-anchor.png")));
        the_description_is_rendered_markdown(&session, width);
    }
}

/// `target/browser/`, made fresh apart from the profile.
fn output_dir() -> PathBuf {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target/tmp is in target/");
    let out = target.join("browser");
    fs::create_dir_all(&out).unwrap();
    out
}

/// Writes the index of the KMS catalog, one code given a Markdown description, and returns
/// its `file://` URL.
fn write_page(out: &Path) -> String {
    let line = "code = \"Forbidden.KeyNotFound\"";
    assert!(errcat::kms::SOURCE.contains(line));
    let catalog = errcat::kms::SOURCE.replacen(line, &format!("{line}{DESCRIPTION}"), 1);
    let catalog_path = out.join("errors.toml");
    fs::write(&catalog_path, catalog).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_errcat"))
        .args(["docs", "--format", "html", "--catalog"])
        .arg(&catalog_path)
        .assert()
        .success()
        .get_output()
        .clone();
    let page = out.join("index.html");
    fs::write(&page, &output.stdout).unwrap();
    let path = page.to_str().expect("a UTF-8 path");
    assert!(
        path.starts_with('/') && !path.contains([' ', '#', '%', '?']),
        "{path} needs escaping in a URL"
    );
    format!("file://{path}")
}

/// The page is no wider than the viewport, every example envelope open; if it is, the
/// message names the elements that stick out.
fn nothing_scrolls_sideways(session: &Session<'_>, width: u32) {
    let measured = session.run(
        r##"document.querySelectorAll("details").forEach(function (d) { d.open = true; });
        var root = document.documentElement;
        var wide = [];
        document.querySelectorAll("body *").forEach(function (e) {
          var right = e.getBoundingClientRect().right;
          var spills = e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === "visible";
          if (right > root.clientWidth + 0.5 || spills) {
            wide.push(e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + ": box to " + Math.round(right)
              + " px, content " + e.scrollWidth + " px");
          }
        });
        var measured = {scroll: root.scrollWidth, client: root.clientWidth, wide: wide.slice(0, 8)};
        document.querySelectorAll("details").forEach(function (d) { d.open = false; });
        return measured;"##,
    );
    let (scroll, client) = (measured["scroll"].as_u64(), measured["client"].as_u64());
    assert!(
        scroll.is_some() && scroll <= client,
        "at {width} px the page scrolls sideways: {measured}"
    );
}

/// The ids of the codes and statuses a person sees.
fn visible(session: &Session<'_>) -> Value {
    session.run(
        r##"function shown(selector) {
          return Array.from(document.querySelectorAll(selector))
            .filter(function (e) { return e.offsetParent !== null; })
            .map(function (e) { return e.id; });
        }
        return {codes: shown("article.code"), statuses: shown("section.status"),
                none: shown("#no-match").length === 1};"##,
    )
}

/// Typing a code, a status, or nothing that matches shows exactly the codes that match.
fn the_filter_filters(session: &Session<'_>, page: &str, width: u32) {
    let all = visible(session);
    assert_eq!(
        all["codes"].as_array().map(Vec::len),
        Some(ErrorCode::ALL.len())
    );
    assert_eq!(all["none"], false);

    session.type_into("#filter", "keynotfound");
    assert_eq!(
        visible(session),
        json!({"codes": ["forbidden-keynotfound"], "statuses": ["status-404"], "none": false}),
        "at {width} px, filtering by a code"
    );

    session.open(page);
    session.type_into("#filter", "409");
    let conflicts: Vec<String> = ErrorCode::ALL
        .iter()
        .filter(|code| code.http_status() == 409)
        .map(|code| code.code().to_ascii_lowercase().replace('.', "-"))
        .collect();
    assert_eq!(
        visible(session),
        json!({"codes": conflicts, "statuses": ["status-409"], "none": false}),
        "at {width} px, filtering by a status"
    );

    session.open(page);
    session.type_into("#filter", "no such code");
    assert_eq!(
        visible(session),
        json!({"codes": [], "statuses": [], "none": true}),
        "at {width} px, a filter nothing matches"
    );
}

/// Opening `page#forbidden-keynotfound` scrolls that code to the top and marks it.
fn an_anchor_lands_on_its_code(session: &Session<'_>, page: &str, width: u32) {
    session.open("about:blank");
    session.open(&format!("{page}#{DESCRIBED}"));
    let landed = session.run(
        r##"var target = document.querySelector(":target");
        var top = target ? target.getBoundingClientRect().top : null;
        return {target: target ? target.id : null, top: Math.round(top), scrolled: window.scrollY > 0,
                marked: target ? getComputedStyle(target).backgroundColor : null};"##,
    );
    assert_eq!(landed["target"], DESCRIBED, "at {width} px: {landed}");
    assert_eq!(landed["scrolled"], true, "at {width} px: {landed}");
    let top = landed["top"].as_i64().unwrap_or(-1);
    assert!(
        (0..40).contains(&top),
        "at {width} px the code is not at the top: {landed}"
    );
    assert_ne!(
        landed["marked"], "rgba(0, 0, 0, 0)",
        "at {width} px the code is not marked"
    );
}

/// The description's Markdown became elements; its `<script>` is text and did not run.
fn the_description_is_rendered_markdown(session: &Session<'_>, width: u32) {
    let rendered = session.run(&format!(
        r##"var d = document.querySelector("#{DESCRIBED} .description");
        if (!d) {{ return null; }}
        var text = function (selector) {{ var e = d.querySelector(selector); return e ? e.textContent : null; }};
        return {{strong: text("strong"), items: d.querySelectorAll("ul > li").length, code: text("li code"),
                link: text("a[href='#rejected-pendingdeletion']"), scripts: d.querySelectorAll("script").length,
                shown: d.textContent.indexOf("<script>") !== -1, title: document.title}};"##
    ));
    assert_eq!(
        rendered,
        json!({"strong": "another account", "items": 2, "code": "KeyId", "link": "pending deletion",
               "scripts": 0, "shown": true, "title": "KMS error codes"}),
        "at {width} px"
    );
}
