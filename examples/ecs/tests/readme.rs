//! The root README's "Your own service" is this crate, so that a new user who copies its
//! blocks gets a crate that builds: its `build.rs`, `src/errors.rs` and `src/main.rs` blocks
//! are these files; its `errors.toml` block is part of `errors.toml`, with every code its
//! Rust blocks use; its `Cargo.toml` block lists every crate those blocks name, as this
//! crate's `Cargo.toml` has it (versions, default features, features).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use toml::{Table, Value};

fn here(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn read(path: &str) -> String {
    let path = here(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The fenced blocks of the README's "Your own service": each block's info string and text.
fn blocks() -> Vec<(String, String)> {
    let readme = read("../../README.md");
    let start = readme.find("\n## Your own service\n").expect("the section");
    let section = &readme[start + 1..];
    let section = &section[..section[3..]
        .find("\n## ")
        .map_or(section.len(), |end| end + 3)];
    let mut blocks = Vec::new();
    let mut lines = section.lines();
    while let Some(line) = lines.next() {
        if let Some(info) = line.strip_prefix("```") {
            let text: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
            blocks.push((info.to_owned(), text.join("\n") + "\n"));
        }
    }
    blocks
}

/// The block whose first line names `file` (`# Cargo.toml`, `// src/errors.rs, ...`): the
/// text after that line.
fn file_block(file: &str) -> String {
    blocks()
        .into_iter()
        .find_map(|(_, text)| {
            let (first, body) = text.split_once('\n')?;
            let named = first.trim_start_matches(['#', '/', ' ']);
            let after_name = named.strip_prefix(file)?;
            let whole = after_name.is_empty() || after_name.starts_with(',');
            whole.then(|| body.to_owned())
        })
        .unwrap_or_else(|| panic!("the README shows no {file}"))
}

/// The Rust the README shows: every `rust` block, comments left out.
fn rust_code() -> String {
    let rust = blocks()
        .into_iter()
        .filter(|(info, _)| info.starts_with("rust"));
    let code = rust.flat_map(|(_, text)| {
        let lines: Vec<String> = text
            .lines()
            .map(|line| line.split("//").next().unwrap_or_default().to_owned())
            .collect();
        lines
    });
    code.collect::<Vec<_>>().join("\n")
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// What `code` has right after each `prefix`, as long as `part` says: `invalid_parameter`
/// after `EcsCode::`, a code after `ecs_code!("`.
fn after<'a>(code: &'a str, prefix: &str, part: fn(char) -> bool) -> BTreeSet<&'a str> {
    code.match_indices(prefix)
        .map(|(at, _)| {
            let rest = &code[at + prefix.len()..];
            &rest[..rest.find(|c| !part(c)).unwrap_or(rest.len())]
        })
        .collect()
}

/// The crates a path in `code` starts with (`axum` in `axum::routing::get`), as package
/// names (`errcat-codegen`), but this crate and the standard library.
fn crates_named(code: &str) -> BTreeSet<String> {
    let starts = code.match_indices("::").filter_map(|(at, _)| {
        let before = &code[..at];
        let start = before.rfind(|c| !is_ident(c)).map_or(0, |i| i + 1);
        let name = &before[start..];
        let first_segment = !before[..start].ends_with(':');
        let lower = name.starts_with(|c: char| c.is_ascii_lowercase());
        (first_segment && lower).then_some(name)
    });
    let ours = [
        "std",
        "core",
        "alloc",
        "crate",
        "self",
        "super",
        "errcat_example_ecs",
    ];
    starts
        .filter(|name| !ours.contains(name))
        .map(|name| name.replace('_', "-"))
        .collect()
}

#[test]
fn the_build_script_catalog_module_and_server_are_this_crates_files() {
    for file in ["build.rs", "src/errors.rs", "src/main.rs"] {
        assert_eq!(
            file_block(file),
            read(file),
            "the README's {file} is not examples/ecs/{file}"
        );
    }
    assert!(read("src/lib.rs").contains("\npub mod errors;\n"));
}

#[test]
fn the_catalog_block_is_part_of_errors_toml_and_has_every_code_the_code_uses() {
    let shown = file_block("errors.toml");
    let (shown_table, ours): (Table, Table) =
        (shown.parse().unwrap(), read("errors.toml").parse().unwrap());
    assert_eq!(shown_table["service"], ours["service"]);
    let our_errors = ours["error"].as_array().unwrap();
    for error in shown_table["error"].as_array().unwrap() {
        assert!(our_errors.contains(error), "not in errors.toml: {error}");
    }
    let catalog = errcat_codegen::load(&shown).expect("a valid catalog");
    let code = rust_code();
    let constructors: Vec<String> = catalog.codes.iter().map(|c| c.constructor()).collect();
    let used = after(&code, "EcsCode::", is_ident);
    assert!(!used.is_empty());
    for constructor in used {
        assert!(
            constructors.iter().any(|c| c == constructor),
            "`EcsCode::{constructor}` needs a code the README's errors.toml lacks"
        );
    }
    for literal in after(&code, "ecs_code!(\"", |c| c != '"') {
        assert!(
            catalog.codes.iter().any(|c| c.code == literal),
            "`ecs_code!(\"{literal}\")` needs a code the README's errors.toml lacks"
        );
    }
}

/// A dependency as it resolves: version requirement, default features, features.
#[derive(Debug, PartialEq, Eq)]
struct Spec {
    version: String,
    default_features: bool,
    features: BTreeSet<String>,
}

impl Spec {
    /// `"1"` or `{ version = "1", default-features = false, features = [...] }`; with
    /// `workspace = true`, `shared` (the workspace's entry) and this one's features.
    fn of(value: &Value, shared: &Table) -> Spec {
        let Some(table) = value.as_table() else {
            return Spec {
                version: value.as_str().unwrap().to_owned(),
                default_features: true,
                features: BTreeSet::new(),
            };
        };
        let features = table.get("features").and_then(Value::as_array);
        let features = features
            .into_iter()
            .flatten()
            .map(|f| f.as_str().unwrap().to_owned());
        let mut spec = match table.get("workspace") {
            Some(Value::Boolean(true)) => Spec::of(&Value::Table(shared.clone()), shared),
            _ => Spec {
                version: table["version"].as_str().unwrap().to_owned(),
                default_features: table.get("default-features") != Some(&Value::Boolean(false)),
                features: BTreeSet::new(),
            },
        };
        spec.features.extend(features);
        spec
    }

    /// Whether `readme`'s requirement is this one's, as a user writes it: `0.8` for `0.8`,
    /// `0.1` for `0.1.0`.
    fn shown_as(&self, readme: &Spec) -> bool {
        let ours: Vec<&str> = self.version.split('.').collect();
        let shown: Vec<&str> = readme.version.split('.').collect();
        ours.starts_with(&shown)
            && self.default_features == readme.default_features
            && self.features == readme.features
    }
}

/// The dependencies of `section` (`dependencies`, `build-dependencies`) in `manifest`, each
/// resolved against the workspace's.
fn dependencies(manifest: &Table, section: &str) -> BTreeMap<String, Spec> {
    let workspace: Table = read("../../Cargo.toml").parse().unwrap();
    let shared = workspace["workspace"]["dependencies"].as_table().unwrap();
    let Some(list) = manifest.get(section).and_then(Value::as_table) else {
        return BTreeMap::new();
    };
    list.iter()
        .map(|(name, value)| {
            let entry = match shared.get(name) {
                Some(Value::Table(table)) => table.clone(),
                Some(version) => Table::from_iter([("version".to_owned(), version.clone())]),
                None => Table::new(),
            };
            (name.clone(), Spec::of(value, &entry))
        })
        .collect()
}

#[test]
fn the_cargo_block_is_what_this_crate_uses_for_the_code_shown() {
    let shown: Table = file_block("Cargo.toml").parse().unwrap();
    let ours: Table = read("Cargo.toml").parse().unwrap();
    for section in ["dependencies", "build-dependencies"] {
        let (shown, ours) = (dependencies(&shown, section), dependencies(&ours, section));
        assert!(!shown.is_empty(), "{section}");
        for (name, spec) in &shown {
            let our = ours
                .get(name)
                .unwrap_or_else(|| panic!("examples/ecs does not use {name}"));
            assert!(
                our.shown_as(spec),
                "{name}: the README says {spec:?}, examples/ecs has {our:?}"
            );
        }
    }
    let listed: BTreeSet<String> = ["dependencies", "build-dependencies"]
        .iter()
        .flat_map(|section| dependencies(&shown, section).into_keys())
        .collect();
    assert_eq!(
        crates_named(&rust_code()),
        listed,
        "the README's Cargo.toml lists other crates than its code names"
    );
}
