"""Every rule any guard can report, described the same way: the insecure-pattern rules,
the secret formats, the syntax check and the scan limit.

Used to validate policy entries, to document rules (docs/rules.md, SARIF rule
metadata, the MCP server's explain_rule) and to give the fix loop its "why".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from guards.errors import RuleError
from guards.languages import LANGUAGES
from guards.model import Severity
from guards.rules import Rule, RuleSet, default_ruleset
from guards.secrets import provider_formats
from guards.syntax import SYNTAX_RULE_ID, SYNTAX_RULE_NAME

__all__ = [
    "GENERIC_SECRET",
    "GUARD_FAILED",
    "PROMPT_SECRET",
    "RuleInfo",
    "all_rules",
    "describe",
    "known_rule_keys",
]

GENERIC_SECRET = ("SEC900", "generic-secret-assignment")
_SCAN_LIMIT = ("SCAN001", "code-too-large-to-scan")
_SCAN_BUDGET = ("SCAN002", "code-too-complex-to-scan")
GUARD_FAILED = ("SCAN003", "guard-failed")
PROMPT_SECRET = ("SEC901", "prompt-secret-in-code")
_ALL_LANGUAGES = tuple(sorted(n for n in LANGUAGES if n not in ("tsx", "php_only")))


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """A rule's identity, judgement and four-part docs, whatever guard reports it."""

    id: str
    name: str
    kind: str  # "pattern", "secret", "syntax" or "limit"
    languages: tuple[str, ...]
    cwe: int | None
    severity: Severity
    message: str
    what: str
    why: str
    example: str
    instead: str


def _secret_info(rule_id: str, name: str, provider: str) -> RuleInfo:
    what = (
        f"Flags a credential for {provider} written into code or configuration."
        if provider != "generic"
        else "Flags a variable, key or field named like a secret (password, token, api_key...) "
        "assigned a literal value that looks real: long enough, random enough, not a placeholder."
    )
    return RuleInfo(
        id=rule_id,
        name=name,
        kind="secret",
        languages=_ALL_LANGUAGES,
        cwe=798,
        severity=Severity.CRITICAL if "private-key" in name else Severity.HIGH,
        message=f"hardcoded {provider} secret",
        what=what,
        why="A credential in source ends up in version control, builds, logs and every copy "
        "of the code; anyone who can read any of them can use it, and rotating it means a "
        "new release.",
        example='API_KEY = "<the real key, pasted>"',
        instead='API_KEY = os.environ["API_KEY"]  # or a secret manager; fail if it is missing',
    )


def _pattern_info(rule: Rule) -> RuleInfo:
    return RuleInfo(
        id=rule.id,
        name=rule.name,
        kind="pattern",
        languages=rule.languages,
        cwe=rule.cwe,
        severity=rule.severity,
        message=rule.message,
        what=rule.docs.what.strip(),
        why=rule.docs.why.strip(),
        example=rule.docs.example.strip("\n"),
        instead=rule.docs.instead.strip("\n"),
    )


