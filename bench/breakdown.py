"""Benchmark: where the latency codetamer adds goes, stage by stage, at concurrency 1.

    uv run --extra bench python bench/breakdown.py [--requests N] [--pyinstrument]
    uv run --extra bench python bench/breakdown.py --prompt-kb 8   # 8 kB of code in the prompt
    uv run --extra bench python bench/breakdown.py --checkout /tmp/wt-bench   # another tree

Starts the zero-delay upstream, then `codetamer serve` (the real command, with its
defaults) in a process of this script that first wraps the proxy's stages in timers:
the ASGI app as a whole (first call to the last byte handed to the server), body
read, JSON parse, request parse, template select + render + inject, the gate loop
(`Gate.run`) and inside it the upstream call (`Upstream.post`), the encoding of the
upstream body and the artifact extraction; the response render; the provenance
record's build and its commit wait (queue, commit in the writer process, wake-up), which
comes after the response's head went out and before its body; the response's two sends;
and the metrics, which run with the log line after the last byte (outside the app's
time). Then it sends `--requests` non-streamed
requests, alternating with the same request straight to the upstream, one at a time,
and prints the median and mean of each stage and what the server, the hop and the
client account for beyond the app.

With --pyinstrument the serve process also runs pyinstrument over its main thread for
the whole run and the text report (idle time in the event loop included) is printed
after the table. Timer overhead is about 0.2 us per stage.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import signal
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: bench.* and proxy.* import from the root
    sys.path.insert(0, str(ROOT))

import httpx2  # noqa: E402

from bench.overhead import (  # noqa: E402
    add_prompt_option,
    chat_body,
    codetamer_config,
    free_port,
    pct,
    start,
    start_zero_upstream,
    timed_post,
    wait_idle,
    wait_ready,
)

_TIMINGS: defaultdict[str, list[float]] = defaultdict(list)
STAGES = (
    ("app", "ASGI app, call to last byte handed over"),
    ("read_body", "  body read"),
    ("decode", "  JSON parse of the request"),
    ("parse_request", "  request parse (dialect)"),
    ("templates", "  template select + render + inject"),
    ("gate", "  gate loop (Gate.run)"),
    ("encode", "    upstream body encode"),
    ("upstream", "    upstream call (Upstream.post)"),
    ("artifacts", "    artifact extraction (no code)"),
    ("render", "  response render"),
    ("record_build", "  provenance record build"),
    ("store", "  provenance commit wait (between head and body)"),
    ("send", "  response start + body handed to the server (send)"),
    ("metrics", "metrics observe (after the last byte)"),
)


def _timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    if _is_async(fn):

        @functools.wraps(fn)
        async def timed_async(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return await fn(*args, **kwargs)
            finally:
                _TIMINGS[name].append((time.perf_counter() - started) * 1000)

        return timed_async

    @functools.wraps(fn)
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            _TIMINGS[name].append((time.perf_counter() - started) * 1000)

    return timed


def _is_async(fn: Callable[..., Any]) -> bool:
    import inspect

    return inspect.iscoroutinefunction(fn)


def _install_timers() -> None:
    """Wrap the proxy's stages (module attributes looked up at call time)."""
    import templates
    from proxy import app, exchange, gate, jsonbody, metrics, services, upstream
    from proxy.dialects.openai_chat import OpenAIChat

    app._read_body = _timed("read_body", app._read_body)
    app._decode = _timed("decode", app._decode)
    app.render = _timed("render", app.render)
    OpenAIChat.parse_request = _timed("parse_request", OpenAIChat.parse_request)  # type: ignore[method-assign]
    OpenAIChat.artifacts = _timed("artifacts", OpenAIChat.artifacts)  # type: ignore[method-assign]
    gate.Gate.run = _timed("gate", gate.Gate.run)  # type: ignore[method-assign]
    upstream.Upstream.post = _timed("upstream", upstream.Upstream.post)  # type: ignore[method-assign]
    jsonbody.dumps = _timed("encode", jsonbody.dumps)
    exchange.Exchange.record = _timed("record_build", exchange.Exchange.record)  # type: ignore[method-assign]
    namespace = vars(services)  # store_record is imported there, not exported
    namespace["store_record"] = _timed("store", namespace["store_record"])
    metrics.Metrics.observe = _timed("metrics", metrics.Metrics.observe)  # type: ignore[method-assign]

    guess, inject = templates.guess_language, OpenAIChat.inject_system
    pending: dict[str, float] = {}

    def guess_timed(text: str) -> Any:
        pending["t"] = time.perf_counter()  # the first step of the template stage
        return guess(text)

    def inject_timed(self: Any, body: Any, text: str) -> Any:
        try:
            return inject(self, body, text)
        finally:
            _TIMINGS["templates"].append((time.perf_counter() - pending.pop("t")) * 1000)

    templates.guess_language = guess_timed
    OpenAIChat.inject_system = inject_timed  # type: ignore[method-assign]

    create = app.create_app

    def create_timed(*args: Any, **kwargs: Any) -> Any:
        inner = create(*args, **kwargs)

        async def timed_app(scope: Any, receive: Any, send: Any) -> None:
            if scope["type"] != "http" or scope.get("method") != "POST":
                await inner(scope, receive, send)
                return
            started = time.perf_counter()
            sending = [0.0]

            async def send_timed(message: Any) -> None:
                before = time.perf_counter()
                await send(message)
                after = time.perf_counter()
                sending[0] += after - before
                if message["type"] == "http.response.body" and not message.get("more_body"):
                    _TIMINGS["app"].append((after - started) * 1000)
                    _TIMINGS["send"].append(sending[0] * 1000)

            await inner(scope, receive, send_timed)

        timed_app.state = inner.state  # type: ignore[attr-defined]  # serve reads the services
        return timed_app

    app.create_app = create_timed


