"""Server-sent events, kept as the raw bytes they arrived as.

The gate replays a passing round's stream byte for byte, so frames keep their raw form
beside their parsed fields. Parsing follows the WHATWG event-stream rules (LF, CRLF or
CR line ends; comment lines; `data` lines joined by newlines). A frame larger than the
limit is an error, so a hostile upstream cannot grow the buffer without bound.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["MAX_FRAME_BYTES", "SSEDecoder", "SSEError", "SSEFrame", "encode_event"]

MAX_FRAME_BYTES = 16 * 1024 * 1024
_BOUNDARY = re.compile(rb"\r\n\r\n|\n\n|\r\r|\r\n\n|\n\r\n")


class SSEError(ValueError):
    """A stream that is not valid server-sent events (or a frame past the size limit)."""


@dataclass(frozen=True, slots=True)
class SSEFrame:
    """One event: its raw bytes (boundary included), event name and data."""

    raw: bytes
    event: str | None
    data: str | None

    @property
    def is_comment(self) -> bool:
        """True for a frame holding only comments (keepalives)."""
        return self.event is None and self.data is None


class SSEDecoder:
    """Split a byte stream into frames, incrementally."""

    def __init__(self, max_frame_bytes: int = MAX_FRAME_BYTES) -> None:
        self._buffer = b""
        self._searched = 0  # bytes of the buffer already known to hold no boundary
        self._max = max_frame_bytes

    def feed(self, chunk: bytes) -> Iterator[SSEFrame]:
        """Add bytes; yield every frame they complete."""
        self._buffer += chunk
        start = 0
        position = max(0, self._searched - 3)  # a boundary may straddle the old end
        while (m := _BOUNDARY.search(self._buffer, position)) is not None:
            raw = self._buffer[start : m.end()]
            start = position = m.end()
            yield _parse(raw)
        self._buffer = self._buffer[start:]
        self._searched = len(self._buffer)
        if len(self._buffer) > self._max:
            raise SSEError(f"an event is larger than {self._max} bytes")

    def close(self) -> Iterator[SSEFrame]:
        """Yield a last frame left without its closing blank line, if any."""
        rest, self._buffer = self._buffer, b""
        if rest.strip():
            yield _parse(rest)


def _parse(raw: bytes) -> SSEFrame:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SSEError(f"an event is not valid UTF-8: {exc.reason}") from None
    event: str | None = None
    data: list[str] = []
    for line in re.split(r"\r\n|\r|\n", text):
        if not line or line.startswith(":"):
            continue
        field, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if field == "event":
            event = value
        elif field == "data":
            data.append(value)
    return SSEFrame(raw, event, "\n".join(data) if data else None)


def encode_event(data: str, event: str | None = None) -> bytes:
    """Encode one event (data lines split on newlines)."""
    head = f"event: {event}\n" if event else ""
    body = "".join(f"data: {line}\n" for line in data.split("\n"))
    return f"{head}{body}\n".encode()
