"""The provenance store: one SQLite row per exchange, each chained by hash to the one before.

A row's hash is sha256(previous hash, newline, the record's canonical JSON), so changing,
inserting or removing a row in the middle breaks the chain from there on, and
`verify` names the first row that no longer fits. (Removing the newest rows cannot be
told from the store alone: compare its head hash with one kept elsewhere.)

Writes go through one writer thread that batches what is queued into one statement,
so the event loop never waits on disk; what `append` returns resolves once the record
is committed, and a batch wakes each event loop waiting on it once.

A batch is one INSERT that holds only if the chain still ends where the writer last
left it, so several processes can share a file: when another got in first, the writer
reads the chain's end again and hashes the batch anew. One statement, not a
transaction of four (BEGIN, SELECT, INSERT per row, COMMIT): the writer lets go of the
GIL around every SQLite call and must then wait for the event loop's thread to let go
of it in turn, and under load those waits made the slowest responses (bench/load.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import queue
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import orjson

__all__ = [
    "GENESIS",
    "Problem",
    "ProvenanceStore",
    "StoredRecord",
    "canonical",
    "chain_hash",
    "find_record",
    "read_records",
    "verify",
]

GENESIS = "0" * 64
_SCHEMA = """
CREATE TABLE IF NOT EXISTS exchanges (
    seq        INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    started_at TEXT NOT NULL,
    dialect    TEXT NOT NULL,
    model      TEXT,
    upstream   TEXT,
    verdict    TEXT NOT NULL,
    rounds     INTEGER NOT NULL,
    record     TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS exchanges_started ON exchanges (started_at);
"""
Synchronous = Literal["normal", "full"]
_SYNCHRONOUS: dict[str, str] = {"normal": "NORMAL", "full": "FULL"}
_COLUMNS = ("id", "started_at", "dialect", "model", "upstream", "verdict", "rounds")
_WAL_WAIT_SECONDS = 10
_BATCH = 64  # rows per INSERT: 640 parameters, within SQLite's oldest limit of 999
_LAST = "SELECT hash FROM exchanges ORDER BY seq DESC LIMIT 1"
_INSERT = (
    "INSERT INTO exchanges (id, started_at, dialect, model, upstream, verdict, rounds,"
    " record, prev_hash, hash) SELECT * FROM (VALUES {rows}) WHERE ({last}) IS ?"
)
_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
_Waiter = Future[str] | tuple[asyncio.AbstractEventLoop, "asyncio.Future[str]"]
_Item = tuple[tuple[Any, ...], str, _Waiter]  # the row's columns, its canonical JSON
_VERIFY = (
    "SELECT seq, id, started_at, dialect, model, upstream, verdict, rounds, record, prev_hash, hash"
    " FROM exchanges ORDER BY seq"
)


def canonical(record: Mapping[str, Any]) -> str:
    """The record's canonical JSON: sorted keys, no spaces, UTF-8."""
    return orjson.dumps(record, option=orjson.OPT_SORT_KEYS).decode()


def chain_hash(prev_hash: str, record_json: str) -> str:
    """The hash that links a record to the one before it."""
    return hashlib.sha256(f"{prev_hash}\n{record_json}".encode()).hexdigest()


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


def _connect(
    path: Path, *, readonly: bool = False, synchronous: Synchronous = "normal"
) -> sqlite3.Connection:
    if readonly:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        _use_wal(conn)
        conn.execute(f"PRAGMA synchronous={_SYNCHRONOUS[synchronous]}")
        conn.executescript(_SCHEMA)
    conn.execute("PRAGMA busy_timeout=10000")
    return conn


def _use_wal(conn: sqlite3.Connection) -> None:
    """Put the file in WAL mode (it stays so).

    When two processes create the file at once, the one that turns it to WAL first
    keeps a shared lock on it from then on, and the other cannot take the exclusive
    lock a change of mode needs: it waits until the first one's first write marks the
    file WAL, and then finds nothing left to change.
    """
    conn.execute("PRAGMA busy_timeout=100")
    deadline = time.monotonic() + _WAL_WAIT_SECONDS
    while True:
        try:
            if conn.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal":
                return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
        time.sleep(0.01)


class ProvenanceStore:
    """Append-only, hash-chained store of exchange records."""

    def __init__(self, path: Path, *, synchronous: Synchronous = "normal") -> None:
        """
        Args:
            path: the SQLite file (made, with its folder, when missing).
            synchronous: "normal": a committed record survives the process being killed
                (WAL with synchronous=NORMAL: no fsync per commit); "full": it survives
                a power loss or an OS crash too, at the cost of an fsync per batch.
        """
        self.path = path
        self._conn = _connect(path, synchronous=synchronous)
        # the chain's end as this writer left it: the hash to link to, and the last row's
        # hash as stored (None: no row yet); None when not known
        self._head: tuple[str, str | None] | None = None
        self._queue: queue.SimpleQueue[_Item | None] = queue.SimpleQueue()
        self._writer = threading.Thread(
            target=self._write_loop, name="codetamer-provenance", daemon=True
        )
        self._writer.start()
        self._closed = False

    def append(self, record: dict[str, Any]) -> asyncio.Future[str]:
        """Queue a record now; await what is returned for its chain hash once committed.

        The caller can do other work while the writer commits. Call it on an event loop.

        Raises:
            RuntimeError: the store is closed.
        """
        loop = asyncio.get_running_loop()
        done: asyncio.Future[str] = loop.create_future()
        self._put(record, (loop, done))
        return done

    def submit(self, record: dict[str, Any]) -> Future[str]:
        """Queue a record from any thread; the future resolves to its hash once committed.

        Raises:
            RuntimeError: the store is closed.
        """
        done: Future[str] = Future()
        self._put(record, done)
        return done

    def _put(self, record: dict[str, Any], waiter: _Waiter) -> None:
        if self._closed:
            raise RuntimeError("the provenance store is closed")
        # serialized here, so the writer thread needs the GIL as little as it can
        columns = tuple(_column(record, c) for c in _COLUMNS)
        self._queue.put((columns, canonical(record), waiter))

    def close(self) -> None:
        """Write what is queued, then stop the writer and close the file."""
        if self._closed:
            return
        self._closed = True
        self._queue.put(None)
        self._writer.join(timeout=30)
        self._conn.close()

    def _write_loop(self) -> None:
        stop = False
        while not stop:
            item = self._queue.get()
            if item is None:
                break
            batch = [item]
            while len(batch) < _BATCH:
                try:
                    nxt = self._queue.get_nowait()
                except queue.Empty:
                    break
                if nxt is None:
                    stop = True
                    break
                batch.append(nxt)
            self._write(batch)

    def _write(self, batch: list[_Item]) -> None:
        outcomes: Sequence[str | BaseException]
        try:
            outcomes = self._insert(batch)
        except Exception as exc:  # every waiter must hear about a failed write
            outcomes = [exc] * len(batch)
        by_loop: dict[asyncio.AbstractEventLoop, list[tuple[asyncio.Future[str], Any]]] = {}
        for (*_, waiter), outcome in zip(batch, outcomes, strict=True):
            if isinstance(waiter, Future):
                _settle(waiter, outcome)
            else:
                by_loop.setdefault(waiter[0], []).append((waiter[1], outcome))
        for loop, settled in by_loop.items():  # one wake-up per loop and batch
            with contextlib.suppress(RuntimeError):  # a closed loop: nobody waits any more
                loop.call_soon_threadsafe(_settle_all, settled)

    def _insert(self, batch: list[_Item]) -> list[str]:
        conn = self._conn
        sql = _INSERT.format(rows=", ".join([_ROW] * len(batch)), last=_LAST)
        while True:
            if self._head is None:
                row = conn.execute(_LAST).fetchone()
                self._head = (row[0], row[0]) if row else (GENESIS, None)
            prev, expected = self._head
            hashes: list[str] = []
            values: list[Any] = []
            for columns, text, _ in batch:
                digest = chain_hash(prev, text)
                values += (*columns, text, prev, digest)
                hashes.append(digest)
                prev = digest
            try:
                inserted = conn.execute(sql, (*values, expected)).rowcount
            except BaseException:
                self._head = None
                raise
            if inserted == len(batch):
                self._head = (prev, prev)
                return hashes
            self._head = None  # another process extended the chain: hash the batch on its end


def _settle(done: Future[str] | asyncio.Future[str], outcome: str | BaseException) -> None:
    if done.done():  # cancelled: its caller went away
        return
    if isinstance(outcome, BaseException):
        done.set_exception(outcome)
    else:
        done.set_result(outcome)


def _settle_all(settled: list[tuple[asyncio.Future[str], str | BaseException]]) -> None:
    for done, outcome in settled:
        _settle(done, outcome)


def _column(record: Mapping[str, Any], name: str) -> Any:
    value = record.get(name)
    if name == "rounds":
        return len(value) if isinstance(value, list) else int(value or 0)
    return value if value is not None or name in ("model", "upstream") else ""


def read_records(
    path: Path, *, limit: int | None = None, newest_first: bool = False
) -> Iterator[StoredRecord]:
    """Read stored records (oldest first unless newest_first), read-only."""
    conn = _connect(path, readonly=True)
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
    conn = _connect(path, readonly=True)
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
    conn = _connect(path, readonly=True)
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
            if canonical(record) != text or [_column(record, c) for c in _COLUMNS] != columns:
                return count, Problem(seq, exchange_id, "its columns do not match its record")
            prev = digest
        return count, None
    finally:
        conn.close()
