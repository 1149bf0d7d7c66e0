"""Generic secret-looking assignments, in any common language or config format.

A finding needs three things: a key whose *name* says secret (``password``,
``client_secret``, ``apiKey``, ``X-Auth-Token``...), an operator of some
language that binds or compares a value (``=``, ``:``, ``:=``, ``=>``, ``==``,
``!==``, a constructor or setter call, a ``("KEY", "value")`` pair), and a
literal value that is long and random enough and is not a placeholder.  Quoted
values count anywhere; unquoted values count only in ``.env``/YAML/INI style
lines where the key starts the line, and only when they cannot be code.
Comparisons with the literal first (``if ("..." == password)``) are found by
a second, cheap pass over the ``==``/``!=`` operators.

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
    brackets_mismatched,
    is_placeholder,
    is_placeholder_basic_auth,
    shannon_entropy,
    word_set,
)

__all__ = ["GENERIC_WORDS", "find_assignments", "key_strength"]

# Cheap lowercase substrings that every secret-ish key name contains.
GENERIC_WORDS: Final[tuple[str, ...]] = (
    "pass",
    "pwd",
    "pw",
    "secret",
    "token",
    "key",
    "auth",
    "cred",
)
# One match per identifier run holding a generic word: from the word to the run's end.
_WORD_IN_RUN: Final = re.compile("(?:" + "|".join(GENERIC_WORDS) + ")[a-z0-9_.-]*+")

_KEY_CHARS: Final = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
_MAX_KEY: Final = 80
_MAX_PREFIX: Final = 48
_MIN_TOKEN_LEN: Final = 12

_PASSWORD_WORDS: Final = word_set(
    "password passwords passwd pwd pw pass passphrase passcode pswd pword"
)
# A word starting like this names a secret too (``secretvalue``, ``passwordsecure``)...
_STRONG_PREFIXES: Final = ("secret", "password", "passwd")
# ...unless it is one of these ordinary words.
_NOT_STRONG: Final = frozenset({"secretary", "secretaries", "secretariat"})
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
    age algorithm alphabet arn at audience callback characters chars charset class cls col
    column count date description digest dir domain email enabled endpoint env error errors
    expiration expires expiry field fields file filename flag form format handler hash hashed
    hdr header hint host hostname id ids idx index info input issuer kind label len length
    limit link list location login manager message method mode model msg name names option
    options page param parameter path pattern policy prefix prompt provider realm redirect
    regex regexp required reset route rule rules schema scope scopes service size status
    storage store strategy suffix symbols table template text time timeout title ttl type uri
    url urls user username var variable version view widget
    """
)
# A key containing one of these anywhere is about checking or faking a secret.
_DENY_ANY: Final = word_set(
    """
    allow check csrf disable dummy enable example fake forgot generate get has hide is max
    min mock no nonce num placeholder pub public sample should show skip test tests use
    validate validation verify xsrf
    """
)

_KEY_WORD_RE: Final = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")

