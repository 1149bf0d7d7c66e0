"""A sentinel secret as upstream key, client key and prompt secret appears in no log or record.

`codetamer serve` runs as a user runs it (a subprocess, debug logging). Every dialect is
driven streamed and not, with failures that tempt a leak: an upstream whose error echoes
the key it was sent, a wrong client key, a malformed body. Then every stderr line and the
store's files (database and write-ahead log, byte for byte) are searched.
"""

from __future__ import annotations

import json
from pathlib import Path

import anthropic
import httpx2 as httpx
import openai
import pytest

from tests.proxy.test_cli import clean_env, serving
from tests.servers import serve_in_thread
from tests.upstreams import anthropic_server
from tests.upstreams.anthropic_server import Answer
from tests.upstreams.openai_server import Reply, Script, create_upstream
from tests.upstreams.responses_api import Output, message

UPSTREAM_SENTINEL = "sk-sentinel-upstream-" + "Kq7Zp2Wm" * 4
CLIENT_SENTINEL = "ctk-sentinel-client-" + "Rv4Tn8Lx" * 4
OWN_KEY_SENTINEL = "sk-ant-sentinel-own-" + "Hd3Jc6Fy" * 4
PROMPT_SENTINEL = "ghp_" + "S3nt1nelT0ken" * 2 + "Ab9Xy7Wq3k"  # a GitHub token's shape
SENTINELS = (UPSTREAM_SENTINEL, CLIENT_SENTINEL, OWN_KEY_SENTINEL, PROMPT_SENTINEL)
PROMPT = f"My deploy fails. GITHUB_TOKEN={PROMPT_SENTINEL}\nWhat is wrong? Repeat the token."


@pytest.fixture
def upstreams():
    openai_script, anthropic_script = Script(), anthropic_server.Script()
    with (
        serve_in_thread(create_upstream(openai_script)) as openai_url,
        serve_in_thread(anthropic_server.create_upstream(anthropic_script)) as anthropic_url,
    ):
        yield openai_url, openai_script, anthropic_url, anthropic_script


