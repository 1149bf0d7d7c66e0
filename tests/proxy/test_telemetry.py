"""OpenTelemetry spans per exchange: gen_ai conventions, content only when asked, no keys."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import pytest
from opentelemetry import trace
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from guards.secrets import redact
from proxy.config import Config
from proxy.errors import ConfigError
from proxy.services import Services
from tests.conftest import UPSTREAM_KEY, Proxy, Upstream
from tests.proxy.test_cli import clean_env, serving
from tests.servers import serve_in_thread
from tests.upstreams.anthropic_server import Answer, text
from tests.upstreams.openai_server import Reply

SECURE = "```python\nimport subprocess\nsubprocess.run(args, check=True)\n```\n"
INSECURE = "```python\nimport subprocess\nsubprocess.run(cmd, shell=True)\n```\n"
AWS = "AKIAQ7M2X3LPR4TZ5WVN"
GITHUB = "ghp_Zr8Kq2mX7vN4pL9wT3yB6cH1jF5dS0aE2gU8"
ASK = [{"role": "user", "content": "Write a function that runs a command"}]
ON = {"enabled": True}


@pytest.fixture(scope="module")
def exporter() -> InMemorySpanExporter:
    """An in-memory exporter on the process's tracer provider (set once for the process)."""
    provider = trace.get_tracer_provider()
    if not isinstance(provider, TracerProvider):
        provider = TracerProvider()
        trace.set_tracer_provider(provider)
    memory = InMemorySpanExporter()
    provider.add_span_processor(SimpleSpanProcessor(memory))
    return memory


@pytest.fixture
def spans(exporter: InMemorySpanExporter) -> Iterator[InMemorySpanExporter]:
    exporter.clear()
    yield exporter
    exporter.clear()


def of_exchange(spans: InMemorySpanExporter, exchange_id: str) -> tuple[ReadableSpan, list]:
    """The exchange's span and its round spans, in order."""
    finished = spans.get_finished_spans()
    (main,) = [s for s in finished if s.attributes.get("codetamer.exchange.id") == exchange_id]
    rounds = [s for s in finished if s.parent and s.parent.span_id == main.context.span_id]
    return main, sorted(rounds, key=lambda s: s.attributes["codetamer.round.number"])


