"""The HTTP face of the proxy: routes, request reading, and rendering outcomes.

Every POST to a model endpoint is one exchange: the body is read (bounded), validated,
given the secure templates, passed through the gate loop, answered in the client's own
API shape, and recorded in provenance before the response ends.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Receive, Scope, Send

import templates
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
    UpstreamStatus,
    UpstreamStreamError,
)
from proxy.exchange import Exchange
from proxy.gate import Outcome, Verdict, unresolved_note
from proxy.logs import get_logger
from proxy.metrics import CONTENT_TYPE as METRICS_CONTENT_TYPE
from proxy.metrics import Metrics
from proxy.redaction import SECRETS_NOTE, restore_frames, restore_json
from proxy.services import Services
from proxy.sse import SSEFrame
from proxy.upstream import ClientCall, Upstream

__all__ = ["Services", "create_app"]

_JSON = "application/json"


def create_app(config: Config) -> Starlette:
    """Build the proxy's ASGI app.

    Args:
        config: the loaded configuration.

    Raises:
        templates.TemplateError, guards.RuleError: the config names templates or rules
            that do not load.
    """
    services = Services.build(config)
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

    async def chat_completions(request: Request) -> Response:
        return await _serve(services, chat, request)

    async def openai_responses(request: Request) -> Response:
        return await _serve(services, responses, request)

    async def anthropic_messages(request: Request) -> Response:
        return await _serve(services, messages, request)

    async def count_tokens(request: Request) -> Response:
        return await _forward(services, messages, request, "/messages/count_tokens")

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
        return _error_response(messages if anthropic else chat, error)

    app = Starlette(
        routes=[
            Route("/v1/chat/completions", chat_completions, methods=["POST"]),
            Route("/chat/completions", chat_completions, methods=["POST"]),
            Route("/v1/responses", openai_responses, methods=["POST"]),
            Route("/responses", openai_responses, methods=["POST"]),
            Route("/v1/messages", anthropic_messages, methods=["POST"]),
            Route("/v1/messages/count_tokens", count_tokens, methods=["POST"]),
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
            Middleware(_InFlight, metrics=services.metrics),
        ],
    )
    app.state.services = services
    return app


class _InFlight:
    """Plain ASGI middleware counting the POST requests being served (streams until done)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app, self.gauge = app, metrics.in_flight

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "POST":
            await self.app(scope, receive, send)
            return
        self.gauge.inc()
        try:
            await self.app(scope, receive, send)
        finally:
            self.gauge.dec()


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge(f"The request body is larger than the limit of {limit} bytes.")
    parts: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise BodyTooLarge(f"The request body is larger than the limit of {limit} bytes.")
            parts.append(chunk)
    except ClientDisconnect:
        raise BadRequest(
            "The client closed the connection before sending the whole body."
        ) from None
    return b"".join(parts)


def _decode(raw: bytes) -> Any:
    if not raw.strip():
        raise BadRequest("The request body is empty; send a JSON object.", code="invalid_json")
    try:
        return jsonbody.loads(raw)
    except ValueError as exc:
        raise BadRequest(
            f"The request body is not valid JSON: {exc}", code="invalid_json"
        ) from None


async def _serve(services: Services, dialect: Dialect, request: Request) -> Response:
    client = request.client.host if request.client else None
    exchange = Exchange(dialect=dialect.name, client=client)
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
            exchange.templates = services.templates.select(
                templates.guess_language(info.prompt_text)
            )
            system = templates.render_system_text(exchange.templates) if exchange.templates else ""
        if exchange.restore:
            system = f"{system}\n\n{SECRETS_NOTE}" if system else SECRETS_NOTE
        if system:
            body = dialect.inject_system(body, system)
    except ProxyError as exc:
        exchange.error = exc
        return await _finish(services, exchange, _error_response(dialect, exc, _headers(exchange)))
    call = _client_call(dialect, request)
    if exchange.stream and not config.gate.enabled and not exchange.restore:
        return RelayedStream(services, dialect, exchange, upstream, body, call)
    run = _gated(services, dialect, upstream, body, exchange, call)
    if exchange.stream:
        return GatedStream(services, dialect, exchange, run)
    await run
    return await _finish(services, exchange, _render(dialect, exchange))


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


