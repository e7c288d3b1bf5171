#!/usr/bin/env bash
# A few seconds of each fuzz target, seeded with a copy of its committed corpus
# (fuzz/corpus/TARGET), so that CI proves every target builds and runs. Skipped, saying why,
# where nightly Rust or cargo-fuzz is missing. Usage: bash fuzz/smoke.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-5}"
targets=(decode from_json from_xml from_xml_differential catalog)

if ! cargo +nightly --version > /dev/null 2>&1; then
    echo "fuzz smoke skipped: no nightly toolchain (rustup toolchain install nightly)"
    exit 0
fi
if ! cargo +nightly fuzz --version > /dev/null 2>&1; then
    echo "fuzz smoke skipped: cargo-fuzz is not installed (cargo install cargo-fuzz)"
    exit 0
fi

target_dir="$(cd .. && pwd)/target/fuzz"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cargo +nightly fuzz build -O --target-dir "$target_dir"
for target in "${targets[@]}"; do
    dict=envelope.dict
    [ "$target" = catalog ] && dict=catalog.dict
    mkdir -p "$work/$target"
    cp -r "corpus/$target/." "$work/$target/"
    log="$work/$target.log"
    if ! cargo +nightly fuzz run -O --target-dir "$target_dir" "$target" "$work/$target" -- \
        -max_total_time="$seconds" -dict="$dict" -print_final_stats=1 > "$log" 2>&1; then
        tail -n 60 "$log"
        echo "fuzz smoke: $target failed (the input is in fuzz/artifacts/$target)"
        exit 1
    fi
    runs="$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo '?')"
    echo "fuzz smoke: $target ran ${seconds}s, $runs inputs, no failure"
done
