"""The upstream clients' HTTP: aiohttp's pool and parser, failures named as httpx2 names them.

Measured with bench/clients.py, aiohttp costs several times less CPU per request than
httpx2 (whose pool scans every connection on each request, on anyio and h11), and
going to aiohttp directly saves httpx2's request building as well. The upstream code
keeps httpx2's exception classes as its vocabulary for failures: aiohttp's are raised
as the httpx2 exceptions they correspond to (a refused or failed connect is
ConnectError, a connect or pool wait past its timeout ConnectTimeout, a read past its
timeout ReadTimeout, a connection the server closed RemoteProtocolError, a reset or
failed socket ReadError, a write to a connection being closed WriteError).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager

import aiohttp
import httpx2
from multidict import CIMultiDictProxy
from yarl import URL

__all__ = ["HTTPClient", "HTTPResponse"]


class HTTPResponse:
    """An answer whose body is read as it arrives."""

    def __init__(self, response: aiohttp.ClientResponse) -> None:
        self._response = response
        self.status_code: int = response.status
        self.headers: CIMultiDictProxy[str] = response.headers

    async def aiter_bytes(self) -> AsyncIterator[bytes]:
        """The body, chunk by chunk as received."""
        with _mapped():
            async for chunk in self._response.content.iter_any():
                yield chunk


class HTTPClient:
    """One aiohttp session for one upstream, opened on first use (aiohttp binds a
    session to the running loop).

    Args:
        base_url: prefixed to every path.
        connect_timeout: seconds to wait for a connection (from the pool or new).
        read_timeout: seconds to wait for each read.
        max_connections: connections open at once.
        keepalive_seconds: how long an idle connection is kept; below the 5 s that
            uvicorn-served upstreams keep theirs, so a request seldom meets a connection
            the server is closing.
    """

    def __init__(
        self,
        base_url: str,
        *,
        connect_timeout: float,
        read_timeout: float,
        max_connections: int = 512,
        keepalive_seconds: float = 4.0,
    ) -> None:
        self._base = base_url.rstrip("/")
        self._timeout = aiohttp.ClientTimeout(
            total=None,
            connect=connect_timeout,
            sock_connect=connect_timeout,
            sock_read=read_timeout,
        )
        self._limit, self._keepalive = max_connections, keepalive_seconds
        self._session: aiohttp.ClientSession | None = None

    def _open(self) -> aiohttp.ClientSession:
        self._session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(
                limit=self._limit, limit_per_host=0, keepalive_timeout=self._keepalive
            ),
            timeout=self._timeout,
            auto_decompress=False,
            trust_env=False,
            # one session serves every client: cookies an upstream sets must not travel
            cookie_jar=aiohttp.DummyCookieJar(),
        )
        return self._session

    @asynccontextmanager
    async def request(
        self, method: str, path: str, headers: Mapping[str, str], content: bytes | None = None
    ) -> AsyncIterator[HTTPResponse]:
        """Send a request; yield the answer once its headers are in.

        Raises:
            httpx2.HTTPError: the subclass naming the failure.
        """
        session = self._session or self._open()
        with _mapped():
            response = await session.request(
                method,
                URL(self._base + path, encoded=True),
                headers=headers,
                data=content,
                allow_redirects=False,
            )
        try:
            yield HTTPResponse(response)
        finally:
            if response.content.is_eof():
                response.release()  # read to the end: the connection goes back to the pool
            else:
                response.close()  # abandoned half-read: the connection cannot be reused

    async def aclose(self) -> None:
        """Close the session and its connections."""
        if self._session is not None:
            await self._session.close()
            self._session = None


@contextmanager
def _mapped() -> Iterator[None]:
    """Raise aiohttp's failures as the httpx2 exceptions they correspond to."""
    try:
        yield
    except aiohttp.ConnectionTimeoutError as exc:
        raise httpx2.ConnectTimeout(str(exc)) from exc
    except (aiohttp.SocketTimeoutError, TimeoutError) as exc:
        raise httpx2.ReadTimeout(str(exc)) from exc
    except aiohttp.ClientConnectorError as exc:
        raise httpx2.ConnectError(str(exc)) from exc
    except (aiohttp.ServerDisconnectedError, aiohttp.ClientPayloadError) as exc:
        raise httpx2.RemoteProtocolError(str(exc)) from exc
    except aiohttp.ClientResponseError as exc:  # a malformed status line or headers
        raise httpx2.RemoteProtocolError(str(exc)) from exc
    except aiohttp.ClientOSError as exc:
        raise httpx2.ReadError(str(exc)) from exc
    except aiohttp.ClientConnectionResetError as exc:  # wrote to a connection being closed
        raise httpx2.WriteError(str(exc)) from exc
    except aiohttp.ClientError as exc:
        raise httpx2.TransportError(str(exc)) from exc
