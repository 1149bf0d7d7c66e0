"""Benchmark: the ASGI server settings codetamer could run under, same app, same upstream.

    uv run --extra bench python bench/servers.py [--requests N] [--rounds R]
    uv run --extra bench python bench/servers.py --checkout /tmp/wt-bench   # another tree

Variants (each `codetamer serve` with its defaults, only the server differs):

- uvicorn-uvloop-httptools: what `codetamer serve` runs now (uvicorn's loop="auto" and
  http="auto" pick uvloop and httptools, both dependencies of the project);
- uvicorn-uvloop-httptools-noproxyheaders: the same with proxy_headers=False (uvicorn's
  X-Forwarded-For middleware off: codetamer binds loopback and reads no forwarded
  address);
- uvicorn-asyncio-h11: uvicorn's pure-Python fallbacks;
- granian: granian 2.x, ASGI interface, one worker, uvloop.

The uvicorn variants run `codetamer serve` itself with `uvicorn.run`'s arguments changed;
granian serves the app `create_app` builds from the same config (its rules warmed the
same way). Figures: at concurrency 1, p50/p99 per variant and direct (interleaved per
request); at concurrency 64, a closed loop of aiohttp clients, the variants taking turns
round by round: median throughput and the serving process's CPU time per request
(its process tree: granian runs its worker in a child process), which other processes'
load inflates far less than wall-clock figures.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import aiohttp
import uvloop

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: bench.* and proxy.* import from the root
    sys.path.insert(0, str(ROOT))

from bench.overhead import (  # noqa: E402
    chat_body,
    codetamer_config,
    cpu_ticks,
    free_port,
    pct,
    run,
    start,
    start_zero_upstream,
    wait_idle,
    wait_ready,
)

TICKS = os.sysconf("SC_CLK_TCK")
VARIANTS: dict[str, dict[str, Any]] = {
    "uvicorn-uvloop-httptools": {},
    "uvicorn-uvloop-httptools-noproxyheaders": {"proxy_headers": False},
    "uvicorn-asyncio-h11": {"loop": "asyncio", "http": "h11"},
    "granian": {},
}
_CONFIG_ENV = "CODETAMER_BENCH_CONFIG"


def granian_app() -> Any:
    """The app for granian (a factory): codetamer's, from the config named in the env."""
    from proxy.app import create_app
    from proxy.config import load_config
    from proxy.logs import configure_logging

    config = load_config(Path(os.environ[_CONFIG_ENV]))
    configure_logging(config.server.log_level)
    app = create_app(config)
    app.state.services.gate.scanner.start(warm=True)  # as serve does once it listens
    return app


def serve_uvicorn(variant: str, config: str, checkout: str) -> int:
    """`codetamer serve` with uvicorn.run's arguments overridden for the variant."""
    sys.path.insert(0, checkout)  # the checkout whose proxy/ is measured
    import uvicorn

    from proxy.cli import main

    real = uvicorn.Config

    def changed(app: Any, **kwargs: Any) -> uvicorn.Config:
        return real(app, **{**kwargs, **VARIANTS[variant]})

    uvicorn.Config = changed  # type: ignore[misc]  # proxy.server builds its config through it
    return main(["serve", "--config", config])


def start_variant(
    stack: ExitStack, tmp: Path, variant: str, up_port: int, checkout: Path
) -> tuple[str, int]:
    """Start one variant; returns its URL and the pid whose process tree serves it."""
    port = free_port()
    config = codetamer_config(tmp, variant, port, up_port, gate=True, log_level="info")
    if variant == "granian":
        argv = [
            sys.executable,
            "-m",
            "granian",
            "--interface",
            "asgi",
            "--factory",
            "--loop",
            "uvloop",
            "--workers",
            "1",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-ws",
            "--log-level",
            "warning",
            "bench.servers:granian_app",
        ]
    else:
        argv = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--serve",
            variant,
            str(config),
            "--checkout",
            str(checkout),
        ]
    env = {**os.environ, _CONFIG_ENV: str(config), "PYTHONPATH": f"{checkout}{os.pathsep}{ROOT}"}
    proc = start(stack, argv, env=env, log=tmp / f"{variant}.log", cwd=checkout)
    try:
        wait_ready(f"http://127.0.0.1:{port}/healthz")
    except SystemExit:
        print((tmp / f"{variant}.log").read_text()[-3000:], file=sys.stderr)
        raise
    for pid in tree(proc.pid):
        wait_idle(pid)
    return f"http://127.0.0.1:{port}/v1/chat/completions", proc.pid


