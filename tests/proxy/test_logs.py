"""The proxy's logs: JSON lines, tracebacks without frame locals."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import logging
from proxy.logs import configure_logging, get_logger

configure_logging("info")
def fail(api_key):
    raise ValueError("upstream refused")
try:
    fail("sk-live-" + "Z" * 30)
except ValueError:
    get_logger().exception("call_failed", upstream="u")
logging.getLogger("uvicorn.error").info("stdlib line")
"""


def test_log_lines_are_json_and_tracebacks_carry_no_locals():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stderr.splitlines()]
    failed, stdlib = lines
    assert failed["event"] == "call_failed" and failed["level"] == "error"
    frames = failed["exception"][0]["frames"]
    assert any(f["name"] == "fail" for f in frames)
    assert all("locals" not in f or not f["locals"] for f in frames)
    assert "Z" * 30 not in result.stderr
    assert stdlib["event"] == "stdlib line" and stdlib["logger"] == "uvicorn.error"


SCAN_CRASH = """
import asyncio
import guards
from guards.isolated import ScanPool
from proxy.logs import configure_logging
from proxy.server import log_scan_output

configure_logging("info")
pool = ScanPool(entry="tests.guards.faulty:scan")
pool.start(on_output=log_scan_output)
try:
    asyncio.run(pool.scan([guards.Artifact("# CRASH-HERE", "python")], 60))
except guards.ScanCrashed:
    pass
pool.close()  # returns once all the crashed process wrote is passed on
log_scan_output(1, 'Traceback: token = "ghp_' + "a1B2c3D4e5" * 4 + '"')
log_scan_output(1, "   ")
"""


def test_what_a_scan_process_writes_to_stderr_is_logged_as_json_with_secrets_redacted():
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", SCAN_CRASH], capture_output=True, text=True, timeout=60, cwd=root
    )
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stderr.splitlines()]  # JSON, every line
    output = [e for e in events if e["event"] == "scan_process_output"]
    assert all(e["level"] == "warning" for e in output)
    lines = [e["line"] for e in output]
    assert "Fatal Python error: Segmentation fault" in lines
    assert any("faulty.py" in line for line in lines)
    assert "a1B2c3D4e5" * 4 not in result.stderr
    assert any("[REDACTED:" in line for line in lines)
    assert all(line.strip() for line in lines)  # a blank line is not logged
