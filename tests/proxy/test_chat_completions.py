"""The proxy on the Chat Completions API, driven by the official openai SDK over a real socket."""

from __future__ import annotations

import json
import sqlite3
import threading
import time

import httpx2 as httpx
import openai
import pytest

from proxy.provenance import find_record, read_records
from tests.conftest import UPSTREAM_KEY, Proxy, Upstream
from tests.upstreams.openai_server import Reply

INSECURE = (
    "Here you go:\n\n```python\nimport subprocess\n\n\n"
    "def run(cmd):\n    return subprocess.run(cmd, shell=True)\n```\n"
)
SECURE = (
    "Here you go:\n\n```python\nimport subprocess\n\n\n"
    "def run(args):\n    return subprocess.run(args, check=True)\n```\n"
)


def records(proxy: Proxy) -> list[dict]:
    return [r.record for r in read_records(proxy.store)]


def ask(oai: openai.OpenAI, **extra):
    return oai.chat.completions.with_raw_response.create(
        model="gpt-test",
        messages=[{"role": "user", "content": "Write a Python helper that runs a command"}],
        **extra,
    )


def test_a_clean_answer_reaches_the_client_byte_for_byte(proxy: Proxy, upstream: Upstream):
    upstream.script.queue(Reply(content=SECURE))
    with httpx.Client() as http:
        response = http.post(
            f"{proxy.url}/v1/chat/completions",
            json={"model": "gpt-test", "messages": [{"role": "user", "content": "hi"}]},
        )
    assert response.status_code == 200
    assert response.content == upstream.script.sent[0]
    assert response.headers["x-codetamer-verdict"] == "pass"
    assert response.headers["x-codetamer-rounds"] == "1"
    assert len(response.headers["x-codetamer-exchange-id"]) == 32


def test_an_insecure_answer_is_repaired_in_round_two(
    openai_client, proxy: Proxy, upstream: Upstream
):
    upstream.script.queue(Reply(content=INSECURE), Reply(content=SECURE))
    raw = ask(openai_client(proxy))
    completion = raw.parse()
    assert completion.choices[0].message.content == SECURE
    assert raw.headers["x-codetamer-verdict"] == "repaired"
    assert raw.headers["x-codetamer-rounds"] == "2"

    repair = upstream.script.requests[1]["messages"]
    assert repair[-2] == {"role": "assistant", "content": INSECURE}
    assert repair[-1]["role"] == "user"
    assert "subprocess-shell-true" in repair[-1]["content"]
    assert "CWE-78" in repair[-1]["content"]
    assert "line 5" in repair[-1]["content"]

    [record] = records(proxy)
    assert record["id"] == raw.headers["x-codetamer-exchange-id"]
    assert record["verdict"] == "repaired"
    assert [r["blocking"] for r in record["rounds"]] == [1, 0]
    first = record["rounds"][0]["artifacts"][0]
    assert first["language"] == "python"
    assert [f["name"] for f in first["findings"]] == ["subprocess-shell-true"]
    assert record["model"] == "gpt-test" and record["model_served"] == "gpt-test-served"
    assert record["templates"] and all(
        {"id", "version", "sha256"} <= t.keys() for t in record["templates"]
    )


def test_an_answer_never_fixed_is_annotated_after_max_rounds(
    openai_client, make_proxy, upstream: Upstream
):
    proxy = make_proxy(gate={"max_rounds": 3, "on_fail": "annotate"})
    insecure_again = INSECURE.replace(
        "cmd", "command"
    )  # a different line each round: it keeps trying
    upstream.script.queue(
        Reply(content=INSECURE), Reply(content=insecure_again), Reply(content=INSECURE)
    )
    raw = ask(openai_client(proxy))
    content = raw.parse().choices[0].message.content
    assert content.startswith(INSECURE)
    assert "codetamer:" in content and "subprocess-shell-true" in content
    assert raw.headers["x-codetamer-verdict"] == "warned"
    assert raw.headers["x-codetamer-rounds"] == "3"
    assert len(upstream.script.requests) == 3


def test_the_loop_stops_early_when_a_round_fixes_nothing(
    openai_client, proxy: Proxy, upstream: Upstream
):
    upstream.script.queue(Reply(content=INSECURE), Reply(content=INSECURE), Reply(content=SECURE))
    raw = ask(openai_client(proxy))
    assert raw.headers["x-codetamer-rounds"] == "2"
    assert len(upstream.script.requests) == 2


