"""Upstream clients: one pooled HTTP client per configured upstream.

The URL comes only from the config. The key is read from the environment at call time
and never appears in an error: upstream error bodies are scrubbed of it.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field

import httpx2

from proxy.config import UpstreamConfig
from proxy.egress import ProxyError, proxy_for
from proxy.errors import (
    UpstreamDisconnected,
    UpstreamError,
    UpstreamMalformed,
    UpstreamStatus,
    UpstreamTimeout,
    UpstreamUnreachable,
)
from proxy.logs import get_logger
from proxy.sse import SSEDecoder, SSEError, SSEFrame
from proxy.upstream_http import HTTPClient, HTTPResponse, ProxyRefused

__all__ = [
    "MAX_RESPONSE_BYTES",
    "ClientCall",
    "Reply",
    "StreamReply",
    "Upstream",
    "forwarded_headers",
]

MAX_RESPONSE_BYTES = 64 * 1024 * 1024
_FORWARDED = ("x-request-id", "openai-", "x-ratelimit-", "retry-after", "request-id", "anthropic-")
_ANTHROPIC_VERSION = "2023-06-01"
_RETRYABLE = frozenset({429, 500, 502, 503, 504, 529})
# failures before any byte of an answer that are safe to try again: nothing reached the
# upstream (a refused or timed-out connect), or it closed the connection unanswered; not
# an HTTP proxy's lasting refusal (a 4xx, ProxyRefused.lasting): the same the next time
_RETRYABLE_FAILURES = (
    httpx2.ConnectError,
    httpx2.ConnectTimeout,
    httpx2.PoolTimeout,
    httpx2.ReadError,
    httpx2.WriteError,
    httpx2.RemoteProtocolError,
)


@dataclass(frozen=True, slots=True)
class ClientCall:
    """What a client's request brings to the upstream call.

    The client's own key is used only when the upstream's config passes it through and
    the upstream has no key of its own (and is sent the way the client sent it:
    x-api-key, or a bearer token such as Claude Code's login). `headers` are the ones
    the API defines for clients (anthropic-version, anthropic-beta); `query` is the
    request's query string (Claude Code's ?beta=true).
    """

    key: str | None = None
    key_in_x_api_key: bool = False
    headers: Mapping[str, str] = field(default_factory=dict)
    query: str = ""


@dataclass(frozen=True, slots=True)
class Reply:
    """A non-streamed upstream answer, and the calls it took (retries included)."""

    status: int
    content: bytes
    headers: dict[str, str]
    attempts: int = 1


@dataclass(frozen=True, slots=True)
class StreamReply:
    """A streamed upstream answer: the headers to forward, its frames, the calls it took."""

    headers: dict[str, str]
    frames: AsyncIterator[SSEFrame]
    attempts: int = 1


class Upstream:
    """One upstream API."""

    def __init__(self, config: UpstreamConfig) -> None:
        self.config = config
        self.name = config.name
        try:
            via, unusable = proxy_for(config.base_url, config.proxy), ""
        except ProxyError as exc:  # a bad HTTPS_PROXY: each request fails and says so
            via, unusable = None, f"the proxy setting cannot be used: {exc}"
        self._client = HTTPClient(
            config.base_url,
            connect_timeout=config.connect_timeout,
            read_timeout=config.read_timeout,
            max_connections=512,
            via=via,
            unusable_proxy=unusable,
        )

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._client.aclose()

    def _headers(self, call: ClientCall | None = None) -> dict[str, str]:
        call = call or ClientCall()
        if not self.config.pass_through_client_key:
            call = ClientCall(headers=call.headers, query=call.query)  # the client's key stays
        headers = {"content-type": "application/json", "accept-encoding": "identity"}
        own = self.config.api_key()
        if self.config.kind == "anthropic":
            headers.update(call.headers)
            headers.setdefault("anthropic-version", _ANTHROPIC_VERSION)
            if own:
                headers["x-api-key"] = own
            elif call.key and call.key_in_x_api_key:
                headers["x-api-key"] = call.key
            elif call.key:
                headers["authorization"] = f"Bearer {call.key}"
        elif key := own or call.key:
            headers["authorization"] = f"Bearer {key}"
        return headers

    def scrub(self, data: bytes, call: ClientCall | None = None) -> bytes:
        """Remove the keys from bytes an upstream sent (error bodies echo keys)."""
        for key in (self.config.api_key(), call.key if call else None):
            if key and len(key) >= 8:
                data = data.replace(key.encode(), b"[REDACTED]")
        return data

    async def post(self, path: str, content: bytes, call: ClientCall | None = None) -> Reply:
        """POST a JSON body and read the whole answer.

        Raises:
            UpstreamStatus: the upstream answered with a status >= 400.
            UpstreamTimeout, UpstreamUnreachable, UpstreamDisconnected, UpstreamError: the
                call failed (before the answer, or in the middle of it).
        """
        async with self._open(path, content, call) as (response, attempts):
            body = await self._read(response)
        return Reply(response.status_code, body, forwarded_headers(response.headers), attempts)

    @asynccontextmanager
    async def _open(
        self, path: str, content: bytes, call: ClientCall | None
    ) -> AsyncIterator[tuple[HTTPResponse, int]]:
        """POST and yield the response (and the calls it took) once its status says success.

        Before anything is yielded, a failure that left the upstream nothing to act on
        (a refused connection or a connect timeout), a connection closed before any byte
        of an answer, or a retryable status is tried again, `max_retries` times at most,
        after a backoff or the upstream's Retry-After. Nothing is tried again once an
        answer has begun, nor after a read timeout: the upstream has the request and may
        still be working on it, and waiting out the timeout again would multiply the
        client's wait.
        """
        if call and call.query:
            path = f"{path}?{call.query}"
        attempt = 0
        while True:
            delay: float | None = None
            answering = False
            reason = ""
            try:
                async with self._client.request(
                    "POST", path, self._headers(call), content
                ) as response:
                    if response.status_code < 400:
                        answering = True
                        try:
                            yield response, attempt + 1
                        except httpx2.HTTPError as exc:
                            raise self._broken(exc) from None
                        return
                    error = self._status_error(response, await self._read(response), call)
                    delay = self._retry_delay(attempt, response)
                    reason = str(response.status_code)
                    if delay is None:
                        raise error.after(attempt + 1)
            except httpx2.HTTPError as exc:
                if answering:  # closing an answer that had begun failed: never retried
                    raise self._broken(exc) from None
                failure = self._failed(exc)
                reason = type(exc).__name__
                lasting = isinstance(exc, ProxyRefused) and exc.lasting
                if isinstance(exc, _RETRYABLE_FAILURES) and not lasting:
                    delay = self._retry_delay(attempt, None)
                if delay is None:
                    raise failure.after(attempt + 1) from None
            attempt += 1
            get_logger().warning(
                "upstream_retry",
                upstream=self.name,
                attempt=attempt,
                reason=reason,
                delay_s=round(delay, 3),
            )
            await asyncio.sleep(delay)

    def _retry_delay(self, attempt: int, response: HTTPResponse | None) -> float | None:
        """How long to wait before trying again, or None when the failure is final."""
        if attempt >= self.config.max_retries:
            return None
        backoff: float = 0.25 * 2.0**attempt
        if response is None:  # the connection failed: nothing reached the model
            return backoff
        if response.status_code not in _RETRYABLE:
            return None
        after = response.headers.get("retry-after", "").strip()
        if after:
            try:
                wait = float(after)
            except ValueError:
                return None  # an HTTP date: too far to wait for here
            return wait if 0 <= wait <= self.config.max_retry_wait else None
        return backoff

    @asynccontextmanager
    async def stream(
        self, path: str, content: bytes, call: ClientCall | None = None
    ) -> AsyncIterator[StreamReply]:
        """POST a JSON body and read the answer as server-sent events.

        Yields:
            The headers to forward, an iterator over the frames, and the calls it took.

        Raises:
            UpstreamStatus: the upstream answered with a status >= 400.
            UpstreamMalformed: the answer is not server-sent events.
            UpstreamTimeout, UpstreamUnreachable, UpstreamDisconnected, UpstreamError: the
                call failed (before the answer, or in the middle of it).
        """
        async with self._open(path, content, call) as (response, attempts):
            media = response.headers.get("content-type", "").partition(";")[0].strip().lower()
            if media != "text/event-stream":
                raise UpstreamMalformed(
                    f"upstream '{self.name}' answered {media or 'no content type'} "
                    "to a streaming request instead of server-sent events"
                )
            yield StreamReply(forwarded_headers(response.headers), self._frames(response), attempts)

    def _status_error(
        self, response: HTTPResponse, body: bytes, call: ClientCall | None
    ) -> UpstreamStatus:
        return UpstreamStatus(
            response.status_code,
            self.scrub(body, call),
            response.headers.get("content-type", ""),
            forwarded_headers(response.headers),
        )

    async def _frames(self, response: HTTPResponse) -> AsyncIterator[SSEFrame]:
        decoder = SSEDecoder()
        total = 0
        try:
            async for chunk in response.aiter_bytes():
                total += len(chunk)
                if total > MAX_RESPONSE_BYTES:
                    raise UpstreamError(
                        f"upstream '{self.name}' streamed more than {MAX_RESPONSE_BYTES} bytes"
                    )
                for frame in decoder.feed(chunk):
                    yield frame
            for frame in decoder.close():
                yield frame
        except httpx2.HTTPError as exc:
            raise self._broken(exc) from None
        except SSEError as exc:
            raise UpstreamMalformed(
                f"upstream '{self.name}' sent a malformed stream: {exc}"
            ) from None

    async def get(self, path: str, call: ClientCall | None = None) -> Reply:
        """GET a path (used for the model list)."""
        headers = {k: v for k, v in self._headers(call).items() if k != "content-type"}
        with self._mapped_errors():
            async with self._client.request("GET", path, headers) as response:
                content = await self._read(response)
        return Reply(response.status_code, content, forwarded_headers(response.headers))

    async def _read(self, response: HTTPResponse) -> bytes:
        parts: list[bytes] = []
        total = 0
        async for chunk in response.aiter_bytes():
            total += len(chunk)
            if total > MAX_RESPONSE_BYTES:
                raise UpstreamError(
                    f"upstream '{self.name}' answered more than {MAX_RESPONSE_BYTES} bytes"
                )
            parts.append(chunk)
        return b"".join(parts)

    @contextmanager
    def _mapped_errors(self) -> Iterator[None]:
        """Turn transport failures before an answer into the proxy's errors (no URL, no key)."""
        try:
            yield
        except httpx2.HTTPError as exc:
            raise self._failed(exc) from None

    def _failed(self, exc: httpx2.HTTPError) -> UpstreamError:
        """The error for a call that failed before any byte of an answer."""
        kind = type(exc).__name__
        if isinstance(exc, httpx2.ConnectTimeout | httpx2.PoolTimeout):
            timeout = self.config.connect_timeout
            return UpstreamTimeout(
                f"upstream '{self.name}' did not accept the connection in time "
                f"(connect timeout, {timeout:g} s)"
            )
        if isinstance(exc, httpx2.ReadTimeout):
            timeout = self.config.read_timeout
            return UpstreamTimeout(
                f"upstream '{self.name}' did not answer in time (read timeout, {timeout:g} s)"
            )
        if isinstance(exc, httpx2.TimeoutException):
            return UpstreamTimeout(f"upstream '{self.name}' timed out ({kind})")
        if isinstance(exc, ProxyRefused):
            return UpstreamUnreachable(f"upstream '{self.name}' could not be reached: {exc.reason}")
        if isinstance(exc, httpx2.ConnectError):
            return UpstreamUnreachable(f"upstream '{self.name}' could not be reached ({kind})")
        if isinstance(exc, httpx2.NetworkError | httpx2.RemoteProtocolError):
            return UpstreamUnreachable(
                f"upstream '{self.name}' closed the connection without answering ({kind})"
            )
        return UpstreamError(f"upstream '{self.name}' failed ({kind})")

    def _broken(self, exc: httpx2.HTTPError) -> UpstreamError:
        """The error for an answer that broke off after it had begun (never retried)."""
        kind = type(exc).__name__
        if isinstance(exc, httpx2.TimeoutException):
            timeout = self.config.read_timeout
            return UpstreamTimeout(
                f"upstream '{self.name}' stopped sending in the middle of its answer "
                f"(read timeout, {timeout:g} s)"
            )
        if isinstance(exc, httpx2.NetworkError | httpx2.RemoteProtocolError):
            return UpstreamDisconnected(
                f"upstream '{self.name}' dropped the connection in the middle of its answer "
                f"({kind})"
            )
        return UpstreamError(f"upstream '{self.name}' failed in the middle of its answer ({kind})")


def forwarded_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """The upstream headers worth passing to the client (request ids, rate limits),
    their names in lower case."""
    return {k.lower(): v for k, v in headers.items() if k.lower().startswith(_FORWARDED)}
