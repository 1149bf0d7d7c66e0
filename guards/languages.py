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
    "guess_from_content",
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
    rule_languages: tuple[str, ...] = ()  # whose rules also apply (tsx: typescript, cpp: c)

    @property
    def rules_for(self) -> frozenset[str]:
        """The language names whose rules apply to this grammar."""
        return frozenset((self.name, *self.rule_languages))


LANGUAGES: dict[str, LanguageSpec] = {
    spec.name: spec
    for spec in (
        LanguageSpec(
            "python",
            "tree_sitter_python",
            "language",
            (".py", ".pyi", ".pyw"),
            ("py", "python3", "py3", "gyp"),
            ("python", "python3"),
        ),
        LanguageSpec(
            "javascript",
            "tree_sitter_javascript",
            "language",
            (".js", ".mjs", ".cjs", ".jsx"),
            ("js", "jsx", "node", "nodejs", "mjs", "cjs"),
            ("node", "nodejs", "deno", "bun"),
        ),
        LanguageSpec(
            "typescript",
            "tree_sitter_typescript",
            "language_typescript",
            (".ts", ".mts", ".cts"),
            ("ts", "mts", "cts"),
            ("ts-node",),
        ),
        LanguageSpec(
            "tsx",
            "tree_sitter_typescript",
            "language_tsx",
            (".tsx",),
            (),
            (),
            rule_languages=("typescript",),
        ),
        LanguageSpec(
            "java",
            "tree_sitter_java",
            "language",
            (".java",),
            ("jav",),
            ("java",),
        ),
        LanguageSpec(
            "go",
            "tree_sitter_go",
            "language",
            (".go",),
            ("golang",),
            (),
        ),
        LanguageSpec(
            "c",
            "tree_sitter_c",
            "language",
            (".c", ".h"),
            ("h",),
            ("tcc",),
        ),
        LanguageSpec(
            "cpp",
            "tree_sitter_cpp",
            "language",
            (".cpp", ".cc", ".cxx", ".c++", ".hpp", ".hh", ".hxx", ".ino"),
            ("c++", "cc", "cxx", "hpp", "cplusplus"),
            (),
            rule_languages=("c",),
        ),
        LanguageSpec(
            "csharp",
            "tree_sitter_c_sharp",
            "language",
            (".cs", ".csx"),
            ("cs", "c#", "c-sharp", "dotnet"),
            ("dotnet-script",),
        ),
        LanguageSpec(
            "php",
            "tree_sitter_php",
            "language_php",
            (".php", ".phtml", ".php8"),
            ("php8", "php7"),
            ("php",),
        ),
        LanguageSpec(
            "php_only",
            "tree_sitter_php",
            "language_php_only",
            (),
            (),
            (),
            rule_languages=("php",),
        ),
        LanguageSpec(
            "ruby",
            "tree_sitter_ruby",
            "language",
            (".rb", ".rake", ".gemspec", ".ru"),
            ("rb", "jruby"),
            ("ruby", "jruby"),
        ),
        LanguageSpec(
            "rust",
            "tree_sitter_rust",
            "language",
            (".rs",),
            ("rs",),
            ("rust-script",),
        ),
        LanguageSpec(
            "bash",
            "tree_sitter_bash",
            "language",
            (".sh", ".bash", ".zsh", ".ksh"),
            ("sh", "shell", "zsh", "ksh", "shellscript", "shell-script"),
            ("bash", "sh", "zsh", "dash", "ksh", "ash"),
        ),
    )
}
"""Every grammar: the twelve languages, plus the TSX and tag-less PHP variants."""

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
    *,
    tag: str | None = None,
    path: str | None = None,
    code: str | None = None,
    content: bool = True,
) -> str | None:
    """Tell the language of code from a fence tag, a file path, or a shebang line.

    Args:
        tag: a markdown fence's language tag, if any.
        path: a file name or path, if any.
        code: the code itself: its shebang line, and its content when nothing else tells.
        content: False to skip guessing from content.

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
    if code and content and not tag:  # an unknown tag (json, text, yaml) is not code to guess
        return guess_from_content(code)
    return None


_SIGNS: dict[str, tuple[str, ...]] = {
    "python": (
        r"^[^\S\n]*def \w+\(.*\):",
        r"^[^\S\n]*(from [\w.]+ )?import \w",
        r"^if __name__ == ",
        r"^[^\S\n]*elif ",
        r"\bself\.\w+",
        r"^[^\S\n]*class \w+(\(.*\))?:\s*$",
        r"\bNone\b",
    ),
    "javascript": (
        r"\b(const|let|var) \w+ = ",
        r"\bfunction\s*+\w*+\s*+\(",
        r"=> ",
        r"\brequire\(",
        r"\bconsole\.log\(",
        r"\bmodule\.exports\b",
        r"^export (default|const|function)",
    ),
    "typescript": (
        r"\binterface \w+ \{",
        r"^type \w+ = ",
        r": (string|number|boolean|any|void)\b",
        r"\bas const\b",
        r"<\w+>\(",
        r"\bimport type\b",
    ),
    "java": (
        r"\bpublic (static |final )*(class|void|interface)\b",
        r"\bSystem\.out\.print",
        r"^import java\.",
        r"@Override\b",
        r"^package [\w.]+;",
        r"\bString\[\] args\b",
    ),
    "go": (
        r"^package \w+\s*$",
        r"^func (\(\w+ \*?\w+\) )?\w+\(",
        r"\b\w++ := ",
        r"^import \($",
        r"\bfmt\.\w+\(",
        r"\berr != nil\b",
    ),
    "c": (
        r"^#include <\w+\.h>",
        r"\bint main\s*\(",
        r"\bprintf\s*\(",
        r"\bmalloc\s*\(",
        r"\bchar \*?\w+(\[\d*\])?\s*[;=]",
        r"\bsizeof\s*\(",
    ),
    "cpp": (
        r"^#include <(iostream|vector|string|memory|map|algorithm)>",
        r"\bstd::",
        r"\bcout\s*<<",
        r"\btemplate\s*<",
        r"^namespace \w+",
        r"\bnullptr\b",
        r"\bauto \w+ = ",
    ),
    "csharp": (
        r"^using System",
        r"^[^\S\n]*namespace [\w.]+",
        r"\bConsole\.Write",
        r"\[Http(Get|Post)",
        r"\bpublic (async )?(Task|void|string|int|bool|class)\b",
        r"\bvar \w+ = new ",
    ),
    "php": (
        r"<\?php",
        r"^[^\S\n]*\$\w+\s*=",
        r"\becho\s",
        r"\bfunction \w+\(\$",
        r"\$_(GET|POST|REQUEST)\b",
        r"\$this->",
    ),
    "ruby": (
        r"^[^\S\n]*def \w+[?!]?(\(.*\))?\s*$",
        r"^[^\S\n]*end\s*$",
        r"^require ['\"]",
        r"\bputs\b",
        r"^[^\S\n]*class \w+ < \w+",
        r"\battr_(accessor|reader)\b",
        r"\bdo \|\w+",
    ),
    "rust": (
        r"\bfn \w+\s*[(<]",
        r"\blet mut\b",
        r"^[^\S\n]*impl\b",
        r"^use (std|crate)::",
        r"\bprintln!\(",
        r"\bpub fn\b",
        r"-> Result<",
    ),
    "bash": (
        r"^#!.*\b(ba|z|da)?sh\b",
        r"^[^\S\n]*(echo|export|sudo|apt-get|chmod|curl|cd|mkdir) ",
        r"^[^\S\n]*if \[\[? ",
        r"^[^\S\n]*(fi|done|esac)\s*$",
        r"^[^\S\n]*then\s*$",
        r"\$\{?\w+\}?",
    ),
}
_SIGN_PATTERNS = {
    lang: [re.compile(p, re.MULTILINE) for p in signs] for lang, signs in _SIGNS.items()
}


def guess_from_content(code: str) -> str | None:
    """Tell a language from the code alone, when a tag, path and shebang say nothing.

    Counts each language's distinctive signs in the first 20,000 characters; the
    language with the most wins if it shows at least two and clearly leads.
    """
    head = code[:20_000]
    scores = {lang: sum(1 for p in pats if p.search(head)) for lang, pats in _SIGN_PATTERNS.items()}
    # a C++ or TypeScript sign outweighs the C or JavaScript it contains
    if scores["cpp"] >= 1:
        scores["cpp"] += scores["c"]
    if scores["typescript"] >= 1:
        scores["typescript"] += scores["javascript"]
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    return best if top >= 2 and top > second else None


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
