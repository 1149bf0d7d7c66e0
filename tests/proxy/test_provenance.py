"""The provenance store: committed, chained, verifiable, and never holding a key."""

from __future__ import annotations

import asyncio
import itertools
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import orjson
import pytest

from proxy.config import Config
from proxy.provenance import ProvenanceStore, WriterError, find_record, read_records, verify, writer
from proxy.provenance.store import canonical
from proxy.services import Services
from tests.servers import children, running


def record(n: int) -> dict:
    return {
        "id": f"ex{n:04d}",
        "started_at": f"2026-01-01T00:00:{n % 60:02d}",
        "dialect": "openai.chat",
        "model": "gpt-test",
        "upstream": "u",
        "verdict": "pass",
        "rounds": [],
        "n": n,
    }


async def fill(path: Path, count: int, start: int = 0) -> list[str]:
    store = ProvenanceStore(path)
    try:
        return list(
            await asyncio.gather(*(store.append(record(i)) for i in range(start, start + count)))
        )
    finally:
        store.close()


async def test_concurrent_appends_are_all_committed_in_one_chain(tmp_path: Path):
    path = tmp_path / "p.sqlite3"
    hashes = await fill(path, 300)
    assert len(set(hashes)) == 300
    assert verify(path) == (300, None)
    assert sorted(r.record["n"] for r in read_records(path)) == list(range(300))


async def test_a_waiter_that_goes_away_loses_nothing_and_stops_no_other(tmp_path: Path):
    path = tmp_path / "p.sqlite3"
    store = ProvenanceStore(path)
    try:
        pending = [store.append(record(i)) for i in range(20)]  # queued at once
        pending[3].cancel()  # its caller went away (a client disconnected)
        hashes = await asyncio.gather(*pending[4:])
        assert len(set(hashes)) == 16
        assert await store.append(record(20))  # the writer goes on
    finally:
        store.close()
    assert verify(path) == (21, None)  # the cancelled one's record was committed too


async def test_a_refused_record_fails_alone_and_the_writer_goes_on(tmp_path: Path):
    store = ProvenanceStore(tmp_path / "p.sqlite3")
    try:
        # queued in one turn: one batch, one statement, which the duplicate makes fail
        batch = [store.append(record(n)) for n in (1, 2, 1, 3)]  # the second 1: same id
        results = await asyncio.gather(*batch, return_exceptions=True)
        assert isinstance(results[2], sqlite3.IntegrityError)  # the UNIQUE column refuses it
        assert all(isinstance(r, str) and len(r) == 64 for i, r in enumerate(results) if i != 2)
        assert len(await store.append(record(4))) == 64  # and the next write is fine
    finally:
        store.close()
    assert verify(tmp_path / "p.sqlite3") == (4, None)  # the others were all stored
    assert sorted(r.record["n"] for r in read_records(tmp_path / "p.sqlite3")) == [1, 2, 3, 4]


async def test_a_record_that_is_not_json_is_refused_at_once(tmp_path: Path):
    store = ProvenanceStore(tmp_path / "p.sqlite3")
    try:
        with pytest.raises(TypeError):
            store.append({**record(1), "n": object()})
        assert await store.append(record(2))
    finally:
        store.close()


async def test_a_second_store_on_the_same_file_continues_the_chain(tmp_path: Path):
    path = tmp_path / "p.sqlite3"
    await fill(path, 5)
    await fill(path, 5, start=5)
    count, problem = verify(path)
    assert (count, problem) == (10, None)


async def test_two_stores_writing_in_turn_on_one_file_keep_one_chain(tmp_path: Path):
    # each writer keeps the chain's end in memory; the other's rows make it stale
    path = tmp_path / "p.sqlite3"
    first, second = ProvenanceStore(path), ProvenanceStore(path)
    try:
        for n in range(0, 12, 2):
            await first.append(record(n))
            await second.append(record(n + 1))
        both = [first.append(record(n)) for n in range(12, 40)]
        both += [second.append(record(n)) for n in range(40, 70)]
        await asyncio.gather(*both)
    finally:
        first.close()
        second.close()
    assert verify(path) == (70, None)
    assert sorted(r.record["n"] for r in read_records(path)) == list(range(70))


