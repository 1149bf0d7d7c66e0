"""Every built-in rule flags exactly the lines its fixture marks, and documents itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import guards
from guards.errors import RuleError
from guards.rules import Rule, RuleSet, default_ruleset, engine, fixture_for, rule_from_mapping

RULES = sorted(default_ruleset(), key=lambda r: r.id)
_MARK = re.compile(r"(?:#|//|/\*)\s*(ruleid|ok):\s*([\w-]+(?:\s*,\s*[\w-]+)*)")


def expected_lines(fixture: Path, name: str) -> tuple[set[int], set[int]]:
    """Lines marked `ruleid: name` and `ok: name` (the first code line after the mark)."""
    lines = fixture.read_text(encoding="utf-8").splitlines()
    flagged: set[int] = set()
    clean: set[int] = set()
    for index, line in enumerate(lines):
        mark = _MARK.search(line)
        if not mark or name not in {n.strip() for n in mark[2].split(",")}:
            continue
        target = next(
            i
            for i in range(index + 1, len(lines))
            if lines[i].strip() and not _MARK.search(lines[i])
        )
        (flagged if mark[1] == "ruleid" else clean).add(target + 1)
    return flagged, clean


def test_there_are_at_least_twelve_python_rules_over_distinct_cwes():
    python = [r for r in RULES if "python" in r.languages]
    assert len(python) >= 12
    assert len({r.cwe for r in python}) >= 10


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.id}-{r.name}")
def test_rule_flags_exactly_the_lines_its_fixture_marks(rule: Rule):
    fixture = fixture_for(rule)
    assert fixture is not None, f"{rule.id} has no fixture beside {rule.source}"
    flagged, clean = expected_lines(fixture, rule.name)
    assert flagged, f"{fixture} marks no `ruleid: {rule.name}` line"
    assert clean, f"{fixture} marks no `ok: {rule.name}` line"
    report = guards.scan(fixture.read_text(encoding="utf-8"), None, path=fixture.name)
    found = {f.line for f in report.findings if f.rule_id == rule.id}
    assert found == flagged, f"missed {sorted(flagged - found)}, extra {sorted(found - flagged)}"
    assert not found & clean


def test_a_language_whose_queries_are_long_is_compiled_in_parts_of_bounded_size():
    compiled = RuleSet(RULES).compiled("cpp")
    assert len(compiled.parts) > 1
    for part in compiled.parts:
        size = sum(len(str(rule.query)) for rule in set(part.rules))
        assert size <= engine._PART_BYTES or len(set(part.rules)) == 1
    # every rule is in exactly one part, and only the last part has the assignments
    owners = [rule.id for part in compiled.parts for rule in dict.fromkeys(part.rules)]
    assert len(owners) == len(set(owners))
    *rest, last = compiled.parts
    assert last.query.pattern_count > last.assignments_from
    assert all(p.query.pattern_count == p.assignments_from for p in rest)


def test_rules_split_one_per_part_flag_what_the_usual_parts_flag(
    monkeypatch: pytest.MonkeyPatch,
):
    fixtures = sorted({f for rule in RULES if (f := fixture_for(rule)) is not None})
    usual = RuleSet(RULES)
    monkeypatch.setattr(engine, "_PART_BYTES", 1)  # each rule a query of its own
    apart = RuleSet(RULES)
    assert len(apart.compiled("python").parts) == len(
        {r.id for r in RULES if r.query and "python" in r.languages}
    )
    for fixture in fixtures:
        code = fixture.read_text(encoding="utf-8")

        def found(rules: RuleSet, code: str = code, name: str = fixture.name) -> list[object]:
            report = guards.scan(code, None, path=name, rules=rules)
            return sorted((f.rule_id, f.line, f.column, f.confidence) for f in report.findings)

        assert found(apart) == found(usual), fixture.name


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.id}-{r.name}")
def test_rule_documents_what_why_example_and_instead(rule: Rule):
    for part in ("what", "why", "example", "instead"):
        assert getattr(rule.docs, part).strip(), f"{rule.id} docs.{part} is empty"
    assert rule.cwe is not None and rule.cwe > 0


def test_a_rule_without_docs_is_rejected_with_the_source_and_key_named():
    with pytest.raises(RuleError, match=r"config\.toml: rule XX001: key 'docs'"):
        rule_from_mapping(
            {
                "id": "XX001",
                "name": "x",
                "languages": ["python"],
                "severity": "high",
                "message": "m",
                "fix": "f",
                "regex": "x",
            },
            "config.toml",
        )


def test_a_query_that_does_not_compile_is_an_error_naming_the_rule():
    bad = rule_from_mapping(
        {
            "id": "XX002",
            "name": "broken-query",
            "languages": ["python"],
            "severity": "high",
            "message": "m",
            "fix": "f",
            "query": "(call (no_such_node))",
            "docs": {"what": "w", "why": "w", "example": "e", "instead": "i"},
        },
        "user.toml",
    )
    with pytest.raises(
        RuleError, match=r"user\.toml: rule XX002 \(broken-query\): query does not compile"
    ):
        default_ruleset().with_rules([bad]).compiled("python")


def user_rule(rule_id: str, query: str, **extra: object) -> Rule:
    return rule_from_mapping(
        {
            "id": rule_id,
            "name": f"user-{rule_id.lower()}",
            "languages": ["python"],
            "severity": "high",
            "message": "m",
            "fix": "f",
            "query": query,
            "docs": {"what": "w", "why": "w", "example": "e", "instead": "i"},
            **extra,
        },
        "user.toml",
    )


def test_each_pattern_of_the_joined_query_is_mapped_to_its_own_rule():
    # two user rules after the built-ins, the second with two patterns
    first = user_rule("XX010", '((call function: (identifier) @fn) @m (#eq? @fn "frob"))')
    second = user_rule(
        "XX011",
        '((call function: (identifier) @g) @m (#eq? @g "twiddle"))\n'
        '((call function: (identifier) @h) @m (#eq? @h "tweak"))',
    )
    ruleset = default_ruleset().with_rules([first, second])
    mine = [r.id for r in ruleset.compiled("python").pattern_rules if r.id.startswith("XX")]
    assert mine == ["XX010", "XX011", "XX011"]
    report = guards.scan("frob()\ntwiddle()\ntweak()\n", "python", rules=ruleset)
    assert sorted(f.rule_id for f in report.findings if f.rule_id.startswith("XX")) == [
        "XX010",
        "XX011",
        "XX011",
    ]


def test_a_where_test_on_a_capture_the_query_lacks_is_an_error_naming_the_rule():
    bad = user_rule(
        "XX003",
        "(call function: (identifier) @fn) @m",
        where=[{"capture": "arg", "test": "non_constant"}],
    )
    with pytest.raises(
        RuleError, match=r"rule XX003 \(user-xx003\): 'where' names captures the query lacks"
    ):
        default_ruleset().with_rules([bad]).compiled("python")


def test_a_pattern_that_captures_nothing_is_an_error_naming_the_rule():
    bad = user_rule("XX004", "(call function: (identifier) @fn) @m\n(string)")
    with pytest.raises(RuleError, match=r"rule XX004 \(user-xx004\): pattern captures nothing"):
        default_ruleset().with_rules([bad]).compiled("python")


def test_rule_ids_and_names_are_unique_and_unknown_ones_are_errors():
    ruleset = default_ruleset()
    assert len({r.name for r in ruleset}) == len(ruleset)
    assert ruleset.get("PY001").name == "subprocess-shell-true"
    assert ruleset.get("subprocess-shell-true").id == "PY001"
    with pytest.raises(RuleError, match="unknown rule 'PY999'"):
        ruleset.get("PY999")


def test_the_rule_reference_page_is_generated_and_current():
    from pathlib import Path

    from guards.docs import render_rules_markdown

    page = Path(__file__).parents[2] / "docs" / "rules.md"
    assert page.exists(), "run: uv run python -m guards.docs docs/rules.md"
    assert page.read_text(encoding="utf-8") == render_rules_markdown(), (
        "docs/rules.md is stale: run uv run python -m guards.docs docs/rules.md"
    )
