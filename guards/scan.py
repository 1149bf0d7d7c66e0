"""One entry point that runs every guard on a piece of code: parse once, query once."""

from __future__ import annotations

import re
import time
from dataclasses import replace

from guards.errors import LanguageError
from guards.languages import LANGUAGES, canonical_language, detect_language, parser_for
from guards.model import Artifact, ArtifactKind, Confidence, Finding, Report, Severity
from guards.rules import RuleSet, default_ruleset, to_finding
from guards.rules.engine import CompiledRules, RawMatch
from guards.secrets import find_secrets, redact
from guards.syntax import syntax_findings

__all__ = ["MAX_SCAN_CHARS", "scan", "scan_artifact"]

MAX_SCAN_CHARS = 2_000_000
"""Code longer than this is cut before scanning, with a finding that says so."""


def scan(
    code: str,
    language: str | None = "python",
    *,
    path: str | None = None,
    kind: ArtifactKind = "file",
    rules: RuleSet | None = None,
) -> Report:
    """Run all guards on one piece of code.

    Args:
        code: the code.
        language: a language name or fence tag ("python", "py", "ts"...), or None to
            tell it from the path or a shebang. Code in a language without a grammar is
            still checked for secrets.
        path: the file's path, when known (used for .tsx and in findings).
        kind: "file" for a whole file (syntax is judged), "fragment" for an edit's new
            text, "patch" for a unified or apply_patch diff (its added lines are judged),
            "command" for a shell command an agent runs (judged as a shell fragment).
        rules: the rule set; the built-in rules by default.

    Returns:
        The report, findings sorted by line.

    Raises:
        LanguageError: `language` is a name no guard knows.
    """
    started = time.perf_counter()
    lang = _language(language, path, code)
    findings: list[Finding] = []
    if len(code) > MAX_SCAN_CHARS:
        code = code[:MAX_SCAN_CHARS]
        findings.append(_too_large(path))
    text, line_map = _added_lines(code) if kind == "patch" else (code, None)
    try:
        encoded = text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates (from JSON escapes) become "?"
        text = text.encode("utf-8", "replace").decode("utf-8")
        encoded = text.encode("utf-8")
    report = Report(language=lang)
    lines = text.splitlines()
    if lang is not None:
        tree = parser_for(lang).parse(_parser_input(lang, text, encoded))
        report.parsed = True
        if kind == "file":
            findings += syntax_findings(
                tree.root_node, lines, lang, path=path, whole_file=path is not None
            )
        compiled = (rules or default_ruleset()).compiled(lang)
        found, complete = compiled.run(tree.root_node, text)
        if not complete:
            findings.append(_incomplete(path))
        if kind != "file" and lang == "python" and tree.root_node.has_error:
            found += _reparsed_python(text, compiled)
        raw = sorted(found, key=lambda m: (m.line, m.column_byte))
        seen: set[tuple[str, int]] = set()
        for match in raw:
            if (match.rule.id, match.line) not in seen:
                seen.add((match.rule.id, match.line))
                finding = to_finding(match, lines, path)
                findings.append(_masked(finding))
    findings += _secret_findings(text, path)
    if line_map is not None:
        findings = [_remap(f, line_map) for f in findings]
    findings.sort(key=lambda f: (f.line, f.column, f.rule_id))
    report.findings = findings
    report.duration_ms = (time.perf_counter() - started) * 1000
    return report


# tree-sitter-bash 0.25.1 crashes the process (SIGSEGV) on some text holding characters
# beyond U+FFFF, e.g. "{\U000f254e\x1d" (found by tests/guards/test_robustness.py)
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _parser_input(lang: str, text: str, encoded: bytes) -> bytes:
    """The bytes to parse: for bash, each character beyond U+FFFF becomes four "_" (its
    UTF-8 length), so every byte offset in the tree is the same as in the text."""
    if lang != "bash" or not _ASTRAL.search(text):
        return encoded
    return _ASTRAL.sub("____", text).encode("utf-8")


def _reparsed_python(text: str, compiled: CompiledRules) -> list[RawMatch]:
    """Rule matches in a Python fragment that starts inside a docstring.

    An edit's snippet cut from the middle of a function often opens inside its
    docstring: the first triple quote closes one. Parsed as it is, the code after it
    becomes string and error nodes that hide every call; parsed again with the docstring
    opened, its matches are mapped back to the snippet's lines.
    """
    found: list[RawMatch] = []
    for quote in ('"""', "'''"):
        if text.count(quote) % 2:
            opened = f"{quote}\n{text}"
            tree = parser_for("python").parse(opened.encode("utf-8"))
            matches, _ = compiled.run(tree.root_node, opened)
            found += [replace(m, line=m.line - 1) for m in matches if m.line > 0]
    return found


