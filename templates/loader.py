"""Loading templates from TOML files: one template per ``*.toml`` file.

File format (every key required, no other keys allowed)::

    id = "secrets-from-environment"   # kebab-case, stable
    version = 3                       # positive integer, bumped on every text change
    title = "Secrets as placeholders read from the environment"
    languages = ["*"]                 # "*" alone, or lower-case names like ["python"]
    order = 10                        # injection order, lower first
    text = \"\"\"
    ...instructions for the model...
    \"\"\"

``text`` is stored with surrounding whitespace stripped.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import TypeGuard

from templates.errors import TemplateFileError, UnknownTemplateError
from templates.model import ANY_LANGUAGE, Template, TemplateSet

__all__ = ["builtin_dir", "load_template_file", "load_templates"]

_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LANGUAGE_RE = re.compile(r"[a-z][a-z0-9+#.-]*")

# Each checker returns None when the value is fine, else "expected ...".
_Checker = Callable[[object], str | None]


def _is_int(value: object) -> TypeGuard[int]:
    # TOML booleans load as bool, which is a subclass of int: refuse them.
    return isinstance(value, int) and not isinstance(value, bool)


def _check_id(value: object) -> str | None:
    if isinstance(value, str) and _ID_RE.fullmatch(value):
        return None
    return "expected a kebab-case string such as 'secure-defaults'"


def _check_version(value: object) -> str | None:
    if _is_int(value) and value > 0:
        return None
    return "expected a positive integer"


def _check_title(value: object) -> str | None:
    if isinstance(value, str) and value.strip() and "\n" not in value:
        return None
    return "expected a non-empty one-line string"


def _check_languages(value: object) -> str | None:
    expected = 'expected a non-empty list of lower-case language names, or ["*"]'
    if not isinstance(value, list) or not value:
        return expected
    if value == [ANY_LANGUAGE]:
        return None
    if not all(isinstance(v, str) and _LANGUAGE_RE.fullmatch(v) for v in value):
        return expected
    if len(set(value)) != len(value):
        return expected + " without duplicates"
    return None


def _check_order(value: object) -> str | None:
    return None if _is_int(value) else "expected an integer"


def _check_text(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return None
    return "expected a non-empty string"


_SCHEMA: dict[str, _Checker] = {
    "id": _check_id,
    "version": _check_version,
    "title": _check_title,
    "languages": _check_languages,
    "order": _check_order,
    "text": _check_text,
}


def builtin_dir() -> Path:
    """Return the directory holding the built-in templates shipped with the package.

    Returns:
        The absolute path of ``templates/builtin``.
    """
    return Path(__file__).resolve().parent / "builtin"


def load_template_file(path: Path) -> Template:
    """Load and strictly validate one template file.

    Args:
        path: A UTF-8 TOML file in the format described in this module's docstring.

    Returns:
        The template, with ``source`` set to ``path``.

    Raises:
        TemplateFileError: The file cannot be read, is not UTF-8 or not valid TOML,
            has an unknown key, lacks a key, or a value has the wrong type or
            form. The message names the file, the key and the value.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TemplateFileError(path, f"cannot read file: {exc.strerror or exc}") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise TemplateFileError(path, f"not UTF-8 text: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise TemplateFileError(path, f"invalid TOML: {exc}") from exc

    for key in data:
        if key not in _SCHEMA:
            allowed = ", ".join(_SCHEMA)
            raise TemplateFileError(path, f"unknown key (allowed keys: {allowed})", key=key)
    for key, check in _SCHEMA.items():
        if key not in data:
            raise TemplateFileError(path, "missing required key", key=key)
        problem = check(data[key])
        if problem is not None:
            raise TemplateFileError(path, f"{problem}, got {data[key]!r}", key=key)

    return Template(
        id=data["id"],
        version=data["version"],
        title=data["title"].strip(),
        languages=tuple(data["languages"]),
        order=data["order"],
        text=data["text"].strip(),
        source=path,
    )


def _load_dir(directory: Path) -> list[Template]:
    """Load every ``*.toml`` file directly inside ``directory``, sorted by name."""
    if not directory.is_dir():
        raise TemplateFileError(
            directory, "template directory does not exist or is not a directory"
        )
    files = sorted(p for p in directory.glob("*.toml") if p.is_file())
    return [load_template_file(p) for p in files]


def load_templates(
    extra_dirs: Sequence[Path] = (),
    *,
    include_builtin: bool = True,
    disabled: Collection[str] = (),
) -> TemplateSet:
    """Load the built-in templates plus the user's, minus the disabled ones.

    Args:
        extra_dirs: User directories; every ``*.toml`` file directly inside each is
            loaded after the built-ins. A user template whose id equals a built-in
            id replaces that built-in (this is how users override one).
        include_builtin: Whether to load the templates shipped with the package.
        disabled: Ids to drop from the result.

    Returns:
        The resulting set: built-ins (overridden ones in their place), then new
        user templates, in file-name order.

    Raises:
        TemplateFileError: A file is invalid, or a directory in ``extra_dirs`` does
            not exist.
        DuplicateTemplateError: Two built-in files, or two user files, share an id;
            the message names both files.
        UnknownTemplateError: An id in ``disabled`` matches no loaded template.
    """
    builtin = TemplateSet(_load_dir(builtin_dir()) if include_builtin else ())
    user = TemplateSet(t for d in extra_dirs for t in _load_dir(d))

    merged = {t.id: t for t in builtin}
    merged.update((t.id, t) for t in user)

    for template_id in sorted(disabled):
        if template_id not in merged:
            raise UnknownTemplateError(template_id, list(merged), context="disabled")
    return TemplateSet(t for t in merged.values() if t.id not in disabled)
