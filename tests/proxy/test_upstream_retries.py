"""Retries before the first byte: a refused connection, 429 with Retry-After, 5xx."""

from __future__ import annotations

import time

import openai
import pytest

from proxy.provenance import read_records
from tests.conftest import UPSTREAM_KEY, Proxy, Upstream
from tests.servers import free_port
from tests.upstreams.openai_server import Reply

ASK = {"model": "gpt-test", "messages": [{"role": "user", "content": "hi"}]}


def with_retries(make_proxy, upstream: Upstream, **settings: object) -> Proxy:
    return make_proxy(
        upstreams=[
            {
                "name": "test",
                "base_url": f"{upstream.url}/v1",
                "api_key_env": "CODETAMER_TEST_UPSTREAM_KEY",
                "models": ["gpt-*"],
                **settings,
            }
        ]
    )


@pytest.mark.parametrize("status", [500, 502, 503, 504, 529])
def test_a_server_error_before_the_answer_is_retried(
    openai_client, make_proxy, upstream: Upstream, status: int
):
    proxy = with_retries(make_proxy, upstream, max_retries=2)
    upstream.script.queue(Reply(status=status), Reply(content="fine"))

    completion = openai_client(proxy).chat.completions.create(**ASK)

    assert completion.choices[0].message.content == "fine"
    assert len(upstream.script.requests) == 2
    assert upstream.script.headers[1]["authorization"] == f"Bearer {UPSTREAM_KEY}"


def test_a_429_is_retried_after_the_retry_after_it_names(
    openai_client, make_proxy, upstream: Upstream
):
    proxy = with_retries(make_proxy, upstream, max_retries=1)
    upstream.script.queue(Reply(status=429, headers={"retry-after": "0.3"}), Reply(content="ok"))

    started = time.perf_counter()
    completion = openai_client(proxy).chat.completions.create(**ASK)

    assert completion.choices[0].message.content == "ok"
    assert time.perf_counter() - started >= 0.25  # it waited (timer resolution aside)


def test_retries_stop_at_the_budget_and_the_last_error_reaches_the_client(
    openai_client, make_proxy, upstream: Upstream
):
    proxy = with_retries(make_proxy, upstream, max_retries=2)
    upstream.script.queue(Reply(status=503), Reply(status=503), Reply(status=503), Reply())

    with pytest.raises(openai.APIStatusError) as caught:
        openai_client(proxy).chat.completions.create(**ASK)

    assert caught.value.status_code == 503
    assert len(upstream.script.requests) == 3
    [record] = [r.record for r in read_records(proxy.store)]
    assert record["status"] == 503


@pytest.mark.parametrize(
    "reply",
    [Reply(status=400), Reply(status=429, headers={"retry-after": "3600"})],
)
def test_client_errors_and_long_retry_afters_are_not_retried(
    openai_client, make_proxy, upstream: Upstream, reply: Reply
):
    proxy = with_retries(make_proxy, upstream, max_retries=2)
    upstream.script.queue(reply, Reply(content="never asked"))

    with pytest.raises(openai.APIStatusError):
        openai_client(proxy).chat.completions.create(**ASK)

    assert len(upstream.script.requests) == 1


def test_a_refused_connection_is_retried_then_reported(openai_client, make_proxy):
    port = free_port()
    proxy = make_proxy(
        upstreams=[{"name": "gone", "base_url": f"http://127.0.0.1:{port}/v1", "max_retries": 2}]
    )

    started = time.perf_counter()
    with pytest.raises(openai.APIStatusError) as caught:
        openai_client(proxy).chat.completions.create(**ASK)

    assert caught.value.status_code == 502
    assert time.perf_counter() - started >= 0.25 + 0.5  # two backoffs
