"""OpenTelemetry spans per exchange, following the gen_ai semantic conventions.

Optional: it needs the `otel` extra (opentelemetry-api, -sdk and the OTLP/HTTP exporter)
and `[telemetry] enabled = true`; with the extra missing, start-up fails with a
ConfigError that says what to install. Each exchange becomes one CLIENT span named
`{gen_ai.operation.name} {gen_ai.request.model}` ("chat gpt-4.1"), made after the fact
from the exchange's own clock readings, with one INTERNAL child span per gate round
(rounds know their durations, not their start times: they are laid end to end from the
exchange's start).

The spans go to the process's tracer provider when one is set up (codetamer embedded in
an instrumented app, or run under opentelemetry-instrument) and no `endpoint` is
configured; otherwise codetamer sets up its own, exporting over OTLP/HTTP in batches,
configured by the standard OTEL_* variables unless `[telemetry]` says otherwise.

Prompt and answer text go on spans (gen_ai.input.messages, gen_ai.output.messages) only
with `capture_content = true`, and then with every secret the detector finds redacted.
No header is ever recorded, so no key is either.
"""

from __future__ import annotations

import asyncio
import os
import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from guards.secrets import redact
from proxy import __version__
from proxy.config import Config, TelemetryConfig, UpstreamConfig
from proxy.errors import ConfigError, ProxyError, UpstreamStatus
from proxy.exchange import Exchange
from proxy.logs import get_logger

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.trace import Tracer

__all__ = ["Telemetry"]

OPERATION = "chat"
MAX_CONTENT_CHARS = 32_768
"""Characters of one text part kept on a span (after redaction)."""
_INLINE_CONTENT_CHARS = 32_768  # redacting more than this is done off the event loop
_MISSING_EXTRA = (
    "{source}: [telemetry] enabled = true needs the otel extra: "
    "pip install 'codetamer[otel]' (from a checkout: uv sync --extra otel)"
)


@dataclass(frozen=True, slots=True)
class _Server:
    """What the spans say about an upstream."""

    provider: str
    address: str | None
    port: int | None


class Telemetry:
    """Turns finished exchanges into spans."""

    def __init__(
        self,
        config: TelemetryConfig,
        upstreams: Sequence[UpstreamConfig],
        provider: TracerProvider,
        *,
        owned: bool,
    ) -> None:
        """Emit to a tracer provider.

        Args:
            config: the [telemetry] settings.
            upstreams: the configured upstreams (for gen_ai.provider.name, server.*).
            provider: where the spans go.
            owned: whether `shutdown` shuts the provider down (only codetamer's own).
        """
        self.config = config
        self._provider = provider
        self._owned = owned
        self._tracer: Tracer = provider.get_tracer("codetamer", __version__)
        self._servers = {u.name: _server(u) for u in upstreams}

    @classmethod
    def from_config(cls, config: Config) -> Telemetry | None:
        """The telemetry a configuration asks for; None when it is off.

        Raises:
            ConfigError: telemetry is on but the otel extra is not installed.
        """
        settings = config.telemetry
        if not settings.enabled:
            return None
        try:
            from opentelemetry import trace
            from opentelemetry.sdk.trace import TracerProvider
        except ImportError:
            raise ConfigError(_MISSING_EXTRA.format(source=config.source)) from None
        current = trace.get_tracer_provider()
        if isinstance(current, TracerProvider) and settings.endpoint is None:
            return cls(settings, config.upstreams, current, owned=False)
        return cls(settings, config.upstreams, _own_provider(config), owned=True)

    async def emit(self, exchange: Exchange, record: Mapping[str, Any]) -> None:
        """Emit an exchange's spans; a failure is logged, never raised.

        Args:
            exchange: the finished exchange.
            record: its provenance record (rounds, findings and timings as recorded).
        """
        try:
            if self.config.capture_content and _content_size(exchange) > _INLINE_CONTENT_CHARS:
                await asyncio.to_thread(self._emit, exchange, record)
            else:
                self._emit(exchange, record)
        except Exception as exc:  # telemetry never costs a client its answer
            get_logger().warning(
                "telemetry_failed", exchange_id=exchange.id, error=type(exc).__name__
            )

    def shutdown(self) -> None:
        """Export what is pending and stop, if the provider is codetamer's own (blocks)."""
        if self._owned:
            self._provider.shutdown()

    def _emit(self, exchange: Exchange, record: Mapping[str, Any]) -> None:
        from opentelemetry import trace
        from opentelemetry.trace import SpanKind, StatusCode

        start = int(exchange.started_at.timestamp() * 1_000_000) * 1000
        end = start + int(float(record.get("latency_ms") or 0.0) * 1_000_000)
        name = f"{OPERATION} {exchange.model}" if exchange.model else OPERATION
        span = self._tracer.start_span(
            name,
            kind=SpanKind.CLIENT,
            attributes=self._attributes(exchange, record),
            start_time=start,
        )
        if exchange.error is not None:
            span.set_status(StatusCode.ERROR, redact(exchange.error.message)[:300])
        context = trace.set_span_in_context(span)
        at = start
        for number, summary in enumerate(record.get("rounds") or (), start=1):
            took = float(summary.get("upstream_ms") or 0.0) + float(summary.get("gate_ms") or 0.0)
            child = self._tracer.start_span(
                "codetamer.round",
                context=context,
                kind=SpanKind.INTERNAL,
                attributes=_round_attributes(number, summary),
                start_time=at,
            )
            at = min(at + int(took * 1_000_000), end)
            child.end(end_time=at)
        span.end(end_time=end)

    def _attributes(self, exchange: Exchange, record: Mapping[str, Any]) -> dict[str, Any]:
        outcome = exchange.outcome
        final = outcome.final if outcome else None
        response = (
            outcome.merged
            if outcome and outcome.merged is not None
            else (final.response if final else None)
        )
        server = self._servers.get(exchange.upstream or "") or _Server(
            "anthropic" if "anthropic" in exchange.dialect else "openai", None, None
        )
        output = _output_messages(exchange.dialect, response) if response else []
        rounds = record.get("rounds") or []
        attributes: dict[str, Any] = {
            "gen_ai.operation.name": OPERATION,
            "gen_ai.provider.name": server.provider,
            "gen_ai.request.model": exchange.model,
            "gen_ai.response.model": exchange.model_served,
            "gen_ai.response.id": _string(response.get("id")) if response else None,
            "gen_ai.response.finish_reasons": [m["finish_reason"] for m in output] or None,
            "server.address": server.address,
            "server.port": server.port,
            "error.type": _error_type(exchange.error),
            **_usage(exchange.usage),
            "codetamer.exchange.id": exchange.id,
            "codetamer.dialect": exchange.dialect,
            "codetamer.upstream": exchange.upstream,
            "codetamer.stream": exchange.stream,
            "codetamer.verdict": exchange.verdict,
            "codetamer.rounds": outcome.calls if outcome else 0,
            "codetamer.findings": sum(_findings(r) for r in rounds),
            "codetamer.status_code": exchange.status,
            "codetamer.client.name": exchange.client_name,
            "codetamer.repair_error": _error_type(outcome.repair_error) if outcome else None,
        }
        if self.config.capture_content:
            prompt = record.get("prompt") or (redact(exchange.prompt) if exchange.prompt else None)
            if prompt:
                part = {"type": "text", "content": _cap(prompt)}
                attributes["gen_ai.input.messages"] = [{"role": "user", "parts": [part]}]
            if output:
                attributes["gen_ai.output.messages"] = _redacted(output)
        return {k: v for k, v in attributes.items() if v is not None}


