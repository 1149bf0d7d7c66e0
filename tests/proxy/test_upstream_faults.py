"""Upstream faults on every dialect: each gives the client an error in its API's shape
(or a retry, where that is safe: before the first byte, with backoff, within the
budget), a provenance record that says what happened, and the proxy keeps serving.

One faulty upstream (tests/upstreams/faulty.py) and three proxies serve the module:
`early` has the default keepalive (5 s), so a streamed request's error comes as a status
and a JSON body; `late` sends a stream's headers after 0.02 s, so a fault after that
comes as the API's own error event inside the stream; `ungated` relays streams as they
arrive ([gate] enabled = false), so a fault after the first event is an error event too.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import anthropic
import httpx2
import openai
import orjson
import pytest

from proxy.app import create_app
from proxy.config import Config
from proxy.provenance import read_records
from tests.servers import free_port, serve_in_thread
from tests.upstreams import faulty
from tests.upstreams.faulty import ANTHROPIC_TYPES, API, Fault, FaultyUpstream

# the upstreams that answer normally: generous, since hangs and stalls go to the "slow"
# ones and a refused or stuck connect to "gone" and "stuck"; 0.3 s was once too short
# for a loopback connect in CI (the test process paused longer than that)
CONNECT_TIMEOUT = READ_TIMEOUT = 10.0
SLOW_READ_TIMEOUT = 0.1  # the "slow" upstreams': what a hang or a stall costs
LATE_KEEPALIVE = 0.02  # the late proxy sends a stream's headers this soon
LATE_DELAY = 0.1  # an upstream this slow outlasts the late proxy's keepalive
BACKOFF = 0.25  # the proxy's first backoff (fixed)
SDK_ERRORS = (openai.APIStatusError, anthropic.APIStatusError)
OPENAI_KEY = "sk-upstream-" + "F4u1" * 8  # the proxy's own keys for the faulty upstream
ANTHROPIC_KEY = "sk-ant-upstream-" + "T7y3" * 8


@dataclass(frozen=True)
class Api:
    """One client API, as the tests drive it."""

    name: API
    path: str
    dialect: str
    family: Literal["gpt", "claude"]

    @property
    def greeting(self) -> str:
        """The text of the faulty upstream's normal answer."""
        return faulty.GREETINGS[self.name]

    def model(self, upstream: str) -> str:
        """The model the proxy routes to that upstream (see `_upstreams`)."""
        return f"{self.family}-{upstream}"

    def post(self, proxy: Proxy, upstream: str) -> httpx2.Response:
        """A streamed request as raw bytes, to see the events exactly."""
        body: dict[str, Any] = {"model": self.model(upstream), "stream": True}
        if self.name == "responses":
            body["input"] = "hi"
        else:
            body["messages"] = [{"role": "user", "content": "hi"}]
        if self.name == "messages":
            body["max_tokens"] = 64
        headers = {"anthropic-version": "2023-06-01"} if self.family == "claude" else {}
        with httpx2.Client(timeout=20) as http:
            return http.post(f"{proxy.url}{self.path}", json=body, headers=headers)


CHAT = Api("chat", "/v1/chat/completions", "openai.chat", "gpt")
RESPONSES = Api("responses", "/v1/responses", "openai.responses", "gpt")
MESSAGES = Api("messages", "/v1/messages", "anthropic.messages", "claude")
APIS = [pytest.param(api, id=api.name) for api in (CHAT, RESPONSES, MESSAGES)]
BOTH = [pytest.param(False, id="whole"), pytest.param(True, id="streamed")]


@dataclass
class Proxy:
    url: str
    store: Path
    openai: openai.OpenAI
    anthropic: anthropic.Anthropic


class ErrorEvent(Exception):
    """The Responses SDK yields an error event rather than raising: `ask` raises this."""

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__(data.get("message"))
        self.data = data


# ---- the module's servers -----------------------------------------------------------


@pytest.fixture(scope="module")
def served() -> Iterator[FaultyUpstream]:
    with faulty.serve_faulty() as upstream:
        yield upstream


@pytest.fixture(scope="module")
def stuck_port() -> Iterator[int]:
    with faulty.stalled_port() as port:
        yield port


