"""Who may call: client keys over a real socket, with the official SDKs and the CLI."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import tomllib
from pathlib import Path

import anthropic
import httpx2 as httpx
import openai
import pytest
from structlog.testing import capture_logs

from proxy.provenance import read_records
from tests.conftest import UPSTREAM_KEY, Proxy
from tests.servers import CODETAMER, ROOT, free_port, logged
from tests.upstreams.openai_server import Reply, completion

ALICE_KEY = "ctk-alice-" + "a1B2" * 8
CI_KEY = "ctk-ci-" + "c3D4" * 8
USER = [{"role": "user", "content": "hello"}]


def clients() -> dict[str, object]:
    return {
        "clients": [
            {"name": "alice", "key_sha256": hashlib.sha256(ALICE_KEY.encode()).hexdigest()},
            {"name": "ci", "key_env": "CODETAMER_TEST_CI_KEY"},
        ]
    }


@pytest.fixture
def proxy(make_proxy, monkeypatch: pytest.MonkeyPatch) -> Proxy:
    monkeypatch.setenv("CODETAMER_TEST_CI_KEY", CI_KEY)
    return make_proxy(anthropic=True, anthropic_key=False, auth=clients())


def records(proxy: Proxy) -> list[dict]:
    return [r.record for r in read_records(proxy.store)]


def test_without_a_valid_key_every_api_answers_401_in_its_own_shape(proxy: Proxy):
    client = openai.OpenAI(base_url=f"{proxy.url}/v1", api_key="not-a-client-key", max_retries=0)
    with pytest.raises(openai.AuthenticationError) as raised:
        client.chat.completions.create(model="gpt-x", messages=USER)
    assert raised.value.status_code == 401
    assert raised.value.body["code"] == "invalid_api_key"  # type: ignore[index]
    assert "not valid" in raised.value.message

    claude = anthropic.Anthropic(base_url=proxy.url, api_key="not-a-client-key", max_retries=0)
    with pytest.raises(anthropic.AuthenticationError) as refused:
        claude.messages.create(model="claude-x", max_tokens=16, messages=USER)  # type: ignore[arg-type]
    assert refused.value.body["error"]["type"] == "authentication_error"  # type: ignore[index]

    with httpx.Client() as http:
        bare = http.post(f"{proxy.url}/v1/responses", json={"model": "gpt-x", "input": "hi"})
        metrics = http.get(f"{proxy.url}/metrics")
        health = http.get(f"{proxy.url}/healthz")
    assert bare.status_code == 401 and "x-codetamer-key" in bare.json()["error"]["message"]
    assert bare.headers["www-authenticate"].startswith("Bearer")
    assert metrics.status_code == 401
    assert health.status_code == 200  # load balancers probe without a key
    assert proxy.anthropic is not None and proxy.anthropic.script.headers == []
    assert records(proxy) == []  # nothing reached the gate


def test_a_valid_key_is_served_and_its_name_lands_in_provenance_and_logs(proxy: Proxy):
    by_hash = openai.OpenAI(base_url=f"{proxy.url}/v1", api_key=ALICE_KEY, max_retries=0)
    by_env = openai.OpenAI(
        base_url=f"{proxy.url}/v1",
        api_key="sk-irrelevant",
        default_headers={"x-codetamer-key": CI_KEY},
        max_retries=0,
    )
    with capture_logs() as events:
        first = by_hash.chat.completions.create(model="gpt-x", messages=USER)
        second = by_env.chat.completions.create(model="gpt-x", messages=USER, stream=True)
        assert "".join(c.choices[0].delta.content or "" for c in second if c.choices)
        logged(events, "exchange", 2)
    assert first.choices[0].message.content

    assert [r["client_name"] for r in records(proxy)] == ["alice", "ci"]
    exchanges = [e for e in events if e["event"] == "exchange"]
    assert [e["client_name"] for e in exchanges] == ["alice", "ci"]
    text = json.dumps(records(proxy)) + json.dumps(events, default=str)
    assert ALICE_KEY not in text and CI_KEY not in text


def test_the_key_that_let_a_client_in_is_never_passed_on(proxy: Proxy):
    assert proxy.anthropic is not None
    upstream = proxy.anthropic.script
    with httpx.Client() as http:
        consumed = http.post(
            f"{proxy.url}/v1/messages",
            headers={"x-api-key": ALICE_KEY},
            json={"model": "claude-x", "max_tokens": 16, "messages": USER},
        )
        separate = http.post(
            f"{proxy.url}/v1/messages",
            headers={"x-codetamer-key": ALICE_KEY, "x-api-key": "sk-ant-own-key-123456"},
            json={"model": "claude-x", "max_tokens": 16, "messages": USER},
        )
    assert (consumed.status_code, separate.status_code) == (200, 200)
    first, second = upstream.headers
    assert "x-api-key" not in first and "authorization" not in first
    assert second["x-api-key"] == "sk-ant-own-key-123456"
    assert all(ALICE_KEY not in v for h in (first, second) for v in h.values())
    assert "x-codetamer-key" not in first and "x-codetamer-key" not in second


def test_hop_by_hop_and_routing_headers_from_a_client_do_not_reach_the_upstream(
    make_proxy, upstream
):
    proxy = make_proxy()
    with httpx.Client() as http:
        reply = http.post(
            f"{proxy.url}/v1/chat/completions",
            headers={
                "connection": "keep-alive, x-secret-hop",
                "x-secret-hop": "hop",
                "keep-alive": "timeout=5",
                "te": "trailers",
                "proxy-authorization": "Basic cHJveHk6c2VjcmV0",
                "upgrade": "h2c",
                "x-forwarded-host": "evil.example",
                "forwarded": "host=evil.example",
                "x-upstream-url": "http://evil.example/v1",
            },
            json={"model": "gpt-x", "messages": USER},
        )
    assert reply.status_code == 200
    (seen,) = upstream.script.headers
    for name in (
        "x-secret-hop",
        "keep-alive",
        "te",
        "proxy-authorization",
        "upgrade",
        "x-forwarded-host",
        "forwarded",
        "x-upstream-url",
    ):
        assert name not in seen, name
    assert seen["authorization"] == f"Bearer {UPSTREAM_KEY}"  # the configured upstream's key
    for name in ("connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-authenticate"):
        assert reply.headers.get(name) in (None, "keep-alive"), name


def test_cookies_an_upstream_sets_are_not_sent_back_on_anyone_s_later_requests(
    make_proxy, upstream
):
    # by host name: a cookie jar (aiohttp's default one, say) keeps cookies from a name, not an IP
    by_name = upstream.url.replace("127.0.0.1", "localhost")
    proxy = make_proxy(
        upstreams=[
            {
                "name": "test",
                "base_url": f"{by_name}/v1",
                "api_key_env": "CODETAMER_TEST_UPSTREAM_KEY",
                "max_retries": 0,
            }
        ]
    )
    answer = json.dumps(completion(Reply())).encode()
    cookie = "session=alice-only; Path=/; Max-Age=3600"
    upstream.script.queue(Reply(raw=answer, headers={"set-cookie": cookie}), Reply(), Reply())
    for key in ("sk-alice", "sk-bob", "sk-bob"):
        client = openai.OpenAI(base_url=f"{proxy.url}/v1", api_key=key, max_retries=0)
        client.chat.completions.create(model="gpt-x", messages=USER)  # type: ignore[arg-type]
    assert [h.get("cookie") for h in upstream.script.headers] == [None, None, None]


def run_cli(
    *args: str, env: dict[str, str] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CODETAMER, *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_serve_refuses_a_public_address_without_client_keys(tmp_path: Path):
    for command in (["serve", "--host", "0.0.0.0"], ["mcp", "--http", "--host", "0.0.0.0"]):
        result = run_cli(*command, "--port", str(free_port()))
        assert result.returncode == 2, result.stderr
        assert "refusing to serve on 0.0.0.0" in result.stderr
        assert "[[auth.clients]]" in result.stderr


def test_a_client_key_from_an_unset_variable_stops_the_start_with_its_name(tmp_path: Path):
    config = tmp_path / "c.toml"
    config.write_text(
        '[[upstreams]]\nname = "u"\nbase_url = "http://127.0.0.1:9/v1"\n'
        '[[auth.clients]]\nname = "ci"\nkey_env = "CODETAMER_TEST_UNSET_KEY"\n'
    )
    env = {k: v for k, v in os.environ.items() if k != "CODETAMER_TEST_UNSET_KEY"}
    result = subprocess.run(
        [CODETAMER, "serve", "--config", str(config), "--port", str(free_port())],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "'ci'" in result.stderr and "CODETAMER_TEST_UNSET_KEY is not set" in result.stderr


def test_key_new_prints_a_config_entry_that_admits_its_key():
    made = run_cli("key", "new", "build-bot")
    assert made.returncode == 0, made.stderr
    entry = tomllib.loads(made.stdout)["auth"]["clients"][0]
    key = made.stderr.rsplit(": ", 1)[1].strip()
    assert entry["name"] == "build-bot"
    assert entry["key_sha256"] == hashlib.sha256(key.encode()).hexdigest()
    hashed = run_cli("key", "hash", stdin=key + "\n")
    assert hashed.stdout.strip() == entry["key_sha256"]
    assert run_cli("key", "new", "bad name!").returncode == 2


def test_the_model_list_and_the_mcp_mount_are_behind_the_keys_too(
    make_proxy, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("CODETAMER_TEST_CI_KEY", CI_KEY)
    proxy = make_proxy(auth=clients(), mcp={"mount": True})
    initialize = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "initialize",
        "params": {
            "protocolVersion": "2025-06-18",
            "capabilities": {},
            "clientInfo": {"name": "t", "version": "0"},
        },
    }
    mcp_headers = {"accept": "application/json, text/event-stream"}
    with httpx.Client() as http:
        models = http.get(f"{proxy.url}/v1/models")
        mcp_bare = http.post(f"{proxy.url}/mcp", json=initialize, headers=mcp_headers)
        mcp_keyed = http.post(
            f"{proxy.url}/mcp", json=initialize, headers={**mcp_headers, "x-codetamer-key": CI_KEY}
        )
        models_keyed = http.get(f"{proxy.url}/v1/models", headers={"x-codetamer-key": CI_KEY})
    assert (models.status_code, mcp_bare.status_code) == (401, 401)
    assert models_keyed.status_code == 200
    assert mcp_keyed.status_code == 200 and "codetamer" in mcp_keyed.text
