"""The SSE frame decoder keeps raw bytes and parses fields the way the spec says."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from proxy.sse import SSEDecoder, SSEError, encode_event


def frames(chunks: list[bytes]):
    decoder = SSEDecoder()
    out = [f for c in chunks for f in decoder.feed(c)]
    return out + list(decoder.close())


def test_frames_split_on_any_line_ending_and_keep_their_bytes():
    stream = b"data: a\n\nevent: x\r\ndata: b\r\ndata: c\r\n\r\n: comment\n\ndata: d\r\r"
    out = frames([stream])
    assert [(f.event, f.data) for f in out] == [
        (None, "a"),
        ("x", "b\nc"),
        (None, None),
        (None, "d"),
    ]
    assert b"".join(f.raw for f in out) == stream
    assert out[2].is_comment


@given(st.lists(st.text(alphabet="abc: \n", max_size=20), max_size=8), st.integers(1, 7))
def test_any_chunking_gives_the_same_frames(events, size):
    stream = b"".join(encode_event(e or "x") for e in events)
    whole = frames([stream])
    pieces = frames([stream[i : i + size] for i in range(0, len(stream), size)])
    assert [(f.raw, f.data) for f in whole] == [(f.raw, f.data) for f in pieces]


def test_a_frame_over_the_limit_is_an_error():
    decoder = SSEDecoder(max_frame_bytes=100)
    with pytest.raises(SSEError, match="larger than 100"):
        list(decoder.feed(b"data: " + b"x" * 200))


def test_invalid_utf8_is_an_error_not_a_crash():
    with pytest.raises(SSEError, match="UTF-8"):
        frames([b"data: \xff\xfe\n\n"])
