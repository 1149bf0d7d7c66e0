"""Find the code in a model's answer: markdown fences, edit formats, patches, tool calls.

`text_artifacts` reads an answer's text: fenced blocks (whole files, Aider's listings
named on the line before), SEARCH/REPLACE blocks (Aider, Cline), apply_patch envelopes
and unified diffs (in fences or not), and Cline's XML-style tool tags. Tool calls are
read by `artifacts_from_tool_call` (JSON arguments) and
`artifacts_from_custom_tool_call` (freeform text input).
"""

from __future__ import annotations

from guards.extract.edits import has_search_replace, replace_blocks, tagged_tool_calls
from guards.extract.fences import MAX_FENCES, Fence, fence_artifact, fenced_artifacts, fences
from guards.extract.patches import BEGIN_PATCH, patch_artifacts, unified_diff_artifacts
from guards.extract.tools import (
    CODE_ARGUMENTS,
    COMMAND_TOOLS,
    PATH_ARGUMENTS,
    artifacts_from_custom_tool_call,
    artifacts_from_tool_call,
    limit_artifact,
)
from guards.languages import detect_language
from guards.model import Artifact

__all__ = [
    "CODE_ARGUMENTS",
    "COMMAND_TOOLS",
    "PATH_ARGUMENTS",
    "artifacts_from_custom_tool_call",
    "artifacts_from_tool_call",
    "fenced_artifacts",
    "text_artifacts",
]


def text_artifacts(text: str, *, ref_prefix: str = "") -> list[Artifact]:
    """List the code in an answer's text, each piece read as the format it is in.

    Args:
        text: the text of one message.
        ref_prefix: prefix of each artifact's `ref`.

    Returns:
        The artifacts in order of appearance: whole files, edit fragments, patches.
    """
    found: list[Artifact] = []
    covered: list[tuple[int, int]] = []
    for fence in fences(text):
        covered.append((fence.start, fence.end))
        found += _from_fence(fence, text, ref_prefix)
    if len(covered) == MAX_FENCES and text[covered[-1][1] :].strip():
        rest = text[covered[-1][1] :]
        found.append(limit_artifact(f"more than {MAX_FENCES} code blocks", rest, ref_prefix))
    outside = _outside(text, covered)
    if BEGIN_PATCH in outside:
        found += patch_artifacts(outside, origin="text", ref=f"{ref_prefix}patch")
    if has_search_replace(outside) and "_file>" not in outside:
        found += _edits(outside, None, "text", f"{ref_prefix}edit")
    if "<write_to_file>" in text or "<replace_in_file>" in text:
        found += tagged_tool_calls(text, ref_prefix=ref_prefix)
    return found


def _from_fence(fence: Fence, text: str, ref_prefix: str) -> list[Artifact]:
    ref = f"{ref_prefix}fence:{fence.index}"
    content = fence.content
    if BEGIN_PATCH in content:
        return patch_artifacts(content, origin="fence", ref=ref)
    if has_search_replace(content):
        # Aider names the file on the line before the fence, or first inside it
        return _edits(content, fence.path, "fence", ref)
    if fence.tag in ("diff", "patch") or content.startswith(("--- ", "diff --git")):
        return unified_diff_artifacts(content, origin="fence", ref=ref)
    return [fence_artifact(fence, ref_prefix)]


def _edits(text: str, path: str | None, origin: str, ref: str) -> list[Artifact]:
    return [
        Artifact(
            content=code,
            language=detect_language(path=named or path, code=code),
            path=named or path,
            kind="fragment",
            origin=origin,
            ref=ref,
        )
        for named, code in replace_blocks(text)
        if code.strip()
    ]


def _outside(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with the fenced spans cut out."""
    if not spans:
        return text
    parts, position = [], 0
    for start, end in spans:
        parts.append(text[position:start])
        position = end
    parts.append(text[position:])
    return "".join(parts)