def port(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


@pytest.mark.parametrize("stream", [False, True])
def test_an_openai_chat_exchange_is_one_client_span_named_by_operation_and_model(
    make_proxy, upstream: Upstream, openai_client, spans, stream: bool
):
    proxy: Proxy = make_proxy(telemetry=ON)
    upstream.script.queue(Reply(content=SECURE))
    client = openai_client(proxy)
    options = {"stream": True, "stream_options": {"include_usage": True}} if stream else {}
    raw = client.chat.completions.with_raw_response.create(
        model="gpt-test", messages=ASK, **options
    )
    if stream:
        list(raw.parse())
    exchange_id = raw.headers["x-codetamer-exchange-id"]

    span, rounds = of_exchange(spans, exchange_id)
    assert span.name == "chat gpt-test"
    assert span.kind is SpanKind.CLIENT
    assert span.status.status_code is StatusCode.UNSET
    attributes = dict(span.attributes)
    assert attributes.pop("gen_ai.response.id").startswith("chatcmpl-test")
    assert attributes == {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": "openai",
        "gen_ai.request.model": "gpt-test",
        "gen_ai.response.model": "gpt-test-served",
        "gen_ai.response.finish_reasons": ("stop",),
        "gen_ai.usage.input_tokens": 11,
        "gen_ai.usage.output_tokens": 7,
        "server.address": "127.0.0.1",
        "server.port": port(upstream.url),
        "codetamer.exchange.id": exchange_id,
        "codetamer.dialect": "openai.chat",
        "codetamer.upstream": "test",
        "codetamer.stream": stream,
        "codetamer.verdict": "pass",
        "codetamer.rounds": 1,
        "codetamer.findings": 0,
        "codetamer.status_code": 200,
    }
    assert span.end_time > span.start_time
    (first,) = rounds
    assert first.name == "codetamer.round" and first.kind is SpanKind.INTERNAL
    assert first.attributes["codetamer.round.artifacts"] == 1
    assert span.start_time <= first.start_time <= first.end_time <= span.end_time


def test_an_anthropic_messages_exchange_names_its_provider_and_counts_its_tokens(
    make_proxy, anthropic_client, spans
):
    proxy: Proxy = make_proxy(anthropic=True, telemetry=ON)
    assert proxy.anthropic is not None
    proxy.anthropic.script.queue(Answer(blocks=[text(SECURE)]))
    raw = anthropic_client(proxy).messages.with_raw_response.create(
        model="claude-test", max_tokens=256, messages=ASK
    )

    span, _ = of_exchange(spans, raw.headers["x-codetamer-exchange-id"])
    assert span.name == "chat claude-test"
    assert span.kind is SpanKind.CLIENT
    assert span.attributes["gen_ai.provider.name"] == "anthropic"
    assert span.attributes["gen_ai.response.model"] == "claude-test-served"
    assert span.attributes["gen_ai.response.id"].startswith("msg_test")
    assert span.attributes["gen_ai.response.finish_reasons"] == ("end_turn",)
    assert span.attributes["gen_ai.usage.input_tokens"] == 21  # cache reads (0) included
    assert span.attributes["gen_ai.usage.output_tokens"] == 9
    assert span.attributes["gen_ai.usage.cache_read.input_tokens"] == 0
    assert span.attributes["server.port"] == port(proxy.anthropic.url)
    assert span.attributes["codetamer.dialect"] == "anthropic.messages"


def test_each_gate_round_is_a_child_span_with_its_findings(
    make_proxy, upstream: Upstream, openai_client, spans
):
    proxy: Proxy = make_proxy(telemetry=ON)
    upstream.script.queue(Reply(content=INSECURE), Reply(content=SECURE))
    raw = openai_client(proxy).chat.completions.with_raw_response.create(
        model="gpt-test", messages=ASK
    )

    span, rounds = of_exchange(spans, raw.headers["x-codetamer-exchange-id"])
    assert span.attributes["codetamer.verdict"] == "repaired"
    assert span.attributes["codetamer.rounds"] == 2
    assert span.attributes["codetamer.findings"] >= 1
    assert [r.attributes["codetamer.round.number"] for r in rounds] == [1, 2]
    first, second = rounds
    assert first.attributes["codetamer.round.blocking"] >= 1
    assert first.attributes["codetamer.round.rules"]
    assert second.attributes["codetamer.round.findings"] == 0
    assert second.attributes["codetamer.round.rules"] == ()
    assert first.end_time <= second.start_time <= second.end_time <= span.end_time
    assert first.attributes["codetamer.round.upstream_ms"] > 0


def test_content_is_absent_by_default(make_proxy, upstream: Upstream, openai_client, spans):
    proxy: Proxy = make_proxy(telemetry=ON)
    upstream.script.queue(Reply(content=f"Your key {GITHUB} has expired."))
    raw = openai_client(proxy).chat.completions.with_raw_response.create(
        model="gpt-test", messages=[{"role": "user", "content": f"deploy with {AWS}"}]
    )

    span, _ = of_exchange(spans, raw.headers["x-codetamer-exchange-id"])
    assert not {"gen_ai.input.messages", "gen_ai.output.messages"} & set(span.attributes)
    assert not any(k.startswith("gen_ai.system") for k in span.attributes)
    everything = repr(span.to_json())
    assert "deploy with" not in everything and "has expired" not in everything


@pytest.mark.parametrize("prompts", ["redact", "off"])
def test_captured_content_follows_the_message_schema_with_secrets_redacted(
    make_proxy, upstream: Upstream, openai_client, spans, prompts: str
):
    assert redact(AWS) != AWS and redact(GITHUB) != GITHUB  # the detector knows their shapes
    proxy: Proxy = make_proxy(
        telemetry={"enabled": True, "capture_content": True}, redaction={"prompts": prompts}
    )
    upstream.script.queue(Reply(content=f"Noted. Also, {GITHUB} has expired."))
    client = openai_client(proxy)
    raw = client.chat.completions.with_raw_response.create(
        model="gpt-test",
        messages=[{"role": "user", "content": f"AWS_ACCESS_KEY_ID={AWS}\nwhy does deploy fail?"}],
    )

    span, _ = of_exchange(spans, raw.headers["x-codetamer-exchange-id"])
    (asked,) = span.attributes["gen_ai.input.messages"]
    assert asked["role"] == "user"
    ((part,),) = [asked["parts"]]
    assert part["type"] == "text" and "why does deploy fail?" in part["content"]
    hidden = "[secret:aws-access-key-id:" if prompts == "redact" else "[REDACTED:aws-access-key-id]"
    assert hidden in part["content"]
    (answered,) = span.attributes["gen_ai.output.messages"]
    assert answered["role"] == "assistant" and answered["finish_reason"] == "stop"
    (text_part,) = answered["parts"]
    assert "[REDACTED:github-personal-access-token] has expired" in text_part["content"]
    everything = repr(span.to_json()) + repr(span.attributes)
    for secret in (AWS, GITHUB, UPSTREAM_KEY, client.api_key):
        assert secret not in everything


def test_captured_content_is_capped_after_redaction(
    make_proxy, upstream: Upstream, openai_client, spans
):
    proxy: Proxy = make_proxy(
        telemetry={"enabled": True, "capture_content": True}, redaction={"prompts": "off"}
    )
    long = f"AWS_ACCESS_KEY_ID={AWS}\n" + "explain this log line\n" * 4000
    raw = openai_client(proxy).chat.completions.with_raw_response.create(
        model="gpt-test", messages=[{"role": "user", "content": long}]
    )

    span, _ = of_exchange(spans, raw.headers["x-codetamer-exchange-id"])
    ((part,),) = [m["parts"] for m in span.attributes["gen_ai.input.messages"]]
    assert part["content"].startswith("AWS_ACCESS_KEY_ID=[REDACTED:aws-access-key-id]\n")
    assert part["content"].endswith("…[truncated]")
    assert len(part["content"]) < len(long)


def test_captured_tool_calls_carry_their_redacted_arguments(make_proxy, anthropic_client, spans):
    proxy: Proxy = make_proxy(anthropic=True, telemetry={"enabled": True, "capture_content": True})
    assert proxy.anthropic is not None
    call = {
        "type": "tool_use",
        "id": "toolu_1",
        "name": "Write",
        "input": {"file_path": "/app/settings.py", "content": f'TOKEN = "{GITHUB}"\n'},
    }
    # a hardcoded token blocks: the same answer three times is delivered annotated
    proxy.anthropic.script.queue(*[Answer(blocks=[text("Writing it."), call])] * 3)
    raw = anthropic_client(proxy).messages.with_raw_response.create(
        model="claude-test", max_tokens=256, messages=ASK
    )

    span, _ = of_exchange(spans, raw.headers["x-codetamer-exchange-id"])
    (answered,) = span.attributes["gen_ai.output.messages"]
    assert answered["finish_reason"] == "tool_use"
    tool = next(p for p in answered["parts"] if p["type"] == "tool_call")
    assert tool["id"] == "toolu_1" and tool["name"] == "Write"
    assert tool["arguments"]["file_path"] == "/app/settings.py"
    assert "[REDACTED:github-personal-access-token]" in tool["arguments"]["content"]
    assert GITHUB not in repr(span.to_json())


def test_a_failing_upstream_sets_error_type_to_its_status(
    make_proxy, upstream: Upstream, openai_client, spans
):
    proxy: Proxy = make_proxy(telemetry=ON)
    upstream.script.queue(Reply(status=500))
    with httpx.Client() as http:
        response = http.post(
            f"{proxy.url}/v1/chat/completions", json={"model": "gpt-test", "messages": ASK}
        )
    assert response.status_code == 500

    span, _ = of_exchange(spans, response.headers["x-codetamer-exchange-id"])
    assert span.attributes["error.type"] == "500"
    assert span.status.status_code is StatusCode.ERROR
    assert span.attributes["codetamer.status_code"] == 500
    assert span.attributes["codetamer.verdict"] == "error"


def test_a_model_no_upstream_serves_is_an_error_span_without_a_server(make_proxy, spans):
    proxy: Proxy = make_proxy(telemetry=ON)
    with httpx.Client() as http:
        response = http.post(
            f"{proxy.url}/v1/chat/completions", json={"model": "nope", "messages": ASK}
        )
    assert response.status_code == 404

    span, rounds = of_exchange(spans, response.headers["x-codetamer-exchange-id"])
    assert span.name == "chat nope"
    assert span.attributes["error.type"] == "invalid_request_error"
    assert span.attributes["gen_ai.provider.name"] == "openai"
    assert "server.address" not in span.attributes
    assert rounds == []


def test_no_spans_unless_enabled(proxy: Proxy, upstream: Upstream, openai_client, spans):
    raw = openai_client(proxy).chat.completions.with_raw_response.create(
        model="gpt-test", messages=ASK
    )
    assert raw.headers["x-codetamer-exchange-id"]
    assert spans.get_finished_spans() == ()


def test_enabled_without_the_otel_extra_fails_at_start_naming_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "opentelemetry.sdk.trace", None)  # as if not installed
    config = Config.model_validate({"telemetry": ON, "source": "my.toml"})
    with pytest.raises(ConfigError, match=r"my\.toml: \[telemetry\] .*otel extra"):
        Services.build(config)
    assert Services.build(Config()).telemetry is None


