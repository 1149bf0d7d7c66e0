"""A scriptable upstream that misbehaves on a real socket: one scripted fault per request.

It is a raw asyncio server that speaks just enough HTTP/1.1 (one request per connection,
then close), so it can do what HTTP libraries will not: reset a connection, stop a
stream half-way, send fewer bytes than it promised, or say nothing at all. It serves the
three APIs the proxy speaks, told apart by path, and answers in each one's own shape:

    /v1/chat/completions   OpenAI Chat Completions
    /v1/responses          OpenAI Responses
    /v1/messages           Anthropic Messages

Each request takes the next queued `Fault` (or a normal answer when none is queued).
`stalled_port` gives a port whose connections never complete (a connect timeout).
"""

from __future__ import annotations

import asyncio
import json
import socket
import struct
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any, Literal

from tests.upstreams import anthropic_server, openai_server, responses_api

API = Literal["chat", "responses", "messages"]
_PATHS: dict[str, API] = {
    "/v1/chat/completions": "chat",
    "/v1/responses": "responses",
    "/v1/messages": "messages",
}
_REASONS = {200: "OK", 429: "Too Many Requests", 500: "Internal Server Error"}
ANTHROPIC_TYPES = {  # the error type Anthropic's API gives each status
    429: "rate_limit_error",
    500: "api_error",
    502: "api_error",
    503: "api_error",
    504: "timeout_error",
    529: "overloaded_error",
}

Kind = Literal["answer", "hang", "status", "reset", "cut", "raw", "stream_error"]
End = Literal["close", "reset", "stall", "short"]


@dataclass(frozen=True)
class Fault:
    """What the upstream does with one request.

    kind:
        answer        answer normally (in the API's shape, streamed if asked)
        hang          read the request, never answer (a read timeout)
        status        answer `status` with the API's error body (or `body`/`media`)
        reset         reset the connection before any byte of an answer
        cut           send the headers and part of the answer, then `end`
        raw           answer `status` with `body` and `media` as given (chunked if SSE)
        stream_error  stream part of the answer, then the API's own error event
    end (for cut):
        close   end cleanly: the chunked body's last chunk (a stream without its end)
        reset   reset the connection
        stall   send nothing more (a read timeout mid-answer)
        short   close the connection (a body shorter than its content-length)
    """

    kind: Kind = "answer"
    status: int = 200
    body: bytes | None = None
    media: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    end: End = "close"
    delay: float = 0.0  # seconds to wait after reading the request, before acting
    echo_key: bool = False  # the error message repeats the key the request carried


def answer(delay: float = 0.0) -> Fault:
    return Fault("answer", delay=delay)


def hang() -> Fault:
    return Fault("hang")


def status(
    code: int,
    *,
    retry_after: str | None = None,
    body: bytes | None = None,
    media: str | None = None,
    delay: float = 0.0,
    echo_key: bool = False,
) -> Fault:
    headers = (("retry-after", retry_after),) if retry_after is not None else ()
    return Fault("status", code, body, media, headers, delay=delay, echo_key=echo_key)


def reset(delay: float = 0.0) -> Fault:
    return Fault("reset", delay=delay)


def cut(end: End, delay: float = 0.0) -> Fault:
    return Fault("cut", end=end, delay=delay)


def raw(body: bytes, media: str, code: int = 200) -> Fault:
    return Fault("raw", code, body, media)


def stream_error(delay: float = 0.0, echo_key: bool = False) -> Fault:
    return Fault("stream_error", delay=delay, echo_key=echo_key)


@dataclass
class Seen:
    """One request the upstream read."""

    api: API
    body: dict[str, Any]
    headers: dict[str, str]


@dataclass
class FaultyUpstream:
    """The script, what was seen, and the server's address once started."""

    url: str = ""
    faults: deque[Fault] = field(default_factory=deque)
    seen: list[Seen] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def queue(self, *faults: Fault) -> None:
        with self.lock:
            self.faults.extend(faults)

    def next(self) -> Fault:
        with self.lock:
            return self.faults.popleft() if self.faults else answer()

    def clear(self) -> None:
        """Forget the script and what was seen (between tests)."""
        with self.lock:
            self.faults.clear()
            self.seen.clear()

    @property
    def pending(self) -> int:
        with self.lock:
            return len(self.faults)


# ---- the answers, in each API's shape ----------------------------------------------

