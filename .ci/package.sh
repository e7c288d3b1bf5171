#!/usr/bin/env bash
# Every publishable crate packages as crates.io would take it: `cargo package` with several
# `-p` packages them in dependency order and lets each one's tarball resolve the others
# through a temporary local registry, so that each builds from its tarball against the
# packaged others, not the paths, before any of them is published.
set -euo pipefail
cd "$(dirname "$0")/.."

crates=(errcat-wire errcat-codegen errcat-macros errcat errcat-cli)

# Cargo takes a registry's crates as immutable, and the temporary registry is always at
# `target/package/tmp-registry`, so a second run at the same path would verify against the
# first run's copies of the same version: cargo unpacks a local registry's crate into
# `$CARGO_HOME/registry/src/-HASH/NAME-VERSION` (HASH from the registry's path) only when that
# directory is missing, and reuses the compiled crate in `target/` without looking at its
# sources. (CI failed so: a new errcat built against the last run's errcat-codegen.) Both
# copies of our own crates go first: `-HASH` directories are local registries' (crates.io's
# are `index.crates.io-HASH`), and `cargo clean -p` removes every build of a name.
version=$(cargo metadata --format-version 1 --no-deps --locked |
    python3 -c 'import json, sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "errcat"))')
for name in "${crates[@]}"; do
    rm -rf "${CARGO_HOME:-$HOME/.cargo}"/registry/src/-*/"$name-$version"
done
cargo clean --quiet "${crates[@]/#/--package=}"

cargo package --locked "${crates[@]/#/--package=}" "$@"