def _upstreams(url: str, stuck: int) -> list[dict[str, Any]]:
    """Per API kind, one upstream per model (named `<family>-<upstream>`):

    once: no retries; retry: two; slow: two, and a short read timeout; gone: nothing
    listens; stuck: connects never finish (a short connect timeout).
    """
    gone = free_port()
    made: list[dict[str, Any]] = []
    for family, kind, env in (
        ("gpt", "openai", "FAULTS_OPENAI_KEY"),
        ("claude", "anthropic", "FAULTS_ANTHROPIC_KEY"),
    ):
        for name, base, retries, timeouts in (
            ("once", f"{url}/v1", 0, {}),
            ("retry", f"{url}/v1", 2, {}),
            ("slow", f"{url}/v1", 2, {"read_timeout": SLOW_READ_TIMEOUT}),
            ("gone", f"http://127.0.0.1:{gone}/v1", 1, {}),
            ("stuck", f"http://127.0.0.1:{stuck or gone}/v1", 1, {"connect_timeout": 0.05}),
        ):
            made.append(
                {
                    "name": f"{family}-{name}",
                    "kind": kind,
                    "base_url": base,
                    "api_key_env": env,
                    "models": [f"{family}-{name}"],
                    "max_retries": retries,
                    "max_retry_wait": 1.0,
                    "connect_timeout": CONNECT_TIMEOUT,
                    "read_timeout": READ_TIMEOUT,
                    **timeouts,
                }
            )
    return made


@pytest.fixture(scope="module")
def proxies(
    served: FaultyUpstream, stuck_port: int, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Proxy]]:
    with pytest.MonkeyPatch.context() as env, ExitStack() as stack:
        env.setenv("FAULTS_OPENAI_KEY", OPENAI_KEY)
        env.setenv("FAULTS_ANTHROPIC_KEY", ANTHROPIC_KEY)
        made: dict[str, Proxy] = {}
        for name, gate in (
            ("early", {}),
            ("late", {"keepalive_seconds": LATE_KEEPALIVE}),
            ("ungated", {"enabled": False}),
        ):
            store = tmp_path_factory.mktemp(name) / "provenance.sqlite3"
            config = Config.model_validate(
                {
                    "upstreams": _upstreams(served.url, stuck_port),
                    "provenance": {"path": str(store)},
                    "gate": gate,
                }
            )
            url = stack.enter_context(serve_in_thread(create_app(config)))
            chat = openai.OpenAI(
                base_url=f"{url}/v1", api_key="sk-client-" + "c" * 20, max_retries=0, timeout=20
            )
            claude = anthropic.Anthropic(
                base_url=url, api_key="sk-ant-client-" + "c" * 24, max_retries=0, timeout=20
            )
            stack.callback(chat.close)
            stack.callback(claude.close)
            made[name] = Proxy(url, store, chat, claude)
        yield made


@pytest.fixture
def early(proxies: dict[str, Proxy]) -> Proxy:
    return proxies["early"]


@pytest.fixture
def late(proxies: dict[str, Proxy]) -> Proxy:
    return proxies["late"]


@pytest.fixture
def ungated(proxies: dict[str, Proxy]) -> Proxy:
    return proxies["ungated"]


@pytest.fixture(autouse=True)
def script(served: FaultyUpstream) -> Iterator[FaultyUpstream]:
    """A clean script for each test, and every scripted fault used by its end."""
    served.clear()
    yield served
    assert served.pending == 0, "a scripted fault was never asked for"


# ---- asking through the official SDKs, and checking what came back ---------------------


def ask(proxy: Proxy, api: Api, model: str, stream: bool) -> str:
    """The answer's text, as the API's SDK gives it (its errors raised)."""
    said: Any = [{"role": "user", "content": "hi"}]
    if api.name == "chat":
        chat = proxy.openai.chat.completions
        if not stream:
            return chat.create(model=model, messages=said).choices[0].message.content or ""
        with chat.create(model=model, messages=said, stream=True) as chunks:
            return "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    if api.name == "responses":
        if not stream:
            return proxy.openai.responses.create(model=model, input="hi").output_text
        text = []
        with proxy.openai.responses.create(model=model, input="hi", stream=True) as events:
            for event in events:
                if event.type == "error":
                    raise ErrorEvent(event.to_dict())
                if event.type == "response.output_text.delta":
                    text.append(event.delta)
        return "".join(text)
    messages = proxy.anthropic.messages
    if not stream:
        answer = messages.create(model=model, max_tokens=64, messages=said)
        return "".join(b.text for b in answer.content if b.type == "text")
    with messages.create(model=model, max_tokens=64, messages=said, stream=True) as events:
        return "".join(
            e.delta.text
            for e in events
            if e.type == "content_block_delta" and e.delta.type == "text_delta"
        )