def test_an_answer_never_fixed_is_blocked_when_on_fail_is_block(
    openai_client, make_proxy, upstream: Upstream
):
    proxy = make_proxy(gate={"max_rounds": 2, "on_fail": "block"})
    upstream.script.queue(Reply(content=INSECURE), Reply(content=INSECURE))
    with pytest.raises(openai.UnprocessableEntityError) as caught:
        ask(openai_client(proxy))
    error = caught.value
    assert error.body["type"] == "gate_blocked"
    assert "subprocess-shell-true" in error.body["message"]
    assert error.response.headers["x-codetamer-verdict"] == "blocked"
    [record] = records(proxy)
    assert record["verdict"] == "blocked" and record["status"] == 422


def test_streamed_insecure_answer_is_repaired_and_replayed_as_valid_sse(
    openai_client, proxy: Proxy, upstream: Upstream
):
    upstream.script.queue(Reply(content=INSECURE), Reply(content=SECURE))
    oai = openai_client(proxy)
    with oai.chat.completions.with_streaming_response.create(
        model="gpt-test", messages=[{"role": "user", "content": "python please"}], stream=True
    ) as response:
        assert response.headers["x-codetamer-verdict"] == "repaired"
        text = "".join(c.choices[0].delta.content or "" for c in response.parse() if c.choices)
    assert text == SECURE


def test_a_streamed_clean_answer_is_replayed_byte_for_byte(proxy: Proxy, upstream: Upstream):
    upstream.script.queue(Reply(content=SECURE))
    with (
        httpx.Client() as http,
        http.stream(
            "POST",
            f"{proxy.url}/v1/chat/completions",
            json={
                "model": "gpt-test",
                "stream": True,
                "messages": [{"role": "user", "content": "hi"}],
            },
        ) as response,
    ):
        body = response.read()
    assert response.headers["x-codetamer-verdict"] == "pass"
    assert response.headers["content-type"].startswith("text/event-stream")
    assert body == upstream.script.sent[0]


def test_streamed_answer_never_fixed_gets_the_note_as_a_content_chunk(
    openai_client, make_proxy, upstream: Upstream
):
    proxy = make_proxy(gate={"max_rounds": 1})
    upstream.script.queue(Reply(content=INSECURE))
    stream = openai_client(proxy).chat.completions.create(
        model="gpt-test",
        messages=[{"role": "user", "content": "x"}],
        stream=True,
        stream_options={"include_usage": True},
    )
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text.startswith(INSECURE) and "subprocess-shell-true" in text
    assert chunks[-1].usage is not None and chunks[-1].usage.total_tokens == 18


def test_keepalives_are_ignored_by_the_sdk_while_the_gate_waits(
    openai_client, make_proxy, upstream: Upstream
):
    proxy = make_proxy(gate={"keepalive_seconds": 0.05})
    upstream.script.queue(Reply(content=SECURE, delay=0.4))
    with (
        httpx.Client() as http,
        http.stream(
            "POST",
            f"{proxy.url}/v1/chat/completions",
            json={
                "model": "gpt-test",
                "stream": True,
                "messages": [{"role": "user", "content": "hi"}],
            },
        ) as response,
    ):
        body = response.read()
    assert response.headers["x-codetamer-verdict"] == "pending"
    assert response.headers["x-codetamer-rounds"] == "pending"
    exchange_id = response.headers["x-codetamer-exchange-id"]
    assert body.count(b": keepalive\n\n") >= 2
    assert f": codetamer exchange={exchange_id} verdict=pass rounds=1".encode() in body

    upstream.script.queue(Reply(content=SECURE, delay=0.4))
    stream = openai_client(proxy).chat.completions.create(
        model="gpt-test", messages=[{"role": "user", "content": "x"}], stream=True
    )
    assert "".join(c.choices[0].delta.content or "" for c in stream if c.choices) == SECURE


async def test_async_client_gets_the_repaired_answer(proxy: Proxy, upstream: Upstream):
    upstream.script.queue(Reply(content=INSECURE), Reply(content=SECURE))
    async with openai.AsyncOpenAI(base_url=f"{proxy.url}/v1", api_key="k", max_retries=0) as oai:
        completion = await oai.chat.completions.create(
            model="gpt-test", messages=[{"role": "user", "content": "x"}]
        )
        assert completion.choices[0].message.content == SECURE
        upstream.script.queue(Reply(content=SECURE))
        stream = await oai.chat.completions.create(
            model="gpt-test", messages=[{"role": "user", "content": "x"}], stream=True
        )
        parts = [c.choices[0].delta.content or "" async for c in stream if c.choices]
        assert "".join(parts) == SECURE


