"""The proxy's own metrics, served at GET /metrics in Prometheus' text format.

Every exchange is counted from its provenance record, so the metrics and the log agree:
requests by dialect, model, upstream, verdict and status; model calls per exchange;
findings by rule and treatment; upstream, gate and added latency as histograms; the
requests in flight; and the scan processes started (more than one: crashes or overruns).
Label values that come from clients (model names) are bounded: past a fixed number of
distinct values, new ones count as "other".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.core import CounterMetricFamily
from prometheus_client.registry import Collector

from guards.isolated import ScanPool

__all__ = ["CONTENT_TYPE", "Metrics"]

CONTENT_TYPE = CONTENT_TYPE_LATEST
_MAX_MODELS = 100  # distinct model label values kept; the rest are "other"
_SECONDS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)


class Metrics:
    """One registry per app, so several apps in a process (tests) stay apart."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "codetamer_requests",
            "Exchanges served, by API, model, upstream, verdict and HTTP status",
            ["dialect", "model", "upstream", "verdict", "status"],
            registry=self.registry,
        )
        self.rounds = Histogram(
            "codetamer_rounds",
            "Model calls made for one exchange",
            ["dialect"],
            buckets=(1, 2, 3, 4, 5, 10),
            registry=self.registry,
        )
        self.findings = Counter(
            "codetamer_findings",
            "Findings in answers, by rule and by what the policy did with them",
            ["rule", "name", "treatment"],
            registry=self.registry,
        )
        self.upstream_seconds = Histogram(
            "codetamer_upstream_seconds",
            "Time spent waiting for upstream answers, per exchange",
            ["dialect"],
            buckets=_SECONDS,
            registry=self.registry,
        )
        self.gate_seconds = Histogram(
            "codetamer_gate_seconds",
            "Time spent extracting and scanning code, per exchange",
            ["dialect"],
            buckets=_SECONDS,
            registry=self.registry,
        )
        self.added_seconds = Histogram(
            "codetamer_added_seconds",
            "Time the proxy added to an exchange: its latency less the upstream's",
            ["dialect"],
            buckets=_SECONDS,
            registry=self.registry,
        )
        self.in_flight = 0  # changed on the event loop only: read at each scrape
        Gauge(
            "codetamer_in_flight_requests",
            "Requests being served right now",
            registry=self.registry,
        ).set_function(lambda: self.in_flight)
        self._models: set[str] = set()
        self._by_dialect: dict[str, tuple[Any, Any, Any, Any]] = {}  # labelled children
        self._counted: dict[tuple[str, ...], Any] = {}  # requests' children, by labels

    def count_scan_processes(self, scanner: ScanPool) -> None:
        """Serve how many scan processes the gate's scanner has started (read at scrape)."""
        self.registry.register(_ScanPoolStarts(scanner))

    def observe(self, record: dict[str, Any]) -> None:
        """Count one exchange from its provenance record."""
        dialect = str(record.get("dialect") or "unknown")
        labels = (
            dialect,
            self._model(record.get("model")),
            str(record.get("upstream") or "none"),
            str(record.get("verdict") or "error"),
            str(record.get("status") or 0),
        )
        counter = self._counted.get(labels)
        if counter is None:  # as bounded as the labels are (models are capped)
            counter = self._counted[labels] = self.requests.labels(*labels)
        counter.inc()
        rounds_of, upstream_of, gate_of, added_of = self._children(dialect)
        rounds = record.get("rounds") or []
        if rounds:
            rounds_of.observe(len(rounds))
        for round_ in rounds:
            for artifact in round_.get("artifacts") or ():
                for finding in artifact.get("findings") or ():
                    self.findings.labels(
                        rule=str(finding.get("rule_id")),
                        name=str(finding.get("name")),
                        treatment=str(finding.get("treatment")),
                    ).inc()
        upstream_ms = record.get("upstream_ms")
        gate_ms = record.get("gate_ms")
        latency_ms = record.get("latency_ms")
        if isinstance(upstream_ms, (int, float)):
            upstream_of.observe(upstream_ms / 1000)
        if isinstance(gate_ms, (int, float)):
            gate_of.observe(gate_ms / 1000)
        if isinstance(latency_ms, (int, float)):
            added = max(0.0, latency_ms - (upstream_ms or 0.0))
            added_of.observe(added / 1000)

    def render(self) -> bytes:
        """The metrics in Prometheus' text format."""
        return generate_latest(self.registry)

    def _children(self, dialect: str) -> tuple[Any, Any, Any, Any]:
        """The per-dialect histograms' children, looked up once (dialects are few: ours)."""
        children = self._by_dialect.get(dialect)
        if children is None:
            histograms = (self.rounds, self.upstream_seconds, self.gate_seconds, self.added_seconds)
            rounds, upstream, gate, added = (h.labels(dialect=dialect) for h in histograms)
            children = self._by_dialect[dialect] = (rounds, upstream, gate, added)
        return children

    def _model(self, model: Any) -> str:
        name = str(model) if isinstance(model, str) and model else "none"
        if name in self._models:
            return name
        if len(self._models) < _MAX_MODELS and len(name) <= 128:
            self._models.add(name)
            return name
        return "other"


class _ScanPoolStarts(Collector):
    """The scan processes started: the first, then one after each crash or overrun."""

    def __init__(self, scanner: ScanPool) -> None:
        self.scanner = scanner

    def collect(self) -> Iterator[CounterMetricFamily]:
        yield CounterMetricFamily(
            "codetamer_scan_process_starts",
            "Scan processes started: the first, then one after each crash or overrun",
            value=self.scanner.starts,
        )
