"""Anthropic Messages: POST /v1/messages, streamed (SSE with event names) or not.

Blocks the proxy does not judge (thinking and its signature, redacted thinking, images,
documents, server tools) and fields it does not know (cache_control, metadata,
context_management...) pass through as they are. A rejected tool_use is answered the
way the API expects: a tool_result with is_error set, listing the findings.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

import orjson

import guards
from proxy.dialects.base import (
    KEPT,
    NOT_RUN,
    Body,
    Dialect,
    Problem,
    RequestInfo,
    arguments_key,
    event_json,
    frame_json,
    rejected_calls,
    sum_usage,
)
from proxy.errors import BadRequest, ProxyError
from proxy.sse import SSEFrame, encode_event

__all__ = ["AnthropicMessages"]

_ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    402: "billing_error",
    403: "permission_error",
    404: "not_found_error",
    413: "request_too_large",
    422: "invalid_request_error",
    429: "rate_limit_error",
    504: "timeout_error",
    529: "overloaded_error",
}
# the status the API gives each error type (an error event mid-stream carries no status)
_TYPE_STATUS = {kind: status for status, kind in _ERROR_TYPES.items() if status != 422}
_TYPE_STATUS["api_error"] = 500
_ROLES = ("user", "assistant", "system")
_MAX_BLOCKS = 4096  # content blocks in one answer; more is a broken upstream


def event(name: str, data: Body) -> bytes:
    """One server-sent event with its name, as Anthropic's SDKs require."""
    return encode_event(orjson.dumps(data).decode(), name)


