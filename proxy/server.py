"""How `codetamer serve` runs the app: uvicorn, listening first, then warming the rules.

Every language's rules are compiled in the background once the socket listens, so that
no first request pays for it. That work holds the GIL in long C calls; started before
uvicorn (as it was), it starved uvicorn's own start, and the port opened only once most
of it was done: 8 to 13 s after the command instead of under 1 s (measured by polling
/healthz from the moment the process starts).

While it runs, a request can still wait for one compile: the rules are compiled in parts
of bounded size (guards.rules.engine), the longest about 0.5 s (C++), and the warm-up
pauses between two parts so that the requests in flight get the GIL.
"""

from __future__ import annotations

import contextlib
import gc
import socket
import threading
import time
from collections.abc import Callable

import uvicorn
from starlette.types import ASGIApp

import guards
from proxy.logs import get_logger

__all__ = ["run_server"]

_STARTUP_FAILURE = 3  # uvicorn's exit status when the server does not start
# between two compiles of the warm-up, the requests being served have the GIL this long
_WARM_PAUSE = 0.02


def run_server(app: ASGIApp, host: str, port: int, rules: guards.RuleSet) -> int:
    """Serve the app until told to stop; the exit status (3: it never started)."""

    def warm() -> None:
        get_logger().info("rules_warming", languages=len(guards.LANGUAGES))
        started = time.perf_counter()
        for language in guards.LANGUAGES:
            time.sleep(_WARM_PAUSE)
            rules.compiled(language, pause=_WARM_PAUSE)
        _settle_collector()
        get_logger().info(
            "rules_ready",
            languages=len(guards.LANGUAGES),
            seconds=round(time.perf_counter() - started, 1),
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
    server = _ListeningServer(
        config,
        lambda: threading.Thread(target=warm, name="codetamer-warm-rules", daemon=True).start(),
    )
    with contextlib.suppress(KeyboardInterrupt):  # uvicorn raises Ctrl-C again once it stopped
        server.run()
    return 0 if server.started else _STARTUP_FAILURE


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

    The rules, templates and parsers made at start-up (tens of thousands of objects)
    live as long as the process: frozen, a full collection no longer walks them (it took
    about 40 ms, a pause every request in flight waited out). A request's own objects
    are freed by reference counting when it ends; collecting the youngest generation
    every 700 allocations instead caught them mid-request, again and again, and moved
    them to the older generations to be walked once more. Measured with bench/load.py.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(7000, 10, 10)
