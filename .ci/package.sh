#!/usr/bin/env bash
# Every publishable crate packages as crates.io would take it: `cargo package` with several
# `-p` packages them in dependency order and lets each one's tarball resolve the others
# through a temporary local registry, so that each builds from its tarball against the
# packaged others, not the paths, before any of them is published.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo package --locked -p errcat-wire -p errcat-codegen -p errcat-macros -p errcat -p errcat-cli "$@"