def test_unknown_fields_and_tools_reach_the_upstream_untouched(
    openai_client, proxy: Proxy, upstream: Upstream
):
    tools = [{"type": "function", "function": {"name": "lookup", "parameters": {"type": "object"}}}]
    extra = {
        "tools": tools,
        "tool_choice": "auto",
        "response_format": {"type": "json_object"},
        "seed": 7,
        "temperature": 0.25,
    }
    openai_client(proxy).chat.completions.create(
        model="gpt-test",
        messages=[{"role": "user", "content": "hi"}],
        extra_body={"vendor_extension": {"nested": [1, 2.5, None]}, "top_k": 40},
        **extra,
    )
    sent = upstream.script.requests[0]
    for key, value in extra.items():
        assert sent[key] == value
    assert sent["vendor_extension"] == {"nested": [1, 2.5, None]}
    assert sent["top_k"] == 40
    assert sent["messages"][-1] == {"role": "user", "content": "hi"}
    assert sent["messages"][0]["role"] == "system"
    assert "codetamer secure coding guidance" in sent["messages"][0]["content"]


def test_the_upstream_gets_its_own_key_never_the_clients(
    openai_client, proxy: Proxy, upstream: Upstream
):
    openai_client(proxy).chat.completions.create(
        model="gpt-test", messages=[{"role": "user", "content": "hi"}]
    )
    assert upstream.script.headers[0]["authorization"] == f"Bearer {UPSTREAM_KEY}"


@pytest.mark.parametrize("pass_through", [False, True])
def test_the_clients_key_goes_upstream_only_when_the_config_passes_it_through(
    openai_client, make_proxy, upstream: Upstream, pass_through: bool
):
    keyless = {"name": "test", "base_url": f"{upstream.url}/v1", "models": ["gpt-*"]}
    proxy = make_proxy(upstreams=[{**keyless, "pass_through_client_key": pass_through}])

    openai_client(proxy).chat.completions.create(
        model="gpt-test", messages=[{"role": "user", "content": "hi"}]
    )

    sent = upstream.script.headers[0].get("authorization")
    assert sent == ("Bearer sk-client-" + "c" * 20 if pass_through else None)


def test_tool_calls_in_answers_reach_the_client_untouched(
    openai_client, proxy: Proxy, upstream: Upstream
):
    call = {
        "id": "call_1",
        "type": "function",
        "function": {"name": "lookup", "arguments": json.dumps({"q": "weather"})},
    }
    upstream.script.queue(Reply(content=None, tool_calls=[call]))
    message = (
        openai_client(proxy)
        .chat.completions.create(model="gpt-test", messages=[{"role": "user", "content": "hi"}])
        .choices[0]
        .message
    )
    assert message.tool_calls[0].model_dump() == call


def test_an_insecure_tool_call_write_is_sent_back_as_a_tool_message(
    openai_client, proxy: Proxy, upstream: Upstream
):
    bad = {
        "id": "call_w",
        "type": "function",
        "function": {
            "name": "write_file",
            "arguments": json.dumps(
                {
                    "path": "run.py",
                    "content": "import subprocess\nsubprocess.run(cmd, shell=True)\n",
                }
            ),
        },
    }
    good = {
        "id": "call_w2",
        "type": "function",
        "function": {
            "name": "write_file",
            "arguments": json.dumps(
                {
                    "path": "run.py",
                    "content": "import subprocess\nsubprocess.run(args, check=True)\n",
                }
            ),
        },
    }
    upstream.script.queue(
        Reply(content=None, tool_calls=[bad]), Reply(content=None, tool_calls=[good])
    )
    raw = ask(openai_client(proxy))
    assert raw.parse().choices[0].message.tool_calls[0].id == "call_w2"
    repair = upstream.script.requests[1]["messages"]
    assert repair[-1]["role"] == "tool" and repair[-1]["tool_call_id"] == "call_w"
    assert "subprocess-shell-true" in repair[-1]["content"]


def _call(call_id: str, path: str, content: str) -> dict:
    arguments = json.dumps({"path": path, "content": content})
    return {
        "id": call_id,
        "type": "function",
        "function": {"name": "write_file", "arguments": arguments},
    }


