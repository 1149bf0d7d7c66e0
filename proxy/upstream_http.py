"""The upstream clients' HTTP/1.1: httptools' parser on pooled asyncio connections.

An upstream call is one request on a kept-alive connection: the head and body go out in
one write, httptools (llhttp, the parser uvicorn uses) reads the answer, and its body is
handed over chunk by chunk as it arrives. Measured with bench/clients.py on this
machine, aiohttp's client, the fastest of the three candidates (httpx, httpx2,
aiohttp), took 0.37 ms per request at concurrency 1 (p50) against this one's 0.24 ms,
and 93 us of CPU per request at concurrency 64 against 35 us: its request and response
objects, URL and header types, timers and tasks. codetamer needs none of that; it sends
a POST or a GET to a URL from its config.

Through an HTTP proxy (proxy/egress.py says which), an https upstream's connections are
tunnels: a CONNECT to the proxy, then TLS with the upstream inside it; an http upstream's
requests go to the proxy with their absolute URL.

Failures are raised as the httpx2 exception classes that name them, the vocabulary the
upstream code (proxy/upstream.py) decides retries and errors with:

    ConnectError         the connection was refused or failed (TLS included), or the
                         HTTP proxy refused the tunnel
    ConnectTimeout       the connection was not made within the connect timeout
    PoolTimeout          every connection stayed busy for the connect timeout
    ReadTimeout          nothing was read for the read timeout while an answer was due
    RemoteProtocolError  the upstream closed the connection before the answer ended,
                         or sent what is not HTTP/1.1
    ReadError            the connection was reset or failed while reading
    WriteError           the request could not be written (the connection was closing)
    LocalProtocolError   the request's target or a header value would break its head
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import ssl
from collections import deque
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import cast
from urllib.parse import unquote, urlsplit

import httptools
import httpx2

from proxy import __version__
from proxy.egress import HTTPProxy

__all__ = ["HTTPClient", "HTTPResponse", "ProxyRefused"]

_MAX_HEAD_BYTES = 256 * 1024  # status line and headers of one answer
_PAUSE_AT = 1024 * 1024  # body bytes held unread before reading stops (until they are taken)
_FORBIDDEN = str.maketrans("", "", "\r\n\0")  # what a header value must not hold
_USER_AGENT = f"codetamer/{__version__}"


class ProxyRefused(httpx2.ConnectError):
    """The HTTP proxy refused the request (a tunnel refused, credentials asked for), or
    the proxy setting cannot be used: `reason` says why, naming no address and no
    credentials. `lasting`: trying again would meet the same answer (a 4xx, or the
    setting; and wrong credentials sent again and again can lock their account), where
    a 5xx may be the proxy's passing trouble."""

    def __init__(self, message: str, reason: str, *, lasting: bool = True) -> None:
        super().__init__(message)
        self.reason = reason
        self.lasting = lasting


