"""Upstreams reached through an HTTP proxy: which proxy, tunnels for https, absolute URLs
for http, refusals said plainly, and the proxy's credentials shown nowhere.

The upstreams here are named `api.upstream.test`, a name only the test proxy resolves
(to 127.0.0.1), as a corporate proxy resolves names its clients cannot: a request that
went around the proxy could not connect at all.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import socket
import subprocess
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx2
import openai
import pytest
import uvloop

from proxy.config import load_config
from proxy.egress import HTTPProxy, ProxyError, proxy_for
from proxy.errors import ConfigError
from proxy.provenance import read_records
from proxy.upstream_http import HTTPClient
from tests.certs import self_signed
from tests.forward_proxy import ForwardProxy, forward_proxy
from tests.proxy.test_upstream_http import fetch, ok, raw_server
from tests.servers import CODETAMER, ROOT, serve_in_thread, serve_process
from tests.upstreams.openai_server import Script, create_upstream

NAME = "api.upstream.test"
SENTINEL = "pr0xy-Sentinel-" + "W3n8" * 6  # the proxy's password: it must appear nowhere
UPSTREAM_KEY = "sk-upstream-" + "P9r0" * 8


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


@pytest.fixture(autouse=True)
def no_proxy_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Start from an environment that names no proxy (whatever the machine's has)."""
    for name in list(os.environ):
        if name.lower().endswith("_proxy"):
            monkeypatch.delenv(name)


# which proxy


def shown(base_url: str, configured: str | None = None) -> str | None:
    proxy = proxy_for(base_url, configured)
    return None if proxy is None else f"{proxy.shown} ({proxy.source})"


@pytest.mark.parametrize(
    ("environment", "base_url", "expected"),
    [
        (
            {"HTTPS_PROXY": "http://p:3128"},
            "https://api.openai.com/v1",
            "http://p:3128 (HTTPS_PROXY)",
        ),
        ({"HTTPS_PROXY": "http://p:3128"}, "http://models.corp:8000/v1", None),
        (
            {"HTTP_PROXY": "http://p:3128"},
            "http://models.corp:8000/v1",
            "http://p:3128 (HTTP_PROXY)",
        ),
        ({"HTTP_PROXY": "http://p:3128"}, "https://api.openai.com/v1", None),
        ({"ALL_PROXY": "p:8080"}, "https://api.openai.com/v1", "http://p:8080 (ALL_PROXY)"),
        (
            {"all_proxy": "http://a:1", "https_proxy": "http://s:2"},
            "https://x.io",
            "http://s:2 (https_proxy)",
        ),
        (
            {"HTTPS_PROXY": "http://upper:1", "https_proxy": "http://lower:2"},
            "https://x.io",
            "http://lower:2 (https_proxy)",
        ),
        ({"HTTPS_PROXY": "http://p"}, "https://x.io", "http://p:80 (HTTPS_PROXY)"),
        (
            {"HTTPS_PROXY": "http://[fd00::1]:3128"},
            "https://x.io",
            "http://[fd00::1]:3128 (HTTPS_PROXY)",
        ),
        (
            {"HTTPS_PROXY": "http://p:1", "NO_PROXY": "openai.com,.corp"},
            "https://api.openai.com/v1",
            None,
        ),
        (
            {"HTTPS_PROXY": "http://p:1", "NO_PROXY": "openai.com"},
            "https://api.anthropic.com",
            "http://p:1 (HTTPS_PROXY)",
        ),
        ({"HTTPS_PROXY": "http://p:1", "no_proxy": "*"}, "https://api.openai.com/v1", None),
        (
            {"HTTP_PROXY": "http://p:1", "NO_PROXY": "x.io, 10.0.0.0/8"},
            "http://10.1.2.3:8000",
            None,
        ),
        (
            {"HTTP_PROXY": "http://p:1", "NO_PROXY": "10.0.0.0/8,fd00::/8"},
            "http://11.1.2.3:8000",
            "http://p:1 (HTTP_PROXY)",
        ),
        ({"HTTPS_PROXY": "http://p:1", "NO_PROXY": "fd00::/8"}, "https://[fd00::5]/v1", None),
        ({"HTTPS_PROXY": "http://p:1", "NO_PROXY": "10.1.2.3"}, "https://10.1.2.3/v1", None),
        ({"HTTPS_PROXY": "http://p:1"}, "https://localhost:8443/v1", None),
        ({"HTTPS_PROXY": "http://p:1"}, "https://127.0.0.2/v1", None),
        ({"HTTPS_PROXY": "http://p:1"}, "https://[::1]:8443/v1", None),
        ({"HTTPS_PROXY": "http://p:1"}, "https://[::ffff:127.0.0.1]:8443/v1", None),
        ({"HTTP_PROXY": "http://p:1"}, "http://0.0.0.0:8000/v1", None),
        ({}, "https://api.openai.com/v1", None),
    ],
)
def test_the_environment_names_the_proxy_for_the_upstreams_scheme_unless_no_proxy_or_loopback(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], base_url: str, expected: str
):
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert shown(base_url) == expected


