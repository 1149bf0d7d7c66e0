"""The MCP gateway: serve another MCP server's tools, gating the code its tools would write.

`codetamer mcp --wrap -- COMMAND [ARGS...]` runs COMMAND as the downstream MCP server
over stdio and serves its tools, resources, resource templates, prompts and completions
to the client as the downstream gives them (results are relayed as JSON, not rebuilt).
A tool call whose arguments carry code (the proxy's extraction rules; `[tools.NAME]` maps
a custom tool's code argument) is scanned first:

- when the policy blocks on a finding, the call is not forwarded: the client gets a tool
  result with `isError` listing each finding and what to use instead (there is no model
  to ask for a repair here, so `[gate] on_fail` does not apply);
- otherwise it is forwarded and the downstream's result comes back unchanged, except
  for `_meta["codetamer/gate"]`: the verdict, the provenance record's id and any warnings.

Each call that carries code gets one provenance record (dialect "mcp.gateway"; the
downstream's command is the record's upstream, the tool's name is in `tool`).

Downstream failures (see proxy.mcp.downstream) never reach the client as tracebacks. A
tool call gets them as a tool result with `isError`, other requests as a JSON-RPC error;
both name the command:

- the downstream exits: that request and every later one fail with a message saying
  so; the gateway keeps serving until the client disconnects (restarting the client
  starts a new downstream);
- it does not answer within the call timeout: the request is cancelled downstream and
  fails; later requests are forwarded as usual;
- it answers with a malformed result: the request fails, naming the method; lines on
  its stdout that are not JSON-RPC are logged, and named in a later timeout's message;
- it cannot start, or does not finish the MCP handshake in time: `serve_gateway` raises
  `UpstreamError` before serving anything.

Requests the downstream answers with a JSON-RPC error get that error unchanged. Not
relayed: notifications from the downstream (list changes, logs, progress), its
requests to the client (sampling, elicitation, roots), resource subscriptions.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TextIO

import mcp
import orjson
from mcp import types
from mcp.server import Server
from mcp.server.context import HandlerResult, ServerRequestContext
from mcp.server.stdio import stdio_server
from mcp.shared._stream_protocols import ReadStream, WriteStream
from mcp.shared.message import SessionMessage
from pydantic import BaseModel

import guards
from guards.isolated import ScanPool
from proxy import __version__
from proxy.config import Config
from proxy.errors import ProxyError, UpstreamError, UpstreamTimeout
from proxy.exchange import Exchange, store_record
from proxy.gate import Gate, Outcome, Round, Verdict, describe_findings
from proxy.logs import get_logger
from proxy.mcp.downstream import (
    DEFAULT_CALL_TIMEOUT,
    DEFAULT_START_TIMEOUT,
    Downstream,
    open_downstream,
    request_without_meta,
)
from proxy.provenance import ProvenanceStore

__all__ = [
    "DEFAULT_CALL_TIMEOUT",
    "DEFAULT_START_TIMEOUT",
    "GATE_META_KEY",
    "Downstream",
    "build_gateway",
    "open_downstream",
    "serve_gateway",
]

GATE_META_KEY = "codetamer/gate"
"""The `_meta` key of a gated call's result: verdict, exchange id, findings."""

_CLIENT_INFO_KEY = "io.modelcontextprotocol/clientInfo"


Handler = Callable[[ServerRequestContext[Any], Any], Awaitable[HandlerResult]]


def build_gateway(
    config: Config,
    downstream: Downstream,
    store: ProvenanceStore,
    scanner: ScanPool | None = None,
) -> Server[Any]:
    """The gateway server for one connected downstream.

    Args:
        config: policy, rules, `[tools]` mappings and whether the gate is on.
        downstream: from `open_downstream`; the gateway serves what it serves.
        store: where gated calls are recorded (the caller opens and closes it).
        scanner: the scan pool the code is scanned in (default: this process's shared one).

    Returns:
        A lowlevel MCP server: run it over streams, or connect `mcp.Client` to it.
    """
    return _Gateway(config, downstream, store, scanner).server()


async def serve_gateway(
    config: Config,
    command: Sequence[str],
    *,
    call_timeout: float = DEFAULT_CALL_TIMEOUT,
    start_timeout: float = DEFAULT_START_TIMEOUT,
    streams: tuple[ReadStream[SessionMessage | Exception], WriteStream[SessionMessage]]
    | None = None,
    errlog: TextIO | None = None,
) -> None:
    """Run COMMAND as the downstream and serve the gateway until the client disconnects.

    Args:
        config: the configuration (policy, rules, `[tools]`, provenance, gate).
        command: the downstream MCP server's command and arguments.
        call_timeout: seconds to wait for each of the downstream's answers.
        start_timeout: seconds to wait for the downstream to start and finish the handshake.
        streams: the client's read and write streams; default stdin and stdout.
        errlog: where the downstream's stderr goes (default: this process's stderr).

    Raises:
        UpstreamError: the downstream cannot be started or did not finish its
            handshake; the message names the command and says why.
    """
    store = ProvenanceStore(
        config.provenance.resolved_path(), synchronous=config.provenance.synchronous
    )
    try:
        async with open_downstream(
            command, call_timeout=call_timeout, start_timeout=start_timeout, errlog=errlog
        ) as downstream:
            server = build_gateway(config, downstream, store)
            options = server.create_initialization_options()
            if streams is not None:
                await server.run(streams[0], streams[1], options)
            else:
                async with stdio_server() as (read_stream, write_stream):
                    await server.run(read_stream, write_stream, options)
    finally:
        store.close()