def all_rules(ruleset: RuleSet | None = None) -> list[RuleInfo]:
    """Every reportable rule, pattern rules first (by id), then secrets, syntax, limits."""
    infos = [_pattern_info(r) for r in sorted(ruleset or default_ruleset(), key=lambda r: r.id)]
    infos += [_secret_info(f.id, f.name, f.provider) for f in provider_formats()]
    infos.append(_secret_info(*GENERIC_SECRET, "generic"))
    infos.append(
        RuleInfo(
            id=SYNTAX_RULE_ID,
            name=SYNTAX_RULE_NAME,
            kind="syntax",
            languages=_ALL_LANGUAGES,
            cwe=None,
            severity=Severity.HIGH,
            message="the code does not parse",
            what="Flags a whole file that does not parse in its language (tree-sitter grammar). "
            "High for a file with a known path, medium for a code block without one.",
            why="Code that does not parse cannot run; a model that returns it usually truncated "
            "its answer or mixed languages, and the user only finds out later.",
            example="def handler(event:\n    return event",
            instead="def handler(event):\n    return event",
        )
    )
    infos.append(
        RuleInfo(
            id=_SCAN_LIMIT[0],
            name=_SCAN_LIMIT[1],
            kind="limit",
            languages=_ALL_LANGUAGES,
            cwe=None,
            severity=Severity.MEDIUM,
            message="only part of the code was scanned",
            what="Flags code longer than the scan limit (2,000,000 characters), of which only "
            "the start was scanned, and answers holding more pieces than the extraction reads "
            "(200 code blocks, or 100 edits or files in one tool call).",
            why="Whatever lies past the limit was not checked at all.",
            example="(a single generated file of several megabytes)",
            instead="Split generated code into files of a reviewable size.",
        )
    )
    infos.append(
        RuleInfo(
            id=_SCAN_BUDGET[0],
            name=_SCAN_BUDGET[1],
            kind="limit",
            languages=_ALL_LANGUAGES,
            cwe=None,
            severity=Severity.HIGH,
            message="the code is nested too deeply for the rules to judge all of it",
            what="Flags code nested more than 200 levels deep (or with more than 1,024 matches "
            "in progress at once): the rules' query is bounded there, so part of it was never "
            "judged.",
            why="Code nobody could check is not known to be safe; passing it would let an "
            "answer slip past the gate by nesting alone.",
            example="f(f(f(f(... thousands deep ...))))",
            instead="Split deeply nested expressions into named intermediate steps.",
        )
    )
    infos.append(
        RuleInfo(
            id=GUARD_FAILED[0],
            name=GUARD_FAILED[1],
            kind="limit",
            languages=_ALL_LANGUAGES,
            cwe=None,
            severity=Severity.CRITICAL,
            message="a guard failed on this code (it raised an error, crashed, or overran its "
            "time budget)",
            what="Reported by the gate, not by a rule: a guard raised an error on this piece of "
            "code, the scan process crashed while scanning it (it is restarted for the next "
            "scan), or the scan overran `[gate] scan_timeout_seconds` (the scan process is "
            "ended, so the scan stops using a core). What the gate then does "
            "is `[gate] guard_errors`: block (the default: the answer is refused, whatever "
            "`on_fail` says), warn or ignore.",
            why="Code a guard could not finish judging is not known to be safe; passing it "
            "silently would let a crafted answer slip past the gate by breaking a guard.",
            example="(an answer that trips a bug in a guard, or takes minutes to scan)",
            instead="Report the failure (the provenance record keeps it); the gate's answer "
            "stands meanwhile.",
        )
    )
    infos.append(
        RuleInfo(
            id=PROMPT_SECRET[0],
            name=PROMPT_SECRET[1],
            kind="secret",
            languages=_ALL_LANGUAGES,
            cwe=798,
            severity=Severity.CRITICAL,
            message="the code writes in a secret that was redacted from the prompt",
            what="Reported by the gate, not by a rule: a secret the client sent (a pasted .env, "
            "a key in code context) was replaced with a placeholder such as "
            "`[secret:aws-access-key-id:3f9c1a7b20de]` before the request left, and the "
            "model wrote that placeholder into code. The client would receive the real "
            "secret there, hardcoded.",
            why="A secret in source code ends up in version control, logs and every copy of "
            "the code; it cannot be rotated without a code change.",
            example='api_key = "[secret:openai-api-key:5be0c2d1a9f3]"',
            instead='api_key = os.environ["OPENAI_API_KEY"]',
        )
    )
    return infos


@cache
def _index() -> dict[str, RuleInfo]:
    index: dict[str, RuleInfo] = {}
    for info in all_rules():
        index[info.id] = index[info.name] = info
    return index


def describe(key: str, ruleset: RuleSet | None = None) -> RuleInfo:
    """One rule's description, by id or name.

    Raises:
        RuleError: no rule has that id or name.
    """
    if ruleset is not None and key in ruleset:
        return _pattern_info(ruleset.get(key))
    info = _index().get(key)
    if info is None:
        raise RuleError(f"unknown rule {key!r}")
    return info


@cache
def known_rule_keys() -> frozenset[str]:
    """Ids and names of the built-in rules, the secret formats, and the syntax check."""
    return frozenset(_index())
