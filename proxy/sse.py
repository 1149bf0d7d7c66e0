"""Server-sent events, kept as the raw bytes they arrived as.

The gate replays a passing round's stream byte for byte, so frames keep their raw form
beside their parsed fields. Parsing follows the WHATWG event-stream rules (LF, CRLF or
CR line ends, mixed too; comment lines; `data` lines joined by newlines). A frame larger
than the limit is an error however the stream is chunked, so a hostile upstream cannot
grow the buffer without bound; the buffer grows in place, so a large frame arriving in
many small chunks costs time linear in its size.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["MAX_FRAME_BYTES", "SSEDecoder", "SSEError", "SSEFrame", "encode_event"]

MAX_FRAME_BYTES = 16 * 1024 * 1024
# a line end (CRLF, or a CR or LF alone) followed by an empty line: the event's end
_BOUNDARY = re.compile(rb"(?:\r\n|\r(?!\n)|\n)(?:\r\n|\r(?!\n)|\n)")
_CR = 13
_LINE_END = re.compile(r"\r\n|\r|\n")


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
        self._buffer = bytearray()
        self._searched = 0  # bytes of the buffer already known to hold no boundary
        self._max = max_frame_bytes

    def feed(self, chunk: bytes) -> Iterator[SSEFrame]:
        """Add bytes; yield every frame they complete.

        Raises:
            SSEError: a frame larger than the limit, or not valid UTF-8.
        """
        buffer = self._buffer
        buffer += chunk
        start = 0
        position = max(0, self._searched - 3)  # a boundary may straddle the old end
        while (m := _BOUNDARY.search(buffer, position)) is not None:
            end = m.end()
            if end == len(buffer) and buffer[-1] == _CR:
                break  # the CR may be the first half of a CRLF: wait for the next byte
            if end - start > self._max:
                raise SSEError(f"an event is larger than {self._max} bytes")
            raw = bytes(buffer[start:end])
            start = position = end
            yield _parse(raw)
        del buffer[:start]
        self._searched = len(buffer)
        if len(buffer) > self._max:
            raise SSEError(f"an event is larger than {self._max} bytes")

    def close(self) -> Iterator[SSEFrame]:
        """Yield a last frame left without its closing blank line, if any."""
        rest = bytes(self._buffer)
        self._buffer.clear()
        self._searched = 0
        if rest.strip():
            yield _parse(rest)


def _parse(raw: bytes) -> SSEFrame:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SSEError(f"an event is not valid UTF-8: {exc.reason}") from None
    event: str | None = None
    data: list[str] = []
    lines = text.split("\n") if "\r" not in text else _LINE_END.split(text)
    for line in lines:
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
