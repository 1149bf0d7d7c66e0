"""The HTTP face of the proxy: routes and request reading (rendering: proxy.responses).

Every POST to a model endpoint is one exchange: the body is read (bounded), validated,
given the secure templates, passed through the gate loop, answered in the client's own
API shape, and recorded in provenance before the response ends.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Receive, Scope, Send

import templates
from guards.isolated import ScanPool
from proxy import __version__, jsonbody
from proxy.auth import AuthMiddleware, ClientKeys, consumed_header
from proxy.config import Config
from proxy.dialects.anthropic_messages import AnthropicMessages
from proxy.dialects.base import Dialect, ToolCode
from proxy.dialects.openai_chat import OpenAIChat
from proxy.dialects.openai_responses import OpenAIResponses
from proxy.errors import (
    BadRequest,
    BodyTooLarge,
    GateBlocked,
    NoUpstream,
    ProxyError,
)
from proxy.exchange import Exchange
from proxy.gate import Outcome, Verdict
from proxy.logs import get_logger
from proxy.metrics import CONTENT_TYPE as METRICS_CONTENT_TYPE
from proxy.metrics import Metrics
from proxy.redaction import SECRETS_NOTE
from proxy.responses import (
    GatedStream,
    Recorded,
    RelayedStream,
    error_response,
    exchange_headers,
    render,
)
from proxy.services import Services
from proxy.upstream import ClientCall, Upstream

__all__ = ["Services", "create_app"]

_JSON = "application/json"


def create_app(config: Config, *, scanner: ScanPool | None = None) -> Starlette:
    """Build the proxy's ASGI app.

    Args:
        config: the loaded configuration.
        scanner: the scan pool the gate scans in (default: this process's shared one).

    Raises:
        templates.TemplateError, guards.RuleError: the config names templates or rules
            that do not load.
    """
    services = Services.build(config, scanner)
    keys = ClientKeys(config.auth.hashes())
    tools = {name: ToolCode(t.code, t.path) for name, t in config.tools.items()}
    chat = OpenAIChat(tools)
    messages = AnthropicMessages(tools)
    responses = OpenAIResponses(tools)

    mcp_routes: list[BaseRoute] = []
    mcp_server = None
    if config.mcp.mount:
        from proxy.mcp.server import build_server

        mcp_server = build_server(services)
        mcp_app = mcp_server.streamable_http_app(
            streamable_http_path="/mcp", host=config.server.host
        )
        mcp_routes = list(mcp_app.routes)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        services.open()
        try:
            if mcp_server is None:
                yield
            else:
                async with mcp_server.session_manager.run():
                    yield
        finally:
            await services.aclose()

    model_routes: dict[str, Handler] = {
        "/v1/chat/completions": functools.partial(_serve, services, chat),
        "/chat/completions": functools.partial(_serve, services, chat),
        "/v1/responses": functools.partial(_serve, services, responses),
        "/responses": functools.partial(_serve, services, responses),
        "/v1/messages": functools.partial(_serve, services, messages),
        "/v1/messages/count_tokens": functools.partial(
            _forward, services, messages, "/messages/count_tokens"
        ),
    }

    async def post_only(request: Request) -> Response:
        # never called: _ModelRoutes answers the POSTs; the routes give the others a 405
        raise HTTPException(405)

    async def models(request: Request) -> Response:
        return await _models(services)

    async def metrics(request: Request) -> Response:
        return Response(services.metrics.render(), media_type=METRICS_CONTENT_TYPE)

    async def healthz(request: Request) -> Response:
        body = {"status": "ok", "version": __version__, "upstreams": sorted(services.upstreams)}
        return Response(orjson.dumps(body), media_type=_JSON)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        error = ProxyError(f"{request.method} {request.url.path}: {exc.detail}")
        error.status, error.error_type = exc.status_code, "invalid_request_error"
        anthropic = request.url.path.startswith(("/v1/messages", "/messages"))
        return error_response(messages if anthropic else chat, error)

    app = Starlette(
        routes=[
            *(Route(path, post_only, methods=["POST"]) for path in model_routes),
            Route("/v1/models", models, methods=["GET"]),
            Route("/models", models, methods=["GET"]),
            Route("/healthz", healthz, methods=["GET"]),
            Route("/metrics", metrics, methods=["GET"]),
            *mcp_routes,
        ],
        exception_handlers={HTTPException: http_error},
        lifespan=lifespan,
        middleware=[
            Middleware(AuthMiddleware, keys=keys),
            Middleware(_ModelRoutes, routes=model_routes, metrics=services.metrics),
        ],
    )
    app.state.services = services
    return app


@dataclass(slots=True)
class Incoming:
    """A request to a model endpoint: its ASGI scope, body channel and headers by name."""

    scope: Scope
    receive: Receive
    headers: dict[str, str]  # lower-case names; the first of repeated ones

    @classmethod
    def of(cls, scope: Scope, receive: Receive) -> Incoming:
        """Read the headers once (raw ASGI pairs, latin-1 as HTTP has them)."""
        headers = {
            k.decode("latin-1").lower(): v.decode("latin-1") for k, v in reversed(scope["headers"])
        }
        return cls(scope, receive, headers)

    @property
    def client_host(self) -> str | None:
        """The client's address."""
        client = self.scope.get("client")
        return str(client[0]) if client else None


Handler = Callable[[Incoming], Awaitable[Response]]


class _ModelRoutes:
    """Plain ASGI middleware: POSTs to the model endpoints go straight to their handler.

    The hot path skips Starlette's routing, exception layers and request object, a
    measurable share of the time the proxy adds (bench/breakdown.py); every other
    request, and other methods on these paths, go on to Starlette's router. Counts the
    POSTs in flight (streams until done).
    """

    def __init__(self, app: ASGIApp, routes: dict[str, Handler], metrics: Metrics) -> None:
        self.app, self.routes, self.metrics = app, routes, metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        handler = self.routes.get(scope["path"])
        self.metrics.in_flight += 1
        try:
            if handler is None:
                await self.app(scope, receive, send)
            else:
                response = await handler(Incoming.of(scope, receive))
                await response(scope, receive, send)
        finally:
            self.metrics.in_flight -= 1


async def _read_body(request: Incoming, limit: int) -> bytes:
    too_large = f"The request body is larger than the limit of {limit} bytes."
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge(too_large)
    parts: list[bytes] = []
    size = 0
    while True:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            raise BadRequest("The client closed the connection before sending the whole body.")
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge(too_large)
        parts.append(chunk)
        if not message.get("more_body", False):
            return parts[0] if len(parts) == 1 else b"".join(parts)


def _decode(raw: bytes) -> Any:
    if not raw.strip():
        raise BadRequest("The request body is empty; send a JSON object.", code="invalid_json")
    try:
        return jsonbody.loads(raw)
    except ValueError as exc:
        raise BadRequest(
            f"The request body is not valid JSON: {exc}", code="invalid_json"
        ) from None


async def _serve(services: Services, dialect: Dialect, request: Incoming) -> Response:
    exchange = Exchange(dialect=dialect.name, client=request.client_host)
    config = services.config
    try:
        raw = await _read_body(request, config.server.max_body_bytes)
        exchange.request_sha256 = hashlib.sha256(raw).hexdigest()
        body = _decode(raw)
        body = await _redacted(services, exchange, body, len(raw))
        info = dialect.parse_request(body)
        exchange.model, exchange.stream, exchange.prompt = info.model, info.stream, info.prompt_text
        upstream = services.upstream_for(info.model, dialect.upstream_kind)
        exchange.upstream = upstream.name
        system = ""
        if config.templates.inject:
            exchange.templates, system = services.injection(
                templates.guess_language(info.prompt_text)
            )
        if exchange.restore:
            system = f"{system}\n\n{SECRETS_NOTE}" if system else SECRETS_NOTE
        if system:
            body = dialect.inject_system(body, system)
    except ProxyError as exc:
        exchange.error = exc
        return Recorded(
            services, exchange, error_response(dialect, exc, exchange_headers(exchange))
        )
    call = _client_call(dialect, request)
    if exchange.stream and not config.gate.enabled and not exchange.restore:
        return RelayedStream(services, dialect, exchange, upstream, body, call)
    run = _gated(services, dialect, upstream, body, exchange, call)
    if exchange.stream:
        return GatedStream(services, dialect, exchange, run)
    await run
    return Recorded(services, exchange, render(dialect, exchange))


async def _redacted(services: Services, exchange: Exchange, body: Any, size: int) -> Any:
    """The body with the secrets in its text replaced, as [redaction] prompts says.

    Raises:
        BadRequest: secrets were found and the config says block.
    """
    mode = services.config.redaction.prompts
    if mode == "off":
        return body
    redact = services.redactor.redact_body
    # a large body takes milliseconds to search: off the event loop then
    body, redaction = await asyncio.to_thread(redact, body) if size > 65_536 else redact(body)
    exchange.prompt_searched = True
    exchange.prompt_secrets = list(redaction.kinds)
    if redaction.found and mode == "block":
        raise BadRequest(
            f"The request holds secrets ({', '.join(redaction.kinds)}); codetamer is set to "
            'refuse them ([redaction] prompts = "block"). Remove them and send it again.',
            code="secret_in_prompt",
        )
    exchange.restore = redaction.restore
    return body


async def _gated(
    services: Services,
    dialect: Dialect,
    upstream: Upstream,
    body: dict[str, Any],
    exchange: Exchange,
    call: ClientCall,
) -> None:
    try:
        outcome = await services.gate.run(
            dialect,
            upstream,
            body,
            stream=exchange.stream,
            call=call,
            placeholders=exchange.restore.keys(),
        )
    except Exception:  # fail closed: a bug in the gate is an error, recorded
        get_logger().exception("gate_failed", exchange_id=exchange.id)
        exchange.error = ProxyError("codetamer could not gate the answer (internal error).")
        return
    exchange.outcome = outcome
    exchange.error = outcome.error
    if outcome.final is not None:
        exchange.model_served = dialect.served_model(outcome.final.response)
        exchange.usage = dialect.usage(outcome.final.response)
    if outcome.verdict is not None:
        exchange.verdict = outcome.verdict.value
    if outcome.verdict is Verdict.BLOCKED:
        exchange.error = _blocked(outcome)


def _client_call(dialect: Dialect, request: Incoming) -> ClientCall:
    """The client's key, its API headers and query string, for the upstream call.

    A key that authenticated the client to the proxy is the proxy's, never passed on.
    """
    headers = request.headers
    consumed = consumed_header(request.scope)
    key = headers.get("x-api-key") if consumed != "x-api-key" else None
    in_x_api_key = key is not None
    if key is None and consumed != "authorization":
        scheme, _, token = headers.get("authorization", "").partition(" ")
        key = token.strip() if scheme.lower() == "bearer" and token.strip() else None
    return ClientCall(
        key=key,
        key_in_x_api_key=in_x_api_key,
        headers={name: value for name in dialect.client_headers if (value := headers.get(name))},
        query=request.scope.get("query_string", b"").decode("latin-1"),
    )


async def _forward(services: Services, dialect: Dialect, path: str, request: Incoming) -> Response:
    """Pass a request that carries no code (token counting) to the upstream as it is."""
    try:
        raw = await _read_body(request, services.config.server.max_body_bytes)
        body = _decode(raw)
        if not isinstance(body, dict) or not isinstance(body.get("model"), str):
            raise BadRequest("model: Field required (a non-empty string).", param="model")
        upstream = services.upstream_for(body["model"], dialect.upstream_kind)
        redacted = await _redacted(services, Exchange(dialect=dialect.name), body, len(raw))
        if redacted is not body:
            raw = orjson.dumps(redacted)
        reply = await upstream.post(path, raw, _client_call(dialect, request))
    except ProxyError as exc:
        return error_response(dialect, exc)
    return Response(reply.content, reply.status, headers=reply.headers, media_type=_JSON)


def _blocked(outcome: Outcome) -> GateBlocked:
    final = outcome.final
    assert final is not None
    listed = "; ".join(
        f"{f.name} (line {f.line}{', CWE-' + str(f.cwe) if f.cwe else ''})"
        for _, f in final.blocking
    )
    return GateBlocked(
        f"codetamer blocked the answer: its code still fails the gate after "
        f"{len(outcome.rounds)} round(s): {listed}."
    )


async def _models(services: Services) -> Response:
    chat = OpenAIChat()
    if not services.upstreams:
        return error_response(chat, NoUpstream("codetamer has no upstream configured."))
    merged: list[Any] = []
    seen: set[str] = set()

    async def fetch(upstream: Upstream) -> list[Any]:
        try:
            reply = await upstream.get("/models")
            data = orjson.loads(reply.content).get("data") if reply.status == 200 else None
        except (ProxyError, orjson.JSONDecodeError, AttributeError):
            return []
        return [
            m
            for m in data or ()
            if isinstance(m, dict) and upstream.config.serves(str(m.get("id", "")))
        ]

    results = await asyncio.gather(*(fetch(u) for u in services.upstreams.values()))
    for models in results:
        for model in models:
            if model["id"] not in seen:
                seen.add(model["id"])
                merged.append(model)
    return Response(orjson.dumps({"object": "list", "data": merged}), media_type=_JSON)
