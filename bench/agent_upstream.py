"""A scripted "agent-aware" model upstream for bench/agents_e2e.py.

It plays the model behind a real coding agent, reading the conversation rather than
a queue of canned answers, for three APIs:

- Anthropic Messages (POST /v1/messages, /v1/messages/count_tokens): Claude Code;
- OpenAI Responses (POST /v1/responses): Codex CLI;
- OpenAI Chat Completions (POST /v1/chat/completions): Aider (no tools, text edits).

The script of a `Scenario`:

- the last user turn holds the task (its marker) and the request offers a file tool:
  answer with a tool call writing the INSECURE code;
- the last turn answers a tool call with codetamer's rejection (a tool_result with
  is_error, a function_call_output / custom_tool_call_output naming codetamer): answer
  with the SECURE code;
- the last turn is the ordinary result of a tool call: a short final text;
- anything else (titles, quota checks, summaries, small-model calls): a short text.

Streams are sent in each API's own SSE format (named Anthropic events; typed Responses
events; Chat Completions chunks ending in [DONE]), built by the test upstreams' helpers.
Every request is kept in `Scenario.log` with the decision taken. `create_relay` is a
pass-through to put between the agent and the proxy: it notes what the agent sent
(model, message roles or input item types) and how each answer began.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import httpx2
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from tests.upstreams import anthropic_server, openai_server, responses_api

__all__ = ["INSECURE", "SECURE", "Exchange", "Scenario", "create_agent_upstream", "create_relay"]

INSECURE = '''import sqlite3


def find_user(conn: sqlite3.Connection, name: str) -> tuple | None:
    """Return the (id, name) row of the user with this name, or None."""
    cur = conn.cursor()
    cur.execute("SELECT id, name FROM users WHERE name = '%s'" % name)
    return cur.fetchone()
'''

SECURE = '''import sqlite3


def find_user(conn: sqlite3.Connection, name: str) -> tuple | None:
    """Return the (id, name) row of the user with this name, or None."""
    cur = conn.cursor()
    cur.execute("SELECT id, name FROM users WHERE name = ?", (name,))
    return cur.fetchone()
'''

FILE_TOOLS_ANTHROPIC = ("Write",)
PATCH_TOOL = "apply_patch"
SHELL_TOOLS = ("shell", "exec_command", "local_shell", "container.exec")

_ids = itertools.count(1)


@dataclass
class Decision:
    """What the upstream saw and answered, for the report."""

    api: str
    path: str
    model: str
    stream: bool
    action: str  # insecure | secure | final | text | giveup | count
    detail: str = ""


@dataclass
class Scenario:
    """The task, the two versions of the file, and what the upstream has seen."""

    marker: str = "users.py"
    filename: str = "users.py"
    workdir: str = ""  # absolute directory for Claude Code's Write (it wants absolute paths)
    insecure: str = INSECURE
    secure: str = SECURE
    final_text: str = "Done: users.py now looks users up with a parameterized query."
    side_text: str = "Find user by name"
    giveup_text: str = "I could not write users.py."
    max_repairs: int = 3  # secure answers before the upstream gives up (no endless loops)
    delay: float = 0.0  # seconds of "thinking" before each answer that carries code
    log: list[Decision] = field(default_factory=list)
    raw: list[dict[str, Any]] = field(default_factory=list)  # every request body, in order
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, decision: Decision, body: dict[str, Any]) -> None:
        with self.lock:
            self.log.append(decision)
            self.raw.append({"path": decision.path, "action": decision.action, "body": body})

    def actions(self) -> list[str]:
        return [d.action for d in self.log]

    def file_path(self) -> str:
        return f"{self.workdir.rstrip('/')}/{self.filename}" if self.workdir else self.filename

    def patch(self, code: str) -> str:
        """An apply_patch envelope that adds the file with this code."""
        lines = "".join(f"+{line}\n" for line in code.splitlines())
        return f"*** Begin Patch\n*** Add File: {self.filename}\n{lines}*** End Patch\n"

    def repairs(self) -> int:
        with self.lock:
            return sum(d.action == "secure" for d in self.log)


def _text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = []
        for block in content:
            if isinstance(block, str):
                parts.append(block)
            elif isinstance(block, dict):
                if isinstance(block.get("text"), str):
                    parts.append(block["text"])
                elif "content" in block:
                    parts.append(_text_of(block["content"]))
        return "\n".join(parts)
    return ""


def _plain(scenario: Scenario, action: str) -> str:
    if action == "final":
        return scenario.final_text
    return scenario.giveup_text if action == "giveup" else scenario.side_text


def _rejection(text: str) -> bool:
    """codetamer's answer to a rejected call (gate.describe_findings starts it so)."""
    return "codetamer rejected" in text


