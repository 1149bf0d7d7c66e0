"""Recognise values that look like secrets but are placeholders, examples or test data.

Two strictness levels exist because the cost of a wrong answer differs:

* :func:`is_placeholder` judges free-form values (the right-hand side of
  ``password = "..."``, the password inside a database URL).  Those are short
  and human-written, so word-level heuristics ("your", "here", "test") are safe.
* :func:`is_placeholder_token` judges values that already matched a provider's
  exact token format.  Those are long random strings, where a word-level
  heuristic would now and then hide a real key, so only strong signals count.
"""

from __future__ import annotations

import base64
import math
import operator
import re
from array import array
from collections import Counter
from typing import Final

__all__ = [
    "KNOWN_EXAMPLES",
    "is_example_host",
    "is_placeholder",
    "is_placeholder_basic_auth",
    "is_placeholder_token",
    "is_sequence",
    "shannon_entropy",
    "word_set",
]


def word_set(words: str) -> frozenset[str]:
    """Return the whitespace-separated words of ``words`` as a set (keeps word lists compact).

    Args:
        words: Words separated by any whitespace, newlines included.

    Returns:
        The distinct words.
    """
    return frozenset(words.split())


# Values published in vendor documentation as examples.  They match the real
# formats exactly and appear in countless tutorials.
KNOWN_EXAMPLES: Final[frozenset[str]] = word_set(
    """
    AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
    je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c
    """
)

# Normalised (lowercase, alphanumerics only) values that are never real secrets.
_PLACEHOLDER_VALUES: Final[frozenset[str]] = word_set(
    """
    apikey apitoken blank changeit changeme changethis default dummy empty example fake
    foo foobar foobarbaz mock mypassword mysecret mytoken na nil none notset null pass passwd
    password placeholder private pwd redacted removed replaceme sample secret secretkey
    secretvalue string test todo token undefined unknown unset value yourpassword
    yoursecret yourtoken
    """
)

# Whole words (camelCase / snake_case / kebab-case pieces) that mark a value as
# written for a reader rather than for a server.
_PLACEHOLDER_WORDS: Final[frozenset[str]] = word_set(
    """
    changeme dummy example examples fake fixme foo insert mock placeholder redacted
    replace replaceme sample tbd test testing todo xxx xxxx your yours
    """
)

# Long markers: safe as plain substrings even inside random-looking strings.
_MARKERS: Final = word_set(
    "example sample placeholder redacted dummy changeme replaceme notreal foobar"
)

# Template, interpolation and environment-lookup syntax in any common language.
_TEMPLATE_RE: Final = re.compile(
    r"""\$\{|\{\{|\{%|%\(|\#\{|<%|\$\(|^\$\$?[A-Za-z_][A-Za-z0-9_]*$|^%[A-Za-z_][A-Za-z0-9_]*%$
    |\{[A-Za-z_][A-Za-z0-9_.]{0,40}(?:\[[^\]]{0,40}\])?(?:![rsa])?(?::[^{}]{0,20})?\}|\{[0-9]?\}|%[sd]
    |<[A-Za-z_][\w .-]{0,40}>|^<[^<>]*>$|^\{[^{}]*\}$|^\[[^\[\]]*\]$|^\([^()]*\)$|^\*{3,}""",
    re.VERBOSE,
)
_ENV_READS: Final = word_set(
    """
    os.environ getenv process.env import.meta.env env[ env.fetch getenvironmentvariable
    deno.env settings. config. secrets.
    """
)

