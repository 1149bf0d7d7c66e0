"""Which files `codetamer check` reads, and which of their lines a diff changed."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from guards import detect_language

__all__ = ["CheckInputError", "Source", "changed_lines", "collect"]

_SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        ".venv",
        "venv",
        "__pycache__",
        "dist",
        "build",
        "target",
        "vendor",
        ".tox",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        ".next",
    }
)
_CONFIG_SUFFIXES = frozenset(
    {
        ".env",
        ".yml",
        ".yaml",
        ".json",
        ".toml",
        ".ini",
        ".cfg",
        ".conf",
        ".properties",
        ".tf",
        ".tfvars",
        ".xml",
        ".pem",
        ".key",
    }
)
_CONFIG_NAMES = frozenset({"Dockerfile", ".env", ".npmrc", ".pypirc", ".netrc"})
MAX_FILE_BYTES = 2_000_000
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)


class CheckInputError(Exception):
    """A path that does not exist or a diff that git cannot produce (exit status 2)."""


@dataclass(frozen=True, slots=True)
class Source:
    """One file to check: its display path, language (None: secrets only) and text."""

    path: str
    language: str | None
    text: str


def _wanted(path: Path) -> bool:
    if path.name in _CONFIG_NAMES or path.name.startswith(".env"):
        return True
    if path.suffix.lower() in _CONFIG_SUFFIXES:
        return True
    if detect_language(path=path.name, content=False):
        return True
    return path.suffix == "" and _has_shebang(path)


def _has_shebang(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(2) == b"#!"
    except OSError:
        return False


def _walk(root: Path) -> Iterator[Path]:
    listed = _git_files(root)
    if listed is not None:
        yield from (p for p in listed if _wanted(p))
        return
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
        for name in sorted(files):
            path = Path(folder) / name
            if _wanted(path):
                yield path


def _git_files(root: Path) -> list[Path] | None:
    """Files git knows in a folder (tracked and untracked, ignores respected), or None."""
    try:
        result = subprocess.run(
            [
                "git",
                "-C",
                str(root),
                "ls-files",
                "-z",
                "--cached",
                "--others",
                "--exclude-standard",
            ],
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:
        return None
    names = [n for n in result.stdout.decode("utf-8", "replace").split("\0") if n]
    return [root / n for n in sorted(names) if (root / n).is_file()]


def read_source(path: Path, display: str, language: str | None = None) -> Source | None:
    """Read a file to check; None for binary files. Too-large files are cut (the scan says so)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES * 2)
    except OSError as exc:
        raise CheckInputError(f"{display}: cannot read: {exc.strerror}") from None
    if b"\0" in data[:8192]:
        return None
    text = data.decode("utf-8", "replace")
    lang = language or detect_language(path=path.name, code=text[:4096], content=False)
    return Source(display, lang, text)


def collect(paths: Sequence[str], language: str | None = None) -> list[Source]:
    """The files named, and the wanted files inside the folders named.

    Raises:
        CheckInputError: a path that does not exist.
    """
    sources: list[Source] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            for found in _walk(path):
                source = read_source(found, found.as_posix(), language)
                if source is not None:
                    sources.append(source)
        elif path.is_file():
            source = read_source(path, path.as_posix(), language)
            if source is not None:
                sources.append(source)
        else:
            raise CheckInputError(f"{name}: no such file or directory")
    return sources


def changed_lines(rev: str, paths: Sequence[str]) -> dict[str, set[int]]:
    """Lines added or changed since a git revision, per file (paths as git shows them).

    Raises:
        CheckInputError: git is missing or does not know the revision.
    """
    try:
        result = subprocess.run(
            [
                "git",
                "diff",
                "--no-color",
                "--no-ext-diff",
                "--unified=0",
                "--relative",
                rev,
                "--",
                *paths,
            ],
            capture_output=True,
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise CheckInputError(f"git diff {rev} failed: {exc}") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise CheckInputError(
            f"git diff {rev} failed: {message[0] if message else 'unknown error'}"
        )
    changed: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in result.stdout.decode("utf-8", "replace").splitlines():
        if line.startswith("+++ "):
            target = line[4:]
            current = (
                None
                if target == "/dev/null"
                else changed.setdefault(target.removeprefix("b/"), set())
            )
        elif current is not None and (m := _HUNK.match(line)):
            start, count = int(m[1]), int(m[2] or "1")
            current.update(range(start, start + count))
    return {path: lines for path, lines in changed.items() if lines}
