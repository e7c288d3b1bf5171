//! `errcat diff OLD NEW`: what changed between two catalogs, breaking or compatible for
//! clients (the classification lives in `changes`).

use std::path::PathBuf;
use std::process::ExitCode;

use errcat_wire::show;

use crate::changes::{Change, diff};

use crate::catalog;
use crate::failure::{self, Failure};

/// Compare two catalogs and classify each change as breaking or compatible
///
/// Breaking for clients: a code removed, a status changed, placeholders added, removed,
/// renamed or reordered, a variant renamed, the service renamed. Compatible: a code added, a
/// message reworded, a deprecation, a retry or description change. Exits with status 1 if any
/// change is breaking.
#[derive(clap::Args)]
pub struct Args {
    /// The catalog before the change
    old: PathBuf,
    /// The catalog after the change
    new: PathBuf,
    /// Print one JSON object: {"breaking": bool, "changes": [{"kind", "breaking", "code", "detail"}]}
    #[arg(long)]
    json: bool,
}

pub fn run(args: &Args) -> Result<ExitCode, Failure> {
    let old = catalog::load_file(&args.old)?;
    let new = catalog::load_file(&args.new)?;
    let changes = diff(&old, &new);
    let breaking = changes.iter().any(Change::is_breaking);
    if args.json {
        failure::print(&format!("{:#}\n", json(&changes)))?;
    } else {
        failure::print(&text(&changes))?;
    }
    Ok(if breaking {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// One line per change, then a count of each class. A change quotes catalog text: each line
/// is shown by `errcat_wire::show`'s rule.
fn text(changes: &[Change]) -> String {
    let mut out: String = changes
        .iter()
        .map(|change| format!("{}\n", show::line(&change.to_string())))
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