def failing(proxy: Proxy, api: Api, upstream: str, stream: bool) -> Any:
    """Ask and return the SDK's status error (the request must fail with one)."""
    with pytest.raises(SDK_ERRORS) as caught:
        ask(proxy, api, api.model(upstream), stream)
    return caught.value


def sdk_error(
    api: Api, status: int
) -> type[openai.APIStatusError] | type[anthropic.APIStatusError]:
    """The exception class the API's SDK raises for a status."""
    if api.family == "gpt":
        return openai.RateLimitError if status == 429 else openai.InternalServerError
    return {
        429: anthropic.RateLimitError,
        503: anthropic.ServiceUnavailableError,
        504: anthropic.GatewayTimeoutError,
        529: anthropic.OverloadedError,
    }.get(status, anthropic.InternalServerError)


def error_in_shape(api: Api, body: Any) -> dict[str, Any]:
    """The error object of a body in the API's own error shape (asserted)."""
    if api.family == "claude":
        assert body["type"] == "error", body
        detail = body["error"]
        assert isinstance(detail["type"], str)
    else:
        detail = body["error"]
        assert isinstance(detail["type"], str) and {"param", "code"} <= detail.keys(), body
    assert isinstance(detail["message"], str) and detail["message"], body
    return dict(detail)


def check_error(api: Api, error: Any, status: int) -> dict[str, Any]:
    """The SDK's exception class and status, and the body's shape; the error object."""
    assert type(error) is sdk_error(api, status)
    assert error.status_code == status
    assert error.response.headers["content-type"] == "application/json"
    detail = error_in_shape(api, error.response.json())
    if api.family == "claude":
        assert detail["type"] == ANTHROPIC_TYPES[status]
    return detail


def check_error_event(api: Api, raw: bytes, status: int) -> dict[str, Any]:
    """The stream's last event is the API's own error event; its data."""
    name, data = _events(raw)[-1]
    event = orjson.loads(data)
    if api.name == "chat":
        assert name is None
        error_in_shape(api, event)
    elif api.name == "responses":
        assert name == "error" and event["type"] == "error"
        assert isinstance(event["code"], str) and isinstance(event["message"], str)
    else:
        assert name == "error"
        assert error_in_shape(api, event)["type"] == ANTHROPIC_TYPES[status]
    return dict(event)


def _events(raw: bytes) -> list[tuple[str | None, str]]:
    """(event name, data) of each event with data in a stream's bytes."""
    out = []
    for block in raw.decode().split("\n\n"):
        lines = block.split("\n")
        data = [line[5:].strip() for line in lines if line.startswith("data:")]
        names = [line[6:].strip() for line in lines if line.startswith("event:")]
        if data:
            out.append((names[0] if names else None, "\n".join(data)))
    return out


def newest_record(proxy: Proxy) -> dict[str, Any]:
    return next(iter(read_records(proxy.store, limit=1, newest_first=True))).record


def check_record(
    proxy: Proxy, api: Api, stream: bool, status: int, code: str, upstream: str
) -> dict[str, Any]:
    """The exchange's provenance record says what happened."""
    record = newest_record(proxy)
    assert record["dialect"] == api.dialect and record["stream"] is stream
    assert record["upstream"] == api.model(upstream)
    assert (record["status"], record["verdict"]) == (status, "error")
    assert record["error"]["code"] == code, record["error"]
    assert record["error"]["type"] == ("upstream_timeout" if status == 504 else "upstream_error")
    return record


def still_serves(proxy: Proxy, api: Api, stream: bool) -> None:
    """A normal request right after the fault gets its normal answer."""
    assert ask(proxy, api, api.model("once"), stream) == api.greeting


# ---- before the first byte: retried within the budget -------------------------------


@pytest.mark.parametrize("stream", BOTH)
@pytest.mark.parametrize("api", APIS)
def test_a_server_error_before_the_answer_is_retried_and_the_answer_delivered(
    early: Proxy, script: FaultyUpstream, api: Api, stream: bool
) -> None:
    script.queue(faulty.status(503, retry_after="0"), faulty.answer())

    assert ask(early, api, api.model("retry"), stream) == api.greeting

    assert len(script.seen) == 2
    record = newest_record(early)
    assert (record["status"], record["error"]) == (200, None)
    assert record["rounds"][0]["attempts"] == 2


