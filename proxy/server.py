"""How `codetamer serve` runs the app: uvicorn, listening first, then warming the rules.

Once the socket listens, the scan process starts and compiles every language's rules in
the background (guards.isolated), so that no first request pays for it. That work holds
a GIL for seconds; it is the scan process's own, so the proxy's event loop never waits
for it. (Done in the proxy's process before uvicorn, it kept the port closed for 8 to
13 s; done there after, it stalled requests for up to 0.65 s at a time.)
"""

from __future__ import annotations

import contextlib
import gc
import socket
from collections.abc import Callable

import uvicorn
from starlette.types import ASGIApp

from guards.isolated import ScanPool
from guards.secrets import redact
from proxy.logs import get_logger

__all__ = ["log_scan_output", "run_server"]

_STARTUP_FAILURE = 3  # uvicorn's exit status when the server does not start


def run_server(app: ASGIApp, host: str, port: int, scanner: ScanPool) -> int:
    """Serve the app until told to stop; the exit status (3: it never started)."""

    def listening() -> None:
        get_logger().info("rules_warming")
        scanner.start(warm=True, on_ready=ready, on_output=log_scan_output)

    def ready(seconds: float, grammars: int) -> None:  # once per scan process
        get_logger().info(
            "rules_ready", languages=grammars, seconds=seconds, scan_processes=scanner.pids
        )

    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        loop="auto",
        http="auto",
        access_log=False,
        log_config=None,
        server_header=False,
        proxy_headers=False,  # the peer's own address is recorded, never X-Forwarded-For
        timeout_graceful_shutdown=30,
    )
    server = _ListeningServer(config, listening)
    _settle_collector()  # before it listens: a full collection takes about 30 ms
    with contextlib.suppress(KeyboardInterrupt):  # uvicorn raises Ctrl-C again once it stopped
        server.run()
    return 0 if server.started else _STARTUP_FAILURE


def log_scan_output(pid: int, line: str) -> None:
    """Log a line a scan process wrote to stderr (a traceback, or where it crashed), with
    any secret in it redacted: it may quote the code it was judging."""
    if line.strip():
        get_logger().warning("scan_process_output", pid=pid, line=redact(line))


class _ListeningServer(uvicorn.Server):
    """uvicorn's server, calling back once its socket listens."""

    def __init__(self, config: uvicorn.Config, on_listening: Callable[[], None]) -> None:
        super().__init__(config)
        self._on_listening = on_listening

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started:
            self._on_listening()


def _settle_collector() -> None:
    """Tune the cyclic garbage collector for serving, once the start-up objects exist.

    The config, templates, rules and modules loaded at start-up (tens of thousands of
    objects) live as long as the process: frozen, a full collection no longer walks them (it took
    about 40 ms, a pause every request in flight waited out). A request's own objects
    are freed by reference counting when it ends; collecting the youngest generation
    every 700 allocations instead caught them mid-request, again and again, and moved
    them to the older generations to be walked once more. Measured with bench/load.py.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(7000, 10, 10)