# what the gateway relays unchanged: (capability, method, params model, request model)
_RELAYED: tuple[tuple[str, str, type[BaseModel], type[types.Request[Any, Any]]], ...] = (
    ("tools", "tools/list", types.PaginatedRequestParams, types.ListToolsRequest),
    ("resources", "resources/list", types.PaginatedRequestParams, types.ListResourcesRequest),
    (
        "resources",
        "resources/templates/list",
        types.PaginatedRequestParams,
        types.ListResourceTemplatesRequest,
    ),
    ("resources", "resources/read", types.ReadResourceRequestParams, types.ReadResourceRequest),
    ("prompts", "prompts/list", types.PaginatedRequestParams, types.ListPromptsRequest),
    ("prompts", "prompts/get", types.GetPromptRequestParams, types.GetPromptRequest),
    ("completions", "completion/complete", types.CompleteRequestParams, types.CompleteRequest),
)


class _Gateway:
    """The handlers: relay what carries no code, gate what does."""

    def __init__(
        self,
        config: Config,
        downstream: Downstream,
        store: ProvenanceStore,
        scanner: ScanPool | None,
    ) -> None:
        self.config = config
        self.downstream = downstream
        self.store = store
        # the proxy's gate, for its scans and its policy (guard failures as guard_errors says)
        self.gate = Gate(config.gate, config.policy.to_policy(), config.ruleset(), scanner)
        self.policy = self.gate.policy
        self.rules = self.gate.rules

    def server(self) -> Server[Any]:
        downstream = self.downstream
        server: Server[Any] = Server(
            "codetamer-gateway",
            version=__version__,
            title=f"codetamer, gating {downstream.label}",
            instructions=downstream.instructions,
        )
        caps = downstream.capabilities
        for capability, method, params_type, request_type in _RELAYED:
            if getattr(caps, capability) is not None:  # only what the downstream serves
                server.add_request_handler(method, params_type, self._relay(request_type))
        if caps.tools is not None:
            server.add_request_handler("tools/call", types.CallToolRequestParams, self._call_tool)
        return server

    def _relay(self, request_type: type[types.Request[Any, Any]]) -> Handler:
        async def relay(ctx: ServerRequestContext[Any], params: BaseModel) -> HandlerResult:
            try:
                return await self.downstream.request(request_without_meta(request_type, params))
            except UpstreamError as exc:
                raise _rpc_error(exc, self.downstream) from None

        return relay

    async def _call_tool(
        self, ctx: ServerRequestContext[Any], params: types.CallToolRequestParams
    ) -> HandlerResult:
        name, arguments = params.name, params.arguments or {}
        mapped = self.config.tools.get(name)
        artifacts = guards.artifacts_from_tool_call(
            name,
            arguments,
            ref=str(ctx.request_id or ""),
            code_argument=mapped.code if mapped else None,
            path_argument=mapped.path if mapped else None,
        )
        if not artifacts:  # no code: relayed like any other request
            try:
                return await self.downstream.request(
                    request_without_meta(types.CallToolRequest, params)
                )
            except UpstreamError as exc:
                return _tool_error(exc.message, {"error": exc.error_type})
        return await self._gated_call(ctx, params, artifacts)

    async def _gated_call(
        self,
        ctx: ServerRequestContext[Any],
        params: types.CallToolRequestParams,
        artifacts: list[guards.Artifact],
    ) -> HandlerResult:
        exchange = Exchange(dialect="mcp.gateway", client=_client_name(ctx))
        exchange.upstream = self.downstream.label
        call = {"name": params.name, "arguments": params.arguments or {}}
        raw = orjson.dumps(call, option=orjson.OPT_SORT_KEYS)
        exchange.request_sha256 = hashlib.sha256(raw).hexdigest()
        current = Round(1, call, raw, None, {}, artifacts, [], 0.0, 0.0)
        exchange.outcome = Outcome(rounds=[current])
        tool: dict[str, Any] = {"name": params.name, "forwarded": False, "is_error": None}
        try:
            verdict = await self._gate(current)
        except Exception:  # a guard that crashes fails closed: the call is not forwarded
            get_logger().exception("gate_failed", exchange_id=exchange.id, tool=params.name)
            current.reports = [guards.Report(language=a.language) for a in artifacts]
            current.blocking.clear()
            current.warnings.clear()
            exchange.verdict, exchange.status = Verdict.BLOCKED.value, 500
            exchange.error = ProxyError(
                "codetamer could not check the code in this call (internal error), so it was "
                "not forwarded to the MCP server"
            )
            await self._record(exchange, tool)
            meta = {"verdict": exchange.verdict, "exchange_id": exchange.id}
            return _tool_error(exchange.error.message, meta)
        exchange.outcome.verdict = verdict
        exchange.verdict = verdict.value
        meta = _gate_meta(exchange, current)
        if verdict is Verdict.BLOCKED:
            exchange.status = 422
            await self._record(exchange, tool)
            return _tool_error(self._blocked_text(params.name, current, exchange), meta)
        tool["forwarded"] = True  # from here on the downstream may have acted on it
        started = time.perf_counter()
        try:
            result = await self.downstream.request(
                request_without_meta(types.CallToolRequest, params)
            )
        except UpstreamError as exc:
            current.upstream_ms = (time.perf_counter() - started) * 1000
            exchange.error, exchange.status = exc, exc.status
            await self._record(exchange, tool)
            return _tool_error(exc.message, {**meta, "error": exc.error_type})
        except mcp.MCPError as exc:  # the downstream's own JSON-RPC error, passed on as is
            current.upstream_ms = (time.perf_counter() - started) * 1000
            exchange.error = UpstreamError(
                f"the downstream MCP server answered with error {exc.code}: {exc.message}"
            )
            exchange.status = exchange.error.status
            await self._record(exchange, tool)
            raise
        current.upstream_ms = (time.perf_counter() - started) * 1000
        exchange.status = 200
        tool["is_error"] = bool(result.get("isError"))
        await self._record(exchange, tool)
        result["_meta"] = {**(result.get("_meta") or {}), GATE_META_KEY: meta}
        return result

    async def _gate(self, current: Round) -> Verdict:
        """Scan the round's artifacts and sort the findings by the policy's treatment."""
        if not self.config.gate.enabled:
            current.reports = [guards.Report(language=a.language) for a in current.artifacts]
            return Verdict.UNGATED
        started = time.perf_counter()
        current.reports = await self.gate.scan(current.artifacts)
        current.judge(self.policy)
        current.gate_ms = (time.perf_counter() - started) * 1000
        if current.blocking:
            return Verdict.BLOCKED
        return Verdict.WARNED if current.warnings else Verdict.PASS

    def _blocked_text(self, name: str, current: Round, exchange: Exchange) -> str:
        grouped: dict[int, tuple[guards.Artifact, list[guards.Finding]]] = {}
        for artifact, finding in current.blocking:
            grouped.setdefault(id(artifact), (artifact, []))[1].append(finding)
        listed = "\n\n".join(
            describe_findings(found, self.rules, artifact) for artifact, found in grouped.values()
        )
        return (
            f"codetamer blocked this call to {name}: the code in its arguments has security "
            f"problems, so it was not sent to the MCP server ({self.downstream.label}). "
            f"Fix the code and call {name} again.\n\n{listed}\n\n"
            f"(codetamer exchange {exchange.id})"
        )

    async def _record(self, exchange: Exchange, tool: dict[str, Any]) -> None:
        record = exchange.record(prompts=self.config.provenance.prompts, policy=self.policy)
        record["tool"] = tool
        await store_record(self.store, exchange, record, tool=tool["name"])


