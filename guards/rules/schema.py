"""The shape of a rule: one record, the same for built-in and user rules.

A rule matches with a tree-sitter query or with a regex, may narrow its matches with
`where` tests on the query's captures (see guards.rules.predicates), and documents
itself in four parts. Built-in rules live as TOML files beside their fixtures.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from guards.errors import RuleError
from guards.languages import LANGUAGES
from guards.model import Confidence, Severity

__all__ = ["Rule", "RuleDocs", "Where", "load_rule_file", "rule_from_mapping"]

Test = Literal[
    "non_constant", "formatted", "from_request", "lacks_keyword", "contains", "not_contains"
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RuleDocs(_Strict):
    """The four parts every rule documents: what it does, why it is bad, example, use instead."""

    what: str = Field(min_length=1)
    why: str = Field(min_length=1)
    example: str = Field(min_length=1)
    instead: str = Field(min_length=1)


class Where(_Strict):
    """A test on one capture of the rule's query; a match stands only if every test holds."""

    capture: str
    test: Test
    value: str | None = None


class Rule(_Strict):
    """One rule: identity, judgement, match, and docs."""

    id: str = Field(pattern=r"^[A-Z]{2,5}\d{3}$")
    name: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    languages: tuple[str, ...] = Field(min_length=1)
    cwe: int | None = None
    severity: Severity
    confidence: Confidence = Confidence.HIGH
    message: str = Field(min_length=1)
    fix: str = Field(min_length=1)
    query: str | None = None
    regex: str | None = None
    where: tuple[Where, ...] = ()
    docs: RuleDocs
    source: str = Field(default="", exclude=True)

    @model_validator(mode="after")
    def _one_matcher(self) -> Rule:
        unknown = [lang for lang in self.languages if lang not in LANGUAGES]
        if unknown:
            raise ValueError(f"unknown languages {unknown}; known: {sorted(LANGUAGES)}")
        if (self.query is None) == (self.regex is None):
            raise ValueError("a rule has exactly one of 'query' or 'regex'")
        if self.regex is not None:
            if self.where:
                raise ValueError("'where' tests apply to query captures, not to a regex")
            try:
                re.compile(self.regex)
            except re.error as exc:
                raise ValueError(f"regex does not compile: {exc}") from exc
        return self


def rule_from_mapping(data: dict[str, object], source: str) -> Rule:
    """Validate one rule given as plain data.

    Args:
        data: the rule's keys and values (from a rule file or a config's user rules).
        source: where it came from, named in errors.

    Raises:
        RuleError: naming the source, the key and the value at fault.
    """
    try:
        return Rule.model_validate({**data, "source": source})
    except ValidationError as exc:
        name = data.get("id") or data.get("name") or "?"
        problems = "; ".join(
            f"key '{'.'.join(str(p) for p in err['loc']) or '-'}': {err['msg']}"
            + (f" (got {err['input']!r})" if err["type"] != "missing" and err["loc"] else "")
            for err in exc.errors()
        )
        raise RuleError(f"{source}: rule {name}: {problems}") from None


def load_rule_file(path: Path) -> Rule:
    """Load one rule from a TOML file.

    Raises:
        RuleError: the file is not valid TOML or not a valid rule.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RuleError(f"{path}: {exc}") from None
    return rule_from_mapping(data, str(path))
