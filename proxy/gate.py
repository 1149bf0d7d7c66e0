"""The gate loop, written once for every dialect.

A round calls the upstream, finds the code in the answer and scans it. When the policy
blocks on a finding, the next round asks the same upstream again with the conversation,
the model's answer and a repair message listing each finding; at most
`gate.max_rounds` model calls, stopping early when a round fixes nothing. The last
round's answer is the one returned; `on_fail` decides what happens to findings left.
"""

from __future__ import annotations

import hashlib
import itertools
import time
from collections.abc import Awaitable, Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

import orjson

import guards
from guards.catalog import GUARD_FAILED, PROMPT_SECRET
from guards.isolated import ScanPool, Unjudged, shared_pool
from proxy import jsonbody
from proxy.config import GateConfig
from proxy.dialects.base import Body, Dialect, Problem
from proxy.errors import (
    ProxyError,
    UpstreamIncomplete,
    UpstreamMalformed,
    UpstreamStreamError,
)
from proxy.logs import get_logger
from proxy.redaction import PLACEHOLDER
from proxy.sse import SSEFrame
from proxy.upstream import ClientCall, Upstream

__all__ = ["Gate", "Outcome", "Round", "Verdict", "repair_summary"]


class Verdict(StrEnum):
    """What the gate concluded, as sent in x-codetamer-verdict."""

    PASS = "pass"  # noqa: S105  # a verdict, not a password; round 1 had nothing to block or warn about
    REPAIRED = "repaired"  # a later round fixed what blocked
    WARNED = "warned"  # delivered with warnings, or with unresolved findings annotated
    BLOCKED = "blocked"  # unresolved findings and on_fail = "block"
    UNGATED = "ungated"  # the gate is switched off in the config


@dataclass(slots=True)
class Round:
    """One model call and what the guards made of its answer."""

    number: int
    response: Body
    raw: bytes | None
    frames: list[SSEFrame] | None
    headers: dict[str, str]
    artifacts: list[guards.Artifact]
    reports: list[guards.Report]
    upstream_ms: float
    gate_ms: float
    blocking: list[tuple[guards.Artifact, guards.Finding]] = field(default_factory=list)
    warnings: list[tuple[guards.Artifact, guards.Finding]] = field(default_factory=list)
    attempts: int = 1  # upstream calls the answer took (retries before its first byte)

    def judge(self, policy: guards.Policy) -> None:
        """Sort the round's findings into blocking ones and warnings, as the policy treats them."""
        for artifact, report in zip(self.artifacts, self.reports, strict=True):
            for finding in report.findings:
                treatment = policy.treat_in(finding, artifact.kind)
                if treatment is guards.Treatment.BLOCK:
                    self.blocking.append((artifact, finding))
                elif treatment is guards.Treatment.WARN:
                    self.warnings.append((artifact, finding))

    @property
    def digest(self) -> str:
        """sha256 of the answer as the upstream sent it."""
        payload = self.raw if self.raw is not None else b"".join(f.raw for f in self.frames or ())
        return hashlib.sha256(payload).hexdigest()


@dataclass(slots=True)
class Outcome:
    """The result of an exchange's gate loop."""

    rounds: list[Round]
    verdict: Verdict | None = None
    error: ProxyError | None = None
    repair_error: ProxyError | None = None  # a repair call that failed; the answer before it stands
    # the answer to deliver when it is not the final round's as sent: the first answer's
    # accepted tool calls with the rejected ones replaced by their repairs
    merged: Body | None = None

    @property
    def final(self) -> Round | None:
        """The round whose answer goes to the client."""
        return self.rounds[-1] if self.rounds else None

    @property
    def calls(self) -> int:
        """Model calls made, failed ones included (x-codetamer-rounds)."""
        return len(self.rounds) + (1 if self.error or self.repair_error else 0)


