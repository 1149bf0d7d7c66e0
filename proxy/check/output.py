"""How `codetamer check` shows what it found: text for terminals, JSON, SARIF 2.1.0."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import guards
from proxy import __version__

__all__ = ["Checked", "render_json", "render_sarif", "render_text"]

_SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SECURITY_SEVERITY = {
    "critical": "9.5",
    "high": "8.0",
    "medium": "5.5",
    "low": "3.0",
    "info": "1.0",
}
_LEVEL = {guards.Treatment.BLOCK: "error", guards.Treatment.WARN: "warning"}


@dataclass(frozen=True, slots=True)
class Checked:
    """A finding with what the policy makes of it."""

    finding: guards.Finding
    treatment: guards.Treatment
    waiver: str | None


def render_text(checked: Sequence[Checked], files: int) -> str:
    """path:line:col, rule id and name, message, the line of code; then a summary."""
    out: list[str] = []
    shown = [c for c in checked if c.treatment is not guards.Treatment.IGNORE]
    for c in shown:
        f = c.finding
        cwe = f", CWE-{f.cwe}" if f.cwe else ""
        mark = "error" if c.treatment is guards.Treatment.BLOCK else "warning"
        out.append(
            f"{f.path}:{f.line}:{f.column}: {mark}: {f.rule_id} {f.name} [{f.severity.value}{cwe}]"
        )
        out.append(f"    {f.message}")
        if f.snippet:  # the line of code, with any secret on it masked
            out.append(f"    | {f.snippet}")
        out.append(f"    fix: {f.fix}")
    blocking = sum(c.treatment is guards.Treatment.BLOCK for c in checked)
    warnings = sum(c.treatment is guards.Treatment.WARN for c in checked)
    out.append(
        f"{len(shown)} finding{'s' if len(shown) != 1 else ''} "
        f"({blocking} blocking, {warnings} warning{'s' if warnings != 1 else ''}) "
        f"in {files} file{'s' if files != 1 else ''}"
    )
    return "\n".join(out) + "\n"


def render_json(checked: Sequence[Checked], files: int) -> dict[str, Any]:
    """Every finding (ignored ones too, marked) and a summary."""
    return {
        "version": __version__,
        "files": files,
        "findings": [
            {**c.finding.to_dict(), "treatment": c.treatment.value, "waived": c.waiver}
            for c in checked
        ],
        "summary": {t.value: sum(c.treatment is t for c in checked) for t in guards.Treatment},
    }


def render_sarif(checked: Sequence[Checked], ruleset: guards.RuleSet) -> dict[str, Any]:
    """A SARIF 2.1.0 log: one run, rule metadata with CWE tags and help from the rule docs."""
    shown = [c for c in checked if c.treatment is not guards.Treatment.IGNORE]
    rule_ids = sorted({c.finding.rule_id for c in shown})
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    rules = [_sarif_rule(guards.describe(rule_id, ruleset)) for rule_id in rule_ids]
    results = [_sarif_result(c, index[c.finding.rule_id]) for c in shown]
    return {
        "$schema": _SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "codetamer",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": "https://pypi.org/project/codetamer/",
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _sarif_rule(info: guards.RuleInfo) -> dict[str, Any]:
    tags = ["security"] + ([f"external/cwe/cwe-{info.cwe}"] if info.cwe else [])
    markdown = (
        f"**What it does.** {info.what}\n\n**Why it is bad.** {info.why}\n\n"
        f"**Example**\n\n```\n{info.example}\n```\n\n**Use instead**\n\n```\n{info.instead}\n```\n"
    )
    return {
        "id": info.id,
        "name": info.name,
        "shortDescription": {"text": info.message},
        "fullDescription": {"text": info.what},
        "help": {
            "text": f"{info.what}\n\nWhy: {info.why}\n\nUse instead:\n{info.instead}",
            "markdown": markdown,
        },
        "defaultConfiguration": {
            "level": "error" if info.severity.value in ("critical", "high") else "warning"
        },
        "properties": {
            "tags": tags,
            "security-severity": _SECURITY_SEVERITY[info.severity.value],
            "precision": "high" if info.kind != "pattern" else "medium",
        },
    }


def _sarif_result(c: Checked, rule_index: int) -> dict[str, Any]:
    f = c.finding
    region: dict[str, Any] = {"startLine": f.line, "startColumn": f.column}
    if f.snippet:
        region["snippet"] = {"text": f.snippet}
    return {
        "ruleId": f.rule_id,
        "ruleIndex": rule_index,
        "level": _LEVEL[c.treatment],
        "message": {"text": f"{f.message}. Fix: {f.fix}"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": (f.path or "stdin"), "uriBaseId": "%SRCROOT%"},
                    "region": region,
                }
            }
        ],
        "properties": {"severity": f.severity.value, "confidence": f.confidence.value},
    }
