"""Generic secret-looking assignments, in any common language or config format.

A finding needs three things: a key whose *name* says secret (``password``,
``client_secret``, ``apiKey``, ``X-Auth-Token``...), an assignment operator of
some language (``=``, ``:``, ``:=``, ``=>``...), and a literal value that is
long and random enough and is not a placeholder.  Quoted values count
anywhere; unquoted values count only in ``.env``/YAML/INI style lines where the
key starts the line.

One regex pass over the lowercased text finds each identifier run holding a
secret-ish word (one match per run, however many words it holds); every later
step looks only at a bounded window after that run.
"""

from __future__ import annotations

import bisect
import itertools
import re
from functools import lru_cache
from typing import Final

from guards.secrets.formats import Confidence
from guards.secrets.placeholders import (
    is_placeholder,
    is_placeholder_basic_auth,
    shannon_entropy,
    word_set,
)

__all__ = ["GENERIC_WORDS", "find_assignments", "key_strength"]

# Cheap lowercase substrings that every secret-ish key name contains.
GENERIC_WORDS: Final[tuple[str, ...]] = ("pass", "pwd", "secret", "token", "key", "auth", "cred")
# One match per identifier run holding a generic word: from the word to the run's end.
_WORD_IN_RUN: Final = re.compile("(?:" + "|".join(GENERIC_WORDS) + ")[a-z0-9_.-]*+")

_KEY_CHARS: Final = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
_MAX_KEY: Final = 80
_MAX_PREFIX: Final = 48

_PASSWORD_WORDS: Final = frozenset(
    {"password", "passwords", "passwd", "pwd", "pass", "passphrase", "passcode", "pswd", "pword"}
)
_STRONG_WORDS: Final = _PASSWORD_WORDS | {"secret", "secrets"}
_NORMAL_WORDS: Final = word_set(
    """
    token tokens auth authorization credential credentials cred creds bearer apikey
    accesskey privatekey signingkey encryptionkey masterkey authkey sessionkey
    accountkey appkey
    """
)
# Two neighbouring words that together name a secret (``api_key``, ``PrivateKey``).
_KEY_PAIRS: Final = frozenset(
    tuple(pair.split("+"))
    for pair in word_set(
        """
        api+key access+key private+key signing+key encryption+key master+key auth+key
        session+key account+key app+key client+key api+token
        """
    )
)
_STRONG_SUFFIXES: Final = ("password", "passwd", "secret", "secretkey", "passphrase")
_NORMAL_SUFFIXES: Final = ("token", "apikey", "accesskey", "privatekey")

# A key ending in one of these describes a secret, it does not hold one.
_DENY_LAST: Final = word_set(
    """
    age arn at class cls col column count date description digest dir enabled endpoint env
    error errors expiration expires expiry field fields file filename flag form format
    handler hash hashed hdr header hint id ids idx index info input kind label len length limit
    link list location manager message method mode model msg name names option options
    page param parameter path pattern policy prefix prompt provider regex regexp
    required reset route rule rules schema service size status storage store strategy
    suffix table template text time timeout title ttl type uri url urls var variable
    version view widget
    """
)
# A key containing one of these anywhere is about checking or faking a secret.
_DENY_ANY: Final = word_set(
    """
    allow check disable dummy enable example fake forgot generate get has hide is max
    min mock no num placeholder pub public sample should show skip test tests use
    validate validation verify
    """
)

_KEY_WORD_RE: Final = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")

_TAIL: Final = re.compile(
    r"""
    (?P<close>["'`]?\]?)
    (?P<ann>                                 # a type annotation before `=`
        (?:[ \t]{0,4}:[ \t]{0,4}[A-Za-z_][\w.\[\],| ]{0,60}?   # password: str = ...
          |[ \t]{1,4}(?:string|String|str|\[\]byte))            # var password string = ...
        [ \t]{0,4}(?==))?
    [ \t]{0,8}
    (?P<op>:=|=>|\?\?=|\|\|=|=(?![=~])|:(?![:=])|,)
    (?P<gap>[ \t]{0,8})
    (?:
        (?P<dpfx>[rRbBuUfF@]{0,2})"(?:(?i:bearer|basic|token|bot)[ ]{1,4})?
            (?P<dq>(?:[^"\\\s]|\\[^\s]){0,256}+)"
      | (?P<spfx>[rRbBuUfF@]{0,2})'(?:(?i:bearer|basic|token|bot)[ ]{1,4})?
            (?P<sq>(?:[^'\\\s]|\\[^\s]){0,256}+)'
      | `(?P<bq>[^`\\\s]{0,256}+)`
      | (?P<uval>[^\s"'`]{1,256}+)(?=[ \t]*(?:\#|;|//|\r?$))
    )
    """,
    re.VERBOSE | re.MULTILINE,
)
_LINE_PREFIX: Final = re.compile(
    r"[ \t]*(?:(?:export|set|env|arg|setx|declare|readonly|local)[ \t]+|-[ \t]+)?[\"']?",
    re.IGNORECASE,
)
_BASIC_BEFORE_RE: Final = re.compile(r"basic +$", re.IGNORECASE)
_DEFINE_PREFIX: Final = re.compile(r"define[ \t]*\([ \t]*[\"']$", re.IGNORECASE)

