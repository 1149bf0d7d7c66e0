"""Find the code in a model's answer: markdown fences and tool-call arguments.

Fences: ``` or ~~~, any length of three or more, closed by the same character at least
as long. The file name comes from the fence line (```python app.py, ```app.py,
```py title="app.py") or from the line just before it (`app.py`, **app.py**,
# app.py, File: app.py). Tool calls: arguments named like code (content, file_text,
new_string, code, patch...) with the path from file_path, path or filename.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

import orjson

from guards.languages import detect_language
from guards.model import Artifact, ArtifactKind

__all__ = ["CODE_ARGUMENTS", "PATH_ARGUMENTS", "artifacts_from_tool_call", "fenced_artifacts"]

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
_MAX_FENCES = 200

CODE_ARGUMENTS: Mapping[str, ArtifactKind] = {
    "content": "file",
    "contents": "file",
    "file_text": "file",
    "file_content": "file",
    "code": "file",
    "new_string": "fragment",
    "new_str": "fragment",
    "new_content": "fragment",
    "replacement": "fragment",
    "diff": "patch",
    "patch": "patch",
}
"""Tool-call argument names that carry code, and what kind of code they carry."""

PATH_ARGUMENTS = ("file_path", "path", "filename", "filepath", "target_file", "file")
"""Tool-call argument names that carry the code's file path, in order of preference."""


def fenced_artifacts(text: str, *, ref_prefix: str = "") -> list[Artifact]:
    """List the code blocks in markdown text.

    Args:
        text: the text of one message.
        ref_prefix: prefix of each artifact's `ref` ("<prefix>fence:<n>").

    Returns:
        One artifact per closed fence, in order (an unclosed fence runs to the end).
    """
    return list(_fences(text, ref_prefix))


def _fences(text: str, ref_prefix: str) -> Iterator[Artifact]:
    lines = text.split("\n")
    i, count = 0, 0
    while i < len(lines) and count < _MAX_FENCES:
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
            if stripped.startswith(fence[0] * len(fence)) and not stripped.strip(fence[0]):
                break
            body.append(lines[j])
            j += 1
        if j == len(lines) and body and not body[-1]:
            body.pop()  # an unclosed fence: the text's final newline is not a code line
        tag = info.split()[0].split(":")[0].strip("{}.") if info else ""
        path = _path_from(info) or (_path_before(lines[i - 1]) if i > 0 else None)
        if path and tag == path:
            tag = ""
        content = "\n".join(body) + ("\n" if body else "")
        yield Artifact(
            content=content,
            language=detect_language(tag=tag, path=path, code=content),
            path=path,
            kind="file",
            origin="fence",
            ref=f"{ref_prefix}fence:{count}",
        )
        count += 1
        i = j + 1


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


def artifacts_from_tool_call(
    name: str, arguments: str | Mapping[str, object], *, ref: str = ""
) -> list[Artifact]:
    """List the code a tool call carries in its arguments.

    Args:
        name: the tool's name (kept for provenance; the arguments decide).
        arguments: the arguments, as the JSON text the API sends or already decoded.
        ref: the tool call's id, kept in each artifact's `ref`.

    Returns:
        The artifacts, empty when the arguments are not a JSON object or carry no code.
    """
    if isinstance(arguments, str):
        try:
            decoded = orjson.loads(arguments)
        except orjson.JSONDecodeError:
            return []
        if not isinstance(decoded, dict):
            return []
        arguments = decoded
    path = next((v for k in PATH_ARGUMENTS if isinstance(v := arguments.get(k), str) and v), None)
    tag = arguments.get("language")
    found = []
    for key, kind in CODE_ARGUMENTS.items():
        value = arguments.get(key)
        if isinstance(value, str) and value.strip():
            found.append(
                Artifact(
                    content=value,
                    language=detect_language(
                        tag=tag if isinstance(tag, str) else None, path=path, code=value
                    ),
                    path=path,
                    kind=kind,
                    origin=f"tool_call:{name}",
                    ref=ref,
                )
            )
    return found
