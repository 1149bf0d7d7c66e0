"""Benchmark: how soon `codetamer serve` answers, and how long requests wait while it warms up.

    uv run python bench/startup.py                        # 2 starts, 15 s of probes each
    uv run python bench/startup.py --checkout /tmp/wt-old # another checkout's proxy/

Spawns `codetamer serve` (with a config naming one upstream on a closed local port:
nothing is called) and, from that moment, sends GET /healthz every 5 ms on a new
connection, each with a 30 s timeout. Prints, per start: when the port first answered,
when the rules were reported compiled (the `rules_ready` log line), and for the probes
in between the longest wait, p99 and how many waited over 100 ms: the stall a request
meets while the rules compile (in the proxy's own process in older checkouts, in its
scan process now).
"""

from __future__ import annotations

import argparse
import http.client
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: bench.* imports from the root
    sys.path.insert(0, str(ROOT))

from bench.overhead import free_port, pct  # noqa: E402


def probe(port: int) -> float | None:
    """Seconds one GET /healthz took; None when the port does not answer yet."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", "/healthz")
        connection.getresponse().read()
    except OSError:
        return None
    finally:
        connection.close()
    return time.perf_counter() - started


def one_start(root: Path, seconds: float) -> str:
    """Start the proxy once and probe it for `seconds`; one line of figures."""
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "startup.toml"
        config.write_text(
            f"[server]\nport = {port}\n"
            f'[[upstreams]]\nname = "closed"\nbase_url = "http://127.0.0.1:9/v1"\n'
            f'[provenance]\npath = "{Path(tmp) / "startup.sqlite3"}"\n'
        )
        spawned = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "proxy.cli", "serve", "--config", str(config)],
            cwd=root,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        ready: list[float] = []

        def read_log() -> None:
            assert proc.stderr is not None
            for line in proc.stderr:
                if line.startswith("{") and json.loads(line).get("event") == "rules_ready":
                    ready.append(time.perf_counter() - spawned)

        reader = threading.Thread(target=read_log, daemon=True)
        reader.start()
        first: float | None = None
        waits: list[float] = []  # probes sent before the rules were ready
        try:
            while time.perf_counter() - spawned < seconds:
                took = probe(port)
                if took is None:
                    time.sleep(0.005)
                    continue
                if first is None:
                    first = time.perf_counter() - spawned
                if not ready:
                    waits.append(took)
                time.sleep(0.005)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
            reader.join(timeout=5)
    if first is None:
        return f"the port never answered in {seconds:g} s"
    ready_at = f"rules ready after {ready[0]:.2f} s" if ready else "no rules_ready line"
    if not waits:
        return f"port answered after {first:.2f} s; {ready_at}"
    return (
        f"port answered after {first:.2f} s; {ready_at}; "
        f"{len(waits)} probes meanwhile: longest {max(waits) * 1000:.0f} ms, "
        f"p99 {pct(waits, 0.99) * 1000:.1f} ms, {sum(w > 0.1 for w in waits)} over 100 ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2, help="starts (2)")
    parser.add_argument("--seconds", type=float, default=15, help="probing per start (15)")
    parser.add_argument("--checkout", type=Path, default=ROOT, help="the tree whose proxy runs")
    args = parser.parse_args()
    print(f"start-up of `codetamer serve` from {args.checkout}, probing /healthz every 5 ms")
    for run in range(1, args.runs + 1):
        print(f"  start {run}: {one_start(args.checkout, args.seconds)}", flush=True)


if __name__ == "__main__":
    main()
