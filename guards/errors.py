"""Errors raised by the guards.

Hierarchy::

    GuardError
    ├── LanguageError      an unknown or unsupported language name
    ├── RuleError          a rule file or user rule that does not load or compile
    └── ScanFailed         the scan process gave no reports for a scan
        ├── ScanCrashed    it ended (a crash in a grammar, killed) while scanning
        └── ScanOverran    it overran the scan's time budget, and was ended for it
"""

from __future__ import annotations

__all__ = ["GuardError", "LanguageError", "RuleError", "ScanCrashed", "ScanFailed", "ScanOverran"]


class GuardError(Exception):
    """Base class of every error the guards raise."""


class LanguageError(GuardError):
    """A language name that no guard knows."""


class RuleError(GuardError):
    """A rule that does not load or compile; the message names the rule and its source."""


class ScanFailed(GuardError):
    """The scan process gave no reports: it could not start, or ended, or overran.

    The message says why, in words fit for a finding ("the scan process ...").
    """


class ScanCrashed(ScanFailed):
    """The scan process ended while it was scanning: a crash in a grammar's C code, or
    a kill from outside."""


class ScanOverran(ScanFailed):
    """A scan overran its time budget; the process was ended so that it stops using a core."""
