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
        ├── UpstreamTimeout         504 upstream_timeout (code upstream_timeout)
        ├── UpstreamUnreachable     502 upstream_error (code upstream_unreachable)
        ├── UpstreamDisconnected    502 upstream_error (code upstream_disconnected)
        ├── UpstreamMalformed       502 upstream_error (code malformed_response)
        │   └── UpstreamIncomplete  502 upstream_error (code incomplete_stream)
        └── UpstreamStatus          (the upstream's own status and error body)
            └── UpstreamStreamError (the same, from an error event inside a stream)

Each dialect renders these in its own API's error shape (see proxy.dialects).
Messages never carry a key: upstream error bodies are scrubbed of the upstream's key
before they are shown. An upstream error after retries says how many calls were made.
"""

from __future__ import annotations

from typing import Self

__all__ = [
    "BadRequest",
    "BodyTooLarge",
    "ConfigError",
    "GateBlocked",
    "NoUpstream",
    "ProxyError",
    "UnknownModel",
    "UpstreamDisconnected",
    "UpstreamError",
    "UpstreamIncomplete",
    "UpstreamMalformed",
    "UpstreamStatus",
    "UpstreamStreamError",
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
    attempts = 1

    def after(self, attempts: int) -> Self:
        """Note how many calls the failure took (when the proxy tried more than once).

        Returns:
            The same error, its message ending with the count.
        """
        self.attempts = attempts
        if attempts > 1:
            self.message = f"{self.message} (after {attempts} attempts)"
            self.args = (self.message,)
        return self


class UpstreamTimeout(UpstreamError):
    """The upstream did not connect or answer in time."""

    status = 504
    error_type = "upstream_timeout"
    code = "upstream_timeout"


class UpstreamUnreachable(UpstreamError):
    """The upstream refused the connection, or closed it before any byte of an answer."""

    code = "upstream_unreachable"


class UpstreamDisconnected(UpstreamError):
    """The upstream dropped the connection in the middle of its answer."""

    code = "upstream_disconnected"


class UpstreamMalformed(UpstreamError):
    """The upstream's answer is not what its API sends: bad JSON or events, wrong type."""

    code = "malformed_response"


class UpstreamIncomplete(UpstreamMalformed):
    """The upstream ended a stream cleanly but without the API's closing event."""

    code = "incomplete_stream"


class UpstreamStatus(UpstreamError):
    """The upstream answered with an error status.

    Its body is passed on when it is already in the client API's error shape; otherwise
    its text becomes the message of an error in that shape. Headers such as retry-after
    and x-request-id go with it.
    """

    code = "upstream_status"

    def __init__(
        self,
        status: int,
        body: bytes,
        content_type: str,
        headers: dict[str, str],
        *,
        said: str | None = None,
    ) -> None:
        text = body.decode("utf-8", "replace").strip()[:500]
        said = said or f"upstream answered {status}"
        super().__init__(said + (f": {text}" if text else ""))
        self.status = status
        self.body = body
        self.content_type = content_type
        self.headers = headers


class UpstreamStreamError(UpstreamStatus):
    """The upstream sent its API's error event inside a stream it had begun.

    The event's error object becomes the body, in the API's error shape, with the status
    the API gives that error type (Anthropic's overloaded_error is a 529), so the client
    hears what the upstream said.
    """

    code = "upstream_stream_error"

    def __init__(self, upstream: str, status: int, body: bytes) -> None:
        super().__init__(
            status,
            body,
            "application/json",
            {},
            said=f"upstream '{upstream}' sent an error event in its stream",
        )