class Gate:
    """Runs the loop with one configuration, policy and rule set."""

    def __init__(
        self,
        config: GateConfig,
        policy: guards.Policy,
        rules: guards.RuleSet,
        scanner: ScanPool | None = None,
    ) -> None:
        """
        Args:
            scanner: the processes the scans run in; by default the pool this process
                shares for the rule set and `scan_processes`.
        """
        self.config = config
        # a failed guard is treated as [gate] guard_errors says, unless a rule setting names it
        failed = {key: guards.Treatment(config.guard_errors) for key in GUARD_FAILED}
        self.policy = replace(policy, by_rule={**failed, **policy.by_rule})
        self.rules = rules
        self.scanner = scanner or shared_pool(rules, config.scan_processes)

    async def run(
        self,
        dialect: Dialect,
        upstream: Upstream,
        body: Body,
        *,
        stream: bool,
        call: ClientCall | None = None,
        placeholders: Collection[str] = (),
    ) -> Outcome:
        """Run the loop for one request body (templates already injected).

        `placeholders` are the ones standing for secrets redacted from the request: code
        that holds one would hold the secret once restored, and is judged so.
        """
        outcome = Outcome(rounds=[])
        request = body
        for number in range(1, self.config.max_rounds + 1):
            try:
                current = await self._round(
                    dialect,
                    upstream,
                    request,
                    stream=stream,
                    number=number,
                    call=call,
                    placeholders=placeholders,
                )
            except ProxyError as exc:
                if not outcome.rounds:
                    outcome.error = exc
                    return outcome
                outcome.repair_error = exc  # the previous answer stands
                break
            previous = outcome.final
            outcome.rounds.append(current)
            if not current.blocking or number == self.config.max_rounds:
                break
            if previous is not None and not _fixed_any(previous, current):
                break
            request = dialect.repair_request(
                request,
                current.response,
                self.problems(current),
                repair_summary(current, self.rules),
            )
        outcome.verdict = self._verdict(outcome)
        outcome.merged = _merged(dialect, outcome.rounds)
        return outcome

    async def relay(
        self,
        dialect: Dialect,
        upstream: Upstream,
        body: Body,
        sink: Callable[[dict[str, str], SSEFrame], Awaitable[None]],
        *,
        call: ClientCall | None = None,
    ) -> Outcome:
        """An ungated stream: each frame goes to `sink` as it arrives, nothing is held back.

        Only for `[gate] enabled = false`. The outcome (one round, its code found but not
        judged) is built once the stream has ended, for provenance. An error before the
        first frame is the outcome's error, as in `run`; one after it too, with the frames
        already relayed.
        """
        outcome = Outcome(rounds=[])
        started = time.perf_counter()
        frames: list[SSEFrame] = []
        headers: dict[str, str] = {}
        attempts = 1
        content = jsonbody.dumps(body)
        try:
            async with upstream.stream(dialect.upstream_path, content, call) as streamed:
                headers, attempts = streamed.headers, streamed.attempts
                async for frame in streamed.frames:
                    frames.append(frame)
                    await sink(headers, frame)
            response = _streamed_response(dialect, upstream, frames, call)
            artifacts = dialect.artifacts(response)
        except ProxyError as exc:
            outcome.error = exc
            return outcome
        except (ValueError, TypeError, AttributeError, KeyError) as exc:
            outcome.error = UpstreamMalformed(
                f"upstream '{upstream.name}' streamed malformed events ({type(exc).__name__})"
            )
            return outcome
        upstream_ms = (time.perf_counter() - started) * 1000
        reports = [guards.Report(language=a.language) for a in artifacts]
        outcome.rounds.append(
            Round(
                1,
                response,
                None,
                frames,
                headers,
                artifacts,
                reports,
                upstream_ms,
                0.0,
                attempts=attempts,
            )
        )
        outcome.verdict = Verdict.UNGATED
        return outcome

    def _verdict(self, outcome: Outcome) -> Verdict:
        final = outcome.final
        assert final is not None  # there is at least one round when no error
        if not self.config.enabled:
            return Verdict.UNGATED
        if any(f.rule_id == GUARD_FAILED[0] for _, f in final.blocking):
            return Verdict.BLOCKED  # unjudged code is never handed out, annotated or not
        if final.blocking:
            return Verdict.BLOCKED if self.config.on_fail == "block" else Verdict.WARNED
        if len(outcome.rounds) > 1:
            return Verdict.REPAIRED
        return Verdict.WARNED if final.warnings else Verdict.PASS

    def problems(self, current: Round) -> list[Problem]:
        """The round's blocking findings grouped by artifact, with the text to send back."""
        grouped: dict[int, list[guards.Finding]] = {}
        artifacts: dict[int, guards.Artifact] = {}
        for artifact, finding in current.blocking:
            grouped.setdefault(id(artifact), []).append(finding)
            artifacts[id(artifact)] = artifact
        return [
            Problem(
                artifacts[key], tuple(found), describe_findings(found, self.rules, artifacts[key])
            )
            for key, found in grouped.items()
        ]

    async def _round(
        self,
        dialect: Dialect,
        upstream: Upstream,
        body: Body,
        *,
        stream: bool,
        number: int,
        call: ClientCall | None,
        placeholders: Collection[str] = (),
    ) -> Round:
        content = jsonbody.dumps(body)
        started = time.perf_counter()
        raw: bytes | None = None
        frames: list[SSEFrame] | None = None
        if stream:
            async with upstream.stream(dialect.upstream_path, content, call) as streamed:
                frames = [frame async for frame in streamed.frames]
            headers, attempts = streamed.headers, streamed.attempts
            response = _streamed_response(dialect, upstream, frames, call)
        else:
            reply = await upstream.post(dialect.upstream_path, content, call)
            raw, headers, attempts = reply.content, reply.headers, reply.attempts
            try:
                response = jsonbody.loads(raw)
            except ValueError as exc:  # not JSON, or nested past jsonbody.MAX_DEPTH
                raise UpstreamMalformed(
                    f"upstream '{upstream.name}' answered with malformed JSON ({exc})"
                ) from None
            if not isinstance(response, dict):
                raise UpstreamMalformed(
                    f"upstream '{upstream.name}' answered with a JSON value that is not an object"
                )
        upstream_ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        try:
            artifacts = dialect.artifacts(response)
        except (AttributeError, TypeError, KeyError, ValueError) as exc:
            raise UpstreamMalformed(
                f"upstream '{upstream.name}' answered with an unexpected shape "
                f"({type(exc).__name__})"
            ) from None
        if not self.config.enabled:
            reports = [guards.Report(language=a.language) for a in artifacts]
        elif artifacts:
            reports = await self.scan(artifacts)
            if placeholders:
                for artifact, report in zip(artifacts, reports, strict=True):
                    report.findings.extend(prompt_secret_findings(artifact, placeholders))
        else:
            reports = []
        current = Round(
            number,
            response,
            raw,
            frames,
            headers,
            artifacts,
            reports,
            upstream_ms,
            0.0,
            attempts=attempts,
        )
        current.judge(self.policy)
        current.gate_ms = (time.perf_counter() - started) * 1000
        return current

    async def scan(self, artifacts: Sequence[guards.Artifact]) -> list[guards.Report]:
        """Scan in the scan process, within `scan_timeout_seconds`; an artifact no guard
        finished judging gets a guard-failed finding, which `guard_errors` treats.

        Past the time budget, or when the process crashes, every artifact of the scan
        gets one; when a guard raised, that artifact alone. The failure is logged.
        """
        budget = self.config.scan_timeout_seconds
        try:
            results = await self.scanner.scan(artifacts, budget)
        except guards.ScanOverran as exc:
            get_logger().error("guard_timeout", seconds=budget, artifacts=len(artifacts))
            return [_failed(a, str(exc)) for a in artifacts]
        except guards.ScanFailed as exc:
            get_logger().error("guard_crashed", error=str(exc), artifacts=len(artifacts))
            return [_failed(a, str(exc)) for a in artifacts]
        reports = []
        for artifact, result in zip(artifacts, results, strict=True):
            if isinstance(result, Unjudged):
                get_logger().error("guard_failed", error=result.error, language=artifact.language)
                reports.append(_failed(artifact, f"a guard raised {result.error}"))
            else:
                reports.append(result)
        return reports