@pytest.mark.parametrize("status", [500, 502, 503, 529])
@pytest.mark.parametrize("stream", BOTH)
@pytest.mark.parametrize("api", APIS)
def test_server_errors_past_the_retry_budget_reach_the_client_in_its_api_shape(
    early: Proxy, script: FaultyUpstream, api: Api, stream: bool, status: int
) -> None:
    script.queue(*[faulty.status(status, retry_after="0")] * 3)

    error = failing(early, api, "retry", stream)

    check_error(api, error, status)
    assert len(script.seen) == 3  # the first call and max_retries = 2 more
    record = check_record(early, api, stream, status, "upstream_status", "retry")
    assert "after 3 attempts" in record["error"]["message"]
    assert record["id"] == error.response.headers["x-codetamer-exchange-id"]
    still_serves(early, api, stream)


@pytest.mark.parametrize("stream", BOTH)
@pytest.mark.parametrize("api", APIS)
def test_a_429_is_retried_after_its_retry_after(
    early: Proxy, script: FaultyUpstream, api: Api, stream: bool
) -> None:
    script.queue(faulty.status(429, retry_after="0.1"), faulty.answer())

    started = time.perf_counter()
    assert ask(early, api, api.model("retry"), stream) == api.greeting

    assert time.perf_counter() - started >= 0.09  # it waited (timer resolution aside)
    assert len(script.seen) == 2


@pytest.mark.parametrize(("retry_after", "calls"), [("0", 3), ("3600", 1)])
@pytest.mark.parametrize("stream", BOTH)
@pytest.mark.parametrize("api", APIS)
def test_a_429_that_stays_or_asks_too_long_a_wait_reaches_the_client_with_its_retry_after(
    early: Proxy, script: FaultyUpstream, api: Api, stream: bool, retry_after: str, calls: int
) -> None:
    script.queue(*[faulty.status(429, retry_after=retry_after)] * calls)

    error = failing(early, api, "retry", stream)

    check_error(api, error, 429)
    assert error.response.headers["retry-after"] == retry_after
    assert len(script.seen) == calls
    check_record(early, api, stream, 429, "upstream_status", "retry")
    still_serves(early, api, stream)


@pytest.mark.parametrize("stream", BOTH)
@pytest.mark.parametrize("api", APIS)
def test_a_reset_before_the_answer_is_retried(
    early: Proxy, script: FaultyUpstream, api: Api, stream: bool
) -> None:
    script.queue(faulty.reset(), faulty.answer())

    started = time.perf_counter()
    assert ask(early, api, api.model("retry"), stream) == api.greeting

    assert time.perf_counter() - started >= BACKOFF * 0.9
    assert len(script.seen) == 2


@pytest.mark.parametrize("stream", BOTH)
@pytest.mark.parametrize("api", APIS)
def test_a_reset_before_the_answer_with_no_retries_left_is_a_502(
    early: Proxy, script: FaultyUpstream, api: Api, stream: bool
) -> None:
    script.queue(faulty.reset())

    error = failing(early, api, "once", stream)

    detail = check_error(api, error, 502)
    assert "closed the connection without answering" in detail["message"]
    assert len(script.seen) == 1
    check_record(early, api, stream, 502, "upstream_unreachable", "once")
    still_serves(early, api, stream)


@pytest.mark.parametrize("stream", BOTH)
@pytest.mark.parametrize("api", APIS)
def test_a_refused_connection_is_retried_with_backoff_then_a_502(
    early: Proxy, api: Api, stream: bool
) -> None:
    started = time.perf_counter()
    error = failing(early, api, "gone", stream)

    assert time.perf_counter() - started >= BACKOFF * 0.9  # one retry (max_retries = 1)
    check_error(api, error, 502)
    record = check_record(early, api, stream, 502, "upstream_unreachable", "gone")
    assert "after 2 attempts" in record["error"]["message"]
    still_serves(early, api, stream)


@pytest.mark.parametrize("api", APIS)
def test_a_connect_timeout_is_retried_with_backoff_then_a_504(
    early: Proxy, stuck_port: int, api: Api
) -> None:
    # (streamed requests connect the same way; their pre-answer 504 is the hang test's)
    if not stuck_port:
        pytest.skip("this platform completes connections to a full backlog")
    started = time.perf_counter()
    error = failing(early, api, "stuck", False)

    # two connects that never finished (0.05 s each), and a backoff between them
    assert time.perf_counter() - started >= (0.05 * 2 + BACKOFF) * 0.9
    detail = check_error(api, error, 504)
    assert "did not accept the connection in time" in detail["message"]
    record = check_record(early, api, False, 504, "upstream_timeout", "stuck")
    assert "after 2 attempts" in record["error"]["message"]
    still_serves(early, api, False)


