"""The rule reference (docs/rules.md), generated from the rules' own records.

    uv run python -m guards.docs docs/rules.md

A test fails when the page is stale, so regenerate it after changing a rule.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from guards.catalog import RuleInfo, all_rules

__all__ = ["render_rules_markdown"]


def _cwe(info: RuleInfo) -> str:
    return (
        f"[CWE-{info.cwe}](https://cwe.mitre.org/data/definitions/{info.cwe}.html)"
        if info.cwe
        else "-"
    )


def _fence(code: str) -> str:
    return f"```\n{code.rstrip()}\n```"


def render_rules_markdown() -> str:
    """The whole page, deterministic for a given set of rules."""
    infos = all_rules()
    patterns = [i for i in infos if i.kind == "pattern"]
    secrets = [i for i in infos if i.kind == "secret"]
    others = [i for i in infos if i.kind not in ("pattern", "secret")]
    cwes = {i.cwe for i in infos if i.cwe}
    per_language = Counter(lang for i in patterns for lang in i.languages)
    out = [
        "# codetamer rule reference",
        "",
        "Generated from the rule files by `uv run python -m guards.docs docs/rules.md`; "
        "do not edit by hand.",
        "",
        f"{len(patterns)} insecure-pattern rules, {len(secrets)} secret formats and "
        f"{len(others)} other checks, over {len(cwes)} distinct CWEs.",
        "",
        "| language | pattern rules |",
        "|---|---|",
        *(f"| {lang} | {count} |" for lang, count in sorted(per_language.items())),
        "",
        "## Insecure-pattern rules",
        "",
        "| id | name | languages | CWE | severity |",
        "|---|---|---|---|---|",
        *(
            f"| [{i.id}](#{i.id.lower()}) | {i.name} | {', '.join(i.languages)} "
            f"| {_cwe(i)} | {i.severity.value} |"
            for i in patterns
        ),
        "",
    ]
    for i in [*patterns, *others]:
        out += [
            f"### {i.id}",
            "",
            f"**{i.name}** ({', '.join(i.languages)}; {_cwe(i)}; severity {i.severity.value})",
            "",
            f"**What it does.** {i.what}",
            "",
            f"**Why it is bad.** {i.why}",
            "",
            "**Example**",
            "",
            _fence(i.example),
            "",
            "**Use instead**",
            "",
            _fence(i.instead),
            "",
        ]
    generic = secrets[0]
    out += [
        "## Hardcoded secrets",
        "",
        f"Every format below is severity high (private keys: critical), {_cwe(generic)}, "
        "in every language and in configuration files.",
        "",
        f"**Why it is bad.** {generic.why}",
        "",
        "**Use instead**",
        "",
        _fence(generic.instead),
        "",
        "| id | name | what it flags |",
        "|---|---|---|",
        *(f"| {i.id} | {i.name} | {i.what} |" for i in secrets),
        "",
    ]
    return "\n".join(out)


def main(argv: list[str]) -> int:
    """Write the page to the path given (or print it)."""
    text = render_rules_markdown()
    if argv:
        Path(argv[0]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
