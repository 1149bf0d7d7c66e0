"""A small scriptable Anthropic Messages server: tests queue answers and read what it got.

Each POST /v1/messages takes the next scripted `Answer` (or a default greeting) and
answers it as a Message object, or as the named SSE events the API streams
(message_start, content_block_*, message_delta, message_stop, with a ping).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from tests.upstreams import echo_secrets


@dataclass
class Answer:
    """One scripted answer: its content blocks, or an error status."""

    blocks: list[dict[str, Any]] = field(
        default_factory=lambda: [
            {"type": "text", "text": "Hello from the Anthropic test upstream."}
        ]
    )
    status: int = 200
    model: str = "claude-test-served"
    raw: bytes | None = None
    delay: float = 0.0


def text(value: str) -> dict[str, Any]:
    return {"type": "text", "text": value}


def tool_use(call_id: str, name: str, arguments: dict[str, Any]) -> dict[str, Any]:
    return {"type": "tool_use", "id": call_id, "name": name, "input": arguments}


def thinking(value: str, signature: str = "sig-" + "A" * 40) -> dict[str, Any]:
    return {"type": "thinking", "thinking": value, "signature": signature}


@dataclass
class Script:
    """What the server will answer, and what it has seen."""

    answers: deque[Answer] = field(default_factory=deque)
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def queue(self, *answers: Answer) -> None:
        with self.lock:
            self.answers.extend(answers)

    def next(self) -> Answer:
        with self.lock:
            return self.answers.popleft() if self.answers else Answer()


_ids = itertools.count(1)
USAGE = {"input_tokens": 21, "output_tokens": 9, "cache_read_input_tokens": 0}


def message(answer: Answer) -> dict[str, Any]:
    stop = "tool_use" if any(b["type"] == "tool_use" for b in answer.blocks) else "end_turn"
    return {
        "id": f"msg_test{next(_ids)}",
        "type": "message",
        "role": "assistant",
        "model": answer.model,
        "content": answer.blocks,
        "stop_reason": stop,
        "stop_sequence": None,
        "usage": USAGE,
    }


def events(answer: Answer) -> list[bytes]:
    whole = message(answer)

    def ev(name: str, data: dict[str, Any]) -> bytes:
        return f"event: {name}\ndata: {json.dumps(data)}\n\n".encode()

    start = {**whole, "content": [], "stop_reason": None, "usage": {**USAGE, "output_tokens": 1}}
    out = [ev("message_start", {"type": "message_start", "message": start})]
    out.append(ev("ping", {"type": "ping"}))
    for index, block in enumerate(answer.blocks):
        kind = block["type"]
        if kind == "text":
            opening, key, delta_type = {"type": "text", "text": ""}, "text", "text_delta"
            payload = block["text"]
        elif kind == "thinking":
            opening = {"type": "thinking", "thinking": "", "signature": ""}
            key, delta_type, payload = "thinking", "thinking_delta", block["thinking"]
        else:
            opening = {"type": "tool_use", "id": block["id"], "name": block["name"], "input": {}}
            key, delta_type = "partial_json", "input_json_delta"
            payload = json.dumps(block["input"])
        out.append(
            ev(
                "content_block_start",
                {"type": "content_block_start", "index": index, "content_block": opening},
            )
        )
        for at in range(0, len(payload), 19):
            out.append(
                ev(
                    "content_block_delta",
                    {
                        "type": "content_block_delta",
                        "index": index,
                        "delta": {"type": delta_type, key: payload[at : at + 19]},
                    },
                )
            )
        if kind == "thinking":
            out.append(
                ev(
                    "content_block_delta",
                    {
                        "type": "content_block_delta",
                        "index": index,
                        "delta": {"type": "signature_delta", "signature": block["signature"]},
                    },
                )
            )
        out.append(ev("content_block_stop", {"type": "content_block_stop", "index": index}))
    out.append(
        ev(
            "message_delta",
            {
                "type": "message_delta",
                "delta": {"stop_reason": whole["stop_reason"], "stop_sequence": None},
                "usage": {"output_tokens": USAGE["output_tokens"]},
            },
        )
    )
    out.append(ev("message_stop", {"type": "message_stop"}))
    return out


def create_upstream(script: Script) -> Starlette:
    async def messages(request: Request) -> Response:
        body = await request.json()
        script.requests.append(body)
        script.headers.append(dict(request.headers))
        script.paths.append(
            str(request.url.path) + (f"?{request.url.query}" if request.url.query else "")
        )
        answer = script.next()
        answer = echo_secrets(answer, body)
        if answer.delay:
            await asyncio.sleep(answer.delay)
        if answer.raw is not None:
            media = "text/event-stream" if body.get("stream") else "application/json"
            return Response(answer.raw, answer.status, media_type=media)
        if answer.status != 200:
            return JSONResponse(
                {
                    "type": "error",
                    "error": {"type": "overloaded_error", "message": "scripted failure"},
                },
                answer.status,
            )
        if body.get("stream"):
            parts = events(answer)

            async def gen():
                for part in parts:
                    yield part

            return StreamingResponse(gen(), media_type="text/event-stream")
        return JSONResponse(message(answer), headers={"request-id": "req_test"})

    async def count_tokens(request: Request) -> Response:
        body = await request.json()
        script.requests.append(body)
        script.headers.append(dict(request.headers))
        script.paths.append(str(request.url.path))
        return JSONResponse({"input_tokens": 42})

    return Starlette(
        routes=[
            Route("/v1/messages", messages, methods=["POST"]),
            Route("/v1/messages/count_tokens", count_tokens, methods=["POST"]),
        ]
    )
