"""Crash durability: a proxy killed with SIGKILL under load loses no answered exchange.

A record is committed before the client's answer ends, so after `kill -9` and a restart
the chain verifies and every exchange a client got a whole answer for is in the store.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import signal
import subprocess
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx2 as httpx
import pytest

from proxy.provenance import find_record, read_records
from tests.servers import (
    CODETAMER,
    ROOT,
    Served,
    children,
    running,
    serve_in_thread,
    serve_process,
)
from tests.upstreams import anthropic_server, openai_server

UPSTREAM_KEY = "sk-upstream-" + "D8r3" * 8
SECURE = (
    "```python\nimport subprocess\n\n\ndef run(args):\n    subprocess.run(args, check=True)\n```\n"
)
INSECURE = "```python\nimport subprocess\nsubprocess.run(cmd, shell=True)\n```\n"
WORKERS = 12
ANSWERS_BEFORE_KILL = 48


class LoadScript(openai_server.Script):
    """Answers with code, every seventh answer insecure so some exchanges repair."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = itertools.count()

    def next(self) -> openai_server.Reply:
        bad = next(self.calls) % 7 == 3
        return openai_server.Reply(content=INSECURE if bad else SECURE, delay=0.005)


class AnthropicLoadScript(anthropic_server.Script):
    def next(self) -> anthropic_server.Answer:
        return anthropic_server.Answer(blocks=[anthropic_server.text(SECURE)], delay=0.005)


@contextmanager
def serving(config: Path, env: dict[str, str]) -> Iterator[Served]:
    """Run `codetamer serve` with the config until it listens (stopped unless killed)."""
    with serve_process(["--config", str(config)], env) as served:
        yield served


