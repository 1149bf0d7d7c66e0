"""Secrets in what clients send: replaced with stable placeholders, restored in answers.

A request's text (messages, system prompts, tool results, instructions) is searched with
the same secret detector the guards use. Each secret found becomes a placeholder such as
`[secret:aws-access-key-id:3f9c1a7b20de]`: the same secret always gets the same
placeholder within a process (an HMAC under a key made at start), so a conversation sent
again looks the same to the upstream and its prompt cache. The upstream, the gate and
provenance only ever see placeholders; the answer the client gets has them put back,
whole answers and streams alike, including placeholders a stream split across events.

Opaque fields (ids, signatures, encrypted reasoning, images, tool definitions, signed
thinking) are left as they are: changing them would break the API.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson

from guards.secrets import find_secrets
from proxy.sse import SSEDecoder, SSEError, encode_event

__all__ = [
    "PLACEHOLDER",
    "SECRETS_NOTE",
    "Redaction",
    "Redactor",
    "restore_frames",
    "restore_json",
    "restore_text",
]

PLACEHOLDER = re.compile(r"\[secret:[a-z0-9-]{1,64}:[0-9a-f]{12}\]")
_OPAQUE = frozenset(
    {
        "model",
        "id",
        "call_id",
        "tool_call_id",
        "tool_use_id",
        "item_id",
        "previous_response_id",
        "type",
        "role",
        "name",
        "signature",
        "encrypted_content",
        "data",
        "url",
        "image_url",
        "file_data",
        "file_id",
        "thinking",  # signed by the API: changing it invalidates the signature
        "tools",
        "tool_choice",
        "metadata",
        "response_format",
        "cache_control",
    }
)
SECRETS_NOTE = (
    "Values written like [secret:KIND:ID] stand for the user's secrets, which were removed "
    "before this request was sent. Use them only in prose; in code, read each secret from an "
    "environment variable or a secrets manager, never write the value or its placeholder in."
)
_JSON_TEXT = frozenset({"arguments", "partial_json"})  # strings holding JSON: escape inside
_CLEAN_CACHE = 4096
_CACHE_MIN_CHARS = 512


@dataclass(slots=True)
class Redaction:
    """What one request's redaction did: placeholder to secret, and the kinds found."""

    restore: dict[str, str] = field(default_factory=dict)
    kinds: list[str] = field(default_factory=list)

    @property
    def found(self) -> bool:
        """True when a secret was replaced."""
        return bool(self.restore)


class Redactor:
    """Replaces secrets with placeholders that stay the same for the process' life."""

    def __init__(self, key: bytes | None = None) -> None:
        self._key = key or secrets.token_bytes(32)
        self._clean: OrderedDict[bytes, None] = OrderedDict()  # long texts known to hold none
        self._lock = threading.Lock()  # large bodies are redacted in worker threads

    def placeholder(self, secret: str, name: str) -> str:
        """The placeholder standing for a secret."""
        digest = hmac.new(self._key, secret.encode("utf-8", "surrogatepass"), "sha256")
        kind = re.sub(r"[^a-z0-9-]", "-", name.lower())[:64] or "secret"
        return f"[secret:{kind}:{digest.hexdigest()[:12]}]"

    def redact_text(self, text: str, redaction: Redaction) -> str:
        """The text with each secret replaced by its placeholder (noted in `redaction`)."""
        digest = None
        if len(text) >= _CACHE_MIN_CHARS:
            digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
            with self._lock:
                if digest in self._clean:
                    self._clean.move_to_end(digest)
                    return text
        matches = find_secrets(text)
        if not matches:
            if digest is not None:
                with self._lock:
                    self._clean[digest] = None
                    if len(self._clean) > _CLEAN_CACHE:
                        self._clean.popitem(last=False)
            return text
        pieces: list[str] = []
        last = 0
        for match in matches:
            secret = text[match.start : match.end]
            if PLACEHOLDER.fullmatch(secret):
                continue
            mark = self.placeholder(secret, match.name)
            redaction.restore[mark] = secret
            if match.name not in redaction.kinds:
                redaction.kinds.append(match.name)
            pieces += [text[last : match.start], mark]
            last = match.end
        pieces.append(text[last:])
        return "".join(pieces)

    def redact_body(self, body: Any) -> tuple[Any, Redaction]:
        """A request body with the secrets in its text replaced (a copy where anything changed)."""
        redaction = Redaction()
        return self._walk(body, redaction), redaction

    def _walk(self, value: Any, redaction: Redaction) -> Any:
        if isinstance(value, str):
            return self.redact_text(value, redaction)
        if isinstance(value, list):
            items = [self._walk(v, redaction) for v in value]
            return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
        if isinstance(value, dict):
            changed = False
            out: dict[str, Any] = {}
            for key, item in value.items():
                new = item if key in _OPAQUE else self._walk(item, redaction)
                changed = changed or new is not item
                out[key] = new
            return out if changed else value
        return value


