"""Shared fixtures: a scriptable upstream and the real proxy, both on real sockets."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anthropic
import openai
import pytest

from guards.isolated import ScanPool
from proxy.app import create_app
from proxy.config import Config
from tests.servers import serve_in_thread
from tests.upstreams import anthropic_server
from tests.upstreams.openai_server import Script, create_upstream

UPSTREAM_KEY = "sk-upstream-" + "Q7x2" * 8
ANTHROPIC_UPSTREAM_KEY = "sk-ant-upstream-" + "Z9k4" * 8


@dataclass
class Upstream:
    url: str
    script: Script


@dataclass
class AnthropicUpstream:
    url: str
    script: anthropic_server.Script


@dataclass
class Proxy:
    url: str
    config: Config
    store: Path
    anthropic: AnthropicUpstream | None = None


@pytest.fixture
def upstream() -> Iterator[Upstream]:
    script = Script()
    with serve_in_thread(create_upstream(script)) as url:
        yield Upstream(url, script)


@pytest.fixture
def make_proxy(
    tmp_path: Path, upstream: Upstream, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[..., Proxy]]:
    """Start the proxy with a config built from keyword sections (merged over defaults).

    With `anthropic=True` an Anthropic test upstream starts too; `anthropic_key=False`
    leaves it without a key of its own, so clients' keys are passed on. `scanner` is the
    scan pool the gate uses (by default the one the tests share).
    """
    monkeypatch.setenv("CODETAMER_TEST_UPSTREAM_KEY", UPSTREAM_KEY)
    monkeypatch.setenv("CODETAMER_TEST_ANTHROPIC_KEY", ANTHROPIC_UPSTREAM_KEY)
    with ExitStack() as stack:

        def start(
            *,
            anthropic: bool = False,
            anthropic_key: bool = True,
            scanner: ScanPool | None = None,
            **sections: Any,
        ) -> Proxy:
            store = tmp_path / f"provenance-{len(stack._exit_callbacks)}.sqlite3"
            upstreams: list[dict[str, Any]] = [
                {
                    "name": "test",
                    "base_url": f"{upstream.url}/v1",
                    "api_key_env": "CODETAMER_TEST_UPSTREAM_KEY",
                    "models": ["gpt-*"],
                    "max_retries": 0,  # a scripted failure is the answer (retries: own tests)
                }
            ]
            second = None
            if anthropic:
                script = anthropic_server.Script()
                app = anthropic_server.create_upstream(script)
                second = AnthropicUpstream(stack.enter_context(serve_in_thread(app)), script)
                upstreams.append(
                    {
                        "name": "anthropic-test",
                        "kind": "anthropic",
                        "base_url": f"{second.url}/v1",
                        "api_key_env": "CODETAMER_TEST_ANTHROPIC_KEY" if anthropic_key else None,
                        "pass_through_client_key": not anthropic_key,
                        "max_retries": 0,
                    }
                )
            data: dict[str, Any] = {
                "upstreams": upstreams,
                "provenance": {"path": str(store)},
                "gate": {"keepalive_seconds": 5.0},
            }
            for key, value in sections.items():
                data[key] = (
                    {**data[key], **value} if isinstance(value, dict) and key in data else value
                )
            config = Config.model_validate(data)
            url = stack.enter_context(serve_in_thread(create_app(config, scanner=scanner)))
            return Proxy(url, config, store, second)

        yield start


@pytest.fixture
def faulty_scanner() -> Iterator[ScanPool]:
    """A scan process whose guard fails on purpose on code holding a marker (see
    tests/guards/faulty.py)."""
    scanner = ScanPool(entry="tests.guards.faulty:scan")
    yield scanner
    scanner.close()


@pytest.fixture
def proxy(make_proxy: Callable[..., Proxy]) -> Proxy:
    return make_proxy()


@pytest.fixture
def openai_client() -> Iterator[Callable[[Proxy], openai.OpenAI]]:
    """Make openai SDK clients pointed at a proxy; all are closed at teardown."""
    made: list[openai.OpenAI] = []

    def make(proxy: Proxy) -> openai.OpenAI:
        made.append(
            openai.OpenAI(
                base_url=f"{proxy.url}/v1",
                api_key="sk-client-" + "c" * 20,
                max_retries=0,
                timeout=20,
            )
        )
        return made[-1]

    yield make
    for client in made:
        client.close()


@pytest.fixture
def anthropic_client() -> Iterator[Callable[..., anthropic.Anthropic]]:
    """Make anthropic SDK clients pointed at a proxy; all are closed at teardown."""
    made: list[anthropic.Anthropic] = []

    def make(proxy: Proxy, **options: Any) -> anthropic.Anthropic:
        options.setdefault("api_key", "sk-ant-client-" + "c" * 24)
        made.append(anthropic.Anthropic(base_url=proxy.url, max_retries=0, timeout=20, **options))
        return made[-1]

    yield make
    for client in made:
        client.close()
