"""Adversarial inputs for a compiled regex, and a timed check that it stays fast on them.

The inputs are built from the pattern itself, the way ReDoS finders pump a pattern: for
every repetition, a string that reaches it (an example of everything before it), then
a long run of what the repetition accepts, then a character that makes the rest fail.
Standard evil strings (long runs of one character, of whitespace, quotes, backslashes,
brackets, a 50k-character line) are added to every pattern's set.
"""

from __future__ import annotations

import itertools
import random
import re
import re._compiler as sre_compile  # the stdlib's own parser: exact for every pattern
import re._constants as sre
import re._parser as sre_parse
import string
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

__all__ = ["EVIL", "Use", "inputs_for", "slow_inputs"]

N = 20_000  # the length of a pumped run
LONG_LINE = 50_000

# characters tried against each character class of a pattern
_POOL = [
    *string.printable,
    "\x00",
    "\x85",
    "\u00a0",
    "\u2028",
    "é",
    "ß",
    "İ",
    "\u212a",
    "中",
    "\U0001f600",
]
# among the characters a class accepts, these make the most trouble: tried first
_INTERESTING = [" ", "\t", "\n", "a", "0", "_", "-", ".", "/", "\\", '"', "'", "=", ":", "*"]
_FAIL = ["\x00", "!", "\n", "~", "\u2028", "a"]
_ATOMS = {sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY}
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}

_rng = random.Random(1798)
_LINE = "".join(_rng.choice(string.printable[:-6]) for _ in range(LONG_LINE))

