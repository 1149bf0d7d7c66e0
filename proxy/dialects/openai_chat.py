"""OpenAI Chat Completions: POST /v1/chat/completions, streamed (SSE) or not."""

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
    frame_json,
    openai_error,
    rejected_calls,
    sum_usage,
)
from proxy.errors import BadRequest, ProxyError
from proxy.sse import SSEFrame, encode_event

__all__ = ["OpenAIChat"]


class OpenAIChat(Dialect):
    """The Chat Completions adapter."""

    name = "openai.chat"
    upstream_path = "/chat/completions"
    keepalive = b": keepalive\n\n"

    def parse_request(self, body: Any) -> RequestInfo:
        if not isinstance(body, dict):
            raise BadRequest("The request body must be a JSON object.", code="invalid_body")
        model = body.get("model")
        if model is None:
            raise BadRequest(
                "You must provide a model parameter.", param="model", code="missing_model"
            )
        if not isinstance(model, str) or not model.strip():
            raise BadRequest(
                "'model' must be a non-empty string.", param="model", code="invalid_type"
            )
        messages = body.get("messages")
        if not isinstance(messages, list) or not messages:
            raise BadRequest(
                "'messages' must be a non-empty array of messages.",
                param="messages",
                code="invalid_type",
            )
        for index, message in enumerate(messages):
            if not isinstance(message, dict) or not isinstance(message.get("role"), str):
                raise BadRequest(
                    f"messages[{index}] must be an object with a string 'role'.",
                    param=f"messages[{index}]",
                    code="invalid_type",
                )
        stream = body.get("stream")
        if stream is not None and not isinstance(stream, bool):
            raise BadRequest("'stream' must be a boolean.", param="stream", code="invalid_type")
        prompt = "\n\n".join(
            _text_of(m.get("content")) for m in messages if m["role"] != "assistant"
        )
        return RequestInfo(model=model, stream=bool(stream), prompt_text=prompt)

    def inject_system(self, body: Body, text: str) -> Body:
        messages = list(body["messages"])
        first = messages[0]
        if first.get("role") in ("system", "developer"):
            content = first.get("content")
            if isinstance(content, str):
                messages[0] = {**first, "content": f"{text}\n\n{content}"}
            elif isinstance(content, list):
                messages[0] = {**first, "content": [{"type": "text", "text": text}, *content]}
            else:
                messages.insert(0, {"role": "system", "content": text})
        else:
            messages.insert(0, {"role": "system", "content": text})
        return {**body, "messages": messages}

    def aggregate(self, frames: Sequence[SSEFrame]) -> Body:
        response: Body = {"object": "chat.completion"}
        choices: dict[int, _Choice] = {}
        for frame in frames:
            if frame.data is None or frame.data.strip() == "[DONE]":
                continue
            chunk = orjson.loads(frame.data)
            if not isinstance(chunk, dict):
                continue
            for key in ("id", "created", "model", "system_fingerprint", "service_tier"):
                if chunk.get(key) is not None:
                    response[key] = chunk[key]
            if chunk.get("usage") is not None:
                response["usage"] = chunk["usage"]
            for part in chunk.get("choices") or ():
                index = _bounded_index(part.get("index", 0))
                choice = choices.get(index) or choices.setdefault(index, _Choice(index))
                choice.add(part)
        response["choices"] = [choices[i].body() for i in sorted(choices)]
        return response

    def artifacts(self, response: Body) -> list[guards.Artifact]:
        found: list[guards.Artifact] = []
        for choice in response.get("choices") or ():
            message = choice.get("message") or {}
            index = choice.get("index", 0)
            content = message.get("content")
            if isinstance(content, str):
                found += guards.text_artifacts(content, ref_prefix=f"choice:{index}:")
            for call in message.get("tool_calls") or ():
                function = call.get("function") or {}
                found += self.tool_artifacts(
                    str(function.get("name", "")),
                    function.get("arguments") or "",
                    str(call.get("id", "")),
                )
            legacy = message.get("function_call")
            if isinstance(legacy, dict):
                found += self.tool_artifacts(
                    str(legacy.get("name", "")), legacy.get("arguments") or "", "function_call"
                )
        return found

    def repair_request(
        self, body: Body, response: Body, problems: Sequence[Problem], summary: str
    ) -> Body:
        choices = response.get("choices") or [{}]
        message = _choice_of(choices, problems).get("message") or {}
        turn: Body = {"role": "assistant", "content": message.get("content")}
        calls = message.get("tool_calls") or []
        if calls:
            turn["tool_calls"] = copy.deepcopy(calls)
        messages = [*body["messages"], turn]
        by_call, only_calls = rejected_calls(problems)
        for call in calls:
            call_id = str(call.get("id", ""))
            answer = by_call.get(call_id, KEPT if only_calls else NOT_RUN)
            messages.append({"role": "tool", "tool_call_id": call_id, "content": answer})
        if not calls or not only_calls:
            messages.append({"role": "user", "content": summary})
        return {**body, "messages": messages}

    def merge(self, kept: Body, repaired: Body, rejected: set[str]) -> Body | None:
        if not any(
            _ref(call) not in rejected
            for choice in kept.get("choices") or ()
            for call in (choice.get("message") or {}).get("tool_calls") or ()
        ):
            return None
        merged = copy.deepcopy(kept)
        new_calls = [
            call
            for choice in repaired.get("choices") or ()
            for call in (choice.get("message") or {}).get("tool_calls") or ()
        ]
        for choice in merged.get("choices") or ():
            message = choice.get("message") or {}
            calls = message.get("tool_calls")
            if not calls or not any(_ref(c) in rejected for c in calls):
                continue
            staying = [c for c in calls if _ref(c) not in rejected]
            seen = {_call_key(c) for c in staying}
            message["tool_calls"] = staying + [
                copy.deepcopy(c) for c in new_calls if _call_key(c) not in seen
            ]
            choice["finish_reason"] = "tool_calls"
        merged["usage"] = sum_usage(kept.get("usage"), repaired.get("usage"))
        return merged

    def render_frames(self, response: Body) -> list[bytes]:
        head: Body = {
            key: response[key]
            for key in ("id", "created", "model", "system_fingerprint", "service_tier")
            if key in response
        }
        head["object"] = "chat.completion.chunk"

        def chunk(choices: list[Body], **extra: Any) -> bytes:
            return encode_event(orjson.dumps({**head, "choices": choices, **extra}).decode())

        out: list[bytes] = []
        for choice in response.get("choices") or ():
            index = choice.get("index", 0)
            message = choice.get("message") or {}
            delta = {k: v for k, v in message.items() if k != "tool_calls"}
            out.append(chunk([{"index": index, "delta": delta, "finish_reason": None}]))
            for position, call in enumerate(message.get("tool_calls") or ()):
                piece = {"index": position, **call}
                out.append(
                    chunk(
                        [{"index": index, "delta": {"tool_calls": [piece]}, "finish_reason": None}]
                    )
                )
            finish = choice.get("finish_reason") or "stop"
            out.append(chunk([{"index": index, "delta": {}, "finish_reason": finish}]))
        if response.get("usage") is not None:
            out.append(chunk([], usage=response["usage"]))
        out.append(encode_event("[DONE]"))
        return out

    def annotate(self, response: Body, note: str) -> Body:
        annotated = copy.deepcopy(response)
        for choice in annotated.get("choices") or ():
            message = choice.get("message")
            if not isinstance(message, dict):  # absent or null: artifacts() read it as empty
                message = choice["message"] = {"role": "assistant"}
            content = message.get("content")
            message["content"] = f"{content}\n\n{note}" if content else note
        return annotated

    def annotate_frames(self, frames: Sequence[SSEFrame], note: str) -> list[bytes]:
        out = [f.raw for f in frames]
        for position, frame in enumerate(frames):
            done = frame.data is not None and frame.data.strip() == "[DONE]"
            chunk = {} if done else frame_json(frame)
            if chunk is None:
                continue
            finishing = [
                c for c in chunk.get("choices") or () if c.get("finish_reason") is not None
            ]
            if finishing or frame.data == "[DONE]":
                head: Body = {
                    k: chunk[k]
                    for k in ("id", "object", "created", "model", "system_fingerprint")
                    if k in chunk
                }
                index = finishing[0].get("index", 0) if finishing else 0
                extra: Body = {
                    **head,
                    "choices": [
                        {"index": index, "delta": {"content": f"\n\n{note}"}, "finish_reason": None}
                    ],
                }
                out.insert(position, encode_event(orjson.dumps(extra).decode()))
                return out
        out.append(
            encode_event(
                orjson.dumps({"choices": [{"index": 0, "delta": {"content": note}}]}).decode()
            )
        )
        return out

    def error_body(self, error: ProxyError) -> Body:
        return openai_error(error)

    def stream_error(self, error: ProxyError) -> bytes:
        body = self.upstream_error(error) or self.error_body(error)
        return encode_event(orjson.dumps(body).decode())

    def stream_failure(self, frames: Sequence[SSEFrame]) -> tuple[int, Body] | None:
        for frame in frames:
            chunk = frame_json(frame)
            if chunk is not None and self.error_shaped(chunk):
                return 502, {"error": chunk["error"]}
        return None

    def stream_done(self, frames: Sequence[SSEFrame]) -> bool:
        return any(f.data is not None and f.data.strip() == "[DONE]" for f in frames[-3:])


