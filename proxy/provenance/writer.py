"""The provenance store's writer: a process of its own that commits the rows it is sent.

    python writer.py PATH SYNCHRONOUS

`ProvenanceStore` starts it and talks to it over its standard input and output, one
JSON line at a time:

- it first answers `{"ready": {...the connection's settings}}`, or `{"error": {...}}`
  and exits 1 when the file cannot be opened;
- then it reads batches: a batch is records' canonical JSON, one per line (canonical
  JSON holds no newline), closed by an empty line. It takes a row's columns from its
  record itself, and answers each batch, in order, with one line: a list holding each
  record's chain hash, or `{"type", "message"}` where it could not be committed. A
  batch that starts with a line `?` was sent before to a writer that died before it
  answered: its records already stored (by id) are answered with their stored hash;
- it ends when its input does, once it has committed everything it read, whatever
  became of the process that sent it (a proxy killed with SIGKILL included). It runs in
  a session of its own and ignores SIGINT and SIGTERM: a Ctrl-C, or a signal to the
  proxy's process group, is the proxy's to handle, and its graceful shutdown still needs
  its records written. Its environment holds no key (the store passes only PATH,
  PYTHONPATH and the temporary folder).

Checkpoints (copying the write-ahead log back into the file) run in a thread of their
own, on a connection of their own, every _CHECKPOINT_ROWS records: SQLite's automatic
one ran inside the commit that crossed 1,000 pages and held it for 5 to 14 ms, about
one commit in 180 under load, and every answer waiting on that commit waited too. The
writer copies what was committed while the thread's checkpoint ran itself, between two
batches (`Checkpointer.catch_up`): SQLite starts the log over only once all of it is in
the file, and under steady load it otherwise never was, so the log grew without end.

Why a process and not a thread: Python's sqlite3 lets go of the GIL around every SQLite
call, and a thread must then wait for the event loop's thread to let go of it in turn,
up to the switch interval (5 ms) each time. Under load those waits were the slowest
responses' commit waits (bench/load.py). A process shares no GIL with the event loop.

It imports nothing of codetamer's, only light standard modules and orjson (which parses
a record several times faster than the stdlib), so it is ready in a few tens of ms.
"""

from __future__ import annotations

import hashlib
import os
import select
import signal
import sqlite3
import sys
import threading
import time
from typing import TYPE_CHECKING, Any, cast

import orjson

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from pathlib import Path
    from typing import Literal

    Synchronous = Literal["normal", "full"]

GENESIS = "0" * 64
SCHEMA = """
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
_SYNCHRONOUS: dict[str, str] = {"normal": "NORMAL", "full": "FULL"}
_WAL_WAIT_SECONDS = 10
_BATCH = 64  # rows per INSERT: 640 parameters, within SQLite's oldest limit of 999
_LAST = "SELECT hash FROM exchanges ORDER BY seq DESC LIMIT 1"
# one statement that holds only if the chain still ends where this writer last left it,
# so several processes can share a file: when another got in first, the writer reads
# the chain's end again and hashes the batch anew
_INSERT = (
    "INSERT INTO exchanges (id, started_at, dialect, model, upstream, verdict, rounds,"
    " record, prev_hash, hash) SELECT * FROM (VALUES {rows}) WHERE ({last}) IS ?"
)
_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
# bytes a read of a pipe asks for: above 128 KiB, malloc maps a fresh buffer for every
# read and unmaps it after (12 us a read, against 1 us; a fifth of the writer's CPU)
READ_BYTES = 1 << 16
_CHECKPOINT_ROWS = 256  # about 1,000 pages of log for records of a few kB, like SQLite's

RESENT = b"?"  # the line that starts a batch whose records may be stored already
COLUMNS = ("id", "started_at", "dialect", "model", "upstream", "verdict", "rounds")

if TYPE_CHECKING:
    # what a row holds: its columns, then its record's canonical JSON
    Row = Sequence[Any]
    # what a record became: its chain hash, or why it could not be committed
    Outcome = str | dict[str, str]


def chain_hash(prev_hash: str, record_json: str) -> str:
    """The hash that links a record to the one before it."""
    return hashlib.sha256(f"{prev_hash}\n{record_json}".encode()).hexdigest()


def connect(
    path: str | Path, *, readonly: bool = False, synchronous: Synchronous = "normal"
) -> sqlite3.Connection:
    """A connection to the store's file: read-only, or for writing (made when missing)."""
    if readonly:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    else:
        # os.path, not pathlib: the writer process starts faster without it
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)  # noqa: PTH100, PTH103, PTH120
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        _use_wal(conn)
        conn.execute(f"PRAGMA synchronous={_SYNCHRONOUS[synchronous]}")
        conn.executescript(SCHEMA)
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


def column(record: Mapping[str, Any], name: str) -> Any:
    """A column's value in a record's row."""
    value = record.get(name)
    if name == "rounds":
        return len(value) if isinstance(value, list) else int(value or 0)
    return value if value is not None or name in ("model", "upstream") else ""


