"""Every regex that reads untrusted text (model output, client requests, upstream streams)
stays fast on adversarial input: no catastrophic backtracking.

The regexes are gathered, not listed by hand, so a new one is checked as soon as it
exists: every compiled pattern held by a module of guards, proxy and templates; every
provider format of guards/secrets/providers.toml and the keyword pre-filter; every
rule's regex, `where` regexes and tree-sitter `#match?` predicates (which py-tree-sitter
runs with Python's `re` on the captured node's text); every grammar family's regexes.
Each runs as the code runs it (at every position unless the code only matches at the
start, on at most the length the code hands it) on inputs pumped from its own
repetitions and on standard evil strings about 20k characters long (and a 50k line).
The time bound is a hang guard, not a benchmark: a linear pattern takes milliseconds,
a quadratic one seconds.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import pytest

import guards
import proxy
import templates
from guards.languages import guess_from_content
from guards.rules import default_ruleset
from guards.rules.families import FAMILIES
from guards.secrets.formats import load_formats
from tests.fuzz.adversarial import Use, slow_inputs

BOUND = 0.5  # seconds per input of ~20k characters

# How the code applies a module's pattern when it is not "at every position, on any
# length". Each entry says where the cap or the anchoring is; a stale entry fails.
# A name ending in [*] covers every pattern of a container.
USES: dict[str, Use] = {
    # fences.py: a fence line or the line before it longer than _MAX_HINT names no file
    "guards.extract.fences._PATH_IN_INFO": Use("search", max_len=300),
    "guards.extract.fences._PATH_BEFORE": Use("match", max_len=300),
    # languages.py: matched on a shebang line only
    "guards.languages._SHEBANG": Use("match"),
    # languages.py: guess_from_content searches the first 20,000 characters
    "guards.languages._SIGN_PATTERNS[*]": Use("search", max_len=20_000),
    # generic.py: fullmatch on the line's text before a key (at most _MAX_PREFIX)
    "guards.secrets.generic._DECLARATION_PREFIX": Use("match", max_len=48),
    # generic.py: _judge reads one assigned value, at most 256 characters
    "guards.secrets.generic._PATH_RE": Use("match", max_len=257),
    "guards.secrets.generic._SLUG_RE": Use("match", max_len=257),
}

# tree-sitter predicates whose second argument is a regex
_PREDICATE = re.compile(r'\(#(?:any-)?(?:not-)?match\?\s+@[\w.-]+\s+"((?:[^"\\]|\\.)*)"', re.DOTALL)
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "0": "\0"}


@dataclass(frozen=True, slots=True)
class Checked:
    """One regex as the code applies it to untrusted text."""

    name: str
    group: str
    pattern: re.Pattern[Any]
    use: Use


def _query_regexes(query: str) -> list[str]:
    """The regexes of a query's match predicates, unescaped as tree-sitter reads strings."""
    return [
        re.sub(r"\\(.)", lambda m: _ESCAPES.get(m[1], m[1]), raw, flags=re.DOTALL)
        for raw in _PREDICATE.findall(query)
    ]


def _covers(key: str, name: str) -> bool:
    return name == key or (key.endswith("[*]") and name.startswith(key[:-2]))


def _use_for(name: str) -> Use:
    return next((use for key, use in USES.items() if _covers(key, name)), Use())


def _module_patterns() -> Iterator[tuple[str, re.Pattern[Any]]]:
    for package in (guards, proxy, templates):
        for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            module = importlib.import_module(info.name)
            for attribute, value in vars(module).items():
                for index, pattern in enumerate(_patterns_in(value, depth=3)):
                    suffix = f"[{index}]" if not isinstance(value, re.Pattern) else ""
                    yield f"{info.name}.{attribute}{suffix}", pattern


def _patterns_in(value: Any, depth: int) -> Iterator[re.Pattern[Any]]:
    if isinstance(value, re.Pattern):
        yield value
    elif depth and isinstance(value, list | tuple | dict | set | frozenset):
        for item in value.values() if isinstance(value, dict) else value:
            yield from _patterns_in(item, depth - 1)


