"""Benchmark: the upstream HTTP client candidates, used the way the proxy uses its client.

    uv run --extra bench python bench/clients.py [--requests N] [--rounds R]

Candidates: codetamer (proxy/upstream_http.py, what the proxy uses: httptools' parser on
pooled asyncio connections), httpx2, httpx, aiohttp (what the proxy used before), and
httpx2/aiohttp (httpx2's client over a small transport that sends through an aiohttp
session, so the proxy would keep httpx2's API, errors and injectable transports). Each does what
proxy/upstream.py does: one pooled client per upstream (512 connections, 128 kept
alive), a POST of the JSON body the proxy sends (a Chat Completions request with
codetamer's templates injected, about 1.8 KB) with the proxy's headers, the answer
read chunk by chunk (non-streamed: joined; streamed: fed to proxy.sse.SSEDecoder,
frame by frame). All on uvloop, in this one process, against the zero-delay upstream
(bench/zero_upstream.py) running in its own process. aiohttp keeps idle connections 4 s
(httpx's default is 5 s, as is uvicorn's keep-alive: at 5 s a request can meet a
connection the server is closing, which aiohttp does not retry for a POST).

- concurrency 1: the candidates take turns request by request (so load from other
  processes falls on all alike); latency p50/p99 per candidate;
- concurrency 64: 64 tasks share each client, a closed loop of --requests requests; the
  candidates take turns round by round (--rounds); the median round's throughput and
  this process's CPU time per request (user + system), which other processes' load
  inflates far less than wall-clock figures.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, ExitStack
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

import aiohttp
import httpx
import httpx2
import uvloop

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: bench.* and proxy.* import from the root
    sys.path.insert(0, str(ROOT))

import templates  # noqa: E402
from bench.overhead import MODEL, pct, start_zero_upstream  # noqa: E402
from proxy.config import Config  # noqa: E402
from proxy.dialects.openai_chat import OpenAIChat  # noqa: E402
from proxy.jsonbody import dumps  # noqa: E402
from proxy.sse import SSEDecoder  # noqa: E402
from proxy.upstream_http import HTTPClient  # noqa: E402

HEADERS = {
    "content-type": "application/json",
    "accept-encoding": "identity",
    "authorization": "Bearer sk-bench-unused",
}
PATH = "/chat/completions"


def proxy_body(*, stream: bool) -> bytes:
    """The body codetamer sends upstream for the bench question: templates injected."""
    prompt = "What is the capital of France?"
    body: dict[str, Any] = {
        "model": MODEL,
        "stream": stream,
        "messages": [{"role": "user", "content": prompt}],
    }
    chosen = Config().templates.load().select(templates.guess_language(prompt))
    if chosen:
        body = OpenAIChat().inject_system(body, templates.render_system_text(chosen))
    return dumps(body)


class Candidate(Protocol):
    """One upstream client, used the way the proxy uses httpx2."""

    name: str

    async def post(self, content: bytes) -> bytes: ...

    async def stream(self, content: bytes) -> int: ...

    async def aclose(self) -> None: ...


class _ReadsLikeTheProxy:
    """A client whose answers have `status_code` and `aiter_bytes()`, read as the proxy
    reads them; `_open` starts the POST."""

    _client: Any

    def _open(self, content: bytes) -> AbstractAsyncContextManager[Any]:
        raise NotImplementedError

    async def post(self, content: bytes) -> bytes:
        async with self._open(content) as r:
            parts = [chunk async for chunk in r.aiter_bytes()]
        assert r.status_code == 200
        return b"".join(parts)

    async def stream(self, content: bytes) -> int:
        decoder = SSEDecoder()
        frames = 0
        async with self._open(content) as r:
            assert r.status_code == 200
            async for chunk in r.aiter_bytes():
                for _ in decoder.feed(chunk):
                    frames += 1
        return frames

    async def aclose(self) -> None:
        await self._client.aclose()


class HttpxLike(_ReadsLikeTheProxy):
    """httpx2 or httpx: the same API, as proxy/upstream.py called httpx2."""

    def __init__(self, module: Any, base_url: str, transport: Any = None) -> None:
        self.name = module.__name__ + ("/aiohttp" if transport else "")
        self._client = module.AsyncClient(
            base_url=base_url,
            timeout=module.Timeout(60, connect=10, pool=10),
            limits=module.Limits(max_connections=512, max_keepalive_connections=128),
            follow_redirects=False,
            trust_env=False,
            transport=transport,
        )

    def _open(self, content: bytes) -> AbstractAsyncContextManager[Any]:
        return self._client.stream("POST", PATH, content=content, headers=HEADERS)  # type: ignore[no-any-return]


class AiohttpTransport(httpx2.AsyncBaseTransport):
    """An httpx2 transport that sends through an aiohttp session (the `httpx2/aiohttp`
    candidate: httpx2's API, aiohttp's connection pool and HTTP/1.1 parser)."""

    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        if self._session is None:  # aiohttp wants the running loop: open on first use
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=512, limit_per_host=0, keepalive_timeout=4),
                auto_decompress=False,
                trust_env=False,
            )
        timeout = request.extensions.get("timeout", {})
        headers = [
            (k, v)
            for k, v in request.headers.multi_items()
            if k not in ("host", "content-length", "transfer-encoding")
        ]
        response = await self._session.request(
            request.method,
            str(request.url),
            headers=headers,
            data=await request.aread(),
            allow_redirects=False,
            timeout=aiohttp.ClientTimeout(
                total=None,
                connect=timeout.get("pool"),
                sock_connect=timeout.get("connect"),
                sock_read=timeout.get("read"),
            ),
        )
        return httpx2.Response(
            response.status,
            headers=list(response.raw_headers),
            stream=_AiohttpBody(response),
            request=request,
        )

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()


class _AiohttpBody(httpx2.AsyncByteStream):
    def __init__(self, response: aiohttp.ClientResponse) -> None:
        self._response = response

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._response.content.iter_any():
            yield chunk

    async def aclose(self) -> None:
        self._response.release()


class Aiohttp:
    """aiohttp with the same pool limits and timeouts."""

    name = "aiohttp"

    def __init__(self, base_url: str) -> None:
        self._url = base_url + PATH
        self._session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=512, limit_per_host=0, keepalive_timeout=4),
            timeout=aiohttp.ClientTimeout(total=None, sock_connect=10, sock_read=60),
            auto_decompress=False,
            trust_env=False,
        )

    async def post(self, content: bytes) -> bytes:
        async with self._session.post(self._url, data=content, headers=HEADERS) as r:
            parts = [chunk async for chunk in r.content.iter_any()]
        assert r.status == 200
        return b"".join(parts)

    async def stream(self, content: bytes) -> int:
        decoder = SSEDecoder()
        frames = 0
        async with self._session.post(self._url, data=content, headers=HEADERS) as r:
            assert r.status == 200
            async for chunk in r.content.iter_any():
                for _ in decoder.feed(chunk):
                    frames += 1
        return frames

    async def aclose(self) -> None:
        await self._session.close()


class Codetamer(_ReadsLikeTheProxy):
    """proxy/upstream_http.py's client, as proxy/upstream.py calls it."""

    name = "codetamer"

    def __init__(self, base_url: str) -> None:
        self._client: HTTPClient = HTTPClient(base_url, connect_timeout=10, read_timeout=60)

    def _open(self, content: bytes) -> AbstractAsyncContextManager[Any]:
        return self._client.request("POST", PATH, HEADERS, content)


