"""Errors the proxy raises, each mapped to one HTTP status and one error type.

Hierarchy::

    ProxyError                      500 internal_error
    ├── ConfigError                 (start-up only: a config file that does not load)
    ├── BadRequest                  400 invalid_request_error
    │   ├── BodyTooLarge            413 invalid_request_error
    │   └── UnknownModel            404 invalid_request_error (code model_not_found)
    ├── NoUpstream                  503 service_unavailable
    ├── GateBlocked                 422 gate_blocked
    └── UpstreamError               502 upstream_error
        ├── UpstreamTimeout         504 upstream_timeout
        ├── UpstreamUnreachable     502 upstream_unreachable
        └── UpstreamStatus          (the upstream's own status and error body)

Each dialect renders these in its own API's error shape (see proxy.dialects).
Messages never carry a key: upstream error bodies are scrubbed of the upstream's key
before they are shown.
"""

from __future__ import annotations

__all__ = [
    "BadRequest",
    "BodyTooLarge",
    "ConfigError",
    "GateBlocked",
    "NoUpstream",
    "ProxyError",
    "UnknownModel",
    "UpstreamError",
    "UpstreamStatus",
    "UpstreamTimeout",
    "UpstreamUnreachable",
]


class ProxyError(Exception):
    """Base class; `status`, `error_type` and `code` say how the client sees it."""

    status = 500
    error_type = "internal_error"
    code: str | None = None

    def __init__(self, message: str, *, code: str | None = None, param: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.param = param


class ConfigError(ProxyError):
    """A configuration file that does not load; the message names file, key and value."""


class BadRequest(ProxyError):
    """The client's request is malformed or wrong."""

    status = 400
    error_type = "invalid_request_error"


class BodyTooLarge(BadRequest):
    """The request body is larger than server.max_body_bytes."""

    status = 413
    code = "request_too_large"


class UnknownModel(BadRequest):
    """No upstream serves the requested model."""

    status = 404
    code = "model_not_found"


class NoUpstream(ProxyError):
    """No upstream is configured at all."""

    status = 503
    error_type = "service_unavailable"
    code = "no_upstream"


class GateBlocked(ProxyError):
    """The answer's code failed the gate and the policy says block."""

    status = 422
    error_type = "gate_blocked"
    code = "insecure_code"


class UpstreamError(ProxyError):
    """The upstream failed in a way the client should hear about."""

    status = 502
    error_type = "upstream_error"


class UpstreamTimeout(UpstreamError):
    """The upstream did not connect or answer in time."""

    status = 504
    error_type = "upstream_timeout"
    code = "upstream_timeout"


class UpstreamUnreachable(UpstreamError):
    """The upstream refused or dropped the connection."""

    code = "upstream_unreachable"


class UpstreamStatus(UpstreamError):
    """The upstream answered with an error status.

    Its body is passed on when it is already in the client API's error shape; otherwise
    its text becomes the message of an error in that shape. Headers such as retry-after
    and x-request-id go with it.
    """

    def __init__(
        self, status: int, body: bytes, content_type: str, headers: dict[str, str]
    ) -> None:
        text = body.decode("utf-8", "replace").strip()[:500]
        super().__init__(
            f"upstream answered {status}" + (f": {text}" if text else ""), code="upstream_status"
        )
        self.status = status
        self.body = body
        self.content_type = content_type
        self.headers = headers
