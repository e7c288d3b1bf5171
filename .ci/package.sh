#!/usr/bin/env bash
# Every publishable crate packages as crates.io would take it: `cargo package` with several
# `-p` packages them in dependency order and lets each one's tarball resolve the others
# through a temporary local registry, so errcat-codegen builds against the packaged
# errcat-wire, not the path, before any of them is published.
#
# errcat-cli is packaged without building its tarball (`--no-verify`) until its built-in
# catalog comes from `errcat::kms::SOURCE`: cli/src/catalog.rs still does
# `include_str!("../../errors.toml")`, a file outside its package. With that one line
# changed, the CLI joins the verified list (checked by hand: its tarball then builds).
set -euo pipefail
cd "$(dirname "$0")/.."

libraries=(-p errcat-wire -p errcat-codegen -p errcat-macros -p errcat)
cargo package --locked "${libraries[@]}" "$@"
cargo package --locked --no-verify "${libraries[@]}" -p errcat-cli "$@"
