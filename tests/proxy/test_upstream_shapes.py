"""Odd upstream answers and requests: each gets an answer in OpenAI's shape and a record."""

from __future__ import annotations

import json

import httpx2
import openai
import pytest

from guards.isolated import ScanPool
from proxy.provenance import read_records
from tests.conftest import Proxy, Upstream
from tests.guards.faulty import RAISE
from tests.upstreams.openai_server import Reply

INSECURE = "```python\nimport subprocess\nsubprocess.run(cmd, shell=True)\n```\n"
SECURE = "```python\nimport subprocess\nsubprocess.run(args, check=True)\n```\n"


def records(proxy: Proxy) -> list[dict]:
    return [r.record for r in read_records(proxy.store)]


def post(proxy: Proxy, body: dict) -> httpx2.Response:
    with httpx2.Client(timeout=20) as http:
        return http.post(f"{proxy.url}/v1/chat/completions", json=body)


@pytest.mark.parametrize(
    "raw",
    [
        b'{"choices": [{"message": {"content": "hi", "tool_calls": "oops"}}]}',
        b'{"choices": ["x"]}',
        b'{"choices": [{"message": "just a string"}]}',
        b"[1, 2, 3]",
    ],
)
def test_a_badly_shaped_answer_is_a_502_with_a_record(proxy: Proxy, upstream: Upstream, raw: bytes):
    upstream.script.queue(Reply(raw=raw))
    response = post(proxy, {"model": "gpt-test", "messages": [{"role": "user", "content": "hi"}]})
    assert response.status_code == 502
    assert response.json()["error"]["type"] == "upstream_error"
    assert response.headers["x-codetamer-verdict"] == "error"
    [record] = records(proxy)
    assert record["status"] == 502 and record["error"]["type"] == "upstream_error"


def test_json_answered_to_a_stream_request_is_named_as_such(proxy: Proxy, upstream: Upstream):
    upstream.script.queue(Reply(raw=b'{"choices": []}', media="application/json"))
    body = {"model": "gpt-test", "stream": True, "messages": [{"role": "user", "content": "hi"}]}
    response = post(proxy, body)
    assert response.status_code == 502
    assert "instead of server-sent events" in response.json()["error"]["message"]


def test_an_upstream_error_in_another_shape_is_wrapped_and_keeps_its_headers(
    proxy: Proxy, upstream: Upstream
):
    upstream.script.queue(
        Reply(status=429, raw=b"slow down", media="text/plain", headers={"retry-after": "7"})
    )
    response = post(proxy, {"model": "gpt-test", "messages": [{"role": "user", "content": "hi"}]})
    assert response.status_code == 429
    error = response.json()["error"]
    assert error["code"] == "upstream_status" and "slow down" in error["message"]
    assert response.headers["retry-after"] == "7"
    assert response.headers["content-type"] == "application/json"


def test_a_failed_repair_call_leaves_the_answer_and_is_recorded(proxy: Proxy, upstream: Upstream):
    upstream.script.queue(Reply(content=INSECURE), Reply(status=500))
    response = post(proxy, {"model": "gpt-test", "messages": [{"role": "user", "content": "hi"}]})
    assert response.status_code == 200
    assert response.headers["x-codetamer-rounds"] == "2"
    assert response.headers["x-codetamer-verdict"] == "warned"
    assert "subprocess-shell-true" in response.json()["choices"][0]["message"]["content"]
    [record] = records(proxy)
    assert record["repair_error"]["code"] == "upstream_status"
    assert len(record["rounds"]) == 1


def test_integers_beyond_64_bits_reach_the_upstream_exactly(proxy: Proxy, upstream: Upstream):
    raw = (
        b'{"model": "gpt-test", "seed": 18446744073709551617,'
        b' "messages": [{"role": "user", "content": "hi"}]}'
    )
    with httpx2.Client() as http:
        response = http.post(f"{proxy.url}/v1/chat/completions", content=raw)
    assert response.status_code == 200
    assert upstream.script.requests[0]["seed"] == 18446744073709551617