def prompt_secret_findings(
    artifact: guards.Artifact, placeholders: Collection[str]
) -> list[guards.Finding]:
    """A finding for each placeholder of a redacted prompt secret written into the code."""
    found = []
    for match in PLACEHOLDER.finditer(artifact.content):
        if match.group(0) not in placeholders:
            continue
        line = artifact.content.count("\n", 0, match.start()) + 1
        column = match.start() - artifact.content.rfind("\n", 0, match.start())
        found.append(
            guards.Finding(
                rule_id=PROMPT_SECRET[0],
                name=PROMPT_SECRET[1],
                cwe=798,
                severity=guards.Severity.CRITICAL,
                confidence=guards.Confidence.HIGH,
                message=f"the code writes in {match.group(0)}, a secret from the prompt: "
                "the client would receive it hardcoded",
                fix="Read the value from an environment variable or a secrets manager; "
                "never write it into the code.",
                line=line,
                column=column,
                snippet=match.group(0),
                path=artifact.path,
            )
        )
    return found


def _streamed_response(
    dialect: Dialect, upstream: Upstream, frames: Sequence[SSEFrame], call: ClientCall | None
) -> Body:
    """A whole stream folded into the API's response body, or the error it amounts to
    (an error event's text scrubbed of keys, as error bodies are).

    Raises:
        UpstreamStreamError: the stream holds the API's own error event.
        UpstreamIncomplete: it ended without the API's closing event.
        UpstreamMalformed: its events do not fold into a response (bad JSON, bad shape).
    """
    name = upstream.name
    failure = dialect.stream_failure(frames)
    if failure is not None:
        status, body = failure
        raise UpstreamStreamError(name, status, upstream.scrub(orjson.dumps(body), call))
    if not dialect.stream_done(frames):
        raise UpstreamIncomplete(f"upstream '{name}' ended its stream before it was complete")
    try:
        return dialect.aggregate(frames)
    except (ValueError, TypeError, AttributeError, KeyError) as exc:
        raise UpstreamMalformed(f"upstream '{name}' streamed malformed events ({exc})") from None