EVIL: tuple[str, ...] = (
    "a" * N + "!",
    " " * N + "x",
    "\n" * N + "x",
    " \t\n" * (N // 3) + "x",
    '"' * N,
    "\\" * N,
    '\\"' * (N // 2),
    "a " * (N // 2) + "!",
    "é" * N + "!",
    _LINE,
    "x = '" + "a" * LONG_LINE,
    "f(" * (N // 2) + ")" * (N // 2),
)
MAX_PUMPED = 30  # pumped inputs per pattern: the first for each repetition come first


@dataclass(frozen=True, slots=True)
class Use:
    """How the code applies a pattern to untrusted text.

    `search` runs it at every position (finditer: the most work), `match` only at the
    start; `max_len` is the longest text the caller ever hands it (a cap in the code).
    """

    how: Literal["search", "match"] = "search"
    max_len: int | None = None


@dataclass(frozen=True, slots=True)
class Slow:
    """An input on which a pattern overran the time bound."""

    name: str
    sample: str  # the input's head, shown in the failure
    length: int
    seconds: float


def slow_inputs(
    name: str,
    pattern: re.Pattern[Any],
    use: Use = Use(),
    *,
    bound: float = 0.5,
    n: int = N,
) -> list[Slow]:
    """Run the pattern on each of its adversarial inputs; list those slower than `bound`.

    Stops at the first slow input: a catastrophic pattern can take minutes per input.
    """
    for text in inputs_for(pattern, n=use.max_len or n):
        if use.max_len is not None:
            text = text[: use.max_len]
        subject: str | bytes = text
        if isinstance(pattern.pattern, bytes):
            subject = text.encode("utf-8", "surrogatepass")
        started = time.perf_counter()
        if use.how == "match":
            pattern.match(subject)
        else:
            for _ in pattern.finditer(subject):
                pass
        seconds = time.perf_counter() - started
        if seconds > bound:
            return [Slow(name, repr(text[:80]), len(text), round(seconds, 3))]
    return []


def inputs_for(pattern: re.Pattern[Any], *, n: int = N) -> Iterator[str]:
    """The pattern's pumped inputs (each about `n` long), then the standard evil strings."""
    seen: set[str] = set()
    for text in _pumped(pattern, n):
        if text not in seen:
            seen.add(text)
            yield text
    for text in EVIL:
        if text not in seen:
            seen.add(text)
            yield text


def _pumped(pattern: re.Pattern[Any], n: int) -> Iterator[str]:
    """Pumped inputs, round-robin over the repetitions (each one's likeliest trouble first),
    then the pattern's literals repeated; at most MAX_PUMPED."""
    source = pattern.pattern
    if isinstance(source, bytes):
        source = source.decode("latin-1")
    parsed = sre_parse.parse(source, pattern.flags if isinstance(pattern.pattern, str) else 0)
    per_repeat: list[list[str]] = []
    for prefix, (_, hi, item), item_flags in _repeats(parsed.data, "", parsed.state.flags):
        if hi != sre.MAXREPEAT and hi < 16:
            continue
        chars = _chars_in(item, item_flags)
        fail = next((c for c in _FAIL if c not in chars), "\x00")
        unit = _example(item, item_flags)
        pumps = [*chars[:3], *([unit] if len(unit) > 1 else [])]
        inputs: list[str] = []
        for pump in pumps:
            run = pump * max(1, (n - len(prefix)) // len(pump))
            inputs += [prefix + run + fail, prefix + run]
        if pumps:
            # the reaching prefix itself many times: each copy starts a new attempt
            piece = prefix + pumps[0] * 8 + fail
            inputs.insert(1, piece * max(1, n // len(piece)))
        per_repeat.append(inputs)
    literals = [text for text in _literal_runs(parsed.data) if len(text) >= 2][:4]
    per_repeat.append([text * (n // len(text)) for text in literals])
    per_repeat.append([(text + " ") * (n // (len(text) + 1)) for text in literals])
    count = 0
    for round_ in itertools.zip_longest(*per_repeat):
        for text in round_:
            if text is not None and count < MAX_PUMPED:
                count += 1
                yield text


def _repeats(
    seq: Sequence[Any], prefix: str, flags: int
) -> Iterator[tuple[str, tuple[int, int, Any], int]]:
    """Each repetition in the pattern, with an example of the text that leads to it."""
    for index, (op, av) in enumerate(seq):
        here = prefix + _example(seq[:index], flags)
        if op in _REPEATS:
            yield here, av, flags
            yield from _repeats(av[2], here, flags)
        elif op is sre.SUBPATTERN:
            _, add, remove, sub = av
            yield from _repeats(sub, here, (flags | add) & ~remove)
        elif op is sre.ATOMIC_GROUP:
            yield from _repeats(av, here, flags)
        elif op is sre.BRANCH:
            for alternative in av[1]:
                yield from _repeats(alternative, here, flags)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            yield from _repeats(av[1], here, flags)
        elif op is sre.GROUPREF_EXISTS:
            for branch in av[1:]:
                if branch is not None:
                    yield from _repeats(branch, here, flags)


def _example(seq: Sequence[Any], flags: int) -> str:
    """One short string the sequence matches (approximately: lookarounds are skipped)."""
    out: list[str] = []
    for op, av in seq:
        if op in _ATOMS:
            chars = _accepted((op, av), flags)
            out.append(chars[0] if chars else "a")
        elif op in _REPEATS:
            out.append(_example(av[2], flags) * min(av[0], 64))
        elif op is sre.SUBPATTERN:
            out.append(_example(av[3], (flags | av[1]) & ~av[2]))
        elif op is sre.ATOMIC_GROUP:
            out.append(_example(av, flags))
        elif op is sre.BRANCH:
            out.append(_example(av[1][0], flags))
        elif op is sre.GROUPREF_EXISTS:
            out.append(_example(av[1], flags))
    return "".join(out)


def _chars_in(seq: Sequence[Any], flags: int) -> list[str]:
    """The characters the atoms of a sequence accept, most troublesome first."""
    found: list[str] = []
    for op, av in seq:
        if op in _ATOMS:
            found += _accepted((op, av), flags)
        elif op in _REPEATS:
            found += _chars_in(av[2], flags)
        elif op is sre.SUBPATTERN:
            found += _chars_in(av[3], (flags | av[1]) & ~av[2])
        elif op is sre.ATOMIC_GROUP:
            found += _chars_in(av, flags)
        elif op is sre.BRANCH:
            for alternative in av[1]:
                found += _chars_in(alternative, flags)
    ranked = sorted(dict.fromkeys(found), key=_rank)
    return ranked


def _rank(char: str) -> int:
    return _INTERESTING.index(char) if char in _INTERESTING else len(_INTERESTING)


def _literal_runs(seq: Sequence[Any]) -> Iterator[str]:
    """The runs of literal characters in the pattern (at any depth)."""
    run: list[str] = []
    for op, av in seq:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            yield "".join(run)
            run = []
        if op in _REPEATS:
            yield from _literal_runs(av[2])
        elif op is sre.SUBPATTERN:
            yield from _literal_runs(av[3])
        elif op is sre.ATOMIC_GROUP:
            yield from _literal_runs(av)
        elif op is sre.BRANCH:
            for alternative in av[1]:
                yield from _literal_runs(alternative)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            yield from _literal_runs(av[1])
    if run:
        yield "".join(run)


_ACCEPTED: dict[tuple[str, int], list[str]] = {}


def _accepted(atom: tuple[Any, Any], flags: int) -> list[str]:
    """The pool characters one character class (or literal, or `.`) accepts."""
    key = (repr(atom), flags)
    if key not in _ACCEPTED:
        state = sre_parse.State()
        state.flags = flags
        compiled = sre_compile.compile(sre_parse.SubPattern(state, [atom]), flags)
        _ACCEPTED[key] = sorted((c for c in _POOL if compiled.fullmatch(c)), key=_rank)
    return _ACCEPTED[key]