def test_with_n_above_one_the_repair_turn_is_the_choice_that_failed(
    proxy: Proxy, upstream: Upstream
):
    upstream.script.queue(Reply(contents=["All good, no code.", INSECURE]), Reply(content=SECURE))
    response = post(
        proxy, {"model": "gpt-test", "n": 2, "messages": [{"role": "user", "content": "hi"}]}
    )
    assert response.headers["x-codetamer-verdict"] == "repaired"
    turn = upstream.script.requests[1]["messages"][-2]
    assert turn == {"role": "assistant", "content": INSECURE}


def test_streamed_tool_calls_are_aggregated_gated_and_replayed(
    openai_client, proxy: Proxy, upstream: Upstream
):
    def write(call_id: str, code: str) -> dict:
        arguments = json.dumps({"path": "tool.py", "content": code})
        return {
            "id": call_id,
            "type": "function",
            "function": {"name": "write_file", "arguments": arguments},
        }

    bad = write("call_bad", "import os\nos.system(f'rm -rf {path}')\n")
    good = write("call_good", "import shutil\nshutil.rmtree(path)\n")
    upstream.script.queue(
        Reply(content=None, tool_calls=[bad]), Reply(content=None, tool_calls=[good])
    )
    stream = openai_client(proxy).chat.completions.create(
        model="gpt-test", messages=[{"role": "user", "content": "clean up"}], stream=True
    )
    calls: dict[int, dict] = {}
    for chunk in stream:
        for delta in chunk.choices[0].delta.tool_calls or ():
            entry = calls.setdefault(delta.index, {"id": None, "args": ""})
            entry["id"] = delta.id or entry["id"]
            entry["args"] += delta.function.arguments or ""
    assert [c["id"] for c in calls.values()] == ["call_good"]
    assert json.loads(calls[0]["args"])["content"] == "import shutil\nshutil.rmtree(path)\n"
    repair = upstream.script.requests[1]["messages"]
    assert repair[-1]["role"] == "tool" and repair[-1]["tool_call_id"] == "call_bad"
    assert "os-system-non-constant" in repair[-1]["content"]


def test_template_settings_that_do_not_load_are_config_errors(tmp_path):
    from proxy.config import load_config
    from proxy.errors import ConfigError

    path = tmp_path / "c.toml"
    path.write_text('[templates]\ndisabled = ["no-such-template"]\n')
    with pytest.raises(ConfigError, match=r"c\.toml: \[templates\]: .*no-such-template"):
        load_config(path)
    path.write_text(f'[templates]\nextra_dirs = ["{tmp_path / "missing"}"]\n')
    with pytest.raises(ConfigError, match=r"\[templates\]"):
        load_config(path)


async def test_sdk_error_for_a_badly_shaped_answer_is_an_api_error(openai_client, proxy, upstream):
    upstream.script.queue(Reply(raw=b'{"choices": ["x"]}'))
    with pytest.raises(openai.APIStatusError) as caught:
        openai_client(proxy).chat.completions.create(
            model="gpt-test", messages=[{"role": "user", "content": "hi"}]
        )
    assert caught.value.status_code == 502


def test_a_crash_inside_the_gate_fails_closed_with_an_error_and_a_record(
    make_proxy, upstream: Upstream, faulty_scanner: ScanPool
):
    proxy = make_proxy(scanner=faulty_scanner)
    broken = INSECURE.replace("\n```", f"  # {RAISE}\n```")  # the guard raises on it
    upstream.script.queue(Reply(content=broken), Reply(content=broken))
    response = post(proxy, {"model": "gpt-test", "messages": [{"role": "user", "content": "hi"}]})
    assert response.status_code == 422  # blocked: the guard could not judge it
    assert response.json()["error"]["type"] == "gate_blocked"
    assert "guard-failed" in response.json()["error"]["message"]
    assert "subprocess" not in response.text  # the unjudged answer never reaches the client
    [record] = records(proxy)
    assert record["status"] == 422 and record["verdict"] == "blocked"
