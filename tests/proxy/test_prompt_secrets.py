"""Secrets clients send are redacted before the upstream and restored in the answer.

The scripted upstreams answer with @SECRET0@... which they swap for the placeholders the
request carried, so the "model" echoes a redacted secret the way a real one would.
"""

from __future__ import annotations

import json

import httpx2 as httpx
import openai
import orjson
import pytest

from proxy.provenance import read_records
from proxy.redaction import PLACEHOLDER, Redactor, restore_frames, restore_json
from proxy.sse import SSEDecoder
from tests.conftest import Proxy
from tests.upstreams.anthropic_server import Answer, text, tool_use
from tests.upstreams.openai_server import Reply
from tests.upstreams.responses_api import Output, message

AWS = "AKIAQ7M2X3LPR4TZ5WVN"
GITHUB = "ghp_Zr8Kq2mX7vN4pL9wT3yB6cH1jF5dS0aE2gU8"
PASTED = (
    "Here is my .env, why does the deploy fail?\n"
    f"AWS_ACCESS_KEY_ID={AWS}\nGITHUB_TOKEN={GITHUB}\nREGION=eu-west-1\n"
)
SECRETS = (AWS, GITHUB)


def records(proxy: Proxy) -> list[dict]:
    return [r.record for r in read_records(proxy.store)]


def assert_nowhere(*texts: str) -> None:
    for blob in texts:
        for secret in SECRETS:
            assert secret not in blob


def test_chat_secrets_leave_as_placeholders_and_come_back_to_the_client(
    proxy: Proxy, upstream, openai_client
):
    upstream.script.queue(Reply(content="Your key @SECRET0@ is fine; @SECRET1@ has expired."))
    client = openai_client(proxy)
    answer = client.chat.completions.create(
        model="gpt-x", messages=[{"role": "user", "content": PASTED}]
    )
    assert answer.choices[0].message.content == f"Your key {AWS} is fine; {GITHUB} has expired."
    sent = json.dumps(upstream.script.requests)
    assert_nowhere(sent)
    assert len(set(PLACEHOLDER.findall(sent))) == 2
    assert "[secret:aws-access-key-id:" in sent and "REGION=eu-west-1" in sent
    (record,) = records(proxy)
    assert record["prompt_secrets"] == ["aws-access-key-id", "github-personal-access-token"]
    assert "[secret:aws-access-key-id:" in record["prompt"]
    # kept as it went upstream, placeholders and all (not searched a second time)
    assert record["prompt"] == upstream.script.requests[0]["messages"][-1]["content"]
    assert_nowhere(json.dumps(record))


def test_a_stream_that_splits_a_placeholder_gets_the_secret_whole(
    proxy: Proxy, upstream, openai_client
):
    # the test upstream streams text in 17-character pieces: every placeholder is split
    upstream.script.queue(
        Reply(content="Rotate @SECRET0@ now."), Reply(content="Rotate @SECRET0@ now.")
    )
    client = openai_client(proxy)
    streamed = []
    for _ in range(2):
        chunks = client.chat.completions.create(
            model="gpt-x", messages=[{"role": "user", "content": PASTED}], stream=True
        )
        streamed.append("".join(c.choices[0].delta.content or "" for c in chunks if c.choices))
    assert streamed == [f"Rotate {AWS} now."] * 2
    first, second = (json.dumps(r) for r in upstream.script.requests)
    assert PLACEHOLDER.findall(first) == PLACEHOLDER.findall(
        second
    )  # stable: same secret, same mark
    assert_nowhere(first, second)


def test_code_that_writes_a_prompt_secret_in_is_repaired(proxy: Proxy, upstream, openai_client):
    leaky = (
        "```python\nimport boto3\n\nclient = boto3.client('s3', aws_access_key_id='@SECRET0@')\n```"
    )
    fixed = (
        "```python\nimport boto3\n\nclient = boto3.client('s3')  # keys from the environment\n```"
    )
    upstream.script.queue(Reply(content=leaky), Reply(content=fixed))
    client = openai_client(proxy)
    raw = client.chat.completions.with_raw_response.create(
        model="gpt-x", messages=[{"role": "user", "content": PASTED + "Write the upload code."}]
    )
    assert raw.headers["x-codetamer-verdict"] == "repaired"
    assert AWS not in (raw.parse().choices[0].message.content or "")
    repair = json.dumps(upstream.script.requests[1])
    assert "prompt-secret-in-code" in repair
    assert_nowhere(repair)
    (record,) = records(proxy)
    assert [f["rule_id"] for f in record["rounds"][0]["artifacts"][0]["findings"]] == ["SEC901"]
    assert_nowhere(json.dumps(record))


