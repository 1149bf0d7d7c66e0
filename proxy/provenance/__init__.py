"""Provenance: what was asked, who answered, what went in, what the guards found."""

from __future__ import annotations

from proxy.provenance.store import (
    GENESIS,
    Problem,
    ProvenanceStore,
    StoredRecord,
    WriterError,
    find_record,
    read_records,
    verify,
)

__all__ = [
    "GENESIS",
    "Problem",
    "ProvenanceStore",
    "StoredRecord",
    "WriterError",
    "find_record",
    "read_records",
    "verify",
]
