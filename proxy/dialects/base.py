"""The dialect adapter: everything the gate loop needs to know about one client API.

The gate loop (proxy.gate) is written once against this interface; each API the proxy
speaks is one adapter. Bodies stay JSON dicts end to end, so fields the proxy does not
know pass through untouched.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import orjson

import guards
from proxy.errors import ProxyError, UpstreamStatus
from proxy.sse import SSEFrame

__all__ = [
    "KEPT",
    "NOT_RUN",
    "Dialect",
    "Problem",
    "RequestInfo",
    "ToolCode",
    "arguments_key",
    "event_json",
    "frame_json",
    "openai_error",
    "rejected_calls",
    "sum_usage",
]

Body = dict[str, Any]

NOT_RUN = (
    "Not run: codetamer rejected other code in this answer. "
    "Call this tool again if it is still needed."
)
KEPT = (
    "Accepted by codetamer unchanged: this call will be carried out as written. "
    "Do not send it again; send only the corrected version of the rejected call."
)


def rejected_calls(problems: Sequence[Problem]) -> tuple[dict[str, str], bool]:
    """The findings text for each rejected tool call (by ref), and whether tool calls were
    all that was rejected. A call can carry several artifacts (a patch of several files):
    their texts are joined."""
    texts: dict[str, list[str]] = {}
    for problem in problems:
        if problem.artifact.origin.startswith("tool_call"):
            texts.setdefault(problem.artifact.ref, []).append(problem.text)
    only_calls = all(p.artifact.origin.startswith("tool_call") for p in problems)
    return {ref: "\n\n".join(parts) for ref, parts in texts.items()}, only_calls


def arguments_key(arguments: Any) -> str:
    """A tool call's arguments in one canonical form, so that the same call sent again
    with other spacing or key order compares equal."""
    value = arguments
    if isinstance(arguments, str):
        try:
            value = orjson.loads(arguments)
        except orjson.JSONDecodeError:
            return arguments.strip()
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()
    except TypeError:
        return repr(value)


def frame_json(frame: SSEFrame) -> Body | None:
    """An event's data as a JSON object; None for comments, [DONE] and anything else."""
    if frame.data is None or not frame.data.lstrip().startswith("{"):
        return None  # [DONE], and anything else that cannot be an object: no parse, no raise
    try:
        value = orjson.loads(frame.data)
    except orjson.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


def event_json(frame: SSEFrame) -> Body | None:
    """An event's data as a JSON object; None for comments and [DONE].

    Raises:
        ValueError: data that is not a JSON object (the stream is malformed: what the
            gate cannot read must not reach the client unread).
    """
    if frame.data is None or frame.data.strip() == "[DONE]":
        return None
    value = orjson.loads(frame.data)
    if not isinstance(value, dict):
        raise ValueError(f"an event's data is {type(value).__name__}, not a JSON object")
    return value


def openai_error(error: ProxyError) -> Body:
    """OpenAI's error object, for both of its APIs."""
    return {
        "error": {
            "message": error.message,
            "type": error.error_type,
            "param": error.param,
            "code": error.code,
        }
    }


def sum_usage(first: Any, second: Any) -> Any:
    """Token counts of two answers added up (numbers added, nested counts too)."""
    if not isinstance(first, dict) or not isinstance(second, dict):
        return second if second is not None else first
    total = dict(first)
    for key, value in second.items():
        mine = total.get(key)
        if isinstance(value, int) and isinstance(mine, int) and not isinstance(value, bool):
            total[key] = mine + value
        elif isinstance(value, dict) and isinstance(mine, dict):
            total[key] = sum_usage(mine, value)
        else:
            total.setdefault(key, value)
    return total


@dataclass(frozen=True, slots=True)
class RequestInfo:
    """What the proxy needs to know of a client request."""

    model: str
    stream: bool
    prompt_text: str


@dataclass(frozen=True, slots=True)
class Problem:
    """An artifact of an answer and the findings that block it, with the text to show."""

    artifact: guards.Artifact
    findings: tuple[guards.Finding, ...]
    text: str


@dataclass(frozen=True, slots=True)
class ToolCode:
    """Where a configured tool carries code: the argument, and the one naming its file."""

    code: str
    path: str | None = None


