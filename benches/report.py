#!/usr/bin/env python3
"""Prints BENCHMARKS.md's tables from criterion's results of one run.

    cargo bench --workspace 2>&1 | tee target/bench.log
    python3 benches/report.py target/criterion target/bench.log

Each table row is one benchmark: its median (criterion's `median` estimate, not the mean),
the time per operation where a benchmark runs a whole workload, and errcat's ratio to it.
"""
import json
import pathlib
import re
import sys

# Operations per iteration of the benchmarks that run a whole workload, by group prefix:
# each traffic shape of a lookup group (`lookup_32_mixed`, ...) is that many lookups.
WORKLOAD = {
    "lookup_32_": 4096,
    "lookup_10k_": 20000,
    "lookup_100k_": 200000,
    "accessors_32": 32,
}


def median_ns(group_dir, bench):
    estimates = group_dir / bench / "new" / "estimates.json"
    return json.loads(estimates.read_text())["median"]["point_estimate"]


def fmt(ns):
    if ns >= 1e9:
        return f"{ns / 1e9:.2f} s"
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    if ns >= 10_000:
        return f"{ns / 1000:.2f} µs"
    return f"{ns:.1f} ns" if ns < 100 else f"{ns:.0f} ns"


def table(root, group):
    group_dir = root / group
    benches = sorted(p.name for p in group_dir.iterdir() if (p / "new" / "estimates.json").exists())
    per_op = next((n for prefix, n in WORKLOAD.items() if group.startswith(prefix)), 1)
    medians = {b: median_ns(group_dir, b) / per_op for b in benches}
    errcat = [b for b in benches if b.startswith("errcat")]
    base = medians.get("errcat") or medians.get("errcat_from_code") or (medians[errcat[0]] if errcat else None)
    unit = "per lookup" if group.startswith("lookup") else "per call" if group.startswith("accessors") else "per op"
    print(f"\n#### `{group}`\n")
    print(f"| benchmark | median {unit} | errcat ÷ this |")
    print("|---|---|---|")
    for b in sorted(benches, key=lambda b: medians[b]):
        # Accessors pair up by name: errcat_code with match_code, and so on.
        mine = medians.get("errcat_" + b.split("_", 1)[1]) if group.startswith("accessors") else base
        ratio = f"{mine / medians[b]:.2f}" if mine else "—"
        print(f"| `{b}` | {fmt(medians[b])} | {ratio} |")


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")
    for group in sorted(p.name for p in root.iterdir() if p.is_dir() and p.name != "report"):
        table(root, group)
    if len(sys.argv) > 2:
        print("\n#### Allocations per operation\n")
        for line in pathlib.Path(sys.argv[2]).read_text().splitlines():
            if re.match(r"allocs \S+: \d+ per op", line):
                print(f"- `{line}`")


if __name__ == "__main__":
    main()
