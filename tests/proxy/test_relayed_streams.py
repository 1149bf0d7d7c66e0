"""With the gate off, a stream is relayed frame by frame, and still recorded."""

from __future__ import annotations

import hashlib
import json
import threading

import anthropic
import httpx2 as httpx
import pytest

from proxy.provenance import read_records
from tests.conftest import Proxy
from tests.upstreams.openai_server import Reply

INSECURE = "```python\nimport subprocess\nsubprocess.run(cmd, shell=True)\n```"
BODY = {"model": "gpt-x", "stream": True, "messages": [{"role": "user", "content": "hi"}]}


def records(proxy: Proxy) -> list[dict]:
    return [r.record for r in read_records(proxy.store)]


def test_the_first_event_reaches_the_client_before_the_upstream_has_finished(make_proxy, upstream):
    proxy = make_proxy(gate={"enabled": False})
    hold = threading.Event()
    upstream.script.queue(Reply(content=INSECURE, hold=hold))
    # the upstream sends one event, then waits for this test; a buffering proxy would
    # send nothing until then, and the read below would time out
    with (
        httpx.Client(timeout=httpx.Timeout(10, read=5)) as http,
        http.stream("POST", f"{proxy.url}/v1/chat/completions", json=BODY) as reply,
    ):
        assert reply.headers["x-codetamer-verdict"] == "ungated"
        lines = reply.iter_lines()
        first = next(line for line in lines if line.startswith("data:"))
        assert json.loads(first[5:])["choices"][0]["delta"]["role"] == "assistant"
        hold.set()
        rest = [line for line in lines if line.startswith("data:")]
    assert rest[-1] == "data: [DONE]"
    text = "".join(
        json.loads(line[5:])["choices"][0]["delta"].get("content") or ""
        for line in rest[:-1]
        if json.loads(line[5:])["choices"]
    )
    assert text == INSECURE
    (record,) = records(proxy)
    assert record["verdict"] == "ungated" and record["stream"] is True
    assert record["rounds"][0]["artifacts"][0]["language"] == "python"
    assert (
        record["rounds"][0]["response_sha256"]
        == hashlib.sha256(upstream.script.sent[0]).hexdigest()
    )


def test_the_relayed_bytes_are_the_upstreams(make_proxy, upstream):
    proxy = make_proxy(gate={"enabled": False})
    upstream.script.queue(Reply(content="Hello, relayed."))
    with httpx.Client() as http:
        reply = http.post(f"{proxy.url}/v1/chat/completions", json=BODY)
    assert reply.content == upstream.script.sent[0]
    (record,) = records(proxy)
    assert record["status"] == 200 and record["error"] is None


def test_a_stream_cut_half_way_ends_with_an_error_event_and_is_recorded(make_proxy, upstream):
    proxy = make_proxy(gate={"enabled": False})
    chunk = {
        "id": "c1",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "m",
        "choices": [{"index": 0, "delta": {"content": "par"}, "finish_reason": None}],
    }
    half = b"data: " + json.dumps(chunk).encode() + b"\n\n"
    upstream.script.queue(Reply(raw=half), Reply(content="still serving"))
    with httpx.Client() as http:
        cut = http.post(f"{proxy.url}/v1/chat/completions", json=BODY)
        after = http.post(f"{proxy.url}/v1/chat/completions", json=BODY)
    assert cut.status_code == 200  # the headers had gone out with the first event
    assert cut.content.startswith(half)
    error = json.loads(cut.text.rsplit("data: ", 1)[1])
    assert error["error"]["type"] == "upstream_error"
    assert "before it was complete" in error["error"]["message"]
    assert b"still serving" in after.content
    first, second = records(proxy)
    assert first["error"]["type"] == "upstream_error" and second["error"] is None


def test_an_error_before_the_first_event_is_an_ordinary_error_response(
    make_proxy, anthropic_client
):
    proxy = make_proxy(anthropic=True, gate={"enabled": False})
    assert proxy.anthropic is not None
    from tests.upstreams.anthropic_server import Answer

    proxy.anthropic.script.queue(Answer(status=529))
    client = anthropic_client(proxy)
    with (
        pytest.raises(anthropic.APIStatusError) as failed,
        client.messages.stream(
            model="claude-x", max_tokens=16, messages=[{"role": "user", "content": "hi"}]
        ) as stream,
    ):
        stream.get_final_message()
    assert failed.value.status_code == 529
    (record,) = records(proxy)
    assert record["status"] == 529 and record["verdict"] == "error"
