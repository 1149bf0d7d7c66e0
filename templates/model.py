"""The in-memory model: one :class:`Template`, a :class:`TemplateSet`, and rendering.

Nothing here touches the file system; :mod:`templates.loader` builds these
objects from TOML files.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from templates.errors import DuplicateTemplateError, UnknownTemplateError

__all__ = ["ANY_LANGUAGE", "SYSTEM_TEXT_HEADER", "Template", "TemplateSet", "render_system_text"]

ANY_LANGUAGE = "*"
"""The ``languages`` entry meaning "applies to code in any language"."""

SYSTEM_TEXT_HEADER = "codetamer secure coding guidance (follow it in all code you write):"
"""The first line of :func:`render_system_text` output."""


@dataclass(frozen=True, slots=True)
class Template:
    """One secure-coding template: a versioned piece of instructions for the model.

    Attributes:
        id: Stable kebab-case id, e.g. ``"secrets-from-environment"``.
        version: Positive integer, bumped on every change of ``text``.
        title: One-line human-readable title.
        languages: Lower-case language names, or ``("*",)`` for any language.
        order: Injection order; lower comes first.
        text: The instructions given to the model, without surrounding blank lines.
        source: The file the template was loaded from.
    """

    id: str
    version: int
    title: str
    languages: tuple[str, ...]
    order: int
    text: str
    source: Path
    sha256: str = field(init=False, repr=False, compare=False)
    """Hex SHA-256 of ``text`` encoded as UTF-8 (64 lower-case digits); identifies the
    exact wording used. Computed once: every provenance record names it."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "sha256", hashlib.sha256(self.text.encode("utf-8")).hexdigest())

    def applies_to(self, language: str | None) -> bool:
        """Tell whether this template should be injected for code in ``language``.

        Args:
            language: A language name such as ``"python"`` (case-insensitive), or
                ``None`` when the language is unknown.

        Returns:
            ``True`` for ``"*"`` templates; for others, ``True`` only when
            ``language`` is one of ``languages`` (never for ``None``).
        """
        if ANY_LANGUAGE in self.languages:
            return True
        return language is not None and language.lower() in self.languages


class TemplateSet:
    """An immutable collection of templates with unique ids, in insertion order."""

    __slots__ = ("_by_id",)

    def __init__(self, templates: Iterable[Template]) -> None:
        """Collect ``templates``.

        Args:
            templates: The templates; their ids must be unique.

        Raises:
            DuplicateTemplateError: Two templates share an id; the message names
                both source files.
        """
        by_id: dict[str, Template] = {}
        for template in templates:
            seen = by_id.get(template.id)
            if seen is not None:
                raise DuplicateTemplateError(template.id, seen.source, template.source)
            by_id[template.id] = template
        self._by_id = by_id

    def get(self, template_id: str) -> Template:
        """Return the template with id ``template_id``.

        Args:
            template_id: The id to look up.

        Returns:
            The template.

        Raises:
            UnknownTemplateError: No template has that id; the message names it.
        """
        try:
            return self._by_id[template_id]
        except KeyError:
            raise UnknownTemplateError(template_id, list(self._by_id)) from None

    def __contains__(self, template_id: object) -> bool:
        return template_id in self._by_id

    def __iter__(self) -> Iterator[Template]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def __repr__(self) -> str:
        return f"TemplateSet({list(self._by_id)!r})"

    @property
    def ids(self) -> list[str]:
        """The ids, in insertion order."""
        return list(self._by_id)

    def select(self, language: str | None) -> list[Template]:
        """Return the templates to inject for code in ``language``.

        Args:
            language: A language name such as ``"python"``, or ``None`` when unknown
                (then only ``"*"`` templates apply).

        Returns:
            The applicable templates sorted by ``(order, id)``.
        """
        chosen = [t for t in self._by_id.values() if t.applies_to(language)]
        return sorted(chosen, key=lambda t: (t.order, t.id))


def render_system_text(templates: Sequence[Template]) -> str:
    """Join templates into the one block of system text injected into a request.

    Args:
        templates: The templates, already in injection order (see
            :meth:`TemplateSet.select`).

    Returns:
        :data:`SYSTEM_TEXT_HEADER`, then each template's text, separated by blank
        lines; the same input always gives the same output. An empty sequence
        gives ``""`` (nothing to inject).
    """
    if not templates:
        return ""
    return "\n\n".join([SYSTEM_TEXT_HEADER, *(t.text for t in templates)])
