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
import itertools
import math
import operator
import re
from array import array
from collections import Counter
from typing import Final

__all__ = [
    "KNOWN_EXAMPLES",
    "brackets_mismatched",
    "has_sequential_run",
    "is_example_host",
    "is_known_example",
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
    sk_test_4eC39HqLyjWDarjtT1zdp7dc
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
# Every alternative needs well-formed syntax (``${NAME}``, ``{{ ... }}``), so that
# random text which merely holds a ``${`` or ``{{`` is not taken for a template.
_TEMPLATE_RE: Final = re.compile(
    r"""\$\{\{?[ \t]*[A-Za-z_][\w.-]{0,80}[ \t]*(?:\}|[:?!=+|\[(])
    |\{\{[^{}]{1,200}\}\}|\{%[^%]{0,200}%\}|%\([A-Za-z_]\w{0,40}\)[-\#0 +]?[0-9]{0,3}[sdrfixa]
    |\#\{[^{}]{1,80}\}|<%[^%]{0,200}%>|\$\([^()]{1,200}\)
    |^\$\$?[A-Za-z_][A-Za-z0-9_]*$|^%[A-Za-z_][A-Za-z0-9_]*%$
    |\{[A-Za-z_][A-Za-z0-9_.]{0,40}(?:\[[^\]]{0,40}\])?(?:![rsa])?(?::[^{}]{0,20})?\}|\{[0-9]?\}|%[sd]
    |<[A-Za-z_][\w .-]{0,40}>|^<[^<>]*>$|^\{[^{}]*\}$|^\[[^\[\]]*\]$|^\([^()]*\)$|^\*{3,}""",
    re.VERBOSE,
)
_BRACKETS: Final = {")": "(", "]": "[", "}": "{"}
_BRACKET_RE: Final = re.compile(r"[()\[\]{}]")
_SAME_CHAR_RUN_RE: Final = re.compile(r"(.)\1{5,}")
_MAX_RUN_CHECK: Final = 512
_TOKEN_MASK_RUN_RE: Final = re.compile(r"(.)\1{7,}")
_PERIODIC_RE: Final = re.compile(r"(.{1,6}?)\1{2,}")
_MIN_PERIODIC: Final = 12
_SHORT_TOKEN: Final = 100
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


def brackets_mismatched(value: str) -> bool:
    """Tell whether a bracket of ``value`` closes one of another kind (``{x)``, ``[a}``).

    Code, templates and format strings may leave a bracket open or close one opened
    on an earlier line, but never close ``(`` with ``]`` or ``}``: a value that
    does so is neither, so it can only be literal text.

    Args:
        value: Any text.

    Returns:
        True when some ``)``, ``]`` or ``}`` meets an unclosed opener of another kind.
    """
    stack: list[str] = []
    for m in _BRACKET_RE.finditer(value):
        ch = m.group()
        opener = _BRACKETS.get(ch)
        if opener is None:
            stack.append(ch)
        elif stack and stack.pop() != opener:
            return True
    return False


def has_sequential_run(value: str, length: int = 8) -> bool:
    """Tell whether ``value`` holds ``length`` characters in a row that count up or down.

    ``12345678``, ``abcdefgh`` and ``7890`` wrapping to ``1`` count; case is ignored.
    A random key of any alphabet holds such a run with negligible probability.

    Args:
        value: Any text; only its first 512 characters are looked at.
        length: How many characters the run needs.

    Returns:
        True when such a run occurs.
    """
    codes = value[:_MAX_RUN_CHECK].lower().encode("utf-32-le", "surrogatepass")
    points = array("I", codes)
    up = down = 1
    for prev, cur in itertools.pairwise(points):
        step = cur - prev
        if step == 1 or (prev == 57 and cur == 48):  # "9" then "0" continues 7890
            up, down = up + 1, 1
        elif step == -1 or (prev == 48 and cur == 57):
            up, down = 1, down + 1
        else:
            up = down = 1
        if up >= length or down >= length:
            return True
    return False


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


def _has_periodic_run(value: str) -> bool:
    """A stretch of 12+ characters repeating a unit of at most 6 (``123123123123``)."""
    return any(
        m.end() - m.start() >= _MIN_PERIODIC
        for m in _PERIODIC_RE.finditer(value, 0, _MAX_RUN_CHECK)
    )


def _has_known_example(value: str) -> bool:
    return any(example in value for example in KNOWN_EXAMPLES)


def is_known_example(value: str) -> bool:
    """Tell whether ``value`` holds a value that vendor documentation publishes as an example.

    Args:
        value: Any text.

    Returns:
        True when one of :data:`KNOWN_EXAMPLES` occurs in it.
    """
    return _has_known_example(value)


def is_placeholder(value: str) -> bool:
    """Tell whether a free-form value (password, token, URL password) is a stand-in.

    Args:
        value: The literal value as written, without its surrounding quotes.

    Returns:
        True for empty values, template or environment references (``${VAR}``,
        ``{{ var }}``, ``%(var)s``, ``process.env.X``), bracketed stand-ins
        (``<YOUR_KEY>``, ``{key}``, ``[REDACTED]``), well-known dummy words
        (``changeme``, ``example``, ``test``...), masks (``xxxx``, ``***``,
        ``######``), repeated characters or units, alphabetical or numeric runs
        (``1234567890``, ``abcdefgh``, also inside a longer value) and published
        vendor examples.  Templates only count when no bracket closes one of
        another kind, so random text holding ``${`` or ``{{`` stays a candidate.
    """
    v = value.strip().strip("\"'`")
    if not v or _has_known_example(v):
        return True
    lower = v.lower()
    norm = _NON_ALNUM_RE.sub("", lower)
    if not norm or lower.startswith("xxx") or norm.rstrip("0123456789") in _PLACEHOLDER_VALUES:
        return True
    # Templates never pair brackets of different kinds; text that does is a literal.
    if not brackets_mismatched(v) and _TEMPLATE_RE.search(v):
        return True
    if any(marker in lower for marker in _ENV_READS):
        return True
    if any(marker in norm for marker in _MARKERS):
        return True
    if any(word.lower() in _PLACEHOLDER_WORDS for word in _WORD_RE.findall(v)):
        return True
    if len(set(norm)) <= 1 or is_sequence(norm) or has_sequential_run(norm):
        return True
    if _SAME_CHAR_RUN_RE.search(v, 0, _MAX_RUN_CHECK):  # a mask: ######, ******, xxxxxx
        return True
    if _has_periodic_run(norm):  # 1234-1234-1234, abcabcabcabc
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
        decoded = base64.b64decode(value, validate=True).decode("utf-8", "replace")
    except ValueError:  # binascii.Error: not base64 at all
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
    # A short token with one character 8 times in a row is masked (npm_xxxxxxxx...).
    # Long values are left alone: key material such as OpenSSH bodies has AAAAAAAA runs.
    if len(secret) <= _SHORT_TOKEN and (
        _TOKEN_MASK_RUN_RE.search(secret) or _has_periodic_run(secret)
    ):
        return True
    for run in _ALNUM_RUN_RE.findall(secret):
        if _low_variety(run) or (len(run) >= 8 and is_sequence(run)):
            return True
    return False