def test_the_config_setting_wins_over_the_environment_and_empty_means_directly(
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.setenv("HTTPS_PROXY", "http://env:1")
    assert shown("https://api.openai.com/v1", "http://cfg:2") == "http://cfg:2 (config)"
    assert shown("https://api.openai.com/v1", "") is None
    assert shown("http://127.0.0.1:11434/v1", "http://cfg:2") is None  # loopback: directly


def test_credentials_in_the_proxy_url_become_basic_proxy_authorization_and_are_never_shown(
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.setenv("HTTPS_PROXY", f"http://us%40er:{SENTINEL}%3A@p:3128")
    proxy = proxy_for("https://api.openai.com/v1", None)
    assert proxy is not None
    assert proxy.authorization == basic("us@er", SENTINEL + ":")
    for shown_as in (proxy.shown, repr(proxy), str(proxy)):
        assert SENTINEL not in shown_as and proxy.authorization[6:] not in shown_as


@pytest.mark.parametrize(
    "url",
    [
        f"socks5://user:{SENTINEL}@p:1080",
        f"https://user:{SENTINEL}@p:443",
        "http://:3128",
        "http://p:0",
        f"http://user:1234/{SENTINEL}@p:3128",  # a / in the password, not encoded
        f"user:{SENTINEL}@p://x",
    ],
)
def test_a_proxy_that_cannot_be_used_is_an_error_naming_its_variable_and_not_its_password(
    monkeypatch: pytest.MonkeyPatch, url: str
):
    monkeypatch.setenv("HTTPS_PROXY", url)
    with pytest.raises(ProxyError, match="HTTPS_PROXY") as caught:
        proxy_for("https://api.openai.com/v1", None)
    assert SENTINEL not in str(caught.value) and "user" not in str(caught.value)


@pytest.mark.parametrize(
    ("value", "said"),
    [
        (f"http://user:{SENTINEL}@p:3128", "credentials do not go in the file"),
        ("socks5://p:1080", "only http:// proxies are supported"),
    ],
)
def test_the_config_refuses_a_proxy_with_credentials_or_another_scheme_without_echoing_it(
    tmp_path: Path, value: str, said: str
):
    config = tmp_path / "c.toml"
    config.write_text(
        f'[[upstreams]]\nname = "u"\nbase_url = "https://api.openai.com/v1"\nproxy = "{value}"\n'
    )
    with pytest.raises(ConfigError, match=said) as caught:
        load_config(config)
    assert "upstreams.0.proxy" in str(caught.value)
    assert SENTINEL not in str(caught.value) and value not in str(caught.value)


# the client through a proxy, on both event loops the proxy may run on

LOOPS: dict[str, Callable[[], asyncio.AbstractEventLoop]] = {
    "asyncio": asyncio.new_event_loop,
    "uvloop": uvloop.new_event_loop,
}


def run_on(loop: str, test: Callable[[], Awaitable[None]]) -> None:
    with asyncio.Runner(loop_factory=LOOPS[loop]) as runner:
        runner.run(test())


def through(proxy: ForwardProxy, url: str, credentials: str = "") -> HTTPClient:
    userinfo = f"{credentials}@" if credentials else ""
    via = HTTPProxy.parse(f"http://{userinfo}127.0.0.1:{proxy.port}")
    return HTTPClient(url, connect_timeout=5, read_timeout=5, via=via)


@pytest.mark.parametrize("loop", sorted(LOOPS))
def test_an_https_upstream_is_reached_through_one_tunnel_with_tls_inside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, loop: str
):
    cert, key = self_signed(tmp_path, (NAME,))
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))

    async def test() -> None:
        async with raw_server(ok, tls=(cert, key)) as upstream:
            with forward_proxy(hosts={NAME: "127.0.0.1"}, credentials=basic("me", SENTINEL)) as fp:
                http = through(fp, f"https://{NAME}:{upstream.port}/v1", f"me:{SENTINEL}")
                try:
                    assert await fetch(http) == (200, b"{}")
                    assert await fetch(http) == (200, b"{}")  # the same tunnel, kept alive
                finally:
                    await http.aclose()
        assert fp.requests == [f"CONNECT {NAME}:{upstream.port} HTTP/1.1"]
        assert fp.authorizations == [basic("me", SENTINEL)] and fp.tunnels == 1
        assert upstream.connections == 1 and len(upstream.heads) == 2
        for head in upstream.heads:  # the upstream sees its own name, and no proxy's header
            assert head.startswith(b"POST /v1/chat/completions HTTP/1.1\r\n")
            assert f"host: {NAME}:{upstream.port}\r\n".encode() in head
            assert b"proxy-authorization" not in head.lower() and SENTINEL.encode() not in head

    run_on(loop, test)


