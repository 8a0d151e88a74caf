"""Several programs at one database: a writer that holds the lock delays the others instead of
failing them, first opens race safely, and a lock held past every wait is one clear error (a
503 with Retry-After from the server)."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from claimgraph import workflow
from claimgraph.errors import StoreBusy
from claimgraph.options import Options
from claimgraph.serve.web import create_app
from claimgraph.store import Store
from claimgraph.store import database as database_module

# Tests wait a fraction of a second where the command waits 30 s: the same code paths, quickly.
BUSY_MS = 200


@pytest.fixture
def short_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(database_module, "BUSY_MS", BUSY_MS)


def hold(db: Path, seconds: float, holding: threading.Event) -> None:
    """Another program: take the write lock, say so, keep it for `seconds`."""
    conn = sqlite3.connect(db, isolation_level=None, timeout=30)
    conn.execute("BEGIN IMMEDIATE")
    holding.set()
    time.sleep(seconds)
    conn.execute("COMMIT")
    conn.close()


@contextmanager
def lock_held(db: Path, seconds: float) -> Iterator[None]:
    holding = threading.Event()
    t = threading.Thread(target=hold, args=(db, seconds, holding))
    t.start()
    try:
        assert holding.wait(10)
        yield
    finally:
        t.join()


def articles(folder: Path, n: int) -> list[str]:
    paths = []
    for i in range(n):
        p = folder / f"a{i}.txt"
        p.write_text(f"Report {i}\n\nMayor Ana Petrov said on Monday that {i + 3} bridges would be repaired.\n")
        paths.append(str(p))
    return paths


@pytest.mark.usefixtures("short_waits")
def test_a_lock_held_past_the_busy_wait_delays_a_document_not_the_batch(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(database_module, "WRITE_TRIES", 40)  # 8 s of waits in all
    db = tmp_path / "x.db"
    paths = articles(tmp_path, 8)
    holding = threading.Event()
    holder = threading.Thread(target=hold, args=(db, 1.5, holding))  # over 7 busy waits

    def progress(name: str) -> None:
        if name.endswith("a2.txt"):  # the lock is taken while the batch runs
            holder.start()
            assert holding.wait(10)

    with Store(db) as s:
        report = workflow.ingest(s, paths, Options(), progress=progress)
        holder.join()
        assert report.new == 8 and not report.failed
        assert s.count("documents") == 8 and s.count("errors") == 0


def _open(args: tuple[str, float]) -> str:
    db, start = args
    while time.time() < start:
        time.sleep(0.002)
    try:
        with Store(db) as s:
            return str(s.db.value("PRAGMA journal_mode"))
    except Exception as exc:  # noqa: BLE001 - reported to the test
        return f"{type(exc).__name__}: {exc}"


def test_simultaneous_first_opens_of_a_new_database_all_succeed(tmp_path: Path) -> None:
    db = str(tmp_path / "new.db")
    n = 48
    with multiprocessing.get_context("fork").Pool(n) as pool:
        results = pool.map(_open, [(db, time.time() + 1.0)] * n)
    assert results == ["wal"] * n


@pytest.mark.usefixtures("short_waits")
def test_a_lock_held_past_every_wait_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(database_module, "WRITE_TRIES", 2)
    db = tmp_path / "x.db"
    Store(db).close()
    with lock_held(db, 2.0), pytest.raises(StoreBusy, match="run the command again"):
        Store(db)
    with Store(db) as s:  # and nothing is left half-done
        assert s.db.value("PRAGMA integrity_check") == "ok"


@pytest.mark.usefixtures("short_waits")
def test_the_server_answers_503_with_retry_after_while_the_database_is_locked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(database_module, "WRITE_TRIES", 2)
    db = tmp_path / "x.db"
    Store(db).close()
    with TestClient(create_app(db, token="t0ken-long-enough-16", readonly=False), base_url="http://127.0.0.1") as client, lock_held(db, 2.0):
        r = client.post("/api/upload", files={"file": ("a.txt", b"The mayor said 12 homes were lost.")},
                        data={"token": "t0ken-long-enough-16"})
        assert r.status_code == 503, r.text
        assert int(r.headers["Retry-After"]) > 0
        assert r.json()["error"] and "Traceback" not in r.text