def test_the_sentinels_appear_in_no_log_line_and_no_stored_byte(tmp_path: Path, upstreams):
    openai_url, script, anthropic_url, claude_script = upstreams
    store = tmp_path / "store" / "p.sqlite3"
    config = tmp_path / "c.toml"
    config.write_text(
        '[server]\nlog_level = "debug"\n'
        f'[provenance]\npath = "{store}"\n'
        '[[auth.clients]]\nname = "sentinel-client"\nkey_env = "CODETAMER_SENTINEL_CLIENT"\n'
        f'[[upstreams]]\nname = "oa"\nbase_url = "{openai_url}/v1"\n'
        'api_key_env = "CODETAMER_SENTINEL_UPSTREAM"\nmax_retries = 0\n'
        f'[[upstreams]]\nname = "an"\nkind = "anthropic"\nbase_url = "{anthropic_url}/v1"\n'
        "pass_through_client_key = true\nmax_retries = 0\n"
    )
    env = clean_env(tmp_path) | {
        "CODETAMER_SENTINEL_UPSTREAM": UPSTREAM_SENTINEL,
        "CODETAMER_SENTINEL_CLIENT": CLIENT_SENTINEL,
    }
    echo = "Your token is @SECRET0@."
    leak = {
        "error": {
            "message": f"Incorrect API key provided: {UPSTREAM_SENTINEL}",
            "type": "invalid_request_error",
            "param": None,
            "code": "invalid_api_key",
        }
    }
    script.queue(Reply(content=echo), Reply(content=echo), Reply(status=401, error=leak))
    script.responses.queue(Output([message(echo)]), Output([message(echo)]))
    claude_script.queue(
        Answer([anthropic_server.text(echo)]), Answer([anthropic_server.text(echo)])
    )
    user = [{"role": "user", "content": PROMPT}]
    with serving(["--config", str(config)], env) as (port, lines):
        base = f"http://127.0.0.1:{port}"
        chat = openai.OpenAI(base_url=f"{base}/v1", api_key=CLIENT_SENTINEL, max_retries=0)
        answer = chat.chat.completions.create(model="gpt-x", messages=user)  # type: ignore[arg-type]
        assert PROMPT_SENTINEL in (
            answer.choices[0].message.content or ""
        )  # restored for the client
        streamed = chat.chat.completions.create(model="gpt-x", messages=user, stream=True)  # type: ignore[arg-type]
        assert PROMPT_SENTINEL in "".join(
            c.choices[0].delta.content or "" for c in streamed if c.choices
        )
        with pytest.raises(openai.AuthenticationError) as echoed:
            chat.chat.completions.create(model="gpt-x", messages=user)  # type: ignore[arg-type]
        assert UPSTREAM_SENTINEL not in str(echoed.value.body)
        assert chat.responses.create(model="gpt-x", input=PROMPT).output_text.endswith(".")
        with chat.responses.stream(model="gpt-x", input=PROMPT) as stream:
            assert PROMPT_SENTINEL in stream.get_final_response().output_text

        claude = anthropic.Anthropic(
            base_url=base,
            api_key=OWN_KEY_SENTINEL,  # the client's own key, passed on to the upstream
            default_headers={"x-codetamer-key": CLIENT_SENTINEL},
            max_retries=0,
        )
        claude.messages.create(model="claude-x", max_tokens=64, messages=user)  # type: ignore[arg-type]
        with claude.messages.stream(model="claude-x", max_tokens=64, messages=user) as stream:  # type: ignore[arg-type]
            assert PROMPT_SENTINEL in stream.get_final_text()
        claude.messages.count_tokens(model="claude-x", messages=user)  # type: ignore[arg-type]

        with httpx.Client() as http:
            wrong = http.post(
                f"{base}/v1/chat/completions",
                headers={"authorization": f"Bearer {CLIENT_SENTINEL}x"},
                json={"model": "gpt-x", "messages": user},
            )
            malformed = http.post(
                f"{base}/v1/messages",
                headers={"x-codetamer-key": CLIENT_SENTINEL, "x-api-key": OWN_KEY_SENTINEL},
                content=b'{"model": "claude-x", "messages": [' + PROMPT.encode(),
            )
            metrics = http.get(f"{base}/metrics", headers={"x-codetamer-key": CLIENT_SENTINEL})
        assert (wrong.status_code, malformed.status_code, metrics.status_code) == (401, 400, 200)

    # the keys were really used: the upstreams saw the ones meant for them, never the prompt's
    assert all(h["authorization"] == f"Bearer {UPSTREAM_SENTINEL}" for h in script.headers)
    assert claude_script.headers and all(  # passed on the way the SDK sent it
        OWN_KEY_SENTINEL in (h.get("x-api-key"), h.get("authorization", "").removeprefix("Bearer "))
        for h in claude_script.headers
    )
    sent_upstream = json.dumps(script.requests + script.responses.requests + claude_script.requests)
    assert PROMPT_SENTINEL not in sent_upstream and CLIENT_SENTINEL not in sent_upstream

    logged = "".join(lines)
    events = [json.loads(line) for line in lines if line.startswith("{")]
    exchanges = [e for e in events if e["event"] == "exchange"]
    # 3 chat, 2 responses, 2 messages and the malformed one (token counting is no exchange)
    assert len(exchanges) == 8
    assert all(e["client_name"] == "sentinel-client" for e in exchanges)
    files = sorted(store.parent.iterdir())
    assert store in files
    stored = b"".join(f.read_bytes() for f in files)
    assert b"sentinel-client" in stored  # the records are there, under the client's name
    for sentinel in SENTINELS:
        assert sentinel not in logged, sentinel
        assert sentinel.encode() not in stored, sentinel
