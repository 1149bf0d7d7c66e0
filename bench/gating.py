"""Benchmark: what gating an answer with code costs, and whether the proxy stands still meanwhile.

    uv run python bench/gating.py                                # this checkout
    uv run python bench/gating.py --checkout before=/tmp/wt-old  # and another, in one run
    uv run python bench/gating.py --code some/File.java          # another answer

Starts the zero-delay upstream answering every request with one fenced block of code
(--code; by default the standard library's argparse.py, about 100 KB of Python, the
same file on every machine with this Python), and `codetamer serve` (gate on) from each
checkout, settled: its rules compiled, its processes idle. Then, for each checkout:

1. latency: --requests exchanges at concurrency 1 (upstream call, scan, record), the
   checkouts interleaved; p50 and p99;
2. stall: for --seconds, one client sends such requests back to back while another
   sends GET /healthz every 5 ms on its own connection. /healthz needs no scan, so its
   wait is how long the proxy's event loop stood still for someone else's scan.

Also prints each proxy's resident memory, its child processes' included.
"""

from __future__ import annotations

import argparse
import inspect
import os
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path

import httpx2

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: bench.* imports from the root
    sys.path.insert(0, str(ROOT))

from bench.overhead import (  # noqa: E402
    add_checkout_option,
    chat_body,
    checkouts,
    children,
    pct,
    rss_kib,
    start_codetamer,
    start_uvicorn,
)

_JSON = {"content-type": "application/json"}


def latency(urls: dict[str, str], body: bytes, requests: int) -> dict[str, list[float]]:
    """ms per exchange at concurrency 1, the checkouts interleaved."""
    times: dict[str, list[float]] = {name: [] for name in urls}
    with httpx2.Client(timeout=60, trust_env=False) as client:
        for i in range(requests + 5):
            for name, url in urls.items():
                started = time.perf_counter()
                response = client.post(url, content=body, headers=_JSON)
                if response.status_code != 200:
                    raise SystemExit(f"{url}: HTTP {response.status_code}: {response.text[:300]}")
                if i >= 5:  # the first few warm the connection and the caches
                    times[name].append((time.perf_counter() - started) * 1000)
    return times


def stall(url: str, health: str, body: bytes, seconds: float) -> tuple[int, list[float]]:
    """Exchanges made, and the ms each /healthz probe waited, while code was gated."""
    done = threading.Event()
    exchanges = 0

    def ask() -> None:
        nonlocal exchanges
        with httpx2.Client(timeout=60, trust_env=False) as client:
            while not done.is_set():
                client.post(url, content=body, headers=_JSON)
                exchanges += 1

    asking = threading.Thread(target=ask, daemon=True)
    asking.start()
    waits: list[float] = []
    with httpx2.Client(timeout=60, trust_env=False) as prober:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            started = time.perf_counter()
            prober.get(health)
            waits.append((time.perf_counter() - started) * 1000)
            time.sleep(0.005)
    done.set()
    asking.join(timeout=60)
    return exchanges, waits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, default=Path(inspect.getfile(argparse)))
    parser.add_argument("--requests", type=int, default=100, help="at concurrency 1 (100)")
    parser.add_argument("--seconds", type=float, default=15, help="of the stall test (15)")
    add_checkout_option(parser, "one more codetamer, run from another checkout (repeatable)")
    args = parser.parse_args()
    roots = {"codetamer": ROOT} | checkouts(args.checkout)
    body = chat_body(stream=False)
    size = args.code.stat().st_size
    print(f"answer: {args.code} ({size / 1024:.0f} KB) in one fence, gate on")
    with tempfile.TemporaryDirectory() as tmp_name, ExitStack() as stack:
        tmp = Path(tmp_name)
        env = {**os.environ, "CODETAMER_BENCH_ANSWER": str(args.code.resolve())}
        up_port, _ = start_uvicorn(stack, "bench.zero_upstream:app", env=env)
        ports, pids = {}, {}
        for label, root in roots.items():
            ports[label], proc, _ = start_codetamer(stack, tmp, label, up_port, root=root)
            pids[label] = proc.pid
        urls = {
            label: f"http://127.0.0.1:{port}/v1/chat/completions" for label, port in ports.items()
        }
        times = latency(urls, body, args.requests)
        print(f"latency at concurrency 1, {args.requests} exchanges each:")
        for label, values in times.items():
            print(f"  {label:<12} p50 {pct(values, 0.5):8.2f} ms  p99 {pct(values, 0.99):8.2f} ms")
        print(f"/healthz while code is gated back to back, {args.seconds:g} s each:")
        for label, port in ports.items():
            health = f"http://127.0.0.1:{port}/healthz"
            made, waits = stall(urls[label], health, body, args.seconds)
            print(
                f"  {label:<12} {made} exchanges; {len(waits)} probes: longest "
                f"{max(waits):6.1f} ms, p99 {pct(waits, 0.99):6.1f} ms, "
                f"p50 {pct(waits, 0.5):5.2f} ms"
            )
        for label, pid in pids.items():
            tree = [pid, *children(pid)]
            print(
                f"  {label:<12} RSS {rss_kib(pid) / 1024:.0f} MiB, with its children "
                f"{sum(rss_kib(p) for p in tree) / 1024:.0f} MiB ({len(tree) - 1} children)"
            )


if __name__ == "__main__":
    main()
