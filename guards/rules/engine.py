"""Compile a language's rules into a few queries and run them on a parsed tree.

A language's queries are joined into parts of at most `_PART_BYTES` of query text, each
one `tree_sitter.Query`; a scan runs each part once and maps each match's pattern index
back to its rule (by the byte where the pattern starts in the part's text). Only when a
part does not compile is each of its rules compiled alone, so that the error names the
rule: compiling every rule twice doubled the start-up warm-up.

Parts rather than one query per language: a compile holds the GIL from start to end,
and C++'s rules joined took about 2 s, a stall for every request the proxy served while
it warmed up. Parts of 16 KB keep each compile under about 0.5 s (C++ compiles slowest),
and a scan takes about as long with them (bench/scan.py).
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import re
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass

import tree_sitter

from guards.errors import RuleError
from guards.languages import grammar_for
from guards.model import Confidence, Finding
from guards.rules.families import FAMILIES
from guards.rules.predicates import Facts, evaluate
from guards.rules.schema import Rule, Where

__all__ = ["CompiledRules", "RawMatch", "to_finding"]

_VALUE_TESTS = frozenset({"non_constant", "formatted", "from_request"})
_MATCH_LIMIT = 1024  # in-progress matches at once
_MAX_START_DEPTH = 200  # tree levels at which a match may start
_PART_BYTES = 16_384  # query text compiled at once (a longer rule is a part of its own)
_CAPTURE = re.compile(r"@([A-Za-z_][\w.-]*)")


@dataclass(frozen=True, slots=True)
class RawMatch:
    """A rule's match before it becomes a finding: where it starts, in bytes and points."""

    rule: Rule
    start_byte: int
    line: int  # 0-based
    column_byte: int
    from_request: bool = False  # the judged value visibly comes from request input


class CompiledRules:
    """All rules of one grammar, compiled once."""

    def __init__(
        self,
        grammar: str,
        rules: Iterable[Rule],
        *,
        lock: AbstractContextManager[object] | None = None,
    ) -> None:
        """Compile the rules (each part inside `lock`, when given: a compile holds the
        GIL throughout, and the lock lets other work keep it from starting one).

        Raises:
            RuleError: a rule that does not compile or does not hold together.
        """
        self.grammar = grammar
        language = grammar_for(grammar)
        self.regex_rules: list[tuple[Rule, re.Pattern[str]]] = []
        queried: list[Rule] = []
        for rule in rules:
            if rule.regex is not None:
                self.regex_rules.append((rule, re.compile(rule.regex, re.MULTILINE)))
                continue
            assert rule.query is not None  # the schema guarantees one matcher
            if "#not-any-of?" in rule.query:
                raise RuleError(
                    f"{_named(rule)}: #not-any-of? matches "
                    "everything in this tree-sitter version; use #not-match? with an alternation"
                )
            queried.append(rule)
        groups: list[list[Rule]] = []
        size = 0
        for rule in queried:
            length = len(str(rule.query))
            if not groups or size + length > _PART_BYTES:
                groups.append([])
                size = 0
            groups[-1].append(rule)
            size += length
        # the assignments the `where` tests resolve names through come with the last
        # part, so no part walks the tree for them alone
        assignments = FAMILIES[grammar].assignments
        self.parts: list[_Part] = []
        for i, group in enumerate(groups):
            last = i == len(groups) - 1
            with lock or contextlib.nullcontext():
                part = _Part.compile(language, grammar, group, assignments if last else "")
            self.parts.append(part)

    @property
    def pattern_rules(self) -> list[Rule]:
        """The rule of each pattern, part after part."""
        return [rule for part in self.parts for rule in part.rules]

    def run(self, root: tree_sitter.Node, text: str) -> tuple[list[RawMatch], bool]:
        """Run every rule on one tree (and its text, for regex rules).

        Query time grows with nesting depth, so matches may only start in the first
        `_MAX_START_DEPTH` levels and at most `_MATCH_LIMIT` may be in progress at once;
        that bounds the time on pathologically nested code, which normal code never nears.

        Returns:
            The matches, and False when the code is nested past those bounds and so
            was only partly judged.
        """
        matches: list[RawMatch] = []
        complete = True
        if self.parts:
            found: list[list[tuple[int, dict[str, list[tree_sitter.Node]]]]] = []
            for part in self.parts:
                cursor = tree_sitter.QueryCursor(part.query, match_limit=_MATCH_LIMIT)
                cursor.set_max_start_depth(_MAX_START_DEPTH)
                found.append(cursor.matches(root))
                complete = complete and not cursor.did_exceed_match_limit
            complete = complete and not _deeper_than(root, _MAX_START_DEPTH)
            last, first = found[-1], self.parts[-1].assignments_from
            facts = Facts(self.grammar, root, [caps for i, caps in last if i >= first])
            for part, part_found in zip(self.parts, found, strict=True):
                matches += part.matches(facts, part_found)
        for rule, pattern in self.regex_rules:
            for m in pattern.finditer(text):
                line = text.count("\n", 0, m.start())
                col = m.start() - (text.rfind("\n", 0, m.start()) + 1)
                matches.append(RawMatch(rule, -1, line, col))
        return matches, complete


