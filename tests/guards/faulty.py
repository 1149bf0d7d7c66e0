"""A scan function that fails on purpose, for the scan process to run in tests.

Named to guards.isolated.ScanPool as entry="tests.guards.faulty:scan". It scans as
guards.scan_artifact does, except for code holding one of these markers:

- RAISE: the guard raises RuntimeError;
- CRASH: the process dies of SIGSEGV, as a grammar's C code would;
- HANG: the scan never ends;
- ENVIRONMENT: the report's one finding lists the process's environment variables;
- HOG: the guard asks for more memory than the scan process may have.
"""

from __future__ import annotations

import os
import signal
import time

import guards
from guards.isolated.child import MEMORY_BYTES

RAISE, CRASH, HANG, ENVIRONMENT = "RAISE-HERE", "CRASH-HERE", "HANG-HERE", "ENVIRONMENT-HERE"
HOG = "HOG-HERE"


def scan(artifact: guards.Artifact, rules: guards.RuleSet) -> guards.Report:
    if RAISE in artifact.content:
        raise RuntimeError("guard bug")
    if CRASH in artifact.content:
        os.kill(os.getpid(), signal.SIGSEGV)
    if HANG in artifact.content:
        time.sleep(3600)
    if HOG in artifact.content:
        hoard = bytearray(MEMORY_BYTES + 1024**3)
        hoard[-1] = 1
    if ENVIRONMENT in artifact.content:
        finding = guards.Finding(
            rule_id="ENV",
            name="environment",
            cwe=None,
            severity=guards.Severity.INFO,
            confidence=guards.Confidence.HIGH,
            message=" ".join(sorted(os.environ)),
            fix="",
            line=1,
            column=1,
        )
        return guards.Report(language=artifact.language, findings=[finding])
    return guards.scan_artifact(artifact, rules)
