"""What crosses the pipes between the proxy and its scan process, and how it is framed.

A frame is a 4-byte big-endian length and that many bytes of JSON. The standard json
module writes it, with ASCII escapes: code in an answer can hold lone surrogates (from
JSON escapes in a tool call), which a UTF-8-only encoder refuses and json carries
through unchanged. The one exception is the child's start frame, the rule set, which
the parent pickles: it comes from the parent, which the child trusts; nothing the child
sends back is ever unpickled.
"""

from __future__ import annotations

import json
import struct
from typing import Any

from guards.model import Artifact, Confidence, Finding, Report, Severity

__all__ = [
    "FRAME_HEADER",
    "MAX_FRAME_BYTES",
    "artifact_from_wire",
    "artifact_to_wire",
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


def artifact_to_wire(artifact: Artifact) -> dict[str, Any]:
    return {
        "content": artifact.content,
        "language": artifact.language,
        "path": artifact.path,
        "kind": artifact.kind,
        "origin": artifact.origin,
        "ref": artifact.ref,
    }


def artifact_from_wire(data: dict[str, Any]) -> Artifact:
    return Artifact(
        content=data["content"],
        language=data["language"],
        path=data["path"],
        kind=data["kind"],
        origin=data["origin"],
        ref=data["ref"],
    )


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