# ---- after the request went out: no retry ---------------------------------------------


@pytest.mark.parametrize("stream", BOTH)
@pytest.mark.parametrize("api", APIS)
def test_an_upstream_that_never_answers_is_a_504_and_not_retried(
    early: Proxy, script: FaultyUpstream, api: Api, stream: bool
) -> None:
    script.queue(faulty.hang())

    error = failing(early, api, "slow", stream)

    detail = check_error(api, error, 504)
    assert "did not answer in time" in detail["message"]
    assert len(script.seen) == 1  # the upstream has the request: asking again could run it twice
    check_record(early, api, stream, 504, "upstream_timeout", "slow")
    still_serves(early, api, stream)


CUTS = [  # the answer's first half, then: (the end, streamed, status, record's code)
    pytest.param("reset", True, 502, "upstream_disconnected", id="reset-streamed"),
    pytest.param("reset", False, 502, "upstream_disconnected", id="reset-whole"),
    pytest.param("short", True, 502, "upstream_disconnected", id="short-streamed"),
    pytest.param("short", False, 502, "upstream_disconnected", id="short-whole"),
    pytest.param("close", True, 502, "incomplete_stream", id="no-end-event-streamed"),
    pytest.param("stall", True, 504, "upstream_timeout", id="stall-streamed"),
    pytest.param("stall", False, 504, "upstream_timeout", id="stall-whole"),
]


@pytest.mark.parametrize(("end", "stream", "status", "code"), CUTS)
@pytest.mark.parametrize("api", APIS)
def test_an_answer_that_stops_half_way_is_an_error_and_not_retried(
    early: Proxy,
    script: FaultyUpstream,
    api: Api,
    end: faulty.End,
    stream: bool,
    status: int,
    code: str,
) -> None:
    via = "slow" if end == "stall" else "retry"  # both would retry a failed connect
    script.queue(faulty.cut(end))

    error = failing(early, api, via, stream)

    detail = check_error(api, error, status)
    expected = "before it was complete" if end == "close" else "in the middle of its answer"
    assert expected in detail["message"]
    assert len(script.seen) == 1  # bytes of the answer had arrived
    check_record(early, api, stream, status, code, via)
    still_serves(early, api, stream)


# ---- answers that are not what the API sends ------------------------------------------


def _malformed(api: Api, kind: str) -> Fault:
    if kind == "bad-json-body":
        return faulty.raw(b'{"id": "x", "choices": [', "application/json")
    if kind == "html-body":
        return faulty.raw(b"<html><body>Welcome to nginx</body></html>", "text/html")
    if kind == "events-whole":
        return faulty.raw(b"".join(faulty.normal_frames(api.name, {})), "text/event-stream")
    if kind == "json-streamed":
        return faulty.raw(orjson.dumps(faulty.normal_json(api.name, {})), "application/json")
    if kind == "bad-json-event":
        return faulty.raw(b"".join(faulty.bad_json_frames(api.name, {})), "text/event-stream")
    if kind == "not-utf8-event":
        return faulty.raw(b"data: \xff\xfe{}\n\n", "text/event-stream")
    assert kind == "html-as-events"
    return faulty.raw(b"<html><body>Bad gateway</body></html>\n", "text/event-stream")


MALFORMED = [  # (the fault, streamed, the record's code)
    pytest.param("bad-json-body", False, "malformed_response", id="bad-json-body"),
    pytest.param("html-body", False, "malformed_response", id="html-body"),
    pytest.param("events-whole", False, "malformed_response", id="events-whole"),
    pytest.param("json-streamed", True, "malformed_response", id="json-streamed"),
    pytest.param("bad-json-event", True, "malformed_response", id="bad-json-event"),
    pytest.param("not-utf8-event", True, "malformed_response", id="not-utf8-event"),
    pytest.param("html-as-events", True, "incomplete_stream", id="html-as-events"),
]


