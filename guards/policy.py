"""Policy: what is done about a finding (block, warn, ignore), separate from its severity."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from guards.model import Finding, Severity

__all__ = ["DEFAULT_TREATMENT", "Policy", "Treatment"]


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


@dataclass(frozen=True, slots=True)
class Policy:
    """Maps findings to treatments: per rule (by id or name) first, then by severity."""

    by_severity: Mapping[Severity, Treatment] = field(
        default_factory=lambda: dict(DEFAULT_TREATMENT)
    )
    by_rule: Mapping[str, Treatment] = field(default_factory=dict)

    def treat(self, finding: Finding) -> Treatment:
        """Return the treatment of one finding."""
        return (
            self.by_rule.get(finding.rule_id)
            or self.by_rule.get(finding.name)
            or self.by_severity.get(finding.severity, Treatment.WARN)
        )

    def blocking(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings this policy blocks on."""
        return [f for f in findings if self.treat(f) is Treatment.BLOCK]

    def warnings(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings this policy warns about."""
        return [f for f in findings if self.treat(f) is Treatment.WARN]
