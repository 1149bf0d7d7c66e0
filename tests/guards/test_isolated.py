"""Scans in a process of their own: the same reports, and what fails there stays there."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import pytest

import guards
from guards.isolated import ScanPool, Unjudged
from guards.rules import load_builtin_rules
from tests.guards.faulty import CRASH, ENVIRONMENT, HANG, HOG, RAISE
from tests.servers import running

FAULTY = "tests.guards.faulty:scan"
ARTIFACTS = [
    guards.Artifact("import subprocess\nsubprocess.run(cmd, shell=True)\n", "python"),
    guards.Artifact(
        'app.get("/u", (req, res) => db.query("SELECT * FROM t WHERE id=" + req.query.id));\n',
        "javascript",
    ),
    guards.Artifact("+eval(input())\n", "python", path="a.py", kind="patch", origin="tool_call"),
    guards.Artifact('token = "ghp_' + "a1B2c3D4e5" * 4 + '"\n', None, path="conf.\udc80.py"),
    guards.Artifact(
        "import subprocess  # \ud800\nsubprocess.run(cmd, shell=True)\n", "python", kind="fragment"
    ),
    guards.Artifact("#include <cstring>\nvoid f(char *s) { char b[4]; strcpy(b, s); }\n", "cpp"),
]


def scan(
    process: ScanPool, artifacts: Sequence[guards.Artifact], budget: float = 60.0
) -> list[guards.Report | Unjudged]:
    return asyncio.run(process.scan(artifacts, budget))  # a new event loop each time


@pytest.fixture
def process() -> Iterator[ScanPool]:
    made = ScanPool(entry=FAULTY)
    yield made
    made.close()


def without_timing(report: guards.Report | Unjudged) -> guards.Report | Unjudged:
    return replace(report, duration_ms=0.0) if isinstance(report, guards.Report) else report


def test_the_scan_process_reports_what_a_scan_in_this_process_reports(process: ScanPool):
    # surrogates in code and path, a patch, no language, a grammar compiled on demand
    expected = [guards.scan_artifact(a) for a in ARTIFACTS]
    got = scan(process, ARTIFACTS)
    assert [without_timing(r) for r in got] == [without_timing(r) for r in expected]
    assert all(isinstance(r, guards.Report) and r.findings for r in got)


def test_a_guard_that_raises_leaves_that_artifact_unjudged_and_the_others_judged(
    process: ScanPool,
):
    fine, broken = ARTIFACTS[0], guards.Artifact(f"# {RAISE}\n", "python")
    first, second, third = scan(process, [fine, broken, fine])
    assert second == Unjudged("RuntimeError")
    for judged in (first, third):
        assert isinstance(judged, guards.Report)
        assert [f.rule_id for f in judged.findings] == ["PY001"]


def test_a_guard_that_asks_for_more_memory_than_the_process_may_have_fails_alone(
    process: ScanPool,
):
    hog = guards.Artifact(f"# {HOG}\n", "python")
    assert scan(process, [hog]) == [Unjudged("MemoryError")]
    [report] = scan(process, ARTIFACTS[:1])  # the same process goes on
    assert isinstance(report, guards.Report) and process.starts == 1


def test_a_crash_fails_that_scan_only_and_the_next_scan_runs_in_a_new_process(
    process: ScanPool,
):
    with pytest.raises(guards.ScanCrashed, match="signal SIGSEGV"):
        scan(process, [guards.Artifact(f"# {CRASH}\n", "python")])
    [report] = scan(process, ARTIFACTS[:1])
    assert isinstance(report, guards.Report) and report.findings[0].rule_id == "PY001"
    assert process.starts == 2


def test_what_a_scan_process_writes_to_stderr_is_passed_on_line_by_line():
    pool = ScanPool(entry=FAULTY)
    lines: list[tuple[int, str]] = []
    pool.start(on_output=lambda pid, line: lines.append((pid, line)))
    try:
        scan(pool, ARTIFACTS[:1])
        [pid] = pool.pids
        with pytest.raises(guards.ScanCrashed, match="signal SIGSEGV"):
            scan(pool, [guards.Artifact(f"# {CRASH}\n", "python")])
        pool.close()  # returns once all the process wrote is passed on
        # faulthandler's account of the crash: the error, then where each thread was
        assert "Fatal Python error: Segmentation fault" in [line for _, line in lines]
        assert any("faulty.py" in line and "in scan" in line for _, line in lines)
        assert {p for p, _ in lines} == {pid}
    finally:
        pool.close()


def test_a_scan_past_its_budget_says_where_it_was_stuck_before_its_process_ends():
    pool = ScanPool(entry=FAULTY)
    lines: list[str] = []
    pool.start(on_output=lambda pid, line: lines.append(line))
    try:
        scan(pool, ARTIFACTS[:1])
        [stuck] = pool.pids
        with pytest.raises(guards.ScanOverran):
            scan(pool, [guards.Artifact(f"# {HANG}\n", "python")], budget=0.2)
        pool.close()  # returns once it has ended and all it wrote is passed on
        assert not running(stuck)
        assert any("faulty.py" in line and "in scan" in line for line in lines), lines
    finally:
        pool.close()


def test_a_scan_past_its_budget_ends_its_process(process: ScanPool):
    scan(process, ARTIFACTS[:1])  # started, python compiled
    [hung] = process.pids
    with pytest.raises(guards.ScanOverran, match=r"time budget of 0\.2 s"):
        scan(process, [guards.Artifact(f"# {HANG}\n", "python")], budget=0.2)
    process.close()  # waits for the ended process to be reaped
    assert not Path(f"/proc/{hung}").exists()
    [report] = scan(process, ARTIFACTS[:1])
    assert isinstance(report, guards.Report) and process.starts == 2


def test_with_two_processes_a_scan_that_hangs_holds_up_no_other():
    pool = ScanPool(entry=FAULTY, processes=2)

    async def hang_then_ask() -> tuple[guards.Report | Unjudged, bool]:
        hanging = asyncio.ensure_future(pool.scan([guards.Artifact(f"# {HANG}\n", "python")], 3))
        await asyncio.sleep(0)  # handed to the pool first
        [report] = await pool.scan(ARTIFACTS[:1], 60.0)
        held_up = hanging.done()  # with one process, the scan above waited for it to overrun
        with pytest.raises(guards.ScanOverran):
            await hanging
        return report, held_up

    try:
        report, held_up = asyncio.run(hang_then_ask())
    finally:
        pool.close()
    assert isinstance(report, guards.Report) and not held_up
    assert pool.starts == 2


def test_the_budget_starts_once_the_rules_the_scan_needs_are_compiled():
    # a new process compiles C++'s rules first (seconds), far past this budget
    fresh = ScanPool()
    try:
        [report] = scan(fresh, ARTIFACTS[-1:], budget=0.3)
    finally:
        fresh.close()
    assert isinstance(report, guards.Report)
    assert "CC001" in {f.rule_id for f in report.findings}


def test_scans_sent_while_the_process_warms_up_are_not_charged_for_its_compiles():
    # each of the warm-up's compiles holds the child's GIL, some for half a second: a
    # scan of rules already compiled waits for it, and must not overrun for it
    warming, ready = ScanPool(), threading.Event()
    reports: list[guards.Report | Unjudged] = []
    try:
        warming.start(warm=True, on_ready=lambda seconds, grammars: ready.set())
        while not ready.is_set():  # python's rules come first; every other grammar after
            reports += scan(warming, ARTIFACTS[:1], budget=0.3)
    finally:
        warming.close()
    assert len(reports) > 10
    assert all(isinstance(r, guards.Report) and r.findings for r in reports)


def test_the_scan_process_environment_holds_no_key_and_nothing_but_path(
    process: ScanPool, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-sentinel-" + "x" * 20)
    [report] = scan(process, [guards.Artifact(f"# {ENVIRONMENT}\n", "python")])
    assert isinstance(report, guards.Report)
    names = set(report.findings[0].message.split())
    assert "PATH" in names and names <= {"PATH", "LC_CTYPE"}  # LC_CTYPE: Python's own (PEP 538)


def test_a_caller_that_gives_up_leaves_the_next_caller_its_own_answer(process: ScanPool):
    async def give_up_then_ask() -> list[guards.Report | Unjudged]:
        hanging = asyncio.ensure_future(
            process.scan([guards.Artifact(f"# {HANG}\n", "python")], 1.0)
        )
        await asyncio.sleep(0.1)  # handed to the process
        hanging.cancel()
        return await process.scan(ARTIFACTS[1:2], 60.0)

    [report] = asyncio.run(give_up_then_ask())
    assert isinstance(report, guards.Report) and report.language == "javascript"


def test_warming_compiles_every_grammar_in_the_background_and_says_when():
    rules = guards.RuleSet([r for r in load_builtin_rules() if r.id == "PY001"])
    ready = threading.Event()
    seconds: list[float] = []
    warming = ScanPool(rules)
    try:
        warming.start(warm=True, on_ready=lambda s, n: (seconds.append(s), ready.set()))
        assert ready.wait(timeout=60)
        [report] = scan(warming, ARTIFACTS[:1])
    finally:
        warming.close()
    assert seconds[0] >= 0 and isinstance(report, guards.Report)
    assert [f.rule_id for f in report.findings] == ["PY001"]  # its own rules, not the built-in


def test_a_process_started_after_a_crash_warms_only_the_grammars_scanned_so_far():
    warmed: list[int] = []
    ready = threading.Event()
    pool = ScanPool(entry=FAULTY)
    try:
        pool.start(warm=True, on_ready=lambda s, grammars: (warmed.append(grammars), ready.set()))
        assert ready.wait(timeout=120)
        ready.clear()
        scan(pool, ARTIFACTS[:2])  # python and javascript
        with pytest.raises(guards.ScanCrashed):
            scan(pool, [guards.Artifact(f"# {CRASH}\n", "python")])
        [report] = scan(pool, ARTIFACTS[:1])  # in a new process, which warms two grammars
        assert ready.wait(timeout=60)
    finally:
        pool.close()
    assert isinstance(report, guards.Report) and report.findings[0].rule_id == "PY001"
    assert warmed == [len(guards.LANGUAGES), 2] and pool.starts == 2


CHILD_OF_A_KILLED_PARENT = """
import asyncio, os, signal, guards
from guards.isolated import ScanPool
scanner = ScanPool()
asyncio.run(scanner.scan([guards.Artifact("x = 1\\n", "python")], 60))
print(*scanner.pids, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_the_scan_process_ends_when_its_parent_is_killed():
    done = subprocess.run(
        [sys.executable, "-c", CHILD_OF_A_KILLED_PARENT],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )
    child = int(done.stdout)
    deadline = time.monotonic() + 10
    while running(child) and time.monotonic() < deadline:  # not our child: nothing to wait on
        time.sleep(0.01)
    assert not running(child)
