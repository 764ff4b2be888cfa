#!/usr/bin/env python3
"""Compares two benchmarked calls from `benchmark pallet --json-file` output.

Usage: compare.py RESULTS_A CALL_A RESULTS_B CALL_B

Prints, for each call, the median extrinsic time at its smallest components and the largest
median over all component values, then the ratio A / B of the medians at the smallest
components and of the largest medians.
"""
import json
import statistics
import sys


def name(value):
    return bytes(value).decode() if isinstance(value, list) else value


def medians(path, call):
    """Median extrinsic time (ns) per component setting of `call` in `path`."""
    for batch in json.load(open(path)):
        if name(batch["benchmark"]) != call:
            continue
        by_setting = {}
        for result in batch["time_results"]:
            key = tuple((name(c[0]), c[1]) for c in result["components"])
            by_setting.setdefault(key, []).append(result["extrinsic_time"])
        return {key: statistics.median(times) for key, times in by_setting.items()}
    sys.exit(f"{call} not in {path}")


def summary(path, call):
    result = medians(path, call)
    smallest = result[min(result, key=lambda k: tuple(v for _, v in k))]
    largest = max(result.values())
    print(f"{call}: {smallest / 1000:.1f} us at the smallest components, "
          f"{largest / 1000:.1f} us at most ({len(result)} settings)")
    return smallest, largest


a_small, a_large = summary(sys.argv[1], sys.argv[2])
b_small, b_large = summary(sys.argv[3], sys.argv[4])
print(f"{sys.argv[2]} / {sys.argv[4]}: {a_small / b_small:.2f}x at the smallest components, "
      f"{a_large / b_large:.2f}x at the largest")