@cache
def gathered() -> tuple[Checked, ...]:
    """Every regex applied to untrusted text, once per (pattern, flags, use)."""
    found: list[Checked] = []
    for name, pattern in _module_patterns():
        group = name.rsplit(".", 1)[0].split("._")[0]
        found.append(Checked(name, group, pattern, _use_for(name)))
    for compiled in load_formats():
        fmt = compiled.fmt
        found.append(
            Checked(f"providers.toml {fmt.id} {fmt.name}", "secrets", compiled.pattern, Use())
        )
    # the secrets keyword index is an Aho-Corasick automaton: linear by construction
    for rule in default_ruleset():
        where = f"rule {rule.id} ({rule.name})"
        group = f"rules {rule.languages[0]}"
        if rule.regex is not None:  # as guards.rules.engine compiles it
            found.append(
                Checked(f"{where} regex", group, re.compile(rule.regex, re.MULTILINE), Use())
            )
        for index, source in enumerate(_query_regexes(rule.query or "")):
            found.append(
                Checked(f"{where} #match? {index}", group, re.compile(source), Use("search"))
            )
        for index, test in enumerate(rule.where):
            if test.value is None:
                continue
            # lacks_keyword fullmatches keyword argument names; the others search node text
            use = Use("match") if test.test == "lacks_keyword" else Use("search")
            name = f"{where} where {index} {test.test}"
            found.append(Checked(name, group, re.compile(test.value), use))
    for grammar, family in FAMILIES.items():
        group = f"family {grammar}"
        for field in ("request_input", "safe_builders"):
            found.append(
                Checked(
                    f"{grammar} {field}", group, re.compile(getattr(family, field)), Use("search")
                )
            )
        # validators run over a whole scope's bytes, every match
        found.append(
            Checked(f"{grammar} validators", group, re.compile(family.validators.encode()), Use())
        )
        for index, source in enumerate(_query_regexes(family.assignments)):
            found.append(
                Checked(
                    f"{grammar} assignments #match? {index}",
                    group,
                    re.compile(source),
                    Use("search"),
                )
            )
    unique: dict[tuple[Any, int, Use], Checked] = {}
    for checked in found:
        unique.setdefault((checked.pattern.pattern, checked.pattern.flags, checked.use), checked)
    return tuple(unique.values())


GROUPS = sorted({c.group for c in gathered()})


@pytest.mark.timeout(300)
@pytest.mark.parametrize("group", GROUPS)
def test_no_regex_on_untrusted_text_backtracks_catastrophically(group: str):
    checked_here = [c for c in gathered() if c.group == group]
    assert checked_here, f"no regex gathered for {group}"
    slow = [s for c in checked_here for s in slow_inputs(c.name, c.pattern, c.use, bound=BOUND)]
    assert not slow, "\n".join(
        f"{s.name}: {s.seconds} s on {s.length} chars {s.sample}" for s in slow
    )


def test_every_source_of_regexes_is_gathered():
    names = [c.name for c in gathered()]
    assert len(load_formats()) >= 60 and sum(n.startswith("providers.toml") for n in names) >= 60
    assert sum("#match?" in n for n in names) >= 100
    assert any(n.endswith(" regex") for n in names)  # rules matched by a regex
    assert any(n.endswith(("contains", "from_request")) for n in names)
    for module_pattern in ("guards.extract.patches._FILE_OP", "proxy.sse._BOUNDARY"):
        assert module_pattern in names
    modules = [name for name, _ in _module_patterns()]
    stale = [key for key in USES if not any(_covers(key, n) for n in modules)]
    assert not stale, f"USES names patterns that no longer exist: {sorted(stale)}"


def test_query_predicates_are_read_the_way_tree_sitter_reads_strings():
    query = r'((identifier) @x (#match? @x "^a\\.b\\\\\n$") (#not-match? @x "\"q\""))'
    assert _query_regexes(query) == ["^a\\.b\\\\\n$", '"q"']


@pytest.mark.parametrize(
    "source",
    [r"^\*\*\* File: (.+?)\s*$", r"^=+[ \t]*X[ \t]*>?[ \t]*$", r"\w+\.", r"(?:\d+\.)+x"],
    ids=["lazy-then-trailing-space", "adjacent-optional-runs", "search-everywhere", "nested"],
)
def test_the_check_catches_a_pattern_that_backtracks_polynomially(source: str):
    # shorter runs than the real check, so that this costs little: quadratic is still
    # ten times the bound here, while linear work on these inputs takes microseconds
    assert slow_inputs("sample", re.compile(source), bound=0.02, n=6000)


def test_guessing_the_language_of_blank_lines_is_linear():
    started = time.perf_counter()
    guess_from_content("\n" * 4000)  # 20,000 blank lines take ~20 s, the GIL held
    assert time.perf_counter() - started < 0.1