def _client_call(dialect: Dialect, request: Request) -> ClientCall:
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
        query=request.url.query,
    )


async def _forward(services: Services, dialect: Dialect, request: Request, path: str) -> Response:
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
        return _error_response(dialect, exc)
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


def _headers(exchange: Exchange) -> dict[str, str]:
    outcome = exchange.outcome
    headers = dict(outcome.final.headers) if outcome and outcome.final else {}
    headers.update(
        {
            "x-codetamer-exchange-id": exchange.id,
            "x-codetamer-verdict": exchange.verdict,
            "x-codetamer-rounds": str(outcome.calls if outcome else 0),
        }
    )
    return headers


def _error_response(
    dialect: Dialect, error: ProxyError, headers: dict[str, str] | None = None
) -> Response:
    if isinstance(error, UpstreamStatus):
        headers = {**error.headers, **(headers or {})}
        if dialect.upstream_error(error) is not None:  # already in the client API's shape
            return Response(error.body, error.status, headers=headers, media_type=_JSON)
    return Response(
        orjson.dumps(dialect.error_body(error)), error.status, headers=headers, media_type=_JSON
    )


def _render(dialect: Dialect, exchange: Exchange) -> Response:
    outcome = exchange.outcome
    final = outcome.final if outcome else None
    if exchange.error is not None or final is None:
        error = exchange.error or ProxyError("the gate produced no answer")
        exchange.status = error.status
        return _error_response(dialect, error, _headers(exchange))
    assert outcome is not None
    if outcome.merged is not None:
        body = outcome.merged
        if final.blocking:
            body = dialect.annotate(body, unresolved_note(outcome))
        content = jsonbody.dumps(body)
    elif final.blocking:
        content = jsonbody.dumps(dialect.annotate(final.response, unresolved_note(outcome)))
    else:
        assert final.raw is not None
        content = final.raw
    content = restore_json(content, exchange.restore)
    return Response(content, 200, headers=_headers(exchange), media_type=_JSON)


async def _finish(services: Services, exchange: Exchange, response: Response) -> Response:
    exchange.status = response.status_code
    await services.record(exchange)
    return response


class GatedStream(Response):
    """A streamed answer under the gate: keepalives while the gate works, then the replay.

    Headers wait for the verdict up to `gate.keepalive_seconds`; if the gate needs
    longer they are sent with the verdict "pending" and keepalives follow, and the final
    verdict comes as an SSE comment before the replay (and in provenance).
    """

    def __init__(
        self, services: Services, dialect: Dialect, exchange: Exchange, run: Awaitable[None]
    ) -> None:
        self.services, self.dialect, self.exchange, self.run = services, dialect, exchange, run
        self.status_code = 200
        self.background = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        task = asyncio.ensure_future(self._work())
        self.services.tasks.add(task)
        task.add_done_callback(self.services.tasks.discard)
        interval = self.services.config.gate.keepalive_seconds
        started = False
        while True:
            done, _ = await asyncio.wait({task}, timeout=interval)
            if done:
                break
            if not started:
                pending = {
                    "x-codetamer-exchange-id": self.exchange.id,
                    "x-codetamer-verdict": "pending",
                    "x-codetamer-rounds": "pending",
                }
                await self._start(send, 200, pending)
                started = True
            await send(
                {"type": "http.response.body", "body": self.dialect.keepalive, "more_body": True}
            )
        status, headers, parts = task.result()
        if not started:
            await self._start(send, status, headers)
        elif status != 200:
            error = self.exchange.error or ProxyError("the gate produced no answer")
            parts = [self.dialect.stream_error(error)]
        else:
            rounds = headers["x-codetamer-rounds"]
            verdict = (
                f": codetamer exchange={self.exchange.id} verdict={self.exchange.verdict} "
                f"rounds={rounds}\n\n"
            )
            parts = [verdict.encode(), *parts]
        for part in parts:
            await send({"type": "http.response.body", "body": part, "more_body": True})
        await send({"type": "http.response.body", "body": b"", "more_body": False})

    async def _start(self, send: Send, status: int, headers: dict[str, str]) -> None:
        merged = {
            "content-type": "text/event-stream" if status == 200 else _JSON,
            "cache-control": "no-cache",
            **{k.lower(): v for k, v in headers.items()},
        }
        raw = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in merged.items()]
        await send({"type": "http.response.start", "status": status, "headers": raw})

    async def _work(self) -> tuple[int, dict[str, str], list[bytes]]:
        exchange, dialect = self.exchange, self.dialect
        await self.run
        final = exchange.outcome.final if exchange.outcome else None
        if exchange.error is not None or final is None or final.frames is None:
            response = _error_response(
                dialect, exchange.error or ProxyError("the gate produced no answer")
            )
            exchange.status = response.status_code
            await self.services.record(exchange)
            return (
                response.status_code,
                {**_headers(exchange), **_plain(response)},
                [bytes(response.body)],
            )
        outcome = exchange.outcome
        assert outcome is not None
        if outcome.merged is not None:
            body = outcome.merged
            if final.blocking:
                body = dialect.annotate(body, unresolved_note(outcome))
            parts = dialect.render_frames(body)
        elif final.blocking:
            parts = dialect.annotate_frames(final.frames, unresolved_note(outcome))
        else:
            parts = [f.raw for f in final.frames]
        parts = restore_frames(parts, exchange.restore)
        exchange.status = 200
        await self.services.record(exchange)
        return 200, _headers(exchange), parts