def _bounded(scenario: Scenario, decided: tuple[str, str]) -> tuple[str, str]:
    action, detail = decided
    if action == "secure" and scenario.repairs() >= scenario.max_repairs:
        return "giveup", detail
    return action, detail


# ---------------------------------------------------------------- Anthropic Messages


def _anthropic_decide(scenario: Scenario, body: dict[str, Any]) -> tuple[str, str]:
    tools = {t.get("name") for t in body.get("tools") or () if isinstance(t, dict)}
    writes = any(name in tools for name in FILE_TOOLS_ANTHROPIC)
    # Claude Code may end the list with a mid-conversation "system" message: skip those
    messages = [
        m for m in body.get("messages") or () if isinstance(m, dict) and m.get("role") != "system"
    ]
    last = messages[-1] if messages else {}
    if last.get("role") != "user":
        return "text", "last turn is not the user's"
    content = last.get("content")
    blocks = content if isinstance(content, list) else [{"type": "text", "text": content}]
    results = [b for b in blocks if isinstance(b, dict) and b.get("type") == "tool_result"]
    if results:
        texts = [_text_of(r.get("content")) for r in results]
        if writes and any(
            r.get("is_error") and _rejection(t) for r, t in zip(results, texts, strict=True)
        ):
            return "secure", texts[0][:300]
        return "final", texts[0][:300]
    text = _text_of(blocks)
    if writes and scenario.marker in text:
        return "insecure", ""
    return "text", text[:120]


def _thought(body: dict[str, Any], action: str) -> list[dict[str, Any]]:
    """A signed thinking block first, as a real model sends when thinking is on."""
    thinking = body.get("thinking")
    if isinstance(thinking, dict) and thinking.get("type") in ("enabled", "adaptive"):
        return [anthropic_server.thinking(f"The user wants {action} handling here.")]
    return []


def _anthropic_blocks(scenario: Scenario, action: str) -> list[dict[str, Any]]:
    if action in ("insecure", "secure"):
        code = scenario.insecure if action == "insecure" else scenario.secure
        return [
            anthropic_server.text(f"I'll write {scenario.filename}."),
            anthropic_server.tool_use(
                f"toolu_bench{next(_ids):04d}",
                "Write",
                {"file_path": scenario.file_path(), "content": code},
            ),
        ]
    return [anthropic_server.text(_plain(scenario, action))]


# ---------------------------------------------------------------- OpenAI Responses


def _tool_names(body: dict[str, Any]) -> dict[str, str]:
    """Tool name -> its type ("function", "custom", "local_shell"...)."""
    names = {}
    for tool in body.get("tools") or ():
        if isinstance(tool, dict):
            names[str(tool.get("name") or tool.get("type"))] = str(tool.get("type"))
    return names


def _responses_decide(scenario: Scenario, body: dict[str, Any]) -> tuple[str, str]:
    tools = _tool_names(body)
    can_write = PATCH_TOOL in tools or any(s in tools for s in SHELL_TOOLS)
    given = body.get("input")
    items = [{"role": "user", "content": given}] if isinstance(given, str) else list(given or [])
    if not items:
        return "text", "no input"
    last = items[-1]
    kind = last.get("type", "message")
    if kind in ("function_call_output", "custom_tool_call_output", "local_shell_call_output"):
        output = last.get("output")
        text = output if isinstance(output, str) else json.dumps(output)
        if can_write and _rejection(text):
            return "secure", text[:300]
        return "final", text[:300]
    if kind == "message" and last.get("role") == "user":
        text = _text_of(last.get("content"))
        if can_write and scenario.marker in text:
            return "insecure", ""
        return "text", text[:120]
    return "text", f"last item {kind}"


def _reasoned(body: dict[str, Any], action: str) -> list[dict[str, Any]]:
    """An encrypted reasoning item first, when the client asks for them (store=false)."""
    if "reasoning.encrypted_content" in (body.get("include") or ()):
        return [responses_api.reasoning()]
    return []


