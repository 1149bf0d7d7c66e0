"""The language signals, written to start with their letters, match what the plain
``\\b`` forms match: same spans, on text built from the words and the characters that
make or break a word boundary."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from templates.language import _SIGNALS


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
PIECES = st.sampled_from([*WORDS, *EXTRA, *" \t\n.-_(){}:;,=[]é0aZ"])


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def test_the_reference_covers_every_signal() -> None:
    assert len(REFERENCE) == len(_SIGNALS)


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
@example("xpython python3 _react react to ts-node xts-node pip3 apip3 node.js anode.js")
@example("éts ts_ 3ts -ts ts- if __name__ == '__main__' aif __name__=='__main__'")
@example("console.log( xconsole.log( require('x') module.exports interface a {")
def test_each_signal_matches_what_its_plain_boundary_form_matches(text: str) -> None:
    for (_, _, fast), reference in zip(_SIGNALS, COMPILED, strict=True):
        assert spans(fast, text) == spans(reference, text), (fast.pattern, text)
