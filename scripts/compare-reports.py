#!/usr/bin/env python3
"""Compares two replay reports field by field, ignoring wall-clock figures.

Usage: scripts/compare-reports.py BEFORE.json AFTER.json
Exits 0 when the outcomes are identical (cases, ranks, rankings, incidents, false incidents,
suppressed, signals); prints every difference and exits 1 otherwise.
"""
import json
import sys

IGNORED = {"elapsed_ms"}
TIMING_KEYS = {"p50", "p99", "max"}


def strip(report):
    out = {k: v for k, v in report.items() if k not in IGNORED}
    if isinstance(out.get("ranking_ms"), dict):
        out["ranking_ms"] = {k: v for k, v in out["ranking_ms"].items() if k not in TIMING_KEYS}
    return out


def diff(a, b, path, found):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            diff(a.get(k), b.get(k), f"{path}.{k}", found)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            diff(x, y, f"{path}[{i}]", found)
    elif a != b:
        found.append(f"{path}: {json.dumps(a)} -> {json.dumps(b)}")


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with open(sys.argv[1]) as f:
        before = strip(json.load(f))
    with open(sys.argv[2]) as f:
        after = strip(json.load(f))
    found = []
    diff(before, after, "report", found)
    for line in found:
        print(line)
    print("identical" if not found else f"{len(found)} differences")
    return 0 if not found else 1


if __name__ == "__main__":
    sys.exit(main())