def serve(config: str, timings: str, profile: str | None, checkout: str) -> int:
    """The serve process: timers in, `codetamer serve`, timings out at shutdown."""
    sys.path.insert(0, checkout)  # the checkout whose proxy/ is measured
    _install_timers()
    from proxy.cli import main

    profiler = None
    if profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0002, async_mode="disabled")
        profiler.start()
    # uvicorn raises the signal it stopped on again once it has shut down; with this
    # handler in place that returns here instead of ending the process before the dump
    signal.signal(signal.SIGTERM, lambda *_: None)
    status = main(["serve", "--config", config])
    if profiler is not None and profile is not None:
        profiler.stop()
        Path(profile).write_text(profiler.output_text(unicode=False, color=False, short_mode=True))
    Path(timings).write_text(json.dumps(_TIMINGS))
    return status


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000, help="through the proxy (3000)")
    parser.add_argument("--warmup", type=int, default=300, help="not counted (300)")
    parser.add_argument("--pyinstrument", action="store_true", help="profile the serve process")
    parser.add_argument("--log-level", default="info", help="codetamer's log_level (info)")
    parser.add_argument(
        "--checkout", type=Path, default=ROOT, help="the checkout whose proxy/ runs (this one)"
    )
    parser.add_argument(
        "--serve", nargs=3, metavar=("CONFIG", "TIMINGS", "PROFILE"), help=argparse.SUPPRESS
    )
    add_prompt_option(parser)
    args = parser.parse_args()
    if args.serve:
        config, timings, profile = args.serve
        return serve(config, timings, profile if profile != "-" else None, str(args.checkout))
    with tempfile.TemporaryDirectory() as tmp_name, ExitStack() as stack:
        tmp = Path(tmp_name)
        up_port, _ = start_zero_upstream(stack)
        port = free_port()
        config = codetamer_config(
            tmp, "breakdown", port, up_port, gate=True, log_level=args.log_level
        )
        timings, profile = tmp / "timings.json", tmp / "profile.txt"
        proc = start(
            stack,
            [
                sys.executable,
                str(Path(__file__).resolve()),
                "--serve",
                str(config),
                str(timings),
                str(profile) if args.pyinstrument else "-",
                "--checkout",
                str(args.checkout.resolve()),
            ],
            env=dict(os.environ),
            log=tmp / "serve.log",
        )
        wait_ready(f"http://127.0.0.1:{port}/healthz")
        wait_idle(proc.pid)
        body = chat_body(stream=False, prompt_kb=args.prompt_kb)
        urls = {
            "direct": f"http://127.0.0.1:{up_port}/v1/chat/completions",
            "proxy": f"http://127.0.0.1:{port}/v1/chat/completions",
        }
        seen: dict[str, list[float]] = {"direct": [], "proxy": []}
        load_before = Path("/proc/loadavg").read_text().strip()
        with httpx2.Client(timeout=30, trust_env=False) as client:
            for i in range(args.requests + args.warmup):
                for name in ("direct", "proxy") if i % 2 else ("proxy", "direct"):
                    _, last = timed_post(client, urls[name], body, stream=False)
                    if i >= args.warmup:
                        seen[name].append(last)
        load_after = Path("/proc/loadavg").read_text().strip()
        proc.terminate()
        proc.wait(30)
        if proc.returncode not in (0, -15):
            print((tmp / "serve.log").read_text()[-3000:], file=sys.stderr)
        measured = {k: v[args.warmup :] for k, v in json.loads(timings.read_text()).items()}
        report_text = profile.read_text() if args.pyinstrument else ""
    d50, p50 = pct(seen["direct"], 0.5), pct(seen["proxy"], 0.5)
    print(
        f"breakdown, non-streamed, concurrency 1, {args.requests} requests, "
        f"log_level {args.log_level}{', under pyinstrument' if args.pyinstrument else ''}"
        + (f", {args.prompt_kb:g} kB of code in the prompt" if args.prompt_kb else "")
    )
    print(f"  loadavg before: {load_before}   after: {load_after}")
    print(
        f"  client saw: direct p50 {d50:.3f} ms, proxy p50 {p50:.3f} ms, added {p50 - d50:.3f} ms"
    )
    print(f"  {'stage':<50} {'median':>8} {'mean':>8}  (ms, in the serve process)")
    for key, label in STAGES:
        values = measured.get(key, [])
        if values:
            print(f"  {label:<50} {statistics.median(values):8.3f} {statistics.fmean(values):8.3f}")
    app = statistics.median(measured["app"])
    upstream = statistics.median(measured["upstream"])
    print(f"  {'app minus the upstream call (proxy work in the app)':<50} {app - upstream:8.3f}")
    print(
        f"  {'upstream call minus direct round trip':<50} {upstream - d50:8.3f}"
        "  (the proxy's client vs the bench's, same upstream)"
    )
    print(
        f"  {'outside the app (server, loopback hop, client)':<50} {p50 - app:8.3f}"
        "  (client-seen proxy p50 minus app median)"
    )
    if report_text:
        print(report_text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
