"""A bare forwarder: the least a Python proxy can add on this machine (a bench baseline).

    UPSTREAM=http://127.0.0.1:PORT uvicorn bench.bare_proxy:app --http httptools --loop uvloop

The same server (uvicorn on uvloop and httptools) and upstream client
(proxy/upstream_http.py) as codetamer, and nothing else: no parsing, no templates, no
gate, no provenance, no logs, no metrics. Each POST body goes to the upstream at the
same path and the answer comes back whole, or chunk by chunk as it arrives when it is a
stream. bench/overhead.py (path `bare`) and bench/load.py (`--target bare`) measure it
next to codetamer, so the figures show how much of what codetamer adds is codetamer's
own work.
"""

from __future__ import annotations

import os
from typing import Any

from proxy.upstream_http import HTTPClient

_CLIENT = HTTPClient(
    os.environ.get("UPSTREAM", "http://127.0.0.1:8000"), connect_timeout=10, read_timeout=60
)
_HEADERS = {"content-type": "application/json"}


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """ASGI: lifespan closes the client at shutdown; every HTTP request is forwarded."""
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await _CLIENT.aclose()
                await send({"type": "lifespan.shutdown.complete"})
                return
    body, more = b"", True
    while more:
        message = await receive()
        body += message.get("body", b"")
        more = message.get("more_body", False)
    async with _CLIENT.request(scope["method"], scope["path"], _HEADERS, body) as response:
        kind = response.headers.get("content-type", "application/json")
        start = {"type": "http.response.start", "status": response.status_code}
        if not kind.startswith("text/event-stream"):  # whole, with a length: one write
            content = b"".join([chunk async for chunk in response.aiter_bytes()])
            start["headers"] = [
                (b"content-type", kind.encode("latin-1")),
                (b"content-length", str(len(content)).encode()),
            ]
            await send(start)
            await send({"type": "http.response.body", "body": content})
            return
        start["headers"] = [(b"content-type", kind.encode("latin-1"))]
        await send(start)
        async for chunk in response.aiter_bytes():
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
    await send({"type": "http.response.body", "body": b"", "more_body": False})