_URL_RE: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{1,20}://")
_PATH_RE: Final = re.compile(
    r"(?:[./~]|[A-Za-z]:\\)|[a-z0-9_.-]+(?:/[a-z0-9_.-]+)+$"
    r"|.*\.(?:pem|key|json|crt|cer|p12|pfx|txt|ya?ml|env|cfg|ini|conf|toml|jks|keystore)$"
)
_CONSTANT_RE: Final = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+")
# A bare name (no digits: ``hunter2`` might be an INI password) or a dotted path.
_IDENTIFIER_RE: Final = re.compile(
    r"[A-Za-z_$][A-Za-z_$]*|[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*)+"
)
_CODE_CHARS_RE: Final = re.compile(r"[()\[\]{}<>$%]")
_SLUG_RE: Final = re.compile(r"[a-z][a-z0-9]*(?:[-_.][a-z][a-z0-9]*)+")
_CAMEL_HUMP_RE: Final = re.compile(r"[a-z][A-Z]")
_NOT_PLAIN_RE: Final = re.compile(r"[^A-Za-z_.:/-]")  # a digit or a symbol
_SPACE_RE: Final = re.compile(r"\s")
_REGEX_HINT_RE: Final = re.compile(r"\\[wdsbWDSB.]|\(\?|\[\^")
_NON_ALNUM_RE: Final = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=4096)
def key_strength(key: str) -> int:
    """Rate how strongly a key name says "this holds a secret".

    Args:
        key: An identifier such as ``DB_PASSWORD``, ``self.apiKey`` or ``x-auth-token``.

    Returns:
        2 for password/secret names, 1 for token/API-key/credential names, 0 otherwise.
    """
    segment = key.rstrip(".-").rsplit(".", 1)[-1]
    words = [w.lower() for w in _KEY_WORD_RE.findall(segment)]
    if not words or words[-1] in _DENY_LAST or any(w in _DENY_ANY for w in words):
        return 0
    if any(w in _STRONG_WORDS or w.endswith(_STRONG_SUFFIXES) for w in words):
        return 2
    if any(w in _NORMAL_WORDS or w.endswith(_NORMAL_SUFFIXES) for w in words):
        return 1
    return 1 if any(pair in _KEY_PAIRS for pair in itertools.pairwise(words)) else 0


def _looks_like_code(value: str) -> bool:
    """An unquoted value that is a reference, a call or a number rather than a literal."""
    return (
        _CODE_CHARS_RE.search(value) is not None
        or _IDENTIFIER_RE.fullmatch(value) is not None
        or value.isdigit()
    )


def _judge(value: str, strength: int, key: str) -> Confidence | None:
    """Decide whether an assigned literal is a secret, and how sure we are.

    Real secrets are random: they mix digits or symbols into letters.  Values made
    of plain words (``not_supported``, ``Proxy-Authorization``, ``AWSAccessKeyId``)
    name things instead; for password-like keys a camel hump (``IAmSensitive``) is
    enough.
    """
    if len(value) < 8 or _SPACE_RE.search(value) or is_placeholder(value):
        return None
    if _NON_ALNUM_RE.sub("", value.lower()) == _NON_ALNUM_RE.sub("", key.lower()):
        return None
    if _URL_RE.match(value) or _PATH_RE.match(value) or _CONSTANT_RE.fullmatch(value):
        return None
    if _REGEX_HINT_RE.search(value) or value.startswith("arn:"):
        return None
    if _SLUG_RE.fullmatch(value):
        return None  # a name such as "types-auth0-python" or "oauth2_client"
    digits_or_symbols = _NOT_PLAIN_RE.search(value) is not None
    if not digits_or_symbols and key_strength(value):
        return None  # a name such as "AWSSecretKey" or "challengePassword"
    mixed_case = _CAMEL_HUMP_RE.search(value) is not None
    entropy = shannon_entropy(value)
    if strength >= 2:
        if entropy < 2.0 or not (digits_or_symbols or mixed_case):
            return None
        strong = entropy >= 3.0 and len(value) >= 12 and digits_or_symbols
        return "medium" if strong else "low"
    if entropy < 3.0 or not digits_or_symbols:
        return None
    return "medium" if entropy >= 3.5 and len(value) >= 16 else "low"


