"""Who may call: client keys, checked in front of every route but the health check.

Keys are configured as `[[auth.clients]]` entries, each with a name and either the
sha256 of the key or the environment variable holding it; the proxy keeps only the
hashes. A client presents its key as `x-codetamer-key`, or in the header its SDK already
sends (`Authorization: Bearer` or `x-api-key`). A key taken from one of those two is the
proxy's, so it is never passed on to an upstream; with `x-codetamer-key` they stay free
for the client's own upstream key (see `pass_through_client_key`).

The client's name is bound to the request's log lines and lands in its provenance record.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass

import orjson
import structlog
from starlette.types import ASGIApp, Receive, Scope, Send

from proxy.logs import get_logger

__all__ = [
    "CLIENT_NAME",
    "KEY_HEADER",
    "AuthMiddleware",
    "ClientKeys",
    "consumed_header",
    "hash_key",
    "new_key",
]

KEY_HEADER = "x-codetamer-key"
CLIENT_NAME: ContextVar[str | None] = ContextVar("codetamer_client_name", default=None)
"""The name of the client key that authenticated the current request, if any."""

_OPEN_PATHS = frozenset({"/healthz"})
_STATE_KEY = "codetamer_key_header"
_MAX_KEY_CHARS = 512


def hash_key(key: str) -> str:
    """The hex sha256 of a key, as `[[auth.clients]] key_sha256` stores it."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def new_key() -> str:
    """A fresh random client key (256 bits)."""
    return "ctk-" + secrets.token_urlsafe(32)


@dataclass(frozen=True, slots=True)
class ClientKeys:
    """The configured client keys: hash to name."""

    by_hash: Mapping[str, str]

    @property
    def required(self) -> bool:
        """True when any key is configured: then every call must carry one."""
        return bool(self.by_hash)

    def identify(self, key: str) -> str | None:
        """The name of the client whose key this is, or None."""
        if not key or len(key) > _MAX_KEY_CHARS:
            return None
        digest = hash_key(key)
        found = None
        for known, name in self.by_hash.items():  # compare every one, in constant time
            if hmac.compare_digest(known, digest):
                found = name
        return found


def _presented(headers: Mapping[str, str]) -> tuple[str, str] | None:
    """The key a request presents and the header it came in, in order of preference."""
    if key := headers.get(KEY_HEADER, "").strip():
        return key, KEY_HEADER
    scheme, _, token = headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip(), "authorization"
    if key := headers.get("x-api-key", "").strip():
        return key, "x-api-key"
    return None


def consumed_header(scope: Scope) -> str | None:
    """The header whose key authenticated this request (so it is not the upstream's)."""
    state = scope.get("state")
    value = state.get(_STATE_KEY) if isinstance(state, dict) else None
    return value if isinstance(value, str) else None


class AuthMiddleware:
    """Plain ASGI middleware: no valid key, no service (401 in the caller's API shape)."""

    def __init__(self, app: ASGIApp, keys: ClientKeys) -> None:
        self.app, self.keys = app, keys

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.keys.required or scope["path"] in _OPEN_PATHS:
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        presented = _presented(headers)
        name = self.keys.identify(presented[0]) if presented else None
        if name is None:
            client = scope.get("client")
            get_logger().warning(
                "client_rejected",
                path=scope["path"],
                address=client[0] if client else None,
                reason="invalid key" if presented else "no key",
            )
            await _unauthorized(scope["path"], send, presented is not None)
            return
        assert presented is not None
        scope.setdefault("state", {})[_STATE_KEY] = presented[1]
        token = CLIENT_NAME.set(name)
        try:
            with structlog.contextvars.bound_contextvars(client_name=name):
                await self.app(scope, receive, send)
        finally:
            CLIENT_NAME.reset(token)


async def _unauthorized(path: str, send: Send, presented: bool) -> None:
    message = (
        "codetamer: the client key is not valid."
        if presented
        else f"codetamer needs a client key: send it as {KEY_HEADER}, "
        "or as the API key of your SDK (Authorization: Bearer, or x-api-key)."
    )
    body: dict[str, object]
    if path.startswith(("/v1/messages", "/messages")):
        body = {"type": "error", "error": {"type": "authentication_error", "message": message}}
    else:
        body = {
            "error": {
                "message": message,
                "type": "authentication_error",
                "param": None,
                "code": "invalid_api_key",
            }
        }
    content = orjson.dumps(body)
    await send(
        {
            "type": "http.response.start",
            "status": 401,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(content)).encode()),
                (b"www-authenticate", b'Bearer realm="codetamer"'),
            ],
        }
    )
    await send({"type": "http.response.body", "body": content})