def row_of(line: bytes) -> Row:
    """A record's row, from its canonical JSON: its columns, then that JSON.

    Raises:
        ValueError: the line is not a JSON object in UTF-8.
    """
    record = orjson.loads(line)
    if not isinstance(record, dict):
        raise ValueError("a record is a JSON object")
    return [*(column(record, name) for name in COLUMNS), line.decode()]


def describe(exc: BaseException) -> dict[str, str]:
    """An exception as the writer reports it: its type's name and its message."""
    return {"type": type(exc).__name__, "message": str(exc)}


class Checkpointer:
    """Copies the write-ahead log back into the file, in a thread, when asked to.

    A passive checkpoint: it never waits for the writer or a reader, and the writer goes
    on committing meanwhile (Python's sqlite3 lets go of the GIL around the call). What
    the writer committed meanwhile stays in the log, and SQLite starts the log over (at
    a commit) only once all of it is in the file: so the writer copies those few frames
    itself, on its own connection, between two batches (`catch_up`).

    Nothing here opens the database file but SQLite: closing any other descriptor of it
    drops every POSIX lock this process holds on it. Syncing it through one of our own,
    to shorten the catch-up, lost records when two proxies shared a file (1 race in 30).
    """

    def __init__(self, path: str, synchronous: Synchronous) -> None:
        self._conn = connect(path, synchronous=synchronous)  # it governs checkpoint syncs
        self._due = threading.Event()
        self._stop = False
        self._behind = False  # the thread's checkpoint ran since the writer last caught up
        self._thread = threading.Thread(target=self._run, name="checkpoint", daemon=True)
        self._thread.start()

    def ask(self) -> None:
        """Checkpoint soon (at once unless one is running)."""
        self._due.set()

    @property
    def behind(self) -> bool:
        """Whether the thread's checkpoint ran since the writer last caught up."""
        return self._behind

    def catch_up(self, conn: sqlite3.Connection) -> None:
        """On the writer's connection, between two batches: copy what was committed while
        the thread's checkpoint ran. The next batch waits for it: two syncs of the files."""
        self._behind = False
        _checkpoint(conn)

    def close(self) -> None:
        """Finish the checkpoint running, if any, and close the connection."""
        self._stop = True
        self._due.set()
        self._thread.join()
        self._conn.close()

    def _run(self) -> None:
        while True:
            self._due.wait()
            self._due.clear()
            if self._stop:
                return
            self._behind = _checkpoint(self._conn)


def _checkpoint(conn: sqlite3.Connection) -> bool:
    """A passive checkpoint; whether it ran (a failed one is logged: the next one may do,
    and the log only grows meanwhile)."""
    try:
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    except sqlite3.Error as exc:
        _log("provenance_checkpoint_failed", error=type(exc).__name__, detail=str(exc))
        return False
    return True


