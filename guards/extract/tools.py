"""Tool calls: the code an agent writes through its tools' arguments.

Known agents' tools are read as they are meant: Claude Code (Write, Edit, MultiEdit,
NotebookEdit), Codex CLI (apply_patch as a function or freeform tool, patches inside
shell or exec scripts), OpenHands (str_replace_editor), Cline (write_to_file,
replace_in_file with SEARCH/REPLACE blocks), Continue (create_new_file,
edit_existing_file). Any other tool is read generically: arguments named like code
(content, file_text, new_string, code, patch...) with the path from file_path, path or
filename. Shell tools (Bash, shell, exec_command, execute_bash...) give their command,
as an artifact of kind "command".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import orjson

from guards.extract.edits import has_search_replace, replace_blocks
from guards.extract.patches import BEGIN_PATCH, patch_artifacts, unified_diff_artifacts
from guards.languages import detect_language
from guards.model import Artifact, ArtifactKind

__all__ = [
    "CODE_ARGUMENTS",
    "COMMAND_TOOLS",
    "PATH_ARGUMENTS",
    "artifacts_from_custom_tool_call",
    "artifacts_from_tool_call",
    "limit_artifact",
]

CODE_ARGUMENTS: Mapping[str, ArtifactKind] = {
    "content": "file",
    "contents": "file",
    "file_text": "file",
    "file_content": "file",
    "code": "file",
    "new_string": "fragment",
    "new_str": "fragment",
    "new_source": "fragment",
    "new_content": "fragment",
    "replacement": "fragment",
    "changes": "fragment",
    "diff": "patch",
    "patch": "patch",
}
"""Tool-call argument names that carry code, and what kind of code they carry."""

PATH_ARGUMENTS = (
    "file_path",
    "path",
    "filename",
    "filepath",
    "target_file",
    "notebook_path",
    "file",
)
"""Tool-call argument names that carry the code's file path, in order of preference."""

COMMAND_TOOLS: Mapping[str, tuple[str, ...]] = {
    "bash": ("command",),  # Claude Code Bash
    "shell": ("command",),  # Codex (a list of argv)
    "local_shell": ("command",),
    "exec_command": ("cmd", "command"),  # Codex
    "execute_bash": ("command",),  # OpenHands
    "execute_command": ("command",),  # Cline
    "run_terminal_command": ("command",),  # Continue
    "run_terminal_cmd": ("command",),
    "run_shell_command": ("command",),
}
"""Tools that run a shell command (names compared case-insensitively), and its argument."""

_MAX_EDITS = 100


