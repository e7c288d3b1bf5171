#!/usr/bin/env bash
# Interop with the official Alibaba Cloud Python SDKs: builds and starts the KMS demo
# server (examples/kms_server) with the example accounts (examples/kms_server/accounts.toml),
# no HSM in its region and import tokens that last 3 s, installs the pinned SDKs
# (interop/requirements.txt) into a virtualenv under target/, runs interop/sdk_new.py and
# interop/sdk_old.py against the server (the scenarios of interop/scenarios.py in each SDK
# mode), prints the count per mode and ends with `interop: N passed, M failed`. Exits 1 if
# any check failed.
#
# Needs python3 with venv and pip, and PyPI. Every wait is bounded: each step has its own
# timeout and the whole run INTEROP_TIMEOUT seconds (default 1800). The server is stopped
# on every exit.
set -euo pipefail
cd "$(dirname "$0")/.."

# Bound the whole run: re-run this script under `timeout`, which signals the whole process
# group (server and SDK scripts included) when time is up.
if [[ -z "${ERRCAT_INTEROP_BOUNDED:-}" ]]; then
    export ERRCAT_INTEROP_BOUNDED=1
    exec timeout --kill-after=10 "${INTEROP_TIMEOUT:-1800}" "$0" "$@"
fi

target_dir="${CARGO_TARGET_DIR:-target}"
venv="$target_dir/interop-venv"
work="$(mktemp -d)"
server_pid=""

cleanup() {
    if [[ -n "$server_pid" ]]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

# The virtualenv is kept between runs while the requirements and the Python are the same.
install_sdks() {
    local stamp
    stamp="$(python3 --version 2>&1) $(sha256sum interop/requirements.txt | cut -d' ' -f1)"
    if [[ -f "$venv/.stamp" && "$(cat "$venv/.stamp")" == "$stamp" ]]; then
        echo "interop: SDKs already installed in $venv"
        return
    fi
    echo "interop: installing the pinned SDKs into $venv"
    rm -rf "$venv"
    timeout 120 python3 -m venv "$venv"
    timeout 900 "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
        --no-input --timeout 60 --retries 3 -r interop/requirements.txt
    echo "$stamp" > "$venv/.stamp"
}

# Starts the server on a free port and sets `url` to the first line of its stdout. Not run
# in a subshell, so that `server_pid` is known to `cleanup`.
start_server() {
    timeout 1200 cargo build --quiet -p errcat --features axum --example kms_server
    # The import-token lifetime matches IMPORT_TOKEN_TTL_SECONDS in interop/harness.py.
    "$target_dir/debug/examples/kms_server" --port 0 --accounts examples/kms_server/accounts.toml \
        --no-hsm --import-token-ttl 3 > "$work/server.out" 2> "$work/server.err" &
    server_pid=$!
    for _ in $(seq 300); do
        if head -n 1 "$work/server.out" 2>/dev/null | grep -q '^http://127\.0\.0\.1:[0-9]*$'; then
            url="$(head -n 1 "$work/server.out")"
            return
        fi
        if ! kill -0 "$server_pid" 2>/dev/null; then
            echo "interop: the server exited: $(cat "$work/server.err")" >&2
            return 1
        fi
        sleep 0.1
    done
    echo "interop: the server printed no URL within 30 s" >&2
    return 1
}

# Runs one SDK script; a script that dies without reporting counts as one failed check.
run_script() {
    local script="$1" url="$2" status=0
    timeout 300 "$venv/bin/python" "interop/$script" "$url" > "$work/$script.out" \
        2> "$work/$script.err" || status=$?
    cat "$work/$script.out"
    if [[ $status -ne 0 ]] && ! grep -q '^FAIL ' "$work/$script.out"; then
        echo "FAIL $script: exited with status $status"
        tail -n 20 "$work/$script.err" | sed 's/^/    /'
    fi
}

started=$SECONDS
install_sdks
url=""
start_server
echo "interop: server at $url"
{
    run_script sdk_new.py "$url"
    run_script sdk_old.py "$url"
} | tee "$work/results"
passed=$(grep -c '^PASS ' "$work/results" || true)
failed=$(grep -c '^FAIL ' "$work/results" || true)
skipped=$(grep -c '^SKIP ' "$work/results" || true)
# Per SDK mode: the first four words of each line name it (`PASS new-sdk ACS3-HMAC-SHA256 JSON`).
awk '{ mode = $2 " " $3 " " $4; count[mode, $1]++; modes[mode] = 1 }
     END { for (m in modes) printf "interop: %-32s %3d passed, %d failed, %d skipped\n", m,
           count[m, "PASS"], count[m, "FAIL"], count[m, "SKIP"] }' "$work/results" | sort
echo "interop: $skipped scenarios skipped (requests an SDK mode cannot make; listed above)"
echo "interop: took $((SECONDS - started)) s"
echo "interop: $passed passed, $failed failed"
[[ $failed -eq 0 && $passed -gt 0 ]]
