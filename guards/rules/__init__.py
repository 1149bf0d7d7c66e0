"""Insecure-pattern rules: the schema, the registry, and the compiled per-language queries.

Built-in rules are TOML files under guards/rules/<language>/, each beside a fixture file
of the same stem whose `ruleid:` / `ok:` comments say which lines the rule must and must
not flag.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from functools import cache
from pathlib import Path

from guards.errors import LanguageError, RuleError
from guards.languages import LANGUAGES
from guards.rules.engine import CompiledRules, RawMatch, to_finding
from guards.rules.schema import Rule, RuleDocs, Where, load_rule_file, rule_from_mapping

__all__ = [
    "CompiledRules",
    "RawMatch",
    "Rule",
    "RuleDocs",
    "RuleSet",
    "Where",
    "builtin_rules_dir",
    "compile_rules",
    "default_ruleset",
    "fixture_for",
    "load_builtin_rules",
    "rule_from_mapping",
    "to_finding",
]


class RuleSet:
    """Rules indexed by id and by name, compiled per grammar on first use."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self._by_id: dict[str, Rule] = {}
        self._by_name: dict[str, Rule] = {}
        for rule in rules:
            for index, key in ((self._by_id, rule.id), (self._by_name, rule.name)):
                if (other := index.get(key)) is not None:
                    raise RuleError(
                        f"rule {key!r} is defined twice: in {other.source or '?'} "
                        f"and in {rule.source or '?'}"
                    )
                index[key] = rule
        self._compiled: dict[str, CompiledRules] = {}
        self._locks = {grammar: threading.Lock() for grammar in LANGUAGES}

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, key: object) -> bool:
        return key in self._by_id or key in self._by_name

    def get(self, key: str) -> Rule:
        """Return a rule by id ("PY001") or by name ("subprocess-shell-true").

        Raises:
            RuleError: no rule has that id or name.
        """
        rule = self._by_id.get(key) or self._by_name.get(key)
        if rule is None:
            raise RuleError(f"unknown rule {key!r}")
        return rule

    def with_rules(self, extra: Iterable[Rule]) -> RuleSet:
        """Return a new set holding these rules and the extra ones."""
        return RuleSet([*self, *extra])

    def is_compiled(self, grammar: str) -> bool:
        """True once a grammar's rules are compiled (a scan of it waits for no compile)."""
        return grammar in self._compiled

    def compiled(
        self, grammar: str, *, lock: AbstractContextManager[object] | None = None
    ) -> CompiledRules:
        """Return the rules that apply to a grammar, compiled into a few queries (cached).

        Args:
            grammar: the grammar's name (a key of LANGUAGES).
            lock: held while each query compiles (a compile holds the GIL throughout;
                the scan process's warm-up passes the lock its scans hold).
        """
        compiled = self._compiled.get(grammar)
        if compiled is None:
            with self._locks[grammar]:  # one grammar's compile never waits for another's
                compiled = self._compiled.get(grammar)
                if compiled is None:
                    names = LANGUAGES[grammar].rules_for
                    rules = [r for r in self if names.intersection(r.languages)]
                    compiled = CompiledRules(grammar, rules, lock=lock)
                    self._compiled[grammar] = compiled
        return compiled


def compile_rules(language: str, rules: Iterable[Rule]) -> CompiledRules:
    """Compile rules for one language's grammar (validates a user rule's query).

    Raises:
        RuleError: a query that does not compile, naming the rule and its source.
        LanguageError: an unknown language.
    """
    if language not in LANGUAGES:
        raise LanguageError(f"unknown language {language!r}; known: {sorted(LANGUAGES)}")
    return CompiledRules(language, rules)


def builtin_rules_dir() -> Path:
    """The folder holding the built-in rule files."""
    return Path(__file__).parent


def load_builtin_rules() -> list[Rule]:
    """Load every built-in rule file, in a stable order."""
    return [load_rule_file(p) for p in sorted(builtin_rules_dir().glob("*/*.toml"))]


def fixture_for(rule: Rule) -> Path | None:
    """The fixture file beside a built-in rule's file, or None when it has none."""
    if not rule.source:
        return None
    source = Path(rule.source)
    candidates = [p for p in source.parent.glob(source.stem + ".*") if p.suffix != ".toml"]
    return candidates[0] if len(candidates) == 1 else None


@cache
def default_ruleset() -> RuleSet:
    """The built-in rules, loaded once per process."""
    return RuleSet(load_builtin_rules())
