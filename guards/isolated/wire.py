"""What crosses the pipes between the proxy and its scan process, and how it is framed.

A frame is a 4-byte big-endian length and that many bytes. What the parent sends (the
start frame with the rule set, then each scan's artifacts) is pickled: the child trusts
its parent, and pickle carries a 100 KB answer in a tenth of a millisecond, where JSON
took 0.65. What the child sends back is JSON, written by the standard json module with
ASCII escapes (a path or snippet can hold lone surrogates, which a UTF-8-only encoder
refuses): the child judges untrusted code, so nothing it sends is ever unpickled.
"""

from __future__ import annotations

import json
import struct
from typing import Any

from guards.model import Confidence, Finding, Report, Severity

__all__ = [
    "FRAME_HEADER",
    "MAX_FRAME_BYTES",
    "decode",
    "encode",
    "frame",
    "report_from_wire",
    "report_to_wire",
]

FRAME_HEADER = struct.Struct(">I")
# a report frame past this is not the child's: the parent ends it (the largest answer
# the extraction passes holds far less than this in findings)
MAX_FRAME_BYTES = 256 * 1024 * 1024


def frame(payload: bytes) -> bytes:
    """The payload with its length in front."""
    return FRAME_HEADER.pack(len(payload)) + payload


def encode(message: dict[str, Any]) -> bytes:
    """A message as one frame."""
    return frame(json.dumps(message, separators=(",", ":")).encode("ascii"))


def decode(payload: bytes) -> dict[str, Any]:
    """A frame's payload as a message.

    Raises:
        ValueError: not JSON, or not an object.
    """
    message = json.loads(payload)
    if not isinstance(message, dict):
        raise ValueError("a frame that is not a JSON object")
    return message


def report_to_wire(report: Report) -> dict[str, Any]:
    return {
        "language": report.language,
        "findings": [f.to_dict() for f in report.findings],
        "parsed": report.parsed,
        "duration_ms": report.duration_ms,
    }


def report_from_wire(data: dict[str, Any]) -> Report:
    """A report as the child sent it.

    Raises:
        KeyError, TypeError, ValueError: not a report's shape.
    """
    findings = [
        Finding(
            rule_id=str(f["rule_id"]),
            name=str(f["name"]),
            cwe=None if f["cwe"] is None else int(f["cwe"]),
            severity=Severity(f["severity"]),
            confidence=Confidence(f["confidence"]),
            message=str(f["message"]),
            fix=str(f["fix"]),
            line=int(f["line"]),
            column=int(f["column"]),
            snippet=str(f["snippet"]),
            path=None if f["path"] is None else str(f["path"]),
        )
        for f in data["findings"]
    ]
    language = data["language"]
    return Report(
        language=None if language is None else str(language),
        findings=findings,
        parsed=bool(data["parsed"]),
        duration_ms=float(data["duration_ms"]),
    )
