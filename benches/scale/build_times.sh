#!/usr/bin/env bash
# Build times of large catalogs: for each count of codes, a clean debug build of errcat-scale
# (the synthetic catalog through errcat's build script) and of errcat-scale-phf (the same codes
# through phf_codegen alone), one after the other, in a scratch target directory whose
# dependencies are built first, so that only the two crates are timed; the generated sources'
# sizes; then the lookup benchmark at the last count. Too slow for CI (minutes); BENCHMARKS.md
# ("Big catalogs") has its figures.
#
# Usage: bash benches/scale/build_times.sh [COUNT...]   (default: 10000 100000)
#        SCALE_BENCH=0 skips the lookup benchmark.
#        SCALE_TUNED=1 builds both crates with the settings README suggests for a large
#        catalog's crate: build scripts (errcat's and phf's code generators) optimised, and
#        no incremental state kept for the crate of the generated file.
set -euo pipefail
cd "$(dirname "$0")/../.."
target="$(pwd)/target/scale-times"
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(10000 100000)
log="$(mktemp)"
config=()
if [ "${SCALE_TUNED:-0}" = 1 ]; then
    target="$target-tuned"
    config=(--config 'profile.dev.build-override.opt-level=3')
    for crate in errcat-scale errcat-scale-phf; do
        config+=(--config "profile.dev.package.$crate.incremental=false")
    done
fi
trap 'rm -f "$log"' EXIT

# Seconds of one command, wall and CPU (user + system), as "WALL CPU"; its output in $log.
timed() {
    local TIMEFORMAT='%R %U %S'
    local times
    if ! times="$({ time "$@" > "$log" 2>&1; } 2>&1)"; then
        cat "$log"
        echo "build_times: $* failed" >&2
        exit 1
    fi
    awk '{ printf "%.1f %.1f", $1, $2 + $3 }' <<< "$times"
}

# The size in MB of the newest file called $2 under the build directories of crate $1.
generated_mb() {
    local file
    file="$(ls -t "$target"/debug/build/"$1"-*/out/"$2" | head -n 1)"
    awk '{ printf "%.1f", $1 / 1e6 }' <<< "$(wc -c < "$file")"
}

echo "| codes | errcat-scale, s (CPU s) | errcat-scale-phf, s (CPU s) | ratio (CPU ratio) | generated MB, errcat / phf |"
echo "|---|---|---|---|---|"
for count in "${counts[@]}"; do
    export ERRCAT_SCALE_CODES="$count"
    # Both crates and every dependency (their build scripts' too: phf_codegen is only a
    # build-dependency, which `-p` cannot name), so that what follows, after cleaning the two
    # crates, times only them.
    timed cargo build "${config[@]}" --target-dir "$target" -p errcat-scale -p errcat-scale-phf > /dev/null
    cargo clean "${config[@]}" --target-dir "$target" -p errcat-scale-phf > /dev/null 2>&1
    times="$(timed cargo build "${config[@]}" --target-dir "$target" -p errcat-scale-phf)"
    read -r phf_wall phf_cpu <<< "$times"
    cargo clean "${config[@]}" --target-dir "$target" -p errcat-scale > /dev/null 2>&1
    times="$(timed cargo build "${config[@]}" --target-dir "$target" -p errcat-scale)"
    read -r errcat_wall errcat_cpu <<< "$times"
    ratio="$(awk -v a="$errcat_wall" -v b="$phf_wall" -v c="$errcat_cpu" -v d="$phf_cpu" \
        'BEGIN { printf "%.1f (%.1f)", a / b, c / d }')"
    echo "| $count | $errcat_wall ($errcat_cpu) | $phf_wall ($phf_cpu) | $ratio |" \
        "$(generated_mb errcat-scale catalog.rs) / $(generated_mb errcat-scale-phf codes.rs) |"
done

if [ "${SCALE_BENCH:-1}" != 0 ]; then
    last="${counts[${#counts[@]}-1]}"
    size="$last"
    [ $((last % 1000)) -ne 0 ] || size="$((last / 1000))k"
    echo
    echo "Lookups at $last codes (cargo bench -p errcat-scale -- lookup_${size}_):"
    ERRCAT_SCALE_CODES="$last" cargo bench --target-dir "$target" -p errcat-scale -- "lookup_${size}_" \
        2>&1 | grep -E '^(lookup_|paired)|time:'
fi