GREETINGS: dict[API, str] = {  # the text of each API's normal answer
    "chat": str(openai_server.Reply().content),
    "responses": responses_api.Output().items[0]["content"][0]["text"],
    "messages": anthropic_server.Answer().blocks[0]["text"],
}


def normal_json(api: API, request: dict[str, Any]) -> dict[str, Any]:
    if api == "chat":
        return openai_server.completion(openai_server.Reply())
    if api == "responses":
        return responses_api.response(responses_api.Output(), request)
    return anthropic_server.message(anthropic_server.Answer())


def normal_frames(api: API, request: dict[str, Any]) -> list[bytes]:
    if api == "chat":
        usage = bool((request.get("stream_options") or {}).get("include_usage"))
        return openai_server.chunks(openai_server.Reply(), usage)
    if api == "responses":
        return responses_api.events(responses_api.Output(), request)
    return anthropic_server.events(anthropic_server.Answer())


def error_json(api: API, code: int, message: str = "scripted failure") -> dict[str, Any]:
    if api == "messages":
        kind = ANTHROPIC_TYPES.get(code, "api_error")
        return {"type": "error", "error": {"type": kind, "message": message}}
    kind = "rate_limit_exceeded" if code == 429 else "server_error"
    return {"error": {"message": message, "type": kind, "param": None, "code": None}}


def error_event(api: API, message: str = "scripted failure mid-stream") -> bytes:
    """The API's own event for an error in the middle of a stream."""
    if api == "chat":
        return f"data: {json.dumps(error_json('chat', 500, message))}\n\n".encode()
    if api == "responses":
        data = {"type": "error", "code": "server_error", "message": message, "param": None}
        return f"event: error\ndata: {json.dumps(data)}\n\n".encode()
    data = error_json("messages", 529, message)
    return f"event: error\ndata: {json.dumps(data)}\n\n".encode()


def bad_json_frames(api: API, request: dict[str, Any]) -> list[bytes]:
    """A whole stream, ending as it should, with one event whose data is not JSON."""
    frames = normal_frames(api, request)
    broken = (
        b'event: content_block_delta\ndata: {"type": "content_block_delta", "index": 0\n\n'
        if api == "messages"
        else b'data: {"choices": [{"index": 0, "delta": {"content": "x"\n\n'
    )
    return [*frames[:2], broken, *frames[2:]]


def garbage_frames(api: API, request: dict[str, Any]) -> list[bytes]:
    """A whole stream with lines no SSE field names (the spec says ignore them)."""
    frames = normal_frames(api, request)
    return [frames[0], b"garbage line\n<html>\n\n", *frames[1:]]


# ---- the server ----------------------------------------------------------------------


@contextmanager
def serve_faulty() -> Iterator[FaultyUpstream]:
    """Run a FaultyUpstream on 127.0.0.1 (a free port) until the block ends."""
    upstream = FaultyUpstream()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    upstream.url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    ready = threading.Event()
    state: dict[str, Any] = {}

    async def main() -> None:
        stopping = asyncio.Event()
        state["loop"], state["stopping"] = asyncio.get_running_loop(), stopping
        writers: set[asyncio.StreamWriter] = set()

        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            writers.add(writer)
            try:
                await _serve_one(upstream, reader, writer)
            except (ConnectionError, asyncio.IncompleteReadError):
                pass  # the proxy gave up on this connection first
            finally:
                writers.discard(writer)
                if not writer.is_closing():
                    writer.close()  # an orderly end (a short body ends this way)

        server = await asyncio.start_server(handle, sock=sock)
        ready.set()
        async with server:
            await stopping.wait()
            for writer in list(writers):
                writer.transport.abort()

    thread = threading.Thread(target=asyncio.run, args=(main(),), daemon=True)
    thread.start()
    if not ready.wait(10):
        raise RuntimeError("the faulty upstream did not start within 10 s")
    try:
        yield upstream
    finally:
        state["loop"].call_soon_threadsafe(state["stopping"].set)
        thread.join(timeout=10)
        sock.close()


