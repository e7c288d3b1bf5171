//! Golden diagnostics: every broken catalog under `tests/ui/` must give exactly the
//! diagnostics in the `.stderr` file beside it. `BLESS=1 cargo test -p errcat-codegen --test
//! diagnostics` rewrites the expectations after a deliberate change.

use std::fs;
use std::path::Path;

#[test]
fn every_broken_catalog_reports_exactly_its_golden_diagnostics() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui");
    let bless = std::env::var_os("BLESS").is_some();
    let mut cases: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 15,
        "expected the golden cases under {}",
        dir.display()
    );
    let mut failures = Vec::new();
    for case in &cases {
        let source = fs::read_to_string(case).unwrap();
        let name = format!("ui/{}", case.file_name().unwrap().to_string_lossy());
        let actual = match errcat_codegen::load(&source) {
            Ok(_) => "(no diagnostics)\n".to_owned(),
            Err(diags) => errcat_codegen::render_diagnostics(&diags, &name, &source),
        };
        let golden = case.with_extension("stderr");
        if bless {
            fs::write(&golden, &actual).unwrap();
            continue;
        }
        let expected = fs::read_to_string(&golden).unwrap_or_default();
        if actual != expected {
            failures.push(format!(
                "{name}:\n--- expected\n{expected}--- actual\n{actual}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(BLESS=1 cargo test -p errcat-codegen --test diagnostics updates the .stderr files)",
        failures.join("\n")
    );
}

#[test]
fn the_shipped_catalog_is_valid() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../errors.toml");
    let source = fs::read_to_string(path).unwrap();
    let catalog = errcat_codegen::load(&source).unwrap_or_else(|diags| {
        panic!(
            "{}",
            errcat_codegen::render_diagnostics(&diags, "errors.toml", &source)
        )
    });
    assert_eq!(catalog.service, "KMS");
    assert_eq!(catalog.codes.len(), 32);
}

/// A catalog with many problems reports each of them once, never stopping at the first.
#[test]
fn many_mistakes_are_reported_together() {
    let source = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui/many_mistakes.toml"),
    )
    .unwrap();
    let diags = errcat_codegen::load(&source).unwrap_err();
    assert_eq!(diags.len(), 5, "{diags:#?}");
}
