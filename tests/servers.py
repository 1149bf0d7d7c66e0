"""Run servers for tests on real loopback sockets: an ASGI app in a background thread, or
`codetamer serve` as the subprocess a user runs; and wait for what a served app logs."""

from __future__ import annotations

import contextlib
import queue
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn
from starlette.types import ASGIApp


@contextmanager
def serve_in_thread(app: ASGIApp, *, tls: tuple[Path, Path] | None = None) -> Iterator[str]:
    """Serve the app on 127.0.0.1 (a free port) until the block ends; yields its base URL.
    With `tls` (a certificate and its key, as PEM files) it serves https."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        app,
        log_config=None,
        access_log=False,
        lifespan="on",
        timeout_graceful_shutdown=5,
        ssl_certfile=tls[0] if tls else None,
        ssl_keyfile=tls[1] if tls else None,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    started = threading.Event()

    def wait_started() -> None:
        while thread.is_alive() and not server.started:
            started.wait(0.01)

    waiter = threading.Thread(target=wait_started)
    waiter.start()
    waiter.join(timeout=15)
    if not server.started:
        raise RuntimeError("test server did not start within 15 s")
    try:
        yield f"{'https' if tls else 'http'}://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


def free_port() -> int:
    """A port nothing listens on (bound and released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


ROOT = Path(__file__).resolve().parents[1]
CODETAMER = str(Path(sys.executable).parent / "codetamer")


@dataclass
class Served:
    """A running `codetamer serve`: its process, port, base URL and stderr lines so far."""

    proc: subprocess.Popen[str]
    port: int
    url: str
    lines: list[str]


@contextmanager
def serve_process(args: list[str], env: dict[str, str]) -> Iterator[Served]:
    """Run `codetamer serve ARGS` until it listens; stop it at the end unless it is dead
    already (a test may kill it). Its stderr is drained all along: it logs every exchange."""
    port = free_port()
    proc = subprocess.Popen(
        [CODETAMER, "serve", "--port", str(port), *args],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    lines: list[str] = []
    seen: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.append(line)
            seen.put(line)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    try:
        while "Uvicorn running on" not in (line := seen.get(timeout=20)):
            assert "Traceback" not in line, line
        yield Served(proc, port, f"http://127.0.0.1:{port}", lines)
    finally:
        if proc.poll() is None:
            proc.terminate()
        proc.wait(timeout=15)
        reader.join(timeout=5)
        assert proc.stderr is not None
        proc.stderr.close()


def running(pid: int) -> bool:
    """True while a process runs: a zombie (ended, not yet reaped by whoever adopted
    it) has ended."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):  # gone before, or while, it was read
        return False
    return stat.rpartition(")")[2].split()[0] not in ("Z", "X")


def children(pid: int, named: str = "") -> list[int]:
    """A process's children whose command line holds `named` (from /proc)."""
    found: list[int] = []
    for listing in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in map(int, listing.read_text().split()):
            with contextlib.suppress(FileNotFoundError, ProcessLookupError):  # it just ended
                if named.encode() in Path(f"/proc/{child}/cmdline").read_bytes():
                    found.append(child)
    return found


def logged(events: list[dict[str, Any]], name: str, count: int) -> list[dict[str, Any]]:
    """The captured log events called `name`, once `count` of them are in (5 s at most).

    An exchange's log line is written just after its answer went out, on the proxy's
    thread: a test that has its answer may look before the line is there.
    """
    deadline = time.monotonic() + 5
    while True:
        found = [e for e in events if e["event"] == name]
        if len(found) >= count or time.monotonic() > deadline:
            return found
        time.sleep(0.005)
