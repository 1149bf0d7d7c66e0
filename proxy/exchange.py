"""One exchange: what the proxy learns while serving a request, and its provenance record."""

from __future__ import annotations

import asyncio
import hashlib
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import guards
import templates
from guards.secrets import redact
from proxy.auth import CLIENT_NAME
from proxy.errors import ProxyError
from proxy.gate import Outcome, round_record
from proxy.logs import get_logger
from proxy.provenance import ProvenanceStore

__all__ = ["MAX_STORED_PROMPT", "Exchange", "store_record"]

MAX_STORED_PROMPT = 256 * 1024
"""Characters of prompt text kept in a record (its hash covers all of it)."""


@dataclass(slots=True)
class Exchange:
    """The facts of one exchange, filled in as the request is served."""

    dialect: str
    client: str | None = None  # the client's address
    client_name: str | None = field(default_factory=CLIENT_NAME.get)  # its key's name
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    started: float = field(default_factory=time.perf_counter)
    request_sha256: str | None = None
    model: str | None = None
    stream: bool = False
    upstream: str | None = None
    prompt: str | None = None
    prompt_searched: bool = False  # the request's redaction searched its text for secrets
    templates: list[templates.Template] = field(default_factory=list)
    outcome: Outcome | None = None
    model_served: str | None = None  # as the dialect reads it from the final answer
    usage: dict[str, Any] | None = None
    error: ProxyError | None = None
    status: int = 200
    verdict: str = "error"
    prompt_secrets: list[str] = field(default_factory=list)  # kinds of secrets redacted
    restore: dict[str, str] = field(default_factory=dict)  # placeholder -> secret: never recorded

    def record(self, *, prompts: str, policy: guards.Policy) -> dict[str, Any]:
        """The provenance record: no keys, the prompt redacted or only hashed."""
        outcome = self.outcome
        rounds = [round_record(r, policy) for r in outcome.rounds] if outcome else []
        prompt_hash = (
            hashlib.sha256(self.prompt.encode("utf-8", "surrogatepass")).hexdigest()
            if self.prompt
            else None
        )
        return {
            "id": self.id,
            "started_at": self.started_at.isoformat(),
            "ended_at": datetime.now(UTC).isoformat(),
            "latency_ms": round(self.elapsed_ms(), 3),
            "client": self.client,
            "client_name": self.client_name,
            "dialect": self.dialect,
            "stream": self.stream,
            "model": self.model,
            "model_served": self.model_served,
            "upstream": self.upstream,
            "templates": [
                {"id": t.id, "version": t.version, "sha256": t.sha256} for t in self.templates
            ],
            "request_sha256": self.request_sha256,
            "prompt_sha256": prompt_hash,
            "prompt": self._stored_prompt() if prompts == "redacted" else None,
            "prompt_secrets": self.prompt_secrets,
            "rounds": rounds,
            # "merged": the first answer's accepted tool calls plus the repaired ones
            "delivered": "merged" if outcome and outcome.merged is not None else "final_round",
            "verdict": self.verdict,
            "status": self.status,
            "usage": self.usage,
            "upstream_ms": round(sum(r.upstream_ms for r in outcome.rounds), 3)
            if outcome
            else None,
            "gate_ms": round(sum(r.gate_ms for r in outcome.rounds), 3) if outcome else None,
            "error": _error(self.error),
            "repair_error": _error(outcome.repair_error) if outcome else None,
        }

    def _stored_prompt(self) -> str | None:
        """The prompt as a record keeps it: with no secret in it.

        Once the request's redaction searched its texts (with the same detector) and put
        placeholders where it found secrets, the prompt made of them is kept as it went
        upstream: searching it again cost about 55 us per kB on the event loop and found
        nothing more (but for a secret that only the joining of two messages makes,
        which went upstream too).
        """
        if not self.prompt:
            return None
        text = self.prompt[:MAX_STORED_PROMPT]
        return text if self.prompt_searched else redact(text)

    def elapsed_ms(self) -> float:
        """Milliseconds since the request arrived."""
        return (time.perf_counter() - self.started) * 1000


def _error(error: ProxyError | None) -> dict[str, Any] | None:
    if error is None:
        return None
    return {"type": error.error_type, "code": error.code, "message": error.message[:1000]}


async def store_record(
    store: ProvenanceStore | None,
    exchange: Exchange,
    record: dict[str, Any],
    *,
    then: Callable[[], object] | None = None,
    **log: Any,
) -> None:
    """Queue an exchange's record and return once it is committed; a failed write is
    logged only.

    The exchange's log line (and `then`) run once the task next yields to the event
    loop: for an answer whose body goes out once its record is in, that is just after
    its last bytes were handed to the server, so the client does not wait on them. They
    still run before the loop hands the app anything that arrived after those bytes (a
    scrape of /metrics sent once the answer came counts it).

    Args:
        store: the provenance store (None only when it was never opened: logged as failed).
        exchange: the exchange the record is of.
        record: the record (Exchange.record, perhaps with fields added).
        then: work to run with the log line (the metrics).
        log: further fields for the log line.
    """
    logger = get_logger()

    def report() -> None:
        logger.info(
            "exchange",
            exchange_id=exchange.id,
            client_name=exchange.client_name,
            dialect=exchange.dialect,
            model=exchange.model,
            upstream=exchange.upstream,
            stream=exchange.stream,
            verdict=exchange.verdict,
            rounds=len(record["rounds"]),
            status=exchange.status,
            latency_ms=record["latency_ms"],
            error=record["error"]["type"] if record["error"] else None,
            **log,
        )
        if then is not None:
            then()

    try:
        assert store is not None
        await store.append(record)
    except Exception as exc:  # a failed write is logged; the client still gets its answer
        logger.error("provenance_write_failed", exchange_id=exchange.id, error=type(exc).__name__)
    finally:
        asyncio.get_running_loop().call_soon(report)
