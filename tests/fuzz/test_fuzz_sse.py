"""The SSE decoder on arbitrary byte streams: chunking never changes the frames, the frames
keep every byte, they mean what the WHATWG rules say, and sizes stay bounded."""

from __future__ import annotations

import itertools
import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proxy.sse import SSEDecoder, SSEError, SSEFrame

# pieces that make boundaries, fields and comments likely; raw bytes cover the rest
_PIECES = st.sampled_from(
    [b"\r", b"\n", b"\r\n", b"\n\n", b"\r\r", b"data:", b"data: ", b"event: x", b":", b" ", b"a"]
)
_STREAMS = st.lists(st.one_of(_PIECES, st.binary(max_size=6)), max_size=40).map(b"".join)
# line by line: field lines, comments, blank lines and odd text, each ended by any of
# the three line ends (mixed within a stream), the last one maybe unended
_LINE = st.one_of(
    st.sampled_from(["", "", "data", "data:", "data: x", "data:  y", "event: e", ": c", "id: 1"]),
    st.text(st.characters(codec="utf-8", exclude_characters="\r\n\ufeff"), max_size=6),
)
_TEXT_STREAMS = st.tuples(
    st.lists(st.tuples(_LINE, st.sampled_from(["\n", "\r", "\r\n"])), max_size=25),
    st.sampled_from(["", "data: tail", ": tail"]),
).map(lambda lines: "".join(a + b for a, b in lines[0]) + lines[1])

Outcome = tuple[list[tuple[bytes, str | None, str | None]], str | None]


def decode(chunks: list[bytes], max_frame_bytes: int = 1 << 20) -> Outcome:
    """The frames a decoder yields for the chunks, and the error that stopped it, if any."""
    decoder = SSEDecoder(max_frame_bytes=max_frame_bytes)
    frames: list[SSEFrame] = []
    try:
        for chunk in chunks:
            frames.extend(decoder.feed(chunk))
        frames.extend(decoder.close())
    except SSEError as exc:
        return [(f.raw, f.event, f.data) for f in frames], str(exc)
    return [(f.raw, f.event, f.data) for f in frames], None


def split(stream: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({c % (len(stream) + 1) for c in cuts})
    bounds = [0, *points, len(stream)]
    return [stream[a:b] for a, b in itertools.pairwise(bounds)]


def reference(text: str) -> list[tuple[str | None, str]]:
    """Events as the WHATWG event-stream rules dispatch them, written independently:
    line by line, an empty line dispatching the data gathered (a last event without its
    blank line is kept too, as the decoder's close() does)."""
    events: list[tuple[str | None, str]] = []
    event: str | None = None
    data: list[str] | None = None
    for line in [*re.split(r"\r\n|\r|\n", text), ""]:
        if line == "":
            if data is not None:
                events.append((event, "\n".join(data)))
            event, data = None, None
            continue
        if line.startswith(":"):
            continue
        name, colon, value = line.partition(":")
        if colon and value.startswith(" "):
            value = value[1:]
        if name == "event":
            event = value
        elif name == "data":
            data = [*(data or []), value]
    return events


@settings(max_examples=200, deadline=None)
@given(_STREAMS, st.lists(st.integers(min_value=0, max_value=10_000), max_size=12))
def test_any_byte_stream_cut_anywhere_gives_the_frames_of_the_whole(stream: bytes, cuts):
    assert decode(split(stream, cuts)) == decode([stream])


@settings(max_examples=200, deadline=None)
@given(_STREAMS, st.integers(min_value=1, max_value=5))
def test_any_byte_stream_fed_in_small_pieces_gives_the_frames_of_the_whole(stream, size):
    pieces = [stream[i : i + size] for i in range(0, len(stream), size)]
    assert decode(pieces) == decode([stream])


@settings(max_examples=200, deadline=None)
@given(_TEXT_STREAMS)
def test_frames_keep_every_byte_and_carry_the_events_the_spec_dispatches(text: str):
    stream = text.encode()
    frames, error = decode([stream])
    assert error is None  # valid UTF-8 and small: nothing to refuse
    joined = b"".join(raw for raw, _, _ in frames)
    # the frames are the stream, byte for byte (a trailing run of blank lines aside)
    assert stream.startswith(joined) and not stream[len(joined) :].strip()
    assert [(event, data) for _, event, data in frames if data is not None] == reference(text)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=300), min_size=1, max_size=6),
    st.integers(min_value=1, max_value=64),
    st.integers(min_value=40, max_value=200),
)
def test_a_frame_over_the_limit_is_an_error_however_the_stream_is_chunked(
    sizes: list[int], chunk: int, limit: int
):
    frames = [b"data: " + b"x" * n + b"\n\n" for n in sizes]
    stream = b"".join(frames)
    whole = decode([stream], max_frame_bytes=limit)
    pieces = decode([stream[i : i + chunk] for i in range(0, len(stream), chunk)], limit)
    assert whole == pieces
    fitting = next((i for i, f in enumerate(frames) if len(f) > limit), len(frames))
    assert [raw for raw, _, _ in whole[0]] == frames[:fitting]
    assert whole[1] == (
        None if fitting == len(frames) else f"an event is larger than {limit} bytes"
    )


def test_invalid_utf8_anywhere_is_an_sse_error_never_another_exception():
    for stream in (b"data: \xc3\n\n", b"event: \xff\xfe\r\r", b"\x80", b"data: ok\n\n\xed\xa0\x80"):
        _, error = decode([stream])
        assert error is not None and "UTF-8" in error


@pytest.mark.parametrize(
    "stream",
    [
        b"\n" * 200_000,
        b"\r" * 200_000,
        b"\r\n" * 100_000,
        b"data: " + b"x" * 400_000 + b"\n\n",
        b": keepalive\n\n" * 20_000,
        b"\r\n\r" * 60_000,
    ],
    ids=["lf", "cr", "crlf", "one-big-frame", "keepalives", "crlfcr"],
)
def test_pathological_streams_decode_in_linear_time_in_tiny_chunks(stream: bytes):
    started = time.perf_counter()
    decoder = SSEDecoder()
    count = 0
    for i in range(0, len(stream), 7):
        count += sum(1 for _ in decoder.feed(stream[i : i + 7]))
    count += sum(1 for _ in decoder.close())
    assert time.perf_counter() - started < 5.0  # a hang guard: linear work is ~0.2 s
    assert count >= 1


def test_a_big_frame_in_many_chunks_is_buffered_in_linear_time():
    decoder = SSEDecoder()
    chunk = b"x" * 4096
    started = time.perf_counter()
    for _ in range(2048):  # 8 MiB of one event: re-copying the buffer per chunk takes ~10 s
        assert not list(decoder.feed(chunk))
    (frame,) = list(decoder.feed(b"\n\n"))
    assert time.perf_counter() - started < 3.0
    assert len(frame.raw) == 8 * 1024 * 1024 + 2