class AnthropicMessages(Dialect):
    """The Messages adapter."""

    name = "anthropic.messages"
    upstream_path = "/messages"
    upstream_kind = "anthropic"
    client_headers = ("anthropic-version", "anthropic-beta")
    keepalive = event("ping", {"type": "ping"})

    def parse_request(self, body: Any) -> RequestInfo:
        if not isinstance(body, dict):
            raise BadRequest("The request body must be a JSON object.", code="invalid_body")
        model = body.get("model")
        if not isinstance(model, str) or not model.strip():
            raise BadRequest("model: Field required (a non-empty string).", param="model")
        max_tokens = body.get("max_tokens")
        if not isinstance(max_tokens, int) or isinstance(max_tokens, bool) or max_tokens < 1:
            raise BadRequest("max_tokens: Field required (a positive integer).", param="max_tokens")
        messages = body.get("messages")
        if not isinstance(messages, list) or not messages:
            raise BadRequest("messages: Field required (a non-empty array).", param="messages")
        for index, message in enumerate(messages):
            # "system" mid-conversation: Claude Code sends it with a beta on newer models
            if not isinstance(message, dict) or message.get("role") not in _ROLES:
                raise BadRequest(
                    f"messages.{index}: must be an object with role 'user', 'assistant' or "
                    "'system'.",
                    param=f"messages.{index}",
                )
            if not isinstance(message.get("content"), (str, list)):
                raise BadRequest(
                    f"messages.{index}.content: must be a string or an array of blocks.",
                    param=f"messages.{index}.content",
                )
        system = body.get("system")
        if system is not None and not isinstance(system, (str, list)):
            raise BadRequest("system: must be a string or an array of text blocks.", param="system")
        stream = body.get("stream")
        if stream is not None and not isinstance(stream, bool):
            raise BadRequest("stream: must be a boolean.", param="stream")
        prompt = "\n\n".join(
            [_text_of(system)]
            + [_text_of(m["content"]) for m in messages if m["role"] != "assistant"]
        ).strip()
        return RequestInfo(model=model, stream=bool(stream), prompt_text=prompt)

    def inject_system(self, body: Body, text: str) -> Body:
        # appended after the client's own system text, so the client's cache_control
        # breakpoints keep covering the prefix they were set on
        system = body.get("system")
        if isinstance(system, list) and system:
            return {**body, "system": [*system, {"type": "text", "text": text}]}
        if isinstance(system, str) and system.strip():
            return {**body, "system": f"{system}\n\n{text}"}
        return {**body, "system": text}

    def aggregate(self, frames: Sequence[SSEFrame]) -> Body:
        message: Body = {}
        blocks: dict[int, Body] = {}
        pieces: dict[int, dict[str, list[str]]] = {}
        for frame in frames:
            data = event_json(frame)
            if data is None:
                continue
            kind = data.get("type")
            if kind == "message_start":
                message = copy.deepcopy(data.get("message") or {})
            elif kind == "content_block_start":
                index = _bounded(data.get("index"))
                blocks[index] = copy.deepcopy(data.get("content_block") or {})
                pieces[index] = {}
            elif kind == "content_block_delta":
                index = _bounded(data.get("index"))
                _add_delta(blocks.setdefault(index, {}), pieces.setdefault(index, {}), data)
            elif kind == "message_delta":
                message.update(data.get("delta") or {})
                if isinstance(data.get("usage"), dict):
                    message["usage"] = {**(message.get("usage") or {}), **data["usage"]}
        content = []
        for index in sorted(blocks):
            block = blocks[index]
            for key, parts in pieces.get(index, {}).items():
                if key == "partial_json":
                    joined = "".join(parts)
                    block["input"] = orjson.loads(joined) if joined.strip() else {}
                else:
                    block[key] = block.get(key, "") + "".join(parts)
            content.append(block)
        message["content"] = content
        return message

    def artifacts(self, response: Body) -> list[guards.Artifact]:
        found: list[guards.Artifact] = []
        for index, block in enumerate(response.get("content") or ()):
            kind = block.get("type")
            if kind == "text" and isinstance(block.get("text"), str):
                found += guards.text_artifacts(block["text"], ref_prefix=f"block:{index}:")
            elif kind == "tool_use" and isinstance(block.get("input"), dict):
                found += self.tool_artifacts(
                    str(block.get("name", "")), block["input"], str(block.get("id", ""))
                )
        return found

    def repair_request(
        self, body: Body, response: Body, problems: Sequence[Problem], summary: str
    ) -> Body:
        content = copy.deepcopy(response.get("content") or [])
        messages = [*body["messages"], {"role": "assistant", "content": content}]
        by_call, only_calls = rejected_calls(problems)
        answers: list[Body] = []
        for block in content:
            if block.get("type") != "tool_use":
                continue
            call_id = str(block.get("id", ""))
            rejected = call_id in by_call
            answers.append(
                {
                    "type": "tool_result",
                    "tool_use_id": call_id,
                    "content": by_call[call_id] if rejected else (KEPT if only_calls else NOT_RUN),
                    "is_error": rejected or not only_calls,
                }
            )
        if not answers or not only_calls:
            answers.append({"type": "text", "text": summary})
        messages.append({"role": "user", "content": answers})
        return {**body, "messages": messages}

    def merge(self, kept: Body, repaired: Body, rejected: set[str]) -> Body | None:
        if not any(
            b.get("type") == "tool_use" and _ref(b) not in rejected
            for b in kept.get("content") or ()
        ):
            return None
        merged = copy.deepcopy(kept)
        staying = [
            b
            for b in merged.get("content") or ()
            if not (b.get("type") == "tool_use" and _ref(b) in rejected)
        ]
        seen = {_call_key(b) for b in staying if b.get("type") == "tool_use"}
        new_calls = [
            copy.deepcopy(b)
            for b in repaired.get("content") or ()
            if b.get("type") == "tool_use" and _call_key(b) not in seen
        ]
        merged["content"] = staying + new_calls
        merged["stop_reason"] = "tool_use"
        merged["usage"] = sum_usage(kept.get("usage"), repaired.get("usage"))
        return merged

    def render_frames(self, response: Body) -> list[bytes]:
        start = {k: v for k, v in response.items() if k not in ("content", "stop_reason")}
        start.update(content=[], stop_reason=None)
        out = [event("message_start", {"type": "message_start", "message": start})]
        for index, block in enumerate(response.get("content") or ()):
            opening, deltas = _opening_and_deltas(block)
            out.append(
                event(
                    "content_block_start",
                    {"type": "content_block_start", "index": index, "content_block": opening},
                )
            )
            for delta in deltas:
                out.append(
                    event(
                        "content_block_delta",
                        {"type": "content_block_delta", "index": index, "delta": delta},
                    )
                )
            out.append(event("content_block_stop", {"type": "content_block_stop", "index": index}))
        usage = response.get("usage") or {}
        out.append(
            event(
                "message_delta",
                {
                    "type": "message_delta",
                    "delta": {
                        "stop_reason": response.get("stop_reason"),
                        "stop_sequence": response.get("stop_sequence"),
                    },
                    "usage": {"output_tokens": usage.get("output_tokens", 0)},
                },
            )
        )
        out.append(event("message_stop", {"type": "message_stop"}))
        return out

    def annotate(self, response: Body, note: str) -> Body:
        annotated = copy.deepcopy(response)
        annotated.setdefault("content", []).append({"type": "text", "text": note})
        return annotated

    def annotate_frames(self, frames: Sequence[SSEFrame], note: str) -> list[bytes]:
        out = [f.raw for f in frames]
        indices = [
            data.get("index")
            for data in map(frame_json, frames)
            if data is not None and data.get("type") == "content_block_start"
        ]
        index = max((i for i in indices if isinstance(i, int)), default=-1) + 1
        added = [
            event(
                "content_block_start",
                {
                    "type": "content_block_start",
                    "index": index,
                    "content_block": {"type": "text", "text": ""},
                },
            ),
            event(
                "content_block_delta",
                {
                    "type": "content_block_delta",
                    "index": index,
                    "delta": {"type": "text_delta", "text": note},
                },
            ),
            event("content_block_stop", {"type": "content_block_stop", "index": index}),
        ]
        for position, frame in enumerate(frames):
            data = frame_json(frame)
            if data is not None and data.get("type") in ("message_delta", "message_stop"):
                return out[:position] + added + out[position:]
        return out + added

    def error_body(self, error: ProxyError) -> Body:
        kind = _ERROR_TYPES.get(error.status, "api_error")
        return {"type": "error", "error": {"type": kind, "message": error.message}}

    def stream_error(self, error: ProxyError) -> bytes:
        return event("error", self.upstream_error(error) or self.error_body(error))

    def error_shaped(self, value: Any) -> bool:
        if not isinstance(value, dict) or value.get("type") != "error":
            return False
        error = value.get("error")
        return (
            isinstance(error, dict)
            and isinstance(error.get("type"), str)
            and isinstance(error.get("message"), str)
        )

    def stream_failure(self, frames: Sequence[SSEFrame]) -> tuple[int, Body] | None:
        for frame in frames:
            data = frame_json(frame)
            if data is not None and (frame.event == "error" or data.get("type") == "error"):
                if not self.error_shaped(data):
                    text = orjson.dumps(data).decode()[:500]
                    data = {"type": "error", "error": {"type": "api_error", "message": text}}
                return _TYPE_STATUS.get(data["error"]["type"], 502), data
        return None

    def stream_done(self, frames: Sequence[SSEFrame]) -> bool:
        return any(f.event == "message_stop" for f in frames[-3:])


