"""The edit and patch formats the guards read: generated apply_patch envelopes, unified
diffs, SEARCH/REPLACE blocks, markdown fences and Cline tags come back exactly as
written; any text splits into well-formed, bounded pieces; tool arguments of any shape
are read without error, the same whether they arrive as JSON text or decoded."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import guards
from guards.extract import MAX_FENCES, text_artifacts
from guards.extract.edits import replace_blocks, tagged_tool_calls
from guards.extract.fences import fences
from guards.extract.patches import BEGIN_PATCH, patch_artifacts, unified_diff_artifacts
from tests.fuzz.strategies import JSON

SETTINGS = settings(max_examples=100, deadline=None)
_LINE = st.text(st.characters(codec="utf-8", exclude_characters="\n"), max_size=30)
_PATH = st.from_regex(
    r"[a-z][a-z0-9_]{0,8}(/[a-z0-9_]{1,8}){0,2}\.(py|js|go|sh|rb)", fullmatch=True
)


def added(content: str) -> list[str]:
    return [line[1:] for line in content.split("\n") if line.startswith("+")]


# ---- apply_patch envelopes --------------------------------------------------------------

_PATCH_LINES = st.lists(
    _LINE.filter(lambda line: "*** End Patch" not in line and BEGIN_PATCH not in line),
    min_size=1,
    max_size=5,
)


@SETTINGS
@given(
    st.lists(
        st.tuples(st.sampled_from(["Add", "Update", "Delete"]), _PATH, _PATCH_LINES),
        min_size=1,
        max_size=4,
    ),
    st.sampled_from(["", "Here is the patch:\n", "apply_patch <<'EOF'\n"]),
)
def test_an_apply_patch_envelope_gives_back_each_file_it_writes(files, before: str):
    text = before + BEGIN_PATCH + "\n"
    for operation, path, lines in files:
        text += f"*** {operation} File: {path}   \n"
        if operation == "Update":
            text += "@@ def f():\n-old\n" + "".join(f"+{line}\n" for line in lines) + " ctx\n"
        elif operation == "Add":
            text += "".join(f"+{line}\n" for line in lines)
    text += "*** End Patch\n"
    found = patch_artifacts(text, origin="fence", ref="r")
    writes = [(op, path, lines) for op, path, lines in files if op != "Delete"]
    assert [(a.path, a.kind) for a in found] == [
        (path, "file" if op == "Add" else "patch") for op, path, _ in writes
    ]
    for artifact, (op, _, lines) in zip(found, writes, strict=True):
        if op == "Add":
            assert artifact.content == "".join(f"{line}\n" for line in lines)
        else:
            assert added(artifact.content) == lines


@settings(max_examples=20, deadline=None)
@given(st.integers(min_value=45, max_value=70))
def test_envelopes_read_from_one_text_are_bounded(count: int):
    one = f"{BEGIN_PATCH}\n*** Add File: a.py\n+x = 1\n*** End Patch\n"
    assert len(patch_artifacts(one * count, origin="text", ref="r")) == min(count, 50)


# ---- unified diffs ----------------------------------------------------------------------

_DIFF_LINES = st.lists(
    st.tuples(st.sampled_from(["+", "-", " "]), _LINE), min_size=1, max_size=6
).filter(lambda lines: any(mark == "+" for mark, _ in lines))


@SETTINGS
@given(st.lists(st.tuples(_PATH, _DIFF_LINES), min_size=1, max_size=3))
def test_a_unified_diff_gives_one_patch_per_file_with_its_added_lines(files):
    text = ""
    for path, lines in files:
        text += f"diff --git a/{path} b/{path}\nindex 1..2 100644\n--- a/{path}\n+++ b/{path}\t\n"
        text += "@@ -1,3 +1,3 @@\n" + "".join(f"{mark}{line}\n" for mark, line in lines)
    # a line that reads as a file header is one by the format's own rules
    lines_ok = all(
        not (mark + line).startswith(("--- ", "+++ ", "diff --git", "index "))
        for _, lines in files
        for mark, line in lines
    )
    found = unified_diff_artifacts(text, origin="fence", ref="r")
    if lines_ok:
        assert [a.path for a in found] == [path for path, _ in files]
        for artifact, (_, lines) in zip(found, files, strict=True):
            assert added(artifact.content) == [line for mark, line in lines if mark == "+"]
    assert all(a.kind == "patch" for a in found)


# ---- SEARCH/REPLACE blocks --------------------------------------------------------------

_MARKERS = st.sampled_from(
    [
        ("<<<<<<< SEARCH", "=======", ">>>>>>> REPLACE"),
        ("------- SEARCH", "=======", "+++++++ REPLACE"),
    ]
)
_BLOCK_LINE = _LINE.filter(
    lambda line: not line.lstrip().startswith(("<<<<<", "-----", "=====", ">>>>>", "+++++"))
)


@SETTINGS
@given(
    st.lists(
        st.tuples(
            st.none() | _PATH,
            _MARKERS,
            st.lists(_BLOCK_LINE, max_size=3),
            st.lists(_BLOCK_LINE, max_size=4),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_search_replace_blocks_give_back_each_replacement_and_its_file(blocks):
    text = ""
    for path, (search, divider, replace), old, new in blocks:
        text += f"{path}\n" if path else "\n"
        text += f"{search}\n" + "".join(f"{line}\n" for line in old) + f"{divider}\n"
        text += "".join(f"{line}\n" for line in new) + f"{replace}\n"
    expected = [(path, "".join(f"{line}\n" for line in new)) for path, _, _, new in blocks]
    assert list(replace_blocks(text)) == expected


@settings(max_examples=10, deadline=None)
@given(st.integers(min_value=195, max_value=230))
def test_search_replace_blocks_read_from_one_text_are_bounded(count: int):
    block = "<<<<<<< SEARCH\na\n=======\nb\n>>>>>>> REPLACE\n"
    assert len(list(replace_blocks(block * count))) == min(count, 200)


# ---- markdown fences --------------------------------------------------------------------

_FENCE_LINE = _LINE.filter(lambda line: not line.lstrip().startswith(("```", "~~~")))
_PROSE = st.lists(
    st.text(st.characters(codec="utf-8", exclude_characters="\n.`~"), max_size=20), max_size=2
)


@SETTINGS
@given(
    st.lists(
        st.tuples(
            _PROSE,
            st.sampled_from(["`", "~"]),
            st.integers(min_value=3, max_value=5),
            st.sampled_from(["python", "js", "", "bash", "go title=x"]),
            st.lists(_FENCE_LINE, max_size=4),
        ),
        min_size=1,
        max_size=4,
    ),
    st.booleans(),
)
def test_fenced_blocks_come_back_with_their_tag_content_and_place(blocks, closed: bool):
    text = ""
    spans = []
    for index, (prose, mark, width, info, lines) in enumerate(blocks):
        text += "".join(f"{p}\n" for p in prose)
        start = len(text)
        last = index == len(blocks) - 1
        text += f"{mark * width}{info}\n" + "".join(f"{line}\n" for line in lines)
        if closed or not last:
            text += f"{mark * width}\n"
        spans.append((start, len(text)))
    found = list(fences(text))
    assert [(f.start, f.end) for f in found] == spans
    assert [f.tag for f in found] == [
        info.split()[0] if info else "" for _, _, _, info, _ in blocks
    ]
    assert [f.content for f in found] == [
        "".join(f"{line}\n" for line in lines) for *_, lines in blocks
    ]


_FENCY = st.lists(
    st.one_of(
        st.sampled_from(["```", "~~~", "````", "```python", "    ```", "\n", " ", "x"]), _LINE
    ),
    max_size=40,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(_FENCY)
def test_any_text_splits_into_ordered_disjoint_fences_inside_the_text(text: str):
    found = list(fences(text))
    assert len(found) <= MAX_FENCES
    position = 0
    for fence in found:
        assert position <= fence.start < fence.end <= len(text)
        block = text[fence.start : fence.end]
        assert block.lstrip(" \t").startswith(("```", "~~~"))
        assert fence.content.rstrip("\n") in block
        position = fence.end
    for artifact in text_artifacts(text):
        assert isinstance(artifact.content, str)


@settings(max_examples=10, deadline=None)
@given(st.integers(min_value=MAX_FENCES - 2, max_value=MAX_FENCES + 20))
def test_fences_read_from_one_text_are_bounded_and_the_rest_is_reported(count: int):
    text = "```python\nx = 1\n```\n" * count
    assert len(list(fences(text))) == min(count, MAX_FENCES)
    limits = [a for a in text_artifacts(text) if a.origin.startswith("limit:")]
    assert len(limits) == (1 if count > MAX_FENCES else 0)


# ---- Cline's tags and tool calls --------------------------------------------------------

_TAG_TEXT = _LINE.filter(lambda s: "<" not in s and s.strip())


@SETTINGS
@given(st.lists(st.tuples(_PATH, _TAG_TEXT), min_size=1, max_size=4), _PROSE)
def test_write_to_file_tags_give_back_each_file_and_its_content(files, prose):
    text = "".join(prose)
    for path, content in files:
        text += f"<write_to_file>\n<path>{path}</path>\n<content>\n{content}\n</content>\n"
        text += "</write_to_file>\n"
    found = tagged_tool_calls(text)
    assert [(a.path, a.content) for a in found] == [(p, f"{c}\n") for p, c in files]


_TOOLS = st.sampled_from(
    [
        "Write",
        "Edit",
        "MultiEdit",
        "NotebookEdit",
        "apply_patch",
        "Bash",
        "shell",
        "exec_command",
        "str_replace_editor",
        "replace_in_file",
        "mcp__fs__write_file",
        "functions.shell",
        "x",
    ]
)
_ARGUMENTS = st.dictionaries(
    st.sampled_from(
        [
            "content",
            "file_path",
            "path",
            "new_string",
            "edits",
            "files",
            "command",
            "cmd",
            "input",
            "diff",
            "patch",
            "language",
            "cell_type",
            "code",
            "x",
        ]
    ),
    JSON | st.sampled_from(["import os\nos.system(x)\n", "*** Begin Patch\n+x\n", "a.py"]),
    max_size=5,
)


@settings(max_examples=200, deadline=None)
@given(_TOOLS, _ARGUMENTS)
def test_tool_arguments_of_any_shape_read_the_same_as_json_text_or_decoded(name, arguments):
    decoded = guards.artifacts_from_tool_call(name, arguments, ref="c")
    assert decoded == guards.artifacts_from_tool_call(name, json.dumps(arguments), ref="c")
    assert all(a.origin.startswith(("tool_call:", "limit:")) for a in decoded)


@settings(max_examples=100, deadline=None)
@given(_TOOLS, JSON | st.text(max_size=60))
def test_tool_arguments_that_are_not_an_object_give_nothing_and_raise_nothing(name, value: Any):
    if isinstance(value, dict):
        return
    text = value if isinstance(value, str) else json.dumps(value)
    assert guards.artifacts_from_tool_call(name, text) == [] or text.lstrip().startswith("{")
    guards.artifacts_from_custom_tool_call(name, text)