def write_config(tmp_path: Path, openai_url: str, anthropic_url: str) -> Path:
    config = tmp_path / "codetamer.toml"
    store = tmp_path / "provenance.sqlite3"
    config.write_text(
        f"""
[[upstreams]]
name = "test"
base_url = "{openai_url}/v1"
api_key_env = "CODETAMER_TEST_UPSTREAM_KEY"
models = ["gpt-*"]

[[upstreams]]
name = "anthropic-test"
kind = "anthropic"
base_url = "{anthropic_url}/v1"
api_key_env = "CODETAMER_TEST_UPSTREAM_KEY"

[provenance]
path = "{store}"
""",
        encoding="utf-8",
    )
    return config


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[tuple[Path, dict[str, str]]]:
    with ExitStack() as stack:
        openai_url = stack.enter_context(
            serve_in_thread(openai_server.create_upstream(LoadScript()))
        )
        anthropic_url = stack.enter_context(
            serve_in_thread(anthropic_server.create_upstream(AnthropicLoadScript()))
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI", "ANTHROPIC"))}
        env["XDG_DATA_HOME"] = str(tmp_path / "data")
        env["CODETAMER_TEST_UPSTREAM_KEY"] = UPSTREAM_KEY
        yield write_config(tmp_path, openai_url, anthropic_url), env


def log(config: Path, *action: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CODETAMER, "log", *action, "--config", str(config)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


ASK = [{"role": "user", "content": "Write a Python function that runs a command"}]
KINDS: list[tuple[str, dict[str, object]]] = [
    ("/v1/chat/completions", {"model": "gpt-test", "messages": ASK}),
    ("/v1/chat/completions", {"model": "gpt-test", "messages": ASK, "stream": True}),
    ("/v1/messages", {"model": "claude-test", "max_tokens": 512, "messages": ASK}),
    ("/v1/messages", {"model": "claude-test", "max_tokens": 512, "messages": ASK, "stream": True}),
    ("/v1/responses", {"model": "gpt-test", "input": "Write a Python function"}),
    ("/v1/responses", {"model": "gpt-test", "input": "Write a Python function", "stream": True}),
]
# how a whole streamed answer ends, by path
STREAM_END = {
    "/v1/chat/completions": b"data: [DONE]",
    "/v1/messages": b"event: message_stop",
    "/v1/responses": b"event: response.completed",
}


async def ask(http: httpx.AsyncClient, url: str, n: int) -> tuple[str, int]:
    """One request of the n-th kind, read to its end; its exchange id and status.

    Raises:
        httpx.TransportError: the answer broke off (a killed proxy cuts the body short,
            which the chunked encoding makes visible).
    """
    path, body = KINDS[n % len(KINDS)]
    headers = {"authorization": "Bearer sk-client-unused", "x-api-key": "sk-client-unused"}
    async with http.stream("POST", url + path, json=body, headers=headers) as response:
        raw = b"".join([chunk async for chunk in response.aiter_bytes()])
    if response.status_code == 200 and body.get("stream"):
        assert STREAM_END[path] in raw, raw[-300:]
    else:
        json.loads(raw)
    return response.headers["x-codetamer-exchange-id"], response.status_code


async def load(url: str, kill: Callable[[], Awaitable[None]]) -> tuple[list[tuple[str, int]], int]:
    """Drive WORKERS concurrent clients until the proxy stops answering.

    `kill()` is awaited once ANSWERS_BEFORE_KILL answers are in.
    Returns the (exchange id, status) of each whole answer received, and how many
    requests broke off.
    """
    answered: list[tuple[str, int]] = []
    broken = 0
    enough = asyncio.Event()
    counter = itertools.count()

    async def worker(http: httpx.AsyncClient) -> None:
        nonlocal broken
        while True:
            try:
                answered.append(await ask(http, url, next(counter)))
            except httpx.TransportError:
                broken += 1
                return  # the proxy is gone
            if len(answered) >= ANSWERS_BEFORE_KILL:
                enough.set()

    limits = httpx.Limits(max_connections=WORKERS, max_keepalive_connections=WORKERS)
    async with httpx.AsyncClient(timeout=20, limits=limits, trust_env=False) as http:
        workers = [asyncio.create_task(worker(http)) for _ in range(WORKERS)]
        await asyncio.wait_for(enough.wait(), timeout=30)
        await kill()
        await asyncio.wait_for(asyncio.gather(*workers), timeout=30)
    return answered, broken


@pytest.mark.parametrize("with_writer", [True, False], ids=["and-its-writer", "alone"])
async def test_a_proxy_killed_under_load_keeps_every_answered_exchange_and_its_chain(
    setup, with_writer: bool
):
    # killed alone, its writer process commits what it had read and ends; killed with
    # it (a whole container going down), the store is left as the crash left it
    config, env = setup
    store = config.parent / "provenance.sqlite3"

    with serving(config, env) as first:
        [writer] = children(first.proc.pid, "provenance/writer.py")

        async def kill() -> None:
            first.proc.send_signal(signal.SIGKILL)
            if with_writer:
                os.kill(writer, signal.SIGKILL)

        answers, broken = await load(first.url, kill)
        assert first.proc.wait(timeout=15) == -signal.SIGKILL
    answered = [exchange_id for exchange_id, _ in answers]
    assert len(answered) >= ANSWERS_BEFORE_KILL
    assert sum(status == 200 for _, status in answers) >= len(answers) // 2
    assert broken >= 1  # the kill did land mid-load

    deadline = time.monotonic() + 10
    while running(writer):  # not our child: adopted by init once the proxy is gone
        assert time.monotonic() < deadline, "the writer outlived the proxy"
        await asyncio.sleep(0.01)
    # as the crash left it, then after a restart; a writer that ended on its own
    # checkpointed the write-ahead log and removed it, a killed one did not
    assert store.with_name(store.name + "-wal").exists() == with_writer
    crashed = log(config, "verify")
    assert crashed.returncode == 0, crashed.stderr
    stored = {r.record["id"]: r.record for r in read_records(store)}
    missing = [i for i in answered if i not in stored]
    assert not missing, f"{len(missing)} answered exchange(s) not in the store: {missing[:5]}"
    assert len(stored) >= len(answered)
    assert f"ok: {len(stored)} record(s) verified" in crashed.stdout
    assert {r["dialect"] for r in stored.values()} >= {
        "openai.chat",
        "anthropic.messages",
        "openai.responses",
    }
    assert {r["stream"] for r in stored.values()} == {True, False}

    with serving(config, env) as second:
        async with httpx.AsyncClient(timeout=20, trust_env=False) as http:
            after = [await ask(http, second.url, n) for n in range(len(KINDS))]
        assert [status for _, status in after] == [200] * len(KINDS)
    assert any("Finished server process" in line for line in second.lines)  # a clean stop

    restarted = log(config, "verify")
    assert restarted.returncode == 0, restarted.stderr
    total = len(stored) + len(KINDS)
    assert f"ok: {total} record(s) verified" in restarted.stdout
    chain = list(read_records(store))
    assert [r.record["id"] for r in chain[-len(KINDS) :]] == [i for i, _ in after]
    # the first record after the restart links to the last one before the crash
    assert chain[len(stored)].prev_hash == chain[len(stored) - 1].hash
    for exchange_id, status in answers[:3] + after:
        found = find_record(store, exchange_id)
        assert found is not None and found.record["status"] == status