async def _serve_one(
    upstream: FaultyUpstream, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
) -> None:
    head = await reader.readuntil(b"\r\n\r\n")
    request_line, *lines = head.decode("latin-1").split("\r\n")
    path = request_line.split(" ")[1].partition("?")[0]
    headers = {
        name.strip().lower(): value.strip()
        for name, _, value in (line.partition(":") for line in lines if line)
    }
    body = json.loads(await reader.readexactly(int(headers.get("content-length", "0"))) or b"{}")
    api = _PATHS.get(path, "chat")
    with upstream.lock:
        upstream.seen.append(Seen(api, body, headers))
    fault = upstream.next()
    if fault.delay:
        await asyncio.sleep(fault.delay)
    stream = bool(body.get("stream"))
    key = headers.get("x-api-key") or headers.get("authorization", "").removeprefix("Bearer ")
    said = f" (the key was {key})" if fault.echo_key else ""

    if fault.kind == "hang":
        await reader.read()  # until the proxy gives up (or the server stops)
    elif fault.kind == "reset":
        _reset(writer)
    elif fault.kind == "status":
        media = fault.media or "application/json"
        content = fault.body
        if content is None:
            content = json.dumps(error_json(api, fault.status, f"scripted failure{said}")).encode()
        await _send_whole(writer, fault.status, media, content, fault.headers)
    elif fault.kind == "raw":
        assert fault.body is not None and fault.media is not None
        if fault.media == "text/event-stream":
            await _send_chunked(writer, fault.status, fault.media, [fault.body])
        else:
            await _send_whole(writer, fault.status, fault.media, fault.body)
    elif fault.kind == "stream_error":
        frames = normal_frames(api, body)
        event = error_event(api, f"scripted failure mid-stream{said}")
        await _send_chunked(writer, 200, "text/event-stream", [*frames[:2], event])
    elif fault.kind == "cut":
        await _cut(reader, writer, api, body, stream, fault.end)
    elif stream:
        await _send_chunked(writer, 200, "text/event-stream", normal_frames(api, body))
    else:
        content = json.dumps(normal_json(api, body)).encode()
        await _send_whole(writer, 200, "application/json", content)


async def _cut(
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
    api: API,
    request: dict[str, Any],
    stream: bool,
    end: End,
) -> None:
    if stream:
        frames = normal_frames(api, request)
        half = frames[: len(frames) // 2]
        await _send_chunked(writer, 200, "text/event-stream", half, finish=end == "close")
    else:
        content = json.dumps(normal_json(api, request)).encode()
        writer.write(_head(200, "application/json", [("content-length", str(len(content)))]))
        writer.write(content[: len(content) // 2])
        await writer.drain()
    if end in ("reset", "short"):
        await asyncio.sleep(0.05)  # the proxy reads the headers before the connection goes
    if end == "reset":
        _reset(writer)
    elif end == "stall":
        await reader.read()  # until the proxy gives up (or the server stops)


def _head(code: int, media: str, headers: list[tuple[str, str]]) -> bytes:
    lines = [f"HTTP/1.1 {code} {_REASONS.get(code, 'Error')}", f"content-type: {media}"]
    lines += [f"{k}: {v}" for k, v in headers]
    lines.append("connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


async def _send_whole(
    writer: asyncio.StreamWriter,
    code: int,
    media: str,
    content: bytes,
    headers: tuple[tuple[str, str], ...] = (),
) -> None:
    writer.write(_head(code, media, [*headers, ("content-length", str(len(content)))]))
    writer.write(content)
    await writer.drain()
    writer.close()


async def _send_chunked(
    writer: asyncio.StreamWriter, code: int, media: str, parts: list[bytes], *, finish: bool = True
) -> None:
    writer.write(_head(code, media, [("transfer-encoding", "chunked")]))
    for part in parts:
        writer.write(f"{len(part):x}\r\n".encode() + part + b"\r\n")
    if finish:
        writer.write(b"0\r\n\r\n")
    await writer.drain()
    if finish:
        writer.close()


def _reset(writer: asyncio.StreamWriter) -> None:
    """Close with SO_LINGER 0: the peer gets a TCP reset, not an orderly end."""
    sock = writer.get_extra_info("socket")
    with suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


@contextmanager
def stalled_port() -> Iterator[int]:
    """A port whose new connections never complete (a connect timeout), where feasible.

    A socket listening with a backlog of 0 that never accepts: once its queue holds one
    connection, the kernel drops further SYNs and connects hang. Yields 0 when this
    platform completes them anyway (then a test should skip).
    """
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    held: list[socket.socket] = []
    stalls = False
    try:
        while not stalls and len(held) < 8:
            probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            probe.settimeout(0.2)
            try:
                probe.connect(("127.0.0.1", port))
            except TimeoutError:
                probe.close()
                stalls = True
            else:
                held.append(probe)  # it fills the queue: keep it open
        yield port if stalls else 0
    finally:
        for filler in held:
            filler.close()
        listener.close()
