"""The downstream MCP server a gateway wraps: started over stdio, asked with timeouts.

Its failures never reach the client as tracebacks; each becomes an `UpstreamError`
naming the command:

- it exits: that request and every later one fail with a message saying so;
- it does not answer within the call timeout: the request is cancelled downstream and
  fails; later requests are forwarded as usual;
- it answers with a malformed result: the request fails, naming the method; lines on
  its stdout that are not JSON-RPC are logged, and named in a later timeout's message;
- it cannot start, or does not finish the MCP handshake in time: `open_downstream`
  raises before anything is served.

Results are kept as JSON, as the downstream sent them, fit for the client's protocol era.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from collections.abc import AsyncIterator, Sequence
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any, Literal, TextIO

import mcp
from mcp import types
from mcp.client._transport import Transport
from mcp.client.stdio import stdio_client
from mcp.server import Server
from mcp.server.mcpserver import MCPServer
from pydantic import BaseModel, ConfigDict, ValidationError

from guards.secrets import redact
from proxy.errors import UpstreamError, UpstreamTimeout, UpstreamUnreachable
from proxy.logs import get_logger

__all__ = [
    "DEFAULT_CALL_TIMEOUT",
    "DEFAULT_START_TIMEOUT",
    "Downstream",
    "open_downstream",
    "request_without_meta",
]

DEFAULT_CALL_TIMEOUT = 60.0
"""Seconds the gateway waits for each of the downstream's answers."""

DEFAULT_START_TIMEOUT = 60.0
"""Seconds the gateway waits for the downstream to start and finish the MCP handshake."""

_SERVER_INFO_KEY = "io.modelcontextprotocol/serverInfo"  # the downstream's stamp, not ours

_MAX_LABEL = 200

_CACHEABLE = frozenset(
    {"tools/list", "resources/list", "resources/templates/list", "prompts/list", "resources/read"}
)


class _RawResult(BaseModel):
    """A result as the downstream sent it: every key kept, none rebuilt."""

    model_config = ConfigDict(extra="allow")


class Downstream:
    """The wrapped MCP server: its session, the command that names it, and its health."""

    def __init__(self, label: str, call_timeout: float) -> None:
        self.label = label
        self.call_timeout = call_timeout
        self.client: mcp.Client | None = None
        self.closed = False  # it exited or closed its stdout; nothing more can be forwarded
        self.malformed_lines = 0  # lines on its stdout that were not JSON-RPC

    @property
    def capabilities(self) -> types.ServerCapabilities:
        """What the downstream said it serves."""
        return self._client.server_capabilities

    @property
    def instructions(self) -> str | None:
        """The downstream's instructions for the model, passed on unchanged."""
        return self._client.instructions

    @property
    def _client(self) -> mcp.Client:
        if self.client is None:
            raise RuntimeError("the downstream is not connected")
        return self.client

    async def request(self, request: types.Request[Any, Any]) -> dict[str, Any]:
        """Send one request; return the result as the downstream sent it (validated).

        Raises:
            mcp.MCPError: the downstream answered with a JSON-RPC error (passed on as is).
            UpstreamError: it has exited (UpstreamUnreachable), did not answer in time
                (UpstreamTimeout), or answered with a malformed result.
        """
        method = request.method
        if self.closed:
            raise self._gone(method)
        try:
            answer = await self._client.session.send_request(
                request, _RawResult, request_read_timeout_seconds=self.call_timeout
            )
        except mcp.MCPError as exc:
            if exc.code == types.CONNECTION_CLOSED:
                self._mark_closed()
                raise self._gone(method) from None
            if exc.code == types.REQUEST_TIMEOUT:
                raise self._late(method, self.call_timeout) from None
            raise
        except ValidationError as exc:
            raise UpstreamError(
                f"the downstream MCP server ({self.label}) answered {method} with a malformed "
                f"result ({_validation_summary(exc)})"
            ) from None
        return _bridged(method, dict(answer.model_extra or {}))

    async def on_message(self, message: object) -> None:
        """The downstream session's message handler: counts stdout lines that are not JSON-RPC."""
        if isinstance(message, Exception):
            self.malformed_lines += 1
            get_logger().warning(
                "downstream_malformed_output",
                downstream=self.label,
                error=type(message).__name__,
                lines=self.malformed_lines,
            )

    def _mark_closed(self) -> None:
        if not self.closed:
            self.closed = True
            get_logger().error(
                "downstream_closed",
                downstream=self.label,
                message=f"the downstream MCP server ({self.label}) has exited; "
                "requests to it now fail until the MCP client restarts codetamer",
            )

    def _gone(self, method: str) -> UpstreamUnreachable:
        return UpstreamUnreachable(
            f"the downstream MCP server ({self.label}) has exited or closed its output, so "
            f"codetamer cannot forward {method}; restart the MCP client to start it again"
        )

    def _late(self, method: str, timeout: float) -> UpstreamTimeout:
        note = ""
        if count := self.malformed_lines:
            lines = "1 line that was" if count == 1 else f"{count} lines that were"
            note = f"; it wrote {lines} not JSON-RPC to stdout"
        return UpstreamTimeout(
            f"the downstream MCP server ({self.label}) did not answer {method} within "
            f"{timeout:g} s, so the request was cancelled{note}"
        )


