"""Find and redact hard-coded secrets (CWE-798) in any text.

Pipeline, per call:

1. Lowercase the text once and run the keyword pre-filter: one regex pass
   tells which provider formats can match.
2. Run only the triggered provider regexes; drop placeholders and examples.
3. Run the generic assignment detector on identifiers with secret-ish words,
   skipping values already claimed by a provider format.
4. Resolve overlaps (provider formats beat the generic rule; earlier formats in
   ``providers.toml`` beat later ones) and report in text order.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Final

from guards.secrets.formats import (
    CompiledFormat,
    Confidence,
    KeywordIndex,
    ProviderFormat,
    load_formats,
)
from guards.secrets.generic import find_assignments
from guards.secrets.placeholders import (
    is_example_host,
    is_known_example,
    is_placeholder,
    is_placeholder_basic_auth,
    is_placeholder_token,
    shannon_entropy,
)

__all__ = ["SecretMatch", "find_secrets", "provider_formats", "redact"]

GENERIC_RULE_ID: Final = "SEC900"
GENERIC_NAME: Final = "generic-secret-assignment"
_MIN_SECRET_LEN: Final = 3
_ASCII_LOWER: Final = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@dataclass(frozen=True, slots=True)
class SecretMatch:
    """One hard-coded secret found in a text.

    Attributes:
        rule_id: ``SEC001``... for provider formats, ``SEC900`` for generic assignments.
        name: Name of the bad pattern, e.g. ``aws-access-key-id``.
        provider: Human name of the provider, e.g. ``AWS``; ``generic`` for assignments.
        line: 1-based line of the secret's first character.
        column: 1-based column of the secret's first character.
        start: Offset of the secret's first character in the text.
        end: Offset just past the secret's last character.
        masked: At most the first 4 characters, then ``…(N chars)``; never the secret.
        confidence: ``high``, ``medium`` or ``low``.
    """

    rule_id: str
    name: str
    provider: str
    line: int
    column: int
    start: int
    end: int
    masked: str
    confidence: Confidence


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    rank: tuple[int, int]
    rule_id: str
    name: str
    provider: str
    confidence: Confidence


@dataclass(frozen=True, slots=True)
class _Engine:
    formats: tuple[CompiledFormat, ...]
    index: KeywordIndex
    by_keyword: dict[str, tuple[int, ...]]


@cache
def _engine() -> _Engine:
    formats = load_formats()
    by_keyword: dict[str, list[int]] = {}
    for i, compiled in enumerate(formats):
        for keyword in compiled.fmt.keywords:
            by_keyword.setdefault(keyword, []).append(i)
    index = KeywordIndex(by_keyword)
    return _Engine(formats, index, {k: tuple(v) for k, v in by_keyword.items()})


def provider_formats() -> list[ProviderFormat]:
    """Return the provider formats loaded from ``providers.toml``.

    Returns:
        One :class:`ProviderFormat` per ``[[format]]`` table, in file order.
    """
    return [compiled.fmt for compiled in _engine().formats]


def mask(secret: str) -> str:
    """Return a display form of ``secret`` that never contains it.

    Args:
        secret: The secret value.

    Returns:
        At most its first 4 characters (a quarter of it for short secrets),
        then ``…(N chars)``.
    """
    shown = secret[: min(4, len(secret) // 4)]
    for candidate in (f"{shown}…({len(secret)} chars)", f"…({len(secret)} chars)", "…"):
        if secret not in candidate:
            return candidate
    return ""


def _ascii_lower(text: str) -> str:
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text.translate(_ASCII_LOWER)


def _provider_candidates(text: str, compiled: CompiledFormat) -> Iterator[_Candidate]:
    fmt = compiled.fmt
    has_secret_group = "secret" in compiled.pattern.groupindex
    has_body_group = "body" in compiled.pattern.groupindex
    for m in compiled.pattern.finditer(text):
        start, end = m.span("secret") if has_secret_group else m.span()
        while end > start and text[end - 1] in " \t\r\n":  # a PEM body without its END line
            end -= 1
        if end - start < _MIN_SECRET_LEN:
            continue
        secret = text[start:end]
        if fmt.min_entropy is not None and shannon_entropy(secret) < fmt.min_entropy:
            continue
        if compiled.has_user_group:
            # A password inside a URL or connection string is free-form text.
            if m.group("user") == secret or is_placeholder(secret):
                continue
            host = m.group("host") if compiled.has_host_group else None
            if host is not None and is_example_host(host):
                continue
        elif has_body_group:
            # Only the part after the fixed prefix is judged (sk_test_ holds no marker).
            if is_placeholder_token(m.group("body")) or is_known_example(secret):
                continue
        elif is_placeholder_token(secret):
            continue
        if fmt.encoding == "base64-user-password" and is_placeholder_basic_auth(secret):
            continue
        yield _Candidate(
            start, end, (0, compiled.order), fmt.id, fmt.name, fmt.provider, fmt.confidence
        )


def _merged_spans(candidates: list[_Candidate]) -> list[tuple[int, int]]:
    """The union of the candidates' spans, as sorted disjoint ``(start, end)`` pairs."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted((c.start, c.end) for c in candidates):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _resolve(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep the best candidate of each overlapping group, in text order."""
    candidates.sort(key=lambda c: (c.rank, c.start))
    starts: list[int] = []
    kept: list[_Candidate] = []
    for cand in candidates:
        i = bisect.bisect_left(starts, cand.start)
        if i > 0 and kept[i - 1].end > cand.start:
            continue
        if i < len(kept) and kept[i].start < cand.end:
            continue
        starts.insert(i, cand.start)
        kept.insert(i, cand)
    return kept