class RelayedStream(Response):
    """An ungated stream ([gate] enabled = false): frames go out as they arrive.

    Headers go out with the first frame; an error before it is an ordinary error
    response, one after it an error event. The frame that ends the stream ([DONE],
    message_stop, response.completed) and any after it wait until the record is
    committed, so a client never holds a whole answer that provenance lacks.
    (A request whose secrets were redacted is not relayed: restoring a placeholder split
    over frames needs the whole stream, so it takes the buffered path.)
    """

    def __init__(
        self,
        services: Services,
        dialect: Dialect,
        exchange: Exchange,
        upstream: Upstream,
        body: dict[str, Any],
        call: ClientCall,
    ) -> None:
        self.services, self.dialect, self.exchange = services, dialect, exchange
        self.upstream, self.request_body, self.call = upstream, body, call
        self.status_code = 200
        self.background = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        exchange, dialect = self.exchange, self.dialect
        started = False
        held: list[bytes] = []

        async def sink(headers: dict[str, str], frame: SSEFrame) -> None:
            nonlocal started
            if not started:
                started = True
                head = {
                    "content-type": "text/event-stream",
                    "cache-control": "no-cache",
                    **{k.lower(): v for k, v in headers.items()},
                    "x-codetamer-exchange-id": exchange.id,
                    "x-codetamer-verdict": "ungated",
                    "x-codetamer-rounds": "1",
                }
                raw = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in head.items()]
                await send({"type": "http.response.start", "status": 200, "headers": raw})
            if held or dialect.stream_done([frame]):
                held.append(frame.raw)
            else:
                await send({"type": "http.response.body", "body": frame.raw, "more_body": True})

        outcome = await self.services.gate.relay(
            dialect, self.upstream, self.request_body, sink, call=self.call
        )
        exchange.outcome, exchange.error = outcome, outcome.error
        if outcome.final is not None:
            exchange.verdict = Verdict.UNGATED.value
            exchange.model_served = dialect.served_model(outcome.final.response)
            exchange.usage = dialect.usage(outcome.final.response)
        if not started:
            assert outcome.error is not None
            response = _error_response(dialect, outcome.error, _headers(exchange))
            exchange.status = response.status_code
            await self.services.record(exchange)
            await response(scope, receive, send)
            return
        exchange.status = 200
        error = outcome.error
        # the upstream's own error event was relayed already: no second one
        relayed = isinstance(error, UpstreamStreamError)
        tail = [dialect.stream_error(error)] if error is not None and not relayed else []
        await self.services.record(exchange)
        for part in [*held, *tail]:
            await send({"type": "http.response.body", "body": part, "more_body": True})
        await send({"type": "http.response.body", "body": b"", "more_body": False})


def _plain(response: Response) -> dict[str, str]:
    """A rendered error's own headers (content-type, retry-after...) for a stream's start."""
    return {k: v for k, v in response.headers.items() if k.lower() != "content-length"}


async def _models(services: Services) -> Response:
    chat = OpenAIChat()
    if not services.upstreams:
        return _error_response(chat, NoUpstream("codetamer has no upstream configured."))
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
