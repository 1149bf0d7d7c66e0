"""Scanning in a process of its own, so that what goes wrong in a scan stays there.

The guards parse untrusted code with tree-sitter grammars written in C. In the caller's
process, a grammar's crash ends the caller (tree-sitter-bash did), a scan past its time
budget goes on using a core with no way to stop it, and every parse, query run and
query compile holds the GIL: the proxy's event loop stood still for 20 to 40 ms during a
large answer's scan, and for up to half a second while the rules compiled at start.

A ScanPool runs the scans in child processes (guards.isolated.child; one by default),
each child one scan at a time:

- a crash ends the child: that scan raises ScanCrashed, and the next starts a new child;
- a scan past its budget ends the child (ScanOverran): the core is free again at once
  (or 0.2 s later, when the child's stderr is relayed: it first writes where it was stuck);
- the child compiles the rules, all of them in the background when warming, and the
  budget starts only once a scan's own rules are compiled; a child started after one
  ended warms only the grammars scanned so far (a crash does not cost a whole warm-up);
- the child's environment holds PATH and nothing else: no upstream key lives in it;
- what the child writes to stderr (a traceback; after a crash, faulthandler's stack of
  where it died) goes, line by line, to the `on_output` callback given to `start`, so
  the caller can log it in its own format; without one, it goes to this process's stderr.

One private event loop, in a daemon thread, supervises every child; `scan` may be
awaited from any event loop.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import itertools
import json
import os
import pickle
import signal
import sys
import threading
import time
import weakref
from collections.abc import Callable, Coroutine, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, TypeVar

from guards.errors import ScanCrashed, ScanFailed, ScanOverran
from guards.isolated.wire import (
    FRAME_HEADER,
    MAX_FRAME_BYTES,
    decode,
    frame,
    report_from_wire,
)
from guards.languages import LANGUAGES
from guards.model import Artifact, Report
from guards.rules import RuleSet, default_ruleset

__all__ = ["ENTRY", "ScanPool", "Unjudged", "shared_pool"]

ENTRY = "guards.scan:scan_artifact"
"""The function the child scans each artifact with ("module:function")."""

# how long a scan may wait for its rules to compile: C++'s take seconds, more on a
# machine that is busy; past it the child is taken to be stuck and is ended
_COMPILE_SECONDS = 120.0
_RESPAWN_SECONDS = 1.0  # the least time between two starts of a child
_DUMP_SECONDS = 0.2  # how long a child past its budget has to say where it is stuck
_OUTPUT_LINE_CHARS = 2000  # a longer stderr line is cut
_OUTPUT_LINES = 1000  # stderr lines passed on from one child; later ones are dropped
_BOOT = (
    "import json, sys; sys.path[:] = json.loads(sys.argv[1]); "
    "from guards.isolated.child import main; main()"
)

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Unjudged:
    """An artifact whose guard raised: the error's class name, and no report."""

    error: str


@dataclass(slots=True)
class _Slot:
    """One place in the pool: its child (restarted after it ends), and when it started."""

    child: _Child | None = None
    started_at: float | None = None