async def test_a_store_whose_last_hash_was_tampered_with_still_takes_records(tmp_path: Path):
    # the writer links to the last row as stored, whatever it holds: it must not spin
    path = tmp_path / "p.sqlite3"
    await fill(path, 3)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE exchanges SET hash = '' WHERE seq = 3")
    store = ProvenanceStore(path)
    try:
        assert len(await asyncio.wait_for(store.append(record(3)), timeout=10)) == 64
    finally:
        store.close()
    assert verify(path)[1] is not None  # the tampering is still found


def writer_of(path: Path) -> int:
    """The writer process of this test's store (named by its file)."""
    [pid] = children(os.getpid(), str(path))
    return pid


async def test_records_go_to_a_writer_process_that_ignores_ctrl_c_and_holds_no_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    # Ctrl-C reaches the whole process group; the proxy then shuts down gracefully and
    # its writer must still be there to commit what the last requests recorded
    sentinel = "sk-upstream-" + "Wr1t" * 8
    monkeypatch.setenv("CODETAMER_TEST_UPSTREAM_KEY", sentinel)
    store = ProvenanceStore(tmp_path / "p.sqlite3")
    try:
        pid = writer_of(tmp_path / "p.sqlite3")
        assert sentinel.encode() not in Path(f"/proc/{pid}/environ").read_bytes()
        assert os.getsid(pid) == pid  # a session of its own: a terminal's Ctrl-C misses it
        os.kill(pid, signal.SIGINT)
        os.kill(pid, signal.SIGTERM)
        assert len(await store.append(record(1))) == 64
        assert writer_of(tmp_path / "p.sqlite3") == pid
    finally:
        store.close()
    assert not running(pid)  # it ends when its input does
    assert verify(tmp_path / "p.sqlite3") == (1, None)


async def test_what_a_dead_writer_held_goes_to_the_next_one_and_is_stored_once(tmp_path: Path):
    path = tmp_path / "p.sqlite3"
    store = ProvenanceStore(path)
    try:
        await store.append(record(0))
        pid = writer_of(path)
        os.kill(pid, signal.SIGSTOP)
        held = [store.append(record(n)) for n in (1, 2)]
        await asyncio.sleep(0.05)  # sent: in the pipe, never read
        os.kill(pid, signal.SIGKILL)
        hashes = await asyncio.wait_for(asyncio.gather(*held), timeout=10)
        assert [len(h) for h in hashes] == [64, 64]
        assert len(await store.append(record(3))) == 64
        assert writer_of(path) != pid
    finally:
        store.close()
    assert sorted(r.record["n"] for r in read_records(path)) == [0, 1, 2, 3]
    assert verify(path) == (4, None)


async def test_a_writer_that_cannot_open_the_file_is_retried_until_it_can(tmp_path: Path):
    folder = tmp_path / "d"
    store = ProvenanceStore(folder / "p.sqlite3")
    try:
        await store.append(record(0))
        pid = writer_of(folder / "p.sqlite3")
        folder.rename(tmp_path / "away")  # the running writer keeps its open file
        folder.write_text("")  # its successor cannot make the folder
        os.kill(pid, signal.SIGKILL)
        with pytest.raises(WriterError):  # sent to two writers that could not open it
            await asyncio.wait_for(store.append(record(1)), timeout=10)
        folder.unlink()
        (tmp_path / "away").rename(folder)
        deadline = time.monotonic() + 10
        while True:  # retried about once a second
            try:
                await asyncio.wait_for(store.append(record(2)), timeout=10)
                break
            except WriterError:
                assert time.monotonic() < deadline, "the writer never came back"
    finally:
        store.close()
    assert sorted(r.record["n"] for r in read_records(folder / "p.sqlite3")) == [0, 2]