class _Connection(asyncio.Protocol):
    """One connection to the upstream, carrying one request at a time."""

    def __init__(self, loop: asyncio.AbstractEventLoop, read_timeout: float) -> None:
        self.loop = loop  # the one it was opened on
        self._read_timeout = read_timeout
        self.transport: asyncio.Transport | None = None
        self.closed = False
        self.idle_since = 0.0
        self._expiry: asyncio.TimerHandle | None = None
        self._reset()

    def _reset(self) -> None:
        self._parser: httptools.HttpResponseParser | None = None
        self._head: asyncio.Future[None] | None = None
        self.status = 0
        self.headers: dict[str, str] = {}
        self._head_bytes = 0
        self._informational = False
        self._chunks: deque[bytes] = deque()
        self._buffered = 0
        self._paused = False
        self._wakeup: asyncio.Future[None] | None = None
        self.complete = False
        self.keep_alive = False
        self._error: httpx2.HTTPError | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._last_read = 0.0
        self._length_known = False  # content-length or chunked: the end is not the close

    # asyncio.Protocol

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's does not subclass it

    def data_received(self, data: bytes) -> None:
        if self._parser is None or self.complete:  # bytes nobody asked for: unusable
            self._abort()
            return
        self._last_read = self.loop.time()
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserError as exc:
            if self._error is None:
                self._fail(httpx2.RemoteProtocolError(f"malformed answer: {exc}"))
            else:
                self._abort()

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        self._cancel_timer()
        if self._parser is None or self.complete or self._error is not None:
            return
        if self._head_done and not self._length_known:
            self._finish()  # an answer that ends where its connection ends
            return
        if isinstance(exc, OSError):
            self._fail(httpx2.ReadError(f"the connection failed: {exc.strerror or exc}"))
        else:
            said = "before the answer ended" if self._head_done else "without answering"
            self._fail(httpx2.RemoteProtocolError(f"the upstream closed the connection {said}"))

    # httptools callbacks

    def on_header(self, name: bytes, value: bytes) -> None:
        self._head_bytes += len(name) + len(value) + 4
        if self._head_bytes > _MAX_HEAD_BYTES:
            self._fail(httpx2.RemoteProtocolError("the answer's headers are too large"))
            raise httpx2.RemoteProtocolError("headers too large")  # stops the parser
        key = name.decode("latin-1").lower()
        if key == "content-length" or (key == "transfer-encoding" and b"chunked" in value.lower()):
            self._length_known = True
        self.headers.setdefault(key, value.decode("latin-1"))

    def on_headers_complete(self) -> None:
        assert self._parser is not None
        status = self._parser.get_status_code()
        if 100 <= status < 200:  # 100 Continue and the like: the answer is still to come
            self._informational = True
            return
        self.status = status
        if self._head is not None and not self._head.done():
            self._head.set_result(None)

    def on_body(self, chunk: bytes) -> None:
        self._chunks.append(chunk)
        self._buffered += len(chunk)
        if self._buffered > _PAUSE_AT and not self._paused and self.transport is not None:
            self._paused = True
            self.transport.pause_reading()
        self._wake()

    def on_message_complete(self) -> None:
        if self._informational:
            self._informational = False
            self.headers, self._head_bytes, self._length_known = {}, 0, False
            return
        assert self._parser is not None
        self.keep_alive = self._parser.should_keep_alive()
        self._finish()

    # the request

    @property
    def _head_done(self) -> bool:
        return self._head is not None and self._head.done()

    async def send(self, data: bytes) -> None:
        """Write a request and wait for its answer's status and headers."""
        self._reset()
        assert self.transport is not None
        if self.closed or self.transport.is_closing():
            raise httpx2.WriteError("the connection was closing")
        self._parser = httptools.HttpResponseParser(self)
        self._head = self.loop.create_future()
        self._last_read = self.loop.time()
        self._timer = self.loop.call_at(self._last_read + self._read_timeout, self._check_read)
        self.transport.write(data)
        await self._head

    async def tunnel(self, data: bytes) -> int:
        """Send a CONNECT request; the status of the proxy's answer, once its head is in.
        Nothing more is read from the proxy: what follows is the upstream's."""
        try:
            await self.send(data)
        finally:
            self._cancel_timer()
        status = self.status
        self._reset()
        return status

    def tunnelled(self, transport: asyncio.BaseTransport) -> None:
        """Carry requests over this transport from now on (TLS inside the tunnel)."""
        self.transport = cast(asyncio.Transport, transport)

    async def body(self) -> AsyncIterator[bytes]:
        """The answer's body, chunk by chunk; then the failure that ended it, if one did."""
        while True:
            if self._chunks:
                chunk = b"".join(self._chunks) if len(self._chunks) > 1 else self._chunks[0]
                self._chunks.clear()
                self._buffered = 0
                if self._paused and self.transport is not None and not self.closed:
                    self._paused = False
                    self.transport.resume_reading()
                yield chunk
            elif self._error is not None:
                raise self._error
            elif self.complete:
                return
            else:
                self._wakeup = self.loop.create_future()
                await self._wakeup

    def _finish(self) -> None:
        self.complete = True
        self._cancel_timer()
        self._wake()

    def _fail(self, error: httpx2.HTTPError) -> None:
        if self._error is not None or self.complete:
            return
        self._error = error
        self._cancel_timer()
        if self._head is not None and not self._head.done():
            self._head.set_exception(error)
            self._head.exception()  # retrieved here: a caller gone by now is not an error
        self._wake()
        self._abort()

    def _wake(self) -> None:
        if self._wakeup is not None and not self._wakeup.done():
            self._wakeup.set_result(None)

    def _check_read(self) -> None:
        """The read timer: fail when nothing arrived for the read timeout, else re-arm."""
        self._timer = None
        if self.complete or self._error is not None:
            return
        due = self._last_read + self._read_timeout
        if self._paused or due > self.loop.time():  # a paused read waits on the caller
            self._timer = self.loop.call_at(max(due, self.loop.time() + 0.001), self._check_read)
            return
        self._fail(httpx2.ReadTimeout(f"nothing read for {self._read_timeout:g} s"))

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _abort(self) -> None:
        self.closed = True
        if self.transport is not None:
            self.transport.abort()

    def close(self) -> None:
        """Close the connection (unfinished answers fail)."""
        self.closed = True
        if self._expiry is not None:
            self._expiry.cancel()
            self._expiry = None
        if self.transport is not None:
            self.transport.close()