def _to_matches(text: str, kept: list[_Candidate]) -> list[SecretMatch]:
    if not kept:
        return []
    newlines = [m.start() for m in re.finditer("\n", text)]
    matches: list[SecretMatch] = []
    for c in kept:
        line_index = bisect.bisect_left(newlines, c.start)
        line_start = newlines[line_index - 1] + 1 if line_index else 0
        matches.append(
            SecretMatch(
                rule_id=c.rule_id,
                name=c.name,
                provider=c.provider,
                line=line_index + 1,
                column=c.start - line_start + 1,
                start=c.start,
                end=c.end,
                masked=mask(text[c.start : c.end]),
                confidence=c.confidence,
            )
        )
    return matches


def find_secrets(text: str) -> list[SecretMatch]:
    """Find hard-coded secrets in ``text``.

    Args:
        text: Source code, configuration, a diff or any other text.

    Returns:
        Non-overlapping matches sorted by ``start``.  Placeholders, examples,
        environment lookups and values too short or too regular to be secrets
        are not reported.
    """
    if not text:
        return []
    engine = _engine()
    lowered = _ascii_lower(text)
    triggered: set[int] = set()
    for keyword in engine.index.scan(lowered):
        triggered.update(engine.by_keyword[keyword])
    candidates: list[_Candidate] = []
    for i in sorted(triggered):
        candidates.extend(_provider_candidates(text, engine.formats[i]))
    for start, end, confidence in find_assignments(text, lowered, _merged_spans(candidates)):
        candidates.append(
            _Candidate(start, end, (1, 0), GENERIC_RULE_ID, GENERIC_NAME, "generic", confidence)
        )
    return _to_matches(text, _resolve(candidates))


def redact(text: str) -> str:
    """Replace every secret found in ``text`` with ``[REDACTED:<name>]``.

    Args:
        text: Any text.

    Returns:
        The text with each secret value (only the value, not its key or
        surrounding syntax) replaced.
    """
    pieces: list[str] = []
    last = 0
    for match in find_secrets(text):
        pieces.append(text[last : match.start])
        pieces.append(f"[REDACTED:{match.name}]")
        last = match.end
    pieces.append(text[last:])
    return "".join(pieces)
