"""Syntax validity, judged from the tree-sitter parse of a whole file."""

from __future__ import annotations

from collections.abc import Sequence

import tree_sitter

from guards.model import Confidence, Finding, Severity

__all__ = ["SYNTAX_RULE_ID", "SYNTAX_RULE_NAME", "syntax_findings"]

SYNTAX_RULE_ID = "SYN001"
SYNTAX_RULE_NAME = "syntax-error"
_MAX_REPORTED = 3


def syntax_findings(
    root: tree_sitter.Node,
    lines: Sequence[str],
    language: str,
    *,
    path: str | None,
    whole_file: bool,
) -> list[Finding]:
    """List the first few syntax errors in a parsed tree.

    Args:
        root: the tree's root node.
        lines: the code's lines, for snippets.
        language: the canonical language name, for the message.
        path: the file's path, when known.
        whole_file: True when the code is known to be a whole file; a syntax error in a
            code block without a path is only a warning, since models show partial code.

    Returns:
        Up to three findings, first error first.
    """
    if not root.has_error:
        return []
    found: list[Finding] = []
    stack = [root]
    while stack and len(found) < _MAX_REPORTED:
        node = stack.pop()
        if not node.has_error:
            continue
        if node.is_error or node.is_missing:
            row, col = node.start_point
            what = f"missing {node.type!r}" if node.is_missing else "unexpected code"
            found.append(
                Finding(
                    rule_id=SYNTAX_RULE_ID,
                    name=SYNTAX_RULE_NAME,
                    cwe=None,
                    severity=Severity.HIGH if whole_file else Severity.MEDIUM,
                    confidence=Confidence.HIGH,
                    message=f"{language} does not parse: {what} at line {row + 1}",
                    fix="Return the complete, syntactically valid file.",
                    line=row + 1,
                    column=col + 1,
                    snippet=lines[row].strip()[:200] if row < len(lines) else "",
                    path=path,
                )
            )
            continue
        stack.extend(reversed(node.children))
    return found