@pytest.mark.parametrize(("kind", "stream", "code"), MALFORMED)
@pytest.mark.parametrize("api", APIS)
def test_a_malformed_answer_is_a_502_in_the_api_shape(
    early: Proxy, script: FaultyUpstream, api: Api, kind: str, stream: bool, code: str
) -> None:
    script.queue(_malformed(api, kind))

    error = failing(early, api, "retry", stream)

    check_error(api, error, 502)
    assert len(script.seen) == 1
    check_record(early, api, stream, 502, code, "retry")
    still_serves(early, api, stream)


@pytest.mark.parametrize("api", APIS)
def test_lines_that_name_no_sse_field_are_ignored_as_the_spec_says(
    early: Proxy, script: FaultyUpstream, api: Api
) -> None:
    script.queue(faulty.raw(b"".join(faulty.garbage_frames(api.name, {})), "text/event-stream"))

    assert ask(early, api, api.model("once"), True) == api.greeting

    assert newest_record(early)["status"] == 200


ERROR_BODIES = [
    pytest.param(b"<html><h1>502 Bad Gateway</h1></html>", "text/html", id="html"),
    pytest.param(b'{"detail": "Bad Gateway"}', "application/json", id="other-json"),
    pytest.param(b'{"error": "Bad Gateway"}', "application/json", id="error-string"),
]


@pytest.mark.parametrize(("body", "media"), ERROR_BODIES)
@pytest.mark.parametrize("stream", BOTH)
@pytest.mark.parametrize("api", APIS)
def test_an_error_body_in_another_shape_is_rewrapped_in_the_api_shape(
    early: Proxy, script: FaultyUpstream, api: Api, stream: bool, body: bytes, media: str
) -> None:
    script.queue(faulty.status(502, body=body, media=media))

    error = failing(early, api, "once", stream)

    detail = check_error(api, error, 502)
    assert "Bad Gateway" in detail["message"]
    check_record(early, api, stream, 502, "upstream_status", "once")


@pytest.mark.parametrize("stream", BOTH)
def test_an_openai_shaped_error_is_rewrapped_for_an_anthropic_client(
    early: Proxy, script: FaultyUpstream, stream: bool
) -> None:
    body = orjson.dumps(faulty.error_json("chat", 503, "Bad Gateway"))
    script.queue(faulty.status(503, body=body))

    error = failing(early, MESSAGES, "once", stream)

    detail = check_error(MESSAGES, error, 503)
    assert "Bad Gateway" in detail["message"]


# ---- the upstream's own error event, mid-stream ---------------------------------------


@pytest.mark.parametrize("api", APIS)
def test_an_error_event_from_the_upstream_reaches_the_client_as_its_api_error(
    early: Proxy, script: FaultyUpstream, api: Api
) -> None:
    script.queue(faulty.stream_error())

    error = failing(early, api, "retry", True)

    status = 529 if api.family == "claude" else 502  # Anthropic's overloaded_error is a 529
    detail = check_error(api, error, status)
    assert detail["message"] == "scripted failure mid-stream"  # the upstream's own
    assert len(script.seen) == 1
    check_record(early, api, True, status, "upstream_stream_error", "retry")
    still_serves(early, api, True)


def test_a_failed_response_is_the_upstreams_error_not_a_completed_answer(
    early: Proxy, script: FaultyUpstream
) -> None:
    failed = {
        "id": "resp_failed",
        "object": "response",
        "status": "failed",
        "output": [],
        "error": {"code": "server_error", "message": "the model crashed"},
    }
    body = b"".join(
        f"event: {name}\ndata: {json.dumps({'type': name, 'response': failed})}\n\n".encode()
        for name in ("response.created", "response.failed")
    )
    script.queue(Fault("raw", body=body, media="text/event-stream"))

    error = failing(early, RESPONSES, "retry", True)

    assert check_error(RESPONSES, error, 502)["message"] == "the model crashed"
    check_record(early, RESPONSES, True, 502, "upstream_stream_error", "retry")
    still_serves(early, RESPONSES, True)


