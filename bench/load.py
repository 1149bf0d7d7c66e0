"""Benchmark: a fixed request rate through one codetamer process, streamed or not.

    uv run --extra bench python bench/load.py                    # 1500/s, 64 clients, streamed
    uv run --extra bench python bench/load.py --plain            # non-streamed answers
    uv run --extra bench python bench/load.py --target direct    # the generator alone, no proxy
    uv run --extra bench python bench/load.py --target bare      # a forwarder doing nothing
    uv run --extra bench python bench/load.py --rate 2000 --duration 30 --clients 128
    uv run --extra bench python bench/load.py --checkout /tmp/wt-bench   # another checkout
    uv run --extra bench python bench/load.py --prompt-kb 8   # 8 kB of code in each prompt

Starts the zero-delay upstream (bench/zero_upstream.py) and `codetamer serve` as separate
processes on loopback, waits until the proxy has finished its start-up work, then drives
an open-loop load: request i is due at start + i/rate whatever happened to the ones
before it, and goes out on one of `--clients` kept-alive connections (a request due
while all are busy waits for one, and that wait counts in its latency, which is
measured from the time it was due). A warm-up second precedes the measured window.

Prints the rate achieved, latency p50/p90/p99/max (streamed: to the first body byte
and to the last), errors by kind, how late the generator sent requests (its own lag),
CPU used by each process (the proxy's also per response, with its provenance writer
process, and per thread of its serving process), the proxy's RSS before and after (and
its writer's at the end), and the provenance records
the proxy wrote (rows of its SQLite `exchanges` table, counted after it shut down, and
its chain checked with `codetamer log verify`) against the responses received. Exits 1
when they differ, when any request failed, or when the rate achieved is below 95% of
the rate asked for.

The generator is one process: aiohttp on uvloop. `--target direct` runs the same load
straight at the zero upstream, which shows what the generator sustains on this machine
with no proxy in the way (its lag and CPU are printed in every run, too). Targets
(issue 6): at least 1,500 requests per second through one proxy process, p99 < 20 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import uvloop

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: bench.* imports from the root
    sys.path.insert(0, str(ROOT))

from bench.overhead import (  # noqa: E402
    add_prompt_option,
    chat_body,
    children,
    cpu_ticks,
    pct,
    rss_kib,
    start_bare,
    start_codetamer,
    start_zero_upstream,
)

TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Results:
    """What the generator saw."""

    first_ms: list[float] = field(default_factory=list)  # due -> first body byte (measured)
    last_ms: list[float] = field(default_factory=list)  # due -> last byte (measured)
    lag_ms: list[float] = field(default_factory=list)  # due -> handed to the client
    errors: Counter[str] = field(default_factory=Counter)
    received: int = 0  # complete responses, any status, warm-up included
    measured: int = 0  # successful responses in the measured window


async def one(
    session: aiohttp.ClientSession,
    url: str,
    body: bytes,
    due: float,
    *,
    stream: bool,
    measured: bool,
    out: Results,
) -> None:
    """Send one request due at `due` (perf_counter seconds) and record what came back."""
    out.lag_ms.append((time.perf_counter() - due) * 1000)
    first = 0.0
    size = 0
    tail = b""
    try:
        async with session.post(url, data=body) as response:
            async for chunk in response.content.iter_any():
                if not size:
                    first = time.perf_counter()
                size += len(chunk)
                tail = (tail + chunk)[-64:]
            done = time.perf_counter()
            status = response.status
    except (aiohttp.ClientError, TimeoutError) as exc:
        out.errors[type(exc).__name__] += 1
        return
    out.received += 1
    if status != 200:
        out.errors[f"HTTP {status}"] += 1
        return
    if stream and not tail.rstrip().endswith(b"data: [DONE]"):
        out.errors["stream without [DONE]"] += 1
        return
    if measured:
        out.measured += 1
        out.first_ms.append((first - due) * 1000)
        out.last_ms.append((done - due) * 1000)


async def drive(
    url: str,
    *,
    rate: float,
    duration: float,
    warmup: float,
    clients: int,
    body: bytes,
    stream: bool,
) -> tuple[Results, float]:
    """Open-loop load: returns the results and the measured window's length in seconds."""
    out = Results()
    connector = aiohttp.TCPConnector(limit=clients, limit_per_host=clients, force_close=False)
    timeout = aiohttp.ClientTimeout(total=30)
    headers = {"content-type": "application/json", "authorization": "Bearer unused"}
    async with aiohttp.ClientSession(
        connector=connector, timeout=timeout, headers=headers, auto_decompress=False
    ) as session:
        tasks: set[asyncio.Task[None]] = set()
        total_warm = int(warmup * rate)
        total = total_warm + int(duration * rate)
        start = time.perf_counter() + 0.05
        sent = 0
        while sent < total:
            now = time.perf_counter()
            while sent < total and start + sent / rate <= now:
                due = start + sent / rate
                task = asyncio.create_task(
                    one(
                        session, url, body, due, stream=stream, measured=sent >= total_warm, out=out
                    )
                )
                tasks.add(task)
                task.add_done_callback(tasks.discard)
                sent += 1
            if sent < total:
                await asyncio.sleep(max(0.0, start + sent / rate - time.perf_counter()))
        window_start = start + total_warm / rate
        await asyncio.gather(*tasks)
        window = time.perf_counter() - window_start
    return out, window