@pytest.mark.parametrize("loop", sorted(LOOPS))
def test_the_tunnel_does_not_let_tls_go_unverified(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, loop: str
):
    cert, key = self_signed(tmp_path, ("another.name.test",))  # not the upstream's name
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))

    async def test() -> None:
        async with raw_server(ok, tls=(cert, key)) as upstream:
            with forward_proxy(hosts={NAME: "127.0.0.1"}) as fp:
                http = through(fp, f"https://{NAME}:{upstream.port}/v1")
                with pytest.raises(httpx2.ConnectError, match="Hostname mismatch"):
                    await fetch(http)
                await http.aclose()
        assert fp.tunnels == 1 and upstream.heads == []

    run_on(loop, test)


@pytest.mark.parametrize("loop", sorted(LOOPS))
def test_an_http_upstream_is_sent_absolute_urls_on_one_kept_alive_connection(loop: str):
    async def test() -> None:
        async with raw_server(ok) as upstream:
            with forward_proxy(hosts={NAME: "127.0.0.1"}, credentials=basic("me", "pw")) as fp:
                http = through(fp, f"http://{NAME}:{upstream.port}/v1", "me:pw")
                try:
                    assert await fetch(http) == (200, b"{}")
                    assert await fetch(http) == (200, b"{}")
                finally:
                    await http.aclose()
        target = f"http://{NAME}:{upstream.port}/v1/chat/completions"
        assert fp.requests == [f"POST {target} HTTP/1.1"] * 2
        assert fp.authorizations == [basic("me", "pw")] * 2 and fp.tunnels == 0
        assert upstream.connections == 1
        assert all(f"host: {NAME}:{upstream.port}\r\n".encode() in h for h in upstream.heads)

    run_on(loop, test)


@pytest.mark.parametrize(
    ("settings", "credentials", "said"),
    [
        ({"credentials": basic("me", SENTINEL)}, "", r"asks for credentials \(407\)"),
        ({"credentials": basic("me", SENTINEL)}, "me:wrong", r"asks for credentials \(407\)"),
        ({"refuse": 403}, "", "answered 403"),
    ],
)
async def test_a_refused_tunnel_is_a_connect_error_that_says_why(
    settings: dict[str, Any], credentials: str, said: str
):
    with forward_proxy(hosts={NAME: "127.0.0.1"}, **settings) as fp:
        http = through(fp, f"https://{NAME}:443/v1", credentials)
        with pytest.raises(httpx2.ConnectError, match=said) as caught:
            await fetch(http)
        await http.aclose()
    message = str(caught.value)
    assert f"http://127.0.0.1:{fp.port}" in message and f"{NAME}:443" in message
    assert SENTINEL not in message and "wrong" not in message


async def test_a_proxy_that_is_not_there_or_never_answers_fails_the_connect():
    with socket.socket() as closed:  # bound, not listening: the port refuses, and stays ours
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
        gone = HTTPClient(
            f"https://{NAME}/v1",
            connect_timeout=2,
            read_timeout=2,
            via=HTTPProxy("127.0.0.1", port),
        )
        said = f"through the HTTP proxy http://127.0.0.1:{port}"
        with pytest.raises(httpx2.ConnectError, match=said):
            await fetch(gone)

    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await reader.read()  # reads the CONNECT, answers nothing, until the client goes
        finally:
            writer.close()

    listening = await asyncio.start_server(silent, "127.0.0.1", 0)
    port = listening.sockets[0].getsockname()[1]
    try:
        for connect, read in ((0.3, 5.0), (5.0, 0.3)):  # either timeout ends the wait
            stuck = HTTPClient(
                f"https://{NAME}/v1",
                connect_timeout=connect,
                read_timeout=read,
                via=HTTPProxy("127.0.0.1", port),
            )
            with pytest.raises(httpx2.ConnectTimeout):
                await fetch(stuck)
    finally:
        listening.close()
        await listening.wait_closed()


