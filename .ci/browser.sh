#!/usr/bin/env bash
# The HTML error index in a real browser (cli/tests/browser): Debian's headless Chromium,
# driven by chromedriver. Both come from Debian's packages, installed here when missing
# (non-interactively; CI runs as root). The screenshots land in target/browser/.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromedriver > /dev/null || ! [ -x /usr/bin/chromium ]; then
    echo "browser: installing Debian's chromium and chromium-driver"
    export DEBIAN_FRONTEND=noninteractive
    timeout 600 apt-get update -qq
    timeout 900 apt-get install -y -qq --no-install-recommends chromium chromium-driver > /dev/null
fi
chromium --version 2> /dev/null || true
# --workspace --all-features: the same build as the test step, so nothing is rebuilt.
timeout 600 cargo test --workspace --all-features --test browser -- --ignored
echo "browser: screenshots in target/browser/: index-400.png, index-1280.png and the anchored views"
