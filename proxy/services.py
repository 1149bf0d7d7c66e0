"""What the proxy's faces share: configuration, upstream clients, templates, gate, store.

The HTTP proxy and the MCP server both serve from one Services; `open` starts the
provenance store and `aclose` ends everything, once, from whichever face owns the process.
"""

from __future__ import annotations

import asyncio
import functools
from dataclasses import dataclass, field

import templates
from guards.isolated import ScanPool
from proxy.config import Config
from proxy.errors import NoUpstream, UnknownModel
from proxy.exchange import Exchange, store_record
from proxy.gate import Gate
from proxy.metrics import Metrics
from proxy.provenance import ProvenanceStore
from proxy.redaction import Redactor
from proxy.telemetry import Telemetry
from proxy.upstream import Upstream
from templates import Template

__all__ = ["Services"]

_INLINE_RECORD_CHARS = 32_768
# model names come from clients: the routes remembered are capped in number and length
_ROUTES_KEPT, _ROUTE_NAME_CHARS = 1024, 256


@dataclass(slots=True)
class Services:
    """What the routes share: config, upstreams, templates, gate, store."""

    config: Config
    upstreams: dict[str, Upstream]
    templates: templates.TemplateSet
    gate: Gate
    store: ProvenanceStore | None = None
    metrics: Metrics = field(default_factory=Metrics)
    redactor: Redactor = field(default_factory=Redactor)
    telemetry: Telemetry | None = None  # spans per exchange, when [telemetry] enabled
    routes: dict[tuple[str, str], str | None] = field(default_factory=dict)  # upstream_for's
    injected: dict[str | None, tuple[tuple[Template, ...], str]] = field(
        default_factory=dict
    )  # injection's, by language

    @classmethod
    def build(cls, config: Config, scanner: ScanPool | None = None) -> Services:
        """Everything a configuration asks for, the store not yet opened.

        `scanner` is the pool of processes the gate scans in; by default the one this
        process shares for the config's rule set.

        Raises:
            templates.TemplateError, guards.RuleError: templates or rules that do not load.
            ConfigError: telemetry is enabled without the otel extra installed.
        """
        services = cls(
            config=config,
            upstreams={u.name: Upstream(u) for u in config.upstreams},
            templates=config.templates.load(),
            gate=Gate(config.gate, config.policy.to_policy(), config.ruleset(), scanner),
            telemetry=Telemetry.from_config(config),
        )
        services.metrics.count_scan_processes(services.gate.scanner)
        return services

    def open(self) -> None:
        """Open the provenance store (once)."""
        if self.store is None:
            self.store = ProvenanceStore(
                self.config.provenance.resolved_path(),
                synchronous=self.config.provenance.synchronous,
            )

    async def aclose(self) -> None:
        """Close the upstream clients and the store (the server has let requests finish)."""
        for upstream in self.upstreams.values():
            await upstream.aclose()
        if self.store is not None:
            self.store.close()
        if self.telemetry is not None:
            await asyncio.to_thread(self.telemetry.shutdown)

    async def record(self, exchange: Exchange) -> None:
        """Write an exchange's provenance record and log it; a failed write is logged only."""
        build = functools.partial(
            exchange.record, prompts=self.config.provenance.prompts, policy=self.gate.policy
        )
        # redacting a large prompt takes a while (unless the request's redaction did):
        # off the event loop then; inline is cheaper
        large = not exchange.prompt_searched and len(exchange.prompt or "") > _INLINE_RECORD_CHARS
        record = await asyncio.to_thread(build) if large else build()
        await store_record(
            self.store, exchange, record, then=functools.partial(self.metrics.observe, record)
        )
        if self.telemetry is not None:
            await self.telemetry.emit(exchange, record)

    def injection(self, language: str | None) -> tuple[list[Template], str]:
        """The templates for a language and the system text they make ("" for none)."""
        made = self.injected.get(language)
        if made is None:  # languages are few (templates.LANGUAGES and None): made once each
            chosen = self.templates.select(language)
            made = self.injected[language] = (tuple(chosen), templates.render_system_text(chosen))
        return list(made[0]), made[1]

    def upstream_for(self, model: str, kind: str) -> Upstream:
        """The upstream that serves a model over an API kind.

        Raises:
            NoUpstream: no upstream of that kind is configured.
            UnknownModel: none of them serves the model.
        """
        key = (model, kind)
        if key in self.routes:
            name = self.routes[key]
        else:  # the config's patterns, matched once per model and kind
            chosen = self.config.upstream_for(model, kind)
            name = chosen.name if chosen is not None else None
            if len(self.routes) < _ROUTES_KEPT and len(model) <= _ROUTE_NAME_CHARS:
                self.routes[key] = name
        if name is None:
            if not any(u.config.kind == kind for u in self.upstreams.values()):
                raise NoUpstream(
                    f"codetamer has no {kind} upstream: set OPENAI_API_KEY (or run Ollama on "
                    "127.0.0.1:11434), or start it with --config FILE naming one."
                )
            raise UnknownModel(
                f"The model '{model}' does not exist or no upstream serves it.", param="model"
            )
        return self.upstreams[name]