def run_writer(path: Path, data: bytes) -> list[object]:
    """Run the writer on pipes, feed it data 7 bytes at a time, then end; its answers."""
    to_writer, from_store = os.pipe()
    to_store, from_writer = os.pipe()
    status: list[int] = []
    serving = threading.Thread(
        target=lambda: status.append(writer.serve(str(path), "normal", to_writer, from_writer))
    )
    serving.start()
    for at in range(0, len(data), 7):
        os.write(from_store, data[at : at + 7])
    os.close(from_store)
    serving.join(timeout=30)
    os.close(from_writer)
    os.close(to_writer)
    with os.fdopen(to_store, "rb") as answers:
        lines = answers.read().splitlines()
    assert status == [0]
    assert orjson.loads(lines[0])["ready"]["journal_mode"] == "wal"
    return [orjson.loads(line) for line in lines[1:]]


def test_the_writer_answers_each_batch_whatever_pieces_it_arrives_in(tmp_path: Path):
    # batches are canonical JSON lines closed by an empty line; the pipe may split them
    # anywhere, and a line that is no record fails alone
    path = tmp_path / "p.sqlite3"
    lines = [canonical(record(n)).encode() for n in range(5)]
    data = b"\n".join(lines[:2]) + b"\n\n" + lines[2] + b"\n[1]\n" + b"\n".join(lines[3:])
    first, second = run_writer(path, data + b"\n\n")
    assert [len(h) for h in first] == [64, 64]
    assert [len(h) if isinstance(h, str) else h["type"] for h in second] == [
        64,
        "ValueError",
        64,
        64,
    ]
    # a batch resent after a writer died (it starts with "?") stores only what the dead
    # one had not stored yet, and answers the rest with their stored hash
    [resent] = run_writer(path, b"?\n" + lines[1] + b"\n" + canonical(record(5)).encode() + b"\n\n")
    assert resent[0] == first[1]
    assert len(resent[1]) == 64
    assert sorted(r.record["n"] for r in read_records(path)) == list(range(6))
    assert verify(path) == (6, None)


def test_the_writer_checkpoints_in_a_thread_while_it_runs(tmp_path: Path):
    # no commit runs SQLite's automatic checkpoint (it held one commit in ~180 for 5 to
    # 14 ms under load); the writer's own thread copies the log into the file instead
    path = tmp_path / "p.sqlite3"
    to_writer, from_store = os.pipe()
    to_store, from_writer = os.pipe()
    serving = threading.Thread(
        target=writer.serve, args=(str(path), "normal", to_writer, from_writer)
    )
    serving.start()
    try:
        with os.fdopen(to_store, "rb") as answers:
            assert b"ready" in answers.readline()
            empty = path.stat().st_size  # the schema only: every row is in the log so far
            rows = [canonical({**record(n), "pad": "x" * 2000}).encode() for n in range(300)]
            os.write(from_store, b"\n".join(rows) + b"\n\n")
            assert len(orjson.loads(answers.readline())) == 300
            deadline = time.monotonic() + 10
            while path.stat().st_size < empty + 300 * 2000:  # the rows reached the file
                assert time.monotonic() < deadline, "no checkpoint while the writer ran"
                time.sleep(0.01)
    finally:
        os.close(from_store)
        serving.join(timeout=30)
        os.close(from_writer)
        os.close(to_writer)
    assert verify(path) == (300, None)


