"""Errors raised by the guards.

Hierarchy::

    GuardError
    ├── LanguageError      an unknown or unsupported language name
    └── RuleError          a rule file or user rule that does not load or compile
"""

from __future__ import annotations

__all__ = ["GuardError", "LanguageError", "RuleError"]


class GuardError(Exception):
    """Base class of every error the guards raise."""


class LanguageError(GuardError):
    """A language name that no guard knows."""


class RuleError(GuardError):
    """A rule that does not load or compile; the message names the rule and its source."""