@pytest.mark.parametrize(
    ("fault", "proxy"),
    [
        pytest.param(faulty.status(502, echo_key=True), "early", id="status"),
        pytest.param(faulty.stream_error(echo_key=True), "early", id="event"),
        pytest.param(faulty.status(502, delay=LATE_DELAY, echo_key=True), "late", id="late-status"),
        pytest.param(faulty.stream_error(LATE_DELAY, echo_key=True), "late", id="late-event"),
    ],
)
@pytest.mark.parametrize("api", APIS)
def test_an_upstream_error_that_repeats_the_key_reaches_no_one_with_it(
    proxies: dict[str, Proxy], script: FaultyUpstream, api: Api, fault: Fault, proxy: str
) -> None:
    script.queue(fault)

    response = api.post(proxies[proxy], "once")

    record = orjson.dumps(newest_record(proxies[proxy])).decode()
    assert "[REDACTED]" in response.text and "[REDACTED]" in record
    for key in (OPENAI_KEY, ANTHROPIC_KEY):
        assert key not in response.text and key not in record


# ---- after the headers went out: the API's error event --------------------------------

LATE = [  # (the fault, the upstream asked, the record's status (None: the API's), its code)
    pytest.param(faulty.status(503, delay=LATE_DELAY), "once", 503, "upstream_status", id="503"),
    pytest.param(faulty.reset(delay=LATE_DELAY), "once", 502, "upstream_unreachable", id="reset"),
    pytest.param(
        faulty.cut("reset", delay=LATE_DELAY), "once", 502, "upstream_disconnected", id="cut"
    ),
    pytest.param(
        faulty.cut("close", delay=LATE_DELAY), "once", 502, "incomplete_stream", id="no-end"
    ),
    pytest.param(faulty.cut("stall"), "slow", 504, "upstream_timeout", id="stall"),
    pytest.param(
        faulty.stream_error(delay=LATE_DELAY), "once", None, "upstream_stream_error", id="event"
    ),
]


@pytest.mark.parametrize(("fault", "via", "status", "code"), LATE)
@pytest.mark.parametrize("api", APIS)
def test_a_fault_after_the_headers_went_out_is_the_api_error_event_in_the_stream(
    late: Proxy,
    script: FaultyUpstream,
    api: Api,
    fault: Fault,
    via: str,
    status: int | None,
    code: str,
) -> None:
    status = status or (529 if api.family == "claude" else 502)
    script.queue(fault)

    response = api.post(late, via)

    assert response.status_code == 200
    assert response.headers["x-codetamer-verdict"] == "pending"
    check_error_event(api, response.content, status)
    check_record(late, api, True, status, code, via)
    still_serves(late, api, True)


@pytest.mark.parametrize("api", APIS)
def test_the_sdks_raise_on_the_error_event_of_a_stream_already_begun(
    late: Proxy, script: FaultyUpstream, api: Api
) -> None:
    script.queue(faulty.cut("reset", delay=LATE_DELAY))

    expected = {
        "chat": openai.APIError,
        "responses": ErrorEvent,
        "messages": anthropic.APIStatusError,
    }[api.name]
    with pytest.raises(expected) as caught:
        ask(late, api, api.model("once"), True)

    assert "dropped the connection in the middle of its answer" in str(caught.value)
    still_serves(late, api, True)


# ---- ungated streams, relayed as they arrive --------------------------------------------

RELAYED = [  # (the fault, the record's code)
    pytest.param(faulty.cut("reset"), "upstream_disconnected", id="cut"),
    pytest.param(faulty.cut("close"), "incomplete_stream", id="no-end"),
    pytest.param(faulty.stream_error(), "upstream_stream_error", id="event"),
]


@pytest.mark.parametrize(("fault", "code"), RELAYED)
@pytest.mark.parametrize("api", APIS)
def test_a_relayed_stream_that_breaks_ends_with_the_api_error_event(
    ungated: Proxy, script: FaultyUpstream, api: Api, fault: Fault, code: str
) -> None:
    script.queue(fault)

    response = api.post(ungated, "once")

    assert response.status_code == 200
    assert response.headers["x-codetamer-verdict"] == "ungated"
    assert len(_events(response.content)) > 2  # the upstream's first events were relayed
    check_error_event(api, response.content, 529 if code == "upstream_stream_error" else 502)
    record = newest_record(ungated)
    assert (record["status"], record["error"]["code"]) == (200, code)  # 200: what was sent
    still_serves(ungated, api, True)


@pytest.mark.parametrize("api", APIS)
def test_a_relayed_stream_that_fails_before_its_first_event_is_a_plain_error(
    ungated: Proxy, script: FaultyUpstream, api: Api
) -> None:
    script.queue(faulty.status(503))

    error = failing(ungated, api, "once", True)

    check_error(api, error, 503)
    check_record(ungated, api, True, 503, "upstream_status", "once")
    still_serves(ungated, api, True)