class Writer:
    """Appends rows to the chain, a batch per statement."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        conn.execute("PRAGMA wal_autocheckpoint=0")  # the Checkpointer's work
        # the chain's end as this writer left it: the hash to link to, and the last row's
        # hash as stored (None: no row yet); None when not known
        self._head: tuple[str, str | None] | None = None

    def settings(self) -> dict[str, Any]:
        """What the connection runs with (the store shows it; tests check it)."""
        return {
            "journal_mode": self.conn.execute("PRAGMA journal_mode").fetchone()[0],
            "synchronous": self.conn.execute("PRAGMA synchronous").fetchone()[0],
            "wal_autocheckpoint": self.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0],
        }

    def write(self, lines: Sequence[bytes], maybe_stored: Sequence[bool]) -> list[Outcome]:
        """Commit the records (canonical JSON) in order, at most _BATCH per statement;
        what each became. A record that may be stored already and is (by id) is not
        stored again: its outcome is its stored hash."""
        outcomes: list[Outcome | None] = [None] * len(lines)
        rows: list[tuple[int, Row]] = []
        for at, line in enumerate(lines):
            try:
                rows.append((at, row_of(line)))
            except ValueError as exc:
                outcomes[at] = describe(exc)
        if any(maybe_stored):
            try:
                stored = self._stored([r[0] for at, r in rows if maybe_stored[at]])
            except Exception as exc:  # unknown: storing them again could double them
                stored, failed = {}, describe(exc)
                for at, _ in rows:
                    if maybe_stored[at]:
                        outcomes[at] = failed
            for at, r in rows:
                if r[0] in stored and maybe_stored[at]:
                    outcomes[at] = stored[r[0]]
            rows = [(at, r) for at, r in rows if outcomes[at] is None]
        for start in range(0, len(rows), _BATCH):
            batch = rows[start : start + _BATCH]
            for (at, _), outcome in zip(batch, self._commit([r for _, r in batch]), strict=True):
                outcomes[at] = outcome
        return [o for o in outcomes if o is not None]

    def _commit(self, batch: Sequence[Row]) -> list[Outcome]:
        """Insert the rows in one statement; what each became. When a row of several is
        refused for what it holds (an id stored already, a value too large), the rows are
        inserted one by one, so that only the refused ones fail."""
        try:
            return list(self._insert(batch))
        except (sqlite3.IntegrityError, sqlite3.DataError) as exc:
            if len(batch) == 1:
                return [describe(exc)]
        except Exception as exc:  # the file's fault (full, locked, broken): every row's
            return [describe(exc)] * len(batch)
        return [outcome for row in batch for outcome in self._commit([row])]

    def _stored(self, ids: Sequence[str]) -> dict[str, str]:
        """The stored hash of each of these ids that is stored."""
        found: dict[str, str] = {}
        for start in range(0, len(ids), 500):  # within SQLite's oldest limit of 999
            chunk = ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            sql = f"SELECT id, hash FROM exchanges WHERE id IN ({marks})"  # noqa: S608  # marks only
            found.update(self.conn.execute(sql, chunk).fetchall())
        return found

    def _insert(self, batch: Sequence[Row]) -> list[str]:
        sql = _INSERT.format(rows=", ".join([_ROW] * len(batch)), last=_LAST)
        while True:
            if self._head is None:
                row = self.conn.execute(_LAST).fetchone()
                self._head = (row[0], row[0]) if row else (GENESIS, None)
            prev, expected = self._head
            hashes: list[str] = []
            values: list[Any] = []
            for *columns, text in batch:
                digest = chain_hash(prev, text)
                values += (*columns, text, prev, digest)
                hashes.append(digest)
                prev = digest
            try:
                inserted = self.conn.execute(sql, (*values, expected)).rowcount
            except BaseException:
                self._head = None
                raise
            if inserted == len(batch):
                self._head = (prev, prev)
                return hashes
            self._head = None  # another process extended the chain: hash the batch on its end


def serve(path: str, synchronous: Synchronous, fd_in: int, fd_out: int) -> int:
    """Answer the lines read from fd_in on fd_out until fd_in ends; the exit status."""
    try:
        writer = Writer(connect(path, synchronous=synchronous))
        checkpointer = Checkpointer(path, synchronous)
    except Exception as exc:
        _send(fd_out, [orjson.dumps({"error": describe(exc)})])
        return 1
    _send(fd_out, [orjson.dumps({"ready": writer.settings()})])
    listening = True  # False once the store is gone: records are still committed
    pending = b""  # the start of a line not read whole yet
    records: list[bytes] = []  # what was read since the last answer
    resent: list[bool] = []  # which of them may be stored already
    sizes: list[int] = []  # the batches among them read whole
    whole = 0  # how many records those hold
    maybe_stored = False  # the batch being read was resent
    unchecked = 0  # records committed since the last checkpoint was asked for
    while chunk := os.read(fd_in, READ_BYTES):
        *lines, pending = (pending + chunk).split(b"\n")
        for line in lines:
            if line == RESENT:
                maybe_stored = True
            elif line:
                records.append(line)
                resent.append(maybe_stored)
            else:
                sizes.append(len(records) - whole)
                whole = len(records)
                maybe_stored = False
        if not sizes:
            continue
        outcomes = writer.write(records[:whole], resent[:whole])
        del records[:whole], resent[:whole]
        unchecked += whole
        if unchecked >= _CHECKPOINT_ROWS:
            checkpointer.ask()
            unchecked = 0
        if listening:
            answers, at = [], 0
            for size in sizes:
                answers.append(orjson.dumps(outcomes[at : at + size]))
                at += size
            listening = _send(fd_out, answers)
        sizes, whole = [], 0
        # when nothing waits to be committed, or at the latest well before the next one
        if checkpointer.behind and (unchecked >= _CHECKPOINT_ROWS // 2 or not _waiting(fd_in)):
            checkpointer.catch_up(writer.conn)
    checkpointer.close()
    writer.conn.close()  # the last connection: it checkpoints what is left
    return 0


def _log(event: str, **fields: str) -> None:
    """A warning on stderr (the proxy's), one JSON object per line as the proxy writes."""
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    line = {"event": event, **fields, "level": "warning", "timestamp": now}
    sys.stderr.buffer.write(orjson.dumps(line) + b"\n")
    sys.stderr.buffer.flush()


def _waiting(fd: int) -> bool:
    """Whether there is something to read on fd."""
    return bool(select.select([fd], [], [], 0)[0])


def _send(fd: int, lines: list[bytes]) -> bool:
    """Write the lines; False when nobody reads them any more."""
    data = b"\n".join(lines) + b"\n"
    try:
        while data:
            data = data[os.write(fd, data) :]
    except BrokenPipeError:
        return False
    return True


def main(argv: Sequence[str]) -> int:
    """Run as the store's writer process: argv is PATH SYNCHRONOUS."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    path, synchronous = argv
    if synchronous not in _SYNCHRONOUS:
        raise SystemExit(f"synchronous must be one of {sorted(_SYNCHRONOUS)}")
    return serve(path, cast("Synchronous", synchronous), sys.stdin.fileno(), sys.stdout.fileno())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