@pytest.mark.parametrize("stream", [False, True])
def test_parallel_tool_calls_keep_the_good_ones_and_repair_only_the_bad_one(
    openai_client, proxy: Proxy, upstream: Upstream, stream: bool
):
    kept = _call("call_ok", "ok.py", "X = 1\n")
    bad = _call("call_bad", "run.py", "import subprocess\nsubprocess.run(cmd, shell=True)\n")
    fixed = _call("call_fixed", "run.py", "import subprocess\nsubprocess.run(args, check=True)\n")
    upstream.script.queue(
        Reply(content=None, tool_calls=[kept, bad]), Reply(content=None, tool_calls=[fixed])
    )
    client = openai_client(proxy)
    messages = [{"role": "user", "content": "Write both files"}]

    if stream:
        chunks = client.chat.completions.create(model="gpt-test", messages=messages, stream=True)
        calls: dict[int, dict] = {}
        for chunk in chunks:
            for part in (chunk.choices[0].delta.tool_calls or []) if chunk.choices else []:
                call = calls.setdefault(part.index, {"id": part.id, "arguments": ""})
                call["arguments"] += part.function.arguments or ""
        delivered = [(c["id"], c["arguments"]) for _, c in sorted(calls.items())]
    else:
        message = client.chat.completions.create(model="gpt-test", messages=messages)
        delivered = [(c.id, c.function.arguments) for c in message.choices[0].message.tool_calls]

    assert delivered == [
        ("call_ok", kept["function"]["arguments"]),
        ("call_fixed", fixed["function"]["arguments"]),
    ]
    answers = upstream.script.requests[1]["messages"][-2:]
    assert [(m["role"], m["tool_call_id"]) for m in answers] == [
        ("tool", "call_ok"),
        ("tool", "call_bad"),
    ]
    assert answers[0]["content"].startswith("Accepted by codetamer unchanged")


@pytest.mark.parametrize(
    ("reply", "status", "error_type"),
    [
        (Reply(status=500), 500, "server_error"),
        (
            Reply(
                status=429,
                error={"error": {"message": "slow down", "type": "rate_limit", "code": None}},
            ),
            429,
            "rate_limit",
        ),
        (Reply(raw=b"{not json"), 502, "upstream_error"),
    ],
)
def test_upstream_failures_give_openai_errors_and_a_record(
    openai_client, proxy, upstream, reply, status, error_type
):
    upstream.script.queue(reply)
    with pytest.raises(openai.APIStatusError) as caught:
        ask(openai_client(proxy))
    assert caught.value.status_code == status
    assert caught.value.body["type"] == error_type
    [record] = records(proxy)
    assert record["status"] == status
    assert record["verdict"] == "error"
    assert record["error"] is not None


def test_an_upstream_timeout_is_a_504_with_a_record(openai_client, make_proxy, upstream: Upstream):
    slow = make_proxy(
        upstreams=[{"name": "slow", "base_url": f"{upstream.url}/v1", "read_timeout": 0.2}]
    )
    upstream.script.queue(Reply(delay=1.0))
    with pytest.raises(openai.APIStatusError) as caught:
        ask(openai_client(slow))
    assert caught.value.status_code == 504
    assert caught.value.body["type"] == "upstream_timeout"
    [record] = records(slow)
    assert record["error"]["type"] == "upstream_timeout"


def test_a_refused_connection_is_a_502_with_a_record(openai_client, make_proxy):
    from tests.servers import free_port

    proxy = make_proxy(
        upstreams=[{"name": "down", "base_url": f"http://127.0.0.1:{free_port()}/v1"}]
    )
    for stream in (False, True):
        with pytest.raises(openai.APIStatusError) as caught:
            ask(openai_client(proxy), stream=stream)
        assert caught.value.status_code == 502
        assert caught.value.body["code"] == "upstream_unreachable"
    assert [r["error"]["code"] for r in records(proxy)] == ["upstream_unreachable"] * 2


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b"{not json", 400, "invalid_json"),
        (b"[1, 2]", 400, "invalid_body"),
        (b'{"messages": [{"role": "user", "content": "hi"}]}', 400, "missing_model"),
        (b'{"model": 5, "messages": [{"role": "user", "content": "hi"}]}', 400, "invalid_type"),
        (b'{"model": "gpt-test", "messages": "hi"}', 400, "invalid_type"),
        (
            b'{"model": "gpt-test", "messages": [{"role": "user"}], "stream": "yes"}',
            400,
            "invalid_type",
        ),
        (
            b'{"model": "claude-x", "messages": [{"role": "user", "content": "hi"}]}',
            404,
            "model_not_found",
        ),
    ],
)
def test_bad_input_gets_an_openai_shaped_4xx_and_the_proxy_keeps_serving(proxy, body, status, code):
    with httpx.Client() as http:
        response = http.post(
            f"{proxy.url}/v1/chat/completions",
            content=body,
            headers={"content-type": "application/json"},
        )
        assert response.status_code == status
        error = response.json()["error"]
        assert error["code"] == code
        assert response.headers["x-codetamer-verdict"] == "error"
        assert response.headers["x-codetamer-rounds"] == "0"
        assert set(error) == {"message", "type", "param", "code"}
        assert http.get(f"{proxy.url}/healthz").status_code == 200
    assert records(proxy)[-1]["status"] == status