def _responses_items(scenario: Scenario, body: dict[str, Any], action: str) -> list[Any]:
    if action not in ("insecure", "secure"):
        return [responses_api.message(_plain(scenario, action))]
    code = scenario.insecure if action == "insecure" else scenario.secure
    # the insecure call never reached the agent, so the repair adds the file too
    patch = scenario.patch(code)
    call_id = f"call_bench{next(_ids):04d}"
    tools = _tool_names(body)
    if tools.get(PATCH_TOOL) == "custom":
        call = responses_api.custom_tool_call(call_id, PATCH_TOOL, patch)
    elif PATCH_TOOL in tools:
        call = responses_api.function_call(call_id, PATCH_TOOL, {"input": patch})
    else:  # apply_patch through the shell tool, as Codex documents it
        shell = next(s for s in SHELL_TOOLS if s in tools)
        arguments: dict[str, Any]
        if shell == "exec_command":
            arguments = {"cmd": f"apply_patch <<'EOF'\n{patch}EOF\n"}
        else:
            arguments = {"command": ["apply_patch", patch]}
        call = responses_api.function_call(call_id, shell, arguments)
    return [responses_api.message(f"I'll write {scenario.filename}."), call]


# ---------------------------------------------------------------- Chat Completions (Aider)


def _chat_decide(scenario: Scenario, body: dict[str, Any]) -> tuple[str, str]:
    messages = body.get("messages") or []
    users = [m for m in messages if isinstance(m, dict) and m.get("role") == "user"]
    text = _text_of(users[-1].get("content")) if users else ""
    if _rejection(text):
        return "secure", text[:300]
    if scenario.marker in text and "```" in json.dumps(messages):  # an edit-format prompt
        return "insecure", ""
    return "text", text[:120]


def _chat_text(scenario: Scenario, action: str) -> str:
    if action in ("insecure", "secure"):
        code = scenario.insecure if action == "insecure" else scenario.secure
        return f"Here is the file.\n\n{scenario.filename}\n```python\n{code}```\n"
    return _plain(scenario, action)


# ---------------------------------------------------------------- the app


async def _think(scenario: Scenario, action: str) -> None:
    if scenario.delay and action in ("insecure", "secure"):
        await asyncio.sleep(scenario.delay)


