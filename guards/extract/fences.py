"""Markdown fences: ``` or ~~~, any length of three or more, closed by the same
character at least as long.

The file name comes from the fence line (```python app.py, ```app.py,
```py title="app.py") or from the line just before it (`app.py`, **app.py**,
# app.py, File: app.py), which is also how Aider's whole-file listings name theirs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from guards.languages import detect_language
from guards.model import Artifact, ArtifactKind

__all__ = ["MAX_FENCES", "Fence", "fence_artifact", "fenced_artifacts", "fences"]

# possessive quantifiers and the length caps below keep every match linear on model output
_FENCE_OPEN = re.compile(
    r"^(?P<indent>[ \t]{0,3})(?P<fence>`{3,}+|~{3,}+)[ \t]*+(?P<info>[^\n`]*)$"
)
_PATH = r"[\w.@+-]*(?:[/\\][\w.@+-]+)*\.[A-Za-z][A-Za-z0-9]{0,9}"
_MAX_HINT = 300  # a fence line or the line before it longer than this names no file
_PATH_IN_INFO = re.compile(rf"(?:^|[\s:=\"'])(?P<path>{_PATH})\b")
_PATH_BEFORE = re.compile(
    rf"^[ \t]*(?:#+[ \t]*|[-*][ \t]+)?(?:(?:file(?:name)?|path)[ \t]*:[ \t]*)?[*_`\"']*"
    rf"(?P<path>{_PATH})[*_`\"']*[ \t]*:?[ \t]*$",
    re.IGNORECASE,
)
MAX_FENCES = 200  # fences read from one text; what follows is judged as one block


@dataclass(frozen=True, slots=True)
class Fence:
    """One fenced block: its info tag, the file it names, its text and where it is."""

    index: int
    tag: str
    path: str | None
    content: str
    start: int  # offset of the opening fence line in the text
    end: int  # offset just past the closing fence line (or the text's end)


def fences(text: str) -> Iterator[Fence]:
    """The fenced blocks of markdown text, in order (an unclosed fence runs to the end)."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    i, count = 0, 0
    while i < len(lines) and count < MAX_FENCES:
        opened = _FENCE_OPEN.match(lines[i])
        if not opened:
            i += 1
            continue
        fence = opened["fence"]
        info = opened["info"].strip()
        body: list[str] = []
        j = i + 1
        while j < len(lines):
            stripped = lines[j].strip()
            indent = len(lines[j]) - len(lines[j].lstrip(" "))
            # a closing fence is indented at most three spaces (CommonMark)
            if (
                indent <= 3
                and stripped.startswith(fence[0] * len(fence))
                and not stripped.strip(fence[0])
            ):
                break
            body.append(lines[j])
            j += 1
        if j == len(lines) and body and not body[-1]:
            body.pop()  # an unclosed fence: the text's final newline is not a code line
        tag = info.split()[0].split(":")[0].strip("{}.") if info else ""
        path = _path_from(info) or (_path_before(lines[i - 1]) if i > 0 else None)
        if path and tag == path:
            tag = ""
        yield Fence(
            index=count,
            tag=tag,
            path=path,
            content="\n".join(body) + ("\n" if body else ""),
            start=offsets[i],
            end=min(offsets[min(j + 1, len(lines))], len(text)),
        )
        count += 1
        i = j + 1


def fenced_artifacts(text: str, *, ref_prefix: str = "") -> list[Artifact]:
    """List the code blocks in markdown text, each as it stands.

    Args:
        text: the text of one message.
        ref_prefix: prefix of each artifact's `ref` ("<prefix>fence:<n>").

    Returns:
        One artifact per fence, in order (an unclosed fence runs to the end).
    """
    return [fence_artifact(f, ref_prefix) for f in fences(text)]


def fence_artifact(fence: Fence, ref_prefix: str, kind: ArtifactKind = "file") -> Artifact:
    """The artifact a fence holds when it is plain code."""
    return Artifact(
        content=fence.content,
        language=detect_language(tag=fence.tag, path=fence.path, code=fence.content),
        path=fence.path,
        kind=kind,
        origin="fence",
        ref=f"{ref_prefix}fence:{fence.index}",
    )


def _path_from(info: str) -> str | None:
    if len(info) > _MAX_HINT:
        return None
    m = _PATH_IN_INFO.search(info)
    return m["path"] if m else None


def _path_before(line: str) -> str | None:
    if len(line) > _MAX_HINT:
        return None
    m = _PATH_BEFORE.match(line)
    return m["path"] if m else None