def test_a_body_over_the_limit_is_a_413(make_proxy):
    proxy = make_proxy(server={"max_body_bytes": 2048})
    with httpx.Client() as http:
        response = http.post(f"{proxy.url}/v1/chat/completions", content=b"x" * 4096)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "request_too_large"


def test_models_lists_what_the_upstreams_serve(openai_client, proxy: Proxy):
    ids = [m.id for m in openai_client(proxy).models.list()]
    assert ids == ["gpt-test"]  # "other-model" is not routed to this upstream


def test_with_no_upstream_requests_get_a_clear_503(openai_client, make_proxy):
    proxy = make_proxy(upstreams=[])
    with pytest.raises(openai.APIStatusError) as caught:
        ask(openai_client(proxy))
    assert caught.value.status_code == 503
    assert "OPENAI_API_KEY" in caught.value.body["message"]


def test_a_tampered_record_is_caught_by_log_verify(openai_client, proxy: Proxy, upstream: Upstream):
    from proxy.cli import main

    oai = openai_client(proxy)
    for _ in range(3):
        oai.chat.completions.create(model="gpt-test", messages=[{"role": "user", "content": "hi"}])
    config = proxy.store.with_suffix(".toml")
    config.write_text(f'[provenance]\npath = "{proxy.store}"\n')
    assert main(["log", "verify", "--config", str(config)]) == 0
    with sqlite3.connect(proxy.store) as db:
        db.execute(
            "UPDATE exchanges SET record = replace(record, '\"pass\"', '\"repaired\"')"
            " WHERE seq = 2"
        )
    assert main(["log", "verify", "--config", str(config)]) == 1


def test_with_the_gate_off_answers_pass_unchecked_and_say_so(
    openai_client, make_proxy, upstream: Upstream
):
    proxy = make_proxy(gate={"enabled": False})
    upstream.script.queue(Reply(content=INSECURE))
    raw = ask(openai_client(proxy))
    assert raw.parse().choices[0].message.content == INSECURE
    assert raw.headers["x-codetamer-verdict"] == "ungated"
    assert len(upstream.script.requests) == 1
    assert records(proxy)[0]["verdict"] == "ungated"


def test_a_waived_finding_passes_and_its_reason_lands_in_provenance(
    openai_client, make_proxy, upstream: Upstream
):
    waiver = {
        "rule": "PY001",
        "paths": ["scripts/*.py"],
        "reason": "admin scripts run trusted input",
    }
    proxy = make_proxy(policy={"waivers": [waiver]})
    upstream.script.queue(Reply(content=INSECURE.replace("```python", "```python scripts/run.py")))
    raw = ask(openai_client(proxy))
    assert raw.headers["x-codetamer-verdict"] == "pass"
    [finding] = records(proxy)[0]["rounds"][0]["artifacts"][0]["findings"]
    assert finding["treatment"] == "ignore"
    assert finding["waived"] == "admin scripts run trusted input"


def test_a_client_gone_during_keepalives_still_gets_its_exchange_recorded(
    openai_client, make_proxy, upstream: Upstream
):
    proxy = make_proxy(gate={"keepalive_seconds": 0.05})
    held = threading.Event()
    upstream.script.queue(Reply(content=SECURE, hold=held))
    body = {"model": "gpt-test", "stream": True, "messages": [{"role": "user", "content": "hi"}]}
    with (
        httpx.Client() as http,
        http.stream("POST", f"{proxy.url}/v1/chat/completions", json=body) as response,
    ):
        exchange_id = response.headers["x-codetamer-exchange-id"]
        assert next(response.iter_raw()).startswith(b": keepalive")
    # the client hung up while the gate waited on the upstream; now the answer comes
    held.set()
    deadline = time.monotonic() + 10
    while find_record(proxy.store, exchange_id) is None and time.monotonic() < deadline:
        time.sleep(0.02)
    stored = find_record(proxy.store, exchange_id)
    assert stored is not None and stored.record["verdict"] == "pass"
    upstream.script.queue(Reply(content=SECURE))
    assert ask(openai_client(proxy)).status_code == 200  # and the proxy goes on serving