def _gate_meta(exchange: Exchange, current: Round) -> dict[str, Any]:
    def listed(pairs: list[tuple[guards.Artifact, guards.Finding]]) -> list[dict[str, Any]]:
        return [
            {
                "path": a.path,
                "rule_id": f.rule_id,
                "name": f.name,
                "cwe": f.cwe,
                "severity": f.severity.value,
                "line": f.line,
                "message": f.message,
                "fix": f.fix,
            }
            for a, f in pairs
        ]

    meta: dict[str, Any] = {"verdict": exchange.verdict, "exchange_id": exchange.id}
    if current.blocking:
        meta["blocking"] = listed(current.blocking)
    if current.warnings:
        meta["warnings"] = listed(current.warnings)
    return meta


def _tool_error(text: str, meta: dict[str, Any]) -> dict[str, Any]:
    result = types.CallToolResult(
        content=[types.TextContent(type="text", text=text)], is_error=True
    )
    return {
        **result.model_dump(by_alias=True, mode="json", exclude_none=True),
        "_meta": {GATE_META_KEY: meta},
    }


def _rpc_error(exc: UpstreamError, downstream: Downstream) -> mcp.MCPError:
    code = types.REQUEST_TIMEOUT if isinstance(exc, UpstreamTimeout) else types.INTERNAL_ERROR
    return mcp.MCPError(
        code=code,
        message=exc.message,
        data={"downstream": downstream.label, "error": exc.error_type},
    )


def _client_name(ctx: ServerRequestContext[Any]) -> str:
    """The MCP client's name, from its handshake or (2026-era) its request's `_meta`."""
    info = (ctx.meta or {}).get(_CLIENT_INFO_KEY)
    if isinstance(info, dict) and isinstance(info.get("name"), str):
        return f"mcp:{info['name']}"
    params = getattr(ctx.session, "client_params", None)
    client_info = getattr(params, "client_info", None)
    name = getattr(client_info, "name", None)
    return f"mcp:{name}" if isinstance(name, str) else "mcp"