def scan_artifact(artifact: Artifact, rules: RuleSet | None = None) -> Report:
    """Run all guards on an artifact found in a model's answer."""
    if artifact.origin.startswith("limit:"):  # the extraction stopped reading here
        report = scan(artifact.content, None, path=artifact.path, kind="fragment", rules=rules)
        what = artifact.origin.removeprefix("limit:")
        cut = _too_large(
            artifact.path,
            f"the answer holds {what}; the rest was not judged for insecure patterns",
            "Split the change into smaller answers.",
        )
        report.findings = [cut, *report.findings]
        return report
    try:
        return scan(
            artifact.content, artifact.language, path=artifact.path, kind=artifact.kind, rules=rules
        )
    except LanguageError:
        return scan(artifact.content, None, path=artifact.path, kind=artifact.kind, rules=rules)


def grammar_of(artifact: Artifact) -> str | None:
    """The grammar scan_artifact parses an artifact with (None: none, secrets only)."""
    if not artifact.origin.startswith("limit:"):
        try:
            return _language(artifact.language, artifact.path, artifact.content)
        except LanguageError:
            pass
    return _language(None, artifact.path, artifact.content)


def _language(language: str | None, path: str | None, code: str) -> str | None:
    if language is None:
        return _variant(detect_language(path=path, code=code), path, code)
    lang = canonical_language(language)
    if lang is None:
        raise LanguageError(f"unknown language {language!r}; known: {sorted(LANGUAGES)}")
    return _variant(lang, path, code)


def _variant(lang: str | None, path: str | None, code: str) -> str | None:
    """The grammar for a language: TSX for .tsx files, tag-less PHP for PHP without `<?`."""
    if lang == "typescript" and path and path.lower().endswith(".tsx"):
        return "tsx"
    if lang == "php" and not _opens_in_html(code[:4096]):
        return "php_only"
    return lang


_PHP_OPEN = re.compile(r"<\?(?:php\b|=|\s)", re.IGNORECASE)


def _opens_in_html(head: str) -> bool:
    """True when PHP code starts as a template: an open tag comes before any close tag.

    A fragment cut from the middle of a file often starts inside PHP and closes it later
    (`... ?> <p>..</p> <?php ...`); a `<?` inside a string (`'<?' . $x`) opens nothing.
    """
    opening = _PHP_OPEN.search(head)
    if opening is None:
        return False
    closing = head.find("?>")
    return closing == -1 or closing > opening.start()


def _secret_findings(text: str, path: str | None) -> list[Finding]:
    lines = text.splitlines()
    found = []
    for hit in find_secrets(text):
        line_text = lines[hit.line - 1] if hit.line - 1 < len(lines) else ""
        private_key = "private-key" in hit.name
        found.append(
            Finding(
                rule_id=hit.rule_id,
                name=hit.name,
                cwe=798,
                severity=Severity.CRITICAL if private_key else Severity.HIGH,
                confidence=Confidence(hit.confidence),
                message=f"hardcoded {hit.provider} secret ({hit.masked})",
                fix="Read the secret from the environment or a secret manager "
                "(os.environ['NAME'], process.env.NAME); never put it in code.",
                line=hit.line,
                column=hit.column,
                snippet=redact(line_text).strip()[:200],
                path=path,
            )
        )
    return found


def _masked(finding: Finding) -> Finding:
    """Keep secrets out of snippets: a rule's snippet line may hold one."""
    clean = redact(finding.snippet)
    if clean == finding.snippet:
        return finding
    return replace(finding, snippet=clean)


def _added_lines(patch: str) -> tuple[str, list[int]]:
    """The lines a diff adds (unified diff or apply_patch), and their line numbers in it."""
    kept: list[str] = []
    where: list[int] = []
    for number, line in enumerate(patch.splitlines(), start=1):
        if line.startswith("+") and not line.startswith("+++"):
            kept.append(line[1:])
            where.append(number)
    return "\n".join(kept) + ("\n" if kept else ""), where


def _remap(finding: Finding, line_map: list[int]) -> Finding:
    index = finding.line - 1
    line = line_map[index] if 0 <= index < len(line_map) else finding.line
    return replace(finding, line=line)


def _limit(
    rule_id: str, name: str, severity: Severity, message: str, fix: str, path: str | None
) -> Finding:
    """A finding about the scan itself, reported at the top of the code."""
    return Finding(
        rule_id=rule_id,
        name=name,
        cwe=None,
        severity=severity,
        confidence=Confidence.HIGH,
        message=message,
        fix=fix,
        line=1,
        column=1,
        path=path,
    )


def _incomplete(path: str | None) -> Finding:
    # fail closed: code the rules could not finish judging is not passed as clean
    return _limit(
        "SCAN002",
        "code-too-complex-to-scan",
        Severity.HIGH,
        "the code is nested too deeply for the rules to judge all of it",
        "Flatten the code: split deeply nested expressions into named steps.",
        path,
    )


def _too_large(
    path: str | None,
    message: str = f"only the first {MAX_SCAN_CHARS} characters were scanned",
    fix: str = "Split the code into smaller files.",
) -> Finding:
    """SCAN001: more code than was judged (past the size limit, or the extraction's caps)."""
    return _limit("SCAN001", "code-too-large-to-scan", Severity.MEDIUM, message, fix, path)