class HTTPResponse:
    """An answer whose body is read as it arrives."""

    __slots__ = ("_connection", "headers", "status_code")

    def __init__(self, connection: _Connection) -> None:
        self._connection = connection
        self.status_code: int = connection.status
        self.headers: Mapping[str, str] = connection.headers  # names in lower case

    def aiter_bytes(self) -> AsyncIterator[bytes]:
        """The body, chunk by chunk as received.

        Raises:
            httpx2.HTTPError: the subclass naming the failure that cut it short.
        """
        return self._connection.body()


class HTTPClient:
    """Pooled HTTP/1.1 connections to one upstream (bound to the loop they are used on).

    Args:
        base_url: prefixed to every path (http or https).
        connect_timeout: seconds to wait for a connection (from the pool or new).
        read_timeout: seconds to wait for each read while an answer is due.
        max_connections: connections open at once.
        keepalive_seconds: how long an idle connection is kept; below the 5 s that
            uvicorn-served upstreams keep theirs, so a request seldom meets a connection
            the server is closing.
        via: the HTTP proxy to go through (None: connect directly).
        unusable_proxy: why the proxy setting cannot be used, when it cannot: each
            request fails with ProxyRefused saying so.

    A base URL that cannot be used (not http(s), no host, a port out of range) fails
    each request with ConnectError, as an upstream that refuses would.
    """

    def __init__(
        self,
        base_url: str,
        *,
        connect_timeout: float,
        read_timeout: float,
        max_connections: int = 512,
        keepalive_seconds: float = 4.0,
        via: HTTPProxy | None = None,
        unusable_proxy: str = "",
    ) -> None:
        parts = urlsplit(base_url)
        self._tls = parts.scheme == "https"
        self._host = parts.hostname or ""
        self._unusable = ""  # why no request can be sent (told at request time, like a refusal)
        self._unusable_proxy = unusable_proxy
        try:
            self._port = parts.port or (443 if self._tls else 80)
        except ValueError:  # a port out of range
            self._port, self._unusable = 0, "the upstream URL's port is not a port"
        if parts.scheme not in ("http", "https") or not self._host:
            self._unusable = "the upstream URL is not http(s) with a host"
        name = f"[{self._host}]" if ":" in self._host else self._host
        default = self._port == (443 if self._tls else 80)
        self._host_header = name if default else f"{name}:{self._port}"
        self._authority = f"{name}:{self._port}"  # what a tunnel is asked to reach
        self._prefix = parts.path.rstrip("/")
        self._via = via
        # through a proxy without a tunnel (an http upstream): targets are absolute URLs
        self._origin = "" if via is None or self._tls else f"http://{self._host_header}"
        self._basic = ""  # credentials in the URL: sent when the request brings none
        if parts.username is not None:
            pair = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
            self._basic = "Basic " + base64.b64encode(pair.encode()).decode()
        self._connect_timeout, self._read_timeout = connect_timeout, read_timeout
        self._limit, self._keepalive = max_connections, keepalive_seconds
        self._loop: asyncio.AbstractEventLoop | None = None
        self._idle: list[_Connection] = []  # the most recently used last
        self._open = 0
        self._waiters: deque[asyncio.Future[None]] = deque()
        self._ssl: ssl.SSLContext | None = None

    @asynccontextmanager
    async def request(
        self, method: str, path: str, headers: Mapping[str, str], content: bytes | None = None
    ) -> AsyncIterator[HTTPResponse]:
        """Send a request; yield the answer once its headers are in.

        Raises:
            httpx2.HTTPError: the subclass naming the failure.
        """
        if self._unusable:
            raise httpx2.ConnectError(self._unusable)
        if self._unusable_proxy:
            raise ProxyRefused(self._unusable_proxy, self._unusable_proxy)
        data = self._encode(method, path, headers, content)
        connection = await self._acquire()
        try:
            await connection.send(data)
            if connection.status == 407 and self._origin:  # the proxy's, not the upstream's
                assert self._via is not None  # an origin in the target: through a proxy
                raise ProxyRefused(
                    f"the HTTP proxy {self._via.shown} asks for credentials (407)",
                    "the HTTP proxy asks for credentials (407)",
                )
            yield HTTPResponse(connection)
        finally:
            self._release(connection)

    def _encode(
        self, method: str, path: str, headers: Mapping[str, str], content: bytes | None
    ) -> bytes:
        target = self._origin + self._prefix + path
        lines = [f"{method} {target} HTTP/1.1", f"host: {self._host_header}"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        if self._origin and self._via is not None and self._via.authorization:
            lines.append(f"proxy-authorization: {self._via.authorization}")
        if self._basic and "authorization" not in headers:
            lines.append(f"authorization: {self._basic}")
        if "user-agent" not in headers:
            lines.append(f"user-agent: {_USER_AGENT}")
        if content is not None or method == "POST":
            lines.append(f"content-length: {len(content or b'')}")
        head = "\r\n".join(lines)
        # a CR, LF or NUL in a value (or a space in the target) would split the head
        if len(head.translate(_FORBIDDEN)) != len(head) - 2 * (len(lines) - 1) or " " in target:
            raise httpx2.LocalProtocolError("a header value or the target would break the request")
        try:
            encoded = head.encode("latin-1")
        except UnicodeEncodeError:
            raise httpx2.LocalProtocolError("a header value is not latin-1 text") from None
        return encoded + b"\r\n\r\n" + (content or b"")

    async def _acquire(self) -> _Connection:
        loop = asyncio.get_running_loop()
        if loop is not self._loop:  # connections belong to the loop that opened them
            self._forget()
            self._loop = loop
        deadline = loop.time() + self._connect_timeout
        while True:
            now = loop.time()
            while self._idle:
                connection = self._idle.pop()
                if not connection.closed and now - connection.idle_since < self._keepalive:
                    return connection
                self._discard(connection)
            if self._open < self._limit:
                break
            await self._wait_for_slot(loop, deadline)
        self._open += 1
        try:
            return await self._connect(loop)
        except BaseException:
            self._open -= 1
            self._notify()
            raise

    async def _wait_for_slot(self, loop: asyncio.AbstractEventLoop, deadline: float) -> None:
        """Wait until a connection is released or closed."""
        waiter = loop.create_future()
        self._waiters.append(waiter)
        try:
            async with asyncio.timeout_at(deadline):
                await waiter
        except TimeoutError:
            raise httpx2.PoolTimeout("no connection came free in time") from None
        finally:
            with contextlib.suppress(ValueError):
                self._waiters.remove(waiter)

    async def _connect(self, loop: asyncio.AbstractEventLoop) -> _Connection:
        if self._tls and self._ssl is None:
            self._ssl = ssl.create_default_context()
        via = self._via
        try:
            async with asyncio.timeout(self._connect_timeout):
                if via is None:
                    _, connection = await loop.create_connection(
                        lambda: _Connection(loop, self._read_timeout),
                        self._host,
                        self._port,
                        ssl=self._ssl,
                        server_hostname=self._host if self._tls else None,
                    )
                    return connection
                _, connection = await loop.create_connection(
                    lambda: _Connection(loop, self._read_timeout), via.host, via.port
                )
                if self._tls:
                    try:
                        await self._tunnel(loop, connection, via)
                    except BaseException:  # a refusal, a timeout, TLS
                        connection.close()
                        raise
                return connection
        except TimeoutError:
            raise httpx2.ConnectTimeout("the connection was not made in time") from None
        except OSError as exc:  # refused, unreachable, a name that does not resolve, TLS
            to = "" if via is None else f" (through the HTTP proxy {via.shown})"
            why = exc.strerror or str(exc) or type(exc).__name__
            raise httpx2.ConnectError(f"connect failed{to}: {why}") from None

    async def _tunnel(
        self, loop: asyncio.AbstractEventLoop, connection: _Connection, via: HTTPProxy
    ) -> None:
        """Through the proxy to the upstream (CONNECT), then TLS with the upstream."""
        lines = [f"CONNECT {self._authority} HTTP/1.1", f"host: {self._authority}"]
        if via.authorization:
            lines.append(f"proxy-authorization: {via.authorization}")
        lines.append(f"user-agent: {_USER_AGENT}")
        try:
            status = await connection.tunnel(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        except httpx2.ReadTimeout:  # the read timeout, shorter than the connect timeout
            raise httpx2.ConnectTimeout(
                f"the HTTP proxy {via.shown} did not answer the tunnel's request in time"
            ) from None
        except httpx2.HTTPError:
            raise httpx2.ConnectError(
                f"the HTTP proxy {via.shown} closed the connection or answered what is not "
                "HTTP/1.1 to the tunnel's request"
            ) from None
        if not 200 <= status < 300:
            said = "asks for credentials (407)" if status == 407 else f"answered {status}"
            raise ProxyRefused(
                f"the HTTP proxy {via.shown} refused the tunnel to {self._authority}: {said}",
                f"the HTTP proxy refused the tunnel: it {said}",
                lasting=status < 500,
            )
        assert connection.transport is not None and self._ssl is not None  # made, https
        tls = await loop.start_tls(
            connection.transport, connection, self._ssl, server_hostname=self._host
        )
        if tls is None:  # the proxy closed the tunnel as TLS began
            raise httpx2.ConnectError(f"the HTTP proxy {via.shown} closed the tunnel")
        connection.tunnelled(tls)

    def _release(self, connection: _Connection) -> None:
        if connection.loop is not self._loop:  # from a loop since given up
            connection.close()
            return
        if not connection.complete or not connection.keep_alive or connection.closed:
            connection.close()  # half-read, failed or closing: never reused
            self._discard(connection)
            return
        connection.idle_since = self._loop.time() if self._loop else 0.0
        self._idle.append(connection)
        if connection._expiry is None and self._loop is not None:
            connection._expiry = self._loop.call_at(
                connection.idle_since + self._keepalive, self._expire, connection
            )
        self._notify()

    def _expire(self, connection: _Connection) -> None:
        """Close a connection idle for the keep-alive time; re-arm for a busy one."""
        connection._expiry = None
        if connection not in self._idle or self._loop is None:
            return  # in use: armed again when released
        due = connection.idle_since + self._keepalive
        if due > self._loop.time():
            connection._expiry = self._loop.call_at(due, self._expire, connection)
            return
        self._idle.remove(connection)
        self._discard(connection)

    def _discard(self, connection: _Connection) -> None:
        connection.close()
        self._open -= 1
        self._notify()

    def _notify(self) -> None:
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return

    def _forget(self) -> None:
        for connection in self._idle:
            with contextlib.suppress(RuntimeError):  # its loop is closed
                connection.close()
        self._idle.clear()
        self._open = 0
        self._waiters.clear()

    async def aclose(self) -> None:
        """Close the idle connections (those in use close when their answers end)."""
        idle, self._idle = self._idle, []
        for connection in idle:
            self._discard(connection)
