"""Benchmark: orjson against the standard library's json, on the proxy's own payloads.

    uv run python bench/json_codecs.py [--seconds S]

Payloads, as the proxy meets them on one exchange:

- a client's request: the bench question (~150 B), and a coding agent's conversation
  with tool definitions and file contents (~100 KB, made up here), parsed once;
- the body sent upstream after the templates are injected (~1.8 KB), encoded once;
- an upstream answer (~300 B) and a streamed chunk (~200 B, several per answer), parsed;
- a provenance record (~1.5 KB), encoded with sorted keys (its canonical form).

For each: microseconds per operation with orjson, with json (compact separators,
ensure_ascii off, as proxy/jsonbody.py falls back to), and the ratio; then what
jsonbody.loads adds to orjson on the agent request, and its guard against integers
beyond 64 bits done two ways: the regex it used, and bytes.translate + a substring search.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: bench.* and proxy.* import from the root
    sys.path.insert(0, str(ROOT))

from bench.clients import proxy_body  # noqa: E402
from bench.overhead import chat_body  # noqa: E402
from bench.zero_upstream import _CHUNK, _COMPLETION  # noqa: E402
from proxy import jsonbody  # noqa: E402

_BIG_INT = re.compile(rb"\d{20,}")  # jsonbody's guard until the change measured here
_DIGITS = bytes(0x30 if 0x30 <= b <= 0x39 else 0x20 for b in range(256))
_TWENTY = b"0" * 20
_RECORD: dict[str, Any] = {
    "id": "0f8e2c1a9b7d4e6f8a0b1c2d3e4f5a6b",
    "started_at": "2026-12-06T05:09:18.206000+00:00",
    "ended_at": "2026-12-06T05:09:18.413000+00:00",
    "latency_ms": 2.316,
    "client": "127.0.0.1",
    "client_name": None,
    "dialect": "openai.chat",
    "stream": False,
    "model": "gpt-bench",
    "model_served": "gpt-bench",
    "upstream": "zero",
    "templates": [
        {"id": name, "version": "1.0.0", "sha256": "ab" * 32}
        for name in ("secrets-from-environment", "observability-by-default", "secure-defaults")
    ],
    "request_sha256": "cd" * 32,
    "prompt_sha256": "ef" * 32,
    "prompt": "What is the capital of France?",
    "prompt_secrets": [],
    "rounds": [
        {
            "number": 1,
            "response_sha256": "01" * 32,
            "upstream_ms": 1.2,
            "gate_ms": 0.02,
            "artifacts": [],
            "blocking": 0,
            "warnings": 0,
        }
    ],
    "delivered": "final_round",
    "verdict": "pass",
    "status": 200,
    "usage": {"prompt_tokens": 12, "completion_tokens": 8, "total_tokens": 20},
    "upstream_ms": 1.2,
    "gate_ms": 0.02,
    "error": None,
    "repair_error": None,
}


def agent_request() -> bytes:
    """A coding agent's request, made up: tools, a long conversation, files read back."""
    source = "\n".join(
        f"def handler_{i}(request):\n    return respond(request, {i})" for i in range(60)
    )
    tools = [
        {
            "type": "function",
            "function": {
                "name": f"tool_{i}",
                "description": "Edit a file in the workspace. " * 8,
                "parameters": {
                    "type": "object",
                    "properties": {"path": {"type": "string"}, "content": {"type": "string"}},
                    "required": ["path", "content"],
                },
            },
        }
        for i in range(12)
    ]
    messages: list[dict[str, Any]] = [
        {"role": "system", "content": "You are a coding agent. " * 40}
    ]
    for turn in range(14):
        messages.append(
            {"role": "user", "content": f"Step {turn}: change the handlers, then run the tests."}
        )
        messages.append({"role": "assistant", "content": f"```python\n{source}\n```"})
    return orjson.dumps(
        {"model": "gpt-bench", "stream": True, "tools": tools, "messages": messages}
    )


def stdlib_dumps(value: Any, *, sort: bool = False) -> bytes:
    """The standard library's compact encoding, as jsonbody's fallback writes it."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=sort).encode()


def per_op(fn: Callable[[], object], seconds: float) -> float:
    """Microseconds per call, best of five timed batches."""
    n = 1
    while True:  # calibrate a batch of about seconds / 5
        started = time.perf_counter()
        for _ in range(n):
            fn()
        took = time.perf_counter() - started
        if took > seconds / 5 or n > 1_000_000:
            break
        n *= 2
    best = took
    for _ in range(4):
        started = time.perf_counter()
        for _ in range(n):
            fn()
        best = min(best, time.perf_counter() - started)
    return best / n * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=0.5, help="per measurement (0.5)")
    args = parser.parse_args()
    chunk = orjson.dumps({**_CHUNK, "choices": [{"index": 0, "delta": {"content": "is Paris."}}]})
    injected = orjson.loads(proxy_body(stream=False))
    cases: list[tuple[str, int, Callable[[], object], Callable[[], object]]] = []
    for label, raw in (
        ("parse client request", chat_body(stream=False)),
        ("parse agent request", agent_request()),
        ("parse upstream answer", _COMPLETION),
        ("parse stream chunk", chunk),
    ):
        fast: Callable[[], object] = functools.partial(orjson.loads, raw)
        slow: Callable[[], object] = functools.partial(json.loads, raw)
        cases.append((label, len(raw), fast, slow))
    cases.append(
        (
            "encode upstream body",
            len(orjson.dumps(injected)),
            lambda: orjson.dumps(injected),
            lambda: stdlib_dumps(injected),
        )
    )
    cases.append(
        (
            "encode record (sorted)",
            len(orjson.dumps(_RECORD)),
            lambda: orjson.dumps(_RECORD, option=orjson.OPT_SORT_KEYS),
            lambda: stdlib_dumps(_RECORD, sort=True),
        )
    )
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    print(f"JSON codecs: orjson {orjson.__version__} vs json (stdlib), loadavg {load}")
    print(f"  {'operation':<24} {'bytes':>7} {'orjson':>10} {'json':>10} {'json/orjson':>12}")
    for label, size, fast, slow in cases:
        a, b = per_op(fast, args.seconds), per_op(slow, args.seconds)
        print(f"  {label:<24} {size:>7} {a:8.2f}us {b:8.2f}us {b / a:11.1f}x")
    agent = agent_request()
    whole = per_op(lambda: jsonbody.loads(agent), args.seconds)
    plain = per_op(lambda: orjson.loads(agent), args.seconds)
    print(
        f"  jsonbody.loads on the agent request: {whole:.1f}us, orjson.loads alone {plain:.1f}us "
        f"(jsonbody's own checks: {whole - plain:.1f}us)"
    )
    regex = per_op(lambda: _BIG_INT.search(agent), args.seconds)
    table = per_op(lambda: _TWENTY in agent.translate(_DIGITS), args.seconds)
    print(
        f"  big-integer guard on the agent request: regex \\d{{20,}} {regex:.1f}us, "
        f"bytes.translate + substring {table:.1f}us"
    )
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    print(f"  loadavg after: {load}")


if __name__ == "__main__":
    main()
