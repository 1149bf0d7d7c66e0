"""`codetamer check`: the guards on files, folders, a diff, or standard input.

Exit status: 0 when nothing blocks under the policy, 1 when something does, 2 for usage
or input errors.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import orjson

import guards
from guards.isolated import ScanPool
from proxy.check.collect import CheckInputError, Source, changed_lines, collect, read_source
from proxy.check.output import Checked, render_json, render_sarif, render_text
from proxy.config import Config
from proxy.gate import Gate

__all__ = ["CheckInputError", "run_check"]

_MOST_PROCESSES = 4


def run_check(
    paths: Sequence[str],
    *,
    config: Config,
    output: str = "text",
    diff: str | None = None,
    language: str | None = None,
    stdin: TextIO | None = None,
    out: TextIO | None = None,
) -> int:
    """Check files (or stdin when paths is ["-"]) and print the findings.

    Args:
        paths: files and folders, or ["-"] for standard input.
        config: the configuration (its [policy] decides what blocks).
        output: "text", "json" or "sarif".
        diff: a git revision: report only findings on lines changed since it.
        language: the language of stdin, or of every file (overrides detection).
        stdin, out: streams (default the process's own).

    Returns:
        The exit status: 0 nothing blocks, 1 something blocks.

    Raises:
        CheckInputError: a missing path, stdin without --language, or a failed git diff.
        guards.LanguageError: an unknown --language.
    """
    out = out or sys.stdout
    lang = guards.canonical_language(language) if language else None
    if language and lang is None:
        raise guards.LanguageError(
            f"unknown language {language!r}; known: {sorted(guards.LANGUAGES)}"
        )
    only: dict[str, set[int]] | None = None
    if list(paths) == ["-"]:
        if lang is None:
            raise CheckInputError("reading standard input needs --language")
        sources = [Source("stdin", lang, (stdin or sys.stdin).read())]
    elif diff is not None:
        only = changed_lines(diff, paths)
        sources = [
            s for p in sorted(only) if Path(p).is_file() and (s := read_source(Path(p), p, lang))
        ]
    else:
        sources = collect(paths, lang)
    ruleset = config.ruleset()
    processes = max(1, min(len(sources), os.cpu_count() or 1, _MOST_PROCESSES))
    gate = Gate(
        config.gate, config.policy.to_policy(), ruleset, ScanPool(ruleset, processes=processes)
    )
    policy = gate.policy  # a file no guard finished judging is treated as guard_errors says
    checked: list[Checked] = []
    for source, report in zip(sources, _scan(gate, sources), strict=True):
        for finding in report.findings:
            if only is not None and finding.line not in only.get(source.path, ()):
                continue
            waiver = policy.waiver_for(finding)
            checked.append(
                Checked(finding, policy.treat(finding), waiver.reason if waiver else None)
            )
    if output == "json":
        out.write(
            orjson.dumps(render_json(checked, len(sources)), option=orjson.OPT_INDENT_2).decode()
            + "\n"
        )
    elif output == "sarif":
        out.write(
            orjson.dumps(render_sarif(checked, ruleset), option=orjson.OPT_INDENT_2).decode() + "\n"
        )
    else:
        out.write(render_text(checked, len(sources)))
    return 1 if any(c.treatment is guards.Treatment.BLOCK for c in checked) else 0


def _scan(gate: Gate, sources: Sequence[Source]) -> list[guards.Report]:
    """Scan each file in the gate's scan processes (one per core, at most four), each
    within `[gate] scan_timeout_seconds`: a grammar that crashes or hangs on one file
    costs that file a guard-failed finding, and the others are still checked."""
    if not sources:
        return []
    try:
        return asyncio.run(_scan_all(gate, sources))
    finally:
        gate.scanner.close()


async def _scan_all(gate: Gate, sources: Sequence[Source]) -> list[guards.Report]:
    # the pool queues the scans; each file is its own scan, with its own budget
    scans = [
        gate.scan([guards.Artifact(source.text, source.language, path=source.path)])
        for source in sources
    ]
    return [report for [report] in await asyncio.gather(*scans)]
