"""Guess which programming language a prompt is about, to pick language templates.

The guess is deliberately conservative: a wrong language-specific template
costs tokens and may confuse the model, while ``None`` still injects every
``"*"`` template. So :func:`guess_language` answers only when the signals
clearly point one way.

How it works: a fixed table of regular expressions ("signals"), each tied to a
language family and a weight. Fenced code tags, file names, unambiguous words
and unmistakable syntax (``from x import y``, ``console.log(``) weigh 2; words
that are often plain English or other things ("node", "express", "ts", "bun",
"package.json") and loose syntax hints weigh 1. Each distinct signal counts
once, however often it occurs, so one long pasted file cannot outvote
everything else. Python is weighed against the JavaScript family (JavaScript
plus TypeScript): the winner needs a score of at least 2 and at least twice
the loser's. Inside the JavaScript family, any TypeScript signal makes the
answer TypeScript.

Every pattern is linear-time (no nested quantifiers) and only the last
:data:`MAX_SCAN_CHARS` characters are looked at, so the cost is bounded. A word
signal starts with its word's letters and checks the boundary before them with a
lookbehind, rather than starting with ``\b``: a pattern that starts with letters
lets the regex engine skip ahead to them, where ``\b`` made it try every position
(a 20,000-character prompt took 5.6 ms, most of it in the ``\b`` patterns).

A pattern that is an alternation of words, or starts at a line's start, still made
the regex engine try most positions (0.9 ms for 8,000 characters of code). Such a
signal names its anchors, the words every match starts with (after a line's blanks),
and one Aho-Corasick pass (ahocorasick_rs) finds where all of them occur; the
pattern is then tried there only, which finds the same matches (0.1 ms).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Final, Literal, NamedTuple

import ahocorasick_rs

__all__ = ["MAX_SCAN_CHARS", "Language", "guess_language"]

Language = Literal["python", "javascript", "typescript"]

MAX_SCAN_CHARS: Final = 20_000
"""Only this many trailing characters of a prompt are examined."""

_Family = Literal["python", "javascript", "typescript"]

_FENCE_TAGS: Final[dict[str, _Family]] = {
    **dict.fromkeys(("python", "python3", "py", "py3", "pycon", "ipython", "pytb"), "python"),
    **dict.fromkeys(("javascript", "js", "jsx", "mjs", "cjs", "node", "nodejs"), "javascript"),
    **dict.fromkeys(("typescript", "ts", "tsx", "mts", "cts"), "typescript"),
}
_FENCE_RE: Final = re.compile(r"(?:```|~~~)[ \t]*\{?\.?([a-z0-9+#-]+)")
_FENCES: Final = ("```", "~~~")

_EXTENSIONS: Final[dict[str, _Family]] = {
    **dict.fromkeys(("py", "pyi", "pyw", "ipynb"), "python"),
    **dict.fromkeys(("js", "mjs", "cjs", "jsx"), "javascript"),
    **dict.fromkeys(("ts", "mts", "cts", "tsx"), "typescript"),
}
# ".js" must not be followed by a word character: "package.json" is not JavaScript.
_EXTENSION_RE: Final = re.compile(r"\.(py|pyi|pyw|ipynb|js|mjs|cjs|jsx|ts|mts|cts|tsx)(?![\w-])")
# "Node.js" or "Vue.js" name a library, not a file: the word signals cover them.
_LIBRARY_STEM_RE: Final = re.compile(
    r"(?<![\w-])(?:node|next|nuxt|vue|express|react|nest|three|d3|chart|socket|ember|backbone"
    r"|alpine|solid|preact|moment|p5)$"
)


_MIN_SCORE: Final = 2
"""A lone weak signal ("node", "ts", "bun") is not enough to answer."""


def _word(letters: str) -> str:
    """Regex matching ``letters`` (a word's start) where no word character precedes it:
    ``\bletters``, written so that the pattern starts with the letters."""
    return f"{letters}(?<!\\w{re.escape(letters)})"


def _words(family: _Family, weight: int, alternatives: str) -> _Source:
    """A signal matching any of the space-separated ``alternatives`` as a whole word."""
    words = alternatives.split()
    leads = [_lead(word) for word in words]
    pattern = "(?:" + "|".join(map(_word_start, words, leads)) + r")\b"
    return family, weight, pattern, tuple(leads) if all(leads) else (), False


def _lead(alternative: str) -> str:
    """The letters an alternative surely starts with ("" if none)."""
    lead = re.match(r"[a-z0-9_][a-z0-9_-]*", alternative)
    letters = lead.group(0) if lead else ""
    if alternative[len(letters) : len(letters) + 1] in ("?", "*", "+", "{"):
        letters = letters[:-1]  # "pip3?": the 3 is optional, so only "pip" is sure
    return letters


def _word_start(alternative: str, letters: str) -> str:
    """``\b`` + an alternative, with the boundary checked after its leading letters."""
    if not letters:
        return r"\b" + alternative
    return _word(letters) + alternative[len(letters) :]


# (family, weight, pattern, anchors, starts a line). Patterns run on lower-cased text.
# Anchors: words every match starts with (after the line's blanks, for a pattern that
# starts a line), where the pattern is tried; none: it is searched for everywhere (as
# fast for a pattern that starts with a word found in most texts, "if", or with ":").
_Source = tuple[_Family, int, str, tuple[str, ...], bool]
_SIGNAL_SOURCES: Final[tuple[_Source, ...]] = (
    # Python
    ("python", 2, _word("python") + r"\w*", ("python",), False),  # python3, pythonic
    _words(
        "python",
        2,
        r"django flask fastapi pytest pydantic sqlalchemy numpy pandas scipy jupyter pypi"
        r" asyncio virtualenv venv conda uvicorn gunicorn boto3 pip3?",
    ),
    _words("python", 1, r"poetry celery pyproject(?:\.toml)? requirements\.txt pipfile"),
    ("python", 2, r"^[ \t]*from[ \t]+[\w.]+[ \t]+import[ \t]+\w", ("from",), True),
    ("python", 2, r"^[ \t]*def[ \t]+\w+[ \t]*\([^)\n]*\)[^:\n]*:[ \t]*$", ("def",), True),
    ("python", 2, _word("if") + r"\s+__name__\s*==\s*['\"]__main__['\"]", (), False),
    # JavaScript (also counts for TypeScript)
    _words(
        "javascript",
        2,
        r"javascript js node\.?js node_modules npm npx yarn pnpm jsx ecmascript es6 commonjs"
        r" express\.?js vue(?:js)? svelte next\.?js nuxt jquery webpack vite eslint jest"
        r" vitest mocha",
    ),
    # "react" as a verb ("react to errors") says nothing.
    (
        "javascript",
        2,
        _word("react") + r"\b(?!\s+(?:to|when|if|on|as|accordingly|differently)\b)",
        ("react",),
        False,
    ),
    (
        "javascript",
        2,
        _word("express") + r"\s+(?:app|server|middleware|router|api)\b",
        ("express",),
        False,
    ),
    _words("javascript", 1, r"node express package\.json"),
    (
        "javascript",
        2,
        _word("console")
        + r"\.log\s*\(|"
        + _word("require")
        + r"\s*\(\s*['\"]|"
        + _word("module")
        + r"\.exports\b",
        ("console", "require", "module"),
        False,
    ),
    # TypeScript
    _words("typescript", 2, r"typescript tsx tsc tsconfig(?:\.json)? ts-node deno angular nestjs"),
    _words("typescript", 1, "ts bun"),
    ("typescript", 1, _word("interface") + r"\s+\w+\s*\{", ("interface",), False),
    ("typescript", 1, r":\s*(?:string|number|boolean)(?:\[\])?\s*[,;)=]", (), False),
)


class _Signal(NamedTuple):
    family: _Family
    weight: int
    pattern: re.Pattern[str]
    anchors: tuple[str, ...]
    line: bool


_SIGNALS: Final = tuple(
    _Signal(family, weight, re.compile(pattern, re.MULTILINE), anchors, line)
    for family, weight, pattern, anchors, line in _SIGNAL_SOURCES
)
_ANCHORS: Final = tuple(sorted({a for signal in _SIGNALS for a in signal.anchors} | {*_FENCES}))
_FIND_ANCHORS: Final = ahocorasick_rs.AhoCorasick(_ANCHORS)
_ANCHORED_CHARS: Final = 200  # shorter: searching for each pattern everywhere is faster


def _anchored(
    pattern: re.Pattern[str],
    anchors: Sequence[str],
    starts: Mapping[str, Sequence[int]],
    text: str,
    *,
    line: bool = False,
) -> list[re.Match[str]]:
    """What ``pattern.finditer(text)`` finds, trying the pattern only where one of its
    anchors starts (``starts``: where each anchor occurs) or, with ``line``, at the
    start of a line where one does after blanks."""
    tries = {at for anchor in anchors for at in starts.get(anchor, ())}
    if line:
        tries = {
            begin
            for at in tries
            if not text[(begin := text.rfind("\n", 0, at) + 1) : at].strip(" \t")
        }
    found: list[re.Match[str]] = []
    end = 0  # like finditer: a match starts where the one before it ended, or later
    for at in sorted(tries):
        if at >= end and (match := pattern.match(text, at)) is not None:
            found.append(match)
            end = match.end()
    return found


def _found(text: str) -> tuple[Iterable[re.Match[str]], list[Iterable[re.Match[str]]]]:
    """The fences' matches and each signal's, in the lower-cased text."""
    try:
        anchors = (
            _FIND_ANCHORS.find_matches_as_indexes(text, overlapping=True)
            if len(text) >= _ANCHORED_CHARS
            else None
        )
    except UnicodeEncodeError:  # a lone surrogate: the automaton reads UTF-8 only
        anchors = None
    if anchors is None:
        return _FENCE_RE.finditer(text), [s.pattern.finditer(text) for s in _SIGNALS]
    starts: dict[str, list[int]] = {}
    for index, at, _ in anchors:
        starts.setdefault(_ANCHORS[index], []).append(at)
    return _anchored(_FENCE_RE, _FENCES, starts, text), [
        _anchored(s.pattern, s.anchors, starts, text, line=s.line)
        if s.anchors
        else list(s.pattern.finditer(text))
        for s in _SIGNALS
    ]


def _scores(text: str) -> dict[_Family, int]:
    signals: set[tuple[_Family, int, str]] = set()
    fences, found = _found(text)
    for match in fences:
        family = _FENCE_TAGS.get(match.group(1))
        if family is not None:
            signals.add((family, 2, "fence:" + match.group(1)))
    for match in _EXTENSION_RE.finditer(text):
        # Look back a bounded distance: a regex for the whole file name could backtrack.
        if not _LIBRARY_STEM_RE.search(text, max(0, match.start() - 16), match.start()):
            signals.add((_EXTENSIONS[match.group(1)], 2, "ext:" + match.group(1)))
    for index, (signal, matches) in enumerate(zip(_SIGNALS, found, strict=True)):
        for match in matches:
            signals.add((signal.family, signal.weight, f"{index}:{match.group(0).strip()}"))
    scores: dict[_Family, int] = {"python": 0, "javascript": 0, "typescript": 0}
    for family, weight, _ in signals:
        scores[family] += weight
    return scores


def guess_language(text: str) -> Language | None:
    """Guess the programming language a request is about from the user's prompt.

    Looks at fenced code block tags (```python, ```ts ...), file names and
    extensions (``app.py``, ``index.ts``, ``.tsx``), and telling words
    (``django``, ``npm``, ``deno`` ...), case-insensitively and on word
    boundaries (``js`` inside ``json`` does not count).

    Args:
        text: The prompt text; only the last :data:`MAX_SCAN_CHARS` characters
            are examined.

    Returns:
        ``"python"``, ``"javascript"`` or ``"typescript"``; ``None`` when nothing
        tells, or when Python and JavaScript/TypeScript signals are comparably
        strong. TypeScript wins over JavaScript whenever a TypeScript-specific
        signal is present.
    """
    scores = _scores(text[-MAX_SCAN_CHARS:].lower())
    python = scores["python"]
    js_family = scores["javascript"] + scores["typescript"]
    if python >= _MIN_SCORE and python >= 2 * js_family:
        return "python"
    if js_family >= _MIN_SCORE and js_family >= 2 * python:
        return "typescript" if scores["typescript"] > 0 else "javascript"
    return None
