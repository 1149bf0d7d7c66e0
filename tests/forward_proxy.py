"""A forward HTTP proxy for tests, on a real loopback socket, in a thread of its own.

It does what a corporate proxy does with the requests codetamer sends it: a CONNECT
opens a tunnel to the host and port named (bytes both ways, untouched); a request with
an absolute URL (`POST http://host:port/path`) goes to that host in origin form, its
Proxy-Authorization taken out. It resolves names itself, through `hosts` first, as a
real proxy resolves names its clients cannot. It can demand credentials (407 without
them) and refuse tunnels, and it keeps what it was asked.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

_HEAD_LIMIT = 64 * 1024


@dataclass
class ForwardProxy:
    """What the proxy demands and does, and what it saw."""

    hosts: dict[str, str] = field(default_factory=dict)  # a name -> the address it goes to
    credentials: str = ""  # the Proxy-Authorization it demands ("": none)
    refuse: int = 0  # answer every CONNECT with this status instead (0: open the tunnel)
    port: int = 0
    requests: list[str] = field(default_factory=list)  # request lines, in order
    authorizations: list[str] = field(default_factory=list)  # Proxy-Authorization seen
    tunnels: int = 0  # tunnels opened

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        onward: asyncio.StreamWriter | None = None
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                line, *fields = head.decode("latin-1").split("\r\n")[:-2]
                headers = dict(f.split(": ", 1) for f in fields if ": " in f)
                headers = {name.lower(): value for name, value in headers.items()}
                self.requests.append(line)
                self.authorizations.append(headers.get("proxy-authorization", ""))
                method, target, _ = line.split(" ", 2)
                if self.credentials and headers.get("proxy-authorization") != self.credentials:
                    writer.write(
                        b"HTTP/1.1 407 Proxy Authentication Required\r\n"
                        b'proxy-authenticate: Basic realm="test"\r\ncontent-length: 0\r\n\r\n'
                    )
                    await writer.drain()
                    return
                if method == "CONNECT":
                    await self._tunnel(target, reader, writer)
                    return
                onward = await self._forward(method, target, head, headers, reader, writer, onward)
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        except asyncio.CancelledError:  # the proxy's loop is ending
            pass
        finally:
            if onward is not None:
                onward.close()
            writer.close()

    def _address(self, host: str) -> str:
        return self.hosts.get(host.strip("[]"), host.strip("[]"))

    async def _tunnel(
        self, target: str, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        if self.refuse:
            writer.write(f"HTTP/1.1 {self.refuse} Refused\r\ncontent-length: 0\r\n\r\n".encode())
            await writer.drain()
            return
        host, _, port = target.rpartition(":")
        up_reader, up_writer = await asyncio.open_connection(self._address(host), int(port))
        self.tunnels += 1
        writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
        await writer.drain()
        try:
            await asyncio.gather(_pipe(reader, up_writer), _pipe(up_reader, writer))
        finally:
            up_writer.close()

    async def _forward(
        self,
        method: str,
        target: str,
        head: bytes,
        headers: dict[str, str],
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        onward: asyncio.StreamWriter | None,
    ) -> asyncio.StreamWriter:
        """One request in absolute form, sent on in origin form; answers flow back as
        they come (a task started with the connection onward)."""
        url = urlsplit(target)
        if onward is None:
            up_reader, onward = await asyncio.open_connection(
                self._address(url.hostname or ""), url.port or 80
            )
            asyncio.get_running_loop().create_task(_pipe(up_reader, writer))
        lines = head.decode("latin-1").split("\r\n")
        origin = (url.path or "/") + (f"?{url.query}" if url.query else "")
        lines[0] = f"{method} {origin} {lines[0].rsplit(' ', 1)[1]}"
        lines = [line for line in lines if not line.lower().startswith("proxy-authorization:")]
        onward.write("\r\n".join(lines).encode("latin-1"))
        onward.write(await reader.readexactly(int(headers.get("content-length", "0"))))
        await onward.drain()
        return onward


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    with contextlib.suppress(ConnectionError, asyncio.CancelledError):
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    with contextlib.suppress(OSError, RuntimeError):
        if writer.can_write_eof():
            writer.write_eof()


@contextmanager
def forward_proxy(**settings: object) -> Iterator[ForwardProxy]:
    """Run a ForwardProxy (ForwardProxy's fields as keywords) until the block ends."""
    proxy = ForwardProxy(**settings)  # type: ignore[arg-type]
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    stop: asyncio.Future[None] | None = None

    async def run() -> None:
        nonlocal stop
        server = await asyncio.start_server(proxy.handle, "127.0.0.1", 0, limit=_HEAD_LIMIT)
        proxy.port = server.sockets[0].getsockname()[1]
        stop = loop.create_future()
        ready.set()
        async with server:
            await stop
        others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in others:  # open tunnels and forwards
            task.cancel()
        await asyncio.gather(*others, return_exceptions=True)

    thread = threading.Thread(target=loop.run_until_complete, args=(run(),), daemon=True)
    thread.start()
    if not ready.wait(10):
        raise RuntimeError("the test proxy did not start")
    try:
        yield proxy
    finally:
        loop.call_soon_threadsafe(lambda: stop.done() or stop.set_result(None))  # type: ignore[union-attr]
        thread.join(timeout=10)
        if not thread.is_alive():  # else it is stuck (a daemon thread): left to the exit
            loop.close()