def _failed(artifact: guards.Artifact, why: str) -> guards.Report:
    """The report of an artifact no guard could finish judging: one guard-failed finding."""
    finding = guards.Finding(
        rule_id=GUARD_FAILED[0],
        name=GUARD_FAILED[1],
        cwe=None,
        severity=guards.Severity.CRITICAL,
        confidence=guards.Confidence.HIGH,
        message=f"{why}; this code was not judged",
        fix="The gate's treatment of unjudged code applies ([gate] guard_errors).",
        line=1,
        column=1,
        path=artifact.path,
    )
    return guards.Report(language=artifact.language, findings=[finding])


def _merged(dialect: Dialect, rounds: Sequence[Round]) -> Body | None:
    """The answer built from the rounds when the repairs were of tool calls alone.

    When every blocking finding of a round was in tool calls, the model was told its
    other calls stand and asked only for the rejected ones: the delivered answer is the
    earlier one with those calls swapped for the repairs. A round that had to be
    answered again in full starts the answer afresh.
    """
    delivered: Body | None = None
    for previous, current in itertools.pairwise(rounds):
        calls_only = all(a.origin.startswith("tool_call") for a, _ in previous.blocking)
        if not calls_only:
            delivered = None
            continue
        rejected = {a.ref for a, _ in previous.blocking}
        base = delivered if delivered is not None else previous.response
        delivered = dialect.merge(base, current.response, rejected)
    return delivered


def _fixed_any(previous: Round, current: Round) -> bool:
    def keys(r: Round) -> set[tuple[str, str]]:
        return {(f.rule_id, f.snippet) for _, f in r.blocking}

    return bool(keys(previous) - keys(current))


