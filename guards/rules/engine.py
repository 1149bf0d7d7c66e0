"""Compile a language's rules into one query and run it on a parsed tree.

All of a language's queries are joined into one `tree_sitter.Query`; a scan runs that
query once and maps each match's pattern index back to its rule (by the byte where the
pattern starts in the joined text). Only when the joined query does not compile is
each rule's query compiled alone, so that the error names the rule: compiling every
rule twice doubled the start-up warm-up (about 28 s of the GIL for all languages).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Sequence
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

    def __init__(self, grammar: str, rules: Iterable[Rule]) -> None:
        self.grammar = grammar
        language = grammar_for(grammar)
        self.pattern_rules: list[Rule] = []
        # the `where` tests that apply to each pattern: those whose capture it declares
        self.pattern_where: list[tuple[Where, ...]] = []
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
        self.assignments_from = 0
        self.query: tree_sitter.Query | None = None
        if not queried:
            return
        # the assignments the `where` tests resolve names through come from the same
        # query, so a scan walks the tree once
        sources = [str(rule.query) for rule in queried] + [FAMILIES[grammar].assignments]
        joined = "\n".join(sources)
        try:
            self.query = tree_sitter.Query(language, joined)
        except tree_sitter.QueryError:
            for rule in queried:  # compiled alone, the culprit names itself
                _compile_alone(language, grammar, rule)
            raise RuleError(f"the {grammar} rules do not compile together") from None
        # the byte each rule's source starts at in the joined text (+1: the newline)
        starts = [0, *itertools.accumulate(len(s.encode()) + 1 for s in sources[:-1])]
        self._map_patterns(self.query, queried, joined.encode(), starts)

    def _map_patterns(
        self, query: tree_sitter.Query, queried: list[Rule], joined: bytes, starts: list[int]
    ) -> None:
        """Map each pattern of the joined query to its rule (by the byte it starts at),
        with the `where` tests of the captures it declares; check every rule's patterns
        capture something and declare what its tests name."""
        captures = {query.capture_name(i) for i in range(query.capture_count)}
        declared_by: list[set[str]] = [set() for _ in queried]
        for index in range(query.pattern_count):
            start = query.start_byte_for_pattern(index)
            owner = bisect.bisect_right(starts, start) - 1
            if owner >= len(queried):
                break  # the assignments' patterns: they come last
            rule = queried[owner]
            text = joined[start : query.end_byte_for_pattern(index)].decode()
            declared = set(_CAPTURE.findall(text)) & captures
            if not declared:
                raise RuleError(
                    f"{_named(rule)}: pattern captures nothing (a predicate outside its pattern?)"
                )
            declared_by[owner] |= declared
            self.pattern_rules.append(rule)
            self.pattern_where.append(tuple(w for w in rule.where if w.capture in declared))
        for rule, declared in zip(queried, declared_by, strict=True):
            if missing := {w.capture for w in rule.where} - declared:
                raise RuleError(
                    f"{_named(rule)}: 'where' names captures the query lacks: {sorted(missing)}"
                )
        self.assignments_from = len(self.pattern_rules)

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
        if self.query is not None:
            cursor = tree_sitter.QueryCursor(self.query, match_limit=_MATCH_LIMIT)
            cursor.set_max_start_depth(_MAX_START_DEPTH)
            found = cursor.matches(root)
            complete = not cursor.did_exceed_match_limit and not _deeper_than(
                root, _MAX_START_DEPTH
            )
            first = self.assignments_from
            facts = Facts(self.grammar, root, [caps for i, caps in found if i >= first])
            for index, caps in found:
                if index >= first:
                    continue
                rule, where = self.pattern_rules[index], self.pattern_where[index]
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
        for rule, pattern in self.regex_rules:
            for m in pattern.finditer(text):
                line = text.count("\n", 0, m.start())
                col = m.start() - (text.rfind("\n", 0, m.start()) + 1)
                matches.append(RawMatch(rule, -1, line, col))
        return matches, complete


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
