"""Text edit formats: SEARCH/REPLACE blocks and Cline's XML-style tool tags.

SEARCH/REPLACE blocks are how Aider (`--edit-format diff`) and Cline's replace_in_file
write edits:

    <<<<<<< SEARCH            ------- SEARCH
    old lines                 old lines
    =======                   =======
    new lines                 new lines
    >>>>>>> REPLACE           +++++++ REPLACE

Only the REPLACE side is new code, and it is a fragment of a file. Cline without
native tools writes its calls as tags in the answer's text:
`<write_to_file><path>a.py</path><content>...</content></write_to_file>` and
`<replace_in_file><path>a.py</path><diff>...</diff></replace_in_file>`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guards.languages import detect_language
from guards.model import Artifact

__all__ = ["has_search_replace", "replace_blocks", "tagged_tool_calls"]

# possessive runs: a line of many spaces after SEARCH is rejected in one pass, not n^2
_SEARCH = re.compile(r"^(?:<{5,}|-{5,})[ \t]*+SEARCH[ \t]*+>?[ \t]*+$")
_DIVIDER = re.compile(r"^={5,}[ \t]*$")
_REPLACE = re.compile(r"^(?:>{5,}|\+{5,})[ \t]*+REPLACE[ \t]*+<?[ \t]*+$")
_MARKER = re.compile(r"^(?:<{5,}|-{5,})[ \t]*SEARCH\b", re.MULTILINE)
_MAX_BLOCKS = 200
_TAGS = ("write_to_file", "replace_in_file")
_MAX_TAGS = 100


def has_search_replace(text: str) -> bool:
    """Whether a text holds a SEARCH marker line."""
    return _MARKER.search(text) is not None


def replace_blocks(text: str) -> Iterator[tuple[str | None, str]]:
    """The REPLACE side of each SEARCH/REPLACE block, with the file named just before it.

    Aider names the file on the line before the block (or before the fence that holds
    it); that line is returned as the path when it looks like one.
    """
    lines = text.split("\n")
    i, count = 0, 0
    while i < len(lines) and count < _MAX_BLOCKS:
        if not _SEARCH.match(lines[i]):
            i += 1
            continue
        path = _path_above(lines, i)
        j = i + 1
        while j < len(lines) and not _DIVIDER.match(lines[j]):
            j += 1
        k = j + 1
        while k < len(lines) and not _REPLACE.match(lines[k]):
            k += 1
        new = lines[j + 1 : k]
        yield path, "\n".join(new) + ("\n" if new else "")
        count += 1
        i = k + 1


def _path_above(lines: list[str], index: int) -> str | None:
    for back in (1, 2):
        if index - back < 0:
            return None
        candidate = lines[index - back].strip().strip("`*")
        if candidate.startswith(("```", "~~~")):
            continue
        if candidate and " " not in candidate and "." in candidate and len(candidate) < 300:
            return candidate
        return None
    return None


def tagged_tool_calls(text: str, *, ref_prefix: str = "") -> list[Artifact]:
    """The files Cline's XML-style write_to_file / replace_in_file tags write."""
    found: list[Artifact] = []
    for number, (tool, body) in enumerate(_tags(text)):
        path = _field(body, "path")
        path = path.strip() if path else None
        ref = f"{ref_prefix}tag:{number}"
        if tool == "write_to_file":
            content = _field(body, "content")
            if content and content.strip():
                found.append(_artifact(content + "\n", path, "file", f"text:{tool}", ref))
        else:
            for _, code in replace_blocks(_field(body, "diff") or ""):
                if code.strip():
                    found.append(_artifact(code, path, "fragment", f"text:{tool}", ref))
    return found


def _tags(text: str) -> Iterator[tuple[str, str]]:
    """Each closed tag's name and body, found with plain searches (linear in the text)."""
    position, count = 0, 0
    while count < _MAX_TAGS:
        starts = [(at, tool) for tool in _TAGS if (at := text.find(f"<{tool}>", position)) >= 0]
        if not starts:
            return
        at, tool = min(starts)
        opening = at + len(tool) + 2
        closing = text.find(f"</{tool}>", opening)
        if closing < 0:
            return
        yield tool, text[opening:closing]
        count += 1
        position = closing + len(tool) + 3


def _field(body: str, name: str) -> str | None:
    start = body.find(f"<{name}>")
    if start < 0:
        return None
    start += len(name) + 2
    end = body.find(f"</{name}>", start)
    value = body[start : end if end >= 0 else len(body)]
    return value.removeprefix("\n").removesuffix("\n")


def _artifact(code: str, path: str | None, kind: str, origin: str, ref: str) -> Artifact:
    return Artifact(
        content=code,
        language=detect_language(path=path, code=code),
        path=path,
        kind="file" if kind == "file" else "fragment",
        origin=origin,
        ref=ref,
    )