def tree(pid: int) -> list[int]:
    """A process and its descendants."""
    found = [pid]
    for task in Path(f"/proc/{pid}/task").iterdir():
        children = (task / "children").read_text().split()
        for child in children:
            found.extend(tree(int(child)))
    return found


def tree_ticks(pid: int) -> int:
    """CPU ticks used by a process tree (descendants that have exited are not counted)."""
    return sum(cpu_ticks(p) for p in tree(pid))


async def closed_loop(url: str, body: bytes, *, requests: int, concurrency: int) -> float:
    """aiohttp clients in a closed loop; returns requests per second."""
    remaining = requests
    headers = {"content-type": "application/json"}
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def worker() -> None:
            nonlocal remaining
            while remaining > 0:
                remaining -= 1
                async with session.post(url, data=body, headers=headers) as response:
                    await response.read()
                    assert response.status == 200, response.status

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return requests / (time.perf_counter() - started)


def loadavg() -> str:
    """/proc/loadavg's first three figures."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1500, help="per variant, c=1 (1500)")
    parser.add_argument("--rounds", type=int, default=3, help="concurrency-64 rounds (3)")
    parser.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated")
    parser.add_argument("--serve", nargs=2, metavar=("VARIANT", "CONFIG"), help=argparse.SUPPRESS)
    parser.add_argument(
        "--checkout", type=Path, default=ROOT, help="the checkout whose proxy/ runs (this one)"
    )
    args = parser.parse_args()
    if args.serve:
        variant, config = args.serve
        return serve_uvicorn(variant, config, str(args.checkout))
    variants = [v for v in args.variants.split(",") if v]
    if unknown := set(variants) - set(VARIANTS):
        parser.error(f"unknown variants: {', '.join(sorted(unknown))}")
    body = chat_body(stream=False)
    with tempfile.TemporaryDirectory() as tmp_name, ExitStack() as stack:
        tmp = Path(tmp_name)
        up_port, _ = start_zero_upstream(stack)
        urls = {"direct": f"http://127.0.0.1:{up_port}/v1/chat/completions"}
        pids: dict[str, int] = {}
        for variant in variants:
            urls[variant], pids[variant] = start_variant(
                stack, tmp, variant, up_port, args.checkout.resolve()
            )
        print(f"server variants, codetamer non-streamed, loadavg {loadavg()}")
        times = run(urls, body, stream=False, requests=args.requests, warmup=200)
        d50 = pct(times["direct"].last, 0.5)
        print(f"  concurrency 1, {args.requests} requests per path (interleaved):")
        for name, t in times.items():
            p50, p99 = pct(t.last, 0.5), pct(t.last, 0.99)
            added = f"   added p50 {p50 - d50:6.3f} ms" if name != "direct" else ""
            print(f"    {name:<40} p50 {p50:6.3f} ms  p99 {p99:6.3f} ms{added}")
        print(f"  loadavg {loadavg()}")
        per: dict[str, list[tuple[float, float]]] = {v: [] for v in variants}
        n = args.requests * 2
        for r in range(args.rounds):
            shift = r % len(variants)
            for variant in variants[shift:] + variants[:shift]:
                before = tree_ticks(pids[variant])
                rps = uvloop.run(closed_loop(urls[variant], body, requests=n, concurrency=64))
                cpu_us = (tree_ticks(pids[variant]) - before) / TICKS / n * 1e6
                per[variant].append((rps, cpu_us))
        print(f"  concurrency 64, closed loop, median of {args.rounds} rounds of {n}:")
        for variant, runs in per.items():
            rps = statistics.median(r for r, _ in runs)
            cpu = statistics.median(c for _, c in runs)
            print(f"    {variant:<40} {rps:7.0f} req/s   server CPU {cpu:6.0f} us/request")
        print(f"  loadavg {loadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
