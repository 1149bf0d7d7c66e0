"""The values the guards hand out: artifacts in, findings and reports out."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

__all__ = ["Artifact", "ArtifactKind", "Confidence", "Finding", "Report", "Severity"]

ArtifactKind = Literal["file", "fragment", "patch", "command"]


class Severity(StrEnum):
    """How bad a finding is; what is done about it is policy (see guards.policy)."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"


class Confidence(StrEnum):
    """How sure a rule is that its match is the bad pattern and not a look-alike."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@dataclass(frozen=True, slots=True)
class Artifact:
    """A piece of code found in a model's answer.

    `origin` says where it came from ("fence", "tool_call", ...) and `ref` points back
    into the answer (the fence's index, or the tool call's id) so a gate can say which
    part of the answer a finding belongs to.
    """

    content: str
    language: str | None
    path: str | None = None
    kind: ArtifactKind = "file"
    origin: str = "fence"
    ref: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    """One match of one rule, with what to say about it and where it is (1-based)."""

    rule_id: str
    name: str
    cwe: int | None
    severity: Severity
    confidence: Confidence
    message: str
    fix: str
    line: int
    column: int
    snippet: str = ""
    path: str | None = None

    def to_dict(self) -> dict[str, object]:
        """Return the finding as plain JSON-ready data."""
        return {
            "rule_id": self.rule_id,
            "name": self.name,
            "cwe": self.cwe,
            "severity": self.severity.value,
            "confidence": self.confidence.value,
            "message": self.message,
            "fix": self.fix,
            "line": self.line,
            "column": self.column,
            "snippet": self.snippet,
            "path": self.path,
        }


@dataclass(slots=True)
class Report:
    """What the guards found in one piece of code."""

    language: str | None
    findings: list[Finding] = field(default_factory=list)
    parsed: bool = False
    duration_ms: float = 0.0

    @property
    def ok(self) -> bool:
        """True when nothing at all was found (policy decides what blocks)."""
        return not self.findings
