"""OpenAI Responses: POST /v1/responses, streamed (typed SSE events) or not.

Codex CLI speaks only this API. Its tools arrive as function tools, freeform custom
tools (apply_patch), or namespaced inside `input`; `store`, `previous_response_id`,
`include` and reasoning items pass through. A rejected call is answered as the API
expects: a function_call_output or custom_tool_call_output naming the findings.
"""

from __future__ import annotations

import copy
import secrets
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
    openai_error,
    rejected_calls,
    sum_usage,
)
from proxy.errors import BadRequest, ProxyError
from proxy.sse import SSEFrame, encode_event

__all__ = ["OpenAIResponses"]

_FINAL_EVENTS = ("response.completed", "response.failed", "response.incomplete")
_CALL_OUTPUTS = {
    "function_call": "function_call_output",
    "custom_tool_call": "custom_tool_call_output",
    "local_shell_call": "local_shell_call_output",
}


class OpenAIResponses(Dialect):
    """The Responses adapter."""

    name = "openai.responses"
    upstream_path = "/responses"
    keepalive = b": keepalive\n\n"

    def parse_request(self, body: Any) -> RequestInfo:
        if not isinstance(body, dict):
            raise BadRequest("The request body must be a JSON object.", code="invalid_body")
        model = body.get("model")
        if not isinstance(model, str) or not model.strip():
            raise BadRequest(
                "'model' must be a non-empty string.", param="model", code="missing_model"
            )
        given = body.get("input")
        if given is not None and not isinstance(given, (str, list)):
            raise BadRequest(
                "'input' must be a string or an array of input items.",
                param="input",
                code="invalid_type",
            )
        if given is None and body.get("previous_response_id") is None:
            raise BadRequest("Missing required parameter: 'input'.", param="input")
        instructions = body.get("instructions")
        if instructions is not None and not isinstance(instructions, str):
            raise BadRequest(
                "'instructions' must be a string.", param="instructions", code="invalid_type"
            )
        stream = body.get("stream")
        if stream is not None and not isinstance(stream, bool):
            raise BadRequest("'stream' must be a boolean.", param="stream", code="invalid_type")
        prompt = "\n\n".join(t for t in (instructions or "", _input_text(given)) if t)
        return RequestInfo(model=model, stream=bool(stream), prompt_text=prompt)

    def inject_system(self, body: Body, text: str) -> Body:
        instructions = body.get("instructions")
        if isinstance(instructions, str) and instructions.strip():
            return {**body, "instructions": f"{instructions}\n\n{text}"}
        return {**body, "instructions": text}

    def aggregate(self, frames: Sequence[SSEFrame]) -> Body:
        response: Body | None = None
        done: dict[int, Body] = {}
        for frame in frames:
            data = event_json(frame)
            if data is None:
                continue
            kind = data.get("type")
            if kind in ("response.created", *_FINAL_EVENTS) and isinstance(
                data.get("response"), dict
            ):
                response = copy.deepcopy(data["response"])
            elif kind == "response.output_item.done" and isinstance(data.get("item"), dict):
                done[int(data.get("output_index", len(done)))] = data["item"]
        if response is None:
            raise ValueError("no response event in the stream")
        if not response.get("output") and done:
            response["output"] = [done[i] for i in sorted(done)]
        return response

    def artifacts(self, response: Body) -> list[guards.Artifact]:
        found: list[guards.Artifact] = []
        for index, item in enumerate(response.get("output") or ()):
            kind = item.get("type")
            ref = str(item.get("call_id") or item.get("id") or index)
            if kind == "message":
                for part_index, part in enumerate(item.get("content") or ()):
                    if part.get("type") == "output_text" and isinstance(part.get("text"), str):
                        prefix = f"output:{index}:{part_index}:"
                        found += guards.text_artifacts(part["text"], ref_prefix=prefix)
            elif kind == "function_call":
                found += self.tool_artifacts(
                    str(item.get("name", "")), item.get("arguments") or "", ref
                )
            elif kind == "custom_tool_call" and isinstance(item.get("input"), str):
                name = str(item.get("name", ""))
                found += guards.artifacts_from_custom_tool_call(
                    name, item["input"], ref=ref, mapped=name in self.tools
                )
            elif kind == "local_shell_call":
                action = item.get("action") or {}
                found += guards.artifacts_from_tool_call(
                    "local_shell", {"command": action.get("command")}, ref=ref
                )
        return found

    def repair_request(
        self, body: Body, response: Body, problems: Sequence[Problem], summary: str
    ) -> Body:
        output = copy.deepcopy(response.get("output") or [])
        by_call, only_calls = rejected_calls(problems)
        answers: list[Body] = []
        for item in output:
            kind = item.get("type")
            answer_type = _CALL_OUTPUTS.get(kind) if isinstance(kind, str) else None
            if answer_type is None:
                continue
            call_id = str(item.get("call_id", ""))
            text = by_call.get(call_id, KEPT if only_calls else NOT_RUN)
            if answer_type == "local_shell_call_output":  # answered by the call's id
                answers.append({"type": answer_type, "id": call_id, "output": text})
            else:
                answers.append({"type": answer_type, "call_id": call_id, "output": text})
        if not answers or not only_calls:
            answers.append({"role": "user", "content": summary})
        if (
            body.get("store") is not False
            and response.get("id")
            and body.get("previous_response_id")
        ):
            # the conversation lives upstream: continue from this answer
            return {**body, "previous_response_id": response["id"], "input": answers}
        if body.get("store") is False:
            # not persisted upstream: a reasoning item is only usable with its content
            output = [
                item
                for item in output
                if item.get("type") != "reasoning" or item.get("encrypted_content")
            ]
        given = body.get("input")
        history = (
            [{"role": "user", "content": given}] if isinstance(given, str) else list(given or [])
        )
        return {**body, "input": [*history, *output, *answers]}

    def merge(self, kept: Body, repaired: Body, rejected: set[str]) -> Body | None:
        calls = ("function_call", "custom_tool_call", "local_shell_call")
        if not any(
            item.get("type") in calls and str(item.get("call_id")) not in rejected
            for item in kept.get("output") or ()
        ):
            return None
        merged = copy.deepcopy(kept)
        staying = [
            item
            for item in merged.get("output") or ()
            if not (item.get("type") in calls and str(item.get("call_id")) in rejected)
        ]
        seen = {_call_key(item) for item in staying if item.get("type") in calls}
        # the repaired calls keep the reasoning that produced them (store=false needs it)
        fresh = [
            item
            for item in repaired.get("output") or ()
            if item.get("type") in calls and _call_key(item) not in seen
        ]
        added = [
            copy.deepcopy(item)
            for item in repaired.get("output") or ()
            if (item.get("type") == "reasoning" and fresh) or any(item is f for f in fresh)
        ]
        merged["output"] = staying + added
        merged["usage"] = sum_usage(kept.get("usage"), repaired.get("usage"))
        return merged

    def render_frames(self, response: Body) -> list[bytes]:
        sequence = iter(range(1 << 30))

        def emit(name: str, payload: Body) -> bytes:
            data = {"type": name, "sequence_number": next(sequence), **payload}
            return encode_event(orjson.dumps(data).decode(), name)

        opening = {**response, "status": "in_progress", "output": []}
        out = [emit("response.created", {"response": opening})]
        for index, item in enumerate(response.get("output") or ()):
            out += _item_events(emit, index, item)
        final = response.get("status")
        name = "response.completed" if final in (None, "completed") else f"response.{final}"
        out.append(
            emit(name if name in _FINAL_EVENTS else "response.completed", {"response": response})
        )
        return out

    def annotate(self, response: Body, note: str) -> Body:
        annotated = copy.deepcopy(response)
        annotated.setdefault("output", []).append(_note_item(note))
        return annotated

    def annotate_frames(self, frames: Sequence[SSEFrame], note: str) -> list[bytes]:
        out: list[bytes] = []
        item = _note_item(note)
        for frame in frames:
            data = frame_json(frame)
            if data is None or data.get("type") not in _FINAL_EVENTS:
                out.append(frame.raw)
                continue
            final = copy.deepcopy(data)
            outputs = final.setdefault("response", {}).setdefault("output", [])
            index = len(outputs)
            part = item["content"][0]
            for name, payload in (
                (
                    "response.output_item.added",
                    {
                        "output_index": index,
                        "item": {**item, "content": [], "status": "in_progress"},
                    },
                ),
                (
                    "response.content_part.added",
                    {
                        "output_index": index,
                        "content_index": 0,
                        "item_id": item["id"],
                        "part": {**part, "text": ""},
                    },
                ),
                (
                    "response.output_text.delta",
                    {
                        "output_index": index,
                        "content_index": 0,
                        "item_id": item["id"],
                        "delta": note,
                    },
                ),
                (
                    "response.output_text.done",
                    {
                        "output_index": index,
                        "content_index": 0,
                        "item_id": item["id"],
                        "text": note,
                    },
                ),
                (
                    "response.content_part.done",
                    {
                        "output_index": index,
                        "content_index": 0,
                        "item_id": item["id"],
                        "part": part,
                    },
                ),
                ("response.output_item.done", {"output_index": index, "item": item}),
            ):
                out.append(encode_event(orjson.dumps({"type": name, **payload}).decode(), name))
            outputs.append(item)
            out.append(encode_event(orjson.dumps(final).decode(), frame.event))
        return out

    def error_body(self, error: ProxyError) -> Body:
        return openai_error(error)

    def stream_error(self, error: ProxyError) -> bytes:
        upstream = self.upstream_error(error)
        detail: Body = upstream["error"] if upstream else openai_error(error)["error"]
        data = {
            "type": "error",
            "code": detail.get("code") or detail.get("type") or "upstream_error",
            "message": detail["message"],
            "param": detail.get("param"),
        }
        return encode_event(orjson.dumps(data).decode(), "error")

    def stream_failure(self, frames: Sequence[SSEFrame]) -> tuple[int, Body] | None:
        for frame in frames:
            data = frame_json(frame)
            if data is None or data.get("type") not in ("error", "response.failed"):
                continue
            if data["type"] == "response.failed":  # the API's way to fail a begun response
                response = data.get("response")
                failed = response.get("error") if isinstance(response, dict) else None
                data = failed if isinstance(failed, dict) else {}
            message = data.get("message")
            code = data.get("code")
            error = {
                "message": message if isinstance(message, str) else "the upstream failed",
                "type": code if isinstance(code, str) else "upstream_error",
                "param": data.get("param"),
                "code": code,
            }
            return 502, {"error": error}
        return None

    def stream_done(self, frames: Sequence[SSEFrame]) -> bool:
        return any(f.event in _FINAL_EVENTS for f in frames[-3:])


