"""The upstream HTTP client (proxy/upstream_http.py) against a raw HTTP/1.1 server.

The fault tests (test_upstream_faults.py) drive it through the proxy; these check
what they cannot see from outside: the pool (reuse, expiry, its limit), the request's
head, and the answers HTTP allows but the scripted upstreams never send.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx2
import pytest

from proxy.upstream_http import HTTPClient
from tests.certs import self_signed

Answer = Callable[[bytes, asyncio.StreamWriter], Awaitable[None]]
OK = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}"


@dataclass
class RawServer:
    """Reads each request's head and body (by its content-length) and lets `answer` reply."""

    answer: Answer
    port: int = 0
    connections: int = 0
    closed: int = 0
    heads: list[bytes] = field(default_factory=list)

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                self.heads.append(head)
                length = next(
                    (
                        int(line.split(b":", 1)[1])
                        for line in head.split(b"\r\n")
                        if line.lower().startswith(b"content-length:")
                    ),
                    0,
                )
                body = await reader.readexactly(length)
                await self.answer(body, writer)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        except asyncio.CancelledError:  # the test's loop is ending: end quietly (3.11's
            pass  # start_server would log a cancelled handler as an error)
        finally:
            self.closed += 1
            writer.close()


@asynccontextmanager
async def raw_server(
    answer: Answer, tls: tuple[Path, Path] | None = None
) -> AsyncIterator[RawServer]:
    """A RawServer on 127.0.0.1; with `tls` (certificate and key files) it speaks TLS."""
    context = None
    if tls is not None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*tls)
    server = RawServer(answer)
    listening = await asyncio.start_server(server.handle, "127.0.0.1", 0, ssl=context)
    server.port = listening.sockets[0].getsockname()[1]
    try:
        yield server
    finally:
        listening.close()


async def ok(body: bytes, writer: asyncio.StreamWriter) -> None:
    writer.write(OK)


def client(server: RawServer, **options: float) -> HTTPClient:
    settings = {"connect_timeout": 2.0, "read_timeout": 2.0, **options}
    return HTTPClient(
        f"http://127.0.0.1:{server.port}/v1",
        connect_timeout=settings["connect_timeout"],
        read_timeout=settings["read_timeout"],
        max_connections=int(settings.get("max_connections", 512)),
        keepalive_seconds=settings.get("keepalive_seconds", 4.0),
    )


async def fetch(http: HTTPClient, content: bytes = b"{}") -> tuple[int, bytes]:
    headers = {"content-type": "application/json"}
    async with http.request("POST", "/chat/completions", headers, content) as response:
        body = b"".join([chunk async for chunk in response.aiter_bytes()])
    return response.status_code, body


async def test_one_connection_carries_request_after_request_and_the_head_is_as_sent():
    async with raw_server(ok) as server:
        http = client(server)
        for _ in range(5):
            assert await fetch(http, b'{"a":1}') == (200, b"{}")
        await http.aclose()
    assert server.connections == 1
    head = server.heads[0].decode()
    assert head.startswith("POST /v1/chat/completions HTTP/1.1\r\n")
    assert f"host: 127.0.0.1:{server.port}\r\n" in head
    assert "content-length: 7\r\n" in head
    assert "user-agent: codetamer/" in head


async def test_an_idle_connection_is_closed_after_the_keepalive_time():
    async with raw_server(ok) as server:
        http = client(server, keepalive_seconds=0.2)
        await fetch(http)
        await asyncio.sleep(0.5)
        assert server.closed == 1  # closed by the client, not left to the server
        await fetch(http)
        await http.aclose()
    assert server.connections == 2


async def test_at_the_connection_limit_a_request_waits_for_one_to_come_free():
    gate = asyncio.Event()

    async def held(body: bytes, writer: asyncio.StreamWriter) -> None:
        await gate.wait()
        writer.write(OK)

    async with raw_server(held) as server:
        http = client(server, max_connections=1)
        first = asyncio.create_task(fetch(http))
        second = asyncio.create_task(fetch(http))
        await asyncio.sleep(0.1)
        assert server.connections == 1
        gate.set()
        assert await first == (200, b"{}")
        assert await second == (200, b"{}")
        await http.aclose()
    assert server.connections == 1


