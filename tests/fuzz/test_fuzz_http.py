"""Arbitrary bodies POSTed to the real proxy over a real socket: every answer is a success
or a 4xx in the API's own error shape, never a 500, and the proxy keeps serving."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx2
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from proxy.jsonbody import MAX_DEPTH
from tests.conftest import Proxy
from tests.fuzz.strategies import CHAT_BODIES, JSON, MESSAGES_BODIES, RESPONSES_BODIES

OPENAI_PATHS = ("/v1/chat/completions", "/v1/responses")
ANTHROPIC_PATHS = ("/v1/messages", "/v1/messages/count_tokens")
PATHS = (*OPENAI_PATHS, *ANTHROPIC_PATHS)
_SHAPED = {
    "/v1/chat/completions": CHAT_BODIES,
    "/v1/responses": RESPONSES_BODIES,
    "/v1/messages": MESSAGES_BODIES,
    "/v1/messages/count_tokens": MESSAGES_BODIES,
}
# bodies the bugs fixed with this suite were made of: each once crashed the proxy (500)
REGRESSIONS = {
    "nested-past-the-limit": b'{"model": "gpt-test", "x": ' + b"[" * 1000 + b"]" * 1000 + b"}",
    "lone-surrogate-and-big-int": (
        b'{"model": "gpt-test", "max_tokens": 8, "input": "\\ud800", "n": 123456789012345678901,'
        b' "messages": [{"role": "user", "content": "\\ud800"}]}'
    ),
    "nan-and-big-int": b'{"model": "gpt-test", "n": 123456789012345678901, "t": NaN}',
}


def raw_bodies(path: str) -> st.SearchStrategy[bytes]:
    return st.one_of(
        _SHAPED[path].map(lambda body: json.dumps(body).encode()),
        _SHAPED[path].map(lambda body: json.dumps(body).encode()),
        JSON.map(lambda value: json.dumps(value).encode()),
        st.binary(max_size=64),
        st.sampled_from(list(REGRESSIONS.values())),
        st.integers(min_value=MAX_DEPTH - 2, max_value=MAX_DEPTH + 2).map(
            lambda depth: b"[" * depth + b"]" * depth
        ),
    )


def assert_api_shaped(path: str, response: httpx2.Response) -> None:
    """A 4xx carries the error object of the API the client speaks."""
    body = response.json()
    if path in ANTHROPIC_PATHS:
        assert body["type"] == "error" and {"type", "message"} <= set(body["error"])
    else:
        assert set(body["error"]) == {"message", "type", "param", "code"}
    assert isinstance(response.json()["error"]["message"], str)


def post(http: httpx2.Client, proxy: Proxy, path: str, raw: bytes) -> httpx2.Response:
    headers = {"content-type": "application/json", "anthropic-version": "2023-06-01"}
    return http.post(f"{proxy.url}{path}", content=raw, headers=headers)


def test_any_body_gets_a_success_or_an_api_shaped_4xx_never_a_500(
    make_proxy: Callable[..., Proxy],
):
    proxy = make_proxy(anthropic=True)
    statuses: list[int] = []
    with httpx2.Client(timeout=20) as http:

        @settings(
            max_examples=120,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
        @given(st.sampled_from(PATHS).flatmap(lambda p: st.tuples(st.just(p), raw_bodies(p))))
        def check(case: tuple[str, bytes]) -> None:
            path, raw = case
            response = post(http, proxy, path, raw)
            statuses.append(response.status_code)
            assert response.status_code < 500, (response.status_code, response.text[:300])
            if response.status_code >= 400:
                assert_api_shaped(path, response)

        check()
        assert http.get(f"{proxy.url}/healthz").status_code == 200
        ok = post(http, proxy, OPENAI_PATHS[0], json.dumps(_CHAT_OK).encode())
        assert ok.status_code == 200 and ok.json()["choices"][0]["message"]["content"]
    assert any(s == 200 for s in statuses) and any(400 <= s < 500 for s in statuses)


_CHAT_OK: dict[str, Any] = {"model": "gpt-test", "messages": [{"role": "user", "content": "hi"}]}


@pytest.mark.parametrize("name", sorted(REGRESSIONS))
def test_bodies_that_once_crashed_the_proxy_are_a_400_on_every_endpoint(proxy: Proxy, name: str):
    with httpx2.Client(timeout=20) as http:
        for path in PATHS:
            response = post(http, proxy, path, REGRESSIONS[name])
            assert response.status_code == 400, (path, response.text[:300])
            assert_api_shaped(path, response)
        assert http.get(f"{proxy.url}/healthz").status_code == 200