_TAIL: Final = re.compile(
    r"""
    (?P<close>["'`]?\]?|\[[0-9]{0,6}\])     # "key" ENV["KEY"] char key[32]
    (?P<ann>                                 # a type annotation before `=`
        (?:[ \t]{0,4}:[ \t]{0,4}[A-Za-z_][\w.\[\],| ]{0,60}?   # password: str = ...
          |[ \t]{1,4}(?:string|String|str|\[\]byte))            # var password string = ...
        [ \t]{0,4}(?==))?
    [ \t]{0,8}
    (?P<op>:=|=>|\?\?=|\|\|=|===?|!==?|=(?![=~])|:(?![:=])|,|\(|(?=["']))
    (?P<gap>[ \t]{0,8})
    (?:
        (?P<dpfx>[rRbBuUfF@]{0,2})"(?:(?i:bearer|basic|token|bot)[ ]{1,4})?
            (?P<dq>(?:[^"\\\s]|\\[^\s]){0,256}+)"
      | (?P<spfx>[rRbBuUfF@]{0,2})'(?:(?i:bearer|basic|token|bot)[ ]{1,4})?
            (?P<sq>(?:[^'\\\s]|\\[^\s]){0,256}+)'
      | `(?P<bq>[^`\\\s]{0,256}+)`
      | (?P<uval>[^\s"'`]\S{0,255}+)(?=[ \t]*(?:\#|;|//|\r?$))
    )
    """,
    re.VERBOSE | re.MULTILINE,
)
_LINE_PREFIX: Final = re.compile(
    r"[ \t]*(?:(?:export|set|env|arg|setx|declare|readonly|local)[ \t]+|-[ \t]+)?[\"']?",
    re.IGNORECASE,
)
_BASIC_BEFORE_RE: Final = re.compile(r"basic +$", re.IGNORECASE)
# A quoted key that opens a call or a brace: define('DB_PASSWORD', '...'),
# getenv_or("API_TOKEN", "..."), {"password", "..."}.
_PAIR_PREFIX: Final = re.compile(r"[({][ \t]{0,2}[\"']$")
_QUOTE_RE: Final = re.compile("[\"'`]")
# Before a C++/Java-style declaration with a constructor call: a type, maybe qualified.
_DECLARATION_PREFIX: Final = re.compile(
    r"[ \t]*(?:(?:const|static|final|auto|private|public|protected)[ \t]+)*"
    r"[A-Za-z_][\w:.]*(?:<[\w:., ]{0,40}>)?[*&]?[ \t]+"
)
# Words that may make up a setter's name after "set"/"with": the secret itself.
_SETTER_WORDS: Final = word_set(
    """
    api key access secret secrets token password passwd pwd pass passphrase auth bearer
    client private credential credentials signing
    """
)
# A literal compared with a secret-named variable: if ("..." == password).  Each
# "==" / "!=" is found with str.find; the literal is then read backwards.
_COMPARED_KEY: Final = re.compile(r"[ \t]{0,4}([A-Za-z_$][\w$.-]{0,80}+)(?![\w$(])")
_NOT_IN_LITERAL: Final = re.compile(r"[\s\\\"'`]")

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
    if any(
        w in _STRONG_WORDS or w.endswith(_STRONG_SUFFIXES) or _strong_compound(w) for w in words
    ):
        return 2
    if any(w in _NORMAL_WORDS or w.endswith(_NORMAL_SUFFIXES) for w in words):
        return 1
    return 1 if any(pair in _KEY_PAIRS for pair in itertools.pairwise(words)) else 0


def _strong_compound(word: str) -> bool:
    """``secretvalue``, ``passwordsecure``, ``secrete``; not ``secretsmanager``, ``secretary``."""
    prefix = next((p for p in _STRONG_PREFIXES if word.startswith(p)), None)
    if prefix is None or word in _NOT_STRONG:
        return False
    return word[len(prefix) :].lstrip("s") not in _DENY_LAST


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
    if entropy < 3.0 or not digits_or_symbols or len(value) < _MIN_TOKEN_LEN:
        return None  # API keys and tokens are long; short values name or number things
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


