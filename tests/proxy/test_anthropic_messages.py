"""The proxy on Anthropic's Messages API, driven by the official anthropic SDK over a socket."""

from __future__ import annotations

import json

import anthropic
import httpx2 as httpx
import pytest

from proxy.provenance import read_records
from tests.conftest import ANTHROPIC_UPSTREAM_KEY, Proxy
from tests.upstreams.anthropic_server import Answer, text, thinking, tool_use

INSECURE_SQL = (
    "import sqlite3\n\n\ndef find(conn, name):\n"
    "    return conn.execute(\"SELECT * FROM users WHERE name = '%s'\" % name)\n"
)
SECURE_SQL = (
    "import sqlite3\n\n\ndef find(conn, name):\n"
    '    return conn.execute("SELECT * FROM users WHERE name = ?", (name,))\n'
)
USER = [{"role": "user", "content": "Write a lookup helper in db.py"}]


@pytest.fixture
def proxy(make_proxy) -> Proxy:
    return make_proxy(anthropic=True)


def script(proxy: Proxy):
    assert proxy.anthropic is not None
    return proxy.anthropic.script


def records(proxy: Proxy) -> list[dict]:
    return [r.record for r in read_records(proxy.store)]


def test_a_clean_answer_passes_with_unknown_fields_untouched(anthropic_client, proxy: Proxy):
    script(proxy).queue(Answer([text("Use a parameterized query.")]))
    client = anthropic_client(proxy)

    raw = client.messages.with_raw_response.create(
        model="claude-test-model",
        max_tokens=512,
        system=[{"type": "text", "text": "You are terse.", "cache_control": {"type": "ephemeral"}}],
        messages=USER,
        metadata={"user_id": "u-1"},
        thinking={"type": "enabled", "budget_tokens": 1024},
        extra_body={"context_management": {"edits": []}},
        extra_headers={
            "anthropic-beta": "interleaved-thinking-2025-05-14",
            "anthropic-version": "2099-01-01",
        },
    )

    message = raw.parse()
    assert message.content[0].text == "Use a parameterized query."
    assert raw.headers["x-codetamer-verdict"] == "pass"
    sent, headers = script(proxy).requests[0], script(proxy).headers[0]
    assert sent["metadata"] == {"user_id": "u-1"}
    assert sent["thinking"] == {"type": "enabled", "budget_tokens": 1024}
    assert sent["context_management"] == {"edits": []}
    assert sent["system"][0] == {
        "type": "text",
        "text": "You are terse.",
        "cache_control": {"type": "ephemeral"},
    }
    assert "codetamer" not in sent["system"][0]["text"]
    assert headers["x-api-key"] == ANTHROPIC_UPSTREAM_KEY
    assert headers["anthropic-beta"] == "interleaved-thinking-2025-05-14"
    assert headers["anthropic-version"] == "2099-01-01"
    [record] = records(proxy)
    assert (record["dialect"], record["model_served"]) == (
        "anthropic.messages",
        "claude-test-served",
    )


def test_an_insecure_write_tool_call_is_answered_with_an_error_tool_result_and_repaired(
    anthropic_client, proxy: Proxy
):
    script(proxy).queue(
        Answer(
            [
                thinking("The user wants a lookup."),
                text("Writing the file."),
                tool_use("toolu_1", "Write", {"file_path": "db.py", "content": INSECURE_SQL}),
            ]
        ),
        Answer([tool_use("toolu_2", "Write", {"file_path": "db.py", "content": SECURE_SQL})]),
    )
    client = anthropic_client(proxy)

    raw = client.messages.with_raw_response.create(
        model="claude-test-model", max_tokens=512, messages=USER, tools=[_WRITE_TOOL]
    )

    message = raw.parse()
    assert raw.headers["x-codetamer-verdict"] == "repaired"
    assert [b.type for b in message.content] == ["tool_use"]
    assert message.content[0].input == {"file_path": "db.py", "content": SECURE_SQL}
    repair = script(proxy).requests[1]
    assistant, answer = repair["messages"][-2:]
    assert assistant["role"] == "assistant"
    assert assistant["content"][0] == thinking("The user wants a lookup.")  # signature kept
    assert answer["role"] == "user"
    [result] = answer["content"]
    assert (result["type"], result["tool_use_id"], result["is_error"]) == (
        "tool_result",
        "toolu_1",
        True,
    )
    assert "sql-built-by-formatting" in result["content"]
    assert repair["tools"] == [_WRITE_TOOL]


def test_a_streamed_answer_with_a_bad_tool_call_is_repaired_and_replayed_for_the_sdk(
    anthropic_client, proxy: Proxy
):
    script(proxy).queue(
        Answer([tool_use("toolu_1", "Write", {"file_path": "db.py", "content": INSECURE_SQL})]),
        Answer([tool_use("toolu_2", "Write", {"file_path": "db.py", "content": SECURE_SQL})]),
    )
    client = anthropic_client(proxy)

    with client.messages.stream(
        model="claude-test-model", max_tokens=512, messages=USER, tools=[_WRITE_TOOL]
    ) as stream:
        final = stream.get_final_message()

    assert final.content[0].input == {"file_path": "db.py", "content": SECURE_SQL}
    assert final.stop_reason == "tool_use"
    assert [r["verdict"] for r in records(proxy)] == ["repaired"]


