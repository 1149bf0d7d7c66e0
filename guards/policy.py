"""Policy: what is done about a finding (block, warn, ignore), separate from its severity.

A policy maps severities to treatments, overrides that per rule, and waives rules for
paths (glob patterns) with a stated reason, which the caller records.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from fnmatch import fnmatchcase
from pathlib import PurePosixPath

from guards.model import Finding, Severity

__all__ = ["DEFAULT_TREATMENT", "Policy", "Treatment", "Waiver"]


class Treatment(StrEnum):
    """What the gate does with a finding."""

    BLOCK = "block"
    WARN = "warn"
    IGNORE = "ignore"


DEFAULT_TREATMENT: Mapping[Severity, Treatment] = {
    Severity.CRITICAL: Treatment.BLOCK,
    Severity.HIGH: Treatment.BLOCK,
    Severity.MEDIUM: Treatment.WARN,
    Severity.LOW: Treatment.IGNORE,
    Severity.INFO: Treatment.IGNORE,
}


_STRENGTH = [Treatment.IGNORE, Treatment.WARN, Treatment.BLOCK]


@dataclass(frozen=True, slots=True)
class Waiver:
    """A rule (by id or name) that does not apply to some paths, and why."""

    rule: str
    paths: tuple[str, ...]
    reason: str

    def covers(self, finding: Finding) -> bool:
        """True when the finding is this waiver's rule at one of its paths."""
        if self.rule not in (finding.rule_id, finding.name) or not finding.path:
            return False
        path = PurePosixPath(finding.path.replace("\\", "/").removeprefix("./"))
        return any(fnmatchcase(str(path), pattern) or path.match(pattern) for pattern in self.paths)


@dataclass(frozen=True, slots=True)
class Policy:
    """Maps findings to treatments: waivers first, then per rule, then by severity."""

    by_severity: Mapping[Severity, Treatment] = field(
        default_factory=lambda: dict(DEFAULT_TREATMENT)
    )
    by_rule: Mapping[str, Treatment] = field(default_factory=dict)
    waivers: tuple[Waiver, ...] = ()
    # the most a finding in a shell command an agent runs can do, unless its rule is
    # set by name or id: such commands are the user's to approve, so warn by default
    commands: Treatment = Treatment.WARN

    def waiver_for(self, finding: Finding) -> Waiver | None:
        """The waiver that covers a finding, if any."""
        return next((w for w in self.waivers if w.covers(finding)), None)

    def treat(self, finding: Finding) -> Treatment:
        """Return the treatment of one finding."""
        if self.waivers and self.waiver_for(finding) is not None:
            return Treatment.IGNORE
        return (
            self.by_rule.get(finding.rule_id)
            or self.by_rule.get(finding.name)
            or self.by_severity.get(finding.severity, Treatment.WARN)
        )

    def treat_in(self, finding: Finding, kind: str) -> Treatment:
        """The treatment of a finding in an artifact of the given kind ("command"...)."""
        treatment = self.treat(finding)
        if kind != "command" or finding.rule_id in self.by_rule or finding.name in self.by_rule:
            return treatment
        return min(treatment, self.commands, key=_STRENGTH.index)

    def blocking(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings this policy blocks on."""
        return [f for f in findings if self.treat(f) is Treatment.BLOCK]

    def warnings(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings this policy warns about."""
        return [f for f in findings if self.treat(f) is Treatment.WARN]
