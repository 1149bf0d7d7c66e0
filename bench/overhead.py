"""Benchmark: the latency the proxy adds, against a zero-delay local upstream.

    uv run python bench/overhead.py [--requests N] [--stream]

Starts the zero-delay upstream and `codetamer serve` as separate processes on loopback,
then sends the same Chat Completions request alternately straight to the upstream and
through the proxy, one at a time (concurrency 1), over kept-alive connections. Prints
p50/p99 of each path and the added latency. The answer holds no code, templates are
injected, provenance is written: the proxy's ordinary path. Target: added p50 <= 1 ms.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import httpx2

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(url: str, deadline: float = 30.0) -> None:
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        try:
            if httpx2.get(url, timeout=0.5).status_code < 500:
                return
        except httpx2.HTTPError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"not ready after {deadline}s: {url}")


def start(stack: ExitStack, argv: list[str], env: dict[str, str] | None = None) -> None:
    proc = subprocess.Popen(
        argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    stack.callback(proc.wait, 10)
    stack.callback(proc.terminate)


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--requests", type=int, default=2000, help="requests per path (default 2000)"
    )
    parser.add_argument(
        "--stream", action="store_true", help="streamed answers (time to the last byte)"
    )
    args = parser.parse_args()
    up_port, proxy_port = free_port(), free_port()
    with ExitStack() as stack, tempfile.TemporaryDirectory() as tmp:
        start(
            stack,
            [
                sys.executable,
                "-m",
                "uvicorn",
                "bench.zero_upstream:app",
                "--port",
                str(up_port),
                "--http",
                "httptools",
                "--loop",
                "uvloop",
                "--no-access-log",
                "--log-level",
                "warning",
            ],
        )
        config = Path(tmp) / "bench.toml"
        config.write_text(
            f'[server]\nport = {proxy_port}\nlog_level = "warning"\n'
            f'[[upstreams]]\nname = "zero"\nbase_url = "http://127.0.0.1:{up_port}/v1"\n'
            f'[provenance]\npath = "{Path(tmp) / "p.sqlite3"}"\n'
        )
        start(
            stack,
            [sys.executable, "-m", "proxy.cli", "serve", "--config", str(config)],
            env=dict(os.environ),
        )
        direct_url = f"http://127.0.0.1:{up_port}/v1/chat/completions"
        proxy_url = f"http://127.0.0.1:{proxy_port}/v1/chat/completions"
        wait_ready(f"http://127.0.0.1:{up_port}/v1/chat/completions")
        wait_ready(f"http://127.0.0.1:{proxy_port}/healthz")
        time.sleep(15)  # let `serve` finish compiling every language's rules in the background
        body = {
            "model": "gpt-bench",
            "stream": args.stream,
            "messages": [{"role": "user", "content": "What is the capital of France?"}],
        }
        times: dict[str, list[float]] = {"direct": [], "proxy": []}
        with httpx2.Client(timeout=30) as client:
            for i in range(args.requests + 200):
                for name, url in (("direct", direct_url), ("proxy", proxy_url)):
                    started = time.perf_counter()
                    response = client.post(url, json=body)
                    response.read()
                    elapsed = (time.perf_counter() - started) * 1000
                    if response.status_code != 200:
                        raise SystemExit(
                            f"{name}: HTTP {response.status_code}: {response.text[:200]}"
                        )
                    if i >= 200:  # warm-up
                        times[name].append(elapsed)
    d50, d99 = pct(times["direct"], 0.5), pct(times["direct"], 0.99)
    p50, p99 = pct(times["proxy"], 0.5), pct(times["proxy"], 0.99)
    kind = "streamed" if args.stream else "non-streamed"
    print(
        f"pass-through overhead, {kind}, concurrency 1, "
        f"{args.requests} requests per path (interleaved)"
    )
    print(f"  direct  p50 {d50:.3f} ms  p99 {d99:.3f} ms")
    print(f"  proxy   p50 {p50:.3f} ms  p99 {p99:.3f} ms")
    print(f"  added   p50 {p50 - d50:.3f} ms  p99 {p99 - d99:.3f} ms   (target added p50 <= 1 ms)")


if __name__ == "__main__":
    main()
