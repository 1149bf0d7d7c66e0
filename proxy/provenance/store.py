"""The provenance store: one SQLite row per exchange, each chained by hash to the one before.

A row's hash is sha256(previous hash, newline, the record's canonical JSON), so changing,
inserting or removing a row in the middle breaks the chain from there on, and
`verify` names the first row that no longer fits. (Removing the newest rows cannot be
told from the store alone: compare its head hash with one kept elsewhere.)

Writes go to a writer process (writer.py, which says why a process) that commits what
it is sent, a batch per statement; what `append` returns resolves once the record is
committed. Reading and verifying happen here, on read-only connections.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import sqlite3
import subprocess
import sys
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

import orjson

from proxy.provenance import writer
from proxy.provenance.writer import COLUMNS, GENESIS, RESENT, chain_hash, column, connect

__all__ = [
    "GENESIS",
    "Problem",
    "ProvenanceStore",
    "StoredRecord",
    "WriterError",
    "canonical",
    "chain_hash",
    "find_record",
    "read_records",
    "verify",
]

_VERIFY = (
    "SELECT seq, id, started_at, dialect, model, upstream, verdict, rounds, record, prev_hash, hash"
    " FROM exchanges ORDER BY seq"
)
_WRITER = Path(writer.__file__)
Synchronous = Literal["normal", "full"]
_PIPE_BYTES = 1 << 20  # what may wait in the pipe to the writer (Linux; best effort)
_CLOSE_SECONDS = 30
_RESTART_SECONDS = 1.0


def canonical(record: Mapping[str, Any]) -> str:
    """The record's canonical JSON: sorted keys, no spaces, UTF-8."""
    return _canonical_bytes(record).decode()


def _canonical_bytes(record: Mapping[str, Any]) -> bytes:
    return orjson.dumps(record, option=orjson.OPT_SORT_KEYS)


@dataclass(frozen=True, slots=True)
class StoredRecord:
    """A row as read back."""

    seq: int
    record: dict[str, Any]
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class Problem:
    """The first row that breaks the chain, and how."""

    seq: int
    exchange_id: str
    reason: str


class WriterError(RuntimeError):
    """The writer process could not start, or went away before it answered."""