class Dialect(ABC):
    """One client API."""

    name: str
    upstream_path: str
    upstream_kind: str = "openai"  # the kind of upstream that speaks this API
    client_headers: tuple[str, ...] = ()  # request headers passed on to the upstream
    keepalive: bytes

    def __init__(self, tools: Mapping[str, ToolCode] | None = None) -> None:
        """Args:
        tools: custom tools the configuration maps to the argument that carries code.
        """
        self.tools: Mapping[str, ToolCode] = tools or {}

    def tool_artifacts(
        self, name: str, arguments: str | Mapping[str, Any], ref: str
    ) -> list[guards.Artifact]:
        """The code in one tool call, read as the configuration maps the tool, if it does."""
        mapped = self.tools.get(name)
        return guards.artifacts_from_tool_call(
            name,
            arguments,
            ref=ref,
            code_argument=mapped.code if mapped else None,
            path_argument=mapped.path if mapped else None,
        )

    @abstractmethod
    def parse_request(self, body: Any) -> RequestInfo:
        """Validate a request body; raise BadRequest naming the field at fault."""

    @abstractmethod
    def inject_system(self, body: Body, text: str) -> Body:
        """Return a copy of the body with the text added as system instructions."""

    @abstractmethod
    def aggregate(self, frames: Sequence[SSEFrame]) -> Body:
        """Fold a streamed answer's events into the non-streamed response body."""

    @abstractmethod
    def artifacts(self, response: Body) -> list[guards.Artifact]:
        """List the code in a response body."""

    @abstractmethod
    def repair_request(
        self, body: Body, response: Body, problems: Sequence[Problem], summary: str
    ) -> Body:
        """Return the next round's request: the conversation, the model's answer, the findings."""

    @abstractmethod
    def merge(self, kept: Body, repaired: Body, rejected: set[str]) -> Body | None:
        """The earlier answer with its rejected tool calls (by ref) replaced by the tool calls
        of the answer that repaired them; its other calls stay exactly as they were.
        None when the earlier answer has no other tool call to keep."""

    @abstractmethod
    def render_frames(self, response: Body) -> list[bytes]:
        """A complete answer as the stream the API would have sent for it."""

    @abstractmethod
    def annotate(self, response: Body, note: str) -> Body:
        """Return the response with a note to the user appended."""

    @abstractmethod
    def annotate_frames(self, frames: Sequence[SSEFrame], note: str) -> list[bytes]:
        """Return a stream's frames with the note added as it would have streamed."""

    @abstractmethod
    def error_body(self, error: ProxyError) -> Body:
        """The API's error object for a proxy error."""

    @abstractmethod
    def stream_error(self, error: ProxyError) -> bytes:
        """An error as an event, for a stream whose headers are already sent."""

    def error_shaped(self, value: Any) -> bool:
        """True for a body in this API's error shape (OpenAI's, unless a dialect says)."""
        error = value.get("error") if isinstance(value, dict) else None
        return isinstance(error, dict) and isinstance(error.get("message"), str)

    def upstream_error(self, error: ProxyError) -> Body | None:
        """The upstream's own error body, when the error carries one in this API's shape
        (it is then passed on as it is); None otherwise."""
        if not isinstance(error, UpstreamStatus):
            return None
        try:
            value = orjson.loads(error.body)
        except orjson.JSONDecodeError:
            return None
        return value if self.error_shaped(value) else None

    def stream_failure(self, frames: Sequence[SSEFrame]) -> tuple[int, Body] | None:
        """The API's own error event in a stream, if it holds one: the status the API gives
        that error, and the error as a body in the API's error shape."""
        return None

    def served_model(self, response: Body) -> str | None:
        """The model the upstream says answered (every API names it `model`)."""
        model = response.get("model")
        return model if isinstance(model, str) else None

    def usage(self, response: Body) -> dict[str, Any] | None:
        """The response's token usage, as the API reports it (every API calls it `usage`)."""
        usage = response.get("usage")
        return usage if isinstance(usage, dict) else None

    @abstractmethod
    def stream_done(self, frames: Sequence[SSEFrame]) -> bool:
        """True when the frames end the way a complete stream ends."""
