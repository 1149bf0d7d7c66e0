"""GET /metrics: the proxy's own figures in Prometheus' text format, read by its parser."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx2 as httpx
from prometheus_client.parser import text_string_to_metric_families

from tests.conftest import Proxy, Upstream
from tests.upstreams.openai_server import Reply

INSECURE = "```python\nimport subprocess\nsubprocess.run(cmd, shell=True)\n```\n"
SECURE = "```python\nimport subprocess\nsubprocess.run(args, check=True)\n```\n"


def samples(proxy: Proxy) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    with httpx.Client() as http:
        response = http.get(f"{proxy.url}/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(response.text)
        for s in family.samples
    }


def test_metrics_count_exchanges_rounds_findings_and_latencies(
    openai_client, proxy: Proxy, upstream: Upstream
):
    upstream.script.queue(Reply(content=SECURE), Reply(content=INSECURE), Reply(content=SECURE))
    client = openai_client(proxy)
    for _ in range(2):
        client.chat.completions.create(
            model="gpt-test", messages=[{"role": "user", "content": "run a command"}]
        )

    got = samples(proxy)

    def requests(verdict: str) -> float:
        labels = {
            "dialect": "openai.chat",
            "model": "gpt-test",
            "upstream": "test",
            "verdict": verdict,
            "status": "200",
        }
        return got[("codetamer_requests_total", tuple(sorted(labels.items())))]

    assert (requests("pass"), requests("repaired")) == (1.0, 1.0)
    shell = (("name", "subprocess-shell-true"), ("rule", "PY001"), ("treatment", "block"))
    assert got[("codetamer_findings_total", shell)] == 1.0
    assert got[("codetamer_rounds_sum", (("dialect", "openai.chat"),))] == 3.0
    for histogram in ("upstream", "gate", "added"):
        assert got[(f"codetamer_{histogram}_seconds_count", (("dialect", "openai.chat"),))] == 2.0
    assert got[("codetamer_in_flight_requests", ())] == 0.0


def test_a_request_being_served_counts_in_flight_until_it_ends(proxy: Proxy, upstream: Upstream):
    held = threading.Event()
    upstream.script.queue(Reply(content="Still thinking.", hold=held))
    body = {"model": "gpt-test", "stream": True, "messages": [{"role": "user", "content": "x"}]}
    with ThreadPoolExecutor(1) as pool:
        pending = pool.submit(httpx.post, f"{proxy.url}/v1/chat/completions", json=body, timeout=30)
        deadline = time.monotonic() + 15
        while not upstream.script.sent and time.monotonic() < deadline:
            time.sleep(0.01)  # the upstream has begun its answer and waits on `held`
        assert upstream.script.sent, "the upstream never began its answer"
        during = samples(proxy)[("codetamer_in_flight_requests", ())]
        held.set()
        assert pending.result().status_code == 200
    assert during == 1.0
    assert samples(proxy)[("codetamer_in_flight_requests", ())] == 0.0


def test_model_names_from_clients_cannot_grow_the_metrics_without_bound(proxy: Proxy):
    with httpx.Client() as http:
        for n in range(120):
            http.post(
                f"{proxy.url}/v1/chat/completions",
                json={"model": f"gpt-made-up-{n}", "messages": [{"role": "user", "content": "x"}]},
            )

    models = {
        dict(labels)["model"]
        for name, labels in samples(proxy)
        if name == "codetamer_requests_total"
    }
    assert len(models) <= 101 and "other" in models
