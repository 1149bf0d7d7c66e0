"""Errors raised by the ``templates`` package.

Every error is a :class:`TemplateError`, so callers that only want to report
"the templates are broken" catch that one class. The subclasses exist for
callers (and tests) that want to tell the cases apart::

    TemplateError                  base class; never raised directly
    +-- TemplateFileError          a file cannot be read, is not valid TOML, or breaks the schema
    +-- DuplicateTemplateError     two files define the same template id
    +-- UnknownTemplateError       an id that no loaded template has (get(), disabled=...)

Messages always name what is wrong: the file, the key and the offending value,
or the id, so they can be shown to a user as they are.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "DuplicateTemplateError",
    "TemplateError",
    "TemplateFileError",
    "UnknownTemplateError",
]


class TemplateError(Exception):
    """Base class of every error raised by the ``templates`` package."""


class TemplateFileError(TemplateError):
    """A template file cannot be read, parsed or validated.

    Attributes:
        path: The offending file.
        key: The offending top-level key, or ``None`` when the problem is not
            tied to one key (unreadable file, TOML syntax error).
    """

    def __init__(self, path: Path, problem: str, *, key: str | None = None) -> None:
        self.path = path
        self.key = key
        where = f"{path}: key {key!r}" if key is not None else str(path)
        super().__init__(f"{where}: {problem}")


class DuplicateTemplateError(TemplateError):
    """Two template files define the same id.

    Attributes:
        template_id: The id defined twice.
        first: The file that defined it first.
        second: The file that defined it again.
    """

    def __init__(self, template_id: str, first: Path, second: Path) -> None:
        self.template_id = template_id
        self.first = first
        self.second = second
        super().__init__(f"template id {template_id!r} is defined in both {first} and {second}")


class UnknownTemplateError(TemplateError):
    """An id was asked for that no loaded template has.

    Attributes:
        template_id: The unknown id.
    """

    def __init__(self, template_id: str, known: list[str], *, context: str = "") -> None:
        self.template_id = template_id
        prefix = f"{context}: " if context else ""
        listing = ", ".join(sorted(known)) or "none"
        super().__init__(f"{prefix}unknown template id {template_id!r} (known: {listing})")
