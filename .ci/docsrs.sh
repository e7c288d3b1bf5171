#!/usr/bin/env bash
# errcat's documentation as docs.rs builds it (`[package.metadata.docs.rs]`: every feature,
# `--cfg docsrs`; nightly rustdoc, dependencies linked to their docs.rs pages), then checks
# what that page must show: the feature badges of `integrations::{http, axum}` and links
# into the `http` crate.
#
# docs.rs uses nightly. RUSTC_BOOTSTRAP=1 lets this stable toolchain accept the same
# nightly-only parts (`feature(doc_cfg)`, `-Zrustdoc-map`) for this one command.
set -euo pipefail
cd "$(dirname "$0")/.."

RUSTC_BOOTSTRAP=1 RUSTDOCFLAGS="--cfg docsrs -D warnings" \
    cargo doc -Zrustdoc-map -p errcat --no-deps --all-features

doc=target/doc/errcat
# expect FILE PATTERN WHAT: fails naming WHAT when FILE lacks PATTERN.
expect() {
    if ! grep -Eq -- "$2" "$doc/$1"; then
        echo "docs.rs: $doc/$1 lacks $3" >&2
        exit 1
    fi
}
expect index.html 'Available on crate feature `http` only' "the \`http\` badge of integrations"
expect integrations/index.html 'Available on crate feature `axum` only' "the \`axum\` badge"
expect integrations/http/index.html 'Available on <strong>crate feature <code>http</code>' "the \`http\` banner"
expect integrations/http/struct.ErrorResponse.html 'href="https://docs.rs/http/[^"]*/struct.Response.html"' "a link to http::Response"
echo "docs.rs: feature badges and dependency links present"
