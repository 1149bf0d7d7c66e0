"""Request and response bodies as JSON: orjson for speed, the standard library where
orjson would change the data (integers beyond 64 bits, which it reads as floats and
refuses to write)."""

from __future__ import annotations

import json
import re
from typing import Any

import orjson

__all__ = ["dumps", "loads"]

_BIG_INT = re.compile(rb"\d{20,}")


def loads(raw: bytes) -> Any:
    """Parse JSON without losing integer precision.

    Raises:
        ValueError: the bytes are not valid JSON (orjson.JSONDecodeError is a ValueError).
    """
    if _BIG_INT.search(raw):
        return json.loads(raw)
    return orjson.loads(raw)


def dumps(value: Any) -> bytes:
    """Serialize JSON compactly; integers beyond 64 bits are written exactly."""
    try:
        return orjson.dumps(value)
    except TypeError:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
