"""The language signals, written to start with their letters and tried only where
their anchors occur, match what the plain ``\\b`` forms find searching everywhere: same
spans, on text built from the words and the characters that make or break a word
boundary (or a line), and on real files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from templates.language import _FENCE_RE, _SIGNALS, _found


def _b_words(alternatives: str) -> str:
    return r"\b(?:" + "|".join(alternatives.split()) + r")\b"


# The signals as first written, with \b in front: the reference for the faster forms.
REFERENCE = [
    r"\bpython\w*",
    _b_words(
        r"django flask fastapi pytest pydantic sqlalchemy numpy pandas scipy jupyter pypi"
        r" asyncio virtualenv venv conda uvicorn gunicorn boto3 pip3?"
    ),
    _b_words(r"poetry celery pyproject(?:\.toml)? requirements\.txt pipfile"),
    r"^[ \t]*from[ \t]+[\w.]+[ \t]+import[ \t]+\w",
    r"^[ \t]*def[ \t]+\w+[ \t]*\([^)\n]*\)[^:\n]*:[ \t]*$",
    r"\bif\s+__name__\s*==\s*['\"]__main__['\"]",
    _b_words(
        r"javascript js node\.?js node_modules npm npx yarn pnpm jsx ecmascript es6 commonjs"
        r" express\.?js vue(?:js)? svelte next\.?js nuxt jquery webpack vite eslint jest"
        r" vitest mocha"
    ),
    r"\breact\b(?!\s+(?:to|when|if|on|as|accordingly|differently)\b)",
    r"\bexpress\s+(?:app|server|middleware|router|api)\b",
    _b_words(r"node express package\.json"),
    r"\bconsole\.log\s*\(|\brequire\s*\(\s*['\"]|\bmodule\.exports\b",
    _b_words(r"typescript tsx tsc tsconfig(?:\.json)? ts-node deno angular nestjs"),
    _b_words("ts bun"),
    r"\binterface\s+\w+\s*\{",
    r":\s*(?:string|number|boolean)(?:\[\])?\s*[,;)=]",
]
COMPILED = [re.compile(p, re.MULTILINE) for p in REFERENCE]

WORDS = re.findall(r"[a-z0-9_]+", " ".join(REFERENCE).replace(r"\b", " ").replace(r"\s", " "))
EXTRA = ["pip3", "node.js", "ts-node", "package.json", "__main__", "__name__", "==", "'"]
EXTRA += ["```", "~~~", "```py", "~~~ {.ts}", "\n  from", "\n\tdef", "\r\n", "x("]
PIECES = st.sampled_from([*WORDS, *EXTRA, *" \t\n.-_(){}:;,=[]é0aZ\ud800"])
ROOT = Path(__file__).resolve().parents[2]


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def test_the_reference_covers_every_signal() -> None:
    assert len(REFERENCE) == len(_SIGNALS)


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
@example("xpython python3 _react react to ts-node xts-node pip3 apip3 node.js anode.js")
@example("éts ts_ 3ts -ts ts- if __name__ == '__main__' aif __name__=='__main__'")
@example("console.log( xconsole.log( require('x') module.exports interface a {")
@example("from x import y\n  from a.b import c\nfrom fromx import y\n x from y import z")
@example("\ud800 django " * 30)  # a lone surrogate: the automaton cannot read it
@example("def f(a):\n\tdef g() -> int:  \n  x def h():\n```python\n~~~ts\n``````js")
def test_each_signal_matches_what_its_plain_boundary_form_matches(text: str) -> None:
    same_matches(text)


@pytest.mark.parametrize(
    "path", ["README.md", "proxy/gate.py", "templates/language.py", "bench/load.py"]
)
def test_the_signals_match_the_same_in_real_files(path: str) -> None:
    same_matches((ROOT / path).read_text().lower())


def same_matches(text: str) -> None:
    fences, found = _found(text)
    assert [m.span() for m in fences] == spans(_FENCE_RE, text), text
    for signal, matches, reference in zip(_SIGNALS, found, COMPILED, strict=True):
        assert [m.span() for m in matches] == spans(reference, text), (signal.pattern, text)
        assert spans(signal.pattern, text) == spans(reference, text), (signal.pattern, text)