async def test_at_the_connection_limit_a_request_gives_up_after_the_connect_timeout():
    async def never(body: bytes, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(30)

    async with raw_server(never) as server:
        http = client(server, max_connections=1, connect_timeout=0.2, read_timeout=5)
        first = asyncio.create_task(fetch(http))
        await asyncio.sleep(0.05)
        with pytest.raises(httpx2.PoolTimeout):
            await fetch(http)
        first.cancel()
        await http.aclose()


@pytest.mark.parametrize("value", ["a\r\nx-injected: 1", "a\nb", "a\rb", "a\0b"])
async def test_a_header_value_that_would_split_the_head_is_refused_before_sending(value: str):
    async with raw_server(ok) as server:
        http = client(server)
        with pytest.raises(httpx2.LocalProtocolError):
            async with http.request("POST", "/x", {"anthropic-beta": value}, b"{}"):
                pass
        with pytest.raises(httpx2.LocalProtocolError):
            async with http.request("POST", "/x?a b", {}, b"{}"):
                pass
        await http.aclose()
    assert server.connections == 0


async def test_an_answer_that_ends_with_its_connection_is_read_to_the_end():
    async def until_close(body: bytes, writer: asyncio.StreamWriter) -> None:
        writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\n\r\npart one, ")
        await writer.drain()
        await asyncio.sleep(0.05)
        writer.write(b"part two")
        await writer.drain()
        writer.close()

    async with raw_server(until_close) as server:
        http = client(server)
        assert await fetch(http) == (200, b"part one, part two")
        assert await fetch(http) == (200, b"part one, part two")  # not reused: a new one
        await http.aclose()
    assert server.connections == 2


async def test_an_interim_100_continue_is_skipped_for_the_answer_after_it():
    async def interim(body: bytes, writer: asyncio.StreamWriter) -> None:
        writer.write(b"HTTP/1.1 100 Continue\r\nx-interim: 1\r\n\r\n" + OK)

    async with raw_server(interim) as server:
        http = client(server)
        headers = {"content-type": "application/json"}
        async with http.request("POST", "/x", headers, b"{}") as response:
            body = b"".join([chunk async for chunk in response.aiter_bytes()])
        assert (response.status_code, body) == (200, b"{}")
        assert "x-interim" not in response.headers
        assert response.headers["content-type"] == "application/json"
        await http.aclose()


async def test_headers_past_the_bound_fail_the_answer():
    async def huge(body: bytes, writer: asyncio.StreamWriter) -> None:
        writer.write(b"HTTP/1.1 200 OK\r\n" + b"x-pad: " + b"a" * 300_000 + b"\r\n\r\n{}")

    async with raw_server(huge) as server:
        http = client(server)
        with pytest.raises(httpx2.RemoteProtocolError, match="too large"):
            await fetch(http)
        await http.aclose()


async def test_a_large_body_read_slowly_arrives_whole_and_in_order():
    payload = bytes(range(256)) * (32 * 1024)  # 8 MiB: past the point where reading pauses

    async def big(body: bytes, writer: asyncio.StreamWriter) -> None:
        writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: %d\r\n\r\n" % len(payload) + payload)

    async with raw_server(big) as server:
        http = client(server, read_timeout=0.5)
        received = bytearray()
        async with http.request("POST", "/x", {}, b"{}") as response:
            async for chunk in response.aiter_bytes():
                received += chunk
                await asyncio.sleep(0.01)  # a slow reader: paused reads are not timeouts
        assert received == payload
        assert await fetch(http) == (200, payload)
        await http.aclose()
    assert server.connections == 1


async def test_a_body_that_stops_arriving_fails_with_a_read_timeout_after_what_came():
    async def stalls(body: bytes, writer: asyncio.StreamWriter) -> None:
        writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nhalf")
        await asyncio.sleep(30)

    async with raw_server(stalls) as server:
        http = client(server, read_timeout=0.2)
        received = []
        with pytest.raises(httpx2.ReadTimeout):
            async with http.request("POST", "/x", {}, b"{}") as response:
                async for chunk in response.aiter_bytes():
                    received.append(chunk)
        assert received == [b"half"]
        await http.aclose()


async def closes_after_answering(body: bytes, writer: asyncio.StreamWriter) -> None:
    writer.write(OK)
    await writer.drain()
    writer.close()


async def answers_twice(body: bytes, writer: asyncio.StreamWriter) -> None:
    writer.write(OK)
    await writer.drain()
    await asyncio.sleep(0.05)
    writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n")  # nobody asked for it


@pytest.mark.parametrize("answer", [closes_after_answering, answers_twice])
async def test_an_idle_connection_the_server_closed_or_wrote_to_is_not_reused(answer: Answer):
    async with raw_server(answer) as server:
        http = client(server)
        await fetch(http)
        await asyncio.sleep(0.2)
        assert await fetch(http) == (200, b"{}")
        await http.aclose()
    assert server.connections == 2


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:99999/v1", "ftp://127.0.0.1/v1", "http:///v1", "nonsense"]
)
async def test_an_unusable_base_url_fails_each_request_as_a_refusal(url: str):
    http = HTTPClient(url, connect_timeout=1, read_timeout=1)
    with pytest.raises(httpx2.ConnectError):
        async with http.request("GET", "/models", {}):
            pass


async def test_credentials_in_the_url_are_sent_as_basic_auth_unless_the_request_has_its_own():
    async with raw_server(ok) as server:
        http = HTTPClient(
            f"http://gate%40way:p%3Ass@127.0.0.1:{server.port}/v1",
            connect_timeout=2,
            read_timeout=2,
        )
        await fetch(http)
        async with http.request("POST", "/x", {"authorization": "Bearer k"}, b"{}") as response:
            assert response.status_code == 200
        await http.aclose()
    assert "authorization: Basic Z2F0ZUB3YXk6cDpzcw==\r\n" in server.heads[0].decode()
    assert "Basic" not in server.heads[1].decode()
    assert "host: 127.0.0.1:" in server.heads[0].decode()


@pytest.mark.parametrize("trusted", [True, False])
async def test_https_upstreams_are_verified(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, trusted: bool
):
    cert_file, key_file = self_signed(tmp_path)
    if trusted:  # the default context reads the system's trust store from here
        monkeypatch.setenv("SSL_CERT_FILE", str(cert_file))
    else:
        monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "none.pem"))
        monkeypatch.setenv("SSL_CERT_DIR", str(tmp_path))
    async with raw_server(ok, tls=(cert_file, key_file)) as server:
        port = server.port
        http = HTTPClient(f"https://127.0.0.1:{port}/v1", connect_timeout=5, read_timeout=5)
        try:
            if trusted:
                assert await fetch(http) == (200, b"{}")
                assert await fetch(http) == (200, b"{}")
                assert server.connections == 1
                assert f"host: 127.0.0.1:{port}\r\n" in server.heads[0].decode()
            else:
                with pytest.raises(httpx2.ConnectError, match=r"(?i)certificate verify failed"):
                    await fetch(http)
                assert server.heads == []
        finally:
            await http.aclose()
