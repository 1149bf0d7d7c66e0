"""Benchmark: guards.scan on a typical 200-line Python answer.

    uv run python bench/scan.py [--runs N]

Prints p50/p90/p99 and mean in milliseconds over N scans (after warm-up), with every
guard on: syntax, the insecure-pattern rules, and secrets. Target: p50 <= 5 ms.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import guards


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2000)
    args = parser.parse_args()
    code = (Path(__file__).parent / "sample_200.py").read_text()
    first_start = time.perf_counter()
    report = guards.scan(code, "python", path="app.py")
    first = (time.perf_counter() - first_start) * 1000
    for _ in range(50):
        guards.scan(code, "python", path="app.py")
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        guards.scan(code, "python", path="app.py")
        times.append((time.perf_counter() - start) * 1000)
    times.sort()

    def pct(p: float) -> float:
        return times[min(len(times) - 1, int(p * len(times)))]

    print(
        f"guards.scan on {len(code.splitlines())} lines of Python ({len(code)} bytes), "
        f"{args.runs} runs"
    )
    print(
        f"  rules loaded: {len(guards.default_ruleset())}; findings: "
        f"{', '.join(f'{f.name}@{f.line}' for f in report.findings) or 'none'}"
    )
    print(f"  first scan (compiles the queries): {first:.2f} ms")
    print(
        f"  p50 {pct(0.50):.3f} ms   p90 {pct(0.90):.3f} ms   p99 {pct(0.99):.3f} ms   "
        f"mean {statistics.fmean(times):.3f} ms   (target p50 <= 5 ms)"
    )


if __name__ == "__main__":
    main()