@dataclass(frozen=True, slots=True)
class _Part:
    """Some of a language's rules as one compiled query, and the rule of each pattern."""

    query: tree_sitter.Query
    rules: list[Rule]  # by pattern index; the assignments' patterns come after them
    # the `where` tests that apply to each pattern: those whose capture it declares
    where: list[tuple[Where, ...]]

    @property
    def assignments_from(self) -> int:
        """The index of the first assignment pattern (none: the pattern count)."""
        return len(self.rules)

    @classmethod
    def compile(
        cls, language: tree_sitter.Language, grammar: str, rules: list[Rule], assignments: str
    ) -> _Part:
        """Join the rules' queries (and the assignments') into one query.

        Each pattern is mapped to its rule by the byte it starts at; every rule's
        patterns must capture something and declare what its tests name.

        Raises:
            RuleError: a query that does not compile (naming its rule), or a rule whose
                patterns capture nothing or lack a capture its tests name.
        """
        sources = [str(rule.query) for rule in rules] + ([assignments] if assignments else [])
        joined = "\n".join(sources)
        try:
            query = tree_sitter.Query(language, joined)
        except tree_sitter.QueryError:
            for rule in rules:  # compiled alone, the culprit names itself
                _compile_alone(language, grammar, rule)
            raise RuleError(f"the {grammar} rules do not compile together") from None
        # the byte each rule's source starts at in the joined text (+1: the newline)
        starts = [0, *itertools.accumulate(len(s.encode()) + 1 for s in sources[:-1])]
        text = joined.encode()
        captures = {query.capture_name(i) for i in range(query.capture_count)}
        declared_by: list[set[str]] = [set() for _ in rules]
        owners: list[Rule] = []
        where: list[tuple[Where, ...]] = []
        for index in range(query.pattern_count):
            start = query.start_byte_for_pattern(index)
            owner = bisect.bisect_right(starts, start) - 1
            if owner >= len(rules):
                break  # the assignments' patterns: they come last
            rule = rules[owner]
            pattern = text[start : query.end_byte_for_pattern(index)].decode()
            declared = set(_CAPTURE.findall(pattern)) & captures
            if not declared:
                raise RuleError(
                    f"{_named(rule)}: pattern captures nothing (a predicate outside its pattern?)"
                )
            declared_by[owner] |= declared
            owners.append(rule)
            where.append(tuple(w for w in rule.where if w.capture in declared))
        for rule, declared in zip(rules, declared_by, strict=True):
            if missing := {w.capture for w in rule.where} - declared:
                raise RuleError(
                    f"{_named(rule)}: 'where' names captures the query lacks: {sorted(missing)}"
                )
        return cls(query, owners, where)

    def matches(
        self, facts: Facts, found: list[tuple[int, dict[str, list[tree_sitter.Node]]]]
    ) -> list[RawMatch]:
        """The query's matches whose rule's `where` tests hold."""
        matches: list[RawMatch] = []
        for index, caps in found:
            if index >= len(self.rules):
                continue
            rule, where = self.rules[index], self.where[index]
            if all(_holds(facts, w.test, caps.get(w.capture, ()), w.value) for w in where):
                node = _anchor(caps)
                # the values a rule judges; captures only searched for text are not values
                judged = [
                    n for w in where if w.test in _VALUE_TESTS for n in caps.get(w.capture, ())
                ]
                tainted = any(facts.from_request(n) for n in judged)
                matches.append(
                    RawMatch(
                        rule, node.start_byte, node.start_point[0], node.start_point[1], tainted
                    )
                )
        return matches