def _restore_text(text: str, restore: Mapping[str, str], *, json_text: bool) -> str:
    def put_back(match: re.Match[str]) -> str:
        secret = restore.get(match.group(0))
        if secret is None:
            return match.group(0)
        return orjson.dumps(secret).decode()[1:-1] if json_text else secret

    return PLACEHOLDER.sub(put_back, text)


def restore_text(text: str, restore: Mapping[str, str]) -> str:
    """Plain text with this exchange's placeholders put back."""
    return _restore_text(text, restore, json_text=False) if restore else text


def _restore_value(value: Any, restore: Mapping[str, str], key: str = "") -> Any:
    if isinstance(value, str):
        return _restore_text(value, restore, json_text=key in _JSON_TEXT)
    if isinstance(value, list):
        return [_restore_value(v, restore) for v in value]
    if isinstance(value, dict):
        return {k: _restore_value(v, restore, k) for k, v in value.items()}
    return value


def restore_json(content: bytes, restore: Mapping[str, str]) -> bytes:
    """A whole JSON answer with this exchange's placeholders put back."""
    if not restore or b"[secret:" not in content:
        return content
    try:
        value = orjson.loads(content)
    except orjson.JSONDecodeError:
        return content
    return orjson.dumps(_restore_value(value, restore))


@dataclass(slots=True)
class _Piece:
    event: int  # index into the stream's events
    path: tuple[Any, ...]
    text: str
    json_text: bool


def restore_frames(parts: list[bytes], restore: Mapping[str, str]) -> list[bytes]:
    """A stream's events with this exchange's placeholders put back.

    Text that streams as deltas is followed per channel (the same field of the same
    content block or output item), so a placeholder split over several events is
    restored whole in the event where it starts and removed from the ones after.
    """
    if not restore:  # (a placeholder split over events shows in no single one of them)
        return parts
    decoder = SSEDecoder()
    try:
        frames = [f for part in parts for f in decoder.feed(part)] + list(decoder.close())
    except SSEError:
        return parts
    events: list[Any] = []
    channels: dict[tuple[Any, ...], list[_Piece]] = {}
    for index, frame in enumerate(frames):
        try:
            data = orjson.loads(frame.data) if frame.data is not None else None
        except orjson.JSONDecodeError:
            data = None
        events.append(data)
        if not isinstance(data, dict):
            continue
        scope = tuple(data.get(k) for k in ("index", "output_index", "content_index", "item_id"))
        arguments = "arguments" in str(data.get("type", ""))
        for path, text, key in _strings(data, ()):
            json_text = key in _JSON_TEXT or (key == "delta" and arguments)
            channel = (scope, path)
            channels.setdefault(channel, []).append(_Piece(index, path, text, json_text))
    changed: set[int] = set()
    for pieces in channels.values():
        for piece, new in zip(pieces, _restored_pieces(pieces, restore), strict=True):
            if new != piece.text:
                _set(events[piece.event], piece.path, new)
                changed.add(piece.event)
    if not changed:
        return parts
    out = []
    for index, frame in enumerate(frames):
        if index in changed:
            out.append(encode_event(orjson.dumps(events[index]).decode(), frame.event))
        else:
            out.append(frame.raw)
    return out


def _strings(
    value: Any, path: tuple[Any, ...], key: str = ""
) -> Iterator[tuple[tuple[Any, ...], str, str]]:
    if isinstance(value, str):
        yield path, value, key
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, (*path, k), k)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            # a streamed tool call names its own index: follow it, not its place in this list
            step = ("#", v["index"]) if isinstance(v, dict) and "index" in v else i
            yield from _strings(v, (*path, step), key)


def _set(container: Any, path: tuple[Any, ...], text: str) -> None:
    for step in path[:-1]:
        container = _step(container, step)
    last = path[-1]
    if isinstance(last, tuple):
        container[_list_position(container, last[1])] = text
    else:
        container[last] = text


def _step(container: Any, step: Any) -> Any:
    if isinstance(step, tuple):
        return container[_list_position(container, step[1])]
    return container[step]


def _list_position(items: list[Any], index: Any) -> int:
    return next(i for i, v in enumerate(items) if isinstance(v, dict) and v.get("index") == index)


def _restored_pieces(pieces: list[_Piece], restore: Mapping[str, str]) -> list[str]:
    """Each piece's text with the placeholders of the joined text put back."""
    joined = "".join(p.text for p in pieces)
    if "[secret:" not in joined:
        return [p.text for p in pieces]
    starts = []
    offset = 0
    for piece in pieces:
        starts.append(offset)
        offset += len(piece.text)
    out = [list(p.text) for p in pieces]
    owner = [i for i, p in enumerate(pieces) for _ in p.text]
    for match in PLACEHOLDER.finditer(joined):
        secret = restore.get(match.group(0))
        if secret is None:
            continue
        first = owner[match.start()]
        piece = pieces[first]
        value = orjson.dumps(secret).decode()[1:-1] if piece.json_text else secret
        for position in range(match.start(), match.end()):
            i = owner[position]
            out[i][position - starts[i]] = value if position == match.start() else ""
    return ["".join(chars) for chars in out]
