"""Benchmark: does one pathological answer freeze the proxy for everyone else?

    uv run python bench/freeze.py                                # this checkout
    uv run python bench/freeze.py --checkout before=/tmp/wt-old  # and another, one after the other

The zero-delay upstream answers with one fenced block tagged `cpp` holding 1.9 MB of
Python text (the standard library's argparse.py, repeated): scanned as C++, tree-sitter's
error recovery takes minutes on it. For each checkout, `codetamer serve` (gate on,
defaults: a 10 s scan budget) is asked once, and for --seconds GET /healthz is sent every
50 ms on another connection. Prints what the client got and when, and how long the
probes waited: a proxy whose event loop the scan holds answers none of them.

Each proxy is ended with SIGKILL afterwards: one stuck in the scan ignores SIGTERM.
"""

from __future__ import annotations

import argparse
import inspect
import os
import signal
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
    start_codetamer,
    start_uvicorn,
)

_SIZE = 1_900_000


def kill_tree(pid: int) -> None:
    """SIGKILL a process and its children."""
    for each in [*children(pid), pid]:
        try:
            os.kill(each, signal.SIGKILL)
        except ProcessLookupError:
            continue


def one(label: str, root: Path, answer: Path, seconds: float) -> str:
    """Ask one checkout's proxy once, probing /healthz meanwhile; one line of figures."""
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        env = {**os.environ, "CODETAMER_BENCH_ANSWER": str(answer)}
        up_port, _ = start_uvicorn(stack, "bench.zero_upstream:app", env=env)
        port, proc, _ = start_codetamer(stack, Path(tmp), label, up_port, root=root)
        stack.callback(kill_tree, proc.pid)  # runs first: before the stack's SIGTERM
        got: dict[str, float] = {}

        def ask() -> None:
            started = time.perf_counter()
            try:
                response = httpx2.post(
                    f"http://127.0.0.1:{port}/v1/chat/completions",
                    content=chat_body(stream=False),
                    headers={"content-type": "application/json"},
                    timeout=seconds + 60,
                )
            except httpx2.HTTPError:
                return
            got["status"], got["seconds"] = response.status_code, time.perf_counter() - started

        threading.Thread(target=ask, daemon=True).start()
        waits: list[float] = []
        end = time.monotonic() + seconds
        with httpx2.Client(timeout=seconds + 600, trust_env=False) as prober:
            while time.monotonic() < end:
                started = time.perf_counter()
                prober.get(f"http://127.0.0.1:{port}/healthz")
                waits.append(time.perf_counter() - started)
                time.sleep(0.05)
    answered = (
        f"HTTP {got['status']:.0f} after {got['seconds']:.1f} s"
        if got
        else f"no answer in {seconds:g} s"
    )
    return (
        f"  {label:<10} the answer: {answered}; /healthz: {len(waits)} probes, "
        f"longest {max(waits):.3f} s, {sum(w > 1 for w in waits)} over 1 s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60, help="of probing (60)")
    add_checkout_option(parser, "one more codetamer, run from another checkout (repeatable)")
    args = parser.parse_args()
    roots = {"codetamer": ROOT} | checkouts(args.checkout)
    text = Path(inspect.getfile(argparse)).read_text()
    with tempfile.TemporaryDirectory() as tmp:
        answer = Path(tmp) / "pathological.cpp"
        answer.write_text((text * (_SIZE // len(text) + 1))[:_SIZE])
        print(f"one answer: a `cpp` fence of {_SIZE / 1e6:.1f} MB of Python text")
        for label, root in roots.items():
            print(one(label, root, answer, args.seconds), flush=True)


if __name__ == "__main__":
    main()