def _call_key(item: Body) -> tuple[str, str]:
    if item.get("type") == "local_shell_call":  # no name or arguments: its action says it
        return "local_shell", arguments_key(item.get("action"))
    return str(item.get("name", "")), arguments_key(item.get("arguments", item.get("input", "")))


def _item_events(emit: Any, index: int, item: Body) -> list[bytes]:
    """The events that stream one whole output item."""
    kind = item.get("type")
    empty = {**item, "status": "in_progress"}
    if kind == "message":
        empty["content"] = []
    elif kind == "function_call":
        empty["arguments"] = ""
    elif kind == "custom_tool_call":
        empty["input"] = ""
    out = [emit("response.output_item.added", {"output_index": index, "item": empty})]
    if kind == "message":
        for part_index, part in enumerate(item.get("content") or ()):
            where = {"output_index": index, "content_index": part_index, "item_id": item.get("id")}
            text = part.get("text", "") if part.get("type") == "output_text" else None
            opened = {**part, "text": ""} if text is not None else part
            out.append(emit("response.content_part.added", {**where, "part": opened}))
            if text is not None:
                out.append(emit("response.output_text.delta", {**where, "delta": text}))
                out.append(emit("response.output_text.done", {**where, "text": text}))
            out.append(emit("response.content_part.done", {**where, "part": part}))
    elif kind in ("function_call", "custom_tool_call"):
        key = "arguments" if kind == "function_call" else "input"
        prefix = (
            "response.function_call_arguments"
            if kind == "function_call"
            else "response.custom_tool_call_input"
        )
        where = {"output_index": index, "item_id": item.get("id")}
        out.append(emit(f"{prefix}.delta", {**where, "delta": item.get(key, "")}))
        out.append(emit(f"{prefix}.done", {**where, key: item.get(key, "")}))
    out.append(emit("response.output_item.done", {"output_index": index, "item": item}))
    return out


def _note_item(note: str) -> Body:
    return {
        "id": f"msg_codetamer_{secrets.token_hex(8)}",
        "type": "message",
        "status": "completed",
        "role": "assistant",
        "content": [{"type": "output_text", "text": note, "annotations": []}],
    }


def _input_text(given: Any) -> str:
    """The user's words in `input`: a string, or the text of its user messages."""
    if isinstance(given, str):
        return given
    texts: list[str] = []
    for item in given or ():
        if not isinstance(item, dict) or item.get("role") not in ("user", "system", "developer"):
            continue
        content = item.get("content")
        if isinstance(content, str):
            texts.append(content)
        elif isinstance(content, list):
            texts += [
                p["text"] for p in content if isinstance(p, dict) and isinstance(p.get("text"), str)
            ]
    return "\n".join(texts)