def thread_ticks(pid: int) -> dict[str, int]:
    """CPU ticks of a process's main thread (the event loop) and of its other threads
    (provenance writer, scans, the rule warm-up) added up."""
    ticks: Counter[str] = Counter()
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            fields = (task / "stat").read_text().rpartition(")")[2].split()
        except OSError:  # the thread ended meanwhile
            continue
        ticks["main" if task.name == str(pid) else "other threads"] += int(fields[11]) + int(
            fields[12]
        )
    return dict(ticks)


def writer_pid(pid: int) -> int | None:
    """The proxy's provenance writer process, if it runs one."""
    for child in children(pid):
        with contextlib.suppress(FileNotFoundError, ProcessLookupError):
            if b"provenance/writer.py" in Path(f"/proc/{child}/cmdline").read_bytes():
                return child
    return None


def count_records(path: Path) -> int:
    """Rows in the provenance store's exchanges table."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM exchanges").fetchone()[0])
    finally:
        conn.close()


def line(label: str, values: list[float]) -> str:
    """p50/p90/p99/max of milliseconds, one line."""
    if not values:
        return f"  {label:<22} (none)"
    return (
        f"  {label:<22} p50 {pct(values, 0.5):7.2f}  p90 {pct(values, 0.9):7.2f}  "
        f"p99 {pct(values, 0.99):7.2f}  max {max(values):7.2f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=1500, help="requests per second (1500)")
    parser.add_argument("--duration", type=float, default=15, help="measured seconds (15)")
    parser.add_argument("--warmup", type=float, default=1, help="warm-up seconds (1)")
    parser.add_argument("--clients", type=int, default=64, help="connections (64)")
    parser.add_argument("--plain", action="store_true", help="non-streamed answers")
    parser.add_argument(
        "--target",
        choices=("proxy", "bare", "direct"),
        default="proxy",
        help="codetamer (proxy), bench/bare_proxy.py (bare: the floor) or the upstream",
    )
    parser.add_argument("--gate", choices=("on", "off"), default="on", help="[gate] enabled")
    parser.add_argument("--log-level", default="info", help="codetamer's log_level (info)")
    parser.add_argument(
        "--checkout", type=Path, default=ROOT, help="the checkout whose proxy/ runs (this one)"
    )
    add_prompt_option(parser)
    args = parser.parse_args()
    stream = not args.plain
    with tempfile.TemporaryDirectory() as tmp_name, ExitStack() as stack:
        tmp = Path(tmp_name)
        up_port, upstream = start_zero_upstream(stack)
        proxy = None
        url = f"http://127.0.0.1:{up_port}/v1/chat/completions"
        if args.target == "proxy":
            port, proxy, config = start_codetamer(
                stack,
                tmp,
                "load",
                up_port,
                gate=args.gate == "on",
                log_level=args.log_level,
                root=args.checkout.resolve(),
            )
            url = f"http://127.0.0.1:{port}/v1/chat/completions"
        elif args.target == "bare":
            port, proxy = start_bare(stack, up_port)
            url = f"http://127.0.0.1:{port}/v1/chat/completions"
        watched = {"upstream": upstream.pid, **({"proxy": proxy.pid} if proxy else {})}
        writer = writer_pid(proxy.pid) if proxy else None
        if writer is not None:  # the store's writer process (a thread in older checkouts)
            watched["writer"] = writer
        rss_start = rss_kib(proxy.pid) if proxy else 0
        load_before = Path("/proc/loadavg").read_text().strip()
        ticks = {name: cpu_ticks(pid) for name, pid in watched.items()}
        threads = thread_ticks(proxy.pid) if proxy else {}
        own = resource.getrusage(resource.RUSAGE_SELF)
        wall = time.perf_counter()
        out, window = uvloop.run(
            drive(
                url,
                rate=args.rate,
                duration=args.duration,
                warmup=args.warmup,
                clients=args.clients,
                body=chat_body(stream=stream, prompt_kb=args.prompt_kb),
                stream=stream,
            )
        )
        wall = time.perf_counter() - wall
        own_after = resource.getrusage(resource.RUSAGE_SELF)
        cpu = {
            name: (cpu_ticks(pid) - ticks[name]) / TICKS / wall * 100
            for name, pid in watched.items()
        }
        cpu["generator"] = (
            (own_after.ru_utime - own.ru_utime + own_after.ru_stime - own.ru_stime) / wall * 100
        )
        by_thread = {
            name: (after - threads.get(name, 0)) / TICKS / wall * 100
            for name, after in (thread_ticks(proxy.pid) if proxy else {}).items()
        }
        load_after = Path("/proc/loadavg").read_text().strip()
        rss_end = rss_kib(proxy.pid) if proxy else 0
        writer_rss = rss_kib(writer) if writer is not None else 0
        if proxy is not None:
            proxy.terminate()  # graceful: the store writes what is queued, then closes
            proxy.wait(30)
        records = verdict = None
        if args.target == "proxy":
            store = tmp / "load.sqlite3"
            records = count_records(store)
            verify = subprocess.run(
                [sys.executable, "-m", "proxy.cli", "log", "verify", "--config", str(config)],
                cwd=args.checkout.resolve(),
                capture_output=True,
                text=True,
                check=False,
            )
            verdict = (verify.stdout or verify.stderr).strip()
    kind = "streamed" if stream else "non-streamed"
    print(
        f"load: {args.target}, {kind}, {args.rate:g}/s asked for {args.duration:g} s "
        f"(+{args.warmup:g} s warm-up), {args.clients} connections, gate {args.gate}, "
        f"log_level {args.log_level}"
        + (f", {args.prompt_kb:g} kB of code in the prompt" if args.prompt_kb else "")
    )
    print(f"  loadavg before: {load_before}   after: {load_after}")
    achieved = out.measured / window
    print(
        f"  achieved               {achieved:7.1f} responses/s ({out.measured} in {window:.2f} s)"
    )
    if stream:
        print(line("first byte (from due)", out.first_ms))
    print(line("last byte (from due)", out.last_ms))
    print(line("generator lag", out.lag_ms))
    errors = ", ".join(f"{k}: {v}" for k, v in out.errors.most_common()) or "none"
    print(f"  errors                 {errors}")
    print("  CPU                    " + "  ".join(f"{k} {v:.0f}%" for k, v in cpu.items()))
    failed = bool(out.errors) or achieved < 0.95 * args.rate
    if proxy is not None:

        def per_response(percent: float) -> float:
            return percent / 100 * wall / max(1, out.received) * 1000

        threads_text = "  ".join(f"{k} {v:.0f}%" for k, v in by_thread.items() if v >= 0.5)
        total = per_response(cpu["proxy"] + cpu.get("writer", 0))
        split = (
            f" (serving process {per_response(cpu['proxy']):.3f}, writer process "
            f"{per_response(cpu['writer']):.3f})"
            if "writer" in cpu
            else ""
        )
        print(f"  proxy CPU              {total:.3f} ms per response{split}")
        print(f"  serving process        {threads_text}")
        start_mib, end_mib = rss_start / 1024, rss_end / 1024
        rss_text = f"start {start_mib:.1f} MiB  end {end_mib:.1f} MiB"
        if writer is not None:
            rss_text += f"  (writer process {writer_rss / 1024:.1f} MiB at the end)"
        print(f"  proxy RSS              {rss_text}")
    if args.target == "proxy":
        print(
            f"  provenance             {records} records written, {out.received} responses "
            f"received: {'equal' if records == out.received else 'NOT EQUAL'}"
        )
        if records != out.received and out.errors:
            print(
                "                         (requests the generator gave up on, timed out or "
                "failed, may still have been answered and recorded by the proxy)"
            )
        print(f"  log verify             {verdict}")
        failed = failed or records != out.received or not (verdict or "").startswith("ok")
    if achieved < 0.95 * args.rate:
        print(f"  FAILED: achieved less than 95% of {args.rate:g}/s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