def _ref(block: Body) -> str:
    """A tool_use block's ref, as artifacts() names it (ids of any JSON type compare)."""
    return str(block.get("id", ""))


def _call_key(block: Body) -> tuple[str, str]:
    return str(block.get("name", "")), arguments_key(block.get("input"))


def _opening_and_deltas(block: Body) -> tuple[Body, list[Body]]:
    """How a stream opens a whole content block, and the deltas that fill it."""
    kind = block.get("type")
    if kind == "text":
        return {**block, "text": ""}, [{"type": "text_delta", "text": block.get("text", "")}]
    if kind == "tool_use":
        arguments = orjson.dumps(block.get("input") or {}).decode()
        return {**block, "input": {}}, [{"type": "input_json_delta", "partial_json": arguments}]
    if kind == "thinking":
        return {**block, "thinking": "", "signature": ""}, [
            {"type": "thinking_delta", "thinking": block.get("thinking", "")},
            {"type": "signature_delta", "signature": block.get("signature", "")},
        ]
    return block, []  # redacted thinking, server tool results...: whole at the start


def _add_delta(block: Body, pieces: dict[str, list[str]], data: Body) -> None:
    delta = data.get("delta") or {}
    kind = delta.get("type")
    if kind == "text_delta":
        pieces.setdefault("text", []).append(str(delta.get("text", "")))
    elif kind == "input_json_delta":
        pieces.setdefault("partial_json", []).append(str(delta.get("partial_json", "")))
    elif kind == "thinking_delta":
        pieces.setdefault("thinking", []).append(str(delta.get("thinking", "")))
    elif kind == "signature_delta":
        block["signature"] = delta.get("signature", "")
    elif kind == "citations_delta":
        block.setdefault("citations", []).append(delta.get("citation"))


def _bounded(value: Any) -> int:
    if not isinstance(value, int) or not 0 <= value < _MAX_BLOCKS:
        raise ValueError(f"content block index {value!r} out of range")
    return value


def _text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        texts = []
        for block in content:
            if not isinstance(block, dict):
                continue
            if isinstance(block.get("text"), str):
                texts.append(block["text"])
            elif block.get("type") == "tool_result":
                texts.append(_text_of(block.get("content")))
        return "\n".join(t for t in texts if t)
    return ""
