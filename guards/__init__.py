"""codetamer's guards: everything that judges code, usable as a library on its own.

    >>> import guards
    >>> report = guards.scan("subprocess.run(cmd, shell=True)", language="python")
    >>> [f.name for f in report.findings]
    ['subprocess-shell-true']

No HTTP and no model calls here; the proxy, the MCP server and `codetamer check` all
call into this package.
"""

from __future__ import annotations

from guards.catalog import RuleInfo, all_rules, describe, known_rule_keys
from guards.errors import (
    GuardError,
    LanguageError,
    RuleError,
    ScanCrashed,
    ScanFailed,
    ScanOverran,
)
from guards.extract import (
    artifacts_from_custom_tool_call,
    artifacts_from_tool_call,
    fenced_artifacts,
    text_artifacts,
)
from guards.languages import LANGUAGES, canonical_language, detect_language
from guards.model import Artifact, ArtifactKind, Confidence, Finding, Report, Severity
from guards.policy import Policy, Treatment, Waiver
from guards.rules import Rule, RuleSet, compile_rules, default_ruleset, rule_from_mapping
from guards.scan import grammar_of, scan, scan_artifact

__all__ = [
    "LANGUAGES",
    "Artifact",
    "ArtifactKind",
    "Confidence",
    "Finding",
    "GuardError",
    "LanguageError",
    "Policy",
    "Report",
    "Rule",
    "RuleError",
    "RuleInfo",
    "RuleSet",
    "ScanCrashed",
    "ScanFailed",
    "ScanOverran",
    "Severity",
    "Treatment",
    "Waiver",
    "all_rules",
    "artifacts_from_custom_tool_call",
    "artifacts_from_tool_call",
    "canonical_language",
    "compile_rules",
    "default_ruleset",
    "describe",
    "detect_language",
    "fenced_artifacts",
    "grammar_of",
    "known_rule_keys",
    "rule_from_mapping",
    "scan",
    "scan_artifact",
    "text_artifacts",
]