def _context_allows(
    text: str, key_start: int, key_end: int, m: re.Match[str], quoted: bool, strength: int
) -> bool:
    """Check the operator and line shape.

    Quoted values count after any assignment or comparison operator; after a comma
    only when the quoted key opens a call or a brace (``define('DB_PASSWORD', '...')``,
    ``getenv_or("API_TOKEN", "...")``); after a bare space only for password-like
    keys that start their line (``password "..."``).  Unquoted values count only in
    env/YAML/INI lines, and only when they cannot be code: no call, no reference,
    no number - except that a value closing a bracket of another kind is never code.
    """
    op = m.group("op")
    if op == "(":  # std::string secret("..."), client.setApiKey("..."), .password("...")
        return quoted and (_declares(text, key_start) or _is_setter(text[key_start:key_end]))
    if quoted and op not in {",", ""}:
        return True
    if op == ",":
        return (
            quoted
            and m.group("close") in {'"', "'"}
            and _PAIR_PREFIX.search(text, max(0, key_start - 4), key_start) is not None
        )
    prefix = _line_prefix(text, key_start)
    if prefix is None or _LINE_PREFIX.fullmatch(prefix) is None:
        return False
    if op == "":  # Ruby/Chef/nginx style: password "..."
        return quoted and strength >= 2 and not m.group("close") and text[key_end] in " \t"
    value = m.group("uval")
    if value is None:
        return False
    if brackets_mismatched(value):  # m{x)y[ is no expression of any language
        return op in {"=", ":", ":="} and not value.endswith(";")
    if _QUOTE_RE.search(value):  # "key:value" inside a string, or a stray quote
        return False
    return (
        op in {"=", ":"}
        and not value.endswith((",", ";"))  # a call argument or a statement, not config
        and not _looks_like_code(value)
    )


def _declares(text: str, key_start: int) -> bool:
    """Only a type stands before the key on its line (``std::string secret(``)."""
    prefix = _line_prefix(text, key_start)
    return prefix is not None and _DECLARATION_PREFIX.fullmatch(prefix) is not None


@lru_cache(maxsize=4096)
def _is_setter(key: str) -> bool:
    """``setApiKey``, ``withToken``, ``.password``: a call that stores a secret, not one
    that uses or checks it (``hash_password``, ``splitpasswd``, ``passValue``)."""
    words = [w.lower() for w in _KEY_WORD_RE.findall(key.rsplit(".", 1)[-1])]
    if words and words[0] in {"set", "with"}:
        words = words[1:]
    return bool(words) and all(w in _SETTER_WORDS for w in words)


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
        if not _context_allows(text, key_start, key_end, m, quoted, strength):
            continue
        if not quoted and text[end - 1] == ",":  # YAML flow / Go literal: the comma is syntax
            end -= 1
        if _BASIC_BEFORE_RE.search(text, max(0, start - 8), start) and is_placeholder_basic_auth(
            text[start:end]
        ):
            continue
        if m.group("op") == ",":
            strength = 1  # ("NAME", "Other") may pair two names: demand a random value
        confidence = _judge(text[start:end], strength, key)
        if confidence is not None:
            found.append((start, end, confidence))
    if "==" in text or "!=" in text:
        found.extend(_reversed_comparisons(text, taken))
        found.sort()
    return found


def _operator_positions(text: str) -> list[int]:
    """Offsets of every ``==`` and ``!=`` (``===`` and ``!==`` included), sorted."""
    found: list[int] = []
    for op in ("==", "!="):
        i = text.find(op)
        while i != -1:
            found.append(i)
            i = text.find(op, i + 2)
    return sorted(found)


def _reversed_comparisons(
    text: str, taken: list[tuple[int, int]]
) -> list[tuple[int, int, Confidence]]:
    """Literals compared with a secret-named variable, literal first (Yoda conditions)."""
    found: list[tuple[int, int, Confidence]] = []
    for op_at in _operator_positions(text):
        close = op_at - 1
        while close >= 0 and op_at - close <= 5 and text[close] in " \t":
            close -= 1
        if close < 0 or text[close] not in "\"'`":
            continue
        opening = text.rfind(text[close], max(0, close - 257), close)
        start, end = opening + 1, close
        if opening < 0 or end - start < 8 or _NOT_IN_LITERAL.search(text, start, end):
            continue
        after = op_at + 2 + (text.startswith("=", op_at + 2))
        key_match = _COMPARED_KEY.match(text, after)
        if key_match is None or (taken and _overlaps(taken, start, end)):
            continue
        key = key_match.group(1)
        strength = key_strength(key)
        if not strength:
            continue
        confidence = _judge(text[start:end], strength, key)
        if confidence is not None:
            found.append((start, end, confidence))
    return found