def _key_start(text: str, pos: int) -> int | None:
    """Start of the identifier run that contains ``pos``, or None when absurdly long."""
    start = pos
    while start > 0 and text[start - 1] in _KEY_CHARS:
        start -= 1
        if pos - start > _MAX_KEY:
            return None
    return start


def _line_prefix(text: str, start: int) -> str | None:
    """Text between the line start and ``start``, if it is short."""
    line_start = text.rfind("\n", max(0, start - _MAX_PREFIX), start) + 1
    if line_start == 0 and start > _MAX_PREFIX:
        return None
    return text[line_start:start]


def _value_span(m: re.Match[str]) -> tuple[int, int, bool] | None:
    """Span of the assigned value and whether it was quoted; None for raw strings."""
    for group, prefix in (("dq", "dpfx"), ("sq", "spfx"), ("bq", None)):
        if m.group(group) is not None:
            if prefix is not None and "r" in m.group(prefix).lower():
                return None  # raw strings hold regexes and Windows paths
            return m.start(group), m.end(group), True
    return m.start("uval"), m.end("uval"), False


def _context_allows(text: str, key_start: int, m: re.Match[str], quoted: bool) -> bool:
    """Check the operator and line shape: unquoted values only in env/YAML/INI lines."""
    op = m.group("op")
    if quoted and op != ",":
        return True
    prefix = _line_prefix(text, key_start)
    if prefix is None:
        return False
    if op == ",":  # PHP: define('DB_PASSWORD', '...')
        return quoted and _DEFINE_PREFIX.search(prefix) is not None
    value = m.group("uval")
    return (
        op in {"=", ":"}
        and (op == "=" or bool(m.group("gap")))
        and _LINE_PREFIX.fullmatch(prefix) is not None
        and not value.endswith((",", ";"))  # a call argument or a statement, not config
        and not _looks_like_code(value)
    )


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the sorted, disjoint spans in ``taken``."""
    i = bisect.bisect_left(taken, (start, -1))
    return (i < len(taken) and taken[i][0] < end) or (i > 0 and taken[i - 1][1] > start)


def find_assignments(
    text: str, lowered: str, taken: list[tuple[int, int]]
) -> list[tuple[int, int, Confidence]]:
    """Find secret-looking literals assigned to secret-looking keys.

    Args:
        text: The text being scanned.
        lowered: ``text`` lowercased without changing its length.
        taken: Sorted, disjoint ``(start, end)`` spans claimed by provider formats;
            values overlapping them are left to the provider and not judged again.

    Returns:
        ``(start, end, confidence)`` of each secret value found, in text order.
    """
    found: list[tuple[int, int, Confidence]] = []
    for run in _WORD_IN_RUN.finditer(lowered):
        key_end = run.end()
        m = _TAIL.match(text, key_end)
        value = None if m is None else _value_span(m)
        if m is None or value is None:
            continue
        start, end, quoted = value
        if end - start < 8 or (taken and _overlaps(taken, start, end)):
            continue
        key_start = _key_start(text, run.start())
        if key_start is None or key_end - key_start > _MAX_KEY:
            continue
        key = text[key_start:key_end]
        strength = key_strength(key)
        if not strength or text.endswith("::", 0, key_start):  # Type::Path::ApiKey
            continue
        if not _context_allows(text, key_start, m, quoted):
            continue
        if _BASIC_BEFORE_RE.search(text, max(0, start - 8), start) and is_placeholder_basic_auth(
            text[start:end]
        ):
            continue
        confidence = _judge(text[start:end], strength, key)
        if confidence is not None:
            found.append((start, end, confidence))
    return found