def _ref(call: Body) -> str:
    """A tool call's ref, as artifacts() names it (ids of any JSON type compare)."""
    return str(call.get("id", ""))


def _call_key(call: Body) -> tuple[str, str]:
    function = call.get("function") or {}
    return str(function.get("name", "")), arguments_key(function.get("arguments", ""))


def _choice_of(choices: list[Body], problems: Sequence[Problem]) -> Body:
    """The choice the first problem is in (with n > 1 the bad code may be in any)."""
    for problem in problems:
        ref = problem.artifact.ref
        for choice in choices:
            index = choice.get("index", 0)
            calls = (choice.get("message") or {}).get("tool_calls") or ()
            if ref.startswith(f"choice:{index}:") or any(c.get("id") == ref for c in calls):
                return choice
    return choices[0]


_MAX_INDEX = 256  # choices or tool calls in one answer; more is a broken upstream


def _bounded_index(value: Any) -> int:
    if not isinstance(value, int) or not 0 <= value < _MAX_INDEX:
        raise ValueError(f"index {value!r} out of range")
    return value


class _Choice:
    """One choice of a streamed answer, its text pieces kept in lists (joined once)."""

    def __init__(self, index: int) -> None:
        self.index = index
        self.fields: dict[str, Any] = {"role": "assistant"}
        self.texts: dict[str, list[str]] = {}
        self.calls: dict[int, dict[str, Any]] = {}
        self.extra: Body = {}

    def add(self, part: Body) -> None:
        for key, value in (part.get("delta") or {}).items():
            if key == "tool_calls" and isinstance(value, list):
                for call in value:
                    self._add_call(call)
            elif isinstance(value, str) and key != "role":
                self.texts.setdefault(key, []).append(value)
            elif value is not None:
                self.fields[key] = value
        for key in ("finish_reason", "logprobs"):
            if part.get(key) is not None:
                self.extra[key] = part[key]

    def _add_call(self, part: Body) -> None:
        index = _bounded_index(part.get("index", len(self.calls)))
        call = self.calls.setdefault(
            index, {"id": None, "type": "function", "name": [], "args": []}
        )
        for field in ("id", "type"):
            if part.get(field):
                call[field] = part[field]
        function = part.get("function") or {}
        if function.get("name"):
            call["name"].append(function["name"])
        if function.get("arguments"):
            call["args"].append(function["arguments"])

    def body(self) -> Body:
        message: Body = {**self.fields, "content": None}
        message.update({key: "".join(parts) for key, parts in self.texts.items()})
        if self.calls:
            message["tool_calls"] = [
                {
                    "id": c["id"],
                    "type": c["type"],
                    "function": {"name": "".join(c["name"]), "arguments": "".join(c["args"])},
                }
                for _, c in sorted(self.calls.items())
            ]
        return {"index": self.index, "message": message, **self.extra}


def _text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(
            p.get("text", "")
            for p in content
            if isinstance(p, dict) and isinstance(p.get("text"), str)
        )
    return ""