@pytest.mark.parametrize("paced", [True, False], ids=["answer-awaited", "all-queued"])
def test_the_log_starts_over_while_records_keep_coming(tmp_path: Path, paced: bool):
    # the thread's checkpoint cannot copy what is committed while it runs, and SQLite
    # starts the log over only once all of it is in the file: unless the writer copies
    # the rest itself, steady writes grow the log without end (it did, 260 MB in 8 s).
    # Records come one batch at a time, each sent once the one before it is answered
    # (the writer catches up when nothing waits), or all queued at once (it catches up
    # before the next checkpoint is due)
    path = tmp_path / "p.sqlite3"
    log = tmp_path / "p.sqlite3-wal"
    count = 6000
    batches = [canonical({**record(n), "pad": "x" * 1000}).encode() + b"\n\n" for n in range(count)]
    to_writer, from_store = os.pipe()
    to_store, from_writer = os.pipe()
    serving = threading.Thread(
        target=writer.serve, args=(str(path), "normal", to_writer, from_writer)
    )
    serving.start()
    feeding = threading.Thread(target=lambda: [os.write(from_store, b) for b in batches])
    largest = 0
    try:
        with os.fdopen(to_store, "rb") as answers:
            assert b"ready" in answers.readline()
            if not paced:
                feeding.start()
            for batch in batches:
                if paced:
                    os.write(from_store, batch)
                assert len(orjson.loads(answers.readline())) == 1
                largest = max(largest, log.stat().st_size)
    finally:
        if feeding.is_alive():
            feeding.join(timeout=30)
        os.close(from_store)
        serving.join(timeout=30)
        os.close(from_writer)
        os.close(to_writer)
    assert verify(path) == (count, None)
    # it starts over about every 300 records (under 6 MB of log here); without the
    # writer's catch-up, it reached 22 MB all queued and 98 MB answer-awaited
    assert largest < 12 << 20, f"the log reached {largest} bytes"


# runs the writer with an audit hook that notes every file Python opens, and every
# SQLite connection made, then writes them to argv[2] as JSON when the writer ends
_WATCHED_WRITER = """
import atexit, os, sys
import orjson
from proxy.provenance import writer
opened, connected = [], []
def note(event, args):
    if event == "open" and not isinstance(args[0], int):
        opened.append(os.fsdecode(args[0]))
    elif event == "sqlite3.connect":
        connected.append(os.fsdecode(args[0]))
sys.addaudithook(note)
atexit.register(lambda: open(sys.argv[2], "wb").write(orjson.dumps([opened, connected])))
sys.exit(writer.main([sys.argv[1], "normal"]))
"""


