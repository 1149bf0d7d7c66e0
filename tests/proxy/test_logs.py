"""The proxy's logs: JSON lines, tracebacks without frame locals."""

from __future__ import annotations

import json
import subprocess
import sys

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
