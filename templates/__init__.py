"""Versioned secure-coding templates: the data injected into requests, and its loader.

Templates are TOML files, one per file (see :mod:`templates.loader` for the
format). The built-ins live in ``templates/builtin``; users add or override
templates with their own directories.

Typical use::

    from templates import guess_language, load_templates, render_system_text

    template_set = load_templates([user_dir], disabled={"observability-by-default"})
    chosen = template_set.select(guess_language(prompt))
    system_text = render_system_text(chosen)

This package depends on neither ``proxy`` nor ``guards``.
"""

from templates.errors import (
    DuplicateTemplateError,
    TemplateError,
    TemplateFileError,
    UnknownTemplateError,
)
from templates.language import Language, guess_language
from templates.loader import builtin_dir, load_template_file, load_templates
from templates.model import Template, TemplateSet, render_system_text

__all__ = [
    "DuplicateTemplateError",
    "Language",
    "Template",
    "TemplateError",
    "TemplateFileError",
    "TemplateSet",
    "UnknownTemplateError",
    "builtin_dir",
    "guess_language",
    "load_template_file",
    "load_templates",
    "render_system_text",
]