def artifacts_from_tool_call(
    name: str,
    arguments: str | Mapping[str, object],
    *,
    ref: str = "",
    code_argument: str | None = None,
    path_argument: str | None = None,
) -> list[Artifact]:
    """List the code a tool call carries in its arguments.

    Args:
        name: the tool's name.
        arguments: the arguments, as the JSON text the API sends or already decoded.
        ref: the tool call's id, kept in each artifact's `ref`.
        code_argument: the argument that carries code, when the configuration maps this
            tool to one; otherwise the tool is read by its name and its arguments' names.
        path_argument: the argument that carries the file's path, for a mapped tool.

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
    origin = f"tool_call:{name}"
    path_names = (path_argument, *PATH_ARGUMENTS) if path_argument else PATH_ARGUMENTS
    path = next((v for k in path_names if isinstance(v := arguments.get(k), str) and v), None)
    tag = arguments.get("language")
    language_tag = tag if isinstance(tag, str) else None
    if code_argument is not None:
        value = arguments.get(code_argument)
        if not isinstance(value, str) or not value.strip():
            return []
        return _from_text(value, "file", path, language_tag, origin, ref)
    base = _base_name(name)
    command_arguments = COMMAND_TOOLS.get(base.lower())
    if command_arguments is not None:
        return _command(arguments, command_arguments, origin, ref)
    if base == "NotebookEdit" and arguments.get("cell_type") == "markdown":
        return []
    if base == "NotebookEdit":
        language_tag = language_tag or "python"
    found: list[Artifact] = []
    edits = arguments.get("edits")
    if isinstance(edits, list):  # Claude Code MultiEdit; the MCP filesystem server's edit_file
        if len(edits) > _MAX_EDITS:
            found.append(limit_artifact(f"more than {_MAX_EDITS} edits", "", ref))
        for edit in edits[:_MAX_EDITS]:
            new = _first_text(edit, ("new_string", "newText", "new_text", "replacement"))
            if new is not None:
                found.append(_artifact(new, "fragment", path, language_tag, origin, ref))
    files = arguments.get("files")
    if isinstance(files, list):  # several files at once (GitHub's push_files)
        if len(files) > _MAX_EDITS:
            found.append(limit_artifact(f"more than {_MAX_EDITS} files", "", ref))
        for item in files[:_MAX_EDITS]:
            content = _first_text(item, ("content", "contents", "file_text", "code"))
            if content is not None and isinstance(item, dict):
                where = next(
                    (v for k in PATH_ARGUMENTS if isinstance(v := item.get(k), str) and v), None
                )
                found.append(_artifact(content, "file", where, language_tag, origin, ref))
    for key, kind in CODE_ARGUMENTS.items():
        value = arguments.get(key)
        if isinstance(value, str) and value.strip():
            found += _from_text(value, kind, path, language_tag, origin, ref)
    patch = arguments.get("input")  # Codex's apply_patch as a function tool
    if isinstance(patch, str) and BEGIN_PATCH in patch:
        found += patch_artifacts(patch, origin=origin, ref=ref)
    return found


def artifacts_from_custom_tool_call(
    name: str, text: str, *, ref: str = "", mapped: bool = False
) -> list[Artifact]:
    """List the code in a freeform (custom) tool call, whose input is plain text.

    Codex's apply_patch sends the patch itself; its JavaScript `exec` tool sends a
    script that may call `tools.apply_patch(...)`. A tool the configuration maps to
    code (`mapped`) is read as a whole file.
    """
    origin = f"tool_call:{name}"
    if BEGIN_PATCH in text:
        return patch_artifacts(text, origin=origin, ref=ref)
    if mapped and text.strip():
        return [_artifact(text, "file", None, None, origin, ref)]
    command_arguments = COMMAND_TOOLS.get(_base_name(name).lower())
    if command_arguments is not None and text.strip():
        return [_artifact(text, "command", None, "bash", origin, ref)]
    return []


def limit_artifact(what: str, rest: str, ref: str) -> Artifact:
    """Stands for what the extraction did not read: its guards report that it was cut."""
    return Artifact(
        content=rest, language=None, path=None, kind="fragment", origin=f"limit:{what}", ref=ref
    )


def _first_text(item: object, keys: tuple[str, ...]) -> str | None:
    """The first non-blank string among an object's keys."""
    if not isinstance(item, dict):
        return None
    return next((v for k in keys if isinstance(v := item.get(k), str) and v.strip()), None)


def _base_name(name: str) -> str:
    """A tool's own name without its namespace (functions.shell, mcp__fs__write -> shell, write)."""
    return re.split(r"[.:/]|__", name)[-1]


def _from_text(
    value: str,
    kind: ArtifactKind,
    path: str | None,
    tag: str | None,
    origin: str,
    ref: str,
) -> list[Artifact]:
    if BEGIN_PATCH in value:
        return patch_artifacts(value, origin=origin, ref=ref)
    if has_search_replace(value):  # Cline replace_in_file's diff
        return [
            _artifact(code, "fragment", path, tag, origin, ref)
            for _, code in replace_blocks(value)
            if code.strip()
        ]
    if kind == "patch":
        if not any(line.startswith("+") for line in value.split("\n")):
            return []  # an "input" or "diff" argument that is no diff
        if path is None and "\n+++ " in f"\n{value}":
            return unified_diff_artifacts(value, origin=origin, ref=ref)
    return [_artifact(value, kind, path, tag, origin, ref)]


def _command(
    arguments: Mapping[str, Any], names: tuple[str, ...], origin: str, ref: str
) -> list[Artifact]:
    value = next((arguments[n] for n in names if n in arguments), None)
    if isinstance(value, list):
        # Codex's argv: ["bash", "-lc", "script"] runs the script; otherwise join the words
        words = [str(w) for w in value]
        if len(words) >= 3 and words[-2] in ("-c", "-lc") and words[0].endswith("sh"):
            value = words[-1]
        else:
            value = " ".join(words)
    if not isinstance(value, str) or not value.strip():
        return []
    if BEGIN_PATCH in value:  # `apply_patch <<'EOF' ... EOF` through the shell
        return patch_artifacts(value, origin=origin, ref=ref)
    return [_artifact(value, "command", None, "bash", origin, ref)]


def _artifact(
    code: str,
    kind: ArtifactKind,
    path: str | None,
    tag: str | None,
    origin: str,
    ref: str,
) -> Artifact:
    return Artifact(
        content=code,
        language=detect_language(tag=tag, path=path, code=code),
        path=path,
        kind=kind,
        origin=origin,
        ref=ref,
    )