def _own_provider(config: Config) -> TracerProvider:
    """A tracer provider exporting over OTLP/HTTP in batches, as [telemetry] and OTEL_* say.

    Raises:
        ConfigError: the OTLP exporter of the otel extra is not installed.
    """
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    try:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    except ImportError:
        raise ConfigError(_MISSING_EXTRA.format(source=config.source)) from None
    settings = config.telemetry
    attributes = {"service.version": __version__}
    if "service_name" in settings.model_fields_set or not os.environ.get("OTEL_SERVICE_NAME"):
        attributes["service.name"] = settings.service_name
    provider = TracerProvider(resource=Resource.create(attributes))
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=settings.endpoint)))
    return provider


def _content_size(exchange: Exchange) -> int:
    """Characters of prompt and answer that capturing content would redact."""
    final = exchange.outcome.final if exchange.outcome else None
    answer = 0
    if final is not None:
        answer = (
            len(final.raw) if final.raw is not None else sum(len(f.raw) for f in final.frames or ())
        )
    return len(exchange.prompt or "") + answer


def _server(upstream: UpstreamConfig) -> _Server:
    try:
        parts = urllib.parse.urlsplit(upstream.base_url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:  # a URL the upstream call will fail on too; the span still goes out
        return _Server(upstream.kind, None, None)
    return _Server(upstream.kind, parts.hostname, port)


def _error_type(error: ProxyError | None) -> str | None:
    """Low-cardinality: the upstream's status when it answered with one, else our type."""
    if error is None:
        return None
    if isinstance(error, UpstreamStatus):
        return str(error.status)
    return error.error_type


def _usage(usage: Mapping[str, Any] | None) -> dict[str, int]:
    """Token counts in the conventions' names, from any of the three APIs' usage objects.

    OpenAI counts cached input inside the input count; Anthropic counts it apart, and
    the conventions' input count includes it, so it is added in.
    """
    if not usage:
        return {}
    details = usage.get("prompt_tokens_details") or usage.get("input_tokens_details")
    cached = _int(details.get("cached_tokens")) if isinstance(details, Mapping) else None
    cache_read = _int(usage.get("cache_read_input_tokens"))
    cache_creation = _int(usage.get("cache_creation_input_tokens"))
    if "prompt_tokens" in usage:  # Chat Completions
        inputs, outputs = _int(usage.get("prompt_tokens")), _int(usage.get("completion_tokens"))
        cache_read = cached
    else:  # Messages, Responses
        inputs, outputs = _int(usage.get("input_tokens")), _int(usage.get("output_tokens"))
        if cache_read is not None or cache_creation is not None:
            inputs = (inputs or 0) + (cache_read or 0) + (cache_creation or 0)
        else:
            cache_read = cached
    counts = {
        "gen_ai.usage.input_tokens": inputs,
        "gen_ai.usage.output_tokens": outputs,
        "gen_ai.usage.cache_read.input_tokens": cache_read,
        "gen_ai.usage.cache_creation.input_tokens": cache_creation,
    }
    return {key: value for key, value in counts.items() if value is not None}


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _findings(summary: Mapping[str, Any]) -> int:
    return sum(len(a.get("findings") or ()) for a in summary.get("artifacts") or ())


def _round_attributes(number: int, summary: Mapping[str, Any]) -> dict[str, Any]:
    artifacts = summary.get("artifacts") or []
    rules = sorted({str(f["rule_id"]) for a in artifacts for f in a.get("findings") or ()})
    return {
        "codetamer.round.number": number,
        "codetamer.round.upstream_ms": float(summary.get("upstream_ms") or 0.0),
        "codetamer.round.gate_ms": float(summary.get("gate_ms") or 0.0),
        "codetamer.round.artifacts": len(artifacts),
        "codetamer.round.findings": _findings(summary),
        "codetamer.round.blocking": int(summary.get("blocking") or 0),
        "codetamer.round.warnings": int(summary.get("warnings") or 0),
        "codetamer.round.rules": rules,
    }


def _output_messages(dialect: str, response: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The answer as the conventions' output messages: one per choice, text and tool calls.

    The text is as the upstream sent it: `_redacted` it before it goes on a span.
    """
    if dialect.endswith("anthropic.messages"):
        parts = [p for b in _list(response.get("content")) if (p := _anthropic_part(b))]
        return [_message(parts, response.get("stop_reason"))]
    if dialect.endswith("openai.responses"):
        parts = [p for item in _list(response.get("output")) for p in _responses_parts(item)]
        status = response.get("status")
        reason = "stop" if status in (None, "completed") else status
        return [_message(parts, reason)]
    messages = []
    for choice in _list(response.get("choices")):
        message = choice.get("message") if isinstance(choice, Mapping) else None
        if not isinstance(message, Mapping):
            continue
        parts = []
        if isinstance(message.get("content"), str):
            parts.append(_text(message["content"]))
        for call in _list(message.get("tool_calls")):
            function = call.get("function") if isinstance(call, Mapping) else None
            if isinstance(function, Mapping):
                parts.append(_tool_call(call.get("id"), function.get("name"), function))
        messages.append(_message(parts, choice.get("finish_reason")))
    return messages


def _anthropic_part(block: Any) -> dict[str, Any] | None:
    if not isinstance(block, Mapping):
        return None
    kind = block.get("type")
    if kind == "text" and isinstance(block.get("text"), str):
        return _text(block["text"])
    if kind == "thinking" and isinstance(block.get("thinking"), str):
        return {"type": "reasoning", "content": block["thinking"]}
    if kind in ("tool_use", "server_tool_use"):
        return _tool_call(block.get("id"), block.get("name"), {"arguments": block.get("input")})
    return None


def _responses_parts(item: Any) -> list[dict[str, Any]]:
    if not isinstance(item, Mapping):
        return []
    kind = item.get("type")
    if kind == "message":
        return [
            _text(c["text"])
            for c in _list(item.get("content"))
            if isinstance(c, Mapping) and isinstance(c.get("text"), str)
        ]
    if kind == "function_call":
        return [_tool_call(item.get("call_id"), item.get("name"), item)]
    if kind == "custom_tool_call":
        return [_tool_call(item.get("call_id"), item.get("name"), {"arguments": item.get("input")})]
    return []


def _message(parts: list[dict[str, Any]], reason: Any) -> dict[str, Any]:
    return {"role": "assistant", "parts": parts, "finish_reason": _string(reason) or "stop"}


def _text(value: str) -> dict[str, Any]:
    return {"type": "text", "content": value}


def _tool_call(call_id: Any, name: Any, holder: Mapping[str, Any]) -> dict[str, Any]:
    part: dict[str, Any] = {"type": "tool_call", "name": _string(name) or ""}
    if call_id := _string(call_id):
        part["id"] = call_id
    if (arguments := holder.get("arguments")) is not None:
        part["arguments"] = arguments
    return part


def _redacted(value: Any) -> Any:
    """A JSON value with the secrets in its strings redacted (and long strings capped)."""
    if isinstance(value, str):
        return _cap(redact(value))
    if isinstance(value, Mapping):
        return {str(k): _redacted(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_redacted(v) for v in value if v is not None]
    return value


def _cap(text: str) -> str:
    return text if len(text) <= MAX_CONTENT_CHARS else text[:MAX_CONTENT_CHARS] + "…[truncated]"


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _string(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