_TOKEN_MARKER_RE: Final = re.compile(
    "|".join(sorted(_MARKERS))
    + r"|\$\{|\{\{|(?<![A-Za-z0-9])(?:test|fake|mock|xxxx?|your|todo)(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_WORD_RE: Final = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
_ALNUM_RUN_RE: Final = re.compile(r"[A-Za-z0-9]+")
_NON_ALNUM_RE: Final = re.compile(r"[^a-z0-9]+")
_REPEATED_UNIT_RE: Final = re.compile(r"(.{1,6}?)\1{2,}")


def shannon_entropy(value: str) -> float:
    """Return the Shannon entropy of ``value`` in bits per character.

    Args:
        value: Any string; the empty string has entropy 0.

    Returns:
        ``-sum(p * log2(p))`` over the character frequencies.
    """
    if not value:
        return 0.0
    total = len(value)
    return -sum(n / total * math.log2(n / total) for n in Counter(value).values())


def is_sequence(value: str) -> bool:
    """Tell whether ``value`` is mostly an ascending or descending run like ``1234567890``.

    Args:
        value: Alphanumeric text; case is ignored.

    Returns:
        True when at least 80% of neighbouring characters differ by exactly one code point.
    """
    if len(value) < 4:
        return False
    codes = array("I", value.lower().encode("utf-32-le", "surrogatepass"))
    steps = list(map(operator.sub, codes[1:], codes))
    return (steps.count(1) + steps.count(-1)) * 5 >= (len(codes) - 1) * 4


def _low_variety(run: str) -> bool:
    """A long run of very few distinct characters, or dominated by one (``xxxx``, ``A1b2A1b2``)."""
    if len(run) < 12:
        return False
    distinct = set(run)
    if len(distinct) <= max(3, min(10, len(run) // 6)):
        return True
    if len(distinct) > len(run) // 2 + 1:  # too varied for one character to be half of it
        return False
    return max(map(run.count, distinct)) * 2 >= len(run)


def _has_known_example(value: str) -> bool:
    return any(example in value for example in KNOWN_EXAMPLES)


def is_placeholder(value: str) -> bool:
    """Tell whether a free-form value (password, token, URL password) is a stand-in.

    Args:
        value: The literal value as written, without its surrounding quotes.

    Returns:
        True for empty values, template or environment references (``${VAR}``,
        ``{{ var }}``, ``%(var)s``, ``process.env.X``), bracketed stand-ins
        (``<YOUR_KEY>``, ``{key}``, ``[REDACTED]``), well-known dummy words
        (``changeme``, ``example``, ``test``...), masks (``xxxx``, ``***``),
        repeated characters or units, alphabetical or numeric runs
        (``1234567890``, ``abcdefgh``) and published vendor examples.
    """
    v = value.strip().strip("\"'`")
    if not v or _has_known_example(v):
        return True
    lower = v.lower()
    norm = _NON_ALNUM_RE.sub("", lower)
    if not norm or lower.startswith("xxx") or norm.rstrip("0123456789") in _PLACEHOLDER_VALUES:
        return True
    if _TEMPLATE_RE.search(v) or any(marker in lower for marker in _ENV_READS):
        return True
    if any(marker in norm for marker in _MARKERS):
        return True
    if any(word.lower() in _PLACEHOLDER_WORDS for word in _WORD_RE.findall(v)):
        return True
    if len(set(norm)) <= 1 or is_sequence(norm):
        return True
    return len(norm) <= 64 and _REPEATED_UNIT_RE.fullmatch(norm) is not None


def is_placeholder_basic_auth(value: str) -> bool:
    """Tell whether text after ``Basic`` is not real HTTP Basic credentials.

    Args:
        value: The base64 text after ``Basic``.

    Returns:
        True unless it decodes to ``user:password`` with a password that is not a
        placeholder and differs from the user name.
    """
    try:
        decoded = base64.b64decode(value, validate=True).decode("utf-8")
    except ValueError:  # binascii.Error and UnicodeDecodeError are ValueErrors
        return True
    user, sep, password = decoded.partition(":")
    return not sep or password == user or is_placeholder(password)


def is_example_host(host: str) -> bool:
    """Tell whether a host name is reserved for documentation (RFC 2606) or a stand-in.

    Args:
        host: Host name, possibly with a port.

    Returns:
        True for ``example.com``/``.org``/``.net``, ``*.example``, ``*.test``,
        ``*.invalid``, and stand-ins such as ``host`` or ``<host>``.
    """
    name = host.lower().rsplit(":", 1)[0].rstrip(".")
    labels = name.split(".")
    return (
        name in {"host", "hostname", "server", "your-host", "yourhost"}
        or "example" in labels
        or labels[-1] in {"test", "invalid"}
        or is_placeholder(name)
    )


def is_placeholder_token(secret: str) -> bool:
    """Tell whether a value that matched a provider's token format is a stand-in.

    Only strong signals count here, so that a real random key is never dropped
    because a few of its characters happen to spell a word.

    Args:
        secret: The matched secret value (for example ``ghp_...``).

    Returns:
        True for published vendor examples, values containing a long marker word
        (``EXAMPLE``, ``SAMPLE``, ``DUMMY``, ``PLACEHOLDER``, ``REDACTED``),
        values with a separate piece that is exactly ``test``/``fake``/``xxx``,
        template syntax, and long runs of very few distinct characters or of
        sequential characters (``xxxxxxxx``, ``1234567890``, ``abcdefgh``).
    """
    if _TOKEN_MARKER_RE.search(secret) or _has_known_example(secret) or _low_variety(secret):
        return True
    for run in _ALNUM_RUN_RE.findall(secret):
        if _low_variety(run) or (len(run) >= 8 and is_sequence(run)):
            return True
    return False
