"""A small scriptable OpenAI-compatible server: tests queue replies and read what it received.

Each call to /chat/completions takes the next scripted `Reply` (or a default greeting)
and answers it non-streamed or as SSE chunks, as the request asks.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from tests.upstreams import echo_secrets, responses_api


@dataclass
class Reply:
    """One scripted answer."""

    content: str | None = "Hello from the test upstream."
    tool_calls: list[dict[str, Any]] | None = None
    status: int = 200
    error: dict[str, Any] | None = None
    delay: float = 0.0
    model: str = "gpt-test-served"
    raw: bytes | None = None  # sent as the body as it is (for malformed answers)
    media: str | None = None  # content type of a raw body (default: what the request implies)
    headers: dict[str, str] | None = None
    contents: list[str] | None = None  # several choices (n > 1)
    hold: threading.Event | None = None  # a stream waits for it after its first event


@dataclass
class Script:
    """What the server will answer, and what it has seen."""

    replies: deque[Reply] = field(default_factory=deque)
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    sent: list[bytes] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    responses: responses_api.ResponsesScript = field(default_factory=responses_api.ResponsesScript)

    def queue(self, *replies: Reply) -> None:
        with self.lock:
            self.replies.extend(replies)

    def next(self) -> Reply:
        with self.lock:
            return self.replies.popleft() if self.replies else Reply()


_ids = itertools.count(1)


def completion(reply: Reply) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": reply.content, "refusal": None}
    if reply.tool_calls:
        message["tool_calls"] = reply.tool_calls
    contents = reply.contents or [reply.content]
    choices = [
        {
            "index": index,
            "message": {**message, "content": text},
            "logprobs": None,
            "finish_reason": "tool_calls" if reply.tool_calls else "stop",
        }
        for index, text in enumerate(contents)
    ]
    return {
        "id": f"chatcmpl-test{next(_ids)}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": reply.model,
        "choices": choices,
        "usage": {"prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18},
        "system_fingerprint": "fp_test",
    }


def chunks(reply: Reply, include_usage: bool) -> list[bytes]:
    base = {
        "id": f"chatcmpl-test{next(_ids)}",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": reply.model,
        "system_fingerprint": "fp_test",
    }

    def event(choices: list[dict[str, Any]], **extra: Any) -> bytes:
        return f"data: {json.dumps({**base, 'choices': choices, **extra})}\n\n".encode()

    out = [
        event([{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}])
    ]
    text = reply.content or ""
    for start in range(0, len(text), 17):
        out.append(
            event(
                [
                    {
                        "index": 0,
                        "delta": {"content": text[start : start + 17]},
                        "finish_reason": None,
                    }
                ]
            )
        )
    for index, call in enumerate(reply.tool_calls or ()):
        args = call["function"]["arguments"]
        out.append(
            event(
                [
                    {
                        "index": 0,
                        "delta": {
                            "tool_calls": [
                                {
                                    "index": index,
                                    "id": call["id"],
                                    "type": "function",
                                    "function": {"name": call["function"]["name"], "arguments": ""},
                                }
                            ]
                        },
                        "finish_reason": None,
                    }
                ]
            )
        )
        for start in range(0, len(args), 23):
            out.append(
                event(
                    [
                        {
                            "index": 0,
                            "delta": {
                                "tool_calls": [
                                    {
                                        "index": index,
                                        "function": {"arguments": args[start : start + 23]},
                                    }
                                ]
                            },
                            "finish_reason": None,
                        }
                    ]
                )
            )
    out.append(
        event(
            [
                {
                    "index": 0,
                    "delta": {},
                    "finish_reason": "tool_calls" if reply.tool_calls else "stop",
                }
            ]
        )
    )
    if include_usage:
        out.append(
            event([], usage={"prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18})
        )
    out.append(b"data: [DONE]\n\n")
    return out


def create_upstream(script: Script) -> Starlette:
    async def chat(request: Request) -> Response:
        body = await request.json()
        script.requests.append(body)
        script.headers.append(dict(request.headers))
        reply = script.next()
        reply = echo_secrets(reply, body)
        if reply.delay:
            await asyncio.sleep(reply.delay)
        if reply.raw is not None:
            media = reply.media or (
                "text/event-stream" if body.get("stream") else "application/json"
            )
            return Response(reply.raw, reply.status, media_type=media, headers=reply.headers)
        if reply.status != 200:
            return JSONResponse(
                reply.error
                or {
                    "error": {
                        "message": "scripted failure",
                        "type": "server_error",
                        "param": None,
                        "code": None,
                    }
                },
                reply.status,
                headers=reply.headers,
            )
        if body.get("stream"):
            include = bool((body.get("stream_options") or {}).get("include_usage"))
            parts = chunks(reply, include)
            script.sent.append(b"".join(parts))

            async def gen():
                for index, part in enumerate(parts):
                    yield part
                    if index == 0 and reply.hold is not None:
                        await asyncio.to_thread(reply.hold.wait, 30)

            return StreamingResponse(gen(), media_type="text/event-stream")
        content = json.dumps(completion(reply)).encode()
        script.sent.append(content)
        return Response(content, media_type="application/json")

    async def responses(request: Request) -> Response:
        body = await request.json()
        script.responses.requests.append(body)
        script.headers.append(dict(request.headers))
        output = script.responses.next()
        output = echo_secrets(output, body)
        if body.get("stream"):
            parts = responses_api.events(output, body)

            async def gen():
                for part in parts:
                    yield part

            return StreamingResponse(gen(), media_type="text/event-stream")
        return JSONResponse(responses_api.response(output, body))

    async def models(request: Request) -> Response:
        return JSONResponse(
            {
                "object": "list",
                "data": [
                    {"id": "gpt-test", "object": "model", "created": 0, "owned_by": "test"},
                    {"id": "other-model", "object": "model", "created": 0, "owned_by": "test"},
                ],
            }
        )

    return Starlette(
        routes=[
            Route("/v1/chat/completions", chat, methods=["POST"]),
            Route("/v1/responses", responses, methods=["POST"]),
            Route("/v1/models", models, methods=["GET"]),
        ]
    )
