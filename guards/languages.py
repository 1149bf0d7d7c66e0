"""The languages the guards know: grammars, names, file extensions, detection.

Grammars come from the per-language tree-sitter wheels and load lazily, once per
process, so importing the guards stays cheap.
"""

from __future__ import annotations

import importlib
import re
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import PurePosixPath

import tree_sitter

from guards.errors import LanguageError

__all__ = [
    "LANGUAGES",
    "LanguageSpec",
    "canonical_language",
    "detect_language",
    "grammar_for",
    "parser_for",
]


@dataclass(frozen=True, slots=True)
class LanguageSpec:
    """A language: its canonical name, how to load its grammar, how to recognise it."""

    name: str
    module: str
    function: str
    extensions: tuple[str, ...]
    aliases: tuple[str, ...]
    shebangs: tuple[str, ...] = ()
    rule_language: str = ""  # rules written for this name apply (tsx -> typescript)

    @property
    def rules_for(self) -> str:
        """The language name whose rules apply to this grammar."""
        return self.rule_language or self.name


LANGUAGES: dict[str, LanguageSpec] = {
    spec.name: spec
    for spec in (
        LanguageSpec(
            "python",
            "tree_sitter_python",
            "language",
            (".py", ".pyi", ".pyw"),
            ("py", "python3", "py3", "python", "gyp"),
            ("python", "python3"),
        ),
        LanguageSpec(
            "javascript",
            "tree_sitter_javascript",
            "language",
            (".js", ".mjs", ".cjs", ".jsx"),
            ("js", "javascript", "jsx", "node", "nodejs", "mjs", "cjs"),
            ("node", "nodejs", "deno", "bun"),
        ),
        LanguageSpec(
            "typescript",
            "tree_sitter_typescript",
            "language_typescript",
            (".ts", ".mts", ".cts"),
            ("ts", "typescript", "mts", "cts"),
            ("ts-node", "tsx"),
        ),
        LanguageSpec(
            "tsx",
            "tree_sitter_typescript",
            "language_tsx",
            (".tsx",),
            ("tsx",),
            (),
            rule_language="typescript",
        ),
    )
}

_BY_ALIAS = {
    alias: spec.name for spec in LANGUAGES.values() for alias in (spec.name, *spec.aliases)
}
_BY_EXTENSION = {ext: spec.name for spec in LANGUAGES.values() for ext in spec.extensions}
_BY_INTERPRETER = {i: spec.name for spec in LANGUAGES.values() for i in spec.shebangs}
_SHEBANG = re.compile(r"#![ \t]*(?:\S*/)?(?:env[ \t]+(?:-\S+[ \t]+)*)?([\w.+-]+)")


def canonical_language(name: str | None) -> str | None:
    """Map a language name or fence tag ("py", "TS", "node") to its canonical name.

    Returns None for names no guard knows.
    """
    if not name:
        return None
    return _BY_ALIAS.get(name.strip().lower())


def detect_language(
    *, tag: str | None = None, path: str | None = None, code: str | None = None
) -> str | None:
    """Tell the language of code from a fence tag, a file path, or a shebang line.

    Args:
        tag: a markdown fence's language tag, if any.
        path: a file name or path, if any.
        code: the code itself (only its first line is read, for a shebang).

    Returns:
        The canonical language name, or None when nothing tells.
    """
    by_tag = canonical_language(tag)
    if by_tag:
        return by_tag
    if path:
        pure = PurePosixPath(path.replace("\\", "/"))
        if by_ext := _BY_EXTENSION.get(pure.suffix.lower()):
            return by_ext
    if code and code.startswith("#!"):
        first = code[: code.find("\n")] if "\n" in code else code
        if (m := _SHEBANG.match(first)) and (lang := _BY_INTERPRETER.get(m.group(1).lower())):
            return lang
        if m and m.group(1).lower().startswith("python"):
            return "python"
    return None


@cache
def grammar_for(language: str) -> tree_sitter.Language:
    """Load (once) the tree-sitter grammar of a canonical language name.

    Raises:
        LanguageError: the language has no grammar here.
    """
    spec = LANGUAGES.get(language)
    if spec is None:
        raise LanguageError(f"no grammar for language {language!r}; known: {sorted(LANGUAGES)}")
    module = importlib.import_module(spec.module)
    return tree_sitter.Language(getattr(module, spec.function)())


_local = threading.local()


def parser_for(language: str) -> tree_sitter.Parser:
    """Return this thread's parser for a canonical language name (parsers are not thread-safe)."""
    parsers: dict[str, tree_sitter.Parser] = _local.__dict__.setdefault("parsers", {})
    parser = parsers.get(language)
    if parser is None:
        parser = parsers[language] = tree_sitter.Parser(grammar_for(language))
    return parser