def call_of(candidate: Candidate, *, stream: bool) -> Callable[[bytes], Awaitable[object]]:
    """The candidate's call for the mode."""
    return candidate.stream if stream else candidate.post


async def latency_c1(
    candidates: list[Candidate], body: bytes, *, stream: bool, requests: int
) -> dict[str, list[float]]:
    """Concurrency 1, the candidates taking turns per request; ms per request."""
    times: dict[str, list[float]] = {c.name: [] for c in candidates}
    for i in range(requests + 200):
        shift = i % len(candidates)
        for candidate in candidates[shift:] + candidates[:shift]:
            call = call_of(candidate, stream=stream)
            started = time.perf_counter()
            await call(body)
            if i >= 200:
                times[candidate.name].append((time.perf_counter() - started) * 1000)
    return times


async def throughput(
    candidate: Candidate, body: bytes, *, stream: bool, requests: int, concurrency: int
) -> tuple[float, float]:
    """A closed loop at a concurrency: (requests per second, CPU microseconds per request)."""
    call = call_of(candidate, stream=stream)
    remaining = requests

    async def worker() -> None:
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            await call(body)

    wall, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return requests / wall, cpu / requests * 1e6


async def measure(base_url: str, *, requests: int, rounds: int) -> None:
    candidates: list[Candidate] = [
        Codetamer(base_url),
        HttpxLike(httpx2, base_url),
        HttpxLike(httpx, base_url),
        Aiohttp(base_url),
        HttpxLike(httpx2, base_url, AiohttpTransport()),
    ]
    try:
        for stream in (False, True):
            body = proxy_body(stream=stream)
            kind = "streamed (SSE frames)" if stream else "non-streamed (JSON body)"
            for candidate in candidates:  # open the pools, warm the code paths
                await throughput(candidate, body, stream=stream, requests=300, concurrency=64)
            print(f"{kind}, body {len(body)} bytes, loadavg {loadavg()}")
            times = await latency_c1(candidates, body, stream=stream, requests=requests)
            print("  concurrency 1:")
            for name, values in times.items():
                p50, p99 = pct(values, 0.5), pct(values, 0.99)
                print(f"    {name:<14} p50 {p50:6.3f} ms  p99 {p99:6.3f} ms")
            results: dict[str, list[tuple[float, float]]] = {c.name: [] for c in candidates}
            for r in range(rounds):
                shift = r % len(candidates)
                for candidate in candidates[shift:] + candidates[:shift]:
                    results[candidate.name].append(
                        await throughput(
                            candidate, body, stream=stream, requests=requests * 2, concurrency=64
                        )
                    )
            print(f"  concurrency 64 (median of {rounds} rounds of {requests * 2}):")
            for name, runs in results.items():
                rps = statistics.median(r for r, _ in runs)
                cpu = statistics.median(c for _, c in runs)
                print(f"    {name:<14} {rps:7.0f} req/s   client CPU {cpu:6.1f} us/request")
            print(f"  loadavg after: {loadavg()}")
    finally:
        for candidate in candidates:
            await candidate.aclose()


def loadavg() -> str:
    """/proc/loadavg's first three figures."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="per candidate (2000)")
    parser.add_argument("--rounds", type=int, default=5, help="concurrency-64 rounds (5)")
    args = parser.parse_args()
    versions = (
        f"httpx2 {httpx2.__version__}, httpx {httpx.__version__}, aiohttp {aiohttp.__version__}"
    )
    print(f"upstream client candidates: {versions}; uvloop {metadata.version('uvloop')}")
    with ExitStack() as stack:
        port, _ = start_zero_upstream(stack)
        uvloop.run(
            measure(f"http://127.0.0.1:{port}/v1", requests=args.requests, rounds=args.rounds)
        )


if __name__ == "__main__":
    main()