class ScanPool:
    """Scans in child processes, each started at its first scan (or by `start`) and
    restarted after it ends. Shared safely by any number of callers and event loops."""

    def __init__(
        self, rules: RuleSet | None = None, *, entry: str = ENTRY, processes: int = 1
    ) -> None:
        """
        Args:
            rules: the rule set the children scan with; the built-in rules by default.
            entry: the scan function, "module:function", called with an artifact and
                the rule set (tests name one that fails on purpose).
            processes: children scanning side by side: a slow scan holds up others only
                when every child is busy.

        Raises:
            ValueError: fewer than one process.
        """
        if processes < 1:
            raise ValueError(f"a scan pool needs at least one process, not {processes}")
        # the rules go to the child pickled; kept so, no reference holds the rule set
        self._rules = None if rules in (None, default_ruleset()) else pickle.dumps(list(rules))
        self._entry = entry
        self._warm = False
        self._on_ready: Callable[[float, int], None] | None = None
        self._on_output: Callable[[int, str], None] | None = None
        self._slots = [_Slot() for _ in range(processes)]
        self._idle: asyncio.Queue[_Slot] = asyncio.Queue()  # each slot, while not scanning
        for slot in self._slots:
            self._idle.put_nowait(slot)
        self._ids = itertools.count(1)
        self._seen: set[str] = set()  # the grammars scanned so far, by any child
        self.starts = 0  # children started so far
        _live.add(self)

    @property
    def processes(self) -> int:
        """How many children scan side by side."""
        return len(self._slots)

    @property
    def pids(self) -> list[int]:
        """The process ids of the children running now."""
        return [
            slot.child.process.pid
            for slot in self._slots
            if slot.child is not None and not slot.child.ended
        ]

    def start(
        self,
        *,
        warm: bool = False,
        on_ready: Callable[[float, int], None] | None = None,
        on_output: Callable[[int, str], None] | None = None,
    ) -> None:
        """Start the children now instead of at their first scans.

        Args:
            warm: compile every grammar's rules in the background, in these children and
                in every later one.
            on_ready: called (from another thread) with the seconds a child's warm-up
                took and how many grammars it compiled.
            on_output: called (from another thread) with a child's pid and each line it
                writes to stderr (cut at 2,000 characters; the first 1,000 lines of each
                child); children started from then on write there instead of to stderr.
        """
        self._warm, self._on_ready, self._on_output = warm, on_ready, on_output
        _run(self._start()).add_done_callback(_ignore)  # an error meets the first scan

    async def scan(self, artifacts: Sequence[Artifact], budget: float) -> list[Report | Unjudged]:
        """Scan artifacts in a child: a report for each, or the error its guard raised.

        Args:
            artifacts: the code to judge.
            budget: seconds the scan may take once its rules are compiled.

        Raises:
            ScanOverran: the scan took longer than `budget`; the child was ended.
            ScanCrashed: the child ended while scanning.
            ScanFailed: the child could not be started, or answered out of protocol.
        """
        return await asyncio.wrap_future(_run(self._scan(list(artifacts), budget)))

    def close(self) -> None:
        """End the children (a later scan starts another). Blocks until they have ended
        and what they wrote to stderr is passed on: not to be called from a coroutine."""
        _run(self._close()).result(timeout=10)

    async def _scan(self, artifacts: list[Artifact], budget: float) -> list[Report | Unjudged]:
        slot = await self._idle.get()
        try:
            child = await self._ensure(slot)
            request = child.send(next(self._ids), artifacts, budget)
            try:
                replies = await asyncio.shield(request)
            except asyncio.CancelledError:
                # the caller is gone, the scan is not: the slot is free once it ends,
                # which its budget bounds
                await asyncio.wait([request])
                raise
        finally:
            self._idle.put_nowait(slot)
        try:
            if len(replies) != len(artifacts):
                raise ValueError("a report count that is not the artifacts'")
            return [
                Unjudged(str(r["error"])) if "error" in r else report_from_wire(r["report"])
                for r in replies
            ]
        except (KeyError, TypeError, ValueError):
            unknown = ScanFailed("the scan process answered out of protocol")
            child.end(unknown)
            raise unknown from None

    async def _start(self) -> None:
        for _ in self._slots:  # the queue is first in, first out: each slot comes once
            slot = await self._idle.get()
            try:
                await self._ensure(slot)
            finally:
                self._idle.put_nowait(slot)

    async def _ensure(self, slot: _Slot) -> _Child:
        """The slot's running child, started when there is none."""
        if slot.child is not None and not slot.child.ended:
            return slot.child
        warm: bool | list[str] = self._warm
        if slot.started_at is not None:  # a child that dies at once is not restarted in a loop
            await asyncio.sleep(slot.started_at + _RESPAWN_SECONDS - time.monotonic())
            warm = sorted(self._seen) if self._warm else False
        slot.started_at = time.monotonic()
        try:
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-c",
                _BOOT,
                json.dumps(sys.path),
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE if self._on_output is not None else None,
                env={"PATH": os.environ.get("PATH", "")},
                start_new_session=True,  # a Ctrl-C in the terminal is the parent's to handle
            )
        except OSError as exc:
            raise ScanFailed(f"the scan process could not start ({type(exc).__name__})") from None
        options = {"entry": self._entry, "rules": self._rules, "warm": warm}
        assert process.stdin is not None
        process.stdin.write(frame(pickle.dumps(options)))
        slot.child = _Child(process, self._on_ready, warming=bool(warm), seen=self._seen)
        if self._on_output is not None:
            slot.child.relay_output(self._on_output)
        self.starts += 1
        return slot.child

    async def _close(self) -> None:
        for slot in self._slots:
            if slot.child is not None:
                slot.child.end(ScanCrashed("the scan process was closed"))
                await slot.child.reader
                if slot.child.output is not None:  # all it wrote is passed on
                    await slot.child.output


