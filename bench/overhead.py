"""Benchmark: the latency codetamer adds, next to LiteLLM's proxy, on a zero-delay upstream.

    uv run --extra bench python bench/overhead.py              # non-streamed
    uv run --extra bench python bench/overhead.py --stream     # streamed: TTFB and last byte
    uv run --extra bench python bench/overhead.py --stream --paths direct,ungated
    uv run --extra bench python bench/overhead.py --prompt-kb 8   # 8 kB of code in the prompt
    uv run --extra bench python bench/overhead.py --paths direct \
        --checkout before=/tmp/wt-base --checkout after=/tmp/wt-bench   # A/B two checkouts

Starts the zero-delay upstream (bench/zero_upstream.py), `codetamer serve` and LiteLLM's
proxy as separate processes on loopback, all pointed at that one upstream, then sends
the same Chat Completions request to each path in turn (interleaved per request, the
order rotating), one at a time (concurrency 1), over kept-alive connections. The answer
holds no code; templates are injected and provenance is written: codetamer's ordinary
path, with its default log level (info) unless --log-level says otherwise.

Paths (--paths, comma-separated; default direct,codetamer,litellm):

- direct: straight to the upstream; the baseline the others are measured against;
- bare: bench/bare_proxy.py, a forwarder with codetamer's server and upstream client and
  no work at all: the least a Python proxy adds here (not a product: a floor);
- codetamer: `codetamer serve` with its defaults (gate on);
- ungated: `codetamer serve` with `[gate] enabled = false`, the pass-through case
  (with --stream it shows the time to first byte that streaming adds when the gate is off);
- litellm: LiteLLM's proxy, `--num_workers 1`, a generic openai-compatible model
  (`openai/gpt-bench` with the upstream's api_base), at its fastest: no database, no
  callbacks, telemetry and message logging off, no master key to check;
- --checkout LABEL=DIR adds a path LABEL: codetamer (gate on) run from another checkout,
  for before/after figures of a patch measured in the same run.

LiteLLM comes with the `bench` extra (`uv sync --extra bench`: litellm[proxy] 1.108.7 is
the newest whose proxy extra resolves from the registry). The script looks for its
`litellm` executable beside this interpreter, then on PATH, then in a uv tool environment
(`uv tool install 'litellm[proxy]'`), and skips the LiteLLM column, saying so, when there
is none.

Prints p50/p99 per path (with --stream: time to first body byte and to the last byte),
the latency each proxy adds over direct (difference of the percentiles), and the ratio
LiteLLM-added / codetamer-added. Targets (issue 6): codetamer added p50 <= 0.6 ms
non-streamed; LiteLLM adds >= 5x as much; ungated streaming adds <= 1 ms to TTFB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import httpx2
import orjson

ROOT = Path(__file__).resolve().parent.parent
PATHS = ("direct", "bare", "codetamer", "ungated", "litellm")
MODEL = "gpt-bench"
_LITELLM_CONFIG = """\
model_list:
  - model_name: {model}
    litellm_params:
      model: openai/{model}
      api_base: http://127.0.0.1:{up_port}/v1
      api_key: sk-bench-unused
      num_retries: 0
litellm_settings:
  telemetry: false
  turn_off_message_logging: true
  disable_end_user_cost_tracking: true
  callbacks: []
  success_callback: []
  failure_callback: []
  cache: false
  num_retries: 0
general_settings:
  disable_spend_logs: true
  disable_error_logs: true
  store_model_in_db: false
  dangerously_permit_weak_or_unset_master_key: true
