"""The Responses API half of the OpenAI test upstream: scripted output items.

POST /v1/responses takes the next scripted `Output` and answers it as a Response
object, or as the typed events the API streams (response.created, output items with
their deltas, response.completed with the whole response).
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

_ids = itertools.count(1)


@dataclass
class Output:
    """One scripted answer: its output items."""

    items: list[dict[str, Any]] = field(
        default_factory=lambda: [message("Hello from the Responses test upstream.")]
    )
    model: str = "gpt-test-served"


@dataclass
class ResponsesScript:
    """What /v1/responses will answer, and what it has seen."""

    outputs: deque[Output] = field(default_factory=deque)
    requests: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def queue(self, *outputs: Output) -> None:
        with self.lock:
            self.outputs.extend(outputs)

    def next(self) -> Output:
        with self.lock:
            return self.outputs.popleft() if self.outputs else Output()


def message(text: str) -> dict[str, Any]:
    return {
        "id": f"msg_{next(_ids)}",
        "type": "message",
        "status": "completed",
        "role": "assistant",
        "content": [{"type": "output_text", "text": text, "annotations": []}],
    }


def function_call(call_id: str, name: str, arguments: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": f"fc_{next(_ids)}",
        "type": "function_call",
        "status": "completed",
        "call_id": call_id,
        "name": name,
        "arguments": json.dumps(arguments),
    }


def custom_tool_call(call_id: str, name: str, text: str) -> dict[str, Any]:
    return {
        "id": f"ctc_{next(_ids)}",
        "type": "custom_tool_call",
        "status": "completed",
        "call_id": call_id,
        "name": name,
        "input": text,
    }


def reasoning() -> dict[str, Any]:
    return {
        "id": f"rs_{next(_ids)}",
        "type": "reasoning",
        "summary": [],
        "encrypted_content": "gAAAA" + "x" * 40,
    }


def response(output: Output, body: dict[str, Any], *, status: str = "completed") -> dict[str, Any]:
    return {
        "id": f"resp_{next(_ids)}",
        "object": "response",
        "created_at": int(time.time()),
        "status": status,
        "model": output.model,
        "output": output.items if status == "completed" else [],
        "store": body.get("store", True),
        "previous_response_id": body.get("previous_response_id"),
        "tools": body.get("tools", []),
        "parallel_tool_calls": True,
        "tool_choice": "auto",
        "usage": {
            "input_tokens": 30,
            "output_tokens": 12,
            "total_tokens": 42,
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens_details": {"reasoning_tokens": 0},
        },
    }


def events(output: Output, body: dict[str, Any]) -> list[bytes]:
    whole = response(output, body)
    sequence = itertools.count()

    def ev(name: str, data: dict[str, Any]) -> bytes:
        payload = {"type": name, "sequence_number": next(sequence), **data}
        return f"event: {name}\ndata: {json.dumps(payload)}\n\n".encode()

    opening = {**response(output, body, status="in_progress"), "id": whole["id"]}
    out = [ev("response.created", {"response": opening})]
    for index, item in enumerate(output.items):
        kind = item["type"]
        empty = {**item, "status": "in_progress"}
        if kind == "message":
            empty["content"] = []
        elif kind == "function_call":
            empty["arguments"] = ""
        elif kind == "custom_tool_call":
            empty["input"] = ""
        out.append(ev("response.output_item.added", {"output_index": index, "item": empty}))
        if kind == "message":
            part = item["content"][0]
            where = {"output_index": index, "content_index": 0, "item_id": item["id"]}
            out.append(ev("response.content_part.added", {**where, "part": {**part, "text": ""}}))
            for at in range(0, len(part["text"]), 13):
                out.append(
                    ev("response.output_text.delta", {**where, "delta": part["text"][at : at + 13]})
                )
            out.append(ev("response.output_text.done", {**where, "text": part["text"]}))
            out.append(ev("response.content_part.done", {**where, "part": part}))
        elif kind in ("function_call", "custom_tool_call"):
            key = "arguments" if kind == "function_call" else "input"
            name = (
                "response.function_call_arguments"
                if kind == "function_call"
                else "response.custom_tool_call_input"
            )
            where = {"output_index": index, "item_id": item["id"]}
            for at in range(0, len(item[key]), 21):
                out.append(ev(f"{name}.delta", {**where, "delta": item[key][at : at + 21]}))
            out.append(ev(f"{name}.done", {**where, key: item[key]}))
        out.append(ev("response.output_item.done", {"output_index": index, "item": item}))
    out.append(ev("response.completed", {"response": whole}))
    return out