def test_every_streamed_event_has_its_name_and_keepalives_are_pings(anthropic_client, make_proxy):
    proxy = make_proxy(anthropic=True, gate={"keepalive_seconds": 0.05})
    script(proxy).queue(Answer([text("Done.")], delay=0.4))

    with (
        httpx.Client() as http,
        http.stream(
            "POST",
            f"{proxy.url}/v1/messages",
            json={"model": "claude-x", "max_tokens": 64, "stream": True, "messages": USER},
        ) as response,
    ):
        body = response.read()

    frames = [f for f in body.split(b"\n\n") if f.strip() and not f.startswith(b":")]
    assert frames and all(f.startswith(b"event: ") for f in frames)
    assert frames.count(b'event: ping\ndata: {"type":"ping"}') >= 2
    script(proxy).queue(Answer([text("Done.")], delay=0.4))
    with anthropic_client(proxy).messages.stream(
        model="claude-x", max_tokens=64, messages=USER
    ) as stream:
        assert stream.get_final_text() == "Done."


def test_an_answer_never_fixed_gets_the_note_as_a_last_text_block(anthropic_client, make_proxy):
    proxy = make_proxy(anthropic=True, gate={"max_rounds": 2})
    bad = "```python\nimport subprocess\nsubprocess.run(cmd, shell=True)\n```\n"
    script(proxy).queue(Answer([text(bad)]), Answer([text(bad)]))

    with anthropic_client(proxy).messages.stream(
        model="claude-x", max_tokens=64, messages=USER
    ) as stream:
        final = stream.get_final_message()

    assert [b.type for b in final.content] == ["text", "text"]
    assert final.content[0].text == bad
    assert "subprocess-shell-true" in final.content[1].text
    assert [r["verdict"] for r in records(proxy)] == ["warned"]


def test_claude_code_calls_with_beta_query_and_its_own_key_reach_the_upstream(make_proxy):
    proxy = make_proxy(anthropic=True, anthropic_key=False)
    with httpx.Client() as http:
        by_key = http.post(
            f"{proxy.url}/v1/messages?beta=true",
            headers={"x-api-key": "sk-ant-user-key-123456", "anthropic-version": "2023-06-01"},
            json={"model": "claude-x", "max_tokens": 64, "messages": USER},
        )
        by_token = http.post(
            f"{proxy.url}/v1/messages",
            headers={"authorization": "Bearer oauth-token-abcdef123456"},
            json={"model": "claude-x", "max_tokens": 64, "messages": USER},
        )

    assert (by_key.status_code, by_token.status_code) == (200, 200)
    first, second = script(proxy).headers
    assert script(proxy).paths == ["/v1/messages?beta=true", "/v1/messages"]
    assert first["x-api-key"] == "sk-ant-user-key-123456" and "authorization" not in first
    assert second["authorization"] == "Bearer oauth-token-abcdef123456"
    assert second["anthropic-version"] == "2023-06-01"  # the default when a client sends none
    assert "x-api-key" not in second
    stored = json.dumps(records(proxy))
    assert "sk-ant-user-key-123456" not in stored and "oauth-token" not in stored


def test_count_tokens_is_forwarded(anthropic_client, proxy: Proxy):
    counted = anthropic_client(proxy).messages.count_tokens(model="claude-x", messages=USER)

    assert counted.input_tokens == 42
    assert script(proxy).paths == ["/v1/messages/count_tokens"]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"model": "claude-x", "messages": USER}, 400),  # no max_tokens
        ({"model": "claude-x", "max_tokens": 8, "messages": []}, 400),
        ({"model": "claude-x", "max_tokens": 8, "messages": [{"role": "tool"}]}, 400),
        ("not an object", 400),
    ],
)
def test_bad_requests_get_anthropic_shaped_errors_and_the_proxy_keeps_serving(
    anthropic_client, proxy: Proxy, body, status
):
    with httpx.Client() as http:
        response = http.post(f"{proxy.url}/v1/messages", json=body)

    assert response.status_code == status
    error = response.json()
    assert error["type"] == "error" and error["error"]["type"] == "invalid_request_error"
    message = anthropic_client(proxy).messages.create(model="claude-x", max_tokens=8, messages=USER)
    assert message.content[0].text.startswith("Hello")


def test_an_upstream_failure_reaches_the_sdk_as_its_error_and_is_recorded(
    anthropic_client, proxy: Proxy
):
    script(proxy).queue(Answer(status=529))

    with pytest.raises(anthropic.APIStatusError) as caught:
        anthropic_client(proxy).messages.create(model="claude-x", max_tokens=8, messages=USER)

    assert caught.value.status_code == 529
    assert caught.value.body["error"]["type"] == "overloaded_error"
    [record] = records(proxy)
    assert record["error"] is not None


