"""Code is found in markdown fences and in tool-call arguments."""

from __future__ import annotations

import json

import pytest

from guards import artifacts_from_tool_call, fenced_artifacts


def test_fences_give_language_from_the_tag_and_content_without_the_fence_lines():
    text = "Intro\n```python\nprint('hi')\n```\nand\n~~~ts\nlet x: number = 1;\n~~~\n"
    found = fenced_artifacts(text)
    assert [(a.language, a.content, a.kind, a.origin) for a in found] == [
        ("python", "print('hi')\n", "file", "fence"),
        ("typescript", "let x: number = 1;\n", "file", "fence"),
    ]
    assert [a.ref for a in found] == ["fence:0", "fence:1"]


@pytest.mark.parametrize(
    ("text", "path", "language"),
    [
        ("```python app.py\nx = 1\n```", "app.py", "python"),
        ("```app.py\nx = 1\n```", "app.py", "python"),
        ('```py title="src/app.py"\nx = 1\n```', "src/app.py", "python"),
        ("`server.js`:\n```\nconst x = 1;\n```", "server.js", "javascript"),
        ("**src/App.tsx**\n```\nexport const A = () => <div/>;\n```", "src/App.tsx", "tsx"),
        ("# utils/io.ts\n```typescript\nexport {}\n```", "utils/io.ts", "typescript"),
        ("File: main.py\n```\nx = 1\n```", "main.py", "python"),
        ("Some prose.\n```\n#!/usr/bin/env python3\nx = 1\n```", None, "python"),
        ("Then run it:\n```bash\nls\n```", None, "bash"),
        ("Output:\n```text\nimport os\ndef f(x):\n    return None\n```", None, None),
        ("```\nimport os\n\ndef main():\n    return None\n```", None, "python"),
    ],
)
def test_fence_file_names_come_from_the_fence_line_or_the_line_before(text, path, language):
    [artifact] = fenced_artifacts(text)
    assert artifact.path == path
    assert artifact.language == language


def test_a_longer_fence_holds_a_shorter_one_and_an_unclosed_fence_runs_to_the_end():
    text = "````md\n```python\nx = 1\n```\n````\n```python\ny = 2\n"
    found = fenced_artifacts(text)
    assert found[0].content == "```python\nx = 1\n```\n"
    assert found[1].content == "y = 2\n"


def test_tool_call_arguments_that_carry_files_become_artifacts():
    args = json.dumps({"file_path": "/repo/app.py", "content": "import os\n"})
    [artifact] = artifacts_from_tool_call("Write", args, ref="call_1")
    assert (artifact.path, artifact.language, artifact.kind, artifact.ref) == (
        "/repo/app.py",
        "python",
        "file",
        "call_1",
    )
    assert artifact.origin == "tool_call:Write"


def test_edit_arguments_are_fragments_and_patches_are_patches():
    [edit] = artifacts_from_tool_call(
        "Edit", {"file_path": "a.ts", "old_string": "x", "new_string": "y()"}
    )
    assert (edit.kind, edit.language, edit.content) == ("fragment", "typescript", "y()")
    [patch] = artifacts_from_tool_call("apply", {"patch": "+x = 1\n"})
    assert patch.kind == "patch"


@pytest.mark.parametrize(
    "arguments",
    ["not json", "[1, 2]", "{}", json.dumps({"q": "weather"}), json.dumps({"content": "   "})],
)
def test_tool_calls_without_code_give_nothing(arguments):
    assert artifacts_from_tool_call("lookup", arguments) == []


def test_a_fence_line_indented_four_spaces_does_not_close_the_block():
    text = "```python\ndef f():\n    ```\n    import yaml\n    yaml.load(s)\n```\n"

    [block] = fenced_artifacts(text)

    assert "yaml.load(s)" in block.content