def test_the_writer_opens_the_database_files_only_through_sqlite(tmp_path: Path):
    # closing any descriptor of the file drops every POSIX lock the process holds on it,
    # SQLite's included: a sync through descriptors of the writer's own (once added to
    # shorten its catch-up) lost records when two proxies shared a file, 1 race in 30,
    # which the race test above catches only now and then. This catches it every time:
    # through checkpoints and catch-ups, Python itself opens none of the three files
    path, report = tmp_path / "p.sqlite3", tmp_path / "opened.json"
    process = subprocess.Popen(
        [sys.executable, "-c", _WATCHED_WRITER, str(path), str(report)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert process.stdin is not None and process.stdout is not None
    assert b"ready" in process.stdout.readline()
    for start in range(0, 1200, 40):  # past several checkpoints, each answer awaited
        rows = [
            canonical({**record(n), "pad": "x" * 1000}).encode() for n in range(start, start + 40)
        ]
        process.stdin.write(b"\n".join(rows) + b"\n\n")
        process.stdin.flush()
        assert len(orjson.loads(process.stdout.readline())) == 40
    process.stdin.close()
    assert process.wait(timeout=30) == 0
    process.stdout.close()
    opened, connected = orjson.loads(report.read_bytes())
    assert connected == [str(path)] * 2  # the writer's connection and the checkpoints'
    assert [name for name in opened if name.startswith(str(path))] == []
    assert verify(path) == (1200, None)


def test_a_failed_checkpoint_is_a_warning_line(tmp_path: Path, capfd: pytest.CaptureFixture[str]):
    # a checkpoint that fails is logged as the proxy's own lines are, and the writer goes
    # on (the next one may do); a read-only connection's checkpoint fails for real
    path = tmp_path / "p.sqlite3"
    writing, reading = writer.connect(path), writer.connect(path, readonly=True)
    writer.Writer(writing).write([canonical(record(0)).encode()], [False])  # in the log
    assert not writer._checkpoint(reading)
    assert writer._checkpoint(writing)
    reading.close()
    writing.close()
    (line,) = capfd.readouterr().err.splitlines()
    logged = orjson.loads(line)
    assert logged["event"] == "provenance_checkpoint_failed"
    assert (logged["level"], logged["error"]) == ("warning", "OperationalError")


async def test_closing_commits_what_was_queued_and_settles_its_waiters(tmp_path: Path):
    path = tmp_path / "p.sqlite3"
    store = ProvenanceStore(path)
    pending = [store.append(record(n)) for n in range(50)]
    store.close()  # before the loop's turn ended: nothing was sent yet
    assert all(p.done() for p in pending)
    assert len({p.result() for p in pending}) == 50
    assert verify(path) == (50, None)


async def test_a_writer_that_falls_behind_never_stops_the_event_loop(tmp_path: Path):
    # stopped, the writer reads nothing: the rows fill its pipe, and the loop keeps the
    # rest until there is room, turning meanwhile
    path = tmp_path / "p.sqlite3"
    store = ProvenanceStore(path)
    try:
        pid = writer_of(path)
        os.kill(pid, signal.SIGSTOP)
        resume = threading.Timer(1.0, os.kill, (pid, signal.SIGCONT))  # even if the loop hangs
        resume.start()
        big = "x" * 2048
        pending = [store.append({**record(n), "pad": big}) for n in range(3000)]  # ~6 MB
        turns = 0
        while not resume.finished.is_set():
            await asyncio.sleep(0.001)
            turns += 1
        assert turns > 100  # the loop turned while the writer was stopped
        hashes = await asyncio.wait_for(asyncio.gather(*pending), timeout=60)
        assert len(set(hashes)) == 3000
    finally:
        resume.cancel()
        os.kill(pid, signal.SIGCONT)
        store.close()
    assert verify(path) == (3000, None)


def test_a_store_goes_on_with_the_next_loop_once_one_ended(tmp_path: Path):
    # tests and `codetamer mcp` open a store before its loop runs; a loop that ends
    # with rows queued (or unanswered) leaves them to the next one
    path = tmp_path / "p.sqlite3"
    store = ProvenanceStore(path)
    try:

        async def leave_one() -> None:
            store.append(record(0))  # not awaited: this loop ends first

        async def wait_for_one() -> str:
            return await asyncio.wait_for(store.append(record(1)), timeout=10)

        asyncio.run(leave_one())
        assert len(asyncio.run(wait_for_one())) == 64
    finally:
        store.close()
    assert sorted(r.record["n"] for r in read_records(path)) == [0, 1]


async def test_a_store_serves_one_running_loop_at_a_time(tmp_path: Path):
    store = ProvenanceStore(tmp_path / "p.sqlite3")
    try:
        await store.append(record(0))

        async def from_another_loop() -> None:
            store.append(record(1))

        with pytest.raises(RuntimeError, match="one running event loop"):
            await asyncio.to_thread(asyncio.run, from_another_loop())
    finally:
        store.close()


def test_a_store_whose_file_cannot_be_made_says_why_at_once(tmp_path: Path):
    (tmp_path / "file").write_text("")
    with pytest.raises(WriterError, match="file"):
        ProvenanceStore(tmp_path / "file" / "p.sqlite3")


_WRITER = """
import asyncio, sys
from pathlib import Path
from proxy.provenance import ProvenanceStore

async def main(path, first, count):
    store = ProvenanceStore(Path(path))
    Path(f"{path}.ready{first}").touch()
    while not Path(f"{path}.go").exists():  # both start writing together
        await asyncio.sleep(0.001)
    try:
        for n in range(first, first + count):
            rec = {"id": f"ex{n:04d}", "started_at": "2026-01-01T00:00:00", "dialect": "d",
                   "model": "m", "upstream": "u", "verdict": "pass", "rounds": [], "n": n}
            await store.append(rec)
    finally:
        store.close()

asyncio.run(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
"""


def test_two_processes_appending_to_one_file_keep_one_chain(tmp_path: Path):
    # the writers race; a run where one happened to finish before the other began proves
    # nothing about racing, so it is run again (on a fresh file), three times at most
    for attempt in range(3):
        path = tmp_path / f"p{attempt}.sqlite3"
        order = _race_two_writers(path, _RACED)
        assert verify(path) == (2 * _RACED, None)
        assert sorted(order) == list(range(2 * _RACED))
        if sum((a < _RACED) != (b < _RACED) for a, b in itertools.pairwise(order)) > 1:
            return
    pytest.fail("the two writers never interleaved in three runs")


_RACED = 400  # records each writer appends


def _race_two_writers(path: Path, count: int) -> list[int]:
    """Start two writer processes, let them append together; the stored order of `n`."""
    writers = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(path), str(first), str(count)])
        for first in (0, count)
    ]
    deadline = time.monotonic() + 60
    while not all(Path(f"{path}.ready{first}").exists() for first in (0, count)):
        assert time.monotonic() < deadline, "the writers did not start"
        time.sleep(0.01)
    Path(f"{path}.go").touch()
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    return [r.record["n"] for r in read_records(path)]


