"""Patches: Codex's apply_patch envelopes and unified diffs, split per file.

An apply_patch envelope (`*** Begin Patch` ... `*** End Patch`) adds, updates or
deletes files. An added file is a whole file: its `+` lines, unprefixed. An update is
a patch: its added lines are judged, never the lines it removes. A unified diff
(`--- a/x` / `+++ b/x` / `@@`) is split the same way, one patch per file.

An envelope can sit inside other text: a shell heredoc, or a JavaScript string handed
to `tools.apply_patch(...)` with its newlines escaped; both are found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guards.languages import detect_language
from guards.model import Artifact, ArtifactKind

__all__ = ["BEGIN_PATCH", "patch_artifacts", "unified_diff_artifacts"]

BEGIN_PATCH = "*** Begin Patch"
_END_PATCH = "*** End Patch"
# the path runs to the line's last non-space (a lazy `(.+?)\s*$` is quadratic in trailing spaces)
_FILE_OP = re.compile(r"^\*\*\* (Add|Update|Delete) File: (.*\S)\s*$")
_MOVE_TO = re.compile(r"^\*\*\* Move to: (.*\S)\s*$")
_MAX_ENVELOPES = 50
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "'": "'", "`": "`", "\\": "\\", "r": ""}
_ESCAPE = re.compile(r"\\(.)")


def patch_artifacts(text: str, *, origin: str, ref: str) -> list[Artifact]:
    """The files the apply_patch envelopes in a text add or update.

    Args:
        text: the patch itself, or any text that holds envelopes (heredocs, scripts).
        origin: the artifacts' origin ("tool_call:apply_patch", "fence"...).
        ref: the artifacts' ref (the tool call's id, the fence's ref).

    Returns:
        One artifact per added or updated file, in order.
    """
    found: list[Artifact] = []
    for envelope in _envelopes(text):
        found += _files(envelope, origin, ref)
    return found


def _envelopes(text: str) -> Iterator[str]:
    start = text.find(BEGIN_PATCH)
    count = 0
    while start >= 0 and count < _MAX_ENVELOPES:
        end = text.find(_END_PATCH, start)
        stop = len(text) if end < 0 else end
        body = text[start + len(BEGIN_PATCH) : stop]
        if "\n" not in body.strip("\n") and "\\n" in body:
            # inside a quoted string: the newlines are escaped
            body = _ESCAPE.sub(lambda m: _ESCAPES.get(m[1], m[0]), body)
        yield body
        count += 1
        start = text.find(BEGIN_PATCH, stop)


def _files(envelope: str, origin: str, ref: str) -> list[Artifact]:
    found: list[Artifact] = []
    operation: str | None = None
    path = ""
    lines: list[str] = []

    def flush() -> None:
        if operation in ("Add", "Update") and lines:
            kind: ArtifactKind = "file" if operation == "Add" else "patch"
            if kind == "file":
                content = "".join(line[1:] + "\n" for line in lines if line.startswith("+"))
            else:
                content = "".join(line + "\n" for line in lines)
            found.append(_artifact(content, path, kind, origin, ref))

    for line in envelope.split("\n"):
        op = _FILE_OP.match(line)
        if op:
            flush()
            operation, path, lines = op[1], op[2], []
            continue
        moved = _MOVE_TO.match(line)
        if moved:
            path = moved[1]
            continue
        if operation is not None and line != "*** End of File":
            lines.append(line)
    flush()
    return found


def unified_diff_artifacts(text: str, *, origin: str, ref: str) -> list[Artifact]:
    """One patch artifact per file of a unified diff (a diff with no file names is one)."""
    found: list[Artifact] = []
    path: str | None = None
    lines: list[str] = []
    for line in text.split("\n"):
        if line.startswith("+++ "):
            if lines:
                found.append(_artifact("\n".join(lines) + "\n", path, "patch", origin, ref))
            target = line[4:].split("\t")[0].strip()
            path = None if target == "/dev/null" else re.sub(r"^[ab]/", "", target)
            lines = []
        elif line.startswith(("--- ", "diff --git", "index ")):
            continue
        else:
            lines.append(line)
    if any(line.startswith("+") for line in lines):
        found.append(_artifact("\n".join(lines) + "\n", path, "patch", origin, ref))
    return found


def _artifact(
    content: str, path: str | None, kind: ArtifactKind, origin: str, ref: str
) -> Artifact:
    code = content if kind == "file" else _added(content)
    return Artifact(
        content=content,
        language=detect_language(path=path, code=code),
        path=path or None,
        kind=kind,
        origin=origin,
        ref=ref,
    )


def _added(patch: str) -> str:
    return "".join(line[1:] + "\n" for line in patch.split("\n") if line.startswith("+"))
