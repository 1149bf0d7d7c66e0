"""The scan process itself: reads scans on its stdin, answers on its stdout.

Started by guards.isolated.ScanPool, never by hand. The first frame is the start
frame: the rule set, the scan function, whether to warm. Then each frame is a scan of a
few artifacts, answered with a `done` message holding a report, or the name of the
error the guard raised, for each artifact (the parent's frames are pickled, this one's
are JSON: guards.isolated.wire). The parent's time budget runs from when it sent the
scan, except:

- when the artifacts' rules must be compiled first, a `compiling` message says so
  before, and a `started` one after: the budget runs from `started`;
- when the parent asks for it (`announce`: while the warm-up runs, whose compiles can
  hold the GIL for half a second before this loop gets it), `started` always comes.

It ends at the end of its input: when the parent closes the pipe, or dies.

With `warm`, a thread compiles every grammar's rules (or the ones `warm` lists) in the
background, one part at a time and never while a scan runs (both take `busy`), so a
scan waits for at most one part's compile, before its budget starts.
"""

from __future__ import annotations

import contextlib
import faulthandler
import gc
import importlib
import os
import pickle
import resource
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import IO, Any

from guards.isolated.wire import (
    FRAME_HEADER,
    encode,
    report_to_wire,
)
from guards.languages import LANGUAGES
from guards.model import Artifact, Report
from guards.rules import RuleSet, default_ruleset
from guards.scan import grammar_of

__all__ = ["MEMORY_BYTES", "main"]

Scanner = Callable[[Artifact, RuleSet], Report]


# the most address space the process may map: a scan of the largest code scanned (2 M
# characters) peaks near 110 MB here; a grammar that allocates without end fails instead
# (a MemoryError is that artifact's guard error; a failed allocation in C, a crash)
MEMORY_BYTES = 2 * 1024**3


def main() -> None:
    """Serve scans until the input ends."""
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = MEMORY_BYTES if hard == resource.RLIM_INFINITY else min(MEMORY_BYTES, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    # the frames go out on a copy of stdout; stdout itself becomes stderr, so nothing a
    # library prints can land in the middle of a frame
    out = os.fdopen(os.dup(1), "wb", buffering=0)
    os.dup2(2, 1)
    faulthandler.enable()  # a crash in a grammar's C code writes where it was to stderr
    faulthandler.register(signal.SIGUSR1)  # as does a scan stuck past its budget, when asked
    source = sys.stdin.buffer
    start = _read(source)
    if start is None:
        return
    options: dict[str, Any] = pickle.loads(start)  # noqa: S301  # from the parent, which started us
    blob = options["rules"]
    rules = default_ruleset() if blob is None else RuleSet(pickle.loads(blob))  # noqa: S301
    scanner = _load(options["entry"])
    sent = threading.Lock()
    busy = threading.Lock()

    def send(message: dict[str, Any]) -> None:
        with sent:
            out.write(encode(message))

    warm: bool | list[str] = options["warm"]  # every grammar, or these ones
    if warm:
        grammars = list(LANGUAGES) if warm is True else list(warm)
        threading.Thread(
            target=_warm,
            args=(rules, grammars, busy, send),
            name="codetamer-warm-rules",
            daemon=True,
        ).start()
    while (payload := _read(source)) is not None:
        request = pickle.loads(payload)  # noqa: S301  # from the parent, which started us
        request_id, announce = request["id"], request["announce"]
        artifacts: list[Artifact] = request["artifacts"]
        used = _grammars(artifacts)
        needed = [grammar for grammar in used if not rules.is_compiled(grammar)]
        if needed and not announce:
            send({"id": request_id, "event": "compiling"})
        for grammar in needed:
            with contextlib.suppress(Exception):  # the scan meets it again, and reports it
                rules.compiled(grammar)
        with busy:
            if needed or announce:
                send({"id": request_id, "event": "started"})
            reports = [_judge(scanner, artifact, rules) for artifact in artifacts]
            send({"id": request_id, "event": "done", "reports": reports, "grammars": used})


def _read(source: IO[bytes]) -> bytes | None:
    """The next frame's payload; None at the end of the input."""
    header = source.read(FRAME_HEADER.size)
    if len(header) < FRAME_HEADER.size:
        return None
    (length,) = FRAME_HEADER.unpack(header)
    payload = source.read(length)
    return payload if len(payload) == length else None


def _load(entry: str) -> Scanner:
    """The scan function named "module:function"."""
    module, _, name = entry.partition(":")
    scanner: Scanner = getattr(importlib.import_module(module), name)
    return scanner


def _grammars(artifacts: list[Artifact]) -> list[str]:
    """The grammars the artifacts are parsed with."""
    used: list[str] = []
    for artifact in artifacts:
        try:
            grammar = grammar_of(artifact)
        except Exception:  # noqa: S112  # the scan meets it again, and reports it
            continue
        if grammar is not None and grammar not in used:
            used.append(grammar)
    return used


def _judge(scanner: Scanner, artifact: Artifact, rules: RuleSet) -> dict[str, Any]:
    """One artifact's report, or the name of the error the guard raised on it."""
    try:
        return {"report": report_to_wire(scanner(artifact, rules))}
    except Exception as exc:  # a broken guard is isolated to its artifact
        return {"error": type(exc).__name__}


def _warm(
    rules: RuleSet,
    grammars: list[str],
    busy: threading.Lock,
    send: Callable[[dict[str, Any]], None],
) -> None:
    started = time.perf_counter()
    for grammar in grammars:
        with contextlib.suppress(Exception):  # a scan of that grammar meets it, and reports it
            rules.compiled(grammar, lock=busy)
    # what the warm-up made lives as long as the process: frozen, no collection walks it
    gc.collect()
    gc.freeze()
    seconds = round(time.perf_counter() - started, 1)
    send({"event": "ready", "seconds": seconds, "grammars": len(grammars)})
