#!/usr/bin/env python3
"""Keeps the workspace's `rust-version` true.

What a user compiles of errcat is each publishable crate and its normal and build
dependencies (all features on, so `http` and `axum` count). Each of those may declare a
`rust-version`; none may declare a newer one than ours, or `cargo install errcat-cli` on our
declared minimum would fail. Every publishable crate inherits the workspace's value, and
`clippy.toml`'s `msrv` (which clippy's `incompatible_msrv` checks library calls against) is
the same value. Language features (let chains need 1.88) have no such check here: only one
toolchain can be installed on this machine, so that floor is set by hand, and written down in
Cargo.toml next to the value.

Prints one line per problem and exits 1 if there is any; else one summary line.
"""

import json
import pathlib
import subprocess
import sys
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent


def version(text):
    """`1.88` or `1.88.0` as a comparable tuple (missing parts are 0)."""
    parts = [int(part) for part in text.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


def metadata():
    output = subprocess.check_output(
        ["cargo", "metadata", "--format-version", "1", "--all-features", "--locked"],
        cwd=ROOT,
    )
    return json.loads(output)


def workspace_msrv():
    manifest = tomllib.loads((ROOT / "Cargo.toml").read_text())
    return manifest["workspace"]["package"]["rust-version"]


def clippy_msrv():
    path = ROOT / "clippy.toml"
    return tomllib.loads(path.read_text()).get("msrv") if path.exists() else None


def shipped(meta):
    """Ids of the publishable members and everything they pull in for a user's build."""
    members = set(meta["workspace_members"])
    packages = {p["id"]: p for p in meta["packages"]}
    nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
    roots = [i for i in members if packages[i]["publish"] != []]
    seen, todo = set(), list(roots)
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        for dep in nodes[current]["deps"]:
            # Dev-dependencies build errcat's own tests, never a user's program.
            if any(kind["kind"] != "dev" for kind in dep["dep_kinds"]):
                todo.append(dep["pkg"])
    return roots, seen, packages


def problems(meta, ours):
    roots, ids, packages = shipped(meta)
    found = []
    for root in roots:
        package = packages[root]
        if package["rust_version"] != ours:
            found.append(
                f"{package['name']}: rust-version {package['rust_version']} is not the "
                f"workspace's {ours}: write `rust-version.workspace = true`"
            )
    for pid in sorted(ids - set(roots), key=lambda i: packages[i]["name"]):
        package = packages[pid]
        declared = package["rust_version"]
        if declared and version(declared) > version(ours):
            found.append(
                f"{package['name']} {package['version']} needs Rust {declared}, newer than "
                f"our rust-version {ours}: raise ours, or pin an older {package['name']}"
            )
    clippy = clippy_msrv()
    if clippy != ours:
        found.append(f"clippy.toml: msrv is {clippy!r}, not the workspace's rust-version {ours!r}")
    return found, len(ids) - len(roots)


def main():
    ours = workspace_msrv()
    found, count = problems(metadata(), ours)
    for line in found:
        print(f"msrv: error: {line}")
    if found:
        return 1
    print(f"msrv: ok: rust-version {ours}; the {count} dependencies users build declare no newer one")
    return 0


if __name__ == "__main__":
    sys.exit(main())