def shared_pool(rules: RuleSet, processes: int = 1) -> ScanPool:
    """The one ScanPool of a rule set and size in this process; its children end once
    the rule set is gone (a proxy's tests make many proxies with the same rules)."""
    with _lock:
        pools = _shared.setdefault(rules, {})
        found = pools.get(processes)
        if found is None:
            found = pools[processes] = ScanPool(rules, processes=processes)
            weakref.finalize(rules, _run_soon, found._close)
    return found


class _Child:
    """One child process and the scan it is on (at most one)."""

    def __init__(
        self,
        process: asyncio.subprocess.Process,
        on_ready: Callable[[float, int], None] | None,
        *,
        warming: bool,
        seen: set[str],
    ) -> None:
        self.process = process
        self.on_ready = on_ready
        self.seen = seen
        self.ready = not warming  # no warm-up thread competes with its scans
        self.heard = False  # it has sent something: its start-up (imports) is over
        self.ended = False
        self.request: asyncio.Future[list[dict[str, Any]]] | None = None
        self.request_id = 0
        self.budget = 0.0
        self.timer: asyncio.TimerHandle | None = None
        self.reader = asyncio.get_running_loop().create_task(self._read())
        self.output: asyncio.Task[None] | None = None  # the stderr relay, when there is one

    def send(
        self, request_id: int, artifacts: list[Artifact], budget: float
    ) -> asyncio.Future[list[dict[str, Any]]]:
        """Hand the child a scan; the future holds its replies, or why there are none."""
        self.request = asyncio.get_running_loop().create_future()
        self.request_id, self.budget = request_id, budget
        # while it starts or warms, the budget runs from `started`
        announce = not (self.heard and self.ready)
        assert self.process.stdin is not None
        message = {"id": request_id, "artifacts": artifacts, "announce": announce}
        self.process.stdin.write(frame(pickle.dumps(message)))
        self._arm(waiting=announce)
        return self.request

    def end(self, error: ScanFailed, *, kill: bool = True) -> None:
        """Fail the scan in progress with `error` and end the child (`kill`: now)."""
        if self.timer is not None:
            self.timer.cancel()
        if self.request is not None and not self.request.done():
            self.request.set_exception(error)
        self.ended = True
        if kill:
            _kill(self.process)

    async def _read(self) -> None:
        assert self.process.stdout is not None
        stdout = self.process.stdout
        error: ScanFailed | None = None
        try:
            while True:
                (length,) = FRAME_HEADER.unpack(await stdout.readexactly(FRAME_HEADER.size))
                if length > MAX_FRAME_BYTES:
                    raise ValueError("a frame past the size limit")
                self._on(decode(await stdout.readexactly(length)))
        except asyncio.IncompleteReadError:
            pass
        except (ValueError, KeyError, TypeError):
            error = ScanFailed("the scan process answered out of protocol")
        if error is not None:
            self.end(error)
        status = await self.process.wait()
        self.end(ScanCrashed(f"the scan process ended ({_status(status)}) while judging this code"))

    def relay_output(self, on_output: Callable[[int, str], None]) -> None:
        """Pass each line the child writes to stderr to `on_output` until it ends."""
        assert self.process.stderr is not None
        self.output = asyncio.get_running_loop().create_task(
            _relay(self.process.stderr, self.process.pid, on_output)
        )

    def _on(self, message: dict[str, Any]) -> None:
        self.heard = True
        event = message["event"]
        if event == "ready":
            self.ready = True
            if self.on_ready is not None:
                seconds, grammars = float(message["seconds"]), int(message["grammars"])
                with contextlib.suppress(Exception):  # a notice: its failure is not the scans'
                    self.on_ready(seconds, grammars)
            return
        if message["id"] != self.request_id or self.request is None or self.request.done():
            return  # a scan whose caller is gone (the budget still applied)
        if event in ("compiling", "started"):
            self._arm(waiting=event == "compiling")
        elif event == "done":
            assert self.timer is not None
            self.timer.cancel()
            # told by the child, so only names of grammars there are count
            self.seen.update(g for g in message.get("grammars") or () if g in LANGUAGES)
            self.request.set_result(list(message["reports"]))

    def _arm(self, *, waiting: bool) -> None:
        """Time the scan: its budget, or while it waits for a compile, the compile's bound."""
        if self.timer is not None:
            self.timer.cancel()
        if waiting:
            error: ScanFailed = ScanFailed(
                f"the scan process did not start the scan within {_COMPILE_SECONDS:g} s"
            )
        else:
            error = ScanOverran(f"the scan overran its time budget of {self.budget:g} s")
        seconds = _COMPILE_SECONDS if waiting else self.budget
        self.timer = asyncio.get_running_loop().call_later(seconds, self._overran, error)

    def _overran(self, error: ScanFailed) -> None:
        """End a child stuck past its time: when its stderr is read, it first writes where
        it is stuck (faulthandler, on SIGUSR1), and is killed a moment later."""
        if self.output is None or self.process.returncode is not None:
            self.end(error)
            return
        with contextlib.suppress(ProcessLookupError):
            self.process.send_signal(signal.SIGUSR1)
        process = self.process
        self.end(error, kill=False)
        asyncio.get_running_loop().call_later(_DUMP_SECONDS, _kill, process)


