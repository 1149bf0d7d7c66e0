"""How outcomes reach the client: whole answers, gated streams and relayed streams.

Errors are rendered in the client API's own shape; every answer carries the exchange
id, verdict and round count as headers; placeholders of redacted prompt secrets are put
back; and the provenance record is committed before a response ends.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable
from typing import Any

import orjson
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from proxy import jsonbody
from proxy.dialects.base import Dialect
from proxy.errors import ProxyError, UpstreamStatus, UpstreamStreamError
from proxy.exchange import Exchange
from proxy.gate import Verdict, unresolved_note
from proxy.redaction import restore_frames, restore_json
from proxy.services import Services
from proxy.sse import SSEFrame
from proxy.upstream import ClientCall, Upstream

__all__ = [
    "GatedStream",
    "Recorded",
    "RelayedStream",
    "error_response",
    "exchange_headers",
    "render",
]

_JSON = "application/json"


def exchange_headers(exchange: Exchange) -> dict[str, str]:
    """The upstream headers worth forwarding, and the exchange's id, verdict and rounds."""
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


def error_response(
    dialect: Dialect, error: ProxyError, headers: dict[str, str] | None = None
) -> Response:
    """An error in the client API's shape (an upstream's own error body when it has it)."""
    if isinstance(error, UpstreamStatus):
        headers = {**error.headers, **(headers or {})}
        if dialect.upstream_error(error) is not None:  # already in the client API's shape
            return Response(error.body, error.status, headers=headers, media_type=_JSON)
    return Response(
        orjson.dumps(dialect.error_body(error)), error.status, headers=headers, media_type=_JSON
    )


def render(dialect: Dialect, exchange: Exchange) -> Response:
    """A whole (non-streamed) answer as the gate left it: the error, the annotated or
    merged answer, or the upstream's bytes; prompt secrets put back."""
    outcome = exchange.outcome
    final = outcome.final if outcome else None
    if exchange.error is not None or final is None:
        error = exchange.error or ProxyError("the gate produced no answer")
        exchange.status = error.status
        return error_response(dialect, error, exchange_headers(exchange))
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
    return Response(content, 200, headers=exchange_headers(exchange), media_type=_JSON)


class Recorded(Response):
    """A whole answer (or error) whose record is committed between its head and its body.

    The status line and headers go out while the writer process commits; the body only
    once the record is in the store, so a client never holds a whole answer that
    provenance lacks, and does not wait on the commit for its head either.
    """

    def __init__(self, services: Services, exchange: Exchange, response: Response) -> None:
        self.services, self.exchange, self.response = services, exchange, response
        self.status_code = exchange.status = response.status_code  # the record's status
        self.background = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        status, headers = self.status_code, self.response.raw_headers
        try:
            await send({"type": "http.response.start", "status": status, "headers": headers})
        finally:  # a server whose send raises once the client is gone loses no record
            await self.services.record(self.exchange)
        await send({"type": "http.response.body", "body": self.response.body})


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
        self.started = False  # the head went out (with the verdict pending)
        self._keeper: asyncio.Task[None] | None = None  # sends the keepalives, once due

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # Keepalives start only once the gate has taken `keepalive_seconds`: a timer, not a
        # task per stream, so an answer the gate passes quickly costs no second task.
        due = self.services.config.gate.keepalive_seconds
        timer = asyncio.get_running_loop().call_later(due, self._begin_keepalives, send)
        try:
            status, headers, parts = await self._work()
        finally:
            timer.cancel()
            if self._keeper is not None:  # stopped between two sends: each is whole or not made
                self._keeper.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await self._keeper
        if not self.started:
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
        # the replay is whole already: one write, not one per event
        await send({"type": "http.response.body", "body": b"".join(parts), "more_body": False})

    def _begin_keepalives(self, send: Send) -> None:
        self._keeper = asyncio.get_running_loop().create_task(self._keep(send))

    async def _keep(self, send: Send) -> None:
        """The head with the verdict pending, then a keepalive every `keepalive_seconds`."""
        pending = {
            "x-codetamer-exchange-id": self.exchange.id,
            "x-codetamer-verdict": "pending",
            "x-codetamer-rounds": "pending",
        }
        await self._start(send, 200, pending)
        self.started = True
        body = self.dialect.keepalive
        while True:
            await send({"type": "http.response.body", "body": body, "more_body": True})
            await asyncio.sleep(self.services.config.gate.keepalive_seconds)

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
            response = error_response(
                dialect, exchange.error or ProxyError("the gate produced no answer")
            )
            exchange.status = response.status_code
            await self.services.record(exchange)
            return (
                response.status_code,
                {**exchange_headers(exchange), **_plain(response)},
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
        return 200, exchange_headers(exchange), parts


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
            response = error_response(dialect, outcome.error, exchange_headers(exchange))
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
        end = b"".join([*held, *tail])
        await send({"type": "http.response.body", "body": end, "more_body": False})


def _plain(response: Response) -> dict[str, str]:
    """A rendered error's own headers (content-type, retry-after...) for a stream's start."""
    return {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