# the proxy as a user runs it


@pytest.fixture
def tls_upstream(tmp_path: Path) -> Iterator[tuple[Script, int, Path]]:
    """The scriptable OpenAI upstream over https, with a certificate for NAME."""
    cert, key = self_signed(tmp_path, (NAME,))
    script = Script()
    with serve_in_thread(create_upstream(script), tls=(cert, key)) as url:
        yield script, urlsplit(url).port or 0, cert


def test_serve_reaches_an_https_upstream_through_the_proxy_in_https_proxy_and_shows_no_password(
    tmp_path: Path, tls_upstream: tuple[Script, int, Path]
):
    script, port, cert = tls_upstream
    store = tmp_path / "p.sqlite3"
    config = tmp_path / "c.toml"
    config.write_text(
        f'[[upstreams]]\nname = "corp"\nbase_url = "https://{NAME}:{port}/v1"\n'
        'api_key_env = "CT_TEST_UPSTREAM_KEY"\nmax_retries = 0\n'
        f'[provenance]\npath = "{store}"\n'
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI", "ANTHROPIC"))}
    with forward_proxy(hosts={NAME: "127.0.0.1"}, credentials=basic("me", SENTINEL)) as fp:
        env |= {
            "HTTPS_PROXY": f"http://me:{SENTINEL}@127.0.0.1:{fp.port}",
            "SSL_CERT_FILE": str(cert),
            "CT_TEST_UPSTREAM_KEY": UPSTREAM_KEY,
            "XDG_DATA_HOME": str(tmp_path / "data"),
        }
        with serve_process(["--config", str(config)], env) as served:
            client = openai.OpenAI(
                base_url=f"{served.url}/v1", api_key="sk-client", max_retries=0, timeout=30
            )
            asked = [{"role": "user", "content": "Say hello."}]
            answer = client.chat.completions.create(model="gpt-4.1", messages=asked)
            assert answer.choices[0].message.content == "Hello from the test upstream."
            stream = client.chat.completions.create(model="gpt-4.1", messages=asked, stream=True)
            text = "".join(c.choices[0].delta.content or "" for c in stream if c.choices)
            assert text == "Hello from the test upstream."
            client.close()
    assert fp.requests and set(fp.requests) == {f"CONNECT {NAME}:{port} HTTP/1.1"}
    assert len(script.requests) == 2
    assert all(h.get("authorization") == f"Bearer {UPSTREAM_KEY}" for h in script.headers)
    assert not any("proxy-authorization" in h for h in script.headers)
    events = [json.loads(line) for line in served.lines if line.startswith("{")]
    (starting,) = [e for e in events if e["event"] == "starting"]
    assert starting["via_proxy"] == {"corp": f"http://127.0.0.1:{fp.port} (HTTPS_PROXY)"}
    assert SENTINEL not in "".join(served.lines)
    records = list(read_records(store))
    assert [r.record["verdict"] for r in records] == ["pass", "pass"]
    assert SENTINEL not in "".join(json.dumps(r.record) for r in records)


@pytest.mark.parametrize("command", ["serve", "mcp"])
def test_serve_and_mcp_refuse_to_start_on_a_proxy_they_cannot_speak_to(
    tmp_path: Path, command: str
):
    config = tmp_path / "c.toml"
    config.write_text(f'[[upstreams]]\nname = "corp"\nbase_url = "https://{NAME}/v1"\n')
    env = dict(os.environ, HTTPS_PROXY=f"socks5h://me:{SENTINEL}@127.0.0.1:1080")
    done = subprocess.run(
        [CODETAMER, command, "--config", str(config)],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "upstream 'corp': HTTPS_PROXY: only http:// proxies are supported" in done.stderr
    assert SENTINEL not in done.stderr + done.stdout


@pytest.mark.parametrize(
    ("scheme", "said"),
    [
        ("https", "the HTTP proxy refused the tunnel: it asks for credentials (407)"),
        ("http", "the HTTP proxy asks for credentials (407)"),  # its 407, not the upstream's
    ],
)
def test_a_proxy_asking_for_credentials_is_a_502_that_says_so_tried_once_and_recorded(
    make_proxy: Callable[..., Any],
    openai_client: Callable[[Any], openai.OpenAI],
    monkeypatch: pytest.MonkeyPatch,
    scheme: str,
    said: str,
):
    with forward_proxy(hosts={NAME: "127.0.0.1"}, credentials=basic("me", SENTINEL)) as fp:
        variable = f"{scheme.upper()}_PROXY"
        monkeypatch.setenv(variable, f"http://me:not-{SENTINEL}@127.0.0.1:{fp.port}")
        upstream = {
            "name": "corp",
            "base_url": f"{scheme}://{NAME}/v1",
            "api_key_env": "CODETAMER_TEST_UPSTREAM_KEY",
            "max_retries": 2,  # wrong credentials are not sent again
        }
        proxy = make_proxy(upstreams=[upstream])  # its upstreams read the variable now
        monkeypatch.delenv(variable)  # the SDK's client reads it too
        client = openai_client(proxy)
        with pytest.raises(openai.APIStatusError) as caught:
            client.chat.completions.create(
                model="gpt-4.1", messages=[{"role": "user", "content": "hi"}]
            )
    assert len(fp.requests) == 1
    assert caught.value.status_code == 502
    error = caught.value.body
    assert isinstance(error, dict) and error["code"] == "upstream_unreachable"
    assert error["message"] == f"upstream 'corp' could not be reached: {said}"
    (stored,) = read_records(proxy.store)
    assert stored.record["error"]["message"] == error["message"]
    assert SENTINEL not in json.dumps(stored.record)


def test_a_proxy_in_trouble_is_tried_again_within_the_retry_budget(
    make_proxy: Callable[..., Any],
    openai_client: Callable[[Any], openai.OpenAI],
    monkeypatch: pytest.MonkeyPatch,
):
    # a 503 to CONNECT may pass (a 4xx would not, and is tried once: the test above)
    with forward_proxy(hosts={NAME: "127.0.0.1"}, refuse=503) as fp:
        monkeypatch.setenv("HTTPS_PROXY", f"http://127.0.0.1:{fp.port}")
        upstream = {"name": "corp", "base_url": f"https://{NAME}/v1", "max_retries": 2}
        proxy = make_proxy(upstreams=[upstream])
        monkeypatch.delenv("HTTPS_PROXY")
        with pytest.raises(openai.APIStatusError) as caught:
            openai_client(proxy).chat.completions.create(
                model="gpt-4.1", messages=[{"role": "user", "content": "hi"}]
            )
    assert len(fp.requests) == 3  # the first try and two retries
    assert caught.value.status_code == 502
    error = caught.value.body
    assert isinstance(error, dict) and error["message"] == (
        "upstream 'corp' could not be reached: the HTTP proxy refused the tunnel: "
        "it answered 503 (after 3 attempts)"
    )


def test_a_proxy_setting_that_cannot_be_used_fails_each_request_saying_why(
    make_proxy: Callable[..., Any],
    openai_client: Callable[[Any], openai.OpenAI],
    monkeypatch: pytest.MonkeyPatch,
):
    # `serve` and `mcp` refuse to start on it; an app made otherwise still says why
    monkeypatch.setenv("HTTPS_PROXY", f"socks5h://me:{SENTINEL}@127.0.0.1:1080")
    upstream = {"name": "corp", "base_url": f"https://{NAME}/v1", "max_retries": 2}
    proxy = make_proxy(upstreams=[upstream])  # its upstreams read the variable now
    monkeypatch.delenv("HTTPS_PROXY")  # the SDK's client reads it too (and has no socks)
    with pytest.raises(openai.APIStatusError) as caught:
        openai_client(proxy).chat.completions.create(
            model="gpt-4.1", messages=[{"role": "user", "content": "hi"}]
        )
    assert caught.value.status_code == 502
    error = caught.value.body
    assert isinstance(error, dict) and error["message"] == (
        "upstream 'corp' could not be reached: the proxy setting cannot be used: "
        "HTTPS_PROXY: only http:// proxies are supported, not socks5h://"
    )