async def _relay(
    stream: asyncio.StreamReader, pid: int, on_output: Callable[[int, str], None]
) -> None:
    """Read a child's stderr to its end, passing on its lines (bounded in length and
    number: the rest is read and dropped, so the child never blocks on a full pipe)."""
    pending = b""
    passed = 0
    while chunk := await stream.read(65536):
        *lines, pending = (pending + chunk).split(b"\n")
        if len(pending) > _OUTPUT_LINE_CHARS:  # no end of line in sight: pass on what came
            lines.append(pending)
            pending = b""
        for line in lines:
            if passed >= _OUTPUT_LINES:
                break
            passed += 1
            text = line.decode("utf-8", "replace").rstrip("\r")[:_OUTPUT_LINE_CHARS]
            with contextlib.suppress(Exception):  # a notice: its failure is not the scans'
                on_output(pid, text)
    if pending and passed < _OUTPUT_LINES:
        with contextlib.suppress(Exception):
            on_output(pid, pending.decode("utf-8", "replace")[:_OUTPUT_LINE_CHARS])


def _kill(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            process.kill()


def _status(code: int) -> str:
    if code < 0:
        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"exit status {code}"


# the private event loop every child is supervised on, started at the first use
_lock = threading.Lock()
_loop: asyncio.AbstractEventLoop | None = None
_shared: weakref.WeakKeyDictionary[RuleSet, dict[int, ScanPool]] = weakref.WeakKeyDictionary()
_live: weakref.WeakSet[ScanPool] = weakref.WeakSet()


def _private_loop() -> asyncio.AbstractEventLoop:
    global _loop
    with _lock:
        if _loop is None:
            _loop = asyncio.new_event_loop()
            threading.Thread(target=_loop.run_forever, name="codetamer-scans", daemon=True).start()
        return _loop


def _run(coroutine: Coroutine[Any, Any, _T]) -> Future[_T]:
    return asyncio.run_coroutine_threadsafe(coroutine, _private_loop())


def _run_soon(close: Callable[[], Coroutine[Any, Any, None]]) -> None:
    if _loop is not None:  # without the loop, no child was ever started
        _run(close()).add_done_callback(_ignore)


def _ignore(future: Future[Any]) -> None:
    if not future.cancelled():
        future.exception()  # retrieved: a failed start is met again by the first scan


@atexit.register
def _end_children() -> None:
    """End every child before the interpreter goes (they would end with its pipes anyway)."""
    if _loop is None:
        return
    for process in list(_live):
        try:
            process.close()
        except Exception:  # noqa: S112  # exiting: one stuck child must not keep the rest
            continue
