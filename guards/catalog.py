"""Every rule id and name any guard can report, for validating policy entries."""

from __future__ import annotations

from functools import cache

from guards.rules import default_ruleset
from guards.secrets import provider_formats
from guards.syntax import SYNTAX_RULE_ID, SYNTAX_RULE_NAME

__all__ = ["GENERIC_SECRET", "known_rule_keys"]

GENERIC_SECRET = ("SEC900", "generic-secret-assignment")
_SCAN_LIMIT = ("SCAN001", "code-too-large-to-scan")


@cache
def known_rule_keys() -> frozenset[str]:
    """Ids and names of the built-in rules, the secret formats, and the syntax check."""
    keys = {SYNTAX_RULE_ID, SYNTAX_RULE_NAME, *GENERIC_SECRET, *_SCAN_LIMIT}
    for rule in default_ruleset():
        keys.update((rule.id, rule.name))
    for fmt in provider_formats():
        keys.update((fmt.id, fmt.name))
    return frozenset(keys)