def create_agent_upstream(scenario: Scenario) -> Starlette:
    """The upstream app playing the scenario for whichever API an agent calls."""

    def where(request: Request) -> str:
        query = f"?{request.url.query}" if request.url.query else ""
        return str(request.url.path) + query

    async def messages(request: Request) -> Response:
        body = await request.json()
        action, detail = _bounded(scenario, _anthropic_decide(scenario, body))
        stream = bool(body.get("stream"))
        scenario.note(
            Decision("anthropic", where(request), str(body.get("model")), stream, action, detail),
            body,
        )
        await _think(scenario, action)
        answer = anthropic_server.Answer(
            blocks=_thought(body, action) + _anthropic_blocks(scenario, action),
            model=str(body.get("model")),
        )
        if stream:
            parts = anthropic_server.events(answer)

            async def gen() -> Any:
                for part in parts:
                    yield part

            return StreamingResponse(gen(), media_type="text/event-stream")
        return JSONResponse(anthropic_server.message(answer), headers={"request-id": "req_bench"})

    async def count_tokens(request: Request) -> Response:
        body = await request.json()
        scenario.note(
            Decision("anthropic", where(request), str(body.get("model")), False, "count"), body
        )
        return JSONResponse({"input_tokens": len(json.dumps(body)) // 4})

    async def responses(request: Request) -> Response:
        body = await request.json()
        action, detail = _bounded(scenario, _responses_decide(scenario, body))
        stream = bool(body.get("stream"))
        scenario.note(
            Decision("responses", where(request), str(body.get("model")), stream, action, detail),
            body,
        )
        await _think(scenario, action)
        output = responses_api.Output(
            items=_reasoned(body, action) + _responses_items(scenario, body, action),
            model=str(body.get("model")),
        )
        if stream:
            parts = responses_api.events(output, body)

            async def gen() -> Any:
                for part in parts:
                    yield part

            return StreamingResponse(gen(), media_type="text/event-stream")
        return JSONResponse(responses_api.response(output, body))

    async def chat(request: Request) -> Response:
        body = await request.json()
        action, detail = _bounded(scenario, _chat_decide(scenario, body))
        stream = bool(body.get("stream"))
        scenario.note(
            Decision("chat", where(request), str(body.get("model")), stream, action, detail), body
        )
        await _think(scenario, action)
        reply = openai_server.Reply(content=_chat_text(scenario, action), model=str(body["model"]))
        if stream:
            include = bool((body.get("stream_options") or {}).get("include_usage"))
            parts = openai_server.chunks(reply, include)

            async def gen() -> Any:
                for part in parts:
                    yield part

            return StreamingResponse(gen(), media_type="text/event-stream")
        return JSONResponse(openai_server.completion(reply))

    async def models(request: Request) -> Response:
        created = int(time.time())
        names = ("claude-sonnet-4-5", "gpt-5-codex", "gpt-4.1")
        data = [
            {"id": n, "object": "model", "created": created, "owned_by": "bench"} for n in names
        ]
        return JSONResponse({"object": "list", "data": data})

    async def anything(request: Request) -> Response:
        scenario.note(Decision("other", where(request), "", False, "404"), {})
        return JSONResponse({"error": {"message": "not scripted", "type": "not_found"}}, 404)

    return Starlette(
        routes=[
            Route("/v1/messages", messages, methods=["POST"]),
            Route("/v1/messages/count_tokens", count_tokens, methods=["POST"]),
            Route("/v1/responses", responses, methods=["POST"]),
            Route("/v1/chat/completions", chat, methods=["POST"]),
            Route("/v1/models", models, methods=["GET"]),
            Route("/{rest:path}", anything, methods=["GET", "POST"]),
        ]
    )


# ---------------------------------------------------------------- agent <-> proxy relay


@dataclass
class Exchange:
    """One call an agent made to the proxy, and the start of what it got back."""

    method: str
    path: str
    model: str = ""
    stream: bool = False
    shape: str = ""  # the roles of `messages`, or the types of Responses `input` items
    status: int = 0
    verdict: str = ""
    rounds: str = ""
    head: str = ""  # the first bytes of the answer


def _shape(body: Any) -> str:
    if not isinstance(body, dict):
        return ""
    if isinstance(body.get("messages"), list):
        return "messages=" + ",".join(
            str(m.get("role")) if isinstance(m, dict) else "?" for m in body["messages"]
        )
    given = body.get("input")
    if isinstance(given, list):
        return "input=" + ",".join(
            str(i.get("type") or i.get("role")) if isinstance(i, dict) else "?" for i in given
        )
    return ""


def create_relay(target: str, seen: list[Exchange], *, head_bytes: int = 2000) -> Starlette:
    """A pass-through in front of the proxy that notes what the agent sent and received."""
    client = httpx2.AsyncClient(base_url=target, timeout=None, trust_env=False)
    dropped = {"host", "content-length", "transfer-encoding", "connection"}

    async def relay(request: Request) -> Response:
        raw = await request.body()
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        entry = Exchange(request.method, str(request.url.path))
        if request.url.query:
            entry.path += f"?{request.url.query}"
        if isinstance(body, dict):
            entry.model, entry.stream = str(body.get("model", "")), bool(body.get("stream"))
            entry.shape = _shape(body)
        seen.append(entry)
        headers = {k: v for k, v in request.headers.items() if k.lower() not in dropped}
        upstream = await client.send(
            client.build_request(request.method, entry.path, content=raw, headers=headers),
            stream=True,
        )
        entry.status = upstream.status_code
        entry.verdict = upstream.headers.get("x-codetamer-verdict", "")
        entry.rounds = upstream.headers.get("x-codetamer-rounds", "")
        back = {k: v for k, v in upstream.headers.items() if k.lower() not in dropped}

        async def body_out() -> Any:
            head = bytearray()
            try:
                async for chunk in upstream.aiter_raw():
                    if len(head) < head_bytes:
                        head += chunk[: head_bytes - len(head)]
                        entry.head = head.decode("utf-8", "replace")
                    yield chunk
            finally:
                await upstream.aclose()

        return StreamingResponse(body_out(), upstream.status_code, headers=back)

    return Starlette(routes=[Route("/{rest:path}", relay, methods=["GET", "POST"])])