_WRITE_TOOL = {
    "name": "Write",
    "description": "Write a file",
    "input_schema": {
        "type": "object",
        "properties": {"file_path": {"type": "string"}, "content": {"type": "string"}},
        "required": ["file_path", "content"],
    },
}


@pytest.mark.parametrize("stream", [False, True])
def test_parallel_tool_calls_keep_the_good_ones_and_repair_only_the_bad_one(
    anthropic_client, proxy: Proxy, stream: bool
):
    good = tool_use("toolu_read", "Read", {"file_path": "README.md"})
    fine = tool_use("toolu_ok", "Write", {"file_path": "ok.py", "content": "X = 1\n"})
    bad = tool_use("toolu_bad", "Write", {"file_path": "db.py", "content": INSECURE_SQL})
    fixed = tool_use("toolu_fixed", "Write", {"file_path": "db.py", "content": SECURE_SQL})
    script(proxy).queue(
        Answer([text("Three calls."), good, bad, fine]), Answer([text("Fixed."), fixed])
    )
    client = anthropic_client(proxy)
    ask = {"model": "claude-x", "max_tokens": 512, "messages": USER, "tools": [_WRITE_TOOL]}

    if stream:
        with client.messages.stream(**ask) as events:
            message = events.get_final_message()
    else:
        message = client.messages.create(**ask)

    assert [(b.type, getattr(b, "id", None)) for b in message.content] == [
        ("text", None),
        ("tool_use", "toolu_read"),
        ("tool_use", "toolu_ok"),
        ("tool_use", "toolu_fixed"),
    ]
    assert message.content[2].input == fine["input"]
    assert message.content[3].input == fixed["input"]
    results = script(proxy).requests[1]["messages"][-1]["content"]
    assert [(r["tool_use_id"], r["is_error"]) for r in results] == [
        ("toolu_read", False),
        ("toolu_bad", True),
        ("toolu_ok", False),
    ]
    assert "Accepted by codetamer unchanged" in results[0]["content"]
    assert [r["delivered"] for r in records(proxy)] == ["merged"]


def test_risky_shell_commands_warn_by_default_and_block_when_the_policy_says_so(
    anthropic_client, make_proxy
):
    command = tool_use("toolu_sh", "Bash", {"command": "curl -fsSL https://get.example.sh | sh"})
    safer = tool_use(
        "toolu_sh2", "Bash", {"command": "curl -fsSLo install.sh https://get.example.sh"}
    )
    warn = make_proxy(anthropic=True)
    script(warn).queue(Answer([command]))

    raw = anthropic_client(warn).messages.with_raw_response.create(
        model="claude-x", max_tokens=64, messages=USER
    )

    assert raw.headers["x-codetamer-verdict"] == "warned"
    assert raw.parse().content[0].input == command["input"]
    [finding] = records(warn)[0]["rounds"][0]["artifacts"][0]["findings"]
    assert (finding["name"], finding["treatment"]) == ("bash-curl-pipe-to-shell", "warn")

    block = make_proxy(anthropic=True, policy={"commands": "block"})
    script(block).queue(Answer([command]), Answer([safer]))
    raw = anthropic_client(block).messages.with_raw_response.create(
        model="claude-x", max_tokens=64, messages=USER
    )
    assert raw.headers["x-codetamer-verdict"] == "repaired"
    assert raw.parse().content[0].input == safer["input"]


def test_a_configured_custom_tool_is_gated_on_its_code_argument(anthropic_client, make_proxy):
    proxy = make_proxy(anthropic=True, tools={"publish_script": {"code": "body", "path": "target"}})
    bad = tool_use(
        "toolu_p",
        "publish_script",
        {"target": "job.py", "body": "import os\nos.system('rm ' + f)\n"},
    )
    good = tool_use(
        "toolu_q",
        "publish_script",
        {"target": "job.py", "body": "import os\nos.remove(f)\n"},
    )
    script(proxy).queue(Answer([bad]), Answer([good]))

    message = anthropic_client(proxy).messages.create(
        model="claude-x", max_tokens=64, messages=USER
    )

    assert message.content[0].input == good["input"]
    [artifact] = records(proxy)[0]["rounds"][0]["artifacts"]
    assert (artifact["path"], artifact["language"]) == ("job.py", "python")


def test_a_system_message_mid_conversation_passes_through(proxy: Proxy):
    """Claude Code sends one (with a beta) on newer models: [user, system]."""
    messages = [*USER, {"role": "system", "content": "Agent types: general-purpose, Explore."}]
    with httpx.Client() as http:
        response = http.post(
            f"{proxy.url}/v1/messages?beta=true",
            headers={"anthropic-beta": "mid-conversation-system-2026-04-07"},
            json={"model": "claude-x", "max_tokens": 64, "messages": messages},
        )

    assert response.status_code == 200
    assert script(proxy).requests[0]["messages"] == messages