def test_serve_exports_spans_over_otlp_http_to_the_configured_endpoint(
    tmp_path: Path, upstream: Upstream
):
    received: list[ExportTraceServiceRequest] = []
    got = threading.Event()

    async def traces(request: Request) -> Response:
        received.append(ExportTraceServiceRequest.FromString(await request.body()))
        got.set()
        return Response(b"", media_type="application/x-protobuf")

    collector = Starlette(routes=[Route("/v1/traces", traces, methods=["POST"])])
    with serve_in_thread(collector) as collector_url:
        config = tmp_path / "codetamer.toml"
        config.write_text(
            f"""
[[upstreams]]
name = "test"
base_url = "{upstream.url}/v1"
api_key_env = "CODETAMER_TEST_UPSTREAM_KEY"

[provenance]
path = "{tmp_path / "p.sqlite3"}"

[telemetry]
enabled = true
service_name = "codetamer-otlp-test"
capture_content = true
endpoint = "{collector_url}/v1/traces"
""",
            encoding="utf-8",
        )
        env = {**clean_env(tmp_path), "CODETAMER_TEST_UPSTREAM_KEY": UPSTREAM_KEY}
        with serving(["--config", str(config)], env) as (proxy_port, _):
            response = httpx.post(
                f"http://127.0.0.1:{proxy_port}/v1/chat/completions",
                json={"model": "gpt-test", "messages": ASK},
                timeout=20,
            )
            assert response.status_code == 200
        assert got.wait(timeout=15)  # the batch is flushed at shutdown

    spans = [
        (resource, span)
        for request in received
        for resource in request.resource_spans
        for scope in resource.scope_spans
        for span in scope.spans
    ]
    names = {span.name for _, span in spans}
    assert names == {"chat gpt-test", "codetamer.round"}
    resource, span = next((r, s) for r, s in spans if s.name == "chat gpt-test")
    service = {a.key: a.value.string_value for a in resource.resource.attributes}
    assert service["service.name"] == "codetamer-otlp-test"
    attributes = {a.key: a.value for a in span.attributes}
    assert span.kind == span.SPAN_KIND_CLIENT
    assert attributes["gen_ai.provider.name"].string_value == "openai"
    assert (
        attributes["codetamer.exchange.id"].string_value
        == response.headers["x-codetamer-exchange-id"]
    )
    (asked,) = attributes["gen_ai.input.messages"].array_value.values  # structured, not JSON
    message = {kv.key: kv.value for kv in asked.kvlist_value.values}
    assert message["role"].string_value == "user"
    assert UPSTREAM_KEY.encode() not in b"".join(r.SerializeToString() for r in received)
