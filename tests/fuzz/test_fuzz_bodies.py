"""Request and response bodies: the JSON reader and each dialect's parsers on anything.

What the gate relies on: parse_request accepts a body or raises BadRequest; inject_system
and repair_request give bodies that parse again; artifacts on an upstream answer of any
shape either lists the code or raises one of the errors the gate turns into a 502.
"""

from __future__ import annotations

import contextlib
import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import guards
from proxy import jsonbody
from proxy.dialects.anthropic_messages import AnthropicMessages
from proxy.dialects.base import Dialect, Problem, RequestInfo
from proxy.dialects.openai_chat import OpenAIChat
from proxy.dialects.openai_responses import OpenAIResponses
from proxy.errors import BadRequest
from tests.fuzz.strategies import (
    CHAT_BODIES,
    CHAT_RESPONSES,
    JSON,
    MESSAGES_BODIES,
    MESSAGES_RESPONSES,
    RESPONSES_BODIES,
    RESPONSES_RESPONSES,
)

DIALECTS: dict[str, tuple[Dialect, Any, Any]] = {
    "chat": (OpenAIChat(), CHAT_BODIES, CHAT_RESPONSES),
    "messages": (AnthropicMessages(), MESSAGES_BODIES, MESSAGES_RESPONSES),
    "responses": (OpenAIResponses(), RESPONSES_BODIES, RESPONSES_RESPONSES),
}
# what proxy.gate maps to a 502 when artifacts() meets an answer of an unexpected shape
SHAPE_ERRORS = (AttributeError, TypeError, KeyError, ValueError)
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_FINDING = guards.Finding(
    rule_id="PY001",
    name="subprocess-shell-true",
    cwe=78,
    severity=guards.Severity.HIGH,
    confidence=guards.Confidence.HIGH,
    message="m",
    fix="f",
    line=1,
    column=1,
)


# ---- proxy.jsonbody ---------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(JSON | st.integers(min_value=-(10**40), max_value=10**40))
@example(-(2**63) - 1)  # 19 digits, yet past int64: orjson reads it as a float
@example({"n": 2**64})
def test_any_json_value_reads_back_exactly_big_integers_included(value: Any):
    assert jsonbody.loads(jsonbody.dumps(value)) == value


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode)))
def test_any_bytes_parse_or_raise_value_error_only(raw: bytes):
    with contextlib.suppress(ValueError):
        jsonbody.loads(raw)


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from([b"NaN", b"Infinity", b"-Infinity", b'"\\ud800"', b'"\\udfff x"']),
    st.booleans(),
)
def test_what_orjson_refuses_is_refused_with_or_without_a_big_integer(bad: bytes, big: bool):
    # the exact-integer path (json) must not accept more than orjson: NaN would become
    # null and a lone surrogate would crash the serializer later
    raw = b"[" + bad + (b", 123456789012345678901234" if big else b"") + b"]"
    with pytest.raises(ValueError):
        jsonbody.loads(raw)


@pytest.mark.parametrize("depth", [1, jsonbody.MAX_DEPTH - 1, jsonbody.MAX_DEPTH])
def test_bodies_nested_up_to_the_limit_are_read(depth: int):
    raw = b'{"a":' * (depth - 1) + b"[]" + b"}" * (depth - 1)
    assert jsonbody.loads(raw) is not None


@pytest.mark.parametrize("depth", [jsonbody.MAX_DEPTH + 1, 1000, 1023])
def test_bodies_nested_past_the_limit_are_refused_not_a_recursion_error(depth: int):
    with pytest.raises(ValueError, match="nest deeper"):
        jsonbody.loads(b"[" * depth + b"]" * depth)
    with pytest.raises(ValueError, match="nest deeper"):
        jsonbody.loads(
            b'{"n": 123456789012345678901234, "x": ' + b"[" * depth + b"]" * depth + b"}"
        )


# ---- dialects: requests -----------------------------------------------------------------


def parsed(dialect: Dialect, body: Any) -> RequestInfo | None:
    try:
        info = dialect.parse_request(body)
    except BadRequest as exc:
        assert exc.status == 400 and exc.message
        return None
    assert isinstance(info.model, str) and info.model.strip()
    assert isinstance(info.stream, bool) and isinstance(info.prompt_text, str)
    return info


@pytest.mark.parametrize("name", sorted(DIALECTS))
def test_any_json_body_is_accepted_or_a_bad_request(name: str):
    dialect, bodies, _ = DIALECTS[name]

    @SETTINGS
    @given(JSON | bodies)
    def check(body: Any) -> None:
        parsed(dialect, body)

    check()


@pytest.mark.parametrize("name", sorted(DIALECTS))
def test_injected_instructions_leave_a_valid_body_and_the_original_untouched(name: str):
    dialect, bodies, _ = DIALECTS[name]

    @SETTINGS
    @given(bodies, st.text(min_size=1, max_size=30))
    def check(body: dict[str, Any], text: str) -> None:
        if parsed(dialect, body) is None:
            return
        before = copy.deepcopy(body)
        injected = dialect.inject_system(body, text)
        assert body == before
        info = parsed(dialect, injected)
        assert info is not None and info.model == body["model"]
        assert any(text in s for s in _strings(injected))
        assert {k: v for k, v in injected.items() if k not in _SYSTEM_KEYS} == {
            k: v for k, v in body.items() if k not in _SYSTEM_KEYS
        }
        jsonbody.dumps(injected)

    check()


_SYSTEM_KEYS = {"messages", "system", "instructions"}


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


# ---- dialects: answers ------------------------------------------------------------------


def artifacts_or_none(dialect: Dialect, response: Any) -> list[guards.Artifact] | None:
    try:
        found = dialect.artifacts(response)
    except SHAPE_ERRORS:
        return None
    assert all(isinstance(a, guards.Artifact) and isinstance(a.content, str) for a in found)
    return found


@pytest.mark.parametrize("name", sorted(DIALECTS))
def test_an_answer_of_any_shape_gives_artifacts_or_a_shape_error(name: str):
    dialect, _, responses = DIALECTS[name]

    @SETTINGS
    @given(responses | st.dictionaries(st.text(max_size=8), JSON, max_size=4))
    def check(response: dict[str, Any]) -> None:
        artifacts_or_none(dialect, response)

    check()


@pytest.mark.parametrize("name", sorted(DIALECTS))
def test_the_repair_request_is_a_valid_request_holding_the_conversation(name: str):
    dialect, bodies, responses = DIALECTS[name]

    @SETTINGS
    @given(bodies, responses, st.data())
    def check(body: dict[str, Any], response: dict[str, Any], data: st.DataObject) -> None:
        if parsed(dialect, body) is None:
            return
        found = artifacts_or_none(dialect, response)
        if not found:
            return
        blocked = data.draw(st.lists(st.sampled_from(found), min_size=1, unique_by=id))
        problems = [Problem(a, (_FINDING,), f"fix {a.ref}") for a in blocked]
        before = copy.deepcopy((body, response))
        repaired = dialect.repair_request(body, response, problems, "please fix")
        assert (body, response) == before  # neither input is changed
        assert parsed(dialect, repaired) is not None
        jsonbody.dumps(repaired)
        history = "input" if name == "responses" else "messages"
        old = body.get(history)
        new = repaired.get(history)
        if isinstance(old, list) and repaired.get("previous_response_id") == body.get(
            "previous_response_id"
        ):
            assert new[: len(old)] == old
        merged = dialect.merge(response, response, {a.ref for a in blocked})
        assert merged is None or isinstance(merged, dict)
        jsonbody.dumps(dialect.annotate(response, "note"))

    check()
