"""Behaviour of the templates package: built-in data, loader, selection, rendering, guessing."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import time
from pathlib import Path

import pytest

from templates import (
    DuplicateTemplateError,
    Template,
    TemplateError,
    TemplateFileError,
    TemplateSet,
    UnknownTemplateError,
    builtin_dir,
    guess_language,
    load_template_file,
    load_templates,
    render_system_text,
)

BUILTIN_IDS = {
    "secrets-from-environment",
    "observability-by-default",
    "secure-defaults",
    "python-notes",
    "javascript-typescript-notes",
}
COMMON = ["secrets-from-environment", "observability-by-default", "secure-defaults"]
BUILTIN_FILES = sorted(builtin_dir().glob("*.toml"))

VALID = """\
id = "my-template"
version = 1
title = "My template"
languages = ["python"]
order = 50
text = \"\"\"
Do the right thing.
\"\"\"
"""


def write(directory: Path, name: str, content: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(content, encoding="utf-8")
    return path


def template_toml(
    template_id: str, *, text: str = "Some text.", order: int = 50, languages: str = '["*"]'
) -> str:
    return (
        f'id = "{template_id}"\nversion = 1\ntitle = "T"\nlanguages = {languages}\n'
        f'order = {order}\ntext = """\n{text}\n"""\n'
    )


# --- built-in data -------------------------------------------------------------


def test_there_is_one_builtin_file_per_builtin_template() -> None:
    assert {p.stem for p in BUILTIN_FILES} == BUILTIN_IDS


@pytest.mark.parametrize("path", BUILTIN_FILES, ids=lambda p: p.stem)
def test_every_builtin_file_loads_with_an_id_matching_its_file_name(path: Path) -> None:
    template = load_template_file(path)
    assert template.id == path.stem
    assert template.version > 0
    assert template.text == template.text.strip()
    assert template.source == path


def test_builtin_ids_are_unique_and_all_loaded_by_default() -> None:
    template_set = load_templates()
    assert len(template_set) == len(BUILTIN_IDS)
    assert {t.id for t in template_set} == BUILTIN_IDS


@pytest.mark.parametrize(
    "pattern",
    [
        r"sk-[A-Za-z0-9_-]{20,}",
        r"AKIA",
        r"-----BEGIN",
        r"gh[pousr]_[A-Za-z0-9]{20,}",
        r"xox[abposr]-",
        r"://[^\s/:@]+:[^\s/@]+@",
    ],
)
def test_no_builtin_text_contains_anything_like_a_real_credential(pattern: str) -> None:
    for template in load_templates():
        assert not re.search(pattern, template.text), (template.id, pattern)


@pytest.mark.parametrize("language", ["python", "javascript", "typescript"])
def test_injected_text_for_one_language_stays_under_450_words(language: str) -> None:
    text = render_system_text(load_templates().select(language))
    assert len(text.split()) < 450


# --- Template ------------------------------------------------------------------


def test_sha256_is_the_hex_digest_of_the_utf8_text_and_is_stable() -> None:
    template = load_templates().get("secure-defaults")
    assert re.fullmatch(r"[0-9a-f]{64}", template.sha256)
    assert template.sha256 == load_templates().get("secure-defaults").sha256
    changed = dataclasses.replace(template, text=template.text + " Also this.")
    assert changed.sha256 != template.sha256
    accented = dataclasses.replace(template, text="é")
    assert accented.sha256 == hashlib.sha256(b"\xc3\xa9").hexdigest()


@pytest.mark.parametrize(
    ("languages", "language", "expected"),
    [
        (("*",), "python", True),
        (("*",), None, True),
        (("python",), "python", True),
        (("python",), "Python", True),
        (("python",), "javascript", False),
        (("python",), None, False),
        (("javascript", "typescript"), "typescript", True),
    ],
)
def test_applies_to_matches_star_always_and_named_languages_only_when_known(
    languages: tuple[str, ...], language: str | None, expected: bool
) -> None:
    template = Template("x", 1, "X", languages, 0, "text", Path("x.toml"))
    assert template.applies_to(language) is expected


# --- TemplateSet -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("python", [*COMMON, "python-notes"]),
        ("javascript", [*COMMON, "javascript-typescript-notes"]),
        ("typescript", [*COMMON, "javascript-typescript-notes"]),
        (None, COMMON),
        ("rust", COMMON),
    ],
)
def test_select_gives_the_applicable_builtins_in_injection_order(
    language: str | None, expected: list[str]
) -> None:
    assert [t.id for t in load_templates().select(language)] == expected


def test_select_breaks_order_ties_by_id() -> None:
    a = Template("b-second", 1, "B", ("*",), 5, "b", Path("b.toml"))
    b = Template("a-first", 1, "A", ("*",), 5, "a", Path("a.toml"))
    c = Template("c-early", 1, "C", ("*",), 1, "c", Path("c.toml"))
    assert [t.id for t in TemplateSet([a, b, c]).select(None)] == ["c-early", "a-first", "b-second"]


def test_get_of_an_unknown_id_raises_naming_the_id() -> None:
    with pytest.raises(UnknownTemplateError, match="'no-such-template'"):
        load_templates().get("no-such-template")


def test_template_set_rejects_duplicate_ids_naming_both_files() -> None:
    one = Template("dup", 1, "A", ("*",), 1, "a", Path("one.toml"))
    two = Template("dup", 1, "B", ("*",), 1, "b", Path("two.toml"))
    with pytest.raises(DuplicateTemplateError, match=r"one\.toml.*two\.toml"):
        TemplateSet([one, two])


# --- load_templates ------------------------------------------------------------


def test_user_template_with_a_builtin_id_replaces_it_and_new_ones_are_added(
    tmp_path: Path,
) -> None:
    override = write(
        tmp_path, "mine.toml", template_toml("secure-defaults", text="Be careful.", order=30)
    )
    added = write(tmp_path, "extra.toml", template_toml("team-rules", text="Team rules.", order=99))
    template_set = load_templates([tmp_path])
    assert len(template_set) == len(BUILTIN_IDS) + 1
    assert template_set.get("secure-defaults").text == "Be careful."
    assert template_set.get("secure-defaults").source == override
    assert template_set.get("team-rules").source == added
    assert [t.id for t in template_set.select(None)] == [*COMMON, "team-rules"]


def test_user_dirs_are_loaded_in_order_and_non_toml_files_ignored(tmp_path: Path) -> None:
    write(tmp_path / "a", "one.toml", template_toml("from-a"))
    write(tmp_path / "b", "two.toml", template_toml("from-b"))
    write(tmp_path / "b", "notes.txt", "not a template")
    template_set = load_templates([tmp_path / "a", tmp_path / "b"], include_builtin=False)
    assert template_set.ids == ["from-a", "from-b"]


def test_include_builtin_false_loads_only_user_templates(tmp_path: Path) -> None:
    write(tmp_path, "only.toml", template_toml("only-mine"))
    assert load_templates([tmp_path], include_builtin=False).ids == ["only-mine"]
    assert len(load_templates(include_builtin=False)) == 0


def test_disabled_ids_are_dropped() -> None:
    template_set = load_templates(disabled={"observability-by-default", "python-notes"})
    assert "observability-by-default" not in template_set
    assert [t.id for t in template_set.select("python")] == [
        "secrets-from-environment",
        "secure-defaults",
    ]


def test_a_disabled_user_template_is_dropped(tmp_path: Path) -> None:
    write(tmp_path, "x.toml", template_toml("team-rules"))
    assert "team-rules" not in load_templates([tmp_path], disabled=["team-rules"])


def test_an_unknown_disabled_id_raises_naming_it() -> None:
    with pytest.raises(UnknownTemplateError, match="'secure-defualts'"):
        load_templates(disabled=["secure-defualts"])


def test_a_missing_user_dir_raises_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    with pytest.raises(TemplateFileError, match=re.escape(str(missing))):
        load_templates([missing])


def test_duplicate_id_across_two_user_files_raises_naming_both(tmp_path: Path) -> None:
    first = write(tmp_path, "a.toml", template_toml("same-id"))
    second = write(tmp_path, "b.toml", template_toml("same-id"))
    with pytest.raises(DuplicateTemplateError) as info:
        load_templates([tmp_path])
    message = str(info.value)
    assert str(first) in message
    assert str(second) in message
    assert "'same-id'" in message


# --- load_template_file: bad files ---------------------------------------------------


def test_a_valid_file_loads_with_stripped_text(tmp_path: Path) -> None:
    template = load_template_file(write(tmp_path, "ok.toml", VALID))
    assert template == Template(
        "my-template",
        1,
        "My template",
        ("python",),
        50,
        "Do the right thing.",
        tmp_path / "ok.toml",
    )


@pytest.mark.parametrize(
    ("content", "key", "detail"),
    [
        pytest.param(VALID + 'author = "me"\n', "author", "unknown key", id="unknown key"),
        pytest.param(VALID.replace("order = 50\n", ""), "order", "missing", id="missing key"),
        pytest.param(
            VALID.replace("version = 1", 'version = "three"'),
            "version",
            "expected a positive integer, got 'three'",
            id="string for integer",
        ),
        pytest.param(
            VALID.replace("version = 1", "version = true"),
            "version",
            "got True",
            id="boolean for integer",
        ),
        pytest.param(
            VALID.replace("version = 1", "version = 0"), "version", "positive", id="zero version"
        ),
        pytest.param(
            VALID.replace("order = 50", "order = 1.5"),
            "order",
            "expected an integer, got 1.5",
            id="float for integer",
        ),
        pytest.param(
            VALID.replace('["python"]', '"python"'),
            "languages",
            "got 'python'",
            id="string for list",
        ),
        pytest.param(
            VALID.replace('["python"]', "[]"), "languages", "non-empty", id="empty languages"
        ),
        pytest.param(
            VALID.replace('["python"]', '["Python"]'),
            "languages",
            "lower-case",
            id="upper-case language",
        ),
        pytest.param(
            VALID.replace('["python"]', "[1]"), "languages", "got [1]", id="number in languages"
        ),
        pytest.param(
            VALID.replace('["python"]', '["python", "python"]'),
            "languages",
            "without duplicates",
            id="repeated language",
        ),
        pytest.param(
            VALID.replace('["python"]', '["*", "python"]'),
            "languages",
            'or ["*"]',
            id="star mixed with names",
        ),
        pytest.param(
            VALID.replace('"my-template"', '"My_Template"'), "id", "kebab-case", id="bad id"
        ),
        pytest.param(VALID.replace('"My template"', '""'), "title", "non-empty", id="empty title"),
        pytest.param(
            VALID.replace("Do the right thing.", "   "), "text", "non-empty", id="blank text"
        ),
    ],
)
def test_a_bad_file_raises_naming_the_file_and_the_key(
    tmp_path: Path, content: str, key: str, detail: str
) -> None:
    path = write(tmp_path, "bad.toml", content)
    with pytest.raises(TemplateFileError) as info:
        load_template_file(path)
    message = str(info.value)
    assert message.startswith(f"{path}: key {key!r}: ")
    assert detail in message
    assert info.value.path == path
    assert info.value.key == key


def test_the_error_message_reads_file_key_expectation_and_value(tmp_path: Path) -> None:
    path = write(tmp_path, "x.toml", VALID.replace("version = 1", 'version = "three"'))
    with pytest.raises(TemplateError) as info:
        load_template_file(path)
    assert str(info.value) == f"{path}: key 'version': expected a positive integer, got 'three'"


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        pytest.param('id = "unterminated\n', "invalid TOML", id="bad TOML syntax"),
        pytest.param(VALID + 'id = "again"\n', "invalid TOML", id="key repeated"),
    ],
)
def test_a_file_that_is_not_valid_toml_raises_naming_the_file(
    tmp_path: Path, content: str, detail: str
) -> None:
    path = write(tmp_path, "broken.toml", content)
    with pytest.raises(TemplateFileError, match=re.escape(f"{path}: {detail}")):
        load_template_file(path)


def test_a_file_that_is_not_utf8_raises_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(VALID.replace("right", "r\xe9ght").encode("latin-1"))
    with pytest.raises(TemplateFileError, match=re.escape(f"{path}: not UTF-8")):
        load_template_file(path)


def test_a_bad_user_file_fails_load_templates_with_the_file_named(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.toml", VALID + "extra = 1\n")
    with pytest.raises(TemplateError, match=re.escape(f"{path}: key 'extra'")):
        load_templates([tmp_path])


def test_every_error_is_a_template_error() -> None:
    for cls in (TemplateFileError, DuplicateTemplateError, UnknownTemplateError):
        assert issubclass(cls, TemplateError)


# --- render_system_text ----------------------------------------------------------


@pytest.mark.parametrize("language", ["python", "javascript", "typescript", None])
def test_rendered_text_has_the_header_then_each_text_once_separated_by_blank_lines(
    language: str | None,
) -> None:
    chosen = load_templates().select(language)
    rendered = render_system_text(chosen)
    assert rendered.startswith(
        "codetamer secure coding guidance (follow it in all code you write):\n\n"
    )
    for template in chosen:
        assert rendered.count(template.text) == 1
    assert rendered.split("\n\n", 1)[1] == "\n\n".join(t.text for t in chosen)
    assert render_system_text(chosen) == rendered


def test_rendering_nothing_gives_empty_text() -> None:
    assert render_system_text([]) == ""


# --- guess_language ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        ("Write a FastAPI endpoint that returns the current user.", "python"),
        (
            "Here is my code:\n```python\ndef add(a, b):\n    return a + b\n```\nAdd type hints.",
            "python",
        ),
        ("Why does app.py crash when I run it?", "python"),
        ("Write pytest tests for the parser.", "python"),
        ("How do I pip install requests behind a proxy?", "python"),
        ("Make this more pythonic please", "python"),
        ("Write a Python function that removes a node from a binary tree.", "python"),
        ("Create an Express server with a /users route in Node.js", "javascript"),
        ("```js\nconst x = require('fs');\n```\nwhy is this slow?", "javascript"),
        ("Fix the bug in server.js", "javascript"),
        ("Write a React component that shows a list of todos", "javascript"),
        ("npm install fails with EACCES", "javascript"),
        ("Add types to this:\n```ts\nfunction f(x) { return x }\n```", "typescript"),
        ("Refactor index.ts to use async/await", "typescript"),
        ("Build a React component in a .tsx file", "typescript"),
        ("Convert this JavaScript module to TypeScript", "typescript"),
        ("Write a Deno HTTP server", "typescript"),
        ("from flask import Flask\napp = Flask(__name__)\n\nwhy do I get a 404?", "python"),
        ("Read package.json and print the version, in Python", "python"),
        ("interface User { name: string; age: number }\nmake age optional", "typescript"),
        ("Create an Express app with a login form", "javascript"),
        ("Convert this JSON to YAML", None),
        ("Add a ts column to the events table in Postgres", None),
        ("Write a C++ class for a node in a graph", None),
        ("Express this formula in plain words", None),
        ('```json\n{"name": "x", "jsonrpc": "2.0"}\n```', None),
        ("Explain how TCP congestion control works", None),
        ("Write a Rust CLI that counts lines", None),
        ("How should my service react to a failed health check?", None),
        ("", None),
        ("Port this Python script to Node.js", None),
        ("Write a Flask backend and a React frontend for it", None),
        ("Compare Python and JavaScript for scripting", None),
    ],
)
def test_guess_language_on_realistic_prompts(prompt: str, expected: str | None) -> None:
    assert guess_language(prompt) == expected


def test_guess_language_is_case_insensitive() -> None:
    assert guess_language("DJANGO VIEW FOR LOGIN") == "python"
    assert guess_language("```TypeScript\nlet x = 1\n```") == "typescript"


def test_guess_language_only_looks_at_the_last_20000_characters() -> None:
    prompt = "```python\nprint(1)\n```\n" + "lorem ipsum " * 2_000 + "what does this do?"
    assert len(prompt) > 20_000
    assert guess_language(prompt) is None
    assert guess_language(prompt + " in index.ts") == "typescript"


@pytest.mark.parametrize(
    "prompt",
    [
        "\n" * 1_000_000,
        " " * 1_000_000,
        ":" * 1_000_000,
        "a" * 1_000_000,
        ("def f(" + "x" * 50 + ")") * 20_000,
        "```" * 300_000,
        ". js " * 200_000,
    ],
)
def test_guess_language_cost_is_bounded_on_huge_or_pathological_input(prompt: str) -> None:
    start = time.perf_counter()
    guess_language(prompt)
    assert time.perf_counter() - start < 1.0