@asynccontextmanager
async def open_downstream(
    target: Sequence[str] | Server[Any] | MCPServer,
    *,
    call_timeout: float = DEFAULT_CALL_TIMEOUT,
    start_timeout: float = DEFAULT_START_TIMEOUT,
    errlog: TextIO | None = None,
    mode: Literal["auto", "legacy"] = "auto",
) -> AsyncIterator[Downstream]:
    """Start the downstream MCP server and complete the MCP handshake with it.

    Args:
        target: the command and its arguments (run over stdio, with this process's
            environment), or a server object to connect to in-process.
        call_timeout: seconds to wait for each answer once connected.
        start_timeout: seconds to wait for the start and the MCP handshake.
        errlog: where the downstream's stderr goes (default: this process's stderr).
        mode: "auto" probes for a 2026-era server first and falls back to the
            handshake (the probe waits up to 10 s for a server that never answers);
            "legacy" goes straight to the handshake.

    Yields:
        The connected downstream; it is stopped when the block ends.

    Raises:
        UpstreamUnreachable: the command cannot be started, or it exits before the
            handshake is complete.
        UpstreamTimeout: the handshake is not complete within `start_timeout`.
        UpstreamError: the handshake fails in another way.
    """
    server: Server[Any] | MCPServer | Transport
    if isinstance(target, Server | MCPServer):
        label, server = target.name, target
    else:
        command = list(target)
        if not command:
            raise UpstreamUnreachable("no downstream MCP server command was given")
        label = _label(command)
        # the whole environment: a wrapped server's keys come from the client's config
        params = mcp.StdioServerParameters(
            command=command[0], args=command[1:], env=dict(os.environ)
        )
        server = stdio_client(params, errlog=errlog or sys.stderr)
    downstream = Downstream(label, call_timeout)
    client = mcp.Client(
        server,
        read_timeout_seconds=start_timeout,  # the handshake's; each request sets its own
        message_handler=downstream.on_message,
        cache=None,
        mode=mode,
    )
    async with AsyncExitStack() as stack:
        try:
            await stack.enter_async_context(client)
        except Exception as exc:  # every start-up failure becomes one clear error
            raise _startup_error(downstream, _leaf(exc), start_timeout) from None
        downstream.client = client
        yield downstream


def request_without_meta(
    request_type: type[types.Request[Any, Any]], params: BaseModel
) -> types.Request[Any, Any]:
    """The downstream request for the client's params, without the client's `_meta`.

    `_meta` belongs to the client's own connection (its progress token, its protocol
    envelope); the downstream session stamps its own.
    """
    data = params.model_dump(by_alias=True, mode="json", exclude_none=True)
    data.pop("_meta", None)
    return request_type.model_validate({"params": data})


def _bridged(method: str, result: dict[str, Any]) -> dict[str, Any]:
    """The downstream's result, fit for the client whichever protocol era each speaks.

    A handshake-era downstream sends no `resultType` and no cache hints, which a
    2026-era client's results require: they get the typed results' defaults (complete,
    stale at once, private). The SDK drops them again for a handshake-era client. The
    downstream's serverInfo stamp goes: the gateway is the server the client sees.
    """
    result.setdefault("resultType", "complete")
    if method in _CACHEABLE:
        result.setdefault("ttlMs", 0)
        result.setdefault("cacheScope", "private")
    meta = result.get("_meta")
    if isinstance(meta, dict) and _SERVER_INFO_KEY in meta:
        rest = {k: v for k, v in meta.items() if k != _SERVER_INFO_KEY}
        result = {k: v for k, v in result.items() if k != "_meta"}
        if rest:
            result["_meta"] = rest
    return result


def _validation_summary(exc: ValidationError) -> str:
    """The first problem's place and kind, never the value (it may be the user's data)."""
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "(top level)"
    more = f", and {exc.error_count() - 1} more" if exc.error_count() > 1 else ""
    return f"{where}: {first['type']}{more}"


_SECRET_NAME = re.compile(r"(?i)(key|token|secret|passw|pwd|auth|credential)")


def _label(command: Sequence[str]) -> str:
    """The command line as messages and records name it, with anything secret-looking
    masked: known key formats, the value after a --flag or in a NAME=value whose name says
    key, token, secret or password, and the password in a URL."""
    words: list[str] = []
    hide_next = False
    for word in command:
        if hide_next:
            words.append("[REDACTED]")
            hide_next = False
            continue
        name, equals, _value = word.partition("=")
        if equals and _SECRET_NAME.search(name):
            words.append(f"{name}=[REDACTED]")
            continue
        hide_next = word.startswith("-") and not equals and bool(_SECRET_NAME.search(word))
        words.append(word)
    return redact(shlex.join(words))[:_MAX_LABEL]


def _leaf(exc: BaseException) -> BaseException:
    """The first exception inside (nested) exception groups."""
    while isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        exc = exc.exceptions[0]
    return exc


def _startup_error(downstream: Downstream, exc: BaseException, timeout: float) -> UpstreamError:
    label = downstream.label
    if isinstance(exc, OSError):
        reason = exc.strerror or type(exc).__name__
        return UpstreamUnreachable(f"cannot start the downstream MCP server ({label}): {reason}")
    if isinstance(exc, mcp.MCPError) and exc.code == types.CONNECTION_CLOSED:
        return UpstreamUnreachable(
            f"the downstream MCP server ({label}) exited before the MCP handshake was complete "
            "(its stderr above may say why)"
        )
    if isinstance(exc, mcp.MCPError) and exc.code == types.REQUEST_TIMEOUT:
        return downstream._late("the MCP handshake", timeout)
    if isinstance(exc, ValidationError):
        return UpstreamError(
            f"the downstream MCP server ({label}) answered the MCP handshake with a malformed "
            f"result ({_validation_summary(exc)})"
        )
    if isinstance(exc, mcp.MCPError):
        return UpstreamError(
            f"the downstream MCP server ({label}) refused the MCP handshake: {exc.message}"
        )
    return UpstreamError(
        f"the downstream MCP server ({label}) failed during the MCP handshake "
        f"({type(exc).__name__})"
    )
