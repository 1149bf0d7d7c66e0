"""A guard that raises or overruns its time budget is isolated: the exchange goes on under
[gate] guard_errors (block by default), and the failure is logged and recorded."""

from __future__ import annotations

from pathlib import Path

import httpx2
import openai
import pytest
from structlog.testing import capture_logs

from guards.isolated import ScanPool
from proxy.provenance import read_records
from tests.conftest import Proxy, Upstream
from tests.guards.faulty import CRASH, HANG, RAISE
from tests.upstreams.openai_server import Reply

INSECURE = "```python\nimport subprocess\nsubprocess.run(cmd, shell=True)\n```\n"


def fenced(code: str) -> str:
    return f"```python\n{code}\n```\n"


# a user rule whose regex backtracks catastrophically on the line below (~0.5 s here)
SLOW_RULE = {
    "id": "USR001",
    "name": "slow-user-rule",
    "languages": ["python"],
    "severity": "low",
    "message": "m",
    "fix": "f",
    "regex": "(a+)+$",
    "docs": {"what": "w", "why": "y", "example": "e", "instead": "i"},
}
SLOW = "```python\n# " + "a" * 23 + "!\nx = 1\n```\n"


def records(proxy: Proxy) -> list[dict]:
    return [r.record for r in read_records(proxy.store)]


def ask(openai_client, proxy: Proxy):
    return openai_client(proxy).chat.completions.with_raw_response.create(
        model="gpt-test", messages=[{"role": "user", "content": "write it"}]
    )


def test_a_guard_that_raises_fails_closed_and_is_recorded(
    openai_client, make_proxy, upstream: Upstream, faulty_scanner: ScanPool
):
    proxy = make_proxy(gate={"max_rounds": 1, "on_fail": "block"}, scanner=faulty_scanner)
    upstream.script.queue(Reply(content=fenced(RAISE)))

    with pytest.raises(openai.UnprocessableEntityError):  # blocked: 422
        ask(openai_client, proxy)

    [record] = records(proxy)
    [finding] = record["rounds"][0]["artifacts"][0]["findings"]
    assert (finding["rule_id"], finding["treatment"]) == ("SCAN003", "block")
    assert "RuntimeError" in finding["message"]


def test_guard_errors_warn_lets_the_answer_through_with_the_failure_recorded(
    openai_client, make_proxy, upstream: Upstream, faulty_scanner: ScanPool
):
    proxy = make_proxy(gate={"guard_errors": "warn"}, scanner=faulty_scanner)
    upstream.script.queue(Reply(content=fenced(RAISE)))

    raw = ask(openai_client, proxy)

    assert raw.headers["x-codetamer-verdict"] == "warned"
    assert raw.parse().choices[0].message.content == fenced(RAISE)


def test_a_crash_in_the_scan_process_fails_closed_is_recorded_and_the_proxy_keeps_gating(
    openai_client, make_proxy, upstream: Upstream, faulty_scanner: ScanPool
):
    # a grammar's C code that crashes takes the scan process down, never the proxy
    proxy = make_proxy(gate={"max_rounds": 1, "on_fail": "block"}, scanner=faulty_scanner)
    upstream.script.queue(Reply(content=fenced(CRASH)), Reply(content=INSECURE))

    with capture_logs() as logs, pytest.raises(openai.UnprocessableEntityError):
        ask(openai_client, proxy)
    with pytest.raises(openai.UnprocessableEntityError) as caught:  # judged by a new process
        ask(openai_client, proxy)

    crashed, judged = records(proxy)
    [finding] = crashed["rounds"][0]["artifacts"][0]["findings"]
    assert (finding["rule_id"], finding["treatment"]) == ("SCAN003", "block")
    assert "signal SIGSEGV" in finding["message"]
    assert any(e["event"] == "guard_crashed" and "SIGSEGV" in e["error"] for e in logs)
    assert "subprocess-shell-true" in caught.value.message
    assert judged["verdict"] == "blocked" and faulty_scanner.starts == 2
    metrics = httpx2.get(f"{proxy.url}/metrics", timeout=10).text
    assert "codetamer_scan_process_starts_total 2.0" in metrics


def test_a_scan_that_never_ends_is_cut_at_its_budget_and_its_process_ended(
    openai_client, make_proxy, upstream: Upstream, faulty_scanner: ScanPool
):
    proxy = make_proxy(gate={"max_rounds": 1, "scan_timeout_seconds": 0.2}, scanner=faulty_scanner)
    upstream.script.queue(Reply(content=fenced("x = 1")), Reply(content=fenced(HANG)))
    ask(openai_client, proxy)  # the process is up and its rules compiled
    [hung] = faulty_scanner.pids

    with pytest.raises(openai.UnprocessableEntityError):
        ask(openai_client, proxy)

    [finding] = records(proxy)[1]["rounds"][0]["artifacts"][0]["findings"]
    assert finding["rule_id"] == "SCAN003" and "time budget of 0.2 s" in finding["message"]
    faulty_scanner.close()  # waits for the ended process to be reaped
    assert not Path(f"/proc/{hung}").exists()


def test_a_scan_past_its_time_budget_fails_closed_without_waiting_for_it(
    openai_client, make_proxy, upstream: Upstream
):
    proxy = make_proxy(
        gate={"max_rounds": 1, "scan_timeout_seconds": 0.05},
        policy={"user_rules": [SLOW_RULE]},
    )
    upstream.script.queue(Reply(content=SLOW))

    with pytest.raises(openai.UnprocessableEntityError):  # unjudged code is never handed out
        ask(openai_client, proxy)

    [record] = records(proxy)
    assert record["verdict"] == "blocked"
    [finding] = record["rounds"][0]["artifacts"][0]["findings"]
    assert finding["rule_id"] == "SCAN003" and "time budget" in finding["message"]


CPP = (
    "```cpp\n#include <cstring>\nvoid copy(const char *name) {\n    char buf[16];\n"
    "    strcpy(buf, name);\n}\n```\n"
)


def test_a_scan_compiles_the_rules_it_needs_outside_its_time_budget(
    openai_client, make_proxy, upstream: Upstream
):
    # a user rule gives the proxy a rule set of its own, nothing of it compiled yet (as in
    # serve's first seconds); C++'s rules take seconds to compile, far past this budget
    proxy = make_proxy(
        gate={"max_rounds": 1, "scan_timeout_seconds": 0.3},
        policy={"user_rules": [SLOW_RULE]},
    )
    upstream.script.queue(Reply(content=CPP))

    ask(openai_client, proxy)

    [record] = records(proxy)
    [artifact] = record["rounds"][0]["artifacts"]
    found = {f["rule_id"] for f in artifact["findings"]}
    assert "CC001" in found and "SCAN003" not in found  # judged, not out of time
