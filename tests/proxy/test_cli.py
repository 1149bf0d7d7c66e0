"""The `codetamer` command as a user runs it: a subprocess, its output, its exit codes."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx2
import pytest

from guards import LANGUAGES
from proxy.cli import main
from proxy.provenance import read_records
from tests.servers import CODETAMER, ROOT, free_port, running, serve_process


@contextmanager
def serving(args: list[str], env: dict[str, str]) -> Iterator[tuple[int, list[str]]]:
    """Run `codetamer serve` until it says it is listening; yield its port and stderr lines."""
    with serve_process(args, env) as served:
        yield served.port, served.lines


def serve_until_it_exits(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run `codetamer serve ARGS` where it is expected to stop on its own (a refusal)."""
    return subprocess.run(
        [CODETAMER, "serve", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def clean_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI", "ANTHROPIC"))}
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    return env


def test_serve_with_nothing_configured_starts_says_what_to_set_and_answers_503(tmp_path: Path):
    with serving([], clean_env(tmp_path)) as (port, lines):
        # (generous: while the rules compile in the background, just after the start, a
        # tree-sitter query compile holds the GIL for up to seconds)
        response = httpx2.post(
            f"http://127.0.0.1:{port}/v1/chat/completions",
            json={"model": "gpt-4.1", "messages": [{"role": "user", "content": "hi"}]},
            timeout=30,
        )
        assert response.status_code == 503
        assert response.json()["error"]["code"] == "no_upstream"
        health = httpx2.get(f"http://127.0.0.1:{port}/healthz", timeout=30)
        assert health.json()["status"] == "ok"
    hints = [line for line in lines if "no upstream configured" in line]
    assert len(hints) == 1 and "OPENAI_API_KEY" in hints[0]
    assert (tmp_path / "data" / "codetamer" / "provenance.sqlite3").exists()


def test_serve_records_the_peer_address_not_one_a_client_claims(tmp_path: Path):
    store = tmp_path / "p.sqlite3"
    config = tmp_path / "c.toml"
    config.write_text(f'[provenance]\npath = "{store}"\n')
    with serving(["--config", str(config)], clean_env(tmp_path)) as (port, _):
        response = httpx2.post(
            f"http://127.0.0.1:{port}/v1/chat/completions",
            headers={"x-forwarded-for": "203.0.113.7", "forwarded": "for=203.0.113.7"},
            json={"model": "gpt-4.1", "messages": [{"role": "user", "content": "hi"}]},
            timeout=30,
        )
        assert response.status_code == 503  # no upstream: recorded all the same
    (stored,) = read_records(store)
    assert stored.record["client"] == "127.0.0.1"


def test_serve_starts_with_the_example_config_as_it_is(tmp_path: Path):
    env = clean_env(tmp_path)
    with serving(["--config", "config.example.toml"], env) as (port, lines):
        assert httpx2.get(f"http://127.0.0.1:{port}/healthz", timeout=30).json()["upstreams"] == [
            "anthropic",
            "ollama",
            "openai",
        ]
    events = [json.loads(line) for line in lines if line.startswith("{")]
    assert any(e.get("event") == "starting" for e in events)


def test_serve_listens_first_its_scan_process_compiles_the_rules_and_dies_with_it(
    tmp_path: Path,
):
    # compiling every language's rules holds a GIL for seconds: done before, it kept the
    # port closed until most of it was done; done in the proxy after, it stalled requests
    with serve_process([], clean_env(tmp_path)) as served:
        assert httpx2.get(f"{served.url}/healthz", timeout=30).status_code == 200
        deadline = time.monotonic() + 120
        while not any('"rules_ready"' in line for line in served.lines):
            assert time.monotonic() < deadline, "the rules were never reported compiled"
            time.sleep(0.05)
        lines = list(served.lines)
        event = json.loads(next(line for line in lines if '"rules_ready"' in line))
        [pid] = event["scan_processes"]
        assert pid != served.proc.pid and running(pid)
        served.proc.kill()  # kill -9: the scan process's input ends, and so does it
        served.proc.wait(timeout=15)
        deadline = time.monotonic() + 10
        while running(pid):  # not our child (adopted by init once the proxy is gone)
            assert time.monotonic() < deadline, "the scan process outlived the proxy"
            time.sleep(0.01)
    listening = next(i for i, line in enumerate(lines) if "Uvicorn running on" in line)
    warming = next(i for i, line in enumerate(lines) if '"rules_warming"' in line)
    ready = next(i for i, line in enumerate(lines) if '"rules_ready"' in line)
    assert listening < warming < ready
    assert event["languages"] == len(LANGUAGES)


def test_serve_on_a_port_in_use_exits_3_saying_so(tmp_path: Path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = serve_until_it_exits(["--port", str(port)], clean_env(tmp_path))
    assert result.returncode == 3
    assert "address already in use" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_with_a_bad_config_exits_2_naming_the_file_and_key(tmp_path: Path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[gate]\nmax_rounds = 99\n")
    result = serve_until_it_exits(["--config", str(bad)], clean_env(tmp_path))
    assert result.returncode == 2
    assert (
        str(bad) in result.stderr and "gate.max_rounds" in result.stderr and "99" in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_log_commands_without_a_store_say_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    config = tmp_path / "c.toml"
    config.write_text(f'[provenance]\npath = "{tmp_path / "none.sqlite3"}"\n')
    assert main(["log", "list", "--config", str(config)]) == 2
    assert "no provenance store" in capsys.readouterr().err


def test_log_list_and_show_read_what_the_proxy_recorded(
    proxy, upstream, capsys: pytest.CaptureFixture[str]
):
    httpx2.post(
        f"{proxy.url}/v1/chat/completions",
        json={"model": "gpt-test", "messages": [{"role": "user", "content": "hi"}]},
    )
    config = proxy.store.with_suffix(".toml")
    config.write_text(f'[provenance]\npath = "{proxy.store}"\n')
    assert main(["log", "list", "--config", str(config)]) == 0
    out = capsys.readouterr().out.splitlines()
    [listed] = [line for line in out if re.match(r"[0-9a-f]{32}  ", line)]
    exchange_id = listed.split()[0]
    assert "openai.chat" in listed and "pass" in listed and "gpt-test" in listed
    assert main(["log", "show", exchange_id[:8], "--config", str(config)]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["id"] == exchange_id and shown["_chain"]["seq"] == 1
    assert main(["log", "show", "feedface", "--config", str(config)]) == 1


def test_serve_refuses_an_upstream_that_is_its_own_address(tmp_path: Path):
    port = free_port()
    env = {
        **clean_env(tmp_path),
        "OPENAI_API_KEY": "sk-test-" + "k" * 20,
        # set for the clients, inherited here; credentials in it are not printed
        "OPENAI_BASE_URL": f"http://gate:url-secret-pw@localhost:{port}/v1",
    }
    result = serve_until_it_exits(["--port", str(port)], env)
    assert result.returncode == 2
    assert "upstream 'openai'" in result.stderr and "loop" in result.stderr
    assert f"(http://localhost:{port}/v1)" in result.stderr
    assert "sk-test-" not in result.stderr and "url-secret-pw" not in result.stderr


def test_serve_starts_with_an_upstream_url_it_cannot_parse_a_port_from(tmp_path: Path):
    env = {
        **clean_env(tmp_path),
        "OPENAI_API_KEY": "sk-test-" + "k" * 20,
        "OPENAI_BASE_URL": "http://127.0.0.1:99999/v1",
    }
    with serving([], env) as (_port, lines):
        pass
    assert not any("Traceback" in line for line in lines)