def _deeper_than(root: tree_sitter.Node, limit: int) -> bool:
    """True when the tree has a node more than `limit` levels down.

    A subtree is at most as deep as it has descendants, so one whose descendant count
    keeps it within the limit is skipped whole: on ordinary code only the first levels
    are visited.
    """
    cursor = root.walk()
    depth = 0
    while True:
        node = cursor.node
        assert node is not None  # a cursor always stands on a node
        if depth + node.descendant_count - 1 > limit and cursor.goto_first_child():
            depth += 1
            if depth > limit:
                return True
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return False
            depth -= 1


def _holds(facts: Facts, test: str, nodes: Sequence[tree_sitter.Node], value: str | None) -> bool:
    return bool(nodes) and all(evaluate(facts, test, n, value) for n in nodes)


def _anchor(caps: dict[str, list[tree_sitter.Node]]) -> tree_sitter.Node:
    if "match" in caps:
        return caps["match"][0]
    return min((n for nodes in caps.values() for n in nodes), key=lambda n: n.start_byte)


_DATAFLOW = frozenset({"non_constant", "formatted"})


def _confidence(raw: RawMatch) -> Confidence:
    """High when the judged value comes from request input; at most medium when a rule
    judges a value whose source it cannot see; the rule's own otherwise."""
    if raw.from_request:
        return Confidence.HIGH
    if raw.rule.confidence is Confidence.HIGH and any(w.test in _DATAFLOW for w in raw.rule.where):
        return Confidence.MEDIUM
    return raw.rule.confidence


def to_finding(raw: RawMatch, lines: Sequence[str], path: str | None) -> Finding:
    """Turn a raw match into a finding, with a 1-based character column and its line."""
    rule = raw.rule
    line_text = lines[raw.line] if raw.line < len(lines) else ""
    if raw.start_byte >= 0:
        prefix = line_text.encode("utf-8", "replace")[: raw.column_byte]
        column = len(prefix.decode("utf-8", "replace")) + 1
    else:
        column = raw.column_byte + 1
    return Finding(
        rule_id=rule.id,
        name=rule.name,
        cwe=rule.cwe,
        severity=rule.severity,
        confidence=_confidence(raw),
        message=rule.message,
        fix=rule.fix,
        line=raw.line + 1,
        column=column,
        snippet=line_text.strip()[:200],
        path=path,
    )


def _named(rule: Rule) -> str:
    return f"{rule.source or 'rule'}: rule {rule.id} ({rule.name})"


def _compile_alone(language: tree_sitter.Language, grammar: str, rule: Rule) -> None:
    """Compile one rule's query; a query that does not compile is a RuleError naming it."""
    try:
        tree_sitter.Query(language, str(rule.query))
    except tree_sitter.QueryError as exc:
        raise RuleError(f"{_named(rule)}: query does not compile for {grammar}: {exc}") from None