class ProvenanceStore:
    """Append-only, hash-chained store of exchange records, written by a process of its own.

    `append` serializes the record on the caller's event loop and queues it; the rows
    queued in one turn of the loop go to the writer process (writer.py) as one line
    when that turn ends, and its answer, read by the same loop, settles each caller's
    future once its record is committed. The loop never waits on disk, and it shares
    its GIL with nobody on the way.

    A store serves one event loop at a time: the loop of its first `append`, or a later
    one once that loop has stopped (tests run one loop per test). When the writer
    process dies, a new one starts and is sent again what the dead one had not answered
    (it skips the records already stored); what a second writer dies on fails.
    """

    def __init__(self, path: Path, *, synchronous: Synchronous = "normal") -> None:
        """Start the writer and wait until it has the file open.

        Args:
            path: the SQLite file (made, with its folder, when missing).
            synchronous: "normal": a committed record survives the process being killed
                (WAL with synchronous=NORMAL: no fsync per commit); "full": it survives
                a power loss or an OS crash too, at the cost of an fsync per batch.

        Raises:
            sqlite3.Error: the file cannot be opened or made (as the writer reports it).
            WriterError: the writer process did not start.
        """
        self.path = path
        self.synchronous = synchronous
        self.settings: dict[str, Any] = {}  # the writer's connection: journal_mode, synchronous
        self._closed = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._queued: list[tuple[bytes, asyncio.Future[str]]] = []  # this turn's rows
        self._unsent = b""  # what the pipe did not take yet
        self._waiting: deque[_Batch] = deque()  # sent or being sent, not answered, in order
        self._answers = b""  # the start of an answer not read whole yet
        self._process: subprocess.Popen[bytes] | None = self._spawn()
        try:
            self.settings = self._hello(self._read_line())
        except BaseException:
            self._reap()
            raise
        self._ready = True  # False from a writer's death until its successor's hello

    def append(self, record: dict[str, Any]) -> asyncio.Future[str]:
        """Queue a record now; await what is returned for its chain hash once committed.

        The caller can do other work while the writer commits. Call it on an event loop.

        Raises:
            RuntimeError: the store is closed, or another running loop uses it.
            TypeError: the record is not JSON (orjson's refusal).
        """
        if self._closed:
            raise RuntimeError("the provenance store is closed")
        text = _canonical_bytes(record)
        loop = asyncio.get_running_loop()
        if loop is not self._loop:
            self._adopt(loop)
        done: asyncio.Future[str] = loop.create_future()
        if not self._queued:
            loop.call_soon(self._send)
        self._queued.append((text, done))
        return done

    def close(self) -> None:
        """Send what is queued, let the writer commit it and end, then settle its waiters."""
        if self._closed:
            return
        self._closed = True
        self._send()
        if self._process is not None:
            self._detach()
            stdin, stdout = self._pipes()
            os.set_blocking(stdin.fileno(), True)
            os.set_blocking(stdout.fileno(), True)
            with contextlib.suppress(BrokenPipeError):
                while self._unsent:
                    self._unsent = self._unsent[os.write(stdin.fileno(), self._unsent) :]
            stdin.close()  # the writer commits what it read, answers, and ends
            while chunk := stdout.read(writer.READ_BYTES):
                self._take(chunk)
            stdout.close()
            try:
                self._process.wait(timeout=_CLOSE_SECONDS)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._fail_waiting("the provenance store closed before the writer answered")

    # the writer process

    def _spawn(self) -> subprocess.Popen[bytes]:
        try:
            process = subprocess.Popen(  # noqa: S603  # our interpreter, our own script
                [sys.executable, str(_WRITER), str(self.path), self.synchronous],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                bufsize=0,
                env=_writer_env(),
                start_new_session=True,  # a Ctrl-C in the terminal is the proxy's to handle
            )
        except OSError as exc:
            raise WriterError(f"the provenance writer did not start: {exc}") from exc
        assert process.stdin is not None and process.stdout is not None
        if hasattr(fcntl, "F_SETPIPE_SZ"):  # Linux: a larger pipe, so the loop holds less
            with contextlib.suppress(OSError):  # above the system's limit: keep the default
                fcntl.fcntl(process.stdin.fileno(), fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
        return process

    def _pipes(self) -> tuple[IO[bytes], IO[bytes]]:
        assert self._process is not None  # the callers check
        stdin, stdout = self._process.stdin, self._process.stdout
        assert stdin is not None and stdout is not None  # made with both
        return stdin, stdout

    def _read_line(self) -> bytes:
        """The writer's first line, read blocking (it writes nothing else unasked)."""
        _, stdout = self._pipes()
        line = b""
        while not line.endswith(b"\n"):
            chunk = os.read(stdout.fileno(), 4096)
            if not chunk:
                raise WriterError("the provenance writer ended before it was ready")
            line += chunk
        return line

    def _reap(self) -> int:
        """Close the pipes to a writer that ended, wait for it; its exit status."""
        assert self._process is not None  # the callers check
        for pipe in self._pipes():
            pipe.close()
        return self._process.wait()

    @staticmethod
    def _hello(line: bytes) -> dict[str, Any]:
        hello = orjson.loads(line)
        if "error" in hello:
            raise _exception(hello["error"])
        settings: dict[str, Any] = hello["ready"]
        return settings

    def _adopt(self, loop: asyncio.AbstractEventLoop) -> None:
        """Serve this loop from now on: the one before must have stopped."""
        if self._loop is not None and not self._loop.is_closed() and self._loop.is_running():
            raise RuntimeError("a provenance store serves one running event loop at a time")
        if self._process is not None:
            self._detach()
        self._loop = loop
        if self._process is None:  # it died under the old loop, and its restart with it
            self._restart()
        else:
            self._attach()
        self._send()  # rows the old loop queued and never sent: this loop sends them

    def _attach(self) -> None:
        stdin, stdout = self._pipes()
        os.set_blocking(stdin.fileno(), False)
        os.set_blocking(stdout.fileno(), False)
        if self._loop is not None:
            self._loop.add_reader(stdout.fileno(), self._receive)
            if self._unsent:
                self._loop.add_writer(stdin.fileno(), self._drain)

    def _detach(self) -> None:
        if self._loop is None or self._loop.is_closed():
            return
        stdin, stdout = self._pipes()
        self._loop.remove_reader(stdout.fileno())
        self._loop.remove_writer(stdin.fileno())

    def _send(self) -> None:
        """Send the rows queued this turn as one line (called when the turn ends)."""
        if not self._queued:
            return
        queued, self._queued = self._queued, []
        line = b"\n".join([text for text, _ in queued]) + b"\n\n"
        self._waiting.append(_Batch(line, [done for _, done in queued]))
        if self._unsent or self._process is None:  # sent when there is room, or a writer
            self._unsent += line
            return
        self._unsent = line
        self._drain()
        if self._unsent and self._loop is not None and not self._closed:
            stdin, _ = self._pipes()
            self._loop.add_writer(stdin.fileno(), self._drain)

    def _drain(self) -> None:
        stdin, _ = self._pipes()
        try:
            sent = os.write(stdin.fileno(), self._unsent)
        except BlockingIOError:
            return
        except BrokenPipeError:  # the writer died: its end of the answers says so
            sent = len(self._unsent)
        self._unsent = self._unsent[sent:]
        if not self._unsent and self._loop is not None and not self._loop.is_closed():
            self._loop.remove_writer(stdin.fileno())

    def _receive(self) -> None:
        """The writer answered (or ended): settle the waiters of each line answered."""
        _, stdout = self._pipes()
        try:
            chunk = os.read(stdout.fileno(), writer.READ_BYTES)
        except BlockingIOError:
            return
        if chunk:
            self._take(chunk)
            return
        # the writer died: start another (at once, unless it died before it was ready:
        # then a second later, and so at most once a second), and send it again what
        # this one did not answer, marked as maybe stored; what was sent twice fails
        self._detach()
        why = f"the provenance writer died (status {self._reap()})"
        self._process = None
        self._answers = b""
        self._unsent = b""
        again: deque[_Batch] = deque()
        for batch in self._waiting:
            if batch.resent or not batch.waiters:  # the second time, or a hello
                for done in batch.waiters:
                    _settle(done, WriterError(why))
            else:
                again.append(_Batch(RESENT + b"\n" + batch.line, batch.waiters, resent=True))
                self._unsent += again[-1].line
        self._waiting = again
        if self._loop is not None:
            self._loop.call_later(0 if self._ready else _RESTART_SECONDS, self._restart)
        self._ready = False

    def _restart(self) -> None:
        if self._closed or self._process is not None:
            return
        try:
            self._process = self._spawn()
        except WriterError:
            self._fail_waiting("the provenance writer did not start")
            if self._loop is not None:
                self._loop.call_later(_RESTART_SECONDS, self._restart)
            return
        self._waiting.appendleft(_Batch(b"", []))  # its hello comes first: nobody waits on it
        self._attach()

    def _take(self, chunk: bytes) -> None:
        *lines, self._answers = (self._answers + chunk).split(b"\n")
        for line in lines:
            waiters = self._waiting.popleft().waiters
            if not waiters:  # a new writer's hello: an error is followed by its end
                with contextlib.suppress(Exception):
                    self.settings = self._hello(line)
                    self._ready = True
                continue
            outcomes = orjson.loads(line)
            for at, done in enumerate(waiters):
                outcome = outcomes[at] if at < len(outcomes) else None
                if isinstance(outcome, str):
                    _settle(done, outcome)
                else:
                    _settle(done, _exception(outcome or {"message": "the writer lost it"}))

    def _fail_waiting(self, why: str) -> None:
        while self._waiting:
            for done in self._waiting.popleft().waiters:
                _settle(done, WriterError(why))


@dataclass(slots=True)
class _Batch:
    """A line of records sent to the writer, and who waits on their commit."""

    line: bytes
    waiters: list[asyncio.Future[str]]
    resent: bool = False  # sent to a writer that died first: maybe stored already


def _writer_env() -> dict[str, str]:
    """The writer's environment: where to find Python's modules and temporary files, and
    nothing else (the proxy's holds upstream keys, which the writer never needs)."""
    path = os.pathsep.join(p for p in sys.path if p)  # "" (the working folder) left out
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": path}
    env.update({k: os.environ[k] for k in ("TMPDIR", "SQLITE_TMPDIR") if k in os.environ})
    return env


def _settle(done: asyncio.Future[str], outcome: str | Exception) -> None:
    if done.done():  # cancelled: its caller went away
        return
    with contextlib.suppress(RuntimeError):  # its loop is closed: nobody waits any more
        if isinstance(outcome, str):
            done.set_result(outcome)
        else:
            done.set_exception(outcome)


def _exception(described: Mapping[str, str]) -> Exception:
    """The writer's report of an exception, as one: sqlite3's own class when it names one."""
    kind = getattr(sqlite3, described.get("type", ""), None)
    message = described.get("message", "")
    if isinstance(kind, type) and issubclass(kind, sqlite3.Error):
        return kind(message)
    return WriterError(f"{described.get('type', 'error')}: {message}")


def read_records(
    path: Path, *, limit: int | None = None, newest_first: bool = False
) -> Iterator[StoredRecord]:
    """Read stored records (oldest first unless newest_first), read-only."""
    conn = connect(path, readonly=True)
    try:
        order = "DESC" if newest_first else "ASC"
        sql = f"SELECT seq, record, prev_hash, hash FROM exchanges ORDER BY seq {order}"  # noqa: S608  # order is one of two constants
        params: tuple[int, ...] = ()
        if limit is not None:
            sql += " LIMIT ?"
            params = (limit,)
        for seq, text, prev, digest in conn.execute(sql, params):
            yield StoredRecord(seq, orjson.loads(text), prev, digest)
    finally:
        conn.close()


def find_record(path: Path, exchange_id: str) -> StoredRecord | None:
    """One record by exchange id (or a unique prefix of it)."""
    conn = connect(path, readonly=True)
    try:
        rows = conn.execute(
            "SELECT seq, record, prev_hash, hash FROM exchanges WHERE id = ? OR id LIKE ? LIMIT 2",
            (exchange_id, exchange_id.replace("%", "").replace("_", r"\_") + "%"),
        ).fetchall()
    finally:
        conn.close()
    exact = [r for r in rows if orjson.loads(r[1]).get("id") == exchange_id]
    chosen = exact or (rows if len(rows) == 1 else [])
    if not chosen:
        return None
    seq, text, prev, digest = chosen[0]
    return StoredRecord(seq, orjson.loads(text), prev, digest)


def verify(path: Path) -> tuple[int, Problem | None]:
    """Walk the chain; return how many rows were checked and the first problem, if any."""
    conn = connect(path, readonly=True)
    try:
        prev = GENESIS
        count = 0
        for row in conn.execute(_VERIFY):
            seq, *columns, text, stored_prev, digest = row
            count += 1
            exchange_id = str(columns[0])
            if stored_prev != prev:
                return count, Problem(seq, exchange_id, "does not link to the record before it")
            if chain_hash(prev, text) != digest:
                return count, Problem(seq, exchange_id, "its content does not match its hash")
            try:
                record = orjson.loads(text)
            except orjson.JSONDecodeError:
                return count, Problem(seq, exchange_id, "its record is not valid JSON")
            if canonical(record) != text or [column(record, c) for c in COLUMNS] != columns:
                return count, Problem(seq, exchange_id, "its columns do not match its record")
            prev = digest
        return count, None
    finally:
        conn.close()
