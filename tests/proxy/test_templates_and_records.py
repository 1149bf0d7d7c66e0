"""What goes into requests (templates) and what stays behind (records, logs): no keys anywhere."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import httpx2
import openai
import pytest
from starlette.responses import Response
from structlog.testing import capture_logs

from proxy.config import Config
from proxy.exchange import Exchange
from proxy.provenance import find_record, read_records
from proxy.responses import Recorded
from proxy.services import Services
from tests.conftest import UPSTREAM_KEY
from tests.servers import logged
from tests.upstreams.openai_server import Reply

PROMPT_SECRET = "sk-proj-" + "Zb4Kq9Lm2Np7Rs5Tv8Wx" * 8  # real project keys run to ~160 chars


def ask(oai: openai.OpenAI, content: str, **extra):
    return oai.chat.completions.create(
        model="gpt-test", messages=[{"role": "user", "content": content}], **extra
    )


def system_text(upstream) -> str:
    first = upstream.script.requests[-1]["messages"][0]
    return first["content"] if first["role"] == "system" else ""


def test_templates_are_chosen_by_the_language_of_the_request(openai_client, proxy, upstream):
    ask(openai_client(proxy), "Write a FastAPI endpoint in Python")
    assert "Python:" in system_text(upstream)
    ask(openai_client(proxy), "Write an Express route in TypeScript for index.ts")
    assert "JavaScript" in system_text(upstream) or "TypeScript" in system_text(upstream)
    assert "Python:" not in system_text(upstream)
    ask(openai_client(proxy), "What is a monad?")
    text = system_text(upstream)
    assert "Secrets:" in text and "Python:" not in text
    ids = [[t["id"] for t in r.record["templates"]] for r in read_records(proxy.store)]
    assert "python-notes" in ids[0] and "python-notes" not in ids[2]


def test_templates_join_an_existing_system_message_instead_of_adding_one(
    openai_client, proxy, upstream
):
    oai = openai_client(proxy)
    oai.chat.completions.create(
        model="gpt-test",
        messages=[
            {"role": "system", "content": "You are terse."},
            {"role": "user", "content": "hi"},
        ],
    )
    messages = upstream.script.requests[0]["messages"]
    assert len(messages) == 2
    assert messages[0]["content"].endswith("\n\nYou are terse.")


def test_injection_can_be_switched_off(openai_client, make_proxy, upstream):
    proxy = make_proxy(templates={"inject": False})
    ask(openai_client(proxy), "python code please")
    assert upstream.script.requests[0]["messages"] == [
        {"role": "user", "content": "python code please"}
    ]
    assert next(read_records(proxy.store)).record["templates"] == []


def test_user_templates_are_added_from_extra_dirs(
    openai_client, make_proxy, upstream, tmp_path: Path
):
    own = tmp_path / "own"
    own.mkdir()
    (own / "house.toml").write_text(
        'id = "house-rules"\nversion = 2\ntitle = "House rules"\nlanguages = ["*"]\norder = 5\n'
        'text = "Always add type hints."\n'
    )
    proxy = make_proxy(
        templates={"extra_dirs": [str(own)], "disabled": ["observability-by-default"]}
    )
    ask(openai_client(proxy), "hello")
    text = system_text(upstream)
    assert "Always add type hints." in text and "Observability" not in text
    recorded = next(read_records(proxy.store)).record["templates"]
    assert {"id": "house-rules", "version": 2} in [
        {k: t[k] for k in ("id", "version")} for t in recorded
    ]


def test_prompts_are_stored_redacted_or_only_hashed(openai_client, make_proxy, upstream):
    redacted = make_proxy()
    ask(openai_client(redacted), f"my key is {PROMPT_SECRET}, write python")
    record = next(read_records(redacted.store)).record
    assert "write python" in record["prompt"] and PROMPT_SECRET not in record["prompt"]
    hashed = make_proxy(provenance={"prompts": "hash"})
    ask(openai_client(hashed), "write python")
    record = next(read_records(hashed.store)).record
    assert record["prompt"] is None and len(record["prompt_sha256"]) == 64


def test_one_log_event_per_exchange_with_its_facts(openai_client, proxy, upstream):
    upstream.script.queue(Reply(content="no code here"))
    with capture_logs() as events:
        ask(openai_client(proxy), "hi")
        [event] = logged(events, "exchange", 1)
    assert event["verdict"] == "pass" and event["rounds"] == 1 and event["model"] == "gpt-test"
    assert event["upstream"] == "test" and event["status"] == 200 and event["latency_ms"] > 0
    assert len(event["exchange_id"]) == 32


def test_no_key_reaches_a_log_line_or_a_provenance_row(openai_client, proxy, upstream):
    upstream.script.queue(
        Reply(content="ok"),
        Reply(
            status=401,
            error={
                "error": {
                    "message": f"Incorrect API key provided: {UPSTREAM_KEY}",
                    "type": "invalid_request_error",
                    "code": "invalid_api_key",
                }
            },
        ),
    )
    with capture_logs() as events:
        ask(openai_client(proxy), f"remember {PROMPT_SECRET}")
        try:
            ask(openai_client(proxy), "again")
        except openai.AuthenticationError as exc:
            assert UPSTREAM_KEY not in str(exc.body)
        assert len(logged(events, "exchange", 2)) == 2
    text = repr(events)
    with sqlite3.connect(proxy.store) as db:
        stored = repr(db.execute("SELECT * FROM exchanges").fetchall())
    for secret in (UPSTREAM_KEY, PROMPT_SECRET, "sk-client-" + "c" * 20):
        assert secret not in text
        assert secret not in stored


def test_an_answer_starts_while_its_record_commits_and_ends_only_once_it_is_in(proxy, upstream):
    upstream.script.queue(Reply(content="no code here"))
    body = {"model": "gpt-test", "messages": [{"role": "user", "content": "hi"}]}
    writer = sqlite3.connect(proxy.store, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # the store's write lock: the proxy's commit must wait
    try:
        with (
            httpx2.Client(timeout=3) as client,
            client.stream("POST", f"{proxy.url}/v1/chat/completions", json=body) as answer,
        ):
            # the head came while the record could not be committed
            assert answer.status_code == 200
            exchange_id = answer.headers["x-codetamer-exchange-id"]
            assert find_record(proxy.store, exchange_id) is None
            writer.execute("COMMIT")
            assert "no code here" in answer.read().decode()
            # and the body only once the record was in
            stored = find_record(proxy.store, exchange_id)
            assert stored is not None and stored.record["status"] == 200
    finally:
        writer.close()


async def test_a_send_that_fails_on_the_head_loses_no_record(tmp_path: Path):
    config = Config.model_validate({"provenance": {"path": str(tmp_path / "p.sqlite3")}})
    services = Services.build(config)
    services.open()
    exchange = Exchange(dialect="openai.chat")
    answer = Recorded(services, exchange, Response(b"{}", 200, media_type="application/json"))

    async def gone(message: dict) -> None:  # a server that raises once its client is gone
        raise OSError("the client went away")

    try:
        with pytest.raises(OSError):
            await answer({"type": "http"}, None, gone)
    finally:
        await services.aclose()
    stored = find_record(tmp_path / "p.sqlite3", exchange.id)
    assert stored is not None and stored.record["status"] == 200
