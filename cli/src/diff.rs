//! `errcat diff OLD NEW`: what changed between two catalogs, breaking or compatible for
//! clients (the classification lives in `changes`).

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use errcat_codegen::Valid;
use errcat_wire::show;

use crate::catalog;
use crate::changes::{Change, diff};
use crate::failure::{self, Failure, UNREADABLE_INPUT};
use crate::style::{self, paint};

/// Compare two catalogs and classify each change as breaking or compatible
///
/// Breaking for clients: a code removed, a status changed, placeholders added, removed,
/// renamed or reordered, a variant renamed, the dialect changed, the service renamed (in the
/// kms dialect, where it is the XML root), the docs URL changed (in the pop and problem
/// dialects, where it is each code's Recommend or type). Compatible: a code added, a message
/// reworded, a deprecation, a retry or description change, the host changed (docs only).
///
/// Exit status: 0 no breaking change; 1 a breaking change; 2 a usage error; 3 an input could
/// not be read, or is not a valid catalog (its problems are listed).
#[derive(clap::Args)]
pub struct Args {
    /// The catalog before the change; - reads it from standard input
    old: PathBuf,
    /// The catalog after the change; - reads it from standard input
    new: PathBuf,
    /// Print one JSON object: {"breaking": bool, "changes": [{"kind", "breaking", "code", "detail"}]}
    #[arg(long)]
    json: bool,
}

pub fn run(args: &Args) -> Result<ExitCode, Failure> {
    if is_stdin(&args.old) && is_stdin(&args.new) {
        return Err(Failure::usage(
            "OLD and NEW cannot both be `-`: standard input holds one catalog",
        ));
    }
    let old = load(&args.old)?;
    let new = load(&args.new)?;
    let changes = diff(&old, &new);
    let breaking = changes.iter().any(Change::is_breaking);
    if args.json {
        failure::print(&format!("{:#}\n", json(&changes)))?;
    } else {
        failure::print_styled(&text(&changes))?;
    }
    Ok(if breaking {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The catalog at `path`, or on standard input for `-`. Any failure exits with
/// `UNREADABLE_INPUT`, so that it is not taken for a breaking change.
fn load(path: &Path) -> Result<Valid, Failure> {
    let loaded = if is_stdin(path) {
        io::read_to_string(io::stdin())
            .map_err(|error| Failure::error(format!("cannot read standard input: {error}")))
            .and_then(|source| catalog::parse(&source, "<stdin>"))
    } else {
        catalog::load_file(path)
    };
    loaded.map_err(|failure| failure.with_status(UNREADABLE_INPUT))
}

/// One line per change, its class coloured, then a count of each class. A change quotes
/// catalog text: it is shown by `errcat_wire::show`'s rule.
fn text(changes: &[Change]) -> String {
    let mut out: String = changes
        .iter()
        .map(|change| {
            let style = if change.is_breaking() {
                style::ERROR
            } else {
                style::GOOD
            };
            let subject = change.subject();
            format!(
                "{}: {}\n",
                paint(style, change.class()),
                show::line(&subject)
            )
        })
        .collect();
    let breaking = changes.iter().filter(|c| c.is_breaking()).count();
    let compatible = changes.len() - breaking;
    out.push_str(&match (breaking, compatible) {
        (0, 0) => "no changes\n".to_owned(),
        _ => format!(
            "{breaking} breaking change{}, {compatible} compatible change{}\n",
            plural(breaking),
            plural(compatible)
        ),
    });
    out
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// The changes as one JSON object.
fn json(changes: &[Change]) -> serde_json::Value {
    let list: Vec<serde_json::Value> = changes
        .iter()
        .map(|change| {
            serde_json::json!({
                "kind": change.kind.name(),
                "breaking": change.is_breaking(),
                "code": change.code,
                "detail": change.detail,
            })
        })
        .collect();
    serde_json::json!({
        "breaking": changes.iter().any(Change::is_breaking),
        "changes": list,
    })
}