"""
_LITELLM_ENV = {
    "LITELLM_LOCAL_MODEL_COST_MAP": "True",  # offline: the bundled price map, no download
    "LITELLM_LOG": "ERROR",
    "LITELLM_TELEMETRY": "False",
    "DISABLE_ADMIN_UI": "True",
}


def free_port() -> int:
    """A TCP port free on loopback now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(url: str, deadline: float = 60.0) -> None:
    """Poll a GET URL until it answers below 500."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        try:
            if httpx2.get(url, timeout=0.5, trust_env=False).status_code < 500:
                return
        except httpx2.HTTPError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"not ready after {deadline}s: {url}")


def cpu_ticks(pid: int) -> int:
    """User plus system clock ticks a process has used (from /proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return int(fields[11]) + int(fields[12])


def children(pid: int) -> list[int]:
    """A process's children, and theirs (from /proc/PID/task/*/children)."""
    found: list[int] = []
    for listing in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in map(int, listing.read_text().split()):
            found += [child, *children(child)]
    return found


def tree_ticks(pid: int) -> int:
    """Clock ticks a process and its children have used (a child gone meanwhile: 0)."""
    total = 0
    for each in [pid, *children(pid)]:
        try:
            total += cpu_ticks(each)
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def wait_idle(pid: int, deadline: float = 90.0) -> None:
    """Wait until a process has finished its start-up work (codetamer's scan process
    compiles every language's rules): two half-seconds in a row under 5% CPU, the
    process and its children together."""
    end = time.monotonic() + deadline
    quiet, before = 0, tree_ticks(pid)
    while time.monotonic() < end and quiet < 2:
        time.sleep(0.5)
        now = tree_ticks(pid)
        quiet = quiet + 1 if now - before <= 2 else 0
        before = now


def rss_kib(pid: int) -> int:
    """Resident set size of a process in KiB (VmRSS from /proc/PID/status)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def start(
    stack: ExitStack,
    argv: Sequence[str],
    env: dict[str, str] | None = None,
    log: Path | None = None,
    cwd: Path = ROOT,
) -> subprocess.Popen[bytes]:
    """Start a process that the stack terminates (and waits for) on exit."""
    out = stack.enter_context(log.open("wb")) if log else subprocess.DEVNULL
    proc = subprocess.Popen(list(argv), cwd=cwd, env=env, stdout=out, stderr=out)
    stack.callback(proc.wait, 30)
    stack.callback(proc.terminate)
    return proc


def pct(values: Sequence[float], p: float) -> float:
    """The p-quantile (0..1) of values, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def start_uvicorn(
    stack: ExitStack, app: str, env: dict[str, str] | None = None
) -> tuple[int, subprocess.Popen[bytes]]:
    """An ASGI app (module:attribute) under uvicorn (uvloop, httptools) on a free port."""
    port = free_port()
    argv = [sys.executable, "-m", "uvicorn", app, "--port", str(port), "--http", "httptools"]
    argv += ["--loop", "uvloop", "--no-access-log", "--log-level", "warning"]
    proc = start(stack, argv, env=env)
    wait_ready(f"http://127.0.0.1:{port}/v1/models")
    return port, proc


def start_zero_upstream(stack: ExitStack) -> tuple[int, subprocess.Popen[bytes]]:
    """The zero-delay upstream on a free port."""
    return start_uvicorn(stack, "bench.zero_upstream:app")


def start_bare(stack: ExitStack, up_port: int) -> tuple[int, subprocess.Popen[bytes]]:
    """bench/bare_proxy.py in front of the upstream on up_port, on a free port."""
    env = {**os.environ, "UPSTREAM": f"http://127.0.0.1:{up_port}"}
    return start_uvicorn(stack, "bench.bare_proxy:app", env=env)


def codetamer_config(
    tmp: Path, name: str, port: int, up_port: int, *, gate: bool, log_level: str
) -> Path:
    """A config file: one upstream (the zero one), provenance in tmp."""
    config = tmp / f"{name}.toml"
    config.write_text(
        f'[server]\nport = {port}\nlog_level = "{log_level}"\n'
        f'[[upstreams]]\nname = "zero"\nbase_url = "http://127.0.0.1:{up_port}/v1"\n'
        f"[gate]\nenabled = {'true' if gate else 'false'}\n"
        f'[provenance]\npath = "{tmp / (name + ".sqlite3")}"\n'
    )
    return config


def start_codetamer(
    stack: ExitStack,
    tmp: Path,
    name: str,
    up_port: int,
    *,
    gate: bool = True,
    log_level: str = "info",
    root: Path = ROOT,
) -> tuple[int, subprocess.Popen[bytes], Path]:
    """`codetamer serve` on a free port, settled; returns port, process and config path.

    `root` is the checkout whose proxy/ runs (`python -m proxy.cli` from there).
    """
    port = free_port()
    config = codetamer_config(tmp, name, port, up_port, gate=gate, log_level=log_level)
    proc = start(
        stack,
        [sys.executable, "-m", "proxy.cli", "serve", "--config", str(config)],
        env=dict(os.environ),
        cwd=root,
    )
    wait_ready(f"http://127.0.0.1:{port}/healthz")
    wait_idle(proc.pid)
    return port, proc, config


def add_checkout_option(parser: argparse.ArgumentParser, help: str) -> None:
    """--checkout LABEL=DIR, repeatable: codetamer run from other checkouts beside this one."""
    parser.add_argument("--checkout", action="append", default=[], metavar="LABEL=DIR", help=help)


def checkouts(items: Sequence[str]) -> dict[str, Path]:
    """The --checkout items as label: checkout root."""
    return {label: Path(directory) for label, directory in (i.split("=", 1) for i in items)}


def litellm_executable() -> str | None:
    """LiteLLM's `litellm` command: beside this interpreter, on PATH, or a uv tool."""
    beside = Path(sys.executable).parent / "litellm"
    if beside.exists():
        return str(beside)
    if found := shutil.which("litellm"):
        return found
    try:
        tools = subprocess.run(
            ["uv", "tool", "dir"], capture_output=True, text=True, timeout=30, check=True
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    tool = Path(tools) / "litellm" / "bin" / "litellm"
    return str(tool) if tool.exists() else None


def start_litellm(
    stack: ExitStack, tmp: Path, up_port: int, executable: str
) -> tuple[int, subprocess.Popen[bytes]]:
    """LiteLLM's proxy, one worker, settled; its output goes to tmp/litellm.log."""
    port = free_port()
    config = tmp / "litellm.yaml"
    config.write_text(_LITELLM_CONFIG.format(model=MODEL, up_port=up_port))
    proc = start(
        stack,
        [
            executable,
            "--config",
            str(config),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--num_workers",
            "1",
            "--telemetry",
            "False",
        ],
        env={**os.environ, **_LITELLM_ENV},
        log=tmp / "litellm.log",
    )
    try:
        wait_ready(f"http://127.0.0.1:{port}/health/liveliness", deadline=120)
    except SystemExit:
        print((tmp / "litellm.log").read_text()[-3000:], file=sys.stderr)
        raise
    wait_idle(proc.pid)
    return port, proc


def chat_body(*, stream: bool, prompt_kb: float = 0) -> bytes:
    """The request every path gets: a question whose answer holds no code.

    With `prompt_kb`, that many kB of code come before the question, as a coding
    agent's context does: this checkout's proxy/gate.py, repeated as needed.
    """
    question = "What is the capital of France?"
    if prompt_kb > 0:
        code = (ROOT / "proxy" / "gate.py").read_text()
        size = int(prompt_kb * 1000)
        question = f"```python\n{(code * (size // len(code) + 1))[:size]}\n```\n\n{question}"
    return orjson.dumps(
        {"model": MODEL, "stream": stream, "messages": [{"role": "user", "content": question}]}
    )


def add_prompt_option(parser: argparse.ArgumentParser) -> None:
    """--prompt-kb: kB of code pasted before the question (0: the question alone)."""
    parser.add_argument(
        "--prompt-kb",
        type=float,
        default=0,
        help="kB of code pasted before the question, as agents send context (default 0)",
    )


@dataclass
class Timings:
    """One path's samples, in milliseconds."""

    first: list[float] = field(default_factory=list)  # time to the first body byte
    last: list[float] = field(default_factory=list)  # time to the last byte


def timed_post(
    client: httpx2.Client, url: str, body: bytes, *, stream: bool
) -> tuple[float, float]:
    """POST once; returns (ms to the first body byte, ms to the last byte)."""
    started = time.perf_counter()
    first = 0.0
    chunks: list[bytes] = []
    with client.stream(
        "POST", url, content=body, headers={"content-type": "application/json"}
    ) as response:
        for chunk in response.iter_raw():
            if not chunks:
                first = time.perf_counter()
            chunks.append(chunk)
        done = time.perf_counter()
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code}: {b''.join(chunks)[:300]!r}")
    if stream and not b"".join(chunks).rstrip().endswith(b"data: [DONE]"):
        raise SystemExit(f"{url}: the stream did not end with [DONE]")
    return (first - started) * 1000, (done - started) * 1000


def run(
    urls: dict[str, str], body: bytes, *, stream: bool, requests: int, warmup: int
) -> dict[str, Timings]:
    """Send `requests` (+ `warmup`) requests to every path, interleaved, the order rotating."""
    times = {name: Timings() for name in urls}
    names = list(urls)
    with httpx2.Client(timeout=30, trust_env=False) as client:
        for i in range(requests + warmup):
            shift = i % len(names)
            for name in names[shift:] + names[:shift]:
                first, last = timed_post(client, urls[name], body, stream=stream)
                if i >= warmup:
                    times[name].first.append(first)
                    times[name].last.append(last)
    return times


def report(times: dict[str, Timings], *, stream: bool) -> None:
    """Print percentiles per path, what each proxy adds over direct, and the ratio."""
    metrics = [("TTFB", "first"), ("last byte", "last")] if stream else [("latency", "last")]
    for label, attr in metrics:
        direct = getattr(times["direct"], attr)
        d50, d99 = pct(direct, 0.5), pct(direct, 0.99)
        print(f"  {label}:")
        added: dict[str, tuple[float, float]] = {}
        for name, t in times.items():
            values = getattr(t, attr)
            p50, p99 = pct(values, 0.5), pct(values, 0.99)
            line = f"    {name:<10} p50 {p50:7.3f} ms  p99 {p99:7.3f} ms"
            if name != "direct":
                added[name] = (p50 - d50, p99 - d99)
                line += f"   added p50 {p50 - d50:7.3f} ms  p99 {p99 - d99:7.3f} ms"
            print(line)
        for ours in (name for name in added if name != "litellm"):
            if "litellm" in added:
                (l50, l99), (o50, o99) = added["litellm"], added[ours]
                both = f"p50 {ratio(l50, o50)}  p99 {ratio(l99, o99)}"
                print(f"    litellm-added / {ours}-added: {both}")


def ratio(a: float, b: float) -> str:
    """a / b as '12.3x', or 'n/a' when b is not positive."""
    return f"{a / b:.1f}x" if b > 0 else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="per path (default 2000)")
    parser.add_argument("--warmup", type=int, default=200, help="per path, not counted (200)")
    parser.add_argument("--stream", action="store_true", help="streamed answers: TTFB and last")
    parser.add_argument(
        "--paths",
        default="direct,codetamer,litellm",
        help=f"comma-separated, of {','.join(PATHS)} (default direct,codetamer,litellm)",
    )
    parser.add_argument(
        "--log-level", default="info", help="codetamer's [server] log_level (default info)"
    )
    add_checkout_option(
        parser,
        "one more path: codetamer (gate on) run from another checkout, e.g. a git "
        "worktree with a patch applied (repeatable)",
    )
    add_prompt_option(parser)
    args = parser.parse_args()
    wanted = [p.strip() for p in args.paths.split(",") if p.strip()]
    if unknown := set(wanted) - set(PATHS):
        parser.error(f"unknown paths: {', '.join(sorted(unknown))}")
    if "direct" not in wanted:
        wanted.insert(0, "direct")
    executable = litellm_executable() if "litellm" in wanted else None
    if "litellm" in wanted and executable is None:
        print(
            "LiteLLM: not installed, its column is skipped "
            "(uv sync --extra bench, or uv tool install 'litellm[proxy]')"
        )
        wanted.remove("litellm")
    with tempfile.TemporaryDirectory() as tmp_name, ExitStack() as stack:
        tmp = Path(tmp_name)
        up_port, _ = start_zero_upstream(stack)
        urls = {"direct": f"http://127.0.0.1:{up_port}/v1/chat/completions"}
        for name in wanted[1:]:
            if name == "litellm":
                assert executable is not None
                port, _ = start_litellm(stack, tmp, up_port, executable)
            elif name == "bare":
                port, _ = start_bare(stack, up_port)
            else:
                port, _, _ = start_codetamer(
                    stack, tmp, name, up_port, gate=name == "codetamer", log_level=args.log_level
                )
            urls[name] = f"http://127.0.0.1:{port}/v1/chat/completions"
        for label, root in checkouts(args.checkout).items():
            port, _, _ = start_codetamer(
                stack, tmp, label, up_port, log_level=args.log_level, root=root
            )
            urls[label] = f"http://127.0.0.1:{port}/v1/chat/completions"
        load_before = Path("/proc/loadavg").read_text().strip()
        times = run(
            urls,
            chat_body(stream=args.stream, prompt_kb=args.prompt_kb),
            stream=args.stream,
            requests=args.requests,
            warmup=args.warmup,
        )
        load_after = Path("/proc/loadavg").read_text().strip()
    kind = "streamed" if args.stream else "non-streamed"
    print(
        f"added latency, {kind}, concurrency 1, {args.requests} requests per path "
        f"(interleaved), codetamer log_level {args.log_level}"
        + (f", {args.prompt_kb:g} kB of code in the prompt" if args.prompt_kb else "")
    )
    print(f"  loadavg before: {load_before}   after: {load_after}")
    report(times, stream=args.stream)


if __name__ == "__main__":
    main()