@pytest.mark.parametrize(
    ("sql", "reason"),
    [
        (
            "UPDATE exchanges SET record = replace(record, '\"n\":7', '\"n\":8') WHERE seq = 8",
            "content",
        ),
        ("UPDATE exchanges SET verdict = 'repaired' WHERE seq = 8", "columns"),
        ("DELETE FROM exchanges WHERE seq = 8", "does not link"),
        ("UPDATE exchanges SET hash = '00' WHERE seq = 8", "content"),
    ],
)
async def test_verify_names_the_first_altered_row(tmp_path: Path, sql: str, reason: str):
    path = tmp_path / "p.sqlite3"
    await fill(path, 12)
    with sqlite3.connect(path) as db:
        db.execute(sql)
    _, problem = verify(path)
    assert problem is not None
    assert reason in problem.reason
    assert problem.seq in (8, 9)


async def test_find_record_takes_an_id_or_a_unique_prefix(tmp_path: Path):
    path = tmp_path / "p.sqlite3"
    await fill(path, 3)
    assert find_record(path, "ex0001").record["n"] == 1
    assert find_record(path, "ex000") is None  # three match: not unique
    assert find_record(path, "nope") is None


async def test_a_closed_store_refuses_new_records(tmp_path: Path):
    store = ProvenanceStore(tmp_path / "p.sqlite3")
    store.close()
    with pytest.raises(RuntimeError, match="closed"):
        store.append(record(1))


@pytest.mark.parametrize(("setting", "level"), [("normal", 1), ("full", 2)])
async def test_the_synchronous_setting_reaches_sqlite_and_records_still_commit(
    tmp_path: Path, setting: str, level: int
):
    config = Config.model_validate(
        {"provenance": {"path": str(tmp_path / "p.sqlite3"), "synchronous": setting}}
    )
    services = Services.build(config)
    services.open()
    try:
        assert services.store is not None
        assert services.store.settings == {
            "journal_mode": "wal",
            "synchronous": level,
            "wal_autocheckpoint": 0,  # the writer's checkpoint thread does it
        }
        await services.store.append(record(1))
    finally:
        await services.aclose()
    assert verify(tmp_path / "p.sqlite3") == (1, None)
