"""A zero-delay OpenAI-compatible upstream for benchmarks: a fixed answer, no code in it.

uv run uvicorn bench.zero_upstream:app --port 9001 --http httptools --loop uvloop

With CODETAMER_BENCH_ANSWER naming a source file, the non-streamed answer is instead
that file in one fenced block, its language tag the file's suffix (bench/gating.py).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def _completion(content: str) -> bytes:
    return json.dumps(
        {
            "id": "chatcmpl-bench",
            "object": "chat.completion",
            "created": 0,
            "model": "gpt-bench",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 12, "completion_tokens": 8, "total_tokens": 20},
        }
    ).encode()


_CODE_FILE = Path(os.environ.get("CODETAMER_BENCH_ANSWER") or "")
_CODE = (
    _completion(f"```{_CODE_FILE.suffix.lstrip('.')}\n{_CODE_FILE.read_text()}\n```\n")
    if _CODE_FILE.name
    else None
)
_COMPLETION = _completion("The capital of France is Paris.")
_CHUNK = {
    "id": "chatcmpl-bench",
    "object": "chat.completion.chunk",
    "created": 0,
    "model": "gpt-bench",
}
_STREAM = (
    b"".join(
        f"data: {json.dumps({**_CHUNK, 'choices': [c]})}\n\n".encode()
        for c in (
            {"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None},
            {"index": 0, "delta": {"content": "The capital of France "}, "finish_reason": None},
            {"index": 0, "delta": {"content": "is Paris."}, "finish_reason": None},
            {"index": 0, "delta": {}, "finish_reason": "stop"},
        )
    )
    + b"data: [DONE]\n\n"
)


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] != "http":
        return
    body = b""
    more = True
    while more:
        message = await receive()
        body += message.get("body", b"")
        more = message.get("more_body", False)
    stream = b'"stream":true' in body.replace(b" ", b"")
    payload, media = (
        (_STREAM, b"text/event-stream") if stream else (_CODE or _COMPLETION, b"application/json")
    )
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", media), (b"content-length", str(len(payload)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": payload})