def test_anthropic_streams_restore_text_and_tool_input(anthropic_client, make_proxy):
    proxy = make_proxy(anthropic=True)
    assert proxy.anthropic is not None
    proxy.anthropic.script.queue(
        Answer(
            [
                text("The failing key is @SECRET1@."),
                tool_use("toolu_1", "Bash", {"command": "echo '@SECRET1@' | gh auth login"}),
            ]
        )
    )
    client = anthropic_client(proxy)
    with client.messages.stream(
        model="claude-x", max_tokens=256, messages=[{"role": "user", "content": PASTED}]
    ) as stream:
        final = stream.get_final_message()
    assert final.content[0].text == f"The failing key is {GITHUB}."  # type: ignore[union-attr]
    assert final.content[1].input == {"command": f"echo '{GITHUB}' | gh auth login"}  # type: ignore[union-attr]
    assert_nowhere(json.dumps(proxy.anthropic.script.requests), json.dumps(records(proxy)))


def test_responses_streams_restore_the_secret(proxy: Proxy, upstream, openai_client):
    upstream.script.responses.queue(Output([message("Key @SECRET0@ belongs to the CI user.")]))
    client = openai_client(proxy)
    with client.responses.stream(model="gpt-x", input=PASTED) as stream:
        final = stream.get_final_response()
    assert final.output_text == f"Key {AWS} belongs to the CI user."
    assert_nowhere(json.dumps(upstream.script.responses.requests), json.dumps(records(proxy)))


def test_block_mode_refuses_the_request_in_the_api_shape_and_records_it(
    make_proxy, upstream, openai_client
):
    proxy = make_proxy(redaction={"prompts": "block"})
    client = openai_client(proxy)
    with pytest.raises(openai.BadRequestError) as refused:
        client.chat.completions.create(
            model="gpt-x", messages=[{"role": "user", "content": PASTED}]
        )
    assert refused.value.body["code"] == "secret_in_prompt"  # type: ignore[index]
    assert "aws-access-key-id" in refused.value.message
    assert_nowhere(refused.value.message)
    assert upstream.script.requests == []
    (record,) = records(proxy)
    assert record["status"] == 400 and record["error"]["code"] == "secret_in_prompt"
    assert_nowhere(json.dumps(record))


def test_off_mode_sends_the_prompt_as_it_is(make_proxy, upstream, openai_client):
    proxy = make_proxy(redaction={"prompts": "off"})
    openai_client(proxy).chat.completions.create(
        model="gpt-x", messages=[{"role": "user", "content": PASTED}]
    )
    assert AWS in json.dumps(upstream.script.requests)
    assert_nowhere(json.dumps(records(proxy)))  # provenance still keeps only the redacted form


def test_token_counting_is_redacted_too(anthropic_client, make_proxy):
    proxy = make_proxy(anthropic=True)
    assert proxy.anthropic is not None
    with httpx.Client() as http:
        http.post(
            f"{proxy.url}/v1/messages/count_tokens",
            json={"model": "claude-x", "messages": [{"role": "user", "content": PASTED}]},
        )
    assert_nowhere(json.dumps(proxy.anthropic.script.requests))


def test_opaque_fields_are_left_alone():
    body = {
        "model": "claude-x",
        "messages": [
            {
                "role": "assistant",
                "content": [
                    {"type": "thinking", "thinking": f"key={AWS}", "signature": f"sig {GITHUB}"},
                    {"type": "text", "text": f"token={GITHUB}"},
                ],
            }
        ],
        "input": [{"type": "reasoning", "encrypted_content": f"x {GITHUB}"}],
    }
    redacted, redaction = Redactor().redact_body(body)
    blocks = redacted["messages"][0]["content"]
    assert blocks[0] == body["messages"][0]["content"][0]  # signed: untouched
    assert redacted["input"] == body["input"]
    assert GITHUB not in blocks[1]["text"] and redaction.kinds == ["github-personal-access-token"]
    assert body["messages"][0]["content"][1]["text"] == f"token={GITHUB}"  # the caller's copy


def test_restoring_into_json_text_keeps_it_valid_even_when_split():
    secret = 'Vq8"mT2\\zR6pLw9xKe'
    mark = "[secret:generic-secret-assignment:0123456789ab]"
    arguments = json.dumps({"code": f"token = '{mark}'"})
    parts = [
        b"data: "
        + orjson.dumps(
            {
                "choices": [
                    {
                        "index": 0,
                        "delta": {"tool_calls": [{"index": 0, "function": {"arguments": piece}}]},
                    }
                ]
            }
        )
        + b"\n\n"
        for piece in (arguments[:20], arguments[20:31], arguments[31:])
    ]
    restored = restore_frames([*parts, b"data: [DONE]\n\n"], {mark: secret})
    decoder = SSEDecoder()
    frames = [f for p in restored for f in decoder.feed(p)]
    joined = "".join(
        orjson.loads(f.data)["choices"][0]["delta"]["tool_calls"][0]["function"]["arguments"]
        for f in frames
        if f.data != "[DONE]"
    )
    assert json.loads(joined) == {"code": f"token = '{secret}'"}
    whole = orjson.dumps({"content": mark, "arguments": arguments})
    back = orjson.loads(restore_json(whole, {mark: secret}))
    assert back["content"] == secret and json.loads(back["arguments"])["code"].endswith(
        f"'{secret}'"
    )
