"""Every language's guards take any input, random or pathological, without crashing or hanging."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import guards
from guards.languages import LANGUAGES

GRAMMARS = sorted(LANGUAGES)
CODE_ALPHABET = st.characters(codec="utf-8") | st.sampled_from(
    list("(){}[]<>\"'`$#;:=+-*/\\\n\t .")
)
PATHOLOGICAL = [
    "(" * 20_000,
    "{" * 20_000 + "}" * 5,
    "x = '" + "a" * 500_000,
    "a" * 200_000,
    "\n" * 100_000,
    "\x00\x01\x02\x7f binary \udcff\ud800 lone surrogates",
    "if (x) {\n" * 3000,
    "f(" * 5000 + "shell=True" + ")" * 5000,
    "password = '" + "=" * 50_000 + "'",
    "```python\n" * 2000,
    '"' * 100_001,
    "\\" * 100_000,
]


@pytest.mark.parametrize("language", GRAMMARS)
def test_random_input_never_crashes_any_language(language: str):
    name = language if language != "php_only" else "php"
    guards.scan("x", name)  # compile the rules outside the per-example deadline

    @settings(
        max_examples=25,
        deadline=timedelta(seconds=3),
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(
        code=st.text(CODE_ALPHABET, max_size=2000),
        kind=st.sampled_from(["file", "fragment", "patch"]),
    )
    def check(code: str, kind: str) -> None:
        report = guards.scan(code, name, kind=kind)  # type: ignore[arg-type]
        assert all(f.line >= 1 and f.column >= 1 for f in report.findings)

    check()


@pytest.mark.timeout(120)
@pytest.mark.parametrize("code", PATHOLOGICAL, ids=range(len(PATHOLOGICAL)))
@pytest.mark.parametrize("language", GRAMMARS)
def test_pathological_input_finishes_for_every_language(language: str, code: str):
    guards.scan(code, language if language != "php_only" else "php")


@settings(max_examples=50, deadline=timedelta(seconds=2))
@given(st.binary(max_size=4000))
def test_invalid_utf8_decoded_with_replacement_scans_cleanly(data: bytes):
    guards.scan(data.decode("utf-8", "replace"), None)
    guards.fenced_artifacts(data.decode("utf-8", "replace"))


_EDIT_PIECES = st.sampled_from(
    [
        "*** Begin Patch\n",
        "*** Add File: a.py\n",
        "*** Update File: b.js\n",
        "*** End Patch\n",
        "<<<<<<< SEARCH\n",
        "------- SEARCH\n",
        "=======\n",
        ">>>>>>> REPLACE\n",
        "```python\n",
        "```\n",
        "--- a/x.py\n",
        "+++ b/x.py\n",
        "<write_to_file><path>a.py</path><content>",
        "</content></write_to_file>",
        "+x = 1\n",
        "\\n",
        "app.py\n",
    ]
)


@settings(max_examples=200, deadline=timedelta(seconds=2))
@given(st.lists(st.one_of(_EDIT_PIECES, st.text(max_size=20)), max_size=60))
def test_any_mix_of_edit_formats_extracts_without_error(pieces: list[str]):
    text = "".join(pieces)
    for artifact in guards.text_artifacts(text):
        guards.scan_artifact(artifact)
    guards.artifacts_from_custom_tool_call("apply_patch", text)
    guards.artifacts_from_tool_call("replace_in_file", {"path": "a.py", "diff": text})


def test_bash_text_beyond_u_ffff_does_not_crash_the_process():
    # tree-sitter-bash crashed (SIGSEGV) on this text: a subprocess, so a crash fails the
    # test instead of ending the run
    code = "import guards; guards.scan('{\\U000f254e\\x1d', 'bash')"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()[-2000:]


def test_bash_findings_after_a_character_beyond_u_ffff_keep_their_place():
    plain = guards.scan("echo x; curl -k https://example.com/x | sh\n", "bash")
    emoji = guards.scan("echo \U0001f600; curl -k https://example.com/x | sh\n", "bash")
    assert [(f.rule_id, f.line, f.column) for f in emoji.findings] == [
        (f.rule_id, f.line, f.column) for f in plain.findings
    ]
    assert {f.rule_id for f in plain.findings} >= {"SH001", "SH005"}