def _why(finding: guards.Finding, rules: guards.RuleSet) -> str | None:
    try:
        return guards.describe(finding.rule_id, rules).why
    except guards.RuleError:
        return None


def describe_findings(
    findings: Sequence[guards.Finding], rules: guards.RuleSet, artifact: guards.Artifact
) -> str:
    """The findings of one artifact as numbered text the model can act on."""
    where = artifact.path or f"the {artifact.language or 'code'} block"
    lines = []
    for number, f in enumerate(findings, start=1):
        cwe = f", CWE-{f.cwe}" if f.cwe else ""
        lines.append(
            f"{number}. {where}, line {f.line}: {f.name} ({f.rule_id}{cwe}, {f.severity.value})"
        )
        if f.snippet:
            lines.append(f"   Code: {f.snippet}")
        lines.append(f"   Problem: {f.message}")
        if why := _why(f, rules):
            lines.append(f"   Why it is bad: {why}")
        lines.append(f"   Use instead: {f.fix}")
    return "codetamer rejected this code; fix these findings and send it again:\n" + "\n".join(
        lines
    )


def repair_summary(current: Round, rules: guards.RuleSet) -> str:
    """The user turn that asks for a fixed answer, listing every blocking finding."""
    parts: dict[int, tuple[guards.Artifact, list[guards.Finding]]] = {}
    for artifact, finding in current.blocking:
        parts.setdefault(id(artifact), (artifact, []))[1].append(finding)
    listed = "\n\n".join(
        describe_findings(found, rules, artifact) for artifact, found in parts.values()
    )
    return (
        "codetamer checked the code in your last answer and found security problems that must be "
        f"fixed before it can be used.\n\n{listed}\n\n"
        "Answer again in full with the corrected code. Keep everything that was fine as it was, "
        "and do not mention codetamer."
    )


def unresolved_note(outcome: Outcome) -> str:
    """The note shown to the user when findings remain and on_fail is annotate."""
    final = outcome.final
    assert final is not None
    count = len(final.blocking)
    rounds = len(outcome.rounds)
    findings = f"{count} security finding{'s were' if count != 1 else ' was'}"
    lines = [
        "---",
        f"**codetamer:** {findings} not fixed in the code above after "
        f"{rounds} round{'s' if rounds != 1 else ''}:",
    ]
    for artifact, f in final.blocking:
        where = f"`{artifact.path}` " if artifact.path else ""
        cwe = f" (CWE-{f.cwe})" if f.cwe else ""
        lines.append(f"- {where}line {f.line}: `{f.name}`{cwe}: {f.message}. Use instead: {f.fix}")
    return "\n".join(lines)


def _finding_record(finding: guards.Finding, policy: guards.Policy, kind: str) -> dict[str, Any]:
    waiver = policy.waiver_for(finding)
    return {
        **finding.to_dict(),
        "treatment": policy.treat_in(finding, kind).value,
        "waived": waiver.reason if waiver else None,
    }


def round_record(current: Round, policy: guards.Policy) -> dict[str, Any]:
    """What provenance keeps of one round."""
    return {
        "number": current.number,
        "response_sha256": current.digest,
        "upstream_ms": round(current.upstream_ms, 3),
        "gate_ms": round(current.gate_ms, 3),
        "attempts": current.attempts,
        "artifacts": [
            {
                "sha256": hashlib.sha256(a.content.encode("utf-8", "surrogatepass")).hexdigest(),
                "language": a.language,
                "path": a.path,
                "kind": a.kind,
                "origin": a.origin,
                "ref": a.ref,
                "lines": a.content.count("\n") + (0 if a.content.endswith("\n") else 1),
                "findings": [_finding_record(f, policy, a.kind) for f in report.findings],
            }
            for a, report in zip(current.artifacts, current.reports, strict=True)
        ],
        "blocking": len(current.blocking),
        "warnings": len(current.warnings),
    }
